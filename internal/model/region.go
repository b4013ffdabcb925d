package model

import (
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/zclconf/go-cty/cty"
)

// Region returns the effective AWS region of an instance (aws-facts C8): its
// own `region` argument (provider v6), else its provider configuration's
// region (alias through provider_config_key; module provider configurations
// without a region inherit the root default), else "" (unknown).
func (m *Model) Region(inst *Instance) string {
	if o := m.ownerOf(inst); o != m {
		return o.Region(inst)
	}
	if r, ok := knownString(m.Attr(inst, "region")); ok && r != "" && !isSelfToken(r, inst.Address, "region") {
		return r
	}
	if r := m.providerRegion(inst.ProviderConfigKey, inst.Module); r != "" {
		return r
	}
	return arnRegion(m.Attr(inst, "arn"))
}

// arnRegion reads the region field of a known ARN ("" when none).
func arnRegion(v cty.Value) string {
	s, ok := knownString(v)
	if !ok || !strings.HasPrefix(s, "arn:") {
		return ""
	}
	parts := strings.SplitN(s, ":", 6)
	if len(parts) < 6 {
		return ""
	}
	return parts[3]
}

func (m *Model) providerRegion(key string, mod ModuleInstance) string {
	if key == "" {
		key = "aws"
	}
	candidates := []string{key}
	if i := strings.Index(key, ":"); i >= 0 {
		modPart, local := key[:i], key[i+1:]
		if !strings.HasPrefix(modPart, "module.") {
			candidates = append(candidates, "module."+modPart+":"+local)
		}
		candidates = append(candidates, local)
		if local != "aws" {
			candidates = append(candidates, "aws")
		}
	}
	for _, k := range candidates {
		p := m.providers[k]
		if p == nil {
			continue
		}
		if r, ok := m.providerExprRegion(p, mod); ok {
			return r
		}
	}
	return ""
}

func (m *Model) providerExprRegion(p *tfjson.ProviderConfig, mod ModuleInstance) (string, bool) {
	e := p.Expressions["region"]
	if e == nil || e.ExpressionData == nil {
		return "", false
	}
	if s, ok := e.ConstantValue.(string); ok {
		return s, true
	}
	sc := m.moduleScope(nil)
	if p.ModuleAddress != "" {
		if t, ok := parseTraversal(p.ModuleAddress); ok {
			mi, _ := splitModule(t)
			sc = m.moduleScope(mi)
		}
	}
	if len(e.References) == 1 {
		if v := sc.resolveTraversal(e.References[0]); v != NilValue() {
			if s, ok := knownString(v); ok && !strings.Contains(s, "⟦") {
				return s, true
			}
		}
	}
	_ = mod
	return "", false
}
