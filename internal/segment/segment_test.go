package segment

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/lang"
	"github.com/newsgraph/newsgraph/internal/pipeline"
)

func tokStrings(text string, toks []doc.Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = text[t.Start:t.End]
	}
	return out
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		name, lang, in, want string // want: tokens joined by " | "
	}{
		{"clitics", "en", "John's dog doesn't bark; they're sure we'll see", "John | 's | dog | does | n't | bark | ; | they | 're | sure | we | 'll | see"},
		{"curly clitics", "en", "It’s Anna’s, and she can’t", "It | ’s | Anna | ’s | , | and | she | ca | n’t"},
		{"won't I'm I'd", "en", "I won't, I'm sure I'd", "I | wo | n't | , | I | 'm | sure | I | 'd"},
		{"plural possessive", "en", "the players' union", "the | players | ' | union"},
		{"names with apostrophe", "en", "O'Brien and D'Angelo", "O'Brien | and | D'Angelo"},
		{"decade", "en", "in the '90s", "in | the | '90s"},
		{"hyphen compounds", "en", "anti-Japanese, well-governed Macron-Merz 20-year-old", "anti-Japanese | , | well-governed | Macron-Merz | 20-year-old"},
		{"numbers", "en", "1,500 people, 2.5 m, 9/27/2024 at 10:30, 1.2.3", "1,500 | people | , | 2.5 | m | , | 9/27/2024 | at | 10:30 | , | 1.2.3"},
		{"currency", "en", "$1.13bn (£600m) and €5 or ¥100", "$ | 1.13bn | ( | £ | 600m | ) | and | € | 5 | or | ¥ | 100"},
		{"currency with country", "en", "HK$5 or US$ 3 and A$1, not USA$", "HK$ | 5 | or | US$ | 3 | and | A$ | 1 | , | not | USA$"},
		{"percent", "en", "rose 76% to 2.5%.", "rose | 76 | % | to | 2.5 | % | ."},
		{"abbreviations", "en", "Mr. Smith, Gen. Milley and Dr. Who met in Sept. at 9 a.m. in the U.S.", "Mr. | Smith | , | Gen. | Milley | and | Dr. | Who | met | in | Sept. | at | 9 | a.m. | in | the | U.S."},
		{"abbreviation with hyphen", "en", "U.S.-led forces", "U.S.-led | forces"},
		{"abbreviation before comma", "en", "e.g., this and i.e. that", "e.g. | , | this | and | i.e. | that"},
		{"number abbreviation", "en", "No. 10 said No.", "No. | 10 | said | No | ."},
		{"initials", "en", "J. K. Rowling and George W. Bush", "J. | K. | Rowling | and | George | W. | Bush"},
		{"ordinary period", "en", "The end. Next", "The | end | . | Next"},
		{"url", "en", "See https://www.bbc.co.uk/news/world-123.html. Or www.example.com!", "See | https://www.bbc.co.uk/news/world-123.html | . | Or | www.example.com | !"},
		{"url in brackets", "en", "(https://example.org/a_(b))", "( | https://example.org/a_(b) | )"},
		{"email handle hashtag", "en", "Write to jane.doe@example.com or @BBCNews_1 #Brexit2019.", "Write | to | jane.doe@example.com | or | @BBCNews_1 | #Brexit2019 | ."},
		{"domain", "en", "Amazon.com and bbc.co.uk", "Amazon.com | and | bbc.co.uk"},
		{"ellipsis", "en", "Well... maybe… no", "Well | ... | maybe | … | no"},
		{"dashes", "en", "one--two — three – four - five", "one | -- | two | — | three | – | four | - | five"},
		{"en dash range", "en", "1990–2000", "1990 | – | 2000"},
		{"quotes", "en", `"Yes," she said. “No” ‘maybe’ «oui» „ja“ ‹x›`, `" | Yes | , | " | she | said | . | “ | No | ” | ‘ | maybe | ’ | « | oui | » | „ | ja | “ | ‹ | x | ›`},
		{"single quotes", "en", "he said 'no' today", "he | said | ' | no | ' | today"},
		{"ampersand", "en", "AT&T and S&P, rock & roll", "AT&T | and | S&P | , | rock | & | roll"},
		{"and/or", "en", "and/or 24/7", "and/or | 24/7"},
		{"question exclamation", "en", "What?! No!!!", "What | ?! | No | !!!"},
		{"brackets", "en", "[a] {b} (c)", "[ | a | ] | { | b | } | ( | c | )"},
		{"non-breaking space", "en", "10\u00a0000 km", "10 | 000 | km"},
		{"cyrillic", "ru", "Москва, т. е. столица России, в 2024 г. Он", "Москва | , | т. | е. | столица | России | , | в | 2024 | г. | Он"},
		{"german multi abbreviation", "de", "Das ist z. B. gut, d. h. schön", "Das | ist | z. | B. | gut | , | d. | h. | schön"},
		{"german compact abbreviation", "de", "z.B. heute", "z.B. | heute"},
		{"german ordinal", "de", "am 3. Oktober 2024", "am | 3. | Oktober | 2024"},
		{"german decimal comma", "de", "2,5 Prozent", "2,5 | Prozent"},
		{"polish compact multi-part", "pl", "Byli tam m.in. posłowie, m. in. ministrowie", "Byli | tam | m.in. | posłowie | , | m. | in. | ministrowie"},
		{"french elision", "fr", "L'homme qu'il a vu aujourd'hui", "L' | homme | qu' | il | a | vu | aujourd'hui"},
		{"french title", "fr", "M. Macron a dit", "M. | Macron | a | dit"},
		{"italian elision", "it", "dell'anno all’Italia", "dell' | anno | all’ | Italia"},
		{"no clitics in neutral rules", "", "John's", "John's"},
		{"cjk", "", "東京都に住む。", "東 | 京 | 都 | に | 住 | む | 。"},
		{"emoji and symbols", "en", "I ❤ NY + 2 = x", "I | ❤ | NY | + | 2 | = | x"},
		{"combining marks", "en", "cafe\u0301 naïve", "cafe\u0301 | naïve"},
		{"soft hyphen and zero-width", "en", "inter\u00adnational a\u200bb", "inter\u00adnational | a | b"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := For(tc.lang)
			if err != nil {
				t.Fatal(err)
			}
			got := strings.Join(tokStrings(tc.in, r.Tokenize(tc.in)), " | ")
			if got != tc.want {
				t.Errorf("Tokenize(%q)\n got: %s\nwant: %s", tc.in, got, tc.want)
			}
		})
	}
}

func TestKindAndSpace(t *testing.T) {
	in := `He paid $5 (10%).`
	toks := Tokenize(in)
	want := []struct {
		text  string
		kind  doc.TokenKind
		space bool
	}{
		{"He", doc.Word, false}, {"paid", doc.Word, true}, {"$", doc.Symbol, true}, {"5", doc.Number, false},
		{"(", doc.Punct, true}, {"10", doc.Number, false}, {"%", doc.Symbol, false}, {")", doc.Punct, false}, {".", doc.Punct, false},
	}
	if len(toks) != len(want) {
		t.Fatalf("got %d tokens %q, want %d", len(toks), tokStrings(in, toks), len(want))
	}
	for i, w := range want {
		tk := toks[i]
		if in[tk.Start:tk.End] != w.text || tk.Kind != w.kind || tk.SpaceBefore != w.space {
			t.Errorf("token %d = %q kind %d space %v, want %q kind %d space %v", i, in[tk.Start:tk.End], tk.Kind, tk.SpaceBefore, w.text, w.kind, w.space)
		}
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name, lang, in string
		want           []string
	}{
		{"simple", "en", "It rained. We stayed in! Did you? Yes.", []string{"It rained.", "We stayed in!", "Did you?", "Yes."}},
		{"quote after period", "en", `He said "no." Then he left.`, []string{`He said "no."`, "Then he left."}},
		{"curly quote after period", "en", "She said: “It is over.” The crowd cheered.", []string{"She said: “It is over.”", "The crowd cheered."}},
		{"question in quote, lowercase after", "en", "“Why?” he asked. “Because.”", []string{"“Why?” he asked.", "“Because.”"}},
		{"bracket after period", "en", "It fell. (See below.) Then it rose.", []string{"It fell.", "(See below.)", "Then it rose."}},
		{"titles", "en", "Mr. Smith met Gen. Milley and Dr. Jones.", []string{"Mr. Smith met Gen. Milley and Dr. Jones."}},
		{"month abbreviation", "en", "It happened on Sept. 11, 2001 in New York.", []string{"It happened on Sept. 11, 2001 in New York."}},
		{"month at sentence end", "en", "It closes in Jan. The firm said so.", []string{"It closes in Jan.", "The firm said so."}},
		{"U.S. mid sentence", "en", "The U.S. Army and U.S. officials agreed.", []string{"The U.S. Army and U.S. officials agreed."}},
		{"U.S. at sentence end", "en", "He moved to the U.S. The move was hard. He lives in the U.S. He likes it.", []string{"He moved to the U.S.", "The move was hard.", "He lives in the U.S.", "He likes it."}},
		{"initials", "en", "J. K. Rowling and George W. Bush met T. S. Eliot.", []string{"J. K. Rowling and George W. Bush met T. S. Eliot."}},
		{"initial after capital then starter", "en", "Take vitamin C. The rest is fine.", []string{"Take vitamin C.", "The rest is fine."}},
		{"company suffix before a quotation", "en", `He works for Acme Corp. "It is hard," he said.`, []string{"He works for Acme Corp.", `"It is hard," he said.`}},
		{"abbreviation before a quoted lowercase word", "en", `the U.S. "hawks" won`, []string{`the U.S. "hawks" won`}},
		{"title with period as starter", "en", "He joined Acme Co. Mr. Smith left.", []string{"He joined Acme Co.", "Mr. Smith left."}},
		{"roman numeral initial", "en", "He served in World War I. The war ended.", []string{"He served in World War I.", "The war ended."}},
		{"british title after abbreviation", "en", "He lives in the U.S. Mr Jones does not. She works for Warner Bros. She likes it.", []string{"He lives in the U.S.", "Mr Jones does not.", "She works for Warner Bros.", "She likes it."}},
		{"camel case starts sentence", "en", "Apple sold more. iPod sales rose.", []string{"Apple sold more.", "iPod sales rose."}},
		{"numbered list in running text", "en", "Five things to do: 1. Buy a car. 2. Sell it. The end.", []string{"Five things to do: 1. Buy a car.", "2. Sell it.", "The end."}},
		{"numbered list lines", "en", "Steps\n1. Open the box\n2. Read it", []string{"Steps", "1. Open the box", "2. Read it"}},
		{"number at sentence end", "en", "The score was 3. He left. In 2004. Then", []string{"The score was 3.", "He left.", "In 2004.", "Then"}},
		{"decimals", "en", "Growth was 2.5 percent. Inflation was 3.1.", []string{"Growth was 2.5 percent.", "Inflation was 3.1."}},
		{"time abbreviation", "en", "They met at 10 a.m. The talks ended at 5 p.m. on Friday.", []string{"They met at 10 a.m.", "The talks ended at 5 p.m. on Friday."}},
		{"No. before number", "en", "He lives at No. 10 Downing Street. She said no. Then", []string{"He lives at No. 10 Downing Street.", "She said no.", "Then"}},
		{"ellipsis lowercase continues", "en", "He paused... and then spoke. Wait… What?", []string{"He paused... and then spoke.", "Wait…", "What?"}},
		{"dash", "en", "The result — a draw — pleased nobody. Fans left.", []string{"The result — a draw — pleased nobody.", "Fans left."}},
		{"exclamation lowercase company", "en", "Yahoo! said profits rose.", []string{"Yahoo! said profits rose."}},
		{"number after period", "en", "Sales fell in 2004. 2005 was better.", []string{"Sales fell in 2004.", "2005 was better."}},
		{"lowercase after period continues", "en", "See fig. and the rest. it goes on", []string{"See fig. and the rest. it goes on"}},
		{"inc at end", "en", "He works for Acme Inc. The company is big.", []string{"He works for Acme Inc.", "The company is big."}},
		{"inc mid", "en", "Acme Inc. said on Monday it would grow.", []string{"Acme Inc. said on Monday it would grow."}},
		{"url period", "en", "Visit www.example.com. It is new.", []string{"Visit www.example.com.", "It is new."}},
		{"paragraph break always ends", "en", "A title without stop\n\nFirst line of body", []string{"A title without stop", "First line of body"}},
		{"paragraph break after abbreviation", "en", "Call Mr.\n\nSmith came.", []string{"Call Mr.", "Smith came."}},
		{"heading line inside paragraph", "en", "Key points\nThe minister resigned on Monday.", []string{"Key points", "The minister resigned on Monday."}},
		{"bullets", "en", "He listed:\n- higher taxes\n- lower spending", []string{"He listed:", "- higher taxes", "- lower spending"}},
		{"hard-wrapped prose", "en", "The former cabinet secretary said in an interview with The Spectator\nMagazine that he was worried.", []string{"The former cabinet secretary said in an interview with The Spectator\nMagazine that he was worried."}},
		{"line ending with comma", "en", "Apples,\nPears", []string{"Apples,\nPears"}},
		{"french spaced quotes", "fr", "Il a dit : « C'est fini ! » La foule a applaudi.", []string{"Il a dit : « C'est fini ! »", "La foule a applaudi."}},
		{"spaced straight quote", "fr", `" Verdun, ville de lumière ! " La gare attend.`, []string{`" Verdun, ville de lumière ! "`, "La gare attend."}},
		{"german quotes", "de", "Er sagte: „Es ist vorbei.“ Dann ging er. »Nein.« Sie blieb.", []string{"Er sagte: „Es ist vorbei.“", "Dann ging er.", "»Nein.«", "Sie blieb."}},
		{"opening quote after space starts next sentence", "en", `He left. "We stay," she said.`, []string{"He left.", `"We stay," she said.`}},
		{"german", "de", "Das ist z. B. gut. Am 3. Oktober 2024 feierte er. Er kam.", []string{"Das ist z. B. gut.", "Am 3. Oktober 2024 feierte er.", "Er kam."}},
		{"russian", "ru", "Это было в 2024 г. В Москве т. е. в столице. Он пришёл.", []string{"Это было в 2024 г.", "В Москве т. е. в столице.", "Он пришёл."}},
		{"polish year", "pl", "Stało się to w 2018 r. W Warszawie padał deszcz.", []string{"Stało się to w 2018 r.", "W Warszawie padał deszcz."}},
		{"russian city", "ru", "Он живёт в г. Москва.", []string{"Он живёт в г. Москва."}},
		{"french", "fr", "M. Dupont est venu. Il est parti.", []string{"M. Dupont est venu.", "Il est parti."}},
		{"cjk", "zh", "我们走了。他来了！好吗？", []string{"我们走了。", "他来了！", "好吗？"}},
		{"neutral abbreviation never ends", "", "Il vit aux U.S. Maintenant.", []string{"Il vit aux U.S. Maintenant."}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, sents := Segment(tc.in, tc.lang)
			var got []string
			for _, s := range sents {
				got = append(got, tc.in[s.Start:s.End])
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("Segment(%q)\n got: %q\nwant: %q", tc.in, got, tc.want)
			}
		})
	}
}

// checkInvariants verifies the layers of a segmented text: tokens and
// sentences inside the text, ordered, non-overlapping, on rune boundaries,
// each sentence inside one paragraph, the sentences covering all tokens.
func checkInvariants(t *testing.T, text string, paras []doc.Span, toks []doc.Token, sents []doc.Sentence) {
	t.Helper()
	prev := 0
	for i, tk := range toks {
		if tk.Start < prev || tk.End <= tk.Start || tk.End > len(text) {
			t.Fatalf("token %d %v out of order or bounds (prev end %d, len %d)", i, tk.Span, prev, len(text))
		}
		if !utf8.RuneStart(text[tk.Start]) || (tk.End < len(text) && !utf8.RuneStart(text[tk.End])) {
			t.Fatalf("token %d %v not on rune boundaries", i, tk.Span)
		}
		if tk.SpaceBefore != (tk.Start > prev) && i > 0 {
			t.Fatalf("token %d %v: SpaceBefore %v but gap %d", i, tk.Span, tk.SpaceBefore, tk.Start-prev)
		}
		if strings.TrimSpace(text[prev:tk.Start]) != "" && !invisibleOnly(text[prev:tk.Start]) {
			t.Fatalf("text %q between tokens is not white space", text[prev:tk.Start])
		}
		prev = tk.End
	}
	next := 0
	for i, s := range sents {
		if s.First != next || s.EndTok <= s.First || s.EndTok > len(toks) {
			t.Fatalf("sentence %d tokens [%d,%d) do not follow %d", i, s.First, s.EndTok, next)
		}
		next = s.EndTok
		if s.Start != toks[s.First].Start || s.End != toks[s.EndTok-1].End {
			t.Fatalf("sentence %d span %v does not match its tokens", i, s.Span)
		}
		if s.Para < 0 || s.Para >= len(paras) || !paras[s.Para].Contains(s.Span) {
			t.Fatalf("sentence %d %v not inside its paragraph %d", i, s.Span, s.Para)
		}
		if i > 0 && sents[i-1].Para > s.Para {
			t.Fatalf("sentence %d: paragraphs out of order", i)
		}
	}
	if next != len(toks) {
		t.Fatalf("sentences cover %d of %d tokens", next, len(toks))
	}
}

func invisibleOnly(s string) bool {
	for _, r := range s {
		if !isSpaceRune(r) && r != ' ' && r != '\t' && r != '\n' && r != '\r' && r != '\v' && r != '\f' {
			return false
		}
	}
	return true
}

func TestComponentInvariants(t *testing.T) {
	texts := []doc.Article{
		{Title: "Butler launches attack", Caption: "A caption. With two sentences", Body: "First para. Second sentence.\n\nMr.\n\n“Quoted.”\nNext line"},
		{Lang: "ru", Title: "Заголовок", Body: "Текст т. е. пример. Ещё одно предложение."},
		{Body: "no title line\nand a second line"},
	}
	for _, a := range texts {
		d, err := doc.New(a)
		if err != nil {
			t.Fatal(err)
		}
		if err := (Segmenter{}).Process(d); err != nil {
			t.Fatal(err)
		}
		checkInvariants(t, d.Text, d.Paragraphs, d.Tokens, d.Sentences)
		if len(d.Sentences) < len(d.Paragraphs) {
			t.Errorf("%d sentences for %d paragraphs", len(d.Sentences), len(d.Paragraphs))
		}
	}
}

func TestRegistered(t *testing.T) {
	p, err := pipeline.Build([]string{Name}, nil)
	if err == nil {
		t.Fatalf("segment built without a lang component: %v", p.Names())
	}
	found := false
	for _, n := range pipeline.Defaults() {
		found = found || n == Name
	}
	if !found {
		t.Errorf("segment is not a default component")
	}
}

// TestLanguageData checks that every language pack's segmentation files load.
func TestLanguageData(t *testing.T) {
	if _, err := loadAll(); err != nil {
		t.Fatal(err)
	}
	for _, iso := range []string{"en", "de", "fr", "es", "ru", "uk", "it", "pl"} {
		r, _ := For(iso)
		if r.Lang() != iso {
			t.Errorf("no segmentation rules for %s", iso)
		}
	}
	for _, iso := range lang.Languages() {
		if _, err := load(iso); err != nil {
			t.Error(err)
		}
	}
	if r, _ := For("EN-gb"); r.Lang() != "en" {
		t.Errorf("For(EN-gb) = %q", r.Lang())
	}
	if r, _ := For("und"); r != Neutral() {
		t.Errorf("For(und) is not the neutral rule set")
	}
}

// sharedDir returns ../shared relative to the repository root, or "".
func sharedDir(t testing.TB) string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			s := filepath.Join(dir, "..", "shared")
			if _, err := os.Stat(s); err == nil {
				return s
			}
			return ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// bbcArticles reads the BBC news corpus from ../shared, or skips.
func bbcArticles(t testing.TB) []string {
	s := sharedDir(t)
	if s == "" {
		t.Skip("../shared (beside the repository root) is absent: skipping the BBC corpus")
	}
	files, _ := filepath.Glob(filepath.Join(s, "data", "news-bbc", "bbc", "*", "*.txt"))
	if len(files) == 0 {
		t.Skip("../shared/data/news-bbc/bbc has no articles: skipping")
	}
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if utf8.Valid(b) {
			out = append(out, string(b))
		}
	}
	return out
}

func TestBBCInvariants(t *testing.T) {
	arts := bbcArticles(t)
	for _, a := range arts {
		title, body, _ := strings.Cut(a, "\n")
		d, err := doc.New(doc.Article{Lang: "en", Title: title, Body: body})
		if err != nil {
			continue
		}
		if err := (Segmenter{}).Process(d); err != nil {
			t.Fatal(err)
		}
		checkInvariants(t, d.Text, d.Paragraphs, d.Tokens, d.Sentences)
	}
}
