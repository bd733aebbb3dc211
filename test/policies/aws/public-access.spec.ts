import assert from "node:assert/strict";
import {
    emrBlockPublicAccess, redshiftCluster, s3AccountPublicAccessBlock, s3Bucket, s3BucketAcl, s3BucketPolicy, s3ObjectAcl, subnet,
} from "../../../policies/aws/public-access";
import { UNKNOWN } from "../../../policies/lib/values";
import { res, run, runStack } from "./fixtures";

const BUCKET = "aws:s3/bucket:Bucket";
const PAB = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const OWNERSHIP = "aws:s3/bucketOwnershipControls:BucketOwnershipControls";
const allBlocked = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };

describe("aws PUBLIC-ACCESS", () => {
    describe("aws-public-access-s3-bucket (stack)", () => {
        it("passes a bucket with a full public access block and owner-enforced ownership", () => {
            const bucket = res(BUCKET, "b");
            const deps = { deps: { bucket: [bucket] } };
            assert.deepEqual(runStack(s3Bucket, [bucket, res(PAB, "pab", allBlocked, deps), res(OWNERSHIP, "own", { rule: { objectOwnership: "BucketOwnerEnforced" } }, deps)]), []);
        });
        it("reports a bucket with neither resource, twice, on the bucket", () => {
            const bucket = res(BUCKET, "b");
            const findings = runStack(s3Bucket, [bucket]);
            assert.equal(findings.length, 2);
            assert.ok(findings.every(f => f.urn === bucket.urn && f.controls[0] === "PUBLIC-ACCESS"));
            assert.match(findings[0].message, /aws:s3\/bucketPublicAccessBlock:BucketPublicAccessBlock is unset/);
            assert.match(findings[1].message, /aws:s3\/bucketOwnershipControls:BucketOwnershipControls is unset/);
            assert.ok(findings.every(f => /S3's default for new buckets since April 2023 is the same/.test(f.message)), "says the finding asks for an explicit setting");
        });
        it("reports each flag turned off, and a flag unknown at preview as unknown", () => {
            const bucket = res(BUCKET, "b");
            const deps = { deps: { bucket: [bucket] } };
            const findings = runStack(s3Bucket, [bucket, res(PAB, "pab", { ...allBlocked, blockPublicPolicy: "false", restrictPublicBuckets: UNKNOWN }, deps),
                res(OWNERSHIP, "own", { rule: { objectOwnership: "ObjectWriter" } }, deps)]);
            assert.equal(findings.length, 3);
            assert.match(findings[0].message, /blockPublicPolicy is "false".*"pab"/);
            assert.equal(findings[1].unknown, true);
            assert.match(findings[2].message, /rule\.objectOwnership is "ObjectWriter"/);
        });
    });

    describe("aws-public-access-s3-object-acl", () => {
        it("passes an object without an ACL or with a private one", () => {
            assert.deepEqual(run(s3ObjectAcl, res("aws:s3/bucketObject:BucketObject", "o", { bucket: "b", key: "k" })), []);
            assert.deepEqual(run(s3ObjectAcl, res("aws:s3/bucketObjectv2:BucketObjectv2", "o", { bucket: "b", key: "k", acl: "bucket-owner-full-control" })), []);
        });
        it("fails an object uploaded public-read", () => {
            const [f] = run(s3ObjectAcl, res("aws:s3/bucketObject:BucketObject", "index", { bucket: "b", key: "index.html", acl: "public-read" }));
            assert.deepEqual(f.controls, ["PUBLIC-ACCESS"]);
            assert.match(f.message, /acl is "public-read"/);
        });
    });

    describe("aws-public-access-s3-bucket-acl (stack)", () => {
        it("passes a bucket with a private ACL resource", () => {
            const bucket = res(BUCKET, "b");
            assert.deepEqual(runStack(s3BucketAcl, [bucket, res("aws:s3/bucketAcl:BucketAcl", "acl", { acl: "private" }, { deps: { bucket: [bucket] } })]), []);
        });
        it("reports a public-read ACL resource (V2 token) on the bucket", () => {
            const bucket = res(BUCKET, "b", { bucket: "b" });
            const [f] = runStack(s3BucketAcl, [bucket, res("aws:s3/bucketAclV2:BucketAclV2", "acl", { bucket: "b", acl: "public-read" })]);
            assert.equal(f.urn, bucket.urn);
            assert.match(f.message, /acl is "public-read"/);
        });
        it("reports a grant to AllUsers and the deprecated inline public ACL", () => {
            const bucket = res(BUCKET, "b", { acl: "public-read-write" });
            const grants = [{ grantee: { type: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers" }, permission: "READ" }];
            const findings = runStack(s3BucketAcl, [bucket, res("aws:s3/bucketAcl:BucketAcl", "acl", { accessControlPolicy: { grants } }, { deps: { bucket: [bucket] } })]);
            assert.equal(findings.length, 2);
            assert.match(findings[0].message, /accessControlPolicy\.grants\[0\]/);
            assert.match(findings[1].message, /acl is "public-read-write"/);
        });
    });

    describe("aws-public-access-s3-bucket-policy (stack)", () => {
        const POLICY = "aws:s3/bucketPolicy:BucketPolicy";
        it("passes a policy that allows named principals only", () => {
            const bucket = res(BUCKET, "b");
            const policy = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::1:role/r" }, Action: "s3:GetObject" }] });
            assert.deepEqual(runStack(s3BucketPolicy, [bucket, res(POLICY, "p", { policy }, { deps: { bucket: [bucket] } })]), []);
        });
        it("reports an unconditioned Allow to everyone", () => {
            const bucket = res(BUCKET, "b");
            const policy = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject" }] });
            const [f] = runStack(s3BucketPolicy, [bucket, res(POLICY, "p", { policy }, { deps: { bucket: [bucket] } })]);
            assert.match(f.message, /policy\.Statement\[0\] is .*wanted no Allow to Principal "\*"/);
        });
    });

    describe("resource rules", () => {
        it("aws-public-access-s3-account-public-access-block: all four flags", () => {
            const TYPE = "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock";
            assert.deepEqual(run(s3AccountPublicAccessBlock, res(TYPE, "account", { ...allBlocked, blockPublicAcls: "true" })), []);
            const [f] = run(s3AccountPublicAccessBlock, res(TYPE, "account", { ...allBlocked, ignorePublicAcls: false }));
            assert.match(f.message, /ignorePublicAcls is false; wanted true/);
        });
        it("aws-public-access-redshift-cluster: publiclyAccessible", () => {
            const TYPE = "aws:redshift/cluster:Cluster";
            assert.deepEqual(run(redshiftCluster, res(TYPE, "w", {})), []);
            assert.match(run(redshiftCluster, res(TYPE, "w", { publiclyAccessible: true }))[0].message, /publiclyAccessible is true/);
        });
        it("aws-public-access-emr-block-public-access: blockPublicSecurityGroupRules", () => {
            const TYPE = "aws:emr/blockPublicAccessConfiguration:BlockPublicAccessConfiguration";
            assert.deepEqual(run(emrBlockPublicAccess, res(TYPE, "bpa", { blockPublicSecurityGroupRules: true })), []);
            assert.match(run(emrBlockPublicAccess, res(TYPE, "bpa", { blockPublicSecurityGroupRules: false }))[0].message, /blockPublicSecurityGroupRules is false/);
        });
        it("aws-public-access-subnet: mapPublicIpOnLaunch", () => {
            const TYPE = "aws:ec2/subnet:Subnet";
            assert.deepEqual(run(subnet, res(TYPE, "s", { mapPublicIpOnLaunch: false })), []);
            const [f] = run(subnet, res(TYPE, "s", { mapPublicIpOnLaunch: "true" }));
            assert.match(f.message, /mapPublicIpOnLaunch is "true"; wanted false or unset/);
            assert.equal(run(subnet, res(TYPE, "s", { mapPublicIpOnLaunch: UNKNOWN }))[0].unknown, true);
        });
    });
    describe("issue 14: buckets outside the stack and the IAM language", () => {
        const POLICY = "aws:s3/bucketPolicy:BucketPolicy";
        const publicDoc = (extra: Record<string, unknown> = {}) => JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::x/*", ...extra }] });
        it("judges a bucket policy whose bucket is not declared: by name, by ARN, or read with Bucket.get (a dependency on a URN not in the stack)", () => {
            const declared = res(BUCKET, "mine", { bucket: "mine" });
            const read = "urn:pulumi:test::hospital::aws:s3/bucket:Bucket::existing";
            const byName = res(POLICY, "by-name", { bucket: "someone-elses-bucket", policy: publicDoc() });
            const byArn = res(POLICY, "by-arn", { bucket: "arn:aws:s3:::someone-elses-bucket", policy: publicDoc() });
            const byGet = res(POLICY, "by-get", { bucket: "existing-bucket-id", policy: publicDoc() });
            byGet.opts.propertyDependencies = { bucket: [read] };
            const findings = runStack(s3BucketPolicy, [declared, byName, byArn, byGet]);
            assert.deepEqual(findings.map(f => f.name), ["by-name", "by-arn", "by-get"]);
            assert.ok(findings.every(f => /not an aws\.s3\.Bucket of this stack/.test(f.message) && f.controls[0] === "PUBLIC-ACCESS"), findings.map(f => f.message).join("\n"));
        });
        it("judges an ACL, a public access block and ownership controls on an undeclared bucket by their content", () => {
            const acl = runStack(s3BucketAcl, [res("aws:s3/bucketAclV2:BucketAclV2", "acl", { bucket: "arn:aws:s3:::elsewhere", acl: "public-read" })]);
            assert.equal(acl.length, 1);
            assert.match(acl[0].message, /acl is "public-read".*not an aws\.s3\.Bucket of this stack/);
            const blocks = runStack(s3Bucket, [res(PAB, "pab", { ...allBlocked, blockPublicPolicy: false, bucket: "elsewhere" }),
                res(OWNERSHIP, "own", { bucket: "elsewhere", rule: { objectOwnership: "ObjectWriter" } })]);
            assert.deepEqual(blocks.map(f => f.name), ["pab", "own"]);
            assert.deepEqual(runStack(s3BucketAcl, [res("aws:s3/bucketAcl:BucketAcl", "acl", { bucket: "elsewhere", acl: "private" })]), []);
            for (const uri of ["http://acs.amazonaws.com/groups/global/AllUsers", "https://acs.amazonaws.com/groups/global/allusers/", " http://acs.amazonaws.com/groups/global/AuthenticatedUsers"]) {
                const grants = runStack(s3BucketAcl, [res("aws:s3/bucketAcl:BucketAcl", "acl", { bucket: "elsewhere",
                    accessControlPolicy: { owner: { id: "o" }, grants: [{ permission: "READ", grantee: { type: "Group", uri } }] } })]);
                assert.equal(grants.length, 1, uri);
            }
        });
        it("reads NotPrincipal, wildcard principals and conditions that do not limit who acts as public", () => {
            const bucket = res(BUCKET, "b", { bucket: "b" });
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
                const findings = runStack(s3BucketPolicy, [bucket, res(POLICY, "p", { bucket: "b", policy: publicDoc(extra) })]);
                assert.equal(findings.length, 1, JSON.stringify(extra));
            }
        });
        it("fails closed on a policy that gives a key twice (JSON keeps the last, AWS may keep the first)", () => {
            const bucket = res(BUCKET, "b", { bucket: "b" });
            const policy = '{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}}]}';
            const findings = runStack(s3BucketPolicy, [bucket, res(POLICY, "p", { bucket: "b", policy })]);
            assert.equal(findings.length, 1);
            assert.equal(findings[0].enforcement, "mandatory");
            assert.match(findings[0].message, /Principal is given twice/);
        });
        it("reads a condition value unknown at preview as unknown (judged at `pulumi up`), never a pass", () => {
            const bucket = res(BUCKET, "b", { bucket: "b" });
            for (const policy of [
                { Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*", Condition: { StringEquals: { "aws:SourceVpce": UNKNOWN } } }] },
                JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*",
                    Condition: { StringEquals: { "aws:SourceVpce": "04da6b54-80e4-46f7-96ec-b56ff0331ba9" } } }] }),
            ]) {
                const findings = runStack(s3BucketPolicy, [bucket, res(POLICY, "p", { bucket: "b", policy })]);
                assert.equal(findings.length, 1);
                assert.equal(findings[0].unknown, true);
            }
        });
        it("lets conditions that fix who acts, and named principals of any account, pass", () => {
            const bucket = res(BUCKET, "b", { bucket: "b" });
            for (const extra of [
                { Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } } },
                { Condition: { StringEquals: { "aws:SourceVpce": "vpce-1a2b3c4d" } } },
                { Principal: { AWS: "arn:aws:iam::111122223333:root" } },
            ]) {
                assert.deepEqual(runStack(s3BucketPolicy, [bucket, res(POLICY, "p", { bucket: "b", policy: publicDoc(extra) })]), [], JSON.stringify(extra));
            }
        });
    });
});
