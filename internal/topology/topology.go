// Package topology is the domain view the checks read: REST APIs with their
// policies, methods, deployments and stages; execute-api VPC endpoints;
// VPCs, subnets, security groups and their rules, network ACLs, routes,
// peering and transit gateway attachments; and the compute that calls the
// APIs. It is built once from the model and never reads JSON, flags or files.
//
// Identities (IDs) are strings that may be symbolic tokens (package symbol):
// two resources are linked when symbol.Equal says their IDs are equal.
//
// Documented defaults (see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_endpoint): where the configuration leaves
// an Optional+Computed argument unset and the plan shows it unknown, the
// view takes the provider's documented default: endpoint type Gateway (C1),
// private DNS off (C4), full-access endpoint policy (C7), the VPC's default
// security group (C3), API type EDGE (A1), enable_dns_hostnames false and
// enable_dns_support true (D1), disable_execute_api_endpoint false (A13).
package topology

import (
	"regexp"
	"sort"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/privapi/privapi/internal/model"
	"github.com/privapi/privapi/internal/symbol"
)

// View is the whole domain view.
type View struct {
	m *model.Model
	// Applied: the input is a state (the world after apply), not a plan.
	Applied bool

	APIs           []*API
	Endpoints      []*Endpoint // execute-api endpoints (any type), plus declared ones
	VPCs           []*VPC
	Subnets        []*Subnet
	SecurityGroups []*SecurityGroup
	NACLs          []*NACL
	RouteTables    []*RouteTable
	Peerings       []*Peering
	TGWAttachments []*TGWAttachment
	Clients        []*Client
	Accounts       []*Account
	Domains        []*Domain
	// ForeignRules are the security group rules this plan adds to groups
	// that are not in it (another stack's), keyed by the group's literal id.
	ForeignRules map[string][]Rule
	// Conflicts are the ids that two joined stacks describe differently
	// (see joinStacks).
	Conflicts []*Conflict

	// routes are the routes Build read besides the route tables' own.
	routes routeFacts
	// ix is what Build derives from the complete view (freeze).
	ix *index
	// scanned holds the strings and references of every configuration the
	// client scan read (builder.clients), for the path index's invoke-URL
	// forms; newPaths takes it and drops it.
	scanned map[*model.Instance][]clientText
	// secrets are the strings no message may show (Build, secrets.go).
	secrets []string
	// byConfig lists the instances of each configuration-level address
	// (ConfigAddress), in model order; built once by Build.
	byConfig map[string][]*model.Instance
}

// Node is what every element has: its address and what the plan does to
// it. The instance it comes from stays inside topology (nil for elements
// declared in the config file): checks read the element's fields.
type Node struct {
	inst    *model.Instance
	Address string
	// Actions are what the plan does to the element's resource, as
	// Terraform lists them (create, update, delete, no-op, read, forget;
	// create and delete, in either order, for a replacement); empty for a
	// state and nil for an element not in the plan (declared in the
	// config file, or a default policy).
	Actions []string
}

// Region is an AWS region; "" means unknown.

// API is a REST API.
type API struct {
	Node
	ID           string // known id or token
	ExecutionARN string // known or token
	Region       string
	// Types is endpoint_configuration.types; Private is whether it is PRIVATE.
	Types   []string
	Private symbol.Tri
	// IPAddressType is endpoint_configuration.ip_address_type (ipv4 or
	// dualstack; "" when unset or unknown).
	IPAddressType string
	// VPCEndpointIDs lists endpoint_configuration.vpc_endpoint_ids (ids or tokens).
	VPCEndpointIDs      []string
	VPCEndpointIDsKnown bool
	DisableExecuteAPI   symbol.Tri
	Body                string // OpenAPI body ("" when unset)
	BodyKnown           bool
	PutRestAPIMode      string // "" = unset (overwrite)
	Policies            []*PolicySource
	Methods             []*Method
	Resources           []*Resource
	Deployments         []*Deployment
	Stages              []*Stage
	MethodSettings      []*MethodSettings
	// definition lists other API-definition resources (integrations, authorizers, gateway responses...) of the API.
	definition []*model.Instance

	// BodyConfigured: the configuration sets body (Build, configured.go).
	BodyConfigured bool
	// PutRestAPIModeUnknown: the configuration sets put_rest_api_mode to a
	// value known only after apply (Build, configured.go).
	PutRestAPIModeUnknown bool
	// EndpointConfigReads is what endpoint_configuration reads when
	// neither the plan nor the configuration resolves vpc_endpoint_ids
	// (Paths.APIEndpointIDs; nil otherwise). Built by Build.
	EndpointConfigReads *EndpointConfigReads
	// BodySame: the API existed before this plan and its body after apply
	// is known and equal, as JSON, to the body before (Build, configured.go).
	BodySame bool
	// DefinitionChanges lists the resources of Definition this plan
	// changes, in Definition's order (Build, configured.go).
	DefinitionChanges []*DefinitionChange
	// prior is the body before apply (BodyBefore; Build, configured.go).
	prior prior
}

// DefinitionChange is a change this plan makes to a resource of an API's
// definition.
type DefinitionChange struct {
	Node
	// Action is "created", "replaced", "updated" (in place) or "destroyed".
	Action string
}

// PolicyKind says where a policy comes from.
type PolicyKind string

const (
	PolicyArgument     PolicyKind = "policy argument"
	PolicyResource     PolicyKind = "aws_api_gateway_rest_api_policy"
	PolicyBody         PolicyKind = "OpenAPI body x-amazon-apigateway-policy"
	PolicyEndpointArg  PolicyKind = "endpoint policy argument"
	PolicyEndpointRes  PolicyKind = "aws_vpc_endpoint_policy"
	PolicyDomain       PolicyKind = "domain name policy"
	PolicyDefaultFull  PolicyKind = "default full-access endpoint policy"
	PolicyDeclaredNone PolicyKind = "declared"
	// PolicyDeclared is the policy of an endpoint declared in the
	// configuration file (unknown when the file does not declare it).
	PolicyDeclared PolicyKind = "endpoint policy in .privapi.hcl"
)

// PolicySource is one place a policy document comes from.
type PolicySource struct {
	Kind PolicyKind
	// Node is the resource that sets it (zero for a default or declared
	// policy: Address "", not InPlan). Its Changes method is
	// ResourceChanges: the Changes field says whether the policy changes.
	Node
	// JSON is the document text (tokens allowed) when Known.
	JSON  string
	Known bool
	// doc is the data.aws_iam_policy_document the text comes from when
	// its json is unknown (deferred read): the view rebuilds it from doc's
	// configuration (model.Attr(doc, "statement"), ...); DocumentAddress
	// is its address ("" when none).
	doc             *model.Instance
	DocumentAddress string
	// aliases are what carries the document to the argument (PolicyAliases;
	// Build, policyaliases.go).
	aliases []Ref
	// BeforeJSON is the document before apply ("" when none), and BeforeKnown.
	BeforeJSON  string
	BeforeKnown bool
	// Changes: apply creates, updates or deletes this source.
	Changes bool
	Deleted bool
}

// Method is an aws_api_gateway_method.
type Method struct {
	Node
	HTTPMethod    string
	Authorization string
	ResourceID    string
	Path          string // resource path, "" when unknown
}

// Resource is an aws_api_gateway_resource.
type Resource struct {
	Node
	ID       string
	ParentID string
	PathPart string
	Path     string
}

// Deployment is an aws_api_gateway_deployment.
type Deployment struct {
	Node
	ID string
	// TriggerReads is what its triggers and variables read, transitively
	// (View.WalkValue), and RedeployReads that plus its
	// lifecycle.replace_triggered_by: what makes it redeploy. Built once
	// by Build.
	TriggerReads, RedeployReads *Walk
	// SourceKnown: the .tf source of its resource block is read, so its
	// function calls and lifecycle are visible (Build, configured.go).
	SourceKnown bool
	// ReadBackReads are the references of RedeployReads to the policy or
	// body of an aws_api_gateway_rest_api whose configuration does not set
	// that argument: the plan sees only the value read back from AWS
	// (Build, configured.go).
	ReadBackReads []Reached
	// PolicyOrders is the deployment's order against each policy
	// resource of its API that this plan changes, when this plan creates
	// the deployment (OrderedAfter; Build, policyorder.go).
	PolicyOrders []PolicyOrder
	// prior is the id before apply (StageHeld; Build, prior.go).
	prior prior
}

// Stage is an aws_api_gateway_stage.
type Stage struct {
	Node
	Name         string
	NameKnown    bool
	DeploymentID string
	AccessLogs   symbol.Tri
	// AccessLogGroup is the CloudWatch log group of access_log_settings
	// (its name, a token when known only after apply; "" when none).
	AccessLogGroup string
	// FromDeployment: the stage an aws_api_gateway_deployment creates with
	// its (deprecated) stage_name argument; Node is the deployment.
	FromDeployment bool
	// DeploymentReads is what its deployment_id argument reads (Build).
	DeploymentReads *Walk
	// prior is the deployment_id before apply (StageHeld; Build, prior.go).
	prior prior
}

// MethodSettings is an aws_api_gateway_method_settings.
type MethodSettings struct {
	Node
	StageName    string
	MethodPath   string
	LoggingLevel string // "" when unset/unknown
	LevelKnown   bool
	DataTrace    symbol.Tri
	// LevelUnset and DataTraceUnset: the configuration leaves
	// settings.logging_level (data_trace_enabled) unset, so the default
	// (OFF, false) applies where the value reads unknown (Build).
	LevelUnset, DataTraceUnset bool
	// StageNameReads is what its stage_name argument reads (Build).
	StageNameReads *Walk
	// LoggingBefore: logging_level was INFO or ERROR before this plan
	// (Build, configured.go).
	LoggingBefore bool
}

// Account is an aws_api_gateway_account.
type Account struct {
	Node
	Region            string
	CloudWatchRoleARN string
	RoleKnown         bool
}

// Domain is an aws_api_gateway_domain_name with its mappings.
type Domain struct {
	Node
	Name        string
	Private     symbol.Tri
	ID          string // domain_name_id or id
	APIIDs      []string
	Associated  []string // vpce ids with access associations
	Policies    []*PolicySource
	DomainARN   string
	HasMappings bool
	// Mappings lists the base path mappings of the domain.
	Mappings []*Mapping
	// AssociationAddrs lists the access association resources.
	AssociationAddrs []string
	// Records lists the aws_route53_record resources named after the
	// domain: a client that calls their fqdn calls the domain.
	Records []string
}

// Mapping is an aws_api_gateway_base_path_mapping.
type Mapping struct {
	Node
	APIID     string
	StageName string
	// DomainNameID is domain_name_id ("" when unset): a private domain's
	// mappings need it.
	DomainNameID string
	// Sure is Unknown when the mapping's domain_name is known only after
	// apply: it is then listed under every domain it may name.
	Sure symbol.Tri
	// BasePath is "/base" of base_path ("" for the root mapping) when
	// BasePathKnown.
	BasePath      string
	BasePathKnown bool
}

// Endpoint is a VPC endpoint for execute-api, or a declared one.
type Endpoint struct {
	Node
	ID          string
	ServiceName string
	// ServiceUnknown: the service name is unknown until apply; the endpoint
	// may or may not be for execute-api (checks report unverified).
	ServiceUnknown bool
	Region         string
	// Type is Interface, Gateway, ... ("" unknown); TypeDefaulted when the default applied.
	Type          string
	TypeDefaulted bool
	VPCID         string
	SubnetIDs     []string
	SubnetsKnown  bool
	// SecurityGroupIDs: inline and association resources; DefaultSG when none is set (C3).
	SecurityGroupIDs []string
	SGKnown          bool
	DefaultSG        bool
	PrivateDNS       symbol.Tri
	// IPAddressType is ip_address_type (ipv4, dualstack, ipv6; "" unknown;
	// ipv4 when unset). DNSRecordIPType is dns_options.dns_record_ip_type
	// ("" when unset, unknown or service-defined: the records follow the
	// address type).
	IPAddressType   string
	DNSRecordIPType string
	Policies        []*PolicySource // none = full access
	ServiceRegion   string
	Declared        bool
	DeclaredName    string
	// DeclaredAt is where .privapi.hcl declares a declared endpoint (nil
	// for the plan's).
	DeclaredAt *Declaration
	// SubnetCIDRs and VPCCIDRs are known ranges of a declared endpoint.
	SubnetCIDRs []string
	VPCCIDRs    []string
	// NACLsAllowHTTPS is what the config says of the NACLs of a declared
	// endpoint's subnets (Unknown when it says nothing).
	NACLsAllowHTTPS symbol.Tri
	// DeclaredSubnets are a declared endpoint's subnet blocks (CIDR block
	// and Availability Zone of each subnet).
	DeclaredSubnets []DeclaredSubnet
	// VPCDNSSupport and VPCDNSHostnames are what the config says of a
	// declared endpoint's VPC: enable_dns_support and enable_dns_hostnames
	// (Unknown when it says nothing; the VPC in the view wins).
	VPCDNSSupport   symbol.Tri
	VPCDNSHostnames symbol.Tri
	// associations lists the association resources (subnets, SGs).
	associations []*model.Instance
	// DNSNames are the known names of dns_entry (no wildcard), the
	// regional *.vpce.amazonaws.com name first; PrivateIPs its known
	// private IPv4 addresses (subnet_configuration, network interfaces).
	DNSNames   []string
	PrivateIPs []string
}

// ExecuteAPI reports whether the endpoint is for execute-api: its service
// name is unknown, or exactly com.amazonaws.REGION.execute-api (or
// cn.com.amazonaws.REGION.execute-api), the REGION possibly a value known
// only after apply. A misspelt name such as awscom.amazonaws.….execute-api
// is another service (C1).
func (e *Endpoint) ExecuteAPI() bool {
	return e.ServiceUnknown || IsExecuteAPIService(e.ServiceName)
}

var executeAPIService = regexp.MustCompile(`^(?:cn\.)?com\.amazonaws\.[a-z0-9-]+\.execute-api$`)

// IsExecuteAPIService reports whether a service name is exactly that of
// execute-api in some region; a value known only after apply stands for a
// region.
func IsExecuteAPIService(svc string) bool {
	var b strings.Builder
	for _, p := range symbol.Split(svc) {
		if p.Ref != nil {
			b.WriteString("region")
			continue
		}
		b.WriteString(p.Text)
	}
	return executeAPIService.MatchString(b.String())
}

// VPC is an aws_vpc (or default VPC).
type VPC struct {
	Node
	ID           string
	CIDRs        []string
	CIDRsKnown   bool
	DNSSupport   symbol.Tri
	DNSHostnames symbol.Tri
	Region       string
}

// Subnet is an aws_subnet.
type Subnet struct {
	Node
	ID       string
	VPCID    string
	CIDR     string
	IPv6CIDR string
	AZ       string
	// IPv6Native: an IPv6-only subnet (ipv6_native = true); its network
	// interfaces have no IPv4 address.
	IPv6Native symbol.Tri
}

// Rule is one security group rule from any source.
type Rule struct {
	Egress         bool
	Protocol       string
	FromPort       int
	ToPort         int
	CIDRs          []string
	PrefixLists    []string
	SecurityGroups []string
	Self           bool
	// Known is false when some part of the rule is unknown until apply.
	Known  bool
	Origin string
}

// SecurityGroup is an aws_security_group or aws_default_security_group.
type SecurityGroup struct {
	Node
	ID    string
	VPCID string
	Rules []Rule
	// RulesKnown is false when some rule source is unknown until apply.
	RulesKnown bool
	Default    bool
	// Created: the group is created by this plan (Terraform removes AWS's default egress, E2).
	Created bool
	// LookedUp: a data source read during plan found the group (its id and
	// VPC are facts; the data source does not return its rules).
	LookedUp bool
}

// ACLRule is a network ACL rule.
type ACLRule struct {
	Number   int
	Egress   bool
	Protocol string
	FromPort int
	ToPort   int
	CIDR     string
	Allow    bool
	Known    bool
	Origin   string
}

// NACL is an aws_network_acl (or aws_default_network_acl).
type NACL struct {
	Node
	ID         string
	VPCID      string
	SubnetIDs  []string
	Rules      []ACLRule
	RulesKnown bool
	Default    bool
}

// Route is one route.
type Route struct {
	Destination string
	Target      string // "local", pcx-…, tgw-…, token
	Origin      string
}

// RouteTable is an aws_route_table with its routes and associations.
type RouteTable struct {
	Node
	ID        string
	VPCID     string
	Routes    []Route
	SubnetIDs []string
	Main      bool
}

// Peering is an aws_vpc_peering_connection.
type Peering struct {
	Node
	ID        string
	VPCID     string
	PeerVPCID string
}

// TGWAttachment is an aws_ec2_transit_gateway_vpc_attachment.
type TGWAttachment struct {
	Node
	TGWID     string
	VPCID     string
	SubnetIDs []string
}

// ClientKind names the compute type.
type ClientKind string

// Client is compute that calls one or more APIs.
type Client struct {
	Node
	Kind ClientKind
	// APIs lists the addresses of the APIs the client refers to.
	APIs []string
	// Refs says how the client refers to each API (e.g. "invoke URL of aws_api_gateway_stage.prod").
	Refs map[string]string
	// UsesPrivateDNSName is True when the client uses the {api-id}.execute-api.{region}.amazonaws.com form.
	UsesPrivateDNSName symbol.Tri
	SubnetIDs          []string
	SubnetsKnown       bool
	SecurityGroupIDs   []string
	SGKnown            bool
	// NoVPC: a Lambda function without vpc_config.
	NoVPC bool
	// CIDRs are declared client ranges (config clients).
	CIDRs    []string
	VPCID    string
	Declared bool
	// DeclaredAt is where .privapi.hcl declares a declared client (nil for
	// the plan's).
	DeclaredAt *Declaration
	// NACLsAllowHTTPS: as Endpoint.NACLsAllowHTTPS, for a declared client.
	NACLsAllowHTTPS symbol.Tri
	// DeclaredForms is the URL form a declared client calls its APIs by
	// (nil when the config does not say).
	DeclaredForms *InvokeForms
	// DeclaredDomain is the custom domain name a declared client calls
	// (url_form = "custom_domain"), whether or not a domain of the plan
	// has that name ("" otherwise).
	DeclaredDomain string
	// SignsRequests: a declared client signs its requests with SigV4
	// (Unknown when the config does not say). PrincipalARN and
	// OrganizationID are the identity they carry ("" when not said).
	SignsRequests  symbol.Tri
	PrincipalARN   string
	OrganizationID string
	// Links are the VPC peering connections (pcx-…) and transit gateways
	// (tgw-…) the config says join a declared client's VPC to its
	// endpoints' VPCs with routes both ways.
	Links []string
	// InstanceID is an EC2 instance client's id when known ("" otherwise).
	InstanceID string
}

// Inputs are what a run adds to the model.
type Inputs struct {
	// Stacks names, in rank order, the context stacks whose models the
	// model absorbed (model.Absorb): the view keeps one element per id
	// and records the ids they describe differently (see joinStacks).
	Stacks []string
	// Declared are the endpoints and clients that other stacks manage
	// (the runner reads them from the configuration file).
	Declared Declarations
}

// Build assembles the view from the model alone.
func Build(m *model.Model) *View { return BuildWith(m, Inputs{}) }

// BuildWith assembles the view from the model and the run's inputs, and
// indexes it. Nothing changes the view afterwards: it may be read
// concurrently.
func BuildWith(m *model.Model, in Inputs) *View {
	b := &builder{v: &View{m: m}, m: m}
	b.network()
	b.endpoints()
	b.apis()
	b.settingsDefaults()
	b.reads()
	b.configured()
	b.priors()
	b.clients()
	b.afterApply()
	b.v.sortAll()
	if len(in.Stacks) > 0 {
		b.v.joinStacks(in.Stacks, declaredEndpointIDs(in.Declared))
	}
	declare(b.v, in.Declared)
	b.v.freeze()
	b.endpointConfigReads() // after the stacks' endpoints are deduplicated and the ids read
	b.v.secrets = sensitiveStrings(b.v)
	return b.v
}

type builder struct {
	v *View
	m *model.Model
}

// attr reads an attribute as Attr gives it, resolved once for the
// instances of a module that hold it alike (model.SharedAttr): most of
// what the view reads are the same arguments of each stack's copy.
func (b *builder) attr(inst *model.Instance, name string) cty.Value {
	return b.m.SharedAttr(inst, name)
}

func (b *builder) str(inst *model.Instance, name string) string {
	s, _ := Str(b.attr(inst, name))
	return s
}

func (b *builder) id(inst *model.Instance) string {
	if s, ok := Str(b.attr(inst, "id")); ok {
		return s
	}
	return symbol.Ref{Address: inst.Address, Attr: "id", Fresh: inst.Creates()}.Token()
}

// live lists instances of a type that exist after apply.
func (b *builder) live(t string) []*model.Instance {
	var out []*model.Instance
	for _, i := range b.m.OfType(t) {
		if !i.Deleted() && !i.Has("forget") { // forgotten: no longer managed here
			out = append(out, i)
		}
	}
	return out
}

func node(inst *model.Instance) Node {
	acts := inst.Actions
	if acts == nil {
		acts = noActions
	}
	return Node{inst: inst, Address: inst.Address, Actions: acts}
}

// noActions are the actions of an element read from a state: in the
// input, but not changed.
var noActions = []string{}

func (v *View) sortAll() {
	sort.Slice(v.APIs, func(i, j int) bool { return v.APIs[i].Address < v.APIs[j].Address })
	sort.Slice(v.Endpoints, func(i, j int) bool { return v.Endpoints[i].Address < v.Endpoints[j].Address })
	sort.Slice(v.Clients, func(i, j int) bool { return v.Clients[i].Address < v.Clients[j].Address })
}

// Same reports whether two ids are the same after apply (True only when proven).
func Same(a, b string) symbol.Tri { return symbol.Equal(a, b) }

// EndpointByID finds the endpoint with the given id.
func (v *View) EndpointByID(id string) (*Endpoint, symbol.Tri) {
	var maybe *Endpoint
	for _, e := range v.Endpoints {
		switch Same(e.ID, id) {
		case symbol.True:
			return e, symbol.True
		case symbol.Unknown:
			if maybe == nil {
				maybe = e
			}
		}
	}
	if maybe != nil {
		return maybe, symbol.Unknown
	}
	return nil, symbol.False
}

// VPCByID finds a VPC.
func (v *View) VPCByID(id string) *VPC {
	for _, x := range v.VPCs {
		if Same(x.ID, id) == symbol.True {
			return x
		}
	}
	return nil
}

// SubnetByID finds a subnet.
func (v *View) SubnetByID(id string) *Subnet {
	for _, x := range v.Subnets {
		if Same(x.ID, id) == symbol.True {
			return x
		}
	}
	return nil
}

// SecurityGroupByID finds a security group.
func (v *View) SecurityGroupByID(id string) *SecurityGroup {
	for _, x := range v.SecurityGroups {
		if Same(x.ID, id) == symbol.True {
			return x
		}
	}
	return nil
}

// DefaultSecurityGroup returns the default group of a VPC when Terraform manages it.
func (v *View) DefaultSecurityGroup(vpcID string) *SecurityGroup {
	for _, x := range v.SecurityGroups {
		if x.Default && Same(x.VPCID, vpcID) == symbol.True {
			return x
		}
	}
	return nil
}

// APIByAddress finds an API.
func (v *View) APIByAddress(addr string) *API {
	for _, a := range v.APIs {
		if a.Address == addr {
			return a
		}
	}
	return nil
}
