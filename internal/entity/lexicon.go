package entity

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/newsgraph/newsgraph/internal/lang"
	"github.com/newsgraph/newsgraph/internal/timex/scan"
)

// Data files of a language pack read by this package (under
// internal/lang/data/<iso>/). A language without them still gets its
// mentions joined by name; roles, gender and pronouns need the files.
const (
	fileHonorifics  = "honorifics.txt"     // honorific <TAB> gender
	fileTitles      = "titles.txt"         // title <TAB> role noun <TAB> gender
	fileRoles       = "roles.txt"          // role head nouns
	fileRoleMods    = "role_modifiers.txt" // words inside role phrases
	fileRoleVerbs   = "role_verbs.txt"     // copulas linking a person to a role
	filePronouns    = "pronouns.txt"       // pronoun <TAB> gender <TAB> case [<TAB> known]
	fileFirstNames  = "first_names.tsv"    // name <TAB> gender <TAB> count
	filePersonNouns = "person_nouns.txt"   // nouns for unnamed people
	fileAttribution = "attribution_words.txt"
	fileStopwords   = "name_stopwords.txt" // function words skipped in acronyms
	fileDescriptors = "descriptor_nouns.txt"
	fileStarters    = "sentence_starters.txt" // read from the segmenter's data
	fileOrgHeads    = "org_heads.txt"         // last words of organisation names
	fileParties     = "party_words.txt"       // party names used as modifiers
	fileRoleLinks   = "role_links.txt"        // function words inside role phrases after the head
	fileDeterminers = "determiners.txt"       // articles opening a role phrase after a name
	fileSuffixes    = "name_suffixes.tsv"     // case ending <TAB> nominative ending
	fileSurnames    = "surnames.tsv"          // surnames in the nominative (generated)
	fileRolesCorpus = "roles_derived.tsv"     // word <TAB> head|mod|nationality, derived from a corpus
)

// Lexicon is the language knowledge the entity component uses. Keys are
// lowercase, without a final period.
type Lexicon struct {
	Honorifics map[string]byte  // honorific -> gender ('m', 'f' or 0): "mr" -> 'm'
	Titles     map[string]title // title before a name -> role noun and gender
	Roles      map[string]bool  // role head nouns ("minister", "chief")
	RoleMods   map[string]bool  // words inside role phrases ("former", "foreign")
	RoleVerbs  [][]string       // copulas linking a person to a role ("was named")
	Pronouns   map[string]pronoun
	FirstNames map[string]byte // first name as written -> gender: "Hillary" -> 'f'
	// Surnames are known surnames in the nominative (surnames.tsv), which
	// support reading an inflected name ("Трампа" → "Трамп").
	Surnames    map[string]bool
	PersonNouns map[string]bool // nouns for unnamed people ("source", "official")
	Singular    map[string]bool // the singular ones among PersonNouns
	// personWords passes the keys of Pronouns and Singular (see
	// scan.Filter) when personReady, set by LoadLexicon
	personWords scan.Filter
	personReady bool
	Skip        map[string]bool // adverbs and auxiliaries between subject and verb
	Stopwords   map[string]bool // function words inside names
	Descriptors map[string]bool // nouns describing a known person ("the tycoon")
	Starters    map[string]bool // words that often open a sentence (as written)
	OrgHeads    map[string]bool // words that end or head an organisation name ("board", "lords")
	Parties     map[string]bool // party names as modifiers or nouns ("tory", "conservatives")
	// RoleLinks are function words that may follow a role's head inside a
	// role phrase ("ministre des Affaires étrangères"). A language with
	// them reads role phrases whose head is not their last word; English
	// has none and keeps its own rules.
	RoleLinks map[string]bool
	// Determiners open a role phrase after a name ("Merz, der Kanzler").
	// Empty means English "the", "a", "an".
	Determiners map[string]bool
	// Definite are the definite articles among Determiners: they open a
	// description that may refer back to a person ("der Kanzler").
	Definite map[string]bool
	// BaseRoles are the role heads as listed (nominative), before the case
	// forms are added: in a language without articles a description is a
	// role head in the nominative ("министр заявил").
	BaseRoles map[string]bool
	// RoleSuffixes are compound endings of role heads ("-minister":
	// "Verteidigungsminister").
	RoleSuffixes []string
	// Suffixes are the case endings of inflected names, in order of
	// preference (name_suffixes.tsv).
	Suffixes []Suffix
	// nationality holds the lowercase names of languages in this language
	// (CLDR, via golang.org/x/text/language/display), used to read
	// nationality adjectives in role phrases ("russische", "украинский"),
	// with the English name of each language.
	nationality []nationName
	natCache    *sync.Map // word -> English language name or ""
}

// nationName is a language's name in one language, its stem for
// adjective forms ("" when too short to match forms) and its English name.
type nationName struct {
	name, stem, english string
}

// Suffix is one case-ending rule: a word ending in Inflected may be the
// form of a word ending in Nominative ("Зеленского" → "Зеленский").
type Suffix struct {
	Inflected, Nominative string
	// Adjectival marks endings of adjectival names (surnames like
	// "Зеленский"), which first names do not take.
	Adjectival bool
	// Plural marks plural endings ("Нидерландах"), used only with support.
	Plural bool
	// Last marks endings only the last word of a name takes (German
	// genitive "Lars Klingbeils").
	Last bool
}

// Free reports whether the language reads role phrases with complements
// after the head (it has role_links.txt).
func (l *Lexicon) Free() bool { return len(l.RoleLinks) > 0 }

type title struct {
	role   string
	gender byte
}

type pronoun struct {
	gender byte
	subj   bool
	// known: the pronoun is ambiguous (German "sie" is also "they") and
	// refers only to a person whose gender is known to match.
	known bool
}

var (
	lexMu    sync.Mutex
	lexCache = map[string]*Lexicon{}
)

// LoadLexicon reads (once) the entity knowledge of language iso. Missing
// files give empty tables.
func LoadLexicon(iso string) (*Lexicon, error) {
	lexMu.Lock()
	defer lexMu.Unlock()
	if l, ok := lexCache[iso]; ok {
		return l, nil
	}
	l := &Lexicon{
		Honorifics: map[string]byte{}, Titles: map[string]title{}, Roles: map[string]bool{},
		RoleMods: map[string]bool{}, Pronouns: map[string]pronoun{}, FirstNames: map[string]byte{},
		PersonNouns: map[string]bool{}, Singular: map[string]bool{}, Skip: map[string]bool{}, Stopwords: map[string]bool{},
		Descriptors: map[string]bool{}, Starters: map[string]bool{},
		OrgHeads: map[string]bool{}, Parties: map[string]bool{},
		RoleLinks: map[string]bool{}, Determiners: map[string]bool{}, Definite: map[string]bool{},
		Surnames: map[string]bool{},
	}
	gender := func(s string) byte {
		if s == "m" || s == "f" {
			return s[0]
		}
		return 0
	}
	type loader func([]lang.Entry) error
	load := func(name string, fn loader) error {
		if !lang.Has(iso, name) {
			return nil
		}
		ents, err := lang.Table(iso, name)
		if err != nil {
			return err
		}
		return fn(ents)
	}
	set := func(m map[string]bool) loader {
		return func(es []lang.Entry) error {
			for _, e := range es {
				m[key(e.Fields[0])] = true
			}
			return nil
		}
	}
	err := firstErr(
		load(fileHonorifics, func(es []lang.Entry) error {
			for _, e := range es {
				g := byte(0)
				if len(e.Fields) > 1 {
					g = gender(e.Fields[1])
				}
				l.Honorifics[key(e.Fields[0])] = g
			}
			return nil
		}),
		load(fileTitles, func(es []lang.Entry) error {
			for _, e := range es {
				if len(e.Fields) < 2 {
					return e.Errorf("want title <TAB> role noun [<TAB> gender]")
				}
				t := title{role: strings.ToLower(e.Fields[1])}
				if len(e.Fields) > 2 {
					t.gender = gender(e.Fields[2])
				}
				l.Titles[key(e.Fields[0])] = t
			}
			return nil
		}),
		load(fileSuffixes, func(es []lang.Entry) error {
			for _, e := range es {
				if len(e.Fields) < 2 {
					return e.Errorf("want inflected ending <TAB> nominative ending")
				}
				sf := Suffix{Inflected: strings.ToLower(e.Fields[0]), Nominative: strings.ToLower(e.Fields[1])}
				if sf.Inflected == "-" {
					sf.Inflected = ""
				}
				if sf.Nominative == "-" {
					sf.Nominative = ""
				}
				sf.Adjectival = len(e.Fields) > 2 && e.Fields[2] == "adj"
				sf.Plural = len(e.Fields) > 2 && e.Fields[2] == "plural"
				sf.Last = len(e.Fields) > 2 && e.Fields[2] == "last"
				if sf.Inflected == sf.Nominative {
					return e.Errorf("inflected and nominative endings are the same")
				}
				l.Suffixes = append(l.Suffixes, sf)
			}
			return nil
		}),
		load(fileRoles, func(es []lang.Entry) error {
			for _, e := range es {
				k := key(e.Fields[0])
				if len(k) > 1 && k[0] == '-' {
					l.RoleSuffixes = append(l.RoleSuffixes, k[1:])
					continue
				}
				l.Roles[k] = true
			}
			return nil
		}),
		load(fileRoleLinks, set(l.RoleLinks)),
		load(fileSurnames, func(es []lang.Entry) error {
			for _, e := range es {
				l.Surnames[e.Fields[0]] = true
			}
			return nil
		}),
		load(fileDeterminers, func(es []lang.Entry) error {
			for _, e := range es {
				k := key(e.Fields[0])
				l.Determiners[k] = true
				if len(e.Fields) > 1 && e.Fields[1] == "def" {
					l.Definite[k] = true
				}
			}
			return nil
		}),
		load(fileRoleMods, set(l.RoleMods)),
		load(filePersonNouns, func(es []lang.Entry) error {
			for _, e := range es {
				k := key(e.Fields[0])
				l.PersonNouns[k] = true
				if len(e.Fields) > 1 && e.Fields[1] == "sg" {
					l.Singular[k] = true
				}
			}
			return nil
		}),
		load(fileAttribution, set(l.Skip)),
		load(fileStopwords, set(l.Stopwords)),
		load(fileDescriptors, set(l.Descriptors)),
		load(fileOrgHeads, set(l.OrgHeads)),
		load(fileParties, set(l.Parties)),
		load(fileStarters, func(es []lang.Entry) error {
			for _, e := range es {
				l.Starters[e.Fields[0]] = true
			}
			return nil
		}),
		load(fileRoleVerbs, func(es []lang.Entry) error {
			for _, e := range es {
				l.RoleVerbs = append(l.RoleVerbs, strings.Fields(strings.ToLower(e.Fields[0])))
			}
			return nil
		}),
		load(filePronouns, func(es []lang.Entry) error {
			for _, e := range es {
				if len(e.Fields) < 3 {
					return e.Errorf("want pronoun <TAB> gender <TAB> case")
				}
				l.Pronouns[strings.ToLower(e.Fields[0])] = pronoun{gender: gender(e.Fields[1]), subj: e.Fields[2] == "subj",
					known: len(e.Fields) > 3 && e.Fields[3] == "known"}
			}
			return nil
		}),
		load(fileFirstNames, func(es []lang.Entry) error {
			for _, e := range es {
				if len(e.Fields) < 2 {
					return e.Errorf("want name <TAB> gender")
				}
				l.FirstNames[e.Fields[0]] = gender(e.Fields[1])
			}
			return nil
		}),
	)
	if err != nil {
		return nil, fmt.Errorf("entity: language %q: %w", iso, err)
	}
	if len(l.Suffixes) > 0 {
		// role words and titles are declined like names: "министра",
		// "президентом", "byłego"
		l.BaseRoles = l.Roles
		l.Roles = l.declined(l.Roles)
	}
	// role words derived from a corpus, as written (in any case); they do
	// not open descriptions in a language without articles (BaseRoles)
	if lang.Has(iso, fileRolesCorpus) {
		ents, err := lang.Table(iso, fileRolesCorpus)
		if err != nil {
			return nil, fmt.Errorf("entity: language %q: %w", iso, err)
		}
		for _, e := range ents {
			if len(e.Fields) < 2 {
				return nil, fmt.Errorf("entity: language %q: %w", iso, e.Errorf("want word <TAB> kind"))
			}
			switch e.Fields[1] {
			case "head":
				l.Roles[key(e.Fields[0])] = true
			case "mod", "nationality":
				l.RoleMods[key(e.Fields[0])] = true
			}
		}
	}
	if len(l.Suffixes) > 0 {
		l.RoleMods = l.declined(l.RoleMods)
		ts := make(map[string]title, len(l.Titles))
		for k, t := range l.Titles {
			for _, f := range l.forms(k) {
				if _, ok := l.Titles[f]; !ok {
					ts[f] = t
				}
			}
			ts[k] = t
		}
		l.Titles = ts
	}
	if l.Free() {
		l.nationality = nationalityNames(iso)
		l.natCache = &sync.Map{}
		if !lang.Has(iso, fileFirstNames) && lang.Has("en", fileFirstNames) {
			// first names travel: a language in Latin script without its
			// own list reads the English one (derived from OntoNotes) for
			// the gender of "Emmanuel", "Ursula", "Olaf"
			ents, err := lang.Table("en", fileFirstNames)
			if err != nil {
				return nil, fmt.Errorf("entity: language %q: %w", iso, err)
			}
			for _, e := range ents {
				if len(e.Fields) > 1 {
					l.FirstNames[e.Fields[0]] = gender(e.Fields[1])
				}
			}
		}
	}
	// "прем'єр" is also written with U+2019 and U+02BC
	for _, m := range []map[string]bool{l.Roles, l.RoleMods} {
		for k := range m {
			if strings.Contains(k, "'") {
				m[strings.ReplaceAll(k, "'", "’")] = true
				m[strings.ReplaceAll(k, "'", "ʼ")] = true
			}
		}
	}
	for k, t := range l.Titles {
		if strings.Contains(k, "'") {
			l.Titles[strings.ReplaceAll(k, "'", "’")] = t
			l.Titles[strings.ReplaceAll(k, "'", "ʼ")] = t
		}
	}
	for w := range l.Pronouns {
		l.personWords.Add(w)
	}
	for w := range l.Singular {
		l.personWords.Add(w)
	}
	l.personReady = true
	lexCache[iso] = l
	return l, nil
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// key lowercases a word and drops a final period ("Mr." -> "mr").
func key(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.TrimSuffix(s, ".")
}

// isRoleHead reports whether a word (any case) is a role head noun, taking a
// hyphenated word by its last part ("Secretary-General", "president-elect").
func (l *Lexicon) isRoleHead(w string) bool { return l.isRoleHeadKey(key(w)) }

// isRoleHeadKey is isRoleHead for a word already lowercased without its
// final period.
func (l *Lexicon) isRoleHeadKey(k string) bool {
	if l.Roles[k] {
		return true
	}
	if t, ok := l.Titles[k]; ok && l.Roles[t.role] {
		return true
	}
	if i := strings.LastIndexByte(k, '-'); i > 0 && i < len(k)-1 {
		if l.Roles[k[i+1:]] || l.Roles[k[:i]] {
			return true
		}
		k = k[i+1:]
	}
	for _, sf := range l.RoleSuffixes {
		if len(k) > len(sf)+2 && strings.HasSuffix(k, sf) {
			return true
		}
	}
	return false
}

// isDescriptor reports whether a word describes a person already named
// ("tycoon", "69-year-old").
func (l *Lexicon) isDescriptor(w string) bool { return l.isDescriptorKey(key(w)) }

func (l *Lexicon) isDescriptorKey(k string) bool {
	return l.Descriptors[k] || strings.HasSuffix(k, "-year-old")
}

// mayBePersonWord reports whether w may be a key of Pronouns or Singular;
// false means it is neither.
func (l *Lexicon) mayBePersonWord(w string) bool {
	return !l.personReady || l.personWords.May(w)
}

// isRoleWord reports whether a word may stand inside a role phrase.
func (l *Lexicon) isRoleWord(w string) bool { return l.isRoleWordKey(key(w)) }

func (l *Lexicon) isRoleWordKey(k string) bool {
	if l.RoleMods[k] || l.isRoleHeadKey(k) || l.nationality != nil && l.isNationality(k) {
		return true
	}
	if i := strings.IndexByte(k, '-'); i > 0 {
		for _, p := range strings.Split(k, "-") {
			if p != "" && !l.RoleMods[p] && !l.Roles[p] {
				return false
			}
		}
		return true
	}
	return false
}

// forms returns a nominative word and the case forms the suffix rules make
// of it (the rules read backwards: "министр" → "министра", "министром", …).
func (l *Lexicon) forms(w string) []string {
	out := []string{w}
	for _, sf := range l.Suffixes {
		if strings.HasSuffix(w, sf.Nominative) && len(w) > len(sf.Nominative) {
			out = append(out, w[:len(w)-len(sf.Nominative)]+sf.Inflected)
		}
	}
	return out
}

// declined returns a set with the case forms of every word of m.
func (l *Lexicon) declined(m map[string]bool) map[string]bool {
	out := make(map[string]bool, len(m)*4)
	for w := range m {
		for _, f := range l.forms(w) {
			out[f] = true
		}
	}
	return out
}

// Nominatives returns the words w may be a case form of, by the suffix
// rules in order (w itself not included). Stems keep at least two letters.
func (l *Lexicon) Nominatives(w string) []string { return l.nominatives(w, true) }

// nominatives is Nominatives, with or without the adjectival endings.
func (l *Lexicon) nominatives(w string, adj bool) []string {
	var out []string
	low := strings.ToLower(w)
	if len(low) != len(w) {
		return nil // lowercasing moved the byte offsets ("İ")
	}
	for _, sf := range l.Suffixes {
		if !adj && sf.Adjectival || !strings.HasSuffix(low, sf.Inflected) {
			continue
		}
		stem := w[:len(w)-len(sf.Inflected)]
		if utf8.RuneCountInString(stem) < 2 {
			continue
		}
		c := stem + sf.Nominative
		if c != w && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// clearNominative returns the first nominative of w by a rule that is not
// a one-letter ending turned into another letter (those, like "и" → "я",
// misread indeclinable foreign names: "О'Лири", "Джереми"); adjectival
// and last-word rules only when adj is set (w is the last word). "" when
// none fits.
func (l *Lexicon) clearNominative(w string, adj bool) string {
	low := strings.ToLower(w)
	if len(low) != len(w) {
		return ""
	}
	for _, sf := range l.Suffixes {
		if !adj && (sf.Adjectival || sf.Last) || sf.Plural || !strings.HasSuffix(low, sf.Inflected) {
			continue
		}
		if utf8.RuneCountInString(sf.Inflected) < 2 && sf.Nominative != "" && !sf.Adjectival {
			continue
		}
		stem := w[:len(w)-len(sf.Inflected)]
		if utf8.RuneCountInString(stem) >= 2 {
			return stem + sf.Nominative
		}
	}
	return ""
}

// sameEnding reads the words of a person's name as nominatives when all of
// them end in one inflected ending of two letters or more, taking for each
// word the first rule with that ending (adjectival ones for the last word
// only), or returns nil.
func (l *Lexicon) sameEnding(words []string) []string {
	for _, sf := range l.Suffixes {
		if utf8.RuneCountInString(sf.Inflected) < 2 || sf.Plural {
			continue
		}
		all := true
		for _, w := range words {
			low := strings.ToLower(w)
			if len(low) != len(w) || !strings.HasSuffix(low, sf.Inflected) || utf8.RuneCountInString(w)-utf8.RuneCountInString(sf.Inflected) < 2 {
				all = false
				break
			}
		}
		if !all {
			continue
		}
		out := make([]string, len(words))
		for k, w := range words {
			out[k] = w
			for _, r := range l.Suffixes {
				if r.Inflected == sf.Inflected && !r.Plural && (!r.Adjectival || k == len(words)-1) {
					out[k] = w[:len(w)-len(r.Inflected)] + r.Nominative
					break
				}
			}
		}
		return out
	}
	return nil
}

// adjectival reports whether w has an adjectival case ending
// ("Европейского", "Brytyjskiej").
func (l *Lexicon) adjectival(w string) bool {
	low := strings.ToLower(w)
	for _, sf := range l.Suffixes {
		if sf.Adjectival && strings.HasSuffix(low, sf.Inflected) && len(low) > len(sf.Inflected)+2 {
			return true
		}
	}
	return false
}

// isNationality reports whether a lowercase word is a nationality
// adjective: a language's name in this language or a form of it
// ("russisch" → "russische", "українська" → "українського").
func (l *Lexicon) isNationality(k string) bool { return l.Nationality(k) != "" }

// Nationality returns the English name of the language whose name (or a
// form of it) the lowercase word k is ("ukrainischen" → "Ukrainian",
// "русские" → "Russian"), or "".
func (l *Lexicon) Nationality(k string) string {
	if l.natCache == nil {
		return l.nationalityOf(k)
	}
	if v, ok := l.natCache.Load(k); ok {
		return v.(string)
	}
	v := l.nationalityOf(k)
	l.natCache.Store(k, v)
	return v
}

func (l *Lexicon) nationalityOf(k string) string {
	for _, n := range l.nationality {
		if k == n.name {
			return n.english
		}
		if n.stem != "" && strings.HasPrefix(k, n.stem) && utf8.RuneCountInString(k)-utf8.RuneCountInString(n.stem) <= 4 {
			return n.english
		}
	}
	return ""
}

func isVowelOrSoft(r rune) bool {
	return strings.ContainsRune("aeiouyàâäéèêëîïôöùûüáíóúąęаеёиоуыэюяіїєйь", unicode.ToLower(r))
}

// nationalityNames returns the lowercase names, in language iso, of the
// main languages of the world's countries (CLDR data in
// golang.org/x/text/language/display).
func nationalityNames(iso string) []nationName {
	tag, err := language.Parse(iso)
	if err != nil {
		return nil
	}
	namer := display.Languages(tag)
	en := display.Languages(language.English)
	seen := map[string]bool{}
	var out []nationName
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			reg, err := language.ParseRegion(string([]rune{a, b}))
			if err != nil || !reg.IsCountry() {
				continue
			}
			base, conf := language.Make("und-" + reg.String()).Base()
			if conf == language.No {
				continue
			}
			n := strings.ToLower(namer.Name(base))
			if n == "" || strings.ContainsAny(n, " -()") || seen[n] {
				continue
			}
			seen[n] = true
			nn := nationName{name: n, english: en.Name(base)}
			if stem := strings.TrimRightFunc(n, isVowelOrSoft); utf8.RuneCountInString(stem) >= 4 {
				nn.stem = stem
			}
			out = append(out, nn)
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a].name < out[b].name })
	return out
}
