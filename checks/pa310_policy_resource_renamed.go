package checks

import (
	"fmt"
	"strings"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/topology"
)

var pa310 = &Check{
	ID:       "PA310",
	Name:     "policy-resource-renamed",
	Severity: finding.Warning,
	Varies:   map[finding.Severity]string{finding.Error: "the policy resource is replaced create-before-destroy, so the delete always runs last"},
	Title:    "An aws_api_gateway_rest_api_policy of the API is deleted while another is created, and nothing orders the two",
	Run:      runPA310,
}

func runPA310(v *topology.View, r *Reporter) {
	for _, a := range r.privateAPIs(v) {
		var deleted, created, cbd []string
		for _, ps := range a.Policies {
			if ps.Kind != topology.PolicyResource || !ps.InPlan() {
				continue
			}
			in := ps.Node
			replaced, first := in.Replaced()
			switch {
			case replaced && first:
				cbd = append(cbd, in.Address)
			case in.Deletes():
				deleted = append(deleted, in.Address)
			case in.Creates() && !replaced:
				created = append(created, in.Address)
			}
		}
		for _, addr := range cbd {
			s := Subject{API: a, Address: addr, relAPI: true}.lazyDescribe("policy ", addr, " of ", a.Address)
			failFor(r, sevp(finding.Error), a, s, fmt.Sprintf("remove create_before_destroy from %s", addr),
				"%s is replaced create-before-destroy: the new policy is written first, then destroying the old one writes the empty policy to %s, so the API ends with no resource policy and every call gets 403 after the next deployment", addr, a.Address)
		}
		if len(deleted) == 0 || len(created) == 0 {
			if len(cbd) == 0 && len(a.Policies) > 0 {
				r.Pass(apiSubject(a))
			}
			continue
		}
		for _, addr := range created {
			s := Subject{API: a, Address: addr, Related: append([]string{a.Address}, deleted...), Describe: "policy " + addr + " of " + a.Address}
			fix := fmt.Sprintf("add a moved block: moved { from = %s  to = %s }", deleted[0], addr)
			failFor(r, nil, a, s, fix,
				"this plan deletes %s and creates %s for the same API %s, and nothing orders the two: if the delete runs last it writes the empty policy and the API is left with no resource policy (every call gets 403 after the next deployment); a rename needs a moved block",
				strings.Join(deleted, ", "), addr, a.Address)
		}
	}
}
