package ner

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/doc"
)

var update = flag.Bool("update", false, "record the measured dev F1 in testdata/quality.json")

// evalSets are the dev sets each model is guarded on.
var evalSets = map[string][]string{
	"ontonotes": {"ontonotes", "uner"},
	"conll":     {"conll", "uner"},
}

// TestQuality evaluates the embedded models on the dev sets and fails when
// F1 drops more than 0.005 below the figure recorded in testdata/quality.json.
func TestQuality(t *testing.T) {
	data := sharedData(t)
	const path = "testdata/quality.json"
	recorded := map[string]map[string]float64{}
	if raw, err := os.ReadFile(path); err == nil {
		if err := json.Unmarshal(raw, &recorded); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	} else if !*update {
		t.Fatal(err)
	}
	measured := map[string]map[string]float64{}
	for _, name := range ModelNames {
		if len(evalSets[name]) == 0 {
			continue // the language models are guarded by TestQualityLang
		}
		m, err := Load(name)
		if err != nil {
			t.Fatalf("model %s: %v", name, err)
		}
		measured[name] = map[string]float64{}
		for _, set := range evalSets[name] {
			c := Corpora[set]
			docs, err := ReadFile(filepath.Join(data, c.Dev), c.Format)
			if err != nil {
				t.Fatal(err)
			}
			c.SetGenre(docs)
			sc := NewScore()
			var mapType func(string) string
			if set == "uner" {
				mapType = UNERType
			}
			for i := range docs {
				gold := make([][]string, len(docs[i].Sents))
				for j, s := range docs[i].Sents {
					gold[j] = s.Tags
				}
				m.TagDocument(&docs[i])
				for j, s := range docs[i].Sents {
					sc.Add(gold[j], s.Tags, mapType)
				}
			}
			f1 := sc.All.F1()
			measured[name][set] = f1
			t.Logf("%s on %s dev: F1 %.4f", name, set, f1)
			if want, ok := recorded[name][set]; ok && !*update && f1 < want-0.005 {
				t.Errorf("%s on %s dev: F1 %.4f, recorded %.4f", name, set, f1, want)
			}
		}
	}
	if *update {
		out, _ := json.MarshalIndent(measured, "", "  ")
		if err := os.WriteFile(path, append(out, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestUnseenNames checks, on sentences written for this test about current
// events, that names absent from the 1990s–2000s training data are found
// from their context.
func TestUnseenNames(t *testing.T) {
	m, err := Load("ontonotes")
	if err != nil {
		t.Fatal(err)
	}
	nameTypes := map[string]bool{"PERSON": true, "ORG": true, "GPE": true, "LOC": true, "FAC": true, "EVENT": true, "NORP": true, "WORK_OF_ART": true}
	tests := []struct {
		sent  string
		name  string
		types string // accepted types
	}{
		{"Estonian Prime Minister Kaja Kallas said on Tuesday that Europe must keep supporting Ukraine .", "Kaja Kallas", "PERSON"},
		// a surname alone, after the full name earlier in the same document
		{"Kaja Kallas arrived in Brussels on Monday . | Kallas , who became the EU 's top diplomat , urged member states to agree on new sanctions .", "Kallas", "PERSON"},
		{"Andriy Yermak , the head of the Ukrainian presidential office , met American officials in Geneva .", "Andriy Yermak", "PERSON"},
		{"Ukraine's delegation was led by Andriy Yermak , who spoke to reporters after the talks .", "Andriy Yermak", "PERSON"},
		{"Tulsi Gabbard , the director of national intelligence , told senators that the threat had grown .", "Tulsi Gabbard", "PERSON"},
		{"Analysts at the Quincy Institute argued that the sanctions had failed to change Moscow's course .", "Quincy Institute", "ORG"},
		{"Defence ministers from across Asia gathered in Singapore for the Shangri-La Dialogue , an annual security forum .", "Shangri-La Dialogue", "EVENT ORG FAC WORK_OF_ART"},
	}
	for _, tt := range tests {
		// sentences of one document are separated by "|"; the name is
		// looked for in the last one
		var d Document
		for _, s := range strings.Split(tt.sent, "|") {
			d.Sents = append(d.Sents, Sentence{Words: strings.Fields(s)})
		}
		m.TagDocument(&d)
		last := d.Sents[len(d.Sents)-1]
		words := last.Words
		var found []string
		ok := false
		for _, sp := range Spans(last.Tags) {
			text := strings.Join(words[sp.Start:sp.End], " ")
			found = append(found, text+"/"+sp.Type)
			if strings.TrimPrefix(text, "the ") == tt.name && nameTypes[sp.Type] && strings.Contains(tt.types, sp.Type) {
				ok = true
			}
		}
		if !ok {
			t.Errorf("%q: want %s as %s, found %v", tt.sent, tt.name, tt.types, found)
		}
	}
}

// TestComponent runs the pipeline component on a document whose tokens and
// sentences are built here (one token per space-separated word). The
// all-caps headline is tagged after the body, whose names inform it.
func TestComponent(t *testing.T) {
	d, err := doc.New(doc.Article{
		Title: "KALLAS WARNS OF LONG WAR",
		Body:  "Estonian Prime Minister Kaja Kallas said on Monday that NATO must spend more .\n\nShe spoke in Tallinn .",
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range d.Paragraphs {
		first := len(d.Tokens)
		off := p.Start
		for _, w := range strings.Fields(d.Slice(p)) {
			i := strings.Index(d.Text[off:], w) + off
			d.Tokens = append(d.Tokens, doc.Token{Span: doc.Span{Start: i, End: i + len(w)}})
			off = i + len(w)
		}
		d.Sentences = append(d.Sentences, doc.Sentence{Span: p, First: first, EndTok: len(d.Tokens)})
	}
	c := &Component{model: "ontonotes"}
	if err := c.Process(d); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, m := range d.Mentions {
		got[d.Slice(m.Span)] = m.Type
		if d.Tokens[m.Tok].Start != m.Start || d.Tokens[m.EndTok-1].End != m.End {
			t.Errorf("mention %q: token range %d-%d does not match its span", d.Slice(m.Span), m.Tok, m.EndTok)
		}
	}
	for name, typ := range map[string]string{"Kaja Kallas": "PERSON", "NATO": "ORG", "Tallinn": "GPE", "Monday": "DATE", "Estonian": "NORP", "KALLAS": "PERSON"} {
		if got[name] != typ {
			t.Errorf("%s: got type %q, want %s (all: %v)", name, got[name], typ, got)
		}
	}
}
