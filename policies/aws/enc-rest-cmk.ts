// ENC-REST-CMK on AWS: PHI and logs encrypted at rest with a customer-managed KMS key
// (shared/CONTROLS.md 1b), and every key a resource uses is one this stack can vouch for.
import { isText, terraformReads } from "../lib/inputs";
import { expect, notApplicable, notInStack, PolicyResource, resourceRule, Rule, stackRule, Violation } from "../lib/rule";
import { get, isUnknown, parseJson, UNKNOWN } from "../lib/values";
import { BucketIndex, missing, onBucket, onOutsideBucket } from "./support/buckets";
import { healthImagingState, isHealthImaging, notHealthImaging } from "./support/healthimaging";
import { CFN_KMS_KEY, CFN_S3_BUCKET, desiredProps, isCloudControlType, judgeDesiredState } from "./support/cloudcontrol";
import { expectCmk, isCustomerManagedKey, wantedCmk } from "./support/kms";
import { credentialIn } from "./support/containers";
import { nodeVerdict, replicationGroups } from "./support/elasticache";
import { streamKey } from "./support/relations";
import { Lookup } from "../lib/stack-index";
import { holdsUnknown } from "../lib/unknowns";
import { T, kmsKeyTypes, rdsDatabaseTypes } from "./support/tokens";

const cloud = "aws" as const;
const controls = ["ENC-REST-CMK" as const];
const kmsAlgorithms = ["aws:kms", "aws:kms:dsse"];

/** Where an SSE rule's fields are: the typed resources' names, or CloudFormation's (a CloudControl AWS::S3::Bucket). */
interface SseFields { byDefault: string; algorithm: string; key: string; bucketKey: string }
const typedSse: SseFields = { byDefault: "applyServerSideEncryptionByDefault", algorithm: "sseAlgorithm", key: "kmsMasterKeyId", bucketKey: "bucketKeyEnabled" };
const cloudControlSse: SseFields = { byDefault: "ServerSideEncryptionByDefault", algorithm: "SSEAlgorithm", key: "KMSMasterKeyID", bucketKey: "BucketKeyEnabled" };

/** One SSE rule (standalone `rules[i]`, inline `serverSideEncryptionConfiguration.rule`, or CloudFormation's). */
function sseRuleViolations(props: Record<string, unknown>, path: string, f: SseFields = typedSse): Violation[] {
    const algorithmPath = `${path}.${f.byDefault}.${f.algorithm}`;
    const keyPath = `${path}.${f.byDefault}.${f.key}`;
    const algorithm = get(props, algorithmPath);
    // A known algorithm that is not KMS (AES256, unset) is the one cause: S3 reads no key without a KMS
    // algorithm, so a second finding for the key would report the same fix twice. An unknown algorithm
    // leaves the key judged on its own (an AWS-managed key is a finding whatever the algorithm turns out).
    if (!isUnknown(algorithm) && !kmsAlgorithms.includes(algorithm as never)) {
        const key = get(props, keyPath);
        const keyNote = key === undefined || key === null || key === "" || isUnknown(key) || isCustomerManagedKey(key) ? undefined
            : `${keyPath} is ${JSON.stringify(key)}, not a customer-managed key.`;
        return [{ property: algorithmPath, found: algorithm, wanted: `"aws:kms" or "aws:kms:dsse", with ${keyPath} naming a customer-managed key`, note: keyNote }];
    }
    const out = [
        ...expect(props, algorithmPath, v => kmsAlgorithms.includes(v), "\"aws:kms\" or \"aws:kms:dsse\""),
        ...expectCmk(props, keyPath),
    ];
    // S3 Bucket Keys cut KMS calls for SSE-KMS; DSSE-KMS does not support them.
    if (get(props, algorithmPath) === "aws:kms") out.push(...expect(props, `${path}.${f.bucketKey}`, terraformReads.on, "true"));
    return out;
}

/** The rules of one BucketServerSideEncryptionConfiguration resource. */
function sseConfigViolations(c: PolicyResource): Violation[] {
    const rules = c.props.rules;
    if (isUnknown(rules)) return [{ property: "rules", found: rules, wanted: "an SSE-KMS rule" }];
    const list = Array.isArray(rules) ? rules : [];
    if (!list.length) return [{ property: "rules", found: rules, wanted: "an SSE-KMS rule" }];
    return list.flatMap((_, i) => sseRuleViolations(c.props, `rules[${i}]`));
}

function bucketEncryption(bucket: PolicyResource, buckets: BucketIndex): Violation[] {
    const configs = buckets.attached(bucket, T.s3Sse);
    const inline = bucket.props.serverSideEncryptionConfiguration;
    if (!configs.length && (inline === undefined || inline === null)) {
        return [missing(bucket, T.s3Sse[0], "a BucketServerSideEncryptionConfiguration with SSE-KMS and a customer-managed key", "serverSideEncryptionConfiguration")];
    }
    const out: Violation[] = [];
    for (const c of configs) out.push(...onBucket(bucket, c, sseConfigViolations(c)));
    // The deprecated inline block (G2) configures the bucket when no standalone resource does (the
    // standalone resource wins on AWS, and a bucket's state echoes it in the inline property).
    if (!configs.length) out.push(...onBucket(bucket, undefined, sseRuleViolations(bucket.props, "serverSideEncryptionConfiguration.rule")));
    return out;
}

/** Whether every default-encryption rule of the bucket is SSE-S3 (AES256) with no KMS key. */
function sseS3Only(bucket: PolicyResource, buckets: BucketIndex): boolean {
    const configs = buckets.attached(bucket, T.s3Sse);
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
    judges: [T.s3Bucket],
    reads: { bucket: [T.s3Sse] },
    description: "Every S3 bucket has default encryption SSE-KMS (or DSSE-KMS) with a customer-managed key and, for SSE-KMS, an S3 Bucket Key " +
        "(not applicable to a bucket that receives another bucket's server access logs and uses SSE-S3, the only encryption S3 log delivery supports).",
    remediation: "Add an aws.s3.BucketServerSideEncryptionConfiguration for the bucket with sseAlgorithm \"aws:kms\", kmsMasterKeyId = your key's ARN and bucketKeyEnabled true.",
    check: stack => {
        const buckets = BucketIndex.of(stack);
        // An encryption configuration the program sets on a bucket that is not an aws.s3.Bucket of this stack (a
        // bucket read with Bucket.get, named by text, or a CloudControl bucket) is judged by its own rules.
        const outside = buckets.unattached(T.s3Sse).flatMap(c => onOutsideBucket(c, sseConfigViolations(c)));
        return [...outside, ...buckets.buckets.flatMap(b => {
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
            const sources = buckets.accessLogSources(b, T.s3Logging);
            if (!sources.length || !sseS3Only(b, buckets)) return out;
            const reason = accessLogTargetReason(sources);
            return out.map(v => ({ ...v, notApplicable: reason }));
        })];
    },
});

/** Where a key's usage fields are: a typed key's inputs (their names differ by type), or a CloudControl desiredState's. */
export interface KeyUseFields { usage?: string; spec?: string; enabled: string }
const keyUseFields = (type: string): KeyUseFields =>
    T.kmsKey.includes(type as never) ? { usage: "keyUsage", spec: "customerMasterKeySpec", enabled: "isEnabled" }
        // A replica's usage and spec are its primary's; an ExternalKey names them keyUsage/keySpec.
        : T.kmsReplicaKey.includes(type as never) || type === T.kmsExternalKey[1] ? { enabled: "enabled" }
            : { usage: "keyUsage", spec: "keySpec", enabled: "enabled" };

/** An enabled symmetric encryption key, wherever its fields are. */
export function keyUseViolations(props: Record<string, unknown>, f: KeyUseFields): Violation[] {
    return [
        ...(f.usage ? expect(props, f.usage, v => v === undefined || v === "ENCRYPT_DECRYPT", "unset or \"ENCRYPT_DECRYPT\"") : []),
        ...(f.spec ? expect(props, f.spec, v => v === undefined || v === "SYMMETRIC_DEFAULT", "unset or \"SYMMETRIC_DEFAULT\"") : []),
        ...expect(props, f.enabled, terraformReads.onOrUnset, "unset or true"),
    ];
}

export const kmsKey = resourceRule({
    name: "aws-enc-rest-cmk-kms-key", cloud, controls, severity: "high", types: kmsKeyTypes,
    description: "A KMS key that protects PHI (a key, an external key or a replica) is an enabled symmetric encryption key, and imported key material is not written in the program or its state.",
    remediation: "Leave keyUsage \"ENCRYPT_DECRYPT\", the key spec \"SYMMETRIC_DEFAULT\" and the key enabled; import external key material outside Pulumi (aws kms import-key-material), not through keyMaterialBase64.",
    check: r => [
        ...keyUseViolations(r.props, keyUseFields(r.type)),
        // The material of an external key, written in the program, is in its state: whoever reads the state holds the key.
        ...(T.kmsExternalKey.includes(r.type as never) && ![undefined, null, ""].includes(r.props.keyMaterialBase64 as never)
            ? [{ property: "keyMaterialBase64", found: isUnknown(r.props.keyMaterialBase64) ? r.props.keyMaterialBase64 : "key material (value hidden)",
                wanted: "unset: import the key material outside the program (here it is in the stack's state)" }] : []),
    ],
});

export const cloudControlKmsKey = resourceRule({
    name: "aws-enc-rest-cmk-cloudcontrol-kms-key", cloud, controls, severity: "high", types: [T.cloudcontrolResource],
    description: "A KMS key declared through CloudControl (AWS::KMS::Key) is an enabled symmetric encryption key.",
    remediation: "In desiredState leave KeyUsage \"ENCRYPT_DECRYPT\", KeySpec \"SYMMETRIC_DEFAULT\" and Enabled true.",
    check: judgeDesiredState(CFN_KMS_KEY, "an enabled symmetric encryption key", props => {
        return keyUseViolations(props, { usage: "desiredState.KeyUsage", spec: "desiredState.KeySpec", enabled: "desiredState.Enabled" });
    }),
});

/** CloudFormation's BucketEncryption: a list of rules, each judged as the typed resource's. */
export const cloudControlS3Bucket = resourceRule({
    name: "aws-enc-rest-cmk-cloudcontrol-s3-bucket", cloud, controls, severity: "high", types: [T.cloudcontrolResource],
    description: "An S3 bucket declared through CloudControl (AWS::S3::Bucket) has default encryption SSE-KMS (or DSSE-KMS) with a customer-managed key and, for SSE-KMS, a Bucket Key.",
    remediation: "In desiredState set BucketEncryption.ServerSideEncryptionConfiguration [{ServerSideEncryptionByDefault: {SSEAlgorithm: \"aws:kms\", KMSMasterKeyID: your key's ARN}, BucketKeyEnabled: true}].",
    check: judgeDesiredState(CFN_S3_BUCKET, "an SSE-KMS rule with a customer-managed key", props => {
        const wanted = "an SSE-KMS rule with a customer-managed key";
        const path = "desiredState.BucketEncryption.ServerSideEncryptionConfiguration";
        const rules = get(props, path);
        if (isUnknown(rules)) return [{ property: path, found: rules, wanted }];
        if (!Array.isArray(rules) || !rules.length) return [{ property: path, found: rules, wanted, note: "Without it S3 uses SSE-S3, AWS's own key." }];
        return rules.flatMap((_, i) => sseRuleViolations(props, `${path}[${i}]`, cloudControlSse));
    }),
});

/** The at-rest half of an EMR security configuration (CONTROLS.md §5 key names). */
export const emrSecurityConfiguration = resourceRule({
    name: "aws-enc-rest-cmk-emr-security-configuration", cloud, controls, severity: "high", types: [T.emrSecurityConfiguration],
    description: "An EMR security configuration encrypts S3 data (SSE-KMS or CSE-KMS), local disks and EBS volumes with a customer-managed KMS key.",
    remediation: "In configuration set EncryptionConfiguration.EnableAtRestEncryption true, S3EncryptionConfiguration {EncryptionMode \"SSE-KMS\", AwsKmsKey} and LocalDiskEncryptionConfiguration {EncryptionKeyProviderType \"AwsKms\", AwsKmsKey, EnableEbsEncryption true}.",
    check: r => {
        const config = parseJson(r.props.configuration);
        if (isUnknown(config)) return [{ property: "configuration", found: config, wanted: "at-rest encryption with a customer-managed key" }];
        const doc = { configuration: config ?? {} } as Record<string, unknown>;
        const atRest = "configuration.EncryptionConfiguration.AtRestEncryptionConfiguration";
        return [
            ...expect(doc, "configuration.EncryptionConfiguration.EnableAtRestEncryption", terraformReads.on, "true"),
            ...expect(doc, `${atRest}.S3EncryptionConfiguration.EncryptionMode`, v => v === "SSE-KMS" || v === "CSE-KMS", "\"SSE-KMS\" or \"CSE-KMS\""),
            ...expectCmk(doc, `${atRest}.S3EncryptionConfiguration.AwsKmsKey`),
            ...expect(doc, `${atRest}.LocalDiskEncryptionConfiguration.EncryptionKeyProviderType`, v => v === "AwsKms", "\"AwsKms\""),
            ...expectCmk(doc, `${atRest}.LocalDiskEncryptionConfiguration.AwsKmsKey`),
            ...expect(doc, `${atRest}.LocalDiskEncryptionConfiguration.EnableEbsEncryption`, terraformReads.on, "true"),
        ];
    },
});

export const emrCluster = resourceRule({
    name: "aws-enc-rest-cmk-emr-cluster", cloud, controls, severity: "high", types: [T.emrCluster],
    description: "An EMR cluster uses a security configuration and encrypts its logs with a customer-managed key.",
    remediation: "Set securityConfiguration to your aws.emr.SecurityConfiguration's name and logEncryptionKmsKeyId to your key's ARN.",
    check: r => [
        ...expect(r.props, "securityConfiguration", isText, "the name of an EMR security configuration"),
        ...expectCmk(r.props, "logEncryptionKmsKeyId"),
    ],
});

export const redshiftCluster = resourceRule({
    name: "aws-enc-rest-cmk-redshift-cluster", cloud, controls, severity: "high", types: [T.redshiftCluster],
    description: "A Redshift cluster is encrypted with a customer-managed KMS key.",
    remediation: "Set encrypted \"true\" (a string in @pulumi/aws 7) and kmsKeyId to your key's ARN.",
    check: r => [
        // G4: typed string in 7.x, default true; a hand-written program may give a boolean.
        ...expect(r.props, "encrypted", terraformReads.onOrUnset, "\"true\" (or unset, which defaults to true)"),
        ...expectCmk(r.props, "kmsKeyId"),
    ],
});

export const rdsDatabase = resourceRule({
    name: "aws-enc-rest-cmk-rds-database", cloud, controls, severity: "high", types: rdsDatabaseTypes,
    description: "An RDS instance or Aurora cluster is encrypted with a customer-managed KMS key (RDS encrypts nothing unless asked; Aurora provisioned clusters neither).",
    remediation: "Set storageEncrypted true and kmsKeyId to your key's ARN (encryption can only be chosen at creation: restore a snapshot into an encrypted database).",
    check: r => [...expect(r.props, "storageEncrypted", terraformReads.on, "true"), ...expectCmk(r.props, "kmsKeyId")],
});

export const healthImagingDatastore = resourceRule({
    name: "aws-enc-rest-cmk-healthimaging-datastore", cloud, controls, severity: "high", types: [T.cloudcontrolResource],
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

export const cloudtrailTrail = keyProperty("aws-enc-rest-cmk-cloudtrail-trail", T.cloudtrailTrail, "kmsKeyId", "CloudTrail trail's log files");
export const logGroup = keyProperty("aws-enc-rest-cmk-log-group", T.logGroup, "kmsKeyId", "CloudWatch log group");
export const backupVault = keyProperty("aws-enc-rest-cmk-backup-vault", T.backupVault, "kmsKeyArn", "AWS Backup vault's recovery points");

/**
 * A Lambda function's own data at rest is its environment variables (often connection strings and
 * tokens) and, with SnapStart, the snapshot of its initialised memory: both are encrypted under
 * kmsKeyArn, AWS's own key when it is unset. Its code package is AWS-encrypted whatever is set, and
 * the data it reads is judged on the stores that hold it. So the key is asked for only when there is
 * such data; a function without either is not applicable, with the reason.
 */
export const lambdaFunction = resourceRule({
    name: "aws-enc-rest-cmk-lambda-function", cloud, controls, severity: "high", types: [T.lambdaFunction],
    description: "A Lambda function with environment variables or SnapStart encrypts them with a customer-managed KMS key (kmsKeyArn).",
    remediation: "Set kmsKeyArn to your customer-managed key's ARN (and give the function's role kms:Decrypt on it).",
    check: r => {
        const vars = get(r.props, "environment.variables"), snap = get(r.props, "snapStart.applyOn");
        if (isUnknown(vars) || isUnknown(snap)) return [{ property: isUnknown(vars) ? "environment.variables" : "snapStart.applyOn", found: UNKNOWN, wanted: wantedCmk }];
        const hasVars = vars !== undefined && vars !== null && (typeof vars !== "object" || Object.keys(vars).length > 0);
        const snapshots = snap !== undefined && snap !== null && snap !== "None";
        if (!hasVars && !snapshots) return notApplicable("no environment variables and no SnapStart: the function keeps no data of its own at rest (its code is AWS-encrypted; the stores it reads are judged on their own)");
        return expectCmk(r.props, "kmsKeyArn");
    },
});

/**
 * A function's logs (whatever it prints: often a record it was handed) go to a CloudWatch log group:
 * loggingConfig.logGroup, else /aws/lambda/<function name>, which Lambda creates itself, under AWS's key and
 * kept forever, when no one declared it. So the log group must be one of this stack (built from the function's
 * name, or named by loggingConfig.logGroup), where aws-enc-rest-cmk-log-group and aws-retention-log-group judge it.
 */
export const lambdaLogGroup = stackRule({
    name: "aws-enc-rest-cmk-lambda-log-group", cloud, controls, severity: "medium",
    judges: [T.lambdaFunction],
    description: "A Lambda function logs to a CloudWatch log group declared in this stack (so its key and retention are judged), not one Lambda creates under AWS's key.",
    remediation: "Declare an aws.cloudwatch.LogGroup named pulumi.interpolate`/aws/lambda/${fn.name}` (or set loggingConfig.logGroup to one) with kmsKeyId and retentionInDays.",
    check: stack => {
        const groups = stack.ofType(...T.logGroup);
        const wanted = "a log group of this stack (with kmsKeyId and retentionInDays)";
        return stack.ofType(...T.lambdaFunction).flatMap((fn): Violation[] => {
            const named = get(fn.props, "loggingConfig.logGroup");
            if (holdsUnknown(named)) return [{ property: "loggingConfig.logGroup", found: UNKNOWN, wanted, resource: fn }];
            if (isText(named)) {
                // The group the text names (a dependency only for a group whose name is unknown: autonamed).
                const found = stack.lookup(T.logGroup, ["name"]).refer(fn, "loggingConfig", [named]);
                if (!isUnknown(found) && found.length) return [];
                return [notInStack(fn, "loggingConfig.logGroup", wanted, "No aws:cloudwatch/logGroup of this stack is that log group: its key and retention cannot be verified.")];
            }
            const fnName = fn.props.name;
            const own = `/aws/lambda/${typeof fnName === "string" ? fnName : ""}`;
            if (groups.some(g => (g.opts.propertyDependencies?.name ?? []).includes(fn.urn) || (typeof fnName === "string" && g.props.name === own))) return [];
            // A log group whose name is not known yet may be this function's: unknown, not a pass.
            if (groups.some(g => holdsUnknown(g.props.name) && !(g.opts.propertyDependencies?.name ?? []).length)) return [{ property: "loggingConfig.logGroup", found: UNKNOWN, wanted, resource: fn }];
            return [{ property: "loggingConfig.logGroup", found: undefined, wanted, resource: fn,
                note: `Lambda writes the function's logs to ${typeof fnName === "string" ? own : "/aws/lambda/<its name>"}, which it creates under AWS's key and keeps forever when the stack does not declare it.` }];
        });
    },
});

/** One EBS volume's settings at `path`: encrypted (a boolean, or the launch template's "true") under a customer-managed key. */
function ebsVolume(props: Record<string, unknown>, path: string): Violation[] {
    return [...expect(props, `${path}.encrypted`, terraformReads.on, "true"), ...expectCmk(props, `${path}.kmsKeyId`)];
}

/** Each element of the list at `path`, judged by `judge` at its own path; the list unknown at preview is one unknown. */
function eachOf(props: Record<string, unknown>, path: string, wanted: string, judge: (at: string) => Violation[]): Violation[] {
    const list = get(props, path);
    if (isUnknown(list)) return [{ property: path, found: list, wanted }];
    return (Array.isArray(list) ? list : []).flatMap((item, i) => isUnknown(item) ? [{ property: `${path}[${i}]`, found: item, wanted }] : judge(`${path}[${i}]`));
}

/**
 * EC2 instances' disks: the root volume and every EBS volume attached at launch, encrypted with a
 * customer-managed key (Config encrypted-volumes, ec2-ebs-encryption-by-default). An unset rootBlockDevice
 * is the AMI's own mapping, encrypted only if its snapshot is: not something the program shows, so it is
 * asked for explicitly.
 */
export const ec2Instance = resourceRule({
    name: "aws-enc-rest-cmk-ec2-instance", cloud, controls, severity: "high", types: [T.ec2Instance],
    description: "An EC2 instance's root volume and EBS volumes are encrypted with a customer-managed KMS key.",
    remediation: "Set rootBlockDevice {encrypted: true, kmsKeyId: your key's ARN} and the same on every ebsBlockDevices entry.",
    check: r => [
        ...ebsVolume(r.props, "rootBlockDevice"),
        ...eachOf(r.props, "ebsBlockDevices", "encrypted EBS volumes", at => ebsVolume(r.props, at)),
    ],
});

/**
 * A launch template's volumes: each block device mapping with an `ebs` block. Without any mapping the
 * instances take the AMI's volumes, encrypted only if its snapshots are: asked for explicitly.
 * A mapping with only `virtualName` (an instance store) or `noDevice` holds no EBS volume.
 */
export const ec2LaunchTemplate = resourceRule({
    name: "aws-enc-rest-cmk-ec2-launch-template", cloud, controls, severity: "high", types: [T.ec2LaunchTemplate],
    description: "A launch template maps its instances' EBS volumes encrypted with a customer-managed KMS key.",
    remediation: "Add blockDeviceMappings [{deviceName: the root device, ebs: {encrypted: \"true\", kmsKeyId: your key's ARN}}] (and the same on every other EBS mapping).",
    check: r => {
        const wanted = "block device mappings whose ebs is encrypted with a customer-managed key";
        const list = r.props.blockDeviceMappings;
        if (!isUnknown(list) && (!Array.isArray(list) || !list.length)) {
            return [{ property: "blockDeviceMappings", found: list, wanted, note: "Without a mapping the instances take the AMI's volumes, encrypted only if its snapshots are." }];
        }
        return eachOf(r.props, "blockDeviceMappings", wanted, at => {
            const ebs = get(r.props, `${at}.ebs`), instanceStore = get(r.props, `${at}.virtualName`), none = get(r.props, `${at}.noDevice`);
            if ((ebs === undefined || ebs === null) && (isText(instanceStore) || none !== undefined)) return [];
            return ebsVolume(r.props, `${at}.ebs`);
        });
    },
});

/**
 * A launch configuration (deprecated by AWS for launch templates) can ask for encryption but cannot name a
 * key: its volumes take the account's default EBS key, AWS-managed unless someone changed it outside the
 * program. So beyond `encrypted`, it is always a finding that says to use a launch template.
 */
export const ec2LaunchConfiguration = resourceRule({
    name: "aws-enc-rest-cmk-ec2-launch-configuration", cloud, controls, severity: "high", types: [T.ec2LaunchConfiguration],
    description: "A launch configuration's volumes are encrypted with a customer-managed key: which a launch configuration cannot name, so a launch template is wanted.",
    remediation: "Replace the launch configuration with an aws.ec2.LaunchTemplate whose block device mappings set encrypted \"true\" and kmsKeyId.",
    check: r => [
        ...expect(r.props, "rootBlockDevice.encrypted", terraformReads.on, "true"),
        ...eachOf(r.props, "ebsBlockDevices", "encrypted EBS volumes", at => expect(r.props, `${at}.encrypted`, terraformReads.on, "true")),
        { property: "rootBlockDevice.kmsKeyId", found: undefined, wanted: wantedCmk,
            note: "A launch configuration has no kmsKeyId: its volumes use the account's default EBS key, which this stack cannot verify; use a launch template." },
    ],
});

export const ebsVolumeRule = resourceRule({
    name: "aws-enc-rest-cmk-ebs-volume", cloud, controls, severity: "high", types: [T.ebsVolume],
    description: "An EBS volume is encrypted with a customer-managed KMS key.",
    remediation: "Set encrypted true and kmsKeyId to your key's ARN (an unencrypted volume is re-created from an encrypted snapshot copy).",
    check: r => [...expect(r.props, "encrypted", terraformReads.on, "true"), ...expectCmk(r.props, "kmsKeyId")],
});

// Databases, caches, queues, streams, secrets and file systems (issue 15). Each is encrypted at rest by AWS
// whatever the program says; what the control asks is the customer-managed key, which each names its own way.

/** DynamoDB: without serverSideEncryption.kmsKeyArn a table is under an AWS-owned key, or with enabled alone the AWS-managed aws/dynamodb; replicas name their own key. */
export const dynamodbTable = resourceRule({
    name: "aws-enc-rest-cmk-dynamodb-table", cloud, controls, severity: "high", types: [T.dynamodbTable],
    description: "A DynamoDB table (and each of its replicas) is encrypted with a customer-managed KMS key.",
    remediation: "Set serverSideEncryption {enabled: true, kmsKeyArn: your key's ARN}, and kmsKeyArn on every replica.",
    check: r => [
        ...expect(r.props, "serverSideEncryption.enabled", terraformReads.on, "true"),
        ...expectCmk(r.props, "serverSideEncryption.kmsKeyArn"),
        ...eachOf(r.props, "replicas", "replicas under a customer-managed key", at => expectCmk(r.props, `${at}.kmsKeyArn`)),
    ],
});

/** ElastiCache (Redis OSS / Valkey) replication group: at-rest encryption is off unless asked, and then under AWS's key unless kmsKeyId. */
export const elasticacheReplicationGroup = resourceRule({
    name: "aws-enc-rest-cmk-elasticache-replication-group", cloud, controls, severity: "high", types: [T.elasticacheReplicationGroup],
    description: "An ElastiCache replication group encrypts its data, backups and swap at rest with a customer-managed KMS key.",
    remediation: "Set atRestEncryptionEnabled true and kmsKeyId to your key's ARN (chosen at creation).",
    check: r => [...expect(r.props, "atRestEncryptionEnabled", terraformReads.on, "true"), ...expectCmk(r.props, "kmsKeyId")],
});

/**
 * An aws.elasticache.Cluster with a replicationGroupId is a node of that group, encrypted as the group is
 * (judged there). Standing alone, it cannot encrypt at rest at all: Memcached has no at-rest encryption and a
 * standalone Redis node has no such setting (ElastiCache User Guide, "At-Rest Encryption in ElastiCache").
 */
export const elasticacheCluster = stackRule({
    name: "aws-enc-rest-cmk-elasticache-cluster", cloud, controls, severity: "high", judges: [T.elasticacheCluster],
    description: "An ElastiCache cluster that holds data is a node of a replication group of this stack encrypted at rest with a customer-managed key: a standalone cluster cannot encrypt at rest.",
    remediation: "Use an aws.elasticache.ReplicationGroup (Redis OSS or Valkey) with atRestEncryptionEnabled and kmsKeyId, or a ServerlessCache with kmsKeyId, instead of a standalone cluster.",
    check: stack => {
        const groups = replicationGroups(stack);
        const wanted = "a replication group of this stack encrypted at rest with a customer-managed key";
        return stack.ofType(...T.elasticacheCluster).flatMap(r => nodeVerdict(groups, r, "aws-enc-rest-cmk-elasticache-replication-group", wanted)
            ?? [{ property: "replicationGroupId", found: r.props.replicationGroupId, wanted, resource: r,
                note: "A standalone ElastiCache cluster (Memcached, or a single Redis node) cannot encrypt at rest." }]);
    },
});

/** Kinesis Data Streams: no server-side encryption unless encryptionType "KMS"; alias/aws/kinesis is AWS-managed. */
export const kinesisStream = resourceRule({
    name: "aws-enc-rest-cmk-kinesis-stream", cloud, controls, severity: "high", types: [T.kinesisStream],
    description: "A Kinesis data stream encrypts its records server-side with a customer-managed KMS key.",
    remediation: "Set encryptionType \"KMS\" and kmsKeyId to your key's ARN (not alias/aws/kinesis).",
    check: r => [...expect(r.props, "encryptionType", v => v === "KMS", "\"KMS\""), ...expectCmk(r.props, "kmsKeyId")],
});

/**
 * Firehose: a stream fed by a Kinesis data stream keeps the source's encryption (serverSideEncryption is not
 * allowed with kinesisSourceConfiguration; the stream is judged on its own); a Direct PUT stream buffers
 * records under its own key. Not applicable only when the source is a stream of this stack: a stream from
 * elsewhere is judged by nothing, so it is a finding ("cannot verify").
 */
export const firehoseStream = stackRule({
    name: "aws-enc-rest-cmk-firehose-stream", cloud, controls, severity: "high", judges: [T.firehoseStream],
    description: "A Firehose delivery stream fed by Direct PUT encrypts buffered records with a customer-managed KMS key; one fed by a Kinesis data stream reads a stream of this stack.",
    remediation: "Set serverSideEncryption {enabled: true, keyType: \"CUSTOMER_MANAGED_CMK\", keyArn: your key's ARN}, or feed it from an aws.kinesis.Stream of this stack.",
    check: stack => {
        const streams = new Lookup(stack.ofType(...T.kinesisStream), ["name"], streamKey);
        const wanted = "a Kinesis data stream of this stack (aws-enc-rest-cmk-kinesis-stream judges its encryption)";
        return stack.ofType(...T.firehoseStream).flatMap((r): Violation[] => {
            const source = r.props.kinesisSourceConfiguration;
            if (isUnknown(source)) return [{ property: "kinesisSourceConfiguration", found: source, wanted: "a known source", resource: r }];
            if (source === undefined || source === null) {
                return [
                    ...expect(r.props, "serverSideEncryption.enabled", terraformReads.on, "true", r),
                    ...expect(r.props, "serverSideEncryption.keyType", v => v === "CUSTOMER_MANAGED_CMK", "\"CUSTOMER_MANAGED_CMK\"", r),
                    ...expectCmk(r.props, "serverSideEncryption.keyArn", r),
                ];
            }
            const path = "kinesisSourceConfiguration.kinesisStreamArn";
            const found = streams.refer(r, "kinesisSourceConfiguration", [get(r.props, path)]);
            if (isUnknown(found)) return [{ property: path, found: UNKNOWN, wanted, resource: r }];
            if (!found.length) return [notInStack(r, path, wanted, "No Kinesis stream of this stack is that stream, so the encryption of the records it feeds cannot be checked.")];
            const names = found.map(t => `${t.type} "${t.name}"`).join(", ");
            return [{ property: path, found: get(r.props, path), wanted, resource: r,
                doesNotApply: `fed by ${names}, whose encryption applies (aws-enc-rest-cmk-kinesis-stream judges it)` }];
        });
    },
});

export const efsFileSystem = resourceRule({
    name: "aws-enc-rest-cmk-efs-file-system", cloud, controls, severity: "high", types: [T.efsFileSystem],
    description: "An EFS file system is encrypted at rest with a customer-managed KMS key (EFS encrypts nothing unless asked).",
    remediation: "Set encrypted true and kmsKeyId to your key's ARN (chosen at creation).",
    check: r => [...expect(r.props, "encrypted", terraformReads.on, "true"), ...expectCmk(r.props, "kmsKeyId")],
});

/** Queues, topics, secrets, serverless caches: encrypted by AWS's own key unless this one property names another. */
export const sqsQueue = keyProperty("aws-enc-rest-cmk-sqs-queue", T.sqsQueue, "kmsMasterKeyId", "SQS queue (sqsManagedSseEnabled is SQS's own key, not one)");
export const snsTopic = keyProperty("aws-enc-rest-cmk-sns-topic", T.snsTopic, "kmsMasterKeyId", "SNS topic");
/** A secret's versions (the values) are encrypted under the secret's key: judged with the secret they name. */
export const secret = stackRule({
    name: "aws-enc-rest-cmk-secret", cloud, controls, severity: "high",
    judges: [T.secret],
    reads: { secretId: [T.secretVersion] },
    description: "A Secrets Manager secret, and so every version of its value, is encrypted with a customer-managed KMS key (unset, it is the AWS-managed aws/secretsmanager).",
    remediation: "Set kmsKeyId to your customer-managed key's ARN.",
    check: stack => stack.ofType(...T.secret).flatMap(s => expectCmk(s.props, "kmsKeyId", s)),
});
export const elasticacheServerless = keyProperty("aws-enc-rest-cmk-elasticache-serverless", T.elasticacheServerless, "kmsKeyId", "ElastiCache serverless cache");

/**
 * EKS keeps Kubernetes Secrets in etcd; envelope encryption under a customer-managed key (encryptionConfig
 * with resources ["secrets"]) keeps them from anyone who reads etcd's storage with AWS's key (Security Hub EKS.3).
 */
export const eksCluster = resourceRule({
    name: "aws-enc-rest-cmk-eks-cluster", cloud, controls, severity: "high", types: [T.eksCluster],
    description: "An EKS cluster encrypts Kubernetes secrets with a customer-managed KMS key (encryptionConfig).",
    remediation: "Set encryptionConfig {provider: {keyArn: your key's ARN}, resources: [\"secrets\"]}.",
    check: r => [
        ...expect(r.props, "encryptionConfig.resources", v => Array.isArray(v) && v.includes("secrets"), "[\"secrets\"]"),
        ...expectCmk(r.props, "encryptionConfig.provider.keyArn"),
    ],
});

/**
 * Advisory, both: a Fargate task's ephemeral storage and a container image hold PHI only when the
 * application writes it there or it is baked into an image, which the program does not show; where they do,
 * the key is wanted (ECS managed storage: fargateEphemeralStorageKmsKeyId; ECR: encryptionType "KMS" with
 * kmsKey). A reviewer decides; an exemption names why the cluster or repository holds no PHI.
 */
export const ecsCluster = resourceRule({
    name: "aws-enc-rest-cmk-ecs-cluster", cloud, controls, severity: "medium", enforcement: "advisory", types: [T.ecsCluster],
    description: "An ECS cluster encrypts its Fargate tasks' ephemeral storage with a customer-managed KMS key (AWS's own key otherwise).",
    remediation: "Set configuration.managedStorageConfiguration.fargateEphemeralStorageKmsKeyId to your key's ARN (the key policy must let Fargate use it).",
    check: r => expectCmk(r.props, "configuration.managedStorageConfiguration.fargateEphemeralStorageKmsKeyId"),
});

export const ecrRepository = resourceRule({
    name: "aws-enc-rest-cmk-ecr-repository", cloud, controls, severity: "medium", enforcement: "advisory", types: [T.ecrRepository],
    description: "An ECR repository encrypts its images with a customer-managed KMS key (AES256, ECR's own key, otherwise).",
    remediation: "Set encryptionConfigurations [{encryptionType: \"KMS\", kmsKey: your key's ARN}] (chosen at creation).",
    check: r => {
        const list = r.props.encryptionConfigurations;
        if (isUnknown(list)) return [{ property: "encryptionConfigurations", found: list, wanted: "KMS with a customer-managed key" }];
        const at = Array.isArray(list) && list.length ? "encryptionConfigurations[0]" : "encryptionConfigurations";
        if (at === "encryptionConfigurations") return [{ property: at, found: list, wanted: "[{encryptionType: \"KMS\", kmsKey: a customer-managed key}]" }];
        return [...expect(r.props, `${at}.encryptionType`, v => v === "KMS" || v === "KMS_DSSE", "\"KMS\" or \"KMS_DSSE\""), ...expectCmk(r.props, `${at}.kmsKey`)];
    },
});

/** A custom EventBridge bus keeps events (often carrying record ids, sometimes PHI) for retries and archives: under kmsKeyIdentifier, AWS's key otherwise. */
export const eventBus = keyProperty("aws-enc-rest-cmk-event-bus", T.eventBus, "kmsKeyIdentifier", "custom EventBridge event bus");

/** Step Functions keeps each execution's input, output and state history (PHI, where the workflow carries it) under an AWS-owned key unless told otherwise. */
export const stateMachine = resourceRule({
    name: "aws-enc-rest-cmk-state-machine", cloud, controls, severity: "high", types: [T.sfnStateMachine],
    description: "A Step Functions state machine encrypts its executions' data with a customer-managed KMS key.",
    remediation: "Set encryptionConfiguration {type: \"CUSTOMER_MANAGED_KMS_KEY\", kmsKeyId: your key's ARN}.",
    check: r => [
        ...expect(r.props, "encryptionConfiguration.type", v => v === "CUSTOMER_MANAGED_KMS_KEY", "\"CUSTOMER_MANAGED_KMS_KEY\""),
        ...expectCmk(r.props, "encryptionConfiguration.kmsKeyId"),
    ],
});

/**
 * SSM parameters: a SecureString is encrypted under keyId (alias/aws/ssm unless set). A String or StringList is
 * not encrypted at all: fine for configuration, a finding when its name or value says it is a credential
 * (support/containers.ts credentialIn, the one reading of that), and otherwise not applicable.
 */
export const ssmParameter = resourceRule({
    name: "aws-enc-rest-cmk-ssm-parameter", cloud, controls, severity: "high", types: [T.ssmParameter],
    description: "An SSM SecureString parameter is encrypted with a customer-managed KMS key, and no credential is kept in a plain String parameter.",
    remediation: "Use type \"SecureString\" with keyId your key's ARN for anything secret.",
    check: r => {
        const type = r.props.type;
        if (isUnknown(type)) return [{ property: "type", found: type, wanted: "\"SecureString\" with a customer-managed key" }];
        if (type === "SecureString") return expectCmk(r.props, "keyId");
        const why = credentialIn(r.props.name, r.props.value ?? r.props.insecureValue)
            ?? ((r.secrets ?? []).includes("value") ? "the program marks its value secret" : undefined);
        if (why) return [{ property: "type", found: type, wanted: "\"SecureString\" with a customer-managed key", note: `A plain parameter keeps its value unencrypted, and ${why}.` }];
        if (isUnknown(r.props.name)) return [{ property: "name", found: r.props.name, wanted: "a known name (to tell configuration from a credential)" }];
        return notApplicable(`a ${JSON.stringify(type)} parameter holds configuration in the clear by design; nothing in its name or value says it is a credential`);
    },
});

/**
 * The Glue Data Catalog (databases, tables: schemas, locations, partition values) is encrypted per account
 * and region by aws.glue.DataCatalogEncryptionSettings, AWS's key unless it names one. A catalog resource is
 * judged by the settings of this stack; without them it cannot be verified.
 */
export const glueCatalog = stackRule({
    name: "aws-enc-rest-cmk-glue-catalog", cloud, controls, severity: "medium",
    judges: [T.glueCatalog, T.glueCatalogEncryption],
    description: "The Glue Data Catalog that holds a database or table of this stack is encrypted with a customer-managed KMS key (aws.glue.DataCatalogEncryptionSettings in this stack).",
    remediation: "Add an aws.glue.DataCatalogEncryptionSettings with encryptionAtRest {catalogEncryptionMode: \"SSE-KMS\", sseAwsKmsKeyId: your key's ARN}.",
    check: stack => {
        const path = "dataCatalogEncryptionSettings.encryptionAtRest";
        const settings = stack.ofType(...T.glueCatalogEncryption);
        const judged = settings.map(s => [s, [
            ...expect(s.props, `${path}.catalogEncryptionMode`, v => v === "SSE-KMS" || v === "SSE-KMS-WITH-SERVICE-ROLE", "\"SSE-KMS\"", s),
            ...expectCmk(s.props, `${path}.sseAwsKmsKeyId`, s),
        ]] as const);
        const good = judged.some(([, v]) => !v.length);
        const out: Violation[] = judged.flatMap(([, v]) => v);
        for (const c of stack.ofType(...T.glueCatalog)) {
            if (good) continue;
            out.push(settings.length
                ? { property: T.glueCatalogEncryption[0], found: "settings without a customer-managed key", wanted: "SSE-KMS with a customer-managed key", resource: c,
                    note: `See ${settings.map(s => `"${s.name}"`).join(", ")}.` }
                : { property: T.glueCatalogEncryption[0], found: undefined, wanted: "an aws.glue.DataCatalogEncryptionSettings of this stack with SSE-KMS and a customer-managed key", resource: c,
                    note: "The Data Catalog's encryption is an account setting this stack does not declare: it cannot be verified." });
        }
        return out;
    },
});

/**
 * Glue jobs and crawlers write to S3, CloudWatch Logs and job bookmarks under their security configuration
 * (AWS's keys without one): each names one, whose content aws-enc-rest-cmk-glue-security-configuration judges.
 */
export const glueJob = resourceRule({
    name: "aws-enc-rest-cmk-glue-job", cloud, controls, severity: "high", types: [T.glueJobOrCrawler],
    description: "A Glue job or crawler runs under a Glue security configuration (which encrypts what it writes with a customer-managed key).",
    remediation: "Set securityConfiguration to the name of an aws.glue.SecurityConfiguration with SSE-KMS for S3, CloudWatch Logs and job bookmarks.",
    check: r => expect(r.props, "securityConfiguration", isText, "the name of a Glue security configuration"),
});

export const glueSecurityConfiguration = resourceRule({
    name: "aws-enc-rest-cmk-glue-security-configuration", cloud, controls, severity: "high", types: [T.glueSecurityConfiguration],
    description: "A Glue security configuration encrypts S3 output (SSE-KMS), CloudWatch Logs and job bookmarks (CSE-KMS) with a customer-managed KMS key.",
    remediation: "Set encryptionConfiguration {s3Encryption: {s3EncryptionMode: \"SSE-KMS\", kmsKeyArn}, cloudwatchEncryption: {cloudwatchEncryptionMode: \"SSE-KMS\", kmsKeyArn}, jobBookmarksEncryption: {jobBookmarksEncryptionMode: \"CSE-KMS\", kmsKeyArn}}.",
    check: r => {
        const at = "encryptionConfiguration";
        return [
            ...expect(r.props, `${at}.s3Encryption.s3EncryptionMode`, v => v === "SSE-KMS", "\"SSE-KMS\""),
            ...expectCmk(r.props, `${at}.s3Encryption.kmsKeyArn`),
            ...expect(r.props, `${at}.cloudwatchEncryption.cloudwatchEncryptionMode`, v => v === "SSE-KMS", "\"SSE-KMS\""),
            ...expectCmk(r.props, `${at}.cloudwatchEncryption.kmsKeyArn`),
            ...expect(r.props, `${at}.jobBookmarksEncryption.jobBookmarksEncryptionMode`, v => v === "CSE-KMS", "\"CSE-KMS\""),
            ...expectCmk(r.props, `${at}.jobBookmarksEncryption.kmsKeyArn`),
        ];
    },
});

/** Athena writes query results (rows of the data queried) to S3: under SSE_KMS or CSE_KMS with a customer-managed key. */
export const athenaDatabase = resourceRule({
    name: "aws-enc-rest-cmk-athena-database", cloud, controls, severity: "high", types: [T.athenaDatabase],
    description: "An Athena database's query results are encrypted with a customer-managed KMS key.",
    remediation: "Set encryptionConfiguration {encryptionOption: \"SSE_KMS\", kmsKey: your key's ARN}.",
    check: r => [
        ...expect(r.props, "encryptionConfiguration.encryptionOption", v => v === "SSE_KMS" || v === "CSE_KMS", "\"SSE_KMS\" or \"CSE_KMS\""),
        ...expectCmk(r.props, "encryptionConfiguration.kmsKey"),
    ],
});

/** A canary's screenshots and HAR files show the pages it visits: under SSE_KMS with a customer-managed key. */
export const syntheticsCanary = resourceRule({
    name: "aws-enc-rest-cmk-synthetics-canary", cloud, controls, severity: "medium", types: [T.syntheticsCanary],
    description: "A CloudWatch Synthetics canary encrypts its artifacts (screenshots, HAR files, logs) with a customer-managed KMS key.",
    remediation: "Set artifactConfig {s3Encryption: {encryptionMode: \"SSE_KMS\", kmsKeyArn: your key's ARN}}.",
    check: r => [
        ...expect(r.props, "artifactConfig.s3Encryption.encryptionMode", v => v === "SSE_KMS", "\"SSE_KMS\""),
        ...expectCmk(r.props, "artifactConfig.s3Encryption.kmsKeyArn"),
    ],
});

/**
 * Resources whose key is one top-level property, which the rules above also judge. The "key of another
 * tenant" rule reads every one of them: a resource judged above but left out here went unjudged there.
 */
const topLevelKeys: readonly [readonly string[], string][] = [
    [T.emrCluster, "logEncryptionKmsKeyId"], [T.redshiftCluster, "kmsKeyId"], [rdsDatabaseTypes, "kmsKeyId"],
    [T.cloudtrailTrail, "kmsKeyId"], [T.logGroup, "kmsKeyId"], [T.backupVault, "kmsKeyArn"],
    [T.lambdaFunction, "kmsKeyArn"], [T.ebsVolume, "kmsKeyId"], [T.elasticacheReplicationGroup, "kmsKeyId"], [T.kinesisStream, "kmsKeyId"],
    [T.efsFileSystem, "kmsKeyId"], [T.eventBus, "kmsKeyIdentifier"], [T.sqsQueue, "kmsMasterKeyId"], [T.snsTopic, "kmsMasterKeyId"], [T.secret, "kmsKeyId"], [T.elasticacheServerless, "kmsKeyId"],
];

type KeyUse = [readonly string[], string, (r: PolicyResource) => [string, unknown][]];

/** Where resources name a KMS key: type → [top-level property (its dependencies say which resource it came from), path]. */
const keyUses: readonly KeyUse[] = [
    [T.s3Sse, "rules", r => (Array.isArray(r.props.rules) ? r.props.rules : [])
        .map((_, i) => [`rules[${i}].applyServerSideEncryptionByDefault.kmsMasterKeyId`, get(r.props, `rules[${i}].applyServerSideEncryptionByDefault.kmsMasterKeyId`)])],
    [T.s3Bucket, "serverSideEncryptionConfiguration", r => [["serverSideEncryptionConfiguration.rule.applyServerSideEncryptionByDefault.kmsMasterKeyId",
        get(r.props, "serverSideEncryptionConfiguration.rule.applyServerSideEncryptionByDefault.kmsMasterKeyId")]]],
    [T.emrSecurityConfiguration, "configuration", r => {
        const config = parseJson(r.props.configuration);
        if (isUnknown(config)) return [["configuration", config]];
        const atRest = "EncryptionConfiguration.AtRestEncryptionConfiguration";
        return [`${atRest}.S3EncryptionConfiguration.AwsKmsKey`, `${atRest}.LocalDiskEncryptionConfiguration.AwsKmsKey`]
            .map(p => [`configuration.${p}`, get(config, p)]);
    }],
    [T.cloudcontrolResource, "desiredState", r => {
        if (isCloudControlType(r, CFN_S3_BUCKET)) {
            const props = desiredProps(r);
            if (isUnknown(props)) return [["desiredState", props]];
            const path = "desiredState.BucketEncryption.ServerSideEncryptionConfiguration";
            const rules = get(props, path);
            return (Array.isArray(rules) ? rules : []).map((_, i): [string, unknown] =>
                [`${path}[${i}].${cloudControlSse.byDefault}.${cloudControlSse.key}`, get(props, `${path}[${i}].${cloudControlSse.byDefault}.${cloudControlSse.key}`)]);
        }
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
        const keys = [...stack.ofType(...kmsKeyTypes, ...T.kmsAlias), ...stack.ofType(...T.cloudcontrolResource).filter(r => isCloudControlType(r, CFN_KMS_KEY))];
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

/**
 * A KMS alias stands for its key wherever a resource names it (`alias/<name>` in kmsKeyId, and the
 * key-tenant rule above counts an alias of this stack as one of its keys): an alias of this stack that
 * targets a key from elsewhere would let PHI be encrypted under a key the stack does not govern.
 */
export const kmsAlias = stackRule({
    name: "aws-enc-rest-cmk-kms-alias", cloud, controls, severity: "high",
    judges: [T.kmsAlias],
    description: "A KMS alias targets a customer-managed key created in this stack, so whatever is encrypted under the alias uses the hospital's own key.",
    remediation: "Set the alias's targetKeyId to the keyId of an aws.kms.Key of this stack.",
    check: stack => stack.ofType(...T.kmsAlias).flatMap((a): Violation[] => {
        if (stack.targetsOf(a, "targetKeyId", kmsKeyTypes, ["keyId", "arn", "id"]).length) return [];
        return [notInStack(a, "targetKeyId", "the keyId of a customer-managed key created in this stack",
            "No aws:kms/key of this stack is that key: what the alias encrypts under cannot be verified.")];
    }),
});

export const rules: Rule[] = [
    kmsAlias, s3Bucket, kmsKey, cloudControlKmsKey, cloudControlS3Bucket, emrSecurityConfiguration, emrCluster, redshiftCluster, rdsDatabase, healthImagingDatastore,
    cloudtrailTrail, logGroup, backupVault, keyTenantRule, lambdaFunction, lambdaLogGroup,
    ec2Instance, ec2LaunchTemplate, ec2LaunchConfiguration, ebsVolumeRule,
    dynamodbTable, elasticacheReplicationGroup, elasticacheCluster, elasticacheServerless, kinesisStream, firehoseStream, efsFileSystem, sqsQueue, snsTopic, secret,
    eksCluster, ecsCluster, ecrRepository, eventBus, stateMachine, ssmParameter, glueCatalog,
    glueJob, glueSecurityConfiguration, athenaDatabase, syntheticsCanary,
];
