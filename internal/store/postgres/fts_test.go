package postgres

import (
	"reflect"
	"strings"
	"testing"
	"unicode"
)

func TestTerms(t *testing.T) {
	cases := []struct {
		in      string
		words   []string
		phrases [][]string
	}{
		{"tony blair", []string{"tony", "blair"}, nil},
		{`"legal clinic" Manchester`, []string{"Manchester"}, [][]string{{"legal", "clinic"}}},
		{`'; DROP TABLE x; --`, []string{"DROP", "TABLE", "x"}, nil},
		{`a & !b | c:* <-> d`, []string{"a", "b", "c", "d"}, nil},
		{`"unclosed phrase`, nil, [][]string{{"unclosed", "phrase"}}},
		{`"one"`, []string{"one"}, nil},
		{`Zürich über`, []string{"Zürich", "über"}, nil},
		{"---", nil, nil},
	}
	for _, c := range cases {
		w, p, ok := terms(c.in)
		if !reflect.DeepEqual(w, c.words) || !reflect.DeepEqual(p, c.phrases) || ok != (len(c.words)+len(c.phrases) > 0) {
			t.Errorf("terms(%q) = %q %q %v, want %q %q", c.in, w, p, ok, c.words, c.phrases)
		}
	}
}

// FuzzTerms checks that only letters and digits of user text reach
// PostgreSQL's query parsers, and that the SQL built around them holds no
// user text at all (it goes as parameters).
func FuzzTerms(f *testing.F) {
	for _, s := range []string{"a b", `"x y`, `'; DROP`, "a & !b", "ü", `"" ""`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		if len(q) > 500 {
			return
		}
		words, phrases, ok := terms(q)
		all := append([]string{}, words...)
		for _, p := range phrases {
			all = append(all, p...)
		}
		for _, w := range all {
			if w == "" || strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) >= 0 {
				t.Fatalf("terms(%q): word %q", q, w)
			}
		}
		var a args
		expr, ok2 := tsQuery(&a, q)
		if ok != ok2 || (ok && len(a) != len(phrases)+min(len(words), 1)) {
			t.Fatalf("tsQuery(%q): ok %v/%v, %d parameters", q, ok, ok2, len(a))
		}
		for _, w := range all {
			if len(w) > 3 && strings.Contains(expr, w) && !strings.Contains(tsQueryShape, w) {
				t.Fatalf("tsQuery(%q) put user text %q into the SQL: %s", q, w, expr)
			}
		}
	})
}

// tsQueryShape is the SQL tsQuery writes around its parameters.
var tsQueryShape, _ = tsQuery(&args{}, "x")
