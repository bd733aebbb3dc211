import assert from "node:assert/strict";
import { emrCluster, emrSecurityConfiguration, redshiftCluster, s3BucketPolicy } from "../../../policies/aws/enc-transit";
import { UNKNOWN } from "../../../policies/lib/values";
import { assertNoFinding, assertOneViolation, findingsOf, resource, stackOutcomesByName } from "../../support/policies";

const BUCKET = "aws:s3/bucket:Bucket";
const POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const tlsOnly = JSON.stringify({ Version: "2012-10-17", Statement: [{
    Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*",
    Resource: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], Condition: { Bool: { "aws:SecureTransport": "false" } },
}] });

describe("aws ENC-TRANSIT", () => {
    describe("aws-enc-transit-s3-bucket-policy (stack)", () => {
        it("passes a bucket whose policy denies insecure transport", () => {
            const bucket = resource(BUCKET, {}, { name: "b" });
            const policy = resource(POLICY, { bucket: UNKNOWN, policy: tlsOnly }, { name: "b-policy", deps: { bucket: [bucket] } });
            assertNoFinding(findingsOf(s3BucketPolicy, [bucket, policy]));
        });

        it("accepts the policy as an object and the condition as a boolean", () => {
            const bucket = resource(BUCKET, { bucket: "b" }, { name: "b" });
            // Issue 14: with its Resource (S3 refuses a statement without one, and a Deny on another bucket protects nothing here).
            const doc = { Statement: { Effect: "Deny", Principal: { AWS: ["*"] }, Action: ["s3:*"], Resource: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], Condition: { Bool: { "aws:securetransport": false } } } };
            assertNoFinding(findingsOf(s3BucketPolicy, [bucket, resource(POLICY, { bucket: "b", policy: doc }, { name: "p" })]));
        });

        it("reports a bucket without any policy, on the bucket", () => {
            const bucket = resource(BUCKET, {}, { name: "b" });
            const [f] = findingsOf(s3BucketPolicy, [bucket]);
            assert.equal(f.urn, bucket.urn);
            assert.deepEqual(f.controls, ["ENC-TRANSIT"]);
            assert.match(f.message, /policy is unset; wanted a statement \{Effect: "Deny".*aws:SecureTransport.*No aws:s3\/bucketPolicy/);
        });

        it("reports a policy without the TLS deny, naming the policy resource", () => {
            const bucket = resource(BUCKET, {}, { name: "b" });
            const allowOnly = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::1:role/r" }, Action: "s3:GetObject" }] });
            const [f] = findingsOf(s3BucketPolicy, [bucket, resource(POLICY, { policy: allowOnly }, { name: "b-policy", deps: { bucket: [bucket] } })]);
            assert.equal(f.enforcement, "mandatory");
            assert.match(f.message, /policy is ".*b-policy/);
        });

        it("reports a policy unknown at preview as an advisory unknown finding", () => {
            const bucket = resource(BUCKET, {}, { name: "b" });
            const [f] = findingsOf(s3BucketPolicy, [bucket, resource(POLICY, { policy: UNKNOWN }, { name: "p", deps: { bucket: [bucket] } })]);
            assert.equal(f.unknown, true);
            assert.equal(f.enforcement, "advisory");
        });
    });

    describe("aws-enc-transit-emr-security-configuration", () => {
        const TYPE = "aws:emr/securityConfiguration:SecurityConfiguration";
        it("passes in-transit encryption with a PEM certificate provider", () => {
            const configuration = JSON.stringify({ EncryptionConfiguration: { EnableInTransitEncryption: true,
                InTransitEncryptionConfiguration: { TLSCertificateConfiguration: { CertificateProviderType: "PEM", S3Object: "s3://b/certs.zip" } } } });
            assertNoFinding(findingsOf(emrSecurityConfiguration, resource(TYPE, { configuration }, { name: "sc" })));
        });
        it("reports in-transit encryption turned off", () => {
            const findings = findingsOf(emrSecurityConfiguration, resource(TYPE, { configuration: JSON.stringify({ EncryptionConfiguration: { EnableInTransitEncryption: false } }) }, { name: "sc" }));
            assert.equal(findings.length, 2);
            assert.match(findings[0].message, /EnableInTransitEncryption is false; wanted true/);
            assert.deepEqual(findings[0].controls, ["ENC-TRANSIT"]);
        });
    });

    describe("aws-enc-transit-redshift-cluster (stack)", () => {
        const CLUSTER = "aws:redshift/cluster:Cluster";
        const GROUP = "aws:redshift/parameterGroup:ParameterGroup";
        it("passes a cluster whose parameter group requires SSL", () => {
            const group = resource(GROUP, { family: "redshift-1.0", parameters: [{ name: "require_ssl", value: "true" }] }, { name: "pg" });
            const cluster = resource(CLUSTER, { clusterParameterGroupName: UNKNOWN }, { name: "w", deps: { clusterParameterGroupName: [group] } });
            assertNoFinding(findingsOf(redshiftCluster, [group, cluster]));
        });
        it("joins the parameter group by its name too", () => {
            const group = resource(GROUP, { name: "stmary-pg", parameters: [{ name: "require_ssl", value: true }] }, { name: "pg" });
            assertNoFinding(findingsOf(redshiftCluster, [group, resource(CLUSTER, { clusterParameterGroupName: "stmary-pg" }, { name: "w" })]));
        });
        it("joins the group by its name in any case, as Redshift reads it, and requires every require_ssl entry of the group to be on", () => {
            const group = resource(GROUP, { name: "stmary-pg", parameters: [{ name: "require_ssl", value: "true" }] }, { name: "pg" });
            assertNoFinding(findingsOf(redshiftCluster, [group, resource(CLUSTER, { clusterParameterGroupName: "StMary-PG" }, { name: "w" })]));
            // The group is judged with the cluster that names it so (partsNamedBy relates it as the rule does).
            assert.deepEqual(stackOutcomesByName(redshiftCluster, [group, resource(CLUSTER, { clusterParameterGroupName: "StMary-PG" }, { name: "w" })]), { w: "compliant", pg: "compliant" });
            const twice = resource(GROUP, { name: "stmary-pg", parameters: [{ name: "require_ssl", value: "true" }, { name: "require_ssl", value: "false" }] }, { name: "pg" });
            assertOneViolation(findingsOf(redshiftCluster, [twice, resource(CLUSTER, { clusterParameterGroupName: "stmary-pg" }, { name: "w" })]), "parameters[1].value");
        });
        it("reports a cluster on the default parameter group", () => {
            const cluster = resource(CLUSTER, {}, { name: "w" });
            const [f] = findingsOf(redshiftCluster, [cluster]);
            assert.equal(f.urn, cluster.urn);
            assert.match(f.message, /clusterParameterGroupName is unset.*default parameter group applies, which is not in the stack: its require_ssl cannot be verified/);
        });
        it("reports a parameter group with require_ssl false", () => {
            const group = resource(GROUP, { parameters: [{ name: "enable_user_activity_logging", value: "true" }, { name: "require_ssl", value: "false" }] }, { name: "pg" });
            const cluster = resource(CLUSTER, {}, { name: "w", deps: { clusterParameterGroupName: [group] } });
            assert.match(findingsOf(redshiftCluster, [group, cluster])[0].message, /parameters\[1\]\.value is "false"; wanted "true"/);
        });
    });
    describe("issue 14: TLS-only on buckets outside the stack, and Denies that do not deny", () => {
        it("judges a policy on an undeclared bucket (a name or an ARN) by its content", () => {
            const noDeny = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:role/r" }, Action: "s3:GetObject", Resource: "*" }] });
            const findings = findingsOf(s3BucketPolicy, [resource(POLICY, { bucket: "arn:aws:s3:::elsewhere", policy: noDeny }, { name: "by-arn" }),
                resource(POLICY, { bucket: "b", policy: tlsOnly }, { name: "by-name" })]);
            assert.deepEqual(findings.map(f => f.name), ["by-arn"]);
            assert.match(findings[0].message, /not an aws\.s3\.Bucket of this stack/);
        });
        it("does not count a lower-case Effect, a Deny narrowed by another condition, or a policy that repeats a Sid", () => {
            const bucket = resource(BUCKET, { bucket: "b" }, { name: "b" });
            const deny = JSON.parse(tlsOnly).Statement[0];
            for (const Statement of [
                [{ ...deny, Effect: "deny" }],
                [{ ...deny, Condition: { ...deny.Condition, StringEquals: { "aws:SourceVpce": "vpce-1" } } }],
                [{ ...deny, Action: "s3:GetObject" }],
                [deny, { Sid: deny.Sid, Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "s3:GetObject", Resource: "*" }],
            ]) {
                const findings = findingsOf(s3BucketPolicy, [bucket, resource(POLICY, { bucket: "b", policy: JSON.stringify({ Statement }) }, { name: "p" })]);
                assert.equal(findings.length, 1, JSON.stringify(Statement));
            }
        });
        it("does not count a Deny on another bucket, on the bucket without its objects, or with NotResource", () => {
            const deny = JSON.parse(tlsOnly).Statement[0];
            const bucket = resource(BUCKET, { bucket: "b" }, { name: "b" });
            for (const extra of [{ Resource: ["arn:aws:s3:::other", "arn:aws:s3:::other/*"] }, { Resource: "arn:aws:s3:::b" }, { Resource: "arn:aws:s3:::b/public/*" },
                { Resource: undefined }, { Resource: undefined, NotResource: "arn:aws:s3:::b/x" }]) {
                const findings = findingsOf(s3BucketPolicy, [bucket, resource(POLICY, { bucket: "b", policy: JSON.stringify({ Statement: [{ ...deny, ...extra }] }) }, { name: "p" })]);
                assert.equal(findings.length, 1, JSON.stringify(extra));
            }
            // A generated name (unknown to the program): the bucket's ARN listed with its "/*", or "*".
            const named = resource(BUCKET, {}, { name: "gen" });
            for (const Resource of ["*", ["arn:aws:s3:::gen-123", "arn:aws:s3:::gen-123/*"]]) {
                assertNoFinding(findingsOf(s3BucketPolicy, [named, resource(POLICY, { bucket: UNKNOWN, policy: JSON.stringify({ Statement: [{ ...deny, Resource }] }) }, { name: "p", deps: { bucket: [named] } })]));
            }
            assert.equal(findingsOf(s3BucketPolicy, [named, resource(POLICY, { bucket: UNKNOWN, policy: JSON.stringify({ Statement: [{ ...deny, Resource: "arn:aws:s3:::gen-123/*" }] }) }, { name: "p", deps: { bucket: [named] } })]).length, 1);
        });
        it("does not join a policy to a bucket by the bucket's logical name when the bucket has its own physical name", () => {
            // The program calls the bucket "phi" but names it "stmary-phi": a policy for the bucket "phi" configures another bucket.
            const bucket = resource(BUCKET, { bucket: "stmary-phi" }, { name: "phi" });
            const elsewhere = resource(POLICY, { bucket: "phi", policy: JSON.stringify({ Statement: [{ ...JSON.parse(tlsOnly).Statement[0], Resource: "*" }] }) }, { name: "p" });
            const findings = findingsOf(s3BucketPolicy, [bucket, elsewhere]);
            assert.deepEqual(findings.map(f => f.name), ["phi"]);
            assert.match(findings[0].message, /No aws:s3\/bucketPolicy refers to this bucket/);
        });
        it("asks each of two policies for one bucket to hold the Deny (S3 keeps one; they overwrite each other)", () => {
            const bucket = resource(BUCKET, { bucket: "b" }, { name: "b" });
            const other = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }] });
            const findings = findingsOf(s3BucketPolicy, [bucket, resource(POLICY, { bucket: "b", policy: tlsOnly }, { name: "p1" }), resource(POLICY, { bucket: "b", policy: other }, { name: "p2" })]);
            assert.equal(findings.length, 1);
            assert.match(findings[0].message, /"p2"/);
        });
        it("counts the Deny with Action \"s3:?*\" or \"S3:*\"", () => {
            const bucket = resource(BUCKET, { bucket: "b" }, { name: "b" });
            const deny = JSON.parse(tlsOnly).Statement[0];
            for (const Action of ["s3:?*", "S3:*", ["s3:**"]]) {
                assertNoFinding(findingsOf(s3BucketPolicy, [bucket, resource(POLICY, { bucket: "b", policy: JSON.stringify({ Statement: [{ ...deny, Action }] }) }, { name: "p" })]));
            }
        });
    });
    describe("aws-enc-transit-emr-cluster (stack, issue 14)", () => {
        const CLUSTER = "aws:emr/cluster:Cluster", SC = "aws:emr/securityConfiguration:SecurityConfiguration";
        it("reports a cluster without a security configuration (no encryption in transit), and one naming a configuration not in the stack", () => {
            const findings = findingsOf(emrCluster, [resource(CLUSTER, {}, { name: "none" }), resource(CLUSTER, { securityConfiguration: " " }, { name: "blank" }), resource(CLUSTER, { securityConfiguration: "other-stack-sc" }, { name: "elsewhere" })]);
            assert.deepEqual(findings.map(f => f.name), ["none", "blank", "elsewhere"]);
            assert.ok(findings.every(f => f.controls[0] === "ENC-TRANSIT"));
            assert.match(findings[0].message, /encrypts nothing in transit/);
            assert.match(findings[2].message, /cannot be verified/);
        });
        it("passes a cluster naming a security configuration of the stack (by dependency or by name), which its own rule judges", () => {
            const sc = resource(SC, { name: "phi-sc", configuration: "{}" }, { name: "sc" });
            assertNoFinding(findingsOf(emrCluster, [sc, resource(CLUSTER, { securityConfiguration: "phi-sc" }, { name: "c" })]));
            assertNoFinding(findingsOf(emrCluster, [sc, resource(CLUSTER, { securityConfiguration: UNKNOWN }, { name: "c", deps: { securityConfiguration: [sc] } })]));
        });
    });
});
