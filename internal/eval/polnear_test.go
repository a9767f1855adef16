package eval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/doc"
)

func TestReadBrat(t *testing.T) {
	spans, atts, err := readBrat(filepath.Join("testdata", "polnear", "attributions", "sample_ab12.ann"))
	if err != nil {
		t.Fatal(err)
	}
	if len(atts) != 1 || atts[0].content != "T3" || atts[0].source != "T1" || atts[0].cue != "T2" {
		t.Fatalf("attributions = %+v", atts)
	}
	if s := spans["T3"]; s.typ != "Content" || len(s.ranges) != 1 || !hasDoubleQuote(s.text) {
		t.Errorf("T3 = %+v", s)
	}
}

func TestAlignText(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "polnear", "text", "sample.txt"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := doc.New(doc.Article{Body: string(raw)})
	if err != nil {
		t.Fatal(err)
	}
	al := alignText(string(raw), d.Text)
	rs := []rune(string(raw))
	for _, want := range []string{"Dana Whitlow", "We will not give in.", "She left."} {
		i := strings.Index(string(raw), want)
		cp := len([]rune(string(raw)[:i]))
		got := d.Text[al[cp]:al[cp+len([]rune(want))]]
		if got != want {
			t.Errorf("aligned %q = %q (raw %q)", want, got, string(rs[cp:cp+len([]rune(want))]))
		}
	}
}

func TestSourceKind(t *testing.T) {
	tests := map[string]string{
		"he": "pronoun", "She": "pronoun", "The Vermont senator": "named", "a source": "description",
		"Donald Trump": "named", "the mayor": "description", "The New York Post": "named",
	}
	for s, want := range tests {
		if got := sourceKind(s); got != want {
			t.Errorf("sourceKind(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestSpeakerMatches(t *testing.T) {
	d := &doc.Doc{Text: "Mayor Dana Whitlow said so. The mayor left.", Entities: []doc.Entity{
		{ID: "e1", Name: "Dana Whitlow", Type: "PERSON", Mentions: []doc.Span{{Start: 6, End: 18}}},
	}}
	tests := []struct {
		src  doc.Span
		text string
		want bool
	}{
		{doc.Span{Start: 0, End: 18}, "Mayor Dana Whitlow", true},  // overlapping mention
		{doc.Span{Start: 28, End: 37}, "The mayor", false},         // no mention there, no name
		{doc.Span{Start: 100, End: 110}, "Whitlow's office", true}, // shares a name word
		{doc.Span{Start: 100, End: 110}, "Senator Jones", false},   // another name
	}
	for _, tt := range tests {
		if got := speakerMatches(d, "e1", []doc.Span{tt.src}, tt.text); got != tt.want {
			t.Errorf("speakerMatches(%q) = %v", tt.text, got)
		}
	}
}

// TestPolNeARSample runs the whole pipeline over the written sample; it is
// skipped while the default pipeline cannot be built (no trained model).
func TestPolNeARSample(t *testing.T) {
	var b strings.Builder
	res, err := PolNeAR(filepath.Join("testdata", "polnear"), &b)
	if err != nil {
		if strings.Contains(err.Error(), "model") || strings.Contains(err.Error(), "needs") {
			t.Skipf("default pipeline not available: %v", err)
		}
		t.Fatal(err)
	}
	if len(res.Failed) > 0 && strings.Contains(res.Failed[0], "model") {
		t.Skipf("default pipeline not available: %v", res.Failed)
	}
	if res.Found.Total != 1 || res.Found.Found != 1 {
		t.Errorf("found = %v\n%s", res.Found, b.String())
	}
	if res.Speaker.Total != 1 {
		t.Errorf("speaker = %v\n%s", res.Speaker, b.String())
	}
}
