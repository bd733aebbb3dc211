// Storage: an S3 bucket for PHI (or for the logs about PHI) that is secure by default — every
// S3 row of CONTROLS.md 1b holds without any argument. It uses the standalone, un-suffixed S3
// resources of @pulumi/aws 7 (CONTROLS.md G1/G2), never the deprecated inline bucket properties.
import * as pulumi from "@pulumi/pulumi";
import * as s3 from "@pulumi/aws/s3";
import { CommonArgs, statefulOptions } from "../naming";
import { bucketNameProblem, KeyArg, keyArg } from "./existing";
import { assertArgs, auditDaysProblem, wholeNumberProblem } from "../problems";
import { defaultNoncurrentVersionDays, storagePlan } from "./storage-plan";

export interface StorageArgs extends CommonArgs, KeyArg {
    /** What the bucket holds, e.g. "phi", "emr-logs", "imaging-landing"; part of the physical name. */
    purpose: string;
    /** The customer-managed KMS key (ENC-REST-CMK). */
    key?: pulumi.Input<string>;
    /** Name of the bucket receiving this bucket's S3 server access logs (AUDIT-LOG). Required unless isAccessLogTarget. */
    accessLogBucket?: pulumi.Input<string>;
    /** Days non-current object versions are kept; default 2190. */
    noncurrentVersionDays?: number;
    /** Object Lock in COMPLIANCE mode for this many days (LOG-INTEGRITY; for log buckets); default none. */
    objectLockDays?: number;
    /**
     * Extra bucket-policy statements (e.g. allow CloudTrail to write); default none. Also a function of
     * the bucket's ARN, for statements whose `Resource` is this bucket (its name is only known once created).
     */
    extraPolicyStatements?: pulumi.Input<any>[] | ((bucketArn: pulumi.Output<string>) => pulumi.Input<any>[]);
    /**
     * This bucket receives S3 server access logs. S3 delivers server access logs only to SSE-S3 buckets, so
     * it is encrypted with SSE-S3, not the CMK. No tag says so: the ENC-REST-CMK rule finds the bucket
     * receiving other buckets' access logs in the stack and reports it as not applicable, with the reason
     * (policies/aws/enc-rest-cmk.ts), so the weakening cannot be copied onto a PHI bucket. Default false.
     */
    isAccessLogTarget?: boolean;
}

export { defaultNoncurrentVersionDays };
/** S3 Object Lock's largest default retention in days (100 years). */
const maximumObjectLockDays = 36500;

/**
 * Every problem with an StorageArgs, naming the argument, or [] when they hold. Pure, so the
 * rules can be tested without registering resources.
 */
export function storageProblems(args: StorageArgs): string[] {
    const problems: string[] = [];
    if (!/^[a-z0-9][a-z0-9-]*$/.test(args.purpose)) {
        problems.push(`'purpose' must be lower-case letters, digits and '-' (it is part of the bucket name); got "${args.purpose}".`);
    }
    if (!args.isAccessLogTarget && args.accessLogBucket === undefined) {
        problems.push("'accessLogBucket' is required unless 'isAccessLogTarget' is true: every PHI bucket's access is logged (AUDIT-LOG).");
    }
    // An existing key and log destination (a landing zone's own) are checked as given (components/aws/existing.ts).
    problems.push(...[...keyArg(args).problems, args.accessLogBucket === undefined ? undefined : bucketNameProblem("accessLogBucket", args.accessLogBucket)]
        .filter((p): p is string => p !== undefined));
    const isLogBucket = args.isAccessLogTarget || args.objectLockDays !== undefined;
    const noncurrent = args.noncurrentVersionDays === undefined ? defaultNoncurrentVersionDays : args.noncurrentVersionDays;
    // A log bucket keeps audit data: the audit floor holds for its versions too.
    const days = isLogBucket ? auditDaysProblem("noncurrentVersionDays", noncurrent, {}) : wholeNumberProblem("noncurrentVersionDays", noncurrent, 1);
    if (days) problems.push(days);
    if (args.objectLockDays !== undefined) {
        if (!Number.isInteger(args.objectLockDays) || args.objectLockDays < 1 || args.objectLockDays > maximumObjectLockDays) {
            problems.push(`'objectLockDays' must be a whole number from 1 to ${maximumObjectLockDays}; got ${args.objectLockDays}.`);
        }
        if (args.isAccessLogTarget) {
            problems.push("Only one of 'objectLockDays', 'isAccessLogTarget' is allowed: S3 does not deliver server access logs to a bucket with a default Object Lock retention.");
        }
    }
    return problems;
}

export class Storage extends pulumi.ComponentResource {
    public readonly bucket: s3.Bucket;
    public readonly bucketName: pulumi.Output<string>;
    public readonly bucketArn: pulumi.Output<string>;

    constructor(name: string, args: StorageArgs, opts?: pulumi.ComponentResourceOptions) {
        // The old name's type token, so that no URN changes (components/aws/deprecated.ts says why).
        super("hipaa-cloud:aws:EncryptedBucket", name, {}, opts);
        assertArgs("Storage", name, args, storageProblems(args));

        const plan = storagePlan(args);
        // Every resource that guards the bucket is protected with it: a destroy must not strip the
        // encryption, public access block or policy off a bucket that then survives (DELETION-PROTECTION).
        const guarded = (extra: pulumi.CustomResourceOptions = {}) => statefulOptions(this, args.environment, extra);

        this.bucket = new s3.Bucket(name, {
            bucketPrefix: plan.bucketPrefix,
            forceDestroy: false, // DELETION-PROTECTION: never empty a PHI or log bucket on destroy.
            objectLockEnabled: plan.objectLockDays !== undefined ? true : undefined, // LOG-INTEGRITY; create-time only
            tags: plan.tags,
        }, guarded());
        this.bucketName = this.bucket.id;
        this.bucketArn = this.bucket.arn;
        const bucket = this.bucket.id;

        const encryption = new s3.BucketServerSideEncryptionConfiguration(`${name}-encryption`, { bucket, rules: [plan.encryption] }, guarded());

        // PUBLIC-ACCESS: all four switches, and ACLs off (the bucket owner owns every object).
        const publicAccess = new s3.BucketPublicAccessBlock(`${name}-public-access`, {
            bucket,
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        }, guarded());
        new s3.BucketOwnershipControls(`${name}-ownership`, {
            bucket,
            rule: { objectOwnership: "BucketOwnerEnforced" },
        }, guarded());

        // BACKUP-VERSIONING: overwritten and deleted objects stay recoverable.
        const versioning = new s3.BucketVersioning(`${name}-versioning`, {
            bucket,
            versioningConfiguration: { status: "Enabled" },
        }, guarded());

        new s3.BucketPolicy(`${name}-policy`, {
            bucket,
            policy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [...baselineStatements(this.bucket.arn, plan.requireKms), ...extraStatements(args, this.bucket.arn)],
            }),
        }, guarded({ dependsOn: [publicAccess] }));

        if (plan.accessLogging) {
            new s3.BucketLogging(`${name}-access-logging`, {
                bucket,
                ...plan.accessLogging,
                targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: "EventTime" } },
            }, guarded());
        }

        new s3.BucketLifecycleConfiguration(`${name}-lifecycle`, { bucket, rules: plan.lifecycle }, guarded({ dependsOn: [versioning] }));

        if (plan.objectLockDays !== undefined) {
            // Object Lock needs versioning.
            new s3.BucketObjectLockConfiguration(`${name}-object-lock`, {
                bucket,
                objectLockEnabled: "Enabled",
                rule: { defaultRetention: { mode: "COMPLIANCE", days: plan.objectLockDays } },
            }, guarded({ dependsOn: [versioning] }));
        }

        this.registerOutputs({ bucketName: this.bucketName, bucketArn: this.bucketArn, encryption: encryption.id });
    }
}

function extraStatements(args: StorageArgs, bucketArn: pulumi.Output<string>): pulumi.Input<any>[] {
    const extra = args.extraPolicyStatements ?? [];
    return typeof extra === "function" ? extra(bucketArn) : extra;
}

/**
 * The statements every bucket's policy starts with. ENC-TRANSIT: deny any request not sent over TLS,
 * and any sent over TLS older than 1.2. ENC-REST-CMK (CMK buckets): deny an upload that asks for an
 * encryption other than SSE-KMS. An upload that names no encryption at all is *not* denied: the
 * bucket's default encryption then applies the CMK, and the services that write these buckets
 * (S3 log delivery, EMR log upload, HealthImaging import output) send no encryption header, so the
 * usual "deny unless the header says aws:kms" statement would break them without protecting
 * anything that the default encryption and the SSE-C block do not already protect.
 */
export function baselineStatements(bucketArn: pulumi.Input<string>, requireKms: boolean): pulumi.Input<any>[] {
    const everything = [bucketArn, pulumi.interpolate`${bucketArn}/*`];
    const statements: pulumi.Input<any>[] = [
        {
            Sid: "DenyInsecureTransport",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: everything,
            Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
        {
            Sid: "DenyTlsOlderThan12",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: everything,
            Condition: { NumericLessThan: { "s3:TlsVersion": "1.2" } },
        },
    ];
    if (requireKms) {
        statements.push({
            Sid: "DenyNonKmsEncryptionHeader",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:PutObject",
            Resource: pulumi.interpolate`${bucketArn}/*`,
            Condition: {
                StringNotEquals: { "s3:x-amz-server-side-encryption": ["aws:kms", "aws:kms:dsse"] },
                Null: { "s3:x-amz-server-side-encryption": "false" }, // only when the header is present
            },
        });
    }
    return statements;
}
