// Package api is newsgraph's HTTP JSON API (../shared/spec/api.md): search,
// documents, entities, quotes, events, network, timeline and stats, read
// from a store.Store. It is the last stage of the data flow (source → doc →
// pipeline → store → API/UI) and is served by `newsgraph serve` beside the
// web UI (package web), which is its first client.
//
// Every parameter is checked and a bad one is a 400 naming it; query
// strings and request bodies are bounded; the store parameterizes all SQL.
// The API is read-only unless a token is configured: then POST
// /api/documents with "Authorization: Bearer TOKEN" stores a document.
package api

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/store"
)

// Limits on what a client may send.
const (
	MaxQueryBytes = 4 << 10 // the whole query string
	MaxTextBytes  = 500     // q and other free-text parameters
	MaxBodyBytes  = 8 << 20 // a POSTed document
	MaxLimit      = 500
)

// Errors returned to clients (wrapped with the parameter they concern).
var (
	ErrBadParam   = errors.New("bad parameter")
	ErrForbidden  = errors.New("forbidden")
	ErrReadOnly   = errors.New("read-only server: start it with a token to allow writes")
	ErrBadRequest = errors.New("bad request")
)

// Analyzer turns an article into an analysed document (the pipeline); it is
// given by the caller so this package does not depend on the pipeline.
type Analyzer func(doc.Article) (*doc.Doc, error)

// Server answers the API.
type Server struct {
	Store store.Store
	// Token, when set, allows writes with "Authorization: Bearer Token".
	Token string
	// Analyze, when set, lets POST /api/documents take raw articles.
	Analyze Analyzer
	// Log receives server errors; nil means the standard logger.
	Log *log.Logger
	// Timeout bounds each request's work (default 10 s).
	Timeout time.Duration
}

// Handler returns the API's routes, all under /api/.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/search", s.wrap(s.search))
	mux.HandleFunc("GET /api/documents/{id}", s.wrap(s.document))
	mux.HandleFunc("POST /api/documents", s.wrap(s.postDocument))
	mux.HandleFunc("GET /api/entities", s.wrap(s.entities))
	mux.HandleFunc("GET /api/entities/{id}", s.wrap(s.entity))
	mux.HandleFunc("GET /api/quotes", s.wrap(s.quotes))
	mux.HandleFunc("GET /api/events", s.wrap(s.events))
	mux.HandleFunc("GET /api/network", s.wrap(s.network))
	mux.HandleFunc("GET /api/timeline", s.wrap(s.timeline))
	mux.HandleFunc("GET /api/stats", s.wrap(s.stats))
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, fmt.Sprintf("no such endpoint: %s %s", r.Method, r.URL.Path))
	})
	return mux
}

// httpError carries a status with a message for the client.
type httpError struct {
	status int
	err    error
}

// Error returns the message for the client.
func (e *httpError) Error() string { return e.err.Error() }

// Unwrap returns the wrapped error.
func (e *httpError) Unwrap() error { return e.err }

func badParam(name, format string, a ...any) error {
	return &httpError{http.StatusBadRequest, fmt.Errorf("parameter %s: %s: %w", name, fmt.Sprintf(format, a...), ErrBadParam)}
}

func (s *Server) wrap(h func(ctx context.Context, r *http.Request, p *params) (any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if len(r.URL.RawQuery) > MaxQueryBytes {
			writeError(w, http.StatusRequestURITooLong, fmt.Sprintf("query string over %d bytes", MaxQueryBytes))
			return
		}
		to := s.Timeout
		if to <= 0 {
			to = 10 * time.Second
		}
		ctx, cancel := context.WithTimeout(r.Context(), to)
		defer cancel()
		p := &params{v: r.URL.Query()}
		out, err := h(ctx, r, p)
		if err == nil {
			err = p.err
		}
		if err != nil {
			var he *httpError
			switch {
			case errors.As(err, &he):
				writeError(w, he.status, he.Error())
			case errors.Is(err, store.ErrNotFound):
				writeError(w, http.StatusNotFound, err.Error())
			case errors.Is(err, context.DeadlineExceeded):
				writeError(w, http.StatusServiceUnavailable, "the query took too long")
			default:
				s.logf("%s %s: %v", r.Method, r.URL.Path, err)
				writeError(w, http.StatusInternalServerError, "internal error")
			}
			return
		}
		writeJSON(w, http.StatusOK, out)
	}
}

func (s *Server) logf(format string, a ...any) {
	if s.Log != nil {
		s.Log.Printf(format, a...)
	} else {
		log.Printf(format, a...)
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.Encode(v) // HTML-escaping on: safe even if sniffed as HTML
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

// params reads query parameters, remembering the first bad one.
type params struct {
	v   map[string][]string
	err error
}

func (p *params) raw(name string) string {
	vs := p.v[name]
	if len(vs) == 0 {
		return ""
	}
	if len(vs) > 1 && p.err == nil {
		p.err = badParam(name, "given %d times", len(vs))
	}
	return strings.TrimSpace(vs[0])
}

func (p *params) fail(err error) {
	if p.err == nil {
		p.err = err
	}
}

// text reads a free-text parameter.
func (p *params) text(name string) string {
	s := p.raw(name)
	if len(s) > MaxTextBytes {
		p.fail(badParam(name, "longer than %d bytes", MaxTextBytes))
		return ""
	}
	return s
}

// integer reads an integer in [lo, hi], def when absent.
func (p *params) integer(name string, def, lo, hi int) int {
	s := p.raw(name)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		p.fail(badParam(name, "%q is not a whole number from %d to %d", s, lo, hi))
		return def
	}
	return n
}

var (
	reDate = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	reLang = regexp.MustCompile(`^[a-z]{2}$`)
	reType = regexp.MustCompile(`^[A-Z_]{2,20}$`)
	reID   = regexp.MustCompile(`^[A-Za-z0-9:._-]{1,100}$`)
)

// date reads an ISO date (YYYY-MM-DD).
func (p *params) date(name string) string {
	s := p.raw(name)
	if s == "" {
		return ""
	}
	if !reDate.MatchString(s) {
		p.fail(badParam(name, "%q is not a date YYYY-MM-DD", s))
		return ""
	}
	if _, err := time.Parse("2006-01-02", s); err != nil {
		p.fail(badParam(name, "%q is not a date YYYY-MM-DD", s))
		return ""
	}
	return s
}

func (p *params) match(name string, re *regexp.Regexp, what string) string {
	s := p.raw(name)
	if s == "" {
		return ""
	}
	if !re.MatchString(s) {
		if len(s) > 40 {
			s = s[:40] + "…"
		}
		p.fail(badParam(name, "%q is not %s", s, what))
		return ""
	}
	return s
}

func (p *params) id(name string) string { return p.match(name, reID, "an id") }

func (p *params) dateRange() (from, to string) {
	from, to = p.date("from"), p.date("to")
	if from != "" && to != "" && from > to {
		p.fail(badParam("to", "%s is before from %s", to, from))
	}
	return from, to
}

func (s *Server) search(ctx context.Context, r *http.Request, p *params) (any, error) {
	q := store.SearchQuery{Text: p.text("q"), Lang: p.match("lang", reLang, "a two-letter language code"),
		Entity: p.id("entity"), Type: p.match("type", reType, "an entity type such as PERSON"),
		Limit: p.integer("limit", 20, 1, MaxLimit), Offset: p.integer("offset", 0, 0, 100000),
		Facets: p.integer("facets", 0, 0, 1) == 1}
	q.From, q.To = p.dateRange()
	if p.err != nil {
		return nil, p.err
	}
	return s.Store.Search(ctx, q)
}

func (s *Server) document(ctx context.Context, r *http.Request, p *params) (any, error) {
	id := r.PathValue("id")
	if !reID.MatchString(id) {
		return nil, badParam("id", "not a document id")
	}
	return s.Store.Document(ctx, id)
}

func (s *Server) entities(ctx context.Context, r *http.Request, p *params) (any, error) {
	q := store.EntityQuery{Name: p.text("q"), Type: p.match("type", reType, "an entity type such as PERSON"), Limit: p.integer("limit", 20, 1, MaxLimit)}
	if p.err != nil {
		return nil, p.err
	}
	es, err := s.Store.Entities(ctx, q)
	if err != nil {
		return nil, err
	}
	return map[string]any{"results": es}, nil
}

func (s *Server) entity(ctx context.Context, r *http.Request, p *params) (any, error) {
	id := r.PathValue("id")
	if !reID.MatchString(id) {
		return nil, badParam("id", "not an entity id")
	}
	return s.Store.Entity(ctx, id)
}

func (s *Server) quotes(ctx context.Context, r *http.Request, p *params) (any, error) {
	q := store.QuoteQuery{Speaker: p.id("speaker"), Text: p.text("q"), Document: p.id("document"),
		Limit: p.integer("limit", 20, 1, MaxLimit), Offset: p.integer("offset", 0, 0, 100000)}
	q.From, q.To = p.dateRange()
	if p.err != nil {
		return nil, p.err
	}
	return s.Store.Quotes(ctx, q)
}

func (s *Server) events(ctx context.Context, r *http.Request, p *params) (any, error) {
	q := store.EventQuery{Actor: p.id("actor"), Type: p.match("type", reType, "a PLOVER event type such as CONSULT"),
		Document: p.id("document"), Limit: p.integer("limit", 20, 1, MaxLimit), Offset: p.integer("offset", 0, 0, 100000)}
	q.From, q.To = p.dateRange()
	if p.err != nil {
		return nil, p.err
	}
	return s.Store.Events(ctx, q)
}

func (s *Server) network(ctx context.Context, r *http.Request, p *params) (any, error) {
	q := store.NetworkQuery{Entity: p.id("entity"), Depth: p.integer("depth", 1, 1, 2),
		MinWeight: p.integer("min_weight", 1, 1, 100000), Limit: p.integer("limit", 40, 1, 150)}
	if p.err != nil {
		return nil, p.err
	}
	return s.Store.Network(ctx, q)
}

func (s *Server) timeline(ctx context.Context, r *http.Request, p *params) (any, error) {
	q := store.TimelineQuery{Entity: p.id("entity"), Text: p.text("q")}
	if p.err != nil {
		return nil, p.err
	}
	b, err := s.Store.Timeline(ctx, q)
	if err != nil {
		return nil, err
	}
	return map[string]any{"buckets": b}, nil
}

func (s *Server) stats(ctx context.Context, r *http.Request, p *params) (any, error) {
	return s.Store.Stats(ctx)
}

// postedArticle is the raw-article form POST /api/documents accepts.
type postedArticle struct {
	Schema    string `json:"schema"`
	Source    string `json:"source"`
	Lang      string `json:"lang"`
	Published string `json:"published"`
	Title     string `json:"title"`
	Caption   string `json:"caption"`
	Body      string `json:"body"`
}

// postDocument stores a newsgraph.document/1 object, or analyses and stores
// a raw article {"title", "body", …}.
func (s *Server) postDocument(ctx context.Context, r *http.Request, p *params) (any, error) {
	if s.Token == "" {
		return nil, &httpError{http.StatusForbidden, ErrReadOnly}
	}
	auth := r.Header.Get("Authorization")
	want := "Bearer " + s.Token
	if subtle.ConstantTimeCompare([]byte(auth), []byte(want)) != 1 {
		return nil, &httpError{http.StatusUnauthorized, fmt.Errorf("missing or wrong bearer token: %w", ErrForbidden)}
	}
	body, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, MaxBodyBytes))
	if err != nil {
		return nil, &httpError{http.StatusRequestEntityTooLarge, fmt.Errorf("body: over %d bytes or unreadable: %w", MaxBodyBytes, ErrBadRequest)}
	}
	var art postedArticle
	if err := json.Unmarshal(body, &art); err != nil {
		return nil, &httpError{http.StatusBadRequest, fmt.Errorf("body: not JSON: %v: %w", err, ErrBadRequest)}
	}
	var d *doc.JSON
	if art.Schema != "" {
		d = &doc.JSON{}
		dec := json.NewDecoder(strings.NewReader(string(body)))
		if err := dec.Decode(d); err != nil {
			return nil, &httpError{http.StatusBadRequest, fmt.Errorf("body: not a document: %v: %w", err, ErrBadRequest)}
		}
	} else {
		if s.Analyze == nil {
			return nil, &httpError{http.StatusBadRequest, fmt.Errorf("body: give a %s document; this server does not analyse raw articles: %w", doc.Schema, ErrBadRequest)}
		}
		if art.Source == "" {
			art.Source = "api"
		}
		ad, err := s.Analyze(doc.Article{Source: art.Source, Lang: art.Lang, Published: art.Published, Title: art.Title, Caption: art.Caption, Body: art.Body})
		if err != nil {
			return nil, &httpError{http.StatusBadRequest, fmt.Errorf("body: %v: %w", err, ErrBadRequest)}
		}
		d = ad.ToJSON()
	}
	res, err := s.Store.Put(ctx, d)
	if err != nil {
		return nil, err
	}
	if res[0].Err != nil {
		return nil, &httpError{http.StatusBadRequest, res[0].Err}
	}
	return res[0], nil
}
