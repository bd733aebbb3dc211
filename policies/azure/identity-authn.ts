// IDENTITY-AUTHN on Azure: Entra ID is the only way in (CONTROLS.md 1b). Synapse with Entra-only
// authentication refuses SQL logins; HDInsight's Enterprise Security Package joins the cluster to
// Entra Domain Services so that users sign in with their own identity (Kerberos inside).
import { armReads, terraformReads, equalsAnyIgnoreCase } from "../lib/inputs";
import { expect, resourceRule, Rule, writtenSecret, notApplicable } from "../lib/rule";
import { appInsightsTypes, cosmosAccountTypes, messagingNamespaceTypes, redisTypes, T, inProfile, machineProfile } from "./support/tokens";
import { get, isUnknown, UNKNOWN } from "../lib/values";
import { C } from "./support/classic";

const controls = ["IDENTITY-AUTHN"] as const;

export const synapseWorkspace = resourceRule({
    name: "azure-identity-authn-synapse-workspace", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.synapseWorkspace],
    description: "A Synapse workspace accepts Microsoft Entra ID authentication only (SQL logins refused).",
    remediation: "Set azureADOnlyAuthentication true.",
    check: r => expect(r.props, "azureADOnlyAuthentication", armReads.on, "true"),
});

/**
 * A Synapse workspace's SQL administrator (WorkspaceAadAdmin, and WorkspaceSqlAadAdmin of the same
 * shape): an Entra ID principal, named by its object id in the workspace's tenant, so that the most
 * powerful SQL identity signs in through Entra ID (MFA, conditional access, its sign-in log) like any other.
 */
export const synapseAadAdmin = resourceRule({
    name: "azure-identity-authn-synapse-aad-admin", cloud: "azure", controls: [...controls], severity: "high",
    types: ["azure-native:synapse:WorkspaceAadAdmin", "azure-native:synapse:WorkspaceSqlAadAdmin"],
    description: "A Synapse workspace's SQL administrator is a Microsoft Entra ID principal (administratorType ActiveDirectory, its object id and tenant).",
    remediation: "Set administratorType \"ActiveDirectory\", sid to the object id of an Entra user or group, and tenantId to the workspace's tenant.",
    check: r => [
        ...expect(r.props, "administratorType", v => equalsAnyIgnoreCase(v, "ActiveDirectory"), "\"ActiveDirectory\""),
        ...expect(r.props, "sid", isGuid, "the object id (a GUID) of an Entra user or group"),
        ...expect(r.props, "tenantId", isGuid, "the tenant id (a GUID)"),
    ],
});

/** An Entra object or tenant id: a GUID as Entra writes it (a name or an email is not one). */
function isGuid(v: unknown): boolean {
    return typeof v === "string" && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);
}

export const hdinsightCluster = resourceRule({
    name: "azure-identity-authn-hdinsight-cluster", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.hdinsightCluster],
    description: "An HDInsight cluster uses the Enterprise Security Package (directory type ActiveDirectory).",
    remediation: "Set properties.securityProfile with directoryType \"ActiveDirectory\", the domain, aaddsResourceId and msiResourceId.",
    check: r => expect(r.props, "properties.securityProfile.directoryType", v => equalsAnyIgnoreCase(v, "ActiveDirectory"), "\"ActiveDirectory\""),
});

/**
 * The standalone Entra-only setting of a SQL server or managed instance: deployed after the server, it decides
 * what the server's inline `administrators.azureADOnlyAuthentication` said (false turned SQL logins back on while
 * the server passed).
 */
export const entraOnlySetting = resourceRule({
    name: "azure-identity-authn-entra-only-setting", cloud: "azure", controls: [...controls], severity: "high",
    types: ["azure-native:sql:ServerAzureADOnlyAuthentication", "azure-native:sql:ManagedInstanceAzureADOnlyAuthentication"],
    description: "A standalone Entra-only authentication setting of an Azure SQL server or managed instance keeps SQL logins refused.",
    remediation: "Set azureADOnlyAuthentication true (or remove the resource and set administrators.azureADOnlyAuthentication true on the server).",
    check: r => expect(r.props, "azureADOnlyAuthentication", armReads.on, "true (false accepts SQL logins)"),
});

export const sqlServer = resourceRule({
    name: "azure-identity-authn-sql-server", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.sqlServer],
    description: "An Azure SQL server accepts Microsoft Entra ID authentication only; no SQL admin password is written in the program or its state.",
    remediation: "Set administrators with azureADOnlyAuthentication true (and an Entra admin), and remove administratorLoginPassword.",
    check: r => [
        ...expect(r.props, "administrators.azureADOnlyAuthentication", armReads.on, "true"),
        ...writtenSecret(r.props, "administratorLoginPassword", "unset (Entra ID only)"),
    ],
});

export const cosmosAccount = resourceRule({
    name: "azure-identity-authn-cosmosdb-account", cloud: "azure", controls: [...controls], severity: "high",
    types: cosmosAccountTypes,
    description: "A Cosmos DB account refuses its shared account keys: callers sign in with Entra ID and data-plane RBAC.",
    remediation: "Set disableLocalAuth true and grant Cosmos DB data-plane roles to the callers' identities.",
    check: r => expect(r.props, "disableLocalAuth", armReads.on, "true"),
});

/** Whether a VM's OS is Windows by what the program says of it (an OS type, a Windows config or a Windows image). */
function windowsVm(props: Record<string, unknown>): boolean {
    // Microsoft's own Windows publishers (MicrosoftWindowsServer, MicrosoftWindowsDesktop) and osType "Windows", exactly:
    // a Linux image whose name merely contains "windows" is judged as Linux.
    const publisher = get(props, "storageProfile.imageReference.publisher"), osType = get(props, "storageProfile.osDisk.osType");
    const words = [typeof publisher === "string" && /^MicrosoftWindows(Server|Desktop)$/i.test(publisher) ? "windows" : undefined, equalsAnyIgnoreCase(osType, "Windows") ? "windows" : undefined];
    // Only what is known says Windows: an osProfile unknown at preview is judged as it comes, never let off.
    const config = get(props, "osProfile.windowsConfiguration");
    return (config !== undefined && config !== null && !isUnknown(config)) || words.some(w => w === "windows");
}

/**
 * A Linux VM (or scale set: its virtualMachineProfile) signs in with SSH keys or Entra ID, never a password; and
 * no admin password is written in the program or its state. A Windows VM is not judged here (Azure requires its
 * local administrator password; Entra sign-in is the AADLoginForWindows extension, a resource of its own). A VM
 * without an osProfile attaches an existing OS disk and creates no account.
 */
export const virtualMachine = resourceRule({
    name: "azure-identity-authn-virtual-machine", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.virtualMachine, T.vmScaleSet],
    description: "A Linux virtual machine or scale set refuses password sign-in (SSH keys or Entra ID only), and no admin password is written in the program or its state.",
    remediation: "Set osProfile.linuxConfiguration.disablePasswordAuthentication true with ssh.publicKeys, and remove osProfile.adminPassword (under virtualMachineProfile for a scale set).",
    check: r => {
        const m = machineProfile(r);
        if (m === UNKNOWN) return [{ property: "virtualMachineProfile", found: UNKNOWN, wanted: "SSH keys, no password" }];
        if (windowsVm(m.props)) return notApplicable("a Windows VM: Azure requires its local administrator password; Entra sign-in is the AADLoginForWindows extension");
        const profile = m.props.osProfile;
        if (isUnknown(profile)) return inProfile(m.prefix, [{ property: "osProfile", found: profile, wanted: "SSH keys, no password" }]);
        if (profile === undefined || profile === null) return [];
        return inProfile(m.prefix, [
            ...expect(m.props, "osProfile.linuxConfiguration.disablePasswordAuthentication", armReads.onOrUnset, "true"),
            ...writtenSecret(profile as Record<string, unknown>, "adminPassword", "unset (SSH keys only)").map(v => ({ ...v, property: "osProfile.adminPassword" })),
        ]);
    },
});

export const postgresFlexibleServer = resourceRule({
    name: "azure-identity-authn-postgresql-flexible-server", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.postgresFlexible],
    description: "A PostgreSQL flexible server accepts Microsoft Entra ID authentication only; no admin password is written in the program or its state.",
    remediation: "Set authConfig {activeDirectoryAuth: \"Enabled\", passwordAuth: \"Disabled\", tenantId} and remove administratorLoginPassword.",
    check: r => [
        // Unset: password on and Entra off (Azure's defaults for a new server).
        ...expect(r.props, "authConfig.activeDirectoryAuth", v => equalsAnyIgnoreCase(v, "Enabled"), "\"Enabled\""),
        ...expect(r.props, "authConfig.passwordAuth", v => equalsAnyIgnoreCase(v, "Disabled"), "\"Disabled\" (unset is Enabled)"),
        ...writtenSecret(r.props, "administratorLoginPassword", "unset (Entra ID only)"),
    ],
});

/** Redis access keys are shared secrets: Entra ID (data access policies) instead. */
export const redisCache = resourceRule({
    name: "azure-identity-authn-redis-cache", cloud: "azure", controls: [...controls], severity: "high",
    types: redisTypes,
    description: "An Azure Cache for Redis refuses its shared access keys: clients sign in with Microsoft Entra ID.",
    remediation: "Set disableAccessKeyAuthentication true and redisConfiguration.aadEnabled \"true\", and assign data access policies to the clients' identities.",
    check: r => expect(r.props, "disableAccessKeyAuthentication", armReads.on, "true (unset keeps access keys)"),
});

export const aksCluster = resourceRule({
    name: "azure-identity-authn-aks-cluster", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.aksCluster],
    description: "An AKS cluster signs users in with Microsoft Entra ID and Azure RBAC only (local accounts, whose admin credential bypasses Entra, disabled).",
    remediation: "Set disableLocalAccounts true and aadProfile {managed: true, enableAzureRBAC: true}.",
    check: r => [
        ...expect(r.props, "disableLocalAccounts", armReads.on, "true (unset keeps the local admin account)"),
        ...expect(r.props, "aadProfile.managed", armReads.on, "true"),
        ...expect(r.props, "aadProfile.enableAzureRBAC", armReads.on, "true"),
    ],
});

export const containerRegistry = resourceRule({
    name: "azure-identity-authn-container-registry", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.registry],
    description: "A container registry's admin user (a shared username and password) is disabled: pushes and pulls sign in with Entra ID.",
    remediation: "Leave adminUserEnabled unset or false, and grant AcrPull/AcrPush to the identities that need them.",
    check: r => expect(r.props, "adminUserEnabled", armReads.offOrUnset, "false (the default)"),
});

export const messagingNamespace = resourceRule({
    name: "azure-identity-authn-messaging-namespace", cloud: "azure", controls: [...controls], severity: "high",
    types: messagingNamespaceTypes,
    description: "An Event Hubs or Service Bus namespace refuses shared access signatures (SAS keys): clients sign in with Entra ID.",
    remediation: "Set disableLocalAuth true and grant Data Sender/Receiver roles to the clients' identities.",
    check: r => expect(r.props, "disableLocalAuth", armReads.on, "true (unset keeps SAS keys)"),
});

export const appInsights = resourceRule({
    name: "azure-identity-authn-application-insights", cloud: "azure", controls: [...controls], severity: "medium",
    types: appInsightsTypes,
    description: "An Application Insights component refuses telemetry sent with its instrumentation key alone: senders sign in with Entra ID.",
    remediation: "Set disableLocalAuth true and grant Monitoring Metrics Publisher to the senders' identities.",
    check: r => expect(r.props, "disableLocalAuth", armReads.on, "true (unset accepts the instrumentation key)"),
});

// ---- Azure classic (@pulumi/azure 6; classic.ts) ----------------------------------------------------------
// A Windows VM is not judged here: Azure requires a local administrator password on every Windows VM, so its
// presence says nothing; Entra sign-in to it is an extension (AADLoginForWindows), a resource of its own.

export const classicLinuxVirtualMachine = resourceRule({
    name: "azure-identity-authn-classic-linux-virtual-machine", cloud: "azure", controls: [...controls], severity: "high",
    types: [C.linuxVm, C.legacyVm, C.linuxVmss],
    description: "A Linux virtual machine (Azure classic) refuses password sign-in (SSH keys or Entra ID only), and no admin password is written in the program or its state.",
    remediation: "Leave disablePasswordAuthentication unset or true (osProfileLinuxConfig.disablePasswordAuthentication true on a compute VirtualMachine), give adminSshKeys, and remove adminPassword.",
    check: r => {
        if (r.type === C.legacyVm) {
            // The legacy VirtualMachine: a Windows one (osProfileWindowsConfig) needs its password, as above.
            const linux = r.props.osProfileLinuxConfig;
            if (linux === undefined && r.props.osProfileWindowsConfig !== undefined) {
                return notApplicable("a Windows VM: Azure requires its local administrator password; Entra sign-in is the AADLoginForWindows extension");
            }
            return [
                ...expect(r.props, "osProfileLinuxConfig.disablePasswordAuthentication", terraformReads.on, "true"),
                ...writtenSecret((get(r.props, "osProfile") ?? {}) as Record<string, unknown>, "adminPassword", "unset (SSH keys only)")
                    .map(v => ({ ...v, property: "osProfile.adminPassword" })),
            ];
        }
        return [
            // Unset is true ("Defaults to `true`").
            ...expect(r.props, "disablePasswordAuthentication", terraformReads.onOrUnset, "true (the default)"),
            ...writtenSecret(r.props, "adminPassword", "unset (SSH keys only)"),
        ];
    },
});

export const classicSqlServer = resourceRule({
    name: "azure-identity-authn-classic-mssql-server", cloud: "azure", controls: [...controls], severity: "high",
    types: [C.mssqlServer],
    description: "An Azure SQL server (Azure classic) accepts Microsoft Entra ID authentication only; no SQL admin password is written in the program or its state.",
    remediation: "Set azureadAdministrator {loginUsername, objectId, azureadAuthenticationOnly: true} and remove administratorLogin and administratorLoginPassword.",
    check: r => [
        ...expect(r.props, "azureadAdministrator.azureadAuthenticationOnly", terraformReads.on, "true"),
        ...writtenSecret(r.props, "administratorLoginPassword", "unset (Entra ID only)"),
    ],
});

export const classicPostgresFlexibleServer = resourceRule({
    name: "azure-identity-authn-classic-postgresql-flexible-server", cloud: "azure", controls: [...controls], severity: "high",
    types: [C.pgFlexible],
    description: "A PostgreSQL flexible server (Azure classic) accepts Microsoft Entra ID authentication only; no admin password is written in the program or its state.",
    remediation: "Set authentication {activeDirectoryAuthEnabled: true, passwordAuthEnabled: false, tenantId} and remove administratorPassword.",
    check: r => [
        // Unset: password on ("Defaults to `true`"), Entra off ("Defaults to `false`").
        ...expect(r.props, "authentication.activeDirectoryAuthEnabled", terraformReads.on, "true"),
        ...expect(r.props, "authentication.passwordAuthEnabled", terraformReads.off, "false (unset is true)"),
        ...writtenSecret(r.props, "administratorPassword", "unset (Entra ID only)"),
    ],
});

/** Issue 16: an Azure AI services account's keys are shared secrets that name nobody; Entra tokens name the caller. */
export const cognitiveAccount = resourceRule({
    name: "azure-identity-authn-cognitive-account", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.cognitiveAccount],
    description: "An Azure AI services account refuses its keys (local authentication): callers sign in with Entra ID and a role on the account.",
    remediation: "Set properties.disableLocalAuth true and grant Cognitive Services User on the account to the workload's identity.",
    check: r => expect(r.props, "properties.disableLocalAuth", armReads.on, "true"),
});

export const rules: Rule[] = [entraOnlySetting, synapseWorkspace, synapseAadAdmin, hdinsightCluster, sqlServer, cosmosAccount, classicLinuxVirtualMachine, classicSqlServer,
    classicPostgresFlexibleServer, virtualMachine, postgresFlexibleServer, redisCache, aksCluster, containerRegistry,
    messagingNamespace, appInsights, cognitiveAccount];
