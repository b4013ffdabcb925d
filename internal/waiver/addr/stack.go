package addr

import "strings"

// StackSep separates a stack's name from an address in the addresses of
// instances of another stack: "network:aws_vpc.main" (see privapi check
// --with).
const StackSep = ":"

// StackOf returns the stack named in a qualified address ("" for an
// address of the checked plan's own stack).
func StackOf(addr string) string {
	i := strings.Index(addr, StackSep)
	if i <= 0 || strings.ContainsAny(addr[:i], ".[\"") {
		return ""
	}
	return addr[:i]
}
