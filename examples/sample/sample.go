// Package sample holds the demo articles of `newsgraph demo`: made-up
// current-affairs stories written for this project (not taken from any news
// source), in the tagged article form of spec/input.md: a language line, a
// blank line, the title, a blank line, the caption, a blank line and the
// body paragraphs; the file name starts with the publication date. They
// mention recurring people, organizations and places, with quotes, roles,
// meetings, dates and amounts, so that the store's cross-article entities,
// the quote ledger and the network have something to show. One story is
// there twice, lightly edited, as a wire copy would be.
package sample

import (
	"embed"
	"io/fs"
	"path"
	"regexp"
)

//go:embed *.txt
var files embed.FS

// Files returns the sample articles, one .txt file each, named
// YYYY-MM-DD-slug.txt after their publication date.
func Files() fs.FS { return files }

var datePrefix = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}`)

// Published returns the publication date of a sample file, from its name
// (the tagged article form has no date line), or "".
func Published(name string) string {
	return datePrefix.FindString(path.Base(name))
}
