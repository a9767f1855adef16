package cluster

import (
	"bytes"
	"compress/gzip"
	"reflect"
	"testing"
)

func TestNorm(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Obama", "Obama"},
		{"1996-08-22", "0000-00-00"},
		{"``", `"`},
		{"''", `"`},
		{"“", `"`},
		{"’s", "'s"},
		{"-LRB-", "("},
		{"/.", "."},
		{"Zürich", "Zürich"},
		{"-", "-"},
	}
	for _, tt := range tests {
		if got := Norm(tt.in); got != tt.want {
			t.Errorf("Norm(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"The U.S. economy grew 3.2% in 2024.", []string{"The", "U.S.", "economy", "grew", "0.0", "%", "in", "0000", "."}},
		{`"We don't know," she said.`, []string{`"`, "We", "do", "n't", "know", ",", `"`, "she", "said", "."}},
		{"Kallas’s party (Reform)", []string{"Kallas", "'s", "party", "(", "Reform", ")"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := Tokenize(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Tokenize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// corpus is a tiny made-up text where first names, cities and verbs each
// share their contexts.
func corpus() [][]string {
	var seqs [][]string
	names := []string{"Anna", "Boris", "Clara", "Dmitri"}
	cities := []string{"Tallinn", "Riga", "Vilnius", "Oslo"}
	verbs := []string{"visited", "left", "praised", "toured"}
	for i := 0; i < 40; i++ {
		for j, n := range names {
			seqs = append(seqs, []string{n, verbs[(i+j)%4], cities[(i*3+j)%4], "today", "."})
			seqs = append(seqs, []string{"minister", n, "said", "so", "."})
			seqs = append(seqs, []string{"in", cities[(i+j)%4], "the", "weather", "was", "fine", "."})
		}
	}
	return seqs
}

func TestLearn(t *testing.T) {
	opt := Options{Sizes: []int{3, 6}, MinCount: 2, Iters: 10}
	a, err := Learn(corpus(), opt)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Learn(corpus(), opt)
	if err != nil {
		t.Fatal(err)
	}
	if a.Hash != b.Hash {
		t.Fatalf("two runs differ: %s vs %s", a.Hash, b.Hash)
	}
	same := func(x, y string) bool { return a.Lookup(x)[1] == a.Lookup(y)[1] }
	if !same("Anna", "Dmitri") || !same("Riga", "Oslo") {
		t.Errorf("words of one kind split: Anna %v Dmitri %v Riga %v Oslo %v",
			a.Lookup("Anna"), a.Lookup("Dmitri"), a.Lookup("Riga"), a.Lookup("Oslo"))
	}
	if same("Anna", "Riga") {
		t.Errorf("names and cities share a class: %v %v", a.Lookup("Anna"), a.Lookup("Riga"))
	}
	var buf bytes.Buffer
	if err := a.Write(&buf); err != nil {
		t.Fatal(err)
	}
	c, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if c.Hash != a.Hash || !reflect.DeepEqual(c.ids, a.ids) || !reflect.DeepEqual(c.Sizes, a.Sizes) {
		t.Error("table changed in a write/read round trip")
	}
	if _, err := Learn(nil, opt); err == nil {
		t.Error("Learn(nil) succeeded")
	}
}

func TestDefault(t *testing.T) {
	tb, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if tb.Len() < 1000 || len(tb.Sizes) == 0 {
		t.Fatalf("embedded table has %d words, sizes %v", tb.Len(), tb.Sizes)
	}
	if tb.Lookup("the") == nil {
		t.Error(`"the" has no cluster`)
	}
}

func FuzzRead(f *testing.F) {
	gz := func(s string) []byte {
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		w.Write([]byte(s))
		w.Close()
		return b.Bytes()
	}
	f.Add(gz("#sizes\t4\nthe\t1\n"))
	f.Add(gz("#sizes\t4\t8\nthe\t1\t9\n"))
	f.Add(gz(""))
	f.Add([]byte("not gzip"))
	f.Fuzz(func(t *testing.T, b []byte) {
		tb, err := Read(bytes.NewReader(b))
		if err == nil {
			for _, ids := range tb.ids {
				for i, c := range ids {
					if int(c) >= tb.Sizes[i] {
						t.Fatalf("class %d out of range %d", c, tb.Sizes[i])
					}
				}
			}
		}
	})
}
