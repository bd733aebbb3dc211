import assert from "node:assert/strict";
import { Audit, AuditArgs, auditRetentionProblem } from "../../../components/aws/audit";
import { record, Recorded } from "../../support/record";

const keyArn = "arn:aws:kms:us-east-1:123456789012:key/test-key";
const config = { "aws:region": "us-east-1" };
const T = {
    trail: "aws:cloudtrail/trail:Trail",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    role: "aws:iam/role:Role",
    policy: "aws:iam/policy:Policy",
    attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    inlinePolicy: "aws:iam/rolePolicy:RolePolicy",
    bucket: "aws:s3/bucket:Bucket",
    bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
    sse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    logging: "aws:s3/bucketLogging:BucketLogging",
    objectLock: "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
};
const trailArn = "arn:aws:cloudtrail:us-east-1:123456789012:trail/mercy-audit-trail";

async function audit(extra: Partial<AuditArgs> = {}): Promise<Recorded> {
    return record(() => { new Audit("audit", { tenant: "mercy", key: keyArn, ...extra }); }, { config });
}

/** The resource of `type` that is a child of the Storage component named `bucket`. */
function childOf(r: Recorded, bucket: string, type: string) {
    const component = r.one("hipaa-cloud:aws:EncryptedBucket", bucket);
    const found = r.ofType(type).filter(x => x.parent === component.urn);
    assert.equal(found.length, 1, `one ${type} in ${bucket}`);
    return found[0];
}

function selectors(r: Recorded): any[] {
    return r.one(T.trail).inputs.advancedEventSelectors as any[];
}

function selectorFor(r: Recorded, resourceType: string) {
    return selectors(r).find(s => s.fieldSelectors.some((f: any) => f.field === "resources.type" && f.equals?.includes(resourceType)));
}

describe("components/aws/audit Audit", () => {
    let r: Recorded;
    before(async () => { r = await audit(); });

    it("registers a trail, log group, role with a managed policy, and two EncryptedBuckets under the component", () => {
        const component = r.one("hipaa-cloud:aws:Audit", "audit");
        for (const type of [T.trail, T.logGroup, T.role, T.policy, T.attachment]) assert.equal(r.one(type).parent, component.urn, type);
        for (const bucket of ["audit-access-logs", "audit-trail"]) assert.equal(r.one("hipaa-cloud:aws:EncryptedBucket", bucket).parent, component.urn);
        assert.equal(r.ofType(T.inlinePolicy).length, 0, "no inline role policy");
    });

    it("makes a multi-region trail with global events, log-file validation, logging on, and the CMK", () => {
        const trail = r.one(T.trail).inputs;
        assert.equal(trail.name, "mercy-audit-trail");
        assert.equal(trail.isMultiRegionTrail, true);
        assert.equal(trail.includeGlobalServiceEvents, true);
        assert.equal(trail.enableLogFileValidation, true);
        assert.notEqual(trail.enableLogging, false);
        assert.equal(trail.kmsKeyId, keyArn);
    });

    it("sends the trail to the CloudWatch log group through the role", () => {
        const trail = r.one(T.trail).inputs;
        const group = r.one(T.logGroup);
        assert.equal(trail.cloudWatchLogsGroupArn, `arn:aws:logs:us-east-1:123456789012:log-group:${group.inputs.name}:*`);
        assert.equal(trail.cloudWatchLogsRoleArn, `arn:aws:iam::123456789012:role/${r.one(T.role).name}`);
    });

    it("records management events and S3 object data events of every bucket", () => {
        const s = selectors(r);
        assert.ok(s.some(x => x.fieldSelectors.some((f: any) => f.field === "eventCategory" && f.equals.includes("Management"))));
        const s3 = selectorFor(r, "AWS::S3::Object");
        assert.ok(s3.fieldSelectors.some((f: any) => f.field === "eventCategory" && f.equals.includes("Data")));
        assert.ok(!s3.fieldSelectors.some((f: any) => f.field.startsWith("resources.ARN")), "no bucket is left out");
        assert.equal(selectorFor(r, "AWS::MedicalImaging::Datastore"), undefined);
    });

    it("writes to the trail bucket, which is Object-Locked in COMPLIANCE mode for the retention period", () => {
        const trailBucket = childOf(r, "audit-trail", T.bucket);
        assert.equal(r.one(T.trail).inputs.s3BucketName, trailBucket.name);
        assert.equal(trailBucket.inputs.objectLockEnabled, true);
        const lock = childOf(r, "audit-trail", T.objectLock).inputs.rule as any;
        assert.equal(lock.defaultRetention.mode, "COMPLIANCE");
        assert.equal(lock.defaultRetention.days, 2192);
    });

    it("encrypts the trail bucket with the CMK and logs its access to the access-log bucket", () => {
        const rule = (childOf(r, "audit-trail", T.sse).inputs.rules as any[])[0];
        assert.equal(rule.applyServerSideEncryptionByDefault.kmsMasterKeyId, keyArn);
        const accessLogBucket = childOf(r, "audit-access-logs", T.bucket);
        assert.equal(childOf(r, "audit-trail", T.logging).inputs.targetBucket, accessLogBucket.name);
    });

    it("lets only this trail write to the trail bucket", () => {
        const statements = JSON.parse(childOf(r, "audit-trail", T.bucketPolicy).inputs.policy as string).Statement;
        const write = statements.find((s: any) => s.Sid === "AllowCloudTrailWrite");
        assert.deepEqual(write.Principal, { Service: "cloudtrail.amazonaws.com" });
        assert.equal(write.Condition.StringEquals["aws:SourceArn"], trailArn);
        assert.match(write.Resource, /^arn:aws:s3:::audit-trail\/AWSLogs\/123456789012\/\*$/);
        const acl = statements.find((s: any) => s.Sid === "AllowCloudTrailAclCheck");
        assert.equal(acl.Condition.StringEquals["aws:SourceArn"], trailArn);
        assert.ok(statements.some((s: any) => s.Sid === "DenyInsecureTransport"));
    });

    it("lets S3 log delivery from this account write to the access-log bucket, which carries no exemption tag", () => {
        const statements = JSON.parse(childOf(r, "audit-access-logs", T.bucketPolicy).inputs.policy as string).Statement;
        const delivery = statements.find((s: any) => s.Sid === "AllowS3ServerAccessLogDelivery");
        assert.deepEqual(delivery.Principal, { Service: "logging.s3.amazonaws.com" });
        assert.equal(delivery.Resource, "arn:aws:s3:::audit-access-logs/*");
        assert.equal(delivery.Condition.StringEquals["aws:SourceAccount"], "123456789012");
        const tags = childOf(r, "audit-access-logs", T.bucket).inputs.tags as Record<string, string>;
        assert.equal(tags["hipaa-cloud:exemption:ENC-REST-CMK"], undefined);
    });

    it("keeps the log group six years, encrypted, with deletion protection in prod", () => {
        const group = r.one(T.logGroup).inputs;
        assert.equal(group.retentionInDays, 2192);
        assert.equal(group.kmsKeyId, keyArn);
        assert.equal(group.deletionProtectionEnabled, true);
    });

    it("trusts only this trail to assume the role, and grants two log actions on one group", () => {
        const trust = JSON.parse(r.one(T.role).inputs.assumeRolePolicy as string).Statement[0];
        assert.deepEqual(trust.Principal, { Service: "cloudtrail.amazonaws.com" });
        assert.equal(trust.Condition.StringEquals["aws:SourceArn"], trailArn);
        const grant = JSON.parse(r.one(T.policy).inputs.policy as string).Statement;
        assert.equal(grant.length, 1);
        assert.deepEqual(grant[0].Action, ["logs:CreateLogStream", "logs:PutLogEvents"]);
        assert.ok(!JSON.stringify(grant).includes("\"*\""), "no wildcard action or resource");
        assert.match(grant[0].Resource, /^arn:aws:logs:us-east-1:123456789012:log-group:.+:log-stream:\*$/);
        assert.equal(r.one(T.attachment).inputs.role, r.one(T.role).name);
    });

    it("protects the trail, log group and log buckets in prod", () => {
        assert.equal(r.one(T.trail).protect, true);
        assert.equal(r.one(T.logGroup).protect, true);
        assert.ok(r.ofType(T.bucket).every(b => b.protect));
    });

    it("neither protects nor deletion-protects in dev", async () => {
        const dev = await audit({ environment: "dev" });
        assert.equal(dev.one(T.trail).protect, false);
        assert.equal(dev.one(T.logGroup).protect, false);
        assert.equal(dev.one(T.logGroup).inputs.deletionProtectionEnabled, false);
        assert.ok(dev.ofType(T.bucket).every(b => !b.protect));
    });

    it("adds one HealthImaging data-event selector per resource type when imaging is on", async () => {
        const withImaging = await audit({ imaging: true });
        for (const type of ["AWS::MedicalImaging::Datastore", "AWS::MedicalImaging::Imageset"]) {
            const selector = selectorFor(withImaging, type);
            assert.ok(selector, type);
            assert.ok(selector.fieldSelectors.some((f: any) => f.field === "eventCategory" && f.equals.includes("Data")));
            assert.equal(selector.fieldSelectors.find((f: any) => f.field === "resources.type").equals.length, 1);
        }
    });

    it("uses a longer retention for the log group and the Object Lock when asked", async () => {
        const long = await audit({ auditDays: 3653 });
        assert.equal(long.one(T.logGroup).inputs.retentionInDays, 3653);
        assert.equal((childOf(long, "audit-trail", T.objectLock).inputs.rule as any).defaultRetention.days, 3653);
    });
});

describe("components/aws/audit auditRetentionProblem", () => {
    it("accepts six years and more among CloudWatch's values, and 0 (never expire)", () => {
        for (const days of [2192, 2557, 3653, 0]) assert.equal(auditRetentionProblem("retentionDays", days), undefined, String(days));
    });

    it("refuses values shorter than six years or not offered by CloudWatch, naming the argument", () => {
        for (const days of [365, 1827, 2190, 2200]) assert.match(auditRetentionProblem("retentionDays", days) ?? "", /'retentionDays' must be one of/, String(days));
    });

    it("makes the constructor throw for a bad retention", async () => {
        await assert.rejects(audit({ retentionDays: 400 }), /retentionDays/);
    });
});
