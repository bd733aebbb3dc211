import { UNKNOWN, assertNoFinding, assertOneViolation, assertOnlyUnknown, findingsOf, resource } from "../../support/policies";
import { cmekBucket } from "./baselines";

const provider = (region: unknown) => ({ region });

describe("policies/gcp/residency", () => {
    it("accepts allowed locations case-insensitively, including the US multi-region", () => {
        assertNoFinding(findingsOf("gcp-residency-location", [cmekBucket({ location: "US-CENTRAL1" })]));
        assertNoFinding(findingsOf("gcp-residency-location", [cmekBucket({ location: "US" })]));
        assertNoFinding(findingsOf("gcp-residency-location", [resource("gcp:kms/keyRing:KeyRing", { location: "us-east4" })]));
        assertNoFinding(findingsOf("gcp-residency-location", [resource("gcp:healthcare/dataset:Dataset", { location: "us-central1" })]));
    });

    it("rejects locations outside the allow-list, and a BigQuery dataset left in the US default when US is not allowed", () => {
        assertOneViolation(findingsOf("gcp-residency-location", [cmekBucket({ location: "EUROPE-WEST1" })]), "location");
        assertOneViolation(findingsOf("gcp-residency-location", [resource("gcp:kms/keyRing:KeyRing", { location: "global" })]), "location");
        assertNoFinding(findingsOf("gcp-residency-location", [resource("gcp:bigquery/dataset:Dataset", { datasetId: "d" })]));
        assertOneViolation(findingsOf("gcp-residency-location", [resource("gcp:bigquery/dataset:Dataset", { datasetId: "d" })], { allowedRegions: ["us-central1"] }), "location");
        assertOnlyUnknown(findingsOf("gcp-residency-location", [cmekBucket({ location: UNKNOWN })]), "location");
    });

    it("judges a Dataproc cluster without a region as global, and a subnetwork by its provider's region", () => {
        assertNoFinding(findingsOf("gcp-residency-region", [resource("gcp:dataproc/cluster:Cluster", { region: "us-central1" })]));
        assertOneViolation(findingsOf("gcp-residency-region", [resource("gcp:dataproc/cluster:Cluster", {})]), "region");
        assertNoFinding(findingsOf("gcp-residency-region", [resource("gcp:compute/subnetwork:Subnetwork", { network: "n" }, { provider: provider("us-east1") })]));
        assertOneViolation(findingsOf("gcp-residency-region", [resource("gcp:compute/subnetwork:Subnetwork", { network: "n" }, { provider: provider("europe-west4") })]), "region (from the provider)");
        assertOneViolation(findingsOf("gcp-residency-region", [resource("gcp:compute/subnetwork:Subnetwork", { network: "n", region: "asia-east1" })]), "region");
    });

    it("judges where a Cloud SQL instance, a Memorystore instance and an AlloyDB cluster keep their data, as it does a bucket's", () => {
        assertOneViolation(findingsOf("gcp-residency-region", [resource("gcp:sql/databaseInstance:DatabaseInstance", { databaseVersion: "POSTGRES_16", region: "asia-east1" })]), "region");
        assertOneViolation(findingsOf("gcp-residency-region", [resource("gcp:sql/databaseInstance:DatabaseInstance", { databaseVersion: "POSTGRES_16" }, { provider: provider("europe-west4") })]), "region (from the provider)");
        assertNoFinding(findingsOf("gcp-residency-region", [resource("gcp:sql/databaseInstance:DatabaseInstance", { databaseVersion: "POSTGRES_16", region: "us-central1" })]));
        assertOneViolation(findingsOf("gcp-residency-region", [resource("gcp:redis/instance:Instance", { memorySizeGb: 1, region: "asia-east1" })]), "region");
        assertOneViolation(findingsOf("gcp-residency-location", [resource("gcp:alloydb/cluster:Cluster", { clusterId: "c", location: "asia-east1" })]), "location");
    });

    it("judges where a Spanner instance keeps its data by its configuration: a regional one by its region, any other only when listed by name", () => {
        const spanner = (config: unknown) => resource("gcp:spanner/instance:Instance", { config, displayName: "phi" });
        assertNoFinding(findingsOf("gcp-residency-location", [spanner("regional-us-central1")]));
        assertNoFinding(findingsOf("gcp-residency-location", [spanner("projects/p/instanceConfigs/regional-us-east4")]));
        assertOneViolation(findingsOf("gcp-residency-location", [spanner("regional-europe-west1")]), "config");
        // nam14 places a read-write replica in Montréal; a multi-region is not read as "us" by its name.
        for (const config of ["nam14", "nam3", "nam-eur-asia1", "custom-nam3-with-tokyo"]) {
            assertOneViolation(findingsOf("gcp-residency-location", [spanner(config)]), "list the configuration's own name in allowedRegions");
        }
        assertNoFinding(findingsOf("gcp-residency-location", [spanner("nam3")], { allowedRegions: ["us-central1", "nam3"] }));
        assertOnlyUnknown(findingsOf("gcp-residency-location", [spanner(UNKNOWN)]), "config");
    });

    it("judges each Bigtable cluster's zone (unset: the provider's), a Firestore database's locationId and a Filestore instance's location", () => {
        const bigtable = (clusters: unknown, zone?: string) => resource("gcp:bigtable/instance:Instance", { clusters }, { provider: { zone } });
        assertNoFinding(findingsOf("gcp-residency-location", [bigtable([{ clusterId: "a", zone: "us-central1-b" }, { clusterId: "b", zone: "us-east1-c" }])]));
        assertOneViolation(findingsOf("gcp-residency-location", [bigtable([{ clusterId: "a", zone: "us-central1-b" }, { clusterId: "b", zone: "europe-west4-a" }])]), "clusters[1].zone");
        assertOneViolation(findingsOf("gcp-residency-location", [bigtable([{ clusterId: "a" }], "asia-east1-a")]), "clusters[0].zone (from the provider)");
        assertOneViolation(findingsOf("gcp-residency-location", [bigtable(undefined)]), "clusters");
        const firestore = (locationId: unknown) => resource("gcp:firestore/database:Database", { locationId, type: "FIRESTORE_NATIVE" });
        assertNoFinding(findingsOf("gcp-residency-location", [firestore("nam5")]));
        assertNoFinding(findingsOf("gcp-residency-location", [firestore("us-east1")]));
        assertOneViolation(findingsOf("gcp-residency-location", [firestore("eur3")]), "locationId");
        assertOneViolation(findingsOf("gcp-residency-location", [firestore("nam5")], { allowedRegions: ["us-central1"] }), "locationId");
        const filestore = (props: Record<string, unknown>, zone?: string) => resource("gcp:filestore/instance:Instance", { tier: "BASIC_HDD", ...props }, { provider: { zone } });
        assertNoFinding(findingsOf("gcp-residency-location", [filestore({ location: "us-west1-a" })]));
        assertOneViolation(findingsOf("gcp-residency-location", [filestore({ location: "europe-west1" })]), "location");
        assertOneViolation(findingsOf("gcp-residency-location", [filestore({ zone: "asia-east1-b" })]), "zone");
        assertOneViolation(findingsOf("gcp-residency-location", [filestore({}, "europe-west1-b")]), "location (from the provider's zone)");
        // A near-miss spelling keeps its explanation (the characters a person cannot see).
        assertOneViolation(findingsOf("gcp-residency-location", [firestore("nam5\u200b")]), "U+200B");
    });

    it("judges a resource-locations org policy by its allowed values", () => {
        const policy = (rules: unknown[]) => resource("gcp:orgpolicy/policy:Policy", { parent: "projects/p", name: "projects/p/policies/gcp.resourceLocations", spec: { rules } });
        assertNoFinding(findingsOf("gcp-residency-org-policy", [policy([{ values: { allowedValues: ["in:us-locations", "us-central1"] } }])]));
        assertOneViolation(findingsOf("gcp-residency-org-policy", [policy([{ values: { allowedValues: ["in:eu-locations"] } }])]), "spec.rules[0].values.allowedValues[0]");
        assertOneViolation(findingsOf("gcp-residency-org-policy", [policy([{ allowAll: "TRUE" }])]), "spec.rules[0].allowAll");
        // An unsafe switch counts however it is spelt: beside an allow-list, "true" or "1" passed.
        for (const allowAll of ["true", " TRUE", "1", 1]) {
            assertOneViolation(findingsOf("gcp-residency-org-policy", [policy([{ allowAll, values: { allowedValues: ["in:us-locations"] } }])]), "spec.rules[0].allowAll");
        }
        // Denied values alone, or a reset to Google's default, allow every other location.
        assertOneViolation(findingsOf("gcp-residency-org-policy", [policy([{ values: { deniedValues: ["in:asia-locations"] } }])]), "spec.rules[0].values.allowedValues");
        assertOneViolation(findingsOf("gcp-residency-org-policy", [resource("gcp:orgpolicy/policy:Policy", { parent: "projects/p", name: "projects/p/policies/gcp.resourceLocations",
            spec: { reset: true, rules: [{ values: { allowedValues: ["in:us-locations"] } }] } })]), "spec.reset");
        assertNoFinding(findingsOf("gcp-residency-org-policy", [resource("gcp:orgpolicy/policy:Policy", { parent: "projects/p", name: "projects/p/policies/compute.vmExternalIpAccess", spec: { rules: [{ denyAll: "TRUE" }] } })]));
    });
});
