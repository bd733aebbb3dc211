import assert from "node:assert/strict";
import { Warehouse, WarehouseArgs, warehouseProblems } from "../../../components/aws/warehouse";
import { record, Recorded } from "../../support/record";

const keyArn = "arn:aws:kms:us-east-1:123456789012:key/test-key";
const config = { "aws:region": "us-east-1" };
const T = {
    component: "hipaa-cloud:aws:Warehouse",
    cluster: "aws:redshift/cluster:Cluster",
    subnetGroup: "aws:redshift/subnetGroup:SubnetGroup",
    parameterGroup: "aws:redshift/parameterGroup:ParameterGroup",
    logging: "aws:redshift/logging:Logging",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    securityGroup: "aws:ec2/securityGroup:SecurityGroup",
};

function warehouseArgs(extra: Partial<WarehouseArgs> = {}): WarehouseArgs {
    return { tenant: "mercy", key: keyArn, vpcId: "vpc-1", subnetIds: ["subnet-a", "subnet-b"], vpcCidr: "10.40.0.0/16", ...extra };
}

function warehouse(extra: Partial<WarehouseArgs> = {}): Promise<Recorded> {
    return record(() => { new Warehouse("warehouse", warehouseArgs(extra)); }, { config });
}

describe("components/aws/warehouse Warehouse", () => {
    let r: Recorded;
    let cluster: Record<string, any>;
    before(async () => {
        r = await warehouse();
        cluster = r.one(T.cluster).inputs;
    });

    it("registers the cluster, subnet group, parameter group, security group, logging and three log groups under the component", () => {
        const component = r.one(T.component, "warehouse");
        for (const type of [T.cluster, T.subnetGroup, T.parameterGroup, T.logging, T.securityGroup]) {
            assert.equal(r.one(type).parent, component.urn, type);
        }
        assert.equal(r.ofType(T.logGroup).length, 3);
        for (const g of r.ofType(T.logGroup)) assert.equal(g.parent, component.urn);
    });

    it("encrypts with the CMK, with encrypted given as the string \"true\"", () => {
        assert.equal(cluster.encrypted, "true");
        assert.equal(cluster.kmsKeyId, keyArn);
    });

    it("is not publicly accessible and routes all traffic through the VPC", () => {
        assert.equal(cluster.publiclyAccessible, false);
        assert.equal(cluster.enhancedVpcRouting, true);
    });

    it("lets Redshift manage the master password with the CMK, so no password is in any input", () => {
        assert.equal(cluster.manageMasterPassword, true);
        assert.equal(cluster.masterPasswordSecretKmsKeyId, keyArn);
        assert.equal(cluster.masterPassword, undefined);
        assert.equal(cluster.masterPasswordWo, undefined);
        for (const res of r.resources) {
            assert.doesNotMatch(JSON.stringify(res.inputs), /password"\s*:\s*"/i, res.name);
        }
    });

    it("keeps automated snapshots at least 7 days and takes a final snapshot on delete", () => {
        assert.ok(cluster.automatedSnapshotRetentionPeriod >= 7, String(cluster.automatedSnapshotRetentionPeriod));
        assert.equal(cluster.skipFinalSnapshot, false);
        assert.equal(cluster.finalSnapshotIdentifier, "mercy-warehouse-final");
        assert.match(cluster.preferredMaintenanceWindow, /^[a-z]{3}:\d\d:\d\d-[a-z]{3}:\d\d:\d\d$/);
    });

    it("requires TLS and logs user activity through its own parameter group", () => {
        const group = r.one(T.parameterGroup);
        const parameters = Object.fromEntries((group.inputs.parameters as any[]).map(p => [p.name, p.value]));
        assert.equal(parameters.require_ssl, "true");
        assert.equal(parameters.enable_user_activity_logging, "true");
        assert.equal(cluster.clusterParameterGroupName, group.inputs.name);
        assert.ok(r.one(T.cluster).propertyDependencies.clusterParameterGroupName.includes(group.urn));
    });

    it("places the cluster in the private subnet group and a group admitting 5439 from the VPC only", () => {
        const subnets = r.one(T.subnetGroup);
        assert.deepEqual(subnets.inputs.subnetIds, ["subnet-a", "subnet-b"]);
        assert.ok(r.one(T.cluster).propertyDependencies.clusterSubnetGroupName.includes(subnets.urn));
        const sg = r.one(T.securityGroup).inputs as any;
        assert.deepEqual(cluster.vpcSecurityGroupIds, ["sg-warehouse-sg"]);
        assert.equal(sg.ingress.length, 1);
        assert.equal(sg.ingress[0].fromPort, 5439);
        assert.equal(sg.ingress[0].toPort, 5439);
        assert.deepEqual(sg.ingress[0].cidrBlocks, ["10.40.0.0/16"]);
        assert.deepEqual(sg.egress.map((e: any) => e.cidrBlocks ?? e.prefixListIds), [["10.40.0.0/16"], ["pl-63a5400a"]]);
        assert.deepEqual(r.unknownInvokes, []);
        for (const rule of [...sg.ingress, ...sg.egress]) {
            assert.ok(!(rule.cidrBlocks ?? []).includes("0.0.0.0/0"));
            assert.equal(rule.ipv6CidrBlocks, undefined);
        }
    });

    it("exports connection, user activity and user logs to CloudWatch after their log groups exist", () => {
        const logging = r.one(T.logging);
        assert.equal(logging.inputs.logDestinationType, "cloudwatch");
        assert.deepEqual([...(logging.inputs.logExports as string[])].sort(), ["connectionlog", "useractivitylog", "userlog"]);
        assert.equal(logging.inputs.clusterIdentifier, "mercy-warehouse");
        for (const g of r.ofType(T.logGroup)) assert.ok(logging.dependencies.includes(g.urn), g.name);
    });

    it("declares each log group Redshift writes to, encrypted with the CMK, kept six years, deletion-protected", () => {
        const names = r.ofType(T.logGroup).map(g => g.inputs.name).sort();
        assert.deepEqual(names, ["connectionlog", "useractivitylog", "userlog"].map(l => `/aws/redshift/cluster/mercy-warehouse/${l}`));
        for (const g of r.ofType(T.logGroup)) {
            assert.equal(g.inputs.kmsKeyId, keyArn);
            assert.equal(g.inputs.retentionInDays, 2192);
            assert.equal(g.inputs.deletionProtectionEnabled, true);
        }
    });

    it("protects the cluster and the log groups in prod", () => {
        assert.equal(r.one(T.cluster).protect, true);
        for (const g of r.ofType(T.logGroup)) assert.equal(g.protect, true, g.name);
    });

    it("leaves dev unprotected", async () => {
        const dev = await warehouse({ environment: "dev" });
        assert.equal(dev.one(T.cluster).protect, false);
        for (const g of dev.ofType(T.logGroup)) {
            assert.equal(g.protect, false, g.name);
            assert.equal(g.inputs.deletionProtectionEnabled, false, g.name);
        }
    });

    it("defaults to two ra3.xlplus nodes and honours nodes, nodeType and auditDays", async () => {
        assert.equal(cluster.nodeType, "ra3.xlplus");
        assert.equal(cluster.numberOfNodes, 2);
        assert.equal(cluster.clusterType, "multi-node");
        const custom = await warehouse({ nodes: 1, nodeType: "ra3.4xlarge", auditDays: 3653 });
        const inputs = custom.one(T.cluster).inputs;
        assert.equal(inputs.nodeType, "ra3.4xlarge");
        assert.equal(inputs.numberOfNodes, 1);
        assert.equal(inputs.clusterType, "single-node");
        for (const g of custom.ofType(T.logGroup)) assert.equal(g.inputs.retentionInDays, 3653);
    });

    it("tags every taggable resource as PHI of the tenant", () => {
        for (const res of r.resources.filter(x => x.custom && x.inputs.tags !== undefined)) {
            assert.equal((res.inputs.tags as any)["data-classification"], "phi", res.name);
        }
        assert.equal((cluster.tags as any).tenant, "mercy");
    });

    it("refuses a retention below six years or one CloudWatch does not accept, and other bad arguments, naming each", () => {
        assert.match(warehouseProblems(warehouseArgs({ retentionDays: 365 })).join(), /'retentionDays'.*got 365/);
        assert.match(warehouseProblems(warehouseArgs({ retentionDays: 2200 })).join(), /'retentionDays'.*got 2200/);
        const problems = warehouseProblems(warehouseArgs({ nodes: 0, nodeType: "big", subnetIds: [], vpcCidr: "x" }));
        assert.equal(problems.length, 4);
        assert.deepEqual(warehouseProblems(warehouseArgs()), []);
        assert.throws(() => new Warehouse("bad", warehouseArgs({ retentionDays: 30 })), /Warehouse "bad": 'retentionDays'/);
    });
});
