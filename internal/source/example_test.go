package source_test

import (
	"fmt"

	"github.com/newsgraph/newsgraph/internal/source"
)

// ExampleReadBytes reads an article in the tagged form: the language line
// sets the language, the short first paragraph is the caption.
func ExampleReadBytes() {
	text := "English\n\nMinisters agree budget\n\nTalks ended on Tuesday.\n\nThe deal was signed in Brussels.\n"
	err := source.ReadBytes("upload.txt", []byte(text), source.Options{Published: "2025-02-13"}, func(it source.Item) error {
		if it.Err != nil {
			return it.Err
		}
		a := it.Article
		fmt.Printf("%s | %s | %s | %q | %q\n", a.Lang, a.Published, a.Title, a.Caption, a.Body)
		return nil
	})
	fmt.Println(err)
	// Output:
	// en | 2025-02-13 | Ministers agree budget | "Talks ended on Tuesday." | "The deal was signed in Brussels."
	// <nil>
}

// ExampleDetect shows form recognition from the first bytes of an input.
func ExampleDetect() {
	for _, s := range []string{
		"Deutsch\n\nTitel\n\nText",
		"<?xml version=\"1.0\"?><rss version=\"2.0\">",
		"WARC/1.1\r\n",
		`{"text": "…"}`,
		"Just a headline\n\nAnd a body.",
	} {
		fmt.Println(source.Detect([]byte(s)))
	}
	// Output:
	// tagged
	// feed
	// warc
	// jsonl
	// text
}
