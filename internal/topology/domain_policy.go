package topology

import (
	"strings"

	"github.com/privapi/privapi/internal/iampolicy"
	"github.com/privapi/privapi/internal/symbol"
)

// Calls to a private custom domain are judged by the domain's own policy
// against the domain's execute-api ARN,
// arn:{partition}:execute-api:{region}:{account}:/domainnames/{name}+{domain_name_id}
// (see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-custom-domains-tutorial.html:
// the tutorial's policy names the domain as execute-api:/*, which API
// Gateway stores as that ARN).

// DomainShorthand is the only execute-api:/ shorthand whose meaning in a
// domain policy is documented: the domain itself.
const DomainShorthand = iampolicy.ShorthandPrefix + "*"

// DomainInvokeARN is the execute-api ARN that calls to private domain d,
// mapped to API a, are compared with. Partition, region and account come
// from the domain's own ARN when it is known, else from the API's (a base
// path mapping joins a domain and an API of one account and region); an
// unknown part is a token, so comparisons that depend on it are Unknown.
func (v *View) DomainInvokeARN(d *Domain, a *API) string {
	p, r, acc := "", "", ""
	if parts := iampolicy.SplitARN(d.DomainARN); len(parts) == 6 && parts[0] == "arn" && !symbol.Contains(d.DomainARN) {
		p, r, acc = parts[1], parts[3], parts[4]
	} else if a != nil {
		p, r, acc = v.APIAccount(a)
	}
	or := func(s, attr string) string {
		if s == "" {
			return symbol.Ref{Address: d.Address, Attr: attr}.Token()
		}
		return s
	}
	id := d.ID
	if id == "" {
		id = symbol.Ref{Address: d.Address, Attr: "domain_name_id"}.Token()
	}
	return "arn:" + or(p, "partition") + ":execute-api:" + or(r, "region") + ":" + or(acc, "account") +
		":/domainnames/" + or(d.Name, "domain_name") + "+" + id
}

// ForDomain returns a copy of policy p of private domain d (mapped to API
// a) in the form calls to the domain are compared with:
//   - execute-api:/* is the domain's ARN (DomainInvokeARN);
//   - the execution_arn and arn of the view's APIs and stages are written
//     in their ARN form;
//   - a Resource/NotResource pattern that names an API (its resource part
//     starts with an API id or execution_arn, or with anything but "/" or a
//     wildcard) is dropped: it never covers a domain.
//
// Other execute-api:/ shorthands are returned in Shorthands: what API
// Gateway makes of them in a domain policy is not documented.
func (v *View) ForDomain(p *iampolicy.Policy, d *Domain, a *API) (out *iampolicy.Policy, shorthands []string) {
	if p == nil {
		return nil, nil
	}
	self := v.DomainInvokeARN(d, a)
	repl := v.forAPIShared().repl // built once by Build
	fix := func(list []string) []string {
		if list == nil {
			return nil
		}
		res := []string{}
		for _, r := range list {
			if strings.HasPrefix(r, iampolicy.ShorthandPrefix) {
				if r != DomainShorthand {
					shorthands = append(shorthands, r)
					continue
				}
				r = self
			}
			r = replaceRefs(r, repl)
			if namesAPI(r) {
				continue
			}
			res = append(res, r)
		}
		return res
	}
	out = &iampolicy.Policy{Version: p.Version, ID: p.ID}
	for _, s := range p.Statements {
		c := s
		c.Resource = fix(s.Resource)
		c.NotResource = fix(s.NotResource)
		out.Statements = append(out.Statements, c)
	}
	return out, shorthands
}

// namesAPI reports whether an execute-api ARN pattern can only name an API
// (or its stages and methods), never a domain: its resource part starts
// with an API's id or execution_arn, or with literal text other than "/".
func namesAPI(pattern string) bool {
	if r, ok := leadingRef(pattern); ok {
		return r.Attr == "execution_arn" && isAPIAddress(r.Address)
	}
	parts := iampolicy.SplitARN(pattern)
	if len(parts) != 6 || parts[0] != "arn" || parts[2] != "execute-api" {
		return false
	}
	res := parts[5]
	if r, ok := leadingRef(res); ok {
		return (r.Attr == "id" || r.Attr == "execution_arn") && isAPIAddress(r.Address)
	}
	if res == "" {
		return true
	}
	switch res[0] {
	case '/', '*', '?', '$':
		return false
	}
	return true
}

// leadingRef returns the reference s starts with.
func leadingRef(s string) (symbol.Ref, bool) {
	parts := symbol.Split(s)
	if len(parts) == 0 || parts[0].Ref == nil {
		return symbol.Ref{}, false
	}
	return *parts[0].Ref, true
}

// isAPIAddress reports whether addr is an aws_api_gateway_rest_api (or a
// stage, whose execution_arn extends its API's).
func isAPIAddress(addr string) bool {
	i := strings.LastIndex(addr, "aws_api_gateway_")
	if i < 0 {
		return false
	}
	rest := addr[i:]
	return strings.HasPrefix(rest, "aws_api_gateway_rest_api.") || strings.HasPrefix(rest, "aws_api_gateway_stage.")
}
