package sqlite

import (
	"context"
	"database/sql"
	"fmt"
)

// pending holds the rows a transaction's documents add to the tables of
// corpus entities and facts until flush writes them: rows of one key are
// summed (an entity named in twenty articles of a batch has its counts
// updated once), and a new entity is inserted once with its final name and
// counts. Entities and events are numbered here as SQLite would number them
// (the largest number so far, plus one), so that their rows can wait; so
// are documents, whose rows are written at once (the next document of the
// batch looks for its copies among them) but can then name their own story.
//
// Nothing in a transaction reads a pending row: linking reads entities,
// keys and roles from the entity cache, which holds every entity the
// transaction wrote until the transaction ends (the cache is only emptied
// when a transaction starts or is rolled back), and index keys are held
// back only when the cache answers for them (ingest.DB.WriteKey). The
// co-occurrence counts of an entity are the exception: the cache may not
// hold them, and index.Neighbours adds the pending pairs to the stored
// ones.
type pending struct {
	nextDoc, nextEntity, nextEvent, lastQuote int64

	newEnts map[int64]*entityRow // entities created
	counts  map[int64]*entityRow // counts of entities stored before
	order   []int64              // entities in the order first met
	names   map[nameKey]*nameRow
	nameOrd []nameKey
	roles   map[nameKey]*roleRow
	roleOrd []nameKey
	pairs   map[[2]int64]int
	pairOrd [][2]int64
	pairsOf map[int64][]int64 // each entity's partners in pending pairs, once a pair
	edges   map[edgeKey]int
	edgeOrd []edgeKey
	// rows of plain inserts, in order, flattened as their statements take them
	keys, docEnts, quotes, events, actors []any
}

// entityRow is an entity's row (new entities) or what the batch adds to it.
type entityRow struct {
	name, typ          string
	articles, mentions int
	first, last        *string // days, nil when no document had one
}

// nameKey is an (entity, text) key of a table whose text is compared
// case-insensitively as SQLite's NOCASE does: ASCII letters only.
type nameKey struct {
	entity int64
	folded string
}

type nameRow struct {
	name string
	n    int
}

type roleRow struct {
	role        string
	articles    int
	first, last *string
}

type edgeKey struct {
	a, b int64
	typ  string
}

// newPending starts the pending rows of a transaction that will number
// documents, entities and events after the largest numbers stored.
func newPending(ctx context.Context, tx *sql.Tx) (*pending, error) {
	p := &pending{}
	err := tx.QueryRowContext(ctx, `SELECT (SELECT coalesce(max(n), 0) FROM documents), (SELECT coalesce(max(id), 0) FROM entities),
		(SELECT coalesce(max(id), 0) FROM events), (SELECT coalesce(max(id), 0) FROM quotes)`).Scan(&p.nextDoc, &p.nextEntity, &p.nextEvent, &p.lastQuote)
	if err != nil {
		return nil, err
	}
	p.nextDoc++
	p.nextEntity++
	p.nextEvent++
	p.clear()
	return p, nil
}

// clear drops the pending rows, keeping the numbering.
func (p *pending) clear() {
	p.newEnts = map[int64]*entityRow{}
	p.counts = map[int64]*entityRow{}
	p.order = p.order[:0]
	p.names = map[nameKey]*nameRow{}
	p.nameOrd = p.nameOrd[:0]
	p.roles = map[nameKey]*roleRow{}
	p.roleOrd = p.roleOrd[:0]
	p.pairs = map[[2]int64]int{}
	p.pairOrd = p.pairOrd[:0]
	p.pairsOf = map[int64][]int64{}
	p.edges = map[edgeKey]int{}
	p.edgeOrd = p.edgeOrd[:0]
	p.keys, p.docEnts, p.quotes, p.events, p.actors = p.keys[:0], p.docEnts[:0], p.quotes[:0], p.events[:0], p.actors[:0]
}

// numbers are the next numbers a pending batch gives out.
type numbers struct{ doc, entity, event int64 }

func (p *pending) numbers() numbers { return numbers{p.nextDoc, p.nextEntity, p.nextEvent} }

// rollback forgets the rows pending since a savepoint and gives out the
// numbers again.
func (p *pending) rollback(n numbers) {
	p.nextDoc, p.nextEntity, p.nextEvent = n.doc, n.entity, n.event
	p.clear()
}

// create numbers a new entity.
func (p *pending) create(name, typ string) int64 {
	id := p.nextEntity
	p.nextEntity++
	p.newEnts[id] = &entityRow{name: name, typ: typ}
	p.order = append(p.order, id)
	return id
}

// rename renames an entity created in the batch; false when it was stored
// before.
func (p *pending) rename(id int64, name string) bool {
	e, ok := p.newEnts[id]
	if ok {
		e.name = name
	}
	return ok
}

// count adds one article of an entity with its mentions, on day dy.
func (p *pending) count(id int64, mentions int, dy *string) {
	e := p.newEnts[id]
	if e == nil {
		if e = p.counts[id]; e == nil {
			e = &entityRow{}
			p.counts[id] = e
			p.order = append(p.order, id)
		}
	}
	e.articles++
	e.mentions += mentions
	e.first, e.last = earlier(e.first, dy), later(e.last, dy)
}

func (p *pending) name(id int64, name string) {
	k := nameKey{id, foldASCII(name)}
	if r := p.names[k]; r != nil {
		r.n++
		return
	}
	p.names[k] = &nameRow{name: name, n: 1}
	p.nameOrd = append(p.nameOrd, k)
}

func (p *pending) role(id int64, role string, dy *string) {
	k := nameKey{id, foldASCII(role)}
	r := p.roles[k]
	if r == nil {
		r = &roleRow{role: role}
		p.roles[k] = r
		p.roleOrd = append(p.roleOrd, k)
	}
	r.articles++
	r.first, r.last = earlier(r.first, dy), later(r.last, dy)
}

func (p *pending) pair(a, b int64) {
	k := [2]int64{a, b}
	if _, ok := p.pairs[k]; !ok {
		p.pairOrd = append(p.pairOrd, k)
	}
	p.pairs[k]++
	p.pairsOf[a] = append(p.pairsOf[a], b)
	p.pairsOf[b] = append(p.pairsOf[b], a)
}

func (p *pending) edge(a, b int64, typ string) {
	k := edgeKey{a, b, typ}
	if _, ok := p.edges[k]; !ok {
		p.edgeOrd = append(p.edgeOrd, k)
	}
	p.edges[k]++
}

// earlier and later keep the first and the last of the days seen, ignoring
// documents without one.
func earlier(a, b *string) *string {
	if a == nil || b != nil && *b < *a {
		return b
	}
	return a
}

func later(a, b *string) *string {
	if a == nil || b != nil && *b > *a {
		return b
	}
	return a
}

// foldASCII lower-cases ASCII letters only, as SQLite's NOCASE compares.
func foldASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// strOrNil is a day as a query argument.
func strOrNil(s *string) any {
	if s == nil {
		return nil
	}
	return *s
}

// flush writes the pending rows and clears them.
func (s *Store) flush(ctx context.Context, tx *sql.Tx) error {
	p := s.pend
	var ins, upd []any
	for _, id := range p.order {
		if e := p.newEnts[id]; e != nil {
			ins = append(ins, id, e.name, e.typ, e.articles, e.mentions, strOrNil(e.first), strOrNil(e.last))
		} else {
			e := p.counts[id]
			upd = append(upd, id, e.articles, e.mentions, strOrNil(e.first), strOrNil(e.last))
		}
	}
	var names, roles, pairs, edges []any
	for _, k := range p.nameOrd {
		r := p.names[k]
		names = append(names, k.entity, r.name, r.n)
	}
	for _, k := range p.roleOrd {
		r := p.roles[k]
		roles = append(roles, k.entity, r.role, strOrNil(r.first), strOrNil(r.last), r.articles)
	}
	for _, k := range p.pairOrd {
		pairs = append(pairs, k[0], k[1], p.pairs[k])
	}
	for _, k := range p.edgeOrd {
		edges = append(edges, k.a, k.b, k.typ, p.edges[k])
	}
	steps := []struct {
		what, head, row, tail string
		w                     int
		args                  []any
	}{
		{"entities", `INSERT INTO entities(id, name, type, articles, mentions, first_seen, last_seen) VALUES `, `(?,?,?,?,?,?,?)`, ``, 7, ins},
		{"entity counts", `WITH v(id, a, m, f, l) AS (VALUES `, `(?,?,?,?,?)`, `) UPDATE entities SET articles = articles + v.a, mentions = mentions + v.m,
		first_seen = CASE WHEN v.f IS NULL THEN first_seen WHEN first_seen IS NULL OR v.f < first_seen THEN v.f ELSE first_seen END,
		last_seen = CASE WHEN v.l IS NULL THEN last_seen WHEN last_seen IS NULL OR v.l > last_seen THEN v.l ELSE last_seen END
		FROM v WHERE entities.id = v.id`, 5, upd},
		{"index keys", `INSERT OR IGNORE INTO entity_keys(key, type, entity) VALUES `, `(?,?,?)`, ``, 3, p.keys},
		{"document entities", `INSERT INTO doc_entities(doc, local, entity, mentions, day) VALUES `, `(?,?,?,?,?)`, ``, 5, p.docEnts},
		{"roles", `INSERT INTO roles(entity, role, first_seen, last_seen, articles) VALUES `, `(?,?,?,?,?)`, ` ON CONFLICT(entity, role) DO UPDATE SET articles = articles + excluded.articles,
		first_seen = CASE WHEN excluded.first_seen IS NULL THEN first_seen WHEN first_seen IS NULL OR excluded.first_seen < first_seen THEN excluded.first_seen ELSE first_seen END,
		last_seen = CASE WHEN excluded.last_seen IS NULL THEN last_seen WHEN last_seen IS NULL OR excluded.last_seen > last_seen THEN excluded.last_seen ELSE last_seen END`, 5, roles},
		{"names", `INSERT INTO entity_names(entity, name, n) VALUES `, `(?,?,?)`, ` ON CONFLICT(entity, name) DO UPDATE SET n = n + excluded.n`, 3, names},
		{"pairs", `INSERT INTO pairs(a, b, articles) VALUES `, `(?,?,?)`, ` ON CONFLICT(a, b) DO UPDATE SET articles = articles + excluded.articles`, 3, pairs},
		{"quotes", `INSERT INTO quotes(doc, speaker, speaker_name, text, cue, direct, start, end, day) VALUES `, `(?,?,?,?,?,?,?,?,?)`, ``, 9, p.quotes},
		{"events", `INSERT INTO events(id, doc, type, mode, date, location, negated, hypothetical, ev_start, ev_end, ev_text, day) VALUES `, `(?,?,?,?,?,?,?,?,?,?,?,?)`, ``, 12, p.events},
		{"event actors", `INSERT OR IGNORE INTO event_actors(event, side, entity) VALUES `, `(?,?,?)`, ``, 3, p.actors},
		{"event edges", `INSERT INTO edge_events(a, b, type, n) VALUES `, `(?,?,?,?)`, ` ON CONFLICT(a, b, type) DO UPDATE SET n = n + excluded.n`, 4, edges},
	}
	for _, st := range steps {
		if err := s.execRows(ctx, tx, st.head, st.row, st.tail, st.w, st.args); err != nil {
			return fmt.Errorf("%s: %w", st.what, err)
		}
	}
	p.clear()
	return nil
}
