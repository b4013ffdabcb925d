// Package iampolicy parses IAM policy documents and evaluates them for API
// Gateway private REST APIs, in three-valued logic: values that Terraform
// only knows after apply travel as symbol tokens (see package symbol), and
// an answer that depends on them is symbol.Unknown rather than a guess.
//
// It serves two kinds of policy: the API's resource policy and the
// execute-api VPC endpoint policy, which API Gateway evaluates first
// (see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-vpc-endpoint-policies.html).
//
// # Parsing
//
// Parse reads JSON text and FromValue an already decoded value. Statement
// may be an object or a list; Action, Resource and condition values a
// string or a list; condition values may also be numbers or booleans,
// kept as their JSON text. JSON null counts as an absent element. Unknown
// elements, an Effect other than "Allow"/"Deny", an unknown condition
// operator, a statement with both or neither of Action/NotAction, or both
// Resource/NotResource or Principal/NotPrincipal, are errors. A statement
// without Resource/NotResource or Principal/NotPrincipal is accepted (IAM
// identity and trust policies have them) and then applies to every
// resource or caller.
//
// DocumentConfig.Build rebuilds the JSON a data.aws_iam_policy_document
// renders from its configuration, with the provider's merge rules for
// source_policy_documents and override_policy_documents (see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/iam_policy_document;
// provider docs and source of the data source). Policy.JSON renders a
// deterministic canonical form.
//
// # Evaluation
//
// Policy.Evaluate follows IAM (see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-authorization-flow.html): a Deny that applies wins;
// otherwise an Allow that applies is needed; otherwise the request is
// denied implicitly. In three values: a Deny that may apply makes a request
// that some Allow does (or may) grant Unknown; a request no Allow can grant
// is denied whatever the Denies say.
//
// A statement applies when its principal, action, resource and every
// condition match:
//
//   - Principal "*" and {"AWS": "*"} match everyone, anonymous callers
//     included; named principals never match an anonymous caller
//     (see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-policy-language-overview.html). NotPrincipal applies to everyone not named, so to
//     the anonymous caller unless it lists "*" (B9).
//   - Action/NotAction compare case-insensitively with * and ? (B7).
//   - Resource/NotResource compare case-sensitively with * and ?, after
//     expanding the execute-api:/{stage}/{VERB}/{path} shorthand with an
//     ExpandContext (B8).
//   - Conditions: every IAM operator family (String*, Numeric*, Date*,
//     Bool, BinaryEquals, IpAddress/NotIpAddress for IPv4 and IPv6,
//     Arn*, Null), with IfExists and ForAnyValue:/ForAllValues:. Keys are
//     case-insensitive, values case-sensitive unless IgnoreCase (B7).
//     Several values for one key OR (a negated operator is true when the
//     request value matches none); several keys and operators AND. A key
//     absent from the request makes positive operators false, negated ones
//     true, IfExists true, ForAllValues true and ForAnyValue false; Null
//     tests presence (B6). Values that do not parse as the operator's type
//     never match.
//
// Symbolic values compare with symbol.Equal. In wildcard matches tokens are
// opaque atoms: text around identical tokens in the same place is compared
// as usual, and anything that depends on a token's text is Unknown. A
// ${...} policy variable is not substituted: comparisons with it are
// Unknown unless the strings are identical.
//
// For IP keys a request value may be a CIDR block standing for "some
// address in this block". Evaluate answers whether every address in it is
// allowed: it splits the block at the edges of the policy's blocks for that
// key and evaluates one address per piece, so an Allow must hold for every
// address and a Deny that holds for any address denies. aws:SourceIp is
// not present on requests through a VPC endpoint (B5); callers model that
// by leaving it out of the context.
//
// # Checks support
//
// ConditionUses, AnonymousAllows, VpcRestrictions and VpcLiterals list
// what the checks look at (B3, B4, B6, B7, B12); Equivalent tells a
// cosmetic policy diff from a real one (B8).
package iampolicy
