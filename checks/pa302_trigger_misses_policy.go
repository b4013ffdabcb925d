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
	Run:      runPA302,
}

// policyDependence says whether the walk of a deployment's redeploy keys
// reads the API's policy content, and, when it does not, notes about reads
// that look like the policy but do not carry it.
func policyDependence(v *topology.View, sources []*topology.PolicySource, d *topology.Deployment) (bool, []string) {
	w := d.RedeployReads
	var notes []string
	for _, ps := range sources {
		aliases := v.PolicyAliases(ps)
		for _, rr := range w.Reached {
			if rr.Is(ps.Node) {
				switch {
				case rr.Attr == "":
					return true, nil
				case ps.Kind == topology.PolicyBody && rr.Attr == "body":
					return true, nil
				case ps.Kind != topology.PolicyBody && rr.Attr == "policy":
					return true, nil
				case ps.Kind == topology.PolicyResource && rr.Attr == "id":
					notes = append(notes, rr.String()+" is the API id and never changes")
				}
			}
			for _, al := range aliases {
				if rr.Kind != al.Kind || !rr.Ref.SameAddress(al) {
					continue
				}
				if al.Kind == topology.RefData && strings.HasPrefix(al.Name, "data.aws_iam_policy_document.") {
					return true, nil
				}
				if rr.Attr == "" || al.Attr == "" || rr.Attr == al.Attr {
					return true, nil
				}
			}
		}
	}
	// Attributes of the API that are not set in configuration are constants.
	for _, rr := range d.ReadBackReads {
		notes = append(notes, fmt.Sprintf("%s is not set in configuration: the plan sees only the value read back from AWS at the last refresh (unknown on create, null when never set), so a policy change reaches the trigger one apply late at best", rr.String()))
	}
	return false, notes
}

func runPA302(v *topology.View, r *Reporter) {
	for _, a := range r.privateAPIs(v) {
		sources := apiPolicySources(a)
		if len(sources) == 0 {
			continue // no policy to redeploy (PA1xx report the missing policy)
		}
		var srcNames []string // named for the first result that is not a pass
		for _, d := range a.Deployments {
			subj := deploymentSubject(a, d, srcInsts(sources)...)
			w := d.RedeployReads
			depends, notes := policyDependence(v, sources, d)
			if depends {
				r.Pass(subj)
				continue
			}
			if srcNames == nil {
				for _, ps := range sources {
					srcNames = append(srcNames, describeSource(ps))
				}
			}
			fix := redeployFix(v, a, d)
			if !w.Written {
				failFor(r, nil, a, subj, fix,
					"%s has no triggers (nor variables or replace_triggered_by): a change of the policy in %s never creates a new deployment, so it does not go live",
					d.Address, strings.Join(srcNames, ", "))
				continue
			}
			if len(w.Opaque) > 0 {
				r.Unverified(subj, fix,
					"the triggers of %s read %s, whose definition privapi cannot read (no .tf source): cannot tell whether they depend on the policy in %s",
					d.Address, strings.Join(w.Opaque, ", "), strings.Join(srcNames, ", "))
				continue
			}
			if !d.SourceKnown {
				notes = append(notes, "a lifecycle replace_triggered_by cannot be seen without the .tf source")
			}
			reads := topLevelReads(w)
			extra := ""
			if len(notes) > 0 {
				extra = " (" + strings.Join(notes, "; ") + ")"
			}
			failFor(r, nil, a, subj, fix,
				"the triggers of %s read %s but not the policy document of %s%s: a policy change leaves the deployment in place and never goes live",
				d.Address, orNothing(reads), strings.Join(srcNames, ", "), extra)
		}
	}
}

func srcInsts(sources []*topology.PolicySource) []string {
	var out []string
	for _, ps := range sources {
		out = append(out, ps.Address)
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
