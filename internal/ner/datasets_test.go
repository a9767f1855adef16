package ner

import (
	"sort"
	"testing"

	"github.com/newsgraph/newsgraph/internal/sharedtest"
)

// TestDatasets reads every data-ml dataset (skipped without ../shared) and
// checks that each split it defines has documents and entities of the
// mapped types only.
func TestDatasets(t *testing.T) {
	dir := sharedtest.Path(t, "data-ml")
	names := make([]string, 0, len(Datasets))
	for n := range Datasets {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		ds := Datasets[n]
		t.Run(n, func(t *testing.T) {
			train, dev, err := ds.Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			if len(dev) == 0 {
				t.Errorf("no dev documents")
			}
			types := ds.TypeSet()
			for _, part := range []struct {
				name string
				docs []Document
			}{{"train", train}, {"dev", dev}} {
				ntok, nsent := 0, 0
				byType := map[string]int{}
				for _, d := range part.docs {
					for _, s := range d.Sents {
						nsent++
						ntok += len(s.Words)
						for _, sp := range Spans(s.Tags) {
							byType[sp.Type]++
							if !types[sp.Type] {
								t.Errorf("%s: type %s not in the dataset's type table", part.name, sp.Type)
							}
						}
					}
				}
				t.Logf("%s: %d docs, %d sentences, %d tokens, entities %v", part.name, len(part.docs), nsent, ntok, byType)
			}
		})
	}
}
