import assert from "node:assert/strict";
import * as rules from "../../../policies/azure/audit-log";
import { UNKNOWN } from "../../../policies/lib/values";
import {
    assertFails, assertPasses, assertUnknown, blobService, diagnosticSetting, dicomService, hdinsightCluster, lawId, res,
    runOn, runStack, sqlPool, storageAccount, synapseWorkspace, vault, withProp, auditing, synapseSettingsDeployment,
} from "./fixtures";

const C = "AUDIT-LOG";
const accountId = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stmaryphi";

describe("azure AUDIT-LOG", () => {
    describe("azure-audit-log-diagnostic-setting", () => {
        it("passes the audit group to Log Analytics", () => assertPasses(runOn(rules.diagnosticSetting, diagnosticSetting("ds", vault(), "id"))));
        it("judges the old insights token too", () =>
            assertFails(runOn(rules.diagnosticSetting, diagnosticSetting("ds", vault(), "id", { workspaceId: undefined }, "azure-native:insights:DiagnosticSetting")), C, "workspaceId"));
        it("passes allLogs with enabled given as a string", () => assertPasses(runOn(rules.diagnosticSetting, diagnosticSetting("ds", vault(), "id", { logs: [{ categoryGroup: "allLogs", enabled: "true" }] }))));
        it("fails a metrics-only setting", () => assertFails(runOn(rules.diagnosticSetting, diagnosticSetting("ds", vault(), "id", { logs: undefined, metrics: [{ category: "AllMetrics", enabled: true }] })), C, "logs"));
        it("fails a disabled audit group", () => assertFails(runOn(rules.diagnosticSetting, diagnosticSetting("ds", vault(), "id", { logs: [{ categoryGroup: "audit", enabled: false }] })), C, "logs"));
        it("reports a workspace id unknown at preview as advisory", () => assertUnknown(runOn(rules.diagnosticSetting, diagnosticSetting("ds", vault(), "id", { workspaceId: UNKNOWN })), "workspaceId"));
    });

    describe("azure-audit-log-subscription-diagnostic-setting", () => {
        const sds = (logs: unknown) => res("azure-native:monitor:SubscriptionDiagnosticSetting", "activity", { workspaceId: lawId, logs });
        it("passes Administrative and Security", () => assertPasses(runOn(rules.subscriptionDiagnosticSetting, sds([{ category: "Administrative", enabled: true }, { category: "Security", enabled: true }]))));
        it("fails Administrative only", () => assertFails(runOn(rules.subscriptionDiagnosticSetting, sds([{ category: "Administrative", enabled: true }])), C, "logs"));
    });

    describe("azure-audit-log-hdinsight-monitor-agent", () => {
        const agent = (props: Record<string, unknown>) => res("azure-native:hdinsight:ExtensionAzureMonitorAgentStatus", "agent", { clusterName: "stmary-hdi", resourceGroupName: "rg", workspaceId: "cid", primaryKey: "k", ...props });
        it("passes an agent with a workspace and key", () => assertPasses(runOn(rules.hdinsightMonitorAgent, agent({}))));
        it("fails an agent without a workspace", () => assertFails(runOn(rules.hdinsightMonitorAgent, agent({ workspaceId: undefined })), C, "workspaceId"));
    });

    describe("azure-audit-log-subscription (stack)", () => {
        it("fails a stack with PHI resources and no Activity Log setting", () => assertFails(runStack(rules.subscriptionActivityLog, [vault()]), C, "SubscriptionDiagnosticSetting"));
        it("passes when the Activity Log goes to Log Analytics", () =>
            assertPasses(runStack(rules.subscriptionActivityLog, [vault(), res("azure-native:insights:SubscriptionDiagnosticSetting", "a", { workspaceId: lawId })])));
        it("does not apply to a stack without PHI resources", () => assertPasses(runStack(rules.subscriptionActivityLog, [res("azure-native:network:VirtualNetwork", "v", {})])));
    });

    describe("azure-audit-log-phi-resource (stack)", () => {
        it("passes every PHI resource with a diagnostic setting", () => assertPasses(runStack(rules.phiResourceCoverage, [
            vault(), diagnosticSetting("kv-ds", vault(), "x"),
            synapseWorkspace(), diagnosticSetting("syn-ds", synapseWorkspace(), "x"),
            sqlPool(), diagnosticSetting("dw-ds", sqlPool(), "x"),
            dicomService(), diagnosticSetting("dicom-ds", dicomService(), "x"),
            storageAccount(), diagnosticSetting("blob-ds", storageAccount(), `${accountId}/blobServices/default`),
        ])));
        it("fails a Key Vault without a diagnostic setting, on the vault", () => {
            const f = runStack(rules.phiResourceCoverage, [vault()]);
            assertFails(f, C, "DiagnosticSetting.resourceUri");
            assert.equal(f[0].urn, vault().urn);
        });
        it("asks a Cosmos DB account (either SDK's token) for its own diagnostic setting", () => {
            const cosmos = res("azure-native:documentdb:DatabaseAccount", "records-cosmos", { resourceGroupName: "rg", databaseAccountOfferType: "Standard", locations: [] });
            assert.equal(runStack(rules.phiResourceCoverage, [cosmos])[0].urn, cosmos.urn);
            assertPasses(runStack(rules.phiResourceCoverage, [cosmos, diagnosticSetting("cosmos-ds", cosmos, "x")]));
        });
        it("fails a storage account whose setting is on the account, not its blob service", () =>
            assertFails(runStack(rules.phiResourceCoverage, [storageAccount(), diagnosticSetting("ds", storageAccount(), accountId)]), C, "blobServices/default"));
        it("passes a blob service named by a plain id string", () => {
            const ds = res("azure-native:insights:DiagnosticSetting", "ds", { resourceUri: `${accountId}/blobServices/default`, workspaceId: lawId, logs: [{ categoryGroup: "audit", enabled: true }] });
            assertPasses(runStack(rules.phiResourceCoverage, [storageAccount(), ds]));
        });
        it("passes a setting built from the BlobServiceProperties' id", () =>
            assertPasses(runStack(rules.phiResourceCoverage, [storageAccount(), blobService(), diagnosticSetting("ds", blobService(), "x")])));
        it("reports a blob service setting whose uri is unknown at preview as advisory", () =>
            assertUnknown(runStack(rules.phiResourceCoverage, [storageAccount(), diagnosticSetting("ds", storageAccount(), UNKNOWN)]), "blobServices/default"));
        it("does not count a metrics-only setting", () =>
            assertFails(runStack(rules.phiResourceCoverage, [vault(), diagnosticSetting("ds", vault(), "x", { logs: [] })]), C, "DiagnosticSetting.resourceUri"));
        it("fails an HDInsight cluster without a monitor agent and passes one with it", () => {
            assertFails(runStack(rules.phiResourceCoverage, [hdinsightCluster()]), C, "ExtensionAzureMonitorAgentStatus");
            const agent = res("azure-native:hdinsight:ExtensionAzureMonitorAgentStatus", "agent", { clusterName: "stmary-hdi", workspaceId: "w", primaryKey: "k" });
            assertPasses(runStack(rules.phiResourceCoverage, [hdinsightCluster(), agent]));
        });
        it("judges SQL pools given without tags too", () => assertFails(runStack(rules.phiResourceCoverage, [withProp(sqlPool(), "tags", undefined)]), C, "resourceUri"));
    });

    describe("azure-audit-log-synapse-sql-auditing (stack)", () => {
        it("passes auditing to Azure Monitor set through an ARM template deployment", () =>
            assertPasses(runStack(rules.synapseSqlAuditing, [synapseWorkspace(), synapseSettingsDeployment(synapseWorkspace(), [auditing])])));
        it("fails a workspace without SQL auditing, on the workspace", () => {
            const f = runStack(rules.synapseSqlAuditing, [synapseWorkspace()]);
            assertFails(f, C, "auditingSettings.properties.state");
            assert.equal(f[0].urn, synapseWorkspace().urn);
        });
        it("fails auditing Disabled", () =>
            assertFails(runStack(rules.synapseSqlAuditing, [synapseWorkspace(), synapseSettingsDeployment(synapseWorkspace(), [{ ...auditing, properties: { state: "Disabled" } }])]), C, "auditingSettings"));
        it("fails auditing aimed at another workspace", () =>
            assertFails(runStack(rules.synapseSqlAuditing, [synapseWorkspace(), synapseSettingsDeployment(synapseWorkspace(), [auditing], "other-ws")]), C, "auditingSettings"));
        it("reads a template given as a JSON string", () => {
            const d = synapseSettingsDeployment(synapseWorkspace(), [auditing], "stmary-syn");
            (d.props.properties as any).template = JSON.stringify((d.props.properties as any).template);
            assertPasses(runStack(rules.synapseSqlAuditing, [synapseWorkspace(), d]));
        });
        it("reports a template unknown at preview as advisory", () => {
            const d = synapseSettingsDeployment(synapseWorkspace(), [auditing]);
            (d.props.properties as any).template = UNKNOWN;
            assertUnknown(runStack(rules.synapseSqlAuditing, [synapseWorkspace(), d]), "auditingSettings");
        });
    });
});
