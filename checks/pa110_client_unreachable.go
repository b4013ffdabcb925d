package checks

import (
	"fmt"
	"strings"

	"github.com/privapi/privapi/internal/reach"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

var pa110 = &Check{
	ID:       "PA110",
	Name:     "client-unreachable",
	Severity: finding.Error,
	Title:    "A client of a private API has no network path to any of its execute-api endpoints",
	Run:      runPA110,
}

func runPA110(v *topology.View, r *Reporter) {
	n := reach.NewNet(v)
	for _, a := range reach.PrivateAPIs(n.V) {
		for _, c := range n.ClientsOf(a) {
			judgePA110(n, r, a, c)
		}
	}
}

func judgePA110(n *reach.Net, r *Reporter, a *topology.API, c *topology.Client) {
	paths := n.ClientPaths(a, c)
	s := Subject{API: a, Address: c.Address, Related: []string{a.Address}, Describe: "API " + a.Address + " from client " + c.Address}
	for _, p := range paths {
		s.Related = append(s.Related, p.Endpoint.Address)
	}
	if c.NoVPC {
		vpcs := netEndpointVPCs(n, paths)
		netReport(r, s, symbol.False,
			fmt.Sprintf("add to %s:\n  vpc_config {\n    subnet_ids         = [<subnets of %s>]\n    security_group_ids = [<a group with egress tcp/443 to the endpoint>]\n  }\n(the function's role also needs AWSLambdaVPCAccessExecutionRole)", c.Address, vpcs),
			fmt.Sprintf("%s has no vpc_config, so it runs outside every VPC and cannot reach the execute-api endpoint of private API %s; calls time out", c.Address, a.Address))
		return
	}
	if out := outsideEndpoints(n.V, a); len(paths) == 0 && len(out) > 0 {
		r.Unverified(s, fmt.Sprintf("pass the stack that owns %s with --with so that the path from %s can be judged", strings.Join(out, ", "), c.Address),
			"whether %s can reach an execute-api endpoint of %s is not known: %s", c.Address, a.Address, outsideReason(a, out))
		return
	}
	if len(paths) == 0 {
		netReport(r, s, symbol.False, fmt.Sprintf("create an execute-api Interface endpoint in the VPC of %s and add it to vpc_endpoint_ids of %s (see PA101)", c.Address, a.Address),
			fmt.Sprintf("%s calls private API %s, but no execute-api endpoint exists for the API, so there is nothing to reach", c.Address, a.Address))
		return
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
	switch best {
	case symbol.True:
		r.Pass(s)
	case symbol.Unknown:
		var unk []string
		for _, p := range paths {
			if p.Link.Result == symbol.Unknown {
				unk = append(unk, fmt.Sprintf("%s: %s", p.Endpoint.Address, p.Link.Reason))
			}
		}
		r.Unverified(s, pa110Fix(n, c, a, paths, missing), "whether %s can reach an execute-api endpoint of %s is known only after apply: %s%s", c.Address, a.Address, strings.Join(unk, "; "), netPrivateNote(a))
	default:
		netReport(r, s, symbol.False, pa110Fix(n, c, a, paths, missing),
			fmt.Sprintf("%s cannot reach any execute-api endpoint of private API %s — %s; calls time out", c.Address, a.Address, strings.Join(reasons, "; ")))
	}
}

func netEndpointVPCs(n *reach.Net, paths []reach.ClientPath) string {
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

func pa110Fix(n *reach.Net, c *topology.Client, a *topology.API, paths []reach.ClientPath, missing []topology.MissingRoute) string {
	if len(missing) > 0 {
		return n.RouteFix(missing)
	}
	vpcs, _ := n.P.ClientVPCIDs(c)
	cv := "the client's VPC"
	if len(vpcs) > 0 {
		cv = n.P.VPCName(vpcs[0])
	}
	return fmt.Sprintf("put %s in a subnet of %s; or create an execute-api Interface endpoint in %s and add it to vpc_endpoint_ids of %s; or connect %s to %s with an aws_vpc_peering_connection (or transit gateway attachments) and aws_route entries in both directions",
		c.Address, netEndpointVPCs(n, paths), cv, a.Address, cv, netEndpointVPCs(n, paths))
}
