package model

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/netip"
	"os"
	"path/filepath"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"

	"github.com/privapi/privapi/internal/source"
	"github.com/privapi/privapi/internal/symbol"
)

// tokenSafe functions only move strings around: their result keeps symbolic
// tokens intact. Every other function returns an unknown value when an
// argument holds a token (a hash of a token is not the hash of the value).
var tokenSafe = map[string]bool{
	"jsonencode": true, "jsondecode": true, "format": true, "formatlist": true, "join": true, "concat": true,
	"merge": true, "lookup": true, "element": true, "flatten": true, "distinct": true, "compact": true,
	"coalesce": true, "coalescelist": true, "tolist": true, "toset": true, "tomap": true, "tostring": true,
	"keys": true, "values": true, "length": true, "slice": true, "reverse": true, "zipmap": true, "try": true,
	"can": true, "one": true, "sort": true, "setunion": true,
	// templatefile interpolates its vars (tokens stay intact); the
	// functions the template calls are guarded themselves, and a path
	// holding a token gives an unknown result
	"templatefile": true,
}

func (m *Model) functions(dir string) map[string]function.Function {
	if m.funcs == nil {
		m.funcs = map[string]map[string]function.Function{}
	}
	if f, ok := m.funcs[dir]; ok {
		return f
	}
	base := map[string]function.Function{
		"abs": stdlib.AbsoluteFunc, "ceil": stdlib.CeilFunc, "chomp": stdlib.ChompFunc, "chunklist": stdlib.ChunklistFunc,
		"coalesce": stdlib.CoalesceFunc, "coalescelist": stdlib.CoalesceListFunc, "compact": stdlib.CompactFunc,
		"concat": stdlib.ConcatFunc, "contains": stdlib.ContainsFunc, "csvdecode": stdlib.CSVDecodeFunc,
		"distinct": stdlib.DistinctFunc, "element": stdlib.ElementFunc, "flatten": stdlib.FlattenFunc,
		"floor": stdlib.FloorFunc, "format": stdlib.FormatFunc, "formatdate": stdlib.FormatDateFunc,
		"formatlist": stdlib.FormatListFunc, "indent": stdlib.IndentFunc, "join": stdlib.JoinFunc,
		"jsondecode": stdlib.JSONDecodeFunc, "jsonencode": stdlib.JSONEncodeFunc, "keys": stdlib.KeysFunc,
		"length": stdlib.LengthFunc, "log": stdlib.LogFunc, "lookup": stdlib.LookupFunc, "lower": stdlib.LowerFunc,
		"max": stdlib.MaxFunc, "merge": stdlib.MergeFunc, "min": stdlib.MinFunc, "parseint": stdlib.ParseIntFunc,
		"pow": stdlib.PowFunc, "range": stdlib.RangeFunc, "regex": stdlib.RegexFunc, "regexall": stdlib.RegexAllFunc,
		"replace": stdlib.ReplaceFunc, "reverse": stdlib.ReverseListFunc, "setintersection": stdlib.SetIntersectionFunc,
		"setproduct": stdlib.SetProductFunc, "setsubtract": stdlib.SetSubtractFunc, "setunion": stdlib.SetUnionFunc,
		"signum": stdlib.SignumFunc, "slice": stdlib.SliceFunc, "sort": stdlib.SortFunc, "split": stdlib.SplitFunc,
		"strrev": stdlib.ReverseFunc, "substr": stdlib.SubstrFunc, "title": stdlib.TitleFunc, "trim": stdlib.TrimFunc,
		"trimprefix": stdlib.TrimPrefixFunc, "trimspace": stdlib.TrimSpaceFunc, "trimsuffix": stdlib.TrimSuffixFunc,
		"upper": stdlib.UpperFunc, "values": stdlib.ValuesFunc, "zipmap": stdlib.ZipmapFunc,
		"tostring": stdlib.MakeToFunc(cty.String), "tonumber": stdlib.MakeToFunc(cty.Number),
		"tobool": stdlib.MakeToFunc(cty.Bool), "tolist": stdlib.MakeToFunc(cty.List(cty.DynamicPseudoType)),
		"toset": stdlib.MakeToFunc(cty.Set(cty.DynamicPseudoType)), "tomap": stdlib.MakeToFunc(cty.Map(cty.DynamicPseudoType)),
		"try": tryfunc.TryFunc, "can": tryfunc.CanFunc,
		"sha1":         hashFunc(func(b []byte) []byte { h := sha1.Sum(b); return h[:] }),
		"sha256":       hashFunc(func(b []byte) []byte { h := sha256.Sum256(b); return h[:] }),
		"sha512":       hashFunc(func(b []byte) []byte { h := sha512.Sum512(b); return h[:] }),
		"md5":          hashFunc(func(b []byte) []byte { h := md5.Sum(b); return h[:] }),
		"base64encode": stringFunc(func(s string) (string, error) { return base64.StdEncoding.EncodeToString([]byte(s)), nil }),
		"base64decode": stringFunc(func(s string) (string, error) {
			b, err := base64.StdEncoding.DecodeString(s)
			return string(b), err
		}),
		"base64sha256": stringFunc(func(s string) (string, error) {
			h := sha256.Sum256([]byte(s))
			return base64.StdEncoding.EncodeToString(h[:]), nil
		}),
		"timestamp": unknownFunc(), "plantimestamp": unknownFunc(), "uuid": unknownFunc(), "bcrypt": unknownFunc(),
		"cidrsubnet": cidrSubnetFunc, "cidrhost": cidrHostFunc,
		"one":        oneFunc,
		"file":       m.fileFunc(dir, func(b []byte) string { return string(b) }),
		"filebase64": m.fileFunc(dir, func(b []byte) string { return base64.StdEncoding.EncodeToString(b) }),
		"filemd5":    m.fileFunc(dir, func(b []byte) string { h := md5.Sum(b); return hex.EncodeToString(h[:]) }),
		"filesha1":   m.fileFunc(dir, func(b []byte) string { h := sha1.Sum(b); return hex.EncodeToString(h[:]) }),
		"filesha256": m.fileFunc(dir, func(b []byte) string { h := sha256.Sum256(b); return hex.EncodeToString(h[:]) }),
		"filesha512": m.fileFunc(dir, func(b []byte) string { h := sha512.Sum512(b); return hex.EncodeToString(h[:]) }),
		"filebase64sha256": m.fileFunc(dir, func(b []byte) string {
			h := sha256.Sum256(b)
			return base64.StdEncoding.EncodeToString(h[:])
		}),
		"filebase64sha512": m.fileFunc(dir, func(b []byte) string {
			h := sha512.Sum512(b)
			return base64.StdEncoding.EncodeToString(h[:])
		}),
		"fileexists":   m.fileExistsFunc(dir),
		"templatefile": templateFileFunc(m, dir),
		"abspath":      stringFunc(func(s string) (string, error) { return filepath.Abs(s) }),
		"basename":     stringFunc(func(s string) (string, error) { return filepath.Base(s), nil }),
		"dirname":      stringFunc(func(s string) (string, error) { return filepath.Dir(s), nil }),
	}
	out := make(map[string]function.Function, len(base))
	for name, f := range base {
		if tokenSafe[name] {
			out[name] = f
		} else {
			out[name] = tokenGuard(f)
		}
	}
	m.funcs[dir] = out
	return out
}

// tokenGuard makes f return an unknown result when an argument holds a token.
func tokenGuard(f function.Function) function.Function {
	spec := &function.Spec{
		Params:   f.Params(),
		VarParam: f.VarParam(),
		Type: func(args []cty.Value) (cty.Type, error) {
			return f.ReturnTypeForValues(args)
		},
		Impl: func(args []cty.Value, ret cty.Type) (cty.Value, error) {
			for _, a := range args {
				if hasToken(a) {
					return cty.UnknownVal(ret), nil
				}
			}
			return f.Call(args)
		},
	}
	return function.New(spec)
}

// hasToken reports whether any known string inside v holds a symbol token.
func hasToken(v cty.Value) bool {
	found := false
	cty.Walk(v, func(_ cty.Path, x cty.Value) (bool, error) {
		ux, _ := x.Unmark()
		if ux.IsKnown() && !ux.IsNull() && ux.Type() == cty.String && symbol.Contains(ux.AsString()) {
			found = true
		}
		return !found, nil
	})
	return found
}

func hashFunc(sum func([]byte) []byte) function.Function {
	return stringFunc(func(s string) (string, error) { return hex.EncodeToString(sum([]byte(s))), nil })
}

func stringFunc(fn func(string) (string, error)) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "str", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			out, err := fn(args[0].AsString())
			if err != nil {
				return cty.UnknownVal(cty.String), err
			}
			return cty.StringVal(out), nil
		},
	})
}

// unknownFunc stands for functions whose result is only known at apply
// (timestamp, uuid): their value is always unknown.
func unknownFunc() function.Function {
	return function.New(&function.Spec{
		VarParam: &function.Parameter{Name: "args", Type: cty.DynamicPseudoType, AllowNull: true, AllowUnknown: true},
		Type:     function.StaticReturnType(cty.String),
		Impl: func([]cty.Value, cty.Type) (cty.Value, error) {
			return cty.UnknownVal(cty.String), nil
		},
	})
}

var oneFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}},
	Type:   function.StaticReturnType(cty.DynamicPseudoType),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		v := args[0]
		if !v.CanIterateElements() {
			return cty.DynamicVal, fmt.Errorf("one: not a collection")
		}
		switch v.LengthInt() {
		case 0:
			return cty.NullVal(cty.DynamicPseudoType), nil
		case 1:
			it := v.ElementIterator()
			it.Next()
			_, e := it.Element()
			return e, nil
		}
		return cty.DynamicVal, fmt.Errorf("one: more than one element")
	},
})

var cidrSubnetFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "prefix", Type: cty.String}, {Name: "newbits", Type: cty.Number}, {Name: "netnum", Type: cty.Number}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		p, err := netip.ParsePrefix(args[0].AsString())
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		nb, _ := args[1].AsBigFloat().Int64()
		nn, _ := args[2].AsBigFloat().Int(nil)
		bits := p.Bits() + int(nb)
		if nb < 0 || bits > p.Addr().BitLen() {
			return cty.UnknownVal(cty.String), fmt.Errorf("cidrsubnet: too many bits")
		}
		base := new(big.Int).SetBytes(p.Masked().Addr().AsSlice())
		shift := uint(p.Addr().BitLen() - bits)
		base.Or(base, new(big.Int).Lsh(nn, shift))
		addr, ok := addrFromInt(base, p.Addr().Is4())
		if !ok {
			return cty.UnknownVal(cty.String), fmt.Errorf("cidrsubnet: out of range")
		}
		return cty.StringVal(netip.PrefixFrom(addr, bits).String()), nil
	},
})

var cidrHostFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "prefix", Type: cty.String}, {Name: "hostnum", Type: cty.Number}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		p, err := netip.ParsePrefix(args[0].AsString())
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		hn, _ := args[1].AsBigFloat().Int(nil)
		base := new(big.Int).SetBytes(p.Masked().Addr().AsSlice())
		base.Add(base, hn)
		addr, ok := addrFromInt(base, p.Addr().Is4())
		if !ok {
			return cty.UnknownVal(cty.String), fmt.Errorf("cidrhost: out of range")
		}
		return cty.StringVal(addr.String()), nil
	},
})

func addrFromInt(i *big.Int, v4 bool) (netip.Addr, bool) {
	n := 16
	if v4 {
		n = 4
	}
	b := i.Bytes()
	if len(b) > n || i.Sign() < 0 {
		return netip.Addr{}, false
	}
	buf := make([]byte, n)
	copy(buf[n-len(b):], b)
	a, ok := netip.AddrFromSlice(buf)
	return a, ok
}

// fileFunc reads a file of the source tree (see readFile) and returns
// render(content), marked Sensitive: Terraform shows a file's content in no
// plan, so privapi shows it in no output either.
func (m *Model) fileFunc(dir string, render func([]byte) string) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			b, err := m.readFile(dir, args[0].AsString())
			if err != nil {
				return cty.UnknownVal(cty.String), err
			}
			return m.fromFile(render(b)), nil
		},
	})
}

// fileExistsFunc is fileexists(path) inside the source tree; a path outside
// it gives an unknown value, so that nothing is learnt about the machine.
func (m *Model) fileExistsFunc(dir string) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			p := resolvePath(dir, args[0].AsString())
			real, err := m.src.Within(p)
			switch {
			case errors.Is(err, os.ErrNotExist) && m.src != nil:
				if _, err := m.src.Within(filepath.Dir(p)); err == nil {
					return cty.False, nil
				}
				return cty.UnknownVal(cty.Bool), m.refuse(args[0].AsString(), source.ErrOutsideTree)
			case err != nil:
				return cty.UnknownVal(cty.Bool), m.refuse(args[0].AsString(), err)
			}
			st, err := os.Stat(real)
			if err != nil {
				return cty.UnknownVal(cty.Bool), err
			}
			return cty.BoolVal(st.Mode().IsRegular()), nil
		},
	})
}

// readFile reads the file that a .tf expression in dir names. Only files
// whose real location (symlinks resolved) is inside the source tree are
// read: a refused path gives an error, so the value stays unknown, and a
// warning says why. Without source nothing is read.
func (m *Model) readFile(dir, p string) ([]byte, error) {
	real, err := m.src.Within(resolvePath(dir, p))
	if err != nil {
		return nil, m.refuse(p, err)
	}
	return readSourceFile(real)
}

// refuse records why a file read was refused and returns the error.
func (m *Model) refuse(p string, err error) error {
	if errors.Is(err, source.ErrOutsideTree) {
		m.warn(fmt.Sprintf("file %q is outside the source tree: not read, the value stays unknown", p))
	}
	return err
}

// fromFile returns a value that came from a file, marked Sensitive, and
// remembers it so that no output shows it.
func (m *Model) fromFile(s string) cty.Value {
	m.fileValues = append(m.fileValues, s)
	return cty.StringVal(s).Mark(Sensitive)
}

// maxSourceFile bounds what file() and templatefile() read: a .tf file is
// untrusted input, and file("/dev/zero") must not exhaust memory.
const maxSourceFile = 16 << 20

// readSourceFile reads a regular file of at most maxSourceFile bytes. It
// checks before opening, since opening a named pipe blocks.
func readSourceFile(path string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err = f.Stat(); err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", path)
	}
	if st.Size() > maxSourceFile {
		return nil, fmt.Errorf("%s is larger than %d bytes", path, maxSourceFile)
	}
	b, err := io.ReadAll(io.LimitReader(f, maxSourceFile+1))
	if err == nil && len(b) > maxSourceFile {
		err = fmt.Errorf("%s is larger than %d bytes", path, maxSourceFile)
	}
	return b, err
}

func resolvePath(dir, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(dir, p)
}

// templateFileFunc renders templatefile(path, vars) with the template's own
// variables; references in it see only vars.
func templateFileFunc(m *Model, dir string) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}, {Name: "vars", Type: cty.DynamicPseudoType}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if hasToken(args[0]) {
				return cty.UnknownVal(cty.String), nil
			}
			path := resolvePath(dir, args[0].AsString())
			src, err := m.readFile(dir, args[0].AsString())
			if err != nil {
				return cty.UnknownVal(cty.String), err
			}
			m.fileValues = append(m.fileValues, string(src))
			expr, diags := hclsyntax.ParseTemplate(src, path, hcl.Pos{Line: 1, Column: 1})
			if diags.HasErrors() {
				return cty.UnknownVal(cty.String), diags
			}
			vars := map[string]cty.Value{}
			if v := args[1]; v.IsKnown() && !v.IsNull() && (v.Type().IsObjectType() || v.Type().IsMapType()) {
				for it := v.ElementIterator(); it.Next(); {
					k, e := it.Element()
					vars[k.AsString()] = e
				}
			}
			// As in Terraform, a template cannot call templatefile (which
			// would otherwise recurse until the stack overflows).
			funcs := map[string]function.Function{}
			for name, f := range m.functions(filepath.Dir(path)) {
				funcs[name] = f
			}
			funcs["templatefile"] = noRecursiveTemplateFile
			out, diags := expr.Value(&hcl.EvalContext{Variables: vars, Functions: funcs})
			if diags.HasErrors() {
				return cty.UnknownVal(cty.String), diags
			}
			if !out.IsKnown() || out.Type() != cty.String {
				return cty.UnknownVal(cty.String), nil
			}
			// the template's text came from a file: the result is as
			// sensitive as file() of it
			return out.Mark(Sensitive), nil
		},
	})
}

// noRecursiveTemplateFile replaces templatefile inside templates.
var noRecursiveTemplateFile = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "path", Type: cty.String}, {Name: "vars", Type: cty.DynamicPseudoType}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func([]cty.Value, cty.Type) (cty.Value, error) {
		return cty.UnknownVal(cty.String), fmt.Errorf("cannot call templatefile from inside a templatefile call")
	},
})
