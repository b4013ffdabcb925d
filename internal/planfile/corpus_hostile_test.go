package planfile

// Entries of badCorpus for the files of fixtures/bad added for issue 8
// (hostile and broken input). They live in their own file so that the
// corpus can grow without editing corpus_test.go.
//
// syntax-error.tf and config-error.privapi.hcl are not plans: cmd/privapi's
// tests use them as a broken .tf file next to a valid plan and as a broken
// configuration file. Given as a plan they must be refused as not JSON, like
// any other text.
//
// plan-resource-no-values.json and state-resource-no-values.json hold a
// resource with a type but no values (a create without "after", a state
// resource without "values"). Terraform never writes either; privapi must
// refuse them with a message naming the resource rather than check an empty
// world and report "nothing to check".
func init() {
	for name, c := range map[string]badCase{
		"syntax-error.tf":               {phrase: `not JSON: starts with "# A .tf file with a syntax error`},
		"config-error.privapi.hcl":      {phrase: `not JSON: starts with "# A .privapi.hcl with errors`},
		"plan-resource-no-values.json":  {phrase: "aws_api_gateway_rest_api.api"},
		"state-resource-no-values.json": {phrase: "aws_api_gateway_rest_api.api"},
	} {
		if _, dup := badCorpus[name]; dup {
			panic("corpus_hostile_test.go: " + name + " is already in badCorpus")
		}
		badCorpus[name] = c
	}
}
