package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// isPlanFile reports whether a directory entry is a plan privapi check
// looks for in a directory: *.tfplan.json, tfplan.json or a binary
// *.tfplan.
func isPlanFile(name string) bool {
	return name == "tfplan.json" || strings.HasSuffix(name, ".tfplan.json") || strings.HasSuffix(name, ".tfplan")
}

// expandPlans turns the PLAN arguments into the plans to check: a file as
// it is, a directory searched (recursively, skipping .terraform and hidden
// directories) for plan files, sorted. dir reports whether any argument was
// a directory.
func expandPlans(args []string) (plans []string, dir bool, err error) {
	for _, a := range args {
		st, err := os.Stat(a)
		if a == "-" || err != nil || !st.IsDir() {
			plans = append(plans, a) // planfile.Load says what is wrong with it
			continue
		}
		dir = true
		var found []string
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if p != a && (d.Name() == ".terraform" || strings.HasPrefix(d.Name(), ".")) {
					return filepath.SkipDir
				}
				return nil
			}
			if isPlanFile(d.Name()) && d.Type().IsRegular() {
				found = append(found, p)
			}
			return nil
		})
		if err != nil {
			return nil, dir, usagef("searching %s: %v", a, err)
		}
		if len(found) == 0 {
			return nil, dir, usagef("%s: no plan found (looked for *.tfplan.json, tfplan.json and binary *.tfplan files)", a)
		}
		sort.Strings(found)
		plans = append(plans, found...)
	}
	return plans, dir, nil
}

// perPlanFile names a format's output file for one of several plans: the
// plan's name before the extension (report.json → report.orders.json).
func perPlanFile(file, plan string) string {
	ext := filepath.Ext(file)
	return strings.TrimSuffix(file, ext) + "." + planLabel(plan) + ext
}

// planLabel is a short file-name-safe name for a plan: its directory's
// name for tfplan.json, else its name without extensions.
func planLabel(plan string) string {
	base := filepath.Base(plan)
	stem := strings.TrimSuffix(strings.TrimSuffix(base, ".json"), ".tfplan")
	if stem == "tfplan" || stem == "" {
		stem = filepath.Base(filepath.Dir(plan))
	}
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return '-'
	}, stem)
}
