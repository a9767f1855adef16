// Package backend chooses and opens a store from a target string, so that
// every command that takes --db accepts either backend: a postgres:// or
// postgresql:// URL opens the PostgreSQL store (store/postgres), anything
// else is the path of an SQLite file (store/sqlite). It sits between the
// commands (cmd/newsgraph) and the stores; the stores themselves know
// nothing of each other.
package backend

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"

	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/postgres"
	"github.com/newsgraph/newsgraph/internal/store/sqlite"
)

// EnvVar names the environment variable giving the database when --db is
// not given.
const EnvVar = "NEWSGRAPH_DB"

// DefaultPath is the SQLite file used when neither --db nor EnvVar is set.
const DefaultPath = "newsgraph.db"

// ErrNoDatabase means a read-only open found no SQLite file at the path.
var ErrNoDatabase = errors.New("no database")

// Target returns the database to use: flag when it is not empty, else the
// NEWSGRAPH_DB environment variable, else DefaultPath.
func Target(flag string) string {
	if flag != "" {
		return flag
	}
	if v := strings.TrimSpace(os.Getenv(EnvVar)); v != "" {
		return v
	}
	return DefaultPath
}

// IsPostgres reports whether target is a PostgreSQL connection URL.
func IsPostgres(target string) bool {
	t := strings.ToLower(target)
	return strings.HasPrefix(t, "postgres://") || strings.HasPrefix(t, "postgresql://")
}

// Describe returns target fit for messages: a URL without its password.
func Describe(target string) string {
	if !IsPostgres(target) {
		return target
	}
	u, err := url.Parse(target)
	if err != nil {
		return "postgres database"
	}
	return u.Redacted()
}

// Open opens the store at target (see the package doc). A read-only open
// of an SQLite path that does not exist fails with ErrNoDatabase instead of
// creating a file; PostgreSQL databases are never created, only their
// tables.
func Open(ctx context.Context, target string, readOnly bool) (store.Store, error) {
	if IsPostgres(target) {
		s, err := postgres.OpenWith(ctx, target, postgres.Options{ReadOnly: readOnly})
		if err != nil {
			return nil, err
		}
		return s, nil
	}
	if readOnly {
		if _, err := os.Stat(target); err != nil {
			return nil, fmt.Errorf("%s: %w", target, ErrNoDatabase)
		}
	}
	s, err := sqlite.OpenWith(target, sqlite.Options{ReadOnly: readOnly})
	if err != nil {
		return nil, err
	}
	return s, nil
}
