package checks

import (
	"embed"
	"strings"
)

// registry lists every check privapi reports, in ID order. Adding a check
// takes one line here, its file (a *Check in a package-level var with its
// Run function), its documentation in docs/<ID>.md and its fixture.
var registry = withDocs([]*Check{
	// PA1xx: the network path from the client to the endpoint.
	pa101, // endpoint-missing
	pa102, // endpoint-not-interface
	pa103, // endpoint-region-mismatch
	pa104, // endpoint-subnets
	pa110, // client-unreachable
	pa111, // endpoint-sg-ingress
	pa112, // client-sg-egress
	pa113, // endpoint-default-sg
	pa114, // nacl-blocks
	pa115, // ip-family-mismatch

	// PA2xx: the resource policy and the endpoint policy.
	pa201, // policy-missing
	pa202, // policy-denies
	pa203, // endpoint-policy-denies
	pa204, // policy-source-ip
	pa205, // policy-foreign-id
	pa206, // policy-resource-mismatch
	pa207, // policy-principal
	pa208, // policy-conflict
	pa209, // policy-unverifiable
	pa210, // policy-open
	pa211, // policy-key-mismatch

	// PA3xx: deployments and stages.
	pa301, // policy-change-not-deployed
	pa302, // trigger-misses-policy
	pa303, // deployment-destroy-first
	pa304, // trigger-normalized-policy
	pa305, // stage-missing
	pa306, // deployment-before-policy
	pa307, // trigger-always-changes
	pa308, // api-change-not-deployed
	pa309, // body-overwrites-policy
	pa310, // policy-resource-renamed

	// PA4xx: names and DNS.
	pa401, // private-dns-vpc-dns
	pa402, // no-resolvable-name
	pa403, // private-dns-shadows-public
	pa404, // execute-api-endpoint-disabled
	pa405, // private-dns-remote-client
	pa406, // private-domain-broken
	pa407, // client-url-form

	// PA5xx: logging.
	pa501, // execution-logging-off
	pa502, // data-trace-off
	pa503, // cloudwatch-role-missing
	pa504, // access-logging-off

	// PA6xx: several stacks checked together.
	pa601, // stack-inputs-disagree

	// PA9xx: results about the waivers themselves, reported by the waiver
	// step after the checks ran (Run is nil).
	pa901, // waiver-expired
	pa902, // waiver-unused
})

//go:generate go run ../internal/gendocs -o ../docs/checks.md

// docs holds each check's documentation, docs/<ID>.md, in Markdown.
//
//go:embed docs/*.md
var docs embed.FS

// withDocs fills each check's Doc from docs/<ID>.md. A check without its
// documentation is a build mistake: it panics at start-up, which every test
// of this package catches.
func withDocs(list []*Check) []*Check {
	seen := map[string]bool{}
	for _, c := range list {
		if seen[c.ID] {
			panic("checks: duplicate check ID " + c.ID)
		}
		seen[c.ID] = true
		b, err := docs.ReadFile("docs/" + c.ID + ".md")
		if err != nil {
			panic("checks: no documentation for " + c.ID + ": " + err.Error())
		}
		c.Doc = strings.TrimSpace(string(b))
	}
	return list
}
