package segment

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// detok joins Penn Treebank tokens into running text the way a newspaper
// prints them, recording where each sentence ends.
type detok struct {
	b      strings.Builder
	quotes int // open `` quotes
	glue   bool
	spans  [][2]int // the gold tokens
}

func (d *detok) add(tok string) {
	switch tok {
	case "-LRB-":
		tok = "("
	case "-RRB-":
		tok = ")"
	case "-LCB-":
		tok = "{"
	case "-RCB-":
		tok = "}"
	case "``":
		tok = `"`
	case "''":
		tok = `"`
	}
	noSpaceBefore := false
	switch tok {
	case ".", ",", ";", ":", "?", "!", "%", ")", "}", "'s", "'re", "'ve", "'ll", "'d", "'m", "n't", "'S", "N'T", "...":
		noSpaceBefore = true
	case `"`:
		noSpaceBefore = d.quotes%2 == 1
	}
	if d.b.Len() > 0 && !noSpaceBefore && !d.glue {
		d.b.WriteByte(' ')
	}
	d.spans = append(d.spans, [2]int{d.b.Len(), d.b.Len() + len(tok)})
	d.b.WriteString(tok)
	d.glue = tok == "(" || tok == "{" || tok == "$" || (tok == `"` && d.quotes%2 == 0)
	if tok == `"` {
		d.quotes++
	}
}

// TestOntoNotesSentences measures sentence boundaries and tokens against the newswire
// (nw/) documents of the OntoNotes 5 development set (../shared), each
// document detokenized into one paragraph: a boundary is right when a
// predicted sentence ends where a gold sentence ends, a token when its span
// is a gold token's. (OntoNotes v12 splits most hyphenated compounds and
// the detokenized text keeps them apart as "three - year", so the token
// figure does not measure that convention.)
func TestOntoNotesSentences(t *testing.T) {
	s := sharedDir(t)
	if s == "" {
		t.Skip("../shared (beside the repository root) is absent: skipping OntoNotes sentence boundaries")
	}
	f, err := os.Open(filepath.Join(s, "data", "ontonotes5", "v12-development.ner.bio"))
	if err != nil {
		t.Skipf("OntoNotes development set not found under ../shared: %v", err)
	}
	defer f.Close()
	var tp, fp, fn, docs int
	var ttp, ntok, ngold int // tokens: matching, predicted, gold
	var d *detok
	var gold []int
	score := func() {
		if d == nil || d.b.Len() == 0 {
			return
		}
		docs++
		text := d.b.String()
		toks, sents := Segment(text, "en")
		gt := map[[2]int]bool{}
		for _, sp := range d.spans {
			gt[sp] = true
		}
		for _, tk := range toks {
			if gt[[2]int{tk.Start, tk.End}] {
				ttp++
			}
		}
		ntok += len(toks)
		ngold += len(d.spans)
		want := map[int]bool{}
		for _, g := range gold {
			want[g] = true
		}
		for _, se := range sents {
			if want[se.End] {
				tp++
				delete(want, se.End)
			} else {
				fp++
			}
		}
		fn += len(want)
	}
	inNW := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#begin document") {
			score()
			inNW = strings.Contains(line, "(nw/")
			d, gold = &detok{}, nil
			continue
		}
		if !inNW || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.TrimSpace(line) == "" {
			if d.b.Len() > 0 && (len(gold) == 0 || gold[len(gold)-1] != d.b.Len()) {
				gold = append(gold, d.b.Len())
			}
			continue
		}
		tok, _, _ := strings.Cut(line, "\t")
		d.add(tok)
	}
	score()
	p := float64(tp) / float64(max(1, tp+fp))
	r := float64(tp) / float64(max(1, tp+fn))
	f1 := 2 * p * r / max(1e-9, p+r)
	t.Logf("OntoNotes nw dev: %d documents, %d gold sentences: boundary precision %.3f recall %.3f F1 %.3f", docs, tp+fn, p, r, f1)
	t.Logf("OntoNotes nw dev tokens: %d gold, %d predicted: precision %.3f recall %.3f",
		ngold, ntok, float64(ttp)/float64(max(1, ntok)), float64(ttp)/float64(max(1, ngold)))
	if docs > 0 && f1 < 0.95 {
		t.Errorf("sentence boundary F1 %.3f < 0.95", f1)
	}
}
