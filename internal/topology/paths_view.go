package topology

import (
	"github.com/privapi/privapi/internal/netpath"
	"github.com/privapi/privapi/internal/symbol"
)

// The View methods below answer one question without indexing the view
// (a linear scan each); within a check run prefer one Paths (View.Paths).

// SubnetsByID is Paths.SubnetsByID.
func (v *View) SubnetsByID(ids []string) ([]*Subnet, []string) { return v.lite().SubnetsByID(ids) }

// ClientSubnets is Paths.ClientSubnets.
func (v *View) ClientSubnets(c *Client) ([]*Subnet, bool) { return v.lite().ClientSubnets(c) }

// ClientCIDRs is Paths.ClientCIDRs.
func (v *View) ClientCIDRs(c *Client) ([]string, bool) { return v.lite().ClientCIDRs(c) }

// ClientVPCIDs is Paths.ClientVPCIDs.
func (v *View) ClientVPCIDs(c *Client) ([]string, bool) { return v.lite().ClientVPCIDs(c) }

// ClientGroups is Paths.ClientGroups.
func (v *View) ClientGroups(c *Client) ([]string, bool, bool) { return v.lite().ClientGroups(c) }

// EndpointSubnets is Paths.EndpointSubnets.
func (v *View) EndpointSubnets(e *Endpoint) ([]*Subnet, bool) { return v.lite().EndpointSubnets(e) }

// EndpointCIDRs is Paths.EndpointCIDRs.
func (v *View) EndpointCIDRs(e *Endpoint) ([]string, bool) { return v.lite().EndpointCIDRs(e) }

// EndpointGroups is Paths.EndpointGroups.
func (v *View) EndpointGroups(e *Endpoint) ([]string, bool, bool) { return v.lite().EndpointGroups(e) }

// VPCCIDRs is Paths.VPCCIDRs.
func (v *View) VPCCIDRs(vpcID string) ([]string, bool) { return v.lite().VPCCIDRs(vpcID) }

// DefaultGroup is Paths.DefaultGroup.
func (v *View) DefaultGroup(vpcID string) *SecurityGroup { return v.lite().DefaultGroup(vpcID) }

// GroupAliases is Paths.GroupAliases.
func (v *View) GroupAliases(sg *SecurityGroup) []string { return v.lite().GroupAliases(sg) }

// ResolveGroup is Paths.ResolveGroup.
func (v *View) ResolveGroup(id string) *SecurityGroup { return v.lite().ResolveGroup(id) }

// RoutesOf is Paths.RoutesOf (it indexes the view).
func (v *View) RoutesOf(s *Subnet) ([]netpath.Route, string, string, bool) {
	return v.Paths().RoutesOf(s)
}

// ConnectedVPCs is Paths.ConnectedVPCs.
func (v *View) ConnectedVPCs(vpcID string) ([]Connection, bool) { return v.lite().ConnectedVPCs(vpcID) }

// VPCName is Paths.VPCName.
func (v *View) VPCName(id string) string { return v.lite().VPCName(id) }

// APIEndpointIDs is Paths.APIEndpointIDs.
func (v *View) APIEndpointIDs(a *API) ([]string, bool) { return v.lite().APIEndpointIDs(a) }

// Associated is Paths.Associated.
func (v *View) Associated(a *API, e *Endpoint) symbol.Tri { return v.lite().Associated(a, e) }

// ZoneCovers is Paths.ZoneCovers.
func (v *View) ZoneCovers(vpcID, name string) symbol.Tri { return v.lite().ZoneCovers(vpcID, name) }

// TGWGroupReferencing is Paths.TGWGroupReferencing.
func (v *View) TGWGroupReferencing(tgwID string) symbol.Tri {
	return v.lite().TGWGroupReferencing(tgwID)
}

// NewFormScanner is Paths.NewFormScanner.
func (v *View) NewFormScanner(a *API) *FormScanner { return v.lite().NewFormScanner(a) }

// Connect is Paths.Connect (it indexes the view).
func (v *View) Connect(from Side, to []Side) Link { return v.Paths().Connect(from, to) }

// SubnetSide is Paths.SubnetSide (it indexes the view).
func (v *View) SubnetSide(s *Subnet) Side { return v.Paths().SubnetSide(s) }

// ClientSides is Paths.ClientSides (it indexes the view).
func (v *View) ClientSides(c *Client) ([]Side, bool) { return v.Paths().ClientSides(c) }

// EndpointSides is Paths.EndpointSides (it indexes the view).
func (v *View) EndpointSides(e *Endpoint) ([]Side, bool) { return v.Paths().EndpointSides(e) }

// InvokeFormsOf finds the invoke-URL forms a client uses for an API
// (Paths.InvokeFormsOf).
func (v *View) InvokeFormsOf(c *Client, a *API) InvokeForms { return v.lite().InvokeFormsOf(c, a) }
