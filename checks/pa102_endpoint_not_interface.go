package checks

import (
	"fmt"
	"strings"

	"github.com/privapi/privapi/internal/reach"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

var pa102 = &Check{
	ID:       "PA102",
	Name:     "endpoint-not-interface",
	Severity: finding.Error,
	Title:    "An execute-api VPC endpoint is not of type Interface",
	Run:      runPA102,
}

func runPA102(v *topology.View, r *Reporter) {
	n := r.Net(v)
	for _, e := range reach.ManagedEndpoints(n.V) {
		s := endpointSubject(n, e, e.Address)
		fix := fmt.Sprintf("set vpc_endpoint_type = \"Interface\" in %s (the endpoint is replaced)", e.Address)
		switch {
		case e.Type == "" || symbol.Contains(e.Type):
			r.Unverified(s, fix, "the vpc_endpoint_type of %s is known only after apply (%s); execute-api needs \"Interface\"", e.Address, netDisp(e.Type))
		case strings.EqualFold(e.Type, "Interface"):
			r.Pass(s)
		case e.TypeDefaulted:
			netEndpointFail(r, s, e, r.check.Severity, fix, "%s (service %s) leaves vpc_endpoint_type unset, and Terraform's default is \"Gateway\": execute-api is only offered as an Interface endpoint, so no VPC client can reach the private API through it", e.Address, netDisp(e.ServiceName))
		default:
			netEndpointFail(r, s, e, r.check.Severity, fix, "%s (service %s) has vpc_endpoint_type = %q: execute-api is only offered as an Interface endpoint, so no VPC client can reach the private API through it", e.Address, netDisp(e.ServiceName), netDisp(e.Type))
		}
	}
}
