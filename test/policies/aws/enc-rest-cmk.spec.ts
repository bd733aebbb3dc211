import assert from "node:assert/strict";
import {
    backupVault, cloudtrailTrail, emrCluster, emrSecurityConfiguration, healthImagingDatastore, keyTenantRule, kmsKey, logGroup,
    redshiftCluster, s3Bucket,
} from "../../../policies/aws/enc-rest-cmk";
import { exemptionTagKey, exemptionTagValue } from "../../../policies/lib/evaluate";
import type { Finding } from "../../../policies/lib/evaluate";
import { UNKNOWN } from "../../../policies/lib/values";
import { kmsAlias } from "../../../policies/aws/enc-rest-cmk";
import { assertNoFinding, findingsOf, resource, stackOutcomesByName } from "../../support/policies";
import { KEY_ARN } from "./baselines";

const BUCKET = "aws:s3/bucket:Bucket";
const SSE = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
const SSE_V2 = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2";

const kmsRule = (keyId: unknown = KEY_ARN, algorithm = "aws:kms", bucketKey: unknown = true) =>
    ({ rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: algorithm, kmsMasterKeyId: keyId }, bucketKeyEnabled: bucketKey }] });

describe("aws ENC-REST-CMK", () => {
    describe("aws-enc-rest-cmk-s3-bucket (stack)", () => {
        it("passes a bucket joined to an SSE-KMS configuration through the bucket property's dependency", () => {
            const bucket = resource(BUCKET, {}, { name: "phi" });
            const sse = resource(SSE, { bucket: UNKNOWN, ...kmsRule() }, { name: "phi-sse", deps: { bucket: [bucket] } });
            assertNoFinding(findingsOf(s3Bucket, [bucket, sse]));
        });

        it("joins the deprecated V2 token by bucket name as well", () => {
            const bucket = resource(BUCKET, { bucket: "stmary-phi" }, { name: "phi" });
            const sse = resource(SSE_V2, { bucket: "stmary-phi", ...kmsRule() }, { name: "phi-sse" });
            assertNoFinding(findingsOf(s3Bucket, [bucket, sse]));
        });

        it("reports a bucket with no encryption configuration on the bucket, naming the missing resource", () => {
            const bucket = resource(BUCKET, {}, { name: "phi" });
            const [f] = findingsOf(s3Bucket, [bucket]);
            assert.equal(f.urn, bucket.urn);
            assert.deepEqual(f.controls, ["ENC-REST-CMK"]);
            assert.equal(f.enforcement, "mandatory");
            assert.match(f.message, /serverSideEncryptionConfiguration is unset.*No aws:s3\/bucketServerSideEncryptionConfiguration/);
        });

        it("reports SSE-S3 and an AWS-managed key on the bucket, naming the configuration resource", () => {
            const bucket = resource(BUCKET, {}, { name: "phi" });
            const sse = resource(SSE, kmsRule("alias/aws/s3", "AES256"), { name: "phi-sse", deps: { bucket: [bucket] } });
            const findings = findingsOf(s3Bucket, [bucket, sse]);
            // One cause, one finding: S3 reads no key without a KMS algorithm; the finding still names the key.
            assert.equal(findings.length, 1);
            assert.ok(findings.every(f => f.urn === bucket.urn));
            assert.match(findings[0].message, /rules\[0\]\.applyServerSideEncryptionByDefault\.sseAlgorithm is "AES256"; wanted "aws:kms" or "aws:kms:dsse", with rules\[0\]\.applyServerSideEncryptionByDefault\.kmsMasterKeyId naming a customer-managed key.*phi-sse/);
            assert.match(findings[0].message, /kmsMasterKeyId is "alias\/aws\/s3", not a customer-managed key/);
            // With a KMS algorithm the key is a cause of its own.
            const kms = resource(SSE, kmsRule("alias/aws/s3", "aws:kms"), { name: "phi-sse", deps: { bucket: [bucket] } });
            const [f] = findingsOf(s3Bucket, [bucket, kms]);
            assert.match(f.message, /kmsMasterKeyId is "alias\/aws\/s3"; wanted/);
            // An unknown algorithm leaves the key judged on its own: an AWS-managed key stays a mandatory finding.
            const unknownAlgorithm = resource(SSE, kmsRule("alias/aws/s3", UNKNOWN as never), { name: "phi-sse", deps: { bucket: [bucket] } });
            assert.ok(findingsOf(s3Bucket, [bucket, unknownAlgorithm]).some(x => x.enforcement === "mandatory" && /alias\/aws\/s3/.test(x.message)));
        });

        it("requires the S3 Bucket Key for SSE-KMS but not for DSSE-KMS", () => {
            const bucket = resource(BUCKET, {}, { name: "phi" });
            const off = resource(SSE, kmsRule(KEY_ARN, "aws:kms", false), { name: "sse", deps: { bucket: [bucket] } });
            assert.match(findingsOf(s3Bucket, [bucket, off])[0].message, /bucketKeyEnabled is false/);
            const dsse = resource(SSE, kmsRule(KEY_ARN, "aws:kms:dsse", undefined), { name: "sse", deps: { bucket: [bucket] } });
            assertNoFinding(findingsOf(s3Bucket, [bucket, dsse]));
        });

        it("judges the deprecated inline serverSideEncryptionConfiguration as present", () => {
            const good = resource(BUCKET, { serverSideEncryptionConfiguration: { rule: kmsRule().rules[0] } }, { name: "inline" });
            assertNoFinding(findingsOf(s3Bucket, [good]));
            const bad = resource(BUCKET, { serverSideEncryptionConfiguration: { rule: kmsRule("alias/aws/s3", "AES256").rules[0] } }, { name: "inline" });
            assert.equal(findingsOf(s3Bucket, [bad]).length, 1);
        });

        it("reports a key unknown at preview as an advisory unknown finding", () => {
            const bucket = resource(BUCKET, {}, { name: "phi" });
            const sse = resource(SSE, kmsRule(UNKNOWN), { name: "sse", deps: { bucket: [bucket] } });
            const [f] = findingsOf(s3Bucket, [bucket, sse]);
            assert.equal(f.enforcement, "advisory");
            assert.equal(f.unknown, true);
        });

        it("never lets an exemption tag on a bucket through, in the old or the new form, on its tags or its provider's", () => {
            const key = exemptionTagKey("ENC-REST-CMK");
            for (const value of ["public reference data", "S3 server access logs can only be delivered to SSE-S3", exemptionTagValue(new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10), "log-target")]) {
                for (const bucket of [resource(BUCKET, { tags: { [key]: value } }, { name: "phi" }), resource(BUCKET, { tagsAll: { [key]: value } }, { name: "phi" }),
                    resource(BUCKET, {}, { name: "phi", provider: { defaultTags: { tags: { [key]: value } } } })]) {
                    const [f] = findingsOf(s3Bucket, [bucket]);
                    assert.equal(f.exempted, false, value);
                    assert.equal(f.enforcement, "mandatory");
                }
            }
        });

        describe("the S3 server-access-log target (SSE-S3 only: not applicable, with the reason)", () => {
            const LOGGING = "aws:s3/bucketLogging:BucketLogging";
            const aes = (bucket: ReturnType<typeof resource>, name = "logs-sse") =>
                resource(SSE, { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] }, { name: name, deps: { bucket: [bucket] } });
            const phi = resource(BUCKET, {}, { name: "phi" });
            const phiSse = resource(SSE, kmsRule(), { name: "phi-sse", deps: { bucket: [phi] } });
            /** Every finding is (or none is) exempted, and there is at least one. */
            /** Every finding is (or none is) exempted, and there is at least one. */
            const all = (findings: Finding[], exempted: boolean) => findings.length > 0 && findings.every(f => f.exempted === exempted);

            it("lets off a bucket that receives another bucket's access logs and holds SSE-S3, as exempted with the reason", () => {
                const logs = resource(BUCKET, {}, { name: "logs" });
                const logging = resource(LOGGING, { bucket: UNKNOWN, targetBucket: UNKNOWN }, { name: "phi-logging", deps: { bucket: [phi], targetBucket: [logs] } });
                const findings = findingsOf(s3Bucket, [phi, phiSse, logs, aes(logs), logging]);
                assert.ok(findings.length > 0);
                for (const f of findings) {
                    assert.equal(f.urn, logs.urn);
                    assert.equal(f.exempted, true);
                    assert.match(String(f.reason), /^not applicable: S3 delivers server access logs only to a bucket whose default encryption is SSE-S3.*receives the server access logs of "phi"\.$/);
                }
            });

            it("finds the log target by name (V2 token) and through another bucket's inline logging", () => {
                const logs = resource(BUCKET, { bucket: "stmary-logs" }, { name: "logs" });
                const byName = resource("aws:s3/bucketLoggingV2:BucketLoggingV2", { bucket: "stmary-phi", targetBucket: "stmary-logs" }, { name: "l" });
                const named = resource(BUCKET, { bucket: "stmary-phi" }, { name: "phi" });
                assert.ok(all(findingsOf(s3Bucket, [named, resource(SSE, { bucket: "stmary-phi", ...kmsRule() }, { name: "s" }), logs, aes(logs), byName]), true));
                const inline = resource(BUCKET, { logging: { targetBucket: "stmary-logs" } }, { name: "phi" });
                assert.ok(all(findingsOf(s3Bucket, [inline, resource(SSE, kmsRule(), { name: "s", deps: { bucket: [inline] } }), logs, aes(logs)]), true));
            });

            it("keeps the findings of a PHI bucket that copies the log target's old tag and SSE-S3 but receives no access logs", () => {
                const copy = resource(BUCKET, { tags: { [exemptionTagKey("ENC-REST-CMK")]: "S3 server access logs can only be delivered to a bucket whose default encryption is SSE-S3" } }, { name: "phi-copy" });
                const logs = resource(BUCKET, {}, { name: "logs" });
                const logging = resource(LOGGING, {}, { name: "phi-logging", deps: { bucket: [copy], targetBucket: [logs] } });
                const findings = findingsOf(s3Bucket, [copy, aes(copy, "copy-sse"), logs, aes(logs), logging]).filter(f => f.urn === copy.urn);
                assert.equal(findings.length, 1);
                assert.ok(findings.every(f => !f.exempted && f.enforcement === "mandatory"));
            });

            it("keeps the findings of a bucket that logs only into itself, or whose only logger is not a bucket of the stack", () => {
                const self = resource(BUCKET, {}, { name: "self" });
                const intoItself = resource(LOGGING, {}, { name: "l", deps: { bucket: [self], targetBucket: [self] } });
                assert.ok(all(findingsOf(s3Bucket, [self, aes(self), intoItself]), false));
                const outside = resource(LOGGING, { bucket: "someone-elses-bucket" }, { name: "l", deps: { targetBucket: [self] } });
                assert.ok(all(findingsOf(s3Bucket, [self, aes(self), outside]), false));
            });

            it("keeps the findings of a log target referenced only through a value unknown at preview", () => {
                const logs = resource(BUCKET, {}, { name: "logs" });
                const logging = resource(LOGGING, { bucket: UNKNOWN, targetBucket: UNKNOWN }, { name: "l", deps: { bucket: [phi] } });
                const findings = findingsOf(s3Bucket, [phi, phiSse, logs, aes(logs), logging]).filter(f => f.urn === logs.urn);
                assert.equal(findings.length, 1);
                assert.ok(all(findings, false));
            });

            it("keeps the findings of a log target that is not SSE-S3 exactly: no encryption, an AWS-managed KMS key, SSE-KMS with an unknown key", () => {
                const logs = resource(BUCKET, {}, { name: "logs" });
                const logging = resource(LOGGING, {}, { name: "l", deps: { bucket: [phi], targetBucket: [logs] } });
                const none = findingsOf(s3Bucket, [phi, phiSse, logs, logging]).filter(f => f.urn === logs.urn);
                assert.equal(none.length, 1);
                assert.equal(none[0].exempted, false);
                const awsManaged = resource(SSE, kmsRule("alias/aws/s3", "aws:kms"), { name: "s", deps: { bucket: [logs] } });
                assert.ok(all(findingsOf(s3Bucket, [phi, phiSse, logs, awsManaged, logging]).filter(f => f.urn === logs.urn), false));
                const unknownRules = resource(SSE, { rules: UNKNOWN }, { name: "s", deps: { bucket: [logs] } });
                assert.ok(all(findingsOf(s3Bucket, [phi, phiSse, logs, unknownRules, logging]).filter(f => f.urn === logs.urn), false));
                const aesWithKey = resource(SSE, { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256", kmsMasterKeyId: KEY_ARN } }] }, { name: "s", deps: { bucket: [logs] } });
                assert.ok(all(findingsOf(s3Bucket, [phi, phiSse, logs, aesWithKey, logging]).filter(f => f.urn === logs.urn), false));
            });
        });
    });

    describe("aws-enc-rest-cmk-kms-key", () => {
        const KEY = "aws:kms/key:Key";
        it("passes a default symmetric key", () => assertNoFinding(findingsOf(kmsKey, resource(KEY, {}, { name: "k" }))));
        it("reports an asymmetric or disabled key", () => {
            const findings = findingsOf(kmsKey, resource(KEY, { customerMasterKeySpec: "RSA_2048", isEnabled: "false" }, { name: "k" }));
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
        it("passes SSE-KMS and KMS local-disk encryption", () => assertNoFinding(findingsOf(emrSecurityConfiguration, resource(TYPE, { configuration: config("SSE-KMS") }, { name: "sc" }))));
        it("reports SSE-S3 with the JSON path", () => {
            const [f] = findingsOf(emrSecurityConfiguration, resource(TYPE, { configuration: config("SSE-S3") }, { name: "sc" }));
            assert.match(f.message, /S3EncryptionConfiguration\.EncryptionMode is "SSE-S3"/);
        });
        it("reports an empty configuration for every at-rest field", () => {
            assert.equal(findingsOf(emrSecurityConfiguration, resource(TYPE, { configuration: "{}" }, { name: "sc" })).length, 6);
        });
        it("reports a configuration unknown at preview as unknown", () => {
            const [f] = findingsOf(emrSecurityConfiguration, resource(TYPE, { configuration: UNKNOWN }, { name: "sc" }));
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
                assertNoFinding(findingsOf(c.rule, resource(c.type, c.ok, { name: "r" })));
                const [f] = findingsOf(c.rule, resource(c.type, c.bad, { name: "r" }));
                assert.deepEqual(f.controls, ["ENC-REST-CMK"]);
                assert.match(f.message, c.property);
            });
        }
        it("aws-enc-rest-cmk-redshift-cluster accepts encrypted as a boolean", () => {
            assertNoFinding(findingsOf(redshiftCluster, resource("aws:redshift/cluster:Cluster", { encrypted: true, kmsKeyId: KEY_ARN }, { name: "w" })));
        });
    });

    describe("aws-enc-rest-cmk-healthimaging-datastore", () => {
        const TYPE = "aws:cloudcontrol/resource:Resource";
        const datastore = (state: unknown) => resource(TYPE, { typeName: "AWS::HealthImaging::Datastore", desiredState: state }, { name: "dicom" });
        it("passes a datastore with KmsKeyArn", () => assertNoFinding(findingsOf(healthImagingDatastore, datastore(JSON.stringify({ KmsKeyArn: KEY_ARN })))));
        it("reports a datastore without KmsKeyArn", () => {
            const [f] = findingsOf(healthImagingDatastore, datastore(JSON.stringify({ DatastoreName: "d" })));
            assert.match(f.message, /desiredState\.KmsKeyArn is unset/);
        });
        it("does not judge other CloudControl types", () => {
            assertNoFinding(findingsOf(healthImagingDatastore, resource(TYPE, { typeName: "AWS::SQS::Queue", desiredState: "{}" }, { name: "q" })));
        });
        it("reports a desiredState unknown at preview as unknown", () => assert.equal(findingsOf(healthImagingDatastore, datastore(UNKNOWN))[0].unknown, true));
    });

    describe("aws-enc-rest-cmk-key-tenant (stack, advisory)", () => {
        const KEY = "aws:kms/key:Key";
        const TRAIL = "aws:cloudtrail/trail:Trail";
        it("passes a resource whose key comes from this stack", () => {
            const key = resource(KEY, {}, { name: "k" });
            const trail = resource(TRAIL, { kmsKeyId: UNKNOWN }, { name: "t", deps: { kmsKeyId: [key] } });
            assertNoFinding(findingsOf(keyTenantRule, [key, trail]));
        });
        it("reports a key ARN from outside the stack as advisory: its tenant cannot be verified", () => {
            const trail = resource(TRAIL, { kmsKeyId: KEY_ARN }, { name: "t" });
            const [f] = findingsOf(keyTenantRule, [trail]);
            assert.equal(f.enforcement, "advisory");
            assert.equal(f.urn, trail.urn);
            assert.match(f.message, /kmsKeyId is ".*cannot verify/);
        });
        it("reads every key the rules above judge, an RDS database's too", () => {
            const db = resource("aws:rds/instance:Instance", { storageEncrypted: true, kmsKeyId: KEY_ARN }, { name: "records" });
            assert.equal(findingsOf(keyTenantRule, [db])[0].urn, db.urn);
        });
        it("looks inside JSON properties (EMR security configuration)", () => {
            const sc = resource("aws:emr/securityConfiguration:SecurityConfiguration", { configuration: JSON.stringify({
                EncryptionConfiguration: { AtRestEncryptionConfiguration: { S3EncryptionConfiguration: { AwsKmsKey: KEY_ARN } } } }) }, { name: "sc" });
            const [f] = findingsOf(keyTenantRule, [sc]);
            assert.match(f.message, /configuration\.EncryptionConfiguration\.AtRestEncryptionConfiguration\.S3EncryptionConfiguration\.AwsKmsKey/);
        });
    });
    describe("issue 14: encryption set on a bucket outside the stack", () => {
        it("judges an encryption configuration on a bucket read with Bucket.get or named by text, on its own", () => {
            const read = resource(SSE, { bucket: "existing-phi", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] }, { name: "weaken" });
            read.opts.propertyDependencies = { bucket: ["urn:pulumi:test::hospital::aws:s3/bucket:Bucket::existing"] };
            const findings = findingsOf(s3Bucket, [read, resource(SSE_V2, { bucket: "arn:aws:s3:::other", ...kmsRule() }, { name: "fine" })]);
            assert.ok(findings.length >= 1);
            assert.ok(findings.every(f => f.name === "weaken" && /not an aws\.s3\.Bucket of this stack/.test(f.message)));
        });
    });

    describe("aws-enc-rest-cmk-kms-alias (stack; issue 14)", () => {
        it("passes an alias of a key of this stack (by dependency or keyId); reports one of a key it cannot see", () => {
            const key = resource("aws:kms/key:Key", { keyId: "1234abcd-12ab-34cd-56ef-1234567890ab" }, { name: "key" });
            const A = "aws:kms/alias:Alias";
            const outcomes = stackOutcomesByName(kmsAlias, [key,
                resource(A, { name: "alias/phi", targetKeyId: UNKNOWN }, { name: "by-dep", deps: { targetKeyId: [key] } }),
                resource(A, { name: "alias/phi2", targetKeyId: "1234abcd-12ab-34cd-56ef-1234567890ab" }, { name: "by-id" }),
                resource(A, { name: "alias/phi3", targetKeyId: KEY_ARN.replace("1234abcd", "9999abcd") }, { name: "foreign" }),
                resource(A, { name: "alias/x", targetKeyId: "by-id" }, { name: "by-logical-name-of-alias" }),
                resource(A, { name: "alias/phi4" }, { name: "none" }),
                resource(A, { name: "alias/phi5", targetKeyId: UNKNOWN }, { name: "unknown" })]);
            assert.deepEqual(outcomes, { "by-dep": "compliant", "by-id": "compliant", foreign: "violation", "by-logical-name-of-alias": "violation", none: "violation", unknown: "unknown" });
            const [f] = findingsOf(kmsAlias, [resource(A, { targetKeyId: "alias/aws/s3" }, { name: "foreign" })]);
            assert.deepEqual(f.controls, ["ENC-REST-CMK"]);
            assert.equal(f.enforcement, "mandatory");
        });
    });
});
