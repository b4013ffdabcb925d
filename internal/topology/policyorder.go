package topology

import "github.com/privapi/privapi/internal/symbol"

// PolicyOrder says whether a deployment is ordered after a policy resource
// of its API.
type PolicyOrder struct {
	Policy *PolicySource
	// After is True when the deployment refers to the policy resource or
	// lists it in depends_on, directly or through other objects; Unknown
	// when part of the configuration it refers to cannot be read.
	After symbol.Tri
	// Chain says how when After is True ("aws_x.y → aws_api_gateway_rest_api_policy.p").
	Chain string
}

// OrderedAfter returns what Build recorded of d's order against policy
// source ps (see PolicyOrders): Unknown for a pair it did not record.
func (d *Deployment) OrderedAfter(ps *PolicySource) (symbol.Tri, string) {
	for _, o := range d.PolicyOrders {
		if o.Policy == ps {
			return o.After, o.Chain
		}
	}
	return symbol.Unknown, ""
}

// indexPolicyOrders records, for each deployment this plan creates, its
// order against each aws_api_gateway_rest_api_policy of its API that this
// plan creates or changes and that exists after apply: the pairs whose
// order decides whether the new snapshot holds the policy (PA306). A plan
// without such pairs walks nothing.
func (v *View) indexPolicyOrders() {
	if v.m == nil {
		return
	}
	for _, a := range v.APIs {
		var policies []*PolicySource
		for _, ps := range a.Policies {
			if ps.Kind == PolicyResource && ps.inst != nil && !ps.Deleted && ps.ResourceChanges() {
				policies = append(policies, ps)
			}
		}
		if len(policies) == 0 {
			continue
		}
		for _, d := range a.Deployments {
			if d.inst == nil || !d.Creates() {
				continue
			}
			d.PolicyOrders = make([]PolicyOrder, 0, len(policies))
			for _, ps := range policies {
				t, chain := v.dependsOnInstance(d.inst, ps.inst)
				d.PolicyOrders = append(d.PolicyOrders, PolicyOrder{Policy: ps, After: t, Chain: chain})
			}
		}
	}
}
