package timex

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// bbcTexts reads the BBC corpus from ../shared (research-only: read at
// test time, never copied into the repository), or skips.
func bbcTexts(t testing.TB) []string {
	dir := filepath.Join(sharedDir(t), "data", "news-bbc", "bbc")
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	if len(files) == 0 {
		t.Skipf("BBC corpus not found under %s: skipping", dir)
	}
	sort.Strings(files)
	out := make([]string, 0, len(files))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(b))
	}
	return out
}

// TestBBCCorpus runs the tagger over the whole BBC corpus, with and without
// a publication date, checking the span and value invariants and printing
// coverage: how many expressions, how many resolved, the commonest forms.
func TestBBCCorpus(t *testing.T) {
	texts := bbcTexts(t)
	tg, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, published := range []string{"", "2005-03-16"} {
		n, resolved := 0, 0
		shapes := map[string]int{}
		for _, text := range texts {
			ds, err := tg.Tag(text, "en", published, nil)
			if err != nil {
				t.Fatal(err)
			}
			checkDates(t, text, ds)
			for _, d := range ds {
				n++
				if d.Value != "" {
					resolved++
				}
				shapes[shape(d.Value)]++
			}
		}
		type kv struct {
			k string
			v int
		}
		var top []kv
		for k, v := range shapes {
			top = append(top, kv{k, v})
		}
		sort.Slice(top, func(a, b int) bool { return top[a].v > top[b].v })
		var sb strings.Builder
		for i, e := range top {
			if i == 12 {
				break
			}
			sb.WriteString(e.k + ":" + itoa(e.v) + " ")
		}
		t.Logf("published %q: %d docs, %d dates (%.1f per doc), %d with a value; value shapes: %s",
			published, len(texts), n, float64(n)/float64(len(texts)), resolved, sb.String())
	}
}

func shape(v string) string {
	if v == "" {
		return "(none)"
	}
	b := []byte(v)
	for i, c := range b {
		if c >= '0' && c <= '9' {
			b[i] = '9'
		}
	}
	return string(b)
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

// FuzzTimex checks that any text and publication date give dates with
// spans inside the text, on character boundaries, in order, and values of
// the documented forms.
func FuzzTimex(f *testing.F) {
	for _, c := range dateCases {
		f.Add(c.text, c.pub)
	}
	f.Add("9/99/2004 13/13/13 31 February 2005 Q9 2004 the 99th century", "2005-02-16")
	f.Add("Sept. 2004-09-31 10:99 25 p.m. 2004-2003 '05s", "not a date")
	tg, err := New(Config{VagueRefs: true})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text, published string) {
		if len(text) > 4096 {
			return
		}
		ds, err := tg.Tag(text, "en", published, nil)
		if err != nil {
			t.Fatal(err)
		}
		checkDates(t, text, ds)
	})
}

// BenchmarkTag measures throughput over the BBC corpus (or the test
// sentences when it is absent).
func BenchmarkTag(b *testing.B) {
	var texts []string
	if _, err := os.Stat(filepath.Join("..", "..", "..", "shared", "data", "news-bbc", "bbc")); err == nil {
		texts = bbcTexts(b)
	} else {
		for _, c := range dateCases {
			texts = append(texts, c.text)
		}
	}
	size := 0
	for _, s := range texts {
		size += len(s)
	}
	tg, err := New(Config{})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	n := 0
	for i := 0; i < b.N; i++ {
		for _, s := range texts {
			ds, _ := tg.Tag(s, "en", "2005-03-16", nil)
			n += len(ds)
		}
	}
	b.ReportMetric(float64(n)/float64(b.N)/float64(size)*1e6, "dates/MB")
}
