// Package planfile reads what privapi checks: the output of
// terraform show -json, for a plan or for a state, from a file, from standard
// input ("-") or from a binary plan file.
//
// # What is accepted
//
//   - The JSON output of terraform show -json PLANFILE (a plan) and of
//     terraform show -json (a state), format_version 0.1 through 1.x. The
//     file name means nothing: the content decides. A plan is an object with
//     any of planned_values, resource_changes, resource_drift, prior_state,
//     configuration, output_changes, variables, ... and no top-level
//     "values"; a state has "values" and none of those. An object with only
//     format_version (and terraform_version) is the empty state Terraform
//     prints when there is none.
//   - UTF-8, with or without a byte-order mark, and UTF-16 LE or BE with a
//     byte-order mark (what PowerShell's ">" writes).
//   - A binary plan file (a zip archive, recognised by its magic bytes), which
//     Load converts by running terraform -chdir=DIR show -json FILE, DIR being
//     the directory of the plan file and FILE its absolute path. This is the
//     only process privapi ever runs; it is started without a shell.
//     Options.Terraform names the binary, else "terraform" is looked up on
//     PATH. Decode never runs anything.
//
// A state is decoded with encoding/json and UseNumber into terraform-json's
// State type, so numbers keep their exact text as json.Number. A plan is
// decoded lean into terraform-json's Plan type (lean.go): only what privapi
// reads — resource_changes, configuration, variables, the data resources of
// prior_state and the version fields; planned_values, resource_drift,
// output_changes, relevant_attributes, checks and deferred_changes are
// checked by the scanner and then dropped. The five values of each change
// (before, after, after_unknown, before_sensitive, after_sensitive) are
// json.RawMessage in tfjson.Change's interface{} fields (nil for null):
// package model decodes them, with UseNumber, when a check reads them.
// "configuration" is decoded by terraform-json itself. The format version is
// checked by our own code and by terraform-json's Validate.
//
// # What is refused
//
// Every problem of the input is an *InputError whose message is one line
// ("path: message"), meant for the user; callers map it to exit code 2:
//
//   - a missing or unreadable file, a directory;
//   - empty input, input that is only whitespace (checked through a small
//     buffer first, so a huge file of spaces is never held in memory), only a
//     byte-order mark;
//   - input that is not JSON, with the first characters quoted; truncated
//     JSON and any other syntax error, with the byte offset, line and column;
//     more than one JSON value;
//   - invalid UTF-8 (with the byte offset), UTF-16 without a byte-order mark,
//     invalid UTF-16, UTF-32, gzip-compressed data;
//   - duplicate keys in any object at any depth, with the key, both offsets
//     and the JSON path (encoding/json would silently keep the last one);
//   - numbers beyond the range of a float64, such as 1e400 (numbers that
//     underflow to zero, such as 1e-400, are accepted like encoding/json
//     does);
//   - objects and arrays nested deeper than 512 levels;
//   - JSON that is not a plan or state: null, arrays, strings, numbers,
//     booleans, objects without the keys above (with hints for provider
//     schema dumps, the streaming output of terraform plan -json, raw
//     terraform.tfstate files, terraform validate/version/metadata output),
//     objects with both plan keys and "values";
//   - a missing, non-string, unparsable or unsupported format_version (2.0
//     and above);
//   - a plan when Options.Want is KindState, a state when it is KindPlan;
//   - JSON whose fields have the wrong types for terraform-json (for example
//     a string where resource_changes should be an array);
//   - a binary plan file when terraform cannot be found, on standard input,
//     or when terraform show fails (with its first "Error:" line, else the
//     first line of its stderr).
//
// Known limit: encoding/json matches object keys to struct fields without
// regard to case, so {"address": "a", "Address": "b"} inside a resource is
// not a duplicate for the scanner (the keys differ) yet only one of them
// reaches the decoded value. The top-level format_version is checked twice
// (before and after decoding) so it cannot be overridden that way.
//
// # Cost
//
// The input is read once into one buffer (sized from the file size), checked
// by a single-pass byte scanner (syntax, UTF-8, duplicate keys, number range,
// depth, top-level keys and where their values lie, and where the large
// objects and arrays inside them end: a list of a few percent of the
// input's size) and then decoded section by section, in place,
// resource_changes on a goroutine of its own. resource_changes is walked
// once over the checked input (fastchanges.go), jumping over the values
// whose ends the scanner recorded (tape.go): its fields are decoded by hand into
// terraform-json's types, the change values are copied as text (the texts
// of after_unknown, before_sensitive and after_sensitive, which mostly
// repeat from one resource of a type to the next, once per distinct text).
// prior_state is walked the same way (priorstate.go), and the values of its
// data resources and the input variables are decoded from the checked text
// in one pass (values.go); encoding/json decodes the rest, and whatever the
// hand decoders do not expect. On Linux the input buffer is advised huge
// pages while it is read and decoded (hugepages_linux.go). Inputs are never
// panicked on. bench/README.md has the measurements.
package planfile
