// Package sqlite is the embedded store of newsgraph: one SQLite file (the
// pure-Go modernc.org/sqlite driver, no cgo) with FTS5 full-text indexes,
// written in WAL mode through one writer connection with prepared
// statements, read through a pool of read-only connections. Put writes a
// batch of documents in one transaction, the rows of its entities and facts
// summed and written at its end (put.go, batch.go).
//
// It implements store.Store and passes store/storetest. The schema is
// versioned (schema.go): an older file is upgraded in place, one
// transaction per step; a file written by a newer program, or a SQLite file
// that is not a newsgraph database, is refused untouched.
//
// What does not depend on the database it shares with the PostgreSQL store:
// the rows a document makes and the entity-linking cache (store/ingest),
// and entity ids, query terms, snippets and the reading of result rows
// (package store). What is here is SQL and how it is sent.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"strings"
	"sync"

	_ "modernc.org/sqlite" // the "sqlite" database/sql driver

	"github.com/newsgraph/newsgraph/internal/store"
)

// Store is a newsgraph store in one SQLite file.
type Store struct {
	path  string
	w     *sql.DB    // the single writer connection
	r     *sql.DB    // read-only pool
	mu    sync.Mutex // one Put at a time
	st    *stmts
	cache *cache // entity-linking cache of the writer, guarded by mu
	// multiStmts caches multi-row statements of the current transaction
	multiStmts map[string]*sql.Stmt
	// txStmts holds the prepared statements bound to the current transaction
	txStmts map[*sql.Stmt]*sql.Stmt
	// pend holds the rows of the current transaction not yet written
	pend *pending
}

var _ store.Store = (*Store)(nil)

// Options tune Open.
type Options struct {
	// ReadOnly opens the file for reading only: no migrations, Put fails.
	ReadOnly bool
	// migrateTo stops migrations at a version (tests of upgrades).
	migrateTo int
}

func dsn(path string, ro bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "foreign_keys(0)")
	if ro {
		q.Add("_pragma", "query_only(1)")
	} else {
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "synchronous(NORMAL)")
		// the write-ahead log is copied into the database every 10,000
		// pages (40 MB) written rather than every 1,000: a large ingest
		// copies a page changed by many batches once, not once a batch
		q.Add("_pragma", "wal_autocheckpoint(10000)")
		// BEGIN IMMEDIATE: a writer waits (busy_timeout) for another
		// process's write to end, instead of failing when its read snapshot
		// turns out stale at its first write
		q.Set("_txlock", "immediate")
	}
	q.Add("_pragma", "cache_size(-32000)")
	q.Add("_pragma", "temp_store(MEMORY)")
	return "file:" + path + "?" + q.Encode()
}

// Open opens or creates the database file at path and brings its schema to
// the current version.
func Open(path string) (*Store, error) { return OpenWith(path, Options{}) }

// OpenWith is Open with options.
func OpenWith(path string, o Options) (*Store, error) {
	s := &Store{path: path, cache: newCache(), multiStmts: map[string]*sql.Stmt{}}
	var err error
	if !o.ReadOnly {
		s.w, err = sql.Open("sqlite", dsn(path, false))
		if err != nil {
			return nil, fmt.Errorf("open %s: %w", path, err)
		}
		s.w.SetMaxOpenConns(1)
		s.w.SetMaxIdleConns(1)
		s.w.SetConnMaxLifetime(0)
		to := Version
		if o.migrateTo > 0 {
			to = o.migrateTo
		}
		if err := migrate(s.w, path, to); err != nil {
			s.w.Close()
			return nil, err
		}
		if to != Version {
			// a partly migrated file for tests: no statements
		} else if s.st, err = prepare(s.w); err != nil {
			s.w.Close()
			return nil, fmt.Errorf("open %s: %w", path, err)
		}
	}
	s.r, err = sql.Open("sqlite", dsn(path, true))
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	s.r.SetMaxOpenConns(max(4, runtime.GOMAXPROCS(0)*2))
	s.r.SetMaxIdleConns(max(4, runtime.GOMAXPROCS(0)*2))
	if o.ReadOnly {
		v, err := version(s.r)
		if err != nil {
			s.Close()
			return nil, fmt.Errorf("open %s: %w", path, err)
		}
		if v != Version {
			s.Close()
			return nil, fmt.Errorf("open %s: schema version %d, this program reads %d (open it once for writing to upgrade): %w", path, v, Version, store.ErrSchemaTooNew)
		}
	}
	return s, nil
}

// Close closes the database.
func (s *Store) Close() error {
	var errs []error
	if s.st != nil {
		s.st.close()
	}
	if s.w != nil {
		errs = append(errs, s.w.Close())
	}
	if s.r != nil {
		errs = append(errs, s.r.Close())
	}
	return errors.Join(errs...)
}

// version reads the schema version: 0 for an empty database, -1 for a
// database with tables that is not a newsgraph one.
func version(db *sql.DB) (int, error) {
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type='table'`).Scan(&n); err != nil {
		if strings.Contains(err.Error(), "file is not a database") {
			return -1, nil
		}
		return 0, err
	}
	if n == 0 {
		return 0, nil
	}
	var app string
	if err := db.QueryRow(`SELECT value FROM meta WHERE key='application'`).Scan(&app); err != nil || app != "newsgraph" {
		return -1, nil
	}
	var v int
	if err := db.QueryRow(`SELECT version FROM schema_version`).Scan(&v); err != nil {
		return -1, nil
	}
	return v, nil
}

func migrate(db *sql.DB, path string, to int) error {
	v, err := version(db)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	switch {
	case v < 0:
		return fmt.Errorf("open %s: %w (it has other tables; give a new file name)", path, store.ErrNotNewsgraph)
	case v > Version:
		return fmt.Errorf("open %s: schema version %d, this program knows up to %d; use a newer newsgraph: %w", path, v, Version, store.ErrSchemaTooNew)
	}
	for ; v < to; v++ {
		tx, err := db.Begin()
		if err != nil {
			return fmt.Errorf("open %s: migrate to version %d: %w", path, v+1, err)
		}
		stmts := migrations[v]
		if v == 0 {
			stmts = "CREATE TABLE schema_version(version INTEGER NOT NULL); INSERT INTO schema_version VALUES (0);" + stmts
		}
		if _, err := tx.Exec(stmts); err != nil {
			tx.Rollback()
			return fmt.Errorf("open %s: migrate to version %d: %w", path, v+1, err)
		}
		if _, err := tx.Exec(`UPDATE schema_version SET version = ?`, v+1); err != nil {
			tx.Rollback()
			return fmt.Errorf("open %s: migrate to version %d: %w", path, v+1, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("open %s: migrate to version %d: %w", path, v+1, err)
		}
	}
	return nil
}

// Stats counts what is stored.
func (s *Store) Stats(ctx context.Context) (store.Stats, error) {
	var st store.Stats
	err := s.r.QueryRowContext(ctx, store.StatsSQL).Scan(&st.Documents, &st.Stories, &st.Entities, &st.Quotes, &st.Events)
	if err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	return st, nil
}
