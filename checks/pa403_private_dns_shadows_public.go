package checks

import (
	"fmt"
	"strings"

	"github.com/privapi/privapi/internal/reach"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

var pa403 = &Check{
	ID:       "PA403",
	Name:     "private-dns-shadows-public",
	Severity: finding.Info,
	Title:    "Private DNS on the execute-api endpoint makes public execute-api hostnames resolve to it from the VPC",
	Run:      runPA403,
}

func runPA403(v *topology.View, r *Reporter) {
	n := r.Net(v)
	// The public APIs of the plan and their clients, once: which of them an
	// endpoint's private DNS shadows depends only on the client's VPC.
	type publicCall struct {
		a *topology.API
		c *topology.Client
	}
	var public []publicCall
	for _, a := range n.V.APIs {
		if a.Private == symbol.True {
			continue
		}
		for _, c := range n.ClientsOf(a) {
			public = append(public, publicCall{a, c})
		}
	}
	for _, e := range reach.ManagedEndpoints(n.V) {
		s := endpointSubject(n, e, e.Address)
		if e.PrivateDNS == symbol.False {
			r.Pass(s)
			continue
		}
		region := reach.EndpointRegion(e)
		if region == "" {
			region = "${region}"
		}
		// Public APIs of the plan called from the endpoint's VPC.
		// The first maxURLTextParts calls are spelled out, the rest counted.
		var calls []string
		more := 0
		for _, pc := range public {
			a, c := pc.a, pc.c
			if n.InEndpointVPC(e, c) != symbol.True {
				continue
			}
			if f := n.P.InvokeFormsOf(c, a); f.PrivateDNS == symbol.True {
				if len(calls) == maxURLTextParts {
					more++
					continue
				}
				calls = append(calls, fmt.Sprintf("%s calls %s API %s by its default hostname (%s)", c.Address, strings.Join(a.Types, "/"), a.Address, f.Evidence))
			}
		}
		fix := fmt.Sprintf("call public APIs from %s through a custom domain name (aws_api_gateway_domain_name + aws_api_gateway_base_path_mapping), or set private_dns_enabled = false on %s and call private APIs by their {api-id}-{vpce-id} alias", n.P.VPCName(e.VPCID), e.Address)
		msg := fmt.Sprintf("private DNS on %s makes every *.execute-api.%s.%s name resolve to the endpoint inside %s, so default hostnames of public (REGIONAL/EDGE) APIs called from that VPC get 403", e.Address, region, reach.DNSSuffix(region), n.P.VPCName(e.VPCID))
		if len(calls) > 0 {
			msg += ": " + strings.Join(calls, "; ")
			if more > 0 {
				msg += fmt.Sprintf(" (and %d more such calls)", more)
			}
			msg += " — those calls will get 403; a custom domain name of the public API works"
		}
		msg += ". " + dnsEndpointURLText(n, e)
		if e.PrivateDNS == symbol.Unknown {
			r.Unverified(s, fix, "private_dns_enabled of %s is known only after apply; if it is on, %s", e.Address, msg)
			continue
		}
		netEndpointFail(r, s, e, r.check.Severity, fix, "%s", msg)
	}
}
