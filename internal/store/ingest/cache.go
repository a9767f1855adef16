package ingest

import (
	"context"
	"strings"

	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/xentity"
)

// Cache keeps, for a store's writer, what entity linking reads for every
// entity of every document: which entities hold an index key, and each
// entity's name, article count, full-name keys and roles, and the
// co-occurrence counts of the entities linking asked about. It mirrors the
// tables as the writer writes them, so that linking costs map lookups
// instead of queries. When it may be stale (after a rolled-back document,
// or when another process has written) the store resets it, or, in the
// PostgreSQL store, forgets what the other writers changed.
type Cache struct {
	// Keys maps CacheKey(type, key) to the entities holding the key.
	Keys map[string][]int64
	// Ents holds the entities read or written.
	Ents map[int64]*CachedEntity
	// Nbrs holds the co-occurrence counts of entities asked about.
	Nbrs map[int64]map[int64]int
	// Complete is true when Keys holds every index key of the database, so
	// a key missing from it is missing from the database too.
	Complete bool
	// held indexes the entities of the keys that many hold (EnglishMark,
	// common surnames), so that asking whether an entity holds one does not
	// read the whole list; built as they are asked about.
	held map[string]*heldSet
}

// heldSet is the set of the first n entities of a Keys list.
type heldSet struct {
	ids map[int64]struct{}
	n   int
}

// manyHolders is the length of a Keys list past which held indexes it.
const manyHolders = 32

// holds reports whether ids, the list Keys has for ck, holds id.
func (c *Cache) holds(ck string, ids []int64, id int64) bool {
	if len(ids) <= manyHolders {
		return has(ids, id)
	}
	if c.held == nil {
		c.held = map[string]*heldSet{}
	}
	h := c.held[ck]
	if h == nil || h.n > len(ids) {
		h = &heldSet{ids: make(map[int64]struct{}, len(ids))}
		c.held[ck] = h
	}
	// lists only grow at their end
	for ; h.n < len(ids); h.n++ {
		h.ids[ids[h.n]] = struct{}{}
	}
	_, ok := h.ids[id]
	return ok
}

// CachedEntity is what linking reads of an entity.
type CachedEntity struct {
	Name     string
	Articles int
	Keys     []string // full-name keys (not surname keys)
	Roles    []string // lower-cased
}

// Cache bounds.
const (
	// MaxCached is the most entries of a kind; past it, the cache starts
	// again empty (co-occurrence counts: a tenth of it).
	MaxCached = 2_000_000
	// MaxPreload is the most index keys a store loads whole when its cache
	// starts.
	MaxPreload = 1_500_000
)

// NewCache returns an empty cache.
func NewCache() *Cache {
	c := &Cache{}
	c.Reset()
	return c
}

// Reset empties the cache.
func (c *Cache) Reset() {
	c.Keys = map[string][]int64{}
	c.Ents = map[int64]*CachedEntity{}
	c.Nbrs = map[int64]map[int64]int{}
	c.held = map[string]*heldSet{}
	c.Complete = false
}

// Full reports whether the cache has grown past its bounds.
func (c *Cache) Full() bool {
	return len(c.Ents) > MaxCached || len(c.Keys) > MaxCached || len(c.Nbrs) > MaxCached/10
}

// CacheKey is the Keys entry of an index key of an entity type family.
func CacheKey(typ, key string) string { return typ + "\x00" + key }

// Preload reads every index key row (key, type, entity) of the database
// into an empty cache, which is then Complete; on an error the cache is
// reset.
func (c *Cache) Preload(rows store.Rows) error {
	for rows.Next() {
		var k, t string
		var id int64
		if err := rows.Scan(&k, &t, &id); err != nil {
			c.Reset()
			return err
		}
		ck := CacheKey(t, k)
		c.Keys[ck] = append(c.Keys[ck], id)
	}
	if err := rows.Err(); err != nil {
		c.Reset()
		return err
	}
	c.Complete = true
	return nil
}

// Learn adds an index key another writer added, when the cache answers for
// the key (it holds the key's entities, or every key).
func (c *Cache) Learn(typ, key string, id int64) {
	ck := CacheKey(typ, key)
	ids, ok := c.Keys[ck]
	if !ok && !c.Complete {
		return // asked of the database when needed
	}
	if !c.holds(ck, ids, id) {
		c.Keys[ck] = append(ids, id)
	}
}

// Counted records what a document wrote about an entity: one more article,
// and its roles (keys of roles are lower-cased, as Entity.Roles has them).
func (c *Cache) Counted(id int64, roles map[string]string) {
	e, ok := c.Ents[id]
	if !ok {
		return
	}
	e.Articles++
	for r := range roles {
		if !hasString(e.Roles, r) {
			e.Roles = append(e.Roles, r)
		}
	}
}

// Paired records a co-occurrence written to the pairs table.
func (c *Cache) Paired(a, b int64) {
	if nb, ok := c.Nbrs[a]; ok {
		nb[b]++
	}
	if nb, ok := c.Nbrs[b]; ok {
		nb[a]++
	}
}

func has(ids []int64, id int64) bool {
	for _, o := range ids {
		if o == id {
			return true
		}
	}
	return false
}

func hasString(ss []string, s string) bool {
	for _, o := range ss {
		if o == s {
			return true
		}
	}
	return false
}

// DB is what Index asks of a store's database, inside its write
// transaction, when the cache does not know the answer.
type DB interface {
	// ReadEntity reads an entity's name, article count, full-name keys and
	// lower-cased roles.
	ReadEntity(ctx context.Context, id int64) (*CachedEntity, error)
	// LookupKey returns the entities holding an index key (at most 50).
	LookupKey(ctx context.Context, typ, key string) ([]int64, error)
	// Neighbours returns an entity's co-occurrence counts.
	Neighbours(ctx context.Context, id int64) (map[int64]int, error)
	// WriteKey writes an index key row. When deferred is true the cache
	// answers every later lookup of the key, so the row may wait (for one
	// multi-row insert after linking, or the document's batch).
	WriteKey(ctx context.Context, key, typ string, id int64, deferred bool) error
}

// Index is the reading half of xentity.Index (Lookup, Overlap) and AddKeys,
// over a Cache and a store's DB; a store embeds it and adds Create and
// Rename, whose writes differ between stores.
type Index struct {
	Cache *Cache
	DB    DB
}

// Entity returns a cached entity, reading it on a miss.
func (x *Index) Entity(ctx context.Context, id int64) (*CachedEntity, error) {
	if e, ok := x.Cache.Ents[id]; ok {
		return e, nil
	}
	e, err := x.DB.ReadEntity(ctx, id)
	if err != nil {
		return nil, err
	}
	x.Cache.Ents[id] = e
	return e, nil
}

// Lookup implements xentity.Index from the cache, asking the database on a
// miss.
func (x *Index) Lookup(ctx context.Context, typ, key string) ([]xentity.Candidate, error) {
	c := x.Cache
	ck := CacheKey(typ, key)
	ids, ok := c.Keys[ck]
	if !ok && !c.Complete {
		var err error
		if ids, err = x.DB.LookupKey(ctx, typ, key); err != nil {
			return nil, err
		}
		c.Keys[ck] = ids
	}
	out := make([]xentity.Candidate, 0, len(ids))
	for _, id := range ids {
		e, err := x.Entity(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, xentity.Candidate{ID: id, Name: e.Name, Articles: e.Articles, Keys: e.Keys, Roles: e.Roles})
	}
	return out, nil
}

// Overlap implements xentity.Index from cached co-occurrence counts.
func (x *Index) Overlap(ctx context.Context, ids []int64, others []int64) (map[int64]int, error) {
	out := map[int64]int{}
	for _, id := range ids {
		nb, err := x.neighbours(ctx, id)
		if err != nil {
			return nil, err
		}
		for _, o := range others {
			out[id] += nb[o]
		}
	}
	return out, nil
}

// neighbours returns an entity's co-occurrence counts, from the cache or
// the database.
func (x *Index) neighbours(ctx context.Context, id int64) (map[int64]int, error) {
	if nb, ok := x.Cache.Nbrs[id]; ok {
		return nb, nil
	}
	nb, err := x.DB.Neighbours(ctx, id)
	if err != nil {
		return nil, err
	}
	x.Cache.Nbrs[id] = nb
	return nb, nil
}

// AddKeys implements xentity.Index, writing only keys the entity lacks.
func (x *Index) AddKeys(ctx context.Context, id int64, typ string, keys []string) error {
	c := x.Cache
	e, err := x.Entity(ctx, id)
	if err != nil {
		return err
	}
	for _, k := range keys {
		ck := CacheKey(typ, k)
		ids, loaded := c.Keys[ck]
		loaded = loaded || c.Complete
		if c.holds(ck, ids, id) {
			continue
		}
		if loaded {
			c.Keys[ck] = append(ids, id)
		}
		if err := x.DB.WriteKey(ctx, k, typ, id, loaded); err != nil {
			return err
		}
		if !strings.HasPrefix(k, xentity.SurnamePrefix) {
			e.Keys = append(e.Keys, k)
		}
	}
	return nil
}
