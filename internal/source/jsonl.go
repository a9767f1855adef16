package source

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// jsonArticle is one line of a JSON Lines input. Only "text" is required.
type jsonArticle struct {
	Text      *string         `json:"text"`
	Title     string          `json:"title"`
	Caption   string          `json:"caption"`
	URL       string          `json:"url"`
	Published json.RawMessage `json:"published"`
	Lang      string          `json:"lang"`
	Author    string          `json:"author"`
}

// jsonl reads JSON Lines record by record: each line one object with at
// least "text" (optional "title", "caption", "url", "published", "lang",
// "author"). A bad line gives an error Item named path#lineN and reading goes
// on; a line longer than MaxBytes is skipped without being held in memory.
func (rd *reader) jsonl(name string, br *bufio.Reader) error {
	max := rd.maxBytes()
	for n := 1; ; n++ {
		line, err := readLine(br, max)
		input := name + "#line" + strconv.Itoa(n)
		if errors.Is(err, ErrTooLarge) {
			if ferr := rd.fail(input, err); ferr != nil {
				return ferr
			}
			continue
		}
		if err != nil && err != io.EOF {
			return rd.fail(input, readErr(err))
		}
		if t := bytes.TrimSpace(line); len(t) > 0 {
			a, perr := parseJSONLine(t)
			if perr != nil {
				if ferr := rd.fail(input, perr); ferr != nil {
					return ferr
				}
			} else {
				if a.Source == "" {
					a.Source = input
				}
				if ferr := rd.emit(input, a); ferr != nil {
					return ferr
				}
			}
		}
		if err == io.EOF {
			return nil
		}
	}
}

// readLine reads one line without its newline. A line longer than max bytes
// is consumed and ErrTooLarge returned. At the end of input it returns the
// last line and io.EOF.
func readLine(br *bufio.Reader, max int64) ([]byte, error) {
	var line []byte
	tooLong := false
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if int64(len(line)+len(chunk)) > max {
				tooLong, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err != nil && err != io.EOF:
			return nil, err
		}
		if tooLong {
			if err == io.EOF {
				return nil, fmt.Errorf("%w: line longer than %d bytes (at the end of input)", ErrTooLarge, max)
			}
			return nil, fmt.Errorf("%w: line longer than %d bytes", ErrTooLarge, max)
		}
		line = bytes.TrimSuffix(line, []byte("\n"))
		if err == io.EOF && len(line) == 0 {
			return nil, io.EOF
		}
		return line, err
	}
}

// parseJSONLine reads one JSON Lines object.
func parseJSONLine(line []byte) (doc.Article, error) {
	if line[0] != '{' {
		return doc.Article{}, fmt.Errorf("%w: not a JSON object", ErrMalformed)
	}
	var j jsonArticle
	if err := json.Unmarshal(line, &j); err != nil {
		return doc.Article{}, fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	if j.Text == nil {
		return doc.Article{}, fmt.Errorf("%w: no \"text\" field", ErrNoArticle)
	}
	if strings.TrimSpace(*j.Text) == "" && strings.TrimSpace(j.Title) == "" {
		return doc.Article{}, fmt.Errorf("%w: empty \"text\"", ErrNoArticle)
	}
	a := doc.Article{
		Source:  strings.TrimSpace(j.URL),
		Title:   j.Title,
		Caption: j.Caption,
		Body:    *j.Text,
		Author:  j.Author,
		Lang:    langCode(j.Lang),
	}
	if len(j.Published) > 0 {
		var s string
		var f float64
		switch {
		case json.Unmarshal(j.Published, &s) == nil:
			a.Published = parseDate(s)
		case json.Unmarshal(j.Published, &f) == nil && f > 0 && f < 1e11:
			a.Published = isoDate(time.Unix(int64(f), 0).UTC())
		}
	}
	return a, nil
}
