// Package langid finds the language of a document: the pipeline component
// "lang" (needs text, provides lang). It runs first, before segmentation,
// whose abbreviation and sentence rules depend on the language.
//
// A language declared by the input (the tagged article's language line,
// --lang, a JSON Lines "lang" field, HTML lang attributes) wins: it is only
// normalized to a lowercase ISO 639-1 code. Otherwise the language is
// detected from a prefix of the text (PrefixBytes, 512 bytes by default, cut
// at a rune boundary), so detection costs the same on a long article as on a
// short one. On 1,151 news and corpus documents in eight languages (the
// multilingual evaluation of this package's tests) a 512-byte prefix
// misidentified none, a 256-byte one five, and 1 KB one, at twice the cost.
//
// Detection uses github.com/RadhiFadlillah/whatlanggo (a Go port of franc's
// trigram profiles, 84 languages, maintained fork of abadojack/whatlanggo,
// already a dependency of go-trafilatura), restricted to the languages listed
// by Supported so that short texts are not taken for a related language
// nobody publishes news in. The script decides first: Han text with a share
// of kana is Japanese, Han text without is Chinese, Hangul is Korean; the
// rest is scored against the trigram profiles, after ruling out languages
// whose alphabet (alphabet.txt in the language pack, given for the Cyrillic
// languages, where the profiles confuse Russian, Ukrainian, Bulgarian and
// Serbian) lacks letters the text uses.
//
// Measured against lingua-go v1.4.0 (14 languages loaded) on a 2-core shared
// machine, with 4 KB prefixes of 929 documents and 1,600 single sentences of
// 40–200 bytes (BBC English and the de/fr/es/it/pl/ru/uk development texts
// under ../shared; compare_test.go, build tag langidcompare):
//
//	                   binary   heap after load  per 4 KB   4 KB prefixes  sentences
//	this package       +0.7 MB  0.5 MB           0.45 ms    100.0%         95.8%
//	lingua low acc.    +133 MB  12 MB            3.0 ms     100.0%         98.0%
//	lingua high acc.   +133 MB  15–245 MB (lazy) 3.4 ms     100.0%         99.2%
//
// (binary: a one-call main minus an empty main; lingua embeds the models of
// all its 75 languages whatever is loaded.) Both are right on every article
// prefix (this package also when the prefixes are cut to 512 bytes, 1 KB or
// 2 KB, hence the 512-byte default: detection was a fifth of the whole
// pipeline's time with 2 KB); lingua is better on single sentences, mainly
// Russian vs Bulgarian
// and Ukrainian, but costs 130 MB of binary, ten to hundreds of MB of memory
// and seven times the time. Articles are what this component sees, so
// whatlanggo was chosen. Limiting the candidates to the 14 required languages
// would raise single-sentence accuracy to 96.1%, at the price of
// mislabelling every Swedish, Czech or Greek article.
//
// The trigram scoring itself is done here (profiles.go), not by calling
// whatlanggo's DetectWithOptions, for speed: the library turns the text into
// a map of one string per trigram and then, for each of the ~22 candidates
// of the script, looks up its 300 profile trigrams in that map (some 6,600
// string-keyed look-ups per text); it cost 0.19 ms per 512-byte prefix,
// an eighth of the analysis of a BBC article. profiles.go reads the same
// profiles, generated from the library's source by gen (`go generate`,
// data/profiles.tsv, MIT, data/LICENSE.whatlanggo), inverted: trigram → the
// languages holding it and its rank; it counts the text's trigrams as the
// library's count() does (same lower-casing, same mapping of digits,
// punctuation and symbols to spaces, same skipping of trigrams centred on a
// space next to a space) as three runes packed in a uint64, with no string
// per trigram; each trigram of the text is looked up once in one table (not
// once per language) and adds its weight to the distances of the languages
// holding it, its first occurrence also to their count of matched trigrams;
// then the language and confidence are chosen as the library's
// calculateConfidence does. The
// result is the library's, except on an exact tie of the two best
// distances, which the library breaks by map iteration order (at random)
// and profiles.go by the order of the profiles in the library's source
// (none among the 3,458 texts of the multilingual evaluation). Script
// detection stays whatlanggo's DetectScript (skipped when ASCII letters
// alone make the text Latin, its answer then), as does the language of
// scripts without profiles (Greek, Thai, …). Measured on a 2-core shared
// machine: 5,500 texts/s before and 35,000 after on the evaluation set's
// 512-byte prefixes (BenchmarkDetect); 0.164 ms before and 0.026 ms after
// per BBC article (the "lang" line of `newsgraph bench`), 2.5% of the
// analysis instead of 13%.
//
// The result is "und" (undetermined, ISO 639-2) only when nothing can be
// said: fewer than MinLetters letters, or a script with no supported
// language. Otherwise the best guess is returned even when the margin is
// small, because downstream rules (abbreviations, sentence starters) degrade
// gracefully on a wrong guess between close languages but not on no guess.
package langid

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/RadhiFadlillah/whatlanggo"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/lang"
	"github.com/newsgraph/newsgraph/internal/pipeline"
)

// fileAlphabet is the optional data file of a language pack listing the
// letters of the language's alphabet.
const fileAlphabet = "alphabet.txt"

// ErrBadData means a language data file read by this package is malformed.
var ErrBadData = errors.New("bad language identification data")

// Name is the registry name of the component.
const Name = "lang"

// Undetermined is the code returned when the language cannot be told.
const Undetermined = "und"

// DefaultPrefixBytes is how much of the text is read by default.
const DefaultPrefixBytes = 512

// MinLetters is the least number of letters a text needs for detection.
const MinLetters = 12

// Supported returns the ISO 639-1 codes of the languages the detector
// chooses among for texts in Latin, Cyrillic and Arabic script (other
// scripts name their language directly: Greek, Thai, Hangul, …).
func Supported() []string { return append([]string(nil), languages...) }

var languages = []string{
	"en", "de", "fr", "es", "it", "pt", "nl", "pl", "ru", "uk", "tr", "ar", "zh", "ja",
	"ko", "el", "sv", "da", "nb", "fi", "cs", "sk", "hu", "ro", "bg", "hr", "sr", "sl",
	"ca", "fa", "ur", "he", "hi", "id", "vi",
}

// Config is the configuration of the component.
type Config struct {
	// PrefixBytes is how many bytes of the text are used for detection.
	PrefixBytes int `json:"prefix_bytes"`
}

func init() {
	pipeline.Register(Name, pipeline.Factory{
		NewConfig: func() any { return &Config{PrefixBytes: DefaultPrefixBytes} },
		New: func(c any) (pipeline.Component, error) {
			if err := setup(); err != nil {
				return nil, err
			}
			cfg := c.(*Config)
			if cfg.PrefixBytes <= 0 {
				cfg.PrefixBytes = DefaultPrefixBytes
			}
			return &Detector{prefix: cfg.PrefixBytes}, nil
		},
		Default: true,
	})
}

// Detector is the pipeline component that sets doc.Lang.
type Detector struct {
	prefix int
}

// Name implements pipeline.Component.
func (*Detector) Name() string { return Name }

// Needs implements pipeline.Component.
func (*Detector) Needs() []pipeline.Layer { return []pipeline.Layer{pipeline.Text} }

// Provides implements pipeline.Component.
func (*Detector) Provides() []pipeline.Layer { return []pipeline.Layer{pipeline.Lang} }

// Process implements pipeline.Component: it keeps a declared language
// (normalized) and detects the others. A declared tag that is not an ISO
// 639-1 or 639-3 code, or is "und", counts as not declared.
func (dt *Detector) Process(d *doc.Doc) error {
	if l := Normalize(d.Lang); len(l) == 2 {
		d.Lang = l
		return nil
	}
	d.Lang = Detect(Prefix(d.Text, dt.prefix))
	return nil
}

// Normalize turns a declared language tag ("EN", "en-GB", "de_DE", "deu")
// into a lowercase ISO 639-1 code. A tag it cannot map is returned
// lowercased without its region; "" stays "".
func Normalize(tag string) string {
	tag = strings.TrimSpace(tag)
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	tag = strings.ToLower(tag)
	if len(tag) == 3 {
		if l := whatlanggo.CodeToLang(tag); l >= 0 && l.Iso6391() != "" {
			return l.Iso6391()
		}
	}
	return tag
}

// Prefix returns at most n bytes from the start of text, cut at a rune
// boundary.
func Prefix(text string, n int) string {
	if len(text) <= n {
		return text
	}
	for n > 0 && !utf8.RuneStart(text[n]) {
		n--
	}
	return text[:n]
}

// alphabet is the letter set of a language, from its pack's alphabet.txt.
type alphabet struct {
	lang    whatlanggo.Lang
	script  *unicode.RangeTable
	letters map[rune]bool
}

var (
	setupOnce sync.Once
	setupErr  error
	white     map[whatlanggo.Lang]bool
	iso1      []string // ISO 639-1 code by whatlanggo.Lang
	alphabets []alphabet
)

// setup builds the whitelist of candidate languages and reads the
// alphabets of the language packs that have one.
func setup() error {
	setupOnce.Do(func() {
		if err := loadProfiles(); err != nil {
			setupErr = err
			return
		}
		// Lang.Iso6391 builds a map of all languages on each call.
		for l := range whatlanggo.Langs {
			if int(l) >= len(iso1) {
				iso1 = append(iso1, make([]string, int(l)+1-len(iso1))...)
			}
			iso1[l] = l.Iso6391()
		}
		white = map[whatlanggo.Lang]bool{}
		for _, l := range languages {
			wl := whatlanggo.CodeToLang(iso3[l])
			if wl < 0 {
				continue
			}
			white[wl] = true
			if !lang.Has(l, fileAlphabet) {
				continue
			}
			lines, err := lang.List(l, fileAlphabet)
			if err != nil {
				setupErr = fmt.Errorf("langid: %w", err)
				return
			}
			a := alphabet{lang: wl, letters: map[rune]bool{}}
			for _, line := range lines {
				for _, r := range line {
					if !unicode.IsLetter(r) {
						setupErr = fmt.Errorf("langid: data/%s/%s: %q is not a letter: %w", l, fileAlphabet, r, ErrBadData)
						return
					}
					a.letters[unicode.ToLower(r)] = true
					for _, sc := range scripts {
						if unicode.Is(sc, r) {
							a.script = sc
						}
					}
				}
			}
			if a.script != nil {
				alphabets = append(alphabets, a)
			}
		}
	})
	return setupErr
}

// scripts are the scripts an alphabet file may be written in.
var scripts = []*unicode.RangeTable{unicode.Latin, unicode.Cyrillic, unicode.Greek, unicode.Arabic, unicode.Hebrew}

// candidates returns the whitelist without the languages whose alphabet
// lacks letters of text written in the alphabet's script
// (Ukrainian і ї є rule out Russian; Russian ы э rule out Ukrainian and
// Bulgarian), or the whole whitelist when that would leave nothing.
func candidates(text string, letters int) map[whatlanggo.Lang]bool {
	if len(alphabets) == 0 || isASCII(text) {
		return white // alphabets only rule out letters from 0x80 up
	}
	var out map[whatlanggo.Lang]bool
	limit := max(1, letters/100)
	var buf [8]int
	foreign := buf[:0]
	if len(alphabets) > len(buf) {
		foreign = make([]int, len(alphabets))
	} else {
		foreign = buf[:len(alphabets)]
	}
	// One pass over the text for all alphabets: the script test is shared
	// by consecutive alphabets of one script.
	for _, r := range text {
		if r < 0x80 || !unicode.IsLetter(r) {
			continue
		}
		var script *unicode.RangeTable
		in, lower := false, unicode.ToLower(r)
		for i, a := range alphabets {
			if a.script != script {
				script, in = a.script, unicode.Is(a.script, r)
			}
			if in && !a.letters[lower] {
				foreign[i]++
			}
		}
	}
	for i, a := range alphabets {
		if foreign[i] < limit {
			continue
		}
		if out == nil {
			out = make(map[whatlanggo.Lang]bool, len(white))
			for l := range white {
				out[l] = true
			}
		}
		delete(out, a.lang)
	}
	if out == nil || len(out) == 0 {
		return white
	}
	return out
}

// iso3 maps the codes of Languages to whatlanggo's ISO 639-3 codes.
var iso3 = map[string]string{
	"en": "eng", "de": "deu", "fr": "fra", "es": "spa", "it": "ita", "pt": "por", "nl": "nld",
	"pl": "pol", "ru": "rus", "uk": "ukr", "tr": "tur", "ar": "arb", "zh": "cmn", "ja": "jpn",
	"ko": "kor", "el": "ell", "sv": "swe", "da": "dan", "nb": "nob", "fi": "fin", "cs": "ces",
	"sk": "slk", "hu": "hun", "ro": "ron", "bg": "bul", "hr": "hrv", "sr": "srp", "sl": "slv",
	"ca": "cat", "fa": "pes", "ur": "urd", "he": "heb", "hi": "hin", "id": "ind", "vi": "vie",
}

// Detect returns the ISO 639-1 code of the language of text, or "und".
func Detect(text string) string {
	l, _ := detect(text, identify)
	return l
}

// detect is Detect with the identifier of the language of alphabetic text
// as a parameter (the tests compare identify with whatlanggo's own); it
// also reports whether the identifier met an exact tie.
func detect(text string, id func(string, map[whatlanggo.Lang]bool) (whatlanggo.Lang, bool)) (string, bool) {
	var letters, han, kana, hangul int
	for _, r := range text {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		switch {
		case r < 0x1100:
		case unicode.Is(unicode.Han, r):
			han++
		case unicode.In(r, unicode.Hiragana, unicode.Katakana):
			kana++
		case unicode.Is(unicode.Hangul, r):
			hangul++
		}
	}
	cjk := han + kana
	switch {
	case cjk > 0 && cjk*2 >= letters:
		if cjk >= 4 && kana*10 >= cjk {
			return "ja", false
		}
		if cjk >= 4 {
			return "zh", false
		}
		return Undetermined, false
	case hangul > 0 && hangul*2 >= letters && hangul >= 4:
		return "ko", false
	case letters < MinLetters:
		return Undetermined, false
	}
	if setup() != nil {
		return Undetermined, false
	}
	l, tie := id(text, candidates(text, letters))
	return code(l), tie
}

// identify returns the language among the candidates that whatlanggo's
// DetectWithOptions returns for text, and whether it is an exact tie of two
// candidates (whatlanggo then picks either at random, identify the first
// in the order of its profiles). Texts in a script with trigram profiles
// are scored with the inverted profiles of profiles.go; other scripts name
// their language and are left to whatlanggo.
func identify(text string, white map[whatlanggo.Lang]bool) (whatlanggo.Lang, bool) {
	script := detectScript(text)
	if ps := profileSets[script]; ps != nil {
		l, _, tie := ps.score(text, white)
		return l, tie
	}
	return whatlanggo.DetectWithOptions(text, whatlanggo.Options{Whitelist: white}).Lang, false
}

// detectScript returns whatlanggo.DetectScript(text). DetectScript counts
// the runes of each script and returns the first script whose count exceeds
// half the text's length in bytes; when ASCII letters alone exceed that,
// no other script can get there first (each of its runes takes two bytes or
// more), so the answer is Latin without asking.
func detectScript(text string) *unicode.RangeTable {
	latin := 0
	for i := 0; i < len(text); i++ {
		if c := text[i] | 0x20; 'a' <= c && c <= 'z' {
			latin++
		}
	}
	if latin > len(text)/2 {
		return unicode.Latin
	}
	return whatlanggo.DetectScript(text)
}

// isASCII reports whether text is all ASCII.
func isASCII(text string) bool {
	for i := 0; i < len(text); i++ {
		if text[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// code returns the ISO 639-1 code of a whatlanggo language, or "und".
func code(l whatlanggo.Lang) string {
	if l < 0 || int(l) >= len(iso1) {
		return Undetermined
	}
	code := iso1[l]
	switch code {
	case "":
		return Undetermined
	case "no":
		return "nb"
	}
	return code
}
