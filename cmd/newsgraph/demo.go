package main

import (
	"context"
	"flag"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"

	"github.com/newsgraph/newsgraph/examples/sample"
	"github.com/newsgraph/newsgraph/internal/analyze"
	"github.com/newsgraph/newsgraph/internal/source"
	"github.com/newsgraph/newsgraph/internal/store/backend"
)

// demoFlags holds the flags of demo.
var demoFlags struct {
	db, addr string
}

func init() {
	register(&command{
		name:  "demo",
		args:  "[--addr HOST:PORT] [--db FILE]",
		short: "ingest the bundled sample articles and serve the web UI",
		long: `Analyses the sample articles built into the binary (examples/sample),
stores them in a database (a temporary file unless --db gives a file or a
postgres:// URL) and
serves the web UI and API, printing the URL to open. Stop it with Ctrl-C.`,
		setup: func(fs *flag.FlagSet) {
			fs.StringVar(&demoFlags.db, "db", "", "database `file` to keep (default: a temporary file)")
			fs.StringVar(&demoFlags.addr, "addr", "127.0.0.1:8080", "listen `address` HOST:PORT (another free port is used when busy)")
		},
		run: runDemo,
	})
}

func runDemo(env *cmdEnv, args []string) int {
	f := demoFlags
	if len(args) > 0 {
		return usageError(env, "demo", "unexpected argument %q", args[0])
	}
	fail := func(err error) int {
		fmt.Fprintf(env.stderr, "newsgraph demo: %v\n", err)
		return exitFailed
	}
	tmp, err := os.MkdirTemp("", "newsgraph-demo-")
	if err != nil {
		return fail(err)
	}
	defer os.RemoveAll(tmp)
	dir := filepath.Join(tmp, "sample")
	if err := os.CopyFS(dir, sample.Files()); err != nil {
		return fail(fmt.Errorf("unpack sample: %w", err))
	}
	db := f.db
	if db == "" {
		db = filepath.Join(tmp, "demo.db")
	} else if backend.IsPostgres(db) {
		// a server, not a path
	} else if db, err = filepath.Abs(db); err != nil {
		return fail(err)
	}
	// read the articles as sample/NAME so their source names read well
	wd, err := os.Getwd()
	if err != nil {
		return fail(err)
	}
	if err := os.Chdir(tmp); err != nil {
		return fail(err)
	}
	defer os.Chdir(wd)
	st, err := backend.Open(context.Background(), db, false)
	if err != nil {
		return fail(err)
	}
	defer st.Close()
	an, err := analyze.New()
	if err != nil {
		return fail(err)
	}
	names, _ := fs.Glob(sample.Files(), "*.txt")
	fmt.Fprintf(env.stderr, "newsgraph demo: analysing %d sample articles…\n", len(names))
	var total ingestSummary
	for _, name := range names {
		sum, err := ingest(context.Background(), st, an, []string{filepath.Join("sample", name)}, nil,
			source.Options{Published: sample.Published(name)}, 64, env.stderr, nil)
		if err != nil {
			return fail(err)
		}
		total.Read += sum.Read
		total.Added += sum.Added
		total.Existing += sum.Existing
		total.Copies += sum.Copies
		total.Failed += sum.Failed
		total.Elapsed += sum.Elapsed
	}
	fmt.Fprintf(env.stderr, "newsgraph demo: %s\n", total)
	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		if ln, err = net.Listen("tcp", "127.0.0.1:0"); err != nil {
			return fail(err)
		}
	}
	fmt.Fprintf(env.stdout, "newsgraph demo: open http://%s/ in a browser (Ctrl-C to stop)\n", ln.Addr())
	if err := serveOn(ln, st, "", nil, env); err != nil {
		return fail(err)
	}
	return exitOK
}
