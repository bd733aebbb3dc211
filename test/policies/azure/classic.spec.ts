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
import { assertNoFinding, assertOneViolation, assertOnlyUnknown, assertViolations, findingsOf, resource, withProp } from "../../support/policies";
import { rgId, tags } from "./baselines";

const KEY = "https://kv.vault.azure.net/keys/phi";
const UAI = `${rgId}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/cmk`;
const DES = `${rgId}/providers/Microsoft.Compute/diskEncryptionSets/des`;

// Named "phi" (its Pulumi name too): unnamed, the provider would name it "phi" plus a random suffix, which no id names.
const account = (props: Record<string, unknown> = {}, protect = true) => resource("azure:storage/account:Account", {
    name: "phi", resourceGroupName: "rg", location: "eastus", accountTier: "Standard", accountReplicationType: "GRS", tags,
    allowNestedItemsToBePublic: false, publicNetworkAccessEnabled: false, sharedAccessKeyEnabled: false, defaultToOauthAuthentication: true,
    infrastructureEncryptionEnabled: true, customerManagedKey: { keyVaultKeyId: KEY, userAssignedIdentityId: UAI },
    identity: { type: "UserAssigned", identityIds: [UAI] }, ...props,
}, { name: "phi", protect });
const keyVault = (props: Record<string, unknown> = {}) => resource("azure:keyvault/keyVault:KeyVault", {
    resourceGroupName: "rg", location: "eastus", tenantId: "t", skuName: "premium", tags,
    purgeProtectionEnabled: true, rbacAuthorizationEnabled: true, publicNetworkAccessEnabled: false,
    networkAcls: { defaultAction: "Deny", bypass: "AzureServices" }, ...props,
}, { name: "kv", protect: true });
const mssql = (props: Record<string, unknown> = {}) => resource("azure:mssql/server:Server", {
    resourceGroupName: "rg", location: "eastus", version: "12.0", publicNetworkAccessEnabled: false, transparentDataEncryptionKeyVaultKeyId: KEY,
    azureadAdministrator: { loginUsername: "phi-admins", objectId: "00000000-0000-0000-0000-0000000000bb", azureadAuthenticationOnly: true }, ...props,
}, { name: "sql", protect: true });
const pg = (props: Record<string, unknown> = {}) => resource("azure:postgresql/flexibleServer:FlexibleServer", {
    resourceGroupName: "rg", location: "eastus", version: "16", publicNetworkAccessEnabled: false,
    customerManagedKey: { keyVaultKeyId: KEY, primaryUserAssignedIdentityId: UAI },
    authentication: { activeDirectoryAuthEnabled: true, passwordAuthEnabled: false, tenantId: "t" }, ...props,
}, { name: "pg", protect: true });
const mysql = (props: Record<string, unknown> = {}) => resource("azure:mysql/flexibleServer:FlexibleServer", {
    resourceGroupName: "rg", location: "eastus", publicNetworkAccess: "Disabled", customerManagedKey: { keyVaultKeyId: KEY, primaryUserAssignedIdentityId: UAI }, ...props,
}, { name: "my", protect: true });
const linuxVm = (props: Record<string, unknown> = {}) => resource("azure:compute/linuxVirtualMachine:LinuxVirtualMachine", {
    resourceGroupName: "rg", location: "eastus", size: "Standard_B2s", adminUsername: "ops", networkInterfaceIds: ["nic"],
    adminSshKeys: [{ username: "ops", publicKey: "ssh-rsa AAAA" }], osDisk: { caching: "ReadWrite", storageAccountType: "Premium_LRS", diskEncryptionSetId: DES }, ...props,
}, { name: "vm" });

describe("azure classic (@pulumi/azure)", () => {
    describe("storage accounts", () => {
        it("pass a private, CMK-encrypted, Entra-only, HTTPS/TLS 1.2 account (every rule: azure-enc-transit-classic-storage-account, azure-public-access-classic-storage-account, azure-least-privilege-classic-storage-account, azure-enc-rest-cmk-classic-storage-account, azure-deletion-protection-classic-stateful-resource)", () => {
            for (const rule of [tls.classicStorageAccount, pa.classicStorageAccount, lp.classicStorageAccount, dp.classicStatefulResource]) assertNoFinding(findingsOf(rule, account(), { environment: "prod" }));
            assertNoFinding(findingsOf(cmk.classicStorageAccount, [account()]));
        });
        it("fail the defaults of a bare account: public containers and network, shared keys, no CMK, no double encryption, unprotected", () => {
            const bare = resource("azure:storage/account:Account", { resourceGroupName: "rg", accountTier: "Standard", accountReplicationType: "LRS" }, { name: "bare" });
            assertNoFinding(findingsOf(tls.classicStorageAccount, bare));
            const open = findingsOf(pa.classicStorageAccount, bare);
            assertViolations(open, ["allowNestedItemsToBePublic", "publicNetworkAccessEnabled"], { control: "PUBLIC-ACCESS" });
            assertViolations(findingsOf(lp.classicStorageAccount, bare), ["sharedAccessKeyEnabled", "defaultToOauthAuthentication"], { control: "LEAST-PRIVILEGE" });
            const key = findingsOf(cmk.classicStorageAccount, [bare]);
            assertViolations(key, ["customerManagedKey.keyVaultKeyId", "infrastructureEncryptionEnabled"], { control: "ENC-REST-CMK" });
            assertOneViolation(findingsOf(dp.classicStatefulResource, bare, { environment: "prod" }), "opts.protect", { control: "DELETION-PROTECTION" });
        });
        it("fail HTTP and TLS 1.0/1.1 under either SDK's spelling; a v5 false is not hidden by a v6 true", () => {
            assertOneViolation(findingsOf(tls.classicStorageAccount, account({ httpsTrafficOnlyEnabled: false })), "httpsTrafficOnlyEnabled", { control: "ENC-TRANSIT" });
            assertOneViolation(findingsOf(tls.classicStorageAccount, account({ enableHttpsTrafficOnly: "false" })), "enableHttpsTrafficOnly", { control: "ENC-TRANSIT" });
            assertOneViolation(findingsOf(tls.classicStorageAccount, account({ httpsTrafficOnlyEnabled: true, enableHttpsTrafficOnly: false })), "enableHttpsTrafficOnly", { control: "ENC-TRANSIT" });
            assertOneViolation(findingsOf(tls.classicStorageAccount, account({ httpsTrafficOnlyEnabled: 0 })), "httpsTrafficOnlyEnabled", { control: "ENC-TRANSIT" });
            for (const v of ["TLS1_0", "TLS1_1", " TLS1_2", "1.2", 1.2]) assertOneViolation(findingsOf(tls.classicStorageAccount, account({ minTlsVersion: v })), "minTlsVersion", { control: "ENC-TRANSIT" });
            assertNoFinding(findingsOf(tls.classicStorageAccount, account({ minTlsVersion: "tls1_2", httpsTrafficOnlyEnabled: "true" })));
            assertOnlyUnknown(findingsOf(tls.classicStorageAccount, account({ minTlsVersion: UNKNOWN })), "minTlsVersion");
            assertOnlyUnknown(findingsOf(tls.classicStorageAccount, account({ httpsTrafficOnlyEnabled: UNKNOWN })), "httpsTrafficOnlyEnabled");
        });
        it("fail public containers by @pulumi/azure 4's allowBlobPublicAccess, a network firewall that allows, and a value that is not false", () => {
            assertOneViolation(findingsOf(pa.classicStorageAccount, account({ allowBlobPublicAccess: true })), "allowBlobPublicAccess", { control: "PUBLIC-ACCESS" });
            assertOneViolation(findingsOf(pa.classicStorageAccount, account({ networkRules: { defaultAction: "Allow" } })), "networkRules.defaultAction", { control: "PUBLIC-ACCESS" });
            assertNoFinding(findingsOf(pa.classicStorageAccount, account({ networkRules: null })));
            assertOneViolation(findingsOf(pa.classicStorageAccount, account({ networkRules: { defaultAction: "Dеny" } })), "networkRules.defaultAction", { control: "PUBLIC-ACCESS" }); // a Cyrillic е
            assertOnlyUnknown(findingsOf(pa.classicStorageAccount, account({ networkRules: UNKNOWN })), "networkRules");
            // "False" (Terraform's conversion wants lowercase) and the near-miss "False " are not parsed by the provider, so never read as false (policies/lib/inputs.ts).
            assertNoFinding(findingsOf(pa.classicStorageAccount, account({ publicNetworkAccessEnabled: "false" })));
            for (const v of [0, "no", "False", "False ", "false\u200b", null]) {
                assertOneViolation(findingsOf(pa.classicStorageAccount, account({ publicNetworkAccessEnabled: v })), "publicNetworkAccessEnabled", { control: "PUBLIC-ACCESS" });
            }
            assertOnlyUnknown(findingsOf(pa.classicStorageAccount, account({ publicNetworkAccessEnabled: UNKNOWN })), "publicNetworkAccessEnabled");
        });
        it("azure-enc-rest-cmk-classic-storage-account takes a CustomerManagedKey naming the account, by dependency or id; one of an unknown account excuses one account only", () => {
            const a = account({ customerManagedKey: undefined });
            const key = (props: Record<string, unknown>, deps: string[] = []) => resource("azure:storage/customerManagedKey:CustomerManagedKey", { keyVaultKeyId: KEY, userAssignedIdentityId: UAI, ...props }, { name: "cmk", propertyDependencies: { storageAccountId: deps } });
            assertNoFinding(findingsOf(cmk.classicStorageAccount, [a, key({ storageAccountId: UNKNOWN }, [a.urn])]));
            assertNoFinding(findingsOf(cmk.classicStorageAccount, [a, key({ storageAccountId: `${rgId}/providers/Microsoft.Storage/storageAccounts/phi` })]));
            assertOneViolation(findingsOf(cmk.classicStorageAccount, [a, key({ storageAccountId: `${rgId}/providers/Microsoft.Storage/storageAccounts/other` })]), "customerManagedKey", { control: "ENC-REST-CMK" });
            assertOneViolation(findingsOf(cmk.classicStorageAccount, [a, key({ storageAccountId: a.urn, keyVaultKeyId: "" }, [a.urn])]), "customerManagedKey", { control: "ENC-REST-CMK" });
            const b = resource("azure:storage/account:Account", { ...a.props }, { name: "second" });
            const f = findingsOf(cmk.classicStorageAccount, [a, b, key({ storageAccountId: UNKNOWN })]);
            assert.equal(f.filter(x => x.unknown).length, 1, "one account excused as unknown");
            assert.equal(f.filter(x => !x.unknown).length, 1, "the other still a finding");
            assertOnlyUnknown(findingsOf(cmk.classicStorageAccount, [account({ customerManagedKey: { keyVaultKeyId: UNKNOWN, userAssignedIdentityId: UAI } })]), "customerManagedKey.keyVaultKeyId");
        });
        it("azure-public-access-classic-storage-network-rules and azure-public-access-classic-storage-container", () => {
            const rules = (defaultAction: unknown) => resource("azure:storage/accountNetworkRules:AccountNetworkRules", { storageAccountId: "x", defaultAction }, { name: "fw" });
            assertNoFinding(findingsOf(pa.classicStorageNetworkRules, rules("Deny")));
            assertOneViolation(findingsOf(pa.classicStorageNetworkRules, rules("Allow")), "defaultAction", { control: "PUBLIC-ACCESS" });
            assertOnlyUnknown(findingsOf(pa.classicStorageNetworkRules, rules(UNKNOWN)), "defaultAction");
            const container = (containerAccessType: unknown) => resource("azure:storage/container:Container", { storageAccountId: "x", containerAccessType }, { name: "c" });
            assertNoFinding(findingsOf(pa.classicStorageContainer, container(undefined)));
            assertNoFinding(findingsOf(pa.classicStorageContainer, container("private")));
            for (const v of ["blob", "container", "Container", "public"]) assertOneViolation(findingsOf(pa.classicStorageContainer, container(v)), "containerAccessType", { control: "PUBLIC-ACCESS" });
            assertOnlyUnknown(findingsOf(pa.classicStorageContainer, container(UNKNOWN)), "containerAccessType");
        });
        it("azure-least-privilege-classic-storage-account fails shared keys left on and OAuth not the default", () => {
            assertOneViolation(findingsOf(lp.classicStorageAccount, account({ sharedAccessKeyEnabled: undefined })), "sharedAccessKeyEnabled", { control: "LEAST-PRIVILEGE" });
            assertOneViolation(findingsOf(lp.classicStorageAccount, account({ defaultToOauthAuthentication: false })), "defaultToOauthAuthentication", { control: "LEAST-PRIVILEGE" });
            assertOnlyUnknown(findingsOf(lp.classicStorageAccount, account({ sharedAccessKeyEnabled: UNKNOWN })), "sharedAccessKeyEnabled");
        });
    });

    describe("storage account recovery and audit logs (azure-backup-versioning-classic-storage-account, azure-audit-log-classic-phi-resource, azure-audit-log-classic-diagnostic-setting)", () => {
        const recoverable = { blobProperties: { deleteRetentionPolicy: { days: 30 }, containerDeleteRetentionPolicy: {}, versioningEnabled: true, changeFeedEnabled: true } };
        it("passes soft delete, versions, change feed and geo replication; a Data Lake account needs no versions", () => {
            assertNoFinding(findingsOf(bv.classicStorageAccount, account(recoverable)));
            assertNoFinding(findingsOf(bv.classicStorageAccount, account({ isHnsEnabled: true, blobProperties: { deleteRetentionPolicy: {}, containerDeleteRetentionPolicy: { days: 7 } } })));
        });
        it("fails no soft delete, a short one, no versions and local replication", () => {
            const bare = findingsOf(bv.classicStorageAccount, account({ accountReplicationType: "LRS" }));
            assertViolations(bare, ["blobProperties.deleteRetentionPolicy", "blobProperties.containerDeleteRetentionPolicy", "blobProperties.versioningEnabled", "blobProperties.changeFeedEnabled", "accountReplicationType"], { control: "BACKUP-VERSIONING" });
            assertOneViolation(findingsOf(bv.classicStorageAccount, account({ blobProperties: { ...recoverable.blobProperties, deleteRetentionPolicy: { days: 1 } } })), "deleteRetentionPolicy.days", { control: "BACKUP-VERSIONING" });
            assertOnlyUnknown(findingsOf(bv.classicStorageAccount, account({ ...recoverable, accountReplicationType: UNKNOWN })), "accountReplicationType");
            // Soft delete whose versions may be purged at once recovers nothing.
            assertOneViolation(findingsOf(bv.classicStorageAccount, account({ blobProperties: { ...recoverable.blobProperties, deleteRetentionPolicy: { days: 30, permanentDeleteEnabled: true } } })),
                "deleteRetentionPolicy.permanentDeleteEnabled", { control: "BACKUP-VERSIONING" });
        });
        const ds = (targetResourceId: unknown, deps: string[] = [], props: Record<string, unknown> = {}) => resource("azure:monitoring/diagnosticSetting:DiagnosticSetting", { targetResourceId, logAnalyticsWorkspaceId: "law", enabledLogs: [{ categoryGroup: "audit" }], ...props }, { name: "ds", propertyDependencies: { targetResourceId: deps } });
        const blobId = `${rgId}/providers/Microsoft.Storage/storageAccounts/phi/blobServices/default`;
        it("asks every classic PHI store for logs: the account's blob service, by id or dependency", () => {
            const a = account(), kv = keyVault();
            assertNoFinding(findingsOf(al.classicPhiResourceCoverage, [a, kv, ds(blobId), ds(`${rgId}/providers/Microsoft.KeyVault/vaults/x`, [kv.urn])]));
            assertOneViolation(findingsOf(al.classicPhiResourceCoverage, [a]), "blobServices/default", { control: "AUDIT-LOG" });
            // A setting on the account itself logs no data access.
            assertOneViolation(findingsOf(al.classicPhiResourceCoverage, [a, ds(`${rgId}/providers/Microsoft.Storage/storageAccounts/phi`)]), "blobServices/default", { control: "AUDIT-LOG" });
            // One without logs covers nothing.
            assertOneViolation(findingsOf(al.classicPhiResourceCoverage, [a, ds(blobId, [], { enabledLogs: [] })]), "blobServices/default", { control: "AUDIT-LOG" });
            assertOnlyUnknown(findingsOf(al.classicPhiResourceCoverage, [a, ds(UNKNOWN, [a.urn])]), "DiagnosticSetting.targetResourceId");
        });
        it("reads @pulumi/azure 5's logs[].enabled as the bridge does: \"1\" collects, \"yes\" and \" true \" do not", () => {
            const kv = keyVault();
            const kvSetting = (enabled: unknown) => ds(`${rgId}/providers/Microsoft.KeyVault/vaults/x`, [kv.urn], { enabledLogs: undefined, logs: [{ category: "AuditEvent", enabled }] });
            for (const enabled of [true, "true", "1"]) assertNoFinding(findingsOf(al.classicPhiResourceCoverage, [kv, kvSetting(enabled)]));
            for (const enabled of ["yes", " true ", "TRUE", 1, false, "0"]) {
                assertOneViolation(findingsOf(al.classicPhiResourceCoverage, [kv, kvSetting(enabled)]), "DiagnosticSetting.targetResourceId", { control: "AUDIT-LOG" });
            }
        });
        it("judges the classic diagnostic setting itself", () => {
            assertNoFinding(findingsOf(al.classicDiagnosticSetting, ds(blobId)));
            assertOneViolation(findingsOf(al.classicDiagnosticSetting, ds(blobId, [], { enabledLogs: [{ category: "StorageRead" }] })), "enabledLogs", { control: "AUDIT-LOG" });
            assertOneViolation(findingsOf(al.classicDiagnosticSetting, ds(blobId, [], { logAnalyticsWorkspaceId: undefined })), "logAnalyticsWorkspaceId", { control: "AUDIT-LOG" });
            assertOnlyUnknown(findingsOf(al.classicDiagnosticSetting, ds(blobId, [], { enabledLogs: UNKNOWN })), "enabledLogs");
        });
    });

    describe("network security rules and groups (azure-network-private-security-rule, azure-network-private-network-security-group)", () => {
        const rule = (props: Record<string, unknown>) => resource("azure:network/networkSecurityRule:NetworkSecurityRule", {
            resourceGroupName: "rg", networkSecurityGroupName: "nsg", name: "ssh", priority: 100, direction: "Inbound", access: "Allow",
            protocol: "Tcp", sourcePortRange: "*", destinationPortRange: "22", sourceAddressPrefix: "10.0.0.0/8", destinationAddressPrefix: "*", ...props,
        }, { name: "ssh" });
        it("pass SSH from a private range, fail it from the internet in any spelling", () => {
            assertNoFinding(findingsOf(np.securityRule, rule({})));
            for (const src of ["*", "Internet", "0.0.0.0/0", "0/0"]) assertOneViolation(findingsOf(np.securityRule, rule({ sourceAddressPrefix: src })), "sourceAddressPrefix", { control: "NETWORK-PRIVATE" });
            assertOneViolation(findingsOf(np.securityRule, rule({ sourceAddressPrefix: undefined, sourceAddressPrefixes: ["0.0.0.0/1", "128.0.0.0/1"] })), "sourceAddressPrefixes", { control: "NETWORK-PRIVATE" });
            assertOnlyUnknown(findingsOf(np.securityRule, rule({ sourceAddressPrefix: UNKNOWN })), "sourceAddressPrefix");
        });
        it("judge inline rules of a classic NSG", () => {
            const nsg = (securityRules: unknown) => resource("azure:network/networkSecurityGroup:NetworkSecurityGroup", { resourceGroupName: "rg", securityRules }, { name: "nsg" });
            assertNoFinding(findingsOf(np.networkSecurityGroup, nsg([rule({}).props])));
            assertOneViolation(findingsOf(np.networkSecurityGroup, nsg([rule({ destinationPortRange: "3389", sourceAddressPrefix: "Internet" }).props])), "securityRules[0].sourceAddressPrefix", { control: "NETWORK-PRIVATE" });
            assertOnlyUnknown(findingsOf(np.networkSecurityGroup, nsg(UNKNOWN)), "securityRules");
        });
    });

    describe("virtual machines and disks", () => {
        it("azure-identity-authn-classic-linux-virtual-machine: SSH keys pass; password sign-in or a written password fail, the password never shown", () => {
            assertNoFinding(findingsOf(ia.classicLinuxVirtualMachine, linuxVm()));
            const f = findingsOf(ia.classicLinuxVirtualMachine, linuxVm({ disablePasswordAuthentication: false, adminPassword: "Hunter2!x" }));
            assertViolations(f, ["disablePasswordAuthentication", "adminPassword"], { control: "IDENTITY-AUTHN" });
            assert.ok(f.every(x => !x.message.includes("Hunter2!x")));
            assertOneViolation(findingsOf(ia.classicLinuxVirtualMachine, linuxVm({ disablePasswordAuthentication: "no" })), "disablePasswordAuthentication", { control: "IDENTITY-AUTHN" });
            assertOnlyUnknown(findingsOf(ia.classicLinuxVirtualMachine, linuxVm({ disablePasswordAuthentication: UNKNOWN })), "disablePasswordAuthentication");
        });
        it("judges the legacy compute VirtualMachine's Linux config, and says why a Windows one is not this rule's", () => {
            const legacy = (props: Record<string, unknown>) => resource("azure:compute/virtualMachine:VirtualMachine", { resourceGroupName: "rg", vmSize: "Standard_B2s", ...props }, { name: "old" });
            assertNoFinding(findingsOf(ia.classicLinuxVirtualMachine, legacy({ osProfile: { adminUsername: "ops", computerName: "old" }, osProfileLinuxConfig: { disablePasswordAuthentication: true } })));
            assertViolations(findingsOf(ia.classicLinuxVirtualMachine, legacy({ osProfile: { adminUsername: "ops", adminPassword: "pw", computerName: "old" }, osProfileLinuxConfig: { disablePasswordAuthentication: false } })), ["osProfileLinuxConfig.disablePasswordAuthentication", "osProfile.adminPassword"], { control: "IDENTITY-AUTHN" });
            assertOneViolation(findingsOf(ia.classicLinuxVirtualMachine, legacy({ osProfile: { adminUsername: "ops" } })), "osProfileLinuxConfig.disablePasswordAuthentication", { control: "IDENTITY-AUTHN" });
            assertNoFinding(findingsOf(ia.classicLinuxVirtualMachine, legacy({ osProfile: { adminUsername: "ops", adminPassword: "pw" }, osProfileWindowsConfig: {} })));
        });
        it("azure-enc-rest-cmk-classic-virtual-machine and azure-enc-rest-cmk-classic-managed-disk: a disk encryption set, on the OS disk or the disk", () => {
            assertNoFinding(findingsOf(cmk.classicVirtualMachine, linuxVm()));
            assertOneViolation(findingsOf(cmk.classicVirtualMachine, linuxVm({ osDisk: { caching: "ReadWrite" } })), "osDisk.diskEncryptionSetId", { control: "ENC-REST-CMK" });
            const win = resource("azure:compute/windowsVirtualMachine:WindowsVirtualMachine", { osDisk: { caching: "ReadWrite", diskEncryptionSetId: "" } }, { name: "win" });
            assertOneViolation(findingsOf(cmk.classicVirtualMachine, win), "osDisk.diskEncryptionSetId", { control: "ENC-REST-CMK" });
            assertOnlyUnknown(findingsOf(cmk.classicVirtualMachine, linuxVm({ osDisk: { caching: "ReadWrite", diskEncryptionSetId: UNKNOWN } })), "osDisk.diskEncryptionSetId");
            const legacy = (storageOsDisk: unknown) => resource("azure:compute/virtualMachine:VirtualMachine", { storageOsDisk }, { name: "old" });
            assertOneViolation(findingsOf(cmk.classicVirtualMachine, legacy({ name: "os", createOption: "FromImage" })), "storageOsDisk.managedDiskId", { control: "ENC-REST-CMK" });
            assertNoFinding(findingsOf(cmk.classicVirtualMachine, legacy({ name: "os", createOption: "Attach", managedDiskId: "d" })));
            const disk = (props: Record<string, unknown>) => resource("azure:compute/managedDisk:ManagedDisk", { storageAccountType: "Premium_LRS", createOption: "Empty", ...props }, { name: "data" });
            assertNoFinding(findingsOf(cmk.classicManagedDisk, disk({ diskEncryptionSetId: DES })));
            assertOneViolation(findingsOf(cmk.classicManagedDisk, disk({})), "diskEncryptionSetId", { control: "ENC-REST-CMK" });
            assertOnlyUnknown(findingsOf(cmk.classicManagedDisk, disk({ diskEncryptionSetId: UNKNOWN })), "diskEncryptionSetId");
        });
    });

    describe("database servers", () => {
        it("pass private, CMK, Entra-only servers (azure-public-access-classic-database-server, azure-public-access-classic-mysql-flexible-server, azure-enc-rest-cmk-classic-mssql-server, azure-enc-rest-cmk-classic-flexible-server, azure-identity-authn-classic-mssql-server, azure-identity-authn-classic-postgresql-flexible-server, azure-enc-transit-classic-mssql-server)", () => {
            for (const s of [mssql(), pg()]) assertNoFinding(findingsOf(pa.classicDatabaseServer, s));
            assertNoFinding(findingsOf(pa.classicMysqlServer, mysql()));
            assertNoFinding(findingsOf(pa.classicMysqlServer, mysql({ publicNetworkAccess: undefined, delegatedSubnetId: "subnet" })));
            assertNoFinding(findingsOf(cmk.classicSqlServer, [mssql()]));
            for (const s of [pg(), mysql()]) assertNoFinding(findingsOf(cmk.classicFlexibleServer, s));
            assertNoFinding(findingsOf(ia.classicSqlServer, mssql()));
            assertNoFinding(findingsOf(ia.classicPostgresFlexibleServer, pg()));
            assertNoFinding(findingsOf(tls.classicSqlServer, mssql()));
        });
        it("fail the defaults: public network, no CMK, SQL passwords written", () => {
            const sql = resource("azure:mssql/server:Server", { resourceGroupName: "rg", version: "12.0", administratorLogin: "a", administratorLoginPassword: "pw-secret-1" }, { name: "sql" });
            assertOneViolation(findingsOf(pa.classicDatabaseServer, sql), "publicNetworkAccessEnabled", { control: "PUBLIC-ACCESS" });
            assertOneViolation(findingsOf(cmk.classicSqlServer, [sql]), "transparentDataEncryptionKeyVaultKeyId", { control: "ENC-REST-CMK" });
            const auth = findingsOf(ia.classicSqlServer, sql);
            assertViolations(auth, ["azureadAdministrator.azureadAuthenticationOnly", "administratorLoginPassword"], { control: "IDENTITY-AUTHN" });
            assert.ok(auth.every(f => !f.message.includes("pw-secret-1")));
            const p = resource("azure:postgresql/flexibleServer:FlexibleServer", { resourceGroupName: "rg", administratorLogin: "a", administratorPassword: "pw" }, { name: "pg" });
            assertOneViolation(findingsOf(pa.classicDatabaseServer, p), "publicNetworkAccessEnabled", { control: "PUBLIC-ACCESS" });
            assertOneViolation(findingsOf(cmk.classicFlexibleServer, p), "customerManagedKey.keyVaultKeyId", { control: "ENC-REST-CMK" });
            const pAuth = findingsOf(ia.classicPostgresFlexibleServer, p);
            assertViolations(pAuth, ["authentication.activeDirectoryAuthEnabled", "authentication.passwordAuthEnabled", "administratorPassword"], { control: "IDENTITY-AUTHN" });
            assertOneViolation(findingsOf(pa.classicMysqlServer, mysql({ publicNetworkAccess: "Enabled" })), "publicNetworkAccess", { control: "PUBLIC-ACCESS" });
            assertOneViolation(findingsOf(pa.classicMysqlServer, mysql({ publicNetworkAccess: undefined })), "publicNetworkAccess", { control: "PUBLIC-ACCESS" });
            assertOneViolation(findingsOf(tls.classicSqlServer, mssql({ minimumTlsVersion: "Disabled" })), "minimumTlsVersion", { control: "ENC-TRANSIT" });
            assertOneViolation(findingsOf(tls.classicSqlServer, mssql({ minimumTlsVersion: "1.0" })), "minimumTlsVersion", { control: "ENC-TRANSIT" });
        });
        it("report unknown values as unknown, never compliant", () => {
            assertOnlyUnknown(findingsOf(pa.classicDatabaseServer, pg({ publicNetworkAccessEnabled: UNKNOWN })), "publicNetworkAccessEnabled");
            assertOnlyUnknown(findingsOf(pa.classicMysqlServer, mysql({ publicNetworkAccess: UNKNOWN })), "publicNetworkAccess");
            assertOnlyUnknown(findingsOf(cmk.classicFlexibleServer, pg({ customerManagedKey: UNKNOWN })), "customerManagedKey.keyVaultKeyId");
            assertOnlyUnknown(findingsOf(ia.classicSqlServer, mssql({ azureadAdministrator: UNKNOWN })), "azureadAdministrator");
            assertOnlyUnknown(findingsOf(tls.classicSqlServer, mssql({ minimumTlsVersion: UNKNOWN })), "minimumTlsVersion");
        });
        it("azure-enc-rest-cmk-classic-mssql-server takes a ServerTransparentDataEncryption naming the server", () => {
            const s = mssql({ transparentDataEncryptionKeyVaultKeyId: undefined });
            const tde = (keyVaultKeyId: unknown) => resource("azure:mssql/serverTransparentDataEncryption:ServerTransparentDataEncryption", { serverId: "x", keyVaultKeyId }, { name: "tde", propertyDependencies: { serverId: [s.urn] } });
            assertNoFinding(findingsOf(cmk.classicSqlServer, [s, tde(KEY)]));
            assertOneViolation(findingsOf(cmk.classicSqlServer, [s, tde(undefined)]), "transparentDataEncryptionKeyVaultKeyId", { control: "ENC-REST-CMK" });
        });
        it("azure-enc-transit-classic-postgresql-server: SSL enforced with TLS 1.2", () => {
            const single = (props: Record<string, unknown>) => resource("azure:postgresql/server:Server", { resourceGroupName: "rg", skuName: "GP_Gen5_2", version: "11", sslEnforcementEnabled: true, ...props }, { name: "pg1" });
            assertNoFinding(findingsOf(tls.classicPostgresServer, single({})));
            assertOneViolation(findingsOf(tls.classicPostgresServer, single({ sslEnforcementEnabled: false })), "sslEnforcementEnabled", { control: "ENC-TRANSIT" });
            assertOneViolation(findingsOf(tls.classicPostgresServer, single({ sslMinimalTlsVersionEnforced: "TLSEnforcementDisabled" })), "sslMinimalTlsVersionEnforced", { control: "ENC-TRANSIT" });
            assertOnlyUnknown(findingsOf(tls.classicPostgresServer, single({ sslEnforcementEnabled: UNKNOWN })), "sslEnforcementEnabled");
        });
        it("azure-enc-transit-classic-server-configuration: require_secure_transport OFF and TLS 1.0/1.1 fail; other parameters are not its kind", () => {
            const conf = (name: unknown, value: unknown, type = "azure:postgresql/flexibleServerConfiguration:FlexibleServerConfiguration") => resource(type, { serverId: "s", name, value }, { name: "p" });
            assertNoFinding(findingsOf(tls.classicServerConfiguration, conf("require_secure_transport", "on")));
            assertNoFinding(findingsOf(tls.classicServerConfiguration, conf("ssl_min_protocol_version", "TLSv1.2")));
            assertNoFinding(findingsOf(tls.classicServerConfiguration, conf("tls_version", "TLSv1.2,TLSv1.3", "azure:mysql/flexibleServerConfiguration:FlexibleServerConfiguration")));
            assertOneViolation(findingsOf(tls.classicServerConfiguration, conf("require_secure_transport", "OFF")), "value", { control: "ENC-TRANSIT" });
            assertOneViolation(findingsOf(tls.classicServerConfiguration, conf("Require_Secure_Transport", "off", "azure:mysql/flexibleServerConfiguration:FlexibleServerConfiguration")), "value", { control: "ENC-TRANSIT" });
            assertOneViolation(findingsOf(tls.classicServerConfiguration, conf("ssl_min_protocol_version", "TLSv1.1")), "value", { control: "ENC-TRANSIT" });
            assertOneViolation(findingsOf(tls.classicServerConfiguration, conf("tls_version", "TLSv1.2,TLSv1.1", "azure:mysql/flexibleServerConfiguration:FlexibleServerConfiguration")), "value", { control: "ENC-TRANSIT" });
            assertOneViolation(findingsOf(tls.classicServerConfiguration, conf("require_secure_transport", 0)), "value", { control: "ENC-TRANSIT" });
            assertOnlyUnknown(findingsOf(tls.classicServerConfiguration, conf("require_secure_transport", UNKNOWN)), "value");
            assertOnlyUnknown(findingsOf(tls.classicServerConfiguration, conf(UNKNOWN, "OFF")), "name");
            assertNoFinding(findingsOf(tls.classicServerConfiguration, conf("work_mem", "4MB")));
        });
        it("azure-public-access-classic-database-firewall-rule: the internet and 'allow Azure services' fail, a narrow range passes", () => {
            const fw = (startIpAddress: unknown, endIpAddress: unknown, type = "azure:mssql/firewallRule:FirewallRule") => resource(type, { serverId: "s", startIpAddress, endIpAddress }, { name: "fw" });
            assertNoFinding(findingsOf(pa.classicFirewallRule, fw("203.0.113.10", "203.0.113.20")));
            assertNoFinding(findingsOf(pa.classicFirewallRule, fw("10.0.0.0", "10.255.255.255")));
            for (const type of ["azure:postgresql/flexibleServerFirewallRule:FlexibleServerFirewallRule", "azure:mysql/flexibleServerFirewallRule:FlexibleServerFirewallRule", "azure:sql/firewallRule:FirewallRule"]) {
                assertOneViolation(findingsOf(pa.classicFirewallRule, fw("0.0.0.0", "255.255.255.255", type)), "startIpAddress", { control: "PUBLIC-ACCESS" });
            }
            assertOneViolation(findingsOf(pa.classicFirewallRule, fw("0.0.0.0", "0.0.0.0")), "startIpAddress", { control: "PUBLIC-ACCESS" });
            assertOneViolation(findingsOf(pa.classicFirewallRule, fw("1.0.0.0", "126.255.255.255")), "startIpAddress", { control: "PUBLIC-ACCESS" });
            assertOneViolation(findingsOf(pa.classicFirewallRule, fw("255.255.255.255", "0.0.0.1")), "startIpAddress", { control: "PUBLIC-ACCESS" });
            assertOneViolation(findingsOf(pa.classicFirewallRule, fw("000.0.0.0", "255.255.255.255")), "startIpAddress", { control: "PUBLIC-ACCESS" });
            assertOneViolation(findingsOf(pa.classicFirewallRule, fw("any", "any")), "startIpAddress", { control: "PUBLIC-ACCESS" });
            assertOneViolation(findingsOf(pa.classicFirewallRule, fw(0, 4294967295)), "startIpAddress", { control: "PUBLIC-ACCESS" });
            assertOnlyUnknown(findingsOf(pa.classicFirewallRule, fw(UNKNOWN, "255.255.255.255")), "startIpAddress");
            assertOnlyUnknown(findingsOf(pa.classicFirewallRule, fw(`10.0.0.${UNKNOWN_STRING}`, "10.0.0.1")), "startIpAddress");
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
            for (const rule of [pa.classicKeyVault, dp.classicKeyVault, lp.classicKeyVault]) assertNoFinding(findingsOf(rule, keyVault()));
            assertNoFinding(findingsOf(lp.classicKeyVault, keyVault({ rbacAuthorizationEnabled: undefined, enableRbacAuthorization: true })));
        });
        it("fail the defaults of a bare vault", () => {
            const bare = resource("azure:keyvault/keyVault:KeyVault", { resourceGroupName: "rg", tenantId: "t", skuName: "standard" }, { name: "kv" });
            const open = findingsOf(pa.classicKeyVault, bare);
            assertViolations(open, ["publicNetworkAccessEnabled", "networkAcls.defaultAction"], { control: "PUBLIC-ACCESS" });
            assertOneViolation(findingsOf(dp.classicKeyVault, bare), "purgeProtectionEnabled", { control: "DELETION-PROTECTION" });
            assertOneViolation(findingsOf(lp.classicKeyVault, bare), "rbacAuthorizationEnabled", { control: "LEAST-PRIVILEGE" });
        });
        it("fail a short soft-delete window, bypass None, and an old spelling that says false beside a new one that says true", () => {
            assertOneViolation(findingsOf(dp.classicKeyVault, keyVault({ softDeleteRetentionDays: 7 })), "softDeleteRetentionDays", { control: "DELETION-PROTECTION" });
            assertOneViolation(findingsOf(pa.classicKeyVault, keyVault({ networkAcls: { defaultAction: "Deny", bypass: "None" } })), "networkAcls.bypass", { control: "PUBLIC-ACCESS" });
            assertOneViolation(findingsOf(lp.classicKeyVault, keyVault({ enableRbacAuthorization: false })), "enableRbacAuthorization", { control: "LEAST-PRIVILEGE" });
            assertOnlyUnknown(findingsOf(dp.classicKeyVault, keyVault({ purgeProtectionEnabled: UNKNOWN })), "purgeProtectionEnabled");
            assertOnlyUnknown(findingsOf(lp.classicKeyVault, keyVault({ rbacAuthorizationEnabled: UNKNOWN })), "rbacAuthorizationEnabled");
        });
        it("azure-deletion-protection-classic-stateful-resource asks production stores for protect, not dev ones", () => {
            assertNoFinding(findingsOf(dp.classicStatefulResource, withProp(mssql(), "version", "12.0"), { environment: "prod" }));
            assertOneViolation(findingsOf(dp.classicStatefulResource, resource("azure:mssql/server:Server", {}, { name: "s" }), { environment: "prod" }), "opts.protect", { control: "DELETION-PROTECTION" });
            assertNoFinding(findingsOf(dp.classicStatefulResource, resource("azure:mssql/server:Server", {}, { name: "s" }), { environment: "dev" }));
        });
    });
});

/** A resource registered by its classic token, as @pulumi/azure's classes register theirs (the SDK is not installed here). */
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
