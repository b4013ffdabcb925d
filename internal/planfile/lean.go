package planfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"sync"

	tfjson "github.com/hashicorp/terraform-json"
)

// A plan is decoded lean: only what privapi reads becomes Go values, and
// resource values stay JSON text until someone needs them.
//
//   - planned_values, resource_drift, output_changes, relevant_attributes,
//     checks and deferred_changes are checked by the scanner (well-formed,
//     no duplicate keys) but not decoded: nothing reads them. In a real plan
//     planned_values alone repeats every value of resource_changes.
//   - resource_changes[*].change.before/after/after_unknown/
//     before_sensitive/after_sensitive are kept as json.RawMessage (nil for
//     JSON null or absent) in the interface{} fields of tfjson.Change; the
//     model decodes an instance's values when a check first reads them, so
//     the thousands of instances no check looks at never become maps.
//   - prior_state keeps only its data resources (managed resources there
//     repeat the "before" of resource_changes; data sources read while
//     planning exist only there), with their values decoded.
//
// Raw text is pointer-free memory: the garbage collector does not scan it,
// which is most of the cost of holding a large plan.

// skipped is a JSON value the decoder checks and drops.
type skipped struct{}

func (*skipped) UnmarshalJSON([]byte) error { return nil }

// rawValue is a JSON value kept as its text (nil for null).
type rawValue json.RawMessage

func (v *rawValue) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*v = nil
		return nil
	}
	*v = append(rawValue(nil), b...)
	return nil
}

// iface returns the value for an interface{} field: json.RawMessage, or
// nil for null.
func (v rawValue) iface() any {
	if v == nil {
		return nil
	}
	return json.RawMessage(v)
}

// decodeNumber decodes JSON text into generic values with numbers as
// json.Number.
func decodeNumber(b []byte) (any, error) {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var out any
	err := d.Decode(&out)
	return out, err
}

type leanPlan struct {
	rawPlan
	Variables          map[string]*leanVariable `json:"variables,omitempty"`
	ResourceChanges    []*leanResourceChange    `json:"resource_changes,omitempty"`
	PriorState         *leanState               `json:"prior_state,omitempty"`
	PlannedValues      skipped                  `json:"planned_values"`
	ResourceDrift      skipped                  `json:"resource_drift"`
	OutputChanges      skipped                  `json:"output_changes"`
	RelevantAttributes skipped                  `json:"relevant_attributes"`
	Checks             skipped                  `json:"checks"`
	DeferredChanges    skipped                  `json:"deferred_changes"`

	// changes is resource_changes when decodeChanges decoded it (else
	// ResourceChanges holds it, decoded by encoding/json).
	changes []*tfjson.ResourceChange
}

type leanVariable struct {
	Value rawValue `json:"value"`
}

type leanResourceChange struct {
	tfjson.ResourceChange
	Change *leanChange `json:"change,omitempty"`
}

type leanChange struct {
	tfjson.Change
	Before          rawValue `json:"before,omitempty"`
	After           rawValue `json:"after,omitempty"`
	AfterUnknown    rawValue `json:"after_unknown,omitempty"`
	BeforeSensitive rawValue `json:"before_sensitive,omitempty"`
	AfterSensitive  rawValue `json:"after_sensitive,omitempty"`
}

type leanState struct {
	FormatVersion    string           `json:"format_version,omitempty"`
	TerraformVersion string           `json:"terraform_version,omitempty"`
	Values           *leanStateValues `json:"values,omitempty"`
	Checks           skipped          `json:"checks"`
}

type leanStateValues struct {
	Outputs    skipped     `json:"outputs"`
	RootModule *leanModule `json:"root_module,omitempty"`
}

type leanModule struct {
	Address      string          `json:"address,omitempty"`
	Resources    []*leanResource `json:"resources,omitempty"`
	ChildModules []*leanModule   `json:"child_modules,omitempty"`
}

type leanResource struct {
	tfjson.StateResource
	AttributeValues rawValue `json:"values,omitempty"`
}

// decodeLean decodes a plan from the spans of its top-level values (see
// scan): the large sections straight into their fields, the sections
// nothing reads not at all (encoding/json would still check and skip
// them), and the small rest as one object. Type errors name the JSON path
// and the offset in data.
func decodeLean(data []byte, res scanResult) (*leanPlan, error) {
	top := res.top
	lp := &leanPlan{}
	rest := []byte{'{'}
	type placed struct{ at, start int } // a value at rest[at:] is data[start:]
	var moved []placed
	// resource_changes (most of a plan) is decoded on another goroutine
	// while this one decodes the other sections; each writes its own field.
	// The rest goes last, as it may name a field in another case.
	errs := make([]error, len(top))
	var changes sync.WaitGroup
	for i, sp := range top {
		var target any
		switch sp.key {
		case "planned_values", "resource_drift", "output_changes", "relevant_attributes", "checks", "deferred_changes":
			continue
		case "variables":
			target = &lp.Variables
		case "resource_changes":
			changes.Add(1)
			go func() {
				defer changes.Done()
				if rcs, ok := decodeChanges(data[sp.start:sp.end], newTape(res.spans, sp.start)); ok {
					lp.changes = rcs
					return
				}
				errs[i] = unmarshalSection(data, sp, &lp.ResourceChanges)
			}()
			continue
		case "prior_state":
			if ls, ok := decodePriorState(data[sp.start:sp.end], newTape(res.spans, sp.start)); ok {
				lp.PriorState = ls
				continue
			}
			target = &lp.PriorState
		default:
			if len(rest) > 1 {
				rest = append(rest, ',')
			}
			k, _ := json.Marshal(sp.key)
			rest = append(append(rest, k...), ':')
			moved = append(moved, placed{len(rest), sp.start})
			rest = append(rest, data[sp.start:sp.end]...)
			continue
		}
		errs[i] = unmarshalSection(data, sp, target)
	}
	changes.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err // the first section in input order
		}
	}
	rest = append(rest, '}')
	if err := json.Unmarshal(rest, lp); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			// back from the synthesized object to data
			for i := len(moved) - 1; i >= 0; i-- {
				if te.Offset >= int64(moved[i].at) {
					te.Offset += int64(moved[i].start - moved[i].at)
					break
				}
			}
		}
		return nil, err
	}
	return lp, nil
}

// unmarshalSection decodes one top-level value into target; a type error
// names its JSON path from the top and its offset in data.
func unmarshalSection(data []byte, sp topSpan, target any) error {
	err := json.Unmarshal(data[sp.start:sp.end], target)
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		te.Field = strings.TrimSuffix(sp.key+"."+te.Field, ".")
		te.Offset += int64(sp.start)
	}
	return err
}

// resourceChanges returns resource_changes as the plan holds it: what
// decodeChanges decoded, or the lean decoding of encoding/json turned into
// the plan's types.
func (lp *leanPlan) resourceChanges() []*tfjson.ResourceChange {
	if lp.changes != nil || lp.ResourceChanges == nil {
		return lp.changes
	}
	out := make([]*tfjson.ResourceChange, len(lp.ResourceChanges))
	for i, lrc := range lp.ResourceChanges {
		if lrc == nil {
			continue
		}
		rc := &lrc.ResourceChange
		if c := lrc.Change; c != nil {
			if bytes.Equal(c.Before, c.After) {
				c.Before = c.After // a no-op: keep the text once
			}
			ch := c.Change
			ch.Before, ch.After, ch.AfterUnknown = c.Before.iface(), c.After.iface(), c.AfterUnknown.iface()
			ch.BeforeSensitive, ch.AfterSensitive = c.BeforeSensitive.iface(), c.AfterSensitive.iface()
			rc.Change = &ch
		}
		out[i] = rc
	}
	return out
}

// plan turns the lean decoding into a tfjson.Plan (see the comment above
// for what it holds), with rcs (from resourceChanges) as its changes.
func (lp *leanPlan) plan(rcs []*tfjson.ResourceChange) (*tfjson.Plan, error) {
	p := (*tfjson.Plan)(&lp.rawPlan)
	if lp.Variables != nil {
		p.Variables = make(map[string]*tfjson.PlanVariable, len(lp.Variables))
		for name, v := range lp.Variables {
			if v == nil {
				p.Variables[name] = nil
				continue
			}
			var val any
			if v.Value != nil {
				var err error
				if val, err = decodeValue(v.Value); err != nil {
					return nil, err
				}
			}
			p.Variables[name] = &tfjson.PlanVariable{Value: val}
		}
	}
	p.ResourceChanges = rcs
	if ls := lp.PriorState; ls != nil {
		st := &tfjson.State{FormatVersion: ls.FormatVersion, TerraformVersion: ls.TerraformVersion}
		if ls.Values != nil {
			st.Values = &tfjson.StateValues{}
			if ls.Values.RootModule != nil {
				m, err := ls.Values.RootModule.dataOnly()
				if err != nil {
					return nil, err
				}
				st.Values.RootModule = m
			}
		}
		p.PriorState = st
		// p is part of lp: drop what it no longer needs (the values of
		// managed resources that decodePriorState left as parts of
		// the input)
		lp.PriorState = nil
	}
	return p, nil
}

// dataOnly converts a prior_state module, keeping data resources only.
func (lm *leanModule) dataOnly() (*tfjson.StateModule, error) {
	m := &tfjson.StateModule{Address: lm.Address}
	for _, lr := range lm.Resources {
		if lr == nil || lr.Mode != tfjson.DataResourceMode {
			continue
		}
		r := &lr.StateResource
		if lr.AttributeValues != nil {
			v, err := decodeValue(lr.AttributeValues)
			if err != nil {
				return nil, err
			}
			r.AttributeValues, _ = v.(map[string]any)
			// r is part of lr: drop the text (decodePriorState's is
			// part of the input)
			lr.AttributeValues = nil
		}
		m.Resources = append(m.Resources, r)
	}
	for _, c := range lm.ChildModules {
		if c == nil {
			continue
		}
		cm, err := c.dataOnly()
		if err != nil {
			return nil, err
		}
		m.ChildModules = append(m.ChildModules, cm)
	}
	return m, nil
}
