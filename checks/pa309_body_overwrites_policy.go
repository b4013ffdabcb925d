package checks

import (
	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/topology"
)

// PA309 body-overwrites-policy: an OpenAPI body in overwrite mode while the
// policy comes only from aws_api_gateway_rest_api_policy.
var pa309 = &Check{
	ID:       "PA309",
	Name:     "body-overwrites-policy",
	Severity: finding.Warning,
	Title:    "An OpenAPI body in overwrite mode can wipe the policy managed by aws_api_gateway_rest_api_policy",
	Doc: `**What the provider does.** With ` + "`body`" + ` set, ` + "`aws_api_gateway_rest_api`" + ` imports the spec with
PutRestApi in mode ` + "`overwrite`" + ` unless ` + "`put_rest_api_mode = \"merge\"`" + `. Overwrite drops top-level
API properties missing from the spec — the resource policy included — and the provider then
re-patches only what its configuration sets. Since provider v6.48.0 (#48118) the policy is
re-patched only when ` + "`policy`" + ` is in the API's own configuration; the open regression #49672
reports that a body-only update silently wipes a policy managed by
` + "`aws_api_gateway_rest_api_policy`" + ` while the plan shows no change on the policy resource.

**Why it breaks.** After the next body change the private API has no policy and every call
is rejected; nothing in the plan shows it.

**How privapi judges.** A private API with a ` + "`body`" + `, ` + "`put_rest_api_mode`" + ` unset or
` + "`overwrite`" + `, whose policy comes only from ` + "`aws_api_gateway_rest_api_policy`" + ` (no ` + "`policy`" + `
argument, no ` + "`x-amazon-apigateway-policy`" + ` in the body). The provider version is not in the
plan, so this is a warning whatever the version.

**How to fix.** Set ` + "`put_rest_api_mode = \"merge\"`" + ` (the provider docs' recommendation for
PRIVATE APIs), or put the policy in the body as ` + "`x-amazon-apigateway-policy`" + `.

Sources: aws-facts.md A5, A6.`,
	Run: runPA309,
}

func init() { Register(pa309) }

func runPA309(v *topology.View, r *Reporter) {
	for _, a := range privateAPIs(v) {
		subj := apiSubject(a)
		hasBody := a.Body != "" || (!a.BodyKnown && v.M.Configured(a.Inst, "body"))
		if !hasBody {
			r.Pass(subj)
			continue
		}
		var resource *topology.PolicySource
		other := false
		for _, ps := range apiPolicySources(a) {
			if ps.Kind == topology.PolicyResource {
				resource = ps
			} else {
				other = true
			}
		}
		if resource == nil || other {
			r.Pass(subj)
			continue
		}
		subj.Related = []string{resource.Inst.Address}
		fix := `set put_rest_api_mode = "merge" in ` + a.Address + `, or put the policy in the body as x-amazon-apigateway-policy`
		modeKnown := a.PutRestAPIMode != "" || !v.M.Configured(a.Inst, "put_rest_api_mode") || isNullAttr(v, a, "put_rest_api_mode")
		switch {
		case a.PutRestAPIMode == "merge":
			r.Pass(subj)
		case !modeKnown:
			r.Unverified(subj, fix, "%s has an OpenAPI body and its put_rest_api_mode is known only after apply; its policy comes only from %s, which an overwrite-mode body update can wipe (aws-facts A6)", a.Address, resource.Inst.Address)
		default:
			mode := "unset (= overwrite)"
			if a.PutRestAPIMode != "" {
				mode = `"` + a.PutRestAPIMode + `"`
			}
			when := "a later body update"
			if before, existed := a.BodyBefore(); existed && (!a.BodyKnown || !jsonEqual(before, a.Body)) {
				when = "the body update in this plan"
			}
			failFor(r, nil, a, subj, fix,
				"%s has an OpenAPI body with put_rest_api_mode %s while its resource policy comes only from %s: PutRestApi in overwrite mode drops the policy, and %s can leave the private API without a policy (every call rejected) while the plan shows no change on %s (aws-facts A6; provider #49672)",
				a.Address, mode, resource.Inst.Address, when, resource.Inst.Address)
		}
	}
}

func isNullAttr(v *topology.View, a *topology.API, name string) bool {
	return topology.IsNull(v.M.Attr(a.Inst, name))
}
