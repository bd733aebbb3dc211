import assert from "node:assert/strict";
import * as rules from "../../../policies/azure/network-private";
import { UNKNOWN } from "../../../policies/lib/values";
import {
    assertFails, assertPasses, assertUnknown, hdinsightCluster, privateEndpoint, res, rgId, runOn, runStack, storageAccount,
    synapseWorkspace, vault, withProp,
} from "./fixtures";

const C = "NETWORK-PRIVATE";
const nsgId = `${rgId}/providers/Microsoft.Network/networkSecurityGroups/data`;

describe("azure NETWORK-PRIVATE", () => {
    describe("azure-network-private-private-endpoint", () => {
        it("passes an endpoint in a subnet with a target and group id", () => assertPasses(runOn(rules.privateEndpoint, privateEndpoint("pe", vault(), ["vault"]))));
        it("fails an endpoint without a subnet", () => assertFails(runOn(rules.privateEndpoint, withProp(privateEndpoint("pe", vault(), ["vault"]), "subnet", undefined)), C, "subnet.id"));
        it("fails a connection without group ids", () =>
            assertFails(runOn(rules.privateEndpoint, privateEndpoint("pe", vault(), [])), C, "privateLinkServiceConnections[0].groupIds"));
        it("fails an endpoint without connections", () =>
            assertFails(runOn(rules.privateEndpoint, withProp(privateEndpoint("pe", vault(), ["vault"]), "privateLinkServiceConnections", [])), C, "privateLinkServiceConnections"));
    });
    describe("azure-network-private-subnet", () => {
        const subnet = (props: Record<string, unknown>) => res("azure-native:network:Subnet", "data", { virtualNetworkName: "vnet", resourceGroupName: "rg", subnetName: "data", addressPrefix: "10.0.1.0/24", networkSecurityGroup: { id: nsgId }, defaultOutboundAccess: false, ...props });
        it("passes a subnet with an NSG and no default outbound access", () => assertPasses(runOn(rules.subnet, subnet({}))));
        it("fails a subnet without an NSG", () => assertFails(runOn(rules.subnet, subnet({ networkSecurityGroup: undefined })), C, "networkSecurityGroup.id"));
        it("fails default outbound access left on", () => assertFails(runOn(rules.subnet, subnet({ defaultOutboundAccess: undefined })), C, "defaultOutboundAccess"));
        it("does not judge GatewaySubnet, which takes no NSG", () => assertPasses(runOn(rules.subnet, subnet({ subnetName: "GatewaySubnet", networkSecurityGroup: undefined }))));
        it("reports an NSG unknown at preview as advisory", () => assertUnknown(runOn(rules.subnet, subnet({ networkSecurityGroup: { id: UNKNOWN } })), "networkSecurityGroup.id"));
    });
    describe("azure-network-private-virtual-network", () => {
        const vnet = (subnets: unknown) => res("azure-native:network:VirtualNetwork", "vnet", { resourceGroupName: "rg", location: "eastus", subnets });
        it("passes inline subnets with NSGs", () => assertPasses(runOn(rules.virtualNetwork, vnet([{ name: "data", networkSecurityGroup: { id: nsgId }, defaultOutboundAccess: false }]))));
        it("fails an inline subnet without an NSG", () => assertFails(runOn(rules.virtualNetwork, vnet([{ name: "data", defaultOutboundAccess: false }])), C, "subnets[0].networkSecurityGroup.id"));
    });
    describe("azure-network-private-security-rule", () => {
        const rule = (props: Record<string, unknown>) => res("azure-native:network:SecurityRule", "r", {
            networkSecurityGroupName: "data", resourceGroupName: "rg", priority: 100, protocol: "Tcp", direction: "Inbound", access: "Allow",
            sourceAddressPrefix: "VirtualNetwork", destinationAddressPrefix: "*", destinationPortRange: "443", ...props,
        });
        it("passes HTTPS from the virtual network", () => assertPasses(runOn(rules.securityRule, rule({}))));
        it("fails SSH from the internet", () => assertFails(runOn(rules.securityRule, rule({ sourceAddressPrefix: "Internet", destinationPortRange: "22" })), C, "sourceAddressPrefix"));
        it("fails a port range covering RDP from 0.0.0.0/0", () =>
            assertFails(runOn(rules.securityRule, rule({ sourceAddressPrefixes: ["0.0.0.0/0"], sourceAddressPrefix: undefined, destinationPortRanges: ["3000-4000"], destinationPortRange: undefined })), C, "sourceAddressPrefix"));
        it("fails all ports from *", () => assertFails(runOn(rules.securityRule, rule({ sourceAddressPrefix: "*", destinationPortRange: "*" })), C, "sourceAddressPrefix"));
        it("passes a Deny rule from the internet", () => assertPasses(runOn(rules.securityRule, rule({ access: "Deny", sourceAddressPrefix: "*", destinationPortRange: "*" }))));
        it("passes HTTPS from the internet (only admin, SQL and all ports are judged)", () => assertPasses(runOn(rules.securityRule, rule({ sourceAddressPrefix: "Internet" }))));
    });
    describe("azure-network-private-network-security-group", () => {
        const nsg = (securityRules: unknown) => res("azure-native:network:NetworkSecurityGroup", "nsg", { resourceGroupName: "rg", location: "eastus", securityRules });
        it("passes an NSG with no open admin port", () => assertPasses(runOn(rules.networkSecurityGroup, nsg([{ name: "a", direction: "Inbound", access: "Allow", sourceAddressPrefix: "10.0.0.0/16", destinationPortRange: "1433" }]))));
        it("fails SQL open to any source", () =>
            assertFails(runOn(rules.networkSecurityGroup, nsg([{ name: "a", direction: "inbound", access: "allow", sourceAddressPrefix: "Any", destinationPortRange: "1433" }])), C, "securityRules[0].sourceAddressPrefix"));
        it("fails PostgreSQL and MySQL open to the internet, in a range too", () =>
            assertFails(runOn(rules.networkSecurityGroup, nsg([{ name: "a", direction: "Inbound", access: "Allow", sourceAddressPrefix: "Internet", destinationPortRanges: ["443", "3300-3310"] }])), C, "securityRules[0].sourceAddressPrefix"));
    });
    describe("azure-network-private-synapse-workspace", () => {
        it("passes a managed virtual network with exfiltration protection", () => assertPasses(runOn(rules.synapseWorkspace, synapseWorkspace())));
        it("fails no managed virtual network", () => assertFails(runOn(rules.synapseWorkspace, withProp(synapseWorkspace(), "managedVirtualNetwork", undefined)), C, "managedVirtualNetwork"));
        it("fails exfiltration allowed", () =>
            assertFails(runOn(rules.synapseWorkspace, withProp(synapseWorkspace(), "managedVirtualNetworkSettings.preventDataExfiltration", false)), C, "preventDataExfiltration"));
    });
    describe("azure-network-private-hdinsight-cluster", () => {
        it("passes a private-link cluster in a virtual network", () => assertPasses(runOn(rules.hdinsightCluster, hdinsightCluster())));
        it("fails an inbound resource-provider connection", () =>
            assertFails(runOn(rules.hdinsightCluster, withProp(hdinsightCluster(), "properties.networkProperties.resourceProviderConnection", "Inbound")), C, "resourceProviderConnection"));
        it("fails a role outside a virtual network", () =>
            assertFails(runOn(rules.hdinsightCluster, withProp(hdinsightCluster(), "properties.computeProfile.roles", [{ name: "worker" }])), C, "roles[0].virtualNetworkProfile.id"));
    });
    describe("private endpoints per PHI service (stack)", () => {
        // azure-network-private-key-vault-endpoint
        it("passes a vault with a vault endpoint", () => assertPasses(runStack(rules.keyVaultEndpoint, [vault(), privateEndpoint("pe", vault(), ["vault"])])));
        it("fails a vault without an endpoint", () => {
            const f = runStack(rules.keyVaultEndpoint, [vault()]);
            assertFails(f, C, "groupIds");
            assert.equal(f[0].urn, vault().urn);
        });
        // azure-network-private-storage-account-endpoint
        it("passes a storage account with a dfs endpoint", () => assertPasses(runStack(rules.storageAccountEndpoint, [storageAccount(), privateEndpoint("pe", storageAccount(), ["dfs"])])));
        it("fails a storage account whose only endpoint is for files", () =>
            assertFails(runStack(rules.storageAccountEndpoint, [storageAccount(), privateEndpoint("pe", storageAccount(), ["file"])]), C, "groupIds"));
        // azure-network-private-synapse-workspace-endpoint
        it("passes a Synapse workspace with a Sql endpoint", () => assertPasses(runStack(rules.synapseWorkspaceEndpoint, [synapseWorkspace(), privateEndpoint("pe", synapseWorkspace(), ["Sql"])])));
        it("fails a Synapse workspace without an endpoint", () => assertFails(runStack(rules.synapseWorkspaceEndpoint, [synapseWorkspace()]), C, "groupIds"));
        it("reports an endpoint whose target is unknown at preview as advisory", () => {
            const pe = res("azure-native:network:PrivateEndpoint", "pe", { subnet: { id: "s" }, privateLinkServiceConnections: [{ privateLinkServiceId: UNKNOWN, groupIds: ["vault"] }] });
            assertUnknown(runStack(rules.keyVaultEndpoint, [vault(), pe]), "groupIds");
        });
    });
});
