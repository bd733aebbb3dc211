// GKE clusters and node pools (issue 15): API server exposure, private nodes, secrets and boot-disk
// encryption, RBAC and Workload Identity, node identities, client certificates, Shielded nodes, logging.
import assert from "node:assert/strict";
import { evaluateOutcomes } from "../../../policies/lib/evaluate";
import { dependsOn, fails, findings, KEY, passes, res, rule, unknownFinding, UNKNOWN } from "./fixtures";

const SA = "gke-nodes@p.iam.gserviceaccount.com";
const node = { serviceAccount: SA, bootDiskKmsKey: KEY, shieldedInstanceConfig: { enableSecureBoot: true } };
const cluster = (props: Record<string, unknown> = {}, name?: string) => res("gcp:container/cluster:Cluster", {
    name: name ?? "phi-cluster", location: "us-central1",
    privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: false },
    masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock: "10.0.0.0/8", displayName: "vpn" }] },
    databaseEncryption: { state: "ENCRYPTED", keyName: KEY },
    workloadIdentityConfig: { workloadPool: "p.svc.id.goog" },
    nodeConfig: node,
    ...props,
});
const pool = (props: Record<string, unknown> = {}) => res("gcp:container/nodePool:NodePool", { cluster: "phi-cluster", nodeConfig: node, ...props });

describe("policies/gcp GKE", () => {
    it("keeps the API server off the internet: private endpoint, IP endpoints off, or authorized networks that are not the internet", () => {
        const name = "gcp-public-access-gke-control-plane";
        passes(name, [cluster(), cluster({ masterAuthorizedNetworksConfig: undefined, privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: true } }),
            cluster({ masterAuthorizedNetworksConfig: undefined, controlPlaneEndpointsConfig: { ipEndpointsConfig: { enabled: false } } }),
            cluster({ masterAuthorizedNetworksConfig: {} })]);
        fails(name, [cluster({ masterAuthorizedNetworksConfig: undefined })], "masterAuthorizedNetworksConfig");
        fails(name, [cluster({ masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock: "0.0.0.0/0" }] } })], "masterAuthorizedNetworksConfig.cidrBlocks[0].cidrBlock");
        // The union is the internet though no one range is; and other spellings of 0.0.0.0/0.
        fails(name, [cluster({ masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock: "0.0.0.0/1" }, { cidrBlock: "128.0.0.0/1" }] } })], "masterAuthorizedNetworksConfig.cidrBlocks");
        fails(name, [cluster({ masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock: " 000.0.0.0/00" }] } })], "cidrBlocks[0]");
        fails(name, [cluster({ masterAuthorizedNetworksConfig: { gcpPublicCidrsAccessEnabled: true } })], "gcpPublicCidrsAccessEnabled");
        // Type confusion: a bare range or a list where an object belongs is still read as the range.
        fails(name, [cluster({ masterAuthorizedNetworksConfig: { cidrBlocks: ["0.0.0.0/0"] } })], "masterAuthorizedNetworksConfig.cidrBlocks[0]");
        fails(name, [cluster({ masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock: ["10.0.0.0/8", "0.0.0.0/0"] }] } })], "masterAuthorizedNetworksConfig.cidrBlocks");
        // "true" as a YAML program writes it still means the private endpoint only; "yes" does not.
        passes(name, [cluster({ masterAuthorizedNetworksConfig: undefined, privateClusterConfig: { enablePrivateEndpoint: "true" } })]);
        fails(name, [cluster({ masterAuthorizedNetworksConfig: undefined, privateClusterConfig: { enablePrivateEndpoint: "yes" } })], "masterAuthorizedNetworksConfig");
        unknownFinding(name, [cluster({ masterAuthorizedNetworksConfig: UNKNOWN })], "masterAuthorizedNetworksConfig");
        unknownFinding(name, [cluster({ masterAuthorizedNetworksConfig: undefined, privateClusterConfig: UNKNOWN })], "privateClusterConfig.enablePrivateEndpoint");
        unknownFinding(name, [cluster({ masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock: UNKNOWN }] } })], "masterAuthorizedNetworksConfig.cidrBlocks");
    });

    it("requires private nodes on the cluster, and on a node pool its own setting or its cluster's", () => {
        passes("gcp-network-private-gke-cluster", [cluster()]);
        fails("gcp-network-private-gke-cluster", [cluster({ privateClusterConfig: undefined })], "privateClusterConfig.enablePrivateNodes");
        unknownFinding("gcp-network-private-gke-cluster", [cluster({ privateClusterConfig: { enablePrivateNodes: UNKNOWN } })], "privateClusterConfig.enablePrivateNodes");
        const name = "gcp-network-private-gke-node-pool";
        // By the cluster's name, by its full id, by the dependency on its output.
        passes(name, [cluster(), pool()]);
        passes(name, [cluster(), pool({ cluster: "projects/p/locations/us-central1/clusters/phi-cluster" })]);
        const c = cluster({}, "other");
        passes(name, [c, dependsOn(pool({ cluster: UNKNOWN }), "cluster", c)]);
        passes(name, [pool({ cluster: "elsewhere", networkConfig: { enablePrivateNodes: true } })]);
        fails(name, [cluster({ privateClusterConfig: undefined }), pool()], "its cluster");
        fails(name, [cluster(), pool({ networkConfig: { enablePrivateNodes: false } })], "networkConfig.enablePrivateNodes");
        fails(name, [cluster(), pool({ networkConfig: { enablePrivateNodes: "yes" } })], "networkConfig.enablePrivateNodes");
        fails(name, [pool({ cluster: "elsewhere" })], "cluster");
        unknownFinding(name, [cluster(), pool({ networkConfig: { enablePrivateNodes: UNKNOWN } })], "networkConfig.enablePrivateNodes");
        unknownFinding(name, [cluster(), pool({ cluster: UNKNOWN })], "cluster");
        // A node pool of a cluster outside the stack is judged (a finding), never left compliant.
        assert.equal(evaluateOutcomes([rule(name)], [pool({ cluster: "elsewhere" })]).outcomes[0].outcome, "violation");
    });

    it("requires application-layer secrets encryption and boot-disk keys on every node config the cluster creates", () => {
        const name = "gcp-enc-rest-cmk-gke-cluster";
        passes(name, [cluster(), cluster({ removeDefaultNodePool: true, nodeConfig: undefined })]);
        fails(name, [cluster({ databaseEncryption: undefined })], "databaseEncryption.state");
        fails(name, [cluster({ databaseEncryption: { state: "ENCRYPTED" } })], "databaseEncryption.keyName");
        fails(name, [cluster({ databaseEncryption: { state: "encrypted", keyName: KEY } })], "databaseEncryption.state");
        fails(name, [cluster({ nodeConfig: undefined })], "nodeConfig.bootDiskKmsKey");
        // "false" for removeDefaultNodePool keeps the default pool; an inline pool is judged too; Autopilot's nodes by their defaults.
        fails(name, [cluster({ removeDefaultNodePool: "false", nodeConfig: undefined })], "nodeConfig.bootDiskKmsKey");
        fails(name, [cluster({ nodePools: [{ nodeConfig: node }, { nodeConfig: {} }] })], "nodePools[1].nodeConfig.bootDiskKmsKey");
        fails(name, [cluster({ enableAutopilot: true, nodeConfig: undefined })], "clusterAutoscaling.autoProvisioningDefaults.bootDiskKmsKey");
        passes(name, [cluster({ enableAutopilot: true, nodeConfig: undefined, clusterAutoscaling: { autoProvisioningDefaults: { bootDiskKmsKey: KEY } } })]);
        unknownFinding(name, [cluster({ removeDefaultNodePool: UNKNOWN, nodeConfig: undefined })], "removeDefaultNodePool");
        unknownFinding(name, [cluster({ nodePools: UNKNOWN })], "nodePools");
        unknownFinding(name, [cluster({ databaseEncryption: { state: "ENCRYPTED", keyName: UNKNOWN } })], "databaseEncryption.keyName");
        passes("gcp-enc-rest-cmk-gke-node-pool", [pool()]);
        fails("gcp-enc-rest-cmk-gke-node-pool", [pool({ nodeConfig: undefined })], "nodeConfig.bootDiskKmsKey");
        unknownFinding("gcp-enc-rest-cmk-gke-node-pool", [pool({ nodeConfig: { bootDiskKmsKey: UNKNOWN } })], "nodeConfig.bootDiskKmsKey");
    });

    it("requires RBAC only, Workload Identity and dedicated node service accounts", () => {
        const name = "gcp-least-privilege-gke-cluster";
        passes(name, [cluster(), cluster({ enableAutopilot: true, workloadIdentityConfig: undefined, nodeConfig: undefined, clusterAutoscaling: { autoProvisioningDefaults: { serviceAccount: SA } } })]);
        fails(name, [cluster({ enableLegacyAbac: true })], "enableLegacyAbac");
        fails(name, [cluster({ enableLegacyAbac: "True" })], "enableLegacyAbac");
        fails(name, [cluster({ workloadIdentityConfig: undefined })], "workloadIdentityConfig.workloadPool");
        fails(name, [cluster({ nodeConfig: { ...node, serviceAccount: "default" } })], "nodeConfig.serviceAccount");
        fails(name, [cluster({ nodeConfig: { ...node, serviceAccount: "1-compute@developer.gserviceaccount.com" } })], "nodeConfig.serviceAccount");
        unknownFinding(name, [cluster({ workloadIdentityConfig: { workloadPool: UNKNOWN } })], "workloadIdentityConfig.workloadPool");
        passes("gcp-least-privilege-gke-node-pool", [pool()]);
        fails("gcp-least-privilege-gke-node-pool", [pool({ nodeConfig: { oauthScopes: ["https://www.googleapis.com/auth/cloud-platform"] } })], "nodeConfig.serviceAccount");
        unknownFinding("gcp-least-privilege-gke-node-pool", [pool({ nodeConfig: UNKNOWN })], "nodeConfig.serviceAccount");
    });

    it("refuses client certificates, unshielded nodes and nodes without Secure Boot", () => {
        const name = "gcp-identity-authn-gke-cluster";
        passes(name, [cluster(), cluster({ masterAuth: { clientCertificateConfig: { issueClientCertificate: false } } }),
            cluster({ enableAutopilot: true, nodeConfig: undefined })]);
        fails(name, [cluster({ masterAuth: { clientCertificateConfig: { issueClientCertificate: true } } })], "masterAuth.clientCertificateConfig.issueClientCertificate");
        fails(name, [cluster({ enableShieldedNodes: false })], "enableShieldedNodes");
        fails(name, [cluster({ enableShieldedNodes: "FALSE" })], "enableShieldedNodes");
        fails(name, [cluster({ nodeConfig: { ...node, shieldedInstanceConfig: undefined } })], "nodeConfig.shieldedInstanceConfig.enableSecureBoot");
        passes("gcp-identity-authn-gke-node-pool", [pool()]);
        fails("gcp-identity-authn-gke-node-pool", [pool({ nodeConfig: { ...node, shieldedInstanceConfig: { enableSecureBoot: "no" } } })], "nodeConfig.shieldedInstanceConfig.enableSecureBoot");
        unknownFinding("gcp-identity-authn-gke-node-pool", [pool({ nodeConfig: { ...node, shieldedInstanceConfig: UNKNOWN } })], "nodeConfig.shieldedInstanceConfig.enableSecureBoot");
    });

    it("refuses a cluster that logs nowhere", () => {
        const name = "gcp-audit-log-gke-cluster";
        passes(name, [cluster(), cluster({ loggingConfig: { enableComponents: ["SYSTEM_COMPONENTS", "WORKLOADS", "APISERVER"] } })]);
        fails(name, [cluster({ loggingService: "none" })], "loggingService");
        fails(name, [cluster({ loggingConfig: { enableComponents: [] } })], "loggingConfig.enableComponents");
        fails(name, [cluster({ loggingConfig: { enableComponents: "SYSTEM_COMPONENTS,WORKLOADS" } })], "loggingConfig.enableComponents");
        unknownFinding(name, [cluster({ loggingService: UNKNOWN })], "loggingService");
        assert.equal(findings(name, [cluster({ loggingConfig: UNKNOWN })])[0].unknown, true);
    });
});
