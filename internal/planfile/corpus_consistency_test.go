package planfile

// Entries of badCorpus for the hand-written hostile plans of issue 14: plans
// that do not agree with themselves. Each is valid JSON that encoding/json
// would decode without complaint, and before the consistency checks each
// gave a clean run or "nothing to check".
func init() {
	for name, c := range map[string]badCase{
		"hostile-case-resource-changes.json": {phrase: `duplicate key "Resource_Changes" at offset 903 (line 1, column 904) in the top-level object: it differs from "resource_changes" (offset 425) only in case`},
		"hostile-case-change.json":           {phrase: `duplicate key "Change" at offset 901 (line 1, column 902) in resource_changes[0]: it differs from "change" (offset 605) only in case`},
		"hostile-duplicate-address.json":     {phrase: `resource_changes[0] and resource_changes[1] both have the address "aws_api_gateway_rest_api.api"`},
		"hostile-changes-empty.json":         {phrase: `planned_values holds the resource "aws_api_gateway_rest_api.api" but resource_changes is empty`},
		"hostile-prior-state-missing.json":   {phrase: `prior_state holds the resource "aws_vpc_endpoint.execute_api" but resource_changes has no entry for it`},
		"hostile-errored.json":               {phrase: `the plan says "errored": true: terraform plan failed`},
	} {
		if _, dup := badCorpus[name]; dup {
			panic("corpus_consistency_test.go: " + name + " is already in badCorpus")
		}
		badCorpus[name] = c
	}
}
