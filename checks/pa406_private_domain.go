package checks

import (
	"fmt"
	"strings"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/reach"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

var pa406 = &Check{
	ID:       "PA406",
	Name:     "private-domain-broken",
	Severity: finding.Warning,
	Varies:   map[finding.Severity]string{finding.Error: "the API sets disable_execute_api_endpoint = true, so the custom domain is the only way in"},
	Title:    "A private custom domain mapped to the API misses a step: policy allowing the endpoint, access association, base path mapping with domain_name_id, or DNS record in the client's VPC",
	Run:      runPA406,
}

func runPA406(v *topology.View, r *Reporter) {
	n := r.Net(v)
	seen := map[string]bool{}
	for _, a := range r.privateAPIs(v) {
		sev := finding.Warning
		if a.DisableExecuteAPI == symbol.True {
			sev = finding.Error
		}
		report := func(key string, s Subject, t symbol.Tri, fix, msg string) {
			if seen[key] {
				return
			}
			seen[key] = true
			r.Settled(sev, s, t, fix, msg)
		}
		why := "the execute-api names still work"
		if sev == finding.Error {
			why = fmt.Sprintf("%s sets disable_execute_api_endpoint = true, so this domain is the only way in", a.Address)
		}
		pa406DeclaredDomains(v, n, a, why, report)
		for _, d := range v.PrivateDomainsOf(a) {
			ds := func(addr string, related ...string) Subject {
				return Subject{API: a, Address: addr, Related: append([]string{a.Address, d.Address}, related...), Describe: "private custom domain " + d.Address + " of " + a.Address}
			}
			// base path mappings: a private domain's need domain_name_id
			for _, mp := range d.Mappings {
				if topology.Same(mp.APIID, a.ID) != symbol.True {
					continue
				}
				t := symbol.FromBool(mp.DomainNameID != "")
				if symbol.Contains(mp.DomainNameID) {
					t = topology.Same(mp.DomainNameID, d.ID) // unknown unless it is this domain's own domain_name_id
					if t == symbol.False {
						t = symbol.Unknown
					}
				}
				if mp.Sure != symbol.True && t == symbol.False {
					t = symbol.Unknown // the mapping may name another (public) domain
				}
				report("map|"+mp.Address, ds(mp.Address), t,
					fmt.Sprintf("set domain_name_id = %s.domain_name_id in %s", d.Address, mp.Address),
					fmt.Sprintf("%s maps the private custom domain %s without domain_name_id, which a private domain needs: the mapping cannot be created (%s)", mp.Address, d.Address, why))
			}
			for _, ref := range n.EndpointsFor(a) {
				e := ref.Endpoint
				// the domain's own policy must allow calls through the endpoint
				t, msg, fix := pa406Policy(v, d, a, e, n.ClientsUsing(a, e))
				report("pol|"+d.Address+"|"+e.Address, ds(d.Address, e.Address), t, fix, msg+" ("+why+")")
				// an access association for the endpoint
				assoc := symbol.False
				for _, id := range d.Associated {
					assoc = assoc.Or(topology.Same(id, e.ID))
				}
				amsg := fmt.Sprintf("no aws_api_gateway_domain_name_access_association ties %s to %s, so calls through that endpoint to https://%s cannot reach the API (%s)", d.Address, e.Address, netDisp(d.Name), why)
				if assoc == symbol.Unknown {
					amsg = fmt.Sprintf("whether an access association ties %s to %s is known only after apply (%s)", d.Address, e.Address, why)
				}
				report("assoc|"+d.Address+"|"+e.Address, ds(d.Address, append([]string{e.Address}, d.AssociationAddrs...)...), assoc,
					fmt.Sprintf("add resource \"aws_api_gateway_domain_name_access_association\" with access_association_source = %s.id, access_association_source_type = \"VPCE\", domain_name_arn = %s.arn", e.Address, d.Address),
					amsg)
				// a DNS record for the name in each client's VPC
				clients := n.ClientsUsing(a, e)
				vpcs := map[string]string{}
				for _, c := range clients {
					ids, _ := n.P.ClientVPCIDs(c)
					for _, id := range ids {
						vpcs[id] = c.Address
					}
				}
				if len(clients) == 0 && e.VPCID != "" {
					vpcs[e.VPCID] = "clients in " + n.P.VPCName(e.VPCID)
				}
				for vpc, who := range vpcs {
					rt, rec := v.DomainRecord(d.Name, vpc)
					related := []string{e.Address}
					if rec != "" {
						related = append(related, rec)
					}
					rmsg := fmt.Sprintf("no Route 53 record for %s is in a private hosted zone associated with %s, so %s cannot resolve the domain to %s (%s)", netDisp(d.Name), n.P.VPCName(vpc), who, e.Address, why)
					if rt == symbol.Unknown {
						rmsg = fmt.Sprintf("whether a record for %s (%s) is in a private hosted zone associated with %s is known only after apply (%s)", netDisp(d.Name), rec, n.P.VPCName(vpc), why)
					}
					report("dns|"+d.Address+"|"+vpc, ds(d.Address, related...), rt,
						fmt.Sprintf("add an aws_route53_record named %s.domain_name (alias to %s.dns_entry[0].dns_name) in an aws_route53_zone associated with %s", d.Address, e.Address, n.P.VPCName(vpc)),
						rmsg)
				}
			}
		}
	}
}

// pa406DeclaredDomains judges the custom domain each declared client of a
// says it calls (url_form = "custom_domain"): it must be a private custom
// domain mapped to a, whose steps the rest of PA406 judges for that client
// like for the plan's. A name that is none of them is reported at the
// client.
func pa406DeclaredDomains(v *topology.View, n *reach.Net, a *topology.API, why string, report func(string, Subject, symbol.Tri, string, string)) {
	domains := v.PrivateDomainsOf(a)
	for _, c := range n.ClientsOf(a) {
		if c.DeclaredDomain == "" {
			continue
		}
		t := symbol.False
		var names []string
		for _, d := range domains {
			t = t.Or(topology.Same(d.Name, c.DeclaredDomain))
			names = append(names, netDisp(d.Name)+" ("+d.Address+")")
		}
		mapped := "no private custom domain is mapped to it"
		if len(names) > 0 {
			mapped = "the private custom domains mapped to it are " + strings.Join(names, ", ")
		}
		s := Subject{API: a, Address: c.Address, Related: []string{a.Address},
			Describe: "client " + c.Address + " calling " + a.Address + " by https://" + c.DeclaredDomain}
		report("declared|"+a.Address+"|"+c.Address, s, t,
			fmt.Sprintf("set custom_domain of %s in .privapi.hcl to the name its callers use, and map a private aws_api_gateway_domain_name of that name to %s (aws_api_gateway_base_path_mapping with domain_name_id)", c.Address, a.Address),
			fmt.Sprintf("%s calls %s by https://%s (custom_domain in .privapi.hcl), but %s, so its calls do not reach the API (%s)", c.Address, a.Address, c.DeclaredDomain, mapped, why))
	}
}
