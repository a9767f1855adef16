package xentity

import "testing"

func TestCore(t *testing.T) {
	n := NamesFor("en")
	cases := []struct{ in, want string }{
		{"Tony Blair", "tony blair"},
		{"Mr Blair", "blair"},
		{"Mr. Blair's", "blair"},
		{"President Emmanuel Macron", "emmanuel macron"},
		{"the BBC", "bbc"},
		{"José Manuel Barroso", "jose manuel barroso"},
		{"Mr", "mr"},
		{"  ", ""},
	}
	for _, c := range cases {
		if got := n.Core(c.in); got != c.want {
			t.Errorf("Core(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if NamesFor("xx") == nil || NamesFor("xx").Core("Mr Smith") != "smith" {
		t.Errorf("unknown language does not fall back to English")
	}
}

func TestCompatible(t *testing.T) {
	cases := []struct {
		name string
		keys []string
		want bool
	}{
		{"tony blair", []string{"tony blair", "blair"}, true},
		{"t. blair", []string{"tony blair"}, true},
		{"cherie blair", []string{"tony blair"}, false},
		{"cherie blair", []string{"blair"}, true},
		{"john smith", []string{"jane doe"}, true},
	}
	for _, c := range cases {
		if got := compatible(splitWords(c.name), c.keys); got != c.want {
			t.Errorf("compatible(%q, %v) = %v, want %v", c.name, c.keys, got, c.want)
		}
	}
}

func splitWords(s string) []string {
	var out []string
	w := ""
	for _, r := range s + " " {
		if r == ' ' {
			if w != "" {
				out = append(out, w)
			}
			w = ""
			continue
		}
		w += string(r)
	}
	return out
}

// TestFoldASCII checks that the ASCII path of fold agrees with the general
// one.
func TestFoldASCII(t *testing.T) {
	for _, s := range []string{"", "Tony Blair", "Mr. Blair's", "  AT&T Inc.  ", "O'Neill-Smith", "U.S.", "...", "A  b\tC\n", "1st Battalion (Royal)", "x.y.", "-", "Ab_cd/ef", "~!@#$%^*()+={}[]|:;\"<>,?\\"} {
		if got, want := fold(s), foldUnicode(s); got != want {
			t.Errorf("fold(%q) = %q, want %q", s, got, want)
		}
	}
}

// FuzzFold checks fold against its general path on any ASCII text.
func FuzzFold(f *testing.F) {
	for _, s := range []string{"Tony Blair", "AT&T Inc.", "U.S."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !isASCII(s) {
			return
		}
		if got, want := fold(s), foldUnicode(s); got != want {
			t.Errorf("fold(%q) = %q, want %q", s, got, want)
		}
	})
}
