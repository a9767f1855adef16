package postgres

import (
	"context"
	"testing"

	"github.com/newsgraph/newsgraph/internal/pgtest"
	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/storetest"
)

// openNew opens a store on a fresh database of cluster c.
func openNew(t testing.TB, c *pgtest.Cluster) *Store {
	t.Helper()
	s, err := Open(context.Background(), c.NewDB(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestConformance(t *testing.T) {
	c := pgtest.Start(t)
	storetest.Run(t, func(t *testing.T) store.Store { return openNew(t, c) })
}
