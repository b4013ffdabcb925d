package checks

// Reporting helpers of the network-path checks PA101–PA114. The verdicts
// themselves (security groups, network ACLs, fixes) are internal/reach's.

import (
	"fmt"
	"sort"

	"github.com/privapi/privapi/internal/reach"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

// disp renders a possibly symbolic value for a message.
func netDisp(s string) string { return symbol.Display(s) }

// netEndpointFail reports a proven problem of endpoint e at severity sev,
// or unverified when e may not be an execute-api endpoint at all (its
// service name is known only after apply).
func netEndpointFail(r *Reporter, s Subject, e *topology.Endpoint, sev finding.Severity, fix, format string, args ...any) {
	msg := message(format, args)
	if _, demoted := reach.SettleEndpoint(symbol.False, e); demoted {
		r.UnverifiedAt(sev, s, fix, "%s", endpointMaybeNote(e)+msg)
		return
	}
	r.FailAt(sev, s, fix, "%s", msg)
}

// endpointMaybeNote leads the reason of a fail made unverified because the
// endpoint may not be for execute-api (reach.SettleEndpoint).
func endpointMaybeNote(e *topology.Endpoint) string {
	return fmt.Sprintf("if %s is an execute-api endpoint (its service_name %s is known only after apply): ", e.Address, netDisp(e.ServiceName))
}

// privateNote is appended to a reason when the API may not be PRIVATE.
func netPrivateNote(a *topology.API) string { return reach.PrivateNote(a) }

// netReport reports a Tri at the check's severity (Reporter.Settled):
// True → pass, False → fail (unverified when the API may not be private),
// Unknown → unverified.
func netReport(r *Reporter, s Subject, t symbol.Tri, fix, msg string) {
	r.Settled(r.check.Severity, s, t, fix, msg)
}

// netVerdict reports a verdict of reach as it is settled for the
// subject's API (reach.Verdict.Settled): True → pass, False → fail,
// Unknown → unverified (saying what to state in .privapi.hcl when only
// what it leaves out is unknown).
func netVerdict(r *Reporter, s Subject, vd reach.Verdict) {
	vd = vd.Settled(s.API)
	switch vd.Result {
	case symbol.True:
		r.Pass(s)
	case symbol.False:
		r.Fail(s, vd.Fix, "%s", vd.Reason)
	default:
		if vd.Undeclared != "" {
			r.Undeclared(s, vd.Undeclared, vd.Fix, "%s", vd.Reason)
			return
		}
		r.Unverified(s, vd.Fix, "%s", vd.Reason)
	}
}

func netSortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
