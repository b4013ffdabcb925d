package reach

import (
	"fmt"
	"strings"

	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

// EndpointQualifies tells whether e is an Interface execute-api endpoint of
// region (t), and whether its type (typ) and its region (reg) are.
func EndpointQualifies(e *topology.Endpoint, region string) (t, typ, reg symbol.Tri) {
	svc := ExecuteAPI(e)
	if svc == symbol.False {
		return symbol.False, symbol.False, symbol.False
	}
	typ = symbol.Unknown
	if e.Type != "" && !symbol.Contains(e.Type) {
		typ = symbol.FromBool(strings.EqualFold(e.Type, "Interface"))
	}
	reg = RegionMatch(EndpointRegion(e), region)
	return typ.And(reg).And(svc), typ, reg
}

// regionSummary is the verdict for every API of one region (it does not
// depend on the API otherwise): computed once per region, not per API —
// a region may hold thousands of APIs and endpoints.
type regionSummary struct {
	result  symbol.Tri
	first   string   // the first qualifying endpoint
	related []string // endpoints in doubt (bounded)
	doubts  []string
	wrong   []string // why the plan's endpoints do not qualify (result False)
}

func (n *Net) regionSummary(region string) *regionSummary {
	sum := &regionSummary{result: symbol.False}
	for _, e := range n.EndpointsNear(region) {
		t, typ, reg := EndpointQualifies(e, region)
		sum.result = sum.result.Or(t)
		switch {
		case t == symbol.True:
			if sum.first == "" {
				sum.first = e.Address
			}
		case t == symbol.Unknown && len(sum.doubts) < listed:
			sum.related = append(sum.related, e.Address)
			if typ == symbol.Unknown {
				sum.doubts = append(sum.doubts, fmt.Sprintf("the vpc_endpoint_type of %s is known only after apply", e.Address))
			}
			if reg == symbol.Unknown {
				sum.doubts = append(sum.doubts, fmt.Sprintf("the region of %s or of the API is not known", e.Address))
			}
			if ExecuteAPI(e) == symbol.Unknown {
				sum.doubts = append(sum.doubts, fmt.Sprintf("the service_name of %s is known only after apply", e.Address))
			}
		}
	}
	if sum.result != symbol.False {
		return sum
	}
	// why the endpoints of the plan do not qualify (any region)
	for _, e := range n.V.Endpoints {
		if len(sum.wrong) == listed {
			sum.wrong = append(sum.wrong, "…")
			break
		}
		t, typ, reg := EndpointQualifies(e, region)
		if ExecuteAPI(e) == symbol.False {
			sum.wrong = append(sum.wrong, fmt.Sprintf("%s (service_name %q is not com.amazonaws.<region>.execute-api, so it is an endpoint of another service)", e.Address, disp(e.ServiceName)))
			continue
		}
		if t != symbol.False {
			continue
		}
		why := []string{}
		if typ == symbol.False {
			why = append(why, "type "+disp(e.Type))
		}
		if reg == symbol.False {
			why = append(why, "region "+EndpointRegion(e))
		}
		sum.wrong = append(sum.wrong, fmt.Sprintf("%s (%s)", e.Address, strings.Join(why, ", ")))
	}
	return sum
}

// summary is the region's verdict: linked by NewNet for the regions of
// the private APIs, computed again (not stored) for another.
func (n *Net) summary(region string) *regionSummary {
	if sum := n.regions[region]; sum != nil {
		return sum
	}
	return n.regionSummary(region)
}

// EndpointMissing judges whether a private API has an execute-api
// Interface endpoint in its region (PA101): the verdict sits on the API.
// The endpoints of a region are judged once per region, not per API.
func (n *Net) EndpointMissing(a *topology.API) Verdict {
	vd := Verdict{Address: a.Address}
	sum := n.summary(APIRegion(a))
	result, doubts, wrong := sum.result, sum.doubts, sum.wrong
	if result == symbol.True {
		if k := n.Unbounded(a); k > 0 {
			vd.Result = symbol.Unknown
			vd.Fix = "name the endpoint its clients use: list it in endpoint_configuration { vpc_endpoint_ids = [...] } of " + a.Address + ", or limit the resource policy with aws:SourceVpce / aws:SourceVpc"
			vd.Reason = fmt.Sprintf("%s may be called through any of the %d execute-api endpoints of region %s and nothing (vpc_endpoint_ids, a client, a declared endpoint, an aws:SourceVpce or aws:SourceVpc condition) names the one its clients use; this plan has more such pairings than privapi judges one by one (%d), so these endpoints were not judged for this API",
				a.Address, k, RegionText(APIRegion(a)), WideBudget)
			return vd
		}
		vd.Result = symbol.True
		return vd
	}
	region := APIRegion(a)
	if region == "" {
		region = "${region}"
	}
	vd.Fix = fmt.Sprintf("create an Interface endpoint for com.amazonaws.%s.execute-api in a VPC of the API's clients and list it in the API:\n"+
		"resource \"aws_vpc_endpoint\" \"execute_api\" {\n  vpc_id              = <client VPC>.id\n  service_name        = \"com.amazonaws.%s.execute-api\"\n  vpc_endpoint_type   = \"Interface\"\n  private_dns_enabled = true\n  subnet_ids          = <one subnet per AZ>\n  security_group_ids  = [<endpoint SG>.id]\n}\n"+
		"and in %s: endpoint_configuration { types = [\"PRIVATE\"], vpc_endpoint_ids = [aws_vpc_endpoint.execute_api.id] } (or declare an endpoint of another stack in the configuration file)", region, region, a.Address)
	vd.Result = symbol.Unknown
	if result == symbol.Unknown {
		vd.Reason = fmt.Sprintf("whether %s has an execute-api Interface endpoint in %s is known only after apply: %s%s", a.Address, RegionText(APIRegion(a)), strings.Join(doubts, "; "), PrivateNote(a))
		return vd
	}
	if out := OutsideEndpoints(n.V, a); len(out) > 0 {
		vd.Reason = fmt.Sprintf("whether %s has an execute-api Interface endpoint in %s is not known: %s", a.Address, RegionText(APIRegion(a)), OutsideReason(a, out))
		vd.Undeclared = OutsideUndeclared(out)
		vd.Fix = fmt.Sprintf("pass the plan or state of the stack that owns %s with --with, or declare it in an endpoint block of .privapi.hcl (id, vpc_id, region, security_group_ids, private_dns)", strings.Join(out, ", "))
		return vd
	}
	vd.Result = symbol.False
	vd.Reason = fmt.Sprintf("private API %s (region %s) has no execute-api Interface VPC endpoint in its region, so no VPC client can reach it (calls time out)", a.Address, RegionText(APIRegion(a)))
	if len(wrong) > 0 {
		vd.Reason += "; the execute-api endpoints in the plan do not qualify: " + strings.Join(wrong, "; ")
	}
	return vd
}

// RegionRelated lists the endpoints a PA101 finding on a relates to
// besides the API's own qualifying ones (haveOwn: there are some): the
// first qualifying endpoint of its region when it has none, and the
// endpoints in doubt when the region has no proven one.
func (n *Net) RegionRelated(a *topology.API, haveOwn bool) []string {
	sum := n.summary(APIRegion(a))
	if sum.result == symbol.True {
		if haveOwn {
			return nil
		}
		return []string{sum.first}
	}
	return sum.related
}

// listed bounds the endpoints a PA101 message lists.
const listed = 20

// RegionText renders a region for a message ("unknown" for none).
func RegionText(r string) string {
	if r == "" {
		return "unknown"
	}
	return r
}
