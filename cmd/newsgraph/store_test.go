package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/store/sqlite"
)

// sampleDir is the demo bundle in the repository.
func sampleDir(t *testing.T) string {
	t.Helper()
	d, err := filepath.Abs("../../examples/sample")
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestIngestExport(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	bad := filepath.Join(dir, "bad.bin")
	os.WriteFile(bad, []byte{0, 1, 2, 3, 0, 0, 0, 0xff, 0xfe}, 0o644)
	inputs := []string{filepath.Join(sampleDir(t), "2025-01-13-budget.txt"), filepath.Join(sampleDir(t), "2025-01-23-brussels.txt"),
		bad, filepath.Join(sampleDir(t), "2025-01-24-brussels-wire.txt")}

	code, _, errOut := runCmd(t, "", append([]string{"ingest", "--db", db, "--published", "2025-01-23"}, inputs...)...)
	if code != exitFailed {
		t.Errorf("ingest with a bad input: exit %d, want %d\n%s", code, exitFailed, errOut)
	}
	if !strings.Contains(errOut, "bad.bin") || !strings.Contains(errOut, "4 articles") || !strings.Contains(errOut, "3 stored") ||
		!strings.Contains(errOut, "1 near-duplicate") || !strings.Contains(errOut, "1 failed") {
		t.Errorf("ingest stderr lacks the failure or the summary:\n%s", errOut)
	}
	code, _, errOut = runCmd(t, "", "ingest", "--db", db, "--published", "2025-01-23", inputs[0], inputs[1])
	if code != exitOK || !strings.Contains(errOut, "0 stored, 2 already stored") {
		t.Errorf("second ingest: exit %d\n%s", code, errOut)
	}

	// the same text under two names in one run: stored once, the copy
	// counted as already stored (and not analysed twice)
	same := filepath.Join(dir, "same.txt")
	raw, err := os.ReadFile(inputs[0])
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(same, raw, 0o644)
	db2 := filepath.Join(dir, "t2.db")
	code, _, errOut = runCmd(t, "", "ingest", "--db", db2, "--published", "2025-01-23", inputs[0], same)
	if code != exitOK || !strings.Contains(errOut, "1 stored, 1 already stored") {
		t.Errorf("ingest of one text under two names: exit %d\n%s", code, errOut)
	}

	code, out, errOut := runCmd(t, "", "export", "--db", db, "--format", "jsonl")
	if code != exitOK || len(decodeDocs(t, out)) != 3 {
		t.Errorf("export jsonl: exit %d, %d lines\n%s", code, strings.Count(out, "\n"), errOut)
	}
	for _, table := range []string{"entities", "quotes", "events"} {
		code, out, _ = runCmd(t, "", "export", "--db", db, "--format", "csv", "--table", table)
		if code != exitOK || !strings.HasPrefix(out, "document,published,") {
			t.Errorf("export csv %s: exit %d: %.200s", table, code, out)
		}
	}
	code, out, _ = runCmd(t, "", "export", "--db", db, "--format", "gkg")
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if code != exitOK || len(lines) != 3 {
		t.Fatalf("export gkg: exit %d, %d lines", code, len(lines))
	}
	for _, l := range lines {
		cols := strings.Split(l, "\t")
		if len(cols) != 27 || !strings.HasPrefix(cols[0], "20250123000000-") || cols[1] != "20250123000000" {
			t.Errorf("gkg record has %d columns: %.120q", len(cols), l)
		}
	}
	if !strings.Contains(out, "Kowalska") {
		t.Errorf("gkg output lacks a person: %.300s", out)
	}
}

func TestStoreCommandUsage(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"ingest"}, exitUsage, "no INPUT"},
		{[]string{"ingest", "--batch", "0", "x"}, exitUsage, "--batch"},
		{[]string{"export", "--format", "xml", "--db", filepath.Join(dir, "none.db")}, exitUsage, "--format"},
		{[]string{"export", "--format", "csv", "--table", "x"}, exitUsage, "--table"},
		{[]string{"export", "--db", filepath.Join(dir, "none.db")}, exitFailed, "no database"},
		{[]string{"serve", "--db", filepath.Join(dir, "none.db")}, exitFailed, "no database"},
		{[]string{"serve", "extra"}, exitUsage, "unexpected argument"},
		{[]string{"demo", "extra"}, exitUsage, "unexpected argument"},
		{[]string{"ingest", "--help"}, exitOK, "usage: newsgraph ingest"},
		{[]string{"serve", "--help"}, exitOK, "--token"},
		{[]string{"export", "--help"}, exitOK, "gkg"},
		{[]string{"demo", "--help"}, exitOK, "sample"},
	}
	for _, c := range cases {
		code, out, errOut := runCmd(t, "", c.args...)
		if code != c.code || !strings.Contains(out+errOut, c.msg) {
			t.Errorf("%v: exit %d, want %d with %q:\n%s%s", c.args, code, c.code, c.msg, out, errOut)
		}
	}
}

func TestServeHandler(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	if code, _, errOut := runCmd(t, "", "ingest", "--db", db, "--quiet", filepath.Join(sampleDir(t), "2025-01-13-budget.txt")); code != exitOK {
		t.Fatalf("ingest: %s", errOut)
	}
	st, err := sqlite.OpenWith(db, sqlite.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	h, err := handler(st, "", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{"/api/stats": `"documents":1`, "/": "<main", "/static/app.js": "function el("} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), want) {
			t.Errorf("GET %s: %d %.200s", path, rec.Code, rec.Body.String())
		}
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/api/documents", strings.NewReader("{}")))
	if rec.Code != http.StatusForbidden {
		t.Errorf("POST on a read-only server: %d", rec.Code)
	}
}
