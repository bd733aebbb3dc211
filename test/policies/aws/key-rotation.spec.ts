import assert from "node:assert/strict";
import { kmsKey } from "../../../policies/aws/key-rotation";
import { kmsKey as encKmsKey } from "../../../policies/aws/enc-rest-cmk";
import { kmsKey as deletionKmsKey, protect } from "../../../policies/aws/deletion-protection";
import { kmsKeyPolicy } from "../../../policies/aws/least-privilege";
import { UNKNOWN } from "../../../policies/lib/values";
import { findingsOf, resource, ruleNamed } from "../../support/policies";

const replicaKey = ruleNamed("aws-key-rotation-replica-key");

const KEY = "aws:kms/key:Key";

describe("aws KEY-ROTATION", () => {
    it("passes rotation on with the default or a 90-day period", () => {
        assert.deepEqual(findingsOf(kmsKey, resource(KEY, { enableKeyRotation: true }, { name: "k" })), []);
        assert.deepEqual(findingsOf(kmsKey, resource(KEY, { enableKeyRotation: "true", rotationPeriodInDays: "90" }, { name: "k" })), []);
    });
    it("reports rotation off and a period over a year", () => {
        const findings = findingsOf(kmsKey, resource(KEY, { enableKeyRotation: false, rotationPeriodInDays: 730 }, { name: "k" }));
        assert.deepEqual(findings[0].controls, ["KEY-ROTATION"]);
        assert.match(findings[0].message, /enableKeyRotation is false; wanted true/);
        assert.match(findings[1].message, /rotationPeriodInDays is 730; wanted 90 to 365/);
    });
    it("does not judge asymmetric keys, which AWS cannot rotate", () => {
        assert.deepEqual(findingsOf(kmsKey, resource(KEY, { customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" }, { name: "k" })), []);
    });
    it("reports an unknown rotation flag as unknown", () => assert.equal(findingsOf(kmsKey, resource(KEY, { enableKeyRotation: UNKNOWN }, { name: "k" }))[0].unknown, true));

    describe("issue 14: external and replica keys are keys", () => {
        const EXTERNAL = "aws:kms/externalKey:ExternalKey", REPLICA = "aws:kms/replicaKey:ReplicaKey", REPLICA_EXTERNAL = "aws:kms/replicaExternalKey:ReplicaExternalKey";
        const open = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "kms:*", Resource: "*" }] });
        it("reports an external key's rotation as a finding with the reason (imported material cannot rotate automatically), whatever it sets", () => {
            for (const type of [EXTERNAL, REPLICA_EXTERNAL]) {
                const findings = findingsOf(kmsKey, resource(type, { enableKeyRotation: true }, { name: "ext" }));
                assert.equal(findings.length, 1, type);
                assert.deepEqual(findings[0].controls, ["KEY-ROTATION"]);
                assert.match(findings[0].message, /cannot rotate imported key material automatically/);
            }
            assert.deepEqual(findingsOf(kmsKey, resource(EXTERNAL, { keySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" }, { name: "ext" })), [], "asymmetric: not applicable, as for a key");
        });
        it("reports a key in a custom key store (CloudHSM, external key store) as a rotation finding with the reason", () => {
            for (const props of [{ enableKeyRotation: true, customKeyStoreId: "cks-1234" }, { enableKeyRotation: true, xksKeyId: "xks-1" }]) {
                const [f, ...rest] = findingsOf(kmsKey, resource(KEY, props, { name: "k" }));
                assert.equal(rest.length, 0);
                assert.match(f.message, /custom key store/);
            }
        });
        it("judges a replica's rotation through its primary in this stack, and reports a primary outside it", () => {
            const primary = resource(KEY, { enableKeyRotation: true, multiRegion: true, arn: "arn:aws:kms:us-east-1:123456789012:key/mrk-1" }, { name: "primary" });
            assert.deepEqual(findingsOf(replicaKey, [primary, resource(REPLICA, { primaryKeyArn: UNKNOWN }, { name: "r", deps: { primaryKeyArn: [primary] } })]), []);
            assert.deepEqual(findingsOf(replicaKey, [primary, resource(REPLICA, { primaryKeyArn: "arn:aws:kms:us-east-1:123456789012:key/mrk-1" }, { name: "r" })]), []);
            const [f] = findingsOf(replicaKey, [resource(REPLICA, { primaryKeyArn: "arn:aws:kms:us-east-1:999999999999:key/mrk-2" }, { name: "r" })]);
            assert.match(f.message, /primaryKeyArn .*not in this stack/);
        });
        it("applies the key-policy, key-use, deletion-window and protect rules to every kind of key", () => {
            for (const type of [EXTERNAL, REPLICA, REPLICA_EXTERNAL]) {
                assert.equal(findingsOf(kmsKeyPolicy, resource(type, { policy: open }, { name: "k" })).length, 1, type);
                assert.equal(findingsOf(encKmsKey, resource(type, { enabled: false }, { name: "k" })).length, 1, type);
                assert.equal(findingsOf(deletionKmsKey, resource(type, { deletionWindowInDays: 7 }, { name: "k" })).length, 1, type);
                assert.equal(findingsOf(protect, resource(type, {}, { name: "k" })).length, 1, type);
            }
            assert.match(findingsOf(encKmsKey, resource(EXTERNAL, { keySpec: "HMAC_256" }, { name: "k" }))[0].message, /keySpec is "HMAC_256"/);
        });
        it("reports key material written in the program (it is in the state), never showing it", () => {
            const [f] = findingsOf(encKmsKey, resource(EXTERNAL, { keyMaterialBase64: "c2VjcmV0LWtleS1tYXRlcmlhbA==" }, { name: "k" }));
            assert.match(f.message, /keyMaterialBase64 is "key material \(value hidden\)"/);
            assert.doesNotMatch(f.message, /c2VjcmV0/);
        });
    });
});
