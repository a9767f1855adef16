package ner

import (
	"fmt"
	"io"
	"sort"
)

// Counts holds span-level match counts.
type Counts struct {
	Gold, Pred, Correct int
}

// P is precision.
func (c Counts) P() float64 {
	if c.Pred == 0 {
		return 0
	}
	return float64(c.Correct) / float64(c.Pred)
}

// R is recall.
func (c Counts) R() float64 {
	if c.Gold == 0 {
		return 0
	}
	return float64(c.Correct) / float64(c.Gold)
}

// F1 is the harmonic mean of P and R.
func (c Counts) F1() float64 {
	p, r := c.P(), c.R()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// Score is a span-level evaluation equivalent to conlleval: an entity counts
// as correct only when its boundaries and type both match the gold entity.
type Score struct {
	All    Counts
	ByType map[string]*Counts
	Tokens int
}

// NewScore returns an empty score.
func NewScore() *Score { return &Score{ByType: map[string]*Counts{}} }

// Add scores one sentence. mapType, when non-nil, renames types (to compare
// tag sets, e.g. OntoNotes against UNER); a type mapped to "" is dropped.
func (s *Score) Add(gold, pred []string, mapType func(string) string) {
	s.Tokens += len(gold)
	g, p := Spans(gold), Spans(pred)
	if mapType != nil {
		g, p = remap(g, mapType), remap(p, mapType)
	}
	type key struct {
		s, e int
		t    string
	}
	gs := map[key]bool{}
	for _, x := range g {
		gs[key{x.Start, x.End, x.Type}] = true
		s.typ(x.Type).Gold++
		s.All.Gold++
	}
	for _, x := range p {
		s.typ(x.Type).Pred++
		s.All.Pred++
		if gs[key{x.Start, x.End, x.Type}] {
			s.typ(x.Type).Correct++
			s.All.Correct++
		}
	}
}

func remap(sp []Span, m func(string) string) []Span {
	out := sp[:0:0]
	for _, x := range sp {
		if t := m(x.Type); t != "" {
			x.Type = t
			out = append(out, x)
		}
	}
	return out
}

func (s *Score) typ(t string) *Counts {
	c := s.ByType[t]
	if c == nil {
		c = &Counts{}
		s.ByType[t] = c
	}
	return c
}

// Report writes a conlleval-like table.
func (s *Score) Report(w io.Writer) {
	fmt.Fprintf(w, "tokens %d, gold %d, predicted %d, correct %d\n", s.Tokens, s.All.Gold, s.All.Pred, s.All.Correct)
	fmt.Fprintf(w, "%-12s P %.4f R %.4f F1 %.4f\n", "ALL", s.All.P(), s.All.R(), s.All.F1())
	types := make([]string, 0, len(s.ByType))
	for t := range s.ByType {
		types = append(types, t)
	}
	sort.Strings(types)
	for _, t := range types {
		c := s.ByType[t]
		fmt.Fprintf(w, "%-12s P %.4f R %.4f F1 %.4f (gold %d)\n", t, c.P(), c.R(), c.F1(), c.Gold)
	}
}

// UNERType maps OntoNotes and CoNLL types to the Universal NER types PER,
// ORG and LOC ("" for the others), for cross-corpus evaluation.
func UNERType(t string) string {
	switch t {
	case "PER", "PERSON":
		return "PER"
	case "ORG":
		return "ORG"
	case "LOC", "GPE", "FAC":
		return "LOC"
	}
	return ""
}
