package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// ASCII character classes.
const (
	cSpace uint8 = 1 << iota
	cLower
	cUpper
	cDigit
)

var ascii [256]uint8

func init() {
	for _, c := range " \t\n\v\f\r" {
		ascii[c] = cSpace
	}
	for c := 'a'; c <= 'z'; c++ {
		ascii[c] = cLower
	}
	for c := 'A'; c <= 'Z'; c++ {
		ascii[c] = cUpper
	}
	for c := '0'; c <= '9'; c++ {
		ascii[c] = cDigit
	}
}

// Token flags used by sentence splitting (one byte per token, kept beside
// doc.Tokens while a document is segmented).
const (
	fTerm   uint8 = 1 << iota // sentence-final punctuation: . ! ? … ...
	fAbbr                     // abbreviation or initial with its period: ends a sentence only before a sentence starter
	fClose                    // closing quote or bracket (quotes are both open and close)
	fOpen                     // opening quote or bracket
	fNL                       // a line break separates the token from the one before
	fHard                     // always ends a sentence: 。！？
	fBullet                   // a list bullet at the start of a line
	fQClose                   // a quote mark that closes an open quotation (set by split)
)

// tokenizer appends the tokens of one text to toks, with their flags in fl.
type tokenizer struct {
	r       *Rules
	text    string
	toks    []doc.Token
	fl      []uint8
	prevEnd int  // end of the last token (or the start of the text)
	nl      bool // a line break lies between prevEnd and the next token
	lineBeg bool // the next token starts a line

	attachUpTo int      // periods of a multi-part abbreviation before this offset stay with their word
	multiKind  abbrKind // kind of that abbreviation
}

func (t *tokenizer) emit(s, e int, k doc.TokenKind, f uint8) {
	if t.nl {
		f |= fNL
	}
	t.toks = append(t.toks, doc.Token{Span: doc.Span{Start: s, End: e}, Kind: k, SpaceBefore: s > t.prevEnd})
	t.fl = append(t.fl, f)
	t.prevEnd = e
	t.nl = false
	t.lineBeg = false
}

// run tokenizes text[start:end].
func (t *tokenizer) run(start, end int) {
	text := t.text
	t.lineBeg = true
	i := start
	for i < end {
		c := text[i]
		if c < utf8.RuneSelf {
			if ascii[c]&cSpace != 0 {
				if c == '\n' {
					t.nl = true
					t.lineBeg = true
				}
				i++
				continue
			}
		} else {
			r, sz := utf8.DecodeRuneInString(text[i:end])
			if isSpaceRune(r) {
				if r == 0x2028 || r == 0x2029 || r == 0x85 {
					t.nl = true
					t.lineBeg = true
				}
				i += sz
				continue
			}
		}
		n := t.token(i, end)
		if n <= i { // cannot happen; guarantees progress on any input
			n = i + 1
			for n < end && !utf8.RuneStart(text[n]) {
				n++
			}
			t.emit(i, n, doc.Symbol, 0)
		}
		i = n
	}
}

// token emits the token(s) starting at i and returns the offset after them.
func (t *tokenizer) token(i, end int) int {
	text := t.text
	c := text[i]
	if c < utf8.RuneSelf {
		if ascii[c]&(cLower|cUpper|cDigit) != 0 {
			if c == 'h' || c == 'H' || c == 'w' || c == 'W' || c == 'f' || c == 'F' {
				if e := urlEnd(text, i, end); e > i {
					t.emit(i, e, doc.Word, 0)
					return e
				}
			}
			return t.word(i, end)
		}
		switch c {
		case '.':
			e := runOf(text, i, end, '.')
			t.emit(i, e, doc.Punct, fTerm)
			return e
		case '!', '?':
			e := i + 1
			for e < end && (text[e] == '!' || text[e] == '?') {
				e++
			}
			t.emit(i, e, doc.Punct, fTerm)
			return e
		case '-', '*':
			e := runOf(text, i, end, c)
			f := uint8(0)
			if t.lineBeg && e-i == 1 && e < end && (text[e] == ' ' || text[e] == '\t') {
				f = fBullet
			}
			t.emit(i, e, doc.Punct, f)
			return e
		case '\'':
			return t.apostrophe(i, 1, end)
		case '"':
			t.emit(i, i+1, doc.Punct, fOpen|fClose)
			return i + 1
		case '`':
			e := i + 1
			if e < end && text[e] == '`' {
				e++
			}
			t.emit(i, e, doc.Punct, fOpen|fClose)
			return e
		case '(', '[', '{':
			t.emit(i, i+1, doc.Punct, fOpen)
			return i + 1
		case ')', ']', '}':
			t.emit(i, i+1, doc.Punct, fClose)
			return i + 1
		case '@', '#':
			if e := t.tagEnd(i+1, end); e > i+1 {
				t.emit(i, e, doc.Word, 0)
				return e
			}
			t.emit(i, i+1, doc.Symbol, 0)
			return i + 1
		case '$', '%', '+', '<', '=', '>', '|', '~', '^':
			t.emit(i, i+1, doc.Symbol, 0)
			return i + 1
		}
		t.emit(i, i+1, doc.Punct, 0)
		return i + 1
	}
	r, sz := utf8.DecodeRuneInString(text[i:end])
	e := i + sz
	switch {
	case r == utf8.RuneError && sz == 1:
		t.emit(i, e, doc.Symbol, 0)
	case r == '’':
		return t.apostrophe(i, sz, end)
	case r == '…':
		for e < end && strings.HasPrefix(text[e:end], "…") {
			e += sz
		}
		t.emit(i, e, doc.Punct, fTerm)
	case r == '—' || r == '–' || r == '―' || r == '‒':
		f := uint8(0)
		if t.lineBeg && e < end && text[e] == ' ' {
			f = fBullet
		}
		t.emit(i, e, doc.Punct, f)
	case r == '。' || r == '！' || r == '？' || r == '｡' || r == '‼' || r == '⁇' || r == '⁈' || r == '⁉':
		f := fTerm
		if r != '‼' && r != '⁇' && r != '⁈' && r != '⁉' {
			f |= fHard
		}
		t.emit(i, e, doc.Punct, f)
	case r == '•' || r == '·' || r == '▪' || r == '►' || r == '‣' || r == '◦' || r == '●':
		f := uint8(0)
		if t.lineBeg {
			f = fBullet
		}
		t.emit(i, e, doc.Punct, f)
	case isCJK(r):
		t.emit(i, e, doc.Word, 0)
	case isWordRune(r):
		return t.word(i, end)
	case unicode.In(r, unicode.Pi, unicode.Pf) || r == '„' || r == '‚' || r == '«' || r == '»':
		t.emit(i, e, doc.Punct, fOpen|fClose)
	case unicode.Is(unicode.Ps, r) || r == '¿' || r == '¡':
		// Spanish opening marks begin a sentence like an opening bracket
		t.emit(i, e, doc.Punct, fOpen)
	case unicode.Is(unicode.Pe, r):
		t.emit(i, e, doc.Punct, fClose)
	case r == '‰' || r == '‱':
		t.emit(i, e, doc.Symbol, 0)
	case unicode.IsPunct(r):
		t.emit(i, e, doc.Punct, 0)
	default:
		t.emit(i, e, doc.Symbol, 0)
	}
	return e
}

// apostrophe handles an apostrophe (asz bytes) at the start of a token: a
// clitic split from the word before ("'s"), an abbreviated decade ("'90s")
// or a quote mark.
func (t *tokenizer) apostrophe(i, asz, end int) int {
	text := t.text
	j := i + asz
	if t.prevEnd == i && len(t.toks) > 0 && t.toks[len(t.toks)-1].Kind != doc.Punct && len(t.r.clitics) > 0 {
		k := j
		for k < end && ascii[text[k]]&(cLower|cUpper) != 0 {
			k++
		}
		if k > j && !wordRuneAt(text, k, end) && t.r.isClitic(text[j:k]) {
			t.emit(i, k, doc.Word, 0)
			return k
		}
	}
	if j+1 < end && ascii[text[j]]&cDigit != 0 && ascii[text[j+1]]&cDigit != 0 {
		k := j + 2
		if k < end && text[k] == 's' {
			k++
		}
		if !wordRuneAt(text, k, end) {
			t.emit(i, k, doc.Word, 0)
			return k
		}
	}
	if asz == 1 && j < end && text[j] == '\'' {
		j++
	}
	t.emit(i, j, doc.Punct, fOpen|fClose)
	return j
}

// tagEnd returns the end of the name of a @handle or #hashtag starting at i
// (i itself when there is none).
func (t *tokenizer) tagEnd(i, end int) int {
	text := t.text
	e := i
	for e < end {
		c := text[e]
		if c < utf8.RuneSelf {
			if ascii[c]&(cLower|cUpper|cDigit) != 0 || c == '_' {
				e++
				continue
			}
			break
		}
		r, sz := utf8.DecodeRuneInString(text[e:end])
		if !isWordRune(r) && !isCJK(r) {
			break
		}
		e += sz
	}
	return e
}

// winfo describes a scanned word.
type winfo struct {
	letters, digits bool
	dots            int  // internal periods
	longSeg         bool // some period-separated part has more than one character
	upper           bool // starts with an uppercase letter
	runes           int
}

func (w *winfo) kind() doc.TokenKind {
	if w.digits && !w.letters {
		return doc.Number
	}
	return doc.Word
}

// word emits the word starting at s, with its period when it is an
// abbreviation, and returns its end.
func (t *tokenizer) word(s, end int) int {
	text := t.text
	e, w := t.scan(s, end)
	if e < end && text[e] == '$' && e-s <= 3 && w.runes == e-s && allUpper(text[s:e]) {
		// a currency sign with its country: "US$", "HK$", "A$" (Penn Treebank keeps them whole)
		t.emit(s, e+1, doc.Symbol, 0)
		return e + 1
	}
	if e < end && text[e] == '.' && (e+1 >= end || text[e+1] != '.') {
		if w.digits && !w.letters && w.dots == 0 && e-s <= 2 && t.listStart() && e+1 < end && text[e+1] == ' ' && nextIsLetter(text, e+1, end) {
			// "1. Buy a car": a list number at the start of a line or after a
			// colon or full stop; its period does not end a sentence
			t.emit(s, e, doc.Number, 0)
			t.emit(e, e+1, doc.Punct, 0)
			return e + 1
		}
		if f, ok := t.period(s, e, end, &w); ok {
			e++
			// "U.S.-led": a hyphenated compound on a dotted initialism
			if f == fAbbr && w.dots > 0 && e+1 < end && text[e] == '-' && wordRuneAt(text, e+1, end) {
				e2, w2 := t.scan(e+1, end)
				if w2.digits {
					w.digits = true
				}
				e, f = e2, 0
			}
			t.emit(s, e, w.kind(), f)
			return e
		}
	}
	t.emit(s, e, w.kind(), 0)
	return e
}

// scan finds the end of the word starting at s: letters, digits and marks,
// joined by the connectors of numbers ("1,500", "2.5", "10:30", "9/27"),
// compounds ("anti-Japanese", "and/or", "AT&T"), dotted initialisms ("U.S"),
// domain names and e-mail addresses, and apostrophes inside names
// ("O'Brien"). It stops before a clitic ("'s", "n't") and after an elided
// word ("l'").
func (t *tokenizer) scan(s, end int) (int, winfo) {
	text := t.text
	var w winfo
	seg := 0 // characters in the current period-separated part
	at := false
	i := s
	for i < end {
		c := text[i]
		if (c == 0xD0 || c == 0xD1) && i+1 < end && text[i+1]&0xC0 == 0x80 {
			// a Cyrillic letter (U+0400–U+047F), the bulk of Russian and
			// Ukrainian text
			if w.runes == 0 {
				w.upper = c == 0xD0 && text[i+1] < 0xB0
			}
			w.letters = true
			w.runes++
			seg++
			i += 2
			continue
		}
		if c < utf8.RuneSelf {
			cl := ascii[c]
			if cl&(cLower|cUpper) != 0 {
				if w.runes == 0 {
					w.upper = cl == cUpper
				}
				w.letters = true
				w.runes++
				seg++
				i++
				continue
			}
			if cl&cDigit != 0 {
				w.digits = true
				w.runes++
				seg++
				i++
				continue
			}
			if i+1 >= end || i == s {
				break
			}
			n := text[i+1]
			p := text[i-1]
			join := false
			switch c {
			case '.':
				switch {
				case ascii[n]&cDigit != 0 && ascii[p]&cDigit != 0:
					join = true // 2.5, 27.09.2024
				case seg == 1 && singleLetterAt(text, i+1, end):
					join = true // U.S, a.m, e.g, z.B
				case ascii[p]&cLower != 0 && ascii[n]&cLower != 0:
					join = true // bbc.co.uk, example.com
				}
				if join {
					w.dots++
					if seg != 1 {
						w.longSeg = true
					}
					seg = 0
				}
			case ',', ':':
				join = ascii[n]&cDigit != 0 && ascii[p]&cDigit != 0 // 1,500  10:30
			case '/', '-', '_':
				join = wordRuneAt(text, i+1, end)
			case '&':
				join = ascii[n]&cUpper != 0 && ascii[p]&cUpper != 0 // AT&T
			case '@':
				join = !at && ascii[n]&(cLower|cUpper|cDigit) != 0
				at = true
			case '\'':
				e, cont := t.apos(s, i, 1, end)
				if !cont {
					return t.finish(e, seg, w)
				}
				i = e
				continue
			}
			if !join {
				break
			}
			if c != '.' {
				if seg != 1 {
					w.longSeg = true
				}
				seg = 0
			}
			i++
			continue
		}
		var r rune
		var sz int
		if c >= 0xC2 && c < 0xE0 && i+1 < end && text[i+1]&0xC0 == 0x80 {
			// two-byte sequences (Latin accents, Cyrillic) decoded inline
			r, sz = rune(c&0x1F)<<6|rune(text[i+1]&0x3F), 2
		} else {
			r, sz = utf8.DecodeRuneInString(text[i:end])
		}
		if r == '’' && i > s {
			e, cont := t.apos(s, i, sz, end)
			if !cont {
				return t.finish(e, seg, w)
			}
			i = e
			continue
		}
		if (r == 0x2010 || r == 0x2011) && i > s && wordRuneAt(text, i+sz, end) {
			i += sz
			continue
		}
		if r >= 0xC0 && r <= 0x24F && r != 0xD7 && r != 0xF7 || r >= 0x400 && r <= 0x481 || r >= 0x48A && r <= 0x52F {
			// accented Latin and Cyrillic letters: no table lookups
			if w.runes == 0 {
				w.upper = isUpperFast(r)
			}
			w.letters = true
			w.runes++
			seg++
			i += sz
			continue
		}
		if isCJK(r) || !isWordRune(r) {
			break
		}
		if w.runes == 0 {
			w.upper = unicode.IsUpper(r)
		}
		if unicode.IsDigit(r) {
			w.digits = true
		} else {
			w.letters = true
		}
		if !unicode.IsMark(r) {
			w.runes++
			seg++
		}
		i += sz
	}
	return t.finish(i, seg, w)
}

func (t *tokenizer) finish(e, seg int, w winfo) (int, winfo) {
	if seg != 1 {
		w.longSeg = true
	}
	return e, w
}

// apos decides what an apostrophe (asz bytes at i) inside the word starting
// at s does: it returns the offset to continue from and true to continue the
// word, or the end of the word and false.
func (t *tokenizer) apos(s, i, asz, end int) (int, bool) {
	text := t.text
	j := i + asz
	r := t.r
	if len(r.clitics) > 0 || r.nt {
		k := j
		for k < end && ascii[text[k]]&(cLower|cUpper) != 0 {
			k++
		}
		if k > j && !wordRuneAt(text, k, end) {
			suf := text[j:k]
			if r.isClitic(suf) {
				return i, false // John|'s
			}
			if r.nt && k-j == 1 && (suf[0] == 't' || suf[0] == 'T') && i-1 > s && (text[i-1] == 'n' || text[i-1] == 'N') {
				return i - 1, false // do|n't
			}
		}
	}
	if len(r.elisions) > 0 && wordRuneAt(text, j, end) && r.isElision(text[s:i]) {
		return j, false // l'|homme
	}
	if wordRuneAt(text, j, end) {
		return j, true // O'Brien
	}
	return i, false
}

// period decides whether the period at e ending the word text[s:e] belongs
// to the word, and with which sentence flag.
func (t *tokenizer) period(s, e, end int, w *winfo) (uint8, bool) {
	text := t.text
	r := t.r
	if e < t.attachUpTo {
		if e+1 == t.attachUpTo && t.multiKind == abbrOther {
			return fAbbr, true
		}
		if e+1 == t.attachUpTo && t.multiKind == abbrEnd {
			return fAbbr | fTerm, true
		}
		return 0, true
	}
	cand := text[s : e+1]
	if r.abbr != nil {
		if k, ok := r.abbr[cand]; ok {
			switch k {
			case abbrTitle:
				return 0, true
			case abbrOther:
				return fAbbr, true
			case abbrEnd:
				// a list's "etc." or a currency's "zł." ends its sentence
				// when a capitalized word follows, as a sentence period does
				return fAbbr | fTerm, true
			case abbrNumber:
				if nextIsDigit(text, e+1, end) {
					return 0, true
				}
			}
		}
		if ms, ok := r.multi[cand]; ok {
			for _, m := range ms {
				if last := matchParts(text, e+1, end, m.parts); last > 0 {
					t.attachUpTo = last
					t.multiKind = m.kind
					return 0, true
				}
			}
		}
	}
	if w.dots > 0 && !w.longSeg && w.letters && !w.digits {
		return fAbbr, true // U.S. a.m. e.g.
	}
	if w.runes == 1 && w.upper {
		return fAbbr, true // J. K. Rowling
	}
	if r.ordinal && w.digits && !w.letters && w.dots == 0 && e-s <= 3 && nextIsLetter(text, e+1, end) {
		return fAbbr, true // 3. Oktober
	}
	return 0, false
}

func allUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if ascii[s[i]]&cUpper == 0 {
			return false
		}
	}
	return true
}

// listStart reports whether the next token starts a line or follows a
// colon or a sentence's final punctuation: where a list number may stand.
func (t *tokenizer) listStart() bool {
	if t.lineBeg {
		return true
	}
	n := len(t.toks)
	if n == 0 {
		return false
	}
	last := t.toks[n-1]
	return t.fl[n-1]&fTerm != 0 || (last.Len() == 1 && t.text[last.Start] == ':')
}

// matchParts matches the remaining parts of a multi-part abbreviation at p
// (each after optional spaces) and returns the offset after the last one, or
// 0.
func matchParts(text string, p, end int, parts []string) int {
	for _, part := range parts {
		for n := 0; p < end && text[p] == ' ' && n < 3; n++ {
			p++
		}
		if !strings.HasPrefix(text[p:end], part) {
			return 0
		}
		p += len(part)
	}
	if wordRuneAt(text, p, end) {
		return 0
	}
	return p
}

// urlEnd returns the end of a URL starting at i, or i when none starts there.
func urlEnd(text string, i, end int) int {
	rest := text[i:end]
	var pre int
	switch {
	case hasPrefixFold(rest, "https://"):
		pre = 8
	case hasPrefixFold(rest, "http://"):
		pre = 7
	case hasPrefixFold(rest, "ftp://"):
		pre = 6
	case hasPrefixFold(rest, "www."):
		pre = 4
	default:
		return i
	}
	e := i + pre
	open := 0
	for e < end {
		c := text[e]
		if c < utf8.RuneSelf {
			if ascii[c]&cSpace != 0 || c == '"' || c == '<' || c == '>' {
				break
			}
			if c == '(' {
				open++
			} else if c == ')' {
				open--
			}
			e++
			continue
		}
		r, sz := utf8.DecodeRuneInString(text[e:end])
		if isSpaceRune(r) || unicode.In(r, unicode.Pi, unicode.Pf) || r == '«' || r == '»' || r == '…' || r == '—' || r == '–' {
			break
		}
		e += sz
	}
	for e > i+pre {
		c := text[e-1]
		if strings.IndexByte(".,;:!?'*", c) >= 0 || (c == ')' && open < 0) {
			if c == ')' {
				open++
			}
			e--
			continue
		}
		break
	}
	if e <= i+pre || (pre == 4 && !strings.Contains(text[i+pre:e], ".")) {
		return i
	}
	return e
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// runOf returns the end of the run of byte c starting at i.
func runOf(text string, i, end int, c byte) int {
	e := i + 1
	for e < end && text[e] == c {
		e++
	}
	return e
}

// singleLetterAt reports whether one letter stands at i, followed by a
// period or by the end of the word.
func singleLetterAt(text string, i, end int) bool {
	var sz int
	c := text[i]
	if c < utf8.RuneSelf {
		if ascii[c]&(cLower|cUpper) == 0 {
			return false
		}
		sz = 1
	} else {
		r, n := utf8.DecodeRuneInString(text[i:end])
		if !unicode.IsLetter(r) || isCJK(r) {
			return false
		}
		sz = n
	}
	return i+sz >= end || text[i+sz] == '.' || !wordRuneAt(text, i+sz, end)
}

// wordRuneAt reports whether a letter, digit or mark (not CJK) starts at i.
func wordRuneAt(text string, i, end int) bool {
	if i >= end {
		return false
	}
	c := text[i]
	if c < utf8.RuneSelf {
		return ascii[c]&(cLower|cUpper|cDigit) != 0
	}
	r, _ := utf8.DecodeRuneInString(text[i:end])
	return isWordRune(r) && !isCJK(r)
}

func nextIsDigit(text string, p, end int) bool {
	for p < end && (text[p] == ' ' || text[p] == '\t') {
		p++
	}
	if p+1 < end && text[p] == 0xc2 && text[p+1] == 0xa0 { // no-break space
		p += 2
	}
	return p < end && ascii[text[p]]&cDigit != 0
}

func nextIsLetter(text string, p, end int) bool {
	for p < end && (text[p] == ' ' || text[p] == '\t') {
		p++
	}
	if p >= end {
		return false
	}
	if text[p] < utf8.RuneSelf {
		return ascii[text[p]]&(cLower|cUpper) != 0
	}
	r, _ := utf8.DecodeRuneInString(text[p:end])
	return unicode.IsLetter(r)
}

// isWordRune reports whether a non-ASCII rune belongs inside a word.
// isUpperFast is unicode.IsUpper with the basic Cyrillic and Latin-1
// letters decided without a table lookup.
func isUpperFast(r rune) bool {
	switch {
	case r >= 0x410 && r <= 0x42F, r >= 0x400 && r <= 0x40F, r >= 0xC0 && r <= 0xDE && r != 0xD7:
		return true
	case r >= 0x430 && r <= 0x45F, r >= 0xDF && r <= 0xFF:
		return false
	}
	return unicode.IsUpper(r)
}

func isWordRune(r rune) bool {
	switch {
	case r >= 0xC0 && r <= 0x24F:
		return r != 0xD7 && r != 0xF7
	case r >= 0x400 && r <= 0x52F:
		return r != 0x482
	case r == 0xAD || r == 0x200C || r == 0x200D:
		return true
	case r < 0x80:
		return ascii[r]&(cLower|cUpper|cDigit) != 0
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// isCJK reports whether r is a Han, Hiragana or Katakana character: these
// scripts do not separate words with spaces, and each character becomes a
// token of its own.
func isCJK(r rune) bool {
	return r >= 0x2E80 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r))
}

// isSpaceRune reports whether a non-ASCII rune separates tokens: Unicode
// white space, and invisible format characters (zero-width space, word
// joiner, byte-order mark, directional marks).
func isSpaceRune(r rune) bool {
	switch r {
	case 0x200B, 0x2060, 0xFEFF, 0x200E, 0x200F, 0x061C:
		return true
	}
	if r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 {
		return true
	}
	return r >= 0x80 && unicode.IsSpace(r)
}
