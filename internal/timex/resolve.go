package timex

// Resolution of expressions that lack a year or a day: the context year,
// the publication date, the tense of the clause and the date last
// mentioned.

import (
	"time"

	"github.com/newsgraph/newsgraph/internal/timex/scan"
)

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
		if k < len(t) && r.lx.is(t[k].Lower, "det") {
			k++ // "Montag, den 17. Februar"
		}
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
