package checks

import (
	"fmt"
	"strings"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/reach"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

// pa407Domains judges the private custom domains a client's configuration
// calls API a by (its URL names the domain, its domain_name_id, or a
// Route 53 record named after it) against the domain's chain, for the
// endpoints the client reaches: an access association with one of them, a
// base path mapping with domain_name_id to the API, a record for the name
// in a private hosted zone associated with the client's VPC, and the
// domain's policy admitting the client's calls through the endpoint. Each
// broken step is reported at the resource that breaks it: an error when
// the API disables its execute-api endpoint (the domain is the only way
// in), else a warning.
func pa407Domains(v *topology.View, n *reach.Net, r *Reporter, a *topology.API, c *topology.Client, f topology.InvokeForms) {
	if len(f.Domains) == 0 {
		return
	}
	private := map[*topology.Domain]bool{}
	for _, d := range v.PrivateDomainsOf(a) {
		private[d] = true
	}
	var eps []*topology.Endpoint
	for _, p := range n.UsablePaths(a, c) {
		eps = append(eps, p.Endpoint)
	}
	if len(eps) == 0 {
		return // no endpoint reached: PA110
	}
	sev, why := finding.Warning, "the execute-api names still work for "+c.Address+" if it calls them instead"
	if a.DisableExecuteAPI == symbol.True {
		sev, why = finding.Error, a.Address+" sets disable_execute_api_endpoint = true, so this domain is the only way in"
	}
	for _, d := range f.Domains {
		if !private[d] {
			continue
		}
		url := "https://" + netDisp(d.Name)
		lead := fmt.Sprintf("%s calls %s by its private custom domain %s", c.Address, a.Address, url)
		subj := func(addr string, related ...string) Subject {
			return Subject{API: a, Address: addr, Related: append([]string{c.Address, a.Address, d.Address}, related...),
				Describe: "client " + c.Address + " calling " + a.Address + " by " + url}
		}
		broken := false
		step := func(t symbol.Tri, s Subject, fix, fail, unknown string) {
			switch t {
			case symbol.True:
			case symbol.Unknown:
				broken = true
				r.UnverifiedAt(sev, s, fix, "%s; %s (%s)%s", lead, unknown, why, netPrivateNote(a))
			default:
				broken = true
				r.FailAt(sev, s, fix, "%s; %s, so its calls fail (%s)", lead, fail, why)
			}
		}
		// 1. an access association with an endpoint the client reaches
		assoc, assocEps := symbol.False, []*topology.Endpoint{}
		var names []string
		for _, e := range eps {
			names = append(names, e.Address)
			t := symbol.False
			for _, id := range d.Associated {
				t = t.Or(topology.Same(id, e.ID))
			}
			if t != symbol.False {
				assocEps = append(assocEps, e)
			}
			assoc = assoc.Or(t)
		}
		step(assoc, subj(d.Address, append(names, d.AssociationAddrs...)...),
			fmt.Sprintf("add resource \"aws_api_gateway_domain_name_access_association\" with access_association_source = %s.id, access_association_source_type = \"VPCE\", domain_name_arn = %s.arn", eps[0].Address, d.Address),
			fmt.Sprintf("no aws_api_gateway_domain_name_access_association ties %s to an endpoint it reaches (%s)", d.Address, strings.Join(names, ", ")),
			fmt.Sprintf("whether an access association ties %s to an endpoint it reaches (%s) is known only after apply", d.Address, strings.Join(names, ", ")))
		// 2. a base path mapping to the API with domain_name_id
		mapped, mapAddr := symbol.False, d.Address
		for _, mp := range d.Mappings {
			if topology.Same(mp.APIID, a.ID) == symbol.False {
				continue
			}
			mapAddr = mp.Address
			t := symbol.FromBool(mp.DomainNameID != "")
			if symbol.Contains(mp.DomainNameID) && topology.Same(mp.DomainNameID, d.ID) != symbol.True {
				t = symbol.Unknown // known only after apply, and not this domain's own domain_name_id
			}
			if mp.Sure != symbol.True || topology.Same(mp.APIID, a.ID) == symbol.Unknown {
				t = t.And(symbol.Unknown)
			}
			mapped = mapped.Or(t)
		}
		step(mapped, subj(mapAddr),
			fmt.Sprintf("set domain_name_id = %s.domain_name_id in %s", d.Address, mapAddr),
			fmt.Sprintf("%s maps %s to it without domain_name_id, which a private domain's mapping needs", mapAddr, a.Address),
			fmt.Sprintf("whether %s maps %s to it with domain_name_id is known only after apply", mapAddr, a.Address))
		// 3. a record for the name, resolvable in the client's VPC
		vpcs, _ := n.P.ClientVPCIDs(c)
		for _, vpc := range vpcs {
			t, rec := v.DomainRecord(d.Name, vpc)
			addr := d.Address
			if rec != "" {
				addr = rec
			}
			step(t, subj(addr, eps[0].Address),
				fmt.Sprintf("add an aws_route53_record named %s.domain_name (alias to %s.dns_entry[0].dns_name) in an aws_route53_zone associated with %s", d.Address, eps[0].Address, n.P.VPCName(vpc)),
				fmt.Sprintf("no Route 53 record for %s is in a private hosted zone associated with %s, so the name does not resolve there", netDisp(d.Name), n.P.VPCName(vpc)),
				fmt.Sprintf("whether a record for %s is in a private hosted zone associated with %s is known only after apply", netDisp(d.Name), n.P.VPCName(vpc)))
		}
		// 4. the domain's policy admits the client's calls through an
		// associated endpoint (every endpoint it reaches when none is)
		judge := assocEps
		if len(judge) == 0 {
			judge = eps
		}
		pol, msg, fix := symbol.False, "", ""
		for _, e := range judge {
			t, m, fx := pa406Policy(v, d, a, e, []*topology.Client{c})
			if t == symbol.True {
				pol = symbol.True
				break
			}
			if msg == "" || t == symbol.Unknown {
				msg, fix = m, fx
			}
			pol = pol.Or(t)
		}
		step(pol, subj(d.Address, judge[0].Address), fix, msg, msg)
		if !broken {
			r.Pass(subj(c.Address))
		}
	}
}
