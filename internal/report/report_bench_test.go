package report_test

import (
	"fmt"
	"io"
	"testing"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/report"
)

// benchReport builds a report of n results in the shape checks produce:
// results spread over n/10 APIs, passes, failures and unverified results,
// some with a source location, some waived.
func benchReport(n int) *report.Report {
	checkIDs := []struct {
		id, name string
		sev      finding.Severity
	}{
		{"PA101", "endpoint-missing", finding.Error}, {"PA111", "endpoint-sg-ingress", finding.Error},
		{"PA112", "client-sg-egress", finding.Error}, {"PA201", "policy-denies", finding.Error},
		{"PA302", "trigger-misses-policy", finding.Warning}, {"PA403", "private-dns-shadows-public", finding.Info},
		{"PA502", "data-trace-off", finding.Info},
	}
	rep := &report.Report{
		Tool:   report.Tool{Name: "privapi", Version: "bench"},
		Input:  report.Input{Path: "plan.json", Kind: "plan", TerraformVersion: "1.11.4", FormatVersion: "1.2"},
		FailOn: finding.Threshold{Severity: finding.Error},
	}
	for _, c := range checkIDs {
		rep.Checks = append(rep.Checks, report.CheckInfo{ID: c.id, Name: c.name, Severity: c.sev,
			Title: "Title of " + c.id, Doc: "**What AWS does.** A paragraph of Markdown about " + c.id + " with `code` and a [link](https://example.com).",
			HelpURI: "https://github.com/privapi/privapi/blob/main/docs/checks.md#" + c.id})
	}
	statuses := []finding.Status{finding.Pass, finding.Fail, finding.Unverified, finding.Pass}
	for i := 0; i < n; i++ {
		c := checkIDs[i%len(checkIDs)]
		stack := fmt.Sprintf(`module.stack["s%04d"]`, i/10)
		r := finding.Result{
			CheckID: c.id, Name: c.name, Severity: c.sev, Status: statuses[i%len(statuses)],
			Address: stack + ".aws_vpc_endpoint.execute_api",
			Related: []string{stack + ".aws_api_gateway_rest_api.api", stack + ".aws_instance.client"},
			API:     stack + ".aws_api_gateway_rest_api.api",
			Subject: "API " + stack + ".aws_api_gateway_rest_api.api through endpoint " + stack + ".aws_vpc_endpoint.execute_api from client " + stack + ".aws_instance.client",
			Message: "whether the security groups of " + stack + `.aws_instance.client allow tcp/443 to the endpoint is known only after apply: no egress rule for tcp/443 matches "sg-0123" & <unknown>`,
			Fix:     "add an egress rule for tcp/443 to the endpoint's security group",
			Doc:     "https://github.com/privapi/privapi/blob/main/docs/checks.md#" + c.id,
		}
		if i%3 == 0 {
			r.Source = &finding.Source{File: "modules/stack/main.tf", Line: 10 + i%200}
		}
		if i%10 == 9 {
			r.Waiver = &finding.Waiver{CheckID: c.id, Address: r.Address, Pattern: `module.stack["*"].*`, Reason: "accepted", Origin: "config"}
		}
		rep.Results = append(rep.Results, r)
	}
	finding.Sort(rep.Results)
	return rep
}

// BenchmarkStageReport writes a report of about 1,000 results in each
// output format.
func BenchmarkStageReport(b *testing.B) {
	rep := benchReport(1000)
	for _, name := range report.Names() {
		f, err := report.Get(name)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			var cw countWriter
			for i := 0; i < b.N; i++ {
				cw = 0
				r := *rep
				if err := f.Write(&cw, &r); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cw), "bytes/op")
		})
	}
}

type countWriter int64

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}

var _ io.Writer = (*countWriter)(nil)
