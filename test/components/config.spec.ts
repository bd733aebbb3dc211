import assert from "node:assert/strict";
import { ConfigContext, ConfigProblem, HospitalConfigError, HospitalConfigInput, rawConfigFromPulumi, validateHospitalConfig } from "../../components/config";
import { HospitalPlatform } from "../../components/platform";
import { readHospitalConfig } from "../../components/read";
import { record } from "../support/record";

const good: HospitalConfigInput = {
    tenant: "stmary", cloud: "aws", region: "us-east-1", admins: ["arn:aws:iam::123456789012:role/phi-admin"],
};
const azure: HospitalConfigInput = { ...good, cloud: "azure", region: "eastus", admins: ["00000000-0000-0000-0000-000000000001"] };
const gcp: HospitalConfigInput = { ...good, cloud: "gcp", region: "us-central1", admins: ["group:phi-admins@hospital.org"] };

function problemsOf(raw: Record<string, unknown>): { key: string; allowed: string; value: unknown }[] {
    try {
        validateHospitalConfig(raw);
    } catch (e) {
        assert.ok(e instanceof HospitalConfigError, `expected a HospitalConfigError, got ${e}`);
        return e.problems;
    }
    assert.fail("the config was accepted");
}

function problemsWith(raw: Record<string, unknown>, context: ConfigContext): ConfigProblem[] {
    try {
        validateHospitalConfig(raw, undefined, context);
    } catch (e) {
        assert.ok(e instanceof HospitalConfigError, `expected a HospitalConfigError, got ${e}`);
        return e.problems;
    }
    assert.fail("the config was accepted");
}

describe("hospital config", () => {
    it("fills every documented default", () => {
        const config = validateHospitalConfig({ ...good });
        assert.equal(config.environment, "prod");
        assert.deepEqual(config.services, ["storage", "processing", "warehouse", "imaging", "analysis"]);
        assert.deepEqual(config.processing, { profile: "analytics", workers: 2 });
        assert.deepEqual(config.warehouse, { nodes: 2 });
        assert.deepEqual(config.retention, { auditDays: 2192, phiDays: 2190 });
        assert.deepEqual(config.network, { cidr: "10.40.0.0/16" });
    });

    it("keeps exactly the services an explicit list names: analysis only where it is listed", () => {
        assert.deepEqual(validateHospitalConfig({ ...good, services: ["storage", "imaging"] }).services, ["storage", "imaging"]);
        assert.deepEqual(validateHospitalConfig({ ...good, services: ["analysis"] }).services, ["analysis"]);
        assert.deepEqual(rawConfigFromPulumi({ "hospital:services": "storage,analysis" }).services, ["storage", "analysis"]);
    });

    it("offers analysis by default in every region where the default list is accepted today, and refuses the default list where it is not offered", () => {
        for (const region of ["us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2"]) assert.ok(validateHospitalConfig({ ...good, region }).services.includes("analysis"), region);
        assert.ok(validateHospitalConfig({ ...azure, region: "eastus2" }).services.includes("analysis"));
        assert.ok(validateHospitalConfig({ ...gcp, region: "us-central1" }).services.includes("analysis"));
        // Azure: DICOM offered in qatarcentral, AI Vision not listed there: the default list is refused naming analysis.
        const problems = problemsOf({ ...azure, region: "qatarcentral" });
        assert.deepEqual(problems.map(p => [p.key, p.value]), [["hospital:services", "analysis"]]);
    });

    it("reads lists written comma-separated and objects written as JSON, as `pulumi config set` stores them", () => {
        const raw = rawConfigFromPulumi({
            "hospital:services": "storage, imaging", "hospital:processing": '{"profile":"genomics"}', "aws:region": "us-east-1",
        });
        assert.deepEqual(raw, { services: ["storage", "imaging"], processing: { profile: "genomics" } });
    });

    const bad: [string, Record<string, unknown>, string, RegExp][] = [
        ["a missing tenant", { ...good, tenant: undefined }, "hospital:tenant", /required/],
        ["a tenant with capitals", { ...good, tenant: "StMary" }, "hospital:tenant", /\[a-z\]\[a-z0-9-\]\{1,30\}/],
        ["a tenant of one letter", { ...good, tenant: "s" }, "hospital:tenant", /slug/],
        ["a tenant that is too long", { ...good, tenant: "s".repeat(40) }, "hospital:tenant", /slug/],
        ["an unknown cloud", { ...good, cloud: "oracle" }, "hospital:cloud", /aws, azure, gcp/],
        ["a missing region", { ...good, region: undefined }, "hospital:region", /region/],
        ["a region of another cloud", { ...good, region: "eastus" }, "hospital:region", /a region of aws/],
        ["a made-up region", { ...good, cloud: "gcp", region: "moon-central1", admins: ["group:a@b.org"] }, "hospital:region", /a region of gcp/],
        ["an unknown environment", { ...good, environment: "production" }, "hospital:environment", /prod, staging, dev/],
        ["an unknown service", { ...good, services: ["storage", "ml"] }, "hospital:services[1]", /storage, processing, warehouse, imaging, analysis/],
        ["no services", { ...good, services: [] }, "hospital:services", /at least one/],
        ["a service twice", { ...good, services: ["storage", "storage"] }, "hospital:services", /at most once/],
        ["imaging where HealthImaging is not offered", { ...good, region: "eu-west-2" }, "hospital:services", /imaging is not offered in aws region eu-west-2.*us-east-1/],
        ["DICOM where Azure Health Data Services is not offered", { ...good, cloud: "azure", region: "brazilsouth", admins: ["00000000-0000-0000-0000-000000000001"] }, "hospital:services", /imaging is not offered in azure region brazilsouth/],
        ["analysis where Rekognition is not offered", { ...good, region: "eu-west-3", services: ["storage", "analysis"] }, "hospital:services", /analysis is not offered in aws region eu-west-3.*Rekognition.*us-east-1/],
        ["analysis in capitals", { ...good, services: ["storage", "Analysis"] }, "hospital:services[1]", /each one of .*analysis/],
        ["analysis with a trailing space", { ...good, services: ["analysis "] }, "hospital:services[0]", /each one of .*analysis/],
        ["analysis with a zero-width space", { ...good, services: ["analy\u200bsis"] }, "hospital:services[0]", /each one of .*analysis/],
        ["analysis given twice", { ...good, services: ["analysis", "analysis"] }, "hospital:services", /at most once/],
        ["a services value that is one string, not a list", { ...good, services: "analysis" }, "hospital:services", /array|list/],
        ["no administrator in prod", { ...good, admins: [] }, "hospital:admins", /at least one administrator in prod/],
        ["an administrator that is not an IAM ARN", { ...good, admins: ["alice"] }, "hospital:admins[0]", /IAM role, user or group ARN/],
        ["an Azure administrator that is not an object id", { ...good, cloud: "azure", region: "eastus", admins: ["alice@hospital.org"] }, "hospital:admins[0]", /Entra ID object id/],
        ["an unknown processing profile", { ...good, processing: { profile: "hpc" } }, "hospital:processing.profile", /analytics, genomics/],
        ["a misspelt key inside processing", { ...good, processing: { profil: "genomics" } }, "hospital:processing.profil", /no such key; allowed: hospital:processing.profile/],
        ["a misspelt top-level key", { ...good, teant: "x" }, "hospital:teant", /no such key; allowed: hospital:tenant/],
        ["audit retention under six years", { ...good, retention: { auditDays: 365 } }, "hospital:retention.auditDays", /at least 2190 days/],
        ["an audit retention CloudWatch Logs cannot keep, on AWS", { ...good, retention: { auditDays: 2200 } }, "hospital:retention.auditDays", /CloudWatch Logs retention of six years or more: 2192, 2557/],
        ["a public network range", { ...good, network: { cidr: "8.8.0.0/16" } }, "hospital:network.cidr", /private IPv4 range/],
        ["a network range with host bits", { ...good, network: { cidr: "10.40.1.0/16" } }, "hospital:network.cidr", /private IPv4 range/],
        ["a network address with host bits", { ...good, network: { cidr: "10.40.0.1/16" } }, "hospital:network.cidr", /no host bits/],
        ["a network range with leading zeros (octal to some parsers)", { ...good, network: { cidr: "010.040.000.000/16" } }, "hospital:network.cidr", /no leading zeros/],
        ["a network range with one zero-padded octet", { ...good, network: { cidr: "10.040.0.0/16" } }, "hospital:network.cidr", /no leading zeros/],
        ["a network prefix with a leading zero", { ...good, network: { cidr: "10.40.0.0/016" } }, "hospital:network.cidr", /no leading zeros/],
        ["a network range with spaces", { ...good, network: { cidr: " 10.40.0.0/16" } }, "hospital:network.cidr", /no spaces/],
        ["a network range with a space before the prefix", { ...good, network: { cidr: "10.40.0.0 /16" } }, "hospital:network.cidr", /private IPv4 range/],
        ["a network range in non-ASCII digits", { ...good, network: { cidr: "١٠.40.0.0/16" } }, "hospital:network.cidr", /private IPv4 range/],
        ["a network range in hex", { ...good, network: { cidr: "0x0a.40.0.0/16" } }, "hospital:network.cidr", /private IPv4 range/],
        ["a network range of three octets", { ...good, network: { cidr: "10.40.0/16" } }, "hospital:network.cidr", /private IPv4 range/],
        ["a network range with a trailing newline", { ...good, network: { cidr: "10.40.0.0/16\n" } }, "hospital:network.cidr", /private IPv4 range/],
        ["a network range with a plus sign", { ...good, network: { cidr: "10.40.0.0/+16" } }, "hospital:network.cidr", /private IPv4 range/],
        ["a network range that leaves 10/8", { ...good, network: { cidr: "11.0.0.0/16" } }, "hospital:network.cidr", /private IPv4 range/],
        ["a network range of the wrong type", { ...good, network: { cidr: 168427520 } }, "hospital:network.cidr", /string/],
        ["a tag that overrides the tenant", { ...good, tags: { tenant: "other" } }, "hospital:tags.tenant", /platform sets tenant itself/],
        ["a tag that overrides the tenant in capitals", { ...good, tags: { TENANT: "x" } }, "hospital:tags.TENANT", /platform sets tenant itself/],
        ["a tag that overrides the classification", { ...good, tags: { "data-classification": "public" } }, "hospital:tags.data-classification", /platform sets data-classification/],
        ["a tag that overrides the classification as a label would read it", { ...good, tags: { Data_Classification: "public" } }, "hospital:tags.Data_Classification", /platform sets data-classification/],
        ["a tag that overrides the environment", { ...good, tags: { " environment ": "dev" } }, 'hospital:tags[" environment "]', /platform sets environment/],
        ["a tag that overrides managed-by", { ...good, tags: { "managed-by": "me" } }, "hospital:tags.managed-by", /platform sets managed-by/],
        ["an exemption tag", { ...good, tags: { "hipaa-cloud:exemption:ENC-REST-CMK": "x" } }, "hospital:tags.hipaa-cloud:exemption:ENC-REST-CMK", /hipaa-cloud:/],
        ["an exemption tag with a leading space", { ...good, tags: { " hipaa-cloud:exemption:X": "x" } }, 'hospital:tags[" hipaa-cloud:exemption:X"]', /hipaa-cloud:/],
        ["an exemption tag in capitals", { ...good, tags: { "Hipaa-Cloud:Exemption:X": "x" } }, "hospital:tags.Hipaa-Cloud:Exemption:X", /hipaa-cloud:/],
        ["an exemption tag in Google label form", { ...good, tags: { "hipaa-cloud-exemption-enc-rest-cmk": "x" } }, "hospital:tags.hipaa-cloud-exemption-enc-rest-cmk", /hipaa-cloud:/],
        ["an exemption tag with underscores", { ...good, tags: { hipaa_cloud_exemption_x: "x" } }, "hospital:tags.hipaa_cloud_exemption_x", /hipaa-cloud:/],
        ["an exemption tag with a Unicode hyphen", { ...good, tags: { "hipaa\u2010cloud:exemption:X": "x" } }, 'hospital:tags["hipaa\\u2010cloud:exemption:X"]', /hipaa-cloud:/],
        ["an exemption tag with a zero-width space", { ...good, tags: { "hipaa-\u200bcloud:exemption:X": "x" } }, 'hospital:tags["hipaa-\\u200bcloud:exemption:X"]', /hipaa-cloud:/],
        ["an exemption tag in full-width letters", { ...good, tags: { "\uff48ipaa-cloud:exemption:X": "x" } }, 'hospital:tags["\\uff48ipaa-cloud:exemption:X"]', /hipaa-cloud:/],
        ["an AWS tag value over 256 characters", { ...good, tags: { note: "v".repeat(257) } }, "hospital:tags.note", /at most 256 characters/],
        ["an AWS tag key over 128 characters", { ...good, tags: { ["k".repeat(129)]: "v" } }, `hospital:tags.${"k".repeat(129)}`, /1 to 128 characters/],
        ["an AWS tag key of AWS's own", { ...good, tags: { "aws:createdBy": "v" } }, "hospital:tags.aws:createdBy", /not beginning aws:/],
        ["an empty tag key", { ...good, tags: { "": "v" } }, 'hospital:tags[""]', /1 to 128/],
        ["a tag value that is not text", { ...good, tags: { cost: 5 } }, "hospital:tags.cost", /text/],
        ["tags that are not a map", { ...good, tags: "tenant=other" }, "hospital:tags", /record|object/],
        ["more tags than a resource can carry", { ...good, tags: Object.fromEntries(Array.from({ length: 41 }, (_, i) => [`t${i}`, "v"])) }, "hospital:tags", /at most 40 tags/],
        ["an Azure tag value over 256 characters", { ...azure, tags: { note: "v".repeat(257) } }, "hospital:tags.note", /at most 256 characters/],
        ["an Azure tag key with a slash", { ...azure, tags: { "cost/center": "v" } }, "hospital:tags.cost/center", /without/],
        ["two Azure tags that differ only in case", { ...azure, tags: { owner: "a", Owner: "b" } }, "hospital:tags.Owner", /ignore case/],
        ["a Google label value over 63 characters", { ...gcp, tags: { note: "v".repeat(64) } }, "hospital:tags.note", /at most 63/],
        ["a Google label value with capitals", { ...gcp, tags: { note: "Cardiology" } }, "hospital:tags.note", /\[a-z0-9_-\]/],
        ["a Google label key with capitals", { ...gcp, tags: { CostCenter: "x" } }, "hospital:tags.CostCenter", /starting with a letter/],
        ["a Google label key with a space", { ...gcp, tags: { "cost center": "x" } }, 'hospital:tags["cost center"]', /\[a-z0-9_-\]/],
        ["zero warehouse nodes", { ...good, warehouse: { nodes: 0 } }, "hospital:warehouse.nodes", /1/],
        ["Google Cloud settings on AWS", { ...good, gcp: { project: "my-project-1" } }, "hospital:gcp", /only with hospital:cloud gcp/],
        ["AWS settings on Azure", { ...good, cloud: "azure", region: "eastus", admins: ["00000000-0000-0000-0000-000000000001"], aws: { accountSettingsStack: "stmary" } }, "hospital:aws", /only with hospital:cloud aws/],
        ["an account-settings stack that is not a stack name", { ...good, aws: { accountSettingsStack: "st mary/prod" } }, "hospital:aws.accountSettingsStack", /a stack name/],
        ["a misspelt key inside aws", { ...good, aws: { accountSettingStack: "stmary" } }, "hospital:aws.accountSettingStack", /no such key; allowed: hospital:aws.accountSettingsStack/],
    ];
    it("asks a CloudWatch retention period only of AWS hospitals (Azure and Google keep any number of days)", () => {
        const azure = { ...good, cloud: "azure", region: "eastus", admins: ["00000000-0000-0000-0000-000000000001"], retention: { auditDays: 2200 } };
        assert.equal(validateHospitalConfig(azure).retention.auditDays, 2200);
    });

    for (const [what, raw, key, allowed] of bad) {
        it(`refuses ${what}, naming ${key}`, () => {
            const problems = problemsOf(raw);
            const problem = problems.find(p => p.key === key);
            assert.ok(problem, `no problem names ${key}; got ${JSON.stringify(problems)}`);
            assert.match(problem.allowed, allowed);
        });
    }

    it("accepts tags of the user's own within each cloud's limits", () => {
        assert.deepEqual(validateHospitalConfig({ ...good, tags: { "cost-center": "cardiology 42", Owner: "Dr. Who", note: "v".repeat(256) } }).tags.Owner, "Dr. Who");
        assert.deepEqual(validateHospitalConfig({ ...azure, tags: { "Cost Center": "v".repeat(256) } }).tags["Cost Center"], "v".repeat(256));
        assert.deepEqual(validateHospitalConfig({ ...gcp, tags: { "cost-center": "cardiology_42", tenant_group: "north" } }).tags["cost-center"], "cardiology_42");
        // Near misses of the platform's keys are the user's own keys.
        assert.equal(validateHospitalConfig({ ...good, tags: { "tenant-group": "north", environmental: "yes" } }).tags["tenant-group"], "north");
    });

    it("refuses a secure: value in hospital:tags without showing it, with every other problem", () => {
        const problems = problemsWith({ ...good, tenant: "X", tags: { owner: "s3cr3t-value" } }, { secretKeys: ["hospital:tags"] });
        assert.deepEqual(problems.map(p => p.key).sort(), ["hospital:tags", "hospital:tenant"]);
        const message = new HospitalConfigError(problems).message;
        assert.match(message, /hospital:tags: got "\[secret\]"; expected plain text/);
        assert.doesNotMatch(message, /s3cr3t/);
    });

    it("never shows a secret key's value in a problem", () => {
        const problems = problemsWith({ ...good, tags: { tenant: "s3cr3t-value", " hipaa-cloud:x": "s3cr3t-too", note: "s3cr3t".repeat(50) } }, { secretKeys: ["hospital:tags"] });
        assert.ok(problems.some(p => p.key === "hospital:tags.tenant"));
        assert.ok(problems.some(p => p.key === 'hospital:tags[" hipaa-cloud:x"]'));
        assert.doesNotMatch(new HospitalConfigError(problems).message, /s3cr3t/);
    });

    describe("hospital:region and the provider's region", () => {
        const withProvider = (raw: HospitalConfigInput, providerConfig: Record<string, string>) => problemsWith(raw as Record<string, unknown>, { providerConfig });
        it("refuses aws:region eu-west-1 with hospital:region us-east-1, naming both keys", () => {
            const problems = withProvider(good, { "aws:region": "eu-west-1" });
            assert.equal(problems.length, 1);
            assert.equal(problems[0].key, "aws:region");
            assert.match(problems[0].allowed, /us-east-1, the same region as hospital:region.*aws:region "eu-west-1" and hospital:region "us-east-1" disagree/);
        });
        it("refuses azure-native:location westeurope with hospital:region eastus", () => {
            const problems = withProvider(azure, { "azure-native:location": "westeurope" });
            assert.deepEqual(problems.map(p => p.key), ["azure-native:location"]);
            assert.match(problems[0].allowed, /hospital:region/);
        });
        it("refuses gcp:region and a gcp:zone outside hospital:region", () => {
            const problems = withProvider(gcp, { "gcp:region": "europe-west4", "gcp:zone": "europe-west4-a" });
            assert.deepEqual(problems.map(p => p.key).sort(), ["gcp:region", "gcp:zone"]);
        });
        it("refuses an unset provider region (the deploying machine's would decide)", () => {
            for (const [raw, key] of [[good, "aws:region"], [azure, "azure-native:location"], [gcp, "gcp:region"]] as const) {
                const problems = withProvider(raw, {});
                assert.deepEqual(problems.map(p => p.key), [key]);
                assert.match(problems[0].allowed, /set it/);
            }
        });
        it("accepts the same region, and reports a mismatch with every other problem", () => {
            assert.equal(validateHospitalConfig({ ...good }, undefined, { providerConfig: { "aws:region": "us-east-1" } }).region, "us-east-1");
            assert.equal(validateHospitalConfig({ ...gcp }, undefined, { providerConfig: { "gcp:region": "us-central1", "gcp:zone": "us-central1-b" } }).region, "us-central1");
            // Azure reads "East US" as eastus; AWS and Google names are exact.
            assert.equal(validateHospitalConfig({ ...azure }, undefined, { providerConfig: { "azure-native:location": "East US" } }).region, "eastus");
            assert.deepEqual(withProvider(good, { "aws:region": "US-EAST-1" }).map(p => p.key), ["aws:region"]);
            assert.deepEqual(withProvider(good, { "aws:region": "us-east-1 " }).map(p => p.key), ["aws:region"]);
            const problems = withProvider({ ...good, environment: "live" } as unknown as HospitalConfigInput, { "aws:region": "eu-west-1" });
            assert.deepEqual(problems.map(p => p.key).sort(), ["aws:region", "hospital:environment"]);
        });
        it("reads the provider's region from the stack config", async () => {
            let error: unknown;
            await record(() => { try { readHospitalConfig(); } catch (e) { error = e; } }, { config: {
                "hospital:tenant": "stmary", "hospital:cloud": "aws", "hospital:region": "us-east-1", "hospital:environment": "dev", "aws:region": "eu-west-1",
            } });
            assert.ok(error instanceof HospitalConfigError, String(error));
            assert.match(error.message, /aws:region: got "eu-west-1"/);
        });
        it("reads which keys are secrets from the stack config", async () => {
            let error: unknown;
            await record(() => { try { readHospitalConfig(); } catch (e) { error = e; } }, { config: {
                "hospital:tenant": "stmary", "hospital:cloud": "aws", "hospital:region": "us-east-1", "hospital:environment": "dev", "aws:region": "us-east-1",
                "hospital:tags": JSON.stringify({ owner: "[secret]" }),
            }, secretKeys: ["hospital:tags"] });
            assert.ok(error instanceof HospitalConfigError, String(error));
            assert.match(error.message, /hospital:tags: got "\[secret\]"; expected plain text/);
        });
    });

    it("reports every problem of a config at once, with the value given", () => {
        const problems = problemsOf({ tenant: "X", cloud: "aws", region: "mars", environment: "live", admins: [] });
        assert.deepEqual(problems.map(p => p.key).sort(), ["hospital:admins", "hospital:environment", "hospital:region", "hospital:tenant"]);
        const message = new HospitalConfigError(problems).message;
        assert.match(message, /hospital:tenant: got "X"/);
        assert.match(message, /hospital:region: got "mars"/);
        assert.match(message, /hospital:environment: got "live"/);
    });

    it("registers no resource when the stack's config is invalid", async () => {
        let error: unknown;
        const recorded = await record(() => {
            try {
                const config = readHospitalConfig();
                new HospitalPlatform(config.tenant, { config });
            } catch (e) {
                error = e;
            }
        }, { config: { "hospital:tenant": "Bad Tenant", "hospital:cloud": "aws", "hospital:region": "us-east-1" } });
        assert.ok(error instanceof HospitalConfigError);
        assert.match(String((error as Error).message), /stack test: hospital config has \d+ problems?/);
        assert.deepEqual(recorded.resources.map(r => r.type), ["pulumi:pulumi:Stack"]);
    });
});
