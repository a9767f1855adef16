//go:build devcheck

package quote_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// -mentions-dir DIR: a development check of quotes on real articles with
// the mentions of their dataset's annotation instead of a recognizer (for
// languages whose NER model is not trained yet). DIR holds one folder per
// language (de, fr, …) of NAME.txt articles and NAME.mentions files
// ("TYPE=text" a line). The articles are printed with every quote marked
// ⟦Qn …⟧{Qn|speaker|cue} (Rn for reported speech) for checking by hand.
var mentionsDir = flag.String("mentions-dir", "", "folder of <lang>/NAME.txt articles with NAME.mentions to print with their quotes")

func TestMentionsDir(t *testing.T) {
	if *mentionsDir == "" {
		t.Skip("no -mentions-dir")
	}
	files, _ := filepath.Glob(filepath.Join(*mentionsDir, "*", "*.txt"))
	sort.Strings(files)
	for _, f := range files {
		iso := filepath.Base(filepath.Dir(f))
		text, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		mb, _ := os.ReadFile(strings.TrimSuffix(f, ".txt") + ".mentions")
		var ments []string
		for _, l := range strings.Split(string(mb), "\n") {
			if l != "" {
				ments = append(ments, l)
			}
		}
		d := analyseLang(t, iso, string(text), ments...)
		type ins struct {
			at   int
			open bool
			s    string
		}
		var marks []ins
		direct := 0
		for i, q := range d.Quotes {
			tag := fmt.Sprintf("R%d", i)
			if q.Direct {
				tag = fmt.Sprintf("Q%d", i)
				direct++
			}
			sp := "-"
			for _, e := range d.Entities {
				if e.ID == q.Speaker && q.Speaker != "" {
					sp = e.Name
				}
			}
			cue := q.Cue
			if cue == "" {
				cue = "-"
			}
			marks = append(marks, ins{q.Start, true, "⟦" + tag + " "}, ins{q.End, false, " ⟧{" + tag + "|" + sp + "|" + cue + "}"})
		}
		sort.SliceStable(marks, func(i, j int) bool {
			if marks[i].at != marks[j].at {
				return marks[i].at > marks[j].at
			}
			return marks[i].open && !marks[j].open
		})
		out := d.Text
		for _, m := range marks {
			out = out[:m.at] + m.s + out[m.at:]
		}
		fmt.Printf("===== %s/%s quotes %d direct %d\n%s\n", iso, filepath.Base(f), len(d.Quotes), direct, out)
	}
}
