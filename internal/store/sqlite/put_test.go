package sqlite

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/storetest"
)

// dump returns every row of the store's tables (full-text shadow tables
// aside), sorted, one line a row, and the documents and quotes found by a
// few full-text queries, so that two stores can be compared whole.
func dump(t *testing.T, s *Store) string {
	t.Helper()
	rows, err := s.w.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%' AND name NOT LIKE 'sqlite%' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, n)
	}
	rows.Close()
	var lines []string
	for _, tab := range tables {
		rows, err := s.w.Query(`SELECT * FROM ` + tab)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			b.WriteString(tab)
			for _, v := range vals {
				if bs, ok := v.([]byte); ok {
					v = string(bs)
				}
				fmt.Fprintf(&b, "\t%v", v)
			}
			lines = append(lines, b.String())
		}
		rows.Close()
	}
	for _, q := range []string{"blair", "smith", "taxes", "justice", "london"} {
		var docs, quotes string
		if err := s.w.QueryRow(`SELECT coalesce(group_concat(rowid), '') FROM (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?1 ORDER BY rank)`, q).Scan(&docs); err != nil {
			t.Fatal(err)
		}
		if err := s.w.QueryRow(`SELECT coalesce(group_concat(rowid), '') FROM (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?1 ORDER BY rowid)`, q).Scan(&quotes); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, fmt.Sprintf("fts\t%s\t%s\t%s", q, docs, quotes))
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

// failOn makes every later write of a row of table (one with a doc column)
// for the documents with these ids fail inside the database, as a
// constraint would, half-way through storing the document.
func failOn(t *testing.T, s *Store, table string, ids ...string) {
	t.Helper()
	for i, id := range ids {
		q := fmt.Sprintf(`CREATE TRIGGER fail%d BEFORE INSERT ON %s
			WHEN NEW.doc = (SELECT n FROM documents WHERE id = '%s')
			BEGIN SELECT RAISE(ABORT, 'injected failure'); END`, i, table, id)
		if _, err := s.w.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
}

// TestPutFailingDocument checks that a document whose writing fails half-way
// leaves no trace, and that the others of its batch are stored exactly as
// if it had not been given.
func TestPutFailingDocument(t *testing.T) {
	ctx := context.Background()
	corpus := storetest.Corpus()
	// the failing write: the bands, written as the document is; its links
	// to entities and its quotes, written at the end of the batch
	cases := []struct {
		name  string
		table string
		bad   []int // indexes into the corpus
	}{
		{"first", "doc_entities", []int{0}},
		{"middle", "doc_entities", []int{3}},
		{"last", "doc_entities", []int{len(corpus) - 1}},
		{"two", "doc_entities", []int{2, 5}},
		{"all", "doc_entities", []int{0, 1, 2, 3, 4, 5, 6, 7}},
		{"bands", "lsh_bands", []int{2, 5}},
		{"quotes", "quotes", []int{3}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var badIDs []string
			var good []*doc.JSON
			for i, d := range corpus {
				if slices.Contains(c.bad, i) {
					badIDs = append(badIDs, d.ID)
				} else {
					good = append(good, d)
				}
			}
			withBad, want := openTemp(t), openTemp(t)
			failOn(t, withBad, c.table, badIDs...)
			failOn(t, want, c.table, badIDs...)
			// a first batch, so that the failing one also meets stored entities
			for _, s := range []*Store{withBad, want} {
				if _, err := s.Put(ctx, corpus[4]); err != nil && !slices.Contains(c.bad, 4) {
					t.Fatal(err)
				}
			}
			res, err := withBad.Put(ctx, corpus...)
			if err != nil {
				t.Fatalf("put: %v", err)
			}
			for i, r := range res {
				switch {
				case slices.Contains(c.bad, i):
					if r.Err == nil || !strings.Contains(r.Err.Error(), corpus[i].ID) || r.Added {
						t.Errorf("document %d: %+v, want an error naming %s", i, r, corpus[i].ID)
					}
				case r.Err != nil:
					t.Errorf("document %d: %v", i, r.Err)
				}
			}
			if _, err := want.Put(ctx, good...); err != nil {
				t.Fatal(err)
			}
			for _, id := range badIDs {
				if ok, err := withBad.Has(ctx, id); ok || err != nil {
					t.Errorf("failed document %s is stored (%v)", id, err)
				}
			}
			if got, exp := dump(t, withBad), dump(t, want); got != exp {
				t.Errorf("store with a failed document differs from one without it:\n%s", diffLines(got, exp))
			}
			// the store keeps working: the failing documents go in once
			// nothing stops them
			for i := range badIDs {
				for _, s := range []*Store{withBad, want} {
					if _, err := s.w.Exec(fmt.Sprintf(`DROP TRIGGER fail%d`, i)); err != nil {
						t.Fatal(err)
					}
				}
			}
			res, err = withBad.Put(ctx, corpus...)
			if err != nil {
				t.Fatal(err)
			}
			for i, r := range res {
				if r.Err != nil || r.Added != slices.Contains(c.bad, i) {
					t.Errorf("second put of %d: %+v", i, r)
				}
			}
			var st store.Stats
			if st, err = withBad.Stats(ctx); err != nil || st.Documents != len(corpus) {
				t.Errorf("stats = %+v, %v", st, err)
			}
		})
	}
}

// diffLines lists the lines only in a (-) or only in b (+).
func diffLines(a, b string) string {
	in := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, l := range strings.Split(s, "\n") {
			m[l] = true
		}
		return m
	}
	ma, mb := in(a), in(b)
	var out []string
	for l := range ma {
		if !mb[l] {
			out = append(out, "- "+l)
		}
	}
	for l := range mb {
		if !ma[l] {
			out = append(out, "+ "+l)
		}
	}
	slices.Sort(out)
	return strings.Join(out, "\n")
}
