package segment

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/doc"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// TestGolden segments the articles under testdata/ (written for these
// tests) and compares one line per sentence, tokens separated by " | ",
// with the .golden file beside each.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if len(files) == 0 {
		t.Fatal("no testdata/*.txt")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		title, body, _ := strings.Cut(string(b), "\n")
		d, err := doc.New(doc.Article{Lang: "en", Title: title, Body: body})
		if err != nil {
			t.Fatal(err)
		}
		if err := (Segmenter{}).Process(d); err != nil {
			t.Fatal(err)
		}
		var out strings.Builder
		for _, s := range d.Sentences {
			fmt.Fprintf(&out, "%d:", s.Para)
			for i := s.First; i < s.EndTok; i++ {
				sep := " | "
				if i == s.First {
					sep = " "
				}
				out.WriteString(sep + d.TokenText(i))
			}
			out.WriteString("\n")
		}
		golden := strings.TrimSuffix(f, ".txt") + ".golden"
		if *update {
			if err := os.WriteFile(golden, []byte(out.String()), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update to create it)", err)
		}
		if out.String() != string(want) {
			t.Errorf("%s: segmentation differs from %s (go test -update rewrites it):\n%s", f, golden, diffLines(string(want), out.String()))
		}
	}
}

// diffLines lists the lines that differ between two texts.
func diffLines(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < max(len(w), len(g)); i++ {
		var a, c string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			c = g[i]
		}
		if a != c {
			fmt.Fprintf(&b, "line %d\n want: %s\n  got: %s\n", i+1, a, c)
		}
	}
	return b.String()
}
