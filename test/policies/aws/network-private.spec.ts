import assert from "node:assert/strict";
import {
    defaultSecurityGroup, emrCluster, redshiftCluster, routeTable, s3Endpoint, securityGroup, securityGroupRule, vpcEndpoint,
} from "../../../policies/aws/network-private";
import { UNKNOWN } from "../../../policies/lib/values";
import { egress, redshiftSubnetGroup, routeTableAssociation } from "../../../policies/aws/network-private";
import { res, run, runStack, stackOutcomesByName } from "./fixtures";

const SG = "aws:ec2/securityGroup:SecurityGroup";

describe("aws NETWORK-PRIVATE", () => {
    describe("aws-network-private-security-group", () => {
        it("passes HTTPS from anywhere and SSH from the VPC", () => {
            const ingress = [
                { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] },
                { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.0/16"] },
            ];
            assert.deepEqual(run(securityGroup, res(SG, "sg", { ingress })), []);
        });
        it("reports SSH from 0.0.0.0/0, RDP from ::/0 in a port range, and all traffic", () => {
            const ingress = [
                { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] },
                { protocol: "tcp", fromPort: "3000", toPort: "4000", ipv6CidrBlocks: ["::/0"] },
                { protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] },
            ];
            const findings = run(securityGroup, res(SG, "sg", { ingress }));
            assert.deepEqual(findings.map(f => f.message.split(" is ")[0].split(": ")[1]), ["ingress[0]", "ingress[1]", "ingress[2]"]);
            assert.deepEqual(findings[0].controls, ["NETWORK-PRIVATE"]);
        });
        it("reports database and cache ports open to the internet, not a web port", () => {
            const ingress = [3306, 5432, 6379, 443].map(port => ({ protocol: "tcp", fromPort: port, toPort: port, cidrBlocks: ["0.0.0.0/0"] }));
            const findings = run(securityGroup, res(SG, "sg", { ingress }));
            assert.deepEqual(findings.map(f => f.message.split(" is ")[0].split(": ")[1]), ["ingress[0]", "ingress[1]", "ingress[2]"]);
        });
        it("reports unknown sources as unknown", () => {
            const [f] = run(securityGroup, res(SG, "sg", { ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: [UNKNOWN] }] }));
            assert.equal(f.unknown, true);
        });
    });

    describe("aws-network-private-security-group-rule", () => {
        it("passes an egress rule and an ingress rule from the VPC", () => {
            assert.deepEqual(run(securityGroupRule, res("aws:ec2/securityGroupRule:SecurityGroupRule", "r", { type: "egress", protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] })), []);
            assert.deepEqual(run(securityGroupRule, res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "r", { ipProtocol: "tcp", fromPort: 5439, toPort: 5439, cidrIpv4: "10.0.0.0/16" })), []);
        });
        it("reports Redshift's port open to the internet on either rule type", () => {
            const [a] = run(securityGroupRule, res("aws:ec2/securityGroupRule:SecurityGroupRule", "r", { type: "ingress", protocol: "tcp", fromPort: 5439, toPort: 5439, cidrBlocks: ["0.0.0.0/0"] }));
            assert.match(a.message, /cidrBlocks\/ipv6CidrBlocks is \["0\.0\.0\.0\/0"\]/);
            const [b] = run(securityGroupRule, res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "r", { ipProtocol: "-1", cidrIpv6: "::/0" }));
            assert.match(b.message, /cidrIpv4\/cidrIpv6 is \["::\/0"\]/);
        });
    });

    describe("aws-network-private-default-security-group", () => {
        const TYPE = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";
        it("passes a default group with no rules", () => assert.deepEqual(run(defaultSecurityGroup, res(TYPE, "d", { vpcId: "vpc-1" })), []));
        it("reports a default group with egress", () => {
            const [f] = run(defaultSecurityGroup, res(TYPE, "d", { egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] }));
            assert.match(f.message, /egress is .*wanted \[\] \(no rules\)/);
        });
    });

    describe("aws-network-private-vpc-endpoint", () => {
        const TYPE = "aws:ec2/vpcEndpoint:VpcEndpoint";
        it("passes a gateway endpoint and a complete interface endpoint", () => {
            assert.deepEqual(run(vpcEndpoint, res(TYPE, "s3", { serviceName: "com.amazonaws.us-east-1.s3", vpcId: "v" })), []);
            assert.deepEqual(run(vpcEndpoint, res(TYPE, "kms", { vpcEndpointType: "Interface", privateDnsEnabled: true, subnetIds: ["s"], securityGroupIds: ["g"] })), []);
        });
        it("reports an interface endpoint without private DNS", () => {
            const [f] = run(vpcEndpoint, res(TYPE, "kms", { vpcEndpointType: "Interface", subnetIds: ["s"], securityGroupIds: ["g"] }));
            assert.match(f.message, /privateDnsEnabled is unset; wanted true/);
        });
    });

    describe("aws-network-private-emr-cluster and -redshift-cluster", () => {
        it("passes an EMR cluster in a subnet with a service-access group, and reports one without", () => {
            const TYPE = "aws:emr/cluster:Cluster";
            assert.deepEqual(run(emrCluster, res(TYPE, "c", { ec2Attributes: { subnetIds: ["s"], serviceAccessSecurityGroup: "sg" } })), []);
            const findings = run(emrCluster, res(TYPE, "c", { ec2Attributes: { instanceProfile: "p" } }));
            assert.equal(findings.length, 2);
            assert.match(findings[0].message, /ec2Attributes\.subnetId is unset/);
        });
        it("passes a private Redshift cluster and reports one without enhanced VPC routing", () => {
            const TYPE = "aws:redshift/cluster:Cluster";
            const ok = { enhancedVpcRouting: true, clusterSubnetGroupName: "g", vpcSecurityGroupIds: ["sg"] };
            assert.deepEqual(run(redshiftCluster, res(TYPE, "w", ok)), []);
            assert.match(run(redshiftCluster, res(TYPE, "w", { ...ok, enhancedVpcRouting: false }))[0].message, /enhancedVpcRouting is false/);
        });
    });

    describe("aws-network-private-s3-endpoint (stack)", () => {
        it("passes a VPC with an S3 endpoint and reports one without", () => {
            const vpc = res("aws:ec2/vpc:Vpc", "vpc");
            const endpoint = res("aws:ec2/vpcEndpoint:VpcEndpoint", "s3", { serviceName: "com.amazonaws.us-east-1.s3", vpcId: UNKNOWN }, { deps: { vpcId: [vpc] } });
            assert.deepEqual(runStack(s3Endpoint, [vpc, endpoint]), []);
            const [f] = runStack(s3Endpoint, [vpc]);
            assert.equal(f.urn, vpc.urn);
            assert.match(f.message, /No S3 VPC endpoint/);
        });
    });

    describe("aws-network-private-route-table", () => {
        const TABLE = "aws:ec2/routeTable:RouteTable";
        it("passes a table with a NAT default route and an endpoint route", () => {
            const routes = [{ cidrBlock: "0.0.0.0/0", natGatewayId: "nat-1" }, { destinationPrefixListId: "pl-1", vpcEndpointId: "vpce-1" }];
            assert.deepEqual(run(routeTable, res(TABLE, "private", { vpcId: "v", routes })), []);
        });
        it("reports a default route to an igw- id, on a table and on a standalone route", () => {
            const [f] = run(routeTable, res(TABLE, "public", { routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-123" }] }));
            assert.deepEqual(f.controls, ["NETWORK-PRIVATE"]);
            assert.match(f.message, /routes\[0\]\.gatewayId is "igw-123"/);
            assert.match(run(routeTable, res("aws:ec2/route:Route", "r", { routeTableId: "rt", destinationIpv6CidrBlock: "::/0", gatewayId: "igw-9" }))[0].message, /gatewayId is "igw-9"/);
        });
        it("recognises a gateway id built from an aws.ec2.InternetGateway at preview", () => {
            const igw = res("aws:ec2/internetGateway:InternetGateway", "igw");
            const route = res("aws:ec2/route:Route", "r", { routeTableId: "rt", destinationCidrBlock: "0.0.0.0/0", gatewayId: UNKNOWN }, { deps: { gatewayId: [igw] } });
            assert.equal(run(routeTable, route)[0].enforcement, "mandatory");
        });
        it("recognises an InternetGateway's id whatever it looks like, but not a virtual private gateway's", () => {
            const igw = res("aws:ec2/internetGateway:InternetGateway", "igw");
            const known = res(TABLE, "public", { routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: "app-gateway" }] }, { deps: { routes: [igw] } });
            assert.match(run(routeTable, known)[0].message, /routes\[0\]\.gatewayId is "an aws\.ec2\.InternetGateway's id"/);
            const vpn = res(TABLE, "vpn", { routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: "vgw-1" }] }, { deps: { routes: [igw] } });
            assert.deepEqual(run(routeTable, vpn), []);
        });
    });

    describe("aws-network-private-egress (advisory; issue 14)", () => {
        const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
        it("passes egress to the VPC, a prefix list or a security group", () => {
            assert.deepEqual(run(egress, res(EGRESS, "vpc", { cidrIpv4: "10.0.0.0/16", ipProtocol: "-1" })), []);
            assert.deepEqual(run(egress, res(EGRESS, "s3", { prefixListId: "pl-63a5400a", ipProtocol: "tcp", fromPort: 443, toPort: 443 })), []);
            assert.deepEqual(run(egress, res(EGRESS, "sg", { referencedSecurityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 8443, toPort: 8443 })), []);
            assert.deepEqual(run(egress, res(SG, "g", { egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/8"] }] })), []);
        });
        it("reports the internet in every spelling and form, on any port, as advisory NETWORK-PRIVATE", () => {
            const open = [
                res(EGRESS, "v4", { cidrIpv4: "0.0.0.0/0", ipProtocol: "tcp", fromPort: 443, toPort: 443 }),
                res(EGRESS, "v6", { cidrIpv6: "::0/0", ipProtocol: "-1" }),
                res(EGRESS, "v4-mapped", { cidrIpv6: "::ffff:0.0.0.0/96", ipProtocol: "-1" }),
                res(RULE, "halves", { type: "egress", protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/1", "128.0.0.0/1"] }),
                res(SG, "inline", { egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/8"] }, { protocol: "tcp", fromPort: 443, toPort: 443, ipv6CidrBlocks: ["::/0"] }] }),
            ];
            for (const r of open) {
                const findings = run(egress, r);
                assert.equal(findings.length, 1, r.name);
                assert.deepEqual(findings[0].controls, ["NETWORK-PRIVATE"]);
                assert.equal(findings[0].enforcement, "advisory");
            }
        });
        it("leaves ingress rules to the ingress rule, and refuses a rule type the provider would not take", () => {
            assert.deepEqual(run(egress, res(RULE, "in", { type: "ingress", cidrBlocks: ["0.0.0.0/0"] })), []);
            const [f] = run(egress, res(RULE, "odd", { type: "Egress", protocol: "-1", cidrBlocks: ["0.0.0.0/0"] }));
            assert.match(f.message, /type is "Egress"/);
            assert.equal(run(egress, res(EGRESS, "u", { cidrIpv4: UNKNOWN }))[0].unknown, true);
        });
    });

    describe("aws-network-private-route-table-association and -redshift-subnet-group (stack; issue 14)", () => {
        const TABLE = "aws:ec2/routeTable:RouteTable", ROUTE = "aws:ec2/route:Route", ASSOC = "aws:ec2/routeTableAssociation:RouteTableAssociation";
        const SUBNET = "aws:ec2/subnet:Subnet", GROUP = "aws:redshift/subnetGroup:SubnetGroup", IGW = "aws:ec2/internetGateway:InternetGateway";
        const igw = res(IGW, "igw");
        const privateTable = res(TABLE, "private", { routes: [] });
        const publicTable = res(TABLE, "public", { routes: [] });
        const igwRoute = res(ROUTE, "to-igw", { destinationCidrBlock: "0.0.0.0/0", gatewayId: "x" }, { deps: { routeTableId: [publicTable], gatewayId: [igw] } });
        const inlinePublic = res(TABLE, "inline-public", { routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-0123" }] });
        const s1 = res(SUBNET, "s1", { mapPublicIpOnLaunch: false }), s2 = res(SUBNET, "s2", {}), s3 = res(SUBNET, "s3", { mapPublicIpOnLaunch: true });
        const assoc = (name: string, subnet: ReturnType<typeof res>, table: ReturnType<typeof res>) =>
            res(ASSOC, name, { subnetId: "x", routeTableId: "y" }, { deps: { subnetId: [subnet], routeTableId: [table] } });
        it("judges an association by the routes of its table (inline and aws.ec2.Route), and one to a table it cannot see as a violation", () => {
            const outcomes = stackOutcomesByName(routeTableAssociation, [igw, privateTable, publicTable, igwRoute, inlinePublic, s1, s2,
                assoc("a-private", s1, privateTable), assoc("a-public", s2, publicTable), assoc("a-inline", s2, inlinePublic),
                res(ASSOC, "a-elsewhere", { subnetId: "subnet-1", routeTableId: "rtb-0abc" }), res(ASSOC, "a-unknown", { subnetId: "subnet-1", routeTableId: UNKNOWN })]);
            assert.deepEqual(outcomes, { "a-private": "compliant", "a-public": "violation", "a-inline": "violation", "a-elsewhere": "violation", "a-unknown": "unknown" });
        });
        it("passes a subnet group of private subnets of the stack; reports public ones, unassociated ones and subnets it cannot see", () => {
            const group = (name: string, subnets: ReturnType<typeof res>[]) => res(GROUP, name, { subnetIds: subnets.map(() => "x") }, { deps: { subnetIds: subnets } });
            const outcomes = stackOutcomesByName(redshiftSubnetGroup, [igw, privateTable, publicTable, igwRoute, s1, s2, s3,
                assoc("a1", s1, privateTable), assoc("a2", s2, publicTable), assoc("a3", s3, privateTable),
                group("private", [s1]), group("public-route", [s1, s2]), group("public-ip", [s3]), group("main-table", [res(SUBNET, "s4")]),
                res(GROUP, "elsewhere", { subnetIds: ["subnet-0abc"] }), res(GROUP, "unknown", { subnetIds: UNKNOWN })]);
            assert.deepEqual(outcomes, { private: "compliant", "public-route": "violation", "public-ip": "violation", "main-table": "violation", elsewhere: "violation", unknown: "unknown" });
            const findings = runStack(redshiftSubnetGroup, [s1, assoc("a1", s1, privateTable), privateTable, res(GROUP, "half", { subnetIds: ["s1", "subnet-0abc"] })]);
            assert.match(findings[0]?.message ?? "", /not subnets of this stack/);
            // One subnet of the stack by dependency, a foreign one written beside it: still reported.
            const mixed = res(GROUP, "mixed", { subnetIds: [UNKNOWN, "subnet-0abc"] }, { deps: { subnetIds: [s1] } });
            const [m] = runStack(redshiftSubnetGroup, [s1, assoc("a1", s1, privateTable), privateTable, mixed]);
            assert.match(m?.message ?? "", /not subnets of this stack/);
        });
    });
});
