package postgres

import (
	"context"
	"errors"
	"fmt"
	"math/rand"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/pgtest"
	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/sqlite"
	"github.com/newsgraph/newsgraph/internal/store/storetest"
)

// openNew opens a store on a fresh database of cluster c.
func openNew(t testing.TB, c *pgtest.Cluster) *Store {
	t.Helper()
	return openDSN(t, c.NewDB(t))
}

func openDSN(t testing.TB, dsn string) *Store {
	t.Helper()
	s, err := Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// exec runs one statement on dsn outside any store.
func exec(t *testing.T, dsn, sql string, args ...any) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql, args...); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

func TestConformance(t *testing.T) {
	c := pgtest.Start(t)
	storetest.Run(t, func(t *testing.T) store.Store { return openNew(t, c) })
}

func TestMigrations(t *testing.T) {
	ctx := context.Background()
	c := pgtest.Start(t)
	t.Run("older database is upgraded", func(t *testing.T) {
		// a later schema step, as a future release would add it
		saved := migrations
		migrations = append(append([]string{}, saved...), `ALTER TABLE documents ADD COLUMN note text; UPDATE documents SET note = 'upgraded';`)
		Version = len(migrations)
		defer func() { migrations, Version = saved, len(saved) }()
		dsn := c.NewDB(t)
		old, err := OpenWith(ctx, dsn, Options{migrateTo: len(saved)})
		if err != nil {
			t.Fatal(err)
		}
		docs := storetest.Corpus()
		if _, err := old.Put(ctx, docs[0]); err != nil {
			t.Fatal(err)
		}
		old.Close()
		s := openDSN(t, dsn)
		if v, _ := s.version(ctx, s.pool); v != Version {
			t.Errorf("version after upgrade = %d, want %d", v, Version)
		}
		var note string
		if err := s.pool.QueryRow(ctx, `SELECT note FROM documents`).Scan(&note); err != nil || note != "upgraded" {
			t.Errorf("upgrade step not applied to stored rows: %q %v", note, err)
		}
		if res, err := s.Put(ctx, docs[2]); err != nil || !res[0].Added {
			t.Errorf("put after upgrade: %+v %v", res, err)
		}
	})
	t.Run("concurrent opens migrate once", func(t *testing.T) {
		dsn := c.NewDB(t)
		var wg sync.WaitGroup
		errs := make([]error, 4)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				s, err := Open(ctx, dsn)
				if err == nil {
					s.Close()
				}
				errs[i] = err
			}()
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Errorf("open %d: %v", i, err)
			}
		}
	})
	t.Run("newer database is refused untouched", func(t *testing.T) {
		dsn := c.NewDB(t)
		s := openDSN(t, dsn)
		s.Close()
		exec(t, dsn, `UPDATE schema_version SET version = 99`)
		_, err := Open(ctx, dsn)
		if !errors.Is(err, store.ErrSchemaTooNew) || !strings.Contains(err.Error(), "99") {
			t.Errorf("err = %v, want ErrSchemaTooNew naming version 99", err)
		}
		if _, err := OpenWith(ctx, dsn, Options{ReadOnly: true}); !errors.Is(err, store.ErrSchemaTooNew) {
			t.Errorf("read-only: err = %v, want ErrSchemaTooNew", err)
		}
	})
	t.Run("foreign database is refused", func(t *testing.T) {
		dsn := c.NewDB(t)
		exec(t, dsn, `CREATE TABLE customers(id integer)`)
		for _, ro := range []bool{false, true} {
			if _, err := OpenWith(ctx, dsn, Options{ReadOnly: ro}); !errors.Is(err, store.ErrNotNewsgraph) {
				t.Errorf("read-only %v: err = %v, want ErrNotNewsgraph", ro, err)
			}
		}
		var n int
		conn, _ := pgx.Connect(ctx, dsn)
		defer conn.Close(ctx)
		conn.QueryRow(ctx, `SELECT count(*) FROM pg_tables WHERE schemaname = 'public'`).Scan(&n)
		if n != 1 {
			t.Errorf("refused database has %d tables, want its own 1", n)
		}
	})
	t.Run("read-only store refuses writes", func(t *testing.T) {
		dsn := c.NewDB(t)
		if _, err := OpenWith(ctx, dsn, Options{ReadOnly: true}); err == nil || !strings.Contains(err.Error(), "ingest") {
			t.Errorf("read-only open of an empty database: %v", err)
		}
		openDSN(t, dsn).Close()
		s, err := OpenWith(ctx, dsn, Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if _, err := s.Put(ctx, storetest.Corpus()[0]); err == nil {
			t.Errorf("Put on a read-only store succeeded")
		}
	})
}

// TestShared runs the several-writers part of the conformance suite: two
// stores (two pools, two caches) on one database.
func TestShared(t *testing.T) {
	c := pgtest.Start(t)
	storetest.RunShared(t, func(t *testing.T) (store.Store, store.Store) {
		dsn := c.NewDB(t)
		return openDSN(t, dsn), openDSN(t, dsn)
	})
}

// TestWritersInTurn has two stores (two processes, each with its own
// entity cache) write one database in turns: entity linking must come out
// as if one writer had stored every document, which it does only when each
// writer sees the other's changes.
func TestWritersInTurn(t *testing.T) {
	ctx := context.Background()
	c := pgtest.Start(t)
	docs := append(storetest.Corpus(), storetest.Synthetic(60, 7)...)
	one := openNew(t, c)
	dsn := c.NewDB(t)
	a, b := openDSN(t, dsn), openDSN(t, dsn)
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
	if want, got := storetest.Snapshot(t, one), storetest.Snapshot(t, a); want != got {
		t.Errorf("two writers in turn differ from one writer:\n%s\n---\n%s", got, want)
	}
	// each caught up with the other's changes instead of starting again
	if a.cache.loads != 1 || b.cache.loads != 1 {
		t.Errorf("caches loaded %d and %d times, want once each", a.cache.loads, b.cache.loads)
	}
}

// TestConcurrentWriters has several stores on one database put the same
// documents at the same time, in different orders and batches, as
// redelivered queue messages would: every document is stored once, whole.
func TestConcurrentWriters(t *testing.T) {
	ctx := context.Background()
	c := pgtest.Start(t)
	docs := storetest.Synthetic(120, 3)
	dsn := c.NewDB(t)
	var wg sync.WaitGroup
	added := make([]int, 4)
	for w := range added {
		s := openDSN(t, dsn)
		order := append([]*doc.JSON{}, docs...)
		rand.New(rand.NewSource(int64(w))).Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < len(order); i += 1 + w {
				res, err := s.Put(ctx, order[i:min(i+1+w, len(order))]...)
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
	total := 0
	for _, n := range added {
		total += n
	}
	s := openDSN(t, dsn)
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if total != len(docs) || st.Documents != len(docs) || st.Quotes != len(docs) || st.Events != len(docs) {
		t.Errorf("added %d (per writer %v), stats %+v; want each of %d documents once, whole", total, added, st, len(docs))
	}
	var dupKeys int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM (SELECT doc FROM doc_entities GROUP BY doc HAVING count(*) <> count(DISTINCT local)) x`).Scan(&dupKeys); err != nil || dupKeys != 0 {
		t.Errorf("documents with repeated entity rows: %d %v", dupKeys, err)
	}
}

// TestRestart restarts and kills the server under a store: the Put that
// meets a dead connection fails as a whole and the next one works.
func TestRestart(t *testing.T) {
	ctx := context.Background()
	c := pgtest.Start(t)
	s := openNew(t, c)
	docs := storetest.Synthetic(30, 5)
	put := func(d *doc.JSON) error {
		var err error
		for try := 0; try < 20; try++ {
			if _, err = s.Put(ctx, d); err == nil {
				return nil
			}
			time.Sleep(100 * time.Millisecond)
		}
		return err
	}
	for i, d := range docs {
		switch i {
		case 10:
			if err := c.Restart(); err != nil {
				t.Fatal(err)
			}
		case 20:
			if err := c.Kill(); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Put(ctx, d); err == nil {
				t.Errorf("Put succeeded with the server down")
			}
			if err := c.Resume(); err != nil {
				t.Fatal(err)
			}
		}
		if err := put(d); err != nil {
			t.Fatalf("put %d after restart: %v", i, err)
		}
	}
	st, err := s.Stats(ctx)
	if err != nil || st.Documents != len(docs) || st.Quotes != len(docs) {
		t.Errorf("stats after restarts = %+v %v, want %d documents", st, err, len(docs))
	}
}

// TestLanguages checks that documents are indexed with their language's
// text search configuration.
func TestLanguages(t *testing.T) {
	ctx := context.Background()
	c := pgtest.Start(t)
	s := openNew(t, c)
	for _, tc := range []struct{ lang, want string }{
		{"en", "english"}, {"de", "german"}, {"fr", "french"}, {"es", "spanish"}, {"ru", "russian"}, {"it", "italian"},
		{"uk", "simple"}, {"pl", "simple"}, {"", "simple"}, {"x-bad", "simple"},
	} {
		if got := s.config(tc.lang); got != tc.want {
			t.Errorf("config(%q) = %q, want %q", tc.lang, got, tc.want)
		}
	}
	de := storetest.Build(storetest.Article{Lang: "de", Source: "de.txt", Published: "2024-05-01",
		Title: "Die Häuser am Fluss", Body: "Die alten Häuser am Fluss wurden verkauft."})
	pl := storetest.Build(storetest.Article{Lang: "pl", Source: "pl.txt", Published: "2024-05-02",
		Title: "Domy nad rzeką", Body: "Stare domy nad rzeką sprzedał Łukasz Nowak.",
		Entities: []storetest.Entity{{ID: "e1", Name: "Łukasz Nowak", Type: "PERSON", Mentions: []string{"Łukasz Nowak"}}}})
	if _, err := s.Put(ctx, de, pl); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		q    string
		want string
	}{
		{"Haus", de.ID},    // German stemming: Häuser → haus
		{"Flusses", de.ID}, // Flusses → fluss
		{"rzeką", pl.ID},   // no Polish stemmer: the word as written
		{`"nad rzeką"`, pl.ID},
	} {
		p, err := s.Search(ctx, store.SearchQuery{Text: tc.q})
		if err != nil {
			t.Fatal(err)
		}
		if p.Total != 1 || p.Results[0].ID != tc.want {
			t.Errorf("Search(%q) = %+v, want %s", tc.q, p.Results, tc.want)
		}
	}
	// names are matched without regard to case beyond ASCII
	for _, q := range []string{"łukasz", "ŁUKASZ NO"} {
		es, err := s.Entities(ctx, store.EntityQuery{Name: q})
		if err != nil || len(es) != 1 || es[0].Name != "Łukasz Nowak" {
			t.Errorf("Entities(%q) = %+v, %v", q, es, err)
		}
	}
}

// BenchmarkPut stores storetest.Synthetic articles, 256 per Put, into a
// fresh database (compare the SQLite store's BenchmarkPutSynthetic).
func BenchmarkPut(b *testing.B) {
	c := pgtest.Start(b)
	docs := storetest.Synthetic(2000, 1)
	storetest.BenchPut(b, func(b *testing.B) store.Store { return openNew(b, c) }, docs, 256)
}

// BenchmarkPutOne stores one document per Put, as a queue worker does.
func BenchmarkPutOne(b *testing.B) {
	c := pgtest.Start(b)
	docs := storetest.Synthetic(500, 1)
	storetest.BenchPut(b, func(b *testing.B) store.Store { return openNew(b, c) }, docs, 1)
}

// BenchmarkPutWriters stores the same articles through 1, 2 and 4 stores
// (as separate worker processes would) on one database, each taking its
// share in batches of 16: the write lock serializes them, so this shows
// what that costs.
func BenchmarkPutWriters(b *testing.B) {
	c := pgtest.Start(b)
	docs := storetest.Synthetic(2000, 1)
	ctx := context.Background()
	for _, n := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("writers=%d", n), func(b *testing.B) {
			var total time.Duration
			for i := 0; i < b.N; i++ {
				dsn := c.NewDB(b)
				stores := make([]*Store, n)
				for w := range stores {
					stores[w] = openDSN(b, dsn)
				}
				start := time.Now()
				var wg sync.WaitGroup
				for w, s := range stores {
					wg.Add(1)
					go func() {
						defer wg.Done()
						for j := w * 16; j < len(docs); j += n * 16 {
							if _, err := s.Put(ctx, docs[j:min(j+16, len(docs))]...); err != nil {
								b.Error(err)
								return
							}
						}
					}()
				}
				wg.Wait()
				total += time.Since(start)
			}
			b.ReportMetric(float64(len(docs)*b.N)/total.Seconds(), "docs/s")
		})
	}
}

// TestDatabaseErrorRefusesOneDocument stores a document that passes the
// checks but that PostgreSQL refuses (a NUL byte in its title): it alone is
// refused, the others of the call are stored.
func TestDatabaseErrorRefusesOneDocument(t *testing.T) {
	ctx := context.Background()
	s := openNew(t, pgtest.Start(t))
	docs := storetest.Corpus()
	bad := *docs[3]
	bad.Title = "Cherie\x00Blair"
	res, err := s.Put(ctx, docs[0], &bad, docs[2])
	if err != nil {
		t.Fatal(err)
	}
	if !res[0].Added || res[1].Err == nil || res[1].Added || !res[2].Added {
		t.Errorf("results = %+v", res)
	}
	st, _ := s.Stats(ctx)
	if st.Documents != 2 || st.Quotes != 2 {
		t.Errorf("stats = %+v, want the two good documents whole", st)
	}
	// the cache was dropped with the failed document; linking still works
	res, err = s.Put(ctx, docs[4])
	if err != nil || !res[0].Added {
		t.Fatalf("put after a refused document: %+v %v", res, err)
	}
	es, _ := s.Entities(ctx, store.EntityQuery{Name: "Tony Blair", Type: "PERSON"})
	if len(es) == 0 || es[0].Articles != 3 {
		t.Errorf("Tony Blair = %+v, want 3 articles", es)
	}
}

// TestSameAsSQLite stores the same documents in both stores: the entities
// (names, types, counts, aliases) and the counts must come out the same.
func TestSameAsSQLite(t *testing.T) {
	ctx := context.Background()
	pg := openNew(t, pgtest.Start(t))
	lite, err := sqlite.Open(filepath.Join(t.TempDir(), "same.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	docs := append(storetest.Corpus(), storetest.Synthetic(300, 11)...)
	for i := 0; i < len(docs); i += 37 {
		batch := docs[i:min(i+37, len(docs))]
		if _, err := pg.Put(ctx, batch...); err != nil {
			t.Fatal(err)
		}
		if _, err := lite.Put(ctx, batch...); err != nil {
			t.Fatal(err)
		}
	}
	if want, got := storetest.Snapshot(t, lite), storetest.Snapshot(t, pg); want != got {
		t.Errorf("PostgreSQL store differs from SQLite store:\n%s\n--- SQLite:\n%s", got, want)
	}
}
