package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/spf13/cobra"

	"github.com/privapi/privapi/internal/config"
	"github.com/privapi/privapi/internal/escape"
	"github.com/privapi/privapi/internal/planfile"
)

// exitCode is the process exit status; only main calls os.Exit.
type exitCode int

const (
	exitOK       exitCode = 0 // nothing at or above --fail-on
	exitFindings exitCode = 1 // findings at or above --fail-on
	exitInput    exitCode = 2 // usage or input error
)

// version is set at build time with -ldflags "-X main.version=…".
var version = ""

func toolVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// usageError is a problem with the command line.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// streams are the process's standard streams, injected for tests.
type streams struct {
	In  io.Reader
	Out io.Writer
	Err io.Writer
}

func (s streams) stdinIsTerminal() bool  { return isTerminal(s.In) }
func (s streams) stdoutIsTerminal() bool { return isTerminal(s.Out) }

func isTerminal(x any) bool {
	f, ok := x.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// run executes the command line and returns the exit code. It never panics:
// a panic inside a command is turned into an error message and exit 2.
func run(args []string, in io.Reader, out, errw io.Writer) (code exitCode) {
	io := streams{In: in, Out: out, Err: errw}
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(errw, "privapi: internal error: %s (please report it)\n", escape.Line(fmt.Sprint(r)))
			code = exitInput
		}
	}()
	var result exitCode
	root := newRootCmd(io, &result)
	root.SetArgs(args)
	root.SetIn(in)
	root.SetOut(out)
	root.SetErr(errw)
	if err := root.Execute(); err != nil {
		for _, line := range errorLines(err) {
			fmt.Fprintf(errw, "privapi: %s\n", escape.Line(line))
		}
		var ue *usageError
		var ie *planfile.InputError
		switch {
		case errors.As(err, &ue), errors.As(err, &ie):
		default:
		}
		return exitInput
	}
	return result
}

// errorLines is what an error prints: one line, or for a configuration
// file one line per problem in it, so that all of them can be fixed at once.
func errorLines(err error) []string {
	var ce *config.Error
	if errors.As(err, &ce) && len(ce.Diagnostics) > 0 {
		ds := append(hcl.Diagnostics(nil), ce.Diagnostics...)
		sort.SliceStable(ds, func(i, j int) bool {
			a, b := ds[i].Subject, ds[j].Subject
			if a == nil || b == nil {
				return a != nil
			}
			if a.Filename != b.Filename {
				return a.Filename < b.Filename
			}
			return a.Start.Byte < b.Start.Byte
		})
		var lines []string
		for _, d := range ds {
			lines = append(lines, printable(config.FormatDiagnostic(d)))
		}
		return lines
	}
	return []string{oneLine(suggestionLine(err.Error()))}
}

func oneLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}

func newRootCmd(io streams, result *exitCode) *cobra.Command {
	root := &cobra.Command{
		Use:   "privapi",
		Short: "Check that private REST APIs in a Terraform plan will be reachable from their VPC clients",
		Long: `privapi reads a Terraform plan (terraform show -json) and proves or refutes, before
apply, that each Amazon API Gateway PRIVATE REST API will be reachable from the VPC
clients meant to call it: endpoint, network path, DNS, resource and endpoint policies,
redeployment and logging. Where a deciding value is unknown until apply it says so.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usagef("%v", err) })
	root.AddCommand(newCheckCmd(io, result), newChecksCmd(io), newExplainCmd(io), newVersionCmd(io), newRunbookCmd(io), newGraphCmd(io))
	polish(root)
	return root
}

func newVersionCmd(io streams) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			fmt.Fprintf(io.Out, "privapi %s\n", toolVersion())
			return nil
		},
	}
}
