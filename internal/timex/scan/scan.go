// Package scan splits text into the small tokens that the date tagger
// (package timex) and the amount tagger (package amount) match their
// patterns on, and reads numbers written in digits or words.
//
// The pipeline's own tokenizer (package segment) serves the other
// components; the taggers need a finer cut that it does not promise: digits
// and letters split apart ("1.2bn" → "1.2" "bn", "5th" → "5" "th",
// "1990s" → "1990" "s"), every hyphen, slash and currency symbol a token of
// its own, and abbreviations with inner dots kept whole ("a.m.", "U.S.").
// Every token is a byte span into the scanned text, so the taggers never
// search the text again. Shared lets both taggers use one scan of a
// document.
//
// Two small helpers serve the word-level components too (entity, event,
// quote): LowerTokens lowercases a document's pipeline tokens, and Filter
// rules out most words before a map look-up.
package scan

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Kind is the class of a token.
type Kind uint8

// Token kinds.
const (
	Word   Kind = iota // letters, possibly with inner dots ("a.m.") or apostrophes
	Number             // digits, possibly with inner "," or "." ("1,200.5")
	Symbol             // currency signs, "%", "-", "/", "+", …
	Punct              // other punctuation
)

// Token is one scanned token.
type Token struct {
	Start, End int    // byte offsets into the scanned text
	Text       string // the token as written
	Lower      string // lower-cased Text
	Kind       Kind
	// Space is true when whitespace separates the token from the previous one
	// (or it starts the text).
	Space bool
	// Break is true when a line break lies between the token and the previous one.
	Break bool
}

// Is reports whether the token's lower-cased text is one of ss.
func (t *Token) Is(ss ...string) bool {
	for _, s := range ss {
		if t.Lower == s {
			return true
		}
	}
	return false
}

// Cap reports whether the token starts with an upper-case letter.
func (t *Token) Cap() bool {
	r, _ := utf8.DecodeRuneInString(t.Text)
	return unicode.IsUpper(r)
}

// Digits reports whether the token is a plain run of ASCII digits.
func (t *Token) Digits() bool {
	if t.Kind != Number {
		return false
	}
	for i := 0; i < len(t.Text); i++ {
		if t.Text[i] < '0' || t.Text[i] > '9' {
			return false
		}
	}
	return true
}

// Int returns the value of a plain digit token, or -1.
func (t *Token) Int() int {
	if !t.Digits() || len(t.Text) > 9 {
		return -1
	}
	n := 0
	for i := 0; i < len(t.Text); i++ {
		n = n*10 + int(t.Text[i]-'0')
	}
	return n
}

// Base returns the lower-cased token without a possessive ending
// ("tuesday's" → "tuesday").
func (t *Token) Base() string {
	for _, suf := range []string{"'s", "’s"} {
		if strings.HasSuffix(t.Lower, suf) {
			return t.Lower[:len(t.Lower)-len(suf)]
		}
	}
	return t.Lower
}

// Dash reports whether the token is a hyphen or a dash.
func (t *Token) Dash() bool {
	return t.Kind == Symbol && (t.Text == "-" || t.Text == "–" || t.Text == "—" || t.Text == "‐" || t.Text == "‑")
}

func isDash(r rune) bool {
	return r == '-' || r == '–' || r == '—' || r == '‐' || r == '‑'
}

// isFastLetter reports, without a table lookup, whether r is an accented
// Latin or a Cyrillic letter (the letters of the language packs).
func isFastLetter(r rune) bool {
	return r >= 0xC0 && r <= 0x24F && r != 0xD7 && r != 0xF7 || r >= 0x400 && r <= 0x481 || r >= 0x48A && r <= 0x52F
}

func isApos(r rune) bool { return r == '\'' || r == '’' }

// Scan splits text into tokens. It never fails; bytes that are not valid
// UTF-8 become one-byte punctuation tokens.
func Scan(text string) []Token { return scanInto(nil, text) }

// scanInto is Scan appending to buf[:0] when it has room for the tokens a
// text of that length usually has.
func scanInto(buf []Token, text string) []Token {
	toks := buf[:0]
	if cap(buf) < len(text)/4 {
		toks = make([]Token, 0, len(text)/4)
	}
	var low []byte // the ASCII tokens with capitals, lowered (see mk)
	space, brk := true, false
	i := 0
	for i < len(text) {
		if c := text[i]; c == ' ' || c == '\n' {
			// the common separators, without decoding
			space = true
			if c == '\n' {
				brk = true
			}
			i++
			continue
		}
		r, sz := utf8.DecodeRuneInString(text[i:])
		switch {
		case r < utf8.RuneSelf && ('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') || isFastLetter(r):
			j := scanWord(text, i)
			toks = append(toks, mk(text, i, j, Word, space, brk, &low))
			i = j
		case unicode.IsSpace(r):
			space = true
			if r == '\n' {
				brk = true
			}
			i += sz
			continue
		case unicode.IsLetter(r) || unicode.IsMark(r):
			j := scanWord(text, i)
			toks = append(toks, mk(text, i, j, Word, space, brk, &low))
			i = j
		case r >= '0' && r <= '9':
			j := scanNumber(text, i)
			toks = append(toks, mk(text, i, j, Number, space, brk, &low))
			i = j
		case isDash(r) || r == '/' || r == '%' || r == '+' || r == '&' || unicode.Is(unicode.Sc, r) || r == '~' || r == '≈':
			toks = append(toks, mk(text, i, i+sz, Symbol, space, brk, &low))
			i += sz
		default:
			toks = append(toks, mk(text, i, i+sz, Punct, space, brk, &low))
			i += sz
		}
		space, brk = false, false
	}
	if len(low) > 0 {
		// one string for all the tokens mk lowered into low
		ls, off := string(low), 0
		for k := range toks {
			if t := &toks[k]; t.Lower == "" {
				n := t.End - t.Start
				t.Lower = ls[off : off+n]
				off += n
			}
		}
	}
	return toks
}

// Filter is a quick test of whether a word may be a key of a map, for
// taggers that look most tokens up in a map and find few: it holds one bit
// per combination of the first byte, the last byte and the length (63
// standing for all longer) of the keys, spread over 1024 words of 64 bits.
// A word it rejects is no key; one it passes may be. The zero Filter
// passes nothing.
type Filter [1024]uint64

func filterBit(w string) (int, uint64) {
	if w == "" {
		return 0, 1
	}
	return (int(w[0])*31 + int(w[len(w)-1])) & 1023, 1 << min(len(w), 63)
}

// Add adds a key.
func (f *Filter) Add(w string) {
	i, bit := filterBit(w)
	f[i] |= bit
}

// May reports whether w may be a key; false means it is none.
func (f *Filter) May(w string) bool {
	i, bit := filterBit(w)
	return f[i]&bit != 0
}

// sharedSize is how many recent texts Shared keeps the tokens of;
// sharedMin and sharedMax bound the length of the texts it keeps them for.
const (
	sharedSize = 8
	sharedMin  = 256
	sharedMax  = 1 << 20
)

// sharedTokens is the smallest token array Shared makes (a news article
// has a few hundred tokens to a few thousand).
const sharedTokens = 2048

// shared is the cache behind Shared: the tokens of the last texts scanned,
// each with the number of callers holding them (refs), and free token
// arrays of texts dropped from the cache when no caller held them.
var shared struct {
	mu      sync.Mutex
	entries [sharedSize]struct {
		text string
		toks []Token // as handed out, capacity cut to the length
		all  []Token // toks with the array's whole capacity
		refs int
	}
	next int
	free [][]Token
}

// Shared is Scan for callers that scan the same text one after another:
// the date tagger and the amount tagger both scan a document's whole text,
// and the second gets the tokens the first made instead of scanning again.
// It remembers the tokens of the last few texts (of at most 1 MiB) and is
// safe for concurrent use. The returned slice is shared: callers must not
// modify it or append to it in place, and should give it back with Release
// when done, after which they must not read it: its memory then serves a
// later text.
func Shared(text string) []Token {
	if len(text) < sharedMin || len(text) > sharedMax {
		return Scan(text)
	}
	var buf []Token
	shared.mu.Lock()
	for i := range shared.entries {
		if e := &shared.entries[i]; e.toks != nil && e.text == text {
			e.refs++
			toks := e.toks
			shared.mu.Unlock()
			return toks
		}
	}
	for i, f := range shared.free {
		if cap(f) >= len(text)/4 {
			// a free array large enough (see scanInto)
			last := len(shared.free) - 1
			buf, shared.free[i], shared.free[last] = f, shared.free[last], nil
			shared.free = shared.free[:last]
			break
		}
	}
	shared.mu.Unlock()
	if buf == nil {
		// room for most texts, so that the array serves again
		buf = make([]Token, 0, max(len(text)/4, sharedTokens))
	}
	toks := scanInto(buf, text)
	if len(toks) == 0 {
		return toks
	}
	all := toks
	toks = toks[:len(toks):len(toks)]
	shared.mu.Lock()
	e := &shared.entries[shared.next]
	if e.toks != nil && e.refs == 0 && len(shared.free) < sharedSize {
		// no caller holds the tokens of the text that leaves the cache
		shared.free = append(shared.free, e.all[:0])
	}
	e.text, e.toks, e.all, e.refs = text, toks, all, 1
	shared.next = (shared.next + 1) % sharedSize
	shared.mu.Unlock()
	return toks
}

// Release gives back tokens that Shared returned; other slices are
// ignored.
func Release(toks []Token) {
	if len(toks) == 0 {
		return
	}
	shared.mu.Lock()
	for i := range shared.entries {
		if e := &shared.entries[i]; len(e.toks) > 0 && &e.toks[0] == &toks[0] {
			if e.refs > 0 {
				e.refs--
			}
			break
		}
	}
	shared.mu.Unlock()
}

// mk makes the token text[s:e]. An ASCII token with capitals is lowered
// into *low and gets Lower "" (tokens are never empty), which Scan fills
// in at the end: one string for all of them rather than one each.
func mk(text string, s, e int, k Kind, space, brk bool, low *[]byte) Token {
	t := text[s:e]
	tok := Token{Start: s, End: e, Text: t, Kind: k, Space: space, Break: brk}
	upper := false
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c >= utf8.RuneSelf {
			tok.Lower = lower(t)
			return tok
		}
		if 'A' <= c && c <= 'Z' {
			upper = true
		}
	}
	if !upper {
		tok.Lower = t
		return tok
	}
	for i := 0; i < len(t); i++ {
		c := t[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		*low = append(*low, c)
	}
	return tok
}

// lower is strings.ToLower that returns text already in lower case as it
// is, checking ASCII, Latin-1 and basic Cyrillic letters without a table
// lookup; its result is always that of strings.ToLower.
func lower(s string) string {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c < utf8.RuneSelf:
			if 'A' <= c && c <= 'Z' {
				return strings.ToLower(s)
			}
			i++
			continue
		case c == 0xD0 && i+1 < len(s):
			if s[i+1] < 0xB0 { // А–Я, Ѐ–Џ
				return strings.ToLower(s)
			}
			i += 2
			continue
		case c == 0xD1 && i+1 < len(s) && s[i+1] < 0xA0: // р–я, ѐ–џ
			i += 2
			continue
		case c == 0xC3 && i+1 < len(s):
			if b := s[i+1]; b <= 0x9E && b != 0x97 { // À–Þ
				return strings.ToLower(s)
			}
			i += 2
			continue
		}
		r, sz := utf8.DecodeRuneInString(s[i:])
		if unicode.ToLower(r) != r || r == utf8.RuneError && sz == 1 {
			return strings.ToLower(s)
		}
		i += sz
	}
	return s
}

// Lower is strings.ToLower, faster on text that is already lower case
// (most words of running text), in particular Latin-1 and Cyrillic.
func Lower(s string) string { return lower(s) }

// scanWord reads letters, keeping inner apostrophes ("don't", "Tuesday's"
// and "п'ятниця" are one token each; see Base) and inner
// dots of single-letter abbreviations ("a.m.", "U.S.").
func scanWord(text string, i int) int {
	letters := 0
	for i < len(text) {
		c := text[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
			i++
			letters++
			continue
		}
		if (c == 0xD0 || c == 0xD1) && i+1 < len(text) && text[i+1]&0xC0 == 0x80 {
			i += 2 // a Cyrillic letter, U+0400–U+047F
			letters++
			continue
		}
		r, sz := utf8.DecodeRuneInString(text[i:])
		if isFastLetter(r) || unicode.IsLetter(r) || unicode.IsMark(r) {
			i += sz
			letters++
			continue
		}
		if (r == '\'' || r == '’') && i+1 < len(text) {
			// inner apostrophe: "don't", "п'ятниця", "Tuesday's"
			r2, _ := utf8.DecodeRuneInString(text[i+len(string(r)):])
			if unicode.IsLetter(r2) {
				i += len(string(r))
				continue
			}
		}
		if r == '.' && letters == 1 {
			// single letter followed by ".": an abbreviation like "a.m." when
			// another letter and dot follow
			r2, sz2 := utf8.DecodeRuneInString(text[i+1:])
			if unicode.IsLetter(r2) && i+1+sz2 < len(text) && text[i+1+sz2] == '.' {
				i += 1 + sz2 + 1
				letters = 1
				for i < len(text) {
					r3, sz3 := utf8.DecodeRuneInString(text[i:])
					if !unicode.IsLetter(r3) || i+sz3 >= len(text) || text[i+sz3] != '.' {
						break
					}
					i += sz3 + 1
				}
				return i
			}
		}
		break
	}
	return i
}

// scanNumber reads digits with inner "," or "." followed by a digit.
func scanNumber(text string, i int) int {
	for i < len(text) {
		c := text[i]
		if c >= '0' && c <= '9' {
			i++
			continue
		}
		if (c == ',' || c == '.') && i+1 < len(text) && text[i+1] >= '0' && text[i+1] <= '9' {
			i++
			continue
		}
		break
	}
	return i
}
