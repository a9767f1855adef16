package analyze

import (
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/sharedtest"
	"github.com/newsgraph/newsgraph/internal/source"
)

// bbcArticles reads the BBC News corpus from ../shared, or skips.
func bbcArticles(b *testing.B) []doc.Article {
	b.Helper()
	bbc := sharedtest.Path(b, "data", "news-bbc", "bbc")
	var arts []doc.Article
	err := source.Walk([]string{bbc}, nil, source.Options{Lang: "en"}, func(it source.Item) error {
		if it.Err == nil {
			arts = append(arts, it.Article)
		}
		return nil
	})
	if err != nil || len(arts) == 0 {
		b.Fatalf("reading %s: %v (%d articles)", bbc, err, len(arts))
	}
	return arts
}

// BenchmarkPipelineBBC runs the whole default pipeline over all 2,225 BBC
// articles on one goroutine per iteration and reports MB/s, words/s and
// docs/s.
func BenchmarkPipelineBBC(b *testing.B) {
	arts := bbcArticles(b)
	an, err := New()
	if err != nil {
		b.Fatal(err)
	}
	var bytes, words int
	for _, a := range arts {
		bytes += len(a.Title) + len(a.Body)
		words += len(strings.Fields(a.Title)) + len(strings.Fields(a.Body))
	}
	if _, err := an.Analyze(arts[0]); err != nil { // load models before timing
		b.Fatal(err)
	}
	b.SetBytes(int64(bytes))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, a := range arts {
			if _, err := an.Analyze(a); err != nil {
				b.Fatal(err)
			}
		}
	}
	sec := b.Elapsed().Seconds()
	b.ReportMetric(float64(words*b.N)/sec, "words/s")
	b.ReportMetric(float64(len(arts)*b.N)/sec, "docs/s")
}
