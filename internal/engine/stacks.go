package engine

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/model"
	"github.com/privapi/privapi/internal/planfile"
	"github.com/privapi/privapi/internal/waiver/addr"
)

// Context is another stack's plan or state whose network, endpoints, APIs
// and clients join the checked plan's view (privapi check --with).
type Context struct {
	// Name names the stack in addresses ("network:aws_vpc.main"); "" takes
	// it from Path (see StackName).
	Name string
	// Path is a plan or state JSON file or a binary plan file.
	Path string
}

// Stack is one joined input as a report names it.
type Stack struct {
	Name string
	Path string
	Kind string // plan | state
}

// ParseContext reads a --with value: PATH or NAME=PATH.
func ParseContext(s string) Context {
	if name, path, ok := strings.Cut(s, "="); ok && name != "" && validStack(name) {
		return Context{Name: name, Path: path}
	}
	return Context{Path: s}
}

func validStack(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return s != ""
}

// StackName derives a stack's name from the path of its plan or state:
// the file's name without extensions, or, for the usual names (plan.json,
// state.json, tfplan.json, terraform.tfstate.json, tfplan), the name of
// its directory. Characters other than letters, digits, - and _ become -.
func StackName(path string) string {
	base := filepath.Base(path)
	stem := base
	for _, ext := range []string{".json", ".tfplan", ".tfstate", ".plan", ".state"} {
		stem = strings.TrimSuffix(stem, ext)
	}
	switch strings.ToLower(stem) {
	case "", "plan", "state", "tfplan", "terraform", "tfstate", "show", "-":
		stem = filepath.Base(filepath.Dir(path))
		if abs, err := filepath.Abs(path); err == nil && (stem == "." || stem == "/" || stem == "") {
			stem = filepath.Base(filepath.Dir(abs))
		}
	}
	var b strings.Builder
	for _, r := range stem {
		if validStack(string(r)) {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	if b.Len() == 0 {
		return "stack"
	}
	return b.String()
}

// loadContexts reads the context inputs into qualified models, naming
// each stack uniquely (own is the checked plan's name, never taken).
func loadContexts(cs []Context, own string, opts planfile.Options) ([]*model.Model, []Stack, error) {
	taken := map[string]bool{own: true}
	var models []*model.Model
	var stacks []Stack
	for _, c := range cs {
		name := c.Name
		if name == "" {
			name = StackName(c.Path)
		}
		if c.Name != "" && taken[name] {
			return nil, nil, fmt.Errorf("--with %s=%s: the stack name %s is taken", c.Name, c.Path, name)
		}
		for base, n := name, 2; taken[name]; n++ {
			name = fmt.Sprintf("%s-%d", base, n)
		}
		taken[name] = true
		doc, err := planfile.Load(c.Path, opts)
		if err != nil {
			return nil, nil, err
		}
		var m *model.Model
		if doc.Kind == planfile.KindPlan {
			m = model.FromPlan(doc.Plan, nil)
		} else {
			m = model.FromState(doc.State, nil)
		}
		m.Qualify(name)
		models = append(models, m)
		stacks = append(stacks, Stack{Name: name, Path: doc.Path, Kind: string(doc.Kind)})
	}
	return models, stacks, nil
}

// ownResult reports whether a result concerns the checked plan: its
// subject, its API or one of its related addresses is the checked plan's
// (unqualified), or it is about the join itself.
func ownResult(r *finding.Result) bool {
	return r.CheckID == StackConflictID || ownSubject(r.Address, r.API, r.Related)
}

// ownSubject is ownResult for a subject that is not the join itself:
// address, api ("" for none) and related (empty strings ignored: a result's
// list never holds one).
func ownSubject(address, api string, related []string) bool {
	if addr.StackOf(address) == "" || (api != "" && addr.StackOf(api) == "") {
		return true
	}
	for _, a := range related {
		if a != "" && addr.StackOf(a) == "" {
			return true
		}
	}
	return false
}

// StackConflictID is the check that reports ids two inputs disagree on.
const StackConflictID = "PA601"

// stackNames lists the names of the context stacks, in rank order.
func stackNames(stacks []Stack) []string {
	names := make([]string, len(stacks))
	for i, s := range stacks {
		names[i] = s.Name
	}
	return names
}
