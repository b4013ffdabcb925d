// Command genplan writes a synthetic Terraform plan (terraform show -json
// output) of about N resource instances, for benchmarks. See package
// internal/bench/genplan for what the plan holds.
//
//	go run ./internal/bench/cmd/genplan -size 100000 -o bench/out/plan-100000.json
//
// Flags:
//
//	-size N      resource instances wanted (default 1000)
//	-o FILE      output file (default standard output)
//	-seed N      varies generated ids, names and filler actions (default 1)
//	-seeds LIST  comma-separated seed plans (default the two fixtures
//	             good-private-api and good-module-foreach)
//	-api-share F share of instances in API stacks (default 0.3)
//	-noop F      share of filler units that exist and stay unchanged
//	             (default 0.2)
//	-update F    share of filler units that exist and are updated in place
//	             (default 0.1); the other filler units are created
//	-shape NAME  a named plan shape (default, dense, many-clients,
//	             shared-endpoint: see genplan.Shapes); sets -api-share and
//	             the seeds
//
// It prints what it wrote to standard error.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/privapi/privapi/internal/bench/genplan"
)

func main() {
	size := flag.Int("size", 1000, "resource instances wanted")
	out := flag.String("o", "", "output file (default standard output)")
	seed := flag.Uint64("seed", 1, "seed of generated ids, names and filler actions")
	seeds := flag.String("seeds", "", "comma-separated seed plan files (default: "+strings.Join(genplan.DefaultSeeds, ",")+" under the repository root)")
	share := flag.Float64("api-share", 0.3, "share of instances in API stacks")
	noop := flag.Float64("noop", 0.2, "share of filler units that exist and stay (no-op)")
	update := flag.Float64("update", 0.1, "share of filler units that exist and are updated in place")
	shape := flag.String("shape", "", "named plan shape: "+shapeNames()+" (sets -api-share and the seeds)")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "genplan: unexpected arguments:", flag.Args())
		os.Exit(2)
	}
	o := genplan.Options{Size: *size, Seed: *seed, APIShare: *share, NoopShare: *noop, UpdateShare: *update}
	if *noop == 0 && *update == 0 {
		o.NoopShare = -1 // all created
	}
	if *seeds != "" {
		o.Seeds = strings.Split(*seeds, ",")
	}
	if *shape != "" {
		sh, ok := genplan.ShapeNamed(*shape)
		if !ok {
			fmt.Fprintf(os.Stderr, "genplan: unknown shape %q (want %s)\n", *shape, shapeNames())
			os.Exit(2)
		}
		if err := sh.Apply(&o, ""); err != nil {
			fmt.Fprintln(os.Stderr, "genplan:", err)
			os.Exit(1)
		}
	}
	var w io.Writer = os.Stdout
	var f *os.File
	if *out != "" {
		var err error
		if f, err = os.Create(*out); err != nil {
			fmt.Fprintln(os.Stderr, "genplan:", err)
			os.Exit(1)
		}
		w = f
	}
	st, err := genplan.Generate(w, o)
	if err == nil && f != nil {
		err = f.Close()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "genplan:", err)
		os.Exit(1)
	}
	fmt.Fprintln(os.Stderr, "genplan:", st)
}

func shapeNames() string {
	var names []string
	for _, s := range genplan.Shapes {
		names = append(names, s.Name)
	}
	return strings.Join(names, ", ")
}
