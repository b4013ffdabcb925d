// Package config reads privapi's configuration file, .privapi.hcl (HCL
// native syntax, hashicorp/hcl/v2), in the manner of tflint's .tflint.hcl:
// top-level settings, then blocks per check and per exception.
//
//	fail_on = "warning"   # error | warning | info | none
//	strict  = true        # unverified results count as failures
//
//	check "PA501" {       # per-check overrides, both optional
//	  enabled  = false
//	  severity = "info"   # error | warning | info
//	}
//
//	waiver {
//	  check   = "PA113"   # a check ID, or "*" for every check
//	  address = "module.edge[*].aws_vpc_endpoint.this"   # glob, see package addr
//	  reason  = "default SG locked down by org policy"   # required, not blank
//	  expires = "2027-01-31"                              # optional, last day it applies (UTC)
//	}
//
//	endpoint "shared" {   # an execute-api endpoint managed elsewhere
//	  id                 = "vpce-0123456789abcdef0"
//	  vpc_id             = "vpc-0abc"
//	  region             = "eu-west-1"
//	  security_group_ids = ["sg-0123"]      # at least one
//	  private_dns        = true
//	  subnet_cidrs       = ["10.1.0.0/24"]  # optional
//	  vpc_cidrs          = ["10.1.0.0/16"]  # optional
//	  ingress_https_from = ["10.1.4.0/24", "sg-0456"]  # optional: what its groups admit on 443
//	  nacls_allow_https  = true             # optional: its subnets' NACLs pass 443 and replies
//	  policy_file        = "vpce.json"      # optional: or policy = "<JSON>" / "default"
//	  enable_dns_support   = true           # optional: the VPC's DNS attributes
//	  enable_dns_hostnames = true
//	  subnet {                              # optional, one per subnet (not with subnet_cidrs)
//	    cidr_block        = "10.1.0.0/24"
//	    availability_zone = "eu-west-1a"
//	  }
//	}
//
//	client "batch-hosts" {                  # callers that are not in the plan
//	  cidrs              = ["10.1.4.0/24"]  # at least one
//	  security_group_ids = ["sg-0456"]      # may be [] (no security group)
//	  vpc_id             = "vpc-0abc"
//	  apis               = ["aws_api_gateway_rest_api.api"]  # optional, default every API
//	  egress_https_to    = ["10.1.0.0/16"]  # optional: what its groups allow 443 to
//	  nacls_allow_https  = true             # optional
//	  url_form           = "invoke_url"     # optional: alias (+ alias_endpoint_id), endpoint_hostname, custom_domain (+ custom_domain)
//	  signs_requests     = true             # optional: SigV4
//	  principal_arn      = "arn:aws:iam::123456789012:role/batch"  # optional, needs signs_requests
//	  organization_id    = "o-a1b2c3d4e5"   # optional, needs signs_requests
//	  vpc_links          = ["pcx-0abc"]     # optional: peering / transit gateway to the endpoints' VPCs
//	}
//
// docs/configuration.md documents every attribute with a worked split-stack
// example.
//
// Values are literals: variables and functions are not available. Every
// problem is an hcl.Diagnostic located at the offending label, attribute
// value or block; Load and Parse return them all at once in an *Error whose
// message has one line per diagnostic, "file:line,col: summary; detail".
// Validation covers unknown attributes and blocks, missing required
// attributes, check IDs (the form PAnnn, membership in the caller's list of
// known IDs, and PA9xx, which report on waivers and cannot be waived),
// severities, fail_on levels, expiry dates (YYYY-MM-DD), address patterns,
// API addresses, AWS ID and region formats, CIDR blocks (without host bits),
// duplicate check blocks, duplicate endpoint and client names, and two
// endpoint blocks with the same id.
//
// Load also reads each endpoint's policy_file, relative to the
// configuration file and only inside the repository tree that holds it
// (source.ReadInTree); Parse, which reads no file, leaves Policy empty.
//
// Load returns the *os.PathError when the file cannot be read, so the
// caller decides whether an absent file matters: a missing DefaultFile is
// normally not an error, a missing file named with --config is.
//
// Every block keeps its position (Pos); waiver, endpoint and client blocks
// also keep the position of each attribute (Attrs), for later messages such
// as an expired waiver (PA901) or a client naming an API that the plan does
// not have. Positions use the file name as given to Load or Parse.
//
// Check overrides and the top-level settings are not applied here: the
// caller merges them with its flags (flags win) and applies severity and
// enabled to every result, including the waiver checks PA901 and PA902.
package config
