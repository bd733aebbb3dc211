// A subnet without a route table association of its own uses its VPC's main route table. An untouched main table
// of a VPC the stack creates holds only the local route (private); it turns public only through what the program
// adds, which the pack reads. Before, every such subnet was "cannot be verified": a false positive.
import assert from "node:assert/strict";
import { routeTable } from "../../../policies/aws/network-private";
import { UNKNOWN } from "../../../policies/lib/values";
import { findingsOf, resource, ruleNamed, stackOutcomesByName } from "../../support/policies";

const VPC = "aws:ec2/vpc:Vpc", SUBNET = "aws:ec2/subnet:Subnet", GROUP = "aws:redshift/subnetGroup:SubnetGroup";
const ROUTE = "aws:ec2/route:Route", TABLE = "aws:ec2/routeTable:RouteTable", IGW = "aws:ec2/internetGateway:InternetGateway";
const MAIN = "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation", ADOPTED = "aws:ec2/defaultRouteTable:DefaultRouteTable";
const rule = ruleNamed("aws-network-private-redshift-subnet-group");

describe("aws NETWORK-PRIVATE: the VPC's main route table", () => {
    const vpc = resource(VPC, { cidrBlock: "10.0.0.0/16" }, { name: "vpc" });
    const igw = resource(IGW, { vpcId: UNKNOWN }, { name: "igw", deps: { vpcId: [vpc] } });
    const subnet = resource(SUBNET, { vpcId: UNKNOWN, cidrBlock: "10.0.1.0/24", mapPublicIpOnLaunch: false }, { name: "s", deps: { vpcId: [vpc] } });
    const group = resource(GROUP, { subnetIds: [UNKNOWN] }, { name: "g", deps: { subnetIds: [subnet] } });
    const toIgw = (routeTableId: unknown, deps: ReturnType<typeof resource>[]) =>
        resource(ROUTE, { routeTableId, destinationCidrBlock: "0.0.0.0/0", gatewayId: UNKNOWN }, { name: "r", deps: { routeTableId: deps, gatewayId: [igw] } });

    it("an untouched main table of a VPC of this stack is private: no finding", () => {
        assert.deepEqual(stackOutcomesByName(rule, [vpc, igw, subnet, group]), { g: "compliant" });
    });

    it("a route to the internet gateway on the main table (built from the VPC) is reported", () => {
        const [f, ...rest] = findingsOf(rule, [vpc, igw, subnet, group, toIgw(UNKNOWN, [vpc])]);
        assert.equal(rest.length, 0);
        assert.equal(f.unknown, false);
        assert.match(f.message, /subnetIds → main route table → gatewayId/);
    });

    it("a DefaultRouteTable adopting it is judged by its routes (and by the route table rule itself)", () => {
        const adopted = (routes: unknown[]) => resource(ADOPTED, { defaultRouteTableId: UNKNOWN, routes }, { name: "main", deps: { defaultRouteTableId: [vpc] } });
        assert.deepEqual(stackOutcomesByName(rule, [vpc, subnet, group, adopted([{ cidrBlock: "10.1.0.0/16", gatewayId: "vgw-1" }])]), { g: "compliant" });
        assert.deepEqual(stackOutcomesByName(rule, [vpc, subnet, group, adopted([{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-0abc" }])]), { g: "violation" });
        assert.equal(findingsOf(routeTable, adopted([{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-0abc" }])).length, 1);
    });

    it("a MainRouteTableAssociation makes its table the main one", () => {
        const publicTable = resource(TABLE, { routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-0abc" }] }, { name: "public" });
        const main = resource(MAIN, { vpcId: UNKNOWN, routeTableId: UNKNOWN }, { name: "main", deps: { vpcId: [vpc], routeTableId: [publicTable] } });
        assert.deepEqual(stackOutcomesByName(rule, [vpc, subnet, group, publicTable, main]), { g: "violation" });
    });

    it("an internet route on a table unknown at preview (built from nothing of the stack) may be on the main table: unknown", () => {
        assert.deepEqual(stackOutcomesByName(rule, [vpc, igw, subnet, group, toIgw(UNKNOWN, [])]), { g: "unknown" });
        const other = resource(TABLE, { routes: [] }, { name: "other" });
        assert.deepEqual(stackOutcomesByName(rule, [vpc, igw, subnet, group, other, toIgw(UNKNOWN, [other])]), { g: "compliant" });
    });

    it("the default VPC's main table routes to its internet gateway; a VPC outside the stack cannot be verified; an unknown one is unknown", () => {
        const dflt = resource("aws:ec2/defaultVpc:DefaultVpc", {}, { name: "default" });
        const inDefault = resource(SUBNET, { vpcId: UNKNOWN, mapPublicIpOnLaunch: false }, { name: "d", deps: { vpcId: [dflt] } });
        assert.deepEqual(stackOutcomesByName(rule, [dflt, inDefault, resource(GROUP, { subnetIds: [UNKNOWN] }, { name: "g", deps: { subnetIds: [inDefault] } })]), { g: "violation" });
        const foreign = resource(SUBNET, { vpcId: "vpc-0abc", mapPublicIpOnLaunch: false }, { name: "f" });
        const [f] = findingsOf(rule, [foreign, resource(GROUP, { subnetIds: [UNKNOWN] }, { name: "g", deps: { subnetIds: [foreign] } })]);
        assert.match(f.message, /its VPC is not one of this stack: it uses that VPC's main route table, whose routes cannot be verified/);
        const unknown = resource(SUBNET, { vpcId: UNKNOWN, mapPublicIpOnLaunch: false }, { name: "u" });
        assert.deepEqual(stackOutcomesByName(rule, [unknown, resource(GROUP, { subnetIds: [UNKNOWN] }, { name: "g", deps: { subnetIds: [unknown] } })]), { g: "unknown" });
    });
});
