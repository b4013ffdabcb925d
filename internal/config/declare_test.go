package config

import (
	"reflect"
	"strings"
	"testing"
)

// TestDeclaredPaths: endpoint and client blocks carry the security-group
// rules and NACL verdicts of the stacks that own them.
func TestDeclaredPaths(t *testing.T) {
	src := `
endpoint "shared" {
  id                 = "vpce-0f1e2d3c4b5a69788"
  vpc_id             = "vpc-0c0ffee0c0ffee000"
  region             = "eu-west-1"
  security_group_ids = ["sg-0a1b2c3d4e5f60718"]
  private_dns        = true
  ingress_https_from = ["10.40.0.0/16", "sg-0b2c3d4e5f6071829"]
  nacls_allow_https  = true
}
client "batch" {
  cidrs              = ["10.40.20.0/24"]
  security_group_ids = ["sg-0b2c3d4e5f6071829"]
  vpc_id             = "vpc-0c0ffee0c0ffee000"
  egress_https_to    = ["10.40.0.0/16"]
  nacls_allow_https  = false
}
`
	cfg, err := Parse("t.hcl", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	e, c := cfg.Endpoints[0], cfg.Clients[0]
	if !reflect.DeepEqual(e.IngressHTTPSFrom, []string{"10.40.0.0/16", "sg-0b2c3d4e5f6071829"}) || e.NACLsAllowHTTPS == nil || !*e.NACLsAllowHTTPS {
		t.Errorf("endpoint = %+v", e)
	}
	if !reflect.DeepEqual(c.EgressHTTPSTo, []string{"10.40.0.0/16"}) || c.NACLsAllowHTTPS == nil || *c.NACLsAllowHTTPS {
		t.Errorf("client = %+v", c)
	}
	bad := strings.Replace(src, `"10.40.0.0/16", "sg-0b2c3d4e5f6071829"`, `"10.40.0.0/33"`, 1)
	if _, err := Parse("t.hcl", []byte(bad), nil); err == nil || !strings.Contains(err.Error(), "Invalid peer") {
		t.Errorf("bad peer: err = %v", err)
	}
}
