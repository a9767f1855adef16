package segment

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// FuzzSegment checks the invariants of tokens and sentences on any text,
// through Segment directly (any bytes, also invalid UTF-8) and through a
// doc.Doc (valid text).
func FuzzSegment(f *testing.F) {
	seeds := []string{
		"", ".", "...", "U.S.", "Mr.", "z. B.", "'s", "n't", "’", "''", "--", "—",
		"He said \"no.\" Then he left.", synthetic,
		"http://", "www.", "@", "#", "a@b@c", "1,5,,5..5::", "(((((", "!!!???...…",
		"J. K.\nRowling\n\nNext", "\u200b\u200b", "\xff\xfe\x80", "東京。", "т. е.", "l'", "dell'",
		strings.Repeat(".", 1000), strings.Repeat("a-", 500), strings.Repeat("'", 300),
	}
	for _, s := range seeds {
		f.Add(s, "en")
	}
	f.Add("Das ist z. B. gut. Am 3. Oktober.", "de")
	f.Add("L'homme qu'il a vu.", "fr")
	f.Fuzz(func(t *testing.T, text, lang string) {
		if len(text) > 1<<16 {
			return
		}
		toks, sents := Segment(text, lang)
		paras := Paragraphs(text)
		checkFuzz(t, text, paras, toks, sents)
		if utf8.ValidString(text) {
			d, err := doc.New(doc.Article{Lang: lang, Body: text})
			if err != nil {
				return
			}
			if err := (Segmenter{}).Process(d); err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, d.Text, d.Paragraphs, d.Tokens, d.Sentences)
		}
	})
}

// checkFuzz is checkInvariants without the rune-boundary and white-space
// checks, which do not hold for invalid UTF-8.
func checkFuzz(t *testing.T, text string, paras []doc.Span, toks []doc.Token, sents []doc.Sentence) {
	t.Helper()
	if utf8.ValidString(text) {
		checkInvariants(t, text, paras, toks, sents)
		return
	}
	prev := 0
	for i, tk := range toks {
		if tk.Start < prev || tk.End <= tk.Start || tk.End > len(text) {
			t.Fatalf("token %d %v out of order or bounds", i, tk.Span)
		}
		prev = tk.End
	}
	next := 0
	for i, s := range sents {
		if s.First != next || s.EndTok <= s.First || s.EndTok > len(toks) || !paras[s.Para].Contains(s.Span) {
			t.Fatalf("sentence %d %+v broken", i, s)
		}
		next = s.EndTok
	}
	if next != len(toks) {
		t.Fatalf("sentences cover %d of %d tokens", next, len(toks))
	}
}
