package ner

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// The fixtures below are sentences written for these tests, in the formats
// of the data-ml corpora; no corpus text is copied.

// spanText renders the entities of a document as "words/TYPE".
func spanText(d Document) []string {
	var out []string
	for _, s := range d.Sents {
		for _, sp := range Spans(s.Tags) {
			out = append(out, strings.Join(s.Words[sp.Start:sp.End], " ")+"/"+sp.Type)
		}
	}
	return out
}

func TestProjectSpans(t *testing.T) {
	tests := []struct {
		name string
		lang string
		text string
		// spans as [start, end) in code points, found by substring
		spans []CharSpan
		want  []string
		pr    Projection
	}{
		{
			name: "cyrillic offsets are code points",
			lang: "ru",
			text: "Зеленский встретился с Макроном в Париже.",
			spans: []CharSpan{
				{0, 9, "PERSON"}, {23, 31, "PERSON"}, {34, 40, "LOC"},
			},
			want: []string{"Зеленский/PERSON", "Макроном/PERSON", "Париже/LOC"},
			pr:   Projection{Spans: 3, Kept: 3},
		},
		{
			name:  "nested spans keep the outermost",
			lang:  "ru",
			text:  "Министерство обороны Украины сообщило об ударе.",
			spans: []CharSpan{{21, 28, "LOC"}, {0, 28, "ORG"}},
			want:  []string{"Министерство обороны Украины/ORG"},
			pr:    Projection{Spans: 2, Kept: 1, Nested: 1},
		},
		{
			name:  "a span inside a compound token is dropped",
			lang:  "de",
			text:  "Die EU-Kommission tagte in Brüssel.",
			spans: []CharSpan{{4, 6, "ORG"}, {27, 34, "LOC"}},
			want:  []string{"Brüssel/LOC"},
			pr:    Projection{Spans: 2, Kept: 1, Partial: 1},
		},
		{
			name:  "a span across a sentence boundary is dropped",
			lang:  "pl",
			text:  "Spotkanie w Kijowie. Rozmowy trwały długo.",
			spans: []CharSpan{{12, 28, "LOC"}, {0, 9, "EVENT"}},
			want:  []string{"Spotkanie/EVENT"},
			pr:    Projection{Spans: 2, Kept: 1, Crosses: 1},
		},
		{
			name:  "offsets outside the text",
			lang:  "uk",
			text:  "Київ.",
			spans: []CharSpan{{0, 4, "LOC"}, {3, 99, "LOC"}, {2, 2, "LOC"}},
			want:  []string{"Київ/LOC"},
			pr:    Projection{Spans: 3, Kept: 1, Invalid: 2},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, pr := ProjectSpans(RawDoc{ID: "x", Text: tt.text, Spans: tt.spans}, tt.lang)
			if got := spanText(d); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("entities %v, want %v", got, tt.want)
			}
			if pr != tt.pr {
				t.Errorf("projection %+v, want %+v", pr, tt.pr)
			}
		})
	}
}

func TestReadSmartData(t *testing.T) {
	in := `{
  "id" : "doc-1",
  "text" : { "string" : "Siemens baut in München." },
  "conceptMentions" : { "array" : [
    { "span" : { "start" : 0, "end" : 7 }, "type" : "organization-company" },
    { "span" : { "start" : 16, "end" : 23 }, "type" : "location-city" } ] }
}
{
  "id" : "doc-2",
  "text" : { "string" : "Keine Namen hier." },
  "conceptMentions" : null
}`
	docs, err := ReadSmartData(strings.NewReader(in), "fixture")
	if err != nil {
		t.Fatal(err)
	}
	want := []RawDoc{
		{ID: "doc-1", Text: "Siemens baut in München.", Spans: []CharSpan{{0, 7, "organization-company"}, {16, 23, "location-city"}}},
		{ID: "doc-2", Text: "Keine Namen hier."},
	}
	if !reflect.DeepEqual(docs, want) {
		t.Errorf("got %+v, want %+v", docs, want)
	}
	d, _ := ProjectSpans(RawDoc{Text: docs[0].Text, Spans: MapSpans(docs[0].Spans, typesSmart)}, "de")
	if got := spanText(d); !reflect.DeepEqual(got, []string{"Siemens/ORG", "München/LOC"}) {
		t.Errorf("projected %v", got)
	}
	if _, err := ReadSmartData(strings.NewReader(`{"id": 3`), "bad"); err == nil {
		t.Error("truncated JSON: no error")
	}
}

func TestReadBrat(t *testing.T) {
	tests := []struct {
		in   string
		want []CharSpan
		err  bool
	}{
		{"T1\tPERSON 0 9\tЗеленский\nR1\tWORKS_AS Arg1:T1 Arg2:T2\nT2\tCOUNTRY 20 27;30 35\tУкраины…\n",
			[]CharSpan{{0, 9, "PERSON"}, {20, 35, "COUNTRY"}}, false},
		{"T1\tPERSON\tx\n", nil, true},
		{"T1\tPERSON 5 x\tx\n", nil, true},
		{"T1\tPERSON 9 5\tx\n", nil, true},
	}
	for i, tt := range tests {
		got, err := ReadBrat(strings.NewReader(tt.in), "fixture")
		if (err != nil) != tt.err {
			t.Errorf("%d: error %v, want error %v", i, err, tt.err)
		}
		if !tt.err && !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%d: got %v, want %v", i, got, tt.want)
		}
	}
}

func TestReadSlavicNER(t *testing.T) {
	in := "0\t9\tЗеленский\tЗеленский\tPER\tPER-Volodymyr-Zelensky\n" +
		"23\t33\tукраинцы\tукраинцы\tPER\tGPE-Ukraine\n" +
		"40\t46\tКиеве\tКиев\tLOC\tGPE-Kyiv\n\n"
	got, err := ReadSlavicNER(strings.NewReader(in), "fixture")
	if err != nil {
		t.Fatal(err)
	}
	want := []CharSpan{{0, 9, "PER"}, {23, 33, "PER/GPE"}, {40, 46, "LOC/GPE"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	mapped := MapSpans(got, typesSlavic)
	if mapped[1].Type != "NORP" || mapped[2].Type != "LOC" || mapped[0].Type != "PERSON" {
		t.Errorf("mapped %v", mapped)
	}
	for _, bad := range []string{"0\t9\tx\n", "a\t9\tx\tx\tPER\n", "9\t3\tx\tx\tPER\n"} {
		if _, err := ReadSlavicNER(strings.NewReader(bad), "bad"); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestReadFactRu(t *testing.T) {
	// "Мэр Москвы Сергей Собянин посетил мэрию Москвы."
	spans := "1 loc_name 4 6 10 1  # 10 Москвы\n" +
		"2 name 11 6 11 1  # 11 Сергей\n" +
		"3 surname 18 7 12 1  # 12 Собянин\n" +
		"4 org_descr 34 5 14 1  # 14 мэрию\n" +
		"5 loc_name 40 6 15 1  # 15 Москвы\n" +
		"6 job 0 3 9 1  # 9 Мэр\n"
	objects := "1 LocOrg 1 # Москвы\n" +
		"2 Person 2 3 6 # Сергей Собянин\n" +
		"3 Org 4 5 # мэрию Москвы\n" +
		"4 LocOrg 5 # Москвы\n"
	got, err := ReadFactRu(strings.NewReader(spans), strings.NewReader(objects), "fixture")
	if err != nil {
		t.Fatal(err)
	}
	want := []CharSpan{{4, 10, "LocOrg"}, {11, 25, "Person"}, {40, 46, "LocOrg"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if _, err := ReadFactRu(strings.NewReader(spans), strings.NewReader("9 Person 77\n"), "bad"); err == nil {
		t.Error("unknown span id: no error")
	}
}

func TestReadSequoia(t *testing.T) {
	in := "# global.columns = ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC PARSEME:MWE FRSEMCOR:NOUN PARSEME:NE\n" +
		"# sent_id = journal_001\n" +
		"1\tEmmanuel\t_\tPROPN\t_\t_\t0\troot\t_\t_\t*\t*\t1:PERS\n" +
		"2\tMacron\t_\tPROPN\t_\t_\t1\tflat\t_\t_\t*\t*\t1\n" +
		"3-4\tau\t_\t_\t_\t_\t_\t_\t_\t_\t_\t_\t_\n" +
		"3\tà\t_\tADP\t_\t_\t5\tcase\t_\t_\t*\t*\t*\n" +
		"4\tle\t_\tDET\t_\t_\t5\tdet\t_\t_\t*\t*\t*\n" +
		"5\tSénat\t_\tPROPN\t_\t_\t1\tobl\t_\t_\t*\t*\t2:ORG\n" +
		"\n" +
		"# sent_id = journal_002\n" +
		"1\tLyon\t_\tPROPN\t_\t_\t0\troot\t_\t_\t*\t*\t1:LOC\n" +
		"\n" +
		"# sent_id = wiki_001\n" +
		"1\tRien\t_\tPRON\t_\t_\t0\troot\t_\t_\t*\t*\t*\n"
	docs, err := ReadSequoia(strings.NewReader(in), "fixture", 20)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || len(docs[0].Sents) != 2 {
		t.Fatalf("got %d documents, want 2 (journal with 2 sentences, wiki)", len(docs))
	}
	MapTypes(docs, typesSequoia)
	if got, want := spanText(docs[0]), []string{"Emmanuel Macron/PERSON", "Sénat/ORG", "Lyon/LOC"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if got := docs[0].Sents[0].Words; len(got) != 5 {
		t.Errorf("words %v: the range token must be skipped", got)
	}
	if _, err := ReadSequoia(strings.NewReader("1\tx\n"), "bad", 20); err == nil {
		t.Error("two columns: no error")
	}
}

func TestReadNKJP(t *testing.T) {
	in := "-DOCSTART CONFIG FEATURES orth base ctag\n" +
		"-DOCSTART FILE ./prasa-001\n" +
		"Prezydent\tprezydent\tsubst\tO\n" +
		"Andrzej\tAndrzej\tsubst\tB-persName#B-persName-forename\n" +
		"Duda\tDuda\tsubst\tI-persName#B-persName-surname\n" +
		"odwiedził\todwiedzić\tpraet\tO\n" +
		"Gdańsk\tGdańsk\tsubst\tB-placeName-settlement\n" +
		"\n" +
		"-DOCSTART FILE ./prasa-002\n" +
		"Sejm\tSejm\tsubst\tB-orgName\n" +
		"obradował\tobradować\tpraet\tO\n"
	docs, err := ReadNKJP(strings.NewReader(in), "fixture")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || docs[0].ID != "./prasa-001" {
		t.Fatalf("documents %+v", docs)
	}
	MapTypes(docs, typesNKJP)
	if got, want := append(spanText(docs[0]), spanText(docs[1])...), []string{"Andrzej Duda/PERSON", "Gdańsk/LOC", "Sejm/ORG"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if _, err := ReadNKJP(strings.NewReader("Sejm\tSejm\tsubst\tX-orgName\n"), "bad"); err == nil {
		t.Error("bad tag: no error")
	}
}

// TestColumnFormats reads the column formats that ReadLines handles
// (GermEval, CoNLL-2002, KIND, NER-UK) and maps their types.
func TestColumnFormats(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		types map[string]string
		want  []string
	}{
		{"germeval", "Die X B-X O\ndeutsche X B-X B-LOCderiv\nBundesbahn X B-X B-ORG\nin X B-X O\nBerlin-Mitte X B-X B-LOC\nund X B-X O\nEU-Politik X B-X B-ORGpart\n",
			typesGermEval, []string{"deutsche/NORP", "Bundesbahn/ORG", "Berlin-Mitte/LOC"}},
		{"conll2002", "El X X O\nBanco X X B-ORG\nde X X I-ORG\nEspaña X X I-ORG\ny X X O\nla X X O\nLiga X X B-MISC\n",
			typesCoNLL, []string{"Banco de España/ORG"}},
		{"kind", "Sergio\tB-PER\nMattarella\tI-PER\na\tO\nRoma\tB-LOC\n", typesKIND, []string{"Sergio Mattarella/PERSON", "Roma/LOC"}},
		{"ner-uk", "Прем'єр O\nДенис B-PERS\nШмигаль I-PERS\nу O\nлютому B-DATE\n", typesNERUK, []string{"Денис Шмигаль/PERSON"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, _, err := ReadLines(strings.NewReader(tt.in), tt.name, FormatCoNLL)
			if err != nil {
				t.Fatal(err)
			}
			MapTypes(docs, tt.types)
			if got := spanText(docs[0]); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestChunkAndSplit(t *testing.T) {
	var d Document
	for i := 0; i < 45; i++ {
		d.Sents = append(d.Sents, Sentence{Words: []string{fmt.Sprint(i)}, Tags: []string{"O"}})
	}
	ch := Chunk([]Document{d}, 20, "x")
	if len(ch) != 3 || len(ch[2].Sents) != 5 || ch[1].ID != "x#1" {
		t.Errorf("chunks %d, last %d sentences", len(ch), len(ch[len(ch)-1].Sents))
	}
	// the carved dev split is stable and about one document in ten
	var docs []Document
	for i := 0; i < 2000; i++ {
		docs = append(docs, Document{ID: fmt.Sprintf("doc-%d", i)})
	}
	tr, dv := splitByHash(docs)
	if len(tr)+len(dv) != 2000 || len(dv) < 150 || len(dv) > 250 {
		t.Errorf("split %d/%d", len(tr), len(dv))
	}
	_, dv2 := splitByHash(docs)
	if !reflect.DeepEqual(dv, dv2) {
		t.Error("split not deterministic")
	}
}

func TestAffixesAreRunes(t *testing.T) {
	// "Зеленского": the 5-character suffix is "ского", not bytes of it
	f := appendAffixes(nil, "зеленского", 5)
	want := hint(hstr(hstart(fSuffix), "ского"), 5)
	found := false
	for _, h := range f {
		found = found || h == want
	}
	if !found || len(f) != 10 {
		t.Errorf("%d features; 5-rune suffix found: %v", len(f), found)
	}
}

func TestModelFor(t *testing.T) {
	tests := []struct{ lang, want string }{
		{"", "ontonotes"}, {"en", "ontonotes"}, {"EN", "ontonotes"}, {"xx", ""}, {"ontonotes", ""},
	}
	for _, l := range []string{"de", "fr", "es", "ru", "uk", "it", "pl"} {
		want := ""
		if HasModel(l) {
			want = l
		}
		tests = append(tests, struct{ lang, want string }{l, want})
	}
	for _, tt := range tests {
		if got := ModelFor(tt.lang, "ontonotes"); got != tt.want {
			t.Errorf("ModelFor(%q) = %q, want %q", tt.lang, got, tt.want)
		}
	}
}

func FuzzProjectSpans(f *testing.F) {
	f.Add("Зеленский встретился с Макроном.", 0, 9, 23, 31)
	f.Add("Die EU-Kommission tagte.", 4, 6, 0, 3)
	f.Fuzz(func(t *testing.T, text string, a, b, c, d int) {
		doc, pr := ProjectSpans(RawDoc{Text: text, Spans: []CharSpan{{a, b, "X"}, {c, d, "Y"}}}, "ru")
		if pr.Kept+pr.Nested+pr.Partial+pr.Crosses+pr.Invalid != pr.Spans {
			t.Errorf("projection does not add up: %+v", pr)
		}
		for _, s := range doc.Sents {
			if len(s.Tags) != len(s.Words) {
				t.Fatalf("%d tags for %d words", len(s.Tags), len(s.Words))
			}
		}
	})
}

func FuzzReadSmartData(f *testing.F) {
	f.Add(`{"id":"a","text":{"string":"Bonn"},"conceptMentions":{"array":[{"span":{"start":0,"end":4},"type":"location"}]}}`)
	f.Fuzz(func(t *testing.T, in string) {
		docs, err := ReadSmartData(strings.NewReader(in), "fuzz")
		if err != nil {
			return
		}
		for _, d := range docs {
			ProjectSpans(d, "de")
		}
	})
}

func FuzzReadBrat(f *testing.F) {
	f.Add("T1\tPERSON 0 9\tЗеленский\nT2\tCITY 3 5;7 9\tx\n")
	f.Fuzz(func(t *testing.T, in string) {
		spans, err := ReadBrat(strings.NewReader(in), "fuzz")
		if err != nil {
			return
		}
		for _, s := range spans {
			if s.Start < 0 || s.End < s.Start {
				t.Errorf("bad span %v", s)
			}
		}
	})
}

func FuzzReadSlavicNER(f *testing.F) {
	f.Add("0\t9\tЗеленский\tЗеленский\tPER\tPER-Zelensky\n")
	f.Fuzz(func(t *testing.T, in string) {
		spans, err := ReadSlavicNER(strings.NewReader(in), "fuzz")
		if err != nil {
			return
		}
		for _, s := range spans {
			if s.Start < 0 || s.End <= s.Start {
				t.Errorf("bad span %v", s)
			}
		}
	})
}

func FuzzReadFactRu(f *testing.F) {
	f.Add("1 name 0 6 1 1  # 1 Сергей\n2 surname 7 7 2 1\n", "1 Person 1 2 # Сергей Собянин\n")
	f.Fuzz(func(t *testing.T, spans, objects string) {
		out, err := ReadFactRu(strings.NewReader(spans), strings.NewReader(objects), "fuzz")
		if err != nil {
			return
		}
		for _, s := range out {
			if s.Start < 0 || s.End <= s.Start {
				t.Errorf("bad span %v", s)
			}
		}
	})
}

func FuzzReadSequoia(f *testing.F) {
	f.Add("# sent_id = a_1\n1\tParis\t_\tPROPN\t_\t_\t0\troot\t_\t_\t*\t*\t1:LOC\n2\tSud\t_\tPROPN\t_\t_\t1\tflat\t_\t_\t*\t*\t1\n")
	f.Fuzz(func(t *testing.T, in string) {
		docs, err := ReadSequoia(strings.NewReader(in), "fuzz", 20)
		if err != nil {
			return
		}
		for _, d := range docs {
			for _, s := range d.Sents {
				if len(s.Tags) != len(s.Words) {
					t.Fatalf("%d tags for %d words", len(s.Tags), len(s.Words))
				}
			}
		}
	})
}

func FuzzReadNKJP(f *testing.F) {
	f.Add("-DOCSTART FILE a\nJan\tJan\tsubst\tB-persName#B-persName-forename\nKowalski\tKowalski\tsubst\tI-persName\n")
	f.Fuzz(func(t *testing.T, in string) {
		docs, err := ReadNKJP(strings.NewReader(in), "fuzz")
		if err != nil {
			return
		}
		for _, d := range docs {
			for _, s := range d.Sents {
				if len(s.Tags) != len(s.Words) {
					t.Fatalf("%d tags for %d words", len(s.Tags), len(s.Words))
				}
			}
		}
	})
}
