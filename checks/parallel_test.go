package checks

import (
	"slices"
	"strings"
	"sync/atomic"
	"testing"
)

// TestRunEach: every index runs exactly once whatever the number of
// workers; with one worker (or none) in order on the caller's goroutine.
func TestRunEach(t *testing.T) {
	for _, workers := range []int{0, 1, 2, 8} {
		for _, n := range []int{0, 1, 5, 100} {
			counts := make([]atomic.Int32, n)
			var order []int
			runEach(n, workers, func(i int) {
				counts[i].Add(1)
				if workers <= 1 {
					order = append(order, i)
				}
			})
			for i := range counts {
				if c := counts[i].Load(); c != 1 {
					t.Errorf("workers %d, n %d: index %d ran %d times", workers, n, i, c)
				}
			}
			if workers <= 1 && !slices.IsSorted(order) {
				t.Errorf("workers %d: order %v", workers, order)
			}
		}
	}
}

// TestRunEachPanic: a panic in a worker reaches the caller (where the
// command recovers it), not the runtime.
func TestRunEachPanic(t *testing.T) {
	defer func() {
		p := recover()
		if s, _ := p.(string); !strings.Contains(s, "check 3") {
			t.Errorf("recovered %v, want the worker's panic", p)
		}
	}()
	runEach(10, 4, func(i int) {
		if i == 3 {
			panic("check 3")
		}
	})
	t.Error("no panic")
}
