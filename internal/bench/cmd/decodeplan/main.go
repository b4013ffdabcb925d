// Command decodeplan is the baseline of bench/run.sh: it reads a plan file
// and decodes it into terraform-json's tfjson.Plan with encoding/json
// (UseJSONNumber), and nothing else — the bare cost of reading a plan.
//
//	go run ./internal/bench/cmd/decodeplan FILE
//
// It prints the number of resource changes so the work cannot be skipped.
package main

import (
	"encoding/json"
	"fmt"
	"os"

	tfjson "github.com/hashicorp/terraform-json"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: decodeplan FILE")
		os.Exit(2)
	}
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "decodeplan:", err)
		os.Exit(1)
	}
	var p tfjson.Plan
	p.UseJSONNumber(true)
	if err := json.Unmarshal(data, &p); err != nil {
		fmt.Fprintln(os.Stderr, "decodeplan:", err)
		os.Exit(1)
	}
	fmt.Println(len(p.ResourceChanges), "resource changes")
}
