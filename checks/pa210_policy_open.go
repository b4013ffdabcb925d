package checks

import (
	"strings"

	"github.com/privapi/privapi/internal/reach"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/iampolicy"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

var pa210 = &Check{
	ID:       "PA210",
	Name:     "policy-open",
	Severity: finding.Warning,
	Title:    "An anonymous Allow without any aws:SourceVpce / aws:SourceVpc / aws:VpcSourceIp restriction",
	Run:      runPA210,
}

func runPA210(v *topology.View, r *Reporter) {
	for _, api := range r.privateAPIs(v) {
		p := r.apiPolicy(v, api)
		if !pa2PolicyJudgeable(r, p, "whether it restricts callers to your endpoints") {
			continue
		}
		anon := map[iampolicy.StatementRef]bool{}
		for _, ref := range p.Policy.AnonymousAllows() {
			anon[ref] = true
		}
		var open, undecided []string
		for _, ar := range p.Policy.VpcRestrictions(p.X) {
			switch {
			case !anon[ar.Allow] || ar.Restricted():
			case ar.Undecided:
				undecided = append(undecided, ar.Allow.String())
			default:
				open = append(open, ar.Allow.String())
			}
		}
		s := p.Subject()
		if len(open) == 0 && len(undecided) == 0 {
			r.Pass(s)
			continue
		}
		// a foreign endpoint in a foreign VPC, any address
		foreign := pa2ReqContext{
			Vpce: symbol.Ref{Address: "foreign_endpoint", Attr: "id", Fresh: true}.Token(),
			Vpc:  symbol.Ref{Address: "foreign_endpoint", Attr: "vpc_id", Fresh: true}.Token(),
			IP:   symbol.Ref{Address: "foreign_endpoint", Attr: "client_ip"}.Token(),
		}
		allowed := symbol.False
		for _, in := range pa2Invocations(api, p.ARN) {
			if in.Kind == pa2AuthIAM {
				continue
			}
			allowed = allowed.Or(pa2Evaluate(p.Policy, pa2Request(p.Policy, in, foreign), p.X).Allowed)
		}
		if allowed == symbol.False {
			r.Pass(s)
			continue
		}
		if len(open) == 0 {
			r.Unverified(s, "split the resource policy of "+p.EditAt()+" into fewer statements",
				"the resource policy of %s (%s) has too many Allow and Deny statements to compare each pair, so whether a Deny limits its %d anonymous Allow statements to your endpoints was not decided",
				api.Address, p.Where(), len(undecided))
			continue
		}
		r.Fail(s, "add a Deny statement for execute-api:Invoke with condition { test = \"StringNotEquals\" variable = \"aws:SourceVpce\" values = ["+pa2EndpointList(r.Net(v), api)+"] } (or aws:SourceVpc = your VPCs) to "+p.EditAt()+"",
			"%s of the resource policy of %s (%s) allows anonymous callers without any aws:SourceVpce, aws:SourceVpc or aws:VpcSourceIp restriction: any execute-api endpoint in any account can invoke the API",
			strings.Join(open, ", "), api.Address, p.Where())
	}
}

// pa2EndpointList renders the ids of the API's endpoints as Terraform expressions.
func pa2EndpointList(n *reach.Net, api *topology.API) string {
	var out []string
	for _, ref := range n.EndpointsFor(api) {
		out = pa2AppendOnce(out, pa2RefOrValue(ref.Endpoint.Node, "id", ref.Endpoint.ID))
	}
	if len(out) == 0 {
		return "aws_vpc_endpoint.execute_api.id"
	}
	return strings.Join(out, ", ")
}
