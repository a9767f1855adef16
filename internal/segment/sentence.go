package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// shortLine is the length in bytes under which a line that ends without
// punctuation inside a paragraph is taken for a heading or a list item (a
// sentence of its own); hard-wrapped prose has longer lines.
const shortLine = 64

// split appends the sentences of the paragraph whose tokens are
// toks[first:last] (paraStart is the paragraph's first byte, para its index).
func (r *Rules) split(text string, toks []doc.Token, fl []uint8, first, last, paraStart, para int, out []doc.Sentence) []doc.Sentence {
	if first >= last {
		return out
	}
	markClosingQuotes(text, toks, fl, first, last)
	start := first
	add := func(a, b int) {
		out = append(out, doc.Sentence{
			Span:  doc.Span{Start: toks[a].Start, End: toks[b-1].End},
			First: a, EndTok: b, Para: para,
		})
	}
	for k := first; k < last-1; k++ {
		f := fl[k]
		next := -1 // first token of the next sentence
		if f&(fTerm|fAbbr) != 0 {
			j := k + 1
			for j < last && fl[j]&fClose != 0 && (!toks[j].SpaceBefore || fl[j]&fQClose != 0) {
				j++
			}
			switch {
			case j >= last:
				// closing marks run to the end of the paragraph
			case f&fHard != 0:
				next = j
			case f&fTerm != 0 || j > k+1:
				if startsSentence(text, toks, fl, j, last) {
					next = j
				}
			case r.starters[tokText(text, toks[j])]:
				next = j
			case fl[j]&fOpen != 0 && fl[j]&fClose != 0 && fl[j]&fQClose == 0 && j+1 < last && !lowerStart(text, toks[j+1]) && toks[j+1].Kind == doc.Word && r.starters != nil:
				// an opening quote mark and a capitalized word: a quotation starts a new sentence
				next = j
			}
			if j >= last {
				break
			}
		}
		if next < 0 && fl[k+1]&fNL != 0 && lineBreakEnds(text, toks, fl, k, last, paraStart) {
			next = k + 1
		}
		if next > start && next < last {
			add(start, next)
			start = next
			k = next - 1
		}
	}
	add(start, last)
	return out
}

// markClosingQuotes sets fQClose on the quote marks of toks[first:last]
// that close a quotation opened earlier in the paragraph: every second
// straight double quote, and a directional mark matching an open one in
// either convention (“…” and „…“, «…» and »…«). A closing mark after a
// sentence's final punctuation belongs to that sentence even when a space
// separates them (French « … ! »).
func markClosingQuotes(text string, toks []doc.Token, fl []uint8, first, last int) {
	var straight, curly, low, left, right int // open quotations by opening mark
	for k := first; k < last; k++ {
		if fl[k]&(fOpen|fClose) != fOpen|fClose {
			continue
		}
		fl[k] &^= fQClose
		closing := false
		switch text[toks[k].Start:toks[k].End] {
		case `"`:
			closing = straight%2 == 1
			straight++
		case "“":
			if low > 0 {
				closing = true
				low--
			} else {
				curly++
			}
		case "”":
			if curly > 0 {
				closing = true
				curly--
			}
		case "„":
			low++
		case "«":
			if right > 0 {
				closing = true
				right--
			} else {
				left++
			}
		case "»":
			if left > 0 {
				closing = true
				left--
			} else {
				right++
			}
		}
		if closing {
			fl[k] |= fQClose
		}
	}
}

func tokText(text string, t doc.Token) string { return text[t.Start:t.End] }

// startsSentence reports whether token j can be the first of a sentence:
// anything but a lowercase word or punctuation other than an opening quote
// or bracket (which must not be followed by a lowercase word).
func startsSentence(text string, toks []doc.Token, fl []uint8, j, last int) bool {
	if fl[j]&fBullet != 0 {
		return true
	}
	if fl[j]&fOpen != 0 {
		for j+1 < last && fl[j+1]&fOpen != 0 {
			j++
		}
		if j+1 >= last {
			return true
		}
		return !lowerStart(text, toks[j+1]) && toks[j+1].Kind != doc.Punct
	}
	switch toks[j].Kind {
	case doc.Punct:
		return false
	case doc.Symbol:
		return true
	}
	if s, e := toks[j].Start, toks[j].End; text[s] == '\'' {
		return s+1 < e && ascii[text[s+1]]&cDigit != 0 // '90s, not 's
	} else if strings.HasPrefix(text[s:e], "’") {
		return s+3 < e && ascii[text[s+3]]&cDigit != 0
	}
	return !lowerStart(text, toks[j]) || camelCase(text, toks[j])
}

// camelCase reports whether a word that starts lowercase has a capital
// letter among its next few letters, like brand names ("iPod", "eBay") that
// may begin a sentence.
func camelCase(text string, t doc.Token) bool {
	for i := t.Start + 1; i < t.End && i < t.Start+4; i++ {
		if ascii[text[i]]&cUpper != 0 {
			return true
		}
	}
	return false
}

// lowerStart reports whether the token starts with a lowercase letter.
func lowerStart(text string, t doc.Token) bool {
	c := text[t.Start]
	if c < utf8.RuneSelf {
		return ascii[c]&cLower != 0
	}
	r, _ := utf8.DecodeRuneInString(text[t.Start:t.End])
	return unicode.IsLower(r)
}

// lineBreakEnds decides whether the line break between tokens k and k+1
// (inside a paragraph) ends a sentence: before a list bullet always;
// otherwise after a short line that does not end in a continuing mark, when
// the next line starts like a sentence.
func lineBreakEnds(text string, toks []doc.Token, fl []uint8, k, last, paraStart int) bool {
	if fl[k+1]&fBullet != 0 {
		return true
	}
	prev := toks[k]
	switch text[prev.End-1] {
	case ',', ';', ':', '-', '(', '&', '/':
		return false
	}
	if prev.Kind == doc.Punct && prev.Len() == 3 && text[prev.Start] == 0xE2 { // dashes
		r, _ := utf8.DecodeRuneInString(text[prev.Start:prev.End])
		if r == '—' || r == '–' {
			return false
		}
	}
	if !startsSentence(text, toks, fl, k+1, last) {
		return false
	}
	ls := prev.Start
	for ls > paraStart && text[ls-1] != '\n' {
		ls--
	}
	return prev.End-ls < shortLine
}
