package planfile

import (
	"encoding/json"
	"slices"
	"testing"
)

// pvModule is what plannedManaged reads of planned_values, for
// encoding/json.
type pvModule struct {
	Resources []*struct {
		Address string `json:"address"`
		Mode    string `json:"mode"`
	} `json:"resources"`
	ChildModules []*pvModule `json:"child_modules"`
}

// plannedManagedJSON is the reference: the managed addresses encoding/json
// decodes, sorted; false when it refuses the shape.
func plannedManagedJSON(data []byte) ([]string, bool) {
	var pv *struct {
		RootModule *pvModule `json:"root_module"`
	}
	if json.Unmarshal(data, &pv) != nil {
		return nil, false
	}
	var out []string
	var walk func(m *pvModule)
	walk = func(m *pvModule) {
		if m == nil {
			return
		}
		for _, r := range m.Resources {
			if r != nil && r.Mode == "managed" {
				out = append(out, r.Address)
			}
		}
		for _, c := range m.ChildModules {
			walk(c)
		}
	}
	if pv != nil {
		walk(pv.RootModule)
	}
	slices.Sort(out)
	return out, true
}

// checkPlannedManaged: on scanned input, plannedManaged refuses what
// encoding/json refuses and finds the addresses it decodes.
func checkPlannedManaged(t *testing.T, data []byte) {
	t.Helper()
	res, serr := scanSpans(data, 1) // every container inside the elements
	if serr != nil {
		return
	}
	var got, counted []string
	ok := plannedManaged(newTape(res.spans, 0), data, func(addr []byte) { got = append(got, string(addr)) })
	countedOK := plannedManaged(nil, data, func(addr []byte) { counted = append(counted, string(addr)) })
	if ok != countedOK || !slices.Equal(got, counted) {
		t.Fatalf("plannedManaged with the scanner's spans (%v %q) and without (%v %q) differ on %q", ok, got, countedOK, counted, data)
	}
	want, wantOK := plannedManagedJSON(data)
	if ok != wantOK {
		t.Fatalf("plannedManaged ok=%v, encoding/json ok=%v: %q", ok, wantOK, data)
	}
	slices.Sort(got)
	if ok && !slices.Equal(got, want) {
		t.Fatalf("plannedManaged %q, encoding/json %q on %q", got, want, data)
	}
}

var plannedSeeds = []string{
	`null`, `{}`, `{"root_module":null}`, `{"root_module":{}}`,
	`{"root_module":{"resources":[{"address":"a.b","mode":"managed"},{"address":"d.e","mode":"data"},null]}}`,
	`{"root_module":{"child_modules":[{"resources":[{"address":"module.m[\"k\"].a.b","mode":"managed"}]}],"resources":[{"mode":"managed","address":"a.c"}]}}`,
	`{"ROOT_MODULE":{"Resources":[{"Address":"a.b","MODE":"managed","address":"a.c"}]}}`,
	`{"root_module":{"resources":[{"address":"a.b","mode":"managed","Address":null}]}}`,
	`{"root_module":{"resources":[{"address":"a\u00e9\n","mode":"man\u0061ged"}]}}`,
	`{"root_module":{"resources":[{"address":1,"mode":"managed"}]}}`,
	`{"root_module":{"resources":{}}}`, `{"root_module":[]}`, `[]`,
	`{"root_module":{"child_modules":[null,{"child_modules":[{"resources":[{"address":"x","mode":"managed","values":{"a":[1,{"b":"}"}]}}]}]}]}}`,
}

func TestPlannedManagedMatchesEncodingJSON(t *testing.T) {
	for _, s := range plannedSeeds {
		checkPlannedManaged(t, []byte(s))
	}
	var got []string
	ok := plannedManaged(nil, []byte(plannedSeeds[5]), func(addr []byte) { got = append(got, string(addr)) })
	if want := []string{`module.m["k"].a.b`, "a.c"}; !ok || !slices.Equal(got, want) {
		t.Errorf("plannedManaged = %q, %v; want %q in input order", got, ok, want)
	}
}

func FuzzPlannedManaged(f *testing.F) {
	for _, s := range plannedSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkPlannedManaged(t, data) })
}
