package engine

import (
	"github.com/privapi/privapi/internal/config"
	"github.com/privapi/privapi/internal/topology"
)

// Declarations converts the endpoints and clients that the configuration
// file declares (resources of other stacks) into the domain's
// declarations, which topology.BuildWith adds to the view. A nil
// configuration declares nothing.
func Declarations(cfg *config.Config) topology.Declarations {
	var d topology.Declarations
	if cfg == nil {
		return d
	}
	for _, e := range cfg.Endpoints {
		d.Endpoints = append(d.Endpoints, declaredEndpoint(e))
	}
	for _, c := range cfg.Clients {
		d.Clients = append(d.Clients, declaredClient(c))
	}
	return d
}

func declaredEndpoint(e config.Endpoint) topology.DeclaredEndpoint {
	d := topology.DeclaredEndpoint{
		Name:             e.Name,
		ID:               e.ID,
		VPCID:            e.VPCID,
		Region:           e.Region,
		SecurityGroupIDs: e.SecurityGroupIDs,
		PrivateDNS:       e.PrivateDNS,
		SubnetCIDRs:      e.SubnetCIDRs,
		VPCCIDRs:         e.VPCCIDRs,
		IngressHTTPSFrom: e.IngressHTTPSFrom,
		NACLsAllowHTTPS:  e.NACLsAllowHTTPS,
		DNSSupport:       e.DNSSupport,
		DNSHostnames:     e.DNSHostnames,
		At:               declaredAt(e.Pos, e.EndLine, e.Attrs),
	}
	if e.Policy == config.PolicyDefault {
		d.DefaultPolicy = true
	} else {
		d.Policy = e.Policy
	}
	for _, sn := range e.Subnets {
		d.Subnets = append(d.Subnets, topology.DeclaredSubnet{CIDR: sn.CIDR, AZ: sn.AZ})
	}
	return d
}

func declaredClient(c config.Client) topology.DeclaredClient {
	return topology.DeclaredClient{
		Name:             c.Name,
		CIDRs:            c.CIDRs,
		SecurityGroupIDs: c.SecurityGroupIDs,
		VPCID:            c.VPCID,
		APIs:             c.APIs,
		EgressHTTPSTo:    c.EgressHTTPSTo,
		NACLsAllowHTTPS:  c.NACLsAllowHTTPS,
		URLForm:          urlForm(c.URLForm),
		AliasEndpointID:  c.AliasEndpointID,
		CustomDomain:     c.CustomDomain,
		SignsRequests:    c.SignsRequests,
		PrincipalARN:     c.PrincipalARN,
		OrganizationID:   c.OrganizationID,
		Links:            c.Links,
		At:               declaredAt(c.Pos, c.EndLine, c.Attrs),
	}
}

// urlForm names a client's url_form in the domain. config.Parse admits
// only the forms below; anything else keeps its name.
func urlForm(s string) topology.URLForm {
	switch s {
	case config.URLFormInvokeURL:
		return topology.URLFormInvokeURL
	case config.URLFormAlias:
		return topology.URLFormAlias
	case config.URLFormEndpointHostname:
		return topology.URLFormEndpointHostname
	case config.URLFormCustomDomain:
		return topology.URLFormCustomDomain
	case "":
		return topology.URLFormUnsaid
	}
	return topology.URLForm(s)
}

// declaredAt is where a block starts and ends and where each of its
// attributes is set; nil when the block has no position (built by hand).
func declaredAt(pos config.Pos, end int, attrs map[string]config.Pos) *topology.Declaration {
	if pos.File == "" || pos.Line == 0 {
		return nil
	}
	d := &topology.Declaration{File: pos.File, Line: pos.Line, EndLine: max(end, pos.Line)}
	if len(attrs) > 0 {
		d.Attrs = make(map[string]int, len(attrs))
		for name, p := range attrs {
			d.Attrs[name] = p.Line
		}
	}
	return d
}
