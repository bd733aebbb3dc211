import assert from "node:assert/strict";
import { emrCluster, emrSecurityConfiguration, redshiftCluster, s3BucketPolicy } from "../../../policies/aws/enc-transit";
import { UNKNOWN } from "../../../policies/lib/values";
import { res, run, runStack } from "./fixtures";

const BUCKET = "aws:s3/bucket:Bucket";
const POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const tlsOnly = JSON.stringify({ Version: "2012-10-17", Statement: [{
    Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*",
    Resource: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], Condition: { Bool: { "aws:SecureTransport": "false" } },
}] });

describe("aws ENC-TRANSIT", () => {
    describe("aws-enc-transit-s3-bucket-policy (stack)", () => {
        it("passes a bucket whose policy denies insecure transport", () => {
            const bucket = res(BUCKET, "b");
            const policy = res(POLICY, "b-policy", { bucket: UNKNOWN, policy: tlsOnly }, { deps: { bucket: [bucket] } });
            assert.deepEqual(runStack(s3BucketPolicy, [bucket, policy]), []);
        });

        it("accepts the policy as an object and the condition as a boolean", () => {
            const bucket = res(BUCKET, "b", { bucket: "b" });
            // Issue 14: with its Resource (S3 refuses a statement without one, and a Deny on another bucket protects nothing here).
            const doc = { Statement: { Effect: "Deny", Principal: { AWS: ["*"] }, Action: ["s3:*"], Resource: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], Condition: { Bool: { "aws:securetransport": false } } } };
            assert.deepEqual(runStack(s3BucketPolicy, [bucket, res(POLICY, "p", { bucket: "b", policy: doc })]), []);
        });

        it("reports a bucket without any policy, on the bucket", () => {
            const bucket = res(BUCKET, "b");
            const [f] = runStack(s3BucketPolicy, [bucket]);
            assert.equal(f.urn, bucket.urn);
            assert.deepEqual(f.controls, ["ENC-TRANSIT"]);
            assert.match(f.message, /policy is unset; wanted a statement \{Effect: "Deny".*aws:SecureTransport.*No aws:s3\/bucketPolicy/);
        });

        it("reports a policy without the TLS deny, naming the policy resource", () => {
            const bucket = res(BUCKET, "b");
            const allowOnly = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::1:role/r" }, Action: "s3:GetObject" }] });
            const [f] = runStack(s3BucketPolicy, [bucket, res(POLICY, "b-policy", { policy: allowOnly }, { deps: { bucket: [bucket] } })]);
            assert.equal(f.enforcement, "mandatory");
            assert.match(f.message, /policy is ".*b-policy/);
        });

        it("reports a policy unknown at preview as an advisory unknown finding", () => {
            const bucket = res(BUCKET, "b");
            const [f] = runStack(s3BucketPolicy, [bucket, res(POLICY, "p", { policy: UNKNOWN }, { deps: { bucket: [bucket] } })]);
            assert.equal(f.unknown, true);
            assert.equal(f.enforcement, "advisory");
        });
    });

    describe("aws-enc-transit-emr-security-configuration", () => {
        const TYPE = "aws:emr/securityConfiguration:SecurityConfiguration";
        it("passes in-transit encryption with a PEM certificate provider", () => {
            const configuration = JSON.stringify({ EncryptionConfiguration: { EnableInTransitEncryption: true,
                InTransitEncryptionConfiguration: { TLSCertificateConfiguration: { CertificateProviderType: "PEM", S3Object: "s3://b/certs.zip" } } } });
            assert.deepEqual(run(emrSecurityConfiguration, res(TYPE, "sc", { configuration })), []);
        });
        it("reports in-transit encryption turned off", () => {
            const findings = run(emrSecurityConfiguration, res(TYPE, "sc", { configuration: JSON.stringify({ EncryptionConfiguration: { EnableInTransitEncryption: false } }) }));
            assert.equal(findings.length, 2);
            assert.match(findings[0].message, /EnableInTransitEncryption is false; wanted true/);
            assert.deepEqual(findings[0].controls, ["ENC-TRANSIT"]);
        });
    });

    describe("aws-enc-transit-redshift-cluster (stack)", () => {
        const CLUSTER = "aws:redshift/cluster:Cluster";
        const GROUP = "aws:redshift/parameterGroup:ParameterGroup";
        it("passes a cluster whose parameter group requires SSL", () => {
            const group = res(GROUP, "pg", { family: "redshift-1.0", parameters: [{ name: "require_ssl", value: "true" }] });
            const cluster = res(CLUSTER, "w", { clusterParameterGroupName: UNKNOWN }, { deps: { clusterParameterGroupName: [group] } });
            assert.deepEqual(runStack(redshiftCluster, [group, cluster]), []);
        });
        it("joins the parameter group by its name too", () => {
            const group = res(GROUP, "pg", { name: "stmary-pg", parameters: [{ name: "require_ssl", value: true }] });
            assert.deepEqual(runStack(redshiftCluster, [group, res(CLUSTER, "w", { clusterParameterGroupName: "stmary-pg" })]), []);
        });
        it("reports a cluster on the default parameter group", () => {
            const cluster = res(CLUSTER, "w", {});
            const [f] = runStack(redshiftCluster, [cluster]);
            assert.equal(f.urn, cluster.urn);
            assert.match(f.message, /clusterParameterGroupName is unset.*default parameter group applies, which is not in the stack: its require_ssl cannot be verified/);
        });
        it("reports a parameter group with require_ssl false", () => {
            const group = res(GROUP, "pg", { parameters: [{ name: "enable_user_activity_logging", value: "true" }, { name: "require_ssl", value: "false" }] });
            const cluster = res(CLUSTER, "w", {}, { deps: { clusterParameterGroupName: [group] } });
            assert.match(runStack(redshiftCluster, [group, cluster])[0].message, /parameters\[1\]\.value is "false"; wanted "true"/);
        });
    });
    describe("issue 14: TLS-only on buckets outside the stack, and Denies that do not deny", () => {
        it("judges a policy on an undeclared bucket (a name or an ARN) by its content", () => {
            const noDeny = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:role/r" }, Action: "s3:GetObject", Resource: "*" }] });
            const findings = runStack(s3BucketPolicy, [res(POLICY, "by-arn", { bucket: "arn:aws:s3:::elsewhere", policy: noDeny }),
                res(POLICY, "by-name", { bucket: "b", policy: tlsOnly })]);
            assert.deepEqual(findings.map(f => f.name), ["by-arn"]);
            assert.match(findings[0].message, /not an aws\.s3\.Bucket of this stack/);
        });
        it("does not count a lower-case Effect, a Deny narrowed by another condition, or a policy that repeats a Sid", () => {
            const bucket = res(BUCKET, "b", { bucket: "b" });
            const deny = JSON.parse(tlsOnly).Statement[0];
            for (const Statement of [
                [{ ...deny, Effect: "deny" }],
                [{ ...deny, Condition: { ...deny.Condition, StringEquals: { "aws:SourceVpce": "vpce-1" } } }],
                [{ ...deny, Action: "s3:GetObject" }],
                [deny, { Sid: deny.Sid, Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "s3:GetObject", Resource: "*" }],
            ]) {
                const findings = runStack(s3BucketPolicy, [bucket, res(POLICY, "p", { bucket: "b", policy: JSON.stringify({ Statement }) })]);
                assert.equal(findings.length, 1, JSON.stringify(Statement));
            }
        });
        it("does not count a Deny on another bucket, on the bucket without its objects, or with NotResource", () => {
            const deny = JSON.parse(tlsOnly).Statement[0];
            const bucket = res(BUCKET, "b", { bucket: "b" });
            for (const extra of [{ Resource: ["arn:aws:s3:::other", "arn:aws:s3:::other/*"] }, { Resource: "arn:aws:s3:::b" }, { Resource: "arn:aws:s3:::b/public/*" },
                { Resource: undefined }, { Resource: undefined, NotResource: "arn:aws:s3:::b/x" }]) {
                const findings = runStack(s3BucketPolicy, [bucket, res(POLICY, "p", { bucket: "b", policy: JSON.stringify({ Statement: [{ ...deny, ...extra }] }) })]);
                assert.equal(findings.length, 1, JSON.stringify(extra));
            }
            // A generated name (unknown to the program): the bucket's ARN listed with its "/*", or "*".
            const named = res(BUCKET, "gen", {});
            for (const Resource of ["*", ["arn:aws:s3:::gen-123", "arn:aws:s3:::gen-123/*"]]) {
                assert.deepEqual(runStack(s3BucketPolicy, [named, res(POLICY, "p", { bucket: UNKNOWN, policy: JSON.stringify({ Statement: [{ ...deny, Resource }] }) }, { deps: { bucket: [named] } })]), []);
            }
            assert.equal(runStack(s3BucketPolicy, [named, res(POLICY, "p", { bucket: UNKNOWN, policy: JSON.stringify({ Statement: [{ ...deny, Resource: "arn:aws:s3:::gen-123/*" }] }) },
                { deps: { bucket: [named] } })]).length, 1);
        });
        it("does not join a policy to a bucket by the bucket's logical name when the bucket has its own physical name", () => {
            // The program calls the bucket "phi" but names it "stmary-phi": a policy for the bucket "phi" configures another bucket.
            const bucket = res(BUCKET, "phi", { bucket: "stmary-phi" });
            const elsewhere = res(POLICY, "p", { bucket: "phi", policy: JSON.stringify({ Statement: [{ ...JSON.parse(tlsOnly).Statement[0], Resource: "*" }] }) });
            const findings = runStack(s3BucketPolicy, [bucket, elsewhere]);
            assert.deepEqual(findings.map(f => f.name), ["phi"]);
            assert.match(findings[0].message, /No aws:s3\/bucketPolicy refers to this bucket/);
        });
        it("asks each of two policies for one bucket to hold the Deny (S3 keeps one; they overwrite each other)", () => {
            const bucket = res(BUCKET, "b", { bucket: "b" });
            const other = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }] });
            const findings = runStack(s3BucketPolicy, [bucket, res(POLICY, "p1", { bucket: "b", policy: tlsOnly }), res(POLICY, "p2", { bucket: "b", policy: other })]);
            assert.equal(findings.length, 1);
            assert.match(findings[0].message, /"p2"/);
        });
        it("counts the Deny with Action \"s3:?*\" or \"S3:*\"", () => {
            const bucket = res(BUCKET, "b", { bucket: "b" });
            const deny = JSON.parse(tlsOnly).Statement[0];
            for (const Action of ["s3:?*", "S3:*", ["s3:**"]]) {
                assert.deepEqual(runStack(s3BucketPolicy, [bucket, res(POLICY, "p", { bucket: "b", policy: JSON.stringify({ Statement: [{ ...deny, Action }] }) })]), []);
            }
        });
    });
    describe("aws-enc-transit-emr-cluster (stack, issue 14)", () => {
        const CLUSTER = "aws:emr/cluster:Cluster", SC = "aws:emr/securityConfiguration:SecurityConfiguration";
        it("reports a cluster without a security configuration (no encryption in transit), and one naming a configuration not in the stack", () => {
            const findings = runStack(emrCluster, [res(CLUSTER, "none", {}), res(CLUSTER, "blank", { securityConfiguration: " " }), res(CLUSTER, "elsewhere", { securityConfiguration: "other-stack-sc" })]);
            assert.deepEqual(findings.map(f => f.name), ["none", "blank", "elsewhere"]);
            assert.ok(findings.every(f => f.controls[0] === "ENC-TRANSIT"));
            assert.match(findings[0].message, /encrypts nothing in transit/);
            assert.match(findings[2].message, /cannot be verified/);
        });
        it("passes a cluster naming a security configuration of the stack (by dependency or by name), which its own rule judges", () => {
            const sc = res(SC, "sc", { name: "phi-sc", configuration: "{}" });
            assert.deepEqual(runStack(emrCluster, [sc, res(CLUSTER, "c", { securityConfiguration: "phi-sc" })]), []);
            assert.deepEqual(runStack(emrCluster, [sc, res(CLUSTER, "c", { securityConfiguration: UNKNOWN }, { deps: { securityConfiguration: [sc] } })]), []);
        });
    });
});
