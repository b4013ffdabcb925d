// Package engine runs the one-way pipeline from a decoded plan or state to
// check results: source → model → topology → checks → locations. The CLI,
// the fixture tests and the benchmarks all call it, so they judge the same
// way.
package engine

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"net/netip"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/privapi/privapi/checks"
	"github.com/privapi/privapi/internal/config"
	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/model"
	"github.com/privapi/privapi/internal/planfile"
	"github.com/privapi/privapi/internal/reach"
	"github.com/privapi/privapi/internal/source"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
	"github.com/privapi/privapi/internal/waiver"
)

// Analysis is everything derived from one input.
type Analysis struct {
	Doc *planfile.Document
	// SourceDir is the absolute root module directory ("" without source).
	SourceDir string
	Source    *source.Config
	Model     *model.Model
	View      *topology.View
	// Diags are the problems that did not stop the run (unparsable .tf
	// files), as warnings with the file's range where one is known.
	Diags hcl.Diagnostics
	// DisplayPath, when set, renders an absolute .tf path for outputs (the
	// CLI makes it relative to the repository root); by default paths are
	// relative to SourceDir.
	DisplayPath func(abs string) string

	scanned map[string]*waiver.File
	netOnce sync.Once
	net     *reach.Net
}

// Analyze builds the model and view. srcDir may be "" (no source).
func Analyze(doc *planfile.Document, srcDir string) (*Analysis, error) {
	return analyze(doc, srcDir, nil, topology.Inputs{}, false)
}

// analyze is Analyze with the models of other stacks (qualified, see
// model.Qualify) absorbed before the view is built, and the view's other
// inputs (the stacks' names, the declarations of the configuration file).
// With owned set the caller hands doc over: the decoded resource changes
// and prior state are dropped once the model is built (see release).
func analyze(doc *planfile.Document, srcDir string, others []*model.Model, in topology.Inputs, owned bool) (*Analysis, error) {
	a := &Analysis{Doc: doc}
	if srcDir != "" {
		abs, err := filepath.Abs(srcDir)
		if err != nil {
			return nil, err
		}
		cfg, err := source.Load(abs)
		if err != nil {
			a.Diags = append(a.Diags, &hcl.Diagnostic{Severity: hcl.DiagWarning,
				Summary: fmt.Sprintf("reading .tf source in %s: %v (continuing without source)", srcDir, err)})
		} else {
			a.SourceDir, a.Source = abs, cfg
			for _, w := range cfg.Warnings {
				d := *w
				d.Summary += " (continuing without that file)"
				a.Diags = append(a.Diags, &d)
			}
		}
	}
	switch doc.Kind {
	case planfile.KindPlan:
		a.Model = model.FromPlan(doc.Plan, a.Source)
	default:
		a.Model = model.FromState(doc.State, a.Source)
	}
	if owned {
		release(doc)
	}
	for _, o := range others {
		a.Model.Absorb(o)
	}
	a.View = topology.BuildWith(a.Model, in)
	if owned {
		a.Model.DropIndexes()    // the view is built: what it read is in it
		a.Model.ForgetResolved() // nor the values it resolved: the checks read the view
		// Collect now, while the build's garbage is largest and the live
		// heap smallest: the collector's next goal (twice the live heap)
		// starts from here instead of from the peak of the build. On the
		// 100k shared-endpoint plan peak RSS went 587 -> 494 MB, and with
		// it ~23k page faults (each new heap page faults once).
		runtime.GC()
	}
	return a, nil
}

// release drops the parts of a decoded plan or state that the model has
// copied what it needs from: the resource change and resource records (the
// model keeps their values as the same text, and their configuration). On
// a 100k-instance plan they are ~100 MB that would otherwise stay alive
// through the checks. The plan is replaced by a copy without them (planfile
// decodes it inside a larger record that the old one keeps alive); the
// document keeps its path, kind and versions.
func release(doc *planfile.Document) {
	if p := doc.Plan; p != nil {
		cp := *p
		cp.ResourceChanges, cp.PriorState = nil, nil
		doc.Plan = &cp
	}
	if s := doc.State; s != nil {
		cp := *s
		cp.Values = nil
		doc.State = &cp
	}
}

// EvalDiags returns the warnings of evaluating the source (a file read
// refused), sorted. They exist only once checks have read the attributes,
// so call it after Check.
func (a *Analysis) EvalDiags() hcl.Diagnostics {
	if a.Model == nil {
		return nil
	}
	var diags hcl.Diagnostics
	for _, w := range a.Model.Warnings() {
		diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: w})
	}
	return diags
}

// Net is the reachability of the view (the API–endpoint–client pairs and
// what is derived from them), built once on first use: the checks and
// the path drawings of the reports share it.
func (a *Analysis) Net() *reach.Net {
	a.netOnce.Do(func() { a.net = reach.NewNet(a.View) })
	return a.net
}

// Check runs the checks and fills in source locations.
func (a *Analysis) Check(opts checks.Options) []finding.Result {
	opts.Net = a.Net
	rs := checks.Run(a.View, opts)
	a.finish(rs)
	return rs
}

// CheckCounted is Check with the passes counted, not returned (see
// checks.RunCounted): passed counts those that keep accepts.
func (a *Analysis) CheckCounted(opts checks.Options, keep checks.PassFilter) (results []finding.Result, passed int) {
	opts.Net = a.Net
	rs, passed := checks.RunCounted(a.View, opts, keep)
	a.finish(rs)
	return rs, passed
}

// finish locates the results in the source and takes sensitive values and
// symbolic tokens out of their texts.
func (a *Analysis) finish(rs []finding.Result) {
	a.Locate(rs)
	redact(rs, a.secrets())
	displayTokens(rs)
}

// displayTokens writes every symbolic token left in a message, fix or
// subject as ${address.attr}: tokens never reach users (package symbol).
func displayTokens(rs []finding.Result) {
	for i := range rs {
		r := &rs[i]
		for _, s := range []*string{&r.Message, &r.Fix, &r.Subject} {
			if symbol.Contains(*s) {
				*s = symbol.Display(*s)
			}
		}
	}
}

// redact replaces every sensitive value that a message, fix or subject
// quotes by "(sensitive value)": a safety net on top of the sensitive marks
// that checks honour.
func redact(rs []finding.Result, secrets []string) {
	if len(secrets) == 0 {
		return
	}
	clean := cleaner(secrets)
	for i := range rs {
		rs[i].Message = clean(rs[i].Message)
		rs[i].Fix = clean(rs[i].Fix)
		rs[i].Subject = clean(rs[i].Subject)
	}
}

// Redactor returns the function that replaces every sensitive value in a
// text by "(sensitive value)", as in the results: for other outputs drawn
// from the view (the path graph).
func (a *Analysis) Redactor() func(string) string {
	return cleaner(a.secrets())
}

// secrets lists the strings no output may show, which Build found once
// (topology.View.SensitiveStrings).
func (a *Analysis) secrets() []string { return a.View.SensitiveStrings() }

// cleaner returns the function that redact applies to each text.
func cleaner(secrets []string) func(string) string {
	if len(secrets) == 0 {
		return func(s string) string { return s }
	}
	// longest first, so that a secret containing another is replaced whole
	secrets = append([]string(nil), secrets...)
	sort.Slice(secrets, func(i, j int) bool {
		return len(secrets[i]) > len(secrets[j]) || len(secrets[i]) == len(secrets[j]) && secrets[i] < secrets[j]
	})
	r := strings.NewReplacer(pairs(secrets)...)
	var nets []netip.Prefix
	for _, s := range secrets {
		if p, err := netip.ParsePrefix(s); err == nil {
			nets = append(nets, p.Masked())
		} else if a, err := netip.ParseAddr(s); err == nil {
			nets = append(nets, netip.PrefixFrom(a, a.BitLen()))
		}
	}
	return func(s string) string {
		s = r.Replace(s)
		if len(nets) == 0 {
			return s
		}
		// addresses derived from a sensitive range (a sub-range, a host) are
		// as telling as the range itself
		return addrPattern.ReplaceAllStringFunc(s, func(m string) string {
			p, err := netip.ParsePrefix(m)
			if err != nil {
				a, err := netip.ParseAddr(m)
				if err != nil {
					return m
				}
				p = netip.PrefixFrom(a, a.BitLen())
			}
			for _, n := range nets {
				if n.Overlaps(p.Masked()) && n.Bits() > 0 && p.Bits() > 0 {
					return "(sensitive value)"
				}
			}
			return m
		})
	}
}

// addrPattern finds IPv4 and IPv6 addresses and CIDR ranges in text.
var addrPattern = regexp.MustCompile(`\b(?:\d{1,3}\.){3}\d{1,3}(?:/\d{1,2})?\b|\b[0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{0,4}){2,7}(?:/\d{1,3})?`)

// pairs lists each secret and the forms a message may quote it in — as it
// is, escaped by %q or %+q, JSON-escaped, HTML-escaped — each with its
// replacement. The forms are longer than the secret when they differ, so
// the longest-first order still holds well enough: the replacer tries the
// pairs in order at each position.
func pairs(secrets []string) []string {
	out := make([]string, 0, 2*len(secrets))
	seen := map[string]bool{}
	add := func(form string) {
		if form != "" && !seen[form] {
			seen[form] = true
			out = append(out, form, "(sensitive value)")
		}
	}
	for _, s := range secrets {
		for _, form := range secretForms(s) {
			add(form)
		}
	}
	return out
}

// secretForms returns s and its escaped forms, escaped ones first.
func secretForms(s string) []string {
	inner := func(q string) string { return q[1 : len(q)-1] }
	var forms []string
	if q := inner(strconv.Quote(s)); q != s {
		forms = append(forms, q)
	}
	if q := inner(strconv.QuoteToASCII(s)); q != s {
		forms = append(forms, q)
	}
	if b, err := json.Marshal(s); err == nil {
		if q := inner(string(b)); q != s {
			forms = append(forms, q)
		}
	}
	if q := html.EscapeString(s); q != s {
		forms = append(forms, q)
	}
	return append(forms, s)
}

// Locate sets Source on results: at the attribute their Spot names when the
// source has it, else at the block of their address.
func (a *Analysis) Locate(rs []finding.Result) {
	for i := range rs {
		if rs[i].Source != nil {
			continue
		}
		if sp := rs[i].Spot; sp != nil {
			if src := a.spotSource(sp); src != nil {
				rs[i].Source = src
				continue
			}
		}
		if _, r := a.block(rs[i].Address); r != nil {
			rs[i].Source = a.rangeSource(hcl.RangeBetween(r.Range, r.Body.SrcRange), r.Range.Start.Line)
			continue
		}
		rs[i].Source = a.declaredSource(rs[i].Address, rs[i].Spot)
	}
}

// declaredSource locates a result on an endpoint or client that the
// configuration file declares: the attribute its Spot names when the block
// sets it, else the block. nil when addr is not declared there.
func (a *Analysis) declaredSource(addr string, sp *finding.Spot) *finding.Source {
	if a.View == nil {
		return nil
	}
	d := a.View.DeclaredAt(addr)
	if d == nil {
		return nil
	}
	file := d.File
	if abs, err := filepath.Abs(file); err == nil {
		file = abs
	}
	src := &finding.Source{File: a.display(file), Line: d.Line, EndLine: d.EndLine}
	if sp != nil && sp.Address == addr {
		for _, name := range declaredAttrs(sp.Attr) {
			if l, ok := d.Attrs[name]; ok {
				src.Line, src.EndLine = l, l
				break
			}
		}
	}
	return src
}

// declaredAttrs lists the .privapi.hcl attributes that say what the plan's
// attribute attr says: the policy of a declared endpoint is policy or
// policy_file.
func declaredAttrs(attr string) []string {
	if attr == "policy" {
		return []string{"policy", "policy_file"}
	}
	if attr == "" {
		return nil
	}
	return []string{attr}
}

// Location maps a resource instance address to the file and first line of
// its block ("" when unknown). The file is shown as DisplayPath renders it.
func (a *Analysis) Location(addr string) (string, int) {
	_, r := a.block(addr)
	if r == nil {
		return "", 0
	}
	return a.display(r.Range.Filename), r.Range.Start.Line
}

// display renders an absolute .tf path for people: DisplayPath when set, else
// relative to the source root.
func (a *Analysis) display(file string) string {
	if a.DisplayPath != nil {
		return a.DisplayPath(file)
	}
	if rel, err := filepath.Rel(a.SourceDir, file); err == nil && !strings.HasPrefix(rel, "..") {
		file = rel
	}
	return filepath.ToSlash(file)
}

// block finds the .tf block of an instance address.
func (a *Analysis) block(addr string) (*source.Module, *source.Resource) {
	if a.Source == nil {
		return nil, nil
	}
	inst := a.Model.Instance(addr)
	if inst == nil {
		return nil, nil
	}
	return a.Model.SourceResource(inst)
}

// rangeSource turns an hcl range into a Source; line is the line to show
// first (the block header for blocks).
func (a *Analysis) rangeSource(r hcl.Range, line int) *finding.Source {
	if r.Filename == "" {
		return nil
	}
	src := &finding.Source{File: a.display(r.Filename), Line: line, EndLine: r.End.Line}
	if src.EndLine < src.Line {
		src.EndLine = src.Line
	}
	return src
}

// spotSource locates a Spot: the attribute (or first nested block) of the
// block, narrowed to the line that writes Text. When the attribute does not
// write Text itself, the locals and data blocks it refers to are searched
// (one level). nil when the block or attribute is not in the source.
func (a *Analysis) spotSource(sp *finding.Spot) *finding.Source {
	mod, r := a.block(sp.Address)
	if r == nil {
		return nil
	}
	rng := hcl.RangeBetween(r.Range, r.Body.SrcRange)
	var expr hclsyntax.Expression
	if sp.Attr != "" {
		if at, ok := r.Body.Attributes[sp.Attr]; ok {
			rng, expr = at.SrcRange, at.Expr
		} else if b := firstBlock(r.Body, sp.Attr); b != nil {
			rng = hcl.RangeBetween(b.TypeRange, b.Body.SrcRange)
		} else {
			return nil
		}
	}
	if sp.Text != "" {
		if l, ok := textLine(mod, rng, sp.Text); ok {
			return a.rangeSource(hcl.Range{Filename: rng.Filename, Start: hcl.Pos{Line: l}, End: hcl.Pos{Line: l}}, l)
		}
		if expr != nil {
			for _, t := range expr.Variables() {
				tr, ok := referredRange(mod, t)
				if !ok {
					continue
				}
				if l, ok := textLine(mod, tr, sp.Text); ok {
					return a.rangeSource(hcl.Range{Filename: tr.Filename, Start: hcl.Pos{Line: l}, End: hcl.Pos{Line: l}}, l)
				}
			}
		}
	}
	return a.rangeSource(rng, rng.Start.Line)
}

func firstBlock(b *hclsyntax.Body, typ string) *hclsyntax.Block {
	for _, blk := range b.Blocks {
		if blk.Type == typ {
			return blk
		}
	}
	return nil
}

// referredRange is the range of what a traversal names in mod: a local's
// expression or a data or managed resource's block.
func referredRange(mod *source.Module, t hcl.Traversal) (hcl.Range, bool) {
	names := []string{t.RootName()}
	for _, step := range t[1:] {
		at, ok := step.(hcl.TraverseAttr)
		if !ok {
			break
		}
		names = append(names, at.Name)
	}
	switch {
	case names[0] == "local" && len(names) > 1:
		if l, ok := mod.Locals[names[1]]; ok {
			return l.SrcRange, true
		}
	case names[0] == "data" && len(names) > 2:
		if r, ok := mod.Resources["data."+names[1]+"."+names[2]]; ok {
			return hcl.RangeBetween(r.Range, r.Body.SrcRange), true
		}
	case len(names) > 1:
		if r, ok := mod.Resources[names[0]+"."+names[1]]; ok {
			return hcl.RangeBetween(r.Range, r.Body.SrcRange), true
		}
	}
	return hcl.Range{}, false
}

// textLine finds the line of the first occurrence of text (ASCII case
// ignored) within rng of its file.
func textLine(mod *source.Module, rng hcl.Range, text string) (int, bool) {
	data := mod.Files[rng.Filename]
	if rng.Start.Byte < 0 || rng.End.Byte > len(data) || rng.Start.Byte >= rng.End.Byte {
		return 0, false
	}
	seg := data[rng.Start.Byte:rng.End.Byte]
	i := bytes.Index(bytes.ToLower(seg), bytes.ToLower([]byte(text)))
	if i < 0 {
		return 0, false
	}
	return rng.Start.Line + bytes.Count(seg[:i], []byte("\n")), true
}

// InlineWaivers returns the `# privapi:ignore` comments that apply to the
// resource block of addr.
func (a *Analysis) InlineWaivers(addr string) []waiver.Inline {
	if a.Source == nil {
		return nil
	}
	inst := a.Model.Instance(addr)
	if inst == nil {
		return nil
	}
	mod, r := a.Model.SourceResource(inst)
	if r == nil {
		return nil
	}
	if a.scanned == nil {
		a.scanned = map[string]*waiver.File{}
	}
	f, ok := a.scanned[r.Range.Filename]
	if !ok {
		rel, _ := a.Location(addr)
		f = waiver.Scan(rel, mod.Files[r.Range.Filename])
		a.scanned[r.Range.Filename] = f
	}
	return f.At(r.Range.Start.Line)
}

// Declare builds the view again with the endpoints and clients declared in
// the configuration file (the view Build made is never changed).
func (a *Analysis) Declare(cfg *config.Config) {
	a.View = topology.BuildWith(a.Model, topology.Inputs{Declared: Declarations(cfg)})
	a.netOnce, a.net = sync.Once{}, nil
}
