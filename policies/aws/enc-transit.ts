// ENC-TRANSIT on AWS: TLS-only access to PHI buckets, in-transit encryption in EMR, SSL required by
// Redshift (shared/CONTROLS.md 1b).
import { isText, readsAsAny, terraformReads } from "../lib/inputs";
import { expect, notApplicable, PolicyResource, resourceRule, Rule, stackRule, Violation } from "../lib/rule";
import { asArray, containsUnknown, get, isUnknown, parseJson, UNKNOWN, UNKNOWN_STRING } from "../lib/values";
import { BucketIndex, onBucket, onOutsideBucket } from "./support/buckets";
import { bucketKey } from "./support/relations";
import { CFN_S3_BUCKET } from "./support/cloudcontrol";
import { deniesInsecureTransport, duplicateSids, statementsAt } from "../lib/iam";
import { parameterViolations, rdsClusterGroup, rdsInstanceGroup, redshiftGroup } from "./support/parameter-groups";
import { nodeVerdict, replicationGroups } from "./support/elasticache";
import { T, rdsDatabaseTypes } from "./support/tokens";

const cloud = "aws" as const;
const controls = ["ENC-TRANSIT" as const];
const wantedTlsDeny = "a statement {Effect: \"Deny\", Principal: \"*\", Action: \"s3:*\", Condition: {Bool: {\"aws:SecureTransport\": \"false\"}}}";

/**
 * Whether the `policy` in `props` (JSON text or object) denies insecure transport on the bucket named
 * `bucketName` (undefined: a name the program does not know) and its objects: true, false, or UNKNOWN at
 * preview. A policy that repeats a Sid does not count: IAM wants each Sid unique and AWS may refuse the
 * whole document, TLS Deny and all.
 */
function policyDeniesInsecure(props: Record<string, unknown>, bucketName: string | undefined): boolean | symbol {
    const statements = statementsAt(props, "policy");
    if (isUnknown(statements)) return statements;
    return !duplicateSids(statements).length && statements.some(s => deniesInsecureTransport(s, bucketName));
}

/** The bucket's name, when the program gives it as text: the bucket's own `bucket`, else the name or ARN the policy resource names it by. */
function nameOf(bucket: PolicyResource | undefined, sub: PolicyResource | undefined): string | undefined {
    for (const v of [bucket?.props.bucket, sub?.props.bucket]) {
        if (typeof v === "string" && v.trim() !== "" && !v.includes(UNKNOWN_STRING)) return bucketKey(v);
    }
    return undefined;
}

/** Why a policy that holds the Deny still does not count, for the finding's note. */
function notCountedNote(props: Record<string, unknown>, bucketName: string | undefined): string | undefined {
    const statements = statementsAt(props, "policy");
    if (isUnknown(statements)) return undefined;
    const twice = duplicateSids(statements);
    if (twice.length) return `The policy gives the Sid ${twice.map(s => JSON.stringify(s)).join(", ")} to more than one statement; AWS may refuse the whole document.`;
    if (statements.some(s => deniesInsecureTransport(s, undefined) || deniesInsecureTransport({ ...s, Resource: "*" }, bucketName))) {
        return `Its TLS Deny does not cover ${bucketName ? `arn:aws:s3:::${bucketName} and arn:aws:s3:::${bucketName}/*` : "the bucket and all its objects"}.`;
    }
    return undefined;
}

/** A policy on a bucket outside the stack: S3 keeps one policy per bucket, so this document is the bucket's whole policy. */
function outsideTls(p: PolicyResource): Violation[] {
    const name = nameOf(undefined, p);
    const verdict = policyDeniesInsecure(p.props, name);
    if (verdict === true) return [];
    const found = isUnknown(verdict) ? verdict : typeof p.props.policy === "string" ? p.props.policy : JSON.stringify(p.props.policy);
    return onOutsideBucket(p, [{ property: "policy", found, wanted: wantedTlsDeny, note: isUnknown(verdict) ? undefined : notCountedNote(p.props, name) }]);
}

/**
 * A bucket's policies: S3 keeps one per bucket, so two documents for one bucket (two BucketPolicy
 * resources, or one beside the bucket's deprecated inline `policy`) overwrite each other in an order no
 * one reviews: each must hold the TLS Deny.
 */
function bucketTls(bucket: PolicyResource, buckets: BucketIndex): Violation[] {
    const policies = buckets.attached(bucket, T.s3Policy);
    const candidates: [PolicyResource | undefined, Record<string, unknown>][] = policies.map(p => [p, p.props]);
    if (bucket.props.policy !== undefined && bucket.props.policy !== null) candidates.push([undefined, bucket.props]);
    if (!candidates.length) {
        return [{ property: "policy", found: undefined, wanted: wantedTlsDeny, resource: bucket, note: "No aws:s3/bucketPolicy refers to this bucket." }];
    }
    return candidates.flatMap(([sub, props]) => {
        const name = nameOf(bucket, sub);
        const verdict = policyDeniesInsecure(props, name);
        if (verdict === true) return [];
        if (isUnknown(verdict)) return onBucket(bucket, sub, [{ property: "policy", found: verdict, wanted: wantedTlsDeny }]);
        const text = typeof props.policy === "string" ? props.policy : JSON.stringify(props.policy);
        return onBucket(bucket, sub, [{ property: "policy", found: text, wanted: wantedTlsDeny, note: notCountedNote(props, name) }]);
    });
}

export const s3BucketPolicy = stackRule({
    name: "aws-enc-transit-s3-bucket-policy", cloud, controls, severity: "high",
    // A bucket policy is judged by its content wherever its bucket is declared (aws14), so it is judged itself.
    judges: [T.s3Bucket, T.s3Policy],
    description: "Every S3 bucket's policy denies all requests that are not made over TLS (aws:SecureTransport false), and so does every bucket policy the stack sets on a bucket it does not declare.",
    remediation: "Add an aws.s3.BucketPolicy for the bucket with a Deny of s3:* to Principal \"*\" on the bucket and its objects under Condition Bool aws:SecureTransport \"false\".",
    check: stack => {
        const buckets = BucketIndex.of(stack);
        return [
            ...buckets.buckets.flatMap(b => bucketTls(b, buckets)),
            // Every policy on a bucket that is not an aws.s3.Bucket of the stack is judged by its content...
            ...buckets.unattached(T.s3Policy).flatMap(outsideTls),
            // ...and a CloudControl bucket (its policy is a resource of its own) needs one.
            ...buckets.cloudControlBuckets.flatMap((b): Violation[] => buckets.attachedToCloudControl(b, T.s3Policy).length ? []
                : [{ property: "policy", found: undefined, wanted: wantedTlsDeny, resource: stack.byUrn(b.urn) ?? b, note: `No aws:s3/bucketPolicy refers to this ${CFN_S3_BUCKET}.` }]),
        ];
    },
});

export const emrSecurityConfiguration = resourceRule({
    name: "aws-enc-transit-emr-security-configuration", cloud, controls, severity: "high", types: [T.emrSecurityConfiguration],
    description: "An EMR security configuration turns on in-transit encryption with a TLS certificate provider.",
    remediation: "In configuration set EncryptionConfiguration.EnableInTransitEncryption true and InTransitEncryptionConfiguration.TLSCertificateConfiguration.CertificateProviderType (\"PEM\" with S3Object, or \"Custom\").",
    check: r => {
        const config = parseJson(r.props.configuration);
        if (isUnknown(config)) return [{ property: "configuration", found: config, wanted: "in-transit encryption on" }];
        const doc = { configuration: config ?? {} } as Record<string, unknown>;
        return [
            ...expect(doc, "configuration.EncryptionConfiguration.EnableInTransitEncryption", terraformReads.on, "true"),
            ...expect(doc, "configuration.EncryptionConfiguration.InTransitEncryptionConfiguration.TLSCertificateConfiguration.CertificateProviderType",
                isText, "\"PEM\", \"Custom\" or \"EMR\""),
        ];
    },
});

/**
 * A cluster's in-transit encryption lives in its security configuration only: without one nothing is
 * encrypted between nodes, which ENC-REST-CMK's "no security configuration" finding alone left the
 * ENC-TRANSIT column showing compliant. A configuration of this stack is judged by the rule above; one
 * that is not in this stack cannot be read, so it does not count as compliant (as a parameter group).
 */
export const emrCluster = stackRule({
    name: "aws-enc-transit-emr-cluster", cloud, controls, severity: "high",
    description: "Every EMR cluster names a security configuration of this stack (where EMR's in-transit encryption is set; the security-configuration rule judges it).",
    remediation: "Create an aws.emr.SecurityConfiguration with EnableInTransitEncryption true and set the cluster's securityConfiguration to its name.",
    check: stack => stack.ofType(...T.emrCluster).flatMap((c): Violation[] => {
        const name = c.props.securityConfiguration;
        const wanted = "the name of an aws.emr.SecurityConfiguration of this stack with in-transit encryption on";
        if (isUnknown(name)) return stack.targetsOf(c, "securityConfiguration", T.emrSecurityConfiguration, ["name", "id"]).length ? [] : [{ property: "securityConfiguration", found: name, wanted, resource: c }];
        if (!isText(name)) return [{ property: "securityConfiguration", found: name, wanted, resource: c, note: "Without a security configuration EMR encrypts nothing in transit." }];
        if (stack.targetsOf(c, "securityConfiguration", T.emrSecurityConfiguration, ["name", "id"]).length) return [];
        return [{ property: "securityConfiguration", found: name, wanted, resource: c, note: "No aws:emr/securityConfiguration of this stack is named so; its in-transit encryption cannot be verified." }];
    }),
});

export const redshiftCluster = stackRule({
    name: "aws-enc-transit-redshift-cluster", cloud, controls, severity: "high",
    judges: [T.redshiftCluster],
    // The group the rule reads (parameter-groups.ts): judged with the cluster that names it.
    partsNamedBy: { [redshiftGroup.prop]: redshiftGroup.types },
    description: "Every Redshift cluster uses a parameter group of this stack that sets require_ssl to true.",
    remediation: "Create an aws.redshift.ParameterGroup with {name: \"require_ssl\", value: \"true\"} and set the cluster's clusterParameterGroupName to it.",
    check: stack => stack.ofType(...T.redshiftCluster).flatMap(c => parameterViolations(stack, c, redshiftGroup, "require_ssl")),
});

/** The parameter that makes an engine refuse unencrypted connections; Oracle and Db2 use option groups instead. */
function tlsParameter(engine: string): string | undefined {
    if (/^(aurora-postgresql|postgres|sqlserver)/.test(engine)) return "rds.force_ssl";
    if (/^(aurora-mysql|aurora$|mysql|mariadb)/.test(engine)) return "require_secure_transport";
    return undefined;
}

export const rdsDatabase = stackRule({
    name: "aws-enc-transit-rds-database", cloud, controls, severity: "high",
    judges: rdsDatabaseTypes,
    description: "Every RDS instance and Aurora cluster uses a parameter group of this stack that refuses unencrypted connections (rds.force_ssl for PostgreSQL and SQL Server, require_secure_transport for MySQL and MariaDB).",
    remediation: "Create an aws.rds.ParameterGroup (aws.rds.ClusterParameterGroup for Aurora) of the engine's family with {name: \"rds.force_ssl\" or \"require_secure_transport\", value: \"1\"} and name it in parameterGroupName (dbClusterParameterGroupName).",
    check: stack => stack.ofType(...rdsDatabaseTypes).flatMap(db => {
        const engine = db.props.engine;
        if (isUnknown(engine)) return [{ property: "engine", found: engine, wanted: "an engine whose TLS parameter can be judged", resource: db }];
        const parameter = typeof engine === "string" ? tlsParameter(engine) : undefined;
        // Oracle and Db2 (option groups), or an engine not given (a replica inherits its source's): this rule
        // cannot read the setting, so it says nothing about the database rather than calling it compliant.
        if (!parameter) return [{ property: "engine", found: engine, wanted: "", resource: db, notJudged: true }];
        return parameterViolations(stack, db, T.rdsCluster.includes(db.type as never) ? rdsClusterGroup : rdsInstanceGroup, parameter, "\"1\"");
    }),
});

/**
 * ElastiCache in transit: TLS on (transitEncryptionEnabled), and for a replication group not the "preferred"
 * mode, which still accepts plaintext clients (ElastiCache User Guide, "Enabling in-transit encryption").
 * A cluster that is a node of a replication group has the group's setting (judged there).
 */
export const elasticache = stackRule({
    name: "aws-enc-transit-elasticache", cloud, controls, severity: "high", judges: [T.elasticacheReplicationGroup, T.elasticacheCluster],
    description: "An ElastiCache replication group or standalone cluster accepts only TLS connections (transitEncryptionEnabled true, mode \"required\"); a cluster that is a node of a group, through a group of this stack.",
    remediation: "Set transitEncryptionEnabled true (and transitEncryptionMode \"required\", or leave it unset).",
    check: stack => {
        const groups = replicationGroups(stack);
        const tls = (r: PolicyResource) => expect(r.props, "transitEncryptionEnabled", terraformReads.on, "true", r);
        return [
            ...stack.ofType(...T.elasticacheReplicationGroup).flatMap(g => [...tls(g),
                ...expect(g.props, "transitEncryptionMode", v => v === undefined || v === null || v === "required", "\"required\" or unset (\"preferred\" accepts plaintext clients)", g)]),
            ...stack.ofType(...T.elasticacheCluster).flatMap(c => nodeVerdict(groups, c, "aws-enc-transit-elasticache", "a replication group of this stack that accepts only TLS") ?? tls(c)),
        ];
    },
});

/**
 * SNS delivers a message to an `http` endpoint in clear text; `https`, `sqs`, `lambda`, `firehose` and
 * `application` stay on TLS or inside AWS. Email and SMS deliveries leave AWS to a mailbox or phone (an
 * operator's alert, usually), outside what this control can judge: not a finding here.
 */

export const snsSubscription = resourceRule({
    name: "aws-enc-transit-sns-subscription", cloud, controls, severity: "high", types: [T.snsSubscription],
    description: "An SNS subscription does not deliver messages over plain HTTP.",
    remediation: "Use protocol \"https\" with an https:// endpoint.",
    // http is the unsafe value: read however it is spelt ("http\u200b", "ｈｔｔｐ").
    check: r => expect(r.props, "protocol", v => typeof v === "string" && !readsAsAny(v, "http"), "not \"http\" (use \"https\")"),
});

/**
 * ELB security policies that offer nothing older than TLS 1.2 (Elastic Load Balancing User Guide, "Security
 * policies for your Application Load Balancer"): the TLS13-1-2/1-3, TLS-1-2 and FS-1-2 families. The API's
 * default, ELBSecurityPolicy-2016-08, still accepts TLS 1.0, so an unset sslPolicy is not enough.
 */
const tls12Policy = /^ELBSecurityPolicy-(TLS13-1-[23]-|TLS-1-2-|FS-1-2-)/;
const wantedTls12Policy = "an ELBSecurityPolicy of the TLS13-1-2, TLS13-1-3, TLS-1-2 or FS-1-2 families (TLS 1.2 or later)";

/** A plain HTTP listener is acceptable only when every default action redirects to HTTPS. */
function redirectsToHttps(actions: unknown): boolean {
    return Array.isArray(actions) && actions.length > 0 && actions.every(a => !!a && typeof a === "object" &&
        (a as Record<string, unknown>).type === "redirect" && (a as { redirect?: { protocol?: unknown } }).redirect?.protocol === "HTTPS");
}

export const lbListener = resourceRule({
    name: "aws-enc-transit-lb-listener", cloud, controls, severity: "high", types: [T.lbListener],
    description: "A load balancer listener accepts only TLS 1.2 or later (HTTPS or TLS with a TLS 1.2 security policy); a plain HTTP listener only redirects to HTTPS.",
    remediation: "Use protocol \"HTTPS\" (ALB) or \"TLS\" (NLB) with sslPolicy \"ELBSecurityPolicy-TLS13-1-2-2021-06\"; make a port-80 listener's default action a redirect to HTTPS.",
    check: r => {
        const protocol = r.props.protocol, actions = r.props.defaultActions;
        if (isUnknown(protocol)) return [{ property: "protocol", found: protocol, wanted: "\"HTTPS\" or \"TLS\"" }];
        if (protocol === "HTTPS" || protocol === "TLS") return expect(r.props, "sslPolicy", v => typeof v === "string" && tls12Policy.test(v), wantedTls12Policy);
        if (protocol === "HTTP" && (isUnknown(actions) || containsUnknown(actions))) return [{ property: "defaultActions", found: UNKNOWN, wanted: "a redirect to HTTPS" }];
        if (protocol === "HTTP" && redirectsToHttps(actions)) return [];
        return [{ property: "protocol", found: protocol, wanted: "\"HTTPS\" or \"TLS\" (or HTTP whose every default action redirects to HTTPS)",
            note: protocol === "TCP" || protocol === "UDP" || protocol === "TCP_UDP" ? "A TCP or UDP listener passes bytes as they come: if the targets terminate TLS themselves, exempt it with that reason." : undefined }];
    },
});

/**
 * Load balancer to target: an HTTP or TCP target group carries PHI in clear text inside the VPC. Advisory:
 * ending TLS at the load balancer inside a private VPC is a common, defensible design; a reviewer decides.
 * A Lambda target has no protocol (AWS invokes it).
 */
export const lbTargetGroup = resourceRule({
    name: "aws-enc-transit-lb-target-group", cloud, controls, severity: "medium", enforcement: "advisory", types: [T.lbTargetGroup],
    description: "A target group reaches its targets over TLS (protocol HTTPS or TLS), so PHI is encrypted between the load balancer and the service.",
    remediation: "Set protocol \"HTTPS\" (or \"TLS\") and serve TLS on the targets, or exempt the group naming the private network it stays in.",
    check: r => {
        const type = r.props.targetType;
        if (isUnknown(type)) return [{ property: "targetType", found: type, wanted: "a known target type" }];
        if (type === "lambda") return notApplicable("a Lambda target is invoked by AWS, with no network protocol of its own");
        return expect(r.props, "protocol", v => v === "HTTPS" || v === "TLS" || v === "GENEVE", "\"HTTPS\" or \"TLS\"");
    },
});

/**
 * CloudFront: viewers over HTTPS only, TLS 1.2 or later on the viewer side (the default *.cloudfront.net
 * certificate allows TLS 1.0 and cannot be changed, Security Hub CloudFront.7/.10), and custom origins
 * reached over HTTPS with TLS 1.2 only.
 */
const httpsViewer = (v: unknown) => v === "https-only" || v === "redirect-to-https";

export const cloudfrontDistribution = resourceRule({
    name: "aws-enc-transit-cloudfront-distribution", cloud, controls, severity: "high", types: [T.cloudfrontDistribution],
    description: "A CloudFront distribution serves viewers over HTTPS only with TLS 1.2 or later and reaches custom origins over HTTPS with TLS 1.2 only.",
    remediation: "Set viewerProtocolPolicy \"redirect-to-https\" on every cache behavior, a viewerCertificate of your own (acmCertificateArn) with minimumProtocolVersion \"TLSv1.2_2021\", and each custom origin originProtocolPolicy \"https-only\" with originSslProtocols [\"TLSv1.2\"].",
    check: r => {
        const p = r.props;
        const wantedViewer = "\"https-only\" or \"redirect-to-https\"";
        const behaviors = get(p, "orderedCacheBehaviors");
        const origins = get(p, "origins");
        return [
            ...expect(p, "defaultCacheBehavior.viewerProtocolPolicy", httpsViewer, wantedViewer),
            ...(isUnknown(behaviors) ? [{ property: "orderedCacheBehaviors", found: behaviors, wanted: wantedViewer }]
                : asArray(behaviors as unknown[]).flatMap((_, i) => expect(p, `orderedCacheBehaviors[${i}].viewerProtocolPolicy`, httpsViewer, wantedViewer))),
            ...expect(p, "viewerCertificate.cloudfrontDefaultCertificate", terraformReads.offOrUnset, "false: your own certificate (the *.cloudfront.net one allows TLS 1.0)"),
            ...expect(p, "viewerCertificate.minimumProtocolVersion", v => typeof v === "string" && /^TLSv1\.[23]_/.test(v), "\"TLSv1.2_2021\" (or another TLSv1.2_/TLSv1.3_ policy)"),
            ...(isUnknown(origins) ? [{ property: "origins", found: origins, wanted: "custom origins over HTTPS with TLS 1.2" }]
                : asArray(origins as unknown[]).flatMap((_, i) => {
                    const custom = get(p, `origins[${i}].customOriginConfig`);
                    if (custom === undefined || custom === null) return [];
                    return [
                        ...expect(p, `origins[${i}].customOriginConfig.originProtocolPolicy`, v => v === "https-only", "\"https-only\""),
                        ...expect(p, `origins[${i}].customOriginConfig.originSslProtocols`, v => Array.isArray(v) && v.length > 0 && v.every(x => x === "TLSv1.2"), "[\"TLSv1.2\"]"),
                    ];
                })),
        ];
    },
});

/**
 * API Gateway to an HTTP backend: an integration URI on http:// carries the request, PHI and all, in clear
 * text (Lambda and AWS-service integrations are ARNs, reached by AWS over TLS). Through a VPC link the hop
 * stays in the VPC, and is still clear text: judged the same, exempt it with the reason.
 */
export const apiGatewayIntegration = resourceRule({
    name: "aws-enc-transit-api-gateway-integration", cloud, controls, severity: "high", types: [T.apigatewayIntegration, T.apigatewayv2Integration],
    description: "An API Gateway integration reaches an HTTP backend over https://, never http://.",
    remediation: "Point uri (REST) or integrationUri (HTTP API) at an https:// endpoint with a valid certificate.",
    check: r => {
        const path = T.apigatewayIntegration.includes(r.type as never) ? "uri" : "integrationUri";
        return expect(r.props, path, v => !(typeof v === "string" && /^\s*http:\/\//i.test(v)), "an https:// URL or an AWS ARN (not http://)");
    },
});

/** ECS tasks mounting EFS: TLS between the task and the file system (transitEncryption "ENABLED"; off by default). */
export const ecsTaskDefinition = resourceRule({
    name: "aws-enc-transit-ecs-task-definition", cloud, controls, severity: "high", types: [T.ecsTaskDefinition],
    description: "An ECS task definition mounts EFS volumes with in-transit encryption (efsVolumeConfiguration.transitEncryption \"ENABLED\").",
    remediation: "Set transitEncryption \"ENABLED\" on every efsVolumeConfiguration.",
    check: r => {
        const volumes = r.props.volumes;
        if (isUnknown(volumes)) return [{ property: "volumes", found: volumes, wanted: "EFS volumes with transitEncryption \"ENABLED\"" }];
        const efs = asArray(volumes as unknown[]).map((v, i) => [v, i] as const).filter(([v]) => isUnknown(v) || get(v, "efsVolumeConfiguration") !== undefined);
        if (!efs.length) return notApplicable("no EFS volume: the task mounts nothing over the network");
        return efs.flatMap(([, i]) => expect(r.props, `volumes[${i}].efsVolumeConfiguration.transitEncryption`, v => v === "ENABLED", "\"ENABLED\""));
    },
});

export const rules: Rule[] = [lbListener, lbTargetGroup, cloudfrontDistribution, apiGatewayIntegration, ecsTaskDefinition, elasticache, snsSubscription, s3BucketPolicy, emrSecurityConfiguration, emrCluster, redshiftCluster, rdsDatabase];
