package amount

import (
	"math"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/doc"
)

type amountCase struct {
	text string
	// want lists every amount found, in order, joined by "; ", as
	// "text=value unit" with optional " max=V", " q=QUALIFIER", " per=UNIT";
	// a missing value is written "null".
	want string
}

// The sentences are written for these tests, modelled on the forms that
// occur in news text (BBC, AP, Reuters styles); none is copied from a corpus.
var amountCases = []amountCase{
	// money with signs and magnitudes
	{"The firm made £3bn last year.", "£3bn=3e+09 GBP"},
	{"The firm made £3.5bn last year.", "£3.5bn=3.5e+09 GBP"},
	{"The firm made $500 billion.", "$500 billion=5e+11 USD"},
	{"The firm made $120m.", "$120m=1.2e+08 USD"},
	{"Debt reached £3tn.", "£3tn=3e+12 GBP"},
	{"It sold for €2.5m.", "€2.5m=2.5e+06 EUR"},
	{"It sold for €2.5 million.", "€2.5 million=2.5e+06 EUR"},
	{"It sold for ¥300bn.", "¥300bn=3e+11 JPY"},
	{"The fine was ₴200,000.", "₴200,000=200000 UAH"},
	{"The fine was ₽10bn.", "₽10bn=1e+10 RUB"},
	{"The fine was 500 hryvnias.", "500 hryvnias=500 UAH"},
	{"The fine was 3m roubles.", "3m roubles=3e+06 RUB"},
	{"The fine was 3m rubles.", "3m rubles=3e+06 RUB"},
	{"The fine was US$1.2bn.", "US$1.2bn=1.2e+09 USD"},
	{"The fine was A$40m.", "A$40m=4e+07 AUD"},
	{"Profits hit 1.2bn euros.", "1.2bn euros=1.2e+09 EUR"},
	{"Profits hit 700m euros.", "700m euros=7e+08 EUR"},
	{"Profits hit 5bn dollars.", "5bn dollars=5e+09 USD"},
	{"Profits hit 20 billion yen.", "20 billion yen=2e+10 JPY"},
	{"Profits hit 40 million Swiss francs.", "40 million Swiss francs=4e+07 CHF"},
	{"Profits hit USD 300m.", "USD 300m=3e+08 USD"},
	{"Profits hit 300m USD.", "300m USD=3e+08 USD"},
	{"Profits hit EUR 12bn.", "EUR 12bn=1.2e+10 EUR"},
	{"A stamp costs 30p.", "30p=0.3 GBP"},
	{"A stamp costs 30 pence.", "30 pence=0.3 GBP"},
	{"A call costs 10 cents.", "10 cents=0.1 USD"},
	{"The bill came to £1,250.", "£1,250=1250 GBP"},
	{"The bill came to £1,250.50.", "£1,250.50=1250.5 GBP"},
	{"The house sold for £250,000.", "£250,000=250000 GBP"},
	{"It costs half a billion dollars.", "half a billion dollars=5e+08 USD"},
	{"It costs a million pounds.", "a million pounds=1e+06 GBP"},
	{"It costs two million pounds.", "two million pounds=2e+06 GBP"},
	{"It costs three hundred thousand dollars.", "three hundred thousand dollars=300000 USD"},
	{"It costs $1.5 trillion.", "$1.5 trillion=1.5e+12 USD"},
	{"It costs £5 m.", "£5=5 GBP"},
	{"Sales rose to £12.3bn from £11.9bn.", "£12.3bn=1.23e+10 GBP; £11.9bn=1.19e+10 GBP"},
	// ranges
	{"The bill will be $3-5 billion.", "$3-5 billion=3e+09 USD max=5e+09"},
	{"The bill will be £3m-£5m.", "£3m-£5m=3e+06 GBP max=5e+06"},
	{"The bill will be between £3m and £5m.", "between £3m and £5m=3e+06 GBP max=5e+06"},
	{"Growth of 2-3% is forecast.", "2-3%=2 percent max=3"},
	{"Growth of 2 to 3 per cent is forecast.", "2 to 3 per cent=2 percent max=3"},
	{"It will cost £10bn to £15bn.", "£10bn to £15bn=1e+10 GBP max=1.5e+10"},
	// qualifiers
	{"It will cost about £3bn.", "about £3bn=3e+09 GBP q=about"},
	{"It will cost around $2m.", "around $2m=2e+06 USD q=about"},
	{"It will cost more than £1bn.", "more than £1bn=1e+09 GBP q=more than"},
	{"It will cost nearly £1bn.", "nearly £1bn=1e+09 GBP q=nearly"},
	{"It will cost almost £1bn.", "almost £1bn=1e+09 GBP q=nearly"},
	{"It will cost up to £1bn.", "up to £1bn=1e+09 GBP q=up to"},
	{"It will cost at least £1bn.", "at least £1bn=1e+09 GBP q=at least"},
	{"It will cost less than £1bn.", "less than £1bn=1e+09 GBP q=less than"},
	{"It will cost over £1bn.", "over £1bn=1e+09 GBP q=more than"},
	{"It will cost an estimated £1bn.", "an estimated £1bn=1e+09 GBP q=about"},
	{"Some 40,000 people marched.", "Some 40,000 people=40000 people q=about"},
	{"More than 100,000 people signed.", "More than 100,000 people=100000 people q=more than"},
	// rates
	{"The minimum wage rises to £5 an hour.", "£5 an hour=5 GBP per=hour"},
	{"Nurses earn £20,000 a year.", "£20,000 a year=20000 GBP per=year"},
	{"Oil hit $55 a barrel.", "$55 a barrel=55 USD per=barrel"},
	{"Shares closed at $30 a share.", "$30 a share=30 USD per=share"},
	{"Tickets cost £40 per person.", "£40 per person=40 GBP per=person"},
	{"Fees rise to £3,000 a year.", "£3,000 a year=3000 GBP per=year"},
	{"The firm lost £5m a year ago.", "£5m=5e+06 GBP"},
	{"Homes use 10 litres a day.", "10 litres a day=10 l per=day"},
	// percentages
	{"Turnout was 61%.", "61%=61 percent"},
	{"Turnout was 61.4%.", "61.4%=61.4 percent"},
	{"Turnout was 61 per cent.", "61 per cent=61 percent"},
	{"Turnout was 61 percent.", "61 percent=61 percent"},
	{"Rates rose by 0.25 percentage points.", "0.25 percentage points=0.25 percentage points"},
	{"Sales fell by about 5%.", "about 5%=5 percent q=about"},
	{"Unemployment is at 4.7% and inflation at 1.6%.", "4.7%=4.7 percent; 1.6%=1.6 percent"},
	// people and other counts
	{"The plant employs 2,500 workers.", "2,500 workers=2500 people"},
	{"The plant will cut 1,000 jobs.", "1,000 jobs=1000 jobs"},
	{"About 300 troops were sent.", "About 300 troops=300 people q=about"},
	{"The 14 Liberal MPs abstained.", "14 Liberal MPs=14 MPs"},
	{"Five British detainees were freed.", "Five British detainees=5 people"},
	{"The committee has 25 members.", "25 members=25 people"},
	{"Hundreds of thousands of people marched.", "Hundreds of thousands of people=null people q=hundreds of thousands"},
	{"Thousands of people marched.", "Thousands of people=null people q=thousands"},
	{"Millions of pounds were wasted.", "Millions of pounds=null GBP q=millions"},
	{"Tens of thousands of workers struck.", "Tens of thousands of workers=null people q=tens of thousands"},
	{"The album sold 5m copies.", "5m copies=5e+06 copies"},
	{"A million people watched.", "A million people=1e+06 people"},
	{"The site has 2.5 million users.", "2.5 million users=2.5e+06 people"},
	{"Some 300 more troops arrived.", "Some 300 more troops=300 people q=about"},
	// measures
	{"The route is 20km long.", "20km=20 km"},
	{"The route is 20 km long.", "20 km=20 km"},
	{"The route is 12 miles long.", "12 miles=12 miles"},
	{"A 5-mile walk.", "5-mile=5 miles"},
	{"It weighs 5 tonnes.", "5 tonnes=5 t"},
	{"It weighs 70kg.", "70kg=70 kg"},
	{"It weighs 3.5 kilograms.", "3.5 kilograms=3.5 kg"},
	{"It covers 400 hectares.", "400 hectares=400 ha"},
	{"Winds of 100mph were recorded.", "100mph=100 mph"},
	{"The plant makes 500 megawatts.", "500 megawatts=500 MW"},
	// not amounts
	{"The company took a fourth-quarter charge.", ""},
	{"He came fourth in the race.", ""},
	{"The law was passed in 2004.", ""},
	{"He scored 2 goals in 3 games.", ""},
	{"Section 28 was repealed.", ""},
	{"The 1990s were good.", ""},
	{"On 5 May 2005 voters go to the polls.", ""},
	{"The 24-hour strike ended.", ""},
	{"At 10:30 the match began.", ""},
	{"A $ sign alone.", ""},
	{"£", ""},
	{"bn", ""},
	{"the first of many", ""},
}

func render(text string, as []doc.Amount) string {
	var parts []string
	for _, a := range as {
		v := "null"
		if a.Value != nil {
			v = strconv.FormatFloat(*a.Value, 'g', -1, 64)
		}
		p := text[a.Start:a.End] + "=" + v + " " + a.Unit
		if a.Max != nil {
			p += " max=" + strconv.FormatFloat(*a.Max, 'g', -1, 64)
		}
		if a.Qualifier != "" {
			p += " q=" + a.Qualifier
		}
		if a.Per != "" {
			p += " per=" + a.Per
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, "; ")
}

func TestTag(t *testing.T) {
	tg, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range amountCases {
		as, err := tg.Tag(c.text, "en")
		if err != nil {
			t.Fatalf("%q: %v", c.text, err)
		}
		if got := render(c.text, as); got != c.want {
			t.Errorf("%q:\n got  %s\n want %s", c.text, got, c.want)
		}
		checkAmounts(t, c.text, as)
	}
}

func checkAmounts(t testing.TB, text string, as []doc.Amount) {
	t.Helper()
	last := 0
	for _, a := range as {
		if a.Start < last || a.End <= a.Start || a.End > len(text) {
			t.Fatalf("%q: bad span %d-%d", text, a.Start, a.End)
		}
		if !utf8.ValidString(text[a.Start:a.End]) {
			t.Fatalf("%q: span %d-%d splits a character", text, a.Start, a.End)
		}
		if a.Value != nil && (math.IsNaN(*a.Value) || math.IsInf(*a.Value, 0)) {
			t.Fatalf("%q: value %v", text, *a.Value)
		}
		if a.Max != nil && (a.Value == nil || *a.Max <= *a.Value) {
			t.Fatalf("%q: max %v not above value", text, *a.Max)
		}
		if a.Unit == "" {
			t.Fatalf("%q: amount %q without a unit", text, text[a.Start:a.End])
		}
		last = a.End
	}
}

// TestOtherLanguages checks Russian and Ukrainian amounts: their own words
// and magnitudes on top of the shared signs and codes.
func TestOtherLanguages(t *testing.T) {
	tg, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ iso, text, want string }{
		{"ru", "Бюджет составит 1,5 млрд рублей.", "1,5 млрд рублей=1.5e+09 RUB"},
		{"ru", "Около 200 человек пришли, рост 5%.", "Около 200 человек=200 people q=about; 5%=5 percent"},
		{"ru", "Кредит на $500 млн.", "$500 млн=5e+08 USD"},
		{"uk", "Уряд виділив 3 млрд гривень.", "3 млрд гривень=3e+09 UAH"},
		{"uk", "Понад 40 тисяч осіб евакуйовано.", "Понад 40 тисяч осіб=40000 people q=more than"},
		{"uk", "Ціна ₴200.", "₴200=200 UAH"},
	} {
		as, err := tg.Tag(c.text, c.iso)
		if err != nil {
			t.Fatal(err)
		}
		if got := render(c.text, as); got != c.want {
			t.Errorf("%s %q:\n got  %s\n want %s", c.iso, c.text, got, c.want)
		}
	}
}
