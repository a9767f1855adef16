package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRun writes the gazetteer of a language from a small CLDR tree written
// here: countries (x/text and the XML), a city and a region.
func TestRun(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, body string) {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("main/en.xml", `<ldml><localeDisplayNames><territories><territory type="150">Europe</territory></territories></localeDisplayNames>
<dates><timeZoneNames><zone type="Europe/Kiev"><exemplarCity>Kyiv</exemplarCity></zone></timeZoneNames></dates></ldml>`)
	write("main/uk.xml", `<ldml><localeDisplayNames><territories><territory type="BE">Бельгія</territory><territory type="US" alt="short">США</territory><territory type="150">Європа</territory></territories></localeDisplayNames>
<dates><timeZoneNames><zone type="Europe/Kiev"><exemplarCity>Київ</exemplarCity></zone><zone type="Europe/Moscow"><exemplarCity>Москва</exemplarCity></zone></timeZoneNames></dates></ldml>`)
	for _, iso := range []string{"de", "fr", "ru"} {
		write("main/"+iso+".xml", `<ldml><dates><timeZoneNames><zone type="Europe/Moscow"><exemplarCity>M</exemplarCity></zone></timeZoneNames></dates></ldml>`)
	}
	write("subdivisions/en.xml", `<ldml><localeDisplayNames><subdivisions><subdivision type="gbsct">Scotland</subdivision><subdivision type="ua14">Donechchyna</subdivision></subdivisions></localeDisplayNames></ldml>`)
	write("subdivisions/uk.xml", `<ldml><localeDisplayNames><subdivisions><subdivision type="gbsct">Шотландія</subdivision><subdivision type="ua14">Донецька область</subdivision></subdivisions></localeDisplayNames></ldml>`)
	out := t.TempDir()
	if err := os.MkdirAll(filepath.Join(out, "uk"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := run(dir, out, []string{"uk"}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(out, "uk", "places.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	got := string(b)
	for _, want := range []string{"Бельгія\tBelgium\tcountry", "США\tUnited States\tcountry", "Київ\tKyiv\tcity",
		"Москва\tMoscow\tcity", "Шотландія\tScotland\tregion", "Європа\tEurope\tarea"} {
		if !strings.Contains(got, want+"\n") {
			t.Errorf("places.tsv lacks %q", want)
		}
	}
	if strings.Contains(got, "Donechchyna") {
		t.Errorf("a colloquial English region name was kept")
	}
	if err := run(filepath.Join(dir, "missing"), out, []string{"uk"}); err == nil {
		t.Errorf("a missing CLDR tree gave no error")
	}
}
