package checks

import (
	"fmt"

	"github.com/privapi/privapi/internal/reach"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

var pa405 = &Check{
	ID:       "PA405",
	Name:     "private-dns-remote-client",
	Severity: finding.Warning,
	Title:    "A client in a peered or transit-gateway VPC relies on the private DNS name, which resolves only inside the endpoint's VPC",
	Run:      runPA405,
}

func runPA405(v *topology.View, r *Reporter) {
	n := r.Net(v)
	for _, a := range r.privateAPIs(n.V) {
		for _, c := range n.ClientsOf(a) {
			vd, ok := n.RemoteDNS(a, c)
			if !ok {
				continue // no path: PA110
			}
			s := Subject{API: a, Address: c.Address, relAPI: true}.lazyDescribe("API ", a.Address, " from client ", c.Address)
			for _, p := range vd.Paths {
				s.Related = append(s.Related, p.Endpoint.Address)
			}
			if vd.Result == symbol.True {
				r.Pass(s)
				continue
			}
			forms := vd.Forms
			e := vd.Path.Endpoint
			if vd.Rule == reach.RemoteVPCUnknown {
				// the client's VPC is not known: it may be the endpoint's own VPC
				fix := fmt.Sprintf("if %s is outside %s, call the {api-id}-{vpce-id} alias %s or the endpoint hostname with a Host header", c.Address, n.P.VPCName(e.VPCID), dnsAliasURL(a, e))
				if forms.PrivateDNS == symbol.True {
					r.Unverified(s, fix, "%s uses the private DNS name of %s, and whether it is in the VPC of %s (where that name resolves to the endpoint) is known only after apply: %s%s", c.Address, a.Address, e.Address, vd.Path.Link.Reason, netPrivateNote(a))
				} else {
					r.Unverified(s, fix, "whether %s calls %s by its private DNS name from outside the VPC of %s is not known: its VPC is known only after apply and its invoke URL is not found in its configuration%s", c.Address, a.Address, e.Address, netPrivateNote(a))
				}
				continue
			}
			p := vd.Path
			vpcs, _ := n.P.ClientVPCIDs(c)
			cvpc := "its VPC"
			if len(vpcs) > 0 {
				cvpc = n.P.VPCName(vpcs[0])
			}
			urls := dnsURLText(dnsURLs(n, a, e, c), dnsWho(n, a, e, c))
			fix := fmt.Sprintf("call the {api-id}-{vpce-id} alias %s from %s", dnsAliasURL(a, e), c.Address)
			if n.P.Associated(a, e) != symbol.True {
				fix += fmt.Sprintf(" (add %s.id to vpc_endpoint_ids of %s)", e.Address, a.Address)
			}
			fix += fmt.Sprintf(", or the endpoint hostname with a Host header; or associate a Route 53 private hosted zone for %s with %s (aws_route53_zone_association)", dnsAPIHost(a), cvpc)
			over := string(p.Link.Kind)
			if p.Link.Kind == topology.LinkNone {
				over = "a connection outside the plan"
			}
			if vd.Rule == reach.RemoteNameUnknown {
				r.Unverified(s, fix, "%s calls %s from %s, outside %s (over %s); whether it uses the private DNS name %s, which resolves to the endpoint only inside %s, is not known from its configuration%s. %s", c.Address, a.Address, cvpc, n.P.VPCName(e.VPCID), over, dnsPrivateURL(a), n.P.VPCName(e.VPCID), netPrivateNote(a), urls)
				continue
			}
			via := over
			if p.Link.Via != "" {
				via += " (" + p.Link.Via + ")"
			}
			msg := fmt.Sprintf("%s in %s calls %s by its private DNS name %s (%s), but the endpoint's private hosted zone answers only inside %s; over %s that name resolves to public addresses, never to %s",
				c.Address, cvpc, a.Address, dnsPrivateURL(a), forms.Evidence, n.P.VPCName(e.VPCID), via, e.Address)
			switch {
			case vd.Rule == reach.RemoteZoneUnknown:
				r.Unverified(s, fix, "%s, unless a private hosted zone associated with %s covers it (known only after apply)%s. %s", msg, cvpc, netPrivateNote(a), urls)
			case vd.Result == symbol.False:
				r.Fail(s, fix, "%s", msg+". "+urls)
			default: // a fail of an API that may not be PRIVATE (reach.Settle)
				r.Unverified(s, fix, "%s%s", msg+". "+urls, netPrivateNote(a))
			}
		}
	}
}
