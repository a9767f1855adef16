package source

import (
	"bytes"
	"fmt"
	nurl "net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/andybalholm/cascadia"
	"github.com/markusmobius/go-trafilatura"
	"github.com/newsgraph/newsgraph/internal/doc"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// htmlFallback makes trafilatura compare its result with go-readability's and
// go-domdistiller's and keep the best. It is off: on the html-benchmark
// (TestHTMLBenchmark, 90 pages) it lowers F1 from 0.952 to 0.942 and costs
// 60% more time per page.
var htmlFallback = false

// readHTML extracts the article from an HTML page with go-trafilatura: the
// main text without navigation, ads and footers, the title, the author, the
// publication date and the declared language. contentType is the HTTP
// Content-Type when known (it may name the charset); pageURL the page's
// address when known.
//
// The bytes are decoded with the HTML5 encoding rules (byte-order mark, the
// Content-Type charset, <meta charset>, then a guess), parsed with
// golang.org/x/net/html, which accepts any malformed markup, and handed to
// trafilatura. Paragraph breaks are kept: every block element of the
// extracted content becomes a paragraph.
func readHTML(data []byte, contentType, pageURL string) (doc.Article, error) {
	root, err := parseHTML(data, contentType)
	if err != nil {
		return doc.Article{}, err
	}
	opts := trafilatura.Options{
		ExcludeComments: true,
		EnableFallback:  htmlFallback,
		HtmlDateMode:    trafilatura.Fast,
		PruneSelector:   pruneSelector,
	}
	if u, err := nurl.ParseRequestURI(pageURL); err == nil && pageURL != "" {
		opts.OriginalURL = u
	}
	if n := countElements(root, maxTrafilaturaElements+1); n > maxTrafilaturaElements {
		return plainExtract(root)
	}
	res, err := extractSafely(root, opts)
	if err != nil {
		return doc.Article{}, fmt.Errorf("%w: %w", ErrNoArticle, err)
	}
	var a doc.Article
	m := res.Metadata
	a.Title = strings.Join(strings.Fields(m.Title), " ")
	if utf8.RuneCountInString(a.Title) > maxHTMLTitleRunes {
		// an unclosed <h1> swallowed the page: use <title>
		a.Title = strings.Join(strings.Fields(headTitle(root)), " ")
		if utf8.RuneCountInString(a.Title) > maxHTMLTitleRunes {
			a.Title = ""
		}
	}
	if res.ContentNode != nil {
		a.Body = nodeText(res.ContentNode)
	}
	if strings.TrimSpace(a.Body) == "" {
		a.Body = strings.TrimSpace(res.ContentText)
	}
	a.Body = dropTitle(a.Body, a.Title)
	a.Body = dropBylineRest(a.Body)
	if n := len(strings.Fields(a.Body)); n < minHTMLWords {
		return doc.Article{}, fmt.Errorf("%w: the page's main text has %d words", ErrNoArticle, n)
	}
	a.Author = strings.Join(strings.Fields(m.Author), " ")
	a.Published = isoDate(m.Date)
	// trafilatura gives the day only; a <meta> time of that day makes it
	// a full date-time.
	if _, metaDate := metaInfo(root); len(metaDate) > 10 && a.Published != "" && strings.HasPrefix(metaDate, a.Published) {
		a.Published = metaDate
	}
	// trafilatura's Metadata.Language is its own guess from the text; the
	// declared language is the <html lang> attribute.
	a.Lang = htmlLang(root)
	return a, nil
}

// maxTrafilaturaElements bounds the pages given to trafilatura: its content
// extraction concatenates strings element by element, so its time grows with
// the square of the page (10,000 paragraphs take 1.3 s, 50,000 a minute).
// The html-benchmark pages have at most 1,600 elements; larger pages than
// this bound go to plainExtract, which is linear.
const maxTrafilaturaElements = 15000

// countElements counts the element nodes under n, stopping at limit.
func countElements(n *html.Node, limit int) int {
	c := 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for k := n.FirstChild; k != nil && c < limit; k = k.NextSibling {
			if k.Type == html.ElementNode {
				c++
			}
			walk(k)
		}
	}
	walk(n)
	return c
}

// boilerplate selects what plainExtract drops: navigation, page furniture and
// the blocks pruneSelector names.
var boilerplate = cascadia.MustCompile(`nav, header, footer, aside, form, menu, script, style, noscript, ` +
	`iframe, template, [role="navigation"], [role="banner"], [role="contentinfo"], [role="complementary"], ` +
	pruneSelector)

// plainExtract is the linear fallback for pages too large for trafilatura:
// drop navigation, headers, footers, asides and ads, then render the first
// <article> (else <main>, else <body>) as paragraphs. The title is the
// <h1> or <title>, the author and date come from <meta> tags.
func plainExtract(root *html.Node) (doc.Article, error) {
	for _, n := range boilerplate.MatchAll(root) {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
	container := root
	for _, sel := range []string{"article", "main", "body"} {
		if n := cascadia.Query(root, cascadia.MustCompile(sel)); n != nil {
			container = n
			break
		}
	}
	var a doc.Article
	if h := cascadia.Query(container, cascadia.MustCompile("h1")); h != nil {
		a.Title = strings.Join(strings.Fields(nodeText(h)), " ")
	}
	if a.Title == "" || utf8.RuneCountInString(a.Title) > maxHTMLTitleRunes {
		a.Title = strings.Join(strings.Fields(headTitle(root)), " ")
	}
	if utf8.RuneCountInString(a.Title) > maxHTMLTitleRunes {
		a.Title = ""
	}
	a.Body = dropTitle(nodeText(container), a.Title)
	if n := len(strings.Fields(a.Body)); n < minHTMLWords {
		return doc.Article{}, fmt.Errorf("%w: the page's main text has %d words", ErrNoArticle, n)
	}
	a.Author, a.Published = metaInfo(root)
	a.Lang = htmlLang(root)
	return a, nil
}

var metaSel = cascadia.MustCompile("meta[content]")

// metaInfo reads the author and the publication date from <meta> tags
// (Open Graph article:*, Dublin Core, schema.org itemprop, plain name=).
func metaInfo(root *html.Node) (author, published string) {
	for _, m := range cascadia.QueryAll(root, metaSel) {
		var key, val string
		for _, at := range m.Attr {
			switch at.Key {
			case "name", "property", "itemprop":
				key = strings.ToLower(at.Val)
			case "content":
				val = strings.TrimSpace(at.Val)
			}
		}
		switch key {
		case "author", "article:author", "dc.creator":
			if author == "" && !strings.HasPrefix(val, "http") {
				author = val
			}
		case "article:published_time", "datepublished", "dc.date", "dc.date.issued", "date", "pubdate":
			if published == "" {
				published = parseDate(val)
			}
		}
	}
	return author, published
}

// maxHTMLTitleRunes bounds a page title; a longer one comes from broken
// markup.
const maxHTMLTitleRunes = 300

// minHTMLWords is the least main text that makes a page an article; less is
// an index page or a page of links.
const minHTMLWords = 10

// pruneSelector removes blocks that sites mark as advertising, cookie notices
// or sharing tools before extraction: trafilatura keeps some of them when
// they sit inside the article body.
const pruneSelector = `.ad, .ads, .advert, .advertisement, .adsbygoogle, .ad-slot, .ad-container, ` +
	`[class^="ad-"], [id^="ad-"], .sponsored, .cookie-banner, .cookie-consent, #cookie-banner, ` +
	`.share-tools, .social-share, .newsletter-signup`

// dropTitle removes the first paragraph of body when it repeats the title
// (the page's <h1> is usually part of the extracted content).
func dropTitle(body, title string) string {
	first, rest, _ := strings.Cut(body, "\n\n")
	if title != "" && strings.EqualFold(strings.Join(strings.Fields(first), " "), title) {
		return rest
	}
	return body
}

// dropBylineRest removes short leading paragraphs that start with a comma,
// semicolon or colon: what is left of a byline ("By <author>, Transport
// Correspondent") once trafilatura has taken the author out.
func dropBylineRest(body string) string {
	for {
		first, rest, ok := strings.Cut(body, "\n\n")
		if !ok || first == "" || !strings.ContainsRune(",;:", rune(first[0])) || len(strings.Fields(first)) > 12 {
			return body
		}
		body = rest
	}
}

// headTitle returns the text of the page's <title> element.
func headTitle(root *html.Node) string {
	var find func(*html.Node) string
	find = func(n *html.Node) string {
		if n.Type == html.ElementNode && n.DataAtom == atom.Title {
			var b strings.Builder
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.TextNode {
					b.WriteString(c.Data)
				}
			}
			return b.String()
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.Body {
			return ""
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if t := find(c); t != "" {
				return t
			}
		}
		return ""
	}
	return find(root)
}

// extractSafely runs trafilatura and turns a panic inside it into an error:
// one bad page must not stop a batch.
func extractSafely(root *html.Node, opts trafilatura.Options) (res *trafilatura.ExtractResult, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("extractor failed: %v", r)
		}
	}()
	res, err = trafilatura.ExtractDocument(root, opts)
	if err == nil && res == nil {
		err = fmt.Errorf("extractor found nothing")
	}
	return res, err
}

// parseHTML decodes and parses a page.
func parseHTML(data []byte, contentType string) (*html.Node, error) {
	enc, _, certain := charset.DetermineEncoding(data, contentType)
	if !certain && !utf8.Valid(data) {
		if g := guessEncoding(data); g != nil {
			enc = g
		}
	}
	if u, err := enc.NewDecoder().Bytes(data); err == nil {
		data = u
	}
	root, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	return root, nil
}

// htmlLang returns the language of <html lang="…">.
func htmlLang(root *html.Node) string {
	for n := root.FirstChild; n != nil; n = n.NextSibling {
		if n.Type == html.ElementNode && n.DataAtom == atom.Html {
			for _, at := range n.Attr {
				if at.Key == "lang" || at.Key == "xml:lang" {
					return langCode(at.Val)
				}
			}
		}
	}
	return ""
}

// htmlFragmentText turns an HTML fragment (a feed item's content) into text.
func htmlFragmentText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return strings.Join(splitParagraphs(s), "\n\n")
	}
	ctx := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(s), ctx)
	if err != nil {
		return strings.Join(splitParagraphs(s), "\n\n")
	}
	for _, n := range nodes {
		ctx.AppendChild(n)
	}
	return nodeText(ctx)
}

// blockElements end a paragraph.
var blockElements = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Li: true, atom.Blockquote: true, atom.Pre: true,
	atom.Tr: true, atom.Table: true, atom.Ul: true, atom.Ol: true, atom.Dl: true, atom.Dt: true,
	atom.Dd: true, atom.Section: true, atom.Article: true, atom.Header: true, atom.Footer: true,
	atom.Figure: true, atom.Figcaption: true, atom.Hr: true, atom.Main: true, atom.Aside: true,
	atom.Address: true, atom.Details: true, atom.Summary: true, atom.Caption: true,
}

// skipElements hold no readable text.
var skipElements = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Head: true, atom.Iframe: true, atom.Object: true, atom.Svg: true, atom.Math: true,
}

// nodeText renders a node as text: block elements become paragraphs
// separated by blank lines, <br> a line break, runs of white space one space.
// trafilatura's own ContentText joins paragraphs with single newlines; the
// blank lines matter here because doc.Doc splits paragraphs at them.
func nodeText(n *html.Node) string {
	var b strings.Builder
	pendingBreak := 0 // 1: newline, 2: paragraph break
	space := false    // white space seen since the last word
	boundary := false // an element started or ended since the last word
	paraStart := 0    // where the current paragraph starts in b
	var last rune     // the last rune written
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			d := n.Data
			if d == "" {
				return
			}
			if isHTMLSpace(rune(d[0])) {
				space = true
			}
			for i, f := range strings.FieldsFunc(d, isHTMLSpace) {
				if i > 0 {
					space = true
				}
				if b.Len() > 0 {
					switch {
					case pendingBreak == 2:
						b.WriteString("\n\n")
						paraStart = b.Len()
					case pendingBreak == 1:
						b.WriteString("\n")
					case space:
						b.WriteByte(' ')
					case boundary && b.Len()-paraStart > 1 && needsSpace(last, f):
						b.WriteByte(' ')
					}
				}
				pendingBreak, space, boundary = 0, false, false
				b.WriteString(f)
				last, _ = utf8.DecodeLastRuneInString(f)
			}
			if isHTMLSpace(rune(d[len(d)-1])) {
				space = true
			}
			return
		case html.ElementNode:
			if skipElements[n.DataAtom] {
				return
			}
			if n.DataAtom == atom.Br {
				pendingBreak = max(pendingBreak, 1)
				return
			}
		case html.CommentNode, html.DoctypeNode:
			return
		}
		block := n.Type == html.ElementNode && (blockElements[n.DataAtom] || n.Data == "list" || n.Data == "item" || n.Data == "quote")
		if block {
			pendingBreak = 2
		}
		boundary = true
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		boundary = true
		if block {
			pendingBreak = 2
		}
	}
	walk(n)
	return b.String()
}

// needsSpace decides whether two words that meet at an element boundary with
// no white space between them are separate words. trafilatura trims the
// white space around inline elements ("cost <b>£6</b>" arrives as "cost" and
// "£6"), so a space is put back between a word or closing punctuation and a
// word, number, currency sign or opening bracket. A paragraph's first letter
// alone (a drop cap) is joined to what follows.
func needsSpace(p rune, next string) bool {
	q, _ := utf8.DecodeRuneInString(next)
	prevOK := unicode.IsLetter(p) || unicode.IsDigit(p) || strings.ContainsRune(".,;:!?)]}”’%", p)
	nextOK := unicode.IsLetter(q) || unicode.IsDigit(q) || unicode.Is(unicode.Sc, q) || strings.ContainsRune("([{“‘", q)
	return prevOK && nextOK
}

func isHTMLSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f'
}
