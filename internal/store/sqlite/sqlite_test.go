package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/storetest"
)

func openTemp(t *testing.T) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return openTemp(t) })
}

func TestMigrations(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	t.Run("older file is upgraded", func(t *testing.T) {
		path := filepath.Join(dir, "old.db")
		old, err := OpenWith(path, Options{migrateTo: 1})
		if err != nil {
			t.Fatal(err)
		}
		docs := storetest.Corpus()
		// a quote written by a version-1 program, before quotes had an index
		if _, err := old.w.Exec(`INSERT INTO quotes(doc, text, direct, start, end) VALUES (1, 'an old quote about taxes', 1, 0, 5)`); err != nil {
			t.Fatal(err)
		}
		old.Close()
		s, err := Open(path)
		if err != nil {
			t.Fatalf("upgrade: %v", err)
		}
		defer s.Close()
		v, _ := version(s.r)
		if v != Version {
			t.Errorf("version after upgrade = %d, want %d", v, Version)
		}
		var n int
		if err := s.r.QueryRow(`SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH 'taxes'`).Scan(&n); err != nil || n != 1 {
			t.Errorf("quotes indexed by the upgrade: %d %v", n, err)
		}
		if _, err := s.Put(ctx, docs[0]); err != nil {
			t.Errorf("put after upgrade: %v", err)
		}
	})
	t.Run("newer file is refused untouched", func(t *testing.T) {
		path := filepath.Join(dir, "new.db")
		s, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		s.w.Exec(`UPDATE schema_version SET version = 99`)
		s.Close()
		before, _ := os.ReadFile(path)
		_, err = Open(path)
		if !errors.Is(err, store.ErrSchemaTooNew) || !strings.Contains(err.Error(), "99") {
			t.Errorf("err = %v, want ErrSchemaTooNew naming version 99", err)
		}
		after, _ := os.ReadFile(path)
		if string(before) != string(after) {
			t.Errorf("refused file was modified")
		}
	})
	t.Run("foreign database is refused", func(t *testing.T) {
		path := filepath.Join(dir, "other.db")
		db, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		db.Exec(`CREATE TABLE customers(id INTEGER)`)
		db.Close()
		if _, err := Open(path); !errors.Is(err, store.ErrNotNewsgraph) {
			t.Errorf("err = %v, want ErrNotNewsgraph", err)
		}
	})
	t.Run("not a database", func(t *testing.T) {
		path := filepath.Join(dir, "text.db")
		os.WriteFile(path, []byte(strings.Repeat("hello, this is not sqlite\n", 200)), 0o644)
		if _, err := Open(path); !errors.Is(err, store.ErrNotNewsgraph) {
			t.Errorf("err = %v, want ErrNotNewsgraph", err)
		}
	})
}

func TestFTSQuery(t *testing.T) {
	cases := []struct{ in, want string }{
		{"tony blair", `"tony" "blair"`},
		{`"legal clinic" Manchester`, `"legal clinic" "Manchester"`},
		{`'; DROP TABLE x; --`, `"DROP" "TABLE" "x"`},
		{`NEAR(a b) OR c*`, `"NEAR" "a" "b" "OR" "c"`},
		{`"unclosed phrase`, `"unclosed phrase"`},
		{`Zürich über`, `"Zürich" "über"`},
		{"---", ""},
	}
	for _, c := range cases {
		if got := FTSQuery(c.in); got != c.want {
			t.Errorf("FTSQuery(%q) = %s, want %s", c.in, got, c.want)
		}
	}
}

func FuzzFTSQuery(f *testing.F) {
	for _, s := range []string{"a b", `"x y`, `'; DROP`, "NEAR(", "ü"} {
		f.Add(s)
	}
	s, err := Open(filepath.Join(f.TempDir(), "fuzz.db"))
	if err != nil {
		f.Fatal(err)
	}
	defer s.Close()
	f.Fuzz(func(t *testing.T, q string) {
		if len(q) > 200 {
			return
		}
		if _, err := s.Search(context.Background(), store.SearchQuery{Text: q}); err != nil {
			t.Errorf("Search(%q): %v", q, err)
		}
	})
}

// TestFacetsIndependentOfPage checks that facets describe the best matches
// of a search whatever page is asked for, and that the page and the facets
// drawn from one ranked pass agree with separate queries.
func TestFacetsIndependentOfPage(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	if _, err := s.Put(ctx, storetest.Corpus()...); err != nil {
		t.Fatal(err)
	}
	all, err := s.Search(ctx, store.SearchQuery{Text: "Blair", Limit: 50})
	if err != nil || all.Total < 2 {
		t.Fatalf("search: %v, %d results", err, all.Total)
	}
	first, err := s.Search(ctx, store.SearchQuery{Text: "Blair", Limit: 1, Facets: true})
	if err != nil {
		t.Fatal(err)
	}
	second, err := s.Search(ctx, store.SearchQuery{Text: "Blair", Limit: 1, Offset: 1, Facets: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(first.Results) != 1 || len(second.Results) != 1 {
		t.Fatalf("pages hold %d and %d results, want 1 each", len(first.Results), len(second.Results))
	}
	if first.Results[0].ID != all.Results[0].ID || second.Results[0].ID != all.Results[1].ID {
		t.Errorf("pages %s, %s; want %s, %s", first.Results[0].ID, second.Results[0].ID, all.Results[0].ID, all.Results[1].ID)
	}
	if first.Facets == nil || second.Facets == nil {
		t.Fatal("facets missing")
	}
	f1, f2 := *first.Facets, *second.Facets
	if len(f1.Entities) == 0 || len(f1.Months) == 0 {
		t.Fatalf("facets empty: %+v", f1)
	}
	if !equalCounts(f1.Entities, f2.Entities) || !equalCounts(f1.Types, f2.Types) || !equalCounts(f1.Months, f2.Months) {
		t.Errorf("facets differ between pages:\n%+v\n%+v", f1, f2)
	}
}

func equalCounts(a, b []store.FacetCount) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
