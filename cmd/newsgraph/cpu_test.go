package main

import (
	"time"

	"github.com/newsgraph/newsgraph/internal/sharedtest"
)

// cpuNow is the process's processor time so far (0 where it is not measured).
func cpuNow() time.Duration { d, _ := sharedtest.CPUTime(); return d }
