// The AWS provider's answers under the checker's mocks: lookups of the caller, the region
// and existing things (the default VPC and its subnets, an AMI, a hosted zone, ECR credentials, the
// organization, an SSM parameter such as EKS's AMI id), and the outputs AWS computes.
import type { MockIdentity } from "../mocks";
import { b64, caData, EmulationTable, host } from "./table";

const regionOf = (i: Record<string, any>, c: Record<string, string>) => i.region ?? c["aws:region"] ?? "us-east-1";

export const aws: EmulationTable = {
    packages: ["aws"],
    identifiers: awsIdentifiers,
    invokes: {
        "aws:index/getCallerIdentity:getCallerIdentity": (_i, _c, id) => ({ accountId: id.awsAccountId, arn: `arn:aws:iam::${id.awsAccountId}:user/checker`, userId: "AIDACHECKER", id: id.awsAccountId }),
        "aws:index/getRegion:getRegion": (i, c) => { const r = i.region ?? i.name ?? c["aws:region"] ?? "us-east-1"; return { name: r, region: r, id: r, endpoint: `ec2.${r}.amazonaws.com`, description: r }; },
        // The partition of the provider's region, as AWS gives it: GovCloud and China regions have their own.
        "aws:index/getPartition:getPartition": (i, c) => {
            const region = regionOf(i, c);
            const partition = region.startsWith("us-gov-") ? "aws-us-gov" : region.startsWith("cn-") ? "aws-cn" : "aws";
            const dnsSuffix = partition === "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
            return { partition, dnsSuffix, reverseDnsPrefix: dnsSuffix.split(".").reverse().join("."), id: partition };
        },
        "aws:index/getAvailabilityZones:getAvailabilityZones": (i, c) => {
            const r = regionOf(i, c);
            return { names: ["a", "b", "c"].map(z => r + z), zoneIds: [1, 2, 3].map(n => `use1-az${n}`), id: r, groupNames: [r] };
        },
        // The AWS-managed prefix list of a gateway endpoint's service (e.g. com.amazonaws.<region>.s3), for security-group egress.
        "aws:ec2/getPrefixList:getPrefixList": (i, c) => { const r = regionOf(i, c); const name = i.name ?? `com.amazonaws.${r}.s3`; return { id: "pl-63a5400a", prefixListId: "pl-63a5400a", name, cidrBlocks: ["52.216.0.0/15"], region: r }; },
        "aws:iam/getPolicyDocument:getPolicyDocument": i => { const json = JSON.stringify(policyDocument(i)); return { json, minifiedJson: json, id: "policy" }; },
        "aws:ec2/getAmi:getAmi": (i, c) => ({ id: "ami-0c55b159cbfafe1f0", imageId: "ami-0c55b159cbfafe1f0", architecture: "x86_64", name: i.nameRegex ?? "amzn2-ami-hvm-2.0-x86_64-gp2",
            ownerId: (i.owners ?? ["137112412989"])[0], rootDeviceName: "/dev/xvda", rootDeviceType: "ebs", virtualizationType: "hvm", imageLocation: "amazon/amzn2-ami-hvm", region: regionOf(i, c), blockDeviceMappings: [], tags: {} }),
        "aws:ec2/getVpc:getVpc": (i, c, id) => ({ id: i.id ?? "vpc-0c0ffee0c0ffee000", cidrBlock: "172.31.0.0/16", default: i.default ?? true, state: "available", ownerId: id.awsAccountId,
            arn: `arn:aws:ec2:${regionOf(i, c)}:${id.awsAccountId}:vpc/vpc-0c0ffee0c0ffee000`, mainRouteTableId: "rtb-0c0ffee0c0ffee000", dhcpOptionsId: "dopt-0c0ffee0", instanceTenancy: "default",
            enableDnsHostnames: true, enableDnsSupport: true, cidrBlockAssociations: [], tags: {} }),
        "aws:ec2/getSubnets:getSubnets": (i, c) => ({ id: regionOf(i, c), ids: ["subnet-0a0000000000000a1", "subnet-0a0000000000000b2", "subnet-0a0000000000000c3"] }),
        "aws:ec2/getSubnetIds:getSubnetIds": (i, c) => ({ id: regionOf(i, c), vpcId: i.vpcId, ids: ["subnet-0a0000000000000a1", "subnet-0a0000000000000b2", "subnet-0a0000000000000c3"] }),
        "aws:ec2/getSubnet:getSubnet": (i, c, id) => { const r = regionOf(i, c); const sid = i.id ?? "subnet-0a0000000000000a1";
            return { id: sid, arn: `arn:aws:ec2:${r}:${id.awsAccountId}:subnet/${sid}`, availabilityZone: `${r}a`, availabilityZoneId: "use1-az1", cidrBlock: "172.31.0.0/20", vpcId: i.vpcId ?? "vpc-0c0ffee0c0ffee000",
                defaultForAz: true, mapPublicIpOnLaunch: true, ownerId: id.awsAccountId, state: "available", tags: {} }; },
        "aws:ec2/getSecurityGroup:getSecurityGroup": (i, c, id) => ({ id: i.id ?? "sg-0c0ffee0c0ffee000", name: i.name ?? "default", vpcId: i.vpcId ?? "vpc-0c0ffee0c0ffee000", description: "default VPC security group",
            arn: `arn:aws:ec2:${regionOf(i, c)}:${id.awsAccountId}:security-group/sg-0c0ffee0c0ffee000`, tags: {} }),
        "aws:route53/getZone:getZone": (i, _c, id) => { const name = String(i.name ?? "example.com").replace(/\.$/, ""); const zoneId = i.zoneId ?? "Z0123456789CHECKER";
            return { id: zoneId, zoneId, name, arn: `arn:aws:route53:::hostedzone/${zoneId}`, callerReference: "checker", comment: "", privateZone: i.privateZone ?? false, resourceRecordSetCount: 2,
                nameServers: ["ns-1.awsdns-01.org", "ns-2.awsdns-02.co.uk", "ns-3.awsdns-03.com", "ns-4.awsdns-04.net"], primaryNameServer: "ns-1.awsdns-01.org", tags: {}, linkedServiceDescription: "", linkedServicePrincipal: "", vpcId: i.vpcId ?? "", ownerId: id.awsAccountId }; },
        "aws:ecr/getAuthorizationToken:getAuthorizationToken": (i, c, id) => ({ id: regionOf(i, c), userName: "AWS", password: "checker-ecr-password", authorizationToken: b64("AWS:checker-ecr-password"),
            proxyEndpoint: `https://${id.awsAccountId}.dkr.ecr.${regionOf(i, c)}.amazonaws.com`, expiresAt: "2030-01-01T00:00:00Z", registryId: i.registryId ?? id.awsAccountId }),
        "aws:organizations/getOrganization:getOrganization": (_i, _c, id) => ({ id: "o-checker0001", arn: `arn:aws:organizations::${id.awsAccountId}:organization/o-checker0001`, featureSet: "ALL",
            masterAccountId: id.awsAccountId, masterAccountArn: `arn:aws:organizations::${id.awsAccountId}:account/o-checker0001/${id.awsAccountId}`, masterAccountEmail: "root@example.com", masterAccountName: "root",
            roots: [{ id: "r-chk1", arn: `arn:aws:organizations::${id.awsAccountId}:root/o-checker0001/r-chk1`, name: "Root", policyTypes: [] }],
            accounts: [], nonMasterAccounts: [], awsServiceAccessPrincipals: [], enabledPolicyTypes: [] }),
        // AMI parameters: `.../image_id` holds the id, `.../recommended` (ECS) a JSON document that programs parse.
        "aws:ssm/getParameter:getParameter": (i, c, id) => ({ id: i.name, name: i.name, type: "String", version: 1, insecureValue: ssmValue(String(i.name)), value: ssmValue(String(i.name)),
            arn: `arn:aws:ssm:${regionOf(i, c)}:${id.awsAccountId}:parameter${String(i.name).startsWith("/") ? "" : "/"}${i.name}`, withDecryption: i.withDecryption ?? true }),
        "aws:iam/getRole:getRole": (i, _c, id) => ({ id: i.name, name: i.name, arn: `arn:aws:iam::${id.awsAccountId}:role/${i.name}`, uniqueId: "AROACHECKER", path: "/", assumeRolePolicy: "{}", tags: {} }),
        "aws:eks/getClusterAuth:getClusterAuth": i => ({ id: i.name, name: i.name, token: "k8s-aws-v1.checker" }),
    },
    outputs: {
        "aws:rds/instance:Instance": (n, i, r) => ({ address: `${host(n)}.c0ffee.${r}.rds.amazonaws.com`, endpoint: `${host(n)}.c0ffee.${r}.rds.amazonaws.com:${i.port ?? 5432}`, port: i.port ?? 5432 }),
        "aws:rds/cluster:Cluster": (n, i, r) => ({ endpoint: `${host(n)}.cluster-c0ffee.${r}.rds.amazonaws.com`, readerEndpoint: `${host(n)}.cluster-ro-c0ffee.${r}.rds.amazonaws.com`, port: i.port ?? 5432 }),
        "aws:elasticache/cluster:Cluster": (n, i, r) => ({ cacheNodes: [{ id: "0001", address: `${host(n)}.c0ffee.0001.${r}.cache.amazonaws.com`, port: i.port ?? 6379, availabilityZone: `${r}a` }],
            clusterAddress: `${host(n)}.c0ffee.cfg.${r}.cache.amazonaws.com`, configurationEndpoint: `${host(n)}.c0ffee.cfg.${r}.cache.amazonaws.com:${i.port ?? 6379}` }),
        "aws:lambda/functionUrl:FunctionUrl": (n, _i, r) => ({ functionUrl: `https://${host(n)}c0ffee.lambda-url.${r}.on.aws/`, urlId: `${host(n)}c0ffee` }),
        "aws:lb/loadBalancer:LoadBalancer": (n, _i, r) => ({ dnsName: `${host(n)}-123456789.${r}.elb.amazonaws.com`, zoneId: "Z35SXDOTRQ7X7K" }),
        "aws:cloudfront/distribution:Distribution": () => ({ domainName: "d111111abcdef8.cloudfront.net", hostedZoneId: "Z2FDTNDATAQYW2" }),
        // A bucket policy grants the identity by its IAM ARN or canonical user id (aws-public-access judges the principal).
        "aws:cloudfront/originAccessIdentity:OriginAccessIdentity": n => {
            const id = `E${host(n).replace(/[^a-z0-9]/g, "").toUpperCase().slice(0, 12).padEnd(12, "0")}`;
            return { iamArn: `arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity ${id}`, s3CanonicalUserId: "c0ffee".repeat(10) + "c0ff",
                cloudfrontAccessIdentityPath: `origin-access-identity/cloudfront/${id}`, etag: "E2QWRUHEXAMPLE" };
        },
        "aws:eks/cluster:Cluster": (n, _i, r) => ({ endpoint: `https://C0FFEE.gr7.${r}.eks.amazonaws.com`, certificateAuthority: { data: caData },
            identities: [{ oidcs: [{ issuer: `https://oidc.eks.${r}.amazonaws.com/id/C0FFEE` }] }], status: "ACTIVE", platformVersion: "eks.1", version: "1.30", clusterId: host(n) }),
    },
};

function ssmValue(name: string): string {
    if (!/\/recommended$/.test(name)) return "ami-0c55b159cbfafe1f0";
    return JSON.stringify({ image_id: "ami-0c55b159cbfafe1f0", image_name: "amzn2-ami-ecs-hvm-2.0.20260101-x86_64-ebs", ecs_agent_version: "1.90.0", ecs_runtime_version: "Docker version 25.0.6",
        os: "Amazon Linux 2", schema_version: 1, source_image_name: "amzn2-ami-minimal-hvm-2.0.20260101-x86_64-ebs" });
}

/** aws.iam.getPolicyDocument's JSON, built from its inputs as the provider would. */
function policyDocument(i: Record<string, any>) {
    const statements = (i.statements ?? []).map((s: any) => ({
        ...(s.sid ? { Sid: s.sid } : {}),
        Effect: s.effect ?? "Allow",
        ...(s.actions ? { Action: s.actions } : {}),
        ...(s.notActions ? { NotAction: s.notActions } : {}),
        ...(s.resources ? { Resource: s.resources } : {}),
        ...(s.principals ? { Principal: Object.fromEntries(s.principals.map((p: any) => [p.type, p.identifiers])) } : {}),
        ...(s.conditions ? { Condition: Object.fromEntries(s.conditions.map((c: any) => [c.test, { [c.variable]: c.values }])) } : {}),
    }));
    return { Version: i.version ?? "2012-10-17", Statement: statements };
}

/** EC2 resource kind (module ec2 or ec2transitgateway) → the prefix of its ids. */
const ec2IdPrefix: Readonly<Record<string, string>> = {
    vpc: "vpc", defaultVpc: "vpc", subnet: "subnet", securityGroup: "sg", internetGateway: "igw", egressOnlyInternetGateway: "eigw", natGateway: "nat",
    routeTable: "rtb", vpnGateway: "vgw", vpcEndpoint: "vpce", networkInterface: "eni", instance: "i", eip: "eipalloc", transitGateway: "tgw",
};

function awsIdentifiers(type: string, name: string, inputs: Record<string, any>, config: Record<string, string>, identity: MockIdentity): Record<string, unknown> {
    const region = inputs.region ?? config["aws:region"] ?? "us-east-1";
    const [, module, kind] = /^aws:([^/]+)\/([^:]+):/.exec(type) ?? [];
    const physical = inputs.bucket ?? inputs.name ?? name;
    const service = module === "cloudwatch" ? "logs" : module;
    const globalService = ["iam", "s3", "cloudfront", "route53"].includes(service ?? "");
    const arn = service === "s3" && kind?.startsWith("bucket")
        ? `arn:aws:s3:::${physical}`
        : `arn:aws:${service}:${globalService ? "" : region}:${globalService && service === "s3" ? "" : identity.awsAccountId}:${kind}/${physical}`;
    // An autonamed resource's `name`, which the provider fills in at preview already (programs pass it on: a subnet group's name to a cluster).
    const ids: Record<string, unknown> = { arn, id: physical, ...(inputs.name === undefined && inputs.namePrefix === undefined ? { name: physical } : {}) };
    // EC2 ids carry their kind's prefix, which programs and policies read (a route's `igw-` gateway).
    if (module?.startsWith("ec2") && kind && ec2IdPrefix[kind]) ids.id = `${ec2IdPrefix[kind]}-${name}`;
    switch (type) {
        case "aws:s3/bucket:Bucket": case "aws:s3/bucketV2:BucketV2":
            Object.assign(ids, { bucket: physical, bucketDomainName: `${physical}.s3.amazonaws.com`, bucketRegionalDomainName: `${physical}.s3.${region}.amazonaws.com` });
            break;
        case "aws:kms/key:Key":
            Object.assign(ids, { id: `${name}-key-id`, keyId: `${name}-key-id`, arn: `arn:aws:kms:${region}:${identity.awsAccountId}:key/${name}-key-id` });
            break;
        case "aws:iam/role:Role":
            Object.assign(ids, { name: inputs.name ?? name, uniqueId: `AROA${name.toUpperCase().replace(/[^A-Z0-9]/g, "").slice(0, 16)}` });
            break;
        case "aws:cloudwatch/logGroup:LogGroup":
            Object.assign(ids, { arn: `arn:aws:logs:${region}:${identity.awsAccountId}:log-group:${physical}` });
            break;
        case "aws:redshift/cluster:Cluster":
            Object.assign(ids, { endpoint: `${inputs.clusterIdentifier ?? name}.abc123.${region}.redshift.amazonaws.com:5439`, dnsName: `${inputs.clusterIdentifier ?? name}.abc123.${region}.redshift.amazonaws.com` });
            break;
        case "aws:cloudcontrol/resource:Resource":
            Object.assign(ids, { id: `${name}-identifier`, properties: inputs.desiredState ?? "{}" });
            break;
    }
    return ids;
}
