package quote_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/native")

// goldenQuote is one quote as the golden files keep it.
type goldenQuote struct {
	Text    string `json:"text"`
	Speaker string `json:"speaker"`
	Cue     string `json:"cue,omitempty"`
	Direct  bool   `json:"direct"`
}

// TestNativeGolden runs the quote component over the short articles of
// testdata/native (one per language, written for these tests; the first
// line lists their mentions, "# mentions: TYPE=text | …") and compares
// every quote with NAME.golden.json (-update rewrites them).
func TestNativeGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "native", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no articles in testdata/native: %v", err)
	}
	for _, f := range files {
		iso := strings.TrimSuffix(filepath.Base(f), ".txt")
		t.Run(iso, func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			head, body, _ := strings.Cut(string(b), "\n")
			var ments []string
			for _, m := range strings.Split(strings.TrimPrefix(head, "# mentions:"), "|") {
				ments = append(ments, strings.TrimSpace(m))
			}
			d := analyseLang(t, iso, body, ments...)
			var got []goldenQuote
			for _, q := range d.Quotes {
				g := goldenQuote{Text: d.Slice(q.Span), Speaker: "-", Cue: q.Cue, Direct: q.Direct}
				for _, e := range d.Entities {
					if e.ID == q.Speaker && q.Speaker != "" {
						g.Speaker = e.Name
					}
				}
				got = append(got, g)
			}
			out, err := json.MarshalIndent(got, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, '\n')
			golden := strings.TrimSuffix(f, ".txt") + ".golden.json"
			if *update {
				if err := os.WriteFile(golden, out, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(out, want) {
				t.Errorf("quotes of %s differ from %s:\n%s", f, golden, out)
			}
		})
	}
}
