// The research-sharing rules on AWS (policies/aws/share-deidentified.ts): compliant, violating and unknown
// cases of each, and the ways a program could try to share PHI and be called compliant.
import assert from "node:assert/strict";
import { rules } from "../../../policies/aws/share-deidentified";
import { todayVariable } from "../../../policies/lib/config";
import type { ResourceRule, StackRule } from "../../../policies/lib/rule";
import { UNKNOWN } from "../../../policies/lib/values";
import { failing, res, run, runStack, stackOutcomesByName } from "./fixtures";

const byName = (name: string) => rules.find(r => r.name === name)!;
const target = byName("aws-share-deidentified-lakeformation-permissions") as StackRule;
const principal = byName("aws-public-access-lakeformation-permissions") as ResourceRule;
const readOnly = byName("aws-least-privilege-lakeformation-permissions") as ResourceRule;
const dataEvents = byName("aws-audit-log-deidentified-bucket-data-events") as StackRule;
const lfTagUse = byName("aws-share-deidentified-lakeformation-tags") as StackRule;
const lfLocation = byName("aws-least-privilege-lakeformation-resource") as ResourceRule;

const PERMISSIONS = "aws:lakeformation/permissions:Permissions";
const DB = "aws:glue/catalogDatabase:CatalogDatabase";
const LF_TAGS = "aws:lakeformation/resourceLfTags:ResourceLfTags";
const partner = "210987654321";
const expiryKey = `hipaa-cloud:share-expires:${partner}`;
const today = "2026-06-15";

const deidDb = (extra: Record<string, string> = { [expiryKey]: "2027-01-31" }) =>
    res(DB, "deid", { name: "stmary_deid_cohort", tags: { "data-classification": "deidentified", ...extra } });
const phiDb = () => res(DB, "phi", { name: "stmary_phi", tags: { "data-classification": "phi", [expiryKey]: "2027-01-31" } });
const untaggedDb = () => res(DB, "raw", { name: "stmary_raw", tags: { [expiryKey]: "2027-01-31" } });
const lfTags = (db: ReturnType<typeof res>, value: string) => res(LF_TAGS, `${db.name}-tags`, {
    database: { name: db.props.name }, lfTags: [{ key: "stmary-data-classification", value }, { key: "stmary-dataset", value: "cohort" }],
}, { deps: { database: [db] } });
const tagPolicy = (values = ["deidentified"]) => ({ resourceType: "TABLE", expressions: [{ key: "stmary-data-classification", values }, { key: "stmary-dataset", values: ["cohort"] }] });
const grant = (props: Record<string, unknown>, name = "g") => res(PERMISSIONS, name, { principal: partner, permissions: ["SELECT", "DESCRIBE"], permissionsWithGrantOptions: [], ...props });

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
            assert.deepEqual(failing(runStack(target, [db, grant({ database: { name: "stmary_deid_cohort" } })])), []);
        });
        it("reports a grant onto a PHI-tagged database, naming the control and the database", () => {
            const [f] = failing(runStack(target, [phiDb(), grant({ database: { name: "stmary_phi" } })]));
            assert.deepEqual(f.controls, ["SHARE-DEIDENTIFIED"]);
            assert.match(f.message, /database\.name.*data-classification=deidentified.*It reaches .*"phi", which is tagged data-classification="phi"/);
        });
        it("reports a grant onto an untagged database, and onto a table of it", () => {
            assert.match(failing(runStack(target, [untaggedDb(), grant({ database: { name: "stmary_raw" } })]))[0].message, /has no data-classification tag/);
            assert.equal(failing(runStack(target, [untaggedDb(), grant({ table: { databaseName: "stmary_raw", wildcard: true } })])).length, 1);
        });
        it("reports near misses of the de-identified tag (case, blanks, look-alike letters)", () => {
            for (const value of ["Deidentified", "deidentified ", "de-identified", "deіdentified"]) {
                const db = res(DB, "d", { name: "x", tags: { "data-classification": value, [expiryKey]: "2027-01-31" } });
                assert.equal(failing(runStack(target, [db, grant({ database: { name: "x" } })])).length, 1, value);
            }
            const wrongKey = res(DB, "d", { name: "x", tags: { "Data-Classification": "deidentified", [expiryKey]: "2027-01-31" } });
            assert.equal(failing(runStack(target, [wrongKey, grant({ database: { name: "x" } })])).length, 1);
        });
        it("reports a grant whose target is not in the stack (not compliant, never unknown)", () => {
            const [f] = failing(runStack(target, [grant({ database: { name: "elsewhere" } })]));
            assert.match(f.message, /not a store of this stack/);
        });
        it("reports a tag expression that does not pin the de-identified value, or matches a PHI database", () => {
            const db = deidDb();
            assert.match(failing(runStack(target, [db, lfTags(db, "deidentified"), grant({ lfTagPolicy: tagPolicy(["deidentified", "phi"]) })]))[0].message, /exactly \["deidentified"\]/);
            const phi = phiDb();
            // The PHI database is LF-tagged "deidentified" by mistake: its own tag still says phi.
            assert.equal(failing(runStack(target, [phi, lfTags(phi, "deidentified"), grant({ lfTagPolicy: tagPolicy() })])).length, 1);
        });
        it("reports a de-identified database whose data (its location, a table's location) is in a PHI, untagged or outside bucket", () => {
            const phiBucket = res("aws:s3/bucket:Bucket", "phi-bucket", { bucket: "stmary-phi", tags: { "data-classification": "phi" } });
            const deidBucket = res("aws:s3/bucket:Bucket", "deid-bucket", { bucket: "stmary-deid", tags: { "data-classification": "deidentified" } });
            const db = res(DB, "deid", { name: "stmary_deid_cohort", locationUri: "s3://stmary-deid/cohort/", tags: { "data-classification": "deidentified", [expiryKey]: "2027-01-31" } });
            const g = grant({ database: { name: "stmary_deid_cohort" } });
            assert.deepEqual(failing(runStack(target, [deidBucket, phiBucket, db, g])), []);
            const table = (location: string) => res("aws:glue/catalogTable:CatalogTable", "t", { databaseName: "stmary_deid_cohort", name: "visits", storageDescriptor: { location } });
            assert.match(failing(runStack(target, [deidBucket, phiBucket, db, table("s3://stmary-phi/visits/"), g]))[0].message, /storageDescriptor\.location .*"phi-bucket", which is tagged data-classification="phi"/);
            assert.match(failing(runStack(target, [deidBucket, phiBucket, db, table("s3://somewhere-else/visits/"), g]))[0].message, /not a store of this stack/);
            const elsewhere = res(DB, "deid", { ...db.props, locationUri: "s3://stmary-phi/" });
            assert.equal(failing(runStack(target, [deidBucket, phiBucket, elsewhere, g])).length, 1);
        });
        it("reports a table of a PHI database LF-tagged de-identified and matched by a tag grant", () => {
            const phi = phiDb();
            const tableTags = res(LF_TAGS, "table-tags", { table: { databaseName: "stmary_phi", name: "visits" },
                lfTags: [{ key: "stmary-data-classification", value: "deidentified" }, { key: "stmary-dataset", value: "cohort" }] });
            // Beside a de-identified database the grant rightly matches, so the PHI table is the only fault.
            const deid = deidDb();
            const [f, ...more] = failing(runStack(target, [deid, lfTags(deid, "deidentified"), phi, tableTags, grant({ lfTagPolicy: tagPolicy() })]));
            assert.match(f?.message ?? "", /It reaches .*"phi", which is tagged data-classification="phi"/);
            assert.deepEqual(more, []);
            assert.equal(stackOutcomesByName(lfTagUse, [phi, tableTags])["table-tags"] ?? stackOutcomesByName(lfTagUse, [phi, tableTags]).phi, "violation");
        });
        it("reports the whole catalog, a data location and an LF-tag grant to a partner", () => {
            assert.equal(failing(runStack(target, [grant({ catalogResource: true })])).length, 1);
            assert.equal(failing(runStack(target, [grant({ dataLocation: { arn: "arn:aws:s3:::stmary-phi" } })])).length, 1);
            assert.equal(failing(runStack(target, [grant({ lfTag: { key: "stmary-data-classification", values: ["phi"] } })])).length, 1);
        });
        it("reports a grant without the partner's last day, with a date that is no date, ended, or more than a year ahead", () => {
            for (const [extra, wanted] of [[{}, /last day/], [{ [expiryKey]: "2027-02-30" }, /real date/], [{ [expiryKey]: "2026-06-14" }, /revoke it/],
                [{ [expiryKey]: "2027-06-16" }, /2027-06-15 at the latest/], [{ "hipaa-cloud:share-expires:999999999999": "2027-01-31" }, /last day/]] as const) {
                const [f] = failing(runStack(target, [deidDb(extra as Record<string, string>), grant({ database: { name: "stmary_deid_cohort" } })]));
                assert.match(f?.message ?? "", wanted, JSON.stringify(extra));
            }
            assert.deepEqual(failing(runStack(target, [deidDb({ [expiryKey]: today }), grant({ database: { name: "stmary_deid_cohort" } })])), [], "the last day itself");
        });
        it("does not apply to the hospital's own role, built from a role of the stack", () => {
            const role = res("aws:iam/role:Role", "analyst", {});
            const own = res(PERMISSIONS, "own", { principal: UNKNOWN, permissions: ["ALL"], database: { name: "stmary_phi" } }, { deps: { principal: [role] } });
            assert.deepEqual(stackOutcomesByName(target, [role, phiDb(), own]), { own: "not-applicable" });
        });
        it("does not take an account id built from a stack resource's output for the hospital's own", () => {
            const bucket = res("aws:s3/bucket:Bucket", "b", {});
            const sneaky = res(PERMISSIONS, "sneaky", { principal: partner, permissions: ["SELECT"], database: { name: "stmary_phi" } }, { deps: { principal: [bucket] } });
            assert.equal(failing(runStack(target, [bucket, phiDb(), sneaky])).length, 1);
        });
        it("reports tags unknown at preview as unknown", () => {
            const db = res(DB, "d", { name: "x", tags: UNKNOWN });
            const findings = runStack(target, [db, grant({ database: { name: "x" } })]);
            assert.ok(findings.length > 0 && findings.every(f => f.unknown));
        });
    });

    describe("aws-share-deidentified-lakeformation-tags", () => {
        const tag = (values: unknown, key = "stmary-data-classification") => res("aws:lakeformation/lfTag:LfTag", key, { key, values });
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
            assert.match(failing(runStack(lfTagUse, [res(LF_TAGS, "t", { database: { name: "elsewhere" }, lfTags: [{ key: "k", value: "deidentified" }] })]))[0].message, /not a store of this stack/);
            assert.equal(runStack(lfTagUse, [tag(UNKNOWN)])[0].unknown, true);
        });
    });

    describe("aws-least-privilege-lakeformation-resource", () => {
        const location = (props: Record<string, unknown>) => res("aws:lakeformation/resource:Resource", "loc", { arn: "arn:aws:s3:::stmary-deid", ...props });
        it("passes a location without hybrid access", () => {
            assert.deepEqual(run(lfLocation, location({ hybridAccessEnabled: false })), []);
            assert.deepEqual(run(lfLocation, location({})), []);
        });
        it("reports hybrid access, and is unknown while it is", () => {
            assert.deepEqual(run(lfLocation, location({ hybridAccessEnabled: true }))[0].controls, ["LEAST-PRIVILEGE"]);
            assert.equal(run(lfLocation, location({ hybridAccessEnabled: UNKNOWN }))[0].unknown, true);
        });
    });

    describe("aws-public-access-lakeformation-permissions", () => {
        it("passes an account id and an IAM role", () => {
            assert.deepEqual(run(principal, grant({})), []);
            assert.deepEqual(run(principal, grant({ principal: "arn:aws:iam::210987654321:role/research" })), []);
        });
        it("reports IAM_ALLOWED_PRINCIPALS, a wildcard, an organization and an account root", () => {
            for (const p of ["IAM_ALLOWED_PRINCIPALS", "*", "arn:aws:organizations::123456789012:organization/o-abc", "arn:aws:iam::210987654321:root", "arn:aws:iam::210987654321:role/*"]) {
                const [f] = run(principal, grant({ principal: p }));
                assert.deepEqual(f?.controls, ["PUBLIC-ACCESS"], p);
            }
        });
        it("reports a principal that is not text, and one unknown at preview as unknown", () => {
            assert.equal(run(principal, grant({ principal: 210987654321 })).length, 1);
            assert.equal(run(principal, grant({ principal: UNKNOWN }))[0].unknown, true);
        });
    });

    describe("aws-least-privilege-lakeformation-permissions", () => {
        it("passes SELECT and DESCRIBE without grant option", () => assert.deepEqual(run(readOnly, grant({})), []));
        it("reports a write, ALL, a grant option and permissions that are not a list", () => {
            assert.match(run(readOnly, grant({ permissions: ["SELECT", "INSERT"] }))[0].message, /subset of \["SELECT","DESCRIBE"\]/);
            assert.equal(run(readOnly, grant({ permissions: ["ALL"] })).length, 1);
            assert.equal(run(readOnly, grant({ permissions: ["select"] })).length, 1);
            assert.equal(run(readOnly, grant({ permissions: "SELECT" })).length, 1);
            assert.match(run(readOnly, grant({ permissionsWithGrantOptions: ["SELECT"] }))[0].message, /pass the data on/);
            assert.equal(run(readOnly, grant({ permissionsWithGrantOptions: "SELECT" })).length, 1);
        });
        it("reports permissions unknown at preview as unknown", () => assert.equal(run(readOnly, grant({ permissions: UNKNOWN }))[0].unknown, true));
        it("does not apply to the hospital's own role", () => {
            const role = res("aws:iam/role:Role", "analyst", {});
            const own = res(PERMISSIONS, "own", { principal: "arn:aws:iam::123456789012:role/analyst", permissions: ["ALL"] }, { deps: { principal: [role] } });
            assert.deepEqual(run(readOnly, own), []);
        });
    });

    describe("aws-audit-log-deidentified-bucket-data-events", () => {
        const bucket = res("aws:s3/bucket:Bucket", "deid", { bucket: "stmary-deid", tags: { "data-classification": "deidentified" } });
        const trail = (selectors: unknown) => res("aws:cloudtrail/trail:Trail", "t", { advancedEventSelectors: selectors });
        const s3Events = [{ fieldSelectors: [{ field: "eventCategory", equals: ["Data"] }, { field: "resources.type", equals: ["AWS::S3::Object"] }] }];
        it("passes a de-identified bucket whose object events a trail records", () => assert.deepEqual(runStack(dataEvents, [bucket, trail(s3Events)]), []));
        it("reports one no trail records, and is unknown while the selectors are", () => {
            assert.deepEqual(failing(runStack(dataEvents, [bucket, trail([])]))[0].controls, ["AUDIT-LOG"]);
            assert.equal(runStack(dataEvents, [bucket, trail(UNKNOWN)])[0].unknown, true);
        });
    });
});
