package storetest

import (
	"fmt"
	"math/rand"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// Synthetic returns n generated analysed articles for benchmarks of the
// stores: a few hundred made-up people, organisations and places (names
// built from syllables) recur across articles as a news corpus's do, each
// article naming four to seven of them, with a quote, a meeting event and
// filler sentences, published over two years. The same seed gives the same
// articles.
func Synthetic(n int, seed int64) []*doc.JSON {
	rng := rand.New(rand.NewSource(seed))
	syl := []string{"ka", "lo", "mi", "ra", "ten", "vor", "sa", "bel", "dun", "ko", "ri", "mar", "fen", "ta", "gol", "ne", "sil", "ur", "pa", "dre"}
	word := func(k int) string {
		var b strings.Builder
		for i := 0; i < k; i++ {
			b.WriteString(syl[rng.Intn(len(syl))])
		}
		s := b.String()
		return strings.ToUpper(s[:1]) + s[1:]
	}
	pool := func(size int, f func() string) []string {
		seen := map[string]bool{}
		var out []string
		for len(out) < size {
			if s := f(); !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
		return out
	}
	people := pool(400, func() string { return word(2) + " " + word(2+rng.Intn(2)) })
	orgs := pool(120, func() string {
		return word(3) + " " + []string{"Group", "Council", "Party", "Bank", "Union"}[rng.Intn(5)]
	})
	places := pool(80, func() string { return word(2 + rng.Intn(2)) })
	roles := []string{"minister", "chief executive", "mayor", "spokesman", "chairman", "governor"}
	filler := []string{"prices", "the budget", "new rules", "the election", "the talks", "higher wages", "the agreement", "the court ruling", "exports", "the strike"}
	verbs := []string{"discussed", "criticised", "welcomed", "questioned", "defended", "rejected"}
	// a Zipf-like choice: a few names are in many articles
	pick := func(list []string) string { return list[int(float64(len(list))*rng.Float64()*rng.Float64())] }
	start := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	out := make([]*doc.JSON, 0, n)
	for i := 0; i < n; i++ {
		p1, p2 := pick(people), pick(people)
		for p2 == p1 {
			p2 = pick(people)
		}
		org, place := pick(orgs), pick(places)
		role := roles[rng.Intn(len(roles))]
		var body strings.Builder
		fmt.Fprintf(&body, "%s, the %s, met %s in %s on Tuesday to discuss %s. ", p1, role, p2, place, filler[rng.Intn(len(filler))])
		q := fmt.Sprintf("We will not accept %s without a vote, and article %d says so,", filler[rng.Intn(len(filler))], i)
		fmt.Fprintf(&body, "\"%s\" %s said. ", q, p1)
		for k := 0; k < 4+rng.Intn(6); k++ {
			fmt.Fprintf(&body, "Officials of the %s %s %s on day %d, and %s was mentioned again. ", org, verbs[rng.Intn(len(verbs))], filler[rng.Intn(len(filler))], rng.Intn(1000), place)
		}
		ents := []Entity{
			{ID: "e1", Name: p1, Type: "PERSON", Roles: []string{role}, Mentions: []string{p1}},
			{ID: "e2", Name: p2, Type: "PERSON", Mentions: []string{p2}},
			{ID: "e3", Name: org, Type: "ORG", Mentions: []string{org}},
			{ID: "e4", Name: place, Type: "GPE", Mentions: []string{place}},
		}
		if rng.Intn(2) == 0 {
			p3 := pick(people)
			if p3 != p1 && p3 != p2 && !strings.Contains(p3, place) {
				fmt.Fprintf(&body, "%s did not comment.", p3)
				ents = append(ents, Entity{ID: "e5", Name: p3, Type: "PERSON", Mentions: []string{p3}})
			}
		}
		a := Article{
			Source:    fmt.Sprintf("synthetic/%d.txt", i),
			Published: start.AddDate(0, 0, rng.Intn(730)).Format("2006-01-02"),
			Title:     fmt.Sprintf("%s meets %s in %s", p1, p2, place),
			Body:      body.String(),
			Entities:  ents,
			Quotes:    []Quote{{Text: q, Speaker: "e1", Cue: "said", Direct: true}},
			Events: []Event{{Type: "CONSULT", Source: []string{"e1"}, Target: []string{"e2"}, Location: "e4",
				Evidence: strings.SplitAfter(body.String(), ". ")[0]}},
		}
		out = append(out, Build(a))
	}
	return out
}
