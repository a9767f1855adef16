// Package quote finds quotations and reported speech in a document and
// attributes them to a speaker: the "quotes" layer of the pipeline, after
// "entities" (whose mentions, pronouns and role descriptions included, name
// the speakers) and before events.
//
// Scan reads every quotation convention from the marks table of a language
// (quote_marks.txt): curly and straight double quotes, single quotes where
// they are the primary marks (headlines), «», „“, ‹›, nested quotes (kept in
// the outer quote), quotes over several paragraphs, and unclosed quotes that
// run on into a new quotation in the same paragraph. Attribution is a set of
// rules over tokens and entity mentions, with reporting verbs and the words
// that may separate a speaker from the verb read from language data
// (speech_verbs.txt, attribution_words.txt, attribution_phrases.txt,
// speaker_proxies.txt): "X said", "said X", "X said: “…”", "“…,” X added",
// "“…,” he said", "according to X", "X told Reuters", "in an interview with
// the BBC, X said", "X wrote on X", appositions and relative clauses between
// speaker and verb, "X went on to say", "…, saying: “…”", a closing "…, X
// said." for partial quotes, organisations and people speaking through a
// proxy ("a Downing Street spokesman", "Clinton's campaign"), a speaker named
// in the sentence before, and continuation quotes (a paragraph or sentence
// that goes on quoting). Conventions without a reporting verb are read too:
// a name after a dash of quote_bylines.txt ("“…” ― Ann Pryce", epigraphs and
// lists of readers' comments), transcript labels at a paragraph start
// ("“PRYCE: …", a new speaker's turn, the label cut from the quote), and "X's
// claim that … “…”". A bracketed or comma-set party and state ("Rep. Ann
// Pryce (D-Ore.) said", ", R-Ky., said") may stand between speaker and verb;
// a quote inside reported speech ("X said the council had agreed after “…”")
// belongs to the reporting clause's speaker; groups and texts speak
// ("Police say", "protesters marching … chanted", "the X report stated").
// Cue words used as nouns ("his comments", "Republican claims") or inside
// names ("the United States") are not cues. Reported speech without
// marks ("Merz said that he was ready…", "…, the minister said") becomes a
// quote with Direct false. A speaker the text does not name ("the
// statement said", "said a longtime adviser", "according to the newspaper",
// "The ad targets a “…”", first-person "I said" in an opinion piece) becomes
// an entity of its own, named by the phrase as written, when the phrase is
// headed by a person noun, a proxy or another speaker noun
// (speaker_nouns.txt); the quote component appends these description
// entities to the document's entities. Pronouns left unresolved
// (speaker_nonheads.txt) give no speaker. Text in quote marks with no
// reporting verb and no
// speaker in reach (scare quotes, titles) is kept as a quote without a
// speaker.
//
// Other languages (de, fr, es, it, pl, ru, uk) use the same component with
// their own data: quote_marks.txt (primary and nested marks: „…“, »…«,
// « … », «…», „…”), speech_verbs.txt (past forms by gender and number:
// заявил/заявила/заявили, powiedział/powiedziała), attribution_words.txt,
// attribution_phrases.txt ("по словам X", "selon X", "według X", "по его
// словам" with "_" for a possessive pronoun), speaker_pronouns.txt
// (er/sie, il/elle, он/она, …) and quote_rules.txt, which describes how the
// language reports speech: dashes that open direct speech ("— Мы готовы, —
// сказал он. — …", "—No —dijo—.", "– Tak – powiedział"), incises inside a
// quote («…, — сказал X, — …»), the same mark nesting («…«…»…»), the
// speaker after the verb anywhere in the clause ("Am Montag sagte Merz",
// "a déclaré le ministre"), cues with no subject ("…», dijo."), verbs with
// an attached pronoun ("ajoute-t-il", "a-t-elle déclaré"), complementizers
// and commas that open reported speech ("Лавров заявил, что …", "sagte, die
// Lage sei ernst"), coordinated cues ("… e avverte che"), and "according to
// X, …" as reported speech. In these languages marks also set off names and
// terms («Северный поток — 2», „Bild am Sonntag“): a short capitalised quote
// with no attribution after it gets no speaker. The rules for them live in
// native.go; English keeps its own.
//
// It is written by hand: no Go library attributes quotations, and the
// known-good approaches (Pareti's PARC, Newell et al.'s PolNeAR baselines,
// GDELT's quotation extraction) are rule sets over the same cues.
package quote

import (
	"errors"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/pipeline"
)

// Name is the registry name of the component.
const Name = "quote"

// Errors returned by this package.
var (
	// ErrNoSentences means the document reached the component without sentences.
	ErrNoSentences = errors.New("quote: document has tokens but no sentences")
)

// Config configures the quote component.
type Config struct {
	// Indirect enables reported speech without quote marks.
	Indirect bool `json:"indirect"`
	// Window is how many tokens after a closing mark a reporting verb may be.
	Window int `json:"window"`
}

func init() {
	pipeline.Register(Name, pipeline.Factory{
		NewConfig: func() any { return &Config{Indirect: true, Window: 20} },
		New: func(c any) (pipeline.Component, error) {
			cfg := *c.(*Config)
			if cfg.Window <= 0 {
				cfg.Window = 10
			}
			return &Component{cfg: cfg}, nil
		},
		Default: true,
	})
}

// Component is the quote pipeline component.
type Component struct{ cfg Config }

// New returns a component with the default configuration.
func New() *Component { return &Component{cfg: Config{Indirect: true, Window: 20}} }

// Name implements pipeline.Component.
func (c *Component) Name() string { return Name }

// Needs implements pipeline.Component.
func (c *Component) Needs() []pipeline.Layer {
	return []pipeline.Layer{pipeline.Tokens, pipeline.Sentences, pipeline.Entities}
}

// Provides implements pipeline.Component.
func (c *Component) Provides() []pipeline.Layer { return []pipeline.Layer{pipeline.Quotes} }

// Process implements pipeline.Component.
func (c *Component) Process(d *doc.Doc) error {
	d.Quotes = nil
	iso := d.Lang
	if iso == "" {
		iso = "en"
	}
	lex, err := LoadLexicon(iso)
	if err != nil {
		return err
	}
	regions := Scan(d.Text, d.Paragraphs, lex.Marks)
	if len(d.Tokens) == 0 {
		for _, r := range regions {
			d.Quotes = append(d.Quotes, doc.Quote{Span: r.Content, Direct: true})
		}
		return nil
	}
	if len(d.Sentences) == 0 {
		return ErrNoSentences
	}
	a := newAttributor(d, lex, regions, c.cfg)
	a.run()
	a.release()
	return nil
}

// scratch is the per-token memory of one attributor, reused through
// scratchPool: most of what attributing a document's quotes allocates.
type scratch struct {
	ints  []int
	zeros []int
	bools []bool
	low   []string
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// take readies the pooled memory for n tokens: 3n ints set to -1, n
// ints set to 0, 3n bools set to false and n strings.
func (b *scratch) take(n int) {
	if cap(b.ints) < 3*n {
		b.ints = make([]int, 3*n)
	}
	if cap(b.zeros) < n {
		b.zeros = make([]int, n)
	}
	if cap(b.bools) < 3*n {
		b.bools = make([]bool, 3*n)
	}
	if cap(b.low) < n {
		b.low = make([]string, n)
	}
	b.ints, b.zeros, b.bools, b.low = b.ints[:3*n], b.zeros[:n], b.bools[:3*n], b.low[:n]
	for i := range b.ints {
		b.ints[i] = -1
	}
	clear(b.zeros)
	clear(b.bools)
}

// release gives the attributor's per-token memory back to scratchPool; the
// attributor is not used afterwards.
func (a *attributor) release() {
	b := a.buf
	clear(b.low) // drop references to the document's text
	*a = attributor{}
	scratchPool.Put(b)
}

// attributor holds the state of one document.
type attributor struct {
	d       *doc.Doc
	lex     *Lexicon
	cfg     Config
	regions []Region
	region  []int // token -> region whose content or marks hold it, -1
	ent     []int // token -> entity index, -1
	sentOf  []int // token -> sentence
	entType []string
	low     []string       // lowercased tokens
	date    []bool         // token inside a date or time mention
	used    []bool         // token used as a cue of a direct quote
	speaker []int          // region -> entity index, -1
	found   []bool         // region -> attributed (even to an unnamed speaker)
	unnamed map[string]int // lowercase unnamed speaker phrase -> entity index
	// inverted holds, for a verb with an attached subject pronoun
	// ("ajoute-t-il"), the byte length of the verb part; 0 otherwise.
	inverted []int
	// resolved marks tokens whose entity is a pronoun resolved here.
	resolved []bool
	// buf holds region, ent, sentOf, used, date, low, inverted and
	// resolved (see release).
	buf *scratch
}

func newAttributor(d *doc.Doc, lex *Lexicon, regions []Region, cfg Config) *attributor {
	n := len(d.Tokens)
	b := scratchPool.Get().(*scratch)
	b.take(n)
	a := &attributor{d: d, lex: lex, cfg: cfg, regions: regions,
		region: b.ints[:n:n], ent: b.ints[n : 2*n : 2*n], sentOf: b.ints[2*n : 3*n : 3*n], used: b.bools[:n:n],
		speaker: fill(len(regions)), found: make([]bool, len(regions)), unnamed: map[string]int{}, buf: b}
	a.date = b.bools[n : 2*n : 2*n]
	for _, m := range d.Mentions {
		if m.Type != "DATE" && m.Type != "TIME" {
			continue
		}
		for t := d.TokenAt(m.Start); t < n && d.Tokens[t].Start < m.End; t++ {
			a.date[t] = true
		}
	}
	a.low = lowerTokens(b.low, d)
	for si, s := range d.Sentences {
		for t := max(s.First, 0); t < s.EndTok && t < n; t++ {
			a.sentOf[t] = si
		}
	}
	// tokens outside any sentence belong to the previous one
	last := 0
	for t := range a.sentOf {
		if a.sentOf[t] < 0 {
			a.sentOf[t] = last
		} else {
			last = a.sentOf[t]
		}
	}
	for ri, r := range regions {
		lo := r.Open.Start
		hi := r.Content.End
		if r.Close.End > 0 {
			hi = r.Close.End
		}
		for t := d.TokenAt(lo); t < n && d.Tokens[t].Start < hi; t++ {
			a.region[t] = ri
		}
	}
	for ei, e := range d.Entities {
		a.entType = append(a.entType, e.Type)
		for _, m := range e.Mentions {
			for t := d.TokenAt(m.Start); t < n && d.Tokens[t].Start < m.End; t++ {
				if a.ent[t] < 0 {
					a.ent[t] = ei
				}
			}
		}
	}
	a.resolvePronouns()
	return a
}

func fill(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = -1
	}
	return s
}

func (a *attributor) word(t int) string { return a.d.TokenText(t) }

func (a *attributor) lower(t int) string { return a.low[t] }

// isQuoteTok reports whether token t is a quotation mark or quoted text.
func (a *attributor) inQuote(t int) bool { return a.region[t] >= 0 }

// cueAt returns the number of tokens of a reporting verb at token t (0 if
// none) and whether it introduces reported speech.
func (a *attributor) cueAt(t int) (int, bool) {
	if t < 0 || t >= len(a.d.Tokens) || a.inQuote(t) {
		return 0, false
	}
	key := a.lower(t)
	if inv := a.inverted[t]; inv > 0 {
		key = key[:inv] // "ajoute-t-il": the verb part
	} else if a.nounUse(t) || a.ent[t] >= 0 {
		return 0, false
	}
	// "the United States", "Says": a capitalised cue word only opens a sentence
	if w := a.word(t); w != a.low[t] && t != a.sentenceStart(t) {
		return 0, false
	}
	if !a.lex.cueWords.May(key) {
		return 0, false
	}
	best, clause := 0, false
	for _, c := range a.lex.Cues[key] {
		if len(c.words) <= best || t+len(c.words) > len(a.d.Tokens) {
			continue
		}
		ok := true
		for i := 1; i < len(c.words); i++ {
			if a.lower(t+i) != c.words[i] {
				ok = false
				break
			}
		}
		if ok && c.base && !a.verbContext(t) {
			continue
		}
		if ok && c.after && !a.afterSpeech(t) {
			continue
		}
		if ok && c.text && !a.afterText(t) {
			continue
		}
		if ok {
			best, clause = len(c.words), c.clause && !c.base
		}
	}
	return best, clause
}

// afterSpeech reports whether token t follows the speech it attributes: a
// comma, a dash or a quotation.
func (a *attributor) afterSpeech(t int) bool {
	if t == 0 {
		return false
	}
	switch a.word(t - 1) {
	case ",", "—", "–", "-":
		return true
	}
	return a.inQuote(t - 1)
}

// afterText reports whether token t follows a noun for a text or group
// that speaks (speaker_nouns.txt, speaker_proxies.txt): "the letter reads".
func (a *attributor) afterText(t int) bool {
	if t == 0 {
		return false
	}
	w := a.lower(t - 1)
	s := strings.TrimSuffix(w, "s")
	return a.lex.SpeakerNouns[w] || a.lex.Proxies[w] || a.lex.SpeakerNouns[s] || a.lex.Proxies[s]
}

// baseContext are words after which a verb's base form is a verb: modals,
// auxiliaries, "to", "not", plural pronouns.
var baseContext = map[string]bool{"to": true, "not": true, "will": true, "would": true, "can": true, "could": true,
	"should": true, "may": true, "might": true, "must": true, "did": true, "do": true, "does": true, "i": true,
	"we": true, "you": true, "they": true, "n't": true, "never": true, "also": true, "often": true, "always": true}

// verbContext says whether the base form or -ing form at t is used as a
// verb: -ing forms always; base forms after a modal, "to", a plural pronoun
// or a plural noun ("voters say").
func (a *attributor) verbContext(t int) bool {
	if strings.HasSuffix(a.low[t], "ing") {
		return true
	}
	if t == 0 {
		return false
	}
	p := a.low[t-1]
	if baseContext[p] {
		return true
	}
	if e := a.ent[t-1]; e >= 0 {
		// "Obama and Clinton call": a subject of two names
		s := t - 1
		for s > 0 && a.ent[s-1] == e {
			s--
		}
		return s >= 2 && a.lower(s-1) == "and" && a.ent[s-2] >= 0 && a.ent[s-2] != e
	}
	// "Police say", "the crowd chant": a group or person noun
	if a.lex.SpeakerNouns[p] || a.lex.PersonNouns[p] {
		return true
	}
	return strings.HasSuffix(p, "s") && !strings.HasSuffix(p, "ss") && isLowerWord(a.word(t-1))
}

// nounDeterminers are words before a noun; a cue form after one is a noun
// ("his comments", "the report", "Lord Fenwick's claims").
var nounDeterminers = map[string]bool{"the": true, "a": true, "an": true, "his": true, "her": true, "their": true,
	"its": true, "our": true, "my": true, "your": true, "these": true, "those": true, "this": true, "'s": true, "’s": true,
	"few": true}

// nounUse says whether the word at t is used as a noun: after a determiner
// or possessive, or (for an -s form) before "were", "are" or "of".
func (a *attributor) nounUse(t int) bool {
	if a.lex.Rules {
		// languages with their own rules: after an article ("la déclaration")
		return t > 0 && a.lex.Articles[a.lower(t-1)]
	}
	// "Republican claims", "Democratic statements": a nationality or
	// party word before a cue form makes it a noun
	if t > 0 && a.ent[t-1] >= 0 && a.entType[a.ent[t-1]] == "NORP" {
		return true
	}
	if t > 0 && nounDeterminers[a.lower(t-1)] {
		// "he's predicting", "it's been said": 's is "is" or "has" here
		w := a.lower(t)
		if p := a.lower(t - 1); (p == "'s" || p == "’s") && (strings.HasSuffix(w, "ing") || strings.HasSuffix(w, "ed")) {
			return false
		}
		return true
	}
	if w := a.lower(t); strings.HasSuffix(w, "s") && t+1 < len(a.d.Tokens) {
		switch a.lower(t + 1) {
		case "were", "are", "of", "have", "had":
			return true
		}
	}
	return false
}

// speakerResult is what a search for a speaker found.
type speakerResult struct {
	entity int  // entity index or -1
	found  bool // a speaker phrase was found (maybe unnamed)
	// from, to are the first and last tokens of an unnamed speaker phrase
	// ("the statement", "a spokesman"); to is 0 when there is none.
	from, to int
}

// ingLinks join an -ing cue to the clause whose subject speaks ("while
// chanting", "before asking").
var ingLinks = map[string]bool{"while": true, "as": true, "before": true, "after": true, "by": true, "when": true}

var relatives = map[string]bool{"who": true, "which": true, "that": true}

// subjectBefore finds the speaker phrase ending before the cue at token k,
// not before token lo: skipping adverbs and auxiliaries, appositions and
// relative clauses between commas ("Lawyer Ann Pryce, who represents
// Mr Abbot, said").
func (a *attributor) subjectBefore(k, lo int) speakerResult {
	j := k - 1
	for j >= lo && a.skippable(j) {
		j--
	}
	if j < lo || a.inQuote(j) {
		return speakerResult{entity: -1}
	}
	// "X wants to call it …", "X went on to say", "X began by saying": past
	// "to"/"by" and the verbs before it
	if w := a.lower(j); (w == "to" || w == "by") && j-1 >= lo && a.ent[j-1] < 0 && looksVerb(a.lower(j-1)) {
		j--
		for j >= lo && a.ent[j] < 0 && (looksVerb(a.lower(j)) || a.lex.Skip[a.lower(j)]) {
			j--
		}
		if j < lo || a.inQuote(j) {
			return speakerResult{entity: -1}
		}
	}
	// "…, saying: “…”", "…, telling them …": the subject of the sentence
	// (unless an apposition or relative clause ends at the comma)
	if w := a.lower(k); strings.HasSuffix(w, "ing") && a.word(j) == "," {
		// "…, Spicer said, adding, “…”": the speaker of the verb before
		if j-1 >= lo {
			if c, _ := a.cueAt(j - 1); c == 1 {
				if res := a.subjectBefore(j-1, lo); res.found {
					return res
				}
			}
		}
		if res := a.subjectBefore(j, lo); res.found && res.entity >= 0 && a.word(j-1) != "," {
			p := j - 1
			for p > lo && a.word(p) != "," {
				p--
			}
			if p > lo && relatives[a.lower(p+1)] {
				return res
			}
		}
		return a.sentenceSubject(lo, j)
	}
	// "Marchers kept walking while chanting, “…”", "X sings to Y before
	// asking her": the subject of the clause
	if w := a.lower(k); strings.HasSuffix(w, "ing") && ingLinks[a.lower(j)] {
		return a.sentenceSubject(lo, j)
	}
	// "X issued a statement saying …": an -ing cue after a noun
	if w := a.lower(k); strings.HasSuffix(w, "ing") && a.ent[j] < 0 && !isPunct(a.word(j)) && !functionWords[a.lower(j)] {
		if res := a.sentenceSubject(lo, j); res.found && res.entity >= 0 {
			return res
		}
	}
	// "X referred to … but described it as “…”", "Trump tweeting … and
	// asking": the subject of the coordinated verb before, else of the clause
	if w := a.lower(j); w == "but" || w == "and" {
		for p := j - 1; p >= lo; p-- {
			if a.inQuote(p) {
				continue
			}
			if c, _ := a.cueAt(p); c > 0 {
				if res := a.subjectBefore(p, lo); res.found && res.entity >= 0 {
					return res
				}
				break
			}
		}
		// "I laughed and said, “…”": the subject of the verb just before
		if p := j - 1; p-1 >= lo && a.ent[p] < 0 && strings.HasSuffix(a.lower(p), "ed") && isLowerWord(a.word(p)) {
			if res := a.phraseEndingAt(p-1, lo); res.found && (res.entity >= 0 || a.lex.FirstPerson[a.lower(res.to)]) {
				return res
			}
		}
		return a.sentenceSubject(lo, j)
	}
	if a.word(j) == "," && j-1 >= lo && a.word(j-1) == ")" {
		// "Gov. John Kasich (R-OH), said"
		j--
	}
	for round := 0; round < 3; round++ {
		w := a.word(j)
		if w != "," && w != ")" {
			break
		}
		// apposition: back to the comma (or bracket) that opened it
		open := ","
		if w == ")" {
			open = "("
		}
		p := j - 1
		for p >= lo && (a.word(p) != open || a.inQuote(p)) && j-p < 30 {
			p--
		}
		if p < lo || a.word(p) != open {
			return speakerResult{entity: -1}
		}
		// "Her campaign manager, Robby Mook, suggested": the apposition is the name
		if e := a.ent[j-1]; e >= 0 && w == "," && a.entType[e] == "PERSON" && !relatives[a.lower(p+1)] && !prepositions[a.lower(p+1)] {
			first := j - 1
			for first > p+1 && a.ent[first-1] == e {
				first--
			}
			if first == p+1 {
				return speakerResult{entity: e, found: true}
			}
		}
		j = p - 1
		for j >= lo && a.skippable(j) {
			j--
		}
		if j < lo {
			return speakerResult{entity: -1}
		}
		if j < lo {
			return speakerResult{entity: -1}
		}
		// "Sen. Ted Cruz (R-Texas), also a GOP hopeful, called"
		if a.word(j) == ")" {
			for q := j - 1; q >= lo && j-q < 8; q-- {
				if a.word(q) == "(" {
					j = q - 1
					break
				}
			}
			if j < lo {
				return speakerResult{entity: -1}
			}
		}
	}
	if relatives[a.lower(j)] && j-1 >= lo && a.word(j-1) == "," {
		// ", who said": the antecedent before the comma
		j -= 2
		if j < lo {
			return speakerResult{entity: -1}
		}
	}
	return a.phraseEndingAt(j, lo)
}

// skippable says whether token j may stand between a speaker and the verb:
// an adverb or auxiliary ("also", "has", "similarly") or a date ("Thursday",
// "two weeks ago").
func (a *attributor) skippable(j int) bool {
	if a.ent[j] >= 0 {
		return false
	}
	w := a.lower(j)
	if a.lex.Skip[w] || a.date[j] {
		return true
	}
	return len(w) > 4 && strings.HasSuffix(w, "ly") && isLowerWord(a.word(j))
}

// phraseEndingAt reads the noun phrase ending at token j: an entity mention
// names the speaker; an unnamed person speaks for an organisation named in
// the phrase ("a Downing Street spokesman"), or for nobody.
func (a *attributor) phraseEndingAt(j, lo int) speakerResult {
	if e := a.ent[j]; e >= 0 {
		return speakerResult{entity: e, found: true}
	}
	// "X at the time said", "X in a statement said": a short prepositional
	// phrase between the speaker and the verb
	for p := j; p >= lo && p > j-5 && !a.inQuote(p); p-- {
		w := a.lower(p)
		if isPunct(w) {
			break
		}
		if prepositions[w] {
			q := p - 1
			for q >= lo && a.skippable(q) {
				q--
			}
			if q >= lo {
				if e := a.ent[q]; e >= 0 {
					return speakerResult{entity: e, found: true}
				}
				// "a narrator in the ad asks": an unnamed speaker before
				// the phrase
				if isLowerWord(a.word(q)) && a.speakerHead(a.lower(q)) && !a.lex.NoSpeaker[a.lower(q)] {
					return a.phraseEndingAt(q, lo)
				}
			}
			break
		}
	}
	w := a.word(j)
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsLetter(r) || functionWords[a.lower(j)] {
		return speakerResult{entity: -1}
	}
	// an unnamed person or group: walk back over the phrase
	org := -1
	p := j - 1
	for p >= lo && j-p < 7 && !a.inQuote(p) {
		pw := a.lower(p)
		if pw == "," || pw == "." || pw == ";" || pw == ":" || isVerbLike(pw) {
			break
		}
		if e := a.ent[p]; e >= 0 && org < 0 {
			if t := a.entType[e]; t == "ORG" || t == "GPE" || t == "FAC" || t == "NORP" {
				org = e
			}
		}
		if pw == "a" || pw == "an" || pw == "the" {
			break
		}
		p--
	}
	head := strings.ToLower(w)
	if org >= 0 && (a.lex.PersonNouns[head] || isPersonish(head) || a.lex.Proxies[head] || a.lex.SpeakerNouns[head]) {
		return speakerResult{entity: org, found: true} // "the Arden Fund report said"
	}
	// "Protesters marching through the streets chanted": a participle
	// phrase after the speaker
	if !a.speakerHead(head) {
		for q := j - 1; q > lo && q > j-8 && !a.inQuote(q) && !isPunct(a.word(q)); q-- {
			if w := a.lower(q); strings.HasSuffix(w, "ing") && isLowerWord(a.word(q)) && a.ent[q] < 0 {
				if res := a.phraseEndingAt(q-1, lo); res.found && (res.entity >= 0 || a.speakerHead(a.lower(res.to))) {
					return res
				}
				break
			}
		}
	}
	// "Clinton's campaign", "Trump's spokeswoman", "his office": the
	// possessor speaks
	if a.lex.Proxies[head] {
		for q := j - 1; q >= lo && q > j-4; q-- {
			if w := a.word(q); (w == "'s" || w == "’s" || w == "'" || w == "’") && q > lo {
				if e := a.ent[q-1]; e >= 0 {
					return speakerResult{entity: e, found: true}
				}
				break
			}
			if w := a.lower(q); (w == "his" || w == "her" || w == "its" || w == "their") && a.ent[q] >= 0 {
				return speakerResult{entity: a.ent[q], found: true}
			}
		}
	}
	from := p + 1
	if p >= lo && (a.lower(p) == "a" || a.lower(p) == "an" || a.lower(p) == "the") {
		from = p
	}
	return speakerResult{entity: -1, found: true, from: from, to: j}
}

// functionWords cannot end a speaker phrase.
var functionWords = map[string]bool{"to": true, "not": true, "and": true, "or": true, "but": true, "that": true,
	"who": true, "which": true, "would": true, "will": true, "can": true, "could": true, "should": true,
	"may": true, "might": true, "must": true, "did": true, "do": true, "does": true, "if": true, "when": true,
	"as": true, "than": true, "then": true, "so": true, "also": true, "of": true, "in": true, "on": true, "at": true,
	"by": true, "for": true, "with": true, "from": true, "about": true, "after": true, "before": true}

var prepositions = map[string]bool{"at": true, "on": true, "in": true, "during": true, "after": true, "before": true,
	"with": true, "for": true, "from": true, "via": true, "through": true}

// introWords open an introductory phrase that ends at a comma ("As the race
// turned, Clinton …", "On Monday, …").
var introWords = map[string]bool{"as": true, "when": true, "while": true, "after": true, "before": true, "if": true,
	"although": true, "though": true, "since": true, "because": true, "despite": true, "following": true, "in": true,
	"at": true, "on": true, "during": true, "speaking": true, "asked": true, "earlier": true, "later": true,
	"instead": true, "meanwhile": true, "but": true, "and": true, "still": true, "now": true, "yet": true, "however": true,
	"with": true}

// looksVerb guesses that a word before "to" is a verb ("refused to call",
// "wants to say", "went on to say") rather than a noun ("a leader to …").
func looksVerb(w string) bool {
	if strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing") {
		return true
	}
	switch w {
	case "wants", "want", "went", "on", "plans", "intends", "hopes", "seems", "appears", "continues", "tries",
		"refuses", "declines", "decides", "chose", "began", "begins", "has", "had", "have", "is", "was", "going",
		"goes", "go", "not", "then", "also", "later", "begin", "start", "started", "starts", "ended", "ends":
		return true
	}
	return false
}

// sentenceSubject finds the speaker at the start of the clause [lo, j): the
// first entity mention or noun phrase before the first verb-like word,
// after an introductory phrase ending in a comma.
func (a *attributor) sentenceSubject(lo, j int) speakerResult {
	lo = a.afterDateline(lo, j)
	intro := lo < j && introWords[a.lower(lo)]
	if !intro {
		// "Immediately after the attacks, Trump …": a short opening phrase
		// with no name in it
		for t := lo; t < j && t < lo+8; t++ {
			if a.ent[t] >= 0 || a.inQuote(t) {
				break
			}
			if a.word(t) == "," {
				intro = t > lo
				break
			}
		}
	}
	if intro {
		for t := lo + 1; t < j && t < lo+25; t++ {
			if a.word(t) == "," && !a.inQuote(t) || a.commaClose(t) {
				// "On tape Mr Ravensworth, who …": the name ends the phrase
				if e := a.ent[t-1]; e >= 0 && t-1 > lo && a.entType[e] == "PERSON" {
					return speakerResult{entity: e, found: true}
				}
				lo = t + 1
				break
			}
		}
		// "Speaking in Salem, New Hampshire, which …, Bush …": relative
		// clauses and places continue the opening phrase
		if lo < j && relatives[a.lower(lo)] {
			for t := lo + 1; t < j && t < lo+25; t++ {
				if a.word(t) == "," && !a.inQuote(t) {
					lo = t + 1
					break
				}
			}
		}
		for lo < j {
			e := a.ent[lo]
			if e < 0 || (a.entType[e] != "GPE" && a.entType[e] != "LOC") {
				break
			}
			end := lo
			for end+1 < j && a.ent[end+1] == e {
				end++
			}
			if end+1 >= j || a.word(end+1) != "," {
				break
			}
			lo = end + 2
		}
	}
	for t := lo; t < j && t < lo+12; t++ {
		if a.inQuote(t) {
			continue
		}
		if e := a.ent[t]; e >= 0 {
			end := t
			for end+1 < j && a.ent[end+1] == e {
				end++
			}
			// a place or group before a name: "US secretary of state Madeleine
			// Albright", "Germany's Chancellor Angela Merkel"
			if t := a.entType[e]; t == "GPE" || t == "NORP" || t == "LOC" || t == "ORG" {
				if n := a.nextPerson(end+1, j); n >= 0 {
					return speakerResult{entity: n, found: true}
				}
			}
			// skip a possessor: "Clinton's aide"
			if end+1 < j && (a.word(end+1) == "'s" || a.word(end+1) == "’s") && !subjectPronouns[a.lower(end)] {
				if a.proxyAt(end+2, a.sentenceEnd(end)) {
					return speakerResult{entity: e, found: true} // "Clinton's campaign says"
				}
				return speakerResult{entity: -1, found: true}
			}
			return speakerResult{entity: e, found: true}
		}
		// "Attorneys for Clinton", "A spokeswoman for the committee"
		if a.lex.Proxies[a.lower(t)] && t+1 < j && (a.lower(t+1) == "for" || a.lower(t+1) == "of") {
			for k := t + 2; k < j && k < t+5; k++ {
				if e := a.ent[k]; e >= 0 {
					return speakerResult{entity: e, found: true}
				}
			}
		}
		w := a.lower(t)
		if w == "," || functionWords[w] && t > lo {
			break
		}
	}
	return a.unnamedSubject(lo, j)
}

// commaClose reports whether token t closes a quote whose text ends in a
// comma ("On “Face the Nation,” Sanders …"): the comma ends the phrase
// around the quote too.
func (a *attributor) commaClose(t int) bool {
	ri := a.region[t]
	if ri < 0 || t == 0 || a.word(t-1) != "," {
		return false
	}
	r := a.regions[ri]
	return r.Close.End > 0 && a.d.Tokens[t].Start >= r.Close.Start
}

var subjectPronouns = map[string]bool{"he": true, "she": true, "it": true, "who": true, "that": true, "there": true}

// determiners may open an unnamed subject phrase.
var determiners = map[string]bool{"the": true, "a": true, "an": true, "this": true, "that": true, "one": true,
	"his": true, "her": true, "its": true, "their": true, "our": true, "my": true, "some": true, "many": true}

// unnamedSubject reads an unnamed subject opening the clause at lo, before
// j: a determiner, up to three modifiers and a speaker head followed by a
// verb ("The ad targets …", "the statement talked about …").
func (a *attributor) unnamedSubject(lo, j int) speakerResult {
	none := speakerResult{entity: -1}
	if lo >= j || a.inQuote(lo) {
		return none
	}
	for k := lo; k < j-1 && k < lo+5; k++ {
		w := a.lower(k)
		if a.ent[k] >= 0 || a.inQuote(k) || !unicode.IsLetter(firstRune(w)) {
			return none
		}
		if k == lo && determiners[w] {
			continue
		}
		if a.speakerHead(w) && !a.lex.NoSpeaker[w] {
			// "Small groups of protesters kept …": a group of speakers
			if h := k + 2; a.lower(k+1) == "of" && h+1 < j && a.ent[h] < 0 && a.speakerHead(a.lower(h)) && isLowerWord(a.word(h+1)) && !functionWords[a.lower(h+1)] {
				return speakerResult{entity: -1, found: true, from: lo, to: h}
			}
			next := a.word(k + 1)
			if isLowerWord(next) && !functionWords[a.lower(k+1)] && !prepositions[a.lower(k+1)] {
				return speakerResult{entity: -1, found: true, from: lo, to: k}
			}
			return none
		}
		if k > lo && !isLowerWord(a.word(k)) || functionWords[w] {
			return none
		}
	}
	return none
}

// afterDateline skips a dateline opening the sentence at lo ("WASHINGTON,
// Dec. 8 (UPI) — …"): a word in capitals, then a dash within a few words
// before j. It returns the token after the dash, or lo.
func (a *attributor) afterDateline(lo, j int) int {
	w := a.word(lo)
	if len(w) < 2 || strings.ToUpper(w) != w || strings.ToLower(w) == w {
		return lo
	}
	for t := lo + 1; t < j && t < lo+15; t++ {
		switch a.word(t) {
		case "—", "–", "--":
			return t + 1
		case ".", "!", "?":
			return lo
		}
	}
	return lo
}

// proxyAt reports whether a noun through which its possessor speaks
// ("campaign", "spokesman", "office") stands within the phrase from t.
func (a *attributor) proxyAt(t, j int) bool {
	for k := t; k < j && k < t+7; k++ {
		if a.lex.Proxies[a.lower(k)] {
			return true
		}
		if functionWords[a.lower(k)] || isPunct(a.word(k)) {
			break
		}
	}
	return false
}

// nextPerson finds a person mention within the next few words of a
// pre-name modifier phrase, before j.
func (a *attributor) nextPerson(t, j int) int {
	for k := t; k < j && k < t+6; k++ {
		if e := a.ent[k]; e >= 0 && a.entType[e] == "PERSON" {
			return e
		}
		if isPunct(a.word(k)) || functionWords[a.lower(k)] && a.lower(k) != "of" {
			break
		}
		if c, _ := a.cueAt(k); c > 0 {
			break
		}
	}
	return -1
}

func firstRune(s string) rune { r, _ := utf8.DecodeRuneInString(s); return r }

// isPersonish guesses a person noun from common agent suffixes.
func isPersonish(w string) bool {
	for _, s := range []string{"man", "woman", "person", "er", "or", "ist", "ian", "ant", "ent"} {
		if strings.HasSuffix(w, s) {
			return true
		}
	}
	return false
}

// isVerbLike flags words that end a noun phrase going leftwards.
func isVerbLike(w string) bool {
	switch w {
	case "and", "but", "or", "to", "of", "in", "on", "at", "by", "with", "from", "for", "as", "after", "before", "when", "while", "said", "says", "told":
		return true
	}
	return false
}

// subjectAfter finds the speaker right after a cue ("said Mr Straw",
// "added the minister", "said Foreign Secretary Jack Straw").
func (a *attributor) subjectAfter(k int) speakerResult {
	if a.lex.Inversion {
		return a.subjectAfterNative(k, true)
	}
	n := len(a.d.Tokens)
	sent := a.sentOf[k-1]
	det := false // an unnamed speaker phrase: "said a narrator", "said one staffer"
	for t := k; t < n && t < k+8 && a.sentOf[t] == sent && !a.inQuote(t); t++ {
		if e := a.ent[t]; e >= 0 {
			return speakerResult{entity: e, found: true}
		}
		w := a.word(t)
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsDigit(r) && t+1 < n && unicode.IsLetter(firstRune(a.word(t+1))) {
			continue // "said 9/11 widow Ann Pryce", "said 34-year-old Tom Okafor"
		}
		if !unicode.IsLetter(r) && w != "'s" && w != "’s" {
			if det && t > k+1 {
				return speakerResult{entity: -1, found: true, from: k, to: t - 1}
			}
			break
		}
		lw := a.lower(t)
		if lw == "a" || lw == "an" || lw == "the" || lw == "one" || unicode.IsUpper(r) {
			if t == k && !unicode.IsUpper(r) {
				det = true
			}
			continue
		}
		if functionWords[lw] {
			if det && t > k+1 {
				return speakerResult{entity: -1, found: true, from: k, to: t - 1}
			}
			break // "said in …", "said that …"
		}
		if a.lex.PersonNouns[lw] && (t+1 >= n || !unicode.IsUpper(firstRune(a.word(t+1)))) {
			return speakerResult{entity: -1, found: true, from: k, to: t}
		}
		// role words before a name: "said former Obama adviser David Axelrod"
	}
	return speakerResult{entity: -1}
}

// sentenceStart is the first token of the sentence holding token t.
func (a *attributor) sentenceStart(t int) int { return a.d.Sentences[a.sentOf[t]].First }

func (a *attributor) sentenceEnd(t int) int { return a.d.Sentences[a.sentOf[t]].EndTok }

// lowerTokens fills out (len(d.Tokens) long) with the lowercased text of
// every token and returns it. Tokens already in lower case (most of them)
// are slices of the text, without a copy.
func lowerTokens(out []string, d *doc.Doc) []string {
	for i := range d.Tokens {
		w := d.TokenText(i)
		if hasUpper(w) {
			w = strings.ToLower(w)
		}
		out[i] = w
	}
	return out
}

// hasUpper reports whether a token needs lowercasing: it opens with a
// capital (names, sentence starts, acronyms: "Он", "МИД") or holds an ASCII
// capital ("iPhone"). Lowercase words with a capital only inside them
// outside ASCII are too rare in news to pay a case-table look-up per rune.
func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			return true
		}
	}
	r, _ := utf8.DecodeRuneInString(s)
	return r >= utf8.RuneSelf && (unicode.IsUpper(r) || unicode.IsTitle(r))
}
