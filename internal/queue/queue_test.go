package queue_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/queue"
	"github.com/newsgraph/newsgraph/internal/queue/queuetest"
	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/sqlite"
)

// testConfig has short timers so that redeliveries happen within a test.
var testConfig = queue.Config{AckWait: 500 * time.Millisecond, MaxDeliver: 3}

func connect(t *testing.T, srv *queuetest.Server, cfg queue.Config) *queue.Queue {
	t.Helper()
	q, err := queue.Connect(context.Background(), srv.URL(), "test", cfg, t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(q.Close)
	return q
}

func openStore(t *testing.T) *sqlite.Store {
	t.Helper()
	st, err := sqlite.Open(filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// article makes a distinct small article.
func article(i int) doc.Article {
	return doc.Article{
		Source:    fmt.Sprintf("test/%d", i),
		Lang:      "en",
		Published: "2025-03-01",
		Title:     fmt.Sprintf("Council approves plan number %d", i),
		Body: fmt.Sprintf("The city council on Monday approved plan number %d.\n\n"+
			"\"It is a good day,\" the mayor said.", i),
	}
}

// textOnly analyses nothing: it only fixes the text (fast under -race).
func textOnly(a doc.Article) (*doc.Doc, error) { return doc.New(a) }

func publish(t *testing.T, q *queue.Queue, arts ...doc.Article) []string {
	t.Helper()
	var ids []string
	for i, a := range arts {
		p := q.Publish(context.Background(), fmt.Sprintf("input%d", i), a)
		if p.Err != nil {
			t.Fatal(p.Err)
		}
		ids = append(ids, p.ID)
	}
	return ids
}

// run starts w in the background; the returned function stops it and
// waits for Run to return.
func run(t *testing.T, w *queue.Worker) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("Run: %v", err)
				}
			case <-time.After(30 * time.Second):
				t.Errorf("worker did not stop within 30s of cancel")
			}
		})
	}
	t.Cleanup(stop)
	return stop
}

func waitFor(t *testing.T, what string, timeout time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", timeout, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// depth returns the work queue's waiting and unacknowledged messages.
func depth(t *testing.T, q *queue.Queue) (uint64, uint64) {
	t.Helper()
	w, f, err := q.Depth(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return w, f
}

func parked(t *testing.T, q *queue.Queue) []queue.ParkedMsg {
	t.Helper()
	var ps []queue.ParkedMsg
	if err := q.Parked(context.Background(), func(p queue.ParkedMsg) error { ps = append(ps, p); return nil }); err != nil {
		t.Fatal(err)
	}
	return ps
}

func countDocs(t *testing.T, st store.Store) int {
	t.Helper()
	s, err := st.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s.Documents
}

func TestConnectIdempotent(t *testing.T) {
	srv := queuetest.Start(t)
	ctx := context.Background()
	ackWait := func(q *queue.Queue) time.Duration {
		t.Helper()
		js, _ := jetstream.New(q.Conn())
		c, err := js.Consumer(ctx, queue.DefaultStream, queue.DefaultConsumer)
		if err != nil {
			t.Fatal(err)
		}
		return c.CachedInfo().Config.AckWait
	}
	q := connect(t, srv, testConfig)
	if got := ackWait(q); got != testConfig.AckWait {
		t.Errorf("new consumer's ack wait %v, want %v", got, testConfig.AckWait)
	}
	// a publisher (or the parked command) leaves the workers' rules alone
	connect(t, srv, queue.Config{AckWait: time.Second, MaxDeliver: 4})
	if got := ackWait(q); got != testConfig.AckWait {
		t.Errorf("ack wait %v after another client connected, want %v", got, testConfig.AckWait)
	}
	// a worker starting brings its own
	q2 := connect(t, srv, queue.Config{AckWait: time.Second, MaxDeliver: 4})
	w := &queue.Worker{Queue: q2, Store: openStore(t), Analyze: textOnly, FetchWait: 100 * time.Millisecond}
	stop := run(t, w)
	waitFor(t, "the worker's ack wait", 10*time.Second, func() bool { return ackWait(q) == time.Second })
	stop()
	for _, c := range []queue.Config{{MaxDeliver: -1}, {AckWait: time.Millisecond}, {Replicas: 9}} {
		if _, err := queue.Connect(context.Background(), srv.URL(), "test", c, nil); !errors.Is(err, queue.ErrConfig) {
			t.Errorf("Connect(%+v) = %v, want ErrConfig", c, err)
		}
	}
	if _, err := queue.Connect(context.Background(), "nats://127.0.0.1:1", "test", queue.Config{}, nil); err == nil {
		t.Errorf("Connect to a closed port succeeded")
	}
}

func TestPublish(t *testing.T) {
	srv := queuetest.Start(t)
	q := connect(t, srv, testConfig)
	ctx := context.Background()
	a := article(1)
	want, _ := doc.New(a)
	tests := []struct {
		name    string
		art     doc.Article
		dup     bool
		wantErr error
	}{
		{"first", a, false, nil},
		{"republished", a, true, nil},
		{"same text other source", doc.Article{Source: "other", Title: a.Title, Body: a.Body}, true, nil},
		{"empty", doc.Article{Title: " ", Body: "\n"}, false, doc.ErrEmpty},
		{"bad utf-8", doc.Article{Body: "caf\xe9"}, false, doc.ErrInvalidUTF8},
		{"too large", doc.Article{Body: strings.Repeat("word ", 2<<20)}, false, queue.ErrTooLarge},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := q.Publish(ctx, "in/"+tc.name, tc.art)
			if !errors.Is(p.Err, tc.wantErr) {
				t.Fatalf("err = %v, want %v", p.Err, tc.wantErr)
			}
			if p.Err != nil {
				if !strings.Contains(p.Err.Error(), "in/"+tc.name) {
					t.Errorf("error %q does not name the input", p.Err)
				}
				return
			}
			if p.ID != want.ID || p.Duplicate != tc.dup {
				t.Errorf("got id %s dup %v, want %s dup %v", p.ID, p.Duplicate, want.ID, tc.dup)
			}
		})
	}
	if w, _ := depth(t, q); w != 1 {
		t.Errorf("%d messages queued, want 1", w)
	}
}

func TestPublisherAsync(t *testing.T) {
	srv := queuetest.Start(t)
	q := connect(t, srv, testConfig)
	ctx := context.Background()
	var got []queue.Published
	p := q.NewPublisher(8, func(r queue.Published) { got = append(got, r) })
	for i := range 100 {
		a := article(i % 60) // 40 republished; 50 replaced by an empty one
		if i == 50 {
			a = doc.Article{Body: " "}
		}
		if err := p.Publish(ctx, fmt.Sprint("in", i), a); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	if len(got) != 100 {
		t.Fatalf("%d results, want 100", len(got))
	}
	dups, failed := 0, 0
	for i, r := range got {
		if r.Input != fmt.Sprint("in", i) {
			t.Fatalf("result %d is for %s: out of order", i, r.Input)
		}
		if r.Duplicate {
			dups++
		}
		if r.Err != nil {
			failed++
		}
	}
	if dups != 40 || failed != 1 {
		t.Errorf("%d duplicates, %d failed; want 40 and 1", dups, failed)
	}
	if w, _ := depth(t, q); w != 59 {
		t.Errorf("%d queued, want 59", w)
	}
}

func TestWorkerStoresEverything(t *testing.T) {
	srv := queuetest.Start(t)
	q := connect(t, srv, testConfig)
	st := openStore(t)
	var arts []doc.Article
	for i := range 60 {
		arts = append(arts, article(i))
	}
	ids := publish(t, q, arts...)
	w := &queue.Worker{Queue: q, Store: st, Analyze: textOnly, Concurrency: 4, FetchWait: 200 * time.Millisecond}
	stop := run(t, w)
	waitFor(t, "60 stored", 30*time.Second, func() bool { return w.Stats().Stored == 60 })
	stop()
	if n := countDocs(t, st); n != 60 {
		t.Errorf("%d documents stored, want 60", n)
	}
	for _, id := range ids {
		if ok, err := st.Has(context.Background(), id); !ok || err != nil {
			t.Errorf("%s not stored (%v)", id, err)
		}
	}
	if wt, f := depth(t, q); wt+f != 0 {
		t.Errorf("queue not empty: %d waiting, %d unacknowledged", wt, f)
	}
	if s := w.Stats(); s.Parked+s.Retried+s.Existing != 0 {
		t.Errorf("stats %+v, want only stored", s)
	}
}

// blockingStore holds every Put until release is closed.
type blockingStore struct {
	store.Store
	entered chan struct{}
	release chan struct{}
}

func (b *blockingStore) Put(ctx context.Context, docs ...*doc.JSON) ([]store.PutResult, error) {
	b.entered <- struct{}{}
	<-b.release
	return b.Store.Put(ctx, docs...)
}

// A message stays unacknowledged until Put returns; a worker that dies
// before then loses nothing: the message goes to another worker, and the
// second Put of the same document is harmless.
func TestAckOnlyAfterCommit(t *testing.T) {
	srv := queuetest.Start(t)
	q := connect(t, srv, testConfig)
	st := openStore(t)
	ids := publish(t, q, article(1))

	doomedQ := connect(t, srv, testConfig)
	blocked := &blockingStore{Store: st, entered: make(chan struct{}, 1), release: make(chan struct{})}
	doomed := &queue.Worker{Queue: doomedQ, Store: blocked, Analyze: textOnly, Concurrency: 1, FetchWait: 200 * time.Millisecond}
	stopDoomed := run(t, doomed)
	<-blocked.entered
	if wt, f := depth(t, q); wt != 0 || f != 1 {
		t.Fatalf("during Put: %d waiting, %d unacknowledged; want 0, 1", wt, f)
	}
	// the worker's connection dies in the middle of Put
	doomedQ.Close()

	w := &queue.Worker{Queue: q, Store: st, Analyze: textOnly, Concurrency: 1, FetchWait: 200 * time.Millisecond}
	stop := run(t, w)
	waitFor(t, "redelivery to the second worker", 20*time.Second, func() bool { return w.Stats().Stored == 1 })
	close(blocked.release) // the first Put now completes: same document again
	stopDoomed()
	stop()
	if n := countDocs(t, st); n != 1 {
		t.Errorf("%d documents stored, want 1", n)
	}
	if ok, _ := st.Has(context.Background(), ids[0]); !ok {
		t.Errorf("document not stored")
	}
	if wt, f := depth(t, q); wt+f != 0 {
		t.Errorf("queue not empty: %d waiting, %d unacknowledged", wt, f)
	}
	if s := doomed.Stats(); s.Existing != 1 {
		t.Errorf("first worker: %+v; want its late Put to find the document stored", s)
	}
}

// flakyStore fails the first n Puts as a database that is down would.
type flakyStore struct {
	store.Store
	fails atomic.Int64
}

var errDown = errors.New("connection refused")

func (f *flakyStore) Put(ctx context.Context, docs ...*doc.JSON) ([]store.PutResult, error) {
	if f.fails.Add(-1) >= 0 {
		return nil, errDown
	}
	return f.Store.Put(ctx, docs...)
}

func TestStoreFailuresRetried(t *testing.T) {
	for _, tc := range []struct {
		name       string
		storeRetry time.Duration
		fails      int64
		wantRetry  bool
	}{
		// retried in place: the message is kept and not redelivered
		{"in place", time.Minute, 6, false},
		// retried through NAKs with a delay: deliveries count up, but the
		// message is stored before the last
		{"nak", time.Millisecond, 4, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := queuetest.Start(t)
			q := connect(t, srv, testConfig)
			fs := &flakyStore{Store: openStore(t)}
			fs.fails.Store(tc.fails)
			publish(t, q, article(1), article(2))
			var mu sync.Mutex
			var outs []queue.Outcome
			w := &queue.Worker{Queue: q, Store: fs, Analyze: textOnly, Concurrency: 2, FetchWait: 100 * time.Millisecond,
				StoreRetry: tc.storeRetry, Done: func(o queue.Outcome) { mu.Lock(); outs = append(outs, o); mu.Unlock() }}
			stop := run(t, w)
			waitFor(t, "both stored", 60*time.Second, func() bool { return w.Stats().Stored == 2 })
			stop()
			s := w.Stats()
			if s.Parked != 0 || (s.Retried > 0) != tc.wantRetry {
				t.Errorf("stats %+v", s)
			}
			for _, o := range outs {
				if o.Result == queue.Retry && !errors.Is(o.Err, errDown) {
					t.Errorf("retry outcome with error %v, want the store's", o.Err)
				}
			}
			if n := countDocs(t, fs); n != 2 {
				t.Errorf("%d stored, want 2", n)
			}
			if ps := parked(t, q); len(ps) != 0 {
				t.Errorf("%d parked, want 0", len(ps))
			}
		})
	}
}

func TestPoisonParked(t *testing.T) {
	srv := queuetest.Start(t)
	q := connect(t, srv, testConfig)
	st := openStore(t)
	ctx := context.Background()
	js, err := jetstream.New(q.Conn())
	if err != nil {
		t.Fatal(err)
	}
	raw := func(body string) {
		if _, err := js.Publish(ctx, queue.DefaultSubject, []byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	good := article(7)
	failing := doc.Article{Title: "Analysis fails here", Body: "Some text."}
	panicking := doc.Article{Title: "Analysis panics here", Body: "Some text."}
	raw(`{"body": "truncated`)
	raw(`{"input": "empty.txt", "body": "  "}`)
	publish(t, q, good, failing, panicking)
	var healed atomic.Bool
	analyze := func(a doc.Article) (*doc.Doc, error) {
		if !healed.Load() {
			if strings.Contains(a.Title, "fails") {
				return nil, errors.New("no sentences")
			}
			if strings.Contains(a.Title, "panics") {
				var m map[string]int
				m["x"]++ // a nil map write: a bug in a component
			}
		}
		return doc.New(a)
	}
	w := &queue.Worker{Queue: q, Store: st, Analyze: analyze, Concurrency: 2, FetchWait: 100 * time.Millisecond}
	stop := run(t, w)
	waitFor(t, "4 parked and 1 stored", 20*time.Second, func() bool { s := w.Stats(); return s.Parked == 4 && s.Stored == 1 })
	stop()
	if wt, f := depth(t, q); wt+f != 0 {
		t.Errorf("queue not empty after parking: %d waiting, %d unacknowledged", wt, f)
	}
	ps := parked(t, q)
	wantErr := map[string]error{"": queue.ErrBadMessage, "empty.txt": doc.ErrEmpty, "input1": nil, "input2": queue.ErrPanic}
	if len(ps) != 4 {
		t.Fatalf("%d parked, want 4: %+v", len(ps), ps)
	}
	for _, p := range ps {
		want, ok := wantErr[p.Input]
		switch {
		case !ok:
			t.Errorf("unexpected parked message from %q: %s", p.Input, p.Error)
		case p.Error == "":
			t.Errorf("%q parked without an error", p.Input)
		case want != nil && !strings.Contains(p.Error, want.Error()):
			t.Errorf("%q parked with %q, want %q", p.Input, p.Error, want)
		case p.Deliveries != 1 || p.QueueSeq == 0 || p.Time.IsZero() || len(p.Data) == 0:
			t.Errorf("%q: parked message lacks its details: %+v", p.Input, p)
		}
	}
	// the operator fixes the bug and requeues the two analysis failures
	healed.Store(true)
	for _, p := range ps {
		if strings.HasPrefix(p.Input, "input") {
			if err := q.Requeue(ctx, p.Seq); err != nil {
				t.Fatal(err)
			}
		} else if err := q.Delete(ctx, p.Seq); err != nil {
			t.Fatal(err)
		}
	}
	if ps := parked(t, q); len(ps) != 0 {
		t.Errorf("%d still parked after requeue and delete", len(ps))
	}
	w2 := &queue.Worker{Queue: q, Store: st, Analyze: analyze, Concurrency: 2, FetchWait: 100 * time.Millisecond}
	stop = run(t, w2)
	waitFor(t, "2 requeued stored", 20*time.Second, func() bool { return w2.Stats().Stored == 2 })
	stop()
	if n := countDocs(t, st); n != 3 {
		t.Errorf("%d stored, want 3", n)
	}
}

// A message whose analysis hangs (or whose worker keeps dying) is delivered
// MaxDeliver times, then parked.
func TestParkedAfterMaxDeliver(t *testing.T) {
	srv := queuetest.Start(t)
	cfg := queue.Config{AckWait: 200 * time.Millisecond, MaxDeliver: 2}
	q := connect(t, srv, cfg)
	st := openStore(t)
	publish(t, q, article(1))
	hang := make(chan struct{})
	defer close(hang)
	var calls atomic.Int64
	w := &queue.Worker{Queue: q, Store: st, Concurrency: 4, FetchWait: 100 * time.Millisecond,
		MaxWork: 100 * time.Millisecond,
		Analyze: func(a doc.Article) (*doc.Doc, error) { calls.Add(1); <-hang; return doc.New(a) }}
	run(t, w)
	waitFor(t, "parked", 20*time.Second, func() bool { return w.Stats().Parked == 1 })
	ps := parked(t, q)
	if len(ps) != 1 || !strings.Contains(ps[0].Error, queue.ErrGaveUp.Error()) || ps[0].Deliveries != 3 {
		t.Fatalf("parked %+v; want one message given up on at its third delivery", ps)
	}
	if n := calls.Load(); n != 2 {
		t.Errorf("analysis started %d times, want 2 (MaxDeliver)", n)
	}
	if wt, f := depth(t, q); wt+f != 0 {
		t.Errorf("queue not empty: %d waiting, %d unacknowledged", wt, f)
	}
}

// Cancelling Run stops fetching; the messages in hand are finished and
// acknowledged, the rest stay queued.
func TestDrainOnCancel(t *testing.T) {
	srv := queuetest.Start(t)
	q := connect(t, srv, testConfig)
	st := openStore(t)
	var arts []doc.Article
	for i := range 20 {
		arts = append(arts, article(i))
	}
	publish(t, q, arts...)
	started := make(chan struct{}, 20)
	slow := func(a doc.Article) (*doc.Doc, error) {
		started <- struct{}{}
		time.Sleep(300 * time.Millisecond)
		return doc.New(a)
	}
	w := &queue.Worker{Queue: q, Store: st, Analyze: slow, Concurrency: 3, FetchWait: 100 * time.Millisecond}
	stop := run(t, w)
	for range 3 {
		<-started
	}
	stop() // returns only once the work in hand is done
	s := w.Stats()
	if s.Stored < 3 || s.Released+s.Retried+s.Parked != 0 {
		t.Errorf("stats after drain %+v: want at least the 3 in hand stored", s)
	}
	wt, f := depth(t, q)
	if f != 0 {
		t.Errorf("%d messages left unacknowledged after drain", f)
	}
	if int(wt)+int(s.Stored) != 20 || countDocs(t, st) != int(s.Stored) {
		t.Errorf("%d waiting + %d stored != 20 (store has %d)", wt, s.Stored, countDocs(t, st))
	}
}

// The worker rides out a NATS server restart.
func TestNATSRestart(t *testing.T) {
	srv := queuetest.Start(t)
	q := connect(t, srv, testConfig)
	st := openStore(t)
	w := &queue.Worker{Queue: q, Store: st, Analyze: textOnly, Concurrency: 2, FetchWait: 100 * time.Millisecond}
	stop := run(t, w)
	publish(t, q, article(1), article(2))
	waitFor(t, "first two stored", 20*time.Second, func() bool { return w.Stats().Stored == 2 })
	srv.Restart()
	waitFor(t, "reconnection", 20*time.Second, func() bool { return q.Conn().IsConnected() })
	// JetStream may take a moment longer than the connection to recover on
	// a loaded machine: retry each publish (a retry carries the same
	// message id, so the queue keeps one copy)
	for i, a := range []doc.Article{article(3), article(4)} {
		waitFor(t, "publish after the restart", 30*time.Second, func() bool {
			return q.Publish(context.Background(), fmt.Sprintf("input%d", i), a).Err == nil
		})
	}
	waitFor(t, "all four stored", 30*time.Second, func() bool { return w.Stats().Stored == 4 })
	stop()
	if n := countDocs(t, st); n != 4 {
		t.Errorf("%d stored, want 4", n)
	}
}

// A worker told to stop while the store is down hands its messages back at
// once instead of waiting for the store.
func TestStopWhileStoreDown(t *testing.T) {
	srv := queuetest.Start(t)
	q := connect(t, srv, testConfig)
	fs := &flakyStore{Store: openStore(t)}
	fs.fails.Store(1 << 40)
	publish(t, q, article(1), article(2))
	failing := make(chan struct{}, 100)
	w := &queue.Worker{Queue: q, Store: fs, Analyze: textOnly, Concurrency: 2, FetchWait: 100 * time.Millisecond,
		StoreRetry: time.Hour, Logf: func(string, ...any) { failing <- struct{}{} }}
	stop := run(t, w)
	<-failing
	<-failing
	stop()
	s := w.Stats()
	if s.Released != 2 || s.Stored+s.Parked+s.Retried != 0 {
		t.Errorf("stats %+v; want both messages handed back", s)
	}
	// another worker, with a working store, gets them
	w2 := &queue.Worker{Queue: q, Store: fs.Store, Analyze: textOnly, Concurrency: 2, FetchWait: 100 * time.Millisecond}
	stop = run(t, w2)
	waitFor(t, "both stored by the second worker", 20*time.Second, func() bool { return w2.Stats().Stored == 2 })
	stop()
	if s := w2.Stats(); s.Redelivered != 2 {
		t.Errorf("second worker: %+v, want 2 redelivered", s)
	}
}
