// Package install registers every pipeline component by importing its
// package for its init() side effect (Prometheus' discovery/install).
// Commands import this package once; adding a component means adding one
// import here.
package install

import (
	_ "github.com/newsgraph/newsgraph/internal/amount"  // amount
	_ "github.com/newsgraph/newsgraph/internal/entity"  // entity
	_ "github.com/newsgraph/newsgraph/internal/event"   // event
	_ "github.com/newsgraph/newsgraph/internal/langid"  // lang
	_ "github.com/newsgraph/newsgraph/internal/ner"     // ner
	_ "github.com/newsgraph/newsgraph/internal/quote"   // quote
	_ "github.com/newsgraph/newsgraph/internal/segment" // segment
	_ "github.com/newsgraph/newsgraph/internal/timex"   // timex
)
