package eval

import (
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/doc"
)

func sp(s string) *string { return &s }

func TestScoreGold(t *testing.T) {
	v := 3e9
	g := GoldDoc{
		ID: "t",
		Entities: []GoldEntity{
			{Name: "Robin Butler", Type: "PERSON", Aliases: []string{"Lord Butler", "Butler"}, Roles: []string{"cabinet secretary"}, Core: true},
			{Name: "Tony Blair", Type: "PERSON", Aliases: []string{"Mr Blair"}, Core: true},
			{Name: "Iraq", Type: "GPE", Aliases: []string{"Iraq"}, Core: false},
		},
		Quotes: []GoldQuote{
			{Speaker: "Robin Butler", Text: "It's just not possible.", Core: true},
			{Speaker: "Tony Blair", Text: "We will win.", Core: true},
		},
		Events: []GoldEvent{
			{Types: []string{"ACCUSE"}, Source: []string{"Robin Butler"}, Target: []string{"Tony Blair"}, Core: true},
			{Types: []string{"CONSULT"}, Source: []string{"Tony Blair", "Robin Butler"}, Core: true},
		},
		Dates:   []GoldDate{{Text: "September 2002", Value: sp("2002-09"), Core: true}},
		Amounts: []GoldAmount{{Text: "£3bn", Value: &v, Unit: "GBP", Core: true}},
	}
	sys := &doc.JSON{
		Entities: []doc.JSONEntity{
			{ID: "e1", Name: "Butler", Type: "PERSON", Roles: []string{"former cabinet secretary"}, Mentions: []doc.JSONSpan{{Text: "Lord Butler"}}},
			{ID: "e2", Name: "Blair", Type: "GPE"}, // wrong type: no match
			{ID: "e3", Name: "Iraq", Type: "LOC"},  // compatible with GPE
		},
		Quotes: []doc.JSONQuote{
			{Text: "It's just not possible", Speaker: sp("e1"), SpeakerName: sp("Butler")},
			{Text: "We will win.", Speaker: sp("e1"), SpeakerName: sp("Butler")},
		},
		Events: []doc.JSONEvent{
			{Type: "ACCUSE", Source: []string{"e1"}, Target: []string{"e2"}},
			{Type: "CONSULT", Source: []string{"e2"}, Target: []string{"e1"}}, // any participant counts for CONSULT
			{Type: "THREATEN", Source: []string{"e3"}},
		},
		Dates:   []doc.JSONDate{{Text: "September 2002", Value: sp("2002-09")}},
		Amounts: []doc.JSONAmount{{Text: "£3bn", Value: &v, Unit: "GBP"}},
	}
	s, misses := ScoreGold(g, sys)
	check := func(name string, c Count, found, total int) {
		t.Helper()
		if c.Found != found || c.Total != total {
			t.Errorf("%s = %d/%d, want %d/%d (misses %q)", name, c.Found, c.Total, found, total, misses)
		}
	}
	check("entity recall", s.EntityRecall, 1, 2)
	check("entity precision", s.EntityPrecision, 2, 3)
	check("roles", s.Roles, 1, 1)
	check("quotes found", s.QuotesFound, 2, 2)
	check("quotes attributed", s.QuotesAttributed, 1, 2)
	check("event recall", s.EventRecall, 2, 2)
	check("event precision", s.EventPrecision, 2, 3)
	check("dates", s.Dates, 1, 1)
	check("amounts", s.Amounts, 1, 1)
}

func TestCovers(t *testing.T) {
	tests := []struct {
		sys, gold string
		want      bool
	}{
		{"This is it. It is certainly the most damaging", "It is certainly the most damaging", true},
		{"most damaging", "It is certainly the most damaging testimony I can remember", false},
		{"We will win", "We will win.", true},
		{"", "x", false},
		// A multi-paragraph quote covers a gold quote of one of its paragraphs.
		{"One two three four.\n\n" + strings.Repeat("word ", 60), "One two three four.", true},
	}
	for _, tt := range tests {
		if got := covers(tt.sys, tt.gold); got != tt.want {
			t.Errorf("covers(%q, %q) = %v", tt.sys, tt.gold, got)
		}
	}
}
