// Package cluster learns and serves the word clusters used as features by the
// entity recognizer (package ner).
//
// Clusters are learned by the project from unlabeled text with the predictive
// exchange algorithm (Uszkoreit & Brants 2008, "Distributed word clustering
// for large scale class-based language modeling"): each word is assigned to
// one of K classes so as to maximize the likelihood of the one-sided
// class bigram model P(w | class(w)) · P(class(w) | previous word). The
// algorithm is deterministic (words are visited in frequency order, ties
// broken by spelling, initial classes assigned round-robin) and runs at
// several granularities; a word's feature is its class at each of them.
// No Go library implements exchange clustering, hence the hand-written code.
//
// The learned table is committed in compact form (data/clusters.tsv.gz, one
// "word<TAB>c1<TAB>c2<TAB>..." line per word, words normalized by Norm) and
// embedded into the binary; "newsgraph train clusters" rebuilds it. It holds
// only a vocabulary with class numbers — no running text of the (research-only)
// corpora it was learned from.
package cluster

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Errors returned by this package.
var (
	// ErrFormat means a cluster table is malformed.
	ErrFormat = errors.New("malformed cluster table")
	// ErrNoText means clustering was asked to run on no text.
	ErrNoText = errors.New("no text to cluster")
	// ErrNoTable means no cluster table is embedded for a language.
	ErrNoTable = errors.New("no cluster table")
)

// dataFS holds the English table (data/clusters.tsv.gz) and the
// per-language tables, data/<iso>.tsv.gz, learned by "newsgraph train ner
// --lang <iso> --clusters lang" from the training text of that language's
// corpora.
//
//go:embed data/*.tsv.gz
var dataFS embed.FS

// Table maps normalized words to their class at each granularity.
type Table struct {
	// Sizes are the numbers of classes of each granularity, coarse to fine.
	Sizes []int
	ids   map[string][]uint16
	// Hash is the SHA-256 of the serialized table (hex); models record it.
	Hash string
}

// Lookup returns the classes of word (normalized with Norm) or nil.
func (t *Table) Lookup(word string) []uint16 {
	if t == nil {
		return nil
	}
	return t.ids[Norm(word)]
}

// LookupNorm is Lookup for a word already normalized with Norm.
func (t *Table) LookupNorm(w string) []uint16 {
	if t == nil {
		return nil
	}
	return t.ids[w]
}

// Len is the number of words in the table.
func (t *Table) Len() int { return len(t.ids) }

var (
	defOnce  sync.Once
	defTable *Table
	defErr   error
)

// Default returns the embedded cluster table, parsed on first use.
func Default() (*Table, error) {
	defOnce.Do(func() {
		raw, err := fs.ReadFile(dataFS, "data/clusters.tsv.gz")
		if err != nil {
			defErr = fmt.Errorf("embedded cluster table: %w", err)
			return
		}
		defTable, defErr = Read(bytes.NewReader(raw))
		if defErr != nil {
			defErr = fmt.Errorf("embedded cluster table: %w", defErr)
		}
	})
	return defTable, defErr
}

type langTable struct {
	once sync.Once
	t    *Table
	err  error
}

var langTables sync.Map // iso → *langTable

// ForLang returns the embedded cluster table of a language (an ISO 639-1
// code), parsed on first use; ErrNoTable when there is none.
func ForLang(iso string) (*Table, error) {
	v, _ := langTables.LoadOrStore(iso, &langTable{})
	lt := v.(*langTable)
	lt.once.Do(func() {
		raw, err := fs.ReadFile(dataFS, "data/"+iso+".tsv.gz")
		if err != nil || strings.ContainsAny(iso, "/.") || iso == "" {
			lt.err = fmt.Errorf("cluster table %q: %w", iso, ErrNoTable)
			return
		}
		if lt.t, lt.err = Read(bytes.NewReader(raw)); lt.err != nil {
			lt.err = fmt.Errorf("embedded cluster table %s: %w", iso, lt.err)
		}
	})
	return lt.t, lt.err
}

// ptbEscapes undoes the Penn Treebank bracket escapes and the OntoNotes
// slash-escaped punctuation of conversational genres.
var ptbEscapes = map[string]string{
	"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}",
	"/.": ".", "/?": "?", "/-": "-",
}

// Norm normalizes a token for clustering and features: digits become 0, the
// various quote marks collapse to " and ', and treebank escapes such as
// -LRB- become the characters they stand for.
func Norm(w string) string {
	if w == "''" {
		return `"`
	}
	if len(w) > 1 && (w[0] == '-' || w[0] == '/') {
		if r, ok := ptbEscapes[w]; ok {
			return r
		}
	}
	need := false
	for i := 0; i < len(w); i++ {
		c := w[i]
		if (c >= '0' && c <= '9') || c >= utf8.RuneSelf || c == '`' {
			need = true
			break
		}
	}
	if !need {
		return w
	}
	switch w {
	case "``", "''", "“", "”", "„", "«", "»":
		return `"`
	case "`", "‘", "’":
		return "'"
	}
	var b strings.Builder
	for _, r := range w {
		switch {
		case r >= '0' && r <= '9':
			b.WriteByte('0')
		case r == '’' || r == '‘' || r == '`':
			b.WriteByte('\'')
		case r == '“' || r == '”':
			b.WriteByte('"')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Read parses a gzip-compressed cluster table.
func Read(r io.Reader) (*Table, error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("reading cluster table: %w", err)
	}
	sum := sha256.Sum256(raw)
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("cluster table: %w", err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	t := &Table{ids: map[string][]uint16{}, Hash: hex.EncodeToString(sum[:])}
	line := 0
	for sc.Scan() {
		line++
		l := sc.Text()
		if line == 1 {
			// header: "#sizes<TAB>64<TAB>256..."
			f := strings.Split(l, "\t")
			if len(f) < 2 || f[0] != "#sizes" {
				return nil, fmt.Errorf("cluster table line 1: want #sizes header: %w", ErrFormat)
			}
			for _, s := range f[1:] {
				n, err := strconv.Atoi(s)
				if err != nil || n <= 0 || n > 65535 {
					return nil, fmt.Errorf("cluster table line 1: bad size %q: %w", s, ErrFormat)
				}
				t.Sizes = append(t.Sizes, n)
			}
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) != len(t.Sizes)+1 {
			return nil, fmt.Errorf("cluster table line %d: %d fields, want %d: %w", line, len(f), len(t.Sizes)+1, ErrFormat)
		}
		ids := make([]uint16, len(t.Sizes))
		for i, s := range f[1:] {
			n, err := strconv.Atoi(s)
			if err != nil || n < 0 || n >= t.Sizes[i] {
				return nil, fmt.Errorf("cluster table line %d: bad class %q: %w", line, s, ErrFormat)
			}
			ids[i] = uint16(n)
		}
		t.ids[f[0]] = ids
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("cluster table: %w", err)
	}
	if line == 0 {
		return nil, fmt.Errorf("cluster table: empty: %w", ErrFormat)
	}
	return t, nil
}

// Write serializes the table (gzip, words sorted) to w.
func (t *Table) Write(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	bw.WriteString("#sizes")
	for _, s := range t.Sizes {
		bw.WriteString("\t" + strconv.Itoa(s))
	}
	bw.WriteByte('\n')
	words := make([]string, 0, len(t.ids))
	for w := range t.ids {
		words = append(words, w)
	}
	sort.Strings(words)
	for _, wd := range words {
		bw.WriteString(wd)
		for _, c := range t.ids[wd] {
			bw.WriteString("\t" + strconv.Itoa(int(c)))
		}
		bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// Options control Learn.
type Options struct {
	Sizes    []int // class counts, e.g. 64, 256, 1024
	MinCount int   // words seen fewer times are not clustered
	MaxVocab int   // at most this many words (most frequent first)
	Iters    int   // exchange passes per granularity
	// Progress, when non-nil, receives progress lines.
	Progress func(format string, a ...any)
}

// Learn clusters the words of the token sequences at each granularity of
// opt.Sizes. Sequences are sentences or lines of normalized tokens; their
// boundaries act as a start symbol.
func Learn(seqs [][]string, opt Options) (*Table, error) {
	if opt.MinCount <= 0 {
		opt.MinCount = 3
	}
	if opt.Iters <= 0 {
		opt.Iters = 8
	}
	logf := opt.Progress
	if logf == nil {
		logf = func(string, ...any) {}
	}
	counts := map[string]int{}
	for _, s := range seqs {
		for _, w := range s {
			counts[w]++
		}
	}
	type wc struct {
		w string
		n int
	}
	var vocab []wc
	for w, n := range counts {
		if n >= opt.MinCount {
			vocab = append(vocab, wc{w, n})
		}
	}
	if len(vocab) == 0 {
		return nil, ErrNoText
	}
	sort.Slice(vocab, func(i, j int) bool {
		if vocab[i].n != vocab[j].n {
			return vocab[i].n > vocab[j].n
		}
		return vocab[i].w < vocab[j].w
	})
	if opt.MaxVocab > 0 && len(vocab) > opt.MaxVocab {
		vocab = vocab[:opt.MaxVocab]
	}
	V := len(vocab)
	index := make(map[string]int32, V)
	for i, v := range vocab {
		index[v.w] = int32(i)
	}
	// predecessor ids: 0..V-1 words, V = rare word, V+1 = sequence start
	P := V + 2
	// preds[w] = list of (pred, count) for bigrams pred→w
	type pc struct {
		p int32
		n int32
	}
	big := map[uint64]int32{}
	for _, s := range seqs {
		prev := int32(V + 1)
		for _, w := range s {
			id, ok := index[w]
			if !ok {
				prev = int32(V)
				continue
			}
			big[uint64(prev)<<32|uint64(id)]++
			prev = id
		}
	}
	preds := make([][]pc, V)
	keys := make([]uint64, 0, len(big))
	for k := range big {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	for _, k := range keys {
		p, w := int32(k>>32), int32(k&0xffffffff)
		preds[w] = append(preds[w], pc{p, big[k]})
	}
	big = nil
	wcount := make([]int64, V)
	for i, v := range vocab {
		wcount[i] = int64(v.n)
	}
	logf("clusters: %d words, %d bigram types", V, len(keys))

	const ftab = 1 << 20
	F := make([]float64, ftab)
	for i := 1; i < ftab; i++ {
		F[i] = float64(i) * math.Log(float64(i))
	}
	f := func(x int64) float64 {
		if x < ftab {
			return F[x]
		}
		return float64(x) * math.Log(float64(x))
	}
	t := &Table{Sizes: opt.Sizes, ids: make(map[string][]uint16, V)}
	for _, v := range vocab {
		t.ids[v.w] = make([]uint16, len(opt.Sizes))
	}
	for gi, K := range opt.Sizes {
		class := make([]int32, V)
		for i := range class {
			class[i] = int32(i % K)
		}
		nvc := make([]int32, P*K) // N(pred, class)
		nc := make([]int64, K)
		for w := 0; w < V; w++ {
			c := class[w]
			nc[c] += wcount[w]
			for _, e := range preds[w] {
				nvc[int(e.p)*K+int(c)] += e.n
			}
		}
		delta := make([]float64, K)
		for it := 0; it < opt.Iters; it++ {
			moved := 0
			for w := 0; w < V; w++ {
				a := class[w]
				// remove w from its class
				for _, e := range preds[w] {
					nvc[int(e.p)*K+int(a)] -= e.n
				}
				nc[a] -= wcount[w]
				base := 0.0
				for i := range delta {
					delta[i] = 0
				}
				for _, e := range preds[w] {
					n := int64(e.n)
					fn := f(n)
					base += fn
					row := nvc[int(e.p)*K : int(e.p)*K+K]
					for b, x := range row {
						if x != 0 {
							delta[b] += f(int64(x)+n) - f(int64(x)) - fn
						}
					}
				}
				best, bestV := a, math.Inf(-1)
				nw := wcount[w]
				for b := 0; b < K; b++ {
					v := base + delta[b] - (f(nc[b]+nw) - f(nc[b]))
					if v > bestV+1e-9 || (b == int(a) && v >= bestV-1e-9) {
						best, bestV = int32(b), v
					}
				}
				if best != a {
					moved++
				}
				class[w] = best
				for _, e := range preds[w] {
					nvc[int(e.p)*K+int(best)] += e.n
				}
				nc[best] += nw
			}
			logf("clusters: K=%d pass %d/%d: %d words moved", K, it+1, opt.Iters, moved)
			if moved == 0 {
				break
			}
		}
		for i, v := range vocab {
			t.ids[v.w][gi] = uint16(class[i])
		}
	}
	var buf bytes.Buffer
	if err := t.Write(&buf); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(buf.Bytes())
	t.Hash = hex.EncodeToString(sum[:])
	return t, nil
}
