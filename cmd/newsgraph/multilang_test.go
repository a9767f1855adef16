package main

import (
	"strings"
	"testing"
)

// TestExtractRussianExample checks the README's example in another language
// (examples/article-ru.txt, written for this repository): the entities are
// named in the nominative with their English names where known, the quote
// opened by a dash is attributed, and dates and amounts are resolved against
// the publication date.
func TestExtractRussianExample(t *testing.T) {
	code, out, errOut := runCmd(t, "", "extract", "--published", "2025-02-11", "../../examples/article-ru.txt")
	if code != exitOK {
		t.Fatalf("extract: code %d: %s", code, errOut)
	}
	docs := decodeDocs(t, out)
	if len(docs) != 1 {
		t.Fatalf("%d documents, want 1", len(docs))
	}
	d := docs[0]
	if d.Lang != "ru" {
		t.Errorf("lang %q, want ru", d.Lang)
	}
	english := map[string]string{}
	byID := map[string]string{}
	for _, e := range d.Entities {
		english[e.Name] = e.NameEN
		byID[e.ID] = e.Name
	}
	for name, en := range map[string]string{
		"Владимир Зеленский": "Volodymyr Zelensky", // joined over Зеленский and the pronoun
		"Владимир Путин":     "Vladimir Putin",     // read as the nominative from "Владимиром Путиным"
		"Украина":            "Ukraine",            // from "Украины"
	} {
		got, ok := english[name]
		if !ok {
			t.Errorf("no entity %q (have %v)", name, english)
		} else if got != en {
			t.Errorf("%s: name_en %q, want %q", name, got, en)
		}
	}
	quoted := false
	for _, q := range d.Quotes {
		if strings.HasPrefix(q.Text, "Нам нужны") {
			quoted = true
			if q.Speaker == nil || byID[*q.Speaker] != "Владимир Зеленский" {
				t.Errorf("quote %q attributed to %v, want Владимир Зеленский", q.Text, q.SpeakerName)
			}
		}
	}
	if !quoted {
		t.Error("the dash-attributed quote was not found")
	}
	dates := map[string]string{}
	for _, x := range d.Dates {
		if x.Value != nil {
			dates[x.Text] = *x.Value
		}
	}
	for text, want := range map[string]string{"пятницу": "2025-02-14", "понедельник": "2025-02-10"} {
		if dates[text] != want {
			t.Errorf("date %q = %q, want %s (have %v)", text, dates[text], want, dates)
		}
	}
	found := false
	for _, a := range d.Amounts {
		if a.Value != nil && *a.Value == 5e11 && a.Unit == "USD" {
			found = true
		}
	}
	if !found {
		t.Errorf("500 млрд долларов not read as 5e11 USD: %+v", d.Amounts)
	}
	phone := false
	for _, e := range d.Events {
		if e.Type == "CONSULT" && e.Mode != nil && *e.Mode == "phone" {
			phone = true
		}
	}
	if !phone {
		t.Error("the phone call is not coded as CONSULT/phone")
	}
}
