// Package store defines where analysed documents are kept and how they are
// asked questions: the Store interface, composed of small interfaces in the
// manner of Prometheus' storage package (an Appender to write, readers for
// documents, entities, facts and graphs), so that the embedded SQLite store
// (package store/sqlite) and the PostgreSQL store (store/postgres) can be
// swapped without touching callers. Both pass the same conformance suite,
// store/storetest.
//
// The store sits at the end of the pipeline: source → doc → pipeline
// components → store → API and web UI. It receives newsgraph.document/1
// values (doc.JSON), links their document-local entities to corpus-wide
// entities (package xentity), groups near-duplicate copies of one story, and
// answers the queries of the HTTP API (../shared/spec/api.md).
//
// What answering queries needs beyond SQL is here too, so that every store
// answers alike: public entity ids (EntityID), paging bounds (Limit), the
// terms of a text query (QueryTerms), snippets, and the assembly of month
// facets, timelines and networks (read.go), read from either driver's
// result rows through Rows (rows.go); and near-duplicate fingerprints and
// the choice of a new document's story (simhash.go). What stores compute
// before writing a document is in store/ingest.
package store

import (
	"context"
	"errors"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// Errors returned by stores. Implementations wrap them with context.
var (
	// ErrNotFound means no document or entity has the id asked for.
	ErrNotFound = errors.New("not found")
	// ErrInvalid means a document cannot be stored as given (no id, no text,
	// an unknown schema, spans outside the text).
	ErrInvalid = errors.New("invalid document")
	// ErrSchemaTooNew means the database was written by a newer newsgraph
	// whose schema this program does not know; it is left untouched.
	ErrSchemaTooNew = errors.New("database schema is newer than this program")
	// ErrNotNewsgraph means the file is a database, but not a newsgraph one.
	ErrNotNewsgraph = errors.New("not a newsgraph database")
)

// Store is the whole storage interface: every backend implements it.
type Store interface {
	Appender
	DocumentReader
	EntityReader
	FactReader
	GraphReader
	// Stats counts what is stored.
	Stats(ctx context.Context) (Stats, error)
	// Close releases the store.
	Close() error
}

// Appender adds documents.
type Appender interface {
	// Put stores documents. Each document is written whole or not at all;
	// a document whose id is already stored is left as it is (ids are
	// content hashes, so a second copy is the same article). One result per
	// document, in order; the error is only for failures of the store itself.
	Put(ctx context.Context, docs ...*doc.JSON) ([]PutResult, error)
}

// PutResult says what happened to one document given to Put.
type PutResult struct {
	ID string `json:"id"`
	// Added is false when the document was already stored.
	Added bool `json:"added"`
	// Story is the id of the story the document belongs to: its own id, or
	// that of the first stored near-duplicate.
	Story string `json:"story"`
	// Err is set when this document could not be stored (ErrInvalid…).
	Err error `json:"-"`
}

// DocumentReader reads documents back.
type DocumentReader interface {
	// Has reports whether a document with this id is stored.
	Has(ctx context.Context, id string) (bool, error)
	// Document returns a stored document with its entity ids replaced by
	// corpus-wide ones, or ErrNotFound.
	Document(ctx context.Context, id string) (*Document, error)
	// Search finds documents by full text and filters, best match first
	// (newest first when there is no text query).
	Search(ctx context.Context, q SearchQuery) (SearchPage, error)
	// Documents calls fn for every stored document in the order they were
	// added (with corpus-wide entity ids), for export.
	Documents(ctx context.Context, fn func(*Document) error) error
}

// EntityReader reads corpus-wide entities.
type EntityReader interface {
	// Entities lists entities matching a name and type, most articles first.
	Entities(ctx context.Context, q EntityQuery) ([]EntitySummary, error)
	// Entity returns one entity with its roles over time and related
	// entities, or ErrNotFound.
	Entity(ctx context.Context, id string) (*EntityDetail, error)
}

// FactReader reads quotes and events across documents.
type FactReader interface {
	// Quotes lists quotes, newest first.
	Quotes(ctx context.Context, q QuoteQuery) (QuotePage, error)
	// Events lists events, newest first.
	Events(ctx context.Context, q EventQuery) (EventPage, error)
}

// GraphReader answers questions about the corpus as a whole.
type GraphReader interface {
	// Network returns the actor network around an entity (or the strongest
	// part of the whole network when Entity is empty).
	Network(ctx context.Context, q NetworkQuery) (*Network, error)
	// Timeline counts articles, events and quotes per day.
	Timeline(ctx context.Context, q TimelineQuery) ([]Bucket, error)
}

// Document is a stored document: newsgraph.document/1 with corpus-wide
// entity ids, plus the story it belongs to.
type Document struct {
	doc.JSON
	// Story is the story group: the id of its first copy and every copy.
	Story *Story `json:"story,omitempty"`
}

// Story is a group of near-duplicate documents (one wire story republished).
type Story struct {
	ID     string      `json:"id"`
	Copies []StoryCopy `json:"copies"`
}

// StoryCopy is one copy of a story with where it came from.
type StoryCopy struct {
	ID        string  `json:"id"`
	Source    string  `json:"source"`
	Title     string  `json:"title"`
	Published *string `json:"published"`
}

// SearchQuery filters documents. Zero values mean "no filter".
type SearchQuery struct {
	Text   string // words and "quoted phrases", all required
	From   string // ISO date, inclusive
	To     string // ISO date, inclusive
	Lang   string
	Entity string // corpus entity id the document must mention
	Type   string // entity type the document must mention (a facet)
	Limit  int
	Offset int
	// Facets asks for facet counts over the best matches.
	Facets bool
}

// SearchPage is one page of search results.
type SearchPage struct {
	Total   int         `json:"total"`
	Results []SearchHit `json:"results"`
	// Facets counts the matching documents per entity type, per top entity
	// and per month, for the UI's facet lists.
	Facets *Facets `json:"facets,omitempty"`
}

// SearchHit is one found document.
type SearchHit struct {
	ID        string  `json:"id"`
	Title     string  `json:"title"`
	Published *string `json:"published"`
	Source    string  `json:"source"`
	Lang      string  `json:"lang"`
	Snippet   string  `json:"snippet"`
}

// Facets are counts over all documents matching a search.
type Facets struct {
	Types    []FacetCount `json:"types"`
	Entities []FacetCount `json:"entities"`
	Months   []FacetCount `json:"months"`
}

// FacetCount is one facet value and the number of matching documents.
type FacetCount struct {
	Value string `json:"value"`
	Label string `json:"label,omitempty"`
	Count int    `json:"count"`
}

// EntityQuery filters entities.
type EntityQuery struct {
	Name  string // a prefix of any alias, case-insensitive; "" for all
	Type  string
	Limit int
}

// EntitySummary is an entity in a list.
type EntitySummary struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Type     string   `json:"type"`
	Aliases  []string `json:"aliases"`
	Articles int      `json:"articles"`
	Mentions int      `json:"mentions"`
}

// EntityDetail is one entity with what is known about it.
type EntityDetail struct {
	EntitySummary
	Roles     []Role      `json:"roles"`
	Related   []Related   `json:"related"`
	FirstSeen *string     `json:"first_seen"`
	LastSeen  *string     `json:"last_seen"`
	Documents []SearchHit `json:"documents"` // the latest articles mentioning it
}

// Role is a role stated for an entity, with the dates of the first and last
// article stating it.
type Role struct {
	Role      string  `json:"role"`
	FirstSeen *string `json:"first_seen"`
	LastSeen  *string `json:"last_seen"`
	Articles  int     `json:"articles"`
}

// Related is an entity named together with another, weighted by the number
// of articles naming both.
type Related struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Type   string `json:"type"`
	Weight int    `json:"weight"`
}

// QuoteQuery filters quotes.
type QuoteQuery struct {
	Speaker  string
	Text     string
	Document string
	From, To string
	Limit    int
	Offset   int
}

// QuotePage is one page of quotes.
type QuotePage struct {
	Total   int     `json:"total"`
	Results []Quote `json:"results"`
}

// Quote is a quote with the document it comes from.
type Quote struct {
	Text        string  `json:"text"`
	Speaker     *string `json:"speaker"`
	SpeakerName *string `json:"speaker_name"`
	Document    string  `json:"document"`
	Title       string  `json:"title"`
	Published   *string `json:"published"`
	Cue         *string `json:"cue"`
	Direct      bool    `json:"direct"`
	Start       int     `json:"start"`
	End         int     `json:"end"`
}

// EventQuery filters events.
type EventQuery struct {
	Actor    string
	Type     string
	Document string
	From, To string
	Limit    int
	Offset   int
}

// EventPage is one page of events.
type EventPage struct {
	Total   int     `json:"total"`
	Results []Event `json:"results"`
}

// Event is an event with corpus-wide actor ids, as in the document form;
// Names gives the name of every entity id it mentions.
type Event struct {
	Type         string            `json:"type"`
	Mode         *string           `json:"mode"`
	Source       []string          `json:"source"`
	Target       []string          `json:"target"`
	Date         *string           `json:"date"`
	Location     *string           `json:"location"`
	Names        map[string]string `json:"names"`
	Negated      bool              `json:"negated"`
	Hypothetical bool              `json:"hypothetical"`
	Document     string            `json:"document"`
	Title        string            `json:"title"`
	Published    *string           `json:"published"`
	Evidence     doc.JSONSpan      `json:"evidence"`
}

// NetworkQuery selects part of the actor network.
type NetworkQuery struct {
	Entity    string // centre; "" for the whole network's strongest edges
	Depth     int    // 1 or 2
	MinWeight int
	Limit     int // most nodes returned
}

// Network is a graph of entities linked by shared articles and events.
type Network struct {
	Nodes []Node `json:"nodes"`
	Edges []Edge `json:"edges"`
}

// Node is an entity in a network.
type Node struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Type     string `json:"type"`
	Articles int    `json:"articles"`
}

// Edge links two entities; Weight counts articles naming both, Events the
// coded events between them by PLOVER type.
type Edge struct {
	Source string         `json:"source"`
	Target string         `json:"target"`
	Weight int            `json:"weight"`
	Events map[string]int `json:"events"`
}

// TimelineQuery selects the documents a timeline counts.
type TimelineQuery struct {
	Entity string
	Text   string
}

// Bucket is one day of a timeline.
type Bucket struct {
	Date     string `json:"date"`
	Articles int    `json:"articles"`
	Events   int    `json:"events"`
	Quotes   int    `json:"quotes"`
}

// Stats counts what is stored.
type Stats struct {
	Documents int `json:"documents"`
	Stories   int `json:"stories"`
	Entities  int `json:"entities"`
	Quotes    int `json:"quotes"`
	Events    int `json:"events"`
}
