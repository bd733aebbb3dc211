// LOG-INTEGRITY on Azure: an archive of logs cannot be altered or deleted (CONTROLS.md 1b). A storage
// account is a log archive when a diagnostic setting (resource or subscription) writes to it through
// storageAccountId: that is the one sign any program gives, ours or hand-written. Such an account
// needs account-level immutability (WORM with versioning), locked, for at least the retention period.
import { armReads, equalsAnyIgnoreCase, toNumber } from "../lib/inputs";
import { expect, Rule, stackRule, Violation } from "../lib/rule";
import { diagnosticSettingTypes, subscriptionDiagnosticSettingTypes, T } from "./support/tokens";
import { relate } from "./support/relations";

const controls = ["LOG-INTEGRITY"] as const;

export const logArchiveAccount = stackRule({
    name: "azure-log-integrity-log-archive-storage-account", cloud: "azure", controls: [...controls], severity: "high",
    description: "A storage account that receives diagnostic logs is immutable: versioned WORM storage with a locked policy at least as long as the retention minimum.",
    remediation: "Set immutableStorageWithVersioning {enabled: true, immutabilityPolicy: {immutabilityPeriodSinceCreationInDays: >= the retention minimum, state: \"Locked\"}} on the log archive account (enabled is create-only; locking is irreversible).",
    check: (stack, config) => {
        const writers = relate(stack, [...diagnosticSettingTypes, ...subscriptionDiagnosticSettingTypes], "storageAccountId", [T.storageAccount]);
        const out: Violation[] = [];
        for (const account of stack.ofType(T.storageAccount)) {
            if (!writers.of.get(account.urn)?.length) continue;
            const p = account.props, minimum = config.minimumRetentionDays;
            out.push(
                ...expect(p, "immutableStorageWithVersioning.enabled", armReads.on, "true", account),
                ...expect(p, "immutableStorageWithVersioning.immutabilityPolicy.immutabilityPeriodSinceCreationInDays",
                    v => toNumber(v) >= minimum, `at least ${minimum}`, account),
                ...expect(p, "immutableStorageWithVersioning.immutabilityPolicy.state", v => equalsAnyIgnoreCase(v, "Locked"), "\"Locked\"", account),
            );
        }
        // A setting whose archive is unknown at preview may write to any account: judged at `pulumi up`.
        for (const ds of writers.unresolved) {
            out.push({ resource: ds, property: "storageAccountId", found: ds.props.storageAccountId, wanted: "an immutable log archive account" });
        }
        return out;
    },
});

export const rules: Rule[] = [logArchiveAccount];
