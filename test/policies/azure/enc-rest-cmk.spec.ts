import assert from "node:assert/strict";
import * as rules from "../../../policies/azure/enc-rest-cmk";
import { UNKNOWN } from "../../../policies/lib/values";
import {
    assertFails, assertPasses, assertUnknown, dicomService, hdinsightCluster, keyUrl, res, runOn, runStack, sqlPool,
    storageAccount, synapseWorkspace, vaultKey, withProp,
} from "./fixtures";

const C = "ENC-REST-CMK";

describe("azure ENC-REST-CMK", () => {
    describe("azure-enc-rest-cmk-key-vault-key", () => {
        it("passes an RSA-HSM 3072-bit key", () => assertPasses(runOn(rules.keyVaultKey, vaultKey())));
        it("accepts a key size written as a string", () => assertPasses(runOn(rules.keyVaultKey, withProp(vaultKey(), "properties.keySize", "2048"))));
        it("fails an elliptic-curve key", () => assertFails(runOn(rules.keyVaultKey, withProp(vaultKey(), "properties.kty", "EC")), C, "properties.kty"));
        it("fails a 4096-bit key that DICOM cannot use", () => assertFails(runOn(rules.keyVaultKey, withProp(vaultKey(), "properties.keySize", 4096)), C, "properties.keySize"));
    });

    describe("azure-enc-rest-cmk-storage-account", () => {
        it("passes an account on a Key Vault key through a user-assigned identity", () => assertPasses(runOn(rules.storageAccount, storageAccount())));
        it("accepts the key source in another case", () => assertPasses(runOn(rules.storageAccount, withProp(storageAccount(), "encryption.keySource", "Microsoft.KeyVault"))));
        it("fails Microsoft-managed keys", () => assertFails(runOn(rules.storageAccount, withProp(storageAccount(), "encryption.keySource", "Microsoft.Storage")), C, "encryption.keySource"));
        it("fails an account without infrastructure encryption", () =>
            assertFails(runOn(rules.storageAccount, withProp(storageAccount(), "encryption.requireInfrastructureEncryption", undefined)), C, "encryption.requireInfrastructureEncryption"));
        it("fails a system-assigned identity only", () => assertFails(runOn(rules.storageAccount, withProp(storageAccount(), "identity.type", "SystemAssigned")), C, "identity.type"));
        it("reports an encryption identity unknown at preview as advisory", () =>
            assertUnknown(runOn(rules.storageAccount, withProp(storageAccount(), "encryption.encryptionIdentity.encryptionUserAssignedIdentity", UNKNOWN)), "encryptionUserAssignedIdentity"));
    });

    describe("azure-enc-rest-cmk-synapse-workspace", () => {
        it("passes a workspace key with a user-assigned key identity", () => assertPasses(runOn(rules.synapseWorkspace, synapseWorkspace())));
        it("passes the system-assigned key identity given as the string \"true\"", () => {
            let ws = withProp(synapseWorkspace(), "encryption.cmk.kekIdentity", { useSystemAssignedIdentity: "true" });
            ws = withProp(ws, "identity.type", "SystemAssigned");
            assertPasses(runOn(rules.synapseWorkspace, ws));
        });
        it("fails a workspace without a key", () => assertFails(runOn(rules.synapseWorkspace, withProp(synapseWorkspace(), "encryption", undefined)), C, "encryption.cmk.key.keyVaultUrl"));
        it("fails a key without an identity to use it", () =>
            assertFails(runOn(rules.synapseWorkspace, withProp(synapseWorkspace(), "encryption.cmk.kekIdentity", {})), C, "useSystemAssignedIdentity"));
    });

    describe("azure-enc-rest-cmk-sql-pool-tde", () => {
        const tde = (status: unknown) => res("azure-native:synapse:SqlPoolTransparentDataEncryption", "dw-tde", { sqlPoolName: "stmarydw", workspaceName: "stmary-syn", resourceGroupName: "rg", status });
        it("passes Enabled", () => assertPasses(runOn(rules.sqlPoolTde, tde("Enabled"))));
        it("fails Disabled", () => assertFails(runOn(rules.sqlPoolTde, tde("Disabled")), C, "status"));
    });

    describe("azure-enc-rest-cmk-sql-pool (stack)", () => {
        const tde = (props: Record<string, unknown>, deps?: Record<string, string[]>) =>
            res("azure-native:synapse:SqlPoolTransparentDataEncryption", "dw-tde", { workspaceName: "stmary-syn", resourceGroupName: "rg", status: "Enabled", ...props }, { propertyDependencies: deps });
        it("passes a pool whose TDE names it by value", () => assertPasses(runStack(rules.sqlPoolHasTde, [sqlPool(), tde({ sqlPoolName: "stmarydw" })])));
        it("passes a pool whose TDE refers to it through an output", () =>
            assertPasses(runStack(rules.sqlPoolHasTde, [sqlPool(), tde({ sqlPoolName: "generated-name" }, { sqlPoolName: [sqlPool().urn] })])));
        it("fails a pool without TDE", () => {
            const f = runStack(rules.sqlPoolHasTde, [sqlPool()]);
            assertFails(f, C, "SqlPoolTransparentDataEncryption");
            assert.equal(f[0].urn, sqlPool().urn);
        });
        it("fails a pool whose TDE is Disabled", () => assertFails(runStack(rules.sqlPoolHasTde, [sqlPool(), tde({ sqlPoolName: "stmarydw", status: "Disabled" })]), C, "status"));
        it("reports a TDE whose pool is unknown at preview as advisory", () =>
            assertUnknown(runStack(rules.sqlPoolHasTde, [sqlPool(), tde({ sqlPoolName: UNKNOWN })]), "SqlPoolTransparentDataEncryption"));
    });

    describe("azure-enc-rest-cmk-synapse-active-key (stack)", () => {
        const key = (isActiveCMK: unknown) => res("azure-native:synapse:Key", "syn-key", { workspaceName: "stmary-syn", resourceGroupName: "rg", keyVaultUrl: keyUrl, isActiveCMK });
        it("passes a workspace with an active key", () => assertPasses(runStack(rules.synapseActiveKey, [synapseWorkspace(), key(true)])));
        it("fails a workspace without a key", () => assertFails(runStack(rules.synapseActiveKey, [synapseWorkspace()]), C, "isActiveCMK"));
        it("fails a workspace whose key is not active", () => assertFails(runStack(rules.synapseActiveKey, [synapseWorkspace(), key(false)]), C, "isActiveCMK"));
    });

    describe("azure-enc-rest-cmk-hdinsight-cluster", () => {
        it("passes disk CMK with encryption at host", () => assertPasses(runOn(rules.hdinsightCluster, hdinsightCluster())));
        it("accepts HDInsight's spelling \"SystemAssigned, UserAssigned\"", () => assertPasses(runOn(rules.hdinsightCluster, withProp(hdinsightCluster(), "identity.type", "SystemAssigned, UserAssigned"))));
        it("fails a cluster without disk encryption", () =>
            assertFails(runOn(rules.hdinsightCluster, withProp(hdinsightCluster(), "properties.diskEncryptionProperties", undefined)), C, "properties.diskEncryptionProperties.vaultUri"));
        it("fails encryption at host off", () =>
            assertFails(runOn(rules.hdinsightCluster, withProp(hdinsightCluster(), "properties.diskEncryptionProperties.encryptionAtHost", false)), C, "encryptionAtHost"));
    });

    describe("azure-enc-rest-cmk-dicom-service", () => {
        it("passes a DICOM service with a key URL and identity", () => assertPasses(runOn(rules.dicomService, dicomService())));
        it("fails a DICOM service on Microsoft-managed keys", () => assertFails(runOn(rules.dicomService, withProp(dicomService(), "encryption", undefined)), C, "keyEncryptionKeyUrl"));
        it("fails identity None", () => assertFails(runOn(rules.dicomService, withProp(dicomService(), "identity.type", "None")), C, "identity.type"));
    });
});
