package event

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/lang/langtest"
	"github.com/newsgraph/newsgraph/internal/segment"
	"github.com/newsgraph/newsgraph/internal/timex"
)

// ent is an entity of a test document: its name, type and the forms it
// takes in the text (inflected forms of Slavic and German names included),
// standing in for the entity layer.
type ent struct {
	name, typ string
	forms     []string
}

// buildLang makes a document in language iso from text, segmented and
// date-tagged by the real components, with the given entities marked
// wherever one of their forms stands as a whole word.
func buildLang(t testing.TB, iso, text string, ents []ent) *doc.Doc {
	t.Helper()
	d, err := doc.New(doc.Article{Body: text, Lang: iso, Published: "2025-02-19"})
	if err != nil {
		t.Fatal(err)
	}
	if err := (segment.Segmenter{}).Process(d); err != nil {
		t.Fatal(err)
	}
	tg, err := timex.New(timex.Config{})
	if err != nil {
		t.Fatal(err)
	}
	if err := tg.Process(d); err != nil {
		t.Fatal(err)
	}
	for n, e := range ents {
		en := doc.Entity{ID: fmt.Sprintf("e%d", n+1), Name: e.name, Type: e.typ}
		forms := append([]string{e.name}, e.forms...)
		sort.Slice(forms, func(a, b int) bool { return len(forms[a]) > len(forms[b]) })
		taken := map[int]bool{}
		for _, f := range forms {
			for off := 0; ; {
				k := strings.Index(d.Text[off:], f)
				if k < 0 {
					break
				}
				s, end := off+k, off+k+len(f)
				off = end
				if taken[s] || letterAt(d.Text, end) || s > 0 && letterBefore(d.Text, s) {
					continue
				}
				taken[s] = true
				en.Mentions = append(en.Mentions, doc.Span{Start: s, End: end})
			}
		}
		sort.Slice(en.Mentions, func(a, b int) bool { return en.Mentions[a].Start < en.Mentions[b].Start })
		d.Entities = append(d.Entities, en)
	}
	return d
}

func letterAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return i < len(s) && unicode.IsLetter(r)
}

func letterBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsLetter(r)
}

// renderEvents writes events as "TYPE/mode src>tgt [neg] [hyp] [@date]"
// with entity names, joined by "; ".
func renderEvents(d *doc.Doc) string {
	name := map[string]string{}
	for _, e := range d.Entities {
		name[e.ID] = e.Name
	}
	names := func(ids []string) string {
		var out []string
		for _, id := range ids {
			out = append(out, name[id])
		}
		sort.Strings(out)
		return strings.Join(out, "+")
	}
	var parts []string
	for _, ev := range d.Events {
		p := ev.Type
		if ev.Mode != "" {
			p += "/" + ev.Mode
		}
		p += " " + names(ev.Source) + ">" + names(ev.Target)
		if ev.Negated {
			p += " neg"
		}
		if ev.Hypothetical {
			p += " hyp"
		}
		if ev.Date != "" {
			p += " @" + ev.Date
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, "; ")
}

// Entities of the test sentences: invented people and real states.
var (
	entsDE = []ent{{"Scholz", "PERSON", nil}, {"Macron", "PERSON", nil}, {"Chile", "GPE", []string{"Chiles"}}, {"Norwegen", "GPE", []string{"Norwegens"}}, {"Russland", "GPE", []string{"Russlands"}}, {"Paris", "GPE", nil}, {"EU", "ORG", nil}, {"Berlin", "GPE", nil}}
	entsFR = []ent{{"Barrot", "PERSON", nil}, {"Lammy", "PERSON", nil}, {"Chili", "GPE", nil}, {"Norvège", "GPE", nil}, {"Russie", "GPE", nil}, {"Genève", "GPE", nil}, {"Moscou", "GPE", nil}}
	entsES = []ent{{"Albares", "PERSON", nil}, {"Lavrov", "PERSON", nil}, {"Chile", "GPE", nil}, {"Noruega", "GPE", nil}, {"Rusia", "GPE", nil}, {"Madrid", "GPE", nil}}
	entsIT = []ent{{"Tajani", "PERSON", nil}, {"Sikorski", "PERSON", nil}, {"Cile", "GPE", nil}, {"Norvegia", "GPE", nil}, {"Russia", "GPE", nil}, {"Roma", "GPE", nil}, {"Mosca", "GPE", nil}}
	entsPL = []ent{{"Sikorski", "PERSON", []string{"Sikorskiego", "Sikorskim"}}, {"Tajani", "PERSON", []string{"Tajanim", "Tajaniego"}}, {"Chile", "GPE", nil}, {"Norwegia", "GPE", []string{"Norwegii", "Norwegią"}}, {"Rosja", "GPE", []string{"Rosji", "Rosję", "Rosją"}}, {"Warszawa", "GPE", []string{"Warszawie", "Warszawy"}}}
	entsRU = []ent{{"Лавров", "PERSON", []string{"Лаврова", "Лавровым"}}, {"Рубио", "PERSON", nil}, {"Чили", "GPE", nil}, {"Норвегия", "GPE", []string{"Норвегии", "Норвегией"}}, {"Россия", "GPE", []string{"России", "Россию", "Россией"}}, {"Украина", "GPE", []string{"Украины", "Украине", "Украину"}}, {"Эр-Рияд", "GPE", []string{"Эр-Рияде"}}, {"Москва", "GPE", []string{"Москвы", "Москве"}}}
	entsUK = []ent{{"Сибіга", "PERSON", []string{"Сибіги", "Сибігою"}}, {"Рубіо", "PERSON", nil}, {"Чилі", "GPE", nil}, {"Норвегія", "GPE", []string{"Норвегії", "Норвегією"}}, {"Росія", "GPE", []string{"Росії", "Росію", "Росією"}}, {"Україна", "GPE", []string{"України", "Україні", "Україну"}}, {"Київ", "GPE", []string{"Києві", "Києва"}}}
)

// langEventCases are sentences written for these tests about invented
// news, published on Wednesday 19 February 2025.
var langEventCases = []struct {
	iso, text string
	ents      []ent
	want      string
}{
	// German
	{"de", "Scholz traf Macron am Dienstag in Paris.", entsDE, "CONSULT Scholz>Macron @2025-02-18"},
	{"de", "Am Dienstag traf Scholz Macron in Berlin.", entsDE, "CONSULT Scholz>Macron @2025-02-18"},
	{"de", "Scholz trifft Macron in Berlin.", entsDE, "CONSULT Scholz>Macron"},
	{"de", "Scholz wird sich nächste Woche mit Macron treffen.", entsDE, "CONSULT Scholz>Macron hyp @2025-W09"},
	{"de", "Scholz telefonierte mit Macron.", entsDE, "CONSULT/phone Scholz>Macron"},
	{"de", "Scholz führte ein Telefonat mit Macron.", entsDE, "CONSULT/phone Scholz>Macron"},
	{"de", "Chile wies die Forderung Norwegens am Freitag zurück.", entsDE, "REJECT Chile>Norwegen @2025-02-14"},
	{"de", "Chile lehnte die Forderung nicht ab.", entsDE, "REJECT Chile> neg"},
	{"de", "Die EU fordert von Russland einen Waffenstillstand.", entsDE, "REQUEST EU>Russland"},
	{"de", "Norwegen und Chile vereinbarten einen neuen Korridor.", entsDE, "AGREE Chile+Norwegen>"},
	{"de", "Russland drohte Norwegen mit Konsequenzen.", entsDE, "THREATEN Russland>Norwegen"},
	{"de", "Die EU verhängte Sanktionen gegen Russland.", entsDE, "SANCTION EU>Russland"},
	{"de", "Macron wurde von Scholz kritisiert.", entsDE, "ACCUSE/disapprove Scholz>Macron"},
	{"de", "Scholz sagte, dass er Macron im März treffen werde.", entsDE, "CONSULT Scholz>Macron hyp @2025-03"},
	{"de", "Scholz traf eine Entscheidung.", entsDE, ""},
	// French
	{"fr", "Barrot a rencontré Lammy mardi à Genève.", entsFR, "CONSULT Barrot>Lammy @2025-02-18"},
	{"fr", "Barrot s'est entretenu avec Lammy.", entsFR, "CONSULT Barrot>Lammy"},
	{"fr", "Barrot a eu un entretien téléphonique avec Lammy.", entsFR, "CONSULT/phone Barrot>Lammy"},
	{"fr", "Barrot va rencontrer Lammy la semaine prochaine.", entsFR, "CONSULT Barrot>Lammy hyp @2025-W09"},
	{"fr", "Barrot n'a pas rencontré Lammy.", entsFR, "CONSULT Barrot>Lammy neg"},
	{"fr", "Barrot rencontrera Lammy à Genève.", entsFR, "CONSULT Barrot>Lammy hyp"},
	{"fr", "Le Chili a rejeté la demande de la Norvège.", entsFR, "REJECT Chili>Norvège"},
	{"fr", "La Norvège exige du Chili de nouvelles inspections.", entsFR, "REQUEST Norvège>Chili"},
	{"fr", "La Russie a menacé la Norvège.", entsFR, "THREATEN Russie>Norvège"},
	{"fr", "Barrot a demandé à Moscou de libérer les prisonniers.", entsFR, "REQUEST Barrot>Moscou"},
	// Spanish
	{"es", "Albares se reunió con Lavrov el martes en Madrid.", entsES, "CONSULT Albares>Lavrov @2025-02-18"},
	{"es", "Albares no se reunió con Lavrov.", entsES, "CONSULT Albares>Lavrov neg"},
	{"es", "Albares va a reunirse con Lavrov.", entsES, "CONSULT Albares>Lavrov hyp"},
	{"es", "Albares se reunirá con Lavrov en Madrid.", entsES, "CONSULT Albares>Lavrov hyp"},
	{"es", "Chile rechazó la exigencia de Noruega.", entsES, "REJECT Chile>Noruega"},
	{"es", "Noruega exigió a Chile nuevas inspecciones.", entsES, "REQUEST Noruega>Chile"},
	{"es", "Rusia amenazó a Noruega con sanciones.", entsES, "THREATEN Rusia>Noruega"},
	// Italian
	{"it", "Tajani ha incontrato Sikorski martedì a Roma.", entsIT, "CONSULT Tajani>Sikorski @2025-02-18"},
	{"it", "Tajani non ha incontrato Sikorski.", entsIT, "CONSULT Tajani>Sikorski neg"},
	{"it", "Tajani sta per incontrare Sikorski.", entsIT, "CONSULT Tajani>Sikorski hyp"},
	{"it", "Tajani incontrerà Sikorski a Roma.", entsIT, "CONSULT Tajani>Sikorski hyp"},
	{"it", "Il Cile ha respinto la richiesta della Norvegia.", entsIT, "REJECT Cile>Norvegia"},
	{"it", "La Norvegia chiede al Cile nuove ispezioni.", entsIT, "REQUEST Norvegia>Cile"},
	{"it", "La Russia ha minacciato la Norvegia.", entsIT, "THREATEN Russia>Norvegia"},
	{"it", "L'incontro di Tajani con Sikorski è durato un'ora.", entsIT, "CONSULT Tajani>Sikorski"},
	// Polish
	{"pl", "Sikorski spotkał się z Tajanim we wtorek w Warszawie.", entsPL, "CONSULT Sikorski>Tajani @2025-02-18"},
	{"pl", "Sikorski nie spotkał się z Tajanim.", entsPL, "CONSULT Sikorski>Tajani neg"},
	{"pl", "Sikorski zamierza spotkać się z Tajanim.", entsPL, "CONSULT Sikorski>Tajani hyp"},
	{"pl", "Sikorski odbył rozmowę telefoniczną z Tajanim.", entsPL, "CONSULT/phone Sikorski>Tajani"},
	{"pl", "Chile odrzuciło żądanie Norwegii.", entsPL, "REJECT Chile>Norwegia"},
	{"pl", "Norwegia żąda od Chile nowych inspekcji.", entsPL, "REQUEST Norwegia>Chile"},
	{"pl", "Rosja grozi Norwegii sankcjami.", entsPL, "THREATEN Rosja>Norwegia"},
	{"pl", "Spotkanie Sikorskiego z Tajanim trwało godzinę.", entsPL, "CONSULT Sikorski>Tajani"},
	{"pl", "Przemawiał Sikorski, który skrytykował Tajaniego.", entsPL, "ACCUSE/disapprove Sikorski>Tajani"},
	// Russian
	{"ru", "Лавров встретился с Рубио во вторник в Эр-Рияде.", entsRU, "CONSULT Лавров>Рубио @2025-02-18"},
	{"ru", "Лавров не встретился с Рубио.", entsRU, "CONSULT Лавров>Рубио neg"},
	{"ru", "Лавров будет встречаться с Рубио в следующий вторник.", entsRU, "CONSULT Лавров>Рубио hyp @2025-02-25"},
	{"ru", "Лавров провёл переговоры с Рубио.", entsRU, "CONSULT Лавров>Рубио"},
	{"ru", "Лавров и Рубио провели телефонный разговор.", entsRU, "CONSULT/phone Лавров+Рубио>"},
	{"ru", "Россия потребовала от Украины отвода войск.", entsRU, "REQUEST Россия>Украина"},
	{"ru", "Россия отвергла требование Украины.", entsRU, "REJECT Россия>Украина"},
	{"ru", "Лавров отказался встретиться с Рубио.", entsRU, "CONSULT Лавров>Рубио neg"},
	{"ru", "Россия пригрозила Норвегии ответными мерами.", entsRU, "THREATEN Россия>Норвегия"},
	{"ru", "Лавров заявил, что встретится с Рубио в марте.", entsRU, "CONSULT Лавров>Рубио @2025-03"},
	{"ru", "Итоги встречи Лаврова с Рубио обсуждали в Москве.", entsRU, "CONSULT Лавров>Рубио"},
	{"ru", "Угроза России беспокоит всех.", entsRU, ""},
	{"ru", "Вчера выступил Лавров, который накануне раскритиковал Рубио.", entsRU, "ACCUSE/disapprove Лавров>Рубио @2025-02-18"},
	// Ukrainian
	{"uk", "Сибіга зустрівся з Рубіо у вівторок у Києві.", entsUK, "CONSULT Сибіга>Рубіо @2025-02-18"},
	{"uk", "Сибіга не зустрівся з Рубіо.", entsUK, "CONSULT Сибіга>Рубіо neg"},
	{"uk", "Сибіга буде зустрічатися з Рубіо.", entsUK, "CONSULT Сибіга>Рубіо hyp"},
	{"uk", "Сибіга зустрічатиметься з Рубіо.", entsUK, "CONSULT Сибіга>Рубіо hyp"},
	{"uk", "Сибіга і Рубіо провели телефонну розмову.", entsUK, "CONSULT/phone Рубіо+Сибіга>"},
	{"uk", "Україна вимагає від Росії відведення військ.", entsUK, "REQUEST Україна>Росія"},
	{"uk", "Україна відхилила вимогу Росії.", entsUK, "REJECT Україна>Росія"},
	{"uk", "Росія погрожує Норвегії.", entsUK, "THREATEN Росія>Норвегія"},
	{"uk", "Сибіга відмовився зустрітися з Рубіо.", entsUK, "CONSULT Сибіга>Рубіо neg"},
}

// TestLanguages checks the shallow coder on sentences of every language
// of issue #9.
func TestLanguages(t *testing.T) {
	c := &Coder{cfg: Config{MaxTargetDistance: 12}}
	for _, tc := range langEventCases {
		d := buildLang(t, tc.iso, tc.text, tc.ents)
		if err := c.Process(d); err != nil {
			t.Fatal(err)
		}
		if got := renderEvents(d); got != tc.want {
			t.Errorf("%s %q:\n got  %s\n want %s", tc.iso, tc.text, got, tc.want)
		}
	}
}

// TestLexiconsLoad checks that the trigger, modality and actor data of
// every language of issue #9 load and select the shallow rules.
func TestLexiconsLoad(t *testing.T) {
	for _, iso := range langtest.Languages[1:] {
		l, err := LoadLexicon(iso)
		if err != nil {
			t.Fatalf("%s: %v", iso, err)
		}
		if !l.shallow || len(l.byFirst)+len(l.byStem) == 0 {
			t.Errorf("%s: shallow %v, %d patterns", iso, l.shallow, len(l.byFirst)+len(l.byStem))
		}
	}
	if l, err := LoadLexicon("en"); err != nil || l.shallow {
		t.Errorf("en: %v, shallow %v", err, l != nil && l.shallow)
	}
}

// storyEnts are the entities of the langtest story in each language, with
// the inflected forms the story uses.
var storyEnts = map[string][]ent{
	"en": {{"Norway", "GPE", nil}, {"Chile", "GPE", nil}, {"Ingrid Solberg", "PERSON", []string{"Solberg"}}, {"Geneva", "GPE", nil}},
	"de": {{"Norwegen", "GPE", []string{"Norwegens"}}, {"Chile", "GPE", []string{"Chiles"}}, {"Ingrid Solberg", "PERSON", nil}, {"Genf", "GPE", nil}},
	"fr": {{"Norvège", "GPE", nil}, {"Chili", "GPE", nil}, {"Ingrid Solberg", "PERSON", nil}, {"Genève", "GPE", nil}},
	"es": {{"Noruega", "GPE", nil}, {"Chile", "GPE", nil}, {"Ingrid Solberg", "PERSON", nil}, {"Ginebra", "GPE", nil}},
	"it": {{"Norvegia", "GPE", nil}, {"Cile", "GPE", nil}, {"Ingrid Solberg", "PERSON", nil}, {"Ginevra", "GPE", nil}},
	"pl": {{"Norwegia", "GPE", []string{"Norwegii"}}, {"Chile", "GPE", nil}, {"Ingrid Solberg", "PERSON", nil}, {"Genewa", "GPE", []string{"Genewie"}}},
	"ru": {{"Норвегия", "GPE", []string{"Норвегии"}}, {"Чили", "GPE", nil}, {"Ингрид Сульберг", "PERSON", nil}, {"Женева", "GPE", []string{"Женеве"}}},
	"uk": {{"Норвегія", "GPE", []string{"Норвегії"}}, {"Чилі", "GPE", nil}, {"Інгрід Сульберг", "PERSON", nil}, {"Женева", "GPE", []string{"Женеві"}}},
}

// BenchmarkCoderLang codes the news text of each language written for the
// benchmarks (package langtest), with its entities marked, and reports
// words per second, to compare the languages with English.
func BenchmarkCoderLang(b *testing.B) {
	c := &Coder{cfg: Config{MaxTargetDistance: 12}}
	for _, iso := range langtest.Languages {
		b.Run(iso, func(b *testing.B) {
			text := strings.Repeat(langtest.News(iso)+"\n\n", 20)
			d := buildLang(b, iso, text, storyEnts[iso])
			words := langtest.Words(text)
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				d.Events = nil
				if err := c.Process(d); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(words*b.N)/b.Elapsed().Seconds(), "words/s")
			b.ReportMetric(float64(len(d.Events)), "events")
		})
	}
}

// TestStoryAcrossLanguages codes the same invented story in every language
// (package langtest) and checks that each language finds the events the
// English coder finds: the same types, modes, dates and number of actors.
func TestStoryAcrossLanguages(t *testing.T) {
	c := &Coder{cfg: Config{MaxTargetDistance: 12}}
	sig := func(iso string) string {
		d := buildLang(t, iso, langtest.News(iso), storyEnts[iso])
		if err := c.Process(d); err != nil {
			t.Fatal(err)
		}
		var parts []string
		for _, ev := range d.Events {
			parts = append(parts, fmt.Sprintf("%s/%s %d>%d neg=%v hyp=%v @%s", ev.Type, ev.Mode, len(ev.Source), len(ev.Target), ev.Negated, ev.Hypothetical, ev.Date))
		}
		return strings.Join(parts, "; ")
	}
	want := sig("en")
	if want == "" {
		t.Fatal("no English events")
	}
	for _, iso := range langtest.Languages[1:] {
		if got := sig(iso); got != want {
			t.Errorf("%s:\n got  %s\n want %s (English)", iso, got, want)
		}
	}
}

// TestQuoteSpeaker checks that a first-person subject inside a direct
// quote is the quote's speaker.
func TestQuoteSpeaker(t *testing.T) {
	c := &Coder{cfg: Config{MaxTargetDistance: 12}}
	for _, tc := range []struct {
		iso, text, quote string
		ents             []ent
		want             string
	}{
		{"ru", "«Мы потребуем от Украины гарантий», — сказал Лавров.", "Мы потребуем от Украины гарантий", entsRU, "REQUEST Лавров>Украина"},
		{"de", "„Wir werden Russland nicht drohen“, sagte Scholz.", "Wir werden Russland nicht drohen", entsDE, "THREATEN Scholz>Russland neg hyp"},
		{"pl", "„My odrzucamy żądanie Rosji” – powiedział Sikorski.", "My odrzucamy żądanie Rosji", entsPL, "REJECT Sikorski>Rosja"},
	} {
		d := buildLang(t, tc.iso, tc.text, tc.ents)
		qs := strings.Index(d.Text, tc.quote)
		speaker := ""
		for _, e := range d.Entities {
			if len(e.Mentions) > 0 && e.Mentions[len(e.Mentions)-1].Start > qs+len(tc.quote) {
				speaker = e.ID
			}
		}
		d.Quotes = []doc.Quote{{Span: doc.Span{Start: qs, End: qs + len(tc.quote)}, Speaker: speaker, Direct: true}}
		if err := c.Process(d); err != nil {
			t.Fatal(err)
		}
		if got := renderEvents(d); got != tc.want {
			t.Errorf("%s %q:\n got  %s\n want %s", tc.iso, tc.text, got, tc.want)
		}
	}
}
