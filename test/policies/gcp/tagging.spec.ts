import assert from "node:assert/strict";
import { labelledTypes } from "../../../policies/gcp/support/labelled-types";
import { UNKNOWN, assertNoFinding, assertNotJudged, assertOneViolation, assertOnlyUnknown, findingsOf, resource } from "../../support/policies";
import { UNKNOWN_STRING } from "../../../policies/lib/values";
import { cmekBucket, labels } from "./baselines";

/** Every @pulumi/gcp resource token whose Args interface has a `labels` map, read from the installed SDK by the list's generator. */
function labelledTypesOfInstalledSdk(): string[] {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { text } = require("../../../policies/gcp/support/labelled-types.generate.js").generate() as { text: string };
    return [...text.matchAll(/^ {4}"([^"]+)",$/gm)].map(m => m[1]);
}

const provider = (defaultLabels: unknown) => ({ region: "us-central1", defaultLabels });

describe("policies/gcp/tagging", () => {
    it("judges exactly the resource types of the installed @pulumi/gcp that take labels", function () {
        this.timeout(30_000);
        assert.deepEqual([...labelledTypes], labelledTypesOfInstalledSdk());
        assert.ok(labelledTypes.includes("gcp:storage/bucket:Bucket"));
        assert.ok(!labelledTypes.includes("gcp:healthcare/dataset:Dataset"));
    });

    it("reads the labels of a GKE cluster, a Cloud SQL instance and a Cloud Run v1 service where each keeps them", () => {
        const complete = { tenant: "mercy", "data-classification": "phi" };
        assertNoFinding(findingsOf("gcp-tagging-labelled-resource", [resource("gcp:container/cluster:Cluster", { resourceLabels: complete })]));
        assertNoFinding(findingsOf("gcp-tagging-labelled-resource", [resource("gcp:sql/databaseInstance:DatabaseInstance", { settings: { tier: "db-f1-micro", userLabels: complete } })]));
        assertOneViolation(findingsOf("gcp-tagging-labelled-resource", [resource("gcp:container/cluster:Cluster", { initialNodeCount: 1 })]), "resourceLabels[\"tenant\"]");
        assertOneViolation(findingsOf("gcp-tagging-labelled-resource", [resource("gcp:sql/databaseInstance:DatabaseInstance", { settings: { tier: "db-f1-micro" } })]), "settings.userLabels[\"data-classification\"]");
        assertOneViolation(findingsOf("gcp-tagging-labelled-resource", [resource("gcp:cloudrun/service:Service", { location: "us-central1", metadata: { labels: { tenant: "mercy" } } })]), "metadata.labels[\"data-classification\"]");
    });

    it("accepts a resource with every required label, its own or its provider's defaultLabels", () => {
        assertNoFinding(findingsOf("gcp-tagging-labelled-resource", [cmekBucket()]));
        assertNoFinding(findingsOf("gcp-tagging-labelled-resource", [resource("gcp:kms/cryptoKey:CryptoKey", { keyRing: "r", labels: { tenant: "mercy" } }, { provider: provider({ "data-classification": "phi" }) })]));
    });

    it("reads the provider's defaultLabels given as JSON text (provider config values arrive as strings)", () => {
        const key = (defaultLabels: unknown) => resource("gcp:kms/cryptoKey:CryptoKey", { keyRing: "r", labels: { tenant: "mercy" } }, { provider: provider(defaultLabels) });
        assertNoFinding(findingsOf("gcp-tagging-labelled-resource", [key(JSON.stringify({ "data-classification": "phi" }))]));
        assertOneViolation(findingsOf("gcp-tagging-labelled-resource", [key(JSON.stringify({ owner: "x" }))]), "labels[\"data-classification\"]");
        assertOnlyUnknown(findingsOf("gcp-tagging-labelled-resource", [key(`{"data-classification":"${UNKNOWN_STRING}"}`)]), "labels");
        // Text that is no JSON map is no labels: never a pass.
        assert.ok(findingsOf("gcp-tagging-labelled-resource", [key("data-classification=phi")]).length > 0);
    });

    it("rejects a missing required label, naming the key", () => {
        assertOneViolation(findingsOf("gcp-tagging-labelled-resource", [cmekBucket({ labels: { tenant: "mercy" } })]), "labels[\"data-classification\"]");
        assertOneViolation(findingsOf("gcp-tagging-labelled-resource", [resource("gcp:dataproc/cluster:Cluster", {})]), "labels[\"tenant\"]");
        assertOneViolation(findingsOf("gcp-tagging-labelled-resource", [cmekBucket({ labels: { tenant: "mercy" } })], { requiredTags: ["owner"] }), "labels[\"owner\"]");
    });

    it("rejects an upper-case label key", () => {
        assertOneViolation(findingsOf("gcp-tagging-labelled-resource", [cmekBucket({ labels: { ...labels, Tenant: "mercy" } })]), "labels[\"Tenant\"]");
    });

    it("reports unknown labels as unknown and leaves types without labels alone", () => {
        assertOnlyUnknown(findingsOf("gcp-tagging-labelled-resource", [cmekBucket({ labels: UNKNOWN })]), "labels");
        // A label whose value is unknown is not a label that is there: advisory, never a pass (issue 12).
        assertOnlyUnknown(findingsOf("gcp-tagging-labelled-resource", [cmekBucket({ labels: { ...labels, tenant: UNKNOWN } })]), "tenant");
        assertNotJudged(findingsOf("gcp-tagging-labelled-resource", [resource("gcp:healthcare/dataset:Dataset", { location: "us-central1" })]));
    });
});
