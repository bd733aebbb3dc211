// hospital:sharing: research partners of the de-identified zone, validated with every other key.
// Today is pinned through the one variable todayIso reads, so no case here passes only until a date.
import assert from "node:assert/strict";
import { HospitalConfigError, HospitalConfigInput, rawConfigFromPulumi, validateHospitalConfig } from "../../components/config";
import { todayVariable } from "../../policies/lib/config";

const today = "2026-06-15";
const aws: HospitalConfigInput = { tenant: "stmary", cloud: "aws", region: "us-east-1", admins: ["arn:aws:iam::123456789012:role/phi-admin"] };
const azure: HospitalConfigInput = { tenant: "stmary", cloud: "azure", region: "eastus", admins: ["00000000-0000-0000-0000-000000000001"] };
const gcp: HospitalConfigInput = { tenant: "stmary", cloud: "gcp", region: "us-central1", admins: ["group:phi-admins@hospital.org"] };

const awsPartner = { id: "uni-research", principal: { account: "210987654321" }, dataset: "cohort2026", expires: "2027-01-31" };
const azurePartner = { id: "uni-research", principal: { tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47", objectId: "9b2c1f3e-2a4d-4e8b-9c1d-5e6f7a8b9c0d" }, dataset: "cohort2026", expires: "2027-01-31" };
const gcpPartner = { id: "uni-research", principal: { member: "group:oncology-research@university.edu" }, dataset: "cohort2026", expires: "2027-01-31" };

function problems(raw: Record<string, unknown>): { key: string; allowed: string; value: unknown }[] {
    try {
        validateHospitalConfig(raw);
    } catch (e) {
        assert.ok(e instanceof HospitalConfigError, `expected a HospitalConfigError, got ${e}`);
        return e.problems;
    }
    assert.fail("the config was accepted");
}

describe("hospital:sharing", () => {
    beforeEach(() => { process.env[todayVariable] = today; });
    afterEach(() => { delete process.env[todayVariable]; });

    it("is empty by default: no de-identified zone, no partner", () => {
        assert.deepEqual(validateHospitalConfig({ ...aws }).sharing, []);
    });

    it("accepts one partner per cloud with that cloud's principal, up to one year ahead", () => {
        assert.equal(validateHospitalConfig({ ...aws, sharing: [awsPartner] }).sharing[0].principal.account, "210987654321");
        assert.equal(validateHospitalConfig({ ...azure, sharing: [azurePartner] }).sharing[0].id, "uni-research");
        assert.equal(validateHospitalConfig({ ...gcp, sharing: [{ ...gcpPartner, principal: { member: "serviceAccount:etl@uni-proj.iam.gserviceaccount.com" } }] }).sharing.length, 1);
        assert.equal(validateHospitalConfig({ ...aws, sharing: [{ ...awsPartner, expires: "2027-06-15" }] }).sharing[0].expires, "2027-06-15");
        assert.equal(validateHospitalConfig({ ...aws, sharing: [{ ...awsPartner, expires: "2026-06-16" }] }).sharing[0].expires, "2026-06-16");
    });

    it("reads the list as `pulumi config set --path` and the YAML stack file store it (JSON)", () => {
        const raw = rawConfigFromPulumi({ "hospital:sharing": JSON.stringify([awsPartner]) });
        assert.deepEqual(raw.sharing, [awsPartner]);
    });

    const bad: [string, Record<string, unknown>, string, RegExp][] = [
        ["an expiry that is not a real date", { ...aws, sharing: [{ ...awsPartner, expires: "2027-02-30" }] }, "hospital:sharing[0].expires", /real calendar date/],
        ["an expiry in another format", { ...aws, sharing: [{ ...awsPartner, expires: "31/01/2027" }] }, "hospital:sharing[0].expires", /real calendar date/],
        ["an expiry with a time", { ...aws, sharing: [{ ...awsPartner, expires: "2027-01-31T00:00:00Z" }] }, "hospital:sharing[0].expires", /real calendar date/],
        ["an expiry in non-ASCII digits", { ...aws, sharing: [{ ...awsPartner, expires: "٢٠٢٧-01-31" }] }, "hospital:sharing[0].expires", /real calendar date/],
        ["an expiry given as a number", { ...aws, sharing: [{ ...awsPartner, expires: 20270131 }] }, "hospital:sharing[0].expires", /as text/],
        ["an expiry of today", { ...aws, sharing: [{ ...awsPartner, expires: today }] }, "hospital:sharing[0].expires", /after today \(today is 2026-06-15, set by HIPAA_CLOUD_TODAY\)/],
        ["an expiry that has passed", { ...aws, sharing: [{ ...awsPartner, expires: "2025-12-31" }] }, "hospital:sharing[0].expires", /after today/],
        ["an expiry more than a year ahead", { ...aws, sharing: [{ ...awsPartner, expires: "2027-06-16" }] }, "hospital:sharing[0].expires", /2027-06-15 at the latest/],
        ["an expiry years ahead (a share that never ends)", { ...aws, sharing: [{ ...awsPartner, expires: "9999-12-31" }] }, "hospital:sharing[0].expires", /at most one year/],
        ["a missing expiry", { ...aws, sharing: [{ ...awsPartner, expires: undefined }] }, "hospital:sharing[0].expires", /date/],
        ["a partner id used twice", { ...aws, sharing: [awsPartner, { ...awsPartner, dataset: "other1" }] }, "hospital:sharing[1].id", /hospital:sharing\[0\].id is "uni-research" too/],
        ["the same account and dataset twice under two ids", { ...aws, sharing: [awsPartner, { ...awsPartner, id: "other-id", expires: "2027-02-28" }] }, "hospital:sharing[1].principal", /hospital:sharing\[0\] grants the same/],
        ["the same Azure object and dataset twice, the GUID in other case", { ...azure, sharing: [azurePartner, { ...azurePartner, id: "other-id", principal: { ...azurePartner.principal, objectId: azurePartner.principal.objectId.toUpperCase() } }] }, "hospital:sharing[1].principal", /grants the same/],
        ["a partner id with capitals", { ...aws, sharing: [{ ...awsPartner, id: "Uni" }] }, "hospital:sharing[0].id", /slug/],
        ["a dataset with a path", { ...aws, sharing: [{ ...awsPartner, dataset: "../phi" }] }, "hospital:sharing[0].dataset", /letters and digits/],
        ["a dataset that is a wildcard", { ...aws, sharing: [{ ...awsPartner, dataset: "*" }] }, "hospital:sharing[0].dataset", /letters and digits/],
        ["an AWS account of 11 digits", { ...aws, sharing: [{ ...awsPartner, principal: { account: "21098765432" } }] }, "hospital:sharing[0].principal.account", /12-digit/],
        ["an AWS account given as a number", { ...aws, sharing: [{ ...awsPartner, principal: { account: 210987654321 } }] }, "hospital:sharing[0].principal.account", /as text/],
        ["an AWS account that is a wildcard", { ...aws, sharing: [{ ...awsPartner, principal: { account: "*" } }] }, "hospital:sharing[0].principal.account", /12-digit/],
        ["an AWS principal that is an ARN", { ...aws, sharing: [{ ...awsPartner, principal: { account: "arn:aws:iam::210987654321:root" } }] }, "hospital:sharing[0].principal.account", /12-digit/],
        ["no principal on AWS", { ...aws, sharing: [{ ...awsPartner, principal: {} }] }, "hospital:sharing[0].principal.account", /12-digit/],
        ["a Google member on AWS", { ...aws, sharing: [{ ...awsPartner, principal: { account: "210987654321", member: "group:a@b.org" } }] }, "hospital:sharing[0].principal.member", /no member on aws/],
        ["an unknown principal field", { ...aws, sharing: [{ ...awsPartner, principal: { account: "210987654321", arn: "x" } }] }, "hospital:sharing[0].principal.arn", /no such key/],
        ["an unknown partner field", { ...aws, sharing: [{ ...awsPartner, write: true }] }, "hospital:sharing[0].write", /no such key/],
        ["a partner that is a string", { ...aws, sharing: ["210987654321"] }, "hospital:sharing[0]", /object/],
        ["sharing that is not a list", { ...aws, sharing: awsPartner }, "hospital:sharing", /array|list/],
        ["an Azure object id that is not a GUID", { ...azure, sharing: [{ ...azurePartner, principal: { ...azurePartner.principal, objectId: "researcher@uni.edu" } }] }, "hospital:sharing[0].principal.objectId", /GUID/],
        ["the nil GUID as Azure object id", { ...azure, sharing: [{ ...azurePartner, principal: { ...azurePartner.principal, objectId: "00000000-0000-0000-0000-000000000000" } }] }, "hospital:sharing[0].principal.objectId", /GUID/],
        ["no Azure tenant", { ...azure, sharing: [{ ...azurePartner, principal: { objectId: azurePartner.principal.objectId } }] }, "hospital:sharing[0].principal.tenantId", /tenantId/],
        ["an AWS account on Azure", { ...azure, sharing: [{ ...azurePartner, principal: { ...azurePartner.principal, account: "210987654321" } }] }, "hospital:sharing[0].principal.account", /no account on azure/],
        ["allUsers on Google Cloud", { ...gcp, sharing: [{ ...gcpPartner, principal: { member: "allUsers" } }] }, "hospital:sharing[0].principal.member", /no user:, domain:, allUsers/],
        ["allAuthenticatedUsers on Google Cloud", { ...gcp, sharing: [{ ...gcpPartner, principal: { member: "allAuthenticatedUsers" } }] }, "hospital:sharing[0].principal.member", /group:/],
        ["a domain on Google Cloud", { ...gcp, sharing: [{ ...gcpPartner, principal: { member: "domain:university.edu" } }] }, "hospital:sharing[0].principal.member", /group:/],
        ["a user on Google Cloud", { ...gcp, sharing: [{ ...gcpPartner, principal: { member: "user:alice@university.edu" } }] }, "hospital:sharing[0].principal.member", /group:/],
        ["a wildcard group on Google Cloud", { ...gcp, sharing: [{ ...gcpPartner, principal: { member: "group:*@university.edu" } }] }, "hospital:sharing[0].principal.member", /group:/],
        ["a member type in other case", { ...gcp, sharing: [{ ...gcpPartner, principal: { member: "Group:research@university.edu" } }] }, "hospital:sharing[0].principal.member", /group:/],
        ["a member with a Cyrillic letter", { ...gcp, sharing: [{ ...gcpPartner, principal: { member: "group:res\u0435arch@university.edu" } }] }, "hospital:sharing[0].principal.member", /group:/],
        ["a member with a trailing space", { ...gcp, sharing: [{ ...gcpPartner, principal: { member: "group:research@university.edu " } }] }, "hospital:sharing[0].principal.member", /group:/],
        ["a deleted member", { ...gcp, sharing: [{ ...gcpPartner, principal: { member: "deleted:group:research@university.edu?uid=1" } }] }, "hospital:sharing[0].principal.member", /group:/],
    ];
    for (const [what, raw, key, allowed] of bad) {
        it(`refuses ${what}, naming ${key}`, () => {
            const found = problems(raw);
            const problem = found.find(p => p.key === key);
            assert.ok(problem, `no problem names ${key}; got ${JSON.stringify(found)}`);
            assert.match(problem.allowed, allowed);
        });
    }

    it("names every bad partner and every other bad key at once", () => {
        const found = problems({ ...aws, tenant: "X", sharing: [{ ...awsPartner, expires: "2020-01-01" }, { ...awsPartner, id: "B", principal: { account: "1" } }] });
        assert.deepEqual(found.map(p => p.key).sort(), ["hospital:sharing[0].expires", "hospital:sharing[1].id", "hospital:sharing[1].principal.account", "hospital:tenant"]);
    });

    it("judges the expiry on the real date when HIPAA_CLOUD_TODAY is unset", () => {
        delete process.env[todayVariable];
        const found = problems({ ...aws, sharing: [{ ...awsPartner, expires: "2000-01-01" }] });
        assert.match(found[0].allowed, /today is \d{4}-\d{2}-\d{2}, UTC/);
    });
});
