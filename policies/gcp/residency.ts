// RESIDENCY on Google Cloud: data, keys, logs and clusters only in allowed locations (PackConfig
// allowedRegions, compared case-insensitively: Cloud Storage writes "US" and "US-CENTRAL1"). A
// multi-region such as "US" is allowed when "us" is. Defaults count: a BigQuery dataset without a
// location is in "US"; a Dataproc cluster without a region is "global"; a subnetwork without one
// takes its provider's region.
import { allowedRegionsText, PackConfig } from "../lib/config";
import { mayMeanOn } from "../lib/inputs";
import { expect, notApplicable, PolicyResource, resourceRule, Rule, Violation } from "../lib/rule";
import { asArray, get, isUnknown } from "../lib/values";
import { T } from "./support/tokens";

const controls: Rule["controls"] = ["RESIDENCY"];
// The allow-list as a lower-case set and its "one of ..." text, built once per list (a config's list keeps
// its identity across the rules that read it).
const byList = new WeakMap<readonly string[], { set: ReadonlySet<string>; wanted: string }>();

function allowed(config: PackConfig): { set: ReadonlySet<string>; wanted: string } {
    const list = config.allowedRegions;
    let entry = byList.get(list);
    if (!entry) byList.set(list, entry = { set: new Set(list.map(r => r.toLowerCase())), wanted: allowedRegionsText(list, "gcp") });
    return entry;
}

function inAllowed(config: PackConfig): (v: unknown) => boolean {
    const { set } = allowed(config);
    return v => typeof v === "string" && set.has(v.toLowerCase());
}

function wanted(config: PackConfig): string {
    return allowed(config).wanted;
}

/** Where a resource's default location applies, the value it takes when unset. */
const locationDefaults: Readonly<Record<string, string>> = { [T.bqDataset]: "US" };

/**
 * Firestore's multi-region locations and the multi-region of Cloud Storage's naming they lie in (Google's
 * "Firestore in Datastore mode locations" page: nam5 = us-central1, us-central2, witness us-east1; nam7 =
 * us-central1, us-east4, witness us-central2; eur3 = europe-west1, europe-west4, europe-north1). A database in
 * nam5 is allowed where "us" is, as a bucket in "US" is. Spanner's multi-region configurations (nam3 ... nam16,
 * nam-eur-asia1, dual-region-*, custom-*) are not in this table: nam14 places a replica in Montréal, and the
 * table could not be read here whole, so one is allowed only when listed by its own name in allowedRegions.
 */
const firestoreMultiRegions: Readonly<Record<string, string>> = { nam5: "us", nam7: "us", eur3: "eu" };

/** One place a resource keeps data: the input that says where, its value, and the names that value is allowed by. */
interface Placement { property: string; value: unknown; names?: (place: string) => string[]; note?: string }

/**
 * Where a resource keeps its data: a location input, a Firestore database's locationId, a Spanner instance's
 * configuration, each Bigtable cluster's zone (unset: the provider's), a Filestore instance's location (or its
 * deprecated zone; unset: the provider's zone).
 */
function placements(r: PolicyResource): Placement[] {
    switch (r.type) {
        case T.firestoreDatabase:
            return [{ property: "locationId", value: r.props.locationId, names: firestorePlaces }];
        case T.spannerInstance: return [{ property: "config", value: r.props.config, names: spannerPlaces, note: spannerNote }];
        case T.bigtableInstance: {
            const clusters = r.props.clusters;
            if (!Array.isArray(clusters) || !clusters.length) return [{ property: "clusters", value: clusters }];
            return clusters.map((c, i) => {
                const zone = get(c, "zone");
                return zone === undefined ? { property: `clusters[${i}].zone (from the provider)`, value: r.provider?.props.zone } : { property: `clusters[${i}].zone`, value: zone };
            });
        }
        case T.filestore:
            if (r.props.location !== undefined) return [{ property: "location", value: r.props.location }];
            if (r.props.zone !== undefined) return [{ property: "zone", value: r.props.zone }];
            return [{ property: "location (from the provider's zone)", value: r.provider?.props.zone }];
        default: return [{ property: "location", value: r.props.location === undefined ? locationDefaults[r.type] : r.props.location }];
    }
}

/** The names a place is allowed by: itself, and the region of a zone ("us-central1-a"). */
function allowedBy(place: string): string[] {
    const lower = place.toLowerCase();
    const zone = /^([a-z]+-[a-z]+\d+)-[a-z]$/.exec(lower);
    return zone ? [lower, zone[1]] : [lower];
}

/** A Firestore location: itself, and for a multi-region the multi-region it lies in (nam5 → us). */
function firestorePlaces(location: string): string[] {
    const lower = location.toLowerCase();
    return Object.hasOwn(firestoreMultiRegions, lower) ? [lower, firestoreMultiRegions[lower]] : allowedBy(lower);
}

/** A Spanner configuration (or its path, projects/p/instanceConfigs/<name>): "regional-<region>" is that region; any other name only itself. */
function spannerPlaces(config: string): string[] {
    const name = config.slice(config.lastIndexOf("/") + 1).toLowerCase();
    return name.startsWith("regional-") ? [name.slice("regional-".length)] : [name];
}

const spannerNote = "A configuration other than \"regional-<region>\" spans several regions, some outside the US in a \"nam\" one too (nam14: Montréal): choose \"regional-<allowed region>\", or list the configuration's own name in allowedRegions once each of its regions is checked against Google's table.";

const location = resourceRule({
    name: "gcp-residency-location", cloud: "gcp", controls, severity: "high",
    types: [T.bucket, T.bqDataset, T.hcDataset, T.keyRing, T.logBucketConfig, T.alloydbCluster,
        T.firestoreDatabase, T.spannerInstance, T.bigtableInstance, T.filestore],
    description: "Buckets, BigQuery and Healthcare datasets, key rings, log buckets, AlloyDB clusters, Firestore databases, Spanner, Bigtable and Filestore instances are in an allowed location (BigQuery's default is the US multi-region).",
    remediation: "Set `location` (Firestore: `locationId`; Spanner: `config` \"regional-<region>\"; Bigtable: each `clusters[].zone`) to an allowed region or multi-region (policy config allowedRegions).",
    check: (r, config) => {
        const { set } = allowed(config);
        return placements(r).flatMap(({ property, value, names = allowedBy, note }) =>
            expect({ value }, "value", v => typeof v === "string" && names(v).some(n => set.has(n)), wanted(config))
                .map(v => ({ ...v, property, note: note && !isUnknown(value) ? note : v.note })));
    },
});

/** A regional resource's region: its own, else its default ("global" for Dataproc), else the provider's. */
function regionOf(r: PolicyResource): { property: string; value: unknown } {
    if (r.props.region !== undefined) return { property: "region", value: r.props.region };
    if (r.type === T.dataproc) return { property: "region", value: "global" };
    return { property: "region (from the provider)", value: r.provider?.props.region };
}

const region = resourceRule({
    name: "gcp-residency-region", cloud: "gcp", controls, severity: "high",
    // Cloud SQL and Memorystore hold PHI as much as a bucket does; without a region they take the provider's.
    types: [T.dataproc, T.subnetwork, T.sqlInstance, T.redis, T.redisCluster],
    description: "Dataproc clusters, subnetworks, Cloud SQL instances and Memorystore instances are in an allowed region (a Dataproc cluster without a region is \"global\"; the others take their provider's region).",
    remediation: "Set `region` to an allowed region (policy config allowedRegions).",
    check: (r, config) => {
        const { property, value } = regionOf(r);
        return expect({ value }, "value", inAllowed(config), wanted(config)).map(v => ({ ...v, property }));
    },
});

const LOCATION_GROUP = /^in:(.*?)(-locations)?$/;

const orgPolicy = resourceRule({
    name: "gcp-residency-org-policy", cloud: "gcp", controls, severity: "medium",
    types: [T.orgPolicy],
    description: "An organisation policy on constraints/gcp.resourceLocations allows only allowed locations (value groups like in:us-locations count by their name).",
    remediation: "List only allowed regions (or in:<allowed>-locations groups) in `spec.rules[].values.allowedValues`, with no allowAll and no `spec.reset` (denied values alone allow every other location).",
    check: (r, config) => {
        const name = r.props.name;
        if (typeof name === "string" && !name.endsWith("gcp.resourceLocations")) return notApplicable("another constraint");
        if (isUnknown(name)) return [{ property: "name", found: name, wanted: "known, to tell the constraint" }];
        const rules = get(r.props, "spec.rules");
        if (isUnknown(rules)) return [{ property: "spec.rules", found: rules, wanted: wanted(config) }];
        const ok = inAllowed(config);
        const out: Violation[] = [];
        // reset puts Google's default back (every location allowed), whatever the rules say.
        out.push(...expect(r.props, "spec.reset", v => v === undefined || v === null || v === false, "unset or false (true restores Google's default: every location)"));
        asArray(rules as unknown[]).forEach((rule, i) => {
            const allowAll = get(rule, "allowAll");
            if (mayMeanOn(allowAll)) out.push({ property: `spec.rules[${i}].allowAll`, found: allowAll, wanted: "unset (an allow-list of locations)" });
            // A rule with only denied values (or none) allows every other location: an allow-list is what restricts.
            const listed = get(rule, "values.allowedValues");
            if (!isUnknown(listed) && !asArray(listed as unknown[]).length && get(rule, "denyAll") !== "TRUE" && !mayMeanOn(allowAll)) {
                out.push({ property: `spec.rules[${i}].values.allowedValues`, found: listed, wanted: `${wanted(config)} (denied values alone allow every other location)` });
            }
            asArray(get(rule, "values.allowedValues") as unknown[]).forEach((v, j) => {
                const loc = typeof v === "string" ? v.replace(LOCATION_GROUP, "$1") : v;
                if (isUnknown(v) || !ok(loc)) out.push({ property: `spec.rules[${i}].values.allowedValues[${j}]`, found: v, wanted: wanted(config) });
            });
        });
        return out;
    },
});

export const rules: Rule[] = [location, region, orgPolicy];
