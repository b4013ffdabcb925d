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

var runbookVerdict = regexp.MustCompile("privapi check (PA1[0-9]{2}) (passes|fails|cannot decide) on `([^`]+)`")

// TestRunbookAgreesWithCheck runs privapi check and privapi runbook on the
// same inputs: every network finding of the check that fails or is
// unverified is in the runbook with the same check, outcome and resource,
// and the runbook reports no such outcome the check does not. The runbook
// must never tell a user that a path is open where the check says it is
// closed, or the other way round.
func TestRunbookAgreesWithCheck(t *testing.T) {
	dirs, err := filepath.Glob("../../fixtures/net-*")
	if err != nil {
		t.Fatal(err)
	}
	good, _ := filepath.Glob("../../fixtures/good-*")
	dirs = append(dirs, good...)
	dirs = append(dirs, "../../fixtures/dns-remote-client-private-dns", "../../fixtures/model-applied-state", "../../fixtures/split-stack-declared")
	if len(dirs) < 30 {
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
				Findings []struct{ ID, Status, Address string }
			}
			if err := json.Unmarshal([]byte(out), &rep); err != nil {
				t.Fatalf("check: %v\n%s", err, errs)
			}
			want := map[string]bool{}
			for _, f := range rep.Findings {
				if !netFamily[f.ID] {
					continue
				}
				switch f.Status {
				case "fail":
					want[f.ID+" fails on "+f.Address] = true
				case "unverified":
					want[f.ID+" cannot decide on "+f.Address] = true
				}
			}
			code, rb, errs := runCLI(t, "", "runbook", input)
			if code != exitOK {
				t.Fatalf("runbook: exit %d: %s", code, errs)
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
