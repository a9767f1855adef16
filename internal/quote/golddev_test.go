//go:build devcheck

package quote_test

import (
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/analyze"
	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/eval"
	"github.com/newsgraph/newsgraph/internal/pipeline"
	"github.com/newsgraph/newsgraph/internal/source"

	_ "github.com/newsgraph/newsgraph/internal/langid"
	_ "github.com/newsgraph/newsgraph/internal/segment"
)

var goldOracle = flag.Bool("gold-oracle", false, "score entity+quote on ../shared/gold-dev with gold names standing in for the recognizer")

// oracle is a stand-in recognizer for TestGoldOracle: it tags every
// occurrence of a gold alias, so that the entity and quote components can
// be measured apart from recognition errors.
type oracle struct{ names map[string]string }

func (o *oracle) Name() string { return "oracle-ner" }
func (o *oracle) Needs() []pipeline.Layer {
	return []pipeline.Layer{pipeline.Tokens, pipeline.Sentences}
}
func (o *oracle) Provides() []pipeline.Layer { return []pipeline.Layer{pipeline.Mentions} }
func (o *oracle) Process(d *doc.Doc) error {
	var ms []string
	for n, t := range o.names {
		ms = append(ms, t+"="+n)
	}
	sort.Strings(ms)
	md := tagMentions(nil, d, ms)
	d.Mentions = md
	return nil
}

func repoShared(t *testing.T) string {
	dir, _ := os.Getwd()
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		up := filepath.Dir(dir)
		if up == dir {
			t.Skip("no go.mod found")
		}
		dir = up
	}
	s := filepath.Join(dir, "..", "shared")
	if _, err := os.Stat(s); err != nil {
		t.Skipf("no shared data at %s", s)
	}
	return s
}

func TestGoldOracle(t *testing.T) {
	if !*goldOracle {
		t.Skip("run with -gold-oracle")
	}
	dir := filepath.Join(repoShared(t), "gold-dev")
	golds, err := eval.LoadGold(dir)
	if err != nil {
		t.Fatal(err)
	}
	o := &oracle{names: map[string]string{}}
	for _, g := range golds {
		for _, e := range g.Entities {
			for _, a := range append([]string{e.Name}, e.Aliases...) {
				if strings.HasPrefix(a, "Mr ") || strings.HasPrefix(a, "Lord ") || strings.HasPrefix(a, "Sir ") || strings.HasPrefix(a, "the ") {
					continue
				}
				o.names[a] = e.Type
			}
		}
	}
	pipeline.Register("oracle-ner", pipeline.Factory{New: func(any) (pipeline.Component, error) { return o, nil }})
	p, err := pipeline.Build([]string{"lang", "segment", "oracle-ner", "entity", "quote"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	an := &analyze.Analyzer{Pipeline: p, Workers: 1}
	if _, err := eval.Gold(an, dir, os.Stdout, true); err != nil {
		t.Fatal(err)
	}
}

var debugFile = flag.String("debug-file", "", "print entities and quotes of one gold-dev file (with -gold-oracle)")

func TestDebugFile(t *testing.T) {
	if *debugFile == "" {
		t.Skip("run with -debug-file NAME")
	}
	dir := filepath.Join(repoShared(t), "gold-dev")
	golds, err := eval.LoadGold(dir)
	if err != nil {
		t.Fatal(err)
	}
	o := &oracle{names: map[string]string{}}
	for _, g := range golds {
		for _, e := range g.Entities {
			for _, a := range append([]string{e.Name}, e.Aliases...) {
				if strings.HasPrefix(a, "Mr ") || strings.HasPrefix(a, "Lord ") || strings.HasPrefix(a, "Sir ") || strings.HasPrefix(a, "the ") {
					continue
				}
				o.names[a] = e.Type
			}
		}
	}
	pipeline.Register("oracle-ner2", pipeline.Factory{New: func(any) (pipeline.Component, error) { return o, nil }})
	p, err := pipeline.Build([]string{"lang", "segment", "oracle-ner2", "entity", "quote"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	an := &analyze.Analyzer{Pipeline: p, Workers: 1}
	err = an.Run([]string{filepath.Join(dir, *debugFile)}, nil, source.Options{}, func(r analyze.Result) error {
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
		for _, s := range d.Sentences {
			t.Logf("S %q", d.Slice(s.Span))
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
