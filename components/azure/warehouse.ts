// Warehouse: the hospital's warehouse, a dedicated SQL pool in the shared Synapse workspace —
// transparent data encryption on (under the workspace's customer-managed key, ENC-REST-CMK),
// geo-redundant backups (BACKUP-VERSIONING), its own logs (AUDIT-LOG), protected in prod.
// SQL auditing and the TLS floor are set on the workspace (synapse.ts, G15).
import * as pulumi from "@pulumi/pulumi";
import * as synapse from "@pulumi/azure-native/synapse";
import { statefulOptions } from "../naming";
import type { Audit } from "./audit";
import { AzureArgs, deletionLock, tagsOf } from "./common";
import type { SynapseWorkspace } from "./synapse";
import { assertArgs } from "../problems";

export interface WarehouseArgs extends AzureArgs {
    workspace: SynapseWorkspace;
    audit: Audit;
    /** Performance level (hospital:warehouse.nodeType); default "DW100c". */
    sku?: string;
}

/** Every problem with the arguments, naming the argument; [] when they hold. */
export function warehouseProblems(args: Pick<WarehouseArgs, "sku">): string[] {
    const sku = args.sku ?? "DW100c";
    return typeof sku === "string" && /^DW\d+c$/.test(sku) ? [] : [`'sku' must be a performance level such as DW100c; got ${JSON.stringify(sku)}.`];
}

export class Warehouse extends pulumi.ComponentResource {
    public readonly pool: synapse.SqlPool;
    public readonly poolId: pulumi.Output<string>;

    constructor(name: string, args: WarehouseArgs, opts?: pulumi.ComponentResourceOptions) {
        // The old name's type token, so that no URN changes (components/aws/deprecated.ts says why).
        super("hipaa-cloud:azure:DedicatedSqlPool", name, {}, opts);
        assertArgs("Warehouse", name, args, warehouseProblems(args));
        const sku = args.sku ?? "DW100c";

        this.pool = new synapse.SqlPool(`${name}-pool`, {
            resourceGroupName: args.resourceGroupName,
            workspaceName: args.workspace.workspaceName,
            location: args.location,
            tags: tagsOf(args),
            sqlPoolName: "warehouse",
            sku: { name: sku },
            createMode: "Default",
            collation: "SQL_Latin1_General_CP1_CI_AS",
            storageAccountType: "GRS", // BACKUP-VERSIONING: geo-redundant backups
        }, statefulOptions(this, args.environment, { dependsOn: [args.workspace.activeKey] }));
        this.poolId = this.pool.id;

        // ENC-REST-CMK: TDE is a separate resource per SQL pool (G15).
        new synapse.SqlPoolTransparentDataEncryption(`${name}-tde`, {
            resourceGroupName: args.resourceGroupName,
            workspaceName: args.workspace.workspaceName,
            sqlPoolName: this.pool.name,
            transparentDataEncryptionName: "current",
            status: "Enabled",
        }, { parent: this });

        deletionLock(this, `${name}-pool`, this.pool.id, args.environment);
        args.audit.diagnose(this, `${name}-pool`, { resourceUri: this.pool.id });
        this.registerOutputs({ poolId: this.poolId });
    }
}
