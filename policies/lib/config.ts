// The pack's configuration (standard policy config: `pulumi preview --policy-pack-config FILE`, or
// the checker's --policy-config FILE), its JSON schema, defaults, and exemptions.
import { ascii, isCalendarDate, movedJudgingDay, oneYearAfter, realTodayIso, todayVariable } from "../../facts/calendar";
import type { Cloud } from "../../facts/clouds";
import { Environment, environments, productionEnvironment } from "../../facts/environments";
import { auditRetentionFloorDays } from "../../facts/retention";
import { requiredTagKeys } from "../../facts/tags";
import type { ControlId } from "../controls";
import { controlIds } from "../controls";

// The judging day and calendar dates are facts the hospital config shares: defined in facts/calendar.ts.
export { isCalendarDate, oneYearAfter, realTodayIso, todayIso, todayVariable } from "../../facts/calendar";

/**
 * For the policy pack the engine loads (`pulumi preview --policy-pack`): it judges on the clock's day. The engine
 * has no command line of ours on which to ask for another day (the checker's --judging-day), so a
 * HIPAA_CLOUD_TODAY naming another day, left in a CI job's environment or set by whoever controls it, would
 * let an expired exemption or research share hold unseen: the pack refuses to start instead.
 */
export function refuseMovedJudgingDay(): void {
    const set = movedJudgingDay();
    if (set === undefined) return;
    throw new Error(`hipaa-cloud policy pack: ${todayVariable}=${ascii(set)} is set, which would judge exemptions, research shares and key expiry on another day ` +
        `than today (${realTodayIso()}). The pack judges on today's date under the engine: unset ${todayVariable} (the checker asks for another day with --judging-day)`);
}

/** An exemption: data with an owner (control, resource, reason, expiry). */
export interface Exemption {
    /** The control exempted, e.g. "PUBLIC-ACCESS". */
    control: ControlId;
    /** The resource: its URN, or a pattern on its name or URN where `*` matches any text. */
    resource: string;
    /** Why: a person must be able to read it in the report. */
    reason: string;
    /** Last day the exemption holds, YYYY-MM-DD; after it the finding is mandatory again. */
    expires: string;
}

export interface PackConfig {
    /** Regions resources may live in (RESIDENCY). Default: the US regions of the three clouds, where the BAAs of all three apply. */
    allowedRegions: string[];
    /** Minimum days logs are kept (RETENTION). Default 2190 (six years). */
    minimumRetentionDays: number;
    /** Tags (labels on Google Cloud) every taggable resource must carry (TAGGING). Default tenant and data-classification. */
    requiredTags: string[];
    /** Exemptions of this policy. Default none. The day they are judged on is not config: see todayIso. */
    exemptions: Exemption[];
    /**
     * Which environment the stack is (policies/lib/environment.ts): "prod" (default), "staging" or "dev".
     * Outside prod the DELETION-PROTECTION rules do not ask for deletion protection. Read from the pack
     * config only, never from a tag on a resource (a tag is written by the program being judged).
     */
    environment: Environment;
}

/** The shape of a region name on each cloud: us-east-1 (AWS), eastus2 (Azure), us-central1 or the multi-region US (Google). */
const regionShape: Readonly<Record<Cloud, RegExp>> = {
    aws: /^[a-z]{2}(-[a-z]+)+-\d+$/, azure: /^[a-z]+\d*$/, gcp: /^([a-z]+-[a-z]+\d+|us|eu|asia|nam\d+|eur\d+)$/i,
};

/**
 * "one of ..." for a residency finding, naming the allowed regions of that cloud only (the list is shared
 * by all three clouds; an AWS finding listing Azure locations reads as if they were allowed there).
 */
export function allowedRegionsText(regions: readonly string[], cloud: Cloud, quote = false): string {
    const own = regions.filter(r => regionShape[cloud].test(r));
    return `one of ${(own.length ? own : regions).map(r => quote ? JSON.stringify(r) : r).join(", ")}`;
}

export const defaultAllowedRegions: readonly string[] = [
    "us-east-1", "us-east-2", "us-west-1", "us-west-2", "us-gov-east-1", "us-gov-west-1",
    "eastus", "eastus2", "centralus", "northcentralus", "southcentralus", "westcentralus", "westus", "westus2", "westus3",
    "usgovvirginia", "usgovarizona", "usgovtexas",
    "us-central1", "us-east1", "us-east4", "us-east5", "us-south1", "us-west1", "us-west2", "us-west3", "us-west4", "us",
];

export function defaultPackConfig(): PackConfig {
    return {
        allowedRegions: [...defaultAllowedRegions],
        minimumRetentionDays: auditRetentionFloorDays,
        requiredTags: [...requiredTagKeys],
        exemptions: [],
        environment: productionEnvironment,
    };
}

/**
 * Bounds on what an exemption may hold: a list the size of a phone book, or a reason of ten thousand
 * characters, is not something a person reviews.
 */
export const exemptionLimits = { perPolicy: 500, resource: 1024, reason: 500, minReasonCharacters: 3, minPatternCharacters: 3 } as const;

/** The JSON schema every policy publishes (the engine validates `--policy-pack-config` against it). */
const defaults: PackConfig = Object.freeze(defaultPackConfig());

export const configSchema = {
    properties: {
        allowedRegions: { type: "array", items: { type: "string", minLength: 1 }, default: defaults.allowedRegions },
        minimumRetentionDays: { type: "integer", minimum: 1, default: defaults.minimumRetentionDays },
        requiredTags: { type: "array", items: { type: "string", minLength: 1 }, default: defaults.requiredTags },
        exemptions: {
            type: "array",
            default: [],
            maxItems: exemptionLimits.perPolicy,
            items: {
                type: "object",
                properties: {
                    control: { type: "string", enum: [...controlIds] },
                    resource: { type: "string", minLength: 1, maxLength: exemptionLimits.resource },
                    reason: { type: "string", minLength: 1, maxLength: exemptionLimits.reason },
                    expires: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" },
                },
                required: ["control", "resource", "reason", "expires"],
                additionalProperties: false,
            },
        },
        environment: { type: "string", enum: [...environments], default: defaults.environment },
    },
} as const;

const resolved = new WeakMap<object, PackConfig>();

/**
 * A policy's config as given (possibly partial) → the full config with defaults. Resolved once per
 * config object: rules run it for every resource.
 */
export function resolveConfig(given: Partial<PackConfig> | undefined): PackConfig {
    if (!given) return defaults;
    let config = resolved.get(given);
    if (!config) {
        config = withDefaults(given);
        resolved.set(given, config);
    }
    return config;
}

function withDefaults(given: Partial<PackConfig>): PackConfig {
    const d = defaults;
    return {
        allowedRegions: given.allowedRegions ?? d.allowedRegions,
        minimumRetentionDays: given.minimumRetentionDays ?? d.minimumRetentionDays,
        requiredTags: given.requiredTags ?? d.requiredTags,
        exemptions: given.exemptions ?? d.exemptions,
        environment: given.environment ?? d.environment,
    };
}


// --- Exemptions: the one place their rules live. The checker refuses a config that breaks one (exit
// 2, naming the key); on the engine path (`pulumi preview --policy-pack`), where the config cannot be
// refused, an exemption that breaks one simply does not hold, and the finding says why.

export const exemptionFields = ["control", "resource", "reason", "expires"] as const;

/** A rule an exemption breaks: the field (null: the exemption as a whole) and why. */
export interface ExemptionFault { field: typeof exemptionFields[number] | null; message: string }

/**
 * Every rule an exemption breaks, judged on `today` (YYYY-MM-DD). `controls`: the controls of the policy
 * it sits under, when known (the checker knows; on the engine path the control must simply match a
 * finding's). An expiry in the past is not a fault: the exemption just no longer holds (exemptionProblem).
 */
export function exemptionFaults(e: unknown, today: string, controls?: readonly ControlId[]): ExemptionFault[] {
    if (!e || typeof e !== "object" || Array.isArray(e)) return [{ field: null, message: `got ${shown(e)}; expected {${exemptionFields.join(", ")}}` }];
    const faults: ExemptionFault[] = [];
    const ex = e as Record<string, unknown>;
    for (const key of Object.keys(ex)) {
        if (!(exemptionFields as readonly string[]).includes(key)) faults.push({ field: null, message: `unknown field ${shown(key)}; an exemption has only ${exemptionFields.join(", ")}` });
    }
    const control = ex.control;
    if (!controlIds.includes(control as ControlId)) {
        const near = typeof control === "string" ? controlIds.find(id => id === control.trim().toUpperCase()) : undefined;
        faults.push({ field: "control", message: `got ${shown(control)}; expected ${near ? `"${near}" (control ids are upper case)` : `one of ${controlIds.join(", ")}`}` });
    } else if (controls && !controls.includes(control as ControlId)) {
        faults.push({ field: "control", message: `got "${control}", which this policy does not report; it reports ${controls.join(", ")}` });
    }
    const resourceFault = resourcePatternFault(ex.resource);
    if (resourceFault) faults.push({ field: "resource", message: resourceFault });
    const reasonFault = reasonFaultOf(ex.reason);
    if (reasonFault) faults.push({ field: "reason", message: reasonFault });
    if (!isCalendarDate(ex.expires)) {
        faults.push({ field: "expires", message: `got ${shown(ex.expires)}; expected a real calendar date YYYY-MM-DD` });
    } else if (ex.expires > oneYearAfter(today)) {
        faults.push({ field: "expires", message: `got "${ex.expires}"; an exemption runs at most one year, to ${oneYearAfter(today)} (judged on ${today}): renew it then` });
    }
    return faults;
}

/**
 * Why an exemption cannot apply on `today` — it breaks a rule (exemptionFaults) or it has expired — or
 * undefined when it holds. What a finding that it matched says.
 */
export function exemptionProblem(e: Exemption, today: string): string | undefined {
    const what = `the exemption of ${shown(e?.control)} for ${shown(e?.resource)}`;
    const faults = exemptionFaults(e, today);
    if (faults.length) return `${what}: ${faults.map(f => `${f.field ?? "the exemption"}: ${f.message}`).join("; ")}`;
    if (e.expires < today) return `${what} expired on ${e.expires}`;
    return undefined;
}

/** Why a policy's list of exemptions cannot be read at all (not a list, or longer than a person reviews), or undefined. */
export function exemptionListProblem(list: unknown): string | undefined {
    if (!Array.isArray(list)) return `exemptions: got ${shown(list)}; expected a list of {${exemptionFields.join(", ")}}`;
    if (list.length > exemptionLimits.perPolicy) return `exemptions: ${list.length} given; at most ${exemptionLimits.perPolicy} per policy, so none of them is read`;
    return undefined;
}

/**
 * Whether an exemption's resource names this resource: a name or URN given whole, or a `*` pattern on
 * the name (`*` matches any text). A URN-shaped pattern is matched against the URN too, so that a
 * finding it reaches can say why it does not hold (resourcePatternFault refuses it).
 */
export function exemptionMatches(e: Exemption, urn: string | null, name: string | null): boolean {
    const pattern: unknown = e?.resource;
    if (typeof pattern !== "string" || !pattern) return false;
    if (!pattern.includes("*")) return pattern === urn || pattern === name;
    return (name !== null && globMatches(pattern, name)) || (urn !== null && looksLikeUrn(pattern) && globMatches(pattern, urn));
}

// Characters that carry no visible text, or that rewrite how a report reads: controls (a newline could
// forge a report line), bidirectional overrides and isolates, line and paragraph separators.
const unprintable = /[\p{Cc}\u202A-\u202E\u2066-\u2069\u2028\u2029]/u;
// Letters that render as blanks (Hangul fillers): no more visible than a space.
const blankLetters = new Set(["\u115F", "\u1160", "\u3164", "\uFFA0"]);

/** How many letters or digits a text has that a reader can see. */
function visibleCharacters(s: string): number {
    return [...s.matchAll(/[\p{L}\p{N}]/gu)].filter(m => !blankLetters.has(m[0])).length;
}

function reasonFaultOf(reason: unknown): string | undefined {
    if (reason === undefined) return `missing; give the reason a person reviews (at least ${exemptionLimits.minReasonCharacters} letters or digits)`;
    if (typeof reason !== "string") return `got ${shown(reason)}; expected text`;
    if (reason.length > exemptionLimits.reason) return `${reason.length} characters; at most ${exemptionLimits.reason}`;
    if (unprintable.test(reason)) return `got ${shown(reason)}; control, line-separator and bidirectional characters are not allowed`;
    if (visibleCharacters(reason) < exemptionLimits.minReasonCharacters) {
        return `got ${shown(reason)}; expected visible text, at least ${exemptionLimits.minReasonCharacters} letters or digits (blanks, zero-width and format characters do not count)`;
    }
    return undefined;
}

/**
 * A resource is named whole (its name or URN), or by a `*` pattern on its name with at least three
 * letters or digits besides the `*`s: `*`, `**`, `*-*` or `*:*` match every name, and an exemption
 * that names everything is switching the check off. A `*` pattern on a URN is refused: every URN
 * shares its `urn:pulumi:<stack>::<project>::` head, so a URN pattern narrows nothing a count can see.
 */
function resourcePatternFault(resource: unknown): string | undefined {
    if (typeof resource !== "string" || !resource) return `got ${shown(resource)}; expected a resource name, a URN, or a name pattern (* matches any text)`;
    if (resource.length > exemptionLimits.resource) return `${resource.length} characters; at most ${exemptionLimits.resource}`;
    if (unprintable.test(resource) || resource.trim() !== resource) return `got ${shown(resource)}; a name has no control characters and no surrounding blanks`;
    if (!resource.includes("*")) return undefined;
    if (looksLikeUrn(resource)) return `got ${shown(resource)}; a URN is matched whole: * patterns match resource names only`;
    if (visibleCharacters(resource.replace(/\*/g, "")) < exemptionLimits.minPatternCharacters) {
        return `got ${shown(resource)}; a pattern needs at least ${exemptionLimits.minPatternCharacters} letters or digits besides its *s, so that it names some resources, not all`;
    }
    return undefined;
}

function looksLikeUrn(s: string): boolean {
    return s.startsWith("urn:") || s.includes("::");
}

/** `*` matches any text; everything else itself. Linear in practice, no regular expression to blow up. */
function globMatches(pattern: string, text: string): boolean {
    let p = 0, t = 0, star = -1, resume = 0;
    while (t < text.length) {
        if (p < pattern.length && pattern[p] === "*") { star = p++; resume = t; }
        else if (p < pattern.length && pattern[p] === text[t]) { p++; t++; }
        else if (star >= 0) { p = star + 1; t = ++resume; }
        else return false;
    }
    while (pattern[p] === "*") p++;
    return p === pattern.length;
}

/** A character as \\u200b (or \\u{e0041} beyond the 16-bit range). */
export function escaped(c: string): string {
    const code = c.codePointAt(0) ?? 0;
    return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, "0")}`;
}

/** A value as a message shows it: JSON, cut short, invisible characters spelled out (\\u200b). */
export function shown(v: unknown): string {
    const text = (v === undefined ? "nothing" : JSON.stringify(v) ?? String(v))
        .replace(/[\p{Cf}\p{Zs}\p{Zl}\p{Zp}\u115F\u1160\u2800\u3164\uFFA0]/gu, c => c === " " ? c : escaped(c));
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
