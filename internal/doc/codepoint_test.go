package doc

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// codePointsRef maps every byte offset of s (and len(s)) to a code point
// offset, plainly.
func codePointsRef(s string) []int {
	out := make([]int, len(s)+1)
	n := 0
	for i := 0; i < len(s); {
		_, sz := utf8.DecodeRuneInString(s[i:])
		for k := 0; k < sz; k++ {
			out[i+k] = n
		}
		i += sz
		n++
	}
	out[len(s)] = n
	return out
}

var codePointCases = []string{
	"",
	"plain ASCII text",
	"£5m for the “new” café",
	strings.Repeat("mostly ascii ", 20) + "é" + strings.Repeat(" more", 10) + "€",
	"Київ і Львів",
	"mixed Київ text with a few words",
	"\xff\xfe broken \x80 bytes é",
}

// TestCodePoint checks CodePoint at every byte offset, for ASCII, mostly
// ASCII and mostly non-ASCII text.
func TestCodePoint(t *testing.T) {
	for _, s := range codePointCases {
		checkCodePoints(t, s)
	}
}

// FuzzCodePoint checks CodePoint at every byte offset of any text.
func FuzzCodePoint(f *testing.F) {
	for _, s := range codePointCases {
		f.Add(s)
	}
	f.Fuzz(checkCodePoints)
}

func checkCodePoints(t *testing.T, s string) {
	d := &Doc{Text: s}
	for off, want := range codePointsRef(s) {
		if got := d.CodePoint(off); got != want {
			t.Fatalf("%q: CodePoint(%d) = %d, want %d", s, off, got, want)
		}
	}
}
