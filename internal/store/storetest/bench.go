package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/store"
)

// BenchPut measures storing docs into an empty store made by open (each
// iteration a new one), batch documents per Put, and reports docs/s beside
// the bytes of text per second. Every backend's benchmark calls it with the
// same documents, so the figures compare.
func BenchPut(b *testing.B, open func(b *testing.B) store.Store, docs []*doc.JSON, batch int) {
	var bytes int64
	for _, d := range docs {
		bytes += int64(len(d.Text))
	}
	b.SetBytes(bytes)
	ctx := context.Background()
	var total time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s := open(b)
		b.StartTimer()
		start := time.Now()
		for j := 0; j < len(docs); j += batch {
			res, err := s.Put(ctx, docs[j:min(j+batch, len(docs))]...)
			if err != nil {
				b.Fatal(err)
			}
			for _, r := range res {
				if r.Err != nil {
					b.Fatalf("put %s: %v", r.ID, r.Err)
				}
			}
		}
		total += time.Since(start)
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(len(docs)*b.N)/total.Seconds(), "docs/s")
}
