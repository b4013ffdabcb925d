// Package source reads a Terraform configuration's .tf files with hcl/v2 so
// that privapi can see what plan JSON leaves out: locals, the structure of
// expressions (jsonencode, templates, heredocs), lifecycle blocks and the
// file:line of every resource.
//
// Only native-syntax .tf files are read (.tf.json files are skipped). Local
// modules are followed through their `source` path, remote ones through
// .terraform/modules/modules.json when it exists. A file that does not parse
// yields a warning and is skipped: privapi then works from the plan alone for
// what that file declared.
package source

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// Module is one module directory's configuration.
type Module struct {
	// Dir is the directory, absolute.
	Dir string
	// Resources by config address inside the module ("aws_vpc.main", "data.aws_region.current").
	Resources map[string]*Resource
	Locals    map[string]*hclsyntax.Attribute
	Variables map[string]*Variable
	Outputs   map[string]*hclsyntax.Attribute
	// SensitiveOutputs holds the outputs that say sensitive = true.
	SensitiveOutputs map[string]bool
	Calls            map[string]*Call
	// Files holds the raw bytes of each parsed file (for inline comments), by absolute path.
	Files map[string][]byte
}

// Resource is one resource or data block.
type Resource struct {
	Mode, Type, Name string
	Body             *hclsyntax.Body
	Range            hcl.Range
	// CreateBeforeDestroy is the lifecycle setting when written as a literal.
	CreateBeforeDestroy *bool
	// DependsOn lists the traversals written in depends_on, as text.
	DependsOn []string
}

// Variable is a variable block.
type Variable struct {
	Default hcl.Expression // nil when there is no default
	Range   hcl.Range
	// Sensitive is true when the block says sensitive = true.
	Sensitive bool
}

// Call is a module block.
type Call struct {
	Name   string
	Source string
	Body   *hclsyntax.Body
	Range  hcl.Range
	// Module is the called module's configuration (nil when it could not be found).
	Module *Module
}

// Config is a whole configuration: the root module and everything it calls.
type Config struct {
	Root *Module
	// Warnings are the files that could not be read or parsed and the
	// module calls that could not be followed (warning severity, with the
	// range of the file or call where one is known).
	Warnings hcl.Diagnostics
	// Tree is the real path (symlinks resolved) of the source tree: the
	// repository root when the root module is inside a Git work tree, else
	// the root module's directory. Nothing outside it is read: not a .tf
	// file, not a module, not a file() argument (see Within).
	Tree string

	loaded map[string]*Module // by real directory: a directory is read once
}

// maxModuleDepth caps how deep module calls are followed. Terraform has no
// such limit, but no configuration nests modules this deep, and a hostile
// one must not make the loader walk forever.
const maxModuleDepth = 32

// ErrOutsideTree is returned by Within for a path whose real location is
// outside the source tree.
var ErrOutsideTree = errors.New("outside the source tree")

// Within resolves every symlink in path and returns its real location if
// that is inside the source tree (the tree itself included); otherwise an
// error, ErrOutsideTree when the path exists elsewhere. A nil Config holds
// nothing.
func (c *Config) Within(path string) (string, error) {
	if c == nil || c.Tree == "" {
		return "", ErrOutsideTree
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return "", err
	}
	if !inside(c.Tree, real) {
		return "", ErrOutsideTree
	}
	return real, nil
}

// inside reports whether path is root or below it (both clean, absolute).
func inside(root, path string) bool {
	rel, err := filepath.Rel(root, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// treeRoot returns the real path of the repository root holding dir (the
// nearest directory at or above it with a .git entry), else of dir itself.
func treeRoot(dir string) (string, error) {
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return "", err
	}
	for d := real; ; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return real, nil
		}
		d = parent
	}
}

// Load reads the root module in dir and the local modules it calls.
func Load(dir string) (*Config, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	tree, err := treeRoot(abs)
	if err != nil {
		return nil, err
	}
	c := &Config{loaded: map[string]*Module{}, Tree: tree}
	installed := c.readModulesJSON(abs)
	root, err := c.loadModule(abs, abs, "", installed, map[string]bool{})
	if err != nil {
		return nil, err
	}
	c.Root = root
	return c, nil
}

// HasTF reports whether dir holds at least one .tf file.
func HasTF(dir string) bool {
	m, _ := filepath.Glob(filepath.Join(dir, "*.tf"))
	return len(m) > 0
}

// loadModule reads one module directory and, recursively, the modules it
// calls. A directory is parsed once and shared by every call of it, however
// it is reached (directories are compared by real path, symlinks
// resolved); a call that leads back to an enclosing module (a cycle), out of
// the source tree or deeper than maxModuleDepth is not followed.
func (c *Config) loadModule(rootDir, dir, key string, installed map[string]string, enclosing map[string]bool) (*Module, error) {
	realDir, err := c.Within(dir)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", dir, err)
	}
	if m, ok := c.loaded[realDir]; ok {
		return m, nil
	}
	m := &Module{
		Dir:       dir,
		Resources: map[string]*Resource{},
		Locals:    map[string]*hclsyntax.Attribute{},
		Variables: map[string]*Variable{},
		Outputs:   map[string]*hclsyntax.Attribute{},
		Calls:     map[string]*Call{},
		Files:     map[string][]byte{},
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.tf"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	for _, f := range files {
		if strings.HasSuffix(f, "_override.tf") || filepath.Base(f) == "override.tf" {
			continue
		}
		src, err := c.readInside(f)
		if err != nil {
			c.warn(err.Error(), &hcl.Range{Filename: f})
			continue
		}
		file, diags := hclsyntax.ParseConfig(src, f, hcl.Pos{Line: 1, Column: 1})
		if diags.HasErrors() {
			c.Warnings = append(c.Warnings, firstDiag(diags))
			continue
		}
		m.Files[f] = src
		body, ok := file.Body.(*hclsyntax.Body)
		if !ok {
			continue
		}
		m.addBody(body)
	}
	c.loaded[realDir] = m
	enclosing[realDir] = true
	defer delete(enclosing, realDir)
	names := make([]string, 0, len(m.Calls))
	for name := range m.Calls {
		names = append(names, name)
	}
	sort.Strings(names) // warnings in a stable order
	for _, name := range names {
		call := m.Calls[name]
		childKey := name
		if key != "" {
			childKey = key + "." + name
		}
		childDir := ""
		switch {
		case strings.HasPrefix(call.Source, "./") || strings.HasPrefix(call.Source, "../"):
			childDir = filepath.Join(dir, call.Source)
		case installed[childKey] != "":
			childDir = filepath.Join(rootDir, installed[childKey])
		}
		if childDir == "" {
			continue
		}
		childDir = filepath.Clean(childDir)
		if strings.Count(childKey, ".")+1 > maxModuleDepth {
			c.warn(fmt.Sprintf("module %q: nested deeper than %d modules; not followed", childKey, maxModuleDepth), &call.Range)
			continue
		}
		if st, err := os.Stat(childDir); err != nil || !st.IsDir() {
			c.warn(fmt.Sprintf("module %q: source %s not found", childKey, childDir), &call.Range)
			continue
		}
		realChild, err := c.Within(childDir)
		if err != nil {
			c.warn(fmt.Sprintf("module %q: source %s: %v; not followed", childKey, call.Source, err), &call.Range)
			continue
		}
		if enclosing[realChild] {
			c.warn(fmt.Sprintf("module %q: source %s leads back to an enclosing module; not followed", childKey, call.Source), &call.Range)
			continue
		}
		child, err := c.loadModule(rootDir, childDir, childKey, installed, enclosing)
		if err != nil {
			return nil, err
		}
		call.Module = child
	}
	return m, nil
}

func firstDiag(diags hcl.Diagnostics) *hcl.Diagnostic {
	for _, d := range diags {
		if d.Severity == hcl.DiagError {
			return &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: d.Summary, Subject: d.Subject}
		}
	}
	return &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: diags.Error()}
}

// warn records a warning, at r when it is known.
func (c *Config) warn(msg string, r *hcl.Range) {
	c.Warnings = append(c.Warnings, &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: msg, Subject: r})
}

func (m *Module) addBody(body *hclsyntax.Body) {
	for _, b := range body.Blocks {
		switch b.Type {
		case "resource", "data":
			if len(b.Labels) != 2 {
				continue
			}
			r := &Resource{Mode: "managed", Type: b.Labels[0], Name: b.Labels[1], Body: b.Body, Range: b.DefRange()}
			addr := b.Labels[0] + "." + b.Labels[1]
			if b.Type == "data" {
				r.Mode = "data"
				addr = "data." + addr
			}
			r.readMeta()
			m.Resources[addr] = r
		case "locals":
			for name, a := range b.Body.Attributes {
				m.Locals[name] = a
			}
		case "variable":
			if len(b.Labels) != 1 {
				continue
			}
			v := &Variable{Range: b.DefRange(), Sensitive: literalTrue(b.Body, "sensitive")}
			if a, ok := b.Body.Attributes["default"]; ok {
				v.Default = a.Expr
			}
			m.Variables[b.Labels[0]] = v
		case "output":
			if len(b.Labels) != 1 {
				continue
			}
			if a, ok := b.Body.Attributes["value"]; ok {
				m.Outputs[b.Labels[0]] = a
			}
			if literalTrue(b.Body, "sensitive") {
				if m.SensitiveOutputs == nil {
					m.SensitiveOutputs = map[string]bool{}
				}
				m.SensitiveOutputs[b.Labels[0]] = true
			}
		case "module":
			if len(b.Labels) != 1 {
				continue
			}
			call := &Call{Name: b.Labels[0], Body: b.Body, Range: b.DefRange()}
			if a, ok := b.Body.Attributes["source"]; ok {
				if v, diags := a.Expr.Value(nil); !diags.HasErrors() && v.Type().FriendlyName() == "string" && v.IsKnown() && !v.IsNull() {
					call.Source = v.AsString()
				}
			}
			m.Calls[b.Labels[0]] = call
		}
	}
}

// literalTrue reports whether the body sets name to the literal true.
func literalTrue(body *hclsyntax.Body, name string) bool {
	a, ok := body.Attributes[name]
	if !ok {
		return false
	}
	v, diags := a.Expr.Value(nil)
	return !diags.HasErrors() && v.IsKnown() && !v.IsNull() && v.Type().FriendlyName() == "bool" && v.True()
}

func (r *Resource) readMeta() {
	for _, b := range r.Body.Blocks {
		if b.Type != "lifecycle" {
			continue
		}
		if a, ok := b.Body.Attributes["create_before_destroy"]; ok {
			if v, diags := a.Expr.Value(nil); !diags.HasErrors() && v.IsKnown() && !v.IsNull() && v.Type().FriendlyName() == "bool" {
				cbd := v.True()
				r.CreateBeforeDestroy = &cbd
			}
		}
	}
	if a, ok := r.Body.Attributes["depends_on"]; ok {
		for _, t := range a.Expr.Variables() {
			r.DependsOn = append(r.DependsOn, traversalString(t))
		}
	}
}

// traversalString renders a traversal such as aws_vpc.main or module.x.
func traversalString(t hcl.Traversal) string {
	var b strings.Builder
	for i, step := range t {
		switch s := step.(type) {
		case hcl.TraverseRoot:
			b.WriteString(s.Name)
		case hcl.TraverseAttr:
			if i > 0 {
				b.WriteByte('.')
			}
			b.WriteString(s.Name)
		case hcl.TraverseIndex:
			b.WriteString(fmt.Sprintf("[%s]", s.Key.GoString()))
		}
	}
	return b.String()
}

// readModulesJSON maps module keys ("a.b") to their installed directory,
// relative to the root, from .terraform/modules/modules.json.
func (c *Config) readModulesJSON(root string) map[string]string {
	data, err := c.readInside(filepath.Join(root, ".terraform", "modules", "modules.json"))
	if err != nil {
		return nil
	}
	var doc struct {
		Modules []struct {
			Key string `json:"Key"`
			Dir string `json:"Dir"`
		} `json:"Modules"`
	}
	if json.Unmarshal(data, &doc) != nil {
		return nil
	}
	out := map[string]string{}
	for _, m := range doc.Modules {
		if m.Key != "" {
			out[m.Key] = m.Dir
		}
	}
	return out
}

// Find returns the module reached by following call names from the root
// (module path without instance keys, e.g. ["ep", "inner"]).
func (c *Config) Find(calls []string) *Module {
	if c == nil || c.Root == nil {
		return nil
	}
	m := c.Root
	for _, name := range calls {
		call, ok := m.Calls[name]
		if !ok || call.Module == nil {
			return nil
		}
		m = call.Module
	}
	return m
}

// maxFile bounds the .tf and modules.json files read: a checkout is
// untrusted, and a symlink to /dev/zero must not exhaust memory.
const maxFile = 16 << 20

// readInside reads a file whose real location is inside the source tree.
func (c *Config) readInside(path string) ([]byte, error) {
	real, err := c.Within(path)
	if err != nil {
		return nil, err
	}
	return readRegular(real)
}

// readRegular reads a regular file of at most maxFile bytes; anything else
// (a named pipe, a device) is an error rather than a hang.
func readRegular(path string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file")
	}
	if st.Size() > maxFile {
		return nil, fmt.Errorf("larger than %d bytes", maxFile)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxFile+1))
	if err == nil && len(b) > maxFile {
		err = fmt.Errorf("larger than %d bytes", maxFile)
	}
	return b, err
}
