package iampolicy

import "fmt"

// Effects as written in a statement.
const (
	Allow = "Allow"
	Deny  = "Deny"
)

// Policy is a parsed IAM policy document.
type Policy struct {
	Version    string
	ID         string
	Statements []Statement
}

// Statement is one element of a policy's Statement list.
//
// A nil Action, NotAction, Resource or NotResource means the element is
// absent; Parse never produces an empty present list for them.
type Statement struct {
	Sid string
	// Index is the zero-based position of the statement in its policy.
	Index int
	// Effect is Allow or Deny.
	Effect string

	Principal, NotPrincipal *Principal

	Action, NotAction     []string
	Resource, NotResource []string

	// Conditions are sorted by operator, then key, as written.
	Conditions []Condition
}

// Ref names the statement for messages.
func (s Statement) Ref() StatementRef { return StatementRef{Sid: s.Sid, Index: s.Index} }

// Principal is a Principal or NotPrincipal element.
type Principal struct {
	// Wildcard is the bare string "*".
	Wildcard bool
	// Values maps a principal type ("AWS", "Service", "Federated",
	// "CanonicalUser") to its identifiers.
	Values map[string][]string
}

// Condition is one (operator, key) entry of a Condition block.
type Condition struct {
	// Operator as written, e.g. "ForAnyValue:StringNotEqualsIfExists".
	Operator string
	// Op is Operator parsed.
	Op Operator
	// Key as written, e.g. "aws:sourceVpce". Keys compare case-insensitively.
	Key string
	// Values in the order written; numbers and booleans are rendered as
	// their JSON text.
	Values []string
}

// StatementRef identifies a statement in messages.
type StatementRef struct {
	Sid string
	// Index is zero-based; String prints it counting from one.
	Index int
}

// String renders the Sid, or "statement #N" (N counting from 1) when the
// statement has none.
func (r StatementRef) String() string {
	if r.Sid != "" {
		return r.Sid
	}
	return fmt.Sprintf("statement #%d", r.Index+1)
}
