package quote

import (
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/lang"
)

// Data files of a language pack read by this package.
const (
	fileMarks       = "quote_marks.txt"       // open <TAB> close <TAB> family
	fileVerbs       = "speech_verbs.txt"      // lemma forms… [+clause]
	fileAttribution = "attribution_words.txt" // words between speaker and verb
	filePersonNouns = "person_nouns.txt"      // unnamed speakers
	fileAccording   = "attribution_phrases.txt"
	fileProxies     = "speaker_proxies.txt"      // nouns through which their possessor speaks
	fileNoSpeaker   = "speaker_nonheads.txt"     // words that cannot head an unnamed speaker
	fileFirstPerson = "speaker_first_person.txt" // first-person subject pronouns
	fileSpeakerNoun = "speaker_nouns.txt"        // other heads of unnamed speakers
)

// Lexicon is the quotation knowledge of one language.
type Lexicon struct {
	// Marks is the table of quotation marks.
	Marks *Marks
	// Cues maps a lowercase verb form to its cue; multi-word cues are keyed
	// by their first word.
	Cues map[string][]cue
	// Skip holds adverbs and auxiliaries that may stand between a speaker
	// and the verb.
	Skip map[string]bool
	// PersonNouns are heads of unnamed speakers ("a spokesman").
	PersonNouns map[string]bool
	// Proxies are nouns through which an organisation or person speaks
	// ("Clinton's campaign", "a Downing Street spokesman").
	Proxies map[string]bool
	// NoSpeaker holds words that cannot head an unnamed speaker phrase
	// (pronouns left unresolved, demonstratives).
	NoSpeaker map[string]bool
	// SpeakerNouns holds other nouns that may head an unnamed speaker
	// (groups, bodies and texts: "the statement", "the crowd").
	SpeakerNouns map[string]bool
	// FirstPerson holds first-person subject pronouns: the writer speaks.
	FirstPerson map[string]bool
	// According holds source phrases ("according to") as word lists.
	According [][]string
}

// cue is one form of a reporting verb.
type cue struct {
	words  []string // lowercase words of the form
	clause bool     // introduces reported speech without quote marks
	base   bool     // the lemma or an -ing form: not finite, no reported speech
}

var (
	lexMu    sync.Mutex
	lexCache = map[string]*Lexicon{}
)

// LoadLexicon reads (once) the quotation knowledge of language iso. A
// language without quote_marks.txt uses the English table, which holds the
// marks of most European conventions.
func LoadLexicon(iso string) (*Lexicon, error) {
	lexMu.Lock()
	defer lexMu.Unlock()
	if l, ok := lexCache[iso]; ok {
		return l, nil
	}
	l := &Lexicon{Marks: &Marks{}, Cues: map[string][]cue{}, Skip: map[string]bool{}, PersonNouns: map[string]bool{}, Proxies: map[string]bool{},
		NoSpeaker: map[string]bool{}, FirstPerson: map[string]bool{}, SpeakerNouns: map[string]bool{}}
	markLang := iso
	if !lang.Has(iso, fileMarks) {
		markLang = "en"
	}
	if lang.Has(markLang, fileMarks) {
		ents, err := lang.Table(markLang, fileMarks)
		if err != nil {
			return nil, fmt.Errorf("quote: %w", err)
		}
		for _, e := range ents {
			if len(e.Fields) < 3 {
				return nil, fmt.Errorf("quote: %w", e.Errorf("want open <TAB> close <TAB> family"))
			}
			o, on := utf8.DecodeRuneInString(e.Fields[0])
			c, cn := utf8.DecodeRuneInString(e.Fields[1])
			if on != len(e.Fields[0]) || cn != len(e.Fields[1]) || (e.Fields[2] != Double && e.Fields[2] != Single) {
				return nil, fmt.Errorf("quote: %w", e.Errorf("want one-character marks and family double or single"))
			}
			l.Marks.AddPair(o, c, e.Fields[2])
		}
	}
	if lang.Has(iso, fileVerbs) {
		lines, err := lang.List(iso, fileVerbs)
		if err != nil {
			return nil, fmt.Errorf("quote: %w", err)
		}
		for _, line := range lines {
			fs := strings.Fields(line)
			clause := false
			if n := len(fs); n > 0 && fs[n-1] == "+clause" {
				clause = true
				fs = fs[:n-1]
			}
			for i, f := range fs {
				ws := strings.Split(strings.ToLower(f), "_")
				base := i == 0 || strings.HasSuffix(ws[0], "ing")
				l.Cues[ws[0]] = append(l.Cues[ws[0]], cue{words: ws, clause: clause, base: base})
			}
		}
	}
	for name, m := range map[string]map[string]bool{fileAttribution: l.Skip, filePersonNouns: l.PersonNouns, fileProxies: l.Proxies,
		fileNoSpeaker: l.NoSpeaker, fileFirstPerson: l.FirstPerson, fileSpeakerNoun: l.SpeakerNouns} {
		if !lang.Has(iso, name) {
			continue
		}
		ents, err := lang.Table(iso, name)
		if err != nil {
			return nil, fmt.Errorf("quote: %w", err)
		}
		for _, e := range ents {
			m[strings.ToLower(e.Fields[0])] = true
		}
	}
	if lang.Has(iso, fileAccording) {
		lines, err := lang.List(iso, fileAccording)
		if err != nil {
			return nil, fmt.Errorf("quote: %w", err)
		}
		for _, line := range lines {
			l.According = append(l.According, strings.Fields(strings.ToLower(line)))
		}
	}
	lexCache[iso] = l
	return l, nil
}
