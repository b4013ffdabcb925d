package planfile

import "encoding/json"

// prior_state is read for two things: the addresses of its managed
// resources (the consistency check) and its data resources, with their
// values. encoding/json would check the whole section once more, copy
// every resource's values as text (the managed ones for nothing) and build
// each resource through reflection. decodePriorState walks the scanned
// section once, like decodeChanges walks resource_changes: the members
// Terraform writes with the types it writes them by hand, the values as
// spans of the input (dataOnly decodes those of data resources and drops
// them), the few other fields of tfjson.StateResource through
// encoding/json, into the same struct. On anything else — a member
// spelled in another case, a type Terraform does not write — it reports
// false and the caller decodes the section with encoding/json, whose
// results and messages are the reference (FuzzDecodePriorState compares
// both).

// The JSON keys of the lean prior_state types (see foldsTo).
var (
	leanStateKeys     = []string{"format_version", "terraform_version", "values", "checks"}
	stateValuesKeys   = []string{"outputs", "root_module"}
	stateModuleKeys   = []string{"address", "resources", "child_modules"}
	stateResourceKeys = []string{"address", "mode", "type", "name", "index", "provider_name", "schema_version", "values",
		"sensitive_values", "depends_on", "tainted", "deposed_key", "identity_schema_version", "identity"}
)

// priorDecoder holds what the resources of one prior_state share.
type priorDecoder struct {
	data []byte
	tape *tape
	stringDecoder
	// rest lists the members left to encoding/json, per resource.
	rest []restMembers
}

// decodePriorState decodes a well-formed (scanned) prior_state value. The
// values of its resources are parts of data: dataOnly must run before data
// is dropped.
func decodePriorState(data []byte, t *tape) (*leanState, bool) {
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
	d := &priorDecoder{data: data, tape: t}
	d.text.chunk = min(max(len(data)/64, 256), 64<<10)
	ls := &leanState{}
	_, ok := eachMember(t, data, i, func(key []byte, vs, ve int) bool {
		v := data[vs:ve]
		switch string(key) {
		case "format_version":
			return d.str(&ls.FormatVersion, v, false)
		case "terraform_version":
			return d.str(&ls.TerraformVersion, v, false)
		case "values":
			return d.values(&ls.Values, vs)
		case "checks":
			return true // skipped
		}
		return foldsTo(key, leanStateKeys) == "" // else: another spelling
	})
	if !ok {
		return nil, false
	}
	for _, r := range d.rest {
		if json.Unmarshal(r.obj, r.into) != nil {
			return nil, false
		}
	}
	return ls, true
}

// values decodes prior_state.values (null or an object) into *dst.
func (d *priorDecoder) values(dst **leanStateValues, vs int) bool {
	switch d.data[vs] {
	case 'n':
		*dst = nil
		return true
	case '{':
	default:
		return false
	}
	sv := &leanStateValues{}
	*dst = sv
	_, ok := eachMember(d.tape, d.data, vs, func(key []byte, s, _ int) bool {
		switch string(key) {
		case "outputs":
			return true // skipped
		case "root_module":
			return d.module(&sv.RootModule, s)
		}
		return foldsTo(key, stateValuesKeys) == ""
	})
	return ok
}

// module decodes a module (null or an object) into *dst.
func (d *priorDecoder) module(dst **leanModule, vs int) bool {
	data := d.data
	switch data[vs] {
	case 'n':
		*dst = nil
		return true
	case '{':
	default:
		return false
	}
	m := &leanModule{}
	*dst = m
	_, ok := eachMember(d.tape, data, vs, func(key []byte, s, e int) bool {
		switch string(key) {
		case "address":
			return d.str(&m.Address, data[s:e], false)
		case "resources":
			return d.list(s, func() {
				if m.Resources == nil {
					m.Resources = []*leanResource{}
				}
			}, func(es int) bool {
				var r *leanResource
				if data[es] != 'n' {
					r = &leanResource{}
					if !d.resource(r, es) {
						return false
					}
				}
				m.Resources = append(m.Resources, r)
				return true
			})
		case "child_modules":
			return d.list(s, func() {
				if m.ChildModules == nil {
					m.ChildModules = []*leanModule{}
				}
			}, func(es int) bool {
				var c *leanModule
				if data[es] != 'n' && !d.module(&c, es) {
					return false
				}
				m.ChildModules = append(m.ChildModules, c)
				return true
			})
		}
		return foldsTo(key, stateModuleKeys) == ""
	})
	return ok
}

// list decodes an array (or null, which leaves the slice as it is) of
// pointers to structs: start makes the slice empty but not nil, as
// encoding/json does for [], and elem decodes each element.
func (d *priorDecoder) list(vs int, start func(), elem func(es int) bool) bool {
	data := d.data
	switch data[vs] {
	case 'n':
		return true
	case '[':
	default:
		return false
	}
	start()
	return eachElement(d.tape, data, vs, func(es, _ int) bool {
		switch data[es] {
		case 'n', '{':
			return elem(es)
		}
		return false
	})
}

// resource decodes the object at data[vs] into r.
func (d *priorDecoder) resource(r *leanResource, vs int) bool {
	data := d.data
	var rest []byte
	_, ok := eachMember(d.tape, data, vs, func(key []byte, s, e int) bool {
		v := data[s:e]
		switch string(key) {
		case "address":
			return d.str(&r.Address, v, false)
		case "mode":
			return d.str((*string)(&r.Mode), v, true)
		case "type":
			return d.str(&r.Type, v, true)
		case "name":
			return d.str(&r.Name, v, true)
		case "provider_name":
			return d.str(&r.ProviderName, v, true)
		case "values":
			if v[0] == 'n' {
				r.AttributeValues = nil
			} else {
				r.AttributeValues = rawValue(v) // a part of data: see dataOnly
			}
			return true
		case "sensitive_values":
			// json.RawMessage keeps any value, null as its text
			r.SensitiveValues = append(json.RawMessage(nil), v...)
			return true
		case "schema_version":
			if n, ok := smallInt(v); ok {
				r.SchemaVersion = uint64(n)
				return true
			}
		}
		switch k := foldsTo(key, stateResourceKeys); {
		case k == "":
			return true // encoding/json ignores it
		case k != string(key):
			return false // another spelling: the last one would win
		}
		rest = appendRest(rest, data, key, s, e)
		return true
	})
	if !ok {
		return false
	}
	if rest != nil {
		d.rest = append(d.rest, restMembers{into: &r.StateResource, obj: append(rest, '}')})
	}
	return true
}
