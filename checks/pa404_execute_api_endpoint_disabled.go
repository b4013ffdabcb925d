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
		ID:       "PA404",
		Name:     "execute-api-endpoint-disabled",
		Severity: finding.Error,
		Title:    "The private API disables its execute-api endpoint but no private custom domain is mapped to it",
		Doc: `**What AWS does.** With ` + "`disable_execute_api_endpoint = true`" + ` calls to the default
execute-api endpoint get 403 — for a private API that is every execute-api form: the
private DNS name, the ` + "`{api-id}-{vpce-id}`" + ` alias and the endpoint hostname with a Host
header. Clients must use a custom domain name; for a private API that is a **private**
custom domain (` + "`aws_api_gateway_domain_name`" + ` with ` + "`endpoint_configuration { types = [\"PRIVATE\"] }`" + `,
a ` + "`policy`" + `, an ` + "`aws_api_gateway_domain_name_access_association`" + ` for the endpoint and an
` + "`aws_api_gateway_base_path_mapping`" + ` to the API). The setting takes effect at the next
stage deployment (aws-facts A13, A7, D7).

**Why it breaks.** Without such a domain no invoke URL reaches the API: every call
gets 403.

**How to fix.** Either set ` + "`disable_execute_api_endpoint = false`" + `, or map a private
custom domain:

` + "```hcl" + `
resource "aws_api_gateway_domain_name" "api" {
  domain_name     = "api.internal.example.com"
  certificate_arn = var.certificate_arn
  endpoint_configuration { types = ["PRIVATE"] }
  policy = data.aws_iam_policy_document.domain.json
}
resource "aws_api_gateway_domain_name_access_association" "api" {
  access_association_source      = aws_vpc_endpoint.execute_api.id
  access_association_source_type = "VPCE"
  domain_name_arn                = aws_api_gateway_domain_name.api.arn
}
resource "aws_api_gateway_base_path_mapping" "api" {
  api_id         = aws_api_gateway_rest_api.api.id
  stage_name     = aws_api_gateway_stage.prod.stage_name
  domain_name    = aws_api_gateway_domain_name.api.domain_name
  domain_name_id = aws_api_gateway_domain_name.api.domain_name_id
}
` + "```" + `

Unverified when the setting or the domain's type is unknown until apply. Each finding
lists the invoke URLs that will work. Sources: aws-facts A13, A7, D7.`,
		Run: runPA404,
	})
}

func runPA404(v *topology.View, r *Reporter) {
	n := reach.NewNet(v)
	for _, a := range reach.PrivateAPIs(n.V) {
		s := Subject{API: a, Address: a.Address, Describe: "API " + a.Address}
		domains := n.V.PrivateDomainsOf(a)
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
		for _, d := range domains {
			s.Related = append(s.Related, d.Address)
		}
		fix := fmt.Sprintf("set disable_execute_api_endpoint = false on %s, or map a private custom domain to it (aws_api_gateway_domain_name with endpoint_configuration { types = [\"PRIVATE\"] } and a policy, aws_api_gateway_domain_name_access_association for the endpoint, aws_api_gateway_base_path_mapping with domain_name_id)", a.Address)
		var names []string
		for _, d := range domains {
			names = append(names, fmt.Sprintf("https://%s/{base-path} (%s)", netDisp(d.Name), d.Address))
		}
		works := "Invoke URLs for the clients of " + a.Address + " — "
		if len(names) > 0 {
			works += "will work: private custom domain " + strings.Join(names, "; ") + ". "
		} else {
			works += "no invoke URL will work. "
		}
		works += fmt.Sprintf("Will not work: private DNS name %s, the {api-id}-{vpce-id} alias and the endpoint hostname with a Host header (all execute-api forms return 403).", dnsPrivateURL(a))
		switch a.DisableExecuteAPI {
		case symbol.False:
			r.Pass(s)
		case symbol.Unknown:
			if len(domains) > 0 {
				r.Pass(s)
				continue
			}
			r.Unverified(s, fix, "disable_execute_api_endpoint of %s is known only after apply and no private custom domain is mapped to it; if it is true, every call gets 403. %s", a.Address, works)
		default:
			switch {
			case len(domains) > 0:
				r.Pass(s)
			case len(maybe) > 0:
				var m []string
				for _, d := range maybe {
					m = append(m, d.Address)
				}
				r.Unverified(s, fix, "%s sets disable_execute_api_endpoint = true; whether the custom domain(s) mapped to it (%s) are PRIVATE is known only after apply. %s", a.Address, strings.Join(m, ", "), works)
			default:
				netReport(r, s, symbol.False, fix, fmt.Sprintf("%s sets disable_execute_api_endpoint = true and no private custom domain is mapped to it: every execute-api form gets 403, so no client can call it (takes effect at the next stage deployment). %s", a.Address, works))
			}
		}
	}
}
