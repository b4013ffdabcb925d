package checks_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/privapi/privapi/checks"
	"github.com/privapi/privapi/internal/engine"
	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/longtest"
	"github.com/privapi/privapi/internal/planfile"
)

// skipAttrs are attributes whose value no check may depend on.
var skipAttrs = map[string]bool{"id": true, "arn": true, "tags": true, "tags_all": true}

// sourceOnly lists checks whose failing verdict rests on what only the .tf
// source shows; without source they abstain (no result), which is not a
// pass. Each entry says why the plan alone cannot tell.
var sourceOnly = map[string]string{
	"PA307": "timestamp(), plantimestamp() and uuid() calls in triggers are visible only in the source; the plan shows an unknown trigger, as for any hash of ids known after apply",
}

// TestFailClosed is the metamorphic fail-closed test of issue 8. For every
// fixture whose expected.json lists a failing finding of a registered check,
// it makes each top-level attribute of the finding's resource unknown, one at
// a time, as Terraform does for a value known only after apply (the
// attribute leaves change.after and the planned values, change.after_unknown
// says true), and runs the analysis again, with the fixture's source and
// without source. The finding for that check and address must still be
// there, as fail or unverified: an unknown value may weaken a proof into
// "unverified", but it never makes a finding disappear or pass.
//
// `go test ./...` (and -short) analyses the mutated plans with source
// only; PRIVAPI_LONG_TESTS=1 (a step of CI) analyses each without source
// too. With PRIVAPI_FAILCLOSED_RELATED=1 the attributes of the resources
// the finding relates (result.Related: endpoint, rules, client...) are made
// unknown as well.
//
// Without source the reference is the unmutated plan analysed without
// source: a finding it makes must survive every mutation. That it makes the
// finding at all is asserted by the subtest "without-source" (except for
// sourceOnly checks).
func TestFailClosed(t *testing.T) {
	exps, _ := filepath.Glob("../fixtures/*/expected.json")
	if len(exps) == 0 {
		t.Fatal("no fixtures found")
	}
	registered := map[string]bool{}
	for _, c := range checks.All() {
		registered[c.ID] = true
	}
	var mutations atomic.Int64
	t.Cleanup(func() { t.Logf("%d mutated plans", mutations.Load()) })
	for _, exp := range exps {
		dir := filepath.Dir(exp)
		planPath := filepath.Join(dir, "plan.json")
		raw, err := os.ReadFile(planPath)
		if err != nil {
			continue // a state: nothing in it is unknown
		}
		var want expected
		data, err := os.ReadFile(exp)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, &want); err != nil {
			t.Fatalf("%s: %v", exp, err)
		}
		hasFail := false
		for _, f := range want.Findings {
			hasFail = hasFail || (f.Status == string(finding.Fail) && registered[f.ID])
		}
		if !hasFail {
			continue
		}
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Parallel()
			doc := decode(t, raw, planPath)
			base := analyze(t, doc, dir)
			noSrc := analyze(t, doc, "")
			// The subjects: the actual failing results the fixture expects.
			var targets []target
			seen := map[target]bool{}
			for _, f := range want.Findings {
				if f.Status != string(finding.Fail) || !registered[f.ID] {
					continue
				}
				for _, r := range base {
					if r.CheckID == f.ID && r.Status == finding.Fail && (f.Address == "" || r.Address == f.Address) {
						tg := target{r.CheckID, r.Address}
						if !seen[tg] {
							seen[tg] = true
							targets = append(targets, tg)
						}
					}
				}
			}
			t.Run("without-source", func(t *testing.T) {
				for _, tg := range targets {
					if st := statusOf(noSrc, tg.id, tg.addr); !failing(st) && sourceOnly[tg.id] == "" {
						t.Errorf("%s at %s %s without source (with source: fail); %s results without source: %s",
							tg.id, tg.addr, describeStatus(st), tg.id, resultsOf(noSrc, tg.id))
					}
				}
			})
			plan, err := decodeGeneric(raw)
			if err != nil {
				t.Fatal(err)
			}
			// With PRIVAPI_FAILCLOSED_RELATED=1 the attributes of the
			// finding's related resources are made unknown too (slower).
			type mutation struct {
				target
				res string // the resource whose attributes become unknown
			}
			var muts []mutation
			for _, tg := range targets {
				muts = append(muts, mutation{tg, tg.addr})
				if os.Getenv("PRIVAPI_FAILCLOSED_RELATED") == "" {
					continue
				}
				for _, r := range base {
					if r.CheckID == tg.id && r.Address == tg.addr && r.Status == finding.Fail {
						for _, rel := range r.Related {
							muts = append(muts, mutation{tg, rel})
						}
					}
				}
			}
			for _, mu := range muts {
				tg := mu.target
				attrs, err := attributes(plan, mu.res)
				if err != nil {
					if mu.res == tg.addr {
						t.Logf("%s %s: %v (not mutated)", tg.id, tg.addr, err)
					}
					continue
				}
				wantNoSrc := failing(statusOf(noSrc, tg.id, tg.addr))
				for _, attr := range attrs {
					mutated, err := makeUnknown(plan, mu.res, attr)
					if err != nil {
						t.Fatalf("%s.%s: %v", mu.res, attr, err)
					}
					mutations.Add(1)
					mdoc := decode(t, mutated, planPath)
					rs := analyze(t, mdoc, dir)
					if st := statusOf(rs, tg.id, tg.addr); !failing(st) {
						t.Errorf("with source: %s at %s %s after %s.%s became unknown; want fail or unverified; %s results: %s",
							tg.id, tg.addr, describeStatus(st), mu.res, attr, tg.id, resultsOf(rs, tg.id))
					}
					if !wantNoSrc || testing.Short() || !longtest.Enabled() {
						continue
					}
					rs = analyze(t, mdoc, "")
					if st := statusOf(rs, tg.id, tg.addr); !failing(st) {
						t.Errorf("without source: %s at %s %s after %s.%s became unknown; want fail or unverified; %s results: %s",
							tg.id, tg.addr, describeStatus(st), mu.res, attr, tg.id, resultsOf(rs, tg.id))
					}
				}
			}
		})
	}
}

type target struct{ id, addr string }

func failing(st finding.Status) bool { return st == finding.Fail || st == finding.Unverified }

func decode(t *testing.T, plan []byte, path string) *planfile.Document {
	t.Helper()
	doc, err := planfile.Decode(plan, path, "")
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return doc
}

func analyze(t *testing.T, doc *planfile.Document, srcDir string) []finding.Result {
	t.Helper()
	a, err := engine.Analyze(doc, srcDir)
	if err != nil {
		t.Fatalf("%s: %v", doc.Path, err)
	}
	return a.Check(checks.Options{})
}

// statusOf returns the status of check id at addr: fail beats unverified
// beats pass; "" when the check reports nothing there.
func statusOf(rs []finding.Result, id, addr string) finding.Status {
	var st finding.Status
	for _, r := range rs {
		if r.CheckID != id || r.Address != addr {
			continue
		}
		switch {
		case r.Status == finding.Fail:
			return finding.Fail
		case r.Status == finding.Unverified:
			st = finding.Unverified
		case st == "":
			st = r.Status
		}
	}
	return st
}

func describeStatus(st finding.Status) string {
	if st == "" {
		return "disappeared"
	}
	return "turned " + string(st)
}

func resultsOf(rs []finding.Result, id string) string {
	var out []string
	for _, r := range rs {
		if r.CheckID == id {
			out = append(out, string(r.Status)+" "+r.Address)
		}
	}
	if len(out) == 0 {
		return "none"
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}

// decodeGeneric decodes JSON keeping numbers as written.
func decodeGeneric(data []byte) (map[string]any, error) {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	var v map[string]any
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

// resourceChange returns the resource_changes entry of addr.
func resourceChange(plan map[string]any, addr string) map[string]any {
	rcs, _ := plan["resource_changes"].([]any)
	for _, x := range rcs {
		if rc, ok := x.(map[string]any); ok && rc["address"] == addr {
			return rc
		}
	}
	return nil
}

// attributes lists the top-level attributes of addr's planned value that are
// known (in change.after and not already unknown), except skipAttrs.
func attributes(plan map[string]any, addr string) ([]string, error) {
	rc := resourceChange(plan, addr)
	if rc == nil {
		return nil, fmt.Errorf("no resource_changes entry")
	}
	change, _ := rc["change"].(map[string]any)
	after, _ := change["after"].(map[string]any)
	if after == nil {
		return nil, fmt.Errorf("no after value")
	}
	unknown, _ := change["after_unknown"].(map[string]any)
	var out []string
	for k := range after {
		if skipAttrs[k] || unknown[k] == true {
			continue
		}
		out = append(out, k)
	}
	sort.Strings(out)
	return out, nil
}

// makeUnknown returns the plan with attr of addr unknown after apply. It
// edits plan in place and restores it before returning.
func makeUnknown(plan map[string]any, addr, attr string) ([]byte, error) {
	rc := resourceChange(plan, addr)
	if rc == nil {
		return nil, fmt.Errorf("no resource_changes entry for %s", addr)
	}
	change, _ := rc["change"].(map[string]any)
	var undo []func()
	defer func() {
		for i := len(undo) - 1; i >= 0; i-- {
			undo[i]()
		}
	}()
	// set sets m[k] = v (deletes k when del) and records how to undo it.
	set := func(m map[string]any, k string, v any, del bool) {
		old, had := m[k]
		undo = append(undo, func() {
			if had {
				m[k] = old
			} else {
				delete(m, k)
			}
		})
		if del {
			delete(m, k)
		} else {
			m[k] = v
		}
	}
	after, _ := change["after"].(map[string]any)
	set(after, attr, nil, true)
	unknown, ok := change["after_unknown"].(map[string]any)
	if !ok {
		unknown = map[string]any{}
		set(change, "after_unknown", unknown, false)
	}
	set(unknown, attr, true, false)
	if sens, ok := change["after_sensitive"].(map[string]any); ok {
		set(sens, attr, nil, true)
	}
	if pv, ok := plan["planned_values"].(map[string]any); ok {
		for _, vals := range plannedValues(pv["root_module"], addr) {
			set(vals, attr, nil, true)
		}
	}
	return json.Marshal(plan)
}

// plannedValues returns the values and sensitive_values objects of addr in
// planned_values: Terraform leaves unknown values out of both.
func plannedValues(mod any, addr string) []map[string]any {
	m, ok := mod.(map[string]any)
	if !ok {
		return nil
	}
	var out []map[string]any
	rs, _ := m["resources"].([]any)
	for _, x := range rs {
		if r, ok := x.(map[string]any); ok && r["address"] == addr {
			for _, k := range []string{"values", "sensitive_values"} {
				if v, ok := r[k].(map[string]any); ok {
					out = append(out, v)
				}
			}
		}
	}
	cms, _ := m["child_modules"].([]any)
	for _, c := range cms {
		out = append(out, plannedValues(c, addr)...)
	}
	return out
}
