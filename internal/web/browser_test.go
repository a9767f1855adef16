package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/newsgraph/newsgraph/internal/api"
	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/store/sqlite"
	"github.com/newsgraph/newsgraph/internal/store/storetest"
	"github.com/newsgraph/newsgraph/internal/web"
)

// chromium finds a Chromium or Chrome binary, or skips the test.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no Chromium installed (Debian: apt-get install chromium): skipping browser tests")
	return ""
}

// artifacts is where screenshots go: $NEWSGRAPH_ARTIFACTS or a temporary
// directory, reported in the log.
func artifacts(t *testing.T) string {
	dir := os.Getenv("NEWSGRAPH_ARTIFACTS")
	if dir == "" {
		dir = t.TempDir()
	} else {
		dir = filepath.Join(dir, "browser")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("screenshots in %s", dir)
	return dir
}

func hostile() *doc.JSON {
	return storetest.Build(storetest.Article{
		Source: "x/hostile.txt", Published: "2024-05-05",
		Title:    `<script>alert("title")</script> Robert'); DROP TABLE documents;--`,
		Body:     `The minister said <img src=x onerror=alert(1)> was "not acceptable'); DELETE FROM entities;--" on Monday.`,
		Entities: []storetest.Entity{{ID: "e1", Name: "<b>Evil</b> Corp", Type: "ORG", Mentions: []string{"<img src=x onerror=alert(1)>"}}},
	})
}

func TestBrowser(t *testing.T) {
	exe := chromium(t)
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	dir := artifacts(t)
	st, err := sqlite.Open(filepath.Join(t.TempDir(), "ui.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	bad := hostile()
	if _, err := st.Put(t.Context(), append(storetest.Corpus(), bad)...); err != nil {
		t.Fatal(err)
	}
	ui, err := web.Handler(web.Options{})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/api/", (&api.Server{Store: st}).Handler())
	mux.Handle("/", ui)
	srv := httptest.NewServer(mux)
	defer srv.Close()

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true), chromedp.Flag("disable-component-update", true), chromedp.WindowSize(1280, 900))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	var exceptions atomic.Int32
	bctx, cancel := chromedp.NewContext(actx, chromedp.WithListener(func(ev any) {
		if e, ok := ev.(*runtime.EventExceptionThrown); ok {
			exceptions.Add(1)
			t.Logf("page exception: %s", e.ExceptionDetails.Text)
		}
	}))
	defer cancel()
	if err := chromedp.Do(bctx); err != nil { // starts the browser
		t.Fatalf("start %s: %v", exe, err)
	}
	ctx, cancel := context.WithTimeout(bctx, 90*time.Second)
	defer cancel()
	var dialogs atomic.Int32
	go func() {
		for _, err := range chromedp.Events(ctx, page.JavascriptDialogOpening) {
			if err != nil {
				return
			}
			dialogs.Add(1)
			chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	shot := func(name string) {
		buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err == nil {
			err = os.WriteFile(filepath.Join(dir, name), buf, 0o644)
		}
		if err != nil {
			t.Errorf("screenshot %s: %v", name, err)
		}
	}
	do := func(name string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			shot("failed-" + name + ".png")
			t.Fatalf("%s: %v", name, err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel), chromedp.NodeVisible))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return v
	}
	count := func(sel string) int {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(`+strconv.Quote(sel)+`).length`))
		if err != nil {
			t.Fatalf("count %s: %v", sel, err)
		}
		return v
	}

	do("home", chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS(`.cards`)))
	shot("home.png")
	if h1 := text("h1"); h1 != "The record" {
		t.Errorf("home h1 = %q", h1)
	}
	do("slash", chromedp.KeyEvent("/"))
	if f, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.id`)); f != "q" {
		t.Errorf("after '/', focus is on %q, want the search box", f)
	}
	// the key event's character may land in the box it focused
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(document.getElementById("q").value = "", true)`)); err != nil {
		t.Fatal(err)
	}
	do("search", chromedp.SendKeys(chromedp.CSS(`#q`), "Blair\r"), chromedp.WaitVisible(chromedp.CSS(`.results li .title a`)))
	shot("search.png")
	if n := count(".results li"); n != 5 {
		t.Errorf("search for Blair shows %d results, want 5", n)
	}
	do("open article", chromedp.Click(chromedp.Search(`//ol[@class="results"]//a[contains(., "defends the budget")]`), chromedp.NodeVisible), chromedp.WaitVisible(chromedp.CSS(`#text a.m.PERSON`)))
	shot("article.png")
	if s := text("#text"); !strings.Contains(s, "Blair") {
		t.Errorf("article text lacks Blair: %q", s)
	}
	do("click entity", chromedp.Click(chromedp.CSS(`#text a.m.PERSON`), chromedp.NodeVisible), chromedp.WaitVisible(chromedp.CSS(`#quotes blockquote`)))
	shot("entity.png")
	if s := text("#quotes"); count("#quotes blockquote") == 0 || !strings.Contains(s, "stand by the decision") {
		t.Errorf("quote ledger: %q", s)
	}
	do("open network", chromedp.Click(chromedp.CSS(`a[href^="#/network?entity="]`), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.CSS(`svg.network g.node`)), chromedp.Sleep(800*time.Millisecond))
	shot("network.png")
	if n := count("svg.network g.node"); n < 3 {
		t.Errorf("network shows %d nodes", n)
	}

	// Hostile text stays text: the title is shown literally, nothing runs.
	do("hostile article", chromedp.Navigate(srv.URL+"/#/doc/"+url.PathEscape(bad.ID)), chromedp.WaitVisible(chromedp.CSS(`#text`)))
	shot("hostile.png")
	if title := text("main h1"); title != bad.Title {
		t.Errorf("hostile title shown as %q, want the literal %q", title, bad.Title)
	}
	if n := count("main img, main script, main b"); n != 0 {
		t.Errorf("markup from the article was rendered: %d elements", n)
	}
	do("hostile search", chromedp.Navigate(srv.URL+"/#/search?q="+url.QueryEscape(`<script>alert(2)</script> '; DROP TABLE documents;--`)),
		chromedp.WaitVisible(chromedp.CSS(`main h1`)), chromedp.Sleep(300*time.Millisecond))
	shot("hostile-search.png")
	if n := count("main img, main script"); n != 0 || dialogs.Load() != 0 {
		t.Errorf("markup from the query was rendered: %d elements, %d dialogs", n, dialogs.Load())
	}
	if exceptions.Load() != 0 {
		t.Errorf("%d JavaScript exceptions", exceptions.Load())
	}
}
