package sqlite

import (
	"path/filepath"
	"testing"

	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/storetest"
)

// BenchmarkPutSynthetic stores storetest.Synthetic articles, 256 per Put,
// for comparison with the PostgreSQL store's BenchmarkPut.
func BenchmarkPutSynthetic(b *testing.B) {
	docs := storetest.Synthetic(2000, 1)
	storetest.BenchPut(b, func(b *testing.B) store.Store {
		s, err := Open(filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		return s
	}, docs, 256)
}
