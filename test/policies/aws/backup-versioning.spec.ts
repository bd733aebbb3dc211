import assert from "node:assert/strict";
import { redshiftCluster, s3Bucket, s3Replication } from "../../../policies/aws/backup-versioning";
import { UNKNOWN } from "../../../policies/lib/values";
import { KEY_ARN, res, run, runStack } from "./fixtures";

const BUCKET = "aws:s3/bucket:Bucket";

describe("aws BACKUP-VERSIONING", () => {
    describe("aws-backup-versioning-s3-bucket (stack)", () => {
        it("passes a bucket with versioning enabled (V2 token too)", () => {
            const bucket = res(BUCKET, "b");
            const v = res("aws:s3/bucketVersioningV2:BucketVersioningV2", "v", { versioningConfiguration: { status: "Enabled" } }, { deps: { bucket: [bucket] } });
            assert.deepEqual(runStack(s3Bucket, [bucket, v]), []);
        });
        it("reports a bucket without versioning and one with versioning suspended, on the bucket", () => {
            const bucket = res(BUCKET, "b");
            const [missing] = runStack(s3Bucket, [bucket]);
            assert.deepEqual(missing.controls, ["BACKUP-VERSIONING"]);
            assert.match(missing.message, /versioning is unset.*No aws:s3\/bucketVersioning/);
            const v = res("aws:s3/bucketVersioning:BucketVersioning", "v", { versioningConfiguration: { status: "Suspended" } }, { deps: { bucket: [bucket] } });
            const [f] = runStack(s3Bucket, [bucket, v]);
            assert.equal(f.urn, bucket.urn);
            assert.match(f.message, /versioningConfiguration\.status is "Suspended"/);
        });
        it("judges the deprecated inline versioning block", () => {
            assert.deepEqual(runStack(s3Bucket, [res(BUCKET, "b", { versioning: { enabled: true } })]), []);
            assert.match(runStack(s3Bucket, [res(BUCKET, "b", { versioning: { enabled: false } })])[0].message, /versioning\.enabled is false/);
        });
        it("reports an unknown status as unknown", () => {
            const bucket = res(BUCKET, "b");
            const v = res("aws:s3/bucketVersioning:BucketVersioning", "v", { versioningConfiguration: { status: UNKNOWN } }, { deps: { bucket: [bucket] } });
            assert.equal(runStack(s3Bucket, [bucket, v])[0].unknown, true);
        });
    });

    describe("aws-backup-versioning-redshift-cluster", () => {
        const TYPE = "aws:redshift/cluster:Cluster";
        it("passes the default and 35 days, reports 0", () => {
            assert.deepEqual(run(redshiftCluster, res(TYPE, "w", {})), []);
            assert.deepEqual(run(redshiftCluster, res(TYPE, "w", { automatedSnapshotRetentionPeriod: "35" })), []);
            assert.match(run(redshiftCluster, res(TYPE, "w", { automatedSnapshotRetentionPeriod: 0 }))[0].message, /automatedSnapshotRetentionPeriod is 0/);
        });
    });

    describe("aws-backup-versioning-s3-replication", () => {
        const TYPE = "aws:s3/bucketReplicationConfig:BucketReplicationConfig";
        const rule = { status: "Enabled", sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
            destination: { bucket: "arn:aws:s3:::replica", encryptionConfiguration: { replicaKmsKeyId: KEY_ARN } } };
        it("passes an enabled rule that replicates SSE-KMS objects with a CMK", () => assert.deepEqual(run(s3Replication, res(TYPE, "r", { rules: [rule] })), []));
        it("reports a rule that leaves SSE-KMS objects behind", () => {
            const [f] = run(s3Replication, res(TYPE, "r", { rules: [{ ...rule, sourceSelectionCriteria: undefined }] }));
            assert.match(f.message, /rules\[0\]\.sourceSelectionCriteria\.sseKmsEncryptedObjects\.status is unset/);
        });
    });
    it("judges versioning suspended on a bucket outside the stack (issue 14)", () => {
        const findings = runStack(s3Bucket, [res("aws:s3/bucketVersioning:BucketVersioning", "suspend", { bucket: "existing-phi", versioningConfiguration: { status: "Suspended" } }),
            res("aws:s3/bucketVersioningV2:BucketVersioningV2", "on", { bucket: "arn:aws:s3:::other", versioningConfiguration: { status: "Enabled" } })]);
        assert.deepEqual(findings.map(f => f.name), ["suspend"]);
        assert.match(findings[0].message, /"Suspended".*not an aws\.s3\.Bucket of this stack/);
    });
});
