package waiver

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/privapi/privapi/internal/config"
	"github.com/privapi/privapi/internal/finding"
)

func res(id, address string, st finding.Status) finding.Result {
	return finding.Result{CheckID: id, Name: "x", Severity: finding.Error, Status: st, Address: address}
}

func waivers(t *testing.T, src string) []config.Waiver {
	t.Helper()
	cfg, err := config.Parse(".privapi.hcl", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	return cfg.Waivers
}

const cfgSrc = `waiver {
  check   = "PA113"
  address = "module.edge[*].aws_vpc_endpoint.this"
  reason  = "default SG locked down by org policy"
  expires = "2027-01-31"
}

waiver {
  check   = "*"
  address = "aws_security_group.legacy"
  reason  = "being replaced"
}

waiver {
  check   = "PA501"
  address = "**.aws_vpc_endpoint.old"
  reason  = "old endpoints"
  expires = "2020-06-30"
}
`

func TestApply(t *testing.T) {
	ws := waivers(t, cfgSrc)
	before := time.Date(2027, 1, 31, 23, 0, 0, 0, time.UTC)
	after := time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC)
	inline := func(address string) []Inline {
		switch address {
		case "aws_vpc_endpoint.x":
			return ParseInline("main.tf", []byte("\n\n# privapi:ignore PA501,PA502 reviewed\n"))
		case "aws_vpc_endpoint.y":
			return ParseInline("main.tf", []byte("# privapi:ignore PA501\n")) // no reason: invalid
		}
		return nil
	}
	results := []finding.Result{
		0: res("PA113", `module.edge["a"].aws_vpc_endpoint.this`, finding.Fail),
		1: res("PA113", `module.edge.aws_vpc_endpoint.this`, finding.Fail),    // [*] needs an instance key
		2: res("PA114", `module.edge[0].aws_vpc_endpoint.this`, finding.Fail), // other check
		3: res("PA113", `module.edge[0].aws_vpc_endpoint.this`, finding.Pass), // passes are left alone
		4: res("PA201", `aws_security_group.legacy`, finding.Unverified),      // "*" check
		5: res("PA501", `module.m.aws_vpc_endpoint.old[0]`, finding.Fail),     // expired waiver
		6: res("PA501", `aws_vpc_endpoint.x`, finding.Fail),                   // inline
		7: res("PA503", `aws_vpc_endpoint.x`, finding.Fail),                   // inline names other checks
		8: res("PA501", `aws_vpc_endpoint.y`, finding.Fail),                   // invalid inline
		9: res("PA901", `aws_security_group.legacy`, finding.Fail),            // meta checks never waived
	}
	orig := append([]finding.Result(nil), results...)

	tests := []struct {
		name    string
		now     time.Time
		waived  map[int]string // index -> origin:pattern:source line
		expired []string       // patterns of PA901 results
	}{
		{"before expiry", before, map[int]string{
			0: "config:module.edge[*].aws_vpc_endpoint.this:1",
			4: "config:aws_security_group.legacy:8",
			6: "inline:aws_vpc_endpoint.x:3",
		}, []string{"**.aws_vpc_endpoint.old"}},
		{"after expiry", after, map[int]string{
			4: "config:aws_security_group.legacy:8",
			6: "inline:aws_vpc_endpoint.x:3",
		}, []string{"module.edge[*].aws_vpc_endpoint.this", "**.aws_vpc_endpoint.old"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, expired := Apply(results, ws, inline, tt.now)
			if len(out) != len(results) {
				t.Fatalf("len(out) = %d", len(out))
			}
			for i := range out {
				w := out[i].Waiver
				want, ok := tt.waived[i]
				if !ok {
					if w != nil {
						t.Errorf("result %d waived by %+v", i, w)
					}
					continue
				}
				if w == nil {
					t.Errorf("result %d not waived, want %s", i, want)
					continue
				}
				got := w.Origin + ":" + w.Pattern + ":" + strconv.Itoa(w.Source.Line)
				if got != want || w.CheckID != out[i].CheckID || w.Address != out[i].Address || w.Reason == "" {
					t.Errorf("result %d waiver = %+v, want %s", i, w, want)
				}
			}
			if len(expired) != len(tt.expired) {
				t.Fatalf("expired = %+v", expired)
			}
			for i, e := range expired {
				if e.CheckID != "PA901" || e.Name != "waiver-expired" || e.Severity != finding.Warning || e.Status != finding.Fail ||
					e.Address != tt.expired[i] || e.Source == nil || e.Source.File != ".privapi.hcl" ||
					e.Fix != "renew the expiry date or fix the finding and delete the waiver" {
					t.Errorf("expired %d = %+v", i, e)
				}
			}
			for i := range results {
				if results[i].Waiver != nil || results[i].CheckID != orig[i].CheckID {
					t.Fatal("Apply modified its input")
				}
			}
		})
	}
}

func TestExpiredMessage(t *testing.T) {
	ws := waivers(t, cfgSrc)
	now := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	results := []finding.Result{
		res("PA113", `module.edge["a"].aws_vpc_endpoint.this`, finding.Fail),
		res("PA113", `module.edge["b"].aws_vpc_endpoint.this`, finding.Unverified),
		res("PA113", `module.edge["c"].aws_vpc_endpoint.this`, finding.Pass),
	}
	_, expired := Apply(results, ws, nil, now)
	if len(expired) != 2 {
		t.Fatalf("expired = %+v", expired)
	}
	e := expired[0]
	want := `The waiver for check PA113 on "module.edge[*].aws_vpc_endpoint.this" expired on 2027-01-31 (reason: "default SG locked down by org policy"); the 2 findings it covered are reported again.`
	if e.Message != want {
		t.Errorf("message = %q\nwant      %q", e.Message, want)
	}
	if e.Source.Line != 1 || e.Subject == "" || e.Related == nil {
		t.Errorf("expired = %+v", e)
	}
	if !strings.Contains(expired[1].Message, "it matches no current finding") {
		t.Errorf("message = %q", expired[1].Message)
	}
	for _, e := range expired {
		for _, s := range []string{e.Message, e.Fix} {
			if strings.Contains(strings.ToLower(s), "fail") {
				t.Errorf("%q contains fail (Atlantis judges output by that word)", s)
			}
		}
	}
}

func TestApplyKeepsExistingWaiver(t *testing.T) {
	ws := waivers(t, cfgSrc)
	r := res("PA201", "aws_security_group.legacy", finding.Fail)
	r.Waiver = &finding.Waiver{Origin: "inline", Reason: "first"}
	out, _ := Apply([]finding.Result{r}, ws, nil, time.Now())
	if out[0].Waiver.Reason != "first" {
		t.Errorf("existing waiver replaced: %+v", out[0].Waiver)
	}
}

func TestApplyInlineCalledOncePerAddress(t *testing.T) {
	calls := 0
	inline := func(string) []Inline { calls++; return nil }
	rs := []finding.Result{res("PA1", "a.b", finding.Fail), res("PA2", "a.b", finding.Fail), res("PA3", "a.c", finding.Fail)}
	Apply(rs, nil, inline, time.Now())
	if calls != 2 {
		t.Errorf("inline called %d times, want 2", calls)
	}
}

func TestUnused(t *testing.T) {
	ws := waivers(t, cfgSrc)
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	results := []finding.Result{
		res("PA113", `module.edge[0].aws_vpc_endpoint.this`, finding.Pass), // fixed: does not count
		res("PA201", `aws_security_group.legacy`, finding.Fail),
	}
	un := Unused(results, ws, now)
	if len(un) != 1 {
		t.Fatalf("unused = %+v", un)
	}
	u := un[0]
	if u.CheckID != "PA902" || u.Name != "waiver-unused" || u.Severity != finding.Info || u.Status != finding.Fail ||
		u.Address != "module.edge[*].aws_vpc_endpoint.this" || u.Source.Line != 1 || !strings.Contains(u.Message, "matches no finding") {
		t.Errorf("unused = %+v", u)
	}
}
