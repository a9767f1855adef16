package ner_test

import (
	"fmt"
	"strings"

	"github.com/newsgraph/newsgraph/internal/ner"
)

// Tag one sentence with the embedded OntoNotes model and print its entities.
func ExampleModel_TagDocument() {
	m, err := ner.Load("ontonotes")
	if err != nil {
		fmt.Println(err)
		return
	}
	words := strings.Fields("Tulsi Gabbard told the Senate on Tuesday that Russia had moved 3,000 troops .")
	d := ner.Document{Sents: []ner.Sentence{{Words: words}}}
	m.TagDocument(&d)
	for _, sp := range ner.Spans(d.Sents[0].Tags) {
		fmt.Println(sp.Type, strings.Join(words[sp.Start:sp.End], " "))
	}
	// Output:
	// PERSON Tulsi Gabbard
	// ORG Senate
	// DATE Tuesday
	// GPE Russia
	// CARDINAL 3,000
}
