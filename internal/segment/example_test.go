package segment_test

import (
	"fmt"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/segment"
)

func ExampleTokenize() {
	text := `The U.S. firm's shares didn't rise 2.5% on Sept. 30.`
	for _, t := range segment.Tokenize(text) {
		fmt.Printf("%s|", text[t.Start:t.End])
	}
	fmt.Println()
	// Output: The|U.S.|firm|'s|shares|did|n't|rise|2.5|%|on|Sept.|30|.|
}

func ExampleSegment() {
	text := "He moved to the U.S. The move was hard.\n\nGen. Smith said \"no.\" Then he left."
	_, sents := segment.Segment(text, "en")
	for _, s := range sents {
		fmt.Printf("%d: %s\n", s.Para, text[s.Start:s.End])
	}
	// Output:
	// 0: He moved to the U.S.
	// 0: The move was hard.
	// 1: Gen. Smith said "no."
	// 1: Then he left.
}

func ExampleSegmenter() {
	d, err := doc.New(doc.Article{Lang: "de", Title: "Streik", Body: "Am 3. Oktober streikten z. B. die Fahrer. Die Bahn stand still."})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := (segment.Segmenter{}).Process(d); err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range d.Sentences {
		fmt.Println(d.Slice(s.Span))
	}
	// Output:
	// Streik
	// Am 3. Oktober streikten z. B. die Fahrer.
	// Die Bahn stand still.
}
