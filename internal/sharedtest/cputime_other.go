//go:build !unix

package sharedtest

import "time"

// CPUTime is not measured on this platform: it returns false.
func CPUTime() (time.Duration, bool) { return 0, false }
