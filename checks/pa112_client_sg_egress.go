package checks

import (
	"fmt"

	"github.com/privapi/privapi/internal/reach"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

func init() {
	Register(&Check{
		ID:       "PA112",
		Name:     "client-sg-egress",
		Severity: finding.Error,
		Title:    "No security group of the client allows TCP 443 to the execute-api endpoint",
		Doc: `**What AWS does.** Outbound traffic from the client must be allowed by one of its
security groups (instance ` + "`vpc_security_group_ids`" + `, Lambda ` + "`vpc_config`" + `, launch template,
ECS ` + "`network_configuration`" + `; an instance that names none gets the VPC's default group).
**Terraform removes AWS's default allow-all egress** (0.0.0.0/0 and ::/0) from every
` + "`aws_security_group`" + ` it creates, so a group that declares no egress allows none; the
plan shows its ` + "`egress`" + ` as "known after apply", which is *not* "allow all" (aws-facts
E2). ` + "`aws_default_security_group`" + ` likewise removes every rule it does not declare (C3).

**Why it breaks.** Unless some egress rule allows TCP 443 to the endpoint — a CIDR
holding *every* endpoint subnet (the endpoint's DNS name returns an address in each), a
referenced endpoint security group, or a prefix list — the connection never leaves the
client: "Connection timed out". Across a transit gateway group references do not
match (E5).

**How to fix.**

` + "```hcl" + `
resource "aws_vpc_security_group_egress_rule" "client_https_to_endpoint" {
  security_group_id            = aws_security_group.client.id
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = aws_security_group.endpoint.id # or cidr_ipv4
}
` + "```" + `

Judged per (endpoint, client) pair; unverified when a group, rule or CIDR is unknown
until apply or not in the plan. Sources: aws-facts E1–E5, E8, C3.`,
		Run: runPA112,
	})
}

func runPA112(v *topology.View, r *Reporter) {
	n := reach.NewNet(v)
	for _, ns := range n.NetSubjects() {
		if ns.Client == nil {
			continue // no client: nothing to judge on the client side (PA111 judges the endpoint alone)
		}
		c, e := ns.Client, ns.Endpoint
		peer, eg, idsKnown := netEndpointPeer(n, e, ns.Client, ns.Link)
		ids, known, def := n.P.ClientGroups(c)
		cg := netResolveGroups(n, ids, known, def)
		s := netSubject(ns, cg.Address(c.Address))
		if known && len(ids) == 0 && c.Declared {
			r.Pass(s) // a declared client without security groups: nothing restricts its egress
			continue
		}
		vd := netAdmitsOver(n, cg, true, peer, idsKnown, ns.Link, e.Address)
		other := ""
		if ns.Link.Kind != topology.LinkTGW {
			for _, g := range eg.Groups {
				if g.Address != "" {
					other = netGroupRef(n, g)
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
		fix := netSGRuleFix(n, g, true, other, cidrs, "client_https_to_"+netTFName(e.Address))
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
				msg += fmt.Sprintf("; %s declares no egress at all, and Terraform removes AWS's default allow-all egress from a group it creates (E2)", g.Address)
			}
			if g != nil && g.Default && g.Address != "" {
				msg += fmt.Sprintf("; %s manages the VPC's default group and removes every rule it does not declare (C3)", g.Address)
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

func netDescribeEndpoint(n *reach.Net, e *topology.Endpoint, eg netGroups) string {
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
