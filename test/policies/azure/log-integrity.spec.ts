import assert from "node:assert/strict";
import * as rules from "../../../policies/azure/log-integrity";
import { UNKNOWN } from "../../../policies/lib/values";
import { assertNoFinding, assertOneViolation, assertOnlyUnknown, assertViolations, findingsOf, resource, withProp } from "../../support/policies";
import { diagnosticSetting, storageAccount, vault } from "./baselines";

const C = "LOG-INTEGRITY";

const archive = () => resource("azure-native:storage:StorageAccount", {
    ...storageAccount().props, accountName: "stmarylogs",
    immutableStorageWithVersioning: { enabled: true, immutabilityPolicy: { immutabilityPeriodSinceCreationInDays: 2190, state: "Locked" } },
}, { name: "logs" });
const writesTo = (account: ReturnType<typeof archive>) =>
    resource("azure-native:monitor:DiagnosticSetting", { resourceUri: UNKNOWN, storageAccountId: UNKNOWN, logs: [{ categoryGroup: "audit", enabled: true }] }, { name: "kv-archive", propertyDependencies: { storageAccountId: [account.urn], resourceUri: [vault().urn] } });

describe("azure LOG-INTEGRITY", () => {
    describe("azure-log-integrity-log-archive-storage-account (stack)", () => {
        it("passes a locked immutable archive", () => assertNoFinding(findingsOf(rules.logArchiveAccount, [vault(), archive(), writesTo(archive())])));
        it("does not judge an account no diagnostic setting writes to", () => assertNoFinding(findingsOf(rules.logArchiveAccount, [storageAccount(), diagnosticSetting("ds", vault(), "x")])));
        it("fails an archive without immutability, on the account", () => {
            const plain = withProp(archive(), "immutableStorageWithVersioning", undefined);
            const f = findingsOf(rules.logArchiveAccount, [plain, writesTo(plain)]);
            assertViolations(f, ["immutableStorageWithVersioning.enabled", "immutableStorageWithVersioning.immutabilityPolicy.immutabilityPeriodSinceCreationInDays", "immutableStorageWithVersioning.immutabilityPolicy.state"], { control: C });
            assert.equal(f[0].urn, plain.urn);
        });
        it("fails an unlocked policy", () => {
            const unlocked = withProp(archive(), "immutableStorageWithVersioning.immutabilityPolicy.state", "Unlocked");
            assertOneViolation(findingsOf(rules.logArchiveAccount, [unlocked, writesTo(unlocked)]), "immutabilityPolicy.state", { control: C });
        });
        it("fails a period shorter than the configured minimum", () =>
            assertOneViolation(findingsOf(rules.logArchiveAccount, [archive(), writesTo(archive())], { minimumRetentionDays: 2555 }), "immutabilityPeriodSinceCreationInDays", { control: C }));
        it("recognises an archive named in a subscription setting's storageAccountId string", () => {
            const plain = withProp(archive(), "immutableStorageWithVersioning", undefined);
            const sds = resource("azure-native:monitor:SubscriptionDiagnosticSetting", { storageAccountId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stmarylogs" }, { name: "activity" });
            assertViolations(findingsOf(rules.logArchiveAccount, [plain, sds]), ["immutableStorageWithVersioning.enabled", "immutableStorageWithVersioning.immutabilityPolicy.immutabilityPeriodSinceCreationInDays", "immutableStorageWithVersioning.immutabilityPolicy.state"], { control: C });
        });
        it("reports a setting whose archive is unknown at preview as advisory", () => {
            const ds = resource("azure-native:monitor:DiagnosticSetting", { resourceUri: "x", storageAccountId: UNKNOWN }, { name: "ds" });
            assertOnlyUnknown(findingsOf(rules.logArchiveAccount, [archive(), ds]), "storageAccountId");
        });
    });
});
