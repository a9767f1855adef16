// Package queue spreads the analysis of articles over many worker processes,
// on many machines, through a NATS JetStream work queue. It sits between
// package source and the store: `newsgraph ingest --queue` reads articles
// and publishes them here instead of analysing them; `newsgraph worker`
// pulls them, runs the pipeline (package analyze) and writes the documents
// to a shared store (PostgreSQL, package store/postgres).
//
// NATS does the queueing: nats.go and nats-server (JetStream) keep the
// messages on disk (replicated in a cluster), hand each one to one worker at
// a time, redeliver what is not acknowledged in time, drop republished
// copies by message id, and count deliveries. What this package adds is the
// newsgraph side of the contract:
//
//   - the streams and the consumer, created or brought up to date
//     idempotently by whoever connects first (Connect): a work-queue stream
//     of articles (DefaultStream on DefaultSubject), a durable pull consumer
//     with explicit acknowledgement, a bounded number of deliveries and
//     growing redelivery delays, and a stream of parked messages
//     (DefaultParkedStream) that an operator can list and requeue;
//   - the message: one article as JSON (Message), published with the
//     document's content id as its Nats-Msg-Id, so that publishing the same
//     article twice within the stream's duplicate window queues it once;
//   - the worker loop (Worker): it acknowledges a message only after the
//     store's Put has returned success, so a worker that dies at any point
//     loses nothing (the message is delivered again, and the store's Put is
//     an idempotent upsert by content id, so a second delivery is
//     harmless); store failures are retried in place and then handed back
//     with a delay, never dropped; a poison message (undecodable, an
//     invalid article, an analysis that fails, or one delivered too often
//     without ever being acknowledged) is parked with its error and
//     removed from the work queue; cancelling the context stops fetching
//     and lets the work in hand finish (drain).
//
// Delivery is at least once, and storage is idempotent, so every article is
// stored exactly once.
package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// Names used when Config leaves them empty.
const (
	// DefaultStream is the work-queue stream of articles to analyse.
	DefaultStream = "NEWSGRAPH_ARTICLES"
	// DefaultSubject is the subject articles are published on.
	DefaultSubject = "newsgraph.articles"
	// DefaultConsumer is the durable consumer all workers share.
	DefaultConsumer = "newsgraph-worker"
	// DefaultParkedStream keeps messages the workers gave up on.
	DefaultParkedStream = "NEWSGRAPH_PARKED"
	// DefaultParkedSubject is the subject of parked messages.
	DefaultParkedSubject = "newsgraph.parked"
)

// Headers set on parked messages, beside the original payload.
const (
	// HeaderError is the reason the message was parked.
	HeaderError = "Newsgraph-Error"
	// HeaderDeliveries is how many times the message had been delivered.
	HeaderDeliveries = "Newsgraph-Deliveries"
	// HeaderStreamSeq is the message's sequence number in the work queue.
	HeaderStreamSeq = "Newsgraph-Stream-Seq"
	// HeaderID is the document id (content hash) of the article, when known.
	HeaderID = "Newsgraph-Id"
	// HeaderInput names the input the article was read from.
	HeaderInput = "Newsgraph-Input"
	// HeaderParkedAt is when the message was parked (RFC 3339).
	HeaderParkedAt = "Newsgraph-Parked-At"
)

// Errors returned by this package.
var (
	// ErrBadMessage means a message is not a newsgraph article.
	ErrBadMessage = errors.New("not a newsgraph article message")
	// ErrTooLarge means an article does not fit in one NATS message.
	ErrTooLarge = errors.New("article larger than the server's maximum message size")
	// ErrConfig means a Config value is out of range.
	ErrConfig = errors.New("invalid queue configuration")
)

// Config names the streams and sets the delivery rules. The zero value is
// usable: every field has a default.
type Config struct {
	// Stream, Subject and Consumer name the work queue (DefaultStream,
	// DefaultSubject, DefaultConsumer).
	Stream, Subject, Consumer string
	// ParkedStream and ParkedSubject name the stream of parked messages
	// (DefaultParkedStream, DefaultParkedSubject).
	ParkedStream, ParkedSubject string
	// Replicas is the number of copies of each stream in a NATS cluster;
	// 0 means 1 for a new stream and leaves an existing stream as it is.
	Replicas int
	// AckWait is how long a worker may hold a message without a sign of
	// life before it is delivered to another worker (default 30s). Workers
	// send progress while they work, so it bounds the time to notice a dead
	// worker, not the time an analysis may take. Later redeliveries of a
	// message that is never acknowledged wait twice as long each time.
	AckWait time.Duration
	// MaxDeliver is how many times a message is tried before it is parked
	// (default 5).
	MaxDeliver int
	// Duplicates is the window in which a republished article (same
	// content id) is dropped by the server (default 10 minutes).
	Duplicates time.Duration
}

// withDefaults fills the zero fields of c.
func (c Config) withDefaults() (Config, error) {
	def := func(s *string, v string) {
		if *s == "" {
			*s = v
		}
	}
	def(&c.Stream, DefaultStream)
	def(&c.Subject, DefaultSubject)
	def(&c.Consumer, DefaultConsumer)
	def(&c.ParkedStream, DefaultParkedStream)
	def(&c.ParkedSubject, DefaultParkedSubject)
	if c.AckWait == 0 {
		c.AckWait = 30 * time.Second
	}
	if c.MaxDeliver == 0 {
		c.MaxDeliver = 5
	}
	if c.Duplicates == 0 {
		c.Duplicates = 10 * time.Minute
	}
	switch {
	case c.AckWait < 100*time.Millisecond:
		return c, fmt.Errorf("%w: ack wait %v is under 100ms", ErrConfig, c.AckWait)
	case c.MaxDeliver < 1 || c.MaxDeliver > 100:
		return c, fmt.Errorf("%w: max deliver %d: want 1 to 100", ErrConfig, c.MaxDeliver)
	case c.Replicas < 0 || c.Replicas > 5:
		return c, fmt.Errorf("%w: replicas %d: want 1 to 5", ErrConfig, c.Replicas)
	case c.Duplicates < 0:
		return c, fmt.Errorf("%w: negative duplicate window", ErrConfig)
	}
	return c, nil
}

// backoff is the consumer's redelivery schedule for messages that are not
// acknowledged: AckWait, then twice as long each time, capped at 16×.
func (c Config) backoff() []time.Duration {
	b := make([]time.Duration, c.MaxDeliver)
	d := c.AckWait
	for i := range b {
		b[i] = d
		if d < 16*c.AckWait {
			d *= 2
		}
	}
	return b
}

// Message is the JSON body of a queued article: the parts of a doc.Article,
// plus the input it was read from.
type Message struct {
	// Input names where the article was read (a path, path#N…), for errors.
	Input string `json:"input,omitempty"`
	// Source is the path or URL the article came from (doc.Article.Source).
	Source string `json:"source,omitempty"`
	// Lang is the declared ISO 639-1 language, or "" to detect it.
	Lang string `json:"lang,omitempty"`
	// Published is the ISO 8601 publication date or date-time, or "".
	Published string `json:"published,omitempty"`
	// Title is the headline.
	Title string `json:"title,omitempty"`
	// Caption is the photo caption or standfirst, or "".
	Caption string `json:"caption,omitempty"`
	// Body is the article's text, paragraphs separated by blank lines.
	Body string `json:"body"`
	// Author is the byline, or "".
	Author string `json:"author,omitempty"`
}

// NewMessage makes the message for an article read from input.
func NewMessage(input string, a doc.Article) Message {
	return Message{Input: input, Source: a.Source, Lang: a.Lang, Published: a.Published,
		Title: a.Title, Caption: a.Caption, Body: a.Body, Author: a.Author}
}

// Article returns the article a message carries.
func (m Message) Article() doc.Article {
	return doc.Article{Source: m.Source, Lang: m.Lang, Published: m.Published,
		Title: m.Title, Caption: m.Caption, Body: m.Body, Author: m.Author}
}

// DecodeMessage parses a message body.
func DecodeMessage(data []byte) (Message, error) {
	var m Message
	if err := json.Unmarshal(data, &m); err != nil {
		return m, fmt.Errorf("%w: %v", ErrBadMessage, err)
	}
	return m, nil
}

// Queue is a connection to NATS with the newsgraph streams in place.
type Queue struct {
	nc      *nats.Conn
	js      jetstream.JetStream
	cfg     Config
	maxPay  int64
	closing atomic.Bool
}

// Connect connects to the NATS server(s) at url (a comma-separated list of
// nats:// URLs), and creates or updates the streams and the consumer. The
// connection reconnects for ever; logf, when not nil, is told about
// disconnections and reconnections. name identifies the client in the
// server's monitoring.
func Connect(ctx context.Context, url, name string, cfg Config, logf func(format string, args ...any)) (*Queue, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	if logf == nil {
		logf = func(string, ...any) {}
	}
	q := &Queue{cfg: cfg}
	// Once Close is called, the disconnection it causes is not news.
	report := logf
	logf = func(format string, args ...any) {
		if !q.closing.Load() {
			report(format, args...)
		}
	}
	host, _ := os.Hostname()
	opts := []nats.Option{
		nats.Name(fmt.Sprintf("newsgraph %s %s:%d", name, host, os.Getpid())),
		nats.MaxReconnects(-1),
		nats.ReconnectWait(time.Second),
		nats.DisconnectErrHandler(func(_ *nats.Conn, err error) {
			if err != nil {
				logf("disconnected from NATS: %v", err)
			} else {
				logf("disconnected from NATS")
			}
		}),
		nats.ReconnectHandler(func(c *nats.Conn) { logf("reconnected to NATS at %s", c.ConnectedUrlRedacted()) }),
		nats.ErrorHandler(func(_ *nats.Conn, _ *nats.Subscription, err error) { logf("NATS: %v", err) }),
	}
	nc, err := nats.Connect(url, opts...)
	if err != nil {
		return nil, fmt.Errorf("connect to NATS at %s: %w", redact(url), err)
	}
	js, err := jetstream.New(nc, jetstream.WithPublishAsyncTimeout(time.Minute))
	if err != nil {
		q.closing.Store(true)
		nc.Close()
		return nil, fmt.Errorf("jetstream: %w", err)
	}
	q.nc, q.js, q.maxPay = nc, js, nc.MaxPayload()
	if err := q.setup(ctx); err != nil {
		q.closing.Store(true)
		nc.Close()
		return nil, err
	}
	return q, nil
}

// redact hides a password in a URL list for messages.
func redact(url string) string {
	parts := strings.Split(url, ",")
	for i, p := range parts {
		if at := strings.LastIndex(p, "@"); at >= 0 {
			if s := strings.Index(p, "://"); s >= 0 && s < at {
				parts[i] = p[:s+3] + "***" + p[at:]
			}
		}
	}
	return strings.Join(parts, ",")
}

// setup creates or updates the two streams and the consumer.
func (q *Queue) setup(ctx context.Context) error {
	c := q.cfg
	replicas := func(name string) int {
		if c.Replicas > 0 {
			return c.Replicas
		}
		if s, err := q.js.Stream(ctx, name); err == nil {
			return s.CachedInfo().Config.Replicas
		}
		return 1
	}
	_, err := q.js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:        c.Stream,
		Description: "newsgraph: articles waiting to be analysed and stored",
		Subjects:    []string{c.Subject},
		Retention:   jetstream.WorkQueuePolicy,
		Storage:     jetstream.FileStorage,
		Replicas:    replicas(c.Stream),
		Duplicates:  c.Duplicates,
		Discard:     jetstream.DiscardOld,
	})
	if err != nil {
		return fmt.Errorf("create stream %s: %w", c.Stream, err)
	}
	_, err = q.js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:        c.ParkedStream,
		Description: "newsgraph: articles the workers gave up on, with the error",
		Subjects:    []string{c.ParkedSubject},
		Retention:   jetstream.LimitsPolicy,
		Storage:     jetstream.FileStorage,
		Replicas:    replicas(c.ParkedStream),
		Duplicates:  c.Duplicates,
	})
	if err != nil {
		return fmt.Errorf("create stream %s: %w", c.ParkedStream, err)
	}
	return q.ensureConsumer(ctx, false)
}

// ensureConsumer creates the workers' consumer when it is missing. With
// update, an existing consumer is brought to this configuration (workers
// do this when they start, so the last worker started sets the delivery
// rules); without, it is left as it is (publishers and the parked command
// do not reset what the workers set).
func (q *Queue) ensureConsumer(ctx context.Context, update bool) error {
	c := q.cfg
	if !update {
		_, err := q.js.Consumer(ctx, c.Stream, c.Consumer)
		if err == nil {
			return nil
		}
		if !errors.Is(err, jetstream.ErrConsumerNotFound) {
			return fmt.Errorf("consumer %s on %s: %w", c.Consumer, c.Stream, err)
		}
	}
	_, err := q.js.CreateOrUpdateConsumer(ctx, c.Stream, jetstream.ConsumerConfig{
		Durable:     c.Consumer,
		Description: "newsgraph workers",
		AckPolicy:   jetstream.AckExplicitPolicy,
		AckWait:     c.AckWait,
		// One more than MaxDeliver: the worker parks a message on its
		// last allowed delivery, and the extra one is there so that a
		// message whose worker died on that delivery is seen once more
		// (and parked) rather than left undelivered in the stream.
		MaxDeliver:    c.MaxDeliver + 1,
		BackOff:       c.backoff(),
		MaxAckPending: -1,
		FilterSubject: c.Subject,
	})
	if err != nil {
		return fmt.Errorf("create consumer %s on %s: %w", c.Consumer, c.Stream, err)
	}
	return nil
}

// Config returns the configuration in use, with its defaults filled in.
func (q *Queue) Config() Config { return q.cfg }

// Conn returns the NATS connection.
func (q *Queue) Conn() *nats.Conn { return q.nc }

// Close closes the connection. Messages published asynchronously and not
// yet acknowledged by the server should be waited for first (Publisher.Wait).
func (q *Queue) Close() {
	q.closing.Store(true)
	q.nc.Close()
}

// Depth reports the work queue: messages waiting to be delivered, and
// messages delivered but not yet acknowledged.
func (q *Queue) Depth(ctx context.Context) (waiting, inFlight uint64, err error) {
	c, err := q.js.Consumer(ctx, q.cfg.Stream, q.cfg.Consumer)
	if err != nil {
		return 0, 0, fmt.Errorf("consumer %s: %w", q.cfg.Consumer, err)
	}
	info, err := c.Info(ctx)
	if err != nil {
		return 0, 0, fmt.Errorf("consumer %s: %w", q.cfg.Consumer, err)
	}
	return info.NumPending, uint64(info.NumAckPending), nil
}

// Published says what the server did with one published article.
type Published struct {
	// Input is the input the article was read from.
	Input string
	// ID is the article's document id (its content hash).
	ID string
	// Duplicate is true when the same article was already queued within
	// the duplicate window, and this copy was dropped.
	Duplicate bool
	// Err is why the article was not queued.
	Err error
}

// encode makes the body and document id of an article, checking that it is
// an article newsgraph can analyse (doc.New accepts it) and that it fits in
// one message.
func (q *Queue) encode(input string, a doc.Article) ([]byte, string, error) {
	d, err := doc.New(a)
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", input, err)
	}
	data, err := json.Marshal(NewMessage(input, a))
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", input, err)
	}
	if q.maxPay > 0 && int64(len(data)) > q.maxPay-1024 {
		return nil, "", fmt.Errorf("%s: %w (%d bytes; the limit is %d)", input, ErrTooLarge, len(data), q.maxPay)
	}
	return data, d.ID, nil
}

// Publish queues one article and waits for the server to store it.
func (q *Queue) Publish(ctx context.Context, input string, a doc.Article) Published {
	p := Published{Input: input}
	data, id, err := q.encode(input, a)
	p.ID = id
	if err != nil {
		p.Err = err
		return p
	}
	ack, err := q.js.Publish(ctx, q.cfg.Subject, data, jetstream.WithMsgID(id), jetstream.WithExpectStream(q.cfg.Stream))
	if err != nil {
		p.Err = fmt.Errorf("%s: publish: %w", input, err)
		return p
	}
	p.Duplicate = ack.Duplicate
	return p
}

// Publisher queues many articles without waiting for each acknowledgement:
// up to a window of articles are in flight at once, and their results are
// handed to a callback in the order they were published.
type Publisher struct {
	q       *Queue
	window  int
	pending []pending
	fn      func(Published)
}

type pending struct {
	p   Published
	fut jetstream.PubAckFuture
}

// NewPublisher returns a publisher that calls fn with the result of every
// article, in order; window bounds the articles awaiting acknowledgement
// (0 means 256).
func (q *Queue) NewPublisher(window int, fn func(Published)) *Publisher {
	if window <= 0 {
		window = 256
	}
	return &Publisher{q: q, window: window, fn: fn}
}

// Publish queues an article. Its result is reported to the callback later,
// or at once when the article cannot be encoded. An error is returned only
// when the context ends.
func (p *Publisher) Publish(ctx context.Context, input string, a doc.Article) error {
	data, id, err := p.q.encode(input, a)
	if err != nil {
		if werr := p.drain(ctx, 0); werr != nil {
			return werr
		}
		p.fn(Published{Input: input, ID: id, Err: err})
		return nil
	}
	if err := p.drain(ctx, p.window-1); err != nil {
		return err
	}
	fut, err := p.q.js.PublishAsync(p.q.cfg.Subject, data, jetstream.WithMsgID(id), jetstream.WithExpectStream(p.q.cfg.Stream))
	if err != nil {
		// not sent at all; report it in order
		if werr := p.drain(ctx, 0); werr != nil {
			return werr
		}
		p.fn(Published{Input: input, ID: id, Err: fmt.Errorf("%s: publish: %w", input, err)})
		return nil
	}
	p.pending = append(p.pending, pending{Published{Input: input, ID: id}, fut})
	return nil
}

// Wait waits for every article published so far to be acknowledged or to
// fail, reporting each.
func (p *Publisher) Wait(ctx context.Context) error { return p.drain(ctx, 0) }

// drain resolves the oldest pending publications until at most keep remain.
func (p *Publisher) drain(ctx context.Context, keep int) error {
	for len(p.pending) > keep {
		e := p.pending[0]
		select {
		case ack := <-e.fut.Ok():
			e.p.Duplicate = ack.Duplicate
		case err := <-e.fut.Err():
			e.p.Err = fmt.Errorf("%s: publish: %w", e.p.Input, err)
		case <-ctx.Done():
			return ctx.Err()
		}
		p.pending = p.pending[1:]
		p.fn(e.p)
	}
	return nil
}
