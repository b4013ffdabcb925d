package checks

import (
	"fmt"

	"github.com/privapi/privapi/internal/reach"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/topology"
)

var pa113 = &Check{
	ID:       "PA113",
	Name:     "endpoint-default-sg",
	Severity: finding.Warning,
	Title:    "The execute-api endpoint uses the VPC's default security group",
	Run:      runPA113,
}

func runPA113(v *topology.View, r *Reporter) {
	n := r.Net(v)
	for _, e := range reach.ManagedEndpoints(n.V) {
		s := endpointSubject(n, e, e.Address)
		fix := fmt.Sprintf("attach a dedicated group to %s: security_group_ids = [aws_security_group.endpoint.id], with an ingress rule for tcp/443 from the clients' security group or CIDRs", e.Address)
		if !e.SGKnown {
			r.Unverified(s, fix, "the security groups of %s are known only after apply, so whether it falls back to the VPC's default group cannot be decided", e.Address)
			continue
		}
		named := false
		if !e.DefaultSG {
			named = len(e.SecurityGroupIDs) > 0
			for _, id := range e.SecurityGroupIDs {
				if g := n.P.ResolveGroup(id); g == nil || !g.Default {
					named = false
					break
				}
			}
			if !named {
				r.Pass(s)
				continue
			}
		}
		dg := n.P.DefaultGroup(e.VPCID)
		how := "it keeps AWS's stock rules (inbound only from members of the default group, outbound all), which anyone can change outside this configuration"
		if dg.Address != "" {
			how = fmt.Sprintf("%s manages that group and keeps only its %d declared rule(s) — Terraform removes every other rule", dg.Address, len(dg.Rules))
		}
		what := "names no security group, so AWS attaches"
		if named {
			what = "is given (security_group_ids, e.g. default_security_group_id) only"
		}
		netEndpointFail(r, s, e, r.check.Severity, fix, "%s %s the default security group of %s: %s; clients outside that group cannot connect", e.Address, what, n.P.VPCName(e.VPCID), how)
	}
}
