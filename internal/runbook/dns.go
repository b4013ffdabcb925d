package runbook

import (
	"github.com/privapi/privapi/internal/reach"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

// The verdicts of step 2 are what privapi check says of the names: PA401
// (private DNS needs the VPC's DNS support and hostnames) on the endpoint,
// PA402 (some name resolves to the endpoint for the API) on the API, and
// PA405 (a client outside the endpoint's VPC calls the private DNS name)
// on the client, from the rules the checks use (reach.VPCDNS,
// View.ResolvableName, reach.Net.RemoteDNS).

// dnsVerdicts lists PA401's verdict on the section's endpoint, PA402's on
// the API through it and PA405's on its client, where privapi check judges
// them.
func (x *pairing) dnsVerdicts() []Item {
	var items []Item
	e, api := x.e, x.api
	if e.Declared || reach.ExecuteAPI(e) != symbol.False {
		items = append(items, x.vpcDNSVerdict())
	}
	for _, ref := range x.n.EndpointsFor(api) {
		if ref.Endpoint != e {
			continue
		}
		t := x.v.ResolvableName(api, e)
		var why string
		switch t {
		case symbol.True:
			why = "a name resolves to `" + e.Address + "` for this API (the private DNS name, the {api-id}-{vpce-id} alias or an associated private custom domain)"
		case symbol.False:
			why = "private DNS is off on `" + e.Address + "` and the API does not list it in vpc_endpoint_ids, so no name resolves to the endpoint for this API: only the endpoint's DNS name with a Host or x-apigw-api-id header works"
		default:
			why = "whether a name resolves to `" + e.Address + "` for this API (private DNS, vpc_endpoint_ids, the access associations of its custom domains) is known only after apply"
		}
		items = append(items, checkVerdict("PA402", api.Address, t, why, api))
		break
	}
	if x.c != nil {
		if vd, ok := x.n.RemoteDNS(api, x.c); ok {
			items = append(items, x.remoteDNSVerdict(vd))
		}
	}
	return items
}

// remoteDNSVerdict is PA405's verdict on the section's client
// (reach.Net.RemoteDNS, the rule privapi check reports by): whether it
// calls the private DNS name from outside the endpoint's VPC.
func (x *pairing) remoteDNSVerdict(vd reach.RemoteDNSVerdict) Item {
	c, api := x.c, x.api
	var e *topology.Endpoint
	if vd.Path.Endpoint != nil {
		e = vd.Path.Endpoint
	}
	var text string
	switch vd.Rule {
	case reach.RemoteLocal:
		text = "the client is in the VPC of an endpoint it uses, where the private DNS name resolves to the endpoint"
	case reach.RemoteOtherName:
		text = "the client's configuration calls the API by another name than the private DNS name"
	case reach.RemoteZoneServes:
		text = "a private hosted zone or Resolver rule associated with the client's VPC answers for the private DNS name"
	case reach.RemoteVPCUnknown:
		text = "whether the client is in the VPC of `" + e.Address + "`, the only place the endpoint's private DNS name resolves to it, is known only after apply"
	case reach.RemoteNameUnknown:
		text = "the client is outside the VPC of `" + e.Address + "`, and whether it calls the private DNS name, which resolves to the endpoint only inside that VPC, is not known from its configuration"
	case reach.RemoteZoneUnknown:
		text = "the client calls the private DNS name from outside the VPC of `" + e.Address + "`, where it resolves to public addresses unless a private hosted zone associated with the client's VPC covers it (known only after apply)"
	default:
		text = "the client calls the private DNS name (" + x.s(vd.Forms.Evidence) + ") from outside the VPC of `" + e.Address + "`: the endpoint's private hosted zone answers only inside that VPC, so the name resolves to public addresses; call the {api-id}-{vpce-id} alias or the endpoint hostname with a Host header instead"
	}
	if vd.Result != symbol.True {
		text += reach.PrivateNote(api)
	}
	return checkVerdict("PA405", c.Address, vd.Result, text, nil)
}

// vpcDNSVerdict is PA401's verdict on the section's endpoint
// (reach.VPCDNS, the rule privapi check reports by).
func (x *pairing) vpcDNSVerdict() Item {
	e := x.e
	vd := reach.VPCDNS(x.v, e)
	why := vd.Attrs
	var text string
	switch vd.Rule {
	case reach.DNSPrivateOff:
		text = "private DNS is off on the endpoint, so the VPC's DNS attributes do not matter to it"
	case reach.DNSAttrsOn:
		text = "the endpoint's VPC has enable_dns_support and enable_dns_hostnames on, which private DNS needs"
	case reach.DNSPrivateUnknown:
		text = "private_dns_enabled is known only after apply, and " + why + "; if private DNS is on, the private DNS name cannot work"
	case reach.DNSAttrsOff:
		text = "private DNS is on, but " + why + ": AWS requires both enable_dns_support and enable_dns_hostnames for private DNS, so the private DNS name does not resolve to the endpoint"
		if vd.Demoted {
			text = "if `" + e.Address + "` is an execute-api endpoint (its service name is known only after apply): private DNS is on, but " + why + ", and AWS requires both enable_dns_support and enable_dns_hostnames for private DNS"
		}
	default:
		text = "private DNS is on, and " + why + "; AWS requires both enable_dns_support and enable_dns_hostnames to be true"
	}
	return checkVerdict("PA401", e.Address, vd.Result, text, nil)
}
