package topology

import (
	"fmt"
	"strings"

	"github.com/privapi/privapi/internal/model"
	"github.com/privapi/privapi/internal/netpath"
	"github.com/privapi/privapi/internal/symbol"
)

// LinkKind says how two VPCs are connected.
type LinkKind string

const (
	LinkNone    LinkKind = "none"
	LinkSameVPC LinkKind = "same VPC"
	LinkPeering LinkKind = "VPC peering"
	LinkTGW     LinkKind = "transit gateway"
)

// Link is the answer to "can traffic flow between these two places?".
type Link struct {
	Result symbol.Tri
	Kind   LinkKind
	// Via is the address of the peering connection or the transit gateway
	// attachments; ViaID the pcx/tgw id routes must target.
	Via   string
	ViaID string
	// Reason says why, with symbolic values shown as ${addr.attr}.
	Reason string
	// Missing lists the routes that would complete the path (for fixes).
	Missing []MissingRoute
}

// MissingRoute is a route a path lacks.
type MissingRoute struct {
	Table, TableRef string
	Destination     string
	// DestVPC is the VPC the destination range belongs to.
	DestVPC    string
	Target     string // pcx or tgw id (may be a token)
	TargetKind LinkKind
}

// Side is one end of a path: a VPC, the ranges traffic leaves from or goes
// to, and the routes of the subnet it sits in.
type Side struct {
	Name        string // for messages: a subnet or client address
	VPCID       string
	CIDRs       []string
	Routes      []netpath.Route
	Table       string
	TableRef    string
	RoutesKnown bool
	// AZ is the subnet's Availability Zone ("" unknown or several).
	AZ string
	// Links are the peering connections and transit gateways that the
	// configuration file declares join this side's VPC to the endpoint's
	// (a declared client's vpc_links).
	Links []string
}

// SubnetSide makes a Side from a subnet.
func (p *Paths) SubnetSide(s *Subnet) Side {
	routes, table, ref, known := p.RoutesOf(s)
	cidrs, _ := subnetCIDRs([]*Subnet{s}, true)
	return Side{Name: nameOf(s.Address, s.ID), VPCID: s.VPCID, CIDRs: cidrs, Routes: routes, Table: table, TableRef: ref, RoutesKnown: known, AZ: s.AZ}
}

// ClientSides returns one Side per subnet of a client (one for a declared
// client, whose routes are not in the plan).
func (p *Paths) ClientSides(c *Client) ([]Side, bool) {
	if c.Declared {
		return []Side{{Name: c.Address, VPCID: c.VPCID, CIDRs: c.CIDRs, Table: "the route table of " + c.Address, Links: c.Links}}, c.VPCID != ""
	}
	subs, known := p.ClientSubnets(c)
	var out []Side
	for _, s := range subs {
		out = append(out, p.SubnetSide(s))
	}
	return out, known
}

// EndpointSides returns one Side per subnet of an endpoint (one with the
// declared ranges for a declared endpoint).
func (p *Paths) EndpointSides(e *Endpoint) ([]Side, bool) {
	if e.Declared {
		if len(e.DeclaredSubnets) > 0 {
			var out []Side
			for _, sn := range e.DeclaredSubnets {
				out = append(out, Side{Name: e.Address + " (subnet " + sn.CIDR + ")", VPCID: e.VPCID, CIDRs: []string{sn.CIDR}, Table: "the route table of " + e.Address, AZ: sn.AZ})
			}
			return out, true
		}
		cidrs, ok := p.EndpointCIDRs(e)
		return []Side{{Name: e.Address, VPCID: e.VPCID, CIDRs: cidrs, Table: "the route table of " + e.Address}}, ok
	}
	subs, known := p.EndpointSubnets(e)
	var out []Side
	for _, s := range subs {
		out = append(out, p.SubnetSide(s))
	}
	if len(out) == 0 || !known {
		// No (known) subnet: the endpoint still sits in its VPC, whose
		// ranges stand for its addresses; routes are not known.
		cidrs, _ := p.VPCCIDRs(e.VPCID)
		out = append(out, Side{Name: e.Address, VPCID: e.VPCID, CIDRs: cidrs, Table: "the route tables of the subnets of " + e.Address})
	}
	return out, known
}

// Connect decides whether traffic from a client side can reach every
// endpoint side and come back (E7): the same VPC (local route), or a VPC
// peering connection or transit gateway joining the two VPCs with a route
// in both directions — the client subnet's table must send each endpoint
// range to the pcx/tgw and each endpoint subnet's table must send the client
// range back to it (longest prefix wins, netpath.RouteCovers). Transit
// gateway route tables are assumed to propagate between the attachments
// (the AWS default). The result is True for the first link proven, else
// Unknown when some link may work, else False with every reason.
func (p *Paths) Connect(from Side, to []Side) Link {
	if len(to) == 0 {
		return Link{Result: symbol.Unknown, Kind: LinkNone, Reason: "the endpoint's subnets are not known"}
	}
	vpc := to[0].VPCID
	switch Same(from.VPCID, vpc) {
	case symbol.True:
		return Link{Result: symbol.True, Kind: LinkSameVPC, Reason: fmt.Sprintf("%s is in the endpoint's VPC %s", from.Name, p.vpcName(vpc))}
	case symbol.Unknown:
		if from.VPCID == "" || vpc == "" {
			return Link{Result: symbol.Unknown, Kind: LinkNone, Reason: "the VPC of " + from.Name + " or of the endpoint is not known"}
		}
		return Link{Result: symbol.Unknown, Kind: LinkNone, Reason: fmt.Sprintf("whether %s (VPC of %s) is the endpoint's VPC %s is known only after apply", p.vpcName(from.VPCID), from.Name, p.vpcName(vpc))}
	}
	var links []Link
	for _, pc := range p.v.Peerings {
		m := Same(pc.VPCID, from.VPCID).And(Same(pc.PeerVPCID, vpc)).Or(Same(pc.VPCID, vpc).And(Same(pc.PeerVPCID, from.VPCID)))
		if m == symbol.False {
			continue
		}
		l := p.routesBothWays(from, to, pc.ID, pc.Address, LinkPeering)
		l.Via, l.ViaID = pc.Address, pc.ID
		if m == symbol.Unknown && l.Result == symbol.True {
			l.Result = symbol.Unknown
			l.Reason = fmt.Sprintf("whether %s joins these VPCs is known only after apply; %s", pc.Address, l.Reason)
		}
		links = append(links, l)
	}
	for _, a := range p.v.TGWAttachments {
		if Same(a.VPCID, from.VPCID) != symbol.True {
			continue
		}
		for _, b := range p.v.TGWAttachments {
			if Same(b.VPCID, vpc) != symbol.True {
				continue
			}
			m := Same(a.TGWID, b.TGWID)
			if m == symbol.False {
				continue
			}
			l := p.routesBothWays(from, to, a.TGWID, symbol.Display(a.TGWID), LinkTGW)
			l.Via, l.ViaID = a.Address+", "+b.Address, a.TGWID
			if l.Result != symbol.False {
				az, why := p.attachmentAZs(a, []Side{from})
				az2, why2 := p.attachmentAZs(b, to)
				if t := az.And(az2); t != symbol.True {
					l.Result = l.Result.And(t)
					l.Reason += "; " + strings.Join(append(why, why2...), "; ")
				}
			}
			if m == symbol.Unknown && l.Result == symbol.True {
				l.Result = symbol.Unknown
				l.Reason = fmt.Sprintf("whether %s and %s attach to the same transit gateway is known only after apply; %s", a.Address, b.Address, l.Reason)
			}
			links = append(links, l)
		}
	}
	links = append(links, p.declaredLinks(from, vpc, links)...)
	if len(links) == 0 {
		why := fmt.Sprintf("%s is in %s, and no VPC peering connection or transit gateway in the plan joins it to the endpoint's VPC %s", from.Name, p.vpcName(from.VPCID), p.vpcName(vpc))
		if !p.createdHere(from.VPCID) || !p.createdHere(vpc) {
			// A VPC that exists outside this plan may be joined by a
			// peering connection or attachment managed elsewhere.
			return Link{Result: symbol.Unknown, Kind: LinkNone, Reason: why + "; one of them exists outside this plan, so a connection managed elsewhere may join them"}
		}
		return Link{Result: symbol.False, Kind: LinkNone, Reason: why}
	}
	var unknown *Link
	var reasons []string
	for i := range links {
		switch links[i].Result {
		case symbol.True:
			return links[i]
		case symbol.Unknown:
			if unknown == nil {
				unknown = &links[i]
			}
		}
		reasons = append(reasons, links[i].Reason)
	}
	if unknown != nil {
		return *unknown
	}
	out := links[0]
	out.Reason = strings.Join(reasons, "; ")
	return out
}

// createdHere reports whether this plan creates the VPC (so nothing outside
// the plan can be attached to it yet).
func (p *Paths) createdHere(vpcID string) bool {
	x := p.vpcByID(vpcID)
	return x != nil && x.Creates()
}

// attachmentAZs reports whether a transit gateway attachment has a subnet
// in the Availability Zone of every side: a transit gateway only forwards
// traffic from and to the AZs its attachment has a subnet in (E7).
func (p *Paths) attachmentAZs(a *TGWAttachment, sides []Side) (symbol.Tri, []string) {
	azs := map[string]bool{}
	known := true
	for _, id := range a.SubnetIDs {
		s := p.subnetByID(id)
		if s == nil || s.AZ == "" || symbol.Contains(s.AZ) {
			known = false
			continue
		}
		azs[s.AZ] = true
	}
	if len(a.SubnetIDs) == 0 {
		known = false
	}
	out := symbol.True
	var why []string
	for _, sd := range sides {
		switch {
		case azs[sd.AZ]:
		case sd.AZ == "" || symbol.Contains(sd.AZ) || !known:
			out = out.And(symbol.Unknown)
			why = append(why, fmt.Sprintf("whether %s has a subnet in the Availability Zone of %s is known only after apply (a transit gateway forwards only from and to AZs its attachment has a subnet in)", a.Address, sd.Name))
		default:
			out = symbol.False
			why = append(why, fmt.Sprintf("%s has no subnet in %s, the Availability Zone of %s, and a transit gateway forwards only from and to AZs its attachment has a subnet in", a.Address, sd.AZ, sd.Name))
		}
	}
	return out, why
}

// routesBothWays checks the routes of a path through a pcx or tgw.
func (p *Paths) routesBothWays(from Side, to []Side, target, name string, kind LinkKind) Link {
	l := Link{Result: symbol.True, Kind: kind}
	var why []string
	check := func(s Side, dest, destVPC string) {
		if !s.RoutesKnown {
			l.Result = l.Result.And(symbol.Unknown)
			why = append(why, fmt.Sprintf("the routes of %s are not in the plan", s.Table))
			return
		}
		if dest == "" {
			l.Result = l.Result.And(symbol.Unknown)
			why = append(why, "a destination range is not known")
			return
		}
		r, ok := netpath.RouteCovers(s.Routes, dest)
		switch ok {
		case symbol.Unknown:
			l.Result = l.Result.And(symbol.Unknown)
			why = append(why, fmt.Sprintf("whether %s routes %s through %s is known only after apply", s.Table, symbol.Display(dest), symbol.Display(target)))
			return
		case symbol.False:
			l.Result = symbol.False
			if r.Destination != "" {
				why = append(why, fmt.Sprintf("in %s the more specific route %s → %s takes part of %s", s.Table, symbol.Display(r.Destination), symbol.Display(r.Target), symbol.Display(dest)))
			} else {
				why = append(why, fmt.Sprintf("%s has no route for %s", s.Table, symbol.Display(dest)))
			}
			l.Missing = append(l.Missing, MissingRoute{Table: s.Table, TableRef: s.TableRef, Destination: dest, DestVPC: destVPC, Target: target, TargetKind: kind})
			return
		}
		switch Same(r.Target, target) {
		case symbol.True:
		case symbol.Unknown:
			l.Result = l.Result.And(symbol.Unknown)
			why = append(why, fmt.Sprintf("whether the route %s → %s in %s goes to %s is known only after apply", symbol.Display(r.Destination), symbol.Display(r.Target), s.Table, symbol.Display(target)))
		default:
			l.Result = symbol.False
			why = append(why, fmt.Sprintf("%s sends %s to %s, not to %s", s.Table, symbol.Display(dest), symbol.Display(r.Target), symbol.Display(target)))
			l.Missing = append(l.Missing, MissingRoute{Table: s.Table, TableRef: s.TableRef, Destination: dest, DestVPC: destVPC, Target: target, TargetKind: kind})
		}
	}
	for _, t := range to {
		for _, c := range orEmpty(t.CIDRs) {
			check(from, c, t.VPCID)
		}
		for _, c := range orEmpty(from.CIDRs) {
			check(t, c, from.VPCID)
		}
	}
	if l.Result == symbol.True {
		l.Reason = fmt.Sprintf("%s and the endpoint's VPC are joined by %s %s with routes both ways", from.Name, kind, name)
	} else {
		l.Reason = fmt.Sprintf("%s %s joins the VPCs, but %s", kind, name, strings.Join(dedupeStrings(why), "; "))
	}
	return l
}

func orEmpty(l []string) []string {
	if len(l) == 0 {
		return []string{""}
	}
	return l
}

func dedupeStrings(l []string) []string {
	var out []string
	for _, s := range l {
		out = appendNew(out, s)
	}
	return out
}

// Connection is a VPC joined to another one.
type Connection struct {
	VPCID string
	Kind  LinkKind
	Via   string
}

// ConnectedVPCs lists the VPCs joined to vpcID by peering or a shared
// transit gateway (routes not checked), and whether the list is certain.
func (p *Paths) ConnectedVPCs(vpcID string) ([]Connection, bool) {
	var out []Connection
	known := true
	for _, pc := range p.v.Peerings {
		a, b := Same(pc.VPCID, vpcID), Same(pc.PeerVPCID, vpcID)
		switch {
		case a == symbol.True:
			out = append(out, Connection{VPCID: pc.PeerVPCID, Kind: LinkPeering, Via: pc.Address})
		case b == symbol.True:
			out = append(out, Connection{VPCID: pc.VPCID, Kind: LinkPeering, Via: pc.Address})
		case a == symbol.Unknown || b == symbol.Unknown:
			known = false
		}
	}
	for _, a := range p.v.TGWAttachments {
		if Same(a.VPCID, vpcID) != symbol.True {
			continue
		}
		for _, b := range p.v.TGWAttachments {
			if b == a || Same(b.VPCID, vpcID) == symbol.True {
				continue
			}
			switch Same(a.TGWID, b.TGWID) {
			case symbol.True:
				out = append(out, Connection{VPCID: b.VPCID, Kind: LinkTGW, Via: b.Address})
			case symbol.Unknown:
				known = false
			}
		}
	}
	return out, known
}

func (p *Paths) vpcName(id string) string {
	if x := p.vpcByID(id); x != nil {
		return x.Address
	}
	return symbol.Display(id)
}

// VPCName names a VPC for messages: its address, else its id.
func (p *Paths) VPCName(id string) string { return p.vpcName(id) }

func nameOf(addr, id string) string {
	if addr != "" {
		return addr
	}
	return symbol.Display(id)
}

// tfRef renders an id as a Terraform expression: a reference for a token,
// a quoted string for a literal.
func tfRef(s string) string {
	if r, ok := symbol.Only(s); ok {
		return r.String()
	}
	return fmt.Sprintf("%q", symbol.Display(s))
}

// TFRef renders a possibly symbolic value as a Terraform expression:
// aws_security_group.x.id for a token, "sg-123" for a literal.
func TFRef(s string) string { return tfRef(s) }

// tgwFact is what a transit gateway (or one of its VPC attachments, att)
// says of security group referencing: set is True or False when it
// decides, Unknown when it says nothing.
type tgwFact struct {
	id  string
	att bool
	set symbol.Tri
}

// indexTGWs reads security_group_referencing_support of the transit
// gateways and their VPC attachments.
func indexTGWs(m *model.Model) []tgwFact {
	if m == nil {
		return nil
	}
	var out []tgwFact
	for _, inst := range m.OfType("aws_ec2_transit_gateway") {
		if inst.Deleted() {
			continue
		}
		id, _ := Str(m.Attr(inst, "id"))
		if id == "" {
			id = symbol.Ref{Address: inst.Address, Attr: "id", Fresh: inst.Creates()}.Token()
		}
		f := tgwFact{id: id, set: symbol.Unknown}
		switch s, ok := Str(m.Attr(inst, "security_group_referencing_support")); {
		case ok && strings.EqualFold(s, "enable"):
			f.set = symbol.True
		case ok && strings.EqualFold(s, "disable"), !m.Configured(inst, "security_group_referencing_support"):
			f.set = symbol.False
		}
		out = append(out, f)
	}
	for _, inst := range m.OfType("aws_ec2_transit_gateway_vpc_attachment") {
		id, _ := Str(m.Attr(inst, "transit_gateway_id"))
		f := tgwFact{id: id, att: true, set: symbol.Unknown}
		if s, ok := Str(m.Attr(inst, "security_group_referencing_support")); ok && strings.EqualFold(s, "disable") {
			f.set = symbol.False
		}
		out = append(out, f)
	}
	return out
}

// TGWGroupReferencing reports whether security group references work
// across the transit gateway tgwID (E5): the gateway's
// security_group_referencing_support must be "enable" (its default is
// "disable") and no attachment of it may disable it. Unknown when the
// gateway is not in the plan.
func (p *Paths) TGWGroupReferencing(tgwID string) symbol.Tri {
	out := symbol.Unknown
	for _, f := range p.tgws {
		if f.set != symbol.Unknown && Same(f.id, tgwID) == symbol.True {
			out = f.set
		}
	}
	return out
}
