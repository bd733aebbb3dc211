import assert from "node:assert/strict";
import { HospitalConfigError, HospitalConfigInput, rawConfigFromPulumi, validateHospitalConfig } from "../../components/config";
import { HospitalPlatform } from "../../components/platform";
import { readHospitalConfig } from "../../components/read";
import { record } from "../support/record";

const good: HospitalConfigInput = {
    tenant: "stmary", cloud: "aws", region: "us-east-1", admins: ["arn:aws:iam::123456789012:role/phi-admin"],
};

function problemsOf(raw: Record<string, unknown>): { key: string; allowed: string; value: unknown }[] {
    try {
        validateHospitalConfig(raw);
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
        assert.deepEqual(config.services, ["storage", "processing", "warehouse", "imaging"]);
        assert.deepEqual(config.processing, { profile: "analytics", workers: 2 });
        assert.deepEqual(config.warehouse, { nodes: 2 });
        assert.deepEqual(config.retention, { auditDays: 2192, phiDays: 2190 });
        assert.deepEqual(config.network, { cidr: "10.40.0.0/16" });
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
        ["an unknown service", { ...good, services: ["storage", "ml"] }, "hospital:services.1", /storage, processing, warehouse, imaging/],
        ["no services", { ...good, services: [] }, "hospital:services", /at least one/],
        ["a service twice", { ...good, services: ["storage", "storage"] }, "hospital:services", /at most once/],
        ["imaging where HealthImaging is not offered", { ...good, region: "eu-west-2" }, "hospital:services", /imaging is not offered in aws region eu-west-2.*us-east-1/],
        ["DICOM where Azure Health Data Services is not offered", { ...good, cloud: "azure", region: "brazilsouth", admins: ["00000000-0000-0000-0000-000000000001"] }, "hospital:services", /imaging is not offered in azure region brazilsouth/],
        ["no administrator in prod", { ...good, admins: [] }, "hospital:admins", /at least one administrator in prod/],
        ["an administrator that is not an IAM ARN", { ...good, admins: ["alice"] }, "hospital:admins.0", /IAM role, user or group ARN/],
        ["an Azure administrator that is not an object id", { ...good, cloud: "azure", region: "eastus", admins: ["alice@hospital.org"] }, "hospital:admins.0", /Entra ID object id/],
        ["an unknown processing profile", { ...good, processing: { profile: "hpc" } }, "hospital:processing.profile", /analytics, genomics/],
        ["a misspelt key inside processing", { ...good, processing: { profil: "genomics" } }, "hospital:processing.profil", /no such key; allowed: hospital:processing.profile/],
        ["a misspelt top-level key", { ...good, teant: "x" }, "hospital:teant", /no such key; allowed: hospital:tenant/],
        ["audit retention under six years", { ...good, retention: { auditDays: 365 } }, "hospital:retention.auditDays", /at least 2190 days/],
        ["an audit retention CloudWatch Logs cannot keep, on AWS", { ...good, retention: { auditDays: 2200 } }, "hospital:retention.auditDays", /CloudWatch Logs retention of six years or more: 2192, 2557/],
        ["a public network range", { ...good, network: { cidr: "8.8.0.0/16" } }, "hospital:network.cidr", /private IPv4 range/],
        ["a network range with host bits", { ...good, network: { cidr: "10.40.1.0/16" } }, "hospital:network.cidr", /private IPv4 range/],
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
