// BACKUP-VERSIONING on Azure: blob versions and soft delete recover overwritten or deleted PHI;
// geo-redundant storage and SQL pool geo-backups survive the loss of a region (CONTROLS.md 1b).
import { armReads, terraformReads, equalsAnyIgnoreCase, toNumber } from "../lib/inputs";
import { expect, PolicyResource, resourceRule, Rule, stackRule, Violation } from "../lib/rule";
import { cosmosAccountTypes, cosmosDataTypes, T } from "./support/tokens";
import { foundAmong, relate } from "./support/relations";
import { C } from "./support/classic";
import { get } from "../lib/values";
import { unknownReferences } from "../lib/unknowns";

const controls = ["BACKUP-VERSIONING"] as const;
const minimumSoftDeleteDays = 7;
const geoRedundantSkus = ["Standard_GRS", "Standard_RAGRS", "Standard_GZRS", "Standard_RAGZRS"];

export const blobService = resourceRule({
    name: "azure-backup-versioning-blob-service", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.blobService],
    description: `A storage account's blob service soft-deletes blobs and containers for at least ${minimumSoftDeleteDays} days.`,
    remediation: `Set deleteRetentionPolicy and containerDeleteRetentionPolicy {enabled: true, days: >= ${minimumSoftDeleteDays}}, without allowPermanentDelete.`,
    check: r => [
        ...expect(r.props, "deleteRetentionPolicy.enabled", armReads.on, "true"),
        ...expect(r.props, "deleteRetentionPolicy.days", v => toNumber(v) >= minimumSoftDeleteDays, `at least ${minimumSoftDeleteDays}`),
        // allowPermanentDelete lets a caller delete soft-deleted versions and snapshots at once: soft delete that recovers nothing.
        ...expect(r.props, "deleteRetentionPolicy.allowPermanentDelete", armReads.offOrUnset, "false or unset (true lets soft-deleted versions be purged at once)"),
        ...expect(r.props, "containerDeleteRetentionPolicy.enabled", armReads.on, "true"),
        ...expect(r.props, "containerDeleteRetentionPolicy.days", v => toNumber(v) >= minimumSoftDeleteDays, `at least ${minimumSoftDeleteDays}`),
    ],
});

export const storageAccount = resourceRule({
    name: "azure-backup-versioning-storage-account", cloud: "azure", controls: [...controls], severity: "medium",
    types: [T.storageAccount],
    description: "A storage account replicates to a second region (geo-redundant SKU).",
    remediation: "Set sku.name to \"Standard_GZRS\" (or Standard_RAGZRS, Standard_GRS, Standard_RAGRS).",
    check: r => expect(r.props, "sku.name", v => equalsAnyIgnoreCase(v, ...geoRedundantSkus), geoRedundantSkus.map(s => `"${s}"`).join(", ")),
});

export const sqlPool = resourceRule({
    name: "azure-backup-versioning-sql-pool", cloud: "azure", controls: [...controls], severity: "medium",
    types: [T.sqlPool],
    description: "A dedicated SQL pool keeps its backups geo-redundant.",
    remediation: "Set storageAccountType \"GRS\" (create-only).",
    check: r => expect(r.props, "storageAccountType", v => equalsAnyIgnoreCase(v, "GRS"), "\"GRS\""),
});

/** Versioning and soft delete live on the blob service, a separate resource: one per account. */
export const accountHasBlobService = stackRule({
    name: "azure-backup-versioning-storage-account-blob-service", cloud: "azure", controls: [...controls], severity: "high",
    judges: [T.storageAccount],
    // A blob's recovery is its account's blob service (soft delete, versions): a blob is judged with its account.
    reads: { accountName: [T.blobService, T.blob] },
    description: "Every storage account has a BlobServiceProperties that keeps blob versions and a change feed " +
        "(not asked of hierarchical-namespace accounts, where Azure supports neither).",
    remediation: "Add an azure-native storage.BlobServiceProperties for the account (blobServicesName \"default\") with isVersioningEnabled and changeFeed.enabled true.",
    check: stack => {
        const services = relate(stack, [T.blobService], "accountName", [T.storageAccount]);
        const excuse = unknownReferences(services.unresolved.length);
        const out: Violation[] = [];
        for (const account of stack.ofType(T.storageAccount)) {
            const own = services.of.get(account.urn) ?? [];
            if (!own.length) {
                out.push({
                    resource: account, property: "BlobServiceProperties (accountName → this account)",
                    found: foundAmong([], excuse), wanted: "a BlobServiceProperties for this account",
                    // The remediation's versioning and change feed do not apply to a Data Lake account (below).
                    note: armReads.on(account.props.isHnsEnabled) ? "The account has a hierarchical namespace: give the blob service soft delete only (deleteRetentionPolicy, containerDeleteRetentionPolicy); Azure supports neither versioning nor the change feed there." : undefined,
                });
                continue;
            }
            // Data Lake Storage Gen2 (isHnsEnabled) accounts support neither blob versioning nor the change
            // feed (Microsoft's "Blob Storage feature support" table); Synapse requires such an account.
            // Soft delete, which they do support, is still required by azure-backup-versioning-blob-service.
            if (armReads.on(account.props.isHnsEnabled)) continue;
            for (const service of own) {
                out.push(...expect(service.props, "isVersioningEnabled", armReads.on, "true", service));
                out.push(...expect(service.props, "changeFeed.enabled", armReads.on, "true", service));
            }
        }
        return out;
    },
});

/**
 * PostgreSQL and MySQL flexible servers keep their backups in a second region (geo-redundant backup, create-only),
 * as storage accounts replicate and SQL pools geo-back up: a regional outage does not take the only copy.
 */
export const flexibleServer = resourceRule({
    name: "azure-backup-versioning-flexible-server", cloud: "azure", controls: [...controls], severity: "medium",
    types: [T.postgresFlexible, T.mysqlFlexible, C.pgFlexible, C.mysqlFlexible],
    description: "A PostgreSQL or MySQL flexible server keeps geo-redundant backups.",
    remediation: "Set backup.geoRedundantBackup \"Enabled\" (geoRedundantBackupEnabled true on Azure classic) when the server is created.",
    check: r => r.type === C.pgFlexible || r.type === C.mysqlFlexible
        ? expect(r.props, "geoRedundantBackupEnabled", terraformReads.on, "true (unset is false)")
        : expect(r.props, "backup.geoRedundantBackup", v => equalsAnyIgnoreCase(v, "Enabled"), "\"Enabled\" (unset is Disabled)"),
});

/** Cosmos DB's default backup is periodic, every 4 hours, kept 8 hours: too short to notice a bad write, let alone recover. */
const minimumCosmosRetentionHours = 7 * 24;

/** The backup policy of one Cosmos DB account: continuous, or periodic kept long enough in geo-redundant storage. */
function cosmosBackup(r: PolicyResource): Violation[] {
    const type = get(r.props, "backupPolicy.type");
    if (equalsAnyIgnoreCase(type, "Continuous")) return [];
    if (!equalsAnyIgnoreCase(type, "Periodic")) return expect(r.props, "backupPolicy.type", () => false, "\"Continuous\" (unset is Periodic, kept 8 hours)", r);
    return [
        ...expect(r.props, "backupPolicy.periodicModeProperties.backupRetentionIntervalInHours", v => toNumber(v) >= minimumCosmosRetentionHours, `at least ${minimumCosmosRetentionHours}`, r),
        ...expect(r.props, "backupPolicy.periodicModeProperties.backupStorageRedundancy", v => equalsAnyIgnoreCase(v, "Geo"), "\"Geo\"", r),
    ];
}

/**
 * A stack rule so that the account's databases and containers (the PHI it holds: cosmosDataTypes) are judged
 * with it: the backup policy is the account's, and covers every one of them.
 */
export const cosmosAccount = stackRule({
    name: "azure-backup-versioning-cosmosdb-account", cloud: "azure", controls: [...controls], severity: "medium",
    judges: cosmosAccountTypes,
    reads: { accountName: cosmosDataTypes },
    description: `A Cosmos DB account (and so every database and container in it) has continuous backup (point-in-time restore), or periodic backups kept at least ${minimumCosmosRetentionHours} hours in geo-redundant storage.`,
    remediation: `Set backupPolicy {type: "Continuous"}, or {type: "Periodic", periodicModeProperties: {backupRetentionIntervalInHours: >= ${minimumCosmosRetentionHours}, backupStorageRedundancy: "Geo"}}.`,
    check: stack => stack.ofType(...cosmosAccountTypes).flatMap(cosmosBackup),
});

/** An Azure SQL database's backups stay geo-redundant (Geo, the default, or GeoZone), not in one region. */
export const sqlDatabase = resourceRule({
    name: "azure-backup-versioning-sql-database", cloud: "azure", controls: [...controls], severity: "medium",
    types: ["azure-native:sql:Database"],
    description: "An Azure SQL database keeps its backups geo-redundant.",
    remediation: "Leave requestedBackupStorageRedundancy unset or set \"Geo\" or \"GeoZone\" (not \"Local\" or \"Zone\").",
    check: r => expect(r.props, "requestedBackupStorageRedundancy", v => v === undefined || v === null || equalsAnyIgnoreCase(v, "Geo", "GeoZone"), "\"Geo\" (the default) or \"GeoZone\""),
});

/**
 * A classic storage account keeps its blob recovery inline (blobProperties): soft delete of blobs and containers
 * (unset: off; a block given keeps its days, default 7), versions and the change feed (not on a hierarchical
 * namespace, where Azure supports neither), and a geo-redundant replication type, as azure-native's rules ask.
 */
export const classicStorageAccount = resourceRule({
    name: "azure-backup-versioning-classic-storage-account", cloud: "azure", controls: [...controls], severity: "high",
    types: [C.storageAccount],
    description: `A storage account (Azure classic) soft-deletes blobs and containers for at least ${minimumSoftDeleteDays} days, keeps versions and a change feed (not on a hierarchical namespace), and replicates to a second region.`,
    remediation: `Set blobProperties {deleteRetentionPolicy: {days: >= ${minimumSoftDeleteDays}}, containerDeleteRetentionPolicy: {days: >= ${minimumSoftDeleteDays}}, versioningEnabled: true, changeFeedEnabled: true} and accountReplicationType "GZRS" (or RAGZRS, GRS, RAGRS).`,
    check: r => {
        const days = (v: unknown) => v === undefined || v === null || toNumber(v) >= minimumSoftDeleteDays;
        const out: Violation[] = [];
        for (const p of ["deleteRetentionPolicy", "containerDeleteRetentionPolicy"]) {
            out.push(...expect(r.props, `blobProperties.${p}`, v => !!v && typeof v === "object", `a ${p} block (unset: no soft delete)`));
            if (get(r.props, `blobProperties.${p}`) && typeof get(r.props, `blobProperties.${p}`) === "object") out.push(...expect(r.props, `blobProperties.${p}.days`, days, `at least ${minimumSoftDeleteDays} (the default is 7)`));
        }
        out.push(...expect(r.props, "blobProperties.deleteRetentionPolicy.permanentDeleteEnabled", terraformReads.offOrUnset,
            "false or unset (true lets soft-deleted versions be purged at once)"));
        if (!terraformReads.on(r.props.isHnsEnabled)) {
            out.push(...expect(r.props, "blobProperties.versioningEnabled", terraformReads.on, "true"));
            out.push(...expect(r.props, "blobProperties.changeFeedEnabled", terraformReads.on, "true"));
        }
        out.push(...expect(r.props, "accountReplicationType", v => equalsAnyIgnoreCase(v, "GRS", "RAGRS", "GZRS", "RAGZRS"), "\"GZRS\", \"RAGZRS\", \"GRS\" or \"RAGRS\""));
        return out;
    },
});

export const rules: Rule[] = [classicStorageAccount, blobService, storageAccount, sqlPool, accountHasBlobService, flexibleServer, cosmosAccount, sqlDatabase];
