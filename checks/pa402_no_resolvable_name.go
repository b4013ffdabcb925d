package checks

import (
	"fmt"
	"strings"

	"github.com/privapi/privapi/internal/reach"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

var pa402 = &Check{
	ID:       "PA402",
	Name:     "no-resolvable-name",
	Severity: finding.Warning,
	Title:    "No DNS name resolves to the endpoint for this API: only calls with a Host or x-apigw-api-id header can work",
	Run:      runPA402,
}

func runPA402(v *topology.View, r *Reporter) {
	n := r.Net(v)
	for _, a := range r.privateAPIs(n.V) {
		for _, ref := range n.EndpointsFor(a) {
			e := ref.Endpoint
			p := reach.Pair{API: a, Endpoint: e, Source: ref.Source, Match: ref.Match}
			s := pairSubject(p, a.Address)
			names := n.V.NamesFor(a, e)
			t := names.Any()
			if t == symbol.True {
				r.Pass(s)
				continue
			}
			fix := "add " + e.Address + ".id to endpoint_configuration.vpc_endpoint_ids of " + a.Address +
				" (creates the {api-id}-{vpce-id} alias), or set private_dns_enabled = true on " + e.Address
			// the invoke URLs, built only for a result that shows them
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
				if names.Alias == symbol.Unknown {
					why = append(why, fmt.Sprintf("whether vpc_endpoint_ids of %s lists %s is known only after apply", a.Address, e.Address))
				}
				if names.Domain == symbol.Unknown {
					why = append(why, "the access associations of its custom domains are known only after apply")
				}
				r.Unverified(s, fix, "whether a DNS name resolves to %s for %s is not known: %s%s. %s", e.Address, a.Address, strings.Join(why, "; "), netPrivateNote(a), strings.Join(texts, " "))
			}
		}
	}
}
