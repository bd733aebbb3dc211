// The plan of the AWS Audit component: its retention periods, the trail's name, and the policy documents
// that let CloudTrail and S3 log delivery write — and nothing else. Pure (no resource is registered; ARNs
// and the account come in as plain strings), so the rules are tested without the mock runtime, and the
// constructor (audit.ts) only wires the plan into resources.
import { auditRetentionFloorDays } from "../../facts/retention";
import { auditTrailName } from "./keys";

export interface AuditPlan {
    /** Days the CloudWatch Logs copy of the trail is kept (0: never expires). */
    retentionDays: number;
    /**
     * Days the log buckets keep every version and lock the trail's files: the retention period, and never
     * less than six years (0, "never expire" in CloudWatch terms, becomes the six-year floor for Object Lock).
     */
    bucketDays: number;
    trailName: string;
    logGroupName: string;
}

/** The plan of an Audit of `tenant` keeping its logs `retentionDays` (validated, auditProblems). */
export function auditPlan(tenant: string, retentionDays: number): AuditPlan {
    return {
        retentionDays,
        bucketDays: Math.max(retentionDays, auditRetentionFloorDays),
        trailName: auditTrailName(tenant),
        logGroupName: `/hipaa-cloud/${tenant}/cloudtrail`,
    };
}

/** The trail's ARN, fixed by its name: the bucket policy and the role trust need it before the trail exists. */
export function trailArnOf(partition: string, region: string, accountId: string, trailName: string): string {
    return `arn:${partition}:cloudtrail:${region}:${accountId}:trail/${trailName}`;
}

/**
 * S3 log delivery writes this account's server access logs into the access-log bucket. ACLs are off
 * (BucketOwnerEnforced), so the bucket policy is the only grant (Amazon S3 User Guide, "Permissions for log delivery").
 */
export function accessLogDeliveryStatement(bucketArn: string, accountId: string): object {
    return {
        Sid: "AllowS3ServerAccessLogDelivery",
        Effect: "Allow",
        Principal: { Service: "logging.s3.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: `${bucketArn}/*`,
        Condition: { StringEquals: { "aws:SourceAccount": accountId } },
    };
}

/**
 * What CloudTrail needs on the trail bucket, only for this tenant's trail (CloudTrail User Guide, "Amazon S3
 * bucket policy for CloudTrail"): check the bucket's ACL, and write under AWSLogs/<account>/, owner-enforced.
 */
export function trailBucketStatements(bucketArn: string, accountId: string, trailArn: string): [object, object] {
    return [
        {
            Sid: "AllowCloudTrailAclCheck",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "s3:GetBucketAcl",
            Resource: bucketArn,
            Condition: { StringEquals: { "aws:SourceArn": trailArn } },
        },
        {
            Sid: "AllowCloudTrailWrite",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "s3:PutObject",
            Resource: `${bucketArn}/AWSLogs/${accountId}/*`,
            Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": trailArn } },
        },
    ];
}

/** The trust of the role the trail writes to CloudWatch Logs with: only this trail may assume it. */
export function trailRoleTrust(trailArn: string): object {
    return {
        Version: "2012-10-17",
        Statement: [{
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "sts:AssumeRole",
            Condition: { StringEquals: { "aws:SourceArn": trailArn } },
        }],
    };
}

/** LEAST-PRIVILEGE: the role may create streams in and write to the one log group, nothing else. */
export function trailLogsPolicy(logGroupArn: string): object {
    return {
        Version: "2012-10-17",
        Statement: [{
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resource: `${logGroupArn}:log-stream:*`,
        }],
    };
}
