package amount

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

// TestBBCCorpus runs the tagger over the whole BBC corpus, checking the
// invariants of every amount and printing coverage: amounts per unit, and
// how many "£"/"$" signs in the text no amount covers.
func TestBBCCorpus(t *testing.T) {
	texts := bbcTexts(t)
	tg, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	n, signs, covered := 0, 0, 0
	units := map[string]int{}
	for _, text := range texts {
		as, err := tg.Tag(text, "en")
		if err != nil {
			t.Fatal(err)
		}
		checkAmounts(t, text, as)
		n += len(as)
		for _, a := range as {
			units[a.Unit]++
		}
		// every currency sign followed by a digit should be in an amount
		for i := 0; i < len(text); i++ {
			var w int
			switch {
			case strings.HasPrefix(text[i:], "£"):
				w = len("£")
			case text[i] == '$':
				w = 1
			default:
				continue
			}
			if i+w >= len(text) || text[i+w] < '0' || text[i+w] > '9' {
				continue
			}
			signs++
			for _, a := range as {
				if a.Start <= i && i < a.End {
					covered++
					break
				}
			}
		}
	}
	type kv struct {
		k string
		v int
	}
	var top []kv
	for k, v := range units {
		top = append(top, kv{k, v})
	}
	sort.Slice(top, func(a, b int) bool { return top[a].v > top[b].v })
	var sb strings.Builder
	for i, e := range top {
		if i == 15 {
			break
		}
		sb.WriteString(e.k + ":" + strconvI(e.v) + " ")
	}
	t.Logf("%d docs, %d amounts; units: %s", len(texts), n, sb.String())
	t.Logf("currency signs before a digit: %d, in an amount: %d", signs, covered)
}

func strconvI(n int) string { return fmtF(float64(n)) }

// FuzzAmount checks that any text gives amounts with spans inside the text,
// on character boundaries, in order, with finite values and a unit.
func FuzzAmount(f *testing.F) {
	for _, c := range amountCases {
		f.Add(c.text)
	}
	f.Add("$$$ 1,2,3bn £-5 €5-3 half a half a billion 1e308bn 999999999999999999999tn")
	tg, err := New(Config{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 4096 {
			return
		}
		as, err := tg.Tag(text, "en")
		if err != nil {
			t.Fatal(err)
		}
		checkAmounts(t, text, as)
	})
}

// BenchmarkTag measures throughput over the BBC corpus (or the test
// sentences when it is absent).
func BenchmarkTag(b *testing.B) {
	var texts []string
	if _, err := os.Stat(filepath.Join("..", "..", "..", "shared", "data", "news-bbc", "bbc")); err == nil {
		texts = bbcTexts(b)
	} else {
		for _, c := range amountCases {
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
			as, _ := tg.Tag(s, "en")
			n += len(as)
		}
	}
	b.ReportMetric(float64(n)/float64(b.N)/float64(size)*1e6, "amounts/MB")
}
