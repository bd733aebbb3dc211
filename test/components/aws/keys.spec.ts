import assert from "node:assert/strict";
import { Keys, KeysArgs, keyPolicyDocument } from "../../../components/aws/keys";
import { record, Recorded } from "../../support/record";

const config = { "aws:region": "eu-west-1" };
const admin = "arn:aws:iam::123456789012:role/phi-admins";
const KEY = "aws:kms/key:Key";
const ALIAS = "aws:kms/alias:Alias";

async function keys(extra: Partial<KeysArgs> = {}): Promise<Recorded> {
    return record(() => { new Keys("keys", { tenant: "mercy", region: "eu-west-1", admins: [admin], ...extra }); }, { config });
}

function statements(r: Recorded): any[] {
    return JSON.parse(r.one(KEY).inputs.policy as string).Statement;
}

describe("components/aws/keys Keys", () => {
    let r: Recorded;
    before(async () => { r = await keys(); });

    it("registers a KMS key and an alias under the component", () => {
        const component = r.one("hipaa-cloud:aws:Keys", "keys");
        assert.equal(r.one(KEY).parent, component.urn);
        assert.equal(r.one(ALIAS).parent, component.urn);
    });

    it("creates a single-region symmetric encryption key", () => {
        const key = r.one(KEY).inputs;
        assert.equal(key.keyUsage, "ENCRYPT_DECRYPT");
        assert.equal(key.customerMasterKeySpec, "SYMMETRIC_DEFAULT");
        assert.equal(key.multiRegion, false);
        assert.notEqual(key.isEnabled, false);
    });

    it("rotates the key every 90 days and keeps a 30-day deletion window", () => {
        const key = r.one(KEY).inputs;
        assert.equal(key.enableKeyRotation, true);
        assert.equal(key.rotationPeriodInDays, 90);
        assert.equal(key.deletionWindowInDays, 30);
        assert.equal(key.bypassPolicyLockoutSafetyCheck, false);
    });

    it("names the alias after the tenant and points it at the key", () => {
        const alias = r.one(ALIAS).inputs;
        assert.equal(alias.name, "alias/mercy-phi");
        assert.equal(alias.targetKeyId, "keys-key-id");
    });

    it("gives the account root full control, from the caller identity and partition", () => {
        const root = statements(r).find(s => s.Sid === "EnableAccountRootAndIamPolicies");
        assert.deepEqual(root.Principal, { AWS: "arn:aws:iam::123456789012:root" });
    });

    it("lets admins administer the key but not use it", () => {
        const adminStatement = statements(r).find(s => s.Sid === "AllowKeyAdministration");
        assert.deepEqual(adminStatement.Principal, { AWS: [admin] });
        for (const use of ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:CreateGrant", "kms:*", "kms:ReEncrypt*"]) {
            assert.ok(!adminStatement.Action.includes(use), use);
        }
        assert.ok(adminStatement.Action.includes("kms:ScheduleKeyDeletion"));
    });

    it("lets CloudTrail encrypt only for the tenant's trail", () => {
        const trail = statements(r).find(s => s.Sid === "AllowCloudTrailToEncryptLogs");
        assert.deepEqual(trail.Principal, { Service: "cloudtrail.amazonaws.com" });
        assert.equal(trail.Condition.StringEquals["aws:SourceArn"], "arn:aws:cloudtrail:eu-west-1:123456789012:trail/mercy-audit-trail");
        assert.equal(trail.Condition.StringLike["kms:EncryptionContext:aws:cloudtrail:arn"], "arn:aws:cloudtrail:*:123456789012:trail/*");
    });

    it("lets the regional CloudWatch Logs service use the key for this account's log groups", () => {
        const logs = statements(r).find(s => s.Sid === "AllowCloudWatchLogsForThisAccount");
        assert.deepEqual(logs.Principal, { Service: "logs.eu-west-1.amazonaws.com" });
        assert.equal(logs.Condition.ArnLike["kms:EncryptionContext:aws:logs:arn"], "arn:aws:logs:eu-west-1:123456789012:log-group:*");
    });

    it("never allows Principal * and conditions every service principal", () => {
        for (const s of statements(r)) {
            assert.notEqual(s.Principal, "*");
            assert.notEqual(s.Principal?.AWS, "*");
            if (s.Principal?.Service) assert.ok(s.Condition, `${s.Sid} has a condition`);
        }
    });

    it("protects the key in prod and not in dev", async () => {
        assert.equal(r.one(KEY).protect, true);
        assert.equal((await keys({ environment: "dev" })).one(KEY).protect, false);
    });

    it("tags the key with the tenant and PHI classification", () => {
        const tags = r.one(KEY).inputs.tags as Record<string, string>;
        assert.equal(tags.tenant, "mercy");
        assert.equal(tags["data-classification"], "phi");
    });
});

describe("components/aws/keys keyPolicyDocument", () => {
    it("has no administration statement without admins, leaving only the account root", () => {
        const doc = keyPolicyDocument({ partition: "aws", accountId: "111122223333", region: "us-east-1", tenant: "t1", admins: [] });
        assert.ok(!doc.Statement.some(s => s.Sid === "AllowKeyAdministration"));
        assert.equal(doc.Statement[0].Principal.AWS, "arn:aws:iam::111122223333:root");
    });

    it("uses the partition in every ARN", () => {
        const doc = keyPolicyDocument({ partition: "aws-us-gov", accountId: "111122223333", region: "us-gov-west-1", tenant: "t1", admins: [] });
        const text = JSON.stringify(doc);
        assert.ok(!text.includes("arn:aws:"), text);
        assert.ok(text.includes("arn:aws-us-gov:cloudtrail:us-gov-west-1:111122223333:trail/t1-audit-trail"));
    });
});
