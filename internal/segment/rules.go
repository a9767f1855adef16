package segment

import (
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/newsgraph/newsgraph/internal/lang"
)

// Data files of a language pack read by this package (under
// internal/lang/data/<iso>/). Every file is optional; a language without any
// of them is segmented by the language-neutral rules.
const (
	fileAbbreviations = "abbreviations.txt"     // ABBR[<TAB>title|number|end|other]
	fileStarters      = "sentence_starters.txt" // one word a line
	fileClitics       = "clitics.txt"           // 's, n't, … split from the word before
	fileElisions      = "elisions.txt"          // l', qu', … split with their apostrophe
	fileSettings      = "segment.txt"           // KEY<TAB>VALUE settings
)

// Errors about language data.
var (
	// ErrBadData means a language data file has an entry this package cannot use.
	ErrBadData = errors.New("bad segmentation data")
)

// abbrKind says how an abbreviation's period behaves.
type abbrKind uint8

const (
	abbrOther  abbrKind = iota // period kept; ends a sentence before a sentence starter
	abbrTitle                  // period kept; never ends a sentence
	abbrNumber                 // an abbreviation only before a number
	abbrEnd                    // period kept; ends a sentence before any capitalized word ("usw.", "т. д.", "zł.")
)

// multiAbbr is a multi-part abbreviation ("z. B.") after its first part.
type multiAbbr struct {
	parts []string // the remaining parts, each with its period
	kind  abbrKind
}

// Rules is the segmentation knowledge of one language: abbreviations,
// sentence starters, clitics and elisions read from its language pack. The
// zero-data Rules (Neutral) is the language-neutral rule set.
type Rules struct {
	lang     string
	abbr     map[string]abbrKind
	multi    map[string][]multiAbbr // first part ("z.") -> entries starting with it
	starters map[string]bool
	clitics  []string // lowercase, without the apostrophe: "s", "re", …
	nt       bool     // split "n't"
	elisions []string // lowercase, without the apostrophe: "l", "qu", …
	ordinal  bool     // "3. Oktober": a short number keeps its period before a word
}

// Lang returns the ISO 639-1 code of the language pack the rules come from,
// or "" for the language-neutral rules.
func (r *Rules) Lang() string { return r.lang }

var (
	rulesOnce sync.Once
	rulesAll  map[string]*Rules
	rulesErr  error
	neutral   = &Rules{}
)

// loadAll reads the segmentation data of every language pack once.
func loadAll() (map[string]*Rules, error) {
	rulesOnce.Do(func() {
		rulesAll = map[string]*Rules{}
		var errs []error
		for _, iso := range lang.Languages() {
			r, err := load(iso)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			if r != nil {
				rulesAll[iso] = r
			}
		}
		rulesErr = errors.Join(errs...)
	})
	return rulesAll, rulesErr
}

// For returns the rules of a language (an ISO 639-1 code, case-insensitive;
// a region suffix such as "en-GB" is ignored). Languages without a pack, ""
// and "und" get the language-neutral rules. The error reports malformed
// language data; the rules returned with it are still usable.
func For(iso string) (*Rules, error) {
	all, err := loadAll()
	iso = strings.ToLower(iso)
	if i := strings.IndexAny(iso, "-_"); i >= 0 {
		iso = iso[:i]
	}
	if r, ok := all[iso]; ok {
		return r, err
	}
	return neutral, err
}

// Neutral returns the language-neutral rules: no abbreviation list, no
// clitics; initials and dotted initialisms ("U.N.") keep their period but
// never end a sentence.
func Neutral() *Rules { return neutral }

// load reads the segmentation files of one language pack; it returns nil
// when the pack has none of them.
func load(iso string) (*Rules, error) {
	r := &Rules{lang: iso}
	found := false
	if lang.Has(iso, fileAbbreviations) {
		found = true
		ents, err := lang.Table(iso, fileAbbreviations)
		if err != nil {
			return nil, fmt.Errorf("segment: %w", err)
		}
		r.abbr = make(map[string]abbrKind, len(ents))
		r.multi = map[string][]multiAbbr{}
		for _, e := range ents {
			k := abbrOther
			if len(e.Fields) > 1 {
				switch e.Fields[1] {
				case "", "other":
				case "title":
					k = abbrTitle
				case "number":
					k = abbrNumber
				case "end":
					k = abbrEnd
				default:
					return nil, fmt.Errorf("segment: %w: %w", e.Errorf("unknown kind %q (want other, title, number or end)", e.Fields[1]), ErrBadData)
				}
			}
			if len(e.Fields) > 2 {
				return nil, fmt.Errorf("segment: %w: %w", e.Errorf("too many fields"), ErrBadData)
			}
			parts := strings.Fields(e.Fields[0])
			for _, p := range parts {
				if len(p) < 2 || !strings.HasSuffix(p, ".") || strings.HasPrefix(p, ".") {
					return nil, fmt.Errorf("segment: %w: %w", e.Errorf("abbreviation part %q must be a word ending in a period", p), ErrBadData)
				}
			}
			if len(parts) > 1 {
				r.multi[parts[0]] = append(r.multi[parts[0]], multiAbbr{parts: parts[1:], kind: k})
				// written without spaces ("z.B.", "m.in.") it is one token
				r.abbr[strings.Join(parts, "")] = k
				continue
			}
			if _, dup := r.abbr[parts[0]]; dup {
				return nil, fmt.Errorf("segment: %w: %w", e.Errorf("duplicate abbreviation %q", parts[0]), ErrBadData)
			}
			r.abbr[parts[0]] = k
		}
	}
	if lang.Has(iso, fileStarters) {
		found = true
		s, err := lang.Set(iso, fileStarters)
		if err != nil {
			return nil, fmt.Errorf("segment: %w", err)
		}
		r.starters = s
	}
	if lang.Has(iso, fileClitics) {
		found = true
		ents, err := lang.Table(iso, fileClitics)
		if err != nil {
			return nil, fmt.Errorf("segment: %w", err)
		}
		for _, e := range ents {
			c := strings.ToLower(e.Fields[0])
			switch {
			case c == "n't":
				r.nt = true
			case strings.HasPrefix(c, "'") && len(c) > 1 && isASCIILetters(c[1:]):
				r.clitics = append(r.clitics, c[1:])
			default:
				return nil, fmt.Errorf("segment: %w: %w", e.Errorf("clitic %q must be n't or an apostrophe and ASCII letters", e.Fields[0]), ErrBadData)
			}
		}
	}
	if lang.Has(iso, fileElisions) {
		found = true
		ents, err := lang.Table(iso, fileElisions)
		if err != nil {
			return nil, fmt.Errorf("segment: %w", err)
		}
		for _, e := range ents {
			w := strings.ToLower(strings.ReplaceAll(e.Fields[0], "’", "'"))
			if !strings.HasSuffix(w, "'") || len(w) < 2 {
				return nil, fmt.Errorf("segment: %w: %w", e.Errorf("elision %q must end with an apostrophe", e.Fields[0]), ErrBadData)
			}
			r.elisions = append(r.elisions, w[:len(w)-1])
		}
	}
	if lang.Has(iso, fileSettings) {
		found = true
		ents, err := lang.Table(iso, fileSettings)
		if err != nil {
			return nil, fmt.Errorf("segment: %w", err)
		}
		for _, e := range ents {
			if len(e.Fields) != 2 {
				return nil, fmt.Errorf("segment: %w: %w", e.Errorf("want KEY<TAB>VALUE"), ErrBadData)
			}
			on := e.Fields[1] == "yes"
			if !on && e.Fields[1] != "no" {
				return nil, fmt.Errorf("segment: %w: %w", e.Errorf("value %q: want yes or no", e.Fields[1]), ErrBadData)
			}
			switch e.Fields[0] {
			case "ordinal-period":
				r.ordinal = on
			default:
				return nil, fmt.Errorf("segment: %w: %w", e.Errorf("unknown setting %q", e.Fields[0]), ErrBadData)
			}
		}
	}
	if !found {
		return nil, nil
	}
	return r, nil
}

func isASCIILetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if ascii[s[i]]&(cLower|cUpper) == 0 {
			return false
		}
	}
	return s != ""
}

// isClitic reports whether the ASCII letters suf (the part after an
// apostrophe) are one of the language's clitics, ignoring case.
func (r *Rules) isClitic(suf string) bool {
	for _, c := range r.clitics {
		if len(c) == len(suf) && strings.EqualFold(c, suf) {
			return true
		}
	}
	return false
}

// isElision reports whether w (a word before an apostrophe) is elided.
func (r *Rules) isElision(w string) bool {
	for _, e := range r.elisions {
		if len(w) <= 2*len(e)+2 && strings.EqualFold(e, w) {
			return true
		}
	}
	return false
}
