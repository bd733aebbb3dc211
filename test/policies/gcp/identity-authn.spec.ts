import { UNKNOWN, assertNoFinding, assertOneViolation, assertOnlyUnknown, assertViolations, findingsOf, resource } from "../../support/policies";

const kerberos = { enableKerberos: true, kmsKeyUri: "projects/p/locations/l/keyRings/r/cryptoKeys/k", rootPrincipalPasswordUri: "gs://b/root-password.encrypted" };
const shielded = { enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true };
const cluster = (securityConfig: unknown, shieldedInstanceConfig: unknown = shielded) =>
    resource("gcp:dataproc/cluster:Cluster", { clusterConfig: { securityConfig, gceClusterConfig: { shieldedInstanceConfig } } });

describe("policies/gcp/identity-authn", () => {
    it("requires Kerberos secure mode with a KMS key and an encrypted root password", () => {
        assertNoFinding(findingsOf("gcp-identity-authn-dataproc-cluster", [cluster({ kerberosConfig: kerberos })]));
        assertViolations(findingsOf("gcp-identity-authn-dataproc-cluster", [cluster(undefined)]), ["clusterConfig.securityConfig.kerberosConfig.enableKerberos", "clusterConfig.securityConfig.kerberosConfig.kmsKeyUri", "clusterConfig.securityConfig.kerberosConfig.rootPrincipalPasswordUri"]);
        assertOneViolation(findingsOf("gcp-identity-authn-dataproc-cluster", [cluster({ kerberosConfig: { ...kerberos, rootPrincipalPasswordUri: "" } })]), "rootPrincipalPasswordUri");
        assertOnlyUnknown(findingsOf("gcp-identity-authn-dataproc-cluster", [cluster({ kerberosConfig: { ...kerberos, kmsKeyUri: UNKNOWN } })]), "kmsKeyUri");
    });

    it("requires Shielded VM secure boot, vTPM and integrity monitoring", () => {
        assertNoFinding(findingsOf("gcp-identity-authn-dataproc-shielded-vm", [cluster({ kerberosConfig: kerberos })]));
        assertViolations(findingsOf("gcp-identity-authn-dataproc-shielded-vm", [cluster({ kerberosConfig: kerberos }, {})]), ["clusterConfig.gceClusterConfig.shieldedInstanceConfig.enableSecureBoot", "clusterConfig.gceClusterConfig.shieldedInstanceConfig.enableVtpm", "clusterConfig.gceClusterConfig.shieldedInstanceConfig.enableIntegrityMonitoring"]);
        assertOneViolation(findingsOf("gcp-identity-authn-dataproc-shielded-vm", [cluster({ kerberosConfig: kerberos }, { ...shielded, enableVtpm: false })]), "shieldedInstanceConfig.enableVtpm");
    });
});
