package planfile

import (
	"bytes"
	"fmt"
	"strconv"

	tfjson "github.com/hashicorp/terraform-json"
)

// A plan must agree with itself. Terraform writes every resource instance
// that the configuration or the prior state holds into resource_changes
// exactly once (a no-op included), so a plan whose resource_changes lists
// an address twice, or lacks a managed resource that planned_values or
// prior_state holds, was edited after Terraform wrote it: checking what is
// left would be a partial pass. A plan with "errored": true is what
// terraform plan wrote when it failed: incomplete by its own account.

// inconsistentPlan returns why the plan does not agree with itself ("" when
// it does). A plan made with -target or -refresh-only has prior_state
// resources without a change too; it is refused as well, since privapi
// would judge only part of the configuration.
func inconsistentPlan(data []byte, top []topSpan, rcs []*tfjson.ResourceChange, lp *leanPlan) string {
	for _, sp := range top {
		if bytes.EqualFold([]byte(sp.key), []byte("errored")) && string(bytes.TrimSpace(data[sp.start:sp.end])) == "true" {
			return `the plan says "errored": true: terraform plan failed, so the plan is incomplete; fix the errors terraform reported and plan again`
		}
	}
	changes := make(map[string]int, len(rcs))
	for i, rc := range rcs {
		if rc == nil {
			continue
		}
		if j, dup := changes[rc.Address]; dup {
			return fmt.Sprintf("resource_changes[%d] and resource_changes[%d] both have the address %s: Terraform lists each resource instance once", j, i, strconv.Quote(clip(rc.Address, 120)))
		}
		changes[rc.Address] = i
	}
	missing := func(section, addr string) string {
		if len(changes) == 0 {
			return fmt.Sprintf("%s holds the resource %s but resource_changes is empty: Terraform lists every resource instance there", section, strconv.Quote(clip(addr, 120)))
		}
		return fmt.Sprintf("%s holds the resource %s but resource_changes has no entry for it: Terraform lists every resource instance there", section, strconv.Quote(clip(addr, 120)))
	}
	for _, sp := range top {
		if sp.key != "planned_values" {
			continue
		}
		addrs, ok := plannedManaged(data[sp.start:sp.end])
		if !ok {
			return "planned_values does not have the shape Terraform writes (root_module with resources and child_modules)"
		}
		for _, a := range addrs {
			if _, ok := changes[a]; !ok {
				return missing("planned_values", a)
			}
		}
	}
	if ps := lp.PriorState; ps != nil && ps.Values != nil {
		var msg string
		var walk func(m *leanModule)
		walk = func(m *leanModule) {
			if m == nil || msg != "" {
				return
			}
			for _, r := range m.Resources {
				if r != nil && r.Mode == "managed" {
					if _, ok := changes[r.Address]; !ok {
						msg = missing("prior_state", r.Address) + " (a plan made with -target or -refresh-only lists only part of the world, and checking part of it would be a partial pass)"
						return
					}
				}
			}
			for _, c := range m.ChildModules {
				walk(c)
			}
		}
		walk(ps.Values.RootModule)
		return msg
	}
	return ""
}

// plannedManaged lists the addresses of the managed resources in a
// planned_values section (already scanned: valid JSON), reading only the
// keys on the way to them. Keys match as encoding/json matches them
// (case-insensitively), so that what is cross-checked is what would be
// decoded.
func plannedManaged(data []byte) ([]string, bool) {
	i := skipWS(data, 0)
	if i >= len(data) {
		return nil, false
	}
	switch data[i] {
	case 'n':
		return nil, true
	case '{':
	default:
		return nil, false
	}
	var out []string
	var module func(vs int) bool
	module = func(vs int) bool {
		switch data[vs] {
		case 'n':
			return true
		case '{':
		default:
			return false
		}
		_, ok := eachMember(data, vs, func(key []byte, s, e int) bool {
			switch {
			case bytes.EqualFold(key, []byte("resources")):
				return eachElement(data, s, func(rs, _ int) bool {
					if data[rs] == 'n' {
						return true
					}
					if data[rs] != '{' {
						return false
					}
					var addr, mode string
					_, ok := eachMember(data, rs, func(k []byte, as, ae int) bool {
						switch {
						case bytes.EqualFold(k, []byte("address")):
							return jsonString(data[as:ae], &addr)
						case bytes.EqualFold(k, []byte("mode")):
							if string(data[as:ae]) == `"managed"` {
								mode = "managed" // as written by Terraform: no copy
								return true
							}
							return jsonString(data[as:ae], &mode)
						}
						return true
					})
					if ok && mode == "managed" {
						out = append(out, addr)
					}
					return ok
				})
			case bytes.EqualFold(key, []byte("child_modules")):
				return eachElement(data, s, func(cs, _ int) bool { return module(cs) })
			}
			return true
		})
		return ok
	}
	_, ok := eachMember(data, i, func(key []byte, s, e int) bool {
		if bytes.EqualFold(key, []byte("root_module")) {
			return module(s)
		}
		return true
	})
	return out, ok
}

// eachElement calls fn for each element of the array (or null) at data[i].
func eachElement(data []byte, i int, fn func(vs, ve int) bool) bool {
	switch data[i] {
	case 'n':
		return true
	case '[':
	default:
		return false
	}
	i = skipWS(data, i+1)
	if i < len(data) && data[i] == ']' {
		return true
	}
	for i < len(data) {
		ve := skipValue(data, i)
		if !fn(i, ve) {
			return false
		}
		i = skipWS(data, ve)
		if i >= len(data) {
			return false
		}
		switch data[i] {
		case ']':
			return true
		case ',':
			i = skipWS(data, i+1)
		default:
			return false
		}
	}
	return false
}

// jsonString decodes a JSON string value (null leaves s empty).
func jsonString(v []byte, s *string) bool {
	if len(v) > 0 && v[0] == 'n' {
		return true
	}
	if len(v) < 2 || v[0] != '"' {
		return false
	}
	if bytes.IndexByte(v, '\\') < 0 {
		*s = string(v[1 : len(v)-1])
		return true
	}
	if u, ok := unquoteASCII(v); ok {
		*s = u
		return true
	}
	*s = string(unescapeKey(v))
	return true
}

// unquoteASCII unquotes a JSON string of ASCII bytes whose only escapes are
// \", \\ and \/ (module addresses: module.api[\"k\"]) as encoding/json
// would, without it; false for anything else.
func unquoteASCII(v []byte) (string, bool) {
	in := v[1 : len(v)-1]
	b := make([]byte, 0, len(in))
	for i := 0; i < len(in); i++ {
		c := in[i]
		switch {
		case c >= 0x80 || c < 0x20:
			return "", false
		case c == '\\':
			if i+1 >= len(in) {
				return "", false
			}
			switch in[i+1] {
			case '"', '\\', '/':
				c = in[i+1]
				i++
			default:
				return "", false
			}
		}
		b = append(b, c)
	}
	return string(b), true
}
