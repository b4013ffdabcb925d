package engine_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/privapi/privapi/checks"
	"github.com/privapi/privapi/internal/engine"
	"github.com/privapi/privapi/internal/planfile"
)

// FuzzAnalyze runs the whole pipeline without source (model, topology,
// checks) on every input the loader accepts: structurally valid plans and
// states with hostile contents (odd addresses and indexes, values of the
// wrong type, after_unknown/after_sensitive shapes that do not match the
// values, references to nowhere). It must not panic. Seeds: every plan and
// state under fixtures/ and the hand-made hostile shapes below.
func FuzzAnalyze(f *testing.F) {
	var files []string
	for _, pattern := range []string{"../../fixtures/*/plan.json", "../../fixtures/*/state.json"} {
		m, _ := filepath.Glob(pattern)
		files = append(files, m...)
	}
	sort.Strings(files)
	if len(files) == 0 {
		f.Fatal("no fixtures")
	}
	// Whole fixture plans (35-60 KB) as seeds made the fuzzer stall at 0
	// execs/s: every mutation of a large input is slow to run and to
	// minimize. Each fixture gives small seeds instead: one plan (or state)
	// per resource type it holds, with that type's first resource alone.
	seen := map[string]bool{}
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		for _, seed := range smallSeeds(b) {
			if !seen[string(seed)] {
				seen[string(seed)] = true
				f.Add(seed)
			}
		}
	}
	rc := func(addr, typ, change string) string {
		return fmt.Sprintf(`{"format_version":"1.2","resource_changes":[{"address":%q,"mode":"managed","type":%q,"name":"x","change":%s}]}`, addr, typ, change)
	}
	for _, s := range []string{
		rc("aws_api_gateway_rest_api.api", "aws_api_gateway_rest_api", `{"actions":["create"],"after":"not an object","after_unknown":5,"after_sensitive":"x"}`),
		rc("aws_api_gateway_rest_api.api", "aws_api_gateway_rest_api", `{"actions":["create"],"after":{"endpoint_configuration":{"types":"PRIVATE"}},"after_unknown":{"endpoint_configuration":[true,true]}}`),
		rc("aws_api_gateway_rest_api.api", "aws_api_gateway_rest_api", `{"actions":["create"],"after":{"endpoint_configuration":[{"types":["PRIVATE"],"vpc_endpoint_ids":[1,null,{}]}],"policy":7}}`),
		rc("module.[", "aws_vpc_endpoint", `{"actions":["create"],"after":{"service_name":"com.amazonaws.us-east-1.execute-api","vpc_endpoint_type":"Interface","subnet_ids":"subnet-1"}}`),
		rc(`aws_security_group.x["a"][0]`, "aws_security_group", `{"actions":["create"],"after":{"ingress":[{"from_port":"443","to_port":1e300,"protocol":6,"cidr_blocks":"10.0.0.0/8"}]}}`),
		rc("aws_network_acl.x", "aws_network_acl", `{"actions":["create"],"after":{"ingress":[{"rule_no":-5,"from_port":-1,"to_port":-1,"protocol":"-1","action":"maybe","cidr_block":"::/200"}]}}`),
		rc("aws_api_gateway_stage.s", "aws_api_gateway_stage", `{"actions":["delete","create","update"],"before":[],"after":{"rest_api_id":["x"],"stage_name":{}}}`),
		`{"format_version":"1.0","values":{"root_module":{"resources":[{"address":"aws_vpc_endpoint.e","mode":"managed","type":"aws_vpc_endpoint","name":"e","index":{"a":1},"values":{"id":"vpce-1","vpc_id":["vpc-1"]},"sensitive_values":[true]}],"child_modules":[{"address":"module.m[\"a","resources":[{"address":"module.m.aws_subnet.s","type":"aws_subnet","values":null}]}]}}}`,
		`{"format_version":"1.2","resource_changes":[{"address":"aws_api_gateway_rest_api_policy.p","mode":"managed","type":"aws_api_gateway_rest_api_policy","name":"p","change":{"actions":["create"],"after":{"rest_api_id":"a","policy":"{\"Statement\":{\"Effect\":\"Allow\",\"Condition\":{\"NotIpAdress\":{}}}}"}}}],"configuration":{"root_module":{"resources":[{"address":"aws_api_gateway_rest_api_policy.p","expressions":{"policy":{"references":["local.x","aws_vpc_endpoint.nowhere.id"]}}}],"module_calls":{"m":{"source":"./m","module":{"resources":[{"address":"aws_vpc.v","expressions":{"cidr_block":{"references":["var.nope"]}}}]}}}}}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxFuzzPlan {
			t.Skip("larger than the inputs worth fuzzing")
		}
		doc, err := planfile.Decode(data, "fuzz.json", "")
		if err != nil {
			return
		}
		a, err := engine.Analyze(doc, "")
		if err != nil {
			return
		}
		for _, r := range a.Check(checks.Options{}) {
			if r.CheckID == "" {
				t.Fatalf("result without check ID: %+v", r)
			}
		}
	})
}

// maxFuzzPlan bounds the size of a fuzzed plan.
const maxFuzzPlan = 16 << 10

// smallSeeds splits a fixture plan or state into small ones: for each
// resource type, the first resource of that type alone (its change, or its
// state entry), plus a plan of the private API resources together.
func smallSeeds(data []byte) [][]byte {
	var doc map[string]json.RawMessage
	if json.Unmarshal(data, &doc) != nil {
		return nil
	}
	var out [][]byte
	add := func(v map[string]any) {
		if b, err := json.Marshal(v); err == nil && len(b) <= maxFuzzPlan {
			out = append(out, b)
		}
	}
	fv := json.RawMessage(`"1.2"`)
	if v, ok := doc["format_version"]; ok {
		fv = v
	}
	if raw, ok := doc["resource_changes"]; ok {
		var rcs []map[string]any
		if json.Unmarshal(raw, &rcs) != nil {
			return nil
		}
		types := map[string]bool{}
		var api []map[string]any
		for _, rc := range rcs {
			typ, _ := rc["type"].(string)
			if strings.HasPrefix(typ, "aws_api_gateway_rest_api") || typ == "aws_vpc_endpoint" {
				api = append(api, rc)
			}
			if types[typ] {
				continue
			}
			types[typ] = true
			add(map[string]any{"format_version": fv, "resource_changes": []any{rc}})
		}
		if len(api) > 1 {
			add(map[string]any{"format_version": fv, "resource_changes": api})
		}
		return out
	}
	var st struct {
		Values struct {
			RootModule struct {
				Resources []map[string]any `json:"resources"`
			} `json:"root_module"`
		} `json:"values"`
	}
	if json.Unmarshal(data, &st) != nil {
		return nil
	}
	types := map[string]bool{}
	for _, r := range st.Values.RootModule.Resources {
		typ, _ := r["type"].(string)
		if !types[typ] {
			types[typ] = true
			add(map[string]any{"format_version": fv, "values": map[string]any{"root_module": map[string]any{"resources": []any{r}}}})
		}
	}
	return out
}
