package store

import (
	"encoding/binary"
	"hash/fnv"
	"strings"
	"unicode"
)

// Near-duplicate detection by MinHash with locality-sensitive hashing
// (Broder 1997; Leskovec, Rajaraman and Ullman, "Mining of Massive
// Datasets", ch. 3). A wire story republished with small edits (a new
// headline, a changed figure, an added paragraph) keeps most of its word
// 3-shingles; the share of MinHash values two documents agree on estimates
// the Jaccard similarity of their shingle sets. Signatures of SigSize values
// are cut into Bands bands; documents agreeing on a whole band are
// candidates, and candidates whose estimated similarity reaches NearJaccard
// are copies of one story.

// Signature sizes.
const (
	// SigSize is the number of MinHash values in a signature.
	SigSize = 32
	// Bands is the number of LSH bands a signature is cut into.
	Bands = 8
	rows  = SigSize / Bands
	// NearJaccard is the least estimated shingle similarity of two copies.
	NearJaccard = 0.5
)

// Signature is a MinHash signature.
type Signature [SigSize]uint32

// MinHash returns the signature of text over its lower-cased word
// 3-shingles (single words for texts under 3 words).
func MinHash(text string) Signature {
	var sig Signature
	for i := range sig {
		sig[i] = ^uint32(0)
	}
	add := func(x uint64) {
		x = mix(x)
		a, b := uint32(x), uint32(x>>32)|1
		for i := range sig {
			// Kirsch–Mitzenmacher: h_i = a + i·b, then mixed
			v := mix32(a + uint32(i)*b)
			if v < sig[i] {
				sig[i] = v
			}
		}
	}
	// the words (runs of letters and digits) are read one by one, keeping
	// the last two, rather than split into a slice first
	lower := strings.ToLower(text)
	var prev [2]string
	n := 0
	word := func(w string) {
		if n >= 2 {
			// the FNV-1a hash of the shingle "w1 w2 w3", written word by word
			h := fnv64a(fnvOffset, prev[0])
			h = fnv64a(fnv64aByte(h, ' '), prev[1])
			h = fnv64a(fnv64aByte(h, ' '), w)
			add(h)
		}
		prev[0], prev[1] = prev[1], w
		n++
	}
	start := -1
	for i, r := range lower {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			word(lower[start:i])
			start = -1
		}
	}
	if start >= 0 {
		word(lower[start:])
	}
	if n < 3 {
		// under three words: the words themselves
		for _, w := range prev[2-n:] {
			add(fnv64a(fnvOffset, w))
		}
	}
	return sig
}

// FNV-1a, 64 bits (as hash/fnv.New64a), over strings without copying them.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func fnv64a(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

func fnv64aByte(h uint64, c byte) uint64 {
	h ^= uint64(c)
	h *= fnvPrime
	return h
}

func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

func mix32(x uint32) uint32 {
	x ^= x >> 16
	x *= 0x7feb352d
	x ^= x >> 15
	x *= 0x846ca68b
	x ^= x >> 16
	return x
}

// BandKeys returns the LSH band keys of a signature: equal keys make two
// documents candidates.
func (s Signature) BandKeys() [Bands]int64 {
	var out [Bands]int64
	for b := 0; b < Bands; b++ {
		var buf [rows * 4]byte
		for r := 0; r < rows; r++ {
			binary.LittleEndian.PutUint32(buf[r*4:], s[b*rows+r])
		}
		h := fnv.New64a()
		h.Write(buf[:])
		// band number in the top bits keeps bands apart
		out[b] = int64(uint64(b)<<58 | mix(h.Sum64())>>6)
	}
	return out
}

// Similarity estimates the Jaccard similarity of the shingle sets.
func (s Signature) Similarity(o Signature) float64 {
	n := 0
	for i := range s {
		if s[i] == o[i] {
			n++
		}
	}
	return float64(n) / SigSize
}

// Bytes encodes the signature for storage.
func (s Signature) Bytes() []byte {
	b := make([]byte, SigSize*4)
	for i, v := range s {
		binary.LittleEndian.PutUint32(b[i*4:], v)
	}
	return b
}

// SignatureFrom decodes a stored signature; ok is false for bad lengths.
func SignatureFrom(b []byte) (s Signature, ok bool) {
	if len(b) != SigSize*4 {
		return s, false
	}
	for i := range s {
		s[i] = binary.LittleEndian.Uint32(b[i*4:])
	}
	return s, true
}

// closeCopy is the estimated similarity at which a candidate is taken as a
// copy without looking at further bands.
const closeCopy = 0.8

// Nearest finds the story of a new document among the stored documents
// sharing an LSH band with it, offered band by band: the most similar
// candidate at or above NearJaccard wins, and the search may end once one
// reaches 0.8.
type Nearest struct {
	sig  Signature
	best float64
	// Story is the story number of the best candidate so far, 0 for none.
	Story int64
}

// NewNearest starts the search for a signature's story.
func NewNearest(sig Signature) *Nearest { return &Nearest{sig: sig} }

// Done reports whether a close copy is found, so that further bands need
// not be read.
func (n *Nearest) Done() bool { return n.best >= closeCopy }

// Offer considers a candidate by its stored signature and story number; it
// reports whether the candidate is now the best.
func (n *Nearest) Offer(stored []byte, story int64) bool {
	o, ok := SignatureFrom(stored)
	if !ok {
		return false
	}
	if sim := n.sig.Similarity(o); sim >= NearJaccard && sim > n.best {
		n.best, n.Story = sim, story
		return true
	}
	return false
}
