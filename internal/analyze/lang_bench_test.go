package analyze

import (
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/lang/langtest"
)

// BenchmarkPipelineLang runs the whole default pipeline over the same news
// story written in each language (internal/lang/langtest) and reports words/s
// per language, so that the throughput of a language pack and its entity
// recognizer can be compared with English's (issue #9: within 30%).
func BenchmarkPipelineLang(b *testing.B) {
	an, err := New()
	if err != nil {
		b.Fatal(err)
	}
	for _, iso := range langtest.Languages {
		text := langtest.News(iso)
		title, body, _ := strings.Cut(text, "\n\n")
		art := doc.Article{Title: title, Body: body, Lang: iso}
		words := langtest.Words(text)
		b.Run(iso, func(b *testing.B) {
			d, err := an.Analyze(art) // load the language's models before timing
			if err != nil {
				b.Fatal(err)
			}
			if len(d.Entities) == 0 {
				b.Fatalf("%s: no entities found: the language's models are missing", iso)
			}
			b.SetBytes(int64(len(text)))
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := an.Analyze(art); err != nil {
					b.Fatal(err)
				}
			}
			sec := b.Elapsed().Seconds()
			b.ReportMetric(float64(words*b.N)/sec, "words/s")
			b.ReportMetric(float64(b.N)/sec, "docs/s")
		})
	}
}
