package topology

import (
	"errors"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/privapi/privapi/internal/iampolicy"
	"github.com/privapi/privapi/internal/symbol"
)

func strList(ss ...string) cty.Value {
	if len(ss) == 0 {
		return cty.EmptyTupleVal
	}
	var vs []cty.Value
	for _, s := range ss {
		vs = append(vs, cty.StringVal(s))
	}
	return cty.TupleVal(vs)
}

func principals(typ string, ids ...string) cty.Value {
	return cty.TupleVal([]cty.Value{cty.ObjectVal(map[string]cty.Value{"type": cty.StringVal(typ), "identifiers": strList(ids...)})})
}

func condition(test, variable string, values ...string) cty.Value {
	return cty.ObjectVal(map[string]cty.Value{"test": cty.StringVal(test), "variable": cty.StringVal(variable), "values": strList(values...)})
}

// stmt builds a statement block value as the model resolves it.
func stmt(attrs map[string]cty.Value) cty.Value {
	full := map[string]cty.Value{
		"sid": cty.NullVal(cty.String), "effect": cty.NullVal(cty.String),
		"actions": cty.NullVal(cty.DynamicPseudoType), "not_actions": cty.NullVal(cty.DynamicPseudoType),
		"resources": cty.NullVal(cty.DynamicPseudoType), "not_resources": cty.NullVal(cty.DynamicPseudoType),
		"principals": cty.EmptyTupleVal, "not_principals": cty.EmptyTupleVal, "condition": cty.EmptyTupleVal,
	}
	for k, v := range attrs {
		full[k] = v
	}
	return cty.ObjectVal(full)
}

func TestDocumentConfigFrom(t *testing.T) {
	vpce := symbol.Ref{Address: "aws_vpc_endpoint.e", Attr: "id", Fresh: true}.Token()
	arn := symbol.Ref{Address: "aws_api_gateway_rest_api.a", Attr: "execution_arn", Fresh: true}.Token()
	allowDoc := symbol.Ref{Address: "data.aws_iam_policy_document.allow", Attr: "json"}.Token()
	allowJSON := `{"Version":"2012-10-17","Statement":[{"Sid":"Allow","Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"` + arn + `/*"}]}`
	resolve := func(s string) (string, error) {
		if s == allowDoc {
			return allowJSON, nil
		}
		if _, only := symbol.Only(s); only {
			return "", ErrPolicyUnknown
		}
		return s, nil
	}
	deny := stmt(map[string]cty.Value{
		"sid": cty.StringVal("DenyOutsideVpce"), "effect": cty.StringVal("Deny"),
		"actions": strList("execute-api:Invoke"), "resources": strList(arn + "/*"),
		"principals": principals("*", "*"),
		"condition":  cty.TupleVal([]cty.Value{condition("StringNotEquals", "aws:SourceVpce", vpce)}),
	})
	tests := []struct {
		name  string
		attrs map[string]cty.Value
		// want is the canonical JSON of the built policy ("" when an error is wanted).
		want    string
		unknown bool
	}{
		{
			name:  "principals type * renders Principal *",
			attrs: map[string]cty.Value{"statement": cty.TupleVal([]cty.Value{stmt(map[string]cty.Value{"actions": strList("execute-api:Invoke"), "resources": strList("execute-api:/*"), "principals": principals("*", "*")})})},
			want:  `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*"}]}`,
		},
		{
			name:  `principals type AWS renders {"AWS":"*"}`,
			attrs: map[string]cty.Value{"statement": cty.TupleVal([]cty.Value{stmt(map[string]cty.Value{"actions": strList("execute-api:Invoke"), "resources": strList("execute-api:/*"), "principals": principals("AWS", "*")})})},
			want:  `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"execute-api:Invoke","Resource":"execute-api:/*"}]}`,
		},
		{
			name: "deferred source_policy_documents merged before the blocks, symbols kept",
			attrs: map[string]cty.Value{
				"source_policy_documents": strList(allowDoc),
				"statement":               cty.TupleVal([]cty.Value{deny}),
			},
			want: `{"Version":"2012-10-17","Statement":[{"Sid":"Allow","Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"` + arn + `/*"},` +
				`{"Sid":"DenyOutsideVpce","Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"` + arn + `/*","Condition":{"StringNotEquals":{"aws:SourceVpce":"` + vpce + `"}}}]}`,
		},
		{
			name: "override_policy_documents replace a statement by Sid",
			attrs: map[string]cty.Value{
				"statement":                 cty.TupleVal([]cty.Value{deny}),
				"override_policy_documents": strList(`{"Version":"2012-10-17","Statement":[{"Sid":"DenyOutsideVpce","Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"*","Condition":{"StringNotEquals":{"aws:SourceVpc":"vpc-1"}}}]}`),
			},
			want: `{"Version":"2012-10-17","Statement":[{"Sid":"DenyOutsideVpce","Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"*","Condition":{"StringNotEquals":{"aws:SourceVpc":"vpc-1"}}}]}`,
		},
		{
			name:    "statement blocks unknown",
			attrs:   map[string]cty.Value{"statement": cty.DynamicVal},
			unknown: true,
		},
		{
			name:    "condition values unknown",
			attrs:   map[string]cty.Value{"statement": cty.TupleVal([]cty.Value{stmt(map[string]cty.Value{"actions": strList("execute-api:Invoke"), "condition": cty.TupleVal([]cty.Value{cty.ObjectVal(map[string]cty.Value{"test": cty.StringVal("StringEquals"), "variable": cty.StringVal("aws:SourceVpce"), "values": cty.DynamicVal})})})})},
			unknown: true,
		},
		{
			name:    "source document that cannot be resolved",
			attrs:   map[string]cty.Value{"source_policy_documents": strList(symbol.Ref{Address: "local.x", Attr: ""}.Token()), "statement": cty.EmptyTupleVal},
			unknown: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			get := func(name string) cty.Value {
				if v, ok := tt.attrs[name]; ok {
					return v
				}
				return cty.NullVal(cty.DynamicPseudoType)
			}
			cfg, err := DocumentConfigFrom("data.aws_iam_policy_document.x", get, resolve)
			if tt.unknown {
				if !errors.Is(err, ErrPolicyUnknown) {
					t.Fatalf("want ErrPolicyUnknown, got %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			p, err := cfg.Build()
			if err != nil {
				t.Fatal(err)
			}
			want, err := iampolicy.Parse([]byte(tt.want))
			if err != nil {
				t.Fatal(err)
			}
			if got, w := string(p.JSON()), string(want.JSON()); got != w {
				t.Errorf("got  %s\nwant %s", symbol.Display(got), symbol.Display(w))
			}
		})
	}
}

const deferredDocConfig = `
data "aws_iam_policy_document" "allow" {
  statement {
    sid       = "AllowAll"
    actions   = ["execute-api:Invoke"]
    resources = ["${aws_api_gateway_rest_api.api.execution_arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}

data "aws_iam_policy_document" "api" {
  source_policy_documents   = [data.aws_iam_policy_document.allow.json]
  override_policy_documents = [jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Extra"
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "execute-api:Invoke"
      Resource  = "${aws_api_gateway_rest_api.api.execution_arn}/*/GET/*"
    }]
  })]

  statement {
    sid       = "DenyOutsideVpce"
    effect    = "Deny"
    actions   = ["execute-api:Invoke"]
    resources = ["${aws_api_gateway_rest_api.api.execution_arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "StringNotEquals"
      variable = "aws:SourceVpce"
      values   = [aws_vpc_endpoint.e.id]
    }
  }
}

resource "aws_vpc_endpoint" "e" {
  vpc_id            = "vpc-1"
  service_name      = "com.amazonaws.us-east-1.execute-api"
  vpc_endpoint_type = "Interface"
}

resource "aws_api_gateway_rest_api" "api" {
  name = "api"
  endpoint_configuration {
    types = ["PRIVATE"]
  }
}

resource "aws_api_gateway_rest_api_policy" "api" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  policy      = data.aws_iam_policy_document.api.json
}
`

func TestRebuildDeferredDocument(t *testing.T) {
	// the plan shows the deferred documents' blocks either unknown or not at all
	for _, blocks := range [][]string{{"statement", "source_policy_documents", "override_policy_documents"}, nil} {
		testRebuildDeferredDocument(t, blocks)
	}
}

func testRebuildDeferredDocument(t *testing.T, blocks []string) {
	v := buildView(t, map[string]string{"main.tf": deferredDocConfig}, []change{
		{addr: "data.aws_iam_policy_document.allow", actions: []string{"read"}, after: map[string]any{}, unknown: append([]string{"json", "id"}, blocks...)},
		{addr: "data.aws_iam_policy_document.api", actions: []string{"read"}, after: map[string]any{}, unknown: append([]string{"json", "id"}, blocks...)},
		{addr: "aws_vpc_endpoint.e", actions: []string{"create"}, after: map[string]any{"vpc_id": "vpc-1", "service_name": "com.amazonaws.us-east-1.execute-api", "vpc_endpoint_type": "Interface"}, unknown: []string{"id"}},
		{addr: "aws_api_gateway_rest_api.api", actions: []string{"create"}, after: map[string]any{"name": "api", "endpoint_configuration": []any{map[string]any{"types": []any{"PRIVATE"}}}}, unknown: []string{"id", "execution_arn", "policy"}},
		{addr: "aws_api_gateway_rest_api_policy.api", actions: []string{"create"}, after: map[string]any{}, unknown: []string{"policy", "rest_api_id", "id"}},
	})
	if len(v.APIs) != 1 {
		t.Fatalf("want one API, got %d", len(v.APIs))
	}
	ps := EffectivePolicy(v.APIs[0])
	if ps == nil || ps.Kind != PolicyResource || ps.doc == nil {
		t.Fatalf("want the aws_api_gateway_rest_api_policy with a deferred document, got %+v", ps)
	}
	p, err := v.ReadPolicy(ps)
	if err != nil {
		t.Fatal(err)
	}
	got := symbol.Display(string(p.JSON()))
	for _, want := range []string{
		`"Sid":"AllowAll","Effect":"Allow","Principal":"*"`,
		`"Sid":"DenyOutsideVpce","Effect":"Deny","Principal":"*"`,
		`"aws:SourceVpce":"${aws_vpc_endpoint.e.id}"`,
		`"Sid":"Extra","Effect":"Allow","Principal":{"AWS":"*"}`,
		`"Resource":"${aws_api_gateway_rest_api.api.execution_arn}/*/GET/*"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("rebuilt policy lacks %s:\n%s", want, got)
		}
	}
	if n := len(p.Statements); n != 3 {
		t.Errorf("want 3 statements (source, block, override), got %d: %s", n, got)
	}
}

func TestEffectivePolicy(t *testing.T) {
	arg := &PolicySource{Kind: PolicyArgument}
	res := &PolicySource{Kind: PolicyResource}
	body := &PolicySource{Kind: PolicyBody}
	gone := &PolicySource{Kind: PolicyResource, Deleted: true}
	for _, tt := range []struct {
		list []*PolicySource
		want *PolicySource
	}{
		{[]*PolicySource{body, res, arg}, arg},
		{[]*PolicySource{body, res}, res},
		{[]*PolicySource{body}, body},
		{[]*PolicySource{gone}, nil},
		{[]*PolicySource{gone, body}, body},
	} {
		if got := EffectivePolicy(&API{Policies: tt.list}); got != tt.want {
			t.Errorf("EffectivePolicy(%v) = %v, want %v", tt.list, got, tt.want)
		}
	}
}

// TestDocumentConfigUnknownNames: an argument known only after apply is
// named by its path in the document's blocks.
func TestDocumentConfigUnknownNames(t *testing.T) {
	unknownBlock := cty.DynamicVal
	tests := []struct {
		attrs map[string]cty.Value
		want  string
	}{
		{map[string]cty.Value{"version": cty.UnknownVal(cty.String)}, "version"},
		{map[string]cty.Value{"source_policy_documents": cty.DynamicVal}, "source_policy_documents"},
		{map[string]cty.Value{"statement": unknownBlock}, "the statement blocks"},
		{map[string]cty.Value{"statement": cty.TupleVal([]cty.Value{
			stmt(nil), stmt(map[string]cty.Value{"sid": cty.UnknownVal(cty.String)}),
		})}, "statement[1].sid"},
		{map[string]cty.Value{"statement": cty.TupleVal([]cty.Value{
			stmt(map[string]cty.Value{"not_resources": cty.DynamicVal}),
		})}, "statement[0].not_resources"},
		{map[string]cty.Value{"statement": cty.TupleVal([]cty.Value{
			stmt(map[string]cty.Value{"principals": unknownBlock}),
		})}, "statement[0].principals"},
		{map[string]cty.Value{"statement": cty.TupleVal([]cty.Value{
			stmt(nil), stmt(nil), stmt(map[string]cty.Value{"not_principals": cty.TupleVal([]cty.Value{
				principals("AWS", "*").Index(cty.NumberIntVal(0)),
				cty.ObjectVal(map[string]cty.Value{"type": cty.StringVal("AWS"), "identifiers": cty.DynamicVal}),
			})}),
		})}, "statement[2].not_principals[1].identifiers"},
		{map[string]cty.Value{"statement": cty.TupleVal([]cty.Value{
			stmt(map[string]cty.Value{"condition": unknownBlock}),
		})}, "statement[0].condition"},
		{map[string]cty.Value{"statement": cty.TupleVal([]cty.Value{
			stmt(map[string]cty.Value{"condition": cty.TupleVal([]cty.Value{
				cty.ObjectVal(map[string]cty.Value{"test": cty.StringVal("StringEquals"), "variable": cty.UnknownVal(cty.String), "values": strList("x")}),
			})}),
		})}, "statement[0].condition[0].variable"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			get := func(name string) cty.Value {
				if v, ok := tt.attrs[name]; ok {
					return v
				}
				if name == "statement" {
					return cty.EmptyTupleVal
				}
				return cty.NullVal(cty.DynamicPseudoType)
			}
			_, err := DocumentConfigFrom("data.aws_iam_policy_document.x", get, nil)
			want := tt.want + " of data.aws_iam_policy_document.x is known only after apply"
			if err == nil || err.Error() != want || !errors.Is(err, ErrPolicyUnknown) {
				t.Fatalf("got %v, want %q", err, want)
			}
		})
	}
}
