package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/internal/ner"
	"github.com/newsgraph/newsgraph/internal/ner/cluster"
)

// trainFlags holds the flags of train.
var trainFlags trainOpts

type trainOpts struct {
	corpus   string
	out      string
	data     string
	bits     uint
	epochs   int
	minCount int
	seed     uint64
	sizes    string
	iters    int
	bilou    bool
	seeds    int
	lang     string
	dataML   string
	affix    int
	clusters string
	ext      string
	addEn    string
	add      string
	margin   float64
	dropout  float64
	features string
	prune    float64
}

// ontonotesRegularization are the --margin, --dropout, --prune, --features
// and --epochs values that "auto" (or -1, 0) stands for when training the
// ontonotes model. The conll and language models keep the plain perceptron
// (0, 0, 0, none, 20 passes): on CoNLL-2003 dev these settings gave 0.9349
// against 0.9352, so that model was not changed.
var ontonotesRegularization = struct {
	margin, dropout, prune float64
	features               string
	epochs                 int
}{100, 0.1, 1.0 / 256, "initial-only,run-edges,genre,few-contexts", 30}

func init() {
	register(&command{
		name:  "train",
		args:  "ner --corpus ontonotes|conll [--out FILE] | ner --lang de|fr|es|ru|uk|it|pl [--corpus DATASETS] | clusters [--out FILE]",
		short: "train the entity recognizer or its word clusters",
		long: `"train clusters" learns word clusters (exchange algorithm, several
granularities) from the unlabeled text under --data (BBC News, PolNeAR texts,
the OntoNotes and CoNLL training words) and writes the compact cluster table
(default internal/ner/cluster/data/clusters.tsv.gz).

"train ner --corpus ontonotes|conll" trains the averaged-perceptron entity
recognizer on the corpus's training split, choosing the best pass on its dev
split, and writes the model (default internal/ner/models/<corpus>.bin) with its
SHA-256 next to it (<file>.sha256). Training is deterministic: the same data,
flags and cluster table give the same weights. Progress goes to stderr.
The ontonotes model is trained with cost-augmented decoding (--margin: the
gold tags must beat every other tagging by a margin per wrong tag), feature
dropout (--dropout) and the optional feature templates initial-only,
run-edges, genre (OntoNotes document ids name the genre: newswire,
broadcast, magazine, web, telephone) and few-contexts; its weights below 1/256 of the largest
are pruned (--prune), and it trains up to 30 passes (--epochs). The seeds (--seeds) train in parallel, one per core.

"train ner --lang de|fr|es|ru|uk|it|pl" trains one model for a language from
the training splits of all that language's datasets under --data-ml
(../shared/data-ml; --corpus ru-nerel,ru-slavicner restricts them), choosing
the best pass on their dev splits together, and writes
internal/ner/models/<lang>.bin. It then prints dev F1 per dataset
(exact-span, per type and micro, scored on the types each dataset marks).
With --clusters lang (the setting of the committed models) word clusters are
learned from the words of the language's training splits (there is no other
text of these languages under ../shared) and written to
internal/ner/cluster/data/<lang>.tsv.gz; --ext other adds the training
entities of the other languages' datasets as an external gazetteer, and
--add-english (auto: de, fr, es, it) adds the CoNLL-2003 English training
set to the training documents (not to the clusters). The models use
prefixes and suffixes of up to 5 characters (--affix).`,
		setup: func(fs *flag.FlagSet) { declareTrainFlags(fs, trainDefaults) },
		run:   runTrain,
	})
}

// trainDefaults are the default flag values of train.
var trainDefaults = trainOpts{data: "../shared/data", dataML: "../shared/data-ml", clusters: "lang", ext: "other", addEn: "auto", bits: 19, epochs: 0, minCount: 2, seed: 1, seeds: 5, bilou: true, sizes: "64,256,1024,4096", iters: 12, margin: -1, dropout: -1, features: "auto", prune: -1}

func declareTrainFlags(fs *flag.FlagSet, d trainOpts) {
	fs.StringVar(&trainFlags.corpus, "corpus", d.corpus, "labelled corpus: ontonotes or conll; with --lang, comma-separated data-ml datasets")
	fs.StringVar(&trainFlags.lang, "lang", d.lang, "train the model of this language (de, fr, es, ru, uk, it, pl) from --data-ml")
	fs.StringVar(&trainFlags.dataML, "data-ml", d.dataML, "directory of the non-English datasets")
	fs.IntVar(&trainFlags.affix, "affix", d.affix, "longest prefix/suffix feature in characters (0: 4 for English, 5 for --lang)")
	fs.StringVar(&trainFlags.clusters, "clusters", d.clusters, "word clusters of a --lang model: none, en (the English table) or lang (learned from the language's training text)")
	fs.StringVar(&trainFlags.addEn, "add-english", d.addEn, "also train a --lang model on the CoNLL-2003 English training set (PER, ORG, LOC): yes, no, or auto (the languages of ner.AddEnglish)")
	fs.StringVar(&trainFlags.add, "add", d.add, "also train a --lang model on these datasets of other languages (comma-separated)")
	fs.StringVar(&trainFlags.ext, "ext", d.ext, "external gazetteers of a --lang model, comma-separated: none, other (the training entities of the other languages' datasets), en (the CoNLL-2003 and OntoNotes training entities kept in the conll model)")
	fs.StringVar(&trainFlags.out, "out", d.out, "output file")
	fs.StringVar(&trainFlags.data, "data", d.data, "data directory")
	fs.UintVar(&trainFlags.bits, "bits", d.bits, "log2 of the number of hashed weight rows")
	fs.IntVar(&trainFlags.epochs, "epochs", d.epochs, "maximum training passes (0: 30 for ontonotes, whose margin training converges slowly, 20 otherwise)")
	fs.IntVar(&trainFlags.minCount, "min-count", d.minCount, "drop features seen fewer times in training")
	fs.Uint64Var(&trainFlags.seed, "seed", d.seed, "seed of the document order")
	fs.StringVar(&trainFlags.sizes, "sizes", d.sizes, "cluster counts of each granularity (train clusters)")
	fs.IntVar(&trainFlags.iters, "iters", d.iters, "exchange passes per granularity (train clusters)")
	fs.IntVar(&trainFlags.seeds, "seeds", d.seeds, "train this many models (seeds seed, seed+1, ...) and average them")
	fs.BoolVar(&trainFlags.bilou, "bilou", d.bilou, "tag with BILOU (begin, inside, last, unit, outside) internally")
	fs.Float64Var(&trainFlags.margin, "margin", d.margin, "cost-augmented training: the gold tags must win by this margin per wrong tag, in units of one update (-1: 100 for ontonotes, 0 otherwise)")
	fs.Float64Var(&trainFlags.dropout, "dropout", d.dropout, "share of feature rows left out at random of each training update (-1: 0.1 for ontonotes, 0 otherwise)")
	fs.Float64Var(&trainFlags.prune, "prune", d.prune, "drop the weights below this share of the largest (-1: 1/256 for ontonotes, 0 otherwise)")
	fs.StringVar(&trainFlags.features, "features", d.features, "optional feature templates, comma-separated: initial-only, run-edges, genre, few-contexts, none, or auto (all four for ontonotes, none otherwise)")
}

// regularization resolves --margin, --dropout and --features ("auto" and
// -1 take ontonotesRegularization for the ontonotes corpus, none otherwise).
func regularization(corpus string) (margin, dropout float32, prune float64, features []string, epochs int) {
	m, d, f, p := trainFlags.margin, trainFlags.dropout, trainFlags.features, trainFlags.prune
	r := ontonotesRegularization
	if corpus != "ontonotes" {
		r.margin, r.dropout, r.prune, r.features, r.epochs = 0, 0, 0, "none", 20
	}
	if epochs = trainFlags.epochs; epochs <= 0 {
		epochs = r.epochs
	}
	if p < 0 {
		p = r.prune
	}
	if m < 0 {
		m = r.margin
	}
	if d < 0 {
		d = r.dropout
	}
	if f == "auto" {
		f = r.features
	}
	for _, x := range strings.Split(f, ",") {
		if x = strings.TrimSpace(x); x != "" && x != "none" {
			features = append(features, x)
		}
	}
	return float32(m), float32(d), p, features, epochs
}

func runTrain(env *cmdEnv, args []string) int {
	if len(args) == 0 {
		return usageError(env, "train", "want one of: ner, clusters")
	}
	// flags may also follow the target: "train ner --corpus conll"
	fs := flag.NewFlagSet("train "+args[0], flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	declareTrainFlags(fs, trainFlags)
	if err := fs.Parse(args[1:]); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 {
		return usageError(env, "train", "unexpected argument %q", fs.Arg(0))
	}
	logf := func(format string, a ...any) { fmt.Fprintf(env.stderr, format+"\n", a...) }
	switch args[0] {
	case "clusters":
		return trainClusters(env, logf)
	case "ner":
		return trainNER(env, logf)
	}
	return usageError(env, "train", "unknown target %q (want ner or clusters)", args[0])
}

func trainClusters(env *cmdEnv, logf func(string, ...any)) int {
	var sizes []int
	for _, s := range bytes.Split([]byte(trainFlags.sizes), []byte(",")) {
		var n int
		if _, err := fmt.Sscan(string(s), &n); err != nil || n <= 1 || n > 65535 {
			return usageError(env, "train", "bad --sizes %q", trainFlags.sizes)
		}
		sizes = append(sizes, n)
	}
	out := trainFlags.out
	if out == "" {
		out = filepath.Join("internal", "ner", "cluster", "data", "clusters.tsv.gz")
	}
	t0 := time.Now()
	seqs, err := ner.ClusterText(trainFlags.data)
	if err != nil {
		fmt.Fprintf(env.stderr, "newsgraph train: %v\n", err)
		return exitFailed
	}
	ntok := 0
	for _, s := range seqs {
		ntok += len(s)
	}
	logf("clusters: %d lines, %d tokens read (%s)", len(seqs), ntok, time.Since(t0).Round(time.Millisecond))
	t, err := cluster.Learn(seqs, cluster.Options{Sizes: sizes, MinCount: 3, MaxVocab: 100000, Iters: trainFlags.iters, Progress: logf})
	if err != nil {
		fmt.Fprintf(env.stderr, "newsgraph train: %v\n", err)
		return exitFailed
	}
	var buf bytes.Buffer
	if err := t.Write(&buf); err != nil {
		fmt.Fprintf(env.stderr, "newsgraph train: %v\n", err)
		return exitFailed
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		fmt.Fprintf(env.stderr, "newsgraph train: %v\n", err)
		return exitFailed
	}
	logf("clusters: %d words written to %s (%d bytes, %s)", t.Len(), out, buf.Len(), time.Since(t0).Round(time.Second))
	return exitOK
}

func trainNER(env *cmdEnv, logf func(string, ...any)) int {
	if trainFlags.lang != "" {
		return trainLang(env, logf)
	}
	c, ok := ner.Corpora[trainFlags.corpus]
	if !ok || c.Train == "" {
		return usageError(env, "train", "--corpus must be ontonotes or conll")
	}
	out := trainFlags.out
	if out == "" {
		out = filepath.Join("internal", "ner", "models", c.Name+".bin")
	}
	fail := func(err error) int {
		fmt.Fprintf(env.stderr, "newsgraph train: %v\n", err)
		return exitFailed
	}
	cl, err := cluster.Default()
	if err != nil {
		return fail(err)
	}
	train, dev, err := c.Load(trainFlags.data)
	if err != nil {
		return fail(err)
	}
	// the other corpus's training entities are an external gazetteer
	other := "conll"
	if c.Name == "conll" {
		other = "ontonotes"
	}
	otrain, _, err := ner.Corpora[other].Load(trainFlags.data)
	if err != nil {
		return fail(err)
	}
	ext := ner.BuildGazetteer(otrain, ner.TypesOf(otrain), 6)
	otrain = nil
	var seeds []uint64
	for i := 0; i < trainFlags.seeds; i++ {
		seeds = append(seeds, trainFlags.seed+uint64(i))
	}
	margin, dropout, prune, features, epochs := regularization(c.Name)
	m, err := ner.Train(ner.TrainOptions{Seeds: seeds, Affix: trainFlags.affix,
		Name: c.Name, Train: train, Dev: dev, External: []*ner.Gazetteer{ext}, Clusters: cl,
		Bits: trainFlags.bits, Epochs: epochs, MinCount: trainFlags.minCount, Seed: trainFlags.seed, BILOU: trainFlags.bilou, Progress: logf,
		Margin: margin, Dropout: dropout, Features: features, Prune: prune,
	})
	if err != nil {
		return fail(err)
	}
	if err := writeModel(m, out, logf); err != nil {
		return fail(err)
	}
	return exitOK
}

// writeModel writes a model and its SHA-256 (<out>.sha256).
func writeModel(m *ner.Model, out string, logf func(string, ...any)) error {
	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		return err
	}
	sum := sha256.Sum256(buf.Bytes())
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(out+".sha256", []byte(hex.EncodeToString(sum[:])+"\n"), 0o644); err != nil {
		return err
	}
	logf("train %s: model written to %s (%d bytes)", m.Name, out, buf.Len())
	return nil
}

// trainLang trains the model of one language from its data-ml datasets.
func trainLang(env *cmdEnv, logf func(string, ...any)) int {
	lang := trainFlags.lang
	sets := ner.DatasetsOf(lang)
	if len(sets) == 0 {
		return usageError(env, "train", "no datasets for --lang %q (have %s)", lang, strings.Join(ner.Languages(), ", "))
	}
	if trainFlags.corpus != "" {
		sets = sets[:0]
		for _, n := range strings.Split(trainFlags.corpus, ",") {
			ds, ok := ner.Datasets[strings.TrimSpace(n)]
			if !ok || ds.Lang != lang {
				return usageError(env, "train", "--corpus %q is not a %s dataset", n, lang)
			}
			sets = append(sets, ds)
		}
	}
	addEn := trainFlags.addEn == "yes" || trainFlags.addEn == "auto" && ner.AddEnglish[lang]
	if trainFlags.addEn != "yes" && trainFlags.addEn != "no" && trainFlags.addEn != "auto" {
		return usageError(env, "train", "--add-english must be yes, no or auto")
	}
	exts := map[string]bool{}
	for _, e := range strings.Split(trainFlags.ext, ",") {
		switch e = strings.TrimSpace(e); e {
		case "none", "":
		case "other", "en":
			exts[e] = true
		default:
			return usageError(env, "train", "--ext takes none, other or en, not %q", e)
		}
	}
	fail := func(err error) int {
		fmt.Fprintf(env.stderr, "newsgraph train: %v\n", err)
		return exitFailed
	}
	var cl *cluster.Table
	switch trainFlags.clusters {
	case "none", "":
	case "en":
		var err error
		if cl, err = cluster.Default(); err != nil {
			return fail(err)
		}
	case "lang":
	default:
		return usageError(env, "train", "--clusters must be none, en or lang")
	}
	affix := trainFlags.affix
	if affix == 0 {
		affix = 5
	}
	out := trainFlags.out
	if out == "" {
		out = filepath.Join("internal", "ner", "models", lang+".bin")
	}
	var train, dev []ner.Document
	devs := map[string][]ner.Document{}
	for _, ds := range sets {
		tr, dv, err := ds.Load(trainFlags.dataML)
		if err != nil {
			return fail(err)
		}
		ntok := 0
		for i := range tr {
			ntok += tr[i].Tokens()
		}
		logf("train %s: %s: %d training documents (%d tokens), %d dev documents; split: %s", lang, ds.Name, len(tr), ntok, len(dv), ds.Split)
		train = append(train, tr...)
		dev = append(dev, dv...)
		devs[ds.Name] = dv
	}
	if trainFlags.clusters == "lang" {
		// the language's own training text is the only text of it here
		var seqs [][]string
		for _, d := range train {
			for _, s := range d.Sents {
				t := make([]string, len(s.Words))
				for i, w := range s.Words {
					t[i] = cluster.Norm(w)
				}
				seqs = append(seqs, t)
			}
		}
		var err error
		if cl, err = cluster.Learn(seqs, cluster.Options{Sizes: []int{64, 256, 1024}, MinCount: 3, MaxVocab: 100000, Iters: trainFlags.iters, Progress: logf}); err != nil {
			return fail(err)
		}
		// the table goes into the cluster package beside the English one
		// (or beside --out), where the model finds it by its language
		cout := filepath.Join("internal", "ner", "cluster", "data", lang+".tsv.gz")
		if trainFlags.out != "" {
			cout = strings.TrimSuffix(out, ".bin") + ".clusters.tsv.gz"
		}
		var buf bytes.Buffer
		if err := cl.Write(&buf); err != nil {
			return fail(err)
		}
		if err := os.WriteFile(cout, buf.Bytes(), 0o644); err != nil {
			return fail(err)
		}
		logf("train %s: %d-word cluster table written to %s (%d bytes)", lang, cl.Len(), cout, buf.Len())
	}
	if trainFlags.add != "" {
		for _, n := range strings.Split(trainFlags.add, ",") {
			ds, ok := ner.Datasets[strings.TrimSpace(n)]
			if !ok {
				return usageError(env, "train", "--add: unknown dataset %q", n)
			}
			tr, _, err := ds.Load(trainFlags.dataML)
			if err != nil {
				return fail(err)
			}
			logf("train %s: adding %d training documents of %s", lang, len(tr), ds.Name)
			train = append(train, tr...)
		}
	}
	if addEn {
		en, _, err := ner.Corpora["conll"].Load(trainFlags.data)
		if err != nil {
			return fail(err)
		}
		ner.MapTypes(en, map[string]string{"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"})
		logf("train %s: adding %d English CoNLL-2003 training documents", lang, len(en))
		train = append(train, en...)
	}
	var ext []*ner.Gazetteer
	if exts["en"] {
		cm, err := ner.Load("conll")
		if err != nil {
			return fail(err)
		}
		ext = append(ext, cm.Gazetteers()...)
	}
	if exts["other"] {
		var other []ner.Document
		for _, l := range ner.Languages() {
			if l == lang {
				continue
			}
			for _, ds := range ner.DatasetsOf(l) {
				tr, _, err := ds.Load(trainFlags.dataML)
				if err != nil {
					return fail(err)
				}
				other = append(other, tr...)
			}
		}
		g := ner.BuildGazetteer(other, ner.TypesOf(other), 6)
		logf("train %s: external gazetteer of the other languages: %d phrases", lang, g.Len())
		ext = append(ext, g)
	}
	var seeds []uint64
	for i := 0; i < trainFlags.seeds; i++ {
		seeds = append(seeds, trainFlags.seed+uint64(i))
	}
	margin, dropout, prune, features, epochs := regularization("")
	m, err := ner.Train(ner.TrainOptions{Seeds: seeds, Affix: affix, External: ext,
		Name: lang, Train: train, Dev: dev, Clusters: cl,
		Bits: trainFlags.bits, Epochs: epochs, MinCount: trainFlags.minCount, Seed: trainFlags.seed, BILOU: trainFlags.bilou, Progress: logf,
		Margin: margin, Dropout: dropout, Features: features, Prune: prune,
	})
	if err != nil {
		return fail(err)
	}
	if err := writeModel(m, out, logf); err != nil {
		return fail(err)
	}
	for _, ds := range sets {
		if len(devs[ds.Name]) == 0 {
			continue
		}
		sc := ner.Evaluate(m, devs[ds.Name], ds.TypeSet())
		fmt.Fprintf(env.stderr, "dev %s (%s):\n", ds.Name, lang)
		sc.Report(env.stderr)
	}
	return exitOK
}
