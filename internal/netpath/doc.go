// Package netpath reasons about the network path between VPC clients and an
// execute-api interface endpoint: protocols, ports, CIDRs, security groups,
// network ACLs and routes. It knows nothing about Terraform; callers turn
// resources into Rule, Peer, ACLRule and Route values. The rules follow
// https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html
// and https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html.
//
// Answers are three-valued (symbol.Tri). Values known only after apply reach
// this package as tokens (⟦addr#attr⟧) inside strings; a comparison that
// depends on one is Unknown, never a guess and never a panic, except that a
// token equals itself. Every Verdict names the rules that decided (By, the
// rules' Origin addresses) and says why in words.
//
// Protocols and ports (E4). "-1" and "all" mean every protocol and every
// port; "tcp", "TCP" and "6" are the same protocol, as are "udp"/"17",
// "icmp"/"1" and "icmpv6"/"58"; other IANA numbers stand for themselves.
// Ports limit only tcp and udp; for icmp and icmpv6 from_port is the ICMP
// type (-1 every type); for every other protocol AWS allows all ports
// whatever range is written. PortsFor applies these rules.
//
// Security groups (E1–E3, E5, C3). Admits answers whether a group's rules
// allow one protocol and port to or from a peer. Groups are stateful, so
// return traffic needs no rule, and allow-only, so rules from inline blocks,
// aws_security_group_rule and aws_vpc_security_group_*_rule are simply
// unioned. A peer is admitted by a referenced group or self when its network
// interfaces carry that group, by a prefix list only when it is the very list
// the peer is known to be in, and by CIDRs only when the rules' CIDRs
// together hold every one of the peer's ranges: a rule for 10.0.1.0/24 does
// not admit a client in 10.0.0.0/16. When an endpoint has no groups of its
// own, AWS attaches the VPC's default group (C3); the caller passes that
// group's rules. Whether a group reference works across peering or a
// transit gateway (E5) is the caller's question.
//
// Network ACLs (E6). ACLAllows answers whether every packet of a protocol,
// port range and peer range passes. NACLs are stateless, numbered, first
// match wins, and end in an implicit deny (*). The evaluation is exact over
// address × port (× protocol): the traffic still undecided is kept as
// disjoint boxes from which each rule's box is cut in number order; any part
// cut by a deny, or left for the implicit deny, makes the answer False. A
// client needs outbound 443 and inbound Ephemeral; the endpoint subnet
// inbound 443 and outbound Ephemeral. DefaultACL gives the rules of a VPC's
// default NACL.
//
// Routes (E7). RouteCovers finds the longest-prefix route that takes all of
// a destination range, and says whether a more specific route splits it.
package netpath
