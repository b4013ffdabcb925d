// Package baseline records the findings of a run so that later runs hide
// them: the way to adopt privapi on infrastructure that already has
// findings. An entry has the shape of a waiver (check ID, address, reason,
// expiry) plus the finding's fingerprint, the one SARIF reports, which
// stays the same across runs and line moves; an entry is promoted to a
// waiver by writing a waiver block with its check and address and a real
// reason.
package baseline

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"sort"

	"github.com/privapi/privapi/internal/finding"
)

// FormatVersion is the version of the file format.
const FormatVersion = "1"

// Origin is the origin of the suppressions a baseline sets.
const Origin = "baseline"

// File is a baseline file.
type File struct {
	FormatVersion string  `json:"format_version"`
	Entries       []Entry `json:"baseline"`

	matched map[int]bool     // entries that hid a finding (Apply)
	byFP    map[string][]int // entries by fingerprint
}

// Entry is one recorded finding.
type Entry struct {
	ID      string  `json:"id"`
	Address string  `json:"address"`
	Reason  string  `json:"reason"`
	Expires *string `json:"expires"`
	// Plan is the plan the finding was reported for, as the command line
	// named it ("" matches every plan).
	Plan        string `json:"plan,omitempty"`
	Fingerprint string `json:"fingerprint"`
	// Message is the finding's message when it was recorded (for people).
	Message string `json:"message,omitempty"`
}

// Reason is the reason recorded for every entry.
const Reason = "in the baseline: existing finding recorded when privapi was adopted"

// Add records the findings of one plan that no waiver covers.
func (f *File) Add(plan string, results []finding.Result) {
	for i := range results {
		r := &results[i]
		if !r.IsFinding() || r.Waiver != nil {
			continue
		}
		f.Entries = append(f.Entries, Entry{ID: r.CheckID, Address: r.Address, Reason: Reason, Plan: plan, Fingerprint: r.Fingerprint(), Message: r.Message})
	}
}

// Write writes the file, entries sorted by plan, check and address.
func (f *File) Write(path string) error {
	f.FormatVersion = FormatVersion
	if f.Entries == nil {
		f.Entries = []Entry{}
	}
	sort.SliceStable(f.Entries, func(i, j int) bool {
		a, b := f.Entries[i], f.Entries[j]
		if a.Plan != b.Plan {
			return a.Plan < b.Plan
		}
		if a.ID != b.ID {
			return a.ID < b.ID
		}
		if a.Address != b.Address {
			return a.Address < b.Address
		}
		return a.Fingerprint < b.Fingerprint
	})
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(f); err != nil {
		return err
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("writing baseline %s: %v", path, err)
	}
	return nil
}

// maxSize bounds the baseline file read.
const maxSize = 64 << 20

// Read reads a baseline file.
func Read(path string) (*File, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("baseline %s: cannot open: %v", path, err)
	}
	if !st.Mode().IsRegular() || st.Size() > maxSize {
		return nil, fmt.Errorf("baseline %s: not a regular file of at most %d MB", path, maxSize>>20)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("baseline %s: cannot read: %v", path, err)
	}
	var f File
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("baseline %s: not a privapi baseline (JSON written by --create-baseline): %v", path, err)
	}
	if f.FormatVersion != FormatVersion {
		return nil, fmt.Errorf("baseline %s: format_version %q, want %q", path, f.FormatVersion, FormatVersion)
	}
	for i, e := range f.Entries {
		if e.ID == "" || len(e.Fingerprint) != 64 {
			return nil, fmt.Errorf("baseline %s: entry %d has no id or no fingerprint", path, i+1)
		}
	}
	return &f, nil
}

// Apply marks the findings of plan that an entry lists as suppressed
// (origin "baseline") and returns how many it hid. An entry matches by
// fingerprint, preferably one recorded for the same plan path, else one
// recorded for any plan (the path may be written differently from run to
// run). Entries that matched are remembered for Stale.
func (f *File) Apply(plan string, results []finding.Result) int {
	idx := f.index()
	n := 0
	for i := range results {
		r := &results[i]
		if !r.IsFinding() || r.Waiver != nil {
			continue
		}
		cands := idx[r.Fingerprint()]
		if len(cands) == 0 {
			continue
		}
		j := cands[0]
		for _, c := range cands {
			if f.Entries[c].Plan == plan {
				j = c
				break
			}
		}
		e := &f.Entries[j]
		r.Waiver = &finding.Waiver{CheckID: r.CheckID, Address: r.Address, Pattern: r.Address, Reason: e.Reason, Expires: deref(e.Expires), Origin: Origin}
		f.used()[j] = true
		n++
	}
	return n
}

// Stale lists the entries that matched no finding of the plans applied.
func (f *File) Stale() []Entry {
	var out []Entry
	for i, e := range f.Entries {
		if !f.used()[i] {
			out = append(out, e)
		}
	}
	return out
}

// index maps fingerprints to entries (built once).
func (f *File) index() map[string][]int {
	if f.byFP == nil {
		f.byFP = make(map[string][]int, len(f.Entries))
		for i, e := range f.Entries {
			f.byFP[e.Fingerprint] = append(f.byFP[e.Fingerprint], i)
		}
	}
	return f.byFP
}

func (f *File) used() map[int]bool {
	if f.matched == nil {
		f.matched = map[int]bool{}
	}
	return f.matched
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
