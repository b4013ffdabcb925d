package checks

import (
	"slices"
	"strings"
	"testing"

	"github.com/privapi/privapi/internal/iampolicy"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
	"github.com/privapi/privapi/internal/topology/topotest"
)

func pa2Tok(addr, attr string, fresh bool) string {
	return symbol.Ref{Address: addr, Attr: attr, Fresh: fresh}.Token()
}

func TestInvocations(t *testing.T) {
	const api = "aws_api_gateway_rest_api.api"
	apiID := topotest.Ref(api, "id")
	stage := func(name string) topotest.Resource {
		r := topotest.Resource{Address: "aws_api_gateway_stage." + name, After: map[string]any{"stage_name": name}, Unknown: []string{"id", "rest_api_id", "invoke_url"},
			Refs: map[string][]string{"rest_api_id": apiID}}
		if name == "s" { // stage_name known only after apply
			r.After, r.Unknown = nil, append(r.Unknown, "stage_name")
			r.Refs["stage_name"] = []string{"module.settings.stage_name", "module.settings"}
		}
		return r
	}
	resource := func(name, part string, parent []string) topotest.Resource {
		return topotest.Resource{Address: "aws_api_gateway_resource." + name, After: map[string]any{"path_part": part}, Unknown: []string{"id", "rest_api_id", "parent_id", "path"},
			Refs: map[string][]string{"rest_api_id": apiID, "parent_id": parent}}
	}
	method := func(verb, auth string, on []string) topotest.Resource {
		return topotest.Resource{Address: "aws_api_gateway_method." + strings.ToLower(verb), After: map[string]any{"http_method": verb, "authorization": auth},
			Unknown: []string{"id", "rest_api_id", "resource_id"}, Refs: map[string][]string{"rest_api_id": apiID, "resource_id": on}}
	}
	root := topotest.Ref(api, "root_resource_id")
	pets := topotest.Ref("aws_api_gateway_resource.pets", "id")
	const arn = "arn:aws:execute-api:us-east-1:111122223333:abc"
	tests := []struct {
		name      string
		resources []topotest.Resource
		want      []string // Resource of each invocation, tokens displayed, with its caller
	}{
		{
			name: "stage × method, root and nested paths",
			resources: []topotest.Resource{stage("prod"), stage("dev"), resource("pets", "pets", root),
				method("POST", "AWS_IAM", pets), method("GET", "NONE", root)},
			want: []string{arn + "/prod/GET/ anonymous", arn + "/prod/POST/pets iam", arn + "/dev/GET/ anonymous", arn + "/dev/POST/pets iam"},
		},
		{
			name:      "ANY and path parameters become placeholders",
			resources: []topotest.Resource{stage("prod"), resource("pets", "pets", root), resource("pet", "{id}", pets), method("ANY", "CUSTOM", topotest.Ref("aws_api_gateway_resource.pet", "id"))},
			want:      []string{arn + "/prod/${aws_api_gateway_method.any.http_method}/pets/${aws_api_gateway_method.any.path_param} anonymous"},
		},
		{
			// the method is on a resource of another stack (var.resource_id)
			name:      "unknown stage name and path",
			resources: []topotest.Resource{stage("s"), method("GET", "COGNITO_USER_POOLS", []string{"var.resource_id"})},
			want:      []string{arn + "/${aws_api_gateway_stage.s.stage_name}/GET/${aws_api_gateway_method.get.path} anonymous"},
		},
		{
			name: "no stage and no method: placeholders",
			want: []string{arn + "/${aws_api_gateway_rest_api.api.stage_name}/${aws_api_gateway_rest_api.api.http_method}/${aws_api_gateway_rest_api.api.path} anonymous"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := topotest.InRegion(topotest.Plan(append([]topotest.Resource{{Address: api, After: map[string]any{"name": "api"},
				Unknown: []string{"id", "root_resource_id", "execution_arn"}}}, tt.resources...)...), "us-east-1")
			a := apiAt(topotest.ViewOf(t, topotest.WithVariables(p, map[string]any{"resource_id": "a1b2c3"}), topology.Inputs{}), api)
			ins := pa2Invocations(a, arn)
			var got []string
			for _, in := range ins {
				c := "anonymous"
				if !in.Caller().Anonymous {
					c = "iam"
				}
				got = append(got, symbol.Display(in.Resource)+" "+c)
			}
			// the view orders stages and methods by address
			slices.Sort(got)
			want := slices.Sorted(slices.Values(tt.want))
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("invocations:\n got %q\nwant %q", got, want)
			}
			if len(a.Stages) == 0 && !ins[0].Placeholder {
				t.Error("want a placeholder stage")
			}
		})
	}
}

func TestPairContexts(t *testing.T) {
	vpc := pa2Tok("aws_vpc.main", "id", true)
	callsAPI := topotest.Ref("aws_api_gateway_stage.prod", "invoke_url")
	v := topotest.ViewIn(t, "us-east-1",
		topotest.Resource{Address: "aws_vpc.main", After: map[string]any{"cidr_block": "10.0.0.0/16"}, Unknown: []string{"id"}},
		topotest.Resource{Address: "aws_vpc_ipv4_cidr_block_association.second", After: map[string]any{"cidr_block": "10.1.0.0/16"},
			Unknown: []string{"id", "vpc_id"}, Refs: map[string][]string{"vpc_id": topotest.Ref("aws_vpc.main", "id")}},
		topotest.Resource{Address: "aws_subnet.a", After: map[string]any{"cidr_block": "10.0.1.0/24", "ipv6_cidr_block": "2600:1f18::/64"},
			Unknown: []string{"id", "vpc_id"}, Refs: map[string][]string{"vpc_id": topotest.Ref("aws_vpc.main", "id")}},
		topotest.Resource{Address: "aws_vpc_endpoint.e", After: map[string]any{"service_name": "com.amazonaws.us-east-1.execute-api", "vpc_endpoint_type": "Interface"},
			Unknown: []string{"id", "vpc_id"}, Refs: map[string][]string{"vpc_id": topotest.Ref("aws_vpc.main", "id")}},
		topotest.Resource{Address: "aws_api_gateway_rest_api.api", After: map[string]any{"name": "api", "endpoint_configuration": []any{map[string]any{"types": []any{"PRIVATE"}}}},
			Unknown: []string{"id", "execution_arn", "root_resource_id"}},
		topotest.Resource{Address: "aws_api_gateway_stage.prod", After: map[string]any{"stage_name": "prod"},
			Unknown: []string{"id", "invoke_url", "rest_api_id"}, Refs: map[string][]string{"rest_api_id": topotest.Ref("aws_api_gateway_rest_api.api", "id")}},
		// a client in aws_subnet.a, and one in a subnet the plan does not show
		topotest.Resource{Address: "aws_instance.c", After: map[string]any{"ami": "ami-0abc"}, Unknown: []string{"id", "subnet_id", "user_data"},
			Refs: map[string][]string{"subnet_id": topotest.Ref("aws_subnet.a", "id"), "user_data": callsAPI}},
		topotest.Resource{Address: "aws_instance.u", After: map[string]any{"ami": "ami-0abc"}, Unknown: []string{"id", "subnet_id", "user_data"},
			Refs: map[string][]string{"subnet_id": {"var.subnet"}, "user_data": callsAPI}},
	)
	if len(v.Endpoints) != 1 || len(v.Clients) != 2 {
		t.Fatalf("endpoints %d, clients %d; want 1 and 2", len(v.Endpoints), len(v.Clients))
	}
	e := v.Endpoints[0]
	client := map[string]*topology.Client{}
	for _, c := range v.Clients {
		client[c.Address] = c
	}
	tests := []struct {
		name   string
		client *topology.Client
		ips    []string
	}{
		{"client subnet (IPv4 only)", client["aws_instance.c"], []string{"10.0.1.0/24"}},
		{"no client: every range of the endpoint's VPC", nil, []string{"10.0.0.0/16", "10.1.0.0/16"}},
		{"client subnets unknown: a placeholder address", client["aws_instance.u"], []string{"${aws_instance.u.private_ip}"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rcs := pa2PairContexts(v, e, tt.client)
			var ips []string
			for _, rc := range rcs {
				if got := rc.Context()[iampolicy.KeySourceVpce]; len(got) != 1 || got[0] != e.ID {
					t.Errorf("aws:SourceVpce = %q", got)
				}
				if got := rc.Context()[iampolicy.KeySourceVpc]; len(got) != 1 || got[0] != vpc {
					t.Errorf("aws:SourceVpc = %q", got)
				}
				if _, ok := rc.Context()["aws:SourceIp"]; ok {
					t.Error("aws:SourceIp must be absent on endpoint traffic (B5)")
				}
				ips = append(ips, symbol.Display(rc.IP))
			}
			if strings.Join(ips, " ") != strings.Join(tt.ips, " ") {
				t.Errorf("aws:VpcSourceIp: got %q, want %q", ips, tt.ips)
			}
		})
	}
}

func TestRequestCallerKeys(t *testing.T) {
	pol, err := iampolicy.Parse([]byte(`{"Statement":[{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-1"}}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	rc := pa2ReqContext{Vpce: "vpce-1"}
	anon := pa2Invocation{Kind: pa2AuthAnonymous, Resource: "arn:aws:execute-api:us-east-1:1:a/prod/GET/"}
	iam := pa2Invocation{Kind: pa2AuthIAM, Resource: anon.Resource}
	ra, ri := pa2Request(pol, anon, rc), pa2Request(pol, iam, rc)
	if _, ok := ra.Context["aws:PrincipalOrgID"]; ok || !ra.Caller.Anonymous {
		t.Errorf("anonymous request: %+v", ra)
	}
	if _, ok := ri.Context["aws:PrincipalOrgID"]; !ok || ri.Caller.Anonymous {
		t.Errorf("IAM request must carry principal keys (values unknown): %+v", ri)
	}
	if ra.Action != "execute-api:Invoke" {
		t.Errorf("action %s", ra.Action)
	}
	// anonymous: the negated operator on the absent key denies (B6); IAM: unknown
	if d := pol.Evaluate(ra, iampolicy.ExpandContext{}); d.Allowed != symbol.False {
		t.Errorf("anonymous: %v", d.Allowed)
	}
	if d := pol.Evaluate(ri, iampolicy.ExpandContext{}); d.Allowed != symbol.False || d.Effect != iampolicy.ResultImplicitDeny {
		t.Errorf("IAM: %+v", d)
	}
}

func TestExactMatch(t *testing.T) {
	a := pa2Tok("aws_api_gateway_rest_api.a", "id", true)
	b := pa2Tok("aws_api_gateway_rest_api.b", "id", true)
	v := pa2Tok("var.x", "", false)
	arn := "arn:aws:execute-api:us-east-1:1:" + a
	tests := []struct {
		x, y string
		want symbol.Tri
	}{
		{arn, arn + "/prod/GET/", symbol.False}, // bare ARN never names an invocation
		{arn + "/prod/GET/x", arn + "/prod/GET/x", symbol.True},
		{arn + "/prod/GET/x", arn + "/prod/POST/x", symbol.False},
		{arn + "/prod/GET/x", "arn:aws:execute-api:us-east-1:1:" + b + "/prod/GET/x", symbol.Unknown},
		{"vpce-1", a, symbol.False}, // fresh against literal
		{v + "/x", "abc/x", symbol.Unknown},
		{v + "/x", "abc/y", symbol.False},
		{v, v + v, symbol.False},
	}
	for _, tt := range tests {
		if got := pa2ExactMatch(tt.x, tt.y); got != tt.want {
			t.Errorf("exactMatch(%s, %s) = %v, want %v", symbol.Display(tt.x), symbol.Display(tt.y), got, tt.want)
		}
	}
}

// TestEvaluateResourceForms evaluates Allow statements written in the forms
// a policy may use against an invocation of the API.
func TestEvaluateResourceForms(t *testing.T) {
	// a, b created by this plan; c an existing API with a known ARN; a and
	// c have a stage prod and a method GET /hello
	var rs []topotest.Resource
	for _, name := range []string{"a", "b", "c"} {
		api := "aws_api_gateway_rest_api." + name
		if name == "c" {
			rs = append(rs, pa2Existing(api, map[string]any{"id": "abc123", "name": name, "root_resource_id": "r00t",
				"execution_arn": "arn:aws:execute-api:us-east-1:111122223333:abc123"}, "execution_arn", "root_resource_id"))
		} else {
			rs = append(rs, topotest.Resource{Address: api, After: map[string]any{"name": name}, Unknown: []string{"id", "execution_arn", "root_resource_id"}})
		}
		if name != "b" {
			rs = append(rs, pa2StageAndMethod(api, name, "NONE")...)
		}
	}
	v := topotest.ViewIn(t, "us-east-1", rs...)
	if len(v.APIs) != 3 {
		t.Fatalf("%d APIs, want 3", len(v.APIs))
	}
	created, other, existing := v.APIs[0], v.APIs[1], v.APIs[2]
	if created.ExecutionARN != pa2Tok(created.Address, "execution_arn", true) || existing.ID != "abc123" || len(existing.Methods) != 1 || existing.Methods[0].Path != "/hello" {
		t.Fatalf("view: %+v %+v", created, existing)
	}
	tests := []struct {
		name     string
		api      *topology.API
		resource string
		want     symbol.Tri
	}{
		{"shorthand", created, "execute-api:/*", symbol.True},
		{"execution_arn/*", created, created.ExecutionARN + "/*", symbol.True},
		{"bare execution_arn", created, created.ExecutionARN, symbol.False},
		{"stage named GET", created, created.ExecutionARN + "/GET/*", symbol.False},
		{"every stage, GET", created, created.ExecutionARN + "/*/GET/*", symbol.True},
		{"another API of the plan", created, other.ExecutionARN + "/*", symbol.False},
		{"literal ARN of another API", created, "arn:aws:execute-api:us-east-1:111122223333:a1b2c3d4e5/*", symbol.False},
		{"known API, literal ARN", existing, "arn:aws:execute-api:us-east-1:111122223333:abc123/prod/GET/hello", symbol.True},
		{"known API, other region", existing, "arn:aws:execute-api:eu-west-1:111122223333:abc123/*", symbol.False},
		{"known API, management ARN", existing, "arn:aws:apigateway:us-east-1::/restapis/abc123/*", symbol.False},
		{"known API, shorthand", existing, "execute-api:/prod/GET/hello", symbol.True},
		{"known API, account wildcard", existing, "arn:aws:execute-api:us-east-1:*:abc123/*", symbol.True},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw := &iampolicy.Policy{Version: "2012-10-17", Statements: []iampolicy.Statement{{Effect: "Allow", Principal: &iampolicy.Principal{Wildcard: true},
				Action: []string{"execute-api:Invoke"}, Resource: []string{tt.resource}}}}
			pol := v.ForAPI(raw, tt.api)
			in := pa2Invocations(tt.api, v.APIARN(tt.api))[0]
			d := pa2Evaluate(pol, pa2Request(pol, in, pa2ReqContext{}), v.APIExpandContext(tt.api))
			if d.Allowed != tt.want {
				t.Errorf("%s against %s: %v (%s)", symbol.Display(tt.resource), symbol.Display(in.Resource), d.Allowed, d.Reason)
			}
		})
	}
}

// pa2View is a private API (existing, known ARN) with one stage and one
// method, its endpoint and VPC, and a resource policy given as JSON
// (aws_api_gateway_rest_api_policy); an API that may be private has an
// endpoint_configuration known only after apply.
func pa2View(t *testing.T, auth, policy string, private symbol.Tri) *topology.View {
	t.Helper()
	const api = "aws_api_gateway_rest_api.api"
	after := map[string]any{"id": "abc123", "name": "api", "root_resource_id": "r00t",
		"execution_arn":          "arn:aws:execute-api:us-east-1:111122223333:abc123",
		"endpoint_configuration": []any{map[string]any{"types": []any{"PRIVATE"}, "vpc_endpoint_ids": []any{"vpce-0aaa"}}}}
	a := pa2Existing(api, after, "execution_arn", "root_resource_id")
	if private == symbol.Unknown {
		// types = var.endpoint_types, known only after apply
		after["endpoint_configuration"] = []any{map[string]any{"vpc_endpoint_ids": []any{"vpce-0aaa"}}}
		a.Unknown = []string{"endpoint_configuration.0.types"}
		a.Refs = map[string][]string{"endpoint_configuration.0.types": {"var.endpoint_types"}}
		a.Actions = []string{"update"}
		before := map[string]any{}
		for k, x := range after {
			before[k] = x
		}
		before["endpoint_configuration"] = []any{map[string]any{"types": []any{"REGIONAL"}}}
		a.Before = before
	}
	rs := []topotest.Resource{a,
		pa2Existing("aws_vpc_endpoint.e", map[string]any{"id": "vpce-0aaa", "vpc_id": "vpc-0aaa",
			"service_name": "com.amazonaws.us-east-1.execute-api", "vpc_endpoint_type": "Interface"}),
		pa2Existing("aws_vpc.main", map[string]any{"id": "vpc-0aaa", "cidr_block": "10.0.0.0/16"}),
	}
	rs = append(rs, pa2StageAndMethod(api, "api", auth)...)
	if policy != "" {
		rs = append(rs, topotest.Resource{Address: "aws_api_gateway_rest_api_policy.api", After: map[string]any{"rest_api_id": "abc123", "policy": policy},
			Unknown: []string{"id"}})
	}
	v := topotest.ViewIn(t, "us-east-1", rs...)
	if len(v.APIs) != 1 || v.APIs[0].Private != private || len(v.APIs[0].Methods) != 1 || (policy != "") != (len(v.APIs[0].Policies) == 1) {
		t.Fatalf("view: private %v, %d methods, %d policies", v.APIs[0].Private, len(v.APIs[0].Methods), len(v.APIs[0].Policies))
	}
	return v
}

// pa2Existing is a resource the plan leaves as it is (no-op); computed
// lists its attributes that the configuration does not set.
func pa2Existing(addr string, after map[string]any, computed ...string) topotest.Resource {
	return topotest.Resource{Address: addr, Actions: []string{"no-op"}, Before: after, After: after, Computed: computed}
}

// pa2StageAndMethod is a stage prod and a method GET /hello of the API at
// api, created with it.
func pa2StageAndMethod(api, name, auth string) []topotest.Resource {
	apiID := map[string][]string{"rest_api_id": topotest.Ref(api, "id")}
	res := "aws_api_gateway_resource.hello_" + name
	return []topotest.Resource{
		{Address: "aws_api_gateway_stage.prod_" + name, After: map[string]any{"stage_name": "prod"}, Unknown: []string{"id", "rest_api_id", "invoke_url"}, Refs: apiID},
		{Address: res, After: map[string]any{"path_part": "hello", "path": "/hello"}, Computed: []string{"path"}, Unknown: []string{"id", "rest_api_id", "parent_id"},
			Refs: map[string][]string{"rest_api_id": topotest.Ref(api, "id"), "parent_id": topotest.Ref(api, "root_resource_id")}},
		{Address: "aws_api_gateway_method.get_" + name, After: map[string]any{"http_method": "GET", "authorization": auth}, Unknown: []string{"id", "rest_api_id", "resource_id"},
			Refs: map[string][]string{"rest_api_id": topotest.Ref(api, "id"), "resource_id": topotest.Ref(res, "id")}},
	}
}

const (
	pa2Allow     = `{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*"}`
	pa2DenyVpce  = `{"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*","Condition":{"StringNotEquals":{"aws:SourceVpce":"%s"}}}`
	pa2AllowRoot = `{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"execute-api:Invoke","Resource":"execute-api:/*"}`
)

func pa2Doc(stmts ...string) string {
	return `{"Version":"2012-10-17","Statement":[` + strings.Join(stmts, ",") + `]}`
}

func TestPA202Verdicts(t *testing.T) {
	deny := func(id string) string { return strings.Replace(pa2DenyVpce, "%s", id, 1) }
	tests := []struct {
		name, auth, policy string
		private            symbol.Tri
		status, severity   string
	}{
		{"AWS example, own endpoint", "NONE", pa2Doc(pa2Allow, deny("vpce-0aaa")), symbol.True, "pass", "error"},
		{"AWS example, other endpoint", "NONE", pa2Doc(pa2Allow, deny("vpce-0bbb")), symbol.True, "fail", "error"},
		{"no Allow, NONE", "NONE", pa2Doc(deny("vpce-0aaa")), symbol.True, "fail", "error"},
		{"no Allow, COGNITO", "COGNITO_USER_POOLS", pa2Doc(deny("vpce-0aaa")), symbol.True, "fail", "error"},
		{"no Allow, CUSTOM: the authorizer supplies the Allow", "CUSTOM", pa2Doc(deny("vpce-0aaa")), symbol.True, "pass", "error"},
		{"no Allow, AWS_IAM: identity policy may allow", "AWS_IAM", pa2Doc(deny("vpce-0aaa")), symbol.True, "fail", "warning"},
		{"explicit deny, AWS_IAM", "AWS_IAM", pa2Doc(pa2Allow, deny("vpce-0bbb")), symbol.True, "fail", "error"},
		{"named principal, NONE", "NONE", pa2Doc(pa2AllowRoot), symbol.True, "fail", "error"},
		{"named principal, AWS_IAM: unknown caller", "AWS_IAM", pa2Doc(pa2AllowRoot), symbol.True, "unverified", "error"},
		{"API may not be private", "NONE", pa2Doc(deny("vpce-0aaa")), symbol.Unknown, "unverified", "error"},
		{"SourceVpc of the endpoint's VPC", "NONE", pa2Doc(pa2Allow, strings.Replace(deny("vpc-0aaa"), "aws:SourceVpce", "aws:SourceVpc", 1)), symbol.True, "pass", "error"},
		{"VpcSourceIp covering the VPC", "NONE", pa2Doc(pa2Allow, `{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{"NotIpAddress":{"aws:VpcSourceIp":"10.0.0.0/8"}}}`), symbol.True, "pass", "error"},
		{"VpcSourceIp covering half the VPC", "NONE", pa2Doc(pa2Allow, `{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{"NotIpAddress":{"aws:VpcSourceIp":"10.0.0.0/17"}}}`), symbol.True, "fail", "error"},
	}
	c := Lookup("PA202")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := pa2View(t, tt.auth, tt.policy, tt.private)
			r := NewReporter(c)
			c.Run(v, r)
			res := r.Results()
			if len(res) != 1 {
				t.Fatalf("want one result, got %d: %+v", len(res), res)
			}
			if string(res[0].Status) != tt.status || (tt.status != "pass" && res[0].Severity.String() != tt.severity) {
				t.Errorf("got %s/%s, want %s/%s: %s\nfix: %s", res[0].Status, res[0].Severity, tt.status, tt.severity, res[0].Message, res[0].Fix)
			}
		})
	}
}

func TestPA2LintChecks(t *testing.T) {
	tests := []struct {
		id, auth, policy string
		status           string
	}{
		{"PA204", "NONE", pa2Doc(pa2Allow, `{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{"NotIpAddress":{"aws:SourceIp":"10.0.0.0/16"}}}`), "fail"},
		{"PA204", "NONE", pa2Doc(pa2Allow), "pass"},
		{"PA205", "NONE", pa2Doc(pa2Allow, strings.Replace(pa2DenyVpce, "%s", "vpce-0aaa", 1)), "pass"},
		{"PA205", "NONE", pa2Doc(pa2Allow, strings.Replace(pa2DenyVpce, "%s", "vpce-0zzz", 1)), "fail"},
		{"PA206", "NONE", pa2Doc(`{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:us-east-1:111122223333:abc123"}`), "fail"},
		{"PA206", "NONE", pa2Doc(`{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:us-east-1:111122223333:abc123/*/GET/*"}`), "pass"},
		{"PA207", "NONE", pa2Doc(pa2AllowRoot), "fail"},
		{"PA207", "AWS_IAM", pa2Doc(pa2AllowRoot), "pass"},
		{"PA207", "NONE", pa2Doc(pa2AllowRoot, pa2Allow), "pass"},
		{"PA210", "NONE", pa2Doc(pa2Allow), "fail"},
		{"PA210", "NONE", pa2Doc(pa2Allow, strings.Replace(pa2DenyVpce, "%s", "vpce-0aaa", 1)), "pass"},
		{"PA211", "NONE", pa2Doc(pa2Allow, strings.Replace(strings.Replace(pa2DenyVpce, "%s", "vpce-0aaa", 1), "aws:SourceVpce", "aws:SourceVpc", 1)), "fail"},
		{"PA211", "NONE", pa2Doc(`{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"*","Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-0bbb"}}}`), "fail"},
		{"PA211", "NONE", pa2Doc(pa2Allow, strings.Replace(strings.Replace(pa2DenyVpce, "%s", "vpce-0aaa", 1), "StringNotEquals", "ForAnyValue:StringNotEquals", 1)), "fail"},
		{"PA211", "NONE", pa2Doc(pa2Allow, strings.Replace(pa2DenyVpce, "%s", "vpce-0aaa", 1)), "pass"},
		{"PA201", "NONE", "", "fail"},
		{"PA201", "NONE", pa2Doc(pa2Allow), "pass"},
	}
	for _, tt := range tests {
		t.Run(tt.id+" "+tt.status, func(t *testing.T) {
			c := Lookup(tt.id)
			r := NewReporter(c)
			c.Run(pa2View(t, tt.auth, tt.policy, symbol.True), r)
			res := r.Results()
			if len(res) != 1 {
				t.Fatalf("want one result, got %d: %+v", len(res), res)
			}
			if string(res[0].Status) != tt.status {
				t.Errorf("%s: got %s, want %s: %s", symbol.Display(tt.policy), res[0].Status, tt.status, res[0].Message)
			}
		})
	}
}
