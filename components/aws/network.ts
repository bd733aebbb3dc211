// Network: the private network PHI services run in (NETWORK-PRIVATE). Two private subnets in two
// availability zones with no route to the internet, the default security group closed, every flow
// logged to an encrypted log group kept six years (AUDIT-LOG, RETENTION), and AWS APIs reached
// through VPC endpoints usable only by this account's principals.
import * as pulumi from "@pulumi/pulumi";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as ec2 from "@pulumi/aws/ec2";
import * as iam from "@pulumi/aws/iam";
import * as vpc from "@pulumi/aws/vpc";
import { getAvailabilityZonesOutput } from "@pulumi/aws/getAvailabilityZones";
import { getPartitionOutput } from "@pulumi/aws/getPartition";
import { baseTags, CommonArgs, isProtected, statefulOptions } from "../naming";
import { auditDaysArg } from "./audit";
import { awsAccount } from "./keys";
import { assertArgs } from "../problems";
import { KeyArg, keyArg } from "./existing";
import { defaultNetworkCidr, interfaceEndpointPolicy, interfaceEndpointsProblem, networkPlan, s3EndpointPolicy, subnetCidrsProblem, subnetCount } from "./network-plan";

export { defaultInterfaceEndpoints, defaultNetworkCidr, subnetCidrs, subnetCidrsProblem } from "./network-plan";

export interface NetworkArgs extends CommonArgs, KeyArg {
    /** Private address space; default 10.40.0.0/16. */
    cidr?: string;
    region: string;
    /** The CMK that encrypts the flow-log log group (ENC-REST-CMK). */
    key?: pulumi.Input<string>;
    /** Interface endpoints to create, by service suffix; default kms, logs, sts, secretsmanager, elasticmapreduce, redshift, medical-imaging, runtime-medical-imaging, dicom-medical-imaging. */
    interfaceEndpoints?: string[];
    /** Days flow logs (audit data) are kept, as on the other clouds; default 2192 (a CloudWatch retention value of six years or more, or 0). */
    auditDays?: number;
    /** @deprecated use auditDays */
    flowLogRetentionDays?: number;
}

/** Every problem with the arguments, naming the argument; [] when they hold. */
export function networkProblems(args: NetworkArgs): string[] {
    return [
        subnetCidrsProblem(args.cidr ?? defaultNetworkCidr, subnetCount),
        ...auditDaysArg(args, "flowLogRetentionDays").problems,
        ...keyArg(args).problems,
        interfaceEndpointsProblem(args.interfaceEndpoints),
    ].filter((p): p is string => p !== undefined);
}

export class Network extends pulumi.ComponentResource {
    public readonly vpcId: pulumi.Output<string>;
    public readonly privateSubnetIds: pulumi.Output<string>[];
    public readonly endpointSecurityGroupId: pulumi.Output<string>;

    constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hipaa-cloud:aws:Network", name, {}, opts);
        assertArgs("Network", name, args, networkProblems(args));
        const plan = networkPlan(args);
        const retentionDays = auditDaysArg(args, "flowLogRetentionDays").days;
        const tags = baseTags(args);
        const named = (suffix: string) => ({ ...tags, Name: `${args.tenant}-${suffix}` });
        const { accountId, partition } = awsAccount(this);
        const servicePrefix = pulumi.interpolate`${getPartitionOutput({}, { parent: this }).reverseDnsPrefix}.${args.region}`;

        const network = new ec2.Vpc(name, {
            cidrBlock: plan.cidr,
            // Interface endpoints with private DNS need both.
            enableDnsSupport: true,
            enableDnsHostnames: true,
            tags: named("vpc"),
        }, { parent: this });
        this.vpcId = network.id;

        // NETWORK-PRIVATE: AWS adds rules to a VPC's default security group; this takes them all away,
        // so nothing that falls back to the default group can talk to anything.
        new ec2.DefaultSecurityGroup(`${name}-default-closed`, {
            vpcId: network.id,
            ingress: [],
            egress: [],
            tags: named("default-closed"),
        }, { parent: this });

        const zones = getAvailabilityZonesOutput({ state: "available" }, { parent: this });
        // A route table with only the implicit local route: no internet or NAT gateway (PUBLIC-ACCESS).
        const routes = new ec2.RouteTable(`${name}-private`, { vpcId: network.id, tags: named("private") }, { parent: this });
        this.privateSubnetIds = plan.subnets.map(({ name: subnetName, cidrBlock }, i) => {
            const subnet = new ec2.Subnet(`${name}-${subnetName}`, {
                vpcId: network.id,
                cidrBlock,
                availabilityZone: zones.names[i],
                mapPublicIpOnLaunch: false, // PUBLIC-ACCESS: nothing launched here gets a public IP
                tags: named(subnetName),
            }, { parent: this });
            new ec2.RouteTableAssociation(`${name}-${subnetName}`, { subnetId: subnet.id, routeTableId: routes.id }, { parent: this });
            return subnet.id;
        });

        this.flowLogs(name, args, plan.flowLogGroupName, network, retentionDays, accountId, partition, tags);

        new ec2.VpcEndpoint(`${name}-s3`, {
            vpcId: network.id,
            serviceName: pulumi.interpolate`${servicePrefix}.s3`,
            vpcEndpointType: "Gateway",
            routeTableIds: [routes.id],
            policy: pulumi.all([partition, accountId]).apply(([p, account]) => JSON.stringify(s3EndpointPolicy(p, args.region, account))),
            tags: named("s3"),
        }, { parent: this });

        const endpointGroupId = endpointSecurityGroup(name, network.id, plan.cidr, tags, named("endpoints"), this);
        this.endpointSecurityGroupId = endpointGroupId;

        for (const service of plan.interfaceEndpoints) {
            new ec2.VpcEndpoint(`${name}-${service}`, {
                vpcId: network.id,
                serviceName: pulumi.interpolate`${servicePrefix}.${service}`,
                vpcEndpointType: "Interface",
                privateDnsEnabled: true, // the SDKs' default hostnames resolve to the endpoint
                subnetIds: this.privateSubnetIds,
                securityGroupIds: [endpointGroupId],
                policy: accountId.apply(account => JSON.stringify(interfaceEndpointPolicy(account))),
                tags: named(service),
            }, { parent: this });
        }

        this.registerOutputs({ vpcId: this.vpcId, privateSubnetIds: this.privateSubnetIds, endpointSecurityGroupId: this.endpointSecurityGroupId });
    }

    /** AUDIT-LOG: every accepted and rejected flow, to a KMS-encrypted log group kept for the retention period. */
    private flowLogs(name: string, args: NetworkArgs, logGroupName: string, network: ec2.Vpc, retentionDays: number,
        accountId: pulumi.Output<string>, partition: pulumi.Output<string>, tags: Record<string, string>): void {
        const logGroup = new cloudwatch.LogGroup(`${name}-flow-logs`, {
            name: logGroupName,
            kmsKeyId: keyArg(args).key,
            retentionInDays: retentionDays,
            deletionProtectionEnabled: isProtected(args.environment), // explicit either way (CONTROLS.md G8)
            tags,
        }, statefulOptions(this, args.environment));
        const role = new iam.Role(`${name}-flow-logs`, {
            description: `${args.tenant}: lets VPC Flow Logs write to its log group`,
            assumeRolePolicy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [{
                    Effect: "Allow",
                    Principal: { Service: "vpc-flow-logs.amazonaws.com" },
                    Action: "sts:AssumeRole",
                    // Confused-deputy guard: only flow logs of this account and region.
                    Condition: {
                        StringEquals: { "aws:SourceAccount": accountId },
                        ArnLike: { "aws:SourceArn": pulumi.interpolate`arn:${partition}:ec2:${args.region}:${accountId}:vpc-flow-log/*` },
                    },
                }],
            }),
            tags,
        }, { parent: this });
        // LEAST-PRIVILEGE: a managed policy scoped to the one log group, no inline policy.
        const policy = new iam.Policy(`${name}-flow-logs`, {
            description: `${args.tenant}: write VPC flow logs to their log group`,
            policy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [{
                    Effect: "Allow",
                    Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
                    Resource: [logGroup.arn, pulumi.interpolate`${logGroup.arn}:log-stream:*`],
                }],
            }),
            tags,
        }, { parent: this });
        const attachment = new iam.RolePolicyAttachment(`${name}-flow-logs`, { role: role.name, policyArn: policy.arn }, { parent: this });
        new ec2.FlowLog(`${name}-flow-logs`, {
            vpcId: network.id,
            trafficType: "ALL",
            logDestinationType: "cloud-watch-logs",
            logDestination: logGroup.arn,
            iamRoleArn: role.arn,
            maxAggregationInterval: 60,
            tags,
        }, { parent: this, dependsOn: [attachment] });
    }
}

/**
 * The security group of interface VPC endpoints: HTTPS from the VPC's CIDR only, no egress rule. Network
 * makes one for its endpoints; ImageAnalysis makes its own when the VPC is the landing zone's
 * (hospital:aws.existing.network), which has no Network to take it from.
 */
export function endpointSecurityGroup(name: string, vpcId: pulumi.Input<string>, cidr: pulumi.Input<string>,
    tags: Record<string, string>, groupTags: Record<string, string>, parent: pulumi.Resource): pulumi.Output<string> {
    const group = new ec2.SecurityGroup(`${name}-endpoints`, {
        vpcId,
        description: "Interface VPC endpoints: HTTPS from inside the VPC only",
        // No egress rules: the provider removes AWS's allow-all default, and endpoints only answer.
        tags: groupTags,
    }, { parent });
    new vpc.SecurityGroupIngressRule(`${name}-endpoints-https`, {
        securityGroupId: group.id,
        description: "HTTPS from the VPC",
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrIpv4: cidr, // NETWORK-PRIVATE: never 0.0.0.0/0
        tags,
    }, { parent });
    return group.id;
}
