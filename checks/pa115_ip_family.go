package checks

import (
	"fmt"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

var pa115 = &Check{
	ID:       "PA115",
	Name:     "ip-family-mismatch",
	Severity: finding.Error,
	Varies:   map[finding.Severity]string{finding.Warning: "the endpoint's interfaces have the client's family but its DNS records (dns_record_ip_type) leave it out"},
	Title:    "The client and the execute-api endpoint share no IP family (IPv4-only endpoint, IPv6-only client), or a private API is set to ipv4",
	Run:      runPA115,
}

func runPA115(v *topology.View, r *Reporter) {
	n := r.Net(v)
	for _, a := range r.privateAPIs(v) {
		if a.IPAddressType == "ipv4" {
			failFor(r, nil, a, apiSubject(a), fmt.Sprintf("set endpoint_configuration { ip_address_type = \"dualstack\" } on %s", a.Address),
				"%s is PRIVATE with endpoint_configuration.ip_address_type = \"ipv4\": API Gateway accepts only \"dualstack\" for private APIs, so the apply fails", a.Address)
		}
	}
	for _, ns := range n.NetSubjects() {
		c, e := ns.Client, ns.Endpoint
		if c == nil || c.NoVPC {
			continue
		}
		s := netSubject(ns, e.Address)
		ef, cf := topology.EndpointFamilies(e), v.ClientFamilies(c)
		if cf.V4 == symbol.Unknown && cf.V6 == symbol.Unknown && !pa115AnyIPv6Only(v) {
			continue // the client's subnets are unknown (PA110 says so) and no subnet of the plan is IPv6-only
		}
		nics := pa115TypeFamilies(e)
		both := cf.And(ef)
		if both.Any() == symbol.True {
			r.Pass(s)
			continue
		}
		fix := fmt.Sprintf("set ip_address_type = \"dualstack\" and dns_options { dns_record_ip_type = \"dualstack\" } on %s (its subnets need IPv6 blocks), or run %s in a dual-stack subnet", e.Address, c.Address)
		switch both.Any() {
		case symbol.Unknown:
			r.Unverified(s, fix, "whether %s and %s share an IP family is known only after apply: the client can use %s, the endpoint offers %s (%s)%s", c.Address, e.Address, cf, ef, pa115Describe(e), netPrivateNote(s.API))
		default:
			if cf.And(nics).Any() == symbol.True {
				// the interfaces have the family, the DNS records leave it out
				r.Settled(finding.Warning, s, symbol.False, fix, fmt.Sprintf("%s can use %s, and the network interfaces of %s have it, but its DNS records give out %s (%s): the names the client calls do not resolve to an address it can use", c.Address, cf, e.Address, ef, pa115Describe(e)))
				continue
			}
			netReport(r, s, symbol.False, fix, fmt.Sprintf("%s can use %s, but %s offers %s (%s): the client cannot connect to the endpoint at all", c.Address, cf, e.Address, ef, pa115Describe(e)))
		}
	}
}

func pa115TypeFamilies(e *topology.Endpoint) topology.Families {
	return topology.EndpointFamilies(&topology.Endpoint{IPAddressType: e.IPAddressType})
}

func pa115Describe(e *topology.Endpoint) string {
	t := e.IPAddressType
	if t == "" {
		t = "known only after apply"
	}
	out := "ip_address_type " + t
	if e.DNSRecordIPType != "" {
		out += ", dns_record_ip_type " + e.DNSRecordIPType
	}
	return out
}

// pa115AnyIPv6Only reports whether some subnet of the plan may be IPv6-only.
func pa115AnyIPv6Only(v *topology.View) bool {
	for _, sn := range v.Subnets {
		if sn.IPv6Native != symbol.False {
			return true
		}
	}
	return false
}
