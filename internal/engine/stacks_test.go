package engine_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/privapi/privapi/internal/engine"
)

const (
	stacks    = "../../fixtures/stacks/"
	network   = stacks + "network/state.json"
	orders    = stacks + "services/orders/tfplan.json"
	vpceID    = "vpce-0919071328f7b17d6"
	networkSG = "sg-03a124de3d68339d5"
)

// TestJoinPrecedence: an endpoint declared in the configuration file wins
// over the context input's endpoint with the same id, which wins over
// nothing; other elements of the context input stay.
func TestJoinPrecedence(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "privapi.hcl")
	if err := os.WriteFile(cfg, []byte(`endpoint "shared" {
  id                 = "`+vpceID+`"
  vpc_id             = "vpc-0123456789abcdef0"
  region             = "us-east-1"
  security_group_ids = ["`+networkSG+`"]
  private_dns        = false
}
`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, config, want string
	}{
		{"nothing", "", ""},
		{"context input", "", "network:aws_vpc_endpoint.execute_api"},
		{"declaration over context input", cfg, "endpoint.shared"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			in := engine.Inputs{Plan: orders}
			if tt.name != "nothing" {
				in.With = []engine.Context{{Path: network}}
			}
			res, diags := engine.Runner{ConfigFile: tt.config, AnalyzeOnly: true}.Run(context.Background(), in)
			if err := engine.Err(diags); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range res.Analysis.View.Endpoints {
				if e.ID == vpceID {
					got = append(got, e.Address)
				}
			}
			switch {
			case tt.want == "" && len(got) != 0:
				t.Errorf("endpoints with %s: %v, want none", vpceID, got)
			case tt.want != "" && (len(got) != 1 || got[0] != tt.want):
				t.Errorf("endpoints with %s: %v, want only %s", vpceID, got, tt.want)
			}
			if tt.name != "nothing" && res.Analysis.View.SecurityGroupByID(networkSG) == nil {
				t.Errorf("the network stack's security group %s is not in the view", networkSG)
			}
		})
	}
}

func TestStackName(t *testing.T) {
	for path, want := range map[string]string{
		"network/state.json":            "network",
		"stacks/net/terraform.tfstate":  "net",
		"envs/prod/tfplan.json":         "prod",
		"network.tfplan.json":           "network",
		"plans/shared services.json":    "shared-services",
		"live/core/network/plan.tfplan": "network",
	} {
		if got := engine.StackName(path); got != want {
			t.Errorf("StackName(%q) = %q, want %q", path, got, want)
		}
	}
	for s, want := range map[string]engine.Context{
		"net=a/b.json": {Name: "net", Path: "a/b.json"},
		"a/b.json":     {Path: "a/b.json"},
		"x y=c.json":   {Path: "x y=c.json"},
	} {
		if got := engine.ParseContext(s); got != want {
			t.Errorf("ParseContext(%q) = %+v, want %+v", s, got, want)
		}
	}
}
