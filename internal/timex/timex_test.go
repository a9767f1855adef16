package timex

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// pub is the publication date of most cases: Wednesday 16 February 2005,
// in ISO week 2005-W07.
const pub = "2005-02-16"

type dateCase struct {
	text string
	pub  string
	// want lists "text=value" for every date found, in order, joined by
	// "; "; a modifier is written "text=value~MOD".
	want string
}

// The sentences are written for these tests, modelled on the forms that
// occur in news text (BBC, AP, Reuters styles); none is copied from a corpus.
var dateCases = []dateCase{
	// absolute dates
	{"The deal was signed on Sept. 27, 2004 in Geneva.", pub, "Sept. 27, 2004=2004-09-27"},
	{"The deal was signed on 27 September 2004.", pub, "27 September 2004=2004-09-27"},
	{"The deal was signed on 2004-09-27.", pub, "2004-09-27=2004-09-27"},
	{"Exports rose in 2003-04.", pub, "2003-04=2003/2004"},
	{"The plant opened in 2003-06.", pub, "2003-06=2003-06"},
	{"Forecasts for the first quarter of next year are weak.", pub, "the first quarter of next year=2006-Q1"},
	{"Prices rose in the summer.", pub, "the summer=2004-SU"},
	{"Prices will rise in the summer.", pub, "the summer=2005-SU"},
	{"Filed 9/27/2004 at the county court.", pub, "9/27/2004=2004-09-27"},
	{"Filed 27/9/2004 at the county court.", pub, "27/9/2004=2004-09-27"},
	{"Filed 4/5/2004 and heard 27/9/2004.", pub, "4/5/2004=2004-05-04; 27/9/2004=2004-09-27"},
	{"Filed 4/5/2004 and heard 9/27/2004.", pub, "4/5/2004=2004-04-05; 9/27/2004=2004-09-27"},
	{"The law took effect on 1 January 2005.", pub, "1 January 2005=2005-01-01"},
	{"It closed on the 3rd of March 2001.", pub, "3rd of March 2001=2001-03-03"},
	{"Elections were held on March 3rd, 2001.", pub, "March 3rd, 2001=2001-03-03"},
	{"It opened in September 2002.", pub, "September 2002=2002-09"},
	{"It opened in Sept. 2002.", pub, "Sept. 2002=2002-09"},
	{"The plant shut in August of 1998.", pub, "August of 1998=1998-08"},
	{"The party won power in 1997.", pub, "1997=1997"},
	{"Since 1997 the party has held power.", pub, "1997=1997"},
	{"Spending will rise by 2008.", pub, "2008=2008"},
	{"The budget for 2007-2013 was agreed.", pub, "2007-2013=2007/2013"},
	{"The budget for 2007-13 was agreed.", pub, "2007-13=2007/2013"},
	{"The 2005/06 season starts in August.", pub, "2005/06=2005/2006; August=2005-08"},
	{"Prices soared in the 1990s.", pub, "the 1990s=199"},
	{"Prices soared in the late 1980s.", pub, "the late 1980s=198~END"},
	{"Prices soared in the early 1990s.", pub, "the early 1990s=199~START"},
	{"Growth slowed in mid-2003.", pub, "mid-2003=2003~MID"},
	{"The pre-2014 rules still apply.", pub, "pre-2014=2014~BEFORE"},
	{"Profits rose in Q3 2004.", pub, "Q3 2004=2004-Q3"},
	{"Profits rose in the third quarter of 2004.", pub, "the third quarter of 2004=2004-Q3"},
	{"Sales fell in the first half of 2004.", pub, "the first half of 2004=2004-H1"},
	{"Revenue in fiscal 2004 was flat.", pub, "fiscal 2004=2004"},
	{"It was built in the 20th century.", pub, "the 20th century=19"},
	{"The rally was held in the summer of 2003.", pub, "the summer of 2003=2003-SU"},
	{"Fans remember the '80s fondly.", pub, "the '80s=198"},
	{"The talks run from February 14-16.", pub, "February 14-16=2005-02-14/2005-02-16"},
	{"The festival runs 14-16 February.", pub, "14-16 February=2005-02-14/2005-02-16"},
	{"The festival ran 14-16 February 2003.", pub, "14-16 February 2003=2003-02-14/2003-02-16"},
	{"Voting runs Feb 28 to March 2.", pub, "Feb 28 to March 2=2005-02-28/2005-03-02"},
	// days relative to publication
	{"The minister resigned yesterday.", pub, "yesterday=2005-02-15"},
	{"The minister will resign tomorrow.", pub, "tomorrow=2005-02-17"},
	{"The minister resigns today.", pub, "today=2005-02-16"},
	{"The vote is tonight.", pub, "tonight=2005-02-16TNI"},
	{"Police were called last night.", pub, "last night=2005-02-15TNI"},
	{"He spoke yesterday morning.", pub, "yesterday morning=2005-02-15TMO"},
	{"He spoke this morning.", pub, "this morning=2005-02-16TMO"},
	{"Today's figures were worse.", pub, "Today's=2005-02-16"},
	// weekdays and tense
	{"The prime minister said on Tuesday that taxes would not rise.", pub, "Tuesday=2005-02-15"},
	{"The prime minister said on Monday that taxes would not rise.", pub, "Monday=2005-02-14"},
	{"Ministers will meet on Tuesday to discuss the plan.", pub, "Tuesday=2005-02-22"},
	{"Ministers will meet on Friday to discuss the plan.", pub, "Friday=2005-02-18"},
	{"Ministers met on Friday to discuss the plan.", pub, "Friday=2005-02-11"},
	{"Ministers are due to meet on Thursday.", pub, "Thursday=2005-02-17"},
	{"The strike is planned for Monday.", pub, "Monday=2005-02-21"},
	{"The company announced on Sunday it was cutting jobs.", pub, "Sunday=2005-02-13"},
	{"The results are expected on Saturday.", pub, "Saturday=2005-02-19"},
	{"Mr Brown told MPs on Wednesday that he agreed.", pub, "Wednesday=2005-02-16"},
	{"Tuesday's vote was a blow to the government.", pub, "Tuesday's=2005-02-15"},
	{"He'll travel to Paris on Monday.", pub, "Monday=2005-02-21"},
	{"The team won't play on Saturday.", pub, "Saturday=2005-02-19"},
	{"They clashed last Tuesday.", pub, "last Tuesday=2005-02-15"},
	{"They clashed last Monday.", pub, "last Monday=2005-02-14"},
	{"They clashed last Wednesday.", pub, "last Wednesday=2005-02-09"},
	{"They meet next Tuesday.", pub, "next Tuesday=2005-02-22"},
	{"The body was found on Saturday night.", pub, "Saturday night=2005-02-12TNI"},
	{"The MPs voted on Monday, Feb. 14.", pub, "Monday, Feb. 14=2005-02-14"},
	// times of day
	{"Polls will open at 10 a.m. on Friday.", pub, "10 a.m. on Friday=2005-02-18T10:00"},
	{"Polls opened at 7am on Thursday.", pub, "7am on Thursday=2005-02-10T07:00"},
	{"The bomb went off at 8:15 GMT.", pub, "8:15 GMT=2005-02-16T08:15"},
	{"The meeting ended on Tuesday at 3pm.", pub, "Tuesday at 3pm=2005-02-15T15:00"},
	{"Doors close at noon.", pub, "noon=2005-02-16T12:00"},
	{"The curfew begins at midnight on Sunday.", pub, "midnight on Sunday=2005-02-13T24:00"},
	{"The match kicks off at 7.45pm tonight.", pub, "7.45pm=2005-02-16T19:45; tonight=2005-02-16TNI"},
	{"He won by a 3:2 majority.", pub, ""},
	// weeks, months, years relative to publication
	{"Shares fell last week.", pub, "last week=2005-W06"},
	{"Shares fell this week.", pub, "this week=2005-W07"},
	{"The bill returns next week.", pub, "next week=2005-W08"},
	{"Shares fell earlier this week.", pub, "earlier this week=2005-W07"},
	{"Inflation rose last month.", pub, "last month=2005-01"},
	{"Inflation will be published next month.", pub, "next month=2005-03"},
	{"Inflation rose earlier this month.", pub, "earlier this month=2005-02"},
	{"Profits doubled last year.", pub, "last year=2004"},
	{"Profits will double this year.", pub, "this year=2005"},
	{"An election is expected next year.", pub, "next year=2006"},
	{"The firm was floated earlier this year.", pub, "earlier this year=2005"},
	{"The law changes later this year.", pub, "later this year=2005"},
	{"Crowds are expected this weekend.", pub, "this weekend=2005-W07-WE"},
	{"Crowds gathered last weekend.", pub, "last weekend=2005-W06-WE"},
	{"Last year's figures were revised.", pub, "Last year's=2004"},
	{"He left two days ago.", pub, "two days ago=2005-02-14"},
	{"He left three weeks ago.", pub, "three weeks ago=2005-W04"},
	{"He left six months ago.", pub, "six months ago=2004-08"},
	{"He left a year ago.", pub, "a year ago=2004"},
	{"He left 10 years ago.", pub, "10 years ago=1995"},
	{"He left several years ago.", pub, "several years ago=PAST_REF"},
	{"The firm was sold in March last year.", pub, "March last year=2004-03"},
	{"Sales rose last summer.", pub, "last summer=2004-SU"},
	{"Talks resume this spring.", pub, "this spring=2005-SP"},
	{"Prices fell last May.", pub, "last May=2004-05"},
	// months without a year
	{"The firm collapsed in January.", pub, "January=2005-01"},
	{"The firm collapsed in November.", pub, "November=2004-11"},
	{"The election will be held in May.", pub, "May=2005-05"},
	{"The report is due in June.", pub, "June=2005-06"},
	{"It was signed on 14 February.", pub, "14 February=2005-02-14"},
	{"It was signed on December 3.", pub, "December 3=2004-12-03"},
	{"Talks open on March 3.", pub, "March 3=2005-03-03"},
	{"In 1974 the government fell. In February, the miners struck.", "", "1974=1974; February=1974-02"},
	{"In 1974, the miners struck in February.", pub, "1974=1974; February=1974-02"},
	{"The vote was on 3 May. The following day, he resigned.", pub, "3 May=2004-05-03; The following day=2004-05-04"},
	{"The following day, he resigned.", pub, "The following day="},
	{"Profits for the year rose.", pub, "the year=2005"},
	{"Costs for the current year will rise.", pub, "the current year=2005"},
	{"In 1998 he left; the following year he returned.", pub, "1998=1998; the following year=1999"},
	{"Sales fell by the end of the year.", pub, "the end of the year=2005~END"},
	{"\"It was hard.\" He said it in 2003.", pub, "2003=2003"},
	{"It began in nineteen ninety-six.", pub, "nineteen ninety-six=1996"},
	{"It ends in the year two thousand.", pub, "the year two thousand=2000"},
	{"It was signed in January nineteen ninety-seven.", pub, "January nineteen ninety-seven=1997-01"},
	{"Nineteen people died.", pub, ""},
	// named days
	{"Shops were busy before Christmas.", pub, "Christmas=2004-12-25"},
	{"The talks resume after Easter.", pub, "Easter=2005-03-27"},
	{"It happened on Easter Monday 2004.", pub, "Easter Monday 2004=2004-04-12"},
	{"The sales start on Boxing Day.", pub, "Boxing Day=2004-12-26"},
	{"Americans travel at Thanksgiving.", "1999-11-20", "Thanksgiving=1999-11-25"},
	// vague references
	{"Now the party must decide.", pub, "Now=PRESENT_REF"},
	{"Such deals were rare in the past.", pub, "in the past=PAST_REF"},
	{"Costs will rise in the future.", pub, "the future=FUTURE_REF"},
	{"Prices have risen recently.", pub, "recently=PAST_REF"},
	// quarters resolved against publication
	{"Fourth-quarter profits rose 10%.", pub, "Fourth-quarter=2004-Q4"},
	{"Profits rose in the third quarter.", pub, "the third quarter=2004-Q3"},
	{"Profits rose in the first quarter.", pub, "the first quarter=2005-Q1"},
	{"Profits rose 5% from a year earlier.", pub, "a year earlier=2004"},
	{"Third-quarter profit rose to $5m from $4m a year earlier.", pub, "Third-quarter=2004-Q3; a year earlier=2003-Q3"},
	{"It took a fourth-quarter charge.", pub, "fourth-quarter=2004-Q4"},
	{"Profits fell in this year's first quarter.", pub, "this year's first quarter=2005-Q1"},
	{"Profits will rise in next year's second half.", pub, "next year's second half=2006-H2"},
	{"Sales in the latest quarter rose.", pub, "the latest quarter=2004-Q4"},
	{"Fans clashed over the weekend.", pub, "the weekend=2005-W06-WE"},
	{"Fans will gather over the weekend.", pub, "the weekend=2005-W07-WE"},
	// no publication date: relative expressions keep their span, no value
	{"The minister resigned yesterday.", "", "yesterday="},
	{"The prime minister said on Tuesday that taxes would rise.", "", "Tuesday="},
	{"Shares fell last week.", "", "last week="},
	{"Shares fell in 2003 and last week.", "", "2003=2003; last week="},
	{"In 2002, sales rose in March.", "", "2002=2002; March=2002-03"},
	{"The firm collapsed in January.", "", "January="},
	// durations and other things that are not dates
	{"He served for two weeks.", pub, ""},
	{"It was a three-year-long inquiry.", pub, ""},
	{"The 24-hour strike ended.", pub, ""},
	{"About 2000 people marched.", pub, ""},
	{"It cost £1500 to fix.", pub, ""},
	{"Theresa May spoke to reporters.", pub, ""},
	{"May I ask a question?", pub, ""},
	{"The march began at the park.", pub, ""},
	{"Room 1984 is closed.", pub, ""},
	{"The score was 2005 to 1999.", pub, "2005=2005; 1999=1999"},
	{"A 10% rise.", pub, ""},
	{"Sun's shares rose.", pub, ""},
	{"He was 20 years old.", pub, ""},
	// other languages: month and weekday names
	{"Die Wahl findet am 14. Februar 2025 statt.", pub, "14. Februar 2025=2025-02-14"},
	{"L'accord a été signé le 3 mars 2004.", pub, "3 mars 2004=2004-03-03"},
	{"El acuerdo se firmó el 3 de marzo de 2004.", pub, "3 de marzo de 2004=2004-03-03"},
	{"Соглашение подписано 14 февраля 2025 года.", pub, "14 февраля 2025=2025-02-14"},
	{"Угоду підписали 14 лютого 2025 року.", pub, "14 лютого 2025=2025-02-14"},
}

// langOf guesses the language of a test sentence for the tagger.
func langOf(s string) string {
	switch {
	case strings.Contains(s, "Die Wahl"):
		return "de"
	case strings.Contains(s, "L'accord"):
		return "fr"
	case strings.Contains(s, "El acuerdo"):
		return "es"
	case strings.Contains(s, "Соглашение"):
		return "ru"
	case strings.Contains(s, "Угоду"):
		return "uk"
	}
	return "en"
}

func render(text string, ds []doc.Date) string {
	var parts []string
	for _, d := range ds {
		p := text[d.Start:d.End] + "=" + d.Value
		if d.Mod != "" {
			p += "~" + d.Mod
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, "; ")
}

func TestTag(t *testing.T) {
	tg, err := New(Config{VagueRefs: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range dateCases {
		ds, err := tg.Tag(c.text, langOf(c.text), c.pub, nil)
		if err != nil {
			t.Fatalf("%q: %v", c.text, err)
		}
		if got := render(c.text, ds); got != c.want {
			t.Errorf("%q (published %q):\n got  %s\n want %s", c.text, c.pub, got, c.want)
		}
	}
}

// TestVagueRefs checks that TimeML's vague references are left out of the
// dates layer unless asked for.
func TestVagueRefs(t *testing.T) {
	text := "Now prices are rising, as they did recently and will in the future; sales fell on Monday."
	for _, keep := range []bool{false, true} {
		tg, err := New(Config{VagueRefs: keep})
		if err != nil {
			t.Fatal(err)
		}
		ds, _ := tg.Tag(text, "en", pub, nil)
		want := "Monday=2005-02-14"
		if keep {
			want = "Now=PRESENT_REF; recently=PAST_REF; the future=FUTURE_REF; Monday=2005-02-14"
		}
		if got := render(text, ds); got != want {
			t.Errorf("VagueRefs %v: got %s, want %s", keep, got, want)
		}
	}
}

// TestWeekdayGrid checks every weekday against every publication weekday
// in a past and a future clause: the past is on or before publication,
// the future on or after, and both within a week.
func TestWeekdayGrid(t *testing.T) {
	tg, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	days := []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
	for p := 14; p <= 20; p++ { // 2005-02-14 is a Monday
		published := fmt.Sprintf("2005-02-%02d", p)
		for wd, name := range days {
			for _, future := range []bool{false, true} {
				text := "The minister said on " + name + " that he had resigned."
				if future {
					text = "The minister will resign on " + name + "."
				}
				ds, _ := tg.Tag(text, "en", published, nil)
				if len(ds) != 1 {
					t.Fatalf("%q: got %d dates", text, len(ds))
				}
				var y, m, d int
				if _, err := fmt.Sscanf(ds[0].Value, "%d-%d-%d", &y, &m, &d); err != nil {
					t.Fatalf("%q: value %q", text, ds[0].Value)
				}
				off := d - p
				wantWd := (14 + wd - 14) % 7 // Monday = 0
				gotWd := (d - 14 + 70) % 7
				switch {
				case gotWd != wantWd:
					t.Errorf("%q published %s: %s is not a %s", text, published, ds[0].Value, name)
				case future && (off < 0 || off > 6):
					t.Errorf("%q published %s: %s is not in the week after", text, published, ds[0].Value)
				case !future && (off > 0 || off < -6):
					t.Errorf("%q published %s: %s is not in the week before", text, published, ds[0].Value)
				}
			}
		}
	}
}

// TestSpans checks the invariants the JSON form relies on, on every case.
func TestSpans(t *testing.T) {
	tg, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range dateCases {
		ds, _ := tg.Tag(c.text, langOf(c.text), c.pub, nil)
		checkDates(t, c.text, ds)
	}
}

func checkDates(t testing.TB, text string, ds []doc.Date) {
	t.Helper()
	last := 0
	for _, d := range ds {
		if d.Start < last || d.End <= d.Start || d.End > len(text) {
			t.Fatalf("%q: bad span %d-%d", text, d.Start, d.End)
		}
		if !utf8.ValidString(text[d.Start:d.End]) {
			t.Fatalf("%q: span %d-%d splits a character", text, d.Start, d.End)
		}
		if d.Value != "" && !validValue(d.Value) {
			t.Fatalf("%q: bad value %q", text, d.Value)
		}
		last = d.End
	}
}

// validValue reports whether v is one of the value forms the package
// documents.
func validValue(v string) bool {
	for _, part := range strings.Split(v, "/") {
		if !validOne(part) {
			return false
		}
	}
	return true
}

func validOne(v string) bool {
	switch v {
	case "PRESENT_REF", "PAST_REF", "FUTURE_REF":
		return true
	}
	shape := []byte(v)
	for i, c := range shape {
		if c >= '0' && c <= '9' {
			shape[i] = '9'
		}
	}
	switch string(shape) {
	case "99", "999", "9999", "9999-99", "9999-99-99", "9999-99-99T99:99", "9999-W99", "9999-W99-WE", "9999-Q9", "9999-H9":
		return true
	}
	if strings.HasPrefix(string(shape), "9999-99-99T") || strings.HasPrefix(string(shape), "9999-") && len(v) == 7 {
		return true // parts of day (TMO …) and seasons (SU …)
	}
	return false
}

// TestOtherLanguages checks the relative words and month names of the
// German, French, Spanish, Russian and Ukrainian packs.
func TestOtherLanguages(t *testing.T) {
	tg, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ iso, text, want string }{
		{"de", "Der Minister trat gestern zurück.", "gestern=2005-02-15"},
		{"de", "Die Gespräche begannen letzte Woche.", "letzte Woche=2005-W06"},
		{"de", "Das Gesetz gilt seit März 2004.", "März 2004=2004-03"},
		{"fr", "Le ministre a démissionné hier.", "hier=2005-02-15"},
		{"fr", "L'accord entre en vigueur le 1er mars 2005.", "1er mars 2005=2005-03-01"},
		{"es", "El ministro dimitió ayer.", "ayer=2005-02-15"},
		{"ru", "Министр ушёл в отставку вчера.", "вчера=2005-02-15"},
		{"ru", "Переговоры прошли на прошлой неделе.", "прошлой неделе=2005-W06"},
		{"ru", "Закон принят в прошлом году.", "прошлом году=2004"},
		{"ru", "Выборы пройдут 14 марта.", "14 марта=2005-03-14"},
		{"uk", "Міністр пішов у відставку вчора.", "вчора=2005-02-15"},
		{"uk", "Переговори відбулися минулого тижня.", "минулого тижня=2005-W06"},
		{"uk", "Закон ухвалили 14 лютого 2025 року.", "14 лютого 2025=2025-02-14"},
	} {
		ds, err := tg.Tag(c.text, c.iso, pub, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := render(c.text, ds); got != c.want {
			t.Errorf("%s %q:\n got  %s\n want %s", c.iso, c.text, got, c.want)
		}
	}
}
