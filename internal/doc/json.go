package doc

import (
	"encoding/json"
	"fmt"
	"sort"
)

// JSONSpan is a span in the JSON form: code point offsets and the text.
type JSONSpan struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// JSONEntity is an entity in the JSON form.
type JSONEntity struct {
	ID       string     `json:"id"`
	Name     string     `json:"name"`
	NameEN   string     `json:"name_en,omitempty"` // English canonical name of a non-English entity, when known
	Type     string     `json:"type"`
	Roles    []string   `json:"roles"`
	Mentions []JSONSpan `json:"mentions"`
}

// JSONQuote is a quote in the JSON form.
type JSONQuote struct {
	Text        string  `json:"text"`
	Start       int     `json:"start"`
	End         int     `json:"end"`
	Speaker     *string `json:"speaker"`
	SpeakerName *string `json:"speaker_name"`
	Cue         *string `json:"cue"`
	Direct      bool    `json:"direct"`
}

// JSONEvent is an event in the JSON form.
type JSONEvent struct {
	Type         string     `json:"type"`
	Mode         *string    `json:"mode"`
	Source       []string   `json:"source"`
	Target       []string   `json:"target"`
	Date         *string    `json:"date"`
	Location     *string    `json:"location"`
	Negated      bool       `json:"negated"`
	Hypothetical bool       `json:"hypothetical"`
	Evidence     JSONSpan   `json:"evidence"`
	MoreEvidence []JSONSpan `json:"more_evidence,omitempty"`
}

// JSONDate is a date in the JSON form.
type JSONDate struct {
	Text  string  `json:"text"`
	Value *string `json:"value"`
	Mod   string  `json:"mod,omitempty"`
	Start int     `json:"start"`
	End   int     `json:"end"`
}

// JSONAmount is an amount in the JSON form.
type JSONAmount struct {
	Text      string   `json:"text"`
	Value     *float64 `json:"value"`
	Max       *float64 `json:"max,omitempty"`
	Unit      string   `json:"unit"`
	Qualifier string   `json:"qualifier,omitempty"`
	Per       string   `json:"per,omitempty"`
	Start     int      `json:"start"`
	End       int      `json:"end"`
}

// JSON is the newsgraph.document/1 form of a Doc (../shared/spec/document.md).
type JSON struct {
	Schema    string       `json:"schema"`
	ID        string       `json:"id"`
	Source    string       `json:"source"`
	Lang      string       `json:"lang"`
	Published *string      `json:"published"`
	Title     string       `json:"title"`
	Caption   *string      `json:"caption"`
	Author    string       `json:"author,omitempty"`
	Text      string       `json:"text"`
	Entities  []JSONEntity `json:"entities"`
	Quotes    []JSONQuote  `json:"quotes"`
	Events    []JSONEvent  `json:"events"`
	Dates     []JSONDate   `json:"dates"`
	Amounts   []JSONAmount `json:"amounts"`
}

func strPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// span converts a byte span to its JSON form.
func (d *Doc) span(s Span) JSONSpan {
	return JSONSpan{Start: d.CodePoint(s.Start), End: d.CodePoint(s.End), Text: d.Text[s.Start:s.End]}
}

// ToJSON converts the document to its JSON form. Arrays are never null.
func (d *Doc) ToJSON() *JSON {
	j := &JSON{
		Schema: Schema, ID: d.ID, Source: d.Source, Lang: d.Lang,
		Published: strPtr(d.Published), Title: d.Title, Caption: strPtr(d.Caption),
		Author: d.Author, Text: d.Text,
		Entities: []JSONEntity{}, Quotes: []JSONQuote{}, Events: []JSONEvent{},
		Dates: []JSONDate{}, Amounts: []JSONAmount{},
	}
	names := map[string]string{}
	for _, e := range d.Entities {
		je := JSONEntity{ID: e.ID, Name: e.Name, NameEN: e.English, Type: e.Type, Roles: e.Roles, Mentions: make([]JSONSpan, 0, len(e.Mentions))}
		if je.Roles == nil {
			je.Roles = []string{}
		}
		ms := append([]Span(nil), e.Mentions...)
		sort.Slice(ms, func(a, b int) bool { return ms[a].Start < ms[b].Start })
		for _, m := range ms {
			je.Mentions = append(je.Mentions, d.span(m))
		}
		names[e.ID] = e.Name
		j.Entities = append(j.Entities, je)
	}
	for _, q := range d.Quotes {
		jq := JSONQuote{Text: d.Slice(q.Span), Start: d.CodePoint(q.Start), End: d.CodePoint(q.End), Direct: q.Direct, Cue: strPtr(q.Cue)}
		if q.Speaker != "" {
			jq.Speaker = strPtr(q.Speaker)
			jq.SpeakerName = strPtr(names[q.Speaker])
		}
		j.Quotes = append(j.Quotes, jq)
	}
	for _, e := range d.Events {
		je := JSONEvent{Type: e.Type, Mode: strPtr(e.Mode), Source: e.Source, Target: e.Target,
			Date: strPtr(e.Date), Location: strPtr(e.Location), Negated: e.Negated, Hypothetical: e.Hypothetical}
		if je.Source == nil {
			je.Source = []string{}
		}
		if je.Target == nil {
			je.Target = []string{}
		}
		if len(e.Evidence) > 0 {
			je.Evidence = d.span(e.Evidence[0])
			for _, s := range e.Evidence[1:] {
				je.MoreEvidence = append(je.MoreEvidence, d.span(s))
			}
		}
		j.Events = append(j.Events, je)
	}
	for _, t := range d.Dates {
		j.Dates = append(j.Dates, JSONDate{Text: d.Slice(t.Span), Value: strPtr(t.Value), Mod: t.Mod, Start: d.CodePoint(t.Start), End: d.CodePoint(t.End)})
	}
	for _, a := range d.Amounts {
		j.Amounts = append(j.Amounts, JSONAmount{Text: d.Slice(a.Span), Value: a.Value, Max: a.Max, Unit: a.Unit,
			Qualifier: a.Qualifier, Per: a.Per, Start: d.CodePoint(a.Start), End: d.CodePoint(a.End)})
	}
	return j
}

// MarshalJSON encodes the document as newsgraph.document/1.
func (d *Doc) MarshalJSON() ([]byte, error) { return json.Marshal(d.ToJSON()) }

// CheckSpans verifies the invariant every output must keep: each span's
// text equals its code point slice of the document text. It returns the
// first violation found.
func (j *JSON) CheckSpans() error {
	runes := []rune(j.Text)
	check := func(what string, s, e int, text string) error {
		if s < 0 || e < s || e > len(runes) {
			return fmt.Errorf("%s: span [%d,%d) out of range (text has %d code points)", what, s, e, len(runes))
		}
		if got := string(runes[s:e]); got != text {
			return fmt.Errorf("%s: span [%d,%d) is %q, want %q", what, s, e, got, text)
		}
		return nil
	}
	for _, en := range j.Entities {
		for _, m := range en.Mentions {
			if err := check("entity "+en.ID+" mention", m.Start, m.End, m.Text); err != nil {
				return err
			}
		}
	}
	for i, q := range j.Quotes {
		if err := check(fmt.Sprintf("quote %d", i), q.Start, q.End, q.Text); err != nil {
			return err
		}
	}
	for i, e := range j.Events {
		if err := check(fmt.Sprintf("event %d evidence", i), e.Evidence.Start, e.Evidence.End, e.Evidence.Text); err != nil {
			return err
		}
		for _, m := range e.MoreEvidence {
			if err := check(fmt.Sprintf("event %d evidence", i), m.Start, m.End, m.Text); err != nil {
				return err
			}
		}
	}
	for i, t := range j.Dates {
		if err := check(fmt.Sprintf("date %d", i), t.Start, t.End, t.Text); err != nil {
			return err
		}
	}
	for i, a := range j.Amounts {
		if err := check(fmt.Sprintf("amount %d", i), a.Start, a.End, a.Text); err != nil {
			return err
		}
	}
	return nil
}
