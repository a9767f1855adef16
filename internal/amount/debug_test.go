package amount

import (
	"os"
	"strconv"
	"testing"
)

func TestDebug(t *testing.T) {
	s := os.Getenv("AMOUNT_DEBUG")
	if s == "" {
		t.Skip()
	}
	tg, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	as, _ := tg.Tag(s, "en")
	for _, a := range as {
		v, m := "nil", ""
		if a.Value != nil {
			v = fmtF(*a.Value)
		}
		if a.Max != nil {
			m = fmtF(*a.Max)
		}
		t.Logf("%q v=%s max=%s unit=%s q=%q per=%q", s[a.Start:a.End], v, m, a.Unit, a.Qualifier, a.Per)
	}
}

func fmtF(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }
