// Package langid finds the language of a document: the pipeline component
// "lang" (needs text, provides lang). It runs first, before segmentation,
// whose abbreviation and sentence rules depend on the language.
//
// A language declared by the input (the tagged article's language line,
// --lang, a JSON Lines "lang" field, HTML lang attributes) wins: it is only
// normalized to a lowercase ISO 639-1 code. Otherwise the language is
// detected from a prefix of the text (PrefixBytes, 4 KB by default, cut at a
// rune boundary), so detection costs the same on a long article as on a short
// one.
//
// Detection uses github.com/RadhiFadlillah/whatlanggo (a Go port of franc's
// trigram profiles: 84 languages, 400 KB of source, no data files), restricted
// to the languages listed in Languages so that short texts are not mistaken
// for a related language nobody publishes news in. The script decides first:
// Han text with a share of kana is Japanese, Han text without is Chinese,
// Hangul is Korean, Greek is Greek; Latin, Cyrillic and Arabic texts are
// scored against the trigram profiles. lingua-go was measured as the
// alternative (see the README of this package's benchmark, langid_test.go):
// it is more accurate on single short sentences but embeds 124 MB of models
// into every binary whatever languages are loaded and needs tens of MB of
// memory; on news prefixes of a few hundred bytes or more both are right.
//
// The result is "und" (undetermined, ISO 639-2) only when nothing can be
// said: fewer than MinLetters letters, or a script with no supported
// language. Otherwise the best guess is returned even when the margin is
// small, because downstream rules (abbreviations, sentence starters) degrade
// gracefully on a wrong guess between close languages but not on no guess.
package langid

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/RadhiFadlillah/whatlanggo"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/pipeline"
)

// Name is the registry name of the component.
const Name = "lang"

// Undetermined is the code returned when the language cannot be told.
const Undetermined = "und"

// DefaultPrefixBytes is how much of the text is read by default.
const DefaultPrefixBytes = 4096

// MinLetters is the least number of letters a text needs for detection.
const MinLetters = 12

// Languages are the ISO 639-1 codes the detector chooses among.
var Languages = []string{
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
// (normalized) and detects the others.
func (dt *Detector) Process(d *doc.Doc) error {
	if l := Normalize(d.Lang); l != "" {
		d.Lang = l
		return nil
	}
	d.Lang = Detect(Prefix(d.Text, dt.prefix))
	return nil
}

// Normalize turns a declared language tag ("EN", "en-GB", "de_DE") into a
// lowercase ISO 639-1 code; it returns "" for an empty tag.
func Normalize(tag string) string {
	tag = strings.TrimSpace(tag)
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return strings.ToLower(tag)
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

var (
	whiteOnce sync.Once
	white     map[whatlanggo.Lang]bool
)

func whitelist() map[whatlanggo.Lang]bool {
	whiteOnce.Do(func() {
		white = map[whatlanggo.Lang]bool{}
		for _, l := range Languages {
			if wl := whatlanggo.CodeToLang(iso3[l]); wl >= 0 {
				white[wl] = true
			}
		}
	})
	return white
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
			return "ja"
		}
		if cjk >= 4 {
			return "zh"
		}
		return Undetermined
	case hangul > 0 && hangul*2 >= letters && hangul >= 4:
		return "ko"
	case letters < MinLetters:
		return Undetermined
	}
	info := whatlanggo.DetectWithOptions(text, whatlanggo.Options{Whitelist: whitelist()})
	if info.Lang < 0 {
		return Undetermined
	}
	code := info.Lang.Iso6391()
	switch code {
	case "":
		return Undetermined
	case "no":
		return "nb"
	}
	return code
}
