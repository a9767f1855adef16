package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/internal/event"
	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/backend"
)

// exportFlags holds the flags of export.
var exportFlags struct {
	db, format, table string
}

func init() {
	register(&command{
		name:  "export",
		args:  "--format jsonl|csv|gkg|events-tsv [--table entities|quotes|events] [--db FILE]",
		short: "write the stored record as JSON Lines, CSV or GDELT GKG 2.1 TSV",
		long: `Writes every stored document to standard output:

  jsonl  one newsgraph.document/1 object per line, with corpus-wide entity
         ids and the story (near-duplicate group) of each document
  csv    one table: --table entities (one row per entity per document),
         quotes or events; a header row first
  gkg    GDELT Global Knowledge Graph 2.1 records (27 tab-separated columns,
         one per document) so GDELT tooling can read the output: persons,
         organizations and locations with offsets, quotations with offsets
         and verbs, dates and amounts. Columns newsgraph does not produce
         (themes, tone, GCAM, images, geocodes) are left empty.
  events-tsv  one tab-separated row per event (document, dates, type,
         mode, source and target ids and names, location, negated,
         hypothetical, evidence), a header row first: for R or pandas.`,
		setup: func(fs *flag.FlagSet) {
			fs.StringVar(&exportFlags.db, "db", "", "database: SQLite `file` or postgres:// URL (default $"+backend.EnvVar+", then ./"+backend.DefaultPath+")")
			fs.StringVar(&exportFlags.format, "format", "jsonl", "output `format`: jsonl, csv, gkg or events-tsv")
			fs.StringVar(&exportFlags.table, "table", "entities", "CSV `table`: entities, quotes or events")
		},
		run: runExport,
	})
}

func runExport(env *cmdEnv, args []string) int {
	f := exportFlags
	if len(args) > 0 {
		return usageError(env, "export", "unexpected argument %q", args[0])
	}
	var write func(w io.Writer, d *store.Document, seq int) error
	var header []string
	switch f.format {
	case "jsonl":
		write = func(w io.Writer, d *store.Document, _ int) error {
			enc := json.NewEncoder(w)
			enc.SetEscapeHTML(false)
			return enc.Encode(d)
		}
	case "csv":
		var rows func(d *store.Document) [][]string
		switch f.table {
		case "entities":
			header, rows = []string{"document", "published", "entity", "name", "type", "roles", "mentions"}, entityRows
		case "quotes":
			header, rows = []string{"document", "published", "speaker", "speaker_name", "cue", "direct", "start", "end", "text"}, quoteRows
		case "events":
			header, rows = []string{"document", "published", "type", "mode", "source", "target", "date", "location", "negated", "hypothetical", "evidence_start", "evidence_end", "evidence"}, eventRows
		default:
			return usageError(env, "export", "--table %q: want entities, quotes or events", f.table)
		}
		write = func(w io.Writer, d *store.Document, _ int) error {
			cw := csv.NewWriter(w)
			cw.WriteAll(rows(d))
			return cw.Error()
		}
	case "events-tsv":
		write = func(w io.Writer, d *store.Document, seq int) error {
			if seq == 1 {
				if err := event.WriteTSVHeader(w); err != nil {
					return err
				}
			}
			return event.WriteTSV(w, &d.JSON)
		}
	case "gkg":
		write = func(w io.Writer, d *store.Document, seq int) error {
			_, err := io.WriteString(w, strings.Join(gkgRecord(d, seq), "\t")+"\n")
			return err
		}
	default:
		return usageError(env, "export", "--format %q: want jsonl, csv, gkg or events-tsv", f.format)
	}
	st, err := backend.Open(context.Background(), backend.Target(f.db), true)
	if err != nil {
		fmt.Fprintf(env.stderr, "newsgraph export: %v\n", err)
		return exitFailed
	}
	defer st.Close()
	out := bufio.NewWriterSize(env.stdout, 1<<16)
	defer out.Flush()
	if header != nil {
		cw := csv.NewWriter(out)
		cw.Write(header)
		cw.Flush()
	}
	seq := 0
	err = st.Documents(context.Background(), func(d *store.Document) error {
		seq++
		return write(out, d, seq)
	})
	if err != nil {
		out.Flush()
		fmt.Fprintf(env.stderr, "newsgraph export: %v\n", err)
		return exitFailed
	}
	return exitOK
}

func pub(d *store.Document) string {
	if d.Published == nil {
		return ""
	}
	return *d.Published
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func entityRows(d *store.Document) [][]string {
	var out [][]string
	for _, e := range d.Entities {
		out = append(out, []string{d.ID, pub(d), e.ID, e.Name, e.Type, strings.Join(e.Roles, "; "), strconv.Itoa(len(e.Mentions))})
	}
	return out
}

func quoteRows(d *store.Document) [][]string {
	var out [][]string
	for _, q := range d.Quotes {
		out = append(out, []string{d.ID, pub(d), deref(q.Speaker), deref(q.SpeakerName), deref(q.Cue), strconv.FormatBool(q.Direct),
			strconv.Itoa(q.Start), strconv.Itoa(q.End), q.Text})
	}
	return out
}

func eventRows(d *store.Document) [][]string {
	var out [][]string
	for _, e := range d.Events {
		out = append(out, []string{d.ID, pub(d), e.Type, deref(e.Mode), strings.Join(e.Source, ";"), strings.Join(e.Target, ";"),
			deref(e.Date), deref(e.Location), strconv.FormatBool(e.Negated), strconv.FormatBool(e.Hypothetical),
			strconv.Itoa(e.Evidence.Start), strconv.Itoa(e.Evidence.End), e.Evidence.Text})
	}
	return out
}

// gkgClean removes the GKG delimiters from a field value.
var gkgClean = strings.NewReplacer("\t", " ", "\n", " ", "\r", " ", ";", ",", "#", " ", "|", " ")

// gkgName cleans a name for a Name,Offset block (no commas either).
func gkgName(s string) string { return strings.ReplaceAll(gkgClean.Replace(s), ",", " ") }

// gkgRecord makes the 27 columns of one GKG 2.1 record
// (../shared/data/gdelt-docs/GKG_FIELDS.md).
func gkgRecord(d *store.Document, seq int) []string {
	col := make([]string, 27)
	stamp := "00000000000000"
	if p := pub(d); len(p) >= 10 {
		stamp = strings.ReplaceAll(p[:10], "-", "") + "000000"
		if len(p) >= 19 && p[10] == 'T' {
			stamp = strings.ReplaceAll(p[:10], "-", "") + strings.ReplaceAll(p[11:19], ":", "")
		}
	}
	col[0] = fmt.Sprintf("%s-%d", stamp, seq)
	col[1] = stamp
	col[2] = "1" // WEB
	if u, err := url.Parse(d.Source); err == nil && u.Host != "" {
		col[3] = strings.TrimPrefix(u.Host, "www.")
	}
	col[4] = gkgClean.Replace(d.Source)
	var persons, persons2, orgs, orgs2, locs, locs2, all []string
	seen := map[string]bool{}
	for _, e := range d.Entities {
		name := gkgName(e.Name)
		for _, m := range e.Mentions {
			off := strconv.Itoa(m.Start)
			all = append(all, name+","+off)
			switch e.Type {
			case "PERSON":
				persons2 = append(persons2, name+","+off)
			case "ORG":
				orgs2 = append(orgs2, name+","+off)
			case "GPE", "LOC", "FAC":
				// type 4 (world city) with no geocode: newsgraph does not geocode
				locs2 = append(locs2, "4#"+name+"#######"+off)
			}
		}
		if seen[e.Type+name] {
			continue
		}
		seen[e.Type+name] = true
		switch e.Type {
		case "PERSON":
			persons = append(persons, name)
		case "ORG":
			orgs = append(orgs, name)
		case "GPE", "LOC", "FAC":
			locs = append(locs, "4#"+name+"#####")
		}
	}
	col[9], col[10] = strings.Join(locs, ";"), strings.Join(locs2, ";")
	col[11], col[12] = strings.Join(persons, ";"), strings.Join(persons2, ";")
	col[13], col[14] = strings.Join(orgs, ";"), strings.Join(orgs2, ";")
	var dates []string
	for _, t := range d.Dates {
		if t.Value == nil {
			continue
		}
		v := *t.Value
		y, m, dd, res := "0", "0", "0", ""
		switch {
		case len(v) == 4:
			y, res = v, "1"
		case len(v) == 7 && v[4] == '-':
			y, m, res = v[:4], strings.TrimLeft(v[5:7], "0"), "2"
		case len(v) == 10 && v[4] == '-' && v[7] == '-':
			y, m, dd, res = v[:4], strings.TrimLeft(v[5:7], "0"), strings.TrimLeft(v[8:10], "0"), "3"
		default:
			continue
		}
		dates = append(dates, strings.Join([]string{res, m, dd, y, strconv.Itoa(t.Start)}, ","))
	}
	col[16] = strings.Join(dates, ";")
	col[17] = "wc:" + strconv.Itoa(len(strings.Fields(d.Text)))
	var quotes []string
	for _, q := range d.Quotes {
		quotes = append(quotes, strings.Join([]string{strconv.Itoa(q.Start), strconv.Itoa(q.End - q.Start), gkgClean.Replace(deref(q.Cue)), gkgClean.Replace(q.Text)}, "|"))
	}
	col[22] = strings.Join(quotes, "#")
	col[23] = strings.Join(all, ";")
	var amounts []string
	for _, a := range d.Amounts {
		if a.Value == nil || a.Unit == "percent" {
			continue // GKG does not carry percentages
		}
		amounts = append(amounts, strconv.FormatFloat(*a.Value, 'f', -1, 64)+","+gkgName(a.Unit)+","+strconv.Itoa(a.Start))
	}
	col[24] = strings.Join(amounts, ";")
	return col
}
