package langid_test

import (
	"fmt"

	"github.com/newsgraph/newsgraph/internal/langid"
)

func ExampleDetect() {
	fmt.Println(langid.Detect("Уряд оголосив у вівторок, що наступного року підвищить податки."))
	fmt.Println(langid.Detect("Le gouvernement a annoncé mardi une hausse des taxes."))
	fmt.Println(langid.Detect("OK"))
	// Output:
	// uk
	// fr
	// und
}
