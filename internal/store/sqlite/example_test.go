package sqlite_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/sqlite"
	"github.com/newsgraph/newsgraph/internal/store/storetest"
)

// Store analysed documents, then ask who said what.
func Example() {
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	s, err := sqlite.Open(filepath.Join(dir, "news.db"))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer s.Close()
	ctx := context.Background()
	if _, err := s.Put(ctx, storetest.Corpus()...); err != nil {
		fmt.Println(err)
		return
	}
	people, _ := s.Entities(ctx, store.EntityQuery{Name: "Blair", Type: "PERSON"})
	tony := people[0]
	fmt.Println(tony.Name, "in", tony.Articles, "articles, also called", tony.Aliases)
	quotes, _ := s.Quotes(ctx, store.QuoteQuery{Speaker: tony.ID, Limit: 1})
	fmt.Printf("latest of %d quotes: %q (%s)\n", quotes.Total, quotes.Results[0].Text, *quotes.Results[0].Published)
	// Output:
	// Tony Blair in 4 articles, also called [Mr Blair Blair]
	// latest of 3 quotes: "I stand by the decision," (2024-03-01)
}
