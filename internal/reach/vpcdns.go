package reach

import (
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

// SettleEndpoint is the rule by which a fail about an endpoint is
// reported: a fail (False) about an endpoint that may not be for
// execute-api (its service name is known only after apply) is unverified.
// demoted says the result was changed; the caller then says why.
func SettleEndpoint(t symbol.Tri, e *topology.Endpoint) (settled symbol.Tri, demoted bool) {
	if t == symbol.False && ExecuteAPI(e) == symbol.Unknown {
		return symbol.Unknown, true
	}
	return t, false
}

// VPCDNSRule names the rule that decided a VPCDNSVerdict.
type VPCDNSRule int

const (
	// DNSPrivateOff: private DNS is off on the endpoint, so the VPC's DNS
	// attributes do not matter to it (True).
	DNSPrivateOff VPCDNSRule = iota
	// DNSAttrsOn: the VPC has enable_dns_support and enable_dns_hostnames
	// on (True).
	DNSAttrsOn
	// DNSPrivateUnknown: private_dns_enabled is known only after apply and
	// the attributes are not both on (Unknown).
	DNSPrivateUnknown
	// DNSAttrsOff: private DNS is on and an attribute is off (False; Unknown
	// when the endpoint may not be for execute-api, see Demoted).
	DNSAttrsOff
	// DNSAttrsUnknown: private DNS is on and an attribute is known only
	// after apply (Unknown).
	DNSAttrsUnknown
)

// VPCDNSVerdict is the verdict of privapi check PA401 on an endpoint, which
// the runbook repeats: private DNS on an interface endpoint needs the VPC
// attributes enableDnsSupport and enableDnsHostnames
// (https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html).
type VPCDNSVerdict struct {
	// Result is the verdict as reported (SettleEndpoint applied): True
	// passes, False fails, Unknown is unverified.
	Result symbol.Tri
	Rule   VPCDNSRule
	// Attrs says what is off or unknown of the VPC's DNS attributes
	// (View.EndpointVPCDNS), "" when both are on.
	Attrs string
	// Demoted: a fail made unverified because the endpoint's service name
	// is known only after apply.
	Demoted bool
}

// VPCDNS judges the VPC DNS attributes an endpoint's private DNS needs
// (PA401). A value known only after apply never passes.
func VPCDNS(v *topology.View, e *topology.Endpoint) VPCDNSVerdict {
	if e.PrivateDNS == symbol.False {
		return VPCDNSVerdict{Result: symbol.True, Rule: DNSPrivateOff}
	}
	d, why := v.EndpointVPCDNS(e)
	vd := VPCDNSVerdict{Attrs: why}
	switch {
	case d == symbol.True:
		vd.Result, vd.Rule = symbol.True, DNSAttrsOn
	case e.PrivateDNS == symbol.Unknown:
		vd.Result, vd.Rule = symbol.Unknown, DNSPrivateUnknown
	case d == symbol.False:
		vd.Rule = DNSAttrsOff
		vd.Result, vd.Demoted = SettleEndpoint(symbol.False, e)
	default:
		vd.Result, vd.Rule = symbol.Unknown, DNSAttrsUnknown
	}
	return vd
}
