import { engineResource } from "../../support/engine";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as monitor from "@pulumi/azure-native/monitor";
import * as storage from "@pulumi/azure-native/storage";
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { toPulumiPolicy } from "../../../policies/lib/adapter";
import { evaluate } from "../../../policies/lib/evaluate";
import type { PolicyResource } from "../../../policies/lib/rule";
import { record } from "../../support/record";
import { resource, rulesOf, withProp } from "../../support/policies";
import { auditing, blobService, diagnosticSetting, minimalTls, synapseSettingsDeployment, dicomService, healthWorkspace, logWorkspace, privateEndpoint, sqlPool, storageAccount, synapseWorkspace, vault, vaultKey } from "./baselines";

const rules = rulesOf({ cloud: "azure" });

// The catalogue checks of every cloud are in test/policies/catalogue.spec.ts; here, what is Azure's own: the
// classic SDK's tokens, a compliant hospital, a bare program judged, and the engine's path.
describe("policies/azure (the Azure half of the pack)", () => {
    it("lists only Azure classic tokens that @pulumi/azure 6.40.0 declares, or @pulumi/azure 5's firewall rules removed in 6", () => {
        // The SDK is not a dependency: its tokens were read from `npm pack @pulumi/azure@6.40.0` (every class's __pulumiType).
        const declared = new Set(fs.readFileSync(path.join(__dirname, "azure-classic-6.40.0-tokens.txt"), "utf8").split("\n").filter(Boolean));
        const removedIn6 = new Set(["azure:sql/firewallRule:FirewallRule", "azure:mysql/firewallRule:FirewallRule", "azure:mariadb/firewallRule:FirewallRule"]);
        const tokens = new Set(rules.flatMap(r => r.kind === "resource" ? [...r.types] : [...r.judges ?? [], ...Object.values(r.reads ?? {}).flat()])
            .filter(t => !t.startsWith("azure-native:")));
        assert.ok(tokens.size > 10);
        assert.deepEqual([...tokens].filter(t => !declared.has(t) && !removedIn6.has(t)), []);
    });

    it("finds nothing in a compliant hospital stack", () => {
        const archiveless = [
            vault(), vaultKey(), storageAccount(), blobService(), synapseWorkspace(), sqlPool(), healthWorkspace(), dicomService(), logWorkspace(),
            resource("azure-native:synapse:Key", { workspaceName: "stmary-syn", resourceGroupName: "rg", isActiveCMK: true, keyVaultUrl: "u" }, { name: "cmk" }),
            resource("azure-native:synapse:SqlPoolTransparentDataEncryption", { workspaceName: "stmary-syn", sqlPoolName: "stmarydw", resourceGroupName: "rg", status: "Enabled" }, { name: "tde" }),
            resource("azure-native:operationalinsights:Table", { workspaceName: "stmary-law", resourceGroupName: "rg", totalRetentionInDays: 2192 }, { name: "activity" }),
            resource("azure-native:monitor:SubscriptionDiagnosticSetting", { workspaceId: "w", logs: [{ categoryGroup: "allLogs", enabled: true }] }, { name: "activity-log" }),
            resource("azure-native:authorization:ManagementLockAtResourceGroupLevel", { resourceGroupName: "rg", level: "CanNotDelete" }, { name: "lock" }),
            privateEndpoint("kv-pe", vault(), ["vault"]), privateEndpoint("st-pe", storageAccount(), ["blob"]),
            privateEndpoint("syn-pe", synapseWorkspace(), ["Sql"]), privateEndpoint("health-pe", healthWorkspace(), ["healthcareworkspace"]),
            diagnosticSetting("kv-ds", vault(), "x"), diagnosticSetting("syn-ds", synapseWorkspace(), "x"), diagnosticSetting("dw-ds", sqlPool(), "x"),
            diagnosticSetting("dicom-ds", dicomService(), "x"), diagnosticSetting("blob-ds", blobService(), "x"),
            synapseSettingsDeployment(synapseWorkspace(), [auditing, minimalTls]),
        ];
        assert.deepEqual(evaluate(rules, archiveless).map(f => f.message), []);
    });

    it("judges a hand-written program of bare azure-native resources, relations included", async () => {
        const r = await record(() => {
            const account = new storage.StorageAccount("bare", { resourceGroupName: "rg", kind: "StorageV2", sku: { name: "Standard_LRS" }, location: "westeurope" });
            new keyvault.Vault("kv", { resourceGroupName: "rg", properties: { tenantId: "t", sku: { family: "A", name: "standard" } } });
            // Metrics of the account itself (no workspace): a finding of its own, and no data-plane audit.
            new monitor.DiagnosticSetting("account-ds", { resourceUri: account.id, metrics: [{ category: "Transaction", enabled: true }] });
            new monitor.DiagnosticSetting("blob-ds", { resourceUri: pulumi.interpolate`${account.id}/blobServices/default`, workspaceId: "w", logs: [{ categoryGroup: "audit", enabled: true }] });
        });
        const findings = evaluate(rules, r.policyResources).filter(f => f.enforcement === "mandatory");
        const policies = new Set(findings.map(f => f.policy));
        // The blob service's setting, related to the account through its output, covers the account; the vault has none.
        assert.deepEqual(findings.filter(f => f.policy === "azure-audit-log-phi-resource").map(f => f.name), ["kv"]);
        for (const expected of [
            "azure-enc-rest-cmk-storage-account", "azure-enc-transit-storage-account", "azure-public-access-storage-account",
            "azure-public-access-key-vault", "azure-network-private-key-vault-endpoint", "azure-backup-versioning-storage-account",
            "azure-backup-versioning-storage-account-blob-service", "azure-deletion-protection-key-vault", "azure-deletion-protection-stateful-resource",
            "azure-least-privilege-key-vault", "azure-least-privilege-storage-account", "azure-tagging-resource", "azure-residency-location",
            "azure-audit-log-phi-resource", "azure-audit-log-subscription", "azure-audit-log-diagnostic-setting",
        ]) assert.ok(policies.has(expected), `${expected} among ${[...policies].join(", ")}`);
    });
});

describe("policies/azure through the @pulumi/policy adapter (the real engine's path)", () => {
    it("reports a resource violation with the property in the message", () => {
        const policy = toPulumiPolicy(rules.find(r => r.name === "azure-public-access-storage-account")!) as ResourceValidationPolicy;
        const reports: string[] = [];
        const bad = withProp(storageAccount(), "publicNetworkAccess", "Enabled");
        (policy.validateResource as any)({ ...bad, opts: { protect: true }, getConfig: () => ({}) }, (m: string) => reports.push(m));
        assert.equal(reports.length, 1);
        assert.ok(reports[0].includes("publicNetworkAccess"));
    });

    it("relates resources through the engine's property dependencies in a stack policy", () => {
        const policy = toPulumiPolicy(rules.find(r => r.name === "azure-network-private-key-vault-endpoint")!) as StackValidationPolicy;
        const run = (stack: PolicyResource[]) => {
            const reports: { message: string; urn?: string }[] = [];
            (policy.validateStack as any)({ resources: stack.map(r => engineResource(r, stack)), getConfig: () => ({}) },
                (message: string, urn?: string) => reports.push({ message, urn }));
            return reports;
        };
        assert.deepEqual(run([vault(), privateEndpoint("pe", vault(), ["vault"])]), []);
        const reports = run([vault()]);
        assert.equal(reports.length, 1);
        assert.equal(reports[0].urn, vault().urn);
    });
});
