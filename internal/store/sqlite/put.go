package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/ingest"
	"github.com/newsgraph/newsgraph/internal/xentity"
)

type stmts struct {
	list                                                 []*sql.Stmt
	docByID, insDoc, setStory, bandFind, sigOf           *sql.Stmt
	keyLookup, neighbours, entIns, keyIns, rename        *sql.Stmt
	eventIns, actorIns, edgeUp, storyOf, entGet, entMore *sql.Stmt
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
	s.bandFind = p(`SELECT doc FROM lsh_bands WHERE band = ? LIMIT 12`)
	s.sigOf = p(`SELECT minhash, story FROM documents WHERE n = ?`)
	s.storyOf = p(`SELECT id FROM documents WHERE n = ?`)
	s.keyLookup = p(`SELECT entity FROM entity_keys WHERE key = ? AND type = ? LIMIT 50`)
	s.entGet = p(`SELECT name, articles FROM entities WHERE id = ?`)
	s.entMore = p(`SELECT (SELECT group_concat(key, '|') FROM entity_keys WHERE entity = ?1 AND substr(key,1,1) <> '~'),
		(SELECT group_concat(role, '|') FROM roles WHERE entity = ?1)`)
	s.neighbours = p(`SELECT b, articles FROM pairs WHERE a = ?1 UNION ALL SELECT a, articles FROM pairs WHERE b = ?1`)
	s.entIns = p(`INSERT INTO entities(name, type) VALUES (?,?)`)
	s.keyIns = p(`INSERT OR IGNORE INTO entity_keys(key, type, entity) VALUES (?,?,?)`)
	s.rename = p(`UPDATE entities SET name = ? WHERE id = ?`)
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

// multi returns a prepared statement inserting n rows at once: head, then
// n copies of row joined by commas, then tail. Statements are cached by
// shape for the length of one transaction; one statement per document instead of one per row saves most of
// the per-call cost of database/sql and the driver.
func (s *Store) multi(ctx context.Context, tx *sql.Tx, head, row, tail string, n int) (*sql.Stmt, error) {
	key := fmt.Sprintf("%s|%d", head, n)
	st, ok := s.multiStmts[key]
	if !ok {
		var b strings.Builder
		b.WriteString(head)
		for i := 0; i < n; i++ {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(row)
		}
		b.WriteString(tail)
		var err error
		// prepared on the transaction: the writer has one connection, which
		// the transaction holds
		if st, err = tx.PrepareContext(ctx, b.String()); err != nil {
			return nil, err
		}
		s.multiStmts[key] = st
	}
	return st, nil
}

// execRows runs a multi-row statement over args, rows of width w at a time
// (at most 100 rows per statement).
func (s *Store) execRows(ctx context.Context, tx *sql.Tx, head, row, tail string, w int, args []any) error {
	for len(args) > 0 {
		n := min(len(args)/w, 100)
		st, err := s.multi(ctx, tx, head, row, tail, n)
		if err != nil {
			return err
		}
		if _, err := st.ExecContext(ctx, args[:n*w]...); err != nil {
			return err
		}
		args = args[n*w:]
	}
	return nil
}

// stx returns the prepared statement p bound to the current transaction,
// binding it once per transaction.
func (s *Store) stx(ctx context.Context, tx *sql.Tx, p *sql.Stmt) *sql.Stmt {
	if t, ok := s.txStmts[p]; ok {
		return t
	}
	t := tx.StmtContext(ctx, p)
	s.txStmts[p] = t
	return t
}

// day is the day of a published date (ingest.Day) as a query argument.
func day(p *string) any {
	if d := ingest.Day(p); d != nil {
		return *d
	}
	return nil
}

// Put stores documents, each whole or not at all, in one transaction.
//
// The batch is first written with no savepoint per document: a savepoint
// makes FTS5 write its pending index entries to disk and SQLite copy every
// page it then changes to a sub-journal, which costs more than the rest of
// the document. Should one document fail, that transaction is rolled back
// and the batch written again with a savepoint around each document, so
// that the failing one is left out and the others are stored whole. The
// full-text rows of the batch are written at the end of the transaction, so
// that FTS5 builds one index segment per batch.
func (s *Store) Put(ctx context.Context, docs ...*doc.JSON) ([]store.PutResult, error) {
	if s.w == nil {
		return nil, fmt.Errorf("put: store opened read-only")
	}
	out := make([]store.PutResult, len(docs))
	valid := make([]bool, len(docs))
	for i, d := range docs {
		if d != nil {
			out[i].ID = d.ID
		}
		if err := ingest.Validate(d, nil); err != nil {
			out[i].Err = err
			continue
		}
		valid[i] = true
	}
	// fingerprints need no lock: compute them on every core first
	sigs := ingest.Signatures(docs)
	s.mu.Lock()
	defer s.mu.Unlock()
	ok, err := s.putBatch(ctx, docs, sigs, valid, out, false)
	if err != nil || ok {
		return out, err
	}
	if _, err := s.putBatch(ctx, docs, sigs, valid, out, true); err != nil {
		return nil, err
	}
	return out, nil
}

// putBatch writes the valid documents of a batch in one transaction,
// recording each one's result in out. Without savepoints, the first
// document that fails rolls the transaction back and putBatch returns
// false (and no error); with them, a document that fails is rolled back
// alone and its error recorded. The error is for failures of the store.
func (s *Store) putBatch(ctx context.Context, docs []*doc.JSON, sigs []store.Signature, valid []bool, out []store.PutResult, savepoints bool) (bool, error) {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("put: %w", err)
	}
	committed := false
	defer func() {
		if !committed {
			tx.Rollback()
			s.cache.reset()
		}
	}()
	s.multiStmts = map[string]*sql.Stmt{} // the last transaction's are closed
	s.txStmts = map[*sql.Stmt]*sql.Stmt{}
	if err := s.cache.check(ctx, tx); err != nil {
		return false, fmt.Errorf("put: %w", err)
	}
	// documents and quotes numbered above these are the batch's
	var lastDoc, lastQuote int64
	if err := tx.QueryRowContext(ctx, `SELECT (SELECT coalesce(max(n), 0) FROM documents), (SELECT coalesce(max(id), 0) FROM quotes)`).Scan(&lastDoc, &lastQuote); err != nil {
		return false, fmt.Errorf("put: %w", err)
	}
	exec := func(q string) error {
		_, err := tx.ExecContext(ctx, q)
		return err
	}
	for i, d := range docs {
		if !valid[i] {
			continue
		}
		out[i].Added, out[i].Story, out[i].Err = false, "", nil
		if savepoints {
			if err := exec(`SAVEPOINT doc`); err != nil {
				return false, fmt.Errorf("put: %w", err)
			}
		}
		added, story, err := s.putOne(ctx, tx, d, sigs[i])
		if err != nil {
			if ctx.Err() != nil {
				return false, ctx.Err()
			}
			if !savepoints {
				return false, nil // the deferred rollback resets the cache
			}
			s.cache.reset()
			if rerr := exec(`ROLLBACK TO doc`); rerr != nil {
				return false, fmt.Errorf("put %s: %w (rollback: %v)", d.ID, err, rerr)
			}
			out[i].Err = fmt.Errorf("put %s: %w", d.ID, err)
		} else {
			out[i].Added, out[i].Story = added, story
		}
		if savepoints {
			if err := exec(`RELEASE doc`); err != nil {
				return false, fmt.Errorf("put: %w", err)
			}
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO documents_fts(rowid, title, text) SELECT n, title, text FROM documents WHERE n > ?`, lastDoc); err != nil {
		return false, fmt.Errorf("put: full-text index: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO quotes_fts(rowid, text) SELECT id, text FROM quotes WHERE id > ?`, lastQuote); err != nil {
		return false, fmt.Errorf("put: full-text index of quotes: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("put: commit: %w", err)
	}
	committed = true
	// our own commit moves data_version on other connections only
	return true, nil
}

func (s *Store) putOne(ctx context.Context, tx *sql.Tx, d *doc.JSON, sig store.Signature) (bool, string, error) {
	st := func(p *sql.Stmt) *sql.Stmt { return s.stx(ctx, tx, p) }
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
	bands := sig.BandKeys()
	seen := map[int64]bool{}
	nearest := store.NewNearest(sig)
	for _, b := range bands {
		if nearest.Done() {
			break // a close copy is found; the story is known
		}
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
			nearest.Offer(blob, cs)
		}
	}
	storyN := nearest.Story
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
	bargs := make([]any, 0, 2*len(bands))
	for _, b := range bands {
		bargs = append(bargs, b, n)
	}
	if err := s.execRows(ctx, tx, `INSERT OR IGNORE INTO lsh_bands(band, doc) VALUES `, `(?,?)`, ``, 2, bargs); err != nil {
		return false, "", err
	}
	// entities
	ix := newIndex(tx, s)
	links, err := xentity.Resolve(ctx, ix, d)
	if err != nil {
		return false, "", err
	}
	if err := ix.flush(ctx); err != nil {
		return false, "", err
	}
	ents := ingest.Aggregate(d, links)
	deArgs := make([]any, 0, 5*len(links))
	for i, l := range links {
		deArgs = append(deArgs, n, l.Local, l.ID, len(d.Entities[i].Mentions), dy)
	}
	if err := s.execRows(ctx, tx, `INSERT INTO doc_entities(doc, local, entity, mentions, day) VALUES `, `(?,?,?,?,?)`, ``, 5, deArgs); err != nil {
		return false, "", err
	}
	var nameArgs, countArgs, roleArgs []any
	for _, e := range ents.List {
		countArgs = append(countArgs, e.ID, e.Mentions, dy)
		s.cache.Counted(e.ID, e.Roles)
		for _, nm := range e.SortedNames() {
			nameArgs = append(nameArgs, e.ID, nm)
		}
		for _, r := range e.SortedRoles() {
			roleArgs = append(roleArgs, e.ID, r, dy, dy)
		}
	}
	if err := s.execRows(ctx, tx, `WITH v(id, m, dy) AS (VALUES `, `(?,?,?)`, `) UPDATE entities SET articles = articles + 1, mentions = mentions + v.m,
		first_seen = CASE WHEN v.dy IS NULL THEN first_seen WHEN first_seen IS NULL OR v.dy < first_seen THEN v.dy ELSE first_seen END,
		last_seen = CASE WHEN v.dy IS NULL THEN last_seen WHEN last_seen IS NULL OR v.dy > last_seen THEN v.dy ELSE last_seen END
		FROM v WHERE entities.id = v.id`, 3, countArgs); err != nil {
		return false, "", err
	}
	if err := s.execRows(ctx, tx, `INSERT INTO roles(entity, role, first_seen, last_seen, articles) VALUES `, `(?,?,?,?,1)`, ` ON CONFLICT(entity, role) DO UPDATE SET articles = articles + 1,
		first_seen = CASE WHEN excluded.first_seen IS NULL THEN first_seen WHEN first_seen IS NULL OR excluded.first_seen < first_seen THEN excluded.first_seen ELSE first_seen END,
		last_seen = CASE WHEN excluded.last_seen IS NULL THEN last_seen WHEN last_seen IS NULL OR excluded.last_seen > last_seen THEN excluded.last_seen ELSE last_seen END`, 4, roleArgs); err != nil {
		return false, "", err
	}
	if err := s.execRows(ctx, tx, `INSERT INTO entity_names(entity, name, n) VALUES `, `(?,?,1)`, ` ON CONFLICT(entity, name) DO UPDATE SET n = n + 1`, 2, nameArgs); err != nil {
		return false, "", err
	}
	// co-occurrence among the most mentioned network entities
	var pargs []any
	for _, p := range ents.Pairs() {
		pargs = append(pargs, p[0], p[1])
		s.cache.Paired(p[0], p[1])
	}
	if err := s.execRows(ctx, tx, `INSERT INTO pairs(a, b, articles) VALUES `, `(?,?,1)`, ` ON CONFLICT(a, b) DO UPDATE SET articles = articles + 1`, 2, pargs); err != nil {
		return false, "", err
	}
	// quotes (indexed for full text at the end of the batch)
	var qargs []any
	for _, q := range d.Quotes {
		var sp any
		if id, ok := ents.Ref(q.Speaker); ok {
			sp = id
		}
		qargs = append(qargs, n, sp, q.SpeakerName, q.Text, q.Cue, q.Direct, q.Start, q.End, dy)
	}
	if len(qargs) > 0 {
		if err := s.execRows(ctx, tx, `INSERT INTO quotes(doc, speaker, speaker_name, text, cue, direct, start, end, day) VALUES `, `(?,?,?,?,?,?,?,?,?)`, ``, 9, qargs); err != nil {
			return false, "", err
		}
	}
	// events
	for _, e := range d.Events {
		var loc any
		if id, ok := ents.Ref(e.Location); ok {
			loc = id
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
		src, tgt := ents.Actors(e)
		for _, side := range []struct {
			name string
			ids  []int64
		}{{"source", src}, {"target", tgt}} {
			for _, id := range side.ids {
				if _, err := st(s.st.actorIns).ExecContext(ctx, eid, side.name, id); err != nil {
					return false, "", err
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
