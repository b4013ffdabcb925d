package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// netFamily is the network checks whose verdicts the runbook's step 3
// repeats (reach: EndpointMissing, ClientReach, Ingress, Egress, NACLs).
var netFamily = map[string]bool{"PA101": true, "PA110": true, "PA111": true, "PA112": true, "PA114": true}

// logFamily is the logging checks whose verdicts step 5 repeats for every
// stage of an API the runbook has steps for (topology.ExecutionLogging,
// Stage.AccessLogs), and dnsFamily the DNS checks step 2 repeats for the
// endpoint of a section (PA401) and the API through it (PA402).
var (
	logFamily = map[string]bool{"PA501": true, "PA502": true, "PA504": true}
	dnsFamily = map[string]bool{"PA401": true, "PA402": true}
)

var (
	runbookVerdict = regexp.MustCompile("privapi check (PA[0-9]{3}) (passes|fails|cannot decide) on `([^`]+)`")
	// runbookSection is the title of a section with steps (not the one of
	// an API without an endpoint).
	runbookSection = regexp.MustCompile(`(?m)^== API (\S+) through endpoint (\S+)`)
)

// TestRunbookAgreesWithCheck runs privapi check and privapi runbook on
// every fixture: every network finding of the check that fails or is
// unverified, and every logging (PA501, PA502, PA504) and DNS (PA401,
// PA402) one on an API or endpoint the runbook has steps for, is in the
// runbook with the same check, outcome and resource, and the runbook
// reports no such outcome the check does not. The runbook
// must never tell a user that a path is open where the check says it is
// closed, or the other way round.
func TestRunbookAgreesWithCheck(t *testing.T) {
	dirs, err := filepath.Glob("../../fixtures/*")
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) < 100 {
		t.Fatalf("only %d fixtures found", len(dirs))
	}
	for _, dir := range dirs {
		input := filepath.Join(dir, "plan.json")
		if _, err := os.Stat(input); err != nil {
			input = filepath.Join(dir, "state.json")
		}
		if _, err := os.Stat(input); err != nil {
			continue
		}
		t.Run(filepath.Base(dir), func(t *testing.T) {
			_, out, errs := runCLI(t, "", "check", "-f", "json", input)
			var rep struct {
				Findings []struct {
					ID, Status, Address string
					Related             []string
				}
			}
			if err := json.Unmarshal([]byte(out), &rep); err != nil {
				t.Fatalf("check: %v\n%s", err, errs)
			}
			code, rb, errs := runCLI(t, "", "runbook", input)
			if code != exitOK {
				t.Fatalf("runbook: exit %d: %s", code, errs)
			}
			apis, endpoints := map[string]bool{}, map[string]bool{}
			for _, m := range runbookSection.FindAllStringSubmatch(rb, -1) {
				apis[m[1]], endpoints[m[2]] = true, true
			}
			want := map[string]bool{}
			for _, f := range rep.Findings {
				if !netFamily[f.ID] && !spokenOf(f.ID, f.Address, f.Related, apis, endpoints) {
					continue
				}
				switch f.Status {
				case "fail":
					want[f.ID+" fails on "+f.Address] = true
				case "unverified":
					want[f.ID+" cannot decide on "+f.Address] = true
				}
			}
			got := map[string]bool{}
			for _, m := range runbookVerdict.FindAllStringSubmatch(rb, -1) {
				if m[2] != "passes" {
					got[m[1]+" "+m[2]+" on "+m[3]] = true
				}
			}
			if missing, extra := diffKeys(want, got); len(missing)+len(extra) > 0 {
				t.Errorf("the runbook and privapi check disagree:\n  only in check:   %s\n  only in runbook: %s", strings.Join(missing, "\n                   "), strings.Join(extra, "\n                   "))
			}
		})
	}
}

// spokenOf reports whether the runbook repeats a logging or DNS finding:
// a logging check's on a stage of an API with a section, PA401's on the
// endpoint of a section, PA402's on an API with a section.
func spokenOf(id, address string, related []string, apis, endpoints map[string]bool) bool {
	switch {
	case logFamily[id]:
		for _, r := range related {
			if apis[r] {
				return true
			}
		}
	case id == "PA401":
		return endpoints[address]
	case dnsFamily[id]:
		return apis[address]
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
