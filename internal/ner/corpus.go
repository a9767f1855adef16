package ner

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
)

// Sentence is one tokenized sentence with its (gold or predicted) IOB2 tags.
type Sentence struct {
	Words []string
	Tags  []string // IOB2 tags such as "B-PERSON", "I-PERSON", "O"; nil when unknown
	// Title marks a headline or title line: its capitalization is not
	// evidence of names (set by the caller; all-caps and title-case lines are
	// also recognized from the words themselves).
	Title bool
}

// Document is a sequence of sentences that belong together: the unit of the
// document-level features.
type Document struct {
	ID    string
	Sents []Sentence
	// Genre is the kind of text, in OntoNotes's terms: bc (broadcast
	// conversation), bn (broadcast news), mz (magazine), nw (newswire), tc
	// (telephone conversation), wb (web text); "" when unknown. Models
	// trained with the "genre" feature template also weigh each feature
	// by genre; the reader takes it from OntoNotes document ids, and the
	// extract pipeline, which reads news, sets NewsGenre.
	Genre string
}

// NewsGenre is the genre of the news articles the pipeline reads.
const NewsGenre = "nw"

// GenreOf returns the genre an OntoNotes document id names, as in
// "#begin document (nw/wsj/00/wsj_0001); part 000", or "".
func GenreOf(id string) string {
	_, rest, ok := strings.Cut(id, "(")
	if !ok {
		return ""
	}
	g, _, ok := strings.Cut(rest, "/")
	if !ok || len(g) != 2 {
		return ""
	}
	return g
}

// Tokens is the number of tokens of the document.
func (d *Document) Tokens() int {
	n := 0
	for _, s := range d.Sents {
		n += len(s.Words)
	}
	return n
}

// Line is one line of a CoNLL-style file as kept by ReadLines: either a token
// (Doc, Sent, Tok index it) or a line passed through unchanged (Tok < 0).
type Line struct {
	Text           string
	Doc, Sent, Tok int
}

// Format says where the token and the tag are in a CoNLL-style line.
type Format struct {
	TokenCol int // 0-based column of the token
	TagCol   int // 0-based column of the tag; -1 means the last column, -2 no tag
}

// Formats of the corpora the trainer knows.
var (
	// FormatCoNLL: token first, tag last (CoNLL-2003 and OntoNotes .bio).
	FormatCoNLL = Format{TokenCol: 0, TagCol: -1}
	// FormatUNER: "idx token tag - annotator" (Universal NER .iob2).
	FormatUNER = Format{TokenCol: 1, TagCol: 2}
	// FormatTokens: token first, tags ignored.
	FormatTokens = Format{TokenCol: 0, TagCol: -2}
)

// isDocLine reports whether a line is a document boundary and whether it
// starts a document.
func isDocLine(l string) (boundary, start bool) {
	switch {
	case strings.HasPrefix(l, "-DOCSTART-"):
		return true, true
	case strings.HasPrefix(l, "#begin document"):
		return true, true
	case strings.HasPrefix(l, "#end document"):
		return true, false
	case strings.HasPrefix(l, "# newdoc"):
		return true, true
	}
	return false, false
}

// isComment reports CoNLL-U style comment lines ("# text = ...").
func isComment(l string) bool {
	return strings.HasPrefix(l, "# ") && strings.Contains(l, " = ")
}

// ReadLines reads a CoNLL-style stream: one token per line (columns split by
// tabs, or by spaces when the line has no tab), a blank line between
// sentences, document boundaries as -DOCSTART-, "#begin document" /
// "#end document" or "# newdoc" lines. It returns the documents and every
// line with what it holds, so that a tagger can print the input back with
// its tags. name labels errors.
func ReadLines(r io.Reader, name string, f Format) ([]Document, []Line, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<24)
	var docs []Document
	var lines []Line
	cur := -1
	var sent Sentence
	newDoc := func(id string) {
		docs = append(docs, Document{ID: id, Genre: GenreOf(id)})
		cur = len(docs) - 1
	}
	flush := func() {
		if len(sent.Words) > 0 {
			if cur < 0 {
				newDoc("")
			}
			docs[cur].Sents = append(docs[cur].Sents, sent)
		}
		sent = Sentence{}
	}
	n := 0
	for sc.Scan() {
		n++
		l := strings.TrimRight(sc.Text(), "\r")
		if b, start := isDocLine(l); b {
			flush()
			if start {
				newDoc(strings.TrimSpace(l))
			} else {
				cur = -1
			}
			lines = append(lines, Line{Text: l, Tok: -1})
			continue
		}
		if strings.TrimSpace(l) == "" || isComment(l) {
			if strings.TrimSpace(l) == "" {
				flush()
			}
			lines = append(lines, Line{Text: l, Tok: -1})
			continue
		}
		var cols []string
		if strings.IndexByte(l, '\t') >= 0 {
			cols = strings.Split(l, "\t")
		} else {
			cols = strings.Fields(l)
		}
		if f.TokenCol >= len(cols) {
			return nil, nil, fmt.Errorf("%s:%d: %d columns, token column %d missing: %w", name, n, len(cols), f.TokenCol+1, ErrFormat)
		}
		tok := strings.TrimSpace(cols[f.TokenCol])
		if tok == "" {
			return nil, nil, fmt.Errorf("%s:%d: empty token in column %d: %w", name, n, f.TokenCol+1, ErrFormat)
		}
		if f.TagCol != -2 {
			tc := f.TagCol
			if tc == -1 {
				tc = len(cols) - 1
			}
			if tc >= len(cols) || tc == f.TokenCol && f.TagCol != -1 {
				return nil, nil, fmt.Errorf("%s:%d: tag column %d missing: %w", name, n, tc+1, ErrFormat)
			}
			tag := cols[tc]
			if len(cols) == 1 {
				tag = "O"
			}
			if !validTag(tag) {
				return nil, nil, fmt.Errorf("%s:%d: bad tag %q: %w", name, n, tag, ErrFormat)
			}
			sent.Tags = append(sent.Tags, tag)
		}
		if cur < 0 {
			newDoc("")
		}
		lines = append(lines, Line{Text: l, Doc: cur, Sent: len(docs[cur].Sents), Tok: len(sent.Words)})
		sent.Words = append(sent.Words, tok)
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	flush()
	for i := range docs {
		for j := range docs[i].Sents {
			if docs[i].Sents[j].Tags != nil {
				docs[i].Sents[j].Tags = ToIOB2(docs[i].Sents[j].Tags)
			}
		}
	}
	return docs, lines, nil
}

// ReadFile reads a CoNLL-style file (see ReadLines) and drops documents with
// no sentences.
func ReadFile(path string, f Format) ([]Document, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	docs, _, err := ReadLines(fh, path, f)
	if err != nil {
		return nil, err
	}
	out := docs[:0]
	for _, d := range docs {
		if len(d.Sents) > 0 {
			out = append(out, d)
		}
	}
	return out, nil
}

func validTag(t string) bool {
	if t == "O" {
		return true
	}
	return len(t) > 2 && (t[0] == 'B' || t[0] == 'I' || t[0] == 'E' || t[0] == 'S' || t[0] == 'L' || t[0] == 'U') && t[1] == '-'
}

// ToIOB2 rewrites IOB1/IOBES/BILOU tags as IOB2: every entity starts with B-.
func ToIOB2(tags []string) []string {
	out := make([]string, len(tags))
	prev := "O"
	for i, t := range tags {
		if t == "O" {
			out[i] = "O"
			prev = "O"
			continue
		}
		p, typ := t[0], t[2:]
		switch p {
		case 'B', 'S', 'U':
			out[i] = "B-" + typ
		default: // I, E, L
			if prev == "O" || prev[2:] != typ {
				out[i] = "B-" + typ
			} else {
				out[i] = "I-" + typ
			}
		}
		if p == 'S' || p == 'U' || p == 'E' || p == 'L' {
			prev = "O" // entity closed; an I- next starts a new one
		} else {
			prev = t
		}
	}
	return out
}

// Span is a typed entity over tokens [Start, End) of a sentence.
type Span struct {
	Start, End int
	Type       string
}

// Spans decodes IOB2 tags into entity spans; a stray I- starts an entity
// (conlleval's convention).
func Spans(tags []string) []Span {
	var out []Span
	for i := 0; i < len(tags); {
		t := tags[i]
		if t == "O" || len(t) < 3 {
			i++
			continue
		}
		typ := t[2:]
		j := i + 1
		for j < len(tags) && len(tags[j]) > 2 && tags[j][0] == 'I' && tags[j][2:] == typ {
			j++
		}
		out = append(out, Span{i, j, typ})
		i = j
	}
	return out
}
