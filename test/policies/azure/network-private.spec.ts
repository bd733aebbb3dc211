import assert from "node:assert/strict";
import * as rules from "../../../policies/azure/network-private";
import { UNKNOWN } from "../../../policies/lib/values";
import { assertNoFinding, assertOneViolation, assertOnlyUnknown, assertViolations, findingsOf, resource, withProp } from "../../support/policies";
import { hdinsightCluster, privateEndpoint, rgId, storageAccount, synapseWorkspace, vault } from "./baselines";

const C = "NETWORK-PRIVATE";
const nsgId = `${rgId}/providers/Microsoft.Network/networkSecurityGroups/data`;

describe("azure NETWORK-PRIVATE", () => {
    describe("azure-network-private-private-endpoint", () => {
        it("passes an endpoint in a subnet with a target and group id", () => assertNoFinding(findingsOf(rules.privateEndpoint, privateEndpoint("pe", vault(), ["vault"]))));
        it("fails an endpoint without a subnet", () => assertOneViolation(findingsOf(rules.privateEndpoint, withProp(privateEndpoint("pe", vault(), ["vault"]), "subnet", undefined)), "subnet.id", { control: C }));
        it("fails a connection without group ids", () =>
            assertOneViolation(findingsOf(rules.privateEndpoint, privateEndpoint("pe", vault(), [])), "privateLinkServiceConnections[0].groupIds", { control: C }));
        it("fails an endpoint without connections", () =>
            assertOneViolation(findingsOf(rules.privateEndpoint, withProp(privateEndpoint("pe", vault(), ["vault"]), "privateLinkServiceConnections", [])), "privateLinkServiceConnections", { control: C }));
    });
    describe("azure-network-private-subnet", () => {
        const subnet = (props: Record<string, unknown>) => resource("azure-native:network:Subnet", { virtualNetworkName: "vnet", resourceGroupName: "rg", subnetName: "data", addressPrefix: "10.0.1.0/24", networkSecurityGroup: { id: nsgId }, defaultOutboundAccess: false, ...props }, { name: "data" });
        it("passes a subnet with an NSG and no default outbound access", () => assertNoFinding(findingsOf(rules.subnet, subnet({}))));
        it("fails a subnet without an NSG", () => assertOneViolation(findingsOf(rules.subnet, subnet({ networkSecurityGroup: undefined })), "networkSecurityGroup.id", { control: C }));
        it("fails default outbound access left on", () => assertOneViolation(findingsOf(rules.subnet, subnet({ defaultOutboundAccess: undefined })), "defaultOutboundAccess", { control: C }));
        it("does not judge GatewaySubnet, which takes no NSG", () => assertNoFinding(findingsOf(rules.subnet, subnet({ subnetName: "GatewaySubnet", networkSecurityGroup: undefined }))));
        it("reports an NSG unknown at preview as advisory", () => assertOnlyUnknown(findingsOf(rules.subnet, subnet({ networkSecurityGroup: { id: UNKNOWN } })), "networkSecurityGroup.id"));
    });
    describe("azure-network-private-virtual-network", () => {
        const vnet = (subnets: unknown) => resource("azure-native:network:VirtualNetwork", { resourceGroupName: "rg", location: "eastus", subnets }, { name: "vnet" });
        it("passes inline subnets with NSGs", () => assertNoFinding(findingsOf(rules.virtualNetwork, vnet([{ name: "data", networkSecurityGroup: { id: nsgId }, defaultOutboundAccess: false }]))));
        it("fails an inline subnet without an NSG", () => assertOneViolation(findingsOf(rules.virtualNetwork, vnet([{ name: "data", defaultOutboundAccess: false }])), "subnets[0].networkSecurityGroup.id", { control: C }));
    });
    describe("azure-network-private-admin-rule", () => {
        const admin = (props: Record<string, unknown>) => resource("azure-native:network:AdminRule", { networkManagerName: "nm", resourceGroupName: "rg", configurationName: "c",
            ruleCollectionName: "rc", kind: "Custom", priority: 10, direction: "Inbound", protocol: "Tcp", access: "AlwaysAllow", destinationPortRanges: ["22"], ...props });
        it("fails AlwaysAllow from the internet (a service tag, 0.0.0.0/0 or no source) to SSH: it overrides every NSG", () => {
            assertOneViolation(findingsOf(rules.adminRule, admin({ sources: [{ addressPrefix: "Internet", addressPrefixType: "ServiceTag" }] })), "sources", { control: C });
            assertOneViolation(findingsOf(rules.adminRule, admin({ sources: [{ addressPrefix: "0.0.0.0/0", addressPrefixType: "IPPrefix" }] })), "sources", { control: C });
            assertOneViolation(findingsOf(rules.adminRule, admin({ protocol: "Any", destinationPortRanges: [] })), "sources", { control: C });
        });
        it("passes Allow and Deny (the NSGs decide), a private source, and a web port", () => {
            assertNoFinding(findingsOf(rules.adminRule, admin({ access: "Allow", sources: [{ addressPrefix: "Internet" }] })));
            assertNoFinding(findingsOf(rules.adminRule, admin({ access: "Deny", sources: [{ addressPrefix: "Internet" }] })));
            assertNoFinding(findingsOf(rules.adminRule, admin({ sources: [{ addressPrefix: "10.0.0.0/8" }] })));
            assertNoFinding(findingsOf(rules.adminRule, admin({ sources: [{ addressPrefix: "Internet" }], destinationPortRanges: ["443"] })));
            assertNoFinding(findingsOf(rules.adminRule, admin({ direction: "Outbound", sources: [{ addressPrefix: "Internet" }] })));
        });
        it("reports unknown sources as unknown", () => assertOnlyUnknown(findingsOf(rules.adminRule, admin({ sources: UNKNOWN })), "sources"));
    });
    describe("azure-network-private-security-rule", () => {
        const rule = (props: Record<string, unknown>) => resource("azure-native:network:SecurityRule", {
            networkSecurityGroupName: "data", resourceGroupName: "rg", priority: 100, protocol: "Tcp", direction: "Inbound", access: "Allow",
            sourceAddressPrefix: "VirtualNetwork", destinationAddressPrefix: "*", destinationPortRange: "443", ...props,
        }, { name: "r" });
        it("passes HTTPS from the virtual network", () => assertNoFinding(findingsOf(rules.securityRule, rule({}))));
        it("fails SSH from the internet", () => assertOneViolation(findingsOf(rules.securityRule, rule({ sourceAddressPrefix: "Internet", destinationPortRange: "22" })), "sourceAddressPrefix", { control: C }));
        it("fails a port range covering RDP from 0.0.0.0/0", () =>
            assertOneViolation(findingsOf(rules.securityRule, rule({ sourceAddressPrefixes: ["0.0.0.0/0"], sourceAddressPrefix: undefined, destinationPortRanges: ["3000-4000"], destinationPortRange: undefined })), "sourceAddressPrefix", { control: C }));
        it("fails all ports from *", () => assertOneViolation(findingsOf(rules.securityRule, rule({ sourceAddressPrefix: "*", destinationPortRange: "*" })), "sourceAddressPrefix", { control: C }));
        it("passes a Deny rule from the internet", () => assertNoFinding(findingsOf(rules.securityRule, rule({ access: "Deny", sourceAddressPrefix: "*", destinationPortRange: "*" }))));
        it("passes HTTPS from the internet (only admin, SQL and all ports are judged)", () => assertNoFinding(findingsOf(rules.securityRule, rule({ sourceAddressPrefix: "Internet" }))));
    });
    describe("azure-network-private-network-security-group", () => {
        const nsg = (securityRules: unknown) => resource("azure-native:network:NetworkSecurityGroup", { resourceGroupName: "rg", location: "eastus", securityRules }, { name: "nsg" });
        it("passes an NSG with no open admin port", () => assertNoFinding(findingsOf(rules.networkSecurityGroup, nsg([{ name: "a", direction: "Inbound", access: "Allow", sourceAddressPrefix: "10.0.0.0/16", destinationPortRange: "1433" }]))));
        it("fails SQL open to any source", () =>
            assertOneViolation(findingsOf(rules.networkSecurityGroup, nsg([{ name: "a", direction: "inbound", access: "allow", sourceAddressPrefix: "Any", destinationPortRange: "1433" }])), "securityRules[0].sourceAddressPrefix", { control: C }));
        it("fails PostgreSQL and MySQL open to the internet, in a range too", () =>
            assertOneViolation(findingsOf(rules.networkSecurityGroup, nsg([{ name: "a", direction: "Inbound", access: "Allow", sourceAddressPrefix: "Internet", destinationPortRanges: ["443", "3300-3310"] }])), "securityRules[0].sourceAddressPrefix", { control: C }));
    });
    describe("azure-network-private-synapse-workspace", () => {
        it("passes a managed virtual network with exfiltration protection", () => assertNoFinding(findingsOf(rules.synapseWorkspace, synapseWorkspace())));
        it("fails no managed virtual network", () => assertOneViolation(findingsOf(rules.synapseWorkspace, withProp(synapseWorkspace(), "managedVirtualNetwork", undefined)), "managedVirtualNetwork", { control: C }));
        it("fails exfiltration allowed", () =>
            assertOneViolation(findingsOf(rules.synapseWorkspace, withProp(synapseWorkspace(), "managedVirtualNetworkSettings.preventDataExfiltration", false)), "preventDataExfiltration", { control: C }));
    });
    describe("azure-network-private-hdinsight-cluster", () => {
        it("passes a private-link cluster in a virtual network", () => assertNoFinding(findingsOf(rules.hdinsightCluster, hdinsightCluster())));
        it("fails an inbound resource-provider connection", () =>
            assertOneViolation(findingsOf(rules.hdinsightCluster, withProp(hdinsightCluster(), "properties.networkProperties.resourceProviderConnection", "Inbound")), "resourceProviderConnection", { control: C }));
        it("fails a role outside a virtual network", () =>
            assertViolations(findingsOf(rules.hdinsightCluster, withProp(hdinsightCluster(), "properties.computeProfile.roles", [{ name: "worker" }])), ["properties.computeProfile.roles[0].virtualNetworkProfile.id", "properties.computeProfile.roles[0].virtualNetworkProfile.subnet"], { control: C }));
    });
    describe("private endpoints per PHI service (stack)", () => {
        // azure-network-private-key-vault-endpoint
        it("passes a vault with a vault endpoint", () => assertNoFinding(findingsOf(rules.keyVaultEndpoint, [vault(), privateEndpoint("pe", vault(), ["vault"])])));
        it("fails a vault without an endpoint", () => {
            const f = findingsOf(rules.keyVaultEndpoint, [vault()]);
            assertOneViolation(f, "groupIds", { control: C });
            assert.equal(f[0].urn, vault().urn);
        });
        // azure-network-private-storage-account-endpoint
        it("passes a storage account with a dfs endpoint", () => assertNoFinding(findingsOf(rules.storageAccountEndpoint, [storageAccount(), privateEndpoint("pe", storageAccount(), ["dfs"])])));
        it("fails a storage account whose only endpoint is for files", () =>
            assertOneViolation(findingsOf(rules.storageAccountEndpoint, [storageAccount(), privateEndpoint("pe", storageAccount(), ["file"])]), "groupIds", { control: C }));
        // azure-network-private-synapse-workspace-endpoint
        it("passes a Synapse workspace with a Sql endpoint", () => assertNoFinding(findingsOf(rules.synapseWorkspaceEndpoint, [synapseWorkspace(), privateEndpoint("pe", synapseWorkspace(), ["Sql"])])));
        it("fails a Synapse workspace without an endpoint", () => assertOneViolation(findingsOf(rules.synapseWorkspaceEndpoint, [synapseWorkspace()]), "groupIds", { control: C }));
        it("reports an endpoint whose target is unknown at preview as advisory", () => {
            const pe = resource("azure-native:network:PrivateEndpoint", { subnet: { id: "s" }, privateLinkServiceConnections: [{ privateLinkServiceId: UNKNOWN, groupIds: ["vault"] }] }, { name: "pe" });
            assertOnlyUnknown(findingsOf(rules.keyVaultEndpoint, [vault(), pe]), "groupIds");
        });
    });
});
