package ner

import (
	"testing"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/segment"
)

// TestLangSentences tags sentences written for this test about current
// news, one document per language, with the language's embedded model, and
// checks that the names in them are found with the right type. Inflected
// forms (Зеленського, Zełenskiego, Selenskyjs) are the point.
func TestLangSentences(t *testing.T) {
	tests := []struct {
		lang, text string
		want       map[string]string
	}{
		{"de", "Bundeskanzler Friedrich Merz hat am Montag in Berlin mit dem ukrainischen Präsidenten Wolodymyr Selenskyj gesprochen. Merz sagte, Deutschland werde die Ukraine weiter unterstützen.",
			map[string]string{"Friedrich Merz": "PERSON", "Berlin": "LOC", "Wolodymyr Selenskyj": "PERSON"}},
		{"fr", "Le président Emmanuel Macron a reçu lundi à l'Élysée le chancelier allemand Friedrich Merz. Les deux dirigeants ont parlé de l'OTAN et de l'Ukraine.",
			map[string]string{"Emmanuel Macron": "PERSON", "Friedrich Merz": "PERSON"}},
		{"es", "El presidente del Gobierno, Pedro Sánchez, viajó a Bruselas para reunirse con Ursula von der Leyen. La Comisión Europea anunció nuevas ayudas para Valencia.",
			map[string]string{"Pedro Sánchez": "PERSON", "Bruselas": "LOC", "Valencia": "LOC"}},
		{"it", "La presidente del Consiglio Giorgia Meloni ha incontrato a Roma il segretario generale della NATO Mark Rutte. Meloni ha ribadito il sostegno dell'Italia a Kiev.",
			map[string]string{"Giorgia Meloni": "PERSON", "Roma": "LOC", "Mark Rutte": "PERSON"}},
		{"ru", "Президент Украины Владимир Зеленский провёл в Киеве переговоры с генеральным секретарём НАТО Марком Рютте. Зеленского поддержали в Евросоюзе.",
			map[string]string{"Владимир Зеленский": "PERSON", "Киеве": "LOC", "НАТО": "ORG", "Зеленского": "PERSON"}},
		{"uk", "Президент Володимир Зеленський зустрівся у Києві з прем'єр-міністром Польщі Дональдом Туском. Зеленського підтримали в Брюсселі.",
			map[string]string{"Володимир Зеленський": "PERSON", "Києві": "LOC", "Дональдом Туском": "PERSON"}},
		{"pl", "Premier Donald Tusk spotkał się w Warszawie z prezydentem Ukrainy Wołodymyrem Zełenskim. Rozmowy dotyczyły pomocy dla Ukrainy i sankcji wobec Rosji.",
			map[string]string{"Donald Tusk": "PERSON", "Warszawie": "LOC", "Wołodymyrem Zełenskim": "PERSON", "Rosji": "LOC"}},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			if !HasModel(tt.lang) {
				t.Skipf("no %s model embedded", tt.lang)
			}
			d, err := doc.New(doc.Article{Body: tt.text, Lang: tt.lang})
			if err != nil {
				t.Fatal(err)
			}
			d.Tokens, d.Sentences = segment.Segment(d.Text, tt.lang)
			d.Lang = tt.lang
			if err := (&Component{model: "ontonotes"}).Process(d); err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for _, m := range d.Mentions {
				got[d.Slice(m.Span)] = m.Type
			}
			for name, typ := range tt.want {
				if got[name] != typ {
					t.Errorf("%s: got %q, want %s (all: %v)", name, got[name], typ, got)
				}
			}
		})
	}
}

// TestNoModelNoMentions: a language without a model gets no mentions, not
// the English model's guesses.
func TestNoModelNoMentions(t *testing.T) {
	d, err := doc.New(doc.Article{Body: "Premier Dick Schoof sprak in Den Haag met Mark Rutte."})
	if err != nil {
		t.Fatal(err)
	}
	d.Tokens, d.Sentences = segment.Segment(d.Text, "")
	d.Lang = "nl"
	if err := (&Component{model: "ontonotes"}).Process(d); err != nil {
		t.Fatal(err)
	}
	if len(d.Mentions) != 0 {
		t.Errorf("mentions %v for a language without a model", d.Mentions)
	}
}
