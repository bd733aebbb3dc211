import assert from "node:assert/strict";
import { cloudtrailDataEvents, cloudtrailTrail, emrCluster, redshiftCluster, s3Bucket, vpcFlowLog } from "../../../policies/aws/audit-log";
import { UNKNOWN } from "../../../policies/lib/values";
import { assertNoFinding, findingsOf, resource, ruleNamed } from "../../support/policies";

const redshiftParameterGroup = ruleNamed("aws-audit-log-redshift-parameter-group");

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
        it("passes a multi-region trail delivering to CloudWatch", () => assertNoFinding(findingsOf(cloudtrailTrail, resource(TRAIL, ok, { name: "t" }))));
        it("reports a single-region trail with logging off", () => {
            const findings = findingsOf(cloudtrailTrail, resource(TRAIL, { ...ok, isMultiRegionTrail: false, enableLogging: "false" }, { name: "t" }));
            assert.deepEqual(findings.map(f => /: (\w+) is/.exec(f.message)?.[1]), ["isMultiRegionTrail", "enableLogging"]);
            assert.deepEqual(findings[0].controls, ["AUDIT-LOG"]);
        });
    });

    describe("aws-audit-log-cloudtrail-data-events (stack)", () => {
        it("passes a PHI bucket covered by a trail's S3 data-event selector", () => {
            const bucket = resource(BUCKET, phi, { name: "phi" });
            const trail = resource(TRAIL, { advancedEventSelectors: [selector("AWS::S3::Object")] }, { name: "t" });
            assertNoFinding(findingsOf(cloudtrailDataEvents, [bucket, trail]));
        });
        it("passes a selector whose ARN was built from the bucket", () => {
            const bucket = resource(BUCKET, phi, { name: "phi" });
            const trail = resource(TRAIL, { advancedEventSelectors: [selector("AWS::S3::Object", [UNKNOWN as never])] }, { name: "t", deps: { advancedEventSelectors: [bucket] } });
            assertNoFinding(findingsOf(cloudtrailDataEvents, [bucket, trail]));
        });
        it("reports a PHI bucket in a stack without a trail, on the bucket", () => {
            const bucket = resource(BUCKET, phi, { name: "phi" });
            const [f, ...rest] = findingsOf(cloudtrailDataEvents, [bucket, resource(BUCKET, { tags: { "data-classification": "deidentified" } }, { name: "deidentified" })]);
            assert.equal(f.urn, bucket.urn);
            assert.match(f.message, /no aws:cloudtrail\/trail/);
            assert.deepEqual(rest, [], "a bucket classified as not PHI needs no data events");
        });
        it("treats phi in any case or spacing, blank and unknown classifications as PHI", () => {
            for (const value of [" PHI", "phi\u200b", "\uff50hi", "", "  ", UNKNOWN]) {
                const bucket = resource(BUCKET, { tags: { "data-classification": value } }, { name: "b" });
                assert.equal(findingsOf(cloudtrailDataEvents, [bucket]).length, 1, JSON.stringify(value));
            }
        });
        it("treats an unclassified bucket as PHI, but not the trail's own bucket", () => {
            const unclassified = resource(BUCKET, {}, { name: "raw" });
            const trailBucket = resource(BUCKET, {}, { name: "trail-logs" });
            const trail = resource(TRAIL, { advancedEventSelectors: [] }, { name: "t", deps: { s3BucketName: [trailBucket] } });
            const findings = findingsOf(cloudtrailDataEvents, [unclassified, trailBucket, trail]);
            assert.deepEqual(findings.map(f => f.name), ["raw"]);
            assert.match(findings[0].message, /No trail of this stack records this bucket's data events/);
        });
        it("does not ask data events of the buckets CloudFront and a load balancer write request logs to", () => {
            const cdnLogs = resource(BUCKET, { bucket: "site-logs" }, { name: "cdn-logs" });
            const lbLogs = resource(BUCKET, {}, { name: "lb-logs" });
            const cdn = resource("aws:cloudfront/distribution:Distribution", { loggingConfig: { bucket: "site-logs.s3.amazonaws.com" } }, { name: "cdn" });
            const lb = resource("aws:lb/loadBalancer:LoadBalancer", { accessLogs: { bucket: "lb-logs-id", enabled: true } }, { name: "lb", deps: { accessLogs: [lbLogs] } });
            const data = resource(BUCKET, {}, { name: "data" });
            assert.deepEqual(findingsOf(cloudtrailDataEvents, [cdnLogs, lbLogs, cdn, lb, data]).map(f => f.name), ["data"]);
            const off = resource("aws:lb/loadBalancer:LoadBalancer", { accessLogs: { bucket: "lb-logs", enabled: false } }, { name: "lb" });
            assert.deepEqual(findingsOf(cloudtrailDataEvents, [lbLogs, off]).map(f => f.name), ["lb-logs"], "logging switched off: an ordinary bucket");
        });
        it("reports a PHI bucket that the trail's ARN filter leaves out, and an unknown filter as unknown", () => {
            const bucket = resource(BUCKET, { ...phi, bucket: "stmary-phi" }, { name: "phi" });
            const other = resource(TRAIL, { advancedEventSelectors: [selector("AWS::S3::Object", ["arn:aws:s3:::other/"])] }, { name: "t" });
            assert.equal(findingsOf(cloudtrailDataEvents, [bucket, other])[0].enforcement, "mandatory");
            const unknown = resource(TRAIL, { advancedEventSelectors: [selector("AWS::S3::Object", [UNKNOWN as never])] }, { name: "t" });
            assert.equal(findingsOf(cloudtrailDataEvents, [bucket, unknown])[0].unknown, true);
        });
        it("counts a selector that only excludes ARNs as covering every other bucket, and not the excluded one", () => {
            const phiBucket = resource(BUCKET, { ...phi, bucket: "stmary-phi" }, { name: "phi" });
            const excludedBucket = resource(BUCKET, { ...phi, bucket: "stmary-skipped" }, { name: "skipped" });
            const trail = resource(TRAIL, { advancedEventSelectors: [{ fieldSelectors: [
                { field: "eventCategory", equals: ["Data"] }, { field: "resources.type", equals: ["AWS::S3::Object"] },
                { field: "resources.ARN", notStartsWiths: ["arn:aws:s3:::stmary-skipped/"] },
            ] }] }, { name: "t" });
            assert.deepEqual(findingsOf(cloudtrailDataEvents, [phiBucket, excludedBucket, trail]).map(f => f.name), ["skipped"]);
        });
        it("counts only a selector that records every object read and write of the bucket", () => {
            const bucket = resource(BUCKET, { ...phi, bucket: "stmary-phi" }, { name: "phi" });
            const arnField = (op: Record<string, string[]>) => [{ fieldSelectors: [
                { field: "eventCategory", equals: ["Data"] }, { field: "resources.type", equals: ["AWS::S3::Object"] }, { field: "resources.ARN", ...op },
            ] }];
            const narrowed = (field: Record<string, unknown>) => [{ fieldSelectors: [...selector("AWS::S3::Object").fieldSelectors, field] }];
            const judged = (props: Record<string, unknown>) => findingsOf(cloudtrailDataEvents, [bucket, resource(TRAIL, props, { name: "t" })]).length;
            const recordsPart = {
                "equals on the bucket's ARN (matches no object)": { advancedEventSelectors: arnField({ equals: ["arn:aws:s3:::stmary-phi"] }) },
                "startsWiths of another bucket whose name begins with this one's": { advancedEventSelectors: arnField({ startsWiths: ["arn:aws:s3:::stmary-phi-archive/"] }) },
                "startsWiths of an object prefix inside the bucket": { advancedEventSelectors: arnField({ startsWiths: ["arn:aws:s3:::stmary-phi/scans/"] }) },
                "endsWiths only (an ARN filter with no include list)": { advancedEventSelectors: arnField({ endsWiths: [".pdf"] }) },
                "notEndsWiths": { advancedEventSelectors: arnField({ notEndsWiths: [".tmp"] }) },
                "reads only (readOnly true)": { advancedEventSelectors: narrowed({ field: "readOnly", equals: ["true"] }) },
                "one event name": { advancedEventSelectors: narrowed({ field: "eventName", equals: ["PutObject"] }) },
                "a legacy WriteOnly selector": { eventSelectors: [{ readWriteType: "WriteOnly", dataResources: [{ type: "AWS::S3::Object", values: ["arn:aws:s3:::stmary-phi/"] }] }] },
                "a legacy selector of another bucket whose name begins with this one's": { eventSelectors: [{ dataResources: [{ type: "AWS::S3::Object", values: ["arn:aws:s3:::stmary-phi-2/"] }] }] },
                "a stopped trail": { enableLogging: false, advancedEventSelectors: [selector("AWS::S3::Object")] },
            };
            for (const [how, props] of Object.entries(recordsPart)) assert.equal(judged(props), 1, how);
            for (const [how, props] of Object.entries({
                "startsWiths of a name prefix of the bucket": { advancedEventSelectors: arnField({ startsWiths: ["arn:aws:s3:::stmary-"] }) },
                "startsWiths of the bucket's objects": { advancedEventSelectors: arnField({ startsWiths: ["arn:aws:s3:::stmary-phi/"] }) },
                "a legacy selector of the bucket without the slash": { eventSelectors: [{ readWriteType: "All", dataResources: [{ type: "AWS::S3::Object", values: ["arn:aws:s3:::stmary-phi"] }] }] },
            })) assert.equal(judged(props), 0, how);
        });
        it("takes a dependency on the bucket as naming it only where the property holds one ARN value", () => {
            // A dependency is per property: with two ARN values, which one was built from the bucket is not known.
            const bucket = resource(BUCKET, phi, { name: "phi" });
            const other = resource(BUCKET, { bucket: "other" }, { name: "other" });
            const readOnly = { fieldSelectors: [...selector("AWS::S3::Object", [UNKNOWN as never]).fieldSelectors, { field: "readOnly", equals: ["true"] }] };
            const twoOpen = resource(TRAIL, { advancedEventSelectors: [readOnly, selector("AWS::S3::Object", [UNKNOWN as never])] },
                { name: "t", deps: { advancedEventSelectors: [bucket, other] } });
            assert.equal(findingsOf(cloudtrailDataEvents, [bucket, other, twoOpen]).filter(f => f.name === "phi").length, 1, "the full selector may be the other bucket's");
            const exclusions = resource(TRAIL, { advancedEventSelectors: [{ fieldSelectors: [
                { field: "eventCategory", equals: ["Data"] }, { field: "resources.type", equals: ["AWS::S3::Object"] },
                { field: "resources.ARN", notStartsWiths: ["arn:aws:s3:::phi-4f2a/", "arn:aws:s3:::other/"] },
            ] }] }, { name: "t", deps: { advancedEventSelectors: [bucket] } });
            const [excluded] = findingsOf(cloudtrailDataEvents, [bucket, exclusions]);
            assert.equal(excluded?.unknown, true, "an exclusion of an unnamed bucket, built from it, may be this bucket's");
        });
        it("accepts the older eventSelectors dataResources", () => {
            const bucket = resource(BUCKET, { ...phi, bucket: "stmary-phi" }, { name: "phi" });
            const trail = resource(TRAIL, { eventSelectors: [{ dataResources: [{ type: "AWS::S3::Object", values: ["arn:aws:s3:::stmary-phi/"] }] }] }, { name: "t" });
            assertNoFinding(findingsOf(cloudtrailDataEvents, [bucket, trail]));
        });
        it("requires both HealthImaging data-event types when the stack has a datastore", () => {
            const store = resource("aws:cloudcontrol/resource:Resource", { typeName: "AWS::HealthImaging::Datastore", desiredState: "{}" }, { name: "dicom" });
            const half = resource(TRAIL, { advancedEventSelectors: [selector("AWS::MedicalImaging::Datastore")] }, { name: "t" });
            const [f] = findingsOf(cloudtrailDataEvents, [store, half]);
            assert.match(f.message, /AWS::MedicalImaging::Imageset/);
            const full = resource(TRAIL, { advancedEventSelectors: [selector("AWS::MedicalImaging::Datastore"), selector("AWS::MedicalImaging::Imageset")] }, { name: "t" });
            assertNoFinding(findingsOf(cloudtrailDataEvents, [store, full]));
        });
    });

    describe("aws-audit-log-s3-bucket (stack)", () => {
        const LOGGING = "aws:s3/bucketLogging:BucketLogging";
        it("passes a bucket logging to the log bucket, and does not ask the log bucket to log", () => {
            const logs = resource(BUCKET, {}, { name: "logs" }), data = resource(BUCKET, {}, { name: "data" });
            const logging = resource(LOGGING, { targetPrefix: "data/", bucket: UNKNOWN, targetBucket: UNKNOWN }, { name: "data-logging", deps: { bucket: [data], targetBucket: [logs] } });
            assertNoFinding(findingsOf(s3Bucket, [logs, data, logging]));
        });
        it("reports a bucket without access logging, and one logging into itself", () => {
            const data = resource(BUCKET, {}, { name: "data" });
            assert.match(findingsOf(s3Bucket, [data])[0].message, /No aws:s3\/bucketLogging:BucketLogging refers to this bucket/);
            const self = resource(BUCKET, { bucket: "self" }, { name: "self" });
            const other = resource(BUCKET, { bucket: "other" }, { name: "other" });
            const loops = [resource(LOGGING, { bucket: "self", targetBucket: "other" }, { name: "l1" }), resource(LOGGING, { bucket: "other", targetBucket: "self" }, { name: "l2" })];
            assert.deepEqual(findingsOf(s3Bucket, [self, other, ...loops]), [], "two buckets logging to each other are both access-log targets");
            const named = resource(BUCKET, { bucket: "data" }, { name: "data" });
            const findings = findingsOf(s3Bucket, [self, named, resource(LOGGING, { bucket: "data", targetBucket: "data" }, { name: "l" })]);
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
            const cluster = resource(CLUSTER, { clusterIdentifier: "stmary-w" }, { name: "w" });
            const logging = resource(LOGGING, { clusterIdentifier: "stmary-w", logDestinationType: "cloudwatch", logExports: ["connectionlog", "useractivitylog", "userlog"] }, { name: "w-logging" });
            assertNoFinding(findingsOf(redshiftCluster, [cluster, logging]));
        });
        it("relates a Logging to its cluster by identifier in any case, as Redshift reads it", () => {
            const cluster = resource(CLUSTER, { clusterIdentifier: "StMary-W" }, { name: "w" });
            const logging = resource(LOGGING, { clusterIdentifier: "stmary-w", logDestinationType: "cloudwatch", logExports: ["connectionlog", "useractivitylog", "userlog"] }, { name: "w-logging" });
            assertNoFinding(findingsOf(redshiftCluster, [cluster, logging]));
        });
        it("reports a cluster without a Logging resource, and one exporting too little", () => {
            const cluster = resource(CLUSTER, { clusterIdentifier: "stmary-w" }, { name: "w" });
            assert.match(findingsOf(redshiftCluster, [cluster])[0].message, /aws:redshift\/logging:Logging is unset/);
            const partial = resource(LOGGING, { logDestinationType: "cloudwatch", logExports: ["userlog"] }, { name: "l", deps: { clusterIdentifier: [cluster] } });
            const [f] = findingsOf(redshiftCluster, [cluster, partial]);
            assert.equal(f.urn, cluster.urn);
            assert.match(f.message, /logExports is \["userlog"\]/);
        });
        it("requires enable_user_activity_logging in the parameter group", () => {
            const group = resource("aws:redshift/parameterGroup:ParameterGroup", { parameters: [{ name: "enable_user_activity_logging", value: "true" }] }, { name: "pg" });
            const cluster = resource(CLUSTER, {}, { name: "w", deps: { clusterParameterGroupName: [group] } });
            assertNoFinding(findingsOf(redshiftParameterGroup, [group, cluster]));
            const bare = resource("aws:redshift/parameterGroup:ParameterGroup", { parameters: [] }, { name: "pg" });
            assert.match(findingsOf(redshiftParameterGroup, [bare, cluster])[0].message, /no enable_user_activity_logging parameter/);
        });
    });

    describe("aws-audit-log-emr-cluster", () => {
        it("passes an s3 logUri and reports a missing one", () => {
            assertNoFinding(findingsOf(emrCluster, resource("aws:emr/cluster:Cluster", { logUri: "s3://logs/emr/" }, { name: "c" })));
            assert.match(findingsOf(emrCluster, resource("aws:emr/cluster:Cluster", {}, { name: "c" }))[0].message, /logUri is unset; wanted an s3:\/\/ URI/);
        });
    });

    describe("aws-audit-log-vpc-flow-log (stack)", () => {
        it("passes a VPC with an ALL flow log and reports a VPC with a REJECT-only one", () => {
            const vpc = resource("aws:ec2/vpc:Vpc", {}, { name: "vpc" });
            const all = resource("aws:ec2/flowLog:FlowLog", { trafficType: "ALL" }, { name: "fl", deps: { vpcId: [vpc] } });
            assertNoFinding(findingsOf(vpcFlowLog, [vpc, all]));
            const reject = resource("aws:ec2/flowLog:FlowLog", { trafficType: "REJECT" }, { name: "fl", deps: { vpcId: [vpc] } });
            const [f] = findingsOf(vpcFlowLog, [vpc, reject]);
            assert.equal(f.urn, vpc.urn);
            assert.match(f.message, /trafficType is "REJECT"/);
            assert.match(findingsOf(vpcFlowLog, [vpc])[0].message, /No aws:ec2\/flowLog refers to this VPC/);
        });
        it("asks the same of the default VPC a program adopts", () => {
            const adopted = resource("aws:ec2/defaultVpc:DefaultVpc", {}, { name: "default" });
            assert.equal(findingsOf(vpcFlowLog, [adopted])[0].urn, adopted.urn);
            const all = resource("aws:ec2/flowLog:FlowLog", { trafficType: "ALL" }, { name: "fl", deps: { vpcId: [adopted] } });
            assertNoFinding(findingsOf(vpcFlowLog, [adopted, all]));
        });
    });
});
