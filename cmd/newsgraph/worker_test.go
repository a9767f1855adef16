package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/newsgraph/newsgraph/internal/analyze"
	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/pgtest"
	"github.com/newsgraph/newsgraph/internal/queue"
	"github.com/newsgraph/newsgraph/internal/queue/queuetest"
	"github.com/newsgraph/newsgraph/internal/source"
	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/postgres"
	"github.com/newsgraph/newsgraph/internal/store/sqlite"
)

// The queue commands in-process: ingest --queue, worker --until-empty into
// SQLite, parked.
func TestQueueCommands(t *testing.T) {
	srv := queuetest.Start(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "q.db")
	bad := filepath.Join(dir, "bad.bin")
	os.WriteFile(bad, []byte{0, 1, 2, 3, 0, 0, 0, 0xff, 0xfe}, 0o644)
	s := sampleDir(t)
	inputs := []string{filepath.Join(s, "2025-01-13-budget.txt"), bad, filepath.Join(s, "2025-01-23-brussels.txt"),
		filepath.Join(s, "2025-01-13-budget.txt")}

	tests := []struct {
		name string
		args []string
		code int
		want []string // substrings of stderr
	}{
		{"publish", append([]string{"ingest", "--queue", srv.URL()}, inputs...), exitFailed,
			[]string{"bad.bin", "4 articles", "2 published", "1 already queued", "1 failed"}},
		{"publish again", []string{"ingest", "--queue", srv.URL(), inputs[0]}, exitOK, []string{"0 published, 1 already queued"}},
		{"no server", []string{"ingest", "--queue", "nats://127.0.0.1:1", inputs[0]}, exitFailed, []string{"connect to NATS"}},
		{"worker", []string{"worker", "--queue", srv.URL(), "--db", db, "--until-empty", "--concurrency", "2"}, exitOK,
			[]string{"2 stored, 0 already stored, 0 parked"}},
		{"worker bad flag", []string{"worker", "--queue", srv.URL(), "--concurrency", "0"}, exitUsage, []string{"--concurrency"}},
		{"worker bad config", []string{"worker", "--queue", srv.URL(), "--max-deliver", "1000"}, exitUsage, []string{"max deliver"}},
		{"worker no server", []string{"worker", "--queue", "nats://127.0.0.1:1", "--db", db}, exitFailed, []string{"connect to NATS"}},
		{"parked none", []string{"parked", "--queue", srv.URL()}, exitOK, []string{"0 parked messages"}},
		{"parked bad list", []string{"parked", "--queue", srv.URL(), "--requeue", "x"}, exitUsage, []string{"not a message number"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := runCmd(t, "", tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d\n%s", code, tc.code, errOut)
			}
			for _, w := range tc.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errOut)
				}
			}
		})
	}
	st, err := sqlite.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := st.Stats(context.Background()); s.Documents != 2 {
		t.Errorf("%d documents stored, want 2", s.Documents)
	}
	st.Close()

	// a poison message: listed with its error, then deleted
	q, err := queue.Connect(context.Background(), srv.URL(), "test", queue.Config{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	js, _ := jetstream.New(q.Conn())
	if _, err := js.Publish(context.Background(), queue.DefaultSubject, []byte(`{"input":"x.jsonl#3","body":""}`)); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runCmd(t, "", "worker", "--queue", srv.URL(), "--db", db, "--until-empty"); code != exitOK ||
		!strings.Contains(errOut, "parked x.jsonl#3") || !strings.Contains(errOut, "1 parked") {
		t.Errorf("worker on a poison message: exit %d\n%s", code, errOut)
	}
	code, out, errOut := runCmd(t, "", "parked", "--queue", srv.URL(), "--json")
	var p parkedJSON
	if code != exitOK || json.Unmarshal([]byte(out), &p) != nil || p.Input != "x.jsonl#3" || !strings.Contains(p.Error, "empty") {
		t.Errorf("parked --json: exit %d, %q\n%s", code, out, errOut)
	}
	code, out, _ = runCmd(t, "", "parked", "--queue", srv.URL())
	if code != exitOK || !strings.Contains(out, "\tx.jsonl#3\t") {
		t.Errorf("parked: exit %d, %q", code, out)
	}
	if code, _, errOut := runCmd(t, "", "parked", "--queue", srv.URL(), "--delete", "all"); code != exitOK || !strings.Contains(errOut, "1 of 1 messages deleted") {
		t.Errorf("parked --delete all: exit %d\n%s", code, errOut)
	}
	if code, _, errOut := runCmd(t, "", "parked", "--queue", srv.URL(), "--requeue", "99"); code != exitFailed {
		t.Errorf("parked --requeue of a missing message: exit %d\n%s", code, errOut)
	}
}

// buildBinary builds the newsgraph binary (without -race, so that worker
// processes run at full speed) into a temporary directory.
func buildBinary(t testing.TB) string {
	t.Helper()
	gobin, err := exec.LookPath("go")
	if err != nil {
		gobin = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	bin := filepath.Join(t.TempDir(), "newsgraph")
	cmd := exec.Command(gobin, "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// syncBuffer is a bytes.Buffer safe for a process's output and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// proc is a newsgraph process started by a test.
type proc struct {
	name   string
	cmd    *exec.Cmd
	stderr *syncBuffer
	done   chan struct{}
	err    error
}

// startProc starts the binary with args; it is killed at the end of the test
// if still running.
func startProc(t testing.TB, bin, name string, args ...string) *proc {
	t.Helper()
	p := &proc{name: name, cmd: exec.Command(bin, args...), stderr: &syncBuffer{}, done: make(chan struct{})}
	p.cmd.Stderr = p.stderr
	p.cmd.Env = cleanEnv()
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.err = p.cmd.Wait(); close(p.done) }()
	t.Cleanup(func() {
		select {
		case <-p.done:
		default:
			p.cmd.Process.Kill()
			<-p.done
		}
		if t.Failed() || testing.Verbose() {
			t.Logf("stderr of %s:\n%s", p.name, p.stderr)
		}
	})
	return p
}

// cleanEnv is the environment without NEWSGRAPH_ variables.
func cleanEnv() []string {
	var env []string
	for _, e := range os.Environ() {
		if !strings.HasPrefix(e, "NEWSGRAPH_") {
			env = append(env, e)
		}
	}
	return env
}

// stop sends SIGTERM and checks that the process drains and exits 0.
func (p *proc) stop(t testing.TB) {
	t.Helper()
	p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(60 * time.Second):
		t.Errorf("%s did not exit within 60s of SIGTERM", p.name)
		return
	}
	if p.err != nil {
		t.Errorf("%s after SIGTERM: %v\n%s", p.name, p.err, p.stderr)
	}
}

// writeArticles writes n distinct articles made from the sample articles
// as JSON Lines: paragraphs rotated, a closing line, a title suffix and a
// date of their own. It returns the file and the texts by document id.
func writeArticles(t *testing.T, n int) (string, map[string]string) {
	t.Helper()
	var base []doc.Article
	err := source.Walk([]string{sampleDir(t)}, nil, source.Options{}, func(it source.Item) error {
		if it.Err == nil {
			base = append(base, it.Article)
		}
		return nil
	})
	if err != nil || len(base) == 0 {
		t.Fatalf("samples: %d articles, %v", len(base), err)
	}
	path := filepath.Join(t.TempDir(), "articles.jsonl")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	enc := json.NewEncoder(f)
	for i := range n {
		b := base[i%len(base)]
		paras := strings.Split(strings.TrimSpace(b.Body), "\n\n")
		r := (i / len(base)) % len(paras)
		paras = append(paras[r:], paras[:r]...)
		paras = append(paras, fmt.Sprintf("This is dispatch %d from the regional desk.", i))
		day := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%120)
		rec := map[string]string{
			"title":     fmt.Sprintf("%s (%d)", b.Title, i),
			"text":      strings.Join(paras, "\n\n"),
			"published": day.Format("2006-01-02"),
			"lang":      "en",
			"url":       fmt.Sprintf("https://news.example/%d", i),
		}
		if err := enc.Encode(rec); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	texts := map[string]string{}
	source.Walk([]string{path}, nil, source.Options{}, func(it source.Item) error {
		if it.Err != nil {
			t.Fatalf("%s: %v", it.Input, it.Err)
		}
		d, err := doc.New(it.Article)
		if err != nil {
			t.Fatal(err)
		}
		texts[d.ID] = d.Text
		return nil
	})
	if len(texts) != n {
		t.Fatalf("%d distinct articles generated, want %d", len(texts), n)
	}
	return path, texts
}

// testCluster is what the end-to-end tests run against.
type testCluster struct {
	bin   string
	nats  *queuetest.Server
	pg    *pgtest.Cluster
	dsn   string
	st    store.Store
	q     *queue.Queue
	input string
	texts map[string]string
}

func newCluster(t *testing.T, n int) *testCluster {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end test with worker processes and PostgreSQL: skipped with -short")
	}
	c := &testCluster{pg: pgtest.Start(t), nats: queuetest.Start(t)}
	c.dsn = c.pg.NewDB(t)
	c.bin = buildBinary(t)
	c.input, c.texts = writeArticles(t, n)
	ctx := context.Background()
	var err error
	if c.st, err = postgres.Open(ctx, c.dsn); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.st.Close() })
	if c.q, err = queue.Connect(ctx, c.nats.URL(), "test", queue.Config{}, nil); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.q.Close)
	return c
}

// worker starts a worker process.
func (c *testCluster) worker(t *testing.T, name string) *proc {
	return startProc(t, c.bin, name, "worker", "--queue", c.nats.URL(), "--db", c.dsn,
		"--concurrency", "2", "--ack-wait", "2s", "--progress", "2s")
}

// stored counts the stored documents (-1 while the database is down).
func (c *testCluster) stored() int {
	s, err := c.st.Stats(context.Background())
	if err != nil {
		return -1
	}
	return s.Documents
}

// waitStored waits until at least n documents are stored.
func (c *testCluster) waitStored(t *testing.T, n int, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for c.stored() < n {
		if time.Now().After(deadline) {
			w, f, _ := c.q.Depth(context.Background())
			t.Fatalf("after %v: %d documents stored, want %d; queue: %d waiting, %d in flight", timeout, c.stored(), n, w, f)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// check verifies that every article is stored exactly once, whole, and
// that the queue is empty and nothing was parked.
func (c *testCluster) check(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	seen := map[string]int{}
	var sample []*store.Document
	err := c.st.Documents(ctx, func(d *store.Document) error {
		seen[d.ID]++
		want, ok := c.texts[d.ID]
		switch {
		case !ok:
			t.Errorf("stored document %s was never queued", d.ID)
		case d.Text != want:
			t.Errorf("%s: stored text differs from the article's", d.ID)
		case len(d.Entities) == 0:
			t.Errorf("%s: stored without its layers (no entities)", d.ID)
		}
		if len(sample) < 13 {
			sample = append(sample, d)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) != len(c.texts) {
		t.Errorf("%d distinct documents stored, want %d", len(seen), len(c.texts))
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("%s stored %d times", id, n)
		}
	}
	if s, _ := c.st.Stats(ctx); s.Documents != len(c.texts) {
		t.Errorf("store counts %d documents, want %d", s.Documents, len(c.texts))
	}
	// a sample is stored with the same layers as a local analysis gives
	an, err := analyze.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range sample {
		local, err := an.Analyze(doc.Article{Title: d.Title, Body: strings.TrimPrefix(d.Text, d.Title+"\n\n"),
			Lang: d.Lang, Published: *d.Published, Source: d.Source})
		if err != nil {
			t.Fatal(err)
		}
		j := local.ToJSON()
		if j.ID != d.ID || len(j.Entities) != len(d.Entities) || len(j.Quotes) != len(d.Quotes) || len(j.Events) != len(d.Events) ||
			len(j.Dates) != len(d.Dates) || len(j.Amounts) != len(d.Amounts) {
			t.Errorf("%s: stored layers (%d entities, %d quotes, %d events, %d dates, %d amounts) differ from a local analysis (%d, %d, %d, %d, %d)",
				d.ID, len(d.Entities), len(d.Quotes), len(d.Events), len(d.Dates), len(d.Amounts),
				len(j.Entities), len(j.Quotes), len(j.Events), len(j.Dates), len(j.Amounts))
		}
	}
	if w, f, err := c.q.Depth(ctx); err != nil || w+f != 0 {
		t.Errorf("queue: %d waiting, %d in flight (%v); want empty", w, f, err)
	}
	n := 0
	c.q.Parked(ctx, func(p queue.ParkedMsg) error { n++; t.Errorf("parked %s: %s", p.Input, p.Error); return nil })
}

// 2,000 articles, three worker processes, one killed with SIGKILL in the
// middle and replaced, another stopped with SIGTERM (drained) and replaced:
// every article is stored exactly once, whole.
func TestWorkersSurviveKill(t *testing.T) {
	const n = 2000
	c := newCluster(t, n)
	start := time.Now()
	ingest := startProc(t, c.bin, "ingest", "ingest", "--queue", c.nats.URL(), c.input)
	ws := []*proc{c.worker(t, "worker1"), c.worker(t, "worker2"), c.worker(t, "worker3")}
	c.waitStored(t, n/4, 2*time.Minute)
	// worker1 dies without warning, its messages in hand unacknowledged
	ws[0].cmd.Process.Signal(syscall.SIGKILL)
	<-ws[0].done
	killedAt := c.stored()
	ws[0] = c.worker(t, "worker4")
	// every worker that ends with a summary line: the drained worker2 may
	// have taken some of worker1's messages before it was told to stop
	finished := []*proc{ws[1]}
	// worker2 is told to stop in the middle: it drains and exits 0 at once
	c.waitStored(t, n/2, 2*time.Minute)
	began := time.Now()
	ws[1].stop(t)
	if d := time.Since(began); d > 20*time.Second {
		t.Errorf("worker2 took %v to drain", d)
	}
	if e := ws[1].stderr.String(); !strings.Contains(e, "finishing the articles in hand") || !strings.Contains(e, "0 parked") {
		t.Errorf("worker2 after SIGTERM:\n%s", e)
	}
	ws[1] = c.worker(t, "worker5")
	finished = append(finished, ws...)
	<-ingest.done
	if ingest.err != nil || !strings.Contains(ingest.stderr.String(), fmt.Sprintf("%d published", n)) {
		t.Errorf("ingest: %v\n%s", ingest.err, ingest.stderr)
	}
	c.waitStored(t, n, 3*time.Minute)
	for _, w := range ws {
		w.stop(t)
	}
	t.Logf("%d articles through 3 worker processes in %.1fs; worker1 killed at %d stored", n, time.Since(start).Seconds(), killedAt)
	// what worker1 held went to the others
	redelivered := 0
	for _, w := range finished {
		var a, b, c, d, e, r int
		var el, rate float64
		var last string
		for _, l := range strings.Split(w.stderr.String(), "\n") {
			if strings.Contains(l, " redelivered to this worker in ") {
				last = l
			}
		}
		if _, err := fmt.Sscanf(last, "newsgraph worker: %d stored, %d already stored, %d parked, %d retried, %d handed back, %d redelivered to this worker in %fs (%f/s)",
			&a, &b, &c, &d, &e, &r, &el, &rate); err != nil {
			t.Errorf("%s: no summary line: %v: %q", w.name, err, last)
		}
		redelivered += r
	}
	if redelivered == 0 {
		t.Errorf("no message of the killed worker was redelivered")
	}
	c.check(t)
}

// The database goes down for a few seconds while articles are being
// published and stored: workers retry, reconnect and finish; nothing is
// lost.
func TestWorkersSurviveDatabaseRestart(t *testing.T) {
	const n = 600
	c := newCluster(t, n)
	ws := []*proc{c.worker(t, "worker1"), c.worker(t, "worker2")}
	ingest := startProc(t, c.bin, "ingest", "ingest", "--queue", c.nats.URL(), c.input)
	c.waitStored(t, n/5, 2*time.Minute)
	// down for a few seconds, as a real restart or a failover is
	if err := c.pg.Stop(); err != nil {
		t.Fatalf("stop: %v\n%s", err, c.pg.Log())
	}
	time.Sleep(3 * time.Second)
	if err := c.pg.Resume(); err != nil {
		t.Fatalf("resume: %v\n%s", err, c.pg.Log())
	}
	<-ingest.done
	if ingest.err != nil {
		t.Errorf("ingest: %v\n%s", ingest.err, ingest.stderr)
	}
	c.waitStored(t, n, 3*time.Minute)
	for _, w := range ws {
		w.stop(t)
	}
	retried := false
	for _, w := range ws {
		if strings.Contains(w.stderr.String(), "store:") {
			retried = true
		}
	}
	if !retried {
		t.Errorf("no worker reported a store error while the database was down")
	}
	c.check(t)
}
