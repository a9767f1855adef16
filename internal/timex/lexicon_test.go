package timex

import (
	"math/bits"
	"testing"

	"github.com/newsgraph/newsgraph/internal/lang"
	"github.com/newsgraph/newsgraph/internal/timex/scan"
)

// TestLanguagePacks loads the date data of every language pack that has
// month names: every month and weekday must be named.
func TestLanguagePacks(t *testing.T) {
	n := 0
	for _, iso := range lang.Languages() {
		if !lang.Has(iso, "months.txt") {
			continue
		}
		n++
		lx, err := loadLexicon(iso)
		if err != nil {
			t.Errorf("%s: %v", iso, err)
			continue
		}
		seen := map[int]bool{}
		for _, m := range lx.months {
			seen[m] = true
		}
		if len(seen) != 12 {
			t.Errorf("%s: months.txt names %d months, want 12", iso, len(seen))
		}
		if len(lx.weekdays) > 0 {
			seen = map[int]bool{}
			for _, d := range lx.weekdays {
				seen[d] = true
			}
			if len(seen) != 7 {
				t.Errorf("%s: weekdays.txt names %d weekdays, want 7", iso, len(seen))
			}
		}
	}
	if n < 6 {
		t.Errorf("%d language packs with month names, want at least 6 (en de fr es ru uk)", n)
	}
}

func TestPhraseKinds(t *testing.T) {
	bad := []phrase{
		{toks: []string{"x"}, kind: "nonsense"},
		{toks: []string{"x"}, kind: "day"},
		{toks: []string{"x"}, kind: "shift", args: []string{"one"}},
		{toks: []string{"x"}, kind: "ref", args: []string{"A", "B"}},
	}
	for _, p := range bad {
		if checkPhrase(p) == nil {
			t.Errorf("checkPhrase(%+v) = nil, want an error", p)
		}
	}
	if err := checkPhrase(phrase{toks: []string{"tonight"}, kind: "day", args: []string{"0", "NI"}}); err != nil {
		t.Error(err)
	}
}

func TestParseHoliday(t *testing.T) {
	for _, c := range []struct {
		rule string
		year int
		want string
	}{
		{"12-25", 2005, "2005-12-25"},
		{"easter+0", 2005, "2005-03-27"},
		{"easter-2", 2024, "2024-03-29"},
		{"easter+1", 2004, "2004-04-12"},
		{"nth:11:4:4", 1999, "1999-11-25"},
		{"nth:5:-1:1", 2005, "2005-05-30"},
	} {
		h, err := parseHoliday(c.rule)
		if err != nil {
			t.Fatalf("%s: %v", c.rule, err)
		}
		if got := h.in(c.year).Format("2006-01-02"); got != c.want {
			t.Errorf("%s in %d = %s, want %s", c.rule, c.year, got, c.want)
		}
	}
	for _, rule := range []string{"13-01", "02-30", "easter+x", "nth:13:1:1", "nth:1:0:1", "xmas"} {
		if _, err := parseHoliday(rule); err == nil {
			t.Errorf("parseHoliday(%q) = nil error", rule)
		}
	}
}

func TestNumbers(t *testing.T) {
	nums, err := scan.LoadNumbers("en")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		text string
		mags bool
		want float64
		end  int // tokens read
		ord  bool
	}{
		{"twenty-five", false, 25, 3, false},
		{"one hundred and fifty", false, 150, 4, false},
		{"three million", true, 3e6, 2, false},
		{"three million", false, 3, 1, false},
		{"1.2bn", true, 1.2e9, 2, false},
		{"1,200", true, 1200, 1, false},
		{"half a billion", true, 5e8, 3, false},
		{"a quarter of a million", true, 250000, 5, false},
		{"twenty-first", false, 21, 3, true},
		{"5th", false, 5, 2, true},
		{"2 and a half million", true, 2.5e6, 5, false},
		{"one two", false, 1, 1, false},
	} {
		toks := scan.Scan(c.text)
		got, ok := nums.Read(toks, 0, c.mags)
		if !ok || got.Value != c.want || got.End != c.end || got.Ordinal != c.ord {
			t.Errorf("Read(%q, %v) = %+v %v, want %g end %d ordinal %v", c.text, c.mags, got, ok, c.want, c.end, c.ord)
		}
	}
	for _, s := range []string{"", "a", "half", "the", "bn"} {
		if got, ok := nums.Read(scan.Scan(s), 0, true); ok {
			t.Errorf("Read(%q) = %+v, want no number", s, got)
		}
	}
}

// TestKindSets checks that every phrase kind has a bit of its own and that
// the kind sets the patterns use name known kinds.
func TestKindSets(t *testing.T) {
	if len(phraseKinds) > 32 {
		t.Fatalf("%d phrase kinds do not fit a kindSet", len(phraseKinds))
	}
	var all kindSet
	for k := range phraseKinds {
		b := kindBit[k]
		if b == 0 || all&b != 0 {
			t.Errorf("kind %q: bit %b not its own", k, b)
		}
		all |= b
	}
	for _, c := range []struct {
		set  kindSet
		want int
	}{
		{kAfter, 1}, {kAmpm, 1}, {kAnchor, 1}, {kAt, 1}, {kBefore, 1}, {kClock, 1}, {kDayRef, 6},
		{kFiscal, 1}, {kLatest, 1}, {kMod, 1}, {kOf, 1}, {kOn, 1}, {kPart, 1}, {kPostshift, 1},
		{kQabbr, 1}, {kSeason, 1}, {kShift, 1}, {kShiftAny, 2}, {kSome, 1}, {kUnit, 1},
		{kVague, 1}, {kYearadj, 1}, {kZone, 1},
	} {
		if got := bits.OnesCount32(uint32(c.set)); got != c.want {
			t.Errorf("kind set %b has %d kinds, want %d", c.set, got, c.want)
		}
	}
}
