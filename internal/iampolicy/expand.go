package iampolicy

import (
	"strings"

	"github.com/privapi/privapi/internal/symbol"
)

// ShorthandPrefix starts the execute-api:/{stage}/{VERB}/{path} resource
// shorthand that API Gateway expands when it stores a resource policy.
const ShorthandPrefix = "execute-api:/"

// ExpandContext holds what API Gateway substitutes into the shorthand: the
// API's partition, region, account and id. Each may be a literal, a symbol
// token, or "" when unknown.
type ExpandContext struct {
	Partition, Region, Account, APIID string
}

// APIARN is arn:{partition}:execute-api:{region}:{account}:{apiid}. An
// unknown ("") field is replaced by a placeholder token, so comparisons
// that depend on it come out Unknown.
func (x ExpandContext) APIARN() string {
	return "arn:" + orUnknown(x.Partition, "partition") +
		":execute-api:" + orUnknown(x.Region, "region") +
		":" + orUnknown(x.Account, "account") +
		":" + orUnknown(x.APIID, "api_id")
}

// Expand rewrites a shorthand resource (execute-api:/*,
// execute-api:/prod/GET/pets) into a full execute-api ARN and returns any
// other string unchanged.
func (x ExpandContext) Expand(resource string) string {
	rest, ok := strings.CutPrefix(resource, ShorthandPrefix)
	if !ok {
		return resource
	}
	return x.APIARN() + "/" + rest
}

func (x ExpandContext) expandAll(list []string) []string {
	if list == nil {
		return nil
	}
	out := make([]string, len(list))
	for i, r := range list {
		out[i] = x.Expand(r)
	}
	return out
}

func orUnknown(v, field string) string {
	if v != "" {
		return v
	}
	return symbol.Ref{Address: "unknown_expand_context", Attr: field}.Token()
}
