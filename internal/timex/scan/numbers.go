package scan

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/internal/lang"
)

// word kinds in numbers.txt
const (
	kCard = iota + 1
	kOrd
	kMag
	kAbbr
	kFrac
	kArt
	kSfx
)

var numberKinds = map[string]int{"card": kCard, "ord": kOrd, "mag": kMag, "magdot": kMag, "abbr": kAbbr, "frac": kFrac, "art": kArt, "sfx": kSfx}

type numWord struct {
	v    float64
	kind int
	// dot: a magnitude abbreviation that may be written with a period
	// ("Mrd.", "млрд."), kind "magdot" in numbers.txt
	dot bool
}

// Numbers reads numbers written in digits and in the number words of one
// language (lang data file numbers.txt).
type Numbers struct {
	words map[string]numWord
	// decimal is the decimal mark of the language's digits: '.' (English)
	// or ',' ("2,5" in German, French, Russian …); 0 reads either as in
	// ParseDigits
	decimal byte
	// groupSpace joins digit groups written with a (no-break) space:
	// "1 000 000" in French, Polish, Russian and Ukrainian
	groupSpace bool
}

// fileFormat is the data file of a language's digit conventions.
const fileFormat = "number_format.txt"

// LoadNumbers reads the number words of the languages isos (a later
// language's entry replaces an earlier one's). A language without a
// numbers.txt adds nothing: digits are always read.
func LoadNumbers(isos ...string) (*Numbers, error) {
	n := &Numbers{words: map[string]numWord{}}
	for _, iso := range isos {
		if err := n.load(iso); err != nil {
			return nil, err
		}
	}
	return n, nil
}

func (n *Numbers) load(iso string) error {
	if err := n.loadFormat(iso); err != nil {
		return err
	}
	if !lang.Has(iso, "numbers.txt") {
		return nil
	}
	ents, err := lang.Table(iso, "numbers.txt")
	if err != nil {
		return err
	}
	for _, e := range ents {
		if len(e.Fields) != 3 {
			return e.Errorf("want form, value, kind; got %d fields", len(e.Fields))
		}
		v, err := strconv.ParseFloat(e.Fields[1], 64)
		if err != nil {
			return e.Errorf("bad value %q", e.Fields[1])
		}
		k, ok := numberKinds[e.Fields[2]]
		if !ok {
			return e.Errorf("unknown kind %q", e.Fields[2])
		}
		n.words[strings.ToLower(e.Fields[0])] = numWord{v: v, kind: k, dot: e.Fields[2] == "magdot"}
	}
	return nil
}

// loadFormat reads number_format.txt (KEY <TAB> VALUE):
//
//	decimal  comma | point   the decimal mark; the other mark groups thousands
//	group    space | none    digit groups may also be separated by spaces
func (n *Numbers) loadFormat(iso string) error {
	if !lang.Has(iso, fileFormat) {
		return nil
	}
	ents, err := lang.Table(iso, fileFormat)
	if err != nil {
		return err
	}
	n.decimal, n.groupSpace = 0, false
	for _, e := range ents {
		if len(e.Fields) != 2 {
			return e.Errorf("want KEY<TAB>VALUE")
		}
		switch k, v := e.Fields[0], e.Fields[1]; {
		case k == "decimal" && v == "comma":
			n.decimal = ','
		case k == "decimal" && v == "point":
			n.decimal = '.'
		case k == "group" && (v == "space" || v == "none"):
			n.groupSpace = v == "space"
		default:
			return e.Errorf("unknown setting %q %q", k, v)
		}
	}
	return nil
}

// parse reads a digit token by the language's decimal mark: with a decimal
// comma, "3.000" is 3000, "1.234,5" is 1234.5 and "2,5" is 2.5; a point
// followed by other than three digits is still a decimal point ("2.5").
func (n *Numbers) parse(s string) (float64, bool) {
	if n.decimal != ',' || !strings.Contains(s, ".") && strings.Count(s, ",") <= 1 {
		if n.decimal == ',' {
			// "2,5", "1,200" (a decimal comma, whatever follows it)
			if v, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64); err == nil {
				return v, true
			}
		}
		return ParseDigits(s)
	}
	if !strings.Contains(s, ".") {
		return ParseDigits(s) // "1,200,000": English grouping in a quoted figure
	}
	intPart, frac, hasFrac := strings.Cut(s, ",")
	if strings.Contains(frac, ",") || strings.Contains(frac, ".") {
		return 0, false
	}
	groups := strings.Split(intPart, ".")
	for _, g := range groups[1:] {
		if len(g) != 3 {
			if len(groups) == 2 && !hasFrac {
				return ParseDigits(s) // "2.5": a decimal point after all
			}
			return 0, false
		}
	}
	t := strings.Join(groups, "")
	if hasFrac {
		t += "." + frac
	}
	v, err := strconv.ParseFloat(t, 64)
	return v, err == nil
}

// Num is a number read from tokens.
type Num struct {
	Value   float64
	End     int     // index of the first token after the number
	Words   bool    // written (at least partly) in words
	Ordinal bool    // "5th", "fifth"
	Abbr    string  // magnitude abbreviation used ("m", "bn"), lower-cased, or ""
	Mag     bool    // a magnitude word or abbreviation was applied
	Mult    float64 // the magnitude applied (1e9 for "5 billion"), 1 if none
	// Plain is true for digits alone: no words, magnitude or suffix.
	Plain bool
}

// Ordinal reads an ordinal at toks[i] ("5th", "fifth", "twenty-first").
func (n *Numbers) Ordinal(toks []Token, i int) (int, int, bool) {
	num, ok := n.Read(toks, i, false)
	if !ok || !num.Ordinal || num.Value != float64(int(num.Value)) {
		return 0, i, false
	}
	return int(num.Value), num.End, true
}

// Words returns every word of the number lexicon.
func (n *Numbers) Words() []string {
	out := make([]string, 0, len(n.words))
	for w := range n.words {
		out = append(out, w)
	}
	return out
}

// IsArticle reports whether w (lower case) is an article that stands for
// one before a unit ("a year ago", "a million").
func (n *Numbers) IsArticle(w string) bool { return n.words[w].kind == kArt }

// IsMagnitude reports whether w (lower case) is a magnitude word or abbreviation.
func (n *Numbers) IsMagnitude(w string) bool {
	k := n.words[w].kind
	return k == kMag || k == kAbbr
}

// Word returns the value of a cardinal or ordinal number word, or -1.
func (n *Numbers) Word(w string) float64 {
	nw, ok := n.words[w]
	if !ok || (nw.kind != kCard && nw.kind != kOrd) {
		return -1
	}
	return nw.v
}

// ParseDigits reads a digit token: "1,200.5" → 1200.5. A comma followed by
// exactly three digits groups thousands; any other comma is a decimal comma.
func ParseDigits(s string) (float64, bool) {
	if s == "" {
		return 0, false
	}
	var b strings.Builder
	parts := strings.Split(s, ",")
	grouped := len(parts) > 1
	for _, p := range parts[1:] {
		q := p
		if k := strings.IndexByte(p, '.'); k >= 0 {
			q = p[:k]
		}
		if len(q) != 3 {
			grouped = false
		}
	}
	if grouped {
		b.WriteString(strings.ReplaceAll(s, ",", ""))
	} else if len(parts) == 2 && !strings.Contains(s, ".") {
		b.WriteString(parts[0] + "." + parts[1])
	} else {
		b.WriteString(strings.ReplaceAll(s, ",", ""))
	}
	t := b.String()
	if strings.Count(t, ".") > 1 {
		return 0, false
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil {
		return 0, false
	}
	return v, true
}

// Read reads a number starting at toks[i]: digits ("1,200", "1.2"), digits
// with an attached magnitude abbreviation ("1.2bn"), digits or words followed
// by magnitude words ("3 million", "three hundred thousand"), "a"/"half a"
// before a magnitude ("a million", "half a billion") and ordinals ("5th",
// "twenty-first"). With mags false, magnitude words and abbreviations are not
// applied (dates want "5", not "5 million").
func (n *Numbers) Read(toks []Token, i int, mags bool) (Num, bool) {
	num, ok := n.read(toks, i, mags)
	num.Mult = 1
	if ok && num.Mag {
		if base, ok2 := n.read(toks, i, false); ok2 && base.Value != 0 {
			num.Mult = num.Value / base.Value
		}
	}
	return num, ok
}

func (n *Numbers) read(toks []Token, i int, mags bool) (Num, bool) {
	if i >= len(toks) {
		return Num{}, false
	}
	t := &toks[i]
	var out Num
	if t.Kind == Number {
		text, end := t.Text, i+1
		if n.groupSpace && len(t.Text) <= 3 && t.Digits() {
			// "1 000 000", "40 000": groups of three digits after spaces
			for end < len(toks) && toks[end].Kind == Number && !toks[end].Break && toks[end].Start-toks[end-1].End <= 3 && groupOfThree(toks[end].Text) && !strings.Contains(toks[end-1].Text, ",") {
				text += toks[end].Text
				end++
			}
		}
		v, ok := n.parse(text)
		if !ok {
			return Num{}, false
		}
		out = Num{Value: v, End: end, Plain: end == i+1}
		j := end
		if j < len(toks) && !toks[j].Space && toks[j].Kind == Word {
			w := n.words[toks[j].Lower]
			switch {
			case w.kind == kSfx && t.Digits():
				out.Ordinal, out.Plain, out.End = true, false, j+1
				return out, true
			case (w.kind == kAbbr || w.kind == kMag) && mags:
				out.Value *= w.v
				out.Mag, out.Plain, out.End = true, false, j+1
				if w.kind == kAbbr {
					out.Abbr = toks[j].Lower
				}
				return out, true
			}
		}
		if mags {
			out = n.magnitudes(toks, out)
		}
		return out, true
	}
	if t.Kind != Word {
		return Num{}, false
	}
	w, ok := n.words[t.Lower]
	if !ok {
		return Num{}, false
	}
	switch w.kind {
	case kArt, kFrac:
		if !mags {
			return Num{}, false
		}
		// "a million", "half a million", "a quarter of a million", "a half-million"
		v := w.v
		j := i + 1
		if w.kind == kArt && j < len(toks) && n.words[toks[j].Lower].kind == kFrac {
			v = n.words[toks[j].Lower].v
			j++
			if j < len(toks) && toks[j].Dash() {
				j++
			}
		}
		if w.kind == kFrac || v != 1 {
			if j < len(toks) && toks[j].Lower == "of" {
				j++
			}
			if j < len(toks) && n.words[toks[j].Lower].kind == kArt {
				j++
			}
		}
		if j < len(toks) && n.words[toks[j].Lower].kind == kMag {
			num := n.magnitudes(toks, Num{Value: v, End: j, Words: true})
			if num.Mag {
				return num, true
			}
		}
		return Num{}, false
	case kCard, kOrd:
		// compose words: "twenty-five", "one hundred and fifty", "three million"
		total, cur := 0.0, 0.0
		j := i
		last := -1
		ord := false
		for j < len(toks) {
			wj, ok := n.words[toks[j].Lower]
			if !ok || ord {
				break
			}
			switch wj.kind {
			case kCard, kOrd:
				if last == kCard && !(int(cur)%100 >= 20 && int(cur)%10 == 0 && wj.v < 10) {
					goto done
				}
				cur += wj.v
				ord = wj.kind == kOrd
			case kMag:
				if !mags && wj.v != 100 && wj.v != 1000 {
					goto done
				}
				if last == -1 || last == kMag && wj.v <= 100 {
					goto done
				}
				if wj.v == 100 {
					cur *= 100
				} else {
					total += cur * wj.v
					cur = 0
				}
			default:
				goto done
			}
			last = wj.kind
			j++
			// "twenty-five", "one hundred and five"
			if j+1 < len(toks) && (toks[j].Dash() && !toks[j].Space && !toks[j+1].Space || toks[j].Lower == "and" && last == kMag) {
				if nw, ok := n.words[toks[j+1].Lower]; ok && (nw.kind == kCard || nw.kind == kOrd) {
					j++
				}
			}
		}
	done:
		if j == i {
			return Num{}, false
		}
		out = Num{Value: total + cur, End: j, Words: true, Ordinal: ord}
		// a trailing "and"/"-" consumed without a following number is given back
		for out.End > i+1 && (toks[out.End-1].Lower == "and" || toks[out.End-1].Dash()) {
			out.End--
		}
		if mags && !ord {
			out = n.magnitudes(toks, out)
		}
		return out, true
	}
	return Num{}, false
}

// groupOfThree reports whether s is three digits, optionally followed by
// a decimal part ("000", "500,25").
func groupOfThree(s string) bool {
	if len(s) < 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) == 3 || s[3] == ','
}

// magnitudes applies following magnitude words ("3 million", "1.5 billion",
// "two hundred thousand", "3 and a half million").
func (n *Numbers) magnitudes(toks []Token, num Num) Num {
	j := num.End
	// "3 and a half million"
	if j+3 < len(toks) && toks[j].Lower == "and" && n.words[toks[j+1].Lower].kind == kArt && n.words[toks[j+2].Lower].kind == kFrac && n.words[toks[j+3].Lower].kind == kMag {
		num.Value += n.words[toks[j+2].Lower].v
		j += 3
	}
	applied := false
	for j < len(toks) && toks[j].Kind == Word {
		w := n.words[toks[j].Lower]
		if w.kind == kMag || w.kind == kAbbr && j == num.End && toks[j].Space && !applied {
			if w.kind == kAbbr && len(toks[j].Lower) < 2 {
				break // a lone "m"/"k"/"b" after a space is not a magnitude
			}
			if applied && w.v <= 100 {
				break
			}
			num.Value *= w.v
			if w.kind == kAbbr {
				num.Abbr = toks[j].Lower
			}
			num.Mag, num.Plain = true, false
			applied = true
			j++
			if w.dot && j+1 < len(toks) && toks[j].Text == "." && !toks[j].Space && toks[j+1].Kind == Word {
				j++ // "500 Mrd. Dollar", "2 млрд. рублей": an abbreviation's period
			}
			continue
		}
		break
	}
	if applied {
		num.End = j
	}
	return num
}

// String formats the number for messages.
func (n Num) String() string { return fmt.Sprintf("%g", n.Value) }
