package ner

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/ner/cluster"
)

// Feature templates. Every feature is a template number mixed with strings
// and hashed (FNV-1a, 64 bits); the model maps the hash to one of 2^Bits
// weight rows ("feature hashing", Weinberger et al. 2009).
const (
	fBias = iota + 1
	fWord
	fLower
	fPrefix
	fSuffix
	fShape
	fShapeL
	fShapeR
	fPrev1
	fNext1
	fPrev2
	fNext2
	fBiL
	fBiR
	fCapCtx
	fLowCap
	fPrevShape
	fCluster
	fClusterL
	fClusterR
	fGaz
	fDocCase
	fPrevPred
	fNextGaz
	fPrevGaz
	fTri
	fAggPrev
	fAggNext
	fVocabCase
	fCapRun
	fDocInit
	fRunEdge
	fGenre
)

// featureSet is the set of optional feature templates a model uses. Models
// record theirs by name, so that a model trained without one is fed
// exactly the features it was trained on.
type featureSet uint8

const (
	// featInitialOnly: for a capitalized word at a sentence start, how
	// often the document writes it capitalized elsewhere at a sentence
	// start and in mid-sentence (interjections and discourse words such as
	// "Mm" or "Well" open sentence after sentence but never stand
	// capitalized inside one, while names do).
	featInitialOnly featureSet = 1 << iota
	// featRunEdges: the words just before and just after a run of
	// capitalized words see the run's last word and length, so that
	// "the" before "... Journal" or "... Party" can join the name.
	featRunEdges
	// featGenre: the bias, the word, and its shape with its capitalization
	// in context, each also paired with the document's genre, so that the
	// model learns genre-specific conventions on top of the shared weights
	// (Daumé III 2007, "Frustratingly easy domain adaptation").
	featGenre
	// featFewContexts: a capitalized word pools the neighbours of at most
	// four of its occurrences in the document instead of eight: as good on
	// OntoNotes and fewer weight rows to sum.
	featFewContexts
)

// FeatureNames are the optional feature templates, by the names models
// and `newsgraph train ner --features` use.
var FeatureNames = map[string]featureSet{
	"initial-only": featInitialOnly,
	"run-edges":    featRunEdges,
	"genre":        featGenre,
	"few-contexts": featFewContexts,
}

// parseFeatures turns feature names into a set.
func parseFeatures(names []string) (featureSet, error) {
	var fs featureSet
	for _, n := range names {
		f, ok := FeatureNames[n]
		if !ok {
			return 0, fmt.Errorf("unknown feature template %q: %w", n, ErrFormat)
		}
		fs |= f
	}
	return fs, nil
}

// names lists the set's templates in a fixed order.
func (fs featureSet) names() []string {
	var out []string
	for n, f := range FeatureNames {
		if fs&f != 0 {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hstart(t int) uint64 { return (fnvOffset ^ uint64(t)) * fnvPrime }

func hstr(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	h ^= 0x1f
	h *= fnvPrime
	return h
}

func hint(h uint64, v int) uint64 {
	h ^= uint64(v) + 0x9e3779b9
	h *= fnvPrime
	h ^= h >> 31
	return h
}

// casing modes of a sentence
const (
	modeNormal = 'N' // ordinary prose
	modeCaps   = 'A' // all-caps line
	modeTitle  = 'T' // title-case line or headline
)

// tokInfo is what the features need of one token.
type tokInfo struct {
	w, lw   string // normalized form, lowercase form
	shape   string
	capc    byte // 'X' all caps, 'C' capitalized, 'l' lowercase, 'd' digits, 'm' mixed, 'p' other
	cl      []uint16
	own     []uint64 // features of the word itself (see featurizer.word)
	initial bool
	gh      uint64   // see wordEntry
	gm      []uint32 // see wordEntry
}

// wordEntry is what the features know of a word type regardless of context.
type wordEntry struct {
	w, lw, shape string
	capc         byte
	cl           []uint16
	own          []uint64
	// the raw spelling's capitalization class and lowercase form, as the
	// document statistics count them
	rawCap   byte
	rawLower string
	// gh is the gazetteer hash of the word alone; gm[g] what gazetteer g
	// holds under it (0: nothing)
	gh uint64
	gm []uint32
}

// maxCache bounds the word cache of a featurizer.
const maxCache = 1 << 16

// word returns the context-free features of a token, cached by spelling.
func (fx *featurizer) word(raw string) *wordEntry {
	if e, ok := fx.cache[raw]; ok {
		return e
	}
	w := cluster.Norm(raw)
	c := capClass(w)
	e := &wordEntry{w: w, lw: lowerASCII(w), shape: shapeOf(w), capc: c, rawCap: capClass(raw), rawLower: lowerASCII(raw)}
	e.cl = fx.lookupCluster(w, c)
	f := make([]uint64, 0, 16)
	f = append(f, hstr(hstart(fWord), e.w), hstr(hstart(fLower), e.lw))
	f = appendAffixes(f, e.lw, fx.affix)
	f = append(f, hstr(hstart(fShape), e.shape))
	for g := range fx.clusterSizes() {
		f = append(f, clusterFeat(fCluster, g, e.cl))
	}
	e.own = f
	e.gh = hstr(uint64(gazSeed), e.lw)
	if len(fx.gaz) > 0 {
		e.gm = make([]uint32, len(fx.gaz))
		for gi, g := range fx.gaz {
			if g != nil {
				e.gm[gi] = g.m[e.gh]
			}
		}
	}
	if fx.cache == nil || len(fx.cache) >= maxCache {
		fx.cache = make(map[string]*wordEntry, 1024)
	}
	fx.cache[raw] = e
	return e
}

func capClass(w string) byte {
	var up, low, dig, other int
	first := true
	firstUp := false
	for _, r := range w {
		switch {
		case unicode.IsUpper(r):
			up++
			if first {
				firstUp = true
			}
		case unicode.IsLower(r):
			low++
		case unicode.IsDigit(r):
			dig++
		default:
			other++
		}
		first = false
	}
	switch {
	case up > 0 && low == 0 && dig == 0:
		return 'X'
	case firstUp && low > 0:
		return 'C'
	case up == 0 && low > 0:
		return 'l'
	case dig > 0 && up == 0 && low == 0:
		return 'd'
	case up+low > 0:
		return 'm'
	}
	return 'p'
}

// shapeOf maps characters to X, x, d or themselves and collapses repeats
// ("McDonald's" → "XxXx'x", "1996-08-22" → "d-d-d").
func shapeOf(w string) string {
	var b [32]byte
	n := 0
	var last byte
	for _, r := range w {
		var c byte
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		case r < utf8.RuneSelf:
			c = byte(r)
		default:
			c = '*'
		}
		if c == last && (c == 'X' || c == 'x' || c == 'd') {
			continue
		}
		last = c
		if n < len(b) {
			b[n] = c
			n++
		}
	}
	return string(b[:n])
}

func sentMode(s *Sentence, words []string) byte {
	var lettered, caps, capInit, long int
	for _, w := range words {
		c := capClass(w)
		if c == 'p' || c == 'd' {
			continue
		}
		if utf8.RuneCountInString(w) >= 2 {
			lettered++
			if c == 'X' {
				caps++
			}
		}
		if utf8.RuneCountInString(w) >= 4 {
			long++
			if c == 'C' || c == 'X' {
				capInit++
			}
		}
	}
	if lettered >= 2 && caps*10 >= lettered*8 {
		return modeCaps
	}
	if s.Title {
		if long == 0 || capInit*2 >= long {
			return modeTitle
		}
		return modeNormal
	}
	if long >= 3 && capInit*10 >= long*8 {
		return modeTitle
	}
	return modeNormal
}

// featurizer computes the static features of documents.
type featurizer struct {
	cl *cluster.Table
	// affix is the longest prefix and suffix feature in code points (0: 4).
	affix int
	// extra are the optional templates in use.
	extra featureSet
	// genre is the hash of the current document's genre (featGenre with a
	// genre only; else 0), the seed of its genre features.
	genre uint64
	gaz   []*Gazetteer
	info  []tokInfo
	buf   []uint64   // features of the current document
	gz    [][]uint64 // gazetteer features of each token of the sentence
	// cache holds the context-free features of recent words.
	cache map[string]*wordEntry
	st    docStats // reused from document to document
}

func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return strings.ToLower(s)
		}
		if c >= 'A' && c <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}

func (fx *featurizer) lookupCluster(w string, capc byte) []uint16 {
	if fx.cl == nil {
		return nil
	}
	if c := fx.cl.LookupNorm(w); c != nil {
		return c
	}
	if capc == 'X' && len(w) > 1 {
		r, sz := utf8.DecodeRuneInString(w)
		t := string(r) + strings.ToLower(w[sz:])
		if c := fx.cl.LookupNorm(t); c != nil {
			return c
		}
	}
	if capc != 'l' {
		return fx.cl.LookupNorm(lowerASCII(w))
	}
	return nil
}

// docStats counts, for a document, how each lowercase word is written in
// ordinary prose: capitalized away from the sentence start, or in lowercase.
type docStats struct {
	capMid map[string]int
	// initCap counts capitalized occurrences at sentence starts
	// (featInitialOnly only).
	initCap map[string]int
	low     map[string]int
	ctx     map[string][]occurrence // capitalized words: where they occur
}

// occurrence is one place a capitalized word occurs, with its neighbours.
type occurrence struct {
	sent, tok  int
	prev, next string
}

func (fx *featurizer) stats(d *Document, modes []byte) docStats {
	st := fx.st
	if st.capMid == nil {
		st = docStats{initCap: map[string]int{}, capMid: map[string]int{}, low: map[string]int{}, ctx: map[string][]occurrence{}}
		fx.st = st
	}
	clear(st.capMid)
	clear(st.initCap)
	clear(st.low)
	clear(st.ctx)
	for si := range d.Sents {
		if modes[si] != modeNormal {
			continue
		}
		words := d.Sents[si].Words
		for i, w := range words {
			e := fx.word(w)
			c := e.rawCap
			if c == 'C' || c == 'X' || c == 'm' {
				lw := e.lw
				if o := st.ctx[lw]; len(o) < fx.maxOccurrences() {
					oc := occurrence{sent: si, tok: i, prev: "<s>", next: "</s>"}
					if i > 0 {
						oc.prev = fx.word(words[i-1]).lw
					}
					if i+1 < len(words) {
						oc.next = fx.word(words[i+1]).lw
					}
					st.ctx[lw] = append(o, oc)
				}
			}
			switch {
			case (c == 'C' || c == 'X') && i > 0 && !afterOpener(d.Sents[si].Words, i):
				st.capMid[e.rawLower]++
			case (c == 'C' || c == 'X') && fx.extra&featInitialOnly != 0:
				st.initCap[e.rawLower]++
			case c == 'l':
				st.low[w]++
			}
		}
	}
	return st
}

// afterOpener reports whether token i follows an opening quote or colon,
// where capitals start a new clause.
func afterOpener(words []string, i int) bool {
	switch words[i-1] {
	case "``", "\"", "“", ":", "'", "‘", "-", "--", "(":
		return true
	}
	return false
}

// sentFeats holds the static features of a sentence: feats[off[i]:off[i+1]]
// are the hashes of token i.
type sentFeats struct {
	feats []uint64
	off   []int32
	caps  []bool // token may be a name: capitalized, or in a non-prose line
	lw    []string
}

// document computes the static features of every sentence of d.
func (fx *featurizer) document(d *Document) []sentFeats {
	modes := make([]byte, len(d.Sents))
	for i := range d.Sents {
		modes[i] = sentMode(&d.Sents[i], d.Sents[i].Words)
	}
	st := fx.stats(d, modes)
	fx.genre = 0
	if fx.extra&featGenre != 0 && d.Genre != "" {
		fx.genre = hstr(hstart(fGenre), d.Genre)
	}
	out := make([]sentFeats, len(d.Sents))
	// one feature buffer for the document; sentences slice into it. It is
	// reused by the next document, so callers must be done with the
	// features of one document before featurizing another.
	if need := d.Tokens()*48 + 64; cap(fx.buf) < need {
		fx.buf = make([]uint64, 0, need)
	}
	fx.buf = fx.buf[:0]
	for si := range d.Sents {
		out[si] = fx.sentence(&d.Sents[si], si, modes[si], &st)
	}
	return out
}

var none = "\x00"

// maxOccurrences bounds the occurrences whose contexts a word pools
// (fewOccurrences with featFewContexts).
const maxOccurrences, fewOccurrences = 8, 4

func (fx *featurizer) maxOccurrences() int {
	if fx.extra&featFewContexts != 0 {
		return fewOccurrences
	}
	return maxOccurrences
}

func (fx *featurizer) sentence(s *Sentence, si int, mode byte, st *docStats) sentFeats {
	n := len(s.Words)
	if cap(fx.info) < n {
		fx.info = make([]tokInfo, n)
	}
	info := fx.info[:n]
	for i, raw := range s.Words {
		e := fx.word(raw)
		info[i] = tokInfo{w: e.w, lw: e.lw, shape: e.shape, capc: e.capc, cl: e.cl, own: e.own, initial: i == 0 || afterOpener(s.Words, i), gh: e.gh, gm: e.gm}
	}
	sf := sentFeats{off: make([]int32, n+1), caps: make([]bool, n), lw: make([]string, n)}
	f := fx.buf[len(fx.buf):]
	get := func(i int) *tokInfo {
		if i < 0 || i >= n {
			return nil
		}
		return &info[i]
	}
	lwAt := func(i int) string {
		if i < 0 {
			return "<s>"
		}
		if i >= n {
			return "</s>"
		}
		return info[i].lw
	}
	shapeAt := func(i int) string {
		if i < 0 {
			return "<s>"
		}
		if i >= n {
			return "</s>"
		}
		return info[i].shape
	}
	// gazetteer matches
	if cap(fx.gz) < n {
		fx.gz = make([][]uint64, n)
	}
	gz := fx.gz[:n]
	for i := range gz {
		gz[i] = gz[i][:0]
	}
	for gi, g := range fx.gaz {
		if g == nil {
			continue
		}
		for i := 0; i < n; i++ {
			// the one-word step comes from the word cache
			h := info[i].gh
			for L := 1; L <= g.MaxLen && i+L <= n; L++ {
				var mask uint32
				if L == 1 {
					mask = info[i].gm[gi]
				} else {
					h = hstr(h, info[i+L-1].lw)
					mask = g.m[h]
				}
				if mask == 0 { // every stored phrase has a type or the prefix mark
					break
				}
				for t := 0; t < len(g.Types); t++ {
					if mask&(1<<t) == 0 {
						continue
					}
					for k := i; k < i+L; k++ {
						pos := 'I'
						switch {
						case L == 1:
							pos = 'U'
						case k == i:
							pos = 'B'
						case k == i+L-1:
							pos = 'L'
						}
						gz[k] = append(gz[k], hint(hint(hint(hstart(fGaz), gi), t), int(pos)))
					}
				}
				if mask&gazPrefix == 0 {
					break
				}
			}
		}
	}
	// capitalized runs: every token of a run of capitalized words sees the
	// run's last and first word and its length, so the head noun of a name
	// ("... Bridge", "... Act", "... Airport") informs all its tokens
	runStart := -1
	if mode == modeNormal {
		for i := 0; i <= n; i++ {
			c := i < n && (info[i].capc == 'C' || info[i].capc == 'X' || info[i].capc == 'm')
			if c && runStart < 0 {
				runStart = i
			}
			if !c && runStart >= 0 {
				L := i - runStart
				if L >= 2 {
					last, first := info[i-1].lw, info[runStart].lw
					for k := runStart; k < i; k++ {
						gz[k] = append(gz[k], hstr(hint(hstart(fCapRun), 0), last), hstr(hint(hstart(fCapRun), 1), first), hint(hint(hstart(fCapRun), 2), min(L, 5)))
					}
					if fx.extra&featRunEdges != 0 {
						if runStart > 0 {
							gz[runStart-1] = append(gz[runStart-1], hstr(hint(hstart(fRunEdge), 0), last), hint(hint(hstart(fRunEdge), 1), min(L, 5)))
						}
						if i < n {
							gz[i] = append(gz[i], hstr(hint(hstart(fRunEdge), 2), last))
						}
					}
				}
				runStart = -1
			}
		}
	}
	modeS := string(mode)
	for i := 0; i < n; i++ {
		t := &info[i]
		sf.off[i] = int32(len(f))
		sf.lw[i] = t.lw
		capish := t.capc == 'C' || t.capc == 'X' || t.capc == 'm'
		sf.caps[i] = capish
		ini := "m"
		if t.initial {
			ini = "i"
		}
		f = append(f, hstart(fBias))
		if gh := fx.genre; gh != 0 {
			f = append(f, gh, hstr(hint(gh, 1), t.lw), hint(hint(hstr(hint(gh, 2), t.shape), int(t.capc)), int(ini[0])))
		}
		f = append(f, t.own...)
		f = append(f, hstr(hstr(hstart(fShapeL), shapeAt(i-1)), t.shape))
		f = append(f, hstr(hstr(hstart(fShapeR), t.shape), shapeAt(i+1)))
		f = append(f, hstr(hstart(fPrev1), lwAt(i-1)))
		f = append(f, hstr(hstart(fNext1), lwAt(i+1)))
		f = append(f, hstr(hstart(fPrev2), lwAt(i-2)))
		f = append(f, hstr(hstart(fNext2), lwAt(i+2)))
		f = append(f, hstr(hstr(hstart(fBiL), lwAt(i-1)), t.lw))
		f = append(f, hstr(hstr(hstart(fBiR), t.lw), lwAt(i+1)))
		f = append(f, hint(hint(hint(hstart(fCapCtx), int(mode)), int(t.capc)), int(ini[0])))
		if capish || t.initial {
			f = append(f, hstr(hstr(hstr(hstart(fLowCap), t.lw), modeS), ini))
		}
		f = append(f, hstr(hstr(hstart(fPrevShape), lwAt(i-1)), t.shape))
		f = append(f, hstr(hstr(hstr(hstart(fTri), lwAt(i-1)), t.lw), lwAt(i+1)))

		if p := get(i - 1); p != nil {
			for g := 1; g < min(3, fx.clusterSizes()); g++ {
				f = append(f, clusterFeat(fClusterL, g, p.cl))
			}
		}
		if p := get(i + 1); p != nil {
			for g := 1; g < min(3, fx.clusterSizes()); g++ {
				f = append(f, clusterFeat(fClusterR, g, p.cl))
			}
		}
		if capish && fx.cl != nil {
			// how the word is written in the unlabeled text: a capitalized
			// word whose lowercase form is common is rarely a name
			low := fx.cl.LookupNorm(t.lw) != nil
			up := fx.cl.LookupNorm(t.w) != nil
			f = append(f, hint(hint(hint(hstart(fVocabCase), b2i(low)), b2i(up)), int(ini[0])))
		}
		f = append(f, gz[i]...)
		if i+1 < n {
			for _, h := range gz[i+1] {
				f = append(f, hint(h, fNextGaz))
			}
		}
		if i > 0 {
			for _, h := range gz[i-1] {
				f = append(f, hint(h, fPrevGaz))
			}
		}
		if st != nil && (capish || mode != modeNormal) && t.capc != 'p' && t.capc != 'd' {
			cm := st.capMid[t.lw]
			lo := st.low[t.lw]
			if mode == modeNormal && capish && !t.initial {
				cm-- // this occurrence
			}
			if mode == modeNormal && t.capc == 'l' {
				lo--
			}
			f = append(f, hint(hint(hint(hint(hstart(fDocCase), min(cm, 2)), min(lo, 1)), int(mode)), int(ini[0])))
			if fx.extra&featInitialOnly != 0 && mode == modeNormal && capish && t.initial {
				f = append(f, hint(hint(hstart(fDocInit), min(cm, 2)), min(st.initCap[t.lw]-1, 3)))
			}
			for _, o := range st.ctx[t.lw] {
				if o.sent == si && o.tok == i {
					continue
				}
				f = append(f, hstr(hstart(fAggPrev), o.prev), hstr(hstart(fAggNext), o.next))
			}
		}
	}
	sf.off[n] = int32(len(f))
	sf.feats = f[:len(f):len(f)]
	if len(f) <= cap(fx.buf)-len(fx.buf) {
		fx.buf = fx.buf[:len(fx.buf)+len(f)] // f was built in place
	}
	return sf
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (fx *featurizer) clusterSizes() int {
	if fx.cl == nil {
		return 0
	}
	return len(fx.cl.Sizes)
}

func clusterFeat(tmpl, g int, cl []uint16) uint64 {
	h := hint(hstart(tmpl), g)
	if cl == nil {
		return hint(h, 1<<20)
	}
	return hint(h, int(cl[g]))
}

// appendAffixes adds the prefixes and suffixes of lw of 1 to maxLen code
// points (maxLen 0 means 4, the English models' setting; inflected languages
// use 5, so that case endings such as "-ского" or "-owie" are seen whole).
func appendAffixes(f []uint64, lw string, maxLen int) []uint64 {
	if maxLen <= 0 {
		maxLen = 4
	}
	ascii := true
	for i := 0; i < len(lw); i++ {
		if lw[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		for k := 1; k <= maxLen && k <= len(lw); k++ {
			f = append(f, hint(hstr(hstart(fPrefix), lw[:k]), k))
			f = append(f, hint(hstr(hstart(fSuffix), lw[len(lw)-k:]), k))
		}
		return f
	}
	r := []rune(lw)
	for k := 1; k <= maxLen && k <= len(r); k++ {
		f = append(f, hint(hstr(hstart(fPrefix), string(r[:k])), k))
		f = append(f, hint(hstr(hstart(fSuffix), string(r[len(r)-k:])), k))
	}
	return f
}
