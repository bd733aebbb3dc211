import assert from "node:assert/strict";
import {
    coversAction, deniesInsecureTransport, duplicateSids, everyoneIn, isPublicStatement, limitingCondition, mayAllow, namesEveryKey,
    Statement, statementsOf, wholeService,
} from "../../../policies/lib/iam";
import { UNKNOWN } from "../../../policies/lib/values";

const toAll = (extra: Partial<Statement> = {}): Statement => ({ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*", ...extra });

describe("lib/iam: the IAM policy language", () => {
    describe("documents", () => {
        it("reads JSON text and objects, Statement as one object or a list", () => {
            assert.equal((statementsOf(JSON.stringify({ Statement: toAll() })) as Statement[]).length, 1);
            assert.equal((statementsOf({ Statement: [toAll(), toAll()] }) as Statement[]).length, 2);
            assert.equal(statementsOf(UNKNOWN), UNKNOWN);
            assert.throws(() => statementsOf("{not json"));
            assert.throws(() => statementsOf('{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}}]}'),
                /Principal is given twice/);
        });
        it("reads element names in any case (a spelling AWS may take or refuse), the exact one winning", () => {
            const [st] = statementsOf({ statement: [{ effect: "Allow", principal: "*", action: "s3:GetObject", resource: "*" }] }) as Statement[];
            assert.ok(isPublicStatement(st));
            const [exact] = statementsOf({ Statement: { Principal: { AWS: "arn:aws:iam::123456789012:root" }, PRINCIPAL: "*" } }) as Statement[];
            assert.deepEqual(exact.Principal, { AWS: "arn:aws:iam::123456789012:root" });
        });
        it("finds a Sid given twice", () => assert.deepEqual(duplicateSids([{ Sid: "A" }, { Sid: "B" }, { Sid: "A" }]), ["A"]));
    });

    describe("Effect", () => {
        it("denies only with exactly \"Deny\"; anything else may allow", () => {
            assert.equal(mayAllow({ Effect: "Deny" }), false);
            for (const e of ["Allow", "allow", "ALLOW", "deny", "Deny ", undefined, 1]) assert.equal(mayAllow({ Effect: e }), true, String(e));
        });
    });

    describe("principals", () => {
        it("reads every spelling of everyone", () => {
            for (const p of ["*", { AWS: "*" }, { AWS: ["*"] }, { AWS: ["arn:aws:iam::123456789012:root", "*"] }, { AWS: "arn:aws:iam::*:root" },
                { Federated: "*" }, { CanonicalUser: "*" }]) {
                assert.ok(everyoneIn({ Principal: p }), JSON.stringify(p));
            }
        });
        it("reads NotPrincipal as everyone but a few", () => assert.match(everyoneIn({ NotPrincipal: { AWS: "arn:aws:iam::123456789012:root" } }) ?? "", /NotPrincipal/));
        it("does not read a named account, role or service as everyone", () => {
            for (const p of [{ AWS: "arn:aws:iam::111122223333:root" }, { AWS: "111122223333" }, { Service: "logs.amazonaws.com" }]) {
                assert.equal(everyoneIn({ Principal: p }), undefined, JSON.stringify(p));
            }
        });
    });

    describe("conditions", () => {
        it("keeps a statement to everyone public under conditions that do not limit who acts", () => {
            for (const Condition of [
                { Bool: { "aws:SecureTransport": "true" } },
                { StringLike: { "aws:PrincipalArn": "*" } },
                { StringLike: { "aws:SourceVpce": "vpce-*" } },
                { IpAddress: { "aws:SourceIp": "0.0.0.0/0" } },
                { IpAddress: { "aws:SourceIp": ["10.0.0.0/8", "0.0.0.0/1"] } },
                { IpAddress: { "aws:SourceIp": "::/0" } },
                { IpAddress: { "aws:SourceIp": ["0.0.0.0/1", "128.0.0.0/1"] } },
                { IpAddress: { "aws:SourceIp": Array.from({ length: 256 }, (_, i) => `${i}.0.0.0/8`) } },
                { IpAddress: { "aws:SourceIp": ["10.0.0.0/8", "11.0.0.0/8"] } },
                { IpAddress: { "aws:SourceIp": "10.0.0.0/33" } },
                { NotIpAddress: { "aws:SourceIp": "10.0.0.0/8" } },
                { Null: { "aws:PrincipalOrgID": "false" } },
                { StringNotEquals: { "aws:PrincipalAccount": "123456789012" } },
                { StringEqualsIfExists: { "aws:SourceAccount": "123456789012" } },
                { "ForAllValues:StringEquals": { "aws:PrincipalOrgID": "o-abc" } },
                { StringEquals: { "aws:PrincipalOrgID": "" } },
                { StringEquals: { "aws:PrincipalAccount": 123456789012 } },
                { StringEquals: { "aws:UnknownKey": "x" } },
                { StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" } },
                "aws:PrincipalOrgID",
            ]) {
                assert.ok(isPublicStatement(toAll({ Condition })), JSON.stringify(Condition));
            }
        });
        it("makes it private under a condition that fixes who acts", () => {
            for (const Condition of [
                { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } },
                { StringEquals: { "AWS:PrincipalAccount": ["123456789012"] } },
                { stringequals: { "aws:sourcevpce": "vpce-1a2b3c" } },
                { ArnLike: { "aws:SourceArn": "arn:aws:cloudtrail:us-east-1:123456789012:trail/*" } },
                { StringEquals: { "aws:SourceAccount": "123456789012" } },
                { StringEquals: { "kms:CallerAccount": "123456789012" } },
                { IpAddress: { "aws:SourceIp": ["203.0.113.0/24"] } },
            ]) {
                assert.equal(isPublicStatement(toAll({ Condition })), undefined, JSON.stringify(Condition));
                assert.ok(limitingCondition(toAll({ Condition })));
            }
        });
        it("does not let a wildcard account in an ARN condition pass", () =>
            assert.ok(isPublicStatement(toAll({ Condition: { ArnLike: { "aws:SourceArn": "arn:aws:cloudtrail:us-east-1:*:trail/x" } } }))));
    });

    describe("actions and resources", () => {
        it("matches actions as IAM does: case-insensitive, * and ? anywhere", () => {
            assert.ok(coversAction({ Action: "KMS:decrypt*" }, "kms:Decrypt"));
            assert.ok(coversAction({ Action: ["s3:Get*", "iam:*Role*"] }, "iam:PassRole"));
            assert.ok(coversAction({ Action: "kms:?ecrypt" }, "kms:Decrypt"));
            assert.ok(!coversAction({ Action: "kms:Encrypt" }, "kms:Decrypt"));
            assert.ok(coversAction({ NotAction: "s3:*" }, "kms:Decrypt"));
        });
        it("reads every spelling of a whole service", () => {
            for (const p of ["s3:*", "S3:**", "s3:?*", "s3:*?"]) assert.equal(wholeService(p), "s3", p);
            for (const p of ["*", "**", "*:*", "?*:*", "s?:*"]) assert.equal(wholeService(p), "*", p);
            for (const p of ["s3:Get*", "iam:*Role*", "s3:???"]) assert.equal(wholeService(p), undefined, p);
        });
        it("reads every spelling of every key", () => {
            for (const p of ["*", "arn:aws:kms:*:*:key/*", "arn:aws:kms:us-east-1:123456789012:key/*", "arn:aws:kms:us-east-1:123456789012:*", "arn:*:kms:*:*:*", "arn:aws:*:*:*:*", "arn:aws:kms:*"]) {
                assert.ok(namesEveryKey(p), p);
            }
            for (const p of ["arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", "arn:aws:s3:::*", "arn:aws:kms:us-east-1:123456789012:alias/phi"]) {
                assert.ok(!namesEveryKey(p), p);
            }
        });
    });

    describe("the TLS-only Deny", () => {
        const deny: Statement = { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } };
        it("counts the usual statement and its spellings", () => {
            assert.ok(deniesInsecureTransport(deny));
            assert.ok(deniesInsecureTransport({ ...deny, Principal: { AWS: ["*"] }, Action: ["S3:*"], Condition: { BoolIfExists: { "aws:securetransport": false } } }));
        });
        it("does not count a lower-case Effect, a narrower Deny, NotAction or NotPrincipal", () => {
            for (const s of [
                { ...deny, Effect: "deny" },
                { ...deny, Action: "s3:GetObject" },
                { ...deny, Action: undefined, NotAction: "s3:GetObject" },
                { ...deny, Principal: undefined, NotPrincipal: { AWS: "arn:aws:iam::123456789012:root" } },
                { ...deny, Condition: { Bool: { "aws:SecureTransport": "false" }, StringEquals: { "aws:SourceVpce": "vpce-1" } } },
                { ...deny, Condition: { Bool: { "aws:SecureTransport": "true" } } },
            ]) {
                assert.equal(deniesInsecureTransport(s), false, JSON.stringify(s));
            }
        });
    });
});
