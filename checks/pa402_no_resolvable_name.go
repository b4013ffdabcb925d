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
		ID:       "PA402",
		Name:     "no-resolvable-name",
		Severity: finding.Warning,
		Title:    "No DNS name resolves to the endpoint for this API: only calls with a Host or x-apigw-api-id header can work",
		Doc: `**What AWS does.** A private API is reached through an endpoint by one of these
names (aws-facts D1–D4, D7, A3):
- the private DNS name ` + "`https://{api-id}.execute-api.REGION.amazonaws.com/{stage}`" + ` — only
  with ` + "`private_dns_enabled = true`" + ` on the endpoint (Terraform's default is **false**,
  and the plan shows the unset value as unknown: the default applies, C4);
- the alias ` + "`https://{api-id}-{vpce-id}.execute-api.REGION.amazonaws.com/{stage}`" + ` — only
  when the endpoint is in the API's ` + "`endpoint_configuration.vpc_endpoint_ids`" + `;
- a private custom domain associated with the endpoint;
- the endpoint's own hostname (` + "`aws_vpc_endpoint.x.dns_entry[0].dns_name`" + `) with a
  ` + "`Host: {api-id}.execute-api.REGION.amazonaws.com`" + ` or ` + "`x-apigw-api-id: {api-id}`" + ` header.

**Why it matters.** With private DNS off and no association, neither of the first two
names exists: a client calling a stage's ` + "`invoke_url`" + ` reaches public addresses and gets
no response from the private API (no execution logs, D5). Only the header form works.

**How to fix.** Associate the endpoint with the API, or turn on private DNS:

` + "```hcl" + `
resource "aws_api_gateway_rest_api" "api" {
  endpoint_configuration {
    types            = ["PRIVATE"]
    vpc_endpoint_ids = [aws_vpc_endpoint.execute_api.id]
  }
}
` + "```" + `

Judged per (API, endpoint that must reach it); unverified when private DNS or
` + "`vpc_endpoint_ids`" + ` is unknown until apply. Each finding lists the invoke URLs that will
work. Sources: aws-facts A3, C4, D1–D5, D7.`,
		Run: runPA402,
	})
}

func runPA402(v *topology.View, r *Reporter) {
	n := reach.NewNet(v)
	for _, a := range reach.PrivateAPIs(n.V) {
		for _, ref := range n.EndpointsFor(a) {
			e := ref.Endpoint
			p := reach.Pair{API: a, Endpoint: e, Source: ref.Source, Match: ref.Match}
			s := pairSubject(p, a.Address)
			assoc := n.P.Associated(a, e)
			domain := symbol.False
			for _, d := range n.V.PrivateDomainsOf(a) {
				for _, id := range d.Associated {
					domain = domain.Or(topology.Same(id, e.ID))
				}
			}
			t := e.PrivateDNS.Or(assoc).Or(domain)
			fix := fmt.Sprintf("add %s.id to endpoint_configuration.vpc_endpoint_ids of %s (creates the {api-id}-{vpce-id} alias), or set private_dns_enabled = true on %s", e.Address, a.Address, e.Address)
			var texts []string
			clients := n.ClientsUsing(a, e)
			var usesDNS []string
			for _, c := range clients {
				texts = append(texts, dnsURLText(dnsURLs(n, a, e, c), dnsWho(n, a, e, c)))
				if f := n.P.InvokeFormsOf(c, a); f.PrivateDNS == symbol.True {
					usesDNS = append(usesDNS, fmt.Sprintf("%s (%s)", c.Address, f.Evidence))
				}
			}
			if len(clients) == 0 {
				texts = append(texts, dnsURLText(dnsURLs(n, a, e, nil), dnsWho(n, a, e, nil)))
			}
			switch t {
			case symbol.True:
				r.Pass(s)
			case symbol.False:
				msg := fmt.Sprintf("private DNS is off on %s and %s does not list it in vpc_endpoint_ids, so neither the private DNS name nor the {api-id}-{vpce-id} alias resolves to the endpoint; only calls to the endpoint hostname with a Host or x-apigw-api-id header can work", e.Address, a.Address)
				if len(usesDNS) > 0 {
					msg += fmt.Sprintf("; clients that call the private DNS name will get no answer from the API: %s", strings.Join(usesDNS, ", "))
				}
				netReport(r, s, symbol.False, fix, msg+". "+strings.Join(texts, " "))
			default:
				var why []string
				if e.PrivateDNS == symbol.Unknown {
					why = append(why, fmt.Sprintf("private_dns_enabled of %s is known only after apply", e.Address))
				}
				if assoc == symbol.Unknown {
					why = append(why, fmt.Sprintf("whether vpc_endpoint_ids of %s lists %s is known only after apply", a.Address, e.Address))
				}
				if domain == symbol.Unknown {
					why = append(why, "the access associations of its custom domains are known only after apply")
				}
				r.Unverified(s, fix, "whether a DNS name resolves to %s for %s is not known: %s%s. %s", e.Address, a.Address, strings.Join(why, "; "), netPrivateNote(a), strings.Join(texts, " "))
			}
		}
	}
}
