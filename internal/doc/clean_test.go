package doc

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// cleanRef is clean written plainly, rune by rune and line by line: the
// reference the fast paths of clean must agree with.
func cleanRef(s string) string {
	if s == "" {
		return ""
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = norm.NFC.String(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r == '\u2028' || r == '\u2029' || r == '\u0085':
			b.WriteRune('\n')
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\ufeff' || r == utf8.RuneError:
		default:
			b.WriteRune(r)
		}
	}
	var out []string
	blank := 0
	for _, l := range strings.Split(b.String(), "\n") {
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

var cleanCases = []string{
	"",
	"plain text",
	"one\n\ntwo",
	"one\ntwo\n",
	"\none",
	"one\n\n\n\ntwo",
	"trailing \nspace\t",
	"white\n \t \nline",
	"nbsp\n\u00a0\nline",
	"sep\u2028line\u2029para\u0085end",
	"ctrl\x01\x7f\u0085\u0090\ufeffchars",
	"e\u0301 composed",
	"£5 and “quotes”",
	"a\r\nb\rc",
	"\ufeff",
	"\n\n",
}

// TestClean checks clean against cleanRef.
func TestClean(t *testing.T) {
	for _, c := range cleanCases {
		if got, want := clean(c), cleanRef(c); got != want {
			t.Errorf("clean(%q) = %q, want %q", c, got, want)
		}
	}
}

// FuzzClean checks clean against cleanRef on any valid UTF-8 text.
func FuzzClean(f *testing.F) {
	for _, c := range cleanCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		if got, want := clean(s), cleanRef(s); got != want {
			t.Errorf("clean(%q) = %q, want %q", s, got, want)
		}
	})
}
