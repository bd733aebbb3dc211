import assert from "node:assert/strict";
import {
    backupVault, cloudtrailTrail, emrCluster, emrSecurityConfiguration, healthImagingDatastore, keyTenantRule, kmsKey, logGroup,
    redshiftCluster, s3Bucket,
} from "../../../policies/aws/enc-rest-cmk";
import { exemptionTagKey, exemptionTagValue } from "../../../policies/lib/evaluate";
import type { Finding } from "../../../policies/lib/evaluate";
import { UNKNOWN } from "../../../policies/lib/values";
import { kmsAlias } from "../../../policies/aws/enc-rest-cmk";
import { KEY_ARN, res, run, runStack, stackOutcomesByName } from "./fixtures";

const BUCKET = "aws:s3/bucket:Bucket";
const SSE = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
const SSE_V2 = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2";

const kmsRule = (keyId: unknown = KEY_ARN, algorithm = "aws:kms", bucketKey: unknown = true) =>
    ({ rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: algorithm, kmsMasterKeyId: keyId }, bucketKeyEnabled: bucketKey }] });

describe("aws ENC-REST-CMK", () => {
    describe("aws-enc-rest-cmk-s3-bucket (stack)", () => {
        it("passes a bucket joined to an SSE-KMS configuration through the bucket property's dependency", () => {
            const bucket = res(BUCKET, "phi");
            const sse = res(SSE, "phi-sse", { bucket: UNKNOWN, ...kmsRule() }, { deps: { bucket: [bucket] } });
            assert.deepEqual(runStack(s3Bucket, [bucket, sse]), []);
        });

        it("joins the deprecated V2 token by bucket name as well", () => {
            const bucket = res(BUCKET, "phi", { bucket: "stmary-phi" });
            const sse = res(SSE_V2, "phi-sse", { bucket: "stmary-phi", ...kmsRule() });
            assert.deepEqual(runStack(s3Bucket, [bucket, sse]), []);
        });

        it("reports a bucket with no encryption configuration on the bucket, naming the missing resource", () => {
            const bucket = res(BUCKET, "phi");
            const [f] = runStack(s3Bucket, [bucket]);
            assert.equal(f.urn, bucket.urn);
            assert.deepEqual(f.controls, ["ENC-REST-CMK"]);
            assert.equal(f.enforcement, "mandatory");
            assert.match(f.message, /serverSideEncryptionConfiguration is unset.*No aws:s3\/bucketServerSideEncryptionConfiguration/);
        });

        it("reports SSE-S3 and an AWS-managed key on the bucket, naming the configuration resource", () => {
            const bucket = res(BUCKET, "phi");
            const sse = res(SSE, "phi-sse", kmsRule("alias/aws/s3", "AES256"), { deps: { bucket: [bucket] } });
            const findings = runStack(s3Bucket, [bucket, sse]);
            // One cause, one finding: S3 reads no key without a KMS algorithm; the finding still names the key.
            assert.equal(findings.length, 1);
            assert.ok(findings.every(f => f.urn === bucket.urn));
            assert.match(findings[0].message, /rules\[0\]\.applyServerSideEncryptionByDefault\.sseAlgorithm is "AES256"; wanted "aws:kms" or "aws:kms:dsse", with rules\[0\]\.applyServerSideEncryptionByDefault\.kmsMasterKeyId naming a customer-managed key.*phi-sse/);
            assert.match(findings[0].message, /kmsMasterKeyId is "alias\/aws\/s3", not a customer-managed key/);
            // With a KMS algorithm the key is a cause of its own.
            const kms = res(SSE, "phi-sse", kmsRule("alias/aws/s3", "aws:kms"), { deps: { bucket: [bucket] } });
            const [f] = runStack(s3Bucket, [bucket, kms]);
            assert.match(f.message, /kmsMasterKeyId is "alias\/aws\/s3"; wanted/);
            // An unknown algorithm leaves the key judged on its own: an AWS-managed key stays a mandatory finding.
            const unknownAlgorithm = res(SSE, "phi-sse", kmsRule("alias/aws/s3", UNKNOWN as never), { deps: { bucket: [bucket] } });
            assert.ok(runStack(s3Bucket, [bucket, unknownAlgorithm]).some(x => x.enforcement === "mandatory" && /alias\/aws\/s3/.test(x.message)));
        });

        it("requires the S3 Bucket Key for SSE-KMS but not for DSSE-KMS", () => {
            const bucket = res(BUCKET, "phi");
            const off = res(SSE, "sse", kmsRule(KEY_ARN, "aws:kms", false), { deps: { bucket: [bucket] } });
            assert.match(runStack(s3Bucket, [bucket, off])[0].message, /bucketKeyEnabled is false/);
            const dsse = res(SSE, "sse", kmsRule(KEY_ARN, "aws:kms:dsse", undefined), { deps: { bucket: [bucket] } });
            assert.deepEqual(runStack(s3Bucket, [bucket, dsse]), []);
        });

        it("judges the deprecated inline serverSideEncryptionConfiguration as present", () => {
            const good = res(BUCKET, "inline", { serverSideEncryptionConfiguration: { rule: kmsRule().rules[0] } });
            assert.deepEqual(runStack(s3Bucket, [good]), []);
            const bad = res(BUCKET, "inline", { serverSideEncryptionConfiguration: { rule: kmsRule("alias/aws/s3", "AES256").rules[0] } });
            assert.equal(runStack(s3Bucket, [bad]).length, 1);
        });

        it("reports a key unknown at preview as an advisory unknown finding", () => {
            const bucket = res(BUCKET, "phi");
            const sse = res(SSE, "sse", kmsRule(UNKNOWN), { deps: { bucket: [bucket] } });
            const [f] = runStack(s3Bucket, [bucket, sse]);
            assert.equal(f.enforcement, "advisory");
            assert.equal(f.unknown, true);
        });

        it("never lets an exemption tag on a bucket through, in the old or the new form, on its tags or its provider's", () => {
            const key = exemptionTagKey("ENC-REST-CMK");
            for (const value of ["public reference data", "S3 server access logs can only be delivered to SSE-S3", exemptionTagValue(new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10), "log-target")]) {
                for (const bucket of [res(BUCKET, "phi", { tags: { [key]: value } }), res(BUCKET, "phi", { tagsAll: { [key]: value } }),
                    res(BUCKET, "phi", {}, { provider: { defaultTags: { tags: { [key]: value } } } })]) {
                    const [f] = runStack(s3Bucket, [bucket]);
                    assert.equal(f.exempted, false, value);
                    assert.equal(f.enforcement, "mandatory");
                }
            }
        });

        describe("the S3 server-access-log target (SSE-S3 only: not applicable, with the reason)", () => {
            const LOGGING = "aws:s3/bucketLogging:BucketLogging";
            const aes = (bucket: ReturnType<typeof res>, name = "logs-sse") =>
                res(SSE, name, { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] }, { deps: { bucket: [bucket] } });
            const phi = res(BUCKET, "phi");
            const phiSse = res(SSE, "phi-sse", kmsRule(), { deps: { bucket: [phi] } });
            /** Every finding is (or none is) exempted, and there is at least one. */
            const all = (findings: Finding[], exempted: boolean) => findings.length > 0 && findings.every(f => f.exempted === exempted);

            it("lets off a bucket that receives another bucket's access logs and holds SSE-S3, as exempted with the reason", () => {
                const logs = res(BUCKET, "logs");
                const logging = res(LOGGING, "phi-logging", { bucket: UNKNOWN, targetBucket: UNKNOWN }, { deps: { bucket: [phi], targetBucket: [logs] } });
                const findings = runStack(s3Bucket, [phi, phiSse, logs, aes(logs), logging]);
                assert.ok(findings.length > 0);
                for (const f of findings) {
                    assert.equal(f.urn, logs.urn);
                    assert.equal(f.exempted, true);
                    assert.match(String(f.reason), /^not applicable: S3 delivers server access logs only to a bucket whose default encryption is SSE-S3.*receives the server access logs of "phi"\.$/);
                }
            });

            it("finds the log target by name (V2 token) and through another bucket's inline logging", () => {
                const logs = res(BUCKET, "logs", { bucket: "stmary-logs" });
                const byName = res("aws:s3/bucketLoggingV2:BucketLoggingV2", "l", { bucket: "stmary-phi", targetBucket: "stmary-logs" });
                const named = res(BUCKET, "phi", { bucket: "stmary-phi" });
                assert.ok(all(runStack(s3Bucket, [named, res(SSE, "s", { bucket: "stmary-phi", ...kmsRule() }), logs, aes(logs), byName]), true));
                const inline = res(BUCKET, "phi", { logging: { targetBucket: "stmary-logs" } });
                assert.ok(all(runStack(s3Bucket, [inline, res(SSE, "s", kmsRule(), { deps: { bucket: [inline] } }), logs, aes(logs)]), true));
            });

            it("keeps the findings of a PHI bucket that copies the log target's old tag and SSE-S3 but receives no access logs", () => {
                const copy = res(BUCKET, "phi-copy", { tags: { [exemptionTagKey("ENC-REST-CMK")]: "S3 server access logs can only be delivered to a bucket whose default encryption is SSE-S3" } });
                const logs = res(BUCKET, "logs");
                const logging = res(LOGGING, "phi-logging", {}, { deps: { bucket: [copy], targetBucket: [logs] } });
                const findings = runStack(s3Bucket, [copy, aes(copy, "copy-sse"), logs, aes(logs), logging]).filter(f => f.urn === copy.urn);
                assert.equal(findings.length, 1);
                assert.ok(findings.every(f => !f.exempted && f.enforcement === "mandatory"));
            });

            it("keeps the findings of a bucket that logs only into itself, or whose only logger is not a bucket of the stack", () => {
                const self = res(BUCKET, "self");
                const intoItself = res(LOGGING, "l", {}, { deps: { bucket: [self], targetBucket: [self] } });
                assert.ok(all(runStack(s3Bucket, [self, aes(self), intoItself]), false));
                const outside = res(LOGGING, "l", { bucket: "someone-elses-bucket" }, { deps: { targetBucket: [self] } });
                assert.ok(all(runStack(s3Bucket, [self, aes(self), outside]), false));
            });

            it("keeps the findings of a log target referenced only through a value unknown at preview", () => {
                const logs = res(BUCKET, "logs");
                const logging = res(LOGGING, "l", { bucket: UNKNOWN, targetBucket: UNKNOWN }, { deps: { bucket: [phi] } });
                const findings = runStack(s3Bucket, [phi, phiSse, logs, aes(logs), logging]).filter(f => f.urn === logs.urn);
                assert.equal(findings.length, 1);
                assert.ok(all(findings, false));
            });

            it("keeps the findings of a log target that is not SSE-S3 exactly: no encryption, an AWS-managed KMS key, SSE-KMS with an unknown key", () => {
                const logs = res(BUCKET, "logs");
                const logging = res(LOGGING, "l", {}, { deps: { bucket: [phi], targetBucket: [logs] } });
                const none = runStack(s3Bucket, [phi, phiSse, logs, logging]).filter(f => f.urn === logs.urn);
                assert.equal(none.length, 1);
                assert.equal(none[0].exempted, false);
                const awsManaged = res(SSE, "s", kmsRule("alias/aws/s3", "aws:kms"), { deps: { bucket: [logs] } });
                assert.ok(all(runStack(s3Bucket, [phi, phiSse, logs, awsManaged, logging]).filter(f => f.urn === logs.urn), false));
                const unknownRules = res(SSE, "s", { rules: UNKNOWN }, { deps: { bucket: [logs] } });
                assert.ok(all(runStack(s3Bucket, [phi, phiSse, logs, unknownRules, logging]).filter(f => f.urn === logs.urn), false));
                const aesWithKey = res(SSE, "s", { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256", kmsMasterKeyId: KEY_ARN } }] }, { deps: { bucket: [logs] } });
                assert.ok(all(runStack(s3Bucket, [phi, phiSse, logs, aesWithKey, logging]).filter(f => f.urn === logs.urn), false));
            });
        });
    });

    describe("aws-enc-rest-cmk-kms-key", () => {
        const KEY = "aws:kms/key:Key";
        it("passes a default symmetric key", () => assert.deepEqual(run(kmsKey, res(KEY, "k", {})), []));
        it("reports an asymmetric or disabled key", () => {
            const findings = run(kmsKey, res(KEY, "k", { customerMasterKeySpec: "RSA_2048", isEnabled: "false" }));
            assert.equal(findings.length, 2);
            assert.match(findings[0].message, /customerMasterKeySpec is "RSA_2048"/);
            assert.match(findings[1].message, /isEnabled is "false"/);
        });
    });

    describe("aws-enc-rest-cmk-emr-security-configuration", () => {
        const TYPE = "aws:emr/securityConfiguration:SecurityConfiguration";
        const config = (s3Mode: string) => JSON.stringify({ EncryptionConfiguration: {
            EnableAtRestEncryption: true,
            AtRestEncryptionConfiguration: {
                S3EncryptionConfiguration: { EncryptionMode: s3Mode, AwsKmsKey: KEY_ARN },
                LocalDiskEncryptionConfiguration: { EncryptionKeyProviderType: "AwsKms", AwsKmsKey: KEY_ARN, EnableEbsEncryption: true },
            },
        } });
        it("passes SSE-KMS and KMS local-disk encryption", () => assert.deepEqual(run(emrSecurityConfiguration, res(TYPE, "sc", { configuration: config("SSE-KMS") })), []));
        it("reports SSE-S3 with the JSON path", () => {
            const [f] = run(emrSecurityConfiguration, res(TYPE, "sc", { configuration: config("SSE-S3") }));
            assert.match(f.message, /S3EncryptionConfiguration\.EncryptionMode is "SSE-S3"/);
        });
        it("reports an empty configuration for every at-rest field", () => {
            assert.equal(run(emrSecurityConfiguration, res(TYPE, "sc", { configuration: "{}" })).length, 6);
        });
        it("reports a configuration unknown at preview as unknown", () => {
            const [f] = run(emrSecurityConfiguration, res(TYPE, "sc", { configuration: UNKNOWN }));
            assert.equal(f.unknown, true);
        });
    });

    describe("resource key properties", () => {
        const cases = [
            { rule: emrCluster, type: "aws:emr/cluster:Cluster", ok: { securityConfiguration: "sc", logEncryptionKmsKeyId: KEY_ARN }, bad: { securityConfiguration: "sc" }, property: /logEncryptionKmsKeyId is unset/ },
            { rule: redshiftCluster, type: "aws:redshift/cluster:Cluster", ok: { encrypted: "true", kmsKeyId: KEY_ARN }, bad: { encrypted: "false", kmsKeyId: KEY_ARN }, property: /encrypted is "false"/ },
            { rule: cloudtrailTrail, type: "aws:cloudtrail/trail:Trail", ok: { kmsKeyId: KEY_ARN }, bad: {}, property: /kmsKeyId is unset/ },
            { rule: logGroup, type: "aws:cloudwatch/logGroup:LogGroup", ok: { kmsKeyId: KEY_ARN }, bad: { kmsKeyId: "" }, property: /kmsKeyId is ""/ },
            { rule: backupVault, type: "aws:backup/vault:Vault", ok: { kmsKeyArn: KEY_ARN }, bad: { kmsKeyArn: "alias/aws/backup" }, property: /kmsKeyArn is "alias\/aws\/backup"/ },
        ];
        for (const c of cases) {
            it(`${c.rule.name}: passes with a customer-managed key and reports the property otherwise`, () => {
                assert.deepEqual(run(c.rule, res(c.type, "r", c.ok)), []);
                const [f] = run(c.rule, res(c.type, "r", c.bad));
                assert.deepEqual(f.controls, ["ENC-REST-CMK"]);
                assert.match(f.message, c.property);
            });
        }
        it("aws-enc-rest-cmk-redshift-cluster accepts encrypted as a boolean", () => {
            assert.deepEqual(run(redshiftCluster, res("aws:redshift/cluster:Cluster", "w", { encrypted: true, kmsKeyId: KEY_ARN })), []);
        });
    });

    describe("aws-enc-rest-cmk-healthimaging-datastore", () => {
        const TYPE = "aws:cloudcontrol/resource:Resource";
        const datastore = (state: unknown) => res(TYPE, "dicom", { typeName: "AWS::HealthImaging::Datastore", desiredState: state });
        it("passes a datastore with KmsKeyArn", () => assert.deepEqual(run(healthImagingDatastore, datastore(JSON.stringify({ KmsKeyArn: KEY_ARN }))), []));
        it("reports a datastore without KmsKeyArn", () => {
            const [f] = run(healthImagingDatastore, datastore(JSON.stringify({ DatastoreName: "d" })));
            assert.match(f.message, /desiredState\.KmsKeyArn is unset/);
        });
        it("does not judge other CloudControl types", () => {
            assert.deepEqual(run(healthImagingDatastore, res(TYPE, "q", { typeName: "AWS::SQS::Queue", desiredState: "{}" })), []);
        });
        it("reports a desiredState unknown at preview as unknown", () => assert.equal(run(healthImagingDatastore, datastore(UNKNOWN))[0].unknown, true));
    });

    describe("aws-enc-rest-cmk-key-tenant (stack, advisory)", () => {
        const KEY = "aws:kms/key:Key";
        const TRAIL = "aws:cloudtrail/trail:Trail";
        it("passes a resource whose key comes from this stack", () => {
            const key = res(KEY, "k");
            const trail = res(TRAIL, "t", { kmsKeyId: UNKNOWN }, { deps: { kmsKeyId: [key] } });
            assert.deepEqual(runStack(keyTenantRule, [key, trail]), []);
        });
        it("reports a key ARN from outside the stack as advisory: its tenant cannot be verified", () => {
            const trail = res(TRAIL, "t", { kmsKeyId: KEY_ARN });
            const [f] = runStack(keyTenantRule, [trail]);
            assert.equal(f.enforcement, "advisory");
            assert.equal(f.urn, trail.urn);
            assert.match(f.message, /kmsKeyId is ".*cannot verify/);
        });
        it("reads every key the rules above judge, an RDS database's too", () => {
            const db = res("aws:rds/instance:Instance", "records", { storageEncrypted: true, kmsKeyId: KEY_ARN });
            assert.equal(runStack(keyTenantRule, [db])[0].urn, db.urn);
        });
        it("looks inside JSON properties (EMR security configuration)", () => {
            const sc = res("aws:emr/securityConfiguration:SecurityConfiguration", "sc", { configuration: JSON.stringify({
                EncryptionConfiguration: { AtRestEncryptionConfiguration: { S3EncryptionConfiguration: { AwsKmsKey: KEY_ARN } } } }) });
            const [f] = runStack(keyTenantRule, [sc]);
            assert.match(f.message, /configuration\.EncryptionConfiguration\.AtRestEncryptionConfiguration\.S3EncryptionConfiguration\.AwsKmsKey/);
        });
    });
    describe("issue 14: encryption set on a bucket outside the stack", () => {
        it("judges an encryption configuration on a bucket read with Bucket.get or named by text, on its own", () => {
            const read = res(SSE, "weaken", { bucket: "existing-phi", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] });
            read.opts.propertyDependencies = { bucket: ["urn:pulumi:test::hospital::aws:s3/bucket:Bucket::existing"] };
            const findings = runStack(s3Bucket, [read, res(SSE_V2, "fine", { bucket: "arn:aws:s3:::other", ...kmsRule() })]);
            assert.ok(findings.length >= 1);
            assert.ok(findings.every(f => f.name === "weaken" && /not an aws\.s3\.Bucket of this stack/.test(f.message)));
        });
    });

    describe("aws-enc-rest-cmk-kms-alias (stack; issue 14)", () => {
        it("passes an alias of a key of this stack (by dependency or keyId); reports one of a key it cannot see", () => {
            const key = res("aws:kms/key:Key", "key", { keyId: "1234abcd-12ab-34cd-56ef-1234567890ab" });
            const A = "aws:kms/alias:Alias";
            const outcomes = stackOutcomesByName(kmsAlias, [key,
                res(A, "by-dep", { name: "alias/phi", targetKeyId: "x" }, { deps: { targetKeyId: [key] } }),
                res(A, "by-id", { name: "alias/phi2", targetKeyId: "1234abcd-12ab-34cd-56ef-1234567890ab" }),
                res(A, "foreign", { name: "alias/phi3", targetKeyId: KEY_ARN.replace("1234abcd", "9999abcd") }),
                res(A, "by-logical-name-of-alias", { name: "alias/x", targetKeyId: "by-id" }),
                res(A, "none", { name: "alias/phi4" }),
                res(A, "unknown", { name: "alias/phi5", targetKeyId: UNKNOWN })]);
            assert.deepEqual(outcomes, { "by-dep": "compliant", "by-id": "compliant", foreign: "violation", "by-logical-name-of-alias": "violation", none: "violation", unknown: "unknown" });
            const [f] = runStack(kmsAlias, [res(A, "foreign", { targetKeyId: "alias/aws/s3" })]);
            assert.deepEqual(f.controls, ["ENC-REST-CMK"]);
            assert.equal(f.enforcement, "mandatory");
        });
    });
});
