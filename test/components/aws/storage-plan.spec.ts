// The plan of an AWS Storage bucket, from its arguments alone (components/aws/storage-plan.ts): no mock
// runtime, no resource registered.
import assert from "node:assert/strict";
import { storagePlan } from "../../../components/aws/storage-plan";
import type { StorageArgs } from "../../../components/aws/storage";

const key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const phi: StorageArgs = { tenant: "stmary", purpose: "phi", key, accessLogBucket: "stmary-access-logs" };

describe("components/aws/storage-plan", () => {
    it("encrypts a PHI bucket with the tenant's key and a bucket key, blocks SSE-C, and requires KMS in the policy", () => {
        const plan = storagePlan(phi);
        assert.deepEqual(plan.encryption, {
            applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key },
            bucketKeyEnabled: true,
            blockedEncryptionTypes: ["SSE-C"],
        });
        assert.equal(plan.requireKms, true);
    });

    it("gives the access-log bucket SSE-S3 (the only encryption S3 log delivery writes to), no KMS requirement and no logging of its own", () => {
        const plan = storagePlan({ tenant: "stmary", purpose: "access-logs", key, isAccessLogTarget: true });
        assert.deepEqual(plan.encryption, { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, blockedEncryptionTypes: ["SSE-C"] });
        assert.equal(plan.requireKms, false);
        assert.equal(plan.accessLogging, undefined);
    });

    it("logs access under the bucket's purpose in the access-log bucket", () => {
        assert.deepEqual(storagePlan(phi).accessLogging, { targetBucket: "stmary-access-logs", targetPrefix: "phi/" });
    });

    it("expires only non-current versions, after six years by default, and aborts stale multipart uploads", () => {
        const [versions, uploads] = storagePlan(phi).lifecycle;
        assert.deepEqual(versions.noncurrentVersionExpiration, { noncurrentDays: 2190 });
        assert.equal(versions.expiration, undefined);
        assert.deepEqual(uploads.abortIncompleteMultipartUpload, { daysAfterInitiation: 7 });
        assert.deepEqual(storagePlan({ ...phi, noncurrentVersionDays: 3000 }).lifecycle[0].noncurrentVersionExpiration, { noncurrentDays: 3000 });
    });

    it("locks objects only when asked, for the days asked", () => {
        assert.equal(storagePlan(phi).objectLockDays, undefined);
        assert.equal(storagePlan({ ...phi, objectLockDays: 2192 }).objectLockDays, 2192);
    });

    it("names the bucket by prefix from tenant and purpose, and tags the purpose beside the platform's tags", () => {
        const plan = storagePlan({ ...phi, environment: "dev", tags: { team: "radiology" } });
        assert.equal(plan.bucketPrefix, "stmary-phi-");
        assert.deepEqual(plan.tags, { team: "radiology", tenant: "stmary", environment: "dev", "data-classification": "phi", "managed-by": "hipaa-cloud", purpose: "phi" });
    });
});
