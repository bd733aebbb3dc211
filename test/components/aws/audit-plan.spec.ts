// The plan of the AWS Audit component, from its arguments alone (components/aws/audit-plan.ts): no mock
// runtime, no resource registered.
import assert from "node:assert/strict";
import { accessLogDeliveryStatement, auditPlan, trailArnOf, trailBucketStatements, trailLogsPolicy, trailRoleTrust } from "../../../components/aws/audit-plan";

const account = "123456789012";
const trailArn = trailArnOf("aws", "us-east-1", account, "stmary-hipaa-audit");

describe("components/aws/audit-plan", () => {
    it("keeps the trail's log group as asked and its buckets at least six years, also when the logs never expire", () => {
        assert.deepEqual(auditPlan("stmary", 2192), { retentionDays: 2192, bucketDays: 2192, trailName: auditPlan("stmary", 2192).trailName, logGroupName: "/hipaa-cloud/stmary/cloudtrail" });
        assert.equal(auditPlan("stmary", 3653).bucketDays, 3653);
        assert.equal(auditPlan("stmary", 0).bucketDays, 2190);
        assert.equal(auditPlan("stmary", 0).retentionDays, 0);
    });

    it("names the trail after the tenant, the name its ARN and the key policy use", () => {
        const { trailName } = auditPlan("stmary", 2192);
        assert.match(trailName, /^stmary/);
        assert.equal(trailArnOf("aws-us-gov", "us-gov-west-1", account, trailName), `arn:aws-us-gov:cloudtrail:us-gov-west-1:${account}:trail/${trailName}`);
    });

    it("lets S3 log delivery write access logs for this account only", () => {
        assert.deepEqual(accessLogDeliveryStatement("arn:aws:s3:::logs", account), {
            Sid: "AllowS3ServerAccessLogDelivery", Effect: "Allow", Principal: { Service: "logging.s3.amazonaws.com" },
            Action: "s3:PutObject", Resource: "arn:aws:s3:::logs/*", Condition: { StringEquals: { "aws:SourceAccount": account } },
        });
    });

    it("lets only this tenant's trail check the trail bucket's ACL and write under AWSLogs/<account>/, owner-enforced", () => {
        const [acl, write] = trailBucketStatements("arn:aws:s3:::trail", account, trailArn) as any[];
        assert.equal(acl.Action, "s3:GetBucketAcl");
        assert.equal(acl.Resource, "arn:aws:s3:::trail");
        assert.deepEqual(acl.Condition, { StringEquals: { "aws:SourceArn": trailArn } });
        assert.equal(write.Action, "s3:PutObject");
        assert.equal(write.Resource, `arn:aws:s3:::trail/AWSLogs/${account}/*`);
        assert.deepEqual(write.Condition, { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": trailArn } });
    });

    it("lets only the trail assume its role, and the role only write streams of its one log group (LEAST-PRIVILEGE)", () => {
        const trust = (trailRoleTrust(trailArn) as any).Statement;
        assert.deepEqual(trust, [{ Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceArn": trailArn } } }]);
        const [write] = (trailLogsPolicy("arn:aws:logs:us-east-1:123456789012:log-group:/hipaa-cloud/stmary/cloudtrail") as any).Statement;
        assert.deepEqual(write.Action, ["logs:CreateLogStream", "logs:PutLogEvents"]);
        assert.equal(write.Resource, "arn:aws:logs:us-east-1:123456789012:log-group:/hipaa-cloud/stmary/cloudtrail:log-stream:*");
    });
});
