package langid

import (
	"bufio"
	"bytes"
	"embed"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/RadhiFadlillah/whatlanggo"
)

//go:generate go run ./gen

// fileProfiles is the data file of whatlanggo's trigram profiles written by
// gen (see gen/main.go for its format).
const fileProfiles = "data/profiles.tsv"

// maxTrigramDistance is whatlanggo's weight of a profile's first trigram
// (constants.go); the trigram of rank i weighs maxTrigramDistance-i.
const maxTrigramDistance = 300

//go:embed data
var dataFS embed.FS

// posting is one language holding a trigram: its index in the profile set
// and the trigram's weight in its profile.
type posting struct {
	lang   uint16
	weight int32
}

// profileSet is the inverted trigram profiles of the languages of one
// script: for each trigram (three runes packed by trigramKey), the languages
// whose profile holds it and at which rank.
type profileSet struct {
	script *unicode.RangeTable
	langs  []whatlanggo.Lang // in the order of the data file (whatlanggo's source)
	ids    map[uint64]int32  // trigram key → index into start
	start  []int32           // postings of trigram id i: post[start[i]:start[i+1]]
	post   []posting
	pool   sync.Pool // *scratch
}

// scratch is the per-call state of a profile set's scorer.
type scratch struct {
	seen []uint32 // trigram id → stamp of the last call that saw it
	gen  uint32
	dist []int
	num  []int
}

var (
	profilesOnce sync.Once
	profilesErr  error
	profileSets  map[*unicode.RangeTable]*profileSet
)

// loadProfiles reads the embedded profiles, once.
func loadProfiles() error {
	profilesOnce.Do(func() {
		b, err := dataFS.ReadFile(fileProfiles)
		if err != nil {
			profilesErr = fmt.Errorf("langid: %w", err)
			return
		}
		profileSets, profilesErr = parseProfiles(b)
	})
	return profilesErr
}

// parseProfiles builds the profile sets from the data file's text.
func parseProfiles(b []byte) (map[*unicode.RangeTable]*profileSet, error) {
	type entry struct {
		key  uint64
		lang uint16
		w    int32
	}
	entries := map[*unicode.RangeTable][]entry{}
	sets := map[*unicode.RangeTable]*profileSet{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 3 {
			return nil, fmt.Errorf("langid: %s:%d: want script, language and trigrams: %w", fileProfiles, n, ErrBadData)
		}
		script := unicode.Scripts[f[0]]
		l := whatlanggo.CodeToLang(f[1])
		if script == nil || l < 0 {
			return nil, fmt.Errorf("langid: %s:%d: unknown script %q or language %q: %w", fileProfiles, n, f[0], f[1], ErrBadData)
		}
		ps := sets[script]
		if ps == nil {
			ps = &profileSet{script: script}
			sets[script] = ps
		}
		li := uint16(len(ps.langs))
		ps.langs = append(ps.langs, l)
		for rank, q := range f[2:] {
			t, err := strconv.Unquote(q)
			if err != nil {
				return nil, fmt.Errorf("langid: %s:%d: trigram %d %s: %w", fileProfiles, n, rank+1, q, ErrBadData)
			}
			// A profile string that is not three valid runes never equals a
			// text trigram (whatlanggo compares strings): it is dropped.
			key, ok := profileKey(t)
			if !ok {
				continue
			}
			entries[script] = append(entries[script], entry{key, li, int32(maxTrigramDistance - rank)})
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("langid: %s: %w", fileProfiles, err)
	}
	if len(sets) == 0 {
		return nil, fmt.Errorf("langid: %s: no profiles: %w", fileProfiles, ErrBadData)
	}
	for script, ps := range sets {
		es := entries[script]
		// Group the postings by trigram; within a trigram keep the file
		// order (a trigram twice in one profile counts twice, as in
		// whatlanggo's calculateDistance).
		slices.SortStableFunc(es, func(a, b entry) int {
			switch {
			case a.key < b.key:
				return -1
			case a.key > b.key:
				return 1
			}
			return 0
		})
		ps.ids = make(map[uint64]int32, len(es))
		for i, e := range es {
			if i == 0 || e.key != es[i-1].key {
				ps.ids[e.key] = int32(len(ps.start))
				ps.start = append(ps.start, int32(len(ps.post)))
			}
			ps.post = append(ps.post, posting{e.lang, e.w})
		}
		ps.start = append(ps.start, int32(len(ps.post)))
		nIDs, nLangs := len(ps.start)-1, len(ps.langs)
		ps.pool.New = func() any {
			return &scratch{seen: make([]uint32, nIDs), dist: make([]int, nLangs), num: make([]int, nLangs)}
		}
	}
	return sets, nil
}

// profileKey packs a profile trigram of exactly three valid runes.
func profileKey(t string) (uint64, bool) {
	if !utf8.ValidString(t) || utf8.RuneCountInString(t) != 3 {
		return 0, false
	}
	var key uint64
	for _, r := range t {
		key = key<<21 | uint64(r)
	}
	return key, true
}

// trigramChar is whatlanggo's count() mapping of a rune: symbols, spaces,
// punctuation and digits become a space (toTrigramChar), then lower case.
func trigramChar(r rune) rune {
	if r < utf8.RuneSelf {
		switch {
		case 'A' <= r && r <= 'Z':
			return r + 'a' - 'A'
		case 'a' <= r && r <= 'z':
			return r
		}
	}
	if unicode.IsSymbol(r) || unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsDigit(r) {
		return ' '
	}
	return unicode.ToLower(r)
}

// score returns the language among the candidates with the highest trigram
// distance and whatlanggo's confidence, computed as whatlanggo's
// detectLangInProfiles does, and whether the best distance is an exact tie
// between two candidates. whatlanggo breaks such ties by map iteration order
// (at random); score takes the first of the tied languages in the order of
// the profiles in whatlanggo's source.
func (ps *profileSet) score(text string, white map[whatlanggo.Lang]bool) (lang whatlanggo.Lang, confidence float64, tie bool) {
	s := ps.pool.Get().(*scratch)
	defer ps.pool.Put(s)
	s.gen++
	if s.gen == 0 { // wrapped: stamps of earlier calls could collide
		clear(s.seen)
		s.gen = 1
	}
	clear(s.dist)
	clear(s.num)
	add := func(key uint64) {
		id, ok := ps.ids[key]
		if !ok {
			return
		}
		post := ps.post[ps.start[id]:ps.start[id+1]]
		if s.seen[id] != s.gen {
			s.seen[id] = s.gen
			for _, p := range post {
				s.num[p.lang]++
			}
		}
		for _, p := range post {
			s.dist[p.lang] += int(p.weight)
		}
	}
	// count(): the text's runes mapped, a space appended; the trigram
	// (r1, r2, r3) counts unless r2 is a space next to another space.
	r1, r2 := ' ', rune(-1)
	for _, r := range text {
		r3 := trigramChar(r)
		if r2 < 0 {
			r2 = r3
			continue
		}
		if r2 != ' ' || (r1 != ' ' && r3 != ' ') {
			add(uint64(r1)<<42 | uint64(r2)<<21 | uint64(r3))
		}
		r1, r2 = r2, r3
	}
	if r2 >= 0 {
		if r2 != ' ' {
			add(uint64(r1)<<42 | uint64(r2)<<21 | ' ')
		}
	}

	// calculateConfidence over the candidates (in data-file order; the
	// first of equal distances wins).
	n, best, second := 0, -1, -1
	for i, l := range ps.langs {
		if _, ok := white[l]; len(white) > 0 && !ok {
			continue
		}
		n++
		switch {
		case best < 0 || s.dist[i] > s.dist[best]:
			best, second = i, best
		case second < 0 || s.dist[i] > s.dist[second]:
			second = i
		}
	}
	switch {
	case n == 0:
		return -1, 0, false
	case n == 1:
		return ps.langs[best], 1, false
	}
	score1, score2 := s.dist[best], s.dist[second]
	if score1 == 0 {
		return -1, 0, false
	}
	if score2 == 0 {
		return ps.langs[best], min(float64(score1/500), 1), false
	}
	rate := float64(score1-score2) / float64(score2)
	confidentRate := 12.0/float64(s.num[best]) + 0.05
	if rate > confidentRate {
		confidence = 1
	} else {
		confidence = rate / confidentRate
	}
	confidence = math.Round(confidence*100) / 100
	return ps.langs[best], confidence, score1 == score2
}
