package ner

// score is the type of Viterbi scores: float32 while training, int32 for the
// quantized model.
type score interface{ ~int32 | ~float32 }

// sentRows is a sentence ready for decoding: the weight rows of each token's
// static features, rows[off[i]:off[i+1]].
type sentRows struct {
	rows []uint32
	off  []int32
	caps []bool   // tokens that get the previous-prediction feature
	lw   []string // lowercase forms, keys of the previous predictions
}

func rowOf(h uint64, b uint) uint32 {
	return uint32((h * 0x9E3779B97F4A7C15) >> (64 - b))
}

// toRows maps feature hashes to weight rows, dropping those keep rejects.
func toRows(sf *sentFeats, b uint, keep func(uint64) bool) sentRows {
	return toRowsInto(sentRows{}, sf, b, keep)
}

// toRowsInto is toRows reusing the slices of sr.
func toRowsInto(sr sentRows, sf *sentFeats, b uint, keep func(uint64) bool) sentRows {
	n := len(sf.off) - 1
	if cap(sr.off) < n+1 {
		sr.off = make([]int32, n+1)
	}
	sr.rows, sr.off, sr.caps, sr.lw = sr.rows[:0], sr.off[:n+1], sf.caps, sf.lw
	for i := 0; i < n; i++ {
		sr.off[i] = int32(len(sr.rows))
		for _, h := range sf.feats[sf.off[i]:sf.off[i+1]] {
			if keep == nil || keep(h) {
				sr.rows = append(sr.rows, rowOf(h, b))
			}
		}
	}
	sr.off[n] = int32(len(sr.rows))
	return sr
}

// decoder runs first-order Viterbi over one document's sentences, feeding
// each token the type predicted for the same word earlier in the document.
type decoder[S score] struct {
	T, K  int
	bilou bool // tags are O, B-, I-, L-, U- (else O, B-, I-)
	trans []S  // T×(T+1): trans[cur*(T+1)+prev]; prev T is the sentence start
	emit  func(rows []uint32, out []S)
	pp    []uint32 // weight row of "previously predicted as type k" (k=0: O)

	em     []S
	delta  []S
	next   []S
	back   []int16
	rows   []uint32 // all rows of the sentence (for training updates)
	roff   []int32
	pred   map[string]uint64 // word → set of types predicted for it so far (bit 0: O)
	cls    []int16           // closing tags
	maxcol []S
	out    []int
	// fixed is set when trans never changes (tagging with a trained
	// model): maxcol is then computed once, and the rows of a sentence
	// are not gathered for a weight update.
	fixed    bool
	maxcolOK bool
	outs     []int16 // outer tags
	tin      []S     // transitions into I-k, L-k from B-k, I-k
	ppRows   []uint32
	// Training only. gold, when set, makes decoding cost-augmented: every
	// tag but the gold one scores margin more, so that an update follows
	// unless the gold sequence wins by a margin (a structured hinge loss).
	// keep, when set, decides for each feature row whether it takes part
	// (feature dropout, drawn anew for every sentence).
	gold   []int
	margin S
	keep   func() bool
}

func newDecoder[S score](K int, bilou bool, trans []S, emit func([]uint32, []S), pp []uint32) *decoder[S] {
	T := 2*K + 1
	if bilou {
		T = 4*K + 1
	}
	return &decoder[S]{T: T, K: K, bilou: bilou, trans: trans, emit: emit, pp: pp, pred: map[string]uint64{}}
}

func (d *decoder[S]) resetDoc() { clear(d.pred) }

const negInf = -1 << 28

// decode tags one sentence and returns tag indices (valid until the next call).
func (d *decoder[S]) decode(s *sentRows) []int {
	n := len(s.off) - 1
	T, K := d.T, d.K
	if cap(d.em) < n*T {
		d.em = make([]S, n*T)
		d.back = make([]int16, n*T)
	}
	em := d.em[:n*T]
	clear(em)
	if d.fixed {
		for i := 0; i < n; i++ {
			out := em[i*T : (i+1)*T]
			d.emit(s.rows[s.off[i]:s.off[i+1]], out)
			if !s.caps[i] {
				continue
			}
			if set, ok := d.pred[s.lw[i]]; ok {
				d.ppRows = d.ppRows[:0]
				for k := range d.pp {
					if set&(1<<k) != 0 {
						d.ppRows = append(d.ppRows, d.pp[k])
					}
				}
				d.emit(d.ppRows, out)
			}
		}
	}
	d.rows = d.rows[:0]
	d.roff = append(d.roff[:0], 0)
	for i := 0; i < n && !d.fixed; i++ {
		r := s.rows[s.off[i]:s.off[i+1]]
		if d.keep == nil {
			d.rows = append(d.rows, r...)
		} else {
			for _, x := range r {
				if d.keep() {
					d.rows = append(d.rows, x)
				}
			}
		}
		if s.caps[i] {
			if set, ok := d.pred[s.lw[i]]; ok {
				for k := range d.pp {
					if set&(1<<k) != 0 && (d.keep == nil || d.keep()) {
						d.rows = append(d.rows, d.pp[k])
					}
				}
			}
		}
		out := em[i*T : (i+1)*T]
		d.emit(d.rows[d.roff[i]:], out)
		if d.gold != nil {
			for j := range out {
				if j != d.gold[i] {
					out[j] += d.margin
				}
			}
		}
		d.roff = append(d.roff, int32(len(d.rows)))
	}
	if cap(d.delta) < T {
		d.delta = make([]S, T)
		d.next = make([]S, T)
	}
	delta, next := d.delta[:T], d.next[:T]
	back := d.back[:n*T]
	T1 := T + 1
	// outer tags can start an entity or stand outside one: O, B-, U-;
	// closing tags end one: O, L-, U- (BILOU) or every tag (BIO).
	outer := func(j int) bool { return j <= K || (d.bilou && j > 3*K) }
	for j := 0; j < T; j++ {
		if outer(j) {
			delta[j] = d.trans[j*T1+T] + em[j]
		} else {
			delta[j] = negInf
		}
	}
	// Closing tags (O, L-, U- for BILOU; all tags for BIO) can precede an
	// outer tag. For each outer tag j, maxcol[j] bounds its transition
	// score from any closing tag, so scanning the closing tags by decreasing
	// score can stop as soon as none can win: exact, and usually after a
	// few steps instead of all of them.
	lo := 1
	if d.bilou {
		lo = 2*K + 1
	}
	d.cls = d.cls[:0]
	d.cls = append(d.cls, 0)
	for p := lo; p < T; p++ {
		d.cls = append(d.cls, int16(p))
	}
	cls := d.cls
	if cap(d.maxcol) < T {
		d.maxcol = make([]S, T)
	}
	maxcol := d.maxcol[:T]
	for j := 0; j < T && !(d.fixed && d.maxcolOK); j++ {
		if !outer(j) {
			continue
		}
		m := d.trans[j*T1]
		for _, p := range cls[1:] {
			m = max(m, d.trans[j*T1+int(p)])
		}
		maxcol[j] = m
	}
	d.maxcolOK = true
	// the outer tags, and the transitions into I-k and L-k from B-k and
	// I-k, laid out for the loop below
	d.outs = d.outs[:0]
	for j := 0; j < T; j++ {
		if outer(j) {
			d.outs = append(d.outs, int16(j))
		}
	}
	outs := d.outs
	inner := 2 // I- and L- (BILOU) or I- only
	if !d.bilou {
		inner = 1
	}
	if cap(d.tin) < 2*inner*K {
		d.tin = make([]S, 2*inner*K)
	}
	tin := d.tin[:2*inner*K]
	for k := 1; k <= K; k++ {
		for h := 0; h < inner; h++ {
			j := (h+1)*K + k
			tin[2*(inner*(k-1)+h)] = d.trans[j*T1+k]
			tin[2*(inner*(k-1)+h)+1] = d.trans[j*T1+K+k]
		}
	}
	for i := 1; i < n; i++ {
		e := em[i*T : (i+1)*T]
		b := back[i*T : (i+1)*T]
		// the best and second-best closing tags
		p0, d1, d2 := int(cls[0]), delta[cls[0]], S(negInf)
		for _, pp := range cls[1:] {
			switch v := delta[pp]; {
			case v > d1:
				p0, d1, d2 = int(pp), v, d1
			case v > d2:
				d2 = v
			}
		}
		var mx S
		for _, jj := range outs {
			j := int(jj)
			col := d.trans[j*T1 : j*T1+T]
			best, bi := d1+col[p0], p0
			if d2+maxcol[j] >= best {
				// another closing tag may win: scan them all
				best, bi = S(negInf), 0
				for _, pp := range cls {
					p := int(pp)
					if v := delta[p] + col[p]; v > best || v == best && p < bi {
						best, bi = v, p
					}
				}
			}
			next[j] = best + e[j]
			b[j] = int16(bi)
			if j == 0 { // O, the first outer tag, starts the maximum
				mx = next[0]
			} else {
				mx = max(mx, next[j])
			}
		}
		// I-k (and L-k): only after B-k or I-k
		for k := 1; k <= K; k++ {
			dB, dI := delta[k], delta[K+k]
			for h := 0; h < inner; h++ {
				j := (h+1)*K + k
				t := tin[2*(inner*(k-1)+h):]
				v1 := dB + t[0]
				v2 := dI + t[1]
				if v2 > v1 {
					next[j], b[j] = v2+e[j], int16(K+k)
				} else {
					next[j], b[j] = v1+e[j], int16(k)
				}
				mx = max(mx, next[j])
			}
		}
		// renormalize so int32 scores never overflow on long sentences
		for j := range next {
			next[j] -= mx
			if next[j] < negInf {
				next[j] = negInf
			}
		}
		delta, next = next, delta
	}
	bj := 0
	for j := 1; j < T; j++ {
		closing := !d.bilou || j == 0 || j > 2*K
		if closing && delta[j] > delta[bj] {
			bj = j
		}
	}
	if cap(d.out) < n {
		d.out = make([]int, n)
	}
	out := d.out[:n]
	for i := n - 1; i >= 0; i-- {
		out[i] = bj
		bj = int(back[i*T+bj])
	}
	d.remember(s, out)
	return out
}

// remember records the predicted type of every capitalized token.
func (d *decoder[S]) remember(s *sentRows, tags []int) {
	for i, t := range tags {
		if !s.caps[i] {
			continue
		}
		k := 0
		if t > 0 {
			k = (t-1)%d.K + 1
		}
		d.pred[s.lw[i]] |= 1 << k
	}
}
