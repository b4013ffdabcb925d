package topology

import (
	"encoding/json"
	"strings"

	"github.com/privapi/privapi/internal/model"
	"github.com/privapi/privapi/internal/symbol"
)

// definitionTypes are resources whose change alters what a deployment
// snapshots (A7, A11).
var definitionTypes = []string{
	"aws_api_gateway_resource", "aws_api_gateway_method", "aws_api_gateway_integration",
	"aws_api_gateway_method_response", "aws_api_gateway_integration_response", "aws_api_gateway_authorizer",
	"aws_api_gateway_gateway_response", "aws_api_gateway_model", "aws_api_gateway_request_validator",
}

func (b *builder) apis() {
	o := apiOwners{b: b, byID: map[string]*API{}}
	for _, inst := range b.live("aws_api_gateway_rest_api") {
		a := b.api(inst)
		b.v.APIs = append(b.v.APIs, a)
		o.byID[a.ID] = a
	}
	b.apiPolicies(o)
	b.apiResources(o)
	b.apiDeployments(o)
	b.methodSettings(o)
	for _, t := range definitionTypes {
		for _, inst := range b.m.OfType(t) {
			if a := o.of(inst); a != nil {
				a.definition = append(a.definition, inst)
			}
		}
	}
	for _, inst := range b.live("aws_api_gateway_account") {
		acc := &Account{Node: node(inst), Region: b.m.Region(inst)}
		v := b.attr(inst, "cloudwatch_role_arn")
		acc.CloudWatchRoleARN, acc.RoleKnown = Str(v)
		b.v.Accounts = append(b.v.Accounts, acc)
	}
	b.domains(o.byID)
}

// apiOwners finds the API a resource belongs to by its rest_api_id.
type apiOwners struct {
	b    *builder
	byID map[string]*API
}

func (o apiOwners) of(inst *model.Instance) *API {
	id := o.b.str(inst, "rest_api_id")
	if id == "" && inst.Deleted() {
		id, _ = Str(Get(inst.Before(), "rest_api_id")) // a deleted instance has no after value
	}
	return o.byID[id]
}

// api reads one aws_api_gateway_rest_api.
func (b *builder) api(inst *model.Instance) *API {
	a := &API{Node: node(inst), ID: b.id(inst), Region: b.m.Region(inst)}
	a.ExecutionARN, _ = Str(b.attr(inst, "execution_arn"))
	if a.ExecutionARN == "" {
		a.ExecutionARN = symbol.Ref{Address: inst.Address, Attr: "execution_arn", Fresh: inst.Creates()}.Token()
	}
	b.endpointConfiguration(inst, a)
	a.DisableExecuteAPI = b.boolDefault(inst, "disable_execute_api_endpoint", false)
	a.Body, a.BodyKnown = Str(b.attr(inst, "body"))
	if IsNull(b.attr(inst, "body")) {
		a.Body, a.BodyKnown = "", true
	}
	a.PutRestAPIMode, _ = Str(b.attr(inst, "put_rest_api_mode"))
	if b.m.Configured(inst, "policy") || (b.m.Kind == "state" && len(b.live("aws_api_gateway_rest_api_policy")) == 0) {
		if ps := b.policySource(inst, "policy", PolicyArgument); ps != nil {
			a.Policies = append(a.Policies, ps)
		}
	}
	if a.Body != "" && a.BodyKnown {
		if doc, ok := bodyPolicy(a.Body); ok {
			a.Policies = append(a.Policies, &PolicySource{Kind: PolicyBody, Node: node(inst), JSON: doc, Known: true, Changes: inst.Changes()})
		}
	}
	return a
}

// endpointConfiguration reads an API's endpoint_configuration: EDGE when
// it is unset (A1).
func (b *builder) endpointConfiguration(inst *model.Instance, a *API) {
	objs, ok := Objects(b.attr(inst, "endpoint_configuration"))
	switch {
	case ok && len(objs) > 0:
		types, tok := Strs(Get(objs[0], "types"))
		a.Types = types
		switch {
		case !tok:
			a.Private = symbol.Unknown
		default:
			a.Private = symbol.FromBool(len(types) == 1 && types[0] == "PRIVATE")
		}
		if t, ok := Str(Get(objs[0], "ip_address_type")); ok && !symbol.Contains(t) {
			a.IPAddressType = strings.ToLower(t)
		}
		a.VPCEndpointIDs, a.VPCEndpointIDsKnown = Strs(Get(objs[0], "vpc_endpoint_ids"))
		if IsNull(Get(objs[0], "vpc_endpoint_ids")) {
			a.VPCEndpointIDs, a.VPCEndpointIDsKnown = nil, true
		}
	case ok || !b.m.Configured(inst, "endpoint_configuration"):
		a.Types, a.Private, a.VPCEndpointIDsKnown = []string{"EDGE"}, symbol.False, true
	default:
		a.Private = symbol.Unknown
	}
}

// apiPolicies adds the aws_api_gateway_rest_api_policy resources (deleted
// ones too: the document they remove) to their APIs.
func (b *builder) apiPolicies(o apiOwners) {
	for _, inst := range b.m.OfType("aws_api_gateway_rest_api_policy") {
		a := o.of(inst)
		if a == nil {
			continue
		}
		// the policy resource's id is its API's id: modules write
		// rest_api_id = aws_api_gateway_rest_api_policy.x.id to order a
		// deployment after the policy
		if id := b.id(inst); o.byID[id] == nil && !inst.Deleted() {
			o.byID[id] = a
		}
		if ps := b.policySource(inst, "policy", PolicyResource); ps != nil {
			a.Policies = append(a.Policies, ps)
		} else if inst.Deleted() {
			ps := &PolicySource{Kind: PolicyResource, Node: node(inst), Deleted: true, Changes: true}
			if s, ok := Str(Get(inst.Before(), "policy")); ok {
				ps.BeforeJSON, ps.BeforeKnown = s, true // the document it removes
			}
			a.Policies = append(a.Policies, ps)
		}
	}
}

// apiResources reads the resources with their paths, and the methods.
func (b *builder) apiResources(o apiOwners) {
	resources := map[string]*Resource{}
	for _, inst := range b.live("aws_api_gateway_resource") {
		if a := o.of(inst); a != nil {
			r := &Resource{Node: node(inst), ID: b.id(inst), ParentID: b.str(inst, "parent_id"), PathPart: b.str(inst, "path_part")}
			if p, ok := Str(b.attr(inst, "path")); ok && strings.HasPrefix(p, "/") {
				r.Path = p
			}
			a.Resources = append(a.Resources, r)
			resources[r.ID] = r
		}
	}
	for _, a := range b.v.APIs {
		root, _ := Str(b.attr(a.inst, "root_resource_id"))
		for _, r := range a.Resources {
			if r.Path == "" {
				r.Path = resourcePath(r, resources, root, 0)
			}
		}
	}
	for _, inst := range b.live("aws_api_gateway_method") {
		if a := o.of(inst); a != nil {
			m := &Method{Node: node(inst), HTTPMethod: b.str(inst, "http_method"), Authorization: b.str(inst, "authorization"), ResourceID: b.str(inst, "resource_id")}
			if r, ok := resources[m.ResourceID]; ok {
				m.Path = r.Path
			} else if root, _ := Str(b.attr(a.inst, "root_resource_id")); root != "" && Same(root, m.ResourceID) == symbol.True {
				m.Path = "/"
			}
			a.Methods = append(a.Methods, m)
		}
	}
}

// apiDeployments reads the deployments and the stages.
func (b *builder) apiDeployments(o apiOwners) {
	for _, inst := range b.live("aws_api_gateway_deployment") {
		if a := o.of(inst); a != nil {
			d := &Deployment{Node: node(inst), ID: b.id(inst)}
			a.Deployments = append(a.Deployments, d)
			// the deprecated stage_name creates a real stage, with execution
			// logging off and no access logs
			name := b.attr(inst, "stage_name")
			if n, ok := Str(name); (ok && n != "" && !IsSelf(n, inst.Address, "stage_name")) || (!ok && !IsNull(name) && b.m.Configured(inst, "stage_name")) {
				a.Stages = append(a.Stages, &Stage{Node: node(inst), Name: n, NameKnown: ok, DeploymentID: d.ID, AccessLogs: symbol.False, FromDeployment: true})
			}
		}
	}
	for _, inst := range b.live("aws_api_gateway_stage") {
		if a := o.of(inst); a != nil {
			s := &Stage{Node: node(inst), DeploymentID: b.str(inst, "deployment_id")}
			s.Name, s.NameKnown = Str(b.attr(inst, "stage_name"))
			if objs, ok := Objects(b.attr(inst, "access_log_settings")); ok {
				s.AccessLogs = symbol.FromBool(len(objs) > 0)
			} else if !b.m.Configured(inst, "access_log_settings") {
				s.AccessLogs = symbol.False
			}
			a.Stages = append(a.Stages, s)
		}
	}
}

// methodSettings reads aws_api_gateway_method_settings: logging OFF and
// data trace off when settings leave them unset.
func (b *builder) methodSettings(o apiOwners) {
	for _, inst := range b.live("aws_api_gateway_method_settings") {
		a := o.of(inst)
		if a == nil {
			continue
		}
		ms := &MethodSettings{Node: node(inst), StageName: b.str(inst, "stage_name"), MethodPath: b.str(inst, "method_path")}
		if objs, ok := Objects(b.attr(inst, "settings")); ok && len(objs) > 0 {
			ms.LoggingLevel, ms.LevelKnown = Str(Get(objs[0], "logging_level"))
			if IsNull(Get(objs[0], "logging_level")) {
				ms.LoggingLevel, ms.LevelKnown = "OFF", true
			}
			ms.DataTrace = Bool(Get(objs[0], "data_trace_enabled"))
			if IsNull(Get(objs[0], "data_trace_enabled")) {
				ms.DataTrace = symbol.False
			}
		} else if ok {
			ms.LoggingLevel, ms.LevelKnown, ms.DataTrace = "OFF", true, symbol.False
		} else {
			ms.DataTrace = symbol.Unknown
		}
		a.MethodSettings = append(a.MethodSettings, ms)
	}
}

func resourcePath(r *Resource, all map[string]*Resource, root string, depth int) string {
	if depth > 64 {
		return ""
	}
	if root != "" && Same(r.ParentID, root) == symbol.True {
		return "/" + r.PathPart
	}
	p, ok := all[r.ParentID]
	if !ok {
		return ""
	}
	pp := resourcePath(p, all, root, depth+1)
	if pp == "" {
		return ""
	}
	return strings.TrimSuffix(pp, "/") + "/" + r.PathPart
}

// bodyPolicy extracts x-amazon-apigateway-policy from a JSON OpenAPI body.
func bodyPolicy(body string) (string, bool) {
	var doc map[string]any
	if json.Unmarshal([]byte(body), &doc) != nil {
		return "", false
	}
	p, ok := doc["x-amazon-apigateway-policy"]
	if !ok {
		return "", false
	}
	out, err := json.Marshal(p)
	if err != nil {
		return "", false
	}
	return string(out), true
}

func (b *builder) domains(apis map[string]*API) {
	byName := map[string]*Domain{}
	for _, inst := range b.live("aws_api_gateway_domain_name") {
		d := &Domain{Node: node(inst), Name: b.str(inst, "domain_name")}
		d.ID, _ = Str(b.attr(inst, "domain_name_id"))
		d.DomainARN, _ = Str(b.attr(inst, "arn"))
		if objs, ok := Objects(b.attr(inst, "endpoint_configuration")); ok && len(objs) > 0 {
			types, tok := Strs(Get(objs[0], "types"))
			if tok {
				d.Private = symbol.FromBool(len(types) == 1 && types[0] == "PRIVATE")
			} else {
				d.Private = symbol.Unknown
			}
		}
		if ps := b.policySource(inst, "policy", PolicyDomain); ps != nil {
			d.Policies = append(d.Policies, ps)
		}
		b.v.Domains = append(b.v.Domains, d)
		byName[d.Name] = d
	}
	for _, inst := range b.live("aws_api_gateway_base_path_mapping") {
		name := b.str(inst, "domain_name")
		targets := []*Domain{byName[name]}
		sure := symbol.True
		if targets[0] == nil {
			targets, sure = nil, symbol.Unknown
			if symbol.Contains(name) {
				for _, d := range b.v.Domains {
					if Same(name, d.Name) != symbol.False {
						targets = append(targets, d)
					}
				}
			}
		}
		for _, d := range targets {
			d.HasMappings = true
			d.APIIDs = append(d.APIIDs, b.str(inst, "api_id"))
			mp := &Mapping{Node: node(inst), APIID: b.str(inst, "api_id"), StageName: b.str(inst, "stage_name"), Sure: sure}
			if id, ok := Str(b.attr(inst, "domain_name_id")); ok {
				mp.DomainNameID = id
			} else if b.m.Configured(inst, "domain_name_id") {
				mp.DomainNameID = symbol.Ref{Address: inst.Address, Attr: "domain_name_id"}.Token()
			}
			d.Mappings = append(d.Mappings, mp)
		}
	}
	for _, inst := range b.live("aws_route53_record") {
		rn := strings.TrimSuffix(strings.ToLower(b.str(inst, "name")), ".")
		for _, d := range b.v.Domains {
			if rn != "" && (Same(rn, d.Name) == symbol.True || rn == strings.TrimSuffix(strings.ToLower(d.Name), ".")) {
				d.Records = append(d.Records, inst.Address)
			}
		}
	}
	for _, inst := range b.live("aws_api_gateway_domain_name_access_association") {
		arn := b.str(inst, "domain_name_arn")
		for _, d := range b.v.Domains {
			if Same(d.DomainARN, arn) == symbol.True {
				d.Associated = append(d.Associated, b.str(inst, "access_association_source"))
				d.AssociationAddrs = append(d.AssociationAddrs, inst.Address)
			}
		}
	}
	_ = apis
}

// PrivateDomainsOf lists the private custom domains mapped to an API.
func (v *View) PrivateDomainsOf(a *API) []*Domain {
	if v.ix != nil && v.ix.paths != nil {
		return domainsOf(v.ix.paths.privateDomains, a)
	}
	var out []*Domain
	for _, d := range v.Domains {
		if d.Private != symbol.True {
			continue
		}
		for _, id := range d.APIIDs {
			if Same(id, a.ID) == symbol.True {
				out = append(out, d)
				break
			}
		}
	}
	return out
}
