// Audit: who did what to the tenant's PHI (AUDIT-LOG). A multi-region CloudTrail trail records
// management events and S3 (and, when asked, HealthImaging) data events, validated by digest files
// (LOG-INTEGRITY), into an Object-Lock'ed, KMS-encrypted bucket and a KMS-encrypted CloudWatch Logs
// group kept for six years (RETENTION). It also owns the bucket that receives every PHI bucket's
// S3 server access logs.
import * as pulumi from "@pulumi/pulumi";
import * as cloudtrail from "@pulumi/aws/cloudtrail";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as iam from "@pulumi/aws/iam";
import { getRegionOutput } from "@pulumi/aws/getRegion";
import { baseTags, CommonArgs, isProtected, statefulOptions } from "../naming";
import { auditTrailName, awsAccount } from "./keys";
import { EncryptedBucket, minimumLogRetentionDays } from "./storage";
import { cloudWatchRetentionValues, defaultAuditRetentionDays } from "../../facts/retention";

export interface AuditArgs extends CommonArgs {
    kmsKeyArn: pulumi.Input<string>;
    /** Days audit logs are kept; default 2192 (must be a CloudWatch retention value). */
    retentionDays?: number;
    /** Record HealthImaging data events too; default false. */
    imaging?: boolean;
}

/** Six calendar years, as CloudWatch Logs can express it (RETENTION; CONTROLS.md G8), and the values it accepts: the list the RETENTION policy judges by. */
export { cloudWatchRetentionValues, defaultAuditRetentionDays };

/**
 * Why `days` cannot be the retention of a log group holding audit data (argument `argName`), or
 * undefined when it can: a CloudWatch retention value of at least six years, or 0 (never expire).
 */
export function auditRetentionProblem(argName: string, days: number): string | undefined {
    const allowed = cloudWatchRetentionValues.filter(d => d === 0 || d >= minimumLogRetentionDays);
    if (!allowed.includes(days)) return `'${argName}' must be one of ${allowed.join(", ")} (CloudWatch Logs values of six years or more; 0 keeps logs forever); got ${days}.`;
    return undefined;
}

/**
 * The advanced event selectors of the trail: management events, and data events with one resource
 * type per selector (CONTROLS.md §5). S3 object events cover every bucket of the account, the trail's
 * own bucket included: who read the audit logs is itself audit data, and CloudTrail's own deliveries
 * add one event per log file to the next delivery rather than a loop that grows.
 */
export function auditEventSelectors(imaging: boolean): cloudtrail.TrailArgs["advancedEventSelectors"] {
    const dataEvents = (name: string, resourceType: string) => ({
        name,
        fieldSelectors: [
            { field: "eventCategory", equals: ["Data"] },
            { field: "resources.type", equals: [resourceType] },
        ],
    });
    return [
        { name: "Management events", fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }] },
        dataEvents("S3 object data events", "AWS::S3::Object"),
        ...(imaging ? [
            dataEvents("HealthImaging datastore data events", "AWS::MedicalImaging::Datastore"),
            dataEvents("HealthImaging image set data events", "AWS::MedicalImaging::Imageset"),
        ] : []),
    ];
}

export class Audit extends pulumi.ComponentResource {
    public readonly trailArn: pulumi.Output<string>;
    public readonly logGroupName: pulumi.Output<string>;
    /** Bucket receiving S3 server access logs of every PHI bucket. */
    public readonly accessLogBucketName: pulumi.Output<string>;

    constructor(name: string, args: AuditArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hipaa-cloud:aws:Audit", name, {}, opts);
        const retentionDays = args.retentionDays ?? defaultAuditRetentionDays;
        const problem = auditRetentionProblem("retentionDays", retentionDays);
        if (problem) throw new Error(`Audit "${name}": ${problem}`);
        const common: CommonArgs = { tenant: args.tenant, environment: args.environment, tags: args.tags };
        const tags = baseTags(args);
        // Log buckets keep every version for the retention period, and never less than six years
        // (0, "never expire" in CloudWatch terms, becomes the six-year floor for Object Lock).
        const bucketDays = Math.max(retentionDays, minimumLogRetentionDays);

        const { accountId, partition } = awsAccount(this);
        const region = getRegionOutput({}, { parent: this }).region;
        const trailName = auditTrailName(args.tenant);
        // The trail's ARN is fixed by its name; the bucket policy and the role trust need it before the trail exists.
        const trailArn = pulumi.interpolate`arn:${partition}:cloudtrail:${region}:${accountId}:trail/${trailName}`;

        const accessLogs = new EncryptedBucket(`${name}-access-logs`, {
            ...common,
            purpose: "access-logs",
            kmsKeyArn: args.kmsKeyArn,
            isAccessLogTarget: true,
            noncurrentVersionDays: bucketDays,
            extraPolicyStatements: bucketArn => [{
                // S3 log delivery writes this account's server access logs. ACLs are off (BucketOwnerEnforced),
                // so the bucket policy is the only grant (Amazon S3 User Guide, "Permissions for log delivery").
                Sid: "AllowS3ServerAccessLogDelivery",
                Effect: "Allow",
                Principal: { Service: "logging.s3.amazonaws.com" },
                Action: "s3:PutObject",
                Resource: pulumi.interpolate`${bucketArn}/*`,
                Condition: { StringEquals: { "aws:SourceAccount": accountId } },
            }],
        }, { parent: this });

        const trailBucket = new EncryptedBucket(`${name}-trail`, {
            ...common,
            purpose: "audit-trail",
            kmsKeyArn: args.kmsKeyArn,
            accessLogBucket: accessLogs.bucketName,
            noncurrentVersionDays: bucketDays,
            objectLockDays: bucketDays, // LOG-INTEGRITY: no one can delete or overwrite a log file during retention
            // What CloudTrail needs, only for this tenant's trail (CloudTrail User Guide, "Amazon S3 bucket policy for CloudTrail").
            extraPolicyStatements: bucketArn => [
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
                    Resource: pulumi.interpolate`${bucketArn}/AWSLogs/${accountId}/*`,
                    Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": trailArn } },
                },
            ],
        }, { parent: this });

        // RETENTION, ENC-REST-CMK, DELETION-PROTECTION: the searchable copy of the trail.
        const logGroup = new cloudwatch.LogGroup(`${name}-trail`, {
            name: `/hipaa-cloud/${args.tenant}/cloudtrail`,
            kmsKeyId: args.kmsKeyArn,
            retentionInDays: retentionDays,
            // Set either way: once true, only an explicit false turns it off (CONTROLS.md G8).
            deletionProtectionEnabled: isProtected(args.environment),
            tags,
        }, statefulOptions(this, args.environment));

        const role = new iam.Role(`${name}-trail-to-logs`, {
            description: `${args.tenant}: lets the CloudTrail trail ${trailName} write to its CloudWatch Logs group`,
            assumeRolePolicy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [{
                    Effect: "Allow",
                    Principal: { Service: "cloudtrail.amazonaws.com" },
                    Action: "sts:AssumeRole",
                    Condition: { StringEquals: { "aws:SourceArn": trailArn } }, // only this trail may assume it
                }],
            }),
            tags,
        }, { parent: this });
        // LEAST-PRIVILEGE: a managed policy (no inline policy), two actions, one log group.
        const policy = new iam.Policy(`${name}-trail-to-logs`, {
            description: `${args.tenant}: write CloudTrail events to ${trailName}'s log group`,
            policy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [{
                    Effect: "Allow",
                    Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                    Resource: pulumi.interpolate`${logGroup.arn}:log-stream:*`,
                }],
            }),
            tags,
        }, { parent: this });
        const attachment = new iam.RolePolicyAttachment(`${name}-trail-to-logs`, {
            role: role.name,
            policyArn: policy.arn,
        }, { parent: this });

        const trail = new cloudtrail.Trail(`${name}-trail`, {
            name: trailName,
            s3BucketName: trailBucket.bucketName,
            kmsKeyId: args.kmsKeyArn, // ENC-REST-CMK
            isMultiRegionTrail: true, // AUDIT-LOG: activity in every region, not just the hospital's
            includeGlobalServiceEvents: true, // IAM, STS and other global services
            enableLogFileValidation: true, // LOG-INTEGRITY: signed digest files prove logs were not altered
            enableLogging: true,
            // CloudTrail wants the log-stream wildcard on the group ARN.
            cloudWatchLogsGroupArn: pulumi.interpolate`${logGroup.arn}:*`,
            cloudWatchLogsRoleArn: role.arn,
            advancedEventSelectors: auditEventSelectors(args.imaging ?? false),
            tags,
            // CloudTrail checks the bucket policy and the role when the trail is created.
        }, statefulOptions(this, args.environment, { dependsOn: [trailBucket, attachment] }));

        this.trailArn = trail.arn;
        this.logGroupName = logGroup.name;
        this.accessLogBucketName = accessLogs.bucketName;
        this.registerOutputs({ trailArn: this.trailArn, logGroupName: this.logGroupName, accessLogBucketName: this.accessLogBucketName });
    }
}
