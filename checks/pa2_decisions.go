package checks

import (
	"github.com/privapi/privapi/internal/iampolicy"
	"github.com/privapi/privapi/internal/symbol"
)

// pa2ResourceFree reports whether no statement of p looks at the request's
// resource: none has a NotResource, and each Resource is absent or only
// "*". Such a policy is the same for every API (View.ForAPI rewrites
// resource patterns only, and leaves "*" as it is), and it decides a
// request whatever its resource and ExpandContext, save for the wording of
// an implicit deny, which names the resource.
func pa2ResourceFree(p *iampolicy.Policy) bool {
	if p == nil {
		return false
	}
	for i := range p.Statements {
		s := &p.Statements[i]
		if s.NotResource != nil {
			return false
		}
		for _, r := range s.Resource {
			if r != "*" {
				return false
			}
		}
	}
	return true
}

// pa2DecisionKey is what a request to a resource-free policy
// (pa2ResourceFree) holds besides its resource: the policy, whether the
// caller signs (pa2EndpointRequest), the pairing's context values and, for
// a signed call, the identity the client states (pa2Identity).
type pa2DecisionKey struct {
	pol            *iampolicy.Policy
	signed         bool
	vpce, vpc, ip  string
	principal, org string
}

// pa2Decisions holds the decisions of resource-free policies by
// pa2DecisionKey: behind a shared endpoint, thousands of APIs ask its one
// policy the same questions. One check run uses it, on one goroutine.
type pa2Decisions map[pa2DecisionKey]iampolicy.Decision

// endpoint is pa2Evaluate(pol, pa2EndpointRequest(pol, in, rc), x) for a
// resource-free pol (x only expands resource patterns): an implicit deny,
// whose reason names the resource, is evaluated each time, every other
// decision once.
func (m pa2Decisions) endpoint(pol *iampolicy.Policy, in pa2Invocation, rc pa2ReqContext, x iampolicy.ExpandContext) iampolicy.Decision {
	k := pa2DecisionKey{pol: pol, vpce: rc.Vpce, vpc: rc.Vpc, ip: rc.IP}
	k.signed = in.Kind == pa2AuthIAM || rc.Client != nil && rc.Client.SignsRequests == symbol.True
	if k.signed && rc.Client != nil {
		k.principal, k.org = rc.Client.PrincipalARN, rc.Client.OrganizationID
	}
	if d, ok := m[k]; ok {
		return d
	}
	d := pa2Evaluate(pol, pa2EndpointRequest(pol, in, rc), x)
	if d.Effect != iampolicy.ResultImplicitDeny {
		m[k] = d
	}
	return d
}
