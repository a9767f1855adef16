// Package timex finds temporal expressions in a document and normalizes
// them to ISO 8601 values: the pipeline component "timex", which provides
// the dates layer (doc.Doc.Dates) from the text, the sentences and the
// publication date. It runs after segmentation, beside package amount.
//
// What it reads: absolute dates in the common news styles ("Sept. 27,
// 2024", "27 September 2024", "2024-09-27", "9/27/2024"; slash dates are
// read day first when the first number cannot be a month, when another
// slash date of the same text shows that order, or when Config.DayFirst is
// set), years, year ranges ("2007-2013", "2003-04"), decades and
// centuries, quarters and halves ("Q3 2024", "the third quarter",
// "third-quarter", "this year's first half"), fiscal years, seasons, named
// days ("Christmas", "Easter Monday"), times of day joined to their date
// ("at 10 a.m. on Friday"), and relative expressions resolved against the
// publication date ("yesterday", "on Tuesday", "last week", "two days
// ago", "earlier this year", "this weekend", "tonight"). "A year earlier"
// and "the year-ago quarter" count from the date last mentioned.
//
// Weekday and month names without a year are resolved by the tense of their
// clause: the tense marker (tense.txt: auxiliaries, irregular past forms,
// the "-ed" ending, "set to"-like phrases) nearest before the expression
// in its sentence, else after it, decides, so "said on Tuesday" is the
// Tuesday before publication and "will meet on Tuesday" the one after;
// with no marker the past is assumed, as news mostly looks back. Months,
// days and seasons without a year take the year that puts them nearest the
// publication date unless the tense clearly says otherwise, or the year
// written out earlier in the same sentence (any earlier sentence when the
// document has no publication date). Without a publication date,
// expressions that need it keep their span and get an empty value.
//
// Values follow document.md where it speaks and TimeML (TIMEX3) where it is
// silent: a day 2025-02-12, a month 2024-08, a year 2019, a week 2025-W07,
// an interval 2025-02-14/2025-02-16, a time 2025-02-14T10:00, a part of a
// day 2025-02-14TNI (MO, AF, EV, NI), a weekend 2025-W07-WE, a quarter
// 2024-Q3, a half year 2024-H1, a season 2024-SU (SP, SU, FA, WI), a decade
// 199 ("the 1990s"), a century 19 ("the 20th century"), a fiscal year as
// its year ("fiscal 2025" is 2025, as in TimeBank), and the vague
// references PRESENT_REF ("now"), PAST_REF ("recently") and FUTURE_REF
// ("the future"), which are kept only with Config.VagueRefs. Modifiers go
// to doc.Date.Mod with TimeML's names: "mid-2023" is 2023 with MID, "the
// early 1990s" 199 with START, "late 2003" 2003 with END, "pre-2014" 2014
// with BEFORE. Durations ("for two weeks", "three-year-long") are not
// dates and are left out.
//
// All language knowledge is data under internal/lang/data/<iso>/:
// months.txt and weekdays.txt (English, German, French, Spanish, Italian,
// Polish, Russian and Ukrainian, with every case form a date takes:
// "февраля", "лютого", "lutego", "в прошлую пятницу", "минулої п'ятниці"),
// numbers.txt, timewords.txt (phrases and word classes), tense.txt (the
// tense markers and endings of each language: "wird", "va", "будет",
// "-тиме", "-ł"), holidays.txt (English) and date_format.txt (whether month
// names are capitalized, whether slash dates are day first, whether a
// final "s" makes a plural). The patterns themselves are shared; the data
// adds the word orders other languages use: shift words after their unit or
// weekday ("la semaine dernière", "mardi dernier", "el martes pasado", "la
// semana que viene", kind postshift), counts after their "ago" word ("vor
// zwei Tagen", "il y a deux jours", "hace dos días", kind before), day
// ranges with a word ("14. bis 16. März", "с 14 по 16 февраля"), dotted
// day-first dates ("13.02.2025") and elided articles split off their word
// ("l'année dernière", from elisions.txt). A language with only month and
// weekday names gets absolute dates. Package timex/scan cuts the text into
// the tokens the patterns match.
//
// Measured with `newsgraph eval --timeml` on TempEval-3's TimeBank and
// AQUAINT (training data, used for tuning): see package eval.
//
// Why by hand: go-dateparser (in go.mod through go-trafilatura) parses a
// string that is already known to be a date, but does not find expressions
// in running text with their spans, does not keep the granularity TimeML
// values need (a month is not a day), and resolves weekdays without regard
// to tense. The rules here follow HeidelTime's approach (Strötgen & Gertz:
// patterns plus news-style resolution against the document date), reduced
// to what news needs.
package timex

import (
	"fmt"
	"sync"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/lang"
	"github.com/newsgraph/newsgraph/internal/pipeline"
)

// Config configures the timex component.
type Config struct {
	// DayFirst reads ambiguous slash dates day first ("04/05/2024" is
	// 4 May), as British and most non-US sources write them.
	DayFirst bool `json:"day_first"`
	// Lang is the language used when the document's language has no date
	// data (default "en").
	Lang string `json:"lang"`
	// VagueRefs keeps TimeML's vague references ("now" PRESENT_REF,
	// "recently" PAST_REF, "the future" FUTURE_REF). They are not ISO 8601
	// values, so the dates layer leaves them out unless asked; the TimeML
	// evaluation asks.
	VagueRefs bool `json:"vague_refs"`
}

func init() {
	pipeline.Register("timex", pipeline.Factory{
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

// Tagger finds and normalizes temporal expressions. It is safe for
// concurrent use.
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

// New returns a tagger; it loads the fallback language's data at once so
// that bad data fails early.
func New(cfg Config) (*Tagger, error) {
	if cfg.Lang == "" {
		cfg.Lang = "en"
	}
	t := &Tagger{cfg: cfg, lexs: map[string]*lexicon{}}
	if _, err := t.lexicon(cfg.Lang); err != nil {
		return nil, fmt.Errorf("timex: %w", err)
	}
	return t, nil
}

// lexicon returns the lexicon of a language, loading it once; languages
// without month names fall back to the configured language.
func (t *Tagger) lexicon(iso string) (*lexicon, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if lx, ok := t.lexs[iso]; ok {
		// the language asked for before, or the one it fell back to
		return lx, nil
	}
	asked := iso
	if iso == "" || !lang.Has(iso, "months.txt") {
		iso = t.cfg.Lang
	}
	if lx, ok := t.lexs[iso]; ok {
		if len(t.lexs) < maxLexs {
			t.lexs[asked] = lx
		}
		return lx, nil
	}
	lx, err := loadLexicon(iso)
	if err != nil {
		return nil, err
	}
	t.lexs[iso] = lx
	if len(t.lexs) < maxLexs {
		t.lexs[asked] = lx
	}
	return lx, nil
}

// Name implements pipeline.Component.
func (t *Tagger) Name() string { return "timex" }

// Needs implements pipeline.Component.
func (t *Tagger) Needs() []pipeline.Layer {
	return []pipeline.Layer{pipeline.Tokens, pipeline.Sentences}
}

// Provides implements pipeline.Component.
func (t *Tagger) Provides() []pipeline.Layer { return []pipeline.Layer{pipeline.Dates} }

// Process adds the dates layer to d.
func (t *Tagger) Process(d *doc.Doc) error {
	sents := make([]doc.Span, len(d.Sentences))
	for i, s := range d.Sentences {
		sents[i] = s.Span
	}
	ds, err := t.Tag(d.Text, d.Lang, d.Published, sents)
	if err != nil {
		return err
	}
	d.Dates = ds
	return nil
}

// Tag finds the temporal expressions of text in language iso, resolving
// relative ones against published (an ISO 8601 date or date-time, or "").
// sents are sentence spans used to find the tense of each expression's
// clause; when nil, sentences are found from punctuation.
func (t *Tagger) Tag(text, iso, published string, sents []doc.Span) ([]doc.Date, error) {
	lx, err := t.lexicon(iso)
	if err != nil {
		return nil, fmt.Errorf("timex: %w", err)
	}
	r := newRun(t, lx, text, published, sents)
	out := r.tag()
	r.release()
	return out, nil
}
