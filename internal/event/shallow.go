package event

// Shallow coding for the languages of issue #9 (de fr es it pl ru uk).
//
// The English rules of event.go lean on English word order and function
// words ("was criticised by", "urged X to", "'s"). For other languages the
// coder uses a smaller rule set that needs no parser and no morphology
// beyond the trigger forms, all of it data:
//
//   - Triggers (plover_triggers.tsv) are word patterns whose positions list
//     forms, stems ("forder*") or stems with endings ("встрет{ился,ятся}");
//     "..." lets a few words stand between two positions, for German
//     separable verbs ("wies ... zurück", "lehnte ... ab"). A NONE pattern
//     that matches at a word keeps any trigger from starting there.
//   - The clause of a trigger runs from the nearest clause boundary before
//     it to the next one after it (event_actors.tsv: "boundary" and "that"
//     words, ";" and ":").
//   - The source is the nearest actor before the trigger in its clause,
//     with the actors coordinated with it ("X und Y"); an actor after a
//     comitative ("mit", "avec", "с") or place preposition is never the
//     source. Subject-first order (SVO) is the news norm in all seven
//     languages; in Slavic languages it is also where the nominative
//     stands. When the clause has no actor before the trigger (German V2
//     and Romance inversion: "Am Dienstag traf Scholz Macron"), the first
//     actor after the trigger is the source; when the clause follows a
//     complementizer ("dass", "que", "что"), the actor before it is; after
//     a subject relative pronoun ("который", "qui"), its antecedent is.
//   - The target is the first other actor after the trigger (in the
//     clause): after a comitative preposition for meetings, else the
//     object. An actor after an agent preposition ("von", "par", "przez")
//     is the source of a passive, the subject its target.
//   - Negation, modality and conditions come from event_modality.tsv as in
//     English, looked for in the clause before the trigger (and inside a
//     separable verb's gap); a refusal verb ("отказался", "weigerte sich")
//     before a cooperative trigger makes it a REJECT.
//   - Inside a direct quote, a first-person subject ("wir", "мы") is the
//     quote's speaker.
//
// Known limits: no case morphology (a fronted object in a Slavic sentence
// is read as the subject), no pronoun subjects beyond what the entity
// layer resolves, and no speech-stance events.

import (
	"strings"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// maxGap is how many words may stand in a pattern's gap ("lehnte die
// Forderung am Freitag ab").
const maxGap = 10

// objectGap is how many words may stand between a coded trigger and a
// trigger noun that is its object ("rechazó el viernes pasado la exigencia").
const objectGap = 5

// shallowModal is how far before a trigger modal, negation and plan words
// are looked for: German puts the modal verb second and the infinitive
// last ("will sich nächste Woche mit Macron treffen").
const shallowModal = 8

// shallowSentence codes the triggers of one sentence with the shallow rules.
func (s *state) shallowSentence(si int) {
	sent := s.d.Sentences[si]
	lastEnd := -1 // the end of the last trigger coded
	for i := sent.First; i < sent.EndTok; i++ {
		if s.ent[i] >= 0 {
			continue
		}
		p, j := s.shallowMatch(i, sent.EndTok)
		if p == nil {
			continue
		}
		if p.typ == "NONE" {
			i = j - 1
			continue
		}
		if s.lex.mod.negv[s.low[i]] && s.triggerWithin(j, sent.EndTok, 3) {
			continue // "отказался встретиться": the meeting is coded, negated
		}
		if lastEnd >= 0 && i-lastEnd <= objectGap && s.quietBetween(lastEnd, i) {
			continue // "rejeté la demande", "отвергла требование": the object, not an event
		}
		if s.shallowCode(sent, i, j, p) {
			lastEnd = j
		}
		i = j - 1
	}
}

// quietBetween reports whether tokens [a, b) hold no actor, boundary or
// coordination: a trigger after them belongs to the phrase before.
func (s *state) quietBetween(a, b int) bool {
	for k := a; k < b; k++ {
		w := s.low[k]
		if s.ent[k] >= 0 || s.lex.actors.coord[w] || s.lex.actors.boundary[w] || s.lex.actors.that[w] || w == "," {
			return false
		}
	}
	return true
}

// triggerWithin reports whether a trigger starts within n tokens from k.
func (s *state) triggerWithin(k, end, n int) bool {
	for m := k; m < end && m < k+n; m++ {
		if q, _ := s.shallowMatch(m, end); q != nil && q.typ != "NONE" {
			return true
		}
	}
	return false
}

// shallowMatch finds the longest pattern starting at token i (a NONE
// pattern wins over any other), returning it and the token after it.
func (s *state) shallowMatch(i, end int) (*pattern, int) {
	var best *pattern
	bestEnd := 0
	try := func(ps []*pattern) {
		for _, p := range ps {
			if e, ok := s.matchAt(p, i, end); ok {
				switch {
				case best == nil,
					p.typ == "NONE" && best.typ != "NONE",
					(p.typ == "NONE") == (best.typ == "NONE") && e > bestEnd:
					best, bestEnd = p, e
				}
			}
		}
	}
	w := s.low[i]
	try(s.lex.byFirst[w])
	if len(s.lex.byStem) > 0 && len(w) >= minStem {
		try(s.lex.byStem[stemKey(w)]) // the stems are checked in full by matchAt
	}
	return best, bestEnd
}

// matchAt matches pattern p at token i; it returns the token after the match.
func (s *state) matchAt(p *pattern, i, end int) (int, bool) {
	k := i
	for pos := range p.toks {
		if pos > 0 && p.gap[pos] {
			// the next position may come after up to maxGap words of the clause
			found := false
			for m := k; m < end && m <= k+maxGap; m++ {
				if s.low[m] == ";" || s.low[m] == ":" {
					break
				}
				if s.accepts(p, pos, m) {
					k, found = m, true
					break
				}
			}
			if !found {
				return 0, false
			}
		} else if k >= end || !s.accepts(p, pos, k) {
			return 0, false
		}
		k++
	}
	return k, true
}

// accepts reports whether token k fits position pos of pattern p.
func (s *state) accepts(p *pattern, pos, k int) bool {
	w := s.low[k]
	if contains(p.toks[pos], w) {
		return true
	}
	for _, st := range p.stems[pos] {
		if len(w) > len(st) && w[:len(st)] == st || w == st {
			return true
		}
	}
	return false
}

// shallowCode turns one trigger occurrence [i, j) into an event; it reports
// whether it coded one.
func (s *state) shallowCode(sent doc.Sentence, i, j int, p *pattern) bool {
	// a place after a place preposition is where a meeting happens, but
	// the recipient of other acts ("a demandé à Moscou", "sanctions en Iran")
	s.verbal = p.typ == "CONSULT"
	lo, thatAt := s.clauseStart(sent, i)
	hi := s.clauseEnd(sent, j)
	var src, tgt []int
	if thatAt >= sent.First && s.lex.actors.pronoun[s.low[lo]] {
		// "Scholz sagte, dass er Macron treffen werde": the speaker, and
		// every actor of the clause is on the other side
		lo2, _ := s.clauseStart(sent, thatAt)
		src = s.subjectBefore(lo2, thatAt)
		tgt = s.targetsBetween(lo, i, nil)
	} else {
		src = s.subjectBefore(lo, i)
		if a := s.antecedent(sent, lo); len(src) == 0 && a >= 0 {
			src = []int{a}
		}
		if len(src) == 0 && thatAt >= sent.First {
			lo2, _ := s.clauseStart(sent, thatAt)
			src = s.subjectBefore(lo2, thatAt)
		}
		// verb-final clauses put the object before the verb ("sich mit
		// Macron treffen", "Норвегии пригрозила")
		tgt = s.targetsBetween(lo, i, src)
	}
	if s.quote[i] >= 0 {
		// «Мы не примем …», — сказал Лавров; „Wir werden Russland nicht
		// drohen“: the speaker, and an actor after the pronoun is the target
		if sp, at := s.quoteSpeaker(lo, i); sp >= 0 {
			if len(tgt) == 0 {
				tgt = s.targetsBetween(at+1, i, []int{sp})
			}
			src = []int{sp}
		}
	}
	passive := false
	for k := lo; k < j; k++ {
		passive = passive || s.lex.actors.passive[s.low[k]]
	}
	if passive {
		if ag := s.agentBetween(lo, i); ag >= 0 {
			// "Macron wurde von Scholz kritisiert": verb-final passive
			src, tgt = []int{ag}, minus(src, []int{ag})
		}
	}
	for _, a := range s.actorsAfter(i+1, hi) {
		switch {
		case a.agent && passive:
			// a passive: "X wurde von Y kritisiert"
			tgt, src = src, []int{a.ent}
		case len(src) == 0 && !a.with:
			src = []int{a.ent}
		case len(tgt) == 0:
			tgt = []int{a.ent}
		}
	}
	if p.flags&fNoun != 0 {
		// a noun's possessor follows it ("встречи Мэй с членами кабинета",
		// "l'incontro di Tajani con Sikorski"): it acts, a comitative
		// actor is the other side
		if post := s.possessors(j, hi); len(post) > 0 && len(p.toks) == 1 {
			src, tgt = post, nil
			for _, a := range s.actorsAfter(j, hi) {
				if a.with && !contains(s.ids(src), s.d.Entities[a.ent].ID) {
					tgt = []int{a.ent}
					break
				}
			}
		}
	}
	src = dedupe(src)
	tgt = minus(dedupe(tgt), src)
	if p.flags&fNoun != 0 && len(tgt) == 0 && len(src) < 2 {
		// a bare noun ("угроза", "the talks") with one actor says nothing
		// about who did what to whom
		return false
	}
	sym := p.flags&fSym != 0
	if len(src) == 0 || p.flags&fTarget != 0 && len(tgt) == 0 && !(sym && len(src) >= 2) {
		return false
	}
	typ, mode := p.typ, p.mode
	if p.flags&fVerbal != 0 {
		if t := s.verbalType(typ, src, tgt); t != typ {
			typ, mode = t, ""
			if t == "ACCUSE" {
				mode = "disapprove"
			}
		}
	}
	neg, hyp, refused := s.shallowModality(sent, lo, i, j)
	if p.flags&fFuture != 0 {
		hyp = true
	}
	if refused && yielding[typ] {
		typ, mode, neg, hyp = "REJECT", "", false, false
	}
	ev := doc.Event{
		Type: typ, Mode: mode, Negated: neg, Hypothetical: hyp,
		Source: s.ids(src), Target: s.ids(tgt),
		Trigger:  doc.Span{Start: s.d.Tokens[i].Start, End: s.d.Tokens[j-1].End},
		Date:     s.dateOf(sent, i),
		Location: s.shallowLocation(sent, src, tgt),
		Evidence: []doc.Span{s.clause(sent)},
	}
	s.add(ev)
	return true
}

// clauseStart returns the first token of the clause holding token i, and
// the complementizer that opens it (or -1).
func (s *state) clauseStart(sent doc.Sentence, i int) (int, int) {
	for k := i - 1; k >= sent.First; k-- {
		w := s.low[k]
		if s.lex.actors.that[w] {
			return k + 1, k
		}
		if w == ";" || w == ":" || s.lex.actors.boundary[w] || s.lex.actors.rel[w] {
			return k + 1, -1
		}
	}
	return sent.First, -1
}

// antecedent returns the actor right before a subject relative pronoun
// opening the clause that starts at lo ("Бориса Джонсона, который обвинил
// …"), or -1.
func (s *state) antecedent(sent doc.Sentence, lo int) int {
	r := lo - 1
	if r < sent.First || !s.lex.actors.rel[s.low[r]] {
		return -1
	}
	for k := r - 1; k >= sent.First && k >= r-3; k-- {
		if e, ok := s.actorAt(k); ok {
			return e
		}
	}
	return -1
}

// clauseEnd returns the token after the clause that goes on at token j.
func (s *state) clauseEnd(sent doc.Sentence, j int) int {
	for k := j; k < sent.EndTok; k++ {
		w := s.low[k]
		if w == ";" || w == ":" || s.lex.actors.boundary[w] || s.lex.actors.that[w] {
			return k
		}
	}
	return sent.EndTok
}

// actorAt returns the actor entity at token k, if there is one.
func (s *state) actorAt(k int) (int, bool) {
	e := s.ent[k]
	if e < 0 || !actorTypes[s.d.Entities[e].Type] {
		return -1, false
	}
	return e, true
}

// mentionStart returns the first token of the mention holding token k.
func (s *state) mentionStart(k, lo int) int {
	for k > lo && s.ent[k-1] == s.ent[k] {
		k--
	}
	return k
}

// subjectBefore finds the nearest actor in [lo, i) that can be a subject,
// with the actors coordinated with it.
func (s *state) subjectBefore(lo, i int) []int {
	for k := i - 1; k >= lo; k-- {
		e, ok := s.actorAt(k)
		if !ok {
			continue
		}
		m := s.mentionStart(k, lo)
		if m > lo && (s.lex.actors.with[s.low[m-1]] || s.lex.actors.agent[s.low[m-1]] || s.lex.actors.loc[s.low[m-1]] && placeTypes[s.d.Entities[e].Type]) {
			k = m
			continue // "mit Macron", "in Paris": not the subject
		}
		out := []int{e}
		// "Norwegen und Chile", "Польша, Литва и Латвия", "de la Norvège
		// et du Chili" (short function words may stand on either side)
		for {
			c := s.skipShort(m-1, lo, 2)
			if c <= lo || !(s.lex.actors.coord[s.low[c]] || s.low[c] == ",") {
				break
			}
			n := s.skipShort(c-1, lo, 2)
			e2, ok := s.actorAt(n)
			if !ok || n < lo {
				break
			}
			out = append(out, e2)
			m = s.mentionStart(n, lo)
		}
		return out
	}
	return nil
}

// targetsBetween returns the first actor in [lo, i) that is not one of
// src and does not stand before them: an object placed before its verb.
func (s *state) targetsBetween(lo, i int, src []int) []int {
	start := lo
	for k := lo; k < i; k++ {
		if e := s.ent[k]; e >= 0 && contains(s.ids(src), s.d.Entities[e].ID) {
			start = k + 1
		}
	}
	for k := start; k < i; k++ {
		e, ok := s.actorAt(k)
		if !ok {
			continue
		}
		if m := s.mentionStart(k, lo); m > lo && (s.lex.actors.agent[s.low[m-1]] || s.lex.actors.loc[s.low[m-1]] && placeTypes[s.d.Entities[e].Type]) {
			continue
		}
		return []int{e}
	}
	return nil
}

// quoteSpeaker returns the speaker entity of the direct quote holding
// token i when a first-person pronoun stands before i in the same quote and
// clause, and the pronoun's token; -1 and -1 otherwise.
func (s *state) quoteSpeaker(lo, i int) (int, int) {
	q := s.d.Quotes[s.quote[i]]
	if q.Speaker == "" {
		return -1, -1
	}
	for k := i - 1; k >= lo && s.quote[k] == s.quote[i]; k-- {
		if s.lex.actors.first[s.low[k]] {
			return s.entityIndex(q.Speaker), k
		}
	}
	return -1, -1
}

// agentBetween returns the actor after an agent preposition in [lo, i), or -1.
func (s *state) agentBetween(lo, i int) int {
	for k := lo + 1; k < i; k++ {
		if e, ok := s.actorAt(k); ok && s.lex.actors.agent[s.low[k-1]] && s.ent[k-1] != e {
			return e
		}
	}
	return -1
}

// possessors returns the actors standing right after a noun trigger at j
// (after at most two short function words: "de la", "di", "von"), with
// the actors coordinated with them.
func (s *state) possessors(j, hi int) []int {
	k := j
	for n := 0; n < 2 && k < hi && s.ent[k] < 0 && isLowerWord(s.low[k]) && utf8.RuneCountInString(s.low[k]) <= 3 && !s.lex.actors.with[s.low[k]] && !s.lex.actors.loc[s.low[k]]; n++ {
		k++
	}
	var out []int
	for k < hi {
		e, ok := s.actorAt(k)
		if !ok {
			break
		}
		out = append(out, e)
		for k < hi && s.ent[k] == e {
			k++
		}
		if k+1 < hi && (s.lex.actors.coord[s.low[k]] || s.low[k] == ",") {
			k++
			continue
		}
		break
	}
	return out
}

// skipShort steps left from token k over at most n short lower-case words
// ("de", "la", "du": articles and prepositions) that are not entities.
func (s *state) skipShort(k, lo, n int) int {
	for ; n > 0 && k > lo && s.ent[k] < 0 && isLowerWord(s.low[k]) && utf8.RuneCountInString(s.low[k]) <= 3 && s.d.TokenText(k) == s.low[k] && !s.lex.actors.coord[s.low[k]]; n-- {
		k--
	}
	return k
}

// after is an actor found after a trigger, with the preposition before it.
type after struct {
	ent         int
	with, agent bool
}

// actorsAfter lists the actors in [k, hi) in order, skipping the places
// after a place preposition of a meeting.
func (s *state) actorsAfter(k, hi int) []after {
	var out []after
	for m := k; m < hi; m++ {
		e, ok := s.actorAt(m)
		if !ok {
			continue
		}
		start := m
		for m+1 < hi && s.ent[m+1] == e {
			m++
		}
		prev := ""
		if start > 0 {
			prev = s.low[start-1]
		}
		if s.verbal && s.lex.actors.loc[prev] && placeTypes[s.d.Entities[e].Type] {
			continue
		}
		out = append(out, after{ent: e, with: s.lex.actors.with[prev], agent: s.lex.actors.agent[prev]})
	}
	return out
}

// shallowModality reads negation, modality and conditions in the clause
// before the trigger [i, j) and in a separable verb's gap.
func (s *state) shallowModality(sent doc.Sentence, lo, i, j int) (neg, hyp, refused bool) {
	mod := &s.lex.mod
	look := func(w string) {
		switch {
		case mod.neg[w]:
			neg = true
		case mod.negv[w]:
			neg, refused = true, true
		case mod.modal[w], mod.plan[w]:
			hyp = true
		}
	}
	for k := i - 1; k >= lo && k >= i-shallowModal; k-- {
		look(s.low[k])
	}
	for _, suf := range mod.futSuffix {
		if w := s.low[i]; len(w) > len(suf)+2 && strings.HasSuffix(w, suf) {
			hyp = true // "rencontrera", "se reunirá", "incontrerà"
		}
	}
	for k := i + 1; k < j-1; k++ {
		look(s.low[k]) // "lehnte die Forderung nicht ab"
	}
	for k := j; k < j+2 && k < sent.EndTok; k++ {
		if mod.modal[s.low[k]] {
			hyp = true // "dass er Macron treffen werde"
		}
	}
	for k := i - 1; k >= sent.First; k-- {
		if mod.cond[s.low[k]] {
			hyp = true
			break
		}
	}
	return neg, hyp, refused
}

// shallowLocation returns the place entity after a place preposition in the
// sentence that is not an actor of the event, or "".
func (s *state) shallowLocation(sent doc.Sentence, src, tgt []int) string {
	for k := sent.First + 1; k < sent.EndTok; k++ {
		e := s.ent[k]
		if e < 0 || s.ent[k-1] == e || !placeTypes[s.d.Entities[e].Type] || !s.lex.actors.loc[s.low[k-1]] {
			continue
		}
		if contains(s.ids(src), s.d.Entities[e].ID) || contains(s.ids(tgt), s.d.Entities[e].ID) {
			continue
		}
		return s.d.Entities[e].ID
	}
	return ""
}
