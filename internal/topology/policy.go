package topology

// Policy documents as the checks judge them (see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies-create-attach.html):
// which source wins for an API or an endpoint, how to read a source (JSON
// text, or a deferred data.aws_iam_policy_document rebuilt from its
// configuration), and how to put a document in the form a request to one
// API is compared with (the execute-api ARN of that API, see APIARN).

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/privapi/privapi/internal/iampolicy"
	"github.com/privapi/privapi/internal/model"
	"github.com/privapi/privapi/internal/symbol"
)

// LivePolicies lists the sources that set the API's resource policy after
// apply: deleted sources are left out. The view only holds the API's own
// policy argument when the configuration writes it (G5: otherwise the
// attribute shows the copy an aws_api_gateway_rest_api_policy wrote).
func LivePolicies(a *API) []*PolicySource {
	var out []*PolicySource
	for _, ps := range a.Policies {
		if ps != nil && !ps.Deleted {
			out = append(out, ps)
		}
	}
	return out
}

// EffectivePolicy returns the resource-policy source that wins for an API
// (A5): the policy argument, else an aws_api_gateway_rest_api_policy, else
// the OpenAPI body's x-amazon-apigateway-policy; nil when none.
func EffectivePolicy(a *API) *PolicySource {
	live := LivePolicies(a)
	for _, kind := range []PolicyKind{PolicyArgument, PolicyResource, PolicyBody} {
		for _, ps := range live {
			if ps.Kind == kind {
				return ps
			}
		}
	}
	if len(live) > 0 {
		return live[0]
	}
	return nil
}

// EffectiveEndpointPolicy returns the policy source of an endpoint: the
// aws_vpc_endpoint_policy resource (applied after the endpoint), else the
// endpoint's policy argument; nil means AWS's default full-access policy
// (C7).
func EffectiveEndpointPolicy(e *Endpoint) *PolicySource {
	var arg *PolicySource
	for _, ps := range e.Policies {
		if ps == nil || ps.Deleted {
			continue
		}
		if ps.Kind == PolicyEndpointRes {
			return ps
		}
		if arg == nil {
			arg = ps
		}
	}
	return arg
}

// ErrPolicyUnknown is wrapped by ReadPolicy when the document is not known
// until apply and cannot be rebuilt from configuration.
var ErrPolicyUnknown = errors.New("policy known only after apply")

// unknownError is an ErrPolicyUnknown with its own message.
type unknownError struct{ msg string }

func (e unknownError) Error() string        { return e.msg }
func (e unknownError) Is(target error) bool { return target == ErrPolicyUnknown }

func unknownf(format string, args ...any) error {
	return unknownError{msg: fmt.Sprintf(format, args...)}
}

// ReadPolicy returns the document of a policy source: its JSON text parsed,
// or the deferred data.aws_iam_policy_document it comes from rebuilt from
// configuration (G3, G4). Values known only after apply stay symbol tokens.
// The error wraps ErrPolicyUnknown when the text is unknown and cannot be
// rebuilt; other errors mean the document is not a valid policy.
func (v *View) ReadPolicy(ps *PolicySource) (*iampolicy.Policy, error) {
	if v.ix != nil {
		if r, ok := v.ix.reads[ps]; ok {
			return r.p, r.err
		}
	}
	switch {
	case ps == nil:
		return nil, errors.New("no policy")
	case ps.Known:
		p, err := iampolicy.Parse([]byte(ps.JSON))
		if err != nil {
			where := string(ps.Kind)
			if ps.inst != nil {
				where = ps.inst.Address
			}
			if symbol.Contains(ps.JSON) && json.Valid([]byte(nullTokens(ps.JSON))) && !json.Valid([]byte(ps.JSON)) {
				// a value known only after apply stands where the JSON
				// needs structure (e.g. a list spliced into a heredoc)
				return nil, unknownf("the policy of %s holds values known only after apply where its JSON structure needs them (%v)", where, err)
			}
			return nil, fmt.Errorf("the policy of %s is not a valid policy document: %w", where, err)
		}
		return p, nil
	case ps.doc != nil:
		return v.rebuildDocument(ps.doc)
	}
	if ps.inst != nil && v.m != nil {
		if refs := v.m.Refs(ps.inst, "policy"); len(refs) > 0 {
			return nil, unknownf("the policy of %s is computed from %s, which is known only after apply and cannot be rebuilt before (e.g. values from outside the plan, or no .tf source to rebuild it from)",
				ps.inst.Address, strings.Join(refs, ", "))
		}
		return nil, unknownf("the policy of %s is known only after apply", ps.inst.Address)
	}
	if ps.Kind == PolicyDeclared {
		return nil, unknownf("the endpoint is declared in .privapi.hcl without its policy: set policy (the JSON document, or \"default\" for the full-access policy) or policy_file in its endpoint block, or pass the stack that owns it with --with")
	}
	return nil, ErrPolicyUnknown
}

// nullTokens writes every token of s as null.
func nullTokens(s string) string {
	var b strings.Builder
	for _, part := range symbol.Split(s) {
		if part.Ref != nil {
			b.WriteString("null")
		} else {
			b.WriteString(part.Text)
		}
	}
	return b.String()
}

// rebuildDocument rebuilds the policy a data.aws_iam_policy_document
// renders from its configuration: version, policy_id, statement blocks
// (principals, not_principals, condition) and the documents merged through
// source_policy_documents / override_policy_documents (and the older
// source_json / override_json), which may themselves be deferred documents.
func (v *View) rebuildDocument(doc *model.Instance) (*iampolicy.Policy, error) {
	cfg, err := v.documentConfig(doc, 0)
	if err != nil {
		return nil, err
	}
	p, err := cfg.Build()
	if err != nil {
		return nil, fmt.Errorf("%s does not render a valid policy: %w", doc.Address, err)
	}
	return p, nil
}

const maxDocumentDepth = 8

func (v *View) documentConfig(doc *model.Instance, depth int) (iampolicy.DocumentConfig, error) {
	if depth > maxDocumentDepth {
		return iampolicy.DocumentConfig{}, unknownf("%s merges documents too deeply", doc.Address)
	}
	get := func(name string) cty.Value {
		// every instance of a module's document reads the same blocks:
		// resolved once where nothing differs (model.SharedAttr)
		val := v.m.SharedAttr(doc, name)
		configured := v.m.Configured(doc, name)
		if val == cty.NilVal {
			val = cty.NullVal(cty.DynamicPseudoType)
		}
		if !configured && !model.WhollyKnown(val) {
			// an argument the configuration does not write is unset
			return cty.NullVal(cty.DynamicPseudoType)
		}
		if IsNull(val) && configured {
			// written in the configuration but not resolved: not "absent"
			if cv := v.m.ConfigValue(doc, name); cv != cty.NilVal && !IsNull(cv) {
				return cv
			}
			return cty.DynamicVal
		}
		return val
	}
	return DocumentConfigFrom(doc.Address, get, func(s string) (string, error) { return v.documentJSON(s, depth+1) })
}

// documentJSON resolves one entry of source_policy_documents /
// override_policy_documents: JSON text, or the json of another (possibly
// deferred) policy document.
func (v *View) documentJSON(s string, depth int) (string, error) {
	r, only := symbol.Only(s)
	if !only {
		return s, nil
	}
	inst := v.m.Instance(r.Address)
	if inst == nil || inst.Type != "aws_iam_policy_document" || !(r.Attr == "json" || r.Attr == "minified_json") {
		return "", unknownf("%s is known only after apply", r.String())
	}
	if j, ok := Str(v.m.Attr(inst, r.Attr)); ok && !IsSelf(j, inst.Address, r.Attr) {
		if _, only := symbol.Only(j); !only {
			return j, nil
		}
	}
	cfg, err := v.documentConfig(inst, depth)
	if err != nil {
		return "", err
	}
	p, err := cfg.Build()
	if err != nil {
		return "", fmt.Errorf("%s does not render a valid policy: %w", inst.Address, err)
	}
	return string(p.JSON()), nil
}

// DocumentConfigFrom reads the configuration of a data.aws_iam_policy_document
// (named addr for messages) through get, which returns an argument or block
// as the model resolves it (nested blocks as lists of objects). resolve turns
// an entry of source_policy_documents / override_policy_documents into JSON
// text (nil: entries are taken as they are).
func DocumentConfigFrom(addr string, get func(string) cty.Value, resolve func(string) (string, error)) (iampolicy.DocumentConfig, error) {
	var cfg iampolicy.DocumentConfig
	d := docReader{addr: addr, resolve: resolve}
	var err error
	if cfg.Version, err = d.str(get("version"), topArg("version")); err != nil {
		return cfg, err
	}
	if cfg.PolicyID, err = d.str(get("policy_id"), topArg("policy_id")); err != nil {
		return cfg, err
	}
	if cfg.SourcePolicyDocuments, err = d.docs(get, "source_json", "source_policy_documents"); err != nil {
		return cfg, err
	}
	if cfg.OverridePolicyDocuments, err = d.docs(get, "override_policy_documents", "override_json"); err != nil {
		return cfg, err
	}
	stmts, ok := Objects(get("statement"))
	if !ok {
		return cfg, d.unknown("the statement blocks")
	}
	for i, o := range stmts {
		sc, err := d.statement(o, i)
		if err != nil {
			return cfg, err
		}
		cfg.Statements = append(cfg.Statements, sc)
	}
	return cfg, nil
}

// docReader reads the arguments of one data.aws_iam_policy_document.
type docReader struct {
	addr    string
	resolve func(string) (string, error)
}

func (d docReader) unknown(what string) error {
	return unknownf("%s of %s is known only after apply", what, d.addr)
}

// argName names an argument of the document for messages, put together
// only when one is unknown: name; statement[stmt] and name; or
// statement[stmt], block[j] and name.
type argName struct {
	stmt  int    // -1: an argument of the document
	block string // ".principals", ".not_principals" or ".condition"; "" none
	j     int
	name  string // "version", ".sid", ...
}

func topArg(name string) argName { return argName{stmt: -1, name: name} }

func (a argName) String() string {
	if a.stmt < 0 {
		return a.name
	}
	s := "statement[" + strconv.Itoa(a.stmt) + "]"
	if a.block != "" {
		s += a.block + "[" + strconv.Itoa(a.j) + "]"
	}
	return s + a.name
}

func (d docReader) str(v cty.Value, what argName) (string, error) {
	if IsNull(v) {
		return "", nil
	}
	s, ok := Str(v)
	if !ok {
		return "", d.unknown(what.String())
	}
	return s, nil
}

func (d docReader) list(v cty.Value, what argName) ([]string, error) {
	if IsNull(v) {
		return nil, nil
	}
	l, ok := Strs(v)
	if !ok {
		return nil, d.unknown(what.String())
	}
	return l, nil
}

// docs reads policy documents lists, each entry resolved to JSON text.
func (d docReader) docs(get func(string) cty.Value, names ...string) ([]string, error) {
	var out []string
	for _, name := range names {
		l, err := d.list(get(name), topArg(name))
		if err != nil {
			return nil, err
		}
		for _, s := range l {
			if s == "" {
				continue
			}
			if d.resolve != nil {
				if s, err = d.resolve(s); err != nil {
					if errors.Is(err, ErrPolicyUnknown) {
						return nil, unknownf("%s of %s: %s", name, d.addr, err)
					}
					return nil, fmt.Errorf("%s of %s: %w", name, d.addr, err)
				}
			}
			out = append(out, s)
		}
	}
	return out, nil
}

// statement reads statement block i.
func (d docReader) statement(o cty.Value, i int) (iampolicy.StatementConfig, error) {
	var sc iampolicy.StatementConfig
	var err error
	if sc.Sid, err = d.str(Get(o, "sid"), argName{stmt: i, name: ".sid"}); err != nil {
		return sc, err
	}
	if sc.Effect, err = d.str(Get(o, "effect"), argName{stmt: i, name: ".effect"}); err != nil {
		return sc, err
	}
	for _, f := range []struct {
		name string
		dst  *[]string
	}{{".actions", &sc.Actions}, {".not_actions", &sc.NotActions}, {".resources", &sc.Resources}, {".not_resources", &sc.NotResources}} {
		if *f.dst, err = d.list(Get(o, f.name[1:]), argName{stmt: i, name: f.name}); err != nil {
			return sc, err
		}
	}
	for _, f := range []struct {
		name string
		dst  *[]iampolicy.PrincipalConfig
	}{{".principals", &sc.Principals}, {".not_principals", &sc.NotPrincipals}} {
		if *f.dst, err = d.principals(Get(o, f.name[1:]), i, f.name); err != nil {
			return sc, err
		}
	}
	sc.Conditions, err = d.conditions(Get(o, "condition"), i)
	return sc, err
}

// principals reads the principals or not_principals blocks (block, with
// its leading dot) of statement i.
func (d docReader) principals(v cty.Value, i int, block string) ([]iampolicy.PrincipalConfig, error) {
	blocks, ok := Objects(v)
	if !ok {
		return nil, d.unknown(argName{stmt: i, name: block}.String())
	}
	var out []iampolicy.PrincipalConfig
	for j, b := range blocks {
		var pc iampolicy.PrincipalConfig
		var err error
		if pc.Type, err = d.str(Get(b, "type"), argName{i, block, j, ".type"}); err != nil {
			return nil, err
		}
		if pc.Identifiers, err = d.list(Get(b, "identifiers"), argName{i, block, j, ".identifiers"}); err != nil {
			return nil, err
		}
		out = append(out, pc)
	}
	return out, nil
}

// conditions reads the condition blocks of statement i.
func (d docReader) conditions(v cty.Value, i int) ([]iampolicy.ConditionConfig, error) {
	conds, ok := Objects(v)
	if !ok {
		return nil, d.unknown(argName{stmt: i, name: ".condition"}.String())
	}
	var out []iampolicy.ConditionConfig
	for j, b := range conds {
		var cc iampolicy.ConditionConfig
		var err error
		if cc.Test, err = d.str(Get(b, "test"), argName{i, ".condition", j, ".test"}); err != nil {
			return nil, err
		}
		if cc.Variable, err = d.str(Get(b, "variable"), argName{i, ".condition", j, ".variable"}); err != nil {
			return nil, err
		}
		if cc.Values, err = d.list(Get(b, "values"), argName{i, ".condition", j, ".values"}); err != nil {
			return nil, err
		}
		out = append(out, cc)
	}
	return out, nil
}

// APIAccount returns the account, partition and region of an API when they
// can be known before apply: from a known execution_arn, else from the
// region of the API and the plan's data.aws_caller_identity /
// data.aws_partition (only when every such data source agrees). "" means
// unknown.
func (v *View) APIAccount(a *API) (partition, region, account string) {
	if p, r, acc, ok := arnAccount(a.ExecutionARN); ok && !symbol.Contains(a.ExecutionARN) {
		return p, r, acc
	}
	region = a.Region
	if symbol.Contains(region) {
		region = ""
	}
	account, partition = v.account()
	if partition == "" && region != "" {
		partition = PartitionOf(region)
	}
	return partition, region, account
}

// arnAccount reads the partition, region and account of an ARN
// (arn:partition:service:region:account:resource), as
// strings.SplitN(arn, ":", 6) would, without the list.
func arnAccount(arn string) (partition, region, account string, ok bool) {
	var f [5]string
	rest := arn
	for i := range f {
		var found bool
		if f[i], rest, found = strings.Cut(rest, ":"); !found {
			return "", "", "", false
		}
	}
	if f[0] != "arn" {
		return "", "", "", false
	}
	return f[1], f[3], f[4], true
}

// PartitionOf returns the partition of a region.
func PartitionOf(region string) string {
	switch {
	case strings.HasPrefix(region, "cn-"):
		return "aws-cn"
	case strings.HasPrefix(region, "us-gov-"):
		return "aws-us-gov"
	case strings.HasPrefix(region, "us-iso-"):
		return "aws-iso"
	case strings.HasPrefix(region, "us-isob-"):
		return "aws-iso-b"
	}
	return "aws"
}

// account returns the one known account id and partition of the plan's
// data.aws_caller_identity and data.aws_partition ("" when none, or when
// they differ): Build scans the data sources once.
func (v *View) account() (account, partition string) {
	if v.ix != nil {
		return v.ix.account, v.ix.partition
	}
	return v.scanAccount()
}

func (v *View) scanAccount() (account, partition string) {
	if v.m == nil {
		return "", ""
	}
	return v.scanSingle("data.aws_caller_identity", "account_id"), v.scanSingle("data.aws_partition", "partition")
}

// scanSingle returns the one known literal value of attr over every
// instance of a (data) type, "" when there is none or they differ.
func (v *View) scanSingle(typ, attr string) string {
	out := ""
	for _, inst := range v.m.OfType(typ) {
		s, ok := Str(v.m.Attr(inst, attr))
		if !ok || s == "" || symbol.Contains(s) {
			continue
		}
		if out != "" && out != s {
			return ""
		}
		out = s
	}
	return out
}

// APIExpandContext is what API Gateway substitutes into the execute-api:/
// shorthand for this API (B8); unknown parts are "".
func (v *View) APIExpandContext(a *API) iampolicy.ExpandContext {
	p, r, acc := v.APIAccount(a)
	return iampolicy.ExpandContext{Partition: p, Region: r, Account: acc, APIID: a.ID}
}

// APIARN is the execute-api ARN of the API that requests are compared in:
// arn:{partition}:execute-api:{region}:{account}:{api-id}, where a field not
// known is a token (the id may be one too), else, without an id, the API's
// execution_arn (known or a token). Written in parts, a pattern of another
// service or with a malformed account field is decided even when the
// account or region is known only after apply.
func (v *View) APIARN(a *API) string {
	if a.ID == "" {
		return a.ExecutionARN
	}
	return v.APIExpandContext(a).APIARN()
}

// ForAPI returns a copy of p in the form requests to api are compared with
// (B8, G5):
//   - the execute-api:/ shorthand is expanded to APIARN(api)/…;
//   - the execution_arn of every API of the view (and of its stages, and its
//     management arn) is written in the same ARN form, so that a pattern
//     naming one API by reference and another by its parts compare;
//   - a Resource/NotResource pattern whose API-id part (no wildcard) is
//     proven to differ from api's id is dropped: it can never cover an
//     invocation of api (a literal id against an API this plan creates, or
//     two APIs this plan creates).
func (v *View) ForAPI(p *iampolicy.Policy, api *API) *iampolicy.Policy {
	if p == nil {
		return nil
	}
	// the same for every API of the view: built once by Build (per API,
	// the cost was quadratic in the APIs)
	shared := v.forAPIShared()
	repl, apis := shared.repl, shared.apis
	self := v.APIARN(api)
	out := &iampolicy.Policy{Version: p.Version, ID: p.ID}
	fix := func(list []string) []string {
		if list == nil {
			return nil
		}
		res := []string{}
		for _, r := range list {
			if rest, ok := strings.CutPrefix(r, iampolicy.ShorthandPrefix); ok {
				r = self + "/" + rest
			}
			r = replaceRefs(r, repl)
			if otherAPI(r, api.ID, self, apis) {
				continue
			}
			res = append(res, r)
		}
		return res
	}
	for _, s := range p.Statements {
		c := s
		c.Resource = fix(s.Resource)
		c.NotResource = fix(s.NotResource)
		out.Statements = append(out.Statements, c)
	}
	return out
}

// forAPIShared is what ForAPI needs of the whole view.
type forAPIShared struct {
	repl arnRepl         // arnReplacements
	apis map[string]bool // addresses of the view's APIs
}

func (v *View) forAPIShared() forAPIShared {
	if v.ix != nil {
		return v.ix.forAPI
	}
	return newForAPIShared(v)
}

func newForAPIShared(v *View) forAPIShared {
	apis := map[string]bool{}
	for _, a := range v.APIs {
		apis[a.Address] = true
	}
	return forAPIShared{repl: v.arnReplacements(), apis: apis}
}

// arnKey names an attribute of an instance: the address and attribute of a
// symbol.Ref (a struct key: no "address#attr" string is made per entry or
// per lookup).
type arnKey struct{ addr, attr string }

// arnRepl maps the execution_arn and arn of API and stage ARNs to their ARN
// form.
type arnRepl map[arnKey]string

// arnReplacements maps the execution_arn and arn of the view's APIs and
// stages to their ARN form.
func (v *View) arnReplacements() arnRepl {
	repl := arnRepl{}
	for _, a := range v.APIs {
		arn := v.APIARN(a)
		repl[arnKey{a.Address, "execution_arn"}] = arn
		p, r, _ := v.APIAccount(a)
		if p != "" && r != "" {
			repl[arnKey{a.Address, "arn"}] = "arn:" + p + ":apigateway:" + r + "::/restapis/" + a.ID
		}
		for _, s := range a.Stages {
			if s.NameKnown && s.Name != "" {
				repl[arnKey{s.Address, "execution_arn"}] = arn + "/" + s.Name
			}
		}
	}
	return repl
}

func replaceRefs(s string, repl arnRepl) string {
	if !symbol.Contains(s) || len(repl) == 0 {
		return s
	}
	var b strings.Builder
	for _, part := range symbol.Split(s) {
		if part.Ref == nil {
			b.WriteString(part.Text)
			continue
		}
		if r, ok := repl[arnKey{part.Ref.Address, part.Ref.Attr}]; ok {
			b.WriteString(r)
		} else {
			b.WriteString(part.Ref.Token())
		}
	}
	return b.String()
}

// otherAPI reports whether an execute-api ARN pattern names, without
// wildcards in its API part, an API proven different from the one with id
// and ARN self: its API-id segment differs from id, or it starts with an
// execution_arn token of another API of the view (apis holds their
// addresses) that differs from self.
func otherAPI(pattern, id, self string, apis map[string]bool) bool {
	head, _, _ := strings.Cut(pattern, "/")
	if r, only := symbol.Only(head); only && r.Attr == "execution_arn" && apis[r.Address] {
		return symbol.Equal(head, self) == symbol.False
	}
	parts := iampolicy.SplitARN(pattern)
	if len(parts) != 6 || parts[0] != "arn" || parts[2] != "execute-api" {
		return false
	}
	seg, _, _ := strings.Cut(parts[5], "/")
	if seg == "" || strings.ContainsAny(seg, "*?") || strings.Contains(seg, "${") {
		return false
	}
	return symbol.Equal(seg, id) == symbol.False
}

// KnownID reports whether a literal id is the id of a resource of the plan
// or state (an endpoint or VPC of the view, a declared endpoint, or any
// instance whose id is known), and names it (G5).
func (v *View) KnownID(id string) (string, bool) {
	ix := v.ids()
	// Same(a, b) is True only for identical strings: exact lookups.
	if e := ix.endpoints[id]; e != nil {
		return e.Address, true
	}
	if x := ix.vpcs[id]; x != nil {
		return x.Address, true
	}
	if e := ix.endpointVPCs[id]; e != nil {
		return "the VPC of " + e.Address, true
	}
	if v.m != nil {
		if inst := v.m.ByID(id); inst != nil {
			return inst.Address, true
		}
	}
	return "", false
}

// IDKind tells whether a value is the id of an endpoint ("endpoint") or of a
// VPC ("vpc") of the view, or neither ("").
func (v *View) IDKind(id string) string {
	ix := v.ids()
	if ix.endpoints[id] != nil {
		return "endpoint"
	}
	if ix.vpcs[id] != nil {
		return "vpc"
	}
	return ""
}

// idIndex maps ids to the first endpoint or VPC of the view that has them.
type idIndex struct {
	endpoints, endpointVPCs map[string]*Endpoint
	vpcs                    map[string]*VPC
}

// ids returns the view's id index (Build makes it once: checks call
// KnownID and IDKind for every value of every policy, and scanning the view
// each time is quadratic).
func (v *View) ids() *idIndex {
	if v.ix != nil {
		return v.ix.ids
	}
	return newIDIndex(v)
}

func newIDIndex(v *View) *idIndex {
	ix := &idIndex{endpoints: map[string]*Endpoint{}, endpointVPCs: map[string]*Endpoint{}, vpcs: map[string]*VPC{}}
	for _, e := range v.Endpoints {
		setFirst(ix.endpoints, e.ID, e)
		setFirst(ix.endpointVPCs, e.VPCID, e)
	}
	for _, x := range v.VPCs {
		setFirst(ix.vpcs, x.ID, x)
	}
	return ix
}
