package source

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// fuzzMax caps fuzz inputs; MaxBytes is set just below it so the size limit
// is exercised too.
const fuzzMax = 64 << 10

// addFixtures seeds a fuzz target with every fixture under testdata.
func addFixtures(f *testing.F) {
	for _, dir := range []string{"good", "bad"} {
		ents, _ := os.ReadDir(filepath.Join("testdata", dir))
		for _, e := range ents {
			b, err := os.ReadFile(filepath.Join("testdata", dir, e.Name()))
			if err == nil && len(b) <= fuzzMax {
				f.Add(b)
			}
		}
	}
}

// checkItems holds for every input: each Item is an article or an error
// naming the input, articles are valid UTF-8 and doc.New accepts them.
func checkItems(t *testing.T, items []Item) {
	for _, it := range items {
		if it.Err != nil {
			if !strings.HasPrefix(it.Err.Error(), "fuzz") {
				t.Errorf("error does not name the input: %v", it.Err)
			}
			continue
		}
		a := it.Article
		for _, s := range []string{a.Source, a.Lang, a.Published, a.Title, a.Caption, a.Body, a.Author} {
			if !utf8.ValidString(s) {
				t.Errorf("invalid UTF-8 in article: %q", s)
			}
		}
		if _, err := doc.New(a); err != nil && err != doc.ErrEmpty {
			t.Errorf("doc.New: %v", err)
		}
	}
}

// FuzzReadBytes feeds arbitrary bytes through form detection and every
// reader: no panic, no hang, every Item well formed.
func FuzzReadBytes(f *testing.F) {
	addFixtures(f)
	f.Add([]byte("English\n\nTitle\n\nCaption.\n\nBody."))
	f.Add([]byte("WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nHTTP/1.1 200 OK\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > fuzzMax {
			return
		}
		timer := time.AfterFunc(10*time.Second, func() {
			panic(fmt.Sprintf("ReadBytes hangs on %d bytes starting %.200q", len(data), data))
		})
		defer timer.Stop()
		var items []Item
		err := ReadBytes("fuzz", data, Options{MaxBytes: fuzzMax - 1024}, func(it Item) error {
			items = append(items, it)
			return nil
		})
		if err != nil {
			t.Fatalf("ReadBytes returned %v; only fn's errors may stop it", err)
		}
		checkItems(t, items)
	})
}

// FuzzDetect checks that detection never panics and that it is stable: the
// form of a prefix of 64 KiB is the form of the input.
func FuzzDetect(f *testing.F) {
	addFixtures(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		Detect(data)
	})
}

// FuzzReadText checks the tagged/plain reader: the article's parts are all
// taken from the input.
func FuzzReadText(f *testing.F) {
	f.Add("English\n\nTitle\n\nCaption.\n\nBody one.\n\nBody two.")
	f.Add("Deutsch\r\n\r\nTitel\r\nmehr\r\n\r\nText")
	f.Add("Українська\n\nЗаголовок\n\nПідпис.\n\nТекст.\n\nЩе текст.")
	f.Add("Franc\u0327ais\n\nTitre\n\nTexte")
	f.Add("Polski\n\n\n\nTytuł")
	f.Add("\n\n\nPlain title\nbody")
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > fuzzMax || !utf8.ValidString(s) {
			return
		}
		a := readText(s)
		norm := strings.ReplaceAll(s, "\r\n", "\n")
		for _, part := range []string{a.Title, a.Caption} {
			if !strings.Contains(norm, part) {
				t.Errorf("part %q not in input", part)
			}
		}
	})
}

// FuzzHTMLFragment checks the feed items' HTML-to-text conversion.
func FuzzHTMLFragment(f *testing.F) {
	f.Add("<p>One <b>two</b></p><p>three<br>four</p>")
	f.Add("<script>x</script>text &amp; more")
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > fuzzMax {
			return
		}
		out := htmlFragmentText(s)
		if strings.Contains(out, "\n\n\n") {
			t.Errorf("three newlines in %q", out)
		}
	})
}

// FuzzJSONLine checks the JSON Lines reader line by line.
func FuzzJSONLine(f *testing.F) {
	f.Add([]byte(`{"text":"a","title":"b","published":"2025-01-01","lang":"en-GB"}` + "\n" + `{"text":1}`))
	f.Add([]byte(`{"text":"x","published":1739145600}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > fuzzMax {
			return
		}
		rd := &reader{opts: Options{MaxBytes: 4096}, fn: func(it Item) error { return nil }}
		if err := rd.jsonl("fuzz", bufio.NewReader(bytes.NewReader(data))); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzWARC mutates uncompressed WARC records: records cut, lengths wrong,
// headers broken.
func FuzzWARC(f *testing.F) {
	f.Add(buildWARC(crawlRecords(f), false))
	recs := crawlRecords(f)
	f.Add(buildWARC(recs[5:7], false))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > fuzzMax {
			return
		}
		timer := time.AfterFunc(10*time.Second, func() {
			os.WriteFile(filepath.Join(os.TempDir(), "fuzzwarc-hang.bin"), data, 0o644)
			panic(fmt.Sprintf("warc reader hangs on %d bytes", len(data)))
		})
		defer timer.Stop()
		var items []Item
		rd := &reader{opts: Options{MaxBytes: 8192}, fn: func(it Item) error { items = append(items, it); return nil }}
		if err := rd.warc("fuzz", bytes.NewReader(data)); err != nil {
			t.Fatal(err)
		}
		checkItems(t, items)
	})
}

// FuzzFeed mutates RSS and Atom feeds.
func FuzzFeed(f *testing.F) {
	for _, name := range []string{"good/feed.rss", "good/feed.atom", "bad/malformed.rss", "bad/empty-feed.rss"} {
		if b, err := os.ReadFile(filepath.Join("testdata", filepath.FromSlash(name))); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > fuzzMax {
			return
		}
		var items []Item
		rd := &reader{fn: func(it Item) error { items = append(items, it); return nil }}
		if err := rd.feed("fuzz", data); err != nil {
			t.Fatal(err)
		}
		checkItems(t, items)
	})
}
