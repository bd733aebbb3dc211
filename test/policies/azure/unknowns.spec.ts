// A reference unknown at preview excuses at most one resource: one diagnostic setting, private endpoint
// or TDE whose target is unknown cannot turn every uncovered resource's finding advisory.
import assert from "node:assert/strict";
import * as auditLog from "../../../policies/azure/audit-log";
import * as backup from "../../../policies/azure/backup-versioning";
import * as encRest from "../../../policies/azure/enc-rest-cmk";
import * as networkPrivate from "../../../policies/azure/network-private";
import * as retention from "../../../policies/azure/retention";
import type { Finding } from "../../../policies/lib/evaluate";
import { UNKNOWN } from "../../../policies/lib/values";
import { findingsOf, resource, withProp } from "../../support/policies";
import { logWorkspace, sqlPool, storageAccount, vault } from "./baselines";

const vaults = () => ["kv-a", "kv-b", "kv-c"].map(n => ({ ...withProp(vault(), "vaultName", n), name: n, urn: vault().urn.replace(/kv$/, n) }));

function counts(findings: Finding[]) {
    return {
        mandatory: findings.filter(f => f.enforcement === "mandatory" && !f.unknown).length,
        unknown: findings.filter(f => f.unknown && f.enforcement === "advisory").length,
    };
}

describe("azure: an unknown reference excuses at most one resource", () => {
    it("one diagnostic setting with an unknown resourceUri leaves two of three uncovered Key Vaults mandatory", () => {
        const ds = resource("azure-native:monitor:DiagnosticSetting", {
            resourceUri: UNKNOWN, workspaceId: "law", logs: [{ categoryGroup: "audit", enabled: true }],
        }, { name: "ds" });
        assert.deepEqual(counts(findingsOf(auditLog.phiResourceCoverage, [...vaults(), ds])), { mandatory: 2, unknown: 1 });
    });

    it("a setting with an unknown resourceUri built from a network security group's id excuses no Key Vault", () => {
        const nsg = resource("azure-native:network:NetworkSecurityGroup", { resourceGroupName: "rg", location: "eastus" }, { name: "nsg" });
        const group = resource("azure-native:resources:ResourceGroup", { location: "eastus" }, { name: "rg" });
        const onNsg = resource("azure-native:monitor:DiagnosticSetting", { resourceUri: UNKNOWN, workspaceId: "law", logs: [{ categoryGroup: "audit", enabled: true }] }, { name: "nsg-ds", propertyDependencies: { resourceUri: [nsg.urn] } });
        assert.deepEqual(counts(findingsOf(auditLog.phiResourceCoverage, [...vaults(), nsg, onNsg])), { mandatory: 3, unknown: 0 });
        // Built from the resource group's id (plus a name), it may still be any one vault's.
        const inGroup = resource("azure-native:monitor:DiagnosticSetting", { resourceUri: UNKNOWN, workspaceId: "law", logs: [{ categoryGroup: "audit", enabled: true }] }, { name: "rg-ds", propertyDependencies: { resourceUri: [group.urn] } });
        assert.deepEqual(counts(findingsOf(auditLog.phiResourceCoverage, [...vaults(), group, inGroup])), { mandatory: 2, unknown: 1 });
    });

    it("two such settings excuse two, and three excuse all three", () => {
        const ds = (n: string) => resource("azure-native:monitor:DiagnosticSetting", { resourceUri: UNKNOWN, workspaceId: "law", logs: [{ categoryGroup: "audit", enabled: true }] }, { name: n });
        assert.deepEqual(counts(findingsOf(auditLog.phiResourceCoverage, [...vaults(), ds("a"), ds("b")])), { mandatory: 1, unknown: 2 });
        assert.deepEqual(counts(findingsOf(auditLog.phiResourceCoverage, [...vaults(), ds("a"), ds("b"), ds("c")])), { mandatory: 0, unknown: 3 });
    });

    it("one private endpoint with an unknown target leaves two of three Key Vaults without an endpoint mandatory", () => {
        const pe = resource("azure-native:network:PrivateEndpoint", {
            location: "eastus", resourceGroupName: "rg", privateLinkServiceConnections: [{ name: "c", privateLinkServiceId: UNKNOWN, groupIds: ["vault"] }],
        }, { name: "pe" });
        assert.deepEqual(counts(findingsOf(networkPrivate.keyVaultEndpoint, [...vaults(), pe])), { mandatory: 2, unknown: 1 });
    });

    it("a private endpoint with an unknown target built from another resource's id excuses no Key Vault", () => {
        const scope = resource("azure-native:monitor:PrivateLinkScope", { resourceGroupName: "rg", location: "global" }, { name: "ampls" });
        const pe = resource("azure-native:network:PrivateEndpoint", {
            location: "eastus", resourceGroupName: "rg", privateLinkServiceConnections: [{ name: "c", privateLinkServiceId: UNKNOWN, groupIds: ["azuremonitor"] }],
        }, { name: "pe", propertyDependencies: { privateLinkServiceConnections: [scope.urn] } });
        assert.deepEqual(counts(findingsOf(networkPrivate.keyVaultEndpoint, [...vaults(), scope, pe])), { mandatory: 3, unknown: 0 });
    });

    it("one TDE with an unknown pool leaves the other pool mandatory", () => {
        const pools = ["dw1", "dw2"].map(n => ({ ...withProp(sqlPool(), "sqlPoolName", n), name: n, urn: sqlPool().urn.replace(/dw$/, n) }));
        const tde = resource("azure-native:synapse:SqlPoolTransparentDataEncryption", { sqlPoolName: UNKNOWN, workspaceName: "stmary-syn", resourceGroupName: "rg", status: "Enabled" }, { name: "tde" });
        assert.deepEqual(counts(findingsOf(encRest.sqlPoolHasTde, [...pools, tde])), { mandatory: 1, unknown: 1 });
    });

    it("one blob service with an unknown account leaves the other account mandatory", () => {
        const accounts = ["phia", "phib"].map(n => ({ ...withProp(storageAccount(), "accountName", n), name: n, urn: storageAccount().urn.replace(/phi$/, n) }));
        const service = resource("azure-native:storage:BlobServiceProperties", { accountName: UNKNOWN, resourceGroupName: "rg", isVersioningEnabled: true }, { name: "svc" });
        assert.deepEqual(counts(findingsOf(backup.accountHasBlobService, [...accounts, service])), { mandatory: 1, unknown: 1 });
    });

    it("one table with an unknown workspace leaves the other short-retention workspace mandatory", () => {
        const workspaces = ["law1", "law2"].map(n => ({ ...withProp(logWorkspace(), "workspaceName", n), name: n, urn: logWorkspace().urn.replace(/law$/, n) }));
        const table = resource("azure-native:operationalinsights:Table", { workspaceName: UNKNOWN, resourceGroupName: "rg", tableName: "AzureActivity", totalRetentionInDays: 2192 }, { name: "t" });
        assert.deepEqual(counts(findingsOf(retention.logAnalyticsWorkspace, [...workspaces, table], { minimumRetentionDays: 2190 })), { mandatory: 1, unknown: 1 });
    });

    it("a resource whose own related value is unknown does not use up another's excuse", () => {
        const ds = resource("azure-native:monitor:DiagnosticSetting", { resourceUri: UNKNOWN, workspaceId: "law", logs: [{ categoryGroup: "audit", enabled: true }] }, { name: "ds" });
        const account = storageAccount();
        // The account's setting depends on it but its uri is unknown: unknown for the account on its own.
        const own = resource("azure-native:monitor:DiagnosticSetting", { resourceUri: UNKNOWN, workspaceId: "law", logs: [{ categoryGroup: "audit", enabled: true }] }, { name: "own", propertyDependencies: { resourceUri: [account.urn] } });
        const [kv] = vaults();
        assert.deepEqual(counts(findingsOf(auditLog.phiResourceCoverage, [account, own, kv, ds])), { mandatory: 0, unknown: 2 });
    });
});
