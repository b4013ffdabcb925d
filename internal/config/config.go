package config

import (
	"fmt"
	"io"
	"net/netip"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/waiver/addr"
)

// DefaultFile is the name privapi looks for when no --config is given.
const DefaultFile = ".privapi.hcl"

// DateLayout is the layout of waiver expiry dates (YYYY-MM-DD).
const DateLayout = "2006-01-02"

// Pos is a place in the configuration file. Line and Column start at 1.
type Pos struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

// String renders the position as file:line,col.
func (p Pos) String() string { return fmt.Sprintf("%s:%d,%d", p.File, p.Line, p.Column) }

// Source converts the position for a finding.Result or finding.Waiver.
func (p Pos) Source() *finding.Source { return &finding.Source{File: p.File, Line: p.Line} }

func posOf(r hcl.Range) Pos { return Pos{File: r.Filename, Line: r.Start.Line, Column: r.Start.Column} }

// Config is the content of a .privapi.hcl file. Settings that the file does
// not set are nil, so that command-line flags can take precedence or fill in.
type Config struct {
	// Path is the file as named to Load or Parse.
	Path string
	// FailOn is fail_on.
	FailOn *finding.Threshold
	// Strict is strict: unverified results count as failures.
	Strict *bool
	// Checks holds the check blocks by check ID.
	Checks map[string]CheckOverride
	// Waivers, Endpoints and Clients are in file order.
	Waivers   []Waiver
	Endpoints []Endpoint
	Clients   []Client
}

// CheckOverride is a check "PAnnn" block.
type CheckOverride struct {
	ID string
	// Enabled is nil when the block does not set it.
	Enabled *bool
	// Severity replaces the check's default severity; nil when not set.
	Severity *finding.Severity
	// Pos is where the block starts.
	Pos Pos
}

// Waiver is a waiver block: findings of CheckID on resources whose address
// matches Pattern are suppressed, until Expires if set.
type Waiver struct {
	// CheckID is a check ID such as PA113, or "*" for every check.
	CheckID string
	// Pattern is the address glob (see package addr).
	Pattern string
	Reason  string
	// Expires is the last day (YYYY-MM-DD, UTC) on which the waiver
	// applies; "" for never.
	Expires string
	// Pos is where the block starts; Attrs where each attribute is set.
	Pos   Pos
	Attrs map[string]Pos

	pattern *addr.Pattern
}

// Expired reports whether the waiver no longer applies at now: the day
// after Expires has begun in UTC. A waiver whose date cannot be read (only
// possible when built by hand) counts as expired.
func (w *Waiver) Expired(now time.Time) bool {
	if w.Expires == "" {
		return false
	}
	d, err := time.Parse(DateLayout, w.Expires)
	if err != nil {
		return true
	}
	return !now.Before(d.AddDate(0, 0, 1))
}

// Matches reports whether the waiver covers a result of checkID located at
// address, regardless of expiry. Results of the waiver checks themselves
// (PA9xx) are never covered.
func (w *Waiver) Matches(checkID, address string) bool {
	if strings.HasPrefix(checkID, "PA9") {
		return false
	}
	if w.CheckID != "*" && w.CheckID != checkID {
		return false
	}
	p := w.pattern
	if p == nil {
		var err error
		if p, err = addr.Compile(w.Pattern); err != nil {
			return false
		}
	}
	return p.Match(address)
}

// Endpoint is an endpoint "NAME" block: an execute-api VPC endpoint managed
// outside the plan (split stacks).
type Endpoint struct {
	Name             string
	ID               string
	VPCID            string
	Region           string
	SecurityGroupIDs []string
	PrivateDNS       bool
	// SubnetCIDRs and VPCCIDRs are nil when not set.
	SubnetCIDRs []string
	VPCCIDRs    []string
	// IngressHTTPSFrom lists the CIDRs and security group ids that the
	// endpoint's security groups admit on tcp/443 (rules of the other stack).
	IngressHTTPSFrom []string
	// NACLsAllowHTTPS: the network ACLs of its subnets pass tcp/443 and the
	// replies (nil when not said).
	NACLsAllowHTTPS *bool
	// Subnets are the subnet blocks (CIDR block and Availability Zone of
	// each subnet of the endpoint); SubnetCIDRs then lists their CIDRs.
	Subnets []Subnet
	// Policy is the endpoint policy: its JSON text (from policy, or from
	// policy_file once Load has read it), or PolicyDefault. "" when not
	// declared, or when PolicyFile is set but was not read (Parse).
	Policy string
	// PolicyFile is policy_file as written (relative to the configuration
	// file's directory); PolicyPath the file Load read.
	PolicyFile string
	PolicyPath string
	// DNSSupport and DNSHostnames are the endpoint VPC's
	// enable_dns_support and enable_dns_hostnames (nil when not said).
	DNSSupport   *bool
	DNSHostnames *bool
	// Pos is where the block starts, EndLine its last line; Attrs where
	// each attribute is set.
	Pos     Pos
	EndLine int
	Attrs   map[string]Pos
}

// Subnet is a subnet block of an endpoint: one subnet the endpoint has a
// network interface in.
type Subnet struct {
	CIDR string
	// AZ is the Availability Zone name ("" when not said).
	AZ  string
	Pos Pos
}

// Client is a client "NAME" block: callers that are not in the plan.
type Client struct {
	Name             string
	CIDRs            []string
	SecurityGroupIDs []string
	VPCID            string
	// APIs lists the addresses of the REST APIs the client calls; nil means
	// every API.
	APIs []string
	// EgressHTTPSTo lists the CIDRs and security group ids that the
	// client's security groups allow tcp/443 to.
	EgressHTTPSTo []string
	// NACLsAllowHTTPS: the network ACLs of its subnets pass tcp/443 and the
	// replies (nil when not said).
	NACLsAllowHTTPS *bool
	// URLForm is how the client calls the API: one of the URLForm…
	// constants, "" when not said. AliasEndpointID is the endpoint of the
	// {api-id}-{vpce-id} alias (URLFormAlias); CustomDomain the domain name
	// (URLFormCustomDomain).
	URLForm         string
	AliasEndpointID string
	CustomDomain    string
	// SignsRequests: the client signs its requests with SigV4 (nil when
	// not said).
	SignsRequests *bool
	// PrincipalARN and OrganizationID are the IAM identity its signed
	// requests carry ("" when not said).
	PrincipalARN   string
	OrganizationID string
	// Links are the peering connections (pcx-…) and transit gateways
	// (tgw-…) that join the client's VPC to the endpoints' VPCs, with
	// routes both ways.
	Links []string
	// Pos is where the block starts, EndLine its last line; Attrs where
	// each attribute is set.
	Pos     Pos
	EndLine int
	Attrs   map[string]Pos
}

// Error holds the error diagnostics of a configuration file. Its message has
// one line per diagnostic: "file:line,col: summary; detail".
type Error struct {
	Diagnostics hcl.Diagnostics
}

func (e *Error) Error() string {
	var lines []string
	for _, d := range e.Diagnostics {
		lines = append(lines, FormatDiagnostic(d))
	}
	return strings.Join(lines, "\n")
}

// FormatDiagnostic renders one diagnostic on one line:
// "file:line,col: summary; detail".
func FormatDiagnostic(d *hcl.Diagnostic) string {
	var b strings.Builder
	if d.Subject != nil {
		fmt.Fprintf(&b, "%s:%d,%d: ", d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column)
	}
	b.WriteString(oneLine(d.Summary))
	if det := oneLine(d.Detail); det != "" {
		b.WriteString("; ")
		b.WriteString(det)
	}
	return b.String()
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// Load reads and validates the configuration file at path. knownIDs lists
// the check IDs that check and waiver blocks may name; with nil, any ID of
// the form PAnnn is accepted.
//
// A file that cannot be read yields the *os.PathError, so a caller that
// looks for DefaultFile can test errors.Is(err, fs.ErrNotExist) and go on
// without a configuration. Any other problem yields an *Error.
func Load(path string, knownIDs []string) (*Config, error) {
	src, err := readConfigFile(path)
	if err != nil {
		return nil, err
	}
	cfg, err := Parse(path, src, knownIDs)
	if err != nil {
		return nil, err
	}
	if diags := cfg.readPolicyFiles(filepath.Dir(path)); len(diags) > 0 {
		return nil, &Error{Diagnostics: diags}
	}
	return cfg, nil
}

// maxConfigFile bounds what Load reads: a configuration file is small, and
// a path that names /dev/zero or a pipe must not exhaust memory or hang.
const maxConfigFile = 4 << 20

// readConfigFile reads a regular file of at most maxConfigFile bytes. It
// checks before opening, since opening a named pipe blocks.
func readConfigFile(path string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file", path)
	}
	if st.Size() > maxConfigFile {
		return nil, fmt.Errorf("%s: larger than %d MiB; not a privapi configuration file", path, maxConfigFile>>20)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, maxConfigFile+1))
}

var (
	checkIDRe = regexp.MustCompile(`^PA[0-9]{3}$`)
	vpceRe    = regexp.MustCompile(`^vpce-[0-9a-f]+$`)
	vpcRe     = regexp.MustCompile(`^vpc-[0-9a-f]+$`)
	sgRe      = regexp.MustCompile(`^sg-[0-9a-f]+$`)
	regionRe  = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-[0-9]+$`)
)

var rootSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "fail_on"}, {Name: "strict"}},
	Blocks: []hcl.BlockHeaderSchema{
		{Type: "check", LabelNames: []string{"id"}},
		{Type: "waiver"},
		{Type: "endpoint", LabelNames: []string{"name"}},
		{Type: "client", LabelNames: []string{"name"}},
	},
}

var checkSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "enabled"}, {Name: "severity"}},
}

var waiverSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "check", Required: true},
		{Name: "address", Required: true},
		{Name: "reason", Required: true},
		{Name: "expires"},
	},
}

var endpointSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "id", Required: true},
		{Name: "vpc_id", Required: true},
		{Name: "region", Required: true},
		{Name: "security_group_ids", Required: true},
		{Name: "private_dns", Required: true},
		{Name: "subnet_cidrs"},
		{Name: "vpc_cidrs"},
		{Name: "ingress_https_from"},
		{Name: "nacls_allow_https"},
		{Name: "policy"},
		{Name: "policy_file"},
		{Name: "enable_dns_support"},
		{Name: "enable_dns_hostnames"},
	},
	Blocks: []hcl.BlockHeaderSchema{{Type: "subnet"}},
}

var clientSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "cidrs", Required: true},
		{Name: "security_group_ids", Required: true},
		{Name: "vpc_id", Required: true},
		{Name: "apis"},
		{Name: "egress_https_to"},
		{Name: "nacls_allow_https"},
		{Name: "url_form"},
		{Name: "alias_endpoint_id"},
		{Name: "custom_domain"},
		{Name: "signs_requests"},
		{Name: "principal_arn"},
		{Name: "organization_id"},
		{Name: "vpc_links"},
	},
}

// Parse reads configuration source; filename is used in positions and
// messages. See Load for knownIDs and the error.
func Parse(filename string, src []byte, knownIDs []string) (*Config, error) {
	d := &decoder{}
	if knownIDs != nil {
		d.known = map[string]bool{}
		for _, id := range knownIDs {
			d.known[id] = true
		}
		d.knownList = append([]string(nil), knownIDs...)
		sort.Strings(d.knownList)
	}
	cfg := d.decodeFile(filename, src)
	var errs hcl.Diagnostics
	for _, diag := range d.diags {
		if diag.Severity == hcl.DiagError {
			errs = append(errs, diag)
		}
	}
	if len(errs) > 0 {
		return nil, &Error{Diagnostics: errs}
	}
	return cfg, nil
}

type decoder struct {
	diags     hcl.Diagnostics
	known     map[string]bool
	knownList []string
}

func (d *decoder) errorf(r hcl.Range, summary, format string, args ...any) {
	rr := r
	d.diags = append(d.diags, &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  summary,
		Detail:   fmt.Sprintf(format, args...),
		Subject:  &rr,
	})
}

func (d *decoder) decodeFile(filename string, src []byte) *Config {
	cfg := &Config{Path: filename, Checks: map[string]CheckOverride{}}
	file, diags := hclparse.NewParser().ParseHCL(src, filename)
	d.diags = append(d.diags, diags...)
	if diags.HasErrors() || file == nil {
		return cfg
	}
	content, diags := file.Body.Content(rootSchema)
	d.diags = append(d.diags, diags...)

	if a := content.Attributes["fail_on"]; a != nil {
		if s, ok := d.str(a); ok {
			if t, err := finding.ParseThreshold(s); err != nil {
				d.errorf(a.Expr.Range(), "Invalid fail_on", "%q is not a level; use \"error\", \"warning\", \"info\" or \"none\".", s)
			} else {
				cfg.FailOn = &t
			}
		}
	}
	if a := content.Attributes["strict"]; a != nil {
		if b, ok := d.boolean(a); ok {
			cfg.Strict = &b
		}
	}

	endpointNames := map[string]Pos{}
	endpointIDs := map[string]string{}
	clientNames := map[string]Pos{}
	for _, blk := range content.Blocks {
		switch blk.Type {
		case "check":
			if c, ok := d.check(blk); ok {
				if prev, dup := cfg.Checks[c.ID]; dup {
					d.errorf(blk.DefRange, "Duplicate check block", "check %q was already configured at %s; merge the two blocks.", c.ID, prev.Pos)
					continue
				}
				cfg.Checks[c.ID] = c
			}
		case "waiver":
			if w, ok := d.waiver(blk); ok {
				cfg.Waivers = append(cfg.Waivers, w)
			}
		case "endpoint":
			name := blk.Labels[0]
			if prev, dup := endpointNames[name]; dup {
				d.errorf(blk.LabelRanges[0], "Duplicate endpoint block", "endpoint %q was already declared at %s; endpoint names must be unique.", name, prev)
				continue
			}
			endpointNames[name] = posOf(blk.DefRange)
			if e, ok := d.endpoint(blk); ok {
				if other, dup := endpointIDs[e.ID]; dup {
					d.errorf(blk.DefRange, "Duplicate endpoint ID", "endpoint %q has the same id %q as endpoint %q.", name, e.ID, other)
					continue
				}
				endpointIDs[e.ID] = name
				cfg.Endpoints = append(cfg.Endpoints, e)
			}
		case "client":
			name := blk.Labels[0]
			if prev, dup := clientNames[name]; dup {
				d.errorf(blk.LabelRanges[0], "Duplicate client block", "client %q was already declared at %s; client names must be unique.", name, prev)
				continue
			}
			clientNames[name] = posOf(blk.DefRange)
			if c, ok := d.client(blk); ok {
				cfg.Clients = append(cfg.Clients, c)
			}
		}
	}
	return cfg
}

// checkID validates a check ID written at r; star allows "*".
func (d *decoder) checkID(id string, r hcl.Range, star bool) bool {
	if star && id == "*" {
		return true
	}
	if !checkIDRe.MatchString(id) {
		want := "a check ID such as \"PA501\""
		if star {
			want += " or \"*\" for every check"
		}
		d.errorf(r, "Invalid check ID", "%q is not %s.", id, want)
		return false
	}
	if d.known != nil && !d.known[id] {
		detail := fmt.Sprintf("%q is not a check of this version of privapi.", id)
		if s := suggest(id, d.knownList); s != "" {
			detail += fmt.Sprintf(" Did you mean %q?", s)
		}
		d.diags = append(d.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Unknown check ID", Detail: detail, Subject: r.Ptr()})
		return false
	}
	return true
}

func (d *decoder) check(blk *hcl.Block) (CheckOverride, bool) {
	c := CheckOverride{ID: blk.Labels[0], Pos: posOf(blk.DefRange)}
	ok := d.checkID(c.ID, blk.LabelRanges[0], false)
	content, diags := blk.Body.Content(checkSchema)
	d.diags = append(d.diags, diags...)
	if diags.HasErrors() {
		ok = false
	}
	if a := content.Attributes["enabled"]; a != nil {
		if b, good := d.boolean(a); good {
			c.Enabled = &b
		} else {
			ok = false
		}
	}
	if a := content.Attributes["severity"]; a != nil {
		if s, good := d.str(a); good {
			if sev, err := finding.ParseSeverity(s); err != nil {
				d.errorf(a.Expr.Range(), "Invalid severity", "%q is not a severity; use \"error\", \"warning\" or \"info\".", s)
				ok = false
			} else {
				c.Severity = &sev
			}
		} else {
			ok = false
		}
	}
	return c, ok
}

func (d *decoder) waiver(blk *hcl.Block) (Waiver, bool) {
	w := Waiver{Pos: posOf(blk.DefRange)}
	content, diags := blk.Body.Content(waiverSchema)
	d.diags = append(d.diags, diags...)
	ok := !diags.HasErrors()
	w.Attrs = attrPositions(content)
	if a := content.Attributes["check"]; a != nil {
		if s, good := d.str(a); good && d.checkID(s, a.Expr.Range(), true) {
			if strings.HasPrefix(s, "PA9") {
				d.errorf(a.Expr.Range(), "Check cannot be waived", "%s reports on waivers themselves and cannot be waived; fix or delete the waiver it is about.", s)
				ok = false
			}
			w.CheckID = s
		} else {
			ok = false
		}
	}
	if a := content.Attributes["address"]; a != nil {
		if s, good := d.str(a); good {
			p, err := addr.Compile(s)
			if err != nil {
				d.errorf(a.Expr.Range(), "Invalid address pattern", "%v. Write a resource address such as module.edge[*].aws_vpc_endpoint.this, with * inside a step, [*] for any instance and ** for any number of steps.", err)
				ok = false
			}
			w.Pattern, w.pattern = s, p
		} else {
			ok = false
		}
	}
	if a := content.Attributes["reason"]; a != nil {
		if s, good := d.str(a); good {
			if strings.TrimSpace(s) == "" {
				d.errorf(a.Expr.Range(), "Empty waiver reason", "A waiver must say why the finding is acceptable.")
				ok = false
			}
			w.Reason = strings.TrimSpace(s)
		} else {
			ok = false
		}
	}
	if a := content.Attributes["expires"]; a != nil {
		if s, good := d.str(a); good {
			if _, err := time.Parse(DateLayout, s); err != nil {
				d.errorf(a.Expr.Range(), "Invalid expiry date", "%q is not a date of the form YYYY-MM-DD, such as \"2027-01-31\".", s)
				ok = false
			}
			w.Expires = s
		} else {
			ok = false
		}
	}
	return w, ok
}

func (d *decoder) endpoint(blk *hcl.Block) (Endpoint, bool) {
	e := Endpoint{Name: blk.Labels[0], Pos: posOf(blk.DefRange), EndLine: endLine(blk)}
	content, diags := blk.Body.Content(endpointSchema)
	d.diags = append(d.diags, diags...)
	ok := !diags.HasErrors()
	e.Attrs = attrPositions(content)
	at := content.Attributes
	ok = d.matchStr(at["id"], vpceRe, &e.ID, "Invalid endpoint ID", "a VPC endpoint ID such as \"vpce-0123456789abcdef0\"") && ok
	ok = d.matchStr(at["vpc_id"], vpcRe, &e.VPCID, "Invalid VPC ID", "a VPC ID such as \"vpc-0123456789abcdef0\"") && ok
	ok = d.matchStr(at["region"], regionRe, &e.Region, "Invalid region", "an AWS region such as \"eu-west-1\"") && ok
	ok = d.matchList(at["security_group_ids"], sgRe, &e.SecurityGroupIDs, false, "Invalid security group ID", "a security group ID such as \"sg-0123456789abcdef0\"") && ok
	if a := at["private_dns"]; a != nil {
		b, good := d.boolean(a)
		e.PrivateDNS = b
		ok = good && ok
	}
	ok = d.cidrs(at["subnet_cidrs"], &e.SubnetCIDRs) && ok
	ok = d.cidrs(at["vpc_cidrs"], &e.VPCCIDRs) && ok
	ok = d.peers(at["ingress_https_from"], &e.IngressHTTPSFrom) && ok
	ok = d.optBool(at["nacls_allow_https"], &e.NACLsAllowHTTPS) && ok
	ok = d.endpointFacts(content, &e) && ok
	return e, ok
}

// peers reads a list of CIDR blocks and security group ids.
func (d *decoder) peers(a *hcl.Attribute, dst *[]string) bool {
	if a == nil {
		return true
	}
	list, ok := d.strList(a)
	if !ok {
		return false
	}
	for _, s := range list {
		if sgRe.MatchString(s) {
			continue
		}
		if _, err := netip.ParsePrefix(s); err != nil {
			d.errorf(a.Expr.Range(), "Invalid peer", "%q is neither a CIDR block such as \"10.0.0.0/16\" nor a security group ID such as \"sg-0123456789abcdef0\".", s)
			return false
		}
	}
	*dst = list
	return true
}

func (d *decoder) optBool(a *hcl.Attribute, dst **bool) bool {
	if a == nil {
		return true
	}
	b, ok := d.boolean(a)
	if ok {
		*dst = &b
	}
	return ok
}

func (d *decoder) client(blk *hcl.Block) (Client, bool) {
	c := Client{Name: blk.Labels[0], Pos: posOf(blk.DefRange), EndLine: endLine(blk)}
	content, diags := blk.Body.Content(clientSchema)
	d.diags = append(d.diags, diags...)
	ok := !diags.HasErrors()
	c.Attrs = attrPositions(content)
	at := content.Attributes
	ok = d.cidrs(at["cidrs"], &c.CIDRs) && ok
	if a := at["cidrs"]; a != nil && c.CIDRs != nil && len(c.CIDRs) == 0 {
		d.errorf(a.Expr.Range(), "No client CIDRs", "A client needs at least one CIDR block its calls come from.")
		ok = false
	}
	ok = d.matchList(at["security_group_ids"], sgRe, &c.SecurityGroupIDs, true, "Invalid security group ID", "a security group ID such as \"sg-0123456789abcdef0\"") && ok
	ok = d.matchStr(at["vpc_id"], vpcRe, &c.VPCID, "Invalid VPC ID", "a VPC ID such as \"vpc-0123456789abcdef0\"") && ok
	if a := at["apis"]; a != nil {
		if list, good := d.strList(a); good {
			for _, s := range list {
				if _, err := addr.Parse(s); err != nil {
					d.errorf(a.Expr.Range(), "Invalid API address", "%v. Name a REST API by its resource address, such as \"aws_api_gateway_rest_api.api\".", err)
					ok = false
				}
			}
			if list == nil {
				list = []string{}
			}
			c.APIs = list
		} else {
			ok = false
		}
	}
	ok = d.peers(at["egress_https_to"], &c.EgressHTTPSTo) && ok
	ok = d.optBool(at["nacls_allow_https"], &c.NACLsAllowHTTPS) && ok
	ok = d.clientFacts(content, &c) && ok
	return c, ok
}

// endLine is the last line of a block: its closing brace (the header line
// when the body's range is not known).
func endLine(blk *hcl.Block) int {
	if b, ok := blk.Body.(*hclsyntax.Body); ok && b.SrcRange.End.Line >= blk.DefRange.Start.Line {
		return b.SrcRange.End.Line
	}
	return blk.DefRange.End.Line
}

func attrPositions(c *hcl.BodyContent) map[string]Pos {
	m := make(map[string]Pos, len(c.Attributes))
	for name, a := range c.Attributes {
		m[name] = posOf(a.Range)
	}
	return m
}

// value evaluates an attribute without variables or functions and converts
// it to ty. Null and unknown values are errors.
func (d *decoder) value(a *hcl.Attribute, ty cty.Type, what string) (cty.Value, bool) {
	v, diags := a.Expr.Value(nil)
	d.diags = append(d.diags, diags...)
	if diags.HasErrors() {
		return cty.NilVal, false
	}
	r := a.Expr.Range()
	if v.IsNull() {
		d.errorf(r, "Invalid "+a.Name, "%s must be %s, not null.", a.Name, what)
		return cty.NilVal, false
	}
	v, err := convert.Convert(v, ty)
	if err != nil {
		d.errorf(r, "Invalid "+a.Name, "%s must be %s: %s.", a.Name, what, err)
		return cty.NilVal, false
	}
	if !v.IsWhollyKnown() {
		d.errorf(r, "Invalid "+a.Name, "%s must be %s known without evaluation.", a.Name, what)
		return cty.NilVal, false
	}
	if ty.IsListType() {
		for it := v.ElementIterator(); it.Next(); {
			if _, e := it.Element(); e.IsNull() {
				d.errorf(r, "Invalid "+a.Name, "%s must be %s, without null elements.", a.Name, what)
				return cty.NilVal, false
			}
		}
	}
	return v, true
}

// str decodes a string attribute.
func (d *decoder) str(a *hcl.Attribute) (string, bool) {
	v, ok := d.value(a, cty.String, "a string")
	if !ok {
		return "", false
	}
	return v.AsString(), true
}

func (d *decoder) boolean(a *hcl.Attribute) (bool, bool) {
	v, ok := d.value(a, cty.Bool, "true or false")
	if !ok {
		return false, false
	}
	return v.True(), true
}

// strList decodes a list of strings; an empty list gives a nil slice.
func (d *decoder) strList(a *hcl.Attribute) ([]string, bool) {
	v, ok := d.value(a, cty.List(cty.String), "a list of strings")
	if !ok {
		return nil, false
	}
	var l []string
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		l = append(l, e.AsString())
	}
	return l, true
}

// matchStr decodes a required string attribute that must match re. A
// missing attribute was already reported by the schema.
func (d *decoder) matchStr(a *hcl.Attribute, re *regexp.Regexp, dst *string, summary, want string) bool {
	if a == nil {
		return false
	}
	s, ok := d.str(a)
	if !ok {
		return false
	}
	if !re.MatchString(s) {
		d.errorf(a.Expr.Range(), summary, "%q is not %s.", s, want)
		return false
	}
	*dst = s
	return true
}

// matchList decodes a list of strings that must each match re; empty lists
// are allowed only with allowEmpty.
func (d *decoder) matchList(a *hcl.Attribute, re *regexp.Regexp, dst *[]string, allowEmpty bool, summary, want string) bool {
	if a == nil {
		return false
	}
	l, ok := d.strList(a)
	if !ok {
		return false
	}
	if len(l) == 0 && !allowEmpty {
		d.errorf(a.Expr.Range(), "Empty list", "%s must list at least one value.", a.Name)
		return false
	}
	for _, s := range l {
		if !re.MatchString(s) {
			d.errorf(a.Expr.Range(), summary, "%q is not %s.", s, want)
			ok = false
		}
	}
	if l == nil {
		l = []string{}
	}
	*dst = l
	return ok
}

// cidrs decodes an optional list of CIDR blocks. dst stays nil when the
// attribute is absent.
func (d *decoder) cidrs(a *hcl.Attribute, dst *[]string) bool {
	if a == nil {
		return true
	}
	l, ok := d.strList(a)
	if !ok {
		return false
	}
	for _, s := range l {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			d.errorf(a.Expr.Range(), "Invalid CIDR block", "%q is not a CIDR block such as \"10.1.0.0/16\".", s)
			ok = false
			continue
		}
		if p.Masked() != p {
			d.errorf(a.Expr.Range(), "Invalid CIDR block", "%q has host bits set; did you mean %q?", s, p.Masked().String())
			ok = false
		}
	}
	if l == nil {
		l = []string{}
	}
	*dst = l
	return ok
}

// suggest returns the known ID closest to id when it is one edit away.
func suggest(id string, known []string) string {
	for _, k := range known {
		if editDistance(id, k) == 1 {
			return k
		}
	}
	return ""
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
