import assert from "node:assert/strict";
import * as rules from "../../../policies/azure/backup-versioning";
import { UNKNOWN } from "../../../policies/lib/values";
import { assertNoFinding, assertOneViolation, assertOnlyUnknown, assertViolations, findingsOf, withProp } from "../../support/policies";
import { blobService, sqlPool, storageAccount } from "./baselines";

const C = "BACKUP-VERSIONING";

describe("azure BACKUP-VERSIONING", () => {
    describe("azure-backup-versioning-blob-service", () => {
        it("passes versioning, soft delete and change feed", () => assertNoFinding(findingsOf(rules.blobService, blobService())));
        it("passes days written as strings", () => assertNoFinding(findingsOf(rules.blobService, withProp(blobService(), "deleteRetentionPolicy.days", "7"))));
        it("fails soft delete whose versions may be purged at once (allowPermanentDelete)", () => {
            for (const on of [true, "true", 1]) assertOneViolation(findingsOf(rules.blobService, withProp(blobService(), "deleteRetentionPolicy.allowPermanentDelete", on)), "deleteRetentionPolicy.allowPermanentDelete", { control: C });
            assertNoFinding(findingsOf(rules.blobService, withProp(blobService(), "deleteRetentionPolicy.allowPermanentDelete", false)));
        });
        it("fails soft delete shorter than 7 days", () => assertOneViolation(findingsOf(rules.blobService, withProp(blobService(), "deleteRetentionPolicy.days", 3)), "deleteRetentionPolicy.days", { control: C }));
        it("fails no container soft delete", () => assertViolations(findingsOf(rules.blobService, withProp(blobService(), "containerDeleteRetentionPolicy", undefined)), ["containerDeleteRetentionPolicy.enabled", "containerDeleteRetentionPolicy.days"], { control: C }));
        it("reports soft delete unknown at preview as advisory", () => assertOnlyUnknown(findingsOf(rules.blobService, withProp(blobService(), "deleteRetentionPolicy.days", UNKNOWN)), "deleteRetentionPolicy.days"));
    });
    describe("azure-backup-versioning-storage-account", () => {
        it("passes GZRS", () => assertNoFinding(findingsOf(rules.storageAccount, storageAccount())));
        it("fails locally redundant storage", () => assertOneViolation(findingsOf(rules.storageAccount, withProp(storageAccount(), "sku.name", "Standard_LRS")), "sku.name", { control: C }));
        it("fails zone-redundant storage in one region", () => assertOneViolation(findingsOf(rules.storageAccount, withProp(storageAccount(), "sku.name", "Standard_ZRS")), "sku.name", { control: C }));
    });
    describe("azure-backup-versioning-sql-pool", () => {
        it("passes geo-redundant backups", () => assertNoFinding(findingsOf(rules.sqlPool, sqlPool())));
        it("fails local backups", () => assertOneViolation(findingsOf(rules.sqlPool, withProp(sqlPool(), "storageAccountType", "LRS")), "storageAccountType", { control: C }));
    });
    describe("azure-backup-versioning-storage-account-blob-service (stack)", () => {
        it("passes an account with its blob service", () => assertNoFinding(findingsOf(rules.accountHasBlobService, [storageAccount(), blobService()])));
        it("fails a blob service with versioning off", () => assertOneViolation(findingsOf(rules.accountHasBlobService, [storageAccount(), withProp(blobService(), "isVersioningEnabled", false)]), "isVersioningEnabled", { control: C }));
        it("fails a blob service without change feed", () => assertOneViolation(findingsOf(rules.accountHasBlobService, [storageAccount(), withProp(blobService(), "changeFeed", undefined)]), "changeFeed.enabled", { control: C }));
        it("reports versioning unknown at preview as advisory", () => assertOnlyUnknown(findingsOf(rules.accountHasBlobService, [storageAccount(), withProp(blobService(), "isVersioningEnabled", UNKNOWN)]), "isVersioningEnabled"));
        it("does not ask versioning or change feed of a hierarchical-namespace (Data Lake) account", () =>
            assertNoFinding(findingsOf(rules.accountHasBlobService, [withProp(storageAccount(), "isHnsEnabled", true), withProp(withProp(blobService(), "isVersioningEnabled", false), "changeFeed", undefined)])));
        it("fails an account without one, on the account", () => {
            const f = findingsOf(rules.accountHasBlobService, [storageAccount()]);
            assertOneViolation(f, "BlobServiceProperties", { control: C });
            assert.equal(f[0].urn, storageAccount().urn);
        });
        it("tells a Data Lake account without one to add soft delete only, not versioning", () => {
            const [f] = findingsOf(rules.accountHasBlobService, [withProp(storageAccount(), "isHnsEnabled", true)]);
            assert.match(f.message, /hierarchical namespace: give the blob service soft delete only/);
            assert.doesNotMatch(findingsOf(rules.accountHasBlobService, [storageAccount()])[0].message, /hierarchical/);
        });
        it("fails an account whose blob service belongs to another account", () =>
            assertOneViolation(findingsOf(rules.accountHasBlobService, [storageAccount(), withProp(blobService(), "accountName", "other")]), "BlobServiceProperties", { control: C }));
        it("reports a blob service whose account is unknown at preview as advisory", () =>
            assertOnlyUnknown(findingsOf(rules.accountHasBlobService, [storageAccount(), withProp(blobService(), "accountName", UNKNOWN)]), "BlobServiceProperties"));
    });
});
