package model

import (
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/privapi/privapi/internal/waiver/addr"
)

// ModuleStep is one module call in a module instance path: module.NAME[KEY].
type ModuleStep struct {
	Name string
	// Key is nil for a single instance, else a cty.Number (count) or cty.String (for_each).
	Key *cty.Value
}

// ModuleInstance is a path of module calls from the root; empty = root.
type ModuleInstance []ModuleStep

// String renders module.a["k"].module.b[0].
func (mi ModuleInstance) String() string {
	if len(mi) == 0 {
		return ""
	}
	var buf [128]byte
	return string(mi.AppendTo(buf[:0]))
}

// AppendTo appends String's text to b (one allocation for the string,
// none for the keys: the walks and lookups render module paths often).
func (mi ModuleInstance) AppendTo(b []byte) []byte {
	for i, s := range mi {
		if i > 0 {
			b = append(b, '.')
		}
		b = append(b, "module."...)
		b = append(b, s.Name...)
		if s.Key != nil {
			b = appendKey(b, *s.Key)
		}
	}
	return b
}

// Calls returns the call names without keys: the config module path.
func (mi ModuleInstance) Calls() []string {
	out := make([]string, len(mi))
	for i, s := range mi {
		out[i] = s.Name
	}
	return out
}

// ConfigKey is the config module path joined with dots ("" for root).
func (mi ModuleInstance) ConfigKey() string { return strings.Join(mi.Calls(), ".") }

// Child returns mi extended by one call.
func (mi ModuleInstance) Child(name string, key *cty.Value) ModuleInstance {
	out := make(ModuleInstance, len(mi), len(mi)+1)
	copy(out, mi)
	return append(out, ModuleStep{Name: name, Key: key})
}

// Parent drops the last call.
func (mi ModuleInstance) Parent() ModuleInstance {
	if len(mi) == 0 {
		return nil
	}
	return mi[:len(mi)-1]
}

func keyString(k cty.Value) string { return string(appendKey(nil, k)) }

// appendKey appends an instance key as an address writes it: [0], ["k"],
// [?] when unknown or of another type.
func appendKey(b []byte, k cty.Value) []byte {
	if !k.IsKnown() || k.IsNull() {
		return append(b, "[?]"...)
	}
	if k.Type() == cty.Number {
		bf := k.AsBigFloat()
		b = append(b, '[')
		if i, acc := bf.Int64(); acc == 0 {
			b = strconv.AppendInt(b, i, 10)
		} else {
			b = append(b, bf.String()...)
		}
		return append(b, ']')
	}
	if k.Type() == cty.String {
		b = append(b, '[')
		b = strconv.AppendQuote(b, k.AsString())
		return append(b, ']')
	}
	return append(b, "[?]"...)
}

// prefix joins a module instance and a local address.
func prefix(mi ModuleInstance, local string) string {
	if len(mi) == 0 {
		return local
	}
	var buf [128]byte
	b := append(mi.AppendTo(buf[:0]), '.')
	return string(append(b, local...))
}

// ParseTraversal parses an absolute traversal like
// module.a["k"].aws_x.y[0].id (the steps carry no source ranges).
func ParseTraversal(s string) (hcl.Traversal, bool) { return parseTraversal(s) }

func parseTraversal(s string) (hcl.Traversal, bool) {
	if t, ok := addr.ParseTraversal(s); ok {
		return t, true
	}
	t, diags := hclsyntax.ParseTraversalAbs([]byte(s), "", hcl.Pos{Line: 1, Column: 1})
	if diags.HasErrors() {
		return nil, false
	}
	return t, true
}

// stepName returns the name of an attribute or root step.
func stepName(s hcl.Traverser) (string, bool) {
	switch v := s.(type) {
	case hcl.TraverseRoot:
		return v.Name, true
	case hcl.TraverseAttr:
		return v.Name, true
	}
	return "", false
}

// stepKey returns the key of an index step.
func stepKey(s hcl.Traverser) (cty.Value, bool) {
	if v, ok := s.(hcl.TraverseIndex); ok {
		return v.Key, true
	}
	return cty.NilVal, false
}

// splitModule splits an absolute instance address into its module instance
// and the local rest (e.g. aws_x.y[0]).
func splitModule(t hcl.Traversal) (ModuleInstance, hcl.Traversal) {
	var mi ModuleInstance
	i := 0
	for i+1 < len(t) {
		name, ok := stepName(t[i])
		if !ok || name != "module" {
			break
		}
		callName, ok := stepName(t[i+1])
		if !ok {
			break
		}
		step := ModuleStep{Name: callName}
		i += 2
		if i < len(t) {
			if k, ok := stepKey(t[i]); ok {
				kk := k
				step.Key = &kk
				i++
			}
		}
		mi = append(mi, step)
	}
	rest := make(hcl.Traversal, 0, len(t)-i)
	for j := i; j < len(t); j++ {
		s := t[j]
		if j == i {
			if a, ok := s.(hcl.TraverseAttr); ok {
				s = hcl.TraverseRoot{Name: a.Name}
			}
		}
		rest = append(rest, s)
	}
	return mi, rest
}

// IndexText renders an index key as in an address: [0], ["k"], [?] when
// the key is not known.
func IndexText(k cty.Value) string { return keyString(k) }

// TraversalText renders a traversal (or its remaining steps, as an
// attribute path such as dns_entry[0].dns_name) the way addresses are
// written; computed indexes show as [?], splats as [*].
func TraversalText(t hcl.Traversal) string {
	var b strings.Builder
	for _, s := range t {
		switch v := s.(type) {
		case hcl.TraverseRoot:
			b.WriteString(v.Name)
		case hcl.TraverseAttr:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(v.Name)
		case hcl.TraverseIndex:
			b.WriteString(keyString(v.Key))
		case hcl.TraverseSplat:
			b.WriteString("[*]")
		}
	}
	return b.String()
}
