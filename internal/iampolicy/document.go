package iampolicy

import (
	"fmt"
	"sort"
	"strings"
)

// DocumentConfig is the configuration of a data.aws_iam_policy_document.
type DocumentConfig struct {
	// Version defaults to 2012-10-17.
	Version  string
	PolicyID string
	// Statements are the statement blocks in order.
	Statements []StatementConfig
	// SourcePolicyDocuments and OverridePolicyDocuments are JSON texts.
	SourcePolicyDocuments, OverridePolicyDocuments []string
}

// StatementConfig is one statement block.
type StatementConfig struct {
	Sid string
	// Effect defaults to Allow.
	Effect                                       string
	Actions, NotActions, Resources, NotResources []string
	Principals, NotPrincipals                    []PrincipalConfig
	Conditions                                   []ConditionConfig
}

// PrincipalConfig is a principals or not_principals block.
type PrincipalConfig struct {
	Type        string
	Identifiers []string
}

// ConditionConfig is a condition block.
type ConditionConfig struct {
	Test, Variable string
	Values         []string
}

const (
	defaultVersion = "2012-10-17"
	oldVersion     = "2008-10-17"
)

// Build renders the document the way the AWS provider does:
//   - source_policy_documents are merged first, in order; a Sid repeated
//     across them is an error;
//   - then the statement blocks: a statement whose Sid is already present
//     replaces it in place, others are appended; a Sid repeated among the
//     blocks is an error;
//   - then each override_policy_documents entry the same way;
//   - Id is taken from the last document that sets one and Version is the
//     highest seen (the blocks' Version defaults to 2012-10-17);
//   - set-valued arguments (actions, resources, principal identifiers) are
//     de-duplicated and sorted in reverse; condition values keep their order;
//     condition blocks with the same test and variable are joined;
//   - "&{" becomes the policy-variable opener "${" in resources, principal
//     identifiers and condition values (an error under 2008-10-17);
//   - a single principals block of type "*" with identifiers ["*"] renders
//     as "Principal": "*", anything else as a map by type.
//
// The result is validated like a parsed policy.
func (d DocumentConfig) Build() (*Policy, error) {
	merged := &Policy{}
	seen := map[string]bool{}
	for i, text := range d.SourcePolicyDocuments {
		src, err := Parse([]byte(text))
		if err != nil {
			return nil, fmt.Errorf("source_policy_documents[%d]: %w", i, err)
		}
		for _, s := range src.Statements {
			if s.Sid == "" {
				continue
			}
			if seen[s.Sid] {
				return nil, fmt.Errorf("source_policy_documents[%d]: duplicate Sid %q across source documents", i, s.Sid)
			}
			seen[s.Sid] = true
		}
		merged.merge(src)
	}
	own, err := d.own()
	if err != nil {
		return nil, err
	}
	merged.merge(own)
	for i, text := range d.OverridePolicyDocuments {
		over, err := Parse([]byte(text))
		if err != nil {
			return nil, fmt.Errorf("override_policy_documents[%d]: %w", i, err)
		}
		merged.merge(over)
	}
	for i := range merged.Statements {
		merged.Statements[i].Index = i
	}
	return merged, nil
}

// merge follows the provider: adopt next's Id if set, keep the higher
// Version, replace statements with the same Sid in place, append the rest.
func (p *Policy) merge(next *Policy) {
	if next.ID != "" {
		p.ID = next.ID
	}
	if next.Version > p.Version {
		p.Version = next.Version
	}
	for _, s := range next.Statements {
		if i := p.indexOfSid(s.Sid); i >= 0 {
			p.Statements[i] = s
			continue
		}
		p.Statements = append(p.Statements, s)
	}
}

func (p *Policy) indexOfSid(sid string) int {
	if sid == "" {
		return -1
	}
	for i, s := range p.Statements {
		if s.Sid == sid {
			return i
		}
	}
	return -1
}

// own is the document made of the statement blocks alone.
func (d DocumentConfig) own() (*Policy, error) {
	p := &Policy{Version: d.Version, ID: d.PolicyID}
	if p.Version == "" {
		p.Version = defaultVersion
	}
	if p.Version != defaultVersion && p.Version != oldVersion {
		return nil, fmt.Errorf("version %q is not %s or %s", p.Version, defaultVersion, oldVersion)
	}
	sids := map[string]bool{}
	for i, sc := range d.Statements {
		if sc.Sid != "" {
			if sids[sc.Sid] {
				return nil, fmt.Errorf("statement #%d: duplicate Sid %q", i+1, sc.Sid)
			}
			sids[sc.Sid] = true
		}
		raw, err := sc.render(p.Version)
		if err != nil {
			return nil, fmt.Errorf("statement #%d: %w", i+1, err)
		}
		s, err := parseStatement(raw, i)
		if err != nil {
			return nil, err
		}
		p.Statements = append(p.Statements, s)
	}
	return p, nil
}

// render turns the block into the JSON value the provider writes.
func (sc StatementConfig) render(version string) (map[string]any, error) {
	effect := sc.Effect
	if effect == "" {
		effect = Allow
	}
	out := map[string]any{"Effect": effect}
	if sc.Sid != "" {
		out["Sid"] = sc.Sid
	}
	setList(out, "Action", setOf(sc.Actions))
	setList(out, "NotAction", setOf(sc.NotActions))
	for _, e := range []struct {
		name string
		list []string
	}{{"Resource", sc.Resources}, {"NotResource", sc.NotResources}} {
		vals, err := policyVariables(setOf(e.list), version)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", strings.ToLower(e.name)+"s", err)
		}
		setList(out, e.name, vals)
	}
	for _, e := range []struct {
		name   string
		blocks []PrincipalConfig
	}{{"Principal", sc.Principals}, {"NotPrincipal", sc.NotPrincipals}} {
		p, err := renderPrincipals(e.blocks, version)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", e.name, err)
		}
		if p != nil {
			out[e.name] = p
		}
	}
	cond, err := renderConditions(sc.Conditions, version)
	if err != nil {
		return nil, err
	}
	if cond != nil {
		out["Condition"] = cond
	}
	return out, nil
}

func setList(out map[string]any, name string, vals []string) {
	if len(vals) > 0 {
		out[name] = toAny(vals)
	}
}

func renderPrincipals(blocks []PrincipalConfig, version string) (any, error) {
	if len(blocks) == 0 {
		return nil, nil
	}
	if len(blocks) == 1 && blocks[0].Type == "*" {
		if ids := setOf(blocks[0].Identifiers); len(ids) == 1 && ids[0] == "*" {
			return "*", nil
		}
	}
	byType := map[string][]string{}
	for _, b := range blocks {
		ids, err := policyVariables(setOf(b.Identifiers), version)
		if err != nil {
			return nil, err
		}
		byType[b.Type] = append(byType[b.Type], ids...)
	}
	out := map[string]any{}
	for typ, ids := range byType {
		out[typ] = toAny(ids)
	}
	return out, nil
}

func renderConditions(blocks []ConditionConfig, version string) (map[string]any, error) {
	if len(blocks) == 0 {
		return nil, nil
	}
	joined := map[string]map[string][]string{}
	for _, b := range blocks {
		vals, err := policyVariables(b.Values, version)
		if err != nil {
			return nil, fmt.Errorf("condition %s %s: %w", b.Test, b.Variable, err)
		}
		if joined[b.Test] == nil {
			joined[b.Test] = map[string][]string{}
		}
		joined[b.Test][b.Variable] = append(joined[b.Test][b.Variable], vals...)
	}
	out := map[string]any{}
	for test, keys := range joined {
		m := map[string]any{}
		for k, vals := range keys {
			m[k] = toAny(vals)
		}
		out[test] = m
	}
	return out, nil
}

// setOf de-duplicates a set-valued argument and orders it as the provider
// renders it: sorted, then reversed.
func setOf(vals []string) []string {
	if len(vals) == 0 {
		return nil
	}
	uniq := map[string]bool{}
	var out []string
	for _, v := range vals {
		if !uniq[v] {
			uniq[v] = true
			out = append(out, v)
		}
	}
	sort.Sort(sort.Reverse(sort.StringSlice(out)))
	return out
}

// policyVariables rewrites the "&{" escape to the "${" policy-variable
// opener.
func policyVariables(vals []string, version string) ([]string, error) {
	out := make([]string, len(vals))
	for i, v := range vals {
		if strings.Contains(v, "&{") && version == oldVersion {
			return nil, fmt.Errorf("found &{ sequence in %q, which is not supported in document version %s", v, oldVersion)
		}
		out[i] = strings.ReplaceAll(v, "&{", "${")
	}
	return out, nil
}

func toAny(vals []string) []any {
	out := make([]any, len(vals))
	for i, v := range vals {
		out[i] = v
	}
	return out
}
