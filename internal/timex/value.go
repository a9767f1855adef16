package timex

import (
	"fmt"
	"time"
)

// gran is the granularity of a date value.
type gran uint8

const (
	gNone gran = iota
	gRef
	gCentury
	gDecade
	gYear
	gHalf
	gQuarter
	gSeason
	gMonth
	gWeek
	gWeekend
	gDay
	gTime
)

// val is a date value under construction.
type val struct {
	g        gran
	y, mo, d int
	hh, mm   int
	n        int    // quarter, half, ISO week, decade or century number
	tag      string // season ("SU"), part of day ("NI"), reference ("PAST_REF"), fiscal prefix ("FY")
	mod      string
	end      *val // the second end of an interval
	// unresolved is set when the value depends on a publication date or a
	// context year that the document does not give.
	unresolved bool
}

func dayVal(t time.Time) val {
	return val{g: gDay, y: t.Year(), mo: int(t.Month()), d: t.Day()}
}

func weekVal(t time.Time, g gran) val {
	y, w := t.ISOWeek()
	return val{g: g, y: y, n: w}
}

// String formats the value in ISO 8601 with TimeML's extensions (see the
// package documentation); "" when unresolved.
func (v val) String() string {
	if v.unresolved {
		return ""
	}
	s := v.one()
	if v.end != nil {
		e := v.end.one()
		if s == "" || e == "" {
			return ""
		}
		return s + "/" + e
	}
	return s
}

func (v val) one() string {
	if v.unresolved || v.y < 0 || v.y > 9999 {
		return ""
	}
	switch v.g {
	case gRef:
		return v.tag
	case gCentury:
		return fmt.Sprintf("%02d", v.n)
	case gDecade:
		return fmt.Sprintf("%03d", v.n)
	case gYear:
		return fmt.Sprintf("%s%04d", v.tag, v.y)
	case gHalf:
		return fmt.Sprintf("%04d-H%d", v.y, v.n)
	case gQuarter:
		return fmt.Sprintf("%04d-Q%d", v.y, v.n)
	case gSeason:
		return fmt.Sprintf("%04d-%s", v.y, v.tag)
	case gMonth:
		return fmt.Sprintf("%04d-%02d", v.y, v.mo)
	case gWeek:
		return fmt.Sprintf("%04d-W%02d", v.y, v.n)
	case gWeekend:
		return fmt.Sprintf("%04d-W%02d-WE", v.y, v.n)
	case gDay:
		if v.tag != "" {
			return fmt.Sprintf("%04d-%02d-%02dT%s", v.y, v.mo, v.d, v.tag)
		}
		return fmt.Sprintf("%04d-%02d-%02d", v.y, v.mo, v.d)
	case gTime:
		return fmt.Sprintf("%04d-%02d-%02dT%02d:%02d", v.y, v.mo, v.d, v.hh, v.mm)
	}
	return ""
}

// kind is the doc.Date kind of the value.
func (v val) kind() string {
	if v.g == gTime {
		return "time"
	}
	return "date"
}

// validDay reports whether y-m-d is a calendar day.
func validDay(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 || d > 31 || y < 1 {
		return false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t.Day() == d
}

func date(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 12, 0, 0, 0, time.UTC) }
