package doc

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestNew(t *testing.T) {
	tests := []struct {
		name      string
		art       Article
		wantText  string
		wantParas []string
		wantErr   error
	}{
		{
			name:      "title caption body",
			art:       Article{Title: "  Talks  end \n", Caption: "A caption.", Body: "First para.\r\n\r\nSecond\r\npara.\n\n\n\nThird."},
			wantText:  "Talks end\n\nA caption.\n\nFirst para.\n\nSecond\npara.\n\nThird.",
			wantParas: []string{"Talks end", "A caption.", "First para.", "Second\npara.", "Third."},
		},
		{
			name:      "no caption",
			art:       Article{Title: "T", Body: "B."},
			wantText:  "T\n\nB.",
			wantParas: []string{"T", "B."},
		},
		{
			name:      "NFC and control characters",
			art:       Article{Body: "Cafe\u0301 \ufeffbar\x00."},
			wantText:  "Café bar.",
			wantParas: []string{"Café bar."},
		},
		{name: "empty", art: Article{Title: " ", Body: "\n\n"}, wantErr: ErrEmpty},
		{name: "invalid utf8", art: Article{Body: "a\xffb"}, wantErr: ErrInvalidUTF8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := New(tt.art)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if d.Text != tt.wantText {
				t.Errorf("Text = %q, want %q", d.Text, tt.wantText)
			}
			var got []string
			for _, p := range d.Paragraphs {
				got = append(got, d.Slice(p))
			}
			if strings.Join(got, "|") != strings.Join(tt.wantParas, "|") {
				t.Errorf("paragraphs = %q, want %q", got, tt.wantParas)
			}
			if !strings.HasPrefix(d.ID, "sha256:") || len(d.ID) != 7+64 {
				t.Errorf("ID = %q", d.ID)
			}
			if d.Title != "" && d.Slice(d.TitleSpan) != d.Title {
				t.Errorf("title span %q != %q", d.Slice(d.TitleSpan), d.Title)
			}
		})
	}
}

func TestIDStable(t *testing.T) {
	a, _ := New(Article{Title: "T", Body: "Body text.\r\n", Source: "a"})
	b, _ := New(Article{Title: "T", Body: "Body text.\n", Source: "b"})
	if a.ID != b.ID {
		t.Errorf("same text, different ids: %s %s", a.ID, b.ID)
	}
}

func TestJSONCodePoints(t *testing.T) {
	d, err := New(Article{Title: "Зеленський у Мюнхені", Body: "«Ми готові», — сказав він. $500 billion."})
	if err != nil {
		t.Fatal(err)
	}
	find := func(s string) Span {
		i := strings.Index(d.Text, s)
		return Span{i, i + len(s)}
	}
	v := 5e11
	d.Entities = []Entity{{ID: "e1", Name: "Зеленський", Type: "PERSON", Mentions: []Span{find("Зеленський")}}}
	d.Quotes = []Quote{{Span: find("Ми готові"), Speaker: "e1", Cue: "сказав", Direct: true}}
	d.Amounts = []Amount{{Span: find("$500 billion"), Value: &v, Unit: "USD"}}
	d.Events = []Event{{Type: "CONSULT", Evidence: []Span{find("сказав він.")}}}
	d.Dates = []Date{{Span: find("Мюнхені")}}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	var j JSON
	if err := json.Unmarshal(b, &j); err != nil {
		t.Fatal(err)
	}
	if err := j.CheckSpans(); err != nil {
		t.Fatal(err)
	}
	if j.Schema != Schema || j.Quotes[0].SpeakerName == nil || *j.Quotes[0].SpeakerName != "Зеленський" {
		t.Errorf("bad JSON: %s", b)
	}
	if j.Entities[0].Mentions[0].Start != 0 || j.Entities[0].Mentions[0].End != 10 {
		t.Errorf("code point offsets wrong: %+v", j.Entities[0].Mentions[0])
	}
	// Arrays are never null, nulls are null.
	d2, _ := New(Article{Body: "x"})
	b2, _ := json.Marshal(d2)
	for _, want := range []string{`"entities":[]`, `"quotes":[]`, `"events":[]`, `"dates":[]`, `"amounts":[]`, `"published":null`, `"caption":null`} {
		if !strings.Contains(string(b2), want) {
			t.Errorf("missing %s in %s", want, b2)
		}
	}
}

func TestCheckSpansCatchesErrors(t *testing.T) {
	j := &JSON{Text: "abc", Dates: []JSONDate{{Text: "bc", Start: 0, End: 2}}}
	if err := j.CheckSpans(); err == nil {
		t.Error("wrong span text not caught")
	}
	j.Dates[0] = JSONDate{Text: "c", Start: 2, End: 9}
	if err := j.CheckSpans(); err == nil {
		t.Error("out-of-range span not caught")
	}
}

func TestLookups(t *testing.T) {
	d, _ := New(Article{Body: "One two. Three."})
	d.Tokens = []Token{{Span: Span{0, 3}}, {Span: Span{4, 7}}, {Span: Span{7, 8}}, {Span: Span{9, 14}}, {Span: Span{14, 15}}}
	d.Sentences = []Sentence{{Span: Span{0, 8}, First: 0, EndTok: 3}, {Span: Span{9, 15}, First: 3, EndTok: 5}}
	if got := d.SentenceAt(10); got != 1 {
		t.Errorf("SentenceAt(10) = %d", got)
	}
	if got := d.SentenceAt(8); got != -1 {
		t.Errorf("SentenceAt(8) = %d, want -1 (between sentences)", got)
	}
	if got := d.TokenAt(5); got != 1 {
		t.Errorf("TokenAt(5) = %d", got)
	}
	if got := d.TokenText(3); got != "Three" {
		t.Errorf("TokenText = %q", got)
	}
}
