// DELETION-PROTECTION on Azure: keys, PHI stores and audit stores survive a stray `pulumi destroy`
// (Pulumi `protect`) and a stray delete in Azure (Key Vault soft delete + purge protection; management
// locks as advice). CONTROLS.md 1b; the stateful types are listed in common.ts.
import { expect, notApplicable, resourceRule, Rule, stackRule, Violation } from "../lib/rule";
import { isUnknown } from "../lib/values";
import { nonProductionEnvironment, nonProductionReason } from "../lib/environment";
import {
    equalsAnyIgnoreCase, foundAmong, isFalse, isTrue, managementLockTypes, nameInId, physicalName, statefulTypes, T, toNumber,
} from "./common";

const controls = ["DELETION-PROTECTION"] as const;

export const keyVault = resourceRule({
    name: "azure-deletion-protection-key-vault", cloud: "azure", controls: [...controls], severity: "critical",
    types: [T.vault],
    description: "A Key Vault soft-deletes for 90 days and cannot be purged before (losing a CMK makes its PHI unreadable).",
    remediation: "Set properties.enablePurgeProtection true (irreversible), and leave enableSoftDelete true and softDeleteRetentionInDays 90 (their defaults).",
    check: r => [
        // Unset is true: "If it's not set ... when creating new key vault, it will be set to true by default" (SDK doc).
        ...expect(r.props, "properties.enableSoftDelete", v => v === undefined || !isFalse(v), "true"),
        ...expect(r.props, "properties.enablePurgeProtection", isTrue, "true"),
        // Unset is 90, the longest Key Vault allows (7-90).
        ...expect(r.props, "properties.softDeleteRetentionInDays", v => v === undefined || toNumber(v) === 90, "90"),
    ],
});

export const statefulResource = resourceRule({
    name: "azure-deletion-protection-stateful-resource", cloud: "azure", controls: [...controls], severity: "high",
    types: statefulTypes,
    description: "A stateful resource (Key Vault, key, storage account, Synapse workspace, SQL pool, Health Data Services workspace, DICOM service, Log Analytics workspace or cluster, SQL server, Cosmos DB account) is protected from deletion by Pulumi in production.",
    remediation: "Pass the resource option protect: true (hipaa-cloud components do so in prod).",
    // Production stacks only: hipaa-cloud components protect stateful resources in prod (naming.ts
    // statefulOptions); the environment is the pack config's, never a resource's tag (lib/environment.ts).
    check: (r, config) => {
        const env = nonProductionEnvironment(config);
        if (env) return notApplicable(nonProductionReason(env));
        return r.opts.protect === true ? [] : [{ property: "opts.protect", found: r.opts.protect, wanted: "true (resource option)" }];
    },
});

/** Advisory: a lock also stops deletion from the portal or CLI, but it blocks some operations (e.g. purging logs, deleting a key version). */
export const managementLock = resourceRule({
    name: "azure-deletion-protection-management-lock", cloud: "azure", controls: [...controls], severity: "low", enforcement: "advisory",
    types: [...managementLockTypes],
    description: "A management lock on PHI resources is CanNotDelete (ReadOnly also blocks the data-plane writes and key operations the platform needs).",
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
        for (const r of stack.ofType(...statefulTypes)) {
            const group = typeof r.props.resourceGroupName === "string" ? r.props.resourceGroupName.toLowerCase() : undefined;
            const groupUrns = r.opts.propertyDependencies?.resourceGroupName ?? [];
            if (lockedUrns.has(r.urn) || lockedNames.has(physicalName(r).toLowerCase()) || (group && lockedGroups.has(group))
                || groupUrns.some(u => lockedGroupUrns.has(u) || lockedUrns.has(u))) continue;
            out.push({ resource: r, property: "ManagementLock (scope → this resource or its resource group)", found: foundAmong([], () => unknown), wanted: "a CanNotDelete lock" });
        }
        return out;
    },
});

export const rules: Rule[] = [keyVault, statefulResource, managementLock, lockedStatefulResources];
