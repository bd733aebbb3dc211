// AUDIT-LOG on AWS: control-plane and data-access logs captured centrally (shared/CONTROLS.md 1b).
import { isText, terraformReads } from "../lib/inputs";
import { expect, notApplicable, PolicyResource, resourceRule, Rule, stackRule, Violation } from "../lib/rule";
import { get, isUnknown, UNKNOWN } from "../lib/values";
import { BucketIndex, missing, onBucket } from "./support/buckets";
import { isHealthImaging } from "./support/healthimaging";
import { CFN_S3_BUCKET, judgeDesiredState } from "./support/cloudcontrol";
import { Lookup } from "../lib/stack-index";
import { parameterViolations, redshiftGroup } from "./support/parameter-groups";
import { mayHoldPhi } from "./support/tags";
import { coversBucket, dataEventCoverage } from "./support/trails";
import { T, rdsDatabaseTypes } from "./support/tokens";

const cloud = "aws" as const;
const controls = ["AUDIT-LOG" as const];

export const cloudtrailTrail = resourceRule({
    name: "aws-audit-log-cloudtrail-trail", cloud, controls, severity: "high", types: [T.cloudtrailTrail],
    description: "A CloudTrail trail logs every region and global service events, is on, and delivers to CloudWatch Logs for review and alarms.",
    remediation: "Set isMultiRegionTrail true, includeGlobalServiceEvents true, enableLogging true, cloudWatchLogsGroupArn (\"<log group ARN>:*\") and cloudWatchLogsRoleArn.",
    check: r => [
        ...expect(r.props, "isMultiRegionTrail", terraformReads.on, "true"),
        ...expect(r.props, "includeGlobalServiceEvents", terraformReads.onOrUnset, "true (the default)"),
        ...expect(r.props, "enableLogging", terraformReads.onOrUnset, "true (the default)"),
        ...expect(r.props, "cloudWatchLogsGroupArn", isText, "the ARN of a CloudWatch log group"),
        ...expect(r.props, "cloudWatchLogsRoleArn", isText, "the ARN of a role CloudTrail assumes to write to it"),
    ],
});

const S3_OBJECT = "AWS::S3::Object";
const IMAGING_TYPES = ["AWS::MedicalImaging::Datastore", "AWS::MedicalImaging::Imageset"];

/**
 * PHI stores are the S3 buckets that may hold PHI (tagged data-classification=phi by their own or
 * the provider's default tags, or not classified at all) other than log buckets (access-log targets
 * and trail buckets: logging the trail's own writes would loop), and every HealthImaging datastore.
 * Each needs a trail of this stack that records its data events.
 */
export const cloudtrailDataEvents = stackRule({
    name: "aws-audit-log-cloudtrail-data-events", cloud, controls, severity: "high",
    description: "Every PHI store (an S3 bucket classified phi or not classified, other than a bucket that receives access, trail, CloudFront or load-balancer logs; a HealthImaging datastore) has its data events (object reads and writes, image access) recorded by a CloudTrail trail of this stack.",
    remediation: "Add advanced event selectors to the trail: eventCategory \"Data\" with resources.type \"AWS::S3::Object\" (optionally resources.ARN of the PHI buckets), and one each for \"AWS::MedicalImaging::Datastore\" and \"AWS::MedicalImaging::Imageset\".",
    check: stack => {
        const trails = stack.ofType(...T.cloudtrailTrail);
        const out: Violation[] = [];
        const s3 = trails.map(t => [t, dataEventCoverage(t, S3_OBJECT)] as const);
        const buckets = BucketIndex.of(stack);
        const logBuckets = buckets.logBuckets(T.s3Logging, T.cloudtrailTrail);
        for (const bucket of buckets.buckets) {
            if (logBuckets.has(bucket) || !mayHoldPhi(bucket)) continue;
            const verdicts = s3.map(([t, c]) => coversBucket(t, c, bucket));
            if (verdicts.includes(true)) continue;
            out.push({ property: "advancedEventSelectors", found: verdicts.includes("unknown") ? UNKNOWN : undefined,
                wanted: `a trail with a data-event selector for ${S3_OBJECT} covering this bucket`, resource: bucket,
                note: trails.length ? "No trail of this stack records this bucket's data events." : "This stack has no aws:cloudtrail/trail." });
        }
        // A CloudControl bucket (AWS::S3::Bucket) is judged as any bucket, named by its desiredState BucketName; it carries no
        // classification tag this pack reads, so it counts as a PHI store.
        for (const view of buckets.cloudControlBuckets) {
            const verdicts = s3.map(([t, c]) => coversBucket(t, c, view));
            if (verdicts.includes(true)) continue;
            out.push({ property: "advancedEventSelectors", found: verdicts.includes("unknown") ? UNKNOWN : undefined,
                wanted: `a trail with a data-event selector for ${S3_OBJECT} covering this bucket`, resource: stack.byUrn(view.urn) ?? view,
                note: trails.length ? "No trail of this stack records this bucket's data events." : "This stack has no aws:cloudtrail/trail." });
        }
        const imaging = stack.ofType(...T.cloudcontrolResource).filter(isHealthImaging);
        if (imaging.length) {
            const missingTypes = IMAGING_TYPES.filter(type => !trails.some(t => dataEventCoverage(t, type) !== "none"));
            for (const store of imaging) {
                if (!missingTypes.length) continue;
                out.push({ property: "advancedEventSelectors", found: undefined, wanted: `data-event selectors for ${missingTypes.join(" and ")}`, resource: store,
                    note: trails.length ? "No trail of this stack records HealthImaging data events." : "This stack has no aws:cloudtrail/trail." });
            }
        }
        return out;
    },
});

export const s3Bucket = stackRule({
    name: "aws-audit-log-s3-bucket", cloud, controls, severity: "medium",
    judges: [T.s3Bucket],
    reads: { bucket: [T.s3Logging] },
    description: "Every S3 bucket writes server access logs to another bucket; a bucket that itself receives access logs is not asked to (it would log into itself or chain forever).",
    remediation: "Add an aws.s3.BucketLogging for the bucket with targetBucket = the hospital's access-log bucket and a targetPrefix.",
    check: stack => {
        const buckets = BucketIndex.of(stack);
        const accessLogTargets = buckets.logBuckets(T.s3Logging, [], false);
        return buckets.buckets.flatMap(bucket => {
            const loggings = buckets.attached(bucket, T.s3Logging);
            // A bucket logging into itself is a target of access logs too: judged before targets are let off.
            const intoItself = loggings.find(l => buckets.resolve(l, "targetBucket").includes(bucket));
            if (intoItself) return onBucket(bucket, intoItself, [{ property: "targetBucket", found: intoItself.props.targetBucket, wanted: "another bucket than the one logged" }]);
            if (accessLogTargets.has(bucket)) return [];
            const inline = bucket.props.logging;
            if (!loggings.length && (inline === undefined || inline === null)) return [missing(bucket, T.s3Logging[0], "an aws.s3.BucketLogging to the access-log bucket")];
            return loggings.flatMap(l => buckets.resolve(l, "targetBucket").length ? []
                : onBucket(bucket, l, expect(l.props, "targetBucket", isText, "the access-log bucket")));
        });
    },
});

export const cloudControlS3Bucket = resourceRule({
    name: "aws-audit-log-cloudcontrol-s3-bucket", cloud, controls, severity: "medium", types: [T.cloudcontrolResource],
    description: "An S3 bucket declared through CloudControl (AWS::S3::Bucket) writes server access logs to another bucket.",
    remediation: "In desiredState set LoggingConfiguration {DestinationBucketName: the access-log bucket, LogFilePrefix}.",
    check: judgeDesiredState(CFN_S3_BUCKET, "LoggingConfiguration.DestinationBucketName", props => {
        const target = get(props, "desiredState.LoggingConfiguration.DestinationBucketName");
        const own = get(props, "desiredState.BucketName");
        return expect(props, "desiredState.LoggingConfiguration.DestinationBucketName", v => isText(v) && v !== own, "the access-log bucket (another bucket than this one)")
            .map(v => target === undefined ? { ...v, note: "Without it S3 records no access to this bucket." } : v);
    }),
});

const requiredExports = ["connectionlog", "useractivitylog", "userlog"];

function loggingViolations(l: PolicyResource): Violation[] {
    const type = l.props.logDestinationType ?? (l.props.bucketName !== undefined ? "s3" : undefined);
    if (isUnknown(type)) return [{ property: "logDestinationType", found: type, wanted: "\"cloudwatch\" or \"s3\"" }];
    if (type === "cloudwatch") {
        return expect(l.props, "logExports", v => Array.isArray(v) && requiredExports.every(e => v.includes(e)), JSON.stringify(requiredExports));
    }
    if (type === "s3") return expect(l.props, "bucketName", isText, "the audit-log bucket");
    return [{ property: "logDestinationType", found: type, wanted: "\"cloudwatch\" (with logExports) or \"s3\" (with bucketName)" }];
}

export const redshiftCluster = stackRule({
    name: "aws-audit-log-redshift-cluster", cloud, controls, severity: "high",
    judges: [T.redshiftCluster],
    reads: { clusterIdentifier: [T.redshiftLogging] },
    description: "Every Redshift cluster has audit logging (aws.redshift.Logging) of connections, users and user activity to CloudWatch Logs or S3.",
    remediation: "Add an aws.redshift.Logging with clusterIdentifier = the cluster, logDestinationType \"cloudwatch\" and logExports [\"connectionlog\", \"useractivitylog\", \"userlog\"].",
    check: stack => {
        const clusters = stack.ofType(...T.redshiftCluster);
        // Redshift reads a cluster identifier in any case (it keeps it in lower case): "Phi-Warehouse" names "phi-warehouse".
        const byCluster = new Lookup(clusters, ["clusterIdentifier"], undefined, true).referrers(stack.ofType(...T.redshiftLogging), "clusterIdentifier");
        return clusters.flatMap(cluster => {
            const loggings = byCluster.get(cluster.urn) ?? [];
            if (!loggings.length) {
                return [{ property: T.redshiftLogging[0], found: undefined, wanted: "an aws.redshift.Logging for this cluster", resource: cluster,
                    note: "No aws:redshift/logging refers to this cluster (G4: the inline logging block is gone in @pulumi/aws 7)." }];
            }
            return loggings.flatMap(l => loggingViolations(l).map(v => ({ ...v, resource: cluster, note: `(on ${l.type} "${l.name}")` })));
        });
    },
});

export const redshiftParameterGroup = stackRule({
    name: "aws-audit-log-redshift-parameter-group", cloud, controls, severity: "medium",
    judges: [T.redshiftCluster],
    // The group the rule reads (parameter-groups.ts): judged with the cluster that names it.
    partsNamedBy: { [redshiftGroup.prop]: redshiftGroup.types },
    description: "Every Redshift cluster's parameter group sets enable_user_activity_logging to true, so the user activity log records each query.",
    remediation: "Add {name: \"enable_user_activity_logging\", value: \"true\"} to the cluster's aws.redshift.ParameterGroup.",
    check: stack => stack.ofType(...T.redshiftCluster).flatMap(c => parameterViolations(stack, c, redshiftGroup, "enable_user_activity_logging")),
});

export const emrCluster = resourceRule({
    name: "aws-audit-log-emr-cluster", cloud, controls, severity: "medium", types: [T.emrCluster],
    description: "An EMR cluster archives its logs to S3.",
    remediation: "Set logUri to an s3:// location in the hospital's log bucket.",
    check: r => expect(r.props, "logUri", v => typeof v === "string" && /^s3n?:\/\//.test(v), "an s3:// URI"),
});

export const rdsDatabase = resourceRule({
    name: "aws-audit-log-rds-database", cloud, controls, severity: "medium", types: rdsDatabaseTypes,
    description: "An RDS instance or Aurora cluster exports its database logs to CloudWatch Logs (Security Hub RDS.9), where they are kept and searched with the other audit logs.",
    remediation: "Set enabledCloudwatchLogsExports to the engine's logs (postgresql; audit, error, general for MySQL; audit and error for SQL Server).",
    check: r => expect(r.props, "enabledCloudwatchLogsExports", v => Array.isArray(v) && v.length > 0, "at least one log type"),
});

export const vpcFlowLog = stackRule({
    name: "aws-audit-log-vpc-flow-log", cloud, controls, severity: "medium",
    judges: [T.vpc],
    reads: { vpcId: [T.flowLog] },
    description: "Every VPC has a flow log that records all traffic (accepted and rejected).",
    remediation: "Add an aws.ec2.FlowLog with vpcId = the VPC, trafficType \"ALL\" and a log destination.",
    check: stack => {
        const vpcs = stack.ofType(...T.vpc);
        const byVpc = new Lookup(vpcs, ["id"]).referrers(stack.ofType(...T.flowLog), "vpcId");
        return vpcs.flatMap(vpc => {
            const logs = byVpc.get(vpc.urn) ?? [];
            if (logs.some(l => l.props.trafficType === "ALL")) return [];
            const unknown = logs.find(l => isUnknown(l.props.trafficType));
            return [{ property: logs.length ? "trafficType" : T.flowLog[0], found: unknown ? unknown.props.trafficType : logs[0]?.props.trafficType,
                wanted: "a flow log with trafficType \"ALL\"", resource: vpc,
                note: logs.length ? `(on ${logs[0].type} "${logs[0].name}")` : "No aws:ec2/flowLog refers to this VPC." }];
        });
    },
});

/**
 * ECS Exec opens a shell in a running container, where PHI is: its sessions are logged unless logging is
 * "NONE" ("DEFAULT" sends them where the task definition's awslogs configuration says; "OVERRIDE" where
 * logConfiguration says, which must then name a log group or bucket).
 */
export const ecsCluster = resourceRule({
    name: "aws-audit-log-ecs-cluster", cloud, controls, severity: "medium", types: [T.ecsCluster],
    description: "An ECS cluster logs ECS Exec sessions (executeCommandConfiguration.logging not \"NONE\"; with \"OVERRIDE\", a log group or S3 bucket named).",
    remediation: "Leave configuration.executeCommandConfiguration.logging unset or \"DEFAULT\", or set \"OVERRIDE\" with logConfiguration.cloudWatchLogGroupName.",
    check: r => {
        const path = "configuration.executeCommandConfiguration";
        const logging = get(r.props, `${path}.logging`);
        if (isUnknown(logging)) return [{ property: `${path}.logging`, found: logging, wanted: "\"DEFAULT\" or \"OVERRIDE\"" }];
        if (logging === undefined || logging === null || logging === "DEFAULT") return [];
        if (logging !== "OVERRIDE") return [{ property: `${path}.logging`, found: logging, wanted: "\"DEFAULT\" or \"OVERRIDE\" (\"NONE\" keeps no record of shell sessions in containers)" }];
        const group = get(r.props, `${path}.logConfiguration.cloudWatchLogGroupName`), bucket = get(r.props, `${path}.logConfiguration.s3BucketName`);
        if (isText(group) || isText(bucket)) return [];
        return [{ property: `${path}.logConfiguration`, found: isUnknown(group) || isUnknown(bucket) ? UNKNOWN : get(r.props, `${path}.logConfiguration`),
            wanted: "cloudWatchLogGroupName or s3BucketName" }];
    },
});

/** EKS control-plane logs: "audit" (who did what through the Kubernetes API) and "authenticator" (who signed in) (Security Hub EKS.8). */
export const eksCluster = resourceRule({
    name: "aws-audit-log-eks-cluster", cloud, controls, severity: "high", types: [T.eksCluster],
    description: "An EKS cluster sends its Kubernetes audit and authenticator logs to CloudWatch Logs (enabledClusterLogTypes).",
    remediation: "Set enabledClusterLogTypes to include \"audit\" and \"authenticator\" (also \"api\", \"controllerManager\", \"scheduler\" as needed).",
    check: r => expect(r.props, "enabledClusterLogTypes", v => Array.isArray(v) && ["audit", "authenticator"].every(t => v.includes(t)), "a list with \"audit\" and \"authenticator\""),
});

/** Load balancer access logs: every request, its client and target (Config elb-logging-enabled). A Gateway Load Balancer has none. */
export const loadBalancer = resourceRule({
    name: "aws-audit-log-load-balancer", cloud, controls, severity: "medium", types: [T.loadBalancer],
    description: "An application or network load balancer writes access logs to S3 (accessLogs.enabled with a bucket).",
    remediation: "Set accessLogs {enabled: true, bucket: your log bucket} (the bucket's policy must let the ELB log delivery write).",
    check: r => {
        const kind = r.props.loadBalancerType;
        if (isUnknown(kind)) return [{ property: "loadBalancerType", found: kind, wanted: "a known type" }];
        if (kind === "gateway") return notApplicable("a Gateway Load Balancer forwards packets to appliances and has no access logs");
        return [...expect(r.props, "accessLogs.enabled", terraformReads.on, "true"), ...expect(r.props, "accessLogs.bucket", isText, "the log bucket's name")];
    },
});

export const cloudfrontDistribution = resourceRule({
    name: "aws-audit-log-cloudfront-distribution", cloud, controls, severity: "medium", types: [T.cloudfrontDistribution],
    description: "A CloudFront distribution writes standard access logs (Config cloudfront-accesslogs-enabled).",
    remediation: "Set loggingConfig {bucket: \"<log bucket>.s3.amazonaws.com\"}.",
    check: r => expect(r.props, "loggingConfig.bucket", isText, "the log bucket's domain name"),
});

/** API Gateway access logs: who called which route, from where, with what result (Config api-gw-execution-logging-enabled, cdk-nag APIGWAccessLogging). */
export const apiGatewayStage = resourceRule({
    name: "aws-audit-log-api-gateway-stage", cloud, controls, severity: "medium", types: [T.apigatewayStage, T.apigatewayv2Stage],
    description: "An API Gateway stage (REST, HTTP or WebSocket) writes access logs to a log destination (accessLogSettings.destinationArn).",
    remediation: "Set accessLogSettings {destinationArn: a log group's ARN, format: a JSON line with $context.requestId, identity, route and status}.",
    check: r => [...expect(r.props, "accessLogSettings.destinationArn", isText, "the ARN of a CloudWatch log group or Firehose stream"),
        ...expect(r.props, "accessLogSettings.format", isText, "a log format")],
});

/** Step Functions execution history lasts 90 days in the service; logging to CloudWatch keeps who ran what (Config step-functions-state-machine-logging-enabled). */
export const stateMachine = resourceRule({
    name: "aws-audit-log-state-machine", cloud, controls, severity: "medium", types: [T.sfnStateMachine],
    description: "A Step Functions state machine logs its executions to CloudWatch Logs (loggingConfiguration level ALL, ERROR or FATAL, with a destination).",
    remediation: "Set loggingConfiguration {level: \"ALL\", logDestination: \"<log group ARN>:*\"} (includeExecutionData only if the log group is as protected as the data).",
    check: r => [
        ...expect(r.props, "loggingConfiguration.level", v => v === "ALL" || v === "ERROR" || v === "FATAL", "\"ALL\", \"ERROR\" or \"FATAL\" (not \"OFF\")"),
        ...expect(r.props, "loggingConfiguration.logDestination", isText, "a log group's ARN"),
    ],
});

export const appsyncApi = resourceRule({
    name: "aws-audit-log-appsync-api", cloud, controls, severity: "medium", types: [T.appsyncApi],
    description: "An AppSync GraphQL API logs requests to CloudWatch Logs (logConfig.fieldLogLevel not NONE).",
    remediation: "Set logConfig {cloudwatchLogsRoleArn, fieldLogLevel: \"ERROR\" or \"ALL\"}.",
    check: r => [...expect(r.props, "logConfig.fieldLogLevel", v => typeof v === "string" && ["ERROR", "ALL", "INFO", "DEBUG"].includes(v), "\"ERROR\", \"INFO\", \"DEBUG\" or \"ALL\""),
        ...expect(r.props, "logConfig.cloudwatchLogsRoleArn", isText, "the role AppSync writes logs with")],
});

export const rules: Rule[] = [stateMachine, appsyncApi, ecsCluster, eksCluster, loadBalancer, cloudfrontDistribution, apiGatewayStage, cloudtrailTrail, cloudtrailDataEvents, s3Bucket, cloudControlS3Bucket, redshiftCluster, redshiftParameterGroup, emrCluster, rdsDatabase, vpcFlowLog];
