// Package entity joins the raw name mentions of a document into entities:
// the "entities" layer of the pipeline, after the recognizer ("mentions")
// and before quotes and events.
//
// For each document it
//   - cleans mentions: honorifics ("Mr", "Lord") and title words ("President")
//     are kept out of the name, possessive "'s" is dropped, a span across a
//     bracket is split ("IOC (International Olympic Committee"), a role word
//     closing a party span is cut ("Labour MP"), a name cut short on the left
//     is completed ("Liberal" + "Democrat"), and "Mr X" / "Lord X" is a
//     person whatever the recognizer said; a role inside an organisation
//     span starts a person's name ("Conservative MP Boris Johnson"), and an
//     organisation name headed by an organisation word (org_heads.txt)
//     continues over "of" and the capitalised words after it ("Board of
//     Governors" + "of Arden Schools");
//   - finds organisations the recognizer missed: party names
//     (party_words.txt) before a person's name or a role ("Tory foreign
//     affairs spokesman") or as plural nouns after "the", and untagged
//     capitalised runs ending in (or with before "of") an organisation word
//     ("Law Lords", "House of …");
//   - recovers the repetitions of known names the recognizer left untagged
//     (full names, and surnames that only one person has);
//   - joins mentions of one referent: equal names, a surname or first name to
//     the full name ("Starmer" → "Keir Starmer", "Sir Edward" → "Edward
//     Heath"), acronyms to their expansion when both occur ("EU" ↔ "European
//     Union"), short organisation names to the full one ("Amnesty" →
//     "Amnesty International"), and the parts of hyphenated compounds ("a
//     Macron-Merz meeting" mentions both);
//   - votes the entity type by majority over its mentions, so one mistagged
//     mention does not split a person;
//   - reads the roles the text gives a person: pre-name titles ("former Prime
//     Minister Boris Johnson"), appositions ("Andriy Yermak, the head of the
//     presidential office"; "the magazine's editor, Conservative MP Boris
//     Johnson") and copulas ("was later named a senior adviser at …");
//   - resolves personal pronouns, relative "who" after a name, and role or
//     descriptor descriptions ("he", "she", "the minister", "the billionaire")
//     to people, by salience (the subject of the nearest sentences, skipping
//     quoted sentences and opening phrases), gender (honorifics, a first-name
//     list derived from OntoNotes, see names_gen_test.go) and role match; an
//     unnamed person in between ("a spokesman said") blocks a pronoun. The
//     resolved words join the entity's mentions, so that quotes can be
//     attributed.
//
// In the other languages (de, fr, es, it, ru, uk, pl; see inflect.go and
// roles_free.go) it also
//   - reads inflected names as their nominative where the document, the
//     place gazetteer or the first-name and surname lists support it
//     (name_suffixes.tsv: "Зеленского", "Зеленським" → "Зеленський";
//     "Putins" → "Putin"; "Zełenskiego" → "Zełenski"), so that every case
//     of a name joins one entity named in the nominative;
//   - reads roles whose head takes complements ("ministre des Affaires
//     étrangères", "министр иностранных дел России Сергей Лавров", "Pedro
//     Sánchez, presidente del Gobierno") and "former" in each language
//     (ehemalige, ancien, ex, бывший, колишній, były), as written;
//   - resolves role descriptions with a definite article ("der Kanzler")
//     or, without articles, with the role's head in the nominative
//     ("министр заявил");
//   - types places the gazetteer knows as countries, cities or regions GPE
//     and gives non-person entities their English name (doc.Entity.English,
//     "name_en": "Київ" → "Kyiv") from the CLDR gazetteer of
//     internal/xentity, nationalities from CLDR language names.
//
// It is written by hand: the Go NLP libraries (prose, jdkato) offer no
// coreference or role reading, and the rules are language data (titles,
// roles, pronouns… in internal/lang/data/<iso>/) plus a small amount of code.
package entity

import (
	"errors"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/pipeline"
	"github.com/newsgraph/newsgraph/internal/quote"
	"github.com/newsgraph/newsgraph/internal/timex/scan"
	"github.com/newsgraph/newsgraph/internal/xentity"
)

// Name is the registry name of the component.
const Name = "entity"

// Errors returned by this package.
var (
	// ErrNoTokens means the document reached the component without tokens.
	ErrNoTokens = errors.New("entity: document has no tokens")
)

// Config configures the entity component.
type Config struct {
	// Pronouns enables pronoun and description resolution.
	Pronouns bool `json:"pronouns"`
	// Roles enables role reading.
	Roles bool `json:"roles"`
	// PronounWindow is how many sentences back a pronoun looks for its person.
	PronounWindow int `json:"pronoun_window"`
}

func init() {
	pipeline.Register(Name, pipeline.Factory{
		NewConfig: func() any { return &Config{Pronouns: true, Roles: true, PronounWindow: 4} },
		New: func(c any) (pipeline.Component, error) {
			cfg := *c.(*Config)
			if cfg.PronounWindow <= 0 {
				cfg.PronounWindow = 4
			}
			return &Component{cfg: cfg}, nil
		},
		Default: true,
	})
}

// Component is the entity pipeline component.
type Component struct{ cfg Config }

// New returns a component with the default configuration.
func New() *Component { return &Component{cfg: Config{Pronouns: true, Roles: true, PronounWindow: 4}} }

// Name implements pipeline.Component.
func (c *Component) Name() string { return Name }

// Needs implements pipeline.Component.
func (c *Component) Needs() []pipeline.Layer {
	return []pipeline.Layer{pipeline.Tokens, pipeline.Sentences, pipeline.Mentions}
}

// Provides implements pipeline.Component.
func (c *Component) Provides() []pipeline.Layer { return []pipeline.Layer{pipeline.Entities} }

// nameTypes maps the recognizer's name types to entity types; value types
// (DATE, MONEY, …) are not entities.
var nameTypes = map[string]string{
	"PERSON": "PERSON", "PER": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "NORP": "NORP",
	"FAC": "FAC", "EVENT": "EVENT", "LAW": "LAW", "PRODUCT": "PRODUCT", "WORK_OF_ART": "WORK_OF_ART",
	"LANGUAGE": "MISC", "MISC": "MISC",
}

// Process implements pipeline.Component.
func (c *Component) Process(d *doc.Doc) error {
	d.Entities = nil
	if len(d.Mentions) == 0 && len(d.Tokens) == 0 {
		return nil
	}
	if len(d.Tokens) == 0 {
		return ErrNoTokens
	}
	iso := d.Lang
	if iso == "" {
		iso = "en"
	}
	lex, err := LoadLexicon(iso)
	if err != nil {
		return err
	}
	qlex, err := quote.LoadLexicon(iso)
	if err != nil {
		return err
	}
	r := newResolver(d, lex, quote.Scan(d.Text, d.Paragraphs, qlex.Marks), c.cfg)
	if lex.Free() {
		r.isCue = func(w string) bool { _, ok := qlex.Cues[w]; return ok }
	}
	r.run()
	r.release()
	return nil
}

// scratch is the per-token memory of one resolver, reused through
// scratchPool.
type scratch struct {
	bools []bool
	ints  []int
	low   []string
	votes []int32
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// release gives the resolver's per-token memory back to scratchPool; the
// resolver is not used afterwards.
func (r *resolver) release() {
	b := r.buf
	clear(b.low) // drop references to the document's text
	b.votes = r.votes
	*r = resolver{}
	scratchPool.Put(b)
}

// mention is one mention being joined.
type mention struct {
	span     doc.Span // as it will be reported (honorific included)
	name     doc.Span // the name itself
	tok, end int      // tokens of span
	ntok     int      // first token of the name
	typ      string   // entity type of this mention ("" for pronouns/descriptions)
	gender   byte
	hon      bool     // written with an honorific
	words    []string // name words as written
	lkey     string   // lowercase name words joined by spaces
	kind     mentionKind
	removed  bool
	lemma    bool // words are nominatives read from inflected forms (inflect.go)
}

type mentionKind uint8

const (
	kindName mentionKind = iota
	kindPronoun
	kindDescription
)

// resolver holds the state of one document.
type resolver struct {
	d      *doc.Doc
	lex    *Lexicon
	cfg    Config
	quotes []quote.Region
	// cues are the language's reporting verbs (quote's lexicon), read in
	// the other languages so that a description after one is its subject
	// ("— сказал глава МИД", "a déclaré le ministre")
	isCue    func(lowercase string) bool
	inQuote  []bool // per token: inside quoted text
	ms       []mention
	parent   []int
	sentOf   []int // token -> sentence index
	cover    []int // token -> mention index covering it, -1
	roles    map[int][]string
	genders  map[int]byte
	types    groupTypes // group root -> type, fixed after joining
	low      []string   // lowercased tokens
	valueTok []bool     // token inside a value mention (DATE, MONEY, …)
	tagged   []bool     // token inside any recognizer mention
	// votes is voteTypes' scratch, kept between its calls
	votes []int32
	// buf holds low, valueTok, tagged, inQuote, sentOf and cover (see
	// release).
	buf *scratch
}

// key returns the lowercased token i without a final period.
func (r *resolver) key(i int) string {
	if i < 0 || i >= len(r.low) {
		return ""
	}
	return strings.TrimSuffix(r.low[i], ".")
}

func newResolver(d *doc.Doc, lex *Lexicon, qs []quote.Region, cfg Config) *resolver {
	n := len(d.Tokens)
	b := scratchPool.Get().(*scratch)
	if cap(b.bools) < 3*n {
		b.bools = make([]bool, 3*n)
	}
	if cap(b.ints) < 2*n {
		b.ints = make([]int, 2*n)
	}
	if cap(b.low) < n {
		b.low = make([]string, n)
	}
	b.bools = b.bools[:3*n]
	clear(b.bools)
	r := &resolver{d: d, lex: lex, cfg: cfg, quotes: qs, roles: map[int][]string{}, genders: map[int]byte{}, buf: b, votes: b.votes}
	r.low = scan.LowerTokens(b.low[:n], d.Text, d.Tokens)
	r.valueTok = b.bools[:n:n]
	r.tagged = b.bools[n : 2*n : 2*n]
	for _, m := range d.Mentions {
		_, name := nameTypes[m.Type]
		for t := d.TokenAt(m.Start); t < len(d.Tokens) && d.Tokens[t].Start < m.End; t++ {
			r.tagged[t] = true
			if !name {
				r.valueTok[t] = true
			}
		}
	}
	r.inQuote = b.bools[2*n : 3*n : 3*n]
	qi := 0
	for i, t := range d.Tokens {
		for qi < len(qs) && qs[qi].Content.End <= t.Start {
			qi++
		}
		for k := qi; k < len(qs) && qs[k].Content.Start <= t.Start; k++ {
			if qs[k].Content.Contains(t.Span) {
				r.inQuote[i] = true
				break
			}
		}
	}
	r.sentOf = b.ints[:n:n]
	for i := range r.sentOf {
		r.sentOf[i] = -1
	}
	for si, s := range d.Sentences {
		for t := s.First; t < s.EndTok && t < len(d.Tokens); t++ {
			if t >= 0 {
				r.sentOf[t] = si
			}
		}
	}
	return r
}

func (r *resolver) word(i int) string {
	if i < 0 || i >= len(r.d.Tokens) {
		return ""
	}
	return r.d.TokenText(i)
}

func (r *resolver) run() {
	r.collect()
	r.lemmatize()
	r.parent = make([]int, len(r.ms))
	for i := range r.parent {
		r.parent[i] = i
	}
	r.join()
	r.recoverAliases()
	r.splitHyphens()
	r.types = r.voteTypes()
	r.buildCover()
	if r.cfg.Roles {
		r.readRoles()
	}
	if r.cfg.Pronouns {
		r.resolveReferences()
	}
	r.emit()
}

func (r *resolver) find(i int) int {
	for r.parent[i] != i {
		r.parent[i] = r.parent[r.parent[i]]
		i = r.parent[i]
	}
	return i
}

func (r *resolver) union(a, b int) {
	a, b = r.find(a), r.find(b)
	if a == b {
		return
	}
	if b < a {
		a, b = b, a
	}
	r.parent[b] = a
}

// collect turns recognizer mentions into name mentions and adds persons
// written with an honorific that the recognizer missed.
func (r *resolver) collect() {
	d := r.d
	taken := make([]bool, len(d.Tokens))
	mentions := mergeAdjacent(d)
	r.ms = make([]mention, 0, len(mentions)+len(mentions)/4+4)
	skipTo := 0 // tokens before skipTo were joined to an earlier name
	for _, m := range mentions {
		typ, ok := nameTypes[m.Type]
		if !ok {
			continue
		}
		tok, end := m.Tok, m.EndTok
		if end <= tok || end > len(d.Tokens) || d.Tokens[tok].Start < m.Start-0 || tok < 0 {
			tok = d.TokenAt(m.Start)
			end = tok
			for end < len(d.Tokens) && d.Tokens[end].Start < m.End {
				end++
			}
		}
		if tok < skipTo {
			continue
		}
		if typ == "ORG" {
			end = r.continueOf(tok, end)
			skipTo = end
		}
		// a span across brackets or commas is several names: "IOC (International
		// Olympic Committee"
		st := tok
		for k := tok; k <= end; k++ {
			if k < end {
				switch r.word(k) {
				case "(", ")", "[", "]", ",", ";":
				default:
					continue
				}
			}
			if k > st && typ != "PERSON" {
				// "Conservative MP Boris Johnson" tagged as one organisation:
				// a role word inside the span introduces a person's name
				if p := r.personAfterRole(st, k); p > st {
					if mm, ok := r.makeMention(p, k, "PERSON"); ok {
						r.ms = append(r.ms, mm)
						for t := mm.tok; t < mm.end; t++ {
							taken[t] = true
						}
						k = p - 1
					}
				}
			}
			if k > st {
				if mm, ok := r.makeMention(st, k, typ); ok {
					r.ms = append(r.ms, mm)
					for t := mm.tok; t < mm.end; t++ {
						taken[t] = true
					}
				}
			}
			st = k + 1
		}
	}
	// "Mr X" / "Lord X" that the recognizer missed.
	for i := 0; i+1 < len(d.Tokens); i++ {
		if taken[i] || taken[i+1] || r.inQuote[i] {
			continue
		}
		if !isCapWord(r.word(i)) {
			continue
		}
		if _, ok := r.lex.Honorifics[r.key(i)]; !ok {
			continue
		}
		j := i + 1
		for j < len(d.Tokens) && j < i+4 && !taken[j] && isCapWord(r.word(j)) && !r.lex.Stopwords[r.key(j)] {
			j++
		}
		if j == i+1 {
			continue
		}
		if mm, ok := r.makeMention(i, j, "PERSON"); ok {
			r.ms = append(r.ms, mm)
			for t := mm.tok; t < mm.end; t++ {
				taken[t] = true
			}
		}
		i = j - 1
	}
	r.partyMentions(taken)
	r.orgRuns(taken)
	sort.SliceStable(r.ms, func(a, b int) bool { return r.ms[a].span.Start < r.ms[b].span.Start })
}

// continueOf extends an organisation name [tok,end) headed by an
// organisation word ("Board of …", "… Committee") over "of" and the
// capitalised words after it, which the recognizer may have tagged apart
// ("Board of Governors" + "of" + "Arden" + "Schools").
func (r *resolver) continueOf(tok, end int) int {
	n := len(r.d.Tokens)
	headed := false
	for t := tok; t < end; t++ {
		headed = headed || r.lex.OrgHeads[r.key(t)]
	}
	for headed && end > 0 && end+1 < n && r.key(end) == "of" &&
		isCapWord(r.word(end+1)) && !r.inQuote[end+1] {
		k := end + 1
		for k < n && isCapWord(r.word(k)) && !r.inQuote[k] {
			k++
		}
		end = k
	}
	return end
}

// addFound makes a mention of tokens [tok,end) as typ and marks them taken.
func (r *resolver) addFound(tok, end int, typ string, taken []bool) {
	if mm, ok := r.makeMention(tok, end, typ); ok {
		r.ms = append(r.ms, mm)
		for t := mm.tok; t < mm.end; t++ {
			taken[t] = true
		}
	}
}

// partyMentions tags untagged party names the recognizer missed as
// organisations where the text uses them as a party: before a person's name
// or a role ("Conservative Graham Brady", "Tory foreign affairs spokesman")
// or as a plural noun after "the" ("the Tories").
func (r *resolver) partyMentions(taken []bool) {
	d := r.d
	person := make(map[int]bool, len(r.ms))
	for _, m := range r.ms {
		if m.typ == "PERSON" {
			person[m.tok] = true
		}
	}
	for i := 0; i+1 < len(d.Tokens); i++ {
		if taken[i] || r.inQuote[i] || !isCapWord(r.word(i)) || !r.lex.Parties[r.key(i)] {
			continue
		}
		ok := person[i+1]
		if !ok && strings.HasSuffix(r.key(i), "s") && i > 0 && r.key(i-1) == "the" {
			ok = true
		}
		for k := i + 1; !ok && k < len(d.Tokens) && k <= i+3 && !taken[k]; k++ {
			if r.lex.isRoleHead(r.word(k)) {
				ok = true
			}
			if !isLowerOrCap(r.word(k)) {
				break
			}
		}
		if ok {
			r.addFound(i, i+1, "ORG", taken)
		}
	}
}

// orgRuns tags untagged runs of capitalised words that name an organisation
// by their head word ("Law Lords", "House of Commons") as organisations.
func (r *resolver) orgRuns(taken []bool) {
	d := r.d
	n := len(d.Tokens)
	for i := 0; i < n; i++ {
		if taken[i] || r.inQuote[i] || !isCapWord(r.word(i)) {
			continue
		}
		// the run: capitalised words, joined by "of"
		j, words, headed := i, 0, false
		for j < n && !taken[j] && !r.inQuote[j] {
			if isCapWord(r.word(j)) && !isAllCaps(r.word(j)) {
				words++
				j++
				continue
			}
			if r.key(j) == "of" && j+1 < n && j > i && isCapWord(r.word(j+1)) && !taken[j+1] {
				headed = headed || r.lex.OrgHeads[r.key(j-1)]
				j++
				continue
			}
			break
		}
		start := i
		if start < j && r.lex.Starters[r.word(start)] {
			start++
			words--
		}
		if words >= 2 && j-start >= 2 && (headed || r.lex.OrgHeads[r.key(j-1)]) {
			r.addFound(start, j, "ORG", taken)
		}
		i = j
	}
}

// personAfterRole finds, in a non-person span [tok,end), a role word after
// the first token followed by a capitalised name that starts with a known
// first name ("Conservative MP Boris Johnson"), and returns the first token
// of that name, or -1.
func (r *resolver) personAfterRole(tok, end int) int {
	for k := tok + 1; k+2 < end+1 && k+1 < end; k++ {
		if !r.lex.isRoleHead(r.word(k)) {
			continue
		}
		if r.lex.FirstNames[r.word(k+1)] == 0 || end-(k+1) < 2 {
			return -1
		}
		for t := k + 1; t < end; t++ {
			if !isCapWord(r.word(t)) {
				return -1
			}
		}
		return k + 1
	}
	return -1
}

// mergeAdjacent joins a one-word place or organisation tag directly before
// an organisation tag into one organisation: "UK" + "Independence Party",
// "EU" + "Commission".
func mergeAdjacent(d *doc.Doc) []doc.Mention {
	ms := d.Mentions
	out := make([]doc.Mention, 0, len(ms))
	for i := 0; i < len(ms); i++ {
		m := ms[i]
		if i+1 < len(ms) && (m.Type == "GPE" || m.Type == "ORG") && ms[i+1].Type == "ORG" &&
			m.EndTok-m.Tok == 1 && m.EndTok == ms[i+1].Tok && m.EndTok > 0 && m.EndTok < len(d.Tokens) &&
			d.Tokens[m.EndTok].SpaceBefore && d.Tokens[m.EndTok].Start-m.End == 1 {
			n := ms[i+1]
			m = doc.Mention{Span: doc.Span{Start: m.Start, End: n.End}, Type: "ORG", Tok: m.Tok, EndTok: n.EndTok}
			i++
		}
		out = append(out, m)
	}
	return out
}

// makeMention builds a name mention from tokens [tok,end): the name loses a
// leading "the", title and honorific words, and a trailing possessive; an
// honorific right before the name is taken into the reported span.
func (r *resolver) makeMention(tok, end int, typ string) (mention, bool) {
	d := r.d
	// trailing possessive and punctuation
	for end > tok {
		w := r.word(end - 1)
		if w == "'s" || w == "’s" || w == "'" || w == "’" || (d.Tokens[end-1].Kind == doc.Punct && w != ".") {
			end--
			continue
		}
		break
	}
	m := mention{typ: typ}
	// a group or organisation name the recognizer cut short on the left:
	// "Liberal" + "Democrat"/NORP
	if typ != "PERSON" {
		for k := 0; k < 2 && tok > 0 && r.extendable(tok-1); k++ {
			tok--
		}
	}
	ntok := tok
	// leading "the"
	if ntok < end && r.key(ntok) == "the" && end-ntok > 1 {
		if r.word(ntok) == "the" {
			tok++
		}
		ntok++
	}
	// an article before a place name ("La France", "l'Ukraine")
	if r.lex.Free() && end-ntok > 1 && r.lex.Determiners[r.key(ntok)] &&
		xentity.PlaceKind(r.d.Lang, d.Text[d.Tokens[ntok+1].Start:d.Tokens[end-1].End]) != "" {
		ntok++
		tok = ntok
	}
	// a name written with an honorific is a person's, whatever the tag
	if ntok < end-1 && isCapWord(r.word(ntok+1)) {
		if _, ok := r.lex.Honorifics[r.key(ntok)]; ok && isCapWord(r.word(ntok)) {
			typ = "PERSON"
			m.typ = typ
		}
	}
	if end-ntok == 1 {
		if _, ok := r.lex.Honorifics[r.key(ntok)]; ok {
			return m, false
		}
	}
	// leading honorifics and titles (persons only)
	if typ == "PERSON" {
		for ntok < end-1 {
			k := r.key(ntok)
			if g, ok := r.lex.Honorifics[k]; ok {
				m.hon, m.gender = true, g
				ntok++
				continue
			}
			if t, ok := r.lex.Titles[k]; ok {
				if t.gender != 0 {
					m.gender = t.gender
				}
				ntok++
				tok = ntok
				continue
			}
			if r.lex.isRoleWordKey(r.key(ntok)) && (!isCapWord(r.word(ntok)) || r.lex.Free()) {
				ntok++
				tok = ntok
				continue
			}
			break
		}
	}
	// an organisation or group span that ends in a role: "Labour MP",
	// "Liberal MPs"; a span that is only a role ("PM") is no name
	if typ != "PERSON" {
		for end > ntok && r.lex.isRoleHeadKey(r.key(end-1)) || end > ntok && r.lex.isRoleHead(strings.TrimSuffix(r.word(end-1), "s")) {
			end--
		}
	}
	if ntok >= end {
		return m, false
	}
	// an honorific just before the name joins the span and makes it a
	// person's, whatever the tag ("Lord" + "Butler"/ORG)
	if !m.hon && tok > 0 && ntok == tok && isCapWord(r.word(ntok)) {
		if g, ok := r.lex.Honorifics[r.key(tok-1)]; ok && isCapWord(r.word(tok-1)) {
			tok--
			m.hon, m.gender = true, g
			typ = "PERSON"
			m.typ = typ
		}
	}
	m.tok, m.end, m.ntok = tok, end, ntok
	m.span = doc.Span{Start: d.Tokens[tok].Start, End: d.Tokens[end-1].End}
	m.name = doc.Span{Start: d.Tokens[ntok].Start, End: d.Tokens[end-1].End}
	var lw []string
	for t := ntok; t < end; t++ {
		w := r.word(t)
		m.words = append(m.words, w)
		lw = append(lw, strings.ToLower(strings.ReplaceAll(w, "’", "'")))
	}
	m.lkey = strings.Join(lw, " ")
	if typ == "PERSON" && m.gender == 0 && len(m.words) > 1 {
		m.gender = r.lex.FirstNames[m.words[0]]
	}
	if m.lkey == "" || !hasLetter(m.lkey) {
		return m, false
	}
	return m, true
}

// extendable says whether token t, just before a name, is an untagged
// capitalised word of the same name: not a sentence starter, honorific,
// title, role word or a word covered by another mention.
func (r *resolver) extendable(t int) bool {
	w := r.word(t)
	if !isCapWord(w) || isAllCaps(w) && len(w) > 1 || r.inQuote[t] || r.lex.Starters[w] || r.lex.Skip[r.low[t]] || r.lex.isRoleWordKey(r.key(t)) {
		return false
	}
	if _, ok := r.lex.Honorifics[r.key(t)]; ok {
		return false
	}
	if _, ok := r.lex.Titles[r.key(t)]; ok {
		return false
	}
	// in the other languages a capitalised word opening a sentence is
	// rarely part of the name after it ("Лоукостер Ryanair")
	if r.lex.Free() && (r.sentOf[t] < 0 || r.d.Sentences[r.sentOf[t]].First == t || t > 0 && isQuoteMark(r.word(t-1))) {
		return false
	}
	return !r.tagged[t] && r.d.Tokens[t].Kind == doc.Word
}

// join links mentions of one referent (see the package comment).
func (r *resolver) join() {
	ms := r.ms
	byKey := map[string]int{}
	for i := range ms {
		if j, ok := byKey[ms[i].lkey]; ok {
			r.union(j, i)
		} else {
			byKey[ms[i].lkey] = i
		}
	}
	// Vote a type for each exact-name group first.
	groupType := func() groupTypes { return r.voteTypes() }
	gt := groupType()
	isPerson := func(i int) bool { return gt.of(r.find(i)) == "PERSON" }
	// Multi-word person names, in text order.
	var full []int
	for i := range ms {
		if len(ms[i].words) > 1 && isPerson(i) && r.find(i) == i {
			full = append(full, i)
		}
	}
	// Person names that extend each other ("Jose Manuel Barroso" ⊇ "Manuel
	// Barroso"; "George W. Bush" ~ "George Bush").
	for a := 0; a < len(full); a++ {
		for b := 0; b < len(full); b++ {
			if a == b {
				continue
			}
			wa, wb := ms[full[a]].words, ms[full[b]].words
			if len(wa) > len(wb) && sameFold(wa[len(wa)-1], wb[len(wb)-1]) &&
				(sameFold(wa[0], wb[0]) || suffixFold(wa, wb)) {
				r.union(full[a], full[b])
			}
		}
	}
	// Single names: to the full name whose last (or else first) word it is.
	for i := range ms {
		if r.find(i) != i || len(ms[i].words) != 1 {
			continue
		}
		w := ms[i].words[0]
		if !isCapWord(w) {
			continue
		}
		best := r.nearestFull(i, full, func(f int) bool {
			fw := ms[f].words
			return sameFold(fw[len(fw)-1], w)
		})
		if best < 0 && (isPerson(i) || ms[i].hon || r.groupSize(i) == 1) {
			// a first name ("Sir Edward", "father of Moazzam"): only when one
			// person has it
			var owners = map[int]bool{}
			for _, f := range full {
				if sameFold(ms[f].words[0], w) {
					owners[r.find(f)] = true
				}
			}
			if len(owners) == 1 {
				best = r.nearestFull(i, full, func(f int) bool { return sameFold(ms[f].words[0], w) })
			}
		}
		if best >= 0 {
			r.union(best, i)
		}
	}
	gt = groupType()
	// Acronyms and short organisation names.
	var longOrg []int
	for i := range ms {
		if r.find(i) == i && len(ms[i].words) > 1 && gt.of(i) != "PERSON" {
			longOrg = append(longOrg, i)
		}
	}
	for i := range ms {
		if r.find(i) != i || len(ms[i].words) != 1 || gt.of(i) == "PERSON" {
			continue
		}
		w := ms[i].words[0]
		if acr := acronymKey(w); acr != "" {
			for _, l := range longOrg {
				if r.find(l) != l {
					continue
				}
				if initials(ms[l].words, r.lex.Stopwords) == acr {
					r.union(l, i)
					break
				}
			}
			continue
		}
		// "Amnesty" → "Amnesty International", "Commons" → "House of Commons"
		var hit = -1
		n := 0
		for _, l := range longOrg {
			if r.find(l) == l && gt.of(l) == gt.of(i) {
				lw := ms[l].words
				if sameFold(lw[0], w) || sameFold(lw[len(lw)-1], w) {
					hit = l
					n++
				}
			}
		}
		if n == 1 {
			r.union(hit, i)
		}
	}
}

// groupSize counts the mentions joined with mention i so far.
func (r *resolver) groupSize(i int) int {
	g, n := r.find(i), 0
	for k := range r.ms {
		if r.find(k) == g {
			n++
		}
	}
	return n
}

// nearestFull picks among full names the one that matches, preferring the
// closest one mentioned before mention i, else the first one after it.
func (r *resolver) nearestFull(i int, full []int, ok func(int) bool) int {
	best, bestAfter := -1, -1
	var groups = map[int]bool{}
	for _, f := range full {
		if !ok(f) {
			continue
		}
		g := r.find(f)
		groups[g] = true
		// latest mention of the group before i
		for k := range r.ms {
			if r.find(k) != g {
				continue
			}
			if r.ms[k].span.Start < r.ms[i].span.Start {
				if best < 0 || r.ms[k].span.Start > r.ms[best].span.Start {
					best = k
				}
			} else if bestAfter < 0 || r.ms[k].span.Start < r.ms[bestAfter].span.Start {
				bestAfter = k
			}
		}
	}
	if len(groups) == 0 {
		return -1
	}
	if best >= 0 {
		return best
	}
	return bestAfter
}

// voteTypes returns the majority type of each group root (indexed by the
// root's mention index; "" for groups with no typed mention); an honorific
// votes for PERSON twice and a full person name with a known first name
// counts four times.
func (r *resolver) voteTypes() groupTypes {
	n := len(r.ms)
	k := len(typeNames)
	if cap(r.votes) < 2*n*k {
		r.votes = make([]int32, 2*n*k)
	}
	votes := r.votes[:n*k]
	first := r.votes[n*k : 2*n*k] // first mention index + 1
	clear(votes)
	clear(first)
	for i, m := range r.ms {
		if m.removed || m.typ == "" {
			continue
		}
		ti, ok := typeIndex[m.typ]
		if !ok {
			continue
		}
		g := r.find(i)
		if g >= n {
			continue
		}
		w := int32(1)
		if m.hon {
			pi := typeIndex["PERSON"]
			votes[g*k+pi] += 2
			if first[g*k+pi] == 0 {
				first[g*k+pi] = int32(i + 1)
			}
		}
		if m.typ == "PERSON" && len(m.words) > 1 {
			w = 2
			if r.lex.FirstNames[m.words[0]] != 0 {
				w = 4
			}
		}
		votes[g*k+ti] += w
		if first[g*k+ti] == 0 {
			first[g*k+ti] = int32(i + 1)
		}
	}
	out := make(groupTypes, n)
	for g := 0; g < n; g++ {
		best, bn, bf := -1, int32(0), int32(0)
		for t := 0; t < k; t++ {
			v := votes[g*k+t]
			if v == 0 {
				continue
			}
			if v > bn || v == bn && first[g*k+t] < bf {
				best, bn, bf = t, v, first[g*k+t]
			}
		}
		if best >= 0 {
			out[g] = typeNames[best]
		}
	}
	return out
}

// groupTypes holds the type of each group root by mention index.
type groupTypes []string

// of returns the type of group root g, or "".
func (t groupTypes) of(g int) string {
	if g < 0 || g >= len(t) {
		return ""
	}
	return t[g]
}

// typeNames are the entity types, in a fixed order for voting.
var typeNames = []string{"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART", "MISC"}

var typeIndex = func() map[string]int {
	m := map[string]int{}
	for i, t := range typeNames {
		m[t] = i
	}
	return m
}()

// recoverAliases adds the occurrences of known names that the recognizer
// left untagged: the full names of entities and the surnames of people
// (when only one person has that surname), written as separate words (not
// inside a longer capitalised name).
func (r *resolver) recoverAliases() {
	d := r.d
	types := r.voteTypes()
	covered := make([]bool, len(d.Tokens))
	for _, m := range r.ms {
		for t := m.tok; t < m.end; t++ {
			covered[t] = true
		}
	}
	type seq struct {
		words []string
		m     int // a mention of the entity
	}
	byFirst := map[string][]seq{}
	surname := map[string]int{}
	ambiguous := map[string]bool{}
	seen := map[string]bool{}
	for i, m := range r.ms {
		g := r.find(i)
		typ := types.of(g)
		if m.removed || m.kind != kindName || typ == "" {
			continue
		}
		k := m.lkey
		if !seen[k] && (len(m.words) > 1 || len(k) > 2 && typ != "PERSON") {
			seen[k] = true
			ws := strings.Fields(k)
			byFirst[ws[0]] = append(byFirst[ws[0]], seq{ws, i})
		}
		if typ == "PERSON" && len(m.words) > 1 {
			last := strings.ToLower(m.words[len(m.words)-1])
			if o, ok := surname[last]; ok && r.find(o) != g {
				ambiguous[last] = true
			}
			surname[last] = i
		}
	}
	for last, i := range surname {
		if !ambiguous[last] && !seen[last] && len(last) > 2 {
			byFirst[last] = append(byFirst[last], seq{[]string{last}, i})
		}
	}
	var added []mention
	for t := 0; t < len(d.Tokens); t++ {
		if covered[t] || !isCapWord(r.word(t)) {
			continue
		}
		best := -1
		for si, sq := range byFirst[r.low[t]] {
			n := len(sq.words)
			if t+n > len(d.Tokens) || best >= 0 && n <= len(byFirst[r.low[t]][best].words) {
				continue
			}
			ok := true
			for k := 0; k < n; k++ {
				if covered[t+k] || r.low[t+k] != sq.words[k] {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
			// not part of a longer name
			if t+n < len(d.Tokens) && isCapWord(r.word(t+n)) && r.sentOf[t+n] == r.sentOf[t] {
				continue
			}
			if t > 0 && isCapWord(r.word(t-1)) && r.sentOf[t-1] == r.sentOf[t] && d.Tokens[t-1].Kind != doc.Punct {
				_, hon := r.lex.Honorifics[r.key(t-1)]
				if _, title := r.lex.Titles[r.key(t-1)]; !hon && !title {
					if r.sentOf[t-1] >= 0 && d.Sentences[r.sentOf[t-1]].First != t-1 {
						continue
					}
				}
			}
			best = si
		}
		if best < 0 {
			continue
		}
		sq := byFirst[r.low[t]][best]
		mm, ok := r.makeMention(t, t+len(sq.words), r.ms[sq.m].typ)
		if !ok {
			continue
		}
		mm.typ = types.of(r.find(sq.m))
		added = append(added, mm)
		r.parent = append(r.parent, r.find(sq.m))
		for k := t; k < t+len(sq.words); k++ {
			covered[k] = true
		}
		t += len(sq.words) - 1
	}
	r.ms = append(r.ms, added...)
}

// splitHyphens makes mentions of the parts of hyphenated compounds whose
// parts name known entities ("a Macron-Merz meeting", "Labour-led").
func (r *resolver) splitHyphens() {
	d := r.d
	known := map[string]int{}
	types := r.voteTypes()
	for i, m := range r.ms {
		if m.removed {
			continue
		}
		if len(m.words) == 1 && !strings.Contains(m.words[0], "-") {
			if _, ok := known[m.lkey]; !ok {
				known[m.lkey] = i
			}
		}
		if len(m.words) > 1 {
			last := strings.ToLower(m.words[len(m.words)-1])
			if _, ok := known[last]; !ok && types.of(r.find(i)) == "PERSON" {
				known[last] = i
			}
		}
	}
	covered := map[int]int{}
	for i, m := range r.ms {
		for t := m.tok; t < m.end; t++ {
			covered[t] = i
		}
	}
	var added []mention
	for t := range d.Tokens {
		w := r.word(t)
		if !strings.Contains(w, "-") || !isCapWord(w) {
			continue
		}
		parts := strings.Split(w, "-")
		if len(parts) < 2 {
			continue
		}
		owner, inMention := covered[t]
		if inMention && r.ms[owner].end-r.ms[owner].tok > 1 {
			continue // a hyphen inside a longer name: "Jean-Luc Mélenchon"
		}
		var parts2 []mention
		off := d.Tokens[t].Start
		for _, p := range parts {
			if p != "" && isCapWord(p) {
				if k, ok := known[strings.ToLower(p)]; ok {
					mm := r.ms[k]
					mm.span = doc.Span{Start: off, End: off + len(p)}
					mm.name = mm.span
					mm.tok, mm.end, mm.ntok = t, t+1, t
					mm.words = []string{p}
					mm.lkey = strings.ToLower(p)
					mm.hon = false
					parts2 = append(parts2, mm)
					r.parent = append(r.parent, r.find(k))
				}
			}
			off += len(p) + 1
		}
		if len(parts2) == 0 {
			continue
		}
		if inMention {
			r.ms[owner].removed = true
		}
		added = append(added, parts2...)
	}
	r.ms = append(r.ms, added...)
	// parents of added mentions were appended in order
}

func (r *resolver) buildCover() {
	n := len(r.d.Tokens)
	r.cover = r.buf.ints[n : 2*n : 2*n]
	for i := range r.cover {
		r.cover[i] = -1
	}
	for i, m := range r.ms {
		if m.removed {
			continue
		}
		for t := m.tok; t < m.end && t < len(r.cover); t++ {
			if r.cover[t] < 0 {
				r.cover[t] = i
			}
		}
	}
}

// emit writes d.Entities: groups in order of first mention.
func (r *resolver) emit() {
	types := r.types
	groups := map[int][]int{}
	var order []int
	for i := range r.ms {
		if r.ms[i].removed {
			continue
		}
		g := r.find(i)
		if _, ok := groups[g]; !ok {
			order = append(order, g)
		}
		groups[g] = append(groups[g], i)
	}
	firstPos := func(g int) int {
		p := -1
		for _, i := range groups[g] {
			if p < 0 || r.ms[i].span.Start < p {
				p = r.ms[i].span.Start
			}
		}
		return p
	}
	sort.SliceStable(order, func(a, b int) bool { return firstPos(order[a]) < firstPos(order[b]) })
	var out []doc.Entity
	if len(order) > 0 {
		out = make([]doc.Entity, 0, len(order))
	}
	for _, g := range order {
		typ := types.of(g)
		if typ == "" {
			continue // only pronouns or descriptions
		}
		e := doc.Entity{Type: typ}
		best := -1
		seen := map[doc.Span]bool{}
		for _, i := range groups[g] {
			m := r.ms[i]
			if !seen[m.span] {
				seen[m.span] = true
				e.Mentions = append(e.Mentions, m.span)
			}
			if m.kind != kindName {
				continue
			}
			if best < 0 || len(m.words) > len(r.ms[best].words) ||
				len(m.words) == len(r.ms[best].words) && m.name.Len() > r.ms[best].name.Len() && isAllCaps(r.d.Slice(r.ms[best].name)) ||
				len(m.words) == len(r.ms[best].words) && r.ms[best].lemma && !m.lemma {
				best = i
			}
		}
		if best < 0 {
			continue
		}
		e.Name = canonical(r.d.Slice(r.ms[best].name))
		if r.ms[best].lemma {
			e.Name = strings.Join(r.ms[best].words, " ")
		}
		if (typ == "LOC" || typ == "ORG") && r.lex.Free() {
			// the recognizers of the other languages tag every place LOC
			// (and a country sometimes ORG): countries, cities and regions
			// are GPE in document/1
			switch xentity.PlaceKind(r.d.Lang, e.Name) {
			case "country", "city", "region":
				typ = "GPE"
				e.Type = typ
			}
		}
		if r.d.Lang != "" && r.d.Lang != "en" {
			if typ != "PERSON" {
				e.English = xentity.EnglishName(r.d.Lang, e.Name)
			}
			if e.English == "" && typ == "NORP" {
				// "ukrainischen", "русские": the language's English name
				e.English = r.lex.Nationality(strings.ToLower(e.Name))
			}
			if e.English == "" {
				// people and organisations named in the training data
				e.English = xentity.KnownEnglish(r.d.Lang, typ, e.Name)
			}
		}
		sort.Slice(e.Mentions, func(a, b int) bool { return e.Mentions[a].Start < e.Mentions[b].Start })
		e.Roles = r.roles[g]
		out = append(out, e)
	}
	for i := range out {
		out[i].ID = "e" + strconv.Itoa(i+1)
	}
	r.d.Entities = out
}

// canonical cleans a name for display: spaces collapsed.
func canonical(s string) string { return strings.Join(strings.Fields(s), " ") }

func isCapWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

func isAllCaps(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			letters++
			if !unicode.IsUpper(r) {
				return false
			}
		}
	}
	return letters > 0
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func sameFold(a, b string) bool { return strings.EqualFold(a, b) }

// suffixFold reports whether b's words end a's words.
func suffixFold(a, b []string) bool {
	if len(b) > len(a) {
		return false
	}
	off := len(a) - len(b)
	for i := range b {
		if !strings.EqualFold(a[off+i], b[i]) {
			return false
		}
	}
	return true
}

// acronymKey returns the letters of an acronym ("EU", "U.S.", "IOC") in
// upper case, or "" when w is not one.
func acronymKey(w string) string {
	var b strings.Builder
	for _, r := range w {
		switch {
		case r == '.':
		case unicode.IsUpper(r):
			b.WriteRune(r)
		default:
			return ""
		}
	}
	if n := b.Len(); n < 2 || n > 8 {
		return ""
	}
	return b.String()
}

// initials returns the upper-case initials of a name's words, skipping
// function words.
func initials(words []string, stop map[string]bool) string {
	var b strings.Builder
	for _, w := range words {
		if stop[strings.ToLower(w)] {
			continue
		}
		for _, p := range strings.Split(w, "-") {
			r, _ := utf8.DecodeRuneInString(p)
			if unicode.IsUpper(r) {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}
