package segment

import (
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/lang/langtest"
)

// synthetic is news-like English text written for the benchmark, so that it
// runs without ../shared.
const synthetic = `Shares in Acme Inc. rose 4.5% to $12.30 on Tuesday after the U.S. firm said third-quarter profits jumped to $1.2bn (£950m), beating forecasts.

"We're very pleased with the results," chief executive J. K. Smith told reporters in New York. "It's been a tough year -- but we didn't give up."

Mr. Smith, 54, said the company would hire 1,500 workers by Sept. 30 and open new offices in Berlin, Paris and São Paulo. Analysts at Goldman Sachs called the figures "remarkable"; others were more cautious... The shares have fallen 12% since Jan. 1.

Gen. Mark Milley — who met the board on 9/27/2024 at 10:30 a.m. — declined to comment. More details: https://www.example.com/news/acme-results or e-mail press@example.com (#AcmeResults, @AcmeNews).
`

func benchDocs(b *testing.B, texts []string) {
	var docs []*doc.Doc
	size := 0
	for _, t := range texts {
		title, body, _ := strings.Cut(t, "\n")
		d, err := doc.New(doc.Article{Lang: "en", Title: title, Body: body})
		if err != nil {
			continue
		}
		docs = append(docs, d)
		size += len(d.Text)
	}
	seg := Segmenter{}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	tokens := 0
	for b.Loop() {
		for _, d := range docs {
			if err := seg.Process(d); err != nil {
				b.Fatal(err)
			}
			tokens += len(d.Tokens)
		}
	}
	b.ReportMetric(float64(tokens)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkSegment segments all 2,225 BBC news articles of ../shared.
func BenchmarkSegment(b *testing.B) {
	benchDocs(b, bbcArticles(b))
}

// BenchmarkSegmentSynthetic segments a news-like text written for the
// benchmark (runs without ../shared).
func BenchmarkSegmentSynthetic(b *testing.B) {
	benchDocs(b, []string{strings.Repeat(synthetic, 20)})
}

// BenchmarkSegmentLang segments the news text of each language written for
// the benchmarks (package langtest) and reports words per second, to
// compare the languages with English.
func BenchmarkSegmentLang(b *testing.B) {
	for _, iso := range langtest.Languages {
		b.Run(iso, func(b *testing.B) {
			text := strings.Repeat(langtest.News(iso)+"\n\n", 20)
			title, body, _ := strings.Cut(text, "\n")
			d, err := doc.New(doc.Article{Lang: iso, Title: title, Body: body})
			if err != nil {
				b.Fatal(err)
			}
			words := langtest.Words(d.Text)
			seg := Segmenter{}
			b.SetBytes(int64(len(d.Text)))
			b.ResetTimer()
			for b.Loop() {
				if err := seg.Process(d); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(words*b.N)/b.Elapsed().Seconds(), "words/s")
		})
	}
}
