import assert from "node:assert/strict";
import { Storage, StorageArgs, storageProblems } from "../../../components/aws/storage";
import { record, Recorded } from "../../support/record";

const keyArn = "arn:aws:kms:us-east-1:123456789012:key/test-key";
const config = { "aws:region": "us-east-1" };
const T = {
    bucket: "aws:s3/bucket:Bucket",
    sse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    pab: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    ownership: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    versioning: "aws:s3/bucketVersioning:BucketVersioning",
    policy: "aws:s3/bucketPolicy:BucketPolicy",
    logging: "aws:s3/bucketLogging:BucketLogging",
    lifecycle: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    objectLock: "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
};

function phiArgs(extra: Partial<StorageArgs> = {}): StorageArgs {
    return { tenant: "mercy", purpose: "phi", key: keyArn, accessLogBucket: "mercy-access-logs", ...extra };
}

async function bucket(extra: Partial<StorageArgs> = {}): Promise<Recorded> {
    return record(() => { new Storage("phi", phiArgs(extra)); }, { config });
}

function statements(r: Recorded): any[] {
    return JSON.parse(r.one(T.policy).inputs.policy as string).Statement;
}

describe("components/aws/storage Storage", () => {
    let r: Recorded;
    before(async () => { r = await bucket(); });

    it("registers the component and a bucket with its guard resources as children", () => {
        const component = r.one("hipaa-cloud:aws:EncryptedBucket", "phi");
        for (const type of [T.bucket, T.sse, T.pab, T.ownership, T.versioning, T.policy, T.logging, T.lifecycle]) {
            assert.equal(r.one(type).parent, component.urn, type);
        }
        assert.equal(r.ofType(T.objectLock).length, 0);
    });

    it("never uses the deprecated inline bucket properties", () => {
        const inputs = r.one(T.bucket).inputs;
        for (const p of ["serverSideEncryptionConfiguration", "versioning", "logging", "lifecycleRules", "policy", "acl", "objectLockConfiguration"]) {
            assert.equal(inputs[p], undefined, p);
        }
    });

    it("encrypts with the given KMS key, a bucket key, and SSE-C blocked", () => {
        const rule = (r.one(T.sse).inputs.rules as any[])[0];
        assert.equal(rule.applyServerSideEncryptionByDefault.sseAlgorithm, "aws:kms");
        assert.equal(rule.applyServerSideEncryptionByDefault.kmsMasterKeyId, keyArn);
        assert.equal(rule.bucketKeyEnabled, true);
        assert.deepEqual(rule.blockedEncryptionTypes, ["SSE-C"]);
    });

    it("blocks all public access and enforces bucket-owner ownership", () => {
        const pab = r.one(T.pab).inputs;
        for (const flag of ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"]) assert.equal(pab[flag], true, flag);
        assert.equal((r.one(T.ownership).inputs.rule as any).objectOwnership, "BucketOwnerEnforced");
    });

    it("enables versioning and never force-destroys", () => {
        assert.equal((r.one(T.versioning).inputs.versioningConfiguration as any).status, "Enabled");
        assert.equal(r.one(T.bucket).inputs.forceDestroy, false);
    });

    it("denies requests without TLS and with TLS older than 1.2 on the bucket and its objects", () => {
        const s = statements(r);
        const insecure = s.find(x => x.Condition?.Bool?.["aws:SecureTransport"] === "false");
        assert.ok(insecure, "a SecureTransport deny");
        assert.equal(insecure.Effect, "Deny");
        assert.equal(insecure.Principal, "*");
        assert.equal(insecure.Action, "s3:*");
        assert.deepEqual(insecure.Resource, ["arn:aws:s3:::phi", "arn:aws:s3:::phi/*"]);
        const oldTls = s.find(x => x.Condition?.NumericLessThan?.["s3:TlsVersion"] === "1.2");
        assert.ok(oldTls, "a TLS-version deny");
        assert.equal(oldTls.Effect, "Deny");
    });

    it("denies uploads that ask for an encryption other than SSE-KMS", () => {
        const deny = statements(r).find(x => x.Sid === "DenyNonKmsEncryptionHeader");
        assert.equal(deny.Effect, "Deny");
        assert.equal(deny.Action, "s3:PutObject");
        assert.deepEqual(deny.Condition.StringNotEquals["s3:x-amz-server-side-encryption"], ["aws:kms", "aws:kms:dsse"]);
    });

    it("logs access to the given access-log bucket", () => {
        const logging = r.one(T.logging).inputs;
        assert.equal(logging.targetBucket, "mercy-access-logs");
        assert.equal(logging.bucket, r.one(T.bucket).name);
    });

    it("expires only non-current versions, after 2190 days by default", () => {
        const rules = r.one(T.lifecycle).inputs.rules as any[];
        assert.ok(rules.every(rule => rule.expiration === undefined), "no rule expires current objects");
        const noncurrent = rules.find(rule => rule.noncurrentVersionExpiration);
        assert.equal(noncurrent.noncurrentVersionExpiration.noncurrentDays, 2190);
        assert.equal(noncurrent.status, "Enabled");
    });

    it("tags the bucket with the tenant and the PHI classification", () => {
        const tags = r.one(T.bucket).inputs.tags as Record<string, string>;
        assert.equal(tags.tenant, "mercy");
        assert.equal(tags["data-classification"], "phi");
        assert.equal(tags.purpose, "phi");
    });

    it("protects the bucket and its guard resources in prod (the default)", () => {
        for (const type of [T.bucket, T.sse, T.pab, T.policy, T.versioning]) assert.equal(r.one(type).protect, true, type);
    });

    it("does not protect the bucket in dev", async () => {
        const dev = await bucket({ environment: "dev" });
        assert.equal(dev.one(T.bucket).protect, false);
        assert.equal(dev.one(T.sse).protect, false);
    });

    it("honours noncurrentVersionDays", async () => {
        const short = await bucket({ noncurrentVersionDays: 90 });
        const rules = short.one(T.lifecycle).inputs.rules as any[];
        assert.equal(rules.find(rule => rule.noncurrentVersionExpiration).noncurrentVersionExpiration.noncurrentDays, 90);
    });

    it("appends extra policy statements after the baseline", async () => {
        const extra = { Sid: "AllowCloudTrail", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:PutObject", Resource: "*" };
        const s = statements(await bucket({ extraPolicyStatements: [extra] }));
        assert.deepEqual(s[s.length - 1], extra);
        assert.ok(s.some(x => x.Sid === "DenyInsecureTransport"));
    });
});

describe("components/aws/storage Storage with Object Lock", () => {
    it("enables Object Lock on the bucket and a COMPLIANCE default retention of the given days", async () => {
        const r = await bucket({ purpose: "trail", objectLockDays: 2192 });
        assert.equal(r.one(T.bucket).inputs.objectLockEnabled, true);
        const rule = r.one(T.objectLock).inputs.rule as any;
        assert.equal(rule.defaultRetention.mode, "COMPLIANCE");
        assert.equal(rule.defaultRetention.days, 2192);
    });
});

describe("components/aws/storage Storage as access-log target", () => {
    let r: Recorded;
    before(async () => {
        r = await record(() => {
            new Storage("access-logs", { tenant: "mercy", purpose: "access-logs", key: keyArn, isAccessLogTarget: true });
        }, { config });
    });

    it("uses SSE-S3, the only encryption S3 log delivery supports", () => {
        const rule = (r.one(T.sse).inputs.rules as any[])[0];
        assert.equal(rule.applyServerSideEncryptionByDefault.sseAlgorithm, "AES256");
        assert.equal(rule.applyServerSideEncryptionByDefault.kmsMasterKeyId, undefined);
    });

    it("carries no exemption tag: the ENC-REST-CMK rule itself finds the log target (a tag could be copied onto a PHI bucket)", () => {
        const tags = r.one(T.bucket).inputs.tags as Record<string, string>;
        assert.deepEqual(Object.keys(tags).filter(k => k.toLowerCase().startsWith("hipaa-cloud")), []);
    });

    it("does not log its own access and keeps the TLS-only policy", () => {
        assert.equal(r.ofType(T.logging).length, 0);
        const s = JSON.parse(r.one(T.policy).inputs.policy as string).Statement;
        assert.ok(s.some((x: any) => x.Sid === "DenyInsecureTransport"));
        assert.ok(!s.some((x: any) => x.Sid === "DenyNonKmsEncryptionHeader"));
    });

    it("a CMK bucket carries no exemption tag", async () => {
        const tags = (await bucket()).one(T.bucket).inputs.tags as Record<string, string>;
        assert.equal(tags["hipaa-cloud:exemption:ENC-REST-CMK"], undefined);
    });
});

describe("components/aws/storage storageProblems", () => {
    it("accepts the defaults", () => {
        assert.deepEqual(storageProblems(phiArgs()), []);
    });

    it("requires accessLogBucket unless the bucket is an access-log target", () => {
        const problems = storageProblems(phiArgs({ accessLogBucket: undefined }));
        assert.equal(problems.length, 1);
        assert.match(problems[0], /'accessLogBucket' is required/);
    });

    it("refuses Object Lock on an access-log target", () => {
        const problems = storageProblems(phiArgs({ isAccessLogTarget: true, objectLockDays: 2192 }));
        assert.ok(problems.some(p => /Only one of 'objectLockDays', 'isAccessLogTarget'/.test(p)));
    });

    it("refuses a log bucket whose non-current versions expire before six years", () => {
        const problems = storageProblems(phiArgs({ objectLockDays: 2192, noncurrentVersionDays: 365 }));
        assert.ok(problems.some(p => /'noncurrentVersionDays' must be a whole number of at least 2190 \(six years or more, RETENTION\)/.test(p)));
    });

    it("refuses a purpose that cannot be part of a bucket name", () => {
        assert.ok(storageProblems(phiArgs({ purpose: "PHI Data" })).some(p => /'purpose'/.test(p)));
    });

    it("throws from the constructor, naming every problem", async () => {
        await assert.rejects(
            record(() => { new Storage("bad", phiArgs({ accessLogBucket: undefined, objectLockDays: 0 })); }, { config }),
            (e: Error) => /accessLogBucket/.test(e.message) && /objectLockDays/.test(e.message),
        );
    });
});
