package iampolicy

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/privapi/privapi/internal/symbol"
)

const (
	apiARN   = "arn:aws:execute-api:us-east-1:123456789012:abc123"
	petsARN  = apiARN + "/prod/GET/pets"
	roleARN  = "arn:aws:iam::123456789012:role/path/runner"
	allowAll = `{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*"}`
)

var apiX = ExpandContext{Partition: "aws", Region: "us-east-1", Account: "123456789012", APIID: "abc123"}

// b12 builds the shape of AWS's private-API example policies
// (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies-examples.html):
// Allow for everyone plus a Deny carrying the given condition block.
func b12(condition string) string {
	return `{"Version":"2012-10-17","Statement":[` + allowAll + `,
		{"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":["execute-api:/*"],"Condition":` + condition + `}]}`
}

func anonymous(ctx ctxMap) Request {
	return Request{Caller: Caller{Anonymous: true}, Action: "execute-api:Invoke", Resource: petsARN, Context: ctx}
}

func statements(n ...int) []StatementRef {
	out := make([]StatementRef, len(n))
	for i, v := range n {
		out[i] = StatementRef{Index: v}
	}
	return out
}

type evalCase struct {
	name     string
	policy   string
	req      Request
	x        ExpandContext
	effect   string
	deciding []StatementRef
	reason   string // substring
}

func runEval(t *testing.T, tests []evalCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := tt.x
			if x == (ExpandContext{}) {
				x = apiX
			}
			d := mustParse(t, tt.policy).Evaluate(tt.req, x)
			want := map[string]symbol.Tri{ResultAllow: symbol.True, ResultExplicitDeny: symbol.False, ResultImplicitDeny: symbol.False, ResultUnknown: symbol.Unknown}[tt.effect]
			if d.Effect != tt.effect || d.Allowed != want {
				t.Errorf("got %s (%v), want %s: %s", d.Effect, d.Allowed, tt.effect, d.Reason)
			}
			if tt.deciding != nil && !reflect.DeepEqual(d.Deciding, tt.deciding) {
				t.Errorf("deciding %v, want %v", d.Deciding, tt.deciding)
			}
			if !strings.Contains(d.Reason, tt.reason) {
				t.Errorf("reason %q does not contain %q", d.Reason, tt.reason)
			}
			if strings.Contains(d.Reason, "⟦") {
				t.Errorf("reason shows raw tokens: %q", d.Reason)
			}
		})
	}
}

func TestEvaluateAWSExamples(t *testing.T) {
	vpcePolicy := b12(`{"StringNotEquals":{"aws:SourceVpce":"vpce-1a2b3c4d"}}`)
	vpcPolicy := b12(`{"StringNotEquals":{"aws:SourceVpc":"vpc-1a2b3c4d"}}`)
	ipPolicy := b12(`{"IpAddress":{"aws:VpcSourceIp":["192.0.2.0/24","198.51.100.0/24"]}}`)
	authorizerDeny := `{"Statement":{"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*","Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-1a2b3c4d"}}}}`
	runEval(t, []evalCase{
		{name: "vpce: right endpoint", policy: vpcePolicy, req: anonymous(ctxMap{"aws:SourceVpce": {"vpce-1a2b3c4d"}}),
			effect: ResultAllow, deciding: statements(0), reason: "allowed by statement #1"},
		{name: "vpce: key in other case", policy: vpcePolicy, req: anonymous(ctxMap{"AWS:SOURCEVPCE": {"vpce-1a2b3c4d"}}),
			effect: ResultAllow},
		{name: "vpce: wrong endpoint", policy: vpcePolicy, req: anonymous(ctxMap{"aws:SourceVpce": {"vpce-ffff"}}),
			effect: ResultExplicitDeny, deciding: statements(1),
			reason: `denied explicitly by statement #2 (StringNotEquals aws:SourceVpce "vpce-1a2b3c4d" holds for aws:SourceVpce = "vpce-ffff")`},
		{name: "vpce: no endpoint", policy: vpcePolicy, req: anonymous(nil),
			effect: ResultExplicitDeny, reason: "a request without aws:SourceVpce"},
		{name: "vpc: right vpc", policy: vpcPolicy, req: anonymous(ctxMap{"aws:SourceVpc": {"vpc-1a2b3c4d"}, "aws:SourceVpce": {"vpce-9"}}),
			effect: ResultAllow},
		{name: "vpc: wrong vpc", policy: vpcPolicy, req: anonymous(ctxMap{"aws:SourceVpc": {"vpc-2"}}),
			effect: ResultExplicitDeny},
		{name: "ip: other address", policy: ipPolicy, req: anonymous(ctxMap{"aws:VpcSourceIp": {"10.0.0.5"}}),
			effect: ResultAllow},
		{name: "ip: listed address", policy: ipPolicy, req: anonymous(ctxMap{"aws:VpcSourceIp": {"198.51.100.9"}}),
			effect: ResultExplicitDeny},
		{name: "ip: key absent", policy: ipPolicy, req: anonymous(nil), effect: ResultAllow},
		{name: "authorizer deny alone", policy: authorizerDeny, req: anonymous(ctxMap{"aws:SourceVpce": {"vpce-1a2b3c4d"}}),
			effect: ResultImplicitDeny, reason: "no statement allows the anonymous caller to call execute-api:Invoke"},
	})
}

func TestEvaluateSymbolic(t *testing.T) {
	policy := b12(`{"StringNotEquals":{"aws:SourceVpce":"` + freshVpce + `"}}`)
	api := symbol.Ref{Address: "aws_api_gateway_rest_api.x", Attr: "id", Fresh: true}.Token()
	account := symbol.Ref{Address: "data.aws_caller_identity.current", Attr: "account_id"}.Token()
	symX := ExpandContext{Partition: "aws", Region: "us-east-1", Account: account, APIID: api}
	symRes := "arn:aws:execute-api:us-east-1:" + account + ":" + api + "/prod/GET/pets"
	symReq := func(vpce string) Request {
		return Request{Caller: Caller{Anonymous: true}, Action: "execute-api:Invoke", Resource: symRes,
			Context: ctxMap{"aws:SourceVpce": {vpce}}}
	}
	explicit := `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:us-east-1:` + account + `:` + api + `/*"}]}`
	runEval(t, []evalCase{
		{name: "same endpoint token", policy: policy, req: anonymous(ctxMap{"aws:SourceVpce": {freshVpce}}), effect: ResultAllow},
		{name: "other fresh endpoint", policy: policy, req: anonymous(ctxMap{"aws:SourceVpce": {otherVpce}}), effect: ResultExplicitDeny,
			reason: "${aws_vpc_endpoint.y.id}"},
		{name: "literal endpoint", policy: policy, req: anonymous(ctxMap{"aws:SourceVpce": {"vpce-0123"}}), effect: ResultExplicitDeny},
		{name: "data source endpoint", policy: policy, req: anonymous(ctxMap{"aws:SourceVpce": {sharedVpce}}), effect: ResultUnknown,
			deciding: statements(1), reason: "undecided until apply: statement #2 may deny"},
		{name: "shorthand with symbolic API", policy: policy, req: symReq(freshVpce), x: symX, effect: ResultAllow},
		{name: "explicit ARN with same tokens", policy: explicit, req: symReq(freshVpce), x: symX, effect: ResultAllow},
		{name: "explicit ARN, other API", policy: explicit, x: symX, effect: ResultUnknown,
			req: Request{Caller: Caller{Anonymous: true}, Action: "execute-api:Invoke", Resource: "arn:aws:execute-api:us-east-1:" + account + ":zzz/prod/GET/"}},
		{name: "unknown API id in context", policy: policy, req: anonymous(ctxMap{"aws:SourceVpce": {freshVpce}}),
			x: ExpandContext{Partition: "aws", Region: "us-east-1", Account: "123456789012"}, effect: ResultUnknown, deciding: statements(0)},
	})
}

func TestEvaluateElements(t *testing.T) {
	withPrincipal := func(principal string) string {
		return `{"Statement":{"Effect":"Allow","Principal":` + principal + `,"Action":"execute-api:Invoke","Resource":"execute-api:/*"}}`
	}
	iam := func(arn string) Request {
		return Request{Caller: Caller{PrincipalARN: arn}, Action: "execute-api:Invoke", Resource: petsARN}
	}
	withAction := func(action string) string {
		return `{"Statement":{"Effect":"Allow","Principal":"*",` + action + `,"Resource":"*"}}`
	}
	withResource := func(resource string) string {
		return `{"Statement":{"Effect":"Allow","Principal":"*","Action":"*",` + resource + `}}`
	}
	freshRole := symbol.Ref{Address: "aws_iam_role.r", Attr: "arn", Fresh: true}.Token()
	runEval(t, []evalCase{
		// Principal.
		{name: "principal * anonymous", policy: withPrincipal(`"*"`), req: anonymous(nil), effect: ResultAllow},
		{name: "principal AWS * anonymous", policy: withPrincipal(`{"AWS":"*"}`), req: anonymous(nil), effect: ResultAllow},
		{name: "named principal not anonymous", policy: withPrincipal(`{"AWS":"` + roleARN + `"}`), req: anonymous(nil),
			effect: ResultImplicitDeny, reason: "statement #1 does not apply: its Principal does not name the anonymous caller"},
		{name: "service principal not anonymous", policy: withPrincipal(`{"Service":"lambda.amazonaws.com"}`), req: anonymous(nil), effect: ResultImplicitDeny},
		{name: "named principal matches ARN", policy: withPrincipal(`{"AWS":"` + roleARN + `"}`), req: iam(roleARN), effect: ResultAllow},
		{name: "role matches its session", policy: withPrincipal(`{"AWS":"` + roleARN + `"}`),
			req: iam("arn:aws:sts::123456789012:assumed-role/runner/session-1"), effect: ResultAllow},
		{name: "role does not match other session", policy: withPrincipal(`{"AWS":"` + roleARN + `"}`),
			req: iam("arn:aws:sts::123456789012:assumed-role/other/session-1"), effect: ResultImplicitDeny},
		{name: "account root", policy: withPrincipal(`{"AWS":"arn:aws:iam::123456789012:root"}`), req: iam(roleARN), effect: ResultAllow},
		{name: "account id", policy: withPrincipal(`{"AWS":["111111111111","123456789012"]}`), req: iam(roleARN), effect: ResultAllow},
		{name: "other account", policy: withPrincipal(`{"AWS":"arn:aws:iam::999999999999:root"}`), req: iam(roleARN), effect: ResultImplicitDeny},
		{name: "account given", policy: withPrincipal(`{"AWS":"999999999999"}`), effect: ResultAllow,
			req: Request{Caller: Caller{Account: "999999999999"}, Action: "execute-api:Invoke", Resource: petsARN}},
		{name: "unidentified IAM caller", policy: withPrincipal(`{"AWS":"` + roleARN + `"}`), effect: ResultUnknown,
			req: Request{Caller: Caller{}, Action: "execute-api:Invoke", Resource: petsARN}},
		{name: "fresh role token", policy: withPrincipal(`{"AWS":"` + freshRole + `"}`), req: iam(freshRole), effect: ResultAllow},
		{name: "fresh role token vs literal", policy: withPrincipal(`{"AWS":"` + freshRole + `"}`), req: iam(roleARN), effect: ResultImplicitDeny},
		{name: "deny NotPrincipal blocks anonymous",
			policy: `{"Statement":[` + allowAll + `,{"Effect":"Deny","NotPrincipal":{"AWS":"` + roleARN + `"},"Action":"*","Resource":"*"}]}`,
			req:    anonymous(nil), effect: ResultExplicitDeny, deciding: statements(1)},
		{name: "deny NotPrincipal spares the named role",
			policy: `{"Statement":[` + allowAll + `,{"Effect":"Deny","NotPrincipal":{"AWS":"` + roleARN + `"},"Action":"*","Resource":"*"}]}`,
			req:    iam(roleARN), effect: ResultAllow},
		{name: "no principal element", policy: `{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`, req: anonymous(nil), effect: ResultAllow},

		// Action.
		{name: "action wildcard", policy: withAction(`"Action":"execute-api:*"`), req: anonymous(nil), effect: ResultAllow},
		{name: "action case", policy: withAction(`"Action":"EXECUTE-API:invoke"`), req: anonymous(nil), effect: ResultAllow},
		{name: "action star", policy: withAction(`"Action":"*"`), req: anonymous(nil), effect: ResultAllow},
		{name: "action question", policy: withAction(`"Action":"execute-api:Invok?"`), req: anonymous(nil), effect: ResultAllow},
		{name: "other action", policy: withAction(`"Action":["execute-api:ManageConnections"]`), req: anonymous(nil),
			effect: ResultImplicitDeny, reason: "its Action does not cover execute-api:Invoke"},
		{name: "NotAction other", policy: withAction(`"NotAction":"execute-api:ManageConnections"`), req: anonymous(nil), effect: ResultAllow},
		{name: "NotAction same", policy: withAction(`"NotAction":"execute-api:*"`), req: anonymous(nil), effect: ResultImplicitDeny,
			reason: "its NotAction covers"},

		// Resource.
		{name: "shorthand all", policy: withResource(`"Resource":"execute-api:/*"`), req: anonymous(nil), effect: ResultAllow},
		{name: "shorthand method", policy: withResource(`"Resource":"execute-api:/prod/GET/*"`), req: anonymous(nil), effect: ResultAllow},
		{name: "shorthand other stage", policy: withResource(`"Resource":"execute-api:/dev/*"`), req: anonymous(nil), effect: ResultImplicitDeny},
		{name: "GET as stage", policy: withResource(`"Resource":"` + apiARN + `/GET/*"`), req: anonymous(nil), effect: ResultImplicitDeny},
		{name: "bare execution ARN", policy: withResource(`"Resource":"` + apiARN + `"`), req: anonymous(nil), effect: ResultImplicitDeny},
		{name: "management ARN", policy: withResource(`"Resource":"arn:aws:apigateway:us-east-1::/restapis/abc123"`), req: anonymous(nil), effect: ResultImplicitDeny},
		{name: "other region", policy: withResource(`"Resource":"arn:aws:execute-api:us-west-2:123456789012:abc123/*"`), req: anonymous(nil), effect: ResultImplicitDeny},
		{name: "resource case-sensitive", policy: withResource(`"Resource":"execute-api:/prod/get/*"`), req: anonymous(nil), effect: ResultImplicitDeny},
		{name: "resource question", policy: withResource(`"Resource":"execute-api:/prod/GET/pet?"`), req: anonymous(nil), effect: ResultAllow},
		{name: "NotResource other", policy: withResource(`"NotResource":"execute-api:/prod/POST/*"`), req: anonymous(nil), effect: ResultAllow},
		{name: "NotResource same", policy: withResource(`"NotResource":"execute-api:/prod/*"`), req: anonymous(nil), effect: ResultImplicitDeny},
	})
}

func TestEvaluateCombination(t *testing.T) {
	maybeDeny := `{"Sid":"MaybeDeny","Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{"StringNotEquals":{"aws:SourceVpce":"` + freshVpce + `"}}}`
	maybeAllow := `{"Sid":"MaybeAllow","Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpce":"` + freshVpce + `"}}}`
	deny := `{"Sid":"Deny","Effect":"Deny","Principal":"*","Action":"*","Resource":"*"}`
	req := anonymous(ctxMap{"aws:SourceVpce": {sharedVpce}})
	doc := func(s ...string) string { return `{"Statement":[` + strings.Join(s, ",") + `]}` }
	runEval(t, []evalCase{
		{name: "unknown deny, allow", policy: doc(allowAll, maybeDeny), req: req, effect: ResultUnknown,
			deciding: []StatementRef{{Sid: "MaybeDeny", Index: 1}}, reason: "MaybeDeny may deny"},
		{name: "unknown deny, no allow", policy: doc(maybeDeny), req: req, effect: ResultImplicitDeny},
		{name: "unknown deny, unknown allow", policy: doc(maybeAllow, maybeDeny), req: req, effect: ResultUnknown,
			deciding: []StatementRef{{Sid: "MaybeDeny", Index: 1}}},
		{name: "deny, unknown allow", policy: doc(maybeAllow, deny), req: req, effect: ResultExplicitDeny,
			deciding: []StatementRef{{Sid: "Deny", Index: 1}}, reason: "denied explicitly by Deny (it has no conditions)"},
		{name: "deny beats allow", policy: doc(allowAll, deny), req: req, effect: ResultExplicitDeny},
		{name: "unknown allow", policy: doc(maybeAllow), req: req, effect: ResultUnknown,
			deciding: []StatementRef{{Sid: "MaybeAllow", Index: 0}}, reason: "MaybeAllow may allow"},
		{name: "two allows", policy: doc(allowAll, allowAll), req: req, effect: ResultAllow, deciding: statements(0, 1)},
		{name: "no statements", policy: `{"Statement":[]}`, req: req, effect: ResultImplicitDeny},
		{name: "false deny, unknown allow, true allow", policy: doc(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}`, maybeAllow, allowAll),
			req: req, effect: ResultAllow, deciding: statements(2)},
	})
}

func TestEvaluateAddressRanges(t *testing.T) {
	ipPolicy := b12(`{"IpAddress":{"aws:VpcSourceIp":["192.0.2.0/24","198.51.100.0/24"]}}`)
	allowIn := func(cidrs ...string) string {
		var s []string
		for _, c := range cidrs {
			s = append(s, `{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":{"IpAddress":{"aws:VpcSourceIp":"`+c+`"}}}`)
		}
		return `{"Statement":[` + strings.Join(s, ",") + `]}`
	}
	denyOutside := b12(`{"NotIpAddress":{"aws:VpcSourceIp":"10.0.0.0/24"}}`)
	denyHole := b12(`{"IpAddress":{"aws:VpcSourceIp":"10.0.0.0/16"},"NotIpAddress":{"aws:VpcSourceIp":"10.0.1.0/24"}}`)
	from := func(cidr string) Request { return anonymous(ctxMap{"aws:VpcSourceIp": {cidr}}) }
	runEval(t, []evalCase{
		{name: "range inside allow", policy: allowIn("10.0.0.0/16"), req: from("10.0.1.0/24"), effect: ResultAllow},
		{name: "range partly outside allow", policy: allowIn("10.0.0.0/16"), req: from("10.0.0.0/8"), effect: ResultImplicitDeny,
			reason: "for aws:VpcSourceIp 10.1.0.0–10.255.255.255 of 10.0.0.0/8: denied implicitly"},
		{name: "two allows cover the range", policy: allowIn("10.0.0.0/25", "10.0.0.128/25"), req: from("10.0.0.0/24"), effect: ResultAllow,
			reason: "allowed for every address: each of 2 sub-ranges is allowed"},
		{name: "range clear of deny", policy: ipPolicy, req: from("10.0.1.0/24"), effect: ResultAllow},
		{name: "range inside deny", policy: ipPolicy, req: from("192.0.2.0/25"), effect: ResultExplicitDeny},
		{name: "range overlapping deny", policy: ipPolicy, req: from("192.0.0.0/16"), effect: ResultExplicitDeny,
			reason: "192.0.2.0–192.0.2.255"},
		{name: "negated deny, range inside", policy: denyOutside, req: from("10.0.0.0/25"), effect: ResultAllow},
		{name: "negated deny, range larger", policy: denyOutside, req: from("10.0.0.0/16"), effect: ResultExplicitDeny},
		{name: "deny with a hole, range in the hole", policy: denyHole, req: from("10.0.1.0/24"), effect: ResultAllow},
		{name: "deny with a hole, range around it", policy: denyHole, req: from("10.0.0.0/23"), effect: ResultExplicitDeny},
		{name: "IPv6 range", policy: allowIn("2001:db8::/32"), req: from("2001:db8:5::/48"), effect: ResultAllow},
		{name: "IPv6 range partly out", policy: allowIn("2001:db8::/32"), req: from("2001:db8::/31"), effect: ResultImplicitDeny},
	})
}

func TestEvaluateAddressRangesTooManyPieces(t *testing.T) {
	var blocks []string
	for i := 0; i < 1500; i++ {
		blocks = append(blocks, fmt.Sprintf(`"10.%d.%d.0/24"`, i/250, i%250))
	}
	policy := b12(`{"IpAddress":{"aws:VpcSourceIp":[` + strings.Join(blocks, ",") + `]}}`)
	// Too many pieces to split: the range is compared whole, and a partial
	// overlap is Unknown.
	d := mustParse(t, policy).Evaluate(anonymous(ctxMap{"aws:VpcSourceIp": {"10.0.0.0/8"}}), apiX)
	if d.Effect != ResultUnknown {
		t.Errorf("got %s: %s", d.Effect, d.Reason)
	}
	d = mustParse(t, policy).Evaluate(anonymous(ctxMap{"aws:VpcSourceIp": {"10.0.0.0/25"}}), apiX)
	if d.Effect != ResultExplicitDeny {
		t.Errorf("got %s: %s", d.Effect, d.Reason)
	}
	if !strings.Contains(d.Reason, "… 1495 more") || len(d.Reason) > 500 {
		t.Errorf("long value lists are not cut short: %s", d.Reason)
	}
}

func TestStatementApplies(t *testing.T) {
	p := mustParse(t, b12(`{"StringNotEquals":{"aws:SourceVpce":"vpce-1"}}`))
	req := anonymous(ctxMap{"aws:SourceVpce": {"vpce-2"}})
	if got := p.Statements[1].Applies(req, apiX); got != symbol.True {
		t.Errorf("Applies = %v", got)
	}
}
