package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/pipeline"
	"github.com/newsgraph/newsgraph/internal/source"
)

// benchFlags holds the flags of bench.
var benchFlags struct {
	rounds int
}

func init() {
	register(&command{
		name:  "bench",
		args:  "[--rounds N] DIR|FILE...",
		short: "measure analysis throughput and memory over a corpus",
		long: `Reads every article under the inputs into memory, then analyses them all on
one goroutine with the default pipeline and prints articles/s, words/s, MB/s,
the time spent in each component, and the process's peak resident memory.
Reading the files is not timed. --rounds repeats the analysis and reports the
fastest round.`,
		setup: func(fs *flag.FlagSet) {
			fs.IntVar(&benchFlags.rounds, "rounds", 1, "analyse the corpus this many times and report the fastest round")
		},
		run: runBench,
	})
}

func runBench(env *cmdEnv, args []string) int {
	if len(args) == 0 {
		return usageError(env, "bench", "no DIR given")
	}
	rounds := max(benchFlags.rounds, 1)
	var arts []doc.Article
	failed := 0
	err := source.Walk(args, env.stdin, source.Options{}, func(it source.Item) error {
		if it.Err != nil {
			failed++
			fmt.Fprintf(env.stderr, "newsgraph bench: %v\n", it.Err)
			return nil
		}
		arts = append(arts, it.Article)
		return nil
	})
	if err != nil {
		fmt.Fprintf(env.stderr, "newsgraph bench: %v\n", err)
		return exitFailed
	}
	if len(arts) == 0 {
		fmt.Fprintln(env.stderr, "newsgraph bench: no articles read")
		return exitFailed
	}
	p, err := pipeline.Default()
	if err != nil {
		fmt.Fprintf(env.stderr, "newsgraph bench: %v\n", err)
		return exitFailed
	}
	comps := p.Components()
	// Warm up: load models and lexicons before timing.
	if d, err := doc.New(arts[0]); err == nil {
		_ = p.Run(d)
	}
	var best time.Duration
	var bestPer []time.Duration
	var nbytes, nwords, ndocs, nerr int
	for r := 0; r < rounds; r++ {
		per := make([]time.Duration, len(comps))
		nbytes, nwords, ndocs, nerr = 0, 0, 0, 0
		start := time.Now()
		for _, a := range arts {
			d, err := doc.New(a)
			if err != nil {
				nerr++
				continue
			}
			nbytes += len(d.Text)
			nwords += len(strings.Fields(d.Text))
			for i, c := range comps {
				t := time.Now()
				if err := c.Process(d); err != nil {
					nerr++
					break
				}
				per[i] += time.Since(t)
			}
			ndocs++
		}
		el := time.Since(start)
		if r == 0 || el < best {
			best, bestPer = el, per
		}
	}
	sec := best.Seconds()
	w := env.stdout
	fmt.Fprintf(w, "articles   %d (%d unreadable, %d failed analysis)\n", ndocs, failed, nerr)
	fmt.Fprintf(w, "text       %.1f MB, %d words\n", float64(nbytes)/1e6, nwords)
	fmt.Fprintf(w, "time       %.3f s on one goroutine (best of %d)\n", sec, rounds)
	fmt.Fprintf(w, "throughput %.0f articles/s, %.0f words/s, %.2f MB/s\n", float64(ndocs)/sec, float64(nwords)/sec, float64(nbytes)/1e6/sec)
	type share struct {
		name string
		d    time.Duration
	}
	var shares []share
	for i, c := range comps {
		shares = append(shares, share{c.Name(), bestPer[i]})
	}
	sort.SliceStable(shares, func(i, j int) bool { return shares[i].d > shares[j].d })
	for _, s := range shares {
		fmt.Fprintf(w, "  %-10s %8.3f s  %5.1f%%\n", s.name, s.d.Seconds(), 100*s.d.Seconds()/sec)
	}
	fmt.Fprintf(w, "peak RSS   %s\n", peakRSS())
	fmt.Fprintf(w, "machine    %d CPUs (GOMAXPROCS %d), %s/%s, %s\n", runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.GOOS, runtime.GOARCH, runtime.Version())
	return exitOK
}

// peakRSS reports the process's peak resident set size (VmHWM on Linux),
// falling back to the Go runtime's view of memory obtained from the OS.
func peakRSS() string {
	if b, err := os.ReadFile("/proc/self/status"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(l, "VmHWM:") {
				f := strings.Fields(l)
				if len(f) >= 2 {
					if kb, err := strconv.Atoi(f[1]); err == nil {
						return fmt.Sprintf("%.0f MB", float64(kb)/1024)
					}
				}
			}
		}
	}
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return fmt.Sprintf("%.0f MB (Go runtime Sys)", float64(m.Sys)/(1<<20))
}
