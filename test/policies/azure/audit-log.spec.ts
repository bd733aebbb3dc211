import assert from "node:assert/strict";
import * as rules from "../../../policies/azure/audit-log";
import { UNKNOWN } from "../../../policies/lib/values";
import { assertNoFinding, assertOneViolation, assertOnlyUnknown, findingsOf, resource, withProp } from "../../support/policies";
import { blobService, diagnosticSetting, dicomService, hdinsightCluster, lawId, sqlPool, storageAccount, synapseWorkspace, vault, auditing, synapseSettingsDeployment } from "./baselines";

const C = "AUDIT-LOG";
const accountId = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stmaryphi";

describe("azure AUDIT-LOG", () => {
    describe("azure-audit-log-diagnostic-setting", () => {
        it("passes the audit group to Log Analytics", () => assertNoFinding(findingsOf(rules.diagnosticSetting, diagnosticSetting("ds", vault(), "id"))));
        it("judges the old insights token too", () =>
            assertOneViolation(findingsOf(rules.diagnosticSetting, diagnosticSetting("ds", vault(), "id", { workspaceId: undefined }, "azure-native:insights:DiagnosticSetting")), "workspaceId", { control: C }));
        it("passes allLogs with enabled given as a string", () => assertNoFinding(findingsOf(rules.diagnosticSetting, diagnosticSetting("ds", vault(), "id", { logs: [{ categoryGroup: "allLogs", enabled: "true" }] }))));
        it("fails a metrics-only setting", () => assertOneViolation(findingsOf(rules.diagnosticSetting, diagnosticSetting("ds", vault(), "id", { logs: undefined, metrics: [{ category: "AllMetrics", enabled: true }] })), "logs", { control: C }));
        it("fails a disabled audit group", () => assertOneViolation(findingsOf(rules.diagnosticSetting, diagnosticSetting("ds", vault(), "id", { logs: [{ categoryGroup: "audit", enabled: false }] })), "logs", { control: C }));
        it("reports a workspace id unknown at preview as advisory", () => assertOnlyUnknown(findingsOf(rules.diagnosticSetting, diagnosticSetting("ds", vault(), "id", { workspaceId: UNKNOWN })), "workspaceId"));
    });

    describe("azure-audit-log-subscription-diagnostic-setting", () => {
        const sds = (logs: unknown) => resource("azure-native:monitor:SubscriptionDiagnosticSetting", { workspaceId: lawId, logs }, { name: "activity" });
        it("passes Administrative and Security", () => assertNoFinding(findingsOf(rules.subscriptionDiagnosticSetting, sds([{ category: "Administrative", enabled: true }, { category: "Security", enabled: true }]))));
        it("fails Administrative only", () => assertOneViolation(findingsOf(rules.subscriptionDiagnosticSetting, sds([{ category: "Administrative", enabled: true }])), "logs", { control: C }));
    });

    describe("azure-audit-log-hdinsight-monitor-agent", () => {
        const agent = (props: Record<string, unknown>) => resource("azure-native:hdinsight:ExtensionAzureMonitorAgentStatus", { clusterName: "stmary-hdi", resourceGroupName: "rg", workspaceId: "cid", primaryKey: "k", ...props }, { name: "agent" });
        it("passes an agent with a workspace and key", () => assertNoFinding(findingsOf(rules.hdinsightMonitorAgent, agent({}))));
        it("fails an agent without a workspace", () => assertOneViolation(findingsOf(rules.hdinsightMonitorAgent, agent({ workspaceId: undefined })), "workspaceId", { control: C }));
    });

    describe("azure-audit-log-subscription (stack)", () => {
        it("fails a stack with PHI resources and no Activity Log setting", () => assertOneViolation(findingsOf(rules.subscriptionActivityLog, [vault()]), "SubscriptionDiagnosticSetting", { control: C }));
        it("passes when the Activity Log goes to Log Analytics", () =>
            assertNoFinding(findingsOf(rules.subscriptionActivityLog, [vault(), resource("azure-native:insights:SubscriptionDiagnosticSetting", { workspaceId: lawId }, { name: "a" })])));
        it("does not apply to a stack without PHI resources", () => assertNoFinding(findingsOf(rules.subscriptionActivityLog, [resource("azure-native:network:VirtualNetwork", {}, { name: "v" })])));
    });

    describe("azure-audit-log-phi-resource (stack)", () => {
        it("passes every PHI resource with a diagnostic setting", () => assertNoFinding(findingsOf(rules.phiResourceCoverage, [
            vault(), diagnosticSetting("kv-ds", vault(), "x"),
            synapseWorkspace(), diagnosticSetting("syn-ds", synapseWorkspace(), "x"),
            sqlPool(), diagnosticSetting("dw-ds", sqlPool(), "x"),
            dicomService(), diagnosticSetting("dicom-ds", dicomService(), "x"),
            storageAccount(), diagnosticSetting("blob-ds", storageAccount(), `${accountId}/blobServices/default`),
        ])));
        it("fails a Key Vault without a diagnostic setting, on the vault", () => {
            const f = findingsOf(rules.phiResourceCoverage, [vault()]);
            assertOneViolation(f, "DiagnosticSetting.resourceUri", { control: C });
            assert.equal(f[0].urn, vault().urn);
        });
        it("asks a Cosmos DB account (either SDK's token) for its own diagnostic setting", () => {
            const cosmos = resource("azure-native:documentdb:DatabaseAccount", { resourceGroupName: "rg", databaseAccountOfferType: "Standard", locations: [] }, { name: "records-cosmos" });
            assert.equal(findingsOf(rules.phiResourceCoverage, [cosmos])[0].urn, cosmos.urn);
            assertNoFinding(findingsOf(rules.phiResourceCoverage, [cosmos, diagnosticSetting("cosmos-ds", cosmos, "x")]));
        });
        it("fails a storage account whose setting is on the account, not its blob service", () =>
            assertOneViolation(findingsOf(rules.phiResourceCoverage, [storageAccount(), diagnosticSetting("ds", storageAccount(), accountId)]), "blobServices/default", { control: C }));
        it("passes a blob service named by a plain id string", () => {
            const ds = resource("azure-native:insights:DiagnosticSetting", { resourceUri: `${accountId}/blobServices/default`, workspaceId: lawId, logs: [{ categoryGroup: "audit", enabled: true }] }, { name: "ds" });
            assertNoFinding(findingsOf(rules.phiResourceCoverage, [storageAccount(), ds]));
        });
        it("passes a setting built from the BlobServiceProperties' id", () =>
            assertNoFinding(findingsOf(rules.phiResourceCoverage, [storageAccount(), blobService(), diagnosticSetting("ds", blobService(), "x")])));
        it("reports a blob service setting whose uri is unknown at preview as advisory", () =>
            assertOnlyUnknown(findingsOf(rules.phiResourceCoverage, [storageAccount(), diagnosticSetting("ds", storageAccount(), UNKNOWN)]), "blobServices/default"));
        it("does not count a metrics-only setting", () =>
            assertOneViolation(findingsOf(rules.phiResourceCoverage, [vault(), diagnosticSetting("ds", vault(), "x", { logs: [] })]), "DiagnosticSetting.resourceUri", { control: C }));
        it("fails an HDInsight cluster without a monitor agent and passes one with it", () => {
            assertOneViolation(findingsOf(rules.phiResourceCoverage, [hdinsightCluster()]), "ExtensionAzureMonitorAgentStatus", { control: C });
            const agent = resource("azure-native:hdinsight:ExtensionAzureMonitorAgentStatus", { clusterName: "stmary-hdi", workspaceId: "w", primaryKey: "k" }, { name: "agent" });
            assertNoFinding(findingsOf(rules.phiResourceCoverage, [hdinsightCluster(), agent]));
        });
        it("judges SQL pools given without tags too", () => assertOneViolation(findingsOf(rules.phiResourceCoverage, [withProp(sqlPool(), "tags", undefined)]), "resourceUri", { control: C }));
    });

    describe("azure-audit-log-synapse-sql-auditing (stack)", () => {
        it("passes auditing to Azure Monitor set through an ARM template deployment", () =>
            assertNoFinding(findingsOf(rules.synapseSqlAuditing, [synapseWorkspace(), synapseSettingsDeployment(synapseWorkspace(), [auditing])])));
        it("fails a workspace without SQL auditing, on the workspace", () => {
            const f = findingsOf(rules.synapseSqlAuditing, [synapseWorkspace()]);
            assertOneViolation(f, "auditingSettings.properties.state", { control: C });
            assert.equal(f[0].urn, synapseWorkspace().urn);
        });
        it("fails auditing Disabled", () =>
            assertOneViolation(findingsOf(rules.synapseSqlAuditing, [synapseWorkspace(), synapseSettingsDeployment(synapseWorkspace(), [{ ...auditing, properties: { state: "Disabled" } }])]), "auditingSettings", { control: C }));
        it("fails auditing aimed at another workspace", () =>
            assertOneViolation(findingsOf(rules.synapseSqlAuditing, [synapseWorkspace(), synapseSettingsDeployment(synapseWorkspace(), [auditing], "other-ws")]), "auditingSettings", { control: C }));
        it("reads a template given as a JSON string", () => {
            const d = synapseSettingsDeployment(synapseWorkspace(), [auditing], "stmary-syn");
            (d.props.properties as any).template = JSON.stringify((d.props.properties as any).template);
            assertNoFinding(findingsOf(rules.synapseSqlAuditing, [synapseWorkspace(), d]));
        });
        it("reports a template unknown at preview as advisory", () => {
            const d = synapseSettingsDeployment(synapseWorkspace(), [auditing]);
            (d.props.properties as any).template = UNKNOWN;
            assertOnlyUnknown(findingsOf(rules.synapseSqlAuditing, [synapseWorkspace(), d]), "auditingSettings");
        });
    });
});
