// Package amount finds money amounts and other quantities in a document and
// gives them numeric values: the pipeline component "amount", which
// provides the amounts layer (doc.Doc.Amounts) from the text.
//
// An amount is a number with a unit: money with a currency sign, code or
// word ("$500 billion", "£3tn", "US$1.2bn", "half a billion dollars",
// "2m hryvnias", "₽100"), a percentage ("35%", "3 per cent"), a count of
// people ("40,000 troops", "14 Liberal MPs"), or a measure ("20km", "5
// tonnes"). Values are plain numbers with the magnitude applied ("1.2bn"
// is 1.2e9); money units are ISO 4217 codes. Ranges keep both ends ("$3-5
// billion": value 3e9, max 5e9), approximation words are kept as the
// qualifier ("about", "more than", "up to"), per-unit amounts note their
// unit ("£5 an hour": per "hour"), and magnitude words without a number
// ("hundreds of thousands of people") give an amount with no value and the
// phrase as its qualifier. A bare number with no unit is not an amount.
//
// All forms are data under internal/lang/data/<iso>/: currencies.txt,
// units.txt, perunits.txt, qualifiers.txt, range_words.txt,
// vaguecounts.txt, the number words of numbers.txt and the digit
// conventions of number_format.txt (both read by package timex/scan, which
// also cuts the text into the tokens matched here). English data (which
// holds the currency signs and codes every language shares) is always
// loaded; a document's own language adds its words on top and sets how its
// digits read: German, French, Spanish, Italian, Polish, Russian and
// Ukrainian write a decimal comma and group thousands with a point or a
// (no-break) space ("2,5 milliards d'euros", "3.000 Euro", "1 000 000 zł",
// "500 Mrd. Dollar", "1,5 млрд рублей", "понад 40 тисяч осіб"). Currency
// words are listed in each inflected form, with the preposition some
// languages put before them ("de dollars", "di euro"). One English habit is
// in code: a count with a magnitude may name what it counts with any plural
// noun ending in "s" ("5m copies").
//
// Why by hand: no Go library finds amounts in running text with their
// spans; the currency and unit tables are small and belong in the language
// data, so a token pattern over them is simpler than a general parser.
package amount

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/lang"
	"github.com/newsgraph/newsgraph/internal/pipeline"
	"github.com/newsgraph/newsgraph/internal/timex/scan"
)

// Config configures the amount component.
type Config struct {
	// Lang is the language used when the document's language has no
	// amount data (default "en").
	Lang string `json:"lang"`
}

func init() {
	pipeline.Register("amount", pipeline.Factory{
		NewConfig: func() any { return &Config{Lang: "en"} },
		New: func(c any) (pipeline.Component, error) {
			cfg, _ := c.(*Config)
			if cfg == nil {
				cfg = &Config{Lang: "en"}
			}
			return New(*cfg)
		},
		Default: true,
	})
}

// currency is one row of currencies.txt.
type currency struct {
	code   string
	where  string // before, after, both, joined
	factor float64
}

// unit is one row of units.txt.
type unit struct {
	name, class string
}

// lexicon is the amount knowledge of one language.
type lexicon struct {
	nums       *scan.Numbers
	currencies scan.Phrases[currency]
	units      scan.Phrases[unit]
	per        scan.Phrases[string]
	qualifiers scan.Phrases[string]
	vague      scan.Phrases[string]
	// rangeWords join the ends of a range: "to" ("3 to 5 per cent") or,
	// after a range qualifier, "and" ("between 3 and 5")
	rangeWords map[string]string
	// starts holds the words an amount may begin with; other words are
	// skipped at once
	starts map[string]bool
	// startWords passes the keys of starts (most words are none)
	startWords scan.Filter
}

// Tagger finds amounts. It is safe for concurrent use.
type Tagger struct {
	cfg Config
	mu  sync.Mutex
	// lexs holds the lexicons by the language code asked for; a code
	// without data maps to the fallback language's lexicon.
	lexs map[string]*lexicon
}

// maxLexs bounds how many language codes a tagger remembers (codes come
// from the input).
const maxLexs = 64

// New returns a tagger; it loads the fallback language's data at once.
func New(cfg Config) (*Tagger, error) {
	if cfg.Lang == "" {
		cfg.Lang = "en"
	}
	t := &Tagger{cfg: cfg, lexs: map[string]*lexicon{}}
	if _, err := t.lexicon(cfg.Lang); err != nil {
		return nil, fmt.Errorf("amount: %w", err)
	}
	return t, nil
}

// lexicon returns the amount knowledge for a language: the configured
// language's data (currency signs and codes are shared by all) plus the
// language's own, when it has any, loaded once.
func (t *Tagger) lexicon(iso string) (*lexicon, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if lx, ok := t.lexs[iso]; ok {
		// the language asked for before, or the one it fell back to
		return lx, nil
	}
	asked := iso
	if iso == "" || !lang.Has(iso, "currencies.txt") {
		iso = t.cfg.Lang
	}
	if lx, ok := t.lexs[iso]; ok {
		if len(t.lexs) < maxLexs {
			t.lexs[asked] = lx
		}
		return lx, nil
	}
	isos := []string{t.cfg.Lang}
	if iso != t.cfg.Lang {
		isos = append(isos, iso)
	}
	lx, err := load(isos...)
	if err != nil {
		return nil, err
	}
	t.lexs[iso] = lx
	if len(t.lexs) < maxLexs {
		t.lexs[asked] = lx
	}
	return lx, nil
}

var wheres = map[string]bool{"before": true, "after": true, "both": true, "joined": true}

// load reads the amount data of the languages isos into one lexicon.
func load(isos ...string) (*lexicon, error) {
	lx := &lexicon{rangeWords: map[string]string{}}
	var err error
	if lx.nums, err = scan.LoadNumbers(isos...); err != nil {
		return nil, err
	}
	for _, iso := range isos {
		if err := lx.add(iso); err != nil {
			return nil, err
		}
	}
	lx.starts = map[string]bool{}
	for _, ws := range [][]string{lx.currencies.Firsts(), lx.qualifiers.Firsts(), lx.vague.Firsts(), lx.nums.Words()} {
		for _, w := range ws {
			lx.starts[w] = true
			lx.startWords.Add(w)
		}
	}
	return lx, nil
}

// add reads the amount data files of one language.
func (lx *lexicon) add(iso string) error {
	if !lang.Has(iso, "currencies.txt") {
		return fmt.Errorf("lang: data/%s/currencies.txt: %w", iso, lang.ErrNoFile)
	}
	ents, err := lang.Table(iso, "currencies.txt")
	if err != nil {
		return err
	}
	for _, e := range ents {
		if len(e.Fields) < 3 || len(e.Fields) > 4 {
			return e.Errorf("want form, code, where and an optional factor")
		}
		c := currency{code: e.Fields[1], where: e.Fields[2], factor: 1}
		if len(c.code) != 3 || strings.ToUpper(c.code) != c.code {
			return e.Errorf("want an ISO 4217 code, got %q", c.code)
		}
		if !wheres[c.where] {
			return e.Errorf("unknown position %q", c.where)
		}
		if len(e.Fields) == 4 {
			var err error
			if c.factor, err = strconv.ParseFloat(e.Fields[3], 64); err != nil {
				return e.Errorf("bad factor %q", e.Fields[3])
			}
		}
		lx.currencies.Add(strings.ToLower(e.Fields[0]), c)
	}
	if err := table(iso, "units.txt", 3, func(e lang.Entry) error {
		switch e.Fields[2] {
		case "percent", "people", "measure", "adj":
		default:
			return e.Errorf("unknown class %q", e.Fields[2])
		}
		lx.units.Add(strings.ToLower(e.Fields[0]), unit{e.Fields[1], e.Fields[2]})
		return nil
	}); err != nil {
		return err
	}
	if err := table(iso, "perunits.txt", 2, func(e lang.Entry) error {
		lx.per.Add(strings.ToLower(e.Fields[0]), e.Fields[1])
		return nil
	}); err != nil {
		return err
	}
	if err := table(iso, "qualifiers.txt", 2, func(e lang.Entry) error {
		lx.qualifiers.Add(strings.ToLower(e.Fields[0]), e.Fields[1])
		return nil
	}); err != nil {
		return err
	}
	if err := table(iso, "range_words.txt", 2, func(e lang.Entry) error {
		if e.Fields[1] != "to" && e.Fields[1] != "and" {
			return e.Errorf("want to or and, got %q", e.Fields[1])
		}
		lx.rangeWords[strings.ToLower(e.Fields[0])] = e.Fields[1]
		return nil
	}); err != nil {
		return err
	}
	if err := table(iso, "vaguecounts.txt", 1, func(e lang.Entry) error {
		lx.vague.Add(strings.ToLower(e.Fields[0]), e.Fields[0])
		return nil
	}); err != nil {
		return err
	}
	return nil
}

// table reads a data file whose rows have n fields; a missing file is empty.
func table(iso, name string, n int, f func(lang.Entry) error) error {
	if !lang.Has(iso, name) {
		return nil
	}
	ents, err := lang.Table(iso, name)
	if err != nil {
		return err
	}
	for _, e := range ents {
		if len(e.Fields) != n {
			return e.Errorf("want %d field(s), got %d", n, len(e.Fields))
		}
		if err := f(e); err != nil {
			return err
		}
	}
	return nil
}

// Name implements pipeline.Component.
func (t *Tagger) Name() string { return "amount" }

// Needs implements pipeline.Component.
func (t *Tagger) Needs() []pipeline.Layer {
	return []pipeline.Layer{pipeline.Tokens, pipeline.Sentences}
}

// Provides implements pipeline.Component.
func (t *Tagger) Provides() []pipeline.Layer { return []pipeline.Layer{pipeline.Amounts} }

// Process adds the amounts layer to d.
func (t *Tagger) Process(d *doc.Doc) error {
	as, err := t.Tag(d.Text, d.Lang)
	if err != nil {
		return err
	}
	d.Amounts = as
	return nil
}

// Tag finds the amounts of text in language iso.
func (t *Tagger) Tag(text, iso string) ([]doc.Amount, error) {
	lx, err := t.lexicon(iso)
	if err != nil {
		return nil, fmt.Errorf("amount: %w", err)
	}
	toks := scan.Shared(text)
	defer scan.Release(toks)
	var out []doc.Amount
	for i := 0; i < len(toks); {
		// an amount opens with a number or one of the start words (the
		// first tokens of qualifiers, vague counts, currencies and number
		// words): other tokens, words or marks, are skipped at once
		if toks[i].Kind != scan.Number && (!lx.startWords.May(toks[i].Lower) || !lx.starts[toks[i].Lower]) {
			i++
			continue
		}
		a, end, ok := lx.amount(toks, i)
		if !ok {
			i++
			continue
		}
		a.Span = doc.Span{Start: toks[i].Start, End: toks[end-1].End}
		out = append(out, a)
		i = end
	}
	return out, nil
}
