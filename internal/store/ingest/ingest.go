// Package ingest is what every store computes before it writes a document,
// whatever its database: the near-duplicate fingerprints of a batch
// (computed on every core), the checks a document must pass, its day, and
// the rows its linked entities make (per corpus entity: mentions, names,
// roles; the co-occurrence pairs of the actor network; quote speakers and
// event actors as corpus ids). It also holds the writer's entity-linking
// cache and the xentity.Index built on it (cache.go), which asks a store's
// database only through the small DB interface. So the SQLite and
// PostgreSQL stores link entities alike and write the same rows, and differ
// only in their SQL.
//
// It sits between package xentity (which links a document's entities to
// corpus entities) and the stores' write paths (store/sqlite,
// store/postgres).
package ingest

import (
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/xentity"
)

// MaxPairs bounds the entities of one document whose co-occurrence is
// recorded (the most mentioned ones), keeping a long article from costing
// a quadratic number of writes.
const MaxPairs = 10

// maxText is the longest name or role recorded.
const maxText = 200

// pairTypes are the entity types that make up the actor network.
var pairTypes = map[string]bool{"PERSON": true, "ORG": true, "GPE": true, "NORP": true, "LOC": true, "FAC": true}

// Signatures returns the MinHash signature of every document's text
// (store.MinHash), computed on every core; nil documents get a zero
// signature.
func Signatures(docs []*doc.JSON) []store.Signature {
	sigs := make([]store.Signature, len(docs))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < min(runtime.GOMAXPROCS(0), len(docs)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				sigs[i] = store.MinHash(docs[i].Text)
			}
		}()
	}
	for i, d := range docs {
		if d != nil {
			next <- i
		}
	}
	close(next)
	wg.Wait()
	return sigs
}

// Validate checks what a store relies on: a document with a usable id, the
// schema it knows, some text, unique entity ids and spans inside the text.
// checkText, when not nil, adds a store's own check of the text (run after
// the others of the document as a whole). Errors wrap store.ErrInvalid.
func Validate(d *doc.JSON, checkText func(string) error) error {
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
	if checkText != nil {
		if err := checkText(d.Text); err != nil {
			return fmt.Errorf("document %s: %v: %w", d.ID, err, store.ErrInvalid)
		}
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

// Day returns the YYYY-MM-DD day of a published date, or nil when it has
// none.
func Day(published *string) *string {
	p := published
	if p == nil || len(*p) < 10 {
		return nil
	}
	if _, err := time.Parse("2006-01-02", (*p)[:10]); err != nil {
		return nil
	}
	d := (*p)[:10]
	return &d
}

// Entity is what one document says about one corpus entity.
type Entity struct {
	ID       int64
	Type     string // the type of its first local entity
	Mentions int    // mentions over all its local entities
	// Names are the names the document gives it: the local entities' names
	// and the mentions that are names.
	Names map[string]bool
	// Roles maps each role stated (lower-cased) to the role as written.
	Roles map[string]string
}

// SortedNames returns Names in byte order.
func (e *Entity) SortedNames() []string {
	out := make([]string, 0, len(e.Names))
	for k := range e.Names {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// SortedRoles returns the roles as written, in byte order.
func (e *Entity) SortedRoles() []string {
	out := make([]string, 0, len(e.Roles))
	for _, v := range e.Roles {
		out = append(out, v)
	}
	sort.Strings(out)
	return out
}

// Entities is what a document says about the corpus entities its local
// entities were linked to.
type Entities struct {
	// Corpus maps document-local entity ids to corpus ids.
	Corpus map[string]int64
	// List has one Entity per corpus entity, in the order of the links.
	List []*Entity
}

// Aggregate groups the local entities of d by the corpus entity each was
// linked to (links[i] is the link of d.Entities[i], as xentity.Resolve
// returns them).
func Aggregate(d *doc.JSON, links []xentity.Link) *Entities {
	out := &Entities{Corpus: map[string]int64{}}
	names := xentity.NamesFor(d.Lang)
	per := map[int64]*Entity{}
	for i, l := range links {
		e := d.Entities[i]
		out.Corpus[l.Local] = l.ID
		a := per[l.ID]
		if a == nil {
			a = &Entity{ID: l.ID, Type: e.Type, Names: map[string]bool{}, Roles: map[string]string{}}
			per[l.ID] = a
			out.List = append(out.List, a)
		}
		a.Mentions += len(e.Mentions)
		a.Names[e.Name] = true
		for _, m := range e.Mentions {
			if len(m.Text) <= maxText && names.IsName(m.Text) {
				a.Names[m.Text] = true
			}
		}
		for _, r := range e.Roles {
			if r = strings.TrimSpace(r); r != "" && len(r) <= maxText {
				a.Roles[strings.ToLower(r)] = r
			}
		}
	}
	return out
}

// Pairs returns the co-occurrence pairs (a < b) among the document's most
// mentioned network entities (people, organizations, places; at most
// MaxPairs of them).
func (es *Entities) Pairs() [][2]int64 {
	var net []*Entity
	for _, e := range es.List {
		if pairTypes[e.Type] {
			net = append(net, e)
		}
	}
	sort.SliceStable(net, func(i, j int) bool { return net[i].Mentions > net[j].Mentions })
	if len(net) > MaxPairs {
		net = net[:MaxPairs]
	}
	var out [][2]int64
	for i := range net {
		for j := i + 1; j < len(net); j++ {
			a, b := net[i].ID, net[j].ID
			if a > b {
				a, b = b, a
			}
			out = append(out, [2]int64{a, b})
		}
	}
	return out
}

// Ref returns the corpus id of a document-local entity reference (a quote's
// speaker, an event's location); ok is false for nil or unlinked ones.
func (es *Entities) Ref(local *string) (id int64, ok bool) {
	if local == nil {
		return 0, false
	}
	id, ok = es.Corpus[*local]
	return id, ok
}

// Actors returns the corpus ids of an event's linked sources and targets,
// in the event's order.
func (es *Entities) Actors(e doc.JSONEvent) (src, tgt []int64) {
	for _, l := range e.Source {
		if id, ok := es.Corpus[l]; ok {
			src = append(src, id)
		}
	}
	for _, l := range e.Target {
		if id, ok := es.Corpus[l]; ok {
			tgt = append(tgt, id)
		}
	}
	return src, tgt
}
