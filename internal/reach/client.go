package reach

import (
	"fmt"
	"strings"

	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

// ClientReach judges whether a client of an API has a network path to any
// of the API's execute-api endpoints (PA110): the verdict sits on the
// client.
func (n *Net) ClientReach(a *topology.API, c *topology.Client) Verdict {
	paths := n.ClientPaths(a, c)
	vd := Verdict{Address: c.Address}
	if c.NoVPC {
		vd.Result = symbol.False
		vd.Fix = fmt.Sprintf("add to %s:\n  vpc_config {\n    subnet_ids         = [<subnets of %s>]\n    security_group_ids = [<a group with egress tcp/443 to the endpoint>]\n  }\n(the function's role also needs AWSLambdaVPCAccessExecutionRole)", c.Address, n.endpointVPCs(paths))
		vd.Reason = fmt.Sprintf("%s has no vpc_config, so it runs outside every VPC and cannot reach the execute-api endpoint of private API %s; calls time out", c.Address, a.Address)
		return vd
	}
	if out := OutsideEndpoints(n.V, a); len(paths) == 0 && len(out) > 0 {
		vd.Result = symbol.Unknown
		vd.Fix = fmt.Sprintf("pass the stack that owns %s with --with, or declare it in an endpoint block of .privapi.hcl, so that the path from %s can be judged", strings.Join(out, ", "), c.Address)
		vd.Reason = fmt.Sprintf("whether %s can reach an execute-api endpoint of %s is not known: %s", c.Address, a.Address, OutsideReason(a, out))
		vd.Undeclared = OutsideUndeclared(out)
		return vd
	}
	if len(paths) == 0 {
		vd.Result = symbol.False
		vd.Fix = fmt.Sprintf("create an execute-api Interface endpoint in the VPC of %s and add it to vpc_endpoint_ids of %s (see PA101)", c.Address, a.Address)
		vd.Reason = fmt.Sprintf("%s calls private API %s, but no execute-api endpoint exists for the API, so there is nothing to reach", c.Address, a.Address)
		return vd
	}
	best := symbol.False
	var reasons []string
	var missing []topology.MissingRoute
	for _, p := range paths {
		best = best.Or(p.Link.Result)
		if p.Link.Result == symbol.True {
			break
		}
		reasons = append(reasons, fmt.Sprintf("%s: %s", p.Endpoint.Address, p.Link.Reason))
		missing = append(missing, p.Link.Missing...)
	}
	vd.Result = best
	switch best {
	case symbol.Unknown:
		var unk []string
		for _, p := range paths {
			if p.Link.Result == symbol.Unknown {
				unk = append(unk, fmt.Sprintf("%s: %s", p.Endpoint.Address, p.Link.Reason))
			}
		}
		vd.Fix = n.clientReachFix(c, a, paths, missing)
		vd.Reason = fmt.Sprintf("whether %s can reach an execute-api endpoint of %s is known only after apply: %s%s", c.Address, a.Address, strings.Join(unk, "; "), PrivateNote(a))
	case symbol.False:
		vd.Fix = n.clientReachFix(c, a, paths, missing)
		vd.Reason = fmt.Sprintf("%s cannot reach any execute-api endpoint of private API %s — %s; calls time out", c.Address, a.Address, strings.Join(reasons, "; "))
	}
	return vd
}

// endpointVPCs names the VPCs of the endpoints of paths.
func (n *Net) endpointVPCs(paths []ClientPath) string {
	var names []string
	for _, p := range paths {
		names = append(names, n.P.VPCName(p.Endpoint.VPCID))
	}
	names = topology.SortedAddresses(names)
	if len(names) == 0 {
		return "the endpoint's VPC"
	}
	return strings.Join(names, " or ")
}

func (n *Net) clientReachFix(c *topology.Client, a *topology.API, paths []ClientPath, missing []topology.MissingRoute) string {
	if len(missing) > 0 {
		return n.RouteFix(missing)
	}
	vpcs, _ := n.P.ClientVPCIDs(c)
	cv := "the client's VPC"
	if len(vpcs) > 0 {
		cv = n.P.VPCName(vpcs[0])
	}
	return fmt.Sprintf("put %s in a subnet of %s; or create an execute-api Interface endpoint in %s and add it to vpc_endpoint_ids of %s; or connect %s to %s with an aws_vpc_peering_connection (or transit gateway attachments) and aws_route entries in both directions",
		c.Address, n.endpointVPCs(paths), cv, a.Address, cv, n.endpointVPCs(paths))
}
