import assert from "node:assert/strict";
import { defaultInterfaceEndpoints, Network, NetworkArgs, subnetCidrs } from "../../../components/aws/network";
import { record, Recorded } from "../../support/record";

const keyArn = "arn:aws:kms:eu-central-1:123456789012:key/test-key";
const config = { "aws:region": "eu-central-1" };
const T = {
    vpc: "aws:ec2/vpc:Vpc",
    subnet: "aws:ec2/subnet:Subnet",
    routeTable: "aws:ec2/routeTable:RouteTable",
    association: "aws:ec2/routeTableAssociation:RouteTableAssociation",
    defaultSg: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    sg: "aws:ec2/securityGroup:SecurityGroup",
    ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
    flowLog: "aws:ec2/flowLog:FlowLog",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    role: "aws:iam/role:Role",
    policy: "aws:iam/policy:Policy",
    attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    inlinePolicy: "aws:iam/rolePolicy:RolePolicy",
    igw: "aws:ec2/internetGateway:InternetGateway",
    nat: "aws:ec2/natGateway:NatGateway",
};

async function network(extra: Partial<NetworkArgs> = {}): Promise<Recorded> {
    return record(() => { new Network("net", { tenant: "mercy", region: "eu-central-1", key: keyArn, ...extra }); }, { config });
}

describe("components/aws/network Network", () => {
    let r: Recorded;
    before(async () => { r = await network(); });

    it("registers the VPC, subnets, routes, endpoints and flow log under the component", () => {
        const component = r.one("hipaa-cloud:aws:Network", "net");
        for (const x of r.resources.filter(x => x.custom)) assert.equal(x.parent, component.urn, x.name);
        assert.equal(r.ofType(T.inlinePolicy).length, 0, "no inline role policy");
    });

    it("creates a VPC on the default CIDR with DNS for private endpoints", () => {
        const vpc = r.one(T.vpc).inputs;
        assert.equal(vpc.cidrBlock, "10.40.0.0/16");
        assert.equal(vpc.enableDnsSupport, true);
        assert.equal(vpc.enableDnsHostnames, true);
    });

    it("creates two private subnets in two availability zones without public IPs", () => {
        const subnets = r.ofType(T.subnet);
        assert.equal(subnets.length, 2);
        assert.deepEqual(subnets.map(s => s.inputs.availabilityZone), ["eu-central-1a", "eu-central-1b"]);
        assert.deepEqual(subnets.map(s => s.inputs.cidrBlock), ["10.40.0.0/18", "10.40.64.0/18"]);
        for (const s of subnets) assert.equal(s.inputs.mapPublicIpOnLaunch, false);
    });

    it("routes the subnets through a table with no routes and creates no internet or NAT gateway", () => {
        const table = r.one(T.routeTable);
        assert.equal(table.inputs.routes, undefined);
        assert.equal(r.ofType(T.association).length, 2);
        for (const a of r.ofType(T.association)) assert.equal(a.inputs.routeTableId, `rtb-${table.name}`, "the table's id, as EC2 prefixes it");
        assert.equal(r.ofType(T.igw).length + r.ofType(T.nat).length, 0);
    });

    it("closes the default security group", () => {
        const sg = r.one(T.defaultSg).inputs;
        assert.deepEqual(sg.ingress, []);
        assert.deepEqual(sg.egress, []);
        assert.equal(sg.vpcId, "vpc-net");
    });

    it("logs ALL traffic of the VPC to a KMS-encrypted log group kept six years, deletion-protected in prod", () => {
        const flow = r.one(T.flowLog).inputs;
        const group = r.one(T.logGroup);
        assert.equal(flow.trafficType, "ALL");
        assert.equal(flow.vpcId, "vpc-net");
        assert.equal(flow.logDestinationType, "cloud-watch-logs");
        assert.equal(flow.logDestination, `arn:aws:logs:eu-central-1:123456789012:log-group:${group.inputs.name}`);
        assert.equal(group.inputs.kmsKeyId, keyArn);
        assert.equal(group.inputs.retentionInDays, 2192);
        assert.equal(group.inputs.deletionProtectionEnabled, true);
        assert.equal(group.protect, true);
    });

    it("lets only this account's flow logs assume the role, with a managed policy on the one log group", () => {
        const trust = JSON.parse(r.one(T.role).inputs.assumeRolePolicy as string).Statement[0];
        assert.deepEqual(trust.Principal, { Service: "vpc-flow-logs.amazonaws.com" });
        assert.equal(trust.Condition.StringEquals["aws:SourceAccount"], "123456789012");
        const grant = JSON.parse(r.one(T.policy).inputs.policy as string).Statement;
        assert.ok(grant.every((s: any) => [s.Resource].flat().every((x: string) => x.startsWith("arn:aws:logs:eu-central-1:123456789012:log-group:"))));
        assert.ok(!JSON.stringify(grant).includes("\"*\""));
        assert.equal(r.one(T.flowLog).inputs.iamRoleArn, `arn:aws:iam::123456789012:role/${r.one(T.role).name}`);
    });

    it("creates an S3 gateway endpoint on the private route table", () => {
        const s3 = r.ofType(T.endpoint).find(e => e.inputs.serviceName === "com.amazonaws.eu-central-1.s3");
        assert.ok(s3);
        assert.equal(s3.inputs.vpcEndpointType, "Gateway");
        assert.deepEqual(s3.inputs.routeTableIds, [`rtb-${r.one(T.routeTable).name}`]);
        const statements = JSON.parse(s3.inputs.policy as string).Statement;
        const open = statements.filter((s: any) => s.Action !== "s3:GetObject");
        for (const s of open) assert.equal(s.Condition.StringEquals["aws:PrincipalAccount"], "123456789012");
    });

    it("creates every default interface endpoint with private DNS, both subnets and the endpoint security group", () => {
        const interfaces = r.ofType(T.endpoint).filter(e => e.inputs.vpcEndpointType === "Interface");
        assert.deepEqual(interfaces.map(e => e.inputs.serviceName), defaultInterfaceEndpoints.map(s => `com.amazonaws.eu-central-1.${s}`));
        // The list itself: the APIs the platform's services call from subnets without a route out.
        for (const api of ["kms", "logs", "sts", "secretsmanager", "elasticmapreduce", "redshift", "medical-imaging"]) assert.ok(defaultInterfaceEndpoints.includes(api), api);
        const sg = r.one(T.sg);
        for (const e of interfaces) {
            assert.equal(e.inputs.privateDnsEnabled, true);
            assert.deepEqual(e.inputs.subnetIds, ["subnet-net-private-1", "subnet-net-private-2"]);
            assert.deepEqual(e.inputs.securityGroupIds, [`sg-${sg.name}`]);
            assert.equal(JSON.parse(e.inputs.policy as string).Statement[0].Condition.StringEquals["aws:PrincipalAccount"], "123456789012");
        }
    });

    it("opens the endpoint security group to HTTPS from the VPC CIDR only", () => {
        const sg = r.one(T.sg).inputs;
        assert.equal(sg.ingress, undefined);
        assert.equal(sg.egress, undefined);
        const rule = r.one(T.ingress).inputs;
        assert.equal(rule.cidrIpv4, "10.40.0.0/16");
        assert.equal(rule.fromPort, 443);
        assert.equal(rule.toPort, 443);
        assert.equal(rule.ipProtocol, "tcp");
    });

    it("honours cidr, interfaceEndpoints and auditDays", async () => {
        const custom = await network({ cidr: "172.20.0.0/20", interfaceEndpoints: ["kms"], auditDays: 3653 });
        assert.equal(custom.one(T.vpc).inputs.cidrBlock, "172.20.0.0/20");
        assert.deepEqual(custom.ofType(T.subnet).map(s => s.inputs.cidrBlock), ["172.20.0.0/22", "172.20.4.0/22"]);
        assert.deepEqual(custom.ofType(T.endpoint).map(e => e.inputs.serviceName), ["com.amazonaws.eu-central-1.s3", "com.amazonaws.eu-central-1.kms"]);
        assert.equal(custom.one(T.logGroup).inputs.retentionInDays, 3653);
        assert.equal(custom.one(T.ingress).inputs.cidrIpv4, "172.20.0.0/20");
    });

    it("neither protects nor deletion-protects the flow-log group in dev", async () => {
        const dev = await network({ environment: "dev" });
        assert.equal(dev.one(T.logGroup).protect, false);
        assert.equal(dev.one(T.logGroup).inputs.deletionProtectionEnabled, false);
    });

    it("refuses a flow-log retention shorter than six years", async () => {
        await assert.rejects(network({ auditDays: 365 }), /'auditDays' must be one of/);
    });
});

describe("components/aws/network subnetCidrs", () => {
    it("cuts consecutive quarter-size subnets from the start of the range", () => {
        assert.deepEqual(subnetCidrs("10.0.0.0/16", 2), ["10.0.0.0/18", "10.0.64.0/18"]);
        assert.deepEqual(subnetCidrs("192.168.4.0/22", 3), ["192.168.4.0/24", "192.168.5.0/24", "192.168.6.0/24"]);
    });

    it("refuses something that is not an IPv4 CIDR", () => {
        assert.throws(() => subnetCidrs("10.0.0.0", 2), /'cidr' must be an IPv4 CIDR/);
    });
});
