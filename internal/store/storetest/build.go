// Package storetest is the conformance suite every store.Store backend
// passes (Run), and helpers that build analysed documents by hand (Build)
// for tests of the store, the API and the web UI, so they do not depend on
// the extraction pipeline.
package storetest

import (
	"strings"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// Article describes a hand-made analysed document.
type Article struct {
	Source, Lang, Published string
	Title, Caption, Body    string
	Entities                []Entity
	Quotes                  []Quote
	Events                  []Event
	Dates                   []Date
}

// Entity is a document entity; every occurrence of each Mentions string in
// the text becomes a mention (the first occurrence wins on overlaps).
type Entity struct {
	ID, Name, Type string
	Roles          []string
	Mentions       []string
}

// Quote is a quote whose text occurs in the document.
type Quote struct {
	Text    string
	Speaker string // entity id or ""
	Cue     string
	Direct  bool
}

// Event is an event whose evidence occurs in the document.
type Event struct {
	Type           string
	Source, Target []string
	Location       string
	Date           string
	Evidence       string
}

// Date is a date expression that occurs in the document.
type Date struct{ Text, Value string }

// Build makes the newsgraph.document/1 form of a hand-made article. Text
// that is not found in the document makes Build panic: it is for tests only.
func Build(a Article) *doc.JSON {
	if a.Lang == "" {
		a.Lang = "en"
	}
	d, err := doc.New(doc.Article{Source: a.Source, Lang: a.Lang, Published: a.Published, Title: a.Title, Caption: a.Caption, Body: a.Body})
	if err != nil {
		panic("storetest.Build: " + err.Error())
	}
	j := d.ToJSON()
	cp := func(byteOff int) int { return utf8.RuneCountInString(j.Text[:byteOff]) }
	find := func(s string, from int) (doc.JSONSpan, int, bool) {
		i := strings.Index(j.Text[from:], s)
		if i < 0 {
			return doc.JSONSpan{}, 0, false
		}
		st := from + i
		return doc.JSONSpan{Start: cp(st), End: cp(st + len(s)), Text: s}, st + len(s), true
	}
	must := func(s string) doc.JSONSpan {
		sp, _, ok := find(s, 0)
		if !ok {
			panic("storetest.Build: text not in document: " + s)
		}
		return sp
	}
	taken := map[int]bool{}
	for _, e := range a.Entities {
		je := doc.JSONEntity{ID: e.ID, Name: e.Name, Type: e.Type, Roles: e.Roles, Mentions: []doc.JSONSpan{}}
		if je.Roles == nil {
			je.Roles = []string{}
		}
		for _, m := range e.Mentions {
			for from := 0; ; {
				sp, next, ok := find(m, from)
				if !ok {
					break
				}
				from = next
				if taken[sp.Start] {
					continue
				}
				taken[sp.Start] = true
				je.Mentions = append(je.Mentions, sp)
			}
		}
		j.Entities = append(j.Entities, je)
	}
	names := map[string]string{}
	for _, e := range a.Entities {
		names[e.ID] = e.Name
	}
	ptr := func(s string) *string {
		if s == "" {
			return nil
		}
		return &s
	}
	for _, q := range a.Quotes {
		sp := must(q.Text)
		jq := doc.JSONQuote{Text: q.Text, Start: sp.Start, End: sp.End, Cue: ptr(q.Cue), Direct: q.Direct}
		if q.Speaker != "" {
			jq.Speaker, jq.SpeakerName = ptr(q.Speaker), ptr(names[q.Speaker])
		}
		j.Quotes = append(j.Quotes, jq)
	}
	for _, e := range a.Events {
		je := doc.JSONEvent{Type: e.Type, Source: e.Source, Target: e.Target, Date: ptr(e.Date), Location: ptr(e.Location), Evidence: must(e.Evidence)}
		if je.Source == nil {
			je.Source = []string{}
		}
		if je.Target == nil {
			je.Target = []string{}
		}
		j.Events = append(j.Events, je)
	}
	for _, t := range a.Dates {
		sp := must(t.Text)
		j.Dates = append(j.Dates, doc.JSONDate{Text: t.Text, Value: ptr(t.Value), Start: sp.Start, End: sp.End})
	}
	return j
}
