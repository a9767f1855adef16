package scan

import (
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/newsgraph/newsgraph/internal/doc"
)

func TestScan(t *testing.T) {
	for _, c := range []struct {
		text, want string // tokens joined by "|"; a leading "_" marks a space before
	}{
		{"£1.2bn", "_£|1.2|bn"},
		{"at 10 a.m. on Sept. 27", "_at|_10|_a.m.|_on|_Sept|.|_27"},
		{"the U.S. economy", "_the|_U.S.|_economy"},
		{"Tuesday's vote", "_Tuesday's|_vote"},
		{"don't", "_don't"},
		{"mid-2023", "_mid|-|2023"},
		{"1990s", "_1990|s"},
		{"'80s", "_'|80|s"},
		{"2024-09-27", "_2024|-|09|-|27"},
		{"9/27/2024", "_9|/|27|/|2024"},
		{"1,200,000.50 people", "_1,200,000.50|_people"},
		{"5.", "_5|."},
		{"п'ятниця 14 лютого", "_п'ятниця|_14|_лютого"},
		{"$3-5", "_$|3|-|5"},
		{"₴200", "_₴|200"},
		{"", ""},
	} {
		var parts []string
		for _, tok := range Scan(c.text) {
			if c.text[tok.Start:tok.End] != tok.Text {
				t.Fatalf("%q: token %q at %d-%d", c.text, tok.Text, tok.Start, tok.End)
			}
			p := tok.Text
			if tok.Space {
				p = "_" + p
			}
			parts = append(parts, p)
		}
		if got := strings.Join(parts, "|"); got != c.want {
			t.Errorf("Scan(%q) = %s, want %s", c.text, got, c.want)
		}
	}
}

func TestParseDigits(t *testing.T) {
	for _, c := range []struct {
		s    string
		want float64
		ok   bool
	}{
		{"1,200", 1200, true},
		{"1,200,000.5", 1200000.5, true},
		{"3,5", 3.5, true},
		{"12.75", 12.75, true},
		{"1.2.3", 0, false},
		{"", 0, false},
	} {
		got, ok := ParseDigits(c.s)
		if got != c.want || ok != c.ok {
			t.Errorf("ParseDigits(%q) = %v %v, want %v %v", c.s, got, ok, c.want, c.ok)
		}
	}
}

func TestPhrases(t *testing.T) {
	var p Phrases[int]
	p.Add("per cent", 1)
	p.Add("us$", 2)
	p.Add("per", 3)
	for _, c := range []struct {
		text string
		want int
		end  int
		ok   bool
	}{
		{"per cent", 1, 2, true},
		{"Per Cent", 1, 2, true},
		{"per head", 3, 1, true},
		{"US$5", 2, 2, true},
		{"US $5", 0, 0, false}, // "us$" is written without a space
		{"cent", 0, 0, false},
	} {
		v, end, ok := p.Match(Scan(c.text), 0)
		if v != c.want || ok != c.ok || ok && end != c.end {
			t.Errorf("Match(%q) = %v %d %v, want %v %d %v", c.text, v, end, ok, c.want, c.end, c.ok)
		}
	}
}

// FuzzScan checks that tokens cover the text in order, each one the slice
// of the text at its offsets.
func FuzzScan(f *testing.F) {
	for _, s := range []string{"£1.2bn at 10 a.m.", "U.S.", "п'ятниця", "a.b.c.d.", "\xff\xfe1,2,3", "ÀÉÎ Ґанна ЄВРО Łódź ǅ Ⅻ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		last := 0
		for _, tok := range Scan(s) {
			if tok.Start < last || tok.End <= tok.Start || tok.End > len(s) || s[tok.Start:tok.End] != tok.Text {
				t.Fatalf("bad token %+v in %q", tok, s)
			}
			if tok.Lower != strings.ToLower(tok.Text) {
				t.Fatalf("token %q: lower %q, want %q", tok.Text, tok.Lower, strings.ToLower(tok.Text))
			}
			last = tok.End
		}
	})
}

// TestShared checks that Shared gives Scan's tokens, for texts seen before
// and new ones, from concurrent callers, and that tokens held stay intact
// while released ones are reused.
func TestShared(t *testing.T) {
	long := strings.Repeat(" and more words", sharedMin/10) // texts long enough to be kept
	texts := []string{"", "short", strings.Repeat(" ", 2*sharedMin), "On 5 May 2021" + long, "£1.2bn a year" + long, "a.m. U.S. don't" + long, "On 5 May 2021" + long}
	for i := 0; i < 2*sharedSize; i++ {
		texts = append(texts, strings.Repeat("word ", i)+"end"+long)
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, s := range texts {
				got := Shared(s)
				// other texts come and go (and reuse the memory of the
				// released ones) while got is held
				for k := 0; k < 3*sharedSize; k++ {
					Release(Shared(strconv.Itoa(g*1000+i*10+k) + long))
				}
				if want := Scan(s); !reflect.DeepEqual(got, want) && len(got)+len(want) > 0 {
					t.Errorf("Shared(%q) = %v, want %v", s, got, want)
				}
				Release(got)
			}
		}()
	}
	wg.Wait()
}

// TestFilter checks that a Filter passes every key it was given and rejects
// words that share no first byte, last byte and length with a key.
func TestFilter(t *testing.T) {
	var f Filter
	keys := []string{"", "a", "attack", "élection", strings.Repeat("x", 80)}
	for _, k := range keys {
		f.Add(k)
	}
	for _, k := range keys {
		if !f.May(k) {
			t.Errorf("May(%q) = false for a key", k)
		}
	}
	for _, w := range []string{"b", "attacks", "at", "election", strings.Repeat("y", 80)} {
		if f.May(w) {
			t.Errorf("May(%q) = true for a word unlike every key", w)
		}
	}
	if !f.May(strings.Repeat("x", 70)) {
		t.Errorf("May: long words share one length class")
	}
}

// TestLowerTokens checks LowerTokens against strings.ToLower token by token.
func TestLowerTokens(t *testing.T) {
	for _, text := range []string{"", "The BBC said £5m", "Київ і ÉCOLE aB", "a  b"} {
		var toks []doc.Token
		for i := 0; i < len(text); {
			j := strings.IndexByte(text[i:], ' ')
			if j < 0 {
				j = len(text) - i
			}
			toks = append(toks, doc.Token{Span: doc.Span{Start: i, End: i + j}})
			i += j + 1
		}
		got := LowerTokens(make([]string, len(toks)), text, toks)
		for i, tk := range toks {
			if want := strings.ToLower(text[tk.Start:tk.End]); got[i] != want {
				t.Errorf("%q: token %d = %q, want %q", text, i, got[i], want)
			}
		}
	}
}
