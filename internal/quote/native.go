package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// This file holds the attribution rules of languages described by
// quote_rules.txt (de, fr, es, it, pl, ru, uk): pronoun speakers the entity
// layer left unresolved, verbs with an attached subject pronoun
// ("ajoute-t-il"), speakers after the verb anywhere in the clause
// ("Am Montag sagte Merz", "заявил журналистам Лавров"), subjectless cues
// ("…, dijo."), reported speech opened by a complementizer or a comma, and
// "according to X, …" as reported speech. The rules are the same for every
// such language; the words come from its data files.

// resolvePronouns gives each speaker pronoun (speaker_pronouns.txt) that
// the entity layer left without an entity the person it most likely stands
// for, and reads verbs with an attached subject pronoun ("dit-elle").
func (a *attributor) resolvePronouns() {
	n := len(a.d.Tokens)
	a.inverted = a.buf.zeros[:n:n]
	a.resolved = a.buf.bools[2*n : 3*n : 3*n]
	if len(a.lex.Pronouns) == 0 {
		return
	}
	for t := 0; t < n; t++ {
		if a.ent[t] >= 0 || a.inQuote(t) {
			continue
		}
		w := a.low[t]
		if _, ok := a.lex.Pronouns[w]; !ok {
			verb := a.invertedVerb(w)
			if verb == 0 {
				continue
			}
			a.inverted[t] = verb
		}
		if e := a.antecedent(t); e >= 0 {
			a.ent[t] = e
			a.resolved[t] = true
		}
	}
}

// invertedVerb returns the byte length of the verb part of a word that ends
// in an attached subject pronoun ("ajoute-t-il" -> len("ajoute")), or 0.
// The verb part must be a cue or a word between speaker and verb ("a-t-il
// déclaré").
func (a *attributor) invertedVerb(w string) int {
	for _, suf := range a.lex.InvertedSubjects {
		if len(w) <= len(suf) || !strings.HasSuffix(w, suf) {
			continue
		}
		pron := suf[strings.LastIndexByte(suf, '-')+1:]
		if _, ok := a.lex.Pronouns[pron]; !ok {
			continue
		}
		verb := w[:len(w)-len(suf)]
		if len(a.lex.Cues[verb]) > 0 || a.lex.Skip[verb] {
			return len(verb)
		}
	}
	return 0
}

// antecedent finds the person a pronoun at token t stands for: the nearest
// person named before it in its sentence, else the first person named in
// one of the three sentences before (the subject, in news prose). Quoted
// text is not searched.
func (a *attributor) antecedent(t int) int {
	s := a.sentOf[t]
	for k := t - 1; k >= 0 && a.sentOf[k] == s; k-- {
		if e := a.personAt(k); e >= 0 {
			return e
		}
	}
	for ps := s - 1; ps >= 0 && ps >= s-3; ps-- {
		sent := a.d.Sentences[ps]
		for k := max(sent.First, 0); k < sent.EndTok && k < len(a.d.Tokens); k++ {
			if e := a.personAt(k); e >= 0 {
				return e
			}
		}
	}
	return -1
}

// personAt returns the person entity named at token k outside quotes, or
// -1. Only names count (a capitalised word), not descriptions the entity
// layer joined to a person ("el presidente").
func (a *attributor) personAt(k int) int {
	if a.inQuote(k) || a.resolved[k] {
		return -1
	}
	e := a.ent[k]
	if e < 0 || a.entType[e] != "PERSON" {
		return -1
	}
	first := k
	for first > 0 && a.ent[first-1] == e {
		first--
	}
	if !unicode.IsUpper(firstRune(a.word(first))) {
		return -1
	}
	return e
}

// selfSpeaker returns the speaker of a verb with an attached subject
// pronoun ("ajoute-t-il").
func (a *attributor) selfSpeaker(k int) (speakerResult, bool) {
	if k >= 0 && k < len(a.inverted) && a.inverted[k] > 0 && a.ent[k] >= 0 {
		return speakerResult{entity: a.ent[k], found: true}, true
	}
	return speakerResult{entity: -1}, false
}

// subjectAfterNative finds the speaker after a cue at token k in a language
// with inversion (with descriptions: a definite description after a cue
// stands for the person named before): the first person named within the next words of the
// clause (a place or organisation only when no person follows: "заявил
// глава МИД России Сергей Лавров"), or an unnamed speaker phrase opened by
// an article or a speaker noun ("sagte ein Regierungssprecher").
func (a *attributor) subjectAfterNative(k int, descriptions bool) speakerResult {
	none := speakerResult{entity: -1}
	n := len(a.d.Tokens)
	if k <= 0 || k >= n {
		return none
	}
	sent := a.sentOf[k-1]
	for k < n && a.lex.Skip[a.lower(k)] && a.ent[k] < 0 {
		k++
	}
	other, head := -1, -1
	content := false // a lowercase word before any name: "el convenio con el Gobierno"
	// "sagte der Ufo-Chef", "a déclaré le ministre": a definite description
	desc := descriptions && k+1 < n && a.lex.Definite[a.lower(k)] && a.ent[k+1] < 0 && a.sentOf[k+1] == sent
	for t := k; t < n && t < k+10 && a.sentOf[t] == sent; t++ {
		if a.inQuote(t) {
			if a.nameLike(a.region[t]) {
				continue // "голови правління НАК «Нафтогаз України» Андрія Коболєва"
			}
			break
		}
		if e := a.ent[t]; e >= 0 {
			if a.entType[e] == "PERSON" {
				return speakerResult{entity: e, found: true}
			}
			if other < 0 && !content {
				other = e
			}
			continue
		}
		if w := a.word(t); w == "," && t+1 < n && a.ent[t+1] >= 0 && a.entType[a.ent[t+1]] == "PERSON" && a.sentOf[t+1] == sent {
			// "aseguró el coordinador del Movimiento, Osvaldo Braga"
			return speakerResult{entity: a.ent[t+1], found: true}
		}
		if !unicode.IsLetter(firstRune(a.word(t))) {
			break
		}
		lw := a.lower(t)
		if a.lex.Complementizers[lw] {
			break
		}
		if head < 0 && other < 0 && (a.lex.SpeakerNouns[lw] || a.lex.PersonNouns[lw] || a.lex.Proxies[lw]) {
			head = t
		}
		if isLowerLetter(a.word(t)) && !a.lex.Articles[lw] && !a.lex.Skip[lw] && head < 0 {
			content = true
		}
	}
	if desc && head < 0 {
		// the description stands for the person named before
		if e := a.antecedent(k); e >= 0 {
			return speakerResult{entity: e, found: true}
		}
	}
	if other >= 0 && head < 0 {
		return speakerResult{entity: other, found: true}
	}
	if head >= 0 {
		// "zapewnili przedstawiciele Solidarnej Polski": the body speaks
		// through its representative
		for t := head + 1; t < n && t < head+4 && a.sentOf[t] == sent && !a.inQuote(t); t++ {
			if e := a.ent[t]; e >= 0 && a.entType[e] != "PERSON" {
				return speakerResult{entity: e, found: true}
			}
			if isPunct(a.word(t)) {
				break
			}
		}
		return speakerResult{entity: -1, found: true, from: k, to: head}
	}
	return none
}

// dropped gives the speaker of a cue with no subject in a pro-drop
// language ("«…», dijo.", "— zaznaczył."): the person named before, when
// the cue is followed by punctuation or a lowercase word that is no article.
func (a *attributor) dropped(k, c int) (speakerResult, bool) {
	none := speakerResult{entity: -1}
	if !a.lex.ProDrop {
		return none, false
	}
	t := k + c
	for t < len(a.d.Tokens) && a.lex.Skip[a.lower(t)] && a.ent[t] < 0 {
		t++
	}
	if t < len(a.d.Tokens) && a.sentOf[t] == a.sentOf[k] && !a.inQuote(t) {
		w := a.word(t)
		if !isPunct(w) && (!isLowerLetter(w) || a.lex.Articles[a.lower(t)] || a.ent[t] >= 0) {
			return none, false
		}
		// a name right after ("zapewnili przedstawiciele Solidarnej
		// Polski"): a subject that was not understood, not a dropped one
		for u := t; u < len(a.d.Tokens) && u < t+4 && a.sentOf[u] == a.sentOf[k] && !isPunct(a.word(u)); u++ {
			if a.ent[u] >= 0 {
				return none, false
			}
		}
	}
	if e := a.prevCueSpeaker(k); e >= 0 {
		return speakerResult{entity: e, found: true}, true
	}
	if e := a.antecedent(k); e >= 0 {
		return speakerResult{entity: e, found: true}, true
	}
	return none, false
}

// prevCueSpeaker returns the named speaker of the last reporting verb in
// the sentence before token k's ("…, poinformował spiker Izby Gmin John
// Bercow. „…” – ogłosił."), or -1: a dropped subject goes on with the
// person the text just reported.
func (a *attributor) prevCueSpeaker(k int) int {
	s := a.sentOf[k]
	if s == 0 {
		return -1
	}
	prev := a.d.Sentences[s-1]
	lo := max(prev.First, 0)
	for c := min(prev.EndTok, len(a.d.Tokens)) - 1; c >= lo; c-- {
		if a.inQuote(c) {
			continue
		}
		n, _ := a.cueAt(c)
		if n == 0 {
			continue
		}
		if res := a.describable(a.subjectBefore(c, lo)); res.entity >= 0 && a.entType[res.entity] == "PERSON" && a.namedBefore(res.entity, lo, c) {
			return res.entity
		}
		if res := a.subjectAfterNative(c+n, false); res.entity >= 0 && a.entType[res.entity] == "PERSON" {
			return res.entity
		}
		// the name closest before the cue ("el presidente de la ACNO, el
		// mexicano Mario Vázquez Raña, comentó")
		for t := c - 1; t >= lo; t-- {
			if e := a.personAt(t); e >= 0 {
				return e
			}
		}
		return -1
	}
	return -1
}

// namedBefore reports whether person e is named (not only described) in
// tokens [lo, c).
func (a *attributor) namedBefore(e, lo, c int) bool {
	for t := lo; t < c; t++ {
		if a.ent[t] == e && a.personAt(t) == e {
			return true
		}
	}
	return false
}

// lastSpeaker gives reported speech with no subject at token k the speaker
// of the last quote in the two sentences before, when no person is named
// before it ("„…” – napisali przedstawiciele Solidarnej Polski.
// Podkreślili też, że …").
func (a *attributor) lastSpeaker(k int) (speakerResult, bool) {
	for ri := len(a.regions) - 1; ri >= 0; ri-- {
		_, c := a.tokRange(ri)
		if c >= k || a.speaker[ri] < 0 {
			continue
		}
		if a.sentOf[c] >= a.sentOf[k]-2 {
			return speakerResult{entity: a.speaker[ri], found: true}, true
		}
		break
	}
	return speakerResult{entity: -1}, false
}

func isLowerLetter(w string) bool { return unicode.IsLower(firstRune(w)) }

// matchAccording matches a source phrase ("по словам", "selon") at token k
// (before hi) and returns its length and the speaker it names: the
// possessive pronoun standing for "_" ("по его словам"), else the phrase
// after it.
func (a *attributor) matchAccording(k, hi int) (int, speakerResult) {
	for _, ph := range a.lex.According {
		if k+len(ph) > hi {
			continue
		}
		ok, pron := true, -1
		for i, w := range ph {
			lw := a.lower(k + i)
			if w == "_" && a.lex.Possessive[lw] {
				pron = k + i
				continue
			}
			if lw != w || a.inQuote(k+i) {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		if pron >= 0 {
			if e := a.ent[pron]; e >= 0 {
				return len(ph), speakerResult{entity: e, found: true}
			}
			continue
		}
		res := a.subjectAfter(k + len(ph))
		if a.lex.Inversion {
			// "según las últimas encuestas": no description standing for a person
			res = a.subjectAfterNative(k+len(ph), false)
		}
		if res.found {
			return len(ph), res
		}
		// "Jak dodał, …", "как отметил, …": a cue with no subject
		if last := k + len(ph) - 1; a.lex.finiteCue(ph[len(ph)-1]) {
			if res, ok := a.dropped(last, 1); ok {
				return len(ph), res
			}
		}
	}
	return 0, speakerResult{entity: -1}
}

// clausePerson returns, when the speaker found before a cue at k is no
// person, a person named before a relative clause in [lo, k) ("Papa Leone
// XIV, che … ha detto"), or, when an organisation or place was found, near
// the start of the clause ("Глава МЗС ФРН Гайко Маас у Москві заявив") or
// right after a comma in it ("Manel Andreu, presidente de la Federación…, que…, ha
// indicado"); else res.
func (a *attributor) clausePerson(res speakerResult, lo, k int) speakerResult {
	if !a.lex.Rules || res.entity >= 0 && a.entType[res.entity] == "PERSON" {
		return res
	}
	named := res.entity >= 0 // an organisation or place was found
	for t := max(lo, 0); t < k; t++ {
		if a.inQuote(t) {
			continue
		}
		e := a.ent[t]
		if e < 0 || a.entType[e] != "PERSON" || a.resolved[t] {
			continue
		}
		// with nothing found, only a name before a relative clause
		// ("Papa Leone XIV, che … ha detto")
		if a.relativeAfter(t) || named && (t < lo+6 || a.word(t-1) == "," || a.word(t-1) == ";" || a.lex.Articles[a.lower(t-1)]) {
			return speakerResult{entity: e, found: true}
		}
	}
	return res
}

// coordinated returns, for a cue joined by a conjunction to the clause
// before it ("La Russia accusa … e avverte che"), the entity opening the
// sentence [lo, k) when no named speaker was found; else res.
func (a *attributor) coordinated(res speakerResult, lo, k int) speakerResult {
	if !a.lex.Rules || res.entity >= 0 {
		return res
	}
	j := k - 1
	for j > lo && a.lex.Skip[a.lower(j)] && a.ent[j] < 0 {
		j--
	}
	if j <= lo || !a.lex.Conjunctions[a.lower(j)] {
		return res
	}
	for t := lo; t < j && t < lo+3; t++ {
		if a.inQuote(t) {
			break
		}
		if e := a.ent[t]; e >= 0 {
			return speakerResult{entity: e, found: true}
		}
		if !a.lex.Articles[a.lower(t)] {
			break
		}
	}
	return res
}

// clauseOpener returns, when no speaker was found before a cue at k, the
// entity that opens the clause [lo, k) after articles and adverbs only ("Wie
// die Lufthansa am Sonntag mitteilte"); else res.
func (a *attributor) clauseOpener(res speakerResult, lo, k int) speakerResult {
	if !a.lex.Rules || res.found {
		return res
	}
	for t := max(lo, 0); t < k; t++ {
		if a.inQuote(t) {
			break
		}
		if e := a.ent[t]; e >= 0 {
			if k-t > 7 {
				break // far from the cue: another verb may stand between
			}
			return speakerResult{entity: e, found: true}
		}
		if w := a.lower(t); !a.lex.Articles[w] && !a.lex.Skip[w] {
			break
		}
	}
	return res
}

// relativeAfter reports whether the mention at token t is followed by a
// comma and a relative pronoun ("Papa Benedetto XVI, che …").
func (a *attributor) relativeAfter(t int) bool {
	e := a.ent[t]
	end := t
	for end+1 < len(a.d.Tokens) && a.ent[end+1] == e {
		end++
	}
	return end+2 < len(a.d.Tokens) && a.word(end+1) == "," && a.lex.Relatives[a.lower(end+2)]
}

// describable keeps a speaker found before a cue when it is named or an
// unnamed phrase with a speaker head ("a spokesman"); a phrase that cannot
// speak ("W specjalnym oświadczeniu") counts as no speaker, so that the
// speaker may be sought after the verb or before the sentence.
func (a *attributor) describable(res speakerResult) speakerResult {
	if !a.lex.Rules || !res.found || res.entity >= 0 {
		return res
	}
	if res.to > 0 && res.to < len(a.low) && a.speakerHead(a.lower(res.to)) && !a.lex.NoSpeaker[a.lower(res.to)] {
		return res
	}
	return speakerResult{entity: -1}
}

// nameLike says whether region ri sets off a name or term rather than
// speech, in a language with quote_rules.txt («Северный поток — 2»,
// „Bild am Sonntag“): at most four words, opening with a capital, ending
// with no punctuation, not after a colon and with no comma, dash or cue
// after it.
func (a *attributor) nameLike(ri int) bool {
	if !a.lex.Rules || ri < 0 || ri >= len(a.regions) {
		return false
	}
	r := a.regions[ri]
	if r.Family == Dash || r.Close.End == 0 {
		return false
	}
	content := a.d.Text[r.Content.Start:r.Content.End]
	if !unicode.IsUpper(firstRune(content)) || len(strings.Fields(content)) > 4 {
		return false
	}
	if isSpeechEnd(lastRune(content)) {
		return false
	}
	open, close := a.tokRange(ri)
	if open > 0 && a.word(open-1) == ":" {
		return false
	}
	// «…», — заявил; „…“, sagte; «…» dijo
	next := close + 1
	if next < len(a.d.Tokens) && a.word(next) == "," {
		next++
	}
	if next < len(a.d.Tokens) {
		if w := a.word(next); w == "—" || w == "–" || w == "-" {
			return false
		}
		if c, _ := a.cueAt(next); c > 0 {
			return false
		}
		// "«…», a-t-il ajouté", "«…», ha dichiarato"
		if next+1 < len(a.d.Tokens) && a.lex.opensAttribution(a.lower(next), a.lower(next+1)) {
			return false
		}
	}
	return true
}

func lastRune(s string) rune { r, _ := utf8.DecodeLastRuneInString(s); return r }

// reportedNative reads reported speech around the cue at token k (c tokens)
// in sentence si: "<content>, cue X." or "X cue (…) that <content>" with
// the speaker before or after the cue.
func (a *attributor) reportedNative(si, k, c int) (doc.Quote, bool) {
	s := a.d.Sentences[si]
	end := s.EndTok
	for end > k+c && isPunct(a.word(end-1)) {
		end--
	}
	cue := doc.Span{Start: a.d.Tokens[k].Start, End: a.d.Tokens[k+c-1].End}
	after := func() speakerResult {
		if res, ok := a.selfSpeaker(k); ok {
			return res
		}
		return a.subjectAfter(k + c)
	}
	// "<content>, cue X." / "<content>, — cue X."
	if p := k - 1; p > s.First && (k+c >= end || !a.lex.Complementizers[a.lower(k+c)]) {
		for p > s.First && a.lex.Skip[a.lower(p)] && a.ent[p] < 0 {
			p-- // "…, a indiqué le porte-parole"
		}
		if a.word(p) == "—" || a.word(p) == "–" {
			p--
		}
		if p > s.First && a.word(p) == "," && end-(k+c) <= 10 {
			if sp := after(); sp.found {
				return a.reportedQuote(s, cue, s.First, p, sp)
			}
		}
	}
	// "X cue (hearer), that <content>"
	var sp speakerResult
	if res, ok := a.selfSpeaker(k); ok {
		sp = res
	} else if k > s.First {
		sp = a.clauseOpener(a.coordinated(a.clausePerson(a.describable(a.subjectBefore(k, s.First)), s.First, k), s.First, k), s.First, k)
	}
	if sp.entity < 0 && a.lex.Inversion {
		if res := a.subjectAfter(k + c); res.found && (res.entity >= 0 || !sp.found) {
			sp = res
		}
	}
	if !sp.found && (a.allSkip(s.First, k) || a.word(k-1) == ",") {
		sp, _ = a.dropped(k, len(a.d.Tokens)) // "Dijo que …": no subject at all
		if !sp.found && a.lex.ProDrop {
			sp, _ = a.lastSpeaker(k)
		}
	}
	// with no speaker found the reported speech is still kept when a
	// complementizer or comma opens it (below)
	from := -1
	for t := k + c; t < end && t < k+c+12; t++ {
		if a.inQuote(t) {
			break
		}
		if a.lex.Complementizers[a.lower(t)] {
			from = t + 1
			break
		}
		if w := a.word(t); isPunct(w) && w != "," {
			break
		}
	}
	if from < 0 && a.lex.CommaClause {
		for t := k + c; t < end && t < k+c+10; t++ {
			if w := a.word(t); w == "," {
				from = t + 1
				break
			} else if isPunct(w) || a.inQuote(t) {
				break
			}
		}
	}
	if from < 0 {
		return doc.Quote{}, false
	}
	return a.reportedQuote(s, cue, from, end, sp)
}

// reportedQuote makes a reported-speech quote of tokens [from, to) of
// sentence s, unless it is too short or holds quoted text.
func (a *attributor) reportedQuote(s doc.Sentence, cue doc.Span, from, to int, sp speakerResult) (doc.Quote, bool) {
	cut := false
	for t := from; t < to; t++ {
		if a.inQuote(t) && !a.nameLike(a.region[t]) {
			cut = true
			// the quoted part stands for itself: the reported speech ends
			// before it (a name in marks is part of it)
			for to = t; to > from && isPunct(a.word(to-1)); to-- {
			}
			break
		}
	}
	if to-from < 3 || cut && to-from < 5 {
		return doc.Quote{}, false // a remnant before a quote: the quote stands for it
	}
	q := doc.Quote{Span: doc.Span{Start: a.d.Tokens[from].Start, End: a.d.Tokens[to-1].End},
		Cue: a.d.Slice(cue), CueSpan: cue, Direct: false, Evidence: s.Span}
	if sp.entity < 0 && sp.to > 0 {
		sp.entity = a.describe(sp.from, sp.to)
	}
	if sp.entity >= 0 {
		q.Speaker = a.d.Entities[sp.entity].ID
	}
	return q, true
}

// accordingReported reads "according to X, <content>" and "<content>,
// according to X" without quote marks in sentence si.
func (a *attributor) accordingReported(si int) (doc.Quote, bool) {
	s := a.d.Sentences[si]
	end := s.EndTok
	for end > s.First && isPunct(a.word(end-1)) {
		end--
	}
	for k := s.First; k < end; k++ {
		if k != s.First && a.word(k-1) != "," {
			continue
		}
		n, sp := a.matchAccording(k, end)
		if n == 0 || !sp.found {
			continue
		}
		cue := doc.Span{Start: a.d.Tokens[k].Start, End: a.d.Tokens[k+n-1].End}
		if k > s.First {
			if end-(k+n) > 8 {
				continue // "Arias, por su parte, según León, ha sido …": the sentence goes on
			}
			return a.reportedQuote(s, cue, s.First, k-1, sp)
		}
		for t := k + n; t < end && t < k+n+12; t++ {
			if a.inQuote(t) {
				break
			}
			if a.word(t) == "," {
				return a.reportedQuote(s, cue, t+1, end, sp)
			}
		}
	}
	return doc.Quote{}, false
}
