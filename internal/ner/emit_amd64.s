//go:build amd64 && !purego

#include "textflag.h"

// func denseAVX2(data *int8, offs *uint32, n, chunks int, acc *int32)
//
// For each group of eight tags (chunk), over every row: sign-extend the
// row's eight 8-bit mantissas of that group to 32 bits, shift them left by
// the row's exponent (the byte before the mantissas) and add them to the
// group's accumulator; then store the accumulator to acc.
TEXT ·denseAVX2(SB), NOSPLIT, $0-40
	MOVQ data+0(FP), SI
	MOVQ offs+8(FP), BX
	MOVQ n+16(FP), CX
	MOVQ chunks+24(FP), DX
	MOVQ acc+32(FP), DI
	XORQ R8, R8 // byte offset of the group within a row's mantissas

chunk:
	VPXOR Y0, Y0, Y0
	XORQ  R9, R9

row:
	MOVL      (BX)(R9*4), R10        // the row's offset (zero-extended)
	MOVBLZX   (SI)(R10*1), AX        // its exponent
	VMOVD     AX, X2
	LEAQ      1(SI)(R10*1), R11      // its mantissas
	VPMOVSXBD (R11)(R8*1), Y1
	VPSLLD    X2, Y1, Y1
	VPADDD    Y1, Y0, Y0
	INCQ      R9
	CMPQ      R9, CX
	JLT       row

	VMOVDQU Y0, (DI)(R8*4)
	ADDQ    $8, R8
	DECQ    DX
	JNZ     chunk

	VZEROUPPER
	RET
