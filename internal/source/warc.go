package source

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httputil"
	"strconv"
	"strings"

	"github.com/nlnwa/gowarc/v3"
)

// warc reads WARC records with gowarc, one at a time (a Common Crawl file is
// about a gigabyte; only one record is held, and gowarc spills records over
// 1 MiB to a temporary file). Gzip compression, whole-file or per record as
// Common Crawl writes it, has been removed by the caller.
//
// Every response (or resource) record whose HTTP status is 2xx and whose
// payload is HTML — by Content-Type, or sniffed when there is none — is read
// as an HTML page; its WARC-Target-URI is the article's source and the item is
// named path#URI; the WARC-Date is the publication date when the page gives
// none. Requests, metadata, warcinfo, revisits, redirects and non-HTML
// payloads are skipped silently. A record cut short (its block shorter than
// its Content-Length) gives an ErrTruncated item; a record that cannot be
// parsed ends the file with an error item after the articles read before it.
func (rd *reader) warc(name string, r io.Reader) error {
	wr, err := gowarc.NewWarcFileReaderFromStream(r, 0,
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrWarn),
		gowarc.WithSpecViolationPolicy(gowarc.ErrWarn),
		gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore),
		gowarc.WithBlockErrorPolicy(gowarc.ErrIgnore),
	)
	if err != nil {
		return rd.fail(name, fmt.Errorf("%w: %w", ErrRead, err))
	}
	defer wr.Close()
	for n := 1; ; n++ {
		rec, err := nextRecord(wr)
		if err == io.EOF {
			return nil
		}
		input := name + "#record" + strconv.Itoa(n)
		if err != nil {
			rec.Close()
			return rd.fail(input, warcErr(err))
		}
		ferr := rd.warcRecord(name, input, rec)
		rec.Close()
		if ferr != nil {
			return ferr
		}
	}
}

// nextRecord reads a record, turning a panic in the WARC parser into an error.
func nextRecord(wr *gowarc.WarcFileReader) (rec gowarc.Record, err error) {
	defer func() {
		if r := recover(); r != nil {
			rec, err = gowarc.Record{}, fmt.Errorf("%w: WARC parser failed: %v", ErrMalformed, r)
		}
	}()
	return wr.Next()
}

// warcErr classifies an error from the WARC reader.
func warcErr(err error) error {
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return fmt.Errorf("%w: %w", ErrTruncated, err)
	case errors.Is(err, ErrMalformed):
		return err
	}
	if e := readErr(err); !errors.Is(e, ErrRead) {
		return e
	}
	return fmt.Errorf("%w: %w", ErrMalformed, err)
}

// warcRecord reads one record; input names it until its URI is known.
func (rd *reader) warcRecord(name, input string, rec gowarc.Record) error {
	wr := rec.WarcRecord
	if wr == nil || wr.Type()&(gowarc.Response|gowarc.Resource) == 0 {
		return nil
	}
	h := wr.WarcHeader()
	uri := strings.Trim(h.Get(gowarc.WarcTargetURI), "<> ")
	if uri != "" {
		input = name + "#" + uri
	}
	for _, v := range rec.Validation {
		var cl *gowarc.ContentLengthError
		if errors.As(v, &cl) && cl.Actual < cl.Expected {
			return rd.fail(input, fmt.Errorf("%w: record has %d of its %d bytes", ErrTruncated, cl.Actual, cl.Expected))
		}
	}
	var (
		payload     io.Reader
		contentType string
		header      http.Header
	)
	switch b := wr.Block().(type) {
	case gowarc.HttpResponseBlock:
		if c := b.HttpStatusCode(); c < 200 || c > 299 {
			return nil
		}
		if hp := b.HttpHeader(); hp != nil {
			header = *hp
		}
		contentType = header.Get("Content-Type")
		p, err := b.PayloadBytes()
		if err != nil {
			return rd.fail(input, fmt.Errorf("%w: %w", ErrMalformed, err))
		}
		payload = p
	case gowarc.HttpRequestBlock:
		return nil
	default:
		if wr.Type() != gowarc.Resource {
			return nil // a response record without an HTTP block (dns:, …)
		}
		contentType = h.Get(gowarc.ContentType)
		p, err := b.RawBytes()
		if err != nil {
			return rd.fail(input, fmt.Errorf("%w: %w", ErrMalformed, err))
		}
		payload = p
	}
	if contentType != "" && !isHTMLType(contentType) {
		return nil
	}
	data, err := readAtMost(payload, rd.maxBytes())
	if err != nil {
		return rd.fail(input, err)
	}
	data = decodePayload(data, header)
	if contentType == "" && Detect(data[:min(len(data), peekSize)]) != FormHTML {
		return nil
	}
	a, err := readHTML(data, contentType, uri)
	if err != nil {
		return rd.fail(input, err)
	}
	a.Source = uri
	if a.Published == "" {
		if t, err := wr.Date(); err == nil {
			a.Published = isoDate(t.UTC())
		}
	}
	return rd.emit(input, a)
}

// isHTMLType reports whether a Content-Type names HTML.
func isHTMLType(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(strings.Split(ct, ";")[0]))
	}
	return mt == "text/html" || mt == "application/xhtml+xml"
}

// decodePayload undoes chunked transfer coding and gzip content coding left
// in a payload (Common Crawl removes both, other crawlers may not). It only
// acts when the header says so and the bytes agree; otherwise data is
// returned as it is.
func decodePayload(data []byte, h http.Header) []byte {
	if h == nil {
		return data
	}
	if strings.Contains(strings.ToLower(h.Get("Transfer-Encoding")), "chunked") {
		if out, err := io.ReadAll(httputil.NewChunkedReader(bufio.NewReader(bytes.NewReader(data)))); err == nil && len(out) > 0 {
			data = out
		}
	}
	ce := strings.ToLower(h.Get("Content-Encoding"))
	if (strings.Contains(ce, "gzip")) && bytes.HasPrefix(data, gzipMagic) {
		if zr, err := gzip.NewReader(bytes.NewReader(data)); err == nil {
			if out, err := io.ReadAll(io.LimitReader(zr, int64(len(data))*64+1<<20)); err == nil {
				data = out
			}
		}
	}
	return data
}
