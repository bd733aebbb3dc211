// Issue 15, serverless: Lambda functions, their URLs and permissions (PUBLIC-ACCESS, ENC-REST-CMK, NETWORK-PRIVATE).
import assert from "node:assert/strict";
import { lambdaFunctionUrl, lambdaPermission } from "../../../policies/aws/public-access";
import { lambdaFunction as lambdaCmk, lambdaLogGroup as lambdaLogs } from "../../../policies/aws/enc-rest-cmk";
import { lambdaFunction as lambdaVpc } from "../../../policies/aws/network-private";
import { UNKNOWN, UNKNOWN_STRING } from "../../../policies/lib/values";
import { findingsOf, outcomeOf, resource, stackOutcomesByName } from "../../support/policies";
import { KEY_ARN } from "./baselines";

const URL = "aws:lambda/functionUrl:FunctionUrl";
const PERMISSION = "aws:lambda/permission:Permission";
const FUNCTION = "aws:lambda/function:Function";
const perm = (props: Record<string, unknown>) => resource(PERMISSION, { action: "lambda:InvokeFunction", function: "f", ...props }, { name: "p" });

describe("aws serverless (issue 15)", () => {
    describe("aws-public-access-lambda-function-url", () => {
        it("passes IAM authentication", () => {
            assert.equal(outcomeOf(lambdaFunctionUrl, resource(URL, { functionName: "f", authorizationType: "AWS_IAM" }, { name: "u" })), "compliant");
        });
        it("fails NONE with PUBLIC-ACCESS, naming the value", () => {
            const [f] = findingsOf(lambdaFunctionUrl, resource(URL, { functionName: "f", authorizationType: "NONE" }, { name: "u" }));
            assert.deepEqual(f.controls, ["PUBLIC-ACCESS"]);
            assert.match(f.message, /authorizationType is "NONE"; wanted "AWS_IAM"/);
        });
        it("fails other spellings and types, and is unknown (not compliant) while unknown", () => {
            for (const v of ["aws_iam", " AWS_IAM", "AWS_IAM\u200b", 1, true, undefined, ["AWS_IAM"]]) {
                assert.equal(outcomeOf(lambdaFunctionUrl, resource(URL, { authorizationType: v }, { name: "u" })), "violation", String(v));
            }
            assert.equal(outcomeOf(lambdaFunctionUrl, resource(URL, { authorizationType: UNKNOWN }, { name: "u" })), "unknown");
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
                const [f] = findingsOf(lambdaPermission, perm({ principal, functionUrlAuthType: "NONE" }));
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
                const findings = findingsOf(lambdaPermission, perm(props));
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
            assert.equal(outcomeOf(lambdaCmk, resource(FUNCTION, { role: "r", runtime: "nodejs20.x" }, { name: "f" })), "not-applicable");
            assert.equal(outcomeOf(lambdaCmk, resource(FUNCTION, { role: "r", environment: { variables: {} }, snapStart: { applyOn: "None" } }, { name: "f" })), "not-applicable");
        });
        it("passes environment variables under a customer-managed key", () => {
            assert.equal(outcomeOf(lambdaCmk, resource(FUNCTION, { environment: { variables: { DB: "x" } }, kmsKeyArn: KEY_ARN }, { name: "f" })), "compliant");
        });
        it("fails environment variables or SnapStart under AWS's key, with ENC-REST-CMK", () => {
            for (const props of [
                { environment: { variables: { DB_PASSWORD: "x" } } },
                { environment: { variables: { A: "1" } }, kmsKeyArn: "alias/aws/lambda" },
                { environment: { variables: { A: "1" } }, kmsKeyArn: "  " },
                { snapStart: { applyOn: "PublishedVersions" } },
                { snapStart: { applyOn: "publishedversions" } },
            ]) {
                const [f] = findingsOf(lambdaCmk, resource(FUNCTION, props, { name: "f" }));
                assert.deepEqual(f?.controls, ["ENC-REST-CMK"], JSON.stringify(props));
                assert.match(f.message, /kmsKeyArn/);
            }
        });
        it("is unknown, not compliant or not applicable, while the variables or the key are unknown", () => {
            assert.equal(outcomeOf(lambdaCmk, resource(FUNCTION, { environment: UNKNOWN }, { name: "f" })), "unknown");
            assert.equal(outcomeOf(lambdaCmk, resource(FUNCTION, { environment: { variables: UNKNOWN } }, { name: "f" })), "unknown");
            assert.equal(outcomeOf(lambdaCmk, resource(FUNCTION, { environment: { variables: { A: "1" } }, kmsKeyArn: UNKNOWN }, { name: "f" })), "unknown");
        });
    });

    describe("aws-enc-rest-cmk-lambda-log-group (stack)", () => {
        it("wants the function's log group declared in the stack, by its name, its dependencies or loggingConfig", () => {
            const LG = "aws:cloudwatch/logGroup:LogGroup";
            const byDeps = resource(FUNCTION, { role: "r" }, { name: "by-deps" });
            const byName = resource(FUNCTION, { name: "records-api" }, { name: "by-name" });
            const byConfig = resource(FUNCTION, { loggingConfig: { logFormat: "JSON", logGroup: "/hospital/functions" } }, { name: "by-config" });
            const elsewhere = resource(FUNCTION, { loggingConfig: { logFormat: "JSON", logGroup: "/other/stack" } }, { name: "elsewhere" });
            const none = resource(FUNCTION, { name: "orphan" }, { name: "none" });
            const unknown = resource(FUNCTION, { loggingConfig: { logFormat: "JSON", logGroup: UNKNOWN } }, { name: "unknown" });
            const groups = [resource(LG, { name: "/aws/lambda/x" }, { name: "g1", deps: { name: [byDeps] } }), resource(LG, { name: "/aws/lambda/records-api" }, { name: "g2" }), resource(LG, { name: "/hospital/functions" }, { name: "g3" })];
            assert.deepEqual(stackOutcomesByName(lambdaLogs, [byDeps, byName, byConfig, elsewhere, none, unknown, ...groups]),
                { "by-deps": "compliant", "by-name": "compliant", "by-config": "compliant", elsewhere: "violation", none: "violation", unknown: "unknown" });
            // A log group whose name is not known yet may be the function's: unknown, never compliant.
            assert.deepEqual(stackOutcomesByName(lambdaLogs, [none, resource(LG, { name: UNKNOWN }, { name: "g" })]), { none: "unknown" });
        });
    });

    describe("aws-network-private-lambda-function (stack, advisory)", () => {
        it("does not apply in a stack without a VPC, and asks for subnets where there is one", () => {
            const fn = resource(FUNCTION, { role: "r" }, { name: "f" });
            assert.deepEqual(stackOutcomesByName(lambdaVpc, [fn]), { f: "not-applicable" });
            const vpc = resource("aws:ec2/vpc:Vpc", { cidrBlock: "10.0.0.0/16" }, { name: "vpc" });
            const inside = resource(FUNCTION, { vpcConfig: { subnetIds: ["subnet-1"], securityGroupIds: ["sg-1"] } }, { name: "in" });
            const unknown = resource(FUNCTION, { vpcConfig: { subnetIds: UNKNOWN, securityGroupIds: ["sg-1"] } }, { name: "unk" });
            const empty = resource(FUNCTION, { vpcConfig: { subnetIds: [], securityGroupIds: [] } }, { name: "empty" });
            assert.deepEqual(stackOutcomesByName(lambdaVpc, [vpc, fn, inside, unknown, empty]), { f: "violation", in: "compliant", unk: "unknown", empty: "violation" });
            assert.equal(lambdaVpc.enforcement, "advisory");
        });
    });
});
