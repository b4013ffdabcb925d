package checks

import (
	"fmt"
	"strings"

	"github.com/privapi/privapi/internal/reach"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/iampolicy"
	"github.com/privapi/privapi/internal/topology"
)

func init() {
	Register(&Check{
		ID:       "PA204",
		Name:     "policy-source-ip",
		Severity: finding.Error,
		Title:    "A private API's resource policy uses aws:SourceIp, which calls through a VPC endpoint never carry",
		Doc: `**What AWS does.** Requests that arrive through a VPC endpoint carry no ` + "`aws:SourceIp`" + `: the
endpoint rewrites the source address, and the caller's private address is in ` + "`aws:VpcSourceIp`" + `
(aws-facts B4, B5). A positive operator on an absent key is false, a negated one true (B6).

**Why it breaks.** ` + "`IpAddress aws:SourceIp`" + ` in an Allow never matches (nothing is allowed);
` + "`NotIpAddress aws:SourceIp`" + ` in a Deny always matches (everything is denied); in the other
combinations the intended restriction silently does nothing.

**How to fix.** Use ` + "`aws:VpcSourceIp`" + ` for the caller's private range, or restrict by endpoint:

` + "```hcl" + `
condition {
  test     = "NotIpAddress"
  variable = "aws:VpcSourceIp"
  values   = [aws_vpc.main.cidr_block]
}
` + "```" + `

Judged per private API on its effective resource policy. Sources: aws-facts B4, B5, B6, B12.`,
		Run: runPA204,
	})
}

func runPA204(v *topology.View, r *Reporter) {
	for _, api := range reach.PrivateAPIs(v) {
		p := pa2ReadAPIPolicy(v, api)
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
			"the resource policy of private API %s (%s) tests aws:SourceIp, which is never present on calls through a VPC endpoint (B5): %s",
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
const pa2UnreadableFix = "build the policy so that it can be evaluated before apply: data \"aws_iam_policy_document\", jsonencode() or a JSON/heredoc string in the configuration (not templatefile() or values from outside the plan), and run privapi next to the .tf source"

// pa2PolicyJudgeable reports an API without a readable policy as unverified
// (or skips one without a policy: PA201) and tells whether to go on.
func pa2PolicyJudgeable(r *Reporter, p pa2ApiPolicy, what string) bool {
	switch {
	case p.Source == nil:
		return false
	case !p.Readable():
		r.Unverified(p.Subject(), pa2UnreadableFix,
			"the resource policy of %s cannot be read before apply, so %s is not known: %s", p.API.Address, what, pa2Unreadable(p.Err))
		return false
	}
	return true
}
