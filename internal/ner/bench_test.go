package ner

import (
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// BenchmarkTag measures tagging throughput of the ontonotes model over the
// OntoNotes development set (skipped without ../shared/data).
func BenchmarkTag(b *testing.B) {
	for _, name := range ModelNames {
		b.Run(name, func(b *testing.B) {
			data := sharedData(b)
			c := Corpora["ontonotes"]
			docs, err := ReadFile(filepath.Join(data, c.Dev), FormatTokens)
			if err != nil {
				b.Fatal(err)
			}
			m, err := Load(name)
			if err != nil {
				b.Skip(err)
			}
			ntok, nbytes := 0, 0
			for _, d := range docs {
				for _, s := range d.Sents {
					ntok += len(s.Words)
					for _, w := range s.Words {
						nbytes += len(w) + 1
					}
				}
			}
			b.SetBytes(int64(nbytes))
			b.ResetTimer()
			start, cpu0 := time.Now(), cpuNow()
			for i := 0; i < b.N; i++ {
				for j := range docs {
					m.TagDocument(&docs[j])
				}
			}
			b.ReportMetric(float64(ntok*b.N)/time.Since(start).Seconds(), "tokens/s")
			// on a shared machine wall time overstates the cost: also report
			// tokens per second of CPU time used by the process
			if cpu := cpuNow() - cpu0; cpu > 0 {
				b.ReportMetric(float64(ntok*b.N)/cpu.Seconds(), "tokens/cpu-s")
			}
		})
	}
}

// BenchmarkLoad measures decoding an embedded model.
func BenchmarkLoad(b *testing.B) {
	for _, name := range ModelNames {
		b.Run(name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				m, err := loadEmbedded(name)
				if err != nil {
					b.Skip(err)
				}
				runtime.KeepAlive(m)
			}
		})
	}
}
