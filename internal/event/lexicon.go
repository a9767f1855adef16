package event

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/lang"
	"github.com/newsgraph/newsgraph/internal/timex/scan"
)

// flags of a trigger pattern (see data/en/plover_triggers.tsv).
type flags uint16

const (
	fTarget  flags = 1 << iota // needs a recipient
	fSym                       // symmetric participants
	fNoun                      // noun trigger
	fFuture                    // plan by itself
	fVerbal                    // ACCUSE with people, ASSAULT with states or armed groups
	fObjSrc                    // the actor follows the trigger ("opposition from X")
	fPassive                   // coded only as a passive with an agent ("held by X")
)

var flagNames = map[string]flags{"target": fTarget, "sym": fSym, "noun": fNoun, "future": fFuture, "verbal": fVerbal, "obj-src": fObjSrc, "passive": fPassive}

// pattern is one trigger: alternatives per token position.
type pattern struct {
	toks  [][]string // each position: accepted lowercase forms
	typ   string
	mode  string
	flags flags
	// base[i] is true when position i accepted the verb's bare form, which
	// is ambiguous with a noun ("attack") and checked in context.
	base []bool
	verb bool // the first position is a verb
	pos  string
	// stems[i] holds the stems accepted at position i ("forder*" accepts
	// every word beginning with "forder"); gap[i] lets up to maxGap words
	// stand before position i ("lehnte ... ab"). Both are used by the
	// languages coded by the shallow rules (shallow.go).
	stems [][]string
	gap   []bool
}

// modality holds the words that negate or make events hypothetical.
type modality struct {
	neg, negv, modal, plan, cond, agent, control, undo, numeral, other, ask, made, qword map[string]bool
	// futSuffix are endings of synthetic future forms ("rencontrera",
	// "reunirá", "incontrerà"): a trigger with one is hypothetical
	futSuffix []string
}

// Lexicon is the trigger lexicon of one language.
type Lexicon struct {
	byFirst map[string][]*pattern
	mod     modality
	stance  stanceWords
	roles   map[string]bool // role head nouns (roles.txt): "mayor", "secretary"
	// byStem indexes the patterns whose first position is a stem by the
	// stem's first minStem letters (stemKey)
	byStem map[string][]*pattern
	// shallow is set for languages with event_actors.tsv, which are coded
	// by the shallow clause rules of shallow.go instead of the English ones
	shallow bool
	actors  actorWords
	// metonyms are names standing for a country's government
	// (event_metonyms.tsv); govFirst indexes the seats of government by
	// their first word.
	metonyms map[string]metonym
	govFirst map[string][][]string
	// implicit are the phrases naming two actors named before
	// (event_implicit.tsv), by first word, with the kind of their actors.
	implicit     map[string][][]string
	implicitKind map[string]string
	// firstWords, implicitWords and govWords pass the keys of byFirst,
	// implicit and govFirst, stanceWords those of stance.request and
	// stance.polarity (see scan.Filter): most tokens are none of them and
	// skip the look-ups.
	firstWords, implicitWords, govWords, stanceWords scan.Filter
}

// actorWords are the function words the shallow rules find actors with
// (data/<iso>/event_actors.tsv).
type actorWords struct {
	with, agent, coord, loc, boundary, that, passive, pronoun, first, rel map[string]bool
}

// stanceWords holds the evaluative vocabulary of the speech-stance rule
// (data/<iso>/event_stance.tsv).
type stanceWords struct {
	polarity map[string]int // +2 strong positive, +1 weak positive, -2 negative
	flip     map[string]bool
	request  map[string]bool
	past     map[string]bool
	nocue    map[string]bool
}

var (
	lexMu    sync.Mutex
	lexCache = map[string]*Lexicon{}
)

// LoadLexicon loads (once) the trigger lexicon of language iso.
func LoadLexicon(iso string) (*Lexicon, error) {
	lexMu.Lock()
	defer lexMu.Unlock()
	if l, ok := lexCache[iso]; ok {
		return l, nil
	}
	l, err := loadLexicon(iso)
	if err != nil {
		return nil, err
	}
	lexCache[iso] = l
	return l, nil
}

func loadLexicon(iso string) (*Lexicon, error) {
	irr, err := loadIrregular(iso)
	if err != nil {
		return nil, err
	}
	ents, err := lang.Table(iso, "plover_triggers.tsv")
	if err != nil {
		return nil, err
	}
	l := &Lexicon{byFirst: map[string][]*pattern{}}
	for _, e := range ents {
		if len(e.Fields) != 4 {
			return nil, e.Errorf("want 4 TAB-separated fields (pattern, type, mode, flags), got %d", len(e.Fields))
		}
		p := &pattern{typ: e.Fields[1], mode: e.Fields[2], pos: e.Pos}
		if !validType[p.typ] && p.typ != "NONE" {
			return nil, e.Errorf("unknown PLOVER type %q", p.typ)
		}
		if p.mode == "-" {
			p.mode = ""
		}
		if e.Fields[3] != "-" {
			for _, f := range strings.Split(e.Fields[3], ",") {
				fl, ok := flagNames[strings.TrimSpace(f)]
				if !ok {
					return nil, e.Errorf("unknown flag %q", f)
				}
				p.flags |= fl
			}
		}
		gapNext := false
		for i, w := range strings.Fields(e.Fields[0]) {
			if w == "..." || w == "…" {
				if len(p.toks) == 0 || gapNext {
					return nil, e.Errorf("a gap must stand between two words")
				}
				gapNext = true
				continue
			}
			i = len(p.toks)
			p.gap = append(p.gap, gapNext)
			gapNext = false
			switch {
			case strings.ContainsAny(w, "*|{"):
				forms, stems, err := expandForms(w)
				if err != nil {
					return nil, e.Errorf("%v", err)
				}
				p.toks = append(p.toks, forms)
				for len(p.stems) < len(p.toks)-1 {
					p.stems = append(p.stems, nil)
				}
				p.stems = append(p.stems, stems)
				p.base = append(p.base, false)
			case strings.HasSuffix(w, ":v"):
				lemma := strings.TrimSuffix(w, ":v")
				p.toks = append(p.toks, verbForms(lemma, irr))
				p.base = append(p.base, true)
				if i == 0 {
					p.verb = true
				}
			case strings.HasSuffix(w, ":n"):
				n := strings.TrimSuffix(w, ":n")
				p.toks = append(p.toks, []string{n, plural(n)})
				p.base = append(p.base, false)
			default:
				p.toks = append(p.toks, []string{w})
				p.base = append(p.base, false)
			}
		}
		if len(p.toks) == 0 {
			return nil, e.Errorf("empty pattern")
		}
		if gapNext {
			return nil, e.Errorf("a gap must stand between two words")
		}
		for len(p.stems) < len(p.toks) {
			p.stems = append(p.stems, nil)
		}
		for _, f := range p.toks[0] {
			l.byFirst[f] = append(l.byFirst[f], p)
		}
		seen := map[string]bool{}
		for _, st := range p.stems[0] {
			if l.byStem == nil {
				l.byStem = map[string][]*pattern{}
			}
			if k := stemKey(st); !seen[k] {
				seen[k] = true
				l.byStem[k] = append(l.byStem[k], p)
			}
		}
	}
	for k := range l.byStem {
		ps := l.byStem[k]
		sort.SliceStable(ps, func(i, j int) bool { return len(ps[i].toks) > len(ps[j].toks) })
	}
	for k := range l.byFirst {
		ps := l.byFirst[k]
		sort.SliceStable(ps, func(i, j int) bool { return len(ps[i].toks) > len(ps[j].toks) })
	}
	mods, err := lang.Table(iso, "event_modality.tsv")
	if err != nil {
		return nil, err
	}
	l.mod = modality{neg: map[string]bool{}, negv: map[string]bool{}, modal: map[string]bool{}, plan: map[string]bool{}, cond: map[string]bool{}, agent: map[string]bool{}, control: map[string]bool{}, undo: map[string]bool{}, numeral: map[string]bool{}, other: map[string]bool{}, ask: map[string]bool{}, made: map[string]bool{}, qword: map[string]bool{}}
	for _, e := range mods {
		if len(e.Fields) != 2 {
			return nil, e.Errorf("want kind and word")
		}
		var m map[string]bool
		switch e.Fields[0] {
		case "neg":
			m = l.mod.neg
		case "negv":
			m = l.mod.negv
		case "modal":
			m = l.mod.modal
		case "plan":
			m = l.mod.plan
		case "cond":
			m = l.mod.cond
		case "agent":
			m = l.mod.agent
		case "control":
			m = l.mod.control
		case "undo":
			m = l.mod.undo
		case "numeral":
			m = l.mod.numeral
		case "other":
			m = l.mod.other
		case "ask":
			m = l.mod.ask
		case "made":
			m = l.mod.made
		case "qword":
			m = l.mod.qword
		case "futsuffix":
			l.mod.futSuffix = append(l.mod.futSuffix, strings.TrimPrefix(e.Fields[1], "-"))
			continue
		default:
			return nil, e.Errorf("unknown kind %q", e.Fields[0])
		}
		m[e.Fields[1]] = true
	}
	if err := l.loadStance(iso); err != nil {
		return nil, err
	}
	if err := l.loadImplicit(iso); err != nil {
		return nil, err
	}
	if err := l.loadActors(iso); err != nil {
		return nil, err
	}
	l.roles = map[string]bool{}
	if lang.Has(iso, "roles.txt") {
		rs, err := lang.List(iso, "roles.txt")
		if err != nil {
			return nil, err
		}
		for _, r := range rs {
			l.roles[strings.ToLower(r)] = true
		}
	}
	for w := range l.byFirst {
		l.firstWords.Add(w)
	}
	for w := range l.implicit {
		l.implicitWords.Add(w)
	}
	for w := range l.govFirst {
		l.govWords.Add(w)
	}
	for w := range l.stance.request {
		l.stanceWords.Add(w)
	}
	for w := range l.stance.polarity {
		l.stanceWords.Add(w)
	}
	return l, nil
}

func (l *Lexicon) loadStance(iso string) error {
	l.stance = stanceWords{polarity: map[string]int{}, flip: map[string]bool{}, request: map[string]bool{}, past: map[string]bool{}, nocue: map[string]bool{}}
	if !lang.Has(iso, "event_stance.tsv") {
		return nil
	}
	ents, err := lang.Table(iso, "event_stance.tsv")
	if err != nil {
		return err
	}
	for _, e := range ents {
		if len(e.Fields) != 2 {
			return e.Errorf("want kind and word")
		}
		w := e.Fields[1]
		switch e.Fields[0] {
		case "neg":
			l.stance.polarity[w] = -2
		case "pos":
			l.stance.polarity[w] = 2
		case "weakpos":
			l.stance.polarity[w] = 1
		case "flip":
			l.stance.flip[w] = true
		case "request":
			l.stance.request[w] = true
		case "past":
			l.stance.past[w] = true
		case "nocue":
			l.stance.nocue[w] = true
		default:
			return e.Errorf("unknown kind %q", e.Fields[0])
		}
	}
	return nil
}

// loadActors reads event_actors.tsv (kind <TAB> word): the prepositions
// and conjunctions of the shallow actor rules. Its presence selects them.
//
//	with      a comitative preposition: the actor after it is a participant
//	          ("mit", "avec", "с"), never the subject
//	agent     the preposition of a passive's agent ("von", "par", "przez")
//	coord     a coordinating conjunction joining actors ("und", "et", "и")
//	loc       a place preposition: a place after it is where, not who
//	boundary  a word that ends a clause ("aber", "mais", "но")
//	that      a complementizer ("dass", "que", "что"): ends a clause, but
//	          the subject of the clause before speaks for the one after
//	passive   a passive auxiliary ("wurde", "été", "został"): with it, the
//	          actor after an agent preposition is the source
//	pronoun   a third-person subject pronoun ("er", "il", "он"): opening a
//	          clause after a complementizer, it is the speaker before it
//	first     a first-person subject pronoun ("wir", "nous", "мы"): inside a
//	          direct quote, it is the quote's speaker
//	rel       a subject relative pronoun ("который", "qui", "który"): ends a
//	          clause; the actor right before it is the subject of the next
func (l *Lexicon) loadActors(iso string) error {
	if !lang.Has(iso, "event_actors.tsv") {
		return nil
	}
	ents, err := lang.Table(iso, "event_actors.tsv")
	if err != nil {
		return err
	}
	l.shallow = true
	a := &l.actors
	kinds := map[string]*map[string]bool{
		"with": &a.with, "agent": &a.agent, "coord": &a.coord, "loc": &a.loc,
		"boundary": &a.boundary, "that": &a.that, "passive": &a.passive,
		"pronoun": &a.pronoun, "first": &a.first, "rel": &a.rel,
	}
	for _, m := range kinds {
		*m = map[string]bool{}
	}
	for _, e := range ents {
		if len(e.Fields) != 2 {
			return e.Errorf("want kind and word")
		}
		m, ok := kinds[e.Fields[0]]
		if !ok {
			return e.Errorf("unknown kind %q", e.Fields[0])
		}
		(*m)[strings.ToLower(e.Fields[1])] = true
	}
	return nil
}

// expandForms reads one position of a trigger pattern written for an
// inflecting language: alternatives separated by "|", each a word, a stem
// ending in "*" (any ending), or a stem with its endings in braces
// ("встрет{ился,илась,ятся}", an empty ending for the stem alone).
func expandForms(w string) (forms, stems []string, err error) {
	for _, alt := range strings.Split(w, "|") {
		switch {
		case alt == "":
			return nil, nil, fmt.Errorf("empty alternative in %q", w)
		case strings.HasSuffix(alt, "*"):
			st := strings.TrimSuffix(alt, "*")
			if utf8.RuneCountInString(st) < minStem || strings.ContainsAny(st, "*{}") {
				return nil, nil, fmt.Errorf("stem %q: want at least %d letters and no other marks", st, minStem)
			}
			stems = append(stems, st)
		case strings.Contains(alt, "{"):
			a, b, ok := strings.Cut(alt, "{")
			ends, rest, ok2 := strings.Cut(b, "}")
			if !ok || !ok2 || rest != "" || strings.ContainsAny(ends, "{*") {
				return nil, nil, fmt.Errorf("bad endings in %q", alt)
			}
			for _, end := range strings.Split(ends, ",") {
				forms = append(forms, a+end)
			}
		default:
			forms = append(forms, alt)
		}
	}
	return forms, stems, nil
}

// stemKey is the first minStem letters of a word or stem: the key of
// Lexicon.byStem.
func stemKey(w string) string {
	n := 0
	for k := range w {
		if n == minStem {
			return w[:k]
		}
		n++
	}
	return w
}

// minStem is the shortest stem a pattern may use, in letters: shorter
// stems would match unrelated words.
const minStem = 3

var validType = map[string]bool{}

func init() {
	for _, t := range Types {
		validType[t] = true
	}
}

// Types lists the 16 PLOVER event types.
var Types = []string{"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
	"ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}

// irregular forms: lemma -> [past, participle, 3sg, ing] ("" = regular).
func loadIrregular(iso string) (map[string][4]string, error) {
	out := map[string][4]string{}
	if !lang.Has(iso, "irregular_verbs.tsv") {
		return out, nil
	}
	ents, err := lang.Table(iso, "irregular_verbs.tsv")
	if err != nil {
		return nil, err
	}
	for _, e := range ents {
		if len(e.Fields) != 5 {
			return nil, fmt.Errorf("%s: want 5 fields (lemma, past, participle, 3sg, ing)", e.Pos)
		}
		var f [4]string
		for i := 0; i < 4; i++ {
			if e.Fields[i+1] != "-" {
				f[i] = e.Fields[i+1]
			}
		}
		out[e.Fields[0]] = f
	}
	return out, nil
}

func isVowel(b byte) bool { return strings.IndexByte("aeiou", b) >= 0 }

// verbForms returns the inflections of an English verb lemma.
func verbForms(lemma string, irr map[string][4]string) []string {
	past, third, ing := regularPast(lemma), regular3sg(lemma), regularIng(lemma)
	forms := []string{lemma}
	if f, ok := irr[lemma]; ok {
		if f[0] != "" {
			past = f[0]
		}
		if f[1] != "" && f[1] != past {
			forms = append(forms, f[1])
		}
		if f[2] != "" {
			third = f[2]
		}
		if f[3] != "" {
			ing = f[3]
		}
	}
	forms = append(forms, past, third, ing)
	sort.Strings(forms)
	out := forms[:0]
	for i, f := range forms {
		if i == 0 || f != forms[i-1] {
			out = append(out, f)
		}
	}
	return out
}

func regularPast(v string) string {
	switch {
	case strings.HasSuffix(v, "e"):
		return v + "d"
	case len(v) > 1 && strings.HasSuffix(v, "y") && !isVowel(v[len(v)-2]):
		return v[:len(v)-1] + "ied"
	}
	return v + "ed"
}

func regular3sg(v string) string {
	switch {
	case strings.HasSuffix(v, "s") || strings.HasSuffix(v, "sh") || strings.HasSuffix(v, "ch") || strings.HasSuffix(v, "x") || strings.HasSuffix(v, "z") || strings.HasSuffix(v, "o"):
		return v + "es"
	case len(v) > 1 && strings.HasSuffix(v, "y") && !isVowel(v[len(v)-2]):
		return v[:len(v)-1] + "ies"
	}
	return v + "s"
}

func regularIng(v string) string {
	if strings.HasSuffix(v, "ee") || strings.HasSuffix(v, "ye") {
		return v + "ing"
	}
	if strings.HasSuffix(v, "ie") {
		return v[:len(v)-2] + "ying"
	}
	if strings.HasSuffix(v, "e") && len(v) > 2 {
		return v[:len(v)-1] + "ing"
	}
	return v + "ing"
}

func plural(n string) string {
	switch {
	case strings.HasSuffix(n, "s") || strings.HasSuffix(n, "sh") || strings.HasSuffix(n, "ch") || strings.HasSuffix(n, "x"):
		return n + "es"
	case len(n) > 1 && strings.HasSuffix(n, "y") && !isVowel(n[len(n)-2]):
		return n[:len(n)-1] + "ies"
	}
	return n + "s"
}
