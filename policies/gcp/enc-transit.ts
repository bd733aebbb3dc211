// ENC-TRANSIT on Google Cloud. Google API endpoints (GCS, BigQuery, Healthcare, KMS) accept only TLS
// and have no switch to check (CONTROLS.md). What a program does choose: the TLS floor of its load
// balancers' SSL policies, and Hadoop secure mode on Dataproc, which (Dataproc docs, "Dataproc
// security configuration") brings encryption inside the cluster along with Kerberos authentication.
import { expect, resourceRule, Rule } from "../lib/rule";
import { get } from "../lib/values";
import { isTrue, T } from "./common";
import { onComputeEngine } from "./enc-rest-cmk";
import { onUrl } from "./workloads";

const controls: Rule["controls"] = ["ENC-TRANSIT"];
const modernTls: ReadonlySet<string> = new Set(["TLS_1_2", "TLS_1_3"]);
const strongProfiles: ReadonlySet<string> = new Set(["MODERN", "RESTRICTED", "CUSTOM"]);

const sslPolicy = resourceRule({
    name: "gcp-enc-transit-ssl-policy", cloud: "gcp", controls, severity: "high",
    types: [T.sslPolicy, T.regionSslPolicy],
    description: "A load balancer SSL policy accepts TLS 1.2 or later only (the API default is TLS 1.0).",
    remediation: "Set `minTlsVersion: \"TLS_1_2\"` (or \"TLS_1_3\" with profile RESTRICTED), with profile MODERN or RESTRICTED.",
    check: r => [
        ...expect(r.props, "minTlsVersion", v => modernTls.has(v), "\"TLS_1_2\" or \"TLS_1_3\" (unset means TLS_1_0)"),
        ...expect(r.props, "profile", v => strongProfiles.has(v), "\"MODERN\" or \"RESTRICTED\" (or \"CUSTOM\" without legacy ciphers; unset means COMPATIBLE)"),
    ],
});

const dataproc = resourceRule({
    name: "gcp-enc-transit-dataproc-cluster", cloud: "gcp", controls, severity: "high",
    types: [T.dataproc],
    description: "A Dataproc cluster runs Hadoop secure mode (Kerberos), which encrypts traffic between its services inside the cluster.",
    remediation: "Set `clusterConfig.securityConfig.kerberosConfig.enableKerberos: true` (with kmsKeyUri and rootPrincipalPasswordUri).",
    check: r => onComputeEngine(r) ?? expect(r.props, "clusterConfig.securityConfig.kerberosConfig.enableKerberos", isTrue, "true"),
});

const encryptedSslModes: ReadonlySet<unknown> = new Set(["ENCRYPTED_ONLY", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"]);

const sqlInstance = resourceRule({
    name: "gcp-enc-transit-sql-instance", cloud: "gcp", controls, severity: "high",
    types: [T.sqlInstance],
    description: "A Cloud SQL instance refuses unencrypted connections (CIS GCP 6.4; the default allows them).",
    remediation: "Set `settings.ipConfiguration.sslMode: \"ENCRYPTED_ONLY\"` (or \"TRUSTED_CLIENT_CERTIFICATE_REQUIRED\").",
    // @pulumi/gcp 8 programs may still write the deprecated `requireSsl: true`, which the API reads the same way.
    check: r => isTrue(get(r.props, "settings.ipConfiguration.requireSsl")) ? []
        : expect(r.props, "settings.ipConfiguration.sslMode", v => encryptedSslModes.has(v), "\"ENCRYPTED_ONLY\" or \"TRUSTED_CLIENT_CERTIFICATE_REQUIRED\" (unset allows unencrypted connections)"),
});

const functionV1 = resourceRule({
    name: "gcp-enc-transit-cloud-function", cloud: "gcp", controls, severity: "high",
    // Only 1st gen: a 2nd gen function and a Cloud Run service are served over HTTPS only, with no setting to judge.
    types: [T.functionV1],
    description: "A 1st gen HTTP Cloud Function answers plain HTTP only with a redirect to HTTPS (SECURE_ALWAYS); SECURE_OPTIONAL serves requests over HTTP.",
    remediation: "Set `httpsTriggerSecurityLevel: \"SECURE_ALWAYS\"`.",
    check: r => onUrl(r, () => expect(r.props, "httpsTriggerSecurityLevel", v => v === "SECURE_ALWAYS", "\"SECURE_ALWAYS\" (unset or SECURE_OPTIONAL serves plain HTTP)")),
});

export const rules: Rule[] = [sslPolicy, dataproc, sqlInstance, functionV1];
