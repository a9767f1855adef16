package quote_test

import "testing"

// TestAttributionConventions covers English attribution conventions beyond
// the reporting-verb patterns of TestAttribution: a name after a dash (the
// epigraph or reader-comment convention), transcript labels, speakers with
// a bracketed party and state, and groups or descriptions as speakers.
func TestAttributionConventions(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		mentions []string
		quote    string
		speaker  string // canonical name, "-" for no speaker
	}{
		{"name after a horizontal bar", "Readers wrote in.\n\n“The buses never come on time.” ― Marta Quillen\n\n“Rents doubled in two years.”― Dov Albrecht.",
			[]string{"PERSON=Marta Quillen", "PERSON=Dov Albrecht"}, "The buses never come on time.", "Marta Quillen"},
		{"name after a bar without a space", "Readers wrote in.\n\n“The buses never come on time.” ― Marta Quillen\n\n“Rents doubled in two years.”― Dov Albrecht.",
			[]string{"PERSON=Marta Quillen", "PERSON=Dov Albrecht"}, "Rents doubled in two years.", "Dov Albrecht"},
		{"name after an em dash", "“Nothing worth having comes easy.” — Ilse Varga",
			[]string{"PERSON=Ilse Varga"}, "Nothing worth having comes easy.", "Ilse Varga"},
		{"dash before a clause is no byline", "“The plan is dead” — Ilse Varga disagreed with that later.",
			[]string{"PERSON=Ilse Varga"}, "The plan is dead", "-"},
		{"bracketed party after the name, verb after", "“We will hold hearings,” Rep. Lena Castell (D-Ore.) said Friday.",
			[]string{"PERSON=Lena Castell"}, "We will hold hearings,", "Lena Castell"},
		{"bracketed party after the name, verb before", "“We will hold hearings,” said Sen. Lena Castell (D-Ore.).",
			[]string{"PERSON=Lena Castell"}, "We will hold hearings,", "Lena Castell"},
		{"bracketed party before a partial quote", "Sen. Hal Brody (R-Kan.) said the bill would “gut the program.”",
			[]string{"PERSON=Hal Brody"}, "gut the program.", "Hal Brody"},
		{"transcript label", "Tessa Kessler testified.\n\n\"MORROW: Where were you that night?\n\n\"KESSLER: I was at home with my sister.\n\nThe exchange ended there.",
			[]string{"PERSON=Tessa Kessler"}, "I was at home with my sister.", "Tessa Kessler"},
		{"protesters chanted", "The strike went on. Protesters marching downtown chanted \"No more cuts!\" until dawn.",
			nil, "No more cuts!", "Protesters"},
		{"group while chanting", "The hall stayed shut. Small groups of students kept walking past the hall while chanting, \"Open the doors.\"",
			nil, "Open the doors.", "Small groups of students"},
		{"police say", "The match is on. Police say they have \"enough officers\" for the match.",
			nil, "enough officers", "Police"},
		{"organisation's report stated", "\"Growth will slow next year,\" the Arden Fund report stated.",
			[]string{"ORG=Arden Fund"}, "Growth will slow next year,", "Arden Fund"},
		{"a letter reads", "Parents wrote to the board. “We want our school back,” the letter reads.",
			nil, "We want our school back,", "the letter"},
		{"as X put it", "The fee is a “tax on the poor,” as the Arden Herald put it.",
			[]string{"ORG=Arden Herald"}, "tax on the poor,", "Arden Herald"},
		{"possessor of a brief", "The hearing opened. Tom Okafor's brief said the claims were “baseless.”",
			[]string{"PERSON=Tom Okafor"}, "baseless.", "Tom Okafor"},
		{"voters agreed", "The poll is out. Only half of voters agreed that the plan is “good for the town.”",
			nil, "good for the town.", "voters"},
		{"reported speech holds the cue", "Dana Whitlow said the council had agreed to the deal after “long and hard talks.”",
			[]string{"PERSON=Dana Whitlow", "ORG=council"}, "long and hard talks.", "Dana Whitlow"},
		{"nouns joined by and inside reported speech", "On Sunday, Dana Whitlow said the strikes and protests demand that leaders show “more patience.”",
			[]string{"PERSON=Dana Whitlow"}, "more patience.", "Dana Whitlow"},
		{"quoted show name in the opening phrase", "On “Morning Desk,” Sen. Hal Brody (Kan.), who lost the primary, named rents as a worry. “People are tired of waiting.”",
			[]string{"PERSON=Hal Brody"}, "People are tired of waiting.", "Hal Brody"},
		{"cue after before", "“We rise,” Lena Castell sings to the crowd before asking them, “Are you ready?”",
			[]string{"PERSON=Lena Castell"}, "Are you ready?", "Lena Castell"},
		{"party word makes a cue form a noun", "Factcheck Weekly rated 30% of Arden claims as “false.”",
			[]string{"ORG=Factcheck Weekly", "NORP=Arden"}, "false.", "Factcheck Weekly"},
		{"party and state between commas", "“We have the votes,” Senate Leader Hal Brody, R-Kan., said Tuesday.",
			[]string{"PERSON=Hal Brody"}, "We have the votes,", "Hal Brody"},
		{"opening clause with its own cue", "When Dana Whitlow noted that the fund was empty, Tom Okafor boasted, “That makes me clever.”",
			[]string{"PERSON=Dana Whitlow", "PERSON=Tom Okafor"}, "That makes me clever.", "Tom Okafor"},
		{"opening phrase with with", "With Arden voters worried about rents, Mayor Tom Okafor is trying a new message: “It is about you.”",
			[]string{"PERSON=Tom Okafor", "NORP=Arden"}, "It is about you.", "Tom Okafor"},
		{"number before the role after said", "“They are wrong,” said 34-year-old widow Ann Pryce.",
			[]string{"PERSON=Ann Pryce"}, "They are wrong,", "Ann Pryce"},
		{"speaker in a short sentence after a question", "“Why is this not proof enough?” Okafor demanded.",
			[]string{"PERSON=Okafor"}, "Why is this not proof enough?", "Okafor"},
		{"two names before a base form", "When rivals attack, Dana Whitlow and Tom Okafor call them “noise” and move on.",
			[]string{"PERSON=Dana Whitlow", "PERSON=Tom Okafor"}, "noise", "Tom Okafor"},
		{"subject of the verb before and", "Years ago, when my aunt asked about it, Tom Okafor laughed and said, “I never went.”",
			[]string{"PERSON=Tom Okafor"}, "I never went.", "Tom Okafor"},
		{"unnamed speaker of the reporting clause", "The council met. The statement noted they had said they would take “firm steps” soon.",
			nil, "firm steps", "The statement"},
		{"possessor of a claim", "Factcheck Weekly looked at Dana Whitlow's claim that there were “thousands of break-ins” last year.",
			[]string{"ORG=Factcheck Weekly", "PERSON=Dana Whitlow"}, "thousands of break-ins", "Dana Whitlow"},
		{"long apposition after the name", "“The story is not only in our courts, it is in our papers,” Ann Pryce, the executive director at the Arden Centre for Fair Reporting and one of the film's voices, told the Arden Herald.",
			[]string{"PERSON=Ann Pryce", "ORG=Arden Centre for Fair Reporting", "ORG=Arden Herald"}, "The story is not only in our courts, it is in our papers,", "Ann Pryce"},
		{"a few questions is no cue", "“We disagree,” Tom Okafor said, suggesting a few questions, including, “Why now?”",
			[]string{"PERSON=Tom Okafor"}, "Why now?", "Tom Okafor"},
		{"unnamed speaker with a phrase after it", "The ad ran twice. “Why did he not pay?” a narrator in the Okafor ad asks.",
			[]string{"PERSON=Okafor"}, "Why did he not pay?", "a narrator"},
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
		})
	}
}

func TestTranscriptLabelSpeaker(t *testing.T) {
	d := analyse(t, "\"MORROW: Where were you that night?\n\n\"KESSLER: At home.\n\nThe exchange ended there.")
	got, q := speakerOf(d, "Where were you that night?")
	if q == nil || got != "MORROW" {
		t.Errorf("speaker = %q, want the label as written", got)
	}
}
