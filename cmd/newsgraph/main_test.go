package main

import (
	"bytes"
	"encoding/json"
	"github.com/newsgraph/newsgraph/internal/sharedtest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// runCmd runs the binary's dispatcher in-process.
func runCmd(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var o, e bytes.Buffer
	code = run(args, &cmdEnv{stdin: strings.NewReader(stdin), stdout: &o, stderr: &e})
	return code, o.String(), e.String()
}

// sharedDir returns ../shared beside the repository, or skips the test.
func sharedDir(t *testing.T) string { return sharedtest.Dir(t) }

// decodeDocs parses extract's JSON Lines output and checks every span.
func decodeDocs(t *testing.T, out string) []doc.JSON {
	t.Helper()
	var docs []doc.JSON
	dec := json.NewDecoder(strings.NewReader(out))
	for dec.More() {
		var j doc.JSON
		if err := dec.Decode(&j); err != nil {
			t.Fatalf("output is not JSON: %v", err)
		}
		if j.Schema != doc.Schema {
			t.Errorf("schema = %q", j.Schema)
		}
		if err := j.CheckSpans(); err != nil {
			t.Errorf("%s: %v", j.Source, err)
		}
		docs = append(docs, j)
	}
	return docs
}

func TestUsageAndHelp(t *testing.T) {
	tests := []struct {
		args []string
		code int
		out  string // substring of stdout+stderr
	}{
		{nil, exitUsage, "commands:"},
		{[]string{"help"}, exitOK, "extract"},
		{[]string{"nosuch"}, exitUsage, `unknown command "nosuch"`},
		{[]string{"extract"}, exitUsage, "no INPUT"},
		{[]string{"extract", "--bogus", "x"}, exitUsage, "flag provided but not defined"},
		{[]string{"extract", "--published", "yesterday", "x"}, exitUsage, "--published"},
		{[]string{"extract", "--lang", "english", "x"}, exitUsage, "--lang"},
		{[]string{"eval"}, exitUsage, "--gold"},
		{[]string{"bench"}, exitUsage, "no DIR"},
	}
	for _, tt := range tests {
		code, o, e := runCmd(t, "", tt.args...)
		if code != tt.code || !strings.Contains(o+e, tt.out) {
			t.Errorf("%v: code %d, output %q; want code %d containing %q", tt.args, code, o+e, tt.code, tt.out)
		}
	}
	for name := range commands {
		code, o, _ := runCmd(t, "", name, "--help")
		if code != exitOK || !strings.Contains(o, "usage: newsgraph "+name) {
			t.Errorf("%s --help: code %d, output %q", name, code, o)
		}
	}
}

func TestExtractStdinAndFailures(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.txt")
	os.WriteFile(good, []byte("English\n\nMinisters meet in Rome\n\nThe foreign minister said on Tuesday that talks would go on.\n"), 0o644)
	empty := filepath.Join(dir, "empty.txt")
	os.WriteFile(empty, nil, 0o644)
	code, out, errOut := runCmd(t, "", "extract", "--published", "2025-02-13", good, empty, filepath.Join(dir, "missing.txt"))
	if code != exitFailed {
		t.Errorf("exit code %d, want 1 when some inputs fail", code)
	}
	docs := decodeDocs(t, out)
	if len(docs) != 1 || docs[0].Title != "Ministers meet in Rome" || docs[0].Lang != "en" || docs[0].Published == nil || *docs[0].Published != "2025-02-13" {
		t.Fatalf("docs = %+v", docs)
	}
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], "empty.txt") || !strings.Contains(lines[1], "missing.txt") {
		t.Errorf("stderr = %q, want one line per failed input naming it", errOut)
	}
	code, out, _ = runCmd(t, "Talks resume\n\nNegotiators met again in Geneva.\n", "extract", "-")
	if code != exitOK || len(decodeDocs(t, out)) != 1 {
		t.Errorf("stdin: code %d, out %q", code, out)
	}
}

// TestExtractExamples checks that every shipped example and every gold-dev
// article gives valid document/1 output with consistent spans.
func TestExtractExamples(t *testing.T) {
	inputs := []string{"../../examples"}
	if _, err := os.Stat(inputs[0]); err != nil {
		t.Skip("no examples directory yet")
	}
	code, out, errOut := runCmd(t, "", append([]string{"extract"}, inputs...)...)
	if code != exitOK {
		t.Fatalf("extract examples: code %d: %s", code, errOut)
	}
	if len(decodeDocs(t, out)) == 0 {
		t.Error("no documents from examples")
	}
}

// TestExtractEveryForm runs extract over the reader fixtures of every input
// form (tagged text, plain text, HTML, RSS, Atom, WARC.gz, JSON Lines) and
// checks that each gives valid documents whose spans match their text.
func TestExtractEveryForm(t *testing.T) {
	dir := "../../internal/source/testdata/good"
	for _, f := range []string{"articles.jsonl", "crawl.warc.gz", "feed.atom", "feed.rss", "news-page.html", "plain.txt", "tagged-en.txt", "tagged-de.txt"} {
		code, out, errOut := runCmd(t, "", "extract", filepath.Join(dir, f))
		if code != exitOK {
			t.Errorf("extract %s: code %d: %s", f, code, errOut)
			continue
		}
		if docs := decodeDocs(t, out); len(docs) == 0 {
			t.Errorf("no document from %s", f)
		}
	}
}

func TestExtractGoldDev(t *testing.T) {
	shared := sharedDir(t)
	files, _ := filepath.Glob(filepath.Join(shared, "gold-dev", "*.txt"))
	if len(files) == 0 {
		t.Skip("no gold-dev texts")
	}
	code, out, errOut := runCmd(t, "", append([]string{"extract"}, files...)...)
	if code != exitOK {
		t.Fatalf("code %d: %s", code, errOut)
	}
	docs := decodeDocs(t, out)
	if len(docs) != len(files) {
		t.Fatalf("%d documents for %d files", len(docs), len(files))
	}
	for _, d := range docs {
		if d.Lang != "en" || d.Title == "" {
			t.Errorf("%s: lang %q title %q", d.Source, d.Lang, d.Title)
		}
	}
}

func TestEvalGold(t *testing.T) {
	shared := sharedDir(t)
	code, out, errOut := runCmd(t, "", "eval", "--gold", filepath.Join(shared, "gold-dev"))
	if code != exitOK || !strings.Contains(out, "TOTAL") {
		t.Fatalf("code %d, out %q, err %q", code, out, errOut)
	}
}
