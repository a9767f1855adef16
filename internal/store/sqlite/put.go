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
	list                                  []*sql.Stmt
	docByID, insDoc, bandFind, sigOf      *sql.Stmt
	keyLookup, neighbours, keyIns, rename *sql.Stmt
	storyOf, entGet, entMore              *sql.Stmt
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
	s.insDoc = p(`INSERT INTO documents(n, id, source, lang, published, day, title, text, data, minhash, story) VALUES (?,?,?,?,?,?,?,?,?,?,?)`)
	s.bandFind = p(`SELECT doc FROM lsh_bands WHERE band = ? LIMIT 12`)
	s.sigOf = p(`SELECT minhash, story FROM documents WHERE n = ?`)
	s.storyOf = p(`SELECT id FROM documents WHERE n = ?`)
	s.keyLookup = p(`SELECT entity FROM entity_keys WHERE key = ? AND type = ? LIMIT 50`)
	s.entGet = p(`SELECT name, articles FROM entities WHERE id = ?`)
	s.entMore = p(`SELECT (SELECT group_concat(key, '|') FROM entity_keys WHERE entity = ?1 AND substr(key,1,1) <> '~'),
		(SELECT group_concat(role, '|') FROM roles WHERE entity = ?1)`)
	s.neighbours = p(`SELECT b, articles FROM pairs WHERE a = ?1 UNION ALL SELECT a, articles FROM pairs WHERE b = ?1`)
	s.keyIns = p(`INSERT OR IGNORE INTO entity_keys(key, type, entity) VALUES (?,?,?)`)
	s.rename = p(`UPDATE entities SET name = ? WHERE id = ?`)
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
// shape for the length of one transaction; one statement per hundred rows
// instead of one per row saves most of the per-call cost of database/sql
// and the driver.
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

// Put stores documents, each whole or not at all, in one transaction.
//
// The batch is first written with no savepoint per document: a savepoint
// makes FTS5 write its pending index entries to disk and SQLite copy every
// page it then changes to a sub-journal, which costs more than the rest of
// the document. Should anything fail, that transaction is rolled back and
// the batch written again with a savepoint around each document, so that a
// failing document is left out and the others are stored whole. The rows
// of the batch's entities and facts are summed and written at the end of
// the transaction (batch.go), and so are its full-text rows, so that FTS5
// builds one index segment per batch (with savepoints, each document's rows
// are written before its savepoint ends).
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
	if err := s.putBatch(ctx, docs, sigs, valid, out, false); err == nil {
		return out, nil
	} else if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if err := s.putBatch(ctx, docs, sigs, valid, out, true); err != nil {
		return nil, err
	}
	return out, nil
}

// putBatch writes the valid documents of a batch in one transaction,
// recording each one's result in out. Without savepoints, any failure rolls
// the whole transaction back and is returned. With them, a document that
// fails is rolled back alone and its error recorded; the error returned is
// then for failures of the store.
func (s *Store) putBatch(ctx context.Context, docs []*doc.JSON, sigs []store.Signature, valid []bool, out []store.PutResult, savepoints bool) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("put: %w", err)
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
		return fmt.Errorf("put: %w", err)
	}
	if s.pend, err = newPending(ctx, tx); err != nil {
		return fmt.Errorf("put: %w", err)
	}
	// documents and quotes numbered above these are not indexed for full
	// text yet
	marks := textMarks{doc: s.pend.nextDoc - 1, quote: s.pend.lastQuote}
	exec := func(q string) error {
		_, err := tx.ExecContext(ctx, q)
		return err
	}
	for i, d := range docs {
		if !valid[i] {
			continue
		}
		out[i].Added, out[i].Story, out[i].Err = false, "", nil
		if !savepoints {
			added, story, err := s.putOne(ctx, tx, d, sigs[i])
			if err != nil {
				return fmt.Errorf("put %s: %w", d.ID, err)
			}
			out[i].Added, out[i].Story = added, story
			continue
		}
		if err := exec(`SAVEPOINT doc`); err != nil {
			return fmt.Errorf("put: %w", err)
		}
		at := s.pend.numbers()
		added, story, err := s.putOne(ctx, tx, d, sigs[i])
		if err == nil {
			err = s.flush(ctx, tx)
		}
		next := marks
		if err == nil {
			next, err = indexText(ctx, tx, marks)
		}
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			s.cache.reset()
			s.pend.rollback(at)
			if rerr := exec(`ROLLBACK TO doc`); rerr != nil {
				return fmt.Errorf("put %s: %w (rollback: %v)", d.ID, err, rerr)
			}
			out[i].Err = fmt.Errorf("put %s: %w", d.ID, err)
		} else {
			out[i].Added, out[i].Story = added, story
			marks = next
		}
		if err := exec(`RELEASE doc`); err != nil {
			return fmt.Errorf("put: %w", err)
		}
	}
	if err := s.flush(ctx, tx); err != nil {
		return fmt.Errorf("put: %w", err)
	}
	if !savepoints {
		if _, err := indexText(ctx, tx, marks); err != nil {
			return fmt.Errorf("put: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("put: commit: %w", err)
	}
	committed = true
	// our own commit moves data_version on other connections only
	return nil
}

// textMarks are the largest document and quote numbers indexed for full
// text.
type textMarks struct{ doc, quote int64 }

// indexText adds the documents and quotes numbered above marks to the
// full-text indexes, and returns the new marks. Without savepoints it runs
// once, at the end of the batch; with them, after each document.
func indexText(ctx context.Context, tx *sql.Tx, marks textMarks) (textMarks, error) {
	if _, err := tx.ExecContext(ctx, `INSERT INTO documents_fts(rowid, title, text) SELECT n, title, text FROM documents WHERE n > ?`, marks.doc); err != nil {
		return marks, fmt.Errorf("full-text index: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO quotes_fts(rowid, text) SELECT id, text FROM quotes WHERE id > ?`, marks.quote); err != nil {
		return marks, fmt.Errorf("full-text index of quotes: %w", err)
	}
	var next textMarks
	err := tx.QueryRowContext(ctx, `SELECT (SELECT coalesce(max(n), 0) FROM documents), (SELECT coalesce(max(id), 0) FROM quotes)`).Scan(&next.doc, &next.quote)
	if err != nil {
		return marks, err
	}
	return next, nil
}

// putOne writes a document, leaving the rows of its entities and facts
// pending (s.pend).
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
	dy := ingest.Day(d.Published)
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
	// the stored JSON keeps document-local ids and leaves the text to its column
	stored := *d
	stored.Text = ""
	data, err := json.Marshal(&stored)
	if err != nil {
		return false, "", err
	}
	n = s.pend.nextDoc
	storyN, storyID := nearest.Story, d.ID
	if storyN == 0 {
		storyN = n // the first copy of its story
	} else if err := st(s.st.storyOf).QueryRowContext(ctx, storyN).Scan(&storyID); err != nil {
		return false, "", err
	}
	if _, err := st(s.st.insDoc).ExecContext(ctx, n, d.ID, d.Source, d.Lang, d.Published, strOrNil(dy), d.Title, d.Text, data, sig.Bytes(), storyN); err != nil {
		return false, "", err
	}
	s.pend.nextDoc++
	// the bands are written at once: the next document of the batch looks
	// for its copies among them
	bargs := make([]any, 0, 2*len(bands))
	for _, b := range bands {
		bargs = append(bargs, b, n)
	}
	if err := s.execRows(ctx, tx, `INSERT OR IGNORE INTO lsh_bands(band, doc) VALUES `, `(?,?)`, ``, 2, bargs); err != nil {
		return false, "", err
	}
	// entities
	links, err := xentity.Resolve(ctx, newIndex(tx, s), d)
	if err != nil {
		return false, "", err
	}
	p := s.pend
	ents := ingest.Aggregate(d, links)
	for i, l := range links {
		p.docEnts = append(p.docEnts, n, l.Local, l.ID, len(d.Entities[i].Mentions), strOrNil(dy))
	}
	for _, e := range ents.List {
		p.count(e.ID, e.Mentions, dy)
		s.cache.Counted(e.ID, e.Roles)
		for _, nm := range e.SortedNames() {
			p.name(e.ID, nm)
		}
		for _, r := range e.SortedRoles() {
			p.role(e.ID, r, dy)
		}
	}
	// co-occurrence among the most mentioned network entities
	for _, pr := range ents.Pairs() {
		p.pair(pr[0], pr[1])
		s.cache.Paired(pr[0], pr[1])
	}
	for _, q := range d.Quotes {
		var sp any
		if id, ok := ents.Ref(q.Speaker); ok {
			sp = id
		}
		p.quotes = append(p.quotes, n, sp, q.SpeakerName, q.Text, q.Cue, q.Direct, q.Start, q.End, strOrNil(dy))
	}
	for _, e := range d.Events {
		var loc any
		if id, ok := ents.Ref(e.Location); ok {
			loc = id
		}
		eid := p.nextEvent
		p.nextEvent++
		p.events = append(p.events, eid, n, e.Type, e.Mode, e.Date, loc, e.Negated, e.Hypothetical,
			e.Evidence.Start, e.Evidence.End, e.Evidence.Text, strOrNil(dy))
		src, tgt := ents.Actors(e)
		for _, id := range src {
			p.actors = append(p.actors, eid, "source", id)
		}
		for _, id := range tgt {
			p.actors = append(p.actors, eid, "target", id)
		}
		for _, a := range src {
			for _, b := range tgt {
				if a != b {
					p.edge(a, b, e.Type)
				}
			}
		}
	}
	return true, storyID, nil
}
