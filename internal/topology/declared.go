package topology

import (
	"sort"
	"strings"

	"github.com/privapi/privapi/internal/symbol"
)

// declare adds the endpoints and clients that other stacks manage, as the
// run declares them, to the view.
func declare(v *View, decl Declarations) {
	for _, d := range decl.Endpoints {
		if e, ok := v.EndpointByID(d.ID); ok == symbol.True && e != nil {
			continue // the plan has it: the plan wins
		}
		e := &Endpoint{
			Node:             Node{Address: "endpoint." + d.Name},
			ID:               d.ID,
			ServiceName:      "com.amazonaws." + d.Region + ".execute-api",
			Region:           d.Region,
			Type:             "Interface",
			VPCID:            d.VPCID,
			SecurityGroupIDs: d.SecurityGroupIDs,
			SGKnown:          true,
			PrivateDNS:       symbol.FromBool(d.PrivateDNS),
			IPAddressType:    "ipv4",
			Declared:         true,
			DeclaredName:     d.Name,
			SubnetCIDRs:      d.SubnetCIDRs,
			VPCCIDRs:         d.VPCCIDRs,
		}
		e.NACLsAllowHTTPS = said(d.NACLsAllowHTTPS)
		e.DeclaredAt = d.At
		declareEndpointFacts(e, d)
		v.declareRules(d.SecurityGroupIDs, false, d.IngressHTTPSFrom, e.Address)
		v.Endpoints = append(v.Endpoints, e)
	}
	for _, d := range decl.Clients {
		c := &Client{
			Node:               Node{Address: "client." + d.Name},
			Kind:               ClientDeclared,
			CIDRs:              d.CIDRs,
			SecurityGroupIDs:   d.SecurityGroupIDs,
			SGKnown:            true,
			SubnetsKnown:       true,
			VPCID:              d.VPCID,
			Declared:           true,
			UsesPrivateDNSName: symbol.Unknown,
			DeclaredAt:         d.At,
		}
		if d.APIs == nil {
			for _, a := range v.APIs {
				c.APIs = append(c.APIs, a.Address)
			}
		} else {
			c.APIs = append(c.APIs, d.APIs...)
		}
		sort.Strings(c.APIs)
		c.NACLsAllowHTTPS = said(d.NACLsAllowHTTPS)
		v.declareClientFacts(c, d)
		v.declareRules(d.SecurityGroupIDs, true, d.EgressHTTPSTo, c.Address)
		v.Clients = append(v.Clients, c)
	}
	v.sortAll()
}

// said is what a declaration says of a fact: Unknown when it says
// nothing.
func said(b *bool) symbol.Tri {
	if b == nil {
		return symbol.Unknown
	}
	return symbol.FromBool(*b)
}

// Declaration is where the configuration file declares an endpoint or a
// client: the file as the run named it (absolute, or relative to the
// working directory), the first and last lines of its block, and the line
// of each attribute it sets. Reports locate the findings on declared
// elements with it.
type Declaration struct {
	File    string
	Line    int
	EndLine int
	Attrs   map[string]int
}

// DeclaredAt returns where the configuration file declares the endpoint or
// client at addr (nil when the plan has it, or nothing has that address).
func (v *View) DeclaredAt(addr string) *Declaration {
	if v.ix != nil {
		return v.ix.declared[addr] // one lookup per result, not a scan
	}
	return v.declaredAt(addr)
}

func (v *View) declaredAt(addr string) *Declaration {
	for _, e := range v.Endpoints {
		if e.DeclaredAt != nil && e.Address == addr {
			return e.DeclaredAt
		}
	}
	for _, c := range v.Clients {
		if c.DeclaredAt != nil && c.Address == addr {
			return c.DeclaredAt
		}
	}
	return nil
}

// indexDeclared maps the address of every declared endpoint and client to
// its DeclaredAt (the first one, endpoints first, as declaredAt finds it).
func (v *View) indexDeclared() map[string]*Declaration {
	var out map[string]*Declaration
	add := func(addr string, d *Declaration) {
		if d == nil {
			return
		}
		if out == nil {
			out = map[string]*Declaration{}
		}
		if _, ok := out[addr]; !ok {
			out[addr] = d
		}
	}
	for _, e := range v.Endpoints {
		add(e.Address, e.DeclaredAt)
	}
	for _, c := range v.Clients {
		add(c.Address, c.DeclaredAt)
	}
	return out
}

// declaredEndpointIDs lists the ids of the declared endpoints.
func declaredEndpointIDs(decl Declarations) []string {
	var ids []string
	for _, e := range decl.Endpoints {
		ids = append(ids, e.ID)
	}
	return ids
}

// declareRules adds the tcp/443 rules a config block states for groups of
// another stack (peers are CIDR blocks or security group ids).
func (v *View) declareRules(groups []string, egress bool, peers []string, who string) {
	if len(peers) == 0 {
		return
	}
	r := Rule{Egress: egress, Protocol: "tcp", FromPort: 443, ToPort: 443, Known: true, Origin: who + " in .privapi.hcl"}
	for _, p := range peers {
		if strings.HasPrefix(p, "sg-") {
			r.SecurityGroups = append(r.SecurityGroups, p)
		} else {
			r.CIDRs = append(r.CIDRs, p)
		}
	}
	if v.ForeignRules == nil {
		v.ForeignRules = map[string][]Rule{}
	}
	for _, g := range groups {
		v.ForeignRules[g] = append(v.ForeignRules[g], r)
	}
}
