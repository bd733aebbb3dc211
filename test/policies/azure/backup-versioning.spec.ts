import assert from "node:assert/strict";
import * as rules from "../../../policies/azure/backup-versioning";
import { UNKNOWN } from "../../../policies/lib/values";
import { assertFails, assertPasses, assertUnknown, blobService, runOn, runStack, sqlPool, storageAccount, withProp } from "./fixtures";

const C = "BACKUP-VERSIONING";

describe("azure BACKUP-VERSIONING", () => {
    describe("azure-backup-versioning-blob-service", () => {
        it("passes versioning, soft delete and change feed", () => assertPasses(runOn(rules.blobService, blobService())));
        it("passes days written as strings", () => assertPasses(runOn(rules.blobService, withProp(blobService(), "deleteRetentionPolicy.days", "7"))));
        it("fails soft delete shorter than 7 days", () => assertFails(runOn(rules.blobService, withProp(blobService(), "deleteRetentionPolicy.days", 3)), C, "deleteRetentionPolicy.days"));
        it("fails no container soft delete", () => assertFails(runOn(rules.blobService, withProp(blobService(), "containerDeleteRetentionPolicy", undefined)), C, "containerDeleteRetentionPolicy.enabled"));
        it("reports soft delete unknown at preview as advisory", () => assertUnknown(runOn(rules.blobService, withProp(blobService(), "deleteRetentionPolicy.days", UNKNOWN)), "deleteRetentionPolicy.days"));
    });
    describe("azure-backup-versioning-storage-account", () => {
        it("passes GZRS", () => assertPasses(runOn(rules.storageAccount, storageAccount())));
        it("fails locally redundant storage", () => assertFails(runOn(rules.storageAccount, withProp(storageAccount(), "sku.name", "Standard_LRS")), C, "sku.name"));
        it("fails zone-redundant storage in one region", () => assertFails(runOn(rules.storageAccount, withProp(storageAccount(), "sku.name", "Standard_ZRS")), C, "sku.name"));
    });
    describe("azure-backup-versioning-sql-pool", () => {
        it("passes geo-redundant backups", () => assertPasses(runOn(rules.sqlPool, sqlPool())));
        it("fails local backups", () => assertFails(runOn(rules.sqlPool, withProp(sqlPool(), "storageAccountType", "LRS")), C, "storageAccountType"));
    });
    describe("azure-backup-versioning-storage-account-blob-service (stack)", () => {
        it("passes an account with its blob service", () => assertPasses(runStack(rules.accountHasBlobService, [storageAccount(), blobService()])));
        it("fails a blob service with versioning off", () => assertFails(runStack(rules.accountHasBlobService, [storageAccount(), withProp(blobService(), "isVersioningEnabled", false)]), C, "isVersioningEnabled"));
        it("fails a blob service without change feed", () => assertFails(runStack(rules.accountHasBlobService, [storageAccount(), withProp(blobService(), "changeFeed", undefined)]), C, "changeFeed.enabled"));
        it("reports versioning unknown at preview as advisory", () => assertUnknown(runStack(rules.accountHasBlobService, [storageAccount(), withProp(blobService(), "isVersioningEnabled", UNKNOWN)]), "isVersioningEnabled"));
        it("does not ask versioning or change feed of a hierarchical-namespace (Data Lake) account", () =>
            assertPasses(runStack(rules.accountHasBlobService, [withProp(storageAccount(), "isHnsEnabled", true), withProp(withProp(blobService(), "isVersioningEnabled", false), "changeFeed", undefined)])));
        it("fails an account without one, on the account", () => {
            const f = runStack(rules.accountHasBlobService, [storageAccount()]);
            assertFails(f, C, "BlobServiceProperties");
            assert.equal(f[0].urn, storageAccount().urn);
        });
        it("tells a Data Lake account without one to add soft delete only, not versioning", () => {
            const [f] = runStack(rules.accountHasBlobService, [withProp(storageAccount(), "isHnsEnabled", true)]);
            assert.match(f.message, /hierarchical namespace: give the blob service soft delete only/);
            assert.doesNotMatch(runStack(rules.accountHasBlobService, [storageAccount()])[0].message, /hierarchical/);
        });
        it("fails an account whose blob service belongs to another account", () =>
            assertFails(runStack(rules.accountHasBlobService, [storageAccount(), withProp(blobService(), "accountName", "other")]), C, "BlobServiceProperties"));
        it("reports a blob service whose account is unknown at preview as advisory", () =>
            assertUnknown(runStack(rules.accountHasBlobService, [storageAccount(), withProp(blobService(), "accountName", UNKNOWN)]), "BlobServiceProperties"));
    });
});
