package timex

import (
	"os"
	"testing"
)

func TestDebug(t *testing.T) {
	s := os.Getenv("TIMEX_DEBUG")
	if s == "" {
		t.Skip()
	}
	tg, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	ds, _ := tg.Tag(s, "en", os.Getenv("TIMEX_DCT"), nil)
	for _, d := range ds {
		t.Logf("%q %s %s", s[d.Start:d.End], d.Value, d.Mod)
	}
}
