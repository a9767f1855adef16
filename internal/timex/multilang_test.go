package timex

import (
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/lang/langtest"
)

// langDateCases are sentences written for these tests in each language of
// issue #9, with the dates expected when the text is published on
// Wednesday 16 February 2005 (pub): absolute dates with inflected month
// names, numeric dates, weekdays resolved by tense, shifted units and
// counts, in the word orders each language uses.
var langDateCases = []struct{ iso, text, want string }{
	// German
	{"de", "Die Wahl findet am 23. Februar 2025 statt.", "23. Februar 2025=2025-02-23"},
	{"de", "Das Abkommen wurde am 13.02.2025 in Berlin unterzeichnet.", "13.02.2025=2025-02-13"},
	{"de", "Die Frist endet am 1.3.2025.", "1.3.2025=2025-03-01"},
	{"de", "Das Urteil fiel am 04/05/2004.", "04/05/2004=2004-05-04"},
	{"de", "Der Kanzler traf den Präsidenten am Dienstag in Paris.", "Dienstag=2005-02-15"},
	{"de", "Der Kanzler wird den Präsidenten am Dienstag in Paris treffen.", "Dienstag=2005-02-22"},
	{"de", "Die Gespräche begannen vergangene Woche.", "vergangene Woche=2005-W06"},
	{"de", "Die Minister treffen sich nächste Woche erneut.", "nächste Woche=2005-W08"},
	{"de", "Im vergangenen Jahr stiegen die Preise um drei Prozent.", "vergangenen Jahr=2004"},
	{"de", "Der Vertrag wurde vor zwei Tagen verlängert.", "vor zwei Tagen=2005-02-14"},
	{"de", "Das Gesetz trat gestern in Kraft.", "gestern=2005-02-15"},
	{"de", "Am 13. Februar sprach der Minister vor dem Parlament.", "13. Februar=2005-02-13"},
	{"de", "Die Konferenz dauert vom 14. bis 16. März.", "14. bis 16. März=2005-03-14/2005-03-16"},
	// French
	{"fr", "L'accord a été signé le 13 février 2025 à Paris.", "13 février 2025=2025-02-13"},
	{"fr", "Le décret est paru le 13/02/2025.", "13/02/2025=2025-02-13"},
	{"fr", "Le ministre a rencontré son homologue mardi dernier.", "mardi dernier=2005-02-15"},
	{"fr", "Les ministres se retrouveront mardi prochain à Bruxelles.", "mardi prochain=2005-02-22"},
	{"fr", "Le sommet a eu lieu mardi à Genève.", "mardi=2005-02-15"},
	{"fr", "La semaine dernière, les prix ont augmenté.", "semaine dernière=2005-W06"},
	{"fr", "L'année dernière, le déficit a baissé.", "année dernière=2004"},
	{"fr", "Le texte a été adopté il y a deux jours.", "il y a deux jours=2005-02-14"},
	{"fr", "Le ministre a démissionné hier soir.", "hier soir=2005-02-15TEV"},
	{"fr", "Les élections auront lieu en mars 2006.", "mars 2006=2006-03"},
	{"fr", "Le salon se tiendra du 14 au 16 mars.", "14 au 16 mars=2005-03-14/2005-03-16"},
	// Spanish
	{"es", "El acuerdo se firmó el 13 de febrero de 2025 en Madrid.", "13 de febrero de 2025=2025-02-13"},
	{"es", "La ley se publicó el 13/02/2025.", "13/02/2025=2025-02-13"},
	{"es", "El ministro se reunió con su homólogo el martes pasado.", "martes pasado=2005-02-15"},
	{"es", "Los ministros se reunirán el próximo martes.", "próximo martes=2005-02-22"},
	{"es", "La semana pasada el Gobierno aprobó el plan.", "semana pasada=2005-W06"},
	{"es", "La cumbre se celebrará la semana que viene.", "semana que viene=2005-W08"},
	{"es", "El año pasado la inflación bajó.", "año pasado=2004"},
	{"es", "El presidente dimitió hace dos días.", "hace dos días=2005-02-14"},
	{"es", "El ministro dimitió ayer.", "ayer=2005-02-15"},
	{"es", "La feria será del 14 al 16 de marzo.", "14 al 16 de marzo=2005-03-14/2005-03-16"},
	// Italian
	{"it", "L'accordo è stato firmato il 13 febbraio 2025 a Roma.", "13 febbraio 2025=2025-02-13"},
	{"it", "Il decreto è stato pubblicato il 13/02/2025.", "13/02/2025=2025-02-13"},
	{"it", "Il ministro ha incontrato il collega martedì scorso.", "martedì scorso=2005-02-15"},
	{"it", "La settimana scorsa il governo ha approvato il piano.", "settimana scorsa=2005-W06"},
	{"it", "L'anno scorso il deficit è sceso.", "anno scorso=2004"},
	{"it", "Lo scorso anno il deficit è sceso.", "scorso anno=2004"},
	{"it", "Il premier si è dimesso due giorni fa.", "due giorni fa=2005-02-14"},
	{"it", "Il ministro si è dimesso ieri.", "ieri=2005-02-15"},
	{"it", "Le elezioni si terranno a marzo.", "marzo=2005-03"},
	// Polish
	{"pl", "Umowę podpisano 13 lutego 2025 r. w Warszawie.", "13 lutego 2025=2025-02-13"},
	{"pl", "Ustawa weszła w życie 13.02.2025.", "13.02.2025=2025-02-13"},
	{"pl", "W zeszłym tygodniu rząd przyjął projekt.", "zeszłym tygodniu=2005-W06"},
	{"pl", "Minister spotkał się z ambasadorem we wtorek.", "wtorek=2005-02-15"},
	{"pl", "Minister będzie rozmawiał z ambasadorem we wtorek.", "wtorek=2005-02-22"},
	{"pl", "Premier odwiedził Kijów w zeszły piątek.", "zeszły piątek=2005-02-11"},
	{"pl", "Posłowie przyjęli ustawę dwa dni temu.", "dwa dni temu=2005-02-14"},
	{"pl", "W ubiegłym roku inflacja spadła.", "ubiegłym roku=2004"},
	{"pl", "Prezydent wrócił wczoraj z Brukseli.", "wczoraj=2005-02-15"},
	{"pl", "Rozmowy odbędą się w przyszłym tygodniu.", "przyszłym tygodniu=2005-W08"},
	// Russian
	{"ru", "Встреча прошла 13 февраля 2025 г. в Эр-Рияде.", "13 февраля 2025=2025-02-13"},
	{"ru", "Указ подписан 13.02.2025.", "13.02.2025=2025-02-13"},
	{"ru", "Министры встретились в прошлый вторник.", "прошлый вторник=2005-02-15"},
	{"ru", "Стороны провели переговоры в прошлую пятницу.", "прошлую пятницу=2005-02-11"},
	{"ru", "Министр встретился с послом во вторник.", "вторник=2005-02-15"},
	{"ru", "Министр будет встречаться с послом во вторник.", "вторник=2005-02-22"},
	{"ru", "Переговоры прошли на прошлой неделе.", "прошлой неделе=2005-W06"},
	{"ru", "Закон приняли два дня назад.", "два дня назад=2005-02-14"},
	{"ru", "Министр ушёл в отставку вчера.", "вчера=2005-02-15"},
	{"ru", "В прошлом месяце цены выросли.", "прошлом месяце=2005-01"},
	{"ru", "Учения пройдут с 14 по 16 марта.", "14 по 16 марта=2005-03-14/2005-03-16"},
	{"ru", "Переговоры начнутся в следующую среду.", "следующую среду=2005-02-23"},
	// Ukrainian
	{"uk", "Угоду підписали 13 лютого 2025 р. у Києві.", "13 лютого 2025=2025-02-13"},
	{"uk", "Указ підписано 13.02.2025.", "13.02.2025=2025-02-13"},
	{"uk", "Переговори відбулися минулого тижня.", "минулого тижня=2005-W06"},
	{"uk", "Міністри зустрілися у вівторок.", "вівторок=2005-02-15"},
	{"uk", "Міністр буде зустрічатися з послом у вівторок.", "вівторок=2005-02-22"},
	{"uk", "Сторони домовилися минулої п'ятниці.", "минулої п'ятниці=2005-02-11"},
	{"uk", "Закон ухвалили два дні тому.", "два дні тому=2005-02-14"},
	{"uk", "Міністр пішов у відставку вчора.", "вчора=2005-02-15"},
	{"uk", "Саміт відбудеться наступного тижня.", "наступного тижня=2005-W08"},
	// months alone, weekdays in their case forms, modifiers, this week
	{"de", "Im Februar sank die Arbeitslosigkeit.", "Februar=2005-02"},
	{"de", "Am Montag, den 17. Februar 2025, begann der Gipfel.", "Montag, den 17. Februar 2025=2025-02-17"},
	{"de", "Anfang März will die Regierung entscheiden.", "Anfang März=2005-03~START"},
	{"de", "Ende 2024 stiegen die Preise.", "Ende 2024=2024~END"},
	{"de", "Seit dem 1. Januar gilt das Gesetz.", "1. Januar=2005-01-01"},
	{"fr", "Le mardi 18 février 2025, les ministres se sont réunis.", "mardi 18 février 2025=2025-02-18"},
	{"fr", "En février, le chômage a baissé.", "février=2005-02"},
	{"fr", "Fin mars, le gouvernement décidera.", "Fin mars=2005-03~END"},
	{"fr", "Cette semaine, les prix ont augmenté.", "Cette semaine=2005-W07"},
	{"es", "El martes 18 de febrero se reunieron.", "martes 18 de febrero=2005-02-18"},
	{"es", "En febrero bajó el paro.", "febrero=2005-02"},
	{"es", "A finales de marzo se decidirá.", "finales de marzo=2005-03~END"},
	{"es", "Esta semana subieron los precios.", "Esta semana=2005-W07"},
	{"it", "Martedì 18 febbraio i ministri si sono riuniti.", "Martedì 18 febbraio=2005-02-18"},
	{"it", "A febbraio è sceso il tasso di disoccupazione.", "febbraio=2005-02"},
	{"it", "Questa settimana i prezzi sono saliti.", "Questa settimana=2005-W07"},
	{"it", "La prossima settimana il governo deciderà.", "prossima settimana=2005-W08"},
	{"pl", "W lutym spadło bezrobocie.", "lutym=2005-02"},
	{"pl", "W środę ministrowie spotkali się w Brukseli.", "środę=2005-02-16"},
	{"pl", "W tym tygodniu ceny wzrosły.", "tym tygodniu=2005-W07"},
	{"pl", "Pod koniec marca rząd podejmie decyzję.", "koniec marca=2005-03~END"},
	{"pl", "Od 1 stycznia obowiązuje nowe prawo.", "1 stycznia=2005-01-01"},
	{"ru", "В феврале безработица снизилась.", "феврале=2005-02"},
	{"ru", "В среду министры встретились в Брюсселе.", "среду=2005-02-16"},
	{"ru", "На этой неделе цены выросли.", "этой неделе=2005-W07"},
	{"ru", "В конце марта правительство примет решение.", "конце марта=2005-03~END"},
	{"ru", "С 1 января действует новый закон.", "1 января=2005-01-01"},
	{"ru", "В 2024 году цены выросли.", "2024=2024"},
	{"ru", "В прошлом году цены выросли.", "прошлом году=2004"},
	{"ru", "Три недели назад стороны договорились.", "Три недели назад=2005-W04"},
	{"uk", "У лютому безробіття знизилося.", "лютому=2005-02"},
	{"uk", "У середу міністри зустрілися в Брюсселі.", "середу=2005-02-16"},
	{"uk", "Цього тижня ціни зросли.", "Цього тижня=2005-W07"},
	{"uk", "Наприкінці березня уряд ухвалить рішення.", "Наприкінці березня=2005-03~END"},
	{"uk", "У 2024 році ціни зросли.", "2024=2024"},
	{"uk", "Минулого року ціни зросли.", "Минулого року=2004"},
	{"uk", "Три тижні тому сторони домовилися.", "Три тижні тому=2005-W04"},
}

// TestLanguages checks the dates of every language of issue #9.
func TestLanguages(t *testing.T) {
	tg, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range langDateCases {
		ds, err := tg.Tag(c.text, c.iso, pub, nil)
		if err != nil {
			t.Fatal(err)
		}
		checkDates(t, c.text, ds)
		if got := render(c.text, ds); got != c.want {
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
			n := 0
			for b.Loop() {
				ds, _ := tg.Tag(text, iso, pub, nil)
				n += len(ds)
			}
			b.ReportMetric(float64(words*b.N)/b.Elapsed().Seconds(), "words/s")
		})
	}
}

// FuzzTagLang checks the date invariants (spans inside the text, on
// character boundaries, in order, values of the documented forms) in every
// language.
func FuzzTagLang(f *testing.F) {
	for k, c := range langDateCases {
		f.Add(c.text, uint8(k%len(langtest.Languages)))
	}
	f.Add("l'l' 31.02.2025 99.99.9999 vor vor zwei il y a hace mardi dernier dernier", uint8(2))
	tg, err := New(Config{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string, k uint8) {
		if len(text) > 4096 {
			return
		}
		iso := langtest.Languages[int(k)%len(langtest.Languages)]
		ds, err := tg.Tag(text, iso, pub, nil)
		if err != nil {
			t.Fatal(err)
		}
		checkDates(t, text, ds)
	})
}
