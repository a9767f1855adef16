package ner

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"strings"
	"sync"

	"github.com/newsgraph/newsgraph/internal/ner/cluster"
)

//go:embed models
var modelFS embed.FS

// ModelNames lists the embedded models.
var ModelNames = []string{"ontonotes", "conll"}

type lazyModel struct {
	once sync.Once
	m    *Model
	err  error
}

var loaded = map[string]*lazyModel{"ontonotes": {}, "conll": {}}

// Load returns the embedded model of that name ("ontonotes" or "conll"),
// decoding it on first use and checking it against its recorded SHA-256.
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
	cl, err := cluster.Default()
	if err != nil {
		return nil, err
	}
	m, err := Read(bytes.NewReader(raw), name, cl)
	if err != nil {
		return nil, err
	}
	m.w = nil // tagging uses the packed form only; an embedded model is never rewritten
	return m, nil
}
