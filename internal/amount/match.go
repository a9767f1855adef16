package amount

import (
	"math"
	"strings"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/timex/scan"
)

// maxAdj is how many words may stand between a count and its people noun.
const maxAdj = 2

// amount reads an amount starting at toks[i]:
//
//	[qualifier] [between] [currency] number [magnitude] [range] [currency | unit] [per unit]
//	[qualifier] vague-count "of" (currency | unit)
func (lx *lexicon) amount(toks []scan.Token, i int) (doc.Amount, int, bool) {
	var a doc.Amount
	j := i
	between := false
	if q, e, ok := lx.qualifiers.Match(toks, j); ok {
		if q == "range" {
			between = true
		} else {
			a.Qualifier = q
		}
		j = e
	}
	if j >= len(toks) {
		return a, i, false
	}
	// "hundreds of thousands of people"; "Tausende Menschen", "тысячи
	// людей", "des milliers de personnes" (the languages' vague counts
	// hold their own connector, English takes "of")
	if v, e, ok := lx.vague.Match(toks, j); ok && e < len(toks) {
		if toks[e].Lower == "of" && e+1 < len(toks) {
			e++
		}
		if c, e2, ok := lx.currencies.Match(toks, e); ok && c.where != "before" && c.where != "joined" {
			a.Unit, a.Qualifier = c.code, joinQ(a.Qualifier, v)
			return a, e2, true
		}
		if u, e2, ok := lx.units.Match(toks, e); ok && u.class != "adj" && u.class != "percent" {
			a.Unit, a.Qualifier = u.name, joinQ(a.Qualifier, v)
			return a, e2, true
		}
	}
	var cur currency
	hasCur := false
	if c, e, ok := lx.currencies.Match(toks, j); ok && (c.where == "before" || c.where == "both") && e < len(toks) {
		if _, ok := lx.nums.Read(toks, e, true); ok {
			cur, hasCur, j = c, true, e
		}
	}
	num, ok := lx.nums.Read(toks, j, true)
	if !ok || num.Ordinal {
		return a, i, false
	}
	if num.Plain && !hasCur && a.Qualifier == "" && looksLikeYear(&toks[j]) {
		// "in 2005 voters …": news writes counts of this size with a comma
		return a, i, false
	}
	value := num.Value
	j = num.End
	var max *float64
	// a range: "$3-5 billion", "3 to 5 per cent", "between £3m and £5m"
	if j+1 < len(toks) && (toks[j].Dash() || lx.rangeWords[toks[j].Lower] == "to" || between && lx.rangeWords[toks[j].Lower] == "and") {
		k := j + 1
		if hasCur {
			if c, e, ok := lx.currencies.Match(toks, k); ok && c.code == cur.code {
				k = e
			}
		}
		if n2, ok := lx.nums.Read(toks, k, true); ok && !n2.Ordinal {
			v2 := n2.Value
			if !num.Mag && n2.Mag {
				value *= n2.Mult
			}
			if v2 > value {
				max = &v2
				j = n2.End
				num.Abbr = n2.Abbr
			} else {
				value = num.Value
			}
		}
	}
	unitName := ""
	switch {
	case hasCur:
		unitName = cur.code
		value *= cur.factor
		if max != nil {
			*max *= cur.factor
		}
		// "$5bn USD" and the like: take a repeated code
		if c, e, ok := lx.currencies.Match(toks, j); ok && c.code == cur.code && c.where != "before" {
			j = e
		}
	default:
		if c, e, ok := lx.currencies.Match(toks, j); ok && c.where != "before" && (c.where != "joined" || !toks[j].Space) {
			unitName = c.code
			value *= c.factor
			if max != nil {
				*max *= c.factor
			}
			j = e
			break
		}
		k := j
		if k < len(toks) && toks[k].Dash() && !toks[k].Space {
			k++ // "a 5-mile walk"
		}
		if u, e, ok := lx.unitAfter(toks, k); ok {
			unitName = u.name
			j = e
			break
		}
		if num.Mag && j < len(toks) && countNoun(&toks[j]) && !(num.Abbr == "m" && value/1e6 >= 10 && math.Mod(value/1e6, 10) == 0) {
			// "5m copies", "1.2bn songs": a large count of things (but
			// "100m hurdles" are metres)
			unitName = toks[j].Lower
			j++
			break
		}
		return a, i, false
	}
	// a rate: "£5 an hour", "$30 a share", "£20 per head"
	if w, e, ok := lx.per.Match(toks, j); ok && w == "=" {
		if p, e2, ok := lx.per.Match(toks, e); ok && p != "=" && p != "!" {
			if blk, _, ok := lx.per.Match(toks, e2); !ok || blk != "!" {
				a.Per = p
				j = e2
			}
		}
	}
	a.Value = &value
	a.Max = max
	a.Unit = unitName
	return a, j, true
}

// unitAfter reads a unit at toks[k], allowing a few words between a count
// and a people noun ("14 Liberal MPs").
func (lx *lexicon) unitAfter(toks []scan.Token, k int) (unit, int, bool) {
	if u, e, ok := lx.units.Match(toks, k); ok && u.class != "adj" {
		return u, e, true
	}
	for n := 0; n < maxAdj && k < len(toks) && toks[k].Kind == scan.Word; n++ {
		adj, e, ok := lx.units.Match(toks, k)
		if ok && adj.class != "adj" {
			break
		}
		if !ok && !toks[k].Cap() {
			break
		}
		if !ok {
			e = k + 1
		}
		k = e
		if u, e, ok := lx.units.Match(toks, k); ok && u.class == "people" {
			return u, e, true
		}
	}
	return unit{}, k, false
}

func joinQ(a, b string) string {
	if a == "" {
		return b
	}
	return a + " " + b
}

// countNoun reports whether t looks like a plural noun a count may name
// ("copies", "users"): a lower-case word of four letters or more ending
// in "s".
func countNoun(t *scan.Token) bool {
	return t.Kind == scan.Word && t.Space && !t.Cap() && len(t.Lower) >= 4 && strings.HasSuffix(t.Lower, "s") && !strings.HasSuffix(t.Lower, "ss") && !strings.ContainsAny(t.Lower, "'’")
}

// looksLikeYear reports whether t is four digits without a separator in the
// range of years.
func looksLikeYear(t *scan.Token) bool {
	n := t.Int()
	return len(t.Text) == 4 && n >= 1800 && n <= 2100
}
