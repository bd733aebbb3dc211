// SHARE-DEIDENTIFIED on AWS, with the sharing checks of PUBLIC-ACCESS, LEAST-PRIVILEGE and AUDIT-LOG
// beside it (each rule reports its own control): a Lake Formation grant to a principal outside the
// hospital reaches only Glue databases tagged data-classification=deidentified, names an account or IAM
// principal (never IAM_ALLOWED_PRINCIPALS, `*` or a whole organization), is SELECT/DESCRIBE without grant
// option, and — Lake Formation grants have no end date and no tags — each database it reaches carries the
// tag `hipaa-cloud:share-expires:<account>` with the last day (components/aws/research-share.ts writes
// it). A de-identified bucket's object reads are recorded by a trail of the stack. Judges any program.
import { shareExpiresTagPrefix } from "../../facts/tags";
import { classificationOf, deidentifiedValue, notDeidentified, targetNotInStack } from "../lib/sharing";
import { isCalendarDate, oneYearAfter, todayIso } from "../lib/config";
import { terraformReads } from "../lib/inputs";
import { notApplicable, PolicyResource, resourceRule, Rule, stackRule, Violation } from "../lib/rule";
import type { Lookup, StackIndex } from "../lib/stack-index";
import { asArray, get, isUnknown, show, UNKNOWN } from "../lib/values";
import { BucketIndex } from "./support/buckets";
import { T } from "./support/tokens";
import { coversBucket, dataEventCoverage } from "./support/trails";

const cloud = "aws";
const PERMISSIONS = "aws:lakeformation/permissions:Permissions";
const GLUE_DATABASE = "aws:glue/catalogDatabase:CatalogDatabase";
const RESOURCE_LF_TAGS = "aws:lakeformation/resourceLfTags:ResourceLfTags";
const GLUE_TABLE = "aws:glue/catalogTable:CatalogTable";
const IAM_PRINCIPALS = ["aws:iam/role:Role", "aws:iam/user:User", "aws:iam/group:Group"];

/** The read-only Lake Formation permissions a research partner may hold. */
const readOnly = ["SELECT", "DESCRIBE"];
/** The tag key prefix that records a partner account's last day on a shared database. */
export const expiryTagPrefix = shareExpiresTagPrefix;

/**
 * Whether a grant's principal is the hospital's own: an IAM role, user or group of this stack (the principal
 * is built from it and is its ARN, or unknown until it exists). Anything else — an account id, an ARN written
 * as text, an organization — is outside. The pack cannot see the account a deployment runs in, so an ARN of
 * another account built from a local role's output would read as local: keep partner principals literal.
 */
function isInternal(stack: StackIndex | undefined, grant: PolicyResource): boolean {
    const deps = grant.opts.propertyDependencies?.principal ?? [];
    const fromStack = stack ? deps.some(u => IAM_PRINCIPALS.includes(stack.byUrn(u)?.type ?? "")) : deps.length > 0;
    const v = grant.props.principal;
    return fromStack && (isUnknown(v) || (typeof v === "string" && /^arn:aws[a-z-]*:iam::\d{12}:(role|user|group)\//.test(v)));
}

/** The account of a principal (an account id, or an IAM ARN's account), for the expiry tag. */
function accountOf(principal: unknown): string | undefined {
    if (typeof principal !== "string") return undefined;
    if (/^\d{12}$/.test(principal)) return principal;
    return /^arn:aws[a-z-]*:iam::(\d{12}):/.exec(principal)?.[1];
}

/** Lake Formation principals that are everyone (or a whole organization), never a named partner. */
function broadPrincipal(v: string): string | undefined {
    if (v === "IAM_ALLOWED_PRINCIPALS" || v === "*" || /^ALLIAMPrincipals$/i.test(v) || v.includes("*")) return "every principal";
    if (/^arn:aws[a-z-]*:organizations::/.test(v)) return "a whole organization or organizational unit";
    if (/^arn:aws[a-z-]*:iam::\d{12}:(root|saml-provider\/)/.test(v)) return "a whole account's root or an identity provider";
    return undefined;
}

/**
 * The Glue databases of this stack by name, without regard to case: Glue keeps a database's name in lower case
 * and reads one written in any case, so a grant or an LF-tag on "STMARY_PHI" reaches the database "stmary_phi".
 */
function glueDatabases(stack: StackIndex): Lookup {
    return stack.lookup([GLUE_DATABASE], ["name"], true);
}

/** The Glue databases of this stack a grant reaches, or why they cannot be told. */
function targets(stack: StackIndex, grant: PolicyResource): { databases: PolicyResource[]; property: string; problem?: Violation } {
    const dbs = glueDatabases(stack);
    const p = grant.props;
    const byName = (property: string, path: string) => {
        const name = get(p, path);
        const found = dbs.refer(grant, property, [name]);
        return !isUnknown(found) && found.length ? { databases: found, property: path } : { databases: [], property: path, problem: targetNotInStack(grant, path, name) };
    };
    if (!terraformReads.offOrUnset(p.catalogResource)) return { databases: [], property: "catalogResource", problem: { resource: grant, property: "catalogResource", found: p.catalogResource, wanted: "a grant on de-identified databases or tables, not the whole Data Catalog" } };
    if (p.database) return byName("database", "database.name");
    if (p.table) return byName("table", "table.databaseName");
    if (p.tableWithColumns) return byName("tableWithColumns", "tableWithColumns.databaseName");
    if (p.dataCellsFilter) return byName("dataCellsFilter", "dataCellsFilter.databaseName");
    if (p.lfTagPolicy) return byTagPolicy(stack, grant);
    if (p.dataLocation) return { databases: [], property: "dataLocation", problem: { resource: grant, property: "dataLocation.arn", found: get(p, "dataLocation.arn"), wanted: "no data-location grant outside the hospital: it lets the partner create tables over the bucket" } };
    if (p.lfTag) return { databases: [], property: "lfTag", problem: { resource: grant, property: "lfTag.key", found: get(p, "lfTag.key"), wanted: "no grant on an LF-tag outside the hospital: grant on tag expressions of de-identified data" } };
    return { databases: [], property: "database", problem: targetNotInStack(grant, "database", undefined) };
}

/**
 * An LF-tag expression grant: it must name the de-identified value alone on one of its keys (so it can match
 * nothing tagged otherwise, in or outside the stack), and the databases of this stack it matches (through
 * ResourceLfTags) are judged by their own tags.
 */
function byTagPolicy(stack: StackIndex, grant: PolicyResource): { databases: PolicyResource[]; property: string; problem?: Violation } {
    const property = "lfTagPolicy.expressions";
    const expressions = get(grant.props, property);
    if (isUnknown(expressions) || asArray(expressions as unknown[]).some(e => isUnknown(e) || isUnknown(get(e, "values")) || isUnknown(get(e, "key")))) {
        return { databases: [], property, problem: { resource: grant, property, found: UNKNOWN, wanted: `an expression whose values are exactly ["${deidentifiedValue}"]` } };
    }
    const list = asArray(expressions as { key?: unknown; values?: unknown }[]);
    const pinned = list.some(e => Array.isArray(e?.values) && e.values.length === 1 && e.values[0] === deidentifiedValue);
    if (!pinned) {
        return { databases: [], property, problem: { resource: grant, property, found: expressions,
            wanted: `an expression whose values are exactly ["${deidentifiedValue}"] (the LF-tag that classifies de-identified data): without it the grant matches whatever else carries its tags` } };
    }
    const matches = (tags: unknown) => list.every(e => asArray(tags as { key?: unknown; value?: unknown }[]).some(t => t?.key === e.key && asArray(e.values as unknown[]).includes(t?.value)));
    const databases = stack.ofType(RESOURCE_LF_TAGS).filter(t => matches(t.props.lfTags)).flatMap(t => lfTaggedDatabases(stack, t).databases);
    return databases.length ? { databases: [...new Set(databases)], property } : { databases: [], property, problem: targetNotInStack(grant, property, expressions) };
}

/**
 * The Glue databases of this stack a ResourceLfTags tags: its database, or the database of the table (or
 * columns) it tags. A table LF-tagged "deidentified" inside a PHI database is matched by tag grants too,
 * and table tags override the database's, so the database's own classification is what is judged.
 */
function lfTaggedDatabases(stack: StackIndex, lf: PolicyResource): { databases: PolicyResource[]; property: string; name: unknown } {
    const dbs = glueDatabases(stack);
    for (const [prop, path] of [["database", "database.name"], ["table", "table.databaseName"], ["tableWithColumns", "tableWithColumns.databaseName"]] as const) {
        if (lf.props[prop] === undefined) continue;
        const found = dbs.refer(lf, prop, [get(lf.props, path)]);
        return { databases: isUnknown(found) ? [] : found, property: path, name: get(lf.props, path) };
    }
    return { databases: [], property: "database.name", name: undefined };
}

const S3_URI = /^s3a?:\/\/([^/]+)/;

/**
 * Where a shared database's data lives: its locationUri and the storage locations of its tables in this
 * stack. A table of a de-identified database may point at any bucket (the PHI bucket included), so each
 * location must be a bucket of this stack tagged de-identified too.
 */
function dataLocations(stack: StackIndex, grant: PolicyResource, db: PolicyResource): Violation[] {
    const out: Violation[] = [];
    const buckets = BucketIndex.of(stack);
    const check = (owner: PolicyResource, prop: string, path: string, uri: unknown) => {
        if (uri === undefined || uri === null) return;
        const where = `${path} (on ${owner.type} "${owner.name}")`;
        // The one relation (Lookup.refer): the bucket the URI's text names, never a bucket's Pulumi name; its
        // dependencies only for a bucket whose own name is unknown, or for a URI unknown at preview.
        const found = buckets.refer(owner, prop, [typeof uri === "string" ? S3_URI.exec(uri)?.[1] : uri]);
        if (isUnknown(found)) { out.push({ resource: grant, property: where, found: UNKNOWN, wanted: "a de-identified bucket of this stack" }); return; }
        if (!found.length) { out.push(targetNotInStack(grant, where, uri)); return; }
        for (const b of found) out.push(...notDeidentified(grant, where, b));
    };
    check(db, "locationUri", "locationUri", db.props.locationUri);
    for (const table of stack.ofType(GLUE_TABLE)) {
        const named = glueDatabases(stack).named(table.props.databaseName);
        const inDb = (table.opts.propertyDependencies?.databaseName ?? []).includes(db.urn) || (!isUnknown(named) && named.includes(db));
        if (!inDb) continue;
        check(table, "storageDescriptor", "storageDescriptor.location", get(table.props, "storageDescriptor.location"));
        asArray(get(table.props, "storageDescriptor.additionalLocations") as unknown[]).forEach((uri, i) =>
            check(table, "storageDescriptor", `storageDescriptor.additionalLocations[${i}]`, uri));
    }
    return out;
}

const shareTarget = stackRule({
    name: "aws-share-deidentified-lakeformation-permissions", cloud, controls: ["SHARE-DEIDENTIFIED"], severity: "critical",
    judges: [PERMISSIONS],
    description: "A Lake Formation grant to a principal outside the hospital reaches only Glue databases of this stack tagged data-classification=deidentified, each tagged hipaa-cloud:share-expires:<account> with the last day (at most a year ahead); Lake Formation grants cannot end by themselves.",
    remediation: "Grant partners through an LF-tag expression with values [\"deidentified\"] (or name a database) whose Glue databases are tagged data-classification=deidentified and hipaa-cloud:share-expires:<partner account>=YYYY-MM-DD; revoke the grant on that day.",
    check: stack => {
        const out: Violation[] = [];
        const today = todayIso();
        for (const grant of stack.ofType(PERMISSIONS)) {
            if (isInternal(stack, grant)) {
                out.push({ resource: grant, property: "principal", found: grant.props.principal, wanted: "a principal outside the hospital",
                    doesNotApply: "the principal is an IAM role, user or group of this stack: the hospital's own, not a research partner" });
                continue;
            }
            const { databases, property, problem } = targets(stack, grant);
            if (problem) { out.push(problem); continue; }
            const account = accountOf(grant.props.principal);
            for (const db of databases) {
                const notDeid = notDeidentified(grant, property, db);
                out.push(...notDeid);
                if (!notDeid.length) out.push(...dataLocations(stack, grant, db));
                const key = account && `${expiryTagPrefix}${account}`;
                const tags = db.props.tags;
                const value = isUnknown(tags) ? UNKNOWN : key && tags && typeof tags === "object" ? (tags as Record<string, unknown>)[key] : undefined;
                const where = `tags["${key ?? `${expiryTagPrefix}<account>`}"] (on ${db.type} "${db.name}")`;
                const latest = oneYearAfter(today);
                if (isUnknown(value)) out.push({ resource: grant, property: where, found: UNKNOWN, wanted: "the partner's last day" });
                else if (!isCalendarDate(value)) out.push({ resource: grant, property: where, found: value, wanted: `the partner's last day, a real date YYYY-MM-DD at most one year ahead (${latest} at the latest)`, note: "A Lake Formation grant has no end date of its own: the tag is what the yearly review revokes by." });
                else if (value < today) out.push({ resource: grant, property: where, found: value, wanted: `a date from ${today} on`, note: "The share has ended but the grant is still in place: revoke it." });
                else if (value > latest) out.push({ resource: grant, property: where, found: value, wanted: `a date at most one year ahead (${latest} at the latest, judged on ${today})` });
            }
        }
        return out;
    },
});

const sharePrincipal = resourceRule({
    name: "aws-public-access-lakeformation-permissions", cloud, controls: ["PUBLIC-ACCESS"], severity: "critical",
    types: [PERMISSIONS],
    description: "A Lake Formation grant names an account or IAM principal, never IAM_ALLOWED_PRINCIPALS, a wildcard, an account root or a whole organization.",
    remediation: "Set `principal` to the partner's AWS account id (or an IAM role ARN); grant nothing to IAM_ALLOWED_PRINCIPALS or an organization.",
    check: r => {
        const v = r.props.principal;
        if (isUnknown(v)) return [{ property: "principal", found: v, wanted: "a named account or IAM principal" }];
        const broad = typeof v === "string" ? broadPrincipal(v) : "not a principal";
        return broad ? [{ property: "principal", found: v, wanted: "a named account or IAM principal", note: `It names ${broad}.` }] : [];
    },
});

const shareReadOnly = resourceRule({
    name: "aws-least-privilege-lakeformation-permissions", cloud, controls: ["LEAST-PRIVILEGE"], severity: "high",
    types: [PERMISSIONS],
    description: "A Lake Formation grant to a principal outside the hospital is read-only: SELECT and DESCRIBE only, with no grant option.",
    remediation: "Set `permissions` to [\"SELECT\", \"DESCRIBE\"] (or fewer) and leave `permissionsWithGrantOptions` empty.",
    check: r => {
        if (isInternal(undefined, r)) return notApplicable("the principal is built from an IAM principal of this stack: the hospital's own");
        const out: Violation[] = [];
        const perms = r.props.permissions;
        if (isUnknown(perms) || asArray(perms as unknown[]).some(isUnknown)) out.push({ property: "permissions", found: UNKNOWN, wanted: "SELECT and DESCRIBE only" });
        else if (!Array.isArray(perms) || !perms.length || perms.some(p => !readOnly.includes(p as string))) out.push({ property: "permissions", found: perms, wanted: `a subset of ${show(readOnly)}` });
        const grantable = r.props.permissionsWithGrantOptions;
        if (isUnknown(grantable) || (grantable !== undefined && grantable !== null && (!Array.isArray(grantable) || grantable.length > 0))) {
            out.push({ property: "permissionsWithGrantOptions", found: grantable, wanted: "none: a partner must not pass the data on" });
        }
        return out;
    },
});

const deidentifiedDataEvents = stackRule({
    name: "aws-audit-log-deidentified-bucket-data-events", cloud, controls: ["AUDIT-LOG"], severity: "high",
    description: "Every S3 bucket tagged data-classification=deidentified (what research partners read) has its object reads recorded by a CloudTrail trail of this stack.",
    remediation: "Add an advanced event selector to the trail: eventCategory \"Data\" with resources.type \"AWS::S3::Object\" (covering the de-identified bucket).",
    check: stack => {
        const trails = stack.ofType(...T.cloudtrailTrail).map(t => [t, dataEventCoverage(t, "AWS::S3::Object")] as const);
        const out: Violation[] = [];
        for (const bucket of BucketIndex.of(stack).buckets) {
            if (!T.s3Bucket.includes(bucket.type as never) || classificationOf(bucket) !== deidentifiedValue) continue;
            const verdicts = trails.map(([t, c]) => coversBucket(t, c, bucket));
            if (verdicts.includes(true)) continue;
            out.push({ resource: bucket, property: "advancedEventSelectors", found: verdicts.includes("unknown") ? UNKNOWN : undefined,
                wanted: "a trail of this stack with S3 data events covering this bucket", note: "Who read de-identified data is part of the disclosure record." });
        }
        return out;
    },
});

const LF_TAG = "aws:lakeformation/lfTag:LfTag";
const LF_RESOURCE = "aws:lakeformation/resource:Resource";

/**
 * Partner grants match LF-tags, not Glue tags: an LF-tag value "deidentified" put on a PHI database would
 * open it to every grant on that expression. So a database (and the ResourceLfTags that tags it) LF-tagged
 * "deidentified" must be tagged data-classification=deidentified itself, and an LF-tag offering the value
 * is judged by where it is put.
 */
const lfTagUse = stackRule({
    name: "aws-share-deidentified-lakeformation-tags", cloud, controls: ["SHARE-DEIDENTIFIED"], severity: "critical",
    judges: [GLUE_DATABASE, LF_TAG],
    reads: { database: [RESOURCE_LF_TAGS], table: [RESOURCE_LF_TAGS] },
    description: "A Glue database that Lake Formation tags \"deidentified\" (what partner grants match) is itself tagged data-classification=deidentified; an LF-tag that offers the value is put only on such databases.",
    remediation: "LF-tag only de-identified databases with the de-identified value, and tag those databases data-classification=deidentified.",
    check: stack => {
        const out: Violation[] = [];
        const misused = new Map<string, PolicyResource[]>();
        const tagged = new Set<PolicyResource>();
        for (const lf of stack.ofType(RESOURCE_LF_TAGS)) {
            const pairs = asArray(lf.props.lfTags as { key?: unknown; value?: unknown }[]);
            const keys = pairs.filter(t => t?.value === deidentifiedValue).map(t => t.key);
            if (!keys.length) continue;
            const { databases: targets, property, name } = lfTaggedDatabases(stack, lf);
            if (!targets.length) { out.push(targetNotInStack(lf, property, name)); continue; }
            for (const db of targets) {
                tagged.add(db);
                const v = notDeidentified(db, "tags", db).map(x => ({ ...x, wanted: `data-classification=${deidentifiedValue} on a database Lake Formation tags "${deidentifiedValue}"` }));
                out.push(...v);
                if (v.length) for (const key of keys) misused.set(String(key), [...(misused.get(String(key)) ?? []), db]);
            }
        }
        for (const db of stack.ofType(GLUE_DATABASE)) {
            if (!tagged.has(db)) out.push({ resource: db, property: "lfTags", found: undefined, wanted: "an LF-tag value deidentified", doesNotApply: `no ResourceLfTags of this stack tags it "${deidentifiedValue}": no tag-based partner grant can match it` });
        }
        for (const tag of stack.ofType(LF_TAG)) {
            const values = tag.props.values;
            if (isUnknown(values)) { out.push({ resource: tag, property: "values", found: UNKNOWN, wanted: "known values" }); continue; }
            if (!asArray(values as unknown[]).includes(deidentifiedValue)) {
                out.push({ resource: tag, property: "values", found: values, wanted: `the value "${deidentifiedValue}"`, doesNotApply: `it offers no "${deidentifiedValue}" value: no partner grant is meant to match it alone` });
                continue;
            }
            const wrong = misused.get(String(tag.props.key)) ?? [];
            if (wrong.length) out.push({ resource: tag, property: "values", found: values, wanted: "put only on databases tagged data-classification=deidentified", note: `It marks ${wrong.map(d => `"${d.name}"`).join(", ")} de-identified.` });
        }
        return out;
    },
});

const lfLocation = resourceRule({
    name: "aws-least-privilege-lakeformation-resource", cloud, controls: ["LEAST-PRIVILEGE"], severity: "high",
    types: [LF_RESOURCE],
    description: "A location registered with Lake Formation is not in hybrid access mode, so only Lake Formation grants (not IAM or bucket policies alone) reach its data.",
    remediation: "Leave `hybridAccessEnabled` unset or false.",
    check: r => {
        const v = r.props.hybridAccessEnabled;
        if (isUnknown(v)) return [{ property: "hybridAccessEnabled", found: v, wanted: "false" }];
        return !terraformReads.offOrUnset(v) ? [{ property: "hybridAccessEnabled", found: v, wanted: "false: in hybrid mode IAM and S3 permissions reach the data beside Lake Formation's grants" }] : [];
    },
});

export const rules: Rule[] = [shareTarget, lfTagUse, sharePrincipal, shareReadOnly, lfLocation, deidentifiedDataEvents];
