package event

import (
	"bytes"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/doc"
)

func TestWriteTSV(t *testing.T) {
	pub, mode, loc := "2025-03-01", "visit", "e3"
	d := &doc.JSON{
		ID: "doc1", Published: &pub,
		Entities: []doc.JSONEntity{{ID: "e1", Name: "Rossi"}, {ID: "e2", Name: "Norland"}, {ID: "e3", Name: "Ostberg"}},
		Events: []doc.JSONEvent{
			{Type: "CONSULT", Mode: &mode, Source: []string{"e1"}, Target: []string{"e2"}, Location: &loc,
				Evidence: doc.JSONSpan{Text: "Rossi visited\tNorland\nin Ostberg."}},
			{Type: "REJECT", Source: []string{"e2", "e1"}, Negated: true, Hypothetical: true, Evidence: doc.JSONSpan{Text: "No."}},
		},
	}
	var b bytes.Buffer
	if err := WriteTSVHeader(&b); err != nil {
		t.Fatal(err)
	}
	if err := WriteTSV(&b, d); err != nil {
		t.Fatal(err)
	}
	want := strings.Join(TSVHeader, "\t") + "\n" +
		"doc1\t2025-03-01\t\tCONSULT\tvisit\te1\tRossi\te2\tNorland\te3\tOstberg\tfalse\tfalse\tRossi visited Norland in Ostberg.\n" +
		"doc1\t2025-03-01\t\tREJECT\t\te2;e1\tNorland;Rossi\t\t\t\t\ttrue\ttrue\tNo.\n"
	if b.String() != want {
		t.Errorf("got\n%q\nwant\n%q", b.String(), want)
	}
	for i, line := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
		if n := strings.Count(line, "\t") + 1; n != len(TSVHeader) {
			t.Errorf("line %d has %d columns, want %d", i, n, len(TSVHeader))
		}
	}
}
