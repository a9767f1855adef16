// Package pgtest starts throwaway PostgreSQL clusters for tests.
//
// The PostgreSQL store and the distributed worker are tested against a real
// server, not a mock: Start runs initdb into a fresh temporary directory,
// starts postgres on a free loopback port (with its unix socket inside that
// directory, fsync off: a killed server loses nothing the operating system
// has been given, and tests never crash the machine), waits until it accepts connections and removes
// everything when the test ends. NewDB hands each test its own database in
// that cluster, so tests sharing a cluster do not see each other's rows.
//
// PostgreSQL refuses to run as root, and CI runs as root: when the test
// process is root, initdb and postgres run as the "postgres" system user
// that Debian's postgresql package creates, and the directory is given to
// that user.
//
// The binaries are looked up in PATH and then in /usr/lib/postgresql/*/bin
// (the newest version). When there are none, tests skip in a fresh clone but
// fail when ../shared sits beside the repository, which is how CI runs:
// CI installs PostgreSQL, so a missing server there is a broken build, not a
// reason to skip.
//
// There is no library for this in Go that does not download binaries at test
// time (which CI's network forbids), hence this small package.
package pgtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Errors returned while locating or running PostgreSQL.
var (
	// ErrNoPostgres means no initdb/postgres binaries were found.
	ErrNoPostgres = errors.New("no PostgreSQL server binaries (initdb, postgres) in PATH or /usr/lib/postgresql/*/bin")
	// ErrNoUser means the process is root and there is no postgres user to
	// run the server as.
	ErrNoUser = errors.New("running as root and there is no \"postgres\" system user to run PostgreSQL as")
)

// readyTimeout bounds how long Start waits for the server to accept
// connections.
const readyTimeout = 60 * time.Second

// Cluster is a running throwaway PostgreSQL cluster. Its methods are safe for
// concurrent use.
type Cluster struct {
	bin  string // directory holding initdb and postgres
	dir  string // temporary directory holding data/, sock/ and the log
	port int
	cred *syscall.Credential // non-nil when running the server as another user

	mu      sync.Mutex
	cmd     *exec.Cmd     // the running postmaster, nil when stopped
	exited  chan struct{} // closed when cmd has exited
	waitErr error         // cmd.Wait's result, valid after exited is closed
	removed bool
	dbs     atomic.Int64 // counter for NewDB names
}

// Start initialises and starts a new cluster, registers its removal with
// tb.Cleanup and returns it. It skips or fails tb when PostgreSQL is not
// installed (see the package doc).
func Start(tb testing.TB) *Cluster {
	tb.Helper()
	bin, err := findBin()
	if err != nil {
		if sharedPresent() {
			tb.Fatalf("pgtest: %v (../shared exists, so this is CI, which installs PostgreSQL: failing, not skipping)", err)
		}
		tb.Skipf("pgtest: %v: skipping PostgreSQL test", err)
	}
	c, err := start(bin)
	if err != nil {
		tb.Fatalf("pgtest: %v", err)
	}
	tb.Cleanup(c.remove)
	return c
}

// DSN returns the connection URL of the cluster's "postgres" database, as the
// superuser "postgres" over loopback TCP.
func (c *Cluster) DSN() string { return c.dsn("postgres") }

// Port returns the TCP port the cluster listens on (on 127.0.0.1).
func (c *Cluster) Port() int { return c.port }

func (c *Cluster) dsn(db string) string {
	u := url.URL{
		Scheme:   "postgres",
		User:     url.User("postgres"),
		Host:     net.JoinHostPort("127.0.0.1", strconv.Itoa(c.port)),
		Path:     "/" + db,
		RawQuery: "sslmode=disable",
	}
	return u.String()
}

// NewDB creates a new empty database in the cluster and returns its DSN. The
// database lives as long as the cluster.
func (c *Cluster) NewDB(tb testing.TB) string {
	tb.Helper()
	name := fmt.Sprintf("test_%d", c.dbs.Add(1))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, c.DSN())
	if err != nil {
		tb.Fatalf("pgtest: connect to create database: %v", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
		tb.Fatalf("pgtest: create database %s: %v", name, err)
	}
	return c.dsn(name)
}

// Stop shuts the server down (fast shutdown: open connections are cut) and
// waits for it to exit. It does nothing when the server is not running. The
// data stays; Resume starts the server again.
func (c *Cluster) Stop() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.stopLocked(syscall.SIGINT)
}

// Kill stops the server abruptly (SIGKILL to the postmaster, then its
// children exit), as in a crash; Resume runs crash recovery.
func (c *Cluster) Kill() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.stopLocked(syscall.SIGKILL)
}

// Resume starts a stopped server again on the same port with the same data
// and waits until it accepts connections. It does nothing when the server is
// running.
func (c *Cluster) Resume() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.removed {
		return errors.New("pgtest: cluster removed")
	}
	if c.cmd != nil {
		return nil
	}
	return c.rerun()
}

// Restart stops the server (fast shutdown) and starts it again on the same
// port, as a database restart in production would.
func (c *Cluster) Restart() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.stopLocked(syscall.SIGINT); err != nil {
		return err
	}
	return c.rerun()
}

// rerun starts the server again on its port, retrying for a while: after a
// kill, the old backends may still hold the shared memory or the port.
func (c *Cluster) rerun() error {
	var err error
	for attempt := 0; attempt < 20; attempt++ {
		if err = c.run(); err == nil {
			return nil
		}
		time.Sleep(500 * time.Millisecond)
	}
	return err
}

// Log returns the server log so far, for test failure messages.
func (c *Cluster) Log() string {
	b, _ := os.ReadFile(filepath.Join(c.dir, "postgres.log"))
	return string(b)
}

// remove stops the server and deletes the cluster directory.
func (c *Cluster) remove() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.removed {
		return
	}
	c.removed = true
	_ = c.stopLocked(syscall.SIGQUIT) // immediate shutdown: the data is thrown away
	_ = os.RemoveAll(c.dir)
}

func (c *Cluster) stopLocked(sig syscall.Signal) error {
	if c.cmd == nil {
		return nil
	}
	cmd, exited := c.cmd, c.exited
	c.cmd = nil
	if err := cmd.Process.Signal(sig); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return fmt.Errorf("pgtest: signal postgres: %w", err)
	}
	select {
	case <-exited:
	case <-time.After(60 * time.Second):
		_ = cmd.Process.Kill()
		<-exited
	}
	if sig == syscall.SIGKILL {
		// The postmaster's children notice its death and exit on their
		// own; wait for them, or a restart finds the shared memory busy.
		c.waitChildren()
	}
	return nil
}

// waitChildren gives the backends of a killed postmaster a moment to notice
// its death and exit; run retries while their shared memory is still in use.
func (c *Cluster) waitChildren() {
	time.Sleep(300 * time.Millisecond)
}

// start creates and starts a cluster from the binaries in bin.
func start(bin string) (*Cluster, error) {
	c := &Cluster{bin: bin}
	if os.Geteuid() == 0 {
		cred, err := postgresUser()
		if err != nil {
			return nil, err
		}
		c.cred = cred
	}
	parent := os.TempDir()
	if c.cred != nil && !traversable(parent) {
		parent = "/tmp" // the postgres user must reach the cluster directory
	}
	dir, err := os.MkdirTemp(parent, "pgtest-")
	if err != nil {
		return nil, fmt.Errorf("create cluster directory: %w", err)
	}
	c.dir = dir
	ok := false
	defer func() {
		if !ok {
			_ = os.RemoveAll(dir)
		}
	}()
	if err := os.Mkdir(filepath.Join(dir, "sock"), 0o700); err != nil {
		return nil, fmt.Errorf("create socket directory: %w", err)
	}
	if c.cred != nil {
		for _, p := range []string{dir, filepath.Join(dir, "sock")} {
			if err := os.Chown(p, int(c.cred.Uid), int(c.cred.Gid)); err != nil {
				return nil, fmt.Errorf("give %s to the postgres user: %w", p, err)
			}
		}
	}
	if err := c.initdb(); err != nil {
		return nil, err
	}
	// A free port can be taken between probing and binding; try a few.
	for attempt := 0; ; attempt++ {
		c.port, err = freePort()
		if err != nil {
			return nil, err
		}
		c.mu.Lock()
		err = c.run()
		c.mu.Unlock()
		if err == nil {
			break
		}
		if attempt == 2 {
			return nil, err
		}
	}
	ok = true
	return c, nil
}

// initdb creates the data directory, trying a UTF-8 locale first so that
// full-text search folds non-ASCII letters.
func (c *Cluster) initdb() error {
	var last error
	for _, locale := range []string{"C.UTF-8", "C.utf8", "en_US.UTF-8", "C"} {
		data := filepath.Join(c.dir, "data")
		_ = os.RemoveAll(data)
		cmd := c.command("initdb", "-D", data, "-U", "postgres", "-A", "trust",
			"-E", "UTF8", "--locale="+locale, "--no-sync")
		out, err := cmd.CombinedOutput()
		if err == nil {
			return nil
		}
		last = fmt.Errorf("initdb (locale %s): %w\n%s", locale, err, bytes.TrimSpace(out))
	}
	return last
}

// run starts the postmaster and waits until it accepts connections. The
// caller holds c.mu.
func (c *Cluster) run() error {
	logf, err := os.OpenFile(filepath.Join(c.dir, "postgres.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return fmt.Errorf("open server log: %w", err)
	}
	defer logf.Close()
	cmd := c.command("postgres",
		"-D", filepath.Join(c.dir, "data"),
		"-p", strconv.Itoa(c.port),
		"-c", "listen_addresses=127.0.0.1",
		"-c", "unix_socket_directories="+filepath.Join(c.dir, "sock"),
		"-c", "fsync=off",
		"-c", "full_page_writes=off",
		"-c", "max_connections=300",
		"-c", "shared_buffers=64MB",
	)
	cmd.Stdout = logf
	cmd.Stderr = logf
	// The server dies with the test process even when that is killed.
	cmd.SysProcAttr.Pdeathsig = syscall.SIGQUIT
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start postgres: %w", err)
	}
	exited := make(chan struct{})
	go func() {
		c.waitErr = cmd.Wait()
		close(exited)
	}()
	c.cmd, c.exited = cmd, exited

	ctx, cancel := context.WithTimeout(context.Background(), readyTimeout)
	defer cancel()
	for {
		conn, err := pgx.Connect(ctx, c.DSN())
		if err == nil {
			_ = conn.Close(ctx)
			return nil
		}
		select {
		case <-exited:
			c.cmd = nil
			return fmt.Errorf("postgres exited while starting (%v); log:\n%s", c.waitErr, tail(c.Log(), 2000))
		case <-ctx.Done():
			_ = c.stopLocked(syscall.SIGQUIT)
			return fmt.Errorf("postgres not ready after %v: %w; log:\n%s", readyTimeout, err, tail(c.Log(), 2000))
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// command returns an exec.Cmd for a PostgreSQL binary, run as the postgres
// user when the test runs as root.
func (c *Cluster) command(name string, args ...string) *exec.Cmd {
	cmd := exec.Command(filepath.Join(c.bin, name), args...)
	cmd.Dir = c.dir
	cmd.SysProcAttr = &syscall.SysProcAttr{}
	if c.cred != nil {
		cmd.SysProcAttr.Credential = c.cred
		cmd.Env = append(os.Environ(), "HOME="+c.dir, "USER=postgres", "LOGNAME=postgres")
	}
	return cmd
}

// traversable reports whether every directory from / to dir may be entered
// by other users (the postgres user, when the tests run as root).
func traversable(dir string) bool {
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		st, err := os.Stat(d)
		if err != nil || st.Mode().Perm()&0o001 == 0 {
			return false
		}
		if d == filepath.Dir(d) {
			return true
		}
	}
}

// postgresUser looks up the postgres system user.
func postgresUser() (*syscall.Credential, error) {
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNoUser, err)
	}
	uid, err1 := strconv.ParseUint(u.Uid, 10, 32)
	gid, err2 := strconv.ParseUint(u.Gid, 10, 32)
	if err1 != nil || err2 != nil {
		return nil, fmt.Errorf("%w: bad uid/gid %q/%q", ErrNoUser, u.Uid, u.Gid)
	}
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, nil
}

// findBin returns the directory holding initdb and postgres: the one in PATH
// (following symlinks, as Debian links only some tools into /usr/bin), else
// the newest /usr/lib/postgresql/*/bin.
func findBin() (string, error) {
	has := func(dir string) bool {
		for _, n := range []string{"initdb", "postgres"} {
			if st, err := os.Stat(filepath.Join(dir, n)); err != nil || st.IsDir() {
				return false
			}
		}
		return true
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		if real, err := filepath.EvalSymlinks(p); err == nil && has(filepath.Dir(real)) {
			return filepath.Dir(real), nil
		}
		if has(filepath.Dir(p)) {
			return filepath.Dir(p), nil
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return version(dirs[i]) > version(dirs[j]) })
	for _, d := range dirs {
		if has(d) {
			return d, nil
		}
	}
	return "", ErrNoPostgres
}

// version returns the major version in /usr/lib/postgresql/V/bin, 0 if none.
func version(binDir string) float64 {
	v, _ := strconv.ParseFloat(filepath.Base(filepath.Dir(binDir)), 64)
	return v
}

// freePort returns a TCP port on 127.0.0.1 that was free a moment ago.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// sharedPresent reports whether ../shared exists beside the repository root
// (the directory holding go.mod above the working directory).
func sharedPresent() bool {
	dir, err := os.Getwd()
	if err != nil {
		return false
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			st, err := os.Stat(filepath.Join(filepath.Dir(dir), "shared"))
			return err == nil && st.IsDir()
		}
		up := filepath.Dir(dir)
		if up == dir {
			return false
		}
		dir = up
	}
}

func tail(s string, n int) string {
	if len(s) > n {
		s = "…" + s[len(s)-n:]
	}
	return strings.TrimSpace(s)
}
