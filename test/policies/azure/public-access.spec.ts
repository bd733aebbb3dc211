import assert from "node:assert/strict";
import * as rules from "../../../policies/azure/public-access";
import { UNKNOWN } from "../../../policies/lib/values";
import { assertNoFinding, assertNotJudged, assertOneViolation, assertOnlyUnknown, findingsOf, resource, withProp } from "../../support/policies";
import { healthWorkspace, logWorkspace, privateEndpoint, storageAccount, synapseWorkspace, vault } from "./baselines";

const C = "PUBLIC-ACCESS";

describe("azure PUBLIC-ACCESS", () => {
    describe("azure-public-access-storage-account", () => {
        it("passes a closed account", () => assertNoFinding(findingsOf(rules.storageAccount, storageAccount())));
        it("passes blob public access left to its default (off)", () => assertNoFinding(findingsOf(rules.storageAccount, withProp(storageAccount(), "allowBlobPublicAccess", undefined))));
        it("fails anonymous blob access", () => assertOneViolation(findingsOf(rules.storageAccount, withProp(storageAccount(), "allowBlobPublicAccess", true)), "allowBlobPublicAccess", { control: C }));
        it("fails public network access by omission", () => assertOneViolation(findingsOf(rules.storageAccount, withProp(storageAccount(), "publicNetworkAccess", undefined)), "publicNetworkAccess", { control: C }));
        it("fails a firewall that allows by default", () => assertOneViolation(findingsOf(rules.storageAccount, withProp(storageAccount(), "networkRuleSet.defaultAction", "Allow")), "networkRuleSet.defaultAction", { control: C }));
    });
    describe("azure-public-access-blob-container", () => {
        const container = (publicAccess: unknown) => resource("azure-native:storage:BlobContainer", { accountName: "stmaryphi", resourceGroupName: "rg", publicAccess }, { name: "c" });
        it("passes None", () => assertNoFinding(findingsOf(rules.blobContainer, container("None"))));
        it("passes the private default", () => assertNoFinding(findingsOf(rules.blobContainer, container(undefined))));
        it("fails anonymous read of blobs", () => assertOneViolation(findingsOf(rules.blobContainer, container("Blob")), "publicAccess", { control: C }));
    });
    describe("azure-public-access-key-vault", () => {
        it("passes a closed vault", () => assertNoFinding(findingsOf(rules.keyVault, vault())));
        it("accepts \"disabled\" in lower case, as the SDK doc writes it", () => assertNoFinding(findingsOf(rules.keyVault, withProp(vault(), "properties.publicNetworkAccess", "disabled"))));
        it("fails public network access", () => assertOneViolation(findingsOf(rules.keyVault, withProp(vault(), "properties.publicNetworkAccess", "Enabled")), "properties.publicNetworkAccess", { control: C }));
        it("fails a firewall that does not let trusted services through", () =>
            assertOneViolation(findingsOf(rules.keyVault, withProp(vault(), "properties.networkAcls.bypass", "None")), "properties.networkAcls.bypass", { control: C }));
        it("fails a vault without a firewall", () => assertOneViolation(findingsOf(rules.keyVault, withProp(vault(), "properties.networkAcls", undefined)), "properties.networkAcls.defaultAction", { control: C }));
    });
    describe("azure-public-access-synapse-workspace", () => {
        it("passes Disabled", () => assertNoFinding(findingsOf(rules.synapseWorkspace, synapseWorkspace())));
        it("fails Enabled", () => assertOneViolation(findingsOf(rules.synapseWorkspace, withProp(synapseWorkspace(), "publicNetworkAccess", "Enabled")), "publicNetworkAccess", { control: C }));
        it("reports an unknown value as advisory", () => assertOnlyUnknown(findingsOf(rules.synapseWorkspace, withProp(synapseWorkspace(), "publicNetworkAccess", UNKNOWN)), "publicNetworkAccess"));
    });
    describe("azure-public-access-synapse-ip-firewall-rule", () => {
        const rule = resource("azure-native:synapse:IpFirewallRule", { workspaceName: "stmary-syn", resourceGroupName: "rg", startIpAddress: "0.0.0.0", endIpAddress: "255.255.255.255" }, { name: "allow-all" });
        it("fails any IP firewall rule", () => assertOneViolation(findingsOf(rules.synapseFirewallRule, rule), "startIpAddress", { control: C }));
        it("does not judge other types", () => assertNotJudged(findingsOf(rules.synapseFirewallRule, synapseWorkspace())));
    });
    describe("azure-public-access-log-analytics-workspace", () => {
        it("passes private ingestion and query", () => assertNoFinding(findingsOf(rules.logAnalyticsWorkspace, logWorkspace())));
        it("fails public queries", () => assertOneViolation(findingsOf(rules.logAnalyticsWorkspace, withProp(logWorkspace(), "publicNetworkAccessForQuery", "Enabled")), "publicNetworkAccessForQuery", { control: C }));
    });
    describe("azure-public-access-health-workspace (stack)", () => {
        it("passes a workspace with a healthcareworkspace private endpoint", () =>
            assertNoFinding(findingsOf(rules.healthWorkspace, [healthWorkspace(), privateEndpoint("pe", healthWorkspace(), ["healthcareworkspace"])])));
        it("passes a workspace with a private endpoint connection", () => {
            const conn = resource("azure-native:healthcareapis:WorkspacePrivateEndpointConnection", { workspaceName: "stmaryhealth", resourceGroupName: "rg", privateLinkServiceConnectionState: { status: "Approved" } }, { name: "pec" });
            assertNoFinding(findingsOf(rules.healthWorkspace, [healthWorkspace(), conn]));
        });
        it("passes an endpoint that names the workspace by its id", () => {
            const pe = resource("azure-native:network:PrivateEndpoint", {
                subnet: { id: "s" }, privateLinkServiceConnections: [{ privateLinkServiceId: "/subscriptions/x/resourceGroups/rg/providers/Microsoft.HealthcareApis/workspaces/stmaryhealth", groupIds: ["healthcareworkspace"] }],
            }, { name: "pe" });
            assertNoFinding(findingsOf(rules.healthWorkspace, [healthWorkspace(), pe]));
        });
        it("fails a workspace without a private endpoint", () => {
            const f = findingsOf(rules.healthWorkspace, [healthWorkspace()]);
            assertOneViolation(f, "groupIds", { control: C });
            assert.equal(f[0].urn, healthWorkspace().urn);
        });
        it("fails an endpoint with another group id", () => assertOneViolation(findingsOf(rules.healthWorkspace, [healthWorkspace(), privateEndpoint("pe", healthWorkspace(), ["fhir"])]), "groupIds", { control: C }));
    });
});
