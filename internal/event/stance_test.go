package event

import (
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// TestRules covers the speech-stance rule and the clause rules added with
// it; every sentence is written for the test.
func TestRules(t *testing.T) {
	type want struct{ typ, src, tgt string }
	tests := []struct {
		text   string
		ents   map[string]string
		quotes [][3]string // content, speaker name, cue
		want   []want
	}{
		{ // short evaluative quote: the actor before it is evaluated
			text:   `Rossi said the Kemp plan was "irresponsible".`,
			ents:   map[string]string{"Rossi": "PERSON", "Kemp": "PERSON"},
			quotes: [][3]string{{"irresponsible", "Rossi", "said"}},
			want:   []want{{"ACCUSE", "Rossi", "Kemp"}},
		},
		{ // weak positive word in a describing quote
			text:   `Okafor described Lind's speech as "very important".`,
			ents:   map[string]string{"Okafor": "PERSON", "Lind": "PERSON"},
			quotes: [][3]string{{"very important", "Okafor", "described"}},
			want:   []want{{"SUPPORT", "Okafor", "Lind"}},
		},
		{ // negated evaluation flips
			text:   `Okafor said Lind was "not fair".`,
			ents:   map[string]string{"Okafor": "PERSON", "Lind": "PERSON"},
			quotes: [][3]string{{"not fair", "Okafor", "said"}},
			want:   []want{{"ACCUSE", "Okafor", "Lind"}},
		},
		{ // "called X a scandal" is not a phone call
			text:   `Oxfam called Norland a "shocking scandal".`,
			ents:   map[string]string{"Oxfam": "ORG", "Norland": "GPE"},
			quotes: [][3]string{{"shocking scandal", "Oxfam", "called"}},
			want:   []want{{"ACCUSE", "Oxfam", "Norland"}},
		},
		{ // a request inside reported speech
			text:   `Rossi said Norland should act now.`,
			ents:   map[string]string{"Rossi": "PERSON", "Norland": "GPE"},
			quotes: [][3]string{{"Norland should act now", "Rossi", "said"}},
			want:   []want{{"REQUEST", "Rossi", "Norland"}},
		},
		{ // reproach: "should have"
			text:   `Rossi said Norland should have acted sooner.`,
			ents:   map[string]string{"Rossi": "PERSON", "Norland": "GPE"},
			quotes: [][3]string{{"Norland should have acted sooner", "Rossi", "said"}},
			want:   []want{{"ACCUSE", "Rossi", "Norland"}},
		},
		{ // "should have" + a noun phrase: a request
			text:   `Rossi said Norland should have the courage to act.`,
			ents:   map[string]string{"Rossi": "PERSON", "Norland": "GPE"},
			quotes: [][3]string{{"Norland should have the courage to act", "Rossi", "said"}},
			want:   []want{{"REQUEST", "Rossi", "Norland"}},
		},
		{ // a passive after a modal asks nothing of its subject
			text:   `Rossi said Kemp should be judged on results.`,
			ents:   map[string]string{"Rossi": "PERSON", "Kemp": "PERSON"},
			quotes: [][3]string{{"Kemp should be judged on results", "Rossi", "said"}},
			want:   nil,
		},
		{ // a denial asserts no stance of its own: only the denial is coded
			text:   `Rossi denied that Kemp was "dishonest".`,
			ents:   map[string]string{"Rossi": "PERSON", "Kemp": "PERSON"},
			quotes: [][3]string{{"dishonest", "Rossi", "denied"}},
			want:   []want{{"REJECT", "Rossi", "Kemp"}},
		},
		{ // refusing to yield is a rejection
			text: "Kemp refused to apologise to Rossi.",
			ents: map[string]string{"Kemp": "PERSON", "Rossi": "PERSON"},
			want: []want{{"REJECT", "Kemp", "Rossi"}},
		},
		{ // a shared subject across "but"
			text: "Oxfam said it was pleased but called on Norland to do more.",
			ents: map[string]string{"Oxfam": "ORG", "Norland": "GPE"},
			want: []want{{"REQUEST", "Oxfam", "Norland"}},
		},
		{ // object control: the requestee would act
			text: "Oxfam urged Norland to release Kemp.",
			ents: map[string]string{"Oxfam": "ORG", "Norland": "GPE", "Kemp": "PERSON"},
			want: []want{{"REQUEST", "Oxfam", "Norland"}, {"RETREAT", "Norland", "Kemp"}},
		},
		{ // agent behind a role description
			text: "The report was praised by her deputy as Party Secretary, Lind.",
			ents: map[string]string{"Party Secretary": "ORG", "Lind": "PERSON"},
			want: []want{{"SUPPORT", "Lind", ""}}, // no recipient entity
		},
		{ // agent behind a role description, with a recipient
			text: "Kemp's report was praised by her deputy as Party Secretary, Lind.",
			ents: map[string]string{"Party Secretary": "ORG", "Lind": "PERSON", "Kemp": "PERSON"},
			want: []want{{"SUPPORT", "Lind", "Kemp"}},
		},
		{ // reduced relative with an agent
			text: "Five men held by Norland were freed.",
			ents: map[string]string{"Norland": "GPE"},
			want: nil, // no entity for the men
		},
		{ // "held" alone is no arrest
			text: "Kemp held a press briefing with Rossi.",
			ents: map[string]string{"Kemp": "PERSON", "Rossi": "PERSON"},
			want: nil,
		},
		{ // noun source after "from"
			text: "Kemp pressed ahead despite opposition from Norland.",
			ents: map[string]string{"Kemp": "PERSON", "Norland": "GPE"},
			want: []want{{"REJECT", "Norland", ""}},
		},
		{ // the end of a sanction is not a sanction
			text: "Rossi backed lifting the Norland embargo.",
			ents: map[string]string{"Rossi": "PERSON", "Norland": "GPE"},
			want: []want{{"SUPPORT", "Rossi", "Norland"}},
		},
		{ // phrasal non-events
			text: "Kemp said Norland should put back the talks.",
			ents: map[string]string{"Kemp": "PERSON", "Norland": "GPE"},
			want: nil,
		},
		{ // a participle after a comma shares the sentence's subject
			text: "Rossi criticised the Kemp team, accusing it of delays.",
			ents: map[string]string{"Rossi": "PERSON", "Kemp": "PERSON"},
			want: []want{{"ACCUSE", "Rossi", "Kemp"}, {"ACCUSE", "Rossi", ""}},
		},
		{ // passive without agent
			text: "Kemp, previously accused of fraud, spoke.",
			ents: map[string]string{"Kemp": "PERSON"},
			want: nil,
		},
		{ // coordinated verbs share the subject
			text: "Rossi met Kemp in Norland and praised Norland.",
			ents: map[string]string{"Rossi": "PERSON", "Kemp": "PERSON", "Norland": "GPE"},
			want: []want{{"CONSULT", "Rossi", "Kemp"}, {"SUPPORT", "Rossi", "Norland"}},
		},
		{ // declining to comment is no rejection
			text: "Kemp declined to comment on Rossi.",
			ents: map[string]string{"Kemp": "PERSON", "Rossi": "PERSON"},
			want: nil,
		},
		{ // a progressive is no passive
			text: "Oxfam is urging Norland to act.",
			ents: map[string]string{"Oxfam": "ORG", "Norland": "GPE"},
			want: []want{{"REQUEST", "Oxfam", "Norland"}},
		},
		{ // an adjectival refusal
			text: "Norland is opposed to the Kemp plan.",
			ents: map[string]string{"Norland": "GPE", "Kemp": "PERSON"},
			want: []want{{"REJECT", "Norland", "Kemp"}},
		},
		{ // a nationality before a group noun acts
			text: "Norlandic rebels demanded talks.",
			ents: map[string]string{"Norlandic": "NORP"},
			want: []want{{"REQUEST", "Norlandic", ""}},
		},
		{ // a month is no verb
			text: "Rossi said last March that Kemp was fine.",
			ents: map[string]string{"Rossi": "PERSON", "Kemp": "PERSON"},
			want: nil,
		},
		{ // a participle after a possessive is an adjective; the noun trigger counts
			text: "Kemp's proposed visit to Norland was cancelled.",
			ents: map[string]string{"Kemp": "PERSON", "Norland": "GPE"},
			want: []want{{"CONSULT", "Kemp", "Norland"}},
		},
		{ // an inflected form after a possessive is a noun
			text: "Rossi rejected Kemp's demands.",
			ents: map[string]string{"Rossi": "PERSON", "Kemp": "PERSON"},
			want: []want{{"REJECT", "Rossi", "Kemp"}, {"REQUEST", "Kemp", ""}},
		},
		{ // meeting a target is no meeting
			text: "Kemp will meet his targets.",
			ents: map[string]string{"Kemp": "PERSON"},
			want: nil,
		},
		{ // two subjects meet each other
			text: "Norland and Ostland met.",
			ents: map[string]string{"Norland": "GPE", "Ostland": "GPE"},
			want: []want{{"CONSULT", "Norland,Ostland", ""}},
		},
		{ // a party adjective before a titled person: the person acts
			text: "The plan was praised by Ostland minister Rossi.",
			ents: map[string]string{"Ostland": "GPE", "Rossi": "PERSON"},
			want: []want{{"SUPPORT", "Rossi", ""}},
		},
		{ // the subject is not inside a prepositional phrase
			text: "After the fall of Kemp, Rossi resigned, blaming Norland.",
			ents: map[string]string{"Kemp": "PERSON", "Rossi": "PERSON", "Norland": "GPE"},
			want: []want{{"RETREAT", "Rossi", ""}, {"ACCUSE", "Rossi", "Norland"}},
		},
		{ // a meeting's place is no participant
			text: "Rossi arrived in Ostberg for a summit meeting with Kemp.",
			ents: map[string]string{"Rossi": "PERSON", "Ostberg": "GPE", "Kemp": "PERSON"},
			want: []want{{"CONSULT", "Rossi", "Ostberg"}, {"CONSULT", "Rossi", "Kemp"}},
		},
		{ // "seek to": a plan, not a request; "deployed monitors": no mobilization
			text: "Norland seeks to lower taxes. Oxfam deployed monitors.",
			ents: map[string]string{"Norland": "GPE", "Oxfam": "ORG"},
			want: nil,
		},
		{ // an accusation's object ends at its preposition
			text: "Rossi accused the party of lying to Norland.",
			ents: map[string]string{"Rossi": "PERSON", "Norland": "GPE"},
			want: []want{{"ACCUSE", "Rossi", ""}},
		},
		{ // entities inside a prepositional phrase are not what is evaluated
			text:   `Rossi called Kemp's claims about Norland "absurd".`,
			ents:   map[string]string{"Rossi": "PERSON", "Kemp": "PERSON", "Norland": "GPE"},
			quotes: [][3]string{{"absurd", "Rossi", "called"}},
			want:   []want{{"ACCUSE", "Rossi", "Kemp"}},
		},
		{ // an entity inside the subject's title is not the subject
			text: "Rossi, the Archbishop of Ostberg, backed Kemp.",
			ents: map[string]string{"Rossi": "PERSON", "Ostberg": "GPE", "Kemp": "PERSON"},
			want: []want{{"SUPPORT", "Rossi", "Kemp"}},
		},
		{ // but a group of an organisation acts for it
			text: "Leaders of Oxfam criticised Kemp.",
			ents: map[string]string{"Oxfam": "ORG", "Kemp": "PERSON"},
			want: []want{{"ACCUSE", "Oxfam", "Kemp"}},
		},
		{ // the patient of a passive may follow a preposition
			text: "A camp for Norland refugees was attacked by Ostland.",
			ents: map[string]string{"Norland": "GPE", "Ostland": "GPE"},
			want: []want{{"ASSAULT", "Ostland", "Norland"}},
		},
		{ // "is back": an adverb; "called X": naming, not a phone call
			text: "Rossi is back in Ostberg. Kemp called Rossi a friend.",
			ents: map[string]string{"Rossi": "PERSON", "Ostberg": "GPE", "Kemp": "PERSON"},
			want: nil,
		},
		{ // the complement of a demand is hypothetical, its actor the object
			text: "Oxfam renewed its demand for Norland to free Kemp. Rossi to resign.",
			ents: map[string]string{"Oxfam": "ORG", "Norland": "GPE", "Kemp": "PERSON", "Rossi": "PERSON"},
			want: []want{{"REQUEST", "Oxfam", "Norland"}, {"RETREAT", "Norland", "Kemp"}, {"RETREAT", "Rossi", ""}},
		},
		{ // a reduced relative after a plain noun: the by-phrase would act, not the clause subject
			text: "Rossi opposed a law backed by Kemp.",
			ents: map[string]string{"Rossi": "PERSON", "Kemp": "PERSON"},
			want: []want{{"REJECT", "Rossi", "Kemp"}}, // backing needs a recipient entity
		},
		{ // "must not be": still a passive
			text:   "Rossi said Norland must not be held back.",
			ents:   map[string]string{"Rossi": "PERSON", "Norland": "GPE"},
			quotes: [][3]string{{"Norland must not be held back", "Rossi", "said"}},
			want:   nil,
		},
		{ // "want X to": a request; "want to": a plan
			text: "Norland wants Rossi to resign. Kemp wants to visit Rossi.",
			ents: map[string]string{"Norland": "GPE", "Rossi": "PERSON", "Kemp": "PERSON"},
			want: []want{{"REQUEST", "Norland", "Rossi"}, {"RETREAT", "Rossi", ""}, {"CONSULT", "Kemp", "Rossi"}},
		},
	}
	c := &Coder{cfg: Config{MaxTargetDistance: 12}}
	for _, tt := range tests {
		d := build(t, tt.text, tt.ents, nil)
		for _, q := range tt.quotes {
			k := strings.Index(d.Text, q[0])
			cue := strings.Index(d.Text, q[2])
			var sp string
			for _, e := range d.Entities {
				if e.Name == q[1] {
					sp = e.ID
				}
			}
			d.Quotes = append(d.Quotes, doc.Quote{Span: doc.Span{Start: k, End: k + len(q[0])}, Speaker: sp, Cue: q[2],
				CueSpan: doc.Span{Start: cue, End: cue + len(q[2])}, Direct: strings.Contains(tt.text, `"`)})
		}
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
		var got []want
		for _, e := range d.Events {
			got = append(got, want{e.Type, name(e.Source), name(e.Target)})
		}
		if len(got) != len(tt.want) {
			t.Errorf("%q: got %+v, want %+v", tt.text, got, tt.want)
			continue
		}
		for k := range got {
			if got[k] != tt.want[k] {
				t.Errorf("%q: event %d = %+v, want %+v", tt.text, k, got[k], tt.want[k])
			}
		}
	}
}
