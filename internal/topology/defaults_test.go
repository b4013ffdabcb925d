package topology_test

import (
	"path/filepath"
	"testing"

	"github.com/privapi/privapi/internal/engine"
	"github.com/privapi/privapi/internal/planfile"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

func view(t *testing.T, scenario string, withSource bool) *topology.View {
	t.Helper()
	dir := filepath.Join("..", "..", "fixtures", scenario)
	doc, err := planfile.Load(filepath.Join(dir, "plan.json"), planfile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	src := ""
	if withSource {
		src = dir
	}
	a, err := engine.Analyze(doc, src)
	if err != nil {
		t.Fatal(err)
	}
	return a.View
}

// TestDocumentedDefaults: unset Optional+Computed arguments that the plan
// shows unknown take the provider's documented default
// (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_endpoint).
func TestDocumentedDefaults(t *testing.T) {
	for _, withSource := range []bool{true, false} {
		v := view(t, "net-endpoint-gateway", withSource)
		if len(v.Endpoints) != 1 || v.Endpoints[0].Type != "Gateway" {
			t.Errorf("vpc_endpoint_type unset: want Gateway, got %+v", v.Endpoints)
		}
		v = view(t, "dns-vpc-hostnames-off", withSource)
		for _, x := range v.VPCs {
			if x.DNSHostnames != symbol.False || x.DNSSupport != symbol.True {
				t.Errorf("%s: enable_dns_hostnames unset → false, enable_dns_support unset → true; got %v/%v", x.Address, x.DNSHostnames, x.DNSSupport)
			}
		}
		v = view(t, "dns-no-resolvable-name", withSource)
		for _, e := range v.Endpoints {
			if e.PrivateDNS != symbol.False {
				t.Errorf("%s: private_dns_enabled unset → false, got %v", e.Address, e.PrivateDNS)
			}
		}
		v = view(t, "net-endpoint-default-sg", withSource)
		for _, e := range v.Endpoints {
			if !e.DefaultSG {
				t.Errorf("%s: no security_group_ids → the VPC's default group", e.Address)
			}
		}
		v = view(t, "policy-missing", withSource)
		for _, a := range v.APIs {
			if len(a.Policies) != 0 {
				t.Errorf("%s: no policy source expected, got %d", a.Address, len(a.Policies))
			}
		}
	}
}
