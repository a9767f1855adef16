package postgres_test

import (
	"context"
	"fmt"
	"log"

	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/postgres"
	"github.com/newsgraph/newsgraph/internal/store/storetest"
)

// Open a database (its tables are created on first use), store documents
// and search them. Several processes may do this on one database at once.
func Example() {
	ctx := context.Background()
	s, err := postgres.Open(ctx, "postgres://newsgraph@localhost:5432/news")
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Put(ctx, storetest.Corpus()...); err != nil {
		log.Fatal(err) // nothing of this call was stored: retry it
	}
	page, err := s.Search(ctx, store.SearchQuery{Text: `"legal clinic"`, Lang: "en"})
	if err != nil {
		log.Fatal(err)
	}
	for _, h := range page.Results {
		fmt.Println(h.Title, h.Snippet)
	}
}
