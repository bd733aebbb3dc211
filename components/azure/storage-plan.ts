// The plan of the Azure Storage account: its name, the settings that make it private, encrypted and
// Entra-only, its blob service's versions and soft delete, its containers and its private endpoints, from its
// arguments alone. Pure (no resource is registered), so the rules are tested without the mock runtime, and
// the constructor (storage.ts) only wires the plan into resources.
import { azureName, envSuffix } from "./common";
import type { StorageArgs } from "./storage";

export interface StoragePlan {
    /** The account's settings that hold without the key and its identity. */
    account: {
        accountName: string;
        kind: "StorageV2";
        sku: { name: string };
        isHnsEnabled: boolean;
        enableHttpsTrafficOnly: true;
        minimumTlsVersion: "TLS1_2";
        allowBlobPublicAccess: false;
        publicNetworkAccess: "Disabled";
        networkRuleSet: { defaultAction: "Deny"; bypass: "None"; ipRules: never[]; virtualNetworkRules: never[] };
        allowSharedKeyAccess: false;
        defaultToOAuthAuthentication: true;
        allowCrossTenantReplication: false;
        isLocalUserEnabled: false;
        isSftpEnabled: false;
    };
    /** The account's encryption besides the key and its identity. */
    encryption: {
        keySource: "Microsoft.Keyvault";
        requireInfrastructureEncryption: true;
        services: { blob: { enabled: true; keyType: "Account" }; file: { enabled: true; keyType: "Account" } };
    };
    blobService: {
        blobServicesName: "default";
        isVersioningEnabled: boolean;
        changeFeed: { enabled: boolean };
        deleteRetentionPolicy: { enabled: true; days: number; allowPermanentDelete: false };
        containerDeleteRetentionPolicy: { enabled: true; days: number };
    };
    containers: readonly string[];
    privateEndpointGroups: ("blob" | "dfs")[];
}

/** The plan of an account with these (validated, storageProblems) arguments. */
export function storagePlan(args: Pick<StorageArgs, "tenant" | "environment" | "purpose" | "sku" | "dataLake" | "softDeleteDays" | "containers">): StoragePlan {
    const dataLake = args.dataLake ?? false;
    const days = args.softDeleteDays ?? 30;
    // BACKUP-VERSIONING: versions, soft delete of blobs and containers, and a change feed. Blob versioning
    // and the change feed are not supported on accounts with a hierarchical namespace (Microsoft,
    // "Blob versioning" limitations; azurerm refuses the combination, hashicorp/terraform-provider-azurerm#19418),
    // so a data lake keeps soft delete and its geo-redundant copy only. This is why PHI lives in the
    // flat "phi" account and the data lake holds Synapse's working data.
    const versioned = !dataLake;
    return {
        account: {
            accountName: azureName(args.tenant, `${envSuffix(args.environment)}${args.purpose}`, 24, ""),
            kind: "StorageV2",
            sku: { name: args.sku ?? "Standard_GRS" }, // BACKUP-VERSIONING: a copy in the paired region
            isHnsEnabled: dataLake,
            enableHttpsTrafficOnly: true, // ENC-TRANSIT
            minimumTlsVersion: "TLS1_2",
            allowBlobPublicAccess: false, // PUBLIC-ACCESS
            publicNetworkAccess: "Disabled",
            networkRuleSet: { defaultAction: "Deny", bypass: "None", ipRules: [], virtualNetworkRules: [] },
            allowSharedKeyAccess: false, // LEAST-PRIVILEGE: Entra ID only, no account keys or SAS
            defaultToOAuthAuthentication: true,
            allowCrossTenantReplication: false,
            isLocalUserEnabled: false,
            isSftpEnabled: false,
        },
        encryption: {
            // ENC-REST-CMK: the hospital key (the constructor adds it, versionless so that storage follows rotation, KEY-ROTATION).
            keySource: "Microsoft.Keyvault",
            requireInfrastructureEncryption: true, // double encryption; create-only
            services: { blob: { enabled: true, keyType: "Account" }, file: { enabled: true, keyType: "Account" } },
        },
        blobService: {
            blobServicesName: "default",
            isVersioningEnabled: versioned,
            changeFeed: { enabled: versioned },
            deleteRetentionPolicy: { enabled: true, days, allowPermanentDelete: false },
            containerDeleteRetentionPolicy: { enabled: true, days },
        },
        containers: args.containers ?? ["phi"],
        privateEndpointGroups: dataLake ? ["blob", "dfs"] : ["blob"],
    };
}
