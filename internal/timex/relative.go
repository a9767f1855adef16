package timex

// Patterns of dates relative to publication or to another date: fixed
// words ("yesterday"), shifted units ("last week"), counts ("two days ago")
// and modifiers ("mid-2023").

import (
	"strconv"
	"strings"
)

// words reads the fixed phrases of timewords.txt: "yesterday", "tonight",
// "now", "recently", with a part of day after a day ("yesterday morning"),
// and "fiscal 2025".
func (r *run) words(i int) (match, bool) {
	t := r.toks
	p, e, ok := r.match(i, kDayRef)
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
			if q, e2, ok := r.match(e, kPart); ok {
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
	if _, e, ok := r.match(j, kVague); ok {
		j, vague = e, true
	}
	p, e, ok := r.match(j, kShiftAny)
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
	if q, e2, ok := r.match(e, kSeason); ok && !vague && !unitsOnly {
		v := r.rel(func() val {
			return val{g: gSeason, y: r.dct.Year() + n, tag: q.args[0]}
		})
		return match{i, e2, v, false}, true
	}
	u, e2, ok := r.match(e, kUnit)
	if !ok || r.lx.pluralS && strings.HasSuffix(t[e].Base(), "s") {
		return match{}, false
	}
	if ps, e3, ok := r.match(e2, kPostshift); ok && n == 0 {
		// "ce mois dernier", "questa settimana scorsa": the later word shifts
		n, _ = strconv.Atoi(ps.args[0])
		e2 = e3
	}
	// "last week's" is fine; "the last week" is a duration in TimeML
	if i > 0 && r.lx.is(t[i-1].Lower, "det") && !vague && n != 0 {
		return match{}, false
	}
	v := r.rel(func() val { return shiftUnit(r.dct, u.args[0], n) })
	return match{i, e2, v, false}, true
}

// postShifted reads a unit or weekday with its shift word after it, as
// Romance languages write them: "la semaine dernière", "mardi dernier",
// "el martes pasado", "la semana que viene", "l'anno scorso".
func (r *run) postShifted(i int) (match, bool) {
	t := r.toks
	if wd, ok := r.lx.weekdays[t[i].Base()]; ok {
		p, e, ok := r.match(i+1, kPostshift)
		if !ok || r.lx.capMonths && !t[i].Cap() {
			return match{}, false
		}
		n, _ := strconv.Atoi(p.args[0])
		v := r.rel(func() val { return r.resolveWeekday(wd, n, true, i) })
		return match{i, e, v, false}, true
	}
	u, e, ok := r.match(i, kUnit)
	if !ok || r.lx.pluralS && strings.HasSuffix(t[i].Base(), "s") {
		return match{}, false
	}
	p, e2, ok := r.match(e, kPostshift)
	if !ok {
		return match{}, false
	}
	n, _ := strconv.Atoi(p.args[0])
	v := r.rel(func() val { return shiftUnit(r.dct, u.args[0], n) })
	return match{i, e2, v, false}, true
}

// before reads a count written after its "ago" word, as German, French and
// Spanish do: "vor zwei Tagen", "il y a trois semaines", "hace un año".
func (r *run) before(i int) (match, bool) {
	p, j, ok := r.match(i, kBefore)
	if !ok || j >= len(r.toks) {
		return match{}, false
	}
	t := r.toks
	n := 0
	if num, ok := r.lx.nums.Read(t, j, false); ok && !num.Ordinal && num.Value == float64(int(num.Value)) && num.Value < 1000 {
		n, j = int(num.Value), num.End
	} else if r.lx.nums.IsArticle(t[j].Lower) {
		n, j = 1, j+1
	} else {
		return match{}, false
	}
	u, e, ok := r.match(j, kUnit)
	if !ok {
		return match{}, false
	}
	sign, _ := strconv.Atoi(p.args[0])
	v := r.rel(func() val { return shiftUnit(r.dct, u.args[0], sign*n) })
	return match{i, e, v, false}, true
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
	} else if r.isKind(i, kSome) {
		vague, j = true, i+1
	} else if r.isKind(i, kUnit) && i+1 < len(t) && t[i+1].Dash() && !t[i+1].Space {
		n = 1 // "year-earlier", "year-ago"
	} else {
		return match{}, false
	}
	if j < len(t) && t[j].Dash() {
		j++
	}
	u, e, ok := r.match(j, kUnit)
	if !ok {
		return match{}, false
	}
	a, e2, ok := r.match(e, kAfter)
	if !ok {
		if e < len(t) && t[e].Dash() {
			e++
		}
		if a, e2, ok := r.match(e, kAnchor); ok && !vague {
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

// modified reads a modifier before a date: "mid-2023", "early 1990s",
// "late last year", "the end of 2004", "pre-2014".
func (r *run) modified(i int) (match, bool) {
	p, j, ok := r.match(i, kMod)
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
