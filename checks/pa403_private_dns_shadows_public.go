package checks

import (
	"fmt"
	"strings"

	"github.com/privapi/privapi/internal/reach"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

func init() {
	Register(&Check{
		ID:       "PA403",
		Name:     "private-dns-shadows-public",
		Severity: finding.Info,
		Title:    "Private DNS on the execute-api endpoint makes public execute-api hostnames resolve to it from the VPC",
		Doc: `**What AWS does.** Private DNS on an execute-api interface endpoint puts a private
hosted zone for ` + "`*.execute-api.REGION.amazonaws.com`" + ` on the whole VPC. From that VPC the
default hostnames of *public* (REGIONAL and edge-optimized) APIs — their stages'
` + "`invoke_url`" + ` — also resolve to the endpoint, which answers them with 403 (aws-facts D2).

**Why it matters.** Workloads in the VPC that call public APIs (of this account or
anyone's) by their default hostname break when private DNS is turned on. The check
names the public APIs of the plan that clients in the VPC call.

**How to fix.** Call public APIs through a custom domain name
(` + "`aws_api_gateway_domain_name`" + ` + ` + "`aws_api_gateway_base_path_mapping`" + `), or turn private
DNS off (` + "`private_dns_enabled = false`" + `) and call the private API by its
` + "`{api-id}-{vpce-id}`" + ` alias (list the endpoint in ` + "`vpc_endpoint_ids`" + `) or with a Host header.

Reported (info) for every execute-api endpoint with private DNS on; unverified when
private DNS is unknown until apply. Each finding lists the invoke URLs that will work.
Sources: aws-facts D2, D1, D3.`,
		Run: runPA403,
	})
}

func runPA403(v *topology.View, r *Reporter) {
	n := reach.NewNet(v)
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
		var calls []string
		for _, pc := range public {
			a, c := pc.a, pc.c
			if dnsSameVPC(n, e, c) != symbol.True {
				continue
			}
			if f := n.P.InvokeFormsOf(c, a); f.PrivateDNS == symbol.True {
				calls = append(calls, fmt.Sprintf("%s calls %s API %s by its default hostname (%s)", c.Address, strings.Join(a.Types, "/"), a.Address, f.Evidence))
			}
		}
		fix := fmt.Sprintf("call public APIs from %s through a custom domain name (aws_api_gateway_domain_name + aws_api_gateway_base_path_mapping), or set private_dns_enabled = false on %s and call private APIs by their {api-id}-{vpce-id} alias", n.P.VPCName(e.VPCID), e.Address)
		msg := fmt.Sprintf("private DNS on %s makes every *.execute-api.%s.%s name resolve to the endpoint inside %s, so default hostnames of public (REGIONAL/EDGE) APIs called from that VPC get 403", e.Address, region, dnsSuffix(region), n.P.VPCName(e.VPCID))
		if len(calls) > 0 {
			msg += ": " + strings.Join(calls, "; ") + " — those calls will get 403; a custom domain name of the public API works"
		}
		msg += ". " + dnsEndpointURLText(n, e)
		if e.PrivateDNS == symbol.Unknown {
			r.Unverified(s, fix, "private_dns_enabled of %s is known only after apply; if it is on, %s", e.Address, msg)
			continue
		}
		netEndpointFail(r, s, e, r.check.Severity, fix, "%s", msg)
	}
}
