package runbook

import (
	"github.com/privapi/privapi/internal/reach"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

// The network part of step 3 is what privapi check says about the same
// pairing: reach's verdicts (PA101 an endpoint in the region, PA110 the path, PA111 the endpoint's security
// groups, PA112 the client's, PA114 the network ACLs), never a text of the
// runbook's own, so the runbook cannot contradict the check.

// verdict is one network verdict of the pairing with the check that
// reports it.
type verdict struct {
	check string
	vd    reach.Verdict
}

// netVerdicts lists the verdicts privapi check reports on the pairing.
func (x *pairing) netVerdicts() []verdict {
	out := []verdict{{"PA101", x.n.EndpointMissing(x.api)}}
	if x.c != nil {
		out = append(out, verdict{"PA110", x.n.ClientReach(x.api, x.c)})
	}
	if !x.judged {
		return out // no endpoint this client can use: the check judges no group or ACL on this path
	}
	out = append(out, verdict{"PA111", x.n.Ingress(x.p)})
	if vd, ok := x.n.Egress(x.p); ok {
		out = append(out, verdict{"PA112", vd})
	}
	for _, vd := range x.n.NACLs(x.p) {
		out = append(out, verdict{"PA114", vd})
	}
	return out
}

// passText says what a passing verdict of each check established.
var passText = map[string]string{
	"PA101": "the API's region has an execute-api Interface endpoint",
	"PA110": "the client has a network path to an execute-api endpoint of the API",
	"PA111": "the endpoint's security groups admit TCP 443 from the client",
	"PA112": "the client's security groups allow TCP 443 out to the endpoint",
	"PA114": "the network ACLs on the path pass TCP 443 and the return ephemeral ports",
}

// verdicts renders the network verdicts as items: where a timeout points.
func (x *pairing) verdicts() []Item { return verdictItems(x.api, x.netVerdicts()) }

// verdictItems renders verdicts on api's pairings as items.
func verdictItems(api *topology.API, vs []verdict) []Item {
	var items []Item
	for _, v := range vs {
		vd := v.vd.Settled(api)
		where := " on `" + vd.Address + "`"
		var text string
		switch vd.Result {
		case symbol.True:
			text = "privapi check " + v.check + " passes" + where + ": " + passText[v.check] + "."
		case symbol.False:
			text = "privapi check " + v.check + " fails" + where + ": " + vd.Reason + ". Fix this first (the finding gives the change)."
		default:
			text = "privapi check " + v.check + " cannot decide" + where + " before apply: " + vd.Reason + ". Look here first if the connection times out."
		}
		items = append(items, Item{Text: text, Check: v.check, Result: vd.Result, Address: vd.Address})
	}
	return items
}

// apiVerdicts lists the verdicts on an API that has no endpoint to pair
// with: PA101's, and PA110's for every client.
func apiVerdicts(n *reach.Net, api *topology.API) []verdict {
	out := []verdict{{"PA101", n.EndpointMissing(api)}}
	for _, c := range n.ClientsOf(api) {
		out = append(out, verdict{"PA110", n.ClientReach(api, c)})
	}
	return out
}
