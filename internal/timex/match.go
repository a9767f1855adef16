package timex

import (
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/timex/scan"
)

// run is the state of tagging one text.
type run struct {
	t      *Tagger
	lx     *lexicon
	text   string
	toks   []scan.Token
	shared []scan.Token // from scan.Shared, given back by release
	dct    time.Time
	hasDCT bool
	// sentence of each token, and each sentence's first and end token
	sentOf         []int
	sentLo, sentHi []int
	// (fields below are filled as tagging goes)
	// the last year written out, and the sentence it was in
	ctxYear, ctxSent int
	// the last resolved date (year to day), anchor of "a year earlier"
	anchor     val
	hasAnchor  bool
	anchorSent int
	// the last quarter mentioned: "a year ago" in an earnings report means
	// the same quarter a year before
	qAnchor    val
	hasQAnchor bool
	// depth of nested pattern calls (see best)
	depth int
	// slashOrder: 1 day first, -1 month first, 0 not decided yet
	slashOrder int
	// phr holds, once looked up, the phrases starting at each token (see
	// match), phrKinds their kinds; phrSet says which tokens were looked up.
	phr      [][]phrase
	phrKinds []kindSet
	phrSet   []bool
	// buf holds sentOf, phr, phrKinds and phrSet; it goes back to scratchPool
	// after tagging (see release).
	buf *scratch
}

// scratch is the per-token memory of a run, reused through scratchPool.
type scratch struct {
	ints     []int
	phr      [][]phrase
	phrKinds []kindSet
	phrSet   []bool
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// release gives the run's per-token memory back to scratchPool; the run is
// not used afterwards.
func (r *run) release() {
	b := r.buf
	clear(b.phr) // drop references to the lexicon
	scan.Release(r.shared)
	*r = run{}
	scratchPool.Put(b)
}

// match is lexicon.match on the run's tokens, each token's phrases looked
// up in the lexicon once: the patterns try the same tokens many times.
func (r *run) match(i int, ks kindSet) (phrase, int, bool) {
	if i >= len(r.toks) {
		return phrase{}, i, false
	}
	if !r.phrSet[i] {
		ps := r.lx.phrasesAt(&r.toks[i])
		var kinds kindSet
		for k := range ps {
			kinds |= ps[k].bit
		}
		r.phr[i], r.phrKinds[i], r.phrSet[i] = ps, kinds, true
	}
	if r.phrKinds[i]&ks == 0 {
		return phrase{}, i, false
	}
	return matchPhrases(r.toks, i, r.phr[i], ks)
}

// daySlack is how many days a past-tense day without a year may lie after
// publication (and a future one before it) before the tense moves it a
// year: tense detection is a guess, so only a clear mismatch counts.
const daySlack = 60

// monthSlack is how many months a past-tense month may lie after
// publication (and a future one before it) before the tense moves it a year.
const monthSlack = 2

// tenseWindow is how many tokens either side of a date tense() looks at.
const tenseWindow = 40

// maxDepth bounds the nesting of patterns.
const maxDepth = 3

// match is one recognized expression: tokens [start, end) and its value.
type match struct {
	start, end int
	v          val
	// anchored: counted from an earlier date, so not an anchor itself
	anchored bool
}

func newRun(t *Tagger, lx *lexicon, text, published string, sents []doc.Span) *run {
	shared := scan.Shared(text)
	r := &run{t: t, lx: lx, text: text, toks: splitElisions(shared, lx.elisions), shared: shared, ctxSent: -10}
	if len(published) >= 10 {
		if d, err := time.Parse("2006-01-02", published[:10]); err == nil {
			r.dct = d.Add(12 * time.Hour)
			r.hasDCT = true
		}
	}
	n := len(r.toks)
	b := scratchPool.Get().(*scratch)
	if cap(b.ints) < n {
		b.ints = make([]int, n)
	}
	if cap(b.phr) < n {
		b.phr = make([][]phrase, n)
	}
	if cap(b.phrKinds) < n {
		b.phrKinds = make([]kindSet, n)
	}
	if cap(b.phrSet) < n {
		b.phrSet = make([]bool, n)
	}
	r.buf, r.phr, r.phrKinds, r.phrSet = b, b.phr[:n:n], b.phrKinds[:n:n], b.phrSet[:n:n]
	clear(r.phrSet)
	r.sentences(sents)
	return r
}

// splitElisions cuts an elided word off the word it is joined to
// ("l'année" → "l'" "année", "dell'anno" → "dell'" "anno"), for languages
// with elisions.txt, so that patterns see the word itself.
func splitElisions(toks []scan.Token, elisions []string) []scan.Token {
	if len(elisions) == 0 {
		return toks
	}
	var out []scan.Token
	for k, t := range toks {
		if t.Kind != scan.Word {
			if out != nil {
				out = append(out, t)
			}
			continue
		}
		a := strings.IndexAny(t.Lower, "'’")
		if a <= 0 {
			if out != nil {
				out = append(out, t)
			}
			continue
		}
		w := t.Lower[:a]
		found := false
		for _, e := range elisions {
			if e == w {
				found = true
				break
			}
		}
		if !found {
			if out != nil {
				out = append(out, t)
			}
			continue
		}
		if out == nil {
			out = append(make([]scan.Token, 0, len(toks)+8), toks[:k]...)
		}
		_, sz := utf8.DecodeRuneInString(t.Text[a:])
		cut := a + sz
		head, tail := t, t
		head.End, head.Text, head.Lower = t.Start+cut, t.Text[:cut], t.Lower[:cut]
		tail.Start, tail.Text, tail.Lower, tail.Space, tail.Break = t.Start+cut, t.Text[cut:], t.Lower[cut:], false, false
		out = append(out, head, tail)
	}
	if out == nil {
		return toks
	}
	return out
}

// sentences assigns every token to a sentence: the given spans, or breaks
// after ".", "!" and "?" and at line breaks.
func (r *run) sentences(sents []doc.Span) {
	r.sentOf = r.buf.ints[:len(r.toks):len(r.toks)]
	s := 0
	if len(sents) > 0 {
		for i := range r.toks {
			for s < len(sents)-1 && r.toks[i].Start >= sents[s].End {
				s++
			}
			r.sentOf[i] = s
		}
	} else {
		for i := range r.toks {
			if i > 0 && (r.toks[i].Break || r.toks[i-1].Kind == scan.Punct && strings.ContainsAny(r.toks[i-1].Text, ".!?") && r.toks[i].Space && r.startsSentence(i) && !r.abbrevBefore(i-1)) {
				s++
			}
			r.sentOf[i] = s
		}
	}
	n := 0
	if len(r.toks) > 0 {
		n = r.sentOf[len(r.toks)-1] + 1
	}
	r.sentLo = make([]int, n)
	r.sentHi = make([]int, n)
	for i := range r.sentLo {
		r.sentLo[i] = -1
	}
	for i, si := range r.sentOf {
		if r.sentLo[si] < 0 {
			r.sentLo[si] = i
		}
		r.sentHi[si] = i + 1
	}
}

// startsSentence reports whether toks[i] can begin a sentence: a capital,
// or an opening quote or bracket before one.
func (r *run) startsSentence(i int) bool {
	t := r.toks
	if t[i].Cap() || t[i].Kind == scan.Number {
		return true
	}
	return t[i].Kind == scan.Punct && strings.ContainsAny(t[i].Text, "\"“‘'([") && i+1 < len(t) && t[i+1].Cap()
}

// abbrevBefore reports whether the "." at toks[i] ends a month or title
// abbreviation ("Sept.", "Mr.") rather than a sentence.
func (r *run) abbrevBefore(i int) bool {
	if i == 0 || r.toks[i].Text != "." {
		return false
	}
	p := r.toks[i-1]
	if _, ok := r.lx.months[p.Lower]; ok && len(p.Lower) <= 4 {
		return true
	}
	return p.Kind == scan.Word && len(p.Text) <= 3 && p.Cap()
}

func (r *run) tag() []doc.Date {
	var out []doc.Date
	for i := 0; i < len(r.toks); {
		m, ok := r.best(i)
		if !ok {
			i++
			continue
		}
		m = r.extend(m)
		if m.v.g == gYear || m.v.g >= gMonth && m.v.g <= gTime || m.v.g == gQuarter || m.v.g == gHalf || m.v.g == gSeason {
			if !m.v.unresolved && r.explicitYear(m) {
				r.ctxYear, r.ctxSent = m.v.y, r.sentOf[m.start]
			}
		}
		if !m.anchored && !m.v.unresolved && m.v.end == nil && m.v.g >= gYear && m.v.g <= gTime && m.v.g != gSeason && m.v.g != gWeekend {
			r.anchor, r.hasAnchor, r.anchorSent = m.v, true, r.sentOf[m.start]
			if m.v.g == gQuarter {
				r.qAnchor, r.hasQAnchor = m.v, true
			}
		}
		if m.v.g == gRef && !r.t.cfg.VagueRefs {
			i = m.end
			continue
		}
		out = append(out, doc.Date{
			Span:  doc.Span{Start: r.toks[m.start].Start, End: r.toks[m.end-1].End},
			Value: m.v.String(),
			Kind:  m.v.kind(),
			Mod:   m.v.mod,
		})
		i = m.end
	}
	return out
}

// explicitYear reports whether a match writes its year out in digits.
func (r *run) explicitYear(m match) bool {
	for k := m.start; k < m.end; k++ {
		if n := r.toks[k].Int(); n >= 1000 && n <= 2200 && len(r.toks[k].Text) == 4 {
			return true
		}
	}
	return false
}

// best tries every pattern at token i and keeps the longest match.
func (r *run) best(i int) (match, bool) {
	// patterns nest ("the" + "mid-" + a date, a time + its day) but never
	// deeply; the limit keeps runs of "the the the …" linear
	if i >= len(r.toks) || r.depth >= maxDepth {
		return match{}, false
	}
	r.depth++
	defer func() { r.depth-- }()
	var best match
	found := false
	try := func(m match, ok bool) {
		if ok && m.end > i && (!found || m.end > best.end) {
			best, found = m, true
		}
	}
	t := &r.toks[i]
	switch t.Kind {
	case scan.Number:
		try(r.dotted(i))
		try(r.iso(i))
		try(r.slash(i))
		try(r.dayFirst(i))
		try(r.year(i))
		try(r.clock(i))
		try(r.ago(i))
		try(r.century(i))
	case scan.Word:
		// one lookup tells whether any pattern can start at this word
		f := r.lx.startsOf(t.Lower)
		if b := t.Base(); f == 0 && b != t.Lower {
			f = r.lx.startsOf(b)
		}
		if f&startMonth != 0 {
			try(r.monthFirst(i))
		}
		if f&startWeekday != 0 {
			try(r.weekday(i, 0, false))
			try(r.postShifted(i))
		}
		if f&startPhrase != 0 {
			try(r.words(i))
			try(r.shifted(i))
			try(r.before(i))
			try(r.modified(i))
			try(r.clock(i))
			try(r.quarter(i))
			try(r.season(i))
		}
		if f&startNumber != 0 {
			// number words: "fifth of May", "third quarter", "two days ago"
			try(r.dayFirst(i))
			try(r.quarter(i))
			try(r.ago(i))
			try(r.century(i))
			try(r.wordYear(i))
		} else if f&startCount != 0 {
			try(r.ago(i)) // "a year ago", "several years ago", "year-earlier"
		}
		if f&startCount != 0 {
			try(r.postShifted(i)) // "semaine dernière"
		}
		if f&startThe != 0 {
			try(r.the(i))
		}
		if f&startHoliday != 0 {
			try(r.holidayAt(i))
		}
	case scan.Punct:
		if t.Text == "'" || t.Text == "’" {
			try(r.year(i))
		}
	}
	return best, found
}

// the takes a leading "the" into decades, quarters and seasons ("the 1990s",
// "the third quarter") and reads "the weekend".
func (r *run) the(i int) (match, bool) {
	j := i + 1
	if j >= len(r.toks) {
		return match{}, false
	}
	// "the quarter", "the latest quarter": the one last mentioned, else the
	// last one completed
	k := j
	latest := false
	if _, e, ok := r.match(k, kLatest); ok {
		k, latest = e, true
	}
	if u, e, ok := r.match(k, kUnit); ok && u.args[0] == "Q" && e == k+1 && r.toks[k].Base() == r.toks[k].Lower && !strings.HasSuffix(r.toks[k].Lower, "s") {
		if r.hasQAnchor && !latest {
			v := r.qAnchor
			v.mod = ""
			return match{i, k + 1, v, true}, true
		}
		v := r.rel(func() val { return shiftUnit(r.dct, "Q", -1) })
		return match{i, k + 1, v, false}, true
	}
	// "the year", "the current year", "the full year": the year of
	// publication, as in earnings reports; "the month" likewise
	k2 := j
	for k2 < len(r.toks) && r.isKind(k2, kYearadj) {
		k2++
	}
	if u, e, ok := r.match(k2, kUnit); ok && (u.args[0] == "Y" || u.args[0] == "M") && e == k2+1 && r.toks[k2].Base() == r.toks[k2].Lower && !strings.HasSuffix(r.toks[k2].Lower, "s") && !(e < len(r.toks) && (r.isKind(e, kAnchor) || r.toks[e].Dash())) {
		if u.args[0] == "Y" && k2 == j {
			// "the year 2000", "the year two thousand"
			if y, ok := r.yearNum(e); ok {
				return match{i, e + 1, val{g: gYear, y: y}, false}, true
			}
			if m, ok := r.wordYear(e); ok {
				m.start = i
				return m, true
			}
		}
		if u.args[0] == "Y" && k2 == j && r.hasAnchor && r.anchor.y != r.dct.Year() && r.sentOf[i] == r.anchorSent {
			v := val{g: gYear, y: r.anchor.y}
			return match{i, e, v, true}, true
		}
		v := r.rel(func() val { return shiftUnit(r.dct, u.args[0], 0) })
		return match{i, e, v, false}, true
	}
	if u, e, ok := r.match(j, kUnit); ok && u.args[0] == "WE" && e == j+1 && !strings.HasSuffix(r.toks[j].Base(), "s") {
		// the weekend just past, or the coming one when the clause looks
		// ahead or publication falls on it
		v := r.rel(func() val {
			wd := int(r.dct.Weekday())
			if wd == 0 || wd == 6 || r.tense(i) == tenseFuture || r.tense(i) == tensePresent {
				return weekVal(r.dct, gWeekend)
			}
			return weekVal(r.dct.AddDate(0, 0, -7), gWeekend)
		})
		return match{i, j + 1, v, false}, true
	}
	m, ok := r.best(j)
	if !ok {
		return match{}, false
	}
	switch m.v.g {
	case gDecade, gCentury, gQuarter, gHalf, gSeason:
		m.start = i
		return m, true
	}
	return match{}, false
}

// rel computes a value that needs the publication date, or marks it unresolved.
func (r *run) rel(f func() val) val {
	if !r.hasDCT {
		return val{g: gDay, unresolved: true}
	}
	return f()
}

// extend joins a time of day or a part of day to a day ("Friday at 10
// a.m.", "Tuesday night") and a day to a time ("10 a.m. on Friday" is made
// by clock itself).
func (r *run) extend(m match) match {
	if m.v.g == gYear && m.v.end == nil && m.end < len(r.toks) {
		// "this year's third quarter", "next year's first half"
		if q, ok := r.quarter(m.end); ok && !r.explicitYear(q) {
			q.v.y, q.v.unresolved, q.v.mod = m.v.y, m.v.unresolved, m.v.mod
			q.start = m.start
			return q
		}
	}
	if m.v.g != gDay || m.v.tag != "" || m.v.end != nil {
		return m
	}
	j := m.end
	if j < len(r.toks) {
		if p, e, ok := r.match(j, kPart); ok {
			m.v.tag = p.args[0]
			m.end = e
			return m
		}
	}
	k := j
	if k < len(r.toks) && (r.toks[k].Text == "," || r.isKind(k, kAt)) {
		k++
	}
	if k < len(r.toks) {
		if c, ok := r.clockOnly(k); ok {
			if !m.v.unresolved {
				m.v.g, m.v.hh, m.v.mm = gTime, c.v.hh, c.v.mm
			}
			m.end = c.end
		}
	}
	return m
}

func (r *run) isKind(i int, ks kindSet) bool {
	_, _, ok := r.match(i, ks)
	return ok
}

// abbrevMonth reports whether toks[j] is a short month name ("Sept",
// "Feb") that a dot may follow.
func (r *run) abbrevMonth(j int) bool {
	b := r.toks[j].Base()
	return r.lx.abbrMonths[b]
}

// skipDot steps over a "." right after an abbreviation.
func (r *run) skipDot(j int) int {
	if j < len(r.toks) && r.toks[j].Text == "." && !r.toks[j].Space {
		return j + 1
	}
	return j
}
