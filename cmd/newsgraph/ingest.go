package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"sync"
	"time"

	"github.com/mattn/go-isatty"

	"github.com/newsgraph/newsgraph/internal/analyze"
	"github.com/newsgraph/newsgraph/internal/doc"
	_ "github.com/newsgraph/newsgraph/internal/install" // every pipeline component
	"github.com/newsgraph/newsgraph/internal/source"
	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/backend"
)

// defaultDB is the database file used when --db is not given.
const defaultDB = "newsgraph.db"

// ingestFlags holds the flags of ingest.
var ingestFlags struct {
	db, published, lang string
	workers, batch      int
	quiet               bool
}

func init() {
	register(&command{
		name:  "ingest",
		args:  "[--db FILE] [--published DATE] [--lang L] INPUT...",
		short: "analyse articles and store them in a database for serve and export",
		long: `Reads news articles (the same inputs as extract: files, directories, - for
standard input), analyses them and stores them in a database: a SQLite
file (default ./newsgraph.db, created if missing; an older file is upgraded)
or, with --db postgres://USER@HOST/DB, a PostgreSQL database (its tables are
created or upgraded). Without --db, $NEWSGRAPH_DB is used when set.

A document's id is the hash of its text, so ingesting the same input twice
changes nothing. Near-duplicate copies of one story are kept, each with its
source, and grouped as one story. Entities are linked across articles.

Progress is shown on a terminal; a summary line ends the run. An input that
cannot be read or analysed is reported on stderr and skipped; it never stops
the batch and never leaves a half-written article.

With --queue nats://HOST:PORT, nothing is analysed here: each article is
published to the NATS JetStream work queue and "newsgraph worker" processes,
on any number of machines, analyse and store it (--db is then unused). An
article queued twice (same text) is kept once. Inputs that cannot be read are
reported as above; the summary counts the articles published. --queue is
never taken from $NEWSGRAPH_QUEUE, so that a plain ingest stays local.

Exit status: 0 when every input was stored, 1 when some failed, 2 on a usage error.`,
		setup: func(fs *flag.FlagSet) {
			f := &ingestFlags
			fs.StringVar(&f.db, "db", "", "database: SQLite `file` or postgres:// URL (default $"+backend.EnvVar+", then ./"+backend.DefaultPath+")")
			fs.StringVar(&f.published, "published", "", "publication date for every article (YYYY-MM-DD or RFC 3339)")
			fs.StringVar(&f.lang, "lang", "", "language of every article (ISO 639-1); overrides detection")
			fs.IntVar(&f.workers, "workers", 0, "articles analysed at once (default: the number of cores)")
			fs.IntVar(&f.batch, "batch", 256, "articles written per database transaction")
			fs.BoolVar(&f.quiet, "quiet", false, "no progress and no summary")
			fs.StringVar(&ingestQueue, "queue", "", "publish to the NATS JetStream queue at `URL` for workers instead of storing here")
		},
		run: runIngest,
	})
}

func runIngest(env *cmdEnv, args []string) int {
	batchGC()
	f := ingestFlags
	if len(args) == 0 {
		return usageError(env, "ingest", "no INPUT given (use - for standard input)")
	}
	if f.batch < 1 || f.batch > 10000 {
		return usageError(env, "ingest", "--batch %d: want 1 to 10000", f.batch)
	}
	opts, err := sourceOptions(f.published, f.lang)
	if err != nil {
		return usageError(env, "ingest", "%v", err)
	}
	if ingestQueue != "" {
		return runIngestQueue(env, args, opts, f.quiet)
	}
	db := backend.Target(f.db)
	st, err := backend.Open(context.Background(), db, false)
	if err != nil {
		fmt.Fprintf(env.stderr, "newsgraph ingest: %v\n", err)
		return exitFailed
	}
	defer st.Close()
	an, err := analyze.New()
	if err != nil {
		fmt.Fprintf(env.stderr, "newsgraph ingest: %v\n", err)
		return exitFailed
	}
	an.Workers = f.workers
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	var progress io.Writer
	if !f.quiet {
		progress = env.stderr
	}
	sum, err := ingest(ctx, st, an, args, env.stdin, opts, f.batch, env.stderr, progress)
	if !f.quiet {
		fmt.Fprintf(env.stderr, "newsgraph ingest: %s into %s\n", sum, backend.Describe(db))
	}
	if err != nil {
		fmt.Fprintf(env.stderr, "newsgraph ingest: %v\n", err)
		return exitFailed
	}
	if sum.Failed > 0 {
		return exitFailed
	}
	return exitOK
}

// ingestSummary counts what an ingest run did.
type ingestSummary struct {
	Read, Added, Existing, Copies, Failed int
	Elapsed                               time.Duration
}

func (s ingestSummary) String() string {
	rate := 0.0
	if s.Elapsed > 0 {
		rate = float64(s.Read) / s.Elapsed.Seconds()
	}
	return fmt.Sprintf("%d articles in %.1fs (%.0f/s): %d stored, %d already stored, %d near-duplicate copies, %d failed",
		s.Read, s.Elapsed.Seconds(), rate, s.Added, s.Existing, s.Copies, s.Failed)
}

// ingest analyses inputs and stores them in batches. Errors about single
// inputs go to errs and are counted; the returned error is for the store
// failing or the run being interrupted. progress, when it is a terminal,
// gets a status line redrawn a few times a second; otherwise a line every
// ten seconds.
func ingest(ctx context.Context, st store.Store, an *analyze.Analyzer, inputs []string, stdin io.Reader,
	opts source.Options, batchSize int, errs, progress io.Writer) (ingestSummary, error) {
	var sum ingestSummary
	start := time.Now()
	tty := false
	if f, ok := progress.(*os.File); ok {
		tty = isatty.IsTerminal(f.Fd())
	}
	every := 10 * time.Second
	if tty {
		every = 200 * time.Millisecond
	}
	lastShown := start
	show := func(final bool) {
		if progress == nil {
			return
		}
		if tty {
			el := time.Since(start).Seconds()
			fmt.Fprintf(progress, "\r\033[K%d articles  %.0f/s  %d stored  %d failed", sum.Read, float64(sum.Read)/max(el, 1e-3), sum.Added, sum.Failed)
			if final {
				fmt.Fprint(progress, "\r\033[K")
			}
		} else if !final {
			fmt.Fprintf(progress, "newsgraph ingest: %d articles, %d stored, %d failed so far\n", sum.Read, sum.Added, sum.Failed)
		}
	}
	report := func(format string, a ...any) {
		if tty {
			fmt.Fprint(progress, "\r\033[K")
		}
		fmt.Fprintf(errs, "newsgraph ingest: "+format+"\n", a...)
	}
	batch := make([]*doc.JSON, 0, batchSize)
	inputsOf := make([]string, 0, batchSize)
	// A writer goroutine stores batches while the next one is analysed.
	// sum, report and show are shared with it under mu.
	var mu sync.Mutex
	type job struct {
		docs   []*doc.JSON
		inputs []string
	}
	// One batch can wait while the writer stores the previous one. Full
	// batches beat early hand-overs: the store sums a batch's entity and
	// fact rows and writes them once (measured: 2.0 ms of processor time per
	// article with batches of 256, 2.3 ms when an idle writer took batches
	// from 32).
	jobs := make(chan job, 1)
	// the writer and the analysis share one slot per core (analyze.Analyzer.CPU)
	cpu := make(chan struct{}, runtime.GOMAXPROCS(0))
	an.CPU, an.JSON = cpu, true
	defer func() { an.CPU, an.JSON = nil, false }()
	writeErr := make(chan error, 1)
	go func() {
		var failed error
		for j := range jobs {
			if failed != nil {
				continue // drain after a store failure
			}
			cpu <- struct{}{}
			res, err := st.Put(ctx, j.docs...)
			<-cpu
			if err != nil {
				failed = err
				continue
			}
			mu.Lock()
			for i, r := range res {
				switch {
				case r.Err != nil:
					sum.Failed++
					report("%s: %v", j.inputs[i], r.Err)
				case !r.Added:
					sum.Existing++
				default:
					sum.Added++
					if r.Story != r.ID {
						sum.Copies++
					}
				}
			}
			mu.Unlock()
		}
		writeErr <- failed
	}()
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		select {
		case jobs <- job{batch, inputsOf}:
		case <-ctx.Done():
			return ctx.Err()
		}
		batch, inputsOf = make([]*doc.JSON, 0, batchSize), make([]string, 0, batchSize)
		return nil
	}
	// documents already stored, or met earlier in this run (the same text
	// under two names), are not analysed again
	var seenMu sync.Mutex
	seen := map[string]bool{}
	an.Skip = func(d *doc.Doc) bool {
		seenMu.Lock()
		again := seen[d.ID]
		seen[d.ID] = true
		seenMu.Unlock()
		if again {
			return true
		}
		ok, err := st.Has(ctx, d.ID)
		return err == nil && ok
	}
	defer func() { an.Skip = nil }()
	lastFlush := time.Now()
	err := an.Run(inputs, stdin, opts, func(r analyze.Result) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		mu.Lock()
		defer mu.Unlock()
		sum.Read++
		switch {
		case r.Err != nil:
			sum.Failed++
			report("%v", r.Err)
		case r.Skipped:
			sum.Existing++
		default:
			batch = append(batch, r.JSON)
			inputsOf = append(inputsOf, r.Input)
		}
		if len(batch) >= batchSize || len(batch) > 0 && time.Since(lastFlush) > 2*time.Second {
			lastFlush = time.Now()
			mu.Unlock()
			err := flush()
			mu.Lock()
			if err != nil {
				return err
			}
		}
		if time.Since(lastShown) >= every {
			lastShown = time.Now()
			show(false)
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	close(jobs)
	if werr := <-writeErr; err == nil {
		err = werr
	}
	sum.Elapsed = time.Since(start)
	show(true)
	if err != nil && ctx.Err() != nil {
		return sum, fmt.Errorf("interrupted; %d articles stored before the interruption are kept", sum.Added)
	}
	return sum, err
}
