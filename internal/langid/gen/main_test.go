package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/langid"
)

// TestGenerateMatchesData checks that the committed data file is what the
// generator writes from the whatlanggo version in go.mod, and that it holds
// the profiles of whatlanggo's main scripts.
func TestGenerateMatchesData(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", module).Output()
	dir := strings.TrimSpace(string(out))
	if err != nil || dir == "" {
		t.Skipf("whatlanggo source not in the module cache: %v", err)
	}
	got, err := generate(dir, langid.Supported())
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../data/profiles.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Error("data/profiles.tsv differs from the generator's output: run go generate ./internal/langid")
	}
	for _, line := range []string{"Latin\teng\t\" th\"\t\"the\"\t", "Cyrillic\tukr\t", "Arabic\tarb\t"} {
		if !strings.Contains(got, "\n"+line) {
			t.Errorf("no line starting %q", line)
		}
	}
	if _, err := generate(t.TempDir(), nil); err == nil {
		t.Error("generate on an empty directory: no error")
	}
}
