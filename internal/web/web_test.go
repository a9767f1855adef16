package web

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestHandler(t *testing.T) {
	h, err := Handler(Options{Title: `<script>x</script>`})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	cases := []struct {
		path, ctype, body string
		status            int
	}{
		{"/", "text/html", "&lt;script&gt;x&lt;/script&gt;", 200},
		{"/static/app.js", "javascript", "function el(", 200},
		{"/static/app.css", "text/css", "--accent", 200},
		{"/static/", "", "", 404},
		{"/static/nosuch.js", "", "", 404},
	}
	for _, c := range cases {
		resp, err := http.Get(srv.URL + c.path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != c.status {
			t.Errorf("%s: status %d, want %d", c.path, resp.StatusCode, c.status)
			continue
		}
		if c.status != 200 {
			continue
		}
		if !strings.Contains(resp.Header.Get("Content-Type"), c.ctype) || !strings.Contains(string(b), c.body) {
			t.Errorf("%s: %s, body lacks %q", c.path, resp.Header.Get("Content-Type"), c.body)
		}
		if c.path == "/" {
			if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
				t.Errorf("CSP = %q", csp)
			}
			if strings.Contains(string(b), "<script>x") {
				t.Errorf("title not escaped")
			}
		}
	}
}

// The page never inserts server text as HTML: app.js has no innerHTML,
// outerHTML, insertAdjacentHTML or document.write.
func TestNoHTMLInsertion(t *testing.T) {
	b, err := files.ReadFile("static/app.js")
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("} {
		if strings.Contains(string(b), bad) {
			t.Errorf("app.js uses %s", bad)
		}
	}
}
