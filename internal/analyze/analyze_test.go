package analyze

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/doc"
	_ "github.com/newsgraph/newsgraph/internal/install"
	"github.com/newsgraph/newsgraph/internal/source"
)

const sample = `English

Ministers agree to resume talks

Foreign Secretary Anna Lindqvist said on Tuesday that Sweden would meet Finland in Helsinki.

"We will not accept a deal that costs $500 billion," Lindqvist told reporters. The Finnish prime minister, Mikko Aalto, rejected the plan last week.
`

func TestRunOrderAndErrors(t *testing.T) {
	an, err := New()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var inputs []string
	for i, body := range []string{sample, "", sample + "\nMore.", "\x00\x01binary"} {
		p := dir + "/" + string(rune('a'+i)) + ".txt"
		if err := writeFile(p, body); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, p)
	}
	var got []string
	err = an.Run(inputs, nil, source.Options{Published: "2025-02-13"}, func(r Result) error {
		if r.Err != nil {
			got = append(got, "err:"+r.Input[len(dir)+1:])
			return nil
		}
		got = append(got, "ok:"+r.Input[len(dir)+1:])
		if err := r.Doc.ToJSON().CheckSpans(); err != nil {
			t.Error(err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, " ") != "ok:a.txt err:b.txt ok:c.txt err:d.txt" {
		t.Errorf("results = %v, want input order with per-input errors", got)
	}
	// fn's error stops the run and is returned.
	stop := errors.New("stop")
	if err := an.Run(inputs, nil, source.Options{}, func(Result) error { return stop }); err != stop {
		t.Errorf("err = %v, want the callback's error", err)
	}
}

// TestRunSlotsAndJSON checks that with CPU slots no more documents are
// analysed at once than there are tokens, and that JSON results are the
// documents' own JSON form.
func TestRunSlotsAndJSON(t *testing.T) {
	an, err := New()
	if err != nil {
		t.Fatal(err)
	}
	an.Workers = 4
	an.CPU = make(chan struct{}, 1)
	an.JSON = true
	dir := t.TempDir()
	var inputs []string
	for i := range 6 {
		p := dir + "/" + string(rune('a'+i)) + ".txt"
		if err := writeFile(p, sample+strings.Repeat("\nMore.", i)); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, p)
	}
	// the caller holds the only slot: nothing can be analysed until it
	// gives it back
	an.CPU <- struct{}{}
	released := false
	go func() { released = true; <-an.CPU }()
	n := 0
	err = an.Run(inputs, nil, source.Options{Published: "2025-02-13"}, func(r Result) error {
		n++
		if r.Err != nil || r.JSON == nil {
			t.Fatalf("%s: err %v, JSON %v", r.Input, r.Err, r.JSON != nil)
		}
		if len(an.CPU) > 1 {
			t.Errorf("%d slots taken of 1", len(an.CPU))
		}
		if r.JSON.ID != r.Doc.ID || len(r.JSON.Entities) != len(r.Doc.ToJSON().Entities) {
			t.Errorf("%s: JSON form differs from the document", r.Input)
		}
		return nil
	})
	if err != nil || n != len(inputs) || !released {
		t.Fatalf("err %v, %d results", err, n)
	}
}

// FuzzAnalyze runs the whole default pipeline over arbitrary text: it must
// never fail on non-empty valid text and every span must match its text.
func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{sample, "“Quote” he said.", "Mr. X met Y in Z on Monday, $3-5bn.", "«Ми готові», — сказав він.", "\"\"\"", "a\n\n\"b\n\n\"c"} {
		f.Add(s)
	}
	an, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body string) {
		if len(body) > 1<<14 || !utf8.ValidString(body) {
			return
		}
		d, err := an.Analyze(doc.Article{Body: body, Published: "2025-02-13"})
		if err != nil {
			if errors.Is(err, doc.ErrEmpty) {
				return
			}
			t.Fatalf("analyze %q: %v", body, err)
		}
		if err := d.ToJSON().CheckSpans(); err != nil {
			t.Fatalf("%q: %v", body, err)
		}
	})
}
