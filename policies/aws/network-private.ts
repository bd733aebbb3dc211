// NETWORK-PRIVATE on AWS: PHI services in private subnets behind closed security groups, reached over
// VPC endpoints (shared/CONTROLS.md 1b; cdk-nag EC2RestrictedSSH/EC2RestrictedCommonPorts,
// VPCDefaultSecurityGroupClosed).
import { isText, parseBoolReads, terraformReads } from "../lib/inputs";
import { admitsInternet, Ingress, judgeIngress, restrictedPorts, wantedIngress } from "../lib/network";
import { expect, notInStack, notApplicable, PolicyResource, resourceRule, Rule, stackRule, Violation } from "../lib/rule";
import { asArray, get, isUnknown, UNKNOWN } from "../lib/values";
import { Lookup, StackIndex } from "../lib/stack-index";
import { documentsOf, isRekognitionServiceName, looksLikeRekognition, rekognitionGrantTypes, rekognitionGrantors } from "./support/rekognition";
import { T } from "./support/tokens";

const cloud = "aws" as const;
const controls = ["NETWORK-PRIVATE" as const];

/**
 * The finding of one ingress rule (lib/network.ts judges it): the rule's value as found when the internet
 * reaches a guarded port, UNKNOWN when a value unknown at preview decides it.
 */
function verdict(property: string, found: unknown, ingress: Ingress): Violation[] {
    const judged = judgeIngress(ingress);
    if (judged.verdict === "closed") return [];
    if (judged.verdict === "unknown") return [{ property, found: UNKNOWN, wanted: wantedIngress }];
    return [{ property, found, wanted: wantedIngress, note: `It admits the internet to ${judged.reaches}.` }];
}

/** An ingress block, an aws.ec2.SecurityGroupRule or an aws.vpc.SecurityGroupIngressRule, as lib/network.ts reads it. */
function ingressOf(sources: unknown[], protocol: unknown, fromPort: unknown, toPort: unknown): Ingress {
    return { sources, protocol, ports: [{ from: fromPort, to: toPort }] };
}

export const securityGroup = resourceRule({
    name: "aws-network-private-security-group", cloud, controls, severity: "high", types: [T.securityGroup],
    description: `A security group does not admit the internet (0.0.0.0/0, ::/0, or ranges that together cover it) on ports ${restrictedPorts.join(", ")} or on all ports.`,
    remediation: "Replace 0.0.0.0/0 with the VPC's CIDR or a source security group, or reach the host through Session Manager.",
    check: r => {
        const ingress = r.props.ingress;
        if (isUnknown(ingress)) return [{ property: "ingress", found: ingress, wanted: wantedIngress }];
        return asArray(ingress as Record<string, unknown>[]).flatMap((rule, i) => isUnknown(rule)
            ? [{ property: `ingress[${i}]`, found: rule, wanted: wantedIngress }]
            : verdict(`ingress[${i}]`, rule, ingressOf([rule?.cidrBlocks, rule?.ipv6CidrBlocks], rule?.protocol, rule?.fromPort, rule?.toPort)));
    },
});

export const securityGroupRule = resourceRule({
    name: "aws-network-private-security-group-rule", cloud, controls, severity: "high", types: [T.securityGroupRule, T.securityGroupIngressRule],
    description: `A security group ingress rule does not admit the internet on ports ${restrictedPorts.join(", ")} or on all ports.`,
    remediation: "Use the VPC's CIDR or a referenced security group as the source instead of 0.0.0.0/0 or ::/0.",
    check: r => {
        const p = r.props;
        if (T.securityGroupRule.includes(r.type as never)) {
            if (p.type !== "ingress") return isUnknown(p.type) ? [{ property: "type", found: p.type, wanted: "a known rule type" }] : [];
            const cidrs = [...asArray(p.cidrBlocks as unknown[]), ...asArray(p.ipv6CidrBlocks as unknown[])];
            return verdict(isUnknown(p.cidrBlocks) ? "cidrBlocks" : "cidrBlocks/ipv6CidrBlocks", cidrs, ingressOf(cidrs, p.protocol, p.fromPort, p.toPort));
        }
        return verdict("cidrIpv4/cidrIpv6", [p.cidrIpv4, p.cidrIpv6].filter(c => c !== undefined), ingressOf([p.cidrIpv4, p.cidrIpv6], p.ipProtocol, p.fromPort, p.toPort));
    },
});

const empty = (v: unknown) => v === undefined || v === null || (Array.isArray(v) && v.length === 0);

export const defaultSecurityGroup = resourceRule({
    name: "aws-network-private-default-security-group", cloud, controls, severity: "medium", types: [T.defaultSecurityGroup],
    description: "A VPC's default security group admits and sends nothing (Config vpc-default-security-group-closed), so nothing lands in it by accident.",
    remediation: "Declare the aws.ec2.DefaultSecurityGroup with no ingress and no egress rules.",
    check: r => [...expect(r.props, "ingress", empty, "[] (no rules)"), ...expect(r.props, "egress", empty, "[] (no rules)")],
});

export const vpcEndpoint = resourceRule({
    name: "aws-network-private-vpc-endpoint", cloud, controls, severity: "medium", types: [T.vpcEndpoint],
    description: "An interface VPC endpoint has private DNS on, sits in subnets and is guarded by security groups, so AWS API calls stay in the VPC.",
    remediation: "Set privateDnsEnabled true, subnetIds and securityGroupIds on the interface endpoint.",
    check: r => {
        const kind = r.props.vpcEndpointType;
        if (isUnknown(kind)) return [{ property: "vpcEndpointType", found: kind, wanted: "a known endpoint type" }];
        if (typeof kind !== "string" || kind.toLowerCase() !== "interface") return [];
        const nonEmpty = (v: unknown) => Array.isArray(v) && v.length > 0;
        return [
            ...expect(r.props, "privateDnsEnabled", terraformReads.on, "true"),
            ...expect(r.props, "subnetIds", nonEmpty, "the private subnets"),
            ...expect(r.props, "securityGroupIds", nonEmpty, "security groups that admit only the VPC"),
        ];
    },
});

export const emrCluster = resourceRule({
    name: "aws-network-private-emr-cluster", cloud, controls, severity: "high", types: [T.emrCluster],
    description: "An EMR cluster runs in a (private) subnet with a service-access security group, as EMR requires in private subnets.",
    remediation: "Set ec2Attributes.subnetId (or subnetIds) to private subnets and ec2Attributes.serviceAccessSecurityGroup.",
    check: r => {
        const subnetId = get(r.props, "ec2Attributes.subnetId"), subnetIds = get(r.props, "ec2Attributes.subnetIds");
        const placed = isText(subnetId) || (Array.isArray(subnetIds) && subnetIds.length > 0);
        const subnet: Violation[] = placed ? [] : isUnknown(subnetId) || isUnknown(subnetIds)
            ? [{ property: "ec2Attributes.subnetId", found: isUnknown(subnetId) ? subnetId : subnetIds, wanted: "a private subnet" }]
            : [{ property: "ec2Attributes.subnetId", found: subnetId, wanted: "a private subnet (or ec2Attributes.subnetIds)" }];
        return [...subnet, ...expect(r.props, "ec2Attributes.serviceAccessSecurityGroup", isText, "the service-access security group's id")];
    },
});

export const redshiftCluster = resourceRule({
    name: "aws-network-private-redshift-cluster", cloud, controls, severity: "high", types: [T.redshiftCluster],
    description: "A Redshift cluster routes COPY/UNLOAD through the VPC (enhanced VPC routing), in a subnet group, behind security groups.",
    remediation: "Set enhancedVpcRouting true, clusterSubnetGroupName to a subnet group of private subnets, and vpcSecurityGroupIds.",
    check: r => [
        ...expect(r.props, "enhancedVpcRouting", terraformReads.on, "true"),
        ...expect(r.props, "clusterSubnetGroupName", isText, "a subnet group of private subnets"),
        ...expect(r.props, "vpcSecurityGroupIds", v => Array.isArray(v) && v.length > 0, "security groups that admit only the VPC"),
    ],
});

/** Whether an endpoint is the S3 endpoint (`com.amazonaws.<region>.s3`); UNKNOWN while its service name is. */
function isS3Endpoint(e: PolicyResource): boolean {
    const name = e.props.serviceName;
    return typeof name === "string" && /\.s3$/.test(name);
}

export const s3Endpoint = stackRule({
    name: "aws-network-private-s3-endpoint", cloud, controls, severity: "medium",
    judges: [T.vpc],
    description: "Every VPC has an S3 endpoint, so traffic to PHI buckets does not leave the AWS network through an internet or NAT gateway.",
    remediation: "Add an aws.ec2.VpcEndpoint with serviceName \"com.amazonaws.<region>.s3\" (Gateway) and the private route tables for the VPC.",
    check: stack => {
        const endpoints = stack.ofType(...T.vpcEndpoint);
        const byVpc = new Lookup(stack.ofType(...T.vpc), ["id"]).referrers(endpoints, "vpcId");
        return stack.ofType(...T.vpc).flatMap(vpc => {
            const mine = byVpc.get(vpc.urn) ?? [];
            if (mine.some(isS3Endpoint)) return [];
            const unknown = mine.find(e => isUnknown(e.props.serviceName));
            if (unknown) return [{ property: "serviceName", found: unknown.props.serviceName, wanted: "com.amazonaws.<region>.s3", resource: vpc }];
            return [{ property: T.vpcEndpoint[0], found: undefined, wanted: "an S3 endpoint (serviceName com.amazonaws.<region>.s3) in this VPC", resource: vpc,
                note: "No S3 VPC endpoint refers to this VPC." }];
        });
    },
});

/** Whether a property was built from an internet gateway: its URN names the type. */
function fromInternetGateway(r: PolicyResource, prop: string): boolean {
    return (r.opts.propertyDependencies?.[prop] ?? []).some(u => u.includes(`${T.internetGateway[0]}::`));
}

/**
 * A default route to an internet gateway: `gatewayId` an `igw-` id, or built from an aws.ec2.InternetGateway
 * (its id is unknown at preview, and a mock's id need not look like one). `gatewayId` takes an internet or a
 * virtual private gateway only, so a `vgw-` id is the one known value that is not an internet route.
 * `depsProp`: the top-level property whose dependencies count.
 */
function internetRoute(r: PolicyResource, path: string, depsProp: string): Violation[] {
    const route = get(r.props, path) as Record<string, unknown> | undefined;
    if (!route || typeof route !== "object" || isUnknown(route)) return isUnknown(route) ? [{ property: path, found: route, wanted: wantedRoute }] : [];
    const destination = [route.cidrBlock, route.ipv6CidrBlock, route.destinationCidrBlock, route.destinationIpv6CidrBlock];
    if (destination.some(d => isUnknown(d))) return [{ property: path, found: UNKNOWN, wanted: wantedRoute }];
    if (admitsInternet(destination) !== "yes") return [];
    const gateway = route.gatewayId;
    const property = path ? `${path}.gatewayId` : "gatewayId";
    if (typeof gateway === "string" && gateway.startsWith("igw-")) return [{ property, found: gateway, wanted: wantedRoute }];
    const virtualPrivate = typeof gateway === "string" && gateway.startsWith("vgw-");
    if (gateway !== undefined && !virtualPrivate && fromInternetGateway(r, depsProp)) return [{ property, found: "an aws.ec2.InternetGateway's id", wanted: wantedRoute }];
    return [];
}
const wantedRoute = "no 0.0.0.0/0 or ::/0 route to an internet gateway (use VPC endpoints; a NAT gateway for egress if needed)";

export const routeTable = resourceRule({
    name: "aws-network-private-route-table", cloud, controls, severity: "high", types: [T.routeTable, T.defaultRouteTable, T.route],
    description: "No route table sends 0.0.0.0/0 or ::/0 to an internet gateway (cdk-nag VPCNoUnrestrictedRouteToIGW), so PHI subnets have no path to or from the internet.",
    remediation: "Remove the default route to the internet gateway; reach AWS services through VPC endpoints, or exempt a NAT gateway's public route table with a reason.",
    check: r => {
        if (T.route.includes(r.type as never)) return internetRoute(r, "", "gatewayId");
        const routes = r.props.routes;
        if (isUnknown(routes)) return [{ property: "routes", found: routes, wanted: wantedRoute }];
        return asArray(routes as unknown[]).flatMap((_, i) => internetRoute(r, `routes[${i}]`, "routes"));
    },
});

/**
 * Egress, as this pack reads the Security Rule: NETWORK-PRIVATE (§164.312(e)(1), (a)(1)) keeps PHI on
 * private paths, and a security group that lets its resources send to the internet is the path PHI leaves
 * by without any of the pack's controls (no endpoint policy, no flow to an audited service). So egress goes
 * to the VPC's CIDR, a prefix list (the S3 gateway endpoint) or a security group, never to ranges that
 * together cover the internet (lib/network.ts, the same judgment as ingress) on any port: exfiltration
 * needs no guarded port. Advisory, not mandatory: shared/DESIGN.md allows a NAT gateway "only if egress is
 * needed" (patches, a vendor's API), which takes a 0.0.0.0/0 egress; a reviewer decides, and the finding
 * is listed in every report.
 */
const wantedEgress = "no destination covering the internet (0.0.0.0/0, ::/0, or ranges that together cover it): the VPC's CIDR, a prefix list or a security group";

function egressTo(property: string, found: unknown, destinations: readonly unknown[]): Violation[] {
    const reach = admitsInternet(destinations);
    if (reach === "no") return [];
    if (reach === "unknown") return [{ property, found: UNKNOWN, wanted: wantedEgress }];
    return [{ property, found, wanted: wantedEgress, note: "The group's resources can send to any internet address: a path for PHI out of the VPC." }];
}

export const egress = resourceRule({
    name: "aws-network-private-egress", cloud, controls, severity: "medium", enforcement: "advisory",
    types: [T.securityGroup, T.securityGroupRule, T.securityGroupEgressRule],
    description: "A security group does not let its resources send to the internet (0.0.0.0/0, ::/0, or ranges that together cover it) on any port: egress stays in the VPC, on a prefix list or to a security group.",
    remediation: "Send egress to the VPC's CIDR, the S3 gateway endpoint's prefix list or a security group; if a NAT path is needed, exempt the rule with the reason.",
    check: r => {
        const p = r.props;
        if (T.securityGroupEgressRule.includes(r.type as never)) {
            return egressTo("cidrIpv4/cidrIpv6", [p.cidrIpv4, p.cidrIpv6].filter(c => c !== undefined), [p.cidrIpv4, p.cidrIpv6]);
        }
        if (T.securityGroupRule.includes(r.type as never)) {
            // The provider takes "ingress" or "egress", exactly; anything else is not a rule this pack can read.
            if (p.type === "ingress") return notApplicable("an ingress rule (aws-network-private-security-group-rule judges it)");
            if (p.type !== "egress") return [{ property: "type", found: p.type, wanted: "\"ingress\" or \"egress\"" }];
            const cidrs = [...asArray(p.cidrBlocks as unknown[]), ...asArray(p.ipv6CidrBlocks as unknown[])];
            return egressTo(isUnknown(p.cidrBlocks) ? "cidrBlocks" : "cidrBlocks/ipv6CidrBlocks", cidrs, [p.cidrBlocks, p.ipv6CidrBlocks]);
        }
        const list = p.egress;
        if (isUnknown(list)) return [{ property: "egress", found: list, wanted: wantedEgress }];
        return asArray(list as Record<string, unknown>[]).flatMap((rule, i) => isUnknown(rule)
            ? [{ property: `egress[${i}]`, found: rule, wanted: wantedEgress }]
            : egressTo(`egress[${i}]`, rule, [rule?.cidrBlocks, rule?.ipv6CidrBlocks]));
    },
});

/** The internet routes of a route table of the stack: its inline routes and every aws.ec2.Route that names it. */
function tableInternetRoutes(stack: StackIndex, table: PolicyResource): Violation[] {
    const routes = table.props.routes;
    const inline = isUnknown(routes) ? [{ property: "routes", found: routes, wanted: wantedRoute }]
        : asArray(routes as unknown[]).flatMap((_, i) => internetRoute(table, `routes[${i}]`, "routes"));
    const separate = stack.referrers(table, T.route, "routeTableId", ["id"]).flatMap(r => internetRoute(r, "", "gatewayId")
        .map(v => ({ ...v, note: [`(on ${r.type} "${r.name}")`, v.note].filter(Boolean).join(" ") })));
    return [...inline, ...separate];
}

/**
 * The internet routes of the main route table a subnet without an association of its own uses: its VPC's ("elsewhere"
 * when the VPC is not one of this stack). A VPC the stack creates starts with a main table that holds only the local
 * route, so it is public only through what the program adds: a MainRouteTableAssociation (the table it names is the
 * main table), an aws.ec2.DefaultRouteTable adopting it (its inline routes), or an aws.ec2.Route built from the VPC (its
 * `defaultRouteTableId`/`mainRouteTableId`). A route whose table is unknown at preview and built from nothing of the
 * stack may be on it: unknown. The default VPC's main table routes 0.0.0.0/0 to its internet gateway.
 */
function mainTableRoutes(stack: StackIndex, subnet: PolicyResource): Violation[] | "elsewhere" {
    const vpcs = stack.lookup(T.vpc, ["id"]).refer(subnet, "vpcId");
    if (isUnknown(vpcs)) return [{ property: "vpcId", found: UNKNOWN, wanted: "a VPC of this stack" }];
    if (!vpcs.length) return "elsewhere";
    const builtFromVpc = (r: PolicyResource, prop: string) => vpcs.some(v => r.opts.propertyDependencies?.[prop]?.includes(v.urn));
    const maybeMain = (r: PolicyResource, prop: string) => isUnknown(r.props[prop]) && !(r.opts.propertyDependencies?.[prop] ?? []).some(u => stack.byUrn(u));
    return vpcs.flatMap((vpc): Violation[] => {
        const associations = stack.referrers(vpc, T.mainRouteTableAssociation, "vpcId", ["id"]);
        if (associations.length) {
            return associations.flatMap(a => {
                const tables = stack.targetsOf(a, "routeTableId", T.routeTable, ["id"]);
                return tables.length ? tables.flatMap(t => tableInternetRoutes(stack, t))
                    : [notInStack(a, "routeTableId", "a route table of this stack", "No aws:ec2/routeTable of this stack is that table: its routes cannot be verified.")];
            });
        }
        const adopted = stack.ofType(...T.defaultRouteTable).filter(d => builtFromVpc(d, "defaultRouteTableId") || maybeMain(d, "defaultRouteTableId"));
        const routes = stack.ofType(...T.route).filter(r => builtFromVpc(r, "routeTableId") || maybeMain(r, "routeTableId"));
        const out: Violation[] = [
            ...adopted.flatMap(d => isUnknown(d.props.routes) ? [{ property: "routes", found: UNKNOWN, wanted: wantedRoute }]
                : asArray(d.props.routes as unknown[]).flatMap((_, i) => internetRoute(d, `routes[${i}]`, "routes"))),
            ...routes.flatMap(r => builtFromVpc(r, "routeTableId") ? internetRoute(r, "", "gatewayId")
                : internetRoute(r, "", "gatewayId").map(v => ({ ...v, found: UNKNOWN, note: `(${r.type} "${r.name}" is on a route table unknown at preview, which may be this main table)` }))),
        ];
        // The default VPC's main table routes 0.0.0.0/0 to its internet gateway, unless a DefaultRouteTable adopted it (which replaces its routes).
        if (vpc.type === "aws:ec2/defaultVpc:DefaultVpc" && !adopted.some(d => builtFromVpc(d, "defaultRouteTableId"))) {
            out.push({ property: "routes", found: "0.0.0.0/0 → the default VPC's internet gateway", wanted: wantedRoute, note: `(${vpc.type} "${vpc.name}")` });
        }
        return out;
    });
}

/** The route tables of the stack a subnet is associated with (aws.ec2.RouteTableAssociation). */
function subnetTables(stack: StackIndex, subnet: PolicyResource): PolicyResource[] {
    return stack.referrers(subnet, T.routeTableAssociation, "subnetId", ["id"]).flatMap(a => stack.targetsOf(a, "routeTableId", T.routeTable, ["id"]));
}

export const routeTableAssociation = stackRule({
    name: "aws-network-private-route-table-association", cloud, controls, severity: "high",
    // The main route table association: the table every subnet without an association of its own uses.
    judges: [T.routeTableAssociation, T.mainRouteTableAssociation],
    description: "A route table association (or the VPC's main route table association) puts its subnets on a route table of this stack that sends nothing to an internet gateway, so they are private.",
    remediation: "Associate the subnet with a private route table of this stack (no 0.0.0.0/0 or ::/0 route to an internet gateway); reach AWS services through VPC endpoints.",
    check: stack => stack.ofType(...T.routeTableAssociation, ...T.mainRouteTableAssociation).flatMap((a): Violation[] => {
        const tables = stack.targetsOf(a, "routeTableId", T.routeTable, ["id"]);
        if (!tables.length) return [notInStack(a, "routeTableId", "a route table of this stack", "No aws:ec2/routeTable of this stack is that table: its routes cannot be verified.")];
        return tables.flatMap(t => tableInternetRoutes(stack, t).map(v => ({ ...v, property: `routeTableId → ${v.property}`, resource: a,
            note: [`(route table ${t.type} "${t.name}")`, v.note].filter(Boolean).join(" ") })));
    }),
});

/** The judgment of a subnet group (Redshift, RDS, ElastiCache: each lists `subnetIds`): only private subnets of this stack. */
const privateSubnetGroups = (types: readonly string[]) => (stack: StackIndex): Violation[] => stack.ofType(...types).flatMap((g): Violation[] => {
        const ids = g.props.subnetIds;
        // Through its dependencies, else each id by id or logical name.
        const subnets = stack.lookup(T.subnet, ["id"]).refer(g, "subnetIds", asArray(ids as unknown[]));
        const wanted = "private subnets of this stack";
        if (isUnknown(subnets) || !subnets.length) return [notInStack(g, "subnetIds", wanted, "No aws:ec2/subnet of this stack is among them: whether they are private cannot be verified.")];
        // More ids than subnets of the stack found (by dependencies or by id): some subnet is from elsewhere.
        const count = Array.isArray(ids) ? new Set(ids.map(i => isUnknown(i) ? {} : i)).size : undefined;
        const out: Violation[] = count !== undefined && count > subnets.length
            ? [{ property: "subnetIds", found: ids, wanted, resource: g, note: "Some of them are not subnets of this stack: whether they are private cannot be verified." }] : [];
        for (const subnet of subnets) {
            out.push(...expect(subnet.props, "mapPublicIpOnLaunch", terraformReads.offOrUnset, "false", g)
                .map(v => ({ ...v, property: `subnetIds → ${v.property}`, note: `(on ${subnet.type} "${subnet.name}")` })));
            const tables = subnetTables(stack, subnet);
            const main = tables.length ? [] : mainTableRoutes(stack, subnet);
            if (main === "elsewhere") {
                out.push({ property: "subnetIds", found: subnet.name, wanted: "subnets associated with a private route table of this stack", resource: g,
                    note: `No aws:ec2/routeTableAssociation of this stack names ${subnet.type} "${subnet.name}", and its VPC is not one of this stack: it uses that VPC's main route table, whose routes cannot be verified.` });
            } else {
                out.push(...main.map(v => ({ ...v, property: `subnetIds → main route table → ${v.property}`, resource: g,
                    note: [`(subnet "${subnet.name}" has no route table association of its own: it uses its VPC's main route table)`, v.note].filter(Boolean).join(" ") })));
            }
            for (const t of tables) {
                out.push(...tableInternetRoutes(stack, t).map(v => ({ ...v, property: `subnetIds → ${v.property}`, resource: g,
                    note: [`(subnet "${subnet.name}", route table "${t.name}")`, v.note].filter(Boolean).join(" ") })));
            }
        }
        return out;
});

export const redshiftSubnetGroup = stackRule({
    name: "aws-network-private-redshift-subnet-group", cloud, controls, severity: "high",
    judges: [T.redshiftSubnetGroup],
    description: "A Redshift subnet group holds only private subnets of this stack: no public IP on launch, and every route table associated with them sends nothing to an internet gateway.",
    remediation: "Build the subnet group from the private subnets of this stack (mapPublicIpOnLaunch false, associated with a route table with no internet-gateway route).",
    check: privateSubnetGroups(T.redshiftSubnetGroup),
});

/** RDS and ElastiCache subnet groups: the same judgment as Redshift's (the databases and caches they place are reached through them). */
export const dataSubnetGroup = stackRule({
    name: "aws-network-private-data-subnet-group", cloud, controls, severity: "high",
    judges: [T.rdsSubnetGroup, T.elasticacheSubnetGroup],
    description: "An RDS or ElastiCache subnet group holds only private subnets of this stack: no public IP on launch, and every route table associated with them sends nothing to an internet gateway.",
    remediation: "Build the subnet group from the private subnets of this stack (mapPublicIpOnLaunch false, associated with a route table with no internet-gateway route).",
    check: privateSubnetGroups([...T.rdsSubnetGroup, ...T.elasticacheSubnetGroup]),
});

/**
 * A Lambda function outside a VPC reaches the internet, and PHI stores only through their public endpoints;
 * in a VPC it reaches what the VPC's routes, endpoints and security groups allow. Where the program builds a
 * VPC (it keeps its private resources there), a function outside it is worth a reviewer's look: advisory,
 * since a function that touches no PHI and no VPC resource has no reason to be in it. In a stack with no
 * VPC there is no private network to join: not applicable, with the reason.
 */
export const lambdaFunction = stackRule({
    name: "aws-network-private-lambda-function", cloud, controls, severity: "medium", enforcement: "advisory",
    judges: [T.lambdaFunction],
    description: "Where the stack builds a VPC, a Lambda function runs in its subnets (vpcConfig.subnetIds and securityGroupIds), so it reaches PHI stores over private paths.",
    remediation: "Set vpcConfig {subnetIds: the private subnets, securityGroupIds} on the function, or exempt a function that touches no PHI with the reason.",
    check: stack => {
        const functions = stack.ofType(...T.lambdaFunction);
        const vpcs = stack.ofType(...T.vpc);
        if (!vpcs.length) return functions.map(f => ({ property: "vpcConfig", found: undefined, wanted: "", resource: f,
            doesNotApply: "the stack builds no VPC: there is no private network of the program to run the function in" }));
        const nonEmpty = (v: unknown) => Array.isArray(v) && v.length > 0;
        return functions.flatMap(f => [
            ...expect(f.props, "vpcConfig.subnetIds", nonEmpty, `subnets of the stack's VPC (${vpcs.map(v => `"${v.name}"`).join(", ")})`, f),
            ...expect(f.props, "vpcConfig.securityGroupIds", nonEmpty, "security groups that admit only what the function needs", f),
        ]);
    },
});

const wantedNoPublicIp = "false or unset (no public IP address)";
/** Unset (null, "") or a value the provider reads as false: any other value, "1" or "t" too, may give a public IP. */
const unset = (v: unknown) => v === undefined || v === null || v === "";
const noPublicIp = (props: Record<string, unknown>, path: string) => expect(props, path, v => unset(v) || parseBoolReads.off(v), wantedNoPublicIp);

/**
 * Public IPs on compute (CONTROLS.md: "no public IPs on compute"; Config ec2-instance-no-public-ip). An
 * instance gets one when it asks (associatePublicIpAddress) or, when it says nothing, from its subnet's
 * mapPublicIpOnLaunch: a subnet of this stack is read; without a subnetId the instance lands in the default
 * VPC's default subnet, which gives every instance a public IP; a subnet from elsewhere cannot be verified.
 * An instance launched from a launch template with no subnetId of its own takes the template's network
 * interfaces, judged on the template (aws-network-private-ec2-launch-template).
 */
export const ec2Instance = stackRule({
    name: "aws-network-private-ec2-instance", cloud, controls, severity: "high",
    judges: [T.ec2Instance],
    description: "An EC2 instance has no public IP address: associatePublicIpAddress is not true, and it is launched in a subnet of this stack that does not map public IPs on launch.",
    remediation: "Set associatePublicIpAddress false and subnetId to a private subnet of this stack (mapPublicIpOnLaunch false); reach the instance through Session Manager or a load balancer.",
    check: stack => stack.ofType(...T.ec2Instance).flatMap((r): Violation[] => {
        const own = noPublicIp(r.props, "associatePublicIpAddress").map(v => ({ ...v, resource: r }));
        const given = (v: unknown) => !unset(v) && !(Array.isArray(v) && !v.length);
        if (own.length || given(r.props.associatePublicIpAddress)) return own;
        const subnetId = r.props.subnetId;
        if (!given(subnetId)) {
            if (given(r.props.launchTemplate)) return [];
            if (given(r.props.primaryNetworkInterface) || given(r.props.networkInterfaces)) {
                return [{ property: "primaryNetworkInterface", found: "a network interface", wanted: "a network interface in a private subnet of this stack", resource: r,
                    note: "The instance's network interface decides its public IP, which this rule does not follow: verify its subnet, or launch with subnetId." }];
            }
            return [{ property: "subnetId", found: subnetId, wanted: "a private subnet of this stack", resource: r,
                note: "Without a subnet the instance is launched in the default VPC's default subnet, which gives it a public IP address." }];
        }
        const subnets = stack.targetsOf(r, "subnetId", T.subnet, ["id"]);
        if (!subnets.length) return [notInStack(r, "subnetId", "a private subnet of this stack (or associatePublicIpAddress false)",
            "No aws:ec2/subnet of this stack is that subnet: whether it gives the instance a public IP cannot be verified; set associatePublicIpAddress false.")];
        return subnets.flatMap(sub => expect(sub.props, "mapPublicIpOnLaunch", terraformReads.offOrUnset, "false or unset", r)
            .map(v => ({ ...v, property: `subnetId → ${v.property}`, note: `(on ${sub.type} "${sub.name}")` })));
    }),
});

export const ec2LaunchTemplate = resourceRule({
    name: "aws-network-private-ec2-launch-template", cloud, controls, severity: "high", types: [T.ec2LaunchTemplate, T.ec2LaunchConfiguration],
    description: "A launch template's network interfaces, or a launch configuration, do not give instances a public IP address.",
    remediation: "Set associatePublicIpAddress \"false\" on every network interface of the template (false on a launch configuration), and launch into private subnets.",
    check: r => {
        if (T.ec2LaunchConfiguration.includes(r.type as never)) return noPublicIp(r.props, "associatePublicIpAddress");
        const list = r.props.networkInterfaces;
        if (isUnknown(list)) return [{ property: "networkInterfaces", found: list, wanted: wantedNoPublicIp }];
        return asArray(list as unknown[]).flatMap((_, i) => noPublicIp(r.props, `networkInterfaces[${i}].associatePublicIpAddress`));
    },
});

/** An ECS service's tasks (awsvpc networking) get a public IP when assignPublicIp is true; without networkConfiguration they share their host's, judged on the instance. */
export const ecsService = resourceRule({
    name: "aws-network-private-ecs-service", cloud, controls, severity: "high", types: [T.ecsService],
    description: "An ECS service does not give its tasks public IP addresses (networkConfiguration.assignPublicIp not true).",
    remediation: "Set networkConfiguration.assignPublicIp false, run the tasks in private subnets, and reach ECR and other AWS services through VPC endpoints or a NAT gateway.",
    check: r => noPublicIp(r.props, "networkConfiguration.assignPublicIp"),
});

/**
 * An Elastic IP attached to an instance or network interface is a public address on compute. One that is
 * not (held for a NAT gateway, which takes it by allocationId) is not: not applicable, with the reason; its
 * association, if any, is judged as aws.ec2.EipAssociation.
 */
export const elasticIp = resourceRule({
    name: "aws-network-private-elastic-ip", cloud, controls, severity: "high", types: [T.eip, T.eipAssociation],
    description: "No Elastic IP is attached to an EC2 instance or network interface (a public address on compute); Elastic IPs serve NAT gateways.",
    remediation: "Remove the Elastic IP from the instance; reach it through a load balancer or Session Manager, and keep Elastic IPs for NAT gateways.",
    check: r => {
        const [instance, eni] = T.eip.includes(r.type as never) ? ["instance", "networkInterface"] : ["instanceId", "networkInterfaceId"];
        const wanted = "unset: no Elastic IP on compute";
        const out = [...expect(r.props, instance, v => unset(v), wanted), ...expect(r.props, eni, v => unset(v), wanted)];
        if (out.length || T.eipAssociation.includes(r.type as never)) return out;
        return notApplicable("not attached to an instance or network interface (held for a NAT gateway, or attached by an aws.ec2.EipAssociation judged on its own)");
    },
});

/**
 * Issue 16: a workload that may call Rekognition reaches it through an interface endpoint of this stack, with
 * private DNS, so the SDK's default endpoint (rekognition.<region>.amazonaws.com) resolves inside the VPC and
 * images never cross the internet. The endpoint's service name must be Rekognition's exactly (a near miss
 * such as `.Rekognition` names no service AWS has).
 */
export const rekognitionEndpoint = stackRule({
    name: "aws-network-private-rekognition-endpoint", cloud, controls, severity: "high",
    judges: rekognitionGrantTypes,
    description: "A stack whose IAM policies grant Rekognition calls has an interface VPC endpoint for com.amazonaws.<region>.rekognition (or rekognition-fips) with private DNS, so images reach Rekognition only over the private network.",
    remediation: "Add an aws.ec2.VpcEndpoint with serviceName \"com.amazonaws.<region>.rekognition\", vpcEndpointType \"Interface\", privateDnsEnabled true, the private subnets and an HTTPS-from-the-VPC security group.",
    check: stack => {
        const endpoints = stack.ofType(...T.vpcEndpoint).filter(e => looksLikeRekognition(e.props.serviceName) || isUnknown(e.props.serviceName));
        const isPrivate = (e: PolicyResource) => isRekognitionServiceName(e.props.serviceName) && terraformReads.on(e.props.privateDnsEnabled)
            && typeof e.props.vpcEndpointType === "string" && e.props.vpcEndpointType.toLowerCase() === "interface";
        const known = (e: PolicyResource) => ["serviceName", "privateDnsEnabled", "vpcEndpointType"].every(p => !isUnknown(e.props[p]));
        const ok = endpoints.some(e => known(e) && isPrivate(e));
        const unknown = !ok && endpoints.some(e => !known(e));
        const grantors = new Set(rekognitionGrantors(stack));
        // The policies and roles, and the attachments of AWS-managed Rekognition policies (grantors beyond those types).
        return [...new Set([...stack.ofType(...rekognitionGrantTypes), ...grantors])].flatMap((r): Violation[] => {
            if (!grantors.has(r)) {
                // Unknown or unreadable documents are not judged here (LEAST-PRIVILEGE reads them).
                let readable: boolean;
                try { readable = documentsOf(r).every(d => !isUnknown(d.statements)); } catch { readable = false; }
                return [readable
                    ? { resource: r, property: "policy", found: undefined, wanted: "", doesNotApply: "grants no Rekognition call" }
                    : { resource: r, property: "policy", found: UNKNOWN, wanted: "", notJudged: true }];
            }
            if (ok) return [];
            return [{
                resource: r, property: `${T.vpcEndpoint[0]} (serviceName com.amazonaws.<region>.rekognition)`, found: unknown ? UNKNOWN : undefined,
                wanted: "an Interface endpoint for Rekognition with privateDnsEnabled true in this stack",
                note: unknown ? undefined : "This policy grants Rekognition calls, and no Rekognition interface endpoint with private DNS is in the stack: the calls, with the images, would go to Rekognition's public endpoint.",
            }];
        });
    },
});

export const rules: Rule[] = [dataSubnetGroup, ecsService, elasticIp, ec2Instance, ec2LaunchTemplate, lambdaFunction, securityGroup, securityGroupRule, defaultSecurityGroup, vpcEndpoint, emrCluster, redshiftCluster, s3Endpoint, routeTable,
    egress, routeTableAssociation, redshiftSubnetGroup, rekognitionEndpoint];
