package source

import (
	"strings"
	"testing"
)

// TestLanguageLine checks that the tagged form's language line is read in
// English and in the language's own name (from CLDR, langnames.tsv) for
// every language with a language pack, whatever the letter case or Unicode
// normal form.
func TestLanguageLine(t *testing.T) {
	tests := []struct {
		line, want string
	}{
		{"English", "en"},
		{"German", "de"}, {"Deutsch", "de"}, {"DEUTSCH", "de"},
		{"French", "fr"}, {"Français", "fr"}, {"français", "fr"}, {"Franc\u0327ais", "fr"},
		{"Spanish", "es"}, {"Español", "es"}, {"Castellano", "es"},
		{"Russian", "ru"}, {"Русский", "ru"}, {"русский", "ru"},
		{"Ukrainian", "uk"}, {"Українська", "uk"}, {"УКРАЇНСЬКА", "uk"},
		{"Italian", "it"}, {"Italiano", "it"},
		{"Polish", "pl"}, {"Polski", "pl"},
		{"  Polski  ", "pl"},
		// not language names: the input is plain text
		{"Klingon", ""}, {"Deutschland", ""}, {"Russia", ""}, {"Polska", ""},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			a := readText(tt.line + "\n\nTitel\n\nBildunterschrift.\n\nErster Absatz.\n\nZweiter Absatz.")
			if a.Lang != tt.want {
				t.Errorf("language line %q: lang %q, want %q", tt.line, a.Lang, tt.want)
			}
			if tt.want != "" && (a.Title != "Titel" || a.Caption != "Bildunterschrift.") {
				t.Errorf("language line %q: title %q caption %q", tt.line, a.Title, a.Caption)
			}
			if tt.want == "" && a.Title != strings.TrimSpace(tt.line) {
				t.Errorf("plain %q: title %q", tt.line, a.Title)
			}
		})
	}
}
