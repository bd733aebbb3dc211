import assert from "node:assert/strict";
import {
    emrBlockPublicAccess, redshiftCluster, s3AccountPublicAccessBlock, s3Bucket, s3BucketAcl, s3BucketPolicy, s3ObjectAcl, subnet,
} from "../../../policies/aws/public-access";
import { UNKNOWN } from "../../../policies/lib/values";
import { findingsOf, resource } from "../../support/policies";

const BUCKET = "aws:s3/bucket:Bucket";
const PAB = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const OWNERSHIP = "aws:s3/bucketOwnershipControls:BucketOwnershipControls";
const allBlocked = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };

describe("aws PUBLIC-ACCESS", () => {
    describe("aws-public-access-s3-bucket (stack)", () => {
        it("passes a bucket with a full public access block and owner-enforced ownership", () => {
            const bucket = resource(BUCKET, {}, { name: "b" });
            const deps = { deps: { bucket: [bucket] } };
            assert.deepEqual(findingsOf(s3Bucket, [bucket, resource(PAB, allBlocked, { name: "pab", ...deps }), resource(OWNERSHIP, { rule: { objectOwnership: "BucketOwnerEnforced" } }, { name: "own", ...deps })]), []);
        });
        it("reports a bucket with neither resource, twice, on the bucket", () => {
            const bucket = resource(BUCKET, {}, { name: "b" });
            const findings = findingsOf(s3Bucket, [bucket]);
            assert.equal(findings.length, 2);
            assert.ok(findings.every(f => f.urn === bucket.urn && f.controls[0] === "PUBLIC-ACCESS"));
            assert.match(findings[0].message, /aws:s3\/bucketPublicAccessBlock:BucketPublicAccessBlock is unset/);
            assert.match(findings[1].message, /aws:s3\/bucketOwnershipControls:BucketOwnershipControls is unset/);
            assert.ok(findings.every(f => /S3's default for new buckets since April 2023 is the same/.test(f.message)), "says the finding asks for an explicit setting");
        });
        it("reports each flag turned off, and a flag unknown at preview as unknown", () => {
            const bucket = resource(BUCKET, {}, { name: "b" });
            const deps = { deps: { bucket: [bucket] } };
            const findings = findingsOf(s3Bucket, [bucket, resource(PAB, { ...allBlocked, blockPublicPolicy: "false", restrictPublicBuckets: UNKNOWN }, { name: "pab", ...deps }),
                resource(OWNERSHIP, { rule: { objectOwnership: "ObjectWriter" } }, { name: "own", ...deps })]);
            assert.equal(findings.length, 3);
            assert.match(findings[0].message, /blockPublicPolicy is "false".*"pab"/);
            assert.equal(findings[1].unknown, true);
            assert.match(findings[2].message, /rule\.objectOwnership is "ObjectWriter"/);
        });
    });

    describe("aws-public-access-s3-object-acl", () => {
        it("passes an object without an ACL or with a private one", () => {
            assert.deepEqual(findingsOf(s3ObjectAcl, resource("aws:s3/bucketObject:BucketObject", { bucket: "b", key: "k" }, { name: "o" })), []);
            assert.deepEqual(findingsOf(s3ObjectAcl, resource("aws:s3/bucketObjectv2:BucketObjectv2", { bucket: "b", key: "k", acl: "bucket-owner-full-control" }, { name: "o" })), []);
        });
        it("fails an object uploaded public-read", () => {
            const [f] = findingsOf(s3ObjectAcl, resource("aws:s3/bucketObject:BucketObject", { bucket: "b", key: "index.html", acl: "public-read" }, { name: "index" }));
            assert.deepEqual(f.controls, ["PUBLIC-ACCESS"]);
            assert.match(f.message, /acl is "public-read"/);
        });
    });

    describe("aws-public-access-s3-bucket-acl (stack)", () => {
        it("passes a bucket with a private ACL resource", () => {
            const bucket = resource(BUCKET, {}, { name: "b" });
            assert.deepEqual(findingsOf(s3BucketAcl, [bucket, resource("aws:s3/bucketAcl:BucketAcl", { acl: "private" }, { name: "acl", deps: { bucket: [bucket] } })]), []);
        });
        it("reports a public-read ACL resource (V2 token) on the bucket", () => {
            const bucket = resource(BUCKET, { bucket: "b" }, { name: "b" });
            const [f] = findingsOf(s3BucketAcl, [bucket, resource("aws:s3/bucketAclV2:BucketAclV2", { bucket: "b", acl: "public-read" }, { name: "acl" })]);
            assert.equal(f.urn, bucket.urn);
            assert.match(f.message, /acl is "public-read"/);
        });
        it("reports a grant to AllUsers and the deprecated inline public ACL", () => {
            const bucket = resource(BUCKET, { acl: "public-read-write" }, { name: "b" });
            const grants = [{ grantee: { type: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers" }, permission: "READ" }];
            const findings = findingsOf(s3BucketAcl, [bucket, resource("aws:s3/bucketAcl:BucketAcl", { accessControlPolicy: { grants } }, { name: "acl", deps: { bucket: [bucket] } })]);
            assert.equal(findings.length, 2);
            assert.match(findings[0].message, /accessControlPolicy\.grants\[0\]/);
            assert.match(findings[1].message, /acl is "public-read-write"/);
        });
    });

    describe("aws-public-access-s3-bucket-policy (stack)", () => {
        const POLICY = "aws:s3/bucketPolicy:BucketPolicy";
        it("passes a policy that allows named principals only", () => {
            const bucket = resource(BUCKET, {}, { name: "b" });
            const policy = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::1:role/r" }, Action: "s3:GetObject" }] });
            assert.deepEqual(findingsOf(s3BucketPolicy, [bucket, resource(POLICY, { policy }, { name: "p", deps: { bucket: [bucket] } })]), []);
        });
        it("reports an unconditioned Allow to everyone", () => {
            const bucket = resource(BUCKET, {}, { name: "b" });
            const policy = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject" }] });
            const [f] = findingsOf(s3BucketPolicy, [bucket, resource(POLICY, { policy }, { name: "p", deps: { bucket: [bucket] } })]);
            assert.match(f.message, /policy\.Statement\[0\] is .*wanted no Allow to Principal "\*"/);
        });
    });

    describe("resource rules", () => {
        it("aws-public-access-s3-account-public-access-block: all four flags", () => {
            const TYPE = "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock";
            assert.deepEqual(findingsOf(s3AccountPublicAccessBlock, resource(TYPE, { ...allBlocked, blockPublicAcls: "true" }, { name: "account" })), []);
            const [f] = findingsOf(s3AccountPublicAccessBlock, resource(TYPE, { ...allBlocked, ignorePublicAcls: false }, { name: "account" }));
            assert.match(f.message, /ignorePublicAcls is false; wanted true/);
        });
        it("aws-public-access-redshift-cluster: publiclyAccessible", () => {
            const TYPE = "aws:redshift/cluster:Cluster";
            assert.deepEqual(findingsOf(redshiftCluster, resource(TYPE, {}, { name: "w" })), []);
            assert.match(findingsOf(redshiftCluster, resource(TYPE, { publiclyAccessible: true }, { name: "w" }))[0].message, /publiclyAccessible is true/);
        });
        it("aws-public-access-emr-block-public-access: blockPublicSecurityGroupRules", () => {
            const TYPE = "aws:emr/blockPublicAccessConfiguration:BlockPublicAccessConfiguration";
            assert.deepEqual(findingsOf(emrBlockPublicAccess, resource(TYPE, { blockPublicSecurityGroupRules: true }, { name: "bpa" })), []);
            assert.match(findingsOf(emrBlockPublicAccess, resource(TYPE, { blockPublicSecurityGroupRules: false }, { name: "bpa" }))[0].message, /blockPublicSecurityGroupRules is false/);
        });
        it("aws-public-access-subnet: mapPublicIpOnLaunch", () => {
            const TYPE = "aws:ec2/subnet:Subnet";
            assert.deepEqual(findingsOf(subnet, resource(TYPE, { mapPublicIpOnLaunch: false }, { name: "s" })), []);
            const [f] = findingsOf(subnet, resource(TYPE, { mapPublicIpOnLaunch: "true" }, { name: "s" }));
            assert.match(f.message, /mapPublicIpOnLaunch is "true"; wanted false or unset/);
            assert.equal(findingsOf(subnet, resource(TYPE, { mapPublicIpOnLaunch: UNKNOWN }, { name: "s" }))[0].unknown, true);
        });
    });
    describe("issue 14: buckets outside the stack and the IAM language", () => {
        const POLICY = "aws:s3/bucketPolicy:BucketPolicy";
        const publicDoc = (extra: Record<string, unknown> = {}) => JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::x/*", ...extra }] });
        it("judges a bucket policy whose bucket is not declared: by name, by ARN, or read with Bucket.get (a dependency on a URN not in the stack)", () => {
            const declared = resource(BUCKET, { bucket: "mine" }, { name: "mine" });
            const read = "urn:pulumi:test::hospital::aws:s3/bucket:Bucket::existing";
            const byName = resource(POLICY, { bucket: "someone-elses-bucket", policy: publicDoc() }, { name: "by-name" });
            const byArn = resource(POLICY, { bucket: "arn:aws:s3:::someone-elses-bucket", policy: publicDoc() }, { name: "by-arn" });
            const byGet = resource(POLICY, { bucket: "existing-bucket-id", policy: publicDoc() }, { name: "by-get" });
            byGet.opts.propertyDependencies = { bucket: [read] };
            const findings = findingsOf(s3BucketPolicy, [declared, byName, byArn, byGet]);
            assert.deepEqual(findings.map(f => f.name), ["by-name", "by-arn", "by-get"]);
            assert.ok(findings.every(f => /not an aws\.s3\.Bucket of this stack/.test(f.message) && f.controls[0] === "PUBLIC-ACCESS"), findings.map(f => f.message).join("\n"));
        });
        it("judges an ACL, a public access block and ownership controls on an undeclared bucket by their content", () => {
            const acl = findingsOf(s3BucketAcl, [resource("aws:s3/bucketAclV2:BucketAclV2", { bucket: "arn:aws:s3:::elsewhere", acl: "public-read" }, { name: "acl" })]);
            assert.equal(acl.length, 1);
            assert.match(acl[0].message, /acl is "public-read".*not an aws\.s3\.Bucket of this stack/);
            const blocks = findingsOf(s3Bucket, [resource(PAB, { ...allBlocked, blockPublicPolicy: false, bucket: "elsewhere" }, { name: "pab" }),
                resource(OWNERSHIP, { bucket: "elsewhere", rule: { objectOwnership: "ObjectWriter" } }, { name: "own" })]);
            assert.deepEqual(blocks.map(f => f.name), ["pab", "own"]);
            assert.deepEqual(findingsOf(s3BucketAcl, [resource("aws:s3/bucketAcl:BucketAcl", { bucket: "elsewhere", acl: "private" }, { name: "acl" })]), []);
            for (const uri of ["http://acs.amazonaws.com/groups/global/AllUsers", "https://acs.amazonaws.com/groups/global/allusers/", " http://acs.amazonaws.com/groups/global/AuthenticatedUsers"]) {
                const grants = findingsOf(s3BucketAcl, [resource("aws:s3/bucketAcl:BucketAcl", { bucket: "elsewhere",
                    accessControlPolicy: { owner: { id: "o" }, grants: [{ permission: "READ", grantee: { type: "Group", uri } }] } }, { name: "acl" })]);
                assert.equal(grants.length, 1, uri);
            }
        });
        it("reads NotPrincipal, wildcard principals and conditions that do not limit who acts as public", () => {
            const bucket = resource(BUCKET, { bucket: "b" }, { name: "b" });
            for (const extra of [
                { Principal: undefined, NotPrincipal: { AWS: "arn:aws:iam::123456789012:root" } },
                { Principal: { AWS: ["*"] } },
                { Principal: { AWS: "arn:aws:iam::*:root" } },
                { Effect: "allow" },
                { Condition: { Bool: { "aws:SecureTransport": "true" } } },
                { Condition: { StringLike: { "aws:PrincipalArn": "*" } } },
                { Condition: { IpAddress: { "aws:SourceIp": "0.0.0.0/0" } } },
                { Condition: { Null: { "aws:PrincipalOrgID": "false" } } },
                { Condition: { StringEquals: { "aws:SomethingUnknown": "x" } } },
            ]) {
                const findings = findingsOf(s3BucketPolicy, [bucket, resource(POLICY, { bucket: "b", policy: publicDoc(extra) }, { name: "p" })]);
                assert.equal(findings.length, 1, JSON.stringify(extra));
            }
        });
        it("fails closed on a policy that gives a key twice (JSON keeps the last, AWS may keep the first)", () => {
            const bucket = resource(BUCKET, { bucket: "b" }, { name: "b" });
            const policy = '{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}}]}';
            const findings = findingsOf(s3BucketPolicy, [bucket, resource(POLICY, { bucket: "b", policy }, { name: "p" })]);
            assert.equal(findings.length, 1);
            assert.equal(findings[0].enforcement, "mandatory");
            assert.match(findings[0].message, /Principal is given twice/);
        });
        it("reads a condition value unknown at preview as unknown (judged at `pulumi up`), never a pass", () => {
            const bucket = resource(BUCKET, { bucket: "b" }, { name: "b" });
            for (const policy of [
                { Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*", Condition: { StringEquals: { "aws:SourceVpce": UNKNOWN } } }] },
                JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*",
                    Condition: { StringEquals: { "aws:SourceVpce": "04da6b54-80e4-46f7-96ec-b56ff0331ba9" } } }] }),
            ]) {
                const findings = findingsOf(s3BucketPolicy, [bucket, resource(POLICY, { bucket: "b", policy }, { name: "p" })]);
                assert.equal(findings.length, 1);
                assert.equal(findings[0].unknown, true);
            }
        });
        it("lets conditions that fix who acts, and named principals of any account, pass", () => {
            const bucket = resource(BUCKET, { bucket: "b" }, { name: "b" });
            for (const extra of [
                { Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } } },
                { Condition: { StringEquals: { "aws:SourceVpce": "vpce-1a2b3c4d" } } },
                { Principal: { AWS: "arn:aws:iam::111122223333:root" } },
            ]) {
                assert.deepEqual(findingsOf(s3BucketPolicy, [bucket, resource(POLICY, { bucket: "b", policy: publicDoc(extra) }, { name: "p" })]), [], JSON.stringify(extra));
            }
        });
    });
});
