package entity

import (
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/lang"
	"github.com/newsgraph/newsgraph/internal/xentity"
)

// lemmatize reads the name words of inflecting languages (ru, uk, pl, de…)
// as their nominative forms, so that "Зеленского", "Зеленським" and
// "Зеленський" join one entity named in the nominative. The case endings
// are language data (name_suffixes.tsv); a nominative is taken only when
// something supports it:
//   - the nominative form occurs as a capitalised word of the document
//     ("Путина" → "Путин" when "Путин" is written somewhere), is a known
//     place name (the gazetteer: "России" → "Россия"), or a known first name
//     or surname (first_names.tsv, surnames.tsv: "Девіда" → "Девід",
//     "Трампа" → "Трамп"), or, in a language without its own surname list,
//     a surname known in another language and script, compared by its
//     cross-language skeleton ("Selenskyjs" → "Selenskyj", as "Зеленський"
//     is known);
//   - two different inflected forms of the document share it ("Зеленского"
//     and "Зеленским" → "Зеленский");
//   - every word of a multi-word person name ends in the same case ending
//     of two letters or more ("Фрідріхом Мерцом" → "Фрідріх Мерц");
//   - it is another word of a multi-word person name whose other word was
//     read with support ("Владимира Путина" → "Владимир Путин"); such a
//     word takes the first ending that fits (first names no adjectival one).
//
// Mention words become the nominative forms; the span and text stay as
// written.
func (r *resolver) lemmatize() {
	if len(r.lex.Suffixes) == 0 {
		return
	}
	observed := map[string]bool{}
	for i := range r.d.Tokens {
		if w := r.word(i); isCapWord(w) {
			observed[w] = true
		}
	}
	iso := r.d.Lang
	supported := func(c string) bool {
		_, first := r.lex.FirstNames[c]
		return observed[c] || first || r.lex.Surnames[c] || xentity.IsPlaceWord(iso, c) ||
			len(r.lex.Surnames) == 0 && knownSurname(iso, c)
	}
	// candidates of every name word without a supported nominative
	cands := map[string][]string{}
	lemma := map[string]string{}
	for _, m := range r.ms {
		if m.kind != kindName {
			continue
		}
		for _, w := range m.words {
			if _, ok := lemma[w]; ok || !isCapWord(w) || isAllCaps(w) {
				continue
			}
			if _, ok := cands[w]; ok {
				continue
			}
			cs := r.lex.Nominatives(w)
			found := ""
			for _, c := range cs {
				if supported(c) {
					found = c
					break
				}
			}
			if found != "" {
				lemma[w] = found
				continue
			}
			cands[w] = cs
		}
	}
	// two inflected forms sharing a nominative
	owners := map[string][]string{}
	for w, cs := range cands {
		for _, c := range cs {
			owners[c] = append(owners[c], w)
		}
	}
	for w, cs := range cands {
		for _, c := range cs {
			if len(owners[c]) > 1 {
				lemma[w] = c
				break
			}
		}
	}
	for i := range r.ms {
		m := &r.ms[i]
		if m.kind != kindName {
			continue
		}
		changed := false
		words := make([]string, len(m.words))
		for k, w := range m.words {
			words[k] = w
			if l, ok := lemma[w]; ok {
				words[k] = l
				changed = true
			}
		}
		if m.typ != "PERSON" && len(words) > 1 && len(words) <= 3 {
			// a place name of several words that the gazetteer knows in
			// the nominative ("Северной Ирландии" → "Северная Ирландия",
			// "Волгоградской области" → "Волгоградская область")
			if pw := r.placePhrase(m.words); pw != nil {
				m.setLemma(pw, r.lex)
				continue
			}
		}
		if !changed && m.typ == "PERSON" && len(words) > 1 {
			// every word of the name in one case ending of two letters or
			// more ("Фрідріхом Мерцом", "Анной Захаровой"): that agreement
			// supports the nominative
			if sw := r.lex.sameEnding(m.words); sw != nil {
				words, changed = sw, true
			}
		}
		if !changed {
			continue
		}
		if m.typ == "PERSON" && len(words) > 1 {
			// the other words of a person's name take their first clear
			// nominative (first names no adjectival one)
			for k, w := range m.words {
				if words[k] != w || !isCapWord(w) {
					continue
				}
				if c := r.lex.clearNominative(w, k == len(words)-1); utf8.RuneCountInString(c) >= 3 {
					words[k] = c
				}
			}
		} else if len(words) > 1 {
			// other names: the words after the head noun (and the
			// adjectives agreeing with it) are its complements and keep
			// their case ("МИД Великобритании")
			head := -1
			for k, w := range m.words {
				if isAllCaps(w) || !r.lex.adjectival(w) {
					head = k
					break
				}
			}
			// adjectives right after the head agree with it ("Komisji
			// Europejskiej" → "Komisja Europejska")
			from := head + 1
			for from < len(words) && r.lex.adjectival(m.words[from]) {
				from++
			}
			for k := from; head >= 0 && k < len(words); k++ {
				words[k] = m.words[k]
			}
			changed = false
			for k := range words {
				changed = changed || words[k] != m.words[k]
			}
			if !changed {
				continue
			}
		}
		m.setLemma(words, r.lex)
	}
	// the nominatives read so far support the other forms of the same
	// words ("Фрідріхом Мерцом" read as "Фрідріх Мерц" supports "Мерцом")
	read := map[string]bool{}
	for _, m := range r.ms {
		if m.lemma {
			for _, w := range m.words {
				read[w] = true
			}
		}
	}
	if len(read) == 0 {
		return
	}
	for i := range r.ms {
		m := &r.ms[i]
		if m.kind != kindName || m.lemma {
			continue
		}
		words := slices.Clone(m.words)
		changed := false
		for k, w := range m.words {
			if !isCapWord(w) || isAllCaps(w) || read[w] {
				continue
			}
			for _, c := range r.lex.Nominatives(w) {
				if read[c] {
					words[k], changed = c, true
					break
				}
			}
		}
		if changed && (m.typ == "PERSON" || len(words) == 1) {
			m.setLemma(words, r.lex)
		}
	}
}

// setLemma gives a mention its nominative words.
func (m *mention) setLemma(words []string, lex *Lexicon) {
	m.words = words
	lw := make([]string, len(words))
	for k, w := range words {
		lw[k] = strings.ToLower(strings.ReplaceAll(w, "’", "'"))
	}
	m.lkey = strings.Join(lw, " ")
	m.lemma = true
	if m.typ == "PERSON" && m.gender == 0 && len(words) > 1 {
		m.gender = lex.FirstNames[words[0]]
	}
}

var (
	surnameSkelOnce sync.Once
	surnameSkels    map[string]bool
)

// knownSurname reports whether word c, in language iso, has the
// cross-language skeleton (xentity.Skeleton) of a surname listed in any
// language's surnames.tsv.
func knownSurname(iso, c string) bool {
	surnameSkelOnce.Do(func() {
		surnameSkels = map[string]bool{}
		for _, l := range lang.Languages() {
			if !lang.Has(l, fileSurnames) {
				continue
			}
			ents, err := lang.Table(l, fileSurnames)
			if err != nil {
				continue
			}
			for _, e := range ents {
				if k := xentity.Skeleton(l, e.Fields[0]); utf8.RuneCountInString(k) >= 4 {
					surnameSkels[k] = true
				}
			}
		}
	})
	k := xentity.Skeleton(iso, c)
	return utf8.RuneCountInString(k) >= 4 && surnameSkels[k]
}

// placePhrase returns the nominative words of a multi-word name whose
// nominative the gazetteer knows as a place, trying each word as written
// and its first case readings; nil when none is known.
func (r *resolver) placePhrase(words []string) []string {
	opts := make([][]string, len(words))
	for k, w := range words {
		opts[k] = []string{w}
		if isCapWord(w) || k > 0 {
			cs := r.lex.Nominatives(w)
			if len(cs) > 3 {
				cs = cs[:3] // at most 4^3 phrases
			}
			opts[k] = append(opts[k], cs...)
		}
	}
	cur := make([]string, len(words))
	var found []string
	var try func(k int) bool
	try = func(k int) bool {
		if k == len(words) {
			if xentity.IsPlaceWord(r.d.Lang, strings.Join(cur, " ")) {
				found = slices.Clone(cur)
				return true
			}
			return false
		}
		for _, o := range opts[k] {
			cur[k] = o
			if try(k + 1) {
				return true
			}
		}
		return false
	}
	if try(0) && !slices.Equal(found, words) {
		return found
	}
	return nil
}
