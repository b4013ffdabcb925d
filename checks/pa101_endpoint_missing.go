package checks

import (
	"fmt"
	"strings"

	"github.com/privapi/privapi/internal/reach"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

var pa101 = &Check{
	ID:       "PA101",
	Name:     "endpoint-missing",
	Severity: finding.Error,
	Title:    "A private REST API has no execute-api interface VPC endpoint in its region",
	Run:      runPA101,
}

// pa101Judge tells whether e is an Interface execute-api endpoint of region.
func pa101Judge(e *topology.Endpoint, region string) (t, typ, reg symbol.Tri) {
	svc := reach.ExecuteAPI(e)
	if svc == symbol.False {
		return symbol.False, symbol.False, symbol.False
	}
	typ = symbol.Unknown
	if e.Type != "" && !symbol.Contains(e.Type) {
		typ = symbol.FromBool(strings.EqualFold(e.Type, "Interface"))
	}
	reg = reach.RegionMatch(reach.EndpointRegion(e), region)
	return typ.And(reg).And(svc), typ, reg
}

// pa101Region is the verdict for every API of one region (it does not
// depend on the API otherwise): computed once per region, not per API —
// a region may hold thousands of APIs and endpoints.
type pa101Region struct {
	result  symbol.Tri
	first   string   // the first qualifying endpoint
	related []string // endpoints in doubt (bounded)
	doubts  []string
	wrong   []string // why the plan's endpoints do not qualify (result False)
}

func pa101Summary(n *reach.Net, region string) *pa101Region {
	sum := &pa101Region{result: symbol.False}
	for _, e := range n.EndpointsNear(region) {
		t, typ, reg := pa101Judge(e, region)
		sum.result = sum.result.Or(t)
		switch {
		case t == symbol.True:
			if sum.first == "" {
				sum.first = e.Address
			}
		case t == symbol.Unknown && len(sum.doubts) < pa101Listed:
			sum.related = append(sum.related, e.Address)
			if typ == symbol.Unknown {
				sum.doubts = append(sum.doubts, fmt.Sprintf("the vpc_endpoint_type of %s is known only after apply", e.Address))
			}
			if reg == symbol.Unknown {
				sum.doubts = append(sum.doubts, fmt.Sprintf("the region of %s or of the API is not known", e.Address))
			}
			if reach.ExecuteAPI(e) == symbol.Unknown {
				sum.doubts = append(sum.doubts, fmt.Sprintf("the service_name of %s is known only after apply", e.Address))
			}
		}
	}
	if sum.result != symbol.False {
		return sum
	}
	// why the endpoints of the plan do not qualify (any region)
	for _, e := range n.V.Endpoints {
		if len(sum.wrong) == pa101Listed {
			sum.wrong = append(sum.wrong, "…")
			break
		}
		t, typ, reg := pa101Judge(e, region)
		if reach.ExecuteAPI(e) == symbol.False {
			sum.wrong = append(sum.wrong, fmt.Sprintf("%s (service_name %q is not com.amazonaws.<region>.execute-api, so it is an endpoint of another service)", e.Address, netDisp(e.ServiceName)))
			continue
		}
		if t != symbol.False {
			continue
		}
		why := []string{}
		if typ == symbol.False {
			why = append(why, "type "+netDisp(e.Type))
		}
		if reg == symbol.False {
			why = append(why, "region "+reach.EndpointRegion(e))
		}
		sum.wrong = append(sum.wrong, fmt.Sprintf("%s (%s)", e.Address, strings.Join(why, ", ")))
	}
	return sum
}

func runPA101(v *topology.View, r *Reporter) {
	n := reach.NewNet(v)
	regions := map[string]*pa101Region{}
	for _, a := range reach.PrivateAPIs(n.V) {
		s := Subject{API: a, Address: a.Address, Describe: "API " + a.Address}
		sum := regions[reach.APIRegion(a)]
		if sum == nil {
			sum = pa101Summary(n, reach.APIRegion(a))
			regions[reach.APIRegion(a)] = sum
		}
		result, doubts, wrong := sum.result, sum.doubts, sum.wrong
		// Related: the API's own qualifying endpoints, else the first of
		// its region; and those in doubt.
		for _, ref := range n.EndpointsFor(a) {
			if t, _, _ := pa101Judge(ref.Endpoint, reach.APIRegion(a)); t == symbol.True {
				s.Related = append(s.Related, ref.Endpoint.Address)
			}
		}
		if result == symbol.True && len(s.Related) == 0 {
			s.Related = []string{sum.first}
		}
		if result != symbol.True {
			s.Related = append(s.Related, sum.related...)
		}
		if result == symbol.True {
			if k := n.Unbounded(a); k > 0 {
				r.Unverified(s, "name the endpoint its clients use: list it in endpoint_configuration { vpc_endpoint_ids = [...] } of "+a.Address+", or limit the resource policy with aws:SourceVpce / aws:SourceVpc",
					"%s may be called through any of the %d execute-api endpoints of region %s and nothing (vpc_endpoint_ids, a client, a declared endpoint, an aws:SourceVpce or aws:SourceVpc condition) names the one its clients use; this plan has more such pairings than privapi judges one by one (%d), so these endpoints were not judged for this API",
					a.Address, k, netRegionText(reach.APIRegion(a)), reach.WideBudget)
				continue
			}
			r.Pass(s)
			continue
		}
		region := reach.APIRegion(a)
		if region == "" {
			region = "${region}"
		}
		fix := fmt.Sprintf("create an Interface endpoint for com.amazonaws.%s.execute-api in a VPC of the API's clients and list it in the API:\n"+
			"resource \"aws_vpc_endpoint\" \"execute_api\" {\n  vpc_id              = <client VPC>.id\n  service_name        = \"com.amazonaws.%s.execute-api\"\n  vpc_endpoint_type   = \"Interface\"\n  private_dns_enabled = true\n  subnet_ids          = <one subnet per AZ>\n  security_group_ids  = [<endpoint SG>.id]\n}\n"+
			"and in %s: endpoint_configuration { types = [\"PRIVATE\"], vpc_endpoint_ids = [aws_vpc_endpoint.execute_api.id] } (or declare an endpoint of another stack in the configuration file)", region, region, a.Address)
		if result == symbol.Unknown {
			r.Unverified(s, fix, "whether %s has an execute-api Interface endpoint in %s is known only after apply: %s%s", a.Address, netRegionText(reach.APIRegion(a)), strings.Join(doubts, "; "), netPrivateNote(a))
			continue
		}
		if out := outsideEndpoints(n.V, a); len(out) > 0 {
			r.Unverified(s, fix, "whether %s has an execute-api Interface endpoint in %s is not known: %s", a.Address, netRegionText(reach.APIRegion(a)), outsideReason(a, out))
			continue
		}
		msg := fmt.Sprintf("private API %s (region %s) has no execute-api Interface VPC endpoint in its region, so no VPC client can reach it (calls time out)", a.Address, netRegionText(reach.APIRegion(a)))
		if len(wrong) > 0 {
			msg += "; the execute-api endpoints in the plan do not qualify: " + strings.Join(wrong, "; ")
		}
		netReport(r, s, symbol.False, fix, msg)
	}
}

// pa101Listed bounds the endpoints a PA101 message lists.
const pa101Listed = 20

func netRegionText(r string) string {
	if r == "" {
		return "unknown"
	}
	return r
}
