package event

import (
	"strings"
	"testing"
	"unicode"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// build makes a document from one paragraph of text with simple tokens, one
// sentence per ". ", and entities found by the given names.
func build(t testing.TB, text string, ents map[string]string, dates map[string]string) *doc.Doc {
	t.Helper()
	d, err := doc.New(doc.Article{Body: text, Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	// tokens: runs of letters/digits/'-, or single punctuation; "'s" split off.
	txt := d.Text
	for i := 0; i < len(txt); {
		r := rune(txt[i])
		switch {
		case r == ' ' || r == '\n':
			i++
		case strings.HasPrefix(txt[i:], "'s"):
			d.Tokens = append(d.Tokens, doc.Token{Span: doc.Span{Start: i, End: i + 2}})
			i += 2
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i
			for j < len(txt) && (unicode.IsLetter(rune(txt[j])) || unicode.IsDigit(rune(txt[j])) || txt[j] == '-' || (txt[j] == '\'' && !strings.HasPrefix(txt[j:], "'s"))) {
				j++
			}
			d.Tokens = append(d.Tokens, doc.Token{Span: doc.Span{Start: i, End: j}})
			i = j
		default:
			d.Tokens = append(d.Tokens, doc.Token{Span: doc.Span{Start: i, End: i + 1}, Kind: doc.Punct})
			i++
		}
	}
	first := 0
	for k, tok := range d.Tokens {
		if txt[tok.Start:tok.End] == "." || k == len(d.Tokens)-1 {
			d.Sentences = append(d.Sentences, doc.Sentence{Span: doc.Span{Start: d.Tokens[first].Start, End: tok.End}, First: first, EndTok: k + 1})
			first = k + 1
		}
	}
	n := 0
	for name, typ := range ents {
		n++
		e := doc.Entity{ID: "e" + string(rune('0'+n)), Name: name, Type: typ}
		for off := 0; ; {
			k := strings.Index(txt[off:], name)
			if k < 0 {
				break
			}
			end := off + k + len(name)
			if end < len(txt) && unicode.IsLetter(rune(txt[end])) {
				off = end
				continue // not a whole word
			}
			e.Mentions = append(e.Mentions, doc.Span{Start: off + k, End: end})
			off = end
		}
		d.Entities = append(d.Entities, e)
	}
	for expr, val := range dates {
		k := strings.Index(txt, expr)
		d.Dates = append(d.Dates, doc.Date{Span: doc.Span{Start: k, End: k + len(expr)}, Value: val})
	}
	return d
}

func TestCoder(t *testing.T) {
	type want struct {
		typ, mode, src, tgt, date, loc string
		neg, hyp                       bool
	}
	tests := []struct {
		text  string
		ents  map[string]string
		dates map[string]string
		want  []want
	}{
		{
			text: "Kallas criticised Orban on Monday.",
			ents: map[string]string{"Kallas": "PERSON", "Orban": "PERSON"}, dates: map[string]string{"on Monday": "2025-02-10"},
			want: []want{{typ: "ACCUSE", mode: "disapprove", src: "Kallas", tgt: "Orban", date: "2025-02-10"}},
		},
		{
			text: "Orban was criticised by Kallas.",
			ents: map[string]string{"Kallas": "PERSON", "Orban": "PERSON"},
			want: []want{{typ: "ACCUSE", mode: "disapprove", src: "Kallas", tgt: "Orban"}},
		},
		{
			text: "Zelensky will meet Vance in Munich.",
			ents: map[string]string{"Zelensky": "PERSON", "Vance": "PERSON", "Munich": "GPE"},
			want: []want{{typ: "CONSULT", src: "Zelensky", tgt: "Vance", loc: "Munich", hyp: true}},
		},
		{
			text: "Rutte refused to meet Lavrov.",
			ents: map[string]string{"Rutte": "PERSON", "Lavrov": "PERSON"},
			want: []want{{typ: "CONSULT", src: "Rutte", tgt: "Lavrov", neg: true}},
		},
		{
			text: "Britain and France urged Iran to stop.",
			ents: map[string]string{"Britain": "GPE", "France": "GPE", "Iran": "GPE"},
			want: []want{{typ: "REQUEST", src: "Britain,France", tgt: "Iran"}},
		},
		{
			text: "The minister said it was a good idea.",
			ents: map[string]string{},
			want: nil,
		},
		{
			text: "Russia launched an attack on Ukraine.",
			ents: map[string]string{"Russia": "GPE", "Ukraine": "GPE"},
			want: []want{{typ: "ASSAULT", src: "Russia", tgt: "Ukraine"}},
		},
		{
			text: "Howard launched an attack on Blair.",
			ents: map[string]string{"Howard": "PERSON", "Blair": "PERSON"},
			want: []want{{typ: "ACCUSE", mode: "disapprove", src: "Howard", tgt: "Blair"}},
		},
		{
			text: "Merz backed Macron. Merz backed Macron again.",
			ents: map[string]string{"Merz": "PERSON", "Macron": "PERSON"},
			want: []want{{typ: "SUPPORT", src: "Merz", tgt: "Macron"}},
		},
		{
			text: "If the ceasefire holds, Putin could phone Trump.",
			ents: map[string]string{"Putin": "PERSON", "Trump": "PERSON"},
			want: []want{{typ: "CONSULT", mode: "phone", src: "Putin", tgt: "Trump", hyp: true}},
		},
	}
	c := &Coder{cfg: Config{MaxTargetDistance: 12}}
	for _, tt := range tests {
		d := build(t, tt.text, tt.ents, tt.dates)
		if err := c.Process(d); err != nil {
			t.Fatal(err)
		}
		name := func(ids []string) string {
			var ns []string
			for _, id := range ids {
				for _, e := range d.Entities {
					if e.ID == id {
						ns = append(ns, e.Name)
					}
				}
			}
			return strings.Join(sortStrings(ns), ",")
		}
		var got []want
		for _, e := range d.Events {
			got = append(got, want{typ: e.Type, mode: e.Mode, src: name(e.Source), tgt: name(e.Target), date: e.Date, loc: name([]string{e.Location}), neg: e.Negated, hyp: e.Hypothetical})
		}
		if len(got) != len(tt.want) {
			t.Errorf("%q: got %+v, want %+v", tt.text, got, tt.want)
			continue
		}
		for k := range got {
			if got[k] != tt.want[k] {
				t.Errorf("%q: event %d = %+v, want %+v", tt.text, k, got[k], tt.want[k])
			}
		}
		for _, e := range d.Events {
			if len(e.Evidence) == 0 || d.Slice(e.Evidence[0]) == "" {
				t.Errorf("%q: event without evidence", tt.text)
			}
		}
	}
}

func sortStrings(s []string) []string {
	for i := range s {
		for j := i + 1; j < len(s); j++ {
			if s[j] < s[i] {
				s[i], s[j] = s[j], s[i]
			}
		}
	}
	return s
}

func TestVerbForms(t *testing.T) {
	irr, err := loadIrregular("en")
	if err != nil {
		t.Fatal(err)
	}
	tests := map[string]string{
		"criticise": "criticise criticised criticises criticising",
		"meet":      "meet meeting meets met",
		"deny":      "denied denies deny denying",
		"urge":      "urge urged urges urging",
		"veto":      "veto vetoed vetoes vetoing",
	}
	for lemma, want := range tests {
		if got := strings.Join(verbForms(lemma, irr), " "); got != want {
			t.Errorf("verbForms(%s) = %s, want %s", lemma, got, want)
		}
	}
}

func TestLexiconLoads(t *testing.T) {
	l, err := LoadLexicon("en")
	if err != nil {
		t.Fatal(err)
	}
	if len(l.byFirst) < 100 {
		t.Errorf("only %d trigger heads", len(l.byFirst))
	}
	if _, err := LoadLexicon("xx"); err == nil {
		t.Error("no error for a language without a lexicon")
	}
}

func TestNationalityActor(t *testing.T) {
	d := build(t, "Russia said so. Russian troops attacked Ukraine.", map[string]string{"Russia": "GPE", "Russian": "NORP", "Ukraine": "GPE"}, nil)
	// "Russian" also matches inside "Russia"? No: names are matched as written.
	c := &Coder{cfg: Config{MaxTargetDistance: 12}}
	if err := c.Process(d); err != nil {
		t.Fatal(err)
	}
	if len(d.Events) != 1 {
		t.Fatalf("events = %+v", d.Events)
	}
	var russia string
	for _, e := range d.Entities {
		if e.Name == "Russia" {
			russia = e.ID
		}
	}
	if d.Events[0].Type != "ASSAULT" || len(d.Events[0].Source) != 1 || d.Events[0].Source[0] != russia {
		t.Errorf("event = %+v, want ASSAULT by Russia (%s)", d.Events[0], russia)
	}
}

// TestTriggerAtDocumentStart covers triggers at the first token, where there
// is nothing to the left.
func TestTriggerAtDocumentStart(t *testing.T) {
	for _, text := range []string{"Talks with Iran.", "Visit to Kyiv by Merz.", "Meeting.", "Embargo on Cuba", "Attack on Kyiv"} {
		d := build(t, text, map[string]string{"Iran": "GPE", "Kyiv": "GPE", "Merz": "PERSON", "Cuba": "GPE"}, nil)
		c := &Coder{cfg: Config{MaxTargetDistance: 12}}
		if err := c.Process(d); err != nil {
			t.Fatalf("%q: %v", text, err)
		}
	}
}
