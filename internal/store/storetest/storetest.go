package storetest

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/store"
)

// Corpus returns a small hand-written corpus exercising cross-article
// entities, roles over time, quotes, events and a near-duplicate copy.
func Corpus() []*doc.JSON {
	budget := Article{
		Source: "wire/budget.txt", Published: "2024-01-05",
		Title: "Prime Minister Tony Blair defends the budget",
		Body: "Prime Minister Tony Blair defended the budget on Tuesday in London. " +
			"\"We will not raise taxes on working families,\" Mr Blair told MPs. " +
			"He met Gordon Brown, the Chancellor, at Downing Street to discuss the £2bn plan. " +
			"Labour officials said the meeting went well and that the party would publish details next week.",
		Entities: []Entity{
			{ID: "e1", Name: "Tony Blair", Type: "PERSON", Roles: []string{"Prime Minister"}, Mentions: []string{"Tony Blair", "Mr Blair"}},
			{ID: "e2", Name: "Gordon Brown", Type: "PERSON", Roles: []string{"Chancellor"}, Mentions: []string{"Gordon Brown"}},
			{ID: "e3", Name: "London", Type: "GPE", Mentions: []string{"London"}},
			{ID: "e4", Name: "Labour", Type: "ORG", Mentions: []string{"Labour"}},
		},
		Quotes: []Quote{{Text: "We will not raise taxes on working families,", Speaker: "e1", Cue: "told", Direct: true}},
		Events: []Event{{Type: "CONSULT", Source: []string{"e1"}, Target: []string{"e2"}, Date: "2024-01-02",
			Evidence: "He met Gordon Brown, the Chancellor, at Downing Street to discuss the £2bn plan."}},
		Dates: []Date{{Text: "Tuesday", Value: "2024-01-02"}},
	}
	// the same wire story republished with a new headline and a small edit
	copyOf := budget
	copyOf.Source = "other/budget.html"
	copyOf.Title = "Blair: no tax rises for working families"
	copyOf.Body = strings.Replace(budget.Body, "the party would publish details next week.", "the party would publish the details next week.", 1)
	iraq := Article{
		Source: "wire/iraq.txt", Published: "2024-03-01",
		Title: "Blair faces questions over Iraq",
		Body: "Mr Blair faced questions from Labour MPs about Iraq on Wednesday. " +
			"\"I stand by the decision,\" Blair said, adding that Gordon Brown had supported it. " +
			"The prime minister spoke for an hour.",
		Entities: []Entity{
			{ID: "e1", Name: "Blair", Type: "PERSON", Roles: []string{"prime minister"}, Mentions: []string{"Mr Blair", "Blair"}},
			{ID: "e2", Name: "Labour", Type: "ORG", Mentions: []string{"Labour"}},
			{ID: "e3", Name: "Iraq", Type: "GPE", Mentions: []string{"Iraq"}},
			{ID: "e4", Name: "Gordon Brown", Type: "PERSON", Mentions: []string{"Gordon Brown"}},
		},
		Quotes: []Quote{{Text: "I stand by the decision,", Speaker: "e1", Cue: "said", Direct: true}},
	}
	cherie := Article{
		Source: "wire/cherie.txt", Published: "2024-06-01",
		Title: "Cherie Blair opens a legal clinic",
		Body: "Cherie Blair, the barrister, opened a legal clinic in Manchester on Friday. " +
			"\"Access to justice matters,\" she said.",
		Entities: []Entity{
			{ID: "e1", Name: "Cherie Blair", Type: "PERSON", Roles: []string{"barrister"}, Mentions: []string{"Cherie Blair"}},
			{ID: "e2", Name: "Manchester", Type: "GPE", Mentions: []string{"Manchester"}},
		},
		Quotes: []Quote{{Text: "Access to justice matters,", Speaker: "e1", Cue: "said", Direct: true}},
	}
	former := Article{
		Source: "wire/memoir.txt", Published: "2024-09-10",
		Title: "Former prime minister Tony Blair publishes memoir",
		Body:  "Tony Blair, the former Prime Minister, published a memoir in London on Monday. Labour figures attended the launch.",
		Entities: []Entity{
			{ID: "e1", Name: "Tony Blair", Type: "PERSON", Roles: []string{"former Prime Minister"}, Mentions: []string{"Tony Blair"}},
			{ID: "e2", Name: "London", Type: "GPE", Mentions: []string{"London"}},
			{ID: "e3", Name: "Labour", Type: "ORG", Mentions: []string{"Labour"}},
		},
	}
	// two men called Smith in different worlds
	football := func(src, pub, title, body string) Article {
		return Article{Source: src, Published: pub, Title: title, Body: body, Entities: []Entity{
			{ID: "e1", Name: "Smith", Type: "PERSON", Mentions: []string{"Smith"}},
			{ID: "e2", Name: "Rovers", Type: "ORG", Mentions: []string{"Rovers"}},
			{ID: "e3", Name: "Premier League", Type: "ORG", Mentions: []string{"Premier League"}},
		}}
	}
	f1 := football("sport/1.txt", "2024-02-03", "Smith scores twice", "Smith scored twice as Rovers climbed the Premier League table on Saturday.")
	f2 := football("sport/2.txt", "2024-02-10", "Smith injured", "Rovers will be without Smith for a month, the Premier League club said.")
	pol := Article{
		Source: "politics/smith.txt", Published: "2024-02-12", Title: "Smith tables motion",
		Body: "Smith tabled a motion in Parliament calling on the Treasury to publish its forecasts.",
		Entities: []Entity{
			{ID: "e1", Name: "Smith", Type: "PERSON", Mentions: []string{"Smith"}},
			{ID: "e2", Name: "Parliament", Type: "ORG", Mentions: []string{"Parliament"}},
			{ID: "e3", Name: "Treasury", Type: "ORG", Mentions: []string{"Treasury"}},
		},
	}
	return []*doc.JSON{Build(budget), Build(copyOf), Build(iraq), Build(cherie), Build(former), Build(f1), Build(f2), Build(pol)}
}

// Run runs the conformance suite against stores made by open. Each subtest
// gets a fresh, empty store.
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	ctx := context.Background()
	fill := func(t *testing.T) (store.Store, []*doc.JSON) {
		s := open(t)
		docs := Corpus()
		res, err := s.Put(ctx, docs...)
		if err != nil {
			t.Fatalf("Put: %v", err)
		}
		for i, r := range res {
			if r.Err != nil || !r.Added || r.ID != docs[i].ID {
				t.Fatalf("Put result %d = %+v, want added %s", i, r, docs[i].ID)
			}
		}
		return s, docs
	}
	entityByName := func(t *testing.T, s store.Store, name, typ string) store.EntitySummary {
		t.Helper()
		es, err := s.Entities(ctx, store.EntityQuery{Name: name, Type: typ, Limit: 50})
		if err != nil {
			t.Fatalf("Entities(%q): %v", name, err)
		}
		for _, e := range es {
			if e.Name == name {
				return e
			}
		}
		t.Fatalf("no entity named %q among %+v", name, es)
		return store.EntitySummary{}
	}

	t.Run("RoundTrip", func(t *testing.T) {
		s, docs := fill(t)
		got, err := s.Document(ctx, docs[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Text != docs[0].Text || got.Title != docs[0].Title || got.Schema != doc.Schema {
			t.Errorf("document changed in the store: %q / %q", got.Title, got.Text)
		}
		if err := got.CheckSpans(); err != nil {
			t.Errorf("spans: %v", err)
		}
		if len(got.Entities) != 4 || len(got.Quotes) != 1 || len(got.Events) != 1 || len(got.Dates) != 1 {
			t.Fatalf("layers lost: %d entities %d quotes %d events %d dates", len(got.Entities), len(got.Quotes), len(got.Events), len(got.Dates))
		}
		blair := got.Entities[0].ID
		if blair == "e1" || *got.Quotes[0].Speaker != blair || got.Events[0].Source[0] != blair {
			t.Errorf("ids not corpus-wide or not consistent: entity %q speaker %q source %q", blair, *got.Quotes[0].Speaker, got.Events[0].Source[0])
		}
		if ok, err := s.Has(ctx, docs[0].ID); !ok || err != nil {
			t.Errorf("Has(stored) = %v, %v", ok, err)
		}
		if ok, err := s.Has(ctx, "sha256:nope"); ok || err != nil {
			t.Errorf("Has(missing) = %v, %v", ok, err)
		}
		if _, err := s.Document(ctx, "sha256:nope"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("missing document: err = %v, want ErrNotFound", err)
		}
		n := 0
		if err := s.Documents(ctx, func(d *store.Document) error { n++; return nil }); err != nil || n != len(docs) {
			t.Errorf("Documents visited %d (err %v), want %d", n, err, len(docs))
		}
	})

	t.Run("Idempotent", func(t *testing.T) {
		s, docs := fill(t)
		before, err := s.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		res, err := s.Put(ctx, docs...)
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range res {
			if r.Added || r.Err != nil {
				t.Errorf("second Put of %d: %+v, want not added", i, r)
			}
		}
		after, _ := s.Stats(ctx)
		if before != after {
			t.Errorf("stats changed by a second ingest: %+v -> %+v", before, after)
		}
		if before.Documents != len(docs) || before.Quotes != 4 || before.Events != 2 {
			t.Errorf("stats = %+v", before)
		}
	})

	t.Run("InvalidDocumentsAreRefusedAlone", func(t *testing.T) {
		s := open(t)
		good := Corpus()[0]
		badSpan := *Corpus()[2]
		badSpan.Quotes = append([]doc.JSONQuote(nil), badSpan.Quotes...)
		badSpan.Quotes[0].Start += 3 // text no longer matches the span
		noSchema := *Corpus()[3]
		noSchema.Schema = "other/9"
		res, err := s.Put(ctx, &badSpan, good, &noSchema, nil)
		if err != nil {
			t.Fatal(err)
		}
		if res[0].Err == nil || !errors.Is(res[0].Err, store.ErrInvalid) || res[2].Err == nil || res[3].Err == nil {
			t.Errorf("bad documents accepted: %+v", res)
		}
		if res[1].Err != nil || !res[1].Added {
			t.Errorf("good document not stored: %+v", res[1])
		}
		st, _ := s.Stats(ctx)
		if st.Documents != 1 || st.Quotes != 1 {
			t.Errorf("half-written documents: %+v", st)
		}
	})

	t.Run("NearDuplicatesShareAStory", func(t *testing.T) {
		s, docs := fill(t)
		a, _ := s.Document(ctx, docs[0].ID)
		b, _ := s.Document(ctx, docs[1].ID)
		c, _ := s.Document(ctx, docs[2].ID)
		if a.Story == nil || b.Story == nil || a.Story.ID != docs[0].ID || b.Story.ID != docs[0].ID {
			t.Fatalf("copies not grouped: %+v %+v", a.Story, b.Story)
		}
		if len(b.Story.Copies) != 2 || b.Story.Copies[1].Source != "other/budget.html" {
			t.Errorf("copies = %+v", b.Story.Copies)
		}
		if c.Story.ID != docs[2].ID {
			t.Errorf("unrelated story grouped with %s", c.Story.ID)
		}
		st, _ := s.Stats(ctx)
		if st.Stories != st.Documents-1 {
			t.Errorf("stories = %d, documents = %d", st.Stories, st.Documents)
		}
	})

	t.Run("EntitiesAcrossArticles", func(t *testing.T) {
		s, _ := fill(t)
		tony := entityByName(t, s, "Tony Blair", "PERSON")
		if tony.Articles != 4 { // budget, its copy, Iraq ("Mr Blair"), memoir
			t.Errorf("Tony Blair in %d articles, want 4 (aliases %v)", tony.Articles, tony.Aliases)
		}
		for _, want := range []string{"Mr Blair", "Blair"} {
			found := false
			for _, a := range tony.Aliases {
				found = found || a == want
			}
			if !found {
				t.Errorf("alias %q missing from %v", want, tony.Aliases)
			}
		}
		cherie := entityByName(t, s, "Cherie Blair", "PERSON")
		if cherie.ID == tony.ID || cherie.Articles != 1 {
			t.Errorf("Cherie Blair merged with Tony Blair or miscounted: %+v", cherie)
		}
		es, _ := s.Entities(ctx, store.EntityQuery{Name: "Smith", Type: "PERSON"})
		if len(es) != 2 {
			t.Fatalf("Smiths = %+v, want the footballer and the politician apart", es)
		}
		if es[0].Articles != 2 || es[1].Articles != 1 {
			t.Errorf("Smith articles = %d, %d; want 2, 1", es[0].Articles, es[1].Articles)
		}
		d, err := s.Entity(ctx, tony.ID)
		if err != nil {
			t.Fatal(err)
		}
		roles := map[string]store.Role{}
		for _, r := range d.Roles {
			roles[strings.ToLower(r.Role)] = r
		}
		pm := roles["prime minister"]
		if pm.Articles != 3 || pm.FirstSeen == nil || *pm.FirstSeen != "2024-01-05" || *pm.LastSeen != "2024-03-01" {
			t.Errorf("role prime minister = %+v", pm)
		}
		if f := roles["former prime minister"]; f.Articles != 1 || *f.FirstSeen != "2024-09-10" {
			t.Errorf("role former prime minister = %+v", f)
		}
		if len(d.Related) == 0 {
			t.Errorf("no related entities")
		}
		rel := map[string]bool{}
		for _, r := range d.Related {
			rel[r.Name] = true
		}
		if !rel["Gordon Brown"] || !rel["Labour"] {
			t.Errorf("related = %+v", d.Related)
		}
		if d.FirstSeen == nil || *d.FirstSeen != "2024-01-05" || *d.LastSeen != "2024-09-10" {
			t.Errorf("first/last seen = %v %v", d.FirstSeen, d.LastSeen)
		}
		if _, err := s.Entity(ctx, "E999999"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("missing entity: %v", err)
		}
		if _, err := s.Entity(ctx, "'; DROP TABLE entities; --"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("odd entity id: %v", err)
		}
		for _, q := range []string{"tony", "Mr Blair", "TONY BLAIR", "blair"} {
			found := false
			es, err := s.Entities(ctx, store.EntityQuery{Name: q, Type: "PERSON"})
			for _, e := range es {
				found = found || e.ID == tony.ID
			}
			if !found || err != nil {
				t.Errorf("Entities(%q) misses Tony Blair: %+v %v", q, es, err)
			}
		}
		loc, _ := s.Entities(ctx, store.EntityQuery{Type: "GPE"})
		if len(loc) == 0 || loc[0].Name != "London" {
			t.Errorf("GPE entities = %+v", loc)
		}
	})

	t.Run("Search", func(t *testing.T) {
		s, docs := fill(t)
		tony := entityByName(t, s, "Tony Blair", "PERSON")
		cases := []struct {
			name  string
			q     store.SearchQuery
			total int
			first string
		}{
			{"word", store.SearchQuery{Text: "memoir"}, 1, docs[4].ID},
			{"phrase", store.SearchQuery{Text: `"legal clinic"`}, 1, docs[3].ID},
			{"all words required", store.SearchQuery{Text: "Blair Manchester"}, 1, docs[3].ID},
			{"date range", store.SearchQuery{Text: "Blair", From: "2024-02-01", To: "2024-06-30"}, 2, ""},
			{"entity", store.SearchQuery{Entity: tony.ID}, 4, docs[4].ID},
			{"type facet", store.SearchQuery{Text: "Smith", Type: "ORG"}, 3, ""},
			{"lang", store.SearchQuery{Lang: "de"}, 0, ""},
			{"no query: newest first", store.SearchQuery{}, len(docs), docs[4].ID},
			{"sql injection", store.SearchQuery{Text: "'; DROP TABLE documents; --"}, 0, ""},
			{"fts syntax", store.SearchQuery{Text: `budget OR NEAR( "`}, 0, ""},
			{"unknown entity", store.SearchQuery{Entity: "E0"}, 0, ""},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				p, err := s.Search(ctx, c.q)
				if err != nil {
					t.Fatal(err)
				}
				if p.Total != c.total {
					t.Errorf("total = %d, want %d (%+v)", p.Total, c.total, p.Results)
				}
				if c.first != "" && (len(p.Results) == 0 || p.Results[0].ID != c.first) {
					t.Errorf("first = %+v, want %s", p.Results, c.first)
				}
			})
		}
		p1, _ := s.Search(ctx, store.SearchQuery{Limit: 3})
		p2, _ := s.Search(ctx, store.SearchQuery{Limit: 3, Offset: 3})
		if len(p1.Results) != 3 || len(p2.Results) != 3 || p1.Results[0].ID == p2.Results[0].ID || p1.Total != p2.Total {
			t.Errorf("paging: %d %d", len(p1.Results), len(p2.Results))
		}
		p, _ := s.Search(ctx, store.SearchQuery{Text: "clinic"})
		if len(p.Results) == 1 && !strings.Contains(p.Results[0].Snippet, "clinic") {
			t.Errorf("snippet %q lacks the term", p.Results[0].Snippet)
		}
		f, _ := s.Search(ctx, store.SearchQuery{Text: "Blair", Facets: true})
		if f.Facets == nil || len(f.Facets.Types) == 0 || len(f.Facets.Entities) == 0 || len(f.Facets.Months) == 0 {
			t.Errorf("facets = %+v", f.Facets)
		}
	})

	t.Run("QuotesAndEvents", func(t *testing.T) {
		s, docs := fill(t)
		tony := entityByName(t, s, "Tony Blair", "PERSON")
		q, err := s.Quotes(ctx, store.QuoteQuery{Speaker: tony.ID})
		if err != nil {
			t.Fatal(err)
		}
		if q.Total != 3 || len(q.Results) != 3 || q.Results[0].Text != "I stand by the decision," {
			t.Errorf("Blair quotes = %+v", q)
		}
		q, _ = s.Quotes(ctx, store.QuoteQuery{Text: "justice"})
		if q.Total != 1 || q.Results[0].SpeakerName == nil || *q.Results[0].SpeakerName != "Cherie Blair" {
			t.Errorf("quote search = %+v", q)
		}
		q, _ = s.Quotes(ctx, store.QuoteQuery{From: "2024-02-01", To: "2024-12-31"})
		if q.Total != 2 {
			t.Errorf("quotes by date: %d", q.Total)
		}
		q, _ = s.Quotes(ctx, store.QuoteQuery{Document: docs[3].ID})
		if q.Total != 1 {
			t.Errorf("quotes by document: %d", q.Total)
		}
		ev, err := s.Events(ctx, store.EventQuery{Actor: tony.ID, Type: "CONSULT"})
		if err != nil {
			t.Fatal(err)
		}
		if ev.Total != 2 || ev.Results[0].Source[0] != tony.ID || ev.Results[0].Names[ev.Results[0].Target[0]] != "Gordon Brown" ||
			!strings.HasPrefix(ev.Results[0].Evidence.Text, "He met Gordon Brown") {
			t.Errorf("events = %+v", ev)
		}
		ev, _ = s.Events(ctx, store.EventQuery{Type: "FIGHT"})
		if ev.Total != 0 || ev.Results == nil {
			t.Errorf("FIGHT events = %+v", ev)
		}
	})

	t.Run("ReadsDuringWrites", func(t *testing.T) {
		s := open(t)
		docs := Corpus()
		done := make(chan error, 1)
		go func() {
			for i := 0; i < 20; i++ {
				if _, err := s.Search(ctx, store.SearchQuery{Text: "Blair"}); err != nil {
					done <- err
					return
				}
				if _, err := s.Entities(ctx, store.EntityQuery{}); err != nil {
					done <- err
					return
				}
			}
			done <- nil
		}()
		for _, d := range docs {
			if _, err := s.Put(ctx, d); err != nil {
				t.Fatal(err)
			}
		}
		if err := <-done; err != nil {
			t.Errorf("read during writes: %v", err)
		}
	})

	t.Run("NetworkTimelineStats", func(t *testing.T) {
		s, _ := fill(t)
		tony := entityByName(t, s, "Tony Blair", "PERSON")
		brown := entityByName(t, s, "Gordon Brown", "PERSON")
		n, err := s.Network(ctx, store.NetworkQuery{Entity: tony.ID, Depth: 1})
		if err != nil {
			t.Fatal(err)
		}
		if len(n.Nodes) < 3 || n.Nodes[0].ID != tony.ID {
			t.Errorf("nodes = %+v", n.Nodes)
		}
		found := false
		for _, e := range n.Edges {
			if (e.Source == tony.ID && e.Target == brown.ID) || (e.Source == brown.ID && e.Target == tony.ID) {
				found = e.Weight == 3 && e.Events["CONSULT"] == 2
			}
		}
		if !found {
			t.Errorf("Blair–Brown edge missing or wrong: %+v", n.Edges)
		}
		whole, err := s.Network(ctx, store.NetworkQuery{MinWeight: 2})
		if err != nil || len(whole.Nodes) == 0 {
			t.Errorf("whole network: %+v %v", whole, err)
		}
		if _, err := s.Network(ctx, store.NetworkQuery{Entity: "E999999"}); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("network of missing entity: %v", err)
		}
		tl, err := s.Timeline(ctx, store.TimelineQuery{Entity: tony.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(tl) != 3 || tl[0].Date != "2024-01-05" || tl[0].Articles != 2 || tl[0].Quotes != 2 || tl[0].Events != 2 {
			t.Errorf("timeline = %+v", tl)
		}
		tl, _ = s.Timeline(ctx, store.TimelineQuery{Text: "Smith"})
		if len(tl) != 3 {
			t.Errorf("text timeline = %+v", tl)
		}
		all, _ := s.Timeline(ctx, store.TimelineQuery{})
		if len(all) != 7 {
			t.Errorf("corpus timeline = %+v", all)
		}
	})
}
