// ImageAnalysis: medical images analysed with Amazon Rekognition's stateless detect calls (DetectLabels,
// DetectText, DetectModerationLabels) without leaving the hospital's network or encryption. Nothing is
// deployed "in" Rekognition: the component gives the workloads a private path to it and an identity that
// may use it on the hospital's images only.
// - NETWORK-PRIVATE: an interface VPC endpoint for `com.amazonaws.<region>.rekognition` with private DNS,
//   so the SDKs' default endpoint resolves inside the VPC; its endpoint policy admits only the detect
//   calls, by this account's principals.
// - LEAST-PRIVILEGE: the workload role reads the bucket's input prefix, writes its results prefix, and
//   uses the CMK only through S3 (`kms:ViaService`).
// - ENC-REST-CMK: images and results live in an Storage with the tenant's CMK. Rekognition
//   reads the image from S3 itself, with the caller's permissions (a forward access session), so the
//   bucket must stay in the same region and its policy must not deny requests that do not come
//   through the VPC endpoint (`aws:SourceVpce`) without excepting `aws:ViaAWSService`: Rekognition's
//   read does not pass the endpoint. Storage's policy has no such statement.
// - AUDIT-LOG: CloudTrail records every Rekognition API call as a management event (Rekognition Developer
//   Guide, "Logging Amazon Rekognition API calls with AWS CloudTrail"), so the platform's trail (Audit) holds
//   who analysed what; the bucket's object reads and writes are its S3 data events and server access logs.
// - AI-DATA-USE: AWS may store content sent to Rekognition and use it to improve its services unless
//   an AWS Organizations AI services opt-out policy covers the account. That policy is an organisation
//   setting, made from the management account (or a delegated administrator) and attached to a root,
//   OU or account; a hospital's stack runs in a member account and cannot make it. So the component
//   creates and attaches it only when told where (`aiOptOutTargetId`, which needs those rights); else
//   the organisation declares it and the pack reports, as an advisory finding on every run, that this
//   stack cannot show it (policies/aws/ai-data-use.ts).
import * as pulumi from "@pulumi/pulumi";
import * as ec2 from "@pulumi/aws/ec2";
import * as iam from "@pulumi/aws/iam";
import * as organizations from "@pulumi/aws/organizations";
import { aiOptOutContent, aiOptOutPolicyType } from "../../facts/aws";
import { baseTags, CommonArgs } from "../naming";
import { awsAccount } from "./keys";
import { endpointSecurityGroup } from "./network";
import { Storage } from "./storage";
import { assertArgs } from "../problems";
import { KeyArg, keyArg } from "./existing";

export interface ImageAnalysisArgs extends CommonArgs, KeyArg {
    /** The customer-managed KMS key of the images and results (ENC-REST-CMK). */
    key?: pulumi.Input<string>;
    /** Bucket receiving S3 server access logs of the analysis bucket (AUDIT-LOG). */
    accessLogBucket: pulumi.Input<string>;
    /** The region: Rekognition reads images only from a bucket of its own region. */
    region: string;
    /** The VPC the workloads run in. */
    vpcId: pulumi.Input<string>;
    /** Private subnets for the endpoint's network interfaces. */
    subnetIds: pulumi.Input<string>[];
    /**
     * Security group of the interface endpoints (HTTPS from the VPC only: Network.endpointSecurityGroupId);
     * default: one of its own admitting HTTPS from `vpcCidr` (a landing zone's VPC has no Network).
     */
    endpointSecurityGroupId?: pulumi.Input<string>;
    /** The VPC's CIDR, for the endpoint security group made when endpointSecurityGroupId is not given. */
    vpcCidr?: pulumi.Input<string>;
    /** Key prefix of the images to analyse; default `input/`. */
    inputPrefix?: string;
    /** Key prefix the results are written under; default `results/`. */
    resultsPrefix?: string;
    /**
     * Principals that may assume the workload role (IAM role or account ARNs); default this account's root,
     * i.e. the account's principals that an IAM policy lets assume it.
     */
    workloadPrincipals?: pulumi.Input<string>[];
    /**
     * The AWS Organizations root, OU or account id (`r-…`, `ou-…`, 12 digits) to attach the AI services
     * opt-out policy to; default none: the organisation declares it (see the comment at the top).
     */
    aiOptOutTargetId?: string;
}

/** The detect calls the endpoint and the role allow: stateless, nothing is kept in Rekognition. */
export const detectActions = ["rekognition:DetectLabels", "rekognition:DetectText", "rekognition:DetectModerationLabels"];
const prefixPattern = /^[a-z0-9][a-z0-9/_-]*\/$/;
const optOutTarget = /^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|\d{12})$/;

/** Every problem with ImageAnalysisArgs, naming the argument; [] when they hold. */
export function imageAnalysisProblems(args: ImageAnalysisArgs): string[] {
    const problems = keyArg(args).problems.filter((p): p is string => p !== undefined);
    const input = args.inputPrefix ?? "input/", results = args.resultsPrefix ?? "results/";
    for (const [key, value] of [["inputPrefix", input], ["resultsPrefix", results]] as const) {
        if (!prefixPattern.test(value)) problems.push(`'${key}' must be lower-case letters, digits, '/', '_' or '-' ending in '/' (e.g. "input/"); got ${JSON.stringify(value)}.`);
    }
    if (input.startsWith(results) || results.startsWith(input)) {
        problems.push(`'inputPrefix' ${JSON.stringify(input)} and 'resultsPrefix' ${JSON.stringify(results)} must not contain one another: the role reads one and writes the other.`);
    }
    if (args.aiOptOutTargetId !== undefined && !optOutTarget.test(args.aiOptOutTargetId)) {
        problems.push(`'aiOptOutTargetId' must be an AWS Organizations root (r-...), OU (ou-...-...) or account id (12 digits); got ${JSON.stringify(args.aiOptOutTargetId)}.`);
    }
    if (args.endpointSecurityGroupId === undefined && args.vpcCidr === undefined) {
        problems.push("'endpointSecurityGroupId' or 'vpcCidr' must be given: the Rekognition endpoint admits HTTPS from the VPC only, through that group or one made for that CIDR.");
    }
    return problems;
}

export class ImageAnalysis extends pulumi.ComponentResource {
    /** The endpoint the workloads call (its private DNS name resolves to the VPC endpoint). */
    public readonly endpoint: pulumi.Output<string>;
    /** The identity allowed to call it: the workload role's ARN. */
    public readonly callerIdentity: pulumi.Output<string>;
    /** Where images are read from and results written to: `s3://<bucket>/` with the two prefixes. */
    public readonly bucketName: pulumi.Output<string>;
    public readonly vpcEndpointId: pulumi.Output<string>;

    constructor(name: string, args: ImageAnalysisArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hipaa-cloud:aws:ImageAnalysis", name, {}, opts);
        assertArgs("ImageAnalysis", name, args, imageAnalysisProblems(args));
        const key = keyArg(args).key;
        const tags = baseTags(args);
        const child = { parent: this };
        const { accountId, partition } = awsAccount(this);
        const inputPrefix = args.inputPrefix ?? "input/", resultsPrefix = args.resultsPrefix ?? "results/";
        const thisAccountOnly = { StringEquals: { "aws:PrincipalAccount": accountId } };

        const bucket = new Storage(`${name}-images`, {
            tenant: args.tenant, environment: args.environment, tags: args.tags, purpose: "analysis",
            key, accessLogBucket: args.accessLogBucket,
        }, child);

        const endpointGroupId = args.endpointSecurityGroupId ?? endpointSecurityGroup(name, args.vpcId, args.vpcCidr as pulumi.Input<string>, tags,
            { ...tags, Name: `${args.tenant}-analysis-endpoints` }, this);
        const endpoint = new ec2.VpcEndpoint(`${name}-rekognition`, {
            vpcId: args.vpcId,
            serviceName: `com.amazonaws.${args.region}.rekognition`,
            vpcEndpointType: "Interface",
            privateDnsEnabled: true,
            subnetIds: args.subnetIds,
            securityGroupIds: [endpointGroupId],
            policy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [{ Sid: "DetectOnlyThisAccount", Effect: "Allow", Principal: "*", Action: detectActions, Resource: "*", Condition: thisAccountOnly }],
            }),
            tags: { ...tags, Name: `${args.tenant}-rekognition` },
        }, child);

        const role = new iam.Role(`${name}-workload`, {
            description: `${args.tenant}: analyses images of the analysis bucket with Rekognition`,
            assumeRolePolicy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [{
                    Effect: "Allow",
                    Principal: { AWS: args.workloadPrincipals ?? [pulumi.interpolate`arn:${partition}:iam::${accountId}:root`] },
                    Action: "sts:AssumeRole",
                }],
            }),
            tags,
        }, child);
        const viaS3 = { StringEquals: { "kms:ViaService": `s3.${args.region}.amazonaws.com` } };
        const policy = new iam.Policy(`${name}-workload`, {
            description: `${args.tenant}: Rekognition detect calls on the analysis bucket's input, results to its results prefix`,
            policy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [
                    // The detect operations list no resource type in the Service Authorization Reference (as CompareFaces does not):
                    // "*" is the only Resource they take.
                    { Sid: "DetectOnly", Effect: "Allow", Action: detectActions, Resource: "*" },
                    { Sid: "ReadInput", Effect: "Allow", Action: ["s3:GetObject"], Resource: pulumi.interpolate`${bucket.bucketArn}/${inputPrefix}*` },
                    { Sid: "WriteResults", Effect: "Allow", Action: ["s3:PutObject"], Resource: pulumi.interpolate`${bucket.bucketArn}/${resultsPrefix}*` },
                    // SSE-KMS objects: S3 decrypts and encrypts with the CMK on the role's behalf, and only S3 may.
                    { Sid: "UseCmkThroughS3", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: key, Condition: viaS3 },
                ],
            }),
            tags,
        }, child);
        new iam.RolePolicyAttachment(`${name}-workload`, { role: role.name, policyArn: policy.arn }, child);

        if (args.aiOptOutTargetId !== undefined) {
            const optOut = new organizations.Policy(`${name}-ai-opt-out`, {
                name: `${args.tenant}-ai-services-opt-out`,
                description: "Opts every AWS AI service out of storing and using content to improve the service; child policies cannot opt back in",
                type: aiOptOutPolicyType,
                content: JSON.stringify(aiOptOutContent),
                tags,
            }, child);
            new organizations.PolicyAttachment(`${name}-ai-opt-out`, { policyId: optOut.id, targetId: args.aiOptOutTargetId }, child);
        }

        this.endpoint = pulumi.output(`https://rekognition.${args.region}.amazonaws.com`);
        this.callerIdentity = role.arn;
        this.bucketName = bucket.bucketName;
        this.vpcEndpointId = endpoint.id;
        this.registerOutputs({ endpoint: this.endpoint, callerIdentity: this.callerIdentity, bucketName: this.bucketName, vpcEndpointId: this.vpcEndpointId });
    }
}
