// Package postgres is the PostgreSQL store of newsgraph, for corpora and
// write rates beyond one machine's SQLite file: many worker processes on
// many machines write to one database server while the API reads from it
// (or from its read replicas).
//
// It implements store.Store and passes the same conformance suite as the
// embedded SQLite store (store/storetest), with the same tables and the same
// answers; see store/sqlite for the model. What does not depend on the
// database, both stores take from store/ingest (the rows a document makes,
// the entity-linking cache) and package store (entity ids, query terms,
// snippets, reading result rows). The driver and pool are pgx
// (github.com/jackc/pgx/v5, pgxpool), the most complete pure-Go PostgreSQL
// client; the SQL is ours, written for PostgreSQL rather than through an
// ORM, because full-text search, upserts and advisory locks are what make
// this store work and no query builder expresses them better than SQL.
//
// What is PostgreSQL's own:
//
//   - Full-text search uses a tsvector column per document and per quote,
//     built with the text search configuration of the document's language
//     (english, german, russian… chosen by the language's English name among
//     the server's configurations; "simple", which only lower-cases, for
//     languages PostgreSQL does not stem, such as Polish or Ukrainian), and a
//     GIN index. A query is parsed with every configuration in use and the
//     parses are OR-ed, so each document is matched in its own language.
//   - Writers in different processes are serialized where they must be: a
//     Put transaction takes a transaction-level advisory lock before it
//     links entities or groups near-duplicates, both of which read what
//     earlier documents wrote. Under that lock it looks up the content ids
//     it was given and leaves stored documents as they are, so a
//     redelivered queue message changes nothing; the unique index on the id
//     is the last guard (a row there already fails the document instead of
//     adding a copy). A Put of one document takes two round trips (lock and
//     reads; writes and COMMIT) after one reading other writers' changes.
//   - The entity-linking cache of a writer is checked against a generation
//     counter that every Put bumps under the lock: when another process has
//     written since, the writer applies what that Put recorded in the
//     changes table (cache.go), or starts its cache again.
//   - The schema is versioned (schema.go) and migrated one transaction per
//     step under an advisory lock, so workers starting together migrate
//     once; a database written by a newer program, or one holding other
//     tables, is refused untouched.
//
// Connections come from a bounded pool; a connection broken by a server
// restart is dropped by the pool, the Put that used it returns an error
// (nothing of it is committed, so the caller retries it) and the next call
// connects again.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/newsgraph/newsgraph/internal/store"
)

// Advisory lock keys (pg_advisory_xact_lock); arbitrary constants that
// other applications sharing the database are unlikely to use.
const (
	lockWrite   int64 = 0x6e657773_0001 // "news" 1: Put transactions
	lockMigrate int64 = 0x6e657773_0002 // "news" 2: schema migrations
)

// Store is a newsgraph store in a PostgreSQL database.
type Store struct {
	pool     *pgxpool.Pool
	target   string // the DSN without its password, for messages
	readOnly bool

	mu    sync.Mutex // one Put at a time in this process
	cache *cache     // entity-linking cache, guarded by mu

	entIDs []int64 // entity ids taken from the sequence, not yet used; guarded by mu

	cfgMu sync.Mutex
	cfgs  map[string]string // language code -> text search configuration
	known map[string]bool   // configurations the server has
}

var _ store.Store = (*Store)(nil)

// Options tune Open.
type Options struct {
	// ReadOnly opens the database for reading only: no migrations, Put fails.
	ReadOnly bool
	// MaxConns bounds the connection pool (0: twice the number of cores,
	// at least 4).
	MaxConns int32
	// migrateTo stops migrations at a version (tests of upgrades).
	migrateTo int
}

// Open connects to the database at dsn (a postgres:// URL or a libpq
// key=value string) and brings its schema to the current version.
func Open(ctx context.Context, dsn string) (*Store, error) {
	return OpenWith(ctx, dsn, Options{})
}

// OpenWith is Open with options.
func OpenWith(ctx context.Context, dsn string, o Options) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	s := &Store{target: redact(dsn), readOnly: o.ReadOnly, cache: newCache()}
	cfg.MaxConns = o.MaxConns
	if cfg.MaxConns <= 0 {
		cfg.MaxConns = int32(max(4, 2*runtime.GOMAXPROCS(0)))
	}
	cfg.ConnConfig.RuntimeParams["application_name"] = "newsgraph"
	if s.pool, err = pgxpool.NewWithConfig(ctx, cfg); err != nil {
		return nil, fmt.Errorf("open %s: %w", s.target, err)
	}
	to := Version
	if o.migrateTo > 0 {
		to = o.migrateTo
	}
	if o.ReadOnly {
		v, err := s.version(ctx, s.pool)
		if err == nil && v < 0 {
			err = fmt.Errorf("it has other tables: %w", store.ErrNotNewsgraph)
		} else if err == nil && v == 0 {
			err = errEmpty
		} else if err == nil && v != Version {
			err = fmt.Errorf("schema version %d, this program reads %d (open it once for writing to upgrade): %w", v, Version, store.ErrSchemaTooNew)
		}
		if err != nil {
			s.pool.Close()
			return nil, fmt.Errorf("open %s: %w", s.target, err)
		}
	} else if err := s.migrate(ctx, to); err != nil {
		s.pool.Close()
		return nil, err
	}
	if err := s.loadConfigs(ctx); err != nil {
		s.pool.Close()
		return nil, fmt.Errorf("open %s: %w", s.target, err)
	}
	return s, nil
}

// Close closes the pool.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// redact returns a DSN without its password, for error messages.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.Scheme == "" {
		return "postgres database"
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.Redacted()
}

// querier is what version needs: a pool, a connection or a transaction.
type querier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// version reads the schema version: 0 for a database without tables in the
// current schema, -1 for one with tables that is not a newsgraph database.
func (s *Store) version(ctx context.Context, q querier) (int, error) {
	var n int
	if err := q.QueryRow(ctx, `SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema()`).Scan(&n); err != nil {
		return 0, err
	}
	if n == 0 {
		return 0, nil
	}
	var app string
	var v int
	err := q.QueryRow(ctx, `SELECT (SELECT value FROM meta WHERE key = 'application'), (SELECT version FROM schema_version)`).Scan(&app, &v)
	if err != nil || app != "newsgraph" {
		// a missing table aborts a transaction; the caller rolls back
		return -1, nil
	}
	return v, nil
}

// migrate brings the schema to version to, one transaction per step. Each
// step takes the migration lock and reads the version again inside its
// transaction, so concurrent openers apply every step once.
func (s *Store) migrate(ctx context.Context, to int) error {
	for {
		done, err := s.migrateStep(ctx, to)
		if err != nil {
			return fmt.Errorf("open %s: %w", s.target, err)
		}
		if done {
			return nil
		}
	}
}

// migrateStep applies the next migration, if any; done is true when the
// schema is at version to.
func (s *Store) migrateStep(ctx context.Context, to int) (done bool, err error) {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return false, err
	}
	defer tx.Rollback(ctx) // a no-op after Commit
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, lockMigrate); err != nil {
		return false, err
	}
	v, err := s.version(ctx, tx)
	if err != nil {
		return false, err
	}
	switch {
	case v < 0:
		return false, fmt.Errorf("it has other tables; give an empty database: %w", store.ErrNotNewsgraph)
	case v > Version:
		return false, fmt.Errorf("schema version %d, this program knows up to %d; use a newer newsgraph: %w", v, Version, store.ErrSchemaTooNew)
	case v >= to:
		return true, tx.Commit(ctx)
	}
	step := migrations[v]
	if v == 0 {
		step = `CREATE TABLE schema_version(version integer NOT NULL); INSERT INTO schema_version VALUES (0);` + step
	}
	// a multi-statement string goes as one simple-protocol query
	if _, err := tx.Exec(ctx, step, pgx.QueryExecModeSimpleProtocol); err != nil {
		return false, fmt.Errorf("migrate to version %d: %w", v+1, err)
	}
	if _, err := tx.Exec(ctx, `UPDATE schema_version SET version = $1`, v+1); err != nil {
		return false, fmt.Errorf("migrate to version %d: %w", v+1, err)
	}
	if err := tx.Commit(ctx); err != nil {
		return false, fmt.Errorf("migrate to version %d: %w", v+1, err)
	}
	return false, nil
}

// Stats counts what is stored.
func (s *Store) Stats(ctx context.Context) (store.Stats, error) {
	var st store.Stats
	err := s.pool.QueryRow(ctx, store.StatsSQL).Scan(&st.Documents, &st.Stories, &st.Entities, &st.Quotes, &st.Events)
	if err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	return st, nil
}

// Errors of Put.
var (
	// errReadOnly is returned by Put on a read-only store.
	errReadOnly = errors.New("put: store opened read-only")
	// errEmpty means a read-only open found no tables.
	errEmpty = errors.New("no newsgraph tables yet (ingest into it first)")
	// errSafeMode asks Put to run again with a savepoint per document.
	errSafeMode = errors.New("a document failed: retry with savepoints")
	// errText refuses a document text PostgreSQL cannot hold.
	errText = errors.New("text is not valid UTF-8 or holds NUL bytes")
)
