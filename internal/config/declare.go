package config

// The facts a declared endpoint or client carries beyond its identity and
// security-group rules (docs/configuration.md): the endpoint's policy, its
// subnets' Availability Zones and CIDR blocks, its VPC's DNS attributes; the
// client's URL form, signing, IAM identity and VPC links.

import (
	"errors"
	"fmt"
	"net/netip"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/privapi/privapi/internal/iampolicy"
	"github.com/privapi/privapi/internal/source"
)

// PolicyDefault is the Policy of an endpoint declared with policy =
// "default": the full-access policy AWS gives an endpoint without one.
const PolicyDefault = "default"

// The URL forms a declared client may call.
const (
	// URLFormInvokeURL is the stage's invoke URL, the private DNS name
	// https://{api-id}.execute-api.{region}.amazonaws.com.
	URLFormInvokeURL = "invoke_url"
	// URLFormAlias is https://{api-id}-{vpce-id}.execute-api.{region}.amazonaws.com.
	URLFormAlias = "alias"
	// URLFormEndpointHostname is the endpoint's own DNS name with a Host
	// or x-apigw-api-id header.
	URLFormEndpointHostname = "endpoint_hostname"
	// URLFormCustomDomain is a private custom domain name.
	URLFormCustomDomain = "custom_domain"
)

var (
	azRe     = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-[0-9]+[a-z]$`)
	linkRe   = regexp.MustCompile(`^(pcx|tgw)-[0-9a-f]+$`)
	orgRe    = regexp.MustCompile(`^o-[a-z0-9]{10,32}$`)
	arnRe    = regexp.MustCompile(`^arn:aws(-[a-z]+)*:(iam|sts)::[0-9]{12}:[^\s]+$`)
	domainRe = regexp.MustCompile(`^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$`)
)

var subnetSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "cidr_block", Required: true},
		{Name: "availability_zone", Required: true},
	},
}

// maxPolicy bounds a policy document: AWS allows 20,480 characters for an
// endpoint policy.
const maxPolicy = 20480

// endpointFacts decodes the policy, subnet blocks and VPC DNS attributes.
func (d *decoder) endpointFacts(content *hcl.BodyContent, e *Endpoint) bool {
	at := content.Attributes
	ok := true
	if a, f := at["policy"], at["policy_file"]; a != nil && f != nil {
		d.errorf(f.NameRange, "Conflicting policy", "set policy or policy_file, not both.")
		ok = false
	}
	if a := at["policy"]; a != nil {
		if s, good := d.str(a); good {
			if strings.TrimSpace(s) == PolicyDefault {
				e.Policy = PolicyDefault
			} else if d.policyText(a.Expr.Range(), s) {
				e.Policy = s
			} else {
				ok = false
			}
		} else {
			ok = false
		}
	}
	if a := at["policy_file"]; a != nil {
		if s, good := d.str(a); good {
			if strings.TrimSpace(s) == "" || filepath.IsAbs(s) {
				d.errorf(a.Expr.Range(), "Invalid policy_file", "%q must be a path relative to the configuration file, inside the repository.", s)
				ok = false
			} else {
				e.PolicyFile = s
			}
		} else {
			ok = false
		}
	}
	ok = d.optBool(at["enable_dns_support"], &e.DNSSupport) && ok
	ok = d.optBool(at["enable_dns_hostnames"], &e.DNSHostnames) && ok
	var subs []*hcl.Block
	for _, b := range content.Blocks {
		if b.Type == "subnet" {
			subs = append(subs, b)
		}
	}
	if len(subs) > 0 && at["subnet_cidrs"] != nil {
		d.errorf(at["subnet_cidrs"].NameRange, "Conflicting subnets", "describe the endpoint's subnets with subnet blocks or subnet_cidrs, not both.")
		ok = false
	}
	for _, b := range subs {
		sn, good := d.subnet(b, e.Region)
		ok = good && ok
		if good {
			e.Subnets = append(e.Subnets, sn)
			e.SubnetCIDRs = append(e.SubnetCIDRs, sn.CIDR)
		}
	}
	return ok
}

// subnet decodes a subnet block of an endpoint in region.
func (d *decoder) subnet(b *hcl.Block, region string) (Subnet, bool) {
	sn := Subnet{Pos: posOf(b.DefRange)}
	content, diags := b.Body.Content(subnetSchema)
	d.diags = append(d.diags, diags...)
	ok := !diags.HasErrors()
	if a := content.Attributes["cidr_block"]; a != nil {
		if s, good := d.str(a); good {
			p, err := netip.ParsePrefix(s)
			switch {
			case err != nil:
				d.errorf(a.Expr.Range(), "Invalid CIDR block", "%q is not a CIDR block such as \"10.1.0.0/24\".", s)
				ok = false
			case p.Masked() != p:
				d.errorf(a.Expr.Range(), "Invalid CIDR block", "%q has host bits set; did you mean %q?", s, p.Masked().String())
				ok = false
			}
			sn.CIDR = s
		} else {
			ok = false
		}
	}
	if a := content.Attributes["availability_zone"]; a != nil {
		if s, good := d.str(a); good {
			switch {
			case !azRe.MatchString(s):
				d.errorf(a.Expr.Range(), "Invalid Availability Zone", "%q is not an Availability Zone name such as \"eu-west-1a\".", s)
				ok = false
			case region != "" && s[:len(s)-1] != region:
				d.errorf(a.Expr.Range(), "Invalid Availability Zone", "%q is not in the endpoint's region %q.", s, region)
				ok = false
			}
			sn.AZ = s
		} else {
			ok = false
		}
	}
	return sn, ok
}

// policyText validates a policy document written at r.
func (d *decoder) policyText(r hcl.Range, s string) bool {
	if len(s) > maxPolicy {
		d.errorf(r, "Invalid policy", "the policy has %d characters; an endpoint policy has at most %d.", len(s), maxPolicy)
		return false
	}
	if _, err := iampolicy.Parse([]byte(s)); err != nil {
		d.errorf(r, "Invalid policy", "%s. Write the endpoint's policy document as JSON (or \"default\" for the full-access policy AWS gives an endpoint without one).", oneLine(err.Error()))
		return false
	}
	return true
}

// readPolicyFiles reads the policy_file of every endpoint, relative to dir
// and inside its repository tree (source.ReadInTree).
func (c *Config) readPolicyFiles(dir string) hcl.Diagnostics {
	var diags hcl.Diagnostics
	for i := range c.Endpoints {
		e := &c.Endpoints[i]
		if e.PolicyFile == "" {
			continue
		}
		pos := e.Attrs["policy_file"]
		r := hcl.Range{Filename: pos.File, Start: hcl.Pos{Line: pos.Line, Column: pos.Column}, End: hcl.Pos{Line: pos.Line, Column: pos.Column}}
		path := filepath.Join(dir, e.PolicyFile)
		b, err := source.ReadInTree(dir, path)
		if err != nil {
			why := err.Error()
			if errors.Is(err, source.ErrOutsideTree) {
				why = "it is outside the repository that holds the configuration file"
			}
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Unreadable policy_file",
				Detail: fmt.Sprintf("%q cannot be read: %s.", e.PolicyFile, oneLine(why)), Subject: &r})
			continue
		}
		d := &decoder{}
		if !d.policyText(r, string(b)) {
			diags = append(diags, d.diags...)
			continue
		}
		e.Policy, e.PolicyPath = string(b), path
	}
	return diags
}

// clientFacts decodes the URL form, signing, identity and VPC links.
func (d *decoder) clientFacts(content *hcl.BodyContent, c *Client) bool {
	at := content.Attributes
	ok := d.clientURL(at, c)
	ok = d.clientIdentity(at, c) && ok
	return d.clientLinks(at, c) && ok
}

// clientURL decodes url_form with the alias endpoint id or custom domain
// it needs (and only with it).
func (d *decoder) clientURL(at hcl.Attributes, c *Client) bool {
	ok := true
	if a := at["url_form"]; a != nil {
		if s, good := d.str(a); good {
			switch s {
			case URLFormInvokeURL, URLFormAlias, URLFormEndpointHostname, URLFormCustomDomain:
				c.URLForm = s
			default:
				d.errorf(a.Expr.Range(), "Invalid url_form", "%q is not a URL form; use %q (the stage's invoke URL, the private DNS name), %q ({api-id}-{vpce-id}), %q or %q.",
					s, URLFormInvokeURL, URLFormAlias, URLFormEndpointHostname, URLFormCustomDomain)
				ok = false
			}
		} else {
			ok = false
		}
	}
	if a := at["alias_endpoint_id"]; a != nil {
		ok = d.matchStr(a, vpceRe, &c.AliasEndpointID, "Invalid endpoint ID", "a VPC endpoint ID such as \"vpce-0123456789abcdef0\"") && ok
	}
	if a := at["custom_domain"]; a != nil {
		ok = d.matchStr(a, domainRe, &c.CustomDomain, "Invalid custom_domain", "a lower-case domain name such as \"api.example.internal\"") && ok
	}
	switch {
	case c.URLForm == URLFormAlias && at["alias_endpoint_id"] == nil:
		d.errorf(at["url_form"].Expr.Range(), "Missing alias_endpoint_id", "url_form = %q needs alias_endpoint_id: the vpce- id in the {api-id}-{vpce-id} name the client calls.", URLFormAlias)
		ok = false
	case c.URLForm == URLFormCustomDomain && at["custom_domain"] == nil:
		d.errorf(at["url_form"].Expr.Range(), "Missing custom_domain", "url_form = %q needs custom_domain: the domain name the client calls.", URLFormCustomDomain)
		ok = false
	case c.URLForm != URLFormAlias && at["alias_endpoint_id"] != nil:
		d.errorf(at["alias_endpoint_id"].NameRange, "Unexpected alias_endpoint_id", "alias_endpoint_id goes with url_form = %q.", URLFormAlias)
		ok = false
	case c.URLForm != URLFormCustomDomain && at["custom_domain"] != nil:
		d.errorf(at["custom_domain"].NameRange, "Unexpected custom_domain", "custom_domain goes with url_form = %q.", URLFormCustomDomain)
		ok = false
	}
	return ok
}

// clientIdentity decodes signs_requests and the identity a signed request
// carries.
func (d *decoder) clientIdentity(at hcl.Attributes, c *Client) bool {
	ok := true
	ok = d.optBool(at["signs_requests"], &c.SignsRequests) && ok
	if a := at["principal_arn"]; a != nil {
		ok = d.matchStr(a, arnRe, &c.PrincipalARN, "Invalid principal_arn", "an IAM role or user ARN such as \"arn:aws:iam::123456789012:role/batch\"") && ok
	}
	if a := at["organization_id"]; a != nil {
		ok = d.matchStr(a, orgRe, &c.OrganizationID, "Invalid organization_id", "an AWS Organizations ID such as \"o-a1b2c3d4e5\"") && ok
	}
	for _, name := range []string{"principal_arn", "organization_id"} {
		if a := at[name]; a != nil && (c.SignsRequests == nil || !*c.SignsRequests) {
			d.errorf(a.NameRange, "Identity without signing", "%s is carried only by SigV4-signed requests; set signs_requests = true.", name)
			ok = false
		}
	}
	return ok
}

// clientLinks decodes vpc_links: peering connection and transit gateway ids.
func (d *decoder) clientLinks(at hcl.Attributes, c *Client) bool {
	ok := true
	if a := at["vpc_links"]; a != nil {
		if l, good := d.strList(a); good {
			for _, s := range l {
				if !linkRe.MatchString(s) {
					d.errorf(a.Expr.Range(), "Invalid VPC link", "%q is neither a VPC peering connection ID such as \"pcx-0123456789abcdef0\" nor a transit gateway ID such as \"tgw-0123456789abcdef0\".", s)
					good = false
				}
			}
			if good {
				c.Links = l
			}
			ok = good && ok
		} else {
			ok = false
		}
	}
	return ok
}
