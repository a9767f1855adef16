package store

import (
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// What follows is the part of answering queries that does not depend on the
// database: public entity ids, paging bounds, the words of a text query,
// snippets, and the assembly of facets, timelines and networks from rows.
// Both stores call it, so that they give the same answers.

// Paging bounds of every listing.
const (
	// DefaultLimit is the page size when a query asks for none.
	DefaultLimit = 20
	// MaxLimit is the largest page a query gets.
	MaxLimit = 500
	// FacetDocs is how many of the best matches of a search facets count.
	FacetDocs = 200
	// SnippetBytes is the length of a search hit's snippet, about.
	SnippetBytes = 220
	// maxMonths is the most month facets returned, newest first.
	maxMonths = 24
)

// Limit returns the page size for a requested limit: DefaultLimit for none
// (0 or less), at most MaxLimit.
func Limit(n int) int {
	switch {
	case n <= 0:
		return DefaultLimit
	case n > MaxLimit:
		return MaxLimit
	}
	return n
}

// EntityID is the public form of a corpus entity id ("E" and the number),
// the same in every store, so that links survive a move between stores.
func EntityID(n int64) string { return "E" + strconv.FormatInt(n, 10) }

// ParseEntityID reads a public entity id; ok is false for ids no store
// gives out.
func ParseEntityID(s string) (n int64, ok bool) {
	if len(s) < 2 || s[0] != 'E' {
		return 0, false
	}
	n, err := strconv.ParseInt(s[1:], 10, 64)
	return n, err == nil && n > 0
}

// MapIDs replaces the document-local entity ids of d (of its entities,
// quote speakers, event actors and locations) by the ids in m; ids missing
// from m are left as they are.
func MapIDs(d *doc.JSON, m map[string]string) {
	get := func(s string) string {
		if v, ok := m[s]; ok {
			return v
		}
		return s
	}
	for i := range d.Entities {
		d.Entities[i].ID = get(d.Entities[i].ID)
	}
	for i := range d.Quotes {
		if q := d.Quotes[i].Speaker; q != nil {
			v := get(*q)
			d.Quotes[i].Speaker = &v
		}
	}
	for i := range d.Events {
		e := &d.Events[i]
		for j := range e.Source {
			e.Source[j] = get(e.Source[j])
		}
		for j := range e.Target {
			e.Target[j] = get(e.Target[j])
		}
		if e.Location != nil {
			v := get(*e.Location)
			e.Location = &v
		}
	}
}

// Words splits text into the words a text query searches for: runs of
// letters and digits.
func Words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		if r < 128 {
			return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
		}
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// QueryTerms splits user text into the terms a search requires, in order:
// each is one word, or the words of a "quoted phrase" (a phrase of one word
// is that word; an unclosed quote runs to the end). Words are as Words
// finds them, so no query syntax of a database survives.
func QueryTerms(q string) [][]string {
	var out [][]string
	for len(q) > 0 {
		q = strings.TrimLeft(q, " \t\n")
		if q == "" {
			break
		}
		if q[0] == '"' {
			var chunk string
			end := strings.IndexByte(q[1:], '"')
			if end < 0 {
				chunk, q = q[1:], ""
			} else {
				chunk, q = q[1:end+1], q[end+2:]
			}
			if w := Words(chunk); len(w) > 0 {
				out = append(out, w)
			}
			continue
		}
		end := strings.IndexAny(q, " \t\n\"")
		if end < 0 {
			end = len(q)
		}
		for _, w := range Words(q[:end]) {
			out = append(out, []string{w})
		}
		q = q[end:]
	}
	return out
}

// Snippet returns about n bytes of text around the first of terms (lower
// case) in the body (the text after the title), cut at word boundaries,
// with "…" where it was cut.
func Snippet(text, title string, terms []string, n int) string {
	body := text
	if title != "" && strings.HasPrefix(body, title) {
		body = strings.TrimLeft(body[len(title):], "\n")
	}
	lower := strings.ToLower(body)
	at := -1
	for _, t := range terms {
		if i := strings.Index(lower, t); i >= 0 && (at < 0 || i < at) {
			at = i
		}
	}
	start := 0
	if at > n/3 {
		start = at - n/3
	}
	for start > 0 && start < len(body) && !isSpace(body[start-1]) {
		start++
	}
	end := start + n
	if end >= len(body) {
		end = len(body)
	} else {
		for end > start && !isSpace(body[end]) {
			end--
		}
	}
	for start < end && body[start]&0xc0 == 0x80 {
		start++
	}
	out := strings.Join(strings.Fields(body[start:end]), " ")
	if start > 0 {
		out = "…" + out
	}
	if end < len(body) {
		out += "…"
	}
	return out
}

func isSpace(b byte) bool { return b == ' ' || b == '\n' || b == '\t' }

// Months counts documents per month for the month facet.
type Months map[string]int

// Add counts a document of a day (YYYY-MM-DD; nil or shorter days are not
// counted).
func (m Months) Add(day *string) {
	if day != nil && len(*day) >= 7 {
		m[(*day)[:7]]++
	}
}

// Facets returns the counts newest month first, at most 24 of them.
func (m Months) Facets() []FacetCount {
	out := make([]FacetCount, 0, len(m))
	for v, c := range m {
		out = append(out, FacetCount{Value: v, Count: c})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Value > out[j].Value })
	if len(out) > maxMonths {
		out = out[:maxMonths]
	}
	return out
}

// What a timeline row counts.
const (
	TimelineArticles = iota
	TimelineEvents
	TimelineQuotes
)

// TimelineSQL returns the three queries of a timeline, indexed by
// TimelineArticles, TimelineEvents and TimelineQuotes, in SQL that both
// stores speak: each selects (day, count) rows. entity is the placeholder
// of an entity number ("?1", "$1") for an entity's timeline; matches is a
// subquery giving the numbers of the documents a text query matches; with
// both empty the timeline covers every document.
func TimelineSQL(entity, matches string) [3]string {
	switch {
	case entity != "":
		return [3]string{
			`SELECT day, count(DISTINCT doc) FROM doc_entities WHERE entity = ` + entity + ` AND day IS NOT NULL GROUP BY day`,
			`SELECT v.day, count(DISTINCT v.id) FROM event_actors a JOIN events v ON v.id = a.event WHERE a.entity = ` + entity + ` AND v.day IS NOT NULL GROUP BY v.day`,
			`SELECT day, count(*) FROM quotes WHERE speaker = ` + entity + ` AND day IS NOT NULL GROUP BY day`,
		}
	case matches != "":
		return [3]string{
			`SELECT day, count(*) FROM documents WHERE n IN ` + matches + ` AND day IS NOT NULL GROUP BY day`,
			`SELECT day, count(*) FROM events WHERE doc IN ` + matches + ` AND day IS NOT NULL GROUP BY day`,
			`SELECT day, count(*) FROM quotes WHERE doc IN ` + matches + ` AND day IS NOT NULL GROUP BY day`,
		}
	}
	return [3]string{
		`SELECT day, count(*) FROM documents WHERE day IS NOT NULL GROUP BY day`,
		`SELECT day, count(*) FROM events WHERE day IS NOT NULL GROUP BY day`,
		`SELECT day, count(*) FROM quotes WHERE day IS NOT NULL GROUP BY day`,
	}
}

// StatsSQL counts what a store holds, in the order of the fields of Stats
// (documents, stories, entities in at least one article, quotes, events).
const StatsSQL = `SELECT
	(SELECT count(*) FROM documents),
	(SELECT count(DISTINCT story) FROM documents),
	(SELECT count(*) FROM entities WHERE articles > 0),
	(SELECT count(*) FROM quotes),
	(SELECT count(*) FROM events)`

// Timeline collects the per-day counts of a timeline.
type Timeline map[string]*Bucket

// Set records n things of a kind (TimelineArticles, TimelineEvents or
// TimelineQuotes) on a day.
func (t Timeline) Set(kind int, day string, n int) {
	b := t[day]
	if b == nil {
		b = &Bucket{Date: day}
		t[day] = b
	}
	switch kind {
	case TimelineArticles:
		b.Articles = n
	case TimelineEvents:
		b.Events = n
	case TimelineQuotes:
		b.Quotes = n
	}
}

// Buckets returns the days in date order.
func (t Timeline) Buckets() []Bucket {
	out := make([]Bucket, 0, len(t))
	for _, b := range t {
		out = append(out, *b)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Date < out[j].Date })
	return out
}

// Network bounds.
const (
	defaultNetworkNodes = 40
	maxNetworkNodes     = 150
	// secondNeighbours is how many neighbours of each neighbour a network
	// of depth 2 takes.
	secondNeighbours = 5
)

// NetworkBuilder assembles the answer to a NetworkQuery from the rows a
// store reads: first the node ids (Add, Expand), then the nodes' entities
// and the pairs and typed edges among them.
type NetworkBuilder struct {
	// Nodes is the most nodes returned; MinWeight the least weight of an
	// edge (both from the query, bounded).
	Nodes, MinWeight int
	seen             map[int64]bool
	order            []int64
	node             map[int64]Node
	edges            map[[2]int64]*Edge
}

// NewNetworkBuilder starts the network of a query.
func NewNetworkBuilder(q NetworkQuery) *NetworkBuilder {
	n := q.Limit
	if n <= 0 || n > maxNetworkNodes {
		n = defaultNetworkNodes
	}
	return &NetworkBuilder{Nodes: n, MinWeight: max(q.MinWeight, 1), seen: map[int64]bool{},
		node: map[int64]Node{}, edges: map[[2]int64]*Edge{}}
}

// Add adds a node, unless it is there or the network is full.
func (g *NetworkBuilder) Add(id int64) {
	if !g.seen[id] && len(g.order) < g.Nodes {
		g.seen[id] = true
		g.order = append(g.order, id)
	}
}

// Expand adds centre and its strongest neighbours, and with depth 2 or more
// theirs; neighbours returns at most n neighbours of an entity, strongest
// first, over edges of at least MinWeight.
func (g *NetworkBuilder) Expand(centre int64, depth int, neighbours func(id int64, n int) ([]int64, error)) error {
	g.Add(centre)
	first, err := neighbours(centre, g.Nodes)
	if err != nil {
		return err
	}
	for _, o := range first {
		g.Add(o)
	}
	if depth < 2 {
		return nil
	}
	for _, o := range first {
		more, err := neighbours(o, secondNeighbours)
		if err != nil {
			return err
		}
		for _, m := range more {
			g.Add(m)
		}
	}
	return nil
}

// IDs returns the node ids in the order they were added.
func (g *NetworkBuilder) IDs() []int64 { return g.order }

// Node records the entity of a node (its ID is set from id).
func (g *NetworkBuilder) Node(id int64, n Node) {
	n.ID = EntityID(id)
	g.node[id] = n
}

// Pair records that a and b (a < b) are named together in w articles.
func (g *NetworkBuilder) Pair(a, b int64, w int) {
	g.edges[[2]int64{a, b}] = &Edge{Source: EntityID(a), Target: EntityID(b), Weight: w, Events: map[string]int{}}
}

// Events records n coded events of a type between a and b, in either
// direction.
func (g *NetworkBuilder) Events(a, b int64, typ string, n int) {
	k := [2]int64{min(a, b), max(a, b)}
	e := g.edges[k]
	if e == nil {
		e = &Edge{Source: EntityID(k[0]), Target: EntityID(k[1]), Events: map[string]int{}}
		g.edges[k] = e
	}
	e.Events[typ] += n
}

// Network returns the nodes in the order they were added and the edges by
// their ends' numbers.
func (g *NetworkBuilder) Network() *Network {
	net := &Network{Nodes: []Node{}, Edges: []Edge{}}
	for _, id := range g.order {
		net.Nodes = append(net.Nodes, g.node[id])
	}
	keys := make([][2]int64, 0, len(g.edges))
	for k := range g.edges {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i][0] != keys[j][0] {
			return keys[i][0] < keys[j][0]
		}
		return keys[i][1] < keys[j][1]
	})
	for _, k := range keys {
		net.Edges = append(net.Edges, *g.edges[k])
	}
	return net
}
