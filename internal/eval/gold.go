// Package eval measures newsgraph against annotated data: the project's gold
// form (hand-annotated articles, ../shared/gold-dev), and corpora for single
// components. Scores are what the project is judged by, so the rules of each
// measure are written out next to its code.
package eval

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/internal/analyze"
	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/source"
)

// Errors returned by the gold evaluation.
var (
	ErrNoGold = errors.New("no *.gold.json files")
	ErrGold   = errors.New("bad gold file")
)

// GoldDoc is one hand-annotated article in the gold form.
type GoldDoc struct {
	ID        string       `json:"id"`
	File      string       `json:"file"`
	Lang      string       `json:"lang"`
	Published *string      `json:"published"`
	Title     string       `json:"title"`
	Entities  []GoldEntity `json:"entities"`
	Quotes    []GoldQuote  `json:"quotes"`
	Events    []GoldEvent  `json:"events"`
	Dates     []GoldDate   `json:"dates"`
	Amounts   []GoldAmount `json:"amounts"`
}

// GoldEntity is a gold entity: its canonical name, type, the strings that
// name it in the text, and the roles the text gives it.
type GoldEntity struct {
	Name    string   `json:"name"`
	Type    string   `json:"type"`
	Aliases []string `json:"aliases"`
	Roles   []string `json:"roles"`
	Core    bool     `json:"core"`
}

// GoldQuote is a gold quote and the canonical name of its speaker.
type GoldQuote struct {
	Speaker string `json:"speaker"`
	Text    string `json:"text"`
	Core    bool   `json:"core"`
}

// GoldEvent is a gold event; any of Types is accepted.
type GoldEvent struct {
	Types    []string `json:"types"`
	Mode     string   `json:"mode"`
	Source   []string `json:"source"`
	Target   []string `json:"target"`
	Date     string   `json:"date"`
	Location string   `json:"location"`
	Core     bool     `json:"core"`
}

// GoldDate is a gold date expression with its value (nil: unresolvable).
type GoldDate struct {
	Text  string  `json:"text"`
	Value *string `json:"value"`
	Core  bool    `json:"core"`
}

// GoldAmount is a gold amount.
type GoldAmount struct {
	Text  string   `json:"text"`
	Value *float64 `json:"value"`
	Unit  string   `json:"unit"`
	Core  bool     `json:"core"`
}

// Count is a found/total pair.
type Count struct{ Found, Total int }

// Add adds another count.
func (c *Count) Add(o Count) { c.Found += o.Found; c.Total += o.Total }

// Ratio is Found/Total, or NaN when Total is 0.
func (c Count) Ratio() float64 {
	if c.Total == 0 {
		return math.NaN()
	}
	return float64(c.Found) / float64(c.Total)
}

func (c Count) String() string {
	if c.Total == 0 {
		return "   -   (0/0)"
	}
	return fmt.Sprintf("%5.3f (%d/%d)", c.Ratio(), c.Found, c.Total)
}

// GoldScore holds the measures for one document or a whole set.
type GoldScore struct {
	Doc string `json:"doc"`
	// EntityRecall: core gold entities found (a system entity's name or a
	// mention equals one of the gold aliases, with a compatible type).
	EntityRecall Count `json:"entity_recall"`
	// EntityPrecision: system entities that match any gold entity.
	EntityPrecision Count `json:"entity_precision"`
	// Roles: roles of core gold entities found on the matching system entity.
	Roles Count `json:"roles"`
	// QuotesFound: core gold quotes covered by a system quote.
	QuotesFound Count `json:"quotes_found"`
	// QuotesAttributed: core gold quotes covered by a system quote whose
	// speaker is the gold speaker.
	QuotesAttributed Count `json:"quotes_attributed"`
	// EventRecall: core gold events matched by a system event.
	EventRecall Count `json:"event_recall"`
	// EventPrecision: system events that match any gold event.
	EventPrecision Count `json:"event_precision"`
	// Dates and Amounts: core gold values found with the right value.
	Dates   Count `json:"dates"`
	Amounts Count `json:"amounts"`
	// Error is set when the document could not be analysed.
	Error string `json:"error,omitempty"`
}

func (s *GoldScore) add(o GoldScore) {
	s.EntityRecall.Add(o.EntityRecall)
	s.EntityPrecision.Add(o.EntityPrecision)
	s.Roles.Add(o.Roles)
	s.QuotesFound.Add(o.QuotesFound)
	s.QuotesAttributed.Add(o.QuotesAttributed)
	s.EventRecall.Add(o.EventRecall)
	s.EventPrecision.Add(o.EventPrecision)
	s.Dates.Add(o.Dates)
	s.Amounts.Add(o.Amounts)
}

// GoldResult is the outcome of a gold evaluation.
type GoldResult struct {
	Docs  []GoldScore `json:"docs"`
	Total GoldScore   `json:"total"`
	// Misses lists, per document, what was not found (for error analysis).
	Misses map[string][]string `json:"misses,omitempty"`
}

// LoadGold reads every *.gold.json in dir, sorted by name.
func LoadGold(dir string) ([]GoldDoc, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.gold.json"))
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("%s: %w", dir, ErrNoGold)
	}
	sort.Strings(paths)
	var out []GoldDoc
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		var g GoldDoc
		if err := json.Unmarshal(b, &g); err != nil {
			return nil, fmt.Errorf("%s: %w: %v", p, ErrGold, err)
		}
		if g.File == "" {
			return nil, fmt.Errorf("%s: %w: no \"file\"", p, ErrGold)
		}
		g.File = filepath.Join(dir, g.File)
		if g.ID == "" {
			g.ID = strings.TrimSuffix(filepath.Base(p), ".gold.json")
		}
		out = append(out, g)
	}
	return out, nil
}

// Gold runs the analyzer over every gold document in dir, scores it and
// writes a report to w (per document, then the total). verbose adds the
// misses of each document.
func Gold(an *analyze.Analyzer, dir string, w io.Writer, verbose bool) (*GoldResult, error) {
	golds, err := LoadGold(dir)
	if err != nil {
		return nil, err
	}
	res := &GoldResult{Misses: map[string][]string{}}
	for _, g := range golds {
		var d *doc.Doc
		opts := source.Options{}
		if g.Published != nil {
			opts.Published = *g.Published
		}
		err := an.Run([]string{g.File}, nil, opts, func(r analyze.Result) error {
			if r.Err != nil {
				return r.Err
			}
			if d == nil {
				d = r.Doc
			}
			return nil
		})
		var s GoldScore
		if err == nil && d == nil {
			err = fmt.Errorf("%s: no document read", g.File)
		}
		if err != nil {
			s = GoldScore{Doc: g.ID, Error: err.Error()}
			// Everything core counts as missed.
			s.EntityRecall.Total = countCore(len(g.Entities), func(i int) bool { return g.Entities[i].Core })
			s.QuotesFound.Total = countCore(len(g.Quotes), func(i int) bool { return g.Quotes[i].Core })
			s.QuotesAttributed.Total = s.QuotesFound.Total
			s.EventRecall.Total = countCore(len(g.Events), func(i int) bool { return g.Events[i].Core })
		} else {
			var misses []string
			s, misses = ScoreGold(g, d.ToJSON())
			res.Misses[g.ID] = misses
		}
		res.Docs = append(res.Docs, s)
		res.Total.add(s)
	}
	res.Total.Doc = "TOTAL"
	if w != nil {
		writeGold(w, res, verbose)
	}
	return res, nil
}

func countCore(n int, core func(int) bool) int {
	c := 0
	for i := 0; i < n; i++ {
		if core(i) {
			c++
		}
	}
	return c
}

func writeGold(w io.Writer, res *GoldResult, verbose bool) {
	fmt.Fprintf(w, "%-20s %-18s %-18s %-18s %-18s %-18s %-18s %-18s %-18s %-18s\n",
		"document", "entity-recall", "entity-precision", "roles", "quotes-found", "quotes-attrib", "event-recall", "event-precision", "dates", "amounts")
	line := func(s GoldScore) {
		fmt.Fprintf(w, "%-20s %-18s %-18s %-18s %-18s %-18s %-18s %-18s %-18s %-18s\n", s.Doc,
			s.EntityRecall, s.EntityPrecision, s.Roles, s.QuotesFound, s.QuotesAttributed,
			s.EventRecall, s.EventPrecision, s.Dates, s.Amounts)
		if s.Error != "" {
			fmt.Fprintf(w, "  error: %s\n", s.Error)
		}
	}
	for _, s := range res.Docs {
		line(s)
		if verbose {
			for _, m := range res.Misses[s.Doc] {
				fmt.Fprintf(w, "    %s\n", m)
			}
		}
	}
	line(res.Total)
}

// ScoreGold scores one system document against its gold annotation and
// returns the score and a list of human-readable misses.
func ScoreGold(g GoldDoc, sys *doc.JSON) (GoldScore, []string) {
	s := GoldScore{Doc: g.ID}
	var misses []string
	// Names by which each system entity is known.
	sysNames := map[string][]string{}
	for _, e := range sys.Entities {
		ns := []string{e.Name}
		for _, m := range e.Mentions {
			ns = append(ns, m.Text)
		}
		sysNames[e.ID] = ns
	}
	goldAliases := map[string][]string{}
	for _, ge := range g.Entities {
		goldAliases[norm(ge.Name)] = append(append([]string{ge.Name}, ge.Aliases...), goldAliases[norm(ge.Name)]...)
	}
	aliasesOf := func(name string) []string {
		if a, ok := goldAliases[norm(name)]; ok {
			return a
		}
		return []string{name}
	}
	// entityMatches says whether system entity e names gold entity ge.
	entityMatches := func(e doc.JSONEntity, ge GoldEntity) bool {
		if !compatible(e.Type, ge.Type) {
			return false
		}
		return anyEqual(sysNames[e.ID], append([]string{ge.Name}, ge.Aliases...))
	}

	// Entities.
	matchedSys := map[string]bool{}
	for _, ge := range g.Entities {
		var hits []doc.JSONEntity
		for _, e := range sys.Entities {
			if entityMatches(e, ge) {
				hits = append(hits, e)
				matchedSys[e.ID] = true
			}
		}
		if !ge.Core {
			continue
		}
		s.EntityRecall.Total++
		if len(hits) > 0 {
			s.EntityRecall.Found++
		} else {
			misses = append(misses, fmt.Sprintf("entity missed: %s (%s)", ge.Name, ge.Type))
		}
		for _, r := range ge.Roles {
			s.Roles.Total++
			if roleFound(r, hits) {
				s.Roles.Found++
			} else {
				misses = append(misses, fmt.Sprintf("role missed: %s — %q", ge.Name, r))
			}
		}
	}
	for _, e := range sys.Entities {
		s.EntityPrecision.Total++
		if matchedSys[e.ID] {
			s.EntityPrecision.Found++
		} else {
			misses = append(misses, fmt.Sprintf("entity not in gold: %s (%s)", e.Name, e.Type))
		}
	}

	// Quotes.
	for _, gq := range g.Quotes {
		if !gq.Core {
			continue
		}
		s.QuotesFound.Total++
		s.QuotesAttributed.Total++
		found, attributed := false, false
		var got string
		for _, q := range sys.Quotes {
			if !covers(q.Text, gq.Text) {
				continue
			}
			found = true
			if q.Speaker != nil {
				got = *q.SpeakerName
				if anyEqual(sysNames[*q.Speaker], aliasesOf(gq.Speaker)) {
					attributed = true
					break
				}
			}
		}
		if found {
			s.QuotesFound.Found++
		} else {
			misses = append(misses, fmt.Sprintf("quote missed: %s: %q", gq.Speaker, clip(gq.Text)))
		}
		if attributed {
			s.QuotesAttributed.Found++
		} else if found {
			misses = append(misses, fmt.Sprintf("quote misattributed: %q to %q, want %s", clip(gq.Text), got, gq.Speaker))
		}
	}

	// Events.
	actorNames := func(ids []string) []string {
		var out []string
		for _, id := range ids {
			out = append(out, sysNames[id]...)
		}
		return out
	}
	goldActorNames := func(names []string) []string {
		var out []string
		for _, n := range names {
			out = append(out, aliasesOf(n)...)
		}
		return out
	}
	eventMatches := func(e doc.JSONEvent, ge GoldEvent) bool {
		if !contains(ge.Types, e.Type) && !(e.Hypothetical && contains(ge.Types, "AGREE")) {
			return false
		}
		src := actorNames(e.Source)
		if anyEqual(src, goldActorNames(ge.Source)) {
			return true
		}
		// Symmetric meetings: participants may be listed on either side.
		if e.Type == "CONSULT" {
			all := append(src, actorNames(e.Target)...)
			return anyEqual(all, goldActorNames(append(append([]string{}, ge.Source...), ge.Target...)))
		}
		return false
	}
	matchedEv := map[int]bool{}
	for _, ge := range g.Events {
		hit := false
		for i, e := range sys.Events {
			if eventMatches(e, ge) {
				hit = true
				matchedEv[i] = true
			}
		}
		if !ge.Core {
			continue
		}
		s.EventRecall.Total++
		if hit {
			s.EventRecall.Found++
		} else {
			misses = append(misses, fmt.Sprintf("event missed: %v %v -> %v", ge.Types, ge.Source, ge.Target))
		}
	}
	for i, e := range sys.Events {
		s.EventPrecision.Total++
		if matchedEv[i] {
			s.EventPrecision.Found++
		} else {
			misses = append(misses, fmt.Sprintf("event not in gold: %s %v -> %v: %q", e.Type, actorNames(e.Source), actorNames(e.Target), clip(e.Evidence.Text)))
		}
	}

	// Dates and amounts: a core gold value is right when a system expression
	// overlapping its text (equal or containing it) has the gold value.
	for _, gd := range g.Dates {
		if !gd.Core {
			continue
		}
		s.Dates.Total++
		ok := false
		for _, d := range sys.Dates {
			if textMatch(d.Text, gd.Text) && eqStrPtr(d.Value, gd.Value) {
				ok = true
				break
			}
		}
		if ok {
			s.Dates.Found++
		} else {
			misses = append(misses, fmt.Sprintf("date missed: %q = %v", gd.Text, deref(gd.Value)))
		}
	}
	for _, ga := range g.Amounts {
		if !ga.Core {
			continue
		}
		s.Amounts.Total++
		ok := false
		for _, a := range sys.Amounts {
			if textMatch(a.Text, ga.Text) && eqFloatPtr(a.Value, ga.Value) && strings.EqualFold(a.Unit, ga.Unit) {
				ok = true
				break
			}
		}
		if ok {
			s.Amounts.Found++
		} else {
			misses = append(misses, fmt.Sprintf("amount missed: %q = %v %s", ga.Text, derefF(ga.Value), ga.Unit))
		}
	}
	return s, misses
}

// compatible says whether a system type may stand for a gold type: equal,
// or both places (GPE, LOC, FAC), or an organisation known by its building
// (ORG, FAC) or its members (ORG, NORP).
func compatible(sys, gold string) bool {
	if sys == gold || sys == "MISC" && gold != "PERSON" {
		return true
	}
	groups := [][]string{{"GPE", "LOC", "FAC"}, {"ORG", "FAC"}, {"ORG", "NORP"}, {"ORG", "GPE"}}
	for _, g := range groups {
		if contains(g, sys) && contains(g, gold) {
			return true
		}
	}
	return false
}

func roleFound(role string, hits []doc.JSONEntity) bool {
	r := norm(role)
	for _, e := range hits {
		for _, sr := range e.Roles {
			n := norm(sr)
			if n == r || containsWords(n, r) {
				return true
			}
		}
	}
	return false
}

// containsWords says whether the words of b occur in a as a contiguous run.
func containsWords(a, b string) bool {
	return strings.Contains(" "+a+" ", " "+b+" ")
}

// covers says whether a system quote covers most of a gold quote: at least
// 80% of the gold quote's words appear, in order, inside the system quote,
// and the system quote is not more than three times as long.
func covers(sys, gold string) bool {
	// A quote that runs over several paragraphs is one quote (document.md);
	// annotators may have split it, so each paragraph may cover on its own.
	if strings.Contains(sys, "\n\n") {
		for _, p := range strings.Split(sys, "\n\n") {
			if coversOne(p, gold) {
				return true
			}
		}
	}
	return coversOne(sys, gold)
}

func coversOne(sys, gold string) bool {
	sw, gw := words(sys), words(gold)
	if len(gw) == 0 {
		return false
	}
	if len(sw) > 3*len(gw)+10 {
		return false
	}
	// longest common subsequence length
	prev := make([]int, len(gw)+1)
	cur := make([]int, len(gw)+1)
	for i := 1; i <= len(sw); i++ {
		for j := 1; j <= len(gw); j++ {
			if sw[i-1] == gw[j-1] {
				cur[j] = prev[j-1] + 1
			} else {
				cur[j] = max(prev[j], cur[j-1])
			}
		}
		prev, cur = cur, prev
	}
	return float64(prev[len(gw)]) >= 0.8*float64(len(gw))
}

func textMatch(sys, gold string) bool {
	a, b := norm(sys), norm(gold)
	return a == b || containsWords(a, b) || containsWords(b, a)
}

func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// norm lowercases and joins the words of s with single spaces.
func norm(s string) string {
	s = strings.ReplaceAll(s, "’", "'")
	return strings.Join(strings.Fields(strings.ToLower(strings.TrimSuffix(strings.TrimSuffix(s, "'s"), "’s"))), " ")
}

func anyEqual(a, b []string) bool {
	set := make(map[string]bool, len(b))
	for _, x := range b {
		set[norm(x)] = true
	}
	for _, x := range a {
		if set[norm(x)] {
			return true
		}
	}
	return false
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

func eqStrPtr(a, b *string) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

func eqFloatPtr(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return math.Abs(*a-*b) <= 1e-9*math.Max(1, math.Abs(*b))
}

func deref(p *string) string {
	if p == nil {
		return "null"
	}
	return *p
}

func derefF(p *float64) string {
	if p == nil {
		return "null"
	}
	return fmt.Sprint(*p)
}

func clip(s string) string {
	r := []rune(s)
	if len(r) > 70 {
		return string(r[:67]) + "..."
	}
	return s
}
