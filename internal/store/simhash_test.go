package store

import (
	"hash/fnv"
	"strings"
	"testing"
	"unicode"
)

func TestNearest(t *testing.T) {
	base := strings.Repeat("the council approved the new budget for schools and roads on monday ", 6)
	sig := MinHash(base)
	copySig := MinHash(base + " an added line at the end")
	other := MinHash("an entirely different story about football results in the league")
	n := NewNearest(sig)
	if n.Offer(other.Bytes(), 3) || n.Story != 0 {
		t.Errorf("an unrelated document was taken as a copy")
	}
	if n.Offer([]byte("short"), 4) {
		t.Errorf("a bad stored signature was taken")
	}
	if !n.Offer(copySig.Bytes(), 5) || n.Story != 5 {
		t.Errorf("a near copy (similarity %.2f) was not taken", sig.Similarity(copySig))
	}
	if n.Offer(copySig.Bytes(), 6) || n.Story != 5 {
		t.Errorf("an equally similar later candidate replaced the first")
	}
	if !n.Offer(sig.Bytes(), 7) || !n.Done() || n.Story != 7 {
		t.Errorf("an exact copy: story %d, done %v", n.Story, n.Done())
	}
}

// minHashRef is MinHash as first written, with hash/fnv over each shingle
// joined as a string: stored signatures must not change.
func minHashRef(text string) Signature {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	var sig Signature
	for i := range sig {
		sig[i] = ^uint32(0)
	}
	add := func(s string) {
		h := fnv.New64a()
		h.Write([]byte(s))
		x := mix(h.Sum64())
		a, b := uint32(x), uint32(x>>32)|1
		for i := range sig {
			if v := mix32(a + uint32(i)*b); v < sig[i] {
				sig[i] = v
			}
		}
	}
	if len(words) < 3 {
		for _, w := range words {
			add(w)
		}
	} else {
		for i := 0; i+3 <= len(words); i++ {
			add(words[i] + " " + words[i+1] + " " + words[i+2])
		}
	}
	return sig
}

func TestMinHashUnchanged(t *testing.T) {
	for _, text := range []string{
		"",
		"one",
		"two words",
		"The council approved the new budget for schools and roads on Monday.",
		"Zürich, São Paulo and Київ: ÉCOLE İstanbul — 3 cities, 2 rivers!",
		strings.Repeat("ab cd ef ", 50),
		"bad \xff utf-8\xfe\xfd here and there",
		"  leading and trailing spaces  ",
	} {
		if got, want := MinHash(text), minHashRef(text); got != want {
			t.Errorf("MinHash(%q) = %v, want %v", text, got, want)
		}
	}
}

func FuzzMinHash(f *testing.F) {
	f.Add("The council approved the new budget")
	f.Add("Київ İstanbul")
	f.Fuzz(func(t *testing.T, text string) {
		if got, want := MinHash(text), minHashRef(text); got != want {
			t.Errorf("MinHash(%q) differs from the reference", text)
		}
	})
}
