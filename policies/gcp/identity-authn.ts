// IDENTITY-AUTHN on Google Cloud: people and services on a Dataproc cluster authenticate with Kerberos
// (Hadoop secure mode), and the cluster's VMs prove what they booted (Shielded VM: secure boot, vTPM,
// integrity monitoring), so a node is the entity it claims to be.
import { expect, resourceRule, Rule } from "../lib/rule";
import { isSet, isTrue, T } from "./common";
import { onComputeEngine } from "./enc-rest-cmk";

const controls: Rule["controls"] = ["IDENTITY-AUTHN"];
const kerberos = "clusterConfig.securityConfig.kerberosConfig";
const shielded = "clusterConfig.gceClusterConfig.shieldedInstanceConfig";

const dataprocKerberos = resourceRule({
    name: "gcp-identity-authn-dataproc-cluster", cloud: "gcp", controls, severity: "high",
    types: [T.dataproc],
    description: "A Dataproc cluster runs in Kerberos secure mode with a KMS-encrypted root principal password (G26: both URIs are required).",
    remediation: `Set \`${kerberos}\` with enableKerberos: true, kmsKeyUri and rootPrincipalPasswordUri (a KMS-encrypted password in a bucket).`,
    check: r => onComputeEngine(r) ?? [
        ...expect(r.props, `${kerberos}.enableKerberos`, isTrue, "true"),
        ...expect(r.props, `${kerberos}.kmsKeyUri`, isSet, "the KMS key that encrypts the root principal password"),
        ...expect(r.props, `${kerberos}.rootPrincipalPasswordUri`, isSet, "the gs:// URI of the KMS-encrypted root principal password"),
    ],
});

const dataprocShielded = resourceRule({
    name: "gcp-identity-authn-dataproc-shielded-vm", cloud: "gcp", controls, severity: "medium",
    types: [T.dataproc],
    description: "A Dataproc cluster's VMs are Shielded VMs: secure boot, vTPM and integrity monitoring on.",
    remediation: `Set \`${shielded}\` to { enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true }.`,
    check: r => onComputeEngine(r) ?? ["enableSecureBoot", "enableVtpm", "enableIntegrityMonitoring"]
        .flatMap(p => expect(r.props, `${shielded}.${p}`, isTrue, "true")),
});

export const rules: Rule[] = [dataprocKerberos, dataprocShielded];
