package langid

import (
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/lang/langtest"
)

// TestLanguagePacks checks detection of every language with a pack of
// issue #9 on the news texts written for the tests (package langtest), on
// the whole text and on its first paragraph after the title (two sentences;
// a title line alone is too short: the English one reads as German).
func TestLanguagePacks(t *testing.T) {
	for _, iso := range langtest.Languages {
		text := langtest.News(iso)
		if got := Detect(text); got != iso {
			t.Errorf("%s text detected as %q", iso, got)
		}
		paras := strings.Split(text, "\n\n")
		if got := Detect(paras[1]); got != iso {
			t.Errorf("%s paragraph %q detected as %q", iso, paras[1], got)
		}
	}
}
