// Warehouse: a Redshift cluster for PHI that is secure by default — every Redshift row of
// CONTROLS.md 1b holds without any argument: KMS encryption with the CMK, no public endpoint,
// enhanced VPC routing, TLS required, a master password that Redshift itself keeps in Secrets
// Manager (never in Pulumi state), audit logs in KMS-encrypted, six-year CloudWatch log groups,
// automated snapshots and a final snapshot on delete.
import * as pulumi from "@pulumi/pulumi";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as ec2 from "@pulumi/aws/ec2";
import * as redshift from "@pulumi/aws/redshift";
import { getRegionOutput } from "@pulumi/aws/getRegion";
import { baseTags, CommonArgs, isProtected, statefulOptions } from "../naming";
import { auditDaysArg } from "./audit";
import { KeyArg, keyArg, resourceIdProblem, subnetIdsProblems } from "./existing";
import { isRfc1918, parseCidr } from "../cidr";
import { assertArgs } from "../problems";
import { auditLogExports, redshiftPort, warehousePlan, warehouseSecurityRules } from "./warehouse-plan";

export interface WarehouseArgs extends CommonArgs, KeyArg {
    /** The customer-managed KMS key for the data, the snapshots, the master password secret and the audit logs (ENC-REST-CMK). */
    key?: pulumi.Input<string>;
    vpcId: pulumi.Input<string>;
    /** Private subnets (at least one; two AZs recommended) for the cluster subnet group. */
    subnetIds: pulumi.Input<string>[];
    /** The VPC's CIDR: the only source allowed to reach port 5439. */
    vpcCidr: string;
    /** Days the warehouse's audit logs are kept, as on the other clouds; default 2192 (a CloudWatch retention value of six years or more, or 0). */
    auditDays?: number;
    /** @deprecated use auditDays */
    retentionDays?: number;
    /** Default 2. */
    nodes?: number;
    /** Default "ra3.xlplus". */
    nodeType?: string;
}

export { auditLogExports, redshiftPort };
/**
 * Days automated snapshots are kept: 35, the most Redshift allows (1–35). The default of 1 day would
 * leave a single day to notice corruption or a bad load before the last good state is gone
 * (BACKUP-VERSIONING; the controls ask for at least 7). Manual snapshots, the final one included,
 * are kept until deleted.
 */
export const snapshotRetentionDays = 35;
/** A weekly 30-minute window at night in the US (Sunday 05:00–05:30 UTC) for patches. */
export const maintenanceWindow = "sun:05:00-sun:05:30";

/** Every problem with the arguments, naming the argument; [] when they hold. */
export function warehouseProblems(args: WarehouseArgs): string[] {
    const problems: string[] = [];
    problems.push(...auditDaysArg(args, "retentionDays").problems.filter((p): p is string => p !== undefined));
    const nodes = args.nodes ?? 2;
    if (!Number.isInteger(nodes) || nodes < 1 || nodes > 128) problems.push(`'nodes' must be a whole number from 1 to 128; got ${nodes}.`);
    if (args.nodeType !== undefined && !/^(ra3|dc2|ds2)\.[a-z0-9]+$/.test(args.nodeType)) {
        problems.push(`'nodeType' must be a Redshift node type such as "ra3.xlplus"; got "${args.nodeType}".`);
    }
    // The landing zone's network and key, as given (components/aws/existing.ts).
    problems.push(...[...keyArg(args).problems, resourceIdProblem("vpcId", "vpc", args.vpcId)].filter((p): p is string => p !== undefined));
    problems.push(...subnetIdsProblems("subnetIds", args.subnetIds));
    const cidr = typeof args.vpcCidr === "string" ? parseCidr(args.vpcCidr) : undefined;
    if (!cidr || !isRfc1918(cidr)) {
        problems.push(`'vpcCidr' must be the VPC's private IPv4 CIDR, written canonically (e.g. 10.40.0.0/16; the only source allowed to reach port ${redshiftPort}); got ${JSON.stringify(args.vpcCidr)}.`);
    }
    return problems;
}

export class Warehouse extends pulumi.ComponentResource {
    public readonly endpoint: pulumi.Output<string>;
    public readonly clusterIdentifier: pulumi.Output<string>;
    /** The Secrets Manager secret Redshift keeps the master password in. */
    public readonly masterPasswordSecretArn: pulumi.Output<string>;

    constructor(name: string, args: WarehouseArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hipaa-cloud:aws:Warehouse", name, {}, opts);
        assertArgs("Warehouse", name, args, warehouseProblems(args));
        const key = keyArg(args).key;

        const plan = warehousePlan(args);
        const tags = baseTags(args);
        const child = { parent: this };

        // NETWORK-PRIVATE: the cluster lives only in the private subnets.
        const subnetGroup = new redshift.SubnetGroup(`${name}-subnets`, {
            name: plan.identifier, description: "Private subnets of the hospital warehouse", subnetIds: args.subnetIds, tags,
        }, child);

        const region = getRegionOutput({}, child).region;
        const s3 = ec2.getPrefixListOutput({ name: pulumi.interpolate`com.amazonaws.${region}.s3` }, child);
        const securityGroup = new ec2.SecurityGroup(`${name}-sg`, {
            vpcId: args.vpcId,
            description: "Redshift: SQL from inside the VPC only",
            ...warehouseSecurityRules(args.vpcCidr, s3.id),
            tags: { ...tags, Name: plan.identifier },
        }, child);

        const parameterGroup = new redshift.ParameterGroup(`${name}-parameters`, {
            name: plan.identifier,
            family: "redshift-2.0",
            description: "TLS required and user activity logged",
            parameters: plan.parameters,
            tags,
        }, child);

        const retentionDays = auditDaysArg(args, "retentionDays").days;
        const logGroups = plan.logGroups.map(({ log, name: logGroupName }) => new cloudwatch.LogGroup(`${name}-${log}`, {
            name: logGroupName,
            kmsKeyId: key,
            retentionInDays: retentionDays,
            deletionProtectionEnabled: isProtected(args.environment), // DELETION-PROTECTION
            tags,
        }, statefulOptions(this, args.environment)));

        const cluster = new redshift.Cluster(`${name}-cluster`, {
            clusterIdentifier: plan.identifier,
            nodeType: plan.nodeType,
            clusterType: plan.clusterType,
            numberOfNodes: plan.numberOfNodes,
            databaseName: "hospital",
            encrypted: "true", // ENC-REST-CMK (typed string in @pulumi/aws 7, CONTROLS.md G4)
            kmsKeyId: key,
            publiclyAccessible: false, // PUBLIC-ACCESS
            enhancedVpcRouting: true, // NETWORK-PRIVATE
            clusterSubnetGroupName: subnetGroup.name,
            vpcSecurityGroupIds: [securityGroup.id],
            clusterParameterGroupName: parameterGroup.name,
            port: redshiftPort,
            // IDENTITY-AUTHN: Redshift generates the master password and keeps it in Secrets Manager,
            // encrypted with the CMK, and rotates it; no password exists in code, config or Pulumi state.
            masterUsername: "hospital_admin",
            manageMasterPassword: true,
            masterPasswordSecretKmsKeyId: key,
            automatedSnapshotRetentionPeriod: snapshotRetentionDays, // BACKUP-VERSIONING
            skipFinalSnapshot: false,
            finalSnapshotIdentifier: plan.finalSnapshotIdentifier,
            preferredMaintenanceWindow: maintenanceWindow,
            allowVersionUpgrade: true,
            tags,
        }, statefulOptions(this, args.environment));

        new redshift.Logging(`${name}-audit-logging`, {
            clusterIdentifier: cluster.clusterIdentifier,
            logDestinationType: "cloudwatch",
            logExports: [...auditLogExports],
        }, { parent: this, dependsOn: logGroups });

        this.endpoint = cluster.endpoint;
        this.clusterIdentifier = cluster.clusterIdentifier;
        this.masterPasswordSecretArn = cluster.masterPasswordSecretArn;
        this.registerOutputs({ endpoint: this.endpoint, clusterIdentifier: this.clusterIdentifier, masterPasswordSecretArn: this.masterPasswordSecretArn });
    }
}
