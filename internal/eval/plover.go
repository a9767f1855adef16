package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/internal/analyze"
	"github.com/newsgraph/newsgraph/internal/doc"
)

// PLOVERMapping maps the PLOVER 0.5b1 categories of the gold-standard
// records (../shared/data/plover/gold_standard_records) onto the current
// 16 types (PLOVER manual; DEMAND was renamed REQUEST, DISAPPROVE and
// INVESTIGATE became modes of ACCUSE, FIGHT merged into ASSAULT).
var PLOVERMapping = map[string]string{
	"DEMAND":      "REQUEST",
	"DISAPPROVE":  "ACCUSE",
	"INVESTIGATE": "ACCUSE",
	"FIGHT":       "ASSAULT",
}

// ploverRecord is one gold-standard record.
type ploverRecord struct {
	ID     string       `json:"id"`
	Date   string       `json:"date"`
	Event  string       `json:"event"`
	Text   string       `json:"text"`
	Source ploverActors `json:"source"`
	Target ploverActors `json:"target"`
}

type ploverActor struct {
	ActorText string `json:"actorText"`
}

// ploverActors is a record's actor list; some records write "" or null
// where there is no actor.
type ploverActors []ploverActor

// UnmarshalJSON accepts a list of actors, or a string or null for none.
func (a *ploverActors) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] != '[' {
		*a = nil
		return nil
	}
	var l []ploverActor
	if err := json.Unmarshal(b, &l); err != nil {
		return err
	}
	*a = l
	return nil
}

// PLOVERResult holds the measures over the gold-standard records.
type PLOVERResult struct {
	Records int `json:"records"`
	// Coded: records for which the coder produced any event.
	Coded Count `json:"coded"`
	// Type: records whose gold type (mapped) is among the system's event types.
	Type Count `json:"type"`
	// Source and Target: among records with the right type, the system
	// event of that type has an actor (recipient) whose mentions share a
	// word with the gold actor text.
	Source Count `json:"source"`
	Target Count `json:"target"`
	// PerType is the type accuracy per gold type.
	PerType map[string]*Count `json:"per_type"`
}

// PLOVER runs the analyzer over each gold-standard sentence in file and
// reports type and actor accuracy.
func PLOVER(an *analyze.Analyzer, file string, w io.Writer) (*PLOVERResult, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var recs []ploverRecord
	if err := json.Unmarshal(b, &recs); err != nil {
		return nil, fmt.Errorf("%s: %w: %v", file, ErrGold, err)
	}
	res := &PLOVERResult{PerType: map[string]*Count{}}
	for _, r := range recs {
		if r.Event == "DOCUMENT" || strings.TrimSpace(r.Text) == "" {
			continue
		}
		res.Records++
		gold := r.Event
		if m, ok := PLOVERMapping[gold]; ok {
			gold = m
		}
		pt := res.PerType[gold]
		if pt == nil {
			pt = &Count{}
			res.PerType[gold] = pt
		}
		pt.Total++
		res.Coded.Total++
		res.Type.Total++
		d, err := an.Analyze(doc.Article{Source: r.ID, Body: r.Text, Lang: "en", Published: r.Date})
		if err != nil {
			continue
		}
		j := d.ToJSON()
		if len(j.Events) > 0 {
			res.Coded.Found++
		}
		names := map[string][]string{}
		for _, e := range j.Entities {
			ns := []string{e.Name}
			for _, m := range e.Mentions {
				ns = append(ns, m.Text)
			}
			names[e.ID] = ns
		}
		var hit *doc.JSONEvent
		for k := range j.Events {
			if j.Events[k].Type == gold {
				hit = &j.Events[k]
				break
			}
		}
		if hit == nil {
			continue
		}
		res.Type.Found++
		pt.Found++
		if len(r.Source) > 0 {
			res.Source.Total++
			if actorsOverlap(hit.Source, names, r.Source) {
				res.Source.Found++
			}
		}
		if len(r.Target) > 0 {
			res.Target.Total++
			if actorsOverlap(hit.Target, names, r.Target) {
				res.Target.Found++
			}
		}
	}
	if w != nil {
		fmt.Fprintf(w, "PLOVER gold-standard records: %d (types mapped: %v)\n", res.Records, mappingString())
		fmt.Fprintf(w, "coded (any event)   %s\n", res.Coded)
		fmt.Fprintf(w, "type accuracy       %s\n", res.Type)
		fmt.Fprintf(w, "source accuracy     %s  (among records with the right type)\n", res.Source)
		fmt.Fprintf(w, "target accuracy     %s\n", res.Target)
		var types []string
		for t := range res.PerType {
			types = append(types, t)
		}
		sort.Strings(types)
		for _, t := range types {
			fmt.Fprintf(w, "  %-10s %s\n", t, *res.PerType[t])
		}
	}
	return res, nil
}

func mappingString() string {
	var ks []string
	for k, v := range PLOVERMapping {
		ks = append(ks, k+"→"+v)
	}
	sort.Strings(ks)
	return strings.Join(ks, ", ")
}

// actorsOverlap says whether one of the system actors shares a word with
// one of the gold actor texts.
func actorsOverlap(ids []string, names map[string][]string, gold []ploverActor) bool {
	gw := map[string]bool{}
	for _, a := range gold {
		for _, w := range words(a.ActorText) {
			gw[w] = true
		}
	}
	for _, id := range ids {
		for _, n := range names[id] {
			for _, w := range words(n) {
				if gw[w] {
					return true
				}
			}
		}
	}
	return false
}
