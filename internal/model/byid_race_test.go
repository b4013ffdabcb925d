package model

import (
	"sync"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
)

// TestByIDAtOnce: checks run at once may each ask ByID first; the index is
// built once and every caller sees it whole (run with -race, as CI does).
func TestByIDAtOnce(t *testing.T) {
	p := &tfjson.Plan{FormatVersion: "1.2"}
	for _, name := range []string{"a", "b", "c"} {
		p.ResourceChanges = append(p.ResourceChanges, &tfjson.ResourceChange{
			Address: "aws_vpc." + name, Mode: tfjson.ManagedResourceMode, Type: "aws_vpc", Name: name,
			Change: &tfjson.Change{Actions: tfjson.Actions{tfjson.ActionNoop},
				Before: map[string]any{"id": "vpc-" + name}, After: map[string]any{"id": "vpc-" + name}},
		})
	}
	m := FromPlan(p, nil)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, name := range []string{"a", "b", "c"} {
				if inst := m.ByID("vpc-" + name); inst == nil || inst.Address != "aws_vpc."+name {
					t.Errorf("ByID(vpc-%s) = %v", name, inst)
				}
			}
		}()
	}
	wg.Wait()
}
