import assert from "node:assert/strict";
import * as rules from "../../../policies/azure/deletion-protection";
import { assertFails, assertPasses, res, rgId, runOn, runStack, storageAccount, tags, vault, withProp } from "./fixtures";

const C = "DELETION-PROTECTION";
const unprotected = <T extends { opts: Record<string, unknown> }>(r: T): T => ({ ...r, opts: { ...r.opts, protect: false } });

describe("azure DELETION-PROTECTION", () => {
    describe("azure-deletion-protection-key-vault", () => {
        it("passes purge protection with 90-day soft delete", () => assertPasses(runOn(rules.keyVault, vault())));
        it("passes soft delete left to its defaults", () => {
            let v = withProp(vault(), "properties.enableSoftDelete", undefined);
            v = withProp(v, "properties.softDeleteRetentionInDays", undefined);
            assertPasses(runOn(rules.keyVault, v));
        });
        it("fails no purge protection", () => assertFails(runOn(rules.keyVault, withProp(vault(), "properties.enablePurgeProtection", undefined)), C, "properties.enablePurgeProtection"));
        it("fails a 7-day soft delete", () => assertFails(runOn(rules.keyVault, withProp(vault(), "properties.softDeleteRetentionInDays", 7)), C, "softDeleteRetentionInDays"));
        it("fails soft delete turned off", () => assertFails(runOn(rules.keyVault, withProp(vault(), "properties.enableSoftDelete", false)), C, "enableSoftDelete"));
    });
    describe("azure-deletion-protection-stateful-resource", () => {
        it("passes a protected storage account", () => assertPasses(runOn(rules.statefulResource, storageAccount())));
        it("fails an unprotected vault", () => assertFails(runOn(rules.statefulResource, unprotected(vault())), C, "opts.protect"));
        it("fails an unprotected SQL server and Cosmos DB account: deleting either deletes the databases", () => {
            assertFails(runOn(rules.statefulResource, unprotected(res("azure-native:sql:Server", "sql", { resourceGroupName: "rg" }))), C, "opts.protect");
            assertFails(runOn(rules.statefulResource, unprotected(res("azure-native:cosmosdb:DatabaseAccount", "cosmos", { resourceGroupName: "rg" }))), C, "opts.protect");
        });
        it("fails an unprotected untagged Log Analytics workspace (judged as production)", () =>
            assertFails(runOn(rules.statefulResource, res("azure-native:operationalinsights:Workspace", "law", { resourceGroupName: "rg" })), C, "opts.protect"));
        it("does not judge a stack whose pack config says dev or staging", () => {
            assertPasses(runOn(rules.statefulResource, unprotected(vault()), { environment: "dev" }));
            assertPasses(runOn(rules.statefulResource, unprotected(vault()), { environment: "staging" }));
        });
        it("never takes the environment from a tag: an environment=dev tag in a prod stack keeps the finding", () => {
            for (const environment of ["dev", "DEV", "Dev ", "development", "staging"]) {
                assertFails(runOn(rules.statefulResource, unprotected(withProp(vault(), "tags", { ...tags, environment }))), C, "opts.protect");
            }
        });
        it("does not judge stateless types such as a subnet", () => assertPasses(runOn(rules.statefulResource, res("azure-native:network:Subnet", "s", {}))));
    });
    describe("azure-deletion-protection-management-lock (advisory)", () => {
        it("passes CanNotDelete", () => assertPasses(runOn(rules.managementLock, res("azure-native:authorization:ManagementLockByScope", "l", { scope: rgId, level: "CanNotDelete" }))));
        it("reports ReadOnly as advisory", () => {
            const f = runOn(rules.managementLock, res("azure-native:authorization:ManagementLockAtResourceGroupLevel", "l", { resourceGroupName: "rg", level: "ReadOnly" }));
            assert.equal(f.length, 1);
            assert.equal(f[0].enforcement, "advisory");
            assert.ok(f[0].message.includes("level"));
        });
    });
    describe("azure-deletion-protection-resource-lock (stack, advisory)", () => {
        it("reports an unlocked vault as advisory, on the vault", () => {
            const f = runStack(rules.lockedStatefulResources, [vault()]);
            assert.equal(f.length, 1);
            assert.equal(f[0].enforcement, "advisory");
            assert.equal(f[0].urn, vault().urn);
            assert.ok(f[0].controls.includes(C));
        });
        it("asks no lock in a stack the pack config calls dev, and still asks one of a vault tagged environment=dev in prod", () => {
            assert.deepEqual(runStack(rules.lockedStatefulResources, [vault()], { environment: "dev" }), []);
            assert.equal(runStack(rules.lockedStatefulResources, [withProp(vault(), "tags", { ...tags, environment: "dev" })]).length, 1);
        });
        it("passes a vault under a lock on its scope", () =>
            assertPasses(runStack(rules.lockedStatefulResources, [vault(), res("azure-native:authorization:ManagementLockByScope", "l", { scope: "x", level: "CanNotDelete" }, { propertyDependencies: { scope: [vault().urn] } })])));
        it("passes a vault in a locked resource group", () =>
            assertPasses(runStack(rules.lockedStatefulResources, [vault(), res("azure-native:authorization:ManagementLockAtResourceGroupLevel", "l", { resourceGroupName: "rg", level: "CanNotDelete" })])));
        it("does not count a ReadOnly lock", () =>
            assert.equal(runStack(rules.lockedStatefulResources, [vault(), res("azure-native:authorization:ManagementLockAtResourceGroupLevel", "l", { resourceGroupName: "rg", level: "ReadOnly" })]).length, 1));
    });
});
