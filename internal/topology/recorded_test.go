package topology_test

import (
	"fmt"
	"reflect"
	"sync"
	"testing"

	"github.com/privapi/privapi/internal/topology"
)

// recorded asks the view the questions whose answers Build records for
// the deployment, policy and domain checks.
func recorded(v *topology.View) []string {
	var out []string
	add := func(xs ...any) { out = append(out, fmt.Sprintf("%+v", xs)) }
	for _, a := range v.APIs {
		body, existed := a.BodyBefore()
		add(a.Address, body, existed)
		add(a.BeforeBodyPolicy())
		for _, ps := range a.Policies {
			add(ps.Address, v.PolicyAliases(ps))
			p, err := v.ReadPolicy(ps)
			add(p, err)
		}
		for _, d := range a.Deployments {
			for _, ps := range a.Policies {
				add(d.Address, ps.Address)
				add(d.OrderedAfter(ps))
			}
			for _, s := range a.Stages {
				add(s.Address, v.StageHeld(s, d), v.StageUses(s, d))
			}
		}
	}
	for _, d := range v.Domains {
		for _, x := range v.VPCs {
			add(d.Name, x.ID)
			add(v.DomainRecord(d.Name, x.ID))
		}
		for _, e := range v.Endpoints {
			add(v.DomainRecord(d.Name, e.VPCID))
		}
	}
	return out
}

// TestRecordedAnswersReadOnly: the answers the deployment, policy and
// domain checks ask for after Build (prior values, aliases, the order of a
// new deployment against the policy, Route 53 records, policy documents)
// come from what Build recorded: asked first from many goroutines at once
// on a fresh view, they agree. Run with -race (CI does), it proves that
// answering makes the model resolve or decode nothing (its lazy values
// are written on first use).
func TestRecordedAnswersReadOnly(t *testing.T) {
	for _, scenario := range []string{"deploy-before-policy", "deploy-replace-destroy-first", "deploy-body-overwrite",
		"deploy-body-merge", "deploy-policy-change-no-redeploy", "deploy-trigger-api-policy-attr", "model-update",
		"dns-custom-domain-broken", "dns-custom-domain-lambda-zone-elsewhere", "policy-deferred-data-source",
		"policy-renamed-moved", "model-foreach-stacks"} {
		t.Run(scenario, func(t *testing.T) {
			v := view(t, scenario, true)
			var wg sync.WaitGroup
			got := make([][]string, 8)
			for i := range got {
				wg.Add(1)
				go func() {
					defer wg.Done()
					got[i] = recorded(v)
				}()
			}
			wg.Wait()
			for i := range got {
				if !reflect.DeepEqual(got[i], got[0]) {
					t.Fatalf("goroutine %d got other answers than goroutine 0", i)
				}
			}
			if len(got[0]) == 0 {
				t.Error("no question asked")
			}
		})
	}
}
