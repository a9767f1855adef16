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
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/sharedtest"
)

var updateNEREL = flag.Bool("update-nerel", false, "regenerate internal/lang/data/ru/roles_derived.tsv from the NEREL training split (../shared)")

// TestGenerateNERELRoles derives Russian role vocabulary from the NEREL
// training split (Russian Wikinews, gold PROFESSION and NATIONALITY
// mentions): the head of a PROFESSION mention is its first lowercase word
// without an adjectival ending ("министр", "главы", "председателя"), the
// other lowercase words are role modifiers and complements ("иностранных",
// "дел", "бывший"), and NATIONALITY mentions give nationality adjectives
// and nouns in every case ("британский", "американского"). Words kept are
// seen in at least two documents (modifiers: three). Run with -update-nerel
// to rewrite ru/roles_derived.tsv.
func TestGenerateNERELRoles(t *testing.T) {
	if !*updateNEREL {
		t.Skip("run with -update-nerel to regenerate ru/roles_derived.tsv")
	}
	dir := sharedtest.Path(t, "data-ml", "ru-nerel", "train")
	lex, err := LoadLexicon("ru")
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.ann"))
	if err != nil || len(files) == 0 {
		t.Skipf("no NEREL training files in %s", dir)
	}
	type key struct{ word, kind string }
	docs := map[key]map[string]bool{}
	add := func(w, kind, doc string) {
		k := key{w, kind}
		if docs[k] == nil {
			docs[k] = map[string]bool{}
		}
		docs[k][doc] = true
	}
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			p := strings.Split(sc.Text(), "\t")
			if len(p) < 3 || !strings.HasPrefix(p[0], "T") {
				continue
			}
			typ, _, _ := strings.Cut(p[1], " ")
			words := strings.Fields(strings.Trim(p[2], `"«»`))
			switch typ {
			case "NATIONALITY":
				for _, w := range words {
					add(strings.ToLower(w), "nationality", f)
				}
			case "PROFESSION":
				head := -1
				for i, w := range words {
					if isCapWord(w) && i > 0 || strings.ContainsAny(w, `"«»()0123456789`) {
						break
					}
					lw := strings.ToLower(w)
					if head < 0 && !lex.adjectival(lw) && !adjectiveForm(lw) && utf8.RuneCountInString(lw) > 2 {
						head = i
						add(lw, "head", f)
						continue
					}
					if utf8.RuneCountInString(lw) >= 4 {
						add(lw, "mod", f)
					}
				}
			}
		}
		fh.Close()
	}
	var keys []key
	for k, d := range docs {
		min := 2
		if k.kind == "mod" {
			min = 3
		}
		if len(d) >= min {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(a, b int) bool {
		if keys[a].kind != keys[b].kind {
			return keys[a].kind < keys[b].kind
		}
		return keys[a].word < keys[b].word
	})
	var b strings.Builder
	fmt.Fprintf(&b, "# Russian role vocabulary derived from the NEREL training split (gold\n")
	fmt.Fprintf(&b, "# PROFESSION and NATIONALITY mentions, Russian Wikinews) by internal/entity\n")
	fmt.Fprintf(&b, "# TestGenerateNERELRoles (-update-nerel). Do not edit by hand.\n")
	fmt.Fprintf(&b, "# Columns: word (lowercase, as written) <TAB> kind (head: a role's head\n")
	fmt.Fprintf(&b, "# noun; mod: a word inside role phrases; nationality) <TAB> documents.\n")
	for _, k := range keys {
		fmt.Fprintf(&b, "%s\t%s\t%d\n", k.word, k.kind, len(docs[k]))
	}
	out := filepath.Join(mustRepo(t), "internal", "lang", "data", "ru", "roles_derived.tsv")
	if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: %d words", out, len(keys))
}

// adjectiveForm reports whether a Russian word has a nominative or plural
// adjective ending ("главный", "бывшие", "иностранных"), which a role's head
// noun does not.
func adjectiveForm(w string) bool {
	for _, e := range []string{"ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ых", "их", "ыми", "ими"} {
		if strings.HasSuffix(w, e) && utf8.RuneCountInString(w) > 4 {
			return true
		}
	}
	return false
}
