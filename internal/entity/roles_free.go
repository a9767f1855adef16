package entity

import "github.com/newsgraph/newsgraph/internal/doc"

// Role phrases of languages whose roles take complements after the head
// (the languages with role_links.txt: de, fr, es, it, ru, uk, pl):
// "ministre des Affaires étrangères Jean-Noël Barrot", "министр
// иностранных дел России Сергей Лавров", "presidente del Gobierno, Pedro
// Sánchez", "Friedrich Merz, der Bundeskanzler". A phrase holds a head
// noun (roles.txt, titles.txt, or a compound ending in one, in any case
// form); before the head only role words (role_modifiers.txt, nationality
// adjectives); after it role words, link words (role_links.txt) and names
// of organisations and places. English keeps the rules of roles.go.

// maxRoleSpan bounds the tokens of a role phrase.
const maxRoleSpan = 10

// readRolesFree reads the roles of name mention m of group g.
func (r *resolver) readRolesFree(g int, m mention) {
	if s, e, ok := r.phraseBefore(m.tok, false); ok {
		r.addRole(g, s, e)
		// a gendered title gives the person's gender ("Außenministerin")
		for k := s; k < e; k++ {
			if t, ok := r.lex.Titles[r.key(k)]; ok && t.gender != 0 && r.genders[g] == 0 {
				r.genders[g] = t.gender
			}
		}
	} else if m.tok > 0 && r.word(m.tok-1) == "," {
		if s, e, ok := r.phraseBefore(m.tok-1, true); ok {
			r.addRole(g, s, e)
		}
	}
	if m.end < len(r.d.Tokens) && r.word(m.end) == "," {
		if s, e, ok := r.postRoleFree(m.end + 1); ok {
			r.addRole(g, s, e)
		}
	}
	if s, e, ok := r.copulaRole(m.end); ok {
		r.addRole(g, s, e)
	}
}

// complementTok says whether token t may follow a role's head inside the
// phrase: a role word, a link word, an organisation or place name, or an
// untagged capitalised word.
func (r *resolver) complementTok(t int) bool {
	if r.inQuote[t] {
		return false
	}
	k := r.key(t)
	if r.lex.isRoleWordKey(k) || r.lex.RoleLinks[r.low[t]] {
		return true
	}
	if c := r.cover[t]; c >= 0 {
		return r.ms[c].kind == kindName && r.ms[c].typ != "PERSON"
	}
	w := r.word(t)
	if _, hon := r.lex.Honorifics[k]; hon {
		return false
	}
	return isCapWord(w) && !r.valueTok[t] && r.d.Tokens[t].Kind == doc.Word && !r.lex.Starters[w]
}

// phraseBefore finds a role phrase ending right before token tok (a name,
// after any honorifics, or the comma of "the role, Name"). For an
// apposition the phrase must open the sentence or follow a determiner or a
// comma.
func (r *resolver) phraseBefore(tok int, apposition bool) (int, int, bool) {
	end := tok
	for !apposition && end > 0 {
		if _, ok := r.lex.Honorifics[r.key(end-1)]; ok {
			end--
			continue
		}
		break
	}
	if end == 0 || r.sentOf[end-1] != r.sentOf[tok] {
		return 0, 0, false
	}
	sent := r.sentOf[tok]
	head := -1
	for k := end - 1; k >= 0 && end-k <= maxRoleSpan && r.sentOf[k] == sent && !r.inQuote[k]; k-- {
		if r.lex.isRoleHeadKey(r.key(k)) {
			head = k
			break
		}
		if !r.complementTok(k) {
			break
		}
	}
	if head < 0 || r.lex.RoleLinks[r.low[end-1]] {
		return 0, 0, false
	}
	s := head
	for s > 0 && head-s < 4 && r.sentOf[s-1] == sent && !r.inQuote[s-1] && r.lex.isRoleWordKey(r.key(s-1)) {
		s--
	}
	opens := func(t int) bool {
		return t == 0 || r.sentOf[t-1] != sent || r.lex.Determiners[r.low[t-1]] || r.word(t-1) == ","
	}
	// a place or organisation right before: "Russlands Präsident"
	if s > 0 && r.sentOf[s-1] == sent {
		if c := r.cover[s-1]; c >= 0 && r.ms[c].kind == kindName && r.ms[c].typ != "PERSON" && r.ms[c].end == s && r.sentOf[r.ms[c].tok] == sent && opens(r.ms[c].tok) {
			s = r.ms[c].tok
		}
	}
	if apposition && !opens(s) {
		return 0, 0, false
	}
	return s, end, true
}

// postRoleFree reads a role phrase starting at token t, after a name and a
// comma or a copula: an optional determiner, role words, the head, then
// complements up to punctuation or any other word.
func (r *resolver) postRoleFree(t int) (int, int, bool) {
	n := len(r.d.Tokens)
	if t >= n {
		return 0, 0, false
	}
	sent := r.sentOf[t]
	if r.lex.Determiners[r.low[t]] {
		t++
	}
	s := t
	head := -1
	for k := t; k < n && k < t+5 && r.sentOf[k] == sent && !r.inQuote[k]; k++ {
		if r.lex.isRoleHeadKey(r.key(k)) {
			head = k
			break
		}
		if !r.lex.isRoleWordKey(r.key(k)) && !r.complementTok(k) || r.lex.RoleLinks[r.low[k]] {
			return 0, 0, false
		}
	}
	if head < 0 {
		return 0, 0, false
	}
	e := head + 1
	for e < n && e-s < maxRoleSpan && r.sentOf[e] == sent && r.complementTok(e) {
		e++
	}
	for e > head+1 && r.lex.RoleLinks[r.low[e-1]] {
		e--
	}
	return s, e, true
}

// descriptionFree recognises a role description starting at token t in a
// language of roles_free.go: a definite article and a role phrase ("der
// frühere Kanzler", "le ministre des Affaires étrangères"), or, in a
// language without articles (no "def" determiners), a role phrase whose
// head is in the nominative ("министр иностранных дел заявил", "były
// prezydent powiedział"). A role phrase followed by a person's name is a
// title, not a description. It returns the end token and the head token.
func (r *resolver) descriptionFree(t int) (end, head int, ok bool) {
	n := len(r.d.Tokens)
	sent := r.sentOf[t]
	k := t
	if r.lex.Definite[r.low[t]] {
		k++
	} else if len(r.lex.Definite) > 0 || t > 0 && r.sentOf[t-1] == sent && r.lex.isRoleWordKey(r.key(t-1)) {
		return 0, 0, false
	}
	head = -1
	for ; k < n && k < t+6 && r.sentOf[k] == sent && !r.inQuote[k] && r.cover[k] < 0; k++ {
		kw := r.key(k)
		if r.lex.isRoleHeadKey(kw) {
			head = k
			break
		}
		if !r.lex.isRoleWordKey(kw) {
			return 0, 0, false
		}
	}
	if head < 0 {
		return 0, 0, false
	}
	if len(r.lex.Definite) == 0 && r.lex.BaseRoles != nil && !r.lex.BaseRoles[r.key(head)] {
		return 0, 0, false
	}
	end = head + 1
	for end < n && end-t < maxRoleSpan && r.sentOf[end] == sent && r.complementTok(end) && !(isCapWord(r.word(end)) && r.cover[end] < 0) {
		end++
	}
	for end > head+1 && r.lex.RoleLinks[r.low[end-1]] {
		end--
	}
	// a title before a name or a role in apposition to one ("le ministre
	// des Affaires étrangères Jean-Noël Barrot", "der Sprecher des Kremls,
	// Dmitri Peskow"): the phrase with all its complements is followed by
	// a person's name, directly or after a comma
	far := head + 1
	for far < n && far-t < maxRoleSpan && r.sentOf[far] == sent && r.complementTok(far) && !r.isPersonTok(far) {
		far++
	}
	for _, k := range []int{end, far, far + 1} {
		if k == far+1 && (far >= n || r.word(far) != ",") {
			continue
		}
		if k < n && r.isPersonTok(k) {
			return 0, 0, false
		}
	}
	return end, head, true
}

// isPersonTok says whether token k is covered by a person's name.
func (r *resolver) isPersonTok(k int) bool {
	c := r.cover[k]
	return c >= 0 && c < len(r.ms) && r.ms[c].typ == "PERSON" && r.ms[c].kind == kindName
}
