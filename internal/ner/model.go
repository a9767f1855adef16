package ner

import (
	"bufio"
	"bytes"
	stdgzip "compress/gzip"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"runtime"
	"sync"

	"github.com/klauspost/compress/gzip"

	"github.com/newsgraph/newsgraph/internal/ner/cluster"
)

const modelMagic = "newsgraph-ner/1\n"

// Model is a trained tagger: quantized weights over hashed features, a tag
// transition matrix, the gazetteers it was trained with, and a reference to
// the word-cluster table (by hash). Tag and TagDocument are safe for
// concurrent use.
type Model struct {
	// Name says what the model was trained on ("ontonotes", "conll").
	Name string
	// Types are the entity types; tags are O, B-<type>, I-<type>.
	Types []string
	// Bits is log2 of the number of weight rows.
	Bits uint
	// Scale converts the integer weights back to perceptron units.
	Scale float32
	// ClusterHash is the hash of the cluster table the model was trained with.
	ClusterHash string
	// DevF1 is the development-set F1 measured at training time.
	DevF1 float64
	// BILOU says the model's tags are B-, I-, L-, U- and O (else IOB2).
	BILOU bool
	// Affix is the longest prefix/suffix feature in code points (0: 4).
	Affix int
	// Features are the optional feature templates the model was trained
	// with (see FeatureNames).
	Features []string

	// w holds rows × (T+1) bytes: each row's T int8 mantissas, then the
	// row's shift (weight = mantissa << shift, in units of Scale), so that
	// one cache line or two serve a feature.
	w     []int8
	extra featureSet
	trans []int32 // T × (T+1): see decoder.trans
	gaz   []*Gazetteer
	cl    *cluster.Table
	pp    []uint32
	tags  []string
	out   []string // IOB2 name of each tag
	// The tagging form of w: idx[row] is 0 for an all-zero row, else
	// offset<<1 | dense into data. A dense row is its shift and T
	// mantissas; a sparse row is a count, its shift and (tag, mantissa)
	// pairs — most rows have few non-zero weights.
	idx  []uint32
	data []int8
	pool sync.Pool
}

// Tags returns the model's tag names in index order.
func (m *Model) Tags() []string { return m.tags }

// tagNames lists the tags in index order: O, then B-, I- (and for BILOU
// L-, U-) of each type.
func tagNames(types []string, bilou bool) []string {
	t := []string{"O"}
	pre := []string{"B-", "I-"}
	if bilou {
		pre = append(pre, "L-", "U-")
	}
	for _, p := range pre {
		for _, x := range types {
			t = append(t, p+x)
		}
	}
	return t
}

// iob2Names maps each tag index to its IOB2 form (L- → I-, U- → B-).
func iob2Names(tags []string) []string {
	out := make([]string, len(tags))
	for i, t := range tags {
		switch t[0] {
		case 'L':
			out[i] = "I-" + t[2:]
		case 'U':
			out[i] = "B-" + t[2:]
		default:
			out[i] = t
		}
	}
	return out
}

// toBILOU rewrites IOB2 tags as BILOU tags.
func toBILOU(tags []string) []string {
	out := make([]string, len(tags))
	for i, t := range tags {
		if t == "O" {
			out[i] = t
			continue
		}
		cont := i+1 < len(tags) && len(tags[i+1]) > 2 && tags[i+1][0] == 'I' && tags[i+1][2:] == t[2:]
		switch {
		case t[0] == 'B' && cont:
			out[i] = t
		case t[0] == 'B':
			out[i] = "U-" + t[2:]
		case cont:
			out[i] = t
		default:
			out[i] = "L-" + t[2:]
		}
	}
	return out
}

func ppRows(K int, b uint) []uint32 {
	pp := make([]uint32, K+1)
	for k := range pp {
		pp[k] = rowOf(hint(hstart(fPrevPred), k), b)
	}
	return pp
}

func (m *Model) init() {
	m.tags = tagNames(m.Types, m.BILOU)
	m.out = iob2Names(m.tags)
	m.pp = ppRows(len(m.Types), m.Bits)
	if m.w != nil {
		m.pack()
	}
}

// resolve replaces the weight rows of a sentence by their offsets into the
// packed weights, dropping all-zero rows. Looking the offsets up in one tight
// loop lets the processor overlap the cache misses that the scoring loop
// would otherwise take one after another.
func (m *Model) resolve(sr *sentRows) {
	idx := m.idx
	k := 0
	start := sr.off[0]
	for i := 0; i+1 < len(sr.off); i++ {
		end := sr.off[i+1]
		sr.off[i] = int32(k)
		for _, r := range sr.rows[start:end] {
			if x := idx[r]; x != 0 {
				sr.rows[k] = x
				k++
			}
		}
		start = end
	}
	sr.off[len(sr.off)-1] = int32(k)
	sr.rows = sr.rows[:k]
}

// resolvedPP is pp resolved like the rows of resolve.
func (m *Model) resolvedPP() []uint32 {
	out := make([]uint32, len(m.pp))
	for i, r := range m.pp {
		out[i] = m.idx[r]
	}
	return out
}

// pack builds the sparse/dense tagging form of the weights.
func (m *Model) pack() {
	T := len(m.tags)
	T1 := T + 1
	rows := len(m.w) / T1
	m.idx = make([]uint32, rows)
	data := []int8{0} // offset 0 means "empty row"
	for r := 0; r < rows; r++ {
		ws := m.w[r*T1 : r*T1+T]
		nz := 0
		for _, v := range ws {
			if v != 0 {
				nz++
			}
		}
		switch {
		case nz == 0:
		case nz*3 > T:
			m.idx[r] = uint32(len(data))<<1 | 1
			data = append(data, m.w[r*T1+T])
			data = append(data, ws...)
		default:
			m.idx[r] = uint32(len(data)) << 1
			data = append(data, int8(nz), m.w[r*T1+T])
			for j, v := range ws {
				if v != 0 {
					data = append(data, int8(j), v)
				}
			}
		}
	}
	m.data = append(data, make([]int8, densePad)...)
}

type tagState struct {
	fx  featurizer
	dec *decoder[int32]
	sr  sentRows
}

func (m *Model) state() *tagState {
	if s, ok := m.pool.Get().(*tagState); ok {
		return s
	}
	T := len(m.tags)
	trans := m.trans
	data := m.data
	// emit receives resolved rows (see resolve): offsets into data. Sparse
	// rows are added as they come; dense ones are gathered and summed by
	// addDense.
	var dense []uint32
	acc := denseAcc(T)
	emit := func(rows []uint32, out []int32) {
		out = out[:T]
		dense = dense[:0]
		for _, x := range rows {
			if x == 0 {
				continue
			}
			off := int(x >> 1)
			if x&1 != 0 {
				dense = append(dense, uint32(off))
				continue
			}
			n := int(uint8(data[off]))
			sh := uint8(data[off+1]) & 31
			ps := data[off+2 : off+2+2*n]
			for k := 0; k+1 < len(ps); k += 2 {
				out[uint8(ps[k])] += int32(ps[k+1]) << sh
			}
		}
		if len(dense) > 0 {
			addDense(data, dense, T, acc)
			for j, v := range acc[:T] {
				out[j] += v
			}
		}
	}
	dec := newDecoder(len(m.Types), m.BILOU, trans, emit, m.resolvedPP())
	dec.fixed = true
	return &tagState{fx: featurizer{cl: m.cl, gaz: m.gaz, affix: m.Affix, extra: m.extra}, dec: dec}
}

// TagDocument sets the Tags of every sentence of d (IOB2). Sentences are
// tagged in order, titles last; names predicted earlier inform later ones.
func (m *Model) TagDocument(d *Document) {
	st := m.state()
	defer m.pool.Put(st)
	st.dec.resetDoc()
	sfs := st.fx.document(d)
	// Headlines are tagged last, so that the names recognized in the body
	// inform their capitalized-anyway words.
	order := make([]int, 0, len(d.Sents))
	for si := range d.Sents {
		if !d.Sents[si].Title {
			order = append(order, si)
		}
	}
	for si := range d.Sents {
		if d.Sents[si].Title {
			order = append(order, si)
		}
	}
	for _, si := range order {
		st.sr = toRowsInto(st.sr, &sfs[si], m.Bits, nil)
		m.resolve(&st.sr)
		tags := st.dec.decode(&st.sr)
		out := make([]string, len(tags))
		for i, t := range tags {
			out[i] = m.out[t]
		}
		d.Sents[si].Tags = out
	}
}

// header is the JSON part of the model file.
type header struct {
	Name        string    `json:"name"`
	Types       []string  `json:"types"`
	Bits        uint      `json:"bits"`
	Scale       float32   `json:"scale"`
	ClusterHash string    `json:"cluster_hash"`
	DevF1       float64   `json:"dev_f1"`
	BILOU       bool      `json:"bilou"`
	Affix       int       `json:"affix,omitempty"`
	Features    []string  `json:"features,omitempty"`
	Gaz         []gazHead `json:"gazetteers"`
	Rows        int       `json:"nonzero_rows"`
}

type gazHead struct {
	Types  []string `json:"types"`
	MaxLen int      `json:"max_len"`
	N      int      `json:"n"`
}

// Write serializes the model: a magic line, then gzip of a JSON header, the
// gazetteer hashes, the transition matrix and the non-zero weight rows
// (a bitmap of rows, then each row's int16 weights, little-endian).
func (m *Model) Write(w io.Writer) error {
	T := len(m.tags)
	m.dense()
	if len(m.w) != (1<<m.Bits)*(T+1) {
		return fmt.Errorf("model %s: weights not kept in memory: %w", m.Name, ErrFormat)
	}
	rows := 1 << m.Bits
	bitmap := make([]byte, rows/8)
	nz := 0
	for r := 0; r < rows; r++ {
		for _, v := range m.w[r*(T+1) : r*(T+1)+T] {
			if v != 0 {
				bitmap[r/8] |= 1 << (r % 8)
				nz++
				break
			}
		}
	}
	h := header{Name: m.Name, Types: m.Types, Bits: m.Bits, Scale: m.Scale, ClusterHash: m.ClusterHash, DevF1: m.DevF1, BILOU: m.BILOU, Affix: m.Affix, Features: m.Features, Rows: nz}
	for _, g := range m.gaz {
		h.Gaz = append(h.Gaz, gazHead{Types: g.Types, MaxLen: g.MaxLen, N: g.Len()})
	}
	hj, err := json.Marshal(h)
	if err != nil {
		return err
	}
	if _, err := io.WriteString(w, modelMagic); err != nil {
		return err
	}
	zw, err := stdgzip.NewWriterLevel(w, stdgzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(zw, 1<<16)
	var b8 [8]byte
	binary.LittleEndian.PutUint32(b8[:4], uint32(len(hj)))
	bw.Write(b8[:4])
	bw.Write(hj)
	for _, g := range m.gaz {
		for _, k := range g.keys() {
			binary.LittleEndian.PutUint64(b8[:], k)
			bw.Write(b8[:])
			binary.LittleEndian.PutUint32(b8[:4], g.m[k])
			bw.Write(b8[:4])
		}
	}
	for _, v := range m.trans {
		binary.LittleEndian.PutUint32(b8[:4], uint32(v))
		bw.Write(b8[:4])
	}
	bw.Write(bitmap)
	for r := 0; r < rows; r++ {
		if bitmap[r/8]&(1<<(r%8)) != 0 {
			bw.WriteByte(byte(m.w[r*(T+1)+T]))
		}
	}
	// weights tag by tag (column-major within the kept rows) compress better
	for j := 0; j < T; j++ {
		for r := 0; r < rows; r++ {
			if bitmap[r/8]&(1<<(r%8)) != 0 {
				bw.WriteByte(byte(m.w[r*(T+1)+j]))
			}
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// Read loads a model written by Write. cl is the cluster table; its hash
// must match the one the model was trained with.
func Read(r io.Reader, name string, cl *cluster.Table) (*Model, error) {
	file, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("model %s: %w", name, err)
	}
	return readBytes(file, name, cl)
}

// readBytes is Read over the whole file.
func readBytes(file []byte, name string, cl *cluster.Table) (*Model, error) {
	body, ok := bytes.CutPrefix(file, []byte(modelMagic))
	if !ok {
		return nil, fmt.Errorf("model %s: not a newsgraph NER model: %w", name, ErrFormat)
	}
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("model %s: %w", name, err)
	}
	// the gzip trailer gives the decompressed size: one allocation
	var buf bytes.Buffer
	if len(body) >= 4 {
		if n := binary.LittleEndian.Uint32(body[len(body)-4:]); n < 1<<28 {
			buf.Grow(int(n) + bytes.MinRead)
		}
	}
	if _, err := buf.ReadFrom(zr); err != nil {
		return nil, fmt.Errorf("model %s: %w", name, err)
	}
	raw := buf.Bytes()
	p := &parser{b: raw}
	hl := int(p.u32())
	var h header
	if err := json.Unmarshal(p.bytes(hl), &h); err != nil || p.err != nil {
		return nil, fmt.Errorf("model %s: header: %w", name, ErrFormat)
	}
	if h.Bits < 8 || h.Bits > 22 || len(h.Types) == 0 || len(h.Types) > 40 || h.Rows < 0 || h.Rows > 1<<h.Bits {
		return nil, fmt.Errorf("model %s: bad header: %w", name, ErrFormat)
	}
	switch {
	case h.ClusterHash == "":
		cl = nil // trained without word clusters
	case cl == nil || cl.Hash != h.ClusterHash:
		return nil, fmt.Errorf("model %s: trained with cluster table %.12s…: %w", name, h.ClusterHash, ErrClusters)
	}
	if h.Affix < 0 || h.Affix > 8 {
		return nil, fmt.Errorf("model %s: bad affix length %d: %w", name, h.Affix, ErrFormat)
	}
	extra, err := parseFeatures(h.Features)
	if err != nil {
		return nil, fmt.Errorf("model %s: %w", name, err)
	}
	m := &Model{Name: h.Name, Types: h.Types, Bits: h.Bits, Scale: h.Scale, ClusterHash: h.ClusterHash, DevF1: h.DevF1, BILOU: h.BILOU, Affix: h.Affix, Features: h.Features, extra: extra, cl: cl}
	m.init()
	for _, gh := range h.Gaz {
		if len(gh.Types) > 31 || gh.N < 0 || gh.N > len(p.b)/12 {
			return nil, fmt.Errorf("model %s: bad gazetteer header: %w", name, ErrFormat)
		}
		g := &Gazetteer{Types: gh.Types, MaxLen: gh.MaxLen, m: make(map[uint64]uint32, gh.N)}
		for i := 0; i < gh.N; i++ {
			k := p.u64()
			g.m[k] = p.u32()
		}
		m.gaz = append(m.gaz, g)
	}
	T := len(m.tags)
	m.trans = make([]int32, (T+1)*T)
	for i := range m.trans {
		m.trans[i] = int32(p.u32())
	}
	rows := 1 << h.Bits
	bitmap := p.bytes(rows / 8)
	if p.err != nil {
		return nil, fmt.Errorf("model %s: truncated: %w", name, ErrFormat)
	}
	kept := make([]int32, 0, h.Rows)
	for r := 0; r < rows; r++ {
		if bitmap[r/8]&(1<<(r%8)) != 0 {
			kept = append(kept, int32(r))
		}
	}
	shifts := p.bytes(len(kept))
	data := p.bytes(T * len(kept))
	if p.err != nil || len(kept) != h.Rows {
		return nil, fmt.Errorf("model %s: truncated weights: %w", name, ErrFormat)
	}
	for i := range kept {
		if shifts[i] > maxShift {
			return nil, fmt.Errorf("model %s: bad weight shift: %w", name, ErrFormat)
		}
	}
	m.packColumns(rows, kept, shifts, data)
	return m, nil
}

// packColumns builds the tagging form (idx, data) straight from the file's
// layout — the kept rows' shifts, then their weights tag by tag — without
// the dense rows × (T+1) matrix, which is large (2^Bits rows) and mostly
// zero. The kept rows are packed in parts, one per core (loading is on the
// path of the first document), and each part gathers its rows in blocks so
// that each tag's column is read sequentially.
func (m *Model) packColumns(rows int, kept []int32, shifts, cols []byte) {
	T := len(m.tags)
	K := len(kept)
	m.idx = make([]uint32, rows)
	parts := max(1, min(runtime.GOMAXPROCS(0), K/4096))
	outs := make([][]int8, parts)
	var wg sync.WaitGroup
	for p := range parts {
		lo, hi := p*K/parts, (p+1)*K/parts
		wg.Go(func() {
			// idx holds part-local offsets, counted from 1 so that no
			// row looks empty, until the parts are joined
			out := make([]int8, 0, (hi-lo)*(T+1))
			const block = 256
			buf := make([]int8, block*T)
			for b0 := lo; b0 < hi; b0 += block {
				n := min(block, hi-b0)
				for j := 0; j < T; j++ {
					for i, v := range cols[j*K+b0 : j*K+b0+n] {
						buf[i*T+j] = int8(v)
					}
				}
				for i := 0; i < n; i++ {
					ws := buf[i*T : i*T+T]
					nz := 0
					for _, v := range ws {
						if v != 0 {
							nz++
						}
					}
					r := kept[b0+i]
					switch {
					case nz == 0:
					case nz*3 > T:
						m.idx[r] = uint32(len(out)+1)<<1 | 1
						out = append(out, int8(shifts[b0+i]))
						out = append(out, ws...)
					default:
						m.idx[r] = uint32(len(out)+1) << 1
						out = append(out, int8(nz), int8(shifts[b0+i]))
						for j, v := range ws {
							if v != 0 {
								out = append(out, int8(j), v)
							}
						}
					}
				}
			}
			outs[p] = out
		})
	}
	wg.Wait()
	size := 1 // offset 0 means "empty row"
	for _, o := range outs {
		size += len(o)
	}
	data := make([]int8, 1, size+densePad)
	for p, o := range outs {
		base := uint32(len(data)-1) << 1
		data = append(data, o...)
		for _, r := range kept[p*K/parts : (p+1)*K/parts] {
			if m.idx[r] != 0 {
				m.idx[r] += base
			}
		}
	}
	m.data = append(data, make([]int8, densePad)...)
}

// dense returns the weights as rows × (T+1) (see Model.w), rebuilding them
// from the tagging form when the model was read from a file.
func (m *Model) dense() []int8 {
	if m.w != nil || m.idx == nil {
		return m.w
	}
	T := len(m.tags)
	w := make([]int8, len(m.idx)*(T+1))
	for r, x := range m.idx {
		if x == 0 {
			continue
		}
		row := w[r*(T+1) : (r+1)*(T+1)]
		off := int(x >> 1)
		if x&1 != 0 {
			row[T] = m.data[off]
			copy(row[:T], m.data[off+1:off+1+T])
			continue
		}
		n := int(uint8(m.data[off]))
		row[T] = m.data[off+1]
		ps := m.data[off+2 : off+2+2*n]
		for k := 0; k+1 < len(ps); k += 2 {
			row[uint8(ps[k])] = ps[k+1]
		}
	}
	m.w = w
	return w
}

type parser struct {
	b   []byte
	err error
}

func (p *parser) bytes(n int) []byte {
	if p.err != nil || n < 0 || n > len(p.b) {
		p.err = ErrFormat
		return make([]byte, max(n, 0))
	}
	out := p.b[:n]
	p.b = p.b[n:]
	return out
}
func (p *parser) u16() uint16 { return binary.LittleEndian.Uint16(p.bytes(2)) }
func (p *parser) u32() uint32 { return binary.LittleEndian.Uint32(p.bytes(4)) }
func (p *parser) u64() uint64 { return binary.LittleEndian.Uint64(p.bytes(8)) }

// maxShift bounds the per-row exponent of the weights.
const maxShift = 16

// quantize turns float weights into integers: one global unit (Scale) so
// that the largest weight is 2^20 units, then per row an 8-bit mantissa and a
// power-of-two shift (a row is one feature's weights for every tag, which
// share a magnitude). Transitions keep full int32 precision.
func quantize(w, trans []float32, T int) (qw []int8, qt []int32, scale float32) {
	var mx float64
	for _, v := range w {
		mx = max(mx, math.Abs(float64(v)))
	}
	for _, v := range trans {
		mx = max(mx, math.Abs(float64(v)))
	}
	if mx == 0 {
		mx = 1
	}
	unit := mx / (1 << 20)
	rows := len(w) / T
	qw = make([]int8, rows*(T+1))
	for r := 0; r < rows; r++ {
		ws := w[r*T : r*T+T]
		var rm float64
		for _, v := range ws {
			rm = max(rm, math.Abs(float64(v))/unit)
		}
		e := 0
		for rm/float64(int(1)<<e) > 127 && e < maxShift {
			e++
		}
		qw[r*(T+1)+T] = int8(e)
		for j, v := range ws {
			q := math.Round(float64(v) / unit / float64(int(1)<<e))
			qw[r*(T+1)+j] = int8(max(-127, min(127, q)))
		}
	}
	qt = make([]int32, len(trans))
	for i, v := range trans {
		qt[i] = int32(math.Round(float64(v) / unit))
	}
	return qw, qt, float32(unit)
}

// prune zeroes the quantized weights (rows of T mantissas and a shift, as
// quantize makes them) whose magnitude is below tau units, and returns how
// many it zeroed.
func prune(qw []int8, T, tau int) int {
	n := 0
	for r := 0; r+T < len(qw); r += T + 1 {
		sh := uint(qw[r+T])
		for j := r; j < r+T; j++ {
			if v := int(qw[j]) << sh; v != 0 && -tau < v && v < tau {
				qw[j] = 0
				n++
			}
		}
	}
	return n
}

// readHeader decodes only the JSON header of a model file.
func readHeader(r io.Reader) (header, error) {
	var h header
	br := bufio.NewReader(r)
	magic := make([]byte, len(modelMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != modelMagic {
		return h, ErrFormat
	}
	zr, err := gzip.NewReader(br)
	if err != nil {
		return h, err
	}
	var n [4]byte
	if _, err := io.ReadFull(zr, n[:]); err != nil {
		return h, err
	}
	hl := binary.LittleEndian.Uint32(n[:])
	if hl > 1<<20 {
		return h, ErrFormat
	}
	hj := make([]byte, hl)
	if _, err := io.ReadFull(zr, hj); err != nil {
		return h, err
	}
	return h, json.Unmarshal(hj, &h)
}
