package iampolicy

import (
	"strings"

	"github.com/privapi/privapi/internal/symbol"
)

// idPrefixes are the prefixes of the values AWS puts in the VPC id keys:
// aws:SourceVpce is always a VPC endpoint id (vpce-…), aws:SourceVpc a VPC
// id (vpc-…), followed by 8 (older ids) or 17 hexadecimal digits (see
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourcevpce).
var idPrefixes = map[string]string{
	strings.ToLower(KeySourceVpce): "vpce-",
	strings.ToLower(KeySourceVpc):  "vpc-",
}

// minIDDigits is the length of the shortest id suffix (the older 8-digit ids).
const minIDDigits = 8

// admitsEveryID reports that pattern, compared with StringLike, matches
// every value AWS can put in key: a literal head that starts every such
// value ("vpce-", "vpc", "v", "") followed only by wildcards, at least one of
// them *, and no more ? than the shortest id has digits ("vpce-*",
// "vpc-*", "vpce-????????*", "*"). Such a condition admits every endpoint
// of every account.
func admitsEveryID(key, pattern string) bool {
	prefix, ok := idPrefixes[strings.ToLower(key)]
	if !ok || symbol.Contains(pattern) || hasPolicyVariable(pattern) {
		return false
	}
	i := strings.IndexAny(pattern, "*?")
	if i < 0 {
		return false
	}
	head, tail := pattern[:i], pattern[i:]
	if !strings.HasPrefix(prefix, head) {
		return false
	}
	if strings.Trim(tail, "*?") != "" || !strings.Contains(tail, "*") {
		return false
	}
	return strings.Count(tail, "?") <= minIDDigits
}

// vacuous reports that c restricts nothing among the requests that carry
// its key: a StringLike (or StringNotLike, whose positive form it is)
// pattern on a VPC id key that matches every id AWS can put there. A
// request through an interface endpoint always carries both keys.
func (c Condition) vacuous() bool {
	if c.Op.Family != FamilyString || !c.Op.Like {
		return false
	}
	for _, p := range c.Values {
		if admitsEveryID(c.Key, p) {
			return true
		}
	}
	return false
}

// matchesEveryID reports that the positive comparison of c holds for every
// value AWS can put in its key. A request value that is a token stands for
// such a value (the id of an endpoint or VPC); a literal one is compared as
// written.
func (c Condition) matchesEveryID(v string) bool {
	return symbol.Contains(v) && c.vacuous()
}

// accountToken stands for the API's account when it is unknown: an AWS
// account id is 12 decimal digits, so a literal other than a digit can never
// start it.
var accountToken = symbol.Ref{Address: "unknown_expand_context", Attr: "account"}.Token()

// tokenCannotStartWith reports that the token tok, a non-empty string known
// only after apply, can never start with rune r.
func tokenCannotStartWith(tok string, r rune) bool {
	return tok == accountToken && (r < '0' || r > '9')
}

// neverApplies reports a Deny that no request through an endpoint meets:
// one of its conditions is the negation of a vacuous one (StringNotLike
// aws:SourceVpce "vpce-*"), and conditions AND together.
func (s Statement) neverApplies() bool {
	for _, c := range s.Conditions {
		if c.Op.Negated && c.Op.Set == NoSet && !c.Op.IfExists && c.vacuous() {
			return true
		}
	}
	return false
}
