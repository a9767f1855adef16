package store

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/doc"
)

func TestLimit(t *testing.T) {
	for _, c := range []struct{ in, want int }{{0, DefaultLimit}, {-3, DefaultLimit}, {7, 7}, {MaxLimit, MaxLimit}, {MaxLimit + 1, MaxLimit}} {
		if got := Limit(c.in); got != c.want {
			t.Errorf("Limit(%d) = %d, want %d", c.in, got, c.want)
		}
	}
}

func TestEntityID(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
		ok   bool
	}{{"E1", 1, true}, {"E42", 42, true}, {"E0", 0, false}, {"E-1", -1, false}, {"E", 0, false}, {"e1", 0, false}, {"Ex", 0, false}, {"", 0, false}} {
		n, ok := ParseEntityID(c.in)
		if ok != c.ok || (ok && n != c.want) {
			t.Errorf("ParseEntityID(%q) = %d, %v, want %d, %v", c.in, n, ok, c.want, c.ok)
		}
		if ok && EntityID(n) != c.in {
			t.Errorf("EntityID(%d) = %q, want %q", n, EntityID(n), c.in)
		}
	}
}

func TestMapIDs(t *testing.T) {
	sp, loc := "T1", "T3"
	d := &doc.JSON{
		Entities: []doc.JSONEntity{{ID: "T1"}, {ID: "T2"}, {ID: "T3"}},
		Quotes:   []doc.JSONQuote{{Speaker: &sp}, {}},
		Events:   []doc.JSONEvent{{Source: []string{"T1"}, Target: []string{"T2", "T9"}, Location: &loc}},
	}
	MapIDs(d, map[string]string{"T1": "E5", "T2": "E6", "T3": "E7"})
	if got := []string{d.Entities[0].ID, d.Entities[1].ID, d.Entities[2].ID}; !reflect.DeepEqual(got, []string{"E5", "E6", "E7"}) {
		t.Errorf("entities: %v", got)
	}
	if *d.Quotes[0].Speaker != "E5" || d.Quotes[1].Speaker != nil || sp != "T1" {
		t.Errorf("quotes: %v %v (given %q)", *d.Quotes[0].Speaker, d.Quotes[1].Speaker, sp)
	}
	e := d.Events[0]
	if !reflect.DeepEqual(e.Source, []string{"E5"}) || !reflect.DeepEqual(e.Target, []string{"E6", "T9"}) || *e.Location != "E7" {
		t.Errorf("event: %v %v %v", e.Source, e.Target, *e.Location)
	}
}

func TestQueryTerms(t *testing.T) {
	for _, c := range []struct {
		in   string
		want [][]string
	}{
		{"", nil},
		{"  ", nil},
		{"Merkel Berlin", [][]string{{"Merkel"}, {"Berlin"}}},
		{`"Angela Merkel" visits`, [][]string{{"Angela", "Merkel"}, {"visits"}}},
		{`"one" AND-OR*`, [][]string{{"one"}, {"AND"}, {"OR"}}},
		{`"unclosed phrase here`, [][]string{{"unclosed", "phrase", "here"}}},
		{`"" ")(" x`, [][]string{{"x"}}},
		{"Zürich 2024", [][]string{{"Zürich"}, {"2024"}}},
	} {
		if got := QueryTerms(c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("QueryTerms(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func FuzzQueryTerms(f *testing.F) {
	for _, s := range []string{"", `"a b" c`, `"open`, "Zürich*NEAR(x)", "\x00\"\"\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		for _, term := range QueryTerms(q) {
			if len(term) == 0 {
				t.Fatalf("QueryTerms(%q): empty term", q)
			}
			for _, w := range term {
				if w == "" || !reflect.DeepEqual(Words(w), []string{w}) {
					t.Fatalf("QueryTerms(%q): word %q is not one word", q, w)
				}
			}
		}
	})
}

func TestSnippet(t *testing.T) {
	body := strings.Repeat("filler words here ", 30) + "the needle sits here " + strings.Repeat("more text after ", 30)
	for _, c := range []struct {
		name, text, title string
		terms             []string
		n                 int
		want              string
	}{
		{"short", "Title\n\nA short body.", "Title", nil, 220, "A short body."},
		{"cut", "T\n\nalpha beta gamma delta", "T", nil, 12, "alpha beta…"},
		{"spaces", "T\n\nalpha\n\nbeta\tgamma", "T", nil, 220, "alpha beta gamma"},
	} {
		if got := Snippet(c.text, c.title, c.terms, c.n); got != c.want {
			t.Errorf("%s: Snippet = %q, want %q", c.name, got, c.want)
		}
	}
	got := Snippet("T\n\n"+body, "T", []string{"needle"}, 60)
	if !strings.HasPrefix(got, "…") || !strings.HasSuffix(got, "…") || !strings.Contains(got, "needle") || len(got) > 60+2*len("…") {
		t.Errorf("Snippet around a term = %q", got)
	}
	if got := Snippet("T\n\n"+strings.Repeat("żółć ", 80), "T", []string{"nothing"}, 50); !utf8.ValidString(got) {
		t.Errorf("Snippet cut a rune: %q", got)
	}
}

func TestMonths(t *testing.T) {
	m := Months{}
	for _, d := range []string{"2024-01-05", "2024-01-09", "2023-12-31", "2024"} {
		m.Add(&d)
	}
	m.Add(nil)
	want := []FacetCount{{Value: "2024-01", Count: 2}, {Value: "2023-12", Count: 1}}
	if got := m.Facets(); !reflect.DeepEqual(got, want) {
		t.Errorf("Facets = %v, want %v", got, want)
	}
	for i := 0; i < 30; i++ {
		d := string(rune('A'+i)) + "000-01-01"
		m.Add(&d)
	}
	if got := m.Facets(); len(got) != maxMonths || got[0].Value < got[1].Value {
		t.Errorf("Facets: %d months, first %v", len(got), got[0])
	}
}

func TestTimeline(t *testing.T) {
	tl := Timeline{}
	tl.Set(TimelineEvents, "2024-02-01", 3)
	tl.Set(TimelineArticles, "2024-01-01", 2)
	tl.Set(TimelineQuotes, "2024-02-01", 1)
	tl.Set(TimelineArticles, "2024-02-01", 5)
	want := []Bucket{{Date: "2024-01-01", Articles: 2}, {Date: "2024-02-01", Articles: 5, Events: 3, Quotes: 1}}
	if got := tl.Buckets(); !reflect.DeepEqual(got, want) {
		t.Errorf("Buckets = %v, want %v", got, want)
	}
}

func TestNetworkBuilder(t *testing.T) {
	adj := map[int64][]int64{1: {2, 3}, 2: {4, 5, 1}, 3: {1}}
	neighbours := func(id int64, n int) ([]int64, error) {
		nb := adj[id]
		return nb[:min(n, len(nb))], nil
	}
	for _, c := range []struct {
		name  string
		q     NetworkQuery
		nodes []int64
	}{
		{"depth 1", NetworkQuery{Depth: 1}, []int64{1, 2, 3}},
		{"depth 2", NetworkQuery{Depth: 2}, []int64{1, 2, 3, 4, 5}},
		{"limit", NetworkQuery{Depth: 2, Limit: 2}, []int64{1, 2}},
	} {
		g := NewNetworkBuilder(c.q)
		if err := g.Expand(1, c.q.Depth, neighbours); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(g.IDs(), c.nodes) {
			t.Errorf("%s: nodes %v, want %v", c.name, g.IDs(), c.nodes)
		}
	}
	g := NewNetworkBuilder(NetworkQuery{Limit: 1000, MinWeight: -1})
	if g.Nodes != defaultNetworkNodes || g.MinWeight != 1 {
		t.Errorf("bounds: %d nodes, weight %d", g.Nodes, g.MinWeight)
	}
	g.Add(2)
	g.Add(7)
	g.Node(7, Node{Name: "Seven"})
	g.Pair(2, 7, 4)
	g.Events(7, 2, "ASSAULT", 2)
	g.Events(2, 9, "AID", 1)
	net := g.Network()
	wantNodes := []Node{{}, {ID: "E7", Name: "Seven"}}
	wantEdges := []Edge{
		{Source: "E2", Target: "E7", Weight: 4, Events: map[string]int{"ASSAULT": 2}},
		{Source: "E2", Target: "E9", Events: map[string]int{"AID": 1}},
	}
	if !reflect.DeepEqual(net.Nodes, wantNodes) || !reflect.DeepEqual(net.Edges, wantEdges) {
		t.Errorf("Network = %+v", net)
	}
}
