// Audit: where every Azure log about PHI goes (AUDIT-LOG) — a Log Analytics workspace closed to
// the public internet, per-table long retention (RETENTION), the subscription's activity log, an
// Azure Monitor private link scope with its private endpoint (the only way to reach a workspace whose
// public ingestion and query are off), and `diagnose()`, which sends a resource's logs there.
import * as pulumi from "@pulumi/pulumi";
import * as monitor from "@pulumi/azure-native/monitor";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import { defaultAuditRetentionDays } from "../../facts/retention";
import { statefulOptions } from "../naming";
import { AzureArgs, azureName, deletionLock, envSuffix, tagsOf } from "./common";
import type { Network } from "./network";
import { assertArgs, auditDaysProblem } from "../problems";

export interface AuditArgs extends AzureArgs {
    /** The hospital network: the private link scope's endpoint goes there, and its NSGs are diagnosed. */
    network: Network;
    /** Days every audit table keeps its rows (interactive + long-term); default 2192 (six years), 2190–4383. */
    auditDays?: number;
    /** Days rows stay in interactive (queryable) retention before the long-term tier; default 90, 30–730. */
    interactiveDays?: number;
}

/**
 * The tables the diagnostic settings of this package write to: resource logs in the default
 * (AzureDiagnostics) mode, the activity log, and the resource-specific tables of the services that
 * only write those (storage blob logs, DICOM audit logs). Long retention is set per table (G17).
 */
export const auditTables = ["AzureActivity", "AzureDiagnostics", "StorageBlobLogs", "AHDSDicomAuditLogs"] as const;

/** Activity log categories kept (all of them: control-plane writes, security, policy, health). */
export const activityLogCategories = [
    "Administrative", "Security", "ServiceHealth", "Alert", "Recommendation", "Policy", "Autoscale", "ResourceHealth",
] as const;

/** Log Analytics total retention limits (SDK doc on operationalinsights:Table.totalRetentionInDays). */
const maximumTotalRetentionDays = 4383;

/** Every problem with AuditArgs, naming the argument, or []. Pure, exported for tests. */
export function auditProblems(args: Pick<AuditArgs, "auditDays" | "interactiveDays">): string[] {
    const problems: string[] = [];
    const days = auditDaysProblem("auditDays", args.auditDays === undefined ? defaultAuditRetentionDays : args.auditDays, { max: maximumTotalRetentionDays });
    if (days) problems.push(days);
    const interactive = args.interactiveDays ?? 90;
    if (!Number.isInteger(interactive) || interactive < 30 || interactive > 730) {
        problems.push(`'interactiveDays' must be a whole number from 30 to 730; got ${interactive}.`);
    }
    return problems;
}

/** Where a diagnostic setting sends logs, and which logs. */
export interface DiagnosticTarget {
    /** The ARM id of the resource whose logs are sent (storage: `<accountId>/blobServices/default`, G11). */
    resourceUri: pulumi.Input<string>;
    /** "allLogs" (default) or "audit": the log category group to send. */
    categoryGroup?: "allLogs" | "audit";
    /** Also send platform metrics; default false (not every resource type has them). */
    metrics?: boolean;
}

export class Audit extends pulumi.ComponentResource {
    public readonly workspace: operationalinsights.Workspace;
    /** The Log Analytics workspace's ARM id: what diagnostic settings point at. */
    public readonly workspaceId: pulumi.Output<string>;

    constructor(name: string, args: AuditArgs, opts?: pulumi.ComponentResourceOptions) {
        // The old name's type token, so that no URN changes (components/aws/deprecated.ts says why).
        super("hipaa-cloud:azure:AuditLog", name, {}, opts);
        assertArgs("Audit", name, args, auditProblems(args));
        const tags = tagsOf(args);
        const env = envSuffix(args.environment);

        this.workspace = new operationalinsights.Workspace(`${name}-workspace`, {
            resourceGroupName: args.resourceGroupName,
            location: args.location,
            tags,
            workspaceName: azureName(args.tenant, `${env}-audit`, 63),
            sku: { name: "PerGB2018" },
            retentionInDays: args.interactiveDays ?? 90,
            // PUBLIC-ACCESS: ingestion and query only through the private link scope below.
            publicNetworkAccessForIngestion: "Disabled",
            publicNetworkAccessForQuery: "Disabled",
            // LEAST-PRIVILEGE: no shared workspace keys; Entra ID only. Rows are never purged after 30 days.
            features: { disableLocalAuth: true, immediatePurgeDataOn30Days: false, enableLogAccessUsingOnlyResourcePermissions: true },
        }, statefulOptions(this, args.environment));
        this.workspaceId = this.workspace.id;

        deletionLock(this, `${name}-workspace`, this.workspace.id, args.environment);

        // RETENTION: Log Analytics keeps long-term rows per table (G17); each table the package writes keeps six years.
        for (const table of auditTables) {
            new operationalinsights.Table(`${name}-${table}`, {
                resourceGroupName: args.resourceGroupName,
                workspaceName: this.workspace.name,
                tableName: table,
                plan: "Analytics",
                retentionInDays: args.interactiveDays ?? 90,
                totalRetentionInDays: args.auditDays ?? defaultAuditRetentionDays,
            }, { parent: this });
        }

        // AUDIT-LOG: the subscription's activity log (every control-plane write, who and when).
        new monitor.SubscriptionDiagnosticSetting(`${name}-activity-log`, {
            name: azureName(args.tenant, `${env}-activity-log`, 64),
            workspaceId: this.workspace.id,
            logs: activityLogCategories.map(category => ({ category, enabled: true })),
        }, { parent: this });

        // PUBLIC-ACCESS + NETWORK-PRIVATE: the Azure Monitor private link scope, private-only for ingestion and query.
        const scope = new monitor.PrivateLinkScope(`${name}-ampls`, {
            resourceGroupName: args.resourceGroupName,
            location: "global", // private link scopes are global resources
            tags,
            scopeName: azureName(args.tenant, `${env}-ampls`, 64),
            accessModeSettings: { ingestionAccessMode: "PrivateOnly", queryAccessMode: "PrivateOnly" },
        }, { parent: this });
        new monitor.PrivateLinkScopedResource(`${name}-ampls-workspace`, {
            resourceGroupName: args.resourceGroupName,
            scopeName: scope.name,
            name: azureName(args.tenant, `${env}-audit-link`, 64),
            linkedResourceId: this.workspace.id,
        }, { parent: this });
        args.network.privateEndpoint(this, `${name}-ampls`, { targetId: scope.id, groupId: "azuremonitor" });

        // AUDIT-LOG: the network security groups' events go here too.
        for (const [subnet, nsg] of Object.entries(args.network.securityGroups)) {
            this.diagnose(this, `${name}-${subnet}-nsg`, { resourceUri: nsg.id });
        }

        this.registerOutputs({ workspaceId: this.workspaceId });
    }

    /**
     * A diagnostic setting that sends `target`'s resource logs to this workspace (AUDIT-LOG), created as
     * a child of `owner` (the component that owns the resource).
     */
    diagnose(owner: pulumi.Resource, name: string, target: DiagnosticTarget,
        opts: pulumi.CustomResourceOptions = {}): monitor.DiagnosticSetting {
        return new monitor.DiagnosticSetting(`${name}-diagnostics`, {
            name: "hipaa-audit",
            resourceUri: target.resourceUri,
            workspaceId: this.workspaceId,
            logs: [{ categoryGroup: target.categoryGroup ?? "allLogs", enabled: true }],
            metrics: target.metrics ? [{ category: "AllMetrics", enabled: true }] : undefined,
        }, { ...opts, parent: owner });
    }
}
