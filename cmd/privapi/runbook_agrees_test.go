package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/privapi/privapi/internal/engine"
	"github.com/privapi/privapi/internal/finding"
)

// netFamily is the network checks whose verdicts the runbook's step 3
// repeats (reach: EndpointMissing, ClientReach, Ingress, Egress, NACLs).
var netFamily = map[string]bool{"PA101": true, "PA110": true, "PA111": true, "PA112": true, "PA114": true}

// logFamily is the logging checks whose verdicts step 5 repeats for every
// stage of an API the runbook has steps for (topology.ExecutionLogging,
// Stage.AccessLogs), and dnsFamily the DNS checks step 2 repeats for the
// endpoint of a section (PA401, reach.VPCDNS), the API through it (PA402)
// and its client (PA405, reach.Net.RemoteDNS).
var (
	logFamily = map[string]bool{"PA501": true, "PA502": true, "PA504": true}
	dnsFamily = map[string]bool{"PA401": true, "PA402": true, "PA405": true}
)

// passFamily is the checks whose passes are compared too: the runbook says
// "passes" exactly where privapi check passes. Each must pass, fail and be
// unverified on some fixture, or the comparison proves little.
var passFamily = []string{"PA401", "PA405"}

var (
	runbookVerdict = regexp.MustCompile("privapi check (PA[0-9]{3}) (passes|fails|cannot decide) on `([^`]+)`")
	// runbookSection is the title of a section with steps (not the one of
	// an API without an endpoint), with its client when it has one.
	runbookSection = regexp.MustCompile(`(?m)^== API (\S+) through endpoint (\S+)(?: from client (\S+))?`)
)

// TestRunbookAgreesWithCheck runs privapi check and privapi runbook on
// every fixture: every network finding of the check that fails or is
// unverified, and every logging (PA501, PA502, PA504) and DNS (PA401,
// PA402, PA405) one on an API, endpoint or client the runbook has steps
// for, is in the runbook with the same check, outcome and resource, and the
// runbook reports no such outcome the check does not; for PA401 and PA405
// the passes are compared too. The runbook must never tell a user that a
// path is open where the check says it is closed, or the other way round.
func TestRunbookAgreesWithCheck(t *testing.T) {
	dirs, err := filepath.Glob("../../fixtures/*")
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) < 100 {
		t.Fatalf("only %d fixtures found", len(dirs))
	}
	pass := map[string]bool{}
	for _, id := range passFamily {
		pass[id] = true
	}
	seen := map[string]bool{} // "PA401 passes", … over every fixture
	inputs, ran := 0, 0
	for _, dir := range dirs {
		input := filepath.Join(dir, "plan.json")
		if _, err := os.Stat(input); err != nil {
			input = filepath.Join(dir, "state.json")
		}
		if _, err := os.Stat(input); err != nil {
			continue
		}
		inputs++
		t.Run(filepath.Base(dir), func(t *testing.T) {
			ran++
			// what privapi check runs, with the passes kept
			res, diags := engine.Runner{FindSource: true, FindConfig: true}.Run(context.Background(), engine.Inputs{Plan: input})
			if err := engine.Err(diags); err != nil {
				t.Fatalf("check: %v", err)
			}
			code, rb, errs := runCLI(t, "", "runbook", input)
			if code != exitOK {
				t.Fatalf("runbook: exit %d: %s", code, errs)
			}
			sec := sections{apis: map[string]bool{}, endpoints: map[string]bool{}, clients: map[[2]string]bool{}}
			for _, m := range runbookSection.FindAllStringSubmatch(rb, -1) {
				sec.apis[m[1]], sec.endpoints[m[2]] = true, true
				if m[3] != "" {
					sec.clients[[2]string{m[1], m[3]}] = true
				}
			}
			want := map[string]bool{}
			for _, f := range res.Results {
				if !netFamily[f.CheckID] && !sec.spokenOf(f) {
					continue
				}
				switch {
				case f.Status == finding.Fail:
					want[f.CheckID+" fails on "+f.Address] = true
				case f.Status == finding.Unverified:
					want[f.CheckID+" cannot decide on "+f.Address] = true
				case f.Status == finding.Pass && pass[f.CheckID]:
					want[f.CheckID+" passes on "+f.Address] = true
				}
			}
			got := map[string]bool{}
			for _, m := range runbookVerdict.FindAllStringSubmatch(rb, -1) {
				if m[2] != "passes" || pass[m[1]] {
					got[m[1]+" "+m[2]+" on "+m[3]] = true
					seen[m[1]+" "+m[2]] = true
				}
			}
			if missing, extra := diffKeys(want, got); len(missing)+len(extra) > 0 {
				t.Errorf("the runbook and privapi check disagree:\n  only in check:   %s\n  only in runbook: %s", strings.Join(missing, "\n                   "), strings.Join(extra, "\n                   "))
			}
		})
	}
	if ran < inputs {
		return // some fixtures were left out (-run): the outcomes seen are not all there are
	}
	for _, id := range passFamily {
		for _, outcome := range []string{"passes", "fails", "cannot decide"} {
			if !seen[id+" "+outcome] {
				t.Errorf("no fixture where the runbook says privapi check %s %s: add one, or the agreement of %s is not tested", id, outcome, id)
			}
		}
	}
}

// sections are what the runbook has steps for: APIs and endpoints of its
// sections, and (API, client) pairs.
type sections struct {
	apis, endpoints map[string]bool
	clients         map[[2]string]bool
}

// spokenOf reports whether the runbook repeats a logging or DNS finding:
// a logging check's on a stage of an API with a section, PA401's on the
// endpoint of a section, PA402's on an API with a section, PA405's on the
// client of a section of its API.
func (s sections) spokenOf(f finding.Result) bool {
	switch {
	case logFamily[f.CheckID]:
		for _, r := range f.Related {
			if s.apis[r] {
				return true
			}
		}
	case f.CheckID == "PA401":
		return s.endpoints[f.Address]
	case f.CheckID == "PA405":
		return s.clients[[2]string{f.API, f.Address}]
	case dnsFamily[f.CheckID]:
		return s.apis[f.Address]
	}
	return false
}

func diffKeys(want, got map[string]bool) (missing, extra []string) {
	for k := range want {
		if !got[k] {
			missing = append(missing, k)
		}
	}
	for k := range got {
		if !want[k] {
			extra = append(extra, k)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	return missing, extra
}
