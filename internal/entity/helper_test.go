package entity

import (
	"sort"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/segment"
)

// makeDoc segments text (one paragraph per blank-line block) and adds the
// given mentions ("TYPE=text", every occurrence at token boundaries, longest
// first), standing in for the recognizer.
func makeDoc(t testing.TB, text string, mentions ...string) *doc.Doc {
	t.Helper()
	return makeDocLang(t, "en", text, mentions...)
}

// makeDocLang is makeDoc for a document in language iso.
func makeDocLang(t testing.TB, iso, text string, mentions ...string) *doc.Doc {
	t.Helper()
	d, err := doc.New(doc.Article{Body: text, Lang: iso})
	if err != nil {
		t.Fatal(err)
	}
	d.Lang = iso
	if err := (segment.Segmenter{}).Process(d); err != nil {
		t.Fatal(err)
	}
	sort.SliceStable(mentions, func(i, j int) bool { return len(mentions[i]) > len(mentions[j]) })
	taken := make([]bool, len(d.Tokens))
	for _, m := range mentions {
		typ, s, ok := strings.Cut(m, "=")
		if !ok {
			t.Fatalf("bad mention %q", m)
		}
		for off := 0; ; {
			i := strings.Index(d.Text[off:], s)
			if i < 0 {
				break
			}
			st := off + i
			en := st + len(s)
			off = en
			tok := d.TokenAt(st)
			if tok >= len(d.Tokens) || d.Tokens[tok].Start != st {
				continue
			}
			end := tok
			for end < len(d.Tokens) && d.Tokens[end].End <= en {
				end++
			}
			if end == tok || d.Tokens[end-1].End != en {
				continue
			}
			free := true
			for k := tok; k < end; k++ {
				free = free && !taken[k]
			}
			if !free {
				continue
			}
			for k := tok; k < end; k++ {
				taken[k] = true
			}
			d.Mentions = append(d.Mentions, doc.Mention{Span: doc.Span{Start: st, End: en}, Type: typ, Tok: tok, EndTok: end})
		}
	}
	sort.Slice(d.Mentions, func(i, j int) bool { return d.Mentions[i].Start < d.Mentions[j].Start })
	return d
}

// entityOf returns the entity with a mention whose text is s.
func entityOf(d *doc.Doc, s string) *doc.Entity {
	for i := range d.Entities {
		for _, m := range d.Entities[i].Mentions {
			if d.Slice(m) == s {
				return &d.Entities[i]
			}
		}
	}
	return nil
}
