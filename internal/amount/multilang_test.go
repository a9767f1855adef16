package amount

import (
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/lang/langtest"
)

// langAmountCases are sentences written for these tests in each language of
// issue #9: decimal commas, thousands written with a point or a (narrow)
// no-break space, magnitude words and abbreviations, inflected currency
// words and the prepositions before them, people and percentages.
var langAmountCases = []struct{ iso, text, want string }{
	// German
	{"de", "Der Fonds umfasst 500 Mrd. Dollar.", "500 Mrd. Dollar=5e+11 USD"},
	{"de", "Das Paket kostet 2,5 Milliarden Euro.", "2,5 Milliarden Euro=2.5e+09 EUR"},
	{"de", "Jeder Haushalt erhält 3.000 Euro.", "3.000 Euro=3000 EUR"},
	{"de", "Die Kosten lagen bei 1.234,50 Euro.", "1.234,50 Euro=1234.5 EUR"},
	{"de", "Rund 40.000 Menschen demonstrierten.", "Rund 40.000 Menschen=40000 people q=about"},
	{"de", "Die Inflation stieg auf 2,4 Prozent.", "2,4 Prozent=2.4 percent"},
	{"de", "Der Konzern zahlt 300 Mio. Euro Strafe.", "300 Mio. Euro=3e+08 EUR"},
	{"de", "Die Preise stiegen um 3 bis 5 Prozent.", "3 bis 5 Prozent=3 percent max=5"},
	{"de", "Es kostet 50 €.", "50 €=50 EUR"},
	// French
	{"fr", "Le plan prévoit 2,5 milliards d'euros.", "2,5 milliards d'euros=2.5e+09 EUR"},
	{"fr", "L'aide atteint 500 millions de dollars.", "500 millions de dollars=5e+08 USD"},
	{"fr", "Le budget est de 1 000 000 euros.", "1 000 000 euros=1e+06 EUR"},
	{"fr", "Environ 40\u202f000 personnes ont manifesté.", "Environ 40\u202f000 personnes=40000 people q=about"},
	{"fr", "Le chômage a baissé de 0,3 %.", "0,3 %=0.3 percent"},
	{"fr", "Plus de 12 000 soldats sont déployés.", "Plus de 12 000 soldats=12000 people q=more than"},
	// Spanish
	{"es", "El fondo suma 2.500 millones de dólares.", "2.500 millones de dólares=2.5e+09 USD"},
	{"es", "Cada familia recibirá 3.000 euros.", "3.000 euros=3000 EUR"},
	{"es", "Unas 40.000 personas se manifestaron.", "Unas 40.000 personas=40000 people q=about"},
	{"es", "La inflación subió un 2,4 por ciento.", "2,4 por ciento=2.4 percent"},
	// Italian
	{"it", "Il piano vale 2,5 miliardi di euro.", "2,5 miliardi di euro=2.5e+09 EUR"},
	{"it", "Ogni famiglia riceverà 3.000 euro.", "3.000 euro=3000 EUR"},
	{"it", "Circa 40.000 persone hanno manifestato.", "Circa 40.000 persone=40000 people q=about"},
	{"it", "L'aiuto è di 500 milioni di dollari.", "500 milioni di dollari=5e+08 USD"},
	{"it", "Il PIL è cresciuto dello 0,7 per cento.", "0,7 per cento=0.7 percent"},
	// Polish
	{"pl", "Rząd wyda 1,2 mln zł na szkoły.", "1,2 mln zł=1.2e+06 PLN"},
	{"pl", "Pomoc wyniesie 500 mln dolarów.", "500 mln dolarów=5e+08 USD"},
	{"pl", "Budżet to 1 000 000 złotych.", "1 000 000 złotych=1e+06 PLN"},
	{"pl", "Ponad 40 tys. osób protestowało.", "Ponad 40 tys. osób=40000 people q=more than"},
	{"pl", "Inflacja wyniosła 4,9 proc.", "4,9 proc=4.9 percent"},
	{"pl", "Kontrakt opiewa na 3 mld euro.", "3 mld euro=3e+09 EUR"},
	// Russian
	{"ru", "Фонд составит 500 млрд долларов.", "500 млрд долларов=5e+11 USD"},
	{"ru", "Бюджет составит 1,5 млрд рублей.", "1,5 млрд рублей=1.5e+09 RUB"},
	{"ru", "Компания заплатит 1\u00a0000\u00a0000 рублей.", "1\u00a0000\u00a0000 рублей=1e+06 RUB"},
	{"ru", "Около 40 000 человек вышли на улицы.", "Около 40 000 человек=40000 people q=about"},
	{"ru", "Кредит составит 2 млрд. рублей.", "2 млрд. рублей=2e+09 RUB"},
	{"ru", "Инфляция составила 9,5 процента.", "9,5 процента=9.5 percent"},
	// Ukrainian
	{"uk", "Уряд отримав 500 мільярдів доларів.", "500 мільярдів доларів=5e+11 USD"},
	{"uk", "Кредит становить 2,5 млрд доларів.", "2,5 млрд доларів=2.5e+09 USD"},
	{"uk", "Виділено 300 млн гривень.", "300 млн гривень=3e+08 UAH"},
	{"uk", "Понад 40 000 осіб евакуювали.", "Понад 40 000 осіб=40000 people q=more than"},
	{"uk", "Ціни зросли на 12 відсотків.", "12 відсотків=12 percent"},
	{"uk", "Штраф — 1 000 000 гривень.", "1 000 000 гривень=1e+06 UAH"},
	// number words before magnitudes
	{"de", "Der Bund gibt zwei Milliarden Euro aus.", "zwei Milliarden Euro=2e+09 EUR"},
	{"fr", "L'État débloque trois millions d'euros.", "trois millions d'euros=3e+06 EUR"},
	{"es", "El Gobierno destina dos millones de euros.", "dos millones de euros=2e+06 EUR"},
	{"it", "Il governo stanzia due miliardi di euro.", "due miliardi di euro=2e+09 EUR"},
	{"pl", "Rząd przeznaczy dwa miliardy złotych.", "dwa miliardy złotych=2e+09 PLN"},
	{"ru", "Правительство выделит два миллиарда рублей.", "два миллиарда рублей=2e+09 RUB"},
	{"uk", "Уряд виділить два мільярди гривень.", "два мільярди гривень=2e+09 UAH"},
	// counts without a number
	{"de", "Tausende Menschen demonstrierten in Berlin.", "Tausende Menschen=null people q=Tausende"},
	{"fr", "Des milliers de personnes ont manifesté.", "Des milliers de personnes=null people q=des milliers de"},
	{"es", "Miles de personas se manifestaron.", "Miles de personas=null people q=miles de"},
	{"it", "Migliaia di persone hanno manifestato.", "Migliaia di persone=null people q=migliaia di"},
	{"pl", "Tysiące osób protestowały w Warszawie.", "Tysiące osób=null people q=tysiące"},
	{"ru", "Тысячи людей вышли на улицы.", "Тысячи людей=null people q=тысячи"},
	{"uk", "Сотні тисяч осіб виїхали.", "Сотні тисяч осіб=null people q=сотні тисяч"},
	// per-unit amounts
	{"de", "Der Mindestlohn steigt auf 12,82 Euro pro Stunde.", "12,82 Euro pro Stunde=12.82 EUR per=hour"},
	{"fr", "Le loyer atteint 900 euros par mois.", "900 euros par mois=900 EUR per=month"},
	{"es", "El alquiler cuesta 900 euros al mes.", "900 euros al mes=900 EUR per=month"},
	{"it", "L'affitto costa 900 euro al mese.", "900 euro al mese=900 EUR per=month"},
	{"pl", "Czynsz wynosi 3000 zł za miesiąc.", "3000 zł za miesiąc=3000 PLN per=month"},
	{"ru", "Нефть стоит 80 долларов за баррель.", "80 долларов за баррель=80 USD per=barrel"},
	{"uk", "Оренда коштує 15 000 гривень на місяць.", "15 000 гривень на місяць=15000 UAH per=month"},
	{"ru", "Цены выросли на 5 процентов год назад.", "5 процентов=5 percent"},
}

// TestLanguages checks the amounts of every language of issue #9.
func TestLanguages(t *testing.T) {
	tg, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range langAmountCases {
		as, err := tg.Tag(c.text, c.iso)
		if err != nil {
			t.Fatal(err)
		}
		if got := render(c.text, as); got != c.want {
			t.Errorf("%s %q:\n got  %s\n want %s", c.iso, c.text, got, c.want)
		}
	}
}

// BenchmarkTagLang tags the news text of each language written for the
// benchmarks (package langtest) and reports words per second, to compare
// the languages with English.
func BenchmarkTagLang(b *testing.B) {
	tg, err := New(Config{})
	if err != nil {
		b.Fatal(err)
	}
	for _, iso := range langtest.Languages {
		b.Run(iso, func(b *testing.B) {
			text := strings.Repeat(langtest.News(iso)+"\n\n", 20)
			words := langtest.Words(text)
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				if _, err := tg.Tag(text, iso); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(words*b.N)/b.Elapsed().Seconds(), "words/s")
		})
	}
}

// FuzzTagLang checks the amount invariants (spans inside the text, on
// character boundaries, in order, finite values, a unit) in every language,
// whose digit conventions differ (decimal commas, spaced thousands).
func FuzzTagLang(f *testing.F) {
	for k, c := range langAmountCases {
		f.Add(c.text, uint8(k%len(langtest.Languages)))
	}
	f.Add("1 000 000,5 1.234.567,89 1.2.3 2,5,5 000 000 Mrd. . Mio.", uint8(1))
	tg, err := New(Config{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string, k uint8) {
		if len(text) > 4096 {
			return
		}
		iso := langtest.Languages[int(k)%len(langtest.Languages)]
		as, err := tg.Tag(text, iso)
		if err != nil {
			t.Fatal(err)
		}
		checkAmounts(t, text, as)
	})
}
