package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/newsgraph/newsgraph/internal/analyze"
	"github.com/newsgraph/newsgraph/internal/api"
	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/backend"
	"github.com/newsgraph/newsgraph/internal/web"
)

// serveFlags holds the flags of serve.
var serveFlags struct {
	db, addr, token string
}

func init() {
	register(&command{
		name:  "serve",
		args:  "[--db FILE] [--addr HOST:PORT] [--token T]",
		short: "serve the JSON API and the web UI over a database",
		long: `Serves the JSON API (/api/…, see spec/api.md) and the web UI (/) over a
database made by ingest: --db FILE or --db postgres://USER@HOST/DB
(default $NEWSGRAPH_DB, then ./newsgraph.db).

The server is read-only unless a token is given (--token or the
NEWSGRAPH_TOKEN environment variable): then POST /api/documents with
"Authorization: Bearer TOKEN" stores a document (a newsgraph.document/1
object, or a raw article {"title", "body", "published", …} to analyse).
Stop it with Ctrl-C.`,
		setup: func(fs *flag.FlagSet) {
			f := &serveFlags
			fs.StringVar(&f.db, "db", "", "database: SQLite `file` or postgres:// URL (default $"+backend.EnvVar+", then ./"+backend.DefaultPath+")")
			fs.StringVar(&f.addr, "addr", "127.0.0.1:8080", "listen `address` HOST:PORT")
			fs.StringVar(&f.token, "token", os.Getenv("NEWSGRAPH_TOKEN"), "bearer `token` that allows writes (default $NEWSGRAPH_TOKEN)")
		},
		run: runServe,
	})
}

func runServe(env *cmdEnv, args []string) int {
	f := serveFlags
	if len(args) > 0 {
		return usageError(env, "serve", "unexpected argument %q", args[0])
	}
	db := backend.Target(f.db)
	st, err := backend.Open(context.Background(), db, f.token == "")
	if errors.Is(err, backend.ErrNoDatabase) {
		fmt.Fprintf(env.stderr, "newsgraph serve: %s: no database (make one with: newsgraph ingest --db %s INPUT...)\n", db, db)
		return exitFailed
	}
	if err != nil {
		fmt.Fprintf(env.stderr, "newsgraph serve: %v\n", err)
		return exitFailed
	}
	defer st.Close()
	var an api.Analyzer
	if f.token != "" {
		a, err := analyze.New()
		if err != nil {
			fmt.Fprintf(env.stderr, "newsgraph serve: %v\n", err)
			return exitFailed
		}
		an = a.Analyze
	}
	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		fmt.Fprintf(env.stderr, "newsgraph serve: %v\n", err)
		return exitFailed
	}
	fmt.Fprintf(env.stdout, "newsgraph: serving %s at http://%s/ (%s)\n", backend.Describe(db), ln.Addr(), map[bool]string{true: "read-only", false: "writes allowed with the token"}[f.token == ""])
	if err := serveOn(ln, st, f.token, an, env); err != nil {
		fmt.Fprintf(env.stderr, "newsgraph serve: %v\n", err)
		return exitFailed
	}
	return exitOK
}

// handler joins the API and the web UI.
func handler(st store.Store, token string, an api.Analyzer, logger *log.Logger) (http.Handler, error) {
	ui, err := web.Handler(web.Options{Title: "newsgraph", Writable: token != ""})
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle("/api/", (&api.Server{Store: st, Token: token, Analyze: an, Log: logger}).Handler())
	mux.Handle("/", ui)
	return mux, nil
}

// serveOn serves until SIGINT or SIGTERM, then drains requests.
func serveOn(ln net.Listener, st store.Store, token string, an api.Analyzer, env *cmdEnv) error {
	logger := log.New(env.stderr, "newsgraph serve: ", log.LstdFlags)
	h, err := handler(st, token, an, logger)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 60 * time.Second, IdleTimeout: 120 * time.Second, MaxHeaderBytes: 64 << 10, ErrorLog: logger}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return srv.Shutdown(sctx)
}
