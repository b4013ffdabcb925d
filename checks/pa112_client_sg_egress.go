package checks

import (
	"fmt"

	"github.com/privapi/privapi/internal/reach"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

var pa112 = &Check{
	ID:       "PA112",
	Name:     "client-sg-egress",
	Severity: finding.Error,
	Title:    "No security group of the client allows TCP 443 to the execute-api endpoint",
	Run:      runPA112,
}

func runPA112(v *topology.View, r *Reporter) {
	n := reach.NewNet(v)
	for _, ns := range n.NetSubjects() {
		if ns.Client == nil {
			continue // no client: nothing to judge on the client side (PA111 judges the endpoint alone)
		}
		c, e := ns.Client, ns.Endpoint
		peer, eg, idsKnown := n.EndpointPeer(e, ns.Client)
		ids, known, def := n.P.ClientGroups(c)
		cg := n.ResolveGroups(ids, known, def)
		s := netSubject(ns, cg.Address(c.Address))
		if known && len(ids) == 0 && c.Declared {
			r.Pass(s) // a declared client without security groups: nothing restricts its egress
			continue
		}
		vd := n.AdmitsOver(cg, true, peer, idsKnown, ns.Link, e.Address)
		other := ""
		if ns.Link.Kind != topology.LinkTGW {
			for _, g := range eg.Groups {
				if g.Address != "" {
					other = reach.GroupRef(g)
					break
				}
			}
		}
		cidrs, _ := n.P.EndpointCIDRs(e)
		var g *topology.SecurityGroup
		switch {
		case len(cg.Groups) > 0:
			g = cg.Groups[0]
		case len(cg.Missing) > 0:
			g = &topology.SecurityGroup{ID: cg.Missing[0]} // a group of another stack: named by its id
		}
		fix := reach.SGRuleFix(g, true, other, cidrs, "client_https_to_"+reach.TFName(e.Address))
		switch vd.Result {
		case symbol.True:
			r.Pass(s)
		case symbol.Unknown:
			if len(cg.Groups) == 0 && !known {
				r.Unverified(s, fix, "the security groups of %s are known only after apply, so whether they allow tcp/443 to %s cannot be decided%s", c.Address, e.Address, netPrivateNote(s.API))
				continue
			}
			r.Unverified(s, fix, "whether the security groups of %s (%s) allow tcp/443 to %s is known only after apply: %s%s", c.Address, cg.Names(), e.Address, vd.Reason, netPrivateNote(s.API))
		default:
			msg := fmt.Sprintf("no security group of %s (%s) allows tcp/443 to %s (%s), so its calls time out: %s", c.Address, cg.Names(), e.Address, netDescribeEndpoint(n, e, eg), vd.Reason)
			if g != nil && g.Created && !netHasEgress(g) && !g.Default {
				msg += fmt.Sprintf("; %s declares no egress at all, and Terraform removes AWS's default allow-all egress from a group it creates", g.Address)
			}
			if g != nil && g.Default && g.Address != "" {
				msg += fmt.Sprintf("; %s manages the VPC's default group and removes every rule it does not declare", g.Address)
			}
			netReport(r, s, symbol.False, fix, msg)
		}
	}
}

func netHasEgress(sg *topology.SecurityGroup) bool {
	for _, r := range sg.Rules {
		if r.Egress {
			return true
		}
	}
	return false
}

func netDescribeEndpoint(n *reach.Net, e *topology.Endpoint, eg reach.Groups) string {
	cidrs, _ := n.P.EndpointCIDRs(e)
	s := "subnets "
	if len(cidrs) == 0 {
		s += "unknown"
	} else {
		for i, c := range cidrs {
			if i > 0 {
				s += ", "
			}
			s += netDisp(c)
		}
	}
	return s + "; groups " + eg.Names()
}
