package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/analyze"
	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/sharedtest"
	"github.com/newsgraph/newsgraph/internal/source"
	"github.com/newsgraph/newsgraph/internal/store/sqlite"
)

// BenchmarkIngest measures what `newsgraph ingest` does with the BBC corpus
// (2,227 files) and a new SQLite file: reading, analysis on every core and
// storage, with the models already loaded (process start-up, about 0.2 s,
// is not counted). It reports articles/s, MB/s of article text and the
// processor time per article.
//
//	go test -run - -bench Ingest -benchtime 3x ./cmd/newsgraph
func BenchmarkIngest(b *testing.B) {
	bbc := sharedtest.Path(b, "data", "news-bbc", "bbc")
	var size int64
	filepath.WalkDir(bbc, func(p string, e os.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			if fi, err := e.Info(); err == nil {
				size += fi.Size()
			}
		}
		return nil
	})
	an, err := analyze.New()
	if err != nil {
		b.Fatal(err)
	}
	batchGC()
	// load the models before the clock starts
	if _, err := an.Analyze(doc.Article{Body: "Warm-up text about Tony Blair in London."}); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(size)
	b.ResetTimer()
	var read int
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		st, err := sqlite.Open(filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		cpu0 := cpuNow()
		sum, err := ingest(context.Background(), st, an, []string{bbc}, nil, source.Options{}, 256, io.Discard, nil)
		if err != nil || sum.Failed > 0 {
			b.Fatalf("ingest: %v (%s)", err, sum)
		}
		read += sum.Read
		cpu += cpuNow() - cpu0
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(read)/b.Elapsed().Seconds(), "articles/s")
	// on a shared machine the wall clock overstates the cost: also report
	// the processor time per article (both cores)
	if cpu > 0 {
		b.ReportMetric(float64(cpu.Microseconds())/1000/float64(read), "cpu-ms/article")
	}
}
