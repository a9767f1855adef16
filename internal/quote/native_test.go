package quote_test

import (
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/entity"
	"github.com/newsgraph/newsgraph/internal/lang/langtest"
	"github.com/newsgraph/newsgraph/internal/quote"
	"github.com/newsgraph/newsgraph/internal/segment"
)

// analyseLang runs the segmenter, the given mentions, the entity and the
// quote components over a test document in language iso.
func analyseLang(t testing.TB, iso, text string, mentions ...string) *doc.Doc {
	t.Helper()
	d, err := doc.New(doc.Article{Body: text, Lang: iso})
	if err != nil {
		t.Fatal(err)
	}
	d.Lang = iso
	if err := (segment.Segmenter{}).Process(d); err != nil {
		t.Fatal(err)
	}
	d.Mentions = tagMentions(t, d, mentions)
	if err := entity.New().Process(d); err != nil {
		t.Fatal(err)
	}
	if err := quote.New().Process(d); err != nil {
		t.Fatal(err)
	}
	return d
}

// nativeCase is one sentence (or short text) with the quote expected in it.
type nativeCase struct {
	lang, name string
	text       string
	mentions   []string
	quote      string // the quote's text
	speaker    string // a mention of the speaker entity as written, "-" for none
	cue        string
	direct     bool
}

var nativeCases = []nativeCase{
	// German
	{"de", "X sagte: „…“", "Bundeskanzler Friedrich Merz sagte: „Wir werden die Ukraine weiter unterstützen.“", []string{"PERSON=Friedrich Merz", "GPE=Ukraine"},
		"Wir werden die Ukraine weiter unterstützen.", "Friedrich Merz", "sagte", true},
	{"de", "„…“, sagte X", "„Die Lage ist ernst“, sagte Merz am Montag in Berlin.", []string{"PERSON=Merz", "GPE=Berlin"},
		"Die Lage ist ernst", "Merz", "sagte", true},
	{"de", "»…«, so X", "»Wir stehen an der Seite Kiews«, so Pistorius.", []string{"PERSON=Pistorius", "GPE=Kiews"},
		"Wir stehen an der Seite Kiews", "Pistorius", "so", true},
	{"de", "inversion after a date", "Boris Pistorius reiste nach Kiew. Am Dienstag erklärte Pistorius: „Die Hilfe kommt.“", []string{"PERSON=Boris Pistorius", "PERSON=Pistorius", "GPE=Kiew"},
		"Die Hilfe kommt.", "Pistorius", "erklärte", true},
	{"de", "fügte er hinzu", "Friedrich Merz sprach in Brüssel. „Europa muss handeln“, fügte er hinzu.", []string{"PERSON=Friedrich Merz", "GPE=Brüssel", "GPE=Europa"},
		"Europa muss handeln", "Friedrich Merz", "fügte", true},
	{"de", "X sagte, dass …", "Merz sagte, dass Deutschland weitere Luftabwehrsysteme liefern werde.", []string{"PERSON=Merz", "GPE=Deutschland"},
		"Deutschland weitere Luftabwehrsysteme liefern werde", "Merz", "sagte", false},
	{"de", "Konjunktiv after a comma", "Außenministerin Annalena Baerbock sagte am Montag, die Gespräche seien konstruktiv gewesen.", []string{"PERSON=Annalena Baerbock"},
		"die Gespräche seien konstruktiv gewesen", "Annalena Baerbock", "sagte", false},
	{"de", "nested ‚…‘", "Merz sagte: „Das Wort ‚Frieden‘ muss etwas bedeuten.“", []string{"PERSON=Merz"},
		"Das Wort ‚Frieden‘ muss etwas bedeuten.", "Merz", "sagte", true},
	{"de", "after a colon, the person of the sentence before", "Ursula von der Leyen verteidigte ihren Plan. Dabei gehe es um die Sicherheit Europas: „Wir dürfen keine Zeit verlieren.“", []string{"PERSON=Ursula von der Leyen", "LOC=Europas"},
		"Wir dürfen keine Zeit verlieren.", "Ursula von der Leyen", "", true},
	{"de", "wie X mitteilte, …", "Wie die Lufthansa am Sonntag mitteilte, fallen mehr als 900 Flüge aus.", []string{"ORG=Lufthansa"},
		"fallen mehr als 900 Flüge aus", "Lufthansa", "mitteilte", false},
	{"de", "a definite description after the cue", "Verdi-Chef Frank Werneke kündigte Streiks an. „Wir sind bereit“, sagte der Gewerkschaftschef am Montag.", []string{"PERSON=Frank Werneke"},
		"Wir sind bereit", "Frank Werneke", "sagte", true},
	{"de", "'So lautet' is no attribution", "„Neustart“. So lautet das Motto des Parteitags, den Merz am Samstag eröffnete.", []string{"PERSON=Merz"},
		"Neustart", "-", "", true},
	// French
	{"fr", "X a déclaré : « … »", "Emmanuel Macron a déclaré : « Nous ne céderons pas. »", []string{"PERSON=Emmanuel Macron"},
		"Nous ne céderons pas.", "Emmanuel Macron", "déclaré", true},
	{"fr", "« … », a déclaré le ministre X", "« La France restera aux côtés de l'Ukraine », a déclaré le ministre Jean-Noël Barrot.", []string{"PERSON=Jean-Noël Barrot", "GPE=France", "GPE=Ukraine"},
		"La France restera aux côtés de l'Ukraine", "Jean-Noël Barrot", "déclaré", true},
	{"fr", "a-t-il ajouté", "Emmanuel Macron est arrivé à Bruxelles. « Il faut agir vite », a-t-il ajouté.", []string{"PERSON=Emmanuel Macron", "GPE=Bruxelles"},
		"Il faut agir vite", "Emmanuel Macron", "ajouté", true},
	{"fr", "ajoute-t-elle", "Ursula von der Leyen a parlé à Strasbourg. « Le temps presse », ajoute-t-elle.", []string{"PERSON=Ursula von der Leyen", "GPE=Strasbourg"},
		"Le temps presse", "Ursula von der Leyen", "ajoute-t-elle", true},
	{"fr", "no-break spaces inside « »", "Emmanuel Macron a déclaré\u00a0: «\u00a0Nous ne céderons pas.\u202f»", []string{"PERSON=Emmanuel Macron"},
		"Nous ne céderons pas.", "Emmanuel Macron", "déclaré", true},
	{"fr", "selon X", "Selon Macron, « l'Europe doit se réveiller ».", []string{"PERSON=Macron", "LOC=Europe"},
		"l'Europe doit se réveiller", "Macron", "", true},
	{"fr", "X a déclaré que …", "Macron a déclaré que la France enverrait des avions à Kiev.", []string{"PERSON=Macron", "GPE=France", "GPE=Kiev"},
		"la France enverrait des avions à Kiev", "Macron", "déclaré", false},
	{"fr", "dash speech", "Le ministre Jean-Noël Barrot est arrivé à Kiev.\n\n— Nous resterons mobilisés, a déclaré Barrot.", []string{"PERSON=Jean-Noël Barrot", "PERSON=Barrot", "GPE=Kiev"},
		"Nous resterons mobilisés", "Jean-Noël Barrot", "déclaré", true},
	{"fr", "dash speech, incise and continuation", "Jean-Noël Barrot est arrivé à Kiev.\n\n— Nous resterons mobilisés, a-t-il ajouté. — La paix viendra.", []string{"PERSON=Jean-Noël Barrot", "GPE=Kiev"},
		"La paix viendra.", "Jean-Noël Barrot", "ajouté", true},
	// Spanish
	{"es", "«…», dijo X", "«No vamos a aceptar chantajes», dijo Pedro Sánchez en Bruselas.", []string{"PERSON=Pedro Sánchez", "GPE=Bruselas"},
		"No vamos a aceptar chantajes", "Pedro Sánchez", "dijo", true},
	{"es", "según X", "Según el ministro José Manuel Albares, «la cumbre fue un éxito».", []string{"PERSON=José Manuel Albares"},
		"la cumbre fue un éxito", "José Manuel Albares", "", true},
	{"es", "pro-drop", "Pedro Sánchez habló ante el Congreso. «Hemos cumplido», afirmó.", []string{"PERSON=Pedro Sánchez", "ORG=Congreso"},
		"Hemos cumplido", "Pedro Sánchez", "afirmó", true},
	{"es", "raya", "Albares llegó a Kiev el lunes.\n\n—No dejaremos sola a Ucrania —dijo el ministro Albares—. Es nuestra obligación.", []string{"PERSON=Albares", "GPE=Kiev", "GPE=Ucrania"},
		"No dejaremos sola a Ucrania", "Albares", "dijo", true},
	{"es", "raya continuation", "Albares llegó a Kiev el lunes.\n\n—No dejaremos sola a Ucrania —dijo el ministro Albares—. Es nuestra obligación.", []string{"PERSON=Albares", "GPE=Kiev", "GPE=Ucrania"},
		"Es nuestra obligación.", "Albares", "dijo", true},
	{"es", "X afirmó que …", "Sánchez afirmó que España aumentará el gasto en defensa.", []string{"PERSON=Sánchez", "GPE=España"},
		"España aumentará el gasto en defensa", "Sánchez", "afirmó", false},
	// Italian
	{"it", "X ha detto: «…»", "Giorgia Meloni ha detto: «L'Italia farà la sua parte».", []string{"PERSON=Giorgia Meloni", "GPE=Italia"},
		"L'Italia farà la sua parte", "Giorgia Meloni", "detto", true},
	{"it", "«…», ha dichiarato X", "«Serve una risposta europea», ha dichiarato il ministro Antonio Tajani.", []string{"PERSON=Antonio Tajani"},
		"Serve una risposta europea", "Antonio Tajani", "dichiarato", true},
	{"it", "secondo X", "Secondo Tajani, il vertice di Roma è stato un successo.", []string{"PERSON=Tajani", "GPE=Roma"},
		"il vertice di Roma è stato un successo", "Tajani", "Secondo", false},
	{"it", "ha affermato che", "Meloni ha affermato che il governo sosterrà le imprese.", []string{"PERSON=Meloni"},
		"il governo sosterrà le imprese", "Meloni", "affermato", false},
	{"it", "gerund after a comma", "Il ministro Antonio Tajani ha parlato a Bruxelles per un'ora, aggiungendo che «la pace è vicina».", []string{"PERSON=Antonio Tajani", "GPE=Bruxelles"},
		"la pace è vicina", "Antonio Tajani", "aggiungendo", true},
	{"it", "a name before a relative clause", "A chiedere la pace è anche Papa Leone XIV, che nel corso dell'udienza di ieri ha detto che bisogna «aprire il cuore al dialogo».", []string{"PERSON=Leone XIV"},
		"aprire il cuore al dialogo", "Leone XIV", "detto", true},
	// Polish
	{"pl", "„…” – powiedział X", "„Polska jest gotowa” – powiedział premier Donald Tusk.", []string{"PERSON=Donald Tusk", "GPE=Polska"},
		"Polska jest gotowa", "Donald Tusk", "powiedział", true},
	{"pl", "a hyphen for the dash after a quote", "Minister zdrowia zabrał głos. \"Sprawa ma wymiar formalny i etyczny\" - napisał na Twitterze Adam Niedzielski.", []string{"PERSON=Adam Niedzielski"},
		"Sprawa ma wymiar formalny i etyczny", "Adam Niedzielski", "napisał", true},
	{"pl", "według X", "Według Sikorskiego „sankcje działają”.", []string{"PERSON=Sikorskiego"},
		"sankcje działają", "Sikorskiego", "", true},
	{"pl", "dash speech", "Radosław Sikorski przyjechał do Brukseli.\n\n– Nie możemy czekać – powiedział Sikorski.", []string{"PERSON=Radosław Sikorski", "PERSON=Sikorski", "GPE=Brukseli"},
		"Nie możemy czekać", "Radosław Sikorski", "powiedział", true},
	{"pl", "dash speech after a sentence", "Radosław Sikorski przyjechał do Brukseli. – Nie możemy czekać – powiedział Sikorski.", []string{"PERSON=Radosław Sikorski", "PERSON=Sikorski", "GPE=Brukseli"},
		"Nie możemy czekać", "Radosław Sikorski", "powiedział", true},
	{"pl", "jak dodał", "Donald Tusk spotkał się z Merzem. Jak dodał, „rozmowa była konkretna”.", []string{"PERSON=Donald Tusk", "PERSON=Merzem"},
		"rozmowa była konkretna", "Donald Tusk", "", true},
	{"es", "imperfect, apposition after the cue", "«Todo está preparado», aseguraba el portavoz del Gobierno, Pilar Alegría.", []string{"PERSON=Pilar Alegría", "ORG=Gobierno"},
		"Todo está preparado", "Pilar Alegría", "aseguraba", true},
	{"pl", "feminine, pro-drop", "Minister Anna Nowak mówiła o budżecie. „To trudny rok” – zaznaczyła.", []string{"PERSON=Anna Nowak"},
		"To trudny rok", "Anna Nowak", "zaznaczyła", true},
	{"pl", "powiedział, że", "Tusk powiedział, że rząd przedstawi nowy plan.", []string{"PERSON=Tusk"},
		"rząd przedstawi nowy plan", "Tusk", "powiedział", false},
	// Russian
	{"ru", "«…», — заявил X", "«Мы не отступим», — заявил Лавров.", []string{"PERSON=Лавров"},
		"Мы не отступим", "Лавров", "заявил", true},
	{"ru", "X заявил: «…»", "Министр иностранных дел Сергей Лавров заявил: «Переговоры продолжатся».", []string{"PERSON=Сергей Лавров"},
		"Переговоры продолжатся", "Сергей Лавров", "заявил", true},
	{"ru", "dash speech, — сказал он", "Сергей Лавров прибыл в Женеву.\n\n— Мы готовы к диалогу, — сказал он. — Но условия известны.", []string{"PERSON=Сергей Лавров", "GPE=Женеву"},
		"Мы готовы к диалогу,", "Сергей Лавров", "сказал", true},
	{"ru", "dash speech continuation", "Сергей Лавров прибыл в Женеву.\n\n— Мы готовы к диалогу, — сказал он. — Но условия известны.", []string{"PERSON=Сергей Лавров", "GPE=Женеву"},
		"Но условия известны.", "Сергей Лавров", "сказал", true},
	{"ru", "по словам X (inflected)", "По словам Лаврова, переговоры пройдут в Стамбуле.", []string{"PERSON=Лаврова", "GPE=Стамбуле"},
		"переговоры пройдут в Стамбуле", "Лаврова", "По словам", false},
	{"ru", "по его словам", "Дмитрий Песков ответил на вопросы журналистов. По его словам, «решение еще не принято».", []string{"PERSON=Дмитрий Песков"},
		"решение еще не принято", "Дмитрий Песков", "", true},
	{"ru", "feminine inversion", "«Это провокация», — заявила Захарова.", []string{"PERSON=Захарова"},
		"Это провокация", "Захарова", "заявила", true},
	{"ru", "X заявил, что", "Лавров заявил журналистам, что Россия готова к переговорам.", []string{"PERSON=Лавров", "GPE=Россия"},
		"Россия готова к переговорам", "Лавров", "заявил", false},
	{"ru", "content, заявил X", "Россия не будет участвовать в саммите, заявил Песков.", []string{"PERSON=Песков", "GPE=Россия"},
		"Россия не будет участвовать в саммите", "Песков", "заявил", false},
	{"ru", "incise inside a quote", "«Я должен предположить, — сказал Буфье, — что эти проблемы его раздавили».", []string{"PERSON=Буфье"},
		"что эти проблемы его раздавили", "Буфье", "сказал", true},
	{"ru", "incise, first part", "«Я должен предположить, — сказал Буфье, — что эти проблемы его раздавили».", []string{"PERSON=Буфье"},
		"Я должен предположить,", "Буфье", "сказал", true},
	{"ru", "nested «»", "Лавров заявил: «Проект «Северный поток — 2» будет завершен».", []string{"PERSON=Лавров"},
		"Проект «Северный поток — 2» будет завершен", "Лавров", "заявил", true},
	{"ru", "a name in marks is no speech", "Лавров заявил журналистам, что «Газпром» продолжит поставки.", []string{"PERSON=Лавров"},
		"Газпром", "-", "", true},
	// Ukrainian
	{"uk", "«…», — заявив X", "«Україна не піде на поступки», — заявив Зеленський.", []string{"PERSON=Зеленський", "GPE=Україна"},
		"Україна не піде на поступки", "Зеленський", "заявив", true},
	{"uk", "за словами X", "За словами Сибіги, «партнери готові допомогти».", []string{"PERSON=Сибіги"},
		"партнери готові допомогти", "Сибіги", "", true},
	{"uk", "dash speech, — зазначила вона", "Юлія Свириденко виступила у Верховній Раді.\n\n— Бюджет буде ухвалено вчасно, — зазначила вона.", []string{"PERSON=Юлія Свириденко", "ORG=Верховній Раді"},
		"Бюджет буде ухвалено вчасно,", "Юлія Свириденко", "зазначила", true},
	{"uk", "X заявив, що", "Зеленський заявив, що Україна отримає нові системи ППО.", []string{"PERSON=Зеленський", "GPE=Україна"},
		"Україна отримає нові системи ППО", "Зеленський", "заявив", false},
	{"uk", "pro-drop", "Андрій Сибіга зустрівся з колегами. «Ми чекаємо рішень», — наголосив.", []string{"PERSON=Андрій Сибіга"},
		"Ми чекаємо рішень", "Андрій Сибіга", "наголосив", true},
}

func TestNativeAttribution(t *testing.T) {
	for _, tc := range nativeCases {
		t.Run(tc.lang+"/"+tc.name, func(t *testing.T) {
			d := analyseLang(t, tc.lang, tc.text, tc.mentions...)
			var q *doc.Quote
			for i := range d.Quotes {
				if d.Slice(d.Quotes[i].Span) == tc.quote {
					q = &d.Quotes[i]
				}
			}
			if q == nil {
				var got []string
				for _, q := range d.Quotes {
					got = append(got, d.Slice(q.Span))
				}
				t.Fatalf("quote %q not found; quotes: %q", tc.quote, got)
			}
			speaker := "-"
			if q.Speaker != "" {
				speaker = "?" + q.Speaker
				if e := entityOf(d, tc.speaker); e != nil && e.ID == q.Speaker {
					speaker = tc.speaker
				}
			}
			if speaker != tc.speaker {
				name := ""
				for _, e := range d.Entities {
					if e.ID == q.Speaker {
						name = e.Name
					}
				}
				t.Errorf("speaker = %s (%s), want %q", speaker, name, tc.speaker)
			}
			if tc.cue != "" && q.Cue != tc.cue {
				t.Errorf("cue = %q, want %q", q.Cue, tc.cue)
			}
			if q.Direct != tc.direct {
				t.Errorf("direct = %v, want %v", q.Direct, tc.direct)
			}
		})
	}
}

// FuzzNativeAttribution runs segmentation, mentions for every capitalised
// word inside a sentence, the entity component and the quote component
// over arbitrary text in each language with quote_rules.txt: no panics,
// and every quote span lies inside the text.
func FuzzNativeAttribution(f *testing.F) {
	for _, s := range []string{
		"Лавров прибыл.\n\n— Мы готовы, — сказал он. — Но «условия «Газпрома»» известны, — заявила Захарова.",
		"«No», dijo. —Sí —afirmó Albares—. Según él, «nada».",
		"« Oui », a-t-il ajouté. Macron a déclaré que non, ajoute-t-elle.",
		"Tusk przyjechał. – Tak – powiedział. Jak dodał, „nie”. Według Sikorskiego, tak.",
		"Am Montag sagte Merz, die Lage sei ernst. „A“, so Merz.",
	} {
		f.Add(s)
	}
	langs := []string{"de", "fr", "es", "it", "pl", "ru", "uk"}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 1<<12 || !utf8.ValidString(s) {
			return
		}
		for _, iso := range langs {
			d, err := doc.New(doc.Article{Body: s, Lang: iso})
			if err != nil {
				return
			}
			d.Lang = iso
			if err := (segment.Segmenter{}).Process(d); err != nil {
				return
			}
			for i, tok := range d.Tokens {
				r, _ := utf8.DecodeRuneInString(d.TokenText(i))
				if unicode.IsUpper(r) && i > 0 && d.TokenText(i-1) != "." {
					d.Mentions = append(d.Mentions, doc.Mention{Span: tok.Span, Type: "PERSON", Tok: i, EndTok: i + 1})
				}
			}
			if err := entity.New().Process(d); err != nil {
				t.Fatal(err)
			}
			if err := quote.New().Process(d); err != nil {
				t.Fatal(err)
			}
			for _, q := range d.Quotes {
				if q.Start < 0 || q.End > len(d.Text) || q.Start >= q.End {
					t.Fatalf("%s: bad quote span %+v in %q", iso, q.Span, d.Text)
				}
			}
		}
	})
}

// TestLangtestStory runs the quote component over the invented story of
// every language pack (package langtest) with its minister as the only
// mention: the minister's quote (after "she said", a pronoun or no subject
// at all) is found and attributed to her.
func TestLangtestStory(t *testing.T) {
	minister := map[string]string{"ru": "Ингрид Сульберг", "uk": "Інгрід Сульберг"}
	for _, iso := range langtest.Languages[1:] {
		t.Run(iso, func(t *testing.T) {
			name := minister[iso]
			if name == "" {
				name = "Ingrid Solberg"
			}
			d := analyseLang(t, iso, langtest.News(iso), "PERSON="+name)
			e := entityOf(d, name)
			if e == nil {
				t.Fatalf("no entity for %s", name)
			}
			for _, q := range d.Quotes {
				if q.Direct && q.Speaker == e.ID && q.Cue != "" {
					return
				}
			}
			t.Errorf("no direct quote of %s with a cue; quotes: %+v", name, d.Quotes)
		})
	}
}
