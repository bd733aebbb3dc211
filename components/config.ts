// The cloud-neutral hospital model: the `hospital:*` config keys, their defaults, and validation that
// reports every problem at once (each bad key, the value given, what is allowed) before any resource
// is registered. The schema is the single source of the defaults documented in the README.
import { z } from "zod";
import { isCalendarDate, oneYearAfter, todayVariable } from "../facts/calendar";
import { componentsJudgingDay } from "./judging-day";
import type { Cloud } from "../facts/clouds";
import { clouds } from "../facts/clouds";
import type { Environment } from "../facts/environments";
import { environments, productionEnvironment } from "../facts/environments";
import { auditRetentionFloorDays, cloudWatchRetentionValues, defaultAuditRetentionDays, defaultPhiVersionDays } from "../facts/retention";
import { isRfc1918, parseCidr } from "./cidr";
import { platformTagKeys, reservedTagKey, reservedTagPrefix } from "./naming";
import { cloudRegions, regionSources, regionsOffering } from "./regions";
import { existingAllowed, kmsKeyProblem, resourceIdProblem } from "./aws/existing";

export { clouds, environments };
export type { Cloud, Environment };
export const services = ["storage", "processing", "warehouse", "imaging", "analysis"] as const;
export const processingProfiles = ["analytics", "genomics"] as const;
export type Service = typeof services[number];
export type ProcessingProfile = typeof processingProfiles[number];

/** The config namespace of every key below. */
export const namespace = "hospital";

export const tenantPattern = /^[a-z][a-z0-9-]{1,30}$/;
/** The least `retention.auditDays`: six years (facts/retention.ts), as RETENTION asks. */
export const minimumAuditDays = auditRetentionFloorDays;

const privateCidr = z.string().refine(isPrivateCidr, {
    message: "a private IPv4 range from 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16, with a prefix from /16 to /22, " +
        "written canonically: no leading zeros, no spaces, no host bits (e.g. 10.40.0.0/16)",
});

/** At most this many research partners: each is a grant a person must review before it expires. */
export const maxPartners = 20;
/** A partner id and a dataset name: letters and digits only, so that they are valid in every cloud's names. */
const partnerIdPattern = /^[a-z][a-z0-9-]{1,30}$/;
const datasetPattern = /^[a-z][a-z0-9]{2,30}$/;

/** One research partner (hospital:sharing[i]); which principal field it needs depends on the cloud (sharingProblems). */
const partnerSchema = z.object({
    /** The partner's slug, unique in the list; part of resource names. */
    id: z.string({ message: "a slug matching [a-z][a-z0-9-]{1,30}" }).regex(partnerIdPattern, "a slug matching [a-z][a-z0-9-]{1,30}"),
    /** Who the partner is on the hospital's cloud: {account} on aws, {tenantId, objectId} on azure, {member} on gcp. */
    principal: z.object({
        account: z.string({ message: "a 12-digit AWS account id, as text" }).optional(),
        tenantId: z.string({ message: "an Entra tenant id (a GUID)" }).optional(),
        objectId: z.string({ message: "an Entra object id (a GUID)" }).optional(),
        member: z.string({ message: "a Google group: or serviceAccount: member" }).optional(),
    }, { message: "an object: {account} on aws, {tenantId, objectId} on azure, {member} on gcp" }).strict(),
    /** The dataset of the de-identified zone the partner may read (an S3 prefix/Glue database, a container, a BigQuery dataset). */
    dataset: z.string({ message: "a dataset name matching [a-z][a-z0-9]{2,30}" }).regex(datasetPattern, "a dataset name matching [a-z][a-z0-9]{2,30}: letters and digits, valid in every cloud's names"),
    /** The last day the partner may read, YYYY-MM-DD: after today and at most one year ahead. */
    expires: z.string({ message: "a date YYYY-MM-DD as text (quote it in YAML)" }),
}, { message: "an object {id, principal, dataset, expires}" }).strict();

const schema = z.object({
    tenant: z.string().regex(tenantPattern, {
        message: "a slug matching [a-z][a-z0-9-]{1,30}: a lower-case letter, then 1 to 30 lower-case letters, digits or '-'",
    }),
    cloud: z.enum(clouds, { message: `one of ${clouds.join(", ")}` }),
    region: z.string({ message: "a region of the chosen cloud" }).min(1, "a region of the chosen cloud"),
    /** Default `prod`: the most protective. */
    environment: z.enum(environments, { message: `one of ${environments.join(", ")}` }).default(productionEnvironment),
    /** Default: every service (all five); a list given keeps exactly the services it names. */
    services: z.array(z.enum(services, { message: `each one of ${services.join(", ")}` }))
        .min(1, `at least one of ${services.join(", ")}`)
        .refine(list => new Set(list).size === list.length, "each service at most once")
        .default([...services]),
    /** Principals who administer keys and data (AWS IAM ARNs, Entra object ids, Google members). Required in prod. */
    admins: z.array(z.string()).default([]),
    processing: z.object({
        /** `analytics` (default) or `genomics`: memory-optimised nodes and a data prefix of its own. */
        profile: z.enum(processingProfiles, { message: `one of ${processingProfiles.join(", ")}` }).default("analytics"),
        /** Worker nodes; default 2. */
        workers: z.number().int().min(1).max(100).default(2),
        /** Worker instance/VM type; default per cloud and profile (see each cloud's processing component). */
        instanceType: z.string().min(1).optional(),
    }).strict().default({ profile: "analytics", workers: 2 }),
    warehouse: z.object({
        /** Warehouse nodes (Redshift nodes); default 2. */
        nodes: z.number().int().min(1).max(32).default(2),
        /** Node type / SKU; default per cloud (see each cloud's warehouse component). */
        nodeType: z.string().min(1).optional(),
    }).strict().default({ nodes: 2 }),
    retention: z.object({
        /** Days audit logs are kept; default 2192 (six calendar years); at least 2190 (six years of 365 days). */
        auditDays: z.number().int().min(minimumAuditDays, `at least ${minimumAuditDays} days (six years)`).default(defaultAuditRetentionDays),
        /**
         * Days a PHI object's non-current versions are kept before expiry (AWS and Google Cloud lifecycle rules);
         * default 2190 (six years of 365 days); at least 30. Azure's previous blob versions never expire (the
         * platform sets no lifecycle policy), so they are kept at least this long and nothing reads it there.
         */
        phiDays: z.number().int().min(30).default(defaultPhiVersionDays),
    }).strict().default({ auditDays: defaultAuditRetentionDays, phiDays: defaultPhiVersionDays }),
    network: z.object({
        /** Private address space of the hospital network; default 10.40.0.0/16. */
        cidr: privateCidr.default("10.40.0.0/16"),
    }).strict().default({ cidr: "10.40.0.0/16" }),
    /**
     * Extra tags/labels on every resource, on top of the platform's own (tenant, environment,
     * data-classification, managed-by), which they cannot set; the cloud's limits are checked with
     * the other keys (tagProblems).
     */
    tags: z.record(z.string(), z.string({ message: "a text value" })).default({}),
    aws: z.object({
        /**
         * The stack that declares this AWS account's and region's account-wide settings (EMR block public
         * access: one per account and region); default: this stack. Name another hospital's stack when
         * several share an account and region: two stacks declaring it would each reset it when destroyed.
         */
        accountSettingsStack: z.string().regex(/^[\w.-]{1,100}$/, "a stack name").optional(),
        /**
         * The AWS Organizations root, OU or account id the AI services opt-out policy is attached to, when this
         * stack runs with the organisation's management (or delegated administrator) rights; default none: the
         * organisation declares the opt-out itself, and the pack reports that the stack cannot show it (analysis).
         */
        aiOptOutTargetId: z.string().regex(/^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|\d{12})$/,
            "an AWS Organizations root (r-...), OU (ou-...-...) or account id (12 digits)").optional(),
        /**
         * What the hospital's landing zone already has, which the platform then uses instead of creating
         * its own (components/aws/existing.ts checks them): a customer-managed key, and a VPC with its
         * private subnets (hospital:network.cidr is then that VPC's CIDR). Default: the platform creates both.
         */
        existing: z.object({
            kmsKeyArn: z.string().refine(v => !kmsKeyProblem("", v), existingAllowed.kmsKey).optional(),
            network: z.object({
                vpcId: z.string().refine(v => !resourceIdProblem("", "vpc", v), existingAllowed.vpc),
                privateSubnetIds: z.array(z.string().refine(v => !resourceIdProblem("", "subnet", v), existingAllowed.subnet))
                    .refine(ids => ids.length > 0 && new Set(ids).size === ids.length, "at least one private subnet id, none twice"),
            }).strict().optional(),
        }).strict().optional(),
    }).strict().optional(),
    gcp: z.object({
        /** The Google Cloud project; default: the provider's `gcp:project`. */
        project: z.string().regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, "a Google Cloud project id").optional(),
        /** Access Context Manager policy number for a VPC Service Controls perimeter (needs organisation rights); default none. */
        accessPolicy: z.string().regex(/^\d+$/, "the numeric id of an access policy").optional(),
    }).strict().optional(),
    /**
     * Research partners who may read the hospital's de-identified zone (never PHI), read-only, until a
     * date; default none (then no de-identified zone and no ResearchShare). Checked per cloud with the
     * other keys (sharingProblems).
     */
    sharing: z.array(partnerSchema).max(maxPartners, `at most ${maxPartners} partners`).default([]),
}).strict();

export type HospitalConfig = z.output<typeof schema>;
/** The config as a user writes it: every key with a default may be left out. */
export type HospitalConfigInput = z.input<typeof schema>;
export const configKeys = Object.keys(schema.shape) as (keyof HospitalConfig)[];

/** One problem with one key: what was given and what is allowed. */
export interface ConfigProblem { key: string; value: unknown; allowed: string }

export class HospitalConfigError extends Error {
    constructor(public readonly problems: ConfigProblem[], source = "hospital config") {
        super(`${source} has ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n` +
            problems.map(p => `  - ${p.key}: got ${show(p.value)}; expected ${p.allowed}`).join("\n"));
        this.name = "HospitalConfigError";
    }
}

/**
 * Validates a hospital config (already parsed from Pulumi config) and returns it with every
 * default filled in, or throws one HospitalConfigError naming every problem.
 */
export function validateHospitalConfig(raw: Record<string, unknown>, source?: string, context: ConfigContext = {}): HospitalConfig {
    const problems: ConfigProblem[] = [];
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
        for (const issue of parsed.error.issues) {
            const path = issue.path.map(String);
            // An unknown key is reported once per key, with the keys that are allowed there.
            if (issue.code === "unrecognized_keys") {
                for (const k of issue.keys) {
                    problems.push({ key: keyName([...path, k]), value: valueAt(raw, [...path, k]), allowed: `no such key; allowed: ${allowedKeysAt(path)}` });
                }
                continue;
            }
            problems.push({ key: keyName(path), value: valueAt(raw, path), allowed: allowedText(issue) });
        }
    }
    // The checks across keys run on whatever parsed, so one run reports every problem at once.
    const config = parsed.success ? parsed.data : bestEffort(raw);
    problems.push(...crossFieldProblems(config), ...secretProblems(context.secretKeys ?? []));
    if (context.providerConfig) problems.push(...providerRegionProblems(config, context.providerConfig));
    if (problems.length || !parsed.success) throw new HospitalConfigError(hideSecrets(problems, context.secretKeys ?? []), source);
    return parsed.data;
}

/** What validation needs from the stack beyond the `hospital:*` keys (readHospitalConfig gives both). */
export interface ConfigContext {
    /** Config keys whose values are secrets (`secure:` in the stack file). */
    secretKeys?: readonly string[];
    /** The whole flat stack config, for the providers' region keys; when given they must agree with hospital:region. */
    providerConfig?: Record<string, string>;
}

/** A problem's value, when its key holds a secret: an error message is not a place for it. */
const secretShown = "[secret]";

function hideSecrets(problems: ConfigProblem[], secretKeys: readonly string[]): ConfigProblem[] {
    const secret = (key: string) => secretKeys.some(k => key === k || key.startsWith(`${k}.`) || key.startsWith(`${k}[`));
    return problems.map(p => secret(p.key) ? { ...p, value: secretShown } : p);
}

/** Keys whose values must not be secrets because the platform writes them in plain text. */
function secretProblems(secretKeys: readonly string[]): ConfigProblem[] {
    const tags = keyName(["tags"]);
    return secretKeys.includes(tags)
        ? [{ key: tags, value: secretShown, allowed: "plain text: tags are stored and shown in plain text on every resource, so a secure: value must not go in one" }]
        : [];
}

/**
 * The provider's own region key per cloud: where a resource that names no region actually goes. The
 * engine gives every resource the default provider built from it, and the policies judge RESIDENCY
 * from that provider (checker/providers.ts does the same offline).
 */
export const providerRegionKeys: Readonly<Record<Cloud, string>> = { aws: "aws:region", azure: "azure-native:location", gcp: "gcp:region" };

/**
 * hospital:region and the provider's region must agree, and the provider's must be set. Refused rather
 * than overridden with an explicit provider: an explicit provider reads none of the stack's other
 * provider config (credentials, assumed roles, default tags), and moving every existing resource to a
 * new provider would show as a change of each of them. Unset is refused too: the AWS and Google
 * providers then take the region from the deploying machine's environment (AWS_REGION, the CLI
 * profile, GOOGLE_REGION), which neither the checker nor the policy pack can see, so a report
 * could say us-east-1 while the resources went elsewhere.
 */
/** Azure reads a location in any case and with spaces ("East US" is eastus); AWS and Google take the exact name. */
function sameRegion(cloud: Cloud, a: string, b: string): boolean {
    const form = (r: string) => cloud === "azure" ? r.toLowerCase().replace(/\s+/g, "") : r;
    return form(a) === form(b);
}

function providerRegionProblems(config: Partial<CrossFieldInput>, all: Record<string, string>): ConfigProblem[] {
    if (!config.cloud || config.region === undefined) return [];
    const key = providerRegionKeys[config.cloud];
    const given = all[key];
    const problems: ConfigProblem[] = [];
    if (given === undefined) {
        problems.push({ key, value: undefined,
            allowed: `${config.region}, the same region as ${keyName(["region"])}: set it (unset, the provider takes a region from the deploying machine)` });
    } else if (!sameRegion(config.cloud, given, config.region)) {
        problems.push({ key, value: given,
            allowed: `${config.region}, the same region as ${keyName(["region"])} (${key} ${JSON.stringify(given)} and ${keyName(["region"])} ${JSON.stringify(config.region)} disagree)` });
    }
    // A Google default zone decides where zonal resources go; it must lie in the region.
    const zone = all["gcp:zone"];
    if (config.cloud === "gcp" && zone !== undefined && !zone.startsWith(`${config.region}-`)) {
        problems.push({ key: "gcp:zone", value: zone, allowed: `a zone of ${keyName(["region"])} ${config.region} (${config.region}-a, ...) or unset` });
    }
    return problems;
}

type CrossFieldInput = Pick<HospitalConfig, "cloud" | "region" | "environment" | "services" | "admins" | "retention" | "aws" | "gcp" | "tags"> & {
    /** A partner's fields, each where it is valid (bestEffort), or undefined where the entry is no object. */
    sharing: readonly (Partial<Partner> | undefined)[];
};

/** The keys the cross-key checks read, taken from a config that did not parse, where each is valid. */
function bestEffort(raw: Record<string, unknown>): Partial<CrossFieldInput> {
    const pick = <S extends z.core.$ZodType>(s: S, v: unknown): z.output<S> | undefined => { const r = z.safeParse(s, v); return r.success ? r.data : undefined; };
    return {
        cloud: pick(z.enum(clouds), raw.cloud),
        region: pick(z.string().min(1), raw.region),
        environment: pick(z.enum(environments).default(productionEnvironment), raw.environment),
        services: (pick(z.array(z.unknown()), raw.services) ?? []).filter((x): x is Service => services.includes(x as Service)),
        admins: (pick(z.array(z.unknown()), raw.admins) ?? []).filter((x): x is string => typeof x === "string"),
        retention: pick(z.object({ auditDays: z.number() }).passthrough(), raw.retention) as CrossFieldInput["retention"],
        aws: pick(z.object({}).passthrough(), raw.aws) as CrossFieldInput["aws"],
        gcp: pick(z.object({}).passthrough(), raw.gcp) as CrossFieldInput["gcp"],
        tags: Object.fromEntries(Object.entries(pick(z.record(z.string(), z.unknown()), raw.tags) ?? {}).filter((e): e is [string, string] => typeof e[1] === "string")),
        // Each partner's fields that parsed, at its own index, so that sharingProblems names the right entry
        // and judges the principal and the date of a partner whose other fields are wrong.
        sharing: (pick(z.array(z.unknown()), raw.sharing) ?? []).map(p => {
            const fields = pick(z.object({}).passthrough(), p) as Record<string, unknown> | undefined;
            if (!fields) return undefined;
            return { id: pick(partnerSchema.shape.id, fields.id), principal: pick(partnerSchema.shape.principal, fields.principal),
                dataset: pick(partnerSchema.shape.dataset, fields.dataset), expires: pick(partnerSchema.shape.expires, fields.expires) };
        }),
    };
}

/** Checks that need more than one key: region of the cloud, services offered there, per-cloud principals. */
export function crossFieldProblems(config: Partial<CrossFieldInput>): ConfigProblem[] {
    if (!config.cloud || config.region === undefined) return [];
    const problems: ConfigProblem[] = [];
    const regions = cloudRegions[config.cloud];
    if (!regions.includes(config.region)) {
        problems.push({ key: keyName(["region"]), value: config.region,
            allowed: `a region of ${config.cloud} (${regionSources[config.cloud].regions}): ${regions.join(", ")}` });
    } else {
        for (const service of config.services ?? services) {
            const offered = regionsOffering(config.cloud, service);
            if (!offered.includes(config.region)) {
                problems.push({ key: keyName(["services"]), value: service,
                    allowed: `${service} is not offered in ${config.cloud} region ${config.region}; ` +
                        `regions that offer it (${regionSources[config.cloud].services[service]}): ${offered.join(", ")}` });
            }
        }
    }
    const admins = config.admins ?? [];
    if ((config.environment ?? productionEnvironment) === productionEnvironment && admins.length === 0) {
        problems.push({ key: keyName(["admins"]), value: config.admins, allowed: `at least one administrator in prod: ${adminFormat[config.cloud].text}` });
    }
    const cloud = config.cloud;
    admins.forEach((admin, i) => {
        if (!adminFormat[cloud].pattern.test(admin)) {
            problems.push({ key: keyName(["admins", String(i)]), value: admin, allowed: adminFormat[cloud].text });
        }
    });
    // On AWS the audit logs live in CloudWatch Logs, which keeps only a fixed list of periods (CONTROLS.md G8).
    const auditDays = config.retention?.auditDays;
    if (config.cloud === "aws" && auditDays !== undefined && auditDays >= minimumAuditDays && !cloudWatchRetentionValues.includes(auditDays)) {
        problems.push({ key: keyName(["retention", "auditDays"]), value: auditDays,
            allowed: `on aws a CloudWatch Logs retention of six years or more: ${cloudWatchRetentionValues.filter(d => d >= minimumAuditDays).join(", ")}` });
    }
    problems.push(...tagProblems(config.cloud, config.tags ?? {}));
    problems.push(...sharingProblems(config.cloud, config.sharing ?? []));
    for (const cloudKey of ["aws", "gcp"] as const) {
        if (config.cloud !== cloudKey && config[cloudKey]) {
            problems.push({ key: keyName([cloudKey]), value: config[cloudKey], allowed: `only with ${namespace}:cloud ${cloudKey}` });
        }
    }
    return problems;
}

/** What each cloud accepts in a tag (label) the user adds; sources in the comments. */
const tagLimits: Record<Cloud, { key: (k: string) => boolean; value: (v: string) => boolean; text: string }> = {
    // AWS: keys 1-128 characters, values 0-256; `aws:` keys are AWS's own (docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html).
    aws: { key: k => k.length >= 1 && k.length <= 128 && !/^aws:/i.test(k), value: v => v.length <= 256,
        text: "on aws a key of 1 to 128 characters not beginning aws:, a value of at most 256 characters" },
    // Azure: names at most 512 characters without < > % & \ ? /, values at most 256
    // (learn.microsoft.com/azure/azure-resource-manager/management/tag-resources#limitations).
    azure: { key: k => k.length >= 1 && k.length <= 512 && !/[<>%&\\?/]/.test(k), value: v => v.length <= 256,
        text: "on azure a key of 1 to 512 characters without < > % & \\ ? /, a value of at most 256 characters" },
    // Google Cloud labels: keys start with a lower-case letter, keys and values at most 63 of [a-z0-9_-]
    // (cloud.google.com/resource-manager/docs/labels-overview#requirements).
    gcp: { key: k => /^[a-z][a-z0-9_-]{0,62}$/.test(k), value: v => /^[a-z0-9_-]{0,63}$/.test(v),
        text: "on gcp a label key of 1 to 63 of [a-z0-9_-] starting with a letter, a value of at most 63 of [a-z0-9_-]" },
};

/** At most this many tags of the user's: the clouds allow 50 (AWS, Azure) or 64 (Google) per resource, and the platform and components set up to ten. */
export const maxUserTags = 40;

/**
 * How a problem names a tag: `hospital:tags.cost-center`, or quoted with escapes when the key has
 * spaces or characters a reader cannot see (`hospital:tags[" hipaa-cloud:x"]`, `"hipaa-\\u200bcloud"`).
 */
function tagKeyName(key: string): string {
    if (/^[A-Za-z0-9_.:/@+=-]+$/.test(key)) return keyName(["tags", key]);
    const escaped = [...key].map(c => /[\x21-\x7e ]/.test(c) && c !== "\\" && c !== "\"" ? c : `\\u${c.codePointAt(0)!.toString(16).padStart(4, "0")}`).join("");
    return `${keyName(["tags"])}["${escaped}"]`;
}

/** The user's tags: never a platform or hipaa-cloud key, within the cloud's limits. */
function tagProblems(cloud: Cloud, tags: Record<string, string>): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    const entries = Object.entries(tags);
    if (entries.length > maxUserTags) {
        problems.push({ key: keyName(["tags"]), value: `${entries.length} tags`, allowed: `at most ${maxUserTags} tags` });
    }
    // Azure tag names ignore case: `Owner` and `owner` would be one tag, one value silently lost.
    const seen = new Map<string, string>();
    for (const [key, value] of entries) {
        const where = tagKeyName(key);
        const folded = key.toLowerCase();
        if (cloud === "azure" && seen.has(folded)) {
            problems.push({ key: where, value, allowed: `a key that differs from ${tagKeyName(seen.get(folded)!)} in more than case: Azure tag names ignore case` });
        }
        seen.set(folded, key);
        const reserved = reservedTagKey(key);
        if (reserved) {
            problems.push({ key: where, value, allowed: `a key of your own: ${reserved} (platform keys: ${platformTagKeys.join(", ")}; no ${reservedTagPrefix} key)` });
            continue;
        }
        const limits = tagLimits[cloud];
        if (!limits.key(key)) problems.push({ key: where, value: key, allowed: limits.text });
        if (!limits.value(value)) problems.push({ key: where, value: value.length > 80 ? `${value.slice(0, 40)}... (${value.length} characters)` : value, allowed: limits.text });
    }
    return problems;
}

/** The principal each cloud's partner names (a research partner outside the hospital, never a group of everyone). */
const partnerPrincipal: Record<Cloud, { fields: readonly ("account" | "tenantId" | "objectId" | "member")[]; valid: (p: Record<string, string | undefined>) => string | undefined; text: string }> = {
    aws: { fields: ["account"], text: "{account: a 12-digit AWS account id, quoted}",
        valid: p => /^\d{12}$/.test(p.account ?? "") ? undefined : "account" },
    // The nil GUID names no one: Azure would refuse it, and it must not read as "any".
    azure: { fields: ["tenantId", "objectId"], text: "{tenantId, objectId}: the partner's Entra tenant id and its principal's object id, both GUIDs",
        valid: p => !isGuid(p.tenantId) ? "tenantId" : !isGuid(p.objectId) ? "objectId" : undefined },
    // group: or serviceAccount: only: a user: is one person's account (use a group), a domain: is everyone in it,
    // and allUsers/allAuthenticatedUsers are the public. Lower-case ASCII e-mail, no wildcard.
    gcp: { fields: ["member"], text: "{member: group:<e-mail> or serviceAccount:<e-mail>, lower-case} (no user:, domain:, allUsers, allAuthenticatedUsers or wildcard)",
        valid: p => /^(group|serviceAccount):[a-z0-9][a-z0-9._%+-]*@[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(p.member ?? "") ? undefined : "member" },
};

function isGuid(s: string | undefined): boolean {
    return s !== undefined && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s) && !/^[0-]+$/.test(s);
}

/** One research partner of hospital:sharing, validated (ResearchShare takes a list of them). */
export type ResearchPartner = HospitalConfig["sharing"][number];
type Partner = ResearchPartner;

/**
 * hospital:sharing on `cloud`: each partner's principal is that cloud's (and no other cloud's field is
 * set), ids are unique, and the expiry is a real date after today and at most one year ahead. Today is
 * the day exemptions are judged on (judging-day.ts: UTC; HIPAA_CLOUD_TODAY under the mock runtime only).
 * A field that did not parse is undefined here (its problem is reported already) and judged no further.
 */
export function sharingProblems(cloud: Cloud, sharing: readonly (Partial<Partner> | undefined)[]): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    if (!sharing.length) return problems;
    const today = componentsJudgingDay();
    const latest = oneYearAfter(today);
    const seen = new Map<string, number>();
    const grants = new Map<string, number>();
    sharing.forEach((partner, i) => {
        if (!partner) return;
        const at = (...rest: string[]) => keyName(["sharing", String(i), ...rest]);
        const earlier = partner.id === undefined ? undefined : seen.get(partner.id);
        if (earlier !== undefined) {
            problems.push({ key: at("id"), value: partner.id, allowed: `an id used once: ${keyName(["sharing", String(earlier), "id"])} is ${JSON.stringify(partner.id)} too` });
        } else if (partner.id !== undefined) {
            seen.set(partner.id, i);
        }
        // The same principal on the same dataset twice is one grant on every cloud (Azure refuses the second
        // role assignment; Lake Formation merges them, so removing either entry would revoke both). Object ids
        // and e-mail addresses ignore case.
        const grantKey = partner.principal && partner.dataset !== undefined ? JSON.stringify([partnerPrincipal[cloud].fields.map(f => partner.principal![f]?.toLowerCase()), partner.dataset]) : undefined;
        const sameGrant = grantKey === undefined ? undefined : grants.get(grantKey);
        if (sameGrant !== undefined) {
            problems.push({ key: at("principal"), value: partner.principal, allowed: `a principal and dataset not already shared: ${keyName(["sharing", String(sameGrant)])} grants the same (one entry per grant)` });
        } else if (grantKey !== undefined) {
            grants.set(grantKey, i);
        }
        const want = partnerPrincipal[cloud];
        if (partner.principal) {
            const principal = partner.principal as Record<string, string | undefined>;
            for (const field of Object.keys(principal).filter(f => principal[f] !== undefined && !want.fields.includes(f as never))) {
                problems.push({ key: at("principal", field), value: principal[field], allowed: `no ${field} on ${cloud}: ${want.text}` });
            }
            const bad = want.valid(principal);
            if (bad) problems.push({ key: at("principal", bad), value: principal[bad], allowed: `on ${cloud} ${want.text}` });
        }
        const setBy = process.env[todayVariable] ? ` (today is ${today}, set by ${todayVariable})` : ` (today is ${today}, UTC)`;
        if (partner.expires === undefined) {
            // Missing or not text: reported by the schema.
        } else if (!isCalendarDate(partner.expires)) {
            problems.push({ key: at("expires"), value: partner.expires, allowed: "a real calendar date YYYY-MM-DD, the last day the partner may read" });
        } else if (partner.expires <= today) {
            problems.push({ key: at("expires"), value: partner.expires, allowed: `a date after today${setBy}: renew the agreement with a new date, or remove the partner` });
        } else if (partner.expires > latest) {
            problems.push({ key: at("expires"), value: partner.expires, allowed: `a date at most one year ahead, ${latest} at the latest${setBy}: a share is reviewed and renewed yearly` });
        }
    });
    return problems;
}

/**
 * The first instant after a partner's last day (`expires`, UTC), written as IAM conditions take it
 * (`2027-02-01T00:00:00Z`): the grant holds while the time is before it.
 */
export function shareEndsAt(expires: string): string {
    const [y, m, d] = expires.split("-").map(Number);
    return `${new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10)}T00:00:00Z`;
}

export const adminFormat: Record<Cloud, { pattern: RegExp; text: string }> = {
    aws: { pattern: /^arn:aws(-[a-z]+)*:iam::\d{12}:(role|user|group)\/[\w+=,.@/-]+$/, text: "an IAM role, user or group ARN (arn:aws:iam::123456789012:role/name)" },
    azure: { pattern: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, text: "an Entra ID object id (a GUID)" },
    gcp: { pattern: /^(user|group|serviceAccount|domain):[^\s@]+(@[^\s@]+)?$/, text: "a Google IAM member such as group:phi-admins@hospital.org" },
};

/** Keys whose values are structured (YAML objects or lists, JSON strings in Pulumi config). */
const structuredKeys = new Set<string>(["services", "admins", "processing", "warehouse", "retention", "network", "tags", "aws", "gcp", "sharing"]);

/**
 * Reads every `hospital:*` key from a flat Pulumi config map (as `pulumi.runtime.allConfig()` gives
 * it: structured values are JSON strings), keeps unknown keys so validation can name them, and
 * returns the raw object that validateHospitalConfig takes. A list may also be written comma-separated.
 */
export function rawConfigFromPulumi(all: Record<string, string>): Record<string, unknown> {
    const raw: Record<string, unknown> = {};
    for (const [fullKey, text] of Object.entries(all)) {
        const [ns, key] = splitKey(fullKey);
        if (ns !== namespace) continue;
        raw[key] = structuredKeys.has(key) ? parseStructured(key, text) : text;
    }
    return raw;
}

function parseStructured(key: string, text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        // `pulumi config set hospital:services storage,imaging` stores a plain string.
        if (key === "services" || key === "admins") return text.split(",").map(s => s.trim()).filter(Boolean);
        return text;
    }
}

function splitKey(fullKey: string): [string, string] {
    const i = fullKey.indexOf(":");
    return i < 0 ? ["", fullKey] : [fullKey.slice(0, i), fullKey.slice(i + 1)];
}

/** `hospital:sharing[1].expires`: list indices as Pulumi's `config set --path` writes them. */
function keyName(path: string[]): string {
    return `${namespace}:${path.map((p, i) => /^\d+$/.test(p) ? `[${p}]` : i === 0 ? p : `.${p}`).join("")}`;
}

function valueAt(raw: unknown, path: (string | number)[]): unknown {
    let v: any = raw;
    for (const p of path) v = v == null ? undefined : v[p];
    return v;
}

function allowedKeysAt(path: string[]): string {
    let s: z.core.$ZodType = schema;
    for (const p of path) s = unwrap(s) instanceof z.ZodObject ? (unwrap(s) as z.ZodObject<any>).shape[p] : s;
    const obj = unwrap(s);
    return obj instanceof z.ZodObject ? Object.keys(obj.shape).map(k => keyName([...path, k])).join(", ") : "none";
}

function unwrap(s: z.core.$ZodType): z.core.$ZodType {
    let cur: any = s;
    while (cur && typeof cur.unwrap === "function") cur = cur.unwrap();
    while (cur && cur.def && cur.def.innerType) cur = cur.def.innerType;
    return cur;
}

function allowedText(issue: z.core.$ZodIssue): string {
    if (issue.code === "invalid_type" && issue.input === undefined) return `a value (required): ${issue.message}`;
    return issue.message;
}

function show(value: unknown): string {
    return value === undefined ? "nothing" : JSON.stringify(value);
}

function isPrivateCidr(cidr: string): boolean {
    const block = parseCidr(cidr);
    return block !== undefined && block.prefix >= 16 && block.prefix <= 22 && isRfc1918(block);
}
