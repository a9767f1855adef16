package event

import (
	"github.com/newsgraph/newsgraph/internal/doc"
)

// speechStance codes the stance a speaker takes towards another actor in
// what they say: "X said Y's plan was 'irresponsible'" (ACCUSE X→Y), "X
// described Y's intervention as 'very important'" (SUPPORT X→Y), "X said Y
// should act" (REQUEST X→Y), "X said Y should have acted sooner" (ACCUSE).
// The evaluation comes from the evaluative words of event_stance.tsv in the
// quote's content; the actor evaluated is the nearest actor entity before
// the evaluative word inside the content, or, for a short quote that is only
// an evaluation, the nearest one between the reporting verb and the quote.
// Quotes without a speaker, with a reporting verb that does not assert
// ("denied"), or without such an actor code nothing.
func (s *state) speechStance() {
	d := s.d
	n := len(d.Tokens)
	for _, q := range d.Quotes {
		sp := s.entityIndex(q.Speaker)
		if sp < 0 || !actorTypes[d.Entities[sp].Type] {
			continue
		}
		qa := d.TokenAt(q.Start)
		if qa < 0 || qa >= n {
			continue
		}
		qb := qa
		for qb < n && d.Tokens[qb].Start < q.End {
			qb++
		}
		si := s.sentOf(qa)
		if si < 0 {
			continue
		}
		sent := d.Sentences[si]
		cue := -1
		if q.CueSpan.End > q.CueSpan.Start {
			cue = d.TokenAt(q.CueSpan.Start)
			if cue >= 0 && cue < n && s.lex.stance.nocue[s.low[cue]] {
				continue
			}
		}
		short := qb-qa <= 8 // a quote that is only an evaluation ("'well justified'")
		// where an actor introducing a short quote may stand: after the
		// reporting verb when it is in the same sentence before the quote
		lo := sent.First
		if cue >= sent.First && cue < qa {
			lo = cue + 1
		}
		for k := qa; k < qb; k++ {
			w := s.low[k]
			if !s.lex.stanceWords.May(w) {
				continue // neither a request nor an evaluative word
			}
			if s.lex.stance.request[w] {
				s.requestStance(sent, sp, qa, k, qb)
				continue
			}
			pol := s.lex.stance.polarity[w]
			if pol == 0 {
				continue
			}
			for f := k - 1; f >= qa && f >= k-3; f-- {
				if s.lex.stance.flip[s.low[f]] {
					pol = -pol
					break
				}
			}
			if (pol == 1 || pol == -1) && qb-qa > 4 {
				continue // weak words only when the quote is just the evaluation
			}
			if pol == -1 {
				continue
			}
			tgt := s.actorBefore(k, qa, sp, 10, false)
			if tgt < 0 && short {
				// "called Camp Delta a 'scandal'": places stand for those who run them
				tgt = s.actorBefore(qa, lo, sp, 12, true)
			}
			if tgt < 0 {
				continue
			}
			typ, mode := "SUPPORT", ""
			if pol < 0 {
				typ, mode = "ACCUSE", "disapprove"
			}
			s.stanceEvent(sent, typ, mode, sp, tgt, k)
			break // one evaluation per quote
		}
	}
}

// requestStance handles "Y should act" (REQUEST) and "Y should have acted"
// (ACCUSE) inside a quote by speaker sp, the modal at k.
func (s *state) requestStance(sent doc.Sentence, sp, qa, k, qb int) {
	if k-1 < qa || s.ent[k-1] < 0 {
		return
	}
	tgt := s.ent[k-1]
	if tgt == sp || !actorTypes[s.ents[tgt].Type] || s.isPronounMention(k-1) {
		return
	}
	n := k + 1
	if n < qb && s.lex.stance.flip[s.low[n]] {
		n++ // "Y must not be held back"
	}
	if n < qb && s.low[n] == "be" {
		return // "Y should be judged": Y is not asked to act
	}
	typ, mode := "REQUEST", ""
	if k+1 < qb && s.lex.stance.past[s.low[k+1]] {
		typ, mode = "ACCUSE", "disapprove"
		if k+2 < qb && s.low[k+2] == "been" {
			return
		}
		if k+2 < qb && determiners[s.low[k+2]] {
			typ, mode = "REQUEST", "" // "Y should have the courage to": "have" is the verb
		}
	}
	s.stanceEvent(sent, typ, mode, sp, tgt, k)
}

// isPronounMention says whether the token is a lowercase word (a pronoun or
// a description such as "they"), whose entity may be a guess.
func (s *state) isPronounMention(k int) bool {
	return isLowerWord(s.low[k]) && !isUpper(s.d.TokenText(k))
}

func (s *state) stanceEvent(sent doc.Sentence, typ, mode string, sp, tgt, k int) {
	d := s.d
	ev := doc.Event{
		Type: typ, Mode: mode,
		Source:   s.ids([]int{sp}),
		Target:   s.ids([]int{tgt}),
		Trigger:  d.Tokens[k].Span,
		Date:     s.dateOf(sent, k),
		Location: s.locationOf(sent, []int{sp}, []int{tgt}),
		Evidence: []doc.Span{s.clause(sent)},
	}
	s.add(ev)
}

// actorBefore returns the nearest actor entity other than not in the token
// range [lo, k), at most max tokens before k, or -1.
func (s *state) actorBefore(k, lo, not, max int, places bool) int {
	for j := k - 1; j >= lo && j >= k-max; j-- {
		if s.low[j] == "." || s.low[j] == ";" {
			return -1
		}
		if e := s.ent[j]; e >= 0 && e != not && (actorTypes[s.ents[e].Type] || places && placeTypes[s.ents[e].Type]) {
			if s.addressee(j) {
				// "X told the BBC: 'a disgrace'": whom X speaks to, not
				// what X evaluates
				for j > lo && s.ent[j-1] == e {
					j--
				}
				continue
			}
			if s.afterPreposition(j, lo) {
				// "claims of a clash between X and Y were 'wrong'": X and Y
				// are not what is evaluated
				for j > lo && s.ent[j-1] == e {
					j--
				}
				continue
			}
			return e
		}
	}
	return -1
}

// addressee says whether the organisation mentioned at token j is the one
// spoken to: it directly follows the reporting verb of a quote ("told the
// BBC", "told Radio 4").
func (s *state) addressee(j int) bool {
	e := s.ent[j]
	if e < 0 || s.ents[e].Type != "ORG" {
		return false
	}
	k := j
	for k > 0 && s.ent[k-1] == e {
		k--
	}
	for k > 0 && determiners[s.low[k-1]] && s.low[k-1] != "'s" && s.low[k-1] != "’s" {
		k--
	}
	return k > 0 && s.cue[k-1]
}

// afterPreposition says whether the entity mention holding token j follows
// a preposition (over determiners), within [lo, j).
func (s *state) afterPreposition(j, lo int) bool {
	e := s.ent[j]
	k := j
	for k > lo && s.ent[k-1] == e {
		k--
	}
	for k > lo && determiners[s.low[k-1]] && s.low[k-1] != "'s" && s.low[k-1] != "’s" {
		k--
	}
	return k > lo && prepositions[s.low[k-1]]
}

// entityIndex returns the index of the entity with the given id, or -1.
func (s *state) entityIndex(id string) int {
	if id == "" {
		return -1
	}
	if s.byID == nil {
		s.byID = make(map[string]int, len(s.d.Entities))
		for i, e := range s.d.Entities {
			s.byID[e.ID] = i
		}
	}
	if i, ok := s.byID[id]; ok {
		return i
	}
	return -1
}

// sentOf returns the index of the sentence holding token t, or -1.
func (s *state) sentOf(t int) int {
	ss := s.d.Sentences
	lo, hi := 0, len(ss)
	for lo < hi {
		m := (lo + hi) / 2
		switch {
		case t < ss[m].First:
			hi = m
		case t >= ss[m].EndTok:
			lo = m + 1
		default:
			return m
		}
	}
	return -1
}
