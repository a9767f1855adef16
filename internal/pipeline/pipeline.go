// Package pipeline runs the analysis components over a document.
//
// A Component reads the layers of a doc.Doc it declares it needs and adds the
// layers it provides (spaCy's factory(requires=, assigns=), checked when the
// pipeline is built). Components register a factory by name in init()
// (Prometheus' discovery registry: duplicates are rejected); the install
// package imports them all. Build orders the requested components so that
// every need is provided by an earlier component, and fails otherwise.
//
// Data flows one way: source → doc → components → store. A component never
// edits the text.
package pipeline

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"sync"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// Layer names an annotation layer of doc.Doc.
type Layer string

// The layers of a document.
const (
	Text      Layer = "text"      // Text, Paragraphs, Title/Caption spans: made by doc.New
	Lang      Layer = "lang"      // Doc.Lang
	Tokens    Layer = "tokens"    // Doc.Tokens
	Sentences Layer = "sentences" // Doc.Sentences
	Mentions  Layer = "mentions"  // Doc.Mentions (raw NER spans)
	Entities  Layer = "entities"  // Doc.Entities
	Quotes    Layer = "quotes"    // Doc.Quotes
	Events    Layer = "events"    // Doc.Events
	Dates     Layer = "dates"     // Doc.Dates
	Amounts   Layer = "amounts"   // Doc.Amounts
)

// Component is one stage of the pipeline.
type Component interface {
	// Name is the registry name of the component.
	Name() string
	// Needs lists the layers that must exist before Process runs.
	Needs() []Layer
	// Provides lists the layers Process adds.
	Provides() []Layer
	// Process adds the component's layers to d. It must not change d.Text.
	Process(d *doc.Doc) error
}

// Factory makes a component from its typed configuration. Config is a pointer
// to a fresh configuration struct holding the defaults, already overwritten by
// any user configuration.
type Factory struct {
	// NewConfig returns a pointer to a configuration struct with defaults,
	// or nil when the component takes no configuration.
	NewConfig func() any
	// New builds the component from the configuration returned by NewConfig.
	New func(config any) (Component, error)
	// Default says whether the component is part of the default pipeline.
	Default bool
}

// Errors returned by this package.
var (
	ErrDuplicate   = errors.New("component registered twice")
	ErrUnknown     = errors.New("unknown component")
	ErrUnsatisfied = errors.New("component needs a layer no earlier component provides")
)

var (
	regMu    sync.RWMutex
	registry = map[string]Factory{}
)

// Register adds a component factory under name. It panics on a duplicate
// name: registration happens in init() and a duplicate is a programming error.
func Register(name string, f Factory) {
	regMu.Lock()
	defer regMu.Unlock()
	if _, dup := registry[name]; dup {
		panic(fmt.Errorf("pipeline: %q: %w", name, ErrDuplicate))
	}
	registry[name] = f
}

// Registered returns the names of all registered components, sorted.
func Registered() []string {
	regMu.RLock()
	defer regMu.RUnlock()
	names := make([]string, 0, len(registry))
	for n := range registry {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Defaults returns the names of the components in the default pipeline, sorted.
func Defaults() []string {
	regMu.RLock()
	defer regMu.RUnlock()
	var names []string
	for n, f := range registry {
		if f.Default {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names
}

// Pipeline is an ordered list of components.
type Pipeline struct {
	comps []Component
}

// Config maps a component name to its JSON configuration. Unknown fields are
// an error.
type Config map[string]json.RawMessage

// Build makes the named components with their configuration and orders them
// so that each one's needs are provided by earlier ones (ties broken by name,
// so the order is deterministic).
func Build(names []string, cfg Config) (*Pipeline, error) {
	regMu.RLock()
	defer regMu.RUnlock()
	var comps []Component
	seen := map[string]bool{}
	for _, n := range names {
		if seen[n] {
			continue
		}
		seen[n] = true
		f, ok := registry[n]
		if !ok {
			return nil, fmt.Errorf("pipeline: %q: %w (registered: %v)", n, ErrUnknown, keys())
		}
		var c any
		if f.NewConfig != nil {
			c = f.NewConfig()
			if raw, ok := cfg[n]; ok && len(raw) > 0 {
				dec := json.NewDecoder(bytes.NewReader(raw))
				dec.DisallowUnknownFields()
				if err := dec.Decode(c); err != nil {
					return nil, fmt.Errorf("pipeline: config of %q: %w", n, err)
				}
			}
		}
		comp, err := f.New(c)
		if err != nil {
			return nil, fmt.Errorf("pipeline: building %q: %w", n, err)
		}
		comps = append(comps, comp)
	}
	for n := range cfg {
		if !seen[n] {
			return nil, fmt.Errorf("pipeline: config for %q, which is not in the pipeline: %w", n, ErrUnknown)
		}
	}
	ordered, err := order(comps)
	if err != nil {
		return nil, err
	}
	return &Pipeline{comps: ordered}, nil
}

// Default builds the default pipeline: every component registered with
// Default set.
func Default() (*Pipeline, error) { return Build(Defaults(), nil) }

func keys() []string {
	names := make([]string, 0, len(registry))
	for n := range registry {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// order sorts components topologically by their needs.
func order(comps []Component) ([]Component, error) {
	sort.SliceStable(comps, func(i, j int) bool { return comps[i].Name() < comps[j].Name() })
	have := map[Layer]bool{Text: true}
	var out []Component
	left := comps
	for len(left) > 0 {
		progress := false
		var next []Component
		for _, c := range left {
			ready := true
			for _, n := range c.Needs() {
				if !have[n] {
					ready = false
					break
				}
			}
			if ready && !progress {
				out = append(out, c)
				for _, p := range c.Provides() {
					have[p] = true
				}
				progress = true
				continue
			}
			next = append(next, c)
		}
		if !progress {
			c := next[0]
			var missing []Layer
			for _, n := range c.Needs() {
				if !have[n] {
					missing = append(missing, n)
				}
			}
			return nil, fmt.Errorf("pipeline: %q needs %v: %w", c.Name(), missing, ErrUnsatisfied)
		}
		left = next
	}
	return out, nil
}

// Components returns the components in run order.
func (p *Pipeline) Components() []Component { return append([]Component(nil), p.comps...) }

// Names returns the component names in run order.
func (p *Pipeline) Names() []string {
	out := make([]string, len(p.comps))
	for i, c := range p.comps {
		out[i] = c.Name()
	}
	return out
}

// Run passes d through every component in order. A component's error stops
// the run and is returned wrapped with the component's name. A panic inside a
// component is turned into an error so that one bad document never brings
// down a batch.
func (p *Pipeline) Run(d *doc.Doc) (err error) {
	for _, c := range p.comps {
		if err := runOne(c, d); err != nil {
			return err
		}
	}
	return nil
}

func runOne(c Component, d *doc.Doc) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: internal error: %v", c.Name(), r)
		}
	}()
	if err := c.Process(d); err != nil {
		return fmt.Errorf("%s: %w", c.Name(), err)
	}
	return nil
}
