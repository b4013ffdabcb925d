package topology

import (
	"regexp"
	"strings"

	"github.com/privapi/privapi/internal/model"
	"github.com/privapi/privapi/internal/symbol"
)

// InvokeForms is how a client calls an API (D1–D4, D7).
type InvokeForms struct {
	// PrivateDNS: the client uses https://{api-id}.execute-api.{region}.amazonaws.com
	// (e.g. a stage's invoke_url). False when only other forms were found,
	// Unknown when no form was recognised.
	PrivateDNS symbol.Tri
	// Alias lists the endpoint ids of {api-id}-{vpce-id} names used.
	Alias []string
	// EndpointHost: the client uses an endpoint hostname (dns_entry, *.vpce.amazonaws.com).
	EndpointHost bool
	// Domains lists the custom domains used.
	Domains []*Domain
	// Evidence says where the private DNS name was found, e.g. "aws_api_gateway_stage.prod.invoke_url".
	Evidence string
}

var vpceIDPattern = regexp.MustCompile(`^vpce-[0-9a-z]+`)

// InvokeFormsOf finds the invoke-URL forms a client's configuration uses
// for an API: every string of its arguments (and of its launch template or
// task definition), with references resolved through locals, variables and
// module outputs where the .tf source is available.
func (p *Paths) InvokeFormsOf(c *Client, a *API) InvokeForms {
	if f, ok := p.forms[formKey{c, a}]; ok {
		return f
	}
	return p.invokeFormsOf(c, a)
}

// clientText is one string of a client's configuration, or one plain
// reference (ref) it makes.
type clientText struct {
	s   string
	ref bool
}

// indexForms reads the strings and references of every client's
// configuration once, and finds the forms of each API the client calls.
func (p *Paths) indexForms(m *model.Model) {
	p.texts = map[*Client][]clientText{}
	p.forms = map[formKey]InvokeForms{}
	if m == nil {
		return
	}
	byAddr := make(map[string]*API, len(p.v.APIs))
	for _, a := range p.v.APIs {
		if _, ok := byAddr[a.Address]; !ok {
			byAddr[a.Address] = a
		}
	}
	var parts partIndex
	keep := p.textFilter()
	for _, c := range p.v.Clients {
		if c.inst == nil {
			continue
		}
		var texts []clientText
		for i, inst := range clientInstances(m, c, &parts) {
			t, ok := p.v.scanned[inst]
			if !ok {
				t = configTexts(m, inst)
			}
			if i == 0 {
				texts = t // most clients are one instance: share its texts
			} else {
				texts = append(texts[:len(texts):len(texts)], t...)
			}
		}
		p.texts[c] = texts
		for _, addr := range c.APIs {
			if a := byAddr[addr]; a != nil {
				p.forms[formKey{c, a}] = p.invokeFormsOf(c, a)
			}
		}
		if keep != nil {
			p.texts[c] = keepTexts(texts, keep)
		}
	}
}

// textFilter returns, when the view allows it, a test of the texts a form
// scanner can find something in, for the texts kept for the pairs
// indexForms did not answer (nil: keep every text). Without custom domains
// and without an API id written as a literal, Scan finds something only
// in a string with a token (a reference, or an API id known after apply)
// or an endpoint hostname, and ScanRef only in a reference to an
// invoke_url.
func (p *Paths) textFilter() func(clientText) bool {
	if len(p.v.Domains) > 0 {
		return nil
	}
	for _, a := range p.v.APIs {
		if a.ID != "" && !symbol.Contains(a.ID) && len(a.ID) >= 6 {
			return nil
		}
	}
	return func(t clientText) bool {
		if t.ref {
			return strings.HasSuffix(t.s, ".invoke_url")
		}
		return symbol.Contains(t.s) || strings.Contains(t.s, ".vpce.amazonaws.com")
	}
}

// keepTexts returns the texts keep accepts, in a slice of their number.
func keepTexts(texts []clientText, keep func(clientText) bool) []clientText {
	n := 0
	for _, t := range texts {
		if keep(t) {
			n++
		}
	}
	out := make([]clientText, 0, n)
	for _, t := range texts {
		if keep(t) {
			out = append(out, t)
		}
	}
	return out
}

// configTexts lists the strings of every argument of inst's configuration
// and the plain references each makes, argument by argument in name order.
func configTexts(m *model.Model, inst *model.Instance) []clientText {
	var texts []clientText
	for _, name := range m.ConfiguredNames(inst) {
		walkStrings(m.ConfigValueOnce(inst, name), func(s string) { texts = append(texts, clientText{s: s}) })
		for _, r := range m.Refs(inst, name) {
			texts = append(texts, clientText{s: r, ref: true})
		}
	}
	return texts
}

func (p *Paths) invokeFormsOf(c *Client, a *API) InvokeForms {
	if c.DeclaredForms != nil {
		return *c.DeclaredForms
	}
	texts, ok := p.texts[c]
	if !ok {
		f := InvokeForms{PrivateDNS: symbol.Unknown}
		// Client.UsesPrivateDNSName is about the client as a whole; it
		// stands for this API only when the client calls no other.
		if c.UsesPrivateDNSName != symbol.Unknown && len(c.APIs) == 1 {
			f.PrivateDNS = c.UsesPrivateDNSName
			f.Evidence = c.Refs[a.Address]
		}
		return f
	}
	sc := p.NewFormScanner(a)
	for _, t := range texts {
		if t.ref {
			sc.ScanRef(t.s)
		} else {
			sc.Scan(t.s)
		}
	}
	f := sc.Forms()
	if f.PrivateDNS == symbol.Unknown && c.UsesPrivateDNSName == symbol.True && len(c.APIs) == 1 {
		f.PrivateDNS, f.Evidence = symbol.True, c.Refs[a.Address]
	}
	return f
}

// FormScanner classifies the strings of a client's configuration by the
// invoke-URL form of one API they use (D1–D4, D7).
type FormScanner struct {
	api       *API
	endpoints map[string]bool
	domains   []*Domain
	f         InvokeForms
	other     bool
}

// NewFormScanner returns a scanner for API a.
func (p *Paths) NewFormScanner(a *API) *FormScanner {
	sc := &FormScanner{api: a, f: InvokeForms{PrivateDNS: symbol.Unknown}}
	sc.domains = domainsOf(p.domains, a)
	sc.endpoints = p.endpointAddrs
	return sc
}

// ScanRef notes a plain reference of the configuration (e.g.
// "aws_api_gateway_stage.prod.invoke_url").
func (sc *FormScanner) ScanRef(r string) {
	if addr, ok := strings.CutSuffix(r, ".invoke_url"); ok && sc.stage(addr) {
		sc.privateDNS(r)
	}
	if addr, attr, ok := cutAttr(r); ok {
		sc.domainRef(addr, attr)
	}
}

// stage reports whether addr is a stage of the API, or a deployment (v5
// deployments have an invoke_url too).
func (sc *FormScanner) stage(addr string) bool {
	for _, s := range sc.api.Stages {
		if s.Address == addr {
			return true
		}
	}
	for _, d := range sc.api.Deployments {
		if d.Address == addr {
			return true
		}
	}
	return false
}

// cutAttr splits "address.attr" at its last dot.
func cutAttr(r string) (string, string, bool) {
	i := strings.LastIndexByte(r, '.')
	if i <= 0 {
		return "", "", false
	}
	return r[:i], r[i+1:], true
}

// domainRef notes a reference to a custom domain's name or id, or to the
// fqdn of a Route 53 record named after it.
func (sc *FormScanner) domainRef(addr, attr string) {
	for _, d := range sc.domains {
		use := addr == d.Address && (attr == "domain_name" || attr == "domain_name_id" || attr == "id")
		for _, rec := range d.Records {
			use = use || (addr == rec && (attr == "fqdn" || attr == "name"))
		}
		if use {
			sc.f.Domains = appendDomain(sc.f.Domains, d)
			sc.other = true
		}
	}
}

func (sc *FormScanner) privateDNS(evidence string) {
	sc.f.PrivateDNS = symbol.True
	if sc.f.Evidence == "" {
		sc.f.Evidence = evidence
	}
}

// Scan classifies one string (tokens allowed).
func (sc *FormScanner) Scan(s string) {
	a := sc.api
	for _, r := range symbol.Refs(s) {
		switch {
		case r.Attr == "invoke_url" && sc.stage(r.Address):
			sc.privateDNS(r.String())
		case sc.endpoints[r.Address] && strings.HasPrefix(r.Attr, "dns_entry"):
			sc.f.EndpointHost, sc.other = true, true
		}
		sc.domainRef(r.Address, r.Attr)
	}
	if strings.Contains(s, ".vpce.amazonaws.com") {
		sc.f.EndpointHost, sc.other = true, true
	}
	for _, d := range sc.domains {
		if d.Name != "" && !symbol.Contains(d.Name) && strings.Contains(s, d.Name) {
			sc.f.Domains = appendDomain(sc.f.Domains, d)
			sc.other = true
		}
	}
	if a.ID == "" || (!symbol.Contains(a.ID) && len(a.ID) < 6) {
		return
	}
	for rest := s; ; {
		i := strings.Index(rest, a.ID)
		if i < 0 {
			break
		}
		rest = rest[i+len(a.ID):]
		switch {
		case strings.HasPrefix(rest, ".execute-api."):
			sc.privateDNS("the name " + symbol.Display(a.ID) + ".execute-api.…")
		case strings.HasPrefix(rest, "-"):
			tail := rest[1:]
			if r, ok := leadingToken(tail); ok {
				sc.f.Alias = appendNew(sc.f.Alias, r)
				sc.other = true
			} else if m := vpceIDPattern.FindString(tail); m != "" {
				sc.f.Alias = appendNew(sc.f.Alias, m)
				sc.other = true
			}
		}
	}
}

// Forms returns what was found: PrivateDNS is True when the private DNS
// name was seen, False when only other forms were, Unknown when none.
func (sc *FormScanner) Forms() InvokeForms {
	f := sc.f
	if f.PrivateDNS == symbol.Unknown && sc.other {
		f.PrivateDNS = symbol.False
	}
	return f
}

func appendDomain(l []*Domain, d *Domain) []*Domain {
	for _, x := range l {
		if x == d {
			return l
		}
	}
	return append(l, d)
}

// leadingToken returns the token s starts with.
func leadingToken(s string) (string, bool) {
	if !strings.HasPrefix(s, "⟦") {
		return "", false
	}
	j := strings.Index(s, "⟧")
	if j < 0 {
		return "", false
	}
	tok := s[:j+len("⟧")]
	_, ok := symbol.Only(tok)
	return tok, ok
}

// clientInstances lists the resources whose configuration makes up a
// client: itself, plus its launch template or task definition (those
// whose id or arn is the client's, in model order).
func clientInstances(m *model.Model, c *Client, ix *partIndex) []*model.Instance {
	out := []*model.Instance{c.inst}
	switch c.Kind {
	case ClientASG:
		if objs, ok := Objects(m.Attr(c.inst, "launch_template")); ok && len(objs) > 0 {
			id, _ := Str(Get(objs[0], "id"))
			out = append(out, ix.of(m, "aws_launch_template", "id", id)...)
		}
	case ClientECS:
		td, _ := Str(m.Attr(c.inst, "task_definition"))
		out = append(out, ix.of(m, "aws_ecs_task_definition", "arn", td)...)
	}
	return out
}

// partIndex indexes the launch templates by id and the task definitions by
// arn, each the first time a client asks: a loop over all of them for
// every auto scaling group or ECS service would be quadratic. Same is True
// exactly when the strings are equal (see Paths).
type partIndex struct {
	byType map[string]map[string][]*model.Instance
}

// of lists the instances of type typ whose attribute attr is the string
// want ("" matches none).
func (ix *partIndex) of(m *model.Model, typ, attr, want string) []*model.Instance {
	if want == "" {
		return nil
	}
	idx, ok := ix.byType[typ]
	if !ok {
		idx = map[string][]*model.Instance{}
		for _, inst := range m.OfType(typ) {
			if x, _ := Str(m.Attr(inst, attr)); x != "" {
				idx[x] = append(idx[x], inst)
			}
		}
		if ix.byType == nil {
			ix.byType = map[string]map[string][]*model.Instance{}
		}
		ix.byType[typ] = idx
	}
	return idx[want]
}
