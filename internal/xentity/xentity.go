// Package xentity links the entities of single documents into corpus-wide
// entities: "Blair" in one article, "Tony Blair" in another and "Mr Blair" in
// a third become one person, while two people who share a surname stay apart
// when their first names or their contexts differ.
//
// It sits between the pipeline and the store: package entity has already
// joined the mentions inside each document; a store (store/sqlite, later
// store/postgres) calls Resolve while it writes a document, inside its write
// transaction, through the small Index interface, so every backend links
// entities the same way.
//
// The method is written here rather than taken from a library because it is
// a handful of rules over the store's own tables (there is no Go entity
// linker that works without a knowledge base):
//
//   - Names are compared by their core: case and accents folded, honorifics
//     and titles ("Mr", "President", from the language packs in internal/lang)
//     and a leading function word ("the") removed, possessive "'s" dropped.
//   - A full name (two or more words) joins an entity that has the same core,
//     or, for people, one with the same surname whose known full names have a
//     compatible first name ("T." fits "Tony"; "Cherie" does not fit "Tony").
//   - A bare surname joins the entity with that surname whose context — the
//     corpus entities named in the same articles, and the roles stated —
//     overlaps most with this document's. When the only candidate has an
//     established context that shares nothing with this document, a new
//     entity is made: same surname, different person.
//   - Across languages and scripts (crosslang.go), places are linked by
//     their English name from a CLDR gazetteer, and every name by a skeleton
//     key (romanized with ISO 9 / BGN/PCGN / the Ukrainian national system
//     tables, respelled per language, variants folded): "Selenskyj",
//     "Zelenskyy", "Зеленський" and "Zełenski" meet. The corpus entity is
//     named in English when an English document or the gazetteer gives the
//     name; documents in other languages never rename it afterwards.
package xentity

import (
	"context"
	"errors"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/lang"
)

// Errors returned by this package.
var (
	// ErrIndex wraps failures of the backend's Index.
	ErrIndex = errors.New("entity index")
)

// MaxContext bounds the entities of a document compared with a candidate's
// context (the first resolved: full names and the other entity types).
const MaxContext = 8

// MaxCandidates bounds the entities compared by context for one name (the
// ones in the most articles).
const MaxCandidates = 8

// SurnamePrefix starts the index keys that hold a person's surname, to keep
// them apart from full-name keys.
const SurnamePrefix = "~"

// Cross-language index keys (see crosslang.go). They start with
// SurnamePrefix so that they are not read as full names.
const (
	// EnglishPrefix starts the key of an entity's English name ("~@kyiv").
	EnglishPrefix = "~@"
	// SkeletonPrefix starts the key of a full name's skeleton ("~=volodimir selenski").
	SkeletonPrefix = "~="
	// SurnameSkeletonPrefix starts the key of a person's surname skeleton ("~%selenski").
	SurnameSkeletonPrefix = "~%"
	// EnglishMark is a key (not a name: one word, never looked up) that an
	// entity whose canonical name is English carries, so that documents in
	// other languages leave that name alone.
	EnglishMark = "!en"
)

// Candidate is a corpus entity that an index key points at.
type Candidate struct {
	ID       int64
	Name     string
	Articles int
	// Keys are the entity's full-name keys (cores of its names), used to
	// check first-name compatibility.
	Keys []string
	// Roles are the lower-cased roles stated for the entity so far.
	Roles []string
}

// Index is what Resolve needs from a store. All calls happen inside the
// store's write transaction, so entities created for one document are seen
// when the next entity of the same document is resolved.
type Index interface {
	// Lookup returns the entities of the type family fam (see Family)
	// holding key.
	Lookup(ctx context.Context, fam, key string) ([]Candidate, error)
	// Overlap scores how much the context of each of ids (at most
	// MaxCandidates) shares with others (at most MaxContext ids): the number
	// of articles in which it was named together with each of them.
	Overlap(ctx context.Context, ids []int64, others []int64) (map[int64]int, error)
	// Create makes a new entity and returns its id.
	Create(ctx context.Context, name, typ string) (int64, error)
	// AddKeys records index keys for an entity under a type family
	// (duplicates are ignored).
	AddKeys(ctx context.Context, id int64, fam string, keys []string) error
	// Rename sets the canonical name of an entity.
	Rename(ctx context.Context, id int64, name string) error
}

// Family is the group of entity types whose names are compared with each
// other: recognizers often call one place a GPE in one article and a LOC or
// FAC in the next, so places are one family; every other type is its own.
func Family(typ string) string {
	switch typ {
	case "GPE", "LOC", "FAC":
		return "PLACE"
	}
	return typ
}

// Link is the corpus entity chosen for one document entity.
type Link struct {
	Local string // the entity's id inside the document
	ID    int64  // corpus entity id
	New   bool   // the entity was created for this document
}

// Resolve links every entity of d to a corpus entity, creating entities and
// index keys as needed. Full names are resolved before bare person names, so
// the context of a bare surname includes the other entities of its article.
func Resolve(ctx context.Context, ix Index, d *doc.JSON) ([]Link, error) {
	nm := namesFor(d.Lang)
	english := d.Lang == "en" || d.Lang == ""
	type item struct {
		i       int
		core    string
		words   []string
		skel    string // cross-language key of the name (Skeleton)
		english string // the English name, when known
	}
	items := make([]item, 0, len(d.Entities))
	for i, e := range d.Entities {
		if !nm.IsName(e.Name) && e.NameEN == "" {
			// a description speaker ("a spokesman", "the statement", "I")
			// names nobody across documents
			items = append(items, item{i: i})
			continue
		}
		c := nm.Core(e.Name)
		if c == "" {
			// fall back to the longest mention
			for _, m := range e.Mentions {
				if mc := nm.Core(m.Text); len(mc) > len(c) {
					c = mc
				}
			}
		}
		if c == "" {
			c = fold(e.Name)
		}
		it := item{i: i, core: c, words: strings.Fields(c), skel: Skeleton(d.Lang, c), english: e.NameEN}
		if it.english == "" && Family(e.Type) == "PLACE" {
			it.english = englishPlace(d.Lang, e.Name)
		}
		if it.english == "" && english {
			it.english = e.Name
		}
		items = append(items, it)
	}
	order := make([]int, len(items))
	for i := range order {
		order[i] = i
	}
	// bare person names last: they are the ambiguous ones and need the
	// others as context
	bare := func(k int) bool { return len(items[k].words) == 1 && d.Entities[items[k].i].Type == "PERSON" }
	sort.SliceStable(order, func(a, b int) bool {
		if ba, bb := bare(order[a]), bare(order[b]); ba != bb {
			return bb
		}
		return len(items[order[a]].words) > len(items[order[b]].words)
	})
	links := make([]Link, len(items))
	var resolved []int64
	for _, k := range order {
		it := items[k]
		e := d.Entities[it.i]
		if it.core == "" {
			id, err := ix.Create(ctx, e.Name, e.Type)
			if err != nil {
				return nil, errors.Join(ErrIndex, err)
			}
			links[it.i] = Link{Local: e.ID, ID: id, New: true}
			continue
		}
		person := e.Type == "PERSON"
		var cands []Candidate
		fam := Family(e.Type)
		exact, err := ix.Lookup(ctx, fam, it.core)
		if err != nil {
			return nil, errors.Join(ErrIndex, err)
		}
		var id int64
		cross := false // linked by a cross-language key, not by the name as written
		switch {
		case len(exact) == 1 && len(it.words) > 1:
			id = exact[0].ID
		case len(exact) > 0:
			cands = exact
		}
		// the same name in another language or script: the English name
		// of a place, then the skeleton of a full name
		if id == 0 && cands == nil {
			var keys []string
			if it.english != "" && (!english || person || fam == "PLACE" || fam == "NORP") {
				keys = append(keys, EnglishPrefix+fold(it.english))
			}
			if skeletonKeyed(it.skel, person) {
				keys = append(keys, SkeletonPrefix+it.skel)
			}
			for _, key := range keys {
				xs, err := ix.Lookup(ctx, fam, key)
				if err != nil {
					return nil, errors.Join(ErrIndex, err)
				}
				if len(xs) == 1 {
					id, cross = xs[0].ID, true
					cands = xs
					break
				}
				if len(xs) > 1 {
					cands, cross = xs, true
					break
				}
			}
		}
		if id == 0 && person && (cands == nil || len(it.words) == 1) {
			sur, err := ix.Lookup(ctx, fam, SurnamePrefix+it.words[len(it.words)-1])
			if err != nil {
				return nil, errors.Join(ErrIndex, err)
			}
			have := map[int64]bool{}
			for _, c := range cands {
				have[c.ID] = true
			}
			for _, c := range sur {
				if !have[c.ID] && (len(it.words) == 1 || compatible(it.words, c.Keys)) {
					have[c.ID] = true
					cands = append(cands, c)
				}
			}
			if sk := strings.Fields(it.skel); len(sk) > 0 {
				xs, err := ix.Lookup(ctx, fam, SurnameSkeletonPrefix+sk[len(sk)-1])
				if err != nil {
					return nil, errors.Join(ErrIndex, err)
				}
				for _, c := range xs {
					if !have[c.ID] && (len(it.words) == 1 || compatibleSkeleton(sk, c.Keys)) {
						have[c.ID] = true
						cands = append(cands, c)
						cross = cross || len(sur) == 0
					}
				}
			}
		}
		if id == 0 && len(cands) > 0 {
			best, err := choose(ctx, ix, cands, resolved, e.Roles, len(it.words) > 1)
			if err != nil {
				return nil, err
			}
			id = best
		}
		isNew := false
		if id == 0 {
			name := e.Name
			if it.english != "" && !english {
				name = it.english
			}
			id, err = ix.Create(ctx, name, e.Type)
			if err != nil {
				return nil, errors.Join(ErrIndex, err)
			}
			isNew = true
		} else {
			for _, c := range append(exact, cands...) {
				if c.ID != id {
					continue
				}
				name := renameTo(c, e.Name, it.english, len(it.words), english, cross)
				if name != "" {
					if err := ix.Rename(ctx, id, name); err != nil {
						return nil, errors.Join(ErrIndex, err)
					}
				}
				break
			}
		}
		keys := nm.Keys(e, it.core, person)
		keys = append(keys, crossKeys(d.Lang, e, it.english, it.skel, person, english, person || fam == "PLACE" || fam == "NORP", nm)...)
		if err := ix.AddKeys(ctx, id, fam, keys); err != nil {
			return nil, errors.Join(ErrIndex, err)
		}
		links[it.i] = Link{Local: e.ID, ID: id, New: isNew}
		resolved = append(resolved, id)
	}
	return links, nil
}

// renameTo decides the new canonical name of corpus entity c when a
// document entity named name (English name en, "" when unknown; words
// words) links to it, or returns "" to keep it. An English name is kept
// once the entity has one: English documents rename an entity that has
// none with a name as long (or, as before, give a longer full name); other
// documents give the English name when they know it, and else a longer
// name only when the entity has no English name and was found by the name
// as written.
func renameTo(c Candidate, name, en string, words int, english, cross bool) string {
	hasEN := slices.Contains(c.Keys, EnglishMark)
	have := len(strings.Fields(fold(c.Name)))
	longer := have < words
	switch {
	case english && (longer || !hasEN && words >= have):
		return name
	case english:
		return ""
	case en != "" && !hasEN && c.Name != en:
		return en
	case !hasEN && !cross && longer:
		return name
	}
	return ""
}

// crossKeys returns the cross-language index keys of a document entity:
// its English place name, the skeleton of its full name and, for people,
// the skeleton of the surname; and EnglishMark when its name is English.
// Documents in English also key the skeletons of their name mentions
// ("Zelenskyy" beside "Zelensky"); other documents only their canonical
// name, which is the nominative.
func crossKeys(iso string, e doc.JSONEntity, en, skel string, person, english, place bool, nm *Names) []string {
	var keys []string
	seen := map[string]bool{}
	add := func(k string) {
		if !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	if en != "" {
		add(EnglishMark)
		if place || !english {
			add(EnglishPrefix + fold(en))
		}
	}
	skels := []string{skel}
	if english {
		for _, m := range e.Mentions {
			if nm.IsName(m.Text) {
				if c := nm.Core(m.Text); c != "" {
					skels = append(skels, Skeleton(iso, c))
				}
			}
		}
	}
	for _, s := range skels {
		w := strings.Fields(s)
		if len(w) == 0 {
			continue
		}
		if skeletonKeyed(s, person) {
			add(SkeletonPrefix + s)
		}
		if person {
			add(SurnameSkeletonPrefix + w[len(w)-1])
		}
	}
	return keys
}

// skeletonKeyed says whether a name's skeleton is a key of its own: full
// names, and single names of organisations and places of four letters or
// more ("Bundestag" ~ "Бундестаг"); a single person name is only a
// surname key.
func skeletonKeyed(skel string, person bool) bool {
	if strings.Contains(skel, " ") {
		return true
	}
	return !person && len(skel) >= 4
}

// compatibleSkeleton is compatible for names compared by their skeletons:
// every full name of the candidate with the same surname skeleton must
// have a similar first name (similarFirst: the Russian "Владимир" and the
// Ukrainian "Volodymyr" Zelensky are one person, "Olena" is not).
func compatibleSkeleton(sk []string, keys []string) bool {
	for _, k := range keys {
		kw := strings.Fields(k)
		if len(kw) < 2 {
			continue
		}
		ks := strings.Fields(Skeleton("", k))
		if len(ks) < 2 || ks[len(ks)-1] != sk[len(sk)-1] {
			continue
		}
		if similarFirst(ks[0], sk[0]) {
			continue
		}
		return false
	}
	return true
}

// choose picks among candidates by context; 0 means "none fits, make a new
// entity".
func choose(ctx context.Context, ix Index, cands []Candidate, context_ []int64, roles []string, full bool) (int64, error) {
	type scored struct {
		c     Candidate
		score int
	}
	if len(cands) == 1 && (full || cands[0].Articles < 2 || len(context_) == 0) {
		return cands[0].ID, nil // the answer does not depend on the score
	}
	if len(context_) > MaxContext {
		context_ = context_[:MaxContext]
	}
	if len(cands) > MaxCandidates {
		cands = append([]Candidate(nil), cands...)
		sort.SliceStable(cands, func(a, b int) bool { return cands[a].Articles > cands[b].Articles })
		cands = cands[:MaxCandidates]
	}
	overlap := map[int64]int{}
	if len(context_) > 0 {
		ids := make([]int64, len(cands))
		for i, c := range cands {
			ids[i] = c.ID
		}
		var err error
		if overlap, err = ix.Overlap(ctx, ids, context_); err != nil {
			return 0, errors.Join(ErrIndex, err)
		}
	}
	ss := make([]scored, 0, len(cands))
	for _, c := range cands {
		s := overlap[c.ID]
		for _, r := range roles {
			for _, cr := range c.Roles {
				if strings.EqualFold(r, cr) {
					s += 2
				}
			}
		}
		ss = append(ss, scored{c, s})
	}
	sort.SliceStable(ss, func(a, b int) bool {
		if ss[a].score != ss[b].score {
			return ss[a].score > ss[b].score
		}
		return ss[a].c.Articles > ss[b].c.Articles
	})
	best := ss[0]
	if best.score > 0 || full {
		return best.c.ID, nil
	}
	// No shared context. With an unknown context on either side, the name
	// is all there is to go by: take the best-known bearer. When both sides
	// have a context and they share nothing, this is someone else.
	if len(context_) == 0 || best.c.Articles < 2 {
		return best.c.ID, nil
	}
	return 0, nil
}

// compatible reports whether a full name (words, surname last) can name the
// same person as an entity with the given full-name keys: every known full
// name with the same surname must agree on the first name or its initial.
func compatible(words []string, keys []string) bool {
	first := words[0]
	for _, k := range keys {
		kw := strings.Fields(k)
		if len(kw) < 2 || kw[len(kw)-1] != words[len(words)-1] {
			continue
		}
		kf := kw[0]
		if kf == first {
			continue
		}
		a, b := strings.TrimSuffix(first, "."), strings.TrimSuffix(kf, ".")
		if (len(a) == 1 && strings.HasPrefix(b, a)) || (len(b) == 1 && strings.HasPrefix(a, b)) {
			continue
		}
		return false
	}
	return true
}

// Names strips honorifics, titles and leading function words of one language.
type Names struct {
	prefixes  map[string]bool // honorifics and titles, folded, no final period
	stopwords map[string]bool
	pronouns  map[string]bool
	// memo remembers the core of the names met and whether they are names
	// (the same names recur in every article, and are asked about by each
	// step of linking)
	mu   sync.Mutex
	memo map[string]nameInfo
}

type nameInfo struct {
	core   string
	isName bool
}

// maxNameMemo bounds the names a Names remembers.
const maxNameMemo = 1 << 16

// info returns the core of text and whether it is a name.
func (n *Names) info(text string) nameInfo {
	n.mu.Lock()
	v, ok := n.memo[text]
	n.mu.Unlock()
	if ok {
		return v
	}
	v = nameInfo{core: n.core(text), isName: n.isName(text)}
	n.mu.Lock()
	if len(n.memo) >= maxNameMemo {
		clear(n.memo)
	}
	// a copy: text may be a slice of a whole article
	n.memo[strings.Clone(text)] = v
	n.mu.Unlock()
	return v
}

var (
	namesMu    sync.Mutex
	namesCache = map[string]*Names{}
)

// namesFor returns the name rules of a language, falling back to English
// when the language pack has none.
func namesFor(iso string) *Names {
	namesMu.Lock()
	defer namesMu.Unlock()
	if n, ok := namesCache[iso]; ok {
		return n
	}
	n := &Names{prefixes: map[string]bool{}, stopwords: map[string]bool{}, pronouns: map[string]bool{}, memo: map[string]nameInfo{}}
	load := func(iso string) {
		for _, f := range []string{"honorifics.txt", "titles.txt"} {
			if !lang.Has(iso, f) {
				continue
			}
			ents, err := lang.Table(iso, f)
			if err != nil {
				continue
			}
			for _, e := range ents {
				if len(e.Fields) > 0 {
					n.prefixes[strings.TrimSuffix(fold(e.Fields[0]), ".")] = true
				}
			}
		}
		if ents, err := lang.Table(iso, "pronouns.txt"); err == nil {
			for _, e := range ents {
				if len(e.Fields) > 0 {
					n.pronouns[fold(e.Fields[0])] = true
				}
			}
		}
		if lang.Has(iso, "name_stopwords.txt") {
			if l, err := lang.List(iso, "name_stopwords.txt"); err == nil {
				for _, w := range l {
					n.stopwords[fold(w)] = true
				}
			}
		}
	}
	load(iso)
	if len(n.prefixes) == 0 && iso != "en" {
		load("en")
	}
	namesCache[iso] = n
	return n
}

// NamesFor returns the name rules of a language (English when the language
// has no pack).
func NamesFor(iso string) *Names { return namesFor(iso) }

// Core returns the comparable core of a name: folded, without leading
// honorifics, titles and function words, without a possessive ending.
func (n *Names) Core(name string) string { return n.info(name).core }

func (n *Names) core(name string) string {
	w := strings.Fields(fold(name))
	for len(w) > 1 && (n.prefixes[strings.TrimSuffix(w[0], ".")] || n.stopwords[w[0]]) {
		w = w[1:]
	}
	if len(w) > 0 {
		last := w[len(w)-1]
		for _, s := range []string{"'s", "’s", "'"} {
			if strings.HasSuffix(last, s) && len(last) > len(s) {
				w[len(w)-1] = strings.TrimSuffix(last, s)
				break
			}
		}
	}
	return strings.Join(w, " ")
}

// Keys returns the index keys of a document entity: the core of its name and
// of each mention, and for people the surname key of each full name.
func (n *Names) Keys(e doc.JSONEntity, core string, person bool) []string {
	seen := map[string]bool{}
	var keys []string
	add := func(c string) {
		if c == "" || seen[c] {
			return
		}
		seen[c] = true
		keys = append(keys, c)
		if person {
			w := strings.Fields(c)
			sk := SurnamePrefix + w[len(w)-1]
			if !seen[sk] {
				seen[sk] = true
				keys = append(keys, sk)
			}
		}
	}
	add(core)
	for _, m := range e.Mentions {
		c := n.Core(m.Text)
		// a mention that is a pronoun or description is not a name
		if c == "" || !n.IsName(m.Text) {
			continue
		}
		if person && len(strings.Fields(c)) > 1 && !compatible(strings.Fields(c), []string{core}) {
			continue
		}
		add(c)
	}
	return keys
}

// IsName reports whether a mention's text is a name worth keeping as an
// alias: it has a capital letter, is not a pronoun ("She" opening a
// sentence) and does not open with a function word ("The opposition
// leader" is a description, not a name).
func (n *Names) IsName(text string) bool { return n.info(text).isName }

func (n *Names) isName(text string) bool {
	if !hasUpper(text) {
		return false
	}
	w := strings.Fields(fold(text))
	if len(w) == 0 || n.pronouns[w[0]] || (n.stopwords[w[0]] && len(w) > 1) {
		return false
	}
	return true
}

func hasUpper(s string) bool {
	for _, r := range s {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

var foldT = transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)

// fold lower-cases a name, removes accents and punctuation other than inner
// hyphens, apostrophes and periods, and collapses spaces.
func fold(s string) string {
	if !isASCII(s) {
		return foldUnicode(s)
	}
	// ASCII has no accents to remove and folds byte by byte, as below
	b := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '\'', c == '-', c == '.', c == '&':
		default:
			space = true
			continue
		}
		if space && len(b) > 0 {
			b = append(b, ' ')
		}
		space = false
		b = append(b, c)
	}
	for len(b) > 0 && b[len(b)-1] == '.' {
		b = b[:len(b)-1]
	}
	return string(b)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// foldUnicode is fold for any text.
func foldUnicode(s string) string {
	if t, _, err := transform.String(foldT, s); err == nil {
		s = t
	}
	s = strings.ToLower(s)
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’' || r == '-' || r == '.' || r == '&':
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		default:
			space = true
		}
	}
	return strings.TrimRight(b.String(), ".")
}
