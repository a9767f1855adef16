package event

import (
	"strings"
	"testing"
)

// BenchmarkCoder codes a synthetic document of sentences written for the
// benchmark, with quotes that the stance rule reads.
func BenchmarkCoder(b *testing.B) {
	var sb strings.Builder
	for i := 0; i < 40; i++ {
		sb.WriteString("Rossi criticised Kemp on Monday. Oxfam urged Norland to release Kemp. ")
		sb.WriteString("The report was praised by her deputy, Lind. Norland and Ostland met in Ostberg. ")
	}
	text := sb.String()
	ents := map[string]string{"Rossi": "PERSON", "Kemp": "PERSON", "Oxfam": "ORG", "Norland": "GPE", "Ostland": "GPE", "Lind": "PERSON", "Ostberg": "GPE"}
	d := build(b, text, ents, nil)
	c := &Coder{cfg: Config{MaxTargetDistance: 12}}
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	events := 0
	for i := 0; i < b.N; i++ {
		d.Events = nil
		if err := c.Process(d); err != nil {
			b.Fatal(err)
		}
		events = len(d.Events)
	}
	b.ReportMetric(float64(len(d.Tokens))*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	b.ReportMetric(float64(events), "events")
}
