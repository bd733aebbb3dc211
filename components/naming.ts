// What the three clouds share: tags/labels, physical names, and protect-in-prod.
import * as pulumi from "@pulumi/pulumi";
import type { Environment } from "./config";

/** Arguments every hipaa-cloud component takes. */
export interface CommonArgs {
    /** The hospital's slug; prefixes physical names and is tagged on everything. */
    tenant: string;
    /** Default `prod`: stateful children are `protect`ed and deletion-protected. */
    environment?: Environment;
    /** Extra tags merged over the base tags (tenant, environment, data-classification=phi, managed-by). */
    tags?: Record<string, string>;
}

/** The tag every PHI resource carries (CONTROLS.md TAGGING). */
export const classificationTag = "data-classification";

/** Tags (AWS, Azure) or labels (Google Cloud: lower-case keys and values) for a tenant's resources. */
export function baseTags(args: CommonArgs): Record<string, string> {
    return {
        tenant: args.tenant,
        environment: args.environment ?? "prod",
        [classificationTag]: "phi",
        "managed-by": "hipaa-cloud",
        ...args.tags,
    };
}

/** Google Cloud labels: keys and values lower-case, at most 63 characters, [a-z0-9_-]. */
export function labels(args: CommonArgs): Record<string, string> {
    const clean = (s: string) => s.toLowerCase().replace(/[^a-z0-9_-]/g, "-").slice(0, 63);
    return Object.fromEntries(Object.entries(baseTags(args)).map(([k, v]) => [clean(k), clean(v)]));
}

/**
 * A physical name `<tenant>-<suffix>`, cut to `maxLength`; `separator` "" for services that allow
 * only letters and digits (Azure storage accounts).
 */
export function physicalName(tenant: string, suffix: string, maxLength = 63, separator = "-"): string {
    const name = `${tenant}${separator}${suffix}`;
    const clean = separator === "" ? name.replace(/[^a-z0-9]/g, "") : name;
    return clean.slice(0, maxLength).replace(/-+$/, "");
}

/**
 * Options for a stateful child (keys, buckets, warehouses, imaging stores, audit stores): parented to
 * the component and `protect`ed in prod so that a stray `pulumi destroy` cannot delete PHI
 * (DELETION-PROTECTION).
 */
export function statefulOptions(parent: pulumi.Resource, environment: Environment | undefined,
    extra: pulumi.CustomResourceOptions = {}): pulumi.CustomResourceOptions {
    return { parent, protect: (environment ?? "prod") === "prod", ...extra };
}

/** Whether stateful resources get the cloud's own deletion protection (prod and staging). */
export function isProtected(environment: Environment | undefined): boolean {
    return (environment ?? "prod") === "prod";
}
