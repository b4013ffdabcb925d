package checks

import (
	"fmt"
	"strings"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/reach"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

var pa407 = &Check{
	ID:       "PA407",
	Name:     "client-url-form",
	Severity: finding.Error,
	Varies:   map[finding.Severity]string{finding.Warning: "unverified: whether the name resolves is known only after apply (PA402 reports the same doubt per endpoint)"},
	Title:    "The execute-api invoke URL a client's configuration uses does not lead to its endpoint (private DNS off, or endpoint not associated for the alias)",
	Run:      runPA407,
}

// runPA407 judges, per (API, client) whose URL form is visible in its
// configuration, that form against the endpoints the client reaches in its
// own VPC. Clients outside the endpoint's VPC calling the private DNS name
// are PA405's; clients with no visible URL keep PA402's per-endpoint advice.
// The steps of a private custom domain a client calls are PA406's, which
// reports each broken step once, at the resource that breaks it.
func runPA407(v *topology.View, r *Reporter) {
	n := r.Net(v)
	for _, a := range r.privateAPIs(v) {
		for _, c := range n.ClientsOf(a) {
			f := n.P.InvokeFormsOf(c, a)
			var forms []string
			if f.PrivateDNS == symbol.True {
				forms = append(forms, "private DNS name")
			}
			if len(f.Alias) > 0 {
				forms = append(forms, "{api-id}-{vpce-id} alias")
			}
			if len(forms) == 0 {
				continue // no URL visible (or only the endpoint hostname, which always resolves)
			}
			var local []reach.ClientPath
			for _, p := range n.UsablePaths(a, c) {
				if p.Link.Kind == topology.LinkSameVPC && p.Link.Result != symbol.False {
					local = append(local, p)
				}
			}
			if len(local) == 0 {
				continue // no path (PA110) or only remote ones (PA405)
			}
			s := Subject{API: a, Address: c.Address, relAPI: true}.lazyDescribe("API ", a.Address, " from client ", c.Address)
			how := f.Evidence
			if how == "" {
				how = "its configuration"
			}
			result := symbol.False
			var why []string
			var e0 *topology.Endpoint
			// what .privapi.hcl leaves out, when that is all that is unknown
			var unsaid map[string]bool // made for the first
			onlyUnsaid := netPrivateNote(a) == ""
			for _, p := range local {
				e := p.Endpoint
				if e0 == nil {
					e0 = e
				}
				s.Related = append(s.Related, e.Address)
				for _, u := range dnsURLs(n, a, e, c) {
					if !pa407Uses(u, f, e) {
						continue
					}
					t := u.Works
					if p.Link.Result == symbol.Unknown && t == symbol.True {
						t = symbol.Unknown
					}
					result = result.Or(t)
					if t == symbol.Unknown {
						if w := pa407Unsaid(n, u, p); w != "" {
							if unsaid == nil {
								unsaid = map[string]bool{}
							}
							unsaid[w] = true
						} else {
							onlyUnsaid = false
						}
					}
					if t != symbol.True && u.Why != "" {
						why = append(why, fmt.Sprintf("%s through %s: %s", u.Form, e.Address, u.Why))
					}
				}
			}
			if result == symbol.True {
				r.Pass(s)
				continue
			}
			urls := dnsURLText(dnsURLs(n, a, e0, c), dnsWho(n, a, e0, c))
			fix := fmt.Sprintf("call a URL that works from %s, or fix the one it calls: set private_dns_enabled = true on %s for the private DNS name, list it in vpc_endpoint_ids of %s for the {api-id}-{vpce-id} alias", c.Address, e0.Address, a.Address)
			switch {
			case result == symbol.Unknown && onlyUnsaid && len(unsaid) > 0:
				what := strings.Join(netSortedKeys(unsaid), "; ")
				fix = "state " + what + " of .privapi.hcl as the endpoint's VPC has them (the private DNS name needs both true); or " + fix
				r.add(s, finding.Warning, finding.Unverified, fmt.Sprintf("%s calls %s by the %s (%s); whether that name resolves to the endpoint is not known: %s. %s", c.Address, a.Address, strings.Join(forms, " and "), how, strings.Join(why, "; "), urls), fix)
				r.lastUndeclared(what)
			case result == symbol.Unknown:
				r.UnverifiedAt(finding.Warning, s, fix, "%s calls %s by the %s (%s); whether that name resolves to the endpoint is known only after apply: %s%s. %s", c.Address, a.Address, strings.Join(forms, " and "), how, strings.Join(why, "; "), netPrivateNote(a), urls)
			default:
				netReport(r, s, symbol.False, fix, fmt.Sprintf("%s calls %s by the %s (%s), and that name does not lead to the endpoint in its VPC: %s; its calls never reach the API (no execution logs). %s", c.Address, a.Address, strings.Join(forms, " and "), how, strings.Join(why, "; "), urls))
			}
		}
	}
}

// pa407Uses reports whether URL u is an execute-api form the client's
// configuration uses (a private custom domain is PA406's).
func pa407Uses(u dnsURL, f topology.InvokeForms, e *topology.Endpoint) bool {
	switch u.Form {
	case "private DNS name":
		return f.PrivateDNS == symbol.True
	case "{api-id}-{vpce-id} alias":
		for _, id := range f.Alias {
			if topology.Same(id, e.ID) != symbol.False {
				return true
			}
		}
	}
	return false
}

// pa407Unsaid names what .privapi.hcl leaves out when that alone makes URL
// u through path p unknown: the DNS attributes of a declared endpoint's VPC
// (in another stack) for the private DNS name. "" for a value known only
// after apply.
func pa407Unsaid(n *reach.Net, u dnsURL, p reach.ClientPath) string {
	e := p.Endpoint
	if u.Form != "private DNS name" || p.Link.Result != symbol.True || !e.Declared || n.P.VPCByID(e.VPCID) != nil {
		return ""
	}
	if reach.VPCDNS(n.V, e).Rule != reach.DNSAttrsUnknown {
		return ""
	}
	return pa401Unsaid(e) + " in " + e.Address
}
