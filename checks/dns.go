package checks

// Helpers of the DNS checks PA401–PA405: the invoke URLs of a private API
// and which of them work for a client through an endpoint
// (see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-api-test-invoke-url.html).

import (
	"fmt"
	"strings"

	"github.com/privapi/privapi/internal/reach"

	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

// dnsURL is one invoke-URL form and whether it works for a client.
type dnsURL struct {
	Form  string
	URL   string
	Works symbol.Tri
	Why   string // why it does not (or may not) work
}

func dnsRegion(a *topology.API) string {
	if r := reach.APIRegion(a); r != "" {
		return r
	}
	return "${region}"
}

// dnsStage is the stage path segment: the API's only stage name, else a
// placeholder.
func dnsStage(a *topology.API) string {
	var names []string
	for _, s := range a.Stages {
		if s.Name != "" {
			names = append(names, netDisp(s.Name))
		}
	}
	if len(names) == 1 {
		return names[0]
	}
	return "{stage}"
}

// dnsNames are the parts of an API's invoke URLs, worked out once for
// all the URLs built from them.
type dnsNames struct {
	id     string // the API id as users read it
	region string
	suffix string // DNS suffix of the region's partition
	stage  string // dnsStage
}

func dnsNamesOf(a *topology.API) dnsNames {
	return dnsNames{id: netDisp(a.ID), region: dnsRegion(a), suffix: reach.DNSSuffix(reach.APIRegion(a)), stage: dnsStage(a)}
}

// host is {api-id}.execute-api.{region}.amazonaws.com.
func (d dnsNames) host() string {
	return d.id + ".execute-api." + d.region + "." + d.suffix
}

func (d dnsNames) privateURL() string { return "https://" + d.host() + "/" + d.stage }

func (d dnsNames) aliasURL(e *topology.Endpoint) string {
	return "https://" + d.id + "-" + netDisp(e.ID) + ".execute-api." + d.region + "." + d.suffix + "/" + d.stage
}

func (d dnsNames) endpointURL(e *topology.Endpoint) string {
	return "https://" + d.endpointHost(e) + "/" + d.stage + " with header Host: " + d.host() + " (or x-apigw-api-id: " + d.id + ")"
}

// endpointHost is the endpoint's own DNS name (D4).
func (d dnsNames) endpointHost(e *topology.Endpoint) string {
	if e.InPlan() {
		return netDisp(symbol.Ref{Address: e.Address, Attr: "dns_entry[0].dns_name"}.Token())
	}
	return netDisp(e.ID) + "-{suffix}.execute-api." + d.region + ".vpce." + d.suffix
}

// dnsAPIHost is {api-id}.execute-api.{region}.amazonaws.com.
func dnsAPIHost(a *topology.API) string {
	return dnsNames{id: netDisp(a.ID), region: dnsRegion(a), suffix: reach.DNSSuffix(reach.APIRegion(a))}.host()
}

func dnsPrivateURL(a *topology.API) string { return dnsNamesOf(a).privateURL() }

func dnsAliasURL(a *topology.API, e *topology.Endpoint) string { return dnsNamesOf(a).aliasURL(e) }

func dnsEndpointURL(a *topology.API, e *topology.Endpoint) string {
	return dnsNamesOf(a).endpointURL(e)
}

// dnsURLs lists the invoke URLs of api through e and whether each works
// for client c (nil: a client in the endpoint's VPC).
func dnsURLs(n *reach.Net, a *topology.API, e *topology.Endpoint, c *topology.Client) []dnsURL {
	enabled := a.DisableExecuteAPI.Not()
	nm := dnsNamesOf(a)
	out := make([]dnsURL, 0, 3)
	add := func(u dnsURL, t symbol.Tri, why string) {
		u.Works = enabled.And(t)
		switch {
		case enabled == symbol.False:
			u.Why = a.Address + " sets disable_execute_api_endpoint = true, so every execute-api name returns 403"
		case enabled == symbol.Unknown && t != symbol.False:
			u.Why = "disable_execute_api_endpoint is known only after apply"
			if why != "" {
				u.Why += "; " + why
			}
		default:
			u.Why = why
		}
		out = append(out, u)
	}
	// D1: private DNS name.
	{
		var why []string
		t := e.PrivateDNS
		switch e.PrivateDNS {
		case symbol.False:
			why = append(why, fmt.Sprintf("private DNS is off on %s", e.Address))
		case symbol.Unknown:
			why = append(why, fmt.Sprintf("private_dns_enabled of %s is known only after apply", e.Address))
		}
		d, dwhy := n.V.EndpointVPCDNS(e)
		if d != symbol.True {
			why = append(why, dwhy)
		}
		t = t.And(d)
		same := n.InEndpointVPC(e, c)
		if same != symbol.True {
			same = same.Or(n.ZoneServes(a, c))
			switch same {
			case symbol.False:
				why = append(why, fmt.Sprintf("the endpoint's private hosted zone answers only inside %s and %s is outside it ", n.P.VPCName(e.VPCID), reach.ClientAddr(c)))
			case symbol.Unknown:
				why = append(why, fmt.Sprintf("whether %s is inside %s, where the endpoint's private hosted zone answers, is known only after apply", reach.ClientAddr(c), n.P.VPCName(e.VPCID)))
			}
		}
		t = t.And(same)
		add(dnsURL{Form: "private DNS name", URL: nm.privateURL()}, t, strings.Join(why, "; "))
	}
	// D3: {api-id}-{vpce-id} alias.
	{
		t := n.P.Associated(a, e)
		why := ""
		switch t {
		case symbol.False:
			why = fmt.Sprintf("%s is not in vpc_endpoint_ids of %s, so the alias is not created", e.Address, a.Address)
		case symbol.Unknown:
			why = fmt.Sprintf("whether %s is in vpc_endpoint_ids of %s is known only after apply", e.Address, a.Address)
		}
		add(dnsURL{Form: "{api-id}-{vpce-id} alias", URL: nm.aliasURL(e)}, t, why)
	}
	// D4: endpoint hostname with Host / x-apigw-api-id header.
	add(dnsURL{Form: "endpoint hostname with a Host or x-apigw-api-id header", URL: nm.endpointURL(e)}, symbol.True, "")
	// D7: private custom domains mapped to the API.
	for _, d := range n.V.PrivateDomainsOf(a) {
		t := symbol.False
		for _, id := range d.Associated {
			t = t.Or(topology.Same(id, e.ID))
		}
		why := ""
		switch t {
		case symbol.False:
			why = fmt.Sprintf("%s has no access association for %s", d.Address, e.Address)
		case symbol.Unknown:
			why = fmt.Sprintf("whether the access associations of %s name %s is known only after apply", d.Address, e.Address)
		}
		u := dnsURL{Form: "private custom domain", URL: "https://" + netDisp(d.Name) + "/{base-path}", Works: t, Why: why}
		out = append(out, u) // a custom domain is not the execute-api endpoint: disable_execute_api_endpoint does not affect it
	}
	return out
}

// dnsURLText renders which URLs work: "will work: …; may work: …; will not work: …".
func dnsURLText(urls []dnsURL, who string) string {
	var b strings.Builder
	writeDNSURLText(&b, urls, who)
	return b.String()
}

// writeDNSURLText writes dnsURLText(urls, who) to b.
func writeDNSURLText(b *strings.Builder, urls []dnsURL, who string) {
	b.WriteString("Invoke URLs for ")
	b.WriteString(who)
	b.WriteString(" — ")
	// the URLs that work, then those that may, then those that do not
	wrote := false
	for _, group := range []struct {
		works symbol.Tri
		head  string
	}{{symbol.True, "will work: "}, {symbol.Unknown, "may work: "}, {symbol.False, "will not work: "}} {
		first := true
		for _, u := range urls {
			if dnsGroup(u.Works) != group.works {
				continue
			}
			switch {
			case first && wrote:
				b.WriteString("; ")
				fallthrough
			case first:
				b.WriteString(group.head)
				first = false
			default:
				b.WriteString("; ")
			}
			b.WriteString(u.Form)
			b.WriteByte(' ')
			b.WriteString(u.URL)
			if group.works != symbol.True {
				b.WriteString(" (")
				b.WriteString(u.Why)
				b.WriteByte(')')
			}
		}
		if first && group.works == symbol.True {
			b.WriteString("no invoke URL will work")
		}
		wrote = true
	}
	b.WriteByte('.')
}

// dnsGroup is the group of writeDNSURLText a URL that works t is listed in.
func dnsGroup(t symbol.Tri) symbol.Tri {
	if t == symbol.True || t == symbol.Unknown {
		return t
	}
	return symbol.False
}

// dnsWho names the client(s) of a URL list.
func dnsWho(n *reach.Net, a *topology.API, e *topology.Endpoint, c *topology.Client) string {
	if c != nil {
		return c.Address + " calling " + a.Address
	}
	return "clients in " + n.P.VPCName(e.VPCID) + " calling " + a.Address
}

// dnsEndpointURLText describes the URLs of every API served by e for its
// clients (or for any client in its VPC).
func dnsEndpointURLText(n *reach.Net, e *topology.Endpoint) string {
	_, apis := n.APIOf(e)
	var b strings.Builder
	parts := 0
	part := func(a *topology.API, c *topology.Client) {
		parts++
		if parts > maxURLTextParts {
			return
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		writeDNSURLText(&b, dnsURLs(n, a, e, c), dnsWho(n, a, e, c))
	}
	for _, a := range apis {
		clients := n.ClientsUsing(a, e)
		if len(clients) == 0 {
			part(a, nil)
			continue
		}
		for _, c := range clients {
			part(a, c)
		}
	}
	if more := parts - maxURLTextParts; more > 0 {
		fmt.Fprintf(&b, " (and %d more API and client pairs through %s)", more, e.Address)
	}
	return b.String()
}

// maxURLTextParts bounds the (API, client) pairs whose URLs one endpoint's
// message spells out: an endpoint shared by thousands of APIs made one
// result megabytes long.
const maxURLTextParts = 5
