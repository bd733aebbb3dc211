import { fails, passes, res, unknownFinding, UNKNOWN } from "./fixtures";

const kerberos = { enableKerberos: true, kmsKeyUri: "projects/p/locations/l/keyRings/r/cryptoKeys/k", rootPrincipalPasswordUri: "gs://b/root-password.encrypted" };
const shielded = { enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true };
const cluster = (securityConfig: unknown, shieldedInstanceConfig: unknown = shielded) =>
    res("gcp:dataproc/cluster:Cluster", { clusterConfig: { securityConfig, gceClusterConfig: { shieldedInstanceConfig } } });

describe("policies/gcp/identity-authn", () => {
    it("requires Kerberos secure mode with a KMS key and an encrypted root password", () => {
        passes("gcp-identity-authn-dataproc-cluster", [cluster({ kerberosConfig: kerberos })]);
        fails("gcp-identity-authn-dataproc-cluster", [cluster(undefined)], "clusterConfig.securityConfig.kerberosConfig.enableKerberos");
        fails("gcp-identity-authn-dataproc-cluster", [cluster({ kerberosConfig: { ...kerberos, rootPrincipalPasswordUri: "" } })], "rootPrincipalPasswordUri");
        unknownFinding("gcp-identity-authn-dataproc-cluster", [cluster({ kerberosConfig: { ...kerberos, kmsKeyUri: UNKNOWN } })], "kmsKeyUri");
    });

    it("requires Shielded VM secure boot, vTPM and integrity monitoring", () => {
        passes("gcp-identity-authn-dataproc-shielded-vm", [cluster({ kerberosConfig: kerberos })]);
        fails("gcp-identity-authn-dataproc-shielded-vm", [cluster({ kerberosConfig: kerberos }, {})], "shieldedInstanceConfig.enableSecureBoot");
        fails("gcp-identity-authn-dataproc-shielded-vm", [cluster({ kerberosConfig: kerberos }, { ...shielded, enableVtpm: false })], "shieldedInstanceConfig.enableVtpm");
    });
});
