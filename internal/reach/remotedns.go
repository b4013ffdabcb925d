package reach

import (
	"strings"

	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

// DNSSuffix is the DNS suffix of a region's partition: amazonaws.com.cn
// in the China regions, else amazonaws.com.
func DNSSuffix(region string) string {
	if strings.HasPrefix(region, "cn-") {
		return "amazonaws.com.cn"
	}
	return "amazonaws.com"
}

// PrivateDNSHost is the private DNS name of API a,
// {api-id}.execute-api.{region}.{suffix}, with the id as it is (a token
// when known only after apply) and ${region} for a region not known: the
// name a private hosted zone is matched against.
func PrivateDNSHost(a *topology.API) string {
	region := APIRegion(a)
	r := region
	if r == "" {
		r = "${region}"
	}
	return a.ID + ".execute-api." + r + "." + DNSSuffix(region)
}

// InEndpointVPC reports whether client c is in the VPC of endpoint e,
// where the endpoint's private DNS zone answers (a nil client stands for
// any client in it).
func (n *Net) InEndpointVPC(e *topology.Endpoint, c *topology.Client) symbol.Tri {
	if c == nil {
		return symbol.True
	}
	if c.NoVPC {
		return symbol.False
	}
	vpcs, known := n.P.ClientVPCIDs(c)
	if len(vpcs) == 0 {
		return symbol.Unknown
	}
	out := symbol.True
	for _, id := range vpcs {
		out = out.And(topology.Same(id, e.VPCID))
	}
	if !known && out == symbol.True {
		out = symbol.Unknown
	}
	return out
}

// ZoneServes reports whether a Route 53 private hosted zone or Resolver
// rule associated with a VPC of client c answers for the private DNS name
// of API a (False for a nil client).
func (n *Net) ZoneServes(a *topology.API, c *topology.Client) symbol.Tri {
	zone := symbol.False
	if c == nil {
		return zone
	}
	vpcs, _ := n.P.ClientVPCIDs(c)
	for _, id := range vpcs {
		zone = zone.Or(n.P.ZoneCovers(id, PrivateDNSHost(a)))
	}
	return zone
}

// RemoteDNSRule names the rule that decided a RemoteDNSVerdict.
type RemoteDNSRule int

const (
	// RemoteLocal: a path the client uses is inside the endpoint's VPC
	// (True).
	RemoteLocal RemoteDNSRule = iota
	// RemoteOtherName: the client's configuration calls the API by another
	// name than the private DNS name (True).
	RemoteOtherName
	// RemoteZoneServes: a private hosted zone or Resolver rule associated
	// with the client's VPC answers for the private DNS name (True).
	RemoteZoneServes
	// RemoteVPCUnknown: whether the client is in the endpoint's VPC is
	// known only after apply (Unknown).
	RemoteVPCUnknown
	// RemoteNameUnknown: the client is outside the endpoint's VPC, and
	// whether it calls the private DNS name is not known from its
	// configuration (Unknown).
	RemoteNameUnknown
	// RemoteZoneUnknown: the client calls the private DNS name from outside
	// the endpoint's VPC, and whether a zone of its VPC answers for it is
	// known only after apply (Unknown).
	RemoteZoneUnknown
	// RemotePrivateName: the client calls the private DNS name from outside
	// the endpoint's VPC and no zone of its VPC answers for it (False;
	// Unknown when the API may not be PRIVATE, see Demoted).
	RemotePrivateName
)

// RemoteDNSVerdict is the verdict of privapi check PA405 on a client of an
// API, which the runbook repeats: the private DNS zone of an execute-api
// endpoint answers only inside the endpoint's VPC, so a client in a peered
// or transit-gateway VPC that calls the private DNS name reaches public
// addresses, unless a private hosted zone or Resolver rule of its own VPC
// answers for the name
// (https://docs.aws.amazon.com/whitepapers/latest/building-scalable-secure-multi-vpc-network-infrastructure/centralized-access-to-vpc-private-endpoints.html).
type RemoteDNSVerdict struct {
	// Result is the verdict as reported (Settle applied for the API).
	Result symbol.Tri
	Rule   RemoteDNSRule
	// Paths are the paths the client uses (UsablePaths); Path is the one
	// that decided (a remote one, or one whose VPC is not known), unset
	// for RemoteLocal and RemoteOtherName.
	Paths []ClientPath
	Path  ClientPath
	// Forms are the invoke-URL forms the client's configuration uses.
	Forms topology.InvokeForms
	// Demoted: a fail made unverified because the API may not be PRIVATE.
	Demoted bool
}

// RemoteDNS judges whether client c of API a calls the private DNS name
// from outside the endpoint's VPC (PA405); ok is false when the client has
// no path to use (PA110 judges it). A value known only after apply never
// passes.
func (n *Net) RemoteDNS(a *topology.API, c *topology.Client) (vd RemoteDNSVerdict, ok bool) {
	vd.Paths = n.UsablePaths(a, c)
	if len(vd.Paths) == 0 {
		return vd, false
	}
	var remote, unsure []ClientPath
	for _, p := range vd.Paths {
		switch {
		case p.Link.Kind == topology.LinkSameVPC && p.Link.Result == symbol.True:
			vd.Result, vd.Rule = symbol.True, RemoteLocal
			return vd, true
		case p.Link.Kind == topology.LinkPeering || p.Link.Kind == topology.LinkTGW:
			remote = append(remote, p)
		case n.InEndpointVPC(p.Endpoint, c) == symbol.False:
			remote = append(remote, p) // joined, if at all, by a connection outside the plan
		default:
			unsure = append(unsure, p)
		}
	}
	vd.Forms = n.P.InvokeFormsOf(c, a)
	switch {
	case vd.Forms.PrivateDNS == symbol.False:
		vd.Result, vd.Rule = symbol.True, RemoteOtherName
		return vd, true
	case len(remote) == 0:
		// the client's VPC is not known: it may be the endpoint's own VPC
		vd.Result, vd.Rule, vd.Path = symbol.Unknown, RemoteVPCUnknown, unsure[0]
		return vd, true
	}
	vd.Path = remote[0]
	zone := n.ZoneServes(a, c)
	switch {
	case zone == symbol.True:
		vd.Result, vd.Rule = symbol.True, RemoteZoneServes
	case vd.Forms.PrivateDNS == symbol.Unknown:
		vd.Result, vd.Rule = symbol.Unknown, RemoteNameUnknown
	case zone == symbol.Unknown:
		vd.Result, vd.Rule = symbol.Unknown, RemoteZoneUnknown
	default:
		vd.Rule = RemotePrivateName
		vd.Result, vd.Demoted = Settle(symbol.False, a)
	}
	return vd, true
}
