package source

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/mmcdole/gofeed"
	"github.com/newsgraph/newsgraph/internal/doc"
)

// feed reads an RSS, Atom or RDF feed with gofeed: every item is an article.
// The body is the item's content, else its description, with the HTML turned
// into text; links are never followed. An item is named path#link (or
// path#itemN when it has no link).
func (rd *reader) feed(name string, data []byte) error {
	f, err := parseFeed(data)
	if err != nil {
		return rd.fail(name, fmt.Errorf("%w: %w", ErrMalformed, err))
	}
	if len(f.Items) == 0 {
		return rd.fail(name, fmt.Errorf("%w: the feed has no items", ErrNoArticle))
	}
	feedLang := langCode(f.Language)
	for i, it := range f.Items {
		if it == nil {
			continue
		}
		a := feedItem(it)
		if a.Lang == "" {
			a.Lang = feedLang
		}
		input := name + "#item" + strconv.Itoa(i+1)
		if a.Source != "" {
			input = name + "#" + a.Source
		}
		if strings.TrimSpace(a.Title) == "" && strings.TrimSpace(a.Body) == "" {
			if err := rd.fail(input, fmt.Errorf("%w: the item has neither title nor text", ErrNoArticle)); err != nil {
				return err
			}
			continue
		}
		if err := rd.emit(input, a); err != nil {
			return err
		}
	}
	return nil
}

// parseFeed runs gofeed, turning a panic inside it into an error.
func parseFeed(data []byte) (f *gofeed.Feed, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("feed parser failed: %v", r)
		}
	}()
	return gofeed.NewParser().Parse(bytes.NewReader(data))
}

// feedItem turns one feed item into an article.
func feedItem(it *gofeed.Item) doc.Article {
	body := it.Content
	if strings.TrimSpace(body) == "" {
		body = it.Description
	}
	a := doc.Article{
		Source: strings.TrimSpace(it.Link),
		Title:  htmlFragmentText(it.Title),
		Body:   htmlFragmentText(body),
	}
	var names []string
	for _, p := range it.Authors {
		if p != nil && strings.TrimSpace(p.Name) != "" {
			names = append(names, strings.TrimSpace(p.Name))
		}
	}
	a.Author = strings.Join(names, ", ")
	switch {
	case it.PublishedParsed != nil:
		a.Published = isoDate(*it.PublishedParsed)
	case it.UpdatedParsed != nil:
		a.Published = isoDate(*it.UpdatedParsed)
	}
	if it.DublinCoreExt != nil && len(it.DublinCoreExt.Language) > 0 {
		a.Lang = langCode(it.DublinCoreExt.Language[0])
	}
	return a
}
