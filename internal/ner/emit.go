package ner

// The emission scores of a token are the sums of its features' weight rows.
// Most of the rows a token meets are dense (a weight for nearly every tag);
// they are summed by addDense, which on amd64 processors with AVX2 runs in
// assembly (emit_amd64.s: eight tags per instruction, sign-extending the
// 8-bit mantissas and shifting them by the row's exponent), since the Go
// compiler does not vectorize loops. Everywhere else, and with the purego
// build tag, addDenseGo does the same in Go. The two are checked against
// each other by the package's tests.

// denseChunks is the number of 8-tag groups that cover T tags.
func denseChunks(T int) int { return (T + 7) / 8 }

// denseAcc returns a buffer large enough for addDense over T tags.
func denseAcc(T int) []int32 { return make([]int32, 8*denseChunks(T)) }

// densePad is the number of zero bytes kept after the last packed row, so
// that the vector kernel may read a whole 8-tag group past a row's end.
const densePad = 8

// addDenseGo sets acc[:T] to the sum of the dense rows at offs (offsets of
// their shift byte in data; the T mantissas follow it).
func addDenseGo(data []int8, offs []uint32, T int, acc []int32) {
	out := acc[:T]
	clear(out)
	for _, o := range offs {
		off := int(o)
		sh := uint8(data[off]) & 31
		ws := data[off+1 : off+1+T]
		ws = ws[:len(out)]
		j := 0
		for ; j+4 <= len(out); j += 4 {
			o, w := out[j:j+4:j+4], ws[j:j+4:j+4]
			o[0] += int32(w[0]) << sh
			o[1] += int32(w[1]) << sh
			o[2] += int32(w[2]) << sh
			o[3] += int32(w[3]) << sh
		}
		for ; j < len(out); j++ {
			out[j] += int32(ws[j]) << sh
		}
	}
}
