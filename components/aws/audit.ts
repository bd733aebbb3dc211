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
import { awsAccount } from "./keys";
import { Storage } from "./storage";
import { cloudWatchRetentionValues, defaultAuditRetentionDays } from "../../facts/retention";
import { assertArgs, auditDaysProblem, checkedRenamedArg } from "../problems";
import { KeyArg, keyArg } from "./existing";
import { accessLogDeliveryStatement, auditPlan, trailArnOf, trailBucketStatements, trailLogsPolicy, trailRoleTrust } from "./audit-plan";

export interface AuditArgs extends CommonArgs, KeyArg {
    /** The customer-managed KMS key of the trail, its buckets and its log group (ENC-REST-CMK). */
    key?: pulumi.Input<string>;
    /** Days audit logs are kept, as on the other clouds; default 2192 (must be a CloudWatch retention value of six years or more, or 0). */
    auditDays?: number;
    /** @deprecated use auditDays */
    retentionDays?: number;
    /** Record HealthImaging data events too; default false. */
    imaging?: boolean;
}

// Six calendar years, a value CloudWatch Logs accepts (RETENTION; CONTROLS.md G8), and the values it
// accepts, which the RETENTION policy judges by too (facts/retention.ts).
export { cloudWatchRetentionValues, defaultAuditRetentionDays };

/**
 * Why `days` cannot be the retention of a log group holding audit data (argument `argName`), or
 * undefined when it can: a CloudWatch retention value of at least six years, or 0 (never expire).
 */
export function auditRetentionProblem(argName: string, days: unknown): string | undefined {
    return auditDaysProblem(argName, days, { values: cloudWatchRetentionValues, forever: 0 });
}

/**
 * The days audit data is kept — argument `auditDays`, or its deprecated name `deprecated` — and the
 * problems of that argument. Audit, Network (flow logs) and Warehouse (its audit logs) keep them alike.
 */
export function auditDaysArg(args: object, deprecated: string): { days: number; problems: (string | undefined)[] } {
    const arg = checkedRenamedArg(args, "auditDays", deprecated, auditRetentionProblem, defaultAuditRetentionDays);
    return { days: arg.value, problems: arg.problems };
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

/** Every problem with the arguments, naming the argument; [] when they hold. */
export function auditProblems(args: AuditArgs): string[] {
    return [...auditDaysArg(args, "retentionDays").problems, ...keyArg(args).problems]
        .filter((p): p is string => p !== undefined);
}

export class Audit extends pulumi.ComponentResource {
    public readonly trailArn: pulumi.Output<string>;
    public readonly logGroupName: pulumi.Output<string>;
    /** Bucket receiving S3 server access logs of every PHI bucket. */
    public readonly accessLogBucketName: pulumi.Output<string>;

    constructor(name: string, args: AuditArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hipaa-cloud:aws:Audit", name, {}, opts);
        assertArgs("Audit", name, args, auditProblems(args));
        const key = keyArg(args).key;
        const plan = auditPlan(args.tenant, auditDaysArg(args, "retentionDays").days);
        const common: CommonArgs = { tenant: args.tenant, environment: args.environment, tags: args.tags };
        const tags = baseTags(args);

        const { accountId, partition } = awsAccount(this);
        const region = getRegionOutput({}, { parent: this }).region;
        const trailArn = pulumi.all([partition, region, accountId]).apply(([p, r, a]) => trailArnOf(p, r, a, plan.trailName));

        const accessLogs = new Storage(`${name}-access-logs`, {
            ...common,
            purpose: "access-logs",
            key,
            isAccessLogTarget: true,
            noncurrentVersionDays: plan.bucketDays,
            extraPolicyStatements: bucketArn => [pulumi.all([bucketArn, accountId]).apply(([b, a]) => accessLogDeliveryStatement(b, a))],
        }, { parent: this });

        const trailBucket = new Storage(`${name}-trail`, {
            ...common,
            purpose: "audit-trail",
            key,
            accessLogBucket: accessLogs.bucketName,
            noncurrentVersionDays: plan.bucketDays,
            objectLockDays: plan.bucketDays, // LOG-INTEGRITY: no one can delete or overwrite a log file during retention
            extraPolicyStatements: bucketArn => {
                const statements = pulumi.all([bucketArn, accountId, trailArn]).apply(([b, a, t]) => trailBucketStatements(b, a, t));
                return [statements[0], statements[1]];
            },
        }, { parent: this });

        // RETENTION, ENC-REST-CMK, DELETION-PROTECTION: the searchable copy of the trail.
        const logGroup = new cloudwatch.LogGroup(`${name}-trail`, {
            name: plan.logGroupName,
            kmsKeyId: key,
            retentionInDays: plan.retentionDays,
            // Set either way: once true, only an explicit false turns it off (CONTROLS.md G8).
            deletionProtectionEnabled: isProtected(args.environment),
            tags,
        }, statefulOptions(this, args.environment));

        const role = new iam.Role(`${name}-trail-to-logs`, {
            description: `${args.tenant}: lets the CloudTrail trail ${plan.trailName} write to its CloudWatch Logs group`,
            assumeRolePolicy: trailArn.apply(t => JSON.stringify(trailRoleTrust(t))),
            tags,
        }, { parent: this });
        // LEAST-PRIVILEGE: a managed policy (no inline policy), two actions, one log group.
        const policy = new iam.Policy(`${name}-trail-to-logs`, {
            description: `${args.tenant}: write CloudTrail events to ${plan.trailName}'s log group`,
            policy: logGroup.arn.apply(arn => JSON.stringify(trailLogsPolicy(arn))),
            tags,
        }, { parent: this });
        const attachment = new iam.RolePolicyAttachment(`${name}-trail-to-logs`, {
            role: role.name,
            policyArn: policy.arn,
        }, { parent: this });

        const trail = new cloudtrail.Trail(`${name}-trail`, {
            name: plan.trailName,
            s3BucketName: trailBucket.bucketName,
            kmsKeyId: key, // ENC-REST-CMK
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
