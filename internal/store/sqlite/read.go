package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/xentity"
)

func nullStr(s sql.NullString) *string {
	if !s.Valid {
		return nil
	}
	v := s.String
	return &v
}

// Has reports whether a document is stored.
func (s *Store) Has(ctx context.Context, id string) (bool, error) {
	var n int
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM documents WHERE id = ?`, id).Scan(&n); err != nil {
		return false, fmt.Errorf("has %q: %w", id, err)
	}
	return n > 0, nil
}

// Document returns a stored document with corpus-wide entity ids.
func (s *Store) Document(ctx context.Context, id string) (*store.Document, error) {
	row := s.r.QueryRowContext(ctx, `SELECT n, text, data, story FROM documents WHERE id = ?`, id)
	var n, story int64
	var text string
	var data []byte
	if err := row.Scan(&n, &text, &data, &story); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("document %q: %w", id, store.ErrNotFound)
		}
		return nil, fmt.Errorf("document %q: %w", id, err)
	}
	d, err := s.load(ctx, store.Stored{N: n, Text: text, Data: data})
	if err != nil {
		return nil, fmt.Errorf("document %q: %w", id, err)
	}
	rows, err := s.r.QueryContext(ctx, `SELECT id, source, title, published FROM documents WHERE story = ? ORDER BY n LIMIT 100`, story)
	if err != nil {
		return nil, fmt.Errorf("document %q: story: %w", id, err)
	}
	defer rows.Close()
	if d.Story, err = store.ReadStory(rows); err != nil {
		return nil, fmt.Errorf("document %q: story: %w", id, err)
	}
	return d, nil
}

// load reads a stored document's corpus entity ids and decodes it.
func (s *Store) load(ctx context.Context, r store.Stored) (*store.Document, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT local, entity FROM doc_entities WHERE doc = ?`, r.N)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ids, err := store.ReadIDMap(rows)
	if err != nil {
		return nil, err
	}
	return r.Decode(ids)
}

// Documents calls fn for every document in the order they were added, a
// page of 200 at a time (no rows are held open while fn runs).
func (s *Store) Documents(ctx context.Context, fn func(*store.Document) error) error {
	page := func(after int64) ([]store.Stored, error) {
		rows, err := s.r.QueryContext(ctx, `SELECT n, text, data FROM documents WHERE n > ? ORDER BY n LIMIT 200`, after)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		return store.ReadStored(rows)
	}
	load := func(r store.Stored) (*store.Document, error) { return s.load(ctx, r) }
	return store.WalkStored(page, load, fn)
}

// FTSQuery turns user text into a safe FTS5 query: every word (letters and
// digits only) and every "quoted phrase" is required. It returns "" when
// nothing searchable is left.
func FTSQuery(q string) string {
	var parts []string
	for _, t := range store.QueryTerms(q) {
		parts = append(parts, `"`+strings.Join(t, " ")+`"`)
	}
	return strings.Join(parts, " ")
}

type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

func (w *where) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// searchWhere builds the FROM, WHERE and ORDER BY of a search; ok is false
// when the query can match nothing.
func searchWhere(q store.SearchQuery) (from string, w where, order string, ok bool) {
	from = ` FROM documents d`
	order = ` ORDER BY d.day DESC, d.n DESC`
	if strings.TrimSpace(q.Text) != "" {
		fq := FTSQuery(q.Text)
		if fq == "" {
			return "", w, "", false
		}
		// FTS5 sorts by rank (bm25 with the weights of migration 3)
		// without reading the documents
		from = ` FROM documents_fts f JOIN documents d ON d.n = f.rowid`
		w.add(`documents_fts MATCH ?`, fq)
		order = ` ORDER BY f.rank`
	}
	if q.From != "" {
		w.add(`d.day >= ?`, q.From)
	}
	if q.To != "" {
		w.add(`d.day <= ?`, q.To)
	}
	if q.Lang != "" {
		w.add(`d.lang = ?`, q.Lang)
	}
	if q.Entity != "" {
		id, valid := store.ParseEntityID(q.Entity)
		if !valid {
			return "", w, "", false
		}
		w.add(`d.n IN (SELECT doc FROM doc_entities WHERE entity = ?)`, id)
	}
	if q.Type != "" {
		w.add(`EXISTS (SELECT 1 FROM doc_entities de JOIN entities e ON e.id = de.entity WHERE de.doc = d.n AND e.type = ?)`, q.Type)
	}
	return from, w, order, true
}

// Search finds documents: first the numbers of one page of matches (the
// sort never carries article text), then those documents.
func (s *Store) Search(ctx context.Context, q store.SearchQuery) (store.SearchPage, error) {
	page := store.SearchPage{Results: []store.SearchHit{}}
	from, w, order, ok := searchWhere(q)
	if !ok {
		return page, nil
	}
	count := `SELECT count(*)` + from + w.sql()
	if len(w.conds) == 1 && strings.HasPrefix(w.conds[0], "documents_fts MATCH") {
		count = `SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?`
	}
	if err := s.r.QueryRowContext(ctx, count, w.args...).Scan(&page.Total); err != nil {
		return page, fmt.Errorf("search: %w", err)
	}
	if page.Total == 0 {
		return page, nil
	}
	// One ranked pass gives the page and, when facets are asked for on the
	// first page, the best matches they count: ranking (bm25 over every
	// match) is the expensive part of a search, so it is not done twice.
	off, lim := max(q.Offset, 0), store.Limit(q.Limit)
	take := lim
	if q.Facets && off == 0 {
		take = max(lim, store.FacetDocs)
	}
	ns, months, err := s.ranked(ctx, from, w, order, take, off)
	if err != nil {
		return page, err
	}
	if q.Facets {
		fns, fmonths := ns, months
		if off > 0 {
			// facets describe the best matches, not the requested page
			if fns, fmonths, err = s.ranked(ctx, from, w, order, store.FacetDocs, 0); err != nil {
				return page, err
			}
		}
		if page.Facets, err = s.facets(ctx, fns, fmonths); err != nil {
			return page, err
		}
	}
	if len(ns) > lim {
		ns = ns[:lim]
	}
	if len(ns) == 0 {
		return page, nil
	}
	js, _ := json.Marshal(ns)
	rows, err := s.r.QueryContext(ctx, `SELECT n, id, title, published, source, lang, text FROM documents WHERE n IN (SELECT value FROM json_each(?))`, string(js))
	if err != nil {
		return page, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	terms := store.Words(strings.ToLower(q.Text))
	if page.Results, err = store.ReadMatches(rows, ns, terms); err != nil {
		return page, fmt.Errorf("search: %w", err)
	}
	return page, nil
}

// ranked returns the numbers of up to n matches of a search from offset
// off, in rank order, with the count of matches per month among them.
func (s *Store) ranked(ctx context.Context, from string, w where, order string, n, off int) ([]int64, store.Months, error) {
	args := append(append([]any{}, w.args...), n, off)
	rows, err := s.r.QueryContext(ctx, `SELECT d.n, d.day`+from+w.sql()+order+` LIMIT ? OFFSET ?`, args...)
	if err != nil {
		return nil, nil, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	var ns []int64
	months := store.Months{}
	for rows.Next() {
		var k int64
		var dy sql.NullString
		if err := rows.Scan(&k, &dy); err != nil {
			return nil, nil, fmt.Errorf("search: %w", err)
		}
		ns = append(ns, k)
		months.Add(nullStr(dy))
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("search: %w", err)
	}
	return ns, months, nil
}

// facets counts entity types, top entities and months among the best
// matches of a search (the first store.FacetDocs of them, in rank order, with
// their months already counted by ranked).
func (s *Store) facets(ctx context.Context, ns []int64, months store.Months) (*store.Facets, error) {
	if len(ns) > store.FacetDocs {
		ns = ns[:store.FacetDocs]
	}
	f := &store.Facets{Types: []store.FacetCount{}, Entities: []store.FacetCount{}, Months: months.Facets()}
	if len(ns) == 0 {
		return f, nil
	}
	js, _ := json.Marshal(ns)
	base := `WITH m(n) AS (SELECT value FROM json_each(?)) `
	scan := func(query string, dst *[]store.FacetCount, label bool) error {
		rows, err := s.r.QueryContext(ctx, base+query, string(js))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c store.FacetCount
			if label {
				if err := rows.Scan(&c.Value, &c.Label, &c.Count); err != nil {
					return err
				}
			} else if err := rows.Scan(&c.Value, &c.Count); err != nil {
				return err
			}
			*dst = append(*dst, c)
		}
		return rows.Err()
	}
	if err := scan(`SELECT e.type, count(DISTINCT m.n) c FROM m JOIN doc_entities de ON de.doc = m.n JOIN entities e ON e.id = de.entity GROUP BY e.type ORDER BY c DESC LIMIT 12`, &f.Types, false); err != nil {
		return nil, fmt.Errorf("search facets: %w", err)
	}
	if err := scan(`SELECT 'E' || de.entity, e.name, count(DISTINCT m.n) c FROM m JOIN doc_entities de ON de.doc = m.n JOIN entities e ON e.id = de.entity GROUP BY de.entity ORDER BY c DESC, e.articles DESC LIMIT 12`, &f.Entities, true); err != nil {
		return nil, fmt.Errorf("search facets: %w", err)
	}
	return f, nil
}

// Entities lists entities by name prefix and type, most articles first.
func (s *Store) Entities(ctx context.Context, q store.EntityQuery) ([]store.EntitySummary, error) {
	var w where
	w.add(`e.articles > 0`)
	if q.Type != "" {
		w.add(`e.type = ?`, q.Type)
	}
	if name := strings.TrimSpace(q.Name); name != "" {
		// names as written (a prefix, ASCII case ignored), and the linking
		// keys: folded cores ("José" finds "Jose", "Mr Blair" finds "Tony
		// Blair" by surname)
		esc := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(name)
		core := xentity.NamesFor("en").Core(name)
		if core == "" {
			core = "\x00" // nothing to match by key
		}
		w.add(`(e.id IN (SELECT entity FROM entity_names WHERE name LIKE ? ESCAPE '\')
			OR e.id IN (SELECT entity FROM entity_keys WHERE key >= ? AND key < ?)
			OR e.id IN (SELECT entity FROM entity_keys WHERE key = ?))`,
			esc+"%", core, core+"\U0010FFFF", xentity.SurnamePrefix+core)
	}
	rows, err := s.r.QueryContext(ctx, `SELECT e.id, e.name, e.type, e.articles, e.mentions FROM entities e`+w.sql()+
		` ORDER BY e.articles DESC, e.id LIMIT ?`, append(w.args, store.Limit(q.Limit))...)
	if err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	out, ids, err := store.ReadSummaries(rows)
	rows.Close()
	if err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	for i := range out {
		if out[i].Aliases, err = s.aliases(ctx, ids[i], out[i].Name); err != nil {
			return nil, fmt.Errorf("entities: %w", err)
		}
	}
	return out, nil
}

func (s *Store) aliases(ctx context.Context, id int64, name string) ([]string, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT name FROM entity_names WHERE entity = ? ORDER BY n DESC, name LIMIT 12`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return store.ReadAliases(rows, name)
}

// Entity returns one entity with roles over time, related entities and its
// latest articles.
func (s *Store) Entity(ctx context.Context, sid string) (*store.EntityDetail, error) {
	id, ok := store.ParseEntityID(sid)
	if !ok {
		return nil, fmt.Errorf("entity %q: %w", sid, store.ErrNotFound)
	}
	e := &store.EntityDetail{Roles: []store.Role{}, Related: []store.Related{}, Documents: []store.SearchHit{}}
	var first, last sql.NullString
	err := s.r.QueryRowContext(ctx, `SELECT name, type, articles, mentions, first_seen, last_seen FROM entities WHERE id = ? AND articles > 0`, id).
		Scan(&e.Name, &e.Type, &e.Articles, &e.Mentions, &first, &last)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("entity %q: %w", sid, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("entity %q: %w", sid, err)
	}
	e.ID, e.FirstSeen, e.LastSeen = sid, nullStr(first), nullStr(last)
	if e.Aliases, err = s.aliases(ctx, id, e.Name); err != nil {
		return nil, fmt.Errorf("entity %q: %w", sid, err)
	}
	rows, err := s.r.QueryContext(ctx, `SELECT role, first_seen, last_seen, articles FROM roles WHERE entity = ? ORDER BY first_seen IS NULL, first_seen, articles DESC LIMIT 50`, id)
	if err != nil {
		return nil, fmt.Errorf("entity %q: %w", sid, err)
	}
	e.Roles, err = store.ReadRoles(rows)
	rows.Close()
	if err != nil {
		return nil, fmt.Errorf("entity %q: %w", sid, err)
	}
	rows, err = s.r.QueryContext(ctx, `SELECT o, e.name, e.type, w FROM (
		SELECT b AS o, articles AS w FROM pairs WHERE a = ?1
		UNION ALL SELECT a AS o, articles AS w FROM pairs WHERE b = ?1
	) JOIN entities e ON e.id = o ORDER BY w DESC, o LIMIT 15`, id)
	if err != nil {
		return nil, fmt.Errorf("entity %q: related: %w", sid, err)
	}
	e.Related, err = store.ReadRelated(rows)
	rows.Close()
	if err != nil {
		return nil, fmt.Errorf("entity %q: related: %w", sid, err)
	}
	rows, err = s.r.QueryContext(ctx, `SELECT d.id, d.title, d.published, d.source, d.lang FROM documents d WHERE d.n IN (
		SELECT DISTINCT doc FROM (SELECT de.doc, de.day FROM doc_entities de WHERE de.entity = ? ORDER BY de.day DESC, de.doc DESC LIMIT 40) LIMIT 20)
		ORDER BY d.day DESC, d.n DESC`, id)
	if err != nil {
		return nil, fmt.Errorf("entity %q: documents: %w", sid, err)
	}
	defer rows.Close()
	if e.Documents, err = store.ReadHits(rows); err != nil {
		return nil, fmt.Errorf("entity %q: documents: %w", sid, err)
	}
	return e, nil
}

// Quotes lists quotes, newest first.
func (s *Store) Quotes(ctx context.Context, q store.QuoteQuery) (store.QuotePage, error) {
	page := store.QuotePage{Results: []store.Quote{}}
	var w where
	from := ` FROM quotes q JOIN documents d ON d.n = q.doc`
	if q.Speaker != "" {
		id, ok := store.ParseEntityID(q.Speaker)
		if !ok {
			return page, nil
		}
		w.add(`q.speaker = ?`, id)
	}
	if strings.TrimSpace(q.Text) != "" {
		fq := FTSQuery(q.Text)
		if fq == "" {
			return page, nil
		}
		w.add(`q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)`, fq)
	}
	if q.Document != "" {
		w.add(`d.id = ?`, q.Document)
	}
	if q.From != "" {
		w.add(`q.day >= ?`, q.From)
	}
	if q.To != "" {
		w.add(`q.day <= ?`, q.To)
	}
	count := `SELECT count(*)` + from + w.sql()
	if q.Document == "" {
		count = `SELECT count(*) FROM quotes q` + w.sql() // no need to read documents
	}
	if err := s.r.QueryRowContext(ctx, count, w.args...).Scan(&page.Total); err != nil {
		return page, fmt.Errorf("quotes: %w", err)
	}
	rows, err := s.r.QueryContext(ctx, `SELECT q.text, q.speaker, q.speaker_name, d.id, d.title, d.published, q.cue, q.direct, q.start, q.end`+
		from+w.sql()+` ORDER BY q.day DESC, q.id LIMIT ? OFFSET ?`, append(w.args, store.Limit(q.Limit), max(q.Offset, 0))...)
	if err != nil {
		return page, fmt.Errorf("quotes: %w", err)
	}
	defer rows.Close()
	if page.Results, err = store.ReadQuotes(rows); err != nil {
		return page, fmt.Errorf("quotes: %w", err)
	}
	return page, nil
}

// Events lists events, newest first.
func (s *Store) Events(ctx context.Context, q store.EventQuery) (store.EventPage, error) {
	page := store.EventPage{Results: []store.Event{}}
	var w where
	from := ` FROM events v JOIN documents d ON d.n = v.doc`
	if q.Actor != "" {
		id, ok := store.ParseEntityID(q.Actor)
		if !ok {
			return page, nil
		}
		w.add(`v.id IN (SELECT event FROM event_actors WHERE entity = ?)`, id)
	}
	if q.Type != "" {
		w.add(`v.type = ?`, q.Type)
	}
	if q.Document != "" {
		w.add(`d.id = ?`, q.Document)
	}
	if q.From != "" {
		w.add(`coalesce(substr(v.date,1,10), v.day) >= ?`, q.From)
	}
	if q.To != "" {
		w.add(`coalesce(substr(v.date,1,10), v.day) <= ?`, q.To)
	}
	count := `SELECT count(*)` + from + w.sql()
	if q.Document == "" {
		count = `SELECT count(*) FROM events v` + w.sql() // no need to read documents
	}
	if err := s.r.QueryRowContext(ctx, count, w.args...).Scan(&page.Total); err != nil {
		return page, fmt.Errorf("events: %w", err)
	}
	rows, err := s.r.QueryContext(ctx, `SELECT v.id, v.type, v.mode, v.date, v.location, le.name, v.negated, v.hypothetical, d.id, d.title, d.published, v.ev_start, v.ev_end, v.ev_text`+
		from+` LEFT JOIN entities le ON le.id = v.location`+w.sql()+` ORDER BY v.day DESC, v.id LIMIT ? OFFSET ?`, append(w.args, store.Limit(q.Limit), max(q.Offset, 0))...)
	if err != nil {
		return page, fmt.Errorf("events: %w", err)
	}
	var ids []int64
	page.Results, ids, err = store.ReadEvents(rows)
	rows.Close()
	if err != nil {
		return page, fmt.Errorf("events: %w", err)
	}
	if len(ids) == 0 {
		return page, nil
	}
	js, _ := json.Marshal(ids)
	arows, err := s.r.QueryContext(ctx, `SELECT a.event, a.side, a.entity, e.name FROM event_actors a JOIN entities e ON e.id = a.entity
		WHERE a.event IN (SELECT value FROM json_each(?)) ORDER BY a.event, a.side, a.entity`, string(js))
	if err != nil {
		return page, fmt.Errorf("events: actors: %w", err)
	}
	defer arows.Close()
	if err := store.ReadActors(arows, page.Results, ids); err != nil {
		return page, fmt.Errorf("events: actors: %w", err)
	}
	return page, nil
}

// Network returns the actor network around an entity, or the strongest
// part of the whole network.
func (s *Store) Network(ctx context.Context, q store.NetworkQuery) (*store.Network, error) {
	g := store.NewNetworkBuilder(q)
	neighbours := func(id int64, n int) ([]int64, error) {
		rows, err := s.r.QueryContext(ctx, `SELECT o FROM (
			SELECT b AS o, articles AS w FROM pairs WHERE a = ?1 AND articles >= ?2
			UNION ALL SELECT a AS o, articles AS w FROM pairs WHERE b = ?1 AND articles >= ?2
		) ORDER BY w DESC, o LIMIT ?3`, id, g.MinWeight, n)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var out []int64
		for rows.Next() {
			var o int64
			if err := rows.Scan(&o); err != nil {
				return nil, err
			}
			out = append(out, o)
		}
		return out, rows.Err()
	}
	if q.Entity != "" {
		id, ok := store.ParseEntityID(q.Entity)
		if !ok {
			return nil, fmt.Errorf("network: entity %q: %w", q.Entity, store.ErrNotFound)
		}
		var n int
		if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM entities WHERE id = ? AND articles > 0`, id).Scan(&n); err != nil || n == 0 {
			return nil, fmt.Errorf("network: entity %q: %w", q.Entity, store.ErrNotFound)
		}
		if err := g.Expand(id, q.Depth, neighbours); err != nil {
			return nil, fmt.Errorf("network: %w", err)
		}
	} else {
		rows, err := s.r.QueryContext(ctx, `SELECT id FROM entities WHERE type IN ('PERSON','ORG','GPE','NORP') AND articles > 0 ORDER BY articles DESC, id LIMIT ?`, g.Nodes)
		if err != nil {
			return nil, fmt.Errorf("network: %w", err)
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, fmt.Errorf("network: %w", err)
			}
			g.Add(id)
		}
		rows.Close()
	}
	if len(g.IDs()) == 0 {
		return g.Network(), nil
	}
	js, _ := json.Marshal(g.IDs())
	rows, err := s.r.QueryContext(ctx, `SELECT id, name, type, articles FROM entities WHERE id IN (SELECT value FROM json_each(?))`, string(js))
	if err != nil {
		return nil, fmt.Errorf("network: %w", err)
	}
	err = g.ReadNodes(rows)
	rows.Close()
	if err != nil {
		return nil, fmt.Errorf("network: %w", err)
	}
	rows, err = s.r.QueryContext(ctx, `SELECT a, b, articles FROM pairs WHERE a IN (SELECT value FROM json_each(?1)) AND b IN (SELECT value FROM json_each(?1)) AND articles >= ?2`, string(js), g.MinWeight)
	if err != nil {
		return nil, fmt.Errorf("network: %w", err)
	}
	err = g.ReadPairs(rows)
	rows.Close()
	if err != nil {
		return nil, fmt.Errorf("network: %w", err)
	}
	rows, err = s.r.QueryContext(ctx, `SELECT a, b, type, n FROM edge_events WHERE a IN (SELECT value FROM json_each(?1)) AND b IN (SELECT value FROM json_each(?1))`, string(js))
	if err != nil {
		return nil, fmt.Errorf("network: %w", err)
	}
	defer rows.Close()
	if err := g.ReadEvents(rows); err != nil {
		return nil, fmt.Errorf("network: %w", err)
	}
	return g.Network(), nil
}

// Timeline counts articles, events and quotes per day.
func (s *Store) Timeline(ctx context.Context, q store.TimelineQuery) ([]store.Bucket, error) {
	var queries [3]string
	var args []any
	switch {
	case q.Entity != "":
		id, ok := store.ParseEntityID(q.Entity)
		if !ok {
			return []store.Bucket{}, nil
		}
		queries, args = store.TimelineSQL("?1", ""), []any{id}
	case strings.TrimSpace(q.Text) != "":
		fq := FTSQuery(q.Text)
		if fq == "" {
			return []store.Bucket{}, nil
		}
		queries, args = store.TimelineSQL("", `(SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?1)`), []any{fq}
	default:
		queries = store.TimelineSQL("", "")
	}
	days := store.Timeline{}
	for kind, query := range queries {
		rows, err := s.r.QueryContext(ctx, query, args...)
		if err != nil {
			return nil, fmt.Errorf("timeline: %w", err)
		}
		err = days.Read(kind, rows)
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("timeline: %w", err)
		}
	}
	return days.Buckets(), nil
}
