// DELETION-PROTECTION on AWS: data, keys and logs survive a stray `pulumi destroy` or API call
// (shared/CONTROLS.md 1b): the cloud's own protection, and Pulumi's `protect` on stateful resources.
// In a stack whose pack config says environment "staging" or "dev" nothing is judged: the components
// protect only prod (components/naming.ts). Never from a resource's `environment` tag (lib/environment.ts).
import { isText, terraformReads, toNumber } from "../lib/inputs";
import { awsStatefulTypes } from "../../facts/stateful-types";
import type { PackConfig } from "../lib/config";
import { nonProductionEnvironment, nonProductionReason } from "../lib/environment";
import { expect, notApplicable, notOfKind, PolicyResource, resourceRule, Rule, Verdict } from "../lib/rule";
import { isHealthImaging } from "./support/healthimaging";
import { CFN_KMS_KEY, CFN_S3_BUCKET, isCloudControlType, judgeDesiredState } from "./support/cloudcontrol";

import { T, kmsKeyTypes, rdsDatabaseTypes } from "./support/tokens";

const cloud = "aws" as const;
const controls = ["DELETION-PROTECTION" as const];

/** Production stacks only: in a stack the pack config calls non-production, not applicable. */
function inProduction(check: (r: PolicyResource) => Verdict): (r: PolicyResource, config: PackConfig) => Verdict {
    return (r, config) => {
        const env = nonProductionEnvironment(config);
        return env ? notApplicable(nonProductionReason(env)) : check(r);
    };
}

/** A warehouse or database takes a named final snapshot when deleted (Redshift and RDS name the inputs alike). */
const finalSnapshot = (r: PolicyResource) => [
    ...expect(r.props, "skipFinalSnapshot", terraformReads.offOrUnset, "false or unset"),
    ...expect(r.props, "finalSnapshotIdentifier", isText, "a snapshot name"),
];

export const kmsKey = resourceRule({
    name: "aws-deletion-protection-kms-key", cloud, controls, severity: "high", types: kmsKeyTypes,
    description: "A KMS key waits the longest window, 30 days, before deletion, so a scheduled deletion can be cancelled (Config kms-cmk-not-scheduled-for-deletion).",
    remediation: "Set deletionWindowInDays to 30 (the default).",
    check: inProduction(r => expect(r.props, "deletionWindowInDays", v => v === undefined || toNumber(v) === 30, "30 (or unset)")),
});

export const cloudControlKmsKey = resourceRule({
    name: "aws-deletion-protection-cloudcontrol-kms-key", cloud, controls, severity: "high", types: [T.cloudcontrolResource],
    description: "A KMS key declared through CloudControl (AWS::KMS::Key) waits the longest window, 30 days, before deletion.",
    remediation: "In desiredState set PendingWindowInDays to 30 (the default) or leave it unset.",
    check: inProduction(judgeDesiredState(CFN_KMS_KEY, "PendingWindowInDays 30 (or unset)", props => {
        return expect(props, "desiredState.PendingWindowInDays", v => v === undefined || toNumber(v) === 30, "30 (or unset)");
    })),
});

export const s3Bucket = resourceRule({
    name: "aws-deletion-protection-s3-bucket", cloud, controls, severity: "high", types: [T.s3Bucket],
    description: "An S3 bucket cannot be destroyed together with its objects.",
    remediation: "Leave forceDestroy false (the default).",
    check: inProduction(r => expect(r.props, "forceDestroy", terraformReads.offOrUnset, "false or unset")),
});

export const redshiftCluster = resourceRule({
    name: "aws-deletion-protection-redshift-cluster", cloud, controls, severity: "high", types: [T.redshiftCluster],
    description: "Deleting a Redshift cluster takes a final snapshot first.",
    remediation: "Leave skipFinalSnapshot false and set finalSnapshotIdentifier.",
    check: inProduction(finalSnapshot),
});

export const rdsDatabase = resourceRule({
    name: "aws-deletion-protection-rds-database", cloud, controls, severity: "high", types: rdsDatabaseTypes,
    description: "An RDS instance or Aurora cluster has deletion protection on and takes a final snapshot when deleted.",
    remediation: "Set deletionProtection true, leave skipFinalSnapshot false and set finalSnapshotIdentifier.",
    check: inProduction(r => [...expect(r.props, "deletionProtection", terraformReads.on, "true"), ...finalSnapshot(r)]),
});

export const logGroup = resourceRule({
    name: "aws-deletion-protection-log-group", cloud, controls, severity: "medium", types: [T.logGroup],
    description: "A CloudWatch log group has deletion protection on (G8: once on, it must be turned off explicitly).",
    remediation: "Set deletionProtectionEnabled to true.",
    check: inProduction(r => expect(r.props, "deletionProtectionEnabled", terraformReads.on, "true")),
});

export const emrCluster = resourceRule({
    name: "aws-deletion-protection-emr-cluster", cloud, controls, severity: "medium", types: [T.emrCluster],
    description: "A long-lived EMR cluster has termination protection on.",
    remediation: "Set terminationProtection to true (or exempt a transient cluster with a reason).",
    check: inProduction(r => expect(r.props, "terminationProtection", terraformReads.on, "true")),
});

export const backupVault = resourceRule({
    name: "aws-deletion-protection-backup-vault", cloud, controls, severity: "high", types: [T.backupVault],
    description: "An AWS Backup vault cannot be destroyed together with its recovery points.",
    remediation: "Leave forceDestroy false (the default).",
    check: inProduction(r => expect(r.props, "forceDestroy", terraformReads.offOrUnset, "false or unset")),
});

export const dynamodbTable = resourceRule({
    name: "aws-deletion-protection-dynamodb-table", cloud, controls, severity: "high", types: [T.dynamodbTable],
    description: "A DynamoDB table has deletion protection on, so no API call or `pulumi destroy` deletes it until it is turned off.",
    remediation: "Set deletionProtectionEnabled to true.",
    check: inProduction(r => expect(r.props, "deletionProtectionEnabled", terraformReads.on, "true")),
});

/** recoveryWindowInDays 0 deletes a secret at once, with no window to restore it; 7 to 30 (30 by default) keeps it restorable. */
export const secret = resourceRule({
    name: "aws-deletion-protection-secret", cloud, controls, severity: "medium", types: [T.secret],
    description: "A Secrets Manager secret is deleted only after a recovery window (7 to 30 days), never at once.",
    remediation: "Leave recoveryWindowInDays unset (30) or set 7 to 30; never 0.",
    check: inProduction(r => expect(r.props, "recoveryWindowInDays", v => v === undefined || v === null || (toNumber(v) >= 7 && toNumber(v) <= 30), "7 to 30 (or unset, 30)")),
});

export const protect = resourceRule({
    name: "aws-deletion-protection-protect", cloud, controls, severity: "high", types: awsStatefulTypes,
    description: "A stateful resource (key, bucket, warehouse, database, DynamoDB table, EFS file system, EBS volume, imaging store, log group, backup vault) carries Pulumi's protect option, so `pulumi destroy` refuses to delete it.",
    remediation: "Pass { protect: true } in the resource options.",
    check: inProduction(r => {
        if (T.cloudcontrolResource.includes(r.type as never) && !isHealthImaging(r) && !isCloudControlType(r, CFN_S3_BUCKET) && !isCloudControlType(r, CFN_KMS_KEY)) {
            return notOfKind(`only HealthImaging datastores, ${CFN_S3_BUCKET} and ${CFN_KMS_KEY} among CloudControl resources are judged stateful PHI stores`);
        }
        return r.opts.protect === true ? [] : [{ property: "opts.protect", found: r.opts.protect ?? false, wanted: "true" }];
    }),
});

export const rules: Rule[] = [dynamodbTable, secret, kmsKey, cloudControlKmsKey, s3Bucket, redshiftCluster, rdsDatabase, logGroup, emrCluster, backupVault, protect];
