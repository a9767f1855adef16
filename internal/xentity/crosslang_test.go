package xentity

import (
	"testing"

	"github.com/newsgraph/newsgraph/internal/doc"
)

func TestSkeleton(t *testing.T) {
	groups := []struct {
		want  string
		names [][2]string // language, name
	}{
		{"volodimir selenski", [][2]string{{"en", "Volodymyr Zelensky"}, {"en", "Volodymyr Zelenskyy"}, {"de", "Wolodymyr Selenskyj"},
			{"uk", "Володимир Зеленський"}, {"pl", "Wołodymyr Zełenski"}, {"fr", "Volodymyr Zelensky"}, {"es", "Volodímir Zelenski"}}},
		{"selenski", [][2]string{{"ru", "Зеленский"}, {"en", "Zelenskiy"}, {"de", "Selenskyj"}, {"it", "Zelensky"}}},
		{"vladimir putin", [][2]string{{"en", "Vladimir Putin"}, {"ru", "Владимир Путин"}, {"fr", "Vladimir Poutine"}, {"de", "Wladimir Putin"},
			{"pl", "Władimir Putin"}, {"es", "Vladímir Putin"}}},
		{"sergei lavrov", [][2]string{{"en", "Sergei Lavrov"}, {"en", "Sergey Lavrov"}, {"ru", "Сергей Лавров"}, {"de", "Sergej Lawrow"},
			{"pl", "Siergiej Ławrow"}, {"fr", "Sergueï Lavrov"}, {"es", "Serguéi Lavrov"}}},
		{"maria sagarova", [][2]string{{"en", "Maria Zakharova"}, {"ru", "Мария Захарова"}, {"de", "Maria Sacharowa"}, {"pl", "Maria Zacharowa"},
			{"es", "María Zajárova"}}},
		{"dmitri peskov", [][2]string{{"en", "Dmitry Peskov"}, {"ru", "Дмитрий Песков"}, {"de", "Dmitri Peskow"}, {"pl", "Dmitrij Pieskow"}}},
		{"aleksei navalni", [][2]string{{"en", "Alexei Navalny"}, {"ru", "Алексей Навальный"}, {"de", "Alexej Nawalny"}, {"pl", "Aleksiej Nawalny"}}},
	}
	for _, g := range groups {
		for _, n := range g.names {
			if got := Skeleton(n[0], n[1]); got != g.want {
				t.Errorf("Skeleton(%s, %q) = %q, want %q", n[0], n[1], got, g.want)
			}
		}
	}
	// different people stay different
	apart := [][2][2]string{
		{{"en", "Volodymyr Zelensky"}, {"en", "Olena Zelenska"}},
		{{"en", "Vladimir Putin"}, {"ru", "Владимир Путилин"}},
	}
	for _, p := range apart {
		if a, b := Skeleton(p[0][0], p[0][1]), Skeleton(p[1][0], p[1][1]); a == b {
			t.Errorf("%q and %q share the skeleton %q", p[0][1], p[1][1], a)
		}
	}
}

func TestRomanize(t *testing.T) {
	tests := []struct{ lang, in, want string }{
		{"ru", "Сергей Лавров", "Sergey Lavrov"},
		{"ru", "Мария Захарова", "Mariya Zakharova"},
		{"ru", "Евгений Щербаков", "Yevgeniy Shcherbakov"},
		{"uk", "Володимир Зеленський", "Volodymyr Zelenskyi"},
		{"uk", "Юлія Свириденко", "Yuliia Svyrydenko"},
		{"uk", "Київ", "Kyiv"},
		{"uk", "Запоріжжя", "Zaporizhzhia"},
		{"ru", "Київ", "Kyiv"}, // Ukrainian letters: read as Ukrainian
		{"de", "Berlin", "Berlin"},
	}
	for _, tc := range tests {
		if got := Romanize(tc.lang, tc.in); got != tc.want {
			t.Errorf("Romanize(%s, %q) = %q, want %q", tc.lang, tc.in, got, tc.want)
		}
	}
}

func TestEnglishName(t *testing.T) {
	tests := []struct{ lang, in, want string }{
		{"de", "Kiew", "Kyiv"}, {"fr", "Kiev", "Kyiv"}, {"ru", "Киев", "Kyiv"}, {"uk", "Київ", "Kyiv"}, {"pl", "Kijów", "Kyiv"},
		{"it", "Kiev", "Kyiv"}, {"es", "Kiev", "Kyiv"},
		{"de", "Deutschland", "Germany"}, {"ru", "Россия", "Russia"}, {"uk", "Росія", "Russia"}, {"pl", "Rosja", "Russia"},
		{"ru", "США", "United States"}, {"es", "EE. UU.", "United States"}, {"fr", "Moscou", "Moscow"}, {"it", "Mosca", "Moscow"},
		{"pl", "Warszawa", "Warsaw"}, {"de", "Merz", ""},
	}
	for _, tc := range tests {
		if got := EnglishName(tc.lang, tc.in); got != tc.want {
			t.Errorf("EnglishName(%s, %q) = %q, want %q", tc.lang, tc.in, got, tc.want)
		}
	}
	if got := englishPlace("en", "Kiev"); got != "Kyiv" {
		t.Errorf("englishPlace(en, Kiev) = %q", got)
	}
}

// TestResolveAcrossLanguages links one person and one place reported in
// seven languages and two scripts into one corpus entity each, named in
// English.
func TestResolveAcrossLanguages(t *testing.T) {
	m := newMem()
	type report struct {
		lang, person, place string
	}
	reports := []report{
		{"de", "Wolodymyr Selenskyj", "Kiew"},
		{"ru", "Владимир Зеленский", "Киев"},
		{"en", "Volodymyr Zelensky", "Kyiv"},
		{"uk", "Володимир Зеленський", "Київ"},
		{"pl", "Wołodymyr Zełenski", "Kijów"},
		{"fr", "Volodymyr Zelensky", "Kiev"},
		{"es", "Volodímir Zelenski", "Kiev"},
		{"it", "Volodymyr Zelensky", "Kiev"},
		{"en", "Zelenskyy", "Kiev"},
		{"ru", "Зеленский", "Киев"},
	}
	var person, place int64
	for _, r := range reports {
		got := m.putLang(t, r.lang, ent("e1", r.person, "PERSON", r.person), ent("e2", r.place, "GPE", r.place))
		if person == 0 {
			person, place = got["e1"], got["e2"]
			continue
		}
		if got["e1"] != person {
			t.Errorf("%s %q: entity %d, want %d (%q)", r.lang, r.person, got["e1"], person, m.names[person])
		}
		if got["e2"] != place {
			t.Errorf("%s %q: entity %d, want %d (%q)", r.lang, r.place, got["e2"], place, m.names[place])
		}
	}
	if n := m.names[person]; n != "Volodymyr Zelensky" {
		t.Errorf("person named %q, want the English name", n)
	}
	if n := m.names[place]; n != "Kyiv" {
		t.Errorf("place named %q, want Kyiv", n)
	}
	// Putin in French, Russian and English; his namesake stays apart
	a := m.putLang(t, "fr", ent("e1", "Vladimir Poutine", "PERSON", "Vladimir Poutine", "Poutine"))
	b := m.putLang(t, "ru", ent("e1", "Владимир Путин", "PERSON", "Владимир Путин", "Путина"))
	c := m.putLang(t, "en", ent("e1", "Vladimir Putin", "PERSON", "Vladimir Putin"))
	d := m.putLang(t, "ru", ent("e1", "Путин", "PERSON", "Путин"))
	if a["e1"] != b["e1"] || a["e1"] != c["e1"] || a["e1"] != d["e1"] {
		t.Errorf("Poutine / Путин / Putin: %d %d %d %d", a["e1"], b["e1"], c["e1"], d["e1"])
	}
	if n := m.names[a["e1"]]; n != "Vladimir Putin" {
		t.Errorf("Putin named %q", n)
	}
	e := m.putLang(t, "en", ent("e1", "Olena Zelenska", "PERSON", "Olena Zelenska"))
	if e["e1"] == person {
		t.Errorf("Olena Zelenska joined her husband")
	}
	// a non-English document does not rename an entity that has an English name
	f := m.putLang(t, "ru", ent("e1", "Владимир Александрович Зеленский", "PERSON", "Владимир Александрович Зеленский"))
	if f["e1"] == person && m.names[person] != "Volodymyr Zelensky" {
		t.Errorf("renamed to %q", m.names[person])
	}
}

func FuzzSkeleton(f *testing.F) {
	for _, s := range []string{"Зеленський", "Wołodymyr Zełenski", "Poutine", "ß-ł'’ʼ", "", "  ", "Ё ё"} {
		f.Add("ru", s)
		f.Add("uk", s)
		f.Add("fr", s)
	}
	f.Fuzz(func(t *testing.T, iso, s string) {
		k := Skeleton(iso, s)
		for _, r := range k {
			if r == '\t' || r == '\n' {
				t.Fatalf("Skeleton(%q) = %q holds a control character", s, k)
			}
		}
		_ = Romanize(iso, s)
		_ = EnglishName(iso, s)
	})
}

// TestResolveNationality links a nationality named in German (with its
// English name from the entity layer) and in English.
func TestResolveNationality(t *testing.T) {
	m := newMem()
	de := doc.JSONEntity{ID: "e1", Name: "ukrainische", NameEN: "Ukrainian", Type: "NORP", Mentions: []doc.JSONSpan{{Text: "ukrainische"}}}
	a := m.putLang(t, "de", de)
	b := m.put(t, ent("e1", "Ukrainian", "NORP", "Ukrainian"))
	if a["e1"] != b["e1"] {
		t.Errorf("ukrainische / Ukrainian apart: %d %d", a["e1"], b["e1"])
	}
	if n := m.names[a["e1"]]; n != "Ukrainian" {
		t.Errorf("named %q", n)
	}
}

// BenchmarkSkeleton measures the cross-language key of typical names.
func BenchmarkSkeleton(b *testing.B) {
	names := [][2]string{{"en", "Volodymyr Zelensky"}, {"ru", "Владимир Зеленский"}, {"de", "Friedrich Merz"}, {"pl", "Wołodymyr Zełenski"}}
	n := 0
	for _, p := range names {
		n += len(p[1])
	}
	b.SetBytes(int64(n))
	for i := 0; i < b.N; i++ {
		for _, p := range names {
			Skeleton(p[0], p[1])
		}
	}
	b.ReportMetric(float64(b.N*len(names))/b.Elapsed().Seconds(), "names/s")
}

// TestResolveGermanUkrainian links a German name and its Ukrainian
// transcription ("Friedrich Merz" ~ "Фрідріх Мерц") and a Russian name in
// Ukrainian ("Дмитро Пєсков" ~ "Dmitry Peskov"), and renames an entity
// first named in another language when an English document names it.
func TestResolveGermanUkrainian(t *testing.T) {
	m := newMem()
	a := m.putLang(t, "de", ent("e1", "Friedrich Merz", "PERSON", "Friedrich Merz"), ent("e2", "Dmitri Peskow", "PERSON", "Dmitri Peskow"))
	b := m.putLang(t, "uk", ent("e1", "Фрідріх Мерц", "PERSON", "Фрідріхом Мерцом"), ent("e2", "Дмитро Пєсков", "PERSON", "Дмитро Пєсков"))
	c := m.put(t, ent("e1", "Friedrich Merz", "PERSON", "Friedrich Merz"), ent("e2", "Dmitry Peskov", "PERSON", "Dmitry Peskov"))
	for _, k := range []string{"e1", "e2"} {
		if a[k] != b[k] || a[k] != c[k] {
			t.Errorf("%s: %d %d %d", k, a[k], b[k], c[k])
		}
	}
	if n := m.names[a["e2"]]; n != "Dmitry Peskov" {
		t.Errorf("named %q, want the English name", n)
	}
}

func TestKnownEnglish(t *testing.T) {
	tests := []struct{ lang, typ, name, want string }{
		{"ru", "PERSON", "Владимир Путин", "Vladimir Putin"},
		{"ru", "PERSON", "Путин", "Vladimir Putin"},
		{"uk", "PERSON", "Володимир Зеленський", "Volodymyr Zelensky"},
		{"pl", "PERSON", "Zełenski", "Volodymyr Zelensky"},
		{"de", "PERSON", "Wolodymyr Selenskyj", "Volodymyr Zelensky"},
		{"fr", "PERSON", "Vladimir Poutine", "Vladimir Putin"},
		{"de", "PERSON", "Putin", "Vladimir Putin"},
		{"de", "PERSON", "Dmitri Peskow", "Dmitry Peskov"},
		{"ru", "ORG", "Путин", ""},
		{"de", "PERSON", "Hans Mustermann", ""},
	}
	for _, tc := range tests {
		if got := KnownEnglish(tc.lang, tc.typ, tc.name); got != tc.want {
			t.Errorf("KnownEnglish(%s, %s, %q) = %q, want %q", tc.lang, tc.typ, tc.name, got, tc.want)
		}
	}
}

// TestResolveKnownEnglish names a corpus entity in English from the first,
// Russian, document when the entity layer knows the English name.
func TestResolveKnownEnglish(t *testing.T) {
	m := newMem()
	ru := doc.JSONEntity{ID: "e1", Name: "Сергей Лавров", NameEN: "Sergey Lavrov", Type: "PERSON", Mentions: []doc.JSONSpan{{Text: "Сергей Лавров"}}}
	a := m.putLang(t, "ru", ru)
	b := m.put(t, ent("e1", "Sergei Lavrov", "PERSON", "Sergei Lavrov"))
	if a["e1"] != b["e1"] {
		t.Errorf("Сергей Лавров / Sergei Lavrov apart")
	}
	if n := m.names[a["e1"]]; n != "Sergey Lavrov" && n != "Sergei Lavrov" {
		t.Errorf("named %q", n)
	}
}
