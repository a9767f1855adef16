package ner

import (
	"sort"

	"github.com/newsgraph/newsgraph/internal/ner/cluster"
)

const gazSeed = fnvOffset

// gazPrefix marks a phrase that begins a longer entry (lookups extend a
// match only while the words so far are such a prefix).
const gazPrefix = 1 << 31

// Gazetteer is a list of entity strings with their types, stored as 64-bit
// hashes of the lowercased token sequence (so no list text is kept).
type Gazetteer struct {
	Types  []string
	MaxLen int
	m      map[uint64]uint32 // phrase hash → bit set of Types, | gazPrefix
}

// Len is the number of phrases.
func (g *Gazetteer) Len() int { return len(g.m) }

func gazKey(words []string) uint64 {
	h := uint64(gazSeed)
	for _, w := range words {
		h = hstr(h, lowerASCII(cluster.Norm(w)))
	}
	return h
}

// BuildGazetteer collects the entity strings of the gold-tagged docs whose
// type is in types, up to maxLen tokens long. An entity string seen only once
// is kept; a phrase seen with several types keeps all of them.
func BuildGazetteer(docs []Document, types []string, maxLen int) *Gazetteer {
	idx := map[string]int{}
	for i, t := range types {
		idx[t] = i
	}
	g := &Gazetteer{Types: types, MaxLen: maxLen, m: map[uint64]uint32{}}
	for di := range docs {
		for _, s := range docs[di].Sents {
			for _, sp := range Spans(s.Tags) {
				t, ok := idx[sp.Type]
				if !ok || t >= 31 || sp.End-sp.Start > maxLen {
					continue
				}
				words := s.Words[sp.Start:sp.End]
				g.m[gazKey(words)] |= 1 << t
				for l := 1; l < len(words); l++ {
					g.m[gazKey(words[:l])] |= gazPrefix
				}
			}
		}
	}
	return g
}

// keys returns the phrase hashes in sorted order (for serialization).
func (g *Gazetteer) keys() []uint64 {
	ks := make([]uint64, 0, len(g.m))
	for k := range g.m {
		ks = append(ks, k)
	}
	sort.Slice(ks, func(i, j int) bool { return ks[i] < ks[j] })
	return ks
}

// TypesOf returns the sorted entity types found in gold-tagged documents.
func TypesOf(docs []Document) []string {
	set := map[string]bool{}
	for _, d := range docs {
		for _, s := range d.Sents {
			for _, sp := range Spans(s.Tags) {
				set[sp.Type] = true
			}
		}
	}
	out := make([]string, 0, len(set))
	for t := range set {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// Gazetteers returns the gazetteers a model was trained with: its training
// set's entity strings, then any external lists. They hold hashes only.
func (m *Model) Gazetteers() []*Gazetteer { return m.gaz }
