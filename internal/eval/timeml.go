package eval

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/timex"
)

// Errors of the TimeML evaluation.
var (
	ErrNoTimeML  = errors.New("no *.tml files")
	ErrBadTimeML = errors.New("bad TimeML file")
)

// TimeMLCount holds the counts of one corpus (or the total) in the TimeML
// evaluation of the date tagger.
type TimeMLCount struct {
	Docs int `json:"docs"`
	// Gold is the number of gold DATE and TIME timexes in the texts (the
	// document creation time is not in the text and is not counted).
	Gold int `json:"gold"`
	// Found is the number of gold timexes that a system date overlaps.
	Found int `json:"found"`
	// ValueRight is the number of found gold timexes whose overlapping
	// system date has the gold value.
	ValueRight int `json:"value_right"`
	// System is the number of system dates, without those that overlap a
	// gold DURATION or SET timex only (those are another type's business).
	System int `json:"system"`
	// SystemMatched is the number of system dates overlapping a gold DATE or TIME.
	SystemMatched int `json:"system_matched"`
	// SystemValueRight is the number of system dates overlapping a gold
	// DATE or TIME timex with the same value.
	SystemValueRight int `json:"system_value_right"`
	// OtherType counts system dates overlapping a gold DURATION or SET only.
	OtherType int `json:"other_type"`
}

// Add adds o to c.
func (c *TimeMLCount) Add(o TimeMLCount) {
	c.Docs += o.Docs
	c.Gold += o.Gold
	c.Found += o.Found
	c.ValueRight += o.ValueRight
	c.System += o.System
	c.SystemMatched += o.SystemMatched
	c.SystemValueRight += o.SystemValueRight
	c.OtherType += o.OtherType
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// FoundShare is the share of gold timexes found (relaxed recall).
func (c TimeMLCount) FoundShare() float64 { return ratio(c.Found, c.Gold) }

// Precision is the share of system dates that overlap a gold timex.
func (c TimeMLCount) Precision() float64 { return ratio(c.SystemMatched, c.System) }

// F1 is the relaxed span F1.
func (c TimeMLCount) F1() float64 { return f1(c.Precision(), c.FoundShare()) }

// ValueAccuracy is the share of found timexes with the right value.
func (c TimeMLCount) ValueAccuracy() float64 { return ratio(c.ValueRight, c.Found) }

// ValueF1 is TempEval-3's value F1: precision and recall counting only
// matches with the right value.
func (c TimeMLCount) ValueF1() float64 {
	return f1(ratio(c.SystemValueRight, c.System), ratio(c.ValueRight, c.Gold))
}

// TimeMLResult is the result of the TimeML evaluation: counts per corpus
// (the directory holding the .tml files, relative to the root) and in total.
type TimeMLResult struct {
	Corpora map[string]TimeMLCount `json:"corpora"`
	Total   TimeMLCount            `json:"total"`
}

// timemlDoc is one TimeML document: its creation time, its text and its
// gold timexes as byte spans into the text.
type timemlDoc struct {
	dct   string
	text  string
	gold  []timemlTimex
	name  string
	group string
}

type timemlTimex struct {
	start, end int
	typ, value string
	text       string
}

// TimeML evaluates the date tagger on TimeML files (TempEval-3's TimeBank
// and AQUAINT): every *.tml file under dir is read, its TEXT analysed as the
// body of an article published at its DCT, and the system dates compared
// with the gold DATE and TIME timexes. A gold timex is found when a system
// date overlaps it, and its value is right when that date's value equals
// the gold value (the first overlapping date is used). The tagger keeps
// TimeML's vague references (PRESENT_REF …) here, as TimeML annotates
// them. System dates that overlap only a gold DURATION or SET are counted
// apart (OtherType), not as errors. Results are printed
// to w per corpus (each directory holding .tml files) when w is not nil;
// with verbose, every miss is listed too.
func TimeML(dir string, w io.Writer) (TimeMLResult, error) {
	return timeML(dir, w, false)
}

// TimeMLVerbose is TimeML listing every missed or wrongly valued timex.
func TimeMLVerbose(dir string, w io.Writer) (TimeMLResult, error) {
	return timeML(dir, w, true)
}

func timeML(dir string, w io.Writer, verbose bool) (TimeMLResult, error) {
	res := TimeMLResult{Corpora: map[string]TimeMLCount{}}
	var files []string
	err := filepath.WalkDir(dir, func(p string, de os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !de.IsDir() && strings.HasSuffix(p, ".tml") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return res, fmt.Errorf("timeml: %w", err)
	}
	if len(files) == 0 {
		return res, fmt.Errorf("timeml: %s: %w", dir, ErrNoTimeML)
	}
	sort.Strings(files)
	tg, err := timex.New(timex.Config{VagueRefs: true})
	if err != nil {
		return res, err
	}
	seen := map[string]bool{}
	for _, f := range files {
		// the same document in two folders (TBAQ-cleaned/testpipeline
		// repeats a TimeBank file) is counted once
		if seen[filepath.Base(f)] {
			continue
		}
		seen[filepath.Base(f)] = true
		td, err := readTimeML(f)
		if err != nil {
			return res, err
		}
		group, _ := filepath.Rel(dir, filepath.Dir(f))
		if group == "." {
			group = filepath.Base(dir)
		}
		c, misses, err := scoreTimeML(tg, td)
		if err != nil {
			return res, fmt.Errorf("timeml: %s: %w", f, err)
		}
		cc := res.Corpora[group]
		cc.Add(c)
		res.Corpora[group] = cc
		res.Total.Add(c)
		if verbose && w != nil {
			for _, m := range misses {
				fmt.Fprintf(w, "%s\t%s\n", filepath.Base(f), m)
			}
		}
	}
	if w != nil {
		printTimeML(w, res)
	}
	return res, nil
}

func printTimeML(w io.Writer, res TimeMLResult) {
	fmt.Fprintf(w, "%-12s %5s %6s %7s %9s %8s %6s %9s %8s\n", "corpus", "docs", "gold", "found", "precision", "span-F1", "value", "value-F1", "(other)")
	names := make([]string, 0, len(res.Corpora))
	for n := range res.Corpora {
		names = append(names, n)
	}
	sort.Strings(names)
	line := func(n string, c TimeMLCount) {
		fmt.Fprintf(w, "%-12s %5d %6d %7.3f %9.3f %8.3f %6.3f %9.3f %8d\n", n, c.Docs, c.Gold, c.FoundShare(), c.Precision(), c.F1(), c.ValueAccuracy(), c.ValueF1(), c.OtherType)
	}
	for _, n := range names {
		line(n, res.Corpora[n])
	}
	line("total", res.Total)
}

// scoreTimeML tags one document and counts.
func scoreTimeML(tg *timex.Tagger, td *timemlDoc) (TimeMLCount, []string, error) {
	d, err := doc.New(doc.Article{Body: td.text, Published: td.dct})
	if err != nil {
		return TimeMLCount{}, nil, err
	}
	if err := tg.Process(d); err != nil {
		return TimeMLCount{}, nil, err
	}
	// map byte offsets of the TimeML text to offsets in d.Text: doc.New only
	// deletes characters (trailing spaces, extra blank lines), so a greedy
	// alignment is exact.
	off := align(td.text, d.Text)
	c := TimeMLCount{Docs: 1}
	var misses []string
	type span struct{ s, e int }
	gold := make([]span, len(td.gold))
	for k, g := range td.gold {
		gold[k] = span{off[g.start], off[g.end]}
	}
	for k, g := range td.gold {
		if g.typ != "DATE" && g.typ != "TIME" {
			continue
		}
		c.Gold++
		var hit *doc.Date
		for x := range d.Dates {
			sd := &d.Dates[x]
			if sd.Start < gold[k].e && gold[k].s < sd.End {
				hit = sd
				break
			}
		}
		switch {
		case hit == nil:
			misses = append(misses, fmt.Sprintf("missed\t%q\t%s", g.text, g.value))
		case hit.Value == g.value:
			c.Found++
			c.ValueRight++
		default:
			c.Found++
			misses = append(misses, fmt.Sprintf("value\t%q\t%s\tgot %q %s", g.text, g.value, d.Slice(hit.Span), hit.Value))
		}
	}
	for _, sd := range d.Dates {
		matched, right, other := false, false, false
		for k, g := range td.gold {
			if sd.Start < gold[k].e && gold[k].s < sd.End {
				if g.typ == "DATE" || g.typ == "TIME" {
					matched = true
					if sd.Value == g.value {
						right = true
					}
				} else {
					other = true
				}
			}
		}
		switch {
		case matched:
			c.System++
			c.SystemMatched++
			if right {
				c.SystemValueRight++
			}
		case other:
			c.OtherType++
		default:
			c.System++
			misses = append(misses, fmt.Sprintf("spurious\t%q\t%s", d.Slice(sd.Span), sd.Value))
		}
	}
	return c, misses, nil
}

// align maps every byte offset of a (0..len(a)) to an offset of b, where b
// was made from a by deleting characters.
func align(a, b string) []int {
	off := make([]int, len(a)+1)
	j := 0
	for i := 0; i < len(a); i++ {
		off[i] = j
		if j < len(b) && a[i] == b[j] {
			j++
		}
	}
	off[len(a)] = j
	return off
}

// readTimeML reads a TimeML file: the DCT's value, the TEXT with tags
// removed, and the TIMEX3 elements inside TEXT.
func readTimeML(path string) (*timemlDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("timeml: %w", err)
	}
	defer f.Close()
	dec := xml.NewDecoder(f)
	dec.Strict = false
	td := &timemlDoc{name: filepath.Base(path)}
	var b strings.Builder
	inText, inDCT := false, false
	var open []int // stack: index into td.gold of open TIMEX3, or -1
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("timeml: %s: %w: %v", path, ErrBadTimeML, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "TEXT":
				inText = true
			case "DCT":
				inDCT = true
			case "TIMEX3":
				if inDCT && td.dct == "" {
					td.dct = attr(t, "value")
				}
				if inText {
					td.gold = append(td.gold, timemlTimex{start: b.Len(), typ: attr(t, "type"), value: canonicalValue(attr(t, "value"))})
					open = append(open, len(td.gold)-1)
				} else {
					open = append(open, -1)
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "TEXT":
				inText = false
			case "DCT":
				inDCT = false
			case "TIMEX3":
				if n := len(open); n > 0 {
					if k := open[n-1]; k >= 0 {
						td.gold[k].end = b.Len()
						td.gold[k].text = b.String()[td.gold[k].start:]
					}
					open = open[:n-1]
				}
			}
		case xml.CharData:
			if inText {
				b.Write(t)
			}
		}
	}
	td.text = b.String()
	if td.text == "" {
		return nil, fmt.Errorf("timeml: %s: %w: no TEXT", path, ErrBadTimeML)
	}
	if len(td.dct) > 10 {
		td.dct = td.dct[:10]
	}
	return td, nil
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// canonicalValue writes a TimeML value the way ISO 8601 does where the
// annotators did not: week numbers take two digits ("1998-W7" is
// "1998-W07"), so that equal values compare equal.
func canonicalValue(v string) string {
	i := strings.Index(v, "-W")
	if i < 0 || i+3 > len(v) {
		return v
	}
	d := v[i+2]
	if d < '0' || d > '9' || i+3 < len(v) && v[i+3] >= '0' && v[i+3] <= '9' {
		return v
	}
	return v[:i+2] + "0" + v[i+2:]
}
