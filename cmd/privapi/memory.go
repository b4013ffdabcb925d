package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"time"
)

// memoryEnv sets the memory budget of a run: bytes, or a number with a
// KiB, MiB or GiB suffix. By default it is three quarters of the machine's
// memory (8 GiB where that is unknown).
const memoryEnv = "PRIVAPI_MEMORY_LIMIT"

// watchMemory enforces the memory budget: the garbage collector works
// harder as the heap nears it, and a heap over it ends the run with exit 2
// and one line on errw — instead of the runtime's "fatal error: out of
// memory" and a goroutine dump, or the kernel's OOM killer. The heap is
// sampled at once and then every 20 ms; stop ends the watch. A malformed
// budget is reported the same way.
func watchMemory(getenv func(string) string, errw io.Writer, exit func(int)) (stop func()) {
	limit, err := memoryLimit(getenv(memoryEnv))
	if err != nil {
		fmt.Fprintf(errw, "privapi: %s: %v\n", memoryEnv, err)
		exit(int(exitInput))
		return func() {}
	}
	// the collector works hard from 90% of the budget on, so that garbage
	// alone does not cross it
	debug.SetMemoryLimit(limit / 10 * 9)
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	over := func() bool {
		metrics.Read(sample)
		return sample[0].Value.Kind() == metrics.KindUint64 && int64(sample[0].Value.Uint64()) > limit
	}
	report := func() {
		fmt.Fprintf(errw, "privapi: the input needs more than %s of memory (the budget, set with %s): refused\n", formatBytes(limit), memoryEnv)
		exit(int(exitInput))
	}
	if over() {
		report()
		return func() {}
	}
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if over() {
					report()
					return
				}
			}
		}
	}()
	return func() { close(done) }
}

// memoryLimit parses the budget ("" gives the default).
func memoryLimit(s string) (int64, error) {
	if s == "" {
		if total := machineMemory(); total > 0 {
			return total / 4 * 3, nil
		}
		return 8 << 30, nil
	}
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}} {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSuffix(s, u.suffix), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n <= 0 || n > (1<<62)/mult {
		return 0, fmt.Errorf("want a positive number of bytes, optionally with KiB, MiB or GiB")
	}
	return n * mult, nil
}

// machineMemory is MemTotal of /proc/meminfo in bytes (0 when unknown).
func machineMemory() int64 {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "MemTotal:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			if err == nil {
				return kb << 10
			}
		}
	}
	return 0
}

func formatBytes(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
