package timex

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/internal/lang"
	"github.com/newsgraph/newsgraph/internal/timex/scan"
)

// phrase is one entry of timewords.txt: a token sequence, its kind and arguments.
type phrase struct {
	toks []string
	kind string
	bit  kindSet // kind as a set of one
	args []string
}

// kindSet is a set of phrase kinds (those of phraseKinds), one bit each:
// patterns ask for phrases of some kinds at every token, and a bit test
// is quicker than comparing names.
type kindSet uint32

// kindBit gives each kind of phraseKinds its bit, in name order.
var kindBit = func() map[string]kindSet {
	names := make([]string, 0, len(phraseKinds))
	for k := range phraseKinds {
		names = append(names, k)
	}
	sort.Strings(names)
	m := make(map[string]kindSet, len(names))
	for i, k := range names {
		m[k] = 1 << i
	}
	return m
}()

// kinds returns the set of the named kinds (names of phraseKinds;
// TestKindSets checks the sets below).
func kinds(names ...string) kindSet {
	var s kindSet
	for _, n := range names {
		s |= kindBit[n]
	}
	return s
}

// The kind sets the patterns look for.
var (
	kAfter     = kinds("after")
	kAmpm      = kinds("ampm")
	kAnchor    = kinds("anchor")
	kAt        = kinds("at")
	kBefore    = kinds("before")
	kClock     = kinds("clock")
	kDayRef    = kinds("day", "anchorday", "anchored", "ref", "fiscal", "decade")
	kFiscal    = kinds("fiscal")
	kLatest    = kinds("latest")
	kMod       = kinds("mod")
	kOf        = kinds("of")
	kOn        = kinds("on")
	kPart      = kinds("part")
	kPostshift = kinds("postshift")
	kQabbr     = kinds("qabbr")
	kSeason    = kinds("season")
	kShift     = kinds("shift")
	kShiftAny  = kinds("shift", "shiftunit")
	kSome      = kinds("some")
	kUnit      = kinds("unit")
	kVague     = kinds("vague")
	kYearadj   = kinds("yearadj")
	kZone      = kinds("zone")
)

// tenseSuffix marks word endings of one tense ("-ed": past).
type tenseSuffix struct {
	suffix string
	tense  int
}

// lexicon is the language knowledge of the date tagger for one language,
// read from internal/lang/data/<iso>/: months.txt, weekdays.txt,
// numbers.txt, timewords.txt and tense.txt. Only months.txt is required; a
// language with month names alone gets absolute dates.
type lexicon struct {
	iso      string
	months   map[string]int
	weekdays map[string]int
	nums     *scan.Numbers
	phrases  map[string][]phrase // by first token, longest first
	tense    map[string]int
	suffixes []tenseSuffix
	holidays scan.Phrases[holiday]
	// starts flags the words a pattern may start with (see best)
	starts map[string]uint8
	// startWords passes the keys of starts (most words are none)
	startWords scan.Filter
	// classes holds the word classes of timewords.txt ("prep", "count" …)
	classes map[string]map[string]bool
	// capMonths: month names are capitalized in running text (English,
	// German), so a lower-case "august" is no month.
	capMonths bool
	// wordMonths are month names that are also common words ("may",
	// "march"): alone, they need a date preposition before them.
	wordMonths map[string]bool
	// abbrMonths are abbreviated month names: forms that begin another
	// form of the same month ("sept" of "september")
	abbrMonths map[string]bool
	// dayFirst: ambiguous slash dates are read day first ("04/05/2024"
	// is 4 May), as the language's own press writes them
	dayFirst bool
	// pluralS: a unit word ending in "s" is a plural ("years"), which a
	// shift word does not take ("last years" is no date)
	pluralS bool
	// elisions are elided articles and prepositions written joined to the
	// next word with an apostrophe ("l'" of "l'année"); the run splits them
	// off so that the word after them is matched alone
	elisions []string
}

// Data files of the date tagger besides the word lists.
const (
	fileDateFormat = "date_format.txt" // KEY <TAB> VALUE settings
	fileElisions   = "elisions.txt"    // shared with package segment
)

// Tense values.
const (
	tenseNone    = 0
	tensePast    = -1
	tenseFuture  = 1
	tensePresent = 2
	// tenseAux marks auxiliaries ("be", "been"): a past form after one is
	// a participle ("will be held"), not a past tense
	tenseAux = 3
)

func loadLexicon(iso string) (*lexicon, error) {
	lx := &lexicon{iso: iso, months: map[string]int{}, weekdays: map[string]int{}, phrases: map[string][]phrase{}, tense: map[string]int{}, classes: map[string]map[string]bool{}}
	if err := lx.loadFormat(iso); err != nil {
		return nil, err
	}
	lx.wordMonths = map[string]bool{}
	if err := readIntTable(iso, "months.txt", 1, 12, lx.months, lx.wordMonths); err != nil {
		return nil, err
	}
	lx.abbrMonths = map[string]bool{}
	for a, m := range lx.months {
		for b, n := range lx.months {
			if m == n && len(a) < len(b) && strings.HasPrefix(b, a) {
				lx.abbrMonths[a] = true
			}
		}
	}
	if lang.Has(iso, "weekdays.txt") {
		if err := readIntTable(iso, "weekdays.txt", 1, 7, lx.weekdays, nil); err != nil {
			return nil, err
		}
	}
	var err error
	if lx.nums, err = scan.LoadNumbers(iso); err != nil {
		return nil, err
	}
	if lang.Has(iso, "timewords.txt") {
		ents, err := lang.Table(iso, "timewords.txt")
		if err != nil {
			return nil, err
		}
		for _, e := range ents {
			if len(e.Fields) < 2 {
				return nil, e.Errorf("want phrase and kind")
			}
			p := phrase{toks: phraseTokens(e.Fields[0]), kind: e.Fields[1], args: e.Fields[2:]}
			if len(p.toks) == 0 {
				return nil, e.Errorf("empty phrase")
			}
			if err := checkPhrase(p); err != nil {
				return nil, e.Errorf("%v", err)
			}
			p.bit = kindBit[p.kind]
			if p.kind == "word" {
				if !wordClasses[p.args[0]] {
					return nil, e.Errorf("unknown word class %q", p.args[0])
				}
				if lx.classes[p.args[0]] == nil {
					lx.classes[p.args[0]] = map[string]bool{}
				}
				lx.classes[p.args[0]][strings.Join(p.toks, "")] = true
				continue
			}
			lx.phrases[p.toks[0]] = append(lx.phrases[p.toks[0]], p)
		}
		for k, ps := range lx.phrases {
			sort.SliceStable(ps, func(a, b int) bool { return len(ps[a].toks) > len(ps[b].toks) })
			lx.phrases[k] = ps
		}
	}
	if err := loadHolidays(iso, &lx.holidays); err != nil {
		return nil, err
	}
	lx.buildStarts()
	if lang.Has(iso, "tense.txt") {
		ents, err := lang.Table(iso, "tense.txt")
		if err != nil {
			return nil, err
		}
		for _, e := range ents {
			switch {
			case len(e.Fields) == 3 && e.Fields[0] == "suffix":
				t, ok := tenseNames[e.Fields[2]]
				if !ok {
					return nil, e.Errorf("unknown tense %q", e.Fields[2])
				}
				lx.suffixes = append(lx.suffixes, tenseSuffix{strings.TrimPrefix(e.Fields[1], "-"), t})
			case len(e.Fields) == 2:
				t, ok := tenseNames[e.Fields[1]]
				if !ok {
					return nil, e.Errorf("unknown tense %q", e.Fields[1])
				}
				lx.tense[strings.ToLower(e.Fields[0])] = t
			default:
				return nil, e.Errorf("want word and tense")
			}
		}
	}
	return lx, nil
}

// loadFormat reads date_format.txt: how the language writes dates.
//
//	month-case   capitalized | lower   month and weekday names are capitalized
//	             in running text (English, German), so "august" is no month
//	slash-order  day-first | month-first   ambiguous slash dates
//	plural-s     yes | no   a unit ending in "s" is a plural ("years")
func (lx *lexicon) loadFormat(iso string) error {
	if lang.Has(iso, fileElisions) {
		l, err := lang.List(iso, fileElisions)
		if err != nil {
			return err
		}
		for _, e := range l {
			e = strings.ToLower(strings.ReplaceAll(e, "’", "'"))
			if len(e) > 1 && strings.HasSuffix(e, "'") {
				lx.elisions = append(lx.elisions, e[:len(e)-1])
			}
		}
	}
	if !lang.Has(iso, fileDateFormat) {
		return nil
	}
	ents, err := lang.Table(iso, fileDateFormat)
	if err != nil {
		return err
	}
	for _, e := range ents {
		if len(e.Fields) != 2 {
			return e.Errorf("want KEY<TAB>VALUE")
		}
		k, v := e.Fields[0], e.Fields[1]
		switch {
		case k == "month-case" && (v == "capitalized" || v == "lower"):
			lx.capMonths = v == "capitalized"
		case k == "slash-order" && (v == "day-first" || v == "month-first"):
			lx.dayFirst = v == "day-first"
		case k == "plural-s" && (v == "yes" || v == "no"):
			lx.pluralS = v == "yes"
		default:
			return e.Errorf("unknown setting %q %q", k, v)
		}
	}
	return nil
}

// wordClasses are the classes of "word" rows in timewords.txt.
var wordClasses = map[string]bool{"prep": true, "season": true, "oldyear": true, "clock": true, "decade": true,
	"det": true, "count": true, "verbish": true, "oclock": true, "range": true}

// is reports whether the lower-cased word w is in a word class.
func (lx *lexicon) is(w, class string) bool { return lx.classes[class][w] }

// Flags of lexicon.starts.
const (
	startMonth uint8 = 1 << iota
	startWeekday
	startPhrase
	startNumber
	startCount
	startThe
	startHoliday
)

// startsOf returns the start flags of word w.
func (lx *lexicon) startsOf(w string) uint8 {
	if !lx.startWords.May(w) {
		return 0
	}
	return lx.starts[w]
}

// buildStarts indexes the first words of every pattern.
func (lx *lexicon) buildStarts() {
	lx.starts = map[string]uint8{}
	for w := range lx.months {
		lx.starts[w] |= startMonth
	}
	for w := range lx.weekdays {
		lx.starts[w] |= startWeekday
	}
	for w, ps := range lx.phrases {
		for _, p := range ps {
			switch p.kind {
			case "unit", "some":
				lx.starts[w] |= startCount
			case "on", "at", "of", "ampm", "zone", "anchor", "after", "part", "latest", "yearadj", "postshift":
				// connectors and endings never start an expression
			default:
				lx.starts[w] |= startPhrase
			}
		}
	}
	for _, w := range lx.nums.Words() {
		if lx.nums.Word(w) >= 0 {
			lx.starts[w] |= startNumber
		} else if lx.nums.IsArticle(w) {
			lx.starts[w] |= startCount
		}
	}
	lx.starts["the"] |= startThe
	for _, w := range lx.holidays.Firsts() {
		lx.starts[w] |= startHoliday
	}
	lx.startWords = scan.Filter{}
	for w := range lx.starts {
		lx.startWords.Add(w)
	}
}

var tenseNames = map[string]int{"past": tensePast, "future": tenseFuture, "present": tensePresent, "aux": tenseAux}

// phraseKinds lists the kinds of timewords.txt and how many arguments each takes.
var phraseKinds = map[string]int{
	"day": -1, "anchorday": 1, "anchored": 2, "ref": 1, "shift": 1, "shiftunit": 1, "after": 1, "unit": 1, "part": 1, "season": 1,
	"mod": 1, "vague": 1, "clock": 1, "ampm": 1, "zone": 0, "fiscal": 1, "qabbr": 1,
	"decade": 1, "anchor": 1, "latest": 0, "word": 1, "yearadj": 0, "on": 0, "at": 0, "of": 0, "some": 0,
	"postshift": 1, "before": 1,
}

func checkPhrase(p phrase) error {
	n, ok := phraseKinds[p.kind]
	if !ok {
		return fmt.Errorf("unknown kind %q", p.kind)
	}
	args := 0
	for _, a := range p.args {
		if a != "" {
			args++
		}
	}
	switch {
	case n == -1 && (args < 1 || args > 2):
		return fmt.Errorf("kind %q wants an offset and an optional part of day", p.kind)
	case n >= 0 && args != n:
		return fmt.Errorf("kind %q wants %d argument(s), got %d", p.kind, n, args)
	}
	switch p.kind {
	case "day", "anchorday", "anchored", "shift", "shiftunit", "after", "vague", "decade", "anchor", "postshift", "before":
		if _, err := strconv.Atoi(p.args[0]); err != nil {
			return fmt.Errorf("kind %q wants a whole number, got %q", p.kind, p.args[0])
		}
	}
	return nil
}

// phraseTokens cuts a phrase of the data file like the scanner cuts text.
func phraseTokens(s string) []string {
	var out []string
	for _, t := range scan.Scan(strings.ToLower(s)) {
		out = append(out, t.Lower)
	}
	return out
}

// readIntTable reads rows "form <TAB> number [<TAB> word]"; forms marked
// "word" (also common words) go into words when it is not nil.
func readIntTable(iso, name string, lo, hi int, into map[string]int, words map[string]bool) error {
	ents, err := lang.Table(iso, name)
	if err != nil {
		return err
	}
	for _, e := range ents {
		switch {
		case len(e.Fields) == 3 && e.Fields[2] == "word" && words != nil:
			words[strings.ToLower(e.Fields[0])] = true
		case len(e.Fields) != 2:
			return e.Errorf("want form and number")
		}
		n, err := strconv.Atoi(e.Fields[1])
		if err != nil || n < lo || n > hi {
			return e.Errorf("want a number from %d to %d, got %q", lo, hi, e.Fields[1])
		}
		into[strings.ToLower(e.Fields[0])] = n
	}
	return nil
}

// phrasesAt returns the phrases whose first word is token t, longest first.
func (lx *lexicon) phrasesAt(t *scan.Token) []phrase {
	ps := lx.phrases[t.Lower]
	if len(ps) == 0 {
		ps = lx.phrases[t.Base()]
	}
	return ps
}

// matchPhrases returns the first of ps (the phrases starting at toks[i])
// that is of one of kinds and matches the tokens.
func matchPhrases(toks []scan.Token, i int, ps []phrase, ks kindSet) (phrase, int, bool) {
	for _, p := range ps {
		if p.bit&ks == 0 || i+len(p.toks) > len(toks) {
			continue
		}
		ok := true
		for k, w := range p.toks[1:] {
			if t := &toks[i+1+k]; t.Lower != w && t.Base() != w {
				ok = false
				break
			}
		}
		if ok {
			return p, i + len(p.toks), true
		}
	}
	return phrase{}, i, false
}

// tenseAt returns the tense marked at toks[k]: a two-word marker ("set
// to", "due to") first, then the word alone. A past form after an
// auxiliary is a participle and marks nothing ("will be held").
func (lx *lexicon) tenseAt(toks []scan.Token, k int) int {
	if k+1 < len(toks) {
		if v, ok := lx.tense[toks[k].Lower+" "+toks[k+1].Lower]; ok && v != tenseAux {
			return v
		}
	}
	v := lx.tenseOf(&toks[k])
	if v == tensePast && k > 0 && lx.tenseOf(&toks[k-1]) != tenseNone && lx.tense[toks[k-1].Lower] != tensePast {
		return tenseNone // "is held", "be held", "has said" reads as the auxiliary says
	}
	if v == tenseAux {
		return tenseNone
	}
	return v
}

// tenseOf returns the tense a word marks, or tenseNone.
func (lx *lexicon) tenseOf(t *scan.Token) int {
	if t.Kind != scan.Word {
		return tenseNone
	}
	if v, ok := lx.tense[t.Lower]; ok {
		return v
	}
	// contractions: "he'll", "she'd"
	if k := strings.LastIndexAny(t.Lower, "'’"); k > 0 {
		if v, ok := lx.tense[t.Lower[k:]]; ok {
			return v
		}
	}
	for _, s := range lx.suffixes {
		if len(t.Lower) > len(s.suffix)+2 && strings.HasSuffix(t.Lower, s.suffix) && !t.Cap() {
			return s.tense
		}
	}
	return tenseNone
}
