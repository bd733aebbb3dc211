// Processing: an EMR (Spark) cluster for PHI that is secure by default — every EMR row of
// CONTROLS.md 1b holds without any argument: encryption at rest (S3 SSE-KMS, local disk and EBS with
// the CMK) and in transit (TLS), Kerberos, IMDSv2, a private subnet with no public IPs, scoped roles
// with managed policies only, and encrypted, retained logs.
import * as pulumi from "@pulumi/pulumi";
import * as ec2 from "@pulumi/aws/ec2";
import * as emr from "@pulumi/aws/emr";
import * as iam from "@pulumi/aws/iam";
import * as vpc from "@pulumi/aws/vpc";
import * as random from "@pulumi/random";
import { ProcessingProfile, processingProfiles } from "../config";
import { bucketNameProblem, KeyArg, keyArg, resourceIdProblem } from "./existing";
import { CommonArgs, physicalName } from "../naming";
import { AwsAccount, awsAccount } from "./keys";
import { Storage } from "./storage";
import { assertArgs, oneOfProblem } from "../problems";
import { emrManagedPoliciesTag, processingPlan, securityConfigurationDocument, securityConfigurationName } from "./processing-plan";

export { dataPrefixes, defaultInstanceTypes, emrManagedPoliciesTag, emrReleaseLabel, kerberosRealm, primaryInstanceType, securityConfigurationDocument } from "./processing-plan";

export interface ProcessingArgs extends CommonArgs, KeyArg {
    /** The customer-managed KMS key for data, disks, logs and the TLS CA secret (ENC-REST-CMK). */
    key?: pulumi.Input<string>;
    vpcId: pulumi.Input<string>;
    /** A private subnet (no route to an internet gateway, no public IPs on launch). */
    subnetId: pulumi.Input<string>;
    /** The VPC's CIDR, for security-group rules that stay inside the network. */
    vpcCidr: string;
    /** Bucket receiving S3 server access logs of the cluster's own buckets. */
    accessLogBucket: pulumi.Input<string>;
    region: string;
    /** Default "analytics"; "genomics" = memory-optimised nodes (r-family) and its own data prefix in the data bucket. */
    profile?: ProcessingProfile;
    /** Core nodes; default 2. */
    workers?: number;
    /** Core node type; default per profile: analytics "m6i.xlarge" (4 vCPU, 16 GiB), genomics "r6i.2xlarge" (8 vCPU, 64 GiB). */
    instanceType?: string;
    /**
     * The stack that declares the account's EMR block-public-access configuration (one per account and
     * region); default: this stack. Another stack's name: this cluster relies on that stack's setting and
     * declares none, since two stacks declaring it would each reset it when destroyed.
     */
    accountSettingsStack?: string;
}

/** Every problem with the arguments, naming the argument; [] when they hold. */
export function processingProblems(args: ProcessingArgs): string[] {
    const problems: string[] = [];
    const workers = args.workers ?? 2;
    if (!Number.isInteger(workers) || workers < 1) problems.push(`'workers' must be a whole number of at least 1; got ${workers}.`);
    if (args.instanceType !== undefined && !/^[a-z][a-z0-9-]*\.[a-z0-9]+$/.test(args.instanceType)) {
        problems.push(`'instanceType' must be an EC2 instance type such as "m6i.xlarge"; got "${args.instanceType}".`);
    }
    if (!/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(args.vpcCidr)) problems.push(`'vpcCidr' must be an IPv4 CIDR; got "${args.vpcCidr}".`);
    problems.push(...[
        oneOfProblem("profile", args.profile ?? "analytics", processingProfiles),
        // The landing zone's key, network and log bucket, as given (components/aws/existing.ts).
        ...keyArg(args).problems,
        resourceIdProblem("vpcId", "vpc", args.vpcId),
        resourceIdProblem("subnetId", "subnet", args.subnetId),
        bucketNameProblem("accessLogBucket", args.accessLogBucket),
    ].filter((p): p is string => p !== undefined));
    return problems;
}

export class Processing extends pulumi.ComponentResource {
    public readonly clusterId: pulumi.Output<string>;
    /** The bucket the cluster reads and writes PHI in. */
    public readonly dataBucketName: pulumi.Output<string>;
    /** The profile's prefix in the data bucket ("" = the whole bucket, "genomics/" for genomics). */
    public readonly dataPrefix: string;
    public readonly logBucketName: pulumi.Output<string>;

    constructor(name: string, args: ProcessingArgs, opts?: pulumi.ComponentResourceOptions) {
        // The old name's type token, so that no URN changes (components/aws/deprecated.ts says why).
        super("hipaa-cloud:aws:ProcessingCluster", name, {}, opts);
        assertArgs("Processing", name, args, processingProblems(args));
        const key = keyArg(args).key;
        const plan = processingPlan(args, pulumi.getStack());
        const child = { parent: this };
        // The account and its partition (aws, aws-us-gov, aws-cn): AWS-managed policy ARNs carry the partition.
        const account = awsAccount(this);

        const bucket = (suffix: string, purpose: string) => new Storage(`${name}-${suffix}`, {
            tenant: args.tenant, environment: args.environment, tags: args.tags, purpose, key, accessLogBucket: args.accessLogBucket,
        }, child);
        const logs = bucket("logs", plan.buckets.logs);
        const data = bucket("data", plan.buckets.data);
        this.dataPrefix = plan.dataPrefix;

        if (plan.declaresBlockPublicAccess) {
            // PUBLIC-ACCESS, with no exception ranges (the AWS default would still permit port 22).
            new emr.BlockPublicAccessConfiguration(`${name}-block-public-access`, { blockPublicSecurityGroupRules: true }, child);
        }
        // The subnet belongs to the network component; one tag resource adds just EMR's key to it.
        const subnetTag = new ec2.Tag(`${name}-subnet-emr-tag`, { resourceId: args.subnetId, ...plan.subnetTag }, child);
        const groups = this.securityGroups(name, args, plan.tags);
        const roles = this.roles(name, args, key, plan.tags, account, { data: data.bucketArn, logs: logs.bucketArn }, this.dataPrefix);

        const document = pulumi.output(key).apply(key => JSON.stringify(securityConfigurationDocument(key, plan.tags)));
        const securityConfiguration = new emr.SecurityConfiguration(`${name}-security`, {
            name: document.apply(doc => securityConfigurationName(args.tenant, doc)),
            configuration: document,
        }, child);

        // IDENTITY-AUTHN: the KDC admin password. EMR takes it only as a plain cluster argument (no Secrets
        // Manager reference, no managed password as Redshift has), so it must pass through Pulumi: it is
        // generated here, never typed by a person, and RandomPassword's result is a Pulumi secret, so it
        // lands in state (and in the cluster's inputs) encrypted with the stack's secrets provider.
        const kdcAdminPassword = new random.RandomPassword(`${name}-kdc-admin`, plan.kdcAdminPassword, child);

        const cluster = new emr.Cluster(`${name}-cluster`, {
            ...plan.cluster,
            serviceRole: roles.service.arn,
            securityConfiguration: securityConfiguration.name, // ENC-REST-CMK, ENC-TRANSIT, IDENTITY-AUTHN
            kerberosAttributes: { realm: plan.realm, kdcAdminPassword: pulumi.secret(kdcAdminPassword.result) },
            ec2Attributes: {
                // NETWORK-PRIVATE: a private subnet; EMR launches nodes there without public IPs. A cluster in a
                // private subnet needs the service-access group for the EMR control plane to reach the primary.
                subnetId: args.subnetId,
                instanceProfile: roles.instanceProfile.arn,
                emrManagedMasterSecurityGroup: groups.primary.id,
                emrManagedSlaveSecurityGroup: groups.core.id,
                serviceAccessSecurityGroup: groups.serviceAccess.id,
            },
            // AUDIT-LOG + ENC-REST-CMK: step, application and node logs to the encrypted log bucket, with the CMK.
            logUri: pulumi.interpolate`s3://${logs.bucketName}/${plan.logPrefix}`,
            logEncryptionKmsKeyId: key,
        }, { parent: this, dependsOn: [subnetTag, ...groups.rules, ...roles.attachments] });

        this.clusterId = cluster.id;
        this.dataBucketName = data.bucketName;
        this.logBucketName = logs.bucketName;
        this.registerOutputs({ clusterId: this.clusterId, dataBucketName: this.dataBucketName, dataPrefix: this.dataPrefix, logBucketName: this.logBucketName });
    }

    /**
     * The three EMR-managed security groups, with no inline rules: EMR adds the intra-cluster rules it
     * needs to managed groups, and inline rules would make every refresh strip them. The rules declared
     * here are the ones a private-subnet cluster must have before launch (EMR Management Guide,
     * "service access security group"), plus egress that stays inside the VPC (endpoints) or goes to S3
     * through the gateway endpoint. No rule
     * admits 0.0.0.0/0 (NETWORK-PRIVATE, PUBLIC-ACCESS).
     */
    private securityGroups(name: string, args: ProcessingArgs, tags: Record<string, string>) {
        const sgTags = { ...tags, ...emrManagedPoliciesTag };
        const group = (role: string, description: string) => new ec2.SecurityGroup(`${name}-${role}`, {
            vpcId: args.vpcId, description, revokeRulesOnDelete: true, // EMR's own rules reference the groups crosswise
            tags: { ...sgTags, Name: physicalName(args.tenant, `emr-${role}`) },
        }, { parent: this });
        const primary = group("primary", "EMR primary node (EMR-managed rules)");
        const core = group("core", "EMR core and task nodes (EMR-managed rules)");
        const serviceAccess = group("service-access", "EMR service access to the primary node in a private subnet");
        const nodeGroups = { primary, core };
        const rule = { parent: this };
        // EMR adds only *inbound* rules to custom managed groups, and the provider removes AWS's
        // allow-all egress, so the nodes' way out is declared here: S3 through the VPC's gateway
        // endpoint (its managed prefix list), everything else inside the VPC.
        const s3 = ec2.getPrefixListOutput({ name: `com.amazonaws.${args.region}.s3` }, rule);
        const rules: pulumi.Resource[] = [
            new vpc.SecurityGroupIngressRule(`${name}-service-from-primary`, {
                securityGroupId: serviceAccess.id, referencedSecurityGroupId: primary.id,
                ipProtocol: "tcp", fromPort: 9443, toPort: 9443, description: "EMR primary to the service-access group", tags,
            }, rule),
            ...Object.entries(nodeGroups).map(([role, target]) => new vpc.SecurityGroupEgressRule(`${name}-service-to-${role}`, {
                securityGroupId: serviceAccess.id, referencedSecurityGroupId: target.id,
                ipProtocol: "tcp", fromPort: 8443, toPort: 8443, description: `EMR service to the ${role} nodes`, tags,
            }, rule)),
            ...Object.entries(nodeGroups).map(([role, source]) => new vpc.SecurityGroupEgressRule(`${name}-${role}-to-vpc`, {
                securityGroupId: source.id, cidrIpv4: args.vpcCidr,
                ipProtocol: "-1", description: "Inside the VPC only: nodes and the VPC endpoints", tags,
            }, rule)),
            ...Object.entries(nodeGroups).map(([role, source]) => new vpc.SecurityGroupEgressRule(`${name}-${role}-to-s3`, {
                securityGroupId: source.id, prefixListId: s3.id,
                ipProtocol: "tcp", fromPort: 443, toPort: 443, description: "S3 through the VPC gateway endpoint", tags,
            }, rule)),
        ];
        return { primary, core, serviceAccess, rules };
    }

    /**
     * LEAST-PRIVILEGE: the EMR service role and the nodes' instance role, with managed policies only
     * (no inline policies), every action named (no "*"), every resource this cluster's buckets and key.
     */
    private roles(name: string, args: ProcessingArgs, key: pulumi.Input<string>, tags: Record<string, string>, account: AwsAccount,
        buckets: { data: pulumi.Output<string>; logs: pulumi.Output<string> }, dataPrefix: string) {
        const opts = { parent: this };
        const trust = (service: string, condition?: object) => JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole", ...(condition ? { Condition: condition } : {}) }],
        });
        const service = new iam.Role(`${name}-service-role`, {
            description: "EMR service role of the hospital's processing cluster",
            // Confused-deputy guard: only EMR acting for this account may assume it.
            assumeRolePolicy: account.accountId.apply(id => trust("elasticmapreduce.amazonaws.com", { StringEquals: { "aws:SourceAccount": id } })),
            tags,
        }, opts);
        const nodes = new iam.Role(`${name}-node-role`, {
            description: "Instance role of the processing cluster's nodes",
            assumeRolePolicy: trust("ec2.amazonaws.com"),
            tags,
        }, opts);
        const instanceProfile = new iam.InstanceProfile(`${name}-node-profile`, { role: nodes.name, tags }, opts);

        const keyUse = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:DescribeKey"];
        const servicePolicy = new iam.Policy(`${name}-service-policy`, {
            description: "EMR service: pass the node role to EC2, and use the CMK for EBS volumes of the cluster",
            policy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [
                    // AmazonEMRServicePolicy_v2 may pass only EMR_EC2_DefaultRole; this cluster's node role is its own.
                    { Sid: "PassNodeRole", Effect: "Allow", Action: ["iam:PassRole"], Resource: nodes.arn,
                        Condition: { StringLike: { "iam:PassedToService": "ec2.amazonaws.com*" } } },
                    // EnableEbsEncryption: EMR (the service role) creates the encrypted volumes with the CMK.
                    { Sid: "EbsEncryptionWithCmk", Effect: "Allow", Action: keyUse, Resource: key },
                    { Sid: "EbsGrantsForAwsResources", Effect: "Allow", Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
                        Resource: key, Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } } },
                ],
            }),
            tags,
        }, opts);
        const dataObjects = pulumi.interpolate`${buckets.data}/${dataPrefix}*`;
        const nodePolicy = new iam.Policy(`${name}-node-policy`, {
            description: "Processing nodes: read and write the profile's data, write logs, use the CMK",
            policy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [
                    { Sid: "ListData", Effect: "Allow", Action: ["s3:ListBucket", "s3:GetBucketLocation"], Resource: buckets.data,
                        ...(dataPrefix ? { Condition: { StringLike: { "s3:prefix": [`${dataPrefix}*`] } } } : {}) },
                    { Sid: "ReadWriteData", Effect: "Allow", Resource: dataObjects,
                        Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"] },
                    { Sid: "WriteLogs", Effect: "Allow", Action: ["s3:PutObject", "s3:GetBucketLocation", "s3:ListBucket"],
                        Resource: [buckets.logs, pulumi.interpolate`${buckets.logs}/emr/*`] },
                    { Sid: "UseCmk", Effect: "Allow", Action: keyUse, Resource: key },
                ],
            }),
            tags,
        }, opts);
        const attachments = [
            new iam.RolePolicyAttachment(`${name}-service-managed`, {
                role: service.name, policyArn: pulumi.interpolate`arn:${account.partition}:iam::aws:policy/service-role/AmazonEMRServicePolicy_v2`,
            }, opts),
            new iam.RolePolicyAttachment(`${name}-service-scoped`, { role: service.name, policyArn: servicePolicy.arn }, opts),
            new iam.RolePolicyAttachment(`${name}-node-scoped`, { role: nodes.name, policyArn: nodePolicy.arn }, opts),
        ];
        return { service, nodes, instanceProfile, attachments };
    }
}
