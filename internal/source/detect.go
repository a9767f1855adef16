package source

import (
	"bytes"
	"unicode/utf8"
)

// Form is the kind of an input, as recognised from its first bytes.
type Form uint8

// Input forms. FormGzip is a container whose content is recognised again
// after decompression.
const (
	FormText   Form = iota // plain text: first non-empty line is the title
	FormTagged             // language line, blank line, title, caption, body
	FormHTML               // an HTML page
	FormFeed               // RSS, Atom or RDF feed
	FormWARC               // uncompressed WARC records
	FormJSONL              // JSON Lines, one article object per line
	FormGzip               // gzip-compressed data of any form
	FormEmpty              // nothing but white space
	FormBinary             // binary data, not text
	FormJSON               // a JSON document that is not JSON Lines
	FormXML                // XML that is not a feed
)

var formNames = [...]string{"text", "tagged", "html", "feed", "warc", "jsonl", "gzip", "empty", "binary", "json", "xml"}

// String names the form.
func (f Form) String() string {
	if int(f) < len(formNames) {
		return formNames[f]
	}
	return "unknown"
}

var (
	utf8BOM    = []byte{0xEF, 0xBB, 0xBF}
	utf16LEBOM = []byte{0xFF, 0xFE}
	utf16BEBOM = []byte{0xFE, 0xFF}
	gzipMagic  = []byte{0x1f, 0x8b}
	warcMagic  = []byte("WARC/")
)

// Detect recognises the form of an input from its first bytes (at least the
// first 64 KiB when the input is that long). The rules, in order:
//
//   - only white space: FormEmpty;
//   - gzip magic bytes 1f 8b: FormGzip;
//   - "WARC/" at the start (after white space): FormWARC;
//   - a NUL byte or more than 2% control characters in the first 8 KiB
//     (UTF-16 with a byte-order mark excepted; without one it is binary):
//     FormBinary;
//   - first non-space byte '{' with the first line a whole object (or longer
//     than what was seen): FormJSONL; other JSON: FormJSON;
//   - markup: the first element (after <?xml?>, comments and doctype) is
//     rss, feed or rdf:RDF: FormFeed; a doctype html, an html element or
//     another HTML element: FormHTML; any other root in a document that
//     declares <?xml?>: FormXML (without the declaration: text);
//   - "<!doctype html" or "<html" in the first KiB: FormHTML;
//   - first line a language name from langnames.tsv followed by a blank
//     line: FormTagged;
//   - anything else: FormText.
func Detect(head []byte) Form {
	t := bytes.TrimLeft(head, " \t\r\n\f\v")
	if len(t) == 0 {
		return FormEmpty
	}
	if bytes.HasPrefix(head, gzipMagic) {
		return FormGzip
	}
	if bytes.HasPrefix(t, warcMagic) {
		return FormWARC
	}
	if bytes.HasPrefix(head, utf16LEBOM) || bytes.HasPrefix(head, utf16BEBOM) {
		return FormText
	}
	if looksBinary(head) {
		return FormBinary
	}
	t = bytes.TrimPrefix(t, utf8BOM)
	t = bytes.TrimLeft(t, " \t\r\n\f\v")
	switch t[0] {
	case '{':
		line := t
		if i := bytes.IndexByte(t, '\n'); i >= 0 {
			line = t[:i]
		} else if len(head) >= peekSize {
			return FormJSONL // one long line: the line reader decides
		}
		if line = bytes.TrimSpace(line); line[len(line)-1] == '}' {
			return FormJSONL
		}
		return FormJSON
	case '[':
		return FormJSON
	case '<':
		return sniffMarkup(t)
	}
	if hasFold(t[:min(len(t), 1024)], "<!doctype html") || hasFold(t[:min(len(t), 1024)], "<html") {
		return FormHTML
	}
	if isTagged(t) {
		return FormTagged
	}
	return FormText
}

// looksBinary reports whether the first 8 KiB hold a NUL byte or more than
// 2% control characters other than white space.
func looksBinary(b []byte) bool {
	b = b[:min(len(b), 8<<10)]
	ctrl := 0
	for _, c := range b {
		switch {
		case c == 0:
			return true
		case c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v' && c != 0x1b:
			ctrl++
		case c == 0x7f:
			ctrl++
		}
	}
	return ctrl > 0 && ctrl*50 > len(b)
}

// htmlElements are element names that make a document starting with them
// HTML even without an <html> element (fragments, sloppy pages).
var htmlElements = map[string]bool{
	"html": true, "head": true, "body": true, "meta": true, "title": true, "link": true,
	"script": true, "style": true, "div": true, "p": true, "article": true, "section": true,
	"main": true, "header": true, "nav": true, "h1": true, "h2": true, "table": true, "span": true,
	"a": true, "br": true, "img": true, "ul": true, "base": true, "noscript": true, "iframe": true,
	"b": true, "i": true, "em": true, "strong": true, "font": true, "center": true, "form": true,
	"footer": true, "aside": true, "figure": true, "small": true, "ol": true, "li": true, "h3": true,
	"h4": true, "blockquote": true, "pre": true, "hr": true, "input": true, "button": true, "svg": true,
}

// sniffMarkup recognises a document that starts with '<'.
func sniffMarkup(t []byte) Form {
	declared := false
	for len(t) > 0 {
		t = bytes.TrimLeft(t, " \t\r\n\f\v")
		switch {
		case len(t) == 0:
			return FormXML
		case bytes.HasPrefix(t, []byte("<?")):
			declared = declared || hasFold(t[:min(len(t), 6)], "<?xml")
			i := bytes.Index(t, []byte("?>"))
			if i < 0 {
				return FormXML
			}
			t = t[i+2:]
		case bytes.HasPrefix(t, []byte("<!--")):
			i := bytes.Index(t, []byte("-->"))
			if i < 0 {
				return orText(declared, t)
			}
			t = t[i+3:]
		case len(t) > 2 && t[1] == '!':
			name := lowerASCII(elementName(bytes.TrimLeft(t[2:], " ")))
			if name == "doctype" {
				rest := bytes.TrimLeft(t[2+len("doctype"):], " \t\r\n")
				switch lowerASCII(elementName(rest)) {
				case "html":
					return FormHTML
				case "rss", "feed", "rdf:rdf":
					return FormFeed
				}
			}
			i := bytes.IndexByte(t, '>')
			if i < 0 {
				return orText(declared, t)
			}
			t = t[i+1:]
		case t[0] == '<':
			name := lowerASCII(elementName(t[1:]))
			switch {
			case name == "rss" || name == "feed" || name == "rdf:rdf" || name == "rdf":
				return FormFeed
			case htmlElements[name]:
				return FormHTML
			case hasFold(t[:min(len(t), 4096)], "<html") || hasFold(t[:min(len(t), 4096)], "<body"):
				return FormHTML
			}
			return orText(declared, t)
		default:
			return orText(declared, t)
		}
	}
	return FormXML
}

// orText decides a document that starts like markup but is no known markup:
// XML when it declared itself XML, else text that happens to start with '<'.
func orText(declared bool, t []byte) Form {
	if declared {
		return FormXML
	}
	if isTagged(t) {
		return FormTagged
	}
	return FormText
}

// elementName returns the name at the start of b (up to space, '>' or '/').
func elementName(b []byte) []byte {
	for i, c := range b {
		if c == ' ' || c == '>' || c == '/' || c == '\t' || c == '\n' || c == '\r' {
			return b[:i]
		}
	}
	return b
}

func lowerASCII(b []byte) string {
	out := make([]byte, len(b))
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		out[i] = c
	}
	return string(out)
}

// hasFold reports whether b contains the lower-case ASCII string s, ignoring
// ASCII case.
func hasFold(b []byte, s string) bool {
	n := len(s)
	for i := 0; i+n <= len(b); i++ {
		j := 0
		for ; j < n; j++ {
			c := b[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != s[j] {
				break
			}
		}
		if j == n {
			return true
		}
	}
	return false
}

// isTagged reports whether t starts with a known language name alone on its
// line followed by a blank line.
func isTagged(t []byte) bool {
	i := bytes.IndexByte(t, '\n')
	if i < 0 || i > 64 {
		return false
	}
	first := bytes.TrimSpace(t[:i])
	if !utf8.Valid(first) {
		return false
	}
	if _, ok := langByName(string(first)); !ok {
		return false
	}
	rest := t[i+1:]
	j := bytes.IndexByte(rest, '\n')
	if j < 0 {
		return len(bytes.TrimSpace(rest)) == 0 && len(rest) > 0
	}
	return len(bytes.TrimSpace(rest[:j])) == 0
}
