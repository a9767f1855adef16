package quote

import (
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// tokRange returns the tokens of region ri: its opening mark and its
// closing mark (or last content token when unclosed).
func (a *attributor) tokRange(ri int) (open, close int) {
	r := a.regions[ri]
	open = a.d.TokenAt(r.Open.Start)
	end := r.Content.End
	if r.Close.End > 0 {
		end = r.Close.End
	}
	close = a.d.TokenAt(end - 1)
	if close >= len(a.d.Tokens) {
		close = len(a.d.Tokens) - 1
	}
	return open, close
}

// run attributes every quoted region, then finds reported speech.
func (a *attributor) run() {
	cues := make([]doc.Span, len(a.regions))
	cueText := make([]string, len(a.regions))
	for ri := range a.regions {
		res, c := a.attribute(ri)
		a.speaker[ri] = res.entity
		a.found[ri] = res.found
		if c >= 0 {
			n, _ := a.cueAt(c)
			cues[ri] = doc.Span{Start: a.d.Tokens[c].Start, End: a.d.Tokens[c+n-1].End}
			cueText[ri] = a.d.Slice(cues[ri])
			for k := c; k < c+n; k++ {
				a.used[k] = true
			}
		}
		if res.found && res.entity < 0 && res.to > 0 {
			a.speaker[ri] = a.describe(res.from, res.to)
		}
	}
	// continuation: a quote with no cue of its own keeps the speaker of the
	// quote it continues
	for ri := range a.regions {
		if a.found[ri] || a.nameLike(ri) {
			continue
		}
		if p := a.continues(ri); p >= 0 && a.found[p] {
			a.speaker[ri], a.found[ri] = a.speaker[p], true
			cues[ri], cueText[ri] = cues[p], cueText[p]
			continue
		}
		if open, _ := a.tokRange(ri); open == a.sentenceStart(open) && !a.regions[ri].Continues {
			if res := a.introduced(a.sentOf[open]); res.found {
				a.speaker[ri], a.found[ri] = res.entity, true
			}
		}
	}
	for ri, r := range a.regions {
		q := doc.Quote{Span: r.Content, Direct: true, Cue: cueText[ri], CueSpan: cues[ri]}
		if n := a.labelLen(ri); n > 0 && r.Open.Start+n < q.End {
			q.Start = r.Open.Start + n // the speaker's label is not speech
		}
		if e := a.speaker[ri]; e >= 0 {
			q.Speaker = a.d.Entities[e].ID
		}
		o, c := a.tokRange(ri)
		q.Evidence = doc.Span{Start: a.d.Sentences[a.sentOf[o]].Start, End: a.d.Sentences[a.sentOf[c]].End}
		a.d.Quotes = append(a.d.Quotes, q)
	}
	if a.cfg.Indirect {
		a.indirect()
	}
	sort.SliceStable(a.d.Quotes, func(i, j int) bool { return a.d.Quotes[i].Start < a.d.Quotes[j].Start })
}

// attribute finds the speaker of region ri and the token of its cue (-1).
func (a *attributor) attribute(ri int) (speakerResult, int) {
	open, close := a.tokRange(ri)
	r := a.regions[ri]
	if a.nameLike(ri) {
		return speakerResult{entity: -1}, -1 // «Северный поток», „Bild“
	}
	// 0. a transcript turn: "“PRYCE: …" (the label is cut from the quote
	//    in run); a byline: "“…” — Ann Pryce"
	if res, ok := a.label(ri); ok {
		return res, -1
	}
	if res, ok := a.byline(ri, close); ok {
		return res, -1
	}
	// 1. after the quote: "“…,” X said", "“…,” said X", "“…,” he added"
	if a.endsOpenly(ri, close) {
		if res, c := a.cueAfter(close+1, open); res.found {
			return res, c
		}
	}
	// 2. before the quote in its sentence: "X said: “…”", "X called it “…”";
	//    an unnamed subject gives way to "according to X"
	if open > 0 {
		if res, c := a.cueBefore(open-1, open); res.found {
			if res.entity < 0 {
				if acc, _ := a.according(open, close); acc.found && acc.entity >= 0 {
					return acc, c
				}
			}
			return res, c
		}
	}
	// 2b. a closing attribution of the sentence: "… “…” …, she said."
	if res, c := a.cueAtSentenceEnd(close); res.found {
		return res, c
	}
	// 3. a title before a colon or in the sentence before when the quote
	//    opens its sentence: "He said:" / "X told reporters in Brussels:"
	if r.Continues {
		return speakerResult{entity: -1}, -1
	}
	// 4. "according to X" in the sentence
	if res, c := a.according(open, close); res.found {
		return res, c
	}
	// 4b. "X's claim that … “…”": the possessor of a noun whose clause
	//     holds the quote
	if res, ok := a.possessedClaim(open); ok {
		return res, -1
	}
	// 5a. "… surprise pollster Daron Shaw: “…”": the name before the colon
	if open >= 2 && a.word(open-1) == ":" {
		if e := a.ent[open-2]; e >= 0 && a.entType[e] == "PERSON" {
			return speakerResult{entity: e, found: true}, -1
		}
	}
	// 5. a quote after a colon, or a partial quote inside a sentence with no
	//    reporting verb ("X thanked Y for “…”"): the subject of the sentence
	//    when it is a person or organisation named outside the quote (in
	//    languages with quote_rules.txt, whose marks also set off names and
	//    terms, only after a colon)
	if lo := a.sentenceStart(open); open > lo && (!a.lex.Rules || a.word(open-1) == ":") {
		if res := a.sentenceSubject(lo, open); res.found && res.entity >= 0 {
			switch a.entType[res.entity] {
			case "PERSON", "ORG":
				return res, -1
			}
		} else if res.found && res.to > 0 && !a.lex.Rules {
			return res, -1 // "The ad targets a “…”"
		}
		if a.lex.Rules {
			// "Hiesinger verteidigte … Dabei müsse es darum gehen, …: «…»":
			// no speaker in the sentence; the person the sentence before
			// is about
			if res := a.introduced(a.sentOf[open]); res.found && res.entity >= 0 {
				return res, -1
			}
		}
	}
	return speakerResult{entity: -1}, -1
}

// endsOpenly says whether a quote invites an attribution after it: its text
// ends in a comma, question or exclamation mark or dash, a comma follows
// the closing mark, or a reporting verb follows right away.
func (a *attributor) endsOpenly(ri, close int) bool {
	r := a.regions[ri]
	if r.Close.End == 0 {
		return false
	}
	if r.Family == Dash {
		return true // dash speech ends where the author's words begin
	}
	if w := a.word(close); a.lex.Rules && (w == "—" || w == "–") {
		return true // «…, — сказал он, — …»: an incise
	}
	content := strings.TrimRight(a.d.Text[r.Content.Start:r.Content.End], " '’\"”")
	last, _ := utf8.DecodeLastRuneInString(content)
	switch last {
	case ',', '?', '!', '—', '–', '-', '…':
		return true
	}
	n := len(a.d.Tokens)
	if close+1 < n {
		w := a.word(close + 1)
		if w == "," || w == "—" || w == "–" || a.lex.Rules && w == "-" {
			return true
		}
		if c, _ := a.cueAt(close + 1); c > 0 {
			return true // "“…” said X"
		}
		// "“…” he said." — a short clause ending the sentence
		if a.sentOf[close+1] == a.sentOf[close] || last != '.' {
			end := a.sentenceEnd(close + 1)
			if end-(close+1) <= 6 {
				return true
			}
		}
	}
	return false
}

// cueAfter looks for a reporting verb in the clause after a closing mark
// (tokens from t, same sentence, within Window tokens, before any other
// quote) and its speaker.
func (a *attributor) cueAfter(t, open int) (speakerResult, int) {
	n := len(a.d.Tokens)
	if t >= n {
		return speakerResult{entity: -1}, -1
	}
	sent := a.sentOf[t-1]
	for t < n && (a.word(t) == "," || a.word(t) == "—" || a.word(t) == "–" || a.lex.Rules && a.word(t) == "-") {
		t++
	}
	if t >= n {
		return speakerResult{entity: -1}, -1
	}
	if a.sentOf[t] != sent {
		// "“…?” he asked." split by the segmenter: allow a lowercase start,
		// or a short sentence after a question or exclamation ("“…?”
		// Okafor demanded.")
		w := a.word(t)
		short := false
		if ri := a.region[t-1]; ri >= 0 {
			content := strings.TrimRight(a.d.Slice(a.regions[ri].Content), " ")
			short = (strings.HasSuffix(content, "?") || strings.HasSuffix(content, "!")) && a.sentenceEnd(t)-t <= 5
		}
		if w == "" || strings.ToLower(w) != w && !short {
			return speakerResult{entity: -1}, -1
		}
		sent = a.sentOf[t]
	}
	// "“…,” as the Herald put it": "as" with a reporting clause attributes
	if !a.lex.Rules && a.lower(t) == "as" && t+1 < n {
		t++
	}
	lo := t
	// "“…,” while Trump refers to …": a new clause, not an attribution
	if subordinators[a.lower(t)] || a.lex.Subordinators[a.lower(t)] {
		return speakerResult{entity: -1}, -1
	}
	// "When Maddow said it was “…,” Clinton replied …": the quote closes an
	// opening subordinate clause; what follows is the main clause
	if st := a.sentenceStart(open); clauseOpeners[a.lower(st)] && st < open {
		first := true
		for k := st; k < open; k++ {
			if a.word(k) == "," && !a.inQuote(k) {
				first = false
				break
			}
		}
		if first {
			return speakerResult{entity: -1}, -1
		}
	}
	window := a.cfg.Window
	if e := a.ent[lo]; e >= 0 {
		// "“…,” Ann Pryce, the director of … and …, told": a long
		// apposition after a name
		end := lo
		for end+1 < n && a.ent[end+1] == e {
			end++
		}
		if end+1 < n && a.word(end+1) == "," {
			window += 15
		}
	}
	for k := t; k < n && k < t+window && a.sentOf[k] == sent && !a.inQuote(k); k++ {
		w := a.word(k)
		if w == "(" {
			// "“…,” Rep. Ann Pryce (D-Ore.) said": a bracketed party and
			// state, whose abbreviation points end no clause
			if e := a.closingBracket(k); e > k {
				k = e
				continue
			}
		}
		if w == "." && k+1 < n && a.word(k+1) == "," {
			continue // "McConnell, R-Ky., said": an abbreviation point
		}
		if w == "." || w == ";" || w == ":" {
			break
		}
		if c, clause := a.cueAt(k); c > 0 {
			if res, ok := a.selfSpeaker(k); ok {
				return res, k // "« … », ajoute-t-il"
			}
			if clause && (k == lo || a.allSkip(lo, k)) {
				if res := a.subjectAfter(k + c); res.found {
					return res, k
				}
				if res, ok := a.dropped(k, c); ok {
					return res, k // "«…», dijo."
				}
			}
			res := a.subjectBefore(k, lo)
			if res.found && res.entity >= 0 {
				return res, k
			}
			// "“…,” Anne Richards, assistant secretary of state, …, said"
			if e := a.ent[lo]; e >= 0 {
				end := lo
				for end+1 < k && a.ent[end+1] == e {
					end++
				}
				if end+1 < k && a.word(end+1) == "," {
					return speakerResult{entity: e, found: true}, k
				}
			}
			if res.found && a.plainPhrase(lo, k) {
				return res, k
			}
			// "“…?” a narrator in the ad asks": an unnamed speaker and a
			// short phrase after it
			if res.found && res.to > 0 && res.from == lo && k-lo <= 8 && a.plainPhrase(lo, res.to+1) {
				return res, k
			}
			if clause {
				if res := a.subjectAfter(k + c); res.found {
					return res, k
				}
			}
			return speakerResult{entity: -1}, -1
		}
	}
	return speakerResult{entity: -1}, -1
}

// closingBracket returns the token of the ")" that closes the "(" at token
// k within a few tokens of the same sentence, or -1.
func (a *attributor) closingBracket(k int) int {
	for e := k + 1; e < len(a.d.Tokens) && e <= k+8 && !a.inQuote(e); e++ {
		switch a.word(e) {
		case ")":
			return e
		case "(":
			return -1
		}
	}
	return -1
}

// subordinators open a clause that is not an attribution.
var subordinators = map[string]bool{"while": true, "and": true, "but": true, "as": true, "when": true,
	"because": true, "although": true, "though": true, "if": true, "which": true, "who": true, "whereas": true,
	"since": true, "after": true, "before": true, "until": true, "so": true, "or": true}

// clauseOpeners open a subordinate clause at the start of a sentence.
var clauseOpeners = map[string]bool{"when": true, "while": true, "as": true, "if": true, "although": true,
	"though": true, "because": true, "since": true, "after": true, "before": true, "until": true, "whereas": true}

// plainPhrase reports whether tokens [lo,k) can be a bare subject phrase
// ("a spokesman", "the official") — no prepositions or other function words.
func (a *attributor) plainPhrase(lo, k int) bool {
	for t := lo; t < k; t++ {
		if functionWords[a.lower(t)] || isPunct(a.word(t)) {
			return false
		}
	}
	return true
}

// cueAtSentenceEnd looks for a closing attribution of the whole sentence:
// "…, X said." / "…, said X." after the quote, in its last clause.
func (a *attributor) cueAtSentenceEnd(close int) (speakerResult, int) {
	n := len(a.d.Tokens)
	if close+1 >= n {
		return speakerResult{entity: -1}, -1
	}
	end := a.sentenceEnd(close)
	// each comma after the quote that opens a clause "X said" / "said X"
	for comma := close + 1; comma < end; comma++ {
		if a.inQuote(comma) {
			break
		}
		if a.word(comma) != "," {
			continue
		}
		for k := comma + 1; k < end && k < comma+8; k++ {
			if a.inQuote(k) || a.word(k) == "," {
				break
			}
			c, clause := a.cueAt(k)
			if c == 0 {
				continue
			}
			if !clause {
				break
			}
			if res := a.subjectBefore(k, comma+1); res.found && (res.entity >= 0 || a.plainPhrase(comma+1, k)) {
				return res, k
			}
			if k == comma+1 {
				if res := a.subjectAfter(k + c); res.found {
					return res, k
				}
			}
			break
		}
	}
	return speakerResult{entity: -1}, -1
}

func (a *attributor) allSkip(lo, k int) bool {
	for t := lo; t < k; t++ {
		if !a.lex.Skip[a.lower(t)] {
			return false
		}
	}
	return true
}

// cueBefore looks back from token t (not in a quote) to the start of its
// sentence for the nearest reporting verb and its speaker; a sentence that
// ends in a colon right before the quote is searched too.
func (a *attributor) cueBefore(t, open int) (speakerResult, int) {
	if t < 0 {
		return speakerResult{entity: -1}, -1
	}
	lo := a.sentenceStart(open)
	if a.word(t) == ":" || a.sentOf[t] != a.sentOf[open] {
		// "He said:" may be split from the quote by the segmenter
		if a.word(t) == ":" || a.word(t) == "," {
			lo = a.sentenceStart(t)
		}
	}
	for k := t; k >= lo; k-- {
		if a.inQuote(k) {
			continue
		}
		c, _ := a.cueAt(k)
		if c == 0 || k+c > open {
			continue
		}
		if res, ok := a.selfSpeaker(k); ok {
			return res, k
		}
		res := a.clauseOpener(a.coordinated(a.clausePerson(a.describable(a.subjectBefore(k, lo)), lo, k), lo, k), lo, k)
		if a.lex.Rules && res.entity >= 0 && a.entType[res.entity] != "PERSON" && k > lo && a.word(k-1) == "," {
			// "Nel suo libro, Inside Wikileaks, ha rivelato …, scrivendo
			// che": a participle after a comma speaks for the person of
			// the clause, not for a title or place before the comma
			if p, ok := a.dropped(k, len(a.d.Tokens)); ok {
				res = p
			}
		}
		if a.lex.Inversion && res.entity < 0 {
			// "Am Montag sagte Merz: „…“", "заявил журналистам Лавров: «…»"
			if inv := a.subjectAfter(k + c); inv.found && (inv.entity >= 0 || !res.found) {
				return inv, k
			}
		}
		if res.found {
			// "Straw said the US had agreed to release them after “…”": the
			// quote belongs to the speech the sentence reports
			if o, ok := a.outerSpeech(k, lo); ok {
				return o, k
			}
			return res, k
		}
		// "Said X: …" / "…, said X: …": the speaker after the verb
		if _, clause := a.cueAt(k); clause && (k == lo || a.word(k-1) == "," || a.inQuote(k-1)) {
			if res := a.subjectAfter(k + c); res.found {
				return res, k
			}
		}
		// "Przypomniała, że USA „…”", "Jak dodał, …": no subject
		if a.lex.Rules && (k == lo || a.allSkip(lo, k) || a.word(k-1) == ",") {
			if res, ok := a.dropped(k, c); ok {
				return res, k
			}
		}
	}
	return speakerResult{entity: -1}, -1
}

// possessedClaim finds "X's (earlier) claim that … “…”" before the quote
// opening at token open, in its sentence: the possessor X, a person or
// organisation, speaks. English only.
func (a *attributor) possessedClaim(open int) (speakerResult, bool) {
	if a.lex.Rules {
		return speakerResult{entity: -1}, false
	}
	lo := a.sentenceStart(open)
	for t := open - 1; t > lo+1 && t > open-25; t-- {
		if a.inQuote(t) || isPunct(a.word(t)) {
			break
		}
		if a.lower(t) != "that" {
			continue
		}
		// up to three lowercase words between the possessive and "that"
		p := t - 1
		for p > lo && t-p <= 3 && isLowerWord(a.word(p)) && !functionWords[a.lower(p)] {
			p--
		}
		if p == t-1 || (a.word(p) != "'s" && a.word(p) != "’s") || p == lo {
			return speakerResult{entity: -1}, false
		}
		if e := a.ent[p-1]; e >= 0 && (a.entType[e] == "PERSON" || a.entType[e] == "ORG") {
			return speakerResult{entity: e, found: true}, true
		}
		return speakerResult{entity: -1}, false
	}
	return speakerResult{entity: -1}, false
}

// outerSpeech finds, for a cue at token k inside reported speech, the
// speaker of the reporting clause that holds it: a finite clause cue
// before k in the same sentence ("X said (that) … Y called it …") whose
// subject is a named entity or an unnamed speaker ("the statement"), with
// no clause break between.
func (a *attributor) outerSpeech(k, lo int) (speakerResult, bool) {
	if a.lex.Rules {
		return speakerResult{entity: -1}, false
	}
	for o := k - 1; o >= lo; o-- {
		if a.inQuote(o) {
			return speakerResult{entity: -1}, false
		}
		switch a.lower(o) {
		case ";", ":", ",", "―", "—", "–", "but", "while", "whereas":
			// "When X noted …, Y boasted, “…”": a clause break
			return speakerResult{entity: -1}, false
		case "and", "or":
			if o > lo && a.word(o-1) == "," {
				return speakerResult{entity: -1}, false // ", and Y called it …"
			}
		}
		c, clause := a.cueAt(o)
		if c == 0 || !clause || o+c >= k {
			continue
		}
		res := a.subjectBefore(o, lo)
		if res.found && (res.entity >= 0 || res.to > 0 && a.speakerHead(a.lower(res.to)) && !a.lex.NoSpeaker[a.lower(res.to)]) {
			return res, true // "The statement noted they had said …"
		}
		return speakerResult{entity: -1}, false
	}
	return speakerResult{entity: -1}, false
}

// according finds "according to X" in the sentences of a quote.
func (a *attributor) according(open, close int) (speakerResult, int) {
	lo, hi := a.sentenceStart(open), a.sentenceEnd(close)
	for k := lo; k < hi; k++ {
		if a.inQuote(k) {
			continue
		}
		if n, res := a.matchAccording(k, hi); n > 0 && res.found {
			return res, -1
		}
	}
	return speakerResult{entity: -1}, -1
}

// continues returns the region whose speaker region ri inherits, or -1: the
// region it continues (an unclosed quote followed by a new opening), or,
// for a quote that opens its sentence, a quote or reported-speech sentence
// just before it (same paragraph, or the end of the previous one).
func (a *attributor) continues(ri int) int {
	if ri == 0 {
		return -1
	}
	r := a.regions[ri]
	if r.Continues {
		return ri - 1
	}
	open, _ := a.tokRange(ri)
	s := a.sentOf[open]
	first := a.sentenceStart(open)
	// only a quote that opens its sentence
	if open != first {
		return -1
	}
	if s == 0 {
		return -1
	}
	prev := a.d.Sentences[s-1]
	cur := a.d.Sentences[s]
	if prev.Para != cur.Para && prev.Para != cur.Para-1 {
		return -1
	}
	// the last region ending in the previous sentence
	for p := ri - 1; p >= 0; p-- {
		_, pc := a.tokRange(p)
		ps := a.sentOf[pc]
		if ps == s-1 || ps == s {
			return p
		}
		if ps < s-1 {
			break
		}
	}
	return -1
}

// introduced finds, for a quote with no speaker, a speaker of reported
// speech in the sentence before (the speaker introduced before the quote).
func (a *attributor) introduced(s int) speakerResult {
	if s <= 0 {
		return speakerResult{entity: -1}
	}
	prev := a.d.Sentences[s-1]
	if cur := a.d.Sentences[s]; prev.Para != cur.Para && prev.Para != cur.Para-1 {
		return speakerResult{entity: -1}
	}
	for k := prev.First; k < prev.EndTok; k++ {
		if c, _ := a.cueAt(k); c > 0 {
			if res := a.subjectBefore(k, prev.First); res.found {
				return res
			}
		}
	}
	// a whole quoted sentence after a sentence about a person: that person
	// ("Trump turned to trade. “We are losing.”")
	if res := a.sentenceSubject(prev.First, prev.EndTok); res.found && res.entity >= 0 && a.entType[res.entity] == "PERSON" {
		return res
	}
	return speakerResult{entity: -1}
}

// indirect finds reported speech without quote marks.
func (a *attributor) indirect() {
	for si, s := range a.d.Sentences {
		found := false
		for k := s.First; k < s.EndTok; k++ {
			if a.used[k] || a.inQuote(k) {
				continue
			}
			c, clause := a.cueAt(k)
			if c == 0 || !clause || a.passive(k) {
				continue
			}
			if q, ok := a.reported(si, k, c); ok {
				a.d.Quotes = append(a.d.Quotes, q)
				found = true
				break
			}
		}
		if !found && a.lex.AccordingReported {
			if q, ok := a.accordingReported(si); ok {
				a.d.Quotes = append(a.d.Quotes, q)
			}
		}
	}
}

// reported reads reported speech around the cue at token k (c tokens) in
// sentence si: "X said (that) <content>" or "<content>, X said".
func (a *attributor) reported(si, k, c int) (doc.Quote, bool) {
	if a.lex.Rules {
		return a.reportedNative(si, k, c)
	}
	s := a.d.Sentences[si]
	cue := doc.Span{Start: a.d.Tokens[k].Start, End: a.d.Tokens[k+c-1].End}
	end := s.EndTok
	for end > k+c && isPunct(a.word(end-1)) {
		end--
	}
	mk := func(from, to int, sp speakerResult) (doc.Quote, bool) {
		if to-from < 3 {
			return doc.Quote{}, false
		}
		for t := from; t < to; t++ {
			if a.inQuote(t) {
				return doc.Quote{}, false // mixed: the quoted parts stand for it
			}
		}
		q := doc.Quote{Span: doc.Span{Start: a.d.Tokens[from].Start, End: a.d.Tokens[to-1].End},
			Cue: a.d.Slice(cue), CueSpan: cue, Direct: false, Evidence: s.Span}
		if sp.entity >= 0 {
			q.Speaker = a.d.Entities[sp.entity].ID
		}
		return q, true
	}
	// "<content>, X said." / "<content>, said X."
	if k > s.First {
		if res := a.subjectBefore(k, s.First); res.found {
			// the subject phrase starts after a comma that ends the content
			p := k - 1
			for p > s.First && a.word(p) != "," {
				p--
			}
			if p > s.First && k+c >= end-1 && a.word(p) == "," {
				return mk(s.First, p, res)
			}
			// "X said (that) <content>"
			from := k + c
			if lw := a.lower(k); lw == "told" || lw == "tell" || lw == "tells" || lw == "telling" {
				// skip the hearer up to "that" or a clause start
				for from < end && from < k+c+5 && !strings.EqualFold(a.word(from), "that") {
					from++
				}
				if from >= end || !strings.EqualFold(a.word(from), "that") {
					from = k + c
					if from < end && (a.ent[from] >= 0 || isLowerWord(a.word(from))) {
						// "told reporters the plan …": skip one phrase
						for from < end && (a.ent[from] >= 0 || isLowerWord(a.word(from))) && from < k+c+3 {
							from++
						}
					}
				}
			}
			if from < end && strings.EqualFold(a.word(from), "that") {
				from++
			}
			if from < end {
				w := a.word(from)
				if w == ":" || w == "," || strings.EqualFold(w, "to") || strings.EqualFold(w, "by") || strings.EqualFold(w, "in") || strings.EqualFold(w, "on") {
					return doc.Quote{}, false
				}
			}
			return mk(from, end, res)
		}
	}
	if k == s.First || a.word(k-1) == "," {
		if res := a.subjectAfter(k + c); res.found {
			p := k - 1
			if p > s.First && a.word(p) == "," {
				return mk(s.First, p, res)
			}
		}
	}
	return doc.Quote{}, false
}

// passive says whether the cue at k is a passive participle ("have been
// informed", "was told"): its subject is the hearer, not the speaker.
func (a *attributor) passive(k int) bool {
	for j := k - 1; j >= 0 && j >= k-3; j-- {
		switch a.lower(j) {
		case "been", "be", "being", "is", "was", "were", "are", "'s", "get", "got":
			return true
		}
		if !a.lex.Skip[a.lower(j)] {
			return false
		}
	}
	return false
}

func isPunct(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return r == '.' || r == '!' || r == '?' || r == ';' || r == ':' || r == ','
}

func isLowerWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return r >= 'a' && r <= 'z'
}

// describe makes an entity of an unnamed speaker phrase, tokens from..to
// ("the statement", "a spokesman", "officials", first-person "I" in an
// opinion piece), so that the quote names who spoke even when no named
// entity does. The same phrase twice in a document is one entity. It
// returns the entity index, or -1 when the phrase cannot be a speaker (a
// pronoun left unresolved, a phrase crossing a quote).
func (a *attributor) describe(from, to int) int {
	for from <= to && !unicode.IsLetter(firstRune(a.word(from))) {
		from++
	}
	if from > to || to-from > 6 || to >= len(a.d.Tokens) {
		return -1
	}
	head := a.lower(to)
	// a name may modify an unnamed person ("A top Donald Trump adviser",
	// "Clinton's right-hand woman"), not head the phrase
	person := a.lex.PersonNouns[head] || isPersonish(strings.TrimSuffix(head, "s"))
	for t := from; t <= to; t++ {
		if a.inQuote(t) || a.used[t] || a.sentOf[t] != a.sentOf[to] || a.ent[t] >= 0 && (!person || t == to) {
			return -1
		}
		// no clause in the phrase: "which some", "making racist", "after"
		w := a.lower(t)
		if t == from && t < to && determiners[w] && w != "that" {
			continue // "this source", "one aide"
		}
		participle := strings.HasSuffix(w, "ing") && !strings.Contains(w, "-")
		if a.lex.NoSpeaker[w] || functionWords[w] && w != "of" || a.ent[t] < 0 && participle {
			return -1
		}
	}
	// a thing named or described by a participle right after it is its
	// object, not a speaker: "writing a book called “…”", "released a
	// statement saying …"
	if c := to + 1; !person && c < len(a.d.Tokens) && a.used[c] {
		if w := a.lower(c); strings.HasSuffix(w, "ing") || strings.HasSuffix(w, "ed") {
			if d := a.lower(from); d == "a" || d == "an" {
				return -1
			}
		}
	}
	if a.lex.NoSpeaker[head] || !a.speakerHead(head) {
		return -1
	}
	typ := "MISC"
	switch {
	case a.lex.PersonNouns[head] || a.lex.FirstPerson[head] || isPersonish(head):
		typ = "PERSON"
	case unicode.IsUpper(firstRune(a.word(to))):
		typ = "ORG"
	}
	return a.addEntity(from, to, typ)
}

// addEntity makes an entity of type typ named by tokens from..to, or
// returns the one made before from the same words.
func (a *attributor) addEntity(from, to int, typ string) int {
	span := doc.Span{Start: a.d.Tokens[from].Start, End: a.d.Tokens[to].End}
	name := a.d.Slice(span)
	key := strings.ToLower(name)
	if e, ok := a.unnamed[key]; ok {
		a.d.Entities[e].Mentions = append(a.d.Entities[e].Mentions, span)
		a.mark(from, to, e)
		return e
	}
	e := len(a.d.Entities)
	id := "e" + strconv.Itoa(e+1)
	for a.hasID(id) {
		id += "x"
	}
	a.d.Entities = append(a.d.Entities, doc.Entity{ID: id, Name: name, Type: typ, Mentions: []doc.Span{span}})
	a.entType = append(a.entType, typ)
	a.unnamed[key] = e
	a.mark(from, to, e)
	return e
}

// labelLen returns the byte length, from its opening mark, of the
// transcript label that opens region ri at the start of its paragraph
// ("“WALLACE: …"), or 0.
func (a *attributor) labelLen(ri int) int {
	r := a.regions[ri]
	if a.lex.Rules {
		return 0
	}
	ps := a.d.Paragraphs
	i := sort.Search(len(ps), func(i int) bool { return ps[i].End > r.Open.Start })
	if i == len(ps) || ps[i].Start > r.Open.Start {
		return 0
	}
	p := ps[i]
	if strings.TrimSpace(a.d.Text[p.Start:r.Open.Start]) != "" {
		return 0
	}
	return transcriptLabel(a.d.Text, doc.Span{Start: r.Open.Start, End: p.End}, a.lex.Marks)
}

// label finds the speaker of a transcript turn: the entity the recognizer
// found in the label, else a person whose name holds the label's last word
// ("PENCE" -> Mike Pence), else a person named by the label as written.
func (a *attributor) label(ri int) (speakerResult, bool) {
	n := a.labelLen(ri)
	if n == 0 {
		return speakerResult{entity: -1}, false
	}
	r := a.regions[ri]
	from := a.d.TokenAt(r.Open.End)
	to := from
	for t := from; t < len(a.d.Tokens) && a.d.Tokens[t].Start < r.Open.Start+n; t++ {
		if a.word(t) == ":" {
			break
		}
		to = t
	}
	for t := from; t <= to; t++ {
		if e := a.ent[t]; e >= 0 {
			return speakerResult{entity: e, found: true}, true
		}
	}
	last := a.lower(to)
	for e, ent := range a.d.Entities {
		if a.entType[e] != "PERSON" {
			continue
		}
		for _, w := range strings.Fields(strings.ToLower(ent.Name)) {
			if w == last {
				return speakerResult{entity: e, found: true}, true
			}
		}
	}
	return speakerResult{entity: a.addEntity(from, to, "PERSON"), found: true}, true
}

// lineBreakBefore reports whether a line break stands between token t and
// the token before it.
func (a *attributor) lineBreakBefore(t int) bool {
	if t <= 0 || t >= len(a.d.Tokens) {
		return t > 0
	}
	return strings.Contains(a.d.Text[a.d.Tokens[t-1].End:a.d.Tokens[t].Start], "\n")
}

// byline reads the convention of epigraphs and lists of readers' comments:
// a dash of quote_bylines.txt right after the closing mark, then a name and
// nothing else up to the end of its line or sentence ("“…” — Ann Pryce").
// The name is an entity the recognizer found there, or, when it found none,
// a person named by the capitalised words as written.
func (a *attributor) byline(ri, close int) (speakerResult, bool) {
	n := len(a.d.Tokens)
	d := close + 1
	if a.regions[ri].Close.End == 0 || d+1 >= n || !a.lex.Bylines[a.word(d)] || a.lineBreakBefore(d) {
		return speakerResult{entity: -1}, false
	}
	from := d + 1
	if a.lineBreakBefore(from) || a.inQuote(from) {
		return speakerResult{entity: -1}, false
	}
	to := from - 1
	for t := from; t < n && t < from+6; t++ {
		if a.inQuote(t) || t > from && a.lineBreakBefore(t) {
			break
		}
		w := a.word(t)
		if a.ent[t] < 0 && !unicode.IsUpper(firstRune(w)) {
			break
		}
		to = t
	}
	if to < from {
		return speakerResult{entity: -1}, false
	}
	// nothing but a full stop may follow the name on its line
	end := to + 1
	if end < n && a.word(end) == "." && !a.lineBreakBefore(end) {
		end++
	}
	if end < n && !a.lineBreakBefore(end) && a.sentOf[end] == a.sentOf[to] {
		return speakerResult{entity: -1}, false
	}
	// the entity holding most of the name's tokens
	best, most := -1, 0
	count := map[int]int{}
	for t := from; t <= to; t++ {
		if e := a.ent[t]; e >= 0 {
			count[e]++
			if count[e] > most {
				best, most = e, count[e]
			}
		}
	}
	if best >= 0 {
		return speakerResult{entity: best, found: true}, true
	}
	return speakerResult{entity: a.addEntity(from, to, "PERSON"), found: true}, true
}

// mark records entity e on the tokens from..to that no other entity holds.
func (a *attributor) mark(from, to, e int) {
	for t := from; t <= to; t++ {
		if a.ent[t] < 0 {
			a.ent[t] = e
		}
	}
}

// hasID reports whether an entity of the document has id.
func (a *attributor) hasID(id string) bool {
	for _, e := range a.d.Entities {
		if e.ID == id {
			return true
		}
	}
	return false
}

// speakerHead reports whether a lowercase word may head an unnamed speaker
// phrase: a person noun, a noun through which someone speaks, an agent noun
// ("-er", "-ist"), a first-person pronoun or another speaker noun of the
// lexicon; plurals count as their singular.
func (a *attributor) speakerHead(w string) bool {
	l := a.lex
	if l.PersonNouns[w] || l.Proxies[w] || l.FirstPerson[w] || l.SpeakerNouns[w] {
		return true
	}
	sing := w
	switch {
	case strings.HasSuffix(w, "men"):
		sing = strings.TrimSuffix(w, "men") + "man"
	case strings.HasSuffix(w, "ies"):
		sing = strings.TrimSuffix(w, "ies") + "y"
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
		sing = strings.TrimSuffix(w, "s")
	}
	if l.PersonNouns[sing] || l.Proxies[sing] || l.SpeakerNouns[sing] {
		return true
	}
	return len(sing) > 3 && isPersonish(sing)
}
