package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// Family names a set of quotation marks that close each other.
const (
	Double = "double"
	Single = "single"
	// Dash is the family of direct speech opened by a dash at a paragraph
	// start; it is set by quote_rules.txt, not by a marks table.
	Dash = "dash"
)

// Marks is a table of quotation marks: which marks open, which close, and
// which family each belongs to. It is read from a language's
// quote_marks.txt (see Lexicon) or built with AddPair.
type Marks struct {
	closers map[rune][]rune // opening mark -> closing marks it accepts
	closing map[rune]bool
	family  map[rune]string
	ascii   [utf8.RuneSelf]bool // ASCII marks, for a fast scan
	lead    [256]bool           // first bytes of the non-ASCII marks' UTF-8 forms
	dashes  []rune              // dashes opening direct speech (quote_rules.txt)
	// author reports whether two lowercase words may open the author's
	// words after direct speech (a cue, or an auxiliary before one:
	// "powiedział", "a déclaré").
	author func(w1, w2 string) bool
	// nest: an opening mark inside a quote opened by the same mark nests
	// («…«…»…»), as in Russian, rather than restarting the quote.
	nest bool
}

// familyAt returns the family of the mark at text[i] ("" if none) and the
// size of the rune there (or 1 for a byte that starts no mark). ASCII bytes
// and bytes that start no mark cost one table look-up.
func (m *Marks) familyAt(text string, i int) (string, rune, int) {
	b := text[i]
	if b < utf8.RuneSelf {
		if !m.ascii[b] {
			return "", rune(b), 1
		}
		return m.family[rune(b)], rune(b), 1
	}
	if !m.lead[b] {
		// a byte that starts no mark (Cyrillic letters, continuation
		// bytes): one byte on, no decoding
		return "", utf8.RuneError, 1
	}
	r, sz := utf8.DecodeRuneInString(text[i:])
	return m.family[r], r, sz
}

// skip returns the index of the first byte of text[i:end] that may start
// a mark, or end: the bytes familyAt passes one at a time without a look-up.
func (m *Marks) skip(text string, i, end int) int {
	for ; i < end; i++ {
		if b := text[i]; b < utf8.RuneSelf && m.ascii[b] || b >= utf8.RuneSelf && m.lead[b] {
			return i
		}
	}
	return end
}

// AddPair adds an opening and a closing mark of a family.
func (m *Marks) AddPair(open, close rune, family string) {
	if m.closers == nil {
		m.closers = map[rune][]rune{}
		m.closing = map[rune]bool{}
		m.family = map[rune]string{}
	}
	for _, r := range []rune{open, close} {
		if r < utf8.RuneSelf {
			m.ascii[r] = true
		} else {
			var buf [utf8.UTFMax]byte
			utf8.EncodeRune(buf[:], r)
			m.lead[buf[0]] = true
		}
	}
	m.closers[open] = append(m.closers[open], close)
	m.closing[close] = true
	if _, ok := m.family[open]; !ok {
		m.family[open] = family
	}
	if _, ok := m.family[close]; !ok {
		m.family[close] = family
	}
}

// IsMark reports whether r is a quotation mark of the table.
func (m *Marks) IsMark(r rune) bool { _, ok := m.family[r]; return ok }

func (m *Marks) canOpen(r rune) bool { _, ok := m.closers[r]; return ok }

func (m *Marks) closes(open, close rune) bool {
	for _, c := range m.closers[open] {
		if c == close {
			return true
		}
	}
	return false
}

// Region is one stretch of text in quotation marks.
type Region struct {
	// Content is the text inside the marks, trimmed of spaces; for a quote
	// over several paragraphs it runs from inside the first opening mark to
	// before the last closing mark.
	Content doc.Span
	// Open is the opening mark; Close the closing mark, or the zero span
	// when the quote is not closed before its paragraph ends.
	Open, Close doc.Span
	// Family is Double or Single.
	Family string
	// Continues is set when the region opens where the previous region of
	// the paragraph was never closed ("…first sentence. "Second…"): the
	// writer goes on quoting the same speaker.
	Continues bool
	// Paragraphs is the number of paragraphs the quote runs over.
	Paragraphs int
}

// Scan finds the quoted regions of text. paras are the paragraph spans of
// the text (a quote never runs past its paragraph unless the next paragraph
// opens with a quotation mark of the same family, the convention for a
// quote over several paragraphs). Double-family marks are read first; marks
// of the single family make regions of their own only outside double ones
// (inside, they are nested quotes and belong to the outer region). Scan never
// fails: unbalanced marks are skipped.
func Scan(text string, paras []doc.Span, m *Marks) []Region {
	if m == nil || len(m.family) == 0 {
		return nil
	}
	var out []Region
	var cur *Region
	var curMark rune
	depth := 0 // nested quotes opened by curMark (Marks.nest)
	closeAt := func(end int, closeMark doc.Span) {
		c := trim(text, doc.Span{Start: cur.Open.End, End: end})
		if cur.Content.Start != 0 || cur.Content.End != 0 {
			// multi-paragraph: content started earlier
			c.Start = cur.Content.Start
		}
		cur.Content = c
		cur.Close = closeMark
		if c.End > c.Start {
			out = append(out, *cur)
		}
		cur = nil
	}
	for pi, p := range paras {
		if p.Start < 0 || p.End > len(text) || p.Start >= p.End {
			continue
		}
		skipFirst := false
		if cur != nil {
			// continuing from the previous paragraph: its opening mark is skipped
			skipFirst = true
			cur.Paragraphs++
		}
		for i := p.Start; i < p.End; {
			if i = m.skip(text, i, p.End); i >= p.End {
				break
			}
			fam, r, sz := m.familyAt(text, i)
			if fam != Double {
				i += sz
				continue
			}
			if skipFirst {
				skipFirst = false
				i += sz
				continue
			}
			before := spaceBefore(text, p.Start, i)
			after := spaceAfter(text, p.End, i+sz)
			looksOpen := before && !after
			looksClose := !before && after
			mark := doc.Span{Start: i, End: i + sz}
			switch {
			case cur == nil:
				if m.canOpen(r) && !looksClose {
					cur = &Region{Open: mark, Family: Double, Paragraphs: 1}
					curMark, depth = r, 0
				}
			case m.nest && r == curMark && looksOpen:
				depth++
			case depth > 0 && m.closes(curMark, r) && !looksOpen:
				depth--
			case m.closes(curMark, r) && !(looksOpen && m.canOpen(r)):
				closeAt(i, mark)
			case looksClose:
				// a mark of the family where a closing mark belongs: mixed or
				// mistyped marks (“…," or “…?“) still close the quote
				closeAt(i, mark)
			case m.canOpen(r) && looksOpen:
				// an opening mark while a quote is open: the previous one
				// was left unclosed and the speaker goes on.
				closeAt(i, doc.Span{})
				cur = &Region{Open: mark, Family: Double, Continues: true, Paragraphs: 1}
				curMark = r
			}
			i += sz
		}
		if cur != nil {
			// unclosed at the paragraph end: a quote over several paragraphs
			// when the next paragraph opens with a mark of the family.
			if pi+1 < len(paras) && opensWith(text, paras[pi+1], m, Double) && transcriptLabel(text, paras[pi+1], m) == 0 {
				if cur.Content.Start == 0 && cur.Content.End == 0 {
					cur.Content = trim(text, doc.Span{Start: cur.Open.End, End: p.End})
				}
				continue
			}
			closeAt(p.End, doc.Span{})
		}
	}
	// Single marks outside double regions.
	for _, p := range paras {
		if p.Start < 0 || p.End > len(text) || p.Start >= p.End {
			continue
		}
		out = append(out, scanSingle(text, p, m, out)...)
	}
	if len(m.dashes) > 0 {
		out = splitIncises(text, m, out)
		out = addDashSpeech(text, paras, m, out)
	}
	sortRegions(out)
	return out
}

// addDashSpeech adds the direct speech opened by a dash at a paragraph
// start; marked quotes inside it are nested quotes and are dropped.
func addDashSpeech(text string, paras []doc.Span, m *Marks, regions []Region) []Region {
	dashes := m.dashes
	var speech []Region
	for pi, p := range paras {
		if p.Start < 0 || p.End > len(text) || p.Start >= p.End {
			continue
		}
		afterColon := false
		if pi > 0 {
			q := trim(text, paras[pi-1])
			r, _ := utf8.DecodeLastRuneInString(text[q.Start:q.End])
			afterColon = q.End > q.Start && r == ':'
		}
		speech = append(speech, scanDash(text, p, dashes, afterColon, m.author)...)
	}
	if len(speech) == 0 {
		return regions
	}
	out := regions[:0]
	for _, r := range regions {
		inside := false
		for _, s := range speech {
			if r.Open.Start >= s.Content.Start && r.Content.End <= s.Content.End {
				inside = true
				break
			}
		}
		if !inside {
			out = append(out, r)
		}
	}
	return append(out, speech...)
}

// splitIncises splits a quote around the author's words set off by dashes
// inside it («Я должен предположить, — сказал он, — что…»): the part
// before ends at the first dash, the part after Continues it.
func splitIncises(text string, m *Marks, regions []Region) []Region {
	var out []Region
	for _, r := range regions {
		if r.Family != Double || r.Paragraphs != 1 || m.author == nil {
			out = append(out, r)
			continue
		}
		out = append(out, splitIncise(text, m, r)...)
	}
	return out
}

func splitIncise(text string, m *Marks, r Region) []Region {
	c := r.Content
	for j := c.Start; j < c.End; {
		d, sz := utf8.DecodeRuneInString(text[j:])
		if !isDash(d, m.dashes) {
			j += sz
			continue
		}
		_, prevSpace := lastBefore(text, c.Start, j)
		w1, n := wordAfter(text, c.End, j+sz)
		w2, _ := wordAfter(text, c.End, n)
		if !prevSpace || w1 == "" || !unicode.IsLower(firstRune(w1)) || !m.author(strings.ToLower(w1), strings.ToLower(w2)) {
			j += sz
			continue
		}
		// the dash that resumes the quote: after punctuation ("…, — что"),
		// or before it ("- aseguró -, inspirado")
		for k := n; k < c.End; {
			e, esz := utf8.DecodeRuneInString(text[k:])
			if isDash(e, m.dashes) {
				p, _ := lastBefore(text, c.Start, k)
				q, _ := utf8.DecodeRuneInString(text[k+esz:])
				if isSpeechEnd(p) || q == ',' || q == '.' {
					from := k + esz
					if !isSpeechEnd(p) {
						from += utf8.RuneLen(q)
					}
					first := r
					first.Content = trim(text, doc.Span{Start: c.Start, End: j})
					first.Close = doc.Span{Start: j, End: j + sz}
					rest := r
					rest.Open = doc.Span{Start: k, End: k + esz}
					rest.Content = trim(text, doc.Span{Start: from, End: c.End})
					rest.Continues = true
					if first.Content.End <= first.Content.Start || rest.Content.End <= rest.Content.Start {
						return []Region{r}
					}
					return append([]Region{first}, splitIncise(text, m, rest)...)
				}
			}
			k += esz
		}
		return []Region{r}
	}
	return []Region{r}
}

func isDash(r rune, dashes []rune) bool {
	for _, d := range dashes {
		if r == d {
			return true
		}
	}
	return false
}

// scanDash reads the direct speech of a paragraph opened by a dash, at the
// paragraph start or after the end of a sentence ("… brexitu. – Głównym
// powodem … – tłumaczył Lee"). The speech runs to a dash that starts the
// author's words ("…, — сказал он", "… —dijo el ministro", "… –
// powiedział"): a dash after a space with a lowercase word after it, when
// punctuation stands before it, the dash is glued to the word or the word is
// a cue (opens); or to a comma before a cue ("…, a déclaré le ministre").
// The speech goes on after a dash that follows the author's words and
// punctuation ("— сказал он. — Это…", "—dijo—. Es…"); each later part is a
// region that Continues the one before. Speech with no author's words is
// kept only when it fills a paragraph after one ending in a colon (a dash
// opening a list item is no speech).
func scanDash(text string, p doc.Span, dashes []rune, afterColon bool, opens func(w1, w2 string) bool) []Region {
	isAuthor := func(i int) bool {
		if opens == nil {
			return false
		}
		w1, n := wordAfter(text, p.End, i)
		if w1 == "" || !unicode.IsLower(firstRune(w1)) {
			return false
		}
		w2, _ := wordAfter(text, p.End, n)
		return opens(strings.ToLower(w1), strings.ToLower(w2))
	}
	const (
		none = iota
		speech
		author
	)
	var out, cur []Region // cur: the regions of the speech being read
	state := none
	var open doc.Span
	start := 0
	atStart := false // the speech opened at the paragraph start
	authored := false
	flush := func() {
		if authored || (atStart && afterColon && !listItem(text, cur)) {
			out = append(out, cur...)
		}
		cur, authored = nil, false
	}
	add := func(end int, close doc.Span) {
		if c := trim(text, doc.Span{Start: start, End: end}); c.End > c.Start {
			cur = append(cur, Region{Content: c, Open: open, Close: close, Family: Dash, Continues: len(cur) > 0, Paragraphs: 1})
		}
	}
	stops := "," + string(dashes) // the only runes that change the state
	for j := p.Start; j < p.End; {
		off := strings.IndexAny(text[j:p.End], stops)
		if off < 0 {
			break
		}
		j += off
		r, sz := utf8.DecodeRuneInString(text[j:])
		if state == speech && r == ',' && isAuthor(j+sz) {
			// "…, a déclaré le ministre": the author's words with no dash
			add(j, doc.Span{Start: j, End: j + sz})
			state, authored = author, true
		}
		if !isDash(r, dashes) {
			j += sz
			continue
		}
		prev, prevSpace := lastBefore(text, p.Start, j)
		next, nextSpace := firstAfter(text, p.End, j+sz)
		switch {
		case state != speech && (prev == 0 || prevSpace && isSentenceEnd(prev)) && (unicode.IsUpper(next) || next == '¿' || next == '¡' || next == '(' || unicode.IsDigit(next)):
			// a speech at the paragraph start or after a sentence; after
			// the author's words ("— сказал он. — Но…") it goes on
			if state == none {
				atStart = prev == 0
			}
			open, start, state = doc.Span{Start: j, End: j + sz}, j+sz, speech
		case state == speech && prevSpace && unicode.IsLower(next) && (!nextSpace || isSpeechEnd(prev) || isAuthor(j+sz)):
			add(j, doc.Span{Start: j, End: j + sz})
			state, authored = author, true
		case state == author && isSpeechEnd(prev) && prev != '!' && prev != '?' && prev != '.' && nextSpace:
			// "— сказал он, — не…"
			open, start, state = doc.Span{Start: j, End: j + sz}, j+sz, speech
		case state == author && !prevSpace && (next == '.' || next == ',') && !nextSpace:
			// "—dijo el ministro—. Es…"
			open, start, state = doc.Span{Start: j, End: j + sz}, j+sz+1, speech
		}
		j += sz
	}
	if state == speech {
		add(p.End, doc.Span{})
	}
	if state != none {
		flush()
	}
	return out
}

// listItem reports whether speech with no author's words reads as an item
// of a list after a colon ("— снижение налогов;"): it ends in a semicolon
// or comma.
func listItem(text string, rs []Region) bool {
	if len(rs) == 0 {
		return false
	}
	c := rs[len(rs)-1].Content
	r, _ := utf8.DecodeLastRuneInString(text[c.Start:c.End])
	return r == ';' || r == ','
}

// isSentenceEnd reports whether r ends a sentence (a closing quote mark
// after its punctuation included).
func isSentenceEnd(r rune) bool {
	switch r {
	case '.', '!', '?', '…', '"', '»', '”', '“', ':':
		return true
	}
	return false
}

// isSpeechEnd reports whether r ends a stretch of speech or author's words
// before a dash.
func isSpeechEnd(r rune) bool {
	switch r {
	case ',', '.', '!', '?', '…', ':', ';':
		return true
	}
	return false
}

// lastBefore returns the last non-space rune before i (from start) and
// whether a space stood right before i.
func lastBefore(text string, start, i int) (rune, bool) {
	space := false
	for i > start {
		r, sz := utf8.DecodeLastRuneInString(text[start:i])
		if !unicode.IsSpace(r) {
			return r, space
		}
		space = true
		i -= sz
	}
	return 0, true
}

// firstAfter returns the first non-space rune from i (before end) and
// whether a space stood right at i.
func firstAfter(text string, end, i int) (rune, bool) {
	space := false
	for i < end {
		r, sz := utf8.DecodeRuneInString(text[i:end])
		if !unicode.IsSpace(r) {
			return r, space
		}
		space = true
		i += sz
	}
	return 0, true
}

// scanSingle pairs single-family marks in one paragraph: an opening mark at
// the start of a word with the next closing mark at the end of a word,
// outside any double region. Apostrophes inside words never qualify.
func scanSingle(text string, p doc.Span, m *Marks, doubles []Region) []Region {
	var out []Region
	inDouble := func(i int) bool {
		for _, d := range doubles {
			if d.Family == Double && i >= d.Open.Start && (i < d.Content.End || (d.Close.End > 0 && i < d.Close.End)) {
				return true
			}
		}
		return false
	}
	open := -1
	var openMark rune
	for i := p.Start; i < p.End; {
		if i = m.skip(text, i, p.End); i >= p.End {
			break
		}
		fam, r, sz := m.familyAt(text, i)
		if fam != Single {
			i += sz
			continue
		}
		before := spaceBefore(text, p.Start, i)
		after := spaceAfter(text, p.End, i+sz)
		nextLetter := false
		if i+sz < p.End {
			nr, _ := utf8.DecodeRuneInString(text[i+sz:])
			nextLetter = unicode.IsLetter(nr)
		}
		switch {
		case open < 0:
			if m.canOpen(r) && before && nextLetter && !inDouble(i) {
				open, openMark = i, r
			}
		case m.closes(openMark, r) && !before && after:
			if inDouble(i) || i-open > 400 {
				open = -1
				break
			}
			_, osz := utf8.DecodeRuneInString(text[open:])
			c := trim(text, doc.Span{Start: open + osz, End: i})
			if c.End > c.Start {
				out = append(out, Region{Content: c, Open: doc.Span{Start: open, End: open + osz}, Close: doc.Span{Start: i, End: i + sz}, Family: Single, Paragraphs: 1})
			}
			open = -1
		}
		i += sz
	}
	return out
}

// transcriptLabel returns the byte length of a transcript label that opens
// paragraph p after an optional opening mark — one to three words in
// capitals and a colon ("WALLACE: …", "MR. SMITH: …") — with the spaces
// after it, or 0. A paragraph so labelled is a new speaker's turn, not the
// continuation of the quote before it.
func transcriptLabel(text string, p doc.Span, m *Marks) int {
	i := p.Start
	for i < p.End {
		r, sz := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsSpace(r) && !(m != nil && m.family[r] != "" && m.canOpen(r)) {
			break
		}
		i += sz
	}
	start, words, letters := i, 1, 0
	for i < p.End && i-start < 40 {
		r, sz := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsUpper(r):
			letters++
		case r == '.' || r == '\'' || r == '’' || r == '-':
		case r == ' ' && letters >= 2 && words < 3:
			words++
		case r == ':' && letters >= 2:
			i += sz
			for i < p.End {
				r, sz := utf8.DecodeRuneInString(text[i:])
				if !unicode.IsSpace(r) {
					break
				}
				i += sz
			}
			if i >= p.End {
				return 0 // "NOTE:" alone on its line
			}
			return i - p.Start
		default:
			return 0
		}
		i += sz
	}
	return 0
}

func opensWith(text string, p doc.Span, m *Marks, family string) bool {
	for i := p.Start; i < p.End; {
		r, sz := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			i += sz
			continue
		}
		return m.family[r] == family && m.canOpen(r)
	}
	return false
}

// spaceBefore reports whether the rune before i (within a paragraph starting
// at start) is a space, an opening bracket or dash, or the paragraph start.
func spaceBefore(text string, start, i int) bool {
	if i <= start {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(text[start:i])
	return unicode.IsSpace(r) || r == '(' || r == '[' || r == '{' || r == '—' || r == '–' || r == '/' || r == '-'
}

// spaceAfter reports whether the rune at i (within a paragraph ending at
// end) is a space or punctuation that may follow a closing mark, or the end.
func spaceAfter(text string, end, i int) bool {
	if i >= end {
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[i:end])
	if unicode.IsSpace(r) {
		return true
	}
	switch r {
	case '.', ',', ';', ':', '!', '?', ')', ']', '}', '—', '–', '-', '…', '/':
		return true
	}
	return false
}

func trim(text string, s doc.Span) doc.Span {
	if s.Start < 0 || s.End > len(text) || s.Start > s.End {
		return doc.Span{}
	}
	for s.Start < s.End {
		r, sz := utf8.DecodeRuneInString(text[s.Start:s.End])
		if !unicode.IsSpace(r) {
			break
		}
		s.Start += sz
	}
	for s.End > s.Start {
		r, sz := utf8.DecodeLastRuneInString(text[s.Start:s.End])
		if !unicode.IsSpace(r) {
			break
		}
		s.End -= sz
	}
	return s
}

func sortRegions(rs []Region) {
	// insertion sort: regions come nearly sorted
	for i := 1; i < len(rs); i++ {
		for j := i; j > 0 && rs[j].Open.Start < rs[j-1].Open.Start; j-- {
			rs[j], rs[j-1] = rs[j-1], rs[j]
		}
	}
}

// wordAfter returns the word after i (past spaces, before end): letters and
// hyphens; and the offset after it.
func wordAfter(text string, end, i int) (string, int) {
	for i < end {
		r, sz := utf8.DecodeRuneInString(text[i:end])
		if !unicode.IsSpace(r) {
			break
		}
		i += sz
	}
	j := i
	for j < end {
		r, sz := utf8.DecodeRuneInString(text[j:end])
		if !unicode.IsLetter(r) && r != '-' {
			break
		}
		j += sz
	}
	return text[i:j], j
}
