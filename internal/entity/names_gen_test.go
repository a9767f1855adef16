package entity

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"
)

var updateNames = flag.Bool("update-names", false, "regenerate internal/lang/data/en/first_names.tsv from OntoNotes (../shared)")

// sharedDir finds ../shared relative to the directory holding go.mod.
func sharedDir(t *testing.T) (repo, shared string) {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		up := filepath.Dir(dir)
		if up == dir {
			t.Skip("no go.mod above the package directory")
		}
		dir = up
	}
	shared = filepath.Join(dir, "..", "shared")
	if _, err := os.Stat(shared); err != nil {
		t.Skipf("shared data not found at %s (../shared next to the repository)", shared)
	}
	return dir, shared
}

// TestGenerateFirstNames derives the English first-name list with genders
// from the OntoNotes 5 training split: the first word of every PERSON name
// of two or more words is a first name; its gender is read from the first
// he/him/his or she/her within the 60 tokens after the name in the same
// document. Names seen at least twice whose pronouns agree at least 80%
// of the time get that gender. Run with -update-names to rewrite the file.
func TestGenerateFirstNames(t *testing.T) {
	if !*updateNames {
		t.Skip("run with -update-names to regenerate first_names.tsv")
	}
	repo, shared := sharedDir(t)
	in := filepath.Join(shared, "data", "ontonotes5", "v12-train.ner.bio")
	f, err := os.Open(in)
	if err != nil {
		t.Skipf("OntoNotes training data not found: %v", err)
	}
	defer f.Close()
	type tok struct{ w, tag string }
	var docTokens []tok
	male := map[string]int{}
	female := map[string]int{}
	seen := map[string]int{}
	flush := func() {
		for i := 0; i < len(docTokens); i++ {
			if docTokens[i].tag != "B-PERSON" {
				continue
			}
			j := i + 1
			for j < len(docTokens) && docTokens[j].tag == "I-PERSON" {
				j++
			}
			if j-i < 2 {
				continue
			}
			first := docTokens[i].w
			if !isName(first) {
				continue
			}
			seen[first]++
			for k := j; k < len(docTokens) && k < j+60; k++ {
				switch strings.ToLower(docTokens[k].w) {
				case "he", "him", "his", "himself":
					male[first]++
				case "she", "her", "hers", "herself":
					female[first]++
				default:
					continue
				}
				break
			}
		}
		docTokens = docTokens[:0]
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#begin document") {
			flush()
			continue
		}
		w, tag, ok := strings.Cut(line, "\t")
		if !ok {
			continue
		}
		docTokens = append(docTokens, tok{w, tag})
	}
	flush()
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	var names []string
	for n := range seen {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("# First names with gender, derived from the OntoNotes 5 training split by\n")
	b.WriteString("# internal/entity TestGenerateFirstNames (go test ./internal/entity -run\n")
	b.WriteString("# GenerateFirstNames -update-names). Do not edit by hand.\n")
	b.WriteString("# Columns: name <TAB> gender (m, f) <TAB> pronoun evidence count.\n")
	n := 0
	for _, name := range names {
		m, fe := male[name], female[name]
		tot := m + fe
		if seen[name] < 2 || tot < 2 {
			continue
		}
		switch {
		case float64(m) >= 0.8*float64(tot):
			fmt.Fprintf(&b, "%s\tm\t%d\n", name, tot)
		case float64(fe) >= 0.8*float64(tot):
			fmt.Fprintf(&b, "%s\tf\t%d\n", name, tot)
		default:
			continue
		}
		n++
	}
	out := filepath.Join(repo, "internal", "lang", "data", "en", "first_names.tsv")
	if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %d names to %s", n, out)
}

func isName(w string) bool {
	if len(w) < 2 {
		return false
	}
	for i, r := range w {
		if i == 0 && !unicode.IsUpper(r) {
			return false
		}
		if !unicode.IsLetter(r) && r != '-' {
			return false
		}
	}
	return true
}
