package checks

// Helpers shared by the deployment (PA3xx) and logging (PA5xx) checks.

import (
	"fmt"
	"sort"
	"strings"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/iampolicy"
	"github.com/privapi/privapi/internal/reach"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

// failFor records a failure about a private API, or an unverified result
// when whether the API is PRIVATE is known only after apply (sev nil = the
// check's severity).
func failFor(r *Reporter, sev *finding.Severity, a *topology.API, s Subject, fix, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if _, demoted := reach.Settle(symbol.False, a); demoted {
		msg = fmt.Sprintf("if %s is PRIVATE (its endpoint type is known only after apply): %s", a.Address, msg)
		if sev != nil {
			r.UnverifiedAt(*sev, s, fix, "%s", msg)
		} else {
			r.Unverified(s, fix, "%s", msg)
		}
		return
	}
	if sev != nil {
		r.FailAt(*sev, s, fix, "%s", msg)
	} else {
		r.Fail(s, fix, "%s", msg)
	}
}

func sevp(s finding.Severity) *finding.Severity { return &s }

// apiSubject is a result about an API as a whole.
func apiSubject(a *topology.API, related ...string) Subject {
	return Subject{API: a, Address: a.Address, Related: capped(related)}.lazyDescribe("API ", a.Address)
}

// capped is l with no room to grow, so that appending to a subject's
// Related never writes into the caller's array.
func capped(l []string) []string { return l[:len(l):len(l)] }

// deploymentSubject is a result about one deployment of an API.
func deploymentSubject(a *topology.API, d *topology.Deployment, related ...string) Subject {
	return Subject{API: a, Address: d.Address, relAPI: true, Related: capped(related)}.lazyDescribe("deployment ", d.Address, " of ", a.Address)
}

// stageSubject is a result about one stage of an API.
func stageSubject(a *topology.API, s *topology.Stage, related ...string) Subject {
	return Subject{API: a, Address: s.Address, relAPI: true, Related: capped(related)}.lazyDescribe("stage ", stageName(s), " (", s.Address, ") of ", a.Address)
}

func stageName(s *topology.Stage) string {
	if s.NameKnown && s.Name != "" {
		return symbol.Display(s.Name)
	}
	return "(known after apply)"
}

// apiPolicySources lists the sources of the API's own resource policy
// (see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies-create-attach.html) that exist after apply.
func apiPolicySources(a *topology.API) []*topology.PolicySource {
	var out []*topology.PolicySource
	for _, ps := range a.Policies {
		if ps.Deleted || !ps.InPlan() {
			continue
		}
		switch ps.Kind {
		case topology.PolicyArgument, topology.PolicyResource, topology.PolicyBody:
			out = append(out, ps)
		}
	}
	return out
}

// describeSource names a policy source for messages.
func describeSource(ps *topology.PolicySource) string {
	switch ps.Kind {
	case topology.PolicyArgument:
		return ps.Address + ".policy"
	case topology.PolicyBody:
		return "x-amazon-apigateway-policy in " + ps.Address + ".body"
	}
	return ps.Address
}

// expandContext is what API Gateway substitutes into the execute-api:/
// shorthand of the API's policy (see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-policy-language-overview.html): taken from the execution
// ARN arn:{partition}:execute-api:{region}:{account}:{api-id}.
func expandContext(a *topology.API) iampolicy.ExpandContext {
	x := iampolicy.ExpandContext{Region: a.Region, APIID: a.ID}
	parts := strings.Split(a.ExecutionARN, ":")
	if len(parts) == 6 && parts[0] == "arn" && parts[2] == "execute-api" && !symbol.Contains(a.ExecutionARN) {
		x = iampolicy.ExpandContext{Partition: parts[1], Region: parts[3], Account: parts[4], APIID: parts[5]}
	}
	return x
}

// policyChange says whether apply changes the document a policy source
// puts in force, comparing semantically (formatting, key order, one-element
// lists, statement order and the execute-api:/ shorthand do not count;
// see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies-create-attach.html), and why. An after-value known only after apply counts
// as a change.
func policyChange(a *topology.API, ps *topology.PolicySource) (bool, string) {
	if !ps.Changes || !ps.InPlan() {
		return false, ""
	}
	name := describeSource(ps)
	if ps.Deleted {
		return true, name + " is destroyed, which removes the policy"
	}
	before, hadBefore := ps.BeforeJSON, ps.BeforeKnown && ps.BeforeJSON != ""
	if ps.Kind == topology.PolicyBody {
		before, hadBefore = a.BeforeBodyPolicy()
	}
	if !hadBefore {
		if ps.Creates() {
			return true, name + " is created"
		}
		return true, name + " is set"
	}
	if !ps.Known {
		return true, name + " is updated and its new document is known only after apply, so privapi cannot compare it with the current one"
	}
	x := expandContext(a)
	same, diff := samePolicy(before, ps.JSON, x)
	if same {
		return false, ""
	}
	if diff != "" {
		return true, name + " is updated: " + diff
	}
	return true, name + " is updated"
}

// samePolicy compares two policy documents semantically; diff describes
// what differs when it can tell.
func samePolicy(before, after string, x iampolicy.ExpandContext) (bool, string) {
	pb, errB := iampolicy.Parse([]byte(before))
	pa, errA := iampolicy.Parse([]byte(after))
	if errB != nil || errA != nil {
		cb, okB := iampolicy.CanonicalJSON(before, x)
		ca, okA := iampolicy.CanonicalJSON(after, x)
		if okB && okA {
			return cb == ca, ""
		}
		return before == after, ""
	}
	if iampolicy.Equivalent(pb, pa, x) {
		return true, ""
	}
	return false, statementDiff(pb, pa, x)
}

// statementDiff names the statements added, removed or changed.
func statementDiff(before, after *iampolicy.Policy, x iampolicy.ExpandContext) string {
	var parts []string
	if before.Version != after.Version {
		parts = append(parts, fmt.Sprintf("Version %q → %q", before.Version, after.Version))
	}
	one := func(s iampolicy.Statement) *iampolicy.Policy {
		s.Index = 0
		return &iampolicy.Policy{Version: "v", Statements: []iampolicy.Statement{s}}
	}
	has := func(in []iampolicy.Statement, s iampolicy.Statement) bool {
		for _, t := range in {
			if iampolicy.Equivalent(one(t), one(s), x) {
				return true
			}
		}
		return false
	}
	sids := func(in []iampolicy.Statement) map[string]bool {
		m := map[string]bool{}
		for _, s := range in {
			if s.Sid != "" {
				m[s.Sid] = true
			}
		}
		return m
	}
	bs, as := sids(before.Statements), sids(after.Statements)
	var added, removed, changed []string
	for _, s := range after.Statements {
		if has(before.Statements, s) {
			continue
		}
		if s.Sid != "" && bs[s.Sid] {
			changed = append(changed, s.Ref().String())
		} else {
			added = append(added, s.Ref().String())
		}
	}
	for _, s := range before.Statements {
		if has(after.Statements, s) || (s.Sid != "" && as[s.Sid]) {
			continue
		}
		removed = append(removed, s.Ref().String())
	}
	if len(added) > 0 {
		parts = append(parts, "adds statement "+strings.Join(added, ", "))
	}
	if len(changed) > 0 {
		parts = append(parts, "changes statement "+strings.Join(changed, ", "))
	}
	if len(removed) > 0 {
		parts = append(parts, "removes statement "+strings.Join(removed, ", "))
	}
	return strings.Join(parts, "; ")
}

// redeployedFor says whether stage s serves a deployment of the API that
// this plan creates (incl. replacement, see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_deployment).
func redeployedFor(v *topology.View, a *topology.API, s *topology.Stage) (symbol.Tri, *topology.Deployment) {
	res, cand := symbol.False, (*topology.Deployment)(nil)
	for _, d := range a.Deployments {
		if !d.Creates() {
			continue
		}
		switch v.StageUses(s, d) {
		case symbol.True:
			return symbol.True, d
		case symbol.Unknown:
			res, cand = symbol.Unknown, d
		}
	}
	return res, cand
}

// createdDeployments lists the API's deployments this plan creates.
func createdDeployments(a *topology.API) []*topology.Deployment {
	var out []*topology.Deployment
	for _, d := range a.Deployments {
		if d.Creates() {
			out = append(out, d)
		}
	}
	return out
}

// servingDeployment picks the deployment the API's stages use (for fixes).
func servingDeployment(v *topology.View, a *topology.API) *topology.Deployment {
	for _, s := range a.Stages {
		for _, d := range a.Deployments {
			if v.StageUses(s, d) == symbol.True {
				return d
			}
		}
	}
	if len(a.Deployments) > 0 {
		return a.Deployments[0]
	}
	return nil
}

// policyInput names what carries the policy document of a source, for
// fixes: the data source, local or variable its argument reads, else "".
func policyInput(v *topology.View, ps *topology.PolicySource) string {
	if ps == nil || !ps.InPlan() {
		return ""
	}
	al := v.PolicyAliases(ps)
	if len(al) == 0 {
		if ps.Kind == topology.PolicyBody {
			return ps.Address + ".body"
		}
		return ""
	}
	return al[0].String()
}

// redeployFix is the Terraform change that makes a deployment follow the
// policy (see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_deployment).
func redeployFix(v *topology.View, a *topology.API, d *topology.Deployment) string {
	input := ""
	for _, ps := range apiPolicySources(a) {
		if input = policyInput(v, ps); input != "" {
			break
		}
	}
	dep := "aws_api_gateway_deployment"
	if d != nil {
		dep = d.Address
	}
	if input == "" {
		input = "the policy document (move it into a data.aws_iam_policy_document or a local so the trigger can read it)"
	}
	return fmt.Sprintf("in %s set triggers = { redeployment = sha1(jsonencode([<route resources>, %s])) } and lifecycle { create_before_destroy = true } so a policy change creates a new deployment that the stage moves to", dep, input)
}

// listRefs renders up to n references, with "and N more".
func listRefs(refs []string, n int) string {
	sort.Strings(refs)
	if len(refs) <= n {
		return strings.Join(refs, ", ")
	}
	return strings.Join(refs[:n], ", ") + fmt.Sprintf(" and %d more", len(refs)-n)
}

func stageNames(ss []*topology.Stage) string {
	var out []string
	for _, s := range ss {
		out = append(out, stageName(s)+" ("+s.Address+")")
	}
	return strings.Join(out, ", ")
}
