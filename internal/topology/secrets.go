package topology

// Values Terraform marks sensitive never reach a message: the checks
// evaluate on plain strings (the view unmarks values), so the engine
// replaces every string of View.SensitiveStrings in every result it returns.

import (
	"encoding/json"
	"sort"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/privapi/privapi/internal/iampolicy"
	"github.com/privapi/privapi/internal/model"
	"github.com/privapi/privapi/internal/symbol"
)

// SensitiveStrings lists every string no message may show, longest first
// (Build finds them once, after it read everything it reads): the values
// Terraform marks sensitive in the input (model.SensitiveStrings) and what
// derives from sensitive inputs — attributes resolved from sensitive
// values (ranges, ids) and the values a policy with a sensitive part
// compares requests with. The caller must not change the list.
func (v *View) SensitiveStrings() []string { return v.secrets }

// sensitiveStrings finds SensitiveStrings.
func sensitiveStrings(v *View) []string {
	if v.m == nil {
		return nil
	}
	seen := map[string]bool{}
	add := func(val cty.Value) { collectSensitive(val, false, seen) }
	// every value Terraform marks sensitive (decoded only where a mark is)
	for _, str := range v.m.SensitiveStrings() {
		seen[str] = true
	}
	for _, s := range v.Subnets {
		if s.inst != nil {
			add(v.m.Attr(s.inst, "cidr_block"))
		}
	}
	for _, x := range v.VPCs {
		if x.inst != nil {
			add(v.m.Attr(x.inst, "cidr_block"))
		}
	}
	for _, e := range v.Endpoints {
		if e.inst != nil {
			add(v.m.Attr(e.inst, "id"))
			add(v.m.Attr(e.inst, "vpc_id"))
		}
		for _, ps := range e.Policies {
			policySecrets(v, ps, add)
		}
	}
	for _, a := range v.APIs {
		for _, ps := range a.Policies {
			policySecrets(v, ps, add)
		}
	}
	// last, as the Attr calls above may resolve more: every value resolved
	// from configuration with a sensitive mark (sensitive variables and
	// outputs at any module level, file reads), and every text read from a
	// file
	for _, val := range v.m.MarkedValues() {
		add(val)
	}
	for _, text := range v.m.FileValues() {
		addSecretText(text, seen)
	}
	var out []string
	for s := range seen {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return len(out[i]) > len(out[j]) || len(out[i]) == len(out[j]) && out[i] < out[j] })
	return out
}

func policySecrets(v *View, ps *PolicySource, add func(cty.Value)) {
	if ps == nil || ps.inst == nil {
		return
	}
	val := v.m.Attr(ps.inst, "policy")
	add(val)
	if val != cty.NilVal && val.ContainsMarked() {
		// a document with a sensitive part is sensitive as a whole: hide
		// what it compares requests with
		if text, ok := Str(val); ok {
			if p, err := iampolicy.Parse([]byte(text)); err == nil {
				policyValueSecrets(p, add)
			}
		}
	}
	if ps.doc != nil {
		for _, n := range []string{"statement", "source_policy_documents", "override_policy_documents"} {
			add(v.m.Attr(ps.doc, n))
		}
	}
}

// policyValueSecrets adds, as sensitive, the condition keys and values and
// the principals (but "*") of a policy.
func policyValueSecrets(p *iampolicy.Policy, add func(cty.Value)) {
	secret := func(s string) { add(cty.StringVal(s).Mark(model.Sensitive)) }
	for _, st := range p.Statements {
		for _, c := range st.Conditions {
			secret(c.Key)
			for _, cv := range c.Values {
				secret(cv)
			}
		}
		for _, pr := range []*iampolicy.Principal{st.Principal, st.NotPrincipal} {
			if pr == nil {
				continue
			}
			for _, ids := range pr.Values {
				for _, id := range ids {
					if id != "*" {
						secret(id)
					}
				}
			}
		}
	}
}

// collectSensitive adds the strings under sensitive marks in val.
func collectSensitive(val cty.Value, marked bool, seen map[string]bool) {
	if val == cty.NilVal {
		return
	}
	if val.HasMark(model.Sensitive) {
		marked = true
	}
	uv, _ := val.Unmark()
	if !uv.IsKnown() || uv.IsNull() {
		return
	}
	switch {
	case uv.Type() == cty.String:
		if marked {
			addSecretText(uv.AsString(), seen)
		}
	case uv.Type().IsObjectType():
		for name := range uv.Type().AttributeTypes() {
			collectSensitive(uv.GetAttr(name), marked, seen)
		}
	case uv.CanIterateElements():
		for _, e := range model.Elements(uv) {
			collectSensitive(e, marked, seen)
		}
	}
}

// policyVocabulary reports policy language that a sensitive block also
// holds (operators, condition keys, effects, actions, versions): not
// secrets.
func policyVocabulary(s string) bool {
	if _, err := iampolicy.ParseOperator(s); err == nil {
		return true
	}
	l := strings.ToLower(s)
	switch l {
	case "allow", "deny", "aws", "service", "federated", "canonicaluser", "2012-10-17", "2008-10-17":
		return true
	}
	return strings.HasPrefix(l, "aws:") || strings.HasPrefix(l, "execute-api:")
}

// addSecretText adds a sensitive text: itself, trimmed, each of its lines
// and, when it is JSON (a policy read from a file, a sensitive document),
// every key and string in it — the forms a message may quote it in.
// Symbolic tokens (references to other resources) and policy vocabulary are
// not secrets.
func addSecretText(s string, seen map[string]bool) {
	addSecret(s, seen)
	addSecret(strings.TrimSpace(s), seen)
	if strings.Contains(s, "\n") {
		for _, line := range strings.Split(s, "\n") {
			addSecret(strings.TrimSpace(line), seen)
		}
	}
	t := strings.TrimSpace(s)
	if len(t) > 1 && (t[0] == '{' || t[0] == '[') {
		var doc any
		if json.Unmarshal([]byte(t), &doc) == nil {
			addJSONSecrets(doc, seen)
		}
	}
}

func addJSONSecrets(doc any, seen map[string]bool) {
	switch x := doc.(type) {
	case string:
		addSecret(x, seen)
	case []any:
		for _, e := range x {
			addJSONSecrets(e, seen)
		}
	case map[string]any:
		for k, e := range x {
			addSecret(k, seen)
			addJSONSecrets(e, seen)
		}
	}
}

func addSecret(s string, seen map[string]bool) {
	if len(s) < 4 || policyVocabulary(s) || policyElement[s] {
		return
	}
	if r, ok := symbol.Only(s); ok && r.Address != "" {
		return
	}
	seen[s] = true
}

// policyElement holds the element names of a policy document (and of
// aws_iam_policy_document blocks): structure, not secrets.
var policyElement = map[string]bool{
	"Version": true, "Statement": true, "Sid": true, "Effect": true, "Principal": true, "NotPrincipal": true,
	"Action": true, "NotAction": true, "Resource": true, "NotResource": true, "Condition": true, "Id": true,
	"actions": true, "not_actions": true, "resources": true, "not_resources": true, "principals": true,
	"not_principals": true, "condition": true, "effect": true, "identifiers": true, "type": true,
	"test": true, "variable": true, "values": true,
}
