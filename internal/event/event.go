// Package event codes events between actors into the PLOVER ontology
// (../shared/spec/plover.md): who did what to whom, when and where, negated
// or only planned, each event with the clause that supports it.
//
// It is the pipeline component "event". It runs after entities (actors and
// places, with pronouns resolved), quotes (events reported inside quotes are
// coded too; a first-person subject inside a quote is its speaker) and dates
// (an event's date is the date expression of its clause, never the
// publication date by default).
//
// The coder is lexical and shallow, written here because no Go library codes
// PLOVER: trigger patterns per language (data/<iso>/plover_triggers.tsv,
// verbs as lemmas inflected from irregular_verbs.tsv) are matched on tokens;
// the actor is the nearest entity before the trigger in its clause (with
// coordinated entities: "Britain and France"), the recipient the first
// entity after it; passives ("was criticised by X", "X, held by Y") swap
// them; negation and modality come from event_modality.tsv. Clause rules
// refine the actors: coordinated verbs and participle clauses share the
// sentence's subject ("X welcomed it but called on Y"), the object of
// "urged X to" acts in the complement, a person behind a title acts for the
// party adjective before it ("Conservative spokesman X"), a refusal to
// yield is a REJECT ("refused to apologise"), and phrases that contain a
// trigger word without being events ("put back", "declined to comment") are
// listed in the trigger file as NONE.
//
// Actors without a name of their own are resolved first (actors.go): a
// capital or seat of government acting in a clause stands for its country
// ("Moscow warned Kyiv", "the Kremlin said"; names generated into
// event_metonyms.tsv from the Phoenix country dictionary and CLDR by ./gen),
// "the government" for the one country a document names, and "the two
// sides", "both leaders" (event_implicit.tsv) for the two actors named just
// before.
//
// Speech is coded too (stance.go): when a speaker's quote or reported
// speech evaluates another actor, with the evaluative words of
// event_stance.tsv ("X said Y's plan was 'irresponsible'", "X described Y's
// intervention as 'very important'", "X said Y should have acted sooner"),
// the speaker ACCUSEs, SUPPORTs or REQUESTs that actor.
//
// German, French, Spanish, Italian, Polish, Russian and Ukrainian are coded
// by the shallow rules of shallow.go, selected by the language pack's
// event_actors.tsv: trigger patterns with stems and gaps for inflected and
// separable verbs, the subject as the nearest actor before the trigger in
// its clause (or the first after it, for verb-second order), the object or
// comitative actor after it as the target.
//
// One event is kept per distinct (type, mode, source, target, date), with
// every clause that reports it. WriteTSV writes events as one row each.
package event

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/pipeline"
	"github.com/newsgraph/newsgraph/internal/timex/scan"
)

// Config configures the event coder.
type Config struct {
	// MaxTargetDistance bounds how many tokens after a trigger a recipient may start.
	MaxTargetDistance int `json:"max_target_distance"`
}

// Coder is the event pipeline component.
type Coder struct {
	cfg Config
}

func init() {
	pipeline.Register("event", pipeline.Factory{
		NewConfig: func() any { return &Config{MaxTargetDistance: 12} },
		New:       func(c any) (pipeline.Component, error) { return &Coder{cfg: *c.(*Config)}, nil },
		Default:   true,
	})
}

// Name implements pipeline.Component.
func (*Coder) Name() string { return "event" }

// Needs implements pipeline.Component.
func (*Coder) Needs() []pipeline.Layer {
	return []pipeline.Layer{pipeline.Tokens, pipeline.Sentences, pipeline.Entities, pipeline.Quotes, pipeline.Dates}
}

// Provides implements pipeline.Component.
func (*Coder) Provides() []pipeline.Layer { return []pipeline.Layer{pipeline.Events} }

// actorTypes are the entity types that can act or receive an event.
var actorTypes = map[string]bool{"PERSON": true, "ORG": true, "GPE": true, "NORP": true}

// placeTypes are the entity types that can be an event's location.
var placeTypes = map[string]bool{"GPE": true, "LOC": true, "FAC": true}

// state of one document while coding.
type state struct {
	d      *doc.Doc
	lex    *Lexicon
	cfg    Config
	low    []string // lowercase token texts
	ent    []int    // entity index per token, -1 when none
	quote  []int    // quote index per token, -1 outside quotes
	events []doc.Event
	index  map[string]int
	byID   map[string]int // entity index by id, built on demand
	// ents are the document's entities followed by groups of them named
	// by a phrase ("the two sides"), whose members groups holds.
	ents   []doc.Entity
	groups map[int][]int
	cue    map[int]bool // tokens that are reporting verbs of quotes
	// verbal is set while coding an act that is not material (see
	// material), where a place after "in" or "at" is where it happens, not
	// a party ("met in Brussels", "protested in Brighton"; see venue); for
	// material acts "attacks in Israel" target Israel.
	verbal bool
	// meeting is set while coding a CONSULT, where any place after "in"
	// is only where the meeting is (see venue).
	meeting bool
	// accuse is set while coding an accusation, whose object ends at its
	// first preposition ("accused the party of ...").
	accuse bool
	// passive is set while finding the (patient) subject of a passive.
	passive bool
	// cond is set while coding a trigger inside a conditional clause ("if
	// we reject this treaty, Britain ..."), whose recipient ends at a comma.
	cond bool
	// threat and request are set while coding a THREATEN or a REQUEST.
	threat, request bool
	// lastVerb is the token after the last verb trigger coded in the
	// sentence, -1 when none: a noun trigger right after it is its object
	// ("rejected calls for"), whose agent is not the verb's subject.
	lastVerb int
	// made is set by controller when the control verb says its complement
	// happened ("prompted X to resign").
	made bool
	// added counts the events add was given.
	added int
	// buf holds low, ent and quote; it goes back to scratchPool after Process.
	buf *scratch
}

// scratch is the per-token memory of one Process call, reused through
// scratchPool: most of what coding a document allocates.
type scratch struct {
	low  []string
	ints []int
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// release returns the state's per-token memory to scratchPool.
func (s *state) release() {
	b := s.buf
	clear(b.low) // drop references to the document's text
	s.buf, s.low, s.ent, s.quote = nil, nil, nil, nil
	scratchPool.Put(b)
}

// Process implements pipeline.Component.
func (c *Coder) Process(d *doc.Doc) error {
	iso := d.Lang
	lex, err := LoadLexicon(iso)
	if err != nil {
		// Languages without a trigger lexicon get no events rather than an error.
		if iso != "en" {
			return nil
		}
		return fmt.Errorf("loading %s lexicon: %w", iso, err)
	}
	s := &state{d: d, lex: lex, cfg: c.cfg, index: map[string]int{}, ents: d.Entities, groups: map[int][]int{}}
	s.prepare()
	defer s.release()
	if lex.shallow {
		// de fr es it pl ru uk: the shallow clause rules (shallow.go)
		for si := range d.Sentences {
			s.shallowSentence(si)
		}
		d.Events = s.events
		return nil
	}
	s.ents = append([]doc.Entity(nil), d.Entities...)
	s.resolveMetonyms()
	s.resolveImplicit()
	for si := range d.Sentences {
		s.sentence(si)
	}
	s.speechStance()
	d.Events = s.events
	return nil
}

func (s *state) prepare() {
	d := s.d
	n := len(d.Tokens)
	s.buf = scratchPool.Get().(*scratch)
	if cap(s.buf.low) < n {
		s.buf.low = make([]string, n)
	}
	if cap(s.buf.ints) < 3*n {
		s.buf.ints = make([]int, 3*n)
	}
	s.low = s.buf.low[:n]
	s.ent = s.buf.ints[:n:n]
	s.quote = s.buf.ints[n : 2*n : 2*n]
	scan.LowerTokens(s.low, d.Text, d.Tokens)
	for i := range d.Tokens {
		s.ent[i] = -1
		s.quote[i] = -1
	}
	country := s.nationalityCountries()
	orig := s.buf.ints[2*n : 3*n : 3*n] // entity per token before nationalities become countries
	for i := range orig {
		orig[i] = -1
	}
	for ei, e := range d.Entities {
		actor := ei
		if c, ok := country[ei]; ok {
			actor = c
		}
		for _, m := range e.Mentions {
			for t := d.TokenAt(m.Start); t < n && d.Tokens[t].Start < m.End; t++ {
				if s.ent[t] < 0 {
					s.ent[t] = actor
					orig[t] = ei
				}
			}
		}
	}
	// A nationality before a plural noun that is not an agent ("British
	// detainees") modifies it and does not act.
	for i := 0; i+1 < n; i++ {
		e := orig[i]
		if e < 0 || d.Entities[e].Type != "NORP" || orig[i+1] == e {
			continue
		}
		next := s.low[i+1]
		if isLowerWord(next) && strings.HasSuffix(next, "s") && !s.lex.mod.agent[next] {
			s.ent[i] = -1
		}
	}
	s.cue = map[int]bool{}
	for qi, q := range d.Quotes {
		if q.CueSpan.End > q.CueSpan.Start {
			s.cue[d.TokenAt(q.CueSpan.Start)] = true
		}
		if !q.Direct {
			continue
		}
		for t := d.TokenAt(q.Start); t < n && d.Tokens[t].Start < q.End; t++ {
			s.quote[t] = qi
		}
	}
}

// nationalityCountries maps each nationality entity (NORP: "Russian") to a
// country entity of the same document whose name it derives from (GPE:
// "Russia"), so that "Russian troops" make the country the actor. The rule is
// morphological (a shared stem of at least four letters covering most of the
// country's name), not a list: where it finds no country, the nationality
// itself stays the actor.
func (s *state) nationalityCountries() map[int]int {
	out := map[int]int{}
	for ni, n := range s.d.Entities {
		if n.Type != "NORP" {
			continue
		}
		best, bestLen := -1, 0
		for gi, g := range s.d.Entities {
			if g.Type != "GPE" {
				continue
			}
			p := commonPrefix(strings.ToLower(n.Name), strings.ToLower(g.Name))
			if p >= 4 && p*10 >= len(g.Name)*7 && p > bestLen {
				best, bestLen = gi, p
			}
		}
		if best >= 0 {
			out[ni] = best
		}
	}
	return out
}

func isLowerWord(w string) bool {
	if w == "" {
		return false
	}
	for _, r := range w {
		if !unicode.IsLower(r) && r != '-' {
			return false
		}
	}
	return true
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// match returns the longest pattern matching at token i (within [i, end)).
func (s *state) match(i, end int) (*pattern, int) { return s.matchKind(i, end, false) }

// matchKind is match; with nouns set, only patterns whose first word is not
// a verb are tried.
func (s *state) matchKind(i, end int, nouns bool) (*pattern, int) {
	if !s.lex.firstWords.May(s.low[i]) {
		return nil, 0
	}
	for _, p := range s.lex.byFirst[s.low[i]] {
		if i+len(p.toks) > end || nouns && p.verb {
			continue
		}
		ok := true
		for k := 1; k < len(p.toks) && ok; k++ {
			ok = contains(p.toks[k], s.low[i+k])
		}
		if ok {
			return p, i + len(p.toks)
		}
	}
	return nil, 0
}

// determiners before a bare verb form mean it is a noun ("an attack", "the back").
var determiners = map[string]bool{"a": true, "an": true, "the": true, "this": true, "that": true, "his": true,
	"her": true, "its": true, "their": true, "our": true, "my": true, "your": true, "'s": true, "’s": true, "any": true, "no": true}

// perfect auxiliaries make a following -ed form active ("had backed").
var perfect = map[string]bool{"has": true, "have": true, "had": true, "having": true, "'ve": true, "'d": true}

// beForms mark a passive when followed by a participle.
var beForms = map[string]bool{"was": true, "were": true, "been": true, "being": true, "is": true, "are": true, "be": true, "got": true}

// boundary tokens end a clause for actor search.
func (s *state) boundary(i int) bool {
	switch s.low[i] {
	case ";", ":", "but", "while", "whereas", "although", "though", "because", "after", "before", "when", "since":
		return true
	}
	return false
}

func (s *state) sentence(si int) {
	d := s.d
	sent := d.Sentences[si]
	s.lastVerb = -1
	for i := sent.First; i < sent.EndTok; i++ {
		if s.ent[i] >= 0 {
			continue
		}
		p, j := s.match(i, sent.EndTok)
		if p == nil {
			continue
		}
		if p.verb && i > sent.First && (isUpper(d.TokenText(i)) || // "last March": a name, not the verb
			s.low[i] == firstLemma(p) && determiners[s.low[i-1]] || // "an attack", "the back"
			s.low[i] != firstLemma(p) && s.nominal(sent, i) || // "its demands", "his proposed visit"
			s.low[i] != firstLemma(p) && strings.HasSuffix(s.low[i], "s") && s.ent[i-1] < 0 && s.participle(i-1)) { // "broken promises", "staged protests"
			// not the verb: a noun trigger may still start here
			if p, j = s.matchKind(i, sent.EndTok, true); p == nil || isUpper(d.TokenText(i)) {
				continue
			}
		}
		if !p.verb && p.flags&fNoun == 0 && i > sent.First && isUpper(d.TokenText(i)) && i != sent.First {
			continue
		}
		if p.typ == "REQUEST" && len(p.toks) == 1 && s.lex.mod.plan[s.low[i]] && j < sent.EndTok && s.low[j] == "to" {
			continue // "wants to meet": a plan marker, not a request
		}
		if p.typ == "CONSULT" && s.cue[i] {
			continue // "called the plan 'a disaster'": a reporting verb, not a call
		}
		if s.lex.mod.negv[s.low[i]] && j < sent.EndTok && s.low[j] == "to" && j+1 < sent.EndTok {
			if q, _ := s.match(j+1, sent.EndTok); q != nil {
				continue // "refused to meet": the meeting is coded, negated
			}
		}
		added := s.added
		if p.typ != "NONE" {
			s.code(si, i, j, p)
		}
		s.lastVerb = -1
		if p.verb && s.added > added {
			s.lastVerb = j
		}
		i = j - 1
	}
}

// nominal says whether the inflected verb form at i stands where a noun
// phrase's head or modifier does: right after a determiner or possessive,
// or after a number or adjective that follows one.
func (s *state) nominal(sent doc.Sentence, i int) bool {
	prev := s.low[i-1]
	if determiners[prev] {
		return true
	}
	if i-2 >= sent.First && (s.d.Tokens[i-1].Kind == doc.Number || isAdjectiveLike(prev) || s.lex.mod.numeral[prev]) {
		for k := i - 2; k >= sent.First && k >= i-3; k-- {
			if determiners[s.low[k]] {
				return true
			}
			if !(s.d.Tokens[k].Kind == doc.Number || isAdjectiveLike(s.low[k]) || s.lex.mod.numeral[s.low[k]]) {
				break
			}
		}
	}
	return false
}

func firstLemma(p *pattern) string {
	// the lemma is the shortest form of the first position
	best := p.toks[0][0]
	for _, f := range p.toks[0] {
		if len(f) < len(best) {
			best = f
		}
	}
	return best
}

func isUpper(w string) bool {
	for _, r := range w {
		return unicode.IsUpper(r)
	}
	return false
}

// code turns one trigger occurrence [i, j) into an event, if actors are found.
func (s *state) code(si, i, j int, p *pattern) {
	d := s.d
	sent := d.Sentences[si]
	typ, mode := p.typ, p.mode
	s.verbal, s.meeting = !material[typ], typ == "CONSULT"
	s.cond, s.threat, s.request = s.inConditional(sent, i), typ == "THREATEN", typ == "REQUEST"
	s.accuse = typ == "ACCUSE" && mode != "investigate"
	passive := p.verb && i > sent.First && (beForms[s.low[i-1]] || (i-1 > sent.First && beForms[s.low[i-2]] && strings.HasSuffix(s.low[i-1], "ly"))) &&
		(strings.HasSuffix(s.low[i], "ed") || s.low[i] != firstLemma(p)) && !strings.HasSuffix(s.low[i], "ing") && !strings.HasSuffix(s.low[i], "s")
	if s.question(sent, i) {
		return // "asked if he would welcome them": a question, not an event
	}
	var src, tgt []int
	if p.flags&fNoun != 0 {
		for k := i - 1; k >= sent.First && k >= i-6 && !s.boundary(k); k-- {
			if s.lex.mod.undo[s.low[k]] {
				return // "lifting the arms embargo": the event is its end, not its start
			}
		}
		if s.lastVerb == i {
			// "X rejected calls for Y": a noun, object of the verb
			// coded just before, whose agent is someone else
			return
		}
		var anchored bool
		src, tgt, anchored = s.nounActors(sent, i, j, p)
		if !anchored && s.objectOfTrigger(sent, i) {
			// "X rejected calls for Y", "X welcomed the offer": the noun's
			// agent is someone else; the verb is coded on its own
			return
		}
		if !anchored && len(tgt) == 0 {
			// A bare noun ("the embargo", "talks") with neither a possessor
			// nor a recipient says nothing about who did what to whom.
			return
		}
	} else {
		if s.lastVerb == i {
			return // "rejected calls for": two verbs in a row, the second a noun
		}
		s.passive = passive
		src = s.leftActors(sent, i)
		s.passive = false
		tgt = s.rightActors(sent, j)
		if !passive && p.verb && len(p.toks) == 1 && strings.HasSuffix(s.low[i], "ed") && j < sent.EndTok && (s.low[j] == "of" || s.low[j] == "over") {
			// "X, previously accused of fraud": a passive without its agent
			passive = true
		}
		if p.verb && strings.HasSuffix(s.low[i], "ing") && i > sent.First && s.low[i-1] == "," {
			// "X criticised Y, accusing it of ...": the participle's
			// subject is the sentence's subject.
			if first := s.firstActor(sent, i); len(first) > 0 {
				src = first
			}
		}
		reduced := !passive && p.verb && strings.HasSuffix(s.low[i], "ed") && j < sent.EndTok && s.low[j] == "by" && i > sent.First &&
			!perfect[s.low[i-1]] // "a law backed by X": a reduced relative, X acts
		if passive || reduced {
			// "X was criticised by Y", "X, held by Y": Y acts on X.
			by := s.byAgent(sent, j)
			tgt, src = src, by
			if reduced {
				tgt = nil
				if s.ent[i-1] >= 0 {
					tgt = []int{s.ent[i-1]}
				}
			}
		} else if p.flags&fPassive != 0 {
			return
		}
	}
	if p.flags&fObjSrc != 0 {
		// "opposition from X": X acts.
		src, tgt = tgt, nil
	}
	controlled := false
	s.made = false
	if ctl, ok := s.controller(sent, i); ok {
		// "called on X to free Y": X would free Y.
		if len(ctl) == 0 {
			return
		}
		src, controlled = ctl, true
	}
	if len(src) == 0 && s.quote[i] >= 0 {
		// A first-person subject inside a direct quote is its speaker.
		if sp := s.firstPersonSpeaker(sent, i); sp >= 0 {
			src = []int{sp}
		}
	}
	src = dedupe(s.expand(src))
	tgt = minus(dedupe(s.expand(tgt)), src)
	if len(src) == 0 && !(p.flags&fSym != 0 && len(tgt) >= 2) {
		return
	}
	if p.flags&fTarget != 0 && len(tgt) == 0 && !(p.flags&fSym != 0 && len(src) >= 2) {
		return
	}
	if p.flags&fVerbal != 0 {
		if t := s.verbalType(typ, src, tgt); t != typ {
			typ, mode = t, ""
			if t == "ACCUSE" {
				mode = "disapprove"
			}
		}
	}
	neg, hyp, refused := s.modality(sent, i)
	if controlled && !s.made {
		hyp = true // what X is urged to do has not happened ("prompted X to resign" has)
	}
	if i-2 >= sent.First && s.low[i-1] == "to" && s.ent[i-2] >= 0 {
		hyp = true // headline "X to stand down": announced, not done
	}
	if p.flags&fFuture != 0 {
		hyp = true
	}
	if refused && yielding[typ] {
		// "refused to apologise", "refused to support him": refusing to
		// yield or cooperate is a rejection.
		typ, mode, neg, hyp = "REJECT", "", false, false
	}
	ev := doc.Event{
		Type: typ, Mode: mode, Negated: neg, Hypothetical: hyp,
		Source: s.ids(src), Target: s.ids(tgt),
		Trigger:  doc.Span{Start: d.Tokens[i].Start, End: d.Tokens[j-1].End},
		Date:     s.dateOf(sent, i),
		Location: s.locationOf(sent, src, tgt),
		Evidence: []doc.Span{s.clause(sent)},
	}
	s.add(ev)
}

// venue says whether entity e, after "in" or "at", is only where the act
// being coded happens: any place for a meeting, a building for other
// non-material acts ("protested at Downing Street"). A country or city
// there stays the recipient, as PLOVER codes it ("protests in Nairobi"
// target Kenya's government; measured on the PLOVER gold-standard records,
// where skipping cities too lost target accuracy).
func (s *state) venue(e int) bool {
	if !s.verbal || !placeTypes[s.ents[e].Type] {
		return false
	}
	if s.meeting {
		return true
	}
	return s.ents[e].Type == "FAC"
}

// material are the event types whose recipient may be a place after "in"
// or "at" ("attacks in Israel", "troops deployed in Mali"): the place stands
// for those who hold it. For other acts such a place is only where they
// happen ("protested in Brighton", "signed in Rome").
var material = map[string]bool{"ASSAULT": true, "COERCE": true, "MOBILIZE": true, "AID": true, "SANCTION": true, "RETREAT": true}

// objectOfTrigger says whether the noun trigger at i is the object of the
// verb trigger coded just before it (over determiners and adjectives).
func (s *state) objectOfTrigger(sent doc.Sentence, i int) bool {
	if s.lastVerb < 0 {
		return false
	}
	for k := s.lastVerb; k < i; k++ {
		if !determiners[s.low[k]] && !isAdjectiveLike(s.low[k]) || s.ent[k] >= 0 {
			return false
		}
	}
	return true
}

// question says whether the trigger at i is inside an "if", "whether" or
// "why" clause of a verb of asking ("asked if he would welcome them",
// "asked why ministers attacked the plan").
func (s *state) question(sent doc.Sentence, i int) bool {
	for k := i - 1; k > sent.First; k-- {
		if s.boundary(k) || s.low[k] == "," {
			return false
		}
		if s.lex.mod.cond[s.low[k]] || s.lex.mod.qword[s.low[k]] {
			return s.lex.mod.ask[s.low[k-1]]
		}
	}
	return false
}

// participle says whether the word at k looks like a past participle
// ("broken", "uncosted", "backed"): a lowercase word in -ed or -en other
// than a form of "be" or "have".
func (s *state) participle(k int) bool {
	w := s.low[k]
	return isLowerWord(w) && (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "en")) && !beForms[w] && !perfect[w]
}

// inConditional says whether the trigger at i is inside a conditional
// clause: a conditional conjunction ("if", "unless") before it in the
// sentence with no comma or boundary between.
func (s *state) inConditional(sent doc.Sentence, i int) bool {
	for k := i - 1; k >= sent.First; k-- {
		if s.low[k] == "," || s.boundary(k) {
			return false
		}
		if s.lex.mod.cond[s.low[k]] && s.low[k] != "whether" {
			return true
		}
	}
	return false
}

// verbalType resolves "attack": people attack each other with words
// (ACCUSE), states and armed groups with weapons (ASSAULT).
func (s *state) verbalType(typ string, src, tgt []int) string {
	person := false
	for _, a := range append(append([]int{}, src...), tgt...) {
		if s.ents[a].Type == "PERSON" || s.ents[a].Type == "ORG" {
			person = true
		}
	}
	if person {
		return "ACCUSE"
	}
	return "ASSAULT"
}

// leftActors finds the actor before a trigger: the nearest actor entity in
// the clause, with the entities coordinated with it.
func (s *state) leftActors(sent doc.Sentence, i int) []int {
	if k := i - 1; k > sent.First && (s.low[k] == "and" || s.low[k] == "but" || strings.HasSuffix(s.low[k], "ly") && (s.low[k-1] == "and" || s.low[k-1] == "but")) {
		// "X said ... but called on Y", "X welcomed it and praised Y": the
		// coordinated verbs share the sentence's subject.
		if first := s.firstActor(sent, i); len(first) > 0 {
			return first
		}
	}
	if s.describedSubject(sent, i) {
		return nil // "Blair says mayor should apologise": the mayor, no entity
	}
	for k := i - 1; k >= sent.First; k-- {
		if s.boundary(k) {
			break
		}
		if e := s.ent[k]; e >= 0 {
			if !actorTypes[s.ents[e].Type] {
				continue
			}
			if s.venue(e) && k > sent.First && s.ent[k-1] != e && (s.low[k-1] == "in" || s.low[k-1] == "at") {
				continue // "arrives in Indonesia for a summit": a place
			}
			if !s.passive && s.afterPreposition(k, sent.First) && !s.placeAfterIn(k) && !s.groupOf(k) {
				// "the Archbishop of Westminster, backed", "X, for the
				// Liberal Democrats, accused": inside a phrase, not the subject
				for k > sent.First && s.ent[k-1] == e {
					k--
				}
				continue
			}
			if s.relativeObject(k, sent.First) {
				// "councillors who back Mr Flight met Y": Flight is the
				// object inside the relative clause, not the subject
				for k > sent.First && s.ent[k-1] == e {
					k--
				}
				continue
			}
			if s.someoneElse(k, i) {
				// "a Brown ally rejects": not Brown; "Pakistan, a key
				// U.S. ally, refused": the one before may be
				for k > sent.First && s.ent[k-1] == e {
					k--
				}
				continue
			}
			// skip possessor of a noun: "Blair's government" — the head
			// entity is still Blair; keep it.
			// walk left over the mention and coordinated entities
			m := k
			for m >= sent.First && s.ent[m] == e {
				m--
			}
			// "the Board of Deputies of British Jews": the organization heads
			// the name it is split from.
			for m > sent.First && s.low[m] == "of" && s.ent[m-1] >= 0 && s.ents[s.ent[m-1]].Type == "ORG" {
				e = s.ent[m-1]
				for m = m - 1; m >= sent.First && s.ent[m] == e; m-- {
				}
			}
			out := []int{e}
			// a list ends in "and" ("A, B and C"): a comma alone before
			// the head ends a phrase ("After the fall of A, B resigned")
			for m > sent.First && (s.low[m] == "and" || s.low[m] == "," && len(out) > 1) {
				n := m - 1
				if n >= sent.First && s.ent[n] >= 0 && actorTypes[s.ents[s.ent[n]].Type] {
					out = append(out, s.ent[n])
					e2 := s.ent[n]
					for n >= sent.First && s.ent[n] == e2 {
						n--
					}
					m = n
					continue
				}
				break
			}
			return out
		}
	}
	return nil
}

// relativeObject says whether the mention holding token k is the object
// of the verb of a relative clause ("who back Mr Flight").
func (s *state) relativeObject(k, first int) bool {
	e := s.ent[k]
	for k > first && s.ent[k-1] == e {
		k--
	}
	for k > first && determiners[s.low[k-1]] {
		k--
	}
	if k-2 < first || !isLowerWord(s.low[k-1]) || s.ent[k-1] >= 0 || prepositions[s.low[k-1]] {
		return false
	}
	switch s.low[k-2] {
	case "who", "which", "that":
		return true
	}
	return false
}

// someoneElse says whether the mention ending at token k is followed by a
// noun naming someone else (event_modality.tsv "other": "Brown ally",
// "the party's candidate") before the trigger at i.
func (s *state) someoneElse(k, i int) bool {
	n := k + 1
	if n < i && (s.low[n] == "'s" || s.low[n] == "’s") {
		n++
	}
	for c := 0; c < 2 && n < i && isLowerWord(s.low[n]) && s.ent[n] < 0 && !s.lex.mod.other[s.low[n]]; c++ {
		n++ // "close ally", "prospective candidate"
	}
	return n < i && s.lex.mod.other[s.low[n]]
}

// describedSubject says whether the trigger at i follows a modal whose
// subject is a common noun, not an entity ("the mayor should apologise",
// "ministers would consult"): the actor is that description. Nouns for an
// entity's people ("UKIP members should") are left to the entity before.
func (s *state) describedSubject(sent doc.Sentence, i int) bool {
	k := i - 1
	for k > sent.First && (s.lex.mod.neg[s.low[k]] || strings.HasSuffix(s.low[k], "ly")) {
		k--
	}
	if k <= sent.First || !s.lex.mod.modal[s.low[k]] {
		return false
	}
	w := s.low[k-1]
	return s.ent[k-1] < 0 && isLowerWord(w) && !s.lex.mod.agent[w] && !s.lex.mod.cond[w] && !prepositions[w] && !s.boundary(k-1) &&
		w != "and" && w != "or" && w != "that" && w != "who" && w != "which" && w != "it" && w != "they" && w != "we" && w != "i" && w != "you" && w != "he" && w != "she"
}

// placeAfterIn says whether the entity at k is a place after "in" or "at",
// which may stand for its government or forces ("security forces in
// Guinea").
func (s *state) placeAfterIn(k int) bool {
	e := s.ent[k]
	if !placeTypes[s.ents[e].Type] {
		return false
	}
	for k > 0 && s.ent[k-1] == e {
		k--
	}
	for k > 0 && determiners[s.low[k-1]] {
		k--
	}
	return k > 0 && (s.low[k-1] == "in" || s.low[k-1] == "at")
}

// groupOf says whether the entity at k follows "<group noun> of" ("leaders
// of X", "members of X"), where X's people act.
func (s *state) groupOf(k int) bool {
	e := s.ent[k]
	for k > 0 && s.ent[k-1] == e {
		k--
	}
	for k > 0 && determiners[s.low[k-1]] {
		k--
	}
	return k > 1 && s.low[k-1] == "of" && s.lex.mod.agent[s.low[k-2]]
}

// firstActor returns the first actor entity of the sentence before i.
// An entity after a preposition ("after the death of X") or after a
// reporting verb ("The premier insisted X will") is not the subject.
func (s *state) firstActor(sent doc.Sentence, i int) []int {
	for k := sent.First; k < i; k++ {
		if s.cue[k] {
			return nil
		}
		if e := s.ent[k]; e >= 0 && actorTypes[s.ents[e].Type] {
			if k > sent.First && prepositions[s.low[k-1]] {
				for k+1 < i && s.ent[k+1] == e {
					k++
				}
				continue
			}
			return []int{s.titledPerson(sent, k)}
		}
	}
	return nil
}

// prepositions introduce phrases whose entities are neither subjects nor,
// for places, actors ("in Brussels", "after the death of X").
var prepositions = map[string]bool{"of": true, "in": true, "at": true, "after": true, "for": true, "with": true,
	"from": true, "to": true, "on": true, "by": true, "about": true, "over": true, "into": true, "under": true}

// titledPerson returns, for an entity at k that only qualifies a person's
// title ("Conservative shadow pensions secretary David Willetts", "London
// mayor Ken Livingstone"), that person; otherwise the entity at k.
func (s *state) titledPerson(sent doc.Sentence, k int) int {
	e := s.ent[k]
	if s.ents[e].Type == "PERSON" {
		return e
	}
	m := k
	for m < sent.EndTok && s.ent[m] == e {
		m++
	}
	if m < sent.EndTok && (s.low[m] == "'s" || s.low[m] == "’s") {
		// "Russia's foreign minister Sergei Lavrov", "BBC Scotland's
		// political correspondent X": the person with the title acts
		m++
	}
	for n := m; n < sent.EndTok && n <= m+4; n++ {
		if p := s.ent[n]; p >= 0 {
			if n > m && s.ents[p].Type == "PERSON" && s.lex.roles[s.low[n-1]] {
				return p
			}
			return e
		}
		if !isLowerWord(s.low[n]) || isUpper(s.d.TokenText(n)) && n > m {
			return e
		}
	}
	return e
}

// rightActors finds recipients after a trigger ending at j.
func (s *state) rightActors(sent doc.Sentence, j int) []int {
	limit := min(sent.EndTok, j+s.cfg.MaxTargetDistance)
	for k := j; k < limit; k++ {
		if s.boundary(k) || s.low[k] == "." || s.low[k] == "said" || s.low[k] == "says" {
			break
		}
		if s.low[k] == "," && k+1 < sent.EndTok && strings.HasSuffix(s.low[k+1], "ing") {
			break // ", blaming Y": a participle clause of its own
		}
		if k > j && (s.low[k] == "that" || s.lex.mod.modal[s.low[k]]) && !s.threat && !s.request {
			// "denied that Y ...", "denied the decision would suggest to
			// Y": Y is inside what is denied or said, not the recipient
			// (what is demanded or threatened names it: "demanded that Y
			// withdraw")
			break
		}
		if !s.threat && (s.lex.mod.cond[s.low[k]] || s.cond && s.low[k] == ",") {
			// "would not apologise even if Y asked", "if we reject it, Y
			// will be ...": another clause (a threat's condition names
			// whom it threatens: "threatened to strike unless Y ...")
			break
		}
		if s.accuse && k > j && prepositions[s.low[k]] && s.ent[j] < 0 && determiners[s.low[j]] && s.low[j] != "'s" {
			// "accused the party of dealing with Y": the object is a
			// description ("the party"), not an entity further on
			break
		}
		if e := s.ent[k]; e >= 0 && actorTypes[s.ents[e].Type] {
			if s.venue(e) && k > j && (s.low[k-1] == "in" || s.low[k-1] == "at") {
				continue // "in Brussels": a place, not a recipient
			}
			out := s.coordinatedRight(sent, k)
			out[0] = s.titledPerson(sent, k)
			return out
		}
	}
	return nil
}

// coordinatedRight collects the entity at k and those joined to it by "and" or ",".
func (s *state) coordinatedRight(sent doc.Sentence, k int) []int {
	e := s.ent[k]
	out := []int{e}
	m := k
	for m < sent.EndTok && s.ent[m] == e {
		m++
	}
	for m+1 < sent.EndTok && (s.low[m] == "and" || s.low[m] == "," || s.low[m] == "or") {
		n := m + 1
		if s.low[n] == "and" {
			n++
		}
		if n < sent.EndTok && s.ent[n] >= 0 && actorTypes[s.ents[s.ent[n]].Type] {
			e2 := s.ent[n]
			out = append(out, e2)
			for n < sent.EndTok && s.ent[n] == e2 {
				n++
			}
			m = n
			continue
		}
		break
	}
	return out
}

// byAgent finds "by X" after a passive trigger.
func (s *state) byAgent(sent doc.Sentence, j int) []int {
	limit := min(sent.EndTok, j+s.cfg.MaxTargetDistance)
	for k := j; k+1 < limit; k++ {
		if s.boundary(k) {
			break
		}
		if s.low[k] == "by" {
			// "by X", "by his predecessor as secretary, X"
			for n := k + 1; n < sent.EndTok && n <= k+10; n++ {
				if s.boundary(n) || s.low[n] == "." || s.low[n] == "who" || s.low[n] == "which" || s.low[n] == "that" {
					return nil
				}
				if determiners[s.low[n]] {
					continue // "by his predecessor": a possessive, not the agent
				}
				if s.low[n-1] == "as" {
					// "by his predecessor as Cabinet Secretary, X": a role, not the agent
					for e := s.ent[n]; n+1 < sent.EndTok && s.ent[n+1] == e && e >= 0; n++ {
					}
					continue
				}
				if e := s.ent[n]; e >= 0 && actorTypes[s.ents[e].Type] {
					out := s.coordinatedRight(sent, n)
					out[0] = s.titledPerson(sent, n)
					return out
				}
			}
			return nil
		}
	}
	return nil
}

// nounActors finds the participants of a noun trigger ("X's visit to Y",
// "talks between X and Y", "a meeting with Y", "X held talks").
func (s *state) nounActors(sent doc.Sentence, i, j int, p *pattern) (src, tgt []int, anchored bool) {
	// "between X and Y": both are participants.
	if j-1 >= i && (s.low[j-1] == "between" || (j < sent.EndTok && s.low[j] == "between")) {
		k := j
		if s.low[j-1] != "between" {
			k = j + 1
		}
		for ; k < sent.EndTok && k < j+4; k++ {
			if s.ent[k] >= 0 {
				all := s.coordinatedRight(sent, k)
				if len(all) >= 2 {
					return all[:1], all[1:], true
				}
				break
			}
		}
	}
	// possessor: "X's visit", "the X visit"
	k := i - 1
	for k >= sent.First && (determiners[s.low[k]] || isAdjectiveLike(s.low[k])) && s.ent[k] < 0 {
		if s.low[k] == "'s" || s.low[k] == "’s" {
			k--
			break
		}
		k--
	}
	if k >= sent.First && k < i-1 && (s.low[k+1] == "'s" || s.low[k+1] == "’s") && s.ent[k] >= 0 && actorTypes[s.ents[s.ent[k]].Type] {
		src, anchored = []int{s.ent[k]}, true
	} else if k >= sent.First && k == i-1 && s.ent[k] >= 0 && actorTypes[s.ents[s.ent[k]].Type] {
		src, anchored = []int{s.ent[k]}, true // "the Blair visit"
	} else {
		src = s.leftActors(sent, i)
	}
	tgt = s.rightActors(sent, j)
	return src, tgt, anchored
}

func isAdjectiveLike(w string) bool {
	switch w {
	case "first", "second", "official", "state", "brief", "surprise", "historic", "recent", "planned", "proposed", "latest", "two-day", "three-day", "high-level", "bilateral", "new", "fresh", "further", "direct", "secret", "private":
		return true
	}
	return false
}

// firstPersonSpeaker returns the entity of the quote's speaker when the
// trigger's subject inside the quote is "I" or "we".
func (s *state) firstPersonSpeaker(sent doc.Sentence, i int) int {
	q := s.d.Quotes[s.quote[i]]
	if q.Speaker == "" {
		return -1
	}
	for k := i - 1; k >= sent.First && k >= i-4 && s.quote[k] == s.quote[i]; k-- {
		if s.low[k] == "i" || s.low[k] == "we" {
			for ei, e := range s.d.Entities {
				if e.ID == q.Speaker {
					return ei
				}
			}
		}
	}
	return -1
}

// yielding are the cooperative types whose refusal is a REJECT.
var yielding = map[string]bool{"AGREE": true, "SUPPORT": true, "CONCEDE": true, "COOPERATE": true, "AID": true, "RETREAT": true}

// controller finds an object-control verb before the trigger at i ("urged
// X to", "called on X to"): ok reports one was found, actors are the
// entities between it and "to" (possibly none).
func (s *state) controller(sent doc.Sentence, i int) (actors []int, ok bool) {
	to := -1
	if s.low[i] == "to" {
		i++ // a trigger that starts with its infinitive marker ("to free")
	}
	for k := i - 1; k >= sent.First && k >= i-10; k-- {
		if s.boundary(k) || s.low[k] == "," && to < 0 && k < i-1 {
			break
		}
		if s.low[k] == "to" {
			to = k
			break
		}
	}
	if to < 0 {
		return nil, false
	}
	for k := to - 1; k >= sent.First && k >= to-8; k-- {
		if s.boundary(k) {
			return nil, false
		}
		w := s.low[k]
		if !s.lex.mod.control[w] || (w == "on" && (k == sent.First || !strings.HasPrefix(s.low[k-1], "call"))) {
			continue
		}
		s.made = s.lex.mod.made[w]
		for m := k + 1; m < to; m++ {
			if e := s.ent[m]; e >= 0 && actorTypes[s.ents[e].Type] {
				out := s.coordinatedRight(sent, m)
				out[0] = s.titledPerson(sent, m)
				return out, true
			}
		}
		return nil, true
	}
	return nil, false
}

// modality finds negation and hypothetical markers before the trigger at i;
// refused reports a refusal verb governing it ("refused to meet").
func (s *state) modality(sent doc.Sentence, i int) (neg, hyp, refused bool) {
	start := max(sent.First, i-5)
	for k := i - 1; k >= start; k-- {
		if s.boundary(k) {
			break
		}
		w := s.low[k]
		switch {
		case s.lex.mod.neg[w]:
			neg = true
		case s.lex.mod.modal[w]:
			hyp = true
		case w == "to" && k > sent.First && s.lex.mod.negv[s.low[k-1]]:
			neg, refused = true, true
		case w == "to" && k > sent.First && (s.lex.mod.plan[s.low[k-1]] || k-1 > sent.First && s.lex.mod.plan[s.low[k-2]]):
			hyp = true
		}
	}
	for k := i - 1; k >= sent.First; k-- {
		if s.boundary(k) && s.low[k] != "after" && s.low[k] != "before" {
			break
		}
		if s.lex.mod.cond[s.low[k]] {
			hyp = true
			break
		}
	}
	return neg, hyp, refused
}

// dateOf returns the value of the date expression nearest to the trigger in
// its sentence, or "".
func (s *state) dateOf(sent doc.Sentence, i int) string {
	best, bestDist := "", 1<<30
	at := s.d.Tokens[i].Start
	for _, dt := range s.d.Dates {
		if dt.Start < sent.Start || dt.End > sent.End || dt.Value == "" {
			continue
		}
		dist := dt.Start - at
		if dist < 0 {
			dist = at - dt.End
		}
		if dist < bestDist {
			best, bestDist = dt.Value, dist
		}
	}
	return best
}

// locationOf returns the place entity introduced by "in", "at" or "to" in
// the sentence that is not itself an actor, or "".
func (s *state) locationOf(sent doc.Sentence, src, tgt []int) string {
	actors := map[int]bool{}
	for _, a := range append(append([]int{}, src...), tgt...) {
		actors[a] = true
	}
	for k := sent.First + 1; k < sent.EndTok; k++ {
		e := s.ent[k]
		if e < 0 || e >= len(s.d.Entities) || actors[e] || !placeTypes[s.ents[e].Type] || s.ent[k-1] == e {
			continue
		}
		switch s.low[k-1] {
		case "in", "at", "the":
			if s.low[k-1] == "the" && (k < 2 || (s.low[k-2] != "in" && s.low[k-2] != "at")) {
				continue
			}
			return s.ents[e].ID
		}
	}
	return ""
}

// clause returns the evidence span: the sentence, trimmed.
func (s *state) clause(sent doc.Sentence) doc.Span { return sent.Span }

func (s *state) ids(idx []int) []string {
	out := make([]string, 0, len(idx))
	for _, i := range s.expand(idx) {
		if !contains(out, s.ents[i].ID) {
			out = append(out, s.ents[i].ID)
		}
	}
	sort.Strings(out)
	return out
}

// add merges an event into the document's list: one event per distinct
// (type, mode, source, target, date), keeping every piece of evidence.
func (s *state) add(ev doc.Event) {
	s.added++
	key := strings.Join([]string{ev.Type, ev.Mode, strings.Join(ev.Source, ","), strings.Join(ev.Target, ","), ev.Date, fmt.Sprint(ev.Negated)}, "|")
	if k, ok := s.index[key]; ok {
		old := &s.events[k]
		for _, e := range old.Evidence {
			if e == ev.Evidence[0] {
				return
			}
		}
		old.Evidence = append(old.Evidence, ev.Evidence...)
		old.Hypothetical = old.Hypothetical && ev.Hypothetical
		if old.Location == "" {
			old.Location = ev.Location
		}
		return
	}
	s.index[key] = len(s.events)
	s.events = append(s.events, ev)
}

func contains(l []string, w string) bool {
	for _, x := range l {
		if x == w {
			return true
		}
	}
	return false
}

func dedupe(l []int) []int {
	seen := map[int]bool{}
	out := l[:0:0]
	for _, x := range l {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

func minus(a, b []int) []int {
	out := a[:0:0]
	for _, x := range a {
		found := false
		for _, y := range b {
			if x == y {
				found = true
			}
		}
		if !found {
			out = append(out, x)
		}
	}
	return out
}
