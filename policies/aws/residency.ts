// RESIDENCY on AWS: resources only in the allowed regions (PackConfig.allowedRegions): the resource's
// own `region` input (new on every resource in @pulumi/aws 7, gotcha G3) or else its provider's
// `region` (for a default provider, the stack's aws:region config); no multi-Region keys; snapshot
// copies only to allowed regions.
import { terraformReads } from "../lib/inputs";
import { allowedRegionsText } from "../lib/config";
import { expect, PolicyResource, resourceRule, Rule, stackRule, Violation } from "../lib/rule";
import { isUnknown } from "../lib/values";
import { T } from "./support/tokens";

const cloud = "aws" as const;
const controls = ["RESIDENCY" as const];

/** Services whose resources are global, not placed in a region. */
const globalModules = new Set(["iam", "cloudfront", "route53", "organizations", "globalaccelerator", "shield", "budgets", "costexplorer", "account"]);

function moduleOf(type: string): string {
    return type.slice(4, type.indexOf("/"));
}

/** Where a resource lives, and which input says so; undefined when neither the resource nor a known provider says. */
export function regionOf(r: PolicyResource): { property: string; region: unknown } | undefined {
    if (r.props.region !== undefined && r.props.region !== null) return { property: "region", region: r.props.region };
    if (r.provider) return { property: "provider.region", region: r.provider.props.region };
    return undefined;
}

/**
 * One stack rule over every AWS resource (a resource rule would need every AWS type listed). A
 * resource whose provider is not known to the pack (the checker without provider information) is
 * not judged: no region can be read. A provider without a region takes it from the environment,
 * which the pack cannot see, so that is reported.
 */
export const region = stackRule({
    name: "aws-residency-region", cloud, controls, severity: "high",
    description: "Every regional AWS resource lives in an allowed region: its own region input, else its provider's region.",
    remediation: "Set aws:region (or the explicit provider's region, or the resource's region) to one of the allowed regions.",
    check: (stack, config) => {
        const allowed = new Set(config.allowedRegions);
        const wanted = allowedRegionsText(config.allowedRegions, cloud);
        const out: Violation[] = [];
        for (const r of stack.resources) {
            if (!r.type.startsWith("aws:") || globalModules.has(moduleOf(r.type))) continue;
            const where = regionOf(r);
            if (!where) continue;
            if (isUnknown(where.region)) { out.push({ property: where.property, found: where.region, wanted, resource: r }); continue; }
            if (typeof where.region === "string" && allowed.has(where.region)) continue;
            out.push({ property: where.property, found: where.region, wanted, resource: r,
                note: where.region === undefined ? "The provider names no region; it would come from the environment, which the policy cannot see." : undefined });
        }
        return out;
    },
});

export const kmsKey = resourceRule({
    name: "aws-residency-kms-key", cloud, controls, severity: "medium", types: [T.kmsKey],
    description: "A KMS key is single-Region, so its key material cannot be replicated outside the allowed regions.",
    remediation: "Set multiRegion to false (the default).",
    check: r => expect(r.props, "multiRegion", terraformReads.offOrUnset, "false or unset"),
});

export const redshiftSnapshotCopy = resourceRule({
    name: "aws-residency-redshift-snapshot-copy", cloud, controls, severity: "high", types: ["aws:redshift/snapshotCopy:SnapshotCopy"],
    description: "Redshift snapshots are copied only to an allowed region.",
    remediation: "Set destinationRegion to one of the allowed regions.",
    check: (r, config) => expect(r.props, "destinationRegion", v => typeof v === "string" && config.allowedRegions.includes(v), allowedRegionsText(config.allowedRegions, cloud)),
});

export const rules: Rule[] = [region, kmsKey, redshiftSnapshotCopy];
