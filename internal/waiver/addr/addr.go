package addr

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// KeyKind tells what kind of instance key a step carries.
type KeyKind int

const (
	// NoKey: the step has no index (a single-instance resource or module call).
	NoKey KeyKind = iota
	// IntKey: a count index, [0].
	IntKey
	// StringKey: a for_each key, ["a"].
	StringKey
	// AnyKey (patterns only): [*], any index or key, but one is required.
	AnyKey
	// Unspecified (patterns only): no index written, so every instance
	// matches, with or without a key.
	Unspecified
)

// Key is an instance key. For IntKey, Value holds the decimal digits; for
// StringKey, the decoded key (without quotes or escapes).
type Key struct {
	Kind  KeyKind
	Value string
}

func (k Key) String() string {
	switch k.Kind {
	case IntKey:
		return "[" + k.Value + "]"
	case StringKey:
		return "[" + strconv.Quote(k.Value) + "]"
	case AnyKey:
		return "[*]"
	}
	return ""
}

// StepKind tells what a step of an address is.
type StepKind int

const (
	// Resource is a managed resource: TYPE.NAME[key].
	Resource StepKind = iota
	// Data is a data resource: data.TYPE.NAME[key].
	Data
	// Module is a module call: module.NAME[key].
	Module
	// AnySteps (patterns only) is "**": any number of steps, none included.
	AnySteps
)

// Step is one logical step of an address: a module call or a resource.
// In a pattern, Type and Name are globs in which "*" matches any run of
// characters.
type Step struct {
	Kind StepKind
	Type string // resource type; "" for modules
	Name string
	Key  Key
}

func (s Step) String() string {
	switch s.Kind {
	case Module:
		return "module." + s.Name + s.Key.String()
	case Data:
		return "data." + s.Type + "." + s.Name + s.Key.String()
	case AnySteps:
		return "**"
	}
	return s.Type + "." + s.Name + s.Key.String()
}

// Address is a parsed resource instance address.
type Address []Step

func (a Address) String() string {
	parts := make([]string, len(a))
	for i, s := range a {
		parts[i] = s.String()
	}
	return strings.Join(parts, ".")
}

// Parse reads a resource address such as
// module.x["k.v"].aws_vpc_endpoint.this[0] or data.aws_vpc.main. The last
// step must be a resource; every module step comes before it.
func Parse(s string) (Address, error) {
	steps, err := parse(s, false)
	if err != nil {
		return nil, err
	}
	for i, st := range steps {
		last := i == len(steps)-1
		if last && st.Kind == Module {
			return nil, fmt.Errorf("address %q ends with a module call, not a resource", s)
		}
		if !last && st.Kind != Module {
			return nil, fmt.Errorf("address %q has a step after resource %s", s, st)
		}
	}
	return Address(steps), nil
}

// Pattern is a compiled address glob. See the package documentation for
// the syntax.
type Pattern struct {
	src   string
	stack string // glob of the stack name ("" for the checked plan's)
	steps []Step
}

// SplitStack cuts the stack name off an address of another stack
// ("network:aws_vpc.main" → "network", "aws_vpc.main"; see privapi check
// --with). An address of the checked plan has no stack: "".
func SplitStack(s string) (stack, rest string) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ':' && i > 0:
			return s[:i], s[i+1:]
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '_', c == '*':
		default:
			return "", s
		}
	}
	return "", s
}

// Compile parses an address glob. It may start with a stack name (a glob
// too) and a colon: "network:aws_security_group.*" covers that stack's
// addresses only; a pattern without one covers the checked plan's only.
func Compile(pattern string) (*Pattern, error) {
	stack, rest := SplitStack(pattern)
	steps, err := parse(rest, true)
	if err != nil {
		return nil, err
	}
	// A pattern ending with a module call covers everything inside it, as
	// terraform -target=module.x does.
	if steps[len(steps)-1].Kind == Module {
		steps = append(steps, Step{Kind: AnySteps})
	}
	return &Pattern{src: pattern, stack: stack, steps: steps}, nil
}

// String returns the pattern as written.
func (p *Pattern) String() string { return p.src }

// Match reports whether the address matches the pattern. An address that
// does not parse never matches.
func (p *Pattern) Match(address string) bool {
	stack, address := SplitStack(address)
	if (stack == "") != (p.stack == "") || !Glob(p.stack, stack) {
		return false
	}
	a, err := Parse(address)
	if err != nil {
		return false
	}
	return p.MatchAddress(a)
}

// MatchAddress reports whether a parsed address matches the pattern.
func (p *Pattern) MatchAddress(a Address) bool {
	ps := p.steps
	// memo[i][j]: pattern steps ps[i:] against a[j:]; 0 unknown, 1 yes, 2 no.
	memo := make([]uint8, (len(ps)+1)*(len(a)+1))
	var match func(i, j int) bool
	match = func(i, j int) bool {
		m := &memo[i*(len(a)+1)+j]
		if *m != 0 {
			return *m == 1
		}
		var ok bool
		switch {
		case i == len(ps):
			ok = j == len(a)
		case ps[i].Kind == AnySteps:
			ok = match(i+1, j) || (j < len(a) && match(i, j+1))
		case j == len(a):
			ok = false
		default:
			ok = stepMatch(ps[i], a[j]) && match(i+1, j+1)
		}
		if ok {
			*m = 1
		} else {
			*m = 2
		}
		return ok
	}
	return match(0, 0)
}

func stepMatch(p, a Step) bool {
	if p.Kind != a.Kind || !Glob(p.Type, a.Type) || !Glob(p.Name, a.Name) {
		return false
	}
	switch p.Key.Kind {
	case Unspecified:
		return true
	case AnyKey:
		return a.Key.Kind != NoKey
	case IntKey:
		return a.Key.Kind == IntKey && trimZeros(a.Key.Value) == trimZeros(p.Key.Value)
	case StringKey:
		return a.Key.Kind == StringKey && Glob(p.Key.Value, a.Key.Value)
	}
	return a.Key.Kind == NoKey
}

func trimZeros(s string) string {
	t := strings.TrimLeft(s, "0")
	if t == "" {
		return "0"
	}
	return t
}

// Glob reports whether s matches pattern, in which "*" matches any run of
// characters (including none) and every other character matches itself.
func Glob(pattern, s string) bool {
	px, sx := 0, 0
	nextP, nextS := -1, -1
	for px < len(pattern) || sx < len(s) {
		if px < len(pattern) {
			c := pattern[px]
			if c == '*' {
				nextP, nextS = px, sx+1
				px++
				continue
			}
			if sx < len(s) && s[sx] == c {
				px++
				sx++
				continue
			}
		}
		if nextP >= 0 && nextS <= len(s) {
			px, sx = nextP+1, nextS
			nextS++
			continue
		}
		return false
	}
	return true
}

// segment is one dot-separated piece of an address, with its index.
type segment struct {
	name string
	key  Key
	off  int // byte offset of the segment in the input, for messages
}

// lex cuts s into segments, respecting quoted keys that contain dots and
// brackets.
func lex(s string, pattern bool) ([]segment, error) {
	if s == "" {
		return nil, fmt.Errorf("empty address")
	}
	var segs []segment
	i := 0
	for {
		start := i
		for i < len(s) && s[i] != '.' && s[i] != '[' {
			r, n := utf8.DecodeRuneInString(s[i:])
			if !(r == '_' || r == '-' || unicode.IsLetter(r) || unicode.IsDigit(r) || (pattern && r == '*')) {
				return nil, fmt.Errorf("unexpected character %q at offset %d of %q", r, i, s)
			}
			i += n
		}
		seg := segment{name: s[start:i], key: Key{Kind: NoKey}, off: start}
		if pattern {
			seg.key.Kind = Unspecified
		}
		if seg.name == "" {
			return nil, fmt.Errorf("empty step at offset %d of %q", start, s)
		}
		if i < len(s) && s[i] == '[' {
			k, n, err := lexKey(s[i:], pattern)
			if err != nil {
				return nil, fmt.Errorf("%v at offset %d of %q", err, i, s)
			}
			seg.key = k
			i += n
		}
		segs = append(segs, seg)
		if i == len(s) {
			return segs, nil
		}
		if s[i] != '.' {
			return nil, fmt.Errorf("unexpected character %q at offset %d of %q (want \".\")", s[i], i, s)
		}
		i++
		if i == len(s) {
			return nil, fmt.Errorf("%q ends with \".\"", s)
		}
	}
}

// lexKey reads [0], ["k"] or (in patterns) [*] at the start of s and
// returns the key and the number of bytes read.
func lexKey(s string, pattern bool) (Key, int, error) {
	// s[0] == '['
	if len(s) >= 2 && s[1] == '"' {
		var b strings.Builder
		i := 2
		for {
			if i >= len(s) {
				return Key{}, 0, fmt.Errorf("unterminated key string")
			}
			c := s[i]
			if c == '"' {
				i++
				break
			}
			if c == '\\' {
				if i+1 >= len(s) {
					return Key{}, 0, fmt.Errorf("unterminated key string")
				}
				r, n := unescape(s[i+1:])
				b.WriteString(r)
				i += 1 + n
				continue
			}
			b.WriteByte(c)
			i++
		}
		if i >= len(s) || s[i] != ']' {
			return Key{}, 0, fmt.Errorf("missing \"]\" after key string")
		}
		return Key{Kind: StringKey, Value: b.String()}, i + 1, nil
	}
	end := strings.IndexByte(s, ']')
	if end < 0 {
		return Key{}, 0, fmt.Errorf("missing \"]\"")
	}
	body := s[1:end]
	if pattern && body == "*" {
		return Key{Kind: AnyKey}, end + 1, nil
	}
	if body == "" {
		return Key{}, 0, fmt.Errorf("empty index")
	}
	for j := 0; j < len(body); j++ {
		if body[j] < '0' || body[j] > '9' {
			if pattern {
				return Key{}, 0, fmt.Errorf("index %q is not a number, a quoted key or *", body)
			}
			return Key{}, 0, fmt.Errorf("index %q is not a number or a quoted key", body)
		}
	}
	return Key{Kind: IntKey, Value: body}, end + 1, nil
}

// unescape decodes the escape sequence after a backslash (s starts after
// it) and returns the text and the number of bytes consumed.
func unescape(s string) (string, int) {
	switch s[0] {
	case 'n':
		return "\n", 1
	case 'r':
		return "\r", 1
	case 't':
		return "\t", 1
	case 'u', 'U':
		n := 4
		if s[0] == 'U' {
			n = 8
		}
		if len(s) > n {
			if v, err := strconv.ParseUint(s[1:1+n], 16, 32); err == nil && utf8.ValidRune(rune(v)) {
				return string(rune(v)), 1 + n
			}
		}
	}
	_, size := utf8.DecodeRuneInString(s)
	return s[:size], size
}

// parse groups segments into logical steps.
func parse(s string, pattern bool) ([]Step, error) {
	segs, err := lex(s, pattern)
	if err != nil {
		return nil, err
	}
	anyName := Key{Kind: NoKey}
	if pattern {
		anyName = Key{Kind: Unspecified}
	}
	var steps []Step
	noKey := func(g segment, what string) error {
		if g.key.Kind != NoKey && g.key.Kind != Unspecified {
			return fmt.Errorf("%q: %s %q cannot have an index", s, what, g.name)
		}
		return nil
	}
	for j := 0; j < len(segs); {
		g := segs[j]
		switch {
		case pattern && g.name == "**":
			if err := noKey(g, "step"); err != nil {
				return nil, err
			}
			steps = append(steps, Step{Kind: AnySteps})
			j++
		case g.name == "module" && (g.key.Kind == NoKey || g.key.Kind == Unspecified):
			if j+1 >= len(segs) {
				return nil, fmt.Errorf("%q: \"module\" must be followed by the module name", s)
			}
			n := segs[j+1]
			if err := checkName(s, n.name, pattern); err != nil {
				return nil, err
			}
			steps = append(steps, Step{Kind: Module, Name: n.name, Key: n.key})
			j += 2
		case g.name == "data" && (g.key.Kind == NoKey || g.key.Kind == Unspecified):
			if j+1 >= len(segs) {
				return nil, fmt.Errorf("%q: \"data\" must be followed by the data source type and name", s)
			}
			t := segs[j+1]
			if err := noKey(t, "data source type"); err != nil {
				return nil, err
			}
			if err := checkName(s, t.name, pattern); err != nil {
				return nil, err
			}
			if j+2 >= len(segs) {
				if !pattern {
					return nil, fmt.Errorf("%q: data source %q has no name", s, t.name)
				}
				steps = append(steps, Step{Kind: Data, Type: t.name, Name: "*", Key: anyName})
				j += 2
				continue
			}
			n := segs[j+2]
			if err := checkName(s, n.name, pattern); err != nil {
				return nil, err
			}
			steps = append(steps, Step{Kind: Data, Type: t.name, Name: n.name, Key: n.key})
			j += 3
		default:
			if err := noKey(g, "resource type"); err != nil {
				return nil, err
			}
			if err := checkName(s, g.name, pattern); err != nil {
				return nil, err
			}
			if j+1 >= len(segs) {
				if !pattern {
					return nil, fmt.Errorf("%q: resource type %q has no name", s, g.name)
				}
				// A lone last segment is a resource type: any name.
				steps = append(steps, Step{Kind: Resource, Type: g.name, Name: "*", Key: anyName})
				j++
				continue
			}
			n := segs[j+1]
			if err := checkName(s, n.name, pattern); err != nil {
				return nil, err
			}
			steps = append(steps, Step{Kind: Resource, Type: g.name, Name: n.name, Key: n.key})
			j += 2
		}
	}
	return steps, nil
}

// checkName rejects "**" where a single name is expected.
func checkName(s, name string, pattern bool) error {
	if pattern && strings.Contains(name, "**") {
		return fmt.Errorf("%q: \"**\" must be a whole step, not part of name %q", s, name)
	}
	return nil
}
