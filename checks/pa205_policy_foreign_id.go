package checks

import (
	"fmt"
	"strings"

	"github.com/privapi/privapi/internal/reach"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/topology"
)

var pa205 = &Check{
	ID:       "PA205",
	Name:     "policy-foreign-id",
	Severity: finding.Warning,
	Title:    "The resource policy names a vpce-/vpc- id that is no endpoint or VPC of the plan or state",
	Run:      runPA205,
}

func runPA205(v *topology.View, r *Reporter) {
	for _, api := range r.privateAPIs(v) {
		p := r.apiPolicy(v, api)
		if !pa2PolicyJudgeable(r, p, "whether it names only known endpoints and VPCs") {
			continue
		}
		var foreign, outside []string
		seen := map[string]bool{}
		for _, l := range p.Raw.VpcLiterals() {
			if strings.ContainsAny(l.Value, "*?") || seen[l.Value] {
				continue
			}
			seen[l.Value] = true
			if _, ok := v.KnownID(l.Value); ok {
				continue
			}
			if outsideListed(v, l.Value) {
				outside = append(outside, l.Value)
				continue
			}
			what := fmt.Sprintf("%q (%s %s in %s)", l.Value, l.Operator, l.Key, l.Statement)
			if l.Value != strings.ToLower(l.Value) {
				what += " — ids are lowercase, so it can never match"
			}
			foreign = append(foreign, what)
		}
		if len(foreign) == 0 && len(outside) > 0 {
			r.Undeclared(p.Subject(), reach.OutsideUndeclared(outside), "pass the plan or state of the stack that owns "+strings.Join(outside, ", ")+" with --with, or declare it in the privapi configuration file",
				"the resource policy of %s names %s, in no input but listed in an API's vpc_endpoint_ids: whether it is an endpoint of this account and region is not known here",
				api.Address, strings.Join(outside, ", "))
			continue
		}
		if len(foreign) == 0 {
			r.Pass(p.Subject())
			continue
		}
		r.Fail(p.Subject(), "reference the endpoint or VPC (e.g. values = [aws_vpc_endpoint.execute_api.id]) instead of a literal id in "+p.EditAt()+
			", or declare endpoints of other stacks/accounts in the privapi configuration file",
			"the resource policy of %s (%s) names ids that are no endpoint or VPC of the plan or state: %s; a stale id or another account's endpoint is admitted instead of this configuration's",
			api.Address, p.Where(), strings.Join(foreign, "; "))
	}
}
