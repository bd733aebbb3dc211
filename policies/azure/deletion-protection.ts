// DELETION-PROTECTION on Azure: keys, PHI stores and audit stores survive a stray `pulumi destroy`
// (Pulumi `protect`) and a stray delete in Azure (Key Vault soft delete + purge protection; management
// locks as advice). CONTROLS.md 1b; the stateful types are listed in common.ts.
import { armReads, terraformReads, equalsAnyIgnoreCase, isSet, toNumber } from "../lib/inputs";
import { azureClassicStatefulTypes as classicStatefulTypes, azureNativeStatefulTypes as nativeStatefulTypes } from "../../facts/stateful-types";
import type { PackConfig } from "../lib/config";
import { expect, notApplicable, notOfKind, PolicyResource, resourceRule, Rule, stackRule, Verdict, Violation } from "../lib/rule";
import { get, isUnknown } from "../lib/values";
import { canonicalType } from "../lib/type-tokens";
import { armTypes, deploymentType, parseTemplate, templateResources } from "./support/arm-templates";
import { nonProductionEnvironment, nonProductionReason } from "../lib/environment";
import { managementLockTypes, T } from "./support/tokens";
import { foundAmong, nameInId, physicalName } from "./support/relations";

import { C } from "./support/classic";

const resourceGroupType = "azure-native:resources:ResourceGroup";

const controls = ["DELETION-PROTECTION"] as const;

export const keyVault = resourceRule({
    name: "azure-deletion-protection-key-vault", cloud: "azure", controls: [...controls], severity: "critical",
    types: [T.vault],
    description: "A Key Vault soft-deletes for 90 days and cannot be purged before (losing a CMK makes its PHI unreadable).",
    remediation: "Set properties.enablePurgeProtection true (irreversible), and leave enableSoftDelete true and softDeleteRetentionInDays 90 (their defaults).",
    check: r => [
        // Unset is true: "If it's not set ... when creating new key vault, it will be set to true by default" (SDK doc).
        // Only true or unset pass: "not false" passed 0, which ARM's JSON reader takes as false.
        ...expect(r.props, "properties.enableSoftDelete", armReads.onOrUnset, "true (or unset)"),
        ...expect(r.props, "properties.enablePurgeProtection", armReads.on, "true"),
        // Unset is 90, the longest Key Vault allows (7-90).
        ...expect(r.props, "properties.softDeleteRetentionInDays", v => v === undefined || toNumber(v) === 90, "90"),
    ],
});

/** Pulumi `protect` in production (the environment is the pack config's, never a resource's tag: lib/environment.ts). */
function protectedInProduction(r: PolicyResource, config: PackConfig): Verdict {
    const env = nonProductionEnvironment(config);
    if (env) return notApplicable(nonProductionReason(env));
    return r.opts.protect === true ? [] : [{ property: "opts.protect", found: r.opts.protect, wanted: "true (resource option)" }];
}

export const statefulResource = resourceRule({
    name: "azure-deletion-protection-stateful-resource", cloud: "azure", controls: [...controls], severity: "high",
    types: nativeStatefulTypes,
    description: "A stateful resource (Key Vault, key, storage account, Synapse workspace, SQL pool, Health Data Services workspace, DICOM service, Log Analytics workspace or cluster, SQL server, Cosmos DB account, PostgreSQL or MySQL flexible server) is protected from deletion by Pulumi in production.",
    remediation: "Pass the resource option protect: true (a staging or dev stack sets `environment` in this policy's config instead).",
    // Production stacks only: hipaa-cloud components protect stateful resources in prod (naming.ts statefulOptions).
    check: protectedInProduction,
});

/**
 * A resource group: deleting it deletes everything in it (PHI stores, keys, audit logs) in one call,
 * and Pulumi deletes it when it leaves the program. Its own rule, not in statefulTypes: the advisory
 * lock rule's "lock it or its group" would ask a group to be locked by itself.
 */
export const resourceGroup = resourceRule({
    name: "azure-deletion-protection-resource-group", cloud: "azure", controls: [...controls], severity: "high",
    types: [resourceGroupType],
    description: "A resource group (whose deletion deletes every resource in it) is protected from deletion by Pulumi in production.",
    remediation: "Pass the resource option protect: true (a staging or dev stack sets `environment` in this policy's config instead).",
    check: protectedInProduction,
});

/**
 * An ARM template deployment (arm-templates.ts). "Complete" mode deletes every resource of the
 * resource group that the template does not list: judged first, whatever the template holds. The
 * deployment is judged only when the pack reads its whole template: inline (a templateLink is fetched
 * at deployment), and every resource in it of a type the pack reads (its settings are judged with their
 * workspace by AUDIT-LOG and ENC-TRANSIT); any other resource it deploys is unseen, so it stays not judged.
 */
export const armDeployment = resourceRule({
    name: "azure-deletion-protection-arm-deployment", cloud: "azure", controls: [...controls], severity: "high",
    types: [deploymentType],
    description: "An ARM template deployment runs in Incremental mode (Complete mode deletes every resource of its resource group that the template does not list).",
    remediation: "Set properties.mode \"Incremental\".",
    check: r => {
        const mode = get(r.props, "properties.mode");
        if (isUnknown(mode)) return [{ property: "properties.mode", found: mode, wanted: "\"Incremental\"" }];
        if (!equalsAnyIgnoreCase(mode, "Incremental")) {
            return [{ property: "properties.mode", found: mode, wanted: "\"Incremental\"", note: "Complete mode deletes the resource group's resources the template does not list." }];
        }
        if (isSet(get(r.props, "properties.templateLink"))) return notOfKind("its template is fetched from properties.templateLink at deployment; no rule reads it");
        const template = parseTemplate(get(r.props, "properties.template"));
        if (isUnknown(template)) return [{ property: "properties.template", found: template, wanted: "a template judged at deployment" }];
        const read = Object.values(armTypes).map(t => t.toLowerCase());
        const resources = templateResources(template);
        // A child resource nested in a read one (its own `resources`) is deployed too, and read by no rule.
        const unread = resources.filter(x => typeof x?.type !== "string" || !read.includes(x.type.toLowerCase()) || templateResources(x).length)
            .map(x => JSON.stringify(x?.type) + (templateResources(x).length ? " (with nested resources)" : ""));
        if (unread.length) return notOfKind(`its template deploys ${[...new Set(unread)].join(", ")}, which no rule reads`);
        if (!resources.length) return notOfKind("its template deploys no resource the pack reads");
        // Its settings are read only with a Synapse workspace of the stack, which the deployment's inputs are built from
        // (arm-templates.ts); aimed at another by a name, they are read by no rule.
        const deps = r.opts.propertyDependencies?.properties ?? [];
        // The URN's third "::" part is the qualified type (`parent$type`); a type never holds "::", a name may.
        if (!deps.some(u => canonicalType(u.split("::")[2]?.split("$").pop() ?? "") === T.synapseWorkspace)) {
            return notOfKind("its template's settings are not built from a Synapse workspace of the stack (properties has no dependency on one), so no rule reads them");
        }
        return [];
    },
});

/** Advisory: a lock also stops deletion from the portal or CLI, but it blocks some operations (e.g. purging logs, deleting a key version). */
export const managementLock = resourceRule({
    name: "azure-deletion-protection-management-lock", cloud: "azure", controls: [...controls], severity: "low", enforcement: "advisory",
    types: [...managementLockTypes],
    description: "A management lock on PHI resources is CanNotDelete (ReadOnly also blocks the data-plane writes and key operations the workload needs).",
    remediation: "Set level \"CanNotDelete\".",
    check: r => expect(r.props, "level", v => equalsAnyIgnoreCase(v, "CanNotDelete"), "\"CanNotDelete\""),
});

/**
 * Advisory: every production stateful resource is under a CanNotDelete lock (its own, its resource
 * group's or the subscription's). Advice, not a mandate: `protect` already guards the Pulumi path, and
 * a lock needs Owner or User Access Administrator rights the deploying identity may not have.
 */
export const lockedStatefulResources = stackRule({
    name: "azure-deletion-protection-resource-lock", cloud: "azure", controls: [...controls], severity: "low", enforcement: "advisory",
    description: "Every production stateful resource is under a CanNotDelete management lock (on itself, its resource group or the subscription).",
    remediation: "Add an azure-native authorization.ManagementLockByScope {scope: resource.id, level: \"CanNotDelete\"} (or a resource-group lock).",
    check: (stack, config) => {
        if (nonProductionEnvironment(config)) return [];
        const locks = stack.ofType(...managementLockTypes).filter(l => equalsAnyIgnoreCase(l.props.level, "CanNotDelete") || isUnknown(l.props.level));
        if (locks.some(l => l.type === "azure-native:authorization:ManagementLockAtSubscriptionLevel")) return [];
        const lockedUrns = new Set<string>(), lockedNames = new Set<string>(), lockedGroups = new Set<string>(), lockedGroupUrns = new Set<string>();
        // A lock whose scope is unknown may be a resource group's, which covers many resources, so it
        // leaves every unlocked one unknown (not a one-resource budget as in unknowns.ts); the rule is advisory.
        let unknown = false;
        for (const l of locks) {
            if (l.type === "azure-native:authorization:ManagementLockByScope") {
                l.opts.propertyDependencies?.scope?.forEach(u => lockedUrns.add(u));
                const name = nameInId(l.props.scope);
                if (isUnknown(name)) unknown = true; else if (name) lockedNames.add(name);
                if (typeof l.props.scope === "string" && /\/resourceGroups\/[^/]+\/?$/i.test(l.props.scope)) lockedGroups.add(name as string);
            } else if (l.type === "azure-native:authorization:ManagementLockAtResourceLevel") {
                if (typeof l.props.resourceName === "string") lockedNames.add(l.props.resourceName.toLowerCase());
                l.opts.propertyDependencies?.resourceName?.forEach(u => lockedUrns.add(u));
            } else {
                // A resource-group lock: by the group's name, or by the ResourceGroup resource both depend on.
                if (typeof l.props.resourceGroupName === "string") lockedGroups.add(l.props.resourceGroupName.toLowerCase());
                l.opts.propertyDependencies?.resourceGroupName?.forEach(u => lockedGroupUrns.add(u));
            }
        }
        const out: Violation[] = [];
        for (const r of stack.ofType(...nativeStatefulTypes)) {
            const group = typeof r.props.resourceGroupName === "string" ? r.props.resourceGroupName.toLowerCase() : undefined;
            const groupUrns = r.opts.propertyDependencies?.resourceGroupName ?? [];
            if (lockedUrns.has(r.urn) || lockedNames.has(physicalName(r)?.toLowerCase() ?? "") || (group && lockedGroups.has(group))
                || groupUrns.some(u => lockedGroupUrns.has(u) || lockedUrns.has(u))) continue;
            out.push({ resource: r, property: "ManagementLock (scope → this resource or its resource group)", found: foundAmong([], () => unknown), wanted: "a CanNotDelete lock" });
        }
        return out;
    },
});

// ---- Azure classic (@pulumi/azure 6; classic.ts) ----------------------------------------------------------

export const classicKeyVault = resourceRule({
    name: "azure-deletion-protection-classic-key-vault", cloud: "azure", controls: [...controls], severity: "critical",
    types: [C.keyVault],
    description: "A Key Vault (Azure classic) soft-deletes for 90 days and cannot be purged before (losing a CMK makes its PHI unreadable).",
    remediation: "Set purgeProtectionEnabled true (irreversible; unset is false) and leave softDeleteRetentionDays unset or 90.",
    check: r => [
        ...expect(r.props, "purgeProtectionEnabled", terraformReads.on, "true"),
        // Unset is 90 ("between `7` and `90` (the default)").
        ...expect(r.props, "softDeleteRetentionDays", v => v === undefined || toNumber(v) === 90, "90 (the default)"),
    ],
});

export const classicStatefulResource = resourceRule({
    name: "azure-deletion-protection-classic-stateful-resource", cloud: "azure", controls: [...controls], severity: "high",
    types: classicStatefulTypes,
    description: "A stateful resource of Azure classic (storage account, Key Vault, SQL, PostgreSQL or MySQL server, managed disk) is protected from deletion by Pulumi in production.",
    remediation: "Pass the resource option protect: true.",
    check: protectedInProduction,
});

export const rules: Rule[] = [keyVault, statefulResource, resourceGroup, armDeployment, managementLock, lockedStatefulResources,
    classicKeyVault, classicStatefulResource];
