package timex

// Patterns of dates that carry their own day, month or year: ISO and slash
// dates, month and day names with numbers, years, decades, centuries,
// quarters and seasons.

import (
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/internal/timex/scan"
)

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

// dotted reads the day-first dates written with periods: 13.02.2025 and
// 13.2.2025 (German, Polish, Russian, Ukrainian and others write them so;
// the scanner keeps the whole date as one number token).
func (r *run) dotted(i int) (match, bool) {
	t := &r.toks[i]
	parts := strings.Split(t.Text, ".")
	if len(parts) != 3 || len(parts[0]) > 2 || len(parts[1]) > 2 || len(parts[2]) != 4 {
		return match{}, false
	}
	var n [3]int
	for k, p := range parts {
		for _, c := range []byte(p) {
			if c < '0' || c > '9' {
				return match{}, false
			}
			n[k] = n[k]*10 + int(c-'0')
		}
	}
	d, mo, y := n[0], n[1], n[2]
	if y < 1000 || y > 2200 || mo < 1 || mo > 12 || !validDay(y, mo, d) {
		return match{}, false
	}
	return match{i, i + 1, val{g: gDay, y: y, mo: mo, d: d}, false}, true
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
		if r.t.cfg.DayFirst || r.lx.dayFirst {
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
	if k < len(t) && (r.isKind(k, kOf) || t[k].Text == ",") {
		k++
	}
	if y, ok := r.yearNum(k); ok {
		v := val{g: gMonth, y: y, mo: mo}
		end := k + 1
		return match{i, end, v, false}, true
	}
	if m, ok := r.wordYear(k); ok {
		// "January nineteen ninety-seven"
		return match{i, m.end, val{g: gMonth, y: m.v.y, mo: mo}, false}, true
	}
	// "March last year", "June next year"
	if !dotted {
		if p, e, ok := r.match(j, kShift); ok {
			if u, e2, ok := r.match(e, kUnit); ok && u.args[0] == "Y" && t[e].Base() == t[e].Lower {
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
	} else if k := r.skipDot(j); k+1 < len(t) && r.lx.is(t[k].Lower, "range") && t[k+1].Kind == scan.Number {
		// "14. bis 16. März", "du 14 au 16 mars", "с 14 по 16 февраля"
		if d2, e2, ok := r.dayNum(k + 1); ok && d2 > d {
			v2 = &val{g: gDay, d: d2}
			j = e2
		}
	}
	j = r.skipDot(j)
	if j < len(t) && r.isKind(j, kOf) {
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
	if k < len(t) && (t[k].Text == "," || r.isKind(k, kOf)) {
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
		if !afterPrep && n.Kind == scan.Word && !n.Cap() && strings.HasSuffix(n.Lower, "s") && len(n.Lower) > 3 && !strings.HasSuffix(n.Lower, "ss") && r.lx.tenseOf(n) == tenseNone && !r.isKind(i+1, kSeason) {
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
	if p, e, ok := r.match(j, kUnit); ok && p.args[0] == "C" {
		return match{i, e, val{g: gCentury, n: n - 1}, false}, true
	}
	return match{}, false
}

// quarter reads "Q3 2024", "the third quarter", "third-quarter", "the
// first half of 1990", "H1".
func (r *run) quarter(i int) (match, bool) {
	t := r.toks
	n, j := 0, i
	unit := ""
	if p, e, ok := r.match(i, kQabbr); ok && e < len(t) && t[e].Digits() && !t[e].Space && len(t[e].Text) == 1 {
		n, j, unit = t[e].Int(), e+1, p.args[0]
	} else {
		o, e, ok := r.lx.nums.Ordinal(t, i)
		if !ok || o < 1 || o > 4 {
			return match{}, false
		}
		if e < len(t) && t[e].Dash() {
			e++
		}
		if _, e2, ok := r.match(e, kFiscal); ok {
			e = e2
		}
		u, e2, ok := r.match(e, kUnit)
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
	if k < len(t) && (r.isKind(k, kOf) || t[k].Text == ",") {
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
	if g == gHalf && t[i].Kind == scan.Word && !r.isKind(i, kQabbr) && !(i > 0 && (t[i-1].Base() != t[i-1].Lower || len(t[i-1].Text) == 4 && t[i-1].Digits())) {
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
	p, e, ok := r.match(i, kSeason)
	if !ok {
		return match{}, false
	}
	k := e
	if k < len(t) && r.isKind(k, kOf) {
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

// wordYear reads a year written in words, as transcripts of broadcasts
// write them: "nineteen ninety-six", "(the year) two thousand", after a
// date preposition, a month name or "year".
func (r *run) wordYear(i int) (match, bool) {
	t := r.toks
	if i == 0 {
		return match{}, false
	}
	p := t[i-1].Base()
	if _, month := r.lx.months[p]; !month && !r.lx.is(p, "oldyear") {
		return match{}, false
	}
	a, ok := r.lx.nums.Read(t, i, false)
	if !ok || !a.Words || a.Ordinal {
		return match{}, false
	}
	y, end := int(a.Value), a.End
	if y >= 10 && y <= 20 {
		b, ok := r.lx.nums.Read(t, a.End, false)
		if !ok || !b.Words || b.Ordinal || b.Value < 1 || b.Value > 99 {
			return match{}, false
		}
		y, end = y*100+int(b.Value), b.End
	}
	if y < 1000 || y > 2100 || float64(int(a.Value)) != a.Value {
		return match{}, false
	}
	return match{i, end, val{g: gYear, y: y}, false}, true
}
