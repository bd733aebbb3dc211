// Issue 15, serverless: Lambda functions, their URLs and permissions (PUBLIC-ACCESS, ENC-REST-CMK, NETWORK-PRIVATE).
import assert from "node:assert/strict";
import { lambdaFunctionUrl, lambdaPermission } from "../../../policies/aws/public-access";
import { lambdaFunction as lambdaCmk, lambdaLogGroup as lambdaLogs } from "../../../policies/aws/enc-rest-cmk";
import { lambdaFunction as lambdaVpc } from "../../../policies/aws/network-private";
import { UNKNOWN, UNKNOWN_STRING } from "../../../policies/lib/values";
import { KEY_ARN, outcomeOf, res, run, stackOutcomesByName } from "./fixtures";

const URL = "aws:lambda/functionUrl:FunctionUrl";
const PERMISSION = "aws:lambda/permission:Permission";
const FUNCTION = "aws:lambda/function:Function";
const perm = (props: Record<string, unknown>) => res(PERMISSION, "p", { action: "lambda:InvokeFunction", function: "f", ...props });

describe("aws serverless (issue 15)", () => {
    describe("aws-public-access-lambda-function-url", () => {
        it("passes IAM authentication", () => {
            assert.equal(outcomeOf(lambdaFunctionUrl, res(URL, "u", { functionName: "f", authorizationType: "AWS_IAM" })), "compliant");
        });
        it("fails NONE with PUBLIC-ACCESS, naming the value", () => {
            const [f] = run(lambdaFunctionUrl, res(URL, "u", { functionName: "f", authorizationType: "NONE" }));
            assert.deepEqual(f.controls, ["PUBLIC-ACCESS"]);
            assert.match(f.message, /authorizationType is "NONE"; wanted "AWS_IAM"/);
        });
        it("fails other spellings and types, and is unknown (not compliant) while unknown", () => {
            for (const v of ["aws_iam", " AWS_IAM", "AWS_IAM\u200b", 1, true, undefined, ["AWS_IAM"]]) {
                assert.equal(outcomeOf(lambdaFunctionUrl, res(URL, "u", { authorizationType: v })), "violation", String(v));
            }
            assert.equal(outcomeOf(lambdaFunctionUrl, res(URL, "u", { authorizationType: UNKNOWN })), "unknown");
        });
    });

    describe("aws-public-access-lambda-permission", () => {
        it("passes a named account, a role, and a service principal held to one source", () => {
            for (const props of [
                { principal: "123456789012" },
                { principal: "arn:aws:iam::123456789012:role/caller" },
                { principal: "s3.amazonaws.com", sourceArn: "arn:aws:s3:::hospital-uploads" },
                { principal: "apigateway.amazonaws.com", sourceArn: "arn:aws:execute-api:us-east-1:123456789012:abc123/*/*" },
                { principal: "events.amazonaws.com", sourceAccount: "123456789012" },
                { principal: "*", principalOrgId: "o-a1b2c3d4e5" },
                { principal: "alexa-appkit.amazon.com", eventSourceToken: "amzn1.ask.skill.1234" },
            ]) assert.equal(outcomeOf(lambdaPermission, perm(props)), "compliant", JSON.stringify(props));
        });
        it("fails everyone with PUBLIC-ACCESS, in every spelling", () => {
            for (const principal of ["*", " * ", "arn:aws:iam::*:root", "*.amazonaws.com"]) {
                const [f] = run(lambdaPermission, perm({ principal, functionUrlAuthType: "NONE" }));
                assert.deepEqual(f.controls, ["PUBLIC-ACCESS"], principal);
                assert.match(f.message, /grants everyone/, principal);
            }
        });
        it("fails a service principal with no source, or a source that holds no one", () => {
            for (const props of [
                { principal: "s3.amazonaws.com" },
                { principal: "S3.AMAZONAWS.COM", sourceArn: "" },
                { principal: "s3.amazonaws.com", sourceArn: "arn:aws:s3:::*" },
                { principal: "s3.amazonaws.com", sourceArn: "*" },
                { principal: "sns.amazonaws.com", sourceAccount: "*" },
                { principal: "events.amazonaws.com", sourceArn: ["arn:aws:events:us-east-1:123456789012:rule/r", "*"] },
            ]) {
                const findings = run(lambdaPermission, perm(props));
                assert.equal(findings.length, 1, JSON.stringify(props));
                assert.match(findings[0].message, /confused deputy/, JSON.stringify(props));
            }
        });
        it("fails a principal that is not text (a number, a list), and is unknown while a deciding value is unknown", () => {
            assert.equal(outcomeOf(lambdaPermission, perm({ principal: 123456789012 })), "violation");
            assert.equal(outcomeOf(lambdaPermission, perm({ principal: ["123456789012"] })), "violation");
            assert.equal(outcomeOf(lambdaPermission, perm({ principal: UNKNOWN })), "unknown");
            assert.equal(outcomeOf(lambdaPermission, perm({ principal: "s3.amazonaws.com", sourceArn: UNKNOWN })), "unknown");
            assert.equal(outcomeOf(lambdaPermission, perm({ principal: "apigateway.amazonaws.com", sourceArn: `${UNKNOWN_STRING}/*/*` })), "unknown");
            // An unknown source cannot rescue an everyone principal it does not hold... but it might: unknown, never compliant.
            assert.equal(outcomeOf(lambdaPermission, perm({ principal: "*", sourceAccount: UNKNOWN })), "unknown");
        });
    });

    describe("aws-enc-rest-cmk-lambda-function", () => {
        it("is not applicable to a function without environment variables or SnapStart (a CallbackFunction's usual shape)", () => {
            assert.equal(outcomeOf(lambdaCmk, res(FUNCTION, "f", { role: "r", runtime: "nodejs20.x" })), "not-applicable");
            assert.equal(outcomeOf(lambdaCmk, res(FUNCTION, "f", { role: "r", environment: { variables: {} }, snapStart: { applyOn: "None" } })), "not-applicable");
        });
        it("passes environment variables under a customer-managed key", () => {
            assert.equal(outcomeOf(lambdaCmk, res(FUNCTION, "f", { environment: { variables: { DB: "x" } }, kmsKeyArn: KEY_ARN })), "compliant");
        });
        it("fails environment variables or SnapStart under AWS's key, with ENC-REST-CMK", () => {
            for (const props of [
                { environment: { variables: { DB_PASSWORD: "x" } } },
                { environment: { variables: { A: "1" } }, kmsKeyArn: "alias/aws/lambda" },
                { environment: { variables: { A: "1" } }, kmsKeyArn: "  " },
                { snapStart: { applyOn: "PublishedVersions" } },
                { snapStart: { applyOn: "publishedversions" } },
            ]) {
                const [f] = run(lambdaCmk, res(FUNCTION, "f", props));
                assert.deepEqual(f?.controls, ["ENC-REST-CMK"], JSON.stringify(props));
                assert.match(f.message, /kmsKeyArn/);
            }
        });
        it("is unknown, not compliant or not applicable, while the variables or the key are unknown", () => {
            assert.equal(outcomeOf(lambdaCmk, res(FUNCTION, "f", { environment: UNKNOWN })), "unknown");
            assert.equal(outcomeOf(lambdaCmk, res(FUNCTION, "f", { environment: { variables: UNKNOWN } })), "unknown");
            assert.equal(outcomeOf(lambdaCmk, res(FUNCTION, "f", { environment: { variables: { A: "1" } }, kmsKeyArn: UNKNOWN })), "unknown");
        });
    });

    describe("aws-enc-rest-cmk-lambda-log-group (stack)", () => {
        it("wants the function's log group declared in the stack, by its name, its dependencies or loggingConfig", () => {
            const LG = "aws:cloudwatch/logGroup:LogGroup";
            const byDeps = res(FUNCTION, "by-deps", { role: "r" });
            const byName = res(FUNCTION, "by-name", { name: "records-api" });
            const byConfig = res(FUNCTION, "by-config", { loggingConfig: { logFormat: "JSON", logGroup: "/hospital/functions" } });
            const elsewhere = res(FUNCTION, "elsewhere", { loggingConfig: { logFormat: "JSON", logGroup: "/other/stack" } });
            const none = res(FUNCTION, "none", { name: "orphan" });
            const unknown = res(FUNCTION, "unknown", { loggingConfig: { logFormat: "JSON", logGroup: UNKNOWN } });
            const groups = [res(LG, "g1", { name: "/aws/lambda/x" }, { deps: { name: [byDeps] } }), res(LG, "g2", { name: "/aws/lambda/records-api" }), res(LG, "g3", { name: "/hospital/functions" })];
            assert.deepEqual(stackOutcomesByName(lambdaLogs, [byDeps, byName, byConfig, elsewhere, none, unknown, ...groups]),
                { "by-deps": "compliant", "by-name": "compliant", "by-config": "compliant", elsewhere: "violation", none: "violation", unknown: "unknown" });
            // A log group whose name is not known yet may be the function's: unknown, never compliant.
            assert.deepEqual(stackOutcomesByName(lambdaLogs, [none, res(LG, "g", { name: UNKNOWN })]), { none: "unknown" });
        });
    });

    describe("aws-network-private-lambda-function (stack, advisory)", () => {
        it("does not apply in a stack without a VPC, and asks for subnets where there is one", () => {
            const fn = res(FUNCTION, "f", { role: "r" });
            assert.deepEqual(stackOutcomesByName(lambdaVpc, [fn]), { f: "not-applicable" });
            const vpc = res("aws:ec2/vpc:Vpc", "vpc", { cidrBlock: "10.0.0.0/16" });
            const inside = res(FUNCTION, "in", { vpcConfig: { subnetIds: ["subnet-1"], securityGroupIds: ["sg-1"] } });
            const unknown = res(FUNCTION, "unk", { vpcConfig: { subnetIds: UNKNOWN, securityGroupIds: ["sg-1"] } });
            const empty = res(FUNCTION, "empty", { vpcConfig: { subnetIds: [], securityGroupIds: [] } });
            assert.deepEqual(stackOutcomesByName(lambdaVpc, [vpc, fn, inside, unknown, empty]), { f: "violation", in: "compliant", unk: "unknown", empty: "violation" });
            assert.equal(lambdaVpc.enforcement, "advisory");
        });
    });
});
