package eval

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/analyze"
	"github.com/newsgraph/newsgraph/internal/doc"
	_ "github.com/newsgraph/newsgraph/internal/install" // the full default pipeline
)

// PolNeAR scoring (Newell, Margolin & Ruths 2018, ../shared/data/polnear):
// attribution relations in brat standoff over full political news articles.
//
// What is scored: every attribution whose Content span holds a double
// quotation mark (" “ ” « » „) — the quotations a reader sees. Single marks
// are left out because ’ is also the apostrophe.
//   - found: some system quote overlaps the gold Content;
//   - speaker correct (attributions with a Source span only): the system
//     quote overlapping the Content most (a direct one on ties) has a
//     speaker entity that has a mention overlapping the gold Source span, or
//     the Source is named (holds a capitalised word other than a pronoun or
//     determiner) and shares a name word with the speaker's canonical name.
//
// Brat offsets count Unicode code points in the text file; the text is
// aligned to the normalized document text rune by rune (doc.New only drops
// characters and joins blank lines).

// Errors of the PolNeAR scorer.
var (
	ErrNoPolNeAR = errors.New("no PolNeAR attributions (want DIR/attributions/*.ann and DIR/text/*.txt)")
	ErrBrat      = errors.New("bad brat standoff line")
)

// PolNeARResult holds the PolNeAR measures.
type PolNeARResult struct {
	// Texts and Files count the articles analysed and the .ann files read.
	Texts, Files int
	// Found counts attributions with quoted content that a system quote overlaps.
	Found Count
	// Speaker counts those with a Source span whose speaker is right.
	Speaker Count
	// SpeakerByKind splits Speaker by the kind of gold source: "named",
	// "pronoun", "description".
	SpeakerByKind map[string]*Count
	// Failed lists texts that could not be analysed.
	Failed []string
}

// PolNeAROptions tunes a PolNeAR run.
type PolNeAROptions struct {
	// Verbose writes each miss.
	Verbose bool
	// Limit stops after this many texts (0: all).
	Limit int
	// Analyzer analyses the texts; nil means the default pipeline.
	Analyzer *analyze.Analyzer
}

// PolNeAR scores quote finding and attribution on a PolNeAR split directory
// (holding text/ and attributions/) with the default pipeline and writes a
// report to w (nil for none).
func PolNeAR(dir string, w io.Writer) (PolNeARResult, error) {
	return PolNeARWith(dir, w, PolNeAROptions{})
}

// bratSpan is one text-bound annotation: its type and code-point ranges.
type bratSpan struct {
	typ    string
	ranges [][2]int
	text   string
}

type bratAttribution struct{ content, source, cue string }

// readBrat parses the T and E lines of a .ann file.
func readBrat(path string) (map[string]bratSpan, []bratAttribution, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	spans := map[string]bratSpan{}
	var atts []bratAttribution
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		fields := strings.Split(line, "\t")
		if len(fields) < 2 {
			continue
		}
		switch {
		case strings.HasPrefix(fields[0], "T"):
			typ, rng, ok := strings.Cut(fields[1], " ")
			if !ok {
				return nil, nil, fmt.Errorf("%s:%d: %w", path, n, ErrBrat)
			}
			s := bratSpan{typ: typ}
			for _, part := range strings.Split(rng, ";") {
				a, b, ok := strings.Cut(strings.TrimSpace(part), " ")
				x, err1 := strconv.Atoi(a)
				y, err2 := strconv.Atoi(b)
				if !ok || err1 != nil || err2 != nil || y < x {
					return nil, nil, fmt.Errorf("%s:%d: %w: range %q", path, n, ErrBrat, part)
				}
				s.ranges = append(s.ranges, [2]int{x, y})
			}
			if len(fields) > 2 {
				s.text = fields[2]
			}
			spans[fields[0]] = s
		case strings.HasPrefix(fields[0], "E"):
			var a bratAttribution
			for _, arg := range strings.Fields(fields[1]) {
				role, id, _ := strings.Cut(arg, ":")
				switch {
				case strings.HasPrefix(role, "Content"):
					a.content = id
				case strings.HasPrefix(role, "Source"):
					a.source = id
				case strings.HasPrefix(role, "Cue"):
					a.cue = id
				}
			}
			atts = append(atts, a)
		}
	}
	return spans, atts, sc.Err()
}

// PolNeARWith is PolNeAR with options.
func PolNeARWith(dir string, w io.Writer, opts PolNeAROptions) (PolNeARResult, error) {
	res := PolNeARResult{SpeakerByKind: map[string]*Count{}}
	anns, err := filepath.Glob(filepath.Join(dir, "attributions", "*.ann"))
	if err != nil {
		return res, err
	}
	if len(anns) == 0 {
		return res, fmt.Errorf("%s: %w", dir, ErrNoPolNeAR)
	}
	sort.Strings(anns)
	an := opts.Analyzer
	if an == nil {
		if an, err = analyze.New(); err != nil {
			return res, err
		}
		an.Workers = 1
	}
	type analysed struct {
		d     *doc.Doc
		align []int // code point in file -> byte offset in d.Text
	}
	cache := map[string]*analysed{}
	texts := 0
	for _, ann := range anns {
		base := filepath.Base(ann)
		base = strings.TrimSuffix(base, ".ann")
		if i := strings.LastIndexByte(base, '_'); i > 0 {
			base = base[:i]
		}
		a, ok := cache[base]
		if !ok {
			if opts.Limit > 0 && texts >= opts.Limit {
				continue
			}
			texts++
			raw, err := os.ReadFile(filepath.Join(dir, "text", base+".txt"))
			if err != nil {
				res.Failed = append(res.Failed, base+": "+err.Error())
				cache[base] = nil
				continue
			}
			d, err := an.Analyze(doc.Article{Source: base, Lang: "en", Body: string(raw)})
			if err != nil {
				res.Failed = append(res.Failed, base+": "+err.Error())
				cache[base] = nil
				continue
			}
			a = &analysed{d: d, align: alignText(string(raw), d.Text)}
			cache[base] = a
		}
		if a == nil {
			continue
		}
		res.Files++
		spans, atts, err := readBrat(ann)
		if err != nil {
			return res, err
		}
		scorePolNeARFile(&res, a.d, a.align, spans, atts, w, opts.Verbose, base)
	}
	res.Texts = texts
	if w != nil {
		writePolNeAR(w, &res)
	}
	return res, nil
}

func scorePolNeARFile(res *PolNeARResult, d *doc.Doc, align []int, spans map[string]bratSpan, atts []bratAttribution, w io.Writer, verbose bool, name string) {
	toSpans := func(s bratSpan) []doc.Span {
		var out []doc.Span
		for _, r := range s.ranges {
			if r[0] < 0 || r[1] >= len(align) || r[0] >= r[1] {
				continue
			}
			out = append(out, doc.Span{Start: align[r[0]], End: align[r[1]]})
		}
		return out
	}
	names := map[string]string{}
	for _, e := range d.Entities {
		names[e.ID] = e.Name
	}
	for _, at := range atts {
		cs, ok := spans[at.content]
		if !ok || !hasDoubleQuote(cs.text) {
			continue
		}
		content := toSpans(cs)
		if len(content) == 0 {
			continue
		}
		res.Found.Total++
		best, bestOv := -1, 0
		for i, q := range d.Quotes {
			ov := 0
			for _, c := range content {
				if q.Span.Overlaps(c) {
					ov += min(q.End, c.End) - max(q.Start, c.Start)
				}
			}
			if ov > bestOv || ov > 0 && ov == bestOv && q.Direct && !d.Quotes[best].Direct {
				best, bestOv = i, ov
			}
		}
		if best >= 0 {
			res.Found.Found++
		} else if verbose && w != nil {
			fmt.Fprintf(w, "  %s: quote missed: %q\n", name, clip(cs.text))
		}
		ss, ok := spans[at.source]
		if !ok {
			continue
		}
		kind := sourceKind(ss.text)
		if res.SpeakerByKind[kind] == nil {
			res.SpeakerByKind[kind] = &Count{}
		}
		res.Speaker.Total++
		res.SpeakerByKind[kind].Total++
		got := ""
		correct := false
		if best >= 0 && d.Quotes[best].Speaker != "" {
			q := d.Quotes[best]
			got = names[q.Speaker]
			correct = speakerMatches(d, q.Speaker, toSpans(ss), ss.text)
		}
		if correct {
			res.Speaker.Found++
			res.SpeakerByKind[kind].Found++
		} else if verbose && w != nil && best >= 0 {
			q := d.Quotes[best]
			ev := q.Evidence
			if ev.End <= ev.Start {
				ev = q.Span
			}
			srcEnt := "-"
			for _, e := range d.Entities {
				for _, m := range e.Mentions {
					for _, sp := range toSpans(ss) {
						if m.Overlaps(sp) && srcEnt == "-" {
							srcEnt = e.Name
						}
					}
				}
			}
			fmt.Fprintf(w, "  %s: speaker %q, want %q (%s, entity %s): %q\n      cue %q in %q\n", name, got, ss.text, kind, srcEnt, clip(cs.text), q.Cue, d.Slice(ev))
		}
	}
}

// speakerMatches applies the speaker rule (see the top of this file).
func speakerMatches(d *doc.Doc, id string, source []doc.Span, sourceText string) bool {
	var e *doc.Entity
	for i := range d.Entities {
		if d.Entities[i].ID == id {
			e = &d.Entities[i]
		}
	}
	if e == nil {
		return false
	}
	for _, m := range e.Mentions {
		for _, s := range source {
			if m.Overlaps(s) {
				return true
			}
		}
	}
	nameWords := map[string]bool{}
	for _, w := range words(e.Name) {
		nameWords[w] = true
	}
	for _, w := range sourceNameWords(sourceText) {
		if nameWords[w] {
			return true
		}
	}
	return false
}

// notNames are capitalised words that do not make a source named.
var notNames = map[string]bool{"the": true, "a": true, "an": true, "he": true, "she": true, "it": true, "they": true,
	"we": true, "i": true, "his": true, "her": true, "its": true, "their": true, "this": true, "that": true,
	"these": true, "those": true, "one": true, "another": true, "some": true, "you": true, "our": true, "my": true}

// sourceNameWords returns the lowercased capitalised words of a source.
func sourceNameWords(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' && r != '\'' && r != '’' }) {
		r, _ := utf8.DecodeRuneInString(f)
		if !unicode.IsUpper(r) {
			continue
		}
		f = strings.TrimSuffix(strings.TrimSuffix(f, "'s"), "’s")
		for _, w := range words(f) {
			if !notNames[w] {
				out = append(out, w)
			}
		}
	}
	return out
}

func sourceKind(s string) string {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "he", "she", "they", "it", "i", "we", "you", "his", "her", "who", "which", "him", "them":
		return "pronoun"
	}
	if len(sourceNameWords(s)) > 0 {
		return "named"
	}
	return "description"
}

func hasDoubleQuote(s string) bool { return strings.ContainsAny(s, "\"“”«»„") }

// alignText maps every code point offset of raw (and its end) to a byte
// offset in the normalized text norm: equal runes are matched in order,
// runes doc.New dropped or changed map to the current position.
func alignText(raw, norm string) []int {
	n := utf8.RuneCountInString(raw)
	out := make([]int, n+1)
	j := 0
	k := 0
	for i := 0; i < len(raw); {
		r, sz := utf8.DecodeRuneInString(raw[i:])
		out[k] = j
		if j < len(norm) {
			nr, nsz := utf8.DecodeRuneInString(norm[j:])
			switch {
			case nr == r:
				j += nsz
			case unicode.IsSpace(r) || unicode.IsControl(r) || r == '\ufeff':
				// dropped by normalization
			case unicode.IsSpace(nr):
				// the normalized text has a space here the raw text has not
				j += nsz
				if j < len(norm) {
					if nr2, nsz2 := utf8.DecodeRuneInString(norm[j:]); nr2 == r {
						j += nsz2
					}
				}
			default:
				j += nsz // changed by NFC
			}
		}
		i += sz
		k++
	}
	out[n] = j
	return out
}

func writePolNeAR(w io.Writer, r *PolNeARResult) {
	fmt.Fprintf(w, "PolNeAR: %d texts, %d annotation files; attributions with quoted content\n", r.Texts, r.Files)
	fmt.Fprintf(w, "  quotes found     %s\n", r.Found)
	fmt.Fprintf(w, "  speaker correct  %s\n", r.Speaker)
	kinds := make([]string, 0, len(r.SpeakerByKind))
	for k := range r.SpeakerByKind {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		fmt.Fprintf(w, "    %-12s   %s\n", k, *r.SpeakerByKind[k])
	}
	for _, f := range r.Failed {
		fmt.Fprintf(w, "  failed: %s\n", f)
	}
}
