package checks

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// runEach calls do(0) … do(n-1): in order on the calling goroutine when
// workers <= 1, else on min(workers, GOMAXPROCS, n) goroutines that take
// the next index as they finish one (the checks' costs differ by orders of
// magnitude, so fixed shares would wait for the slowest). A panic in do
// is raised again on the calling goroutine once every worker stopped, so
// the command's recovery turns it into an error message as it does
// without workers.
func runEach(n, workers int, do func(i int)) {
	workers = min(workers, runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := 0; i < n; i++ {
			do(i)
		}
		return
	}
	var (
		next  atomic.Int64
		wg    sync.WaitGroup
		once  sync.Once
		fault any
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if p := recover(); p != nil {
					once.Do(func() { fault = p })
					next.Store(int64(n)) // the others stop after their current check
				}
			}()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				do(i)
			}
		}()
	}
	wg.Wait()
	if fault != nil {
		panic(fault)
	}
}
