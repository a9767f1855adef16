package backend

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/pgtest"
	"github.com/newsgraph/newsgraph/internal/store/postgres"
	"github.com/newsgraph/newsgraph/internal/store/sqlite"
	"github.com/newsgraph/newsgraph/internal/store/storetest"
)

func TestTarget(t *testing.T) {
	cases := []struct{ flag, env, want string }{
		{"", "", DefaultPath},
		{"", "postgres://h/db", "postgres://h/db"},
		{"x.db", "postgres://h/db", "x.db"},
		{"", "  ", DefaultPath},
	}
	for _, c := range cases {
		t.Setenv(EnvVar, c.env)
		if got := Target(c.flag); got != c.want {
			t.Errorf("Target(%q) with %s=%q = %q, want %q", c.flag, EnvVar, c.env, got, c.want)
		}
	}
}

func TestDescribe(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://u:secret@h:5432/db?sslmode=disable": "postgres://u:xxxxx@h:5432/db?sslmode=disable",
		"postgresql://h/db":                             "postgresql://h/db",
		"some/file.db":                                  "some/file.db",
	} {
		if got := Describe(in); got != want {
			t.Errorf("Describe(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestOpen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "x.db")
	if _, err := Open(ctx, path, true); !errors.Is(err, ErrNoDatabase) {
		t.Errorf("read-only open of a missing file: %v, want ErrNoDatabase", err)
	}
	s, err := Open(ctx, path, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := s.(*sqlite.Store); !ok {
		t.Errorf("%s opened as %T", path, s)
	}
	s.Close()
	c := pgtest.Start(t)
	dsn := c.NewDB(t)
	dsn = "postgresql" + strings.TrimPrefix(dsn, "postgres")
	s, err = Open(ctx, dsn, false)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, ok := s.(*postgres.Store); !ok {
		t.Errorf("%s opened as %T", dsn, s)
	}
	if _, err := s.Put(ctx, storetest.Corpus()[0]); err != nil {
		t.Error(err)
	}
}
