package langid

import (
	"maps"
	"os"
	"testing"
	"unicode"

	"github.com/RadhiFadlillah/whatlanggo"
)

// viaWhatlanggo is the detection Detect did before profiles.go: the library
// itself, scoring every candidate's profile with string-keyed map look-ups.
func viaWhatlanggo(text string, white map[whatlanggo.Lang]bool) (whatlanggo.Lang, bool) {
	return whatlanggo.DetectWithOptions(text, whatlanggo.Options{Whitelist: white}).Lang, false
}

// agree reports whether the inverted profiles and whatlanggo give text the
// same language, and whether a disagreement is an exact tie.
func agree(text string) (fast, slow string, same, tie bool) {
	fast, tie = detect(text, identify)
	slow, _ = detect(text, viaWhatlanggo)
	return fast, slow, fast == slow, tie
}

// TestProfilesMatchWhatlanggo checks that the inverted profiles reproduce
// whatlanggo's language on every document (default prefix and 4 KB) and
// every short sample of the multilingual evaluation set, and its scores on
// the texts written for the tests.
func TestProfilesMatchWhatlanggo(t *testing.T) {
	if err := setup(); err != nil {
		t.Fatal(err)
	}
	short, docs := corpus(t, 200)
	var texts []string
	for _, s := range short {
		texts = append(texts, s.text)
	}
	for _, d := range docs {
		texts = append(texts, d.text, Prefix(d.text, DefaultPrefixBytes))
	}
	same, ties := 0, 0
	for _, text := range texts {
		if !sameCandidates(text) {
			t.Errorf("candidates differ from one pass per alphabet: %q", Prefix(text, 200))
		}
		fast, slow, ok, tie := agree(text)
		switch {
		case ok:
			same++
		case tie:
			ties++
		default:
			t.Errorf("inverted profiles say %q, whatlanggo %q: %q", fast, slow, Prefix(text, 200))
		}
	}
	t.Logf("%d texts (%d short, %d documents at 4 KB and %d bytes): %d same language, %d differ on an exact tie",
		len(texts), len(short), len(docs), DefaultPrefixBytes, same, ties)
	if len(texts) > 0 && same == 0 {
		t.Error("no text compared")
	}
}

// TestScoreConfidence checks language and confidence against whatlanggo on
// the package's own sentences, with every Latin and Cyrillic candidate.
func TestScoreConfidence(t *testing.T) {
	if err := setup(); err != nil {
		t.Fatal(err)
	}
	tests := []string{
		"The government announced on Tuesday that it would raise taxes on fuel next year.",
		"Die Regierung kündigte am Dienstag an, die Steuern auf Kraftstoff zu erhöhen.",
		"Le gouvernement a annoncé mardi qu'il augmenterait les taxes sur le carburant.",
		"El gobierno anunció el martes que subirá los impuestos al combustible.",
		"Rząd ogłosił we wtorek, że podniesie podatki na paliwo w przyszłym roku.",
		"Правительство объявило во вторник о повышении налогов на топливо.",
		"Уряд оголосив у вівторок про підвищення податків на пальне.",
		"a b c d e f g h i j k l m n o p",
		"xqzv wrrk pfft",
	}
	for _, text := range tests {
		script := whatlanggo.DetectScript(text)
		ps := profileSets[script]
		if ps == nil {
			t.Fatalf("%q: no profiles for its script", text)
		}
		l, conf, tie := ps.score(text, white)
		want := whatlanggo.DetectWithOptions(text, whatlanggo.Options{Whitelist: white})
		if tie {
			t.Logf("%q: exact tie", text)
			continue
		}
		if l != want.Lang || conf != want.Confidence {
			t.Errorf("%q: score = %v %.2f, whatlanggo %v %.2f", text, l, conf, want.Lang, want.Confidence)
		}
	}
}

// TestProfilesData checks that the data file covers every whitelisted
// language of a profiled script and that bad lines are errors.
func TestProfilesData(t *testing.T) {
	if err := setup(); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, ps := range profileSets {
		n += len(ps.langs)
		if len(ps.post) == 0 {
			t.Errorf("%v: no trigrams", ps.langs)
		}
	}
	if n < 20 {
		t.Errorf("%d languages in %s", n, fileProfiles)
	}
	for _, bad := range []string{"Latin\teng\n", "Klingon\teng\t\" th\"\n", "Latin\txxx\t\" th\"\n", "Latin\teng\t th\n", "# only a comment\n"} {
		if _, err := parseProfiles([]byte(bad)); err == nil {
			t.Errorf("parseProfiles(%q): no error", bad)
		}
	}
}

// FuzzProfiles compares the inverted profiles with whatlanggo on arbitrary
// text, skipping exact ties (which whatlanggo breaks at random).
func FuzzProfiles(f *testing.F) {
	for _, s := range []string{"The cat sat on the mat today.", "Уряд оголосив про підвищення", "Der Hund bellt laut, sagte sie.",
		"AAA bbb CCC ddd", "x\xffy z\u00a0w 12 ab", "İstanbul'da ÇOK güzel", "ﬁnance ǅemal"} {
		f.Add(s)
	}
	if b, err := os.ReadFile("profiles.go"); err == nil {
		f.Add(string(b[:min(len(b), 600)]))
	}
	f.Fuzz(func(t *testing.T, text string) {
		text = Prefix(text, DefaultPrefixBytes)
		if got, want := detectScript(text), whatlanggo.DetectScript(text); got != want {
			t.Fatalf("detectScript(%q) = %v, whatlanggo %v", text, got, want)
		}
		if !sameCandidates(text) {
			t.Fatalf("candidates differ from one pass per alphabet: %q", text)
		}
		if fast, slow, ok, tie := agree(text); !ok && !tie {
			t.Fatalf("inverted profiles say %q, whatlanggo %q: %q", fast, slow, text)
		}
	})
}

// candidatesOneByOne is candidates as first written: one pass over the text
// per alphabet, kept to check the single-pass version.
func candidatesOneByOne(text string, letters int) map[whatlanggo.Lang]bool {
	var out map[whatlanggo.Lang]bool
	limit := max(1, letters/100)
	for _, a := range alphabets {
		foreign := 0
		for _, r := range text {
			if r >= 0x80 && unicode.Is(a.script, r) && unicode.IsLetter(r) && !a.letters[unicode.ToLower(r)] {
				foreign++
			}
		}
		if foreign < limit {
			continue
		}
		if out == nil {
			out = maps.Clone(white)
		}
		delete(out, a.lang)
	}
	if len(out) == 0 {
		return white
	}
	return out
}

// sameCandidates reports whether both versions of candidates agree on text.
func sameCandidates(text string) bool {
	letters := 0
	for _, r := range text {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return maps.Equal(candidates(text, letters), candidatesOneByOne(text, letters))
}
