// ENC-REST-CMK on Azure: PHI and logs encrypted at rest with a customer-managed key held in Key
// Vault (CONTROLS.md 1b, G12-G15). Synapse SQL pools are covered by the workspace key plus TDE; Log
// Analytics CMK needs a dedicated cluster (G17) and is not required here.
import { expect, resourceRule, Rule, stackRule, Violation } from "../lib/rule";
import { get } from "../lib/values";
import { cosmosAccountTypes, equalsAnyIgnoreCase, foundAmong, isSet, isTrue, relate, T, toNumber } from "./common";
import { unknownReferences } from "../lib/unknowns";

const controls = ["ENC-REST-CMK"] as const;

/** identity.type names a user-assigned identity ("UserAssigned", "SystemAssigned,UserAssigned", HDInsight's "SystemAssigned, UserAssigned"). */
const hasUserAssigned = (v: unknown) => typeof v === "string" && /userassigned/i.test(v);
const hasIdentity = (v: unknown) => typeof v === "string" && v.trim() !== "" && !equalsAnyIgnoreCase(v, "None");

export const keyVaultKey = resourceRule({
    name: "azure-enc-rest-cmk-key-vault-key", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.vaultKey],
    description: "A Key Vault key used as a customer-managed key is RSA or RSA-HSM of 2048 or 3072 bits (the sizes every consumer, DICOM included, accepts).",
    remediation: "Set properties.kty to \"RSA-HSM\" (or \"RSA\") and properties.keySize to 3072 or 2048.",
    check: r => [
        ...expect(r.props, "properties.kty", v => equalsAnyIgnoreCase(v, "RSA", "RSA-HSM"), "\"RSA\" or \"RSA-HSM\""),
        ...expect(r.props, "properties.keySize", v => [2048, 3072].includes(toNumber(v)), "2048 or 3072"),
    ],
});

export const storageAccount = resourceRule({
    name: "azure-enc-rest-cmk-storage-account", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.storageAccount],
    description: "A storage account encrypts with a Key Vault key through a user-assigned identity, blob encryption on, with infrastructure (double) encryption.",
    remediation: "Set encryption.keySource \"Microsoft.Keyvault\", encryption.keyVaultProperties {keyVaultUri, keyName}, encryption.encryptionIdentity.encryptionUserAssignedIdentity, identity.type \"UserAssigned\", encryption.services.blob.enabled true and encryption.requireInfrastructureEncryption true (create-only).",
    check: r => [
        ...expect(r.props, "encryption.keySource", v => equalsAnyIgnoreCase(v, "Microsoft.Keyvault"), "\"Microsoft.Keyvault\""),
        ...expect(r.props, "encryption.keyVaultProperties.keyVaultUri", isSet, "the key's vault URI"),
        ...expect(r.props, "encryption.keyVaultProperties.keyName", isSet, "the key's name"),
        ...expect(r.props, "encryption.encryptionIdentity.encryptionUserAssignedIdentity", isSet, "the resource id of a user-assigned identity"),
        ...expect(r.props, "identity.type", hasUserAssigned, "\"UserAssigned\" or \"SystemAssigned,UserAssigned\""),
        ...expect(r.props, "encryption.services.blob.enabled", isTrue, "true"),
        ...expect(r.props, "encryption.requireInfrastructureEncryption", isTrue, "true"),
    ],
});

export const synapseWorkspace = resourceRule({
    name: "azure-enc-rest-cmk-synapse-workspace", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.synapseWorkspace],
    description: "A Synapse workspace is encrypted with a customer-managed key (workspace double encryption) that an identity of the workspace can use.",
    remediation: "Set encryption.cmk.key {keyVaultUrl, name} and encryption.cmk.kekIdentity.userAssignedIdentity (or useSystemAssignedIdentity true), then activate the key with a synapse Key isActiveCMK true.",
    check: r => {
        const out: Violation[] = [
            ...expect(r.props, "encryption.cmk.key.keyVaultUrl", isSet, "the key's Key Vault URL"),
            ...expect(r.props, "encryption.cmk.key.name", isSet, "the key's name"),
        ];
        // kekIdentity: either a user-assigned identity or the system-assigned one (typed `any`: true or "true").
        const userAssigned = get(r.props, "encryption.cmk.kekIdentity.userAssignedIdentity");
        if (userAssigned === undefined || userAssigned === "") {
            out.push(...expect(r.props, "encryption.cmk.kekIdentity.useSystemAssignedIdentity", isTrue,
                "true, or a userAssignedIdentity of the workspace"));
        } else {
            out.push(...expect(r.props, "identity.type", hasUserAssigned, "\"SystemAssigned,UserAssigned\" (the key identity is user-assigned)"));
        }
        return out;
    },
});

export const sqlPoolTde = resourceRule({
    name: "azure-enc-rest-cmk-sql-pool-tde", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.sqlPoolTde],
    description: "Transparent data encryption of a dedicated SQL pool is Enabled (it uses the workspace's customer-managed key).",
    remediation: "Set status to \"Enabled\".",
    check: r => expect(r.props, "status", v => equalsAnyIgnoreCase(v, "Enabled"), "\"Enabled\""),
});

export const hdinsightCluster = resourceRule({
    name: "azure-enc-rest-cmk-hdinsight-cluster", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.hdinsightCluster],
    description: "An HDInsight cluster encrypts its disks with a Key Vault key through a user-assigned identity, and encrypts at host (both create-only, G18).",
    remediation: "Set properties.diskEncryptionProperties {vaultUri, keyName, keyVersion, msiResourceId, encryptionAtHost: true} and identity.type \"UserAssigned\".",
    check: r => [
        ...["vaultUri", "keyName", "keyVersion", "msiResourceId"].flatMap(p =>
            expect(r.props, `properties.diskEncryptionProperties.${p}`, isSet, "set")),
        ...expect(r.props, "properties.diskEncryptionProperties.encryptionAtHost", isTrue, "true"),
        ...expect(r.props, "identity.type", hasUserAssigned, "\"UserAssigned\" (or \"SystemAssigned, UserAssigned\")"),
    ],
});

export const dicomService = resourceRule({
    name: "azure-enc-rest-cmk-dicom-service", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.dicomService],
    description: "A DICOM service encrypts with a customer-managed key through a managed identity (G13, G14).",
    remediation: "Set encryption.customerManagedKeyEncryption.keyEncryptionKeyUrl to the key's URL and identity.type to \"UserAssigned\" (or \"SystemAssigned\").",
    check: r => [
        ...expect(r.props, "encryption.customerManagedKeyEncryption.keyEncryptionKeyUrl", isSet, "the key's URL"),
        ...expect(r.props, "identity.type", hasIdentity, "\"UserAssigned\", \"SystemAssigned\" or \"SystemAssigned,UserAssigned\""),
    ],
});

/** Synapse keeps a CMK workspace pending until a synapse Key activates the key (G15). */
export const synapseActiveKey = stackRule({
    name: "azure-enc-rest-cmk-synapse-active-key", cloud: "azure", controls: [...controls], severity: "high",
    judges: [T.synapseWorkspace],
    reads: { workspaceName: [T.synapseKey] },
    description: "Every Synapse workspace has a synapse Key with isActiveCMK true, without which a CMK workspace stays pending.",
    remediation: "Add an azure-native synapse.Key for the workspace with isActiveCMK true, after its identity holds the Key Vault Crypto Service Encryption User role.",
    check: stack => {
        const keys = relate(stack, [T.synapseKey], "workspaceName", [T.synapseWorkspace]);
        const active = (k: { props: Record<string, unknown> }) => isTrue(k.props.isActiveCMK);
        const excuseKey = unknownReferences(keys.unresolved.length);
        const out: Violation[] = [];
        for (const ws of stack.ofType(T.synapseWorkspace)) {
            const mine = keys.of.get(ws.urn) ?? [];
            if (mine.some(active)) continue;
            out.push({
                resource: ws, property: "synapse Key (workspaceName → this workspace).isActiveCMK",
                found: foundAmong(mine.map(k => k.props.isActiveCMK), excuseKey),
                wanted: "a synapse Key of this workspace with isActiveCMK true",
            });
        }
        return out;
    },
});

/** One TDE resource per dedicated SQL pool (G15): a pool without one is not known to be encrypted. */
export const sqlPoolHasTde = stackRule({
    name: "azure-enc-rest-cmk-sql-pool", cloud: "azure", controls: [...controls], severity: "high",
    judges: [T.sqlPool],
    reads: { sqlPoolName: [T.sqlPoolTde] },
    description: "Every dedicated SQL pool has a SqlPoolTransparentDataEncryption with status Enabled.",
    remediation: "Add an azure-native synapse.SqlPoolTransparentDataEncryption for the pool with status \"Enabled\".",
    check: stack => {
        const tdes = relate(stack, [T.sqlPoolTde], "sqlPoolName", [T.sqlPool]);
        const enabled = (t: { props: Record<string, unknown> }) => equalsAnyIgnoreCase(t.props.status, "Enabled");
        const excuseTde = unknownReferences(tdes.unresolved.length);
        const out: Violation[] = [];
        for (const pool of stack.ofType(T.sqlPool)) {
            const mine = tdes.of.get(pool.urn) ?? [];
            if (mine.some(enabled)) continue;
            out.push({
                resource: pool, property: "SqlPoolTransparentDataEncryption (sqlPoolName → this pool).status",
                found: foundAmong(mine.map(t => t.props.status), excuseTde),
                wanted: "a TDE resource for this pool with status \"Enabled\"",
            });
        }
        return out;
    },
});

export const sqlServer = resourceRule({
    name: "azure-enc-rest-cmk-sql-server", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.sqlServer],
    description: "An Azure SQL server's transparent data encryption uses a customer-managed key.",
    remediation: "Give the server an identity with access to the key and set keyId to the Key Vault key's URI.",
    check: r => expect(r.props, "keyId", isSet, "a Key Vault key URI"),
});

export const cosmosAccount = resourceRule({
    name: "azure-enc-rest-cmk-cosmosdb-account", cloud: "azure", controls: [...controls], severity: "high",
    types: cosmosAccountTypes,
    description: "A Cosmos DB account encrypts its data with a customer-managed key.",
    remediation: "Set keyVaultKeyUri (and defaultIdentity to an identity granted the key) when the account is created.",
    check: r => expect(r.props, "keyVaultKeyUri", isSet, "a Key Vault key URI"),
});

/** Issue 16: what an Azure AI services account keeps (custom models, logs of requests) is encrypted with the hospital key. */
export const cognitiveAccount = resourceRule({
    name: "azure-enc-rest-cmk-cognitive-account", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.cognitiveAccount],
    description: "An Azure AI services account encrypts with a customer-managed key in Key Vault (keySource Microsoft.KeyVault, with the vault and key named).",
    remediation: "Set properties.encryption {keySource: \"Microsoft.KeyVault\", keyVaultProperties: {keyVaultUri, keyName, identityClientId}} with a user-assigned identity granted the key.",
    check: r => [
        ...expect(r.props, "properties.encryption.keySource", v => equalsAnyIgnoreCase(v, "Microsoft.KeyVault"), "\"Microsoft.KeyVault\""),
        ...expect(r.props, "properties.encryption.keyVaultProperties.keyVaultUri", v => typeof v === "string" && /^https:\/\/\S+$/.test(v), "the Key Vault's https URI"),
        ...expect(r.props, "properties.encryption.keyVaultProperties.keyName", v => typeof v === "string" && v.trim() !== "", "the key's name"),
    ],
});

export const rules: Rule[] = [keyVaultKey, storageAccount, synapseWorkspace, sqlPoolTde, hdinsightCluster, dicomService,
    synapseActiveKey, sqlPoolHasTde, sqlServer, cosmosAccount, cognitiveAccount];
