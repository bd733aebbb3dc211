import assert from "node:assert/strict";
import { iamInlinePolicy, iamPolicy, iamRole, kmsKeyPolicy, managedPolicyAttachment } from "../../../policies/aws/least-privilege";
import { UNKNOWN } from "../../../policies/lib/values";
import { ec2Tag, instanceProfile } from "../../../policies/aws/least-privilege";
import { res, run, runStack, stackOutcomesByName } from "./fixtures";

const doc = (...Statement: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const scoped = { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: "arn:aws:s3:::stmary-phi/*" };

describe("aws LEAST-PRIVILEGE", () => {
    describe("aws-least-privilege-iam-policy", () => {
        const TYPE = "aws:iam/policy:Policy";
        it("passes named actions on named resources, as JSON text or an object", () => {
            assert.deepEqual(run(iamPolicy, res(TYPE, "p", { policy: doc(scoped) })), []);
            assert.deepEqual(run(iamPolicy, res(TYPE, "p", { policy: { Version: "2012-10-17", Statement: [scoped] } })), []);
        });
        it("reports admin access, a service wildcard and kms:Decrypt on every key", () => {
            const findings = run(iamPolicy, res(TYPE, "p", { policy: doc(
                { Effect: "Allow", Action: "*", Resource: "*" },
                { Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::b/*" },
                { Effect: "Allow", Action: ["kms:Decrypt"], Resource: "*" },
                { Effect: "Deny", Action: "*", Resource: "*" },
            ) }));
            assert.equal(findings.length, 3);
            assert.deepEqual(findings[0].controls, ["LEAST-PRIVILEGE"]);
            assert.match(findings[0].message, /policy\.Statement\[0\].*administrator access/);
            assert.match(findings[1].message, /policy\.Statement\[1\].*full access to a service \(s3:\*\)/);
            assert.match(findings[2].message, /policy\.Statement\[2\].*kms:decrypt on every key/);
        });
        it("reports a policy unknown at preview as unknown", () => assert.equal(run(iamPolicy, res(TYPE, "p", { policy: UNKNOWN }))[0].unknown, true));
    });

    describe("aws-least-privilege-iam-inline-policy", () => {
        it("reports every role policy as inline, and its over-broad statements too", () => {
            const [inline] = run(iamInlinePolicy, res("aws:iam/rolePolicy:RolePolicy", "rp", { role: "r", policy: doc(scoped) }));
            assert.match(inline.message, /policy is "an inline policy"; wanted a managed aws\.iam\.Policy/);
            assert.equal(run(iamInlinePolicy, res("aws:iam/userPolicy:UserPolicy", "up", { user: "u", policy: doc({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }) })).length, 2);
        });
    });

    describe("aws-least-privilege-managed-policy", () => {
        it("passes a scoped AWS-managed policy and the hospital's own policy, attached or on the role", () => {
            assert.deepEqual(run(managedPolicyAttachment, res("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "a",
                { role: "r", policyArn: "arn:aws:iam::aws:policy/service-role/AmazonEMRServicePolicy_v2" })), []);
            assert.deepEqual(run(managedPolicyAttachment, res("aws:iam/role:Role", "r",
                { assumeRolePolicy: "{}", managedPolicyArns: ["arn:aws:iam::123456789012:policy/FullAccessToNothing", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"] })), []);
            assert.deepEqual(run(managedPolicyAttachment, res("aws:iam/role:Role", "r", { assumeRolePolicy: "{}" })), []);
        });
        it("fails AdministratorAccess, PowerUserAccess and a *FullAccess policy, attached or on the role, in any partition", () => {
            const [attached] = run(managedPolicyAttachment, res("aws:iam/userPolicyAttachment:UserPolicyAttachment", "a",
                { user: "u", policyArn: "arn:aws:iam::aws:policy/AmazonS3FullAccess" }));
            assert.deepEqual(attached.controls, ["LEAST-PRIVILEGE"]);
            assert.match(attached.message, /policyArn is "arn:aws:iam::aws:policy\/AmazonS3FullAccess"/);
            const onRole = run(managedPolicyAttachment, res("aws:iam/role:Role", "r", { assumeRolePolicy: "{}", managedPolicyArns: [
                "arn:aws:iam::aws:policy/AdministratorAccess", "arn:aws-us-gov:iam::aws:policy/PowerUserAccess", "arn:aws:iam::aws:policy/AWSLambda_FullAccess"] }));
            assert.deepEqual(onRole.map(f => /managedPolicyArns\[\d\]/.exec(f.message)?.[0]), ["managedPolicyArns[0]", "managedPolicyArns[1]", "managedPolicyArns[2]"]);
        });
        it("reports a policy ARN unknown at preview as unknown", () =>
            assert.equal(run(managedPolicyAttachment, res("aws:iam/groupPolicyAttachment:GroupPolicyAttachment", "a", { group: "g", policyArn: UNKNOWN }))[0].unknown, true));
    });

    describe("aws-least-privilege-iam-role", () => {
        const TYPE = "aws:iam/role:Role";
        const trust = doc({ Effect: "Allow", Principal: { Service: "elasticmapreduce.amazonaws.com" }, Action: "sts:AssumeRole" });
        it("passes a service role with managed policies (and the empty inline entry that removes inline policies)", () => {
            assert.deepEqual(run(iamRole, res(TYPE, "r", { assumeRolePolicy: trust, inlinePolicies: [{}] })), []);
        });
        it("reports an inline policy and a trust policy open to everyone", () => {
            const findings = run(iamRole, res(TYPE, "r", {
                assumeRolePolicy: doc({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }),
                inlinePolicies: [{ name: "extra", policy: doc(scoped) }],
            }));
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
            assert.deepEqual(run(kmsKeyPolicy, res("aws:kms/key:Key", "k", { policy })), []);
        });
        it("reports an unconditioned Principal \"*\" and the lockout safety bypass", () => {
            const findings = run(kmsKeyPolicy, res("aws:kms/keyPolicy:KeyPolicy", "kp", {
                keyId: "k", bypassPolicyLockoutSafetyCheck: true, policy: doc({ Effect: "Allow", Principal: "*", Action: "kms:*", Resource: "*" }),
            }));
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
                assert.equal(run(iamPolicy, res(TYPE, "p", { policy: doc(st) })).length, 1, JSON.stringify(st));
            }
        });
        it("passes named actions, a named iam:PassRole and kms:Decrypt on one key", () => {
            for (const st of [
                { Effect: "Allow", Action: "iam:PassRole", Resource: "arn:aws:iam::123456789012:role/nodes" },
                { Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey*"], Resource: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" },
                { Effect: "Allow", Action: "s3:Get*", Resource: "arn:aws:s3:::b/*" },
            ]) {
                assert.deepEqual(run(iamPolicy, res(TYPE, "p", { policy: doc(st) })), [], JSON.stringify(st));
            }
        });
        it("reports a trust or key policy open through NotPrincipal, a wildcard principal or a condition that limits nobody", () => {
            for (const st of [
                { Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "sts:AssumeRole" },
                { Effect: "Allow", Principal: { AWS: "arn:aws:iam::*:root" }, Action: "sts:AssumeRole" },
                { Effect: "Allow", Principal: "*", Action: "sts:AssumeRole", Condition: { Bool: { "aws:SecureTransport": "true" } } },
                { Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole", Condition: { StringLike: { "aws:PrincipalArn": "*" } } },
            ]) {
                assert.equal(run(iamRole, res("aws:iam/role:Role", "r", { assumeRolePolicy: doc(st) })).length, 1, JSON.stringify(st));
                assert.equal(run(kmsKeyPolicy, res("aws:kms/key:Key", "k", { policy: doc({ ...st, Action: "kms:*", Resource: "*" }) })).length, 1, JSON.stringify(st));
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
                assert.equal(run(iamRole, res("aws:iam/role:Role", "r", { assumeRolePolicy: trust(c) })).length, 1, JSON.stringify(c));
            }
            assert.equal(run(iamRole, res("aws:iam/role:Role", "r", { assumeRolePolicy: trust(undefined, "cognito-identity.amazonaws.com") })).length, 1);
        });
        it("passes a trust held to a repository, a Cognito pool, or a SAML provider", () => {
            for (const [c, fed] of [
                [{ StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" }, StringLike: { "token.actions.githubusercontent.com:sub": "repo:octo-org/phi-etl:*" } }, GITHUB],
                [{ StringEquals: { "cognito-identity.amazonaws.com:aud": "us-east-1:12345678-abcd" } }, "cognito-identity.amazonaws.com"],
            ] as const) {
                assert.deepEqual(run(iamRole, res("aws:iam/role:Role", "r", { assumeRolePolicy: trust(c as Record<string, unknown>, fed) })), [], JSON.stringify(c));
            }
            const saml = doc({ Effect: "Allow", Principal: { Federated: "arn:aws:iam::123456789012:saml-provider/okta" }, Action: "sts:AssumeRoleWithSAML" });
            assert.deepEqual(run(iamRole, res("aws:iam/role:Role", "r", { assumeRolePolicy: saml })), []);
        });
    });

    describe("aws-least-privilege-instance-profile (stack; issue 14)", () => {
        it("passes a profile of a role of this stack, or of none; reports a role it cannot see", () => {
            const role = res("aws:iam/role:Role", "nodes", { name: "stmary-nodes" });
            const P = "aws:iam/instanceProfile:InstanceProfile";
            const outcomes = stackOutcomesByName(instanceProfile, [role,
                res(P, "by-dep", { role: "x" }, { deps: { role: [role] } }), res(P, "by-name", { role: "stmary-nodes" }), res(P, "empty", {}),
                res(P, "foreign", { role: "AdministratorRole" }), res(P, "number", { role: 42 }), res(P, "unknown", { role: UNKNOWN })]);
            assert.deepEqual(outcomes, { "by-dep": "compliant", "by-name": "compliant", empty: "compliant", foreign: "violation", number: "violation", unknown: "unknown" });
            const [f] = runStack(instanceProfile, [res(P, "foreign", { role: "AdministratorRole" })]);
            assert.deepEqual(f.controls, ["LEAST-PRIVILEGE"]);
            assert.match(f.message, /AdministratorRole/);
        });
    });

    describe("aws-least-privilege-ec2-tag (stack; issue 14)", () => {
        it("judges the EMR managed-policies tag (every spelling of its key) by what it tags; leaves other keys not judged", () => {
            const subnet = res("aws:ec2/subnet:Subnet", "private-1", { mapPublicIpOnLaunch: false });
            const T = "aws:ec2/tag:Tag", key = "for-use-with-amazon-emr-managed-policies";
            const outcomes = stackOutcomesByName(ec2Tag, [subnet,
                res(T, "own", { resourceId: "x", key, value: "true" }, { deps: { resourceId: [subnet] } }),
                res(T, "foreign", { resourceId: "sg-0shared", key, value: "true" }),
                res(T, "case", { resourceId: "sg-0shared", key: "For-Use-With-Amazon-EMR-Managed-Policies ", value: "TRUE" }),
                res(T, "no-grant", { resourceId: "sg-0shared", key, value: "false" }),
                res(T, "unknown-value", { resourceId: "sg-0shared", key, value: UNKNOWN }),
                res(T, "unknown-key", { resourceId: "sg-0shared", key: UNKNOWN, value: "true" }),
                res(T, "other", { resourceId: "sg-0shared", key: "CostCenter", value: "42" })]);
            assert.deepEqual(outcomes, { own: "compliant", foreign: "violation", case: "violation", "no-grant": "compliant", "unknown-value": "violation", "unknown-key": "unknown" });
        });
    });
});
