// Package addr parses Terraform resource instance addresses and matches
// them against the address globs used by privapi waivers.
//
// # Addresses
//
// An address is a sequence of logical steps separated by dots: module calls
// (module.NAME[key]) followed by one resource (TYPE.NAME[key] or
// data.TYPE.NAME[key]). Keys are count indexes ([0]) or quoted for_each keys
// (["a.b"]); a quoted key may hold dots, brackets and escaped quotes, so
// addresses are tokenised, never split on ".":
//
//	module.edge["eu.west"].module.ep[0].aws_vpc_endpoint.this["a"]
//
// # Patterns
//
// A pattern is written like an address, with these additions:
//
//   - "*" inside a name, type or quoted key matches any run of characters
//     within that one part; it never crosses the "." between steps nor the
//     "." between a resource type and its name: aws_vpc_endpoint.* matches
//     every endpoint, *.this every resource named this, module.edge_* the
//     module calls whose name starts with edge_.
//   - "**" as a whole step matches any number of steps (none included):
//     **.aws_vpc_endpoint.this matches that resource at the root and in any
//     module, module.edge.** everything inside module.edge.
//   - "[*]" matches any index or key, but one must be present:
//     module.edge[*] matches module.edge[0] and module.edge["a"], not a
//     module.edge called without count or for_each.
//   - A step written without an index matches every instance, keyed or not:
//     aws_vpc_endpoint.this matches aws_vpc_endpoint.this,
//     aws_vpc_endpoint.this[0] and aws_vpc_endpoint.this["a"].
//   - A pattern ending with a module call matches everything inside that
//     module, as terraform -target does: module.edge is module.edge.**.
//   - A pattern ending with a lone resource type matches every resource of
//     that type at that place: module.edge.aws_vpc_endpoint is
//     module.edge.aws_vpc_endpoint.*, and module.edge.* every resource
//     directly inside module.edge (not inside its child modules).
//
// Module steps are recognised by the word "module" and data resources by
// "data", in patterns as in addresses; a resource pattern never matches a
// module call or a data resource (write data.*.* for those).
package addr
