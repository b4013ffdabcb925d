package checks

import (
	"fmt"
	"strings"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

var pa404 = &Check{
	ID:       "PA404",
	Name:     "execute-api-endpoint-disabled",
	Severity: finding.Error,
	Title:    "The private API disables its execute-api endpoint but no private custom domain is mapped to it",
	Run:      runPA404,
}

func runPA404(v *topology.View, r *Reporter) {
	n := r.Net(v)
	for _, a := range r.privateAPIs(n.V) {
		s := Subject{API: a, Address: a.Address}.lazyDescribe("API ", a.Address)
		// a private domain with no access association reaches no endpoint
		var domains, unassociated []*topology.Domain
		for _, d := range n.V.PrivateDomainsOf(a) {
			if len(d.Associated) == 0 {
				unassociated = append(unassociated, d)
				continue
			}
			domains = append(domains, d)
		}
		for _, d := range domains {
			s.Related = append(s.Related, d.Address)
		}
		if a.DisableExecuteAPI == symbol.False || len(domains) > 0 {
			r.Pass(s) // the execute-api endpoint is on, or a private domain is mapped
			continue
		}
		maybe := []*topology.Domain{}
		for _, d := range n.V.Domains {
			if d.Private != symbol.Unknown {
				continue
			}
			for _, id := range d.APIIDs {
				if topology.Same(id, a.ID) != symbol.False {
					maybe = append(maybe, d)
					break
				}
			}
		}
		fix := fmt.Sprintf("set disable_execute_api_endpoint = false on %s, or map a private custom domain to it (aws_api_gateway_domain_name with endpoint_configuration { types = [\"PRIVATE\"] } and a policy, aws_api_gateway_domain_name_access_association for the endpoint, aws_api_gateway_base_path_mapping with domain_name_id)", a.Address)
		// no domain is mapped (those pass above): no invoke URL works
		works := "Invoke URLs for the clients of " + a.Address + " — no invoke URL will work. " +
			fmt.Sprintf("Will not work: private DNS name %s, the {api-id}-{vpce-id} alias and the endpoint hostname with a Host header (all execute-api forms return 403).", dnsPrivateURL(a))
		if a.DisableExecuteAPI == symbol.Unknown {
			r.Unverified(s, fix, "disable_execute_api_endpoint of %s is known only after apply and no private custom domain is mapped to it; if it is true, every call gets 403. %s", a.Address, works)
			continue
		}
		switch {
		case len(maybe) > 0:
			var m []string
			for _, d := range maybe {
				m = append(m, d.Address)
			}
			r.Unverified(s, fix, "%s sets disable_execute_api_endpoint = true; whether the custom domain(s) mapped to it (%s) are PRIVATE is known only after apply. %s", a.Address, strings.Join(m, ", "), works)
		case len(unassociated) > 0:
			var m []string
			for _, d := range unassociated {
				m = append(m, d.Address)
				s.Related = append(s.Related, d.Address)
			}
			netReport(r, s, symbol.False, fmt.Sprintf("add an aws_api_gateway_domain_name_access_association for the VPC endpoint to %s", strings.Join(m, ", ")),
				fmt.Sprintf("%s sets disable_execute_api_endpoint = true and the private custom domain mapped to it (%s) has no access association with any VPC endpoint: every execute-api form gets 403 and no endpoint can call the domain, so no client can call the API. %s", a.Address, strings.Join(m, ", "), works))
		default:
			netReport(r, s, symbol.False, fix, fmt.Sprintf("%s sets disable_execute_api_endpoint = true and no private custom domain is mapped to it: every execute-api form gets 403, so no client can call it (takes effect at the next stage deployment). %s", a.Address, works))
		}
	}
}
