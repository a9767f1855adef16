// Package web is newsgraph's browser interface: one HTML page (an
// html/template) and embedded static JavaScript and CSS, served by
// `newsgraph serve` beside the JSON API (package api) that it reads. There is
// no build step: the files under static/ are served as written.
//
// The page is a small single-page application in plain JavaScript: search
// with facets, the article view with entities, quotes and events
// highlighted and linked to their evidence, entity pages (quote ledger,
// roles over time, events, related entities), an actor network drawn with a
// small force-directed layout in SVG, and timelines. Article text is only
// ever inserted as text nodes (never as HTML), and a Content-Security-Policy
// forbids inline script, so text from articles cannot run as code.
package web

import (
	"bytes"
	"embed"
	"html/template"
	"io/fs"
	"net/http"
	"strings"
)

//go:embed static templates
var files embed.FS

// Options configure the page.
type Options struct {
	// Title is shown in the header and the window title.
	Title string
	// Writable tells the page that the server accepts writes (unused by the
	// page today beyond display).
	Writable bool
}

// csp allows only this origin's scripts, styles and API.
const csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
	"font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// Handler serves the page at / and its assets under /static/.
func Handler(o Options) (http.Handler, error) {
	if o.Title == "" {
		o.Title = "newsgraph"
	}
	t, err := template.ParseFS(files, "templates/index.html")
	if err != nil {
		return nil, err
	}
	var page bytes.Buffer
	if err := t.Execute(&page, o); err != nil {
		return nil, err
	}
	static, err := fs.Sub(files, "static")
	if err != nil {
		return nil, err
	}
	assets := http.StripPrefix("/static/", http.FileServer(http.FS(static)))
	mux := http.NewServeMux()
	mux.HandleFunc("GET /static/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Cache-Control", "public, max-age=300")
		if strings.HasSuffix(r.URL.Path, "/") {
			http.NotFound(w, r)
			return
		}
		assets.ServeHTTP(w, r)
	})
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		w.Write(page.Bytes())
	})
	return mux, nil
}
