// Command gen writes the place gazetteer of each language pack,
// internal/lang/data/<iso>/places.tsv: a place's name in that language, its
// English name and its kind. It is run by `go generate ./internal/xentity`
// and its output is committed; nothing reads CLDR at run time.
//
// Sources (no names are typed by hand):
//   - countries and territories: CLDR region display names from
//     golang.org/x/text/language/display, in each language and in English,
//     with CLDR's short and variant names ("США", "EE. UU.", "UK");
//   - cities: CLDR time-zone exemplar cities (common/main/<iso>.xml of the
//     Unicode CLDR release, Debian package unicode-cldr-core, read from
//     -cldr DIR); the English name is en.xml's exemplar city or, where
//     en.xml has none, the zone id's last part ("Europe/Moscow" → Moscow);
//   - regions: CLDR subdivision names (common/subdivisions/<iso>.xml), with
//     the English name from subdivisions/en.xml.
//
// Countries come first, then cities, then regions: a name keeps the first
// place it names ("Київ" the city, not the region of the same name).
//
// Usage: gen [-cldr DIR] [-out DIR] [-langs de,fr,…]
package main

import (
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

var errUsage = errors.New("usage: gen [-cldr DIR] [-out DIR] [-langs de,fr,...]")

func main() {
	cldr := flag.String("cldr", "/usr/share/unicode/cldr/common", "CLDR common/ directory (Debian: unicode-cldr-core)")
	out := flag.String("out", "../lang/data", "language packs directory")
	langs := flag.String("langs", "en,de,fr,es,ru,uk,it,pl", "languages to write")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, errUsage)
		os.Exit(2)
	}
	if err := run(*cldr, *out, strings.Split(*langs, ",")); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

type subdivisions struct {
	Names []struct {
		Type string `xml:"type,attr"`
		Name string `xml:",chardata"`
	} `xml:"localeDisplayNames>subdivisions>subdivision"`
}

// readSubdivisions returns the names of the regions of countries
// (ISO 3166-2, CLDR common/subdivisions/<iso>.xml) by code.
func readSubdivisions(dir, iso string) (map[string]string, error) {
	b, err := os.ReadFile(filepath.Join(dir, "subdivisions", iso+".xml"))
	if err != nil {
		return nil, fmt.Errorf("cldr subdivisions %s: %w", iso, err)
	}
	var s subdivisions
	if err := xml.Unmarshal(b, &s); err != nil {
		return nil, fmt.Errorf("cldr subdivisions %s.xml: %w", iso, err)
	}
	m := map[string]string{}
	for _, n := range s.Names {
		if n.Name = strings.TrimSpace(n.Name); n.Name != "" {
			m[n.Type] = n.Name
		}
	}
	return m, nil
}

// colloquial are endings of CLDR's English names of Ukrainian regions
// ("Donechchyna", "Kharkivshchyna"): Ukrainian colloquial forms that
// English news does not use ("Donetsk region"); such regions get no
// English name.
var colloquial = []string{"shchyna", "chchyna", "schyna"}

type ldml struct {
	Territories []struct {
		Type string `xml:"type,attr"`
		Alt  string `xml:"alt,attr"`
		Name string `xml:",chardata"`
	} `xml:"localeDisplayNames>territories>territory"`
	Zones []struct {
		Type string `xml:"type,attr"`
		City string `xml:"exemplarCity"`
	} `xml:"dates>timeZoneNames>zone"`
}

func readLDML(dir, iso string) (*ldml, error) {
	b, err := os.ReadFile(filepath.Join(dir, "main", iso+".xml"))
	if err != nil {
		return nil, fmt.Errorf("cldr %s: %w", iso, err)
	}
	var l ldml
	if err := xml.Unmarshal(b, &l); err != nil {
		return nil, fmt.Errorf("cldr %s.xml: %w", iso, err)
	}
	return &l, nil
}

// altNames returns the country names of a locale in the CLDR release read
// (newer than golang.org/x/text's tables: "Бельгія" beside "Бельґія"),
// with the short and variant names ("США", "EE. UU.", "UK"), by region code.
func altNames(dir, iso string) (map[string][]string, error) {
	l, err := readLDML(dir, iso)
	if err != nil {
		return nil, err
	}
	m := map[string][]string{}
	for _, t := range l.Territories {
		if t.Alt == "" || t.Alt == "short" || t.Alt == "variant" {
			m[t.Type] = append(m[t.Type], strings.TrimSpace(t.Name))
		}
	}
	return m, nil
}

func readZones(dir, iso string) (map[string]string, error) {
	l, err := readLDML(dir, iso)
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	for _, z := range l.Zones {
		if z.City != "" {
			m[z.Type] = z.City
		}
	}
	return m, nil
}

func run(cldr, out string, langs []string) error {
	en, err := readZones(cldr, "en")
	if err != nil {
		return err
	}
	english := func(zone string) string {
		if c, ok := en[zone]; ok {
			return c
		}
		i := strings.LastIndexByte(zone, '/')
		if i < 0 || strings.HasPrefix(zone, "Etc/") {
			return ""
		}
		return strings.ReplaceAll(zone[i+1:], "_", " ")
	}
	var regions []language.Region
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			r, err := language.ParseRegion(string([]rune{a, b}))
			if err == nil && r.IsCountry() {
				regions = append(regions, r)
			}
		}
	}
	enNames := display.Regions(language.English)
	enAlts, err := altNames(cldr, "en")
	if err != nil {
		return err
	}
	for _, iso := range langs {
		tag, err := language.Parse(iso)
		if err != nil {
			return fmt.Errorf("language %q: %w", iso, err)
		}
		rows := map[string]string{} // name -> english \t kind
		names := display.Regions(tag)
		alts, err := altNames(cldr, iso)
		if err != nil {
			return err
		}
		for _, r := range regions {
			n, e := names.Name(r), enNames.Name(r)
			if n == "" || e == "" || n == r.String() {
				continue
			}
			rows[n] = e + "\tcountry"
		}
		for _, r := range regions {
			e := enNames.Name(r)
			for _, n := range alts[r.String()] {
				if _, ok := rows[n]; !ok && n != "" && e != "" {
					rows[n] = e + "\tcountry"
				}
			}
		}
		// continents, world regions and unions ("Европа", "ЕС"): the
		// territory codes that are not countries, named in English by
		// CLDR's en.xml
		for code, ns := range alts {
			if r, err := language.ParseRegion(code); err == nil && r.IsCountry() {
				continue
			}
			e := ""
			if en := enAlts[code]; len(en) > 0 {
				e = en[0]
			}
			for _, n := range ns {
				if _, ok := rows[n]; !ok && n != "" && e != "" && code != "ZZ" {
					rows[n] = e + "\tarea"
				}
			}
		}
		zones, err := readZones(cldr, iso)
		if err != nil {
			return err
		}
		if iso == "en" {
			zones = map[string]string{}
			for z := range allZones(cldr) {
				if e := english(z); e != "" {
					zones[z] = e
				}
			}
		}
		for z, c := range zones {
			e := english(z)
			if e == "" || strings.HasPrefix(z, "Etc/") {
				continue
			}
			if _, ok := rows[c]; !ok {
				rows[c] = e + "\tcity"
			}
		}
		enSub, err := readSubdivisions(cldr, "en")
		if err != nil {
			return err
		}
		subs, err := readSubdivisions(cldr, iso)
		if err != nil {
			return err
		}
	sub:
		for code, n := range subs {
			e := enSub[code]
			if e == "" {
				continue
			}
			for _, c := range colloquial {
				if strings.HasSuffix(e, c) {
					continue sub
				}
			}
			if _, ok := rows[n]; !ok {
				rows[n] = e + "\tregion"
			}
		}
		keys := make([]string, 0, len(rows))
		for k := range rows {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var b strings.Builder
		fmt.Fprintf(&b, "# Places in this language and their English names: countries (CLDR region\n")
		fmt.Fprintf(&b, "# names, golang.org/x/text/language/display) and cities (CLDR time-zone\n")
		fmt.Fprintf(&b, "# exemplar cities) and regions (CLDR subdivisions). Generated by\n")
		fmt.Fprintf(&b, "# internal/xentity/gen from golang.org/x/text and CLDR; do not edit.\n")
		fmt.Fprintf(&b, "# Columns: name <TAB> English name <TAB> kind (country, city, region: a\n")
		fmt.Fprintf(&b, "# country's subdivision; area: a continent, world region or union).\n")
		for _, k := range keys {
			fmt.Fprintf(&b, "%s\t%s\n", k, rows[k])
		}
		p := filepath.Join(out, iso, "places.tsv")
		if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
			return fmt.Errorf("write %s: %w", p, err)
		}
	}
	return nil
}

// allZones returns the zone ids named in any of a few large locales (en.xml
// names only the zones whose English name differs from the id).
func allZones(cldr string) map[string]bool {
	out := map[string]bool{}
	for _, iso := range []string{"de", "fr", "ru"} {
		z, err := readZones(cldr, iso)
		if err != nil {
			continue
		}
		for k := range z {
			out[k] = true
		}
	}
	return out
}
