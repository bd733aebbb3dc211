import assert from "node:assert/strict";
import { iamInlinePolicy, iamPolicy, iamRole, kmsKeyPolicy, managedPolicyAttachment } from "../../../policies/aws/least-privilege";
import { UNKNOWN } from "../../../policies/lib/values";
import { ec2Tag, instanceProfile } from "../../../policies/aws/least-privilege";
import { assertNoFinding, findingsOf, resource, stackOutcomesByName } from "../../support/policies";

const doc = (...Statement: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const scoped = { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: "arn:aws:s3:::stmary-phi/*" };

describe("aws LEAST-PRIVILEGE", () => {
    describe("aws-least-privilege-iam-policy", () => {
        const TYPE = "aws:iam/policy:Policy";
        it("passes named actions on named resources, as JSON text or an object", () => {
            assertNoFinding(findingsOf(iamPolicy, resource(TYPE, { policy: doc(scoped) }, { name: "p" })));
            assertNoFinding(findingsOf(iamPolicy, resource(TYPE, { policy: { Version: "2012-10-17", Statement: [scoped] } }, { name: "p" })));
        });
        it("reports admin access, a service wildcard and kms:Decrypt on every key", () => {
            const findings = findingsOf(iamPolicy, resource(TYPE, { policy: doc(
                { Effect: "Allow", Action: "*", Resource: "*" },
                { Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::b/*" },
                { Effect: "Allow", Action: ["kms:Decrypt"], Resource: "*" },
                { Effect: "Deny", Action: "*", Resource: "*" },
            ) }, { name: "p" }));
            assert.equal(findings.length, 3);
            assert.deepEqual(findings[0].controls, ["LEAST-PRIVILEGE"]);
            assert.match(findings[0].message, /policy\.Statement\[0\].*administrator access/);
            assert.match(findings[1].message, /policy\.Statement\[1\].*full access to a service \(s3:\*\)/);
            assert.match(findings[2].message, /policy\.Statement\[2\].*kms:decrypt on every key/);
        });
        it("reports a policy unknown at preview as unknown", () => assert.equal(findingsOf(iamPolicy, resource(TYPE, { policy: UNKNOWN }, { name: "p" }))[0].unknown, true));
    });

    describe("aws-least-privilege-iam-inline-policy", () => {
        it("reports every role policy as inline, and its over-broad statements too", () => {
            const [inline] = findingsOf(iamInlinePolicy, resource("aws:iam/rolePolicy:RolePolicy", { role: "r", policy: doc(scoped) }, { name: "rp" }));
            assert.match(inline.message, /policy is "an inline policy"; wanted a managed aws\.iam\.Policy/);
            assert.equal(findingsOf(iamInlinePolicy, resource("aws:iam/userPolicy:UserPolicy", { user: "u", policy: doc({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }) }, { name: "up" })).length, 2);
        });
    });

    describe("aws-least-privilege-managed-policy", () => {
        it("passes a scoped AWS-managed policy and the hospital's own policy, attached or on the role", () => {
            assertNoFinding(findingsOf(managedPolicyAttachment, resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", { role: "r", policyArn: "arn:aws:iam::aws:policy/service-role/AmazonEMRServicePolicy_v2" }, { name: "a" })));
            assertNoFinding(findingsOf(managedPolicyAttachment, resource("aws:iam/role:Role", { assumeRolePolicy: "{}", managedPolicyArns: ["arn:aws:iam::123456789012:policy/FullAccessToNothing", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"] }, { name: "r" })));
            assertNoFinding(findingsOf(managedPolicyAttachment, resource("aws:iam/role:Role", { assumeRolePolicy: "{}" }, { name: "r" })));
        });
        it("fails AdministratorAccess, PowerUserAccess and a *FullAccess policy, attached or on the role, in any partition", () => {
            const [attached] = findingsOf(managedPolicyAttachment, resource("aws:iam/userPolicyAttachment:UserPolicyAttachment", { user: "u", policyArn: "arn:aws:iam::aws:policy/AmazonS3FullAccess" }, { name: "a" }));
            assert.deepEqual(attached.controls, ["LEAST-PRIVILEGE"]);
            assert.match(attached.message, /policyArn is "arn:aws:iam::aws:policy\/AmazonS3FullAccess"/);
            const onRole = findingsOf(managedPolicyAttachment, resource("aws:iam/role:Role", { assumeRolePolicy: "{}", managedPolicyArns: [
                "arn:aws:iam::aws:policy/AdministratorAccess", "arn:aws-us-gov:iam::aws:policy/PowerUserAccess", "arn:aws:iam::aws:policy/AWSLambda_FullAccess"] }, { name: "r" }));
            assert.deepEqual(onRole.map(f => /managedPolicyArns\[\d\]/.exec(f.message)?.[0]), ["managedPolicyArns[0]", "managedPolicyArns[1]", "managedPolicyArns[2]"]);
        });
        it("reports a policy ARN unknown at preview as unknown", () =>
            assert.equal(findingsOf(managedPolicyAttachment, resource("aws:iam/groupPolicyAttachment:GroupPolicyAttachment", { group: "g", policyArn: UNKNOWN }, { name: "a" }))[0].unknown, true));
    });

    describe("aws-least-privilege-iam-role", () => {
        const TYPE = "aws:iam/role:Role";
        const trust = doc({ Effect: "Allow", Principal: { Service: "elasticmapreduce.amazonaws.com" }, Action: "sts:AssumeRole" });
        it("passes a service role with managed policies (and the empty inline entry that removes inline policies)", () => {
            assertNoFinding(findingsOf(iamRole, resource(TYPE, { assumeRolePolicy: trust, inlinePolicies: [{}] }, { name: "r" })));
        });
        it("reports an inline policy and a trust policy open to everyone", () => {
            const findings = findingsOf(iamRole, resource(TYPE, {
                assumeRolePolicy: doc({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }),
                inlinePolicies: [{ name: "extra", policy: doc(scoped) }],
            }, { name: "r" }));
            assert.match(findings[0].message, /inlinePolicies\[0\] is "extra"/);
            assert.match(findings[1].message, /assumeRolePolicy\.Statement\[0\]/);
        });
    });

    describe("aws-least-privilege-kms-key-policy", () => {
        it("passes the account-root statement and a conditioned statement to everyone", () => {
            const policy = doc(
                { Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "kms:*", Resource: "*" },
                { Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:Decrypt", Resource: "*", Condition: { StringEquals: { "kms:CallerAccount": "123456789012" } } },
            );
            assertNoFinding(findingsOf(kmsKeyPolicy, resource("aws:kms/key:Key", { policy }, { name: "k" })));
        });
        it("reports an unconditioned Principal \"*\" and the lockout safety bypass", () => {
            const findings = findingsOf(kmsKeyPolicy, resource("aws:kms/keyPolicy:KeyPolicy", {
                keyId: "k", bypassPolicyLockoutSafetyCheck: true, policy: doc({ Effect: "Allow", Principal: "*", Action: "kms:*", Resource: "*" }),
            }, { name: "kp" }));
            assert.match(findings[0].message, /bypassPolicyLockoutSafetyCheck is true/);
            assert.match(findings[1].message, /policy\.Statement\[0\]/);
        });
    });
    describe("issue 14: IAM wildcards, principals and conditions as IAM reads them", () => {
        const TYPE = "aws:iam/policy:Policy";
        it("reports every spelling of a whole service, partial wildcards that reach privilege escalation, and kms:Decrypt* on every key", () => {
            for (const st of [
                { Effect: "Allow", Action: "iam:**", Resource: "arn:aws:iam::123456789012:role/x" },
                { Effect: "Allow", Action: "s3:?*", Resource: "arn:aws:s3:::b/*" },
                { Effect: "Allow", Action: "S3:*", Resource: "arn:aws:s3:::b/*" },
                { Effect: "Allow", Action: ["iam:*Role*"], Resource: "*" },
                { Effect: "Allow", Action: "kms:Decrypt*", Resource: "*" },
                { Effect: "Allow", Action: "kms:Decrypt", Resource: "arn:aws:kms:*:*:key/*" },
                { Effect: "Allow", Action: "kms:ReEncrypt*", Resource: "arn:aws:kms:us-east-1:123456789012:key/*" },
                { Effect: "Allow", Action: "kms:Decrypt", NotResource: "arn:aws:kms:us-east-1:123456789012:key/abc" },
                { Effect: "allow", Action: "*", Resource: "*" },
                { Effect: "Allow", Action: "iam:PassRole", Resource: "*" },
                { Effect: "Allow", Action: ["s3:GetObject", "iam:PassRole"], NotResource: "arn:aws:iam::123456789012:role/admin" },
            ]) {
                assert.equal(findingsOf(iamPolicy, resource(TYPE, { policy: doc(st) }, { name: "p" })).length, 1, JSON.stringify(st));
            }
        });
        it("passes named actions, a named iam:PassRole and kms:Decrypt on one key", () => {
            for (const st of [
                { Effect: "Allow", Action: "iam:PassRole", Resource: "arn:aws:iam::123456789012:role/nodes" },
                { Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey*"], Resource: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" },
                { Effect: "Allow", Action: "s3:Get*", Resource: "arn:aws:s3:::b/*" },
            ]) {
                assert.deepEqual(findingsOf(iamPolicy, resource(TYPE, { policy: doc(st) }, { name: "p" })), [], JSON.stringify(st));
            }
        });
        it("reports a trust or key policy open through NotPrincipal, a wildcard principal or a condition that limits nobody", () => {
            for (const st of [
                { Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "sts:AssumeRole" },
                { Effect: "Allow", Principal: { AWS: "arn:aws:iam::*:root" }, Action: "sts:AssumeRole" },
                { Effect: "Allow", Principal: "*", Action: "sts:AssumeRole", Condition: { Bool: { "aws:SecureTransport": "true" } } },
                { Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole", Condition: { StringLike: { "aws:PrincipalArn": "*" } } },
            ]) {
                assert.equal(findingsOf(iamRole, resource("aws:iam/role:Role", { assumeRolePolicy: doc(st) }, { name: "r" })).length, 1, JSON.stringify(st));
                assert.equal(findingsOf(kmsKeyPolicy, resource("aws:kms/key:Key", { policy: doc({ ...st, Action: "kms:*", Resource: "*" }) }, { name: "k" })).length, 1, JSON.stringify(st));
            }
        });
    });
    describe("issue 14: web-identity trust held to one subject", () => {
        const GITHUB = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
        const trust = (Condition?: Record<string, unknown>, Federated: unknown = GITHUB) =>
            doc({ Effect: "Allow", Principal: { Federated }, Action: "sts:AssumeRoleWithWebIdentity", ...(Condition ? { Condition } : {}) });
        it("reports a GitHub OIDC trust without a fixed sub (any repository could assume the role)", () => {
            for (const c of [undefined, { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } },
                { StringLike: { "token.actions.githubusercontent.com:sub": "repo:*" } }, { StringLike: { "token.actions.githubusercontent.com:sub": "*" } },
                { StringNotEquals: { "token.actions.githubusercontent.com:sub": "repo:octo/x:ref:refs/heads/main" } }]) {
                assert.equal(findingsOf(iamRole, resource("aws:iam/role:Role", { assumeRolePolicy: trust(c) }, { name: "r" })).length, 1, JSON.stringify(c));
            }
            assert.equal(findingsOf(iamRole, resource("aws:iam/role:Role", { assumeRolePolicy: trust(undefined, "cognito-identity.amazonaws.com") }, { name: "r" })).length, 1);
        });
        it("passes a trust held to a repository, a Cognito pool, or a SAML provider", () => {
            for (const [c, fed] of [
                [{ StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" }, StringLike: { "token.actions.githubusercontent.com:sub": "repo:octo-org/phi-etl:*" } }, GITHUB],
                [{ StringEquals: { "cognito-identity.amazonaws.com:aud": "us-east-1:12345678-abcd" } }, "cognito-identity.amazonaws.com"],
            ] as const) {
                assert.deepEqual(findingsOf(iamRole, resource("aws:iam/role:Role", { assumeRolePolicy: trust(c as Record<string, unknown>, fed) }, { name: "r" })), [], JSON.stringify(c));
            }
            const saml = doc({ Effect: "Allow", Principal: { Federated: "arn:aws:iam::123456789012:saml-provider/okta" }, Action: "sts:AssumeRoleWithSAML" });
            assertNoFinding(findingsOf(iamRole, resource("aws:iam/role:Role", { assumeRolePolicy: saml }, { name: "r" })));
        });
    });

    describe("aws-least-privilege-instance-profile (stack; issue 14)", () => {
        it("passes a profile of a role of this stack, or of none; reports a role it cannot see", () => {
            const role = resource("aws:iam/role:Role", { name: "stmary-nodes" }, { name: "nodes" });
            const P = "aws:iam/instanceProfile:InstanceProfile";
            const outcomes = stackOutcomesByName(instanceProfile, [role,
                resource(P, { role: UNKNOWN }, { name: "by-dep", deps: { role: [role] } }), resource(P, { role: "stmary-nodes" }, { name: "by-name" }), resource(P, {}, { name: "empty" }),
                resource(P, { role: "AdministratorRole" }, { name: "foreign" }), resource(P, { role: 42 }, { name: "number" }), resource(P, { role: UNKNOWN }, { name: "unknown" })]);
            assert.deepEqual(outcomes, { "by-dep": "compliant", "by-name": "compliant", empty: "compliant", foreign: "violation", number: "violation", unknown: "unknown" });
            const [f] = findingsOf(instanceProfile, [resource(P, { role: "AdministratorRole" }, { name: "foreign" })]);
            assert.deepEqual(f.controls, ["LEAST-PRIVILEGE"]);
            assert.match(f.message, /AdministratorRole/);
        });
    });

    describe("aws-least-privilege-ec2-tag (stack; issue 14)", () => {
        it("judges the EMR managed-policies tag (every spelling of its key) by what it tags; leaves other keys not judged", () => {
            const subnet = resource("aws:ec2/subnet:Subnet", { mapPublicIpOnLaunch: false }, { name: "private-1" });
            const T = "aws:ec2/tag:Tag", key = "for-use-with-amazon-emr-managed-policies";
            const outcomes = stackOutcomesByName(ec2Tag, [subnet,
                resource(T, { resourceId: "x", key, value: "true" }, { name: "own", deps: { resourceId: [subnet] } }),
                resource(T, { resourceId: "sg-0shared", key, value: "true" }, { name: "foreign" }),
                resource(T, { resourceId: "sg-0shared", key: "For-Use-With-Amazon-EMR-Managed-Policies ", value: "TRUE" }, { name: "case" }),
                resource(T, { resourceId: "sg-0shared", key, value: "false" }, { name: "no-grant" }),
                resource(T, { resourceId: "sg-0shared", key, value: UNKNOWN }, { name: "unknown-value" }),
                resource(T, { resourceId: "sg-0shared", key: UNKNOWN, value: "true" }, { name: "unknown-key" }),
                resource(T, { resourceId: "sg-0shared", key: "CostCenter", value: "42" }, { name: "other" })]);
            assert.deepEqual(outcomes, { own: "compliant", foreign: "violation", case: "violation", "no-grant": "compliant", "unknown-value": "violation", "unknown-key": "unknown" });
        });
    });
});
