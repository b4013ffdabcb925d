package checks

import (
	"fmt"
	"strings"

	"github.com/privapi/privapi/internal/iampolicy"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

// pa406Policy judges the policy of private domain d (mapped to API a) for
// calls through endpoint e from each client (or any client in the
// endpoint's VPC when none is known), with the IAM engine: the request is
// execute-api:Invoke on the domain's ARN with the pairing's aws:SourceVpce,
// aws:SourceVpc and aws:VpcSourceIp. It returns the verdict, the message
// and the fix.
func pa406Policy(v *topology.View, d *topology.Domain, a *topology.API, e *topology.Endpoint, clients []*topology.Client) (symbol.Tri, string, string) {
	fix := fmt.Sprintf("give %s a policy that allows execute-api:Invoke on Resource \"execute-api:/*\" with aws:SourceVpce = %s.id (Allow + Deny StringNotEquals aws:SourceVpce, as for the API)", d.Address, e.Address)
	if len(d.Policies) == 0 {
		return symbol.False, fmt.Sprintf("%s has no policy: API Gateway gives a private custom domain a deny-all policy until one is set, so every call to https://%s gets 403", d.Address, netDisp(d.Name)), fix
	}
	raw, err := v.ReadPolicy(d.Policies[0])
	if err != nil {
		return symbol.Unknown, fmt.Sprintf("whether the policy of %s allows calls through %s is not known: %s", d.Address, e.Address, pa2Unreadable(err)), fix
	}
	pol, shorthands := v.ForDomain(raw, d, a)
	arn := v.DomainInvokeARN(d, a)
	arnText := strings.NewReplacer("${"+d.Address+".partition}", "{partition}", "${"+d.Address+".region}", "{region}", "${"+d.Address+".account}", "{account}").Replace(symbol.Display(arn))
	if len(shorthands) > 0 {
		return symbol.Unknown, fmt.Sprintf("the policy of %s names %s: API Gateway documents only execute-api:/* (the domain itself) for a domain policy, so whether it covers calls to %s is not known", d.Address, strings.Join(shorthands, ", "), arnText),
			fmt.Sprintf("write Resource = \"execute-api:/*\" in the policy of %s", d.Address)
	}
	// the same policy with every Resource covering the domain: tells a
	// Resource that never names the domain from a condition that fails
	anyRes := &iampolicy.Policy{Version: raw.Version, ID: raw.ID}
	for _, st := range raw.Statements {
		st.Resource, st.NotResource = []string{"*"}, nil
		anyRes.Statements = append(anyRes.Statements, st)
	}
	if len(clients) == 0 {
		clients = []*topology.Client{nil}
	}
	out := symbol.True
	var unknownMsg string
	for _, c := range clients {
		for _, rc := range pa2PairContexts(v, e, c) {
			req := iampolicy.Request{Caller: iampolicy.Caller{Anonymous: true}, Action: pa2InvokeAction, Resource: arn, Context: rc.Context()}
			dec := pol.Evaluate(req, iampolicy.ExpandContext{})
			who := "calls through " + e.Address
			if c != nil {
				who = "calls from " + c.Address + " through " + e.Address
			}
			switch dec.Allowed {
			case symbol.True:
				continue
			case symbol.Unknown:
				if out == symbol.True {
					out = symbol.Unknown
					unknownMsg = fmt.Sprintf("whether the policy of %s allows %s (%s) is known only after apply: %s", d.Address, who, rc.Desc(), dec.Reason)
				}
				continue
			}
			if anyRes.Evaluate(req, iampolicy.ExpandContext{}).Allowed != symbol.False && dec.Effect == iampolicy.ResultImplicitDeny {
				return symbol.False, fmt.Sprintf("the Resource of the policy of %s (%s) never names the domain, whose calls are judged against %s: the policy allows no call, so every call to https://%s gets 403",
						d.Address, pa406Resources(raw), arnText, netDisp(d.Name)),
					fmt.Sprintf("write Resource = \"execute-api:/*\" in the policy of %s (API Gateway stores it as the domain's ARN); an API's execution_arn names the API, never the domain", d.Address)
			}
			return symbol.False, fmt.Sprintf("the policy of %s does not allow %s (%s), so calls to https://%s get 403: %s", d.Address, who, rc.Desc(), netDisp(d.Name), dec.Reason), fix
		}
	}
	return out, unknownMsg, fix
}

// pa406Resources lists the Resource and NotResource patterns of a policy
// for messages.
func pa406Resources(p *iampolicy.Policy) string {
	seen := map[string]bool{}
	var out []string
	for _, st := range p.Statements {
		for _, r := range st.Resource {
			if !seen[r] {
				seen[r] = true
				out = append(out, symbol.Display(r))
			}
		}
		for _, r := range st.NotResource {
			if !seen["not "+r] {
				seen["not "+r] = true
				out = append(out, "NotResource "+symbol.Display(r))
			}
		}
	}
	if len(out) == 0 {
		return "no Resource"
	}
	return strings.Join(out, ", ")
}
