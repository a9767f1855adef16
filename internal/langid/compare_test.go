//go:build langidcompare

// The comparison of language detectors behind the choice documented in the
// package doc. It needs ../shared and lingua-go (kept in go.mod for this):
//
//	go test -tags langidcompare -run Compare -v ./internal/langid/

package langid

import (
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/RadhiFadlillah/whatlanggo"
	"github.com/pemistahl/lingua-go"
)

func TestCompareCandidates(t *testing.T) {
	short, docs := corpus(t, 200)
	langs := []lingua.Language{lingua.English, lingua.German, lingua.French, lingua.Spanish, lingua.Italian, lingua.Portuguese, lingua.Dutch, lingua.Polish, lingua.Russian, lingua.Ukrainian, lingua.Turkish, lingua.Arabic, lingua.Chinese, lingua.Japanese}
	var ms runtime.MemStats
	heap := func() uint64 { runtime.GC(); runtime.ReadMemStats(&ms); return ms.HeapAlloc }
	for _, mode := range []string{"lingua-low", "lingua-high"} {
		h0 := heap()
		b := lingua.NewLanguageDetectorBuilder().FromLanguages(langs...)
		if mode == "lingua-low" {
			b = b.WithLowAccuracyMode()
		}
		det := b.WithPreloadedLanguageModels().Build()
		h1 := heap()
		f := func(s string) string {
			l, ok := det.DetectLanguageOf(s)
			if !ok {
				return "und"
			}
			return strings.ToLower(l.IsoCode639_1().String())
		}
		accS, sumS := accuracy(short, f)
		t0 := time.Now()
		accD, _ := accuracy(docs, f)
		dt := time.Since(t0) / time.Duration(len(docs))
		t.Logf("%s: heap after load %.1f MB; short %.3f (%s); docs %.3f; %v per 4KB doc", mode, float64(h1-h0)/1e6, accS, sumS, accD, dt)
		_ = det
	}
	// whatlanggo limited to the 14 required languages
	w14 := map[whatlanggo.Lang]bool{}
	for _, c := range []string{"eng", "deu", "fra", "spa", "ita", "por", "nld", "pol", "rus", "ukr", "tur", "arb", "cmn", "jpn"} {
		w14[whatlanggo.CodeToLang(c)] = true
	}
	f14 := func(s string) string {
		i := whatlanggo.DetectWithOptions(s, whatlanggo.Options{Whitelist: w14})
		if i.Lang < 0 {
			return "und"
		}
		return i.Lang.Iso6391()
	}
	fall := func(s string) string {
		i := whatlanggo.Detect(s)
		if i.Lang < 0 {
			return "und"
		}
		return i.Lang.Iso6391()
	}
	for name, f := range map[string]func(string) string{"whatlanggo-14": f14, "whatlanggo-all": fall, "langid.Detect": Detect} {
		accS, sumS := accuracy(short, f)
		t0 := time.Now()
		accD, _ := accuracy(docs, f)
		dt := time.Since(t0) / time.Duration(len(docs))
		t.Logf("%s: short %.3f (%s); docs %.3f; %v per 4KB doc", name, accS, sumS, accD, dt)
	}
}
