package checks

import (
	"fmt"
	"strings"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/iampolicy"
	"github.com/privapi/privapi/internal/topology"
)

var pa204 = &Check{
	ID:       "PA204",
	Name:     "policy-source-ip",
	Severity: finding.Error,
	Title:    "A private API's resource policy uses aws:SourceIp, which calls through a VPC endpoint never carry",
	Run:      runPA204,
}

func runPA204(v *topology.View, r *Reporter) {
	for _, api := range r.privateAPIs(v) {
		p := r.apiPolicy(v, api)
		if !pa2PolicyJudgeable(r, p, "whether it tests aws:SourceIp") {
			continue
		}
		var uses []string
		for _, u := range p.Raw.ConditionUses() {
			if !strings.EqualFold(u.Condition.Key, "aws:SourceIp") {
				continue
			}
			uses = append(uses, fmt.Sprintf("%s in %s %s (%s)", u.Condition, u.Effect, u.Statement, pa2SourceIPEffect(u)))
		}
		if len(uses) == 0 {
			r.Pass(p.Subject())
			continue
		}
		r.Fail(p.SubjectAt("aws:SourceIp"), `use variable = "aws:VpcSourceIp" (the caller's private address) instead of "aws:SourceIp", or restrict with aws:SourceVpce = your endpoint ids, in `+p.EditAt(),
			"the resource policy of private API %s (%s) tests aws:SourceIp, which is never present on calls through a VPC endpoint: %s",
			api.Address, p.Where(), strings.Join(uses, "; "))
	}
}

// pa2SourceIPEffect says what a condition on the absent aws:SourceIp does.
func pa2SourceIPEffect(u iampolicy.ConditionUse) string {
	holds := u.Condition.Op.Negated || u.Condition.Op.IfExists || u.Condition.Op.Set == iampolicy.ForAllValues
	if u.Condition.Op.Family == iampolicy.FamilyNull {
		return "tests only whether the key is present"
	}
	switch {
	case u.Effect == iampolicy.Deny && holds:
		return "always true, so the Deny matches every call"
	case u.Effect == iampolicy.Deny:
		return "never true, so the Deny restricts nothing"
	case holds:
		return "always true, so the Allow is not restricted"
	}
	return "never true, so the Allow grants nothing"
}

// pa2UnreadableFix is the fix of results on a policy that cannot be read.
const pa2UnreadableFix = "build the policy so that it can be evaluated before apply: data \"aws_iam_policy_document\", jsonencode(), a JSON/heredoc string or a templatefile() of a file in the configuration (not values from outside the plan), and run privapi next to the .tf source"

// pa2PolicyJudgeable reports an API without a readable policy as unverified
// (or skips one without a policy: PA201) and tells whether to go on.
func pa2PolicyJudgeable(r *Reporter, p pa2ApiPolicy, what string) bool {
	switch {
	case p.Source == nil:
		return false
	case !p.Readable():
		// one of the PA2 checks' messages on every API whose policy is not
		// readable: joined, not formatted
		r.Unverified(p.Subject(), pa2UnreadableFix, "%s",
			"the resource policy of "+p.API.Address+" cannot be read before apply, so "+what+" is not known: "+pa2Unreadable(p.Err))
		return false
	}
	return true
}
