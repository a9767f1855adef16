//go:build !amd64 || purego

package ner

// addDense sets acc[:T] to the sum of the dense rows at offs (see
// addDenseGo).
func addDense(data []int8, offs []uint32, T int, acc []int32) { addDenseGo(data, offs, T, acc) }
