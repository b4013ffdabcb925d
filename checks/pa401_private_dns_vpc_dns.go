package checks

import (
	"fmt"
	"strings"

	"github.com/privapi/privapi/internal/reach"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

var pa401 = &Check{
	ID:       "PA401",
	Name:     "private-dns-vpc-dns",
	Severity: finding.Error,
	Title:    "Private DNS is enabled on the execute-api endpoint but the VPC's DNS support or DNS hostnames is off",
	Run:      runPA401,
}

func runPA401(v *topology.View, r *Reporter) {
	n := r.Net(v)
	for _, e := range append(reach.ManagedEndpoints(n.V), reach.DeclaredEndpoints(n.V)...) {
		s := endpointSubject(n, e, e.Address)
		vd := reach.VPCDNS(n.V, e)
		if vd.Result == symbol.True {
			r.Pass(s)
			continue
		}
		vpcRef := "the endpoint's aws_vpc"
		if x := n.P.VPCByID(e.VPCID); x != nil {
			vpcRef = x.Address
		} else if e.Declared {
			vpcRef = "VPC " + netDisp(e.VPCID) + " (in the stack that owns it; then declare both as true in " + e.Address + " of .privapi.hcl)"
		}
		fix := fmt.Sprintf("set enable_dns_support = true and enable_dns_hostnames = true on %s (or set private_dns_enabled = false on %s and call the alias or endpoint hostname)", vpcRef, e.Address)
		// the invoke URLs of every API the endpoint serves: built only for
		// a result that shows them (one endpoint may serve thousands)
		urls := dnsEndpointURLText(n, e)
		why := vd.Attrs
		var msg string
		switch vd.Rule {
		case reach.DNSPrivateUnknown:
			msg = fmt.Sprintf("private_dns_enabled of %s is known only after apply, and %s; if private DNS is on, the private DNS name cannot work. %s", e.Address, why, urls)
		case reach.DNSAttrsOff:
			msg = fmt.Sprintf("%s enables private DNS, but %s: AWS requires both enable_dns_support and enable_dns_hostnames for private DNS (the endpoint's private DNS cannot be turned on, and the private DNS name does not resolve to it). %s", e.Address, why, urls)
			if vd.Demoted {
				msg = endpointMaybeNote(e) + msg
			}
		default:
			msg = fmt.Sprintf("%s enables private DNS, and %s; AWS requires both to be true. %s", e.Address, why, urls)
		}
		switch {
		case vd.Result == symbol.False:
			r.Fail(s, fix, "%s", msg)
		case vd.Rule == reach.DNSAttrsUnknown && e.Declared && n.P.VPCByID(e.VPCID) == nil:
			// the VPC is in another stack and .privapi.hcl leaves out
			// what its DNS attributes are: stating them settles this
			r.Undeclared(s, pa401Unsaid(e)+" in "+e.Address, fix, "%s", msg)
		default:
			r.Unverified(s, fix, "%s", msg)
		}
	}
}

// pa401Unsaid names the VPC DNS attributes that the declaration of e
// leaves out.
func pa401Unsaid(e *topology.Endpoint) string {
	var out []string
	if e.VPCDNSSupport == symbol.Unknown {
		out = append(out, "enable_dns_support")
	}
	if e.VPCDNSHostnames == symbol.Unknown {
		out = append(out, "enable_dns_hostnames")
	}
	return strings.Join(out, " and ")
}
