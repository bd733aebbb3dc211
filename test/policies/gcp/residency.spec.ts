import { cmekBucket, fails, passes, res, unknownFinding, UNKNOWN } from "./fixtures";

const provider = (region: unknown) => ({ type: "pulumi:providers:gcp", props: { region } });

describe("policies/gcp/residency", () => {
    it("accepts allowed locations case-insensitively, including the US multi-region", () => {
        passes("gcp-residency-location", [cmekBucket({ location: "US-CENTRAL1" })]);
        passes("gcp-residency-location", [cmekBucket({ location: "US" })]);
        passes("gcp-residency-location", [res("gcp:kms/keyRing:KeyRing", { location: "us-east4" })]);
        passes("gcp-residency-location", [res("gcp:healthcare/dataset:Dataset", { location: "us-central1" })]);
    });

    it("rejects locations outside the allow-list, and a BigQuery dataset left in the US default when US is not allowed", () => {
        fails("gcp-residency-location", [cmekBucket({ location: "EUROPE-WEST1" })], "location");
        fails("gcp-residency-location", [res("gcp:kms/keyRing:KeyRing", { location: "global" })], "location");
        passes("gcp-residency-location", [res("gcp:bigquery/dataset:Dataset", { datasetId: "d" })]);
        fails("gcp-residency-location", [res("gcp:bigquery/dataset:Dataset", { datasetId: "d" })], "location", { allowedRegions: ["us-central1"] });
        unknownFinding("gcp-residency-location", [cmekBucket({ location: UNKNOWN })], "location");
    });

    it("judges a Dataproc cluster without a region as global, and a subnetwork by its provider's region", () => {
        passes("gcp-residency-region", [res("gcp:dataproc/cluster:Cluster", { region: "us-central1" })]);
        fails("gcp-residency-region", [res("gcp:dataproc/cluster:Cluster", {})], "region");
        passes("gcp-residency-region", [res("gcp:compute/subnetwork:Subnetwork", { network: "n" }, { provider: provider("us-east1") })]);
        fails("gcp-residency-region", [res("gcp:compute/subnetwork:Subnetwork", { network: "n" }, { provider: provider("europe-west4") })], "region (from the provider)");
        fails("gcp-residency-region", [res("gcp:compute/subnetwork:Subnetwork", { network: "n", region: "asia-east1" })], "region");
    });

    it("judges a resource-locations org policy by its allowed values", () => {
        const policy = (rules: unknown[]) => res("gcp:orgpolicy/policy:Policy", { parent: "projects/p", name: "projects/p/policies/gcp.resourceLocations", spec: { rules } });
        passes("gcp-residency-org-policy", [policy([{ values: { allowedValues: ["in:us-locations", "us-central1"] } }])]);
        fails("gcp-residency-org-policy", [policy([{ values: { allowedValues: ["in:eu-locations"] } }])], "spec.rules[0].values.allowedValues[0]");
        fails("gcp-residency-org-policy", [policy([{ allowAll: "TRUE" }])], "spec.rules[0].allowAll");
        passes("gcp-residency-org-policy", [res("gcp:orgpolicy/policy:Policy", { parent: "projects/p", name: "projects/p/policies/compute.vmExternalIpAccess", spec: { rules: [{ denyAll: "TRUE" }] } })]);
    });
});
