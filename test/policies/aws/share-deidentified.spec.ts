// The research-sharing rules on AWS (policies/aws/share-deidentified.ts): compliant, violating and unknown
// cases of each, and the ways a program could try to share PHI and be called compliant.
import assert from "node:assert/strict";
import { todayVariable } from "../../../policies/lib/config";
import type { ResourceRule, StackRule } from "../../../policies/lib/rule";
import { UNKNOWN } from "../../../policies/lib/values";
import { assertNoFinding, findingsOf, resource, ruleNamed, stackOutcomesByName, violations } from "../../support/policies";

const target = ruleNamed("aws-share-deidentified-lakeformation-permissions") as StackRule;
const principal = ruleNamed("aws-public-access-lakeformation-permissions") as ResourceRule;
const readOnly = ruleNamed("aws-least-privilege-lakeformation-permissions") as ResourceRule;
const dataEvents = ruleNamed("aws-audit-log-deidentified-bucket-data-events") as StackRule;
const lfTagUse = ruleNamed("aws-share-deidentified-lakeformation-tags") as StackRule;
const lfLocation = ruleNamed("aws-least-privilege-lakeformation-resource") as ResourceRule;

const PERMISSIONS = "aws:lakeformation/permissions:Permissions";
const DB = "aws:glue/catalogDatabase:CatalogDatabase";
const LF_TAGS = "aws:lakeformation/resourceLfTags:ResourceLfTags";
const partner = "210987654321";
const expiryKey = `hipaa-cloud:share-expires:${partner}`;
const today = "2026-06-15";

const deidDb = (extra: Record<string, string> = { [expiryKey]: "2027-01-31" }) =>
    resource(DB, { name: "stmary_deid_cohort", tags: { "data-classification": "deidentified", ...extra } }, { name: "deid" });
const phiDb = () => resource(DB, { name: "stmary_phi", tags: { "data-classification": "phi", [expiryKey]: "2027-01-31" } }, { name: "phi" });
const untaggedDb = () => resource(DB, { name: "stmary_raw", tags: { [expiryKey]: "2027-01-31" } }, { name: "raw" });
const lfTags = (db: ReturnType<typeof resource>, value: string) => resource(LF_TAGS, {
    database: { name: db.props.name }, lfTags: [{ key: "stmary-data-classification", value }, { key: "stmary-dataset", value: "cohort" }],
}, { name: `${db.name}-tags`, deps: { database: [db] } });
const tagPolicy = (values = ["deidentified"]) => ({ resourceType: "TABLE", expressions: [{ key: "stmary-data-classification", values }, { key: "stmary-dataset", values: ["cohort"] }] });
const grant = (props: Record<string, unknown>, name = "g") => resource(PERMISSIONS, { principal: partner, permissions: ["SELECT", "DESCRIBE"], permissionsWithGrantOptions: [], ...props }, { name: name });

describe("aws research sharing (SHARE-DEIDENTIFIED and its companions)", () => {
    beforeEach(() => { process.env[todayVariable] = today; });
    afterEach(() => { delete process.env[todayVariable]; });

    describe("aws-share-deidentified-lakeformation-permissions", () => {
        it("passes a grant by LF-tag expression onto de-identified databases that carry the partner's last day", () => {
            const db = deidDb();
            assert.deepEqual(stackOutcomesByName(target, [db, lfTags(db, "deidentified"), grant({ lfTagPolicy: tagPolicy() })]), { g: "compliant" });
        });
        it("passes a grant naming a de-identified database", () => {
            const db = deidDb();
            assert.deepEqual(violations(findingsOf(target, [db, grant({ database: { name: "stmary_deid_cohort" } })])), []);
        });
        it("reports a grant onto a PHI-tagged database, naming the control and the database", () => {
            const [f] = violations(findingsOf(target, [phiDb(), grant({ database: { name: "stmary_phi" } })]));
            assert.deepEqual(f.controls, ["SHARE-DEIDENTIFIED"]);
            assert.match(f.message, /database\.name.*data-classification=deidentified.*It reaches .*"phi", which is tagged data-classification="phi"/);
        });
        it("reports a grant onto an untagged database, and onto a table of it", () => {
            assert.match(violations(findingsOf(target, [untaggedDb(), grant({ database: { name: "stmary_raw" } })]))[0].message, /has no data-classification tag/);
            assert.equal(violations(findingsOf(target, [untaggedDb(), grant({ table: { databaseName: "stmary_raw", wildcard: true } })])).length, 1);
        });
        it("reports near misses of the de-identified tag (case, blanks, look-alike letters)", () => {
            for (const value of ["Deidentified", "deidentified ", "de-identified", "deіdentified"]) {
                const db = resource(DB, { name: "x", tags: { "data-classification": value, [expiryKey]: "2027-01-31" } }, { name: "d" });
                assert.equal(violations(findingsOf(target, [db, grant({ database: { name: "x" } })])).length, 1, value);
            }
            const wrongKey = resource(DB, { name: "x", tags: { "Data-Classification": "deidentified", [expiryKey]: "2027-01-31" } }, { name: "d" });
            assert.equal(violations(findingsOf(target, [wrongKey, grant({ database: { name: "x" } })])).length, 1);
        });
        it("reports a grant whose target is not in the stack (not compliant, never unknown)", () => {
            const [f] = violations(findingsOf(target, [grant({ database: { name: "elsewhere" } })]));
            assert.match(f.message, /not a store of this stack/);
        });
        it("reports a tag expression that does not pin the de-identified value, or matches a PHI database", () => {
            const db = deidDb();
            assert.match(violations(findingsOf(target, [db, lfTags(db, "deidentified"), grant({ lfTagPolicy: tagPolicy(["deidentified", "phi"]) })]))[0].message, /exactly \["deidentified"\]/);
            const phi = phiDb();
            // The PHI database is LF-tagged "deidentified" by mistake: its own tag still says phi.
            assert.equal(violations(findingsOf(target, [phi, lfTags(phi, "deidentified"), grant({ lfTagPolicy: tagPolicy() })])).length, 1);
        });
        it("reports a de-identified database whose data (its location, a table's location) is in a PHI, untagged or outside bucket", () => {
            const phiBucket = resource("aws:s3/bucket:Bucket", { bucket: "stmary-phi", tags: { "data-classification": "phi" } }, { name: "phi-bucket" });
            const deidBucket = resource("aws:s3/bucket:Bucket", { bucket: "stmary-deid", tags: { "data-classification": "deidentified" } }, { name: "deid-bucket" });
            const db = resource(DB, { name: "stmary_deid_cohort", locationUri: "s3://stmary-deid/cohort/", tags: { "data-classification": "deidentified", [expiryKey]: "2027-01-31" } }, { name: "deid" });
            const g = grant({ database: { name: "stmary_deid_cohort" } });
            assert.deepEqual(violations(findingsOf(target, [deidBucket, phiBucket, db, g])), []);
            const table = (location: string) => resource("aws:glue/catalogTable:CatalogTable", { databaseName: "stmary_deid_cohort", name: "visits", storageDescriptor: { location } }, { name: "t" });
            assert.match(violations(findingsOf(target, [deidBucket, phiBucket, db, table("s3://stmary-phi/visits/"), g]))[0].message, /storageDescriptor\.location .*"phi-bucket", which is tagged data-classification="phi"/);
            assert.match(violations(findingsOf(target, [deidBucket, phiBucket, db, table("s3://somewhere-else/visits/"), g]))[0].message, /not a store of this stack/);
            const elsewhere = resource(DB, { ...db.props, locationUri: "s3://stmary-phi/" }, { name: "deid" });
            assert.equal(violations(findingsOf(target, [deidBucket, phiBucket, elsewhere, g])).length, 1);
        });
        it("reports a table of a PHI database LF-tagged de-identified and matched by a tag grant", () => {
            const phi = phiDb();
            const tableTags = resource(LF_TAGS, { table: { databaseName: "stmary_phi", name: "visits" },
                lfTags: [{ key: "stmary-data-classification", value: "deidentified" }, { key: "stmary-dataset", value: "cohort" }] }, { name: "table-tags" });
            // Beside a de-identified database the grant rightly matches, so the PHI table is the only fault.
            const deid = deidDb();
            const [f, ...more] = violations(findingsOf(target, [deid, lfTags(deid, "deidentified"), phi, tableTags, grant({ lfTagPolicy: tagPolicy() })]));
            assert.match(f?.message ?? "", /It reaches .*"phi", which is tagged data-classification="phi"/);
            assert.deepEqual(more, []);
            assert.equal(stackOutcomesByName(lfTagUse, [phi, tableTags])["table-tags"] ?? stackOutcomesByName(lfTagUse, [phi, tableTags]).phi, "violation");
        });
        it("relates a Glue database by its name in any case, as Glue reads it: an LF-tag or a table on \"STMARY_PHI\" is on the database stmary_phi", () => {
            const phi = phiDb(), deid = deidDb();
            const tableTags = resource(LF_TAGS, { table: { databaseName: "STMARY_PHI", name: "visits" },
                lfTags: [{ key: "stmary-data-classification", value: "deidentified" }, { key: "stmary-dataset", value: "cohort" }] }, { name: "table-tags" });
            assert.equal(violations(findingsOf(target, [deid, lfTags(deid, "deidentified"), phi, tableTags, grant({ lfTagPolicy: tagPolicy() })])).length, 1);
            const phiBucket = resource("aws:s3/bucket:Bucket", { bucket: "stmary-phi", tags: { "data-classification": "phi" } }, { name: "phi-bucket" });
            const table = resource("aws:glue/catalogTable:CatalogTable", { databaseName: "STMARY_DEID_COHORT", name: "visits", storageDescriptor: { location: "s3://stmary-phi/visits/" } }, { name: "t" });
            assert.equal(violations(findingsOf(target, [phiBucket, deid, table, grant({ database: { name: "stmary_deid_cohort" } })])).length, 1);
            assert.deepEqual(violations(findingsOf(target, [deid, grant({ database: { name: "STMARY_DEID_COHORT" } })])), []);
        });
        it("reports the whole catalog, a data location and an LF-tag grant to a partner", () => {
            assert.equal(violations(findingsOf(target, [grant({ catalogResource: true })])).length, 1);
            assert.equal(violations(findingsOf(target, [grant({ dataLocation: { arn: "arn:aws:s3:::stmary-phi" } })])).length, 1);
            assert.equal(violations(findingsOf(target, [grant({ lfTag: { key: "stmary-data-classification", values: ["phi"] } })])).length, 1);
        });
        it("reports a grant without the partner's last day, with a date that is no date, ended, or more than a year ahead", () => {
            for (const [extra, wanted] of [[{}, /last day/], [{ [expiryKey]: "2027-02-30" }, /real date/], [{ [expiryKey]: "2026-06-14" }, /revoke it/],
                [{ [expiryKey]: "2027-06-16" }, /2027-06-15 at the latest/], [{ "hipaa-cloud:share-expires:999999999999": "2027-01-31" }, /last day/]] as const) {
                const [f] = violations(findingsOf(target, [deidDb(extra as Record<string, string>), grant({ database: { name: "stmary_deid_cohort" } })]));
                assert.match(f?.message ?? "", wanted, JSON.stringify(extra));
            }
            assert.deepEqual(violations(findingsOf(target, [deidDb({ [expiryKey]: today }), grant({ database: { name: "stmary_deid_cohort" } })])), [], "the last day itself");
        });
        it("does not apply to the hospital's own role, built from a role of the stack", () => {
            const role = resource("aws:iam/role:Role", {}, { name: "analyst" });
            const own = resource(PERMISSIONS, { principal: UNKNOWN, permissions: ["ALL"], database: { name: "stmary_phi" } }, { name: "own", deps: { principal: [role] } });
            assert.deepEqual(stackOutcomesByName(target, [role, phiDb(), own]), { own: "not-applicable" });
        });
        it("does not take an account id built from a stack resource's output for the hospital's own", () => {
            const bucket = resource("aws:s3/bucket:Bucket", {}, { name: "b" });
            const sneaky = resource(PERMISSIONS, { principal: partner, permissions: ["SELECT"], database: { name: "stmary_phi" } }, { name: "sneaky", deps: { principal: [bucket] } });
            assert.equal(violations(findingsOf(target, [bucket, phiDb(), sneaky])).length, 1);
        });
        it("reports tags unknown at preview as unknown", () => {
            const db = resource(DB, { name: "x", tags: UNKNOWN }, { name: "d" });
            const findings = findingsOf(target, [db, grant({ database: { name: "x" } })]);
            assert.ok(findings.length > 0 && findings.every(f => f.unknown));
        });
    });

    describe("aws-share-deidentified-lakeformation-tags", () => {
        const tag = (values: unknown, key = "stmary-data-classification") => resource("aws:lakeformation/lfTag:LfTag", { key, values }, { name: key });
        it("passes LF-tagging a de-identified database de-identified; an LF-tag without the value does not apply", () => {
            const db = deidDb();
            assert.deepEqual(stackOutcomesByName(lfTagUse, [db, lfTags(db, "deidentified"), tag(["deidentified"]), tag(["cohort"], "stmary-dataset")]),
                { deid: "compliant", "deid-tags": "compliant", "stmary-data-classification": "compliant", "stmary-dataset": "not-applicable" });
        });
        it("reports a PHI or untagged database LF-tagged de-identified, the ResourceLfTags and the LF-tag that do it", () => {
            for (const db of [phiDb(), untaggedDb()]) {
                const outcomes = stackOutcomesByName(lfTagUse, [db, lfTags(db, "deidentified"), tag(["phi", "deidentified"])]);
                assert.equal(outcomes[db.name], "violation", db.name);
                assert.equal(outcomes[`${db.name}-tags`], "violation");
                assert.equal(outcomes["stmary-data-classification"], "violation");
            }
        });
        it("reports LF-tagging a database that is not in the stack, and is unknown while the values are", () => {
            assert.match(violations(findingsOf(lfTagUse, [resource(LF_TAGS, { database: { name: "elsewhere" }, lfTags: [{ key: "k", value: "deidentified" }] }, { name: "t" })]))[0].message, /not a store of this stack/);
            assert.equal(findingsOf(lfTagUse, [tag(UNKNOWN)])[0].unknown, true);
        });
    });

    describe("aws-least-privilege-lakeformation-resource", () => {
        const location = (props: Record<string, unknown>) => resource("aws:lakeformation/resource:Resource", { arn: "arn:aws:s3:::stmary-deid", ...props }, { name: "loc" });
        it("passes a location without hybrid access", () => {
            assertNoFinding(findingsOf(lfLocation, location({ hybridAccessEnabled: false })));
            assertNoFinding(findingsOf(lfLocation, location({})));
        });
        it("reports hybrid access, and is unknown while it is", () => {
            assert.deepEqual(findingsOf(lfLocation, location({ hybridAccessEnabled: true }))[0].controls, ["LEAST-PRIVILEGE"]);
            assert.equal(findingsOf(lfLocation, location({ hybridAccessEnabled: UNKNOWN }))[0].unknown, true);
        });
    });

    describe("aws-public-access-lakeformation-permissions", () => {
        it("passes an account id and an IAM role", () => {
            assertNoFinding(findingsOf(principal, grant({})));
            assertNoFinding(findingsOf(principal, grant({ principal: "arn:aws:iam::210987654321:role/research" })));
        });
        it("reports IAM_ALLOWED_PRINCIPALS, a wildcard, an organization and an account root", () => {
            for (const p of ["IAM_ALLOWED_PRINCIPALS", "*", "arn:aws:organizations::123456789012:organization/o-abc", "arn:aws:iam::210987654321:root", "arn:aws:iam::210987654321:role/*"]) {
                const [f] = findingsOf(principal, grant({ principal: p }));
                assert.deepEqual(f?.controls, ["PUBLIC-ACCESS"], p);
            }
        });
        it("reports a principal that is not text, and one unknown at preview as unknown", () => {
            assert.equal(findingsOf(principal, grant({ principal: 210987654321 })).length, 1);
            assert.equal(findingsOf(principal, grant({ principal: UNKNOWN }))[0].unknown, true);
        });
    });

    describe("aws-least-privilege-lakeformation-permissions", () => {
        it("passes SELECT and DESCRIBE without grant option", () => assertNoFinding(findingsOf(readOnly, grant({}))));
        it("reports a write, ALL, a grant option and permissions that are not a list", () => {
            assert.match(findingsOf(readOnly, grant({ permissions: ["SELECT", "INSERT"] }))[0].message, /subset of \["SELECT","DESCRIBE"\]/);
            assert.equal(findingsOf(readOnly, grant({ permissions: ["ALL"] })).length, 1);
            assert.equal(findingsOf(readOnly, grant({ permissions: ["select"] })).length, 1);
            assert.equal(findingsOf(readOnly, grant({ permissions: "SELECT" })).length, 1);
            assert.match(findingsOf(readOnly, grant({ permissionsWithGrantOptions: ["SELECT"] }))[0].message, /pass the data on/);
            assert.equal(findingsOf(readOnly, grant({ permissionsWithGrantOptions: "SELECT" })).length, 1);
        });
        it("reports permissions unknown at preview as unknown", () => assert.equal(findingsOf(readOnly, grant({ permissions: UNKNOWN }))[0].unknown, true));
        it("does not apply to the hospital's own role", () => {
            const role = resource("aws:iam/role:Role", {}, { name: "analyst" });
            const own = resource(PERMISSIONS, { principal: "arn:aws:iam::123456789012:role/analyst", permissions: ["ALL"] }, { name: "own", deps: { principal: [role] } });
            assertNoFinding(findingsOf(readOnly, own));
        });
    });

    describe("aws-audit-log-deidentified-bucket-data-events", () => {
        const bucket = resource("aws:s3/bucket:Bucket", { bucket: "stmary-deid", tags: { "data-classification": "deidentified" } }, { name: "deid" });
        const trail = (selectors: unknown) => resource("aws:cloudtrail/trail:Trail", { advancedEventSelectors: selectors }, { name: "t" });
        const s3Events = [{ fieldSelectors: [{ field: "eventCategory", equals: ["Data"] }, { field: "resources.type", equals: ["AWS::S3::Object"] }] }];
        it("passes a de-identified bucket whose object events a trail records", () => assertNoFinding(findingsOf(dataEvents, [bucket, trail(s3Events)])));
        it("reports one no trail records, and is unknown while the selectors are", () => {
            assert.deepEqual(violations(findingsOf(dataEvents, [bucket, trail([])]))[0].controls, ["AUDIT-LOG"]);
            assert.equal(findingsOf(dataEvents, [bucket, trail(UNKNOWN)])[0].unknown, true);
        });
    });
});
