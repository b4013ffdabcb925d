package topology

import (
	"github.com/privapi/privapi/internal/symbol"
)

// DeclaredSubnet is a subnet of a declared endpoint.
type DeclaredSubnet struct {
	CIDR string
	AZ   string
}

// declareEndpointFacts carries a declared endpoint's policy, subnets and
// VPC DNS attributes into the view. A policy the file does not declare is
// a PolicyDeclared source that is not Known (ReadPolicy says why): the
// endpoint may have any policy.
func declareEndpointFacts(e *Endpoint, d DeclaredEndpoint) {
	switch {
	case d.DefaultPolicy:
		// full access: no policy source (EffectiveEndpointPolicy nil)
	case d.Policy == "":
		e.Policies = []*PolicySource{{Kind: PolicyDeclared}}
	default:
		e.Policies = []*PolicySource{{Kind: PolicyDeclared, JSON: d.Policy, Known: true}}
	}
	e.DeclaredSubnets = append([]DeclaredSubnet(nil), d.Subnets...)
	e.VPCDNSSupport, e.VPCDNSHostnames = symbol.Unknown, symbol.Unknown
	if d.DNSSupport != nil {
		e.VPCDNSSupport = symbol.FromBool(*d.DNSSupport)
	}
	if d.DNSHostnames != nil {
		e.VPCDNSHostnames = symbol.FromBool(*d.DNSHostnames)
	}
}

// declareClientFacts carries a declared client's URL form, signing,
// identity and VPC links into the view.
func (v *View) declareClientFacts(c *Client, d DeclaredClient) {
	c.SignsRequests = symbol.Unknown
	if d.SignsRequests != nil {
		c.SignsRequests = symbol.FromBool(*d.SignsRequests)
	}
	c.PrincipalARN, c.OrganizationID = d.PrincipalARN, d.OrganizationID
	c.Links = append([]string(nil), d.Links...)
	if d.URLForm == URLFormUnsaid {
		return
	}
	evidence := "url_form = \"" + string(d.URLForm) + "\" of " + c.Address + " in .privapi.hcl"
	f := &InvokeForms{PrivateDNS: symbol.False}
	switch d.URLForm {
	case URLFormInvokeURL:
		f.PrivateDNS, f.Evidence = symbol.True, evidence
	case URLFormAlias:
		f.Alias = []string{d.AliasEndpointID}
	case URLFormEndpointHostname:
		f.EndpointHost = true
	case URLFormCustomDomain:
		c.DeclaredDomain = d.CustomDomain
		for _, dom := range v.Domains {
			if dom.Name == d.CustomDomain {
				f.Domains = appendDomain(f.Domains, dom)
			}
		}
	}
	c.DeclaredForms = f
	c.Refs = map[string]string{}
	for _, a := range c.APIs {
		c.Refs[a] = evidence
	}
}

// declaredLinks turns the links a side declares into Links: each joins
// the side's VPC to vpc with routes both ways, as the configuration file
// says. A link whose id the plan holds (a peering connection, or a transit
// gateway that attachments of the plan name) is judged from the plan
// instead (planned holds those Links).
func (p *Paths) declaredLinks(from Side, vpc string, planned []Link) []Link {
	var out []Link
next:
	for _, id := range from.Links {
		for _, l := range planned {
			if Same(l.ViaID, id) == symbol.True {
				continue next
			}
		}
		kind := LinkPeering
		if len(id) > 4 && id[:4] == "tgw-" {
			kind = LinkTGW
		}
		out = append(out, Link{Result: symbol.True, Kind: kind, Via: id + " (vpc_links in .privapi.hcl)", ViaID: id,
			Reason: from.Name + " and the endpoint's VPC " + p.vpcName(vpc) + " are joined by " + string(kind) + " " + id + " with routes both ways, as .privapi.hcl declares"})
	}
	return out
}
