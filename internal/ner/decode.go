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
	n := len(sf.off) - 1
	sr := sentRows{rows: make([]uint32, 0, len(sf.feats)), off: make([]int32, n+1), caps: sf.caps, lw: sf.lw}
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
	bits  uint
	trans []S // (T+1)×T: trans[prev*T+cur]; row T is the sentence start
	emit  func(rows []uint32, out []S)
	pp    []uint32 // weight row of "previously predicted as type k" (k=0: O)

	em    []S
	delta []S
	next  []S
	back  []int16
	tok   []uint32 // rows of the current token including dynamic ones
	rows  []uint32 // all rows of the sentence (for training updates)
	roff  []int32
	pred  map[string]int8
	out   []int
}

func newDecoder[S score](T int, b uint, trans []S, emit func([]uint32, []S), pp []uint32) *decoder[S] {
	return &decoder[S]{T: T, K: (T - 1) / 2, bits: b, trans: trans, emit: emit, pp: pp, pred: map[string]int8{}}
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
	d.rows = d.rows[:0]
	d.roff = append(d.roff[:0], 0)
	for i := 0; i < n; i++ {
		r := s.rows[s.off[i]:s.off[i+1]]
		d.rows = append(d.rows, r...)
		if s.caps[i] {
			if k, ok := d.pred[s.lw[i]]; ok {
				d.rows = append(d.rows, d.pp[k])
			}
		}
		d.emit(d.rows[d.roff[i]:], em[i*T:(i+1)*T])
		d.roff = append(d.roff, int32(len(d.rows)))
	}
	if cap(d.delta) < T {
		d.delta = make([]S, T)
		d.next = make([]S, T)
	}
	delta, next := d.delta[:T], d.next[:T]
	back := d.back[:n*T]
	start := d.trans[T*T:]
	for j := 0; j < T; j++ {
		if j > K {
			delta[j] = negInf
		} else {
			delta[j] = start[j] + em[j]
		}
	}
	for i := 1; i < n; i++ {
		e := em[i*T : (i+1)*T]
		b := back[i*T : (i+1)*T]
		// O and B-k: any predecessor
		for j := 0; j <= K; j++ {
			best, bi := S(negInf), 0
			for p := 0; p < T; p++ {
				if v := delta[p] + d.trans[p*T+j]; v > best {
					best, bi = v, p
				}
			}
			next[j] = best + e[j]
			b[j] = int16(bi)
		}
		// I-k: only after B-k or I-k
		for k := 1; k <= K; k++ {
			j := K + k
			v1 := delta[k] + d.trans[k*T+j]
			v2 := delta[j] + d.trans[j*T+j]
			if v2 > v1 {
				next[j], b[j] = v2+e[j], int16(j)
			} else {
				next[j], b[j] = v1+e[j], int16(k)
			}
		}
		// renormalize so int32 scores never overflow on long sentences
		mx := next[0]
		for _, v := range next[1:] {
			mx = max(mx, v)
		}
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
		if delta[j] > delta[bj] {
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
		d.pred[s.lw[i]] = int8(k)
	}
}
