package topology

import (
	"github.com/privapi/privapi/internal/netpath"
	"github.com/privapi/privapi/internal/symbol"
)

// The View methods below are the Paths methods of the view's index.

// SubnetsByID is Paths.SubnetsByID.
func (v *View) SubnetsByID(ids []string) ([]*Subnet, []string) { return v.paths().SubnetsByID(ids) }

// ClientSubnets is Paths.ClientSubnets.
func (v *View) ClientSubnets(c *Client) ([]*Subnet, bool) { return v.paths().ClientSubnets(c) }

// ClientCIDRs is Paths.ClientCIDRs.
func (v *View) ClientCIDRs(c *Client) ([]string, bool) { return v.paths().ClientCIDRs(c) }

// ClientVPCIDs is Paths.ClientVPCIDs.
func (v *View) ClientVPCIDs(c *Client) ([]string, bool) { return v.paths().ClientVPCIDs(c) }

// ClientGroups is Paths.ClientGroups.
func (v *View) ClientGroups(c *Client) ([]string, bool, bool) { return v.paths().ClientGroups(c) }

// EndpointSubnets is Paths.EndpointSubnets.
func (v *View) EndpointSubnets(e *Endpoint) ([]*Subnet, bool) { return v.paths().EndpointSubnets(e) }

// EndpointCIDRs is Paths.EndpointCIDRs.
func (v *View) EndpointCIDRs(e *Endpoint) ([]string, bool) { return v.paths().EndpointCIDRs(e) }

// EndpointGroups is Paths.EndpointGroups.
func (v *View) EndpointGroups(e *Endpoint) ([]string, bool, bool) { return v.paths().EndpointGroups(e) }

// VPCCIDRs is Paths.VPCCIDRs.
func (v *View) VPCCIDRs(vpcID string) ([]string, bool) { return v.paths().VPCCIDRs(vpcID) }

// DefaultGroup is Paths.DefaultGroup.
func (v *View) DefaultGroup(vpcID string) *SecurityGroup { return v.paths().DefaultGroup(vpcID) }

// GroupAliases is Paths.GroupAliases.
func (v *View) GroupAliases(sg *SecurityGroup) []string { return v.paths().GroupAliases(sg) }

// ResolveGroup is Paths.ResolveGroup.
func (v *View) ResolveGroup(id string) *SecurityGroup { return v.paths().ResolveGroup(id) }

// RoutesOf is Paths.RoutesOf.
func (v *View) RoutesOf(s *Subnet) ([]netpath.Route, string, string, bool) {
	return v.paths().RoutesOf(s)
}

// ConnectedVPCs is Paths.ConnectedVPCs.
func (v *View) ConnectedVPCs(vpcID string) ([]Connection, bool) {
	return v.paths().ConnectedVPCs(vpcID)
}

// VPCName is Paths.VPCName.
func (v *View) VPCName(id string) string { return v.paths().VPCName(id) }

// APIEndpointIDs is Paths.APIEndpointIDs.
func (v *View) APIEndpointIDs(a *API) ([]string, bool) { return v.paths().APIEndpointIDs(a) }

// Associated is Paths.Associated.
func (v *View) Associated(a *API, e *Endpoint) symbol.Tri { return v.paths().Associated(a, e) }

// ZoneCovers is Paths.ZoneCovers.
func (v *View) ZoneCovers(vpcID, name string) symbol.Tri { return v.paths().ZoneCovers(vpcID, name) }

// TGWGroupReferencing is Paths.TGWGroupReferencing.
func (v *View) TGWGroupReferencing(tgwID string) symbol.Tri {
	return v.paths().TGWGroupReferencing(tgwID)
}

// NewFormScanner is Paths.NewFormScanner.
func (v *View) NewFormScanner(a *API) *FormScanner { return v.paths().NewFormScanner(a) }

// Connect is Paths.Connect.
func (v *View) Connect(from Side, to []Side) Link { return v.paths().Connect(from, to) }

// SubnetSide is Paths.SubnetSide.
func (v *View) SubnetSide(s *Subnet) Side { return v.paths().SubnetSide(s) }

// ClientSides is Paths.ClientSides.
func (v *View) ClientSides(c *Client) ([]Side, bool) { return v.paths().ClientSides(c) }

// EndpointSides is Paths.EndpointSides.
func (v *View) EndpointSides(e *Endpoint) ([]Side, bool) { return v.paths().EndpointSides(e) }

// InvokeFormsOf finds the invoke-URL forms a client uses for an API
// (Paths.InvokeFormsOf).
func (v *View) InvokeFormsOf(c *Client, a *API) InvokeForms { return v.paths().InvokeFormsOf(c, a) }
