package timex

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/internal/lang"
	"github.com/newsgraph/newsgraph/internal/timex/scan"
)

// holiday is a rule of holidays.txt that gives a named day's date in a year.
type holiday struct {
	mo, d    int // fixed day
	easter   int // days after Easter, when isEaster
	isEaster bool
	nth, wd  int // nth weekday wd of month mo
}

// parseHoliday reads a rule: "12-25", "easter-2", "nth:11:4:4".
func parseHoliday(s string) (holiday, error) {
	switch {
	case strings.HasPrefix(s, "easter"):
		n := 0
		if rest := s[len("easter"):]; rest != "" && rest != "+0" {
			var err error
			if n, err = strconv.Atoi(rest); err != nil {
				return holiday{}, fmt.Errorf("bad Easter offset %q", rest)
			}
		}
		return holiday{isEaster: true, easter: n}, nil
	case strings.HasPrefix(s, "nth:"):
		var h holiday
		if _, err := fmt.Sscanf(s, "nth:%d:%d:%d", &h.mo, &h.nth, &h.wd); err != nil || h.mo < 1 || h.mo > 12 || h.wd < 1 || h.wd > 7 || h.nth == 0 || h.nth > 5 || h.nth < -1 {
			return holiday{}, fmt.Errorf("bad rule %q: want nth:MONTH:N:WEEKDAY", s)
		}
		return h, nil
	default:
		var h holiday
		if _, err := fmt.Sscanf(s, "%d-%d", &h.mo, &h.d); err != nil || !validDay(2000, h.mo, h.d) {
			return holiday{}, fmt.Errorf("bad day %q: want MM-DD", s)
		}
		return h, nil
	}
}

// in returns the holiday's date in year y.
func (h holiday) in(y int) time.Time {
	switch {
	case h.isEaster:
		return easter(y).AddDate(0, 0, h.easter)
	case h.nth > 0:
		t := date(y, h.mo, 1)
		wd := int(t.Weekday())
		if wd == 0 {
			wd = 7
		}
		return t.AddDate(0, 0, (h.wd-wd+7)%7+7*(h.nth-1))
	case h.nth < 0:
		t := date(y, h.mo+1, 1).AddDate(0, 0, -1)
		wd := int(t.Weekday())
		if wd == 0 {
			wd = 7
		}
		return t.AddDate(0, 0, -((wd - h.wd + 7) % 7))
	}
	return date(y, h.mo, h.d)
}

// easter is Western Easter Sunday of year y (the anonymous Gregorian
// algorithm, Meeus/Jones/Butcher).
func easter(y int) time.Time {
	a := y % 19
	b, c := y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return date(y, month, day)
}

// loadHolidays reads holidays.txt of a language, if it has one.
func loadHolidays(iso string, into *scan.Phrases[holiday]) error {
	if !lang.Has(iso, "holidays.txt") {
		return nil
	}
	ents, err := lang.Table(iso, "holidays.txt")
	if err != nil {
		return err
	}
	for _, e := range ents {
		if len(e.Fields) != 2 {
			return e.Errorf("want name and rule")
		}
		h, err := parseHoliday(e.Fields[1])
		if err != nil {
			return e.Errorf("%v", err)
		}
		into.Add(strings.ToLower(e.Fields[0]), h)
	}
	return nil
}

// holidayAt reads a named day: "Christmas", "Easter Monday 2004",
// "Thanksgiving Day". Without a year it takes the context year, else the
// year that puts it nearest the publication date.
func (r *run) holidayAt(i int) (match, bool) {
	t := r.toks
	if !t[i].Cap() {
		return match{}, false
	}
	h, e, ok := r.lx.holidays.Match(t, i)
	if !ok {
		return match{}, false
	}
	if y, ok := r.yearNum(e); ok {
		return match{i, e + 1, dayVal(h.in(y)), false}, true
	}
	if y := r.contextYear(i); y != 0 {
		return match{i, e, dayVal(h.in(y)), false}, true
	}
	v := r.rel(func() val {
		best, bestD := r.dct, 1e18
		for y := r.dct.Year() - 1; y <= r.dct.Year()+1; y++ {
			d := h.in(y).Sub(r.dct).Hours()
			if d < 0 {
				d = -d
			}
			if d < bestD {
				best, bestD = h.in(y), d
			}
		}
		return dayVal(best)
	})
	return match{i, e, v, false}, true
}
