package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"

	"github.com/newsgraph/newsgraph/internal/ner"
)

// tagFlags holds the flags of tag.
var tagFlags struct {
	model     string
	modelFile string
	format    string
	score     bool
	genre     string
}

func init() {
	register(&command{
		name:  "tag",
		args:  "--model ontonotes|conll|de|fr|es|ru|uk|it|pl --format conll [--score] < FILE",
		short: "tag CoNLL-style tokens with the entity recognizer",
		long: `Reads CoNLL-style input on stdin (the token in the first column, a blank
line between sentences; lines starting with -DOCSTART-, #begin document or
#end document mark documents and pass through unchanged) and prints each token
line as "TOKEN TAG" with an IOB2 tag, keeping blank and document lines, so that
conlleval can score the output. Documents are tagged as units: a name
recognized once informs its other occurrences.

--format uner reads Universal NER files (index, token, tag columns).
--score compares the predictions with the gold tags of the input (last
column, or the third for uner) and prints span-level precision, recall and F1
to stderr; uner gold types are compared after mapping the model's types to
PER/ORG/LOC. --model-file tags with a model file instead of an embedded model (--model
then names its language, for its cluster table).
--model de (fr, es, ru, uk, it, pl) tags with that language's model, whose
types are PERSON, ORG, LOC and, where its corpora mark them, NORP, EVENT and
PRODUCT.
The ontonotes model also weighs its features by the document's genre: an
OntoNotes document id such as "#begin document (nw/wsj/00/wsj_0001)" gives
it (bc, bn, mz, nw, tc, wb); --genre sets it for documents whose id names
none (the extract pipeline uses nw, newswire). Without a genre only the
shared weights count.`,
		setup: func(fs *flag.FlagSet) {
			fs.StringVar(&tagFlags.model, "model", "ontonotes", "embedded model: ontonotes, conll or a language code (de, fr, es, ru, uk, it, pl)")
			fs.StringVar(&tagFlags.modelFile, "model-file", "", "model file to use instead of an embedded model")
			fs.StringVar(&tagFlags.format, "format", "conll", "input format: conll or uner")
			fs.BoolVar(&tagFlags.score, "score", false, "score against the input's gold tags (stderr)")
			fs.StringVar(&tagFlags.genre, "genre", "", "genre of documents whose OntoNotes id names none: bc, bn, mz, nw, tc or wb (default none)")
		},
		run: runTag,
	})
}

func runTag(env *cmdEnv, args []string) int {
	if len(args) > 0 {
		return usageError(env, "tag", "reads stdin; unexpected argument %q", args[0])
	}
	var f ner.Format
	switch tagFlags.format {
	case "conll":
		f = ner.FormatCoNLL
		if !tagFlags.score {
			f = ner.FormatTokens
		}
	case "uner":
		f = ner.FormatUNER
	default:
		return usageError(env, "tag", "unknown --format %q (want conll or uner)", tagFlags.format)
	}
	switch tagFlags.genre {
	case "", "bc", "bn", "mz", "nw", "tc", "wb":
	default:
		return usageError(env, "tag", "unknown --genre %q (want bc, bn, mz, nw, tc or wb)", tagFlags.genre)
	}
	var m *ner.Model
	var err error
	if tagFlags.modelFile != "" {
		var fh *os.File
		if fh, err = os.Open(tagFlags.modelFile); err == nil {
			m, err = ner.ReadModel(bufio.NewReader(fh), tagFlags.model)
			fh.Close()
		}
	} else {
		m, err = ner.Load(tagFlags.model)
	}
	if err != nil {
		fmt.Fprintf(env.stderr, "newsgraph tag: %v\n", err)
		return exitFailed
	}
	docs, lines, err := ner.ReadLines(env.stdin, "stdin", f)
	if err != nil {
		fmt.Fprintf(env.stderr, "newsgraph tag: %v\n", err)
		return exitFailed
	}
	var gold [][][]string
	if tagFlags.score {
		for _, d := range docs {
			var g [][]string
			for _, s := range d.Sents {
				g = append(g, s.Tags)
			}
			gold = append(gold, g)
		}
	}
	for i := range docs {
		if docs[i].Genre == "" {
			docs[i].Genre = tagFlags.genre
		}
		m.TagDocument(&docs[i])
	}
	w := bufio.NewWriterSize(env.stdout, 1<<16)
	for _, l := range lines {
		if l.Tok < 0 {
			w.WriteString(l.Text)
			w.WriteByte('\n')
			continue
		}
		s := docs[l.Doc].Sents[l.Sent]
		w.WriteString(s.Words[l.Tok])
		w.WriteByte(' ')
		w.WriteString(s.Tags[l.Tok])
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintf(env.stderr, "newsgraph tag: %v\n", err)
		return exitFailed
	}
	if tagFlags.score {
		sc := ner.NewScore()
		var mapType func(string) string
		if tagFlags.format == "uner" {
			mapType = ner.UNERType
		}
		for i, d := range docs {
			for j, s := range d.Sents {
				sc.Add(gold[i][j], s.Tags, mapType)
			}
		}
		sc.Report(env.stderr)
	}
	return exitOK
}
