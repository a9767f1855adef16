package main

import (
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/ner"
)

func TestTagCommand(t *testing.T) {
	in := "-DOCSTART- -X- O\n\nEstonian\nPrime\nMinister\nKaja\nKallas\nspoke\nin\nTallinn\n.\n\n#begin document (nw/x/00/x_0000); part 000\nKallas\nleft\n.\n#end document\n"
	// without a genre, and with one for the document whose id names none
	for _, extra := range [][]string{nil, {"--genre", "nw"}, {"--genre", "bc"}} {
		t.Run(strings.Join(extra, " "), func(t *testing.T) { tagCommandCase(t, in, extra) })
	}
}

func tagCommandCase(t *testing.T, in string, extra []string) {
	code, out, errs := runCmd(t, in, append([]string{"tag", "--model", "ontonotes", "--format", "conll"}, extra...)...)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	inLines := strings.Split(strings.TrimRight(in, "\n"), "\n")
	if len(lines) != len(inLines) {
		t.Fatalf("%d output lines for %d input lines:\n%s", len(lines), len(inLines), out)
	}
	for i, l := range inLines {
		if l == "" || strings.HasPrefix(l, "-DOCSTART-") || strings.HasPrefix(l, "#") {
			if lines[i] != l {
				t.Errorf("line %d: %q, want it passed through as %q", i+1, lines[i], l)
			}
			continue
		}
		f := strings.Fields(lines[i])
		if len(f) != 2 || f[0] != l {
			t.Errorf("line %d: %q, want %q and a tag", i+1, lines[i], l)
		}
	}
	for _, want := range []string{"Kaja B-PERSON", "Kallas I-PERSON", "Tallinn B-GPE"} {
		if !strings.Contains(out, want+"\n") {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestTagUsage(t *testing.T) {
	for _, args := range [][]string{
		{"tag", "--format", "xml"},
		{"tag", "--genre", "news"},
		{"tag", "extra"},
		{"train"},
		{"train", "bogus"},
		{"train", "ner", "--corpus", "nope"},
		{"train", "ner", "--lang", "xx"},
		{"train", "ner", "--lang", "de", "--corpus", "ru-nerel"},
		{"train", "ner", "--lang", "de", "--clusters", "bogus"},
		{"train", "ner", "--lang", "de", "--ext", "bogus"},
		{"train", "ner", "--lang", "de", "--add-english", "maybe"},
	} {
		if code, _, _ := runCmd(t, "", args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
	if code, _, _ := runCmd(t, "", "tag", "--model", "nope"); code != exitFailed {
		t.Errorf("unknown model: exit %d, want %d", code, exitFailed)
	}
}

// TestTagLang tags a German sentence written for this test with the German
// model (skipped when none is embedded).
func TestTagLang(t *testing.T) {
	if !ner.HasModel("de") {
		t.Skip("no de model embedded")
	}
	in := "Bundeskanzler\nFriedrich\nMerz\nsprach\nin\nBerlin\n.\n"
	code, out, errs := runCmd(t, in, "tag", "--model", "de")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"Friedrich B-PERSON", "Merz I-PERSON", "Berlin B-LOC"} {
		if !strings.Contains(out, want+"\n") {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}
