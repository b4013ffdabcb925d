// Command profileplan runs privapi's check pipeline on a plan file the way
// `privapi check --format json PLAN` does (load, analyze, checks, waivers,
// sort, JSON report streamed and discarded), timing each stage and optionally
// writing pprof profiles:
//
//	go run ./internal/bench/cmd/profileplan [-cpuprofile F] [-memprofile F] [-allocprofile F] [-format json] [-workers N] PLAN
//
// -memprofile writes the in-use heap at its peak point (after the checks,
// with the plan, model, view and results alive); -allocprofile the
// allocations of the whole run. For each stage it prints wall time, CPU
// time (user+system of the process, so with -workers it can exceed wall),
// bytes and objects allocated, and the live heap after a GC at the end of
// the stage (that GC is counted in no stage).
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"syscall"
	"time"

	"github.com/privapi/privapi/checks"
	"github.com/privapi/privapi/internal/engine"
	"github.com/privapi/privapi/internal/report"
)

func main() {
	cpu := flag.String("cpuprofile", "", "write a CPU profile to FILE")
	mem := flag.String("memprofile", "", "write the in-use heap after the checks to FILE")
	alloc := flag.String("allocprofile", "", "write the allocations of the run to FILE")
	format := flag.String("format", "json", "report format")
	noGC := flag.Bool("nogc-stats", false, "skip the GC after each stage (live heap not reported; timings closer to the CLI)")
	workers := flag.Int("workers", 0, "run the checks on up to N goroutines (engine.Runner.Workers; 0: the default, one per CPU with more than 2, 1: one after another)")
	until := flag.String("until", "", `stop after this stage: "load" or "analyze" (profiles cover the stages run)`)
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: profileplan [flags] PLAN")
		os.Exit(2)
	}
	if *alloc != "" {
		runtime.MemProfileRate = 512 << 10
	}
	if *cpu != "" {
		f, err := os.Create(*cpu)
		check(err)
		check(pprof.StartCPUProfile(f))
		defer pprof.StopCPUProfile()
	}
	st := &stages{gc: !*noGC}
	st.start()

	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	names := map[string]string{
		"load":    "load+decode (planfile.Load)",
		"analyze": "model+topology (engine.Analyze)",
		"checks":  "checks (Analysis.Check)",
		"waivers": "waivers+sort",
	}
	runner := engine.Runner{CountPasses: !report.ListsPasses(*format), Workers: *workers, Stage: func(name string) {
		st.done(names[name])
		if name == *until {
			stop()
		}
		if name == "waivers" && *mem != "" {
			runtime.GC()
			f, err := os.Create(*mem)
			check(err)
			check(pprof.Lookup("heap").WriteTo(f, 0))
			check(f.Close())
		}
	}}
	res, diags := runner.Run(ctx, engine.Inputs{Plan: flag.Arg(0)})
	if *until != "" && ctx.Err() != nil {
		finish(*mem, *alloc, st, 0, res.Doc.Size)
		runtime.KeepAlive(res)
		return
	}
	check(engine.Err(diags))
	doc, results := res.Doc, res.Results

	rep := &report.Report{
		Tool:    report.Tool{Name: "privapi", Version: "bench"},
		Input:   report.Input{Path: doc.Path, Kind: string(doc.Kind), TerraformVersion: doc.TerraformVersion, FormatVersion: doc.FormatVersion},
		Results: results,
		Passed:  res.Passed,
	}
	for _, c := range checks.All() {
		rep.Checks = append(rep.Checks, report.CheckInfo{ID: c.ID, Name: c.Name, Severity: c.Severity, Title: c.Title, Doc: c.Doc, HelpURI: c.HelpURI()})
	}
	f, err := report.Get(*format)
	check(err)
	// streamed like privapi check writes it (through a buffer of 64 KB),
	// counted and discarded
	var cw countWriter
	bw := bufio.NewWriterSize(&cw, 64<<10)
	check(f.Write(bw, rep))
	check(bw.Flush())
	n := cw.n
	st.done(fmt.Sprintf("report (%s, %d KB)", *format, n>>10))

	if *alloc != "" {
		f, err := os.Create(*alloc)
		check(err)
		check(pprof.Lookup("allocs").WriteTo(f, 0))
		check(f.Close())
	}
	st.total(len(results)+res.Passed, doc.Size)
	runtime.KeepAlive(res)
}

// finish writes the heap profiles and the total line when stopping early.
func finish(mem, alloc string, st *stages, results int, size int64) {
	for _, p := range []struct{ file, name string }{{mem, "heap"}, {alloc, "allocs"}} {
		if p.file == "" {
			continue
		}
		runtime.GC()
		f, err := os.Create(p.file)
		check(err)
		check(pprof.Lookup(p.name).WriteTo(f, 0))
		check(f.Close())
	}
	st.total(results, size)
	pprof.StopCPUProfile()
}

type stages struct {
	gc             bool
	t0, t          time.Time
	cpu0, cpu      time.Duration
	alloc0, alloc  uint64
	malloc0, mallc uint64
}

// cpuTime is the user+system CPU time of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func (s *stages) start() {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	s.t0, s.t, s.alloc0, s.alloc = time.Now(), time.Now(), ms.TotalAlloc, ms.TotalAlloc
	s.malloc0, s.mallc = ms.Mallocs, ms.Mallocs
	s.cpu0, s.cpu = cpuTime(), cpuTime()
	fmt.Printf("%-36s %9s %8s %11s %10s %11s\n", "stage", "wall", "cpu", "allocated", "allocs", "live heap")
}

func (s *stages) done(name string) {
	d, cpu := time.Since(s.t), cpuTime()-s.cpu
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	allocd, mallocs := ms.TotalAlloc-s.alloc, ms.Mallocs-s.mallc
	live := "-"
	if s.gc {
		runtime.GC()
		runtime.ReadMemStats(&ms)
		live = mb(ms.HeapAlloc)
	}
	fmt.Printf("%-36s %8.2fs %7.2fs %11s %10d %11s\n", name, d.Seconds(), cpu.Seconds(), mb(allocd), mallocs, live)
	s.alloc, s.mallc = ms.TotalAlloc, ms.Mallocs
	s.t, s.cpu = time.Now(), cpuTime()
}

func (s *stages) total(results int, size int64) {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Printf("%-36s %8.2fs %7.2fs %11s %10d   (input %s, %d results, %d GCs, heap sys %s)\n", "total", time.Since(s.t0).Seconds(),
		(cpuTime() - s.cpu0).Seconds(), mb(ms.TotalAlloc-s.alloc0), ms.Mallocs-s.malloc0, mb(uint64(size)), results, ms.NumGC, mb(ms.HeapSys))
}

func mb(n uint64) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "profileplan:", err)
		os.Exit(1)
	}
}

// countWriter counts and discards what is written.
type countWriter struct{ n int }

func (c *countWriter) Write(p []byte) (int, error) {
	c.n += len(p)
	return len(p), nil
}
