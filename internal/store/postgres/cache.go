package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/ingest"
	"github.com/newsgraph/newsgraph/internal/xentity"
)

// The entity cache (ingest.Cache) keeps, for this process's writer, what
// entity linking reads, so that linking costs map lookups instead of round
// trips to the server; it also knows the text search configurations in use.
//
// Other processes write too. Every Put bumps writes.generation under the
// write lock and records in the changes table which entities it touched and
// which index keys it added. A writer whose cache is at generation g and
// whose Put gets generation g+1 knows nobody else wrote; otherwise it reads
// the changes since g and forgets those entities (keys are only ever added,
// so added keys are applied to the cache). When the changes are too many or
// no longer kept, the cache starts again empty. It is also dropped after a
// rolled-back document or transaction.
type cache struct {
	ingest.Cache
	cfgs map[string]bool // text search configurations in fts_configs
	// gen is the write generation the cache reflects; -1 when unknown
	gen int64
	// loads counts preloads (the cost of starting again), for tests.
	loads int
}

// Bounds of the changes other writers read.
const (
	// keepChanges is how many generations of changes are kept for other
	// writers; maxCatchUp is the most a writer reads instead of starting
	// again.
	keepChanges = 20_000
	maxCatchUp  = 2_000
)

func newCache() *cache {
	c := &cache{}
	c.reset()
	return c
}

func (c *cache) reset() {
	c.Reset()
	c.cfgs = map[string]bool{}
	c.gen = -1
}

// check brings the cache up to date at the start of a Put transaction that
// got write generation gen: it applies other writers' changes since the
// cache's generation, or starts again.
func (c *cache) check(ctx context.Context, tx conn, gen int64) error {
	if c.Full() {
		c.reset()
	}
	if c.gen >= 0 && gen != c.gen+1 {
		if gen-c.gen-1 > maxCatchUp {
			c.reset()
		} else if err := c.catchUp(ctx, tx, gen); err != nil {
			c.reset()
			return err
		}
	}
	if c.gen < 0 {
		c.reset()
		if err := c.preload(ctx, tx); err != nil {
			c.reset()
			return err
		}
	}
	c.gen = gen - 1 // Put sets gen after its commit
	return nil
}

// catchUp applies the changes of the generations after the cache's and
// before gen, or, when gen is 0, of every committed generation after the
// cache's (Put does that before it waits for the write lock, so that little
// is left to do while it holds the lock).
func (c *cache) catchUp(ctx context.Context, tx conn, gen int64) error {
	const cols = `SELECT generation, entities, key_keys, key_types, key_entities, cfgs FROM changes`
	var rows pgx.Rows
	var err error
	if gen > 0 {
		rows, err = tx.Query(ctx, cols+` WHERE generation > $1 AND generation < $2`, c.gen, gen)
	} else {
		// one statement, one snapshot: every change up to the committed
		// generation is there
		rows, err = tx.Query(ctx, cols+` WHERE generation > $1 AND generation <= (SELECT generation FROM writes)`, c.gen)
	}
	if err != nil {
		return err
	}
	defer rows.Close()
	n, top := int64(0), c.gen
	var stale []int64 // cached entities another writer changed
	for rows.Next() {
		var g int64
		var ents, kents []int64
		var keys, types, cfgs []string
		if err := rows.Scan(&g, &ents, &keys, &types, &kents, &cfgs); err != nil {
			return err
		}
		n++
		top = max(top, g)
		for _, id := range ents {
			if _, ok := c.Ents[id]; ok {
				stale = append(stale, id)
			}
			// a changed pair has both ends among the touched entities
			delete(c.Nbrs, id)
		}
		for i := range keys {
			if i >= len(types) || i >= len(kents) {
				break
			}
			c.Learn(types[i], keys[i], kents[i])
		}
		for _, cfg := range cfgs {
			c.cfgs[cfg] = true
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	rows.Close()
	if gen > 0 {
		top = gen - 1
	}
	if n != top-c.gen {
		c.reset() // some changes are no longer kept
		return nil
	}
	c.gen = top
	return c.refresh(ctx, tx, stale)
}

// refresh reads cached entities again, in one query.
func (c *cache) refresh(ctx context.Context, tx conn, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	for _, id := range ids {
		delete(c.Ents, id)
	}
	rows, err := tx.Query(ctx, `SELECT e.id, e.name, e.articles,
		coalesce((SELECT array_agg(k.key ORDER BY k.key) FROM entity_keys k WHERE k.entity = e.id AND NOT starts_with(k.key, $2)), '{}'),
		coalesce((SELECT array_agg(lower(r.role) ORDER BY r.role) FROM roles r WHERE r.entity = e.id), '{}')
		FROM entities e WHERE e.id = ANY($1)`, ids, xentity.SurnamePrefix)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		e := &ingest.CachedEntity{}
		if err := rows.Scan(&id, &e.Name, &e.Articles, &e.Keys, &e.Roles); err != nil {
			return err
		}
		c.Ents[id] = e
	}
	return rows.Err()
}

// preload reads every index key when there are not too many, so that
// linking never asks the database about names it has never seen, and the
// text search configurations in use.
func (c *cache) preload(ctx context.Context, tx conn) error {
	c.loads++
	rows, err := tx.Query(ctx, `SELECT cfg::text FROM fts_configs`)
	if err != nil {
		return err
	}
	cfgs, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return err
	}
	for _, cfg := range cfgs {
		c.cfgs[cfg] = true
	}
	var n int
	if err := tx.QueryRow(ctx, `SELECT count(*) FROM entity_keys`).Scan(&n); err != nil {
		return err
	}
	if n > ingest.MaxPreload {
		return nil
	}
	rows, err = tx.Query(ctx, `SELECT key, type, entity FROM entity_keys`)
	if err != nil {
		return err
	}
	defer rows.Close()
	return c.Preload(rows)
}

// changes is what one Put changed that other writers' caches may hold: the
// entities it touched, the index keys it added and the text search
// configurations it began to use.
type changes struct {
	seen  map[int64]bool
	ents  []int64
	keys  []string
	types []string
	kents []int64
	cfgs  []string
}

// entity records a touched entity.
func (ch *changes) entity(id int64) {
	if ch.seen == nil {
		ch.seen = map[int64]bool{}
	}
	if !ch.seen[id] {
		ch.seen[id] = true
		ch.ents = append(ch.ents, id)
	}
}

// key records an added index key.
func (ch *changes) key(key, typ string, id int64) {
	ch.keys, ch.types, ch.kents = append(ch.keys, key), append(ch.types, typ), append(ch.kents, id)
	ch.entity(id)
}

// merge adds the changes of a committed document.
func (ch *changes) merge(o *changes) {
	for _, id := range o.ents {
		ch.entity(id)
	}
	ch.keys, ch.types, ch.kents = append(ch.keys, o.keys...), append(ch.types, o.types...), append(ch.kents, o.kents...)
	ch.cfgs = append(ch.cfgs, o.cfgs...)
}

// queue adds to b the statements recording the changes of generation gen,
// and now and then those forgetting old ones.
func (ch *changes) queue(b *pgx.Batch, gen int64) {
	nz := func(s []string) []string {
		if s == nil {
			return []string{}
		}
		return s
	}
	ents, kents := ch.ents, ch.kents
	if ents == nil {
		ents = []int64{}
	}
	if kents == nil {
		kents = []int64{}
	}
	b.Queue(`INSERT INTO changes(generation, entities, key_keys, key_types, key_entities, cfgs) VALUES ($1, $2, $3, $4, $5, $6)`,
		gen, ents, nz(ch.keys), nz(ch.types), kents, nz(ch.cfgs))
	if gen%1000 == 0 {
		b.Queue(`DELETE FROM changes WHERE generation <= $1`, gen-keepChanges)
	}
}

// index is xentity.Index over the write transaction: ingest.Index over the
// cache, with this store's queries (ingest.DB), Create and Rename.
type index struct {
	ingest.Index
	tx      conn
	s       *Store
	ch      *changes
	b       *pgx.Batch // the document's batch, sent after linking
	pending []string   // entity_keys rows (key, type) not yet written…
	pendID  []int64    // …and their entities
	pendTyp []string
}

func newIndex(tx conn, s *Store, ch *changes, b *pgx.Batch) *index {
	x := &index{tx: tx, s: s, ch: ch, b: b}
	x.Index = ingest.Index{Cache: &s.cache.Cache, DB: x}
	return x
}

// ReadEntity implements ingest.DB.
func (x *index) ReadEntity(ctx context.Context, id int64) (*ingest.CachedEntity, error) {
	e := &ingest.CachedEntity{}
	err := x.tx.QueryRow(ctx, `SELECT name, articles,
		coalesce((SELECT array_agg(key ORDER BY key) FROM entity_keys WHERE entity = $1 AND NOT starts_with(key, $2)), '{}'),
		coalesce((SELECT array_agg(lower(role) ORDER BY role) FROM roles WHERE entity = $1), '{}')
		FROM entities WHERE id = $1`, id, xentity.SurnamePrefix).Scan(&e.Name, &e.Articles, &e.Keys, &e.Roles)
	if err != nil {
		return nil, err
	}
	return e, nil
}

// LookupKey implements ingest.DB.
func (x *index) LookupKey(ctx context.Context, typ, key string) ([]int64, error) {
	rows, err := x.tx.Query(ctx, `SELECT entity FROM entity_keys WHERE key = $1 AND type = $2 LIMIT 50`, key, typ)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[int64])
}

// Neighbours implements ingest.DB from the pairs table.
func (x *index) Neighbours(ctx context.Context, id int64) (map[int64]int, error) {
	rows, err := x.tx.Query(ctx, `SELECT b, articles FROM pairs WHERE a = $1 UNION ALL SELECT a, articles FROM pairs WHERE b = $1`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return store.ReadNeighbours(rows)
}

// WriteKey implements ingest.DB: deferred rows are queued by flush in the
// document's batch; each added key is recorded for other writers.
func (x *index) WriteKey(ctx context.Context, key, typ string, id int64, deferred bool) error {
	if deferred {
		x.pending, x.pendTyp, x.pendID = append(x.pending, key), append(x.pendTyp, typ), append(x.pendID, id)
	} else if _, err := x.tx.Exec(ctx, `INSERT INTO entity_keys(key, type, entity) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, key, typ, id); err != nil {
		return err
	}
	x.ch.key(key, typ, id)
	return nil
}

// Create implements xentity.Index: the id comes from numbers taken from
// the sequence in advance, and the row is written with the document's batch.
func (x *index) Create(ctx context.Context, name, typ string) (int64, error) {
	if len(x.s.entIDs) == 0 {
		rows, err := x.tx.Query(ctx, `SELECT nextval('entities_id_seq') FROM generate_series(1, 64)`)
		if err != nil {
			return 0, err
		}
		if x.s.entIDs, err = pgx.CollectRows(rows, pgx.RowTo[int64]); err != nil {
			return 0, err
		}
	}
	id := x.s.entIDs[0]
	x.s.entIDs = x.s.entIDs[1:]
	x.b.Queue(`INSERT INTO entities(id, name, type) VALUES ($1, $2, $3)`, id, name, typ)
	x.Cache.Ents[id] = &ingest.CachedEntity{Name: name}
	x.ch.entity(id)
	return id, nil
}

// Rename implements xentity.Index; the update goes with the document's
// batch, after the entity's row.
func (x *index) Rename(ctx context.Context, id int64, name string) error {
	e, err := x.Entity(ctx, id)
	if err != nil {
		return err
	}
	e.Name = name
	x.b.Queue(`UPDATE entities SET name = $1 WHERE id = $2`, name, id)
	x.ch.entity(id)
	return nil
}

// flush queues the index keys AddKeys held back.
func (x *index) flush() {
	if len(x.pending) == 0 {
		return
	}
	x.b.Queue(`INSERT INTO entity_keys(key, type, entity) SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[]) ON CONFLICT DO NOTHING`,
		x.pending, x.pendTyp, x.pendID)
	x.pending, x.pendTyp, x.pendID = nil, nil, nil
}
