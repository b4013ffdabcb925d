package checks

import (
	"fmt"
	"sort"
	"strings"

	"github.com/privapi/privapi/internal/reach"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

var pa104 = &Check{
	ID:       "PA104",
	Name:     "endpoint-subnets",
	Severity: finding.Error,
	Varies:   map[finding.Severity]string{finding.Info: "every subnet of the endpoint is in one Availability Zone, which works but without zone redundancy"},
	Title:    "An execute-api interface endpoint has no subnets, two subnets in one AZ, or a single AZ",
	Run:      runPA104,
}

func runPA104(v *topology.View, r *Reporter) {
	n := r.Net(v)
	for _, e := range reach.ManagedEndpoints(n.V) {
		if e.Type != "" && !symbol.Contains(e.Type) && !strings.EqualFold(e.Type, "Interface") {
			continue // PA102 judges the type; only Interface endpoints have subnets
		}
		s := endpointSubject(n, e, e.Address)
		fixNone := fmt.Sprintf("give %s one subnet per Availability Zone of its clients: subnet_ids = [<one subnet per AZ>.id] (or aws_vpc_endpoint_subnet_association resources)", e.Address)
		if !e.SubnetsKnown {
			r.Unverified(s, fixNone, "the subnets of %s are known only after apply (%s), so whether it has subnets in distinct Availability Zones cannot be decided", e.Address, strings.Join(reach.DisplayList(e.SubnetIDs), ", "))
			continue
		}
		if len(e.SubnetIDs) == 0 {
			netEndpointFail(r, s, e, r.check.Severity, fixNone, "%s is an interface endpoint with no subnets (subnet_ids unset and no aws_vpc_endpoint_subnet_association): it gets no network interface, so no client can connect to it", e.Address)
			continue
		}
		judgePA104(n, r, e, s)
	}
	for _, e := range reach.DeclaredEndpoints(n.V) {
		judgePA104Declared(r, e, endpointSubject(n, e, e.Address))
	}
}

// judgePA104Declared judges an endpoint declared in .privapi.hcl on its
// subnet blocks.
func judgePA104Declared(r *Reporter, e *topology.Endpoint, s Subject) {
	fix := fmt.Sprintf("declare each subnet of %s with its Availability Zone in .privapi.hcl: subnet { cidr_block = \"…\" availability_zone = \"…\" }", e.Address)
	if len(e.DeclaredSubnets) == 0 {
		r.Undeclared(s, "subnet blocks in "+e.Address, fix, "whether %s has subnets in distinct Availability Zones is not known: it is declared in .privapi.hcl without subnet blocks, and its subnets are in another stack", e.Address)
		return
	}
	byAZ := map[string][]string{}
	for _, sn := range e.DeclaredSubnets {
		byAZ[sn.AZ] = append(byAZ[sn.AZ], sn.CIDR)
	}
	var dup []string
	for _, az := range netSortedAZs(byAZ) {
		if len(byAZ[az]) > 1 {
			dup = append(dup, fmt.Sprintf("%s in %s", strings.Join(byAZ[az], " and "), az))
		}
	}
	switch {
	case len(dup) > 0:
		r.Fail(s, fmt.Sprintf("keep one subnet per Availability Zone in the subnet_ids of %s (in the stack that owns it), then in its subnet blocks", e.Address),
			"%s is declared with two subnets in one Availability Zone: %s; an interface endpoint takes at most one subnet per AZ, so AWS rejects it", e.Address, strings.Join(dup, "; "))
	case len(byAZ) == 1:
		az := netSortedAZs(byAZ)[0]
		r.FailAt(finding.Info, s, fmt.Sprintf("add a subnet in a second Availability Zone to %s (in the stack that owns it)", e.Address),
			"%s is declared with network interfaces in a single Availability Zone (%s); it works, but an outage of %s cuts every client off", e.Address, az, az)
	default:
		r.Pass(s)
	}
}

func judgePA104(n *reach.Net, r *Reporter, e *topology.Endpoint, s Subject) {
	subs, missing := n.P.SubnetsByID(e.SubnetIDs)
	var doubts []string
	for _, id := range missing {
		doubts = append(doubts, fmt.Sprintf("subnet %s is not in the plan, so its Availability Zone is not known", netDisp(id)))
	}
	// subnets of another VPC
	var foreign []string
	for _, sn := range subs {
		switch topology.Same(sn.VPCID, e.VPCID) {
		case symbol.False:
			foreign = append(foreign, fmt.Sprintf("%s (VPC %s)", sn.Address, n.P.VPCName(sn.VPCID)))
		case symbol.Unknown:
			doubts = append(doubts, fmt.Sprintf("whether %s is in the endpoint's VPC is known only after apply", sn.Address))
		}
	}
	if len(foreign) > 0 {
		netEndpointFail(r, s, e, r.check.Severity, fmt.Sprintf("use subnets of %s only", n.P.VPCName(e.VPCID)),
			"%s is in VPC %s but is given subnets of another VPC: %s; AWS rejects the endpoint", e.Address, n.P.VPCName(e.VPCID), strings.Join(foreign, ", "))
		return
	}
	// Availability Zones
	byAZ := map[string][]string{}
	var unknownAZ []string
	for _, sn := range subs {
		if sn.AZ == "" || symbol.Contains(sn.AZ) {
			unknownAZ = append(unknownAZ, sn.Address)
			continue
		}
		byAZ[sn.AZ] = append(byAZ[sn.AZ], sn.Address)
	}
	var dup []string
	for _, az := range netSortedAZs(byAZ) {
		if len(byAZ[az]) > 1 {
			dup = append(dup, fmt.Sprintf("%s in %s", strings.Join(byAZ[az], " and "), az))
		}
	}
	if len(dup) > 0 {
		netEndpointFail(r, s, e, r.check.Severity, fmt.Sprintf("keep one subnet per Availability Zone in %s's subnet_ids (e.g. pick each subnet by a distinct availability_zone)", e.Address),
			"%s has two subnets in one Availability Zone: %s; an interface endpoint takes at most one subnet per AZ, so AWS rejects it", e.Address, strings.Join(dup, "; "))
		return
	}
	if len(unknownAZ) > 0 {
		doubts = append(doubts, fmt.Sprintf("the Availability Zones of %s are known only after apply (no availability_zone set)", strings.Join(unknownAZ, ", ")))
	}
	if len(doubts) > 0 {
		r.Unverified(s, fmt.Sprintf("set availability_zone on the subnets of %s so that one subnet per AZ can be checked", e.Address),
			"whether %s has at most one subnet per Availability Zone cannot be decided: %s", e.Address, strings.Join(doubts, "; "))
		return
	}
	if len(byAZ) == 1 {
		az := netSortedAZs(byAZ)[0]
		netEndpointFail(r, s, e, finding.Info, fmt.Sprintf("add a subnet in a second Availability Zone to %s's subnet_ids", e.Address),
			"%s has network interfaces in a single Availability Zone (%s: %s); it works, but an outage of %s cuts every client off", e.Address, az, strings.Join(byAZ[az], ", "), az)
		return
	}
	r.Pass(s)
}

func netSortedAZs(m map[string][]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
