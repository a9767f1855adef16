// Package doc holds the analysed document, the central type of newsgraph.
//
// A Doc is an immutable text plus annotation layers whose spans point back
// into it. The text is fixed once by New (NFC, normalized line endings) and is
// never edited afterwards; every pipeline component (see package pipeline)
// reads the layers it declares it needs and appends the layers it provides.
// Spans are byte offsets into Text inside the program; the JSON form
// (newsgraph.document/1, see json.go) converts them to Unicode code points.
package doc

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Schema is the value of the "schema" field of every JSON document.
const Schema = "newsgraph.document/1"

// Errors returned by this package.
var (
	// ErrEmpty means the article has no text at all after normalization.
	ErrEmpty = errors.New("empty article: no text")
	// ErrInvalidUTF8 means the input is not UTF-8 text.
	ErrInvalidUTF8 = errors.New("input is not valid UTF-8 text")
)

// Span is a half-open byte range [Start, End) into Doc.Text.
type Span struct {
	Start int
	End   int
}

// Len is the length of the span in bytes.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether o lies inside s.
func (s Span) Contains(o Span) bool { return o.Start >= s.Start && o.End <= s.End }

// Overlaps reports whether s and o share at least one byte.
func (s Span) Overlaps(o Span) bool { return s.Start < o.End && o.Start < s.End }

// Article is the raw material a reader (package source) produces: the parts of
// one news article before analysis.
type Article struct {
	Source    string // path or URL it came from
	Lang      string // ISO 639-1 code declared by the input, or ""
	Published string // ISO 8601 date or date-time, or ""
	Title     string
	Caption   string // photo caption or standfirst, or ""
	Body      string
	Author    string // byline when the input gives one
}

// Token is one word, number or punctuation mark.
type Token struct {
	Span
	// Kind classifies the token (word, number, punctuation, …).
	Kind TokenKind
	// SpaceBefore is true when whitespace separates the token from the previous one.
	SpaceBefore bool
}

// TokenKind is the coarse class of a token.
type TokenKind uint8

// Token kinds.
const (
	Word TokenKind = iota
	Number
	Punct
	Symbol
)

// Sentence is a span of text together with the range of its tokens.
type Sentence struct {
	Span
	// First and Last+1 index Doc.Tokens: the sentence's tokens are Tokens[First:End].
	First, EndTok int
	// Para is the index into Doc.Paragraphs of the paragraph holding the sentence.
	Para int
}

// Mention is a typed name span found by the entity recognizer (raw NER output,
// including OntoNotes' DATE, MONEY and other value types).
type Mention struct {
	Span
	Type string
	// Tok and EndTok index the mention's tokens in Doc.Tokens.
	Tok, EndTok int
}

// Entity is a document-level entity: mentions of one referent joined together.
type Entity struct {
	ID   string
	Name string
	// English is the entity's English canonical name when the document is
	// not in English and one is known (a place or country from the
	// gazetteer: "Київ" → "Kyiv"); "" otherwise.
	English  string
	Type     string
	Roles    []string
	Mentions []Span
}

// Quote is direct or reported speech with its speaker.
type Quote struct {
	Span            // the quoted content, marks excluded
	Speaker  string // entity id or ""
	Cue      string // reporting verb as written, or ""
	CueSpan  Span   // where the cue is, or the zero span
	Direct   bool
	Evidence Span // the sentence(s) that carry the attribution
}

// Event is a PLOVER-coded event between actors.
type Event struct {
	Type         string
	Mode         string
	Source       []string // entity ids
	Target       []string
	Date         string // ISO 8601 value or ""
	Location     string // entity id or ""
	Negated      bool
	Hypothetical bool
	Trigger      Span
	Evidence     []Span // the first is the primary evidence
}

// Date is a temporal expression normalized to ISO 8601.
type Date struct {
	Span
	Value string // "" when it cannot be resolved
	// Kind says what the value denotes: "date", "time", "duration", "set".
	Kind string
	// Mod is a TimeML modifier of the value ("START", "MID", "END",
	// "BEFORE", "AFTER", "APPROX"), or "": "mid-2023" is 2023 with MID.
	Mod string
}

// Amount is a money amount or quantity.
type Amount struct {
	Span
	Value     *float64 // nil when the text gives no number ("hundreds of thousands")
	Max       *float64 // upper end of a range, or nil
	Unit      string   // ISO 4217 for money, else a plain word
	Qualifier string   // "about", "more than", … or ""
	Per       string   // per-unit amounts: "hour", "year", … or ""
}

// Doc is the analysed document: an immutable text and its layers.
type Doc struct {
	ID        string
	Source    string
	Lang      string
	Published string
	Title     string
	Caption   string
	Author    string

	// Text is the full analysed text: title, caption and body separated by
	// blank lines. It never changes after New.
	Text string

	TitleSpan   Span   // where the title is in Text (zero span if none)
	CaptionSpan Span   // where the caption is (zero span if none)
	Paragraphs  []Span // paragraphs, in order; title and caption are paragraphs too

	Tokens    []Token
	Sentences []Sentence
	Mentions  []Mention
	Entities  []Entity
	Quotes    []Quote
	Events    []Event
	Dates     []Date
	Amounts   []Amount

	// byte offset -> code point offset, built lazily by CodePoint: cps for
	// every byte of text with many non-ASCII runes, wide for the few
	// non-ASCII runes of mostly ASCII text (neither for ASCII text)
	cps     []int32
	wide    []wideRune
	cpReady bool
}

// wideRune is a non-ASCII rune of Doc.Text: its byte span and the bytes
// beyond one per rune that the text holds up to its end.
type wideRune struct{ start, end, extra int32 }

// New fixes the text of an article: it normalizes each part to NFC with "\n"
// line endings, joins title, caption and body with blank lines, computes the
// content id and the paragraph layer. It fails on invalid UTF-8 and on
// articles with no text.
func New(a Article) (*Doc, error) {
	for _, s := range []string{a.Title, a.Caption, a.Body} {
		if !utf8.ValidString(s) {
			return nil, ErrInvalidUTF8
		}
	}
	title := clean(oneLine(a.Title))
	caption := clean(a.Caption)
	body := clean(a.Body)
	var b strings.Builder
	d := &Doc{Source: a.Source, Lang: a.Lang, Published: a.Published, Author: strings.TrimSpace(a.Author)}
	add := func(s string) Span {
		if s == "" {
			return Span{}
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		st := b.Len()
		b.WriteString(s)
		return Span{st, b.Len()}
	}
	d.TitleSpan = add(title)
	d.CaptionSpan = add(caption)
	add(body)
	d.Text = b.String()
	if strings.TrimSpace(d.Text) == "" {
		return nil, ErrEmpty
	}
	d.Title = title
	d.Caption = caption
	sum := sha256.Sum256([]byte(d.Text))
	d.ID = "sha256:" + hex.EncodeToString(sum[:])
	d.Paragraphs = paragraphs(d.Text)
	return d, nil
}

// Slice returns the text of a span.
func (d *Doc) Slice(s Span) string { return d.Text[s.Start:s.End] }

// TokenText returns the text of token i.
func (d *Doc) TokenText(i int) string { t := d.Tokens[i]; return d.Text[t.Start:t.End] }

// SentenceAt returns the index of the sentence containing byte offset off, or -1.
func (d *Doc) SentenceAt(off int) int {
	lo, hi := 0, len(d.Sentences)
	for lo < hi {
		m := (lo + hi) / 2
		if d.Sentences[m].End <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(d.Sentences) && d.Sentences[lo].Start <= off {
		return lo
	}
	return -1
}

// TokenAt returns the index of the first token that ends after byte offset
// off (the token containing off, or the next one), or len(Tokens).
func (d *Doc) TokenAt(off int) int {
	lo, hi := 0, len(d.Tokens)
	for lo < hi {
		m := (lo + hi) / 2
		if d.Tokens[m].End <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// CodePoint converts a byte offset into Text to a code point offset (an
// offset inside a rune gives the rune's).
func (d *Doc) CodePoint(off int) int {
	if !d.cpReady {
		d.codePoints()
	}
	if d.cps != nil {
		return int(d.cps[off])
	}
	// the last non-ASCII rune starting at or before off
	w := d.wide
	lo, hi := 0, len(w)
	for lo < hi {
		m := (lo + hi) / 2
		if int(w[m].start) <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == 0 {
		return off
	}
	r := w[lo-1]
	if off < int(r.end) {
		// inside the rune: the code point where it starts
		return int(r.start) - int(r.extra-(r.end-r.start-1))
	}
	return off - int(r.extra)
}

// codePoints builds the index of CodePoint.
func (d *Doc) codePoints() {
	d.cpReady = true
	wide := 0
	for i := 0; i < len(d.Text); i++ {
		if c := d.Text[i]; c >= utf8.RuneSelf && c&0xC0 != 0x80 {
			wide++
		}
	}
	switch {
	case wide == 0:
	case wide > len(d.Text)/16:
		d.cps = make([]int32, len(d.Text)+1)
		n := int32(0)
		for i := 0; i < len(d.Text); {
			_, sz := utf8.DecodeRuneInString(d.Text[i:])
			for k := 0; k < sz; k++ {
				d.cps[i+k] = n
			}
			i += sz
			n++
		}
		d.cps[len(d.Text)] = n
	default:
		d.wide = make([]wideRune, 0, wide)
		extra := int32(0)
		for i := 0; i < len(d.Text); {
			if d.Text[i] < utf8.RuneSelf {
				i++
				continue
			}
			_, sz := utf8.DecodeRuneInString(d.Text[i:])
			extra += int32(sz - 1)
			d.wide = append(d.wide, wideRune{start: int32(i), end: int32(i + sz), extra: extra})
			i += sz
		}
	}
}

// clean normalizes a part of the text: NFC, "\n" line endings, no control
// characters other than newline and tab, trailing spaces trimmed from lines,
// runs of three or more newlines collapsed to a paragraph break, and no
// leading or trailing blank lines.
func clean(s string) string {
	if s == "" {
		return ""
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = norm.NFC.String(s)
	if i := firstChanged(s); i < len(s) {
		s = filterRunes(s, i)
	}
	if linesClean(s) {
		return s
	}
	lines := strings.Split(s, "\n")
	out := make([]string, 0, len(lines))
	blank := 0
	for _, l := range lines {
		l = strings.TrimRight(l, " \t")
		if strings.TrimSpace(l) == "" {
			blank++
			continue
		}
		if len(out) > 0 && blank > 0 {
			out = append(out, "")
		}
		blank = 0
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// firstChanged returns the byte offset of the first rune of s that
// filterRunes changes, or len(s).
func firstChanged(s string) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != 0x7f || c == '\n' || c == '\t' {
				i++
				continue
			}
			return i
		}
		r, sz := utf8.DecodeRuneInString(s[i:])
		if r == '\u2028' || r == '\u2029' || r == '\u0085' || r >= 0x80 && r < 0xa0 || r == '\ufeff' || r == utf8.RuneError {
			return i
		}
		i += sz
	}
	return len(s)
}

// filterRunes maps line and paragraph separators to "\n" and drops control
// characters other than newline and tab, byte-order marks and replacement
// characters, from byte offset i of s on (s[:i] needs no change).
func filterRunes(s string, i int) string {
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		switch {
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r == '\u2028' || r == '\u2029' || r == '\u0085':
			b.WriteRune('\n')
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\ufeff' || r == utf8.RuneError:
			// drop control characters, byte-order marks and replacement characters
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// linesClean reports whether the line rules of clean leave s as it is: no
// blank line first or last, no trailing spaces or tabs, no line of white
// space only and no run of two or more empty lines.
func linesClean(s string) bool {
	if s == "" || s[0] == '\n' || s[len(s)-1] == '\n' {
		return false
	}
	prevEmpty := false
	for s != "" {
		l, rest, _ := strings.Cut(s, "\n")
		s = rest
		if l == "" {
			if prevEmpty {
				return false
			}
			prevEmpty = true
			continue
		}
		prevEmpty = false
		if c := l[len(l)-1]; c == ' ' || c == '\t' || strings.TrimSpace(l) == "" {
			return false
		}
	}
	return true
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// paragraphs splits text at blank lines.
func paragraphs(text string) []Span {
	var ps []Span
	start := 0
	for start < len(text) {
		i := strings.Index(text[start:], "\n\n")
		end := len(text)
		if i >= 0 {
			end = start + i
		}
		// trim leading/trailing whitespace within the paragraph
		s, e := start, end
		for s < e && (text[s] == ' ' || text[s] == '\n' || text[s] == '\t') {
			s++
		}
		for e > s && (text[e-1] == ' ' || text[e-1] == '\n' || text[e-1] == '\t') {
			e--
		}
		if e > s {
			ps = append(ps, Span{s, e})
		}
		if i < 0 {
			break
		}
		start = end + 2
	}
	return ps
}
