package queue

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/store"
)

// Errors a worker parks messages with (beside the analysis' and the store's
// own errors).
var (
	// ErrGaveUp means a message was delivered MaxDeliver times without
	// being acknowledged or parked: its workers died or hung on it, or the
	// store kept failing.
	ErrGaveUp = errors.New("gave up after the maximum number of deliveries")
	// ErrPanic means the analysis panicked on the article.
	ErrPanic = errors.New("analysis panicked")
)

// Store is what a worker needs of a store: store.Store has it.
type Store interface {
	store.Appender
	// Has reports whether a document is stored (a redelivered message
	// whose document is already stored is acknowledged without analysis).
	Has(ctx context.Context, id string) (bool, error)
}

// Result is what a worker did with one message.
type Result int

// Results of handling a message.
const (
	// Stored: the document was analysed and stored, and the message
	// acknowledged.
	Stored Result = iota
	// Existing: the document was already stored (a redelivery or a
	// republished article); the message was acknowledged.
	Existing
	// Parked: the message was moved to the parked stream with its error.
	Parked
	// Retry: the store failed; the message was handed back to be
	// delivered again after a delay.
	Retry
	// Released: the worker was stopping while the store was failing; the
	// message was handed back at once for another worker.
	Released
)

// String names the result.
func (r Result) String() string {
	switch r {
	case Stored:
		return "stored"
	case Existing:
		return "existing"
	case Parked:
		return "parked"
	case Retry:
		return "retry"
	case Released:
		return "released"
	}
	return "result(" + strconv.Itoa(int(r)) + ")"
}

// Outcome reports one handled message.
type Outcome struct {
	// Result is what was done with the message.
	Result Result
	// ID is the document id, "" when the message could not be decoded.
	ID string
	// Input is the input the article was read from.
	Input string
	// Deliveries is how many times the message has been delivered,
	// counting this time.
	Deliveries uint64
	// Err is the error that made the message parked or retried.
	Err error
	// Elapsed is the time spent on the message.
	Elapsed time.Duration
}

// Stats counts what a worker did: messages by Result, and Redelivered, the
// messages that had been delivered before (to a worker that died, hung,
// or handed them back). Analysing and Storing add up the time spent in
// the analysis and in successful store writes, to tell which one bounds
// the throughput.
type Stats struct {
	Stored, Existing, Parked, Retried, Released int64
	Redelivered                                 int64
	Analysing, Storing                          time.Duration
}

// Worker pulls articles from the queue, analyses and stores them. Its
// fields are set before Run and not changed afterwards.
type Worker struct {
	// Queue is where messages come from and where poison ones are parked.
	Queue *Queue
	// Store receives the documents.
	Store Store
	// Analyze turns an article into an analysed document
	// (analyze.Analyzer.Analyze); it is called from several goroutines.
	Analyze func(doc.Article) (*doc.Doc, error)
	// Concurrency is the number of messages handled at once; 0 means the
	// number of cores.
	Concurrency int
	// StoreRetry is how long a failing store write is retried in place
	// (the message kept alive) before the message is handed back with a
	// delay; 0 means 2 minutes. A database restart thus costs no
	// deliveries.
	StoreRetry time.Duration
	// FetchWait is how long one pull request waits for messages (default
	// 2s); it bounds how long a stopping worker waits for a pull.
	FetchWait time.Duration
	// MaxWork is how long a worker keeps a message alive (see
	// Config.AckWait) while analysing and storing it; 0 means 10 minutes.
	// A message still not done by then is delivered to another worker, so
	// an analysis that hangs costs a delivery instead of holding the
	// message for ever.
	MaxWork time.Duration
	// Logf, when set, receives operational messages (connection trouble,
	// store failures being retried).
	Logf func(format string, args ...any)
	// Done, when set, is called after each message with what happened to
	// it, from several goroutines.
	Done func(Outcome)

	stats struct {
		stored, existing, parked, retried, released, redelivered atomic.Int64
		analysing, storing                                       atomic.Int64 // nanoseconds
	}
}

// Stats returns the counts so far; safe to call while Run runs.
func (w *Worker) Stats() Stats {
	s := &w.stats
	return Stats{s.stored.Load(), s.existing.Load(), s.parked.Load(), s.retried.Load(), s.released.Load(), s.redelivered.Load(),
		time.Duration(s.analysing.Load()), time.Duration(s.storing.Load())}
}

func (w *Worker) logf(format string, args ...any) {
	if w.Logf != nil {
		w.Logf(format, args...)
	}
}

// Run handles messages until ctx is cancelled, then stops fetching, lets
// the messages in hand finish (each acknowledged, parked or handed back)
// and returns nil. At the start it sets the shared consumer's delivery
// rules (Config.AckWait, MaxDeliver) to its queue's; it returns an error
// only when that fails.
func (w *Worker) Run(ctx context.Context) error {
	if w.Queue == nil || w.Store == nil || w.Analyze == nil {
		return fmt.Errorf("%w: worker needs a queue, a store and an analyzer", ErrConfig)
	}
	n := w.Concurrency
	if n <= 0 {
		n = runtime.NumCPU()
	}
	wait := w.FetchWait
	if wait <= 0 {
		wait = 2 * time.Second
	}
	q := w.Queue
	// Work in hand is finished even when ctx is cancelled.
	work := context.WithoutCancel(ctx)
	// This worker's delivery rules become the consumer's.
	sctx, cancel := context.WithTimeout(work, time.Minute)
	defer cancel()
	if err := q.ensureConsumer(sctx, true); err != nil {
		return err
	}
	cons, err := q.js.Consumer(sctx, q.cfg.Stream, q.cfg.Consumer)
	if err != nil {
		return fmt.Errorf("consumer %s on %s: %w", q.cfg.Consumer, q.cfg.Stream, err)
	}
	slots := make(chan struct{}, n)
	var wg sync.WaitGroup
	pause := time.Duration(0)
	lastErr := ""
	for ctx.Err() == nil {
		// Take at least one free slot, then every other free one: pull
		// only as many messages as can be worked on now, so none waits in
		// a buffer while its ack timer runs.
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
			continue
		}
		free := 1
	take:
		for free < n {
			select {
			case slots <- struct{}{}:
				free++
			default:
				break take
			}
		}
		batch, err := cons.Fetch(free, jetstream.FetchMaxWait(wait))
		used := 0
		if err == nil {
			for msg := range batch.Messages() {
				used++
				wg.Add(1)
				go func() {
					defer wg.Done()
					defer func() { <-slots }()
					w.handle(ctx, work, msg)
				}()
			}
			err = batch.Error()
		}
		for ; used < free; used++ {
			<-slots
		}
		if err == nil || errors.Is(err, nats.ErrTimeout) || errors.Is(err, jetstream.ErrNoMessages) {
			pause, lastErr = 0, ""
			continue
		}
		// The connection is down or the consumer is gone: say so once,
		// and try again with growing pauses.
		if msg := err.Error(); msg != lastErr {
			w.logf("fetch: %v (retrying)", err)
			lastErr = msg
		}
		if errors.Is(err, jetstream.ErrConsumerNotFound) {
			if serr := q.setup(work); serr == nil && q.ensureConsumer(work, true) == nil {
				if c, cerr := q.js.Consumer(work, q.cfg.Stream, q.cfg.Consumer); cerr == nil {
					cons = c
				}
			}
		}
		pause = min(max(2*pause, 100*time.Millisecond), 5*time.Second)
		sleep(ctx, pause)
	}
	wg.Wait()
	// Naks and terms are sent without waiting for an answer: make sure the
	// server has them before the caller closes the connection.
	if err := q.nc.FlushTimeout(10 * time.Second); err != nil {
		w.logf("flush: %v (messages handed back may wait for their ack timeout)", err)
	}
	return nil
}

// sleep waits for d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

// handle does everything for one message. stop is cancelled when the worker
// is told to stop; work is not.
func (w *Worker) handle(stop, work context.Context, msg jetstream.Msg) {
	start := time.Now()
	q := w.Queue
	o := Outcome{Deliveries: 1}
	var streamSeq uint64
	if meta, err := msg.Metadata(); err == nil {
		o.Deliveries, streamSeq = meta.NumDelivered, meta.Sequence.Stream
	}
	if o.Deliveries > 1 {
		w.stats.redelivered.Add(1)
	}
	done := w.keepAlive(msg)
	finish := func(r Result, err error) {
		done()
		o.Result, o.Err, o.Elapsed = r, err, time.Since(start)
		s := &w.stats
		switch r {
		case Stored:
			s.stored.Add(1)
		case Existing:
			s.existing.Add(1)
		case Parked:
			s.parked.Add(1)
		case Retry:
			s.retried.Add(1)
		case Released:
			s.released.Add(1)
		}
		if w.Done != nil {
			w.Done(o)
		}
	}
	park := func(err error) {
		if perr := w.park(work, msg, streamSeq, o, err); perr != nil {
			w.logf("cannot park message %d (%v): %v; handing it back", streamSeq, err, perr)
			_ = msg.NakWithDelay(5 * time.Second)
			finish(Retry, err)
			return
		}
		finish(Parked, err)
	}

	m, err := DecodeMessage(msg.Data())
	if err != nil {
		park(err)
		return
	}
	o.Input = m.Input
	if o.Deliveries > uint64(q.cfg.MaxDeliver) {
		park(fmt.Errorf("%w (%d): its workers died or hung on it, or the store kept failing", ErrGaveUp, o.Deliveries-1))
		return
	}
	art := m.Article()
	d, err := doc.New(art)
	if err != nil {
		park(fmt.Errorf("%s: %w", m.Input, err))
		return
	}
	o.ID = d.ID
	if ok, err := w.Store.Has(work, d.ID); err == nil && ok {
		w.ack(work, msg)
		finish(Existing, nil)
		return
	}
	t0 := time.Now()
	d, err = w.analyze(art)
	w.stats.analysing.Add(int64(time.Since(t0)))
	if err != nil {
		park(fmt.Errorf("%s: %w", m.Input, err))
		return
	}
	j := d.ToJSON()
	retry := w.StoreRetry
	if retry <= 0 {
		retry = 2 * time.Minute
	}
	pause := 250 * time.Millisecond
	for {
		pctx, cancel := context.WithTimeout(work, time.Minute)
		t0 := time.Now()
		res, err := w.Store.Put(pctx, j)
		cancel()
		if err == nil {
			w.stats.storing.Add(int64(time.Since(t0)))
		}
		if err == nil && len(res) != 1 {
			err = fmt.Errorf("store returned %d results for one document", len(res))
		}
		if err == nil {
			if res[0].Err != nil {
				park(fmt.Errorf("%s: %w", m.Input, res[0].Err))
				return
			}
			w.ack(work, msg)
			if res[0].Added {
				finish(Stored, nil)
			} else {
				finish(Existing, nil)
			}
			return
		}
		err = fmt.Errorf("store: %w", err)
		if stop.Err() != nil {
			// stopping: let another worker have it now
			_ = msg.Nak()
			finish(Released, err)
			return
		}
		if time.Since(start) > retry {
			if o.Deliveries >= uint64(q.cfg.MaxDeliver) {
				park(fmt.Errorf("%w (%d); last error: %w", ErrGaveUp, o.Deliveries, err))
				return
			}
			_ = msg.NakWithDelay(nakDelay(o.Deliveries))
			finish(Retry, err)
			return
		}
		w.logf("%s: %s (retrying in %v)", d.ID, oneLine(err.Error(), 500), pause)
		sleep(stop, pause)
		pause = min(2*pause, 5*time.Second)
	}
}

// nakDelay is how long a message whose store write failed waits before its
// next delivery: 1s, 4s, 16s, then a minute.
func nakDelay(deliveries uint64) time.Duration {
	d := time.Second
	for i := uint64(1); i < deliveries && d < time.Minute; i++ {
		d *= 4
	}
	return min(d, time.Minute)
}

// analyze runs the analysis, turning a panic into an error so that one bad
// article parks its message instead of killing the worker.
func (w *Worker) analyze(a doc.Article) (d *doc.Doc, err error) {
	defer func() {
		if r := recover(); r != nil {
			d, err = nil, fmt.Errorf("%w: %v", ErrPanic, r)
		}
	}()
	return w.Analyze(a)
}

// ack acknowledges a message and waits for the server to confirm. A lost
// acknowledgement only means the message is delivered again, which the
// store shrugs off, so failures are logged, not returned.
func (w *Worker) ack(ctx context.Context, msg jetstream.Msg) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := msg.DoubleAck(ctx); err != nil {
		w.logf("ack: %v (the message will be delivered again; storing it again is harmless)", err)
	}
}

// keepAlive tells the server the message is being worked on every third of
// the ack wait, until the returned function is called or MaxWork has
// passed.
func (w *Worker) keepAlive(msg jetstream.Msg) func() {
	every := max(w.Queue.cfg.AckWait/3, 30*time.Millisecond)
	limit := w.MaxWork
	if limit <= 0 {
		limit = 10 * time.Minute
	}
	stop := make(chan struct{})
	var once sync.Once
	go func() {
		t := time.NewTicker(every)
		defer t.Stop()
		end := time.NewTimer(limit)
		defer end.Stop()
		for {
			select {
			case <-t.C:
				_ = msg.InProgress()
			case <-end.C:
				return
			case <-stop:
				return
			}
		}
	}()
	return func() { once.Do(func() { close(stop) }) }
}

// park copies a message to the parked stream with its error, then removes
// it from the work queue. The copy's message id is derived from the
// original's sequence number, so parking the same message twice (a worker
// died between the two steps) keeps one copy.
func (w *Worker) park(ctx context.Context, msg jetstream.Msg, streamSeq uint64, o Outcome, cause error) error {
	q := w.Queue
	h := nats.Header{}
	h.Set(HeaderError, oneLine(cause.Error(), 2000))
	h.Set(HeaderDeliveries, strconv.FormatUint(o.Deliveries, 10))
	h.Set(HeaderStreamSeq, strconv.FormatUint(streamSeq, 10))
	h.Set(HeaderParkedAt, time.Now().UTC().Format(time.RFC3339))
	if o.ID != "" {
		h.Set(HeaderID, o.ID)
	}
	if o.Input != "" {
		h.Set(HeaderInput, oneLine(o.Input, 1000))
	}
	if streamSeq > 0 {
		h.Set(nats.MsgIdHdr, fmt.Sprintf("%s/%d", q.cfg.Stream, streamSeq))
	}
	pctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if _, err := q.js.PublishMsg(pctx, &nats.Msg{Subject: q.cfg.ParkedSubject, Header: h, Data: msg.Data()},
		jetstream.WithExpectStream(q.cfg.ParkedStream)); err != nil {
		return err
	}
	if err := msg.TermWithReason(oneLine(cause.Error(), 200)); err != nil {
		w.logf("term: %v (the message may be delivered again and parked again)", err)
	}
	return nil
}

// oneLine makes s fit in a header value: one line, at most about n bytes.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > n {
		s = strings.ToValidUTF8(s[:n], "") + "…"
	}
	return s
}
