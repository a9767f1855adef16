package pgtest

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"
)

// query runs a one-value query against dsn.
func query(t *testing.T, dsn, sql string) (string, error) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return "", err
	}
	defer conn.Close(ctx)
	var s string
	err = conn.QueryRow(ctx, sql).Scan(&s)
	return s, err
}

func TestCluster(t *testing.T) {
	c := Start(t)
	a, b := c.NewDB(t), c.NewDB(t)
	if a == b {
		t.Fatalf("NewDB returned the same DSN twice: %s", a)
	}
	if _, err := query(t, a, "CREATE TABLE x (v text)"); err != nil && err != pgx.ErrNoRows {
		t.Fatalf("create table: %v", err)
	}
	// Databases are separate.
	if _, err := query(t, b, "SELECT v FROM x"); err == nil {
		t.Fatalf("table created in %s is visible in %s", a, b)
	}
	for _, tc := range []struct {
		name string
		op   func() error
	}{
		{"restart", c.Restart},
		{"stop+resume", func() error {
			if err := c.Stop(); err != nil {
				return err
			}
			if _, err := query(t, a, "SELECT 'x'"); err == nil {
				t.Errorf("query succeeded on a stopped server")
			}
			return c.Resume()
		}},
		{"kill+resume", func() error {
			if err := c.Kill(); err != nil {
				return err
			}
			return c.Resume()
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.op(); err != nil {
				t.Fatalf("%v\n%s", err, c.Log())
			}
			got, err := query(t, a, "SELECT to_regclass('x')::text")
			if err != nil || got != "x" {
				t.Fatalf("after %s: table x = %q, %v", tc.name, got, err)
			}
		})
	}
	enc, err := query(t, c.DSN(), "SHOW server_encoding")
	if err != nil || enc != "UTF8" {
		t.Errorf("server_encoding = %q, %v; want UTF8", enc, err)
	}
}
