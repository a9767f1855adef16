package entity

import (
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// multiCase is a document in another language with the mentions a
// recognizer would give, and what the entity layer must make of them.
type multiCase struct {
	lang, name string
	text       string
	mentions   []string
	// same lists mention texts that must be one entity, first its
	// canonical name.
	same [][]string
	// roles maps a canonical name to roles it must have (as written).
	roles map[string][]string
	// english maps a canonical name to its English name.
	english map[string]string
	// distinct lists mention texts that must not be joined.
	distinct [][2]string
	// types maps a canonical name to its entity type.
	types map[string]string
	// count maps a canonical name to its number of mentions.
	count map[string]int
}

var multiCases = []multiCase{
	// German
	{
		lang: "de", name: "title, genitive -s",
		text: "Bundeskanzler Friedrich Merz reiste nach Kiew. Merz traf dort Präsident Wolodymyr Selenskyj. " +
			"Selenskyjs Berater lobten den Besuch, Putins Sprecher schwieg.",
		mentions: []string{"PER=Friedrich Merz", "PER=Merz", "LOC=Kiew", "PER=Wolodymyr Selenskyj", "PER=Selenskyjs", "PER=Putins"},
		same:     [][]string{{"Friedrich Merz", "Friedrich Merz", "Merz"}, {"Wolodymyr Selenskyj", "Wolodymyr Selenskyj", "Selenskyjs"}},
		roles:    map[string][]string{"Friedrich Merz": {"Bundeskanzler"}, "Wolodymyr Selenskyj": {"Präsident"}},
		english:  map[string]string{"Kiew": "Kyiv"},
		types:    map[string]string{"Kiew": "GPE", "Friedrich Merz": "PERSON"},
	},
	{
		lang: "de", name: "genitive on the last word only",
		text:     "Lars Klingbeil sprach zuerst. Lars Klingbeils Rede wurde gelobt.",
		mentions: []string{"PER=Lars Klingbeil", "PER=Lars Klingbeils"},
		same:     [][]string{{"Lars Klingbeil", "Lars Klingbeil", "Lars Klingbeils"}},
	},
	{
		lang: "de", name: "genitive of a surname known in another script",
		text:     "Selenskyjs Rede wurde gelobt. Auch Putins Sprecher äußerte sich.",
		mentions: []string{"PER=Selenskyjs", "PER=Putins"},
		same:     [][]string{{"Selenskyj", "Selenskyjs"}, {"Putin", "Putins"}},
	},
	{
		lang: "de", name: "former, compound heads, apposition",
		text: "Der ehemalige Außenminister Joschka Fischer kritisierte die Regierung. " +
			"Auch Boris Pistorius, der Verteidigungsminister, äußerte sich. Russlands Präsident Wladimir Putin schwieg.",
		mentions: []string{"PER=Joschka Fischer", "PER=Boris Pistorius", "LOC=Russlands", "PER=Wladimir Putin"},
		roles: map[string][]string{
			"Joschka Fischer": {"ehemalige Außenminister"},
			"Boris Pistorius": {"Verteidigungsminister"},
			"Wladimir Putin":  {"Russlands Präsident"},
		},
		english: map[string]string{"Russland": "Russia"},
	},
	{
		lang: "de", name: "apposition with a genitive, no role from a date",
		text: "Der Sprecher des Kremls, Dmitri Peskow, wies die Vorwürfe zurück. Am Montag sagte Merz, er sei bereit. " +
			"Merz, Bundeskanzler und CDU-Chef, reiste ab.",
		mentions: []string{"PER=Dmitri Peskow", "ORG=Kremls", "PER=Merz"},
		roles:    map[string][]string{"Dmitri Peskow": {"Sprecher des Kremls"}, "Merz": {"Bundeskanzler"}},
	},
	// French
	{
		lang: "fr", name: "role with complement, former",
		text: "Le ministre des Affaires étrangères Jean-Noël Barrot est arrivé à Kiev. " +
			"L'ancien Premier ministre Édouard Philippe a salué la visite. Vladimir Poutine, président de la Russie, n'a pas réagi.",
		mentions: []string{"PER=Jean-Noël Barrot", "LOC=Kiev", "PER=Édouard Philippe", "PER=Vladimir Poutine", "LOC=Russie"},
		roles: map[string][]string{
			"Jean-Noël Barrot": {"ministre des Affaires étrangères"},
			"Édouard Philippe": {"ancien Premier ministre"},
			"Vladimir Poutine": {"président de la Russie"},
		},
		english: map[string]string{"Kiev": "Kyiv", "Russie": "Russia"},
	},
	{
		lang: "fr", name: "nationality after the head, definite description",
		text: "Le président français Emmanuel Macron a appelé Kiev. La porte-parole du Quai d'Orsay, Pascale Confavreux, a confirmé l'appel. " +
			"« Nous sommes prêts », a déclaré le président.",
		mentions: []string{"PER=Emmanuel Macron", "LOC=Kiev", "LOC=Quai d'Orsay", "PER=Pascale Confavreux"},
		roles: map[string][]string{
			"Emmanuel Macron":    {"président français"},
			"Pascale Confavreux": {"porte-parole du Quai d'Orsay"},
		},
		same: [][]string{{"Emmanuel Macron", "Emmanuel Macron", "le président"}},
	},
	// Spanish
	{
		lang: "es", name: "apposition before the name, ex-",
		text: "El presidente del Gobierno, Pedro Sánchez, viajó a Bruselas. " +
			"El expresidente Mariano Rajoy criticó el viaje. La ministra de Defensa Margarita Robles no habló.",
		mentions: []string{"PER=Pedro Sánchez", "LOC=Bruselas", "PER=Mariano Rajoy", "PER=Margarita Robles"},
		roles: map[string][]string{
			"Pedro Sánchez":    {"presidente del Gobierno"},
			"Mariano Rajoy":    {"expresidente"},
			"Margarita Robles": {"ministra de Defensa"},
		},
		english: map[string]string{"Bruselas": "Brussels"},
	},
	// Italian
	{
		lang: "it", name: "ministro degli Esteri, ex premier",
		text: "Il ministro degli Esteri Antonio Tajani ha incontrato a Roma l'ex premier Mario Draghi. " +
			"Giorgia Meloni, presidente del Consiglio, era assente.",
		mentions: []string{"PER=Antonio Tajani", "LOC=Roma", "PER=Mario Draghi", "PER=Giorgia Meloni"},
		roles: map[string][]string{
			"Antonio Tajani": {"ministro degli Esteri"},
			"Mario Draghi":   {"ex premier"},
			"Giorgia Meloni": {"presidente del Consiglio"},
		},
		english: map[string]string{"Roma": "Rome"},
	},
	// Russian
	{
		lang: "ru", name: "cases of one person, genitive complement",
		text: "Министр иностранных дел России Сергей Лавров провел переговоры в Москве. " +
			"Позже Лавров встретился с Владимиром Зеленским? Нет, с журналистами. " +
			"Слова Лаврова и Зеленского обсуждали весь день, Зеленскому ответили в Киеве.",
		mentions: []string{"PER=Сергей Лавров", "LOC=России", "LOC=Москве", "PER=Лавров", "PER=Владимиром Зеленским",
			"PER=Лаврова", "PER=Зеленского", "PER=Зеленскому", "LOC=Киеве"},
		same: [][]string{
			{"Сергей Лавров", "Сергей Лавров", "Лавров", "Лаврова"},
			{"Владимир Зеленский", "Владимиром Зеленским", "Зеленского", "Зеленскому"},
			{"Россия", "России"},
		},
		roles:   map[string][]string{"Сергей Лавров": {"Министр иностранных дел России"}},
		english: map[string]string{"Россия": "Russia", "Москва": "Moscow", "Киев": "Kyiv"},
	},
	{
		lang: "ru", name: "former, глава МИД, apposition",
		text: "Бывший президент Дмитрий Медведев выступил с заявлением. Глава МИД Сергей Лавров его поддержал. " +
			"Мария Захарова, официальный представитель МИД России, добавила, что Захаровой звонили журналисты.",
		mentions: []string{"PER=Дмитрий Медведев", "PER=Сергей Лавров", "ORG=МИД", "PER=Мария Захарова", "ORG=МИД России", "PER=Захаровой"},
		same:     [][]string{{"Мария Захарова", "Мария Захарова", "Захаровой"}},
		roles: map[string][]string{
			"Дмитрий Медведев": {"Бывший президент"},
			"Сергей Лавров":    {"Глава МИД"},
			"Мария Захарова":   {"официальный представитель МИД России"},
		},
	},
	// Ukrainian
	{
		lang: "uk", name: "cases, national titles",
		text: "Президент України Володимир Зеленський прибув до Києва. " +
			"Міністр закордонних справ Андрій Сибіга заявив, що Зеленського підтримують партнери. " +
			"Колишній прем'єр-міністр Денис Шмигаль зустрівся із Зеленським.",
		mentions: []string{"LOC=України", "PER=Володимир Зеленський", "LOC=Києва", "PER=Андрій Сибіга", "PER=Зеленського",
			"PER=Денис Шмигаль", "PER=Зеленським"},
		same: [][]string{{"Володимир Зеленський", "Володимир Зеленський", "Зеленського", "Зеленським"}},
		roles: map[string][]string{
			"Володимир Зеленський": {"Президент України"},
			"Андрій Сибіга":        {"Міністр закордонних справ"},
			"Денис Шмигаль":        {"Колишній прем'єр-міністр"},
		},
		english: map[string]string{"Україна": "Ukraine", "Київ": "Kyiv"},
	},
	{
		lang: "uk", name: "same ending on every word, then the single surname",
		text:     "Зеленський зустрівся з Мерцом. Президент провів переговори з канцлером Німеччини Фрідріхом Мерцом у Києві.",
		mentions: []string{"PER=Зеленський", "PER=Мерцом", "LOC=Німеччини", "PER=Фрідріхом Мерцом", "LOC=Києві"},
		same:     [][]string{{"Фрідріх Мерц", "Фрідріхом Мерцом", "Мерцом"}, {"Київ", "Києві"}},
		roles:    map[string][]string{"Фрідріх Мерц": {"канцлером Німеччини"}},
		types:    map[string]string{"Київ": "GPE", "Німеччина": "GPE"},
	},
	// Polish
	{
		lang: "pl", name: "cases, minister spraw zagranicznych",
		text: "Minister spraw zagranicznych Rosji Siergiej Ławrow skrytykował Warszawę. " +
			"Były prezydent Andrzej Duda odpowiedział Ławrowowi? Nie, odpowiedział Zełenskiemu. " +
			"Wołodymyr Zełenski podziękował, a słowa Zełenskiego powtórzono w Kijowie.",
		mentions: []string{"PER=Siergiej Ławrow", "LOC=Rosji", "LOC=Warszawę", "PER=Andrzej Duda", "PER=Ławrowowi",
			"PER=Zełenskiemu", "PER=Wołodymyr Zełenski", "PER=Zełenskiego", "LOC=Kijowie"},
		same: [][]string{{"Wołodymyr Zełenski", "Wołodymyr Zełenski", "Zełenskiemu", "Zełenskiego"}},
		roles: map[string][]string{
			"Siergiej Ławrow": {"Minister spraw zagranicznych Rosji"},
			"Andrzej Duda":    {"Były prezydent"},
		},
		english: map[string]string{"Kijów": "Kyiv", "Rosja": "Russia", "Warszawa": "Warsaw"},
		types:   map[string]string{"Kijów": "GPE", "Rosja": "GPE"},
	},
	// pronouns, descriptions and nationalities
	{
		lang: "ru", name: "pronoun and bare role description",
		text:     "Сергей Лавров прибыл в Анкару. Он заявил, что переговоры будут трудными. Министр также встретился с журналистами.",
		mentions: []string{"PER=Сергей Лавров", "LOC=Анкару"},
		same:     [][]string{{"Сергей Лавров", "Сергей Лавров", "Он", "Министр"}},
	},
	{
		lang: "ru", name: "description after a reporting verb",
		text:     "Сергей Лавров провел переговоры в Анкаре.\n\n«Мы открыты для диалога», — сказал глава МИД.",
		mentions: []string{"PER=Сергей Лавров", "LOC=Анкаре", "ORG=МИД"},
		same:     [][]string{{"Сергей Лавров", "Сергей Лавров", "глава МИД"}},
	},
	{
		lang: "de", name: "sie: only a person known to be a woman",
		text:     "Außenministerin Annalena Baerbock reiste nach Kiew. Sie sagte, die Hilfe gehe weiter. Friedrich Merz traf Soldaten. Sie lobten ihn.",
		mentions: []string{"PER=Annalena Baerbock", "LOC=Kiew", "PER=Friedrich Merz"},
		same:     [][]string{{"Annalena Baerbock", "Annalena Baerbock", "Sie"}},
		count:    map[string]int{"Annalena Baerbock": 2},
	},
	{
		lang: "de", name: "pronoun, definite description, nationality",
		text:     "Friedrich Merz reiste nach Kiew. Er sagte, die Ukraine brauche Hilfe. Der Kanzler traf dort ukrainische Soldaten.",
		mentions: []string{"PER=Friedrich Merz", "LOC=Kiew", "LOC=Ukraine", "NORP=ukrainische"},
		same:     [][]string{{"Friedrich Merz", "Friedrich Merz", "Er", "Der Kanzler"}},
		english:  map[string]string{"ukrainische": "Ukrainian", "Ukraine": "Ukraine"},
	},
	{
		lang: "uk", name: "pronoun, nationality",
		text:     "Андрій Сибіга провів зустріч у Варшаві. Він наголосив на підтримці. Українські військові подякували.",
		mentions: []string{"PER=Андрій Сибіга", "LOC=Варшаві", "NORP=Українські"},
		same:     [][]string{{"Андрій Сибіга", "Андрій Сибіга", "Він"}, {"Варшава", "Варшаві"}},
		english:  map[string]string{"Українські": "Ukrainian", "Варшава": "Warsaw"},
	},
	{
		lang: "fr", name: "pronoun, nationality noun",
		text:     "Emmanuel Macron a reçu Olaf Scholz. Il a déclaré que l'Europe devait agir. Les Allemands ont salué la visite.",
		mentions: []string{"PER=Emmanuel Macron", "PER=Olaf Scholz", "LOC=Europe", "NORP=Allemands"},
		same:     [][]string{{"Emmanuel Macron", "Emmanuel Macron", "Il"}},
		english:  map[string]string{"Allemands": "German"},
	},
	{
		lang: "ru", name: "a place of several words in the gazetteer",
		text:     "В Северной Ирландии прошли выборы. Губернатор Волгоградской области приехал в Москву.",
		mentions: []string{"LOC=Северной Ирландии", "LOC=Волгоградской области", "LOC=Москву"},
		same:     [][]string{{"Северная Ирландия", "Северной Ирландии"}, {"Волгоградская область", "Волгоградской области"}, {"Москва", "Москву"}},
		english:  map[string]string{"Северная Ирландия": "Northern Ireland", "Москва": "Moscow"},
	},
	{
		lang: "ru", name: "no nominative, no stem match: kept apart",
		text:     "Иванова вызвали в суд. Петровой сообщили об этом.",
		mentions: []string{"PER=Иванова", "PER=Петровой"},
		distinct: [][2]string{{"Иванова", "Петровой"}},
		same:     [][]string{{"Иванова", "Иванова"}, {"Петровой", "Петровой"}},
	},
}

func TestMultilingual(t *testing.T) {
	for _, tc := range multiCases {
		t.Run(tc.lang+"/"+tc.name, func(t *testing.T) {
			d := makeDocLang(t, tc.lang, tc.text, tc.mentions...)
			if err := New().Process(d); err != nil {
				t.Fatal(err)
			}
			dump := func() string {
				var b strings.Builder
				for _, e := range d.Entities {
					var ms []string
					for _, m := range e.Mentions {
						ms = append(ms, d.Slice(m))
					}
					b.WriteString("\n  " + e.Name + " [" + e.Type + "] en=" + e.English + " roles=" + strings.Join(e.Roles, "|") + " mentions=" + strings.Join(ms, "|"))
				}
				return b.String()
			}
			byName := func(n string) *doc.Entity {
				for i := range d.Entities {
					if d.Entities[i].Name == n {
						return &d.Entities[i]
					}
				}
				return nil
			}
			for _, grp := range tc.same {
				e := byName(grp[0])
				if e == nil {
					t.Errorf("no entity named %q:%s", grp[0], dump())
					continue
				}
				for _, m := range grp[1:] {
					if o := entityOf(d, m); o == nil || o.ID != e.ID {
						t.Errorf("%q is not a mention of %q:%s", m, grp[0], dump())
					}
				}
			}
			for _, p := range tc.distinct {
				a, b := entityOf(d, p[0]), entityOf(d, p[1])
				if a == nil || b == nil || a.ID == b.ID {
					t.Errorf("%q and %q should be two entities:%s", p[0], p[1], dump())
				}
			}
			for n, want := range tc.roles {
				e := byName(n)
				if e == nil {
					t.Errorf("no entity named %q:%s", n, dump())
					continue
				}
				for _, r := range want {
					if !slices.Contains(e.Roles, r) {
						t.Errorf("%s: roles %q, want %q:%s", n, e.Roles, r, dump())
					}
				}
			}
			for n, want := range tc.count {
				if e := byName(n); e == nil || len(e.Mentions) != want {
					t.Errorf("%s: want %d mentions:%s", n, want, dump())
				}
			}
			for n, want := range tc.types {
				if e := byName(n); e == nil || e.Type != want {
					t.Errorf("%s: not of type %s:%s", n, want, dump())
				}
			}
			for n, want := range tc.english {
				e := byName(n)
				if e == nil {
					t.Errorf("no entity named %q:%s", n, dump())
					continue
				}
				if e.English != want {
					t.Errorf("%s: English %q, want %q", n, e.English, want)
				}
			}
		})
	}
}

// TestLexiconData checks the language packs the entity layer reads: every
// language loads, every title stands for a role head, and the case rules
// give the nominative of the forms they are written for.
func TestLexiconData(t *testing.T) {
	for _, iso := range []string{"en", "de", "fr", "es", "it", "ru", "uk", "pl"} {
		l, err := LoadLexicon(iso)
		if err != nil {
			t.Fatalf("%s: %v", iso, err)
		}
		for k, ti := range l.Titles {
			if !l.isRoleHeadKey(ti.role) {
				t.Errorf("%s: title %q stands for %q, which is not a role head", iso, k, ti.role)
			}
		}
		if iso != "en" && (len(l.Pronouns) == 0 || len(l.Roles) == 0 || !l.Free()) {
			t.Errorf("%s: pronouns, roles or role links missing", iso)
		}
	}
	tests := []struct{ lang, word, want string }{
		{"ru", "Зеленского", "Зеленский"}, {"ru", "Путиным", "Путин"}, {"ru", "Лаврову", "Лавров"},
		{"ru", "Захаровой", "Захарова"}, {"ru", "России", "Россия"}, {"ru", "Москве", "Москва"},
		{"uk", "Зеленським", "Зеленський"}, {"uk", "Києва", "Київ"}, {"uk", "Харкові", "Харків"},
		{"pl", "Zełenskiego", "Zełenski"}, {"pl", "Kijowie", "Kijów"}, {"pl", "Polsce", "Polska"},
		{"pl", "Tuskowi", "Tusk"}, {"de", "Putins", "Putin"}, {"de", "Deutschlands", "Deutschland"},
	}
	for _, tc := range tests {
		l, _ := LoadLexicon(tc.lang)
		if !slices.Contains(l.Nominatives(tc.word), tc.want) {
			t.Errorf("%s: Nominatives(%q) = %q, want %q among them", tc.lang, tc.word, l.Nominatives(tc.word), tc.want)
		}
	}
}
