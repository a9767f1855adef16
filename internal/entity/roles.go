package entity

import (
	"strings"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// readRoles collects the roles the text gives each person: pre-name titles,
// appositions on either side of the name, and copulas after it.
func (r *resolver) readRoles() {
	types := r.types
	for i, m := range r.ms {
		if m.removed || m.kind != kindName || types.of(r.find(i)) != "PERSON" || r.inQuote[m.tok] {
			continue
		}
		g := r.find(i)
		if r.lex.Free() {
			r.readRolesFree(g, m)
			continue
		}
		if s, e, ok := r.preRole(m.tok); ok {
			r.addRole(g, s, e)
			// "the magazine's editor, Conservative MP Boris Johnson"
			if s2, e2, ok := r.preApposition(s); ok {
				r.addRole(g, s2, e2)
			}
		} else if s2, e2, ok := r.preApposition(m.tok); ok {
			r.addRole(g, s2, e2)
		}
		if m.end < len(r.d.Tokens) && r.word(m.end) == "," {
			if s, e, ok := r.postRole(m.end+1, true); ok {
				r.addRole(g, s, e)
			}
		}
		if s, e, ok := r.copulaRole(m.end); ok {
			r.addRole(g, s, e)
		}
	}
}

// addRole records tokens [s,e) as a role of group g (as written, once).
func (r *resolver) addRole(g, s, e int) {
	if e <= s {
		return
	}
	text := canonical(r.d.Text[r.d.Tokens[s].Start:r.d.Tokens[e-1].End])
	r.addRoleText(g, text)
}

func (r *resolver) addRoleText(g int, text string) {
	for _, x := range r.roles[g] {
		if strings.EqualFold(x, text) {
			return
		}
	}
	r.roles[g] = append(r.roles[g], text)
}

// roleToken says whether token t may be part of a role phrase before a
// name: a role word, a capitalised word naming an organisation, place or
// group ("NATO", "Tory", "Germany"), or the possessive after one.
func (r *resolver) roleToken(t int) bool {
	w := r.word(t)
	if r.lex.isRoleWordKey(r.key(t)) {
		return true
	}
	if c := r.cover[t]; c >= 0 && r.ms[c].typ != "PERSON" && r.ms[c].kind == kindName {
		return true
	}
	if (w == "'s" || w == "’s") && t > 0 {
		if c := r.cover[t-1]; c >= 0 && r.ms[c].typ != "PERSON" {
			return true
		}
	}
	// an untagged capitalised word: "Tory leader", "Liberal leader"
	if isCapWord(w) && r.cover[t] < 0 && !r.valueTok[t] && !r.lex.Starters[w] && !r.lex.Skip[r.low[t]] && r.d.Tokens[t].Kind == doc.Word {
		if _, hon := r.lex.Honorifics[r.key(t)]; !hon {
			return true
		}
	}
	return false
}

// preRole finds a role phrase ending right before token tok (skipping
// honorifics: "Shadow Europe minister Mr Brady"). It returns its tokens.
func (r *resolver) preRole(tok int) (int, int, bool) {
	e := tok
	for e > 0 {
		if _, ok := r.lex.Honorifics[r.key(e-1)]; ok {
			e--
			continue
		}
		break
	}
	end := e
	headAt := end - 1
	// "Secretary of State John Kerry", "Minister of Defence X"
	if end >= 3 && r.low[end-2] == "of" && isCapWord(r.word(end-1)) && r.lex.isRoleHeadKey(r.key(end-3)) && r.cover[end-1] < 0 {
		headAt = end - 3
	}
	// the phrase must end in a head noun or title
	if end == 0 || !r.lex.isRoleHeadKey(r.key(headAt)) || r.inQuote[end-1] || r.sentOf[end-1] != r.sentOf[tok] {
		return 0, 0, false
	}
	s := headAt
	for s > 0 && r.roleToken(s-1) && r.sentOf[s-1] == r.sentOf[tok] && !r.inQuote[s-1] {
		s--
	}
	// no dangling possessive at the start
	for s < end && (r.word(s) == "'s" || r.word(s) == "’s") {
		s++
	}
	return s, end, s < end
}

// preApposition finds "the role, Name": a role phrase ending in a head noun
// followed by a comma right before token tok.
func (r *resolver) preApposition(tok int) (int, int, bool) {
	if tok < 2 || r.word(tok-1) != "," {
		return 0, 0, false
	}
	end := tok - 1
	if !r.lex.isRoleHeadKey(r.key(end-1)) || r.sentOf[end-1] != r.sentOf[tok] || r.inQuote[end-1] {
		return 0, 0, false
	}
	s := end - 1
	for s > 0 && r.lex.isRoleWordKey(r.key(s-1)) || s > 0 && r.roleToken(s-1) {
		s--
	}
	for s < end && (r.word(s) == "'s" || r.word(s) == "’s") {
		s++
	}
	// what stands before: start of sentence, a determiner or a linking word
	if s > 0 && r.sentOf[s-1] == r.sentOf[tok] {
		switch r.low[s-1] {
		case "the", "a", "an", "his", "her", "its", "their", "as", "by", "with", ",", "and", "'s", "’s":
		default:
			return 0, 0, false
		}
	}
	return s, end, true
}

// postRole reads a role phrase starting at token t ("the head of the
// presidential office", "a senior adviser to Cruz"): an optional
// determiner, at most four words before a head noun, then an optional
// prepositional phrase up to the next comma or sentence end.
func (r *resolver) postRole(t int, apposition bool) (int, int, bool) {
	n := len(r.d.Tokens)
	if t >= n {
		return 0, 0, false
	}
	if r.lex.Free() {
		return r.postRoleFree(t)
	}
	sent := r.sentOf[t]
	switch r.low[t] {
	case "the", "a", "an":
		t++
	}
	s := t
	head := -1
	for k := t; k < n && k < t+5 && r.sentOf[k] == sent; k++ {
		w := r.word(k)
		if r.lex.isRoleHeadKey(r.key(k)) {
			head = k
			// keep going over further heads ("foreign policy chief")
			for k+1 < n && r.sentOf[k+1] == sent && r.lex.isRoleHeadKey(r.key(k+1)) {
				k++
				head = k
			}
			break
		}
		if !(r.lex.isRoleWordKey(r.key(k)) || isCapWord(w) || r.roleToken(k)) {
			return 0, 0, false
		}
	}
	if head < 0 || r.inQuote[head] {
		return 0, 0, false
	}
	if head+1 < n && (r.word(head+1) == "'s" || r.word(head+1) == "’s") {
		return 0, 0, false
	}
	e := head + 1
	if e < n && r.sentOf[e] == sent {
		switch r.low[e] {
		case "of", "at", "for", "to", "in", "on", "with":
			k := e + 1
			for k < n && k < e+9 && r.sentOf[k] == sent {
				w := r.word(k)
				if w == "," || w == "." || w == ";" || w == ":" || w == ")" || r.inQuote[k] || isQuoteMark(w) ||
					strings.EqualFold(w, "who") || strings.EqualFold(w, "which") || strings.EqualFold(w, "and") && !isCapWord(r.word(k+1)) {
					break
				}
				k++
			}
			if k > e+1 {
				e = k
			}
		}
	}
	return s, e, true
}

// copulaRole reads "X was later named a senior adviser at …" after a name
// ending at token t; a parenthetical between commas may come first.
func (r *resolver) copulaRole(t int) (int, int, bool) {
	n := len(r.d.Tokens)
	if t >= n {
		return 0, 0, false
	}
	sent := r.sentOf[t-1]
	k := t
	if r.word(k) == "," {
		// skip a parenthetical up to the next comma
		j := k + 1
		for j < n && j < k+16 && r.sentOf[j] == sent && r.word(j) != "," {
			j++
		}
		if j >= n || r.word(j) != "," {
			return 0, 0, false
		}
		k = j + 1
	}
	matched := false
	for k < n && r.sentOf[k] == sent {
		w := r.low[k]
		if r.lex.Skip[w] && !matched {
			k++
			continue
		}
		if l := r.matchRoleVerb(k); l > 0 {
			matched = true
			k += l
			continue
		}
		if matched && r.lex.Skip[w] {
			k++
			continue
		}
		break
	}
	if !matched {
		return 0, 0, false
	}
	return r.postRole(k, false)
}

func (r *resolver) matchRoleVerb(k int) int {
	best := 0
	for _, v := range r.lex.RoleVerbs {
		if k+len(v) > len(r.d.Tokens) || len(v) <= best {
			continue
		}
		ok := true
		for i, w := range v {
			if r.low[k+i] != w {
				ok = false
				break
			}
		}
		if ok {
			best = len(v)
		}
	}
	return best
}

func isQuoteMark(w string) bool {
	switch w {
	case "\"", "“", "”", "‘", "’", "'", "«", "»", "„", "‹", "›", "``", "''":
		return true
	}
	return false
}
