package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/ingest"
	"github.com/newsgraph/newsgraph/internal/xentity"
)

// Put stores documents in one transaction, each whole or not at all: a
// document that fails in the database is refused alone (the call runs again
// with a savepoint per document). The transaction holds the store-wide
// advisory write lock from its start, so Puts of several processes run one
// after another; a document whose id is already stored is left as it is.
//
// An error (as opposed to a PutResult.Err) means nothing of this call was
// committed: after a lost connection or a database restart the caller can
// retry the same documents.
func (s *Store) Put(ctx context.Context, docs ...*doc.JSON) ([]store.PutResult, error) {
	if s.readOnly {
		return nil, errReadOnly
	}
	// fingerprints need no lock: compute them on every core first
	sigs := ingest.Signatures(docs)

	s.mu.Lock()
	defer s.mu.Unlock()
	out, err := s.put(ctx, docs, sigs, false)
	if errors.Is(err, errSafeMode) {
		// a document failed in the database: again, one savepoint each, so
		// that it is refused alone
		out, err = s.put(ctx, docs, sigs, true)
	}
	return out, err
}

// conn is what a Put transaction runs its statements on: a connection
// taken from the pool for the whole transaction.
type conn interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults
}

// put runs one Put transaction. Without savepoints (safe false) a document
// that fails in the database aborts the transaction and put returns
// errSafeMode; savepoints cost two round trips per document, and documents
// that pass validate almost never fail.
//
// BEGIN goes in the first batch and COMMIT in the last, rather than on
// round trips of their own (pgx.Tx would send them alone): a worker stores
// one document per Put, in four round trips.
func (s *Store) put(ctx context.Context, docs []*doc.JSON, sigs []store.Signature, safe bool) ([]store.PutResult, error) {
	pc, err := s.pool.Acquire(ctx)
	if err != nil {
		return nil, fmt.Errorf("put: %w", err)
	}
	// a connection released inside a transaction (after an error) is
	// closed by the pool, never reused
	defer pc.Release()
	var tx conn = pc
	committed := false
	defer func() {
		if !committed {
			// the context may be the reason; roll back regardless
			rctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			_, _ = pc.Exec(rctx, `ROLLBACK`)
			cancel()
			s.cache.reset()
		}
	}()
	ids := make([]string, 0, len(docs))
	invalid := make([]error, len(docs))
	first := -1 // the first valid document
	for i, d := range docs {
		if invalid[i] = ingest.Validate(d, checkText); invalid[i] == nil {
			ids = append(ids, d.ID)
			if first < 0 {
				first = i
			}
		}
	}
	// what other writers committed since this one's last Put, read before
	// waiting for the lock; on failure the check under the lock starts the
	// cache again
	if s.cache.gen >= 0 {
		if err := s.cache.catchUp(ctx, tx, 0); err != nil {
			s.cache.reset()
		}
	}
	// one round trip: the lock (Read Committed: every later statement sees
	// what the previous holder committed), the write generation, the
	// documents already stored, and numbers for the new ones (taken under
	// the lock, so numbers follow the order of commits)
	b := &pgx.Batch{}
	b.Queue(`BEGIN ISOLATION LEVEL READ COMMITTED`)
	b.Queue(`SELECT pg_advisory_xact_lock($1)`, lockWrite)
	var gen int64
	b.Queue(`UPDATE writes SET generation = generation + 1 RETURNING generation`).QueryRow(func(r pgx.Row) error { return r.Scan(&gen) })
	stored := map[string]string{} // id -> story id
	b.Queue(`SELECT d.id, s.id FROM documents d JOIN documents s ON s.n = d.story WHERE d.id = ANY($1)`, ids).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			var id, story string
			if err := rows.Scan(&id, &story); err != nil {
				return err
			}
			stored[id] = story
		}
		return rows.Err()
	})
	var nums []int64
	b.Queue(`SELECT nextval('documents_n_seq') FROM generate_series(1, $1)`, len(ids)).Query(func(rows pgx.Rows) error {
		var err error
		nums, err = pgx.CollectRows(rows, pgx.RowTo[int64])
		return err
	})
	// and the near-duplicates of the first document, which (in a call of
	// one document, as workers make) is all the reading there is
	var pre *near
	if first >= 0 {
		pre = &near{}
		sql, args := nearestQuery(sigs[first])
		b.Queue(sql, args...).Query(func(rows pgx.Rows) error {
			var err error
			pre.n, pre.id, err = scanNearest(rows, sigs[first])
			return err
		})
	}
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return nil, fmt.Errorf("put: %w", err)
	}
	if err := s.cache.check(ctx, tx, gen); err != nil {
		return nil, fmt.Errorf("put: %w", err)
	}
	// the last new document's batch carries the COMMIT (not with
	// savepoints, where each document ends on its own)
	last := -1
	if !safe {
		seen := map[string]bool{}
		for i, d := range docs {
			if invalid[i] == nil && stored[d.ID] == "" && !seen[d.ID] {
				seen[d.ID] = true
				last = i
			}
		}
	}
	ch := &changes{}
	var tag string // the server's answer to COMMIT
	tail := func(b *pgx.Batch, dc *changes) {
		ch.merge(dc)
		ch.queue(b, gen)
		// COMMIT in an aborted transaction rolls back without an error:
		// the tag says which it did
		b.Queue(`COMMIT`).Exec(func(t pgconn.CommandTag) error { tag = t.String(); return nil })
	}
	out := make([]store.PutResult, len(docs))
	for i, d := range docs {
		if d != nil {
			out[i].ID = d.ID
		}
		if invalid[i] != nil {
			out[i].Err = invalid[i]
			continue
		}
		if story, ok := stored[d.ID]; ok {
			out[i].Story = story
			continue
		}
		n := nums[0]
		nums = nums[1:]
		if safe {
			if _, err := tx.Exec(ctx, `SAVEPOINT doc`); err != nil {
				return nil, fmt.Errorf("put: %w", err)
			}
		}
		dc := &changes{}
		var nr *near
		if i == first {
			nr = pre
		}
		var end func(*pgx.Batch, *changes)
		if i == last {
			end = tail
		}
		story, err := s.putOne(ctx, tx, d, n, sigs[i], nr, dc, end)
		if err != nil {
			s.cache.reset()
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			if !safe {
				return nil, errSafeMode
			}
			if _, rerr := tx.Exec(ctx, `ROLLBACK TO SAVEPOINT doc`); rerr != nil {
				return nil, fmt.Errorf("put %s: %w (rollback: %v)", d.ID, err, rerr)
			}
			out[i].Err = fmt.Errorf("put %s: %w", d.ID, err)
			continue
		}
		if safe {
			if _, err := tx.Exec(ctx, `RELEASE SAVEPOINT doc`); err != nil {
				return nil, fmt.Errorf("put %s: %w", d.ID, err)
			}
		}
		if i != last {
			ch.merge(dc)
		}
		stored[d.ID] = story // the same document twice in one call
		out[i].Added, out[i].Story = true, story
	}
	if last < 0 {
		b = &pgx.Batch{}
		tail(b, &changes{})
		if err := tx.SendBatch(ctx, b).Close(); err != nil {
			return nil, fmt.Errorf("put: commit: %w", err)
		}
	}
	if tag != "COMMIT" {
		return nil, fmt.Errorf("put: commit: the server answered %q", tag)
	}
	committed = true
	s.cache.gen = gen
	return out, nil
}

// checkText refuses what PostgreSQL's text type cannot hold (the store's
// own check, added to ingest.Validate's): NUL bytes and invalid UTF-8.
func checkText(text string) error {
	if !utf8.ValidString(text) || strings.IndexByte(text, 0) >= 0 {
		return errText
	}
	return nil
}

// putOne writes one new document, numbered n, inside the Put transaction:
// it finds the document's story, links its entities across the corpus
// (asking the database only what the cache does not know), then sends
// everything in one pipelined batch. It returns the story id.
//
// pre, when not nil, holds the near-duplicates already read; end, when not
// nil, adds the statements that end the transaction to the batch.
func (s *Store) putOne(ctx context.Context, tx conn, d *doc.JSON, n int64, sig store.Signature, pre *near, ch *changes, end func(*pgx.Batch, *changes)) (string, error) {
	dy := ingest.Day(d.Published)
	var storyN int64
	var storyID string
	if pre != nil {
		storyN, storyID = pre.n, pre.id
	} else {
		sql, args := nearestQuery(sig)
		rows, err := tx.Query(ctx, sql, args...)
		if err != nil {
			return "", err
		}
		storyN, storyID, err = scanNearest(rows, sig)
		if err != nil {
			return "", err
		}
	}
	if storyN == 0 {
		storyN, storyID = n, d.ID
	}
	stored := *d
	stored.Text = "" // the text has its own column
	data, err := json.Marshal(&stored)
	if err != nil {
		return "", err
	}
	cfg := s.config(d.Lang)
	b := &pgx.Batch{}
	// no ON CONFLICT: the id was looked up under the write lock, so a row
	// already there was written by something that does not take the lock;
	// the unique index then fails the document (and the COMMIT that may
	// follow in this batch) instead of leaving rows without their document
	b.Queue(`INSERT INTO documents(n, id, source, lang, published, day, title, text, data, minhash, story, cfg, tsv)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::regconfig,
			setweight(to_tsvector($12::regconfig, $7), 'A') || to_tsvector($12::regconfig, $8))`,
		n, d.ID, d.Source, d.Lang, d.Published, dy, d.Title, d.Text, data, sig.Bytes(), storyN, cfg)
	bands := sig.BandKeys()
	b.Queue(`INSERT INTO lsh_bands(band, doc) SELECT unnest($1::bigint[]), $2 ON CONFLICT DO NOTHING`, bands[:], n)
	if !s.cache.cfgs[cfg] {
		b.Queue(`INSERT INTO fts_configs(cfg) VALUES ($1::regconfig) ON CONFLICT DO NOTHING`, cfg)
		ch.cfgs = append(ch.cfgs, cfg)
		s.cache.cfgs[cfg] = true
	}

	// entities
	ix := newIndex(tx, s, ch, b)
	links, err := xentity.Resolve(ctx, ix, d)
	if err != nil {
		return "", err
	}
	ix.flush()
	ents := ingest.Aggregate(d, links)
	if len(links) > 0 {
		deLocal, deEnt, deMentions := make([]string, len(links)), make([]int64, len(links)), make([]int32, len(links))
		for i, l := range links {
			deLocal[i], deEnt[i], deMentions[i] = l.Local, l.ID, int32(len(d.Entities[i].Mentions))
		}
		b.Queue(`INSERT INTO doc_entities(doc, local, entity, mentions, day)
			SELECT $1, l, e, m, $5 FROM unnest($2::text[], $3::bigint[], $4::integer[]) AS v(l, e, m)`, n, deLocal, deEnt, deMentions, dy)
	}
	if len(ents.List) > 0 {
		ids, ms := make([]int64, len(ents.List)), make([]int32, len(ents.List))
		for i, e := range ents.List {
			ids[i], ms[i] = e.ID, int32(e.Mentions)
			s.cache.Counted(e.ID, e.Roles)
			ch.entity(e.ID)
		}
		b.Queue(`UPDATE entities SET articles = articles + 1, mentions = mentions + v.m,
			first_seen = CASE WHEN $3::text IS NULL THEN first_seen WHEN first_seen IS NULL OR $3 < first_seen THEN $3 ELSE first_seen END,
			last_seen = CASE WHEN $3::text IS NULL THEN last_seen WHEN last_seen IS NULL OR $3 > last_seen THEN $3 ELSE last_seen END
			FROM unnest($1::bigint[], $2::integer[]) AS v(id, m) WHERE entities.id = v.id`, ids, ms, dy)
	}
	// roles and names, one upsert each: their keys are case-insensitive
	// (lower()), and one upsert may not touch a row twice, so rows that fold
	// together are grouped first and counted as the SQLite store counts
	// them, once per row
	var rEnt, nEnt []int64
	var rRole, nName []string
	for _, e := range ents.List {
		for _, r := range e.SortedRoles() {
			rEnt, rRole = append(rEnt, e.ID), append(rRole, r)
		}
		for _, nm := range e.SortedNames() {
			nEnt, nName = append(nEnt, e.ID), append(nName, nm)
		}
	}
	if len(rEnt) > 0 {
		b.Queue(`INSERT INTO roles(entity, role, first_seen, last_seen, articles)
			SELECT e, min(r), $3, $3, count(*) FROM unnest($1::bigint[], $2::text[]) AS v(e, r) GROUP BY e, lower(r)
			ON CONFLICT (entity, lower(role)) DO UPDATE SET articles = roles.articles + excluded.articles,
			first_seen = CASE WHEN excluded.first_seen IS NULL THEN roles.first_seen WHEN roles.first_seen IS NULL OR excluded.first_seen < roles.first_seen THEN excluded.first_seen ELSE roles.first_seen END,
			last_seen = CASE WHEN excluded.last_seen IS NULL THEN roles.last_seen WHEN roles.last_seen IS NULL OR excluded.last_seen > roles.last_seen THEN excluded.last_seen ELSE roles.last_seen END`,
			rEnt, rRole, dy)
	}
	if len(nEnt) > 0 {
		b.Queue(`INSERT INTO entity_names(entity, name, n)
			SELECT e, min(nm), count(*) FROM unnest($1::bigint[], $2::text[]) AS v(e, nm) GROUP BY e, lower(nm)
			ON CONFLICT (entity, lower(name)) DO UPDATE SET n = entity_names.n + excluded.n`, nEnt, nName)
	}
	// co-occurrence among the most mentioned network entities
	var pa, pb []int64
	for _, p := range ents.Pairs() {
		pa, pb = append(pa, p[0]), append(pb, p[1])
		s.cache.Paired(p[0], p[1])
	}
	if len(pa) > 0 {
		b.Queue(`INSERT INTO pairs(a, b, articles) SELECT a, b, 1 FROM unnest($1::bigint[], $2::bigint[]) AS v(a, b)
			ON CONFLICT (a, b) DO UPDATE SET articles = pairs.articles + 1`, pa, pb)
	}
	// quotes, in document order
	if len(d.Quotes) > 0 {
		var (
			sp           []*int64
			nm, cue      []*string
			texts        []string
			direct       []bool
			starts, ends []int32
		)
		for _, q := range d.Quotes {
			var speaker *int64
			if id, ok := ents.Ref(q.Speaker); ok {
				speaker = &id
			}
			sp, nm, texts, cue = append(sp, speaker), append(nm, q.SpeakerName), append(texts, q.Text), append(cue, q.Cue)
			direct, starts, ends = append(direct, q.Direct), append(starts, int32(q.Start)), append(ends, int32(q.End))
		}
		b.Queue(`INSERT INTO quotes(doc, speaker, speaker_name, text, cue, direct, start_at, end_at, day, tsv)
			SELECT $1, sp, nm, tx, cue, dr, st, en, $9, to_tsvector($10::regconfig, tx)
			FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::boolean[], $7::integer[], $8::integer[]) WITH ORDINALITY AS v(sp, nm, tx, cue, dr, st, en, i)
			ORDER BY i`, n, sp, nm, texts, cue, direct, starts, ends, dy, cfg)
	}
	// events with their actors
	var ea, eb []int64
	var et []string
	for _, e := range d.Events {
		var loc *int64
		if id, ok := ents.Ref(e.Location); ok {
			loc = &id
		}
		src, tgt := ents.Actors(e)
		sides := make([]string, 0, len(src)+len(tgt))
		for range src {
			sides = append(sides, "source")
		}
		for range tgt {
			sides = append(sides, "target")
		}
		actors := append(append(make([]int64, 0, len(sides)), src...), tgt...)
		b.Queue(`WITH v AS (INSERT INTO events(doc, type, mode, date, location, negated, hypothetical, ev_start, ev_end, ev_text, day)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id)
			INSERT INTO event_actors(event, side, entity) SELECT v.id, a.side, a.entity FROM v, unnest($12::text[], $13::bigint[]) AS a(side, entity)
			ON CONFLICT DO NOTHING`,
			n, e.Type, e.Mode, e.Date, loc, e.Negated, e.Hypothetical, int32(e.Evidence.Start), int32(e.Evidence.End), e.Evidence.Text, dy, sides, actors)
		for _, a := range src {
			for _, c := range tgt {
				if a != c {
					ea, eb, et = append(ea, a), append(eb, c), append(et, e.Type)
				}
			}
		}
	}
	// typed edges between actors, grouped so that one upsert counts each
	// (source, target, type) as often as it occurs
	if len(ea) > 0 {
		b.Queue(`INSERT INTO edge_events(a, b, type, n)
			SELECT a, b, t, count(*) FROM unnest($1::bigint[], $2::bigint[], $3::text[]) AS v(a, b, t) GROUP BY a, b, t
			ON CONFLICT (a, b, type) DO UPDATE SET n = edge_events.n + excluded.n`, ea, eb, et)
	}
	if end != nil {
		end(b, ch)
	}
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return "", err
	}
	return storyID, nil
}

// near is the story of a document's closest stored near-duplicate.
type near struct {
	n  int64  // the story's number, 0 when there is none
	id string // the story's id
}

// nearestQuery returns the query of the stored documents sharing an LSH
// band with a signature: at most 12 per band, band by band, as the SQLite
// store visits them.
func nearestQuery(sig store.Signature) (string, []any) {
	bands := sig.BandKeys()
	return `SELECT b.i, d.minhash, d.story, st.id
		FROM unnest($1::bigint[]) WITH ORDINALITY AS b(band, i)
		CROSS JOIN LATERAL (SELECT doc FROM lsh_bands WHERE band = b.band ORDER BY doc LIMIT 12) l
		JOIN documents d ON d.n = l.doc JOIN documents st ON st.n = d.story
		ORDER BY b.i, l.doc`, []any{bands[:]}
}

// scanNearest reads nearestQuery's rows and returns the story of the most
// similar candidate at or above store.NearJaccard (0 and "" when there is
// none); a copy at 0.8 or more ends the search.
func scanNearest(rows pgx.Rows, sig store.Signature) (int64, string, error) {
	defer rows.Close()
	nearest := store.NewNearest(sig)
	var storyID string
	band := int64(0)
	for rows.Next() {
		var i, story int64
		var blob []byte
		var sid string
		if err := rows.Scan(&i, &blob, &story, &sid); err != nil {
			return 0, "", err
		}
		if i != band {
			if nearest.Done() {
				break // a close copy is found; the story is known
			}
			band = i
		}
		if nearest.Offer(blob, story) {
			storyID = sid
		}
	}
	return nearest.Story, storyID, rows.Err()
}
