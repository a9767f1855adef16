package entity

import (
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/timex/scan"
)

// referent is a candidate antecedent seen while reading the text: a person
// mention (group >= 0) or an unnamed person ("a spokesman", group -1) that
// blocks older antecedents.
type referent struct {
	group int
	tok   int
	sent  int
}

// resolveReferences walks the text in order and resolves role descriptions
// ("the former cabinet secretary") and personal pronouns ("he", "she") to
// person entities, adding them as mentions.
func (r *resolver) resolveReferences() {
	d := r.d
	types := r.types
	// gender of each person group from its names
	for i, m := range r.ms {
		if m.removed || m.kind != kindName {
			continue
		}
		g := r.find(i)
		if types.of(g) != "PERSON" {
			continue
		}
		if m.gender != 0 && r.genders[g] == 0 {
			r.genders[g] = m.gender
		}
	}
	var seen []referent
	var added []mention
	addRef := func(tok, end int, g int, kind mentionKind) {
		mm := mention{
			span: doc.Span{Start: d.Tokens[tok].Start, End: d.Tokens[end-1].End},
			tok:  tok, end: end, ntok: tok, kind: kind,
		}
		mm.name = mm.span
		added = append(added, mm)
		r.parent = append(r.parent, g)
		for t := tok; t < end; t++ {
			if r.cover[t] < 0 {
				r.cover[t] = len(r.ms) + len(added) - 1
			}
		}
	}
	for t := 0; t < len(d.Tokens); t++ {
		if r.inQuote[t] {
			continue
		}
		sent := r.sentOf[t]
		if c := r.cover[t]; c >= 0 && c < len(r.ms) {
			m := r.ms[c]
			if m.tok == t && !m.removed {
				g := r.find(c)
				if types.of(g) == "PERSON" {
					seen = append(seen, referent{group: g, tok: t, sent: sent})
				}
			}
			continue
		}
		// "X, who …": the relative pronoun refers to the name before the comma
		if lw := r.low[t]; (lw == "who" || lw == "which") && t >= 2 && r.word(t-1) == "," {
			if c := r.cover[t-2]; c >= 0 && c < len(r.ms) && !r.ms[c].removed {
				g := r.find(c)
				if typ := types.of(g); typ == "PERSON" && lw == "who" || typ != "PERSON" && typ != "" && lw == "which" {
					addRef(t, t+1, g, kindPronoun)
				}
			} else if c >= len(r.ms) {
				addRef(t, t+1, r.parent[c], kindPronoun)
			}
			continue
		}
		// most words are neither pronouns nor person nouns
		person := r.lex.mayBePersonWord(r.low[t])
		var p pronoun
		ok := false
		if person {
			p, ok = r.lex.Pronouns[r.low[t]]
		}
		if ok {
			if g := r.pickAntecedent(seen, t, sent, p.gender, p.known); g >= 0 {
				addRef(t, t+1, g, kindPronoun)
				if r.genders[g] == 0 {
					r.genders[g] = p.gender
				}
				seen = append(seen, referent{group: g, tok: t, sent: sent})
			}
			continue
		}
		// a definite description: "the (former) (foreign) secretary"
		if e, head, ok := r.description(t); ok {
			g := r.resolveDescription(seen, t, e, head, sent)
			if g >= 0 {
				addRef(t, e, g, kindDescription)
				seen = append(seen, referent{group: g, tok: t, sent: sent})
			} else if r.lex.isRoleHeadKey(r.key(head)) || r.lex.Singular[r.key(head)] {
				seen = append(seen, referent{group: -1, tok: t, sent: sent})
			}
			t = e - 1
			continue
		}
		// an unnamed person as subject: "a spokesman said", "officials"
		if person && r.lex.Singular[r.low[t]] {
			// a title before a name ("spokesman Michael Ancram") or a name
			// in apposition ("one local woman, Karen Robison,")
			named := false
			for _, k := range []int{t + 1, t + 2} {
				if k < len(d.Tokens) && (k == t+1 || r.word(t+1) == ",") {
					if c := r.cover[k]; c >= 0 && c < len(r.ms) && r.ms[c].typ == "PERSON" {
						named = true
					}
				}
			}
			if named {
				continue
			}
			seen = append(seen, referent{group: -1, tok: t, sent: sent})
		}
	}
	r.ms = append(r.ms, added...)
}

// pickAntecedent chooses the person a pronoun refers to: the earliest
// compatible person of the nearest sentence (the subject, usually), looking
// back at most PronounWindow sentences; an unnamed person in that position
// blocks the search (the pronoun then stays unresolved). An ambiguous
// pronoun (known) only takes the nearest person, and only when that
// person's gender is known to match.
func (r *resolver) pickAntecedent(seen []referent, t, sent int, gender byte, known bool) int {
	if sent < 0 {
		return -1
	}
	// group referents by sentence, newest sentence first; sentences wholly
	// inside quotation marks do not count towards the window
	back := -1
	end := len(seen) // seen[:end] are the referents of sentences <= s
	for s := sent; s >= 0 && back < r.cfg.PronounWindow; s-- {
		if s == sent || !r.quotedSentence(s) {
			back++
		}
		skipTo := -1
		if s == sent {
			skipTo = r.introEnd(s, t)
		}
		for end > 0 && seen[end-1].sent > s {
			end--
		}
		start := end
		for start > 0 && seen[start-1].sent == s {
			start--
		}
		for _, ref := range seen[start:end] {
			if ref.tok >= t || ref.tok < skipTo {
				continue
			}
			if ref.group < 0 {
				if back <= 1 {
					return -1
				}
				continue
			}
			g := r.genders[ref.group]
			if known && g != gender {
				return -1 // the nearest person does not fit: a plural, probably
			}
			if g != 0 && gender != 0 && g != gender {
				continue
			}
			return ref.group
		}
	}
	return -1
}

// introOpeners open an introductory phrase ("With a vote for Trump ruled
// out, Cross said he …"); names inside it are not the subject.
var introOpeners = map[string]bool{"with": true, "after": true, "before": true, "as": true, "when": true,
	"while": true, "despite": true, "following": true, "since": true, "although": true, "though": true,
	"unlike": true, "like": true, "during": true, "in": true, "at": true, "on": true, "asked": true, "speaking": true}

// introEnd returns the token after the comma closing an introductory phrase
// of sentence s that ends before token t, or -1.
func (r *resolver) introEnd(s, t int) int {
	st := r.d.Sentences[s]
	if st.First >= t || !introOpeners[r.low[st.First]] {
		return -1
	}
	for k := st.First + 1; k < t && k < st.First+25; k++ {
		if r.word(k) == "," && !r.inQuote[k] {
			return k + 1
		}
	}
	return -1
}

// quotedSentence reports whether every word of sentence s is quoted.
func (r *resolver) quotedSentence(s int) bool {
	st := r.d.Sentences[s]
	for t := st.First; t < st.EndTok && t < len(r.inQuote); t++ {
		if !r.inQuote[t] && r.d.Tokens[t].Kind != doc.Punct {
			return false
		}
	}
	return true
}

func isLowerOrCap(w string) bool {
	for _, r := range w {
		return unicode.IsLetter(r)
	}
	return false
}

// descStop ends a description: function words and common verbs.
var descStop = map[string]bool{"of": true, "in": true, "on": true, "at": true, "and": true, "or": true, "but": true,
	"who": true, "which": true, "that": true, "to": true, "is": true, "was": true, "are": true, "were": true,
	"has": true, "had": true, "have": true, "said": true, "says": true, "will": true, "would": true, "for": true,
	"with": true, "from": true, "by": true, "as": true, "not": true, "be": true, "been": true}

var determiners = map[string]bool{"the": true, "this": true, "that": true}

// determinerWords passes the determiners (see scan.Filter): description
// tests every token.
var determinerWords = func() (f scan.Filter) {
	for w := range determiners {
		f.Add(w)
	}
	return f
}()

// description recognises a definite role description starting at token t:
// a determiner, up to five role words, ending in a role head or person noun
// that is not a possessor ("the prime minister's …") and not a title before
// a name ("the Foreign Secretary Jack Straw"). It returns the end token and
// the head token.
func (r *resolver) description(t int) (end, head int, ok bool) {
	if r.lex.Free() {
		return r.descriptionFree(t)
	}
	if !determinerWords.May(r.low[t]) || !determiners[r.low[t]] {
		return 0, 0, false
	}
	n := len(r.d.Tokens)
	sent := r.sentOf[t]
	head = -1
	k := t + 1
	for ; k < n && k < t+7 && r.sentOf[k] == sent; k++ {
		w := r.word(k)
		if r.cover[k] >= 0 {
			c := r.cover[k]
			if c < len(r.ms) && r.ms[c].typ == "PERSON" {
				return 0, 0, false
			}
			continue // "the Vermont senator", "the Republican nominee"
		}
		if kw := r.key(k); r.lex.isRoleHeadKey(kw) || r.lex.PersonNouns[kw] || r.lex.isDescriptorKey(kw) {
			head = k
			continue
		}
		if r.lex.isRoleWordKey(r.key(k)) || isCapWord(w) && k > t+1 {
			continue
		}
		// other modifiers ("the presumptive nominee"): plain lowercase words
		if lw := r.low[k]; isLowerOrCap(w) && !isCapWord(w) && !descStop[lw] && !strings.HasSuffix(lw, "ed") && k+1 < n {
			continue
		}
		break
	}
	if head < 0 {
		return 0, 0, false
	}
	end = head + 1
	// "the former secretary of state": a role with its complement
	if end+1 < n && r.low[end] == "of" && r.sentOf[end+1] == sent && r.lex.isRoleHeadKey(r.key(head)) {
		if w := r.low[end+1]; !determiners[w] && w != "a" && w != "an" && r.cover[end+1] < 0 && isLowerOrCap(r.word(end+1)) {
			end += 2
		}
	}
	if end < n {
		nw := r.word(end)
		if nw == "'s" || nw == "’s" || strings.EqualFold(nw, "of") {
			return 0, 0, false
		}
		if c := r.cover[end]; c >= 0 && c < len(r.ms) && r.ms[c].typ == "PERSON" {
			return 0, 0, false
		}
	}
	return end, head, true
}

// resolveDescription finds the person a description refers to: one whose
// roles contain the head noun (most recently mentioned first); failing
// that, for a role noun used as a subject, the person of the previous
// sentences who was last the subject.
func (r *resolver) resolveDescription(seen []referent, t, end, head, sent int) int {
	hw := r.key(head)
	if tt, ok := r.lex.Titles[hw]; ok {
		hw = tt.role
	}
	// the phrase after its article ("the former secretary"; in a language
	// without articles, the whole phrase: "бывший министр")
	from := t + 1
	if r.lex.Free() && !r.lex.Definite[r.low[t]] {
		from = t
	}
	var words []string
	for k := from; k < end; k++ {
		w := r.key(k)
		if w != "former" && w != "then" && w != "late" {
			words = append(words, w)
		}
	}
	best, bestScore := -1, 0
	for i := len(seen) - 1; i >= 0; i-- {
		g := seen[i].group
		if g < 0 {
			continue
		}
		score := 0
		for _, role := range r.roles[g] {
			rl := " " + strings.ToLower(role) + " "
			if !strings.Contains(rl, " "+hw+" ") && !strings.Contains(rl, hw) {
				continue
			}
			s := 1
			for _, w := range words {
				if strings.Contains(rl, " "+w+" ") {
					s++
				}
			}
			if s > score {
				score = s
			}
		}
		if score > bestScore {
			best, bestScore = g, score
		}
	}
	if best >= 0 {
		return best
	}
	// Fallback by salience: only for role nouns (not "the spokesman", "the
	// source"), used as the subject of the sentence, and only when no person
	// in the text holds a role with this head.
	descriptor := r.lex.isDescriptorKey(r.key(head)) && !r.lex.isRoleHeadKey(r.key(head))
	if !r.lex.isRoleHeadKey(r.key(head)) && !descriptor || r.lex.PersonNouns[hw] {
		return -1
	}
	for _, ref := range seen {
		if ref.group < 0 {
			continue
		}
		for _, role := range r.roles[ref.group] {
			if strings.Contains(strings.ToLower(role), hw) {
				return -1
			}
		}
	}
	// "the then prime minister" points back in any position
	if !r.subjectPosition(t, end) && (from >= end || r.low[from] != "then") && !r.afterCue(t) {
		return -1
	}
	for i := len(seen) - 1; i >= 0; i-- {
		ref := seen[i]
		if ref.sent < sent-2 {
			break
		}
		if ref.group < 0 {
			return -1
		}
		// the first person of that sentence
		first := ref
		for j := i - 1; j >= 0 && seen[j].sent == ref.sent; j-- {
			first = seen[j]
		}
		if first.group < 0 {
			return -1
		}
		g := first.group
		if !descriptor {
			text := canonical(r.d.Text[r.d.Tokens[from].Start:r.d.Tokens[end-1].End])
			r.addRoleText(g, text)
		}
		return g
	}
	return -1
}

// subjectPosition says whether the phrase [t,end) is followed by a verb
// group: skippable words then a word that is not a noun-phrase word. It is
// a cheap test for "the minister said" vs "met the minister".
func (r *resolver) subjectPosition(t, end int) bool {
	sent := r.sentOf[t]
	s := r.d.Sentences[sent]
	// first token of the sentence, after "But", "And", a leading quote
	k := s.First
	for k < t {
		w := r.low[k]
		if w == "but" || w == "and" || w == "so" || w == "yet" || w == "," || isQuoteMark(w) {
			k++
			continue
		}
		break
	}
	if k == t {
		return true
	}
	// after an introductory phrase: "Instead, the senator …", "On Monday, the minister …"
	if t >= 1 && r.word(t-1) == "," && t-1-s.First <= 6 {
		intro := true
		for j := s.First; j < t-1; j++ {
			if r.word(j) == "," || r.inQuote[j] {
				intro = false
				break
			}
		}
		if intro {
			return true
		}
	}
	// after a closing quote and comma: "“…,” the minister said"
	if t >= 2 && r.word(t-1) == "," && r.inQuote[t-2] || t >= 1 && isQuoteMark(r.word(t-1)) {
		return true
	}
	return false
}

// afterCue says whether the description at token t follows a reporting
// verb of the language ("сказал глава МИД", "a déclaré le ministre"): the
// inverted subject of that verb. Only the languages of roles_free.go set
// the cues.
func (r *resolver) afterCue(t int) bool {
	if r.isCue == nil {
		return false
	}
	for _, k := range []int{t - 1, t - 2} {
		if k >= 0 && r.sentOf[k] == r.sentOf[t] && r.isCue(r.low[k]) {
			return true
		}
	}
	return false
}
