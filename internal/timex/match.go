package timex

import (
	"strconv"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/timex/scan"
)

// run is the state of tagging one text.
type run struct {
	t      *Tagger
	lx     *lexicon
	text   string
	toks   []scan.Token
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
	r := &run{t: t, lx: lx, text: text, toks: scan.Scan(text), ctxSent: -10}
	if len(published) >= 10 {
		if d, err := time.Parse("2006-01-02", published[:10]); err == nil {
			r.dct = d.Add(12 * time.Hour)
			r.hasDCT = true
		}
	}
	r.sentences(sents)
	return r
}

// sentences assigns every token to a sentence: the given spans, or breaks
// after ".", "!" and "?" and at line breaks.
func (r *run) sentences(sents []doc.Span) {
	r.sentOf = make([]int, len(r.toks))
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
		try(r.iso(i))
		try(r.slash(i))
		try(r.dayFirst(i))
		try(r.year(i))
		try(r.clock(i))
		try(r.ago(i))
		try(r.century(i))
	case scan.Word:
		// one lookup tells whether any pattern can start at this word
		f := r.lx.starts[t.Lower]
		if b := t.Base(); f == 0 && b != t.Lower {
			f = r.lx.starts[b]
		}
		if f&startMonth != 0 {
			try(r.monthFirst(i))
		}
		if f&startWeekday != 0 {
			try(r.weekday(i, 0, false))
		}
		if f&startPhrase != 0 {
			try(r.words(i))
			try(r.shifted(i))
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
		} else if f&startCount != 0 {
			try(r.ago(i)) // "a year ago", "several years ago", "year-earlier"
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
	if _, e, ok := r.lx.match(r.toks, k, "latest"); ok {
		k, latest = e, true
	}
	if u, e, ok := r.lx.match(r.toks, k, "unit"); ok && u.args[0] == "Q" && e == k+1 && r.toks[k].Base() == r.toks[k].Lower && !strings.HasSuffix(r.toks[k].Lower, "s") {
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
	for k2 < len(r.toks) && r.isKind(k2, "yearadj") {
		k2++
	}
	if u, e, ok := r.lx.match(r.toks, k2, "unit"); ok && (u.args[0] == "Y" || u.args[0] == "M") && e == k2+1 && r.toks[k2].Base() == r.toks[k2].Lower && !strings.HasSuffix(r.toks[k2].Lower, "s") && !(e < len(r.toks) && (r.isKind(e, "anchor") || r.toks[e].Dash())) {
		if u.args[0] == "Y" && k2 == j && r.hasAnchor && r.anchor.y != r.dct.Year() && r.sentOf[i] == r.anchorSent {
			v := val{g: gYear, y: r.anchor.y}
			return match{i, e, v, true}, true
		}
		v := r.rel(func() val { return shiftUnit(r.dct, u.args[0], 0) })
		return match{i, e, v, false}, true
	}
	if u, e, ok := r.lx.match(r.toks, j, "unit"); ok && u.args[0] == "WE" && e == j+1 && !strings.HasSuffix(r.toks[j].Base(), "s") {
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
		if p, e, ok := r.lx.match(r.toks, j, "part"); ok {
			m.v.tag = p.args[0]
			m.end = e
			return m
		}
	}
	k := j
	if k < len(r.toks) && (r.toks[k].Text == "," || r.isKind(k, "at")) {
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

func (r *run) isKind(i int, kind string) bool {
	_, _, ok := r.lx.match(r.toks, i, kind)
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

// iso reads 2024-09-27 and 2024-09.
func (r *run) iso(i int) (match, bool) {
	t := r.toks
	if len(t[i].Text) != 4 || !t[i].Digits() || i+2 >= len(t) || !t[i+1].Dash() || t[i+1].Space || t[i+2].Space || len(t[i+2].Text) != 2 || !t[i+2].Digits() {
		return match{}, false
	}
	y, mo := t[i].Int(), t[i+2].Int()
	if mo < 1 || mo > 12 {
		return match{}, false
	}
	if i+4 < len(t) && t[i+3].Dash() && !t[i+3].Space && !t[i+4].Space && len(t[i+4].Text) == 2 && t[i+4].Digits() {
		d := t[i+4].Int()
		if validDay(y, mo, d) {
			m := match{i, i + 5, val{g: gDay, y: y, mo: mo, d: d}, false}
			// a time: 2024-09-27T10:00 or 2024-09-27 10:00
			if c, ok := r.clockOnly(i + 5); ok && c.start == i+5 {
				m.v.g, m.v.hh, m.v.mm, m.end = gTime, c.v.hh, c.v.mm, c.end
			}
			return m, true
		}
		return match{}, false
	}
	if mo == (y+1)%100 {
		// "2003-04": a financial or season year, not April 2003
		return match{i, i + 3, val{g: gYear, y: y, end: &val{g: gYear, y: y + 1}}, false}, true
	}
	return match{i, i + 3, val{g: gMonth, y: y, mo: mo}, false}, true
}

// slash reads 9/27/2024, 27/9/2024 and 9/27/24.
func (r *run) slash(i int) (match, bool) {
	t := r.toks
	if i+4 >= len(t) || !t[i].Digits() || t[i+1].Text != "/" || !t[i+2].Digits() || t[i+3].Text != "/" || !t[i+4].Digits() {
		return match{}, false
	}
	for k := i + 1; k <= i+4; k++ {
		if t[k].Space {
			return match{}, false
		}
	}
	a, b, y := t[i].Int(), t[i+2].Int(), t[i+4].Int()
	switch len(t[i+4].Text) {
	case 2:
		if y < 50 {
			y += 2000
		} else {
			y += 1900
		}
	case 4:
	default:
		return match{}, false
	}
	mo, d := a, b
	if a > 12 || r.slashDayFirst() && b <= 12 {
		mo, d = b, a
	}
	if !validDay(y, mo, d) {
		return match{}, false
	}
	return match{i, i + 5, val{g: gDay, y: y, mo: mo, d: d}, false}, true
}

// slashDayFirst decides how ambiguous slash dates of this text are read: as
// the text itself shows when one of its slash dates cannot be read the
// other way ("27/9/2004"), else as configured.
func (r *run) slashDayFirst() bool {
	if r.slashOrder == 0 {
		r.slashOrder = -1
		if r.t.cfg.DayFirst {
			r.slashOrder = 1
		}
		t := r.toks
		for i := 0; i+4 < len(t); i++ {
			if t[i+1].Text != "/" || t[i+3].Text != "/" || !t[i].Digits() || !t[i+2].Digits() || !t[i+4].Digits() {
				continue
			}
			if a, b := t[i].Int(), t[i+2].Int(); a > 12 && b <= 12 {
				r.slashOrder = 1
				break
			} else if b > 12 && a <= 12 {
				r.slashOrder = -1
				break
			}
		}
	}
	return r.slashOrder > 0
}

// dayNum reads a day of the month at toks[j]: "27", "27th", "twenty-seventh";
// it returns the day and the next token.
func (r *run) dayNum(j int) (int, int, bool) {
	if j >= len(r.toks) {
		return 0, j, false
	}
	t := &r.toks[j]
	if t.Digits() && len(t.Text) <= 2 {
		d := t.Int()
		e := j + 1
		if e < len(r.toks) && !r.toks[e].Space && r.toks[e].Kind == scan.Word {
			if _, e2, ok := r.lx.nums.Ordinal(r.toks, j); ok {
				e = e2
			} else {
				return 0, j, false // "5m", "3pm"
			}
		}
		if d >= 1 && d <= 31 {
			return d, e, true
		}
		return 0, j, false
	}
	if t.Kind == scan.Word {
		if d, e, ok := r.lx.nums.Ordinal(r.toks, j); ok && d >= 1 && d <= 31 {
			return d, e, true
		}
	}
	return 0, j, false
}

// yearNum reads a four-digit year at toks[j].
func (r *run) yearNum(j int) (int, bool) {
	if j >= len(r.toks) || len(r.toks[j].Text) != 4 || !r.toks[j].Digits() {
		return 0, false
	}
	y := r.toks[j].Int()
	if y < 1000 || y > 2200 {
		return 0, false
	}
	// not "2004" in "2004s" or a number joined to letters
	if j+1 < len(r.toks) && !r.toks[j+1].Space && r.toks[j+1].Kind == scan.Word {
		return 0, false
	}
	return y, true
}

// monthFirst reads "September 27, 2024", "Sept. 27", "September 2024",
// "February 14-16", "September" and "August of 1998".
func (r *run) monthFirst(i int) (match, bool) {
	t := r.toks
	mo := r.lx.months[t[i].Base()]
	full := !r.lx.abbrMonths[t[i].Base()]
	j := i + 1
	dotted := false
	if !full {
		j = r.skipDot(i + 1)
		dotted = j > i+1
	}
	if r.lx.capMonths && !t[i].Cap() {
		return match{}, false
	}
	if d, e, ok := r.dayNum(j); ok && t[j].Kind == scan.Number || ok && e > j {
		// not a time ("May 5:30") or an amount
		if e+1 < len(t) && t[e].Text == ":" && !t[e].Space && !t[e+1].Space && t[e+1].Kind == scan.Number {
			return match{}, false
		}
		v := val{g: gDay, mo: mo, d: d}
		end := e
		// "February 14-16", "Feb 28 - March 2"
		var v2 *val
		if e+1 < len(t) && (t[e].Dash() || r.lx.is(t[e].Lower, "range")) {
			if d2, e2, ok := r.dayNum(e + 1); ok && d2 > d {
				v2 = &val{g: gDay, mo: mo, d: d2}
				end = e2
			} else if mo2, ok := r.lx.months[t[e+1].Base()]; ok {
				if d2, e2, ok := r.dayNum(r.skipDot(e + 2)); ok {
					v2 = &val{g: gDay, mo: mo2, d: d2}
					end = e2
				}
			}
		}
		k := end
		if k < len(t) && t[k].Text == "," {
			k++
		}
		if y, ok := r.yearNum(k); ok {
			v.y = y
			end = k + 1
			if v2 != nil {
				v2.y = y
				if v2.mo < v.mo {
					v.y--
				}
			}
		} else {
			r.dayYear(&v, i)
			if v2 != nil {
				v2.y = v.y
				v2.unresolved = v.unresolved
				if v2.mo < v.mo {
					v2.y++
				}
			}
		}
		if !v.unresolved && !validDay(v.y, v.mo, v.d) {
			return match{}, false
		}
		if v2 != nil {
			if !v2.unresolved && !validDay(v2.y, v2.mo, v2.d) {
				return match{}, false
			}
			v.end = v2
		}
		return match{i, end, v, false}, true
	}
	// "September 2024", "September of 2024", "Sept. 2024"
	k := j
	if k < len(t) && (r.isKind(k, "of") || t[k].Text == ",") {
		k++
	}
	if y, ok := r.yearNum(k); ok {
		v := val{g: gMonth, y: y, mo: mo}
		end := k + 1
		return match{i, end, v, false}, true
	}
	// "March last year", "June next year"
	if !dotted {
		if p, e, ok := r.lx.match(t, j, "shift"); ok {
			if u, e2, ok := r.lx.match(t, e, "unit"); ok && u.args[0] == "Y" && t[e].Base() == t[e].Lower {
				n, _ := strconv.Atoi(p.args[0])
				v := r.rel(func() val { return val{g: gMonth, y: r.dct.Year() + n, mo: mo} })
				return match{i, e2, v, false}, true
			}
		}
	}
	// a month name alone
	if !full || dotted {
		return match{}, false
	}
	if !r.monthAlone(i) {
		return match{}, false
	}
	v := val{g: gMonth, mo: mo}
	r.monthYear(&v, i)
	return match{i, i + 1, v, false}, true
}

// monthAlone decides whether a month name without a day or year is a date:
// "May" and "March" need a date preposition before them; other names need
// one, or a lower-case word after them.
func (r *run) monthAlone(i int) bool {
	t := r.toks
	prev := ""
	if i > 0 {
		prev = t[i-1].Lower
	}
	if r.lx.is(prev, "prep") || !r.lx.capMonths {
		// after a preposition a month, unless a name goes on ("by March
		// Madness"); "in" always
		return prev == "in" || !(i+1 < len(t) && t[i+1].Kind == scan.Word && t[i+1].Cap())
	}
	if r.lx.wordMonths[t[i].Lower] {
		return false // "Theresa May", "the March"
	}
	if i+1 < len(t) && t[i+1].Kind == scan.Word && t[i+1].Cap() {
		return false
	}
	return i > 0 && !t[i-1].Cap() || i+1 < len(t) && t[i+1].Kind != scan.Word
}

// dayFirst reads "27 September 2024", "27th of September", "14-16 February",
// "14. Februar 2025" and "14 февраля".
func (r *run) dayFirst(i int) (match, bool) {
	t := r.toks
	d, j, ok := r.dayNum(i)
	if !ok {
		return match{}, false
	}
	var v2 *val
	if j+1 < len(t) && t[j].Dash() {
		if d2, e2, ok := r.dayNum(j + 1); ok && d2 > d {
			v2 = &val{g: gDay, d: d2}
			j = e2
		}
	}
	j = r.skipDot(j)
	if j < len(t) && r.isKind(j, "of") {
		j++
	}
	if j >= len(t) {
		return match{}, false
	}
	mo, ok := r.lx.months[t[j].Base()]
	if !ok || r.lx.capMonths && !t[j].Cap() {
		return match{}, false
	}
	end := j + 1
	if r.abbrevMonth(j) {
		end = r.skipDot(j + 1)
	}
	v := val{g: gDay, mo: mo, d: d}
	k := end
	if k < len(t) && (t[k].Text == "," || r.isKind(k, "of")) {
		k++
	}
	if y, ok := r.yearNum(k); ok {
		v.y = y
		end = k + 1
	} else {
		r.dayYear(&v, i)
	}
	if !v.unresolved && !validDay(v.y, v.mo, v.d) {
		return match{}, false
	}
	if v2 != nil {
		v2.y, v2.mo, v2.unresolved = v.y, v.mo, v.unresolved
		v.end = v2
	}
	return match{i, end, v, false}, true
}

// contextYear returns the year last written out in this or the previous
// sentence of token i, or 0.
func (r *run) contextYear(i int) int {
	if r.ctxYear != 0 && (r.sentOf[i]-r.ctxSent <= 0 || !r.hasDCT) {
		return r.ctxYear
	}
	return 0
}

// dayYear gives a day without a year its year: the context year, else the
// year that puts it nearest the publication date, pushed back or forward
// by the tense when that is clear.
func (r *run) dayYear(v *val, i int) {
	if y := r.contextYear(i); y != 0 {
		v.y = y
		return
	}
	if !r.hasDCT {
		v.unresolved = true
		return
	}
	tense := r.tense(i)
	bestY, bestD := 0, 1e18
	for y := r.dct.Year() - 1; y <= r.dct.Year()+1; y++ {
		if !validDay(y, v.mo, v.d) {
			continue
		}
		diff := date(y, v.mo, v.d).Sub(r.dct).Hours() / 24
		if tense == tensePast && diff > daySlack || tense == tenseFuture && diff < -daySlack {
			continue
		}
		if diff < 0 {
			diff = -diff
		}
		if diff < bestD {
			bestY, bestD = y, diff
		}
	}
	if bestY == 0 {
		bestY = r.dct.Year()
	}
	v.y = bestY
}

// monthYear gives a month without a year its year, like dayYear.
func (r *run) monthYear(v *val, i int) {
	if y := r.contextYear(i); y != 0 {
		v.y = y
		return
	}
	if !r.hasDCT {
		v.unresolved = true
		return
	}
	dm := int(r.dct.Month())
	v.y = r.dct.Year()
	// the nearest such month; the tense decides only between two
	// equally near ones
	tense := r.tense(i)
	switch d := v.mo - dm; {
	case tense == tensePast && d > monthSlack:
		v.y--
	case tense == tenseFuture && d < -monthSlack:
		v.y++
	case tense == tensePast || tense == tenseFuture:
	case d > 6 || d == 6 && tense != tenseFuture:
		v.y--
	case d < -6 || d == -6 && tense == tenseFuture:
		v.y++
	}
}

// tense finds the tense of the clause of token i: the nearest tense marker
// before it in its sentence, else the nearest after it.
func (r *run) tense(i int) int {
	s := r.sentOf[i]
	lo, hi := max(r.sentLo[s], i-tenseWindow), min(r.sentHi[s], i+tenseWindow)
	for k := i - 1; k >= lo; k-- {
		if tn := r.lx.tenseAt(r.toks, k); tn != tenseNone {
			return tn
		}
	}
	for k := i + 1; k < hi; k++ {
		if tn := r.lx.tenseAt(r.toks, k); tn != tenseNone {
			return tn
		}
	}
	return tenseNone
}

// weekday reads "Tuesday", "Tuesday, Feb. 11" and, with shift set by
// shifted, "last Tuesday".
func (r *run) weekday(i, shift int, shifted bool) (match, bool) {
	t := r.toks
	wd, ok := r.lx.weekdays[t[i].Base()]
	if !ok || r.lx.capMonths && !t[i].Cap() {
		return match{}, false
	}
	full := len(t[i].Base()) > 4
	j := r.skipDot(i + 1)
	// "Tuesday, Feb. 11, 2025" / "Tuesday 11 February": the date decides
	k := j
	if k < len(t) && t[k].Text == "," {
		k++
	}
	if k < len(t) {
		var m match
		var ok bool
		if _, isMonth := r.lx.months[t[k].Base()]; isMonth {
			m, ok = r.monthFirst(k)
		} else if t[k].Kind == scan.Number {
			m, ok = r.dayFirst(k)
		}
		if ok && m.v.g == gDay {
			m.start = i
			return m, true
		}
	}
	if !full && j == i+1 {
		return match{}, false
	}
	v := r.rel(func() val { return r.resolveWeekday(wd, shift, shifted, i) })
	return match{i, i + 1, v, false}, true
}

// resolveWeekday finds the day a weekday name refers to.
func (r *run) resolveWeekday(wd, shift int, shifted bool, i int) val {
	dw := int(r.dct.Weekday())
	if dw == 0 {
		dw = 7
	}
	back := (dw - wd + 7) % 7
	fwd := (wd - dw + 7) % 7
	var off int
	switch {
	case shifted && shift < 0:
		off = -back
		if back == 0 {
			off = -7
		}
	case shifted && shift > 0:
		off = fwd
		if fwd == 0 {
			off = 7
		}
	case shifted:
		off = fwd
	case r.toks[i].Base() != r.toks[i].Lower:
		// "Wednesday's ruling": something that has happened
		off = -back
	default:
		switch r.tense(i) {
		case tenseFuture, tensePresent:
			off = fwd
		default:
			off = -back
		}
	}
	return dayVal(r.dct.AddDate(0, 0, off))
}

// year reads "2012", "2007-2013", "2007-13", "1990s", "'90s", "fiscal 2025"
// is read by words.
func (r *run) year(i int) (match, bool) {
	t := r.toks
	// "'90s"
	if t[i].Kind == scan.Punct {
		if i+2 < len(t) && len(t[i+1].Text) == 2 && t[i+1].Digits() && !t[i+1].Space && t[i+2].Lower == "s" && !t[i+2].Space && t[i+1].Int()%10 == 0 {
			c := 19
			if r.hasDCT && t[i+1].Int() < (r.dct.Year()%100) {
				c = r.dct.Year() / 100
			}
			return match{i, i + 3, val{g: gDecade, n: c*10 + t[i+1].Int()/10}, false}, true
		}
		return match{}, false
	}
	if len(t[i].Text) != 4 || !t[i].Digits() {
		return match{}, false
	}
	y := t[i].Int()
	if y < 1000 || y > 2200 {
		return match{}, false
	}
	// "1990s"
	if i+1 < len(t) && !t[i+1].Space && (t[i+1].Lower == "s" || t[i+1].Lower == "'s" || t[i+1].Lower == "’s") {
		if y%10 == 0 {
			return match{i, i + 2, val{g: gDecade, n: y / 10}, false}, true
		}
		return match{}, false
	}
	if i+1 < len(t) && !t[i+1].Space && t[i+1].Kind == scan.Word {
		return match{}, false
	}
	if !r.plausibleYear(i, y) {
		return match{}, false
	}
	v := val{g: gYear, y: y}
	end := i + 1
	// "the 1988 second quarter"
	if q, ok := r.quarter(i + 1); ok && q.v.unresolved || ok && !r.explicitYear(q) {
		q.v.y, q.v.unresolved = y, false
		q.start = i
		return q, true
	}
	// "2007-2013", "2007-13", "2007/08"
	if i+2 < len(t) && (t[i+1].Dash() || t[i+1].Text == "/") && t[i+2].Digits() && !t[i+2].Space {
		y2 := -1
		switch len(t[i+2].Text) {
		case 4:
			y2 = t[i+2].Int()
		case 2:
			y2 = y/100*100 + t[i+2].Int()
		}
		if y2 > y && y2-y < 100 && !(i+3 < len(t) && !t[i+3].Space && t[i+3].Kind == scan.Word) {
			v.end = &val{g: gYear, y: y2}
			end = i + 3
		}
	}
	return match{i, end, v, false}, true
}

// plausibleYear rules out four-digit numbers that are counts or amounts:
// after a currency sign or a number word, before a percent sign or a
// magnitude, or years before 1900 with no date word before them.
func (r *run) plausibleYear(i, y int) bool {
	t := r.toks
	if i > 0 {
		p := &t[i-1]
		if p.Kind == scan.Symbol && !p.Dash() && p.Text != "/" || p.Text == "#" || r.lx.is(p.Lower, "count") {
			return false
		}
		if p.Kind == scan.Number || p.Text == "." && !p.Space {
			return false
		}
	}
	if i+1 < len(t) {
		n := &t[i+1]
		if n.Text == "%" || n.Kind == scan.Number || r.lx.nums.IsMagnitude(n.Lower) || n.Text == ":" && !n.Space || n.Text == "." && !n.Space && i+2 < len(t) && t[i+2].Kind == scan.Number {
			return false
		}
		afterPrep := i > 0 && (t[i-1].Dash() || r.lx.is(t[i-1].Lower, "prep") || r.lx.is(t[i-1].Lower, "det"))
		if !afterPrep && n.Kind == scan.Word && !n.Cap() && strings.HasSuffix(n.Lower, "s") && len(n.Lower) > 3 && !strings.HasSuffix(n.Lower, "ss") && r.lx.tenseOf(n) == tenseNone && !r.isKind(i+1, "season") {
			// "2000 people", "1500 metres"
			if !r.lx.is(n.Lower, "verbish") {
				return false
			}
		}
	}
	if y < 1900 || y > 2100 {
		if i == 0 {
			return false
		}
		return t[i-1].Dash() || r.lx.is(t[i-1].Lower, "oldyear")
	}
	return true
}

// century reads "the 20th century" → 19 and "the 1900s" is read by year.
func (r *run) century(i int) (match, bool) {
	n, j, ok := r.lx.nums.Ordinal(r.toks, i)
	if !ok || n < 1 || n > 30 || j >= len(r.toks) {
		return match{}, false
	}
	if j < len(r.toks) && r.toks[j].Dash() {
		j++
	}
	if p, e, ok := r.lx.match(r.toks, j, "unit"); ok && p.args[0] == "C" {
		return match{i, e, val{g: gCentury, n: n - 1}, false}, true
	}
	return match{}, false
}

// clockOnly reads a time of day at toks[i]: "10 a.m.", "10am", "10:30",
// "10.30pm", "noon", "midnight", with a time zone after it.
func (r *run) clockOnly(i int) (match, bool) {
	t := r.toks
	if i >= len(t) {
		return match{}, false
	}
	if p, e, ok := r.lx.match(t, i, "clock"); ok {
		hh, _ := strconv.Atoi(p.args[0][:2])
		mm, _ := strconv.Atoi(p.args[0][3:])
		if _, e2, ok := r.lx.match(t, e, "zone"); ok {
			e = e2
		}
		return match{i, e, val{g: gTime, hh: hh, mm: mm}, false}, true
	}
	if t[i].Kind != scan.Number {
		return match{}, false
	}
	hh, mm := -1, 0
	j := i + 1
	colon := false
	switch {
	case t[i].Digits() && len(t[i].Text) <= 2:
		hh = t[i].Int()
		if j+1 < len(t) && t[j].Text == ":" && !t[j].Space && !t[j+1].Space && len(t[j+1].Text) == 2 && t[j+1].Digits() {
			mm = t[j+1].Int()
			j += 2
			colon = true
		}
	case strings.Count(t[i].Text, ".") == 1 && len(t[i].Text) <= 5:
		// "10.30pm"
		parts := strings.Split(t[i].Text, ".")
		if len(parts[1]) != 2 {
			return match{}, false
		}
		hh, _ = strconv.Atoi(parts[0])
		mm, _ = strconv.Atoi(parts[1])
	default:
		return match{}, false
	}
	ampm := ""
	if p, e, ok := r.lx.match(t, j, "ampm"); ok {
		ampm = p.args[0]
		j = e
	} else if !colon {
		return match{}, false
	}
	if hh > 24 || mm > 59 || ampm != "" && (hh > 12 || hh == 0) {
		return match{}, false
	}
	if ampm == "pm" && hh < 12 {
		hh += 12
	}
	if ampm == "am" && hh == 12 {
		hh = 0
	}
	if colon && ampm == "" {
		// "a 3:2 majority" is not a time: want a time word around it
		z := r.isKind(j, "zone") || i > 0 && r.lx.is(r.toks[i-1].Lower, "clock")
		if !z {
			return match{}, false
		}
	}
	if _, e, ok := r.lx.match(t, j, "zone"); ok {
		j = e
	}
	// "o'clock"
	if j < len(t) && r.lx.is(t[j].Lower, "oclock") {
		j++
	}
	return match{i, j, val{g: gTime, hh: hh, mm: mm}, false}, true
}

// clock reads a time of day and the day it is on: "10 a.m. on Friday",
// "9 a.m. Tuesday", "6 a.m."; a time alone is on the publication date.
func (r *run) clock(i int) (match, bool) {
	c, ok := r.clockOnly(i)
	if !ok {
		return match{}, false
	}
	j := c.end
	k := j
	if k < len(r.toks) && (r.isKind(k, "on") || r.toks[k].Text == ",") {
		k++
	}
	if k < len(r.toks) {
		if d, ok := r.best(k); ok && d.v.g == gDay && d.v.tag == "" && d.v.end == nil {
			v := d.v
			if !v.unresolved {
				v.g, v.hh, v.mm = gTime, c.v.hh, c.v.mm
			}
			return match{i, d.end, v, false}, true
		}
	}
	v := r.rel(func() val {
		d := dayVal(r.dct)
		d.g, d.hh, d.mm = gTime, c.v.hh, c.v.mm
		return d
	})
	return match{i, j, v, false}, true
}

// words reads the fixed phrases of timewords.txt: "yesterday", "tonight",
// "now", "recently", with a part of day after a day ("yesterday morning"),
// and "fiscal 2025".
func (r *run) words(i int) (match, bool) {
	t := r.toks
	p, e, ok := r.lx.match(t, i, "day", "anchorday", "anchored", "ref", "fiscal", "decade")
	if !ok {
		return match{}, false
	}
	switch p.kind {
	case "anchored":
		// "that year", "the following year", "that quarter"
		off, _ := strconv.Atoi(p.args[0])
		unit := p.args[1]
		if !r.hasAnchor {
			return match{i, e, val{g: gYear, unresolved: true}, true}, true
		}
		v := r.fromAnchor(unit, off)
		switch unit {
		case "Y":
			v = val{g: gYear, y: v.y}
		case "Q":
			if v.g != gQuarter {
				return match{i, e, val{g: gQuarter, unresolved: true}, true}, true
			}
		case "M":
			if v.g < gMonth {
				return match{i, e, val{g: gMonth, unresolved: true}, true}, true
			}
			v = val{g: gMonth, y: v.y, mo: v.mo}
		}
		return match{i, e, v, true}, true
	case "anchorday":
		off, _ := strconv.Atoi(p.args[0])
		if !r.hasAnchor || r.anchor.g < gDay {
			return match{i, e, val{g: gDay, unresolved: true}, true}, true
		}
		a := r.anchor
		return match{i, e, dayVal(date(a.y, a.mo, a.d).AddDate(0, 0, off)), true}, true
	case "day":
		off, _ := strconv.Atoi(p.args[0])
		part := ""
		if len(p.args) > 1 {
			part = p.args[1]
		}
		if part == "" {
			if q, e2, ok := r.lx.match(t, e, "part"); ok {
				part, e = q.args[0], e2
			}
		}
		v := r.rel(func() val {
			d := dayVal(r.dct.AddDate(0, 0, off))
			d.tag = part
			return d
		})
		return match{i, e, v, false}, true
	case "ref":
		// "now" as in "now that …" is still PRESENT_REF in TimeML
		return match{i, e, val{g: gRef, tag: p.args[0]}, false}, true
	case "fiscal":
		if y, ok := r.yearNum(e); ok {
			return match{i, e + 1, val{g: gYear, y: y}, false}, true
		}
		if m, ok := r.quarter(e); ok {
			m.start = i
			return m, true
		}
	case "decade":
		n, _ := strconv.Atoi(p.args[0])
		c := 19
		if r.hasDCT && n < (r.dct.Year()%100)/10 {
			c = r.dct.Year() / 100
		}
		if i == 0 || !r.lx.is(t[i-1].Lower, "decade") {
			return match{}, false
		}
		return match{i, e, val{g: gDecade, n: c*10 + n}, false}, true
	}
	return match{}, false
}

// shifted reads "last week", "this year", "next month", "last Tuesday",
// "this summer", "last May", "earlier this year", "later this month".
func (r *run) shifted(i int) (match, bool) {
	t := r.toks
	j := i
	vague := false
	if _, e, ok := r.lx.match(t, j, "vague"); ok {
		j, vague = e, true
	}
	p, e, ok := r.lx.match(t, j, "shift", "shiftunit")
	if !ok || e >= len(t) {
		return match{}, false
	}
	n, _ := strconv.Atoi(p.args[0])
	unitsOnly := p.kind == "shiftunit"
	if vague && n != 0 {
		return match{}, false
	}
	if _, ok := r.lx.weekdays[t[e].Base()]; ok && !vague && !unitsOnly {
		m, ok := r.weekday(e, n, true)
		m.start = i
		return m, ok
	}
	if mo, ok := r.lx.months[t[e].Base()]; ok && !vague && !unitsOnly && t[e].Cap() {
		v := r.rel(func() val {
			y := r.dct.Year() + n
			if n < 0 && mo < int(r.dct.Month()) {
				y = r.dct.Year()
			}
			if n > 0 && mo > int(r.dct.Month()) {
				y = r.dct.Year()
			}
			return val{g: gMonth, y: y, mo: mo}
		})
		return match{i, e + 1, v, false}, true
	}
	if q, e2, ok := r.lx.match(t, e, "season"); ok && !vague && !unitsOnly {
		v := r.rel(func() val {
			return val{g: gSeason, y: r.dct.Year() + n, tag: q.args[0]}
		})
		return match{i, e2, v, false}, true
	}
	u, e2, ok := r.lx.match(t, e, "unit")
	if !ok || strings.HasSuffix(t[e].Base(), "s") {
		return match{}, false
	}
	// "last week's" is fine; "the last week" is a duration in TimeML
	if i > 0 && r.lx.is(t[i-1].Lower, "det") && !vague && n != 0 {
		return match{}, false
	}
	v := r.rel(func() val { return shiftUnit(r.dct, u.args[0], n) })
	return match{i, e2, v, false}, true
}

// shiftUnit is the calendar unit n units from the publication date.
func shiftUnit(dct time.Time, unit string, n int) val {
	switch unit {
	case "D":
		return dayVal(dct.AddDate(0, 0, n))
	case "W":
		return weekVal(dct.AddDate(0, 0, 7*n), gWeek)
	case "WE":
		return weekVal(dct.AddDate(0, 0, 7*n), gWeekend)
	case "M":
		t := time.Date(dct.Year(), dct.Month()+time.Month(n), 1, 12, 0, 0, 0, time.UTC)
		return val{g: gMonth, y: t.Year(), mo: int(t.Month())}
	case "Q":
		q := (int(dct.Month())-1)/3 + n
		y := dct.Year()
		for q < 0 {
			q += 4
			y--
		}
		for q > 3 {
			q -= 4
			y++
		}
		return val{g: gQuarter, y: y, n: q + 1}
	case "H":
		return val{g: gHalf, y: dct.Year(), n: (int(dct.Month())-1)/6 + 1}
	case "Y":
		return val{g: gYear, y: dct.Year() + n}
	case "E":
		return val{g: gDecade, n: dct.Year()/10 + n}
	case "C":
		return val{g: gCentury, n: dct.Year()/100 + n}
	}
	return val{unresolved: true}
}

// ago reads "two days ago", "a year ago", "three weeks from now"; vague
// counts ("several years ago") are PAST_REF or FUTURE_REF.
func (r *run) ago(i int) (match, bool) {
	t := r.toks
	n := 0
	j := i
	vague := false
	if num, ok := r.lx.nums.Read(t, i, false); ok && !num.Ordinal && num.Value == float64(int(num.Value)) && num.Value < 1000 {
		n, j = int(num.Value), num.End
	} else if r.lx.nums.IsArticle(t[i].Lower) {
		n, j = 1, i+1
	} else if r.isKind(i, "some") {
		vague, j = true, i+1
	} else if r.isKind(i, "unit") && i+1 < len(t) && t[i+1].Dash() && !t[i+1].Space {
		n = 1 // "year-earlier", "year-ago"
	} else {
		return match{}, false
	}
	if j < len(t) && t[j].Dash() {
		j++
	}
	u, e, ok := r.lx.match(t, j, "unit")
	if !ok {
		return match{}, false
	}
	a, e2, ok := r.lx.match(t, e, "after")
	if !ok {
		if e < len(t) && t[e].Dash() {
			e++
		}
		if a, e2, ok := r.lx.match(t, e, "anchor"); ok && !vague {
			sign, _ := strconv.Atoi(a.args[0])
			return match{i, e2, r.fromAnchor(u.args[0], sign*n), true}, true
		}
		return match{}, false
	}
	sign, _ := strconv.Atoi(a.args[0])
	if vague {
		ref := "PAST_REF"
		if sign > 0 {
			ref = "FUTURE_REF"
		}
		return match{i, e2, val{g: gRef, tag: ref}, false}, true
	}
	if u.args[0] == "Y" && r.hasQAnchor && sign < 0 {
		return match{i, e2, r.fromAnchor("Y", sign*n), true}, true
	}
	v := r.rel(func() val { return shiftUnit(r.dct, u.args[0], sign*n) })
	return match{i, e2, v, false}, true
}

// fromAnchor shifts the last mentioned date by n units ("a year earlier"
// after "the third quarter" is the third quarter of the year before); with
// no date mentioned yet it counts from the publication date.
func (r *run) fromAnchor(unit string, n int) val {
	if !r.hasAnchor {
		return r.rel(func() val { return shiftUnit(r.dct, unit, n) })
	}
	a := r.anchor
	if unit == "Y" && r.hasQAnchor {
		a = r.qAnchor
	}
	a.mod = ""
	switch unit {
	case "Y":
		a.y += n
		if a.g >= gDay && !validDay(a.y, a.mo, a.d) {
			a.d--
		}
		return a
	case "D", "W", "M":
		if a.g < gDay {
			return shiftUnit(date(a.y, max(a.mo, 1), 1), unit, n)
		}
		return shiftUnit(date(a.y, a.mo, a.d), unit, n)
	case "Q":
		if a.g == gQuarter {
			q := a.n - 1 + n
			a.y += q / 4
			if q%4 < 0 {
				a.y--
			}
			a.n = (q%4+4)%4 + 1
			return a
		}
	}
	return val{unresolved: true}
}

// modified reads a modifier before a date: "mid-2023", "early 1990s",
// "late last year", "the end of 2004", "pre-2014".
func (r *run) modified(i int) (match, bool) {
	p, j, ok := r.lx.match(r.toks, i, "mod")
	if !ok || j >= len(r.toks) {
		return match{}, false
	}
	dash := false
	if r.toks[j].Dash() {
		j++
		dash = true
	}
	if (p.toks[0] == "pre" || p.toks[0] == "post") && !dash {
		return match{}, false
	}
	m, ok := r.best(j)
	if !ok && j < len(r.toks) && r.lx.is(r.toks[j].Lower, "det") {
		m, ok = r.best(j + 1) // "the end of the 1990s"
	}
	if !ok || m.v.g == gRef || m.v.g == gTime {
		return match{}, false
	}
	m = r.extend(m)
	if m.v.mod == "" {
		m.v.mod = p.args[0]
	}
	m.start = i
	return m, true
}

// quarter reads "Q3 2024", "the third quarter", "third-quarter", "the
// first half of 1990", "H1".
func (r *run) quarter(i int) (match, bool) {
	t := r.toks
	n, j := 0, i
	unit := ""
	if p, e, ok := r.lx.match(t, i, "qabbr"); ok && e < len(t) && t[e].Digits() && !t[e].Space && len(t[e].Text) == 1 {
		n, j, unit = t[e].Int(), e+1, p.args[0]
	} else {
		o, e, ok := r.lx.nums.Ordinal(t, i)
		if !ok || o < 1 || o > 4 {
			return match{}, false
		}
		if e < len(t) && t[e].Dash() {
			e++
		}
		if _, e2, ok := r.lx.match(t, e, "fiscal"); ok {
			e = e2
		}
		u, e2, ok := r.lx.match(t, e, "unit")
		if !ok || u.args[0] != "Q" && u.args[0] != "H" || strings.HasSuffix(t[e].Base(), "s") {
			return match{}, false
		}
		n, j, unit = o, e2, u.args[0]
	}
	g := gQuarter
	if unit == "H" {
		g = gHalf
		if n > 2 {
			return match{}, false
		}
	} else if n > 4 || n < 1 {
		return match{}, false
	}
	v := val{g: g, n: n}
	k := j
	if k < len(t) && (r.isKind(k, "of") || t[k].Text == ",") {
		k++
	}
	if y, ok := r.yearNum(k); ok {
		v.y = y
		return match{i, k + 1, v, false}, true
	}
	if k > j && k < len(t) {
		// "the first quarter of next year"
		if m, ok := r.shifted(k); ok && m.v.g == gYear {
			v.y, v.unresolved = m.v.y, m.v.unresolved
			return match{i, m.end, v, false}, true
		}
	}
	if k+1 < len(t) && t[k].Text == "'" && len(t[k+1].Text) == 2 && t[k+1].Digits() {
		// "Q3 '24"
		v.y = 2000 + t[k+1].Int()
		if r.hasDCT && v.y > r.dct.Year()+10 {
			v.y -= 100
		}
		return match{i, k + 2, v, false}, true
	}
	if g == gHalf && t[i].Kind == scan.Word && !r.isKind(i, "qabbr") && !(i > 0 && (t[i-1].Base() != t[i-1].Lower || len(t[i-1].Text) == 4 && t[i-1].Digits())) {
		// "the first half" without a year is a match's, not a year's
		return match{}, false
	}
	if y := r.contextYear(i); y != 0 {
		v.y = y
		return match{i, j, v, false}, true
	}
	if !r.hasDCT {
		v.unresolved = true
		return match{i, j, v, false}, true
	}
	cur := (int(r.dct.Month())-1)/3 + 1
	if g == gHalf {
		cur = (int(r.dct.Month())-1)/6 + 1
	}
	v.y = r.dct.Year()
	if n-cur >= 2 && g == gQuarter || n > cur && r.tense(i) == tensePast {
		v.y--
	}
	return match{i, j, v, false}, true
}

// seasonMonth is the month that stands for a season (TimeML's season codes)
// when its year is chosen; winter counts with the year it begins in.
var seasonMonth = map[string]int{"SP": 4, "SU": 7, "FA": 10, "WI": 12}

// season reads "summer", "the summer of 2004", "spring 2003", "winter".
func (r *run) season(i int) (match, bool) {
	t := r.toks
	p, e, ok := r.lx.match(t, i, "season")
	if !ok {
		return match{}, false
	}
	k := e
	if k < len(t) && r.isKind(k, "of") {
		k++
	}
	if y, ok := r.yearNum(k); ok {
		return match{i, k + 1, val{g: gSeason, y: y, tag: p.args[0]}, false}, true
	}
	// a season word alone needs a preposition before it ("in spring", "in
	// the summer"): "the fall in prices" is no season
	k = i - 1
	if k >= 0 && t[k].Lower == "the" {
		k--
	}
	if k < 0 || !r.lx.is(t[k].Lower, "season") {
		return match{}, false
	}
	// the season's middle month stands for it when choosing the year
	mv := val{g: gMonth, mo: seasonMonth[p.args[0]]}
	r.monthYear(&mv, i)
	return match{i, e, val{g: gSeason, y: mv.y, tag: p.args[0], unresolved: mv.unresolved}, false}, true
}
