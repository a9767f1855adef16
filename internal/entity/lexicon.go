package entity

import (
	"fmt"
	"strings"
	"sync"

	"github.com/newsgraph/newsgraph/internal/lang"
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
	filePronouns    = "pronouns.txt"       // pronoun <TAB> gender <TAB> case
	fileFirstNames  = "first_names.tsv"    // name <TAB> gender <TAB> count
	filePersonNouns = "person_nouns.txt"   // nouns for unnamed people
	fileAttribution = "attribution_words.txt"
	fileStopwords   = "name_stopwords.txt" // function words skipped in acronyms
	fileDescriptors = "descriptor_nouns.txt"
	fileStarters    = "sentence_starters.txt" // read from the segmenter's data
	fileOrgHeads    = "org_heads.txt"         // last words of organisation names
	fileParties     = "party_words.txt"       // party names used as modifiers
)

// Lexicon is the language knowledge the entity component uses. Keys are
// lowercase, without a final period.
type Lexicon struct {
	Honorifics  map[string]byte  // honorific -> gender ('m', 'f' or 0): "mr" -> 'm'
	Titles      map[string]title // title before a name -> role noun and gender
	Roles       map[string]bool  // role head nouns ("minister", "chief")
	RoleMods    map[string]bool  // words inside role phrases ("former", "foreign")
	RoleVerbs   [][]string       // copulas linking a person to a role ("was named")
	Pronouns    map[string]pronoun
	FirstNames  map[string]byte // first name as written -> gender: "Hillary" -> 'f'
	PersonNouns map[string]bool // nouns for unnamed people ("source", "official")
	Singular    map[string]bool // the singular ones among PersonNouns
	Skip        map[string]bool // adverbs and auxiliaries between subject and verb
	Stopwords   map[string]bool // function words inside names
	Descriptors map[string]bool // nouns describing a known person ("the tycoon")
	Starters    map[string]bool // words that often open a sentence (as written)
	OrgHeads    map[string]bool // words that end or head an organisation name ("board", "lords")
	Parties     map[string]bool // party names as modifiers or nouns ("tory", "conservatives")
}

type title struct {
	role   string
	gender byte
}

type pronoun struct {
	gender byte
	subj   bool
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
		load(fileRoles, set(l.Roles)),
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
				l.Pronouns[strings.ToLower(e.Fields[0])] = pronoun{gender: gender(e.Fields[1]), subj: e.Fields[2] == "subj"}
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
		return l.Roles[k[i+1:]] || l.Roles[k[:i]]
	}
	return false
}

// isDescriptor reports whether a word describes a person already named
// ("tycoon", "69-year-old").
func (l *Lexicon) isDescriptor(w string) bool { return l.isDescriptorKey(key(w)) }

func (l *Lexicon) isDescriptorKey(k string) bool {
	return l.Descriptors[k] || strings.HasSuffix(k, "-year-old")
}

// isRoleWord reports whether a word may stand inside a role phrase.
func (l *Lexicon) isRoleWord(w string) bool { return l.isRoleWordKey(key(w)) }

func (l *Lexicon) isRoleWordKey(k string) bool {
	if l.RoleMods[k] || l.isRoleHeadKey(k) {
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
