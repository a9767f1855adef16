package sqlite

import (
	"context"
	"database/sql"
	"strings"

	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/ingest"
)

// The entity cache (ingest.Cache) keeps, for the writer only, what entity
// linking reads, mirroring the tables as this connection writes them. It is
// dropped whenever it may be stale: after a rolled-back document, and when
// another connection (another process) has committed since (PRAGMA
// data_version).
type cache struct {
	ingest.Cache
	dataVersion int64
}

func newCache() *cache { return &cache{Cache: *ingest.NewCache()} }

func (c *cache) reset() { c.Reset() }

// check drops the cache when another connection has written the database.
func (c *cache) check(ctx context.Context, tx *sql.Tx) error {
	var v int64
	if err := tx.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&v); err != nil {
		return err
	}
	if v != c.dataVersion || c.Full() {
		c.reset()
		c.dataVersion = v
	}
	if len(c.Keys) == 0 && !c.Complete {
		return c.preload(ctx, tx)
	}
	return nil
}

// preload reads every index key when there are not too many, so that
// linking never asks the database about names it has never seen.
func (c *cache) preload(ctx context.Context, tx *sql.Tx) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM entity_keys`).Scan(&n); err != nil {
		return err
	}
	if n > ingest.MaxPreload {
		return nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT key, type, entity FROM entity_keys`)
	if err != nil {
		return err
	}
	defer rows.Close()
	return c.Preload(rows)
}

// index is xentity.Index over the write transaction: ingest.Index over the
// cache, with this store's queries (ingest.DB), Create and Rename. What it
// writes waits in the transaction's pending rows (batch.go).
type index struct {
	ingest.Index
	tx *sql.Tx
	s  *Store
}

func newIndex(tx *sql.Tx, s *Store) *index {
	x := &index{tx: tx, s: s}
	x.Index = ingest.Index{Cache: &s.cache.Cache, DB: x}
	return x
}

// ReadEntity implements ingest.DB.
func (x *index) ReadEntity(ctx context.Context, id int64) (*ingest.CachedEntity, error) {
	e := &ingest.CachedEntity{}
	if err := x.s.stx(ctx, x.tx, x.s.st.entGet).QueryRowContext(ctx, id).Scan(&e.Name, &e.Articles); err != nil {
		return nil, err
	}
	var keys, roles sql.NullString
	if err := x.s.stx(ctx, x.tx, x.s.st.entMore).QueryRowContext(ctx, id).Scan(&keys, &roles); err != nil {
		return nil, err
	}
	if keys.String != "" {
		e.Keys = strings.Split(keys.String, "|")
	}
	if roles.String != "" {
		e.Roles = strings.Split(strings.ToLower(roles.String), "|")
	}
	return e, nil
}

// LookupKey implements ingest.DB.
func (x *index) LookupKey(ctx context.Context, typ, key string) ([]int64, error) {
	rows, err := x.s.stx(ctx, x.tx, x.s.st.keyLookup).QueryContext(ctx, key, typ)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// Neighbours implements ingest.DB from the pairs table and the batch's
// pending pairs.
func (x *index) Neighbours(ctx context.Context, id int64) (map[int64]int, error) {
	nb := map[int64]int{}
	if _, ok := x.s.pend.newEnts[id]; !ok { // an entity of this batch has no stored pairs
		rows, err := x.s.stx(ctx, x.tx, x.s.st.neighbours).QueryContext(ctx, id)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		if nb, err = store.ReadNeighbours(rows); err != nil {
			return nil, err
		}
	}
	for _, o := range x.s.pend.pairsOf[id] {
		nb[o]++
	}
	return nb, nil
}

// WriteKey implements ingest.DB: deferred rows wait for the end of the
// batch.
func (x *index) WriteKey(ctx context.Context, key, typ string, id int64, deferred bool) error {
	if deferred {
		x.s.pend.keys = append(x.s.pend.keys, key, typ, id)
		return nil
	}
	_, err := x.s.stx(ctx, x.tx, x.s.st.keyIns).ExecContext(ctx, key, typ, id)
	return err
}

// Create implements xentity.Index: the entity is numbered now and written
// with its counts at the end of the batch.
func (x *index) Create(ctx context.Context, name, typ string) (int64, error) {
	id := x.s.pend.create(name, typ)
	x.Cache.Ents[id] = &ingest.CachedEntity{Name: name}
	return id, nil
}

// Rename implements xentity.Index.
func (x *index) Rename(ctx context.Context, id int64, name string) error {
	if !x.s.pend.rename(id, name) {
		if _, err := x.s.stx(ctx, x.tx, x.s.st.rename).ExecContext(ctx, name, id); err != nil {
			return err
		}
	}
	if e, ok := x.Cache.Ents[id]; ok {
		e.Name = name
	}
	return nil
}
