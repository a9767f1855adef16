// Package segment splits a document's text into tokens and sentences with
// byte offsets: the pipeline component "segment" (needs text and lang,
// provides tokens and sentences). It runs right after language detection;
// the entity recognizer, quotes, events, dates and amounts all read its
// layers.
//
// Tokens follow the Penn Treebank / OntoNotes conventions the entity
// recognizer was trained on: punctuation, quote marks, currency symbols
// (with their country: "US$", "HK$") and "%" are tokens of their own; clitics are split ("John" "'s", "do" "n't");
// hyphenated compounds ("anti-Japanese"), numbers ("1,500", "2.5",
// "9/27/2024", "10:30"), abbreviations with their period ("U.S.", "Mr."),
// URLs, e-mail addresses, @handles and #hashtags stay whole; "..." and "--"
// are single tokens. Han, Hiragana and Katakana characters are one token each
// (no dictionary segmentation).
//
// Sentences never cross a paragraph (doc.Paragraphs), so the title and the
// caption are sentences of their own. Inside a paragraph a sentence ends at
// ".", "!", "?", "…" or "..." (with any closing quotes and brackets written
// right after it: `he said "no." Then` ends after the quote) when the next
// token can start a sentence: not a lowercase word and not punctuation such
// as "," or ")". The period of an abbreviation or of an initial is part of
// its token; it ends the sentence only when the next word is one of the
// language's common sentence starters ("in the U.S. The ..." splits, "U.S.
// Army" and "George W. Bush" do not). A list of starters was chosen over a
// frequency rule (Punkt's "is the next word seen lowercase elsewhere?")
// because it behaves the same on a one-paragraph document as on a long one
// and is plain data a reviewer can read; its cost is that an abbreviation at
// the end of a sentence followed by a name ("... the U.S. Congress said")
// never splits. Such a period also ends the sentence before a quotation
// that opens with a capital ('... Acme Corp. "We ...'). Titles ("Mr.",
// "Gen.") never end a sentence; abbreviations that close a list or an
// amount ("usw.", "etc.", "т. д.", "zł.", "грн.") end it before any
// capitalized word, as a full stop does. In German a short
// number's period before a word is an ordinal ("13. Februar").
// Spanish "¿" and "¡" open a sentence like a quote mark. A closing quote mark after the final punctuation belongs
// to the sentence even after a space (French « … ! »): straight quotes are
// paired by count, curly quotes and guillemets by their opening mark in
// either the English or the German convention. A line break
// inside a paragraph ends a sentence before a list bullet, or after a short
// line (a heading) that does not end in ",", ";", ":" or a dash when the next
// line starts like a sentence; long lines are taken for hard-wrapped text.
//
// The knowledge of each language lives in its pack under
// internal/lang/data/<iso>/: abbreviations.txt, sentence_starters.txt,
// clitics.txt, elisions.txt and segment.txt (see those files for the
// formats); a language is added by adding data files (packs exist for en,
// de, fr, es, it, pl, ru and uk). Languages without a pack use
// language-neutral rules. Accented Latin and Cyrillic letters are read
// without table lookups, so Russian and Ukrainian text segments at about
// the words per second of English (BenchmarkSegmentLang).
//
// Measured on the newswire part of the OntoNotes 5 development set (279
// documents, each detokenized into one paragraph; ontonotes_test.go),
// sentence boundaries have precision 0.995 and recall 0.964 (most misses are
// headlines and "LABEL:" lines that only paragraph breaks could separate),
// and 99.8% of tokens match the gold tokens. BenchmarkSegment runs at about
// 150 MB/s, 30 million tokens/s, on one core of the 2-core test machine over
// the 2,225 BBC articles.
//
// The tokenizer is written by hand because no Go library gives Penn
// Treebank tokens with offsets at this speed: it scans bytes with an ASCII
// class table, decodes runes only outside ASCII, uses no regular
// expressions, and allocates the token slice once per document.
package segment

import (
	"sync"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/pipeline"
)

// Name is the registry name of the component.
const Name = "segment"

func init() {
	pipeline.Register(Name, pipeline.Factory{
		New: func(any) (pipeline.Component, error) {
			if _, err := loadAll(); err != nil {
				return nil, err
			}
			return Segmenter{}, nil
		},
		Default: true,
	})
}

// Segmenter is the pipeline component that fills doc.Tokens and
// doc.Sentences.
type Segmenter struct{}

// Name implements pipeline.Component.
func (Segmenter) Name() string { return Name }

// Needs implements pipeline.Component.
func (Segmenter) Needs() []pipeline.Layer { return []pipeline.Layer{pipeline.Text, pipeline.Lang} }

// Provides implements pipeline.Component.
func (Segmenter) Provides() []pipeline.Layer {
	return []pipeline.Layer{pipeline.Tokens, pipeline.Sentences}
}

// Process implements pipeline.Component: it replaces d.Tokens and
// d.Sentences with the segmentation of d.Text by the rules of d.Lang.
func (Segmenter) Process(d *doc.Doc) error {
	r, err := For(d.Lang)
	if err != nil {
		return err
	}
	paras := d.Paragraphs
	if len(paras) == 0 && d.Text != "" {
		paras = []doc.Span{{Start: 0, End: len(d.Text)}}
	}
	d.Tokens, d.Sentences = r.segment(d.Text, paras)
	return nil
}

var flagPool = sync.Pool{New: func() any { b := make([]uint8, 0, 4096); return &b }}

// segment tokenizes each paragraph of text and splits it into sentences.
func (r *Rules) segment(text string, paras []doc.Span) ([]doc.Token, []doc.Sentence) {
	fp := flagPool.Get().(*[]uint8)
	t := tokenizer{r: r, text: text, toks: make([]doc.Token, 0, len(text)/5+16), fl: (*fp)[:0]}
	sents := make([]doc.Sentence, 0, len(text)/120+len(paras)+1)
	for pi, p := range paras {
		first := len(t.toks)
		t.attachUpTo = 0
		t.run(p.Start, p.End)
		sents = r.split(text, t.toks, t.fl, first, len(t.toks), p.Start, pi, sents)
	}
	*fp = t.fl[:0]
	if cap(*fp) <= 1<<20 {
		flagPool.Put(fp)
	}
	return t.toks, sents
}

// Segment splits a text outside a document: paragraphs at blank lines (as
// doc.New makes them), then tokens and sentences by the rules of lang (an
// ISO 639-1 code; "" for the language-neutral rules). Sentence.Para counts
// the paragraphs of text.
func Segment(text, lang string) ([]doc.Token, []doc.Sentence) {
	r, _ := For(lang)
	return r.segment(text, Paragraphs(text))
}

// Tokenize returns the tokens of text by the English rules, treating the
// whole text as one paragraph. It is meant for single sentences or
// lines, such as the input of the entity recognizer's tag command.
func Tokenize(text string) []doc.Token {
	r, _ := For("en")
	return r.Tokenize(text)
}

// Tokenize returns the tokens of text by these rules.
func (r *Rules) Tokenize(text string) []doc.Token {
	t := tokenizer{r: r, text: text, toks: make([]doc.Token, 0, len(text)/5+4)}
	t.run(0, len(text))
	return t.toks
}

// Paragraphs splits text at blank lines, trimming white space around each
// paragraph, the way doc.New builds doc.Paragraphs.
func Paragraphs(text string) []doc.Span {
	var ps []doc.Span
	start := 0
	for start <= len(text) {
		end := len(text)
		next := -1
		for i := start; i+1 < len(text); i++ {
			if text[i] == '\n' {
				j := i + 1
				for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
					j++
				}
				if j < len(text) && text[j] == '\n' {
					end, next = i, j+1
					break
				}
			}
		}
		s, e := start, end
		for s < e && ascii[text[s]]&cSpace != 0 {
			s++
		}
		for e > s && ascii[text[e-1]]&cSpace != 0 {
			e--
		}
		if e > s {
			ps = append(ps, doc.Span{Start: s, End: e})
		}
		if next < 0 {
			break
		}
		start = next
	}
	return ps
}
