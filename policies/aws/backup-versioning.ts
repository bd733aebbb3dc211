// BACKUP-VERSIONING on AWS: object versions, warehouse snapshots, encrypted replicas
// (shared/CONTROLS.md 1b).
import { terraformReads, toNumber } from "../lib/inputs";
import { expect, PolicyResource, resourceRule, Rule, stackRule, Violation } from "../lib/rule";
import { asArray, isUnknown } from "../lib/values";
import { BucketIndex, onBucket, onOutsideBucket } from "./support/buckets";
import { isCustomerManagedKey, wantedCmk } from "./support/kms";
import { CFN_S3_BUCKET, judgeDesiredState } from "./support/cloudcontrol";
import { T, rdsDatabaseTypes } from "./support/tokens";

const cloud = "aws" as const;
const controls = ["BACKUP-VERSIONING" as const];

const versioningOf = (v: PolicyResource) => expect(v.props, "versioningConfiguration.status", s => s === "Enabled", "\"Enabled\"");

function bucketVersioning(bucket: PolicyResource, buckets: BucketIndex): Violation[] {
    const configs = buckets.attached(bucket, T.s3Versioning);
    const inline = bucket.props.versioning;
    const out = configs.flatMap(v => onBucket(bucket, v, versioningOf(v)));
    if (inline !== undefined && inline !== null) {
        // The deprecated inline block (G2) counts when no standalone resource says otherwise.
        if (!configs.length) out.push(...expect(bucket.props, "versioning.enabled", terraformReads.on, "true", bucket));
        return out;
    }
    if (!configs.length) {
        out.push({ property: "versioning", found: undefined, wanted: "an aws.s3.BucketVersioning with status \"Enabled\"", resource: bucket,
            note: "No aws:s3/bucketVersioning refers to this bucket." });
    }
    return out;
}

export const s3Bucket = stackRule({
    name: "aws-backup-versioning-s3-bucket", cloud, controls, severity: "high",
    judges: [T.s3Bucket],
    reads: { bucket: [T.s3Versioning] },
    description: "Every S3 bucket keeps object versions, so an overwritten or deleted PHI object can be recovered.",
    remediation: "Add an aws.s3.BucketVersioning for the bucket with versioningConfiguration.status \"Enabled\".",
    check: stack => {
        const buckets = BucketIndex.of(stack);
        // Versioning the program sets (or suspends) on a bucket that is not an aws.s3.Bucket of this stack: judged on its own.
        return [...buckets.buckets.flatMap(b => bucketVersioning(b, buckets)), ...buckets.unattached(T.s3Versioning).flatMap(v => onOutsideBucket(v, versioningOf(v)))];
    },
});

export const cloudControlS3Bucket = resourceRule({
    name: "aws-backup-versioning-cloudcontrol-s3-bucket", cloud, controls, severity: "high", types: [T.cloudcontrolResource],
    description: "An S3 bucket declared through CloudControl (AWS::S3::Bucket) keeps object versions.",
    remediation: "In desiredState set VersioningConfiguration {Status: \"Enabled\"}.",
    check: judgeDesiredState(CFN_S3_BUCKET, "VersioningConfiguration.Status \"Enabled\"", props => {
        return expect(props, "desiredState.VersioningConfiguration.Status", s => s === "Enabled", "\"Enabled\"");
    }),
});

export const redshiftCluster = resourceRule({
    name: "aws-backup-versioning-redshift-cluster", cloud, controls, severity: "high", types: [T.redshiftCluster],
    description: "A Redshift cluster keeps automated snapshots (retention of at least one day; 0 turns them off).",
    remediation: "Set automatedSnapshotRetentionPeriod to 1 or more (e.g. 35) or leave it unset (1).",
    check: r => expect(r.props, "automatedSnapshotRetentionPeriod", v => v === undefined || toNumber(v) >= 1, "at least 1 (unset = 1)"),
});

export const rdsDatabase = resourceRule({
    name: "aws-backup-versioning-rds-database", cloud, controls, severity: "high", types: rdsDatabaseTypes,
    description: "An RDS instance or Aurora cluster keeps automated backups for at least 7 days (Security Hub RDS.11), set in the program (the API's default is 1 day; 0 turns backups off).",
    remediation: "Set backupRetentionPeriod to 7 or more (up to 35).",
    check: r => expect(r.props, "backupRetentionPeriod", v => toNumber(v) >= 7, "at least 7 (days)"),
});

export const s3Replication = resourceRule({
    name: "aws-backup-versioning-s3-replication", cloud, controls, severity: "medium", types: [T.s3Replication],
    description: "A bucket replication rule is enabled, replicates SSE-KMS objects (the PHI buckets' objects) and encrypts the replicas with a customer-managed key.",
    remediation: "Per rule set status \"Enabled\", sourceSelectionCriteria.sseKmsEncryptedObjects.status \"Enabled\" and destination.encryptionConfiguration.replicaKmsKeyId.",
    check: r => {
        const rules = r.props.rules;
        if (isUnknown(rules)) return [{ property: "rules", found: rules, wanted: "enabled replication rules" }];
        return asArray(rules as unknown[]).flatMap((_, i) => [
            ...expect(r.props, `rules[${i}].status`, s => s === "Enabled", "\"Enabled\""),
            ...expect(r.props, `rules[${i}].sourceSelectionCriteria.sseKmsEncryptedObjects.status`, s => s === "Enabled", "\"Enabled\" (else SSE-KMS objects are not replicated)"),
            ...expect(r.props, `rules[${i}].destination.encryptionConfiguration.replicaKmsKeyId`, isCustomerManagedKey, wantedCmk),
        ]);
    },
});

export const dynamodbTable = resourceRule({
    name: "aws-backup-versioning-dynamodb-table", cloud, controls, severity: "high", types: [T.dynamodbTable],
    description: "A DynamoDB table has point-in-time recovery on, so it can be restored to any second of the recovery period (Config dynamodb-pitr-enabled).",
    remediation: "Set pointInTimeRecovery {enabled: true} (recoveryPeriodInDays up to 35).",
    check: r => expect(r.props, "pointInTimeRecovery.enabled", terraformReads.on, "true"),
});

/** Redis OSS / Valkey keep snapshots only when snapshotRetentionLimit is at least 1 (0, the default, keeps none; Security Hub ElastiCache.1). */
export const elasticache = resourceRule({
    name: "aws-backup-versioning-elasticache", cloud, controls, severity: "medium", types: [T.elasticacheReplicationGroup, T.elasticacheServerless],
    description: "An ElastiCache replication group or serverless cache keeps automatic snapshots (snapshotRetentionLimit at least 1 day).",
    remediation: "Set snapshotRetentionLimit to 1 or more (e.g. 7).",
    check: r => expect(r.props, "snapshotRetentionLimit", v => toNumber(v) >= 1, "at least 1 (days; unset or 0 keeps no snapshot)"),
});

export const rules: Rule[] = [dynamodbTable, elasticache, s3Bucket, cloudControlS3Bucket, redshiftCluster, rdsDatabase, s3Replication];
