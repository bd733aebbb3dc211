// ENC-TRANSIT on AWS: TLS-only access to PHI buckets, in-transit encryption in EMR, SSL required by
// Redshift (shared/CONTROLS.md 1b).
import { expect, PolicyResource, resourceRule, Rule, stackRule, Violation } from "../lib/rule";
import { isUnknown, parseJson } from "../lib/values";
import { BucketIndex, onBucket } from "./support/buckets";
import { isFalse, isSet, isTrue } from "./support/inputs";
import { conditionValues, isDeny, isEveryone, Statement, statementsAt, strings } from "./support/policy-document";
import { parameterViolations, rdsClusterGroup, rdsInstanceGroup, redshiftGroup } from "./support/parameter-groups";
import { EMR_SECURITY_CONFIGURATION, RDS_CLUSTER, RDS_DATABASE, REDSHIFT_CLUSTER, S3_POLICY } from "./support/tokens";
import { S3_BUCKET as BUCKET_TYPES } from "./support/tokens";

const cloud = "aws" as const;
const controls = ["ENC-TRANSIT" as const];
const wantedTlsDeny = "a statement {Effect: \"Deny\", Principal: \"*\", Action: \"s3:*\", Condition: {Bool: {\"aws:SecureTransport\": \"false\"}}}";

/** The statement that refuses every request not made over TLS (cdk-nag S3BucketSSLRequestsOnly). */
export function deniesInsecureTransport(s: Statement): boolean {
    if (!isDeny(s) || !isEveryone(s.Principal)) return false;
    const actions = strings(s.Action).map(a => a.toLowerCase());
    if (!actions.includes("s3:*") && !actions.includes("*")) return false;
    return conditionValues(s, "Bool", "aws:SecureTransport").some(isFalse);
}

/** Whether the `policy` in `props` (JSON text or object) denies insecure transport: true, false, or UNKNOWN at preview. */
function policyDeniesInsecure(props: Record<string, unknown>): boolean | symbol {
    const statements = statementsAt(props, "policy");
    if (isUnknown(statements)) return statements;
    return statements.some(deniesInsecureTransport);
}

function bucketTls(bucket: PolicyResource, buckets: BucketIndex): Violation[] {
    const policies = buckets.attached(bucket, S3_POLICY);
    const candidates: [PolicyResource | undefined, Record<string, unknown>][] = policies.map(p => [p, p.props]);
    if (bucket.props.policy !== undefined && bucket.props.policy !== null) candidates.push([undefined, bucket.props]);
    if (!candidates.length) {
        return [{ property: "policy", found: undefined, wanted: wantedTlsDeny, resource: bucket, note: "No aws:s3/bucketPolicy refers to this bucket." }];
    }
    const verdicts = candidates.map(([, p]) => policyDeniesInsecure(p));
    if (verdicts.includes(true)) return [];
    const unknownAt = verdicts.findIndex(v => isUnknown(v));
    if (unknownAt >= 0) return onBucket(bucket, candidates[unknownAt][0], [{ property: "policy", found: verdicts[unknownAt], wanted: wantedTlsDeny }]);
    const [sub, props] = candidates[0];
    const text = typeof props.policy === "string" ? props.policy : JSON.stringify(props.policy);
    return onBucket(bucket, sub, [{ property: "policy", found: text, wanted: wantedTlsDeny }]);
}

export const s3BucketPolicy = stackRule({
    name: "aws-enc-transit-s3-bucket-policy", cloud, controls, severity: "high",
    judges: BUCKET_TYPES,
    reads: { bucket: S3_POLICY },
    description: "Every S3 bucket's policy denies all requests that are not made over TLS (aws:SecureTransport false).",
    remediation: "Add an aws.s3.BucketPolicy for the bucket with a Deny of s3:* to Principal \"*\" on the bucket and its objects under Condition Bool aws:SecureTransport \"false\".",
    check: stack => {
        const buckets = BucketIndex.of(stack);
        return buckets.buckets.flatMap(b => bucketTls(b, buckets));
    },
});

export const emrSecurityConfiguration = resourceRule({
    name: "aws-enc-transit-emr-security-configuration", cloud, controls, severity: "high", types: EMR_SECURITY_CONFIGURATION,
    description: "An EMR security configuration turns on in-transit encryption with a TLS certificate provider.",
    remediation: "In configuration set EncryptionConfiguration.EnableInTransitEncryption true and InTransitEncryptionConfiguration.TLSCertificateConfiguration.CertificateProviderType (\"PEM\" with S3Object, or \"Custom\").",
    check: r => {
        const config = parseJson(r.props.configuration);
        if (isUnknown(config)) return [{ property: "configuration", found: config, wanted: "in-transit encryption on" }];
        const doc = { configuration: config ?? {} } as Record<string, unknown>;
        return [
            ...expect(doc, "configuration.EncryptionConfiguration.EnableInTransitEncryption", isTrue, "true"),
            ...expect(doc, "configuration.EncryptionConfiguration.InTransitEncryptionConfiguration.TLSCertificateConfiguration.CertificateProviderType",
                isSet, "\"PEM\", \"Custom\" or \"EMR\""),
        ];
    },
});

export const redshiftCluster = stackRule({
    name: "aws-enc-transit-redshift-cluster", cloud, controls, severity: "high",
    judges: REDSHIFT_CLUSTER,
    description: "Every Redshift cluster uses a parameter group of this stack that sets require_ssl to true.",
    remediation: "Create an aws.redshift.ParameterGroup with {name: \"require_ssl\", value: \"true\"} and set the cluster's clusterParameterGroupName to it.",
    check: stack => stack.ofType(...REDSHIFT_CLUSTER).flatMap(c => parameterViolations(stack, c, redshiftGroup, "require_ssl")),
});

/** The parameter that makes an engine refuse unencrypted connections; Oracle and Db2 use option groups instead. */
function tlsParameter(engine: string): string | undefined {
    if (/^(aurora-postgresql|postgres|sqlserver)/.test(engine)) return "rds.force_ssl";
    if (/^(aurora-mysql|aurora$|mysql|mariadb)/.test(engine)) return "require_secure_transport";
    return undefined;
}

export const rdsDatabase = stackRule({
    name: "aws-enc-transit-rds-database", cloud, controls, severity: "high",
    judges: RDS_DATABASE,
    description: "Every RDS instance and Aurora cluster uses a parameter group of this stack that refuses unencrypted connections (rds.force_ssl for PostgreSQL and SQL Server, require_secure_transport for MySQL and MariaDB).",
    remediation: "Create an aws.rds.ParameterGroup (aws.rds.ClusterParameterGroup for Aurora) of the engine's family with {name: \"rds.force_ssl\" or \"require_secure_transport\", value: \"1\"} and name it in parameterGroupName (dbClusterParameterGroupName).",
    check: stack => stack.ofType(...RDS_DATABASE).flatMap(db => {
        const engine = db.props.engine;
        if (isUnknown(engine)) return [{ property: "engine", found: engine, wanted: "an engine whose TLS parameter can be judged", resource: db }];
        const parameter = typeof engine === "string" ? tlsParameter(engine) : undefined;
        if (!parameter) return [];
        return parameterViolations(stack, db, RDS_CLUSTER.includes(db.type as never) ? rdsClusterGroup : rdsInstanceGroup, parameter, "\"1\"");
    }),
});

export const rules: Rule[] = [s3BucketPolicy, emrSecurityConfiguration, redshiftCluster, rdsDatabase];
