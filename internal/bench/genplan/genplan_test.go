package genplan_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/privapi/privapi/checks"
	"github.com/privapi/privapi/internal/bench/genplan"
	"github.com/privapi/privapi/internal/engine"
	"github.com/privapi/privapi/internal/planfile"
)

func generate(t *testing.T, o genplan.Options) ([]byte, genplan.Stats) {
	t.Helper()
	var buf bytes.Buffer
	st, err := genplan.Generate(&buf, o)
	if err != nil {
		t.Fatal(err)
	}
	if st.Bytes != int64(buf.Len()) {
		t.Errorf("Stats.Bytes = %d, wrote %d", st.Bytes, buf.Len())
	}
	return buf.Bytes(), st
}

func TestDeterministicAndSized(t *testing.T) {
	a, st := generate(t, genplan.Options{Size: 2000, Seed: 7})
	b, _ := generate(t, genplan.Options{Size: 2000, Seed: 7})
	if !bytes.Equal(a, b) {
		t.Fatal("two runs with the same options differ")
	}
	c, _ := generate(t, genplan.Options{Size: 2000, Seed: 8})
	if bytes.Equal(a, c) {
		t.Fatal("another seed gives the same plan")
	}
	if st.Instances < 1950 || st.Instances > 2050 {
		t.Errorf("asked 2000 instances, got %d", st.Instances)
	}
	if share := float64(st.APIInstances) / float64(st.Instances); share < 0.25 || share > 0.35 {
		t.Errorf("API share %.2f, want about 0.3", share)
	}

	doc, err := planfile.Decode(a, "gen.json", planfile.KindPlan)
	if err != nil {
		t.Fatal(err)
	}
	p := doc.Plan
	inRC := map[string]bool{}
	for _, rc := range p.ResourceChanges {
		if inRC[rc.Address] {
			t.Fatalf("duplicate address %s", rc.Address)
		}
		inRC[rc.Address] = true
		if rc.ModuleAddress == "" || !strings.HasPrefix(rc.Address, rc.ModuleAddress+".") {
			t.Fatalf("%s: module_address %q", rc.Address, rc.ModuleAddress)
		}
	}
	// Every instance's resource is in the configuration of its module.
	calls := p.Config.RootModule.ModuleCalls
	step := regexp.MustCompile(`module\.([a-z0-9_]+)(\["[^"]*"\]|\[\d+\])?\.`)
	for _, rc := range p.ResourceChanges {
		mod := p.Config.RootModule
		rest := rc.Address
		for {
			m := step.FindStringSubmatchIndex(rest)
			if m == nil || m[0] != 0 {
				break
			}
			call := mod.ModuleCalls[rest[m[2]:m[3]]]
			if call == nil {
				t.Fatalf("%s: no module call %s", rc.Address, rest[m[2]:m[3]])
			}
			mod, rest = call.Module, rest[m[1]:]
		}
		local := regexp.MustCompile(`\[[^\]]*\]$`).ReplaceAllString(rest, "")
		found := false
		for _, r := range mod.Resources {
			found = found || r.Address == local
		}
		if !found {
			t.Fatalf("%s: no configuration for %s", rc.Address, local)
		}
	}
	if len(calls) != 3 {
		t.Errorf("module calls: %d, want stack, stack2, svc", len(calls))
	}
	// Replicas get their own VPC ranges.
	cidrs := map[string]bool{}
	for _, rc := range p.ResourceChanges {
		if rc.Type != "aws_vpc" {
			continue
		}
		var after struct {
			CIDR string `json:"cidr_block"`
		}
		if raw, ok := rc.Change.After.(json.RawMessage); !ok || json.Unmarshal(raw, &after) != nil {
			t.Fatalf("%s: after is %T", rc.Address, rc.Change.After)
		}
		c := after.CIDR
		if cidrs[c] {
			t.Fatalf("CIDR %s used twice", c)
		}
		cidrs[c] = true
	}
}

var replicaPrefix = regexp.MustCompile(`^module\.stack\d*\["s\d+"\]\.`)

// verdicts runs the checks and returns, per replica (module.stackN["sNNNN"].,
// "" at the root), the set of "ID status address" of the results located
// in it, the address without the replica prefix. A set, not counts: when
// an API's vpc_endpoint_ids cannot be resolved from the plan alone, the
// checks also pair it with the endpoints of its region in other replicas,
// which repeats verdicts.
func verdicts(t *testing.T, data []byte) map[string]map[string]bool {
	t.Helper()
	doc, err := planfile.Decode(data, "plan.json", planfile.KindPlan)
	if err != nil {
		t.Fatal(err)
	}
	a, err := engine.Analyze(doc, "")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]bool{}
	for _, r := range a.Check(checks.Options{}) {
		p := replicaPrefix.FindString(r.Address)
		if out[p] == nil {
			out[p] = map[string]bool{}
		}
		out[p][r.CheckID+" "+string(r.Status)+" "+r.Address[len(p):]] = true
	}
	return out
}

// TestReplicasJudgedLikeSeeds: every replica of a seed gets the verdicts
// the seed gets at the root (no source), so addresses, references,
// providers and after_unknown stay consistent in the module instances.
func TestReplicasJudgedLikeSeeds(t *testing.T) {
	root, err := genplan.RepoRoot()
	if err != nil {
		t.Skip(err)
	}
	var seeds []string
	want := map[string]map[string]bool{} // by module call
	for i, s := range genplan.DefaultSeeds {
		path := filepath.Join(root, s)
		seeds = append(seeds, path)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		call := "stack"
		if i > 0 {
			call += itoa(i + 1)
		}
		want[call] = verdicts(t, data)[""]
	}
	data, st := generate(t, genplan.Options{Size: 600, Seed: 1, Seeds: seeds})
	got := verdicts(t, data)
	replicas := 0
	for p, set := range got {
		if p == "" {
			t.Errorf("results outside the replicas: %v", sorted(set))
			continue
		}
		replicas++
		call := p[len("module."):strings.IndexByte(p, '[')]
		if !equalSets(set, want[call]) {
			t.Errorf("%s: verdicts differ from the seed's\n got: %v\nwant: %v", p, sorted(set), sorted(want[call]))
		}
	}
	if replicas != st.Stacks[0]+st.Stacks[1] {
		t.Errorf("results for %d replicas, want %d", replicas, st.Stacks[0]+st.Stacks[1])
	}
}

func equalSets(a, b map[string]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

func sorted(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

// TestReplicatedShapes: the shapes that multiply one module call of a seed
// write decodable, deterministic plans of about the size asked, and every
// replica is judged like the seed's instance (the root like the seed's root).
func TestReplicatedShapes(t *testing.T) {
	root, err := genplan.RepoRoot()
	if err != nil {
		t.Skip(err)
	}
	for _, sh := range genplan.Shapes {
		if sh.Replicate == "" {
			continue
		}
		t.Run(sh.Name, func(t *testing.T) {
			var o genplan.Options
			if err := sh.Apply(&o, root); err != nil {
				t.Fatal(err)
			}
			seed, err := os.ReadFile(o.Seeds[0])
			if err != nil {
				t.Fatal(err)
			}
			o.Size = 200
			a, st := generate(t, o)
			b, _ := generate(t, o)
			if !bytes.Equal(a, b) {
				t.Fatal("two runs with the same options differ")
			}
			if st.Instances < 150 || st.Instances > 250 || st.Stacks[0] < 2 {
				t.Errorf("asked 200 instances, got %d in %d replicas", st.Instances, st.Stacks[0])
			}
			inst := regexp.MustCompile(`^module\.` + sh.Replicate + `\["[^"]+"\]\.`)
			group := func(data []byte) map[string]map[string]bool {
				out := map[string]map[string]bool{}
				doc, err := planfile.Decode(data, "plan.json", planfile.KindPlan)
				if err != nil {
					t.Fatal(err)
				}
				seen := map[string]bool{}
				for _, rc := range doc.Plan.ResourceChanges {
					if seen[rc.Address] {
						t.Fatalf("duplicate address %s", rc.Address)
					}
					seen[rc.Address] = true
				}
				a, err := engine.Analyze(doc, "")
				if err != nil {
					t.Fatal(err)
				}
				for _, r := range a.Check(checks.Options{}) {
					p := inst.FindString(r.Address)
					if out[p] == nil {
						out[p] = map[string]bool{}
					}
					out[p][r.CheckID+" "+string(r.Status)+" "+r.Address[len(p):]] = true
				}
				return out
			}
			// results at the root, and at the instance when some are located there
			want := group(seed)
			var wantInst map[string]bool
			for p, set := range want {
				if p != "" {
					wantInst = set
				}
			}
			groups := 1
			if wantInst != nil {
				groups += st.Stacks[0]
			}
			got := group(a)
			if len(got) != groups {
				t.Errorf("results in %d groups, want %d (the root and, if the seed's instance has results, each replica)", len(got), groups)
			}
			for p, set := range got {
				w := wantInst
				if p == "" {
					w = want[""]
				}
				if !equalSets(set, w) {
					t.Errorf("%q: verdicts differ from the seed's\n got: %v\nwant: %v", p, sorted(set), sorted(w))
				}
			}
		})
	}
}
