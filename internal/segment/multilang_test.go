package segment

import (
	"strings"
	"testing"
)

// TestSentencesPerLanguage checks the sentence rules of each language pack:
// abbreviations that never end a sentence (titles, "ul.", "tzw.", "г."),
// abbreviations that may ("usw.", "etc.", "r."), ordinal dots ("13.
// Februar") and numbers with a period. The sentences are written for this
// test.
func TestSentencesPerLanguage(t *testing.T) {
	tests := []struct {
		lang, in string
		want     []string
	}{
		// German
		{"de", "Die Wahl findet am 23. Februar statt. Danach beginnen Gespräche.", []string{"Die Wahl findet am 23. Februar statt.", "Danach beginnen Gespräche."}},
		{"de", "Der Gipfel endete am 13. Die Minister reisten ab.", []string{"Der Gipfel endete am 13.", "Die Minister reisten ab."}},
		{"de", "Dr. Weber sprach mit Prof. Lang über Steuern, Zölle usw. Danach gab es Kaffee.", []string{"Dr. Weber sprach mit Prof. Lang über Steuern, Zölle usw.", "Danach gab es Kaffee."}},
		{"de", "Die Hilfen betragen ca. 500 Mrd. Euro. Das ist viel.", []string{"Die Hilfen betragen ca. 500 Mrd. Euro.", "Das ist viel."}},
		{"de", "Laut Art. 5 Abs. 2 GG ist das erlaubt. Die Partei sieht das anders.", []string{"Laut Art. 5 Abs. 2 GG ist das erlaubt.", "Die Partei sieht das anders."}},
		{"de", "Im 20. Jh. wuchs die Stadt stark. Heute schrumpft sie.", []string{"Im 20. Jh. wuchs die Stadt stark.", "Heute schrumpft sie."}},
		// French
		{"fr", "M. Barrot a rencontré Mme Baerbock. Ils ont parlé de l'Ukraine.", []string{"M. Barrot a rencontré Mme Baerbock.", "Ils ont parlé de l'Ukraine."}},
		{"fr", "Le budget prévoit 2,5 milliards d'euros, cf. le rapport. Le vote a lieu mardi.", []string{"Le budget prévoit 2,5 milliards d'euros, cf. le rapport.", "Le vote a lieu mardi."}},
		{"fr", "Ils ont signé le 13 févr. 2025 à Paris. Le texte entre en vigueur.", []string{"Ils ont signé le 13 févr. 2025 à Paris.", "Le texte entre en vigueur."}},
		// Spanish
		{"es", "El Sr. Albares se reunió con la Dra. Ruiz. ¿Hubo acuerdo? No lo sabemos.", []string{"El Sr. Albares se reunió con la Dra. Ruiz.", "¿Hubo acuerdo?", "No lo sabemos."}},
		{"es", "Según el art. 3 de la ley, el Gobierno decide. La oposición protestó.", []string{"Según el art. 3 de la ley, el Gobierno decide.", "La oposición protestó."}},
		{"es", "Llegaron tropas, tanques, etc. El ministro lo negó.", []string{"Llegaron tropas, tanques, etc.", "El ministro lo negó."}},
		// Italian
		{"it", "Il sig. Rossi ha incontrato il dott. Bianchi. Hanno parlato di tasse.", []string{"Il sig. Rossi ha incontrato il dott. Bianchi.", "Hanno parlato di tasse."}},
		{"it", "L'on. Meloni ha parlato alla Camera. Poi è partita per Bruxelles.", []string{"L'on. Meloni ha parlato alla Camera.", "Poi è partita per Bruxelles."}},
		{"it", "Servono strade, ponti ecc. Il governo ha detto no.", []string{"Servono strade, ponti ecc.", "Il governo ha detto no."}},
		{"it", "Secondo l'art. 11 della Costituzione l'Italia ripudia la guerra. Lo ha ricordato il presidente.", []string{"Secondo l'art. 11 della Costituzione l'Italia ripudia la guerra.", "Lo ha ricordato il presidente."}},
		// Polish
		{"pl", "Spotkanie odbyło się przy ul. Wiejskiej w Warszawie. Posłowie wyszli.", []string{"Spotkanie odbyło się przy ul. Wiejskiej w Warszawie.", "Posłowie wyszli."}},
		{"pl", "To tzw. pakt migracyjny, tj. zbiór przepisów. Rząd go odrzucił.", []string{"To tzw. pakt migracyjny, tj. zbiór przepisów.", "Rząd go odrzucił."}},
		{"pl", "W 2024 r. rząd wydał 1,2 mln zł. Opozycja protestowała.", []string{"W 2024 r. rząd wydał 1,2 mln zł.", "Opozycja protestowała."}},
		{"pl", "Przyjechał m.in. prof. Nowak i gen. Kowalski. Rozmowy trwały długo.", []string{"Przyjechał m.in. prof. Nowak i gen. Kowalski.", "Rozmowy trwały długo."}},
		{"pl", "Zajął 3. miejsce w wyborach. To był sukces.", []string{"Zajął 3. miejsce w wyborach.", "To był sukces."}},
		// Russian
		{"ru", "Встреча прошла 13 февраля 2025 г. в Эр-Рияде. Стороны договорились о новых переговорах.", []string{"Встреча прошла 13 февраля 2025 г. в Эр-Рияде.", "Стороны договорились о новых переговорах."}},
		{"ru", "Бюджет составил 500 млрд руб. Это больше, чем в 2023 г. Так сообщил министр.", []string{"Бюджет составил 500 млрд руб.", "Это больше, чем в 2023 г.", "Так сообщил министр."}},
		{"ru", "Он живёт на ул. Тверской, д. 5. Соседи его знают.", []string{"Он живёт на ул. Тверской, д. 5.", "Соседи его знают."}},
		{"ru", "Обсуждали газ, нефть и т. д. Итоги подведут позже.", []string{"Обсуждали газ, нефть и т. д.", "Итоги подведут позже."}},
		// Ukrainian
		{"uk", "Переговори відбулися 13 лютого 2025 р. у Києві. Сторони домовилися про обмін.", []string{"Переговори відбулися 13 лютого 2025 р. у Києві.", "Сторони домовилися про обмін."}},
		{"uk", "Мітинг пройшов на вул. Хрещатик. Поліція затримала двох людей.", []string{"Мітинг пройшов на вул. Хрещатик.", "Поліція затримала двох людей."}},
		{"uk", "Уряд виділив 2 млрд грн. Гроші підуть на ремонт шкіл.", []string{"Уряд виділив 2 млрд грн.", "Гроші підуть на ремонт шкіл."}},
		{"uk", "Так зв. коаліція, т. зв. «рамштайн», зібралася знову. Міністр прибув.", []string{"Так зв. коаліція, т. зв. «рамштайн», зібралася знову.", "Міністр прибув."}},
	}
	for _, tc := range tests {
		t.Run(tc.lang+"/"+firstWords(tc.in), func(t *testing.T) {
			_, sents := Segment(tc.in, tc.lang)
			var got []string
			for _, s := range sents {
				got = append(got, tc.in[s.Start:s.End])
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("Segment(%q, %s)\n got: %q\nwant: %q", tc.in, tc.lang, got, tc.want)
			}
		})
	}
}

func firstWords(s string) string {
	f := strings.Fields(s)
	if len(f) > 3 {
		f = f[:3]
	}
	return strings.Join(f, "_")
}
