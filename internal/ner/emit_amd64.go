//go:build amd64 && !purego

package ner

import "golang.org/x/sys/cpu"

// useAVX2 selects the assembly kernel of addDense.
var useAVX2 = cpu.X86.HasAVX2

// denseAVX2 sums n dense rows (offsets offs into data) over chunks groups of
// eight tags into acc[:8*chunks]. data must hold densePad bytes after the
// last row.
//
//go:noescape
func denseAVX2(data *int8, offs *uint32, n, chunks int, acc *int32)

// addDense sets acc[:T] to the sum of the dense rows at offs (see
// addDenseGo); acc must come from denseAcc(T).
func addDense(data []int8, offs []uint32, T int, acc []int32) {
	if !useAVX2 || len(offs) == 0 {
		addDenseGo(data, offs, T, acc)
		return
	}
	_ = acc[8*denseChunks(T)-1]
	denseAVX2(&data[0], &offs[0], len(offs), denseChunks(T), &acc[0])
}
