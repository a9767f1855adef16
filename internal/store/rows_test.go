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
