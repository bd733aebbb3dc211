// Dataflow jobs (workers that read PHI) and Cloud SQL databases judged with their instance (issue 15).
import { UNKNOWN, assertNoFinding, assertOneViolation, assertOnlyUnknown, dependsOn, findingsOf, resource } from "../../support/policies";
import { KEY } from "./baselines";

const SA = "dataflow@p.iam.gserviceaccount.com";
const job = (props: Record<string, unknown> = {}, type = "gcp:dataflow/job:Job") => resource(type, {
    templateGcsPath: "gs://t", tempGcsLocation: "gs://tmp", kmsKeyName: KEY, ipConfiguration: "WORKER_IP_PRIVATE",
    subnetwork: "regions/us-central1/subnetworks/phi", serviceAccountEmail: SA, ...props,
});

describe("policies/gcp Dataflow jobs and Cloud SQL databases", () => {
    it("requires a key, private workers in a chosen subnetwork and a dedicated account on Dataflow jobs", () => {
        for (const type of ["gcp:dataflow/job:Job", "gcp:dataflow/flexTemplateJob:FlexTemplateJob"]) {
            const key = type === "gcp:dataflow/job:Job" ? "gcp-enc-rest-cmk-dataflow-job" : "gcp-enc-rest-cmk-dataflow-flex-template-job";
            assertNoFinding(findingsOf(key, [job({}, type)]));
            assertOneViolation(findingsOf(key, [job({ kmsKeyName: undefined }, type)]), "kmsKeyName");
            assertOnlyUnknown(findingsOf(key, [job({ kmsKeyName: UNKNOWN }, type)]), "kmsKeyName");
            assertNoFinding(findingsOf("gcp-network-private-dataflow-job", [job({}, type)]));
            assertOneViolation(findingsOf("gcp-network-private-dataflow-job", [job({ ipConfiguration: undefined }, type)]), "ipConfiguration");
            assertOneViolation(findingsOf("gcp-network-private-dataflow-job", [job({ ipConfiguration: "worker_ip_private" }, type)]), "ipConfiguration");
            assertOneViolation(findingsOf("gcp-network-private-dataflow-job", [job({ subnetwork: undefined }, type)]), "subnetwork");
            assertOnlyUnknown(findingsOf("gcp-network-private-dataflow-job", [job({ ipConfiguration: UNKNOWN }, type)]), "ipConfiguration");
            assertNoFinding(findingsOf("gcp-least-privilege-dataflow-job", [job({}, type)]));
            assertOneViolation(findingsOf("gcp-least-privilege-dataflow-job", [job({ serviceAccountEmail: undefined }, type)]), "serviceAccountEmail");
            assertOneViolation(findingsOf("gcp-least-privilege-dataflow-job", [job({ serviceAccountEmail: "1-compute@developer.gserviceaccount.com" }, type)]), "serviceAccountEmail");
        }
    });

    it("judges a Cloud SQL database by its instance's key, an instance of this stack", () => {
        const name = "gcp-enc-rest-cmk-sql-database";
        const instance = (props: Record<string, unknown> = {}) => resource("gcp:sql/databaseInstance:DatabaseInstance", { name: "phi-db", databaseVersion: "POSTGRES_16", encryptionKeyName: KEY, ...props });
        const db = (props: Record<string, unknown> = {}) => resource("gcp:sql/database:Database", { name: "records", instance: "phi-db", ...props });
        assertNoFinding(findingsOf(name, [instance(), db()]));
        const i = instance({ name: UNKNOWN });
        assertNoFinding(findingsOf(name, [i, dependsOn(db({ instance: UNKNOWN }), "instance", i)]));
        assertOneViolation(findingsOf(name, [instance({ encryptionKeyName: undefined }), db()]), "instance (→");
        assertOneViolation(findingsOf(name, [db({ instance: "elsewhere" })]), "instance");
        // Registered as "phi-db" but named otherwise: not the instance "phi-db".
        assertOneViolation(findingsOf(name, [resource("gcp:sql/databaseInstance:DatabaseInstance", { name: "phi-db-2", encryptionKeyName: KEY }, { name: "phi-db" }), db()]), "instance");
        assertOnlyUnknown(findingsOf(name, [instance(), db({ instance: UNKNOWN })]), "instance");
        assertOnlyUnknown(findingsOf(name, [instance({ encryptionKeyName: UNKNOWN }), db()]), "encryptionKeyName");
    });
});
