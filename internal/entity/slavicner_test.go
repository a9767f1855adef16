package entity

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/quote"
	"github.com/newsgraph/newsgraph/internal/segment"
	"github.com/newsgraph/newsgraph/internal/sharedtest"
	"github.com/newsgraph/newsgraph/internal/xentity"
)

// slavicMention is one gold mention of SlavicNER: its span (bytes of the
// document text), lemma, type and cross-lingual id.
type slavicMention struct {
	start, end     int
	surface, lemma string
	typ, id        string
}

// readSlavic reads one SlavicNER document and its annotation, with the
// mention offsets (code points) turned into byte offsets; mentions whose
// text does not match are dropped.
func readSlavic(t *testing.T, raw, ann string) (string, []slavicMention) {
	t.Helper()
	b, err := os.ReadFile(raw)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	byteAt := make([]int, 0, len(text)+1)
	for i := range text {
		byteAt = append(byteAt, i)
	}
	byteAt = append(byteAt, len(text))
	f, err := os.Open(ann)
	if err != nil {
		return text, nil
	}
	defer f.Close()
	var out []slavicMention
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		p := strings.Split(sc.Text(), "\t")
		if len(p) < 6 {
			continue
		}
		s, err1 := strconv.Atoi(p[0])
		e, err2 := strconv.Atoi(p[1])
		if err1 != nil || err2 != nil || s < 0 || e > len(byteAt)-1 || s >= e {
			continue
		}
		m := slavicMention{start: byteAt[s], end: byteAt[e], surface: p[2], lemma: p[3], typ: p[4], id: p[5]}
		if text[m.start:m.end] != m.surface {
			continue
		}
		out = append(out, m)
	}
	return text, out
}

// processWith runs the entity layer, optionally without the case-ending
// rules (SLAVIC_NO_INFLECT=1 measures the baseline).
func processWith(d *doc.Doc, noInflect bool) error {
	if !noInflect {
		return New().Process(d)
	}
	lex, err := LoadLexicon(d.Lang)
	if err != nil {
		return err
	}
	l := *lex
	l.Suffixes = nil
	qlex, err := quote.LoadLexicon(d.Lang)
	if err != nil {
		return err
	}
	r := newResolver(d, &l, quote.Scan(d.Text, d.Paragraphs, qlex.Marks), New().cfg)
	r.run()
	return nil
}

var slavicTypes = map[string]string{"PER": "PERSON", "LOC": "LOC", "ORG": "ORG", "EVT": "EVENT", "PRO": "PRODUCT"}

// TestSlavicNERGold runs the entity layer over SlavicNER training documents
// (ru, uk, pl; every fifth of the cross-topic training list, which the
// first-name lists do not come from) with the gold mentions standing in for
// the recognizer, and
// measures: join precision and recall over mention pairs against the
// cross-lingual ids; how often an entity's canonical name is the gold
// lemma (the nominative) of one of its mentions; and, across languages,
// how often the gold lemmas of one person share a surname skeleton and the
// gold lemmas of a country or city have the gazetteer's English name. The
// corpus is research-only and read from ../shared; nothing is copied.
func TestSlavicNERGold(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus measurement")
	}
	base := sharedtest.Path(t, "data-ml")
	skels := map[string]map[string]bool{} // PER id -> surname skeletons over languages
	placeHit, placeAll := 0, 0
	for _, iso := range []string{"ru", "uk", "pl"} {
		dir := filepath.Join(base, iso+"-slavicner")
		list, err := os.ReadFile(filepath.Join(dir, "SPLIT_cross-topic_train.txt"))
		if err != nil {
			t.Skipf("%s: %v", dir, err)
		}
		var tp, fp, fn, lemmaOK, ents int
		var perEnts, perNamed, perRight int // people with a gold id; given an English name; rightly
		docs := 0
		for i, rel := range strings.Fields(string(list)) {
			if i%5 != 0 {
				continue // the others derive first_names.tsv
			}
			ann := filepath.Join(dir, "ner", strings.TrimSuffix(strings.TrimPrefix(rel, "raw/"), ".txt")+".tsv")
			text, gold := readSlavic(t, filepath.Join(dir, rel), ann)
			if len(gold) == 0 || !utf8.ValidString(text) {
				continue
			}
			// the text as it is (doc.New would trim it and move the
			// offsets), one paragraph a line
			d := &doc.Doc{Text: text, Lang: iso}
			off := 0
			for _, line := range strings.SplitAfter(text, "\n") {
				if l := strings.TrimRight(line, "\r\n"); strings.TrimSpace(l) != "" {
					d.Paragraphs = append(d.Paragraphs, doc.Span{Start: off, End: off + len(l)})
				}
				off += len(line)
			}
			if err := (segment.Segmenter{}).Process(d); err != nil {
				t.Fatal(err)
			}
			docs++
			byStart := map[int]slavicMention{}
			for _, g := range gold {
				tok := d.TokenAt(g.start)
				if tok >= len(d.Tokens) || d.Tokens[tok].Start != g.start {
					continue
				}
				end := tok
				for end < len(d.Tokens) && d.Tokens[end].End <= g.end {
					end++
				}
				if end == tok || d.Tokens[end-1].End != g.end {
					continue
				}
				d.Mentions = append(d.Mentions, doc.Mention{Span: doc.Span{Start: g.start, End: g.end}, Type: slavicTypes[g.typ], Tok: tok, EndTok: end})
				byStart[g.start] = g
			}
			if err := processWith(d, os.Getenv("SLAVIC_NO_INFLECT") != ""); err != nil {
				t.Fatal(err)
			}
			// entity of each gold mention (by its start)
			entOf := map[int]int{}
			for ei, e := range d.Entities {
				lemmas := map[string]bool{}
				for _, m := range e.Mentions {
					if g, ok := byStart[m.Start]; ok {
						entOf[m.Start] = ei
						lemmas[g.lemma] = true
					}
				}
				if e.Type == "PERSON" {
					for _, m := range e.Mentions {
						if g, ok := byStart[m.Start]; ok && strings.HasPrefix(g.id, "PER-") {
							perEnts++
							want := strings.ReplaceAll(strings.TrimPrefix(g.id, "PER-"), "-", " ")
							if e.English != "" {
								perNamed++
								if xentity.Skeleton("en", e.English) == xentity.Skeleton("en", want) {
									perRight++
								}
							}
							break
						}
					}
				}
				if len(lemmas) > 0 {
					ents++
					if lemmas[e.Name] {
						lemmaOK++
					} else if os.Getenv("SLAVIC_DEBUG") != "" {
						var ls []string
						for l := range lemmas {
							ls = append(ls, l)
						}
						t.Logf("%s name %q [%s] gold %q", iso, e.Name, e.Type, ls)
					}
				}
				for _, m := range e.Mentions {
					if g, ok := byStart[m.Start]; ok && strings.HasPrefix(g.id, "GPE-") && e.Type != "PERSON" {
						placeAll++
						if strings.EqualFold(xentity.EnglishName(iso, g.lemma), strings.ReplaceAll(g.id[4:], "-", " ")) {
							placeHit++
						} else if os.Getenv("SLAVIC_DEBUG") != "" {
							t.Logf("%s place %q %s -> %q", iso, g.lemma, g.id, xentity.EnglishName(iso, g.lemma))
						}
					}
				}
			}
			var ms []slavicMention
			for _, g := range byStart {
				ms = append(ms, g)
			}
			for i := range ms {
				for j := i + 1; j < len(ms); j++ {
					ei, ok1 := entOf[ms[i].start]
					ej, ok2 := entOf[ms[j].start]
					same := ms[i].id == ms[j].id
					joined := ok1 && ok2 && ei == ej
					switch {
					case same && joined:
						tp++
					case same:
						fn++
					case joined:
						fp++
					}
				}
			}
			for _, g := range gold {
				if g.typ == "PER" && strings.HasPrefix(g.id, "PER-") {
					w := strings.Fields(xentity.Skeleton(iso, g.lemma))
					if len(w) > 0 {
						if skels[g.id] == nil {
							skels[g.id] = map[string]bool{}
						}
						skels[g.id][iso+" "+w[len(w)-1]] = true
					}
				}
			}
		}
		if docs == 0 {
			continue
		}
		prec := float64(tp) / float64(max(tp+fp, 1))
		rec := float64(tp) / float64(max(tp+fn, 1))
		lem := float64(lemmaOK) / float64(max(ents, 1))
		t.Logf("%s: %d documents; mention pairs joined: precision %.3f recall %.3f; canonical name = gold lemma for %.3f of %d entities",
			iso, docs, prec, rec, lem, ents)
		t.Logf("%s: people with a gold id: %d; given an English name: %.3f; that name matches the id (by skeleton): %.3f",
			iso, perEnts, float64(perNamed)/float64(max(perEnts, 1)), float64(perRight)/float64(max(perNamed, 1)))
		if prec < 0.9 {
			t.Errorf("%s: join precision %.3f < 0.9", iso, prec)
		}
	}
	// a person named in two or more languages: do the surname skeletons meet?
	multi, met := 0, 0
	for _, s := range skels {
		langs := map[string]string{}
		for k := range s {
			iso, sk, _ := strings.Cut(k, " ")
			langs[iso] = sk
		}
		if len(langs) < 2 {
			continue
		}
		multi++
		all := map[string]bool{}
		for _, sk := range langs {
			all[sk] = true
		}
		if len(all) == 1 {
			met++
		} else if os.Getenv("SLAVIC_DEBUG") != "" {
			t.Logf("skeletons apart: %v", langs)
		}
	}
	t.Logf("people named in two or more of ru, uk, pl: %d; surname skeletons equal across languages: %.3f", multi, float64(met)/float64(max(multi, 1)))
	t.Logf("places with a GPE id: gazetteer English name matches the id for %.3f of %d mentions", float64(placeHit)/float64(max(placeAll, 1)), placeAll)
}

var updateSlavicNames = flag.Bool("update-slavic-names", false, "regenerate internal/lang/data/{ru,uk,pl}/first_names.tsv from SlavicNER training lemmas (../shared)")

// TestGenerateSlavicFirstNames derives the first-name and surname lists of ru, uk and
// pl from the SlavicNER training split (SPLIT_cross-topic_train.txt, less
// every fifth document, which TestSlavicNERGold measures on): the
// first word of every gold PER lemma of two or more words, seen in at least
// two documents; the surnames are the last words of any PER lemma, in two
// or more documents. The lemma is the nominative, so the list supports reading
// "Девіда" as "Девід". Gender is read from the name's ending (-а/-я, Polish
// -a: feminine), which the few exceptions (Илья, Kuba) get wrong. Run with
// -update-slavic-names to rewrite the files.
func TestGenerateSlavicFirstNames(t *testing.T) {
	if !*updateSlavicNames {
		t.Skip("run with -update-slavic-names to regenerate the ru, uk, pl first_names.tsv")
	}
	repo := mustRepo(t)
	base := sharedtest.Path(t, "data-ml")
	for _, iso := range []string{"ru", "uk", "pl"} {
		dir := filepath.Join(base, iso+"-slavicner")
		list, err := os.ReadFile(filepath.Join(dir, "SPLIT_cross-topic_train.txt"))
		if err != nil {
			t.Fatal(err)
		}
		docs := map[string]map[string]bool{}
		lastDocs := map[string]map[string]bool{}
		enDocs := map[[3]string]map[string]bool{} // lemma, English, kind -> documents
		for i, rel := range strings.Fields(string(list)) {
			if i%5 == 0 {
				continue // kept for TestSlavicNERGold
			}
			ann := filepath.Join(dir, "ner", strings.TrimSuffix(strings.TrimPrefix(rel, "raw/"), ".txt")+".tsv")
			_, gold := readSlavic(t, filepath.Join(dir, rel), ann)
			for _, g := range gold {
				if kind, name, ok := strings.Cut(g.id, "-"); ok && (kind == "PER" || kind == "ORG" || kind == "GPE" || kind == "LOC") && name != "" && g.lemma != "" && !strings.ContainsAny(g.lemma, "\t\n") {
					k := [3]string{g.lemma, strings.ReplaceAll(name, "-", " "), kind}
					if enDocs[k] == nil {
						enDocs[k] = map[string]bool{}
					}
					enDocs[k][rel] = true
				}
				w := strings.Fields(g.lemma)
				if g.typ == "PER" && len(w) > 0 {
					last := w[len(w)-1]
					if isCapWord(last) && !isAllCaps(last) && utf8.RuneCountInString(last) >= 3 && !strings.ContainsAny(last, ".") {
						if lastDocs[last] == nil {
							lastDocs[last] = map[string]bool{}
						}
						lastDocs[last][rel] = true
					}
				}
				if g.typ != "PER" || len(w) < 2 || !isCapWord(w[0]) || strings.ContainsAny(w[0], ".-'’") || utf8.RuneCountInString(w[0]) < 3 || isAllCaps(w[0]) {
					continue
				}
				if docs[w[0]] == nil {
					docs[w[0]] = map[string]bool{}
				}
				docs[w[0]][rel] = true
			}
		}
		var surnames []string
		for n, d := range lastDocs {
			if len(d) >= 2 {
				surnames = append(surnames, n)
			}
		}
		sort.Strings(surnames)
		var sb strings.Builder
		fmt.Fprintf(&sb, "# Surnames in the nominative, derived from the SlavicNER training split (last\n")
		fmt.Fprintf(&sb, "# words of gold PER lemmas, in two or more documents) by internal/entity\n")
		fmt.Fprintf(&sb, "# TestGenerateSlavicFirstNames (-update-slavic-names). Do not edit by hand.\n")
		fmt.Fprintf(&sb, "# Columns: surname <TAB> documents.\n")
		for _, n := range surnames {
			fmt.Fprintf(&sb, "%s\t%d\n", n, len(lastDocs[n]))
		}
		if err := os.WriteFile(filepath.Join(repo, "internal", "lang", "data", iso, "surnames.tsv"), []byte(sb.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		// English names: the most frequent id of each lemma, in two or
		// more documents
		best := map[string][3]string{}
		for k, d := range enDocs {
			if len(d) < 2 {
				continue
			}
			if b, ok := best[k[0]]; !ok || len(d) > len(enDocs[b]) || len(d) == len(enDocs[b]) && k[1] < b[1] {
				best[k[0]] = k
			}
		}
		var lemmas []string
		for l := range best {
			lemmas = append(lemmas, l)
		}
		sort.Strings(lemmas)
		var eb strings.Builder
		fmt.Fprintf(&eb, "# English names of entities named in this language, derived from the\n")
		fmt.Fprintf(&eb, "# SlavicNER training split: each gold lemma with the cross-lingual id it\n")
		fmt.Fprintf(&eb, "# most often has (\"PER-Volodymyr-Zelensky\" -> Volodymyr Zelensky), in two or\n")
		fmt.Fprintf(&eb, "# more documents, by internal/entity TestGenerateSlavicFirstNames\n")
		fmt.Fprintf(&eb, "# (-update-slavic-names). Do not edit by hand.\n")
		fmt.Fprintf(&eb, "# Columns: name <TAB> English name <TAB> kind (PER ORG GPE LOC) <TAB> documents.\n")
		for _, l := range lemmas {
			k := best[l]
			fmt.Fprintf(&eb, "%s\t%s\t%s\t%d\n", k[0], k[1], k[2], len(enDocs[k]))
		}
		if err := os.WriteFile(filepath.Join(repo, "internal", "lang", "data", iso, "names_en.tsv"), []byte(eb.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		var names []string
		for n, d := range docs {
			if len(d) >= 2 {
				names = append(names, n)
			}
		}
		sort.Strings(names)
		var b strings.Builder
		fmt.Fprintf(&b, "# First names, derived from the SlavicNER training split (first words of gold\n")
		fmt.Fprintf(&b, "# PER lemmas of two or more words, in two or more documents) by\n")
		fmt.Fprintf(&b, "# internal/entity TestGenerateSlavicFirstNames (-update-slavic-names). Do not\n")
		fmt.Fprintf(&b, "# edit by hand. Gender from the ending (-a/-а/-я feminine). Columns: name <TAB>\n")
		fmt.Fprintf(&b, "# gender <TAB> documents.\n")
		for _, n := range names {
			g := "m"
			if strings.HasSuffix(n, "а") || strings.HasSuffix(n, "я") || strings.HasSuffix(n, "a") {
				g = "f"
			}
			fmt.Fprintf(&b, "%s\t%s\t%d\n", n, g, len(docs[n]))
		}
		out := filepath.Join(repo, "internal", "lang", "data", iso, "first_names.tsv")
		if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d first names", out, len(names))
	}
}

// mustRepo returns the directory holding go.mod above the working directory.
func mustRepo(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		up := filepath.Dir(dir)
		if up == dir {
			t.Skip("no go.mod above the package directory")
		}
		dir = up
	}
}
