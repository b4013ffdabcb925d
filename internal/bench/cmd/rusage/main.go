// Command rusage runs a command and reports its wall time, CPU time and
// peak resident set size, for machines without /usr/bin/time:
//
//	rusage [-o FILE] -- COMMAND [ARG...]
//
// It writes one line "wall=S user=S sys=S maxrss_kb=N exit=N" to FILE
// (default standard error) and exits 0 whatever the command's status
// (the status is in the line). The command's standard input, output and
// error are passed through.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"time"
)

func main() {
	out := flag.String("o", "", "write the measurement to FILE")
	flag.Parse()
	args := flag.Args()
	if len(args) == 0 {
		fmt.Fprintln(os.Stderr, "usage: rusage [-o FILE] -- COMMAND [ARG...]")
		os.Exit(2)
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	code := 0
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		code = ee.ExitCode()
	case err != nil:
		fmt.Fprintln(os.Stderr, "rusage:", err)
		os.Exit(2)
	}
	ru, _ := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	var user, sys time.Duration
	var maxrss int64
	if ru != nil {
		user = time.Duration(ru.Utime.Nano())
		sys = time.Duration(ru.Stime.Nano())
		maxrss = int64(ru.Maxrss) // KiB on Linux
	}
	line := fmt.Sprintf("wall=%.3f user=%.3f sys=%.3f maxrss_kb=%d exit=%d\n", wall.Seconds(), user.Seconds(), sys.Seconds(), maxrss, code)
	if *out == "" {
		fmt.Fprint(os.Stderr, line)
		return
	}
	if err := os.WriteFile(*out, []byte(line), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "rusage:", err)
		os.Exit(2)
	}
}
