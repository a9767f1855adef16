package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/xentity"
)

// Has reports whether a document is stored.
func (s *Store) Has(ctx context.Context, id string) (bool, error) {
	var ok bool
	if err := s.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM documents WHERE id = $1)`, id).Scan(&ok); err != nil {
		return false, fmt.Errorf("has %q: %w", id, err)
	}
	return ok, nil
}

// Document returns a stored document with corpus-wide entity ids and its
// story.
func (s *Store) Document(ctx context.Context, id string) (*store.Document, error) {
	var n, story int64
	var text string
	var data []byte
	err := s.pool.QueryRow(ctx, `SELECT n, text, data, story FROM documents WHERE id = $1`, id).Scan(&n, &text, &data, &story)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("document %q: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("document %q: %w", id, err)
	}
	d, err := s.load(ctx, store.Stored{N: n, Text: text, Data: data})
	if err != nil {
		return nil, fmt.Errorf("document %q: %w", id, err)
	}
	rows, err := s.pool.Query(ctx, `SELECT id, source, title, published FROM documents WHERE story = $1 ORDER BY n LIMIT 100`, story)
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
	rows, err := s.pool.Query(ctx, `SELECT local, entity FROM doc_entities WHERE doc = $1`, r.N)
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
		rows, err := s.pool.Query(ctx, `SELECT n, text, data FROM documents WHERE n > $1 ORDER BY n LIMIT 200`, after)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		return store.ReadStored(rows)
	}
	load := func(r store.Stored) (*store.Document, error) { return s.load(ctx, r) }
	return store.WalkStored(page, load, fn)
}

// where collects the conditions of a query and their parameters.
type where struct {
	a     args
	conds []string
}

func (w *where) add(cond string) { w.conds = append(w.conds, cond) }

func (w *where) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// searchWhere builds the FROM, WHERE and ORDER BY of a search; ok is false
// when the query can match nothing.
func searchWhere(q store.SearchQuery) (from string, w *where, order string, ok bool) {
	w = &where{}
	from = ` FROM documents d`
	order = ` ORDER BY d.day DESC NULLS LAST, d.n DESC`
	if strings.TrimSpace(q.Text) != "" {
		tq, ok := tsQuery(&w.a, q.Text)
		if !ok {
			return "", w, "", false
		}
		// the query is a scalar subquery (an InitPlan), which the GIN
		// index can take; titles weigh more (weight A) than the body; ties
		// newest first
		w.add(`d.tsv @@ ` + tq)
		order = ` ORDER BY ts_rank(d.tsv, ` + tq + `) DESC, d.day DESC NULLS LAST, d.n DESC`
	}
	if q.From != "" {
		w.add(`d.day >= ` + w.a.p(q.From))
	}
	if q.To != "" {
		w.add(`d.day <= ` + w.a.p(q.To))
	}
	if q.Lang != "" {
		w.add(`d.lang = ` + w.a.p(q.Lang))
	}
	if q.Entity != "" {
		id, valid := store.ParseEntityID(q.Entity)
		if !valid {
			return "", w, "", false
		}
		w.add(`d.n IN (SELECT doc FROM doc_entities WHERE entity = ` + w.a.p(id) + `)`)
	}
	if q.Type != "" {
		w.add(`EXISTS (SELECT 1 FROM doc_entities de JOIN entities e ON e.id = de.entity WHERE de.doc = d.n AND e.type = ` + w.a.p(q.Type) + `)`)
	}
	return from, w, order, true
}

// Search finds documents: the numbers of one page of matches first, then
// those documents with a snippet around the first matching term.
func (s *Store) Search(ctx context.Context, q store.SearchQuery) (store.SearchPage, error) {
	page := store.SearchPage{Results: []store.SearchHit{}}
	from, w, order, ok := searchWhere(q)
	if !ok {
		return page, nil
	}
	if err := s.pool.QueryRow(ctx, `SELECT count(*)`+from+w.sql(), w.a...).Scan(&page.Total); err != nil {
		return page, fmt.Errorf("search: %w", err)
	}
	if page.Total == 0 {
		return page, nil
	}
	a := append(args{}, w.a...)
	lim, off := a.p(store.Limit(q.Limit)), a.p(max(q.Offset, 0))
	rows, err := s.pool.Query(ctx, `SELECT d.n`+from+w.sql()+order+` LIMIT `+lim+` OFFSET `+off, a...)
	if err != nil {
		return page, fmt.Errorf("search: %w", err)
	}
	ns, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return page, fmt.Errorf("search: %w", err)
	}
	if len(ns) == 0 {
		return page, nil
	}
	rows, err = s.pool.Query(ctx, `SELECT n, id, title, published, source, lang, text FROM documents WHERE n = ANY($1)`, ns)
	if err != nil {
		return page, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	words, phrases, _ := terms(strings.ToLower(q.Text))
	for _, p := range phrases {
		words = append(words, strings.Join(p, " "))
	}
	if page.Results, err = store.ReadMatches(rows, ns, words); err != nil {
		return page, fmt.Errorf("search: %w", err)
	}
	if q.Facets {
		f, err := s.facets(ctx, q)
		if err != nil {
			return page, err
		}
		page.Facets = f
	}
	return page, nil
}

// facets counts entity types, top entities and months among the best
// matches of a search (at most store.FacetDocs of them).
func (s *Store) facets(ctx context.Context, q store.SearchQuery) (*store.Facets, error) {
	f := &store.Facets{Types: []store.FacetCount{}, Entities: []store.FacetCount{}, Months: []store.FacetCount{}}
	from, w, order, ok := searchWhere(q)
	if !ok {
		return f, nil
	}
	rows, err := s.pool.Query(ctx, `SELECT d.n, d.day`+from+w.sql()+order+fmt.Sprintf(` LIMIT %d`, store.FacetDocs), w.a...)
	if err != nil {
		return nil, fmt.Errorf("search facets: %w", err)
	}
	var ns []int64
	months := store.Months{}
	for rows.Next() {
		var n int64
		var dy *string
		if err := rows.Scan(&n, &dy); err != nil {
			rows.Close()
			return nil, fmt.Errorf("search facets: %w", err)
		}
		ns = append(ns, n)
		months.Add(dy)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search facets: %w", err)
	}
	f.Months = months.Facets()
	if len(ns) == 0 {
		return f, nil
	}
	scan := func(query string, dst *[]store.FacetCount, label bool) error {
		rows, err := s.pool.Query(ctx, query, ns)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c store.FacetCount
			if label {
				err = rows.Scan(&c.Value, &c.Label, &c.Count)
			} else {
				err = rows.Scan(&c.Value, &c.Count)
			}
			if err != nil {
				return err
			}
			*dst = append(*dst, c)
		}
		return rows.Err()
	}
	if err := scan(`SELECT e.type, count(DISTINCT de.doc) c FROM doc_entities de JOIN entities e ON e.id = de.entity
		WHERE de.doc = ANY($1) GROUP BY e.type ORDER BY c DESC, e.type LIMIT 12`, &f.Types, false); err != nil {
		return nil, fmt.Errorf("search facets: %w", err)
	}
	if err := scan(`SELECT 'E' || de.entity, min(e.name), count(DISTINCT de.doc) c FROM doc_entities de JOIN entities e ON e.id = de.entity
		WHERE de.doc = ANY($1) GROUP BY de.entity ORDER BY c DESC, max(e.articles) DESC, de.entity LIMIT 12`, &f.Entities, true); err != nil {
		return nil, fmt.Errorf("search facets: %w", err)
	}
	return f, nil
}

// Entities lists entities by name prefix and type, most articles first.
func (s *Store) Entities(ctx context.Context, q store.EntityQuery) ([]store.EntitySummary, error) {
	w := &where{}
	w.add(`e.articles > 0`)
	if q.Type != "" {
		w.add(`e.type = ` + w.a.p(q.Type))
	}
	if name := strings.TrimSpace(q.Name); name != "" {
		// names as written (a prefix, case ignored), and the linking keys:
		// folded cores ("José" finds "Jose", "Mr Blair" finds "Tony Blair"
		// by surname)
		esc := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(name)
		core := xentity.NamesFor("en").Core(name)
		if core == "" {
			core = "\uFFFF" // nothing to match by key (NUL cannot be sent)
		}
		w.add(`(e.id IN (SELECT entity FROM entity_names WHERE lower(name) LIKE lower(` + w.a.p(esc+"%") + `) ESCAPE '\')
			OR e.id IN (SELECT entity FROM entity_keys WHERE key >= ` + w.a.p(core) + ` AND key < ` + w.a.p(core+"\U0010FFFF") + `)
			OR e.id IN (SELECT entity FROM entity_keys WHERE key = ` + w.a.p(xentity.SurnamePrefix+core) + `))`)
	}
	lim := w.a.p(store.Limit(q.Limit))
	rows, err := s.pool.Query(ctx, `SELECT e.id, e.name, e.type, e.articles, e.mentions FROM entities e`+w.sql()+
		` ORDER BY e.articles DESC, e.id LIMIT `+lim, w.a...)
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
	rows, err := s.pool.Query(ctx, `SELECT name FROM entity_names WHERE entity = $1 ORDER BY n DESC, name COLLATE "C" LIMIT 12`, id)
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
	err := s.pool.QueryRow(ctx, `SELECT name, type, articles, mentions, first_seen, last_seen FROM entities WHERE id = $1 AND articles > 0`, id).
		Scan(&e.Name, &e.Type, &e.Articles, &e.Mentions, &e.FirstSeen, &e.LastSeen)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("entity %q: %w", sid, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("entity %q: %w", sid, err)
	}
	e.ID = sid
	if e.Aliases, err = s.aliases(ctx, id, e.Name); err != nil {
		return nil, fmt.Errorf("entity %q: %w", sid, err)
	}
	rows, err := s.pool.Query(ctx, `SELECT role, first_seen, last_seen, articles FROM roles WHERE entity = $1
		ORDER BY first_seen IS NULL, first_seen, articles DESC LIMIT 50`, id)
	if err != nil {
		return nil, fmt.Errorf("entity %q: %w", sid, err)
	}
	e.Roles, err = store.ReadRoles(rows)
	rows.Close()
	if err != nil {
		return nil, fmt.Errorf("entity %q: %w", sid, err)
	}
	rows, err = s.pool.Query(ctx, `SELECT o, e.name, e.type, w FROM (
		SELECT b AS o, articles AS w FROM pairs WHERE a = $1
		UNION ALL SELECT a AS o, articles AS w FROM pairs WHERE b = $1
	) p JOIN entities e ON e.id = p.o ORDER BY w DESC, o LIMIT 15`, id)
	if err != nil {
		return nil, fmt.Errorf("entity %q: related: %w", sid, err)
	}
	e.Related, err = store.ReadRelated(rows)
	rows.Close()
	if err != nil {
		return nil, fmt.Errorf("entity %q: related: %w", sid, err)
	}
	rows, err = s.pool.Query(ctx, `SELECT d.id, d.title, d.published, d.source, d.lang FROM documents d WHERE d.n IN (
		SELECT DISTINCT doc FROM (SELECT de.doc FROM doc_entities de WHERE de.entity = $1 ORDER BY de.day DESC NULLS LAST, de.doc DESC LIMIT 40) x LIMIT 20)
		ORDER BY d.day DESC NULLS LAST, d.n DESC`, id)
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
	w := &where{}
	from := ` FROM quotes q JOIN documents d ON d.n = q.doc`
	if q.Speaker != "" {
		id, ok := store.ParseEntityID(q.Speaker)
		if !ok {
			return page, nil
		}
		w.add(`q.speaker = ` + w.a.p(id))
	}
	if strings.TrimSpace(q.Text) != "" {
		tq, ok := tsQuery(&w.a, q.Text)
		if !ok {
			return page, nil
		}
		w.add(`q.tsv @@ ` + tq)
	}
	if q.Document != "" {
		w.add(`d.id = ` + w.a.p(q.Document))
	}
	if q.From != "" {
		w.add(`q.day >= ` + w.a.p(q.From))
	}
	if q.To != "" {
		w.add(`q.day <= ` + w.a.p(q.To))
	}
	count := `SELECT count(*)` + from + w.sql()
	if q.Document == "" {
		count = `SELECT count(*) FROM quotes q` + w.sql() // no need to read documents
	}
	if err := s.pool.QueryRow(ctx, count, w.a...).Scan(&page.Total); err != nil {
		return page, fmt.Errorf("quotes: %w", err)
	}
	lim, off := w.a.p(store.Limit(q.Limit)), w.a.p(max(q.Offset, 0))
	rows, err := s.pool.Query(ctx, `SELECT q.text, q.speaker, q.speaker_name, d.id, d.title, d.published, q.cue, q.direct, q.start_at, q.end_at`+
		from+w.sql()+` ORDER BY q.day DESC NULLS LAST, q.id LIMIT `+lim+` OFFSET `+off, w.a...)
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
	w := &where{}
	from := ` FROM events v JOIN documents d ON d.n = v.doc`
	if q.Actor != "" {
		id, ok := store.ParseEntityID(q.Actor)
		if !ok {
			return page, nil
		}
		w.add(`v.id IN (SELECT event FROM event_actors WHERE entity = ` + w.a.p(id) + `)`)
	}
	if q.Type != "" {
		w.add(`v.type = ` + w.a.p(q.Type))
	}
	if q.Document != "" {
		w.add(`d.id = ` + w.a.p(q.Document))
	}
	if q.From != "" {
		w.add(`coalesce(left(v.date, 10), v.day) >= ` + w.a.p(q.From))
	}
	if q.To != "" {
		w.add(`coalesce(left(v.date, 10), v.day) <= ` + w.a.p(q.To))
	}
	count := `SELECT count(*)` + from + w.sql()
	if q.Document == "" {
		count = `SELECT count(*) FROM events v` + w.sql()
	}
	if err := s.pool.QueryRow(ctx, count, w.a...).Scan(&page.Total); err != nil {
		return page, fmt.Errorf("events: %w", err)
	}
	lim, off := w.a.p(store.Limit(q.Limit)), w.a.p(max(q.Offset, 0))
	rows, err := s.pool.Query(ctx, `SELECT v.id, v.type, v.mode, v.date, v.location, le.name, v.negated, v.hypothetical, d.id, d.title, d.published, v.ev_start, v.ev_end, v.ev_text`+
		from+` LEFT JOIN entities le ON le.id = v.location`+w.sql()+` ORDER BY v.day DESC NULLS LAST, v.id LIMIT `+lim+` OFFSET `+off, w.a...)
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
	arows, err := s.pool.Query(ctx, `SELECT a.event, a.side, a.entity, e.name FROM event_actors a JOIN entities e ON e.id = a.entity
		WHERE a.event = ANY($1) ORDER BY a.event, a.side, a.entity`, ids)
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
		rows, err := s.pool.Query(ctx, `SELECT o FROM (
			SELECT b AS o, articles AS w FROM pairs WHERE a = $1 AND articles >= $2
			UNION ALL SELECT a AS o, articles AS w FROM pairs WHERE b = $1 AND articles >= $2
		) p ORDER BY w DESC, o LIMIT $3`, id, g.MinWeight, n)
		if err != nil {
			return nil, err
		}
		return pgx.CollectRows(rows, pgx.RowTo[int64])
	}
	if q.Entity != "" {
		id, ok := store.ParseEntityID(q.Entity)
		if !ok {
			return nil, fmt.Errorf("network: entity %q: %w", q.Entity, store.ErrNotFound)
		}
		var found bool
		if err := s.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM entities WHERE id = $1 AND articles > 0)`, id).Scan(&found); err != nil {
			return nil, fmt.Errorf("network: %w", err)
		}
		if !found {
			return nil, fmt.Errorf("network: entity %q: %w", q.Entity, store.ErrNotFound)
		}
		if err := g.Expand(id, q.Depth, neighbours); err != nil {
			return nil, fmt.Errorf("network: %w", err)
		}
	} else {
		rows, err := s.pool.Query(ctx, `SELECT id FROM entities WHERE type IN ('PERSON','ORG','GPE','NORP') AND articles > 0 ORDER BY articles DESC, id LIMIT $1`, g.Nodes)
		if err != nil {
			return nil, fmt.Errorf("network: %w", err)
		}
		top, err := pgx.CollectRows(rows, pgx.RowTo[int64])
		if err != nil {
			return nil, fmt.Errorf("network: %w", err)
		}
		for _, id := range top {
			g.Add(id)
		}
	}
	ids := g.IDs()
	if len(ids) == 0 {
		return g.Network(), nil
	}
	// the nodes, the pairs among them and their typed edges, in one round trip
	b := &pgx.Batch{}
	b.Queue(`SELECT id, name, type, articles FROM entities WHERE id = ANY($1)`, ids).Query(func(rows pgx.Rows) error { return g.ReadNodes(rows) })
	b.Queue(`SELECT a, b, articles FROM pairs WHERE a = ANY($1) AND b = ANY($1) AND articles >= $2`, ids, g.MinWeight).Query(func(rows pgx.Rows) error { return g.ReadPairs(rows) })
	b.Queue(`SELECT a, b, type, n FROM edge_events WHERE a = ANY($1) AND b = ANY($1)`, ids).Query(func(rows pgx.Rows) error { return g.ReadEvents(rows) })
	if err := s.pool.SendBatch(ctx, b).Close(); err != nil {
		return nil, fmt.Errorf("network: %w", err)
	}
	return g.Network(), nil
}

// Timeline counts articles, events and quotes per day.
func (s *Store) Timeline(ctx context.Context, q store.TimelineQuery) ([]store.Bucket, error) {
	var queries [3]string
	var a args
	switch {
	case q.Entity != "":
		id, ok := store.ParseEntityID(q.Entity)
		if !ok {
			return []store.Bucket{}, nil
		}
		queries = store.TimelineSQL(a.p(id), "")
	case strings.TrimSpace(q.Text) != "":
		tq, ok := tsQuery(&a, q.Text)
		if !ok {
			return []store.Bucket{}, nil
		}
		queries = store.TimelineSQL("", `(SELECT n FROM documents WHERE tsv @@ `+tq+`)`)
	default:
		queries = store.TimelineSQL("", "")
	}
	days := store.Timeline{}
	for kind, query := range queries {
		rows, err := s.pool.Query(ctx, query, a...)
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
