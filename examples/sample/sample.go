// Package sample holds the demo articles of `newsgraph demo`: made-up
// current-affairs stories written for this project (not taken from any news
// source), in the tagged article form of spec/input.md: a language line, a
// blank line, the title, a blank line, the caption, a blank line and the
// body paragraphs. They mention recurring people, organizations and places,
// with quotes, roles, meetings, dates and amounts, so that the store's
// cross-article entities, the quote ledger and the network have something
// to show.
package sample

import (
	"bufio"
	"embed"
	"fmt"
	"io/fs"
	"strings"
)

//go:embed *.txt dates.tsv
var files embed.FS

// Files returns the sample articles, one .txt file each (and dates.tsv).
func Files() fs.FS { return files }

// Dates returns the publication date of each article file: the tagged form
// has no date line, so dates.tsv gives them.
func Dates() (map[string]string, error) {
	f, err := files.Open("dates.tsv")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, date, ok := strings.Cut(line, "\t")
		if !ok {
			return nil, fmt.Errorf("dates.tsv:%d: want file<TAB>date", n)
		}
		out[name] = date
	}
	return out, sc.Err()
}
