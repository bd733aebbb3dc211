// Storage: an Azure storage account for PHI that is secure by default — every storage row of
// CONTROLS.md 1b holds without any argument: the hospital key through a user-assigned identity plus
// infrastructure (double) encryption, HTTPS and TLS 1.2 only, no public blob access, no shared keys,
// no public network, a geo-redundant SKU, versioning/soft delete/change feed, private containers,
// private endpoints, and blob read/write/delete logs.
import * as pulumi from "@pulumi/pulumi";
import * as storage from "@pulumi/azure-native/storage";
import { statefulOptions } from "../naming";
import type { Audit } from "./audit";
import { AzureArgs, deletionLock, tagsOf } from "./common";
import { type KeyConsumer, Keys } from "./keys";
import type { Network } from "./network";
import { assertArgs } from "../problems";
import { storagePlan } from "./storage-plan";

/** One identity's use of a key: the vault's URI, the key's name, and the identity allowed to use it. */
export interface ConsumerKey { vaultUri: pulumi.Input<string>; keyName: pulumi.Input<string>; consumer: KeyConsumer }

export interface StorageArgs extends AzureArgs {
    /** What the account holds, e.g. "phi" or "dl" (a data lake); part of the physical name. */
    purpose: string;
    network: Network;
    audit: Audit;
    /**
     * The key (ENC-REST-CMK), named `key` as on every component of the three clouds: the hospital's Keys,
     * used through its "storage" identity, or one identity's use of a key of it (a data lake's, a research zone's).
     */
    key: Keys | ConsumerKey;
    /** Private containers; default ["phi"]. */
    containers?: readonly string[];
    /** A hierarchical namespace (ADLS Gen2, what Synapse needs); adds a dfs endpoint. Default false. */
    dataLake?: boolean;
    /** A geo-redundant SKU (BACKUP-VERSIONING); default "Standard_GRS" (GZRS/RAGZRS only in zone regions). */
    sku?: "Standard_GRS" | "Standard_RAGRS" | "Standard_GZRS" | "Standard_RAGZRS";
    /** Days deleted blobs, versions and containers can be restored; default 30, 7–365. */
    softDeleteDays?: number;
}

// A data lake (hierarchical namespace) has no blob versioning or change feed: Microsoft's feature table
// lists both as not supported on HNS accounts, and Synapse requires one for its default storage. The
// pack's azure-backup-versioning-storage-account-blob-service rule knows this; the data lake keeps blob
// and container soft delete and a geo-redundant copy, and PHI of record lives in the versioned PHI account.

/** Every problem with StorageArgs, naming the argument, or []. Pure, exported for tests. */
export function storageProblems(args: Pick<StorageArgs, "purpose" | "containers" | "softDeleteDays">): string[] {
    const problems: string[] = [];
    if (!/^[a-z0-9]{1,8}$/.test(args.purpose)) {
        problems.push(`'purpose' must be 1 to 8 lower-case letters or digits (it is part of the 24-character account name); got "${args.purpose}".`);
    }
    const bad = (args.containers ?? []).filter(c => !/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/.test(c));
    if (bad.length) problems.push(`'containers' must be 3 to 63 lower-case letters, digits and single hyphens; got ${bad.map(c => `"${c}"`).join(", ")}.`);
    const days = args.softDeleteDays ?? 30;
    if (!Number.isInteger(days) || days < 7 || days > 365) {
        problems.push(`'softDeleteDays' must be a whole number from 7 (BACKUP-VERSIONING) to 365; got ${days}.`);
    }
    return problems;
}

export class Storage extends pulumi.ComponentResource {
    public readonly account: storage.StorageAccount;
    public readonly accountName: pulumi.Output<string>;
    public readonly accountId: pulumi.Output<string>;
    public readonly containers: Record<string, storage.BlobContainer>;

    constructor(name: string, args: StorageArgs, opts?: pulumi.ComponentResourceOptions) {
        // The old name's type token, so that no URN changes (components/aws/deprecated.ts says why).
        super("hipaa-cloud:azure:EncryptedStorage", name, {}, opts);
        assertArgs("Storage", name, args, storageProblems(args));
        const plan = storagePlan(args);
        const key = args.key instanceof Keys
            ? { vaultUri: args.key.vault.properties.vaultUri, keyName: args.key.key.name, consumer: args.key.consumer("storage") } : args.key;
        const identityId = key.consumer.identity.id;

        this.account = new storage.StorageAccount(`${name}-account`, {
            resourceGroupName: args.resourceGroupName,
            location: args.location,
            tags: tagsOf(args),
            ...plan.account,
            identity: { type: "UserAssigned", userAssignedIdentities: [identityId] },
            encryption: {
                ...plan.encryption,
                keyVaultProperties: { keyVaultUri: key.vaultUri, keyName: key.keyName }, // ENC-REST-CMK, versionless
                encryptionIdentity: { encryptionUserAssignedIdentity: identityId },
            },
        }, statefulOptions(this, args.environment, { dependsOn: [key.consumer.grant] }));
        this.accountName = this.account.name;
        this.accountId = this.account.id;

        const blobService = new storage.BlobServiceProperties(`${name}-blob-service`, {
            resourceGroupName: args.resourceGroupName, accountName: this.account.name, ...plan.blobService,
        }, { parent: this });

        this.containers = {};
        for (const container of plan.containers) {
            this.containers[container] = new storage.BlobContainer(`${name}-${container}`, {
                resourceGroupName: args.resourceGroupName,
                accountName: this.account.name,
                containerName: container,
                publicAccess: "None", // PUBLIC-ACCESS
            }, { parent: this, dependsOn: [blobService] });
        }

        deletionLock(this, `${name}-account`, this.account.id, args.environment, Object.values(this.containers));
        for (const groupId of plan.privateEndpointGroups) args.network.privateEndpoint(this, `${name}-${groupId}`, { targetId: this.account.id, groupId });

        // AUDIT-LOG: blob read/write/delete logs come only from the blob service's own setting (G11).
        args.audit.diagnose(this, `${name}-blob`, {
            resourceUri: pulumi.interpolate`${this.account.id}/blobServices/default`,
        }, { dependsOn: [blobService] });

        this.registerOutputs({ accountName: this.accountName, accountId: this.accountId });
    }
}
