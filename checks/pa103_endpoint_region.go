package checks

import (
	"fmt"
	"strings"

	"github.com/privapi/privapi/internal/reach"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

var pa103 = &Check{
	ID:       "PA103",
	Name:     "endpoint-region-mismatch",
	Severity: finding.Error,
	Title:    "An execute-api endpoint is in another region than the private API",
	Run:      runPA103,
}

func runPA103(v *topology.View, r *Reporter) {
	n := r.Net(v)
	for _, a := range r.privateAPIs(n.V) {
		for _, ref := range n.EndpointsFor(a) {
			e := ref.Endpoint
			if reach.ExecuteAPI(e) == symbol.False {
				continue
			}
			p := reach.Pair{API: a, Endpoint: e, Source: ref.Source, Match: ref.Match}
			s := pairSubject(p, e.Address)
			regions := map[string]string{}
			if sn := reach.ServiceNameRegion(e.ServiceName); sn != "" {
				regions["service name "+e.ServiceName] = sn
			}
			if e.Region != "" {
				regions["resource/provider region"] = e.Region
			}
			if e.ServiceRegion != "" && !symbol.Contains(e.ServiceRegion) {
				regions["service_region"] = e.ServiceRegion
			}
			t := symbol.True
			var bad []string
			for _, k := range netSortedKeys(netKeysOf(regions)) {
				m := reach.RegionMatch(regions[k], reach.APIRegion(a))
				t = t.And(m)
				if m == symbol.False {
					bad = append(bad, fmt.Sprintf("%s: %s", k, regions[k]))
				}
			}
			if len(regions) == 0 || reach.APIRegion(a) == "" {
				t = t.And(symbol.Unknown)
			}
			if (ref.Match == symbol.Unknown || reach.ExecuteAPI(e) == symbol.Unknown) && t == symbol.False {
				t = symbol.Unknown
			}
			if t == symbol.True {
				r.Pass(s)
				continue
			}
			region := reach.APIRegion(a)
			if region == "" {
				region = "${region of the API}"
			}
			fix := fmt.Sprintf("create %s with the API's provider/region (%s): service_name = \"com.amazonaws.%s.execute-api\", the same provider alias or region = %q as %s, and no service_region", e.Address, region, region, region, a.Address)
			switch t {
			case symbol.False:
				netReport(r, s, symbol.False, fix, fmt.Sprintf("%s is in another region than %s (%s): %s; interface endpoints serve only their own region and execute-api has no cross-region support, so calls through it never reach the API", e.Address, a.Address, netRegionText(reach.APIRegion(a)), strings.Join(bad, ", ")))
			default:
				var why []string
				if len(bad) > 0 {
					why = append(why, fmt.Sprintf("it is in another region than %s (%s): %s", a.Address, netRegionText(reach.APIRegion(a)), strings.Join(bad, ", ")))
				} else {
					why = append(why, fmt.Sprintf("the region of %s (service %s, region %s) or of %s (%s) is not known until apply", e.Address, netDisp(e.ServiceName), netRegionText(e.Region), a.Address, netRegionText(reach.APIRegion(a))))
				}
				if ref.Match == symbol.Unknown {
					why = append(why, fmt.Sprintf("but whether %s is the endpoint named in vpc_endpoint_ids of %s is known only after apply", e.Address, a.Address))
				}
				if reach.ExecuteAPI(e) == symbol.Unknown {
					why = append(why, fmt.Sprintf("but whether %s is an execute-api endpoint is known only after apply (service_name %s)", e.Address, netDisp(e.ServiceName)))
				}
				r.Unverified(s, fix, "%s%s", strings.Join(why, "; "), netPrivateNote(a))
			}
		}
	}
}

func netKeysOf(m map[string]string) map[string]bool {
	out := map[string]bool{}
	for k := range m {
		out[k] = true
	}
	return out
}
