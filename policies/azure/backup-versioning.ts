// BACKUP-VERSIONING on Azure: blob versions and soft delete recover overwritten or deleted PHI;
// geo-redundant storage and SQL pool geo-backups survive the loss of a region (CONTROLS.md 1b).
import { expect, resourceRule, Rule, stackRule, Violation } from "../lib/rule";
import { equalsAnyIgnoreCase, foundAmong, isTrue, relate, T, toNumber } from "./common";

const controls = ["BACKUP-VERSIONING"] as const;
const minimumSoftDeleteDays = 7;
const geoRedundantSkus = ["Standard_GRS", "Standard_RAGRS", "Standard_GZRS", "Standard_RAGZRS"];

export const blobService = resourceRule({
    name: "azure-backup-versioning-blob-service", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.blobService],
    description: `A storage account's blob service keeps versions, soft-deletes blobs and containers for at least ${minimumSoftDeleteDays} days, and records changes in the change feed.`,
    remediation: `Set isVersioningEnabled true, deleteRetentionPolicy and containerDeleteRetentionPolicy {enabled: true, days: >= ${minimumSoftDeleteDays}} and changeFeed.enabled true.`,
    check: r => [
        ...expect(r.props, "isVersioningEnabled", isTrue, "true"),
        ...expect(r.props, "deleteRetentionPolicy.enabled", isTrue, "true"),
        ...expect(r.props, "deleteRetentionPolicy.days", v => toNumber(v) >= minimumSoftDeleteDays, `at least ${minimumSoftDeleteDays}`),
        ...expect(r.props, "containerDeleteRetentionPolicy.enabled", isTrue, "true"),
        ...expect(r.props, "containerDeleteRetentionPolicy.days", v => toNumber(v) >= minimumSoftDeleteDays, `at least ${minimumSoftDeleteDays}`),
        ...expect(r.props, "changeFeed.enabled", isTrue, "true"),
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
    description: "Every storage account has a BlobServiceProperties (where versioning and soft delete are set).",
    remediation: "Add an azure-native storage.BlobServiceProperties for the account (blobServicesName \"default\") with versioning, soft delete and change feed on.",
    check: stack => {
        const services = relate(stack, [T.blobService], "accountName", [T.storageAccount]);
        const out: Violation[] = [];
        for (const account of stack.ofType(T.storageAccount)) {
            if (services.of.get(account.urn)?.length) continue;
            out.push({
                resource: account, property: "BlobServiceProperties (accountName → this account)",
                found: foundAmong([], services.unresolved.length > 0), wanted: "a BlobServiceProperties for this account",
            });
        }
        return out;
    },
});

export const rules: Rule[] = [blobService, storageAccount, sqlPool, accountHasBlobService];
