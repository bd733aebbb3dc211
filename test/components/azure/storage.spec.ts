import assert from "node:assert/strict";
import { Storage, storageProblems } from "../../../components/azure/storage";
import { Recorded } from "../../support/record";
import { pinnedUrns } from "../../support/urns";
import { recordWith } from "./harness";

const ACCOUNT = "azure-native:storage:StorageAccount";

describe("azure Storage", () => {
    let r: Recorded;
    before(async () => {
        r = await recordWith(({ args, network, audit, keys }) => {
            new Storage("phi", {
                ...args, purpose: "phi", network, audit, containers: ["phi", "genomics"], key: keys,
            });
        }, ["storage"]);
    });

    it("registers exactly the pinned URNs (test/components/urns/azure-storage.txt)", () => {
        const { actual, expected } = pinnedUrns(r, "hipaa-cloud:azure:EncryptedStorage", "azure-storage");
        assert.deepEqual(actual, expected);
    });

    it("encrypts with the hospital key through its user-assigned identity, versionless, with infrastructure encryption", () => {
        const a = r.one(ACCOUNT).inputs as any;
        assert.equal(a.encryption.keySource, "Microsoft.Keyvault");
        assert.equal(a.encryption.keyVaultProperties.keyVaultUri, "https://stlukes-prod-kv.vault.azure.net/");
        assert.equal(a.encryption.keyVaultProperties.keyName, "phi");
        assert.equal(a.encryption.keyVaultProperties.keyVersion, undefined);
        assert.equal(a.identity.type, "UserAssigned");
        assert.deepEqual(a.identity.userAssignedIdentities, [a.encryption.encryptionIdentity.encryptionUserAssignedIdentity]);
        assert.match(a.encryption.encryptionIdentity.encryptionUserAssignedIdentity, /UserAssignedIdentity\/stlukes-prod-storage-cmk$/);
        assert.equal(a.encryption.services.blob.enabled, true);
        assert.equal(a.encryption.requireInfrastructureEncryption, true);
    });

    it("is created after its identity's key grant", () => {
        const account = r.one(ACCOUNT);
        const grant = r.one("azure-native:authorization:RoleAssignment", "keys-storage-key-user");
        assert.ok(account.dependencies.includes(grant.urn));
    });

    it("allows HTTPS with TLS 1.2 only, no public blobs, no shared keys and no public network", () => {
        const a = r.one(ACCOUNT).inputs as any;
        assert.equal(a.enableHttpsTrafficOnly, true);
        assert.equal(a.minimumTlsVersion, "TLS1_2");
        assert.equal(a.allowBlobPublicAccess, false);
        assert.equal(a.allowSharedKeyAccess, false);
        assert.equal(a.defaultToOAuthAuthentication, true);
        assert.equal(a.publicNetworkAccess, "Disabled");
        assert.equal(a.networkRuleSet.defaultAction, "Deny");
    });

    it("is geo-redundant and keeps versions, deleted blobs, deleted containers and a change feed", () => {
        assert.equal((r.one(ACCOUNT).inputs as any).sku.name, "Standard_GRS");
        const b = r.one("azure-native:storage:BlobServiceProperties").inputs as any;
        assert.equal(b.isVersioningEnabled, true);
        assert.deepEqual(b.deleteRetentionPolicy, { enabled: true, days: 30, allowPermanentDelete: false });
        assert.deepEqual(b.containerDeleteRetentionPolicy, { enabled: true, days: 30 });
        assert.equal(b.changeFeed.enabled, true);
    });

    it("makes every container private", () => {
        const containers = r.ofType("azure-native:storage:BlobContainer");
        assert.deepEqual(containers.map(c => (c.inputs as any).containerName), ["phi", "genomics"]);
        for (const c of containers) assert.equal((c.inputs as any).publicAccess, "None");
    });

    it("has a blob private endpoint and sends blob service logs (blobServices/default) to the audit workspace", () => {
        const pe = r.ofType("azure-native:network:PrivateEndpoint").find(p => p.name === "phi-blob-pe")!.inputs as any;
        assert.deepEqual(pe.privateLinkServiceConnections[0].groupIds, ["blob"]);
        const diag = r.one("azure-native:monitor:DiagnosticSetting", "phi-blob-diagnostics").inputs as any;
        assert.match(diag.resourceUri, /\/StorageAccount\/[^/]+\/blobServices\/default$/);
        assert.match(diag.workspaceId, /operationalinsights\/Workspace\//);
        assert.deepEqual(diag.logs, [{ categoryGroup: "allLogs", enabled: true }]);
    });

    it("is protected and locked in prod", () => {
        assert.equal(r.one(ACCOUNT).protect, true);
        assert.ok(r.ofType("azure-native:authorization:ManagementLockByScope").some(l => l.name === "phi-account-lock"));
    });

    it("adds a dfs endpoint and leaves versioning and change feed off for a data lake", async () => {
        const lake = await recordWith(({ args, network, audit, keys }) => {
            new Storage("dl", {
                ...args, environment: "dev", purpose: "dl", dataLake: true, network, audit,
                key: { vaultUri: keys.vault.properties.vaultUri, keyName: keys.key.name, consumer: keys.consumer("synapse") },
            });
        }, ["synapse"], "dev");
        assert.equal((lake.one(ACCOUNT).inputs as any).isHnsEnabled, true);
        assert.equal(lake.one(ACCOUNT).protect, false);
        const groups = lake.ofType("azure-native:network:PrivateEndpoint").filter(p => p.name.startsWith("dl-"))
            .map(p => (p.inputs as any).privateLinkServiceConnections[0].groupIds[0]).sort();
        assert.deepEqual(groups, ["blob", "dfs"]);
        const b = lake.one("azure-native:storage:BlobServiceProperties").inputs as any;
        assert.equal(b.isVersioningEnabled, false);
        assert.equal(b.deleteRetentionPolicy.enabled, true);
    });

    it("refuses a purpose that does not fit a storage account name and soft delete under 7 days", () => {
        assert.deepEqual(storageProblems({ purpose: "phi" }), []);
        assert.match(storageProblems({ purpose: "PHI-data" }).join(), /'purpose'/);
        assert.match(storageProblems({ purpose: "phi", softDeleteDays: 3 }).join(), /'softDeleteDays'/);
        assert.match(storageProblems({ purpose: "phi", containers: ["Bad_Name"] }).join(), /'containers'/);
    });
});
