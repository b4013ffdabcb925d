// Package runbook turns the view of a plan or state into the post-apply
// troubleshooting steps of the AWS knowledge-center article "How do I
// troubleshoot issues connecting to an API Gateway private API endpoint?"
// (see https://repost.aws/knowledge-center/api-gateway-private-endpoint-connection), filled in for each private API × execute-api
// endpoint × client: the invoke URLs that will work (D1, D3, D4, D7), the
// nslookup commands with the answer to expect (D5), curl -v calls of a real
// method, TCP checks on 443 (E1–E6), and where the execution logs are (F3).
//
// Values known only after apply are never shown as raw tokens: each becomes
// a named placeholder such as <api-id of aws_api_gateway_rest_api.api>, and
// every section lists its placeholders with where to read them after apply.
//
// The subjects come from reach.Pairs, so the runbook and privapi check talk
// about the same (API, endpoint, client) pairings. An API that gets no pair
// is still listed, with its endpoints from reach.EndpointsFor (or a note
// that it has none).
//
// The runbook reads only the domain: topology's fields and rules and
// reach's verdicts, never the model. Its network, DNS and logging verdicts
// are those privapi check reports (verdicts.go, dns.go, logging.go).
package runbook

import (
	"sort"
	"strings"

	"github.com/privapi/privapi/internal/escape"
	"github.com/privapi/privapi/internal/reach"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

// Runbook is the whole document.
type Runbook struct {
	// Input names what was read, e.g. "plan fixtures/x/plan.json".
	Input    string
	Sections []*Section
	// Notes are said once, after the sections (e.g. "no private API").
	Notes []string
}

// Section is one API × endpoint (× client).
type Section struct {
	Title    string
	API      string // addresses
	Endpoint string // "" when the API has no endpoint
	Client   string // "" when no client is known
	// Facts summarise the pairing (region, stages, private DNS, association).
	Facts []string
	// Placeholders lists the named placeholders used in the section, in
	// order of first use.
	Placeholders []Placeholder
	// RunOn says where to run the commands (text with `code` spans).
	RunOn []string
	Steps []Step
}

// Placeholder is a value known only after apply.
type Placeholder struct {
	Name string // <api-id of aws_api_gateway_rest_api.api>
	Find string // where to read it after apply
}

// Step is one numbered step.
type Step struct {
	Title string
	// Intro lines come before the items; text may hold `code` spans.
	Intro []string
	Items []Item
}

// Item is a bullet: a command with what to expect, or a line of text.
type Item struct {
	Label   string // short lead ("private DNS name"), may be ""
	Command string // a shell command or URL, shown verbatim ("" for text only)
	Expect  string // what a working setup shows
	Text    string // free text (with `code` spans)
	// Check, Result and Address: a verdict privapi check reports (its ID,
	// result as the check settles it, and the resource it sits on).
	Check   string
	Result  symbol.Tri
	Address string
}

// Build assembles the runbook of a view. input names the input for the
// header (e.g. "plan fixtures/good-private-api/plan.json").
func Build(v *topology.View, input string) *Runbook {
	rb := &Runbook{Input: input}
	apis := reach.PrivateAPIs(v)
	if len(apis) == 0 {
		rb.Notes = append(rb.Notes, "No PRIVATE REST API in the input: nothing to test from a VPC.")
		return rb
	}
	n := reach.NewNet(v)
	pairs := n.Pairs()
	for _, api := range apis {
		var mine []reach.Pair
		paired := map[*topology.Client]bool{}
		for _, p := range pairs {
			if p.API == api {
				mine = append(mine, p)
				paired[p.Client] = true
			}
		}
		judged := len(mine)
		// a client that can use no endpoint (privapi check PA110) gets a
		// section per endpoint of the API, with the path that fails
		for _, c := range n.ClientsOf(api) {
			if paired[c] {
				continue
			}
			for _, cp := range n.ClientPaths(api, c) {
				mine = append(mine, reach.Pair{API: api, Endpoint: cp.Endpoint, Client: c, Source: cp.Source, Match: cp.Match, Link: cp.Link})
			}
		}
		if len(mine) == 0 {
			for _, ref := range n.EndpointsFor(api) {
				mine = append(mine, reach.Pair{API: api, Endpoint: ref.Endpoint, Source: ref.Source, Match: ref.Match})
			}
			judged = 0
		}
		if len(mine) == 0 {
			rb.Sections = append(rb.Sections, noEndpoint(v, n, api))
			continue
		}
		for i, p := range mine {
			rb.Sections = append(rb.Sections, build(v, n, p, i < judged))
		}
	}
	return rb
}

// builder fills one section and records its placeholders.
type builder struct {
	v    *topology.View
	sec  *Section
	seen map[string]bool
}

func newBuilder(v *topology.View, sec *Section) *builder {
	return &builder{v: v, sec: sec, seen: map[string]bool{}}
}

// s renders a possibly symbolic string: every token becomes a named
// placeholder, recorded for the section's list.
func (b *builder) s(raw string) string {
	if !symbol.Contains(raw) {
		return raw
	}
	var out strings.Builder
	for _, part := range symbol.Split(raw) {
		if part.Ref == nil {
			out.WriteString(part.Text)
			continue
		}
		name, find := b.placeholder(*part.Ref)
		if !b.seen[name] {
			b.seen[name] = true
			b.sec.Placeholders = append(b.sec.Placeholders, Placeholder{Name: name, Find: find})
		}
		out.WriteString(name)
	}
	return out.String()
}

// named records a placeholder that is not a reference (e.g. a value of an
// endpoint declared in the configuration file) and returns its name.
func (b *builder) named(name, find string) string {
	if !b.seen[name] {
		b.seen[name] = true
		b.sec.Placeholders = append(b.sec.Placeholders, Placeholder{Name: name, Find: find})
	}
	return name
}

// name renders an id for prose: the address of the resource for a token
// naming its id, else the value.
func (b *builder) name(raw string) string {
	if r, ok := symbol.Only(raw); ok && r.Attr == "id" {
		return r.Address
	}
	if addr := b.v.AddressOfID(raw); addr != "" {
		return addr + " (" + raw + ")"
	}
	return b.s(raw)
}

func (b *builder) names(raws []string) string {
	var out []string
	for _, r := range raws {
		out = append(out, "`"+b.name(r)+"`")
	}
	return strings.Join(out, ", ")
}

// placeholder names a reference and says where to read it after apply.
func (b *builder) placeholder(r symbol.Ref) (name, find string) {
	typ := b.v.TypeAt(r.Address)
	label := r.Attr
	switch {
	case r.Attr == "":
		label = "value"
	case r.Attr == "id":
		label = map[string]string{
			"aws_api_gateway_rest_api": "api-id", "aws_vpc_endpoint": "vpce-id", "aws_instance": "instance-id",
			"aws_subnet": "subnet-id", "aws_security_group": "sg-id", "aws_vpc": "vpc-id",
			"aws_api_gateway_deployment": "deployment-id", "aws_network_interface": "eni-id",
		}[typ]
		if label == "" {
			label = "id"
		}
	case strings.HasPrefix(r.Attr, "dns_entry"):
		label = "DNS name"
	case r.Attr == "stage_name":
		label = "stage name"
	case r.Attr == "cidr_block":
		label = "CIDR"
	}
	name = "<" + label + " of " + r.Address + ">"
	switch {
	case r.Address == noStage:
		name, find = "<stage name>", "the stage you deploy: no aws_api_gateway_stage of this API is in the input"
	case strings.HasPrefix(r.Address, "var."), strings.HasPrefix(r.Address, "local."):
		find = "the value of `" + r.String() + "` in your configuration"
	case typ == "" && !strings.Contains(r.Address, "aws_"):
		find = "`" + r.String() + "`"
	default:
		find = "`terraform state show " + shellQuoted(r.Address) + "` → `" + r.Attr + "`"
		if r.Attr == "" {
			find = "`terraform state show " + shellQuoted(r.Address) + "`"
		}
	}
	return name, find
}

func noEndpoint(v *topology.View, n *reach.Net, api *topology.API) *Section {
	sec := &Section{API: api.Address, Title: "API " + api.Address + " — no execute-api endpoint"}
	b := newBuilder(v, sec)
	sec.Facts = append(sec.Facts, "region: "+b.region(api, nil))
	first := "No execute-api interface endpoint in the input can reach `" + api.Address + "`, so every call from a VPC will time out or resolve to public addresses (\"Connection timed out\")."
	if k := n.Unbounded(api); k > 0 {
		first = "Nothing names the endpoint the clients of `" + api.Address + "` use, and its region has more execute-api endpoints than privapi pairs one by one, so no endpoint is listed here."
	}
	sec.Steps = append(sec.Steps, Step{
		Title: "Nothing to test yet",
		Intro: []string{
			first,
			"Create an Interface endpoint for `com.amazonaws." + b.region(api, nil) + ".execute-api` in the clients' VPC and list it in `vpc_endpoint_ids` (run `privapi check`, PA101), then run `privapi runbook` again.",
		},
		Items: verdictItems(api, apiVerdicts(n, api)),
	})
	return sec
}

// region returns the API's region (the endpoint's when the API's is unknown).
func (b *builder) region(api *topology.API, e *topology.Endpoint) string {
	r := api.Region
	if (r == "" || symbol.Contains(r)) && e != nil && e.Region != "" {
		r = e.Region
	}
	if r == "" {
		r = symbol.Ref{Address: api.Address, Attr: "region"}.Token()
	}
	return b.s(r)
}

// noStage stands for the stage of an API whose stages are not in the input.
const noStage = "stage"

// stage is one stage name to build URLs with.
type stage struct {
	name string // rendered
	addr string // "" when the API has no stage in the input
	raw  string
	st   *topology.Stage // nil when the API has no stage in the input
}

func (b *builder) stages(api *topology.API) []stage {
	var out []stage
	for _, s := range api.Stages {
		raw := s.Name
		if !s.NameKnown || raw == "" {
			raw = symbol.Ref{Address: s.Address, Attr: "stage_name"}.Token()
		}
		out = append(out, stage{name: b.s(raw), addr: s.Address, raw: raw, st: s})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].name < out[j].name })
	if len(out) == 0 {
		raw := symbol.Ref{Address: noStage, Attr: "stage_name"}.Token()
		out = append(out, stage{name: b.s(raw), raw: raw})
	}
	return out
}

// method is the method the curl commands call.
type method struct {
	verb, path string
	addr       string
	iam        bool
}

var verbRank = map[string]int{"GET": 0, "ANY": 1, "HEAD": 2, "OPTIONS": 3, "POST": 4, "PUT": 5, "PATCH": 6, "DELETE": 7}

// pickMethod chooses a real method of the API: GET before other verbs, a
// known path before an unknown one, a path without {parameters} first.
func (b *builder) pickMethod(api *topology.API) (method, bool) {
	ms := append([]*topology.Method(nil), api.Methods...)
	rank := func(m *topology.Method) (int, int, int) {
		known, params := 0, 0
		if m.Path == "" {
			known = 1
		}
		if strings.Contains(m.Path, "{") {
			params = 1
		}
		vr, ok := verbRank[strings.ToUpper(m.HTTPMethod)]
		if !ok {
			vr = 8
		}
		return known, params, vr
	}
	sort.SliceStable(ms, func(i, j int) bool {
		ki, pi, vi := rank(ms[i])
		kj, pj, vj := rank(ms[j])
		if ki != kj {
			return ki < kj
		}
		if pi != pj {
			return pi < pj
		}
		if vi != vj {
			return vi < vj
		}
		if ms[i].Path != ms[j].Path {
			return ms[i].Path < ms[j].Path
		}
		return ms[i].Address < ms[j].Address
	})
	if len(ms) == 0 {
		return method{verb: "GET", path: "/"}, false
	}
	m := ms[0]
	out := method{verb: strings.ToUpper(m.HTTPMethod), path: m.Path, addr: m.Address, iam: m.Authorization == "AWS_IAM"}
	if out.verb == "" || symbol.Contains(out.verb) || out.verb == "ANY" {
		out.verb = "GET"
	}
	if out.path == "" {
		for _, r := range api.Resources {
			if topology.Same(r.ID, m.ResourceID) == symbol.True {
				out.path = b.s(symbol.Ref{Address: r.Address, Attr: "path"}.Token())
			}
		}
		if out.path == "" {
			out.path = b.s(symbol.Ref{Address: m.Address, Attr: "resource path"}.Token())
		}
	}
	return out, true
}

// endpointDNS returns the endpoint's own regional DNS name (D4): the
// shortest *.vpce.amazonaws.com name of dns_entry, or a placeholder.
func (b *builder) endpointDNS(e *topology.Endpoint) string {
	if len(e.DNSNames) > 0 {
		return e.DNSNames[0]
	}
	if e.Declared {
		return b.named("<DNS name of "+e.Address+">", "`aws ec2 describe-vpc-endpoints --vpc-endpoint-ids "+b.s(e.ID)+" --query 'VpcEndpoints[0].DnsEntries[0].DnsName' --output text`")
	}
	return b.s(symbol.Ref{Address: e.Address, Attr: "dns_entry[0].dns_name"}.Token())
}

// expectIPs says what nslookup must answer for a name of the endpoint.
func (b *builder) expectIPs(e *topology.Endpoint) string {
	if ips := e.PrivateIPs; len(ips) > 0 {
		return "the private IPs of `" + e.Address + "`: " + strings.Join(ips, ", ") + " (never public addresses)"
	}
	subs, _ := b.v.EndpointSubnets(e)
	var where []string
	for _, s := range subs {
		w := "`" + s.Address + "`"
		if s.CIDR != "" {
			w += " (" + b.s(s.CIDR) + ")"
		}
		where = append(where, w)
	}
	if len(where) == 0 && len(e.SubnetIDs) > 0 {
		where = append(where, b.names(e.SubnetIDs))
	}
	if len(where) == 0 && e.Declared {
		cidrs := e.SubnetCIDRs
		if len(cidrs) == 0 {
			cidrs = e.VPCCIDRs
		}
		if len(cidrs) > 0 {
			return "the private IPs of `" + e.Address + "` in " + strings.Join(cidrs, ", ") + " (never public addresses)"
		}
	}
	if len(where) == 0 {
		return "the private IPs of `" + e.Address + "` in its subnets (not known from the input; never public addresses)"
	}
	return "the private IPs of `" + e.Address + "` in subnets " + strings.Join(where, ", ") + " (never public addresses)"
}

// form is one way to call the API through an endpoint: execute-api names
// take /{stage}, a custom domain its base path.
type form struct {
	label, host, note string
	header            []string
	domain            bool
	base              string // "/base-path" of a domain
}

// pairing holds what every step of one section needs.
type pairing struct {
	*builder
	n *reach.Net
	p reach.Pair
	// judged: p is a subject of privapi check's network checks (one of
	// reach's Pairs), so their verdicts on it are said here
	judged bool
	api    *topology.API
	e      *topology.Endpoint
	c      *topology.Client

	region, apiID, vpceID      string
	apiHost, aliasHost, epHost string
	stages                     []stage
	m                          method
	haveMethod                 bool
	path                       string // method path for URLs ("" for /)
	assoc, pdns                symbol.Tri
	disabled                   bool
	// otherVPC: the client is in another VPC than the endpoint and no
	// private hosted zone proven to serve it; zone says whether one does (D6).
	otherVPC bool
	zone     symbol.Tri
	forms    []form
}

func build(v *topology.View, n *reach.Net, p reach.Pair, judged bool) *Section {
	api, e, c := p.API, p.Endpoint, p.Client
	sec := &Section{API: api.Address, Endpoint: e.Address}
	sec.Title = "API " + api.Address + " through endpoint " + e.Address
	if c != nil {
		sec.Client = c.Address
		sec.Title += " from client " + c.Address
	} else {
		sec.Title += " (no known client)"
	}
	x := &pairing{builder: newBuilder(v, sec), n: n, p: p, judged: judged, api: api, e: e, c: c}
	x.region = x.builder.region(api, e)
	x.apiID, x.vpceID = x.s(api.ID), x.s(e.ID)
	x.apiHost = x.apiID + ".execute-api." + x.region + ".amazonaws.com"
	x.aliasHost = x.apiID + "-" + x.vpceID + ".execute-api." + x.region + ".amazonaws.com"
	x.epHost = x.endpointDNS(e)
	x.stages = x.builder.stages(api)
	x.m, x.haveMethod = x.pickMethod(api)
	if x.m.path != "/" {
		x.path = x.m.path
	}
	x.assoc, x.pdns = v.Associated(api, e), e.PrivateDNS
	x.disabled = api.DisableExecuteAPI == symbol.True
	x.remote(p)

	x.facts(p)
	when := "After `terraform apply`, run"
	if v.Applied {
		when = "Run"
	}
	sec.RunOn = append(sec.RunOn, x.runOn(c, e), when+" the steps in order; each says what a working setup shows.")
	sec.Steps = append(sec.Steps, x.invokeURLs(), x.dnsStep(), x.tcpStep(), x.callStep(), x.logsStep())
	return sec
}

// remote decides whether the client calls from another VPC than the
// endpoint's, where the endpoint's private DNS zone does not answer unless a
// private hosted zone or Resolver rule of the client's VPC does (D6), by the
// rules privapi check PA405 uses (reach.Net.InEndpointVPC, ZoneServes).
func (x *pairing) remote(p reach.Pair) {
	x.zone = symbol.Unknown
	if x.c == nil || p.Link.Kind == topology.LinkSameVPC {
		return
	}
	x.otherVPC = p.Link.Kind == topology.LinkPeering || p.Link.Kind == topology.LinkTGW ||
		!x.c.NoVPC && x.n.InEndpointVPC(x.e, x.c) == symbol.False
	if !x.otherVPC {
		return
	}
	x.zone = x.n.ZoneServes(x.api, x.c)
	if x.zone == symbol.True {
		x.otherVPC = false
	}
}

func (x *pairing) facts(p reach.Pair) {
	sec := x.sec
	sec.Facts = append(sec.Facts, "region: "+x.region)
	var sn []string
	for _, s := range x.stages {
		sn = append(sn, s.name)
	}
	sec.Facts = append(sec.Facts, "stages: "+strings.Join(sn, ", "))
	sec.Facts = append(sec.Facts, "endpoint: `"+x.e.Address+"` ("+x.vpceID+") in VPC `"+x.name(x.e.VPCID)+"`, private DNS "+triWord(x.pdns, "on", "off", "unknown until apply"))
	sec.Facts = append(sec.Facts, "in vpc_endpoint_ids of the API: "+triWord(x.assoc, "yes", "no", "unknown until apply"))
	if x.c != nil && p.Link.Reason != "" {
		sec.Facts = append(sec.Facts, "path from the client: "+string(p.Link.Kind)+" — "+x.s(p.Link.Reason))
	}
	if x.disabled {
		sec.Facts = append(sec.Facts, "disable_execute_api_endpoint: true")
	}
}

// urls lists the URLs of a form: one per stage, or one for a domain.
func (x *pairing) urls(f form) []string {
	if f.domain {
		return []string{"https://" + f.host + f.base}
	}
	var out []string
	for _, st := range x.stages {
		out = append(out, "https://"+f.host+"/"+st.name)
	}
	return out
}

// invokeURLs is step 1 (D1–D4, D7); it also sets x.forms for the others.
func (x *pairing) invokeURLs() Step {
	st := Step{Title: "Invoke URLs that will work"}
	e, api := x.e, x.api
	switch {
	case x.pdns == symbol.True && !x.otherVPC:
		x.forms = append(x.forms, form{label: "private DNS name", host: x.apiHost, note: "private DNS is on for `" + e.Address + "`"})
	case x.pdns == symbol.True && x.zone == symbol.False:
		st.Intro = append(st.Intro, "`https://"+x.apiHost+"/…` does not resolve to the endpoint from the client's VPC: the endpoint's private DNS zone answers only inside `"+x.name(e.VPCID)+"` and no private hosted zone or Resolver rule in the input serves the client's VPC.")
	case x.pdns == symbol.True:
		x.forms = append(x.forms, form{label: "private DNS name", host: x.apiHost, note: "only if a private hosted zone or Resolver rule for `execute-api." + x.region + ".amazonaws.com` serves the client's VPC: the endpoint's own zone answers only inside its VPC"})
	case x.pdns == symbol.Unknown:
		x.forms = append(x.forms, form{label: "private DNS name", host: x.apiHost, note: "only if private DNS turns out enabled on `" + e.Address + "` (unknown until apply)"})
	}
	switch x.assoc {
	case symbol.True:
		x.forms = append(x.forms, form{label: "{api-id}-{vpce-id} alias", host: x.aliasHost, note: "the endpoint is in vpc_endpoint_ids; publicly resolvable, no Host header needed"})
	case symbol.Unknown:
		x.forms = append(x.forms, form{label: "{api-id}-{vpce-id} alias", host: x.aliasHost, note: "only if the endpoint ends up in vpc_endpoint_ids (unknown until apply)"})
	}
	x.forms = append(x.forms,
		form{label: "endpoint DNS name + Host header", host: x.epHost, header: []string{"Host: " + x.apiHost}, note: "publicly resolvable to the endpoint's private addresses"},
		form{label: "endpoint DNS name + x-apigw-api-id header", host: x.epHost, header: []string{"x-apigw-api-id: " + x.apiID}, note: "publicly resolvable to the endpoint's private addresses"})
	if x.disabled {
		st.Title = "Invoke URLs"
		st.Intro = append(st.Intro, "disable_execute_api_endpoint is true on `"+api.Address+"`: every execute-api name answers 403 Forbidden; only a private custom domain name reaches the API.")
		x.forms = nil
	}
	for _, d := range x.v.PrivateDomainsOf(api) {
		ok := symbol.False
		for _, id := range d.Associated {
			ok = ok.Or(topology.Same(id, e.ID))
		}
		if ok == symbol.False {
			st.Intro = append(st.Intro, "The private custom domain `"+d.Address+"` has no access association with `"+e.Address+"`, so it cannot be called through this endpoint.")
			continue
		}
		bp, known := x.basePath(api, d)
		note := "`" + d.Address + "`, associated with the endpoint" + triWord(ok, "", "", " if the association matches after apply")
		if !known {
			note += "; replace {base-path} with the base path of its mapping"
		}
		x.forms = append(x.forms, form{label: "private custom domain", host: x.s(d.Name), domain: true, base: bp, note: note})
	}
	if x.pdns == symbol.False && !x.disabled {
		st.Intro = append(st.Intro, "Private DNS is off for `"+e.Address+"`: `https://"+x.apiHost+"/…` resolves to public API Gateway addresses and never reaches the private API.")
	}
	if x.assoc == symbol.False && !x.disabled {
		st.Intro = append(st.Intro, "`"+e.Address+"` is not in vpc_endpoint_ids of the API, so the {api-id}-{vpce-id} alias does not exist.")
	}
	for _, f := range x.forms {
		for _, u := range x.urls(f) {
			text := f.note
			if len(f.header) > 0 {
				text = "with header `" + f.header[0] + "` (" + f.note + ")"
			}
			st.Items = append(st.Items, Item{Label: f.label, Command: u, Text: text})
		}
	}
	if len(x.forms) == 0 {
		text := "None: no invoke URL reaches the API through `" + e.Address + "`"
		if x.disabled {
			text += " (add a private custom domain with an access association for the endpoint)"
		}
		st.Items = append(st.Items, Item{Text: text + "."})
	}
	return st
}

// dnsStep is step 2 (D1, D5, D6).
func (x *pairing) dnsStep() Step {
	e := x.e
	ipExpect := x.expectIPs(e)
	st := Step{Title: "Resolve the names (nslookup)"}
	st.Intro = append(st.Intro, "Each name must resolve to the endpoint's private IPs. A public address means the request goes to the public API Gateway front door and gets 403; no answer means DNS is the problem, and the call leaves no execution log at all.")
	if x.pdns != symbol.False && !x.disabled {
		exp := ipExpect
		switch {
		case x.pdns == symbol.Unknown:
			exp += ", if private DNS is on"
		case x.otherVPC && x.zone == symbol.False:
			exp = "from the client's VPC, public API Gateway addresses: that is why this name cannot be used there; from inside `" + x.name(e.VPCID) + "`, " + ipExpect
		case x.otherVPC:
			exp += ", only where a private hosted zone or Resolver rule serves the client's VPC"
		}
		st.Items = append(st.Items, Item{Command: "nslookup " + escape.Shell(x.apiHost), Expect: exp})
	}
	if x.assoc != symbol.False && !x.disabled {
		exp := ipExpect
		if x.assoc == symbol.Unknown {
			exp += ", if the endpoint is in vpc_endpoint_ids"
		}
		st.Items = append(st.Items, Item{Command: "nslookup " + escape.Shell(x.aliasHost), Expect: exp})
	}
	st.Items = append(st.Items, Item{Command: "nslookup " + escape.Shell(x.epHost), Expect: ipExpect})
	for _, f := range x.forms {
		if f.domain {
			st.Items = append(st.Items, Item{Command: "nslookup " + escape.Shell(f.host), Expect: ipExpect + ", through a private hosted zone record for the domain in the client's VPC"})
		}
	}
	st.Items = append(st.Items, x.dnsVerdicts()...)
	return st
}

// tcpStep is step 3 (E1–E6): TCP 443 to the first name that needs no header.
func (x *pairing) tcpStep() Step {
	host := x.epHost
	if len(x.forms) > 0 && len(x.forms[0].header) == 0 {
		host = x.forms[0].host
	}
	st := Step{Title: "Open a TCP connection on 443"}
	st.Intro = append(st.Intro, "A timeout here (not a refusal) means the endpoint's security groups, the client's security groups or a network ACL drop the traffic (\"Connection timed out\").")
	st.Items = append(st.Items,
		Item{Command: "nc -vz " + escape.Shell(host) + " 443", Expect: "`Connection to " + host + " 443 port [tcp/https] succeeded!` (or `Connected to …`)"},
		Item{Command: "telnet " + escape.Shell(host) + " 443", Expect: "`Connected to " + host + ".` (quit with Ctrl-] then `quit`)"},
		Item{Command: "sudo traceroute -n -T -p 443 " + escape.Shell(host), Expect: "the last hop is " + lastHop(x.e.PrivateIPs) + "; stars after the client's subnet mean a security group or network ACL drops TCP 443"},
	)
	st.Items = append(st.Items, x.verdicts()...)
	return st
}

// callStep is step 4: curl -v with each form, and what the answers mean
// (KC: 403 anonymous, Forbidden, timeouts; A7; D2–D4).
func (x *pairing) callStep() Step {
	st := Step{Title: "Call the API (curl -v)"}
	m := x.m
	if x.haveMethod {
		st.Intro = append(st.Intro, "Calls `"+m.verb+" "+m.path+"` (`"+m.addr+"`), a method of the API; replace any {path-parameter}.")
	} else {
		st.Intro = append(st.Intro, "The input has no aws_api_gateway_method of the API: replace / with a path your API serves.")
	}
	flags := "curl -v"
	if m.verb != "GET" {
		flags += " -X " + m.verb
	}
	if m.iam {
		flags += " --aws-sigv4 " + escape.Shell("aws:amz:"+x.region+":execute-api") + " --user \"$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY\" -H \"x-amz-security-token: $AWS_SESSION_TOKEN\""
		st.Intro = append(st.Intro, "The method uses AWS_IAM authorization, so the requests are signed with SigV4 (curl 7.75 or later; drop the token header without temporary credentials).")
	}
	for _, f := range x.forms {
		for _, u := range x.urls(f) {
			cmd := flags + " " + escape.Shell(u+x.path)
			for _, h := range f.header {
				cmd += " -H " + escape.Shell(h)
			}
			st.Items = append(st.Items, Item{Label: f.label, Command: cmd, Expect: "HTTP status of the method (2xx); see the list below for the other answers"})
		}
	}
	if x.disabled {
		cmd := flags + " " + escape.Shell("https://"+x.apiHost+"/"+x.stages[0].name+x.path)
		st.Items = append(st.Items, Item{Label: "execute-api name (disabled)", Command: cmd, Expect: "HTTP 403 `Forbidden`: the execute-api endpoint is disabled"})
	}
	st.Items = append(st.Items,
		Item{Text: "`Could not resolve host` → step 2 (DNS)."},
		Item{Text: "`Connection timed out` → step 3 (security groups, network ACLs, routes)."},
		Item{Text: "HTTP 403 `User: anonymous is not authorized to perform: execute-api:Invoke` → " + x.policyText(x.api, x.e) + "; a policy change is live only after a new deployment of the stage."},
		Item{Text: "HTTP 403 `Forbidden` with no such message → the request reached API Gateway under another name: check the Host / x-apigw-api-id header and the URL form above."},
	)
	return st
}

// logsStep is step 5 (F1–F3).
func (x *pairing) logsStep() Step {
	st := Step{Title: "Read the execution logs"}
	st.Intro = append(st.Intro, "No entry at all for your call means the request never reached API Gateway: go back to steps 1–3.")
	for _, s := range x.stages {
		group := "API-Gateway-Execution-Logs_" + x.apiID + "/" + s.name
		st.Items = append(st.Items,
			Item{Label: "execution log group (CloudWatch, " + x.region + ")", Command: group},
			Item{Command: "aws logs tail " + escape.Shell(group) + " --region " + escape.Shell(x.region) + " --since 15m --follow",
				Expect: "entries for each request that reached the stage (`Extended Request Id: …`, `Method completed with status: …`)"},
		)
		st.Items = append(st.Items, x.loggingItems(s)...)
		if s.st != nil && s.st.AccessLogGroup != "" {
			g := x.s(s.st.AccessLogGroup)
			st.Items = append(st.Items, Item{Label: "access log group", Command: "aws logs tail " + escape.Shell(g) + " --region " + escape.Shell(x.region) + " --since 15m",
				Expect: "one line per request in the stage's access log format"})
		}
		st.Items = append(st.Items, x.accessLogItems(s)...)
	}
	return st
}

func triWord(t symbol.Tri, yes, no, unknown string) string {
	switch t {
	case symbol.True:
		return yes
	case symbol.False:
		return no
	}
	return unknown
}

func lastHop(ips []string) string {
	if len(ips) == 0 {
		return "one of the endpoint's private IPs"
	}
	return "one of " + strings.Join(ips, ", ")
}

// runOn says where to run the commands.
func (b *builder) runOn(c *topology.Client, e *topology.Endpoint) string {
	if c == nil {
		return "No client of the API is in the input: run them from a host in `" + b.name(e.VPCID) + "` (the VPC of `" + e.Address + "`) or in a network routed to it."
	}
	subs := ""
	if len(c.SubnetIDs) > 0 {
		subs = " (subnets " + b.names(c.SubnetIDs) + ")"
	}
	switch c.Kind {
	case topology.ClientInstance:
		raw := symbol.Ref{Address: c.Address, Attr: "id"}.Token()
		if c.InstanceID != "" {
			raw = c.InstanceID
		}
		return "On the EC2 instance `" + c.Address + "`" + subs + ", e.g. through Session Manager: `aws ssm start-session --target " + b.s(raw) + "`."
	case topology.ClientLambda:
		return "`" + c.Address + "` is a Lambda function and cannot run a shell: run them from an EC2 instance (or a CloudShell VPC environment) in its subnets and security groups" + subs + "."
	case topology.ClientASG:
		return "On an instance of `" + c.Address + "`" + subs + "."
	case topology.ClientECS:
		return "In a task of `" + c.Address + "`" + subs + " (aws ecs execute-command), or a host in the same subnets and security groups."
	case topology.ClientDeclared:
		return "From a host of client `" + c.Address + "` (" + strings.Join(c.CIDRs, ", ") + ")."
	}
	return "On `" + c.Address + "`" + subs + "."
}

// policyText names the policies a 403 anonymous points at.
func (b *builder) policyText(api *topology.API, e *topology.Endpoint) string {
	var srcs []string
	for _, ps := range api.Policies {
		if ps.Deleted || ps.Address == "" {
			continue
		}
		srcs = appendNew(srcs, "`"+ps.Address+"`")
	}
	s := "the resource policy"
	if len(srcs) > 0 {
		s += " (" + strings.Join(srcs, ", ") + ")"
	}
	s += " must allow `" + e.Address + "` (aws:SourceVpce " + b.s(e.ID) + ")"
	var eps []string
	for _, ps := range e.Policies {
		if ps.Address != "" {
			eps = appendNew(eps, "`"+ps.Address+"`")
		}
	}
	if len(eps) > 0 {
		s += " and the endpoint policy (" + strings.Join(eps, ", ") + ") must allow execute-api:Invoke on the API"
	}
	return s
}

func appendNew(l []string, s string) []string {
	for _, x := range l {
		if x == s {
			return l
		}
	}
	return append(l, s)
}

// basePath returns "/base" of the base path mapping of a domain to the API
// ("" for the root mapping), and whether it is known.
func (b *builder) basePath(api *topology.API, d *topology.Domain) (string, bool) {
	for _, mp := range d.Mappings {
		if mp.Sure != symbol.True || topology.Same(mp.APIID, api.ID) != symbol.True || !mp.BasePathKnown {
			continue
		}
		return mp.BasePath, true
	}
	return "/{base-path}", false
}

// shellQuoted is s in single quotes for the shell, with ' written as '\”
// (a Terraform address is quoted even when it needs no quotes, as the
// Terraform documentation writes them).
func shellQuoted(s string) string {
	q := escape.Shell(s)
	if !strings.HasPrefix(q, "'") {
		q = "'" + q + "'"
	}
	return q
}
