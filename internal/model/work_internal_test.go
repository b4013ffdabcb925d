package model

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/privapi/privapi/internal/source"
)

// workFor loads the .tf files given (path → text) with a plan of the given
// resource changes (address → module address) whose cidr_block is unknown,
// resolves cidr_block of every instance and returns the model's work count.
func workFor(t *testing.T, files map[string]string, changes map[string]string) int {
	t.Helper()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	for p, body := range files {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, p), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	src, err := source.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	p := &tfjson.Plan{}
	for addr, mod := range changes {
		i := strings.LastIndex(addr, "aws_")
		typeName := strings.SplitN(addr[i:], ".", 2)
		name, index, _ := strings.Cut(typeName[1], "[")
		rc := &tfjson.ResourceChange{Address: addr, ModuleAddress: mod, Mode: tfjson.ManagedResourceMode, Type: typeName[0], Name: name,
			Change: &tfjson.Change{Actions: tfjson.Actions{tfjson.ActionCreate}, After: map[string]any{}, AfterUnknown: map[string]any{"cidr_block": true, "id": true}}}
		if index != "" {
			var k string
			if json.Unmarshal([]byte(strings.TrimSuffix(index, "]")), &k) == nil {
				rc.Index = k
			}
		}
		p.ResourceChanges = append(p.ResourceChanges, rc)
	}
	m := FromPlan(p, src)
	if len(m.Instances) != len(changes) {
		t.Fatalf("%d instances, want %d", len(m.Instances), len(changes))
	}
	for _, inst := range m.Instances {
		if v := m.Attr(inst, "cidr_block"); !v.IsKnown() {
			t.Fatalf("%s: cidr_block not resolved from source", inst.Address)
		}
	}
	return m.work
}

// nestedModules: depth modules, each passing coalesce(var.x, var.y) down.
func nestedModules(depth int) (map[string]string, map[string]string) {
	files := map[string]string{"main.tf": `module "next" {
  source = "./m1"
  x = null
  y = "10.0.0.0/16"
}
`}
	mod := ""
	for d := 1; d <= depth; d++ {
		mod = strings.TrimPrefix(mod+".module.next", ".")
		body := "variable \"x\" {}\nvariable \"y\" {}\n"
		if d < depth {
			body += fmt.Sprintf("module \"next\" {\n  source = \"../m%d\"\n  x = coalesce(var.x, var.y)\n  y = coalesce(var.y, var.x)\n}\n", d+1)
		} else {
			body += "resource \"aws_vpc\" \"v\" {\n  cidr_block = coalesce(var.x, var.y)\n}\n"
		}
		files[fmt.Sprintf("m%d/main.tf", d)] = body
	}
	return files, map[string]string{mod + ".aws_vpc.v": mod}
}

// forEachResources: n subnets from one for_each map, and n route tables
// each reading its subnet through aws_subnet.s[each.key].
func forEachResources(n int) (map[string]string, map[string]string) {
	var b strings.Builder
	b.WriteString("locals {\n  nets = {\n")
	changes := map[string]string{}
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "    k%d = \"10.%d.%d.0/24\"\n", i, i/256, i%256)
		changes[fmt.Sprintf(`aws_subnet.s["k%d"]`, i)] = ""
		changes[fmt.Sprintf(`aws_route_table.r["k%d"]`, i)] = ""
	}
	b.WriteString("  }\n}\n")
	b.WriteString("resource \"aws_subnet\" \"s\" {\n  for_each   = local.nets\n  cidr_block = each.value\n}\n")
	b.WriteString("resource \"aws_route_table\" \"r\" {\n  for_each   = local.nets\n  cidr_block = aws_subnet.s[each.key].cidr_block\n}\n")
	return map[string]string{"main.tf": b.String()}, changes
}

// TestWorkGrowsLinearly: the work of resolving values from source grows
// like the configuration. Module variables are evaluated once per module
// instance (nested modules passing coalesce(var.x, var.y) down took
// exponential time), a for_each expression once per resource, and the value
// of a resource with many instances is built once, not once per instance
// that reads it (900 for_each instances took 83 s). Counts, not time.
func TestWorkGrowsLinearly(t *testing.T) {
	work := func(files, changes map[string]string) int { return workFor(t, files, changes) }
	small, large := work(nestedModules(8)), work(nestedModules(16))
	if large > 3*small {
		t.Errorf("nested modules: work %d at depth 8, %d at depth 16: want linear growth", small, large)
	}
	small, large = work(forEachResources(50)), work(forEachResources(200))
	if large > 6*small {
		t.Errorf("for_each: work %d for 50 instances, %d for 200: want linear growth", small, large)
	}
}
