package ner

import (
	"encoding/json"
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/sharedtest"
)

// langModels lists the embedded models of languages other than English.
func langModels() []string {
	var out []string
	for _, n := range ModelNames {
		if n != "ontonotes" && n != "conll" {
			out = append(out, n)
		}
	}
	return out
}

// TestQualityLang evaluates every embedded language model on the dev split
// of each dataset of its language (skipped without ../shared/data-ml) and
// fails when F1 drops more than 0.005 below the figure recorded in
// testdata/quality_lang.json (-update records the measured figures).
func TestQualityLang(t *testing.T) {
	if len(langModels()) == 0 {
		t.Skip("no language models embedded")
	}
	dir := sharedtest.Path(t, "data-ml")
	const path = "testdata/quality_lang.json"
	recorded := map[string]map[string]float64{}
	if raw, err := os.ReadFile(path); err == nil {
		if err := json.Unmarshal(raw, &recorded); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	} else if !*update {
		t.Fatal(err)
	}
	measured := map[string]map[string]float64{}
	for _, lang := range langModels() {
		m, err := Load(lang)
		if err != nil {
			t.Fatalf("model %s: %v", lang, err)
		}
		measured[lang] = map[string]float64{}
		for _, ds := range DatasetsOf(lang) {
			_, dev, err := ds.Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			f1 := Evaluate(m, dev, ds.TypeSet()).All.F1()
			measured[lang][ds.Name] = f1
			t.Logf("%s on %s dev: F1 %.4f", lang, ds.Name, f1)
			if want, ok := recorded[lang][ds.Name]; ok && !*update && f1 < want-0.005 {
				t.Errorf("%s on %s dev: F1 %.4f, recorded %.4f", lang, ds.Name, f1, want)
			}
		}
	}
	if *update {
		out, _ := json.MarshalIndent(measured, "", "  ")
		if err := os.WriteFile(path, append(out, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestTrainLangSlice trains on a small slice of each language's first
// dataset with a training split, proving the readers feed the trainer
// (skipped without ../shared/data-ml).
func TestTrainLangSlice(t *testing.T) {
	if testing.Short() {
		t.Skip("trains models")
	}
	dir := sharedtest.Path(t, "data-ml")
	for _, ds := range []string{"ru-slavicner", "fr-sequoia"} {
		d := Datasets[ds]
		train, dev, err := d.Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		m, err := Train(TrainOptions{Name: ds, Train: train[:min(40, len(train))], Dev: dev[:min(10, len(dev))], Bits: 16, Epochs: 3, Affix: 5, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		if f1 := Evaluate(m, dev[:min(10, len(dev))], d.TypeSet()).All.F1(); f1 < 0.2 {
			t.Errorf("%s: dev F1 %.3f after training on 40 documents", ds, f1)
		}
	}
}

// BenchmarkTagLang measures the tagging throughput of each language model
// over the dev splits of its datasets (skipped without ../shared/data-ml);
// compare with BenchmarkTag (English).
func BenchmarkTagLang(b *testing.B) {
	for _, lang := range langModels() {
		b.Run(lang, func(b *testing.B) {
			dir := sharedtest.Path(b, "data-ml")
			var docs []Document
			for _, ds := range DatasetsOf(lang) {
				_, dev, err := ds.Load(dir)
				if err != nil {
					b.Fatal(err)
				}
				docs = append(docs, dev...)
			}
			m, err := Load(lang)
			if err != nil {
				b.Fatal(err)
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
			if cpu := cpuNow() - cpu0; cpu > 0 {
				b.ReportMetric(float64(ntok*b.N)/cpu.Seconds(), "tokens/cpu-s")
			}
			runtime.KeepAlive(docs)
		})
	}
}
