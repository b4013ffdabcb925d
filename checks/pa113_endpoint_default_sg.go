package checks

import (
	"fmt"

	"github.com/privapi/privapi/internal/reach"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/topology"
)

func init() {
	Register(&Check{
		ID:       "PA113",
		Name:     "endpoint-default-sg",
		Severity: finding.Warning,
		Title:    "The execute-api endpoint uses the VPC's default security group",
		Doc: `**What AWS does.** An interface endpoint created without ` + "`security_group_ids`" + ` (and
without ` + "`aws_vpc_endpoint_security_group_association`" + `) gets the VPC's **default** security
group. Its stock rules admit inbound traffic only from members of that same default
group and allow all outbound. When Terraform manages it with
` + "`aws_default_security_group`" + `, adoption removes every rule and keeps only the declared
ones — a rule-less "lockdown" block leaves the endpoint admitting nothing (aws-facts C3).

**Why it matters.** The path then depends on a shared group that other resources use
and that anyone may change (or that a CIS lockdown empties); clients not in the default
group are refused, and PA111 may fail.

**How to fix.** Give the endpoint a dedicated group that admits TCP 443 from the
clients:

` + "```hcl" + `
resource "aws_security_group" "endpoint" {
  vpc_id = aws_vpc.main.id
}
resource "aws_vpc_security_group_ingress_rule" "endpoint_https" {
  security_group_id            = aws_security_group.endpoint.id
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = aws_security_group.client.id
}
resource "aws_vpc_endpoint" "execute_api" {
  security_group_ids = [aws_security_group.endpoint.id]
}
` + "```" + `

Judged for every execute-api endpoint of the plan; unverified when its groups are
unknown until apply. Sources: aws-facts C3, E1.`,
		Run: runPA113,
	})
}

func runPA113(v *topology.View, r *Reporter) {
	n := reach.NewNet(v)
	for _, e := range reach.ManagedEndpoints(n.V) {
		s := endpointSubject(n, e, e.Address)
		fix := fmt.Sprintf("attach a dedicated group to %s: security_group_ids = [aws_security_group.endpoint.id], with an ingress rule for tcp/443 from the clients' security group or CIDRs", e.Address)
		if !e.SGKnown {
			r.Unverified(s, fix, "the security groups of %s are known only after apply, so whether it falls back to the VPC's default group cannot be decided", e.Address)
			continue
		}
		if !e.DefaultSG {
			r.Pass(s)
			continue
		}
		dg := n.P.DefaultGroup(e.VPCID)
		how := "it keeps AWS's stock rules (inbound only from members of the default group, outbound all), which anyone can change outside this configuration"
		if dg.Address != "" {
			how = fmt.Sprintf("%s manages that group and keeps only its %d declared rule(s) — Terraform removes every other rule (C3)", dg.Address, len(dg.Rules))
		}
		netEndpointFail(r, s, e, r.check.Severity, fix, "%s names no security group, so AWS attaches the default security group of %s: %s; clients outside that group cannot connect", e.Address, n.P.VPCName(e.VPCID), how)
	}
}
