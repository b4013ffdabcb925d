package checks

import (
	"fmt"
	"strings"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/topology"
)

// PA302 trigger-misses-policy: a deployment's triggers do not depend on
// the API's policy document, so a policy change never redeploys.
var pa302 = &Check{
	ID:       "PA302",
	Name:     "trigger-misses-policy",
	Severity: finding.Warning,
	Title:    "The deployment's triggers do not depend on the resource policy, so a policy change does not redeploy",
	Doc: `**What AWS does.** A policy change is live only after a new deployment (A7).
` + "`aws_api_gateway_deployment`" + ` is replaced — i.e. redeployed — only when one of its
ForceNew arguments changes: ` + "`triggers`" + ` or ` + "`variables`" + ` (or a ` + "`replace_triggered_by`" + `
entry fires). ` + "`depends_on`" + ` orders but never forces a redeploy.

**Why it breaks.** The provider's documented trigger hashes resource ids; when the
policy document is not part of the hash, editing the policy updates
` + "`aws_api_gateway_rest_api_policy`" + ` in place and leaves the deployment alone (PA301 then
fires on the plan that does it).

**How privapi judges.** The ` + "`triggers`" + `, ` + "`variables`" + ` and ` + "`lifecycle.replace_triggered_by`" + `
expressions are followed through locals, module variables and outputs and data sources.
They depend on the policy when they read the document that the policy source's argument
reads (its data source, local or variable), the ` + "`policy`" + ` of the policy resource (or the
whole resource), or the API's ` + "`policy`" + `/` + "`body`" + ` when that argument is set in configuration.
The policy resource's ` + "`id`" + ` does not count (it equals the API id and never changes), nor
does the API's ` + "`policy`" + `/` + "`body`" + ` when it is not set in configuration (a constant null, or an
Optional+Computed value read back at the last refresh: one apply late at best).

**How to fix.** Add the policy's input document to the trigger, e.g.
` + "`triggers = { redeployment = sha1(jsonencode([..., data.aws_iam_policy_document.api.json])) }`" + `
(not the provider-normalised ` + "`.policy`" + ` attribute, see PA304).

Sources: aws-facts.md A5, A7, A8, A11, G5.`,
	Run: runPA302,
}

func init() { Register(pa302) }

// policyDependence says how a walk of a deployment's redeploy keys reads
// the API's policy content ("" when it does not), and notes about reads
// that look like the policy but do not carry it.
func policyDependence(v *topology.View, sources []*topology.PolicySource, w *topology.Walk) (string, []string) {
	var notes []string
	for _, ps := range sources {
		aliases := v.ValueAliases(ps.Inst, policyAttr(ps))
		for _, rr := range w.Reached {
			if rr.Is(ps.Inst) {
				switch {
				case rr.Attr == "":
					return rr.Chain(), nil
				case ps.Kind == topology.PolicyBody && rr.Attr == "body":
					return rr.Chain(), nil
				case ps.Kind != topology.PolicyBody && rr.Attr == "policy":
					return rr.Chain(), nil
				case ps.Kind == topology.PolicyResource && rr.Attr == "id":
					notes = append(notes, rr.String()+" is the API id and never changes")
				}
			}
			for _, al := range aliases {
				if rr.Address() != al.Address() || rr.Kind != al.Kind {
					continue
				}
				if al.Kind == topology.RefData && strings.HasPrefix(al.Name, "data.aws_iam_policy_document.") {
					return rr.Chain(), nil
				}
				if rr.Attr == "" || al.Attr == "" || rr.Attr == al.Attr {
					return rr.Chain(), nil
				}
			}
		}
	}
	// Attributes of the API that are not set in configuration are constants.
	for _, rr := range w.Reached {
		if rr.Kind != topology.RefResource || !strings.HasPrefix(rr.Name, "aws_api_gateway_rest_api.") {
			continue
		}
		if rr.Attr == "policy" || rr.Attr == "body" {
			insts := v.InstancesAt(rr.Address())
			if len(insts) > 0 && !v.M.Configured(insts[0], rr.Attr) {
				notes = append(notes, fmt.Sprintf("%s is not set in configuration: the plan sees only the value read back from AWS at the last refresh (unknown on create, null when never set), so a policy change reaches the trigger one apply late at best", rr.String()))
			}
		}
	}
	return "", notes
}

func runPA302(v *topology.View, r *Reporter) {
	for _, a := range privateAPIs(v) {
		sources := apiPolicySources(a)
		if len(sources) == 0 {
			continue // no policy to redeploy (PA1xx report the missing policy)
		}
		var srcNames []string
		for _, ps := range sources {
			srcNames = append(srcNames, describeSource(ps))
		}
		for _, d := range a.Deployments {
			subj := deploymentSubject(a, d, srcInsts(sources)...)
			w := v.WalkValue(d.Inst, "triggers", "variables", "lifecycle.replace_triggered_by")
			how, notes := policyDependence(v, sources, w)
			if how != "" {
				r.Pass(subj)
				continue
			}
			fix := redeployFix(v, a, d)
			if !w.Written {
				failFor(r, nil, a, subj, fix,
					"%s has no triggers (nor variables or replace_triggered_by): a change of the policy in %s never creates a new deployment, so it does not go live (aws-facts A7, A11)",
					d.Address, strings.Join(srcNames, ", "))
				continue
			}
			if len(w.Opaque) > 0 {
				r.Unverified(subj, fix,
					"the triggers of %s read %s, whose definition privapi cannot read (no .tf source): cannot tell whether they depend on the policy in %s",
					d.Address, strings.Join(w.Opaque, ", "), strings.Join(srcNames, ", "))
				continue
			}
			if _, res := v.M.SourceResource(d.Inst); res == nil {
				notes = append(notes, "a lifecycle replace_triggered_by cannot be seen without the .tf source")
			}
			reads := topLevelReads(w)
			extra := ""
			if len(notes) > 0 {
				extra = " (" + strings.Join(notes, "; ") + ")"
			}
			failFor(r, nil, a, subj, fix,
				"the triggers of %s read %s but not the policy document of %s%s: a policy change leaves the deployment in place and never goes live (aws-facts A7, A11)",
				d.Address, orNothing(reads), strings.Join(srcNames, ", "), extra)
		}
	}
}

func srcInsts(sources []*topology.PolicySource) []string {
	var out []string
	for _, ps := range sources {
		out = append(out, ps.Inst.Address)
	}
	return out
}

// topLevelReads lists what a walk reads directly (not through other
// objects), for messages.
func topLevelReads(w *topology.Walk) string {
	var out []string
	for _, rr := range w.Reached {
		if len(rr.Via) == 0 {
			out = append(out, rr.String())
		}
	}
	return listRefs(out, 6)
}

func orNothing(s string) string {
	if s == "" {
		return "only constants"
	}
	return s
}
