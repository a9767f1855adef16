package scan

import (
	"strings"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// LowerTokens sets out[i] to strings.ToLower of the text of toks[i] (spans
// into text) and returns out, which must be as long as toks. It serves the
// components that read a document's pipeline tokens in lower case (entity,
// event): tokens already in lower case are slices of text, and the ASCII
// tokens with capitals are lowered into one new string, not one each.
func LowerTokens(out []string, text string, toks []doc.Token) []string {
	var buf []byte
	for i, t := range toks {
		w := text[t.Start:t.End]
		upper, ascii := false, true
		for k := 0; k < len(w); k++ {
			c := w[k]
			if c >= utf8.RuneSelf {
				ascii = false
				break
			}
			if 'A' <= c && c <= 'Z' {
				upper = true
			}
		}
		switch {
		case !ascii:
			out[i] = strings.ToLower(w)
		case !upper:
			out[i] = w
		default:
			// lowered into buf; "" marks the token for the second pass
			// (an ASCII token with a capital is never empty)
			out[i] = ""
			for k := 0; k < len(w); k++ {
				c := w[k]
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				buf = append(buf, c)
			}
		}
	}
	if len(buf) == 0 {
		return out
	}
	low := string(buf)
	off := 0
	for i, t := range toks {
		if out[i] == "" {
			n := t.End - t.Start
			out[i] = low[off : off+n]
			off += n
		}
	}
	return out
}
