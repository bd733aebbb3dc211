// What a reference names, attacked: a text built from a resource that names another (`${bucket.bucket}-copy`),
// and a Pulumi name written where the physical name belongs (an unnamed resource is autonamed: its Pulumi name
// plus a random suffix, so the text names another resource). Neither may relate the two, nor pass a rule.
import assert from "node:assert/strict";
import { todayVariable } from "../../../policies/lib/config";
import { Lookup } from "../../../policies/lib/stack-index";
import { UNKNOWN, UNKNOWN_STRING } from "../../../policies/lib/values";
import { bucketKey } from "../../../policies/aws/support/relations";
import { lookupOf } from "../../../policies/azure/support/relations";
import { s3Bucket } from "../../../policies/aws/enc-rest-cmk";
import { assertOneViolation, findingsOf, resource, ruleNamed, stackOutcomesByName } from "../../support/policies";

const BUCKET = "aws:s3/bucket:Bucket";
const LOGGING = "aws:s3/bucketLogging:BucketLogging";
const SSE = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
const kms = { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" }, bucketKeyEnabled: true }] };

describe("Lookup.refer: a known text decides; a dependency stands in only for a target whose name is not known", () => {
    const named = resource(BUCKET, { bucket: "hospital-logs" }, { name: "logs" });
    const unnamed = resource(BUCKET, {}, { name: "auto" });
    const lookup = new Lookup([named, unnamed], ["bucket", "id", "arn"], bucketKey);

    it("a text built from a named bucket that names another (`${bucket.bucket}-copy`) names nothing of the stack", () => {
        assert.deepEqual(lookup.refer(resource(LOGGING, { targetBucket: "hospital-logs-copy" }, { deps: { targetBucket: [named] } }), "targetBucket"), []);
        assert.deepEqual(lookup.refer(resource(LOGGING, { targetBucket: "arn:aws:s3:::hospital-logs" }, { deps: { targetBucket: [named] } }), "targetBucket"), [named]);
    });

    it("a text built from an unnamed bucket stands for it (its name is unknown until it is created), as does a value unknown at preview", () => {
        assert.deepEqual(lookup.refer(resource(LOGGING, { targetBucket: "auto-5d1e2a" }, { deps: { targetBucket: [unnamed] } }), "targetBucket"), [unnamed]);
        assert.deepEqual(lookup.refer(resource(LOGGING, { targetBucket: UNKNOWN }, { deps: { targetBucket: [named] } }), "targetBucket"), [named]);
    });

    it("a text equal to a bucket's Pulumi name does not name it", () => {
        assert.deepEqual(lookup.refer(resource(LOGGING, { targetBucket: "auto" }), "targetBucket"), []);
        assert.deepEqual(lookup.refer(resource(LOGGING, { targetBucket: "logs" }), "targetBucket"), []);
    });

    it("a target whose name input is unknown at preview has no key yet: only what was built from it names it", () => {
        const later = resource(BUCKET, { bucket: `${UNKNOWN_STRING}-phi` }, { name: "later" });
        const partly = new Lookup([later], ["bucket"], bucketKey);
        assert.deepEqual(partly.refer(resource(LOGGING, { targetBucket: "later" }), "targetBucket"), []);
        assert.deepEqual(partly.refer(resource(LOGGING, { targetBucket: "stmary-phi" }, { deps: { targetBucket: [later] } }), "targetBucket"), [later]);
    });
});

describe("Azure: an unnamed top-level resource is autonamed with a suffix; an unnamed child resource is named by its Pulumi name", () => {
    it("a storage account or vault without a name input is not named by an id ending in its Pulumi name; a SQL pool (a child) is", () => {
        const account = resource("azure-native:storage:StorageAccount", { resourceGroupName: "rg" }, { name: "phi" });
        const vault = resource("azure-native:keyvault:Vault", { resourceGroupName: "rg" }, { name: "kv" });
        const pool = resource("azure-native:synapse:SqlPool", { resourceGroupName: "rg", workspaceName: "ws" }, { name: "dw" });
        const versioned = resource("azure-native:network/v20230501:Subnet", { resourceGroupName: "rg", virtualNetworkName: "vnet" }, { name: "data" });
        const classic = resource("azure:storage/account:Account", { resourceGroupName: "rg" }, { name: "st" });
        const lookup = lookupOf([account, vault, pool, classic, versioned]);
        const rg = "/subscriptions/s/resourceGroups/rg/providers";
        assert.deepEqual(lookup.named(`${rg}/Microsoft.Storage/storageAccounts/phi`), []);
        assert.deepEqual(lookup.named(`${rg}/Microsoft.KeyVault/vaults/kv`), []);
        assert.deepEqual(lookup.named(`${rg}/Microsoft.Storage/storageAccounts/st`), []);
        assert.deepEqual(lookup.named(`${rg}/Microsoft.Synapse/workspaces/ws/sqlPools/dw`), [pool]);
        assert.deepEqual(lookup.named(`${rg}/Microsoft.Network/virtualNetworks/vnet/subnets/data`), [versioned], "a versioned token is the same child resource");
    });
});

describe("a verdict a Pulumi name could talk into a pass", () => {
    it("an encryption configuration for `bucket: \"phi\"` does not encrypt the unnamed PHI bucket the program calls \"phi\"", () => {
        const phi = resource(BUCKET, {}, { name: "phi" });
        const elsewhere = resource(SSE, { bucket: "phi", ...kms }, { name: "phi-sse" });
        const found = findingsOf(s3Bucket, [phi, elsewhere]).filter(f => f.urn === phi.urn);
        assertOneViolation(found, "BucketServerSideEncryptionConfiguration", { control: "ENC-REST-CMK" });
    });

    it("an access-log configuration for `bucket: \"phi\"` does not log the unnamed bucket the program calls \"phi\"", () => {
        const phi = resource(BUCKET, {}, { name: "phi" });
        const logs = resource(BUCKET, { bucket: "stmary-logs" }, { name: "logs" });
        const logging = resource(LOGGING, { bucket: "phi", targetBucket: "stmary-logs", targetPrefix: "phi/" }, { name: "phi-logging" });
        const found = findingsOf(ruleNamed("aws-audit-log-s3-bucket"), [phi, logs, logging]).filter(f => f.urn === phi.urn);
        assertOneViolation(found, "BucketLogging", { control: "AUDIT-LOG" });
    });
});

describe("relations written beside the Lookup, now through it: no Pulumi name, no dependency standing for a known text", () => {
    const partner = "210987654321";
    before(() => { process.env[todayVariable] = "2026-06-15"; });
    after(() => { delete process.env[todayVariable]; });

    it("AWS: a de-identified database's locationUri naming a de-identified bucket's Pulumi name, or a copy of its name, is not that bucket", () => {
        const deid = resource(BUCKET, { tags: { "data-classification": "deidentified" } }, { name: "deid" });
        const named = resource(BUCKET, { bucket: "stmary-deid", tags: { "data-classification": "deidentified" } }, { name: "deid-named" });
        const db = (locationUri: string, deps: ReturnType<typeof resource>[] = []) => resource("aws:glue/catalogDatabase:CatalogDatabase",
            { name: "cohort", locationUri, tags: { "data-classification": "deidentified", [`hipaa-cloud:share-expires:${partner}`]: "2027-01-31" } }, { name: "db", deps: { locationUri: deps } });
        const grant = resource("aws:lakeformation/permissions:Permissions", { principal: partner, permissions: ["SELECT"], permissionsWithGrantOptions: [], database: { name: "cohort" } }, { name: "g" });
        const rule = ruleNamed("aws-share-deidentified-lakeformation-permissions");
        const faults = (...rs: ReturnType<typeof resource>[]) => findingsOf(rule, [...rs, grant]).filter(f => !f.unknown && !f.exempted);
        assert.deepEqual(faults(named, db("s3://stmary-deid/cohort/")), []);
        assert.match(faults(deid, db("s3://deid/cohort/"))[0]?.message ?? "", /not a store of this stack/);
        assert.match(faults(named, db("s3://stmary-deid-copy/cohort/", [named]))[0]?.message ?? "", /not a store of this stack/);
        // Built from the unnamed bucket (its name is unknown until it is created): that bucket.
        assert.deepEqual(faults(deid, db("s3://deid-5d1e2a/cohort/", [deid])), []);
    });

    it("AWS: a function's loggingConfig.logGroup built from a named log group but naming another is not that group", () => {
        const group = resource("aws:cloudwatch/logGroup:LogGroup", { name: "/hospital/functions", kmsKeyId: "k", retentionInDays: 2192 }, { name: "lg" });
        const fn = resource("aws:lambda/function:Function", { loggingConfig: { logFormat: "JSON", logGroup: "/hospital/functions-copy" } }, { name: "fn", deps: { loggingConfig: [group] } });
        assert.deepEqual(stackOutcomesByName(ruleNamed("aws-enc-rest-cmk-lambda-log-group"), [group, fn]), { fn: "violation" });
    });

    it("Google Cloud: a listing of a dataset named by a dataset's Pulumi name is of a dataset not in the stack", () => {
        const dataset = resource("gcp:bigquery/dataset:Dataset", { labels: { tenant: "mercy", "data-classification": "deidentified" } }, { name: "mercy_deid_cohort" });
        const listing = resource("gcp:bigqueryanalyticshub/listing:Listing", { dataExchangeId: "x", listingId: "cohort",
            bigqueryDataset: { dataset: "projects/p/datasets/mercy_deid_cohort" }, discoveryType: "DISCOVERY_TYPE_PRIVATE",
            restrictedExportConfig: { enabled: true, restrictQueryResult: true } }, { name: "l" });
        assert.ok(findingsOf(ruleNamed("gcp-share-deidentified-analytics-hub"), [dataset, listing]).some(f => !f.unknown && /not a store of this stack/.test(f.message)));
    });
});

describe("a bucket counted as a log bucket lets it off PHI rules: only when the log text names it", () => {
    it("a CloudFront log bucket text built from the PHI bucket's name but naming another leaves the PHI bucket a PHI bucket", () => {
        const phi = resource(BUCKET, { bucket: "stmary-phi", tags: { "data-classification": "phi" } }, { name: "phi" });
        const cdn = resource("aws:cloudfront/distribution:Distribution", { loggingConfig: { bucket: "stmary-phi-logs.s3.amazonaws.com" } }, { name: "cdn", deps: { loggingConfig: [phi] } });
        assert.deepEqual(findingsOf(ruleNamed("aws-audit-log-cloudtrail-data-events"), [phi, cdn]).map(f => f.name), ["phi"]);
    });

    it("a Pulumi name equal to another bucket's physical name: the text names the named bucket only", () => {
        const unnamed = resource(BUCKET, {}, { name: "stmary-logs" });
        const named = resource(BUCKET, { bucket: "stmary-logs" }, { name: "logs" });
        const lookup = new Lookup([unnamed, named], ["bucket", "id", "arn"], bucketKey);
        assert.deepEqual(lookup.refer(resource(LOGGING, { targetBucket: "stmary-logs" }), "targetBucket"), [named]);
    });
});

describe("a target whose name is unknown at preview may be the one a known text names: UNKNOWN, never 'none'", () => {
    it("a literal bucket name that matches what a bucket's partly unknown name may become is unknown; one it cannot become names nothing", () => {
        const later = resource(BUCKET, { bucket: `stmary-${UNKNOWN_STRING}-logs` }, { name: "later" });
        const lookup = new Lookup([later], ["bucket"], bucketKey);
        assert.equal(lookup.refer(resource(LOGGING, { targetBucket: "stmary-7f3a-logs" }), "targetBucket"), UNKNOWN);
        assert.deepEqual(lookup.refer(resource(LOGGING, { targetBucket: "mercy-logs" }), "targetBucket"), []);
        const whole = new Lookup([resource(BUCKET, { bucket: UNKNOWN }, { name: "w" })], ["bucket"], bucketKey);
        assert.equal(whole.refer(resource(LOGGING, { targetBucket: "anything" }), "targetBucket"), UNKNOWN);
    });

    it("where the cloud names targets without regard to case, a text in another case names the target, or may be what its unknown name becomes", () => {
        const ROLE = "aws:iam/role:Role", ATTACH = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
        const later = resource(ROLE, { name: `PhiVision-${UNKNOWN_STRING}` }, { name: "later" });
        const known = resource(ROLE, { name: "PhiReader" }, { name: "known" });
        const caseless = new Lookup([later, known], ["name"], undefined, true);
        assert.equal(caseless.refer(resource(ATTACH, { role: "phivision-prod" }), "role"), UNKNOWN);
        assert.deepEqual(caseless.refer(resource(ATTACH, { role: "PHIREADER" }), "role"), [known]);
        // A cloud that tells case apart: another case names another resource.
        const exact = new Lookup([later, known], ["name"]);
        assert.deepEqual(exact.refer(resource(ATTACH, { role: "phivision-prod" }), "role"), []);
        assert.deepEqual(exact.refer(resource(ATTACH, { role: "PHIREADER" }), "role"), []);
    });

    it("so a 30-day lifecycle on a bucket whose name is unknown, beside access logs sent to a literal name it may have, is unknown", () => {
        const data = resource(BUCKET, { bucket: UNKNOWN }, { name: "data" });
        const logging = resource(LOGGING, { bucket: "stmary-phi", targetBucket: "stmary-logs" }, { name: "l" });
        const lc = resource("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", { rules: [{ id: "r", status: "Enabled", expiration: { days: 30 } }] },
            { name: "lc", deps: { bucket: [data] } });
        assert.deepEqual(stackOutcomesByName(ruleNamed("aws-retention-s3-log-bucket"), [data, logging, lc]), { lc: "unknown" });
    });
});
