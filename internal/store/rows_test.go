package store

import (
	"errors"
	"fmt"
	"reflect"
	"testing"
)

// fakeRows serves rows of values, scanned by assignment; err is returned
// by Err at the end.
type fakeRows struct {
	rows [][]any
	at   int
	err  error
}

func (f *fakeRows) Next() bool { f.at++; return f.at <= len(f.rows) }

func (f *fakeRows) Scan(dest ...any) error {
	row := f.rows[f.at-1]
	if len(dest) != len(row) {
		return fmt.Errorf("%d columns, %d destinations", len(row), len(dest))
	}
	for i, d := range dest {
		reflect.ValueOf(d).Elem().Set(reflect.ValueOf(row[i]))
	}
	return nil
}

func (f *fakeRows) Err() error { return f.err }

func TestReadIDMap(t *testing.T) {
	m, err := ReadIDMap(&fakeRows{rows: [][]any{{"T1", int64(4)}, {"T2", int64(9)}}})
	if err != nil || !reflect.DeepEqual(m, map[string]string{"T1": "E4", "T2": "E9"}) {
		t.Errorf("ReadIDMap = %v, %v", m, err)
	}
	bad := errors.New("connection lost")
	if _, err := ReadIDMap(&fakeRows{err: bad}); !errors.Is(err, bad) {
		t.Errorf("ReadIDMap error %v, want %v", err, bad)
	}
}

func TestReadNeighbours(t *testing.T) {
	nb, err := ReadNeighbours(&fakeRows{rows: [][]any{{int64(2), 3}, {int64(5), 1}, {int64(2), 1}}})
	if err != nil || !reflect.DeepEqual(nb, map[int64]int{2: 4, 5: 1}) {
		t.Errorf("ReadNeighbours = %v, %v", nb, err)
	}
}

func TestReadActors(t *testing.T) {
	events := []Event{{Source: []string{}, Target: []string{}, Names: map[string]string{}}, {Source: []string{}, Target: []string{}, Names: map[string]string{}}}
	err := ReadActors(&fakeRows{rows: [][]any{
		{int64(20), "source", int64(1), "Anna"},
		{int64(20), "target", int64(2), "Acme"},
		{int64(10), "target", int64(1), "Anna"},
	}}, events, []int64{10, 20})
	if err != nil {
		t.Fatal(err)
	}
	want := []Event{
		{Source: []string{}, Target: []string{"E1"}, Names: map[string]string{"E1": "Anna"}},
		{Source: []string{"E1"}, Target: []string{"E2"}, Names: map[string]string{"E1": "Anna", "E2": "Acme"}},
	}
	if !reflect.DeepEqual(events, want) {
		t.Errorf("ReadActors = %+v", events)
	}
}

func TestTimelineRead(t *testing.T) {
	tl := Timeline{}
	if err := tl.Read(TimelineArticles, &fakeRows{rows: [][]any{{"2024-01-02", 3}}}); err != nil {
		t.Fatal(err)
	}
	if err := tl.Read(TimelineQuotes, &fakeRows{rows: [][]any{{"2024-01-02", 1}, {"2024-01-01", 2}}}); err != nil {
		t.Fatal(err)
	}
	want := []Bucket{{Date: "2024-01-01", Quotes: 2}, {Date: "2024-01-02", Articles: 3, Quotes: 1}}
	if got := tl.Buckets(); !reflect.DeepEqual(got, want) {
		t.Errorf("Buckets = %v, want %v", got, want)
	}
}

func TestNetworkRead(t *testing.T) {
	g := NewNetworkBuilder(NetworkQuery{})
	g.Add(1)
	g.Add(2)
	for _, err := range []error{
		g.ReadNodes(&fakeRows{rows: [][]any{{int64(2), "Acme", "ORG", 5}, {int64(1), "Anna", "PERSON", 7}}}),
		g.ReadPairs(&fakeRows{rows: [][]any{{int64(1), int64(2), 3}}}),
		g.ReadEvents(&fakeRows{rows: [][]any{{int64(2), int64(1), "AID", 2}}}),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	want := &Network{
		Nodes: []Node{{ID: "E1", Name: "Anna", Type: "PERSON", Articles: 7}, {ID: "E2", Name: "Acme", Type: "ORG", Articles: 5}},
		Edges: []Edge{{Source: "E1", Target: "E2", Weight: 3, Events: map[string]int{"AID": 2}}},
	}
	if got := g.Network(); !reflect.DeepEqual(got, want) {
		t.Errorf("Network = %+v, want %+v", got, want)
	}
}

func TestReadDocumentRows(t *testing.T) {
	pub := "2024-05-01"
	var none *string
	st, err := ReadStory(&fakeRows{rows: [][]any{{"d1", "wire", "Title", &pub}, {"d2", "paper", "Title 2", none}}})
	if err != nil || st.ID != "d1" || len(st.Copies) != 2 || *st.Copies[0].Published != pub || st.Copies[1].Published != nil {
		t.Errorf("ReadStory = %+v, %v", st, err)
	}
	hits, err := ReadHits(&fakeRows{})
	if err != nil || hits == nil || len(hits) != 0 {
		t.Errorf("ReadHits of nothing = %#v, %v (want an empty list)", hits, err)
	}
	sums, ids, err := ReadSummaries(&fakeRows{rows: [][]any{{int64(3), "Acme", "ORG", 4, 9}}})
	if err != nil || !reflect.DeepEqual(sums, []EntitySummary{{ID: "E3", Name: "Acme", Type: "ORG", Articles: 4, Mentions: 9}}) || !reflect.DeepEqual(ids, []int64{3}) {
		t.Errorf("ReadSummaries = %+v %v, %v", sums, ids, err)
	}
	sp := int64(3)
	var nosp *int64
	qs, err := ReadQuotes(&fakeRows{rows: [][]any{
		{"We will.", &sp, none, "d1", "T", &pub, none, true, 4, 12},
		{"Maybe.", nosp, &pub, "d1", "T", none, none, false, 20, 26},
	}})
	if err != nil || len(qs) != 2 || *qs[0].Speaker != "E3" || qs[1].Speaker != nil || !qs[0].Direct || qs[1].End != 26 {
		t.Errorf("ReadQuotes = %+v, %v", qs, err)
	}
	loc := int64(8)
	name := "Oslo"
	evs, eids, err := ReadEvents(&fakeRows{rows: [][]any{
		{int64(11), "MEET", none, none, &loc, &name, false, true, "d1", "T", &pub, 1, 5, "met"},
		{int64(12), "AID", none, none, (*int64)(nil), none, false, false, "d1", "T", &pub, 6, 9, "aid"},
	}})
	if err != nil || !reflect.DeepEqual(eids, []int64{11, 12}) || *evs[0].Location != "E8" || evs[0].Names["E8"] != "Oslo" ||
		evs[1].Location != nil || evs[1].Source == nil || evs[1].Target == nil || len(evs[1].Names) != 0 || evs[1].Evidence.Text != "aid" {
		t.Errorf("ReadEvents = %+v, %v", evs, err)
	}
}

func TestReadEntityRows(t *testing.T) {
	d1, d2 := "2024-01-01", "2024-03-01"
	var none *string
	roles, err := ReadRoles(&fakeRows{rows: [][]any{{"minister", &d1, &d2, 3}, {"chair", none, none, 1}}})
	if err != nil || len(roles) != 2 || *roles[0].LastSeen != d2 || roles[1].FirstSeen != nil || roles[1].Articles != 1 {
		t.Errorf("ReadRoles = %+v, %v", roles, err)
	}
	rel, err := ReadRelated(&fakeRows{rows: [][]any{{int64(4), "Acme", "ORG", 6}}})
	if err != nil || !reflect.DeepEqual(rel, []Related{{ID: "E4", Name: "Acme", Type: "ORG", Weight: 6}}) {
		t.Errorf("ReadRelated = %+v, %v", rel, err)
	}
}

func TestReadMatches(t *testing.T) {
	var none *string
	rows := &fakeRows{rows: [][]any{
		{int64(7), "d7", "Seven", none, "wire", "en", "Seven\n\nThe body of seven."},
		{int64(3), "d3", "Three", none, "paper", "de", "Three\n\nDrei."},
	}}
	hits, err := ReadMatches(rows, []int64{3, 7}, []string{"body"})
	if err != nil || len(hits) != 2 || hits[0].ID != "d3" || hits[1].ID != "d7" || hits[1].Snippet != "The body of seven." || hits[0].Lang != "de" {
		t.Errorf("ReadMatches = %+v, %v", hits, err)
	}
}

func TestWalkStored(t *testing.T) {
	stored := []Stored{
		{N: 2, Text: "Two", Data: []byte(`{"id":"d2","entities":[{"id":"T1","name":"A"}],"quotes":[],"events":[]}`)},
		{N: 5, Text: "Five", Data: []byte(`{"id":"d5"}`)},
		{N: 9, Text: "Nine", Data: []byte(`{"id":"d9"}`)},
	}
	rows := &fakeRows{}
	for _, r := range stored {
		rows.rows = append(rows.rows, []any{r.N, r.Text, r.Data})
	}
	all, err := ReadStored(rows)
	if err != nil || !reflect.DeepEqual(all, stored) {
		t.Fatalf("ReadStored = %v, %v", all, err)
	}
	var asked []int64
	page := func(after int64) ([]Stored, error) {
		asked = append(asked, after)
		var out []Stored
		for _, r := range all {
			if r.N > after && len(out) < 2 {
				out = append(out, r)
			}
		}
		return out, nil
	}
	load := func(r Stored) (*Document, error) { return r.Decode(map[string]string{"T1": "E7"}) }
	var got []string
	err = WalkStored(page, load, func(d *Document) error {
		got = append(got, d.ID+":"+d.Text)
		if len(d.Entities) > 0 && d.Entities[0].ID != "E7" {
			t.Errorf("%s: entity id %s, want E7", d.ID, d.Entities[0].ID)
		}
		return nil
	})
	if err != nil || !reflect.DeepEqual(got, []string{"d2:Two", "d5:Five", "d9:Nine"}) || !reflect.DeepEqual(asked, []int64{0, 5, 9}) {
		t.Errorf("WalkStored: %v, pages after %v, %v", got, asked, err)
	}
	stop := errors.New("stop")
	if err := WalkStored(page, load, func(*Document) error { return stop }); !errors.Is(err, stop) {
		t.Errorf("WalkStored returned %v, want fn's error", err)
	}
	if _, err := (Stored{Data: []byte("{")}).Decode(nil); err == nil {
		t.Errorf("Decode of bad JSON: no error")
	}
}

func TestReadAliases(t *testing.T) {
	got, err := ReadAliases(&fakeRows{rows: [][]any{{"Anna Berg"}, {"Berg"}, {"A. Berg"}}}, "Anna Berg")
	if err != nil || !reflect.DeepEqual(got, []string{"Berg", "A. Berg"}) {
		t.Errorf("ReadAliases = %q, %v", got, err)
	}
	if got, _ := ReadAliases(&fakeRows{}, "X"); got == nil {
		t.Errorf("ReadAliases of nothing is nil, want an empty list")
	}
}
