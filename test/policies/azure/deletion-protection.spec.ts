import assert from "node:assert/strict";
import * as rules from "../../../policies/azure/deletion-protection";
import { assertNoFinding, assertNotJudged, assertOneViolation, findingsOf, resource, withProp } from "../../support/policies";
import { rgId, storageAccount, tags, vault } from "./baselines";

const C = "DELETION-PROTECTION";
const unprotected = <T extends { opts: Record<string, unknown> }>(r: T): T => ({ ...r, opts: { ...r.opts, protect: false } });

describe("azure DELETION-PROTECTION", () => {
    describe("azure-deletion-protection-key-vault", () => {
        it("passes purge protection with 90-day soft delete", () => assertNoFinding(findingsOf(rules.keyVault, vault())));
        it("passes soft delete left to its defaults", () => {
            let v = withProp(vault(), "properties.enableSoftDelete", undefined);
            v = withProp(v, "properties.softDeleteRetentionInDays", undefined);
            assertNoFinding(findingsOf(rules.keyVault, v));
        });
        it("fails no purge protection", () => assertOneViolation(findingsOf(rules.keyVault, withProp(vault(), "properties.enablePurgeProtection", undefined)), "properties.enablePurgeProtection", { control: C }));
        it("fails a 7-day soft delete", () => assertOneViolation(findingsOf(rules.keyVault, withProp(vault(), "properties.softDeleteRetentionInDays", 7)), "softDeleteRetentionInDays", { control: C }));
        it("fails soft delete turned off", () => assertOneViolation(findingsOf(rules.keyVault, withProp(vault(), "properties.enableSoftDelete", false)), "enableSoftDelete", { control: C }));
        it("fails soft delete written as anything but true (0 is false to ARM)", () => {
            for (const off of [0, "0", "no", "False "]) assertOneViolation(findingsOf(rules.keyVault, withProp(vault(), "properties.enableSoftDelete", off)), "enableSoftDelete", { control: C });
        });
    });
    describe("azure-deletion-protection-stateful-resource", () => {
        it("passes a protected storage account", () => assertNoFinding(findingsOf(rules.statefulResource, storageAccount())));
        it("fails an unprotected vault", () => assertOneViolation(findingsOf(rules.statefulResource, unprotected(vault())), "opts.protect", { control: C }));
        it("fails an unprotected SQL server and Cosmos DB account: deleting either deletes the databases", () => {
            assertOneViolation(findingsOf(rules.statefulResource, unprotected(resource("azure-native:sql:Server", { resourceGroupName: "rg" }, { name: "sql" }))), "opts.protect", { control: C });
            assertOneViolation(findingsOf(rules.statefulResource, unprotected(resource("azure-native:cosmosdb:DatabaseAccount", { resourceGroupName: "rg" }, { name: "cosmos" }))), "opts.protect", { control: C });
        });
        it("fails an unprotected untagged Log Analytics workspace (judged as production)", () =>
            assertOneViolation(findingsOf(rules.statefulResource, resource("azure-native:operationalinsights:Workspace", { resourceGroupName: "rg" }, { name: "law" })), "opts.protect", { control: C }));
        it("does not judge a stack whose pack config says dev or staging", () => {
            assertNoFinding(findingsOf(rules.statefulResource, unprotected(vault()), { environment: "dev" }));
            assertNoFinding(findingsOf(rules.statefulResource, unprotected(vault()), { environment: "staging" }));
        });
        it("never takes the environment from a tag: an environment=dev tag in a prod stack keeps the finding", () => {
            for (const environment of ["dev", "DEV", "Dev ", "development", "staging"]) {
                assertOneViolation(findingsOf(rules.statefulResource, unprotected(withProp(vault(), "tags", { ...tags, environment }))), "opts.protect", { control: C });
            }
        });
        it("does not judge stateless types such as a subnet", () => assertNotJudged(findingsOf(rules.statefulResource, resource("azure-native:network:Subnet", {}, { name: "s" }))));
    });
    describe("azure-deletion-protection-management-lock (advisory)", () => {
        it("passes CanNotDelete", () => assertNoFinding(findingsOf(rules.managementLock, resource("azure-native:authorization:ManagementLockByScope", { scope: rgId, level: "CanNotDelete" }, { name: "l" }))));
        it("reports ReadOnly as advisory", () => {
            const f = findingsOf(rules.managementLock, resource("azure-native:authorization:ManagementLockAtResourceGroupLevel", { resourceGroupName: "rg", level: "ReadOnly" }, { name: "l" }));
            assert.equal(f.length, 1);
            assert.equal(f[0].enforcement, "advisory");
            assert.ok(f[0].message.includes("level"));
        });
    });
    describe("azure-deletion-protection-resource-lock (stack, advisory)", () => {
        it("reports an unlocked vault as advisory, on the vault", () => {
            const f = findingsOf(rules.lockedStatefulResources, [vault()]);
            assert.equal(f.length, 1);
            assert.equal(f[0].enforcement, "advisory");
            assert.equal(f[0].urn, vault().urn);
            assert.ok(f[0].controls.includes(C));
        });
        it("asks no lock in a stack the pack config calls dev, and still asks one of a vault tagged environment=dev in prod", () => {
            assertNoFinding(findingsOf(rules.lockedStatefulResources, [vault()], { environment: "dev" }));
            assert.equal(findingsOf(rules.lockedStatefulResources, [withProp(vault(), "tags", { ...tags, environment: "dev" })]).length, 1);
        });
        it("passes a vault under a lock on its scope", () =>
            assertNoFinding(findingsOf(rules.lockedStatefulResources, [vault(), resource("azure-native:authorization:ManagementLockByScope", { scope: "x", level: "CanNotDelete" }, { name: "l", propertyDependencies: { scope: [vault().urn] } })])));
        it("passes a vault in a locked resource group", () =>
            assertNoFinding(findingsOf(rules.lockedStatefulResources, [vault(), resource("azure-native:authorization:ManagementLockAtResourceGroupLevel", { resourceGroupName: "rg", level: "CanNotDelete" }, { name: "l" })])));
        it("does not count a ReadOnly lock", () =>
            assert.equal(findingsOf(rules.lockedStatefulResources, [vault(), resource("azure-native:authorization:ManagementLockAtResourceGroupLevel", { resourceGroupName: "rg", level: "ReadOnly" }, { name: "l" })]).length, 1));
    });
});
