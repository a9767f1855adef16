package event

import (
	"strings"
	"testing"
)

// TestImplicitActors checks metonyms, "the government" and implicit pairs
// on sentences written for the test.
func TestImplicitActors(t *testing.T) {
	tests := []struct {
		name string
		text string
		ents map[string]string
		want string // "TYPE src>tgt" of one expected event
		not  string // a substring no event line may contain
	}{
		{
			name: "capital acts for its country",
			text: "Russia and Ukraine traded accusations on Monday. Moscow warned Kyiv against any attack.",
			ents: map[string]string{"Russia": "GPE", "Ukraine": "GPE", "Moscow": "GPE", "Kyiv": "GPE"},
			want: "THREATEN Russia>Ukraine",
		},
		{
			name: "capital after a preposition stays a place",
			text: "Ukraine and Russia met for talks. Officials of Ukraine criticised the plan in Moscow.",
			ents: map[string]string{"Russia": "GPE", "Ukraine": "GPE", "Moscow": "GPE"},
			not:  ">Russia",
		},
		{
			name: "seat of government",
			text: "Russia expelled two diplomats. The Kremlin condemned Britain on Tuesday.",
			ents: map[string]string{"Russia": "GPE", "Britain": "GPE"},
			want: "ACCUSE Russia>Britain",
		},
		{
			name: "the two leaders after a sentence naming both",
			text: "John Smith flew to Ruritania to see Anna Berg. The two leaders met on Friday.",
			ents: map[string]string{"John Smith": "PERSON", "Anna Berg": "PERSON", "Ruritania": "GPE"},
			want: "CONSULT Anna Berg,John Smith>",
		},
		{
			name: "both countries",
			text: "France and Germany signed a treaty. Both countries condemned Ruritania.",
			ents: map[string]string{"France": "GPE", "Germany": "GPE", "Ruritania": "GPE"},
			want: "ACCUSE France,Germany>Ruritania",
		},
		{
			name: "the two sides needs exactly two actors",
			text: "France, Germany and Italy argued. The two sides condemned Ruritania.",
			ents: map[string]string{"France": "GPE", "Germany": "GPE", "Italy": "GPE", "Ruritania": "GPE"},
			not:  "France,Germany>",
		},
		{
			name: "building where an act happens is not its recipient",
			text: "John Smith signed the treaty at Carlton Hall.",
			ents: map[string]string{"John Smith": "PERSON", "Carlton Hall": "FAC"},
			not:  ">Carlton Hall",
		},
		{
			name: "place of an attack is its target",
			text: "Freedonia shelled positions in Ruritania.",
			ents: map[string]string{"Freedonia": "GPE", "Ruritania": "GPE"},
			want: "ASSAULT Freedonia>Ruritania",
		},
		{
			name: "a country's titled official acts",
			text: "Ruritania's foreign minister Anna Berg, speaking on Monday, warned Freedonia.",
			ents: map[string]string{"Ruritania": "GPE", "Anna Berg": "PERSON", "Freedonia": "GPE"},
			want: "THREATEN Anna Berg>Freedonia",
		},
		{
			name: "a name before an ally does not act",
			text: "A close Smith ally rejected the budget of Freedonia.",
			ents: map[string]string{"Smith": "PERSON", "Freedonia": "GPE"},
			not:  "Smith>",
		},
		{
			name: "a conditional clause ends the recipient",
			text: "John Smith would not apologise even if Anna Berg asked.",
			ents: map[string]string{"John Smith": "PERSON", "Anna Berg": "PERSON"},
			not:  ">Anna Berg",
		},
		{
			name: "a threat's condition names its target",
			text: "Freedonia threatened to leave unless Ruritania paid.",
			ents: map[string]string{"Freedonia": "GPE", "Ruritania": "GPE"},
			want: "THREATEN Freedonia>Ruritania",
		},
		{
			name: "calls rejected are not the rejecter's",
			text: "John Smith rejected calls for a ban on Freedonia.",
			ents: map[string]string{"John Smith": "PERSON", "Freedonia": "GPE"},
			not:  "REQUEST John Smith",
		},
		{
			name: "a question is not an event",
			text: "John Smith was asked if he would welcome Freedonia.",
			ents: map[string]string{"John Smith": "PERSON", "Freedonia": "GPE"},
			not:  "SUPPORT",
		},
		{
			name: "promises after a participle are a noun",
			text: "Freedonia had broken promises to Ruritania.",
			ents: map[string]string{"Freedonia": "GPE", "Ruritania": "GPE"},
			not:  "AGREE",
		},
		{
			name: "the government of the only country named",
			text: "France voted on Sunday. France was divided. Anna Berg criticised the government.",
			ents: map[string]string{"France": "GPE", "Anna Berg": "PERSON"},
			want: "ACCUSE Anna Berg>France",
		},
		{
			name: "the government stays unresolved with two countries",
			text: "France and Spain voted on Sunday. France was divided. Anna Berg criticised the government.",
			ents: map[string]string{"France": "GPE", "Spain": "GPE", "Anna Berg": "PERSON"},
			not:  "Anna Berg>France",
		},
		{
			name: "the object of a relative clause does not act",
			text: "Two councillors who back John Smith met Anna Berg on Tuesday.",
			ents: map[string]string{"John Smith": "PERSON", "Anna Berg": "PERSON"},
			not:  "John Smith>",
		},
		{
			name: "a question with why is not an event",
			text: "John Smith asked why Freedonia criticised Ruritania.",
			ents: map[string]string{"John Smith": "PERSON", "Freedonia": "GPE", "Ruritania": "GPE"},
			not:  "ACCUSE",
		},
		{
			name: "a country inside what is denied is not the recipient",
			text: "John Smith denied the decision would send a signal to Freedonia.",
			ents: map[string]string{"John Smith": "PERSON", "Freedonia": "GPE"},
			not:  ">Freedonia",
		},
		{
			name: "what is demanded names the recipient",
			text: "John Smith demanded that Freedonia withdraw.",
			ents: map[string]string{"John Smith": "PERSON", "Freedonia": "GPE"},
			want: "REQUEST John Smith>Freedonia",
		},
		{
			name: "a capital before a noun is a place",
			text: "Russia and Ukraine spoke. The Moscow bombings shocked Ukraine.",
			ents: map[string]string{"Russia": "GPE", "Ukraine": "GPE", "Moscow": "GPE"},
			not:  "Russia>",
		},
		{
			name: "a described subject before a modal is not the speaker",
			text: "John Smith says the mayor should apologise.",
			ents: map[string]string{"John Smith": "PERSON"},
			not:  "John Smith>",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := codeText(t, tt.text, tt.ents)
			if tt.want != "" && !strings.Contains(got, tt.want) {
				t.Errorf("want %q in\n%s", tt.want, got)
			}
			if tt.not != "" && strings.Contains(got, tt.not) {
				t.Errorf("want no %q in\n%s", tt.not, got)
			}
		})
	}
}

// codeText codes a text with the given entities and returns one line per
// event: "TYPE source,source>target,target".
func codeText(t *testing.T, text string, ents map[string]string) string {
	t.Helper()
	d := build(t, text, ents, nil)
	c := &Coder{cfg: Config{MaxTargetDistance: 12}}
	if err := c.Process(d); err != nil {
		t.Fatal(err)
	}
	name := func(ids []string) string {
		var ns []string
		for _, id := range ids {
			for _, e := range d.Entities {
				if e.ID == id {
					ns = append(ns, e.Name)
				}
			}
		}
		return strings.Join(sortStrings(ns), ",")
	}
	var b strings.Builder
	for _, e := range d.Events {
		b.WriteString(e.Type + " " + name(e.Source) + ">" + name(e.Target) + "\n")
	}
	return b.String()
}
