// The plan of the Google Cloud Processing cluster, from its arguments alone (components/gcp/processing-plan.ts):
// no mock runtime, no resource registered.
import assert from "node:assert/strict";
import { processingPlan } from "../../../components/gcp/processing-plan";
import type { ProcessingArgs } from "../../../components/gcp/processing";
import { project, region, tenant } from "./support";

const args = { tenant, project, region, networkId: "net", subnetworkId: "subnet" } as unknown as ProcessingArgs;

describe("components/gcp/processing-plan", () => {
    it("keeps staging and temp data in two buckets of their own, 30 days of non-current versions by default", () => {
        assert.deepEqual(processingPlan(args, undefined).buckets.map(b => [b.suffix, b.physicalName, b.days]),
            [["staging", "mercy-dataproc-staging", 30], ["temp", "mercy-dataproc-temp", 30]]);
        assert.deepEqual(processingPlan({ ...args, stagingDays: 7 }, undefined).buckets.map(b => b.days), [7, 7]);
    });

    it("runs as a dedicated service account with the Dataproc worker role only (LEAST-PRIVILEGE)", () => {
        assert.deepEqual(processingPlan(args, undefined).serviceAccount, { accountId: "mercy-dataproc", displayName: "mercy Dataproc cluster", role: "roles/dataproc.worker" });
    });

    it("opens the cluster's nodes to each other only, and logs the rule's hits (NETWORK-PRIVATE, AUDIT-LOG)", () => {
        const { firewall } = processingPlan(args, undefined);
        assert.deepEqual([firewall.direction, firewall.sourceTags, firewall.targetTags], ["INGRESS", ["mercy-dataproc"], ["mercy-dataproc"]]);
        assert.equal(firewall.logConfig.metadata, "INCLUDE_ALL_METADATA");
        assert.deepEqual(processingPlan(args, undefined).cluster.config.gceClusterConfig.tags, ["mercy-dataproc"]);
    });

    it("has internal IPs only, shielded VMs, no project SSH keys and no Component Gateway (PUBLIC-ACCESS, NETWORK-PRIVATE)", () => {
        const { config } = processingPlan(args, undefined).cluster;
        assert.equal(config.gceClusterConfig.internalIpOnly, true);
        assert.deepEqual(config.gceClusterConfig.shieldedInstanceConfig, { enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true });
        assert.equal(config.gceClusterConfig.metadata["block-project-ssh-keys"], "true");
        assert.equal(config.endpointConfig.enableHttpPortAccess, false);
    });

    it("sizes two workers by profile, or as asked", () => {
        assert.deepEqual(processingPlan(args, undefined).cluster.config.workerConfig.machineType, "n2-standard-8");
        const genomics = processingPlan({ ...args, profile: "genomics", workers: 4 }, undefined);
        assert.deepEqual([genomics.cluster.config.workerConfig.machineType, genomics.cluster.config.workerConfig.numInstances], ["n2-highmem-16", 4]);
        assert.equal(genomics.labels["processing-profile"], "genomics");
        assert.equal(processingPlan(args, "n2-highmem-8").cluster.config.workerConfig.machineType, "n2-highmem-8");
    });
});
