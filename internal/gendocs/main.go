// Command gendocs writes docs/checks.md, the catalog of every check, from
// the documentation embedded in package checks (checks/docs/<ID>.md).
//
//	go generate ./checks            # or: go run ./internal/gendocs -o docs/checks.md
//
// A test in package checks fails when the committed file is out of date.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/privapi/privapi/checks"
)

func main() {
	out := flag.String("o", checks.DocsPath, "file to write")
	flag.Parse()
	if err := os.WriteFile(*out, checks.Catalog(), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
}
