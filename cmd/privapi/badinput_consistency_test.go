package main

// The hand-written hostile plans of issue 14 that do not agree with
// themselves (see internal/planfile/consistency.go): exit 2, one line.
func init() {
	for name, phrase := range map[string]string{
		"hostile-case-resource-changes.json": `duplicate key "Resource_Changes"`,
		"hostile-case-change.json":           `duplicate key "Change"`,
		"hostile-duplicate-address.json":     `both have the address "aws_api_gateway_rest_api.api"`,
		"hostile-changes-empty.json":         `but resource_changes is empty`,
		"hostile-prior-state-missing.json":   `prior_state holds the resource "aws_vpc_endpoint.execute_api"`,
		"hostile-errored.json":               `"errored": true`,
	} {
		if _, dup := badCLI[name]; dup {
			panic("badinput_consistency_test.go: " + name + " is already in badCLI")
		}
		e := badCLI[name]
		e.phrase = phrase
		badCLI[name] = e
	}
}
