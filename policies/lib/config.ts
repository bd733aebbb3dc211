// The pack's configuration (standard policy config: `pulumi preview --policy-pack-config FILE`, or
// the checker's --policy-config FILE), its JSON schema, defaults, and exemptions.
import type { ControlId } from "../controls";
import { controlIds } from "../controls";
import { StackEnvironment, stackEnvironments } from "./environment";

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
    /** Exemptions of this policy. Default none. */
    exemptions: Exemption[];
    /** The day exemptions are judged on, YYYY-MM-DD. Default today (tests set it). */
    today?: string;
    /**
     * Which environment the stack is (policies/lib/environment.ts): "prod" (default), "staging" or "dev".
     * Outside prod the DELETION-PROTECTION rules do not ask for deletion protection. Read from the pack
     * config only, never from a tag on a resource (a tag is written by the program being judged).
     */
    environment: StackEnvironment;
}

/** The shape of a region name on each cloud: us-east-1 (AWS), eastus2 (Azure), us-central1 or the multi-region US (Google). */
const regionShape: Readonly<Record<"aws" | "azure" | "gcp", RegExp>> = {
    aws: /^[a-z]{2}(-[a-z]+)+-\d+$/, azure: /^[a-z]+\d*$/, gcp: /^([a-z]+-[a-z]+\d+|us|eu|asia|nam\d+|eur\d+)$/i,
};

/**
 * "one of ..." for a residency finding, naming the allowed regions of that cloud only (the list is shared
 * by all three clouds; an AWS finding listing Azure locations reads as if they were allowed there).
 */
export function allowedRegionsText(regions: readonly string[], cloud: "aws" | "azure" | "gcp", quote = false): string {
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
        minimumRetentionDays: 2190,
        requiredTags: ["tenant", "data-classification"],
        exemptions: [],
        environment: "prod",
    };
}

/** The JSON schema every policy publishes (the engine validates `--policy-pack-config` against it). */
const defaults: PackConfig = Object.freeze(defaultPackConfig());

export const configSchema = {
    properties: {
        allowedRegions: { type: "array", items: { type: "string" }, default: defaults.allowedRegions },
        minimumRetentionDays: { type: "integer", minimum: 1, default: defaults.minimumRetentionDays },
        requiredTags: { type: "array", items: { type: "string" }, default: defaults.requiredTags },
        exemptions: {
            type: "array",
            default: [],
            items: {
                type: "object",
                properties: {
                    control: { type: "string", enum: [...controlIds] },
                    resource: { type: "string", minLength: 1 },
                    reason: { type: "string" },
                    expires: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" },
                },
                required: ["control", "resource", "expires"],
            },
        },
        today: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" },
        environment: { type: "string", enum: [...stackEnvironments], default: defaults.environment },
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
        today: given.today,
        environment: given.environment ?? d.environment,
    };
}

/** Why an exemption cannot apply (expired, no reason), or undefined when it holds. */
export function exemptionProblem(e: Exemption, today: string): string | undefined {
    if (!e.reason || !e.reason.trim()) return `the exemption of ${e.control} for "${e.resource}" gives no reason`;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(e.expires ?? "")) return `the exemption of ${e.control} for "${e.resource}" has no expiry date (YYYY-MM-DD)`;
    if (e.expires < today) return `the exemption of ${e.control} for "${e.resource}" expired on ${e.expires}`;
    return undefined;
}

/** Whether an exemption's resource (URN, or `*` pattern on name or URN) names this resource. */
export function exemptionMatches(e: Exemption, urn: string | null, name: string | null): boolean {
    if (e.resource === urn) return true;
    const pattern = new RegExp("^" + e.resource.split("*").map(escapeRegExp).join(".*") + "$");
    return (name !== null && pattern.test(name)) || (urn !== null && pattern.test(urn));
}

export function todayIso(config: PackConfig): string {
    return config.today ?? new Date().toISOString().slice(0, 10);
}

function escapeRegExp(s: string): string {
    return s.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
}
