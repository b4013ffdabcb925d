package addr

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in      string
		want    string // canonical String(); "" when an error is expected
		nsteps  int
		errPart string
	}{
		{in: "aws_vpc_endpoint.this", want: "aws_vpc_endpoint.this", nsteps: 1},
		{in: "aws_vpc_endpoint.this[0]", want: "aws_vpc_endpoint.this[0]", nsteps: 1},
		{in: `module.x["k"].aws_vpc_endpoint.this[0]`, want: `module.x["k"].aws_vpc_endpoint.this[0]`, nsteps: 2},
		{in: `module.x["a.b"].data.aws_vpc.main`, want: `module.x["a.b"].data.aws_vpc.main`, nsteps: 2},
		{in: `module.x["a]\"[b"].aws_s3_bucket.b`, want: `module.x["a]\"[b"].aws_s3_bucket.b`, nsteps: 2},
		{in: `module.data.aws_x.y`, want: `module.data.aws_x.y`, nsteps: 2},
		{in: `module.module.module.data.data.x.y`, want: `module.module.module.data.data.x.y`, nsteps: 3},
		{in: "", errPart: "empty"},
		{in: "aws_vpc_endpoint", errPart: "has no name"},
		{in: "module.x", errPart: "ends with a module call"},
		{in: "aws_x.y.aws_z.w", errPart: "step after resource"},
		{in: "aws_x.y.", errPart: `ends with "."`},
		{in: "aws_x..y", errPart: "empty step"},
		{in: "aws_x.y[0", errPart: `missing "]"`},
		{in: `aws_x.y["a`, errPart: "unterminated"},
		{in: `aws_x.y["a"`, errPart: `missing "]"`},
		{in: `aws_x.y[a]`, errPart: "not a number"},
		{in: `aws_x.y[*]`, errPart: "not a number"},
		{in: `aws_x.*`, errPart: "unexpected character"},
		{in: `aws_x[0].y`, errPart: "cannot have an index"},
		{in: `aws_x.y[0]z`, errPart: "unexpected character"},
		{in: `module`, errPart: "followed by the module name"},
		{in: `data.aws_x`, errPart: "has no name"},
	}
	for _, tt := range tests {
		a, err := Parse(tt.in)
		if tt.errPart != "" {
			if err == nil || !strings.Contains(err.Error(), tt.errPart) {
				t.Errorf("Parse(%q) error = %v, want containing %q", tt.in, err, tt.errPart)
			}
			continue
		}
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if got := a.String(); got != tt.want || len(a) != tt.nsteps {
			t.Errorf("Parse(%q) = %s (%d steps), want %s (%d)", tt.in, got, len(a), tt.want, tt.nsteps)
		}
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		pattern string
		address string
		want    bool
	}{
		// exact and instance keys
		{"aws_vpc_endpoint.this", "aws_vpc_endpoint.this", true},
		{"aws_vpc_endpoint.this", "aws_vpc_endpoint.this[0]", true},
		{"aws_vpc_endpoint.this", `aws_vpc_endpoint.this["a"]`, true},
		{"aws_vpc_endpoint.this", "aws_vpc_endpoint.that", false},
		{"aws_vpc_endpoint.this[0]", "aws_vpc_endpoint.this[0]", true},
		{"aws_vpc_endpoint.this[0]", "aws_vpc_endpoint.this[1]", false},
		{"aws_vpc_endpoint.this[0]", "aws_vpc_endpoint.this", false},
		{"aws_vpc_endpoint.this[0]", `aws_vpc_endpoint.this["0"]`, false},
		{`aws_vpc_endpoint.this["a"]`, `aws_vpc_endpoint.this["a"]`, true},
		{`aws_vpc_endpoint.this["a"]`, `aws_vpc_endpoint.this["b"]`, false},
		{`aws_vpc_endpoint.this["eu-*"]`, `aws_vpc_endpoint.this["eu-west-1"]`, true},
		{`aws_vpc_endpoint.this["eu-*"]`, `aws_vpc_endpoint.this["us-east-1"]`, false},
		{"aws_vpc_endpoint.this[*]", "aws_vpc_endpoint.this[3]", true},
		{"aws_vpc_endpoint.this[*]", `aws_vpc_endpoint.this["k"]`, true},
		{"aws_vpc_endpoint.this[*]", "aws_vpc_endpoint.this", false},
		// * within one step
		{"aws_vpc_endpoint.*", "aws_vpc_endpoint.this", true},
		{"aws_vpc_endpoint.*", "aws_vpc_endpoint.this[2]", true},
		{"aws_vpc_endpoint.*", "aws_security_group.this", false},
		{"*.this", "aws_security_group.this", true},
		{"aws_*.this", "aws_security_group.this", true},
		{"aws_*", "aws_security_group.this", true},
		{"aws_vpc_endpoint", "aws_vpc_endpoint.x[0]", true},
		{"aws_vpc_endpoint", "aws_security_group.x", false},
		{"*", "aws_vpc_endpoint.this", true},
		{"*", "module.m.aws_vpc_endpoint.this", false},
		{"*.*", "aws_vpc_endpoint.this", true},
		{"*.*", "data.aws_vpc.this", false},
		{"data.*.*", "data.aws_vpc.this", true},
		{"data.aws_vpc", "data.aws_vpc.this", true},
		{"data.aws_vpc.this", "aws_vpc.this", false},
		// modules
		{"aws_vpc_endpoint.this", "module.edge.aws_vpc_endpoint.this", false},
		{"module.edge.aws_vpc_endpoint.this", "module.edge.aws_vpc_endpoint.this", true},
		{"module.edge.aws_vpc_endpoint.this", "module.edge[0].aws_vpc_endpoint.this", true},
		{"module.edge.aws_vpc_endpoint.this", `module.edge["a"].aws_vpc_endpoint.this[1]`, true},
		{"module.edge[*].aws_vpc_endpoint.this", `module.edge["a"].aws_vpc_endpoint.this`, true},
		{"module.edge[*].aws_vpc_endpoint.this", `module.edge.aws_vpc_endpoint.this`, false},
		{"module.edge[0].aws_vpc_endpoint.this", `module.edge[1].aws_vpc_endpoint.this`, false},
		{"module.edge.*", "module.edge.aws_vpc_endpoint.this", true},
		{"module.edge.*", "module.edge.module.inner.aws_vpc_endpoint.this", false},
		{"module.edge.*", "module.edger.aws_vpc_endpoint.this", false},
		{"module.edge*.*", "module.edger.aws_vpc_endpoint.this", true},
		{"module.*.aws_vpc_endpoint.this", "module.a.aws_vpc_endpoint.this", true},
		{"module.*.aws_vpc_endpoint.this", "module.a.module.b.aws_vpc_endpoint.this", false},
		{"module.edge", "module.edge.aws_vpc_endpoint.this", true},
		{"module.edge", "module.edge[0].module.x.data.aws_vpc.v", true},
		{"module.edge", "aws_vpc_endpoint.this", false},
		{"module.edge.**", "module.edge.module.inner.aws_vpc_endpoint.this", true},
		{"module.edge.**", "module.other.aws_vpc_endpoint.this", false},
		// **
		{"**", "aws_vpc_endpoint.this", true},
		{"**", `module.a["x"].module.b.aws_vpc_endpoint.this[0]`, true},
		{"**.aws_vpc_endpoint.this", "aws_vpc_endpoint.this", true},
		{"**.aws_vpc_endpoint.this", "module.a.module.b.aws_vpc_endpoint.this[0]", true},
		{"**.aws_vpc_endpoint.this", "module.a.module.b.aws_vpc_endpoint.that", false},
		{"module.a.**.aws_vpc_endpoint.this", "module.a.aws_vpc_endpoint.this", true},
		{"module.a.**.aws_vpc_endpoint.this", "module.a.module.b.module.c.aws_vpc_endpoint.this", true},
		{"module.a.**.aws_vpc_endpoint.this", "module.b.module.a.aws_vpc_endpoint.this", false},
		{"**.module.b.**", "module.a.module.b.module.c.aws_x.y", true},
		// dots inside keys never split steps
		{`module.x["a.b"].aws_vpc_endpoint.this`, `module.x["a.b"].aws_vpc_endpoint.this`, true},
		{`module.x["a"].*`, `module.x["a.b"].aws_vpc_endpoint.this`, false},
		{`module.x[*].*`, `module.x["a.b"].aws_vpc_endpoint.this`, true},
		{`module.x["a.*"].*`, `module.x["a.b"].aws_vpc_endpoint.this`, true},
		{`*.*`, `aws_vpc_endpoint.this["a.b.c"]`, true},
		// addresses that do not parse never match
		{"**", "not an address", false},
		{"**", "", false},
	}
	for _, tt := range tests {
		p, err := Compile(tt.pattern)
		if err != nil {
			t.Errorf("Compile(%q): %v", tt.pattern, err)
			continue
		}
		if got := p.Match(tt.address); got != tt.want {
			t.Errorf("%q.Match(%q) = %v, want %v", tt.pattern, tt.address, got, tt.want)
		}
	}
}

func TestCompileErrors(t *testing.T) {
	for _, p := range []string{
		"", ".", "a..b", "a.b.", "module", "data", "a.b[", `a.b["x`, "a.b[x]", "**[0]",
		"a**.b", "module.**x", "aws_x[*].y", "a b", "a.b/c", "a.b[]",
	} {
		if _, err := Compile(p); err == nil {
			t.Errorf("Compile(%q) succeeded, want error", p)
		}
	}
}

func TestGlob(t *testing.T) {
	tests := []struct {
		p, s string
		want bool
	}{
		{"", "", true}, {"*", "", true}, {"*", "abc", true}, {"a*", "abc", true},
		{"*c", "abc", true}, {"a*c", "abbbc", true}, {"a*c", "abcd", false},
		{"a*b*c", "aXbYc", true}, {"a*b*c", "aXcYb", false}, {"abc", "abd", false},
		{"**", "x", true}, {"é*", "éa", true}, {"", "a", false},
	}
	for _, tt := range tests {
		if got := Glob(tt.p, tt.s); got != tt.want {
			t.Errorf("Glob(%q, %q) = %v, want %v", tt.p, tt.s, got, tt.want)
		}
	}
}

func FuzzMatch(f *testing.F) {
	f.Add("module.edge[*].aws_vpc_endpoint.this", `module.edge["a.b"].aws_vpc_endpoint.this[0]`)
	f.Add("**.*.x", "a.x")
	f.Fuzz(func(t *testing.T, pattern, address string) {
		p, err := Compile(pattern)
		if err != nil {
			return
		}
		p.Match(address)
		if a, err := Parse(address); err == nil {
			if _, err := Parse(a.String()); err != nil {
				t.Fatalf("canonical form %q of %q does not parse: %v", a.String(), address, err)
			}
		}
	})
}
