package model

import (
	"strings"

	"github.com/privapi/privapi/internal/symbol"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/zclconf/go-cty/cty"
)

// Region returns the effective AWS region of an instance (see https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html): its
// own `region` argument (provider v6), else its provider configuration's
// region (alias through provider_config_key; module provider configurations
// without a region inherit the root default), else "" (unknown).
func (m *Model) Region(inst *Instance) string {
	if o := m.ownerOf(inst); o != m {
		return o.Region(inst)
	}
	r, ok := knownString(m.Attr(inst, "region"))
	if ok && r != "" && !isSelfToken(r, inst.Address, "region") {
		return r
	}
	if (!ok || isSelfToken(r, inst.Address, "region")) && m.Kind != "state" && m.Configured(inst, "region") {
		return "" // its own region argument, known only after apply: not the provider's
	}
	if r := m.providerRegion(inst.ProviderConfigKey, inst.Module); r != "" {
		return r
	}
	if r := arnRegion(m.Attr(inst, "arn")); r != "" {
		return r
	}
	key := m.providerKey(inst.ProviderConfigKey)
	if inst.Mode != "data" || inst.Type != "aws_region" {
		if r := m.readRegion(key); r != "" {
			return r
		}
	}
	if m.Kind == "state" {
		return ""
	}
	// The provider configuration sets no region (it comes from the
	// environment): every resource under it shares that one region, which
	// compares equal to itself and to nothing else known.
	return symbol.Ref{Address: "provider." + strings.ReplaceAll(key, ":", ".module."), Attr: "region"}.Token()
}

// providerKey is the provider configuration a key resolves to (the first
// candidate of providerRegion that the configuration has, else the key).
func (m *Model) providerKey(key string) string {
	if key == "" {
		key = "aws"
	}
	if _, ok := m.providers[key]; ok {
		return key
	}
	if i := strings.Index(key, ":"); i >= 0 {
		modPart, local := key[:i], key[i+1:]
		for _, k := range []string{"module." + modPart + ":" + local, local, "aws"} {
			if _, ok := m.providers[k]; ok {
				return k
			}
		}
		return local
	}
	return key
}

// readRegion is the region a data.aws_region read while planning reports
// for a provider configuration: the region the provider works in ("" when
// no such data source was read, or they disagree).
func (m *Model) readRegion(key string) string {
	if m.regions == nil {
		m.regions = map[string]string{}
		for _, d := range m.OfType("data.aws_region") {
			if configured, _ := knownString(m.Attr(d, "name")); configured != "" && m.Configured(d, "name") {
				continue // a lookup of another region by name
			}
			r, ok := knownString(m.Attr(d, "region"))
			if !ok || r == "" || strings.Contains(r, "⟦") {
				r, ok = knownString(m.Attr(d, "name"))
			}
			if !ok || r == "" || strings.Contains(r, "⟦") {
				continue
			}
			k := m.providerKey(d.ProviderConfigKey)
			if old, seen := m.regions[k]; seen && old != r {
				r = "-"
			}
			m.regions[k] = r
		}
	}
	if r := m.regions[key]; r != "-" {
		return r
	}
	return ""
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
