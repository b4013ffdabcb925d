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
func inconsistentPlan(data []byte, res scanResult, rcs []*tfjson.ResourceChange, lp *leanPlan) string {
	for _, sp := range res.top {
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
	for _, sp := range res.top {
		if sp.key != "planned_values" {
			continue
		}
		// the first address missing from resource_changes, if the whole
		// section has the expected shape
		var first string
		found := false
		ok := plannedManaged(newTape(res.spans, sp.start), data[sp.start:sp.end], func(addr []byte) {
			if _, ok := changes[string(addr)]; !ok && !found {
				first, found = string(addr), true
			}
		})
		if !ok {
			return "planned_values does not have the shape Terraform writes (root_module with resources and child_modules)"
		}
		if found {
			return missing("planned_values", first)
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

// plannedManaged calls fn with the address of each managed resource in a
// planned_values section (already scanned: valid JSON), in input order,
// reading only the keys on the way to them; addr is only valid during the
// call. Keys match as encoding/json matches them (case-insensitively, the
// last of a key spelled twice wins), so that what is cross-checked is what
// would be decoded. false: not the shape Terraform writes.
func plannedManaged(t *tape, data []byte, fn func(addr []byte)) bool {
	i := skipWS(data, 0)
	if i >= len(data) {
		return false
	}
	switch data[i] {
	case 'n':
		return true
	case '{':
	default:
		return false
	}
	var addrBuf, modeBuf []byte // unescaped texts
	resource := func(rs, _ int) bool {
		if data[rs] == 'n' {
			return true
		}
		if data[rs] != '{' {
			return false
		}
		var addr, mode []byte
		_, ok := eachMember(t, data, rs, func(k []byte, as, ae int) bool {
			switch {
			case bytes.EqualFold(k, []byte("address")):
				return jsonText(data[as:ae], &addr, &addrBuf)
			case bytes.EqualFold(k, []byte("mode")):
				return jsonText(data[as:ae], &mode, &modeBuf)
			}
			return true
		})
		if ok && string(mode) == "managed" {
			fn(addr)
		}
		return ok
	}
	var module func(vs, _ int) bool
	module = func(vs, _ int) bool {
		switch data[vs] {
		case 'n':
			return true
		case '{':
		default:
			return false
		}
		_, ok := eachMember(t, data, vs, func(key []byte, s, e int) bool {
			switch {
			case bytes.EqualFold(key, []byte("resources")):
				return eachElement(t, data, s, resource)
			case bytes.EqualFold(key, []byte("child_modules")):
				return eachElement(t, data, s, module)
			}
			return true
		})
		return ok
	}
	_, ok := eachMember(t, data, i, func(key []byte, s, e int) bool {
		if bytes.EqualFold(key, []byte("root_module")) {
			return module(s, e)
		}
		return true
	})
	return ok
}

// eachElement calls fn for each element of the array (or null) at data[i].
func eachElement(t *tape, data []byte, i int, fn func(vs, ve int) bool) bool {
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
		ve := t.skip(data, i)
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

// jsonText sets *dst to the text of the JSON string v as encoding/json
// decodes it (null leaves *dst as it is; false for another type): a part
// of v when it has no escapes, else *buf, which it reuses.
func jsonText(v []byte, dst, buf *[]byte) bool {
	if len(v) > 0 && v[0] == 'n' {
		return true
	}
	if len(v) < 2 || v[0] != '"' {
		return false
	}
	if bytes.IndexByte(v, '\\') < 0 {
		*dst = v[1 : len(v)-1]
		return true
	}
	b, ok := appendUnquoteASCII((*buf)[:0], v)
	if !ok {
		b = append((*buf)[:0], unescapeKey(v)...)
	}
	*buf, *dst = b, b
	return true
}

// appendUnquoteASCII appends the text of the JSON string v to b when v is
// ASCII and its only escapes are those of one character (module
// addresses: module.api[\"k\"]; policies: \" and \n), as encoding/json
// would decode it, without it; false for anything else (\u escapes).
func appendUnquoteASCII(b, v []byte) ([]byte, bool) {
	in := v[1 : len(v)-1]
	for i := 0; i < len(in); i++ {
		c := in[i]
		switch {
		case c >= 0x80 || c < 0x20:
			return b, false
		case c == '\\':
			if i+1 >= len(in) {
				return b, false
			}
			switch c = in[i+1]; c {
			case '"', '\\', '/':
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			default:
				return b, false
			}
			i++
		}
		b = append(b, c)
	}
	return b, true
}
