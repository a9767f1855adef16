package langid

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/segment"
)

func TestDetect(t *testing.T) {
	tests := []struct{ want, text string }{
		{"en", "The government announced on Tuesday that it would raise taxes on fuel next year."},
		{"de", "Die Regierung kündigte am Dienstag an, im nächsten Jahr die Steuern auf Kraftstoff zu erhöhen."},
		{"fr", "Le gouvernement a annoncé mardi qu'il augmenterait les taxes sur le carburant l'année prochaine."},
		{"es", "El gobierno anunció el martes que subirá los impuestos sobre el combustible el próximo año."},
		{"it", "Il governo ha annunciato martedì che l'anno prossimo aumenterà le tasse sul carburante."},
		{"pt", "O governo anunciou na terça-feira que vai aumentar os impostos sobre os combustíveis no próximo ano."},
		{"nl", "De regering heeft dinsdag aangekondigd dat ze volgend jaar de belasting op brandstof zal verhogen."},
		{"pl", "Rząd ogłosił we wtorek, że w przyszłym roku podniesie podatki na paliwo."},
		{"ru", "Правительство объявило во вторник, что в следующем году повысит налоги на топливо."},
		{"uk", "Уряд оголосив у вівторок, що наступного року підвищить податки на пальне."},
		{"tr", "Hükümet salı günü yaptığı açıklamada gelecek yıl akaryakıt vergilerini artıracağını duyurdu."},
		{"ar", "أعلنت الحكومة يوم الثلاثاء أنها سترفع الضرائب على الوقود في العام المقبل."},
		{"zh", "政府星期二宣布，明年将提高燃油税。"},
		{"ja", "政府は火曜日、来年燃料税を引き上げると発表した。"},
		{"ko", "정부는 화요일 내년에 연료세를 인상할 것이라고 발표했다."},
		{"el", "Η κυβέρνηση ανακοίνωσε την Τρίτη ότι θα αυξήσει τους φόρους στα καύσιμα."},
		{Undetermined, ""},
		{Undetermined, "OK"},
		{Undetermined, "12,345 67 89 — !!"},
		{Undetermined, "中"},
	}
	for _, tc := range tests {
		if got := Detect(tc.text); got != tc.want {
			t.Errorf("Detect(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestNormalizeAndPrefix(t *testing.T) {
	for in, want := range map[string]string{"EN": "en", "en-GB": "en", " de_DE ": "de", "": "", "und": "und", "deu": "de", "English": "english"} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
	s := "ab€cd" // € is 3 bytes at 2..5
	for n, want := range map[int]string{0: "", 2: "ab", 3: "ab", 4: "ab", 5: "ab€", 99: s} {
		if got := Prefix(s, n); got != want {
			t.Errorf("Prefix(%q, %d) = %q, want %q", s, n, got, want)
		}
	}
}

func TestProcess(t *testing.T) {
	d, err := doc.New(doc.Article{Lang: "EN-us", Body: "Die Regierung kündigte am Dienstag an, die Steuern zu erhöhen."})
	if err != nil {
		t.Fatal(err)
	}
	dt := &Detector{prefix: DefaultPrefixBytes}
	if err := dt.Process(d); err != nil || d.Lang != "en" {
		t.Errorf("declared language: got %q, %v; want en", d.Lang, err)
	}
	for _, declared := range []string{"", "und", "Deutsch"} {
		d.Lang = declared
		if err := dt.Process(d); err != nil || d.Lang != "de" {
			t.Errorf("declared %q: got %q, %v; want de detected", declared, d.Lang, err)
		}
	}
}

// sample is one text of the evaluation set.
type sample struct{ lang, text string }

// corpus builds the multilingual evaluation set from ../shared: for each
// language up to n short samples (one sentence of 40–200 bytes) and up to n
// document prefixes (4 KB), from BBC English and the development files of
// the non-English NER data. It skips when ../shared is absent.
func corpus(t testing.TB, n int) (short, docs []sample) {
	s := sharedDir()
	if s == "" {
		t.Skip("../shared (beside the repository root) is absent: skipping the multilingual evaluation")
	}
	ml := filepath.Join(s, "data-ml")
	add := func(lang string, texts []string) {
		var sents []string
		for _, tx := range texts {
			if len(docs) < 1<<20 && len(tx) > 200 {
				docs = append(docs, sample{lang, Prefix(tx, 4096)})
			}
			_, ss := segment.Segment(tx, lang)
			for _, se := range ss {
				if l := se.Len(); l >= 40 && l <= 200 {
					sents = append(sents, tx[se.Start:se.End])
				}
			}
		}
		step := max(1, len(sents)/n)
		for i := 0; i < len(sents) && i/step < n; i += step {
			short = append(short, sample{lang, sents[i]})
		}
	}
	limit := func(l []string) []string { return l[:min(len(l), n)] }
	add("en", limit(readFiles(t, filepath.Join(s, "data", "news-bbc", "bbc", "*", "*.txt"), 10)))
	add("ru", limit(readFiles(t, filepath.Join(ml, "ru-nerel", "dev", "*.txt"), 1)))
	add("uk", limit(readFiles(t, filepath.Join(ml, "uk-slavicner", "raw", "*", "uk", "*.txt"), 1)))
	add("pl", limit(readFiles(t, filepath.Join(ml, "pl-slavicner", "raw", "*", "pl", "*.txt"), 1)))
	add("de", limit(columnDocs(t, filepath.Join(ml, "de-germeval2014", "dev.txt"), " ", 0)))
	add("es", limit(columnDocs(t, filepath.Join(ml, "es-conll2002", "dev.txt"), " ", 0)))
	add("it", limit(columnDocs(t, filepath.Join(ml, "it-kind", "evalita-2023", "WN_dev.tsv"), "\t", 0)))
	add("fr", limit(textLineDocs(t, filepath.Join(ml, "fr-sequoia", "sequoia-ud.parseme.frsemcor.simple.dev"))))
	if len(short) == 0 {
		t.Skip("no evaluation texts found under ../shared")
	}
	// keep at most n documents per language
	per := map[string]int{}
	kept := docs[:0]
	for _, d := range docs {
		if per[d.lang] < n {
			kept = append(kept, d)
			per[d.lang]++
		}
	}
	return short, kept
}

// readFiles reads every every-th file matching pattern.
func readFiles(t testing.TB, pattern string, every int) []string {
	files, _ := filepath.Glob(pattern)
	sort.Strings(files)
	var out []string
	for i := 0; i < len(files); i += every {
		b, err := os.ReadFile(files[i])
		if err != nil {
			t.Fatal(err)
		}
		if utf8.Valid(b) {
			out = append(out, string(b))
		}
	}
	return out
}

// columnDocs reads a CoNLL-style file (token in column col, sentences
// separated by blank lines) into documents of 30 sentences, tokens joined
// by spaces.
func columnDocs(t testing.TB, path, sep string, col int) []string {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	var docs []string
	var b strings.Builder
	var sent []string
	nsent := 0
	flush := func() {
		if len(sent) > 0 {
			b.WriteString(strings.Join(sent, " "))
			b.WriteString(" ")
			sent = sent[:0]
			nsent++
		}
		if nsent == 30 {
			docs = append(docs, b.String())
			b.Reset()
			nsent = 0
		}
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.HasPrefix(line, "-DOCSTART-") {
			continue
		}
		if strings.TrimSpace(line) == "" {
			flush()
			continue
		}
		fs := strings.Split(line, sep)
		if col < len(fs) {
			sent = append(sent, fs[col])
		}
	}
	flush()
	return docs
}

// textLineDocs reads the "# text = " lines of a CoNLL-U file into documents
// of 30 sentences.
func textLineDocs(t testing.TB, path string) []string {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	var docs []string
	var cur []string
	for _, line := range strings.Split(string(b), "\n") {
		if s, ok := strings.CutPrefix(line, "# text = "); ok {
			cur = append(cur, s)
			if len(cur) == 30 {
				docs = append(docs, strings.Join(cur, " "))
				cur = nil
			}
		}
	}
	return docs
}

func sharedDir() string {
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
		p := filepath.Dir(dir)
		if p == dir {
			return ""
		}
		dir = p
	}
}

// accuracy scores a detector on samples and returns overall accuracy and a
// per-language summary.
func accuracy(samples []sample, detect func(string) string) (float64, string) {
	right := map[string]int{}
	total := map[string]int{}
	wrong := map[string]map[string]int{}
	ok := 0
	for _, s := range samples {
		got := detect(s.text)
		total[s.lang]++
		if got == s.lang {
			right[s.lang]++
			ok++
		} else {
			if wrong[s.lang] == nil {
				wrong[s.lang] = map[string]int{}
			}
			wrong[s.lang][got]++
		}
	}
	var langs []string
	for l := range total {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	var b strings.Builder
	for _, l := range langs {
		fmt.Fprintf(&b, "%s %d/%d", l, right[l], total[l])
		if len(wrong[l]) > 0 {
			fmt.Fprintf(&b, " %v", wrong[l])
		}
		b.WriteString("; ")
	}
	return float64(ok) / float64(max(1, len(samples))), b.String()
}

// TestCorpusAccuracy reports the detector's accuracy on the evaluation set
// (../shared). It fails only when document prefixes are detected badly.
func TestCorpusAccuracy(t *testing.T) {
	short, docs := corpus(t, 200)
	accS, sumS := accuracy(short, Detect)
	accD, sumD := accuracy(docs, Detect)
	accP, _ := accuracy(docs, func(s string) string { return Detect(Prefix(s, DefaultPrefixBytes)) })
	t.Logf("short sentences: %d samples, accuracy %.3f: %s", len(short), accS, sumS)
	t.Logf("4 KB prefixes:   %d samples, accuracy %.3f: %s", len(docs), accD, sumD)
	t.Logf("%d-byte prefixes (the default): accuracy %.3f", DefaultPrefixBytes, accP)
	if accD < 0.97 || accP < 0.97 {
		t.Errorf("document accuracy %.3f (4 KB), %.3f (default prefix) < 0.97", accD, accP)
	}
}

// BenchmarkDetect measures detection on default-length prefixes of the evaluation set
// (or, without ../shared, on an English sentence repeated to that length).
func BenchmarkDetect(b *testing.B) {
	var texts []string
	if sharedDir() != "" {
		_, docs := corpus(b, 20)
		for _, d := range docs {
			texts = append(texts, Prefix(d.text, DefaultPrefixBytes))
		}
	} else {
		texts = []string{Prefix(strings.Repeat("The government announced on Tuesday that it would raise taxes on fuel next year. ", 60), DefaultPrefixBytes)}
	}
	size := 0
	for _, t := range texts {
		size += len(t)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		for _, t := range texts {
			Detect(t)
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "docs/s")
}

// FuzzDetect checks that detection never fails on any text and always
// returns a lowercase two-letter code or "und".
func FuzzDetect(f *testing.F) {
	for _, s := range []string{"", "The cat sat on the mat today.", "東京都に住む", "Уряд оголосив", "\xff\xfe", "ыыы ііі"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		got := Detect(Prefix(text, DefaultPrefixBytes))
		if got != Undetermined && (len(got) != 2 || strings.ToLower(got) != got) {
			t.Fatalf("Detect(%q) = %q", text, got)
		}
	})
}
