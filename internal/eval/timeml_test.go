package eval

import (
	"flag"
	"github.com/newsgraph/newsgraph/internal/sharedtest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var timemlVerbose = flag.Bool("timeml.v", false, "list every TimeML miss")

// sharedDir finds ../shared next to the repository root.
func sharedDir(t testing.TB) string { return sharedtest.Dir(t) }

func TestReadTimeML(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.tml")
	src := `<?xml version="1.0" ?>
<TimeML><DOCID>x</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>Prices fell <TIMEX3 tid="t1" type="DATE" value="1998-01-07">yesterday</TIMEX3> &amp; rose <TIMEX3 tid="t2" type="DURATION" value="P1W">for a week</TIMEX3>.</TEXT>
</TimeML>`
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	td, err := readTimeML(p)
	if err != nil {
		t.Fatal(err)
	}
	if td.dct != "1998-01-08" || td.text != "Prices fell yesterday & rose for a week." || len(td.gold) != 2 {
		t.Fatalf("got %+v", td)
	}
	if g := td.gold[0]; td.text[g.start:g.end] != "yesterday" || g.value != "1998-01-07" {
		t.Errorf("gold 0 = %+v", g)
	}
	var sb strings.Builder
	res, err := TimeML(dir, &sb)
	if err != nil {
		t.Fatal(err)
	}
	if res.Total.Gold != 1 || res.Total.ValueRight != 1 || res.Total.OtherType != 0 {
		t.Errorf("result %+v\n%s", res.Total, sb.String())
	}
}

func TestCanonicalValue(t *testing.T) {
	for in, want := range map[string]string{
		"1998-W7": "1998-W07", "1998-W7-WE": "1998-W07-WE", "1998-W12": "1998-W12",
		"1998-WXX": "1998-WXX", "1998-02-07": "1998-02-07", "PRESENT_REF": "PRESENT_REF", "": "",
	} {
		if got := canonicalValue(in); got != want {
			t.Errorf("canonicalValue(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestTimeMLCorpus runs the TempEval-3 training data (TimeBank, AQUAINT)
// and prints the scores; it asserts nothing about them.
func TestTimeMLCorpus(t *testing.T) {
	dir := filepath.Join(sharedDir(t), "data", "tempeval3", "Training", "TBAQ-cleaned")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("TempEval-3 data not found at %s: skipping", dir)
	}
	var sb strings.Builder
	var err error
	if *timemlVerbose {
		_, err = TimeMLVerbose(dir, &sb)
	} else {
		_, err = TimeML(dir, &sb)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + sb.String())
}
