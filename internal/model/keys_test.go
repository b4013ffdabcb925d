package model

import (
	"testing"
	"unsafe"
)

func TestLocalOfAndResourceKeyOf(t *testing.T) {
	for _, c := range []struct {
		addr, prefix, typ, name, mod string
		shared                       bool // both are parts of addr
	}{
		{"aws_vpc.main", "", "aws_vpc", "main", "", true},
		{"aws_vpc.main[0]", "", "aws_vpc", "main", "", true},
		{`module.a["k"].aws_vpc.main`, "", "aws_vpc", "main", `module.a["k"]`, true},
		{`module.a["k"].data.aws_region.current["x"]`, "data.", "aws_region", "current", `module.a["k"]`, true},
		{`module.a["k"].aws_vpc.main["a[b]"]`, "", "aws_vpc", "main", `module.a["k"]`, false},
		{"aws_vpc.other", "", "aws_vpc", "main", "", false},
		{"x", "", "aws_vpc", "main", "", false},
		{"", "data.", "t", "n", "module.m", false},
		{`module.b.aws_vpc.main`, "", "aws_vpc", "main", `module.a`, false},
	} {
		local := localOf(c.addr, c.prefix, c.typ, c.name)
		if want := c.prefix + c.typ + "." + c.name; local != want {
			t.Errorf("localOf(%q) = %q, want %q", c.addr, local, want)
		}
		key := resourceKeyOf(c.addr, c.mod, local)
		want := local
		if c.mod != "" {
			want = c.mod + "." + local
		}
		if key != want {
			t.Errorf("resourceKeyOf(%q, %q) = %q, want %q", c.addr, c.mod, key, want)
		}
		if c.shared && (!within(local, c.addr) || !within(key, c.addr)) {
			t.Errorf("%q: %q or %q is not a part of the address", c.addr, local, key)
		}
	}
}

// within reports whether s shares memory with addr.
func within(s, addr string) bool {
	if s == "" {
		return true
	}
	a, p := uintptr(unsafe.Pointer(unsafe.StringData(addr))), uintptr(unsafe.Pointer(unsafe.StringData(s)))
	return p >= a && p+uintptr(len(s)) <= a+uintptr(len(addr))
}
