package store

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
