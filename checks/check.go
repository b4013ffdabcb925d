// Package checks holds privapi's checks, one file per check, and the
// registry that runs them. A check reads the topology view only — never
// JSON, flags or files — and judges each subject (an API, an (API, endpoint)
// or (API, endpoint, client) pairing) as pass, fail or unverified.
//
// Adding a check: one file with a *Check and its Run function, its
// documentation in docs/<ID>.md, one line in the registry list
// (registry.go) and its fixture under fixtures/.
package checks

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/reach"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

// Check is one rule.
type Check struct {
	ID       string
	Name     string
	Severity finding.Severity
	// Varies lists, for each other severity the check can report, when it
	// does (e.g. {finding.Info: "the endpoint's subnets are in one
	// Availability Zone"}). `privapi checks` and `explain` show it.
	Varies map[finding.Severity]string
	// Title is one line.
	Title string
	// Doc explains what AWS does, why it breaks, how to fix it, and the
	// AWS and Terraform documentation it rests on (Markdown). It is read
	// from docs/<ID>.md.
	Doc string
	// Run judges the view; nil for the waiver checks (PA9xx), whose
	// results the waiver step reports.
	Run func(v *topology.View, r *Reporter)
}

// SeverityText is the listed severity, with the others the check can
// report and when: "error", or "error; info when …".
func (c *Check) SeverityText() string {
	if len(c.Varies) == 0 {
		return c.Severity.String()
	}
	var parts []string
	for _, sev := range []finding.Severity{finding.Error, finding.Warning, finding.Info} {
		if when, ok := c.Varies[sev]; ok {
			parts = append(parts, sev.String()+" when "+when)
		}
	}
	return c.Severity.String() + "; " + strings.Join(parts, "; ")
}

// SeverityShort is the listed severity with the others the check can
// report, for a table column: "error", or "error (or info)".
func (c *Check) SeverityShort() string {
	var others []string
	for _, sev := range []finding.Severity{finding.Error, finding.Warning, finding.Info} {
		if _, ok := c.Varies[sev]; ok {
			others = append(others, sev.String())
		}
	}
	if len(others) == 0 {
		return c.Severity.String()
	}
	return c.Severity.String() + " (or " + strings.Join(others, ", ") + ")"
}

// Reports says whether the check can report severity sev.
func (c *Check) Reports(sev finding.Severity) bool {
	_, ok := c.Varies[sev]
	return ok || sev == c.Severity
}

// HelpURI is the documentation link of a check.
func (c *Check) HelpURI() string {
	return "https://github.com/privapi/privapi/blob/main/" + DocsPath + "#" + Anchor(c.ID)
}

// All returns every check sorted by ID.
func All() []*Check {
	return append([]*Check(nil), registry...)
}

// Lookup finds a check by ID (case-insensitive) or name.
func Lookup(id string) *Check {
	for _, c := range All() {
		if strings.EqualFold(c.ID, id) || strings.EqualFold(c.Name, id) {
			return c
		}
	}
	return nil
}

// Subject is what a result is about.
type Subject struct {
	// API the subject belongs to (nil for none).
	API *topology.API
	// Address is the resource the result is located at.
	Address string
	// Related lists the other resources involved.
	Related []string
	// Describe names the pairing for people, e.g. "endpoint aws_vpc_endpoint.x → client aws_instance.c".
	Describe string
	// Spot, when set, is where in the .tf source the result is shown
	// instead of the block of Address (the attribute that is wrong).
	Spot *finding.Spot
	// pair, when Describe is empty and pair.api is set, is the pairing
	// whose reach.Pair.Describe names the subject: built only for a result
	// that is recorded, not for a pass that is only counted (pairSubject).
	pair pairing
	// relPair: the pairing's API, endpoint and client (when set) are
	// related too, besides Related; relAPI: the API is. Neither list is
	// built for a pass that is only counted (see related).
	relPair, relAPI bool
	// desc, when Describe is empty and pair.api is nil, are the pieces
	// whose concatenation names the subject: joined only for a result that
	// is recorded (see lazyDescribe).
	desc [6]string
	// clean, when set, is the result's related list (cleanRelated) for
	// Related as long as it is still cleanFrom: shared by the results of
	// several checks on one subject (pa2ApiPolicy.Subject).
	clean, cleanFrom []string
}

// pairing is what reach.Pair.Describe reads of a pair, kept by a subject
// (a whole reach.Pair is five times the size, and a subject is copied
// into every Pass).
type pairing struct {
	api      *topology.API
	endpoint *topology.Endpoint
	client   *topology.Client
	source   reach.EndpointSource
}

// lazyDescribe returns s named by the concatenation of parts (at most six),
// joined only when a result is recorded.
func (s Subject) lazyDescribe(parts ...string) Subject {
	copy(s.desc[:], parts)
	return s
}

// describe is Describe, or the pairing's description, or the pieces of
// desc joined.
func (s *Subject) describe() string {
	switch {
	case s.Describe != "":
		return s.Describe
	case s.pair.api != nil:
		return reach.Pair{API: s.pair.api, Endpoint: s.pair.endpoint, Client: s.pair.client, Source: s.pair.source}.Describe()
	}
	n := 0
	for _, p := range s.desc {
		n += len(p)
	}
	if n == 0 {
		return ""
	}
	var b strings.Builder
	b.Grow(n)
	for _, p := range s.desc {
		b.WriteString(p)
	}
	return b.String()
}

// relatedCount is the number of addresses related reads, at most.
func (s *Subject) relatedCount() int {
	n := len(s.Related)
	if s.relAPI {
		n++
	}
	if s.relPair {
		n += 3
	}
	return n
}

// appendRelated appends the related resources to out: the API (relAPI),
// the pairing's (relPair), then Related.
func (s *Subject) appendRelated(out []string) []string {
	if s.relAPI && s.API != nil {
		out = append(out, s.API.Address)
	}
	if s.relPair {
		out = append(out, s.pair.api.Address, s.pair.endpoint.Address)
		if s.pair.client != nil {
			out = append(out, s.pair.client.Address)
		}
	}
	return append(out, s.Related...)
}

// related lists every related resource (the list a PassFilter reads).
func (s *Subject) related() []string {
	if !s.relAPI && !s.relPair {
		return s.Related
	}
	return s.appendRelated(make([]string, 0, s.relatedCount()))
}

// Reporter collects one check's results.
type Reporter struct {
	check   *Check
	helpURI string // check.HelpURI(), built once for all results
	// results in chunks (see add): a check with thousands of results
	// would otherwise copy its growing list again and again
	results [][]finding.Result
	// count: passes are counted in passed (those keep accepts), not
	// recorded as results (see RunCounted)
	count  bool
	keep   PassFilter
	passed int
	// net is the run's reachability, shared by every check of the run
	// (see Net)
	net *sharedNet
	// policies are the APIs' resource policies, read once per run (see
	// apiPolicy); nil for a reporter made alone
	policies *sharedPolicies
	// apis are the view's private APIs, listed once per run (see
	// privateAPIs); nil for a reporter made alone
	apis *sharedAPIs
}

// sharedNet is the reach.Net of one run: built once, by the first check
// that asks, and only read after (the Net writes nothing once built), so
// checks on several goroutines share it. A run whose checks never ask
// (--only PA301) does not build it.
type sharedNet struct {
	once  sync.Once
	v     *topology.View
	n     *reach.Net
	build func() *reach.Net // Options.Net, or nil
}

func (s *sharedNet) get() *reach.Net {
	s.once.Do(func() {
		if s.build != nil {
			s.n = s.build()
		} else {
			s.n = reach.NewNet(s.v)
		}
	})
	return s.n
}

// Net returns the reachability of v (the API–endpoint–client pairs and
// what is derived from them): the one the run builds once for every
// check. A reporter made alone (NewReporter) builds its own for v.
func (r *Reporter) Net(v *topology.View) *reach.Net {
	if r.net == nil || r.net.v != v {
		r.net = &sharedNet{v: v}
	}
	return r.net.get()
}

func (r *Reporter) add(s Subject, sev finding.Severity, st finding.Status, msg, fix string) {
	res := finding.Result{
		CheckID: r.check.ID, Name: r.check.Name, Severity: sev, Status: st,
		Address: s.Address, Related: s.cleanRelated(), Subject: s.describe(),
		Message: msg, Fix: fix, Doc: r.helpURI, Spot: s.Spot,
	}
	if s.API != nil {
		res.API = s.API.Address
	}
	last := len(r.results) - 1
	if last < 0 || len(r.results[last]) == cap(r.results[last]) {
		size := 16
		if last >= 0 {
			size = min(2*cap(r.results[last]), maxChunk)
		}
		r.results = append(r.results, make([]finding.Result, 0, size))
		last++
	}
	r.results[last] = append(r.results[last], res)
}

// maxChunk is the largest chunk of a Reporter's results.
const maxChunk = 1024

// message is fmt.Sprintf(format, args...), without the copy when the
// format is "%s" of one string (a message built whole beforehand).
func message(format string, args []any) string {
	if format == "%s" && len(args) == 1 {
		if s, ok := args[0].(string); ok {
			return s
		}
	}
	return fmt.Sprintf(format, args...)
}

// Pass records that the subject is proven fine.
func (r *Reporter) Pass(s Subject) {
	if !r.count {
		r.add(s, r.check.Severity, finding.Pass, "", "")
		return
	}
	if r.keep != nil {
		api := ""
		if s.API != nil {
			api = s.API.Address
		}
		if !r.keep(s.Address, api, s.related()) {
			return
		}
	}
	r.passed++
}

// Fail records a proven problem at the check's severity.
func (r *Reporter) Fail(s Subject, fix string, format string, args ...any) {
	r.add(s, r.check.Severity, finding.Fail, message(format, args), fix)
}

// FailAt records a proven problem at another severity (e.g. info for a weaker form).
func (r *Reporter) FailAt(sev finding.Severity, s Subject, fix string, format string, args ...any) {
	r.add(s, sev, finding.Fail, message(format, args), fix)
}

// Unverified records that the deciding value is unknown until apply.
func (r *Reporter) Unverified(s Subject, fix string, format string, args ...any) {
	r.add(s, r.check.Severity, finding.Unverified, message(format, args), fix)
}

// Undeclared records an unverified result that only facts .privapi.hcl
// leaves out hold back, not a value known only after apply: what names
// them and where to state them ("nacls_allow_https in endpoint.shared",
// finding.Result.Undeclared), and reports say to set them.
func (r *Reporter) Undeclared(s Subject, what, fix string, format string, args ...any) {
	r.add(s, r.check.Severity, finding.Unverified, message(format, args), fix)
	r.lastUndeclared(what)
}

// lastUndeclared sets Undeclared on the result reported last.
func (r *Reporter) lastUndeclared(what string) {
	last := r.results[len(r.results)-1]
	last[len(last)-1].Undeclared = what
}

// UnverifiedAt is Unverified at another severity.
func (r *Reporter) UnverifiedAt(sev finding.Severity, s Subject, fix string, format string, args ...any) {
	r.add(s, sev, finding.Unverified, message(format, args), fix)
}

// Settled records the verdict t on the subject at severity sev, settled
// for the subject's API by reach.Settle (the rule the runbook repeats):
// True passes; False fails, unless the API may not be PRIVATE, when it is
// unverified and msg says so (reach.PrivateNote); Unknown is unverified
// (with the same note when it applies).
func (r *Reporter) Settled(sev finding.Severity, s Subject, t symbol.Tri, fix, msg string) {
	t, _ = reach.Settle(t, s.API)
	switch t {
	case symbol.True:
		r.Pass(s)
	case symbol.False:
		r.FailAt(sev, s, fix, "%s", msg)
	default:
		r.UnverifiedAt(sev, s, fix, "%s%s", msg, reach.PrivateNote(s.API))
	}
}

// Results returns what was reported.
func (r *Reporter) Results() []finding.Result {
	var out []finding.Result
	for _, c := range r.results {
		out = append(out, c...)
	}
	return out
}

// resultCount is the number of results reported.
func (r *Reporter) resultCount() int {
	n := 0
	for _, c := range r.results {
		n += len(c)
	}
	return n
}

// cleanRelated is the result's related list: every related resource
// sorted, without "", the subject's address and duplicates (never nil).
func (s *Subject) cleanRelated() []string {
	if s.clean != nil && !s.relAPI && !s.relPair && len(s.Related) == len(s.cleanFrom) &&
		(len(s.Related) == 0 || &s.Related[0] == &s.cleanFrom[0]) {
		return s.clean
	}
	return dedupeInto(s.appendRelated(make([]string, 0, s.relatedCount())), s.Address)
}

// dedupeInto returns l sorted, without "", self and duplicates (never
// nil), reusing l's array.
func dedupeInto(l []string, self string) []string {
	out := l[:0]
	for _, s := range l {
		if s != "" && s != self {
			out = append(out, s)
		}
	}
	if len(out) < 2 {
		return out
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// Options select and tune checks.
type Options struct {
	// Enabled decides whether a check runs (nil = all).
	Enabled func(id string) bool
	// Severity overrides a check's severity (nil = none).
	Severity func(id string) (finding.Severity, bool)
	// Workers > 1 runs up to that many checks at once (never more than
	// GOMAXPROCS); the results are the same, in the same order: the view
	// and the run's reach.Net are only read once built (Build reads every
	// policy document and model value checks ask for). 0 or 1 runs them
	// one after another. engine.Runner runs one per CPU by default when
	// there are more than two.
	Workers int
	// Net returns the run's reachability when the caller keeps it for
	// other outputs too (engine.Analysis.Net); nil: the run builds its
	// own, if a check asks.
	Net func() *reach.Net
}

// PassFilter decides whether a pass about address (of the REST API api,
// "" for none, with the related resources related, which may hold "" and
// duplicates) counts.
type PassFilter func(address, api string, related []string) bool

// Run runs the checks on the view and returns every result, passes
// included, sorted.
func Run(v *topology.View, opts Options) []finding.Result {
	rs, _ := runChecks(v, opts, false, nil)
	return rs
}

// RunCounted is Run with the passes counted, not returned: results holds
// the failing and unverified results, sorted as Run sorts them (a pass
// never moves another result), and passed counts the passes that keep
// accepts (every pass when keep is nil). No report but the junit one
// lists passes; the others only count them, and a pass that is not built
// costs no result, no sort and no source lookup.
func RunCounted(v *topology.View, opts Options, keep PassFilter) (results []finding.Result, passed int) {
	return runChecks(v, opts, true, keep)
}

// runChecks runs the checks one after another, or with opts.Workers on
// several goroutines (see runEach); each check reports into its own
// Reporter and the results are joined in the checks' order either way.
func runChecks(v *topology.View, opts Options, count bool, keep PassFilter) ([]finding.Result, int) {
	net := &sharedNet{v: v, build: opts.Net}
	policies := &sharedPolicies{v: v, m: map[*topology.API]pa2ApiPolicy{}}
	apis := &sharedAPIs{v: v}
	var reporters []*Reporter
	for _, c := range All() {
		if c.Run == nil || opts.Enabled != nil && !opts.Enabled(c.ID) {
			continue
		}
		r := NewReporter(c)
		r.count, r.keep, r.net, r.policies, r.apis = count, keep, net, policies, apis
		reporters = append(reporters, r)
	}
	runEach(len(reporters), opts.Workers, func(i int) {
		r := reporters[i]
		r.check.Run(v, r)
	})
	// each check's results, joined once at the end (appending them one check
	// after another copied the growing list again and again)
	n, passed := 0, 0
	for _, r := range reporters {
		if opts.Severity != nil {
			if sev, ok := opts.Severity(r.check.ID); ok {
				for _, c := range r.results {
					for i := range c {
						c[i].Severity = sev
					}
				}
			}
		}
		n += r.resultCount()
		passed += r.passed
	}
	out := make([]finding.Result, 0, n)
	for _, r := range reporters {
		for _, c := range r.results {
			out = append(out, c...)
		}
	}
	finding.Sort(out)
	return out, passed
}

// NewReporter returns a reporter for tests of a single check.
func NewReporter(c *Check) *Reporter { return &Reporter{check: c, helpURI: c.HelpURI()} }
