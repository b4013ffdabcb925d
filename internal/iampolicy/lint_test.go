package iampolicy

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestConditionUses(t *testing.T) {
	p := mustParse(t, b12(`{"StringNotEquals":{"aws:SourceVpce":"vpce-1"},"Bool":{"aws:SecureTransport":"true"}}`))
	uses := p.ConditionUses()
	if len(uses) != 2 {
		t.Fatalf("uses = %+v", uses)
	}
	u := uses[1]
	if u.Statement != (StatementRef{Index: 1}) || u.Effect != Deny || u.Condition.Operator != "StringNotEquals" ||
		u.Condition.Key != "aws:SourceVpce" || !u.Condition.Op.Negated || !reflect.DeepEqual(u.Condition.Values, []string{"vpce-1"}) {
		t.Errorf("use = %+v", u)
	}
}

func TestAnonymousAllows(t *testing.T) {
	p := mustParse(t, `{"Statement":[
		{"Sid":"Star","Effect":"Allow","Principal":"*","Action":"*"},
		{"Sid":"AwsStar","Effect":"Allow","Principal":{"AWS":["arn:aws:iam::1:root","*"]},"Action":"*"},
		{"Sid":"Named","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::1:root"},"Action":"*"},
		{"Sid":"Service","Effect":"Allow","Principal":{"Service":"*"},"Action":"*"},
		{"Sid":"NotNamed","Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::1:root"},"Action":"*"},
		{"Sid":"NotStar","Effect":"Allow","NotPrincipal":{"AWS":"*"},"Action":"*"},
		{"Sid":"Deny","Effect":"Deny","Principal":"*","Action":"*"}
	]}`)
	want := []StatementRef{{Sid: "Star", Index: 0}, {Sid: "AwsStar", Index: 1}, {Sid: "NotNamed", Index: 4}}
	if got := p.AnonymousAllows(); !reflect.DeepEqual(got, want) {
		t.Errorf("AnonymousAllows = %v, want %v", got, want)
	}
}

func TestVpcRestrictions(t *testing.T) {
	allowWith := func(cond string) string {
		return `{"Statement":{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*","Condition":` + cond + `}}`
	}
	withDeny := func(deny string) string {
		return `{"Statement":[` + allowAll + `,` + deny + `]}`
	}
	type restriction struct {
		key    string
		by     int
		direct bool
	}
	tests := []struct {
		name   string
		policy string
		want   []restriction
	}{
		{"B12 vpce", b12(`{"StringNotEquals":{"aws:SourceVpce":"vpce-1"}}`), []restriction{{KeySourceVpce, 1, false}}},
		{"B12 vpc, key in other case", b12(`{"StringNotEquals":{"aws:sourcevpc":"vpc-1"}}`), []restriction{{KeySourceVpc, 1, false}}},
		{"B12 deny by IP is no restriction", b12(`{"IpAddress":{"aws:VpcSourceIp":"192.0.2.0/24"}}`), nil},
		{"deny NotIpAddress", b12(`{"NotIpAddressIfExists":{"aws:VpcSourceIp":"10.0.0.0/8"}}`), []restriction{{KeyVpcSourceIp, 1, false}}},
		{"direct StringEquals", allowWith(`{"StringEquals":{"aws:SourceVpce":["vpce-1","vpce-2"]}}`), []restriction{{KeySourceVpce, 0, true}}},
		{"direct IpAddress", allowWith(`{"IpAddress":{"aws:VpcSourceIp":"10.0.0.0/8"}}`), []restriction{{KeyVpcSourceIp, 0, true}}},
		{"direct negated is no restriction", allowWith(`{"StringNotEquals":{"aws:SourceVpce":"vpce-1"}}`), nil},
		{"direct ForAllValues is no restriction", allowWith(`{"ForAllValues:StringEquals":{"aws:SourceVpce":"vpce-1"}}`), nil},
		{"other key is no restriction", allowWith(`{"StringEquals":{"aws:SourceVpcArn":"x"}}`), nil},
		{"deny on one stage only", withDeny(`{"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/prod/*","Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-1"}}}`), nil},
		{"deny with another condition", withDeny(`{"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*","Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-1"},"StringEquals":{"aws:Referer":"x"}}}`), nil},
		{"deny for a named principal", withDeny(`{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::1:root"},"Action":"*","Resource":"*","Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-1"}}}`), nil},
		{"deny for other actions", withDeny(`{"Effect":"Deny","Principal":"*","Action":"execute-api:ManageConnections","Resource":"*","Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-1"}}}`), nil},
		{"broader deny", withDeny(`{"Effect":"Deny","Principal":{"AWS":"*"},"Action":"execute-api:*","Resource":"arn:aws:execute-api:*","Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-1"}}}`), []restriction{{KeySourceVpce, 1, false}}},
		{"deny without resource element", withDeny(`{"Effect":"Deny","Principal":"*","NotAction":"s3:*","Condition":{"StringNotLike":{"aws:SourceVpce":"vpce-1*"}}}`), []restriction{{KeySourceVpce, 1, false}}},
		// patterns every endpoint or VPC id matches restrict nothing
		{"deny StringNotLike vpce-* never applies", withDeny(`{"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*","Condition":{"StringNotLike":{"aws:SourceVpce":"vpce-*"}}}`), nil},
		{"deny StringNotLike vpc-* with another key never applies", withDeny(`{"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*","Condition":{"StringNotLike":{"aws:SourceVpc":"vpc-*"},"StringNotEquals":{"aws:SourceVpce":"vpce-1"}}}`), nil},
		{"direct StringLike vpce-* is no restriction", allowWith(`{"StringLike":{"aws:SourceVpce":"vpce-*"}}`), nil},
		{"direct StringLike vpce-0* restricts", allowWith(`{"StringLike":{"aws:SourceVpce":"vpce-0*"}}`), []restriction{{KeySourceVpce, 0, true}}},
		{"deny NotResource elsewhere", withDeny(`{"Effect":"Deny","Principal":"*","Action":"*","NotResource":"arn:aws:s3:::*","Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-1"}}}`), []restriction{{KeySourceVpce, 1, false}}},
		{"deny NotResource overlapping", withDeny(`{"Effect":"Deny","Principal":"*","Action":"*","NotResource":"execute-api:/health/*","Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-1"}}}`), nil},
		{"tokens in the same place", `{"Statement":[
			{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:us-east-1:1:` + freshVpce + `/*"},
			{"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:us-east-1:1:` + freshVpce + `/*","Condition":{"StringNotEquals":{"aws:SourceVpce":"` + freshVpce + `"}}}]}`,
			[]restriction{{KeySourceVpce, 1, false}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mustParse(t, tt.policy).VpcRestrictions(apiX)
			if len(got) != 1 || got[0].Allow.Index != 0 {
				t.Fatalf("got %+v, want one entry for the first statement", got)
			}
			var have []restriction
			for _, r := range got[0].Restrictions {
				have = append(have, restriction{r.Key, r.By.Index, r.Direct})
			}
			if !reflect.DeepEqual(have, tt.want) {
				t.Errorf("restrictions %+v, want %+v", have, tt.want)
			}
			if got[0].Restricted() != (len(tt.want) > 0) {
				t.Errorf("Restricted() = %v", got[0].Restricted())
			}
		})
	}
}

func TestVpcLiterals(t *testing.T) {
	p := mustParse(t, `{"Statement":[{"Effect":"Deny","Action":"*","Condition":{
		"StringNotEquals":{"aws:SourceVpce":["vpce-1a2b","VPCE-ABC","`+freshVpce+`"],"aws:SourceVpc":"vpc-9"},
		"StringLike":{"aws:UserAgent":"vpcx"}}}]}`)
	want := []VpcLiteral{
		{Statement: StatementRef{Index: 0}, Operator: "StringNotEquals", Key: "aws:SourceVpc", Value: "vpc-9"},
		{Statement: StatementRef{Index: 0}, Operator: "StringNotEquals", Key: "aws:SourceVpce", Value: "vpce-1a2b"},
		{Statement: StatementRef{Index: 0}, Operator: "StringNotEquals", Key: "aws:SourceVpce", Value: "VPCE-ABC"},
	}
	if got := p.VpcLiterals(); !reflect.DeepEqual(got, want) {
		t.Errorf("VpcLiterals = %+v\nwant %+v", got, want)
	}
}

func TestVpcRestrictionsNamedPrincipals(t *testing.T) {
	policy := func(allow, deny string) string {
		return `{"Statement":[
			{"Effect":"Allow","Principal":` + allow + `,"Action":"execute-api:Invoke","Resource":"execute-api:/*"},
			{"Effect":"Deny","Principal":` + deny + `,"Action":"execute-api:Invoke","Resource":"execute-api:/*","Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-1"}}}]}`
	}
	tests := []struct {
		allow, deny string
		want        bool
	}{
		{`{"AWS":"a"}`, `{"AWS":["b","a"]}`, true},
		{`{"AWS":["a","c"]}`, `{"AWS":["b","a"]}`, false},
		{`{"Service":"s"}`, `{"AWS":"s"}`, false},
		{`"*"`, `{"AWS":"a"}`, false},
		{`{"AWS":"a"}`, `{"*":"*"}`, true},
	}
	for _, tt := range tests {
		got := mustParse(t, policy(tt.allow, tt.deny)).VpcRestrictions(apiX)[0].Restricted()
		if got != tt.want {
			t.Errorf("allow %s, deny %s: restricted = %v, want %v", tt.allow, tt.deny, got, tt.want)
		}
	}
	noPrincipal := `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},
		{"Effect":"Deny","Principal":{"AWS":"a"},"Action":"*","Resource":"*","Condition":{"StringNotEquals":{"aws:SourceVpc":"vpc-1"}}}]}`
	if mustParse(t, noPrincipal).VpcRestrictions(apiX)[0].Restricted() {
		t.Error("a Deny for one principal does not restrict an Allow for everyone")
	}
}

// TestVpcRestrictionsBounded: a hostile policy of many Allow and Deny
// statements used to make VpcRestrictions record every Allow × Deny pair
// (4,000 × 4,000 ran out of memory). Each Allow records one covering Deny,
// and past maxCoverChecks comparisons the Allows left are Undecided rather
// than compared.
func TestVpcRestrictionsBounded(t *testing.T) {
	policy := func(allows, denies int) string {
		var b strings.Builder
		b.WriteString(`{"Version":"2012-10-17","Statement":[`)
		for i := 0; i < allows; i++ {
			fmt.Fprintf(&b, `{"Sid":"A%d","Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*/GET/a%d"},`, i, i)
		}
		for i := 0; i < denies; i++ {
			if i > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, `{"Sid":"D%d","Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*","Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-%d"}}}`, i, i)
		}
		b.WriteString(`]}`)
		return b.String()
	}
	got := mustParse(t, policy(500, 500)).VpcRestrictions(apiX)
	if len(got) != 500 {
		t.Fatalf("%d entries, want 500", len(got))
	}
	for _, ar := range got {
		if len(ar.Restrictions) != 1 || ar.Undecided {
			t.Fatalf("%s: %d restrictions (undecided %v), want the first covering Deny only", ar.Allow, len(ar.Restrictions), ar.Undecided)
		}
	}
	// No Deny covers any Allow (another action): every pair would be compared.
	hostile := strings.ReplaceAll(policy(4000, 4000), `"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke"`, `"Effect":"Deny","Principal":"*","Action":"execute-api:ManageConnections"`)
	got = mustParse(t, hostile).VpcRestrictions(apiX)
	undecided := 0
	for _, ar := range got {
		if ar.Undecided {
			undecided++
		}
		if ar.Restricted() {
			t.Fatalf("%s restricted by a Deny for another action", ar.Allow)
		}
	}
	if undecided == 0 || undecided == len(got) {
		t.Errorf("%d of %d Allows undecided: want the work cut off part way", undecided, len(got))
	}
}
