// Azure classic (@pulumi/azure 6): storage accounts, NSG rules, VMs and disks, SQL/PostgreSQL/MySQL servers and
// their firewall rules, Key Vaults, judged under the azure-native rules' controls with the same meaning. Each
// rule: a compliant case, a violating case with its control, and a value unknown at preview that is not compliant.
// Property names are @pulumi/azure 6.40.0's (its .d.ts, read from `npm pack`).
import assert from "node:assert/strict";
import * as al from "../../../policies/azure/audit-log";
import * as bv from "../../../policies/azure/backup-versioning";
import * as dp from "../../../policies/azure/deletion-protection";
import * as cmk from "../../../policies/azure/enc-rest-cmk";
import * as tls from "../../../policies/azure/enc-transit";
import * as ia from "../../../policies/azure/identity-authn";
import * as lp from "../../../policies/azure/least-privilege";
import * as np from "../../../policies/azure/network-private";
import * as pa from "../../../policies/azure/public-access";
import { firewallRangeReach } from "../../../policies/lib/ip-range";
import * as pulumi from "@pulumi/pulumi";
import { rules as allRules } from "../../../policies/azure";
import { evaluate, evaluateOutcomes } from "../../../policies/lib/evaluate";
import { record } from "../../support/record";
import { UNKNOWN, UNKNOWN_STRING } from "../../../policies/lib/values";
import { assertFails, assertPasses, assertUnknown, res, rgId, runOn, runStack, tags, withProp } from "./fixtures";

const KEY = "https://kv.vault.azure.net/keys/phi";
const UAI = `${rgId}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/cmk`;
const DES = `${rgId}/providers/Microsoft.Compute/diskEncryptionSets/des`;

const account = (props: Record<string, unknown> = {}, protect = true) => res("azure:storage/account:Account", "phi", {
    resourceGroupName: "rg", location: "eastus", accountTier: "Standard", accountReplicationType: "GRS", tags,
    allowNestedItemsToBePublic: false, publicNetworkAccessEnabled: false, sharedAccessKeyEnabled: false, defaultToOauthAuthentication: true,
    infrastructureEncryptionEnabled: true, customerManagedKey: { keyVaultKeyId: KEY, userAssignedIdentityId: UAI },
    identity: { type: "UserAssigned", identityIds: [UAI] }, ...props,
}, { protect });
const keyVault = (props: Record<string, unknown> = {}) => res("azure:keyvault/keyVault:KeyVault", "kv", {
    resourceGroupName: "rg", location: "eastus", tenantId: "t", skuName: "premium", tags,
    purgeProtectionEnabled: true, rbacAuthorizationEnabled: true, publicNetworkAccessEnabled: false,
    networkAcls: { defaultAction: "Deny", bypass: "AzureServices" }, ...props,
}, { protect: true });
const mssql = (props: Record<string, unknown> = {}) => res("azure:mssql/server:Server", "sql", {
    resourceGroupName: "rg", location: "eastus", version: "12.0", publicNetworkAccessEnabled: false, transparentDataEncryptionKeyVaultKeyId: KEY,
    azureadAdministrator: { loginUsername: "phi-admins", objectId: "00000000-0000-0000-0000-0000000000bb", azureadAuthenticationOnly: true }, ...props,
}, { protect: true });
const pg = (props: Record<string, unknown> = {}) => res("azure:postgresql/flexibleServer:FlexibleServer", "pg", {
    resourceGroupName: "rg", location: "eastus", version: "16", publicNetworkAccessEnabled: false,
    customerManagedKey: { keyVaultKeyId: KEY, primaryUserAssignedIdentityId: UAI },
    authentication: { activeDirectoryAuthEnabled: true, passwordAuthEnabled: false, tenantId: "t" }, ...props,
}, { protect: true });
const mysql = (props: Record<string, unknown> = {}) => res("azure:mysql/flexibleServer:FlexibleServer", "my", {
    resourceGroupName: "rg", location: "eastus", publicNetworkAccess: "Disabled", customerManagedKey: { keyVaultKeyId: KEY, primaryUserAssignedIdentityId: UAI }, ...props,
}, { protect: true });
const linuxVm = (props: Record<string, unknown> = {}) => res("azure:compute/linuxVirtualMachine:LinuxVirtualMachine", "vm", {
    resourceGroupName: "rg", location: "eastus", size: "Standard_B2s", adminUsername: "ops", networkInterfaceIds: ["nic"],
    adminSshKeys: [{ username: "ops", publicKey: "ssh-rsa AAAA" }], osDisk: { caching: "ReadWrite", storageAccountType: "Premium_LRS", diskEncryptionSetId: DES }, ...props,
});

describe("azure classic (@pulumi/azure)", () => {
    describe("storage accounts", () => {
        it("pass a private, CMK-encrypted, Entra-only, HTTPS/TLS 1.2 account (every rule: azure-enc-transit-classic-storage-account, azure-public-access-classic-storage-account, azure-least-privilege-classic-storage-account, azure-enc-rest-cmk-classic-storage-account, azure-deletion-protection-classic-stateful-resource)", () => {
            for (const rule of [tls.classicStorageAccount, pa.classicStorageAccount, lp.classicStorageAccount, dp.classicStatefulResource]) assertPasses(runOn(rule, account(), { environment: "prod" }));
            assertPasses(runStack(cmk.classicStorageAccount, [account()]));
        });
        it("fail the defaults of a bare account: public containers and network, shared keys, no CMK, no double encryption, unprotected", () => {
            const bare = res("azure:storage/account:Account", "bare", { resourceGroupName: "rg", accountTier: "Standard", accountReplicationType: "LRS" });
            assertPasses(runOn(tls.classicStorageAccount, bare));
            const open = runOn(pa.classicStorageAccount, bare);
            assertFails(open, "PUBLIC-ACCESS", "allowNestedItemsToBePublic");
            assertFails(open, "PUBLIC-ACCESS", "publicNetworkAccessEnabled");
            assertFails(runOn(lp.classicStorageAccount, bare), "LEAST-PRIVILEGE", "sharedAccessKeyEnabled");
            const key = runStack(cmk.classicStorageAccount, [bare]);
            assertFails(key, "ENC-REST-CMK", "customerManagedKey.keyVaultKeyId");
            assertFails(key, "ENC-REST-CMK", "infrastructureEncryptionEnabled");
            assertFails(runOn(dp.classicStatefulResource, bare, { environment: "prod" }), "DELETION-PROTECTION", "opts.protect");
        });
        it("fail HTTP and TLS 1.0/1.1 under either SDK's spelling; a v5 false is not hidden by a v6 true", () => {
            assertFails(runOn(tls.classicStorageAccount, account({ httpsTrafficOnlyEnabled: false })), "ENC-TRANSIT", "httpsTrafficOnlyEnabled");
            assertFails(runOn(tls.classicStorageAccount, account({ enableHttpsTrafficOnly: "false" })), "ENC-TRANSIT", "enableHttpsTrafficOnly");
            assertFails(runOn(tls.classicStorageAccount, account({ httpsTrafficOnlyEnabled: true, enableHttpsTrafficOnly: false })), "ENC-TRANSIT", "enableHttpsTrafficOnly");
            assertFails(runOn(tls.classicStorageAccount, account({ httpsTrafficOnlyEnabled: 0 })), "ENC-TRANSIT", "httpsTrafficOnlyEnabled");
            for (const v of ["TLS1_0", "TLS1_1", " TLS1_2", "1.2", 1.2]) assertFails(runOn(tls.classicStorageAccount, account({ minTlsVersion: v })), "ENC-TRANSIT", "minTlsVersion");
            assertPasses(runOn(tls.classicStorageAccount, account({ minTlsVersion: "tls1_2", httpsTrafficOnlyEnabled: "true" })));
            assertUnknown(runOn(tls.classicStorageAccount, account({ minTlsVersion: UNKNOWN })), "minTlsVersion");
            assertUnknown(runOn(tls.classicStorageAccount, account({ httpsTrafficOnlyEnabled: UNKNOWN })), "httpsTrafficOnlyEnabled");
        });
        it("fail public containers by @pulumi/azure 4's allowBlobPublicAccess, a network firewall that allows, and a value that is not false", () => {
            assertFails(runOn(pa.classicStorageAccount, account({ allowBlobPublicAccess: true })), "PUBLIC-ACCESS", "allowBlobPublicAccess");
            assertFails(runOn(pa.classicStorageAccount, account({ networkRules: { defaultAction: "Allow" } })), "PUBLIC-ACCESS", "networkRules.defaultAction");
            assertPasses(runOn(pa.classicStorageAccount, account({ networkRules: null })));
            assertFails(runOn(pa.classicStorageAccount, account({ networkRules: { defaultAction: "Dеny" } })), "PUBLIC-ACCESS", "networkRules.defaultAction"); // a Cyrillic е
            assertUnknown(runOn(pa.classicStorageAccount, account({ networkRules: UNKNOWN })), "networkRules");
            for (const v of [0, "no", "False ", null]) {
                if (v === "False ") { assertPasses(runOn(pa.classicStorageAccount, account({ publicNetworkAccessEnabled: v }))); continue; }
                assertFails(runOn(pa.classicStorageAccount, account({ publicNetworkAccessEnabled: v })), "PUBLIC-ACCESS", "publicNetworkAccessEnabled");
            }
            assertUnknown(runOn(pa.classicStorageAccount, account({ publicNetworkAccessEnabled: UNKNOWN })), "publicNetworkAccessEnabled");
        });
        it("azure-enc-rest-cmk-classic-storage-account takes a CustomerManagedKey naming the account, by dependency or id; one of an unknown account excuses one account only", () => {
            const a = account({ customerManagedKey: undefined });
            const key = (props: Record<string, unknown>, deps: string[] = []) => res("azure:storage/customerManagedKey:CustomerManagedKey", "cmk",
                { keyVaultKeyId: KEY, userAssignedIdentityId: UAI, ...props }, { propertyDependencies: { storageAccountId: deps } });
            assertPasses(runStack(cmk.classicStorageAccount, [a, key({ storageAccountId: UNKNOWN }, [a.urn])]));
            assertPasses(runStack(cmk.classicStorageAccount, [a, key({ storageAccountId: `${rgId}/providers/Microsoft.Storage/storageAccounts/phi` })]));
            assertFails(runStack(cmk.classicStorageAccount, [a, key({ storageAccountId: `${rgId}/providers/Microsoft.Storage/storageAccounts/other` })]), "ENC-REST-CMK", "customerManagedKey");
            assertFails(runStack(cmk.classicStorageAccount, [a, key({ storageAccountId: a.urn, keyVaultKeyId: "" }, [a.urn])]), "ENC-REST-CMK", "customerManagedKey");
            const b = res("azure:storage/account:Account", "second", { ...a.props });
            const f = runStack(cmk.classicStorageAccount, [a, b, key({ storageAccountId: UNKNOWN })]);
            assert.equal(f.filter(x => x.unknown).length, 1, "one account excused as unknown");
            assert.equal(f.filter(x => !x.unknown).length, 1, "the other still a finding");
            assertUnknown(runStack(cmk.classicStorageAccount, [account({ customerManagedKey: { keyVaultKeyId: UNKNOWN, userAssignedIdentityId: UAI } })]), "customerManagedKey.keyVaultKeyId");
        });
        it("azure-public-access-classic-storage-network-rules and azure-public-access-classic-storage-container", () => {
            const rules = (defaultAction: unknown) => res("azure:storage/accountNetworkRules:AccountNetworkRules", "fw", { storageAccountId: "x", defaultAction });
            assertPasses(runOn(pa.classicStorageNetworkRules, rules("Deny")));
            assertFails(runOn(pa.classicStorageNetworkRules, rules("Allow")), "PUBLIC-ACCESS", "defaultAction");
            assertUnknown(runOn(pa.classicStorageNetworkRules, rules(UNKNOWN)), "defaultAction");
            const container = (containerAccessType: unknown) => res("azure:storage/container:Container", "c", { storageAccountId: "x", containerAccessType });
            assertPasses(runOn(pa.classicStorageContainer, container(undefined)));
            assertPasses(runOn(pa.classicStorageContainer, container("private")));
            for (const v of ["blob", "container", "Container", "public"]) assertFails(runOn(pa.classicStorageContainer, container(v)), "PUBLIC-ACCESS", "containerAccessType");
            assertUnknown(runOn(pa.classicStorageContainer, container(UNKNOWN)), "containerAccessType");
        });
        it("azure-least-privilege-classic-storage-account fails shared keys left on and OAuth not the default", () => {
            assertFails(runOn(lp.classicStorageAccount, account({ sharedAccessKeyEnabled: undefined })), "LEAST-PRIVILEGE", "sharedAccessKeyEnabled");
            assertFails(runOn(lp.classicStorageAccount, account({ defaultToOauthAuthentication: false })), "LEAST-PRIVILEGE", "defaultToOauthAuthentication");
            assertUnknown(runOn(lp.classicStorageAccount, account({ sharedAccessKeyEnabled: UNKNOWN })), "sharedAccessKeyEnabled");
        });
    });

    describe("storage account recovery and audit logs (azure-backup-versioning-classic-storage-account, azure-audit-log-classic-phi-resource, azure-audit-log-classic-diagnostic-setting)", () => {
        const recoverable = { blobProperties: { deleteRetentionPolicy: { days: 30 }, containerDeleteRetentionPolicy: {}, versioningEnabled: true, changeFeedEnabled: true } };
        it("passes soft delete, versions, change feed and geo replication; a Data Lake account needs no versions", () => {
            assertPasses(runOn(bv.classicStorageAccount, account(recoverable)));
            assertPasses(runOn(bv.classicStorageAccount, account({ isHnsEnabled: true, blobProperties: { deleteRetentionPolicy: {}, containerDeleteRetentionPolicy: { days: 7 } } })));
        });
        it("fails no soft delete, a short one, no versions and local replication", () => {
            const bare = runOn(bv.classicStorageAccount, account({ accountReplicationType: "LRS" }));
            for (const p of ["blobProperties.deleteRetentionPolicy", "blobProperties.containerDeleteRetentionPolicy", "blobProperties.versioningEnabled", "accountReplicationType"]) assertFails(bare, "BACKUP-VERSIONING", p);
            assertFails(runOn(bv.classicStorageAccount, account({ blobProperties: { ...recoverable.blobProperties, deleteRetentionPolicy: { days: 1 } } })), "BACKUP-VERSIONING", "deleteRetentionPolicy.days");
            assertUnknown(runOn(bv.classicStorageAccount, account({ ...recoverable, accountReplicationType: UNKNOWN })), "accountReplicationType");
        });
        const ds = (targetResourceId: unknown, deps: string[] = [], props: Record<string, unknown> = {}) => res("azure:monitoring/diagnosticSetting:DiagnosticSetting", "ds",
            { targetResourceId, logAnalyticsWorkspaceId: "law", enabledLogs: [{ categoryGroup: "audit" }], ...props }, { propertyDependencies: { targetResourceId: deps } });
        const blobId = `${rgId}/providers/Microsoft.Storage/storageAccounts/phi/blobServices/default`;
        it("asks every classic PHI store for logs: the account's blob service, by id or dependency", () => {
            const a = account(), kv = keyVault();
            assertPasses(runStack(al.classicPhiResourceCoverage, [a, kv, ds(blobId), ds(`${rgId}/providers/Microsoft.KeyVault/vaults/x`, [kv.urn])]));
            assertFails(runStack(al.classicPhiResourceCoverage, [a]), "AUDIT-LOG", "blobServices/default");
            // A setting on the account itself logs no data access.
            assertFails(runStack(al.classicPhiResourceCoverage, [a, ds(`${rgId}/providers/Microsoft.Storage/storageAccounts/phi`)]), "AUDIT-LOG", "blobServices/default");
            // One without logs covers nothing.
            assertFails(runStack(al.classicPhiResourceCoverage, [a, ds(blobId, [], { enabledLogs: [] })]), "AUDIT-LOG", "blobServices/default");
            assertUnknown(runStack(al.classicPhiResourceCoverage, [a, ds(UNKNOWN, [a.urn])]), "DiagnosticSetting.targetResourceId");
        });
        it("judges the classic diagnostic setting itself", () => {
            assertPasses(runOn(al.classicDiagnosticSetting, ds(blobId)));
            assertFails(runOn(al.classicDiagnosticSetting, ds(blobId, [], { enabledLogs: [{ category: "StorageRead" }] })), "AUDIT-LOG", "enabledLogs");
            assertFails(runOn(al.classicDiagnosticSetting, ds(blobId, [], { logAnalyticsWorkspaceId: undefined })), "AUDIT-LOG", "logAnalyticsWorkspaceId");
            assertUnknown(runOn(al.classicDiagnosticSetting, ds(blobId, [], { enabledLogs: UNKNOWN })), "enabledLogs");
        });
    });

    describe("network security rules and groups (azure-network-private-security-rule, azure-network-private-network-security-group)", () => {
        const rule = (props: Record<string, unknown>) => res("azure:network/networkSecurityRule:NetworkSecurityRule", "ssh", {
            resourceGroupName: "rg", networkSecurityGroupName: "nsg", name: "ssh", priority: 100, direction: "Inbound", access: "Allow",
            protocol: "Tcp", sourcePortRange: "*", destinationPortRange: "22", sourceAddressPrefix: "10.0.0.0/8", destinationAddressPrefix: "*", ...props,
        });
        it("pass SSH from a private range, fail it from the internet in any spelling", () => {
            assertPasses(runOn(np.securityRule, rule({})));
            for (const src of ["*", "Internet", "0.0.0.0/0", "0/0"]) assertFails(runOn(np.securityRule, rule({ sourceAddressPrefix: src })), "NETWORK-PRIVATE", "sourceAddressPrefix");
            assertFails(runOn(np.securityRule, rule({ sourceAddressPrefix: undefined, sourceAddressPrefixes: ["0.0.0.0/1", "128.0.0.0/1"] })), "NETWORK-PRIVATE", "sourceAddressPrefixes");
            assertUnknown(runOn(np.securityRule, rule({ sourceAddressPrefix: UNKNOWN })), "sourceAddressPrefix");
        });
        it("judge inline rules of a classic NSG", () => {
            const nsg = (securityRules: unknown) => res("azure:network/networkSecurityGroup:NetworkSecurityGroup", "nsg", { resourceGroupName: "rg", securityRules });
            assertPasses(runOn(np.networkSecurityGroup, nsg([rule({}).props])));
            assertFails(runOn(np.networkSecurityGroup, nsg([rule({ destinationPortRange: "3389", sourceAddressPrefix: "Internet" }).props])), "NETWORK-PRIVATE", "securityRules[0].sourceAddressPrefix");
            assertUnknown(runOn(np.networkSecurityGroup, nsg(UNKNOWN)), "securityRules");
        });
    });

    describe("virtual machines and disks", () => {
        it("azure-identity-authn-classic-linux-virtual-machine: SSH keys pass; password sign-in or a written password fail, the password never shown", () => {
            assertPasses(runOn(ia.classicLinuxVirtualMachine, linuxVm()));
            const f = runOn(ia.classicLinuxVirtualMachine, linuxVm({ disablePasswordAuthentication: false, adminPassword: "Hunter2!x" }));
            assertFails(f, "IDENTITY-AUTHN", "disablePasswordAuthentication");
            assertFails(f, "IDENTITY-AUTHN", "adminPassword");
            assert.ok(f.every(x => !x.message.includes("Hunter2!x")));
            assertFails(runOn(ia.classicLinuxVirtualMachine, linuxVm({ disablePasswordAuthentication: "no" })), "IDENTITY-AUTHN", "disablePasswordAuthentication");
            assertUnknown(runOn(ia.classicLinuxVirtualMachine, linuxVm({ disablePasswordAuthentication: UNKNOWN })), "disablePasswordAuthentication");
        });
        it("judges the legacy compute VirtualMachine's Linux config, and says why a Windows one is not this rule's", () => {
            const legacy = (props: Record<string, unknown>) => res("azure:compute/virtualMachine:VirtualMachine", "old", { resourceGroupName: "rg", vmSize: "Standard_B2s", ...props });
            assertPasses(runOn(ia.classicLinuxVirtualMachine, legacy({ osProfile: { adminUsername: "ops", computerName: "old" }, osProfileLinuxConfig: { disablePasswordAuthentication: true } })));
            assertFails(runOn(ia.classicLinuxVirtualMachine, legacy({ osProfile: { adminUsername: "ops", adminPassword: "pw", computerName: "old" }, osProfileLinuxConfig: { disablePasswordAuthentication: false } })),
                "IDENTITY-AUTHN", "osProfile.adminPassword");
            assertFails(runOn(ia.classicLinuxVirtualMachine, legacy({ osProfile: { adminUsername: "ops" } })), "IDENTITY-AUTHN", "osProfileLinuxConfig.disablePasswordAuthentication");
            assertPasses(runOn(ia.classicLinuxVirtualMachine, legacy({ osProfile: { adminUsername: "ops", adminPassword: "pw" }, osProfileWindowsConfig: {} })));
        });
        it("azure-enc-rest-cmk-classic-virtual-machine and azure-enc-rest-cmk-classic-managed-disk: a disk encryption set, on the OS disk or the disk", () => {
            assertPasses(runOn(cmk.classicVirtualMachine, linuxVm()));
            assertFails(runOn(cmk.classicVirtualMachine, linuxVm({ osDisk: { caching: "ReadWrite" } })), "ENC-REST-CMK", "osDisk.diskEncryptionSetId");
            const win = res("azure:compute/windowsVirtualMachine:WindowsVirtualMachine", "win", { osDisk: { caching: "ReadWrite", diskEncryptionSetId: "" } });
            assertFails(runOn(cmk.classicVirtualMachine, win), "ENC-REST-CMK", "osDisk.diskEncryptionSetId");
            assertUnknown(runOn(cmk.classicVirtualMachine, linuxVm({ osDisk: { caching: "ReadWrite", diskEncryptionSetId: UNKNOWN } })), "osDisk.diskEncryptionSetId");
            const legacy = (storageOsDisk: unknown) => res("azure:compute/virtualMachine:VirtualMachine", "old", { storageOsDisk });
            assertFails(runOn(cmk.classicVirtualMachine, legacy({ name: "os", createOption: "FromImage" })), "ENC-REST-CMK", "storageOsDisk.managedDiskId");
            assertPasses(runOn(cmk.classicVirtualMachine, legacy({ name: "os", createOption: "Attach", managedDiskId: "d" })));
            const disk = (props: Record<string, unknown>) => res("azure:compute/managedDisk:ManagedDisk", "data", { storageAccountType: "Premium_LRS", createOption: "Empty", ...props });
            assertPasses(runOn(cmk.classicManagedDisk, disk({ diskEncryptionSetId: DES })));
            assertFails(runOn(cmk.classicManagedDisk, disk({})), "ENC-REST-CMK", "diskEncryptionSetId");
            assertUnknown(runOn(cmk.classicManagedDisk, disk({ diskEncryptionSetId: UNKNOWN })), "diskEncryptionSetId");
        });
    });

    describe("database servers", () => {
        it("pass private, CMK, Entra-only servers (azure-public-access-classic-database-server, azure-public-access-classic-mysql-flexible-server, azure-enc-rest-cmk-classic-mssql-server, azure-enc-rest-cmk-classic-flexible-server, azure-identity-authn-classic-mssql-server, azure-identity-authn-classic-postgresql-flexible-server, azure-enc-transit-classic-mssql-server)", () => {
            for (const s of [mssql(), pg()]) assertPasses(runOn(pa.classicDatabaseServer, s));
            assertPasses(runOn(pa.classicMysqlServer, mysql()));
            assertPasses(runOn(pa.classicMysqlServer, mysql({ publicNetworkAccess: undefined, delegatedSubnetId: "subnet" })));
            assertPasses(runStack(cmk.classicSqlServer, [mssql()]));
            for (const s of [pg(), mysql()]) assertPasses(runOn(cmk.classicFlexibleServer, s));
            assertPasses(runOn(ia.classicSqlServer, mssql()));
            assertPasses(runOn(ia.classicPostgresFlexibleServer, pg()));
            assertPasses(runOn(tls.classicSqlServer, mssql()));
        });
        it("fail the defaults: public network, no CMK, SQL passwords written", () => {
            const sql = res("azure:mssql/server:Server", "sql", { resourceGroupName: "rg", version: "12.0", administratorLogin: "a", administratorLoginPassword: "pw-secret-1" });
            assertFails(runOn(pa.classicDatabaseServer, sql), "PUBLIC-ACCESS", "publicNetworkAccessEnabled");
            assertFails(runStack(cmk.classicSqlServer, [sql]), "ENC-REST-CMK", "transparentDataEncryptionKeyVaultKeyId");
            const auth = runOn(ia.classicSqlServer, sql);
            assertFails(auth, "IDENTITY-AUTHN", "azureadAdministrator.azureadAuthenticationOnly");
            assertFails(auth, "IDENTITY-AUTHN", "administratorLoginPassword");
            assert.ok(auth.every(f => !f.message.includes("pw-secret-1")));
            const p = res("azure:postgresql/flexibleServer:FlexibleServer", "pg", { resourceGroupName: "rg", administratorLogin: "a", administratorPassword: "pw" });
            assertFails(runOn(pa.classicDatabaseServer, p), "PUBLIC-ACCESS", "publicNetworkAccessEnabled");
            assertFails(runOn(cmk.classicFlexibleServer, p), "ENC-REST-CMK", "customerManagedKey.keyVaultKeyId");
            const pAuth = runOn(ia.classicPostgresFlexibleServer, p);
            assertFails(pAuth, "IDENTITY-AUTHN", "authentication.passwordAuthEnabled");
            assertFails(pAuth, "IDENTITY-AUTHN", "administratorPassword");
            assertFails(runOn(pa.classicMysqlServer, mysql({ publicNetworkAccess: "Enabled" })), "PUBLIC-ACCESS", "publicNetworkAccess");
            assertFails(runOn(pa.classicMysqlServer, mysql({ publicNetworkAccess: undefined })), "PUBLIC-ACCESS", "publicNetworkAccess");
            assertFails(runOn(tls.classicSqlServer, mssql({ minimumTlsVersion: "Disabled" })), "ENC-TRANSIT", "minimumTlsVersion");
            assertFails(runOn(tls.classicSqlServer, mssql({ minimumTlsVersion: "1.0" })), "ENC-TRANSIT", "minimumTlsVersion");
        });
        it("report unknown values as unknown, never compliant", () => {
            assertUnknown(runOn(pa.classicDatabaseServer, pg({ publicNetworkAccessEnabled: UNKNOWN })), "publicNetworkAccessEnabled");
            assertUnknown(runOn(pa.classicMysqlServer, mysql({ publicNetworkAccess: UNKNOWN })), "publicNetworkAccess");
            assertUnknown(runOn(cmk.classicFlexibleServer, pg({ customerManagedKey: UNKNOWN })), "customerManagedKey.keyVaultKeyId");
            assertUnknown(runOn(ia.classicSqlServer, mssql({ azureadAdministrator: UNKNOWN })), "azureadAdministrator");
            assertUnknown(runOn(tls.classicSqlServer, mssql({ minimumTlsVersion: UNKNOWN })), "minimumTlsVersion");
        });
        it("azure-enc-rest-cmk-classic-mssql-server takes a ServerTransparentDataEncryption naming the server", () => {
            const s = mssql({ transparentDataEncryptionKeyVaultKeyId: undefined });
            const tde = (keyVaultKeyId: unknown) => res("azure:mssql/serverTransparentDataEncryption:ServerTransparentDataEncryption", "tde", { serverId: "x", keyVaultKeyId }, { propertyDependencies: { serverId: [s.urn] } });
            assertPasses(runStack(cmk.classicSqlServer, [s, tde(KEY)]));
            assertFails(runStack(cmk.classicSqlServer, [s, tde(undefined)]), "ENC-REST-CMK", "transparentDataEncryptionKeyVaultKeyId");
        });
        it("azure-enc-transit-classic-postgresql-server: SSL enforced with TLS 1.2", () => {
            const single = (props: Record<string, unknown>) => res("azure:postgresql/server:Server", "pg1", { resourceGroupName: "rg", skuName: "GP_Gen5_2", version: "11", sslEnforcementEnabled: true, ...props });
            assertPasses(runOn(tls.classicPostgresServer, single({})));
            assertFails(runOn(tls.classicPostgresServer, single({ sslEnforcementEnabled: false })), "ENC-TRANSIT", "sslEnforcementEnabled");
            assertFails(runOn(tls.classicPostgresServer, single({ sslMinimalTlsVersionEnforced: "TLSEnforcementDisabled" })), "ENC-TRANSIT", "sslMinimalTlsVersionEnforced");
            assertUnknown(runOn(tls.classicPostgresServer, single({ sslEnforcementEnabled: UNKNOWN })), "sslEnforcementEnabled");
        });
        it("azure-enc-transit-classic-server-configuration: require_secure_transport OFF and TLS 1.0/1.1 fail; other parameters are not its kind", () => {
            const conf = (name: unknown, value: unknown, type = "azure:postgresql/flexibleServerConfiguration:FlexibleServerConfiguration") => res(type, "p", { serverId: "s", name, value });
            assertPasses(runOn(tls.classicServerConfiguration, conf("require_secure_transport", "on")));
            assertPasses(runOn(tls.classicServerConfiguration, conf("ssl_min_protocol_version", "TLSv1.2")));
            assertPasses(runOn(tls.classicServerConfiguration, conf("tls_version", "TLSv1.2,TLSv1.3", "azure:mysql/flexibleServerConfiguration:FlexibleServerConfiguration")));
            assertFails(runOn(tls.classicServerConfiguration, conf("require_secure_transport", "OFF")), "ENC-TRANSIT", "value");
            assertFails(runOn(tls.classicServerConfiguration, conf("Require_Secure_Transport", "off", "azure:mysql/flexibleServerConfiguration:FlexibleServerConfiguration")), "ENC-TRANSIT", "value");
            assertFails(runOn(tls.classicServerConfiguration, conf("ssl_min_protocol_version", "TLSv1.1")), "ENC-TRANSIT", "value");
            assertFails(runOn(tls.classicServerConfiguration, conf("tls_version", "TLSv1.2,TLSv1.1", "azure:mysql/flexibleServerConfiguration:FlexibleServerConfiguration")), "ENC-TRANSIT", "value");
            assertFails(runOn(tls.classicServerConfiguration, conf("require_secure_transport", 0)), "ENC-TRANSIT", "value");
            assertUnknown(runOn(tls.classicServerConfiguration, conf("require_secure_transport", UNKNOWN)), "value");
            assertUnknown(runOn(tls.classicServerConfiguration, conf(UNKNOWN, "OFF")), "name");
            assert.deepEqual(runOn(tls.classicServerConfiguration, conf("work_mem", "4MB")), []);
        });
        it("azure-public-access-classic-database-firewall-rule: the internet and 'allow Azure services' fail, a narrow range passes", () => {
            const fw = (startIpAddress: unknown, endIpAddress: unknown, type = "azure:mssql/firewallRule:FirewallRule") => res(type, "fw", { serverId: "s", startIpAddress, endIpAddress });
            assertPasses(runOn(pa.classicFirewallRule, fw("203.0.113.10", "203.0.113.20")));
            assertPasses(runOn(pa.classicFirewallRule, fw("10.0.0.0", "10.255.255.255")));
            for (const type of ["azure:postgresql/flexibleServerFirewallRule:FlexibleServerFirewallRule", "azure:mysql/flexibleServerFirewallRule:FlexibleServerFirewallRule", "azure:sql/firewallRule:FirewallRule"]) {
                assertFails(runOn(pa.classicFirewallRule, fw("0.0.0.0", "255.255.255.255", type)), "PUBLIC-ACCESS", "startIpAddress");
            }
            assertFails(runOn(pa.classicFirewallRule, fw("0.0.0.0", "0.0.0.0")), "PUBLIC-ACCESS", "startIpAddress");
            assertFails(runOn(pa.classicFirewallRule, fw("1.0.0.0", "126.255.255.255")), "PUBLIC-ACCESS", "startIpAddress");
            assertFails(runOn(pa.classicFirewallRule, fw("255.255.255.255", "0.0.0.1")), "PUBLIC-ACCESS", "startIpAddress");
            assertFails(runOn(pa.classicFirewallRule, fw("000.0.0.0", "255.255.255.255")), "PUBLIC-ACCESS", "startIpAddress");
            assertFails(runOn(pa.classicFirewallRule, fw("any", "any")), "PUBLIC-ACCESS", "startIpAddress");
            assertFails(runOn(pa.classicFirewallRule, fw(0, 4294967295)), "PUBLIC-ACCESS", "startIpAddress");
            assertUnknown(runOn(pa.classicFirewallRule, fw(UNKNOWN, "255.255.255.255")), "startIpAddress");
            assertUnknown(runOn(pa.classicFirewallRule, fw(`10.0.0.${UNKNOWN_STRING}`, "10.0.0.1")), "startIpAddress");
        });
        it("firewallRangeReach measures the range as lib/network.ts does", () => {
            assert.equal(firewallRangeReach("0.0.0.0", "255.255.255.255"), "internet");
            assert.equal(firewallRangeReach("8.0.0.0", "8.255.255.255"), "internet");
            assert.equal(firewallRangeReach("8.0.0.0", "8.255.255.254"), "narrow", "one address short of a /8 is under the threshold");
            assert.equal(firewallRangeReach("52.1.2.3", "52.1.2.3"), "narrow");
            assert.equal(firewallRangeReach("0.0.0.0", "0.0.0.0"), "azure-services");
            assert.equal(firewallRangeReach("::", "::"), "unreadable");
        });
    });

    describe("Key Vaults (azure-public-access-classic-key-vault, azure-deletion-protection-classic-key-vault, azure-least-privilege-classic-key-vault)", () => {
        it("pass a private, purge-protected, RBAC vault", () => {
            for (const rule of [pa.classicKeyVault, dp.classicKeyVault, lp.classicKeyVault]) assertPasses(runOn(rule, keyVault()));
            assertPasses(runOn(lp.classicKeyVault, keyVault({ rbacAuthorizationEnabled: undefined, enableRbacAuthorization: true })));
        });
        it("fail the defaults of a bare vault", () => {
            const bare = res("azure:keyvault/keyVault:KeyVault", "kv", { resourceGroupName: "rg", tenantId: "t", skuName: "standard" });
            const open = runOn(pa.classicKeyVault, bare);
            assertFails(open, "PUBLIC-ACCESS", "publicNetworkAccessEnabled");
            assertFails(open, "PUBLIC-ACCESS", "networkAcls.defaultAction");
            assertFails(runOn(dp.classicKeyVault, bare), "DELETION-PROTECTION", "purgeProtectionEnabled");
            assertFails(runOn(lp.classicKeyVault, bare), "LEAST-PRIVILEGE", "rbacAuthorizationEnabled");
        });
        it("fail a short soft-delete window, bypass None, and an old spelling that says false beside a new one that says true", () => {
            assertFails(runOn(dp.classicKeyVault, keyVault({ softDeleteRetentionDays: 7 })), "DELETION-PROTECTION", "softDeleteRetentionDays");
            assertFails(runOn(pa.classicKeyVault, keyVault({ networkAcls: { defaultAction: "Deny", bypass: "None" } })), "PUBLIC-ACCESS", "networkAcls.bypass");
            assertFails(runOn(lp.classicKeyVault, keyVault({ enableRbacAuthorization: false })), "LEAST-PRIVILEGE", "enableRbacAuthorization");
            assertUnknown(runOn(dp.classicKeyVault, keyVault({ purgeProtectionEnabled: UNKNOWN })), "purgeProtectionEnabled");
            assertUnknown(runOn(lp.classicKeyVault, keyVault({ rbacAuthorizationEnabled: UNKNOWN })), "rbacAuthorizationEnabled");
        });
        it("azure-deletion-protection-classic-stateful-resource asks production stores for protect, not dev ones", () => {
            assertPasses(runOn(dp.classicStatefulResource, withProp(mssql(), "version", "12.0"), { environment: "prod" }));
            assertFails(runOn(dp.classicStatefulResource, res("azure:mssql/server:Server", "s", {}), { environment: "prod" }), "DELETION-PROTECTION", "opts.protect");
            assert.deepEqual(runOn(dp.classicStatefulResource, res("azure:mssql/server:Server", "s", {}), { environment: "dev" }), []);
        });
    });
});

/** A resource registered by its classic token, as @pulumi/azure's classes register theirs (the SDK is not installed here). */
class Classic extends pulumi.CustomResource {
    constructor(type: string, name: string, props: pulumi.Inputs) { super(type, name, props); }
}

describe("azure classic through Pulumi's mock runtime (relations by output, as a real program makes them)", () => {
    it("relates a CustomerManagedKey, a TDE and a diagnostic setting to their resources by the outputs they were built from", async () => {
        const r = await record(() => {
            const keyed = new Classic("azure:storage/account:Account", "keyed", { resourceGroupName: "rg", accountTier: "Standard", accountReplicationType: "GZRS", infrastructureEncryptionEnabled: true });
            new Classic("azure:storage/account:Account", "unkeyed", { resourceGroupName: "rg", accountTier: "Standard", accountReplicationType: "LRS", infrastructureEncryptionEnabled: true });
            new Classic("azure:storage/customerManagedKey:CustomerManagedKey", "cmk", { storageAccountId: keyed.id, keyVaultKeyId: "https://kv.vault.azure.net/keys/k" });
            const server = new Classic("azure:mssql/server:Server", "sql", { resourceGroupName: "rg", version: "12.0" });
            new Classic("azure:mssql/serverTransparentDataEncryption:ServerTransparentDataEncryption", "tde", { serverId: server.id, keyVaultKeyId: "https://kv.vault.azure.net/keys/k" });
            new Classic("azure:monitoring/diagnosticSetting:DiagnosticSetting", "blob-ds", {
                targetResourceId: pulumi.interpolate`${keyed.id}/blobServices/default`, logAnalyticsWorkspaceId: "law", enabledLogs: [{ categoryGroup: "audit" }],
            });
            new Classic("azure:mssql/firewallRule:FirewallRule", "everyone", { serverId: server.id, startIpAddress: "0.0.0.0", endIpAddress: "255.255.255.255" });
        });
        const findings = evaluate(allRules, r.policyResources).filter(f => f.enforcement === "mandatory" && !f.exempted);
        const named = (policy: string) => findings.filter(f => f.policy === policy).map(f => f.name).sort();
        assert.deepEqual(named("azure-enc-rest-cmk-classic-storage-account"), ["unkeyed"]);
        assert.deepEqual(named("azure-enc-rest-cmk-classic-mssql-server"), []);
        assert.deepEqual(named("azure-audit-log-classic-phi-resource"), ["unkeyed"]);
        assert.deepEqual(named("azure-public-access-classic-database-firewall-rule"), ["everyone"]);
        const { outcomes } = evaluateOutcomes(allRules, r.policyResources);
        const cmkPart = outcomes.find(o => o.name === "cmk" && o.policy === "azure-enc-rest-cmk-classic-storage-account");
        assert.equal(cmkPart?.outcome, "compliant", "the key is judged with the account it names");
    });
});
