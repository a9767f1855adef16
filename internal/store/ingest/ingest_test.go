package ingest

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/xentity"
)

func TestValidate(t *testing.T) {
	ok := func() *doc.JSON {
		return &doc.JSON{Schema: doc.Schema, ID: "d1", Text: "Some text.", Entities: []doc.JSONEntity{{ID: "T1"}, {ID: "T2"}}}
	}
	noNUL := func(s string) error {
		if strings.IndexByte(s, 0) >= 0 {
			return errors.New("holds NUL bytes")
		}
		return nil
	}
	for _, c := range []struct {
		name  string
		edit  func(d *doc.JSON) *doc.JSON
		check func(string) error
		want  string // part of the error; "" for none
	}{
		{"valid", func(d *doc.JSON) *doc.JSON { return d }, nil, ""},
		{"nil", func(*doc.JSON) *doc.JSON { return nil }, nil, "nil document"},
		{"no id", func(d *doc.JSON) *doc.JSON { d.ID = ""; return d }, nil, "usable id"},
		{"long id", func(d *doc.JSON) *doc.JSON { d.ID = strings.Repeat("x", 201); return d }, nil, "usable id"},
		{"schema", func(d *doc.JSON) *doc.JSON { d.Schema = "other/9"; return d }, nil, `schema "other/9"`},
		{"no text", func(d *doc.JSON) *doc.JSON { d.Text = " \n"; return d }, nil, "no text"},
		{"store's text check", func(d *doc.JSON) *doc.JSON { d.Text = "a\x00b"; return d }, noNUL, "document d1: holds NUL bytes"},
		{"text check passes", func(d *doc.JSON) *doc.JSON { return d }, noNUL, ""},
		{"repeated entity", func(d *doc.JSON) *doc.JSON { d.Entities[1].ID = "T1"; return d }, nil, `entity id "T1"`},
		{"span outside", func(d *doc.JSON) *doc.JSON {
			d.Entities[0].Mentions = []doc.JSONSpan{{Start: 5, End: 500, Text: "x"}}
			return d
		}, nil, "document d1"},
	} {
		err := Validate(c.edit(ok()), c.check)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want) || !errors.Is(err, store.ErrInvalid)):
			t.Errorf("%s: error %v, want one with %q wrapping ErrInvalid", c.name, err, c.want)
		}
	}
}

func TestDay(t *testing.T) {
	s := func(v string) *string { return &v }
	for _, c := range []struct {
		in   *string
		want *string
	}{{nil, nil}, {s("2024-03-05T10:00:00Z"), s("2024-03-05")}, {s("2024-03-05"), s("2024-03-05")}, {s("2024-13-05"), nil}, {s("2024-03"), nil}, {s("yesterday!"), nil}} {
		got := Day(c.in)
		if (got == nil) != (c.want == nil) || got != nil && *got != *c.want {
			t.Errorf("Day(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestSignatures(t *testing.T) {
	docs := []*doc.JSON{{Text: "one two three four"}, nil, {Text: "five six seven"}}
	sigs := Signatures(docs)
	if len(sigs) != 3 || sigs[0] != store.MinHash(docs[0].Text) || sigs[2] != store.MinHash(docs[2].Text) || sigs[1] != (store.Signature{}) {
		t.Errorf("Signatures differ from MinHash")
	}
	if len(Signatures(nil)) != 0 {
		t.Errorf("Signatures(nil) not empty")
	}
}

func TestAggregate(t *testing.T) {
	sp, loc, nobody := "T1", "T4", "T9"
	d := &doc.JSON{
		Lang: "en",
		Entities: []doc.JSONEntity{
			{ID: "T1", Name: "Anna Berg", Type: "PERSON", Roles: []string{" Minister ", "minister", ""}, Mentions: make([]doc.JSONSpan, 3)},
			{ID: "T2", Name: "Berg", Type: "PERSON", Roles: []string{"Chair"}, Mentions: make([]doc.JSONSpan, 1)},
			{ID: "T3", Name: "Acme", Type: "ORG", Mentions: make([]doc.JSONSpan, 2)},
			{ID: "T4", Name: "Oslo", Type: "GPE", Mentions: make([]doc.JSONSpan, 1)},
			{ID: "T5", Name: "Monday", Type: "DATE", Mentions: make([]doc.JSONSpan, 9)},
		},
		Quotes: []doc.JSONQuote{{Speaker: &sp}},
		Events: []doc.JSONEvent{{Source: []string{"T2", "T9"}, Target: []string{"T3", "T1"}, Location: &loc}},
	}
	links := []xentity.Link{{Local: "T1", ID: 7}, {Local: "T2", ID: 7}, {Local: "T3", ID: 3}, {Local: "T4", ID: 9}, {Local: "T5", ID: 1}}
	es := Aggregate(d, links)
	if len(es.List) != 4 {
		t.Fatalf("%d entities, want 4", len(es.List))
	}
	a := es.List[0]
	if a.ID != 7 || a.Type != "PERSON" || a.Mentions != 4 {
		t.Errorf("first entity %+v", a)
	}
	if got := a.SortedNames(); !reflect.DeepEqual(got, []string{"Anna Berg", "Berg"}) {
		t.Errorf("names %q", got)
	}
	if got := a.SortedRoles(); len(got) != 2 || got[0] != "Chair" || strings.ToLower(got[1]) != "minister" {
		t.Errorf("roles %q", got)
	}
	if a.Roles["minister"] == "" || a.Roles["chair"] != "Chair" {
		t.Errorf("role keys %q", a.Roles)
	}
	// network entities by mentions: 7 (4), 3 (2), 9 (1); DATE is not one
	if got, want := es.Pairs(), [][2]int64{{3, 7}, {7, 9}, {3, 9}}; !reflect.DeepEqual(got, want) {
		t.Errorf("Pairs = %v, want %v", got, want)
	}
	if id, ok := es.Ref(&sp); !ok || id != 7 {
		t.Errorf("Ref(speaker) = %d, %v", id, ok)
	}
	if _, ok := es.Ref(&nobody); ok {
		t.Errorf("Ref of an unlinked id")
	}
	if _, ok := es.Ref(nil); ok {
		t.Errorf("Ref(nil)")
	}
	src, tgt := es.Actors(d.Events[0])
	if !reflect.DeepEqual(src, []int64{7}) || !reflect.DeepEqual(tgt, []int64{3, 7}) {
		t.Errorf("Actors = %v %v", src, tgt)
	}
}

func TestPairsBound(t *testing.T) {
	d := &doc.JSON{Lang: "en"}
	var links []xentity.Link
	for i := 0; i < MaxPairs+5; i++ {
		id := string(rune('A' + i))
		d.Entities = append(d.Entities, doc.JSONEntity{ID: id, Name: id, Type: "ORG", Mentions: make([]doc.JSONSpan, i+1)})
		links = append(links, xentity.Link{Local: id, ID: int64(i + 1)})
	}
	pairs := Aggregate(d, links).Pairs()
	if len(pairs) != MaxPairs*(MaxPairs-1)/2 {
		t.Fatalf("%d pairs, want %d", len(pairs), MaxPairs*(MaxPairs-1)/2)
	}
	for _, p := range pairs {
		if p[0] >= p[1] || p[0] <= 5 {
			t.Errorf("pair %v: not ordered, or of a less mentioned entity", p)
		}
	}
}
