// GKE clusters and node pools (issue 15): API server exposure, private nodes, secrets and boot-disk
// encryption, RBAC and Workload Identity, node identities, client certificates, Shielded nodes, logging.
import assert from "node:assert/strict";
import { evaluateOutcomes } from "../../../policies/lib/evaluate";
import { UNKNOWN, assertNoFinding, assertOneViolation, assertOnlyUnknown, dependsOn, findingsOf, resource, ruleNamed } from "../../support/policies";
import { KEY } from "./baselines";

const SA = "gke-nodes@p.iam.gserviceaccount.com";
const node = { serviceAccount: SA, bootDiskKmsKey: KEY, shieldedInstanceConfig: { enableSecureBoot: true } };
const cluster = (props: Record<string, unknown> = {}, name?: string) => resource("gcp:container/cluster:Cluster", {
    name: name ?? "phi-cluster", location: "us-central1",
    privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: false },
    masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock: "10.0.0.0/8", displayName: "vpn" }] },
    databaseEncryption: { state: "ENCRYPTED", keyName: KEY },
    workloadIdentityConfig: { workloadPool: "p.svc.id.goog" },
    nodeConfig: node,
    ...props,
});
const pool = (props: Record<string, unknown> = {}) => resource("gcp:container/nodePool:NodePool", { cluster: "phi-cluster", nodeConfig: node, ...props });

describe("policies/gcp GKE", () => {
    it("keeps the API server off the internet: private endpoint, IP endpoints off, or authorized networks that are not the internet", () => {
        const name = "gcp-public-access-gke-control-plane";
        assertNoFinding(findingsOf(name, [cluster(), cluster({ masterAuthorizedNetworksConfig: undefined, privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: true } }),
            cluster({ masterAuthorizedNetworksConfig: undefined, controlPlaneEndpointsConfig: { ipEndpointsConfig: { enabled: false } } }),
            cluster({ masterAuthorizedNetworksConfig: {} })]));
        assertOneViolation(findingsOf(name, [cluster({ masterAuthorizedNetworksConfig: undefined })]), "masterAuthorizedNetworksConfig");
        assertOneViolation(findingsOf(name, [cluster({ masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock: "0.0.0.0/0" }] } })]), "masterAuthorizedNetworksConfig.cidrBlocks[0].cidrBlock");
        // The union is the internet though no one range is; and other spellings of 0.0.0.0/0.
        assertOneViolation(findingsOf(name, [cluster({ masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock: "0.0.0.0/1" }, { cidrBlock: "128.0.0.0/1" }] } })]), "masterAuthorizedNetworksConfig.cidrBlocks");
        assertOneViolation(findingsOf(name, [cluster({ masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock: " 000.0.0.0/00" }] } })]), "cidrBlocks[0]");
        assertOneViolation(findingsOf(name, [cluster({ masterAuthorizedNetworksConfig: { gcpPublicCidrsAccessEnabled: true } })]), "gcpPublicCidrsAccessEnabled");
        // Type confusion: a bare range or a list where an object belongs is still read as the range.
        assertOneViolation(findingsOf(name, [cluster({ masterAuthorizedNetworksConfig: { cidrBlocks: ["0.0.0.0/0"] } })]), "masterAuthorizedNetworksConfig.cidrBlocks[0]");
        assertOneViolation(findingsOf(name, [cluster({ masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock: ["10.0.0.0/8", "0.0.0.0/0"] }] } })]), "masterAuthorizedNetworksConfig.cidrBlocks");
        // "true" as a YAML program writes it still means the private endpoint only; "yes" does not.
        assertNoFinding(findingsOf(name, [cluster({ masterAuthorizedNetworksConfig: undefined, privateClusterConfig: { enablePrivateEndpoint: "true" } })]));
        assertOneViolation(findingsOf(name, [cluster({ masterAuthorizedNetworksConfig: undefined, privateClusterConfig: { enablePrivateEndpoint: "yes" } })]), "masterAuthorizedNetworksConfig");
        assertOnlyUnknown(findingsOf(name, [cluster({ masterAuthorizedNetworksConfig: UNKNOWN })]), "masterAuthorizedNetworksConfig");
        assertOnlyUnknown(findingsOf(name, [cluster({ masterAuthorizedNetworksConfig: undefined, privateClusterConfig: UNKNOWN })]), "privateClusterConfig.enablePrivateEndpoint");
        assertOnlyUnknown(findingsOf(name, [cluster({ masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock: UNKNOWN }] } })]), "masterAuthorizedNetworksConfig.cidrBlocks");
    });

    it("requires private nodes on the cluster, and on a node pool its own setting or its cluster's", () => {
        assertNoFinding(findingsOf("gcp-network-private-gke-cluster", [cluster()]));
        assertOneViolation(findingsOf("gcp-network-private-gke-cluster", [cluster({ privateClusterConfig: undefined })]), "privateClusterConfig.enablePrivateNodes");
        assertOnlyUnknown(findingsOf("gcp-network-private-gke-cluster", [cluster({ privateClusterConfig: { enablePrivateNodes: UNKNOWN } })]), "privateClusterConfig.enablePrivateNodes");
        const name = "gcp-network-private-gke-node-pool";
        // By the cluster's name, by its full id, by the dependency on its output.
        assertNoFinding(findingsOf(name, [cluster(), pool()]));
        assertNoFinding(findingsOf(name, [cluster(), pool({ cluster: "projects/p/locations/us-central1/clusters/phi-cluster" })]));
        const c = cluster({}, "other");
        assertNoFinding(findingsOf(name, [c, dependsOn(pool({ cluster: UNKNOWN }), "cluster", c)]));
        assertNoFinding(findingsOf(name, [pool({ cluster: "elsewhere", networkConfig: { enablePrivateNodes: true } })]));
        assertOneViolation(findingsOf(name, [cluster({ privateClusterConfig: undefined }), pool()]), "its cluster");
        assertOneViolation(findingsOf(name, [cluster(), pool({ networkConfig: { enablePrivateNodes: false } })]), "networkConfig.enablePrivateNodes");
        assertOneViolation(findingsOf(name, [cluster(), pool({ networkConfig: { enablePrivateNodes: "yes" } })]), "networkConfig.enablePrivateNodes");
        assertOneViolation(findingsOf(name, [pool({ cluster: "elsewhere" })]), "cluster");
        assertOnlyUnknown(findingsOf(name, [cluster(), pool({ networkConfig: { enablePrivateNodes: UNKNOWN } })]), "networkConfig.enablePrivateNodes");
        assertOnlyUnknown(findingsOf(name, [cluster(), pool({ cluster: UNKNOWN })]), "cluster");
        // A node pool of a cluster outside the stack is judged (a finding), never left compliant.
        assert.equal(evaluateOutcomes([ruleNamed(name)], [pool({ cluster: "elsewhere" })]).outcomes[0].outcome, "violation");
    });

    it("requires application-layer secrets encryption and boot-disk keys on every node config the cluster creates", () => {
        const name = "gcp-enc-rest-cmk-gke-cluster";
        assertNoFinding(findingsOf(name, [cluster(), cluster({ removeDefaultNodePool: true, nodeConfig: undefined })]));
        assertOneViolation(findingsOf(name, [cluster({ databaseEncryption: undefined })]), "databaseEncryption.state");
        assertOneViolation(findingsOf(name, [cluster({ databaseEncryption: { state: "ENCRYPTED" } })]), "databaseEncryption.keyName");
        assertOneViolation(findingsOf(name, [cluster({ databaseEncryption: { state: "encrypted", keyName: KEY } })]), "databaseEncryption.state");
        assertOneViolation(findingsOf(name, [cluster({ nodeConfig: undefined })]), "nodeConfig.bootDiskKmsKey");
        // "false" for removeDefaultNodePool keeps the default pool; an inline pool is judged too; Autopilot's nodes by their defaults.
        assertOneViolation(findingsOf(name, [cluster({ removeDefaultNodePool: "false", nodeConfig: undefined })]), "nodeConfig.bootDiskKmsKey");
        assertOneViolation(findingsOf(name, [cluster({ nodePools: [{ nodeConfig: node }, { nodeConfig: {} }] })]), "nodePools[1].nodeConfig.bootDiskKmsKey");
        assertOneViolation(findingsOf(name, [cluster({ enableAutopilot: true, nodeConfig: undefined })]), "clusterAutoscaling.autoProvisioningDefaults.bootDiskKmsKey");
        assertNoFinding(findingsOf(name, [cluster({ enableAutopilot: true, nodeConfig: undefined, clusterAutoscaling: { autoProvisioningDefaults: { bootDiskKmsKey: KEY } } })]));
        assertOnlyUnknown(findingsOf(name, [cluster({ removeDefaultNodePool: UNKNOWN, nodeConfig: undefined })]), "removeDefaultNodePool");
        assertOnlyUnknown(findingsOf(name, [cluster({ nodePools: UNKNOWN })]), "nodePools");
        assertOnlyUnknown(findingsOf(name, [cluster({ databaseEncryption: { state: "ENCRYPTED", keyName: UNKNOWN } })]), "databaseEncryption.keyName");
        assertNoFinding(findingsOf("gcp-enc-rest-cmk-gke-node-pool", [pool()]));
        assertOneViolation(findingsOf("gcp-enc-rest-cmk-gke-node-pool", [pool({ nodeConfig: undefined })]), "nodeConfig.bootDiskKmsKey");
        assertOnlyUnknown(findingsOf("gcp-enc-rest-cmk-gke-node-pool", [pool({ nodeConfig: { bootDiskKmsKey: UNKNOWN } })]), "nodeConfig.bootDiskKmsKey");
    });

    it("requires RBAC only, Workload Identity and dedicated node service accounts", () => {
        const name = "gcp-least-privilege-gke-cluster";
        assertNoFinding(findingsOf(name, [cluster(), cluster({ enableAutopilot: true, workloadIdentityConfig: undefined, nodeConfig: undefined, clusterAutoscaling: { autoProvisioningDefaults: { serviceAccount: SA } } })]));
        assertOneViolation(findingsOf(name, [cluster({ enableLegacyAbac: true })]), "enableLegacyAbac");
        assertOneViolation(findingsOf(name, [cluster({ enableLegacyAbac: "True" })]), "enableLegacyAbac");
        assertOneViolation(findingsOf(name, [cluster({ workloadIdentityConfig: undefined })]), "workloadIdentityConfig.workloadPool");
        assertOneViolation(findingsOf(name, [cluster({ nodeConfig: { ...node, serviceAccount: "default" } })]), "nodeConfig.serviceAccount");
        assertOneViolation(findingsOf(name, [cluster({ nodeConfig: { ...node, serviceAccount: "1-compute@developer.gserviceaccount.com" } })]), "nodeConfig.serviceAccount");
        assertOnlyUnknown(findingsOf(name, [cluster({ workloadIdentityConfig: { workloadPool: UNKNOWN } })]), "workloadIdentityConfig.workloadPool");
        assertNoFinding(findingsOf("gcp-least-privilege-gke-node-pool", [pool()]));
        assertOneViolation(findingsOf("gcp-least-privilege-gke-node-pool", [pool({ nodeConfig: { oauthScopes: ["https://www.googleapis.com/auth/cloud-platform"] } })]), "nodeConfig.serviceAccount");
        assertOnlyUnknown(findingsOf("gcp-least-privilege-gke-node-pool", [pool({ nodeConfig: UNKNOWN })]), "nodeConfig.serviceAccount");
    });

    it("refuses client certificates, unshielded nodes and nodes without Secure Boot", () => {
        const name = "gcp-identity-authn-gke-cluster";
        assertNoFinding(findingsOf(name, [cluster(), cluster({ masterAuth: { clientCertificateConfig: { issueClientCertificate: false } } }),
            cluster({ enableAutopilot: true, nodeConfig: undefined })]));
        assertOneViolation(findingsOf(name, [cluster({ masterAuth: { clientCertificateConfig: { issueClientCertificate: true } } })]), "masterAuth.clientCertificateConfig.issueClientCertificate");
        assertOneViolation(findingsOf(name, [cluster({ enableShieldedNodes: false })]), "enableShieldedNodes");
        assertOneViolation(findingsOf(name, [cluster({ enableShieldedNodes: "FALSE" })]), "enableShieldedNodes");
        assertOneViolation(findingsOf(name, [cluster({ nodeConfig: { ...node, shieldedInstanceConfig: undefined } })]), "nodeConfig.shieldedInstanceConfig.enableSecureBoot");
        assertNoFinding(findingsOf("gcp-identity-authn-gke-node-pool", [pool()]));
        assertOneViolation(findingsOf("gcp-identity-authn-gke-node-pool", [pool({ nodeConfig: { ...node, shieldedInstanceConfig: { enableSecureBoot: "no" } } })]), "nodeConfig.shieldedInstanceConfig.enableSecureBoot");
        assertOnlyUnknown(findingsOf("gcp-identity-authn-gke-node-pool", [pool({ nodeConfig: { ...node, shieldedInstanceConfig: UNKNOWN } })]), "nodeConfig.shieldedInstanceConfig.enableSecureBoot");
    });

    it("refuses a cluster that logs nowhere", () => {
        const name = "gcp-audit-log-gke-cluster";
        assertNoFinding(findingsOf(name, [cluster(), cluster({ loggingConfig: { enableComponents: ["SYSTEM_COMPONENTS", "WORKLOADS", "APISERVER"] } })]));
        assertOneViolation(findingsOf(name, [cluster({ loggingService: "none" })]), "loggingService");
        assertOneViolation(findingsOf(name, [cluster({ loggingConfig: { enableComponents: [] } })]), "loggingConfig.enableComponents");
        assertOneViolation(findingsOf(name, [cluster({ loggingConfig: { enableComponents: "SYSTEM_COMPONENTS,WORKLOADS" } })]), "loggingConfig.enableComponents");
        assertOnlyUnknown(findingsOf(name, [cluster({ loggingService: UNKNOWN })]), "loggingService");
        assert.equal(findingsOf(name, [cluster({ loggingConfig: UNKNOWN })])[0].unknown, true);
    });
});
