package engine

import "testing"

// TestDefaultWorkers: the checks run one after another on one or two CPUs
// (where a second goroutine cost CPU and saved no time) and on one
// goroutine per CPU above.
func TestDefaultWorkers(t *testing.T) {
	for procs, want := range map[int]int{1: 1, 2: 1, 3: 3, 8: 8} {
		if got := defaultWorkers(procs); got != want {
			t.Errorf("defaultWorkers(%d) = %d, want %d", procs, got, want)
		}
	}
}
