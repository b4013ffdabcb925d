package iampolicy

import (
	"testing"

	"github.com/privapi/privapi/internal/symbol"
)

var (
	freshVpce  = symbol.Ref{Address: "aws_vpc_endpoint.x", Attr: "id", Fresh: true}.Token()
	otherVpce  = symbol.Ref{Address: "aws_vpc_endpoint.y", Attr: "id", Fresh: true}.Token()
	sharedVpce = symbol.Ref{Address: "data.aws_vpc_endpoint.shared", Attr: "id"}.Token()
)

func cond(t *testing.T, op, key string, values ...string) Condition {
	t.Helper()
	o, err := ParseOperator(op)
	if err != nil {
		t.Fatal(err)
	}
	return Condition{Operator: op, Op: o, Key: key, Values: values}
}

type ctxMap = map[string][]string

func TestConditionOperators(t *testing.T) {
	const (
		T = symbol.True
		F = symbol.False
		U = symbol.Unknown
	)
	vpce := func(v ...string) ctxMap { return ctxMap{"aws:SourceVpce": v} }
	none := ctxMap{}
	tests := []struct {
		name   string
		op     string
		key    string
		values []string
		ctx    ctxMap
		want   symbol.Tri
	}{
		// String operators.
		{"StringEquals match", "StringEquals", "aws:SourceVpce", []string{"vpce-a"}, vpce("vpce-a"), T},
		{"StringEquals case-sensitive", "StringEquals", "aws:SourceVpce", []string{"vpce-a"}, vpce("VPCE-A"), F},
		{"StringEquals key case-insensitive", "StringEquals", "AWS:SOURCEVPCE", []string{"vpce-a"}, ctxMap{"aws:sourcevpce": {"vpce-a"}}, T},
		{"StringEquals values OR", "StringEquals", "aws:SourceVpce", []string{"vpce-a", "vpce-b"}, vpce("vpce-b"), T},
		{"StringEquals absent", "StringEquals", "aws:SourceVpce", []string{"vpce-a"}, none, F},
		{"StringEquals empty list is absent", "StringEquals", "aws:SourceVpce", []string{"vpce-a"}, vpce(), F},
		{"StringNotEquals differs", "StringNotEquals", "aws:SourceVpce", []string{"vpce-a"}, vpce("vpce-b"), T},
		{"StringNotEquals same", "StringNotEquals", "aws:SourceVpce", []string{"vpce-a"}, vpce("vpce-a"), F},
		{"StringNotEquals none of", "StringNotEquals", "aws:SourceVpce", []string{"vpce-a", "vpce-b"}, vpce("vpce-b"), F},
		{"StringNotEquals none of, other", "StringNotEquals", "aws:SourceVpce", []string{"vpce-a", "vpce-b"}, vpce("vpce-c"), T},
		{"StringNotEquals absent", "StringNotEquals", "aws:SourceVpce", []string{"vpce-a"}, none, T},
		{"StringEqualsIgnoreCase", "StringEqualsIgnoreCase", "k", []string{"Hello"}, ctxMap{"k": {"hELLO"}}, T},
		{"StringNotEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "k", []string{"Hello"}, ctxMap{"k": {"hELLO"}}, F},
		{"StringLike star", "StringLike", "k", []string{"vpce-*"}, ctxMap{"k": {"vpce-123"}}, T},
		{"StringLike question", "StringLike", "k", []string{"vpce-?"}, ctxMap{"k": {"vpce-12"}}, F},
		{"StringLike case-sensitive", "StringLike", "k", []string{"VPCE-*"}, ctxMap{"k": {"vpce-1"}}, F},
		{"StringNotLike", "StringNotLike", "k", []string{"vpce-*"}, ctxMap{"k": {"vpc-1"}}, T},
		{"StringNotLike absent", "StringNotLike", "k", []string{"vpce-*"}, none, T},
		{"IfExists absent", "StringEqualsIfExists", "aws:SourceVpce", []string{"vpce-a"}, none, T},
		{"IfExists present", "StringEqualsIfExists", "aws:SourceVpce", []string{"vpce-a"}, vpce("vpce-b"), F},
		{"NotEqualsIfExists present", "StringNotEqualsIfExists", "aws:SourceVpce", []string{"vpce-a"}, vpce("vpce-a"), F},
		{"policy variable", "StringEquals", "k", []string{"${aws:username}"}, ctxMap{"k": {"bob"}}, U},
		{"empty policy values", "StringEquals", "k", nil, ctxMap{"k": {"x"}}, F},
		{"empty policy values negated", "StringNotEquals", "k", nil, ctxMap{"k": {"x"}}, T},

		// Set qualifiers.
		{"ForAnyValue one matches", "ForAnyValue:StringEquals", "aws:TagKeys", []string{"a"}, ctxMap{"aws:TagKeys": {"b", "a"}}, T},
		{"ForAnyValue none", "ForAnyValue:StringEquals", "aws:TagKeys", []string{"a"}, ctxMap{"aws:TagKeys": {"b", "c"}}, F},
		{"ForAnyValue absent", "ForAnyValue:StringEquals", "aws:TagKeys", []string{"a"}, none, F},
		{"ForAnyValue negated absent", "ForAnyValue:StringNotEquals", "aws:TagKeys", []string{"a"}, none, F},
		{"ForAnyValue negated", "ForAnyValue:StringNotEquals", "aws:TagKeys", []string{"a"}, ctxMap{"aws:TagKeys": {"a", "b"}}, T},
		{"ForAnyValue IfExists absent", "ForAnyValue:StringNotEqualsIfExists", "aws:TagKeys", []string{"a"}, none, T},
		{"ForAllValues all in", "ForAllValues:StringEquals", "aws:TagKeys", []string{"a", "b"}, ctxMap{"aws:TagKeys": {"b", "a"}}, T},
		{"ForAllValues one out", "ForAllValues:StringEquals", "aws:TagKeys", []string{"a"}, ctxMap{"aws:TagKeys": {"a", "c"}}, F},
		{"ForAllValues absent", "ForAllValues:StringEquals", "aws:TagKeys", []string{"a"}, none, T},
		{"ForAllValues negated", "ForAllValues:StringNotEquals", "aws:TagKeys", []string{"a"}, ctxMap{"aws:TagKeys": {"b", "c"}}, T},
		{"ForAllValues negated one in", "ForAllValues:StringNotEquals", "aws:TagKeys", []string{"a"}, ctxMap{"aws:TagKeys": {"a", "c"}}, F},
		{"plain operator on multivalued key", "StringEquals", "aws:TagKeys", []string{"a"}, ctxMap{"aws:TagKeys": {"b", "a"}}, T},
		{"plain negated on multivalued key", "StringNotEquals", "aws:TagKeys", []string{"a"}, ctxMap{"aws:TagKeys": {"b", "a"}}, F},

		// Null.
		{"Null true absent", "Null", "aws:SourceVpce", []string{"true"}, none, T},
		{"Null true present", "Null", "aws:SourceVpce", []string{"true"}, vpce("vpce-a"), F},
		{"Null false present", "Null", "aws:SourceVpce", []string{"false"}, vpce("vpce-a"), T},
		{"Null false absent", "Null", "aws:SourceVpce", []string{"false"}, none, F},
		{"Null bad value", "Null", "aws:SourceVpce", []string{"maybe"}, none, F},

		// Bool, Binary.
		{"Bool", "Bool", "aws:SecureTransport", []string{"true"}, ctxMap{"aws:SecureTransport": {"TRUE"}}, T},
		{"Bool false", "Bool", "aws:SecureTransport", []string{"true"}, ctxMap{"aws:SecureTransport": {"false"}}, F},
		{"Bool absent", "Bool", "aws:SecureTransport", []string{"false"}, none, F},
		{"BoolIfExists absent", "BoolIfExists", "aws:SecureTransport", []string{"false"}, none, T},
		{"BinaryEquals", "BinaryEquals", "k", []string{"QmluYXJ5"}, ctxMap{"k": {"QmluYXJ5"}}, T},
		{"BinaryEquals differs", "BinaryEquals", "k", []string{"QmluYXJ5"}, ctxMap{"k": {"qmluyxj5"}}, F},

		// Numeric.
		{"NumericEquals", "NumericEquals", "n", []string{"10"}, ctxMap{"n": {"10.0"}}, T},
		{"NumericNotEquals", "NumericNotEquals", "n", []string{"10"}, ctxMap{"n": {"11"}}, T},
		{"NumericLessThan", "NumericLessThan", "n", []string{"10"}, ctxMap{"n": {"9"}}, T},
		{"NumericLessThan equal", "NumericLessThan", "n", []string{"10"}, ctxMap{"n": {"10"}}, F},
		{"NumericLessThanEquals", "NumericLessThanEquals", "n", []string{"10"}, ctxMap{"n": {"10"}}, T},
		{"NumericGreaterThan", "NumericGreaterThan", "n", []string{"10"}, ctxMap{"n": {"10"}}, F},
		{"NumericGreaterThanEquals", "NumericGreaterThanEquals", "n", []string{"10"}, ctxMap{"n": {"10"}}, T},
		{"Numeric not a number", "NumericEquals", "n", []string{"10"}, ctxMap{"n": {"ten"}}, F},
		{"Numeric token", "NumericEquals", "n", []string{freshVpce}, ctxMap{"n": {"1"}}, U},

		// Date.
		{"DateLessThan", "DateLessThan", "aws:CurrentTime", []string{"2030-01-01T00:00:00Z"}, ctxMap{"aws:CurrentTime": {"2029-12-31T23:59:59Z"}}, T},
		{"DateGreaterThan", "DateGreaterThan", "aws:CurrentTime", []string{"2030-01-01"}, ctxMap{"aws:CurrentTime": {"2029-12-31T23:59:59Z"}}, F},
		{"DateEquals epoch", "DateEquals", "aws:EpochTime", []string{"1970-01-01T00:01:40Z"}, ctxMap{"aws:EpochTime": {"100"}}, T},
		{"DateNotEquals", "DateNotEquals", "t", []string{"2020-01-01"}, ctxMap{"t": {"2020-01-02"}}, T},
		{"DateLessThanEquals", "DateLessThanEquals", "t", []string{"2020-01-01"}, ctxMap{"t": {"2020-01-01T00:00:00+00:00"}}, T},
		{"DateGreaterThanEquals", "DateGreaterThanEquals", "t", []string{"2020-01-01T00:00:00.5Z"}, ctxMap{"t": {"2020-01-01T00:00:00Z"}}, F},

		// IP.
		{"IpAddress in", "IpAddress", "aws:VpcSourceIp", []string{"10.0.0.0/16"}, ctxMap{"aws:VpcSourceIp": {"10.0.3.4"}}, T},
		{"IpAddress out", "IpAddress", "aws:VpcSourceIp", []string{"10.0.0.0/16"}, ctxMap{"aws:VpcSourceIp": {"10.1.3.4"}}, F},
		{"IpAddress single address", "IpAddress", "aws:VpcSourceIp", []string{"10.0.0.1"}, ctxMap{"aws:VpcSourceIp": {"10.0.0.1"}}, T},
		{"IpAddress range inside", "IpAddress", "aws:VpcSourceIp", []string{"10.0.0.0/16"}, ctxMap{"aws:VpcSourceIp": {"10.0.1.0/24"}}, T},
		{"IpAddress range outside", "IpAddress", "aws:VpcSourceIp", []string{"10.0.0.0/16"}, ctxMap{"aws:VpcSourceIp": {"10.2.0.0/24"}}, F},
		{"IpAddress range partial", "IpAddress", "aws:VpcSourceIp", []string{"10.0.0.0/24"}, ctxMap{"aws:VpcSourceIp": {"10.0.0.0/16"}}, U},
		{"IpAddress list OR", "IpAddress", "aws:VpcSourceIp", []string{"192.0.2.0/24", "198.51.100.0/24"}, ctxMap{"aws:VpcSourceIp": {"198.51.100.7"}}, T},
		{"NotIpAddress in", "NotIpAddress", "aws:VpcSourceIp", []string{"10.0.0.0/16"}, ctxMap{"aws:VpcSourceIp": {"10.0.3.4"}}, F},
		{"NotIpAddress out", "NotIpAddress", "aws:VpcSourceIp", []string{"10.0.0.0/16"}, ctxMap{"aws:VpcSourceIp": {"10.1.3.4"}}, T},
		{"NotIpAddress absent", "NotIpAddress", "aws:SourceIp", []string{"10.0.0.0/16"}, none, T},
		{"IpAddress absent", "IpAddress", "aws:SourceIp", []string{"10.0.0.0/16"}, none, F},
		{"IPv6 in", "IpAddress", "aws:SourceIp", []string{"2001:db8::/32"}, ctxMap{"aws:SourceIp": {"2001:db8:1::5"}}, T},
		{"IPv6 out", "IpAddress", "aws:SourceIp", []string{"2001:db8::/32"}, ctxMap{"aws:SourceIp": {"2001:db9::5"}}, F},
		{"IPv4 never IPv6", "IpAddress", "aws:SourceIp", []string{"::/0"}, ctxMap{"aws:SourceIp": {"10.0.0.1"}}, F},
		{"IpAddress not an address", "IpAddress", "aws:SourceIp", []string{"10.0.0.0/8"}, ctxMap{"aws:SourceIp": {"nope"}}, F},
		{"IpAddress token", "IpAddress", "aws:SourceIp", []string{"10.0.0.0/8"}, ctxMap{"aws:SourceIp": {freshVpce}}, U},

		// ARN.
		{"ArnLike", "ArnLike", "aws:SourceArn", []string{"arn:aws:iam::*:role/r*"}, ctxMap{"aws:SourceArn": {"arn:aws:iam::123456789012:role/runner"}}, T},
		{"ArnLike component bound", "ArnLike", "aws:SourceArn", []string{"arn:aws:s3:::b*"}, ctxMap{"aws:SourceArn": {"arn:aws:s3:x::bucket"}}, F},
		{"ArnEquals wildcard", "ArnEquals", "aws:SourceArn", []string{"arn:aws:sns:*:123:t"}, ctxMap{"aws:SourceArn": {"arn:aws:sns:us-east-1:123:t"}}, T},
		{"ArnNotEquals", "ArnNotEquals", "aws:SourceArn", []string{"arn:aws:sns:*:123:t"}, ctxMap{"aws:SourceArn": {"arn:aws:sns:us-east-1:123:u"}}, T},
		{"ArnNotLike absent", "ArnNotLike", "aws:SourceArn", []string{"arn:*"}, none, T},
		{"Arn resource part keeps colons", "ArnLike", "k", []string{"arn:aws:logs:us-east-1:1:log-group:*"}, ctxMap{"k": {"arn:aws:logs:us-east-1:1:log-group:a:b"}}, T},

		// Symbolic values.
		{"same token", "StringEquals", "aws:SourceVpce", []string{freshVpce}, vpce(freshVpce), T},
		{"other fresh token", "StringEquals", "aws:SourceVpce", []string{freshVpce}, vpce(otherVpce), F},
		{"fresh token vs literal", "StringNotEquals", "aws:SourceVpce", []string{freshVpce}, vpce("vpce-0abc"), T},
		{"data source token", "StringNotEquals", "aws:SourceVpce", []string{freshVpce}, vpce(sharedVpce), U},
		{"data source token vs literal", "StringEquals", "aws:SourceVpce", []string{sharedVpce}, vpce("vpce-0abc"), U},
		{"token StringLike", "StringLike", "aws:SourceVpce", []string{"vpce-0*"}, vpce(freshVpce), U},
		// a pattern every endpoint id matches decides, whatever the id
		{"token StringLike every vpce", "StringLike", "aws:SourceVpce", []string{"vpce-*"}, vpce(freshVpce), T},
		{"token StringLike every vpce, digits", "StringLike", "aws:SourceVpce", []string{"vpce-????????*"}, vpce(sharedVpce), T},
		{"token StringLike more digits than the shortest id", "StringLike", "aws:SourceVpce", []string{"vpce-?????????*"}, vpce(sharedVpce), U},
		{"token StringLike no star", "StringLike", "aws:SourceVpce", []string{"vpce-????????"}, vpce(sharedVpce), U},
		{"token StringLike shorter head", "StringLike", "aws:SourceVpc", []string{"vpc*"}, ctxMap{"aws:SourceVpc": {freshVpce}}, T},
		{"token StringLike vpc pattern on vpce key", "StringLike", "aws:SourceVpce", []string{"vpc-*"}, vpce(freshVpce), U},
		{"token StringNotLike every vpce", "StringNotLike", "aws:SourceVpce", []string{"vpce-*"}, vpce(freshVpce), F},
		{"token ForAnyValue:StringLike every vpc", "ForAnyValue:StringLike", "aws:SourceVpc", []string{"vpc-*"}, ctxMap{"aws:SourceVpc": {freshVpce}}, T},
		{"token StringEquals vpce-* is literal", "StringEquals", "aws:SourceVpce", []string{"vpce-*"}, vpce(freshVpce), F},
		{"literal value is compared as written", "StringLike", "aws:SourceVpce", []string{"vpce-*"}, vpce("other"), F},
		{"other key is not an id", "StringLike", "aws:SourceArn", []string{"vpce-*"}, ctxMap{"aws:SourceArn": {freshVpce}}, U},
		{"token StringLike star", "StringLike", "aws:SourceVpce", []string{"*"}, vpce(sharedVpce), T},
		{"token IgnoreCase same", "StringEqualsIgnoreCase", "k", []string{"X-" + freshVpce}, ctxMap{"k": {"x-" + freshVpce}}, T},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := cond(t, tt.op, tt.key, tt.values...)
			if got := c.Eval(tt.ctx); got != tt.want {
				t.Errorf("%s = %v, want %v", c, got, tt.want)
			}
		})
	}
}
