package storetest

import (
	"context"
	"fmt"
	"math/rand"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/store"
)

// RunShared runs the part of the conformance suite about several writers
// on one database, as several processes (ingest runs, queue workers) would
// be: open returns two separately opened stores on one fresh, empty
// database. Each store keeps its own caches, so these tests fail when a
// store misses what the other wrote.
func RunShared(t *testing.T, open func(t *testing.T) (store.Store, store.Store)) {
	ctx := context.Background()
	t.Run("WritersInTurn", func(t *testing.T) {
		docs := append(Corpus(), Synthetic(40, 7)...)
		one, _ := open(t)
		a, b := open(t)
		for i, d := range docs {
			if _, err := one.Put(ctx, d); err != nil {
				t.Fatal(err)
			}
			w := a
			if i%3 == 1 {
				w = b
			}
			if _, err := w.Put(ctx, d); err != nil {
				t.Fatal(err)
			}
		}
		if want, got := Snapshot(t, one), Snapshot(t, b); want != got {
			t.Errorf("two writers in turn differ from one writer:\n%s\n---\n%s", got, want)
		}
	})
	t.Run("SameDocumentsAtOnce", func(t *testing.T) {
		docs := Synthetic(60, 3)
		a, b := open(t)
		var wg sync.WaitGroup
		added := make([]int, 2)
		for w, s := range []store.Store{a, b} {
			order := append([]*doc.JSON{}, docs...)
			rand.New(rand.NewSource(int64(w))).Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < len(order); i += 1 + 2*w {
					res, err := s.Put(ctx, order[i:min(i+1+2*w, len(order))]...)
					if err != nil {
						t.Errorf("writer %d: %v", w, err)
						return
					}
					for _, r := range res {
						if r.Err != nil {
							t.Errorf("writer %d: %v", w, r.Err)
						}
						if r.Added {
							added[w]++
						}
					}
				}
			}()
		}
		wg.Wait()
		st, err := a.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if added[0]+added[1] != len(docs) || st.Documents != len(docs) || st.Quotes != len(docs) || st.Events != len(docs) {
			t.Errorf("added %v, stats %+v; want each of %d documents once, whole", added, st, len(docs))
		}
	})
}

// Snapshot describes what a store holds (counts, and every entity with its
// type, counts and aliases) as text, for comparing two stores that should
// hold the same.
func Snapshot(t *testing.T, s store.Store) string {
	t.Helper()
	ctx := context.Background()
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	es, err := s.Entities(ctx, store.EntityQuery{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, e := range es {
		a := append([]string{}, e.Aliases...)
		sort.Strings(a)
		lines = append(lines, fmt.Sprintf("%s %s %d %d %v", e.Name, e.Type, e.Articles, e.Mentions, a))
	}
	sort.Strings(lines)
	return fmt.Sprintf("%+v\n%s", st, strings.Join(lines, "\n"))
}
