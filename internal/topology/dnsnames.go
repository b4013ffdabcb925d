package topology

// Which names resolve to an execute-api endpoint, as privapi check judges
// it (PA401, PA402) and the runbook's DNS step repeats it (see
// https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html#interface-endpoint-private-dns
// and https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-api-test-invoke-url.html).

import (
	"fmt"
	"strings"

	"github.com/privapi/privapi/internal/symbol"
)

// EndpointVPCDNS says whether the VPC of e has both enable_dns_support and
// enable_dns_hostnames on, which private DNS needs, and why not (""
// when it has). A declared endpoint whose VPC is not in the view is judged
// by what the configuration file says of it.
func (v *View) EndpointVPCDNS(e *Endpoint) (symbol.Tri, string) {
	x := v.paths().VPCByID(e.VPCID)
	if x == nil && e.Declared {
		return declaredVPCDNS(e)
	}
	if x == nil {
		return symbol.Unknown, fmt.Sprintf("VPC %s is not in the plan, so its enable_dns_support/enable_dns_hostnames are not known", symbol.Display(e.VPCID))
	}
	t := x.DNSSupport.And(x.DNSHostnames)
	switch t {
	case symbol.False:
		var off []string
		if x.DNSSupport == symbol.False {
			off = append(off, "enable_dns_support = false")
		}
		if x.DNSHostnames == symbol.False {
			off = append(off, "enable_dns_hostnames = false")
		}
		return t, fmt.Sprintf("%s has %s", x.Address, strings.Join(off, " and "))
	case symbol.Unknown:
		return t, fmt.Sprintf("enable_dns_support/enable_dns_hostnames of %s are known only after apply", x.Address)
	}
	return t, ""
}

// declaredVPCDNS is EndpointVPCDNS for an endpoint declared in the
// configuration file whose VPC is not in the view.
func declaredVPCDNS(e *Endpoint) (symbol.Tri, string) {
	vpc := "VPC " + symbol.Display(e.VPCID) + " of " + e.Address
	var off, unsaid []string
	for _, f := range []struct {
		name string
		t    symbol.Tri
	}{{"enable_dns_support", e.VPCDNSSupport}, {"enable_dns_hostnames", e.VPCDNSHostnames}} {
		switch f.t {
		case symbol.False:
			off = append(off, f.name+" = false")
		case symbol.Unknown:
			unsaid = append(unsaid, f.name)
		}
	}
	switch {
	case len(off) > 0:
		return symbol.False, fmt.Sprintf("%s has %s (declared in .privapi.hcl)", vpc, strings.Join(off, " and "))
	case len(unsaid) > 0:
		return symbol.Unknown, fmt.Sprintf("%s is not in the plan and .privapi.hcl does not declare its %s (set them in the endpoint block)", vpc, strings.Join(unsaid, " and "))
	}
	return symbol.True, ""
}

// ResolvableName says whether some DNS name resolves to e for a: the
// private DNS name (private DNS on), the {api-id}-{vpce-id} alias (e in
// vpc_endpoint_ids) or a private custom domain of a associated with e.
func (v *View) ResolvableName(a *API, e *Endpoint) symbol.Tri {
	return v.NamesFor(a, e).Any()
}

// Names says, name form by name form, whether it resolves to an endpoint
// for an API.
type Names struct {
	PrivateDNS symbol.Tri // the private DNS name (private DNS on the endpoint)
	Alias      symbol.Tri // the {api-id}-{vpce-id} alias (the endpoint in vpc_endpoint_ids)
	Domain     symbol.Tri // a private custom domain of the API associated with the endpoint
}

// Any is whether some name form resolves.
func (n Names) Any() symbol.Tri { return n.PrivateDNS.Or(n.Alias).Or(n.Domain) }

// NamesFor says which name forms resolve to e for a (ResolvableName, form
// by form).
func (v *View) NamesFor(a *API, e *Endpoint) Names {
	domain := symbol.False
	for _, d := range v.PrivateDomainsOf(a) {
		for _, id := range d.Associated {
			domain = domain.Or(Same(id, e.ID))
		}
	}
	return Names{PrivateDNS: e.PrivateDNS, Alias: v.Associated(a, e), Domain: domain}
}
