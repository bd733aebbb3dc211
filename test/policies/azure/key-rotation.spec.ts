import assert from "node:assert/strict";
import * as rules from "../../../policies/azure/key-rotation";
import { UNKNOWN } from "../../../policies/lib/values";
import { assertNoFinding, assertOneViolation, assertOnlyUnknown, assertViolations, findingsOf, withProp } from "../../support/policies";
import { storageAccount, vaultKey } from "./baselines";

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
        it("passes rotation after 90 days with a 2-year expiry", () => assertNoFinding(findingsOf(rules.keyVaultKey, vaultKey())));
        it("passes yearly rotation", () => assertNoFinding(findingsOf(rules.keyVaultKey, withProp(vaultKey(), trigger, [{ action: { type: "Rotate" }, trigger: { timeAfterCreate: "P1Y" } }]))));
        it("fails a key without a rotation policy", () => assertOneViolation(findingsOf(rules.keyVaultKey, withProp(vaultKey(), "properties.rotationPolicy", undefined)), "lifetimeActions", { control: C }));
        it("fails a notify-only policy", () =>
            assertOneViolation(findingsOf(rules.keyVaultKey, withProp(vaultKey(), trigger, [{ action: { type: "notify" }, trigger: { timeBeforeExpiry: "P30D" } }])), "lifetimeActions", { control: C }));
        it("fails rotation every two years", () =>
            assertViolations(findingsOf(rules.keyVaultKey, withProp(vaultKey(), trigger, [{ action: { type: "rotate" }, trigger: { timeAfterCreate: "P2Y" } }])), ["properties.rotationPolicy.lifetimeActions[rotate].trigger.timeAfterCreate", "properties.rotationPolicy.attributes.expiryTime"], { control: C }));
        it("fails a key whose versions never expire", () => assertOneViolation(findingsOf(rules.keyVaultKey, withProp(vaultKey(), "properties.rotationPolicy.attributes", undefined)), "expiryTime", { control: C }));
        it("reports a rotation trigger unknown at preview as advisory", () =>
            assertOnlyUnknown(findingsOf(rules.keyVaultKey, withProp(vaultKey(), trigger, [{ action: { type: "rotate" }, trigger: { timeAfterCreate: UNKNOWN } }])), "timeAfterCreate"));
    });
    describe("azure-key-rotation-storage-account", () => {
        it("passes a versionless key", () => assertNoFinding(findingsOf(rules.storageAccount, storageAccount())));
        it("fails a pinned key version", () => assertOneViolation(findingsOf(rules.storageAccount, withProp(storageAccount(), "encryption.keyVaultProperties.keyVersion", "0123abcd")), "keyVersion", { control: C }));
        it("does not judge an account on Microsoft-managed keys", () =>
            assertNoFinding(findingsOf(rules.storageAccount, withProp(withProp(storageAccount(), "encryption.keySource", "Microsoft.Storage"), "encryption.keyVaultProperties.keyVersion", "1"))));
    });
});
