// The plan of the Azure Storage account, from its arguments alone (components/azure/storage-plan.ts): no
// mock runtime, no resource registered.
import assert from "node:assert/strict";
import { storagePlan } from "../../../components/azure/storage-plan";

const phi = { tenant: "stlukes", purpose: "phi" };

describe("components/azure/storage-plan", () => {
    it("names the account after the tenant, the environment and the purpose, in 24 characters", () => {
        assert.equal(storagePlan(phi).account.accountName, "stlukesprodphi");
        assert.equal(storagePlan({ ...phi, environment: "dev", purpose: "dl" }).account.accountName, "stlukesdevdl");
        assert.ok(storagePlan({ ...phi, tenant: "saint-lukes-university-hospital" }).account.accountName.length <= 24);
    });

    it("is HTTPS and TLS 1.2 only, with no public access, no public network, no shared keys (ENC-TRANSIT, PUBLIC-ACCESS, LEAST-PRIVILEGE)", () => {
        const { account } = storagePlan(phi);
        assert.deepEqual([account.enableHttpsTrafficOnly, account.minimumTlsVersion, account.allowBlobPublicAccess, account.publicNetworkAccess, account.allowSharedKeyAccess],
            [true, "TLS1_2", false, "Disabled", false]);
        assert.deepEqual(account.networkRuleSet, { defaultAction: "Deny", bypass: "None", ipRules: [], virtualNetworkRules: [] });
        assert.deepEqual([account.isLocalUserEnabled, account.isSftpEnabled, account.allowCrossTenantReplication], [false, false, false]);
    });

    it("encrypts blobs and files with the key, twice (ENC-REST-CMK)", () => {
        const { encryption } = storagePlan(phi);
        assert.deepEqual([encryption.keySource, encryption.requireInfrastructureEncryption], ["Microsoft.Keyvault", true]);
        assert.deepEqual(encryption.services, { blob: { enabled: true, keyType: "Account" }, file: { enabled: true, keyType: "Account" } });
    });

    it("keeps a geo-redundant copy, versions, a change feed and 30 days of soft delete; a data lake has no versions (BACKUP-VERSIONING)", () => {
        const plan = storagePlan(phi);
        assert.equal(plan.account.sku.name, "Standard_GRS");
        assert.deepEqual([plan.blobService.isVersioningEnabled, plan.blobService.changeFeed.enabled, plan.blobService.deleteRetentionPolicy.days], [true, true, 30]);
        assert.equal(plan.blobService.deleteRetentionPolicy.allowPermanentDelete, false);
        const lake = storagePlan({ ...phi, purpose: "dl", dataLake: true, softDeleteDays: 90 });
        assert.deepEqual([lake.account.isHnsEnabled, lake.blobService.isVersioningEnabled, lake.blobService.changeFeed.enabled], [true, false, false]);
        assert.deepEqual([lake.blobService.deleteRetentionPolicy.days, lake.blobService.containerDeleteRetentionPolicy.days], [90, 90]);
    });

    it("holds the phi container by default, and is reached by a private blob endpoint (and dfs for a data lake)", () => {
        assert.deepEqual(storagePlan(phi).containers, ["phi"]);
        assert.deepEqual(storagePlan({ ...phi, containers: ["phi", "genomics"] }).containers, ["phi", "genomics"]);
        assert.deepEqual(storagePlan(phi).privateEndpointGroups, ["blob"]);
        assert.deepEqual(storagePlan({ ...phi, dataLake: true }).privateEndpointGroups, ["blob", "dfs"]);
    });
});
