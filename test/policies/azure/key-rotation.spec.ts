import assert from "node:assert/strict";
import * as rules from "../../../policies/azure/key-rotation";
import { UNKNOWN } from "../../../policies/lib/values";
import { assertFails, assertPasses, assertUnknown, runOn, storageAccount, vaultKey, withProp } from "./fixtures";

const C = "KEY-ROTATION";
const trigger = "properties.rotationPolicy.lifetimeActions";

describe("azure KEY-ROTATION", () => {
    it("reads ISO 8601 durations in days", () => {
        assert.equal(rules.durationDays("P90D"), 90);
        assert.equal(rules.durationDays("P1Y"), 365);
        assert.equal(rules.durationDays("P3M"), 90);
        assert.ok(Number.isNaN(rules.durationDays("90 days")));
    });
    describe("azure-key-rotation-key-vault-key", () => {
        it("passes rotation after 90 days with a 2-year expiry", () => assertPasses(runOn(rules.keyVaultKey, vaultKey())));
        it("passes yearly rotation", () => assertPasses(runOn(rules.keyVaultKey, withProp(vaultKey(), trigger, [{ action: { type: "Rotate" }, trigger: { timeAfterCreate: "P1Y" } }]))));
        it("fails a key without a rotation policy", () => assertFails(runOn(rules.keyVaultKey, withProp(vaultKey(), "properties.rotationPolicy", undefined)), C, "lifetimeActions"));
        it("fails a notify-only policy", () =>
            assertFails(runOn(rules.keyVaultKey, withProp(vaultKey(), trigger, [{ action: { type: "notify" }, trigger: { timeBeforeExpiry: "P30D" } }])), C, "lifetimeActions"));
        it("fails rotation every two years", () =>
            assertFails(runOn(rules.keyVaultKey, withProp(vaultKey(), trigger, [{ action: { type: "rotate" }, trigger: { timeAfterCreate: "P2Y" } }])), C, "timeAfterCreate"));
        it("fails a key whose versions never expire", () => assertFails(runOn(rules.keyVaultKey, withProp(vaultKey(), "properties.rotationPolicy.attributes", undefined)), C, "expiryTime"));
        it("reports a rotation trigger unknown at preview as advisory", () =>
            assertUnknown(runOn(rules.keyVaultKey, withProp(vaultKey(), trigger, [{ action: { type: "rotate" }, trigger: { timeAfterCreate: UNKNOWN } }])), "timeAfterCreate"));
    });
    describe("azure-key-rotation-storage-account", () => {
        it("passes a versionless key", () => assertPasses(runOn(rules.storageAccount, storageAccount())));
        it("fails a pinned key version", () => assertFails(runOn(rules.storageAccount, withProp(storageAccount(), "encryption.keyVaultProperties.keyVersion", "0123abcd")), C, "keyVersion"));
        it("does not judge an account on Microsoft-managed keys", () =>
            assertPasses(runOn(rules.storageAccount, withProp(withProp(storageAccount(), "encryption.keySource", "Microsoft.Storage"), "encryption.keyVaultProperties.keyVersion", "1"))));
    });
});
