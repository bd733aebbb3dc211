import assert from "node:assert/strict";
import { redshiftCluster, s3Bucket, s3Replication } from "../../../policies/aws/backup-versioning";
import { UNKNOWN } from "../../../policies/lib/values";
import { findingsOf, resource } from "../../support/policies";
import { KEY_ARN } from "./baselines";

const BUCKET = "aws:s3/bucket:Bucket";

describe("aws BACKUP-VERSIONING", () => {
    describe("aws-backup-versioning-s3-bucket (stack)", () => {
        it("passes a bucket with versioning enabled (V2 token too)", () => {
            const bucket = resource(BUCKET, {}, { name: "b" });
            const v = resource("aws:s3/bucketVersioningV2:BucketVersioningV2", { versioningConfiguration: { status: "Enabled" } }, { name: "v", deps: { bucket: [bucket] } });
            assert.deepEqual(findingsOf(s3Bucket, [bucket, v]), []);
        });
        it("reports a bucket without versioning and one with versioning suspended, on the bucket", () => {
            const bucket = resource(BUCKET, {}, { name: "b" });
            const [missing] = findingsOf(s3Bucket, [bucket]);
            assert.deepEqual(missing.controls, ["BACKUP-VERSIONING"]);
            assert.match(missing.message, /versioning is unset.*No aws:s3\/bucketVersioning/);
            const v = resource("aws:s3/bucketVersioning:BucketVersioning", { versioningConfiguration: { status: "Suspended" } }, { name: "v", deps: { bucket: [bucket] } });
            const [f] = findingsOf(s3Bucket, [bucket, v]);
            assert.equal(f.urn, bucket.urn);
            assert.match(f.message, /versioningConfiguration\.status is "Suspended"/);
        });
        it("judges the deprecated inline versioning block", () => {
            assert.deepEqual(findingsOf(s3Bucket, [resource(BUCKET, { versioning: { enabled: true } }, { name: "b" })]), []);
            assert.match(findingsOf(s3Bucket, [resource(BUCKET, { versioning: { enabled: false } }, { name: "b" })])[0].message, /versioning\.enabled is false/);
        });
        it("reports an unknown status as unknown", () => {
            const bucket = resource(BUCKET, {}, { name: "b" });
            const v = resource("aws:s3/bucketVersioning:BucketVersioning", { versioningConfiguration: { status: UNKNOWN } }, { name: "v", deps: { bucket: [bucket] } });
            assert.equal(findingsOf(s3Bucket, [bucket, v])[0].unknown, true);
        });
    });

    describe("aws-backup-versioning-redshift-cluster", () => {
        const TYPE = "aws:redshift/cluster:Cluster";
        it("passes the default and 35 days, reports 0", () => {
            assert.deepEqual(findingsOf(redshiftCluster, resource(TYPE, {}, { name: "w" })), []);
            assert.deepEqual(findingsOf(redshiftCluster, resource(TYPE, { automatedSnapshotRetentionPeriod: "35" }, { name: "w" })), []);
            assert.match(findingsOf(redshiftCluster, resource(TYPE, { automatedSnapshotRetentionPeriod: 0 }, { name: "w" }))[0].message, /automatedSnapshotRetentionPeriod is 0/);
        });
    });

    describe("aws-backup-versioning-s3-replication", () => {
        const TYPE = "aws:s3/bucketReplicationConfig:BucketReplicationConfig";
        const rule = { status: "Enabled", sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
            destination: { bucket: "arn:aws:s3:::replica", encryptionConfiguration: { replicaKmsKeyId: KEY_ARN } } };
        it("passes an enabled rule that replicates SSE-KMS objects with a CMK", () => assert.deepEqual(findingsOf(s3Replication, resource(TYPE, { rules: [rule] }, { name: "r" })), []));
        it("reports a rule that leaves SSE-KMS objects behind", () => {
            const [f] = findingsOf(s3Replication, resource(TYPE, { rules: [{ ...rule, sourceSelectionCriteria: undefined }] }, { name: "r" }));
            assert.match(f.message, /rules\[0\]\.sourceSelectionCriteria\.sseKmsEncryptedObjects\.status is unset/);
        });
    });
    it("judges versioning suspended on a bucket outside the stack (issue 14)", () => {
        const findings = findingsOf(s3Bucket, [resource("aws:s3/bucketVersioning:BucketVersioning", { bucket: "existing-phi", versioningConfiguration: { status: "Suspended" } }, { name: "suspend" }),
            resource("aws:s3/bucketVersioningV2:BucketVersioningV2", { bucket: "arn:aws:s3:::other", versioningConfiguration: { status: "Enabled" } }, { name: "on" })]);
        assert.deepEqual(findings.map(f => f.name), ["suspend"]);
        assert.match(findings[0].message, /"Suspended".*not an aws\.s3\.Bucket of this stack/);
    });
});
