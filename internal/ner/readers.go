package ner

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/internal/segment"
)

// Readers of the non-English corpora under ../shared/data-ml. Token-based
// formats (GermEval, CoNLL-2002, KIND, NER-UK, NKJP, Sequoia) keep their own
// tokens; offset-based formats (SmartData, NEREL, FactRuEval, SlavicNER) give
// raw text and character spans, which ProjectSpans turns into tokens and
// sentences with the project's segmenter (package segment), so that the
// training tokens are the tokens the pipeline sees at run time.

// CharSpan is a typed span of a raw text in Unicode code points (runes),
// End exclusive, as the offset-based corpora give them.
type CharSpan struct {
	Start, End int
	Type       string
}

// RawDoc is a document of an offset-based corpus: its text and entity spans.
type RawDoc struct {
	ID    string
	Text  string
	Spans []CharSpan
}

// Projection counts what ProjectSpans did with the spans of a document.
type Projection struct {
	Spans   int // spans given
	Kept    int // spans that became token spans
	Nested  int // dropped: inside or overlapping an earlier, longer span
	Partial int // dropped: no token lies wholly inside the span (e.g. "EU" in "EU-Kommission")
	Crosses int // dropped: the span crosses a sentence boundary
	Invalid int // dropped: offsets outside the text
}

// Add sums two projection counts.
func (p *Projection) Add(q Projection) {
	p.Spans += q.Spans
	p.Kept += q.Kept
	p.Nested += q.Nested
	p.Partial += q.Partial
	p.Crosses += q.Crosses
	p.Invalid += q.Invalid
}

// Outermost keeps the outermost of nested or overlapping spans: spans are
// taken by start, longer first, and one overlapping a span already kept is
// dropped. Spans with an empty Type are ignored. It returns the kept spans in
// text order and the number dropped.
func Outermost(spans []CharSpan) ([]CharSpan, int) {
	s := make([]CharSpan, 0, len(spans))
	for _, x := range spans {
		if x.Type != "" {
			s = append(s, x)
		}
	}
	sort.SliceStable(s, func(i, j int) bool {
		if s[i].Start != s[j].Start {
			return s[i].Start < s[j].Start
		}
		return s[i].End > s[j].End
	})
	out := s[:0]
	end := -1
	dropped := 0
	for _, x := range s {
		if x.Start < end {
			dropped++
			continue
		}
		out = append(out, x)
		end = x.End
	}
	return out, dropped
}

// ProjectSpans segments text by the rules of lang (package segment) and tags
// its tokens with the spans (rune offsets; nested spans are flattened by
// Outermost). A span becomes the tokens lying wholly inside it; spans with no
// such token or crossing a sentence boundary are dropped and counted.
func ProjectSpans(rd RawDoc, lang string) (Document, Projection) {
	var pr Projection
	// rune offset → byte offset
	byteAt := make([]int, 0, len(rd.Text)+1)
	for i := range rd.Text {
		byteAt = append(byteAt, i)
	}
	byteAt = append(byteAt, len(rd.Text))
	nr := len(byteAt) - 1
	var valid []CharSpan
	for _, s := range rd.Spans {
		if s.Type == "" {
			continue
		}
		pr.Spans++
		if s.Start < 0 || s.End > nr || s.Start >= s.End {
			pr.Invalid++
			continue
		}
		valid = append(valid, s)
	}
	spans, nested := Outermost(valid)
	pr.Nested = nested
	toks, sents := segment.Segment(rd.Text, lang)
	d := Document{ID: rd.ID, Sents: make([]Sentence, len(sents))}
	sentOf := make([]int, len(toks))
	for si, s := range sents {
		w := make([]string, s.EndTok-s.First)
		tags := make([]string, len(w))
		for i := range w {
			t := toks[s.First+i]
			w[i] = rd.Text[t.Start:t.End]
			tags[i] = "O"
			sentOf[s.First+i] = si
		}
		d.Sents[si] = Sentence{Words: w, Tags: tags}
	}
	for _, s := range spans {
		bs, be := byteAt[s.Start], byteAt[s.End]
		i := sort.Search(len(toks), func(k int) bool { return toks[k].Start >= bs })
		j := i
		for j < len(toks) && toks[j].End <= be {
			j++
		}
		if j == i {
			pr.Partial++
			continue
		}
		si := sentOf[i]
		if sentOf[j-1] != si {
			pr.Crosses++
			continue
		}
		first := sents[si].First
		tags := d.Sents[si].Tags
		tags[i-first] = "B-" + s.Type
		for k := i + 1; k < j; k++ {
			tags[k-first] = "I-" + s.Type
		}
		pr.Kept++
	}
	out := d.Sents[:0]
	for _, s := range d.Sents {
		if len(s.Words) > 0 {
			out = append(out, s)
		}
	}
	d.Sents = out
	return d, pr
}

// smartDoc is the part of a SmartData JSON document the reader needs.
type smartDoc struct {
	ID   string `json:"id"`
	Text struct {
		String string `json:"string"`
	} `json:"text"`
	ConceptMentions struct {
		Array []struct {
			Span struct {
				Start int `json:"start"`
				End   int `json:"end"`
			} `json:"span"`
			Type string `json:"type"`
		} `json:"array"`
	} `json:"conceptMentions"`
}

// ReadSmartData reads a DFKI SmartData corpus file: a stream of concatenated
// JSON documents (already decompressed) with the text in text.string and the
// mentions in conceptMentions (character spans, typed). name labels errors.
func ReadSmartData(r io.Reader, name string) ([]RawDoc, error) {
	dec := json.NewDecoder(r)
	var out []RawDoc
	for n := 1; ; n++ {
		var sd smartDoc
		err := dec.Decode(&sd)
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: document %d: %w", name, n, err)
		}
		rd := RawDoc{ID: sd.ID, Text: sd.Text.String}
		for _, m := range sd.ConceptMentions.Array {
			rd.Spans = append(rd.Spans, CharSpan{Start: m.Span.Start, End: m.Span.End, Type: m.Type})
		}
		out = append(out, rd)
	}
}

// ReadBrat reads the entity lines of a brat standoff .ann file
// ("T1<TAB>TYPE start end[;start end...]<TAB>text"); other lines (relations,
// notes) are skipped. A discontinuous entity spans from its first start to
// its last end. Offsets are code points. name labels errors.
func ReadBrat(r io.Reader, name string) ([]CharSpan, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<22)
	var out []CharSpan
	for n := 1; sc.Scan(); n++ {
		l := strings.TrimRight(sc.Text(), "\r")
		if !strings.HasPrefix(l, "T") {
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) < 2 {
			return nil, fmt.Errorf("%s:%d: want id, type and offsets: %w", name, n, ErrFormat)
		}
		typ, offs, ok := strings.Cut(f[1], " ")
		if !ok {
			return nil, fmt.Errorf("%s:%d: no offsets: %w", name, n, ErrFormat)
		}
		start, end := -1, -1
		for _, part := range strings.Split(offs, ";") {
			a, b, ok := strings.Cut(strings.TrimSpace(part), " ")
			s, err1 := strconv.Atoi(a)
			e, err2 := strconv.Atoi(b)
			if !ok || err1 != nil || err2 != nil || s < 0 || e < s {
				return nil, fmt.Errorf("%s:%d: bad offsets %q: %w", name, n, part, ErrFormat)
			}
			if start < 0 || s < start {
				start = s
			}
			end = max(end, e)
		}
		out = append(out, CharSpan{Start: start, End: end, Type: typ})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}

// ReadSlavicNER reads a SlavicNER (BSNLP) annotation file: tab-separated
// "start end surface lemma TYPE crosslingual-id" lines with code-point
// offsets, end exclusive. The type becomes "TYPE/ID-PREFIX" when the
// cross-lingual id has a type prefix of its own ("PER/GPE" for a demonym such
// as "пакистанцы", whose id is GPE-Pakistan), so that the type table can tell
// them apart. name labels errors.
func ReadSlavicNER(r io.Reader, name string) ([]CharSpan, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<22)
	var out []CharSpan
	for n := 1; sc.Scan(); n++ {
		l := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(l) == "" {
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) < 5 {
			return nil, fmt.Errorf("%s:%d: %d columns, want start, end, surface, lemma, type: %w", name, n, len(f), ErrFormat)
		}
		s, err1 := strconv.Atoi(f[0])
		e, err2 := strconv.Atoi(f[1])
		if err1 != nil || err2 != nil || s < 0 || e <= s {
			return nil, fmt.Errorf("%s:%d: bad offsets %q %q: %w", name, n, f[0], f[1], ErrFormat)
		}
		typ := strings.TrimSpace(f[4])
		if len(f) > 5 {
			if p, _, ok := strings.Cut(f[5], "-"); ok && p != typ && p == strings.ToUpper(p) && len(p) == 3 {
				typ += "/" + p
			}
		}
		out = append(out, CharSpan{Start: s, End: e, Type: typ})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}

// factRuNames are, per FactRuEval object type, the span kinds that name it
// (descriptions such as org_descr "мэрии" or job are not part of the name).
var factRuNames = map[string][]string{
	"Person":   {"name", "surname", "patronymic", "nickname"},
	"Org":      {"org_name"},
	"Location": {"loc_name"},
	"LocOrg":   {"loc_name"},
	"Project":  {"prj_name"},
	"Facility": {"facility_name", "loc_name", "org_name"},
}

// ReadFactRu reads the span and object layers of a FactRuEval-2016 document
// (.spans: "id type start length firstToken nTokens # ..."; .objects:
// "id Type spanId... # text") and returns one span per object, typed by the
// object type, from the first to the last of its naming spans (see
// factRuNames); objects with no naming span are skipped. Offsets are code
// points. name labels errors.
func ReadFactRu(spans, objects io.Reader, name string) ([]CharSpan, error) {
	type sp struct {
		kind       string
		start, end int
	}
	byID := map[string]sp{}
	sc := bufio.NewScanner(spans)
	sc.Buffer(make([]byte, 1<<16), 1<<22)
	for n := 1; sc.Scan(); n++ {
		l, _, _ := strings.Cut(sc.Text(), "#")
		f := strings.Fields(l)
		if len(f) == 0 {
			continue
		}
		if len(f) < 4 {
			return nil, fmt.Errorf("%s.spans:%d: want id, type, start, length: %w", name, n, ErrFormat)
		}
		s, err1 := strconv.Atoi(f[2])
		ln, err2 := strconv.Atoi(f[3])
		if err1 != nil || err2 != nil || s < 0 || ln <= 0 {
			return nil, fmt.Errorf("%s.spans:%d: bad offsets: %w", name, n, ErrFormat)
		}
		byID[f[0]] = sp{f[1], s, s + ln}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s.spans: %w", name, err)
	}
	var out []CharSpan
	sc = bufio.NewScanner(objects)
	sc.Buffer(make([]byte, 1<<16), 1<<22)
	for n := 1; sc.Scan(); n++ {
		l, _, _ := strings.Cut(sc.Text(), "#")
		f := strings.Fields(l)
		if len(f) == 0 {
			continue
		}
		if len(f) < 3 {
			return nil, fmt.Errorf("%s.objects:%d: want id, type, spans: %w", name, n, ErrFormat)
		}
		kinds := factRuNames[f[1]]
		start, end := -1, -1
		for _, id := range f[2:] {
			s, ok := byID[id]
			if !ok {
				return nil, fmt.Errorf("%s.objects:%d: unknown span %s: %w", name, n, id, ErrFormat)
			}
			named := false
			for _, k := range kinds {
				named = named || k == s.kind
			}
			if !named {
				continue
			}
			if start < 0 || s.start < start {
				start = s.start
			}
			end = max(end, s.end)
		}
		if start >= 0 {
			out = append(out, CharSpan{Start: start, End: end, Type: f[1]})
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s.objects: %w", name, err)
	}
	return out, nil
}

// ReadSequoia reads CoNLL-U Plus with a PARSEME:NE last column ("*" none,
// "n:TYPE" first token of entity n, "n" a continuation of it). Range and
// empty-node lines are skipped. Sentences of one source (the sent_id before
// its number, e.g. "annodis.er") are grouped into documents of at most
// chunk sentences. name labels errors.
func ReadSequoia(r io.Reader, name string, chunk int) ([]Document, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<22)
	var docs []Document
	var sent Sentence
	src, sentID := "", ""
	open := map[string]string{} // entity number → type, within the sentence
	flush := func() {
		if len(sent.Words) == 0 {
			return
		}
		s := sentID
		if i := strings.LastIndexAny(s, "_-"); i > 0 {
			s = s[:i]
		}
		if len(docs) == 0 || s != src || len(docs[len(docs)-1].Sents) >= chunk {
			docs = append(docs, Document{ID: sentID})
			src = s
		}
		sent.Tags = ToIOB2(sent.Tags)
		docs[len(docs)-1].Sents = append(docs[len(docs)-1].Sents, sent)
		sent = Sentence{}
		clear(open)
	}
	for n := 1; sc.Scan(); n++ {
		l := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(l) == "" {
			flush()
			continue
		}
		if strings.HasPrefix(l, "#") {
			if v, ok := strings.CutPrefix(l, "# sent_id = "); ok {
				sentID = strings.TrimSpace(v)
			}
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) < 3 {
			return nil, fmt.Errorf("%s:%d: %d columns: %w", name, n, len(f), ErrFormat)
		}
		if strings.ContainsAny(f[0], "-.") {
			continue // multiword range or empty node
		}
		tok := strings.TrimSpace(f[1])
		if tok == "" {
			return nil, fmt.Errorf("%s:%d: empty token: %w", name, n, ErrFormat)
		}
		cell, _, _ := strings.Cut(f[len(f)-1], ";")
		tag := "O"
		if cell != "*" && cell != "_" && cell != "" {
			if id, typ, ok := strings.Cut(cell, ":"); ok {
				if typ == "" {
					return nil, fmt.Errorf("%s:%d: empty entity type: %w", name, n, ErrFormat)
				}
				open[id] = typ
				tag = "B-" + typ
			} else if typ, ok := open[cell]; ok {
				tag = "I-" + typ
			}
		}
		sent.Words = append(sent.Words, tok)
		sent.Tags = append(sent.Tags, tag)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	flush()
	return docs, nil
}

// ReadNKJP reads the NKJP named-entity layer in PolDeepNer's IOB form:
// "-DOCSTART FILE id" lines, tab-separated "orth base ctag TAG" tokens, a
// blank line between sentences. Tags join nested layers with "#"
// ("B-persName#B-persName-forename"); only the outermost layer is kept, with
// its subtype ("placeName-country" → "placeName"). name labels errors.
func ReadNKJP(r io.Reader, name string) ([]Document, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<22)
	var docs []Document
	var sent Sentence
	flush := func() {
		if len(sent.Words) == 0 {
			return
		}
		if len(docs) == 0 {
			docs = append(docs, Document{})
		}
		sent.Tags = ToIOB2(sent.Tags)
		docs[len(docs)-1].Sents = append(docs[len(docs)-1].Sents, sent)
		sent = Sentence{}
	}
	for n := 1; sc.Scan(); n++ {
		l := strings.TrimRight(sc.Text(), "\r")
		if rest, ok := strings.CutPrefix(l, "-DOCSTART"); ok {
			flush()
			if id, ok := strings.CutPrefix(strings.TrimSpace(rest), "FILE "); ok {
				docs = append(docs, Document{ID: strings.TrimSpace(id)})
			}
			continue
		}
		if strings.TrimSpace(l) == "" {
			flush()
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) < 2 {
			return nil, fmt.Errorf("%s:%d: %d columns, want orth ... TAG: %w", name, n, len(f), ErrFormat)
		}
		tok := strings.TrimSpace(f[0])
		if tok == "" {
			return nil, fmt.Errorf("%s:%d: empty token: %w", name, n, ErrFormat)
		}
		tag, _, _ := strings.Cut(strings.TrimSpace(f[len(f)-1]), "#")
		if !validTag(tag) {
			return nil, fmt.Errorf("%s:%d: bad tag %q: %w", name, n, tag, ErrFormat)
		}
		if tag != "O" {
			typ, _, _ := strings.Cut(tag[2:], "-")
			tag = tag[:2] + typ
		}
		sent.Words = append(sent.Words, tok)
		sent.Tags = append(sent.Tags, tag)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	flush()
	out := docs[:0]
	for _, d := range docs {
		if len(d.Sents) > 0 {
			out = append(out, d)
		}
	}
	return out, nil
}

// MapTypes renames the entity types of IOB2 tags with m; a type m maps to ""
// (or lacks) becomes O.
func MapTypes(docs []Document, m map[string]string) {
	for i := range docs {
		for j := range docs[i].Sents {
			tags := docs[i].Sents[j].Tags
			for k, t := range tags {
				if t == "O" || len(t) < 3 {
					tags[k] = "O"
					continue
				}
				if to := m[t[2:]]; to != "" {
					tags[k] = t[:2] + to
				} else {
					tags[k] = "O"
				}
			}
			docs[i].Sents[j].Tags = ToIOB2(tags)
		}
	}
}

// MapSpans renames the types of spans with m (unmapped types become "").
func MapSpans(spans []CharSpan, m map[string]string) []CharSpan {
	out := make([]CharSpan, 0, len(spans))
	for _, s := range spans {
		s.Type = m[s.Type]
		if s.Type != "" {
			out = append(out, s)
		}
	}
	return out
}

// Chunk regroups the sentences of documents without boundaries into
// pseudo-documents of at most n consecutive sentences (the files keep
// document order, so neighbours mostly share a document), named
// prefix#index.
func Chunk(docs []Document, n int, prefix string) []Document {
	var out []Document
	for _, d := range docs {
		for i := 0; i < len(d.Sents); i += n {
			out = append(out, Document{ID: prefix + "#" + strconv.Itoa(len(out)), Sents: d.Sents[i:min(i+n, len(d.Sents))]})
		}
	}
	return out
}
