package ner

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/newsgraph/newsgraph/internal/ner/cluster"
)

// TrainOptions control Train.
type TrainOptions struct {
	Name       string
	Train, Dev []Document
	// External gazetteers (e.g. the entity list of another corpus).
	External []*Gazetteer
	Clusters *cluster.Table
	Bits     uint // log2 of the weight rows (default 20)
	Epochs   int  // maximum passes (default 20)
	Patience int  // stop after this many passes without a better dev F1 (default 3)
	Folds    int  // folds of the out-of-fold gazetteer (default 5)
	MinCount int  // features seen fewer times in training are dropped (default 2)
	MaxGaz   int  // longest gazetteer phrase in tokens (default 6)
	Seed     uint64
	// Seeds, when set, trains one model per seed and averages them.
	Seeds []uint64
	BILOU bool // tag with BILOU internally (else IOB2)
	// Affix is the longest prefix/suffix feature in code points (0: 4).
	Affix int
	// Margin, when positive, trains with cost-augmented decoding: the
	// perceptron also updates when the gold tags win by less than Margin
	// per wrong tag (in units of one update), which acts as regularization.
	Margin float32
	// Dropout is the share of feature rows left out, at random, of each
	// training sentence's decoding and update (0: none).
	Dropout float32
	// Features names optional feature templates (see FeatureNames).
	Features []string
	// Prune drops the weights whose magnitude is below this share of the
	// largest weight (0: none): the model gets smaller and sparser, and
	// tags faster.
	Prune float64
	// Progress, when non-nil, receives one line per step.
	Progress func(format string, a ...any)
}

// Train learns an averaged structured perceptron (Collins 2002) with
// first-order Viterbi decoding. The training set's own gazetteer is built
// out-of-fold (each document sees only the entity strings of the other
// folds) so that the model learns how far to trust it; the dev set is used
// only to choose the best pass. Training is deterministic for fixed options.
func Train(opt TrainOptions) (*Model, error) {
	if len(opt.Train) == 0 {
		return nil, fmt.Errorf("train: no training documents: %w", ErrFormat)
	}
	if opt.Bits == 0 {
		opt.Bits = 20
	}
	if opt.Epochs == 0 {
		opt.Epochs = 20
	}
	if opt.Patience == 0 {
		opt.Patience = 3
	}
	if opt.Folds == 0 {
		opt.Folds = 5
	}
	if opt.MinCount == 0 {
		opt.MinCount = 2
	}
	if opt.MaxGaz == 0 {
		opt.MaxGaz = 6
	}
	if opt.Margin < 0 || opt.Dropout < 0 || opt.Dropout >= 1 || opt.Prune < 0 || opt.Prune >= 1 {
		return nil, fmt.Errorf("train: margin %g, dropout %g or prune %g out of range: %w", opt.Margin, opt.Dropout, opt.Prune, ErrFormat)
	}
	extra, err := parseFeatures(opt.Features)
	if err != nil {
		return nil, fmt.Errorf("train: %w", err)
	}
	logf := opt.Progress
	if logf == nil {
		logf = func(string, ...any) {}
	}
	t0 := time.Now()
	typeSet := map[string]bool{}
	for _, d := range opt.Train {
		for _, s := range d.Sents {
			for _, sp := range Spans(s.Tags) {
				typeSet[sp.Type] = true
			}
		}
	}
	var types []string
	for t := range typeSet {
		types = append(types, t)
	}
	sort.Strings(types)
	tags := tagNames(types, opt.BILOU)
	outNames := iob2Names(tags)
	tagIdx := map[string]int{}
	for i, t := range tags {
		tagIdx[t] = i
	}
	T, K := len(tags), len(types)
	b := opt.Bits

	// out-of-fold gazetteers
	folds := make([][]Document, opt.Folds)
	for i, d := range opt.Train {
		folds[i%opt.Folds] = append(folds[i%opt.Folds], d)
	}
	foldGaz := make([]*Gazetteer, opt.Folds)
	for k := range folds {
		var rest []Document
		for j := range folds {
			if j != k {
				rest = append(rest, folds[j]...)
			}
		}
		foldGaz[k] = BuildGazetteer(rest, types, opt.MaxGaz)
	}
	fullGaz := BuildGazetteer(opt.Train, types, opt.MaxGaz)
	logf("train %s: %d docs, %d types, gazetteer %d phrases (%s)", opt.Name, len(opt.Train), K, fullGaz.Len(), time.Since(t0).Round(time.Millisecond))

	// static features
	type tdoc struct {
		sents []sentFeats
		gold  [][]int
	}
	docs := make([]tdoc, len(opt.Train))
	var counts []uint8
	if opt.MinCount > 1 {
		counts = make([]uint8, 1<<24)
	}
	cidx := func(h uint64) uint32 { return uint32((h ^ h>>33) * 0xff51afd7ed558ccd >> 40) }
	for i := range opt.Train {
		d := &opt.Train[i]
		fx := featurizer{cl: opt.Clusters, affix: opt.Affix, extra: extra, gaz: append([]*Gazetteer{foldGaz[i%opt.Folds]}, opt.External...)}
		docs[i].sents = fx.document(d)
		for si, s := range d.Sents {
			g := make([]int, len(s.Tags))
			gt := s.Tags
			if opt.BILOU {
				gt = toBILOU(gt)
			}
			for j, t := range gt {
				x, ok := tagIdx[t]
				if !ok {
					return nil, fmt.Errorf("train: unknown tag %q: %w", t, ErrFormat)
				}
				g[j] = x
			}
			docs[i].gold = append(docs[i].gold, g)
			if counts != nil {
				for _, h := range docs[i].sents[si].feats {
					if c := &counts[cidx(h)]; *c < 255 {
						*c++
					}
				}
			}
		}
	}
	keep := func(h uint64) bool { return counts == nil || int(counts[cidx(h)]) >= opt.MinCount }
	train := make([][]sentRows, len(docs))
	ntok := 0
	for i := range docs {
		for si := range docs[i].sents {
			train[i] = append(train[i], toRows(&docs[i].sents[si], b, keep))
			ntok += len(docs[i].gold[si])
		}
		docs[i].sents = nil
	}
	counts = nil
	devFx := featurizer{cl: opt.Clusters, affix: opt.Affix, extra: extra, gaz: append([]*Gazetteer{fullGaz}, opt.External...)}
	var dev [][]sentRows
	for i := range opt.Dev {
		sfs := devFx.document(&opt.Dev[i])
		var rs []sentRows
		for si := range sfs {
			rs = append(rs, toRows(&sfs[si], b, nil))
		}
		dev = append(dev, rs)
	}
	logf("train %s: features of %d tokens ready (%s)", opt.Name, ntok, time.Since(t0).Round(time.Millisecond))

	rows := 1 << b
	pp := ppRows(K, b)
	emitW := func(ws []float32) func([]uint32, []float32) {
		return func(rs []uint32, out []float32) {
			out = out[:T]
			for _, r := range rs {
				for j, v := range ws[int(r)*T : int(r)*T+T] {
					out[j] += v
				}
			}
		}
	}
	evalDev := func(ws, ts []float32) float64 {
		if len(dev) == 0 {
			return math.NaN()
		}
		sc := NewScore()
		dd := newDecoder(K, opt.BILOU, ts, emitW(ws), pp)
		for i := range dev {
			dd.resetDoc()
			for si := range dev[i] {
				p := dd.decode(&dev[i][si])
				ps := make([]string, len(p))
				for j, x := range p {
					ps[j] = outNames[x]
				}
				sc.Add(opt.Dev[i].Sents[si].Tags, ps, nil)
			}
		}
		return sc.All.F1()
	}
	type result struct {
		f1    float64
		epoch int
		w, tr []float32
	}
	// runSeed trains one averaged perceptron with documents shuffled by seed
	// and returns the weights of its best pass.
	runSeed := func(seed uint64) result {
		w := make([]float32, rows*T)
		u := make([]float64, rows*T)
		tr := make([]float32, (T+1)*T)
		tu := make([]float64, (T+1)*T)
		c := 1.0
		dec := newDecoder(K, opt.BILOU, tr, emitW(w), pp)
		rng := rand.New(rand.NewPCG(seed, 0x6e6572))
		drop := rand.New(rand.NewPCG(seed, 0x64726f70))
		keep := func() bool { return drop.Float32() >= opt.Dropout }
		order := make([]int, len(train))
		for i := range order {
			order[i] = i
		}
		best := result{f1: math.Inf(-1)}
		avgW := make([]float32, rows*T)
		avgT := make([]float32, (T+1)*T)
		for ep := 1; ep <= opt.Epochs; ep++ {
			te := time.Now()
			rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
			wrong := 0
			for _, di := range order {
				dec.resetDoc()
				for si := range train[di] {
					s := &train[di][si]
					gold := docs[di].gold[si]
					if opt.Margin > 0 {
						dec.gold, dec.margin = gold, opt.Margin
					}
					if opt.Dropout > 0 {
						dec.keep = keep
					}
					pred := dec.decode(s)
					dec.gold, dec.keep = nil, nil
					diff := false
					for i := range gold {
						if gold[i] != pred[i] {
							diff = true
							break
						}
					}
					if diff {
						wrong++
						pg, pp := T, T
						for i := range gold {
							g, p := gold[i], pred[i]
							if g != p {
								for _, r := range dec.rows[dec.roff[i]:dec.roff[i+1]] {
									o := int(r) * T
									w[o+g]++
									u[o+g] += c
									w[o+p]--
									u[o+p] -= c
								}
							}
							if g != p || pg != pp {
								tr[g*(T+1)+pg]++
								tu[g*(T+1)+pg] += c
								tr[p*(T+1)+pp]--
								tu[p*(T+1)+pp] -= c
							}
							pg, pp = g, p
						}
					}
					c++
				}
			}
			for i := range w {
				avgW[i] = float32(float64(w[i]) - u[i]/c)
			}
			for i := range tr {
				avgT[i] = float32(float64(tr[i]) - tu[i]/c)
			}
			f1 := evalDev(avgW, avgT)
			logf("train %s: seed %d pass %d: %d sentences wrong, dev F1 %.4f (%s)", opt.Name, seed, ep, wrong, f1, time.Since(te).Round(time.Millisecond))
			if len(dev) == 0 || f1 > best.f1 {
				best.f1, best.epoch = f1, ep
				best.w = append(best.w[:0], avgW...)
				best.tr = append(best.tr[:0], avgT...)
			} else if ep-best.epoch >= opt.Patience {
				break
			}
		}
		return best
	}
	seeds := opt.Seeds
	if len(seeds) == 0 {
		seeds = []uint64{opt.Seed}
	}
	// the seeds train in parallel, one per core; their models are summed
	// in seed order, so the result does not depend on the schedule
	results := make([]result, len(seeds))
	var wg sync.WaitGroup
	sem := make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))
	for i, seed := range seeds {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			results[i] = runSeed(seed)
			logf("train %s: seed %d: best pass %d, dev F1 %.4f", opt.Name, seed, results[i].epoch, results[i].f1)
		})
	}
	wg.Wait()
	var best result
	for i, r := range results {
		if i == 0 {
			best = r
			continue
		}
		// average the models of several seeds: still one linear model
		for j := range best.w {
			best.w[j] += r.w[j]
		}
		for j := range best.tr {
			best.tr[j] += r.tr[j]
		}
	}
	if len(seeds) > 1 {
		inv := 1 / float32(len(seeds))
		for j := range best.w {
			best.w[j] *= inv
		}
		for j := range best.tr {
			best.tr[j] *= inv
		}
		best.f1 = evalDev(best.w, best.tr)
		logf("train %s: average of %d seeds: dev F1 %.4f", opt.Name, len(seeds), best.f1)
	}
	qw, qt, scale := quantize(best.w, best.tr, T)
	if opt.Prune > 0 {
		n := prune(qw, T, int(opt.Prune*(1<<20)))
		logf("train %s: %d weights below %g of the largest pruned", opt.Name, n, opt.Prune)
	}
	m := &Model{Name: opt.Name, Types: types, Bits: b, BILOU: opt.BILOU, Affix: opt.Affix, Features: extra.names(), extra: extra, Scale: scale, DevF1: best.f1, w: qw, trans: qt, cl: opt.Clusters,
		gaz: append([]*Gazetteer{fullGaz}, opt.External...)}
	if opt.Clusters != nil {
		m.ClusterHash = opt.Clusters.Hash
	}
	m.init()
	logf("train %s: dev F1 %.4f, %s in all", opt.Name, best.f1, time.Since(t0).Round(time.Millisecond))
	return m, nil
}

// WeightsHash is the SHA-256 of the quantized weights and transitions: two
// deterministic trainings give the same hash.
func (m *Model) WeightsHash() string {
	h := sha256.New()
	var b [4]byte
	for _, v := range m.trans {
		binary.LittleEndian.PutUint32(b[:], uint32(v))
		h.Write(b[:])
	}
	buf := make([]byte, 0, 1<<16)
	for _, v := range m.dense() {
		buf = append(buf, byte(v))
		if len(buf) == cap(buf) {
			h.Write(buf)
			buf = buf[:0]
		}
	}
	h.Write(buf)
	return hex.EncodeToString(h.Sum(nil))
}
