import { assertNoFinding, assertOneViolation, findingsOf, resource } from "../../support/policies";

describe("policies/gcp/enc-transit", () => {
    it("requires TLS 1.2 or later with a modern profile on SSL policies (the defaults are TLS 1.0, COMPATIBLE)", () => {
        assertNoFinding(findingsOf("gcp-enc-transit-ssl-policy", [resource("gcp:compute/sSLPolicy:SSLPolicy", { minTlsVersion: "TLS_1_2", profile: "MODERN" })]));
        assertNoFinding(findingsOf("gcp-enc-transit-ssl-policy", [resource("gcp:compute/regionSslPolicy:RegionSslPolicy", { minTlsVersion: "TLS_1_3", profile: "RESTRICTED" })]));
        assertOneViolation(findingsOf("gcp-enc-transit-ssl-policy", [resource("gcp:compute/sSLPolicy:SSLPolicy", { profile: "MODERN" })]), "minTlsVersion");
        assertOneViolation(findingsOf("gcp-enc-transit-ssl-policy", [resource("gcp:compute/sSLPolicy:SSLPolicy", { minTlsVersion: "TLS_1_2" })]), "profile");
    });

    it("requires Hadoop secure mode (Kerberos) on a Dataproc cluster for in-cluster encryption", () => {
        assertNoFinding(findingsOf("gcp-enc-transit-dataproc-cluster", [resource("gcp:dataproc/cluster:Cluster", { clusterConfig: { securityConfig: { kerberosConfig: { enableKerberos: true } } } })]));
        assertOneViolation(findingsOf("gcp-enc-transit-dataproc-cluster", [resource("gcp:dataproc/cluster:Cluster", { clusterConfig: {} })]), "clusterConfig.securityConfig.kerberosConfig.enableKerberos");
    });
});
