// Package lang gives the pipeline its language knowledge as data: one folder
// per language under data/ (data/en, data/de, …), plain UTF-8 text files
// embedded into the binary with go:embed (spaCy's lang/<iso> folders, Vale's
// embedded dictionaries). Components read them through List, Table and Raw;
// errors name the file and line.
//
// File format for List and Table: one entry per line; "#" starts a comment
// line; blank lines are skipped; Table lines are fields separated by a TAB
// (or, when a line has no TAB, by " | "). Leading and trailing spaces of a
// field are trimmed.
package lang

import (
	"bufio"
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

//go:embed data
var files embed.FS

// ErrNoFile means a language pack has no such file.
var ErrNoFile = errors.New("no such language data file")

// Entry is one non-comment line of a data file, split into fields.
type Entry struct {
	Fields []string
	// Pos is "data/<lang>/<file>:<line>" for error messages.
	Pos string
}

// Languages returns the ISO 639-1 codes that have a language pack.
func Languages() []string {
	ents, _ := fs.ReadDir(files, "data")
	var out []string
	for _, e := range ents {
		if e.IsDir() {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out
}

// Files returns the names of the data files of one language.
func Files(iso string) []string {
	ents, _ := fs.ReadDir(files, path.Join("data", iso))
	var out []string
	for _, e := range ents {
		if !e.IsDir() {
			out = append(out, e.Name())
		}
	}
	return out
}

// Has reports whether the language pack iso has the file name.
func Has(iso, name string) bool {
	_, err := fs.Stat(files, path.Join("data", iso, name))
	return err == nil
}

// Raw returns the bytes of data/<iso>/<name>.
func Raw(iso, name string) ([]byte, error) {
	b, err := files.ReadFile(path.Join("data", iso, name))
	if err != nil {
		return nil, fmt.Errorf("lang: data/%s/%s: %w", iso, name, ErrNoFile)
	}
	return b, nil
}

// Table reads data/<iso>/<name> as entries of fields.
func Table(iso, name string) ([]Entry, error) {
	b, err := Raw(iso, name)
	if err != nil {
		return nil, err
	}
	var out []Entry
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var fields []string
		if strings.Contains(line, "\t") {
			fields = strings.Split(line, "\t")
		} else {
			fields = strings.Split(line, " | ")
		}
		for i := range fields {
			fields[i] = strings.TrimSpace(fields[i])
		}
		out = append(out, Entry{Fields: fields, Pos: fmt.Sprintf("data/%s/%s:%d", iso, name, n)})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("lang: data/%s/%s: %w", iso, name, err)
	}
	return out, nil
}

// List reads data/<iso>/<name> as a list of single entries (the whole line).
func List(iso, name string) ([]string, error) {
	ents, err := Table(iso, name)
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(ents))
	for _, e := range ents {
		out = append(out, strings.Join(e.Fields, "\t"))
	}
	return out, nil
}

// Set reads a list file into a set.
func Set(iso, name string) (map[string]bool, error) {
	l, err := List(iso, name)
	if err != nil {
		return nil, err
	}
	m := make(map[string]bool, len(l))
	for _, s := range l {
		m[s] = true
	}
	return m, nil
}

// Errorf formats an error about an entry, prefixed with its position.
func (e Entry) Errorf(format string, a ...any) error {
	return fmt.Errorf("%s: %s", e.Pos, fmt.Sprintf(format, a...))
}
