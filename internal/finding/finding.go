// Package finding holds what checks produce and reports consume: results per
// check and subject, with severity, status, the resources involved and where
// they are written in the .tf source.
package finding

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
)

// Severity of a check or finding. The zero value is Info.
type Severity int

const (
	Info Severity = iota
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return "info"
}

// ParseSeverity reads error, warning or info (any case).
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "error":
		return Error, nil
	case "warning":
		return Warning, nil
	case "info":
		return Info, nil
	}
	return Info, fmt.Errorf("unknown severity %q (want error, warning or info)", s)
}

// MarshalText writes the lower-case name, as in the JSON contract.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads the lower-case name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Status of one check on one subject.
type Status string

const (
	// Pass: the check proved the subject fine.
	Pass Status = "pass"
	// Fail: the check proved the subject broken.
	Fail Status = "fail"
	// Unverified: the deciding value is unknown until apply. Never a pass.
	Unverified Status = "unverified"
)

// Source is a place in a .tf file, or in the configuration file for the
// endpoints and clients it declares. File is relative to the repository root
// (or to --path-prefix), with forward slashes. EndLine is the last line of
// the range (0 when unknown; in JSON, left out).
type Source struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	EndLine int    `json:"end_line,omitempty"`
}

// Spot tells where in the .tf source a result is best shown, when that is not
// the block of its address: the attribute Attr (or nested block type) of the
// block of Address, narrowed to the first line that writes Text (matched
// ignoring case) when Text is set. Empty Attr means the whole block.
type Spot struct {
	Address string
	Attr    string
	Text    string
}

// Result is one check's verdict on one subject.
type Result struct {
	CheckID  string   `json:"id"`
	Name     string   `json:"name"`
	Severity Severity `json:"severity"`
	Status   Status   `json:"status"`
	// Address is the resource the result is about (where it is located).
	Address string `json:"address"`
	// Related lists the other resources of the subject (endpoint, client, ...).
	Related []string `json:"related"`
	// API is the address of the REST API the subject belongs to ("" if none);
	// reports group by it.
	API string `json:"-"`
	// Subject describes the pairing judged, e.g. "endpoint aws_vpc_endpoint.x, client aws_instance.c".
	Subject string  `json:"-"`
	Message string  `json:"message"`
	Fix     string  `json:"fix"`
	Source  *Source `json:"source"`
	Doc     string  `json:"doc"`
	// Spot, when set, is where the source location should point instead
	// of the block of Address.
	Spot *Spot `json:"-"`
	// Waiver is set when a waiver suppressed the result.
	Waiver *Waiver `json:"-"`
	// Undeclared, on an unverified result, names what .privapi.hcl leaves
	// out and would settle it when stated, e.g. "nacls_allow_https in
	// endpoint.shared": the doubt is not a value known only after apply.
	// Empty when some doubt is.
	Undeclared string `json:"-"`
}

// Waiver records why a result is suppressed.
type Waiver struct {
	CheckID string `json:"id"`
	Address string `json:"address"`
	Pattern string `json:"pattern"`
	Reason  string `json:"reason"`
	Expires string `json:"expires,omitempty"`
	// Origin is where the waiver was written: "config" or "inline".
	Origin string  `json:"origin"`
	Source *Source `json:"source,omitempty"`
}

// IsFinding reports whether the result is shown as a finding (not a pass).
func (r *Result) IsFinding() bool { return r.Status != Pass }

// Key is a stable identity of the result across runs: check, address,
// related resources and subject. Reports use it for fingerprints.
func (r *Result) Key() string {
	return r.CheckID + "|" + r.Address + "|" + strings.Join(r.Related, ",") + "|" + r.Subject
}

// Fingerprint is the stable identity of a result across runs, commits and
// line moves (SARIF's partialFingerprints, baselines): a hash of Key.
func (r *Result) Fingerprint() string {
	sum := sha256.Sum256([]byte(r.Key()))
	return hex.EncodeToString(sum[:])
}

// Sort orders results deterministically: by API, severity (highest first),
// check ID, address, related, subject, message; results equal in all of
// these keep their order (a stable sort).
//
// It sorts indexes, not the results (a Result is a few hundred bytes, and a
// stable sort moves each element many times), with each result's related
// list joined at most once, then moves every result into place once.
func Sort(rs []Result) {
	if len(rs) < 2 {
		return
	}
	// each result's related list joined when a comparison first gets that
	// far, once
	related := make([]string, len(rs))
	joined := make([]bool, len(rs))
	rel := func(i int32) string {
		if !joined[i] {
			related[i], joined[i] = strings.Join(rs[i].Related, ","), true
		}
		return related[i]
	}
	idx := make([]int32, len(rs))
	for i := range idx {
		idx[i] = int32(i)
	}
	// a stable order: equal keys keep their input order (the index decides
	// last), so an unstable sort, which compares less often, gives it
	slices.SortFunc(idx, func(i, j int32) int {
		a, b := &rs[i], &rs[j]
		if c := cmp.Compare(a.API, b.API); c != 0 {
			return c
		}
		if c := cmp.Compare(b.Severity, a.Severity); c != 0 {
			return c
		}
		if c := cmp.Compare(a.CheckID, b.CheckID); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Address, b.Address); c != 0 {
			return c
		}
		if c := cmp.Compare(rel(i), rel(j)); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Subject, b.Subject); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Message, b.Message); c != 0 {
			return c
		}
		return cmp.Compare(i, j)
	})
	// position k receives rs[idx[k]]: follow each cycle of the permutation
	// (no second slice of results)
	for k := range idx {
		if int(idx[k]) == k {
			continue
		}
		tmp := rs[k]
		j := k
		for {
			i := int(idx[j])
			idx[j] = int32(j)
			if i == k {
				rs[j] = tmp
				break
			}
			rs[j] = rs[i]
			j = i
		}
	}
}

// Summary counts findings (non-pass, non-waived results).
type Summary struct {
	Errors     int `json:"errors"`
	Warnings   int `json:"warnings"`
	Infos      int `json:"infos"`
	Unverified int `json:"unverified"`
}

// Summarize counts failing findings by severity and unverified ones apart.
func Summarize(rs []Result) Summary {
	var s Summary
	for i := range rs {
		r := &rs[i]
		if r.Waiver != nil {
			continue
		}
		switch r.Status {
		case Unverified:
			s.Unverified++
		case Fail:
			switch r.Severity {
			case Error:
				s.Errors++
			case Warning:
				s.Warnings++
			default:
				s.Infos++
			}
		}
	}
	return s
}

// Threshold is the --fail-on level; None never fails.
type Threshold struct {
	None     bool
	Severity Severity
}

// ParseThreshold reads error|warning|info|none.
func ParseThreshold(s string) (Threshold, error) {
	if strings.EqualFold(strings.TrimSpace(s), "none") {
		return Threshold{None: true}, nil
	}
	sev, err := ParseSeverity(s)
	if err != nil {
		return Threshold{}, fmt.Errorf("unknown --fail-on level %q (want error, warning, info or none)", s)
	}
	return Threshold{Severity: sev}, nil
}

func (t Threshold) String() string {
	if t.None {
		return "none"
	}
	return t.Severity.String()
}

// Fails reports whether a result makes the run fail: a failing result at or
// above the threshold, or, with strict, an unverified one at or above it.
// Waived results never fail.
func (t Threshold) Fails(r *Result, strict bool) bool {
	if t.None || r.Waiver != nil || r.Severity < t.Severity {
		return false
	}
	return r.Status == Fail || (strict && r.Status == Unverified)
}

// AnyFails reports whether any result fails the run.
func (t Threshold) AnyFails(rs []Result, strict bool) bool {
	for i := range rs {
		if t.Fails(&rs[i], strict) {
			return true
		}
	}
	return false
}
