import assert from "node:assert/strict";
import { defaultSecurityGroup, emrCluster, redshiftCluster, routeTable, s3Endpoint, securityGroup, securityGroupRule, vpcEndpoint } from "../../../policies/aws/network-private";
import { UNKNOWN } from "../../../policies/lib/values";
import { egress, routeTableAssociation } from "../../../policies/aws/network-private";
import { assertNoFinding, findingsOf, resource, ruleNamed, stackOutcomesByName } from "../../support/policies";

const redshiftSubnetGroup = ruleNamed("aws-network-private-redshift-subnet-group");

const SG = "aws:ec2/securityGroup:SecurityGroup";

describe("aws NETWORK-PRIVATE", () => {
    describe("aws-network-private-security-group", () => {
        it("passes HTTPS from anywhere and SSH from the VPC", () => {
            const ingress = [
                { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] },
                { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.0/16"] },
            ];
            assertNoFinding(findingsOf(securityGroup, resource(SG, { ingress }, { name: "sg" })));
        });
        it("reports SSH from 0.0.0.0/0, RDP from ::/0 in a port range, and all traffic", () => {
            const ingress = [
                { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] },
                { protocol: "tcp", fromPort: "3000", toPort: "4000", ipv6CidrBlocks: ["::/0"] },
                { protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] },
            ];
            const findings = findingsOf(securityGroup, resource(SG, { ingress }, { name: "sg" }));
            assert.deepEqual(findings.map(f => f.message.split(" is ")[0].split(": ")[1]), ["ingress[0]", "ingress[1]", "ingress[2]"]);
            assert.deepEqual(findings[0].controls, ["NETWORK-PRIVATE"]);
        });
        it("reports database and cache ports open to the internet, not a web port", () => {
            const ingress = [3306, 5432, 6379, 443].map(port => ({ protocol: "tcp", fromPort: port, toPort: port, cidrBlocks: ["0.0.0.0/0"] }));
            const findings = findingsOf(securityGroup, resource(SG, { ingress }, { name: "sg" }));
            assert.deepEqual(findings.map(f => f.message.split(" is ")[0].split(": ")[1]), ["ingress[0]", "ingress[1]", "ingress[2]"]);
        });
        it("reports unknown sources as unknown", () => {
            const [f] = findingsOf(securityGroup, resource(SG, { ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: [UNKNOWN] }] }, { name: "sg" }));
            assert.equal(f.unknown, true);
        });
    });

    describe("aws-network-private-security-group-rule", () => {
        it("passes an egress rule and an ingress rule from the VPC", () => {
            assertNoFinding(findingsOf(securityGroupRule, resource("aws:ec2/securityGroupRule:SecurityGroupRule", { type: "egress", protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }, { name: "r" })));
            assertNoFinding(findingsOf(securityGroupRule, resource("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", { ipProtocol: "tcp", fromPort: 5439, toPort: 5439, cidrIpv4: "10.0.0.0/16" }, { name: "r" })));
        });
        it("reports Redshift's port open to the internet on either rule type", () => {
            const [a] = findingsOf(securityGroupRule, resource("aws:ec2/securityGroupRule:SecurityGroupRule", { type: "ingress", protocol: "tcp", fromPort: 5439, toPort: 5439, cidrBlocks: ["0.0.0.0/0"] }, { name: "r" }));
            assert.match(a.message, /cidrBlocks\/ipv6CidrBlocks is \["0\.0\.0\.0\/0"\]/);
            const [b] = findingsOf(securityGroupRule, resource("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", { ipProtocol: "-1", cidrIpv6: "::/0" }, { name: "r" }));
            assert.match(b.message, /cidrIpv4\/cidrIpv6 is \["::\/0"\]/);
        });
    });

    describe("aws-network-private-default-security-group", () => {
        const TYPE = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";
        it("passes a default group with no rules", () => assertNoFinding(findingsOf(defaultSecurityGroup, resource(TYPE, { vpcId: "vpc-1" }, { name: "d" }))));
        it("reports a default group with egress", () => {
            const [f] = findingsOf(defaultSecurityGroup, resource(TYPE, { egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] }, { name: "d" }));
            assert.match(f.message, /egress is .*wanted \[\] \(no rules\)/);
        });
    });

    describe("aws-network-private-vpc-endpoint", () => {
        const TYPE = "aws:ec2/vpcEndpoint:VpcEndpoint";
        it("passes a gateway endpoint and a complete interface endpoint", () => {
            assertNoFinding(findingsOf(vpcEndpoint, resource(TYPE, { serviceName: "com.amazonaws.us-east-1.s3", vpcId: "v" }, { name: "s3" })));
            assertNoFinding(findingsOf(vpcEndpoint, resource(TYPE, { vpcEndpointType: "Interface", privateDnsEnabled: true, subnetIds: ["s"], securityGroupIds: ["g"] }, { name: "kms" })));
        });
        it("reports an interface endpoint without private DNS", () => {
            const [f] = findingsOf(vpcEndpoint, resource(TYPE, { vpcEndpointType: "Interface", subnetIds: ["s"], securityGroupIds: ["g"] }, { name: "kms" }));
            assert.match(f.message, /privateDnsEnabled is unset; wanted true/);
        });
    });

    describe("aws-network-private-emr-cluster and -redshift-cluster", () => {
        it("passes an EMR cluster in a subnet with a service-access group, and reports one without", () => {
            const TYPE = "aws:emr/cluster:Cluster";
            assertNoFinding(findingsOf(emrCluster, resource(TYPE, { ec2Attributes: { subnetIds: ["s"], serviceAccessSecurityGroup: "sg" } }, { name: "c" })));
            const findings = findingsOf(emrCluster, resource(TYPE, { ec2Attributes: { instanceProfile: "p" } }, { name: "c" }));
            assert.equal(findings.length, 2);
            assert.match(findings[0].message, /ec2Attributes\.subnetId is unset/);
        });
        it("passes a private Redshift cluster and reports one without enhanced VPC routing", () => {
            const TYPE = "aws:redshift/cluster:Cluster";
            const ok = { enhancedVpcRouting: true, clusterSubnetGroupName: "g", vpcSecurityGroupIds: ["sg"] };
            assertNoFinding(findingsOf(redshiftCluster, resource(TYPE, ok, { name: "w" })));
            assert.match(findingsOf(redshiftCluster, resource(TYPE, { ...ok, enhancedVpcRouting: false }, { name: "w" }))[0].message, /enhancedVpcRouting is false/);
        });
    });

    describe("aws-network-private-s3-endpoint (stack)", () => {
        it("passes a VPC with an S3 endpoint and reports one without", () => {
            const vpc = resource("aws:ec2/vpc:Vpc", {}, { name: "vpc" });
            const endpoint = resource("aws:ec2/vpcEndpoint:VpcEndpoint", { serviceName: "com.amazonaws.us-east-1.s3", vpcId: UNKNOWN }, { name: "s3", deps: { vpcId: [vpc] } });
            assertNoFinding(findingsOf(s3Endpoint, [vpc, endpoint]));
            const [f] = findingsOf(s3Endpoint, [vpc]);
            assert.equal(f.urn, vpc.urn);
            assert.match(f.message, /No S3 VPC endpoint/);
        });
    });

    describe("aws-network-private-route-table", () => {
        const TABLE = "aws:ec2/routeTable:RouteTable";
        it("passes a table with a NAT default route and an endpoint route", () => {
            const routes = [{ cidrBlock: "0.0.0.0/0", natGatewayId: "nat-1" }, { destinationPrefixListId: "pl-1", vpcEndpointId: "vpce-1" }];
            assertNoFinding(findingsOf(routeTable, resource(TABLE, { vpcId: "v", routes }, { name: "private" })));
        });
        it("reports a default route to an igw- id, on a table and on a standalone route", () => {
            const [f] = findingsOf(routeTable, resource(TABLE, { routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-123" }] }, { name: "public" }));
            assert.deepEqual(f.controls, ["NETWORK-PRIVATE"]);
            assert.match(f.message, /routes\[0\]\.gatewayId is "igw-123"/);
            assert.match(findingsOf(routeTable, resource("aws:ec2/route:Route", { routeTableId: "rt", destinationIpv6CidrBlock: "::/0", gatewayId: "igw-9" }, { name: "r" }))[0].message, /gatewayId is "igw-9"/);
        });
        it("recognises a gateway id built from an aws.ec2.InternetGateway at preview", () => {
            const igw = resource("aws:ec2/internetGateway:InternetGateway", {}, { name: "igw" });
            const route = resource("aws:ec2/route:Route", { routeTableId: "rt", destinationCidrBlock: "0.0.0.0/0", gatewayId: UNKNOWN }, { name: "r", deps: { gatewayId: [igw] } });
            assert.equal(findingsOf(routeTable, route)[0].enforcement, "mandatory");
        });
        it("recognises an InternetGateway's id whatever it looks like, but not a virtual private gateway's", () => {
            const igw = resource("aws:ec2/internetGateway:InternetGateway", {}, { name: "igw" });
            const known = resource(TABLE, { routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: "app-gateway" }] }, { name: "public", deps: { routes: [igw] } });
            assert.match(findingsOf(routeTable, known)[0].message, /routes\[0\]\.gatewayId is "an aws\.ec2\.InternetGateway's id"/);
            const vpn = resource(TABLE, { routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: "vgw-1" }] }, { name: "vpn", deps: { routes: [igw] } });
            assertNoFinding(findingsOf(routeTable, vpn));
        });
    });

    describe("aws-network-private-egress (advisory; issue 14)", () => {
        const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
        it("passes egress to the VPC, a prefix list or a security group", () => {
            assertNoFinding(findingsOf(egress, resource(EGRESS, { cidrIpv4: "10.0.0.0/16", ipProtocol: "-1" }, { name: "vpc" })));
            assertNoFinding(findingsOf(egress, resource(EGRESS, { prefixListId: "pl-63a5400a", ipProtocol: "tcp", fromPort: 443, toPort: 443 }, { name: "s3" })));
            assertNoFinding(findingsOf(egress, resource(EGRESS, { referencedSecurityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 8443, toPort: 8443 }, { name: "sg" })));
            assertNoFinding(findingsOf(egress, resource(SG, { egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/8"] }] }, { name: "g" })));
        });
        it("reports the internet in every spelling and form, on any port, as advisory NETWORK-PRIVATE", () => {
            const open = [
                resource(EGRESS, { cidrIpv4: "0.0.0.0/0", ipProtocol: "tcp", fromPort: 443, toPort: 443 }, { name: "v4" }),
                resource(EGRESS, { cidrIpv6: "::0/0", ipProtocol: "-1" }, { name: "v6" }),
                resource(EGRESS, { cidrIpv6: "::ffff:0.0.0.0/96", ipProtocol: "-1" }, { name: "v4-mapped" }),
                resource(RULE, { type: "egress", protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/1", "128.0.0.0/1"] }, { name: "halves" }),
                resource(SG, { egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/8"] }, { protocol: "tcp", fromPort: 443, toPort: 443, ipv6CidrBlocks: ["::/0"] }] }, { name: "inline" }),
            ];
            for (const r of open) {
                const findings = findingsOf(egress, r);
                assert.equal(findings.length, 1, r.name);
                assert.deepEqual(findings[0].controls, ["NETWORK-PRIVATE"]);
                assert.equal(findings[0].enforcement, "advisory");
            }
        });
        it("leaves ingress rules to the ingress rule, and refuses a rule type the provider would not take", () => {
            assertNoFinding(findingsOf(egress, resource(RULE, { type: "ingress", cidrBlocks: ["0.0.0.0/0"] }, { name: "in" })));
            const [f] = findingsOf(egress, resource(RULE, { type: "Egress", protocol: "-1", cidrBlocks: ["0.0.0.0/0"] }, { name: "odd" }));
            assert.match(f.message, /type is "Egress"/);
            assert.equal(findingsOf(egress, resource(EGRESS, { cidrIpv4: UNKNOWN }, { name: "u" }))[0].unknown, true);
        });
    });

    describe("aws-network-private-route-table-association and -redshift-subnet-group (stack; issue 14)", () => {
        const TABLE = "aws:ec2/routeTable:RouteTable", ROUTE = "aws:ec2/route:Route", ASSOC = "aws:ec2/routeTableAssociation:RouteTableAssociation";
        const SUBNET = "aws:ec2/subnet:Subnet", GROUP = "aws:redshift/subnetGroup:SubnetGroup", IGW = "aws:ec2/internetGateway:InternetGateway";
        const igw = resource(IGW, {}, { name: "igw" });
        const privateTable = resource(TABLE, { routes: [] }, { name: "private" });
        const publicTable = resource(TABLE, { routes: [] }, { name: "public" });
        const igwRoute = resource(ROUTE, { destinationCidrBlock: "0.0.0.0/0", gatewayId: "x" }, { name: "to-igw", deps: { routeTableId: [publicTable], gatewayId: [igw] } });
        const inlinePublic = resource(TABLE, { routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-0123" }] }, { name: "inline-public" });
        const s1 = resource(SUBNET, { mapPublicIpOnLaunch: false }, { name: "s1" }), s2 = resource(SUBNET, {}, { name: "s2" }), s3 = resource(SUBNET, { mapPublicIpOnLaunch: true }, { name: "s3" });
        const assoc = (name: string, subnet: ReturnType<typeof resource>, table: ReturnType<typeof resource>) =>
            resource(ASSOC, { subnetId: "x", routeTableId: "y" }, { name: name, deps: { subnetId: [subnet], routeTableId: [table] } });
        it("judges an association by the routes of its table (inline and aws.ec2.Route), and one to a table it cannot see as a violation", () => {
            const outcomes = stackOutcomesByName(routeTableAssociation, [igw, privateTable, publicTable, igwRoute, inlinePublic, s1, s2,
                assoc("a-private", s1, privateTable), assoc("a-public", s2, publicTable), assoc("a-inline", s2, inlinePublic),
                resource(ASSOC, { subnetId: "subnet-1", routeTableId: "rtb-0abc" }, { name: "a-elsewhere" }), resource(ASSOC, { subnetId: "subnet-1", routeTableId: UNKNOWN }, { name: "a-unknown" })]);
            assert.deepEqual(outcomes, { "a-private": "compliant", "a-public": "violation", "a-inline": "violation", "a-elsewhere": "violation", "a-unknown": "unknown" });
        });
        it("passes a subnet group of private subnets of the stack; reports public ones, unassociated ones and subnets it cannot see", () => {
            const group = (name: string, subnets: ReturnType<typeof resource>[]) => resource(GROUP, { subnetIds: subnets.map(() => "x") }, { name: name, deps: { subnetIds: subnets } });
            const outcomes = stackOutcomesByName(redshiftSubnetGroup, [igw, privateTable, publicTable, igwRoute, s1, s2, s3,
                assoc("a1", s1, privateTable), assoc("a2", s2, publicTable), assoc("a3", s3, privateTable),
                group("private", [s1]), group("public-route", [s1, s2]), group("public-ip", [s3]), group("main-table", [resource(SUBNET, {}, { name: "s4" })]),
                resource(GROUP, { subnetIds: ["subnet-0abc"] }, { name: "elsewhere" }), resource(GROUP, { subnetIds: UNKNOWN }, { name: "unknown" })]);
            assert.deepEqual(outcomes, { private: "compliant", "public-route": "violation", "public-ip": "violation", "main-table": "violation", elsewhere: "violation", unknown: "unknown" });
            // "s1" is the subnet's Pulumi name, not its id (AWS gives it one at creation): it names no subnet of this stack.
            const findings = findingsOf(redshiftSubnetGroup, [s1, assoc("a1", s1, privateTable), privateTable, resource(GROUP, { subnetIds: ["s1", "subnet-0abc"] }, { name: "half" })]);
            assert.match(findings[0]?.message ?? "", /No aws:ec2\/subnet of this stack is among them/);
            // One subnet of the stack by dependency, a foreign one written beside it: still reported.
            const mixed = resource(GROUP, { subnetIds: [UNKNOWN, "subnet-0abc"] }, { name: "mixed", deps: { subnetIds: [s1] } });
            const [m] = findingsOf(redshiftSubnetGroup, [s1, assoc("a1", s1, privateTable), privateTable, mixed]);
            assert.match(m?.message ?? "", /not subnets of this stack/);
        });
    });
});
