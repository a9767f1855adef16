package ner

import (
	"fmt"
	"strings"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/pipeline"
)

// Config is the configuration of the "ner" component.
type Config struct {
	// Model names the embedded model for English (and for documents of
	// unknown language): "ontonotes" (default) or "conll".
	Model string `json:"model"`
}

func init() {
	pipeline.Register("ner", pipeline.Factory{
		NewConfig: func() any { return &Config{Model: "ontonotes"} },
		New: func(c any) (pipeline.Component, error) {
			cfg := c.(*Config)
			if _, ok := loaded[cfg.Model]; !ok {
				return nil, fmt.Errorf("ner: model %q: %w", cfg.Model, ErrNoModel)
			}
			return &Component{model: cfg.Model}, nil
		},
		Default: true,
	})
}

// Component is the pipeline stage that tags the tokens of each sentence and
// fills Doc.Mentions with every typed span the model finds (all its types,
// including OntoNotes' DATE, MONEY and other value types). The model is
// chosen by the document's language (see ModelFor) and loaded on the first
// document that needs it.
type Component struct {
	model string
}

// ModelFor names the model that tags a document of language lang (an ISO
// 639-1 code, as doc.Lang): english, the configured English model, for "en"
// and for documents of unknown language (""); the language's own model
// where one is embedded ("de", "fr", "es", "ru", "uk", "it", "pl"); and ""
// — no mentions — for any other language. The English ontonotes model on
// the dev sets of other Latin-script languages (PER, ORG and LOC scored)
// reaches only precision 0.52 / F1 0.49 on Spanish and Italian, 0.40 / 0.43
// on French, 0.35 / 0.32 on Polish and 0.13 / 0.19 on German (capitalized
// nouns): for the entity layer no mentions are better than that many wrong
// ones.
func ModelFor(lang, english string) string {
	lang = strings.ToLower(strings.TrimSpace(lang))
	switch {
	case lang == "" || lang == "en":
		return english
	case lang != "ontonotes" && lang != "conll" && HasModel(lang):
		return lang
	}
	return ""
}

// Name implements pipeline.Component.
func (c *Component) Name() string { return "ner" }

// Needs implements pipeline.Component.
func (c *Component) Needs() []pipeline.Layer {
	return []pipeline.Layer{pipeline.Tokens, pipeline.Sentences}
}

// Provides implements pipeline.Component.
func (c *Component) Provides() []pipeline.Layer { return []pipeline.Layer{pipeline.Mentions} }

// Process implements pipeline.Component.
func (c *Component) Process(d *doc.Doc) error {
	name := ModelFor(d.Lang, c.model)
	if name == "" {
		d.Mentions = nil
		return nil
	}
	m, err := Load(name)
	if err != nil {
		return err
	}
	d.Mentions = m.Mentions(d)
	return nil
}

// Mentions tags the sentences of d (its Tokens and Sentences layers) and
// returns the typed spans found, in text order. Sentences inside the title
// are tagged as headlines.
func (m *Model) Mentions(d *doc.Doc) []doc.Mention {
	nd := Document{Sents: make([]Sentence, 0, len(d.Sentences)), Genre: NewsGenre}
	for _, s := range d.Sentences {
		if s.EndTok <= s.First || s.First < 0 || s.EndTok > len(d.Tokens) {
			continue
		}
		words := make([]string, s.EndTok-s.First)
		for i := range words {
			words[i] = d.TokenText(s.First + i)
		}
		title := d.TitleSpan.Len() > 0 && d.TitleSpan.Contains(s.Span)
		nd.Sents = append(nd.Sents, Sentence{Words: words, Title: title})
	}
	m.TagDocument(&nd)
	var out []doc.Mention
	k := 0
	for _, s := range d.Sentences {
		if s.EndTok <= s.First || s.First < 0 || s.EndTok > len(d.Tokens) {
			continue
		}
		for _, sp := range Spans(nd.Sents[k].Tags) {
			a, b := s.First+sp.Start, s.First+sp.End
			out = append(out, doc.Mention{
				Span: doc.Span{Start: d.Tokens[a].Start, End: d.Tokens[b-1].End},
				Type: sp.Type, Tok: a, EndTok: b,
			})
		}
		k++
	}
	return out
}
