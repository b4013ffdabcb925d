package genplan

import (
	"bytes"
	"encoding/json"
	"sort"
)

// Filler: module.svc["fNNNNN"], one unrelated service per instance of the
// module: an S3 bucket, an IAM role with a JSON assume-role policy and an EC2
// instance. A unit is either created by the plan, left as it is (no-op, all
// values known, present in prior_state) or updated in place (a tag changes).

const (
	fillerCall    = "svc"
	fillerPerUnit = 3
	awsProvider   = "registry.terraform.io/hashicorp/aws"
)

var fillerSlots = []string{"K", "NAME", "SUBNET", "INST", "ENI", "VOL", "SG", "IP", "IPDASH", "ROLEUID", "CANON", "DATE", "ITYPE", "PRINC", "AZ", "AMI", "VER"}

// Filler actions.
const (
	actNoop = iota
	actCreate
	actUpdate
	nActions
)

// fillerRes is one resource of a unit.
type fillerRes struct {
	typ           string
	schemaVersion int
	state         func() map[string]any // every value as stored after apply
	knownOnCreate []string              // attributes known in a create plan
	config        map[string]any        // expressions in the configuration
}

var fillerResources = []fillerRes{
	{
		typ:           "aws_s3_bucket",
		state:         bucketState,
		knownOnCreate: []string{"bucket", "force_destroy", "tags", "tags_all", "timeouts"},
		config: map[string]any{
			"bucket":        refs("var.name"),
			"force_destroy": map[string]any{"constant_value": false},
			"tags":          refs("var.name", "var.version"),
		},
	},
	{
		typ:   "aws_iam_role",
		state: roleState,
		knownOnCreate: []string{"assume_role_policy", "description", "force_detach_policies", "max_session_duration",
			"name", "path", "permissions_boundary", "tags", "tags_all"},
		config: map[string]any{
			"name":               refs("var.name"),
			"assume_role_policy": refs("var.trusted_service"),
			"managed_policy_arns": map[string]any{
				"constant_value": []any{"arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"},
			},
			"tags": refs("var.name", "var.version"),
		},
	},
	{
		typ:           "aws_instance",
		schemaVersion: 1,
		state:         instanceState,
		knownOnCreate: []string{"ami", "credit_specification", "get_password_data", "hibernation", "instance_type",
			"launch_template", "source_dest_check", "subnet_id", "tags", "tags_all", "timeouts",
			"user_data_replace_on_change", "volume_tags", "vpc_security_group_ids"},
		config: map[string]any{
			"ami":                    refs("var.ami"),
			"instance_type":          refs("var.instance_type"),
			"subnet_id":              refs("var.subnet_id"),
			"vpc_security_group_ids": refs("var.security_group_id"),
			"metadata_options":       []any{map[string]any{"http_tokens": map[string]any{"constant_value": "required"}}},
			"tags":                   refs("var.name", "var.version"),
		},
	},
}

func refs(r ...string) map[string]any {
	l := make([]any, len(r))
	for i, s := range r {
		l[i] = s
	}
	return map[string]any{"references": l}
}

func num(s string) json.Number { return json.Number(s) }

func tags(extra string) map[string]any {
	return map[string]any{"Name": ph("NAME") + extra, "Service": ph("NAME"), "Version": ph("VER")}
}

func tagsAll(extra string) map[string]any {
	t := tags(extra)
	t["Project"] = "monorepo"
	t["ManagedBy"] = "terraform"
	return t
}

func bucketState() map[string]any {
	n := ph("NAME") + "-artifacts"
	return map[string]any{
		"acceleration_status": "", "acl": nil, "arn": "arn:aws:s3:::" + n, "bucket": n,
		"bucket_domain_name": n + ".s3.amazonaws.com", "bucket_prefix": "",
		"bucket_regional_domain_name": n + ".s3.us-east-1.amazonaws.com",
		"cors_rule":                   []any{}, "force_destroy": false,
		"grant":          []any{map[string]any{"id": ph("CANON"), "permissions": []any{"FULL_CONTROL"}, "type": "CanonicalUser", "uri": ""}},
		"hosted_zone_id": "Z3AQBSTGFYJSTF", "id": n, "lifecycle_rule": []any{}, "logging": []any{},
		"object_lock_configuration": []any{}, "object_lock_enabled": false, "policy": "", "region": "us-east-1",
		"replication_configuration": []any{}, "request_payer": "BucketOwner",
		"server_side_encryption_configuration": []any{map[string]any{"rule": []any{map[string]any{
			"apply_server_side_encryption_by_default": []any{map[string]any{"kms_master_key_id": "", "sse_algorithm": "AES256"}},
			"bucket_key_enabled":                      false,
		}}}},
		"tags": tags("-artifacts"), "tags_all": tagsAll("-artifacts"), "timeouts": nil,
		"versioning": []any{map[string]any{"enabled": false, "mfa_delete": false}},
		"website":    []any{}, "website_domain": nil, "website_endpoint": nil,
	}
}

// trustPolicy is an assume-role policy as the provider stores it (JSON text).
func trustPolicy() string {
	return `{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":"` + ph("PRINC") + `"}}],"Version":"2012-10-17"}`
}

func roleState() map[string]any {
	n := ph("NAME") + "-role"
	return map[string]any{
		"arn": "arn:aws:iam::123456789012:role/" + n, "assume_role_policy": trustPolicy(),
		"create_date": ph("DATE"), "description": "", "force_detach_policies": false, "id": n,
		"inline_policy": []any{}, "managed_policy_arns": []any{"arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"},
		"max_session_duration": num("3600"), "name": n, "name_prefix": "", "path": "/", "permissions_boundary": "",
		"tags": tags("-role"), "tags_all": tagsAll("-role"), "unique_id": "AROA" + ph("ROLEUID"),
	}
}

func instanceState() map[string]any {
	return map[string]any{
		"ami": ph("AMI"), "arn": "arn:aws:ec2:us-east-1:123456789012:instance/" + ph("INST"),
		"associate_public_ip_address": false, "availability_zone": ph("AZ"),
		"capacity_reservation_specification": []any{map[string]any{"capacity_reservation_preference": "open", "capacity_reservation_target": []any{}}},
		"cpu_core_count":                     num("1"), "cpu_options": []any{map[string]any{"amd_sev_snp": "", "core_count": num("1"), "threads_per_core": num("2")}},
		"cpu_threads_per_core": num("2"), "credit_specification": []any{map[string]any{"cpu_credits": "unlimited"}},
		"disable_api_stop": false, "disable_api_termination": false, "ebs_block_device": []any{}, "ebs_optimized": false,
		"enable_primary_ipv6": nil, "enclave_options": []any{map[string]any{"enabled": false}}, "ephemeral_block_device": []any{},
		"get_password_data": false, "hibernation": false, "host_id": "", "host_resource_group_arn": nil, "iam_instance_profile": "",
		"id": ph("INST"), "instance_initiated_shutdown_behavior": "stop", "instance_lifecycle": "",
		"instance_market_options": []any{}, "instance_state": "running", "instance_type": ph("ITYPE"),
		"ipv6_address_count": num("0"), "ipv6_addresses": []any{}, "key_name": "", "launch_template": []any{},
		"maintenance_options": []any{map[string]any{"auto_recovery": "default"}},
		"metadata_options": []any{map[string]any{"http_endpoint": "enabled", "http_protocol_ipv6": "disabled",
			"http_put_response_hop_limit": num("2"), "http_tokens": "required", "instance_metadata_tags": "disabled"}},
		"monitoring": false, "network_interface": []any{}, "outpost_arn": "", "password_data": "", "placement_group": "",
		"placement_partition_number": num("0"), "primary_network_interface_id": ph("ENI"),
		"private_dns": "ip-" + ph("IPDASH") + ".ec2.internal",
		"private_dns_name_options": []any{map[string]any{"enable_resource_name_dns_a_record": false,
			"enable_resource_name_dns_aaaa_record": false, "hostname_type": "ip-name"}},
		"private_ip": ph("IP"), "public_dns": "", "public_ip": "",
		"root_block_device": []any{map[string]any{"delete_on_termination": true, "device_name": "/dev/xvda", "encrypted": false,
			"iops": num("3000"), "kms_key_id": "", "tags": nil, "tags_all": map[string]any{}, "throughput": num("125"),
			"volume_id": ph("VOL"), "volume_size": num("8"), "volume_type": "gp3"}},
		"secondary_private_ips": []any{}, "security_groups": []any{}, "source_dest_check": true,
		"spot_instance_request_id": "", "subnet_id": ph("SUBNET"), "tags": tags(""), "tags_all": tagsAll(""),
		"tenancy": "default", "timeouts": nil, "user_data": nil, "user_data_base64": nil,
		"user_data_replace_on_change": false, "volume_tags": nil, "vpc_security_group_ids": []any{ph("SG")},
	}
}

// mirror is the shape Terraform uses for sensitive_values and for the known
// parts of after_unknown: collections keep their structure, leaves are false
// (and omitted inside objects).
func mirror(v any) any {
	switch x := v.(type) {
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			if m := mirror(e); m != nil {
				out[i] = m
			} else {
				out[i] = false
			}
		}
		return out
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			if m := mirror(e); m != nil {
				out[k] = m
			}
		}
		return out
	}
	return nil
}

func mirrorObj(v map[string]any) map[string]any {
	if m, ok := mirror(v).(map[string]any); ok {
		return m
	}
	return map[string]any{}
}

// fillerTemplates holds, per action, the unit's elements of each section.
type fillerTemplates struct {
	rc, pv, prior [nActions]template
}

func buildFiller() *fillerTemplates {
	ft := &fillerTemplates{}
	prefix := "module." + fillerCall + `["` + ph("K") + `"]`
	for act := 0; act < nActions; act++ {
		var rcs, pvs, priors [][]byte
		for _, fr := range fillerResources {
			full := fr.state()
			addr := prefix + "." + fr.typ + ".this"
			var before, after, afterUnknown, pvValues any
			beforeSensitive := any(false)
			afterSensitive := mirrorObj(full)
			actions := []any{"no-op"}
			switch act {
			case actNoop:
				before, after, afterUnknown, pvValues = full, full, map[string]any{}, full
				beforeSensitive = mirrorObj(full)
			case actUpdate:
				upd := fr.state()
				for _, t := range []string{"tags", "tags_all"} {
					upd[t].(map[string]any)["Version"] = ph("VER") + "-next"
				}
				before, after, afterUnknown, pvValues = full, upd, map[string]any{}, upd
				beforeSensitive = mirrorObj(full)
				actions = []any{"update"}
			case actCreate:
				known := map[string]any{}
				unknown := map[string]any{}
				isKnown := map[string]bool{}
				for _, k := range fr.knownOnCreate {
					isKnown[k] = true
				}
				for k, v := range full {
					if isKnown[k] {
						if k == "description" || k == "permissions_boundary" {
							v = nil
						}
						known[k] = v
						if m := mirror(v); m != nil {
							unknown[k] = m
						}
					} else {
						unknown[k] = true
					}
				}
				if t, ok := unknown["tags_all"]; ok && t != nil {
					unknown["tags_all"] = map[string]any{}
				}
				before, after, afterUnknown, pvValues = nil, known, unknown, known
				afterSensitive = mirrorObj(known)
				actions = []any{"create"}
			}
			rc := map[string]any{
				"address": addr, "module_address": prefix, "mode": "managed", "type": fr.typ, "name": "this",
				"provider_name": awsProvider,
				"change": map[string]any{
					"actions": actions, "before": before, "after": after, "after_unknown": afterUnknown,
					"before_sensitive": beforeSensitive, "after_sensitive": afterSensitive,
				},
			}
			rcs = append(rcs, marshal(rc))
			pvs = append(pvs, marshal(map[string]any{
				"address": addr, "mode": "managed", "type": fr.typ, "name": "this", "provider_name": awsProvider,
				"schema_version": fr.schemaVersion, "values": pvValues, "sensitive_values": mirrorObj(pvValues.(map[string]any)),
			}))
			if act != actCreate {
				priors = append(priors, marshal(map[string]any{
					"address": addr, "mode": "managed", "type": fr.typ, "name": "this", "provider_name": awsProvider,
					"schema_version": fr.schemaVersion, "values": full, "sensitive_values": mirrorObj(full),
				}))
			}
		}
		ft.rc[act] = compile(bytes.Join(rcs, []byte(",")), fillerSlots)
		ft.pv[act] = compile(moduleText(prefix, pvs), fillerSlots)
		if len(priors) > 0 {
			ft.prior[act] = compile(moduleText(prefix, priors), fillerSlots)
		}
	}
	return ft
}

// moduleText is a module object {"address":…,"resources":[…]} in the
// order terraform writes it.
func moduleText(prefix string, resources [][]byte) []byte {
	var b bytes.Buffer
	b.WriteString(`{"resources":[`)
	b.Write(bytes.Join(resources, []byte(",")))
	b.WriteString(`],"address":`)
	b.Write(marshal(prefix))
	b.WriteString(`}`)
	return b.Bytes()
}

// fillerModule is the configuration of module "svc".
func fillerModule() map[string]any {
	var resources []any
	for _, fr := range fillerResources {
		resources = append(resources, map[string]any{
			"address": fr.typ + ".this", "mode": "managed", "type": fr.typ, "name": "this",
			"provider_config_key": "aws", "expressions": fr.config, "schema_version": fr.schemaVersion,
		})
	}
	vars := map[string]any{}
	names := []string{"name", "version", "trusted_service", "ami", "instance_type", "subnet_id", "security_group_id"}
	sort.Strings(names)
	for _, n := range names {
		vars[n] = map[string]any{"description": "service " + n}
	}
	return map[string]any{
		"resources": resources,
		"variables": vars,
		"outputs": map[string]any{
			"role_arn":    map[string]any{"expression": refs("aws_iam_role.this.arn", "aws_iam_role.this")},
			"instance_id": map[string]any{"expression": refs("aws_instance.this.id", "aws_instance.this")},
		},
	}
}

// fillerCallConfig is the module block of the filler.
func fillerCallConfig() map[string]any {
	exprs := map[string]any{}
	for _, n := range []string{"version", "trusted_service", "ami", "instance_type", "subnet_id", "security_group_id"} {
		exprs[n] = refs("each.value."+n, "each.value")
	}
	exprs["name"] = refs("each.key")
	return map[string]any{
		"source":              "./modules/service",
		"expressions":         exprs,
		"for_each_expression": refs("local.services"),
		"module":              fillerModule(),
	}
}
