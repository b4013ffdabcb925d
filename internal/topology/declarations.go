package topology

// Declarations are the endpoints and clients that other stacks manage, as
// the run declares them (the runner reads them from .privapi.hcl and
// converts them: see engine.Declarations). Build adds them to the view;
// an endpoint whose id the plan holds is the plan's.
type Declarations struct {
	// Endpoints and Clients are in the order of their declaration.
	Endpoints []DeclaredEndpoint
	Clients   []DeclaredClient
}

// DeclaredEndpoint is an execute-api VPC endpoint managed outside the plan.
type DeclaredEndpoint struct {
	// Name names it: its address in the view is "endpoint." + Name.
	Name             string
	ID               string
	VPCID            string
	Region           string
	SecurityGroupIDs []string
	PrivateDNS       bool
	// SubnetCIDRs and VPCCIDRs are its known ranges (nil when not said).
	SubnetCIDRs []string
	VPCCIDRs    []string
	// Subnets are its subnets (CIDR block and Availability Zone of each).
	Subnets []DeclaredSubnet
	// IngressHTTPSFrom lists the CIDRs and security group ids that its
	// security groups admit on tcp/443.
	IngressHTTPSFrom []string
	// NACLsAllowHTTPS: the network ACLs of its subnets pass tcp/443 and
	// the replies (nil when not said).
	NACLsAllowHTTPS *bool
	// Policy is the endpoint policy's JSON text; "" when not declared
	// (the endpoint may have any policy) unless DefaultPolicy.
	Policy string
	// DefaultPolicy: the endpoint has the full-access policy AWS gives an
	// endpoint without one.
	DefaultPolicy bool
	// DNSSupport and DNSHostnames are its VPC's enable_dns_support and
	// enable_dns_hostnames (nil when not said).
	DNSSupport   *bool
	DNSHostnames *bool
	// At is where it is declared (nil: nowhere a report can point to).
	At *Declaration
}

// URLForm is how a declared client calls its APIs, named as the
// configuration file's url_form names it.
type URLForm string

// The URL forms of a declared client.
const (
	// URLFormUnsaid: the declaration does not say.
	URLFormUnsaid URLForm = ""
	// URLFormInvokeURL is the stage's invoke URL, the private DNS name
	// https://{api-id}.execute-api.{region}.amazonaws.com.
	URLFormInvokeURL URLForm = "invoke_url"
	// URLFormAlias is https://{api-id}-{vpce-id}.execute-api.{region}.amazonaws.com.
	URLFormAlias URLForm = "alias"
	// URLFormEndpointHostname is the endpoint's own DNS name with a Host
	// or x-apigw-api-id header.
	URLFormEndpointHostname URLForm = "endpoint_hostname"
	// URLFormCustomDomain is a private custom domain name.
	URLFormCustomDomain URLForm = "custom_domain"
)

// DeclaredClient is a caller that is not in the plan.
type DeclaredClient struct {
	// Name names it: its address in the view is "client." + Name.
	Name             string
	CIDRs            []string
	SecurityGroupIDs []string
	VPCID            string
	// APIs lists the addresses of the REST APIs it calls; nil means every
	// API of the view.
	APIs []string
	// EgressHTTPSTo lists the CIDRs and security group ids that its
	// security groups allow tcp/443 to.
	EgressHTTPSTo []string
	// NACLsAllowHTTPS: the network ACLs of its subnets pass tcp/443 and
	// the replies (nil when not said).
	NACLsAllowHTTPS *bool
	// URLForm is how it calls its APIs; AliasEndpointID is the endpoint of
	// the alias (URLFormAlias), CustomDomain the domain name
	// (URLFormCustomDomain).
	URLForm         URLForm
	AliasEndpointID string
	CustomDomain    string
	// SignsRequests: it signs its requests with SigV4 (nil when not said).
	SignsRequests *bool
	// PrincipalARN and OrganizationID are the IAM identity its signed
	// requests carry ("" when not said).
	PrincipalARN   string
	OrganizationID string
	// Links are the peering connections (pcx-…) and transit gateways
	// (tgw-…) that join its VPC to the endpoints' VPCs, with routes both
	// ways.
	Links []string
	// At is where it is declared (nil: nowhere a report can point to).
	At *Declaration
}
