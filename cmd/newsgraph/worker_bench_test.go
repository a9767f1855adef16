package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/pgtest"
	"github.com/newsgraph/newsgraph/internal/queue"
	"github.com/newsgraph/newsgraph/internal/queue/queuetest"
	"github.com/newsgraph/newsgraph/internal/sharedtest"
	"github.com/newsgraph/newsgraph/internal/source"
	"github.com/newsgraph/newsgraph/internal/store/postgres"
)

// benchArticles is how many BBC articles one benchmark iteration queues.
const benchArticles = 1000

// BenchmarkWorkers measures the throughput of 1, 2 and 4 worker processes
// (one article at a time each) pulling BBC articles from the queue into
// PostgreSQL. The workers are started and have loaded their models before
// the clock starts; the clock stops when the last article is stored.
// Run with -benchtime=1x: one iteration analyses benchArticles articles.
func BenchmarkWorkers(b *testing.B) {
	bbc := sharedtest.Path(b, "data", "news-bbc", "bbc")
	var arts []doc.Article
	var inputs []string
	var size int64
	for _, cat := range []string{"business", "entertainment", "politics", "sport", "tech"} {
		inputs = append(inputs, filepath.Join(bbc, cat))
	}
	source.Walk(inputs, nil, source.Options{}, func(it source.Item) error {
		if it.Err == nil && len(arts) < benchArticles {
			arts = append(arts, it.Article)
			size += int64(len(it.Article.Title) + len(it.Article.Body))
		}
		return nil
	})
	pg := pgtest.Start(b)
	bin := buildBinary(b)
	for _, k := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("workers=%d", k), func(b *testing.B) {
			b.SetBytes(size)
			total, elapsed := 0, time.Duration(0)
			for range b.N {
				b.StopTimer()
				n, d := runWorkers(b, pg, bin, k, arts)
				total += n
				elapsed += d
			}
			b.ReportMetric(float64(total)/elapsed.Seconds(), "docs/s")
			b.ReportMetric(0, "ns/op") // the time of one iteration says little
		})
	}
}

// runWorkers starts k worker processes on a fresh database and queue, queues
// arts, and returns how many were stored and how long that took.
func runWorkers(b *testing.B, pg *pgtest.Cluster, bin string, k int, arts []doc.Article) (int, time.Duration) {
	ctx := context.Background()
	nats := queuetest.Start(b)
	dsn := pg.NewDB(b)
	st, err := postgres.Open(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	q, err := queue.Connect(ctx, nats.URL(), "bench", queue.Config{}, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer q.Close()
	var ws []*proc
	for i := range k {
		ws = append(ws, startProc(b, bin, fmt.Sprintf("worker%d", i+1), "worker", "--queue", nats.URL(), "--db", dsn,
			"--concurrency", "1", "--progress", "0"))
	}
	for _, w := range ws {
		for !strings.Contains(w.stderr.String(), "pulling from") {
			select {
			case <-w.done:
				b.Fatalf("%s exited: %v\n%s", w.name, w.err, w.stderr)
			case <-time.After(20 * time.Millisecond):
			}
		}
	}
	b.StartTimer()
	start := time.Now()
	want := 0
	pub := q.NewPublisher(0, func(p queue.Published) {
		if p.Err != nil {
			b.Errorf("publish: %v", p.Err)
		} else if !p.Duplicate {
			want++
		}
	})
	for i, a := range arts {
		if err := pub.Publish(ctx, fmt.Sprint("bbc#", i), a); err != nil {
			b.Fatal(err)
		}
	}
	if err := pub.Wait(ctx); err != nil {
		b.Fatal(err)
	}
	for {
		s, err := st.Stats(ctx)
		if err == nil && s.Documents >= want {
			break
		}
		if time.Since(start) > 10*time.Minute {
			b.Fatalf("only %d of %d stored after 10 minutes", s.Documents, want)
		}
		time.Sleep(50 * time.Millisecond)
	}
	d := time.Since(start)
	b.StopTimer()
	for _, w := range ws {
		w.stop(b)
	}
	return want, d
}
