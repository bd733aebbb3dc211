// An exemption declared on the resource itself, as a tag (AWS, Azure) or a Google Cloud label: the one
// format, its one parser, and when it holds (README.md "Exemptions declared on a resource").
//
//   tag:   hipaa-cloud:exemption:<CONTROL>       = until-<YYYY-MM-DD>_<reason>
//   label: hipaa-cloud_exemption_<control>       = until-<YYYY-MM-DD>_<reason>
//          (lower case: Google label keys and values allow only [a-z0-9_-], 63 characters; the value
//          form fits a label, e.g. until-2027-03-31_sec-142-legacy-import, and is the same on tags)
//
// A declared exemption holds under the limits of a policy-config exemption (config.ts
// exemptionProblem: a real date, at most a year ahead of the judging day, a visible reason), and:
// - only in the resource's own `tags` or `labels`: never the provider's default tags/labels nor the
//   computed `tagsAll`, which copy one tag onto every resource of the provider;
// - only in the exact spelling above: a near miss (other case, spaces, the control in lower case on a
//   tag) does not exempt, and the finding names the key and the spelling wanted;
// - never on a data store (the stateful types DELETION-PROTECTION guards on each cloud: buckets,
//   databases, warehouses, keys, log stores). A tag is written by the program being judged and can be
//   copied onto any PHI store in one line; only the policy config, which the program does not write,
//   can exempt one. Elsewhere (a cluster, a function, a network resource) the declared exemption is
//   honoured and listed in every report as declared on the resource.
import { exemptionLabelPrefix as labelPrefix, exemptionTagPrefix as tagPrefix } from "../../facts/tags";
import { ControlId, controlIds } from "../controls";
import { statefulTypes } from "../../facts/stateful-types";
import { exemptionProblem } from "./config";
import { looseForm } from "./inputs";
import type { PolicyResource } from "./rule";
import { isUnknown, show } from "./values";

const valueShape = /^until-(\d{4}-\d{2}-\d{2})_(.*)$/s;

/** The tag key that declares an exemption of `control` (AWS, Azure). */
export function exemptionTagKey(control: ControlId): string {
    return `${tagPrefix}${control}`;
}

/** The label key that declares an exemption of `control` (Google Cloud: lower case). */
export function exemptionLabelKey(control: ControlId): string {
    return `${labelPrefix}${control.toLowerCase()}`;
}

/** The value of a declared exemption: its last day and its reason (a slug of [a-z0-9-] for a label). */
export function exemptionTagValue(expires: string, reason: string): string {
    return `until-${expires}_${reason}`;
}

/** The types a declared exemption never exempts: the data stores of the three clouds. */
export const dataStoreTypes: ReadonlySet<string> = new Set(Object.values(statefulTypes).flat());

/** A declared exemption found on a resource, judged. */
export interface DeclaredExemption {
    control: ControlId;
    /** Where it was found: "tags" or "labels", and the key as written. */
    property: "tags" | "labels";
    key: string;
    /** The reason and last day, when the value has the declared form ("" otherwise). */
    reason: string;
    expires: string;
    /** Why it does not exempt; undefined when it holds. */
    problem?: string;
}


/** The control a key declares an exemption of, matched loosely (any case, spaces, `:` or `_`); undefined if none. */
function looseControl(key: string): ControlId | undefined {
    const k = looseForm(key);
    const prefix = [tagPrefix, labelPrefix].find(p => k.startsWith(p));
    if (!prefix) return undefined;
    const control = k.slice(prefix.length).toUpperCase();
    return controlIds.find(c => c === control);
}

/**
 * Every exemption of one of `controls` declared on the resource's own tags and labels (spelled
 * exactly or nearly), each with the problem that keeps it from exempting, if any.
 */
export function declaredExemptions(resource: PolicyResource | undefined, controls: readonly ControlId[], today: string): DeclaredExemption[] {
    if (!resource) return [];
    const out: DeclaredExemption[] = [];
    for (const property of ["tags", "labels"] as const) {
        const bag = resource.props[property];
        if (!bag || typeof bag !== "object" || Array.isArray(bag) || isUnknown(bag)) continue;
        for (const [key, value] of Object.entries(bag as Record<string, unknown>)) {
            const control = looseControl(key);
            if (control && controls.includes(control)) out.push(judge(resource, property, key, control, value, today));
        }
    }
    return out;
}

function judge(resource: PolicyResource, property: "tags" | "labels", key: string, control: ControlId, value: unknown, today: string): DeclaredExemption {
    const found: DeclaredExemption = { control, property, key, reason: "", expires: "" };
    const what = `the ${property === "tags" ? "tag" : "label"} ${JSON.stringify(key)}`;
    if (key !== exemptionTagKey(control) && key !== exemptionLabelKey(control)) {
        return { ...found, problem: `${what} is not spelled ${JSON.stringify(exemptionTagKey(control))} (tag) or ${JSON.stringify(exemptionLabelKey(control))} (label)` };
    }
    const parsed = typeof value === "string" && !isUnknown(value) ? valueShape.exec(value) : null;
    if (!parsed) {
        return { ...found, problem: `${what} is ${show(value)}; wanted "until-YYYY-MM-DD_<reason>" (the last day it holds, then why)` };
    }
    const [, expires, reason] = parsed;
    const problem = exemptionProblem({ control, resource: resource.name, reason, expires }, today);
    if (problem) return { ...found, reason, expires, problem: `${what}: ${problem}` };
    if (dataStoreTypes.has(resource.type)) {
        return { ...found, reason, expires, problem: `${what} is on a data store (${resource.type}): a tag can be copied onto any PHI store, so only the policy config can exempt one` };
    }
    return { ...found, reason, expires };
}
