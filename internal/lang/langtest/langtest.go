// Package langtest holds short news texts written for the project's tests
// and benchmarks, one per language (English and the seven language packs
// of issue #9), all telling the same invented story: a meeting, a phone
// call, a demand refused, a threat, amounts and dates. Benchmarks compare
// the words per second of a component across languages on them; tests may
// use them as smoke inputs. They are not copied from any corpus. Only tests
// import this package.
package langtest

import (
	"embed"
	"strings"
)

//go:embed texts/*.txt
var texts embed.FS

// Languages lists the languages that have a text, English first.
var Languages = []string{"en", "de", "fr", "es", "it", "pl", "ru", "uk"}

// News returns the text of language iso ("" when there is none): a title
// line, a blank line, then paragraphs separated by blank lines.
func News(iso string) string {
	b, err := texts.ReadFile("texts/" + iso + ".txt")
	if err != nil {
		return ""
	}
	return string(b)
}

// Words counts the words of s (runs of non-space characters), the unit of
// the words/s benchmark metric.
func Words(s string) int { return len(strings.Fields(s)) }
