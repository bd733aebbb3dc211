import assert from "node:assert/strict";
import * as rules from "../../../policies/azure/log-integrity";
import { UNKNOWN } from "../../../policies/lib/values";
import { assertFails, assertPasses, assertUnknown, diagnosticSetting, res, runStack, storageAccount, vault, withProp } from "./fixtures";

const C = "LOG-INTEGRITY";

const archive = () => res("azure-native:storage:StorageAccount", "logs", {
    ...storageAccount().props, accountName: "stmarylogs",
    immutableStorageWithVersioning: { enabled: true, immutabilityPolicy: { immutabilityPeriodSinceCreationInDays: 2190, state: "Locked" } },
});
const writesTo = (account: ReturnType<typeof archive>) =>
    res("azure-native:monitor:DiagnosticSetting", "kv-archive", { resourceUri: "x", storageAccountId: "generated", logs: [{ categoryGroup: "audit", enabled: true }] },
        { propertyDependencies: { storageAccountId: [account.urn], resourceUri: [vault().urn] } });

describe("azure LOG-INTEGRITY", () => {
    describe("azure-log-integrity-log-archive-storage-account (stack)", () => {
        it("passes a locked immutable archive", () => assertPasses(runStack(rules.logArchiveAccount, [vault(), archive(), writesTo(archive())])));
        it("does not judge an account no diagnostic setting writes to", () => assertPasses(runStack(rules.logArchiveAccount, [storageAccount(), diagnosticSetting("ds", vault(), "x")])));
        it("fails an archive without immutability, on the account", () => {
            const plain = withProp(archive(), "immutableStorageWithVersioning", undefined);
            const f = runStack(rules.logArchiveAccount, [plain, writesTo(plain)]);
            assertFails(f, C, "immutableStorageWithVersioning.enabled");
            assert.equal(f[0].urn, plain.urn);
        });
        it("fails an unlocked policy", () => {
            const unlocked = withProp(archive(), "immutableStorageWithVersioning.immutabilityPolicy.state", "Unlocked");
            assertFails(runStack(rules.logArchiveAccount, [unlocked, writesTo(unlocked)]), C, "immutabilityPolicy.state");
        });
        it("fails a period shorter than the configured minimum", () =>
            assertFails(runStack(rules.logArchiveAccount, [archive(), writesTo(archive())], { minimumRetentionDays: 2555 }), C, "immutabilityPeriodSinceCreationInDays"));
        it("recognises an archive named in a subscription setting's storageAccountId string", () => {
            const plain = withProp(archive(), "immutableStorageWithVersioning", undefined);
            const sds = res("azure-native:monitor:SubscriptionDiagnosticSetting", "activity", { storageAccountId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stmarylogs" });
            assertFails(runStack(rules.logArchiveAccount, [plain, sds]), C, "immutableStorageWithVersioning.enabled");
        });
        it("reports a setting whose archive is unknown at preview as advisory", () => {
            const ds = res("azure-native:monitor:DiagnosticSetting", "ds", { resourceUri: "x", storageAccountId: UNKNOWN });
            assertUnknown(runStack(rules.logArchiveAccount, [archive(), ds]), "storageAccountId");
        });
    });
});
