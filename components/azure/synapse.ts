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
import { AzureArgs, builtInRoles, clientConfig, deletionLock, roleDefinitionId, tagsOf } from "./common";
import { keyArg, KeyArg, type KeyConsumer, type Keys } from "./keys";
import type { Network } from "./network";
import { Storage } from "./storage";
import { assertArgs, principalsProblem } from "../problems";
import { synapseGapTemplate, synapsePlan, workspaceKeyName } from "./synapse-plan";

export { synapseGapTemplate, workspaceKeyName };

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

/** Every problem with the arguments, naming the argument; [] when they hold. */
export function synapseWorkspaceProblems(args: Pick<SynapseWorkspaceArgs, "admins"> & KeyArg): string[] {
    return [principalsProblem("azure", "admins", args.admins), ...keyArg(args).problems].filter((p): p is string => p !== undefined);
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
        assertArgs("SynapseWorkspace", name, args, synapseWorkspaceProblems(args));
        const key = keyArg(args).key;
        const plan = synapsePlan(args);
        const tags = tagsOf(args);
        const consumer = args.keyConsumer ?? key.consumer("synapse");
        const where = { resourceGroupName: args.resourceGroupName, location: args.location };

        this.dataLake = new Storage(`${name}-datalake`, {
            tenant: args.tenant, environment: args.environment, tags: args.tags, ...where, ...plan.dataLake,
            network: args.network, audit: args.audit,
            key: { vaultUri: key.vault.properties.vaultUri, keyName: key.key.name, consumer },
        }, { parent: this });

        this.workspace = new synapse.Workspace(`${name}-workspace`, {
            ...where,
            tags,
            workspaceName: plan.workspaceName,
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
            ...plan.settings,
            managedVirtualNetworkSettings: { ...plan.settings.managedVirtualNetworkSettings, allowedAadTenantIdsForLinking: [clientConfig().tenantId] },
            cspWorkspaceAdminProperties: plan.admin ? { initialWorkspaceAdminObjectId: plan.admin.objectId } : undefined,
            defaultDataLakeStorage: {
                accountUrl: pulumi.interpolate`https://${this.dataLake.accountName}.dfs.core.windows.net`,
                filesystem: plan.filesystem,
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
        const afterKey = { parent: this, dependsOn: [this.activeKey] };

        deletionLock(this, `${name}-workspace`, this.workspace.id, args.environment, [this.activeKey]);

        // The workspace's system identity reads and writes its own data lake (and nothing else).
        new authorization.RoleAssignment(`${name}-datalake-access`, {
            scope: this.dataLake.accountId,
            roleDefinitionId: roleDefinitionId(builtInRoles.storageBlobDataContributor),
            principalId: this.workspace.identity.apply(i => i?.principalId ?? ""),
            principalType: "ServicePrincipal",
            description: "Synapse workspace identity on its default data lake",
        }, { parent: this });

        if (plan.admin) {
            new synapse.WorkspaceAadAdmin(`${name}-sql-admin`, {
                resourceGroupName: args.resourceGroupName, workspaceName: this.workspace.name,
                administratorType: "ActiveDirectory", login: plan.admin.login, sid: plan.admin.objectId, tenantId: clientConfig().tenantId,
            }, afterKey);
        }

        for (const groupId of plan.privateEndpointGroups) {
            args.network.privateEndpoint(this, `${name}-${groupId.toLowerCase()}`, { targetId: this.workspace.id, groupId }, { dependsOn: [this.activeKey] });
        }
        args.audit.diagnose(this, `${name}-workspace`, { resourceUri: this.workspace.id });

        // G15: SQL auditing and the TLS floor have no azure-native resource; an ARM template deploys them.
        new resources.Deployment(`${name}-sql-settings`, {
            resourceGroupName: args.resourceGroupName,
            deploymentName: plan.sqlSettingsDeploymentName,
            tags,
            properties: { mode: "Incremental", template: synapseGapTemplate(), parameters: { workspaceName: { value: this.workspace.name } } },
        }, afterKey);

        this.registerOutputs({ workspaceName: this.workspaceName, workspaceId: this.workspaceId });
    }
}
