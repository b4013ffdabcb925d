package topology_test

import (
	"testing"

	"github.com/privapi/privapi/internal/topology"
	"github.com/privapi/privapi/internal/topology/topotest"
)

// TestNodeActions: what the plan does to an element, read from the plan's
// actions through the real constructor.
func TestNodeActions(t *testing.T) {
	tests := []struct {
		actions                                 []string
		creates, changes, replaced, createFirst bool
	}{
		{[]string{"create"}, true, true, false, false},
		{[]string{"delete", "create"}, true, true, true, false},
		{[]string{"create", "delete"}, true, true, true, true},
		{[]string{"update"}, false, true, false, false},
		{[]string{"no-op"}, false, false, false, false},
	}
	for _, tc := range tests {
		before := map[string]any{"name": "orders", "id": "a1b2c3"}
		if tc.actions[0] == "create" && len(tc.actions) == 1 {
			before = nil
		}
		v := topotest.View(t, topotest.Resource{Address: "aws_api_gateway_rest_api.orders", Actions: tc.actions,
			Before: before, After: map[string]any{"name": "orders", "id": "a1b2c3"}})
		if len(v.APIs) != 1 {
			t.Fatalf("%v: %d APIs", tc.actions, len(v.APIs))
		}
		a := v.APIs[0]
		replaced, createFirst := a.Replaced()
		if a.Creates() != tc.creates || a.Changes() != tc.changes || replaced != tc.replaced || createFirst != tc.createFirst {
			t.Errorf("%v: Creates %v Changes %v Replaced %v,%v; want %v %v %v,%v", tc.actions,
				a.Creates(), a.Changes(), replaced, createFirst, tc.creates, tc.changes, tc.replaced, tc.createFirst)
		}
	}
	var none topology.Node
	if r, _ := none.Replaced(); none.Creates() || none.Changes() || r {
		t.Error("a node without an instance (declared) is not changed by the plan")
	}
}
