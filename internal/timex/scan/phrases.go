package scan

import (
	"sort"
	"strings"
)

// Phrases finds the longest of a set of token sequences ("per cent", "US $",
// "pounds sterling") at a position, comparing lower-cased tokens (and
// tokens without a possessive "'s").
type Phrases[T any] struct {
	m map[string][]phraseEntry[T]
}

type phraseEntry[T any] struct {
	toks []string
	v    T
	// tight: written without spaces ("US$"), so its tokens must touch
	tight bool
}

// Add adds a phrase, cut into tokens as Scan cuts text, with its value.
// Empty phrases are ignored.
func (p *Phrases[T]) Add(phrase string, v T) {
	toks := Scan(phrase)
	if len(toks) == 0 {
		return
	}
	if p.m == nil {
		p.m = map[string][]phraseEntry[T]{}
	}
	e := phraseEntry[T]{v: v, tight: !strings.ContainsAny(phrase, " \t")}
	for _, t := range toks {
		e.toks = append(e.toks, t.Lower)
	}
	l := append(p.m[e.toks[0]], e)
	sort.SliceStable(l, func(a, b int) bool { return len(l[a].toks) > len(l[b].toks) })
	p.m[e.toks[0]] = l
}

// Match returns the value of the longest phrase starting at toks[i] and the
// index of the token after it.
func (p *Phrases[T]) Match(toks []Token, i int) (T, int, bool) {
	var zero T
	if i >= len(toks) || p.m == nil {
		return zero, i, false
	}
	l := p.m[toks[i].Lower]
	if len(l) == 0 {
		l = p.m[toks[i].Base()]
	}
	for _, e := range l {
		if i+len(e.toks) > len(toks) {
			continue
		}
		ok := true
		for k, w := range e.toks[1:] {
			if t := &toks[i+1+k]; t.Lower != w && t.Base() != w || e.tight && t.Space {
				ok = false
				break
			}
		}
		if ok {
			return e.v, i + len(e.toks), true
		}
	}
	return zero, i, false
}

// Firsts returns the first tokens of all phrases.
func (p *Phrases[T]) Firsts() []string {
	out := make([]string, 0, len(p.m))
	for w := range p.m {
		out = append(out, w)
	}
	return out
}
