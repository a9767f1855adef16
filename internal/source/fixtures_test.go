package source

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// update rewrites the generated fixtures and the golden files.
var update = flag.Bool("update", false, "rewrite generated fixtures under testdata/ and golden files")

// warcRecord is one record for the fixture builder.
type warcRec struct {
	typ, uri, date, contentType string
	block                       []byte
}

// buildWARC writes records in WARC/1.1 form; with perRecordGzip every record
// is its own gzip member, as Common Crawl writes them.
func buildWARC(recs []warcRec, perRecordGzip bool) []byte {
	var out bytes.Buffer
	for i, r := range recs {
		var b bytes.Buffer
		fmt.Fprintf(&b, "WARC/1.1\r\nWARC-Type: %s\r\n", r.typ)
		fmt.Fprintf(&b, "WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-%012d>\r\n", i+1)
		fmt.Fprintf(&b, "WARC-Date: %s\r\n", r.date)
		if r.uri != "" {
			fmt.Fprintf(&b, "WARC-Target-URI: %s\r\n", r.uri)
		}
		fmt.Fprintf(&b, "Content-Type: %s\r\nContent-Length: %d\r\n\r\n", r.contentType, len(r.block))
		b.Write(r.block)
		b.WriteString("\r\n\r\n")
		if !perRecordGzip {
			out.Write(b.Bytes())
			continue
		}
		zw, _ := gzip.NewWriterLevel(&out, gzip.BestCompression)
		zw.Write(b.Bytes())
		zw.Close()
	}
	return out.Bytes()
}

// httpResponse makes an HTTP response block.
func httpResponse(status, contentType string, body []byte) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "HTTP/1.1 %s\r\nDate: Tue, 04 Mar 2025 10:02:11 GMT\r\nServer: nginx\r\n", status)
	if contentType != "" {
		fmt.Fprintf(&b, "Content-Type: %s\r\n", contentType)
	}
	fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n", len(body))
	b.Write(body)
	return b.Bytes()
}

// secondPage is a news page with no date in it: its WARC-Date is used.
const secondPage = `<!doctype html>
<html lang="en"><head><title>Hospital waiting lists fall for third month - Valley Gazette</title></head>
<body>
<nav><a href="/">Home</a> | <a href="/health">Health</a> | <a href="/local">Local</a></nav>
<div class="advert">Advertisement: New cars from £199 a month</div>
<article>
<h1>Hospital waiting lists fall for third month</h1>
<p>The number of patients waiting for routine operations in the region fell for the third month in a row in February, figures published on Thursday show.</p>
<p>Health board chair Margaret Doyle said the fall was "a sign that the extra theatre capacity is working", but warned that waits for hip and knee operations were still too long.</p>
<p>About 41,000 people were waiting at the end of February, down from 44,500 in November. The health board has spent £12 million on two new operating theatres at Riverside Hospital since last summer.</p>
<p>Patient groups said the figures hid long delays for first appointments, which are counted separately.</p>
</article>
<footer><p>Valley Gazette, 12 Market Street. Contact us | Advertise with us | Jobs</p></footer>
</body></html>
`

// thirdPage is Windows-1252 encoded, as the HTTP header says.
var thirdPage = latin1(`<html><head><meta name="author" content="Tomás Ruiz"><title>Caf` + "\u00e9" + ` owners fight rent rise</title>
<meta property="article:published_time" content="2025-02-27"></head><body>
<header><a href="/">Front page</a> <a href="/business">Business</a></header>
<div id="main"><h1>Caf` + "\u00e9" + ` owners fight rent rise</h1>
<p>Owners of 30 caf` + "\u00e9" + `s in the old town have asked the city council to block a rent rise of up to 25% planned by the market company, saying many would close within a year.</p>
<p>"We pay ` + "\u00a3" + `2,000 a month for a room with six tables," said Ana Pereira, who has run a caf` + "\u00e9" + ` near the cathedral for eleven years. The market company said the rise reflected the cost of repairs to the roof and drains.</p>
<p>The council's economy committee will discuss the request at its meeting on 12 March.</p></div>
<footer>All rights reserved.</footer></body></html>
`)

// latin1 encodes a string whose runes are all below U+0100 as ISO-8859-1.
func latin1(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r))
	}
	return b
}

// crawlRecords are the records of testdata/good/crawl.warc.gz: three HTML
// responses among a warcinfo, a request, a metadata record, an image, a
// redirect and a JSON response.
func crawlRecords(t testing.TB) []warcRec {
	page, err := os.ReadFile(filepath.Join("testdata", "good", "news-page.html"))
	if err != nil {
		t.Fatal(err)
	}
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89")
	return []warcRec{
		{"warcinfo", "", "2025-03-04T10:00:00Z", "application/warc-fields",
			[]byte("software: newsgraph test fixture\r\nformat: WARC File Format 1.1\r\n")},
		{"request", "https://www.northern-ledger.example/news/2025/03/04/rail-strike-called-off", "2025-03-04T10:02:11Z", "application/http;msgtype=request",
			[]byte("GET /news/2025/03/04/rail-strike-called-off HTTP/1.1\r\nHost: www.northern-ledger.example\r\nUser-Agent: test\r\n\r\n")},
		{"response", "https://www.northern-ledger.example/news/2025/03/04/rail-strike-called-off", "2025-03-04T10:02:11Z", "application/http;msgtype=response",
			httpResponse("200 OK", "text/html; charset=utf-8", page)},
		{"metadata", "https://www.northern-ledger.example/news/2025/03/04/rail-strike-called-off", "2025-03-04T10:02:11Z", "application/warc-fields",
			[]byte("fetchTimeMs: 212\r\n")},
		{"response", "https://www.northern-ledger.example/img/platform.jpg", "2025-03-04T10:02:12Z", "application/http;msgtype=response",
			httpResponse("200 OK", "image/png", png)},
		{"response", "http://northern-ledger.example/", "2025-03-04T10:02:13Z", "application/http;msgtype=response",
			httpResponse("301 Moved Permanently", "text/html", []byte("<html><body><a href=\"https://www.northern-ledger.example/\">Moved</a></body></html>"))},
		{"response", "https://valley-gazette.example/health/waiting-lists", "2025-03-06T08:15:00Z", "application/http;msgtype=response",
			httpResponse("200 OK", "text/html", []byte(secondPage))},
		{"response", "https://valley-gazette.example/api/weather.json", "2025-03-06T08:15:01Z", "application/http;msgtype=response",
			httpResponse("200 OK", "application/json", []byte(`{"temp": 7, "sky": "cloudy"}`))},
		{"response", "https://oldtown-news.example/business/cafe-rents", "2025-03-07T12:00:00Z", "application/http;msgtype=response",
			httpResponse("200 OK", "text/html; charset=windows-1252", thirdPage)},
	}
}

// generated lists the fixtures that TestFixtures writes with -update: the
// WARC.gz other packages use, and the bad inputs derived from good ones.
func generated(t testing.TB) map[string][]byte {
	warcGz := buildWARC(crawlRecords(t), true)
	plainWarc := buildWARC(crawlRecords(t), false)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte("Plain title\n\nA short body that was compressed and then cut in half by a failed download, which is what this fixture is about."))
	zw.Close()
	var bin bytes.Buffer
	for i := 0; i < 512; i++ {
		bin.WriteByte(byte(i * 7919 % 256))
	}
	var utf16 bytes.Buffer
	utf16.Write([]byte{0xFF, 0xFE})
	for _, r := range "Ferry service resumes\n\nThe island ferry sailed again on Sunday after a week of storms.\n" {
		utf16.WriteByte(byte(r))
		utf16.WriteByte(byte(r >> 8))
	}
	return map[string][]byte{
		"good/crawl.warc.gz":    warcGz,
		"bad/truncated.warc.gz": warcGz[:len(warcGz)*2/3],
		"bad/truncated.warc":    plainWarc[:len(plainWarc)*2/3],
		"bad/truncated.txt.gz":  gz.Bytes()[:gz.Len()/2],
		"bad/corrupt.gz":        append([]byte{0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff}, []byte("this is not deflate data at all, just text after a gzip header")...),
		"bad/binary.bin":        bin.Bytes(),
		"bad/empty.txt":         {},
		"bad/utf16.txt":         utf16.Bytes(),
		"bad/latin1.txt":        latin1("Caf\u00e9 prices rise\n\nThe price of a coffee in the capital's caf\u00e9s rose to \u00a33.40 on average, a survey found.\n"),
		"bad/cp1251.txt": func() []byte {
			// "Новости" … encoded as Windows-1251
			s := "\xcd\xee\xe2\xee\xf1\xf2\xe8 \xe4\xed\xff\n\n\xcf\xf0\xe0\xe2\xe8\xf2\xe5\xeb\xfc\xf1\xf2\xe2\xee \xee\xe1\xfa\xff\xe2\xe8\xeb\xee \xee \xed\xee\xe2\xfb\xf5 \xec\xe5\xf0\xe0\xf5 \xef\xee\xe4\xe4\xe5\xf0\xe6\xea\xe8 \xf4\xe5\xf0\xec\xe5\xf0\xee\xe2 \xe2\xee \xe2\xf2\xee\xf0\xed\xe8\xea.\n"
			return []byte(s)
		}(),
		"bad/undecodable.txt": bytes.Repeat([]byte("\x81\x8d\x8f\x90\x9d\xff\xfe\xc0\xc1 "), 40),
	}
}

// TestFixtures checks that the generated fixtures are up to date, and
// rewrites them with -update.
func TestFixtures(t *testing.T) {
	for name, data := range generated(t) {
		p := filepath.Join("testdata", filepath.FromSlash(name))
		if *update {
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(p)
		if err != nil {
			t.Fatalf("%s: %v (run go test -run TestFixtures -update)", p, err)
		}
		if strings.HasSuffix(name, ".gz") {
			continue // compressed bytes may differ between Go versions
		}
		if !bytes.Equal(got, data) {
			t.Errorf("%s is out of date: run go test -run TestFixtures -update", p)
		}
	}
}
