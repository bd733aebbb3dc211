import assert from "node:assert/strict";
import * as rules from "../../../policies/azure/enc-rest-cmk";
import { UNKNOWN, UNKNOWN_STRING } from "../../../policies/lib/values";
import { assertNoFinding, assertOneViolation, assertOnlyUnknown, assertViolations, findingsOf, resource, withProp } from "../../support/policies";
import { dicomService, hdinsightCluster, keyUrl, sqlPool, storageAccount, synapseWorkspace, vaultKey } from "./baselines";

const C = "ENC-REST-CMK";

describe("azure ENC-REST-CMK", () => {
    describe("azure-enc-rest-cmk-encryption-scope and azure-enc-rest-cmk-blob-container-encryption-scope: a container's blobs under another key than the account's", () => {
        const scope = (props: Record<string, unknown>, name = "phi-scope") => resource("azure-native:storage:EncryptionScope",
            { accountName: "stmarydata", resourceGroupName: "rg", encryptionScopeName: name, ...props }, { name });
        const container = (defaultEncryptionScope: unknown) => resource("azure-native:storage:BlobContainer",
            { accountName: "stmarydata", resourceGroupName: "rg", containerName: "images", defaultEncryptionScope, denyEncryptionScopeOverride: true }, { name: "images" });
        it("fails a scope on Microsoft's keys (source unset or Microsoft.Storage), passes one on a Key Vault key", () => {
            assertViolations(findingsOf(rules.encryptionScope, scope({})), ["source", "keyVaultProperties.keyUri"], { control: C });
            assertViolations(findingsOf(rules.encryptionScope, scope({ source: "Microsoft.Storage" })), ["source", "keyVaultProperties.keyUri"], { control: C });
            assertNoFinding(findingsOf(rules.encryptionScope, scope({ source: "Microsoft.KeyVault", keyVaultProperties: { keyUri: keyUrl } })));
            assertOneViolation(findingsOf(rules.encryptionScope, resource("azure:storage/encryptionScope:EncryptionScope",
                { name: "s", storageAccountId: "id", source: "Microsoft.KeyVault" })), "keyVaultKeyId", { control: C });
        });
        it("fails a container whose default scope is not one of this stack, and says so; passes one of this stack (judged itself)", () => {
            assertOneViolation(findingsOf(rules.containerEncryptionScope, [container("elsewhere")]), "defaultEncryptionScope", { control: C });
            assertNoFinding(findingsOf(rules.containerEncryptionScope, [container("phi-scope"), scope({ source: "Microsoft.KeyVault", keyVaultProperties: { keyUri: keyUrl } })]));
            assertNoFinding(findingsOf(rules.containerEncryptionScope, [container(undefined)]));
            assertOnlyUnknown(findingsOf(rules.containerEncryptionScope, [container(UNKNOWN)]), "defaultEncryptionScope");
        });
    });
    describe("azure-enc-rest-cmk-key-vault-key", () => {
        it("passes an RSA-HSM 3072-bit key", () => assertNoFinding(findingsOf(rules.keyVaultKey, vaultKey())));
        it("accepts a key size written as a string", () => assertNoFinding(findingsOf(rules.keyVaultKey, withProp(vaultKey(), "properties.keySize", "2048"))));
        it("fails an elliptic-curve key", () => assertOneViolation(findingsOf(rules.keyVaultKey, withProp(vaultKey(), "properties.kty", "EC")), "properties.kty", { control: C }));
        it("fails a 4096-bit key that DICOM cannot use", () => assertOneViolation(findingsOf(rules.keyVaultKey, withProp(vaultKey(), "properties.keySize", 4096)), "properties.keySize", { control: C }));
    });

    describe("azure-enc-rest-cmk-storage-queue-table: queues and tables on the account's key (keyType \"Account\")", () => {
        const account = storageAccount();
        // The queue's last: withProp copies, and UNKNOWN (a symbol) cannot be copied.
        const keyTypes = (queue?: unknown, table?: string) => withProp(withProp(account, "encryption.services.table.keyType", table), "encryption.services.queue.keyType", queue);
        const inAccount = (type: "Queue" | "Table", accountName: unknown) => resource(`azure-native:storage:${type}`, { accountName, resourceGroupName: "rg" }, { name: `phi-${type.toLowerCase()}` });
        const accountName = account.props.accountName;
        it("fails an explicit \"Service\" key type (Microsoft-managed key), with or without queues and tables in the stack", () => {
            assertViolations(findingsOf(rules.storageQueueTableKey, keyTypes("Service", "Service")), ["encryption.services.queue.keyType", "encryption.services.table.keyType"], { control: C });
            assertOneViolation(findingsOf(rules.storageQueueTableKey, [keyTypes("Account", "Service"), inAccount("Table", accountName)]), "encryption.services.table.keyType", { control: C });
        });
        it("fails a key type left unset (\"Service\") on an account where the stack puts a queue or table", () => {
            assertOneViolation(findingsOf(rules.storageQueueTableKey, [keyTypes(), inAccount("Queue", accountName)]), "the queue \"phi-queue\" of this stack is encrypted with a Microsoft-managed key", { control: C });
            assertViolations(findingsOf(rules.storageQueueTableKey, [keyTypes(), inAccount("Queue", accountName), inAccount("Table", accountName)]), ["encryption.services.queue.keyType", "encryption.services.table.keyType"], { control: C });
        });
        it("passes \"Account\" (any case), and an unset key type on an account that holds no queue or table of the stack", () => {
            assertNoFinding(findingsOf(rules.storageQueueTableKey, [keyTypes("Account", "account"), inAccount("Queue", accountName), inAccount("Table", accountName)]));
            assertNoFinding(findingsOf(rules.storageQueueTableKey, [keyTypes(), inAccount("Queue", "another-account")]));
        });
        it("reports unknown a key type unknown at preview, and an unset one when a queue's account is unknown at preview", () => {
            assertOnlyUnknown(findingsOf(rules.storageQueueTableKey, keyTypes(UNKNOWN, "Account")), "encryption.services.queue.keyType");
            assertOnlyUnknown(findingsOf(rules.storageQueueTableKey, [keyTypes(undefined, "Account"), inAccount("Queue", UNKNOWN)]), "encryption.services.queue.keyType");
        });
    });
    describe("azure-enc-rest-cmk-storage-account", () => {
        it("passes an account on a Key Vault key through a user-assigned identity", () => assertNoFinding(findingsOf(rules.storageAccount, storageAccount())));
        it("fails a known vault URI or key name that cannot name a vault or a key, naming what was found; passes the sovereign clouds' and Managed HSM's vaults; unknown is unknown", () => {
            const at = (path: string, v: unknown) => findingsOf(rules.storageAccount, withProp(storageAccount(), `encryption.keyVaultProperties.${path}`, v));
            for (const uri of ["x", "https://stmary-kv.vault.azure.net/keys/stmary-data", "http://stmary-kv.vault.azure.net", "https://stmary-kv.vault.azure.net.example.com",
                "https://stmary-kv.blob.core.windows.net/", "https://kv.vault.azure.net", "https://a--b.vault.azure.net", "https://stmary-kv.vault.azure.net//", 7]) {
                const [f] = assertOneViolation(at("keyVaultUri", uri), "keyVaultUri", { control: C });
                assert.ok(f.message.includes(String(uri)), f.message);
            }
            for (const name of ["https://stmary-kv.vault.azure.net/keys/stmary-data", "keys/stmary-data", "stmary_data", "x".repeat(128), 7]) {
                assertOneViolation(at("keyName", name), "keyName", { control: C });
            }
            for (const uri of ["https://stmary-kv.vault.azure.net", "https://STMARY-KV.vault.azure.net/", "https://stmary-kv.vault.azure.cn/",
                "https://stmary-kv.vault.usgovcloudapi.net", "https://stmary-hsm.managedhsm.azure.net/"]) assertNoFinding(at("keyVaultUri", uri));
            assertNoFinding(at("keyName", "x".repeat(127)));
            assertOnlyUnknown(at("keyVaultUri", UNKNOWN), "keyVaultUri");
            assertOnlyUnknown(at("keyName", UNKNOWN), "keyName");
            // Unknown in part: judged on the known parts; what fits no way so is unknown, never a pass.
            assertNoFinding(at("keyVaultUri", `https://${UNKNOWN_STRING}.vault.azure.net/`));
            assertNoFinding(at("keyName", `phi-${UNKNOWN_STRING}`));
            assertOnlyUnknown(at("keyVaultUri", `${UNKNOWN_STRING}/keys/stmary-data`), "keyVaultUri");
            assertOnlyUnknown(at("keyName", `https://${UNKNOWN_STRING}/keys/phi`), "keyName");
        });
        it("accepts the key source in another case", () => assertNoFinding(findingsOf(rules.storageAccount, withProp(storageAccount(), "encryption.keySource", "Microsoft.KeyVault"))));
        it("fails Microsoft-managed keys", () => assertOneViolation(findingsOf(rules.storageAccount, withProp(storageAccount(), "encryption.keySource", "Microsoft.Storage")), "encryption.keySource", { control: C }));
        it("fails an account without infrastructure encryption", () =>
            assertOneViolation(findingsOf(rules.storageAccount, withProp(storageAccount(), "encryption.requireInfrastructureEncryption", undefined)), "encryption.requireInfrastructureEncryption", { control: C }));
        it("fails a system-assigned identity only", () => assertOneViolation(findingsOf(rules.storageAccount, withProp(storageAccount(), "identity.type", "SystemAssigned")), "identity.type", { control: C }));
        it("reports an encryption identity unknown at preview as advisory", () =>
            assertOnlyUnknown(findingsOf(rules.storageAccount, withProp(storageAccount(), "encryption.encryptionIdentity.encryptionUserAssignedIdentity", UNKNOWN)), "encryptionUserAssignedIdentity"));
    });

    describe("azure-enc-rest-cmk-synapse-workspace", () => {
        it("passes a workspace key with a user-assigned key identity", () => assertNoFinding(findingsOf(rules.synapseWorkspace, synapseWorkspace())));
        it("passes the system-assigned key identity given as the string \"true\"", () => {
            let ws = withProp(synapseWorkspace(), "encryption.cmk.kekIdentity", { useSystemAssignedIdentity: "true" });
            ws = withProp(ws, "identity.type", "SystemAssigned");
            assertNoFinding(findingsOf(rules.synapseWorkspace, ws));
        });
        it("fails a workspace whose key URL is a vault's URI or a word", () => {
            for (const url of ["https://stmary-kv.vault.azure.net/", "x"]) {
                assertOneViolation(findingsOf(rules.synapseWorkspace, withProp(synapseWorkspace(), "encryption.cmk.key.keyVaultUrl", url)), "encryption.cmk.key.keyVaultUrl", { control: C });
            }
        });
        it("fails a workspace without a key", () => assertViolations(findingsOf(rules.synapseWorkspace, withProp(synapseWorkspace(), "encryption", undefined)), ["encryption.cmk.key.keyVaultUrl", "encryption.cmk.key.name", "encryption.cmk.kekIdentity.useSystemAssignedIdentity"], { control: C }));
        it("fails a key without an identity to use it", () =>
            assertOneViolation(findingsOf(rules.synapseWorkspace, withProp(synapseWorkspace(), "encryption.cmk.kekIdentity", {})), "useSystemAssignedIdentity", { control: C }));
    });

    describe("azure-enc-rest-cmk-sql-pool-tde", () => {
        const tde = (status: unknown) => resource("azure-native:synapse:SqlPoolTransparentDataEncryption", { sqlPoolName: "stmarydw", workspaceName: "stmary-syn", resourceGroupName: "rg", status }, { name: "dw-tde" });
        it("passes Enabled", () => assertNoFinding(findingsOf(rules.sqlPoolTde, tde("Enabled"))));
        it("fails Disabled", () => assertOneViolation(findingsOf(rules.sqlPoolTde, tde("Disabled")), "status", { control: C }));
    });

    describe("azure-enc-rest-cmk-sql-pool (stack)", () => {
        const tde = (props: Record<string, unknown>, deps?: Record<string, string[]>) =>
            resource("azure-native:synapse:SqlPoolTransparentDataEncryption", { workspaceName: "stmary-syn", resourceGroupName: "rg", status: "Enabled", ...props }, { name: "dw-tde", propertyDependencies: deps });
        it("passes a pool whose TDE names it by value", () => assertNoFinding(findingsOf(rules.sqlPoolHasTde, [sqlPool(), tde({ sqlPoolName: "stmarydw" })])));
        it("passes a pool whose TDE refers to it through an output", () =>
            assertNoFinding(findingsOf(rules.sqlPoolHasTde, [sqlPool(), tde({ sqlPoolName: UNKNOWN }, { sqlPoolName: [sqlPool().urn] })])));
        it("fails a pool without TDE", () => {
            const f = findingsOf(rules.sqlPoolHasTde, [sqlPool()]);
            assertOneViolation(f, "SqlPoolTransparentDataEncryption", { control: C });
            assert.equal(f[0].urn, sqlPool().urn);
        });
        it("fails a pool whose TDE is Disabled", () => assertOneViolation(findingsOf(rules.sqlPoolHasTde, [sqlPool(), tde({ sqlPoolName: "stmarydw", status: "Disabled" })]), "status", { control: C }));
        it("reports a TDE whose pool is unknown at preview as advisory", () =>
            assertOnlyUnknown(findingsOf(rules.sqlPoolHasTde, [sqlPool(), tde({ sqlPoolName: UNKNOWN })]), "SqlPoolTransparentDataEncryption"));
    });

    describe("azure-enc-rest-cmk-synapse-active-key (stack)", () => {
        const key = (isActiveCMK: unknown) => resource("azure-native:synapse:Key", { workspaceName: "stmary-syn", resourceGroupName: "rg", keyVaultUrl: keyUrl, isActiveCMK }, { name: "syn-key" });
        it("passes a workspace with an active key", () => assertNoFinding(findingsOf(rules.synapseActiveKey, [synapseWorkspace(), key(true)])));
        it("fails a workspace without a key", () => assertOneViolation(findingsOf(rules.synapseActiveKey, [synapseWorkspace()]), "isActiveCMK", { control: C }));
        it("fails a workspace whose key is not active", () => assertOneViolation(findingsOf(rules.synapseActiveKey, [synapseWorkspace(), key(false)]), "isActiveCMK", { control: C }));
    });

    describe("azure-enc-rest-cmk-hdinsight-cluster", () => {
        it("passes disk CMK with encryption at host", () => assertNoFinding(findingsOf(rules.hdinsightCluster, hdinsightCluster())));
        it("accepts HDInsight's spelling \"SystemAssigned, UserAssigned\"", () => assertNoFinding(findingsOf(rules.hdinsightCluster, withProp(hdinsightCluster(), "identity.type", "SystemAssigned, UserAssigned"))));
        it("fails a cluster without disk encryption", () =>
            assertViolations(findingsOf(rules.hdinsightCluster, withProp(hdinsightCluster(), "properties.diskEncryptionProperties", undefined)), ["properties.diskEncryptionProperties.vaultUri", "properties.diskEncryptionProperties.keyName", "properties.diskEncryptionProperties.keyVersion", "properties.diskEncryptionProperties.msiResourceId", "properties.diskEncryptionProperties.encryptionAtHost"], { control: C }));
        it("fails a key's URL given as the vault URI, and a key path given as the key name", () => {
            assertOneViolation(findingsOf(rules.hdinsightCluster, withProp(hdinsightCluster(), "properties.diskEncryptionProperties.vaultUri", keyUrl)), "vaultUri", { control: C });
            assertOneViolation(findingsOf(rules.hdinsightCluster, withProp(hdinsightCluster(), "properties.diskEncryptionProperties.keyName", "keys/stmary-data")), "keyName", { control: C });
        });
        it("fails encryption at host off", () =>
            assertOneViolation(findingsOf(rules.hdinsightCluster, withProp(hdinsightCluster(), "properties.diskEncryptionProperties.encryptionAtHost", false)), "encryptionAtHost", { control: C }));
    });

    describe("azure-enc-rest-cmk-disk-encryption-set", () => {
        const set = (activeKey: unknown) => resource("azure-native:compute:DiskEncryptionSet", { resourceGroupName: "rg", activeKey, encryptionType: "EncryptionAtRestWithCustomerKey" }, { name: "des" });
        it("passes a set on a Key Vault key's URL", () => assertNoFinding(findingsOf(rules.diskEncryptionSet, set({ keyUrl, sourceVault: { id: "vault-id" } }))));
        it("fails a set with no key, or whose key URL is a vault's URI or another text, naming it", () => {
            for (const activeKey of [undefined, { keyUrl: "https://stmary-kv.vault.azure.net/" }, { keyUrl: "stmary-data" }]) {
                assertOneViolation(findingsOf(rules.diskEncryptionSet, set(activeKey)), "activeKey.keyUrl", { control: C });
            }
        });
        it("is unknown while the key URL is", () => assertOnlyUnknown(findingsOf(rules.diskEncryptionSet, set({ keyUrl: UNKNOWN })), "activeKey.keyUrl"));
    });

    describe("azure-enc-rest-cmk-dicom-service", () => {
        it("passes a DICOM service with a key URL and identity", () => assertNoFinding(findingsOf(rules.dicomService, dicomService())));
        it("fails a DICOM service on Microsoft-managed keys", () => assertOneViolation(findingsOf(rules.dicomService, withProp(dicomService(), "encryption", undefined)), "keyEncryptionKeyUrl", { control: C }));
        it("fails identity None", () => assertOneViolation(findingsOf(rules.dicomService, withProp(dicomService(), "identity.type", "None")), "identity.type", { control: C }));
    });

    it("a known key text that is no Key Vault key URL (a key's name, a vault URL, a word) names no customer-managed key: a finding", () => {
        const cosmos = (keyVaultKeyUri: unknown) => resource("azure-native:documentdb:DatabaseAccount", { resourceGroupName: "rg", accountName: "db", keyVaultKeyUri }, { name: "db" });
        for (const key of ["x", "stmary-data", "https://stmary-kv.vault.azure.net/", "https://stmary-kv.vault.azure.net/secrets/stmary-data", `${keyUrl} `]) {
            assertOneViolation(findingsOf(rules.cosmosAccount, cosmos(key)), "keyVaultKeyUri", { control: C });
        }
        assertNoFinding(findingsOf(rules.cosmosAccount, cosmos(keyUrl)));
        assertNoFinding(findingsOf(rules.cosmosAccount, cosmos(`${keyUrl}/0123456789abcdef`)));
        assertOnlyUnknown(findingsOf(rules.cosmosAccount, cosmos(UNKNOWN)), "keyVaultKeyUri");
    });

    it("a key text unknown in part is judged on its known parts: one that can be no key's URL is unknown, never a pass", () => {
        const cosmos = (keyVaultKeyUri: unknown) => resource("azure-native:documentdb:DatabaseAccount", { resourceGroupName: "rg", accountName: "db", keyVaultKeyUri }, { name: "db" });
        // `${vault.properties.vaultUri}keys/${key.name}`, `https://${vault.name}.vault.azure.net/keys/phi`: may be a key's URL.
        for (const key of [`${UNKNOWN_STRING}keys/phi`, `${UNKNOWN_STRING}keys/${UNKNOWN_STRING}`, `https://${UNKNOWN_STRING}.vault.azure.net/keys/phi`]) {
            assertNoFinding(findingsOf(rules.cosmosAccount, cosmos(key)));
        }
        // A secret's URL, a key's name, a vault's URI: known parts no key's URL has.
        for (const key of [`${UNKNOWN_STRING}secrets/phi`, `${UNKNOWN_STRING}-key`, `https://${UNKNOWN_STRING}.vault.azure.net/`]) {
            assertOnlyUnknown(findingsOf(rules.cosmosAccount, cosmos(key)), "keyVaultKeyUri");
        }
    });
});
