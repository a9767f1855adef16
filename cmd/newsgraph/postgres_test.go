package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/pgtest"
	"github.com/newsgraph/newsgraph/internal/store/backend"
)

// TestPostgresCommands runs ingest, export and the server's handler against
// a throwaway PostgreSQL cluster, with the database given by --db and by
// NEWSGRAPH_DB.
func TestPostgresCommands(t *testing.T) {
	c := pgtest.Start(t)
	dsn := c.NewDB(t)
	inputs := []string{filepath.Join(sampleDir(t), "2025-01-13-budget.txt"), filepath.Join(sampleDir(t), "2025-01-23-brussels.txt"),
		filepath.Join(sampleDir(t), "2025-01-24-brussels-wire.txt")}

	code, _, errOut := runCmd(t, "", append([]string{"ingest", "--db", dsn, "--published", "2025-01-23"}, inputs...)...)
	if code != exitOK || !strings.Contains(errOut, "3 stored") || !strings.Contains(errOut, "1 near-duplicate") {
		t.Fatalf("ingest into PostgreSQL: exit %d\n%s", code, errOut)
	}
	// the database from the environment; the flag wins over it
	t.Setenv(backend.EnvVar, dsn)
	code, _, errOut = runCmd(t, "", "ingest", "--published", "2025-01-23", inputs[0])
	if code != exitOK || !strings.Contains(errOut, "0 stored, 1 already stored") {
		t.Errorf("ingest with $%s: exit %d\n%s", backend.EnvVar, code, errOut)
	}
	file := filepath.Join(t.TempDir(), "f.db")
	if code, _, errOut = runCmd(t, "", "ingest", "--db", file, "--quiet", inputs[0]); code != exitOK {
		t.Errorf("ingest --db FILE with $%s set: exit %d\n%s", backend.EnvVar, code, errOut)
	}
	if _, err := os.Stat(file); err != nil {
		t.Errorf("--db FILE did not win over $%s: %v", backend.EnvVar, err)
	}

	code, out, errOut := runCmd(t, "", "export", "--format", "jsonl")
	if code != exitOK || len(decodeDocs(t, out)) != 3 {
		t.Errorf("export from PostgreSQL: exit %d, %d lines\n%s", code, strings.Count(out, "\n"), errOut)
	}

	st, err := backend.Open(context.Background(), dsn, true)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	h, err := handler(st, "", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{
		"/api/stats":                `"documents":3`,
		"/api/search?q=budget":      `"total":`,
		"/api/entities?type=PERSON": `"results":[{`,
		"/":                         "<main",
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), want) {
			t.Errorf("GET %s: %d %.200s", path, rec.Code, rec.Body.String())
		}
	}

	// a server that is not there is an error, not a hang
	c.Stop()
	code, _, errOut = runCmd(t, "", "serve", "--db", dsn, "--addr", "127.0.0.1:0")
	if code != exitFailed || !strings.Contains(errOut, "newsgraph serve:") || strings.Contains(errOut, "serving") {
		t.Errorf("serve with the database down: exit %d\n%s", code, errOut)
	}
}
