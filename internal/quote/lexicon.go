package quote

import (
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/lang"
	"github.com/newsgraph/newsgraph/internal/timex/scan"
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
	fileRules       = "quote_rules.txt"          // key <TAB> values: how the language reports speech
	filePronouns    = "speaker_pronouns.txt"     // pronoun <TAB> gender <TAB> subj|poss
	fileBylines     = "quote_bylines.txt"        // dashes before a speaker's name after a quote
)

// Lexicon is the quotation knowledge of one language.
type Lexicon struct {
	// Marks is the table of quotation marks.
	Marks *Marks
	// Cues maps a lowercase verb form to its cue; multi-word cues are keyed
	// by their first word.
	Cues map[string][]cue
	// cueWords passes the keys of Cues (see scan.Filter), set by
	// LoadLexicon: most tokens are no cue and skip the look-up.
	cueWords scan.Filter
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
	// According holds source phrases ("according to") as word lists; a
	// "_" word stands for a possessive speaker pronoun ("по его словам").
	According [][]string
	// Bylines holds the dashes that put a speaker's name after a closed
	// quotation ("“…” — A. Writer"); empty when the language has no
	// quote_bylines.txt.
	Bylines map[string]bool

	// The fields below come from quote_rules.txt and speaker_pronouns.txt;
	// English has neither and keeps its own rules.

	// Rules is set when the language has quote_rules.txt: its reported
	// speech is read by the rules below rather than the English ones.
	Rules bool
	// Dashes open direct speech at a paragraph start ("— …, — сказал он").
	Dashes []rune
	// (nested_marks in quote_rules.txt sets Marks.nest.)

	// Inversion: the speaker may follow the verb anywhere in its clause.
	Inversion bool
	// ProDrop: a finite cue may have no subject; the speaker is the person
	// named before it.
	ProDrop bool
	// Complementizers open reported speech after a cue ("dass", "что").
	Complementizers map[string]bool
	// CommaClause: reported speech may open right after a comma.
	CommaClause bool
	// Articles may open a speaker phrase after the cue ("der Kanzler").
	Articles map[string]bool
	// Definite holds the definite articles: a definite description after a
	// cue ("sagte der Ufo-Chef") stands for a person named before.
	Definite map[string]bool
	// Relatives open a relative clause after a name ("Papa Benedetto XVI,
	// che … ha detto").
	Relatives map[string]bool
	// Conjunctions join a cue to the clause before it ("… e avverte che"):
	// the speaker is that clause's subject.
	Conjunctions map[string]bool
	// Subordinators open a clause after a quote that is no attribution
	// ("«…», mentre X dice").
	Subordinators map[string]bool
	// InvertedSubjects are pronoun endings attached to a verb ("-t-il").
	InvertedSubjects []string
	// AccordingReported: "according to X, …" without marks is reported speech.
	AccordingReported bool
	// Pronouns maps a speaker pronoun to its gender ('m', 'f', 'p');
	// Possessive marks the possessive ones.
	Pronouns   map[string]byte
	Possessive map[string]bool
}

// cue is one form of a reporting verb.
type cue struct {
	words  []string // lowercase words of the form
	clause bool     // introduces reported speech without quote marks
	base   bool     // the lemma or an -ing form: not finite, no reported speech
	after  bool     // a cue only right after the speech ("„…“, so Merz")
	text   bool     // a cue only after a text or group noun ("the letter reads")
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
		NoSpeaker: map[string]bool{}, FirstPerson: map[string]bool{}, SpeakerNouns: map[string]bool{}, Bylines: map[string]bool{}}
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
			clause, after, text := false, false, false
			for n := len(fs); n > 0 && strings.HasPrefix(fs[n-1], "+"); n = len(fs) {
				switch fs[n-1] {
				case "+clause":
					clause = true
				case "+after":
					after = true
				case "+text":
					text = true
				}
				fs = fs[:n-1]
			}
			for i, f := range fs {
				ws := strings.Split(strings.ToLower(f), "_")
				base := i == 0 || strings.HasSuffix(ws[0], "ing")
				l.Cues[ws[0]] = append(l.Cues[ws[0]], cue{words: ws, clause: clause, base: base, after: after, text: text})
			}
		}
	}
	for name, m := range map[string]map[string]bool{fileAttribution: l.Skip, filePersonNouns: l.PersonNouns, fileProxies: l.Proxies,
		fileNoSpeaker: l.NoSpeaker, fileFirstPerson: l.FirstPerson, fileSpeakerNoun: l.SpeakerNouns, fileBylines: l.Bylines} {
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
	if err := l.loadRules(iso); err != nil {
		return nil, err
	}
	l.Marks.dashes = l.Dashes
	l.Marks.author = l.opensAttribution
	for w := range l.Cues {
		l.cueWords.Add(w)
	}
	lexCache[iso] = l
	return l, nil
}

// loadRules reads quote_rules.txt and speaker_pronouns.txt of language iso.
func (l *Lexicon) loadRules(iso string) error {
	l.Complementizers, l.Articles = map[string]bool{}, map[string]bool{}
	l.Conjunctions, l.Subordinators = map[string]bool{}, map[string]bool{}
	l.Definite, l.Relatives = map[string]bool{}, map[string]bool{}
	l.Pronouns, l.Possessive = map[string]byte{}, map[string]bool{}
	if lang.Has(iso, fileRules) {
		l.Rules = true
		ents, err := lang.Table(iso, fileRules)
		if err != nil {
			return fmt.Errorf("quote: %w", err)
		}
		for _, e := range ents {
			if len(e.Fields) < 2 {
				return fmt.Errorf("quote: %w", e.Errorf("want key <TAB> values"))
			}
			vals := strings.Fields(strings.ToLower(e.Fields[1]))
			yes := len(vals) == 1 && vals[0] == "yes"
			switch e.Fields[0] {
			case "dash_speech":
				for _, v := range vals {
					r, n := utf8.DecodeRuneInString(v)
					if n != len(v) {
						return fmt.Errorf("quote: %w", e.Errorf("dash %q is not one character", v))
					}
					l.Dashes = append(l.Dashes, r)
				}
			case "inversion":
				l.Inversion = yes
			case "nested_marks":
				l.Marks.nest = yes
			case "prodrop":
				l.ProDrop = yes
			case "comma_clause":
				l.CommaClause = yes
			case "according_reported":
				l.AccordingReported = yes
			case "complementizers":
				addAll(l.Complementizers, vals)
			case "articles":
				addAll(l.Articles, vals)
			case "definite_articles":
				addAll(l.Definite, vals)
				addAll(l.Articles, vals)
			case "relatives":
				addAll(l.Relatives, vals)
			case "conjunctions":
				addAll(l.Conjunctions, vals)
			case "subordinators":
				addAll(l.Subordinators, vals)
			case "inverted_subjects":
				l.InvertedSubjects = append(l.InvertedSubjects, vals...)
			default:
				return fmt.Errorf("quote: %w", e.Errorf("unknown key %q", e.Fields[0]))
			}
		}
	}
	if lang.Has(iso, filePronouns) {
		ents, err := lang.Table(iso, filePronouns)
		if err != nil {
			return fmt.Errorf("quote: %w", err)
		}
		for _, e := range ents {
			if len(e.Fields) < 3 || len(e.Fields[1]) != 1 || !strings.Contains("mfp", e.Fields[1]) {
				return fmt.Errorf("quote: %w", e.Errorf("want pronoun <TAB> m|f|p <TAB> subj|poss"))
			}
			w := strings.ToLower(e.Fields[0])
			l.Pronouns[w] = e.Fields[1][0]
			if e.Fields[2] == "poss" {
				l.Possessive[w] = true
			}
		}
	}
	return nil
}

// opensAttribution reports whether two lowercase words may open the
// author's words after direct speech: a finite cue or a verb with an
// attached subject pronoun, possibly after an auxiliary or adverb of
// attribution_words.txt ("a déclaré", "a-t-il ajouté").
func (l *Lexicon) opensAttribution(w1, w2 string) bool {
	if l.finiteCue(w1) {
		return true
	}
	return l.Skip[strings.TrimSuffix(w1, l.invertedSuffix(w1))] && l.finiteCue(w2)
}

func (l *Lexicon) finiteCue(w string) bool {
	for _, c := range l.Cues[w] {
		if !c.base && len(c.words) == 1 {
			return true
		}
	}
	if suf := l.invertedSuffix(w); suf != "" {
		return l.finiteCue(strings.TrimSuffix(w, suf))
	}
	return false
}

// invertedSuffix returns the attached subject pronoun w ends in ("-t-il"), or "".
func (l *Lexicon) invertedSuffix(w string) string {
	for _, suf := range l.InvertedSubjects {
		if len(w) > len(suf) && strings.HasSuffix(w, suf) {
			return suf
		}
	}
	return ""
}

func addAll(m map[string]bool, vals []string) {
	for _, v := range vals {
		m[v] = true
	}
}
