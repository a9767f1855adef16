// Package queuetest runs a real NATS server with JetStream inside the test
// process (nats-server embedded as a library), so that the queue and the
// worker are tested against the server they run on in production, not a
// mock. Only tests import it: the newsgraph binary does not contain a NATS
// server.
package queuetest

import (
	"net"
	"strconv"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// Server is an embedded NATS server with JetStream, storing its streams in
// a temporary directory of the test.
type Server struct {
	tb   testing.TB
	opts server.Options
	srv  *server.Server
}

// Start starts a server on a free loopback port and shuts it down when the
// test ends.
func Start(tb testing.TB) *Server {
	tb.Helper()
	s := &Server{tb: tb, opts: server.Options{
		Host:      "127.0.0.1",
		Port:      freePort(tb),
		JetStream: true,
		StoreDir:  tb.TempDir(),
		NoLog:     true,
		NoSigs:    true,
		// Large enough for long articles, like a production setting.
		MaxPayload: 8 << 20,
	}}
	s.start()
	tb.Cleanup(s.Shutdown)
	return s
}

// start runs the server with s.opts.
func (s *Server) start() {
	s.tb.Helper()
	opts := s.opts
	srv, err := server.NewServer(&opts)
	if err != nil {
		s.tb.Fatalf("nats-server: %v", err)
	}
	srv.Start()
	if !srv.ReadyForConnections(20 * time.Second) {
		srv.Shutdown()
		s.tb.Fatalf("nats-server did not start on port %d", s.opts.Port)
	}
	s.srv = srv
}

// URL is the nats:// URL clients connect to.
func (s *Server) URL() string {
	return "nats://" + net.JoinHostPort(s.opts.Host, strconv.Itoa(s.opts.Port))
}

// Shutdown stops the server (clients see a disconnection).
func (s *Server) Shutdown() {
	if s.srv != nil {
		s.srv.Shutdown()
		s.srv.WaitForShutdown()
		s.srv = nil
	}
}

// Restart stops the server and starts it again on the same port with the
// same storage, as an operator restarting it would.
func (s *Server) Restart() {
	s.tb.Helper()
	s.Shutdown()
	s.start()
}

// freePort asks the kernel for a free loopback port.
func freePort(tb testing.TB) int {
	tb.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatalf("free port: %v", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
