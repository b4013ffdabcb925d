package main

import (
	"fmt"
	"io"

	"github.com/hashicorp/hcl/v2"

	"github.com/privapi/privapi/internal/escape"
)

// printDiags writes the warnings of a run to w, one line each, with the
// file and line they concern: the one channel through which problems that
// did not stop a run reach the user. Errors are left to the caller, which
// returns them (run prints them once and exits 2).
func printDiags(w io.Writer, diags hcl.Diagnostics) {
	for _, d := range diags {
		if d.Severity != hcl.DiagWarning {
			continue
		}
		fmt.Fprintf(w, "privapi: warning: %s\n", escape.Line(printable(oneLine(diagText(d)))))
	}
}

// diagText is "file:line: summary: detail", leaving out what is unknown.
func diagText(d *hcl.Diagnostic) string {
	s := d.Summary
	if d.Detail != "" {
		s += ": " + d.Detail
	}
	if r := d.Subject; r != nil && r.Filename != "" {
		if r.Start.Line > 0 {
			return fmt.Sprintf("%s:%d: %s", r.Filename, r.Start.Line, s)
		}
		return r.Filename + ": " + s
	}
	return s
}
