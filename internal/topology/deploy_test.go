package topology

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/zclconf/go-cty/cty"

	"github.com/privapi/privapi/internal/model"
	"github.com/privapi/privapi/internal/source"
	"github.com/privapi/privapi/internal/symbol"
)

// change is one resource change of a synthetic plan.
type change struct {
	addr, module  string
	actions       []string
	before, after map[string]any
	unknown       []string // attributes unknown after apply
}

// buildView writes files into a temporary configuration, builds a plan of
// the given changes and returns the view.
func buildView(t *testing.T, files map[string]string, changes []change) *View {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	src, err := source.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	p := &tfjson.Plan{FormatVersion: "1.2"}
	for _, c := range changes {
		local := c.addr
		if c.module != "" {
			local = strings.TrimPrefix(c.addr, c.module+".")
		}
		mode := tfjson.ManagedResourceMode
		if strings.HasPrefix(local, "data.") {
			mode = tfjson.DataResourceMode
			local = strings.TrimPrefix(local, "data.")
		}
		typ, name, _ := strings.Cut(local, ".")
		if i := strings.Index(name, "["); i >= 0 {
			name = name[:i]
		}
		var acts tfjson.Actions
		for _, a := range c.actions {
			acts = append(acts, tfjson.Action(a))
		}
		var before, after any
		if c.before != nil {
			before = c.before
		}
		if c.after != nil {
			after = c.after
		}
		unknown := map[string]any{}
		for _, u := range c.unknown {
			unknown[u] = true
		}
		p.ResourceChanges = append(p.ResourceChanges, &tfjson.ResourceChange{
			Address: c.addr, ModuleAddress: c.module, Mode: mode, Type: typ, Name: name,
			Change: &tfjson.Change{Actions: acts, Before: before, After: after, AfterUnknown: unknown},
		})
	}
	return Build(model.FromPlan(p, src))
}

func mustExpr(t *testing.T, text string) hclsyntax.Expression {
	t.Helper()
	e, diags := hclsyntax.ParseExpression([]byte(text), "x.tf", hcl.Pos{Line: 1, Column: 1})
	if diags.HasErrors() {
		t.Fatalf("%s: %v", text, diags)
	}
	return e
}

func TestTraversals(t *testing.T) {
	tests := []struct {
		expr string
		want []string
	}{
		{`aws_x.y.id`, []string{"aws_x.y.id"}},
		{`aws_x.y[count.index].policy`, []string{"aws_x.y[?].policy", "count.index"}},
		{`aws_x.y[0].policy`, []string{"aws_x.y[0].policy"}},
		{`aws_x.y["a"]`, []string{`aws_x.y["a"]`}},
		{`aws_x.y[*].id`, []string{"aws_x.y[*].id"}},
		{`sha1(jsonencode([local.a, data.aws_iam_policy_document.api.json]))`, []string{"local.a", "data.aws_iam_policy_document.api.json"}},
		{`"${module.m["k"].out}-${var.v}"`, []string{`module.m["k"].out`, "var.v"}},
		{`{ a = timestamp() }`, nil},
	}
	for _, tt := range tests {
		var got []string
		for _, tr := range Traversals(mustExpr(t, tt.expr)) {
			r, ok := refOf(nil, tr)
			if !ok {
				got = append(got, tr.RootName()+"."+model.TraversalText(tr[1:]))
				continue
			}
			got = append(got, r.String())
		}
		if strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("%s: got %q, want %q", tt.expr, got, tt.want)
		}
	}
}

const walkConfig = `
locals {
  api_policy = data.aws_iam_policy_document.api.json
  routes     = [aws_api_gateway_method.get.id]
  stamp      = timestamp()
  doc_alias  = local.api_policy
}

data "aws_iam_policy_document" "api" {
  statement {
    actions   = ["execute-api:Invoke"]
    resources = ["${aws_api_gateway_rest_api.api.execution_arn}/*"]
    condition {
      test     = "StringEquals"
      variable = "aws:SourceVpce"
      values   = [module.net.vpce_id]
    }
  }
}

module "net" {
  source = "./net"
  name   = var.name
}

variable "name" {
  default = "x"
}

resource "aws_api_gateway_rest_api" "api" {
  name = "api"
}

resource "aws_api_gateway_method" "get" {
  rest_api_id = aws_api_gateway_rest_api.api.id
}

resource "aws_api_gateway_rest_api_policy" "api" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  policy      = local.doc_alias
}

resource "aws_api_gateway_integration" "get" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  depends_on  = [aws_api_gateway_rest_api_policy.api]
}

resource "aws_api_gateway_deployment" "good" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  triggers = {
    redeployment = sha1(jsonencode([local.routes, local.api_policy]))
  }
  depends_on = [aws_api_gateway_integration.get]
}

resource "aws_api_gateway_deployment" "ids" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  triggers = {
    redeployment = sha1(jsonencode([aws_api_gateway_method.get.id, aws_api_gateway_rest_api_policy.api.id]))
    at           = local.stamp
  }
}

resource "aws_api_gateway_deployment" "mod" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  triggers = {
    redeployment = module.net.doc_hash
  }
  depends_on = [module.net]
}

resource "aws_api_gateway_stage" "prod" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.good.id
  stage_name    = "prod"
}
`

const netModule = `
variable "name" {}

resource "aws_vpc_endpoint" "this" {
  service_name = "com.amazonaws.us-east-1.execute-api"
}

output "vpce_id" {
  value = aws_vpc_endpoint.this.id
}

output "doc_hash" {
  value = sha1("${var.name}-${uuid()}")
}
`

func walkView(t *testing.T) *View {
	return buildView(t, map[string]string{"main.tf": walkConfig, "net/main.tf": netModule}, []change{
		{addr: "aws_api_gateway_rest_api.api", actions: []string{"create"}, after: map[string]any{"name": "api", "endpoint_configuration": []any{map[string]any{"types": []any{"PRIVATE"}}}}, unknown: []string{"id", "execution_arn"}},
		{addr: "aws_api_gateway_method.get", actions: []string{"create"}, after: map[string]any{}, unknown: []string{"id", "rest_api_id"}},
		{addr: "aws_api_gateway_rest_api_policy.api", actions: []string{"create"}, after: map[string]any{}, unknown: []string{"id", "rest_api_id", "policy"}},
		{addr: "aws_api_gateway_integration.get", actions: []string{"create"}, after: map[string]any{}, unknown: []string{"id", "rest_api_id"}},
		{addr: "aws_api_gateway_deployment.good", actions: []string{"create"}, after: map[string]any{}, unknown: []string{"id", "rest_api_id", "triggers"}},
		{addr: "aws_api_gateway_deployment.ids", actions: []string{"create"}, after: map[string]any{}, unknown: []string{"id", "rest_api_id", "triggers"}},
		{addr: "aws_api_gateway_deployment.mod", actions: []string{"create"}, after: map[string]any{}, unknown: []string{"id", "rest_api_id", "triggers"}},
		{addr: "aws_api_gateway_stage.prod", actions: []string{"create"}, after: map[string]any{"stage_name": "prod"}, unknown: []string{"id", "rest_api_id", "deployment_id"}},
		{addr: "data.aws_iam_policy_document.api", actions: []string{"read"}, after: map[string]any{}},
		{addr: "module.net.aws_vpc_endpoint.this", module: "module.net", actions: []string{"create"}, after: map[string]any{}},
	})
}

func reachedStrings(w *Walk) []string {
	var out []string
	for _, r := range w.Reached {
		out = append(out, r.String())
	}
	sort.Strings(out)
	return out
}

func TestWalkValue(t *testing.T) {
	v := walkView(t)
	tests := []struct {
		deployment string
		reached    []string // must all be reached
		notReached []string
		funcs      []string // timestamp/uuid/plantimestamp calls expected, as name@in
		chain      map[string]string
	}{
		{
			deployment: "aws_api_gateway_deployment.good",
			reached: []string{"local.routes", "local.api_policy", "data.aws_iam_policy_document.api.json",
				"aws_api_gateway_method.get.id", "aws_api_gateway_rest_api.api.execution_arn", "module.net.vpce_id",
				"module.net.aws_vpc_endpoint.this.id"},
			notReached: []string{"aws_api_gateway_rest_api_policy.api", "aws_api_gateway_integration.get"},
			chain:      map[string]string{"data.aws_iam_policy_document.api.json": "local.api_policy → data.aws_iam_policy_document.api.json"},
		},
		{
			deployment: "aws_api_gateway_deployment.ids",
			reached:    []string{"aws_api_gateway_method.get.id", "aws_api_gateway_rest_api_policy.api.id", "local.stamp"},
			notReached: []string{"data.aws_iam_policy_document.api.json"},
			funcs:      []string{"timestamp@local.stamp"},
		},
		{
			deployment: "aws_api_gateway_deployment.mod",
			reached:    []string{"module.net.doc_hash", "module.net.var.name", "var.name"},
			funcs:      []string{"uuid@module.net.doc_hash"},
		},
	}
	for _, tt := range tests {
		inst := v.m.Instance(tt.deployment)
		w := v.walkValue(inst, "triggers", "variables")
		got := reachedStrings(w)
		has := map[string]bool{}
		for _, g := range got {
			has[g] = true
		}
		for _, r := range tt.reached {
			if !has[r] {
				t.Errorf("%s: %s not reached; got %q", tt.deployment, r, got)
			}
		}
		for _, r := range tt.notReached {
			if has[r] {
				t.Errorf("%s: %s reached; got %q", tt.deployment, r, got)
			}
		}
		var fs []string
		for _, f := range w.Calls("timestamp", "uuid", "plantimestamp") {
			fs = append(fs, f.Name+"@"+f.In)
		}
		if strings.Join(fs, " ") != strings.Join(tt.funcs, " ") {
			t.Errorf("%s: functions %q, want %q", tt.deployment, fs, tt.funcs)
		}
		for ref, chain := range tt.chain {
			r, ok := w.Find(func(r Reached) bool { return r.String() == ref })
			if !ok || r.Chain() != chain {
				t.Errorf("%s: chain of %s = %q, want %q", tt.deployment, ref, r.Chain(), chain)
			}
		}
		if len(w.Opaque) > 0 {
			t.Errorf("%s: opaque %q", tt.deployment, w.Opaque)
		}
		if !w.Written {
			t.Errorf("%s: triggers not seen as written", tt.deployment)
		}
	}
	// An argument that is not written.
	if w := v.walkValue(v.m.Instance("aws_api_gateway_deployment.good"), "variables"); w.Written || len(w.Reached) > 0 {
		t.Errorf("variables: written=%v reached=%q", w.Written, reachedStrings(w))
	}
}

func TestValueAliases(t *testing.T) {
	v := walkView(t)
	var got []string
	for _, r := range v.valueAliases(v.m.Instance("aws_api_gateway_rest_api_policy.api"), "policy") {
		got = append(got, r.String())
	}
	want := []string{"local.doc_alias", "local.api_policy", "data.aws_iam_policy_document.api.json"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("aliases %q, want %q", got, want)
	}
	if al := v.valueAliases(v.m.Instance("aws_api_gateway_deployment.good"), "triggers"); len(al) != 0 {
		t.Errorf("an object literal has no alias, got %v", al)
	}
}

func TestDependsOnInstance(t *testing.T) {
	v := walkView(t)
	policy := v.m.Instance("aws_api_gateway_rest_api_policy.api")
	tests := []struct {
		from  string
		want  symbol.Tri
		chain string
	}{
		// depends_on the integration, which depends_on the policy
		{"aws_api_gateway_deployment.good", symbol.True, "aws_api_gateway_integration.get → aws_api_gateway_rest_api_policy.api"},
		// the policy's id in a trigger is a reference: Terraform orders after it
		{"aws_api_gateway_deployment.ids", symbol.True, "aws_api_gateway_rest_api_policy.api.id"},
		// depends_on names the policy: settled without the walk
		{"aws_api_gateway_integration.get", symbol.True, "aws_api_gateway_rest_api_policy.api"},
		// only the module and the API
		{"aws_api_gateway_deployment.mod", symbol.False, ""},
		{"aws_api_gateway_method.get", symbol.False, ""},
	}
	for _, tt := range tests {
		got, chain := v.dependsOnInstance(v.m.Instance(tt.from), policy)
		if got != tt.want || chain != tt.chain {
			t.Errorf("%s: got %v %q, want %v %q", tt.from, got, chain, tt.want, tt.chain)
		}
	}
	vpce := v.m.Instance("module.net.aws_vpc_endpoint.this")
	if got, _ := v.dependsOnInstance(v.m.Instance("aws_api_gateway_deployment.mod"), vpce); got != symbol.True {
		t.Errorf("depends_on = [module.net] should reach module.net.aws_vpc_endpoint.this, got %v", got)
	}
}

func TestStageUses(t *testing.T) {
	v := walkView(t)
	api := v.APIByAddress("aws_api_gateway_rest_api.api")
	if api == nil || len(api.Stages) != 1 {
		t.Fatalf("api %v", api)
	}
	s := api.Stages[0]
	want := map[string]symbol.Tri{
		"aws_api_gateway_deployment.good": symbol.True,
		"aws_api_gateway_deployment.ids":  symbol.False,
		"aws_api_gateway_deployment.mod":  symbol.False,
	}
	for _, d := range api.Deployments {
		if got := v.StageUses(s, d); got != want[d.Address] {
			t.Errorf("StageUses(%s) = %v, want %v", d.Address, got, want[d.Address])
		}
		// A stage created in this plan holds no old deployment.
		if got := v.StageHeld(s, d); got != symbol.False {
			t.Errorf("StageHeld(%s) = %v, want false", d.Address, got)
		}
	}
}

func TestStageHeld(t *testing.T) {
	cfg := `
resource "aws_api_gateway_rest_api" "api" {}
resource "aws_api_gateway_deployment" "d" {
  rest_api_id = aws_api_gateway_rest_api.api.id
}
resource "aws_api_gateway_stage" "s" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.d.id
}
resource "aws_api_gateway_stage" "other" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = "literal"
}
`
	api := map[string]any{"id": "a1", "endpoint_configuration": []any{map[string]any{"types": []any{"PRIVATE"}}}}
	v := buildView(t, map[string]string{"main.tf": cfg}, []change{
		{addr: "aws_api_gateway_rest_api.api", actions: []string{"no-op"}, before: api, after: api},
		{addr: "aws_api_gateway_deployment.d", actions: []string{"delete", "create"}, before: map[string]any{"id": "dep1", "rest_api_id": "a1"}, after: map[string]any{"rest_api_id": "a1"}, unknown: []string{"id"}},
		{addr: "aws_api_gateway_stage.s", actions: []string{"update"}, before: map[string]any{"deployment_id": "dep1", "rest_api_id": "a1", "stage_name": "prod"}, after: map[string]any{"rest_api_id": "a1", "stage_name": "prod"}, unknown: []string{"deployment_id"}},
		{addr: "aws_api_gateway_stage.other", actions: []string{"no-op"}, before: map[string]any{"deployment_id": "dep0", "rest_api_id": "a1", "stage_name": "dev"}, after: map[string]any{"deployment_id": "dep0", "rest_api_id": "a1", "stage_name": "dev"}},
	})
	a := v.APIByAddress("aws_api_gateway_rest_api.api")
	if a == nil || len(a.Deployments) != 1 || len(a.Stages) != 2 {
		t.Fatalf("view: %+v", a)
	}
	d := a.Deployments[0]
	for _, s := range a.Stages {
		want := symbol.FromBool(s.Address == "aws_api_gateway_stage.s")
		if got := v.StageHeld(s, d); got != want {
			t.Errorf("StageHeld(%s) = %v, want %v", s.Address, got, want)
		}
		if got := v.StageUses(s, d); got != want {
			t.Errorf("StageUses(%s) = %v, want %v", s.Address, got, want)
		}
	}
}

func TestBodyOperations(t *testing.T) {
	ops, ok := BodyOperations(`{"paths":{"/pets":{"get":{},"post":{},"parameters":[]},"/":{"x-amazon-apigateway-any-method":{}}}}`)
	if !ok {
		t.Fatal("not read")
	}
	var got []string
	for _, o := range ops {
		got = append(got, o.Method+" "+o.Path)
	}
	if strings.Join(got, ",") != "ANY /,GET /pets,POST /pets" {
		t.Errorf("got %q", got)
	}
	if _, ok := BodyOperations("openapi: 3.0.1"); ok {
		t.Error("YAML read as JSON")
	}
}

// TestIsInst: Ref.isInst agrees with comparing Ref.Address with the
// instance's configuration address.
func TestIsInst(t *testing.T) {
	refs := []Ref{
		{Kind: RefResource, Name: "aws_x.y"},
		{Kind: RefResource, Module: []string{"a"}, Name: "aws_x.y"},
		{Kind: RefData, Module: []string{"a", "bc"}, Name: "data.aws_x.y"},
	}
	k := cty.StringVal("k")
	insts := []*model.Instance{
		{Local: "aws_x.y"},
		{Local: "aws_x.y", Module: model.ModuleInstance{{Name: "a", Key: &k}}},
		{Local: "data.aws_x.y", Module: model.ModuleInstance{{Name: "a"}, {Name: "bc"}}},
		{Local: "aws_x.y", Module: model.ModuleInstance{{Name: "ab"}}},
		{Local: "aws_x.yz", Module: model.ModuleInstance{{Name: "a"}}},
		{Local: "aws_x.y", Module: model.ModuleInstance{{Name: "a"}, {Name: "bc"}}},
	}
	for _, r := range refs {
		for _, inst := range insts {
			if got, want := r.isInst(inst), r.Address() == configAddress(inst); got != want {
				t.Errorf("%v.isInst(%s) = %v, want %v", r, configAddress(inst), got, want)
			}
		}
	}
}

// TestSameAddress: Ref.SameAddress agrees with comparing Ref.Address.
func TestSameAddress(t *testing.T) {
	refs := []Ref{
		{Kind: RefResource, Name: "aws_x.y"},
		{Kind: RefResource, Name: "aws_x.y", Index: "[0]", Attr: "id"},
		{Kind: RefResource, Module: []string{"a"}, Name: "aws_x.y"},
		{Kind: RefModule, Name: "module.a.aws_x.y"},
		{Kind: RefResource, Module: []string{"ab"}, Name: "aws_x.y"},
		{Kind: RefData, Module: []string{"a", "bc"}, Name: "data.aws_x.y"},
		{Kind: RefResource, Module: []string{"a"}, Name: "aws_x.z"},
	}
	for _, a := range refs {
		for _, b := range refs {
			if got, want := a.SameAddress(b), a.Address() == b.Address(); got != want {
				t.Errorf("%v.SameAddress(%v) = %v, want %v", a, b, got, want)
			}
		}
	}
}
