package entity

import (
	"strings"
	"testing"
)

func TestJoin(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		mentions []string
		same     [][]string // texts that must be mentions of one entity
		distinct [][2]string
		names    map[string]string // mention text -> canonical name
		types    map[string]string
	}{
		{
			name:     "surname and honorific",
			text:     "Prime Minister Keir Starmer met voters. Mr Starmer said little. Starmer's aides smiled.",
			mentions: []string{"PERSON=Keir Starmer", "PERSON=Starmer"},
			same:     [][]string{{"Keir Starmer", "Mr Starmer", "Starmer"}},
			names:    map[string]string{"Mr Starmer": "Keir Starmer"},
		},
		{
			name:     "surname before the full name",
			text:     "Galloway attacks council. The MP George Galloway spoke on Monday.",
			mentions: []string{"PERSON=George Galloway", "GPE=Galloway"},
			same:     [][]string{{"Galloway", "George Galloway"}},
			types:    map[string]string{"Galloway": "PERSON"},
		},
		{
			name:     "two people with one surname",
			text:     "Hillary Clinton spoke. Bill Clinton listened. Clinton then left.",
			mentions: []string{"PERSON=Hillary Clinton", "PERSON=Bill Clinton", "PERSON=Clinton"},
			distinct: [][2]string{{"Hillary Clinton", "Bill Clinton"}},
			same:     [][]string{{"Bill Clinton", "Clinton"}},
		},
		{
			name:     "first name with Sir",
			text:     "Sir Edward Heath resigned. Sir Edward later spoke.",
			mentions: []string{"PERSON=Edward Heath", "PERSON=Edward"},
			same:     [][]string{{"Sir Edward Heath", "Sir Edward"}},
		},
		{
			name:     "acronym and expansion",
			text:     "The European Union met. The EU said no. The International Olympic Committee (IOC) agreed.",
			mentions: []string{"ORG=European Union", "ORG=EU", "ORG=International Olympic Committee", "ORG=IOC"},
			same:     [][]string{{"European Union", "EU"}, {"International Olympic Committee", "IOC"}},
			names:    map[string]string{"EU": "European Union"},
		},
		{
			name:     "short organisation name",
			text:     "Amnesty International protested. Amnesty said it was shocked.",
			mentions: []string{"ORG=Amnesty International", "ORG=Amnesty"},
			same:     [][]string{{"Amnesty International", "Amnesty"}},
		},
		{
			name:     "hyphenated compound",
			text:     "Emmanuel Macron and Friedrich Merz met. A Macron-Merz meeting followed.",
			mentions: []string{"PERSON=Emmanuel Macron", "PERSON=Friedrich Merz", "NORP=Macron-Merz"},
			same:     [][]string{{"Emmanuel Macron", "Macron"}, {"Friedrich Merz", "Merz"}},
		},
		{
			name:  "honorific without recognizer",
			text:  "The talks failed. Mr Okonkwo blamed the weather.",
			same:  [][]string{{"Mr Okonkwo"}},
			types: map[string]string{"Mr Okonkwo": "PERSON"},
			names: map[string]string{"Mr Okonkwo": "Okonkwo"},
		},
		{
			name:     "untagged repetitions",
			text:     "Dana Whitlow spoke. Later Whitlow left, and the Arden Herald said Arden Herald staff agreed.",
			mentions: []string{"PERSON=Dana Whitlow", "ORG=Arden Herald"},
			same:     [][]string{{"Dana Whitlow", "Whitlow"}},
		},
		{
			name:     "role word at the end of a party span",
			text:     "Labour MP Roger Okafor spoke for Labour.",
			mentions: []string{"ORG=Labour MP", "PERSON=Roger Okafor", "ORG=Labour"},
			same:     [][]string{{"Labour"}},
			names:    map[string]string{"Labour": "Labour"},
		},
		{
			name:     "span across a bracket",
			text:     "The IOC (International Olympic Committee) met.",
			mentions: []string{"ORG=IOC (International Olympic Committee"},
			same:     [][]string{{"IOC", "International Olympic Committee"}},
		},
		{
			name:     "name cut short on the left",
			text:     "The Liberal Democrat spokesman and Lord Arden spoke.",
			mentions: []string{"NORP=Democrat", "ORG=Arden"},
			same:     [][]string{{"Liberal Democrat"}},
			types:    map[string]string{"Lord Arden": "PERSON"},
		},
		{
			name:     "place tag before an organisation tag",
			text:     "The UK Independence Party said no.",
			mentions: []string{"GPE=UK", "ORG=Independence Party"},
			names:    map[string]string{"UK Independence Party": "UK Independence Party"},
		},
		{
			name:     "role inside an organisation span",
			text:     "The editor, Liberal MP Martin Okafor, spoke.",
			mentions: []string{"ORG=Liberal MP Martin Okafor"},
			types:    map[string]string{"Martin Okafor": "PERSON", "Liberal": "ORG"},
			names:    map[string]string{"Martin Okafor": "Martin Okafor"},
		},
		{
			name:     "untagged party before a role or name",
			text:     "The Tory health spokesman agreed. Later Conservative Dana Whitlow spoke. Labour lost.",
			mentions: []string{"PERSON=Dana Whitlow"},
			types:    map[string]string{"Tory": "ORG", "Conservative": "ORG"},
		},
		{
			name:  "untagged organisation run",
			text:  "The Appeal Board of Arden ruled. The Harbour Lords met.",
			types: map[string]string{"Appeal Board of Arden": "ORG", "Harbour Lords": "ORG"},
		},
		{
			name:     "organisation continued over of",
			text:     "The Board of Governors of Arden Schools said no.",
			mentions: []string{"ORG=Board of Governors", "ORG=Arden Schools"},
			names:    map[string]string{"Board of Governors of Arden Schools": "Board of Governors of Arden Schools"},
		},
		{
			name:     "majority type",
			text:     "Dana Whitlow arrived. Whitlow spoke. Whitlow left.",
			mentions: []string{"PERSON=Dana Whitlow", "GPE=Whitlow"},
			types:    map[string]string{"Dana Whitlow": "PERSON"},
			same:     [][]string{{"Dana Whitlow", "Whitlow"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := makeDoc(t, tt.text, tt.mentions...)
			if err := New().Process(d); err != nil {
				t.Fatal(err)
			}
			for _, grp := range tt.same {
				e := entityOf(d, grp[0])
				if e == nil {
					t.Fatalf("no entity for %q; entities %+v", grp[0], d.Entities)
				}
				for _, s := range grp[1:] {
					if o := entityOf(d, s); o == nil || o.ID != e.ID {
						t.Errorf("%q and %q not joined; entities %+v", grp[0], s, d.Entities)
					}
				}
			}
			for _, p := range tt.distinct {
				a, b := entityOf(d, p[0]), entityOf(d, p[1])
				if a == nil || b == nil || a.ID == b.ID {
					t.Errorf("%q and %q should be distinct entities", p[0], p[1])
				}
			}
			for s, want := range tt.names {
				if e := entityOf(d, s); e == nil || e.Name != want {
					t.Errorf("name of %q = %v, want %q", s, e, want)
				}
			}
			for s, want := range tt.types {
				if e := entityOf(d, s); e == nil || e.Type != want {
					t.Errorf("type of %q = %v, want %q", s, e, want)
				}
			}
		})
	}
}

func TestRoles(t *testing.T) {
	tests := []struct {
		text     string
		mentions []string
		person   string
		want     []string
	}{
		{"NATO Secretary-General Mark Rutte arrived.", []string{"ORG=NATO", "PERSON=Mark Rutte"}, "Mark Rutte", []string{"NATO Secretary-General"}},
		{"Germany's Chancellor Friedrich Merz spoke.", []string{"GPE=Germany", "PERSON=Friedrich Merz"}, "Friedrich Merz", []string{"Germany's Chancellor"}},
		{"It was former Prime Minister Boris Johnson who spoke.", []string{"PERSON=Boris Johnson"}, "Boris Johnson", []string{"former Prime Minister"}},
		{"EU foreign policy chief Kaja Kallas said so.", []string{"ORG=EU", "PERSON=Kaja Kallas"}, "Kaja Kallas", []string{"EU foreign policy chief"}},
		{"Tory leader Michael Howard agreed.", []string{"NORP=Tory", "PERSON=Michael Howard"}, "Michael Howard", []string{"Tory leader"}},
		{"Andriy Yermak, the head of the presidential office, flew in.", []string{"PERSON=Andriy Yermak"}, "Andriy Yermak", []string{"head of the presidential office"}},
		{"It was run by the magazine's editor, Conservative MP Boris Johnson.", []string{"NORP=Conservative", "PERSON=Boris Johnson"}, "Boris Johnson", []string{"Conservative MP", "editor"}},
		{"Dana Whitlow was later named a senior adviser at the Atlantic Council.", []string{"PERSON=Dana Whitlow", "ORG=the Atlantic Council"}, "Dana Whitlow", []string{"senior adviser at the Atlantic Council"}},
		{"Earlier Conservative Graham Brady spoke.", []string{"NORP=Conservative", "PERSON=Graham Brady"}, "Graham Brady", nil},
		{"His predecessor as Cabinet Secretary, Lord Armstrong, agreed.", []string{"PERSON=Armstrong"}, "Lord Armstrong", []string{"Cabinet Secretary"}},
		{"Tory leader Dana Whitlow agreed.", []string{"PERSON=Dana Whitlow"}, "Dana Whitlow", []string{"Tory leader"}},
		{"On Monday Foreign Secretary Dana Whitlow agreed.", []string{"DATE=Monday", "PERSON=Dana Whitlow"}, "Dana Whitlow", []string{"Foreign Secretary"}},
		{"Secretary of State John Kerry left.", []string{"PERSON=John Kerry"}, "John Kerry", []string{"Secretary of State"}},
		{"Shadow Europe minister Mr Brady said no.", []string{"LOC=Europe", "PERSON=Brady"}, "Mr Brady", []string{"Shadow Europe minister"}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			d := makeDoc(t, tt.text, tt.mentions...)
			if err := New().Process(d); err != nil {
				t.Fatal(err)
			}
			e := entityOf(d, tt.person)
			if e == nil {
				t.Fatalf("no entity %q: %+v", tt.person, d.Entities)
			}
			if strings.Join(e.Roles, "|") != strings.Join(tt.want, "|") {
				t.Errorf("roles = %q, want %q", e.Roles, tt.want)
			}
		})
	}
}

func TestReferences(t *testing.T) {
	tests := []struct {
		text     string
		mentions []string
		ref      string // pronoun or description text
		want     string // mention of the entity it should join ("" = none)
	}{
		{"Mr Straw arrived in Beijing. He said the talks went well.", []string{"PERSON=Straw", "GPE=Beijing"}, "He", "Mr Straw"},
		{"Louise Harlow met Mr Abbasi. She said the case was weak.", []string{"PERSON=Louise Harlow", "PERSON=Abbasi"}, "She", "Louise Harlow"},
		{"London mayor Ken Livingstone spoke. The mayor said sorry.", []string{"GPE=London", "PERSON=Ken Livingstone"}, "The mayor", "Ken Livingstone"},
		{"Foreign Secretary Jack Straw spoke. Michael Ancram replied. The foreign secretary said no.", []string{"PERSON=Jack Straw", "PERSON=Michael Ancram"}, "The foreign secretary", "Jack Straw"},
		{"Lord Butler said the plans were poor. The former cabinet secretary said more.", []string{"PERSON=Butler"}, "The former cabinet secretary", "Lord Butler"},
		{"Mr Brown spoke. The prime minister's spokesman said later that he was wrong.", []string{"PERSON=Brown"}, "he", ""},
		{"Mr Brown spoke. A spokesman said he disagreed.", []string{"PERSON=Brown"}, "he", ""},
		{"The talks ended when Ann Pryce, who chaired them, left.", []string{"PERSON=Ann Pryce"}, "who", "Ann Pryce"},
		{"Secretary of State Dana Whitlow spoke. Tom Okafor replied. The secretary of state said no.", []string{"PERSON=Tom Okafor", "PERSON=Dana Whitlow"}, "The secretary of state", "Dana Whitlow"},
		{"Liberals demanded Sir Tom Okafor quit. Papers show talks led by the then prime minister failed.", []string{"PERSON=Tom Okafor"}, "the then prime minister", "Sir Tom Okafor"},
		{"Dana Whitlow spoke. The billionaire said little.", []string{"PERSON=Dana Whitlow"}, "The billionaire", "Dana Whitlow"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			d := makeDoc(t, tt.text, tt.mentions...)
			if err := New().Process(d); err != nil {
				t.Fatal(err)
			}
			got := entityOf(d, tt.ref)
			if tt.want == "" {
				if got != nil {
					t.Errorf("%q resolved to %s, want unresolved", tt.ref, got.Name)
				}
				return
			}
			want := entityOf(d, tt.want)
			if got == nil || want == nil || got.ID != want.ID {
				t.Errorf("%q -> %v, want %v; entities %+v", tt.ref, got, want, d.Entities)
			}
		})
	}
}
