package checks

import (
	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

var pa201 = &Check{
	ID:       "PA201",
	Name:     "policy-missing",
	Severity: finding.Error,
	Title:    "A private REST API has no resource policy",
	Run:      runPA201,
}

func runPA201(v *topology.View, r *Reporter) {
	for _, api := range r.privateAPIs(v) {
		p := r.apiPolicy(v, api)
		s := p.Subject()
		fail := r.Fail
		if api.Private != symbol.True {
			fail = r.Unverified
		}
		if p.Source != nil && (!p.Readable() || len(p.Raw.Statements) > 0) {
			r.Pass(s)
			continue
		}
		fix := "add a resource policy that allows execute-api:Invoke from your endpoints, e.g. an aws_api_gateway_rest_api_policy with rest_api_id = " +
			pa2RefOrValue(api.Node, "id", api.ID) + " and the Allow + Deny-unless-aws:SourceVpce document of AWS's example, then redeploy"
		switch {
		case p.Source == nil:
			why := "no policy argument, no aws_api_gateway_rest_api_policy and no x-amazon-apigateway-policy in an OpenAPI body"
			for _, ps := range api.Policies {
				if ps.Deleted && ps.InPlan() {
					why = pa2Addr(ps) + " is destroyed by this plan and no other source sets the policy"
				}
			}
			if api.Private != symbol.True {
				fail(s, fix, "if API %s is PRIVATE (its endpoint type is known only after apply), it has no resource policy (%s), so every call would be denied", api.Address, why)
				continue
			}
			fail(s, fix, "private API %s has no resource policy (%s): every invocation is denied with 403 \"anonymous is not authorized\"", api.Address, why)
		default: // a readable policy without statements
			fail(s, fix, "the resource policy of private API %s (%s) has no statements: every invocation is denied", api.Address, p.Where())
		}
	}
}
