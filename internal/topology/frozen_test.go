package topology_test

import (
	"fmt"
	"reflect"
	"sync"
	"testing"

	"github.com/privapi/privapi/internal/topology"
)

// answers asks the view every path question about its elements and
// writes the answers down.
func answers(v *topology.View) []string {
	var out []string
	add := func(xs ...any) { out = append(out, fmt.Sprintf("%+v", xs)) }
	for _, c := range v.Clients {
		add(v.ClientSubnets(c))
		add(v.ClientCIDRs(c))
		add(v.ClientVPCIDs(c))
		add(v.ClientGroups(c))
		sides, known := v.ClientSides(c)
		add(sides, known)
		add(v.ClientFamilies(c))
		for _, a := range v.APIs {
			add(v.InvokeFormsOf(c, a))
		}
		for _, e := range v.Endpoints {
			to, _ := v.EndpointSides(e)
			for _, s := range sides {
				add(v.Connect(s, to))
			}
			add(v.UsableFamilies(c, e))
		}
	}
	for _, e := range v.Endpoints {
		add(v.EndpointSubnets(e))
		add(v.EndpointCIDRs(e))
		ids, known, defaulted := v.EndpointGroups(e)
		add(ids, known, defaulted)
		for _, id := range ids {
			if g := v.ResolveGroup(id); g != nil {
				add(g.ID, g.Rules, v.GroupAliases(g))
			}
		}
		add(v.DefaultGroup(e.VPCID).ID)
		add(v.ConnectedVPCs(e.VPCID))
		add(v.VPCCIDRs(e.VPCID))
		add(v.ZoneCovers(e.VPCID, "execute-api.us-east-1.amazonaws.com"))
		for _, a := range v.APIs {
			add(v.Associated(a, e))
		}
	}
	for _, s := range v.Subnets {
		add(v.RoutesOf(s))
		add(v.SubnetSide(s))
		add(v.Paths().NACLOf(s))
	}
	for _, a := range v.APIs {
		add(v.APIEndpointIDs(a))
		add(v.OutsideEndpoints(a))
		add(v.APIARN(a))
	}
	for _, x := range v.TGWAttachments {
		add(v.TGWGroupReferencing(x.TGWID))
	}
	return out
}

// TestViewIsReadOnly: after Build, path questions asked from many
// goroutines at once get the answers asked one by one. Run with -race (CI
// does), it proves that answering writes nothing.
func TestViewIsReadOnly(t *testing.T) {
	for _, scenario := range []string{"net-client-peered", "net-client-tgw", "net-default-sg-managed", "dns-custom-domain-broken", "model-foreach-stacks", "good-private-api"} {
		t.Run(scenario, func(t *testing.T) {
			v := view(t, scenario, true)
			want := answers(v)
			var wg sync.WaitGroup
			got := make([][]string, 8)
			for i := range got {
				wg.Add(1)
				go func() {
					defer wg.Done()
					got[i] = answers(v)
				}()
			}
			wg.Wait()
			for i := range got {
				if !reflect.DeepEqual(got[i], want) {
					t.Fatalf("goroutine %d got other answers than one by one", i)
				}
			}
			if len(want) == 0 {
				t.Fatal("no question asked")
			}
		})
	}
}
