// ENC-REST-CMK on AWS: PHI and logs encrypted at rest with a customer-managed KMS key
// (shared/CONTROLS.md 1b), and every key a resource uses is one this stack can vouch for.
import { expect, PolicyResource, resourceRule, Rule, stackRule, Violation } from "../lib/rule";
import { get, isUnknown, parseJson } from "../lib/values";
import { BucketIndex, missing, onBucket } from "./support/buckets";
import { healthImagingState, isHealthImaging, notHealthImaging } from "./support/healthimaging";
import { isFalse, isSet, isTrue } from "./support/inputs";
import { expectCmk, isCustomerManagedKey } from "./support/kms";
import {
    BACKUP_VAULT, CLOUDCONTROL_RESOURCE, CLOUDTRAIL_TRAIL, EMR_CLUSTER, EMR_SECURITY_CONFIGURATION, KMS_ALIAS, KMS_KEY, LOG_GROUP,
    RDS_DATABASE, REDSHIFT_CLUSTER, S3_BUCKET, S3_LOGGING, S3_SSE,
} from "./support/tokens";

const cloud = "aws" as const;
const controls = ["ENC-REST-CMK" as const];
const kmsAlgorithms = ["aws:kms", "aws:kms:dsse"];

/** One SSE rule (standalone `rules[i]` or inline `serverSideEncryptionConfiguration.rule`). */
function sseRuleViolations(props: Record<string, unknown>, path: string): Violation[] {
    const algorithmPath = `${path}.applyServerSideEncryptionByDefault.sseAlgorithm`;
    const out = [
        ...expect(props, algorithmPath, v => kmsAlgorithms.includes(v), "\"aws:kms\" or \"aws:kms:dsse\""),
        ...expectCmk(props, `${path}.applyServerSideEncryptionByDefault.kmsMasterKeyId`),
    ];
    // S3 Bucket Keys cut KMS calls for SSE-KMS; DSSE-KMS does not support them.
    if (get(props, algorithmPath) === "aws:kms") out.push(...expect(props, `${path}.bucketKeyEnabled`, isTrue, "true"));
    return out;
}

function bucketEncryption(bucket: PolicyResource, buckets: BucketIndex): Violation[] {
    const configs = buckets.attached(bucket, S3_SSE);
    const inline = bucket.props.serverSideEncryptionConfiguration;
    if (!configs.length && (inline === undefined || inline === null)) {
        return [missing(bucket, S3_SSE[0], "a BucketServerSideEncryptionConfiguration with SSE-KMS and a customer-managed key", "serverSideEncryptionConfiguration")];
    }
    const out: Violation[] = [];
    for (const c of configs) {
        const rules = c.props.rules;
        if (isUnknown(rules)) { out.push(...onBucket(bucket, c, [{ property: "rules", found: rules, wanted: "an SSE-KMS rule" }])); continue; }
        const list = Array.isArray(rules) ? rules : [];
        if (!list.length) out.push(...onBucket(bucket, c, [{ property: "rules", found: rules, wanted: "an SSE-KMS rule" }]));
        list.forEach((_, i) => out.push(...onBucket(bucket, c, sseRuleViolations(c.props, `rules[${i}]`))));
    }
    // The deprecated inline block (G2) configures the bucket when no standalone resource does (the
    // standalone resource wins on AWS, and a bucket's state echoes it in the inline property).
    if (!configs.length) out.push(...onBucket(bucket, undefined, sseRuleViolations(bucket.props, "serverSideEncryptionConfiguration.rule")));
    return out;
}

/** Whether every default-encryption rule of the bucket is SSE-S3 (AES256) with no KMS key. */
function sseS3Only(bucket: PolicyResource, buckets: BucketIndex): boolean {
    const configs = buckets.attached(bucket, S3_SSE);
    const rules: unknown[] = configs.length
        ? configs.flatMap(c => Array.isArray(c.props.rules) && c.props.rules.length ? c.props.rules : [undefined])
        : [get(bucket.props, "serverSideEncryptionConfiguration.rule")];
    return rules.every(r => {
        if (!r || typeof r !== "object") return false;
        const byDefault = (r as Record<string, unknown>).applyServerSideEncryptionByDefault as Record<string, unknown> | undefined;
        const key = byDefault?.kmsMasterKeyId;
        return byDefault?.sseAlgorithm === "AES256" && (key === undefined || key === null || key === "");
    });
}

/**
 * Why the server-access-log target is not asked for SSE-KMS: a limitation of S3 that never expires,
 * decided here from the stack (never from a tag a program could copy onto a PHI bucket).
 */
export function accessLogTargetReason(sources: readonly PolicyResource[]): string {
    return "S3 delivers server access logs only to a bucket whose default encryption is SSE-S3 (AES256), never SSE-KMS " +
        "(Amazon S3 User Guide, 'Enabling Amazon S3 server access logging'); this bucket receives the server access logs of " +
        sources.map(b => `"${b.name}"`).join(", ") + ".";
}

export const s3Bucket = stackRule({
    name: "aws-enc-rest-cmk-s3-bucket", cloud, controls, severity: "high",
    judges: S3_BUCKET,
    reads: { bucket: S3_SSE },
    description: "Every S3 bucket has default encryption SSE-KMS (or DSSE-KMS) with a customer-managed key and, for SSE-KMS, an S3 Bucket Key " +
        "(not applicable to a bucket that receives another bucket's server access logs and uses SSE-S3, the only encryption S3 log delivery supports).",
    remediation: "Add an aws.s3.BucketServerSideEncryptionConfiguration for the bucket with sseAlgorithm \"aws:kms\", kmsMasterKeyId = your key's ARN and bucketKeyEnabled true.",
    check: stack => {
        const buckets = BucketIndex.of(stack);
        return buckets.buckets.flatMap(b => {
            const out = bucketEncryption(b, buckets);
            if (!out.length) return out;
            // The S3 server-access-log target: a bucket of this stack that receives another bucket's access
            // logs (BucketLogging targetBucket, or inline logging) and holds SSE-S3, which is all S3 log
            // delivery accepts. Not applicable, with the reason, in every report. It is decided from the
            // stack, so copying anything onto a PHI bucket changes nothing; making a PHI bucket the log
            // target of a dummy bucket would, and the reason names the buckets whose logs it receives so
            // that a reader sees it. A log target that also stores other objects is still let off: the
            // pack cannot see what objects a bucket will hold, the limitation covers the whole bucket, and
            // keeping other writers out is its access policy's job (components/aws/storage.ts grants writing
            // to S3 log delivery only).
            const sources = buckets.accessLogSources(b, S3_LOGGING);
            if (!sources.length || !sseS3Only(b, buckets)) return out;
            const reason = accessLogTargetReason(sources);
            return out.map(v => ({ ...v, notApplicable: reason }));
        });
    },
});

export const kmsKey = resourceRule({
    name: "aws-enc-rest-cmk-kms-key", cloud, controls, severity: "high", types: KMS_KEY,
    description: "A KMS key that protects PHI is an enabled symmetric encryption key.",
    remediation: "Leave keyUsage \"ENCRYPT_DECRYPT\", customerMasterKeySpec \"SYMMETRIC_DEFAULT\" and isEnabled true.",
    check: r => [
        ...expect(r.props, "keyUsage", v => v === undefined || v === "ENCRYPT_DECRYPT", "unset or \"ENCRYPT_DECRYPT\""),
        ...expect(r.props, "customerMasterKeySpec", v => v === undefined || v === "SYMMETRIC_DEFAULT", "unset or \"SYMMETRIC_DEFAULT\""),
        ...expect(r.props, "isEnabled", v => !isFalse(v), "unset or true"),
    ],
});

/** The at-rest half of an EMR security configuration (CONTROLS.md §5 key names). */
export const emrSecurityConfiguration = resourceRule({
    name: "aws-enc-rest-cmk-emr-security-configuration", cloud, controls, severity: "high", types: EMR_SECURITY_CONFIGURATION,
    description: "An EMR security configuration encrypts S3 data (SSE-KMS or CSE-KMS), local disks and EBS volumes with a customer-managed KMS key.",
    remediation: "In configuration set EncryptionConfiguration.EnableAtRestEncryption true, S3EncryptionConfiguration {EncryptionMode \"SSE-KMS\", AwsKmsKey} and LocalDiskEncryptionConfiguration {EncryptionKeyProviderType \"AwsKms\", AwsKmsKey, EnableEbsEncryption true}.",
    check: r => {
        const config = parseJson(r.props.configuration);
        if (isUnknown(config)) return [{ property: "configuration", found: config, wanted: "at-rest encryption with a customer-managed key" }];
        const doc = { configuration: config ?? {} } as Record<string, unknown>;
        const atRest = "configuration.EncryptionConfiguration.AtRestEncryptionConfiguration";
        return [
            ...expect(doc, "configuration.EncryptionConfiguration.EnableAtRestEncryption", isTrue, "true"),
            ...expect(doc, `${atRest}.S3EncryptionConfiguration.EncryptionMode`, v => v === "SSE-KMS" || v === "CSE-KMS", "\"SSE-KMS\" or \"CSE-KMS\""),
            ...expectCmk(doc, `${atRest}.S3EncryptionConfiguration.AwsKmsKey`),
            ...expect(doc, `${atRest}.LocalDiskEncryptionConfiguration.EncryptionKeyProviderType`, v => v === "AwsKms", "\"AwsKms\""),
            ...expectCmk(doc, `${atRest}.LocalDiskEncryptionConfiguration.AwsKmsKey`),
            ...expect(doc, `${atRest}.LocalDiskEncryptionConfiguration.EnableEbsEncryption`, isTrue, "true"),
        ];
    },
});

export const emrCluster = resourceRule({
    name: "aws-enc-rest-cmk-emr-cluster", cloud, controls, severity: "high", types: EMR_CLUSTER,
    description: "An EMR cluster uses a security configuration and encrypts its logs with a customer-managed key.",
    remediation: "Set securityConfiguration to your aws.emr.SecurityConfiguration's name and logEncryptionKmsKeyId to your key's ARN.",
    check: r => [
        ...expect(r.props, "securityConfiguration", isSet, "the name of an EMR security configuration"),
        ...expectCmk(r.props, "logEncryptionKmsKeyId"),
    ],
});

export const redshiftCluster = resourceRule({
    name: "aws-enc-rest-cmk-redshift-cluster", cloud, controls, severity: "high", types: REDSHIFT_CLUSTER,
    description: "A Redshift cluster is encrypted with a customer-managed KMS key.",
    remediation: "Set encrypted \"true\" (a string in @pulumi/aws 7) and kmsKeyId to your key's ARN.",
    check: r => [
        // G4: typed string in 7.x, default true; a hand-written program may give a boolean.
        ...expect(r.props, "encrypted", v => v === undefined || isTrue(v), "\"true\" (or unset, which defaults to true)"),
        ...expectCmk(r.props, "kmsKeyId"),
    ],
});

export const rdsDatabase = resourceRule({
    name: "aws-enc-rest-cmk-rds-database", cloud, controls, severity: "high", types: RDS_DATABASE,
    description: "An RDS instance or Aurora cluster is encrypted with a customer-managed KMS key (RDS encrypts nothing unless asked; Aurora provisioned clusters neither).",
    remediation: "Set storageEncrypted true and kmsKeyId to your key's ARN (encryption can only be chosen at creation: restore a snapshot into an encrypted database).",
    check: r => [...expect(r.props, "storageEncrypted", isTrue, "true"), ...expectCmk(r.props, "kmsKeyId")],
});

export const healthImagingDatastore = resourceRule({
    name: "aws-enc-rest-cmk-healthimaging-datastore", cloud, controls, severity: "high", types: CLOUDCONTROL_RESOURCE,
    description: "A HealthImaging datastore (CloudControl AWS::HealthImaging::Datastore) names a customer-managed KMS key; without KmsKeyArn AWS uses its own key.",
    remediation: "Put \"KmsKeyArn\": your key's ARN in desiredState (create-only: set it before the first deployment).",
    check: r => {
        if (!isHealthImaging(r)) return notHealthImaging;
        const state = healthImagingState(r);
        if (isUnknown(state)) return [{ property: "desiredState", found: state, wanted: "KmsKeyArn = a customer-managed key ARN" }];
        return expectCmk({ desiredState: state }, "desiredState.KmsKeyArn");
    },
});

const keyProperty = (name: string, types: readonly string[], property: string, what: string) => resourceRule({
    name, cloud, controls, severity: "high", types,
    description: `A ${what} is encrypted with a customer-managed KMS key.`,
    remediation: `Set ${property} to your customer-managed key's ARN.`,
    check: r => expectCmk(r.props, property),
});

export const cloudtrailTrail = keyProperty("aws-enc-rest-cmk-cloudtrail-trail", CLOUDTRAIL_TRAIL, "kmsKeyId", "CloudTrail trail's log files");
export const logGroup = keyProperty("aws-enc-rest-cmk-log-group", LOG_GROUP, "kmsKeyId", "CloudWatch log group");
export const backupVault = keyProperty("aws-enc-rest-cmk-backup-vault", BACKUP_VAULT, "kmsKeyArn", "AWS Backup vault's recovery points");

/**
 * Resources whose key is one top-level property, which the rules above also judge. The "key of another
 * tenant" rule reads every one of them: a resource judged above but left out here went unjudged there.
 */
const topLevelKeys: readonly [readonly string[], string][] = [
    [EMR_CLUSTER, "logEncryptionKmsKeyId"], [REDSHIFT_CLUSTER, "kmsKeyId"], [RDS_DATABASE, "kmsKeyId"],
    [CLOUDTRAIL_TRAIL, "kmsKeyId"], [LOG_GROUP, "kmsKeyId"], [BACKUP_VAULT, "kmsKeyArn"],
];

type KeyUse = [readonly string[], string, (r: PolicyResource) => [string, unknown][]];

/** Where resources name a KMS key: type → [top-level property (its dependencies say which resource it came from), path]. */
const keyUses: readonly KeyUse[] = [
    [S3_SSE, "rules", r => (Array.isArray(r.props.rules) ? r.props.rules : [])
        .map((_, i) => [`rules[${i}].applyServerSideEncryptionByDefault.kmsMasterKeyId`, get(r.props, `rules[${i}].applyServerSideEncryptionByDefault.kmsMasterKeyId`)])],
    [S3_BUCKET, "serverSideEncryptionConfiguration", r => [["serverSideEncryptionConfiguration.rule.applyServerSideEncryptionByDefault.kmsMasterKeyId",
        get(r.props, "serverSideEncryptionConfiguration.rule.applyServerSideEncryptionByDefault.kmsMasterKeyId")]]],
    [EMR_SECURITY_CONFIGURATION, "configuration", r => {
        const config = parseJson(r.props.configuration);
        if (isUnknown(config)) return [["configuration", config]];
        const atRest = "EncryptionConfiguration.AtRestEncryptionConfiguration";
        return [`${atRest}.S3EncryptionConfiguration.AwsKmsKey`, `${atRest}.LocalDiskEncryptionConfiguration.AwsKmsKey`]
            .map(p => [`configuration.${p}`, get(config, p)]);
    }],
    [CLOUDCONTROL_RESOURCE, "desiredState", r => {
        if (!isHealthImaging(r)) return [];
        const state = healthImagingState(r);
        return [["desiredState.KmsKeyArn", isUnknown(state) ? state : state.KmsKeyArn]];
    }],
    ...topLevelKeys.map(([types, prop]): KeyUse => [types, prop, r => [[prop, r.props[prop]]]]),
];

/**
 * "A key of another tenant": every key a resource uses must be one this stack creates (found through
 * the property's dependencies, or by its ARN, id or alias). A key from outside the stack may be the
 * tenant's own (a shared keys stack) or another tenant's; the pack cannot tell, so the rule is
 * advisory and says "cannot verify". An AWS-managed or missing key is left to the rules above.
 */
export const keyTenantRule = stackRule({
    name: "aws-enc-rest-cmk-key-tenant", cloud, controls, severity: "medium",
    // Advisory: a key created by another stack of the same hospital is legitimate and invisible here.
    enforcement: "advisory",
    description: "Every KMS key a resource uses is a key created in this stack, so it belongs to this hospital.",
    remediation: "Use the hospital's own key from this stack (pass key.arn), or exempt the resource with the owner of the shared key named in the reason.",
    check: stack => {
        const keys = stack.ofType(...KMS_KEY, ...KMS_ALIAS);
        const keyUrns = new Set(keys.map(k => k.urn));
        const keyTexts = new Set<unknown>(keys.flatMap(k => [k.props.arn, k.props.id, k.props.keyId, k.props.name, k.props.targetKeyArn]));
        const out: Violation[] = [];
        for (const [types, prop, usesOf] of keyUses) {
            for (const r of stack.ofType(...types)) {
                if ((r.opts.propertyDependencies?.[prop] ?? []).some(u => keyUrns.has(u))) continue;
                for (const [property, value] of usesOf(r)) {
                    if (value === undefined || value === null || value === "" || (typeof value === "string" && !isCustomerManagedKey(value))) continue;
                    if (isUnknown(value)) { out.push({ property, found: value, wanted: "a key created in this stack", resource: r }); continue; }
                    if (keyTexts.has(value)) continue;
                    out.push({ property, found: value, wanted: "a key created in this stack", resource: r,
                        note: "The key is not created in this stack: the pack cannot verify that it belongs to this hospital." });
                }
            }
        }
        return out;
    },
});

export const rules: Rule[] = [
    s3Bucket, kmsKey, emrSecurityConfiguration, emrCluster, redshiftCluster, rdsDatabase, healthImagingDatastore,
    cloudtrailTrail, logGroup, backupVault, keyTenantRule,
];
