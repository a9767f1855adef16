package entity

import (
	"bufio"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/segment"
	"github.com/newsgraph/newsgraph/internal/sharedtest"
)

// nerelTypes maps the NEREL types given to the entity layer as mentions.
var nerelTypes = map[string]string{"PERSON": "PERSON", "ORGANIZATION": "ORG", "COUNTRY": "LOC", "CITY": "LOC",
	"STATE_OR_PROVINCE": "LOC", "NATIONALITY": "NORP"}

// TestNERELRoles measures Russian role reading on the NEREL dev split
// (Russian Wikinews; gold PERSON, ORGANIZATION and place mentions stand in
// for the recognizer): a gold role is a PROFESSION linked to a person by
// WORKS_AS and written next to the name (title before it, or apposition
// after it, at most two characters apart); it is found when a role of the
// person's entity contains it or is contained in it. Precision counts the
// roles read that overlap a gold PROFESSION mention. The corpus is read
// from ../shared; nothing is copied.
func TestNERELRoles(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus measurement")
	}
	dir := sharedtest.Path(t, "data-ml", "ru-nerel", "dev")
	files, _ := filepath.Glob(filepath.Join(dir, "*.ann"))
	if len(files) == 0 {
		t.Skipf("no NEREL dev files in %s", dir)
	}
	found, gold, good, read := 0, 0, 0, 0
	for _, f := range files {
		b, err := os.ReadFile(strings.TrimSuffix(f, ".ann") + ".txt")
		if err != nil {
			continue
		}
		text := string(b)
		byteAt := make([]int, 0, len(text)+1)
		for i := range text {
			byteAt = append(byteAt, i)
		}
		byteAt = append(byteAt, len(text))
		type ann struct {
			typ        string
			start, end int
		}
		anns := map[string]ann{}
		var rels [][2]string
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			p := strings.Split(sc.Text(), "\t")
			if len(p) < 2 {
				continue
			}
			if strings.HasPrefix(p[0], "T") {
				fs := strings.Fields(strings.ReplaceAll(p[1], ";", " "))
				if len(fs) != 3 {
					continue // discontinuous
				}
				s, e1 := strconv.Atoi(fs[1])
				e, e2 := strconv.Atoi(fs[2])
				if e1 != nil || e2 != nil || s < 0 || e >= len(byteAt) || s >= e {
					continue
				}
				anns[p[0]] = ann{fs[0], byteAt[s], byteAt[e]}
			} else if strings.HasPrefix(p[0], "R") {
				fs := strings.Fields(p[1])
				if len(fs) == 3 && fs[0] == "WORKS_AS" {
					rels = append(rels, [2]string{strings.TrimPrefix(fs[1], "Arg1:"), strings.TrimPrefix(fs[2], "Arg2:")})
				}
			}
		}
		fh.Close()
		d := &doc.Doc{Text: text, Lang: "ru"}
		off := 0
		for _, line := range strings.SplitAfter(text, "\n") {
			if l := strings.TrimRight(line, "\r\n"); strings.TrimSpace(l) != "" {
				d.Paragraphs = append(d.Paragraphs, doc.Span{Start: off, End: off + len(l)})
			}
			off += len(line)
		}
		if err := (segment.Segmenter{}).Process(d); err != nil {
			t.Fatal(err)
		}
		// outermost mentions of the types a recognizer gives
		var ms []ann
		for _, a := range anns {
			if _, ok := nerelTypes[a.typ]; ok {
				ms = append(ms, a)
			}
		}
		sort.Slice(ms, func(i, j int) bool {
			if ms[i].start != ms[j].start {
				return ms[i].start < ms[j].start
			}
			return ms[i].end > ms[j].end
		})
		last := -1
		for _, a := range ms {
			if a.start < last {
				continue
			}
			tok := d.TokenAt(a.start)
			if tok >= len(d.Tokens) || d.Tokens[tok].Start != a.start {
				continue
			}
			end := tok
			for end < len(d.Tokens) && d.Tokens[end].End <= a.end {
				end++
			}
			if end == tok || d.Tokens[end-1].End != a.end {
				continue
			}
			d.Mentions = append(d.Mentions, doc.Mention{Span: doc.Span{Start: a.start, End: a.end}, Type: nerelTypes[a.typ], Tok: tok, EndTok: end})
			last = a.end
		}
		if err := New().Process(d); err != nil {
			t.Fatal(err)
		}
		if os.Getenv("NEREL_DESC") != "" {
			for _, e := range d.Entities {
				for _, m := range e.Mentions {
					txt := d.Slice(m)
					if txt != "" && !isCapWord(txt) || strings.Contains(txt, " ") && !isCapWord(strings.Fields(txt)[1]) {
						lo := max(0, m.Start-60)
						t.Logf("desc %q -> %q in %q", txt, e.Name, d.Text[lo:min(len(d.Text), m.End+20)])
					}
				}
			}
		}
		entAt := func(s, e int) *doc.Entity {
			for i := range d.Entities {
				for _, m := range d.Entities[i].Mentions {
					if m.Start == s && m.End == e || m.Start <= s && e <= m.End {
						return &d.Entities[i]
					}
				}
			}
			return nil
		}
		for _, r := range rels {
			p, q := anns[r[0]], anns[r[1]]
			if p.typ != "PERSON" || q.typ != "PROFESSION" {
				continue
			}
			if !(q.end <= p.start && p.start-q.end <= 2 || p.end <= q.start && q.start-p.end <= 2) {
				continue
			}
			gold++
			missed := true
			defer func(p, q ann) {
				if missed && os.Getenv("NEREL_DEBUG") != "" {
					lo, hi := max(0, min(p.start, q.start)-40), min(len(text), max(p.end, q.end)+20)
					t.Logf("missed %q for %q in %q", text[q.start:q.end], text[p.start:p.end], text[lo:hi])
				}
			}(p, q)
			prof := strings.ToLower(text[q.start:q.end])
			if e := entAt(p.start, p.end); e != nil {
				for _, role := range e.Roles {
					rl := strings.ToLower(role)
					if strings.Contains(rl, prof) || strings.Contains(prof, rl) {
						found++
						missed = false
						break
					}
				}
			}
		}
		var profs []string
		for _, a := range anns {
			if a.typ == "PROFESSION" {
				profs = append(profs, strings.ToLower(text[a.start:a.end]))
			}
		}
		for _, e := range d.Entities {
			for _, role := range e.Roles {
				read++
				rl := strings.ToLower(role)
				for _, p := range profs {
					if strings.Contains(rl, p) || strings.Contains(p, rl) {
						good++
						break
					}
				}
			}
		}
	}
	rec := float64(found) / float64(max(gold, 1))
	prec := float64(good) / float64(max(read, 1))
	t.Logf("NEREL dev roles next to names: recall %.3f (%d/%d); roles read that overlap a gold PROFESSION: %.3f (%d/%d)", rec, found, gold, prec, good, read)
	if gold > 50 && rec < 0.5 {
		t.Errorf("role recall %.3f < 0.5", rec)
	}
}
