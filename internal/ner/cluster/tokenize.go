package cluster

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Tokenize splits a line of raw text into Penn-Treebank-like tokens (the
// convention of the labelled corpora): punctuation is split from words,
// clitics ('s, n't, 're, …) become tokens of their own, and the tokens are
// returned normalized with Norm. It is a light tokenizer for gathering
// clustering statistics from unlabeled text, not the pipeline's segmenter.
func Tokenize(line string) []string {
	var out []string
	for _, f := range strings.Fields(line) {
		out = splitWord(f, out)
	}
	for i, w := range out {
		out[i] = Norm(w)
	}
	return out
}

func isPunct(r rune) bool {
	return unicode.IsPunct(r) || unicode.IsSymbol(r)
}

var clitics = []string{"n't", "'s", "'re", "'ve", "'ll", "'d", "'m", "n’t", "’s", "’re", "’ve", "’ll", "’d", "’m"}

func splitWord(f string, out []string) []string {
	// leading punctuation
	for f != "" {
		r, sz := utf8.DecodeRuneInString(f)
		if !isPunct(r) {
			break
		}
		out = append(out, f[:sz])
		f = f[sz:]
	}
	if f == "" {
		return out
	}
	// trailing punctuation (keep abbreviation periods like "U.S." and "Mr.")
	var tail []string
	for f != "" {
		r, sz := utf8.DecodeLastRuneInString(f)
		if !isPunct(r) {
			break
		}
		if r == '.' && strings.Count(f, ".") > 1 && len(f) > 2 {
			break // U.S.
		}
		tail = append(tail, f[len(f)-sz:])
		f = f[:len(f)-sz]
	}
	if f != "" {
		low := strings.ToLower(f)
		split := false
		for _, c := range clitics {
			if strings.HasSuffix(low, c) && len(f) > len(c) {
				out = append(out, f[:len(f)-len(c)], f[len(f)-len(c):])
				split = true
				break
			}
		}
		if !split {
			out = append(out, f)
		}
	}
	for i := len(tail) - 1; i >= 0; i-- {
		out = append(out, tail[i])
	}
	return out
}
