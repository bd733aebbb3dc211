import assert from "node:assert/strict";
import {
    cloudtrailDataEvents, cloudtrailTrail, emrCluster, redshiftCluster, redshiftParameterGroup, s3Bucket, vpcFlowLog,
} from "../../../policies/aws/audit-log";
import { UNKNOWN } from "../../../policies/lib/values";
import { res, run, runStack } from "./fixtures";

const TRAIL = "aws:cloudtrail/trail:Trail";
const BUCKET = "aws:s3/bucket:Bucket";
const phi = { tags: { "data-classification": "phi" } };
const selector = (type: string, arn?: string[]) => ({ fieldSelectors: [
    { field: "eventCategory", equals: ["Data"] }, { field: "resources.type", equals: [type] },
    ...(arn ? [{ field: "resources.ARN", startsWiths: arn }] : []),
] });

describe("aws AUDIT-LOG", () => {
    describe("aws-audit-log-cloudtrail-trail", () => {
        const ok = { isMultiRegionTrail: true, cloudWatchLogsGroupArn: "arn:aws:logs:us-east-1:1:log-group:t:*", cloudWatchLogsRoleArn: "arn:aws:iam::1:role/t", s3BucketName: "b" };
        it("passes a multi-region trail delivering to CloudWatch", () => assert.deepEqual(run(cloudtrailTrail, res(TRAIL, "t", ok)), []));
        it("reports a single-region trail with logging off", () => {
            const findings = run(cloudtrailTrail, res(TRAIL, "t", { ...ok, isMultiRegionTrail: false, enableLogging: "false" }));
            assert.deepEqual(findings.map(f => /: (\w+) is/.exec(f.message)?.[1]), ["isMultiRegionTrail", "enableLogging"]);
            assert.deepEqual(findings[0].controls, ["AUDIT-LOG"]);
        });
    });

    describe("aws-audit-log-cloudtrail-data-events (stack)", () => {
        it("passes a PHI bucket covered by a trail's S3 data-event selector", () => {
            const bucket = res(BUCKET, "phi", phi);
            const trail = res(TRAIL, "t", { advancedEventSelectors: [selector("AWS::S3::Object")] });
            assert.deepEqual(runStack(cloudtrailDataEvents, [bucket, trail]), []);
        });
        it("passes a selector whose ARN was built from the bucket", () => {
            const bucket = res(BUCKET, "phi", phi);
            const trail = res(TRAIL, "t", { advancedEventSelectors: [selector("AWS::S3::Object", [UNKNOWN as never])] }, { deps: { advancedEventSelectors: [bucket] } });
            assert.deepEqual(runStack(cloudtrailDataEvents, [bucket, trail]), []);
        });
        it("reports a PHI bucket in a stack without a trail, on the bucket", () => {
            const bucket = res(BUCKET, "phi", phi);
            const [f, ...rest] = runStack(cloudtrailDataEvents, [bucket, res(BUCKET, "public", { tags: { "data-classification": "public" } })]);
            assert.equal(f.urn, bucket.urn);
            assert.match(f.message, /no aws:cloudtrail\/trail/);
            assert.deepEqual(rest, [], "a bucket classified as not PHI needs no data events");
        });
        it("treats phi in any case or spacing, blank and unknown classifications as PHI", () => {
            for (const value of [" PHI", "phi\u200b", "\uff50hi", "", "  ", UNKNOWN]) {
                const bucket = res(BUCKET, "b", { tags: { "data-classification": value } });
                assert.equal(runStack(cloudtrailDataEvents, [bucket]).length, 1, JSON.stringify(value));
            }
        });
        it("treats an unclassified bucket as PHI, but not the trail's own bucket", () => {
            const unclassified = res(BUCKET, "raw");
            const trailBucket = res(BUCKET, "trail-logs");
            const trail = res(TRAIL, "t", { advancedEventSelectors: [] }, { deps: { s3BucketName: [trailBucket] } });
            const findings = runStack(cloudtrailDataEvents, [unclassified, trailBucket, trail]);
            assert.deepEqual(findings.map(f => f.name), ["raw"]);
            assert.match(findings[0].message, /No trail of this stack records this bucket's data events/);
        });
        it("does not ask data events of the buckets CloudFront and a load balancer write request logs to", () => {
            const cdnLogs = res(BUCKET, "cdn-logs", { bucket: "site-logs" });
            const lbLogs = res(BUCKET, "lb-logs");
            const cdn = res("aws:cloudfront/distribution:Distribution", "cdn", { loggingConfig: { bucket: "site-logs.s3.amazonaws.com" } });
            const lb = res("aws:lb/loadBalancer:LoadBalancer", "lb", { accessLogs: { bucket: "lb-logs-id", enabled: true } }, { deps: { accessLogs: [lbLogs] } });
            const data = res(BUCKET, "data");
            assert.deepEqual(runStack(cloudtrailDataEvents, [cdnLogs, lbLogs, cdn, lb, data]).map(f => f.name), ["data"]);
            const off = res("aws:lb/loadBalancer:LoadBalancer", "lb", { accessLogs: { bucket: "lb-logs", enabled: false } });
            assert.deepEqual(runStack(cloudtrailDataEvents, [lbLogs, off]).map(f => f.name), ["lb-logs"], "logging switched off: an ordinary bucket");
        });
        it("reports a PHI bucket that the trail's ARN filter leaves out, and an unknown filter as unknown", () => {
            const bucket = res(BUCKET, "phi", { ...phi, bucket: "stmary-phi" });
            const other = res(TRAIL, "t", { advancedEventSelectors: [selector("AWS::S3::Object", ["arn:aws:s3:::other/"])] });
            assert.equal(runStack(cloudtrailDataEvents, [bucket, other])[0].enforcement, "mandatory");
            const unknown = res(TRAIL, "t", { advancedEventSelectors: [selector("AWS::S3::Object", [UNKNOWN as never])] });
            assert.equal(runStack(cloudtrailDataEvents, [bucket, unknown])[0].unknown, true);
        });
        it("counts a selector that only excludes ARNs as covering every other bucket, and not the excluded one", () => {
            const phiBucket = res(BUCKET, "phi", { ...phi, bucket: "stmary-phi" });
            const excludedBucket = res(BUCKET, "skipped", { ...phi, bucket: "stmary-skipped" });
            const trail = res(TRAIL, "t", { advancedEventSelectors: [{ fieldSelectors: [
                { field: "eventCategory", equals: ["Data"] }, { field: "resources.type", equals: ["AWS::S3::Object"] },
                { field: "resources.ARN", notStartsWiths: ["arn:aws:s3:::stmary-skipped/"] },
            ] }] });
            assert.deepEqual(runStack(cloudtrailDataEvents, [phiBucket, excludedBucket, trail]).map(f => f.name), ["skipped"]);
        });
        it("accepts the older eventSelectors dataResources", () => {
            const bucket = res(BUCKET, "phi", { ...phi, bucket: "stmary-phi" });
            const trail = res(TRAIL, "t", { eventSelectors: [{ dataResources: [{ type: "AWS::S3::Object", values: ["arn:aws:s3:::stmary-phi/"] }] }] });
            assert.deepEqual(runStack(cloudtrailDataEvents, [bucket, trail]), []);
        });
        it("requires both HealthImaging data-event types when the stack has a datastore", () => {
            const store = res("aws:cloudcontrol/resource:Resource", "dicom", { typeName: "AWS::HealthImaging::Datastore", desiredState: "{}" });
            const half = res(TRAIL, "t", { advancedEventSelectors: [selector("AWS::MedicalImaging::Datastore")] });
            const [f] = runStack(cloudtrailDataEvents, [store, half]);
            assert.match(f.message, /AWS::MedicalImaging::Imageset/);
            const full = res(TRAIL, "t", { advancedEventSelectors: [selector("AWS::MedicalImaging::Datastore"), selector("AWS::MedicalImaging::Imageset")] });
            assert.deepEqual(runStack(cloudtrailDataEvents, [store, full]), []);
        });
    });

    describe("aws-audit-log-s3-bucket (stack)", () => {
        const LOGGING = "aws:s3/bucketLogging:BucketLogging";
        it("passes a bucket logging to the log bucket, and does not ask the log bucket to log", () => {
            const logs = res(BUCKET, "logs"), data = res(BUCKET, "data");
            const logging = res(LOGGING, "data-logging", { targetPrefix: "data/", bucket: UNKNOWN, targetBucket: UNKNOWN }, { deps: { bucket: [data], targetBucket: [logs] } });
            assert.deepEqual(runStack(s3Bucket, [logs, data, logging]), []);
        });
        it("reports a bucket without access logging, and one logging into itself", () => {
            const data = res(BUCKET, "data");
            assert.match(runStack(s3Bucket, [data])[0].message, /No aws:s3\/bucketLogging:BucketLogging refers to this bucket/);
            const self = res(BUCKET, "self", { bucket: "self" });
            const other = res(BUCKET, "other", { bucket: "other" });
            const loops = [res(LOGGING, "l1", { bucket: "self", targetBucket: "other" }), res(LOGGING, "l2", { bucket: "other", targetBucket: "self" })];
            assert.deepEqual(runStack(s3Bucket, [self, other, ...loops]), [], "two buckets logging to each other are both access-log targets");
            const findings = runStack(s3Bucket, [self, data, res(LOGGING, "l", { bucket: "data", targetBucket: "data" })]);
            // self has no logging at all, a finding of its own: the one asked about is on data.
            const f = findings.find(x => x.name === "data");
            assert.ok(f, "a bucket logging to itself is reported");
            assert.match(f.message, /targetBucket is "data"; wanted another bucket than the one logged/);
        });
    });

    describe("aws-audit-log-redshift-cluster and -parameter-group (stack)", () => {
        const CLUSTER = "aws:redshift/cluster:Cluster";
        const LOGGING = "aws:redshift/logging:Logging";
        it("passes a cluster with CloudWatch audit logging of the three logs", () => {
            const cluster = res(CLUSTER, "w", { clusterIdentifier: "stmary-w" });
            const logging = res(LOGGING, "w-logging", { clusterIdentifier: "stmary-w", logDestinationType: "cloudwatch", logExports: ["connectionlog", "useractivitylog", "userlog"] });
            assert.deepEqual(runStack(redshiftCluster, [cluster, logging]), []);
        });
        it("reports a cluster without a Logging resource, and one exporting too little", () => {
            const cluster = res(CLUSTER, "w", { clusterIdentifier: "stmary-w" });
            assert.match(runStack(redshiftCluster, [cluster])[0].message, /aws:redshift\/logging:Logging is unset/);
            const partial = res(LOGGING, "l", { logDestinationType: "cloudwatch", logExports: ["userlog"] }, { deps: { clusterIdentifier: [cluster] } });
            const [f] = runStack(redshiftCluster, [cluster, partial]);
            assert.equal(f.urn, cluster.urn);
            assert.match(f.message, /logExports is \["userlog"\]/);
        });
        it("requires enable_user_activity_logging in the parameter group", () => {
            const group = res("aws:redshift/parameterGroup:ParameterGroup", "pg", { parameters: [{ name: "enable_user_activity_logging", value: "true" }] });
            const cluster = res(CLUSTER, "w", {}, { deps: { clusterParameterGroupName: [group] } });
            assert.deepEqual(runStack(redshiftParameterGroup, [group, cluster]), []);
            const bare = res("aws:redshift/parameterGroup:ParameterGroup", "pg", { parameters: [] });
            assert.match(runStack(redshiftParameterGroup, [bare, cluster])[0].message, /no enable_user_activity_logging parameter/);
        });
    });

    describe("aws-audit-log-emr-cluster", () => {
        it("passes an s3 logUri and reports a missing one", () => {
            assert.deepEqual(run(emrCluster, res("aws:emr/cluster:Cluster", "c", { logUri: "s3://logs/emr/" })), []);
            assert.match(run(emrCluster, res("aws:emr/cluster:Cluster", "c", {}))[0].message, /logUri is unset; wanted an s3:\/\/ URI/);
        });
    });

    describe("aws-audit-log-vpc-flow-log (stack)", () => {
        it("passes a VPC with an ALL flow log and reports a VPC with a REJECT-only one", () => {
            const vpc = res("aws:ec2/vpc:Vpc", "vpc");
            const all = res("aws:ec2/flowLog:FlowLog", "fl", { trafficType: "ALL" }, { deps: { vpcId: [vpc] } });
            assert.deepEqual(runStack(vpcFlowLog, [vpc, all]), []);
            const reject = res("aws:ec2/flowLog:FlowLog", "fl", { trafficType: "REJECT" }, { deps: { vpcId: [vpc] } });
            const [f] = runStack(vpcFlowLog, [vpc, reject]);
            assert.equal(f.urn, vpc.urn);
            assert.match(f.message, /trafficType is "REJECT"/);
            assert.match(runStack(vpcFlowLog, [vpc])[0].message, /No aws:ec2\/flowLog refers to this VPC/);
        });
        it("asks the same of the default VPC a program adopts", () => {
            const adopted = res("aws:ec2/defaultVpc:DefaultVpc", "default");
            assert.equal(runStack(vpcFlowLog, [adopted])[0].urn, adopted.urn);
            const all = res("aws:ec2/flowLog:FlowLog", "fl", { trafficType: "ALL" }, { deps: { vpcId: [adopted] } });
            assert.deepEqual(runStack(vpcFlowLog, [adopted, all]), []);
        });
    });
});
