package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/xentity"
)

// maxPairs bounds the entities of one document whose co-occurrence is
// recorded (the most mentioned ones), keeping a long article from costing
// a quadratic number of writes.
const maxPairs = 16

// pairTypes are the entity types that make up the actor network.
var pairTypes = map[string]bool{"PERSON": true, "ORG": true, "GPE": true, "NORP": true, "LOC": true, "FAC": true}

type stmts struct {
	list                                                         []*sql.Stmt
	docByID, insDoc, setStory, insFTS, bandIns, bandFind, sigOf  *sql.Stmt
	keyLookup, overlap1, overlap2, entIns, keyIns, rename        *sql.Stmt
	docEnt, entCount, nameUp, roleUp, pairUp, quoteIns, quoteFTS *sql.Stmt
	eventIns, actorIns, edgeUp, storyOf                          *sql.Stmt
}

func prepare(db *sql.DB) (*stmts, error) {
	s := &stmts{}
	var err error
	p := func(q string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var st *sql.Stmt
		st, err = db.Prepare(q)
		if err != nil {
			err = fmt.Errorf("prepare %q: %w", q, err)
			return nil
		}
		s.list = append(s.list, st)
		return st
	}
	s.docByID = p(`SELECT n, story FROM documents WHERE id = ?`)
	s.insDoc = p(`INSERT INTO documents(id, source, lang, published, day, title, text, data, minhash, story) VALUES (?,?,?,?,?,?,?,?,?,?)`)
	s.setStory = p(`UPDATE documents SET story = n WHERE n = ?`)
	s.insFTS = p(`INSERT INTO documents_fts(rowid, title, text) VALUES (?,?,?)`)
	s.bandIns = p(`INSERT OR IGNORE INTO lsh_bands(band, doc) VALUES (?,?)`)
	s.bandFind = p(`SELECT doc FROM lsh_bands WHERE band = ? LIMIT 50`)
	s.sigOf = p(`SELECT minhash, story FROM documents WHERE n = ?`)
	s.storyOf = p(`SELECT id FROM documents WHERE n = ?`)
	s.keyLookup = p(`SELECT e.id, e.name, e.articles,
		(SELECT group_concat(k.key, '|') FROM entity_keys k WHERE k.entity = e.id AND substr(k.key,1,1) <> '~'),
		(SELECT group_concat(r.role, '|') FROM roles r WHERE r.entity = e.id)
		FROM entity_keys x JOIN entities e ON e.id = x.entity WHERE x.key = ? AND x.type = ? LIMIT 20`)
	s.overlap1 = p(`SELECT coalesce(sum(articles),0) FROM pairs WHERE a = ? AND b IN (SELECT value FROM json_each(?))`)
	s.overlap2 = p(`SELECT coalesce(sum(articles),0) FROM pairs WHERE b = ? AND a IN (SELECT value FROM json_each(?))`)
	s.entIns = p(`INSERT INTO entities(name, type) VALUES (?,?)`)
	s.keyIns = p(`INSERT OR IGNORE INTO entity_keys(key, type, entity) VALUES (?,?,?)`)
	s.rename = p(`UPDATE entities SET name = ? WHERE id = ?`)
	s.docEnt = p(`INSERT INTO doc_entities(doc, local, entity, mentions) VALUES (?,?,?,?)`)
	s.entCount = p(`UPDATE entities SET articles = articles + 1, mentions = mentions + ?,
		first_seen = CASE WHEN ? IS NULL THEN first_seen WHEN first_seen IS NULL OR ? < first_seen THEN ? ELSE first_seen END,
		last_seen = CASE WHEN ? IS NULL THEN last_seen WHEN last_seen IS NULL OR ? > last_seen THEN ? ELSE last_seen END
		WHERE id = ?`)
	s.nameUp = p(`INSERT INTO entity_names(entity, name, n) VALUES (?,?,1) ON CONFLICT(entity, name) DO UPDATE SET n = n + 1`)
	s.roleUp = p(`INSERT INTO roles(entity, role, first_seen, last_seen, articles) VALUES (?,?,?,?,1)
		ON CONFLICT(entity, role) DO UPDATE SET articles = articles + 1,
		first_seen = CASE WHEN excluded.first_seen IS NULL THEN first_seen WHEN first_seen IS NULL OR excluded.first_seen < first_seen THEN excluded.first_seen ELSE first_seen END,
		last_seen = CASE WHEN excluded.last_seen IS NULL THEN last_seen WHEN last_seen IS NULL OR excluded.last_seen > last_seen THEN excluded.last_seen ELSE last_seen END`)
	s.pairUp = p(`INSERT INTO pairs(a, b, articles) VALUES (?,?,1) ON CONFLICT(a, b) DO UPDATE SET articles = articles + 1`)
	s.quoteIns = p(`INSERT INTO quotes(doc, speaker, speaker_name, text, cue, direct, start, end, day) VALUES (?,?,?,?,?,?,?,?,?)`)
	s.quoteFTS = p(`INSERT INTO quotes_fts(rowid, text) VALUES (?,?)`)
	s.eventIns = p(`INSERT INTO events(doc, type, mode, date, location, negated, hypothetical, ev_start, ev_end, ev_text, day) VALUES (?,?,?,?,?,?,?,?,?,?,?)`)
	s.actorIns = p(`INSERT OR IGNORE INTO event_actors(event, side, entity) VALUES (?,?,?)`)
	s.edgeUp = p(`INSERT INTO edge_events(a, b, type, n) VALUES (?,?,?,1) ON CONFLICT(a, b, type) DO UPDATE SET n = n + 1`)
	if err != nil {
		s.close()
		return nil, err
	}
	return s, nil
}

func (s *stmts) close() {
	for _, st := range s.list {
		st.Close()
	}
}

// EntityID is the public form of a corpus entity id.
func EntityID(n int64) string { return "E" + strconv.FormatInt(n, 10) }

// parseEntityID reads a public entity id; ok is false for ids this store
// never gives out.
func parseEntityID(s string) (int64, bool) {
	if len(s) < 2 || s[0] != 'E' {
		return 0, false
	}
	n, err := strconv.ParseInt(s[1:], 10, 64)
	return n, err == nil && n > 0
}

// day returns the YYYY-MM-DD day of a published date, or nil.
func day(p *string) any {
	if p == nil || len(*p) < 10 {
		return nil
	}
	if _, err := time.Parse("2006-01-02", (*p)[:10]); err != nil {
		return nil
	}
	return (*p)[:10]
}

// Put stores documents, each whole or not at all, in one transaction.
func (s *Store) Put(ctx context.Context, docs ...*doc.JSON) ([]store.PutResult, error) {
	if s.w == nil {
		return nil, fmt.Errorf("put: store opened read-only")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("put: %w", err)
	}
	defer tx.Rollback()
	out := make([]store.PutResult, len(docs))
	for i, d := range docs {
		if d != nil {
			out[i].ID = d.ID
		}
		if err := validate(d); err != nil {
			out[i].Err = err
			continue
		}
		if _, err := tx.ExecContext(ctx, `SAVEPOINT doc`); err != nil {
			return nil, fmt.Errorf("put: %w", err)
		}
		added, story, err := s.putOne(ctx, tx, d)
		if err != nil {
			if _, rerr := tx.ExecContext(ctx, `ROLLBACK TO doc`); rerr != nil {
				return nil, fmt.Errorf("put %s: %w (rollback: %v)", d.ID, err, rerr)
			}
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			out[i].Err = fmt.Errorf("put %s: %w", d.ID, err)
		} else {
			out[i].Added, out[i].Story = added, story
		}
		if _, err := tx.ExecContext(ctx, `RELEASE doc`); err != nil {
			return nil, fmt.Errorf("put: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("put: commit: %w", err)
	}
	return out, nil
}

// validate checks what the store relies on.
func validate(d *doc.JSON) error {
	switch {
	case d == nil:
		return fmt.Errorf("nil document: %w", store.ErrInvalid)
	case d.ID == "" || len(d.ID) > 200:
		return fmt.Errorf("document without a usable id: %w", store.ErrInvalid)
	case d.Schema != doc.Schema:
		return fmt.Errorf("document %s: schema %q, want %q: %w", d.ID, d.Schema, doc.Schema, store.ErrInvalid)
	case strings.TrimSpace(d.Text) == "":
		return fmt.Errorf("document %s: no text: %w", d.ID, store.ErrInvalid)
	}
	ids := map[string]bool{}
	for _, e := range d.Entities {
		if e.ID == "" || ids[e.ID] {
			return fmt.Errorf("document %s: entity id %q missing or repeated: %w", d.ID, e.ID, store.ErrInvalid)
		}
		ids[e.ID] = true
	}
	if err := d.CheckSpans(); err != nil {
		return fmt.Errorf("document %s: %v: %w", d.ID, err, store.ErrInvalid)
	}
	return nil
}

func (s *Store) putOne(ctx context.Context, tx *sql.Tx, d *doc.JSON) (bool, string, error) {
	st := func(p *sql.Stmt) *sql.Stmt { return tx.StmtContext(ctx, p) }
	var n, story int64
	switch err := st(s.st.docByID).QueryRowContext(ctx, d.ID).Scan(&n, &story); {
	case err == nil:
		var sid string
		if err := st(s.st.storyOf).QueryRowContext(ctx, story).Scan(&sid); err != nil {
			return false, "", err
		}
		return false, sid, nil
	case !errors.Is(err, sql.ErrNoRows):
		return false, "", err
	}
	dy := day(d.Published)
	// near-duplicates
	sig := store.MinHash(d.Text)
	bands := sig.BandKeys()
	seen := map[int64]bool{}
	var storyN int64
	best := 0.0
	for _, b := range bands {
		rows, err := st(s.st.bandFind).QueryContext(ctx, b)
		if err != nil {
			return false, "", err
		}
		var cands []int64
		for rows.Next() {
			var c int64
			if err := rows.Scan(&c); err != nil {
				rows.Close()
				return false, "", err
			}
			if !seen[c] {
				seen[c] = true
				cands = append(cands, c)
			}
		}
		rows.Close()
		for _, c := range cands {
			var blob []byte
			var cs int64
			if err := st(s.st.sigOf).QueryRowContext(ctx, c).Scan(&blob, &cs); err != nil {
				return false, "", err
			}
			if o, ok := store.SignatureFrom(blob); ok {
				if sim := sig.Similarity(o); sim >= store.NearJaccard && sim > best {
					best, storyN = sim, cs
				}
			}
		}
	}
	// the stored JSON keeps document-local ids and leaves the text to its column
	stored := *d
	stored.Text = ""
	data, err := json.Marshal(&stored)
	if err != nil {
		return false, "", err
	}
	res, err := st(s.st.insDoc).ExecContext(ctx, d.ID, d.Source, d.Lang, d.Published, dy, d.Title, d.Text, data, sig.Bytes(), storyN)
	if err != nil {
		return false, "", err
	}
	if n, err = res.LastInsertId(); err != nil {
		return false, "", err
	}
	storyID := d.ID
	if storyN == 0 {
		if _, err := st(s.st.setStory).ExecContext(ctx, n); err != nil {
			return false, "", err
		}
	} else if err := st(s.st.storyOf).QueryRowContext(ctx, storyN).Scan(&storyID); err != nil {
		return false, "", err
	}
	for _, b := range bands {
		if _, err := st(s.st.bandIns).ExecContext(ctx, b, n); err != nil {
			return false, "", err
		}
	}
	if _, err := st(s.st.insFTS).ExecContext(ctx, n, d.Title, d.Text); err != nil {
		return false, "", err
	}
	// entities
	links, err := xentity.Resolve(ctx, &index{ctx: ctx, tx: tx, s: s}, d)
	if err != nil {
		return false, "", err
	}
	corpus := map[string]int64{}
	type agg struct {
		mentions int
		names    map[string]bool
		roles    map[string]string
		typ      string
	}
	per := map[int64]*agg{}
	var order []int64
	for i, l := range links {
		e := d.Entities[i]
		corpus[l.Local] = l.ID
		if _, err := st(s.st.docEnt).ExecContext(ctx, n, l.Local, l.ID, len(e.Mentions)); err != nil {
			return false, "", err
		}
		a := per[l.ID]
		if a == nil {
			a = &agg{names: map[string]bool{}, roles: map[string]string{}, typ: e.Type}
			per[l.ID] = a
			order = append(order, l.ID)
		}
		a.mentions += len(e.Mentions)
		a.names[e.Name] = true
		for _, m := range e.Mentions {
			if hasUpper(m.Text) && len(m.Text) <= 200 {
				a.names[m.Text] = true
			}
		}
		for _, r := range e.Roles {
			if r = strings.TrimSpace(r); r != "" && len(r) <= 200 {
				a.roles[strings.ToLower(r)] = r
			}
		}
	}
	for _, id := range order {
		a := per[id]
		if _, err := st(s.st.entCount).ExecContext(ctx, a.mentions, dy, dy, dy, dy, dy, dy, id); err != nil {
			return false, "", err
		}
		for nm := range a.names {
			if _, err := st(s.st.nameUp).ExecContext(ctx, id, nm); err != nil {
				return false, "", err
			}
		}
		for _, r := range a.roles {
			if _, err := st(s.st.roleUp).ExecContext(ctx, id, r, dy, dy); err != nil {
				return false, "", err
			}
		}
	}
	// co-occurrence among the most mentioned network entities
	var net []int64
	for _, id := range order {
		if pairTypes[per[id].typ] {
			net = append(net, id)
		}
	}
	sort.SliceStable(net, func(i, j int) bool { return per[net[i]].mentions > per[net[j]].mentions })
	if len(net) > maxPairs {
		net = net[:maxPairs]
	}
	for i := range net {
		for j := i + 1; j < len(net); j++ {
			a, b := net[i], net[j]
			if a > b {
				a, b = b, a
			}
			if _, err := st(s.st.pairUp).ExecContext(ctx, a, b); err != nil {
				return false, "", err
			}
		}
	}
	// quotes
	for _, q := range d.Quotes {
		var sp any
		if q.Speaker != nil {
			if id, ok := corpus[*q.Speaker]; ok {
				sp = id
			}
		}
		res, err := st(s.st.quoteIns).ExecContext(ctx, n, sp, q.SpeakerName, q.Text, q.Cue, q.Direct, q.Start, q.End, dy)
		if err != nil {
			return false, "", err
		}
		qid, err := res.LastInsertId()
		if err != nil {
			return false, "", err
		}
		if _, err := st(s.st.quoteFTS).ExecContext(ctx, qid, q.Text); err != nil {
			return false, "", err
		}
	}
	// events
	for _, e := range d.Events {
		var loc any
		if e.Location != nil {
			if id, ok := corpus[*e.Location]; ok {
				loc = id
			}
		}
		res, err := st(s.st.eventIns).ExecContext(ctx, n, e.Type, e.Mode, e.Date, loc, e.Negated, e.Hypothetical,
			e.Evidence.Start, e.Evidence.End, e.Evidence.Text, dy)
		if err != nil {
			return false, "", err
		}
		eid, err := res.LastInsertId()
		if err != nil {
			return false, "", err
		}
		var src, tgt []int64
		for _, side := range []struct {
			name string
			ids  []string
			out  *[]int64
		}{{"source", e.Source, &src}, {"target", e.Target, &tgt}} {
			for _, l := range side.ids {
				if id, ok := corpus[l]; ok {
					*side.out = append(*side.out, id)
					if _, err := st(s.st.actorIns).ExecContext(ctx, eid, side.name, id); err != nil {
						return false, "", err
					}
				}
			}
		}
		for _, a := range src {
			for _, b := range tgt {
				if a == b {
					continue
				}
				if _, err := st(s.st.edgeUp).ExecContext(ctx, a, b, e.Type); err != nil {
					return false, "", err
				}
			}
		}
	}
	return true, storyID, nil
}

func hasUpper(s string) bool {
	for _, r := range s {
		if r >= 'A' && r <= 'Z' || (r > 127 && strings.ToLower(string(r)) != string(r)) {
			return true
		}
	}
	return false
}

// index is xentity.Index over the write transaction.
type index struct {
	ctx context.Context
	tx  *sql.Tx
	s   *Store
}

func (x *index) Lookup(ctx context.Context, typ, key string) ([]xentity.Candidate, error) {
	rows, err := x.tx.StmtContext(ctx, x.s.st.keyLookup).QueryContext(ctx, key, typ)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []xentity.Candidate
	for rows.Next() {
		var c xentity.Candidate
		var keys, roles sql.NullString
		if err := rows.Scan(&c.ID, &c.Name, &c.Articles, &keys, &roles); err != nil {
			return nil, err
		}
		if keys.String != "" {
			c.Keys = strings.Split(keys.String, "|")
		}
		if roles.String != "" {
			c.Roles = strings.Split(roles.String, "|")
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func (x *index) Overlap(ctx context.Context, id int64, others []int64) (int, error) {
	js, _ := json.Marshal(others)
	var a, b int
	if err := x.tx.StmtContext(ctx, x.s.st.overlap1).QueryRowContext(ctx, id, string(js)).Scan(&a); err != nil {
		return 0, err
	}
	if err := x.tx.StmtContext(ctx, x.s.st.overlap2).QueryRowContext(ctx, id, string(js)).Scan(&b); err != nil {
		return 0, err
	}
	return a + b, nil
}

func (x *index) Create(ctx context.Context, name, typ string) (int64, error) {
	res, err := x.tx.StmtContext(ctx, x.s.st.entIns).ExecContext(ctx, name, typ)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

func (x *index) AddKeys(ctx context.Context, id int64, typ string, keys []string) error {
	for _, k := range keys {
		if _, err := x.tx.StmtContext(ctx, x.s.st.keyIns).ExecContext(ctx, k, typ, id); err != nil {
			return err
		}
	}
	return nil
}

func (x *index) Rename(ctx context.Context, id int64, name string) error {
	_, err := x.tx.StmtContext(ctx, x.s.st.rename).ExecContext(ctx, name, id)
	return err
}
