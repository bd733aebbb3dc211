import assert from "node:assert/strict";
import { labelledTypes } from "../../../policies/gcp/support/labelled-types";
import { cmekBucket, fails, labels, passes, res, unknownFinding, UNKNOWN } from "./fixtures";

/** Every @pulumi/gcp resource token whose Args interface has a `labels` map, read from the installed SDK by the list's generator. */
function labelledTypesOfInstalledSdk(): string[] {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { text } = require("../../../policies/gcp/support/labelled-types.generate.js").generate() as { text: string };
    return [...text.matchAll(/^ {4}"([^"]+)",$/gm)].map(m => m[1]);
}

const provider = (defaultLabels: unknown) => ({ type: "pulumi:providers:gcp", props: { region: "us-central1", defaultLabels } });

describe("policies/gcp/tagging", () => {
    it("judges exactly the resource types of the installed @pulumi/gcp that take labels", function () {
        this.timeout(30_000);
        assert.deepEqual([...labelledTypes], labelledTypesOfInstalledSdk());
        assert.ok(labelledTypes.includes("gcp:storage/bucket:Bucket"));
        assert.ok(!labelledTypes.includes("gcp:healthcare/dataset:Dataset"));
    });

    it("reads the labels of a GKE cluster, a Cloud SQL instance and a Cloud Run v1 service where each keeps them", () => {
        const complete = { tenant: "mercy", "data-classification": "phi" };
        passes("gcp-tagging-labelled-resource", [res("gcp:container/cluster:Cluster", { resourceLabels: complete })]);
        passes("gcp-tagging-labelled-resource", [res("gcp:sql/databaseInstance:DatabaseInstance", { settings: { tier: "db-f1-micro", userLabels: complete } })]);
        fails("gcp-tagging-labelled-resource", [res("gcp:container/cluster:Cluster", { initialNodeCount: 1 })], "resourceLabels[\"tenant\"]");
        fails("gcp-tagging-labelled-resource", [res("gcp:sql/databaseInstance:DatabaseInstance", { settings: { tier: "db-f1-micro" } })], "settings.userLabels[\"data-classification\"]");
        fails("gcp-tagging-labelled-resource", [res("gcp:cloudrun/service:Service", { location: "us-central1", metadata: { labels: { tenant: "mercy" } } })], "metadata.labels[\"data-classification\"]");
    });

    it("accepts a resource with every required label, its own or its provider's defaultLabels", () => {
        passes("gcp-tagging-labelled-resource", [cmekBucket()]);
        passes("gcp-tagging-labelled-resource", [res("gcp:kms/cryptoKey:CryptoKey", { keyRing: "r", labels: { tenant: "mercy" } },
            { provider: provider({ "data-classification": "phi" }) })]);
    });

    it("rejects a missing required label, naming the key", () => {
        fails("gcp-tagging-labelled-resource", [cmekBucket({ labels: { tenant: "mercy" } })], "labels[\"data-classification\"]");
        fails("gcp-tagging-labelled-resource", [res("gcp:dataproc/cluster:Cluster", {})], "labels[\"tenant\"]");
        fails("gcp-tagging-labelled-resource", [cmekBucket({ labels: { tenant: "mercy" } })], "labels[\"owner\"]", { requiredTags: ["owner"] });
    });

    it("rejects an upper-case label key", () => {
        fails("gcp-tagging-labelled-resource", [cmekBucket({ labels: { ...labels, Tenant: "mercy" } })], "labels[\"Tenant\"]");
    });

    it("reports unknown labels as unknown and leaves types without labels alone", () => {
        unknownFinding("gcp-tagging-labelled-resource", [cmekBucket({ labels: UNKNOWN })], "labels");
        // A label whose value is unknown is not a label that is there: advisory, never a pass (issue 12).
        unknownFinding("gcp-tagging-labelled-resource", [cmekBucket({ labels: { ...labels, tenant: UNKNOWN } })], "tenant");
        passes("gcp-tagging-labelled-resource", [res("gcp:healthcare/dataset:Dataset", { location: "us-central1" })]);
    });
});
