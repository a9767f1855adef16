package sqlite

import (
	"context"
	"database/sql"
	"strings"

	"github.com/newsgraph/newsgraph/internal/xentity"
)

// The entity cache keeps, for the writer only, what entity linking reads
// for every entity of every document: which entities hold an index key, and
// each entity's name, article count, full-name keys and roles. It mirrors
// the tables as this connection writes them, so linking costs map lookups
// instead of queries. It is dropped whenever it may be stale: after a
// rolled-back document, and when another connection (another process) has
// committed since (PRAGMA data_version).
type cache struct {
	keys        map[string][]int64 // type + "\x00" + key -> entity ids
	ents        map[int64]*centity
	nbrs        map[int64]map[int64]int // co-occurrence counts of entities asked about
	dataVersion int64
	// complete is true when keys holds every index key of the database, so
	// a key missing from it is missing from the database too.
	complete bool
}

type centity struct {
	name     string
	articles int
	keys     []string // full-name keys
	roles    []string // lower-cased
}

// maxCached bounds the cache; past it, it starts again empty.
const maxCached = 2_000_000

// maxPreload is the most index keys loaded whole when the cache starts.
const maxPreload = 1_500_000

func newCache() *cache {
	return &cache{keys: map[string][]int64{}, ents: map[int64]*centity{}, nbrs: map[int64]map[int64]int{}}
}

func (c *cache) reset() {
	c.keys = map[string][]int64{}
	c.ents = map[int64]*centity{}
	c.nbrs = map[int64]map[int64]int{}
	c.complete = false
}

// check drops the cache when another connection has written the database.
func (c *cache) check(ctx context.Context, tx *sql.Tx) error {
	var v int64
	if err := tx.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&v); err != nil {
		return err
	}
	if v != c.dataVersion || len(c.ents) > maxCached || len(c.keys) > maxCached || len(c.nbrs) > maxCached/10 {
		c.reset()
		c.dataVersion = v
	}
	if len(c.keys) == 0 && !c.complete {
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
	if n > maxPreload {
		return nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT key, type, entity FROM entity_keys`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k, t string
		var id int64
		if err := rows.Scan(&k, &t, &id); err != nil {
			return err
		}
		ck := t + "\x00" + k
		c.keys[ck] = append(c.keys[ck], id)
	}
	if err := rows.Err(); err != nil {
		c.reset()
		return err
	}
	c.complete = true
	return nil
}

func (x *index) entity(ctx context.Context, id int64) (*centity, error) {
	c := x.s.cache
	if e, ok := c.ents[id]; ok {
		return e, nil
	}
	e := &centity{}
	if err := x.s.stx(ctx, x.tx, x.s.st.entGet).QueryRowContext(ctx, id).Scan(&e.name, &e.articles); err != nil {
		return nil, err
	}
	var keys, roles sql.NullString
	if err := x.s.stx(ctx, x.tx, x.s.st.entMore).QueryRowContext(ctx, id).Scan(&keys, &roles); err != nil {
		return nil, err
	}
	if keys.String != "" {
		e.keys = strings.Split(keys.String, "|")
	}
	if roles.String != "" {
		e.roles = strings.Split(strings.ToLower(roles.String), "|")
	}
	c.ents[id] = e
	return e, nil
}

// Lookup implements xentity.Index from the cache, asking the database on a miss.
func (x *index) Lookup(ctx context.Context, typ, key string) ([]xentity.Candidate, error) {
	c := x.s.cache
	ck := typ + "\x00" + key
	ids, ok := c.keys[ck]
	if !ok && !c.complete {
		rows, err := x.s.stx(ctx, x.tx, x.s.st.keyLookup).QueryContext(ctx, key, typ)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, err
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		c.keys[ck] = ids
	}
	out := make([]xentity.Candidate, 0, len(ids))
	for _, id := range ids {
		e, err := x.entity(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, xentity.Candidate{ID: id, Name: e.name, Articles: e.articles, Keys: e.keys, Roles: e.roles})
	}
	return out, nil
}

// Create implements xentity.Index.
func (x *index) Create(ctx context.Context, name, typ string) (int64, error) {
	res, err := x.s.stx(ctx, x.tx, x.s.st.entIns).ExecContext(ctx, name, typ)
	if err != nil {
		return 0, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	x.s.cache.ents[id] = &centity{name: name}
	return id, nil
}

// AddKeys implements xentity.Index, writing only keys the entity lacks.
func (x *index) AddKeys(ctx context.Context, id int64, typ string, keys []string) error {
	c := x.s.cache
	e, err := x.entity(ctx, id)
	if err != nil {
		return err
	}
	for _, k := range keys {
		ck := typ + "\x00" + k
		ids, loaded := c.keys[ck]
		loaded = loaded || c.complete
		have := false
		for _, o := range ids {
			have = have || o == id
		}
		if have {
			continue
		}
		if loaded {
			// the cache answers every later lookup of this key: the row
			// can wait for one multi-row insert after linking
			c.keys[ck] = append(ids, id)
			x.pending = append(x.pending, k, typ, id)
		} else if _, err := x.s.stx(ctx, x.tx, x.s.st.keyIns).ExecContext(ctx, k, typ, id); err != nil {
			return err
		}
		if !strings.HasPrefix(k, xentity.SurnamePrefix) {
			e.keys = append(e.keys, k)
		}
	}
	return nil
}

// Rename implements xentity.Index.
func (x *index) Rename(ctx context.Context, id int64, name string) error {
	if _, err := x.s.stx(ctx, x.tx, x.s.st.rename).ExecContext(ctx, name, id); err != nil {
		return err
	}
	if e, ok := x.s.cache.ents[id]; ok {
		e.name = name
	}
	return nil
}

// counted records in the cache what putOne wrote about an entity.
func (c *cache) counted(id int64, roles map[string]string) {
	e, ok := c.ents[id]
	if !ok {
		return
	}
	e.articles++
	for r := range roles {
		have := false
		for _, o := range e.roles {
			have = have || o == r
		}
		if !have {
			e.roles = append(e.roles, r)
		}
	}
}

// paired records in the cache a co-occurrence written to the pairs table.
func (c *cache) paired(a, b int64) {
	if nb, ok := c.nbrs[a]; ok {
		nb[b]++
	}
	if nb, ok := c.nbrs[b]; ok {
		nb[a]++
	}
}

// flush writes the index keys AddKeys held back.
func (x *index) flush(ctx context.Context) error {
	err := x.s.execRows(ctx, x.tx, `INSERT OR IGNORE INTO entity_keys(key, type, entity) VALUES `, `(?,?,?)`, ``, 3, x.pending)
	x.pending = x.pending[:0]
	return err
}
