package source

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// walkAll collects every Item of inputs.
func walkAll(t testing.TB, opts Options, inputs ...string) []Item {
	t.Helper()
	var items []Item
	if err := Walk(inputs, nil, opts, func(it Item) error {
		items = append(items, it)
		return nil
	}); err != nil {
		t.Fatalf("Walk: %v", err)
	}
	return items
}

// checkArticle fails when an article could not become a document.
func checkArticle(t testing.TB, it Item) {
	t.Helper()
	if _, err := doc.New(it.Article); err != nil {
		t.Errorf("%s: doc.New: %v", it.Input, err)
	}
}

// golden is the stored form of one Item.
type golden struct {
	Input   string
	Article *doc.Article `json:",omitempty"`
	Err     string       `json:",omitempty"`
}

func goldenJSON(items []Item) []byte {
	var out []golden
	for _, it := range items {
		g := golden{Input: filepath.ToSlash(it.Input)}
		if it.Err != nil {
			g.Err = filepath.ToSlash(it.Err.Error())
		} else {
			a := it.Article
			a.Source = filepath.ToSlash(a.Source)
			g.Article = &a
		}
		out = append(out, g)
	}
	b, _ := json.MarshalIndent(out, "", "  ")
	return append(b, '\n')
}

// TestGoodForms reads every good fixture and compares the articles with the
// golden files in testdata/golden (rewrite them with -update).
func TestGoodForms(t *testing.T) {
	tests := []struct {
		file     string
		articles int
		check    func(t *testing.T, items []Item)
	}{
		{"tagged-en.txt", 1, func(t *testing.T, items []Item) {
			a := items[0].Article
			if a.Lang != "en" || !strings.HasPrefix(a.Title, "Ministers back $500 billion") || !strings.HasPrefix(a.Caption, "Foreign Minister Helena Varga") {
				t.Errorf("tagged: lang %q title %q caption %q", a.Lang, a.Title, a.Caption)
			}
			if n := strings.Count(a.Body, "\n\n") + 1; n != 8 {
				t.Errorf("tagged body has %d paragraphs, want 8", n)
			}
		}},
		{"tagged-de.txt", 1, func(t *testing.T, items []Item) {
			if a := items[0].Article; a.Lang != "de" || a.Caption == "" {
				t.Errorf("Deutsch: lang %q caption %q", a.Lang, a.Caption)
			}
		}},
		{"plain.txt", 1, func(t *testing.T, items []Item) {
			if a := items[0].Article; a.Title != "Storm closes schools across the region" || a.Lang != "" || a.Caption != "" {
				t.Errorf("plain: %+v", a)
			}
		}},
		{"news-page.html", 1, func(t *testing.T, items []Item) {
			a := items[0].Article
			if a.Title != "Rail strike called off after late pay offer" || a.Published != "2025-03-04T09:30:00Z" || a.Author != "Priya Raman" || a.Lang != "en" {
				t.Errorf("html metadata: title %q published %q author %q lang %q", a.Title, a.Published, a.Author, a.Lang)
			}
			for _, junk := range []string{"cookies", "ADVERTISEMENT", "Most read", "All rights reserved", "Cheap flights", "Related stories"} {
				if strings.Contains(a.Body, junk) {
					t.Errorf("html body keeps boilerplate %q", junk)
				}
			}
			if !strings.Contains(a.Body, "Transport Secretary Louise Hartley") || !strings.Contains(a.Body, "ballot will close on 28 March") {
				t.Errorf("html body lost article text:\n%s", a.Body)
			}
		}},
		{"feed.rss", 3, func(t *testing.T, items []Item) {
			a := items[0].Article
			if a.Title != "Council approves £40m plan for city-centre housing" || a.Published != "2025-03-05T17:45:00Z" || a.Lang != "en" || a.Source != "https://www.northern-ledger.example/politics/2025/03/05/housing-plan" {
				t.Errorf("rss item: %+v", a)
			}
			if !strings.Contains(a.Body, "£40 million plan") || strings.Contains(a.Body, "<") {
				t.Errorf("rss body not plain text: %q", a.Body)
			}
			if b := items[1].Article.Body; strings.Contains(b, "trackView") || !strings.Contains(b, "\n\n") {
				t.Errorf("rss content:encoded: %q", b)
			}
		}},
		{"feed.atom", 2, func(t *testing.T, items []Item) {
			if a := items[0].Article; a.Author != "Leila Haddad" || a.Published != "2025-03-06T10:20:00Z" || a.Lang != "en" {
				t.Errorf("atom entry: %+v", a)
			}
			if a := items[1].Article; a.Published != "2025-03-05T15:00:00Z" || a.Body == "" {
				t.Errorf("atom entry with summary and updated only: %+v", a)
			}
		}},
		{"articles.jsonl", 3, func(t *testing.T, items []Item) {
			want := []struct{ lang, published, source string }{
				{"en", "2025-02-13", "https://example.org/news/port-strike"},
				{"de", "2025-02-12T14:30:00+01:00", "testdata/good/articles.jsonl#line2"},
				{"", "2025-02-10", "testdata/good/articles.jsonl#line3"},
			}
			for i, w := range want {
				a := items[i].Article
				if a.Lang != w.lang || a.Published != w.published || filepath.ToSlash(a.Source) != w.source {
					t.Errorf("jsonl line %d: lang %q published %q source %q, want %+v", i+1, a.Lang, a.Published, a.Source, w)
				}
			}
		}},
		{"crawl.warc.gz", 3, func(t *testing.T, items []Item) {
			want := []struct{ source, published, title string }{
				{"https://www.northern-ledger.example/news/2025/03/04/rail-strike-called-off", "2025-03-04T09:30:00Z", "Rail strike called off after late pay offer"},
				{"https://valley-gazette.example/health/waiting-lists", "2025-03-06T08:15:00Z", "Hospital waiting lists fall for third month"},
				{"https://oldtown-news.example/business/cafe-rents", "2025-02-27", "Café owners fight rent rise"},
			}
			for i, w := range want {
				a := items[i].Article
				if a.Source != w.source || a.Published != w.published || !strings.HasPrefix(a.Title, w.title) {
					t.Errorf("warc record %d: source %q published %q title %q, want %+v", i+1, a.Source, a.Published, a.Title, w)
				}
			}
			if b := items[2].Article.Body; !strings.Contains(b, "£2,000") || !strings.Contains(b, "cafés") {
				t.Errorf("windows-1252 page not decoded: %q", b)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			p := filepath.Join("testdata", "good", tc.file)
			items := walkAll(t, Options{}, p)
			for _, it := range items {
				if it.Err != nil {
					t.Fatalf("unexpected error item: %v", it.Err)
				}
				checkArticle(t, it)
			}
			if len(items) != tc.articles {
				t.Fatalf("%d articles, want %d", len(items), tc.articles)
			}
			tc.check(t, items)
			// ReadBytes gives the same items as Walk.
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			var again []Item
			if err := ReadBytes(p, data, Options{}, func(it Item) error { again = append(again, it); return nil }); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(goldenJSON(again), goldenJSON(items)) {
				t.Errorf("ReadBytes and Walk disagree")
			}
			compareGolden(t, filepath.Join("testdata", "golden", tc.file+".json"), goldenJSON(items))
		})
	}
}

func compareGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run go test -update and review the diff):\n%s", path, got)
	}
}

// TestBadInputs reads every bad-input fixture: each gives the expected
// errors (checked with errors.Is against the sentinels) and articles, never a
// panic, and each error names the input.
func TestBadInputs(t *testing.T) {
	tests := []struct {
		file     string
		errs     []error // the error items, in order
		articles int
		check    func(t *testing.T, items []Item)
	}{
		{"empty.txt", []error{ErrEmpty}, 0, nil},
		{"whitespace.txt", []error{ErrEmpty}, 0, nil},
		{"binary.bin", []error{ErrBinary}, 0, nil},
		{"corrupt.gz", []error{ErrMalformed}, 0, nil},
		{"truncated.txt.gz", []error{ErrTruncated}, 0, nil},
		{"truncated.warc.gz", []error{ErrTruncated}, 1, nil},
		{"truncated.warc", []error{ErrTruncated}, 1, nil},
		{"malformed.rss", []error{ErrMalformed}, 0, nil},
		{"not-a-feed.xml", []error{ErrUnsupported}, 0, nil},
		{"empty-feed.rss", []error{ErrNoArticle}, 0, nil},
		{"pretty.json", []error{ErrUnsupported}, 0, nil},
		{"nav-only.html", []error{ErrNoArticle}, 0, nil},
		{"undecodable.txt", []error{ErrEncoding}, 0, nil},
		{"bad-lines.jsonl", []error{ErrMalformed, ErrNoArticle, ErrMalformed, ErrMalformed}, 2, func(t *testing.T, items []Item) {
			if in := filepath.ToSlash(items[1].Input); in != "testdata/bad/bad-lines.jsonl#line2" {
				t.Errorf("bad line named %q", in)
			}
			if p := items[len(items)-1].Article.Published; p != "" {
				t.Errorf("unparseable date kept as %q", p)
			}
		}},
		{"malformed.html", nil, 1, func(t *testing.T, items []Item) {
			a := items[0].Article
			if a.Title != "Bridge reopens after repairs" || !strings.Contains(a.Body, "Council leader Ruth Adams") || strings.Contains(a.Body, "not text") {
				t.Errorf("malformed html: %+v", a)
			}
		}},
		{"unknown-lang.txt", nil, 1, func(t *testing.T, items []Item) {
			if a := items[0].Article; a.Title != "Klingon" || a.Lang != "" {
				t.Errorf("unknown language line: %+v", a)
			}
		}},
		{"latin1.txt", nil, 1, func(t *testing.T, items []Item) {
			if a := items[0].Article; a.Title != "Café prices rise" || !strings.Contains(a.Body, "£3.40") {
				t.Errorf("latin-1: %+v", a)
			}
		}},
		{"cp1251.txt", nil, 1, func(t *testing.T, items []Item) {
			if a := items[0].Article; a.Title != "Новости дня" {
				t.Errorf("windows-1251: %+v", a)
			}
		}},
		{"utf16.txt", nil, 1, func(t *testing.T, items []Item) {
			if a := items[0].Article; a.Title != "Ferry service resumes" {
				t.Errorf("utf-16: %+v", a)
			}
		}},
	}
	seen := map[string]bool{}
	for _, tc := range tests {
		seen[tc.file] = true
		t.Run(tc.file, func(t *testing.T) {
			p := filepath.Join("testdata", "bad", tc.file)
			items := walkAll(t, Options{}, p)
			var errs []error
			articles := 0
			for _, it := range items {
				if it.Err != nil {
					errs = append(errs, it.Err)
					if !strings.HasPrefix(it.Err.Error(), p) {
						t.Errorf("error does not name the input: %v", it.Err)
					}
					continue
				}
				articles++
				checkArticle(t, it)
			}
			if len(errs) != len(tc.errs) {
				t.Fatalf("errors %v, want %v", errs, tc.errs)
			}
			for i, want := range tc.errs {
				if !errors.Is(errs[i], want) {
					t.Errorf("error %d: %v, want %v", i, errs[i], want)
				}
			}
			if articles != tc.articles {
				t.Errorf("%d articles, want %d", articles, tc.articles)
			}
			if tc.check != nil {
				tc.check(t, items)
			}
		})
	}
	ents, _ := os.ReadDir(filepath.Join("testdata", "bad"))
	for _, e := range ents {
		if !seen[e.Name()] {
			t.Errorf("fixture testdata/bad/%s has no test case", e.Name())
		}
	}
}

// TestTooLarge: a 50 MB single-line file is refused with ErrTooLarge after
// reading no more than MaxBytes, plain or gzipped, and a too-long JSON Lines
// line is skipped while the others are read.
func TestTooLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 50 MB file")
	}
	dir := t.TempDir()
	big := filepath.Join(dir, "big.txt")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	line := bytes.Repeat([]byte("word "), 1<<20/5)
	for i := 0; i < 50; i++ {
		f.Write(line)
	}
	f.Close()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	items := walkAll(t, Options{}, big)
	runtime.ReadMemStats(&after)
	if len(items) != 1 || !errors.Is(items[0].Err, ErrTooLarge) {
		t.Fatalf("50 MB line: %v", items)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 3*DefaultMaxBytes {
		t.Errorf("allocated %d MB for a refused input", grew>>20)
	}
	// A smaller limit applies to JSON Lines line by line.
	jl := []byte(`{"text":"short one"}` + "\n" + `{"text":"` + strings.Repeat("x", 5000) + `"}` + "\n" + `{"text":"short two"}` + "\n")
	var got []Item
	ReadBytes("x.jsonl", jl, Options{MaxBytes: 1000}, func(it Item) error { got = append(got, it); return nil })
	if len(got) != 3 || got[0].Err != nil || !errors.Is(got[1].Err, ErrTooLarge) || got[2].Err != nil || got[2].Article.Body != "short two" {
		t.Errorf("jsonl with a long line: %+v", got)
	}
}

// TestWalk: directories are walked in order, hidden entries skipped, missing
// inputs reported, "-" read from stdin, and fn's error stops the walk.
func TestWalk(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("b.txt", "B title\n\nB body.")
	write("a/c.txt", "C title\n\nC body.")
	write("a.txt", "A title\n\nA body.")
	write(".hidden.txt", "hidden\n\nbody")
	write(".git/x.txt", "hidden\n\nbody")
	var titles []string
	stdin := strings.NewReader("Stdin title\n\nFrom standard input.")
	err := Walk([]string{dir, filepath.Join(dir, "missing.txt"), "-"}, stdin, Options{Published: "2025-01-02", Lang: "fr"}, func(it Item) error {
		if it.Err != nil {
			if !errors.Is(it.Err, ErrRead) || !errors.Is(it.Err, fs.ErrNotExist) {
				t.Errorf("missing file: %v", it.Err)
			}
			titles = append(titles, "ERR")
			return nil
		}
		if it.Article.Published != "2025-01-02" || it.Article.Lang != "fr" {
			t.Errorf("overrides not applied: %+v", it.Article)
		}
		titles = append(titles, it.Article.Title)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(titles, "|"), "C title|A title|B title|ERR|Stdin title"; got != want {
		t.Errorf("walk order %s, want %s", got, want)
	}
	stop := errors.New("stop")
	n := 0
	if err := Walk([]string{dir}, nil, Options{}, func(Item) error { n++; return stop }); err != stop || n != 1 {
		t.Errorf("fn error: got %v after %d items", err, n)
	}
}

// TestDetect covers the form rules.
func TestDetect(t *testing.T) {
	tests := []struct {
		in   string
		want Form
	}{
		{"", FormEmpty},
		{" \n\t", FormEmpty},
		{"\x1f\x8b\x08\x00", FormGzip},
		{"WARC/1.0\r\nWARC-Type: warcinfo\r\n", FormWARC},
		{"\n\nWARC/1.1\r\n", FormWARC},
		{"English\n\nTitle\n\nBody", FormTagged},
		{"Українська\n\nЗаголовок\n\nТекст", FormTagged},
		{"français\r\n\r\nTitre\r\n\r\nCorps", FormTagged},
		{"English\nTitle\n\nBody", FormText},
		{"Klingon\n\nTitle\n\nBody", FormText},
		{"Title\n\nBody", FormText},
		{"<!DOCTYPE html><html>", FormHTML},
		{"\ufeff<!doctype HTML>", FormHTML},
		{"<?xml version=\"1.0\"?>\n<!-- c -->\n<rss version=\"2.0\">", FormFeed},
		{"<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">", FormFeed},
		{"<rdf:RDF xmlns:rdf=\"x\">", FormFeed},
		{"<?xml version=\"1.0\"?><config/>", FormXML},
		{"<?xml version=\"1.0\"?><!DOCTYPE html><html>", FormHTML},
		{"<div><p>fragment</p></div>", FormHTML},
		{"<b>Breaking</b> news is not markup", FormHTML},
		{"<<< not markup >>>\n\nbody", FormText},
		{"Some text then <html> later", FormHTML},
		{"{\"text\":\"a\"}\n{\"text\":\"b\"}", FormJSONL},
		{"{\n  \"text\": \"a\"\n}", FormJSON},
		{"[1,2]", FormJSON},
		{"abc\x00def", FormBinary},
		{"\x01\x02\x03\x04 text", FormBinary},
		{"\xff\xfeT\x00i\x00", FormText},
	}
	for _, tc := range tests {
		if got := Detect([]byte(tc.in)); got != tc.want {
			t.Errorf("Detect(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

// TestReadText covers the tagged form's title and caption rule and plain text.
func TestReadText(t *testing.T) {
	long := strings.Repeat("word ", 80) // 400 characters
	tests := []struct {
		name, in                     string
		lang, title, caption, bodyAt string
	}{
		{"caption", "English\n\nTitle\n\nShort standfirst.\n\nBody one.\n\nBody two.", "en", "Title", "Short standfirst.", "Body one."},
		{"no caption when only one paragraph", "English\n\nTitle\n\nOnly paragraph.", "en", "Title", "", "Only paragraph."},
		{"long first paragraph is body", "English\n\nTitle\n\n" + long + "\n\nBody.", "en", "Title", "", "word"},
		{"two-line first paragraph is body", "English\n\nTitle\n\nLine one\nline two.\n\nBody.", "en", "Title", "", "Line one"},
		{"endonym", "Русский\n\nЗаголовок\n\nПодпись.\n\nТекст.", "ru", "Заголовок", "Подпись.", "Текст."},
		{"crlf", "Deutsch\r\n\r\nTitel\r\n\r\nUnterzeile.\r\n\r\nText.\r\n", "de", "Titel", "Unterzeile.", "Text."},
		{"title paragraph with two lines", "English\n\nTitle\nsecond line\n\nBody.", "en", "Title", "", "second line"},
		{"plain", "\n\n  Title here\nBody line.\n\nMore.", "", "Title here", "", "Body line."},
		{"plain huge first line", strings.Repeat("x", 2000) + "\nrest", "", "", "", "xxx"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := readText(tc.in)
			if a.Lang != tc.lang || a.Title != tc.title || a.Caption != tc.caption || !strings.HasPrefix(a.Body, tc.bodyAt) {
				t.Errorf("got lang %q title %q caption %q body %.40q", a.Lang, a.Title, a.Caption, a.Body)
			}
		})
	}
}

// TestGoldDev reads the real tagged articles in ../shared/gold-dev: each is
// English with a title, a one-sentence standfirst as caption and a body.
func TestGoldDev(t *testing.T) {
	dir := sharedDir(t, "gold-dev")
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) == 0 {
		t.Skip("no gold-dev articles")
	}
	for _, it := range walkAll(t, Options{}, files...) {
		if it.Err != nil {
			t.Errorf("%v", it.Err)
			continue
		}
		a := it.Article
		if a.Lang != "en" || a.Title == "" || a.Caption == "" || a.Body == "" {
			t.Errorf("%s: lang %q title %q caption %q", it.Input, a.Lang, a.Title, a.Caption)
		}
		checkArticle(t, it)
	}
}

// sharedDir locates ../shared/<sub> beside the repository root, or skips.
func sharedDir(t testing.TB, sub string) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			p := filepath.Join(filepath.Dir(d), "shared", sub)
			if _, err := os.Stat(p); err != nil {
				t.Skipf("%s is absent: this test needs ../shared beside the repository", p)
			}
			return p
		}
		if filepath.Dir(d) == d {
			t.Skip("no go.mod above the package directory")
		}
	}
}

// TestHTMLLimits: pages too large for trafilatura go to the linear fallback,
// and nesting deeper than the HTML parser allows is a clear error.
func TestHTMLLimits(t *testing.T) {
	para := "<p>The minister said on Tuesday that the plan would go ahead.</p>\n"
	tests := []struct {
		name, page string
		err        error
		title      string
	}{
		{"many paragraphs", `<html><head><title>Live: budget day</title><meta name="author" content="Ann Lee">` +
			`<meta property="article:published_time" content="2025-03-04T12:00:00Z"></head><body><nav><a href="/">Home</a></nav>` +
			`<article><h1>Budget day as it happened</h1>` + strings.Repeat(para, maxTrafilaturaElements+10) + `</article>` +
			`<footer>Copyright notice</footer></body></html>`, nil, "Budget day as it happened"},
		{"deep nesting", "<html><body>" + strings.Repeat("<div>", 1000) + "text</body></html>", ErrMalformed, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := readHTML([]byte(tc.page), "", "")
			if !errors.Is(err, tc.err) {
				t.Fatalf("error %v, want %v", err, tc.err)
			}
			if err != nil {
				return
			}
			if a.Title != tc.title || a.Author != "Ann Lee" || a.Published != "2025-03-04T12:00:00Z" ||
				strings.Contains(a.Body, "Copyright") || strings.Contains(a.Body, "Home") || !strings.HasPrefix(a.Body, "The minister said") {
				t.Errorf("fallback extraction: title %q author %q published %q body %.80q", a.Title, a.Author, a.Published, a.Body)
			}
		})
	}
}

// TestExampleArticle keeps examples/article.txt (the README's example) and
// the tagged fixture the same.
func TestExampleArticle(t *testing.T) {
	ex, err := os.ReadFile(filepath.Join("..", "..", "examples", "article.txt"))
	if err != nil {
		t.Skipf("examples/article.txt: %v", err)
	}
	fx, err := os.ReadFile(filepath.Join("testdata", "good", "tagged-en.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(ex, fx) {
		t.Error("examples/article.txt and testdata/good/tagged-en.txt differ: copy one onto the other")
	}
}
