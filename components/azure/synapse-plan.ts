// The plan of the Azure SynapseWorkspace: its names, its data lake, the settings that keep it private and
// Entra-only, its admin, its private endpoints, and the ARM template for what azure-native has no resource
// for. Pure (no resource is registered), so the rules are tested without the mock runtime, and the
// constructor (synapse.ts) only wires the plan into resources.
import { azureName, envSuffix } from "./common";
import type { SynapseWorkspaceArgs } from "./synapse";

/** The workspace key's name inside Synapse (`encryption.cmk.key.name` and the synapse:Key that activates it). */
export const workspaceKeyName = "hospital-cmk";

/**
 * The settings azure-native 3.28 has no resource for (CONTROLS.md G15, §5), as an ARM template:
 * workspace SQL auditing to Azure Monitor (the workspace's diagnostic setting carries the
 * SQLSecurityAuditEvents category to Log Analytics) and the dedicated SQL minimal TLS version.
 * Both are REST API 2021-06-01 child resources named `default`. One spec revision declares
 * dedicatedSQLminimalTlsSettings PATCH-only: whether ARM accepts this PUT is unverified, so check the
 * deployment's result on the first `pulumi up` (and Azure Policy "Synapse Workspace SQL Server should
 * be running TLS version 1.2 or newer" afterwards).
 */
export function synapseGapTemplate(): Record<string, unknown> {
    return {
        $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        contentVersion: "1.0.0.0",
        parameters: { workspaceName: { type: "string" } },
        resources: [
            {
                // AUDIT-LOG: SQL auditing on the workspace (covers its dedicated SQL pools).
                type: "Microsoft.Synapse/workspaces/auditingSettings",
                apiVersion: "2021-06-01",
                name: "[concat(parameters('workspaceName'), '/default')]",
                properties: {
                    state: "Enabled",
                    isAzureMonitorTargetEnabled: true,
                    auditActionsAndGroups: [
                        "SUCCESSFUL_DATABASE_AUTHENTICATION_GROUP", "FAILED_DATABASE_AUTHENTICATION_GROUP", "BATCH_COMPLETED_GROUP",
                    ],
                },
            },
            {
                // ENC-TRANSIT: TLS 1.2 or newer for the dedicated SQL endpoint.
                type: "Microsoft.Synapse/workspaces/dedicatedSQLminimalTlsSettings",
                apiVersion: "2021-06-01",
                name: "[concat(parameters('workspaceName'), '/default')]",
                properties: { minimalTlsVersion: "1.2" },
            },
        ],
    };
}

export interface SynapsePlan {
    workspaceName: string;
    /** The ADLS Gen2 account Synapse needs as its default storage, as locked down as the PHI account, and its filesystem. */
    dataLake: { purpose: string; dataLake: true; containers: string[] };
    filesystem: string;
    /** The settings of the workspace that hold without its other resources (all create-only but the last two). */
    settings: {
        managedVirtualNetwork: "default";
        managedVirtualNetworkSettings: { preventDataExfiltration: true; linkedAccessCheckOnTargetResource: true };
        publicNetworkAccess: "Disabled";
        trustedServiceBypassEnabled: false;
        azureADOnlyAuthentication: true;
    };
    /** The first of the admins: the workspace's initial admin and its SQL Entra admin; none when no admin is named. */
    admin?: { objectId: string; login: string };
    /** Private endpoints of the workspace, one per Private Link group. */
    privateEndpointGroups: readonly ("Sql" | "SqlOnDemand" | "Dev")[];
    /** The deployment of synapseGapTemplate (SQL auditing and the TLS floor). */
    sqlSettingsDeploymentName: string;
}

/** The plan of a workspace with these (validated, synapseWorkspaceProblems) arguments. */
export function synapsePlan(args: Pick<SynapseWorkspaceArgs, "tenant" | "environment" | "admins">): SynapsePlan {
    const env = envSuffix(args.environment);
    const filesystem = "synapse";
    const firstAdmin = args.admins?.[0];
    return {
        workspaceName: azureName(args.tenant, `${env}-syn`, 50),
        dataLake: { purpose: "dl", dataLake: true, containers: [filesystem] },
        filesystem,
        settings: {
            // NETWORK-PRIVATE: both create-only. Spark and pipelines run in a Microsoft-managed VNet that can
            // only reach approved private endpoints, and only in this tenant (the constructor adds the tenant id).
            managedVirtualNetwork: "default",
            managedVirtualNetworkSettings: { preventDataExfiltration: true, linkedAccessCheckOnTargetResource: true },
            publicNetworkAccess: "Disabled", // PUBLIC-ACCESS
            trustedServiceBypassEnabled: false,
            // IDENTITY-AUTHN: Entra ID only. No sqlAdministratorLogin/Password: the SDK marks them optional and
            // a workspace created Entra-only needs none, so no SQL password exists in config, state or outputs.
            azureADOnlyAuthentication: true,
        },
        admin: firstAdmin ? { objectId: firstAdmin, login: "hospital-admin" } : undefined,
        privateEndpointGroups: ["Sql", "SqlOnDemand", "Dev"],
        sqlSettingsDeploymentName: azureName(args.tenant, `${env}-synapse-sql-settings`, 64),
    };
}
