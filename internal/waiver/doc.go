// Package waiver suppresses findings that a person has accepted, and
// reports waivers that have gone stale.
//
// Waivers come from two places. Waiver blocks in .privapi.hcl (package
// config) give a check ID or "*", an address glob (package addr: "*" within
// a step, "**" across steps, "[*]" any instance, no index = every instance,
// module-aware), a required reason and an optional expiry date. Inline
// comments in .tf files sit on the first line of a resource block or in the
// contiguous comment lines directly above it (a blank line or code breaks
// the run):
//
//	# privapi:ignore PA113 default SG locked down by org policy
//	resource "aws_vpc_endpoint" "this" {
//
//	resource "aws_vpc_endpoint" "that" { // privapi:ignore PA501,PA502 reviewed in SEC-123
//
// Several checks are separated by commas; "*" waives every check. Only line
// comments (# and //) are read, not /* */. A comment without a reason or
// with a malformed check ID is an invalid waiver: ParseInline returns it
// with Err set so the caller can warn (the CLI prints file:line and the
// reason for each), and it never applies. ValidateInline also flags IDs
// that are not known checks. Inline waivers do not expire.
// ParseInline and MatchInline (or Scan and File.At) find the waivers of a
// resource block; the caller maps each result's address to its block.
//
// Apply sets finding.Result.Waiver on each failing or unverified result
// that a waiver covers: the check ID matches and the result's Address
// matches the pattern (config) or is the resource the comment sits on
// (inline). Waived results stay in the output (reports list them as
// suppressions) but never fail the run.
//
// # Checks on waivers
//
// PA901 waiver-expired (warning): an expired config waiver no longer
// applies and is reported at its block in .privapi.hcl, naming the check,
// pattern, date and reason. A waiver dated 2027-01-31 applies through that
// day (UTC) and is expired from 2027-02-01.
//
// PA902 waiver-unused (info): Unused reports config waivers that cover no
// finding. The CLI passes it only the waivers whose check ran (or "*"), so
// a waiver for a check skipped with --skip-check or disabled in the file is
// not reported; a .privapi.hcl shared by several stacks can disable PA902
// with a check block.
//
// Waivers never apply to PA9xx results, and config rejects waiver blocks
// naming them. Both checks are ordinary results otherwise: the caller
// applies check overrides (enabled, severity) to them and should list them
// among the known check IDs it passes to config.Load.
package waiver
