package amount_test

import (
	"fmt"

	"github.com/newsgraph/newsgraph/internal/amount"
)

func ExampleTagger_Tag() {
	tg, err := amount.New(amount.Config{})
	if err != nil {
		panic(err)
	}
	text := "The plan costs $3-5 billion, about £5 an hour for more than 40,000 workers."
	amounts, _ := tg.Tag(text, "en")
	for _, a := range amounts {
		fmt.Printf("%q %g", text[a.Start:a.End], *a.Value)
		if a.Max != nil {
			fmt.Printf("-%g", *a.Max)
		}
		fmt.Printf(" %s %q %q\n", a.Unit, a.Qualifier, a.Per)
	}
	// Output:
	// "$3-5 billion" 3e+09-5e+09 USD "" ""
	// "about £5 an hour" 5 GBP "about" "hour"
	// "more than 40,000 workers" 40000 people "more than" ""
}
