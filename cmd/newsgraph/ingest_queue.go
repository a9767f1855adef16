package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/newsgraph/newsgraph/internal/queue"
	"github.com/newsgraph/newsgraph/internal/source"
)

// ingestQueue is ingest's --queue flag: when set, articles are published to
// the NATS JetStream work queue for "newsgraph worker" instead of being
// analysed and stored here.
var ingestQueue string

// queueSummary counts what a publishing ingest run did.
type queueSummary struct {
	Read, Published, Duplicates, Failed int
	Elapsed                             time.Duration
}

func (s queueSummary) String() string {
	return fmt.Sprintf("%d articles in %.1fs (%.0f/s): %d published, %d already queued, %d failed",
		s.Read, s.Elapsed.Seconds(), float64(s.Read)/max(s.Elapsed.Seconds(), 1e-3), s.Published, s.Duplicates, s.Failed)
}

// runIngestQueue is ingest with --queue: it reads every input and publishes
// each article; bad inputs are reported one by one and the batch goes on.
func runIngestQueue(env *cmdEnv, args []string, opts source.Options, quiet bool) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	logf := func(format string, a ...any) { fmt.Fprintf(env.stderr, "newsgraph ingest: "+format+"\n", a...) }
	q, err := queue.Connect(ctx, ingestQueue, "ingest", queue.Config{}, logf)
	if err != nil {
		logf("%v", err)
		return exitFailed
	}
	defer q.Close()
	var progress io.Writer
	if !quiet {
		progress = env.stderr
	}
	sum, err := publishInputs(ctx, q, args, env.stdin, opts, env.stderr, progress)
	if !quiet {
		logf("%s to %s", sum, redactURL(ingestQueue))
	}
	if err != nil {
		logf("%v", err)
		return exitFailed
	}
	if sum.Failed > 0 {
		return exitFailed
	}
	return exitOK
}

// publishInputs reads inputs and publishes every article, reporting each
// failure on errs and a progress line every ten seconds on progress (when
// not nil). The returned error is for the run being interrupted.
func publishInputs(ctx context.Context, q *queue.Queue, inputs []string, stdin io.Reader, opts source.Options,
	errs, progress io.Writer) (queueSummary, error) {
	var sum queueSummary
	start := time.Now()
	last := start
	pub := q.NewPublisher(0, func(p queue.Published) {
		switch {
		case p.Err != nil:
			sum.Failed++
			fmt.Fprintf(errs, "newsgraph ingest: %v\n", p.Err)
		case p.Duplicate:
			sum.Duplicates++
		default:
			sum.Published++
		}
	})
	err := source.Walk(inputs, stdin, opts, func(it source.Item) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		sum.Read++
		if progress != nil && time.Since(last) >= 10*time.Second {
			last = time.Now()
			fmt.Fprintf(progress, "newsgraph ingest: %d articles read, %d published, %d failed so far\n", sum.Read, sum.Published, sum.Failed)
		}
		if it.Err != nil {
			sum.Failed++
			fmt.Fprintf(errs, "newsgraph ingest: %v\n", it.Err)
			return nil
		}
		return pub.Publish(ctx, it.Input, it.Article)
	})
	// Wait for the server to confirm what was sent, even when interrupted.
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
	defer cancel()
	if werr := pub.Wait(wctx); werr != nil && err == nil {
		err = fmt.Errorf("waiting for the server to confirm: %w", werr)
	}
	sum.Elapsed = time.Since(start)
	if err != nil && errors.Is(err, context.Canceled) {
		return sum, fmt.Errorf("interrupted; the %d articles published before the interruption stay queued", sum.Published)
	}
	return sum, err
}
