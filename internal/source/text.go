package source

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/gogs/chardet"
	"github.com/newsgraph/newsgraph/internal/doc"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/unicode/norm"
)

//go:generate go run gen_langnames.go

// langnames.tsv is generated from CLDR; langnames_extra.tsv holds other
// names seen in article collections.
var (
	//go:embed langnames.tsv
	langNamesTSV string
	//go:embed langnames_extra.tsv
	langNamesExtraTSV string
)

var (
	langNamesOnce sync.Once
	langNames     map[string]string // lower-cased name -> ISO 639-1 code
)

// langByName looks up a language name in English or in its own language
// ("German", "Deutsch") and returns its ISO 639-1 code.
func langByName(name string) (string, bool) {
	langNamesOnce.Do(func() {
		langNames = map[string]string{}
		for _, tsv := range []string{langNamesTSV, langNamesExtraTSV} {
			sc := bufio.NewScanner(strings.NewReader(tsv))
			for sc.Scan() {
				line := sc.Text()
				if line == "" || line[0] == '#' {
					continue
				}
				n, c, ok := strings.Cut(line, "\t")
				if ok {
					langNames[langKey(n)] = strings.TrimSpace(c)
				}
			}
		}
	})
	if len(name) > 64 {
		return "", false
	}
	c, ok := langNames[langKey(name)]
	return c, ok
}

// langKey is the lookup form of a language name: trimmed, lower-cased and
// in Unicode NFC, so that "Français" typed with a combining cedilla and
// "FRANÇAIS" find the CLDR name "français".
func langKey(name string) string {
	k := strings.ToLower(strings.TrimSpace(name))
	if !norm.NFC.IsNormalString(k) {
		k = norm.NFC.String(k)
	}
	return k
}

// maxCaptionRunes bounds a caption paragraph of the tagged form. A BBC-style
// standfirst is one line; over the 2,225 BBC News articles the paragraph after
// the headline is 128 characters at the median, 237 at the 99th percentile.
const maxCaptionRunes = 300

// maxTitleBytes bounds a title line: a longer first line is not a title, and
// the whole text becomes the body (a 50 MB single-line file has no title).
const maxTitleBytes = 1000

// readText reads the tagged article form or plain text.
//
// Tagged form: a language name alone on the first line (English or its own
// name, from langnames.tsv), a blank line, the title line, a blank line, then
// paragraphs. The first paragraph is the caption (a photo caption or
// standfirst) when it is a single line of at most maxCaptionRunes characters
// and at least one more paragraph follows; otherwise it is already the body.
// A first line that is not a known language name (even one that looks like
// one, "Klingon") makes the input plain text: guessing would misread
// one-word headlines, and language detection fills in the language.
//
// Plain text: the first non-empty line is the title (unless it is longer than
// maxTitleBytes), the rest is the body.
func readText(s string) doc.Article {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.TrimPrefix(s, "\ufeff")
	var a doc.Article
	if first, rest, ok := strings.Cut(s, "\n"); ok && isTagged([]byte(s)) {
		a.Lang, _ = langByName(strings.TrimSpace(first))
		paras := splitParagraphs(rest)
		if len(paras) == 0 {
			return a
		}
		title, more, _ := strings.Cut(paras[0], "\n")
		if len(title) > maxTitleBytes {
			title, more = "", paras[0]
		}
		a.Title = strings.TrimSpace(title)
		paras = paras[1:]
		if more = strings.TrimSpace(more); more != "" {
			// the title paragraph went on: its other lines start the body
			a.Body = strings.Join(append([]string{more}, paras...), "\n\n")
			return a
		}
		if len(paras) >= 2 && isCaption(paras[0]) {
			a.Caption = paras[0]
			paras = paras[1:]
		}
		a.Body = strings.Join(paras, "\n\n")
		return a
	}
	s = strings.TrimLeft(s, " \t\n\r\f\v")
	title, body, _ := strings.Cut(s, "\n")
	if len(title) > maxTitleBytes {
		return doc.Article{Body: s}
	}
	a.Title = strings.TrimSpace(title)
	a.Body = strings.TrimSpace(body)
	return a
}

// isCaption reports whether a paragraph is short and on one line.
func isCaption(p string) bool {
	return !strings.Contains(p, "\n") && utf8.RuneCountInString(p) <= maxCaptionRunes
}

// splitParagraphs splits text at blank lines (lines of white space only) and
// trims each paragraph; empty paragraphs are dropped.
func splitParagraphs(s string) []string {
	var out []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.Join(cur, "\n"))
			cur = cur[:0]
		}
	}
	for line := range strings.SplitSeq(s, "\n") {
		if strings.TrimSpace(line) == "" {
			flush()
			continue
		}
		cur = append(cur, strings.TrimRight(line, " \t\r"))
	}
	flush()
	return out
}

// decodeUTF16 decodes text that starts with a UTF-16 byte-order mark.
func decodeUTF16(b []byte) ([]byte, bool) {
	if !bytes.HasPrefix(b, utf16LEBOM) && !bytes.HasPrefix(b, utf16BEBOM) {
		return nil, false
	}
	out, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder().Bytes(b)
	if err != nil {
		return nil, false
	}
	return out, true
}

// decodeText turns the bytes of a text input into UTF-8.
//
// Valid UTF-8 is taken as it is. UTF-8 with a few damaged sequences (at most
// one bad sequence per twenty good multi-byte ones) loses the damaged bytes.
// Otherwise the text is taken to be in a legacy encoding: the one chardet
// names when Go's htmlindex knows it (Windows-1251, KOI8-R, ISO-8859-x,
// Shift_JIS, GB18030 …), else Windows-1252 when every byte is defined there,
// which is the WHATWG default for unlabelled legacy text. Anything else is
// ErrEncoding.
func decodeText(b []byte) (string, error) {
	if utf8.Valid(b) {
		return string(b), nil
	}
	good, bad := 0, 0
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			bad++
		} else {
			good++
		}
		i += n
	}
	if good > 0 && bad*20 <= good {
		return strings.ToValidUTF8(string(b), ""), nil
	}
	if enc := guessEncoding(b); enc != nil {
		if out, err := enc.NewDecoder().Bytes(b); err == nil && utf8.Valid(out) {
			return string(out), nil
		}
	}
	return "", fmt.Errorf("%w: %d invalid UTF-8 sequences", ErrEncoding, bad)
}

// guessEncoding names the legacy encoding of b, or nil.
func guessEncoding(b []byte) encoding.Encoding {
	sample := b[:min(len(b), 64<<10)]
	if r, err := chardet.NewTextDetector().DetectBest(sample); err == nil && r.Confidence >= 30 {
		if !strings.HasPrefix(strings.ToUpper(r.Charset), "UTF") {
			if enc, err := htmlindex.Get(r.Charset); err == nil {
				return enc
			}
		}
	}
	for _, c := range b {
		switch c {
		case 0x81, 0x8D, 0x8F, 0x90, 0x9D: // undefined in Windows-1252
			return nil
		}
	}
	return charmap.Windows1252
}
