package postgres

import (
	"context"
	"strconv"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/newsgraph/newsgraph/internal/store"
)

// loadConfigs reads the text search configurations the server has (in
// pg_catalog: english, german, russian…) and those the stored documents were
// indexed with.
func (s *Store) loadConfigs(ctx context.Context) error {
	rows, err := s.pool.Query(ctx, `SELECT cfgname FROM pg_catalog.pg_ts_config c JOIN pg_catalog.pg_namespace n ON n.oid = c.cfgnamespace WHERE n.nspname = 'pg_catalog'`)
	if err != nil {
		return err
	}
	known := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return err
		}
		known[name] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	s.cfgMu.Lock()
	s.known, s.cfgs = known, map[string]string{}
	s.cfgMu.Unlock()
	return nil
}

// config returns the text search configuration for a language code: the
// server's configuration named after the language in English ("de" →
// German → german), or "simple" (lower-casing without stemming) when there
// is none. The names of PostgreSQL's configurations are the English names of
// their languages, so no table of our own is needed.
func (s *Store) config(lang string) string {
	s.cfgMu.Lock()
	defer s.cfgMu.Unlock()
	if c, ok := s.cfgs[lang]; ok {
		return c
	}
	c := "simple"
	if tag, err := language.Parse(lang); err == nil && lang != "" {
		base, _ := tag.Base()
		name := strings.ToLower(display.English.Languages().Name(base))
		if s.known[name] {
			c = name
		}
	}
	if len(s.cfgs) < 1000 {
		s.cfgs[lang] = c
	}
	return c
}

// args collects the parameters of a query built in pieces; p adds one and
// returns its placeholder.
type args []any

func (a *args) p(v any) string {
	*a = append(*a, v)
	return "$" + strconv.Itoa(len(*a))
}

// terms splits user text into required words and "quoted phrases" of more
// than one word (store.QueryTerms); ok is false when nothing searchable is
// left.
func terms(q string) (words []string, phrases [][]string, ok bool) {
	for _, t := range store.QueryTerms(q) {
		if len(t) > 1 {
			phrases = append(phrases, t)
		} else {
			words = append(words, t[0])
		}
	}
	return words, phrases, len(words)+len(phrases) > 0
}

// tsQuery returns an SQL expression of type tsquery for user text (every
// word and every "quoted phrase" required), adding its parameters to a:
// the text parsed with each configuration documents are indexed with, OR-ed,
// so that each document is matched with its own language's stemming. Only
// letters and digits reach PostgreSQL's parsers (plainto_tsquery and
// phraseto_tsquery, which have no operators of their own), so no input can
// be read as query syntax. ok is false when nothing searchable is left.
func tsQuery(a *args, text string) (expr string, ok bool) {
	words, phrases, ok := terms(text)
	if !ok {
		return "", false
	}
	var parts []string
	if len(words) > 0 {
		parts = append(parts, "plainto_tsquery(c.cfg, "+a.p(strings.Join(words, " "))+")")
	}
	for _, ph := range phrases {
		parts = append(parts, "phraseto_tsquery(c.cfg, "+a.p(strings.Join(ph, " "))+")")
	}
	// a configuration that drops every word (stop words) yields an empty
	// query, which is left out of the OR; with no documents the whole
	// expression is NULL and matches nothing
	return `(SELECT newsgraph_tsquery_or(q) FROM (SELECT ` + strings.Join(parts, " && ") +
		` AS q FROM fts_configs c) q WHERE numnode(q) > 0)`, true
}
