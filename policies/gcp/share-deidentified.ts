// SHARE-DEIDENTIFIED on Google Cloud, with the sharing checks of PUBLIC-ACCESS, LEAST-PRIVILEGE and
// AUDIT-LOG beside it (each rule reports its own control). Analytics Hub is how a hospital shares a
// BigQuery dataset with another organisation: a listing publishes a dataset of this stack labelled
// data-classification=deidentified, is private, restricts export and logs who queried it; a grant on a
// listing or exchange names a group, service account or user (never the public or a domain), is the
// subscriber role only, and carries an IAM condition that ends it at most a year ahead. Judges any program.
import { todayIso } from "../lib/config";
import { terraformReads } from "../lib/inputs";
import { resourceRule, PolicyResource, Rule, stackRule, Violation } from "../lib/rule";
import { endTooLate, gcpConditionEnd, notDeidentified, targetNotInStack } from "../lib/sharing";
import { KeyOf, Lookup, StackIndex } from "../lib/stack-index";
import { asArray, get, isUnknown, show, UNKNOWN } from "../lib/values";
import { referenceKey } from "./support/relations";
import { publicMembers, T } from "./support/tokens";

const cloud = "gcp";
const H = {
    exchange: "gcp:bigqueryanalyticshub/dataExchange:DataExchange",
    listing: "gcp:bigqueryanalyticshub/listing:Listing",
    listingMember: "gcp:bigqueryanalyticshub/listingIamMember:ListingIamMember",
    listingBinding: "gcp:bigqueryanalyticshub/listingIamBinding:ListingIamBinding",
    listingPolicy: "gcp:bigqueryanalyticshub/listingIamPolicy:ListingIamPolicy",
    exchangeMember: "gcp:bigqueryanalyticshub/dataExchangeIamMember:DataExchangeIamMember",
    exchangeBinding: "gcp:bigqueryanalyticshub/dataExchangeIamBinding:DataExchangeIamBinding",
    exchangePolicy: "gcp:bigqueryanalyticshub/dataExchangeIamPolicy:DataExchangeIamPolicy",
    topic: "gcp:pubsub/topic:Topic",
} as const;
const listingGrants: readonly string[] = [H.listingMember, H.listingBinding];
const exchangeGrants: readonly string[] = [H.exchangeMember, H.exchangeBinding];
const grantTypes = [...listingGrants, ...exchangeGrants];
const policyTypes = [H.listingPolicy, H.exchangePolicy];

/** What a partner may hold on a listing or exchange: subscribe (a linked, read-only dataset) or see it. */
export const partnerRoles = ["roles/analyticshub.subscriber", "roles/analyticshub.viewer"];

/** The members of a grant: `member` of an *IamMember, `members` of an *IamBinding. */
function membersOf(grant: PolicyResource): { property: string; members: unknown[] } | typeof UNKNOWN {
    if (grant.type.endsWith("Member")) return { property: "member", members: [grant.props.member] };
    const m = grant.props.members;
    return isUnknown(m) ? UNKNOWN : { property: "members", members: asArray(m as unknown[]) };
}

/** Why a member is not one named partner, or undefined. */
function broadMember(m: unknown): string | undefined {
    if (typeof m !== "string") return "not a member";
    if (publicMembers.has(m)) return "the public";
    if (m.startsWith("domain:")) return "everyone in a domain";
    if (m.startsWith("principalSet:")) return "a whole set of principals";
    if (m.includes("*")) return "a wildcard";
    if (!/^(user|group|serviceAccount):[^\s@]+@[^\s@]+$/.test(m)) return "not a user:, group: or serviceAccount: member";
    return undefined;
}

/** A resource named by an input: through its dependencies first, else by `match` on the input's text. */
function resolve(stack: StackIndex, r: PolicyResource, prop: string, type: string, key: (x: PolicyResource) => unknown, text: unknown,
    keyOf: KeyOf = referenceKey): PolicyResource[] {
    // The one relation (Lookup.refer): by the target's own id (a path by its last part), never its Pulumi name; its
    // dependencies only for a target whose id is unknown, or for a value unknown at preview (then none: not in stack).
    const found = new Lookup(stack.ofType(type), x => [key(x)], keyOf).refer(r, prop, [text]);
    return isUnknown(found) ? [] : found;
}

/** A listing's id within its exchange (listing ids are unique only there); undefined unless both are known. */
const listingKey = (exchange: unknown, listing: unknown) => typeof exchange === "string" && typeof listing === "string" ? `${exchange}\n${listing}` : undefined;

/** The dataset (or topic) of this stack a listing publishes, or the violation that it cannot be told. */
function published(stack: StackIndex, listing: PolicyResource): { stores: PolicyResource[]; property: string } | Violation {
    const dataset = get(listing.props, "bigqueryDataset.dataset");
    if (dataset !== undefined) {
        const stores = resolve(stack, listing, "bigqueryDataset", T.bqDataset, d => d.props.datasetId, dataset);
        return stores.length ? { stores, property: "bigqueryDataset.dataset" } : targetNotInStack(listing, "bigqueryDataset.dataset", dataset);
    }
    const topic = get(listing.props, "pubsubTopic.topic");
    const stores = resolve(stack, listing, "pubsubTopic", H.topic, t => t.props.name, topic);
    return stores.length ? { stores, property: "pubsubTopic.topic" } : targetNotInStack(listing, "pubsubTopic.topic", topic);
}

/** The listings of this stack a grant reaches: its listing, or every listing of its exchange. */
function listingsOf(stack: StackIndex, grant: PolicyResource): PolicyResource[] {
    const exchange = grant.props.dataExchangeId;
    const sameExchange = (l: PolicyResource) => l.props.dataExchangeId === exchange && typeof exchange === "string";
    if (exchangeGrants.includes(grant.type)) {
        const exchanges = resolve(stack, grant, "dataExchangeId", H.exchange, x => x.props.dataExchangeId, exchange);
        return stack.ofType(H.listing).filter(l => sameExchange(l) || (l.opts.propertyDependencies?.dataExchangeId ?? []).some(u => exchanges.some(x => x.urn === u)));
    }
    const id = grant.props.listingId;
    return resolve(stack, grant, "listingId", H.listing, l => listingKey(l.props.dataExchangeId, l.props.listingId), listingKey(exchange, id) ?? id, text => text);
}

/**
 * The datasets that let views, routines or whole datasets of `shared` read them (BigQuery authorized views,
 * routines and datasets): a partner querying such a view reads the other dataset, so each must be
 * de-identified too. Found as `accesses` of a Dataset and as DatasetAccess resources of this stack.
 */
function authorizingDatasets(stack: StackIndex, listing: PolicyResource, shared: PolicyResource): Violation[] {
    const id = shared.props.datasetId;
    if (typeof id !== "string") return [];
    const names = (entry: unknown) => [get(entry, "view.datasetId"), get(entry, "routine.datasetId"), get(entry, "dataset.dataset.datasetId"), get(entry, "authorizedDataset.dataset.datasetId")].includes(id);
    const out: Violation[] = [];
    for (const d of stack.ofType(T.bqDataset)) {
        if (d === shared) continue;
        asArray(d.props.accesses as unknown[]).forEach((entry, i) => {
            if (names(entry)) out.push(...notDeidentified(listing, `bigqueryDataset.dataset (→ ${shared.name}, authorized by accesses[${i}] of ${d.name})`, d));
        });
    }
    const datasets = stack.ofType(T.bqDataset);
    for (const a of stack.ofType("gcp:bigquery/datasetAccess:DatasetAccess")) {
        if (!names(a.props)) continue;
        const on = resolve(stack, a, "datasetId", T.bqDataset, d => d.props.datasetId, a.props.datasetId).filter(d => d !== shared);
        const property = `bigqueryDataset.dataset (→ ${shared.name}, authorized by ${a.type} "${a.name}")`;
        if (!on.length) out.push(targetNotInStack(listing, property, a.props.datasetId));
        for (const d of on) if (datasets.includes(d)) out.push(...notDeidentified(listing, property, d));
    }
    return out;
}

const listingDeidentified = stackRule({
    name: "gcp-share-deidentified-analytics-hub", cloud, controls: ["SHARE-DEIDENTIFIED"], severity: "critical",
    judges: [H.listing, ...grantTypes, ...policyTypes],
    description: "An Analytics Hub listing publishes only a dataset (or topic) of this stack labelled data-classification=deidentified, and every grant on a listing or exchange reaches only such listings and ends (an IAM condition on request.time) at most a year ahead.",
    remediation: "Publish only datasets labelled data-classification=deidentified; give each partner a ListingIamMember with condition.expression `request.time < timestamp(\"YYYY-MM-DDT00:00:00Z\")`, at most a year ahead; use members or bindings, not an IAM policy.",
    check: stack => {
        const out: Violation[] = [];
        const today = todayIso();
        for (const listing of stack.ofType(H.listing)) {
            const found = published(stack, listing);
            if ("stores" in found) {
                for (const store of found.stores) {
                    const own = notDeidentified(listing, found.property, store);
                    out.push(...own);
                    if (!own.length && store.type === T.bqDataset) out.push(...authorizingDatasets(stack, listing, store));
                }
            } else out.push(found);
        }
        for (const grant of stack.ofType(...grantTypes)) {
            const listings = listingsOf(stack, grant);
            if (!listings.length) out.push(targetNotInStack(grant, exchangeGrants.includes(grant.type) ? "dataExchangeId" : "listingId", grant.props.listingId ?? grant.props.dataExchangeId));
            for (const listing of listings) {
                const found = published(stack, listing);
                if ("stores" in found) for (const store of found.stores) out.push(...notDeidentified(grant, `listingId (→ ${listing.name}).${found.property}`, store));
                else out.push({ ...found, resource: grant, property: `listingId (→ ${listing.name}).${found.property}` });
            }
            const end = gcpConditionEnd(get(grant.props, "condition.expression"));
            if (end === UNKNOWN) out.push({ resource: grant, property: "condition.expression", found: UNKNOWN, wanted: "an end at most a year ahead" });
            else if ("problem" in end) out.push({ resource: grant, property: "condition.expression", found: get(grant.props, "condition.expression"), wanted: `request.time < timestamp("YYYY-MM-DDT00:00:00Z"), at most a year ahead`, note: `It is ${end.problem}.` });
            else {
                const late = endTooLate(end.end, today);
                if (late) out.push({ resource: grant, property: "condition.expression", found: get(grant.props, "condition.expression"), wanted: late });
            }
        }
        // An IAM policy replaces the resource's whole policy and its bindings cannot be read as conditioned one by one here.
        for (const policy of stack.ofType(...policyTypes)) {
            out.push({ resource: policy, property: "policyData", found: isUnknown(policy.props.policyData) ? UNKNOWN : "an IAM policy", wanted: "a ListingIamMember per partner with an ending condition" });
        }
        return out;
    },
});

const publicListing = resourceRule({
    name: "gcp-public-access-analytics-hub", cloud, controls: ["PUBLIC-ACCESS"], severity: "critical",
    types: [H.exchange, H.listing, ...grantTypes],
    description: "An Analytics Hub exchange or listing is private (not DISCOVERY_TYPE_PUBLIC), and a grant on one names users, groups or service accounts, never allUsers, allAuthenticatedUsers, a domain, a principal set or a wildcard.",
    remediation: "Set `discoveryType` to DISCOVERY_TYPE_PRIVATE and grant each partner's group or service account by name.",
    check: r => {
        if (r.type === H.exchange || r.type === H.listing) {
            const v = r.props.discoveryType;
            if (isUnknown(v)) return [{ property: "discoveryType", found: v, wanted: "DISCOVERY_TYPE_PRIVATE" }];
            return v === "DISCOVERY_TYPE_PUBLIC" ? [{ property: "discoveryType", found: v, wanted: "DISCOVERY_TYPE_PRIVATE (or unset): a public listing is discoverable by anyone" }] : [];
        }
        const m = membersOf(r);
        if (m === UNKNOWN) return [{ property: "members", found: UNKNOWN, wanted: "named partners" }];
        return m.members.flatMap((member, i): Violation[] => {
            const property = m.property === "member" ? "member" : `members[${i}]`;
            if (isUnknown(member)) return [{ property, found: member, wanted: "a named partner" }];
            const broad = broadMember(member);
            return broad ? [{ property, found: member, wanted: "a named group, service account or user", note: `It is ${broad}.` }] : [];
        });
    },
});

const readOnlyShare = resourceRule({
    name: "gcp-least-privilege-analytics-hub", cloud, controls: ["LEAST-PRIVILEGE"], severity: "high",
    types: [H.listing, ...grantTypes],
    description: "A grant on an Analytics Hub listing or exchange is the subscriber or viewer role only, and a listing restricts export (no copy of tables or query results out of the linked dataset).",
    remediation: `Grant ${partnerRoles.join(" or ")}; set \`restrictedExportConfig\` to { enabled: true, restrictQueryResult: true } on the listing.`,
    check: r => {
        if (r.type === H.listing) {
            if (get(r.props, "bigqueryDataset") === undefined) return [];
            const out: Violation[] = [];
            for (const path of ["restrictedExportConfig.enabled", "restrictedExportConfig.restrictQueryResult"]) {
                const v = get(r.props, path);
                if (!terraformReads.on(v)) out.push({ property: path, found: v, wanted: "true: subscribers query in place and copy nothing out" });
            }
            return out;
        }
        const role = r.props.role;
        if (isUnknown(role)) return [{ property: "role", found: role, wanted: partnerRoles.join(" or ") }];
        return partnerRoles.includes(role as string) ? [] : [{ property: "role", found: role, wanted: `${partnerRoles.join(" or ")}: a partner reads, it does not publish or administer` }];
    },
});

const queryUsersLogged = stackRule({
    name: "gcp-audit-log-analytics-hub", cloud, controls: ["AUDIT-LOG"], severity: "high",
    judges: [H.listing],
    description: "An Analytics Hub listing of a BigQuery dataset logs who queried its linked datasets (logLinkedDatasetQueryUserEmail on the listing or its exchange).",
    remediation: "Set `logLinkedDatasetQueryUserEmail: true` on the listing (or on its data exchange).",
    check: stack => {
        const out: Violation[] = [];
        for (const listing of stack.ofType(H.listing)) {
            if (get(listing.props, "bigqueryDataset") === undefined) continue;
            const own = listing.props.logLinkedDatasetQueryUserEmail;
            if (terraformReads.on(own)) continue;
            const id = listing.props.dataExchangeId;
            const exchanges = resolve(stack, listing, "dataExchangeId", H.exchange, x => x.props.dataExchangeId, id);
            if (exchanges.some(x => terraformReads.on(x.props.logLinkedDatasetQueryUserEmail))) continue;
            const unknown = isUnknown(own) || exchanges.some(x => isUnknown(x.props.logLinkedDatasetQueryUserEmail));
            out.push({ resource: listing, property: "logLinkedDatasetQueryUserEmail", found: unknown ? UNKNOWN : own,
                wanted: "true (here or on the exchange): who queried shared data is part of the disclosure record", note: exchanges.length ? undefined : `Its exchange ${show(id)} is not in this stack, or does not log query users either.` });
        }
        return out;
    },
});

export const rules: Rule[] = [listingDeidentified, publicListing, readOnlyShare, queryUsersLogged];
