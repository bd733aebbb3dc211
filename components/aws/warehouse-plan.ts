// The plan of the AWS Warehouse: the cluster's names and size, the parameters that require TLS and log
// user activity, the audit log groups it writes into, and the only traffic its security group admits.
// Pure (no resource is registered), so the rules are tested without the mock runtime, and the
// constructor (warehouse.ts) only wires the plan into resources.
import { physicalName } from "../naming";

export const redshiftPort = 5439;
/** The audit logs Redshift exports, each to /aws/redshift/cluster/<cluster identifier>/<log> (AUDIT-LOG). */
export const auditLogExports = ["connectionlog", "useractivitylog", "userlog"] as const;

export interface WarehousePlan {
    /** The cluster identifier, also the name of its subnet group and parameter group. */
    identifier: string;
    finalSnapshotIdentifier: string;
    nodeType: string;
    clusterType: "multi-node" | "single-node";
    numberOfNodes: number;
    /** ENC-TRANSIT: refuse unencrypted connections. AUDIT-LOG: every query in useractivitylog. */
    parameters: { name: string; value: string }[];
    /**
     * AUDIT-LOG, ENC-REST-CMK, RETENTION: the log groups Redshift writes into, declared before logging
     * starts, so that Redshift never creates its own (unencrypted, never expiring, and deletable).
     */
    logGroups: { log: typeof auditLogExports[number]; name: string }[];
}

/** The plan of a warehouse with these (validated, warehouseProblems) arguments. */
export function warehousePlan(args: { tenant: string; nodes?: number; nodeType?: string }): WarehousePlan {
    const identifier = physicalName(args.tenant, "warehouse");
    const nodes = args.nodes ?? 2;
    return {
        identifier,
        // DELETION-PROTECTION: deleting the cluster leaves a final snapshot (kept until deleted by hand).
        finalSnapshotIdentifier: `${identifier}-final`,
        nodeType: args.nodeType ?? "ra3.xlplus",
        clusterType: nodes > 1 ? "multi-node" : "single-node",
        numberOfNodes: nodes,
        parameters: [
            { name: "require_ssl", value: "true" },
            { name: "enable_user_activity_logging", value: "true" },
        ],
        logGroups: auditLogExports.map(log => ({ log, name: `/aws/redshift/cluster/${identifier}/${log}` })),
    };
}

/**
 * NETWORK-PRIVATE: SQL on 5439 from inside the VPC only. With enhanced VPC routing, COPY/UNLOAD traffic to
 * S3 also stays in the VPC (through its S3 gateway endpoint, whose managed prefix list `s3PrefixListId` is
 * the egress destination), and everything else goes to interface endpoints inside the VPC.
 */
export function warehouseSecurityRules<T>(vpcCidr: string, s3PrefixListId: T) {
    return {
        ingress: [{ protocol: "tcp", fromPort: redshiftPort, toPort: redshiftPort, cidrBlocks: [vpcCidr], description: "SQL clients inside the VPC" }],
        egress: [
            { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [vpcCidr], description: "Interface VPC endpoints (KMS, Secrets Manager, logs)" },
            { protocol: "tcp", fromPort: 443, toPort: 443, prefixListIds: [s3PrefixListId], description: "S3 through the VPC gateway endpoint (COPY, UNLOAD)" },
        ],
    };
}
