package main

import (
	"strings"
	"testing"
)

// A small TABARI actors file in the Phoenix layout, written for the test.
const phoenixSample = `# comment
RUSSIAN_FEDERATION_  [RUS]
+RUSSIA_
+MOSCOW_
+SAINT_PETERSBURG_

UNITED_STATES_OF_AMERICA_  [USA]
+WASHINGTON_D.C._
+WASHINGTON_  # the state too
+US_
+NEW_YORK_

KREMLIN_
+RUSSIAN_WHITE_HOUSE
	[RUSGOV]

OLD_MINISTER_
	[RUSGOV 990101-001231]

BARACK_OBAMA_
	[USAGOV]

IVAN_PETROV_  # CountryInfo.txt
	[RUSGOV]
`

const placesSample = "Russia\tRussia\tcountry\nMoscow\tMoscow\tcity\nSaint Petersburg\tSaint Petersburg\tregion\n" +
	"Washington\tWashington\tregion\nNew York\tNew York\tcity\nUS\tUnited States\tcountry\n"

func TestMetonyms(t *testing.T) {
	groups, err := readGroups(strings.NewReader(phoenixSample))
	if err != nil {
		t.Fatal(err)
	}
	places, countries, err := readPlaces(strings.NewReader(placesSample))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range metonyms(groups, places, countries, map[string]bool{"barack": true}) {
		got[r[0]] = r[1] + "/" + r[2]
	}
	tests := []struct{ name, want string }{
		{"moscow", "Russia/capital"},
		{"washington", "United States/capital"},
		{"us", "United States/country"},
		{"russia", "Russia/country"},
		{"kremlin", "Russia/government"},
		{"russian white house", "Russia/government"},
		{"saint petersburg", ""},
		{"new york", ""},
		{"old minister", ""},
		{"barack obama", ""},
		{"ivan petrov", ""},
	}
	for _, tt := range tests {
		if got[tt.name] != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got[tt.name], tt.want)
		}
	}
}

func FuzzReadGroups(f *testing.F) {
	f.Add(phoenixSample)
	f.Add("X_ [ABC >990101]\n+Y\n\t[")
	f.Fuzz(func(t *testing.T, s string) {
		groups, err := readGroups(strings.NewReader(s))
		if err != nil {
			return
		}
		places, countries, _ := readPlaces(strings.NewReader(s))
		_ = metonyms(groups, places, countries, map[string]bool{"barack": true})
	})
}
