//go:build unix

package bench

import (
	"syscall"
	"time"
)

// cpuTime is the processor time (user and system) the process has used so
// far, for a benchmark to report per article beside the wall-clock rate.
func cpuTime() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
