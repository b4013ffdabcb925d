package checks

// Shared parts of the resource-policy and endpoint-policy checks (issue 4,
// PA201–PA211): the effective policy of an API, the invocations a policy is
// asked about (stage × method × path, with the caller each method's
// authorization implies), the request context of a pairing (endpoint,
// client), and the wording of verdicts and fixes.

import (
	"fmt"
	"sort"
	"strings"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/iampolicy"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

const pa2InvokeAction = "execute-api:Invoke"

// pa2ApiPolicy is the resource policy of one API as the PA2 checks judge it.
type pa2ApiPolicy struct {
	API *topology.API
	// Source is the effective source (A5); nil when the API has none.
	Source *topology.PolicySource
	// Live lists every source that sets the policy after apply.
	Live []*topology.PolicySource
	// Raw is the document as written; Policy the same in the form
	// invocations of API are compared with (topology.View.ForAPI). Both nil
	// when Err is set or there is no source.
	Raw, Policy *iampolicy.Policy
	Err         error
	X           iampolicy.ExpandContext
	// ARN is the execute-api ARN requests are built on.
	ARN string
	// Outside: the policy was set outside this configuration (the API's
	// computed policy attribute), not by any source the configuration writes.
	Outside bool
	// subject is Subject, built once (nil: built when asked)
	subject *Subject
}

// Readable reports whether the policy could be read.
func (p pa2ApiPolicy) Readable() bool { return p.Policy != nil }

// Where names the source for messages.
func (p pa2ApiPolicy) Where() string {
	if p.Source == nil {
		return "no policy"
	}
	return pa2PolicyWhere(p.Source, p.Outside)
}

// EditAt names where the policy is written, for fixes.
func (p pa2ApiPolicy) EditAt() string {
	if p.Source == nil {
		return "the API's resource policy"
	}
	return pa2PolicyEditAt(p.Source)
}

// pa2PolicyWhere names a policy source for messages.
func pa2PolicyWhere(ps *topology.PolicySource, outside bool) string {
	switch {
	case outside:
		return "the policy attribute of " + pa2Addr(ps) + ", set outside this configuration"
	case ps.Kind == topology.PolicyArgument || ps.Kind == topology.PolicyEndpointArg:
		s := "the policy argument of " + pa2Addr(ps)
		if ps.DocumentAddress != "" {
			s += " with " + ps.DocumentAddress
		}
		return s
	case ps.Kind == topology.PolicyBody:
		return "x-amazon-apigateway-policy in the body of " + pa2Addr(ps)
	case ps.DocumentAddress != "":
		return pa2Addr(ps) + " with " + ps.DocumentAddress
	}
	return pa2Addr(ps)
}

// pa2PolicyEditAt names where a policy is written, for fixes.
func pa2PolicyEditAt(ps *topology.PolicySource) string {
	switch {
	case ps.DocumentAddress != "":
		return ps.DocumentAddress
	case ps.Kind == topology.PolicyArgument || ps.Kind == topology.PolicyEndpointArg:
		return "the policy argument of " + pa2Addr(ps)
	case ps.Kind == topology.PolicyBody:
		return "x-amazon-apigateway-policy in the body of " + pa2Addr(ps)
	case ps.Kind == topology.PolicyDeclared:
		return "the endpoint's policy (in the stack that owns it, then in policy or policy_file of its endpoint block in .privapi.hcl)"
	}
	return "the policy of " + pa2Addr(ps)
}

// SourceAddress is the resource that sets the policy ("" when none).
func (p pa2ApiPolicy) SourceAddress() string {
	if p.Source == nil || !p.Source.InPlan() {
		return ""
	}
	return pa2Addr(p.Source)
}

// Subject is the per-API subject of the policy checks, located at the API.
// pa2ReadAPIPolicy builds it once for the checks that ask: its Related
// and Spot are shared, so a caller appends to Related (which then copies)
// and never writes into Spot (SubjectAt copies it).
func (p pa2ApiPolicy) Subject() Subject {
	if p.subject == nil {
		return p.newSubject()
	}
	s := *p.subject
	s.Related = s.Related[:len(s.Related):len(s.Related)]
	return s
}

// newSubject builds Subject.
func (p pa2ApiPolicy) newSubject() Subject {
	s := Subject{API: p.API, Address: p.API.Address, Describe: "resource policy of API " + p.API.Address}
	for _, ps := range p.Live {
		if ps.InPlan() {
			s.Related = append(s.Related, pa2Addr(ps))
		}
		if ps.DocumentAddress != "" {
			s.Related = append(s.Related, ps.DocumentAddress)
		}
	}
	if p.Outside && p.Source != nil {
		s.Related = append(s.Related, pa2Addr(p.Source))
	}
	if p.Source != nil && p.Source.InPlan() && !p.Outside {
		attr := "policy"
		if p.Source.Kind == topology.PolicyBody {
			attr = "body"
		}
		s.Spot = &finding.Spot{Address: pa2Addr(p.Source), Attr: attr}
	}
	return s
}

// SubjectAt is Subject located at the line of the policy that writes text
// (e.g. a condition key).
func (p pa2ApiPolicy) SubjectAt(text string) Subject {
	s := p.Subject()
	if s.Spot != nil {
		spot := *s.Spot
		spot.Text = text
		s.Spot = &spot
	}
	return s
}

// pa2ReadAPIPolicy reads the effective resource policy of an API (Build
// read and parsed it once: eleven checks ask for every API's).
func pa2ReadAPIPolicy(v *topology.View, api *topology.API) pa2ApiPolicy {
	tp := v.APIPolicy(api)
	p := pa2ApiPolicy{API: api, Live: topology.LivePolicies(api), X: v.APIExpandContext(api), ARN: v.APIARN(api),
		Source: tp.Source, Outside: tp.Outside, Raw: tp.Raw, Policy: tp.Policy, Err: tp.Err}
	s := p.newSubject()
	// one related list for the results of every PA2 check on the API
	s.clean, s.cleanFrom = s.cleanRelated(), s.Related
	p.subject = &s
	return p
}

// pa2Unreadable describes why a policy could not be read.
func pa2Unreadable(err error) string {
	return err.Error()
}

// pa2AuthKind is what a method's authorization makes of the caller (B2).
type pa2AuthKind int

const (
	pa2AuthAnonymous pa2AuthKind = iota // NONE, COGNITO_USER_POOLS: unsigned, the resource policy must allow
	pa2AuthCustom                       // Lambda authorizer: unsigned; the authorizer may supply the Allow
	pa2AuthIAM                          // AWS_IAM: signed; same account, the identity policy may allow
	pa2AuthUnknown
)

func pa2AuthOf(a string) pa2AuthKind {
	switch strings.ToUpper(a) {
	case "NONE", "COGNITO_USER_POOLS":
		return pa2AuthAnonymous
	case "CUSTOM":
		return pa2AuthCustom
	case "AWS_IAM":
		return pa2AuthIAM
	}
	return pa2AuthUnknown
}

// pa2Invocation is one stage × method × path of an API.
type pa2Invocation struct {
	// Stage is the stage name, or a token when unknown (Placeholder when
	// the API has no stage at all).
	Stage       string
	Placeholder bool
	Method      *topology.Method
	// Verb and Path as shown; Auth is the method's authorization.
	Verb, Path, Auth string
	Kind             pa2AuthKind
	// Resource is the invocation ARN requests use.
	Resource string
}

// Caller is who sends the request: anonymous unless the method uses AWS_IAM.
func (in pa2Invocation) Caller() iampolicy.Caller {
	if in.Kind == pa2AuthIAM {
		return iampolicy.Caller{PrincipalARN: symbol.Ref{Address: "iam_caller", Attr: "arn"}.Token()}
	}
	return iampolicy.Caller{Anonymous: true}
}

// CallerName names the caller for messages.
func (in pa2Invocation) CallerName() string {
	switch in.Kind {
	case pa2AuthIAM:
		return "an IAM-signed caller (authorization AWS_IAM)"
	case pa2AuthCustom:
		return "an unsigned caller (authorization CUSTOM, anonymous to the policy)"
	case pa2AuthUnknown:
		return "a caller of a method whose authorization is not known"
	}
	return "the anonymous caller (authorization " + strings.ToUpper(in.Auth) + ")"
}

// String names the invocation: "GET /hello on stage prod".
func (in pa2Invocation) String() string {
	stage := "stage " + symbol.Display(in.Stage)
	if in.Placeholder {
		stage = "a placeholder stage (the API has no stage in the plan)"
	}
	return in.Verb + " " + in.Path + " on " + stage
}

// pa2Invocations lists every stage × method × path of the API with the
// resource ARN built on arn (B8, G5: {arn}/{stage}/{VERB}{path}).
func pa2Invocations(api *topology.API, arn string) []pa2Invocation {
	type st struct {
		name        string
		placeholder bool
	}
	var stages []st
	for _, s := range api.Stages {
		name := s.Name
		if !s.NameKnown || name == "" {
			name = symbol.Ref{Address: s.Address, Attr: "stage_name"}.Token()
		}
		stages = append(stages, st{name: name})
	}
	if len(stages) == 0 {
		stages = append(stages, st{name: symbol.Ref{Address: api.Address, Attr: "stage_name"}.Token(), placeholder: true})
	}
	methods := append([]*topology.Method(nil), api.Methods...)
	sort.SliceStable(methods, func(i, j int) bool {
		if methods[i].Path != methods[j].Path {
			return methods[i].Path < methods[j].Path
		}
		return methods[i].HTTPMethod < methods[j].HTTPMethod
	})
	var out []pa2Invocation
	for _, s := range stages {
		if len(methods) == 0 {
			verb := symbol.Ref{Address: api.Address, Attr: "http_method"}.Token()
			path := "/" + symbol.Ref{Address: api.Address, Attr: "path"}.Token()
			out = append(out, pa2Invocation{Stage: s.name, Placeholder: s.placeholder, Verb: "any method", Path: "on any path",
				Kind: pa2AuthUnknown, Resource: arn + "/" + s.name + "/" + verb + path})
			continue
		}
		for _, m := range methods {
			out = append(out, pa2NewInvocation(arn, s.name, s.placeholder, m))
		}
	}
	return out
}

func pa2NewInvocation(arn, stage string, placeholder bool, m *topology.Method) pa2Invocation {
	in := pa2Invocation{Stage: stage, Placeholder: placeholder, Method: m, Auth: m.Authorization, Kind: pa2AuthOf(m.Authorization)}
	if symbol.Contains(m.Authorization) || m.Authorization == "" {
		in.Kind = pa2AuthUnknown
	}
	verb := strings.ToUpper(m.HTTPMethod)
	in.Verb = verb
	if verb == "" || verb == "ANY" || symbol.Contains(verb) {
		// ANY takes every verb; the ARN holds the verb of the request
		if verb == "" || symbol.Contains(verb) {
			in.Verb = "(method unknown)"
		}
		verb = symbol.Ref{Address: m.Address, Attr: "http_method"}.Token()
	}
	path := m.Path
	in.Path = path
	switch {
	case path == "" || symbol.Contains(path):
		in.Path = "(path unknown)"
		path = "/" + symbol.Ref{Address: m.Address, Attr: "path"}.Token()
	default:
		path = pa2PathWithParams(path, m.Address)
	}
	in.Resource = arn + "/" + stage + "/" + verb + path
	return in
}

// pa2PathWithParams replaces {param} and {proxy+} segments by a token: the ARN
// holds the value the request sends.
func pa2PathWithParams(path, addr string) string {
	segs := strings.Split(path, "/")
	for i, s := range segs {
		if strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") {
			segs[i] = symbol.Ref{Address: addr, Attr: "path_param"}.Token()
		}
	}
	return strings.Join(segs, "/")
}

// pa2ReqContext is the request context of one pairing and one client range.
type pa2ReqContext struct {
	// Vpce, Vpc and IP are the aws:SourceVpce, aws:SourceVpc and
	// aws:VpcSourceIp values (IP a CIDR or a token); an empty one is not
	// in the context.
	Vpce, Vpc, IP string
	// UnknownIP: IP stands for an address not known before apply.
	UnknownIP bool
	// Client is the client of the pairing (nil when none): a declared
	// client may say who signs its requests (pa2Identity).
	Client *topology.Client
}

// Context is the request context's condition keys and values (a new map).
func (rc pa2ReqContext) Context() map[string][]string {
	ctx := make(map[string][]string, 3)
	if rc.Vpce != "" {
		ctx[iampolicy.KeySourceVpce] = []string{rc.Vpce}
	}
	if rc.Vpc != "" {
		ctx[iampolicy.KeySourceVpc] = []string{rc.Vpc}
	}
	if rc.IP != "" {
		ctx[iampolicy.KeyVpcSourceIp] = []string{rc.IP}
	}
	return ctx
}

// Desc is shown in messages, e.g. "aws:SourceVpce = vpce-1, aws:SourceVpc = vpc-1, aws:VpcSourceIp in 10.0.1.0/24".
func (rc pa2ReqContext) Desc() string {
	shownIP := symbol.Display(rc.IP)
	if rc.UnknownIP {
		shownIP = "an address not known before apply"
	}
	return fmt.Sprintf("aws:SourceVpce = %s, aws:SourceVpc = %s, aws:VpcSourceIp in %s", symbol.Display(rc.Vpce), symbol.Display(rc.Vpc), shownIP)
}

// pa2PairContexts builds the request contexts of a pairing (issue 4, B4):
// aws:SourceVpce = the endpoint's id, aws:SourceVpc = the endpoint's VPC,
// aws:VpcSourceIp = each IPv4 range of the client's subnets (the endpoint
// VPC's ranges when no client is known); aws:SourceIp is never present.
func pa2PairContexts(v *topology.View, e *topology.Endpoint, c *topology.Client) []pa2ReqContext {
	vpce := e.ID
	if vpce == "" {
		vpce = symbol.Ref{Address: e.Address, Attr: "id"}.Token()
	}
	vpc := e.VPCID
	if vpc == "" {
		vpc = symbol.Ref{Address: e.Address, Attr: "vpc_id"}.Token()
	}
	var ips []string
	var known bool
	if c != nil {
		ips, known = v.ClientCIDRs(c)
	} else {
		ips, known = v.VPCCIDRs(vpc)
	}
	var out []pa2ReqContext
	for _, ip := range ips {
		if !strings.Contains(ip, ":") {
			out = append(out, pa2ReqContext{Vpce: vpce, Vpc: vpc, IP: ip, Client: c})
		}
	}
	if !known || len(out) == 0 {
		unknownIP := symbol.Ref{Address: e.Address, Attr: "client_ip"}.Token()
		if c != nil {
			unknownIP = symbol.Ref{Address: c.Address, Attr: "private_ip"}.Token()
		}
		for i := range out {
			out[i].UnknownIP = out[i].IP == unknownIP
		}
		out = append(out, pa2ReqContext{Vpce: vpce, Vpc: vpc, IP: unknownIP, UnknownIP: true, Client: c})
	}
	return out
}

// principalKeys are condition keys that only signed (IAM) requests carry
// (B4); for an IAM caller they are present with values unknown here.
var pa2PrincipalKeyPrefixes = []string{"aws:principal", "aws:userid", "aws:username", "aws:multifactorauth", "aws:tokenissuetime",
	"aws:federatedprovider", "aws:sourceidentity", "aws:sourceaccount", "aws:calledvia"}

// pa2Request builds the request of an invocation in a context.
func pa2Request(pol *iampolicy.Policy, in pa2Invocation, rc pa2ReqContext) iampolicy.Request {
	ctx := rc.Context()
	if in.Kind == pa2AuthIAM && pol != nil {
		for _, u := range pol.ConditionUses() {
			lk := strings.ToLower(u.Condition.Key)
			for _, pre := range pa2PrincipalKeyPrefixes {
				if strings.HasPrefix(lk, pre) {
					ctx[u.Condition.Key] = []string{symbol.Ref{Address: "iam_caller", Attr: lk}.Token()}
				}
			}
		}
	}
	caller := in.Caller()
	if in.Kind == pa2AuthIAM {
		pa2Identity(ctx, &caller, rc.Client)
	}
	return iampolicy.Request{Caller: caller, Action: pa2InvokeAction, Resource: in.Resource, Context: ctx}
}

// pa2Identity puts the IAM identity a declared client states
// (principal_arn, organization_id in .privapi.hcl) into a signed request:
// the caller and the principal keys the policy uses. Keys it does not state
// keep their values known only at call time.
func pa2Identity(ctx map[string][]string, caller *iampolicy.Caller, c *topology.Client) {
	if c == nil {
		return
	}
	account := ""
	if parts := strings.Split(c.PrincipalARN, ":"); len(parts) > 4 {
		account = parts[4]
	}
	if c.PrincipalARN != "" {
		caller.PrincipalARN, caller.Account = c.PrincipalARN, account
	}
	for k := range ctx {
		switch strings.ToLower(k) {
		case "aws:principalarn":
			if c.PrincipalARN != "" {
				ctx[k] = []string{c.PrincipalARN}
			}
		case "aws:principalaccount":
			if account != "" {
				ctx[k] = []string{account}
			}
		case "aws:principalorgid":
			if c.OrganizationID != "" {
				ctx[k] = []string{c.OrganizationID}
			}
		}
	}
}

// pa2EndpointRequest builds the request the endpoint policy sees: the
// endpoint takes the identity from the Authorization header whatever the
// method's authorization, so a client that signs its requests is that
// identity there even for a method that does not require it.
func pa2EndpointRequest(pol *iampolicy.Policy, in pa2Invocation, rc pa2ReqContext) iampolicy.Request {
	if in.Kind != pa2AuthIAM && rc.Client != nil && rc.Client.SignsRequests == symbol.True {
		in.Kind = pa2AuthIAM
	}
	return pa2Request(pol, in, rc)
}

// pa2Level orders outcomes: worse is larger.
type pa2Level int

const (
	pa2LvPass pa2Level = iota
	pa2LvUnverified
	pa2LvInfo
	pa2LvWarning
	pa2LvError
)

// pa2Outcome is the verdict on one invocation in one context.
type pa2Outcome struct {
	In    pa2Invocation
	RC    pa2ReqContext
	D     iampolicy.Decision
	Level pa2Level
	// Note qualifies the verdict (e.g. why an implicit deny is only a warning).
	Note string
}

// pa2Top returns the highest level of the outcomes.
func pa2Top(os []pa2Outcome) pa2Level {
	top := pa2LvPass
	for i := range os {
		if os[i].Level > top {
			top = os[i].Level
		}
	}
	return top
}

// pa2Worst returns the highest level and the outcomes at that level.
func pa2Worst(os []pa2Outcome) (pa2Level, []pa2Outcome) {
	top := pa2Top(os)
	var out []pa2Outcome
	for _, o := range os {
		if o.Level == top {
			out = append(out, o)
		}
	}
	return top, out
}

// pa2Describe renders up to three outcomes.
func pa2Describe(os []pa2Outcome) string {
	var parts []string
	for i, o := range os {
		if i == 3 {
			parts = append(parts, fmt.Sprintf("and %d more", len(os)-3))
			break
		}
		s := fmt.Sprintf("%s by %s (%s): %s", o.In, o.In.CallerName(), o.RC.Desc(), o.D.Reason)
		if o.Note != "" {
			s += " — " + o.Note
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ")
}

// pa2Report records outcomes at their worst level. what names the verdict
// for the message; it is called only for a result that is not a pass.
func pa2Report(r *Reporter, s Subject, os []pa2Outcome, fix func([]pa2Outcome) string, whatf func() string) {
	if pa2Top(os) == pa2LvPass {
		r.Pass(s) // no outcome list, no message
		return
	}
	top, list := pa2Worst(os)
	what := whatf()
	switch top {
	case pa2LvUnverified:
		r.Unverified(s, fix(list), "whether %s is known only after apply: %s", what, pa2Describe(list))
	case pa2LvInfo:
		r.FailAt(finding.Info, s, fix(list), "%s: %s", what, pa2Describe(list))
	case pa2LvWarning:
		r.FailAt(finding.Warning, s, fix(list), "%s: %s", what, pa2Describe(list))
	default:
		r.FailAt(finding.Error, s, fix(list), "%s: %s", what, pa2Describe(list))
	}
}

// pa2RefOrValue renders value as a Terraform expression: address.attr when
// the resource is in the plan, else the literal.
func pa2RefOrValue(n topology.Node, attr, value string) string {
	if n.InPlan() {
		return n.Address + "." + attr
	}
	return topology.TFRef(value)
}

// pa2ArnExpr is the Terraform expression of the API's invocation ARN pattern.
func pa2ArnExpr(api *topology.API, suffix string) string {
	if api.InPlan() {
		return `"${` + api.Address + `.execution_arn}` + suffix + `"`
	}
	return fmt.Sprintf("%q", symbol.Display(api.ExecutionARN)+suffix)
}

// pa2AllowBlock is the Terraform statement that admits anonymous callers.
func pa2AllowBlock(api *topology.API) string {
	return fmt.Sprintf(`statement {
    effect    = "Allow"
    actions   = ["execute-api:Invoke"]
    resources = [%s]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }`, pa2ArnExpr(api, "/*"))
}

// pa2StatementOf returns the statement a reference names.
func pa2StatementOf(p *iampolicy.Policy, ref iampolicy.StatementRef) (iampolicy.Statement, bool) {
	if p == nil || ref.Index < 0 || ref.Index >= len(p.Statements) {
		return iampolicy.Statement{}, false
	}
	return p.Statements[ref.Index], true
}

// pa2CanonicalKey returns the canonical spelling of a VPC key, or "".
func pa2CanonicalKey(key string) string {
	for _, k := range []string{iampolicy.KeySourceVpce, iampolicy.KeySourceVpc, iampolicy.KeyVpcSourceIp, "aws:SourceIp"} {
		if strings.EqualFold(k, key) {
			return k
		}
	}
	return ""
}

// pa2ValuesWith renders a condition's values plus one more as a Terraform list.
func pa2ValuesWith(c iampolicy.Condition, extra string) string {
	var vs []string
	for _, v := range c.Values {
		if r, ok := symbol.Only(v); ok {
			vs = append(vs, r.String())
		} else {
			vs = append(vs, fmt.Sprintf("%q", symbol.Display(v)))
		}
	}
	for _, v := range vs {
		if v == extra {
			return "[" + strings.Join(vs, ", ") + "]"
		}
	}
	return "[" + strings.Join(append(vs, extra), ", ") + "]"
}

// pa2DenyFix explains how to stop a Deny statement from matching a pairing.
func pa2DenyFix(v *topology.View, p *iampolicy.Policy, o pa2Outcome, e *topology.Endpoint, c *topology.Client) string {
	var fixes []string
	for _, ref := range o.D.Deciding {
		s, ok := pa2StatementOf(p, ref)
		if !ok {
			continue
		}
		if len(s.Conditions) == 0 {
			fixes = append(fixes, fmt.Sprintf("%s denies without conditions: remove it or narrow its principals, actions or resources", ref))
			continue
		}
		ctx := pa2Request(p, o.In, o.RC).Context
		for _, cond := range s.Conditions {
			if cond.Eval(ctx) != symbol.True {
				continue
			}
			fixes = append(fixes, pa2ConditionFix(v, ref, cond, ctx, e, c, o.RC))
		}
	}
	if len(fixes) == 0 {
		return "change the Deny statement(s) " + pa2RefsString(o.D.Deciding) + " so that they do not match calls through " + e.Address
	}
	return strings.Join(fixes, "; ")
}

func pa2RefsString(refs []iampolicy.StatementRef) string {
	var s []string
	for _, r := range refs {
		s = append(s, r.String())
	}
	return strings.Join(s, ", ")
}

// pa2ConditionFix explains how to change one condition that makes a Deny match.
func pa2ConditionFix(v *topology.View, ref iampolicy.StatementRef, cond iampolicy.Condition, ctx map[string][]string, e *topology.Endpoint, c *topology.Client, rc pa2ReqContext) string {
	key := pa2CanonicalKey(cond.Key)
	present := false
	for k, vs := range ctx {
		if strings.EqualFold(k, cond.Key) && len(vs) > 0 {
			present = true
		}
	}
	in := fmt.Sprintf("the condition `%s %s` of %s", cond.Operator, cond.Key, ref)
	switch {
	case key == "aws:SourceIp":
		return fmt.Sprintf("%s never sees aws:SourceIp on calls through a VPC endpoint: use variable = \"aws:VpcSourceIp\" (the caller's private address) or aws:SourceVpce", in)
	case !present:
		return fmt.Sprintf("%s is true because requests of %s carry no %s: restrict the Deny with aws:SourceVpce/aws:SourceVpc instead, or add condition { test = \"Null\" variable = %q values = [\"false\"] } so that it only applies when the key is present", in, "this kind of caller", cond.Key, cond.Key)
	case key == iampolicy.KeySourceVpc && pa2ValuesOfKind(v, cond, "endpoint"):
		return fmt.Sprintf("%s compares aws:SourceVpc (the VPC hosting the endpoint) with endpoint ids: use variable = \"aws:SourceVpce\" with values = %s, or keep aws:SourceVpc with values = [%s]", in, pa2ValuesWith(cond, pa2RefOrValue(e.Node, "id", e.ID)), pa2VpcExpr(e))
	case key == iampolicy.KeySourceVpce && pa2ValuesOfKind(v, cond, "vpc"):
		return fmt.Sprintf("%s compares aws:SourceVpce (the endpoint id) with VPC ids: use variable = \"aws:SourceVpc\" with values = %s, or keep aws:SourceVpce with values = [%s]", in, pa2ValuesWith(cond, pa2VpcExpr(e)), pa2RefOrValue(e.Node, "id", e.ID))
	case key == iampolicy.KeySourceVpce && cond.Op.Negated:
		return fmt.Sprintf("add the endpoint to %s: values = %s", in, pa2ValuesWith(cond, pa2RefOrValue(e.Node, "id", e.ID)))
	case key == iampolicy.KeySourceVpc && cond.Op.Negated:
		return fmt.Sprintf("add the endpoint's VPC to %s: values = %s (aws:SourceVpc is the VPC that hosts the endpoint)", in, pa2ValuesWith(cond, pa2VpcExpr(e)))
	case key == iampolicy.KeyVpcSourceIp && cond.Op.Negated:
		who := "the VPC of " + e.Address
		if c != nil {
			who = "the subnets of " + c.Address
		}
		return fmt.Sprintf("add the range of %s to %s: values = %s", who, in, pa2ValuesWith(cond, fmt.Sprintf("%q", symbol.Display(rc.IP))))
	}
	return fmt.Sprintf("%s holds for calls through %s: change it so that it does not", in, e.Address)
}

// pa2VpcExpr is the Terraform expression of the endpoint's VPC id.
func pa2VpcExpr(e *topology.Endpoint) string {
	if r, ok := symbol.Only(e.VPCID); ok {
		return r.String()
	}
	if e.InPlan() {
		return e.Address + ".vpc_id"
	}
	return topology.TFRef(e.VPCID)
}

// pa2ElementOnly returns a copy of s reduced to the named elements
// ("principal", "action", "resource", "condition").
func pa2ElementOnly(s iampolicy.Statement, elems ...string) iampolicy.Statement {
	out := iampolicy.Statement{Sid: s.Sid, Index: s.Index, Effect: s.Effect}
	for _, e := range elems {
		switch e {
		case "principal":
			out.Principal, out.NotPrincipal = s.Principal, s.NotPrincipal
		case "action":
			out.Action, out.NotAction = s.Action, s.NotAction
		case "resource":
			out.Resource, out.NotResource = s.Resource, s.NotResource
		case "condition":
			out.Conditions = s.Conditions
		}
	}
	return out
}

// pa2AllowFix explains how to make an implicitly denied invocation allowed.
// endpoint is set for an endpoint policy.
func pa2AllowFix(api *topology.API, p *iampolicy.Policy, o pa2Outcome, x iampolicy.ExpandContext, endpoint bool) string {
	req := pa2Request(p, o.In, o.RC)
	var hints []string
	for _, s := range p.Statements {
		if s.Effect != iampolicy.Allow {
			continue
		}
		if pa2ElementOnly(s, "action").Applies(req, x) == symbol.False {
			continue
		}
		switch {
		case pa2ElementOnly(s, "principal").Applies(req, x) == symbol.False:
			if o.In.Kind == pa2AuthIAM {
				hints = append(hints, fmt.Sprintf("%s names principals that may not include the caller: add the caller's role or account to its principals, or grant execute-api:Invoke in the caller's IAM policy", s.Ref()))
			} else {
				hints = append(hints, fmt.Sprintf("%s names principals, which never match unsigned callers: use principals { type = \"*\" identifiers = [\"*\"] }", s.Ref()))
			}
		case pa2ResourceCovers(s, req, x) == symbol.False:
			hints = append(hints, fmt.Sprintf("the resources of %s do not cover %s: add %s to them", s.Ref(), o.In, pa2ArnExpr(api, "/*")))
		case pa2ElementOnly(s, "condition").Applies(req, x) == symbol.False:
			hints = append(hints, fmt.Sprintf("the conditions of %s do not hold for %s: admit them (aws:SourceVpce = the endpoint's id, aws:SourceVpc = its VPC, aws:VpcSourceIp = the client's range)", s.Ref(), o.RC.Desc()))
		}
	}
	if len(hints) > 0 {
		return strings.Join(hints, "; ")
	}
	if o.In.Kind == pa2AuthIAM {
		return "add an Allow for the caller's principal, or grant execute-api:Invoke on " + pa2ArnExpr(api, "/*") + " in the caller's IAM policy"
	}
	if endpoint {
		return "add an Allow statement for the API:\n  " + pa2AllowBlock(api)
	}
	return "add an Allow statement for anonymous callers, kept to your endpoints by a Deny-unless-aws:SourceVpce statement:\n  " + pa2AllowBlock(api)
}

// pa2Evaluate is Policy.Evaluate with the Resource/NotResource patterns that
// have no wildcard decided against the request first (exactMatch): the
// evaluator compares a pattern without wildcards as a whole string, so a
// pattern holding a token (${execution_arn}, the bare API ARN) against an
// pa2Invocation ARN with the same token would stay undecided.
func pa2Evaluate(p *iampolicy.Policy, req iampolicy.Request, x iampolicy.ExpandContext) iampolicy.Decision {
	return pa2WithExactResources(p, req.Resource).Evaluate(req, x)
}

// pa2WithExactResources returns p with every wildcard-free resource pattern
// that exactMatch decides against subject replaced by subject (True) or
// dropped (False).
func pa2WithExactResources(p *iampolicy.Policy, subject string) *iampolicy.Policy {
	out := &iampolicy.Policy{Version: p.Version, ID: p.ID, Statements: make([]iampolicy.Statement, len(p.Statements))}
	for i, s := range p.Statements {
		out.Statements[i] = pa2ExactResources(s, subject)
	}
	return out
}

func pa2ExactResources(s iampolicy.Statement, subject string) iampolicy.Statement {
	fix := func(list []string) []string {
		if list == nil {
			return nil
		}
		res := []string{}
		for _, pat := range list {
			if strings.ContainsAny(pat, "*?") || strings.Contains(pat, "${") {
				res = append(res, pat)
				continue
			}
			switch pa2ExactMatch(pat, subject) {
			case symbol.True:
				res = append(res, subject)
			case symbol.Unknown:
				res = append(res, pat)
			}
		}
		return res
	}
	s.Resource = fix(s.Resource)
	s.NotResource = fix(s.NotResource)
	return s
}

// pa2ExactMatch decides whether two possibly symbolic strings are equal: by
// symbol.Equal, else by comparing them from both ends, where literal text
// must agree, identical tokens match each other, and a token stands for a
// non-empty string.
func pa2ExactMatch(a, b string) symbol.Tri {
	if t := symbol.Equal(a, b); t != symbol.Unknown {
		return t
	}
	pa, pb := pa2Units(a), pa2Units(b)
	for len(pa) > 0 && len(pb) > 0 {
		x, y := pa[0], pb[0]
		if x.tok != "" || y.tok != "" {
			if x.tok != y.tok {
				break
			}
		} else if x.r != y.r {
			return symbol.False
		}
		pa, pb = pa[1:], pb[1:]
	}
	for len(pa) > 0 && len(pb) > 0 {
		x, y := pa[len(pa)-1], pb[len(pb)-1]
		if x.tok != "" || y.tok != "" {
			if x.tok != y.tok {
				break
			}
		} else if x.r != y.r {
			return symbol.False
		}
		pa, pb = pa[:len(pa)-1], pb[:len(pb)-1]
	}
	switch {
	case len(pa) == 0 && len(pb) == 0:
		return symbol.True
	case len(pa) == 0 || len(pb) == 0:
		// nothing against something: a token is never empty
		return symbol.False
	}
	return symbol.Unknown
}

type pa2Unit struct {
	r   rune
	tok string
}

func pa2Units(s string) []pa2Unit {
	var out []pa2Unit
	for _, part := range symbol.Split(s) {
		if part.Ref != nil {
			out = append(out, pa2Unit{tok: part.Ref.Token()})
			continue
		}
		for _, r := range part.Text {
			out = append(out, pa2Unit{r: r})
		}
	}
	return out
}

// pa2ResourceCovers reports whether the statement's Resource/NotResource
// covers the request's resource.
func pa2ResourceCovers(s iampolicy.Statement, req iampolicy.Request, x iampolicy.ExpandContext) symbol.Tri {
	return pa2ExactResources(pa2ElementOnly(s, "resource"), req.Resource).Applies(req, x)
}

// pa2ValuesOfKind reports whether some value of the condition is an id of the
// kind ("endpoint" or "vpc", see idKind).
func pa2ValuesOfKind(v *topology.View, c iampolicy.Condition, kind string) bool {
	for _, val := range c.Values {
		if pa2IdKind(v, val) == kind {
			return true
		}
	}
	return false
}

// pa2Addr is the address of the resource that sets a policy.
func pa2Addr(ps *topology.PolicySource) string {
	switch {
	case ps == nil:
		return "no policy"
	case !ps.InPlan():
		return "the " + string(ps.Kind)
	}
	return ps.Address
}
