// Package bench holds the SQLite store's benchmarks over the BBC corpus,
// apart from the store's own tests because they run the whole pipeline.
package bench

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/newsgraph/newsgraph/internal/analyze"
	"github.com/newsgraph/newsgraph/internal/doc"
	_ "github.com/newsgraph/newsgraph/internal/install"
	"github.com/newsgraph/newsgraph/internal/sharedtest"
	"github.com/newsgraph/newsgraph/internal/source"
	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/sqlite"
)

// bbcDir finds ../shared/data/news-bbc beside the repository.
func bbcDir(tb testing.TB) string {
	tb.Helper()
	return sharedtest.Path(tb, "data", "news-bbc", "bbc")
}

// corpusDocs analyses the BBC corpus once. When the pipeline cannot run
// (no NER model yet) it falls back to a stand-in entity layer: runs of
// capitalised words, so the store still sees a realistic number of entities.
func corpusDocs(tb testing.TB) ([]*doc.JSON, string) {
	dir := bbcDir(tb)
	an, anErr := analyze.New()
	var docs []*doc.JSON
	var arts []doc.Article
	mode := "pipeline"
	err := source.Walk([]string{dir}, nil, source.Options{Published: "2005-01-01"}, func(it source.Item) error {
		if it.Err == nil {
			arts = append(arts, it.Article)
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	for i, a := range arts {
		// spread publication dates over a year
		a.Published = time.Date(2005, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%365).Format("2006-01-02")
		var d *doc.Doc
		err := anErr
		if err == nil {
			d, err = an.Analyze(a)
		}
		if err != nil {
			mode = "stand-in entities"
			if d, err = doc.New(a); err != nil {
				continue
			}
			standIn(d)
		}
		docs = append(docs, d.ToJSON())
	}
	return docs, mode
}

// standIn adds capitalised word runs as entities and quoted text as quotes.
func standIn(d *doc.Doc) {
	types := []string{"PERSON", "ORG", "GPE"}
	byName := map[string]int{}
	text := d.Text
	i := 0
	for i < len(text) {
		r := rune(text[i])
		if r >= 'A' && r <= 'Z' && (i == 0 || text[i-1] == ' ') {
			j := i
			words := 0
			for j < len(text) {
				k := j
				for k < len(text) && (unicode.IsLetter(rune(text[k])) || text[k] == '-') {
					k++
				}
				if k == j || !(text[j] >= 'A' && text[j] <= 'Z') {
					break
				}
				words++
				j = k
				if j+1 < len(text) && text[j] == ' ' && text[j+1] >= 'A' && text[j+1] <= 'Z' {
					j++
					continue
				}
				break
			}
			// a single word opening a sentence is not taken for a name
			start := i == 0 || strings.ContainsAny(strings.TrimRight(text[max(0, i-3):i], " "), ".\n\"")
			if j > i && words > 0 && j-i > 3 && !(start && words == 1) {
				name := strings.TrimSpace(text[i:j])
				k, ok := byName[name]
				if !ok {
					k = len(d.Entities)
					byName[name] = k
					d.Entities = append(d.Entities, doc.Entity{ID: fmt.Sprintf("e%d", k+1), Name: name, Type: types[len(name)%3]})
				}
				d.Entities[k].Mentions = append(d.Entities[k].Mentions, doc.Span{Start: i, End: i + len(name)})
				i = j
				continue
			}
		}
		i++
	}
	for s := strings.IndexByte(text, '"'); s >= 0 && s+1 < len(text); {
		e := strings.IndexByte(text[s+1:], '"')
		if e < 0 {
			break
		}
		q := doc.Quote{Span: doc.Span{Start: s + 1, End: s + 1 + e}, Direct: true}
		if len(d.Entities) > 0 {
			q.Speaker = d.Entities[0].ID
		}
		d.Quotes = append(d.Quotes, q)
		n := strings.IndexByte(text[s+e+2:], '"')
		if n < 0 {
			break
		}
		s = s + e + 2 + n
	}
}

// BenchmarkPut measures storing analysed BBC articles (analysis excluded),
// in batches of 256 as ingest writes them; besides the rate it reports the
// processor time per article, which does not depend on how busy the
// machine is as much (on Unix systems).
func BenchmarkPut(b *testing.B) {
	docs, mode := corpusDocs(b)
	b.Logf("%d documents (%s)", len(docs), mode)
	var bytes int64
	for _, d := range docs {
		bytes += int64(len(d.Text))
	}
	b.SetBytes(bytes)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, err := sqlite.Open(filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		cpu0, cpuOK := sharedtest.CPUTime()
		for j := 0; j < len(docs); j += 256 {
			if _, err := s.Put(context.Background(), docs[j:min(j+256, len(docs))]...); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(docs))/time.Since(start).Seconds(), "articles/s")
		if cpu1, ok := sharedtest.CPUTime(); ok && cpuOK {
			b.ReportMetric(float64((cpu1-cpu0).Microseconds())/1000/float64(len(docs)), "cpu-ms/article")
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
}

// BenchmarkLargeStore builds a store of NEWSGRAPH_BENCH_DOCS articles
// (default 100,000: the BBC corpus again and again with each copy's text
// varied so ids differ) and reports p95 latencies of search and entity
// pages. It is slow; run it on purpose:
//
//	go test -run - -bench LargeStore -benchtime 1x ./internal/store/sqlite/bench
func BenchmarkLargeStore(b *testing.B) {
	n := 100000
	if v := os.Getenv("NEWSGRAPH_BENCH_DOCS"); v != "" {
		fmt.Sscan(v, &n)
	}
	docs, mode := corpusDocs(b)
	path := os.Getenv("NEWSGRAPH_BENCH_DB")
	if path == "" {
		path = filepath.Join(b.TempDir(), "large.db")
	}
	s, err := sqlite.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	st, _ := s.Stats(ctx)
	start := time.Now()
	for i := st.Documents; i < n; {
		batch := make([]*doc.JSON, 0, 256)
		for ; len(batch) < 256 && i < n; i++ {
			d := *docs[i%len(docs)]
			copyNo := i / len(docs)
			if copyNo > 0 {
				// a different edition: same article with an edition line, new id
				d.Text = d.Text + fmt.Sprintf("\n\nEdition %d.", copyNo)
				d.ID = fmt.Sprintf("bench:%d:%d:%s", copyNo, i, d.ID)
				pub := time.Date(2005, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, (i*7)%1500).Format("2006-01-02")
				d.Published = &pub
			}
			batch = append(batch, &d)
		}
		if _, err := s.Put(ctx, batch...); err != nil {
			b.Fatal(err)
		}
	}
	st, _ = s.Stats(ctx)
	b.Logf("store: %+v (%s), built in %s", st, mode, time.Since(start).Round(time.Second))
	rng := rand.New(rand.NewSource(1))
	words := []string{"election", "minister", "economy", "police", "music", "film", "market", "Blair", "Brown", "government", "health", "schools", "tax", "court", "Iraq", "Europe"}
	ents, err := s.Entities(ctx, store.EntityQuery{Limit: 200})
	if err != nil || len(ents) == 0 {
		b.Fatalf("entities: %v", err)
	}
	p95 := func(name string, f func(i int) error) {
		var ds []time.Duration
		for i := 0; i < 200; i++ {
			t := time.Now()
			if err := f(i); err != nil {
				b.Fatal(err)
			}
			ds = append(ds, time.Since(t))
		}
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		ms := float64(ds[len(ds)*95/100].Microseconds()) / 1000
		b.ReportMetric(ms, name+"-p95-ms")
		b.Logf("%s: p50 %s p95 %s", name, ds[len(ds)/2], ds[len(ds)*95/100])
	}
	b.ResetTimer()
	for k := 0; k < b.N; k++ {
		p95("search", func(i int) error {
			q := words[rng.Intn(len(words))]
			if i%2 == 0 {
				q += " " + words[rng.Intn(len(words))]
			}
			_, err := s.Search(ctx, store.SearchQuery{Text: q, Limit: 20})
			return err
		})
		p95("search-facets", func(i int) error {
			_, err := s.Search(ctx, store.SearchQuery{Text: words[rng.Intn(len(words))], Limit: 20, Facets: true})
			return err
		})
		p95("entity", func(i int) error {
			e := ents[rng.Intn(len(ents))]
			if _, err := s.Entity(ctx, e.ID); err != nil {
				return err
			}
			_, err := s.Quotes(ctx, store.QuoteQuery{Speaker: e.ID, Limit: 20})
			if err != nil {
				return err
			}
			_, err = s.Events(ctx, store.EventQuery{Actor: e.ID, Limit: 20})
			return err
		})
	}
}
