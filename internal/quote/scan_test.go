package quote

import (
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/doc"
)

func enMarks(t testing.TB) *Marks {
	t.Helper()
	l, err := LoadLexicon("en")
	if err != nil {
		t.Fatal(err)
	}
	return l.Marks
}

func paras(text string) []doc.Span {
	var out []doc.Span
	start := 0
	for _, p := range strings.Split(text, "\n\n") {
		out = append(out, doc.Span{Start: start, End: start + len(p)})
		start += len(p) + 2
	}
	return out
}

func TestScan(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"curly", "He said: “We will win.” Then he left.", []string{"We will win."}},
		{"straight", `He said: "We will win." Then he left.`, []string{"We will win."}},
		{"single as primary", "Tax rise 'unjustified' - minister", []string{"unjustified"}},
		{"apostrophes are not quotes", "It's the Joneses' house, isn't it?", nil},
		{"guillemets", "Il a dit : « Nous gagnerons. »", []string{"Nous gagnerons."}},
		{"german", "Er sagte: „Wir werden siegen.“ Dann ging er.", []string{"Wir werden siegen."}},
		{"single angle", "Sie sagte: ‹Nein›.", []string{"Nein"}},
		{"nested", `She said: "He told me 'never again' twice."`, []string{"He told me 'never again' twice."}},
		{"nested curly", "She said: “He told me ‘never again’ twice.”", []string{"He told me ‘never again’ twice."}},
		{"partial", "He warned that the tariffs “will backfire.”", []string{"will backfire."}},
		{"two in one sentence", `It was "bad" and "sad".`, []string{"bad", "sad"}},
		{"unclosed then new", `He said: "First point. "Second point."`, []string{"First point.", "Second point."}},
		{"multi-paragraph", "He said: “One.\n\n“Two.”\n\nNext.", []string{"One.\n\n“Two."}},
		{"unclosed at paragraph end", "He said: “One.\n\nNext.", []string{"One."}},
		{"spaced opening", `He called it " a worrying issue".`, []string{"a worrying issue"}},
		{"stray closer", `He left." Then more.`, nil},
		{"mixed marks", "“We will win,\" he said.", []string{"We will win,"}},
		{"mistyped closer", "“Are you sure?“ he asked.", []string{"Are you sure?"}},
	}
	m := enMarks(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := Scan(tt.text, paras(tt.text), m)
			var got []string
			for _, r := range rs {
				got = append(got, tt.text[r.Content.Start:r.Content.End])
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func FuzzScan(f *testing.F) {
	for _, s := range []string{
		`He said: "We will win." Then`, "“a” ‘b’ «c» „d“ ‹e›", "\"\"\"''", "“One.\n\n“Two.”", "'x' \"y", "»z«",
		"\"PRYCE: One.\n\n\"MR. OKAFOR: Two.",
	} {
		f.Add(s)
	}
	for _, s := range []string{
		"— Мы готовы, — сказал он. — Но «условия «известны»».", "—No —dijo—. Sí.", "« Oui », a-t-il ajouté, — non",
		"x. – Tak – powiedział. – Nie", "„A - sagte er -, b“", "«a, — заявил Б, — в»", "- -, — —. — ,",
	} {
		f.Add(s)
	}
	var marks []*Marks
	for _, iso := range []string{"en", "ru", "es", "fr", "pl", "de"} {
		l, err := LoadLexicon(iso)
		if err != nil {
			f.Fatal(err)
		}
		marks = append(marks, l.Marks)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 1<<12 {
			return
		}
		for _, m := range marks {
			checkRegions(t, s, Scan(s, paras(s), m))
		}
	})
}

// checkRegions checks that regions lie in s, hold their content between
// their marks and come in order.
func checkRegions(t *testing.T, s string, rs []Region) {
	t.Helper()
	{
		last := -1
		for _, r := range rs {
			if r.Content.Start < 0 || r.Content.End > len(s) || r.Content.Start >= r.Content.End {
				t.Fatalf("bad content span %+v in %q", r.Content, s)
			}
			if r.Open.End > r.Content.Start {
				t.Fatalf("content starts inside its opening mark: %+v", r)
			}
			if r.Close.End > 0 && r.Close.Start < r.Content.End {
				t.Fatalf("content ends after its closing mark: %+v", r)
			}
			if r.Open.Start < last {
				t.Fatalf("regions out of order in %q", s)
			}
			last = r.Open.Start
		}
	}
}

func TestScanLanguages(t *testing.T) {
	tests := []struct {
		lang, name, text string
		want             []string
	}{
		{"ru", "dash speech and continuation", "— Мы готовы, — сказал он. — Но условия известны.", []string{"Мы готовы,", "Но условия известны."}},
		{"ru", "a copula dash is no speech", "Москва — столица России. Это — главное.", nil},
		{"ru", "a list after a colon is no speech", "Условия:\n\n— Снижение налогов;\n\n— Отмена пошлин.", nil},
		{"ru", "speech after a colon", "Он сказал:\n\n— Мы не отступим.", []string{"Мы не отступим."}},
		{"ru", "nested «»", "Он заявил: «Проект «Поток» закрыт».", []string{"Проект «Поток» закрыт"}},
		{"ru", "incise", "«Я должен сказать, — заявил он, — что решения нет».", []string{"Я должен сказать,", "что решения нет"}},
		{"es", "raya", "—No cederemos —dijo el ministro—. Es nuestra obligación.", []string{"No cederemos", "Es nuestra obligación."}},
		{"pl", "dash speech after a sentence", "Minister przyjechał. – Nie możemy czekać – powiedział.", []string{"Nie możemy czekać"}},
		{"fr", "French incise without a dash", "— Nous resterons, a déclaré le ministre.", []string{"Nous resterons"}},
		{"de", "German marks", "Er sagte: „Wir sind bereit.“ Sie sagte: »Wir auch.« Und: «Gut.»", []string{"Wir sind bereit.", "Wir auch.", "Gut."}},
		{"pl", "Polish marks with nested «»", "Powiedział: „To jest «nasz» plan”.", []string{"To jest «nasz» plan"}},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.name, func(t *testing.T) {
			l, err := LoadLexicon(tt.lang)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range Scan(tt.text, paras(tt.text), l.Marks) {
				got = append(got, tt.text[r.Content.Start:r.Content.End])
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTranscriptLabel(t *testing.T) {
	l, err := LoadLexicon("en")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text string
		want string // the label with its colon and spaces, "" for none
	}{
		{"\"PRYCE: We are ready.", "\"PRYCE: "},
		{"“MR. OKAFOR: Not yet.", "“MR. OKAFOR: "},
		{"ANN LEE PRYCE: Yes.", "ANN LEE PRYCE: "},
		{"\"Pryce: We are ready.", ""},                // not in capitals
		{"\"A: We are ready.", ""},                    // one letter
		{"\"NOTE:", ""},                               // nothing after the label
		{"\"THE LONG AND WINDING ROAD: a review", ""}, // more than three words
		{"\"We are ready: no doubt.", ""},             // a sentence
	}
	for _, tt := range tests {
		n := transcriptLabel(tt.text, doc.Span{Start: 0, End: len(tt.text)}, l.Marks)
		if got := tt.text[:n]; got != tt.want {
			t.Errorf("transcriptLabel(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
