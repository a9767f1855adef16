package source

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"testing"
	"time"
)

// benchPage is one page of the html-benchmark with its true article body.
type benchPage struct {
	name, url, truth string
	html             []byte
}

// loadHTMLBenchmark reads ../shared/data/html-benchmark (the development half
// of scrapinghub/article-extraction-benchmark), or skips.
func loadHTMLBenchmark(t testing.TB) []benchPage {
	dir := sharedDir(t, filepath.Join("data", "html-benchmark"))
	raw, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		t.Skipf("html-benchmark: %v", err)
	}
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(raw, &truth); err != nil {
		t.Fatal(err)
	}
	var pages []benchPage
	for id, g := range truth {
		f, err := os.Open(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(zr)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, benchPage{id, g.URL, g.ArticleBody, b})
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].name < pages[j].name })
	return pages
}

var wordRE = regexp.MustCompile(`\w+`)

// shingles counts the 4-token shingles of a text, as the benchmark does.
func shingles(s string) map[[4]string]int {
	toks := wordRE.FindAllString(s, -1)
	m := map[[4]string]int{}
	for i := 0; i+4 <= len(toks); i++ {
		m[[4]string{toks[i], toks[i+1], toks[i+2], toks[i+3]}]++
	}
	return m
}

// shingleScore returns tp, fp, fn normalized to sum to 1 (the benchmark's
// string_shingle_matching).
func shingleScore(truth, pred string) (tp, fp, fn float64) {
	ts, ps := shingles(truth), shingles(pred)
	for k, tc := range ts {
		pc := ps[k]
		tp += float64(min(tc, pc))
		fn += float64(max(0, tc-pc))
	}
	for k, pc := range ps {
		fp += float64(max(0, pc-ts[k]))
	}
	if s := tp + fp + fn; s > 0 {
		tp, fp, fn = tp/s, fp/s, fn/s
	}
	return
}

// TestHTMLBenchmark measures main-text extraction on the html-benchmark with
// the benchmark's metric (precision and recall of 4-token shingles averaged
// over pages, F1 from the averages), with and without trafilatura's
// fallback extractors. Published F1 on all 181 pages: go-trafilatura 0.960.
func TestHTMLBenchmark(t *testing.T) {
	if testing.Short() {
		t.Skip("extracts 90 pages")
	}
	pages := loadHTMLBenchmark(t)
	defer func(v bool) { htmlFallback = v }(htmlFallback)
	for _, fb := range []bool{false, true} {
		htmlFallback = fb
		var sp, sr float64
		failed := 0
		start := time.Now()
		for _, p := range pages {
			a, err := readHTML(p.html, "", p.url)
			if err != nil {
				failed++
			}
			tp, fp, fn := shingleScore(p.truth, a.Body)
			if tp+fp > 0 {
				sp += tp / (tp + fp)
			}
			if tp+fn > 0 {
				sr += tp / (tp + fn)
			}
		}
		n := float64(len(pages))
		prec, rec := sp/n, sr/n
		f1 := 2 * prec * rec / (prec + rec)
		t.Logf("fallback=%v: %d pages, precision %.3f recall %.3f F1 %.3f, %d without article, %.1f ms/page",
			fb, len(pages), prec, rec, f1, failed, float64(time.Since(start).Milliseconds())/n)
		if f1 < 0.85 {
			t.Errorf("fallback=%v: F1 %.3f below 0.85", fb, f1)
		}
	}
}

// BenchmarkHTML measures HTML extraction speed over the html-benchmark pages.
func BenchmarkHTML(b *testing.B) {
	pages := loadHTMLBenchmark(b)
	var size int64
	for _, p := range pages {
		size += int64(len(p.html))
	}
	b.SetBytes(size)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, p := range pages {
			readHTML(p.html, "", p.url)
		}
	}
	b.ReportMetric(float64(b.N*len(pages))/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkText measures the tagged-text reader.
func BenchmarkText(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "good", "tagged-en.txt"))
	if err != nil {
		b.Fatal(err)
	}
	data = bytes.Repeat(data, 1)
	b.SetBytes(int64(len(data)))
	for i := 0; i < b.N; i++ {
		ReadBytes("x", data, Options{}, func(Item) error { return nil })
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkWARC reads a WARC.gz of 100 copies of the crawl fixture's records
// (300 HTML pages among 900 records), per-record gzip as in Common Crawl.
func BenchmarkWARC(b *testing.B) {
	var recs []warcRec
	for i := 0; i < 100; i++ {
		recs = append(recs, crawlRecords(b)...)
	}
	data := buildWARC(recs, true)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	pages := 0
	for i := 0; i < b.N; i++ {
		ReadBytes("bench.warc.gz", data, Options{}, func(it Item) error {
			if it.Err == nil {
				pages++
			}
			return nil
		})
	}
	b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
}
