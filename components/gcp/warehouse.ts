// Warehouse: a BigQuery dataset encrypted with the tenant's key by default, reachable only by the
// tenant's principals, with a full week of time travel.
import * as pulumi from "@pulumi/pulumi";
import * as bigquery from "@pulumi/gcp/bigquery";
import type * as inputs from "@pulumi/gcp/types/input";
import { labels, statefulOptions } from "../naming";
import { assertTenantMembers, GcpArgs, gcpArgsProblems, keyArg, KeyArg, preventDeletion } from "./shared";
import { assertArgs, principalsProblem } from "../problems";

export interface WarehouseArgs extends GcpArgs, KeyArg {
    /** The Cloud KMS key (Keys.keyId). */
    key?: pulumi.Input<string>;
    /** The BigQuery encryption agent's grant on the key (Keys.grants.bigquery): the dataset is created after it. */
    keyGrant: pulumi.Resource;
    /** Tenant principals who own the dataset; default none, then only the project's owners do. */
    admins?: string[];
    /** Tenant principals who may read it; default none. */
    readers?: string[];
}

/**
 * The dataset's access list: exactly the tenant's principals (PUBLIC-ACCESS, LEAST-PRIVILEGE). Setting it
 * replaces BigQuery's default grants to project editors and viewers. With no administrator named, the
 * project's owners keep ownership so that the dataset is never left without one.
 */
export function datasetAccesses(admins: readonly string[], readers: readonly string[]): inputs.bigquery.DatasetAccess[] {
    assertTenantMembers(admins, "admins");
    assertTenantMembers(readers, "readers");
    const owners = admins.length ? admins.map(m => accessEntry(m, "OWNER")) : [{ role: "OWNER", specialGroup: "projectOwners" }];
    return [...owners, ...readers.map(m => accessEntry(m, "READER"))];
}

function accessEntry(member: string, role: string): inputs.bigquery.DatasetAccess {
    const [kind, who] = [member.slice(0, member.indexOf(":")), member.slice(member.indexOf(":") + 1)];
    switch (kind) {
        case "group": return { role, groupByEmail: who };
        case "domain": return { role, domain: who };
        default: return { role, userByEmail: who }; // user: and serviceAccount:
    }
}

/** Every problem with the arguments, naming the argument; [] when they hold. */
export function warehouseProblems(args: WarehouseArgs): string[] {
    return [...gcpArgsProblems(args), ...keyArg(args).problems, principalsProblem("gcp", "admins", args.admins), principalsProblem("gcp", "readers", args.readers)]
        .filter((p): p is string => p !== undefined);
}

export class Warehouse extends pulumi.ComponentResource {
    public readonly dataset: bigquery.Dataset;

    constructor(name: string, args: WarehouseArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hipaa-cloud:gcp:Warehouse", name, {}, opts);
        assertArgs("Warehouse", name, args, warehouseProblems(args));
        const key = keyArg(args).key;
        this.dataset = new bigquery.Dataset(`${name}-dataset`, {
            project: args.project,
            datasetId: `${args.tenant.replace(/-/g, "_")}_phi`, // dataset ids allow letters, digits and underscores
            friendlyName: `${args.tenant} PHI warehouse`,
            location: args.region, // RESIDENCY
            defaultEncryptionConfiguration: { kmsKeyName: key }, // ENC-REST-CMK (tables created after it)
            // Accesses are the one source of dataset access: no DatasetIamMember beside them (G23).
            accesses: datasetAccesses(args.admins ?? [], args.readers ?? []),
            maxTimeTravelHours: "168", // BACKUP-VERSIONING: seven days, the most BigQuery offers
            deleteContentsOnDestroy: false, // DELETION-PROTECTION
            deletionPolicy: preventDeletion, // DELETION-PROTECTION
            labels: labels(args),
        }, statefulOptions(this, args.environment, { dependsOn: [args.keyGrant] }));
        this.registerOutputs({ datasetId: this.dataset.id });
    }
}
