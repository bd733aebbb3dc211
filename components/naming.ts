// What the three clouds share: tags/labels, physical names, and protect-in-prod.
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import type { Environment } from "../facts/environments";
import { productionEnvironment } from "../facts/environments";
import type { Classification } from "../facts/tags";
import { classificationTag, deidentified, environmentTag, managedByTag, managedByValue, phi, platformTagKeys, reservedTagPrefix, tenantTag } from "../facts/tags";

export type { Classification };
export { classificationTag, deidentified, platformTagKeys, reservedTagPrefix };

/** Arguments every hipaa-cloud component takes. */
export interface CommonArgs {
    /** The hospital's slug; prefixes physical names and is tagged on everything. */
    tenant: string;
    /** Default `prod`: stateful children are `protect`ed and deletion-protected. */
    environment?: Environment;
    /** Extra tags merged over the base tags (tenant, environment, data-classification=phi, managed-by). */
    tags?: Record<string, string>;
    /** What the resources hold: `phi` (default) or `deidentified` (the research zone, components/<cloud>/research-share.ts). */
    classification?: Classification;
}

/**
 * A tag key as the most lenient of the clouds compares it: Azure tag keys ignore case, Google label
 * keys are lower-cased with every other character turned into '-' (labels() below), and a user may
 * add spaces, '_' or lookalike Unicode separators. Two keys of one form are the same key somewhere.
 */
function tagKeyForm(key: string): string {
    return key.normalize("NFKC").toLowerCase().replace(/[^a-z0-9]+/g, "");
}

const platformForms = new Set(platformTagKeys.map(tagKeyForm));
const reservedForm = tagKeyForm(reservedTagPrefix);

/**
 * Why a user tag key may not be used, or undefined: it is (in some cloud's spelling) a tag the
 * platform sets, or a `hipaa-cloud:` key, which the policies read as the platform's own statement.
 */
export function reservedTagKey(key: string): string | undefined {
    const form = tagKeyForm(key);
    if (platformForms.has(form)) return `the platform sets ${platformTagKeys.find(k => tagKeyForm(k) === form)} itself`;
    if (form.startsWith(reservedForm)) return `keys beginning ${reservedTagPrefix} (in any case or spelling) are hipaa-cloud's own`;
    return undefined;
}

/**
 * Tags (AWS, Azure) or labels (Google Cloud: lower-case keys and values) for a tenant's resources.
 * The platform's tags come last, and a user tag that could be read as one of them (or as a
 * `hipaa-cloud:` key) is left out, so the platform's win even if config validation were bypassed.
 */
export function baseTags(args: CommonArgs): Record<string, string> {
    const user = Object.entries(args.tags ?? {}).filter(([key]) => reservedTagKey(key) === undefined);
    return {
        ...Object.fromEntries(user),
        [tenantTag]: args.tenant,
        [environmentTag]: args.environment ?? productionEnvironment,
        [classificationTag]: args.classification ?? phi,
        [managedByTag]: managedByValue,
    };
}

/** Google Cloud labels: keys and values lower-case, at most 63 characters, [a-z0-9_-]. */
export function labels(args: CommonArgs): Record<string, string> {
    const clean = (s: string) => s.toLowerCase().replace(/[^a-z0-9_-]/g, "-").slice(0, 63);
    return Object.fromEntries(Object.entries(baseTags(args)).map(([k, v]) => [clean(k), clean(v)]));
}

/** Characters of the tenant hash in a physical name: 24 bits, enough to tell a handful of hospitals apart. */
const hashLength = 6;

/** A short stable hash of the whole tenant (lower-case hex: valid in every physical name). */
export function tenantHash(tenant: string): string {
    return createHash("sha256").update(tenant).digest("hex").slice(0, hashLength);
}

/**
 * A physical name `<tenant><separator><suffix>` of at most `maxLength` characters; `separator` ""
 * for services that allow only letters and digits (Azure storage accounts, Health Data Services).
 *
 * Many of these names are globally unique (storage accounts, Key Vaults, buckets), so two tenants must
 * never share one. While the tenant fits unchanged the name is exactly that (existing deployments keep
 * their names). When it does not — hyphens dropped (`st-mary` and `stmary`), cut to fit (two long
 * tenants sharing a prefix), or a trailing '-' removed — the tenant part is cut further and followed by
 * a hash of the whole tenant: `<cut tenant><sep><hash><sep><suffix>`. The suffix (environment and
 * purpose) is always kept whole, so a tenant's prod and dev names differ too.
 */
export function physicalName(tenant: string, suffix: string, maxLength = 63, separator = "-"): string {
    const clean = (s: string) => separator === "" ? s.replace(/[^a-z0-9]/g, "") : s;
    const head = clean(tenant);
    const tail = clean(suffix);
    const plain = `${head}${separator}${tail}`;
    if (head === tenant && !tenant.endsWith("-") && plain.length <= maxLength) return plain;
    const hash = tenantHash(tenant);
    const room = Math.max(1, maxLength - tail.length - hash.length - 2 * separator.length);
    const cut = head.slice(0, room).replace(/-+$/, "");
    return `${cut}${separator}${hash}${separator}${tail}`.slice(0, maxLength);
}

/**
 * Options for a stateful child (keys, buckets, warehouses, imaging stores, audit stores): parented to
 * the component and `protect`ed in prod so that a stray `pulumi destroy` cannot delete PHI
 * (DELETION-PROTECTION).
 */
export function statefulOptions(parent: pulumi.Resource, environment: Environment | undefined,
    extra: pulumi.CustomResourceOptions = {}): pulumi.CustomResourceOptions {
    return { parent, protect: isProtected(environment), ...extra };
}

/** Whether stateful resources get the cloud's own deletion protection (prod and staging). */
export function isProtected(environment: Environment | undefined): boolean {
    return (environment ?? productionEnvironment) === productionEnvironment;
}
