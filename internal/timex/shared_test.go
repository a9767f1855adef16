package timex

import (
	"encoding/json"
	"github.com/newsgraph/newsgraph/internal/sharedtest"
	"os"
	"path/filepath"
	"testing"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// sharedDir finds ../shared next to the repository root, or skips.
func sharedDir(t testing.TB) string { return sharedtest.Dir(t) }

// TestGoldDev checks every core date of the hand-annotated gold-dev
// articles: some date overlapping the gold text must have the gold value.
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
			Published *string `json:"published"`
			Dates     []struct {
				Text  string  `json:"text"`
				Value *string `json:"value"`
				Core  bool    `json:"core"`
			} `json:"dates"`
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &g); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		txt, err := os.ReadFile(f[:len(f)-len(".gold.json")] + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		pub := ""
		if g.Published != nil {
			pub = *g.Published
		}
		d, err := doc.New(doc.Article{Body: string(txt), Published: pub})
		if err != nil {
			t.Fatal(err)
		}
		if err := tg.Process(d); err != nil {
			t.Fatal(err)
		}
		for _, sd := range d.Dates {
			t.Logf("%s: %q = %q %s", filepath.Base(f), d.Slice(sd.Span), sd.Value, sd.Mod)
		}
		for _, gd := range g.Dates {
			want := ""
			if gd.Value != nil {
				want = *gd.Value
			}
			ok := false
			for _, sd := range d.Dates {
				s := d.Slice(sd.Span)
				if (s == gd.Text || containsFold(s, gd.Text)) && sd.Value == want {
					ok = true
				}
			}
			if gd.Core {
				total++
				if ok {
					right++
				} else {
					t.Errorf("%s: core date %q = %q not found", filepath.Base(f), gd.Text, want)
				}
			} else if !ok {
				t.Logf("%s: non-core date %q = %q not found", filepath.Base(f), gd.Text, want)
			}
		}
	}
	t.Logf("core dates right: %d/%d", right, total)
}

func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if equalFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}
