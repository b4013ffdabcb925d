package waiver

import (
	"fmt"
	"strings"
	"time"

	"github.com/privapi/privapi/internal/config"
	"github.com/privapi/privapi/internal/finding"
)

// The checks this package reports on waivers themselves. Waivers never
// match their results.
const (
	ExpiredID    = "PA901"
	ExpiredName  = "waiver-expired"
	ExpiredTitle = "A waiver in .privapi.hcl has expired"
	ExpiredFix   = "renew the expiry date or fix the finding and delete the waiver"

	UnusedID    = "PA902"
	UnusedName  = "waiver-unused"
	UnusedTitle = "A waiver in .privapi.hcl matches no finding"
	UnusedFix   = "delete the waiver if the finding was fixed or the resource is gone, or correct its check ID or address pattern"
)

// Origins of a finding.Waiver.
const (
	OriginConfig = "config"
	OriginInline = "inline"
)

func isMeta(checkID string) bool { return strings.HasPrefix(checkID, "PA9") }

// waivable reports whether a waiver may be set on r.
func waivable(r *finding.Result) bool {
	return r.Status != finding.Pass && r.Waiver == nil && !isMeta(r.CheckID)
}

// Apply marks the results that a waiver covers and reports expired config
// waivers.
//
// out holds results in the same order, in which each failing or
// unverified result covered by a waiver has Waiver set (results itself is
// never modified: out is a copy once a waiver applies, else results); passes, results of
// PA9xx and results already waived are left alone. Config waivers are tried
// first, in file order, then the inline waivers that inline returns for the
// result's Address (inline may be nil; it is called once per address). The
// first waiver that covers a result is recorded.
//
// A config waiver that has expired at now (see config.Waiver.Expired) does
// not apply; instead expired holds one PA901 (waiver-expired, warning, fail)
// result for it, located at the waiver block, whatever it would have
// matched. The caller appends expired to the results, after applying check
// overrides to them like to any other result.
func Apply(results []finding.Result, cfg []config.Waiver, inline func(address string) []Inline, now time.Time) (out []finding.Result, expired []finding.Result) {
	out = results
	copied := false

	var active []*config.Waiver
	for i := range cfg {
		w := &cfg[i]
		if w.Expired(now) {
			expired = append(expired, expiredResult(w, results))
			continue
		}
		active = append(active, w)
	}

	cache := map[string][]Inline{}
	inlineFor := func(address string) []Inline {
		if inline == nil {
			return nil
		}
		ins, ok := cache[address]
		if !ok {
			ins = inline(address)
			cache[address] = ins
		}
		return ins
	}

	// set gives out[i] a waiver, copying results first (once).
	set := func(i int, w *finding.Waiver) {
		if !copied {
			out = make([]finding.Result, len(results))
			copy(out, results)
			copied = true
		}
		out[i].Waiver = w
	}
	for i := range results {
		r := &results[i]
		if !waivable(r) {
			continue
		}
		waived := false
		for _, w := range active {
			if w.Matches(r.CheckID, r.Address) {
				set(i, &finding.Waiver{
					CheckID: r.CheckID,
					Address: r.Address,
					Pattern: w.Pattern,
					Reason:  w.Reason,
					Expires: w.Expires,
					Origin:  OriginConfig,
					Source:  w.Pos.Source(),
				})
				waived = true
				break
			}
		}
		if waived {
			continue
		}
		for _, in := range inlineFor(r.Address) {
			if in.Covers(r.CheckID) {
				set(i, &finding.Waiver{
					CheckID: r.CheckID,
					Address: r.Address,
					Pattern: r.Address,
					Reason:  in.Reason,
					Origin:  OriginInline,
					Source:  &finding.Source{File: in.File, Line: in.Line},
				})
				break
			}
		}
	}
	return out, expired
}

// matching counts the findings a waiver covers.
func matching(w *config.Waiver, results []finding.Result) int {
	n := 0
	for i := range results {
		r := &results[i]
		if r.Status != finding.Pass && w.Matches(r.CheckID, r.Address) {
			n++
		}
	}
	return n
}

func describe(w *config.Waiver) string {
	check := "check " + w.CheckID
	if w.CheckID == "*" {
		check = "every check"
	}
	return fmt.Sprintf("waiver for %s on %q", check, w.Pattern)
}

func expiredResult(w *config.Waiver, results []finding.Result) finding.Result {
	n := matching(w, results)
	var tail string
	switch n {
	case 0:
		tail = "it matches no current finding"
	case 1:
		tail = "the finding it covered is reported again"
	default:
		tail = fmt.Sprintf("the %d findings it covered are reported again", n)
	}
	return finding.Result{
		CheckID:  ExpiredID,
		Name:     ExpiredName,
		Severity: finding.Warning,
		Status:   finding.Fail,
		Address:  w.Pattern,
		Related:  []string{},
		Subject:  fmt.Sprintf("waiver %s %s expires %s", w.CheckID, w.Pattern, w.Expires),
		Message:  fmt.Sprintf("The %s expired on %s (reason: %q); %s.", describe(w), w.Expires, w.Reason, tail),
		Fix:      ExpiredFix,
		Source:   w.Pos.Source(),
	}
}

// Unused reports, as PA902 (waiver-unused, info, fail), each config waiver
// that has not expired at now and covers none of the findings in results
// (passes do not count: a waiver whose finding was fixed is unused).
// Expired waivers are left to PA901.
//
// It is meaningful only for waivers of checks that ran: the caller passes
// only those (and "*" waivers). With one .privapi.hcl shared by several
// stacks of which only one is in the plan, waivers for the rest are
// reported; such a file can disable PA902 with a check block.
func Unused(results []finding.Result, cfg []config.Waiver, now time.Time) []finding.Result {
	var out []finding.Result
	for i := range cfg {
		w := &cfg[i]
		if w.Expired(now) || matching(w, results) > 0 {
			continue
		}
		out = append(out, finding.Result{
			CheckID:  UnusedID,
			Name:     UnusedName,
			Severity: finding.Info,
			Status:   finding.Fail,
			Address:  w.Pattern,
			Related:  []string{},
			Subject:  fmt.Sprintf("waiver %s %s", w.CheckID, w.Pattern),
			Message:  fmt.Sprintf("The %s matches no finding (reason: %q).", describe(w), w.Reason),
			Fix:      UnusedFix,
			Source:   w.Pos.Source(),
		})
	}
	return out
}
