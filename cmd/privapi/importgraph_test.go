package main

import (
	"sort"
	"strings"
	"testing"
)

// layers is the README's "How it works" picture as an import rule: for
// each package of the binary, the packages of this module it may import.
// Data flows one way — load → model (+ source, config) → topology →
// reachability → checks → waivers → report — so no package imports one
// that comes after it, and the leaves (symbol, finding, escape, the
// address patterns) import nothing of ours. A new package must be added
// here, which makes its place in the flow a decision.
var layers = map[string][]string{
	"internal/symbol":      {},
	"internal/finding":     {},
	"internal/escape":      {},
	"internal/waiver/addr": {},
	"internal/planfile":    {},
	"internal/source":      {},
	"internal/netpath":     {"internal/symbol"},
	"internal/iampolicy":   {"internal/symbol"},
	// config parses a declared endpoint policy (iampolicy) so that a bad one
	// is an error at its line, and reads policy_file by the source tree's
	// sandbox rule (source.ReadInTree): both are leaves of the load layer.
	"internal/config": {"internal/finding", "internal/waiver/addr", "internal/iampolicy", "internal/source"},
	"internal/model":  {"internal/source", "internal/symbol", "internal/waiver/addr"},
	// topology reads no configuration file: the runner (engine) converts
	// what .privapi.hcl declares into topology.Declarations.
	"internal/topology": {"internal/model", "internal/source",
		"internal/iampolicy", "internal/netpath", "internal/symbol", "internal/waiver/addr"},
	// reach reads the domain only: what the model knows reaches it through
	// topology's fields (API.EndpointConfigReads); addr names stacks.
	"internal/reach": {"internal/topology", "internal/iampolicy", "internal/netpath", "internal/symbol", "internal/waiver/addr"},
	// checks read the domain only (topology, reach, iampolicy, netpath,
	// symbol, finding): what the model knows reaches them through
	// topology's fields; see also TestChecksReadOnlyTheDomain.
	"checks": {"internal/topology", "internal/reach",
		"internal/iampolicy", "internal/netpath", "internal/symbol", "internal/finding"},
	"internal/waiver":    {"internal/config", "internal/finding"},
	"internal/runbook":   {"internal/topology", "internal/reach", "internal/symbol", "internal/escape"},
	"internal/pathgraph": {"internal/topology", "internal/reach", "internal/symbol", "internal/finding"},
	"internal/report":    {"internal/finding", "internal/escape"},
	"internal/baseline":  {"internal/finding"},
	"internal/engine": {"internal/planfile", "internal/source", "internal/config", "internal/model", "internal/reach",
		"internal/topology", "checks", "internal/waiver", "internal/finding", "internal/symbol", "internal/waiver/addr"},
	"cmd/privapi": {"internal/planfile", "internal/config", "internal/engine", "checks",
		"internal/finding", "internal/report", "internal/runbook", "internal/pathgraph", "internal/escape",
		"internal/baseline"},
}

// TestImportGraph holds the binary's import graph to layers.
func TestImportGraph(t *testing.T) {
	g := depGraph(t)
	seen := map[string]bool{}
	for pkg, imports := range g {
		rel, ok := strings.CutPrefix(pkg, module+"/")
		if !ok {
			continue
		}
		seen[rel] = true
		allowed, listed := layers[rel]
		if !listed {
			t.Errorf("%s is not placed in the data flow: add it to layers in importgraph_test.go", rel)
			continue
		}
		ok2 := map[string]bool{}
		for _, a := range allowed {
			ok2[a] = true
		}
		var bad []string
		for _, imp := range imports {
			if r, mine := strings.CutPrefix(imp, module+"/"); mine && !ok2[r] {
				bad = append(bad, r)
			}
		}
		sort.Strings(bad)
		if len(bad) > 0 {
			t.Errorf("%s imports %s, against the data flow (see layers)", rel, strings.Join(bad, ", "))
		}
	}
	for rel := range layers {
		if !seen[rel] {
			t.Errorf("layers names %s, which the binary no longer links", rel)
		}
	}
	// The leaves of the flow stay free of the Terraform and HCL libraries
	// and of cty values (report and the domain judge no syntax; the
	// runbook reads topology's fields, not attribute values).
	for _, rel := range []string{"internal/report", "internal/finding", "internal/netpath", "internal/iampolicy", "internal/symbol", "internal/reach", "internal/runbook"} {
		for _, imp := range g[module+"/"+rel] {
			if strings.HasPrefix(imp, "github.com/hashicorp/") || strings.HasPrefix(imp, "github.com/zclconf/") {
				t.Errorf("%s imports %s", rel, imp)
			}
		}
	}
}

// configFree lists the packages of the domain and what reads it: none of
// them depends on the configuration file's parser, even through another
// package. What .privapi.hcl declares reaches them as
// topology.Declarations, converted by the runner (engine.Declarations).
var configFree = []string{"internal/topology", "internal/reach", "checks", "internal/runbook", "internal/pathgraph"}

// dependsOn reports the import chain from pkg to target in g (nil when pkg
// does not depend on target).
func dependsOn(g map[string][]string, pkg, target string) []string {
	prev := map[string]string{pkg: ""}
	queue := []string{pkg}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if p == target {
			var chain []string
			for ; p != ""; p = prev[p] {
				chain = append([]string{p}, chain...)
			}
			return chain
		}
		for _, imp := range g[p] {
			if _, ok := prev[imp]; !ok {
				prev[imp] = p
				queue = append(queue, imp)
			}
		}
	}
	return nil
}

// TestDomainReadsNoConfigFile holds the configuration file's parser out of
// the domain, directly or through another package, in the binary's graph
// and in layers.
func TestDomainReadsNoConfigFile(t *testing.T) {
	cfg := module + "/internal/config"
	toy := map[string][]string{"a": {"b"}, "b": {"c", cfg}, "c": nil}
	if got := dependsOn(toy, "a", cfg); strings.Join(got, " ") != "a b "+cfg {
		t.Errorf("dependsOn(a) = %v, want [a b %s]", got, cfg)
	}
	if got := dependsOn(toy, "c", cfg); got != nil {
		t.Errorf("dependsOn(c) = %v, want nil", got)
	}
	g := depGraph(t)
	for _, rel := range configFree {
		if _, ok := g[module+"/"+rel]; !ok {
			t.Errorf("%s is not linked into the binary", rel)
			continue
		}
		if chain := dependsOn(g, module+"/"+rel, cfg); chain != nil {
			t.Errorf("%s depends on internal/config (%s): the runner converts the configuration file's declarations (engine.Declarations)", rel, strings.Join(chain, " → "))
		}
		for _, a := range layers[rel] {
			if a == "internal/config" {
				t.Errorf("layers lets %s import internal/config", rel)
			}
		}
	}
}

// domainOnly lists the packages that judge the domain: their non-test code
// reads no Terraform JSON, cty value or model (a check reads topology's
// fields, never an attribute by name).
var domainOnly = []string{"checks"}

// notDomain reports the imports of a domain-only package that read
// Terraform's representation instead of the domain.
func notDomain(imports []string) []string {
	var bad []string
	for _, imp := range imports {
		switch {
		case imp == "github.com/zclconf/go-cty" || strings.HasPrefix(imp, "github.com/zclconf/go-cty/"),
			imp == "github.com/hashicorp/terraform-json" || strings.HasPrefix(imp, "github.com/hashicorp/terraform-json/"),
			imp == "encoding/json",
			imp == module+"/internal/model" || strings.HasPrefix(imp, module+"/internal/model/"):
			bad = append(bad, imp)
		}
	}
	return bad
}

// TestChecksReadOnlyTheDomain holds the checks to the domain on the
// import graph (go list's Imports: non-test files only).
func TestChecksReadOnlyTheDomain(t *testing.T) {
	for _, tt := range []struct {
		imports []string
		bad     int
	}{
		{[]string{"strings", module + "/internal/topology", module + "/internal/reach"}, 0},
		{[]string{"github.com/zclconf/go-cty/cty", "github.com/zclconf/go-cty/cty/gocty"}, 2},
		{[]string{"github.com/hashicorp/terraform-json", "encoding/json", "encoding/jsonx"}, 2},
		{[]string{module + "/internal/model", module + "/internal/modelx"}, 1},
	} {
		if got := notDomain(tt.imports); len(got) != tt.bad {
			t.Errorf("notDomain(%v) = %v, want %d", tt.imports, got, tt.bad)
		}
	}
	g := depGraph(t)
	for _, rel := range domainOnly {
		imports, ok := g[module+"/"+rel]
		if !ok {
			t.Errorf("%s is not linked into the binary", rel)
			continue
		}
		if bad := notDomain(imports); len(bad) > 0 {
			t.Errorf("%s imports %s: checks read the domain (topology's fields), never Terraform JSON, cty or the model", rel, strings.Join(bad, ", "))
		}
	}
}
