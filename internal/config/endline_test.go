package config

import "testing"

// TestDeclaredBlockLines: endpoint and client blocks record their first
// and last lines (reports locate findings on declared elements there),
// heredocs inside them included.
func TestDeclaredBlockLines(t *testing.T) {
	src := `endpoint "shared" {
  id                 = "vpce-0123456789abcdef0"
  vpc_id             = "vpc-0123456789abcdef0"
  region             = "eu-west-1"
  security_group_ids = ["sg-0123456789abcdef0"]
  private_dns        = true
  policy             = <<EOT
{
  "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}]
}
EOT
}

client "hosts" {
  cidrs              = ["10.0.1.0/24"]
  security_group_ids = []
  vpc_id             = "vpc-0123456789abcdef0"
}
`
	c, err := Parse("x/.privapi.hcl", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Endpoints) != 1 || len(c.Clients) != 1 {
		t.Fatalf("%d endpoints, %d clients", len(c.Endpoints), len(c.Clients))
	}
	e, cl := c.Endpoints[0], c.Clients[0]
	if e.Pos.File != "x/.privapi.hcl" || e.Pos.Line != 1 || e.EndLine != 12 {
		t.Errorf("endpoint at %s to line %d, want x/.privapi.hcl:1 to 12", e.Pos, e.EndLine)
	}
	if cl.Pos.Line != 14 || cl.EndLine != 18 {
		t.Errorf("client at %s to line %d, want lines 14 to 18", cl.Pos, cl.EndLine)
	}
	if e.Attrs["policy"].Line != 7 {
		t.Errorf("policy at %s, want line 7", e.Attrs["policy"])
	}
}
