// ENC-REST-CMK on Azure: PHI and logs encrypted at rest with a customer-managed key held in Key
// Vault (CONTROLS.md 1b, G12-G15). Synapse SQL pools are covered by the workspace key plus TDE; Log
// Analytics CMK needs a dedicated cluster (G17) and is not required here.
import { armReads, terraformReads, equalsAnyIgnoreCase, isSet, isText, toNumber } from "../lib/inputs";
import { expect, notInStack, resourceRule, Rule, stackRule, Violation } from "../lib/rule";
import { get, isUnknown, UNKNOWN, UNKNOWN_STRING } from "../lib/values";
import { cosmosAccountTypes, inProfile, machineProfile, messagingNamespaceTypes, T } from "./support/tokens";
import { foundAmong, lookupOf, relate } from "./support/relations";
import { holdsUnknown, unknownReferences } from "../lib/unknowns";
import { C } from "./support/classic";
import type { PolicyResource } from "../lib/rule";

const controls = ["ENC-REST-CMK"] as const;

/** identity.type names a user-assigned identity ("UserAssigned", "SystemAssigned,UserAssigned", HDInsight's "SystemAssigned, UserAssigned"). */
const hasUserAssigned = (v: unknown) => typeof v === "string" && /userassigned/i.test(v);
const hasIdentity = (v: unknown) => typeof v === "string" && v.trim() !== "" && !equalsAnyIgnoreCase(v, "None");

/**
 * A Key Vault or Managed HSM key's URL (`https://<vault>.vault.azure.net/keys/<name>[/<version>]`): a known text of
 * another shape (a key's name alone, a vault URL, a secret's URL, "x") names no key, so it is no customer-managed key.
 * A text unknown in part is judged on its known parts (expectShaped).
 */
const keyUrl = /^https:\/\/[^/\s]+\/keys\/[^/\s]+(\/[^/\s]*)?$/i;
const keyUrlShape = (props: Record<string, unknown>, path: string, wanted: string) => expectShaped(props, path, keyUrl, wanted);

/**
 * A vault's URI as the rules that take a vault plus a key name read it: `https://<vault>.<suffix>`, with an optional
 * trailing slash, in the public cloud or a sovereign one, or a Managed HSM's (`<hsm>.managedhsm.…`). A vault name is
 * 3-24 letters, digits and single hyphens, beginning with a letter. The public suffix is the one the installed
 * azure-native docs show; the China (azure.cn) and US Government (usgovcloudapi.net) suffixes are Key Vault's
 * documented DNS suffixes for those clouds (Azure Germany's, microsoftazure.de, closed in 2021). A URL with a path
 * (a key's URL), `http://`, or a host of another service names no vault.
 */
const vaultUri = /^https:\/\/[a-z](?!.*--)[a-z0-9-]{1,22}[a-z0-9]\.(vault|managedhsm)\.(azure\.net|azure\.cn|usgovcloudapi\.net)\/?$/i;
const vaultUriWanted = "a Key Vault's URI, https://<vault>.vault.azure.net (or a sovereign cloud's or a Managed HSM's)";
/** A Key Vault object name (a key's): 1-127 letters, digits and hyphens. A key's URL or path where its name goes names no key. */
const keyObjectName = /^[0-9a-zA-Z-]{1,127}$/;
const keyNameWanted = "a Key Vault key's name (1-127 letters, digits and hyphens)";

/**
 * The text at `path` has `shape`. A text unknown in part (`https://${vault.name}.vault.azure.net`,
 * `${vault.properties.vaultUri}keys/phi`) is judged on its known parts, each unknown part read as a name, or one
 * that leads the text as a vault's URI: one that fits passes; one that fits no way so (`${vaultUri}keys/phi` as a
 * vault URI, `${vaultUri}secrets/phi` as a key's URL) is unknown, never a pass.
 */
function expectShaped(props: Record<string, unknown>, path: string, shape: RegExp, wanted: string): Violation[] {
    const found = get(props, path);
    if (isText(found) && holdsUnknown(found)) return mayHaveShape(found as string, shape) ? [] : [{ property: path, found: UNKNOWN, wanted }];
    return expect(props, path, v => isText(v) && shape.test(v), wanted);
}

function mayHaveShape(text: string, shape: RegExp): boolean {
    const [lead, ...rest] = text.split(UNKNOWN_STRING);
    const restAsNames = rest.join("a0a");
    return shape.test(`${lead}a0a${restAsNames}`) || (lead === "" && shape.test(`https://a0a.vault.azure.net/${restAsNames}`));
}
const expectVaultUri = (props: Record<string, unknown>, path: string) => expectShaped(props, path, vaultUri, vaultUriWanted);
const expectKeyName = (props: Record<string, unknown>, path: string) => expectShaped(props, path, keyObjectName, keyNameWanted);

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
        ...expectVaultUri(r.props, "encryption.keyVaultProperties.keyVaultUri"),
        ...expectKeyName(r.props, "encryption.keyVaultProperties.keyName"),
        ...expect(r.props, "encryption.encryptionIdentity.encryptionUserAssignedIdentity", isSet, "the resource id of a user-assigned identity"),
        ...expect(r.props, "identity.type", hasUserAssigned, "\"UserAssigned\" or \"SystemAssigned,UserAssigned\""),
        ...expect(r.props, "encryption.services.blob.enabled", armReads.on, "true"),
        ...expect(r.props, "encryption.requireInfrastructureEncryption", armReads.on, "true"),
    ],
});

/**
 * Queue and Table storage use the account's customer-managed key only when the account was created with
 * encryption.services.queue/table.keyType "Account" (create-only); "Service", the default, keeps them on a
 * Microsoft-managed key whatever keySource says (Microsoft Learn, "Create an account that supports customer-managed
 * keys for tables and queues"). An explicit "Service" is a finding on any account; left unset, where the stack
 * puts a queue or table in the account (PHI held under Microsoft's key). Azure Policy's built-ins ("Queue/Table
 * Storage should use customer-managed key for encryption") flag unset too; this pack does not yet, since the
 * storage component leaves it unset and the setting is create-only (replacing every existing account).
 */
const queueAndTable = [["queue", T.storageQueue], ["table", T.storageTable]] as const;

export const storageQueueTableKey = stackRule({
    name: "azure-enc-rest-cmk-storage-queue-table", cloud: "azure", controls: [...controls], severity: "high",
    judges: [T.storageAccount],
    description: "A storage account's queues and tables use its customer-managed key: encryption.services.queue/table.keyType \"Account\" (\"Service\", the default, keeps them on a Microsoft-managed key).",
    remediation: "Create the account with encryption.services.queue.keyType and encryption.services.table.keyType \"Account\" (create-only: an existing account is recreated).",
    check: stack => {
        const held = queueAndTable.map(([service, type]) => ({ service, relation: relate(stack, [type], "accountName", [T.storageAccount]) }));
        return stack.ofType(T.storageAccount).flatMap(account => held.flatMap(({ service, relation }) => {
            const property = `encryption.services.${service}.keyType`;
            const wanted = "\"Account\"";
            if (get(account.props, property) !== undefined) return expect(account.props, property, v => equalsAnyIgnoreCase(v, "Account"), wanted, account);
            const inIt = relation.of.get(account.urn) ?? [];
            if (inIt.length) return [{ resource: account, property, found: undefined, wanted,
                note: `Unset, it is "Service": the ${service} ${inIt.map(r => `"${r.name}"`).join(", ")} of this stack ${inIt.length > 1 ? "are" : "is"} encrypted with a Microsoft-managed key.` }];
            // A queue or table whose account is unknown at preview may be in this one.
            return relation.unresolved.length ? [{ resource: account, property, found: UNKNOWN, wanted }] : [];
        }));
    },
});

export const synapseWorkspace = resourceRule({
    name: "azure-enc-rest-cmk-synapse-workspace", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.synapseWorkspace],
    description: "A Synapse workspace is encrypted with a customer-managed key (workspace double encryption) that an identity of the workspace can use.",
    remediation: "Set encryption.cmk.key {keyVaultUrl, name} and encryption.cmk.kekIdentity.userAssignedIdentity (or useSystemAssignedIdentity true), then activate the key with a synapse Key isActiveCMK true.",
    check: r => {
        const out: Violation[] = [
            // Despite its name, the key's URL (the component gives key.keyUri): a vault's URI names no key.
            ...keyUrlShape(r.props, "encryption.cmk.key.keyVaultUrl", "the key's Key Vault URL (https://<vault>.vault.azure.net/keys/<name>)"),
            ...expect(r.props, "encryption.cmk.key.name", isSet, "the key's name"),
        ];
        // kekIdentity: either a user-assigned identity or the system-assigned one (typed `any`: true or "true").
        const userAssigned = get(r.props, "encryption.cmk.kekIdentity.userAssignedIdentity");
        if (userAssigned === undefined || userAssigned === "") {
            out.push(...expect(r.props, "encryption.cmk.kekIdentity.useSystemAssignedIdentity", armReads.on,
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
        ...expectVaultUri(r.props, "properties.diskEncryptionProperties.vaultUri"),
        ...expectKeyName(r.props, "properties.diskEncryptionProperties.keyName"),
        ...["keyVersion", "msiResourceId"].flatMap(p => expect(r.props, `properties.diskEncryptionProperties.${p}`, isSet, "set")),
        ...expect(r.props, "properties.diskEncryptionProperties.encryptionAtHost", armReads.on, "true"),
        ...expect(r.props, "identity.type", hasUserAssigned, "\"UserAssigned\" (or \"SystemAssigned, UserAssigned\")"),
    ],
});

export const dicomService = resourceRule({
    name: "azure-enc-rest-cmk-dicom-service", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.dicomService],
    description: "A DICOM service encrypts with a customer-managed key through a managed identity (G13, G14).",
    remediation: "Set encryption.customerManagedKeyEncryption.keyEncryptionKeyUrl to the key's URL and identity.type to \"UserAssigned\" (or \"SystemAssigned\").",
    check: r => [
        ...keyUrlShape(r.props, "encryption.customerManagedKeyEncryption.keyEncryptionKeyUrl", "the key's URL"),
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
        const active = (k: { props: Record<string, unknown> }) => armReads.on(k.props.isActiveCMK);
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
    check: r => keyUrlShape(r.props, "keyId", "a Key Vault key URI"),
});

export const cosmosAccount = resourceRule({
    name: "azure-enc-rest-cmk-cosmosdb-account", cloud: "azure", controls: [...controls], severity: "high",
    types: cosmosAccountTypes,
    description: "A Cosmos DB account encrypts its data with a customer-managed key.",
    remediation: "Set keyVaultKeyUri (and defaultIdentity to an identity granted the key) when the account is created.",
    check: r => keyUrlShape(r.props, "keyVaultKeyUri", "a Key Vault key URI"),
});

/** A VM disk (OS or data): an attached existing disk is a compute Disk (judged itself); one it creates names an encryption set. */
function vmDiskViolations(disk: unknown, path: string): Violation[] {
    if (isUnknown(disk)) return [{ property: path, found: disk, wanted: "a disk encryption set" }];
    const d = (disk ?? {}) as Record<string, unknown>;
    if (equalsAnyIgnoreCase(d.createOption, "Attach") && isSet(get(d, "managedDisk.id"))) return [];
    return expect(d, "managedDisk.diskEncryptionSet.id", isSet, "the id of a disk encryption set (a Key Vault key)").map(v => ({ ...v, property: `${path}.${v.property}` }));
}

export const virtualMachine = resourceRule({
    name: "azure-enc-rest-cmk-virtual-machine", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.virtualMachine, T.vmScaleSet],
    description: "A virtual machine's (or scale set's) OS and data disks are encrypted with a customer-managed key through a disk encryption set (or are attached compute Disks, judged themselves).",
    remediation: "Set storageProfile.osDisk.managedDisk.diskEncryptionSet.id and each dataDisks[].managedDisk.diskEncryptionSet.id to a disk encryption set (under virtualMachineProfile for a scale set).",
    check: r => {
        const m = machineProfile(r);
        if (m === UNKNOWN) return [{ property: "virtualMachineProfile", found: UNKNOWN, wanted: "disks with a disk encryption set" }];
        const profile = m.props.storageProfile;
        if (isUnknown(profile)) return inProfile(m.prefix, [{ property: "storageProfile", found: profile, wanted: "disks with a disk encryption set" }]);
        const data = get(profile, "dataDisks");
        return inProfile(m.prefix, [
            ...vmDiskViolations(get(profile, "osDisk"), "storageProfile.osDisk"),
            ...(isUnknown(data) ? [{ property: "storageProfile.dataDisks", found: data, wanted: "disks with a disk encryption set" }]
                : (Array.isArray(data) ? data : []).flatMap((d, i) => vmDiskViolations(d, `storageProfile.dataDisks[${i}]`))),
        ]);
    },
});

export const managedDisk = resourceRule({
    name: "azure-enc-rest-cmk-managed-disk", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.disk],
    description: "A managed disk is encrypted with a customer-managed key through a disk encryption set.",
    remediation: "Set encryption {type: \"EncryptionAtRestWithCustomerKey\" (or ...PlatformAndCustomerKeys), diskEncryptionSetId}.",
    check: r => [
        ...expect(r.props, "encryption.diskEncryptionSetId", isSet, "the id of a disk encryption set"),
        ...expect(r.props, "encryption.type", v => typeof v === "string" && /customerkey/i.test(v), "\"EncryptionAtRestWithCustomerKey\" or \"EncryptionAtRestWithPlatformAndCustomerKeys\""),
    ],
});

/**
 * The disks and VMs above pass on naming a disk encryption set; the set is what names the key. Unjudged, a set
 * whose key URL was a vault's URL or any other text passed every disk that named it.
 */
export const diskEncryptionSet = resourceRule({
    name: "azure-enc-rest-cmk-disk-encryption-set", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.diskEncryptionSet],
    description: "A disk encryption set (the key of every disk and VM that names it) names a Key Vault key by its URL.",
    remediation: "Set activeKey.keyUrl to the Key Vault key's URL (https://<vault>.vault.azure.net/keys/<name>[/<version>]) and activeKey.sourceVault.id to its vault.",
    check: r => keyUrlShape(r.props, "activeKey.keyUrl", "the Key Vault key's URL"),
});

export const flexibleServer = resourceRule({
    name: "azure-enc-rest-cmk-flexible-server", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.postgresFlexible, T.mysqlFlexible],
    description: "A PostgreSQL or MySQL flexible server encrypts its data with a customer-managed key in Key Vault.",
    remediation: "Set dataEncryption {type: \"AzureKeyVault\", primaryKeyURI, primaryUserAssignedIdentityId} and identity {type: \"UserAssigned\"} (create-only).",
    check: r => [
        ...expect(r.props, "dataEncryption.type", v => equalsAnyIgnoreCase(v, "AzureKeyVault"), "\"AzureKeyVault\" (unset is SystemManaged)"),
        ...keyUrlShape(r.props, "dataEncryption.primaryKeyURI", "the Key Vault key's URI"),
    ],
});

export const containerRegistry = resourceRule({
    name: "azure-enc-rest-cmk-container-registry", cloud: "azure", controls: [...controls], severity: "medium",
    types: [T.registry],
    description: "A container registry encrypts its images with a customer-managed key.",
    remediation: "Set encryption {status: \"enabled\", keyVaultProperties: {keyIdentifier, identity}} with a user-assigned identity (Premium, create-only).",
    check: r => [
        ...expect(r.props, "encryption.status", v => equalsAnyIgnoreCase(v, "enabled"), "\"enabled\""),
        ...keyUrlShape(r.props, "encryption.keyVaultProperties.keyIdentifier", "the Key Vault key's identifier"),
    ],
});

export const messagingNamespace = resourceRule({
    name: "azure-enc-rest-cmk-messaging-namespace", cloud: "azure", controls: [...controls], severity: "high",
    types: messagingNamespaceTypes,
    description: "An Event Hubs or Service Bus namespace encrypts its messages with a customer-managed key.",
    remediation: "Set encryption {keySource: \"Microsoft.KeyVault\", keyVaultProperties: [{keyName, keyVaultUri, identity}]} (Premium or Dedicated).",
    check: r => {
        const out = expect(r.props, "encryption.keySource", v => equalsAnyIgnoreCase(v, "Microsoft.KeyVault"), "\"Microsoft.KeyVault\"");
        const keys = get(r.props, "encryption.keyVaultProperties");
        if (isUnknown(keys)) return [...out, { property: "encryption.keyVaultProperties", found: keys, wanted: "a Key Vault key" }];
        const list = Array.isArray(keys) ? keys : [];
        // Every key given names its key and vault (Azure encrypts with each); none at all is no key.
        if (!list.length) out.push({ property: "encryption.keyVaultProperties", found: keys, wanted: "[{keyName, keyVaultUri}]" });
        list.forEach((k, i) => {
            const key = (k ?? {}) as Record<string, unknown>;
            out.push(...[...expectKeyName(key, "keyName"), ...expectVaultUri(key, "keyVaultUri")].map(v => ({ ...v, property: `encryption.keyVaultProperties[${i}].${v.property}` })));
        });
        return out;
    },
});

/** AKS node OS and data disks (where pods may write PHI) encrypted with a customer-managed key. */
export const aksCluster = resourceRule({
    name: "azure-enc-rest-cmk-aks-cluster", cloud: "azure", controls: [...controls], severity: "medium",
    types: [T.aksCluster],
    description: "An AKS cluster encrypts its nodes' disks with a customer-managed key through a disk encryption set.",
    remediation: "Set diskEncryptionSetID to a disk encryption set (create-only).",
    check: r => expect(r.props, "diskEncryptionSetID", isSet, "the id of a disk encryption set"),
});

// ---- Azure classic (@pulumi/azure 6; classic.ts) ----------------------------------------------------------

/** A key given by any of `paths` (keyVaultKeyId, or a Managed HSM key id): set and known. */
function keyAmong(props: Record<string, unknown>, paths: readonly string[]): unknown {
    const values = paths.map(p => get(props, p));
    if (values.some(isSet)) return values.find(isSet);
    return values.find(v => v !== undefined);
}

/**
 * A classic resource whose key is written inline (`inline`) or by a separate key resource that names it
 * (`partTypes` by `partProp`, its key at `partKeys`): every resource of `types` has one, else a violation on
 * the inline key's path. An inline key unknown at preview is unknown; a key resource whose target is unknown
 * excuses one resource (lib/unknowns.ts).
 */
function keyedInlineOrByPart(stack: Parameters<typeof relate>[0], types: readonly string[], inline: readonly string[],
    partTypes: readonly string[], partProp: string, partKeys: readonly string[], wanted: string): Violation[] {
    const parts = relate(stack, partTypes, partProp, types);
    const excuse = unknownReferences(parts.unresolved.length);
    const out: Violation[] = [];
    for (const r of stack.ofType(...types)) {
        const own = keyAmong(r.props, inline);
        if (isSet(own)) continue;
        const mine: PolicyResource[] = parts.of.get(r.urn) ?? [];
        const keys = mine.map(p => keyAmong(p.props, partKeys));
        if (keys.some(isSet)) continue;
        out.push({ resource: r, property: inline[0], found: foundAmong([own, ...keys].filter(v => v !== undefined), excuse), wanted });
    }
    return out;
}

export const classicStorageAccount = stackRule({
    name: "azure-enc-rest-cmk-classic-storage-account", cloud: "azure", controls: [...controls], severity: "high",
    judges: [C.storageAccount],
    reads: { storageAccountId: [C.storageCmk] },
    description: "A storage account (Azure classic) encrypts with a Key Vault key (inline customerManagedKey or a storage CustomerManagedKey naming it), with infrastructure (double) encryption.",
    remediation: "Set customerManagedKey {keyVaultKeyId, userAssignedIdentityId} (or add an azure storage.CustomerManagedKey with storageAccountId and keyVaultKeyId) and infrastructureEncryptionEnabled true (create-only).",
    check: stack => [
        ...keyedInlineOrByPart(stack, [C.storageAccount], ["customerManagedKey.keyVaultKeyId", "customerManagedKey.managedHsmKeyId"],
            [C.storageCmk], "storageAccountId", ["keyVaultKeyId", "managedHsmKeyId", "keyName"], "a Key Vault key id (inline, or a CustomerManagedKey naming this account)"),
        // Unset is false ("Defaults to `false`"), as azure-native's requireInfrastructureEncryption.
        ...stack.ofType(C.storageAccount).flatMap(r => expect(r.props, "infrastructureEncryptionEnabled", terraformReads.on, "true", r)),
    ],
});

export const classicSqlServer = stackRule({
    name: "azure-enc-rest-cmk-classic-mssql-server", cloud: "azure", controls: [...controls], severity: "high",
    judges: [C.mssqlServer],
    reads: { serverId: [C.mssqlTde] },
    description: "An Azure SQL server's (Azure classic) transparent data encryption uses a customer-managed key (inline, or a ServerTransparentDataEncryption naming it).",
    remediation: "Set transparentDataEncryptionKeyVaultKeyId (with an identity granted the key), or add an azure mssql.ServerTransparentDataEncryption with serverId and keyVaultKeyId.",
    check: stack => keyedInlineOrByPart(stack, [C.mssqlServer], ["transparentDataEncryptionKeyVaultKeyId"],
        [C.mssqlTde], "serverId", ["keyVaultKeyId", "managedHsmKeyId"], "a Key Vault key id (inline, or a ServerTransparentDataEncryption naming this server)"),
});

export const classicFlexibleServer = resourceRule({
    name: "azure-enc-rest-cmk-classic-flexible-server", cloud: "azure", controls: [...controls], severity: "high",
    types: [C.pgFlexible, C.mysqlFlexible],
    description: "A PostgreSQL or MySQL flexible server (Azure classic) encrypts its data with a customer-managed key.",
    remediation: "Set customerManagedKey {keyVaultKeyId, primaryUserAssignedIdentityId} and identity {type: \"UserAssigned\", identityIds} (create-only).",
    check: r => {
        const key = keyAmong(r.props, ["customerManagedKey.keyVaultKeyId", "customerManagedKey.managedHsmKeyId"]);
        return keyUrlShape({ key }, "key", "a Key Vault key id").map(v => ({ ...v, property: "customerManagedKey.keyVaultKeyId" }));
    },
});

export const classicManagedDisk = resourceRule({
    name: "azure-enc-rest-cmk-classic-managed-disk", cloud: "azure", controls: [...controls], severity: "high",
    types: [C.managedDisk],
    description: "A managed disk (Azure classic) is encrypted with a customer-managed key through a disk encryption set.",
    remediation: "Set diskEncryptionSetId (or secureVmDiskEncryptionSetId for a confidential VM disk) to a disk encryption set whose key is in Key Vault.",
    check: r => expect({ set: keyAmong(r.props, ["diskEncryptionSetId", "secureVmDiskEncryptionSetId"]) }, "set", isSet, "a disk encryption set id")
        .map(v => ({ ...v, property: "diskEncryptionSetId" })),
});

export const classicVirtualMachine = resourceRule({
    name: "azure-enc-rest-cmk-classic-virtual-machine", cloud: "azure", controls: [...controls], severity: "high",
    types: [C.linuxVm, C.windowsVm, C.legacyVm, C.linuxVmss, C.windowsVmss],
    description: "A virtual machine's OS disk (Azure classic) is encrypted with a customer-managed key through a disk encryption set.",
    remediation: "Set osDisk.diskEncryptionSetId (or osDisk.secureVmDiskEncryptionSetId); a compute VirtualMachine cannot set one on the OS disk it creates, so attach a ManagedDisk with one (storageOsDisk.managedDiskId, createOption \"Attach\") or use LinuxVirtualMachine / WindowsVirtualMachine.",
    check: r => {
        // The legacy VirtualMachine takes no encryption set: its OS disk is one of the stack's ManagedDisks (judged itself), or it is platform-keyed.
        if (r.type === C.legacyVm) return expect(r.props, "storageOsDisk.managedDiskId", isSet, "the id of a ManagedDisk with a disk encryption set");
        return expect({ set: keyAmong(r.props, ["osDisk.diskEncryptionSetId", "osDisk.secureVmDiskEncryptionSetId"]) }, "set", isSet, "a disk encryption set id")
            .map(v => ({ ...v, property: "osDisk.diskEncryptionSetId" }));
    },
});

/** Issue 16: what an Azure AI services account keeps (custom models, logs of requests) is encrypted with the hospital key. */
export const cognitiveAccount = resourceRule({
    name: "azure-enc-rest-cmk-cognitive-account", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.cognitiveAccount],
    description: "An Azure AI services account encrypts with a customer-managed key in Key Vault (keySource Microsoft.KeyVault, with the vault and key named).",
    remediation: "Set properties.encryption {keySource: \"Microsoft.KeyVault\", keyVaultProperties: {keyVaultUri, keyName, identityClientId}} with a user-assigned identity granted the key.",
    check: r => [
        ...expect(r.props, "properties.encryption.keySource", v => equalsAnyIgnoreCase(v, "Microsoft.KeyVault"), "\"Microsoft.KeyVault\""),
        ...expectVaultUri(r.props, "properties.encryption.keyVaultProperties.keyVaultUri"),
        ...expectKeyName(r.props, "properties.encryption.keyVaultProperties.keyName"),
    ],
});

/**
 * Encryption scopes: a blob container (or a blob) that uses one is encrypted with the scope's key instead of the
 * account's. A scope on Microsoft's keys (source Microsoft.Storage, the default) undid a CMK account for every blob
 * of a container that defaults to it, while the account and the container each passed. The key input per SDK.
 */
const encryptionScopeKey: Readonly<Record<string, string>> = {
    "azure-native:storage:EncryptionScope": "keyVaultProperties.keyUri",
    "azure:storage/encryptionScope:EncryptionScope": "keyVaultKeyId",
};

export const encryptionScope = resourceRule({
    name: "azure-enc-rest-cmk-encryption-scope", cloud: "azure", controls: [...controls], severity: "high",
    types: Object.keys(encryptionScopeKey),
    description: "A storage encryption scope encrypts with a Key Vault key (the containers and blobs that use it are encrypted with its key, not the account's).",
    remediation: "Set source \"Microsoft.KeyVault\" and keyVaultProperties.keyUri (Azure classic: keyVaultKeyId) to the Key Vault key.",
    check: r => [
        ...expect(r.props, "source", v => equalsAnyIgnoreCase(v, "Microsoft.KeyVault"), "\"Microsoft.KeyVault\" (unset is Microsoft.Storage: Microsoft's keys)"),
        ...keyUrlShape(r.props, encryptionScopeKey[r.type], "the Key Vault key's URI"),
    ],
});

/** A container's default encryption scope must be one of this stack, so that its key is judged (encryptionScope above). */
export const containerEncryptionScope = stackRule({
    name: "azure-enc-rest-cmk-blob-container-encryption-scope", cloud: "azure", controls: [...controls], severity: "high",
    // No `judges`: only a container with a default encryption scope is this rule's to judge, and only when it fails.
    description: "A blob container with a default encryption scope uses a scope of this stack (whose key ENC-REST-CMK judges), not one from elsewhere.",
    remediation: "Create the encryption scope in this stack (source \"Microsoft.KeyVault\") and set defaultEncryptionScope to its name, or leave defaultEncryptionScope unset (the account's key).",
    check: stack => {
        const scopes = lookupOf(stack.ofType(...Object.keys(encryptionScopeKey)));
        const wanted = "the name of an encryption scope of this stack on a Key Vault key";
        const out: Violation[] = [];
        for (const container of stack.ofType(T.blobContainer, C.storageContainer)) {
            const scope = container.props.defaultEncryptionScope;
            if (scope === undefined || scope === null || scope === "") continue;
            const found = scopes.refer(container, "defaultEncryptionScope");
            if (isUnknown(found)) out.push({ resource: container, property: "defaultEncryptionScope", found: UNKNOWN, wanted });
            else if (!found.length) out.push(notInStack(container, "defaultEncryptionScope", wanted, "No encryption scope of this stack has that name, so the key of its blobs cannot be checked."));
        }
        return out;
    },
});

export const rules: Rule[] = [encryptionScope, containerEncryptionScope, keyVaultKey, storageAccount, storageQueueTableKey, synapseWorkspace, sqlPoolTde, hdinsightCluster, dicomService, synapseActiveKey, sqlPoolHasTde,
    sqlServer, cosmosAccount, classicStorageAccount, classicSqlServer, classicFlexibleServer, classicManagedDisk,
    classicVirtualMachine, virtualMachine, managedDisk, diskEncryptionSet, flexibleServer, containerRegistry, messagingNamespace, aksCluster,
    cognitiveAccount];
