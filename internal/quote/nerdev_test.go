//go:build devcheck

package quote_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/analyze"
	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/entity"
	"github.com/newsgraph/newsgraph/internal/eval"
	"github.com/newsgraph/newsgraph/internal/ner"
	"github.com/newsgraph/newsgraph/internal/ner/cluster"
	"github.com/newsgraph/newsgraph/internal/pipeline"
	"github.com/newsgraph/newsgraph/internal/quote"
	"github.com/newsgraph/newsgraph/internal/source"
)

// Development checks with a recognizer model read from a file (before one
// is embedded): -ner-model PATH with -dev-gold or -dev-polnear SPLIT.
var (
	nerModel   = flag.String("ner-model", "", "NER model file for the development checks")
	devGold    = flag.Bool("dev-gold", false, "score ../shared/gold-dev with -ner-model")
	devPolnear = flag.String("dev-polnear", "", "score a PolNeAR split (train, dev) with -ner-model")
	devVerbose = flag.Bool("dev-v", false, "list misses")
	devLimit   = flag.Int("dev-limit", 0, "texts to score (0: all)")
	nerName    = flag.String("ner-name", "ontonotes", "name of the -ner-model (ontonotes, conll)")
)

type fileNER struct{ m *ner.Model }

func (f *fileNER) Name() string { return "file-ner" }
func (f *fileNER) Needs() []pipeline.Layer {
	return []pipeline.Layer{pipeline.Tokens, pipeline.Sentences}
}
func (f *fileNER) Provides() []pipeline.Layer { return []pipeline.Layer{pipeline.Mentions} }
func (f *fileNER) Process(d *doc.Doc) error   { d.Mentions = f.m.Mentions(d); return nil }

func devAnalyzer(t *testing.T) *analyze.Analyzer {
	fh, err := os.Open(*nerModel)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	cl, err := cluster.Default()
	if err != nil {
		t.Fatal(err)
	}
	m, err := ner.Read(fh, *nerName, cl)
	if err != nil {
		t.Fatal(err)
	}
	pipeline.Register("file-ner", pipeline.Factory{New: func(any) (pipeline.Component, error) { return &fileNER{m: m}, nil }})
	p, err := pipeline.Build([]string{"lang", "segment", "file-ner", "entity", "quote"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return &analyze.Analyzer{Pipeline: p, Workers: 1}
}

func TestDevWithModel(t *testing.T) {
	if *nerModel == "" || (!*devGold && *devPolnear == "") {
		t.Skip("run with -ner-model PATH and -dev-gold or -dev-polnear SPLIT")
	}
	shared := repoShared(t)
	an := devAnalyzer(t)
	if *devGold {
		if _, err := eval.Gold(an, filepath.Join(shared, "gold-dev"), os.Stdout, *devVerbose); err != nil {
			t.Fatal(err)
		}
	}
	if *devPolnear != "" {
		dir := filepath.Join(shared, "data", "polnear", "data", *devPolnear)
		if _, err := eval.PolNeARWith(dir, os.Stdout, eval.PolNeAROptions{Verbose: *devVerbose, Limit: *devLimit, Analyzer: an}); err != nil {
			t.Fatal(err)
		}
	}
}

var devScan = flag.String("dev-scan", "", "measure the scanner alone on a PolNeAR split: gold quoted contents overlapped by a region")

func TestDevScan(t *testing.T) {
	if *devScan == "" {
		t.Skip("run with -dev-scan SPLIT")
	}
	dir := filepath.Join(repoShared(t), "data", "polnear", "data", *devScan)
	an := &analyze.Analyzer{Workers: 1}
	p, err := pipeline.Build([]string{"lang", "segment"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	an.Pipeline = p
	// quote component without entities: a stand-in layer provider
	pipeline.Register("no-entities", pipeline.Factory{New: func(any) (pipeline.Component, error) { return noEntities{}, nil }})
	p, err = pipeline.Build([]string{"lang", "segment", "no-entities", "quote"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	an.Pipeline = p
	res, err := eval.PolNeARWith(dir, os.Stdout, eval.PolNeAROptions{Verbose: *devVerbose, Limit: *devLimit, Analyzer: an})
	if err != nil {
		t.Fatal(err)
	}
	_ = res
}

type noEntities struct{}

func (noEntities) Name() string { return "no-entities" }
func (noEntities) Needs() []pipeline.Layer {
	return []pipeline.Layer{pipeline.Tokens, pipeline.Sentences}
}
func (noEntities) Provides() []pipeline.Layer {
	return []pipeline.Layer{pipeline.Mentions, pipeline.Entities}
}
func (noEntities) Process(*doc.Doc) error { return nil }

func TestDevDebugFile(t *testing.T) {
	if *nerModel == "" || *debugFile == "" {
		t.Skip("run with -ner-model PATH -debug-file NAME")
	}
	an := devAnalyzer(t)
	dir := filepath.Join(repoShared(t), "gold-dev")
	path := filepath.Join(dir, *debugFile)
	if filepath.IsAbs(*debugFile) {
		path = *debugFile
	}
	err := an.Run([]string{path}, nil, source.Options{}, func(r analyze.Result) error {
		if r.Err != nil {
			return r.Err
		}
		d := r.Doc
		for _, e := range d.Entities {
			var ms []string
			for _, m := range e.Mentions {
				ms = append(ms, d.Slice(m))
			}
			t.Logf("%s %s %s roles=%q mentions=%q", e.ID, e.Type, e.Name, e.Roles, ms)
		}
		for _, q := range d.Quotes {
			t.Logf("Q direct=%v speaker=%s cue=%q %q", q.Direct, q.Speaker, q.Cue, d.Slice(q.Span))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

var devSpeed = flag.Bool("dev-speed", false, "words/s of lang+segment+NER with and without entity+quote on PolNeAR train texts (with -ner-model)")

func TestDevSpeed(t *testing.T) {
	if *nerModel == "" || !*devSpeed {
		t.Skip("run with -ner-model PATH -dev-speed")
	}
	devAnalyzer(t) // registers file-ner
	dir := filepath.Join(repoShared(t), "data", "polnear", "data", "train", "text")
	paths, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(paths) > 300 {
		paths = paths[:300]
	}
	var arts []doc.Article
	words := 0
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		arts = append(arts, doc.Article{Body: string(b), Lang: "en"})
		words += len(strings.Fields(string(b)))
	}
	for _, names := range [][]string{{"lang", "segment", "file-ner"}, {"lang", "segment", "file-ner", "entity", "quote"}} {
		p, err := pipeline.Build(names, nil)
		if err != nil {
			t.Fatal(err)
		}
		an := &analyze.Analyzer{Pipeline: p, Workers: 1}
		best := time.Duration(1 << 62)
		for round := 0; round < 3; round++ {
			start := time.Now()
			for _, a := range arts {
				if _, err := an.Analyze(a); err != nil {
					t.Fatal(err)
				}
			}
			if el := time.Since(start); el < best {
				best = el
			}
		}
		t.Logf("%v: %d words in %v: %.0f words/s", names, words, best, float64(words)/best.Seconds())
	}
}

var benchOnce sync.Once

func BenchmarkDevEntityQuote(b *testing.B) {
	if *nerModel == "" {
		b.Skip("run with -ner-model PATH")
	}
	t := &testing.T{}
	_ = t
	fh, err := os.Open(*nerModel)
	if err != nil {
		b.Fatal(err)
	}
	cl, _ := cluster.Default()
	m, err := ner.Read(fh, *nerName, cl)
	fh.Close()
	if err != nil {
		b.Fatal(err)
	}
	benchOnce.Do(func() {
		pipeline.Register("file-ner-b", pipeline.Factory{New: func(any) (pipeline.Component, error) { return &fileNER{m: m}, nil }})
	})
	p, err := pipeline.Build([]string{"lang", "segment", "file-ner-b"}, nil)
	if err != nil {
		b.Fatal(err)
	}
	paths, _ := filepath.Glob("../../../shared/data/polnear/data/train/text/*.txt")
	if len(paths) > 200 {
		paths = paths[:200]
	}
	var docs []*doc.Doc
	words := 0
	for _, path := range paths {
		raw, _ := os.ReadFile(path)
		d, err := doc.New(doc.Article{Body: string(raw), Lang: "en"})
		if err != nil {
			continue
		}
		if err := p.Run(d); err != nil {
			b.Fatal(err)
		}
		docs = append(docs, d)
		words += len(strings.Fields(string(raw)))
	}
	e, q := entity.New(), quote.New()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			_ = e.Process(d)
			_ = q.Process(d)
		}
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}
