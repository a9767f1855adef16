package quote_test

import (
	"sort"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/entity"
	"github.com/newsgraph/newsgraph/internal/quote"
	"github.com/newsgraph/newsgraph/internal/segment"
)

// makeDoc segments text (one paragraph per blank-line block) and adds the
// given mentions ("TYPE=text", every occurrence at token boundaries, longest
// first), standing in for the recognizer.
func makeDoc(t testing.TB, text string, mentions ...string) *doc.Doc {
	t.Helper()
	d, err := doc.New(doc.Article{Body: text, Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	d.Lang = "en"
	if err := (segment.Segmenter{}).Process(d); err != nil {
		t.Fatal(err)
	}
	d.Mentions = tagMentions(t, d, mentions)
	return d
}

// tagMentions finds every occurrence of the mentions ("TYPE=text") at token
// boundaries, longest first.
func tagMentions(_ testing.TB, d *doc.Doc, mentions []string) []doc.Mention {
	var out []doc.Mention
	mentions = append([]string(nil), mentions...)
	sort.SliceStable(mentions, func(i, j int) bool { return len(mentions[i]) > len(mentions[j]) })
	taken := make([]bool, len(d.Tokens))
	for _, m := range mentions {
		typ, s, ok := strings.Cut(m, "=")
		if !ok || s == "" {
			continue
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
			if d.Tokens[end-1].End != en {
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
			out = append(out, doc.Mention{Span: doc.Span{Start: st, End: en}, Type: typ, Tok: tok, EndTok: end})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
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

// analyse runs the entity and quote components over a test document.
func analyse(t testing.TB, text string, mentions ...string) *doc.Doc {
	t.Helper()
	d := makeDoc(t, text, mentions...)
	if err := entity.New().Process(d); err != nil {
		t.Fatal(err)
	}
	if err := quote.New().Process(d); err != nil {
		t.Fatal(err)
	}
	return d
}
