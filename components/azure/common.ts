// What every Azure component shares: where it lives (one resource group per hospital), its tags, the
// globally unique physical names Azure asks for, and the built-in role ids the components grant.
import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import { baseTags, CommonArgs, physicalName } from "../naming";

/** Arguments every Azure component takes: the tenant's common args plus the hospital's resource group. */
export interface AzureArgs extends CommonArgs {
    /** The hospital's resource group; every resource goes in it. */
    resourceGroupName: pulumi.Input<string>;
    /** The Azure region (hospital:region); every resource is placed there (RESIDENCY). */
    location: pulumi.Input<string>;
}

/**
 * Tags for one Azure resource. azure-native has no provider-level default tags (CONTROLS.md G19), so
 * every resource carries its own (TAGGING).
 */
export function tagsOf(args: CommonArgs): Record<string, string> {
    return baseTags(args);
}

/**
 * A physical name `<tenant><sep><suffix>` of at most `maxLength` characters that keeps the whole
 * suffix (environment and purpose), so that a long tenant's prod and dev names never collide, and
 * adds a hash of the whole tenant when the tenant had to be altered (naming.ts physicalName).
 */
export function azureName(tenant: string, suffix: string, maxLength: number, separator = "-"): string {
    return physicalName(tenant, suffix, maxLength, separator);
}

/** The short environment marker that goes into physical names. */
export function envSuffix(environment: string | undefined): string {
    return environment ?? "prod";
}

/** Built-in Azure role definition ids (the GUIDs are the same in every tenant). */
export const builtInRoles = {
    /** Key Vault Crypto Service Encryption User: get, wrap and unwrap a key; what CMK consumers need. */
    cryptoServiceEncryptionUser: "e147488a-f6f5-4113-8e2d-b22465e65bf6",
    /** Key Vault Crypto Officer: manage keys, no secrets or certificates; for the hospital's admins. */
    cryptoOfficer: "14b46e9e-c2b7-41b4-b07b-48a6ebf60603",
    /** Storage Blob Data Contributor: read and write blobs; for the Synapse workspace on its data lake. */
    storageBlobDataContributor: "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
    /** Cognitive Services User: call an AI services account's APIs with an Entra token; no key listing, no management. */
    cognitiveServicesUser: "a97b65f3-24c7-4388-baec-2e87135dc908",
    /** Storage Blob Data Reader: read and list blobs, nothing else; for research partners on the de-identified zone. */
    storageBlobDataReader: "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1",
} as const;

/** The full role definition id of a built-in role in the deploying subscription. */
export function roleDefinitionId(role: string): pulumi.Output<string> {
    return clientConfig().apply(c => `/subscriptions/${c.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${role}`);
}

/** The deploying tenant and subscription (authorization.getClientConfig, one invoke per call). */
export function clientConfig(): pulumi.Output<authorization.GetClientConfigResult> {
    return authorization.getClientConfigOutput();
}

/**
 * Azure's own deletion protection for a stateful resource (DELETION-PROTECTION): a CanNotDelete
 * management lock, in prod only (where `protect` also holds). The lock covers the resource's children
 * (containers, pools), so deleting them needs the lock lifted first — on purpose.
 */
export function deletionLock(owner: pulumi.Resource, name: string, scope: pulumi.Input<string>,
    environment: string | undefined, dependsOn: pulumi.Input<pulumi.Resource>[] = []): authorization.ManagementLockByScope | undefined {
    if ((environment ?? "prod") !== "prod") return undefined;
    return new authorization.ManagementLockByScope(`${name}-lock`, {
        scope,
        level: "CanNotDelete",
        lockName: "hipaa-cloud-phi",
        notes: "PHI store: deletion protection (hipaa-cloud DELETION-PROTECTION)",
    }, { parent: owner, dependsOn });
}
