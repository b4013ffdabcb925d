package model_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/privapi/privapi/internal/model"
	"github.com/privapi/privapi/internal/planfile"
	"github.com/privapi/privapi/internal/source"
	"github.com/privapi/privapi/internal/symbol"
)

func load(t *testing.T, scenario string, withSource bool) *model.Model {
	t.Helper()
	dir := filepath.Join("..", "..", "fixtures", scenario)
	doc, err := planfile.Load(filepath.Join(dir, "plan.json"), planfile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var src *source.Config
	if withSource {
		if src, err = source.Load(dir); err != nil {
			t.Fatal(err)
		}
	}
	return model.FromPlan(doc.Plan, src)
}

// TestResolution pins how unknown attributes resolve, with the .tf source
// and from the plan alone, through modules, count/for_each, locals and
// variable/output hops.
func TestResolution(t *testing.T) {
	tests := []struct {
		scenario string
		source   bool
		addr     string
		attr     string
		want     string
	}{
		// count/for_each: per-index values only flow through locals, so the source is needed.
		{"model-count-foreach", true, "aws_vpc_endpoint.execute_api[0]", "vpc_id", `${aws_vpc.this["core"].id}`},
		{"model-count-foreach", true, "aws_vpc_endpoint.execute_api[1]", "subnet_ids", `[${aws_subnet.edge["a"].id} ${aws_subnet.edge["b"].id}]`},
		{"model-count-foreach", true, "aws_vpc_endpoint.execute_api[1]", "security_group_ids", `[${aws_security_group.endpoint["edge"].id}]`},
		{"model-count-foreach", true, `aws_instance.client["edge"]`, "vpc_security_group_ids", `[${aws_security_group.client["edge"].id}]`},
		{"model-count-foreach", true, "aws_api_gateway_rest_api.api", "endpoint_configuration", `[[[${aws_vpc_endpoint.execute_api[0].id} ${aws_vpc_endpoint.execute_api[1].id}] [PRIVATE]]]`},
		// Without source a dynamically indexed reference is not guessed: unknown, not the whole resource.
		{"model-count-foreach", false, `aws_instance.client["core"]`, "vpc_security_group_ids", `(known after apply)`},
		{"model-count-foreach", false, "aws_vpc_endpoint.execute_api[0]", "vpc_id", `${aws_vpc_endpoint.execute_api[0].vpc_id}`},
		// local module: var → module input, output → API, nested module.
		{"model-local-module", true, "module.endpoint.aws_vpc_endpoint.this", "vpc_id", `${aws_vpc.main.id}`},
		{"model-local-module", true, "module.endpoint.aws_vpc_endpoint.this", "security_group_ids", `[${module.endpoint.module.sg.aws_security_group.this.id}]`},
		{"model-local-module", false, "module.endpoint.aws_vpc_endpoint.this", "subnet_ids", `[${aws_subnet.endpoint[0].id} ${aws_subnet.endpoint[1].id}]`},
		{"model-local-module", false, "aws_api_gateway_rest_api.api", "endpoint_configuration", `[[[${module.endpoint.aws_vpc_endpoint.this.id}] [PRIVATE]]]`},
		// jsonencode keeps its structure with source; without it the policy stays unknown (self token).
		{"model-jsonencode-policy", false, "aws_api_gateway_rest_api_policy.orders", "policy", `${aws_api_gateway_rest_api_policy.orders.policy}`},
		// deferred data source: the policy is the document's json.
		{"model-deferred-policy-doc", false, "aws_api_gateway_rest_api_policy.api", "policy", `${data.aws_iam_policy_document.api.json}`},
		// update plan: known ids of existing resources, symbols for new ones.
		{"model-update", true, "aws_vpc_endpoint.reporting", "vpc_id", `${aws_vpc.reporting.id}`},
	}
	for _, tt := range tests {
		name := tt.scenario + "/" + tt.addr + "." + tt.attr
		if !tt.source {
			name += "/plan-only"
		}
		t.Run(name, func(t *testing.T) {
			m := load(t, tt.scenario, tt.source)
			inst := m.Instance(tt.addr)
			if inst == nil {
				t.Fatalf("no instance %s", tt.addr)
			}
			if got := model.Display(m.Attr(inst, tt.attr)); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// TestJSONEncodeKeepsStructure: a jsonencode() policy with unknown ids
// decodes to a document whose condition value names the endpoint.
func TestJSONEncodeKeepsStructure(t *testing.T) {
	m := load(t, "model-jsonencode-policy", true)
	v := m.Attr(m.Instance("aws_api_gateway_rest_api_policy.orders"), "policy")
	s := v.AsString()
	want := symbol.Ref{Address: "aws_vpc_endpoint.execute_api", Attr: "id", Fresh: true}.Token()
	if !strings.Contains(s, `"aws:SourceVpce":"`+want+`"`) {
		t.Errorf("policy does not name the endpoint: %s", symbol.Display(s))
	}
	if !strings.Contains(s, `/*"`) {
		t.Errorf("resource suffix lost: %s", symbol.Display(s))
	}
}

// TestFreshIdentity: ids of created resources are fresh tokens that differ
// from any literal; ids of existing resources are their literal values.
func TestFreshIdentity(t *testing.T) {
	m := load(t, "model-update", true)
	newEP := m.Attr(m.Instance("aws_vpc_endpoint.reporting"), "id").AsString()
	oldEP := m.Attr(m.Instance("aws_vpc_endpoint.execute_api"), "id").AsString()
	if symbol.Contains(oldEP) || !strings.HasPrefix(oldEP, "vpce-") {
		t.Errorf("existing endpoint id = %q, want a literal vpce id", oldEP)
	}
	if symbol.Equal(newEP, oldEP) != symbol.False || symbol.Equal(newEP, "vpce-0123456789abcdef0") != symbol.False {
		t.Errorf("a created endpoint's id must differ from every literal")
	}
	if m.ByID(oldEP) == nil {
		t.Errorf("ByID(%s) found nothing", oldEP)
	}
}

// TestValuesMarks: unknown where after_unknown says so, sensitive marks kept
// and never displayed.
func TestValuesMarks(t *testing.T) {
	v := model.FromJSON(map[string]any{"a": "x", "s": "secret"}, map[string]any{"u": true}, map[string]any{"s": true})
	if v.GetAttr("u").IsKnown() {
		t.Errorf("u should be unknown")
	}
	if got := model.Display(v.GetAttr("s")); got != "(sensitive)" {
		t.Errorf("Display(sensitive) = %q", got)
	}
	if got := model.Display(v); strings.Contains(got, "secret") {
		t.Errorf("Display leaked a sensitive value: %q", got)
	}
	if model.Display(cty.StringVal(symbol.Ref{Address: "aws_x.y", Attr: "id"}.Token())) != "${aws_x.y.id}" {
		t.Errorf("tokens must display as ${...}")
	}
}

// TestRegion: provider region, variable-driven region.
func TestRegion(t *testing.T) {
	m := load(t, "model-count-foreach", false)
	if r := m.Region(m.Instance("aws_api_gateway_rest_api.api")); r != "us-east-2" {
		t.Errorf("region = %q, want us-east-2", r)
	}
	m = load(t, "good-private-api", false)
	if r := m.Region(m.Instance("aws_api_gateway_rest_api.api")); r != "us-east-1" {
		t.Errorf("region from var.region = %q, want us-east-1", r)
	}
}

// TestRegionAlias: a resource on an aliased provider takes that provider's region.
func TestRegionAlias(t *testing.T) {
	m := load(t, "net-endpoint-region", false)
	regions := map[string]bool{}
	for _, e := range m.OfType("aws_vpc_endpoint") {
		regions[m.Region(e)] = true
	}
	api := m.OfType("aws_api_gateway_rest_api")[0]
	if len(regions) == 0 || regions[m.Region(api)] {
		t.Errorf("endpoint regions %v should differ from the API's %q", regions, m.Region(api))
	}
}

// TestState: a state file becomes instances with known values and no actions.
func TestState(t *testing.T) {
	dir := filepath.Join("..", "..", "fixtures", "model-applied-state")
	doc, err := planfile.Load(filepath.Join(dir, "state.json"), planfile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	src, _ := source.Load(dir)
	m := model.FromState(doc.State, src)
	eps := m.OfType("aws_vpc_endpoint")
	if len(eps) == 0 {
		t.Fatal("no endpoints in state")
	}
	for _, e := range eps {
		if e.Changes() {
			t.Errorf("%s: a state instance has no actions", e.Address)
		}
		id := m.Attr(e, "id")
		if !id.IsWhollyKnown() || symbol.Contains(id.AsString()) {
			t.Errorf("%s: id should be known in state, got %s", e.Address, model.Display(id))
		}
	}
}
