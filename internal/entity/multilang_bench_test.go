package entity

import (
	"strings"
	"testing"
	"unicode"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// BenchmarkEntityLang measures the entity layer on the multilingual test
// documents, one sub-benchmark per language (words/s reported).
func BenchmarkEntityLang(b *testing.B) {
	byLang := map[string][]multiCase{}
	var langs []string
	for _, tc := range multiCases {
		if byLang[tc.lang] == nil {
			langs = append(langs, tc.lang)
		}
		byLang[tc.lang] = append(byLang[tc.lang], tc)
	}
	for _, iso := range langs {
		b.Run(iso, func(b *testing.B) {
			var docs []*doc.Doc
			bytes, words := 0, 0
			for _, tc := range byLang[iso] {
				d := makeDocLang(b, tc.lang, tc.text, tc.mentions...)
				docs = append(docs, d)
				bytes += len(d.Text)
				words += len(strings.Fields(d.Text))
			}
			c := New()
			b.SetBytes(int64(bytes))
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				for _, d := range docs {
					if err := c.Process(d); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(words*b.N)/b.Elapsed().Seconds(), "words/s")
		})
	}
}

// FuzzEntityLang runs the entity layer of each language over arbitrary
// text, with every capitalised word a person mention, looking for panics
// and spans outside the text.
func FuzzEntityLang(f *testing.F) {
	for _, tc := range multiCases {
		f.Add(tc.lang, tc.text)
	}
	f.Add("ru", "İ Зеленского İİ Зеленским. — сказал он")
	f.Fuzz(func(t *testing.T, iso, text string) {
		switch iso {
		case "de", "fr", "es", "it", "ru", "uk", "pl":
		default:
			return
		}
		d, err := doc.New(doc.Article{Body: text, Lang: iso})
		if err != nil {
			return
		}
		var ms []string
		for _, w := range strings.Fields(d.Text) {
			w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
			if w != "" && isCapWord(w) {
				ms = append(ms, "PER="+w)
			}
		}
		if len(ms) > 20 {
			ms = ms[:20]
		}
		d = makeDocLang(t, iso, text, ms...)
		if err := New().Process(d); err != nil {
			t.Fatal(err)
		}
		for _, e := range d.Entities {
			for _, m := range e.Mentions {
				if m.Start < 0 || m.End > len(d.Text) || m.Start > m.End {
					t.Fatalf("mention %v outside the text", m)
				}
			}
		}
	})
}
