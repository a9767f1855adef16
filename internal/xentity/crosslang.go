package xentity

//go:generate go run ./gen

import (
	_ "embed"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/newsgraph/newsgraph/internal/lang"
)

// Cross-language identity. The same entity written in several languages
// and scripts ("Selenskyj", "Zelenskyy", "Зеленський", "Zełenski") is
// linked by two kinds of keys, both language data:
//
//   - places: the gazetteer internal/lang/data/<iso>/places.tsv, generated
//     from CLDR by ./gen (country names from golang.org/x/text/language/display,
//     city names from CLDR's time-zone exemplar cities), maps a place's name
//     in each language to its English name ("Kiew", "Київ", "Kijów" → Kyiv);
//   - every name: a skeleton key. Cyrillic is romanized with the language's
//     table (translit.tsv: BGN/PCGN for Russian, the 2010 national system
//     for Ukrainian); Latin names are respelled towards English romanization
//     with the language's name_spelling.tsv (German "sch" → "sh", Polish
//     "ł" → "l", French "ou" → "u"); then the rules of keyrules.tsv fold the
//     variants every system writes differently (y/i/j, z/s, w/v, kh/h,
//     doubled letters), so that -skiy, -skyy, -sky, -ski and -skyj meet.

//go:embed keyrules.tsv
var keyRulesData string

type rewrite struct {
	from, to string
	final    bool // only at the end of a word
}

type translit struct {
	initial, other map[rune]string
}

var (
	crossMu    sync.Mutex
	placeCache = map[string]map[string]string{} // iso -> folded name -> English
	exactCache = map[string]map[string]bool{}   // iso -> lowercase name as written
	kindCache  = map[string]map[string]string{} // iso -> folded name -> kind
	spellCache = map[string][]rewrite{}
	trCache    = map[string]*translit{}
	keyRules   []rewrite
	allPlaces  map[string]string // folded name -> English, over every language (ambiguous names dropped)
)

func parseRewrites(ents []lang.Entry) []rewrite {
	var out []rewrite
	for _, e := range ents {
		if len(e.Fields) < 2 {
			continue
		}
		from, to := strings.ToLower(e.Fields[0]), strings.ToLower(e.Fields[1])
		if to == "-" {
			to = ""
		}
		rw := rewrite{from: from, to: to}
		if strings.HasSuffix(from, "$") && len(from) > 1 {
			rw.from, rw.final = strings.TrimSuffix(from, "$"), true
		}
		out = append(out, rw)
	}
	return out
}

func init() {
	var ents []lang.Entry
	for i, line := range strings.Split(keyRulesData, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		for k := range f {
			f[k] = strings.TrimSpace(f[k])
		}
		ents = append(ents, lang.Entry{Fields: f, Pos: "keyrules.tsv:" + itoa(i+1)})
	}
	keyRules = parseRewrites(ents)
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

// places returns the gazetteer of a language (folded name → English).
func places(iso string) map[string]string {
	crossMu.Lock()
	defer crossMu.Unlock()
	return placesLocked(iso)
}

func placesLocked(iso string) map[string]string {
	if m, ok := placeCache[iso]; ok {
		return m
	}
	m := map[string]string{}
	ex := map[string]bool{}
	kinds := map[string]string{}
	if ents, err := lang.Table(iso, "places.tsv"); err == nil {
		for _, e := range ents {
			if len(e.Fields) >= 2 && e.Fields[0] != "" && e.Fields[1] != "" {
				ex[strings.ToLower(e.Fields[0])] = true
				k := fold(e.Fields[0])
				if _, dup := m[k]; !dup {
					m[k] = e.Fields[1]
					if len(e.Fields) > 2 {
						kinds[k] = e.Fields[2]
					}
				}
			}
		}
	}
	placeCache[iso] = m
	exactCache[iso] = ex
	kindCache[iso] = kinds
	return m
}

// anyPlaces returns the union of every language's gazetteer, without the
// names that two languages give to different places.
func anyPlaces() map[string]string {
	crossMu.Lock()
	defer crossMu.Unlock()
	if allPlaces != nil {
		return allPlaces
	}
	m := map[string]string{}
	bad := map[string]bool{}
	for _, iso := range lang.Languages() {
		for k, v := range placesLocked(iso) {
			if o, ok := m[k]; ok && o != v {
				bad[k] = true
			}
			m[k] = v
		}
	}
	for k := range bad {
		delete(m, k)
	}
	allPlaces = m
	return m
}

// EnglishName returns the English name of a place or country named in
// language iso ("Київ" → "Kyiv", "Deutschland" → "Germany"), or "" when
// the gazetteer does not know it.
func EnglishName(iso, name string) string {
	return places(iso)[fold(name)]
}

// PlaceKind returns the kind of a place named in language iso ("country",
// "city", "region" for a country's subdivision, "area" for a continent,
// world region or union), or "" when the gazetteer does not know it.
func PlaceKind(iso, name string) string {
	crossMu.Lock()
	defer crossMu.Unlock()
	placesLocked(iso)
	return kindCache[iso][fold(name)]
}

// IsPlaceWord reports whether name, as written (case aside), is a place or
// country name of language iso's gazetteer.
func IsPlaceWord(iso, name string) bool {
	crossMu.Lock()
	defer crossMu.Unlock()
	placesLocked(iso)
	return exactCache[iso][strings.ToLower(name)]
}

// englishPlace returns the English name of a place for a document in iso:
// its own gazetteer first, then (English documents, which also write
// "Kiev" or "Kiew") the names every language agrees on.
func englishPlace(iso, name string) string {
	if e := EnglishName(iso, name); e != "" {
		return e
	}
	if iso == "en" || iso == "" {
		return anyPlaces()[fold(name)]
	}
	return ""
}

func spelling(iso string) []rewrite {
	crossMu.Lock()
	defer crossMu.Unlock()
	if r, ok := spellCache[iso]; ok {
		return r
	}
	var r []rewrite
	if ents, err := lang.Table(iso, "name_spelling.tsv"); err == nil {
		r = parseRewrites(ents)
	}
	spellCache[iso] = r
	return r
}

// translitFor returns the romanization table of a Cyrillic language; a
// language without one borrows Russian's.
func translitFor(iso string) *translit {
	crossMu.Lock()
	defer crossMu.Unlock()
	if t, ok := trCache[iso]; ok {
		return t
	}
	src := iso
	if !lang.Has(src, "translit.tsv") {
		src = "ru"
	}
	t := &translit{initial: map[rune]string{}, other: map[rune]string{}}
	if ents, err := lang.Table(src, "translit.tsv"); err == nil {
		for _, e := range ents {
			if len(e.Fields) < 4 {
				continue
			}
			r := []rune(e.Fields[0])
			if len(r) != 1 {
				continue
			}
			ini, oth := e.Fields[2], e.Fields[3]
			if ini == "-" {
				ini = ""
			}
			if oth == "-" {
				oth = ""
			}
			t.initial[r[0]], t.other[r[0]] = ini, oth
		}
	}
	trCache[iso] = t
	return t
}

// Romanize writes a Cyrillic name in Latin letters with the language's
// table (BGN/PCGN for Russian, the national system for Ukrainian; a name
// holding і, ї, є or ґ is read as Ukrainian): "Володимир Зеленський" →
// "Volodymyr Zelenskyi". Other text is returned unchanged.
func Romanize(iso, name string) string {
	if !hasCyrillic(name) {
		return name
	}
	if iso != "uk" && strings.ContainsAny(strings.ToLower(name), "іїєґ") {
		iso = "uk"
	}
	if iso != "uk" && iso != "ru" && !lang.Has(iso, "translit.tsv") {
		iso = "ru"
	}
	t := translitFor(iso)
	var b strings.Builder
	start := true
	for _, r := range name {
		lr := unicode.ToLower(r)
		tab := t.other
		if start {
			tab = t.initial
		}
		s, ok := tab[lr]
		if !ok {
			b.WriteRune(r)
			start = !unicode.IsLetter(r) && r != '\'' && r != '’' && r != 'ʼ'
			continue
		}
		if unicode.IsUpper(r) && s != "" {
			rs := []rune(s)
			rs[0] = unicode.ToUpper(rs[0])
			s = string(rs)
		}
		b.WriteString(s)
		start = false
	}
	return b.String()
}

func hasCyrillic(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Cyrillic, r) {
			return true
		}
	}
	return false
}

var stripMarks = transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)

func applyRewrites(w string, rules []rewrite) string {
	for _, r := range rules {
		if r.final {
			if strings.HasSuffix(w, r.from) {
				w = w[:len(w)-len(r.from)] + r.to
			}
			continue
		}
		w = strings.ReplaceAll(w, r.from, r.to)
	}
	return w
}

// Skeleton returns the cross-language key of a name written in language
// iso: romanized, respelled and folded so that the spellings of one name in
// different languages and romanization systems meet ("Selenskyj",
// "Zelenskyy", "Зеленский", "Зеленський", "Zełenski" → "selenski";
// "Poutine", "Путин" → "putin"). Words are kept apart by single spaces.
func Skeleton(iso, name string) string {
	ck := skelKey{iso, name}
	skelMu.Lock()
	k, ok := skelCache[ck]
	skelMu.Unlock()
	if ok {
		return k
	}
	k = skeleton(iso, name)
	skelMu.Lock()
	if len(skelCache) >= maxSkelCache {
		clear(skelCache)
	}
	ck.name = strings.Clone(name) // name may be a slice of a whole article
	skelCache[ck] = k
	skelMu.Unlock()
	return k
}

// maxSkelCache bounds the names whose skeletons are remembered (names recur
// across the documents of a corpus).
const maxSkelCache = 1 << 16

var (
	skelMu    sync.Mutex
	skelCache = map[skelKey]string{}
)

type skelKey struct{ iso, name string }

func skeleton(iso, name string) string {
	s := norm.NFC.String(strings.ToLower(name))
	cyr := hasCyrillic(s)
	if cyr {
		s = strings.ToLower(Romanize(iso, s))
	}
	var spell []rewrite
	if !cyr {
		spell = spelling(iso)
	}
	words := strings.Fields(s)
	out := make([]string, 0, len(words))
	for _, w := range words {
		if t, _, err := transform.String(stripMarks, w); err == nil {
			w = t
		}
		w = applyRewrites(w, spell)
		w = applyRewrites(w, keyRules)
		var b strings.Builder
		var last rune
		for _, r := range w {
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				continue
			}
			if r == last {
				continue
			}
			b.WriteRune(r)
			last = r
		}
		if b.Len() > 0 {
			out = append(out, b.String())
		}
	}
	return strings.Join(out, " ")
}

// similarFirst reports whether two first-name skeletons may name one
// person across languages: equal, one an initial of the other, or the same
// first letter and at most two edits apart ("vladimir" ~ "volodimir",
// "sergei" ~ "sergi", "dmitri" ~ "dmitro").
func similarFirst(a, b string) bool {
	if a == b || len(a) == 1 && strings.HasPrefix(b, a) || len(b) == 1 && strings.HasPrefix(a, b) {
		return true
	}
	ra, rb := []rune(a), []rune(b)
	if len(ra) == 0 || len(rb) == 0 || ra[0] != rb[0] {
		return false
	}
	return editDistance(ra, rb) <= 2
}

// editDistance is the Levenshtein distance of two short words.
func editDistance(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// known is one entry of a names_en.tsv table.
type known struct {
	name, english, kind string // name as written in the table
	docs                int    // documents the pair was seen in
}

var (
	knownCache = map[string]map[string]known{} // iso -> folded name -> entry
	knownSkels map[string]known                // skeleton of a full person name -> entry, every language
)

func knownLocked(iso string) map[string]known {
	if m, ok := knownCache[iso]; ok {
		return m
	}
	m := map[string]known{}
	if ents, err := lang.Table(iso, "names_en.tsv"); err == nil {
		for _, e := range ents {
			if len(e.Fields) >= 3 && e.Fields[0] != "" && e.Fields[1] != "" {
				k := known{name: e.Fields[0], english: e.Fields[1], kind: e.Fields[2]}
				if len(e.Fields) > 3 {
					k.docs, _ = strconv.Atoi(e.Fields[3])
				}
				m[fold(e.Fields[0])] = k
			}
		}
	}
	knownCache[iso] = m
	return m
}

// kindFits says whether a names_en.tsv kind fits an entity type.
func kindFits(kind, typ string) bool {
	switch kind {
	case "PER":
		return typ == "PERSON"
	case "ORG":
		return typ == "ORG"
	case "GPE", "LOC":
		return Family(typ) == "PLACE"
	}
	return false
}

// KnownEnglish returns the English name of an entity of type typ named
// name in language iso, from the names_en.tsv tables derived from training
// data ("Путин" → "Vladimir Putin", "Zełenski" → "Volodymyr Zelensky"): the
// language's own table, then, for a full person name, the skeleton of a
// full name in any language's table ("Wolodymyr Selenskyj" meets
// "Володимир Зеленський"), or of a bare surname that only one known
// person has ("Putins" read as "Putin" → "Vladimir Putin"). "" when
// unknown.
func KnownEnglish(iso, typ, name string) string {
	crossMu.Lock()
	k, ok := knownLocked(iso)[fold(name)]
	crossMu.Unlock()
	knownOnce.Do(buildKnownSkels)
	if ok && kindFits(k.kind, typ) {
		if typ == "PERSON" {
			// the best attested spelling of that English name
			if b, ok := knownSkels[Skeleton("en", k.english)]; ok {
				return b.english
			}
		}
		return k.english
	}
	if typ != "PERSON" {
		return ""
	}
	skel := Skeleton(iso, name)
	if !strings.Contains(skel, " ") {
		// a bare surname: the one known person with it
		return knownSurnames[skel].english
	}
	return knownSkels[skel].english
}

// knownSurnames indexes the known people by the skeleton of their surname
// (the last word of a full name), without the surnames two people share.
var knownSurnames map[string]known

var knownOnce sync.Once

// buildKnownSkels indexes the full person names of every names_en.tsv by
// skeleton, dropping skeletons that two English names share.
func buildKnownSkels() {
	type entry struct {
		iso, name string
		k         known
	}
	var es []entry
	crossMu.Lock()
	for _, l := range lang.Languages() {
		for n, k := range knownLocked(l) {
			if k.kind == "PER" && strings.Contains(n, " ") {
				es = append(es, entry{l, k.name, k})
			}
		}
	}
	crossMu.Unlock()
	m, sur := map[string]known{}, map[string]known{}
	bad, badSur := map[string]bool{}, map[string]bool{}
	// two English names of one skeleton are one name spelt two ways
	// ("Dmitry Peskov", "Dmitrij Pieskow"): the better attested wins;
	// different names make the key ambiguous
	put := func(m map[string]known, bad map[string]bool, key string, k known) {
		o, ok := m[key]
		switch {
		case !ok:
			m[key] = k
		case Skeleton("en", o.english) != Skeleton("en", k.english):
			bad[key] = true
		case k.docs > o.docs:
			m[key] = k
		}
	}
	for _, e := range es {
		s := Skeleton(e.iso, e.name)
		put(m, bad, s, e.k)
		w := strings.Fields(s)
		if last := w[len(w)-1]; len(last) >= 4 {
			put(sur, badSur, last, e.k)
		}
	}
	for s := range bad {
		delete(m, s)
	}
	for s := range badSur {
		delete(sur, s)
	}
	knownSkels, knownSurnames = m, sur
}
