package checks

import (
	"testing"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/model"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

func TestPA310(t *testing.T) {
	pol := func(addr string, actions ...string) *topology.PolicySource {
		in := &model.Instance{Address: addr, Actions: actions}
		return &topology.PolicySource{Kind: topology.PolicyResource, Inst: in, Deleted: in.Deleted()}
	}
	tests := []struct {
		name     string
		policies []*topology.PolicySource
		status   finding.Status
		sev      finding.Severity
		addr     string
	}{
		{"unchanged", []*topology.PolicySource{pol("p.a", "no-op")}, finding.Pass, finding.Warning, "api"},
		{"renamed", []*topology.PolicySource{pol("p.a", "delete"), pol("p.b", "create")}, finding.Fail, finding.Warning, "p.b"},
		{"only deleted", []*topology.PolicySource{pol("p.a", "delete")}, finding.Pass, finding.Warning, "api"},
		{"replaced destroy first", []*topology.PolicySource{pol("p.a", "delete", "create")}, finding.Pass, finding.Warning, "api"},
		{"replaced create first", []*topology.PolicySource{pol("p.a", "create", "delete")}, finding.Fail, finding.Error, "p.a"},
	}
	c := Lookup("PA310")
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := &topology.API{Node: topology.Node{Address: "api"}, Private: symbol.True, Policies: tc.policies}
			r := NewReporter(c)
			c.Run(&topology.View{APIs: []*topology.API{a}}, r)
			res := r.Results()
			if len(res) != 1 {
				t.Fatalf("got %d results: %+v", len(res), res)
			}
			if res[0].Status != tc.status || res[0].Address != tc.addr || (tc.status == finding.Fail && res[0].Severity != tc.sev) {
				t.Errorf("got %s %s at %s, want %s %s at %s", res[0].Status, res[0].Severity, res[0].Address, tc.status, tc.sev, tc.addr)
			}
		})
	}
}
