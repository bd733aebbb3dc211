// AUDIT-LOG on Azure: every PHI resource sends its audit logs to Log Analytics through a diagnostic
// setting, and the subscription's Activity Log (control plane) goes there too (CONTROLS.md 1b, G11,
// G18). Storage data-plane logs come only from a setting on `<accountId>/blobServices/default`.
// Synapse SQL auditing (`workspaces/auditingSettings`) has no azure-native resource (G15): it is read
// from the ARM template a resources.Deployment applies (arm-templates.ts).
import { armReads, terraformReads, equalsAnyIgnoreCase, isSet } from "../lib/inputs";
import { expect, PolicyResource, resourceRule, Rule, stackRule, Violation } from "../lib/rule";
import { asArray, isUnknown, UNKNOWN_STRING } from "../lib/values";
import { C } from "./support/classic";
import { diagnosticSettingTypes, phiTypes, subscriptionDiagnosticSettingTypes, T } from "./support/tokens";
import { builtFromOtherResource, foundAmong, lookupOf, relate } from "./support/relations";
import { armTypes, templatedSynapseSettings } from "./support/arm-templates";
import { unknownReferences } from "../lib/unknowns";

const controls = ["AUDIT-LOG"] as const;
const auditGroups = ["audit", "allLogs"];

/** logs[] has an enabled entry of category group audit or allLogs. */
function collectsAuditLogs(logs: unknown): boolean {
    return asArray(logs as Record<string, unknown>[]).some(l => l && armReads.on(l.enabled) && equalsAnyIgnoreCase(l.categoryGroup, ...auditGroups));
}

export const diagnosticSetting = resourceRule({
    name: "azure-audit-log-diagnostic-setting", cloud: "azure", controls: [...controls], severity: "high",
    types: [...diagnosticSettingTypes],
    description: "A diagnostic setting sends the audit (or all) log category group to a Log Analytics workspace.",
    remediation: "Set workspaceId to the Log Analytics workspace id and logs [{categoryGroup: \"audit\" (or \"allLogs\"), enabled: true}].",
    check: r => [
        ...expect(r.props, "workspaceId", isSet, "the Log Analytics workspace id"),
        ...expect(r.props, "logs", collectsAuditLogs, "[{categoryGroup: \"audit\" or \"allLogs\", enabled: true}]"),
    ],
});

/** Activity Log categories that record who changed what and security events. */
const activityCategories = ["Administrative", "Security"];

function collectsActivityLog(logs: unknown): boolean {
    const enabled = asArray(logs as Record<string, unknown>[]).filter(l => l && armReads.on(l.enabled));
    if (enabled.some(l => equalsAnyIgnoreCase(l.categoryGroup, "allLogs"))) return true;
    return activityCategories.every(c => enabled.some(l => equalsAnyIgnoreCase(l.category, c)));
}

export const subscriptionDiagnosticSetting = resourceRule({
    name: "azure-audit-log-subscription-diagnostic-setting", cloud: "azure", controls: [...controls], severity: "high",
    types: [...subscriptionDiagnosticSettingTypes],
    description: "The subscription's Activity Log (administrative and security events) goes to a Log Analytics workspace.",
    remediation: "Set workspaceId and logs with {category: \"Administrative\", enabled: true} and {category: \"Security\", enabled: true} (or categoryGroup \"allLogs\").",
    check: r => [
        ...expect(r.props, "workspaceId", isSet, "the Log Analytics workspace id"),
        ...expect(r.props, "logs", collectsActivityLog, "Administrative and Security enabled (or categoryGroup \"allLogs\")"),
    ],
});

export const hdinsightMonitorAgent = resourceRule({
    name: "azure-audit-log-hdinsight-monitor-agent", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.hdinsightMonitorAgent],
    description: "An HDInsight cluster's Azure Monitor agent sends its logs to a Log Analytics workspace (HDInsight has no diagnostic setting, G18).",
    remediation: "Set workspaceId and primaryKey (a secret) on the ExtensionAzureMonitorAgentStatus.",
    check: r => [
        ...expect(r.props, "workspaceId", isSet, "the Log Analytics workspace id (customer id)"),
        ...expect(r.props, "primaryKey", isSet, "the workspace's key, as a secret"),
    ],
});

export const subscriptionActivityLog = stackRule({
    name: "azure-audit-log-subscription", cloud: "azure", controls: [...controls], severity: "high",
    description: "A stack with PHI resources sends the subscription's Activity Log to Log Analytics (one SubscriptionDiagnosticSetting).",
    remediation: "Add an azure-native monitor.SubscriptionDiagnosticSetting with workspaceId and the Administrative and Security categories.",
    check: stack => {
        if (!stack.ofType(...phiTypes).length || stack.ofType(...subscriptionDiagnosticSettingTypes).length) return [];
        return [{ property: "SubscriptionDiagnosticSetting", found: undefined, wanted: "one SubscriptionDiagnosticSetting to a Log Analytics workspace" }];
    },
});

const blobServiceUri = /\/blobServices\/default\/?$/i;

/**
 * Every PHI resource has a diagnostic setting with enabled logs whose resourceUri is that resource
 * (for storage: its blob service). HDInsight clusters count as covered by their monitor agent.
 */
export const phiResourceCoverage = stackRule({
    name: "azure-audit-log-phi-resource", cloud: "azure", controls: [...controls], severity: "high",
    judges: phiTypes,
    description: "Every PHI resource (Key Vault, storage blob service, Synapse workspace, SQL and Spark pools, DICOM service, HDInsight cluster, Cosmos DB account, PostgreSQL and MySQL flexible server) sends its logs to Log Analytics.",
    remediation: "Add an azure-native monitor.DiagnosticSetting with resourceUri = the resource's id (storage: `${account.id}/blobServices/default`), workspaceId and logs categoryGroup \"audit\"; for HDInsight an ExtensionAzureMonitorAgentStatus.",
    check: stack => {
        const targets = stack.ofType(...phiTypes).filter(t => t.type !== T.hdinsightCluster);
        const byUrn = new Map(targets.map(t => [t.urn, t]));
        const lookup = lookupOf(targets);
        // A setting may point at a BlobServiceProperties' id, which is its account's blob service.
        const blobServices = relate(stack, [T.blobService], "accountName", [T.storageAccount]);
        const accountOfService = new Map<string, string>();
        for (const [account, services] of blobServices.of) for (const s of services) accountOfService.set(s.urn, account);

        const covered = new Set<string>();
        const unknown = new Set<string>();
        // Settings whose resourceUri is unknown at preview: each will name one resource (unknowns.ts).
        let unresolvedSettings = 0;
        const mark = (set: Set<string>, urn: string | undefined) => { if (urn) set.add(urn); };
        for (const ds of stack.ofType(...diagnosticSettingTypes)) {
            // A metrics-only setting logs no access; its own rule says what it lacks.
            const logs = ds.props.logs;
            const logsSomething = isUnknown(logs) || asArray(logs as Record<string, unknown>[]).some(l => l && (armReads.on(l.enabled) || isUnknown(l.enabled)));
            if (!logsSomething) continue;
            const uri = ds.props.resourceUri;
            const deps = ds.opts.propertyDependencies?.resourceUri ?? [];
            const judge = (target: PolicyResource) => {
                if (target.type !== T.storageAccount) return mark(covered, target.urn);
                if (isUnknown(uri)) return mark(unknown, target.urn);
                if (typeof uri === "string" && blobServiceUri.test(uri)) mark(covered, target.urn);
            };
            const related = deps.filter(u => byUrn.has(u) || accountOfService.has(u));
            if (related.length) {
                for (const u of related) {
                    if (accountOfService.has(u)) mark(covered, accountOfService.get(u));
                    else judge(byUrn.get(u)!);
                }
                continue;
            }
            const named = lookup.named(uri);
            if (isUnknown(named)) {
                // Built from another Azure resource's outputs (a network security group's id): the setting
                // is that resource's, not a PHI resource's, and excuses none. Otherwise it may be any one.
                if (!builtFromOtherResource(stack, deps)) unresolvedSettings += 1;
                continue;
            }
            named.forEach(judge);
        }
        const agents = relate(stack, [T.hdinsightMonitorAgent], "clusterName", [T.hdinsightCluster]);
        const excuseSetting = unknownReferences(unresolvedSettings);
        const excuseAgent = unknownReferences(agents.unresolved.length);

        const out: Violation[] = [];
        for (const t of targets) {
            if (covered.has(t.urn)) continue;
            out.push({
                resource: t, property: t.type === T.storageAccount ? "DiagnosticSetting.resourceUri (→ this account's blobServices/default)" : "DiagnosticSetting.resourceUri (→ this resource)",
                found: foundAmong([], () => unknown.has(t.urn) || excuseSetting()), wanted: "a diagnostic setting with enabled audit logs for this resource",
            });
        }
        for (const c of stack.ofType(T.hdinsightCluster)) {
            if (agents.of.get(c.urn)?.length) continue;
            out.push({
                resource: c, property: "ExtensionAzureMonitorAgentStatus.clusterName (→ this cluster)",
                found: foundAmong([], excuseAgent), wanted: "an Azure Monitor agent extension for this cluster",
            });
        }
        return out;
    },
});

/**
 * Synapse SQL auditing records who queried what in the SQL pools; the pools' diagnostic settings only
 * forward those records (category SQLSecurityAuditEvents) when auditing sends them to Azure Monitor.
 * azure-native has no resource for it (G15), so it is read from an ARM template deployment.
 */
export const synapseSqlAuditing = stackRule({
    name: "azure-audit-log-synapse-sql-auditing", cloud: "azure", controls: [...controls], severity: "high",
    description: "Every Synapse workspace has SQL auditing Enabled to Azure Monitor (auditingSettings, deployed through an ARM template).",
    remediation: "Deploy Microsoft.Synapse/workspaces/auditingSettings \"<workspace>/default\" {state: \"Enabled\", isAzureMonitorTargetEnabled: true} with an azure-native resources.Deployment (API 2021-06-01).",
    check: stack => {
        const settings = templatedSynapseSettings(stack, armTypes.synapseAuditing);
        const enabled = (p: Record<string, unknown>) => equalsAnyIgnoreCase(p.state, "Enabled") && (armReads.on(p.isAzureMonitorTargetEnabled) || isSet(p.storageEndpoint));
        const excuseSetting = unknownReferences(settings.unresolved.length);
        const out: Violation[] = [];
        for (const ws of stack.ofType(T.synapseWorkspace)) {
            const mine = settings.of.get(ws.urn) ?? [];
            if (mine.some(enabled)) continue;
            out.push({
                resource: ws, property: "Deployment template Microsoft.Synapse/workspaces/auditingSettings.properties.state",
                found: foundAmong(mine.map(p => p.state), excuseSetting),
                wanted: "\"Enabled\" with isAzureMonitorTargetEnabled true",
            });
        }
        return out;
    },
});

/** Server-level auditing of an Azure SQL server, which covers every database on it. */
const sqlAuditingTypes = ["azure-native:sql:ServerBlobAuditingPolicy", "azure-native:sql:ExtendedServerBlobAuditingPolicy"] as const;

export const sqlServerAuditing = stackRule({
    name: "azure-audit-log-sql-server-auditing", cloud: "azure", controls: [...controls], severity: "high",
    description: "Every Azure SQL server has server-level auditing Enabled, to Azure Monitor or a storage account, so every database's logins and queries are recorded.",
    remediation: "Add an azure-native sql.ExtendedServerBlobAuditingPolicy (blobAuditingPolicyName \"default\") for the server with state \"Enabled\" and isAzureMonitorTargetEnabled true (plus a diagnostic setting on its master database to Log Analytics).",
    check: stack => {
        const policies = relate(stack, sqlAuditingTypes, "serverName", [T.sqlServer]);
        const enabled = (p: PolicyResource) => equalsAnyIgnoreCase(p.props.state, "Enabled") && (armReads.on(p.props.isAzureMonitorTargetEnabled) || isSet(p.props.storageEndpoint));
        const excusePolicy = unknownReferences(policies.unresolved.length);
        const out: Violation[] = [];
        for (const server of stack.ofType(T.sqlServer)) {
            const mine = policies.of.get(server.urn) ?? [];
            if (mine.some(enabled)) continue;
            out.push({
                resource: server, property: "ServerBlobAuditingPolicy.state (serverName → this server)",
                found: foundAmong(mine.map(p => p.props.state), excusePolicy),
                wanted: "\"Enabled\" with isAzureMonitorTargetEnabled true or a storageEndpoint",
            });
        }
        return out;
    },
});

// ---- Azure classic (@pulumi/azure 6; classic.ts) ----------------------------------------------------------

const classicDiagnosticSettingType = "azure:monitoring/diagnosticSetting:DiagnosticSetting";
/** Classic PHI stores that take a diagnostic setting (as phiTypes; a SQL server audits through its auditing policies). */
const classicPhiTypes: readonly string[] = [C.storageAccount, C.keyVault, C.pgFlexible, C.mysqlFlexible];

/** enabledLogs (@pulumi/azure 6) or logs with enabled true (5): some log is collected, or it is unknown at preview. */
function classicLogsSomething(props: Record<string, unknown>): boolean {
    const enabled = props.enabledLogs, old = props.logs;
    if (isUnknown(enabled) || isUnknown(old)) return true;
    return asArray(enabled as unknown[]).length > 0 || asArray(old as Record<string, unknown>[]).some(l => l && (terraformReads.on(l.enabled) || isUnknown(l.enabled)));
}

export const classicDiagnosticSetting = resourceRule({
    name: "azure-audit-log-classic-diagnostic-setting", cloud: "azure", controls: [...controls], severity: "high",
    types: [classicDiagnosticSettingType],
    description: "A diagnostic setting (Azure classic) sends the audit (or all) log category group to a Log Analytics workspace.",
    remediation: "Set logAnalyticsWorkspaceId and enabledLogs [{categoryGroup: \"audit\" (or \"allLogs\")}].",
    check: r => [
        ...expect(r.props, "logAnalyticsWorkspaceId", isSet, "the Log Analytics workspace id"),
        ...expect(r.props, "enabledLogs", v => asArray(v as Record<string, unknown>[]).some(l => l && equalsAnyIgnoreCase(l.categoryGroup, ...auditGroups)),
            "[{categoryGroup: \"audit\" or \"allLogs\"}]"),
    ],
});

/**
 * Every classic PHI store has a classic diagnostic setting that collects logs, whose targetResourceId is that
 * store (a storage account: its blob service, `<account id>/blobServices/default`, the only source of its data
 * access logs). The same relation as azure-audit-log-phi-resource: by dependency, else by the name in the id; a
 * setting whose target is unknown at preview excuses one store.
 */
export const classicPhiResourceCoverage = stackRule({
    name: "azure-audit-log-classic-phi-resource", cloud: "azure", controls: [...controls], severity: "high",
    judges: classicPhiTypes,
    description: "Every PHI store of Azure classic (storage account blob service, Key Vault, PostgreSQL and MySQL flexible server) sends its logs to Log Analytics.",
    remediation: "Add an azure monitoring.DiagnosticSetting with targetResourceId = the resource's id (storage: `${account.id}/blobServices/default`), logAnalyticsWorkspaceId and enabledLogs [{categoryGroup: \"audit\"}].",
    check: stack => {
        const targets = stack.ofType(...classicPhiTypes);
        const byUrn = new Map(targets.map(t => [t.urn, t]));
        const lookup = lookupOf(targets);
        const covered = new Set<string>(), unknown = new Set<string>();
        let unresolved = 0;
        for (const ds of stack.ofType(classicDiagnosticSettingType)) {
            if (!classicLogsSomething(ds.props)) continue;
            const id = ds.props.targetResourceId;
            const judge = (t: PolicyResource) => {
                if (t.type !== C.storageAccount) return covered.add(t.urn);
                if (isUnknown(id) || (typeof id === "string" && id.includes(UNKNOWN_STRING))) return unknown.add(t.urn);
                if (typeof id === "string" && blobServiceUri.test(id)) covered.add(t.urn);
            };
            const deps = (ds.opts.propertyDependencies?.targetResourceId ?? []).filter(u => byUrn.has(u));
            if (deps.length) { deps.forEach(u => judge(byUrn.get(u)!)); continue; }
            const named = lookup.named(id);
            if (isUnknown(named)) { if (!builtFromOtherResource(stack, ds.opts.propertyDependencies?.targetResourceId ?? [])) unresolved += 1; continue; }
            named.forEach(judge);
        }
        const excuse = unknownReferences(unresolved);
        return targets.filter(t => !covered.has(t.urn)).map(t => ({
            resource: t, property: t.type === C.storageAccount ? "DiagnosticSetting.targetResourceId (→ this account's blobServices/default)" : "DiagnosticSetting.targetResourceId (→ this resource)",
            found: foundAmong([], () => unknown.has(t.urn) || excuse()), wanted: "a diagnostic setting with enabled logs for this resource",
        }));
    },
});

export const rules: Rule[] = [diagnosticSetting, subscriptionDiagnosticSetting, hdinsightMonitorAgent, subscriptionActivityLog, phiResourceCoverage,
    synapseSqlAuditing, sqlServerAuditing, classicDiagnosticSetting, classicPhiResourceCoverage];
