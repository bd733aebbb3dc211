// ResearchShare (Azure): the hospital's de-identified zone and its read-only grants to research partners.
// The zone is a Data Lake Storage account of its own (Storage: the zone's own key in the
// hospital vault, shared keys off, public network off, private endpoints, blob read/write/delete logs),
// tagged data-classification=deidentified, one private container per dataset. Each partner principal
// gets Storage Blob Data Reader on its dataset's container only, with an ABAC condition that limits
// blob reads to that container and ends them after the partner's last day (`@Environment[UtcNow]`,
// GA for Blob Storage since April 2024): the expiry is in the grant itself, where Azure enforces it.
// No SAS, no account keys, no copy to the partner (Azure Data Share would hand over a copy that leaves
// the hospital's controls). De-identification itself (the de-identification service) is pipeline work.
import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import { ResearchPartner, shareEndsAt } from "../config";
import { deidentified } from "../naming";
import type { Audit } from "./audit";
import { AzureArgs, builtInRoles, roleDefinitionId } from "./common";
import { KeyArg, keyArg, type Keys, keysProblem } from "./keys";
import type { Network } from "./network";
import { Storage } from "./storage";
import { assertArgs, checkedRenamedArg, partnersProblems } from "../problems";

export interface ResearchShareArgs extends AzureArgs, KeyArg {
    network: Network;
    audit: Audit;
    /** The hospital keys, made with `deidentified: true`: the zone is encrypted with its own key. */
    key?: Keys;
    /** Research partners (hospital:sharing): each an Entra tenant and object id, a dataset and a last day. At least one. */
    partners: readonly ResearchPartner[];
}

/** The blob read a partner is allowed; every other data action of the role is refused by the role itself. */
const blobRead = "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read";

/**
 * The ABAC condition of a partner's role assignment: blob reads only in `container`, and only before
 * the end of `expires` (UTC). Written as Microsoft's condition format documents it (a targeted action,
 * OR the expression), version 2.0.
 */
export function partnerCondition(container: string, expires: string): string {
    return `((!(ActionMatches{'${blobRead}'})) OR ` +
        `(@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals '${container}' ` +
        `AND @Environment[UtcNow] DateTimeLessThan '${shareEndsAt(expires)}'))`;
}

/** Every problem with ResearchShareArgs, naming the argument, or []: the partners are judged as hospital:sharing is. */
export function researchShareProblems(args: Pick<ResearchShareArgs, "partners"> & KeyArg): string[] {
    // The key judged once, under the name the caller wrote: both names, none, not Keys, or Keys without the zone's own key.
    const key = checkedRenamedArg<Keys>(args, "key", "keys", (argName, value) => keysProblem(argName, value)
        ?? ((value as Keys).deidentifiedKey ? undefined : `'${argName}' must be Keys made with deidentified: true (the zone's own key).`));
    return [...partnersProblems("azure", args.partners), ...key.problems.filter((p): p is string => p !== undefined)];
}

export class ResearchShare extends pulumi.ComponentResource {
    public readonly accountName: pulumi.Output<string>;
    public readonly accountId: pulumi.Output<string>;

    constructor(name: string, args: ResearchShareArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hipaa-cloud:azure:ResearchShare", name, {}, opts);
        assertArgs("ResearchShare", name, args, researchShareProblems(args));
        const key = keyArg(args).key;

        const datasets = [...new Set(args.partners.map(p => p.dataset))].sort();
        const zone = new Storage(`${name}-storage`, {
            ...args,
            classification: deidentified,
            purpose: "deid",
            dataLake: true,
            containers: datasets,
            // researchShareProblems refused a key without a de-identified key.
            key: { vaultUri: key.vault.properties.vaultUri, keyName: key.deidentifiedKey!.name, consumer: key.consumer(deidentified) },
        }, { parent: this });

        const reader = roleDefinitionId(builtInRoles.storageBlobDataReader);
        for (const partner of args.partners) {
            new authorization.RoleAssignment(`${name}-${partner.id}`, {
                // The container's ARM path under the account (what a policy resolves to the account and its tags).
                scope: pulumi.interpolate`${zone.accountId}/blobServices/default/containers/${partner.dataset}`,
                roleDefinitionId: reader,
                // The partner's principal as it exists in the hospital's tenant: its multi-tenant
                // application's service principal (a B2B guest would be a User).
                principalId: partner.principal.objectId!,
                principalType: "ServicePrincipal",
                condition: partnerCondition(partner.dataset, partner.expires),
                conditionVersion: "2.0",
                description: `research partner ${partner.id} (tenant ${partner.principal.tenantId}) reads de-identified dataset ${partner.dataset} until ${partner.expires} (hipaa-cloud)`,
            }, { parent: this, dependsOn: [zone.containers[partner.dataset]] });
        }

        this.accountName = zone.accountName;
        this.accountId = zone.accountId;
        this.registerOutputs({ accountName: this.accountName, accountId: this.accountId });
    }
}
