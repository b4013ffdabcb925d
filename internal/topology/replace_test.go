package topology

import (
	"fmt"
	"strings"
	"testing"
)

const replaceConfig = `
resource "aws_api_gateway_rest_api_policy" "api" {
  rest_api_id = "x"
  policy      = "{}"
}

resource "aws_api_gateway_integration" "get" {
  rest_api_id = "x"
}

# output read: follows input (value) and replace_triggered_by (replacement)
resource "terraform_data" "marker" {
  input = local.doc

  lifecycle {
    replace_triggered_by = [terraform_data.hop]
  }
}

resource "terraform_data" "hop" {
  triggers_replace = [aws_api_gateway_rest_api_policy.api]
}

# a cycle of replacement causes
resource "terraform_data" "a" {
  lifecycle {
    replace_triggered_by = [terraform_data.b]
  }
}

resource "terraform_data" "b" {
  lifecycle {
    replace_triggered_by = [terraform_data.a, aws_api_gateway_integration.get]
  }
}

locals {
  doc = "v1"
}

resource "aws_api_gateway_deployment" "output" {
  rest_api_id = "x"
  triggers    = { redeployment = sha1(jsonencode([terraform_data.marker.output])) }
}

resource "aws_api_gateway_deployment" "input" {
  rest_api_id = "x"
  triggers    = { redeployment = terraform_data.marker.input }
}

resource "aws_api_gateway_deployment" "cycle" {
  rest_api_id = "x"
  triggers    = { redeployment = terraform_data.a.id }
}

resource "aws_api_gateway_deployment" "direct" {
  rest_api_id = "x"
  lifecycle {
    replace_triggered_by = [aws_api_gateway_rest_api_policy.api]
  }
}
`

func TestWalkValueReplacement(t *testing.T) {
	var changes []change
	for _, a := range []string{"aws_api_gateway_rest_api_policy.api", "aws_api_gateway_integration.get", "terraform_data.marker",
		"terraform_data.hop", "terraform_data.a", "terraform_data.b", "aws_api_gateway_deployment.output",
		"aws_api_gateway_deployment.input", "aws_api_gateway_deployment.cycle", "aws_api_gateway_deployment.direct"} {
		changes = append(changes, change{addr: a, actions: []string{"create"}, after: map[string]any{}, unknown: []string{"id"}})
	}
	v := buildView(t, map[string]string{"main.tf": replaceConfig}, changes)
	tests := []struct {
		deployment string
		names      []string
		want       []string // reached, as Chain(), "!" marking a replacement cause
		not        []string
	}{
		{"aws_api_gateway_deployment.output", []string{"triggers"},
			[]string{"terraform_data.marker.output", "terraform_data.marker → local.doc",
				"!terraform_data.marker.lifecycle.replace_triggered_by → terraform_data.hop",
				"!terraform_data.marker.lifecycle.replace_triggered_by → terraform_data.hop.triggers_replace → aws_api_gateway_rest_api_policy.api"}, nil},
		{"aws_api_gateway_deployment.input", []string{"triggers"},
			[]string{"terraform_data.marker.input"}, []string{"aws_api_gateway_rest_api_policy.api", "local.doc"}},
		{"aws_api_gateway_deployment.cycle", []string{"triggers"},
			[]string{"!terraform_data.a.lifecycle.replace_triggered_by → terraform_data.b",
				"!terraform_data.a.lifecycle.replace_triggered_by → terraform_data.b.lifecycle.replace_triggered_by → aws_api_gateway_integration.get"}, nil},
		{"aws_api_gateway_deployment.direct", []string{"triggers", "lifecycle.replace_triggered_by"},
			[]string{"!aws_api_gateway_rest_api_policy.api"}, nil},
	}
	for _, tt := range tests {
		w := v.walkValue(v.m.Instance(tt.deployment), tt.names...)
		var got []string
		for _, r := range w.Reached {
			mark := ""
			if r.Replaces {
				mark = "!"
			}
			got = append(got, mark+r.Chain())
		}
		has := strings.Join(got, "\n") + "\n"
		for _, want := range tt.want {
			if !strings.Contains("\n"+has, "\n"+want+"\n") {
				t.Errorf("%s: %q not reached; got\n%s", tt.deployment, want, has)
			}
		}
		for _, n := range tt.not {
			if strings.Contains(has, n) {
				t.Errorf("%s: %q reached; got\n%s", tt.deployment, n, has)
			}
		}
		if len(w.Opaque) > 0 {
			t.Errorf("%s: opaque %q", tt.deployment, w.Opaque)
		}
	}
}

// TestWalkValueReplacementBound: a replacement chain longer than
// maxReplaceHops ends there.
func TestWalkValueReplacementBound(t *testing.T) {
	var b strings.Builder
	var changes []change
	n := maxReplaceHops + 4
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "resource \"terraform_data\" \"t%d\" {\n  triggers_replace = [terraform_data.t%d.id]\n}\n", i, i+1)
		changes = append(changes, change{addr: fmt.Sprintf("terraform_data.t%d", i), actions: []string{"create"}, after: map[string]any{}})
	}
	b.WriteString("resource \"aws_api_gateway_deployment\" \"d\" {\n  triggers = { r = terraform_data.t0.id }\n}\n")
	changes = append(changes, change{addr: "aws_api_gateway_deployment.d", actions: []string{"create"}, after: map[string]any{}})
	v := buildView(t, map[string]string{"main.tf": b.String()}, changes)
	w := v.walkValue(v.m.Instance("aws_api_gateway_deployment.d"), "triggers")
	if got := len(w.Reached); got != maxReplaceHops+1 {
		t.Errorf("reached %d references, want %d (the bound)", got, maxReplaceHops+1)
	}
}
