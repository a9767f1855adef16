package ner

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestAddDense checks the emission kernel in use (assembly where the
// processor has AVX2) against the Go one, for tag counts around every
// multiple of eight and rows with every exponent.
func TestAddDense(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, T := range []int{1, 7, 8, 9, 17, 25, 37, 64, 73, 80, 81, 161} {
		for _, n := range []int{0, 1, 2, 27, 100} {
			// rows of T mantissas after a shift byte, packed back to back
			data := []int8{0}
			var offs []uint32
			for range n {
				offs = append(offs, uint32(len(data)))
				data = append(data, int8(rng.IntN(maxShift+1)))
				for range T {
					data = append(data, int8(rng.IntN(255)-127))
				}
			}
			data = append(data, make([]int8, densePad)...)
			slices.Reverse(offs) // rows come in any order
			want, got := denseAcc(T), denseAcc(T)
			addDenseGo(data, offs, T, want)
			for i := range got {
				got[i] = -1 // stale values must not leak into the sums
			}
			addDense(data, offs, T, got)
			if !slices.Equal(got[:T], want[:T]) {
				t.Errorf("T=%d, %d rows: sums differ\n got %v\nwant %v", T, n, got[:T], want[:T])
			}
		}
	}
}

// BenchmarkAddDense measures summing 27 dense rows of 73 tags (a token of
// the ontonotes model, on average).
func BenchmarkAddDense(b *testing.B) {
	const T, n = 73, 27
	rng := rand.New(rand.NewPCG(3, 4))
	data := []int8{0}
	var offs []uint32
	for range 4096 {
		offs = append(offs, uint32(len(data)))
		data = append(data, int8(rng.IntN(8)))
		for range T {
			data = append(data, int8(rng.IntN(255)-127))
		}
	}
	data = append(data, make([]int8, densePad)...)
	acc := denseAcc(T)
	b.SetBytes(n * (T + 1))
	for i := 0; b.Loop(); i++ {
		j := (i * n) % (len(offs) - n)
		addDense(data, offs[j:j+n], T, acc)
	}
}
