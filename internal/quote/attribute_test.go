package quote_test

import (
	"testing"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/entity"
	"github.com/newsgraph/newsgraph/internal/quote"
	"github.com/newsgraph/newsgraph/internal/segment"
)

// speakerOf returns the canonical name of the speaker of the quote whose
// text is q, "-" when the quote has no speaker, and "" when there is no such
// quote.
func speakerOf(d *doc.Doc, q string) (string, *doc.Quote) {
	for i := range d.Quotes {
		if d.Slice(d.Quotes[i].Span) != q {
			continue
		}
		if d.Quotes[i].Speaker == "" {
			return "-", &d.Quotes[i]
		}
		for _, e := range d.Entities {
			if e.ID == d.Quotes[i].Speaker {
				return e.Name, &d.Quotes[i]
			}
		}
	}
	return "", nil
}

func TestAttribution(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		mentions []string
		quote    string
		speaker  string // canonical name, "-" for no speaker
		cue      string
		direct   bool
	}{
		{"X said: “…”", "Dana Whitlow said: “We will not give in.”", []string{"PERSON=Dana Whitlow"},
			"We will not give in.", "Dana Whitlow", "said", true},
		{"“…,” X added", "“We will not give in,” Ms Whitlow added.", []string{"PERSON=Whitlow"},
			"We will not give in,", "Whitlow", "added", true},
		{"“…,” said X", "“We will not give in,” said Foreign Secretary Dana Whitlow.", []string{"PERSON=Dana Whitlow"},
			"We will not give in,", "Dana Whitlow", "said", true},
		{"“…,” he said", "Tom Okafor arrived late. “We will not give in,” he said.", []string{"PERSON=Tom Okafor"},
			"We will not give in,", "Tom Okafor", "said", true},
		{"partial quote", "Tom Okafor warned that the tariffs “will backfire.”", []string{"PERSON=Tom Okafor"},
			"will backfire.", "Tom Okafor", "warned", true},
		{"X told outlet", "Tom Okafor told Reuters: “It is over.”", []string{"PERSON=Tom Okafor", "ORG=Reuters"},
			"It is over.", "Tom Okafor", "told", true},
		{"interview with outlet", "In an interview with the BBC, Tom Okafor said: “It is over.”", []string{"PERSON=Tom Okafor", "ORG=BBC"},
			"It is over.", "Tom Okafor", "said", true},
		{"apposition between", "Lawyer Ann Pryce, who represents Mr Abbot, said: “They colluded.”", []string{"PERSON=Ann Pryce", "PERSON=Abbot"},
			"They colluded.", "Ann Pryce", "said", true},
		{"organisation speaks", "Downing Street said: “The policy stands.”", []string{"FAC=Downing Street"},
			"The policy stands.", "Downing Street", "said", true},
		{"organisation's spokesman", "A Downing Street spokesman said: “The policy stands.”", []string{"FAC=Downing Street"},
			"The policy stands.", "Downing Street", "said", true},
		{"unnamed source", "Tom Okafor left. A source said: “He was angry.”", []string{"PERSON=Tom Okafor"},
			"He was angry.", "A source", "said", true},
		{"description source", "The report came out. “Costs will rise,” the statement said.", nil,
			"Costs will rise,", "the statement", "said", true},
		{"first person", "“Come back tomorrow,” I said.", nil,
			"Come back tomorrow,", "I", "said", true},
		{"pronoun without antecedent", "“Come back tomorrow,” he said.", nil,
			"Come back tomorrow,", "-", "said", true},
		{"according to", "The plan is “dead in the water”, according to Tom Okafor.", []string{"PERSON=Tom Okafor"},
			"dead in the water", "Tom Okafor", "", true},
		{"wrote on", "Tom Okafor wrote on X: “Never again.”", []string{"PERSON=Tom Okafor", "ORG=X"},
			"Never again.", "Tom Okafor", "wrote", true},
		{"continuation in paragraph", `Tom Okafor said: "First point. "Second point."`, []string{"PERSON=Tom Okafor"},
			"Second point.", "Tom Okafor", "said", true},
		{"continuation paragraphs", "Tom Okafor said: “First point.\n\n“Second point.”\n\nLater news.", []string{"PERSON=Tom Okafor"},
			"First point.\n\n“Second point.", "Tom Okafor", "said", true},
		{"next sentence keeps speaker", `Tom Okafor described it as "very important". "This is big."`, []string{"PERSON=Tom Okafor"},
			"This is big.", "Tom Okafor", "described", true},
		{"scare quotes", `The so-called "peace dividend" never came.`, nil,
			"peace dividend", "-", "", true},
		{"title in quotes", `She read "War and Peace" twice.`, nil,
			"War and Peace", "-", "", true},
		{"reported speech", "Tom Okafor said that he was ready to send more air defence.", []string{"PERSON=Tom Okafor"},
			"he was ready to send more air defence", "Tom Okafor", "said", false},
		{"reported speech after", "The talks had failed, Tom Okafor said.", []string{"PERSON=Tom Okafor"},
			"The talks had failed", "Tom Okafor", "said", false},
		{"ruled out", "Tom Okafor ruled out a separate deal with Washington.", []string{"PERSON=Tom Okafor", "GPE=Washington"},
			"a separate deal with Washington", "Tom Okafor", "ruled out", false},
		{"participle after comma", "Dana Whitlow rallied supporters, saying: “We will win.”", []string{"PERSON=Dana Whitlow"},
			"We will win.", "Dana Whitlow", "saying", true},
		{"second verb after but", "Tom Okafor praised the plan but described it as “a work in progress”.", []string{"PERSON=Tom Okafor"},
			"a work in progress", "Tom Okafor", "described", true},
		{"colon without a verb", "Tom Okafor released the following statement: “We grieve.”", []string{"PERSON=Tom Okafor"},
			"We grieve.", "Tom Okafor", "", true},
		{"infinitive cue", "Tom Okafor refused to call it “a crisis”.", []string{"PERSON=Tom Okafor"},
			"a crisis", "Tom Okafor", "call", true},
		{"verb noun is no cue", "Okafor's comments were “well judged”, Dana Whitlow said.", []string{"PERSON=Okafor", "PERSON=Dana Whitlow"},
			"well judged", "Dana Whitlow", "said", true},
		{"campaign speaks for its candidate", "Tom Okafor's campaign said: “We are confident.”", []string{"PERSON=Tom Okafor"},
			"We are confident.", "Tom Okafor", "said", true},
		{"his office", "Tom Okafor left early. His office said: “He is unwell.”", []string{"PERSON=Tom Okafor"},
			"He is unwell.", "Tom Okafor", "said", true},
		{"capitalised noun is no cue", "Tom Okafor said that the United States had become a “dumping ground”.", []string{"PERSON=Tom Okafor", "GPE=the United States"},
			"dumping ground", "Tom Okafor", "said", true},
		{"relative clause before the verb", "“We lost,” Tom Okafor, who led the campaign, said.", []string{"PERSON=Tom Okafor"},
			"We lost,", "Tom Okafor", "said", true},
		{"long apposition after the quote", "“We lost,” Ann Pryce, the legal director of the Arden Civil Liberties Union, said on Friday.", []string{"PERSON=Ann Pryce", "ORG=Arden Civil Liberties Union"},
			"We lost,", "Ann Pryce", "said", true},
		{"went on to call", "Tom Okafor spoke. He went on to call the plan “a disaster”.", []string{"PERSON=Tom Okafor"},
			"a disaster", "Tom Okafor", "call", true},
		{"statement saying", "The Arden Union issued a statement saying it was “deeply troubled”.", []string{"ORG=The Arden Union"},
			"deeply troubled", "Arden Union", "saying", true},
		{"whole quoted sentence after a sentence about a person", "Tom Okafor turned to trade. “We are losing.”", []string{"PERSON=Tom Okafor"},
			"We are losing.", "Tom Okafor", "", true},
		{"prepositional phrase before the verb", "Norland has in the past said it wants “a fair deal”.", []string{"GPE=Norland"},
			"a fair deal", "Norland", "said", true},
		{"adverb and date before the verb", "Tom Okafor similarly told reporters: “We wait.”", []string{"PERSON=Tom Okafor"},
			"We wait.", "Tom Okafor", "told", true},
		{"unnamed speaker after the verb", "Tom Okafor lost. “It is over,” said a longtime adviser to Okafor.", []string{"PERSON=Tom Okafor", "PERSON=Okafor"},
			"It is over,", "a longtime adviser", "said", true},
		{"unnamed subject of a partial quote", "The Harbour Board met. The statement called the plan “reckless”.", []string{"ORG=Harbour Board"},
			"reckless", "The statement", "called", true},
		{"name inside an unnamed speaker", "Tom Okafor won. A top Tom Okafor adviser said: “We are ready.”", []string{"PERSON=Tom Okafor", "PERSON=Tom Okafor"},
			"We are ready.", "A top Tom Okafor adviser", "said", true},
		{"according to a description", "According to the newspaper, “prices will rise.”", nil,
			"prices will rise.", "the newspaper", "", true},
		{"but before the quote", "Tom Okafor spoke. But “we will win,” he said.", []string{"PERSON=Tom Okafor"},
			"we will win,", "Tom Okafor", "said", true},
		{"quote closing an opening clause", "When Ann Pryce called it “a mess,” Tom Okafor laughed, saying nothing.", []string{"PERSON=Tom Okafor", "PERSON=Ann Pryce"},
			"a mess,", "Ann Pryce", "called", true},
		{"description speaker", "Arden mayor Kit Ravensworth spoke. The mayor said: “I stand by it.”", []string{"GPE=Arden", "PERSON=Kit Ravensworth"},
			"I stand by it.", "Kit Ravensworth", "said", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := analyse(t, tt.text, tt.mentions...)
			got, q := speakerOf(d, tt.quote)
			if q == nil {
				var qs []string
				for _, q := range d.Quotes {
					qs = append(qs, d.Slice(q.Span))
				}
				t.Fatalf("quote %q not found; quotes %q", tt.quote, qs)
			}
			if got != tt.speaker {
				t.Errorf("speaker = %q, want %q", got, tt.speaker)
			}
			if q.Cue != tt.cue {
				t.Errorf("cue = %q, want %q", q.Cue, tt.cue)
			}
			if q.Direct != tt.direct {
				t.Errorf("direct = %v", q.Direct)
			}
		})
	}
}

// FuzzAttribution runs segmentation, the entity component (capitalised
// words after an honorific become people) and the quote component over
// arbitrary text: no panics, and every quote span lies inside the text.
func FuzzAttribution(f *testing.F) {
	for _, s := range []string{
		"Mr Okafor said: “We will win.” He left.",
		"“No,” said Mrs Pryce, who, (as ever), was late. \"Yes\n\n\"again",
		"'a' « b » „c“ said, told: according to",
		"\"PRYCE: Yes.\n\n\"OKAFOR: No.” ― Ann Pryce\n“x” — Rep. Tom Okafor (D-Ore.) said, R-Ky., said.",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 1<<12 || !utf8.ValidString(s) {
			return
		}
		d, err := doc.New(doc.Article{Body: s})
		if err != nil {
			return
		}
		d.Lang = "en"
		if err := (segment.Segmenter{}).Process(d); err != nil {
			return
		}
		if err := entity.New().Process(d); err != nil {
			t.Fatal(err)
		}
		if err := quote.New().Process(d); err != nil {
			t.Fatal(err)
		}
		for _, q := range d.Quotes {
			if q.Start < 0 || q.End > len(d.Text) || q.Start >= q.End {
				t.Fatalf("bad quote span %+v in %q", q.Span, d.Text)
			}
		}
	})
}
