// The one rule builder of the clouds' no-safeguard tables (policies/<cloud>/no-safeguard.ts): a type that
// stores no PHI, grants nothing, opens no network path and changes no encryption or logging is judged not
// applicable, with the table's reason, only while it has no input beyond those the table read.
import type { ControlId } from "../controls";
import { notApplicable, notOfKind, resourceRule, Rule } from "./rule";

export interface NoSafeguardEntry {
    /** The type and its older spellings. */
    types: readonly string[];
    /** `<cloud>-<control>-<slug>` names the rule. */
    slug: string;
    control: ControlId;
    /** The inputs that leave it not applicable: an input beyond these leaves the resource not judged. */
    inputs: readonly string[];
    reason: string;
}

export function noSafeguardRules(cloud: Rule["cloud"], table: string, entries: readonly NoSafeguardEntry[]): Rule[] {
    return entries.map(entry => resourceRule({
        name: `${cloud}-${entry.control.toLowerCase()}-${entry.slug}`, cloud, controls: [entry.control], severity: "low",
        types: entry.types,
        description: `Not applicable to ${entry.types[0]}, with the reason: ${entry.reason}.`,
        remediation: "Nothing to set on this resource; the safeguards apply to the resources named in the reason.",
        check: r => {
            // An input the table did not read (a newer SDK, a misspelt or invented key) might change what the
            // resource does: then the table's reason no longer covers it, and the resource stays not judged.
            // `__`-keys are the engine's bookkeeping (a bridged provider's `__defaults`), never an input of the cloud.
            const other = Object.keys(r.props).filter(k => !entry.inputs.includes(k) && !k.startsWith("__") && r.props[k] !== undefined);
            if (other.length) {
                return notOfKind(`${entry.types[0]} with input ${other.map(k => `"${k}"`).join(", ")}, beyond the inputs ${entry.inputs.join(", ")} ` +
                    `that make it not applicable (${table})`);
            }
            return notApplicable(entry.reason);
        },
    }));
}
