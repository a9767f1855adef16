// Package ner finds and types names in text: the entity recognizer of the
// newsgraph pipeline (component "ner": needs tokens and sentences, provides
// the raw mentions layer that the entity, date and amount components build
// on).
//
// The tagger is an averaged structured perceptron (Collins 2002) with
// first-order Viterbi decoding over BILOU tags (begin, inside, last, unit,
// outside; output as IOB2), written here because no maintained pure-Go
// sequence tagger exists (jdkato/prose's model is small, old and fixed). Its
// features follow Ratinov & Roth (2009): word and lowercase forms, prefixes
// and suffixes, word shape, capitalization in context (sentence start,
// all-caps and title-case lines, headlines), a ±2 word window, the previous
// tag, gazetteers of training entity strings (built out-of-fold for the
// training set itself, plus the other corpus's entity list), word clusters
// learned by the project from unlabeled news text (package ner/cluster), how
// a word is written in that text, the first and last word and length of the
// capitalized run a token belongs to (the head of "... Bridge", "... Act"
// informs every token of the name), and document-level evidence: how the same
// word is written in ordinary prose elsewhere in the document, the contexts
// of its other occurrences, and the types predicted for it earlier.
//
// The ontonotes model adds four optional templates (recorded by name in the
// model file, FeatureNames): "initial-only" (a capitalized word that opens
// sentence after sentence but never stands capitalized inside one is an
// interjection or discourse word, not a name), "run-edges" (the words
// beside a run of capitalized words see its head word, so that "the" before
// "... Journal" can join the name), "genre" (the bias, word, shape and
// capitalization also paired with the document's genre, Daumé III 2007:
// OntoNotes mixes newswire, broadcast, magazine, web and telephone text
// whose annotation conventions differ; the pipeline reads news and uses the
// newswire genre, Document.Genre) and "few-contexts" (pool the neighbours of
// four other occurrences, not eight). It is trained with cost-augmented
// decoding — the gold tags must win by a margin per wrong tag, a structured
// hinge loss in perceptron form — and feature dropout, which both
// regularize the perceptron, and its smallest weights are pruned
// (TrainOptions.Margin, Dropout, Prune).
//
// Features are hashed into 2^Bits weight rows (Weinberger et al. 2009); the
// weights of five training runs (different document orders) are averaged,
// quantized to 8-bit mantissas with a power-of-two scale per row, and stored
// with only their non-zero rows. A row is one contiguous run of bytes, so a
// feature costs one or two cache lines when tagging. The rows of a token are
// summed eight tags at a time by a small AVX2 kernel on amd64 (emit_amd64.s,
// with a Go fallback and the purego build tag; the Go compiler does not
// vectorize), which makes the ontonotes model tag about 1.6 times as fast.
//
// Two English models are embedded (models/*.bin, each with a .sha256 file
// checked at load): "ontonotes" (18 OntoNotes 5 types; the pipeline's
// default) and "conll" (CoNLL-2003 PER LOC ORG MISC). They are trained by
// "newsgraph train ner" from the OntoNotes 5.0 and CoNLL-2003 corpora, which
// are licensed for research use only: the repository holds no text of them,
// only the learned weights and hashed (not readable) gazetteer entries.
//
// One model per further language (models/de.bin, fr, es, ru, uk, it, pl) is
// trained by "newsgraph train ner --lang" from the corpora under
// ../shared/data-ml (datasets.go: readers, train/dev splits and the tables
// mapping each tag set onto document/1 types: PERSON, ORG, LOC, and NORP,
// EVENT, PRODUCT where a corpus marks them). Offset-based corpora are
// tokenized by package segment, as the pipeline tokenizes at run time. These
// models use prefixes and suffixes of up to five characters (code points),
// which carry the case endings of ru, uk, pl and de names. The component
// picks the model by the document's language (ModelFor): English and
// unknown-language documents get the configured English model, the seven
// languages their own, and any other language no mentions.
package ner

import "errors"

// Errors returned by this package.
var (
	// ErrFormat means a corpus or model file is malformed.
	ErrFormat = errors.New("malformed input")
	// ErrClusters means a model was trained with another cluster table.
	ErrClusters = errors.New("model does not match the cluster table")
	// ErrNoModel means the named model is not embedded.
	ErrNoModel = errors.New("no such model")
	// ErrHash means an embedded model does not match its recorded hash.
	ErrHash = errors.New("model file does not match its recorded SHA-256")
)
