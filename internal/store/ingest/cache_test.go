package ingest

import (
	"context"
	"reflect"
	"strconv"
	"testing"

	"github.com/newsgraph/newsgraph/internal/xentity"
)

// fakeDB is a database of two entities that counts what it is asked.
type fakeDB struct {
	ents    map[int64]*CachedEntity
	keys    map[string][]int64
	nbrs    map[int64]map[int64]int
	asked   int
	written []string // "key/typ/id/deferred"
}

func (f *fakeDB) ReadEntity(_ context.Context, id int64) (*CachedEntity, error) {
	f.asked++
	e := *f.ents[id]
	return &e, nil
}

func (f *fakeDB) LookupKey(_ context.Context, typ, key string) ([]int64, error) {
	f.asked++
	return f.keys[CacheKey(typ, key)], nil
}

func (f *fakeDB) Neighbours(_ context.Context, id int64) (map[int64]int, error) {
	f.asked++
	nb := map[int64]int{}
	for k, v := range f.nbrs[id] {
		nb[k] = v
	}
	return nb, nil
}

func (f *fakeDB) WriteKey(_ context.Context, key, typ string, id int64, deferred bool) error {
	d := "now"
	if deferred {
		d = "later"
	}
	f.written = append(f.written, key+"/"+typ+"/"+strconv.FormatInt(id, 10)+"/"+d)
	return nil
}

func newFake() *fakeDB {
	return &fakeDB{
		ents: map[int64]*CachedEntity{1: {Name: "Anna Berg", Articles: 3, Keys: []string{"anna berg"}}, 2: {Name: "Acme", Articles: 1}},
		keys: map[string][]int64{CacheKey("PERSON", "berg"): {1}},
		nbrs: map[int64]map[int64]int{1: {2: 4}, 2: {1: 4}},
	}
}

func TestIndexLookup(t *testing.T) {
	ctx := context.Background()
	db := newFake()
	x := &Index{Cache: NewCache(), DB: db}
	for range 2 {
		got, err := x.Lookup(ctx, "PERSON", "berg")
		if err != nil {
			t.Fatal(err)
		}
		want := []xentity.Candidate{{ID: 1, Name: "Anna Berg", Articles: 3, Keys: []string{"anna berg"}}}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("Lookup = %+v, want %+v", got, want)
		}
	}
	if db.asked != 2 {
		t.Errorf("database asked %d times, want 2 (key and entity, once)", db.asked)
	}
	// a complete cache answers for keys it lacks
	x.Cache.Complete = true
	if got, _ := x.Lookup(ctx, "PERSON", "nobody"); len(got) != 0 || db.asked != 2 {
		t.Errorf("complete cache: %v, asked %d", got, db.asked)
	}
}

func TestIndexOverlapAndPaired(t *testing.T) {
	ctx := context.Background()
	db := newFake()
	x := &Index{Cache: NewCache(), DB: db}
	got, err := x.Overlap(ctx, []int64{1}, []int64{2, 3})
	if err != nil || !reflect.DeepEqual(got, map[int64]int{1: 4}) {
		t.Fatalf("Overlap = %v, %v", got, err)
	}
	x.Cache.Paired(2, 1)
	x.Cache.Paired(5, 6) // neither cached: nothing to update
	got, _ = x.Overlap(ctx, []int64{1}, []int64{2})
	if got[1] != 5 || db.asked != 1 {
		t.Errorf("after Paired: %v, asked %d", got, db.asked)
	}
	if _, ok := x.Cache.Nbrs[5]; ok {
		t.Errorf("Paired cached an entity never asked about")
	}
}

func TestIndexAddKeys(t *testing.T) {
	ctx := context.Background()
	db := newFake()
	x := &Index{Cache: NewCache(), DB: db}
	if _, err := x.Lookup(ctx, "PERSON", "berg"); err != nil {
		t.Fatal(err)
	}
	keys := []string{"berg", "anna berg", xentity.SurnamePrefix + "berg", "a berg"}
	if err := x.AddKeys(ctx, 1, "PERSON", keys); err != nil {
		t.Fatal(err)
	}
	// "berg" is held; the others are unknown to an incomplete cache: written now
	want := []string{"anna berg/PERSON/1/now", xentity.SurnamePrefix + "berg/PERSON/1/now", "a berg/PERSON/1/now"}
	if !reflect.DeepEqual(db.written, want) {
		t.Errorf("written %q, want %q", db.written, want)
	}
	if e := x.Cache.Ents[1]; !reflect.DeepEqual(e.Keys, []string{"anna berg", "anna berg", "a berg"}) {
		t.Errorf("entity keys %q (surname keys are not full-name keys)", e.Keys)
	}
	db.written = nil
	x.Cache.Complete = true
	if err := x.AddKeys(ctx, 2, "ORG", []string{"acme"}); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(db.written, []string{"acme/ORG/2/later"}) || !reflect.DeepEqual(x.Cache.Keys[CacheKey("ORG", "acme")], []int64{2}) {
		t.Errorf("complete cache: written %q, keys %v", db.written, x.Cache.Keys)
	}
}

func TestCacheLearnAndCounted(t *testing.T) {
	c := NewCache()
	c.Learn("ORG", "acme", 2) // not held, cache incomplete: left to the database
	if _, ok := c.Keys[CacheKey("ORG", "acme")]; ok {
		t.Errorf("Learn cached a key the cache does not answer for")
	}
	if err := c.Preload(&keyRows{rows: [][3]any{{"acme", "ORG", int64(2)}}}); err != nil || !c.Complete {
		t.Fatalf("Preload: %v, complete %v", err, c.Complete)
	}
	c.Learn("PERSON", "new", 4) // the cache is complete: it learns any key
	if got := c.Keys[CacheKey("PERSON", "new")]; !reflect.DeepEqual(got, []int64{4}) {
		t.Errorf("learned %v", got)
	}
	c.Learn("ORG", "acme", 2)
	c.Learn("ORG", "acme", 3)
	if got := c.Keys[CacheKey("ORG", "acme")]; !reflect.DeepEqual(got, []int64{2, 3}) {
		t.Errorf("keys %v", got)
	}
	c.Ents[2] = &CachedEntity{Name: "Acme", Roles: []string{"maker"}}
	c.Counted(2, map[string]string{"maker": "Maker", "seller": "Seller"})
	c.Counted(9, map[string]string{"x": "X"})
	if e := c.Ents[2]; e.Articles != 1 || !reflect.DeepEqual(e.Roles, []string{"maker", "seller"}) {
		t.Errorf("Counted: %+v", e)
	}
	if c.Full() {
		t.Errorf("small cache Full")
	}
	c.Reset()
	if len(c.Keys)+len(c.Ents)+len(c.Nbrs) != 0 || c.Complete {
		t.Errorf("Reset left %+v", c)
	}
}

// keyRows serves entity_keys rows (key, type, entity).
type keyRows struct {
	rows [][3]any
	at   int
}

func (k *keyRows) Next() bool { k.at++; return k.at <= len(k.rows) }

func (k *keyRows) Scan(dest ...any) error {
	r := k.rows[k.at-1]
	*dest[0].(*string), *dest[1].(*string), *dest[2].(*int64) = r[0].(string), r[1].(string), r[2].(int64)
	return nil
}

func (k *keyRows) Err() error { return nil }

// TestKeyHeldByMany checks that a key many entities hold (as every English
// name holds EnglishMark) is added once per entity, whether the cache has
// indexed its list yet or not.
func TestKeyHeldByMany(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name    string
		holders int
	}{
		{"few", 3},
		{"at the bound", manyHolders},
		{"many", 5 * manyHolders},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db := &fakeDB{ents: map[int64]*CachedEntity{}}
			x := &Index{Cache: NewCache(), DB: db}
			x.Cache.Complete = true
			for id := int64(1); id <= int64(c.holders); id++ {
				db.ents[id] = &CachedEntity{Name: "E" + strconv.FormatInt(id, 10)}
				// twice: the second time the entity holds it already
				for range 2 {
					if err := x.AddKeys(ctx, id, "ORG", []string{xentity.EnglishMark}); err != nil {
						t.Fatal(err)
					}
				}
				x.Cache.Learn("ORG", xentity.EnglishMark, id)
			}
			ids := x.Cache.Keys[CacheKey("ORG", xentity.EnglishMark)]
			if len(ids) != c.holders || len(db.written) != c.holders {
				t.Errorf("%d holders listed, %d rows written, want %d", len(ids), len(db.written), c.holders)
			}
			for i, id := range ids {
				if id != int64(i+1) {
					t.Fatalf("holders %v", ids)
				}
			}
		})
	}
}
