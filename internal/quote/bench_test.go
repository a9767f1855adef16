package quote_test

import (
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/entity"
	"github.com/newsgraph/newsgraph/internal/lang/langtest"
	"github.com/newsgraph/newsgraph/internal/quote"
)

// benchText is a made-up article of about 400 words in the usual shape of
// political news.
var benchText = strings.Repeat(`Foreign Minister Dana Whitlow said on Tuesday that the talks with Norland had stalled. “We will not give in to pressure,” she told reporters in Arden. “Our position has not changed.”

Opposition leader Tom Okafor, who has criticised the government for months, said the plan was “a worrying failure”. He added: “The minister must explain why the deal collapsed.” A government spokesman declined to comment, according to the Arden Herald.

The European Union (EU) said it was ready to help. Mr Okafor later told the BBC that the EU could mediate. The minister's office said the claims were unfounded.

`, 4)

var benchMentions = []string{"PERSON=Dana Whitlow", "GPE=Norland", "GPE=Arden", "PERSON=Tom Okafor", "ORG=Arden Herald",
	"ORG=European Union", "ORG=EU", "PERSON=Okafor", "ORG=BBC"}

func BenchmarkQuote(b *testing.B) {
	d := makeDoc(b, benchText, benchMentions...)
	if err := entity.New().Process(d); err != nil {
		b.Fatal(err)
	}
	words := len(strings.Fields(benchText))
	c := quote.New()
	b.SetBytes(int64(len(d.Text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := c.Process(d); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}

func BenchmarkEntity(b *testing.B) {
	d := makeDoc(b, benchText, benchMentions...)
	words := len(strings.Fields(benchText))
	c := entity.New()
	b.SetBytes(int64(len(d.Text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := c.Process(d); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}

// BenchmarkQuoteLanguages runs the quote component over the same invented
// story in English and each language pack (package langtest), to compare
// words per second across languages.
func BenchmarkQuoteLanguages(b *testing.B) {
	for _, iso := range langtest.Languages {
		b.Run(iso, func(b *testing.B) {
			text := strings.Repeat(langtest.News(iso)+"\n\n", 4)
			d := analyseLang(b, iso, text)
			words := langtest.Words(text)
			c := quote.New()
			b.SetBytes(int64(len(d.Text)))
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if err := c.Process(d); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
		})
	}
}
