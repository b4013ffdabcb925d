package checks

import (
	"fmt"

	"github.com/privapi/privapi/internal/reach"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

func init() {
	Register(&Check{
		ID:       "PA401",
		Name:     "private-dns-vpc-dns",
		Severity: finding.Error,
		Title:    "Private DNS is enabled on the execute-api endpoint but the VPC's DNS support or DNS hostnames is off",
		Doc: `**What AWS does.** Private DNS on an interface endpoint creates a private hosted zone
for ` + "`*.execute-api.REGION.amazonaws.com`" + ` in the endpoint's VPC. It requires the VPC
attributes ` + "`enableDnsSupport`" + ` **and** ` + "`enableDnsHostnames`" + `. In Terraform
` + "`aws_vpc.enable_dns_support`" + ` defaults to true but ` + "`enable_dns_hostnames`" + ` defaults to
**false** (aws-facts C4, D1); the plan shows the unset value as "known after apply" —
the documented default is what applies.

**Why it breaks.** With either attribute off, private DNS cannot be enabled on the
endpoint, and the private DNS name ` + "`https://{api-id}.execute-api.REGION.amazonaws.com/{stage}`" + `
(a stage's ` + "`invoke_url`" + `) does not resolve to the endpoint: calls go to public addresses
and fail, with no execution logs at all (D5).

**How to fix.**

` + "```hcl" + `
resource "aws_vpc" "main" {
  enable_dns_support   = true
  enable_dns_hostnames = true
}
` + "```" + `

(or turn ` + "`private_dns_enabled`" + ` off and call the ` + "`{api-id}-{vpce-id}`" + ` alias or the endpoint
hostname with a Host header). Each finding lists the invoke URLs that will work.
Unverified when private DNS or the VPC attributes are unknown until apply, or the VPC
is not in the plan. Sources: aws-facts C4, D1, D5.`,
		Run: runPA401,
	})
}

func runPA401(v *topology.View, r *Reporter) {
	n := reach.NewNet(v)
	for _, e := range reach.ManagedEndpoints(n.V) {
		s := endpointSubject(n, e, e.Address)
		if e.PrivateDNS == symbol.False {
			r.Pass(s)
			continue
		}
		d, why := dnsVPCDNS(n, e)
		vpcRef := "the endpoint's aws_vpc"
		if x := n.P.VPCByID(e.VPCID); x != nil {
			vpcRef = x.Address
		}
		fix := fmt.Sprintf("set enable_dns_support = true and enable_dns_hostnames = true on %s (or set private_dns_enabled = false on %s and call the alias or endpoint hostname)", vpcRef, e.Address)
		urls := dnsEndpointURLText(n, e)
		switch {
		case d == symbol.True:
			r.Pass(s)
		case e.PrivateDNS == symbol.Unknown:
			r.Unverified(s, fix, "private_dns_enabled of %s is known only after apply, and %s; if private DNS is on, the private DNS name cannot work. %s", e.Address, why, urls)
		case d == symbol.False:
			netEndpointFail(r, s, e, r.check.Severity, fix, "%s enables private DNS, but %s: AWS requires both enable_dns_support and enable_dns_hostnames for private DNS (the endpoint's private DNS cannot be turned on, and the private DNS name does not resolve to it). %s", e.Address, why, urls)
		default:
			r.Unverified(s, fix, "%s enables private DNS, and %s; AWS requires both to be true. %s", e.Address, why, urls)
		}
	}
}
