package ner

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/internal/ner/cluster"
)

// Corpus describes where a labelled corpus lives under the data directory
// (../shared/data) and how to read it.
type Corpus struct {
	Name       string // "ontonotes", "conll", "uner"
	Train, Dev string // paths relative to the data directory ("" if none)
	Format     Format // how to read the files
	// Genre is the OntoNotes genre of the corpus's text, given to documents
	// whose id names none ("wb": the English Web Treebank is web text).
	Genre string
}

// Corpora are the labelled corpora the trainer knows.
var Corpora = map[string]Corpus{
	"ontonotes": {Name: "ontonotes", Train: "ontonotes5/v12-train.ner.bio", Dev: "ontonotes5/v12-development.ner.bio", Format: FormatCoNLL},
	"conll":     {Name: "conll", Train: "conll2003/with_docstart/train.txt", Dev: "conll2003/with_docstart/dev.txt", Format: FormatCoNLL},
	"uner":      {Name: "uner", Dev: "uner-english-ewt/en_ewt-ud-dev.iob2", Format: FormatUNER, Genre: "wb"},
}

// Load reads the training and dev documents of a corpus.
func (c Corpus) Load(dataDir string) (train, dev []Document, err error) {
	if c.Train != "" {
		if train, err = ReadFile(filepath.Join(dataDir, c.Train), c.Format); err != nil {
			return nil, nil, err
		}
	}
	if c.Dev != "" {
		if dev, err = ReadFile(filepath.Join(dataDir, c.Dev), c.Format); err != nil {
			return nil, nil, err
		}
	}
	c.SetGenre(train)
	c.SetGenre(dev)
	return train, dev, nil
}

// SetGenre gives the corpus's genre to the documents that have none.
func (c Corpus) SetGenre(docs []Document) {
	for i := range docs {
		if docs[i].Genre == "" {
			docs[i].Genre = c.Genre
		}
	}
}

// ClusterText gathers the unlabeled text the word clusters are learned from:
// the BBC News articles, the PolNeAR article texts and the words of the
// OntoNotes and CoNLL training sets (never their dev sets). It returns one
// token sequence per line or sentence.
func ClusterText(dataDir string) ([][]string, error) {
	var seqs [][]string
	addRaw := func(root string) error {
		var files []string
		err := filepath.WalkDir(filepath.Join(dataDir, root), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && strings.HasSuffix(p, ".txt") && !strings.EqualFold(d.Name(), "README.TXT") {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("cluster text %s: %w", root, err)
		}
		sort.Strings(files)
		for _, f := range files {
			fh, err := os.Open(f)
			if err != nil {
				return err
			}
			sc := bufio.NewScanner(fh)
			sc.Buffer(make([]byte, 1<<16), 1<<22)
			for sc.Scan() {
				if t := cluster.Tokenize(sc.Text()); len(t) > 0 {
					seqs = append(seqs, t)
				}
			}
			fh.Close()
			if err := sc.Err(); err != nil {
				return fmt.Errorf("%s: %w", f, err)
			}
		}
		return nil
	}
	for _, root := range []string{"news-bbc/bbc", "polnear/data/train/text", "polnear/data/dev/text"} {
		if err := addRaw(root); err != nil {
			return nil, err
		}
	}
	for _, c := range []string{"ontonotes", "conll"} {
		docs, err := ReadFile(filepath.Join(dataDir, Corpora[c].Train), FormatTokens)
		if err != nil {
			return nil, err
		}
		for _, d := range docs {
			for _, s := range d.Sents {
				t := make([]string, len(s.Words))
				for i, w := range s.Words {
					t[i] = cluster.Norm(w)
				}
				seqs = append(seqs, t)
			}
		}
	}
	return seqs, nil
}
