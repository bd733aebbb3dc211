import assert from "node:assert/strict";
import { validateHospitalConfig } from "../../../components/config";
import { ResearchShare, researchShareProblems, shareExpiryTagKey } from "../../../components/aws/research-share";
import { HospitalPlatform, PlatformOutputs } from "../../../components/platform";
import { rules as awsRules } from "../../../policies/aws";
import { evaluate } from "../../../policies/lib/evaluate";
import { todayVariable } from "../../../policies/lib/config";
import { record, Recorded } from "../../support/record";
import { pinnedUrns } from "../../support/urns";

const today = "2026-06-15";
const admin = "arn:aws:iam::123456789012:role/phi-platform-admin";
const partners = [
    { id: "uni-research", principal: { account: "210987654321" }, dataset: "cohort2026", expires: "2027-01-31" },
    { id: "registry", principal: { account: "310987654321" }, dataset: "tumours", expires: "2026-12-31" },
];

describe("components/aws ResearchShare", () => {
    let r: Recorded;
    let outputs: PlatformOutputs;
    before(async () => {
        process.env[todayVariable] = today;
        const config = validateHospitalConfig({ tenant: "stmary", cloud: "aws", region: "us-east-1", admins: [admin], sharing: partners });
        r = await record(() => { outputs = new HospitalPlatform("hospital", { config }).outputs; }, { config: { "aws:region": "us-east-1" } });
    });
    after(() => { delete process.env[todayVariable]; });

    it("registers exactly the pinned URNs (test/components/urns/aws-research-share.txt)", async () => {
        const share = await record(() => { new ResearchShare("share", { tenant: "stmary", region: "us-east-1", accessLogBucket: "stmary-access-logs", partners }); },
            { config: { "aws:region": "us-east-1" } });
        const { actual, expected } = pinnedUrns(share, "hipaa-cloud:aws:ResearchShare", "aws-research-share");
        assert.deepEqual(actual, expected);
    });

    it("is composed by the platform when hospital:sharing names partners, and not otherwise", async () => {
        const share = r.one("hipaa-cloud:aws:ResearchShare");
        assert.equal(share.parent, r.one("hipaa-cloud:index:HospitalPlatform").urn);
        assert.ok(outputs.deidentified);
        const none = await record(() => new HospitalPlatform("hospital", { config: validateHospitalConfig({ tenant: "stmary", cloud: "aws", region: "us-east-1", admins: [admin] }) }),
            { config: { "aws:region": "us-east-1" } });
        assert.equal(none.ofType("hipaa-cloud:aws:ResearchShare").length, 0);
        assert.equal(none.ofType("aws:lakeformation/permissions:Permissions").length, 0);
    });

    it("keeps the de-identified zone apart from PHI: its own bucket and key, tagged deidentified", () => {
        const keys = r.ofType("aws:kms/key:Key");
        assert.equal(keys.length, 2);
        const deidKey = keys.find(k => (k.inputs.tags as any)["data-classification"] === "deidentified")!;
        assert.ok(deidKey, "a key tagged deidentified");
        const buckets = r.ofType("aws:s3/bucket:Bucket").filter(b => (b.inputs.tags as any)["data-classification"] === "deidentified");
        assert.deepEqual(buckets.map(b => b.name), ["stmary-research-share-bucket"]);
        const sse = r.ofType("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration")
            .find(x => x.name === "stmary-research-share-bucket-encryption")!;
        assert.equal((sse.inputs.rules as any[])[0].applyServerSideEncryptionByDefault.kmsMasterKeyId, `arn:aws:kms:us-east-1:123456789012:key/${deidKey.name}-key-id`);
        assert.ok(r.ofType("aws:kms/alias:Alias").some(a => a.inputs.name === "alias/stmary-deidentified"));
        const policy = JSON.parse(deidKey.inputs.policy as string);
        assert.ok(policy.Statement.some((s: any) => s.Sid === "AllowLakeFormationToReadRegisteredData"));
        const phiPolicy = JSON.parse(keys.find(k => k !== deidKey)!.inputs.policy as string);
        assert.ok(!phiPolicy.Statement.some((s: any) => s.Sid === "AllowLakeFormationToReadRegisteredData"), "the PHI key never names Lake Formation");
    });

    it("encrypts the Data Catalog with the zone's key in the account-settings stack, and leaves it to that stack otherwise", async () => {
        const settings = r.one("aws:glue/dataCatalogEncryptionSettings:DataCatalogEncryptionSettings");
        const deidKey = r.ofType("aws:kms/key:Key").find(k => (k.inputs.tags as any)["data-classification"] === "deidentified")!;
        const atRest = (settings.inputs.dataCatalogEncryptionSettings as any).encryptionAtRest;
        assert.equal(atRest.catalogEncryptionMode, "SSE-KMS");
        assert.equal(atRest.sseAwsKmsKeyId, `arn:aws:kms:us-east-1:123456789012:key/${deidKey.name}-key-id`);
        assert.deepEqual(evaluate(awsRules, r.policyResources).filter(f => f.policy === "aws-enc-rest-cmk-glue-catalog"), []);
        const elsewhere = await record(() => new HospitalPlatform("hospital", { config: validateHospitalConfig({
            tenant: "stmary", cloud: "aws", region: "us-east-1", admins: [admin], sharing: partners, aws: { accountSettingsStack: "account-settings" } }) }),
        { config: { "aws:region": "us-east-1" } });
        assert.equal(elsewhere.ofType("aws:glue/dataCatalogEncryptionSettings:DataCatalogEncryptionSettings").length, 0);
    });

    it("registers the de-identified bucket with Lake Formation, hybrid access off", () => {
        const location = r.one("aws:lakeformation/resource:Resource");
        assert.equal(location.inputs.hybridAccessEnabled, false);
        assert.match(String(location.inputs.arn), /stmary-research-share-bucket/);
    });

    it("grants each partner account SELECT and DESCRIBE, no grant option, on de-identified tables of its dataset only", () => {
        const grants = r.ofType("aws:lakeformation/permissions:Permissions");
        assert.deepEqual(grants.map(g => g.inputs.principal).sort(), ["210987654321", "310987654321"]);
        for (const g of grants) {
            assert.deepEqual(g.inputs.permissions, ["SELECT", "DESCRIBE"]);
            assert.deepEqual(g.inputs.permissionsWithGrantOptions, []);
            const expressions = (g.inputs.lfTagPolicy as any).expressions;
            assert.deepEqual(expressions[0], { key: "stmary-data-classification", values: ["deidentified"] });
        }
        const uni = grants.find(g => g.inputs.principal === "210987654321")!;
        assert.deepEqual((uni.inputs.lfTagPolicy as any).expressions[1], { key: "stmary-dataset", values: ["cohort2026"] });
    });

    it("tags each shared database deidentified and with each partner's last day (Lake Formation grants cannot end)", () => {
        const dbs = r.ofType("aws:glue/catalogDatabase:CatalogDatabase");
        assert.deepEqual(dbs.map(d => d.inputs.name).sort(), ["stmary_deid_cohort2026", "stmary_deid_tumours"]);
        const cohort = dbs.find(d => d.inputs.name === "stmary_deid_cohort2026")!;
        assert.equal((cohort.inputs.tags as any)["data-classification"], "deidentified");
        assert.equal((cohort.inputs.tags as any)[shareExpiryTagKey("210987654321")], "2027-01-31");
        assert.equal((cohort.inputs.tags as any)[shareExpiryTagKey("310987654321")], undefined);
        const lfTags = r.ofType("aws:lakeformation/resourceLfTags:ResourceLfTags");
        assert.equal(lfTags.length, 2);
    });

    it("protects its key, bucket and databases in prod", () => {
        for (const type of ["aws:kms/key:Key", "aws:s3/bucket:Bucket", "aws:glue/catalogDatabase:CatalogDatabase"]) {
            for (const x of r.ofType(type)) assert.equal(x.protect, true, `${type} ${x.name}`);
        }
    });

    it("leaves the AWS rules nothing mandatory", () => {
        const findings = evaluate(awsRules, r.policyResources).filter(f => f.enforcement === "mandatory" && !f.exempted);
        assert.deepEqual(findings.map(f => `${f.policy} on ${f.name}: ${f.message}`), []);
    });

    it("refuses partners as hospital:sharing does, naming the argument", () => {
        process.env[todayVariable] = today;
        assert.match(researchShareProblems({ partners: [] }).join(" "), /at least one/);
        const problems = researchShareProblems({ partners: [{ ...partners[0], principal: { account: "*" }, expires: "2030-01-01" }] });
        assert.match(problems.join(" "), /'partners\[0\]\.principal\.account': got "\*"/);
        assert.match(problems.join(" "), /'partners\[0\]\.expires'.*at most one year/);
    });
});
