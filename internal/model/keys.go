package model

// An instance's local address (aws_x.y, data.aws_x.y) and its resource's
// key (module instance + local address) are, for nearly every instance, a
// part of its address: module.a["k"].aws_x.y[0] ends with aws_x.y after
// the module and starts with the key. Taking them from the address saves
// two strings per instance, kept for the whole run (12 MB on a
// 100k-instance plan).

// localOf returns prefix + typ + "." + name ("data." or "" as prefix), a
// part of addr when addr holds that text right before its end or its index.
func localOf(addr, prefix, typ, name string) string {
	n := len(prefix) + len(typ) + 1 + len(name)
	for _, end := range []int{len(addr), indexStart(addr)} {
		if end >= n {
			if s := addr[end-n : end]; isJoin(s, prefix, typ, name) {
				return s
			}
		}
	}
	return prefix + typ + "." + name
}

// resourceKeyOf returns mod + "." + local (local when mod is ""), a part of
// addr when addr starts with that text.
func resourceKeyOf(addr, mod, local string) string {
	if mod == "" {
		return local
	}
	if n := len(mod) + 1 + len(local); len(addr) >= n && isJoin(addr[:n], "", mod, local) {
		return addr[:n]
	}
	return mod + "." + local
}

// isJoin reports whether s == prefix + typ + "." + name, without building
// the right side (typ may be "": then s == prefix + name).
func isJoin(s, prefix, typ, name string) bool {
	if len(s) != len(prefix)+len(typ)+len(name)+min(len(typ), 1) {
		return false
	}
	if s[:len(prefix)] != prefix || s[len(s)-len(name):] != name {
		return false
	}
	if typ == "" {
		return true
	}
	mid := s[len(prefix) : len(s)-len(name)]
	return mid[:len(typ)] == typ && mid[len(typ)] == '.'
}

// indexStart returns where the instance key of addr starts ("[" at its
// end), or len(addr).
func indexStart(addr string) int {
	if len(addr) == 0 || addr[len(addr)-1] != ']' {
		return len(addr)
	}
	for i := len(addr) - 1; i >= 0; i-- {
		if addr[i] == '[' {
			return i
		}
	}
	return len(addr)
}
