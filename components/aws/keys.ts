// Keys: the tenant's customer-managed KMS key for PHI and the logs about it (ENC-REST-CMK), rotated
// every 90 days (KEY-ROTATION), with a key policy that names who may administer it and which AWS
// services may use it (LEAST-PRIVILEGE), and a 30-day deletion window (DELETION-PROTECTION).
import * as pulumi from "@pulumi/pulumi";
import * as kms from "@pulumi/aws/kms";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import { getPartitionOutput } from "@pulumi/aws/getPartition";
import { baseTags, CommonArgs, physicalName, statefulOptions } from "../naming";
import { assertArgs, principalsProblem } from "../problems";

export interface KeysArgs extends CommonArgs {
    /** IAM principal ARNs that administer the key (hospital:admins). Default none (then only the account root). */
    admins?: string[];
    /** Region, for the CloudWatch Logs service principal logs.<region>.amazonaws.com. */
    region: string;
    /** What the key encrypts, in its alias `alias/<tenant>-<purpose>`; default "phi". */
    purpose?: string;
    /**
     * Lake Formation reads the data it vends to research partners with its service-linked role, which
     * may then decrypt with this key (nothing else); default false (ResearchShare's key only).
     */
    lakeFormationRead?: boolean;
}

/** KMS rotates the key material every 90 days, the shortest period it allows (KEY-ROTATION; G7). */
export const keyRotationDays = 90;
/** The longest deletion window KMS allows: 30 days to cancel a mistaken deletion (DELETION-PROTECTION). */
export const keyDeletionWindowDays = 30;

/**
 * The name of the tenant's CloudTrail trail. It lives here because the key policy must name the trail
 * (aws:SourceArn) before the trail exists; components/aws/audit.ts creates the trail with this name.
 */
export function auditTrailName(tenant: string): string {
    return physicalName(tenant, "audit-trail", 128);
}

/** The account and partition a component deploys into, read from the provider's credentials. */
export interface AwsAccount { accountId: pulumi.Output<string>; partition: pulumi.Output<string> }

export function awsAccount(parent: pulumi.Resource): AwsAccount {
    return {
        accountId: getCallerIdentityOutput({}, { parent }).accountId,
        partition: getPartitionOutput({}, { parent }).partition,
    };
}

/** What the key policy is built from: all plain values, so the document can be tested on its own. */
export interface KeyPolicyInputs {
    partition: string;
    accountId: string;
    region: string;
    tenant: string;
    admins: string[];
    /** KeysArgs.lakeFormationRead. */
    lakeFormationRead?: boolean;
}

/**
 * The key policy (JSON-ready). Administrators may manage the key but not use it: no kms:Encrypt,
 * kms:Decrypt or kms:CreateGrant, so an admin cannot read PHI without changing the policy (which
 * CloudTrail records). Services are allowed only with the conditions AWS documents for them.
 */
export function keyPolicyDocument(p: KeyPolicyInputs): { Version: string; Statement: any[] } {
    const root = `arn:${p.partition}:iam::${p.accountId}:root`;
    const trailArn = `arn:${p.partition}:cloudtrail:${p.region}:${p.accountId}:trail/${auditTrailName(p.tenant)}`;
    const statements: any[] = [
        {
            // The account root keeps full control, as in AWS's default key policy: without it the key
            // could become unmanageable, and IAM policies in the account could grant nothing.
            Sid: "EnableAccountRootAndIamPolicies",
            Effect: "Allow",
            Principal: { AWS: root },
            Action: "kms:*",
            Resource: "*",
        },
    ];
    if (p.admins.length) {
        statements.push({
            Sid: "AllowKeyAdministration",
            Effect: "Allow",
            Principal: { AWS: p.admins },
            Action: keyAdministrationActions,
            Resource: "*",
        });
    }
    statements.push(
        {
            // CloudTrail encrypts log files for this tenant's trail only (CloudTrail User Guide,
            // "Configure AWS KMS key policies for CloudTrail").
            Sid: "AllowCloudTrailToEncryptLogs",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "kms:GenerateDataKey*",
            Resource: "*",
            Condition: {
                StringEquals: { "aws:SourceArn": trailArn },
                StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:${p.partition}:cloudtrail:*:${p.accountId}:trail/*` },
            },
        },
        {
            Sid: "AllowCloudTrailToDescribeKey",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "kms:DescribeKey",
            Resource: "*",
            Condition: { StringEquals: { "aws:SourceArn": trailArn } },
        },
        {
            // CloudWatch Logs encrypts this account's log groups in this region (audit trail copy, VPC
            // flow logs) (CloudWatch Logs User Guide, "Encrypt log data in CloudWatch Logs using AWS KMS").
            Sid: "AllowCloudWatchLogsForThisAccount",
            Effect: "Allow",
            Principal: { Service: `logs.${p.region}.amazonaws.com` },
            Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
            Resource: "*",
            Condition: {
                ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:${p.partition}:logs:${p.region}:${p.accountId}:log-group:*` },
            },
        },
    );
    if (p.lakeFormationRead) {
        // Lake Formation's data access role for registered locations (Lake Formation Developer Guide,
        // "Registering an encrypted Amazon S3 location"): decrypt only, for S3 in this account and region.
        statements.push({
            Sid: "AllowLakeFormationToReadRegisteredData",
            Effect: "Allow",
            Principal: { AWS: `arn:${p.partition}:iam::${p.accountId}:role/aws-service-role/lakeformation.amazonaws.com/AWSServiceRoleForLakeFormationDataAccess` },
            Action: ["kms:Decrypt", "kms:DescribeKey"],
            Resource: "*",
            Condition: { StringEquals: { "kms:ViaService": `s3.${p.region}.amazonaws.com`, "kms:CallerAccount": p.accountId } },
        });
    }
    return { Version: "2012-10-17", Statement: statements };
}

/** Managing the key, without using it (no Encrypt, Decrypt, GenerateDataKey or CreateGrant). */
const keyAdministrationActions = [
    "kms:DescribeKey", "kms:GetKeyPolicy", "kms:PutKeyPolicy", "kms:GetKeyRotationStatus", "kms:EnableKeyRotation",
    "kms:ListKeyRotations", "kms:RotateKeyOnDemand", "kms:EnableKey", "kms:DisableKey", "kms:UpdateKeyDescription",
    "kms:ListResourceTags", "kms:TagResource", "kms:UntagResource", "kms:ListAliases", "kms:CreateAlias", "kms:UpdateAlias",
    "kms:DeleteAlias", "kms:ListGrants", "kms:RevokeGrant", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion",
];

/** Every problem with the arguments, naming the argument; [] when they hold. */
export function keysProblems(args: KeysArgs): string[] {
    const problems: string[] = [];
    const admins = principalsProblem("aws", "admins", args.admins);
    if (admins) problems.push(admins);
    if (args.purpose !== undefined && !/^[a-z0-9][a-z0-9-]*$/.test(args.purpose)) {
        problems.push(`'purpose' must be lower-case letters, digits and '-' (it is part of the key's alias); got ${JSON.stringify(args.purpose)}.`);
    }
    if (typeof args.region !== "string" || !/^[a-z]{2}(-[a-z]+)+-\d$/.test(args.region)) problems.push(`'region' must be an AWS region such as us-east-1; got ${JSON.stringify(args.region)}.`);
    return problems;
}

export class Keys extends pulumi.ComponentResource {
    public readonly key: kms.Key;
    public readonly keyArn: pulumi.Output<string>;
    public readonly keyId: pulumi.Output<string>;
    public readonly aliasName: pulumi.Output<string>;

    constructor(name: string, args: KeysArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hipaa-cloud:aws:Keys", name, {}, opts);
        assertArgs("Keys", name, args, keysProblems(args));
        const account = awsAccount(this);
        const policy = pulumi.all([account.partition, account.accountId]).apply(([partition, accountId]) =>
            JSON.stringify(keyPolicyDocument({ partition, accountId, region: args.region, tenant: args.tenant, admins: args.admins ?? [], lakeFormationRead: args.lakeFormationRead })));

        this.key = new kms.Key(name, {
            description: args.purpose === undefined ? `${args.tenant}: PHI and audit-log encryption (hipaa-cloud)` : `${args.tenant}: ${args.purpose} encryption (hipaa-cloud)`,
            keyUsage: "ENCRYPT_DECRYPT", // ENC-REST-CMK: a symmetric key that S3, CloudTrail, Logs, EMR, Redshift accept
            customerMasterKeySpec: "SYMMETRIC_DEFAULT",
            enableKeyRotation: true, // KEY-ROTATION
            rotationPeriodInDays: keyRotationDays,
            deletionWindowInDays: keyDeletionWindowDays, // DELETION-PROTECTION
            multiRegion: false, // RESIDENCY: key material stays in the hospital's region
            isEnabled: true,
            policy,
            bypassPolicyLockoutSafetyCheck: false, // LEAST-PRIVILEGE: KMS refuses a policy that would lock the account out
            tags: baseTags(args),
        }, statefulOptions(this, args.environment));

        const alias = new kms.Alias(`${name}-alias`, {
            name: `alias/${args.tenant}-${args.purpose ?? "phi"}`,
            targetKeyId: this.key.keyId,
        }, { parent: this });

        this.keyArn = this.key.arn;
        this.keyId = this.key.keyId;
        this.aliasName = alias.name;
        this.registerOutputs({ keyArn: this.keyArn, keyId: this.keyId, aliasName: this.aliasName });
    }
}
