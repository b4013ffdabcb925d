package addr

import "testing"

func TestStackPatterns(t *testing.T) {
	for _, tt := range []struct {
		pattern, address string
		want             bool
	}{
		{"network:aws_security_group.execute_api", "network:aws_security_group.execute_api", true},
		{"network:aws_security_group.*", "network:aws_security_group.execute_api", true},
		{"net*:**", "network:module.x.aws_vpc.main", true},
		{"network:aws_security_group.execute_api", "aws_security_group.execute_api", false},
		{"aws_security_group.execute_api", "network:aws_security_group.execute_api", false},
		{"**", "network:aws_vpc.main", false},
		{"other:aws_vpc.main", "network:aws_vpc.main", false},
		{`aws_vpc.main["a:b"]`, `aws_vpc.main["a:b"]`, true},
	} {
		p, err := Compile(tt.pattern)
		if err != nil {
			t.Fatalf("%s: %v", tt.pattern, err)
		}
		if got := p.Match(tt.address); got != tt.want {
			t.Errorf("%s matches %s = %v, want %v", tt.pattern, tt.address, got, tt.want)
		}
	}
}
