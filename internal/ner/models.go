package ner

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strings"
	"sync"

	"github.com/newsgraph/newsgraph/internal/ner/cluster"
)

//go:embed models
var modelFS embed.FS

// ModelNames lists the embedded models: the English "ontonotes" and "conll",
// then one model per language named by its ISO 639-1 code ("de", "ru", …),
// trained by "newsgraph train ner --lang".
var ModelNames = embeddedNames()

type lazyModel struct {
	once sync.Once
	m    *Model
	err  error
}

var loaded = func() map[string]*lazyModel {
	m := map[string]*lazyModel{}
	for _, n := range ModelNames {
		m[n] = &lazyModel{}
	}
	return m
}()

// embeddedNames lists the models under models/: the English ones first.
func embeddedNames() []string {
	names := []string{"ontonotes", "conll"}
	ents, _ := fs.ReadDir(modelFS, "models")
	var langs []string
	for _, e := range ents {
		n, ok := strings.CutSuffix(e.Name(), ".bin")
		if ok && n != "ontonotes" && n != "conll" {
			langs = append(langs, n)
		}
	}
	sort.Strings(langs)
	return append(names, langs...)
}

// HasModel reports whether a model of that name (or language code) is
// embedded.
func HasModel(name string) bool { _, ok := loaded[name]; return ok }

// Load returns the embedded model of that name ("ontonotes", "conll" or a
// language code such as "de"), decoding it on first use and checking it
// against its recorded SHA-256.
func Load(name string) (*Model, error) {
	lm, ok := loaded[name]
	if !ok {
		return nil, fmt.Errorf("model %q: %w (have %s)", name, ErrNoModel, strings.Join(ModelNames, ", "))
	}
	lm.once.Do(func() { lm.m, lm.err = loadEmbedded(name) })
	return lm.m, lm.err
}

func loadEmbedded(name string) (*Model, error) {
	raw, err := fs.ReadFile(modelFS, "models/"+name+".bin")
	if err != nil {
		return nil, fmt.Errorf("model %q: %w", name, ErrNoModel)
	}
	want, err := fs.ReadFile(modelFS, "models/"+name+".bin.sha256")
	if err != nil {
		return nil, fmt.Errorf("model %q: no recorded hash: %w", name, ErrHash)
	}
	sum := sha256.Sum256(raw)
	if hex.EncodeToString(sum[:]) != strings.TrimSpace(string(want)) {
		return nil, fmt.Errorf("model %q: %w", name, ErrHash)
	}
	cl, err := clustersFor(name, raw)
	if err != nil {
		return nil, err
	}
	m, err := readBytes(raw, name, cl)
	if err != nil {
		return nil, err
	}
	return m, nil
}

// clustersFor returns the cluster table a model file was trained with: none,
// the language's own table (models named by a language code) or the
// English table.
func clustersFor(name string, raw []byte) (*cluster.Table, error) {
	h, err := readHeader(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("model %q: %w", name, ErrFormat)
	}
	if h.ClusterHash == "" {
		return nil, nil
	}
	if t, err := cluster.ForLang(name); err == nil && t.Hash == h.ClusterHash {
		return t, nil
	}
	return cluster.Default()
}

// ReadModel reads a model file written by Write, with the cluster table it
// was trained with: none, the embedded table of language lang, or the
// English table.
func ReadModel(r io.Reader, lang string) (*Model, error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("model %s: %w", lang, err)
	}
	cl, err := clustersFor(lang, raw)
	if err != nil {
		return nil, err
	}
	return readBytes(raw, lang, cl)
}
