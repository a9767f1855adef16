package timex_test

import (
	"fmt"

	"github.com/newsgraph/newsgraph/internal/timex"
)

func ExampleTagger_Tag() {
	tg, err := timex.New(timex.Config{})
	if err != nil {
		panic(err)
	}
	text := "The minister said on Tuesday that talks will resume on Friday at 10 a.m. and end by mid-2026."
	dates, _ := tg.Tag(text, "en", "2025-02-13", nil)
	for _, d := range dates {
		fmt.Printf("%q %s", text[d.Start:d.End], d.Value)
		if d.Mod != "" {
			fmt.Printf(" %s", d.Mod)
		}
		fmt.Println()
	}
	// Output:
	// "Tuesday" 2025-02-11
	// "Friday at 10 a.m." 2025-02-14T10:00
	// "mid-2026" 2026 MID
}
