// The plan of the AWS ResearchShare: the zone's tags, whether this stack owns the Data Catalog's encryption,
// the LF-tags, one Glue database per dataset with each partner account's last day, and one read-only grant
// per partner, from its arguments alone. Pure (no resource is registered), so the rules are tested without
// the mock runtime, and the constructor (research-share.ts) only wires the plan into resources.
import { shareExpiresTagPrefix } from "../../facts/tags";
import { baseTags, classificationTag, CommonArgs, deidentified } from "../naming";
import type { ResearchShareArgs } from "./research-share";

/**
 * The tag on each shared Glue database that says until when a partner account may read it. Lake
 * Formation grants have no end date and no tags (lakeformation.Permissions has neither), so the end is
 * recorded on what is shared, per partner account, for the review that revokes it; the pack's
 * SHARE-DEIDENTIFIED rule asks for it (policies/aws/share-deidentified.ts).
 */
export function shareExpiryTagKey(account: string): string {
    return `${shareExpiresTagPrefix}${account}`;
}

/** LF-tag keys are one namespace per account (catalog): the tenant's own keep two hospitals of one account apart. */
export function lfTagKeys(tenant: string): { classification: string; dataset: string } {
    return { classification: `${tenant}-${classificationTag}`, dataset: `${tenant}-dataset` };
}

/** The Glue database of a dataset: lower-case letters, digits and underscores. */
export function shareDatabaseName(tenant: string, dataset: string): string {
    return `${tenant.replace(/-/g, "_")}_deid_${dataset}`;
}

/** One LF-tag expression: a key and the values it matches. */
export interface LfTagCondition { key: string; values: string[] }

export interface ResearchSharePlan {
    /** The component's common arguments, classified de-identified: what the zone's key, bucket and databases carry. */
    common: CommonArgs;
    tags: Record<string, string>;
    /** Whether this stack declares the account's and region's Data Catalog encryption. */
    declaresCatalogEncryption: boolean;
    /** The two LF-tags: the classification (de-identified only) and the datasets shared. */
    lfTags: { classification: LfTagCondition; dataset: LfTagCondition };
    /** One Glue database per dataset, in dataset order, with each partner account's last day as a tag. */
    databases: { dataset: string; name: string; description: string; tags: Record<string, string>; lfTags: { key: string; value: string }[] }[];
    /** One grant per partner: read-only, no grant option, on the de-identified tables of its dataset. */
    grants: { id: string; principal: string; permissions: string[]; permissionsWithGrantOptions: string[]; expressions: LfTagCondition[] }[];
}

/** The plan of a research share with these (validated, researchShareProblems) arguments, in the stack `stack`. */
export function researchSharePlan(args: ResearchShareArgs, stack: string): ResearchSharePlan {
    const common: CommonArgs = { tenant: args.tenant, environment: args.environment, tags: args.tags, classification: deidentified };
    const tags = baseTags(common);
    const keys = lfTagKeys(args.tenant);
    const datasets = [...new Set(args.partners.map(p => p.dataset))].sort();
    // The last day each partner account may read a dataset: the latest of its entries.
    const expiryOf = (dataset: string) => {
        const expiry: Record<string, string> = {};
        for (const p of args.partners.filter(q => q.dataset === dataset)) {
            const key = shareExpiryTagKey(p.principal.account!);
            if (!expiry[key] || expiry[key] < p.expires) expiry[key] = p.expires;
        }
        return expiry;
    };
    return {
        common,
        tags,
        // An account setting: two stacks declaring it would each reset it when destroyed.
        declaresCatalogEncryption: (args.accountSettingsStack ?? stack) === stack,
        lfTags: { classification: { key: keys.classification, values: [deidentified] }, dataset: { key: keys.dataset, values: datasets } },
        databases: datasets.map(dataset => ({
            dataset,
            name: shareDatabaseName(args.tenant, dataset),
            description: `${args.tenant}: de-identified dataset ${dataset} shared with research partners (hipaa-cloud)`,
            tags: { ...tags, ...expiryOf(dataset) },
            lfTags: [{ key: keys.classification, value: deidentified }, { key: keys.dataset, value: dataset }],
        })),
        // Read-only, no grant option: the partner cannot pass the data on. The expression names the
        // classification and the dataset, so it matches de-identified tables of that dataset only.
        grants: args.partners.map(partner => ({
            id: partner.id,
            principal: partner.principal.account!,
            permissions: ["SELECT", "DESCRIBE"],
            permissionsWithGrantOptions: [],
            expressions: [{ key: keys.classification, values: [deidentified] }, { key: keys.dataset, values: [partner.dataset] }],
        })),
    };
}
