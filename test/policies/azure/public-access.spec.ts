import assert from "node:assert/strict";
import * as rules from "../../../policies/azure/public-access";
import { UNKNOWN } from "../../../policies/lib/values";
import {
    assertFails, assertPasses, assertUnknown, healthWorkspace, logWorkspace, privateEndpoint, res, runOn, runStack,
    storageAccount, synapseWorkspace, vault, withProp,
} from "./fixtures";

const C = "PUBLIC-ACCESS";

describe("azure PUBLIC-ACCESS", () => {
    describe("azure-public-access-storage-account", () => {
        it("passes a closed account", () => assertPasses(runOn(rules.storageAccount, storageAccount())));
        it("passes blob public access left to its default (off)", () => assertPasses(runOn(rules.storageAccount, withProp(storageAccount(), "allowBlobPublicAccess", undefined))));
        it("fails anonymous blob access", () => assertFails(runOn(rules.storageAccount, withProp(storageAccount(), "allowBlobPublicAccess", true)), C, "allowBlobPublicAccess"));
        it("fails public network access by omission", () => assertFails(runOn(rules.storageAccount, withProp(storageAccount(), "publicNetworkAccess", undefined)), C, "publicNetworkAccess"));
        it("fails a firewall that allows by default", () => assertFails(runOn(rules.storageAccount, withProp(storageAccount(), "networkRuleSet.defaultAction", "Allow")), C, "networkRuleSet.defaultAction"));
    });
    describe("azure-public-access-blob-container", () => {
        const container = (publicAccess: unknown) => res("azure-native:storage:BlobContainer", "c", { accountName: "stmaryphi", resourceGroupName: "rg", publicAccess });
        it("passes None", () => assertPasses(runOn(rules.blobContainer, container("None"))));
        it("passes the private default", () => assertPasses(runOn(rules.blobContainer, container(undefined))));
        it("fails anonymous read of blobs", () => assertFails(runOn(rules.blobContainer, container("Blob")), C, "publicAccess"));
    });
    describe("azure-public-access-key-vault", () => {
        it("passes a closed vault", () => assertPasses(runOn(rules.keyVault, vault())));
        it("accepts \"disabled\" in lower case, as the SDK doc writes it", () => assertPasses(runOn(rules.keyVault, withProp(vault(), "properties.publicNetworkAccess", "disabled"))));
        it("fails public network access", () => assertFails(runOn(rules.keyVault, withProp(vault(), "properties.publicNetworkAccess", "Enabled")), C, "properties.publicNetworkAccess"));
        it("fails a firewall that does not let trusted services through", () =>
            assertFails(runOn(rules.keyVault, withProp(vault(), "properties.networkAcls.bypass", "None")), C, "properties.networkAcls.bypass"));
        it("fails a vault without a firewall", () => assertFails(runOn(rules.keyVault, withProp(vault(), "properties.networkAcls", undefined)), C, "properties.networkAcls.defaultAction"));
    });
    describe("azure-public-access-synapse-workspace", () => {
        it("passes Disabled", () => assertPasses(runOn(rules.synapseWorkspace, synapseWorkspace())));
        it("fails Enabled", () => assertFails(runOn(rules.synapseWorkspace, withProp(synapseWorkspace(), "publicNetworkAccess", "Enabled")), C, "publicNetworkAccess"));
        it("reports an unknown value as advisory", () => assertUnknown(runOn(rules.synapseWorkspace, withProp(synapseWorkspace(), "publicNetworkAccess", UNKNOWN)), "publicNetworkAccess"));
    });
    describe("azure-public-access-synapse-ip-firewall-rule", () => {
        const rule = res("azure-native:synapse:IpFirewallRule", "allow-all", { workspaceName: "stmary-syn", resourceGroupName: "rg", startIpAddress: "0.0.0.0", endIpAddress: "255.255.255.255" });
        it("fails any IP firewall rule", () => assertFails(runOn(rules.synapseFirewallRule, rule), C, "startIpAddress"));
        it("does not judge other types", () => assertPasses(runOn(rules.synapseFirewallRule, synapseWorkspace())));
    });
    describe("azure-public-access-log-analytics-workspace", () => {
        it("passes private ingestion and query", () => assertPasses(runOn(rules.logAnalyticsWorkspace, logWorkspace())));
        it("fails public queries", () => assertFails(runOn(rules.logAnalyticsWorkspace, withProp(logWorkspace(), "publicNetworkAccessForQuery", "Enabled")), C, "publicNetworkAccessForQuery"));
    });
    describe("azure-public-access-health-workspace (stack)", () => {
        it("passes a workspace with a healthcareworkspace private endpoint", () =>
            assertPasses(runStack(rules.healthWorkspace, [healthWorkspace(), privateEndpoint("pe", healthWorkspace(), ["healthcareworkspace"])])));
        it("passes a workspace with a private endpoint connection", () => {
            const conn = res("azure-native:healthcareapis:WorkspacePrivateEndpointConnection", "pec", { workspaceName: "stmaryhealth", resourceGroupName: "rg", privateLinkServiceConnectionState: { status: "Approved" } });
            assertPasses(runStack(rules.healthWorkspace, [healthWorkspace(), conn]));
        });
        it("passes an endpoint that names the workspace by its id", () => {
            const pe = res("azure-native:network:PrivateEndpoint", "pe", {
                subnet: { id: "s" }, privateLinkServiceConnections: [{ privateLinkServiceId: "/subscriptions/x/resourceGroups/rg/providers/Microsoft.HealthcareApis/workspaces/stmaryhealth", groupIds: ["healthcareworkspace"] }],
            });
            assertPasses(runStack(rules.healthWorkspace, [healthWorkspace(), pe]));
        });
        it("fails a workspace without a private endpoint", () => {
            const f = runStack(rules.healthWorkspace, [healthWorkspace()]);
            assertFails(f, C, "groupIds");
            assert.equal(f[0].urn, healthWorkspace().urn);
        });
        it("fails an endpoint with another group id", () => assertFails(runStack(rules.healthWorkspace, [healthWorkspace(), privateEndpoint("pe", healthWorkspace(), ["fhir"])]), C, "groupIds"));
    });
});
