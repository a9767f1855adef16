package store

import (
	"encoding/json"
	"fmt"
)

// Rows is a query result being read: what database/sql's *sql.Rows and
// pgx's Rows both offer. The helpers below read the same columns the same
// way for every store; closing the rows stays with the caller.
type Rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

// ReadIDMap reads (local id, corpus entity number) rows, as a document's
// entity table holds them, into the map MapIDs takes.
func ReadIDMap(rows Rows) (map[string]string, error) {
	m := map[string]string{}
	for rows.Next() {
		var local string
		var e int64
		if err := rows.Scan(&local, &e); err != nil {
			return nil, err
		}
		m[local] = EntityID(e)
	}
	return m, rows.Err()
}

// ReadNeighbours reads (entity number, articles) rows into co-occurrence
// counts, adding the counts of an entity named twice.
func ReadNeighbours(rows Rows) (map[int64]int, error) {
	nb := map[int64]int{}
	for rows.Next() {
		var o int64
		var n int
		if err := rows.Scan(&o, &n); err != nil {
			return nil, err
		}
		nb[o] += n
	}
	return nb, rows.Err()
}

// ReadActors reads (event number, side, entity number, entity name) rows
// into events: ids[i] is the number of events[i]; the side "source" adds a
// source, any other a target, and every actor's name goes into Names.
func ReadActors(rows Rows, events []Event, ids []int64) error {
	at := map[int64]int{}
	for i, id := range ids {
		at[id] = i
	}
	for rows.Next() {
		var ev, ent int64
		var side, name string
		if err := rows.Scan(&ev, &side, &ent, &name); err != nil {
			return err
		}
		r := &events[at[ev]]
		ref := EntityID(ent)
		r.Names[ref] = name
		if side == "source" {
			r.Source = append(r.Source, ref)
		} else {
			r.Target = append(r.Target, ref)
		}
	}
	return rows.Err()
}

// Read reads (day, count) rows of a kind (TimelineArticles, TimelineEvents
// or TimelineQuotes) into the timeline.
func (t Timeline) Read(kind int, rows Rows) error {
	for rows.Next() {
		var d string
		var n int
		if err := rows.Scan(&d, &n); err != nil {
			return err
		}
		t.Set(kind, d, n)
	}
	return rows.Err()
}

// ReadNodes reads (entity number, name, type, articles) rows of the nodes.
func (g *NetworkBuilder) ReadNodes(rows Rows) error {
	for rows.Next() {
		var n Node
		var id int64
		if err := rows.Scan(&id, &n.Name, &n.Type, &n.Articles); err != nil {
			return err
		}
		g.Node(id, n)
	}
	return rows.Err()
}

// ReadPairs reads (a, b, articles) rows of the pairs among the nodes.
func (g *NetworkBuilder) ReadPairs(rows Rows) error {
	for rows.Next() {
		var a, b int64
		var w int
		if err := rows.Scan(&a, &b, &w); err != nil {
			return err
		}
		g.Pair(a, b, w)
	}
	return rows.Err()
}

// ReadEvents reads (a, b, type, count) rows of the coded events among the
// nodes.
func (g *NetworkBuilder) ReadEvents(rows Rows) error {
	for rows.Next() {
		var a, b int64
		var t string
		var n int
		if err := rows.Scan(&a, &b, &t, &n); err != nil {
			return err
		}
		g.Events(a, b, t, n)
	}
	return rows.Err()
}

// ReadStory reads (id, source, title, published) rows of a story's copies,
// first copy first; the story's id is the first copy's.
func ReadStory(rows Rows) (*Story, error) {
	st := &Story{}
	for rows.Next() {
		var c StoryCopy
		if err := rows.Scan(&c.ID, &c.Source, &c.Title, &c.Published); err != nil {
			return nil, err
		}
		if st.ID == "" {
			st.ID = c.ID
		}
		st.Copies = append(st.Copies, c)
	}
	return st, rows.Err()
}

// ReadHits reads (id, title, published, source, lang) rows of documents
// into hits without snippets.
func ReadHits(rows Rows) ([]SearchHit, error) {
	out := []SearchHit{}
	for rows.Next() {
		var h SearchHit
		if err := rows.Scan(&h.ID, &h.Title, &h.Published, &h.Source, &h.Lang); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// ReadSummaries reads (entity number, name, type, articles, mentions) rows
// into summaries without aliases, and their entity numbers.
func ReadSummaries(rows Rows) ([]EntitySummary, []int64, error) {
	out := []EntitySummary{}
	var ids []int64
	for rows.Next() {
		var e EntitySummary
		var id int64
		if err := rows.Scan(&id, &e.Name, &e.Type, &e.Articles, &e.Mentions); err != nil {
			return nil, nil, err
		}
		e.ID = EntityID(id)
		out = append(out, e)
		ids = append(ids, id)
	}
	return out, ids, rows.Err()
}

// ReadQuotes reads (text, speaker number, speaker name, document id,
// title, published, cue, direct, start, end) rows into quotes.
func ReadQuotes(rows Rows) ([]Quote, error) {
	out := []Quote{}
	for rows.Next() {
		var r Quote
		var sp *int64
		if err := rows.Scan(&r.Text, &sp, &r.SpeakerName, &r.Document, &r.Title, &r.Published, &r.Cue, &r.Direct, &r.Start, &r.End); err != nil {
			return nil, err
		}
		if sp != nil {
			v := EntityID(*sp)
			r.Speaker = &v
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// ReadEvents reads (event number, type, mode, date, location number,
// location name, negated, hypothetical, document id, title, published,
// evidence start, end and text) rows into events without actors (see
// ReadActors), and their event numbers.
func ReadEvents(rows Rows) ([]Event, []int64, error) {
	out := []Event{}
	var ids []int64
	for rows.Next() {
		var r Event
		var id int64
		var loc *int64
		var lname *string
		if err := rows.Scan(&id, &r.Type, &r.Mode, &r.Date, &loc, &lname, &r.Negated, &r.Hypothetical, &r.Document, &r.Title, &r.Published,
			&r.Evidence.Start, &r.Evidence.End, &r.Evidence.Text); err != nil {
			return nil, nil, err
		}
		r.Source, r.Target, r.Names = []string{}, []string{}, map[string]string{}
		if loc != nil {
			l := EntityID(*loc)
			r.Location = &l
			if lname != nil {
				r.Names[l] = *lname
			}
		}
		out = append(out, r)
		ids = append(ids, id)
	}
	return out, ids, rows.Err()
}

// ReadMatches reads (document number, id, title, published, source, lang,
// text) rows of the documents ns, and returns their hits in the order of
// ns, each with a snippet around the first of terms.
func ReadMatches(rows Rows, ns []int64, terms []string) ([]SearchHit, error) {
	hits := map[int64]SearchHit{}
	for rows.Next() {
		var h SearchHit
		var n int64
		var text string
		if err := rows.Scan(&n, &h.ID, &h.Title, &h.Published, &h.Source, &h.Lang, &text); err != nil {
			return nil, err
		}
		h.Snippet = Snippet(text, h.Title, terms, SnippetBytes)
		hits[n] = h
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]SearchHit, 0, len(ns))
	for _, n := range ns {
		out = append(out, hits[n])
	}
	return out, nil
}

// ReadRoles reads (role, first seen, last seen, articles) rows.
func ReadRoles(rows Rows) ([]Role, error) {
	out := []Role{}
	for rows.Next() {
		var r Role
		if err := rows.Scan(&r.Role, &r.FirstSeen, &r.LastSeen, &r.Articles); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// ReadRelated reads (entity number, name, type, weight) rows.
func ReadRelated(rows Rows) ([]Related, error) {
	out := []Related{}
	for rows.Next() {
		var r Related
		var o int64
		if err := rows.Scan(&o, &r.Name, &r.Type, &r.Weight); err != nil {
			return nil, err
		}
		r.ID = EntityID(o)
		out = append(out, r)
	}
	return out, rows.Err()
}

// Stored is a stored document as a store reads it back: its number, its
// text and its JSON (newsgraph.document/1 without the text, with
// document-local entity ids).
type Stored struct {
	N    int64
	Text string
	Data []byte
}

// ReadStored reads (number, text, JSON) rows.
func ReadStored(rows Rows) ([]Stored, error) {
	var out []Stored
	for rows.Next() {
		var r Stored
		if err := rows.Scan(&r.N, &r.Text, &r.Data); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Decode returns the document with its text and with the entity ids in ids
// (from ReadIDMap) in place of its local ones.
func (r Stored) Decode(ids map[string]string) (*Document, error) {
	d := &Document{}
	if err := json.Unmarshal(r.Data, &d.JSON); err != nil {
		return nil, fmt.Errorf("decode: %w", err)
	}
	d.Text = r.Text
	MapIDs(&d.JSON, ids)
	return d, nil
}

// WalkStored calls fn for every stored document in number order, for
// export: page reads the next page of documents numbered above after (an
// empty page ends the walk), load turns one into a Document. No page is
// held open while fn runs.
func WalkStored(page func(after int64) ([]Stored, error), load func(Stored) (*Document, error), fn func(*Document) error) error {
	var last int64
	for {
		docs, err := page(last)
		if err != nil {
			return fmt.Errorf("documents: %w", err)
		}
		if len(docs) == 0 {
			return nil
		}
		for _, r := range docs {
			d, err := load(r)
			if err != nil {
				return fmt.Errorf("documents: %w", err)
			}
			if err := fn(d); err != nil {
				return err
			}
			last = r.N
		}
	}
}

// ReadAliases reads (name) rows of an entity's names, leaving out its
// canonical name.
func ReadAliases(rows Rows, name string) ([]string, error) {
	out := []string{}
	for rows.Next() {
		var a string
		if err := rows.Scan(&a); err != nil {
			return nil, err
		}
		if a != name {
			out = append(out, a)
		}
	}
	return out, rows.Err()
}
