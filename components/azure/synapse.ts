// SynapseWorkspace: the one Synapse workspace a hospital's processing (Spark pool) and warehouse
// (dedicated SQL pool) share. Customer-managed key through a user-assigned identity, activated
// (ENC-REST-CMK); a managed virtual network with data-exfiltration protection and no public network
// (NETWORK-PRIVATE, PUBLIC-ACCESS); Entra-only authentication (IDENTITY-AUTHN); private endpoints for
// Sql, SqlOnDemand and Dev; logs, SQL auditing and a TLS 1.2 floor (AUDIT-LOG, ENC-TRANSIT).
import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as resources from "@pulumi/azure-native/resources";
import * as synapse from "@pulumi/azure-native/synapse";
import { statefulOptions } from "../naming";
import type { Audit } from "./audit";
import { AzureArgs, azureName, builtInRoles, clientConfig, deletionLock, envSuffix, roleDefinitionId, tagsOf } from "./common";
import { keyArg, KeyArg, type KeyConsumer, type Keys } from "./keys";
import type { Network } from "./network";
import { Storage } from "./storage";
import { assertArgs, principalsProblem } from "../problems";

export interface SynapseWorkspaceArgs extends AzureArgs, KeyArg {
    network: Network;
    audit: Audit;
    /** The hospital's Keys (ENC-REST-CMK). */
    key?: Keys;
    /** The key consumer (identity + grant) the workspace encrypts with; default keys.consumer("synapse"). */
    keyConsumer?: KeyConsumer;
    /** Entra object ids; the first becomes the workspace's initial admin and SQL Entra admin. Default none. */
    admins?: readonly string[];
}

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

/** Every problem with the arguments, naming the argument; [] when they hold. */
export function synapseWorkspaceProblems(args: Pick<SynapseWorkspaceArgs, "admins">): string[] {
    const admins = principalsProblem("azure", "admins", args.admins);
    return admins ? [admins] : [];
}

export class SynapseWorkspace extends pulumi.ComponentResource {
    public readonly workspace: synapse.Workspace;
    public readonly workspaceName: pulumi.Output<string>;
    public readonly workspaceId: pulumi.Output<string>;
    public readonly dataLake: Storage;
    /** The activated workspace key: pools are created after it. */
    public readonly activeKey: synapse.Key;

    constructor(name: string, args: SynapseWorkspaceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hipaa-cloud:azure:SynapseWorkspace", name, {}, opts);
        assertArgs("SynapseWorkspace", name, args, [...synapseWorkspaceProblems(args), ...keyArg(args).problems]);
        const key = keyArg(args).key;
        const tags = tagsOf(args);
        const env = envSuffix(args.environment);
        const consumer = args.keyConsumer ?? key.consumer("synapse");
        const common = { tenant: args.tenant, environment: args.environment, tags: args.tags,
            resourceGroupName: args.resourceGroupName, location: args.location };

        // Synapse needs an ADLS Gen2 account as its default storage; it is as locked down as the PHI account.
        const filesystem = "synapse";
        this.dataLake = new Storage(`${name}-datalake`, {
            ...common, purpose: "dl", dataLake: true, containers: [filesystem],
            network: args.network, audit: args.audit,
            key: { vaultUri: key.vault.properties.vaultUri, keyName: key.key.name, consumer },
        }, { parent: this });

        const firstAdmin = args.admins?.[0];
        this.workspace = new synapse.Workspace(`${name}-workspace`, {
            resourceGroupName: args.resourceGroupName,
            location: args.location,
            tags,
            workspaceName: azureName(args.tenant, `${env}-syn`, 50),
            // The system identity reads the data lake; the user-assigned one unwraps the key (granted beforehand).
            identity: { type: "SystemAssigned,UserAssigned", userAssignedIdentities: [consumer.identity.id] },
            encryption: {
                cmk: { // ENC-REST-CMK
                    kekIdentity: { userAssignedIdentity: consumer.identity.id, useSystemAssignedIdentity: false },
                    // Versionless key URL, as for storage and DICOM. Whether Synapse follows a rotated key
                    // version without re-activation is not verified here: check after the first rotation.
                    key: { name: workspaceKeyName, keyVaultUrl: key.keyUri },
                },
            },
            // NETWORK-PRIVATE: both create-only. Spark and pipelines run in a Microsoft-managed VNet that can
            // only reach approved private endpoints, and only in this tenant.
            managedVirtualNetwork: "default",
            managedVirtualNetworkSettings: {
                preventDataExfiltration: true,
                linkedAccessCheckOnTargetResource: true,
                allowedAadTenantIdsForLinking: [clientConfig().tenantId],
            },
            publicNetworkAccess: "Disabled", // PUBLIC-ACCESS
            trustedServiceBypassEnabled: false,
            // IDENTITY-AUTHN: Entra ID only. No sqlAdministratorLogin/Password: the SDK marks them optional and
            // a workspace created Entra-only needs none, so no SQL password exists in config, state or outputs.
            azureADOnlyAuthentication: true,
            cspWorkspaceAdminProperties: firstAdmin ? { initialWorkspaceAdminObjectId: firstAdmin } : undefined,
            defaultDataLakeStorage: {
                accountUrl: pulumi.interpolate`https://${this.dataLake.accountName}.dfs.core.windows.net`,
                filesystem,
                resourceId: this.dataLake.accountId,
                createManagedPrivateEndpoint: true, // the data lake has no public network either
            },
        }, statefulOptions(this, args.environment, { dependsOn: [consumer.grant, this.dataLake] }));
        this.workspaceName = this.workspace.name;
        this.workspaceId = this.workspace.id;

        // ENC-REST-CMK: a CMK workspace stays pending until its key is activated (G15).
        this.activeKey = new synapse.Key(`${name}-cmk`, {
            resourceGroupName: args.resourceGroupName,
            workspaceName: this.workspace.name,
            keyName: workspaceKeyName,
            keyVaultUrl: key.keyUri,
            isActiveCMK: true,
        }, { parent: this });

        deletionLock(this, `${name}-workspace`, this.workspace.id, args.environment, [this.activeKey]);

        // The workspace's system identity reads and writes its own data lake (and nothing else).
        new authorization.RoleAssignment(`${name}-datalake-access`, {
            scope: this.dataLake.accountId,
            roleDefinitionId: roleDefinitionId(builtInRoles.storageBlobDataContributor),
            principalId: this.workspace.identity.apply(i => i?.principalId ?? ""),
            principalType: "ServicePrincipal",
            description: "Synapse workspace identity on its default data lake",
        }, { parent: this });

        if (firstAdmin) {
            new synapse.WorkspaceAadAdmin(`${name}-sql-admin`, {
                resourceGroupName: args.resourceGroupName,
                workspaceName: this.workspace.name,
                administratorType: "ActiveDirectory",
                login: "hospital-admin",
                sid: firstAdmin,
                tenantId: clientConfig().tenantId,
            }, { parent: this, dependsOn: [this.activeKey] });
        }

        for (const groupId of ["Sql", "SqlOnDemand", "Dev"] as const) {
            args.network.privateEndpoint(this, `${name}-${groupId.toLowerCase()}`, { targetId: this.workspace.id, groupId },
                { dependsOn: [this.activeKey] });
        }
        args.audit.diagnose(this, `${name}-workspace`, { resourceUri: this.workspace.id });

        // G15: SQL auditing and the TLS floor have no azure-native resource; an ARM template deploys them.
        new resources.Deployment(`${name}-sql-settings`, {
            resourceGroupName: args.resourceGroupName,
            deploymentName: azureName(args.tenant, `${env}-synapse-sql-settings`, 64),
            tags,
            properties: {
                mode: "Incremental",
                template: synapseGapTemplate(),
                parameters: { workspaceName: { value: this.workspace.name } },
            },
        }, { parent: this, dependsOn: [this.activeKey] });

        this.registerOutputs({ workspaceName: this.workspaceName, workspaceId: this.workspaceId });
    }
}
