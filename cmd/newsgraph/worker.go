package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net/url"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/newsgraph/newsgraph/internal/analyze"
	_ "github.com/newsgraph/newsgraph/internal/install" // every pipeline component
	"github.com/newsgraph/newsgraph/internal/queue"
	"github.com/newsgraph/newsgraph/internal/store/backend"
)

// envQueue is the environment variable giving the NATS URL (--queue) of
// worker and parked.
const envQueue = "NEWSGRAPH_QUEUE"

// defaultQueue is the NATS server tried when neither --queue nor
// NEWSGRAPH_QUEUE is given.
const defaultQueue = "nats://127.0.0.1:4222"

// workerFlags holds the flags of worker.
var workerFlags struct {
	queue, db         string
	concurrency       int
	ackWait           time.Duration
	maxDeliver        int
	replicas          int
	untilEmpty, quiet bool
	progressEvery     time.Duration
}

// queueTarget returns the NATS URLs to use: flag when it is not empty, else
// $NEWSGRAPH_QUEUE, else defaultQueue.
func queueTarget(flag string) string {
	if flag != "" {
		return flag
	}
	if v := strings.TrimSpace(os.Getenv(envQueue)); v != "" {
		return v
	}
	return defaultQueue
}

func init() {
	register(&command{
		name:  "worker",
		args:  "[--queue nats://HOST:PORT] [--db postgres://…] [--concurrency N]",
		short: "analyse articles from a NATS JetStream queue and store them",
		long: `Pulls articles that "newsgraph ingest --queue" published to a NATS JetStream
work queue, analyses them and stores them in the database. Run one worker per
machine (or several); they share the queue, and each article goes to one of
them. --queue defaults to $NEWSGRAPH_QUEUE, then nats://127.0.0.1:4222; --db to
$NEWSGRAPH_DB, then ./newsgraph.db. A postgres:// (or postgresql://) URL
selects PostgreSQL, which many workers on many machines can share; anything
else is a SQLite file, for one machine.

A message is acknowledged only after the database has committed its
document, so a worker that dies loses nothing: the message goes to another
worker, and storing an article twice changes nothing (its id is its content
hash). While the database is unreachable, writes are retried and messages
are handed back with a delay, never dropped. A message that cannot be
analysed or stored (undecodable, an invalid article, a failing analysis, or
--max-deliver deliveries without success) is parked with its error:
"newsgraph parked" lists and requeues parked messages.

SIGTERM or SIGINT stops fetching, finishes the articles in hand and exits 0;
a second signal exits at once (unacknowledged messages are delivered again).
Progress lines and a summary go to stderr.

--ack-wait and --max-deliver are rules of the queue's consumer, shared by all
workers: the worker started last sets them for all.

Exit status: 0 after a clean stop, 1 when the queue or the database cannot be
reached at the start, 2 on a usage error.`,
		setup: func(fs *flag.FlagSet) {
			f := &workerFlags
			fs.StringVar(&f.queue, "queue", "", "NATS server `URL`s, comma-separated (default $"+envQueue+", then "+defaultQueue+")")
			fs.StringVar(&f.db, "db", "", "database: postgres:// `URL` or SQLite file (default $"+backend.EnvVar+", then "+backend.DefaultPath+")")
			fs.IntVar(&f.concurrency, "concurrency", runtime.NumCPU(), "articles handled at once")
			fs.DurationVar(&f.ackWait, "ack-wait", 30*time.Second, "time without a sign of life after which another worker gets a message")
			fs.IntVar(&f.maxDeliver, "max-deliver", 5, "deliveries of a message before it is parked")
			fs.IntVar(&f.replicas, "replicas", 0, "copies of the streams in a NATS cluster when creating them (0: 1, or leave as is)")
			fs.BoolVar(&f.untilEmpty, "until-empty", false, "exit once the queue is empty (nothing waiting, nothing in flight)")
			fs.DurationVar(&f.progressEvery, "progress", 10*time.Second, "interval between progress lines (0: none)")
			fs.BoolVar(&f.quiet, "quiet", false, "no progress lines and no summary (errors are still shown)")
		},
		run: runWorker,
	})
}

// queueConfig is the queue configuration of the worker's flags.
func queueConfig() queue.Config {
	f := workerFlags
	return queue.Config{AckWait: f.ackWait, MaxDeliver: f.maxDeliver, Replicas: f.replicas}
}

func runWorker(env *cmdEnv, args []string) int {
	batchGC()
	f := workerFlags
	if len(args) > 0 {
		return usageError(env, "worker", "unexpected argument %q", args[0])
	}
	if f.concurrency < 1 || f.concurrency > 1024 {
		return usageError(env, "worker", "--concurrency %d: want 1 to 1024", f.concurrency)
	}
	if f.progressEvery < 0 {
		return usageError(env, "worker", "--progress %v: negative", f.progressEvery)
	}
	var mu sync.Mutex // serializes lines on stderr
	logf := func(format string, a ...any) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(env.stderr, "newsgraph worker: "+format+"\n", a...)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	start := context.WithoutCancel(ctx)
	nats := queueTarget(f.queue)
	q, err := queue.Connect(start, nats, "worker", queueConfig(), logf)
	if err != nil {
		if errors.Is(err, queue.ErrConfig) {
			return usageError(env, "worker", "%v", err)
		}
		logf("%v", err)
		return exitFailed
	}
	defer q.Close()
	db := backend.Target(f.db)
	st, err := backend.Open(start, db, false)
	if err != nil {
		logf("%s: %v", backend.Describe(db), err)
		return exitFailed
	}
	defer st.Close()
	an, err := analyze.New()
	if err != nil {
		logf("%v", err)
		return exitFailed
	}
	w := &queue.Worker{
		Queue: q, Store: st, Analyze: an.Analyze, Concurrency: f.concurrency, Logf: logf,
		Done: func(o queue.Outcome) {
			if o.Result == queue.Parked {
				logf("parked %s (%s) after %d deliveries: %v", orDash(o.Input), orDash(o.ID), o.Deliveries, o.Err)
			}
		},
	}
	if !f.quiet {
		logf("pulling from %s into %s, %d at a time", redactURL(nats), backend.Describe(db), f.concurrency)
	}
	began := time.Now()
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	finished := make(chan struct{})
	defer close(finished)
	go func() {
		// After the first signal, a second one ends the process at once.
		select {
		case <-ctx.Done():
			stop()
			if !f.quiet {
				logf("stopping: finishing the articles in hand")
			}
		case <-finished:
		}
	}()
	go watch(runCtx, cancel, q, w, began, f.untilEmpty, f.progressEvery, f.quiet, logf)
	err = w.Run(runCtx)
	if err != nil {
		logf("%v", err)
		return exitFailed
	}
	if !f.quiet {
		s := w.Stats()
		el := time.Since(began)
		logf("%d stored, %d already stored, %d parked, %d retried, %d handed back, %d redelivered to this worker in %.1fs (%.1f/s)",
			s.Stored, s.Existing, s.Parked, s.Retried, s.Released, s.Redelivered, el.Seconds(), float64(s.Stored+s.Existing)/max(el.Seconds(), 1e-3))
		if s.Stored > 0 {
			logf("per stored article: %.1f ms analysing, %.1f ms writing to the database",
				float64(s.Analysing.Microseconds())/1000/float64(s.Stored), float64(s.Storing.Microseconds())/1000/float64(s.Stored))
		}
	}
	return exitOK
}

// watch prints a progress line every so often and, with untilEmpty, cancels
// the run once the queue has stayed empty for two checks.
func watch(ctx context.Context, cancel func(), q *queue.Queue, w *queue.Worker, began time.Time,
	untilEmpty bool, every time.Duration, quiet bool, logf func(string, ...any)) {
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	lastShown, empty := time.Now(), 0
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		if !quiet && every > 0 && time.Since(lastShown) >= every {
			lastShown = time.Now()
			s := w.Stats()
			waiting, inFlight, err := q.Depth(ctx)
			depth := fmt.Sprintf("queue: %d waiting, %d in flight", waiting, inFlight)
			if err != nil {
				depth = "queue: unknown"
			}
			el := time.Since(began).Seconds()
			logf("%d stored, %d already stored, %d parked, %d retried (%.1f/s); %s",
				s.Stored, s.Existing, s.Parked, s.Retried, float64(s.Stored+s.Existing)/max(el, 1e-3), depth)
		}
		if untilEmpty {
			waiting, inFlight, err := q.Depth(ctx)
			if err == nil && waiting == 0 && inFlight == 0 {
				empty++
			} else {
				empty = 0
			}
			if empty >= 2 {
				cancel()
				return
			}
		}
	}
}

// orDash returns s, or "-" when it is empty.
func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// redactURL hides the passwords in a comma-separated list of URLs, for
// messages.
func redactURL(s string) string {
	parts := strings.Split(s, ",")
	for i, p := range parts {
		if u, err := url.Parse(strings.TrimSpace(p)); err == nil && u.User != nil {
			parts[i] = u.Redacted()
		}
	}
	return strings.Join(parts, ",")
}
