package iampolicy

import (
	"strings"

	"github.com/privapi/privapi/internal/symbol"
)

// Matches reports whether p names the caller. "*" and {"AWS": "*"} name
// everyone, the anonymous caller included; named principals never name the
// anonymous caller. A signed caller is named by its ARN, by its account
// (an account ID or arn:…:iam::ACCOUNT:root), and an assumed-role session by
// its role's ARN. Service, Federated and CanonicalUser principals name no
// caller this package models.
func (c Caller) Matches(p *Principal) symbol.Tri {
	if p == nil {
		return symbol.False
	}
	if p.Wildcard {
		return symbol.True
	}
	res := symbol.False
	for typ, ids := range p.Values {
		if typ != "AWS" && typ != "*" {
			continue
		}
		for _, id := range ids {
			res = res.Or(c.matchesAWS(id))
			if res == symbol.True {
				return res
			}
		}
	}
	return res
}

func (c Caller) matchesAWS(id string) symbol.Tri {
	if id == "*" {
		return symbol.True
	}
	if c.Anonymous {
		return symbol.False
	}
	arn, account := c.PrincipalARN, c.account()
	if arn == "" && account == "" {
		return symbol.Unknown
	}
	res := symbol.False
	if arn != "" {
		res = res.Or(symbol.Equal(id, arn)).Or(sessionOfRole(arn, id))
	}
	if account == "" {
		return res
	}
	if root, ok := accountRoot(id); ok {
		return res.Or(symbol.Equal(root, account))
	}
	if _, single := symbol.Only(id); single || isAccountID(id) {
		res = res.Or(symbol.Equal(id, account))
	}
	return res
}

func (c Caller) account() string {
	if c.Account != "" {
		return c.Account
	}
	if parts := arnParts(c.PrincipalARN); len(parts) == 6 {
		return parts[4]
	}
	return ""
}

func isAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// accountRoot returns ACCOUNT from arn:PARTITION:iam::ACCOUNT:root.
func accountRoot(id string) (string, bool) {
	parts := arnParts(id)
	if len(parts) != 6 || parts[0] != "arn" || parts[2] != "iam" || parts[5] != "root" {
		return "", false
	}
	return parts[4], true
}

// sessionOfRole reports whether session, an
// arn:…:sts::ACCOUNT:assumed-role/NAME/SESSION ARN, is a session of role,
// an arn:…:iam::ACCOUNT:role/PATH/NAME ARN.
func sessionOfRole(session, role string) symbol.Tri {
	sp, rp := arnParts(session), arnParts(role)
	if len(sp) != 6 || len(rp) != 6 || sp[2] != "sts" || rp[2] != "iam" {
		return symbol.False
	}
	sessionRole, ok := strings.CutPrefix(sp[5], "assumed-role/")
	if !ok || !strings.HasPrefix(rp[5], "role/") {
		return symbol.False
	}
	name, _, _ := strings.Cut(sessionRole, "/")
	roleName := rp[5][strings.LastIndexByte(rp[5], '/')+1:]
	return symbol.Equal(sp[4], rp[4]).And(symbol.Equal(name, roleName))
}
