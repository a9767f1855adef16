package event

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// TSVHeader names the columns of WriteTSV, in order.
var TSVHeader = []string{"document", "published", "date", "type", "mode",
	"source_ids", "source_names", "target_ids", "target_names",
	"location_id", "location_name", "negated", "hypothetical", "evidence"}

// tsvClean keeps field values on one line and in one column.
var tsvClean = strings.NewReplacer("\t", " ", "\n", " ", "\r", " ")

// WriteTSVHeader writes the header row of WriteTSV.
func WriteTSVHeader(w io.Writer) error {
	_, err := io.WriteString(w, strings.Join(TSVHeader, "\t")+"\n")
	if err != nil {
		return fmt.Errorf("writing events header: %w", err)
	}
	return nil
}

// WriteTSV writes one tab-separated row per event of d (the form analysts
// load into R or pandas): document, publication date, event date, type,
// mode, source and target ids and names (";"-joined), location, negated,
// hypothetical and the primary evidence text. Tabs and line breaks inside
// values become spaces; missing values are empty.
func WriteTSV(w io.Writer, d *doc.JSON) error {
	names := make(map[string]string, len(d.Entities))
	for _, e := range d.Entities {
		names[e.ID] = e.Name
	}
	nameList := func(ids []string) string {
		ns := make([]string, len(ids))
		for i, id := range ids {
			ns[i] = names[id]
		}
		return strings.Join(ns, ";")
	}
	str := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	var b strings.Builder
	for _, e := range d.Events {
		loc := str(e.Location)
		row := []string{d.ID, str(d.Published), str(e.Date), e.Type, str(e.Mode),
			strings.Join(e.Source, ";"), nameList(e.Source), strings.Join(e.Target, ";"), nameList(e.Target),
			loc, names[loc], strconv.FormatBool(e.Negated), strconv.FormatBool(e.Hypothetical), e.Evidence.Text}
		for i, f := range row {
			if i > 0 {
				b.WriteByte('\t')
			}
			b.WriteString(tsvClean.Replace(f))
		}
		b.WriteByte('\n')
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("writing events of %s: %w", d.ID, err)
	}
	return nil
}
