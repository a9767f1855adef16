package amount

import (
	"encoding/json"
	"github.com/newsgraph/newsgraph/internal/sharedtest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/doc"
)

func sharedDir(t testing.TB) string { return sharedtest.Dir(t) }

// TestGoldDev checks every core amount of the hand-annotated gold-dev
// articles: an amount containing the gold text must have its value and unit.
func TestGoldDev(t *testing.T) {
	dir := filepath.Join(sharedDir(t), "gold-dev")
	files, _ := filepath.Glob(filepath.Join(dir, "*.gold.json"))
	if len(files) == 0 {
		t.Skipf("no gold files in %s", dir)
	}
	tg, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	total, right := 0, 0
	for _, f := range files {
		var g struct {
			Amounts []struct {
				Text  string   `json:"text"`
				Value *float64 `json:"value"`
				Unit  string   `json:"unit"`
				Core  bool     `json:"core"`
			} `json:"amounts"`
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &g); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		txt, err := os.ReadFile(strings.TrimSuffix(f, ".gold.json") + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		d, err := doc.New(doc.Article{Body: string(txt)})
		if err != nil {
			t.Fatal(err)
		}
		if err := tg.Process(d); err != nil {
			t.Fatal(err)
		}
		for _, a := range d.Amounts {
			t.Logf("%s: %q = %s %s %q", filepath.Base(f), d.Slice(a.Span), fmtP(a.Value), a.Unit, a.Qualifier)
		}
		for _, ga := range g.Amounts {
			ok := false
			for _, a := range d.Amounts {
				if strings.Contains(strings.ToLower(d.Slice(a.Span)), strings.ToLower(ga.Text)) && eqP(a.Value, ga.Value) && strings.EqualFold(a.Unit, ga.Unit) {
					ok = true
				}
			}
			if ga.Core {
				total++
				if ok {
					right++
				} else {
					t.Errorf("%s: core amount %q = %s %s not found", filepath.Base(f), ga.Text, fmtP(ga.Value), ga.Unit)
				}
			} else if !ok {
				t.Logf("%s: non-core amount %q = %s %s not found", filepath.Base(f), ga.Text, fmtP(ga.Value), ga.Unit)
			}
		}
	}
	t.Logf("core amounts right: %d/%d", right, total)
}

func eqP(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	d := *a - *b
	return d < 1e-9*(*b+1) && -d < 1e-9*(*b+1)
}

func fmtP(f *float64) string {
	if f == nil {
		return "null"
	}
	return fmtF(*f)
}

func fmtF(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }
