// Package sharedtest locates the corpora in ../shared for tests. The
// research-only corpora are never copied into the repository: tests read
// them from ../shared beside the checkout, and skip with a message saying so
// when it is absent (a fresh clone), so that everything else still passes.
// CPUTime serves the benchmarks that report work per processor-second.
package sharedtest

import (
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the ../shared directory beside the repository root (the
// directory holding go.mod, found by walking up from the working directory),
// or skips tb when there is none.
func Dir(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		up := filepath.Dir(dir)
		if up == dir {
			tb.Skip("no go.mod above the package directory: cannot locate ../shared")
		}
		dir = up
	}
	s := filepath.Join(filepath.Dir(dir), "shared")
	if _, err := os.Stat(s); err != nil {
		tb.Skipf("%s not found (../shared beside the repository): skipping corpus test", s)
	}
	return s
}

// Path returns a path inside ../shared, skipping tb when it does not exist.
func Path(tb testing.TB, elem ...string) string {
	tb.Helper()
	p := filepath.Join(append([]string{Dir(tb)}, elem...)...)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("%s not found: skipping corpus test", p)
	}
	return p
}
