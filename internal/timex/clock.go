package timex

// Times of day and the days they belong to.

import (
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/internal/timex/scan"
)

// clockOnly reads a time of day at toks[i]: "10 a.m.", "10am", "10:30",
// "10.30pm", "noon", "midnight", with a time zone after it.
func (r *run) clockOnly(i int) (match, bool) {
	t := r.toks
	if i >= len(t) {
		return match{}, false
	}
	if p, e, ok := r.match(i, kClock); ok {
		hh, _ := strconv.Atoi(p.args[0][:2])
		mm, _ := strconv.Atoi(p.args[0][3:])
		if _, e2, ok := r.match(e, kZone); ok {
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
	if p, e, ok := r.match(j, kAmpm); ok {
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
		z := r.isKind(j, kZone) || i > 0 && r.lx.is(r.toks[i-1].Lower, "clock")
		if !z {
			return match{}, false
		}
	}
	if _, e, ok := r.match(j, kZone); ok {
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
	if k < len(r.toks) && (r.isKind(k, kOn) || r.toks[k].Text == ",") {
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
