// Package genplan writes synthetic Terraform plan JSON (the output of
// terraform show -json, format 1.2) of a chosen size for benchmarks.
//
// The plan replicates seed plans (real plans of the fixtures) as for_each
// module instances, and adds unrelated filler services:
//
//   - Seed k's root module becomes the module of a module call with
//     for_each: "stack" for the first seed, "stack2", "stack3", … for the
//     others. Replica i is module.stackN["sNNNN"] (keys are numbered across
//     all calls, so each key names one replica). Every address of
//     resource_changes, planned_values, prior_state and relevant_attributes is
//     rewritten under it, with module_address set; the configuration holds
//     the seed's root module under the call, so references stay
//     module-local and consistent with after_unknown/after_sensitive, which
//     are copied as they are. Provider configurations of the first seed stay
//     at the root; those of the others become aliases (aws.stack2, …) so
//     that each replica keeps its seed's region.
//   - Each replica gets distinct literals where the seed has known ones:
//     every 10.X.y.z address or CIDR block moves to its own /16 (10.0/16,
//     10.1/16, … 10.255/16, 11.0/16, …), and known EC2-style ids
//     (vpc-…, subnet-…, sg-…) and API Gateway ids get fresh values of the
//     same shape.
//   - Filler: module.svc["fNNNNN"] with an aws_s3_bucket, an aws_iam_role
//     (JSON assume-role policy) and an aws_instance each; by default 20% of
//     the units exist already and stay (no-op: every value known, also in
//     prior_state), 10% exist and are updated in place (a tag), 70% are
//     created.
//
// About 30% of the instances (Options.APIShare) are in API stacks, the rest
// filler. A resource instance is one element of resource_changes or a data
// source only present in prior_state (read while planning).
//
// The output is streamed: memory does not grow with the size. It is
// deterministic for given options.
package genplan

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
)

// DefaultSeeds are the seed plans, relative to the repository root.
var DefaultSeeds = []string{
	"fixtures/good-private-api/plan.json",
	"fixtures/good-module-foreach/plan.json",
}

// Options of Generate.
type Options struct {
	// Size is the number of resource instances wanted (approximately: a
	// stack is added whole).
	Size int
	// Seed varies the generated ids, names and filler actions.
	Seed uint64
	// Seeds are the seed plan files; empty means DefaultSeeds under Root.
	Seeds []string
	// Root is the repository root for DefaultSeeds; empty means found from
	// the working directory (the nearest parent with go.mod).
	Root string
	// APIShare is the share of instances in API stacks; 0 means 0.3.
	APIShare float64
	// NoopShare and UpdateShare are the shares of filler units that exist
	// already and stay (no-op) or are updated in place; the rest are
	// created. Negative means 0; both 0 mean the defaults 0.2 and 0.1.
	NoopShare, UpdateShare float64
	// Replicate, when set, is the for_each module call of the one seed plan
	// to multiply (see replicate.go); APIShare and the filler do not apply.
	Replicate string
}

// Shape is a named kind of plan (genplan -shape).
type Shape struct {
	Name, Doc string
	Seeds     []string // relative to the repository root; nil: DefaultSeeds
	APIShare  float64
	Replicate string
}

// Shapes are the plan shapes bench/run.sh measures.
var Shapes = []Shape{
	{Name: "default", Doc: "API stacks (30% of the instances) among unrelated filler services", APIShare: 0.3},
	{Name: "dense", Doc: "API stacks only: every resource is part of a private-API stack (VPC, subnets, security groups with separate rules, endpoint, API, policy from aws_iam_policy_document in aws_api_gateway_rest_api_policy, deployment, stage, method settings, account, clients)", APIShare: 1.0},
	{Name: "many-clients", Doc: "one private API called by thousands of EC2 workers, each with its own security group and egress rule (fixtures/bench-many-clients, module.client multiplied)",
		Seeds: []string{"fixtures/bench-many-clients/plan.json"}, Replicate: "client"},
	{Name: "shared-endpoint", Doc: "one hub VPC and execute-api endpoint serving hundreds or thousands of private APIs, each with a Lambda client (fixtures/bench-shared-endpoint, module.api multiplied)",
		Seeds: []string{"fixtures/bench-shared-endpoint/plan.json"}, Replicate: "api"},
}

// ShapeNamed finds a shape.
func ShapeNamed(name string) (Shape, bool) {
	for _, s := range Shapes {
		if s.Name == name {
			return s, true
		}
	}
	return Shape{}, false
}

// Apply sets the options of the shape; root is the repository root ("":
// found from the working directory).
func (s Shape) Apply(o *Options, root string) error {
	o.APIShare = s.APIShare
	o.Replicate = s.Replicate
	if len(s.Seeds) > 0 {
		if root == "" {
			r, err := RepoRoot()
			if err != nil {
				return err
			}
			root = r
		}
		o.Seeds = nil
		for _, p := range s.Seeds {
			o.Seeds = append(o.Seeds, filepath.Join(root, p))
		}
	}
	return nil
}

// Stats describes a generated plan.
type Stats struct {
	Instances       int // resource instances (resource_changes + data sources only in prior_state)
	APIInstances    int
	FillerInstances int
	Stacks          []int // replicas per seed
	FillerUnits     int
	Bytes           int64
}

func (s Stats) String() string {
	return fmt.Sprintf("%d instances (%d in %v API stacks, %d in %d filler units), %d bytes",
		s.Instances, s.APIInstances, s.Stacks, s.FillerInstances, s.FillerUnits, s.Bytes)
}

// RepoRoot finds the nearest directory at or above the working directory
// that holds go.mod.
func RepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("genplan: no go.mod above the working directory")
		}
		dir = parent
	}
}

type generator struct {
	o      Options
	seeds  []*seed
	filler *fillerTemplates
	stacks []stack
	units  int
	kw, fw int // key widths
	stats  Stats
}

type stack struct {
	seed    int
	netBase int // first /16 slot of this replica
}

// Generate writes a plan to w.
func Generate(w io.Writer, o Options) (Stats, error) {
	if o.Replicate != "" {
		if o.Size <= 0 {
			return Stats{}, fmt.Errorf("genplan: size must be positive")
		}
		cw := &countWriter{w: w}
		bw := bufio.NewWriterSize(cw, 1<<20)
		st, err := generateReplicated(bw, o)
		if err != nil {
			return Stats{}, err
		}
		if err := bw.Flush(); err != nil {
			return Stats{}, err
		}
		st.Bytes = cw.n
		return st, nil
	}
	g, err := newGenerator(o)
	if err != nil {
		return Stats{}, err
	}
	cw := &countWriter{w: w}
	bw := bufio.NewWriterSize(cw, 1<<20)
	g.write(bw)
	if err := bw.Flush(); err != nil {
		return Stats{}, err
	}
	g.stats.Bytes = cw.n
	return g.stats, nil
}

func newGenerator(o Options) (*generator, error) {
	if o.Size <= 0 {
		return nil, fmt.Errorf("genplan: size must be positive")
	}
	if o.APIShare == 0 {
		o.APIShare = 0.3
	}
	if o.NoopShare == 0 && o.UpdateShare == 0 {
		o.NoopShare, o.UpdateShare = 0.2, 0.1
	}
	o.NoopShare, o.UpdateShare = max(o.NoopShare, 0), max(o.UpdateShare, 0)
	paths := o.Seeds
	if len(paths) == 0 {
		root := o.Root
		if root == "" {
			r, err := RepoRoot()
			if err != nil {
				return nil, err
			}
			root = r
		}
		for _, p := range DefaultSeeds {
			paths = append(paths, filepath.Join(root, p))
		}
	}
	g := &generator{o: o, filler: buildFiller()}
	for i, p := range paths {
		call := "stack"
		if i > 0 {
			call += strconv.Itoa(i + 1)
		}
		s, err := loadSeed(p, call, i == 0)
		if err != nil {
			return nil, err
		}
		g.seeds = append(g.seeds, s)
	}
	g.stats.Stacks = make([]int, len(g.seeds))

	// API stacks, seeds in turn, up to the API share; then filler units.
	target := int(math.Round(o.APIShare * float64(o.Size)))
	nets := 0
	for {
		s := g.seeds[len(g.stacks)%len(g.seeds)]
		if len(g.stacks) > 0 && g.stats.APIInstances+s.instances/2 > target {
			break
		}
		g.stacks = append(g.stacks, stack{seed: len(g.stacks) % len(g.seeds), netBase: nets})
		nets += s.nets
		g.stats.APIInstances += s.instances
		g.stats.Stacks[g.stacks[len(g.stacks)-1].seed]++
	}
	if rest := o.Size - g.stats.APIInstances; rest > 0 {
		g.units = int(math.Round(float64(rest) / fillerPerUnit))
	}
	g.stats.FillerUnits = g.units
	g.stats.FillerInstances = g.units * fillerPerUnit
	g.stats.Instances = g.stats.APIInstances + g.stats.FillerInstances
	g.kw = max(4, len(strconv.Itoa(len(g.stacks)-1)))
	g.fw = max(5, len(strconv.Itoa(g.units-1)))
	return g, nil
}

// stackVals fills the slots of replica i.
func (g *generator) stackVals(i int, vals []string) []string {
	st := g.stacks[i]
	s := g.seeds[st.seed]
	vals = vals[:0]
	vals = append(vals, fmt.Sprintf("s%0*d", g.kw, i))
	for n := 0; n < s.nets; n++ {
		slot := st.netBase + n
		vals = append(vals, strconv.Itoa(10+slot/256)+"."+strconv.Itoa(slot%256))
	}
	for j, id := range s.ids {
		vals = append(vals, freshID(id, g.o.Seed, uint64(i), uint64(j)))
	}
	return vals
}

var (
	instanceTypes = []string{"t3.micro", "t3.small", "t3.medium", "m6i.large", "c6i.xlarge"}
	principals    = []string{"ec2.amazonaws.com", "lambda.amazonaws.com", "ecs-tasks.amazonaws.com"}
	zones         = []string{"us-east-1a", "us-east-1b", "us-east-1c"}
	amis          = []string{"ami-0c02fb55956c7d316", "ami-0d64bb532e0502c46", "ami-0fc5d935ebf8bc3bc"}
)

// unitAction picks the action of filler unit u.
func (g *generator) unitAction(u int) int {
	r := float64(hash(g.o.Seed, uint64(u), 1000)%10000) / 10000
	switch {
	case r < g.o.NoopShare:
		return actNoop
	case r < g.o.NoopShare+g.o.UpdateShare:
		return actUpdate
	}
	return actCreate
}

// unitVals fills the slots of filler unit u (see fillerSlots).
func (g *generator) unitVals(u int, vals []string) []string {
	h := func(k uint64) uint64 { return hash(g.o.Seed, uint64(u), 2000+k) }
	key := fmt.Sprintf("f%0*d", g.fw, u)
	ip := [4]uint64{10, 128 + h(1)%128, h(2) % 256, 4 + h(3)%250}
	ipText := fmt.Sprintf("%d.%d.%d.%d", ip[0], ip[1], ip[2], ip[3])
	ipDash := fmt.Sprintf("%d-%d-%d-%d", ip[0], ip[1], ip[2], ip[3])
	date := fmt.Sprintf("20%02d-%02d-%02dT%02d:%02d:%02dZ", 20+h(4)%6, 1+h(5)%12, 1+h(6)%28, h(7)%24, h(8)%60, h(9)%60)
	return append(vals[:0],
		key,                               // K
		"svc-"+key,                        // NAME
		"subnet-"+hexOf(h(10), h(11), 17), // SUBNET
		"i-"+hexOf(h(12), h(13), 17),      // INST
		"eni-"+hexOf(h(14), h(15), 17),    // ENI
		"vol-"+hexOf(h(16), h(17), 17),    // VOL
		"sg-"+hexOf(h(18), h(19), 17),     // SG
		ipText,                            // IP
		ipDash,                            // IPDASH
		upperOf(h(20), h(21), 17),         // ROLEUID
		hexOf(h(22), h(23), 64),           // CANON
		date,                              // DATE
		instanceTypes[h(24)%uint64(len(instanceTypes))], // ITYPE
		principals[h(25)%uint64(len(principals))],       // PRINC
		zones[h(26)%uint64(len(zones))],                 // AZ
		amis[h(27)%uint64(len(amis))],                   // AMI
		"v"+strconv.FormatUint(1+h(28)%9, 10),           // VER
	)
}

func (g *generator) write(w *bufio.Writer) {
	s0 := g.seeds[0]
	tfv := s0.tfVersion
	if tfv == "" {
		tfv = "1.11.4"
	}
	w.WriteString(`{"format_version":"1.2","terraform_version":`)
	w.Write(marshal(tfv))

	// Root variables of the seeds (their provider configurations use them).
	vars := map[string]any{}
	varCfg := map[string]any{}
	for _, s := range g.seeds {
		for k, v := range s.variables {
			if _, ok := vars[k]; !ok {
				vars[k] = v
			}
		}
		for k, v := range s.varConfig {
			if _, ok := varCfg[k]; !ok {
				varCfg[k] = v
			}
		}
	}
	if len(vars) > 0 {
		w.WriteString(`,"variables":`)
		w.Write(marshal(vars))
	}

	var vals []string
	sep := func(first *bool) {
		if !*first {
			w.WriteByte(',')
		}
		*first = false
	}

	// planned_values
	w.WriteString(`,"planned_values":{"root_module":{"child_modules":[`)
	first := true
	for i := range g.stacks {
		vals = g.stackVals(i, vals)
		sep(&first)
		g.seeds[g.stacks[i].seed].pv.write(w, vals)
	}
	for u := 0; u < g.units; u++ {
		vals = g.unitVals(u, vals)
		sep(&first)
		g.filler.pv[g.unitAction(u)].write(w, vals)
	}
	w.WriteString(`]}}`)

	// resource_changes
	w.WriteString(`,"resource_changes":[`)
	first = true
	for i := range g.stacks {
		vals = g.stackVals(i, vals)
		sep(&first)
		g.seeds[g.stacks[i].seed].rc.write(w, vals)
	}
	for u := 0; u < g.units; u++ {
		vals = g.unitVals(u, vals)
		sep(&first)
		g.filler.rc[g.unitAction(u)].write(w, vals)
	}
	w.WriteString(`]`)

	// prior_state: data sources of the stacks, existing filler services
	w.WriteString(`,"prior_state":{"format_version":"1.0","terraform_version":`)
	w.Write(marshal(tfv))
	w.WriteString(`,"values":{"root_module":{"child_modules":[`)
	first = true
	for i := range g.stacks {
		s := g.seeds[g.stacks[i].seed]
		if !s.hasPrior {
			continue
		}
		vals = g.stackVals(i, vals)
		sep(&first)
		s.prior.write(w, vals)
	}
	for u := 0; u < g.units; u++ {
		act := g.unitAction(u)
		if g.filler.prior[act].empty() {
			continue
		}
		vals = g.unitVals(u, vals)
		sep(&first)
		g.filler.prior[act].write(w, vals)
	}
	w.WriteString(`]}}}`)

	// configuration
	providers := map[string]any{}
	calls := map[string]any{}
	for _, s := range g.seeds {
		for k, v := range s.providers {
			if _, ok := providers[k]; !ok {
				providers[k] = v
			}
		}
		call := map[string]any{
			"source":              "./modules/" + s.call,
			"for_each_expression": refs("local." + s.call + "s"),
			"module":              s.module,
		}
		calls[s.call] = call
	}
	if g.units > 0 {
		calls[fillerCall] = fillerCallConfig()
	}
	if _, ok := providers["aws"]; !ok {
		providers["aws"] = map[string]any{"name": "aws", "full_name": awsProvider}
	}
	rootCfg := map[string]any{"module_calls": calls}
	if len(varCfg) > 0 {
		rootCfg["variables"] = varCfg
	}
	w.WriteString(`,"configuration":`)
	w.Write(marshal(map[string]any{"provider_config": providers, "root_module": rootCfg}))

	// relevant_attributes
	w.WriteString(`,"relevant_attributes":[`)
	first = true
	for i := range g.stacks {
		s := g.seeds[g.stacks[i].seed]
		if !s.hasRel {
			continue
		}
		vals = g.stackVals(i, vals)
		sep(&first)
		s.rel.write(w, vals)
	}
	w.WriteString(`]`)
	w.WriteString(`,"timestamp":"2026-01-01T00:00:00Z","applyable":true,"complete":true,"errored":false}`)
	w.WriteByte('\n')
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// hash mixes its inputs (splitmix64 steps): deterministic pseudo-random
// numbers addressed by (seed, item, field), so every section of the plan
// sees the same values for an item without keeping them.
func hash(xs ...uint64) uint64 {
	h := uint64(0x9E3779B97F4A7C15)
	for _, x := range xs {
		h ^= x + 0x9E3779B97F4A7C15 + (h << 6) + (h >> 2)
		h = mix(h)
	}
	return h
}

func mix(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}

const (
	hexDigits  = "0123456789abcdef"
	lowerAlnum = "abcdefghijklmnopqrstuvwxyz0123456789"
	upperAlnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
)

func charsOf(alphabet string, a, b uint64, n int) string {
	out := make([]byte, n)
	x := a
	for i := 0; i < n; i++ {
		if i%8 == 0 {
			x = mix(a + uint64(i)*0x9E3779B97F4A7C15 ^ b)
		}
		out[i] = alphabet[x%uint64(len(alphabet))]
		x /= uint64(len(alphabet))
	}
	return string(out)
}

func hexOf(a, b uint64, n int) string   { return charsOf(hexDigits, a, b, n) }
func upperOf(a, b uint64, n int) string { return charsOf(upperAlnum, a, b, n) }

// freshID returns an id of the same shape as id for replica i: the same
// prefix (vpc-, subnet-, …) and length, in the same alphabet.
func freshID(id string, seed, i, j uint64) string {
	h := hash(seed, i, j, 3000)
	for k := len(id) - 1; k >= 0; k-- {
		if id[k] == '-' {
			return id[:k+1] + hexOf(h, j, len(id)-k-1)
		}
	}
	s := charsOf(lowerAlnum, h, j, len(id))
	// keep a letter first, as API Gateway ids have
	if s[0] >= '0' && s[0] <= '9' {
		s = string(rune('a'+(s[0]-'0'))) + s[1:]
	}
	return s
}
