package source

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/doc"
	"golang.org/x/text/language"
)

// peekSize is how much of an input is looked at to recognise its form; it is
// also the read buffer of every input.
const peekSize = 64 << 10

// maxGzipDepth bounds gzip inside gzip (a .warc.gz that was gzipped again is
// read; deeper nesting is refused).
const maxGzipDepth = 2

// Walk reads every input in order — files, directories (walked recursively in
// lexical order, skipping hidden files and directories), and "-" for standard
// input (read from stdin) — and calls fn for each Item, an article or an
// error about one input or record. Errors about input never stop the walk;
// fn returning an error stops it and Walk returns that error.
func Walk(inputs []string, stdin io.Reader, opts Options, fn func(Item) error) error {
	rd := &reader{opts: opts, fn: fn}
	for _, in := range inputs {
		var err error
		switch {
		case in == "-":
			if stdin == nil {
				stdin = bytes.NewReader(nil)
			}
			err = rd.stream("-", stdin, 0, -1)
		default:
			err = rd.path(in)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// ReadBytes reads one input already in memory (an HTTP upload, a test
// fixture), recognising its form from its content, and calls fn for each
// Item. name names the input in Items and errors. fn returning an error stops
// the reading and ReadBytes returns that error.
func ReadBytes(name string, data []byte, opts Options, fn func(Item) error) error {
	rd := &reader{opts: opts, fn: fn}
	return rd.stream(name, bytes.NewReader(data), 0, int64(len(data)))
}

// reader carries the options and the callback through one Walk or ReadBytes.
// Its methods return only errors from fn; input errors become Items.
type reader struct {
	opts Options
	fn   func(Item) error
}

func (rd *reader) maxBytes() int64 {
	if rd.opts.MaxBytes > 0 {
		return rd.opts.MaxBytes
	}
	return DefaultMaxBytes
}

// fail reports an error about one input or record.
func (rd *reader) fail(input string, err error) error {
	return rd.fn(Item{Input: input, Err: fmt.Errorf("%s: %w", input, err)})
}

// emit hands one article to fn after applying the option overrides and making
// sure every field is valid UTF-8 (doc.New refuses anything else).
func (rd *reader) emit(input string, a doc.Article) error {
	for _, f := range []*string{&a.Source, &a.Lang, &a.Published, &a.Title, &a.Caption, &a.Body, &a.Author} {
		if !utf8.ValidString(*f) {
			*f = strings.ToValidUTF8(*f, "")
		}
	}
	if rd.opts.Published != "" {
		a.Published = rd.opts.Published
	}
	if rd.opts.Lang != "" {
		a.Lang = rd.opts.Lang
	}
	if a.Source == "" {
		a.Source = input
	}
	if strings.TrimSpace(a.Title) == "" && strings.TrimSpace(a.Caption) == "" && strings.TrimSpace(a.Body) == "" {
		return rd.fail(input, ErrNoArticle)
	}
	return rd.fn(Item{Input: input, Article: a})
}

// path reads a file or walks a directory.
func (rd *reader) path(p string) error {
	fi, err := os.Stat(p)
	if err != nil {
		return rd.fail(p, fmt.Errorf("%w: %w", ErrRead, pathErr(err)))
	}
	if !fi.IsDir() {
		return rd.file(p)
	}
	return filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
		if err != nil {
			if ferr := rd.fail(q, fmt.Errorf("%w: %w", ErrRead, pathErr(err))); ferr != nil {
				return ferr
			}
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if q != p && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			fi, err := os.Stat(q)
			if err != nil || !fi.Mode().IsRegular() {
				return nil // dangling links and links to directories are left alone
			}
		} else if !d.Type().IsRegular() {
			return nil // devices, sockets, pipes
		}
		return rd.file(q)
	})
}

func (rd *reader) file(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return rd.fail(p, fmt.Errorf("%w: %w", ErrRead, pathErr(err)))
	}
	defer f.Close()
	size := int64(-1)
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
		size = fi.Size()
	}
	return rd.stream(p, f, 0, size)
}

// pathErr drops the operation and path from an *fs.PathError: the input's
// name is already in front of every message.
func pathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// stream recognises the form of one input and reads it. WARC and JSON Lines
// are read record by record; the other forms are read whole, up to MaxBytes.
// size is the input's size when known (a regular file), else -1: a file
// known to be too large is refused without being read.
func (rd *reader) stream(name string, r io.Reader, depth int, size int64) error {
	// a file known to be small gets a buffer of its size (most articles
	// are a few kilobytes; a full-size buffer per file is most of what
	// reading allocates)
	bufSize := peekSize
	if size >= 0 && size < peekSize {
		bufSize = int(size) + 1
	}
	br := bufio.NewReaderSize(r, bufSize)
	head, err := br.Peek(peekSize)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		if len(head) == 0 {
			return rd.fail(name, readErr(err))
		}
		// Keep what was read for detection; the error comes back after it.
		head = bytes.Clone(head)
		br = bufio.NewReaderSize(io.MultiReader(bytes.NewReader(head), errReader{err}), peekSize)
		head, _ = br.Peek(len(head))
	}
	if len(bytes.TrimSpace(head)) == 0 && len(head) < peekSize {
		return rd.fail(name, ErrEmpty)
	}
	switch Detect(head) {
	case FormGzip:
		if depth >= maxGzipDepth {
			return rd.fail(name, fmt.Errorf("%w: gzip nested %d deep", ErrUnsupported, depth+1))
		}
		zr, err := gzip.NewReader(br)
		if err != nil {
			return rd.fail(name, fmt.Errorf("gzip: %w", readErr(err)))
		}
		defer zr.Close()
		return rd.stream(name, zr, depth+1, -1)
	case FormWARC:
		return rd.warc(name, br)
	case FormJSONL:
		return rd.jsonl(name, br)
	}
	if size > rd.maxBytes() {
		return rd.fail(name, fmt.Errorf("%w: %d bytes, more than %d", ErrTooLarge, size, rd.maxBytes()))
	}
	data, err := readAtMost(br, rd.maxBytes())
	if err != nil {
		return rd.fail(name, err)
	}
	return rd.whole(name, data)
}

// errReader returns its error on every read.
type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// whole reads an input held in memory: text, tagged text, HTML or a feed.
func (rd *reader) whole(name string, data []byte) error {
	data = bytes.TrimPrefix(data, utf8BOM)
	if u, ok := decodeUTF16(data); ok {
		data = u
	}
	switch Detect(data) {
	case FormEmpty:
		return rd.fail(name, ErrEmpty)
	case FormBinary:
		return rd.fail(name, ErrBinary)
	case FormHTML:
		a, err := readHTML(data, "", "")
		if err != nil {
			return rd.fail(name, err)
		}
		a.Source = name
		return rd.emit(name, a)
	case FormFeed:
		return rd.feed(name, data)
	case FormJSON:
		return rd.fail(name, fmt.Errorf("%w: a JSON document, not JSON Lines (one object per line)", ErrUnsupported))
	case FormXML:
		return rd.fail(name, fmt.Errorf("%w: XML whose root is not rss, feed or rdf:RDF", ErrUnsupported))
	case FormJSONL:
		// reached when the JSON Lines came through ReadBytes after a
		// decoding step; read it from memory.
		return rd.jsonl(name, bufio.NewReader(bytes.NewReader(data)))
	case FormGzip, FormWARC:
		return rd.stream(name, bytes.NewReader(data), 0, int64(len(data)))
	}
	text, err := decodeText(data)
	if err != nil {
		return rd.fail(name, err)
	}
	a := readText(text)
	a.Source = name
	return rd.emit(name, a)
}

// readAtMost reads all of r, failing with ErrTooLarge beyond max bytes
// without reading further.
func readAtMost(r io.Reader, max int64) ([]byte, error) {
	var buf bytes.Buffer
	n, err := io.Copy(&buf, io.LimitReader(r, max+1))
	if err != nil {
		return nil, readErr(err)
	}
	if n > max {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, max)
	}
	return buf.Bytes(), nil
}

// readErr classifies an error met while reading: a cut-off stream is
// ErrTruncated, a corrupt gzip stream ErrMalformed, anything else ErrRead.
func readErr(err error) error {
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("%w: %w", ErrTruncated, err)
	case errors.Is(err, gzip.ErrChecksum), errors.Is(err, gzip.ErrHeader):
		return fmt.Errorf("%w: %w", ErrMalformed, err)
	case errors.Is(err, ErrTruncated), errors.Is(err, ErrMalformed), errors.Is(err, ErrTooLarge):
		return err
	}
	var ce flate.CorruptInputError
	if errors.As(err, &ce) {
		return fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	return fmt.Errorf("%w: %w", ErrRead, err)
}

// isoDate formats a time as an ISO 8601 date when it has no time of day,
// else as RFC 3339.
func isoDate(t time.Time) string {
	if t.IsZero() || t.Year() < 1 || t.Year() > 9999 {
		return ""
	}
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
		return t.Format("2006-01-02")
	}
	return t.Format(time.RFC3339)
}

// dateLayouts are the date forms accepted in JSON Lines "published" fields.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04Z07:00",
	"2006-01-02",
	time.RFC1123Z,
	time.RFC1123,
	time.RFC822Z,
	time.RFC822,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"20060102",
}

// parseDate normalizes a date string to ISO 8601, or returns "" when it is
// not a date in one of dateLayouts.
func parseDate(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			if l == "2006-01-02" || l == "20060102" {
				return t.Format("2006-01-02")
			}
			return isoDate(t)
		}
	}
	return ""
}

// langCode turns a declared language ("en", "en-GB", "eng", "English") into
// an ISO 639-1 code, or "" when it is none.
func langCode(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if c, ok := langByName(s); ok {
		return c
	}
	t, err := language.Parse(s)
	if err != nil {
		return ""
	}
	b, conf := t.Base()
	if conf == language.No {
		return ""
	}
	if c := b.String(); len(c) == 2 {
		return c
	}
	return ""
}
