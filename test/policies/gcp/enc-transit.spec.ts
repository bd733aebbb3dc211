import { fails, passes, res } from "./fixtures";

describe("policies/gcp/enc-transit", () => {
    it("requires TLS 1.2 or later with a modern profile on SSL policies (the defaults are TLS 1.0, COMPATIBLE)", () => {
        passes("gcp-enc-transit-ssl-policy", [res("gcp:compute/sSLPolicy:SSLPolicy", { minTlsVersion: "TLS_1_2", profile: "MODERN" })]);
        passes("gcp-enc-transit-ssl-policy", [res("gcp:compute/regionSslPolicy:RegionSslPolicy", { minTlsVersion: "TLS_1_3", profile: "RESTRICTED" })]);
        fails("gcp-enc-transit-ssl-policy", [res("gcp:compute/sSLPolicy:SSLPolicy", { profile: "MODERN" })], "minTlsVersion");
        fails("gcp-enc-transit-ssl-policy", [res("gcp:compute/sSLPolicy:SSLPolicy", { minTlsVersion: "TLS_1_2" })], "profile");
    });

    it("requires Hadoop secure mode (Kerberos) on a Dataproc cluster for in-cluster encryption", () => {
        passes("gcp-enc-transit-dataproc-cluster", [res("gcp:dataproc/cluster:Cluster", { clusterConfig: { securityConfig: { kerberosConfig: { enableKerberos: true } } } })]);
        fails("gcp-enc-transit-dataproc-cluster", [res("gcp:dataproc/cluster:Cluster", { clusterConfig: {} })], "clusterConfig.securityConfig.kerberosConfig.enableKerberos");
    });
});
