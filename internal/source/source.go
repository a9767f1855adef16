// Package source reads news articles from outside input: the tagged article
// form, plain text, HTML pages, RSS/Atom feeds, WARC files and JSON Lines
// (../shared/spec/input.md). It is the first stage of the pipeline: it turns
// bytes into doc.Article values and never analyses them; package analyze
// makes each article a doc.Doc and runs the pipeline over it.
//
// Each input form is recognised from its content (Detect), not from its file
// name: gzip by its magic bytes (and read again after decompression), WARC by
// "WARC/", feeds by their XML root, HTML by its doctype or first element,
// JSON Lines by a first line that is a whole object, the tagged form by a
// language name alone on the first line (langnames.tsv, generated from CLDR),
// anything else as plain text. Every problem is reported as an Item with Err
// set that names the input and the reason, wrapping one of the sentinel
// errors below; the batch goes on.
//
// Libraries do the heavy lifting: go-trafilatura extracts the main text and
// metadata of HTML pages, gofeed parses feeds, gowarc reads WARC records,
// golang.org/x/net/html and x/text decode and parse markup, chardet guesses
// legacy encodings. Written here, because no library does them: the tagged
// article form and its caption rule (text.go), JSON Lines with per-line
// errors and a line-length bound (jsonl.go), form detection (detect.go), and
// the HTML-to-paragraphs rendering that keeps blank lines between blocks
// (trafilatura's ContentText joins paragraphs with single spaces).
//
// Memory is bounded per unit of input by Options.MaxBytes: text, HTML and
// feed files are read whole up to that size, WARC and JSON Lines files are
// streamed record by record.
package source

import (
	"errors"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// Errors about input, wrapped with the input's name.
var (
	ErrEmpty     = errors.New("empty input")
	ErrBinary    = errors.New("binary data, not text")
	ErrTooLarge  = errors.New("input too large")
	ErrTruncated = errors.New("truncated input")
	ErrMalformed = errors.New("malformed input")
	ErrNoArticle = errors.New("no article found")
	// ErrEncoding means the bytes are neither UTF-8 nor a legacy encoding
	// that could be recognised.
	ErrEncoding = errors.New("not UTF-8 text and no known legacy encoding")
	// ErrUnsupported means the input is a recognised kind of data that is not
	// one of the input forms (a JSON document that is not JSON Lines, XML that
	// is not a feed).
	ErrUnsupported = errors.New("unsupported input form")
	// ErrRead means the input could not be opened or read.
	ErrRead = errors.New("cannot read input")
)

// Options control reading.
type Options struct {
	// Published, when set, overrides the publication date of every article.
	Published string
	// Lang, when set, overrides the declared language of every article.
	Lang string
	// MaxBytes bounds what is held in memory for one unit of input (0 means
	// DefaultMaxBytes): a whole text, HTML or feed file (after gzip
	// decompression), one WARC record's payload, one JSON Lines line. WARC and
	// JSON Lines files themselves may be of any size: they are read record by
	// record.
	MaxBytes int64
}

// DefaultMaxBytes is the MaxBytes used unless Options says otherwise. News
// pages are rarely over 2 MiB; 32 MiB leaves room for big feeds while keeping
// a runaway input (a 50 MB single line) from being parsed at all.
const DefaultMaxBytes = 32 << 20

// Item is one article read from an input, or an error about one input or one
// record inside it.
type Item struct {
	// Input names where the item came from: a path, "-" for standard input,
	// or path#N / path#URL for a record inside a feed, WARC or JSONL file.
	Input   string
	Article doc.Article
	// Err is non-nil when this input or record could not be read; it names
	// the input and the reason.
	Err error
}
