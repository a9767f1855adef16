package api

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/sqlite"
	"github.com/newsgraph/newsgraph/internal/store/storetest"
)

// hostile is an article whose text looks like markup and SQL.
func hostile() *doc.JSON {
	return storetest.Build(storetest.Article{
		Source: "x/hostile.txt", Published: "2024-05-05",
		Title:    `<script>alert("t")</script> Robert'); DROP TABLE documents;--`,
		Body:     `The minister said <img src=x onerror=alert(1)> was "not acceptable'); DELETE FROM entities;--" on Monday.`,
		Entities: []storetest.Entity{{ID: "e1", Name: "<b>Evil</b> Corp", Type: "ORG", Mentions: []string{"<img src=x onerror=alert(1)>"}}},
	})
}

func newServer(t *testing.T, token string) (*httptest.Server, store.Store) {
	t.Helper()
	s, err := sqlite.Open(filepath.Join(t.TempDir(), "api.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Put(t.Context(), append(storetest.Corpus(), hostile())...); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer((&Server{Store: s, Token: token}).Handler())
	t.Cleanup(srv.Close)
	return srv, s
}

func get(t *testing.T, srv *httptest.Server, path string) (int, map[string]any) {
	t.Helper()
	resp, err := http.Get(srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("%s: content type %q", path, ct)
	}
	var out map[string]any
	b, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("%s: not JSON: %s", path, b)
	}
	return resp.StatusCode, out
}

func TestAPI(t *testing.T) {
	srv, st := newServer(t, "")
	es, _ := st.Entities(t.Context(), store.EntityQuery{Name: "Tony Blair"})
	tony := es[0].ID
	docs := storetest.Corpus()
	cases := []struct {
		path   string
		status int
		check  func(map[string]any) string // "" when fine
	}{
		{"/api/stats", 200, func(m map[string]any) string {
			if m["documents"].(float64) != 9 {
				return "documents"
			}
			return ""
		}},
		{"/api/search?q=Blair&limit=2", 200, func(m map[string]any) string {
			if m["total"].(float64) != 5 || len(m["results"].([]any)) != 2 {
				return "total/results"
			}
			r := m["results"].([]any)[0].(map[string]any)
			for _, k := range []string{"id", "title", "published", "source", "lang", "snippet"} {
				if _, ok := r[k]; !ok {
					return "missing " + k
				}
			}
			return ""
		}},
		{"/api/search?q=Blair&from=2024-02-01&to=2024-06-30", 200, func(m map[string]any) string {
			if m["total"].(float64) != 2 {
				return "date filter"
			}
			return ""
		}},
		{"/api/search?entity=" + tony + "&facets=1", 200, func(m map[string]any) string {
			if m["total"].(float64) != 4 || m["facets"] == nil {
				return "entity filter / facets"
			}
			return ""
		}},
		{"/api/search?q=" + url.QueryEscape("'; DROP TABLE documents; --"), 200, nil},
		{"/api/search?limit=0", 400, nil},
		{"/api/search?limit=abc", 400, nil},
		{"/api/search?offset=-1", 400, nil},
		{"/api/search?from=2024-13-01", 400, nil},
		{"/api/search?from=2024-05-01&to=2024-01-01", 400, nil},
		{"/api/search?lang=english", 400, nil},
		{"/api/search?type=person", 400, nil},
		{"/api/search?q=" + strings.Repeat("a", 600), 400, nil},
		{"/api/search?q=a&q=b", 400, nil},
		{"/api/search?q=" + strings.Repeat("a", 5000), 414, nil},
		{"/api/documents/" + docs[0].ID, 200, func(m map[string]any) string {
			if m["schema"] != doc.Schema || m["story"] == nil {
				return "schema/story"
			}
			ents := m["entities"].([]any)
			if ents[0].(map[string]any)["id"] != tony {
				return "corpus ids"
			}
			return ""
		}},
		{"/api/documents/sha256:missing", 404, nil},
		{"/api/documents/" + url.PathEscape("<script>"), 400, nil},
		{"/api/entities?q=Blair&type=PERSON", 200, func(m map[string]any) string {
			r := m["results"].([]any)
			if len(r) != 2 || r[0].(map[string]any)["name"] != "Tony Blair" {
				return "entity list"
			}
			return ""
		}},
		{"/api/entities/" + tony, 200, func(m map[string]any) string {
			if len(m["roles"].([]any)) < 2 || len(m["related"].([]any)) == 0 || m["articles"].(float64) != 4 {
				return "entity detail"
			}
			return ""
		}},
		{"/api/entities/E424242", 404, nil},
		{"/api/quotes?speaker=" + tony, 200, func(m map[string]any) string {
			if m["total"].(float64) != 3 {
				return "quotes"
			}
			q := m["results"].([]any)[0].(map[string]any)
			for _, k := range []string{"text", "speaker", "speaker_name", "document", "published", "cue", "direct"} {
				if _, ok := q[k]; !ok {
					return "missing " + k
				}
			}
			return ""
		}},
		{"/api/quotes?from=yesterday", 400, nil},
		{"/api/events?actor=" + tony + "&type=CONSULT", 200, func(m map[string]any) string {
			if m["total"].(float64) != 2 {
				return "events"
			}
			e := m["results"].([]any)[0].(map[string]any)
			for _, k := range []string{"type", "mode", "source", "target", "date", "location", "document", "evidence"} {
				if _, ok := e[k]; !ok {
					return "missing " + k
				}
			}
			return ""
		}},
		{"/api/network?entity=" + tony + "&depth=2", 200, func(m map[string]any) string {
			if len(m["nodes"].([]any)) < 3 || len(m["edges"].([]any)) == 0 {
				return "network"
			}
			return ""
		}},
		{"/api/network?depth=3", 400, nil},
		{"/api/network?min_weight=x", 400, nil},
		{"/api/network?entity=E999999", 404, nil},
		{"/api/timeline?entity=" + tony, 200, func(m map[string]any) string {
			if len(m["buckets"].([]any)) != 3 {
				return "timeline"
			}
			return ""
		}},
		{"/api/timeline?q=Smith", 200, nil},
		{"/api/nosuch", 404, nil},
	}
	for _, c := range cases {
		t.Run(c.path[:min(len(c.path), 60)], func(t *testing.T) {
			status, m := get(t, srv, c.path)
			if status != c.status {
				t.Fatalf("status %d, want %d: %v", status, c.status, m)
			}
			if status >= 400 {
				msg, _ := m["error"].(string)
				if msg == "" {
					t.Errorf("error body without message: %v", m)
				}
				if status == 400 {
					// the message names the parameter
					u, _ := url.Parse(c.path)
					named := strings.Contains(msg, "id")
					for k := range u.Query() {
						named = named || strings.Contains(msg, k)
					}
					if !named {
						t.Errorf("400 message %q does not name the parameter", msg)
					}
				}
				return
			}
			if c.check != nil {
				if what := c.check(m); what != "" {
					t.Errorf("%s: %v", what, m)
				}
			}
		})
	}
}

func TestHostileTextIsEscapedInJSON(t *testing.T) {
	srv, _ := newServer(t, "")
	resp, err := http.Get(srv.URL + "/api/search?q=minister")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if strings.Contains(string(b), "<script>") || strings.Contains(string(b), "<img") {
		t.Errorf("raw markup in JSON: %s", b)
	}
	if !strings.Contains(string(b), `\u003cscript\u003e`) {
		t.Errorf("title missing or not escaped: %s", b)
	}
}

func TestWrites(t *testing.T) {
	d := storetest.Build(storetest.Article{Source: "post.txt", Published: "2024-10-01", Title: "Posted", Body: "A posted article about the harbour."})
	body, _ := json.Marshal(d)
	post := func(srv *httptest.Server, auth string, b string) int {
		req, _ := http.NewRequest("POST", srv.URL+"/api/documents", strings.NewReader(b))
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	ro, _ := newServer(t, "")
	if got := post(ro, "Bearer x", string(body)); got != http.StatusForbidden {
		t.Errorf("read-only server: %d, want 403", got)
	}
	rw, st := newServer(t, "s3cret")
	cases := []struct {
		auth, body string
		status     int
	}{
		{"", string(body), 401},
		{"Bearer wrong", string(body), 401},
		{"Bearer s3cret", "{not json", 400},
		{"Bearer s3cret", `{"title": "raw article"}`, 400}, // no analyser configured
		{"Bearer s3cret", strings.Replace(string(body), doc.Schema, "other/2", 1), 400},
		{"Bearer s3cret", `"` + strings.Repeat("x", MaxBodyBytes+10) + `"`, 413},
		{"Bearer s3cret", string(body), 200},
		{"Bearer s3cret", string(body), 200}, // idempotent
	}
	for i, c := range cases {
		if got := post(rw, c.auth, c.body); got != c.status {
			t.Errorf("case %d: status %d, want %d", i, got, c.status)
		}
	}
	stats, _ := st.Stats(t.Context())
	if stats.Documents != 10 {
		t.Errorf("documents = %d, want 10", stats.Documents)
	}
}

// FuzzQuery sends arbitrary query strings to every endpoint: the answer is
// always JSON with a 2xx or 4xx status, never a server error.
func FuzzQuery(f *testing.F) {
	for _, s := range []string{"q=Blair", "limit=-1", "from=2024-02-30", "q=%22a", "entity=E1&depth=2", "q=NEAR(a", "type=PERSON&q=x"} {
		f.Add(s)
	}
	st, err := sqlite.Open(filepath.Join(f.TempDir(), "fuzz.db"))
	if err != nil {
		f.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Put(f.Context(), storetest.Corpus()...); err != nil {
		f.Fatal(err)
	}
	h := (&Server{Store: st}).Handler()
	paths := []string{"/api/search", "/api/entities", "/api/quotes", "/api/events", "/api/network", "/api/timeline"}
	f.Fuzz(func(t *testing.T, q string) {
		if len(q) > 300 {
			return
		}
		for _, p := range paths {
			req := httptest.NewRequest(http.MethodGet, "/", nil)
			req.URL.Path, req.URL.RawQuery = p, q
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code >= 500 || !json.Valid(rec.Body.Bytes()) {
				t.Errorf("%s?%s: %d %s", p, q, rec.Code, rec.Body.String())
			}
		}
	})
}

func TestPostRawArticle(t *testing.T) {
	st, err := sqlite.Open(filepath.Join(t.TempDir(), "raw.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	analyse := func(a doc.Article) (*doc.Doc, error) { return doc.New(a) } // no layers: enough for the API
	srv := httptest.NewServer((&Server{Store: st, Token: "t", Analyze: analyse}).Handler())
	defer srv.Close()
	body := `{"title": "Harbour reopens", "body": "The harbour reopened on Monday after repairs.", "published": "2025-04-01", "source": "desk"}`
	req, _ := http.NewRequest("POST", srv.URL+"/api/documents", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer t")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var res store.PutResult
	json.NewDecoder(resp.Body).Decode(&res)
	resp.Body.Close()
	if resp.StatusCode != 200 || !res.Added || !strings.HasPrefix(res.ID, "sha256:") {
		t.Fatalf("POST raw article: %d %+v", resp.StatusCode, res)
	}
	d, err := st.Document(t.Context(), res.ID)
	if err != nil || d.Title != "Harbour reopens" || d.Source != "desk" || *d.Published != "2025-04-01" {
		t.Errorf("stored document: %+v %v", d, err)
	}
}
