package xentity

import (
	"context"
	"testing"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// memIndex is an in-memory Index: the behaviour a store must give.
type memIndex struct {
	names    map[int64]string
	articles map[int64]int
	keys     map[string][]int64
	full     map[int64][]string
	pairs    map[[2]int64]int
	next     int64
}

func newMem() *memIndex {
	return &memIndex{names: map[int64]string{}, articles: map[int64]int{}, keys: map[string][]int64{}, full: map[int64][]string{}, pairs: map[[2]int64]int{}}
}

func (m *memIndex) Lookup(_ context.Context, typ, key string) ([]Candidate, error) {
	var out []Candidate
	for _, id := range m.keys[typ+"|"+key] {
		out = append(out, Candidate{ID: id, Name: m.names[id], Articles: m.articles[id], Keys: m.full[id]})
	}
	return out, nil
}

func (m *memIndex) Overlap(_ context.Context, ids, others []int64) (map[int64]int, error) {
	out := map[int64]int{}
	for _, id := range ids {
		for _, o := range others {
			out[id] += m.pairs[[2]int64{min(id, o), max(id, o)}]
		}
	}
	return out, nil
}

func (m *memIndex) Create(_ context.Context, name, typ string) (int64, error) {
	m.next++
	m.names[m.next] = name
	return m.next, nil
}

func (m *memIndex) AddKeys(_ context.Context, id int64, typ string, keys []string) error {
	for _, k := range keys {
		have := false
		for _, o := range m.keys[typ+"|"+k] {
			have = have || o == id
		}
		if !have {
			m.keys[typ+"|"+k] = append(m.keys[typ+"|"+k], id)
			if k[0] != '~' {
				m.full[id] = append(m.full[id], k)
			}
		}
	}
	return nil
}

func (m *memIndex) Rename(_ context.Context, id int64, name string) error {
	m.names[id] = name
	return nil
}

// put resolves a document and records its articles and co-occurrences, as
// a store does after Resolve.
func (m *memIndex) put(t *testing.T, ents ...doc.JSONEntity) map[string]int64 {
	t.Helper()
	return m.putLang(t, "en", ents...)
}

// putLang is put for a document in language iso.
func (m *memIndex) putLang(t *testing.T, iso string, ents ...doc.JSONEntity) map[string]int64 {
	t.Helper()
	links, err := Resolve(context.Background(), m, &doc.JSON{Lang: iso, Entities: ents})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int64{}
	seen := map[int64]bool{}
	for _, l := range links {
		out[l.Local] = l.ID
		if !seen[l.ID] {
			m.articles[l.ID]++
		}
		seen[l.ID] = true
	}
	for a := range seen {
		for b := range seen {
			if a < b {
				m.pairs[[2]int64{a, b}]++
			}
		}
	}
	return out
}

func ent(id, name, typ string, mentions ...string) doc.JSONEntity {
	e := doc.JSONEntity{ID: id, Name: name, Type: typ}
	for _, m := range mentions {
		e.Mentions = append(e.Mentions, doc.JSONSpan{Text: m})
	}
	return e
}

func TestResolve(t *testing.T) {
	m := newMem()
	a := m.put(t, ent("e1", "Tony Blair", "PERSON", "Tony Blair", "Mr Blair"), ent("e2", "Labour", "ORG", "Labour"))
	b := m.put(t, ent("e1", "Blair", "PERSON", "Blair", "Mr Blair"), ent("e2", "Iraq", "GPE", "Iraq"))
	c := m.put(t, ent("e1", "Mr Blair", "PERSON", "Mr Blair"), ent("e2", "Labour", "ORG", "Labour"))
	if a["e1"] != b["e1"] || a["e1"] != c["e1"] {
		t.Errorf("Tony Blair / Blair / Mr Blair not one entity: %d %d %d", a["e1"], b["e1"], c["e1"])
	}
	if a["e2"] != c["e2"] {
		t.Errorf("Labour not one entity")
	}
	d := m.put(t, ent("e1", "Cherie Blair", "PERSON", "Cherie Blair"))
	if d["e1"] == a["e1"] {
		t.Errorf("Cherie Blair joined Tony Blair")
	}
	e := m.put(t, ent("e1", "T. Blair", "PERSON", "T. Blair"), ent("e2", "Labour", "ORG", "Labour"))
	if e["e1"] != a["e1"] {
		t.Errorf("T. Blair did not join Tony Blair")
	}
	if m.names[a["e1"]] != "Tony Blair" {
		t.Errorf("canonical name = %q", m.names[a["e1"]])
	}
	// Two Smiths: a footballer with an established context, then a
	// politician in a context that shares nothing with it.
	f1 := m.put(t, ent("e1", "Smith", "PERSON", "Smith"), ent("e2", "Rovers", "ORG", "Rovers"))
	f2 := m.put(t, ent("e1", "Smith", "PERSON", "Smith"), ent("e2", "Rovers", "ORG", "Rovers"))
	p1 := m.put(t, ent("e1", "Smith", "PERSON", "Smith"), ent("e2", "Parliament", "ORG", "Parliament"))
	p2 := m.put(t, ent("e1", "Smith", "PERSON", "Smith"), ent("e2", "Parliament", "ORG", "Parliament"))
	f3 := m.put(t, ent("e1", "Smith", "PERSON", "Smith"), ent("e2", "Rovers", "ORG", "Rovers"))
	if f1["e1"] != f2["e1"] || f1["e1"] != f3["e1"] {
		t.Errorf("the footballer split: %d %d %d", f1["e1"], f2["e1"], f3["e1"])
	}
	if p1["e1"] == f1["e1"] || p1["e1"] != p2["e1"] {
		t.Errorf("the politician: %d %d, footballer %d", p1["e1"], p2["e1"], f1["e1"])
	}
	// one place typed GPE in one article and LOC in another is one place
	l1 := m.put(t, ent("e1", "Stockholm", "GPE", "Stockholm"))
	l2 := m.put(t, ent("e1", "Stockholm", "LOC", "Stockholm"))
	if l1["e1"] != l2["e1"] {
		t.Errorf("GPE and LOC Stockholm apart")
	}
	// an organization and a person with one name stay apart
	g := m.put(t, ent("e1", "Smith", "ORG", "Smith"))
	if g["e1"] == f1["e1"] || g["e1"] == p1["e1"] {
		t.Errorf("ORG Smith joined a person")
	}
}
