package checks

import (
	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/reach"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

func init() {
	Register(&Check{
		ID:       "PA201",
		Name:     "policy-missing",
		Severity: finding.Error,
		Title:    "A private REST API has no resource policy",
		Doc: `**What AWS does.** A PRIVATE REST API can only be invoked when its resource policy allows the
call: until a policy granting access to the VPC or VPC endpoint is attached, every request
fails with 403 ` + "`User: anonymous is not authorized to perform: execute-api:Invoke`" + ` (aws-facts A4,
B1). The policy can come from the ` + "`policy`" + ` argument of ` + "`aws_api_gateway_rest_api`" + `, an
` + "`aws_api_gateway_rest_api_policy`" + `, or ` + "`x-amazon-apigateway-policy`" + ` in the OpenAPI ` + "`body`" + ` (A5).

**Why it breaks.** With none of them (or a document without statements), there is no Allow,
so every call is denied implicitly.

**How to fix.** Attach AWS's documented policy (B12), e.g.:

` + "```hcl" + `
data "aws_iam_policy_document" "api" {
  statement {
    actions   = ["execute-api:Invoke"]
    resources = ["${aws_api_gateway_rest_api.api.execution_arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
  statement {
    effect    = "Deny"
    actions   = ["execute-api:Invoke"]
    resources = ["${aws_api_gateway_rest_api.api.execution_arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "StringNotEquals"
      variable = "aws:SourceVpce"
      values   = [aws_vpc_endpoint.execute_api.id]
    }
  }
}

resource "aws_api_gateway_rest_api_policy" "api" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  policy      = data.aws_iam_policy_document.api.json
}
` + "```" + `

and redeploy the API (A7). Judged per private API; an API whose ` + "`aws_api_gateway_rest_api_policy`" + `
is destroyed by this plan without another source loses its policy. Sources: aws-facts A4, A5,
B1, B12.`,
		Run: runPA201,
	})
}

func runPA201(v *topology.View, r *Reporter) {
	for _, api := range reach.PrivateAPIs(v) {
		p := pa2ReadAPIPolicy(v, api)
		s := p.Subject()
		fail := r.Fail
		if api.Private != symbol.True {
			fail = r.Unverified
		}
		fix := "add a resource policy that allows execute-api:Invoke from your endpoints, e.g. an aws_api_gateway_rest_api_policy with rest_api_id = " +
			pa2RefOrValue(api.Node, "id", api.ID) + " and the Allow + Deny-unless-aws:SourceVpce document of AWS's example (B12), then redeploy"
		switch {
		case p.Source == nil:
			why := "no policy argument, no aws_api_gateway_rest_api_policy and no x-amazon-apigateway-policy in an OpenAPI body"
			for _, ps := range api.Policies {
				if ps.Deleted && ps.Inst != nil {
					why = pa2Addr(ps) + " is destroyed by this plan and no other source sets the policy"
				}
			}
			if api.Private != symbol.True {
				fail(s, fix, "if API %s is PRIVATE (its endpoint type is known only after apply), it has no resource policy (%s), so every call would be denied (A4)", api.Address, why)
				continue
			}
			fail(s, fix, "private API %s has no resource policy (%s): every invocation is denied with 403 \"anonymous is not authorized\" (A4)", api.Address, why)
		case p.Readable() && len(p.Raw.Statements) == 0:
			fail(s, fix, "the resource policy of private API %s (%s) has no statements: every invocation is denied (A4)", api.Address, p.Where())
		default:
			r.Pass(s)
		}
	}
}
