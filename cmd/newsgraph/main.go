// Command newsgraph reads news and recovers what it reports: entities and
// their roles, quotes and their speakers, events, dates and amounts.
//
// Usage:
//
//	newsgraph COMMAND [flags] [args]
//
// Run "newsgraph help" for the list of commands and "newsgraph COMMAND --help"
// for the flags of one. Exit codes: 0 success, 1 some inputs failed or the
// command failed, 2 usage error.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"runtime/pprof"
	"sort"
	"strings"
)

// Exit codes scripts can rely on.
const (
	exitOK      = 0
	exitFailed  = 1
	exitUsage   = 2
	programName = "newsgraph"
)

// command is one subcommand of the binary. Each lives in its own file and
// registers itself in init().
type command struct {
	name  string
	args  string // argument synopsis, e.g. "[flags] INPUT..."
	short string // one line for the command list
	long  string // paragraph(s) for --help
	// setup declares the command's flags on fs.
	setup func(fs *flag.FlagSet)
	// run executes the command; it returns an exit code.
	run func(env *cmdEnv, args []string) int
}

// cmdEnv carries the process streams so commands are testable.
type cmdEnv struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

var commands = map[string]*command{}

func register(c *command) {
	if _, dup := commands[c.name]; dup {
		panic("duplicate command " + c.name)
	}
	commands[c.name] = c
}

// batchGC makes the garbage collector run less often in the long batch
// commands (ingest, worker): their live heap is mostly the models,
// and the garbage of each article is short-lived, so letting the heap grow
// to five times the live data instead of twice saves about a sixth of the
// CPU for a few hundred MB more memory. A GOGC set in the environment wins.
func batchGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
}

func main() {
	env := &cmdEnv{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}
	if path := os.Getenv("NEWSGRAPH_CPUPROFILE"); path != "" {
		stop, err := startCPUProfile(path)
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: NEWSGRAPH_CPUPROFILE: %v\n", programName, err)
			os.Exit(exitFailed)
		}
		code := run(os.Args[1:], env)
		stop()
		os.Exit(code)
	}
	os.Exit(run(os.Args[1:], env))
}

// startCPUProfile starts a CPU profile written to path and returns the
// function that stops it.
func startCPUProfile(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// run dispatches args to a command and returns the exit code.
func run(args []string, env *cmdEnv) int {
	if len(args) == 0 {
		usage(env.stderr)
		return exitUsage
	}
	name := args[0]
	switch name {
	case "help", "-h", "--help", "-help":
		if len(args) > 1 {
			if c, ok := commands[args[1]]; ok {
				fs := newFlagSet(c, env.stdout)
				fs.Usage()
				return exitOK
			}
		}
		usage(env.stdout)
		return exitOK
	case "version", "--version":
		fmt.Fprintln(env.stdout, programName, version())
		return exitOK
	}
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(env.stderr, "%s: unknown command %q\n", programName, name)
		usage(env.stderr)
		return exitUsage
	}
	fs := newFlagSet(c, env.stderr)
	usage := fs.Usage
	fs.Usage = func() {} // Parse reports the error itself; full usage only on --help
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(env.stdout)
			usage()
			return exitOK
		}
		fmt.Fprintf(env.stderr, "Run '%s %s --help' for usage.\n", programName, c.name)
		return exitUsage
	}
	return c.run(env, fs.Args())
}

func newFlagSet(c *command, out io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(programName+" "+c.name, flag.ContinueOnError)
	fs.SetOutput(out)
	if c.setup != nil {
		c.setup(fs)
	}
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintf(w, "usage: %s %s %s\n\n%s\n", programName, c.name, c.args, strings.TrimSpace(c.long))
		has := false
		fs.VisitAll(func(*flag.Flag) { has = true })
		if has {
			fmt.Fprintln(w, "\nflags:")
			fs.PrintDefaults()
		}
	}
	return fs
}

func usage(w io.Writer) {
	fmt.Fprintf(w, "usage: %s COMMAND [flags] [args]\n\ncommands:\n", programName)
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-9s %s\n", n, commands[n].short)
	}
	fmt.Fprintf(w, "\nRun '%s COMMAND --help' for a command's flags.\n", programName)
	fmt.Fprintf(w, "\nenvironment:\n  NEWSGRAPH_DB          database of ingest, serve, export, worker (see --db)\n  NEWSGRAPH_CPUPROFILE  write a Go CPU profile of the command to this file (go tool pprof)\n")
}

// usageError prints a usage error for c and returns exitUsage.
func usageError(env *cmdEnv, c string, format string, a ...any) int {
	fmt.Fprintf(env.stderr, "%s %s: %s\n", programName, c, fmt.Sprintf(format, a...))
	fmt.Fprintf(env.stderr, "Run '%s %s --help' for usage.\n", programName, c)
	return exitUsage
}
