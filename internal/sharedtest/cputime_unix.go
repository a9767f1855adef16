//go:build unix

package sharedtest

import (
	"syscall"
	"time"
)

// CPUTime is the processor time (user and system) the process has used so
// far, and whether it could be read. Benchmarks report work per
// processor-second beside the wall-clock rate, which a shared machine
// inflates.
func CPUTime() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
