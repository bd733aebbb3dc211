// FHIR, HL7v2 and consent stores, the databases beyond Cloud SQL, and load balancer request logs (issue 15).
import assert from "node:assert/strict";
import { UNKNOWN, assertNoFinding, assertOneViolation, assertOnlyUnknown, assertViolations, dependsOn, findingsOf, resource } from "../../support/policies";
import { KEY } from "./baselines";

const dataset = (props: Record<string, unknown> = {}) => resource("gcp:healthcare/dataset:Dataset", { name: "phi", location: "us-central1", encryptionSpec: { kmsKeyName: KEY }, ...props });
const store = (type: string, props: Record<string, unknown> = {}) => resource(`gcp:healthcare/${type}`, { name: "s", dataset: "projects/p/locations/us-central1/datasets/phi", ...props });

describe("policies/gcp FHIR, HL7v2 and consent stores; Spanner, Bigtable, AlloyDB, Firestore; backend services", () => {
    it("requires FHIR, HL7v2 and consent stores in a dataset of this stack with a customer-managed key", () => {
        const name = "gcp-enc-rest-cmk-healthcare-store";
        for (const type of ["fhirStore:FhirStore", "hl7Store:Hl7Store", "consentStore:ConsentStore"]) {
            assertNoFinding(findingsOf(name, [dataset(), store(type)]));
            assertOneViolation(findingsOf(name, [dataset({ encryptionSpec: undefined }), store(type)]), "encryptionSpec.kmsKeyName");
            assertOneViolation(findingsOf(name, [store(type)]), "dataset");
            const d = dataset({ name: UNKNOWN });
            assertNoFinding(findingsOf(name, [d, dependsOn(store(type, { dataset: UNKNOWN }), "dataset", d)]));
            assertOnlyUnknown(findingsOf(name, [dataset({ encryptionSpec: { kmsKeyName: UNKNOWN } }), store(type)]), "encryptionSpec.kmsKeyName");
        }
        // Type confusion: a number is not a key name (also for DICOM stores, which share the judgement).
        assertOneViolation(findingsOf(name, [dataset({ encryptionSpec: { kmsKeyName: 7 } }), store("fhirStore:FhirStore")]), "encryptionSpec.kmsKeyName");
        assertOneViolation(findingsOf("gcp-enc-rest-cmk-dicom-store", [dataset({ encryptionSpec: { kmsKeyName: 7 } }), store("dicomStore:DicomStore")]), "encryptionSpec.kmsKeyName");
    });

    it("rejects public members on FHIR, HL7v2 and consent stores, and counts them as PHI stores", () => {
        for (const type of ["gcp:healthcare/fhirStoreIamMember:FhirStoreIamMember", "gcp:healthcare/hl7StoreIamMember:Hl7StoreIamMember",
            "gcp:healthcare/consentStoreIamMember:ConsentStoreIamMember"]) {
            assertOneViolation(findingsOf("gcp-public-access-iam-member", [resource(type, { role: "roles/healthcare.fhirResourceReader", member: "allUsers" })]), "member");
        }
        assertOneViolation(findingsOf("gcp-public-access-iam-binding", [resource("gcp:healthcare/fhirStoreIamBinding:FhirStoreIamBinding", { role: "r", members: ["allAuthenticatedUsers"] })]), "members[0]");
        // A stack whose only store is a FHIR store needs Healthcare Data Access logs, a locked sink, deletionPolicy PREVENT.
        assertOneViolation(findingsOf("gcp-audit-log-phi-services", [store("fhirStore:FhirStore")]), "healthcare.googleapis.com");
        assertOneViolation(findingsOf("gcp-audit-log-audit-sink", [store("hl7Store:Hl7Store")]), "ProjectSink");
        assertOneViolation(findingsOf("gcp-deletion-protection-stateful-deletion-policy", [store("fhirStore:FhirStore")]), "deletionPolicy");
        assertNoFinding(findingsOf("gcp-deletion-protection-stateful-deletion-policy", [store("fhirStore:FhirStore", { deletionPolicy: "PREVENT" })]));
    });

    it("keeps FHIR resource history", () => {
        const name = "gcp-backup-versioning-fhir-store";
        assertNoFinding(findingsOf(name, [store("fhirStore:FhirStore"), store("fhirStore:FhirStore", { disableResourceVersioning: "false" })]));
        assertOneViolation(findingsOf(name, [store("fhirStore:FhirStore", { disableResourceVersioning: true })]), "disableResourceVersioning");
        assertOneViolation(findingsOf(name, [store("fhirStore:FhirStore", { disableResourceVersioning: 1 })]), "disableResourceVersioning");
        assertOnlyUnknown(findingsOf(name, [store("fhirStore:FhirStore", { disableResourceVersioning: UNKNOWN })]), "disableResourceVersioning");
    });

    it("requires customer-managed keys on Spanner, Bigtable (every cluster), AlloyDB and Firestore", () => {
        assertNoFinding(findingsOf("gcp-enc-rest-cmk-spanner-database", [resource("gcp:spanner/database:Database", { instance: "i", encryptionConfig: { kmsKeyName: KEY } }),
            resource("gcp:spanner/database:Database", { instance: "i", encryptionConfig: { kmsKeyNames: [KEY, KEY] } })]));
        assertOneViolation(findingsOf("gcp-enc-rest-cmk-spanner-database", [resource("gcp:spanner/database:Database", { instance: "i" })]), "encryptionConfig.kmsKeyName");
        assertOneViolation(findingsOf("gcp-enc-rest-cmk-spanner-database", [resource("gcp:spanner/database:Database", { instance: "i", encryptionConfig: { kmsKeyNames: [KEY, ""] } })]), "encryptionConfig.kmsKeyNames[1]");
        assertNoFinding(findingsOf("gcp-enc-rest-cmk-bigtable-instance", [resource("gcp:bigtable/instance:Instance", { clusters: [{ clusterId: "a", kmsKeyName: KEY }] })]));
        assertOneViolation(findingsOf("gcp-enc-rest-cmk-bigtable-instance", [resource("gcp:bigtable/instance:Instance", { clusters: [{ clusterId: "a", kmsKeyName: KEY }, { clusterId: "b" }] })]), "clusters[1].kmsKeyName");
        assertOneViolation(findingsOf("gcp-enc-rest-cmk-bigtable-instance", [resource("gcp:bigtable/instance:Instance", {})]), "clusters");
        assertOnlyUnknown(findingsOf("gcp-enc-rest-cmk-bigtable-instance", [resource("gcp:bigtable/instance:Instance", { clusters: UNKNOWN })]), "clusters");
        assertNoFinding(findingsOf("gcp-enc-rest-cmk-alloydb-cluster", [resource("gcp:alloydb/cluster:Cluster", { clusterId: "c", location: "l", encryptionConfig: { kmsKeyName: KEY } })]));
        assertOneViolation(findingsOf("gcp-enc-rest-cmk-alloydb-cluster", [resource("gcp:alloydb/cluster:Cluster", { clusterId: "c", location: "l" })]), "encryptionConfig.kmsKeyName");
        assertNoFinding(findingsOf("gcp-enc-rest-cmk-firestore-database", [resource("gcp:firestore/database:Database", { locationId: "l", type: "FIRESTORE_NATIVE", cmekConfig: { kmsKeyName: KEY } })]));
        assertOneViolation(findingsOf("gcp-enc-rest-cmk-firestore-database", [resource("gcp:firestore/database:Database", { locationId: "l", type: "FIRESTORE_NATIVE" })]), "cmekConfig.kmsKeyName");
    });

    it("requires request logs on load balancer backend services", () => {
        const name = "gcp-audit-log-backend-service";
        assertNoFinding(findingsOf(name, [resource("gcp:compute/backendService:BackendService", { logConfig: { enable: true, sampleRate: 1 } }),
            resource("gcp:compute/regionBackendService:RegionBackendService", { logConfig: { enable: "true" } })]));
        assertOneViolation(findingsOf(name, [resource("gcp:compute/backendService:BackendService", {})]), "logConfig.enable");
        assertOneViolation(findingsOf(name, [resource("gcp:compute/backendService:BackendService", { logConfig: { enable: true, sampleRate: 0 } })]), "logConfig.sampleRate");
        assertOneViolation(findingsOf(name, [resource("gcp:compute/backendService:BackendService", { logConfig: { enable: true, sampleRate: "none" } })]), "logConfig.sampleRate");
        assertOnlyUnknown(findingsOf(name, [resource("gcp:compute/backendService:BackendService", { logConfig: UNKNOWN })]), "logConfig.enable", "logConfig.sampleRate");
        assert.equal(findingsOf(name, [resource("gcp:compute/backendService:BackendService", { logConfig: { enable: false } })]).length, 1);
    });
});

describe("policies/gcp deletion protection and recovery of the databases beyond Cloud SQL", () => {
    it("requires each database's deletion switches in prod, and none outside it", () => {
        const name = "gcp-deletion-protection-database";
        assertNoFinding(findingsOf(name, [resource("gcp:spanner/database:Database", { instance: "i", enableDropProtection: true }),
            resource("gcp:bigtable/instance:Instance", { clusters: [] }), resource("gcp:alloydb/cluster:Cluster", { clusterId: "c", location: "l", deletionProtection: true }),
            resource("gcp:firestore/database:Database", { locationId: "l", type: "FIRESTORE_NATIVE", deleteProtectionState: "DELETE_PROTECTION_ENABLED" })]));
        assertOneViolation(findingsOf(name, [resource("gcp:spanner/database:Database", { instance: "i" })]), "enableDropProtection");
        assertOneViolation(findingsOf(name, [resource("gcp:spanner/database:Database", { instance: "i", enableDropProtection: true, deletionProtection: "false" })]), "deletionProtection");
        assertOneViolation(findingsOf(name, [resource("gcp:bigtable/instance:Instance", { deletionProtection: false })]), "deletionProtection");
        assertOneViolation(findingsOf(name, [resource("gcp:firestore/database:Database", { locationId: "l", type: "FIRESTORE_NATIVE" })]), "deleteProtectionState");
        assertOnlyUnknown(findingsOf(name, [resource("gcp:alloydb/cluster:Cluster", { clusterId: "c", location: "l", deletionProtection: UNKNOWN })]), "deletionProtection");
        assertNoFinding(findingsOf(name, [resource("gcp:spanner/database:Database", { instance: "i", deletionProtection: false })], { environment: "dev" }));
        // And Pulumi's protect, as on every data store.
        assertOneViolation(findingsOf("gcp-deletion-protection-stateful-protect", [resource("gcp:alloydb/cluster:Cluster", { clusterId: "c", location: "l" }, { protect: false })]), "opts.protect");
        assertOneViolation(findingsOf("gcp-deletion-protection-stateful-protect", [resource("gcp:filestore/instance:Instance", { tier: "ENTERPRISE" }, { protect: false })]), "opts.protect");
    });

    it("requires Firestore point-in-time recovery", () => {
        const name = "gcp-backup-versioning-firestore-database";
        assertNoFinding(findingsOf(name, [resource("gcp:firestore/database:Database", { locationId: "l", type: "FIRESTORE_NATIVE", pointInTimeRecoveryEnablement: "POINT_IN_TIME_RECOVERY_ENABLED" })]));
        assertOneViolation(findingsOf(name, [resource("gcp:firestore/database:Database", { locationId: "l", type: "FIRESTORE_NATIVE" })]), "pointInTimeRecoveryEnablement");
        assertOnlyUnknown(findingsOf(name, [resource("gcp:firestore/database:Database", { locationId: "l", pointInTimeRecoveryEnablement: UNKNOWN })]), "pointInTimeRecoveryEnablement");
    });
});

describe("policies/gcp AlloyDB instances", () => {
    const instance = (props: Record<string, unknown> = {}) => resource("gcp:alloydb/instance:Instance", { cluster: "c", instanceId: "i", instanceType: "PRIMARY", ...props });

    it("keeps an AlloyDB instance off the internet and its connections encrypted", () => {
        assertNoFinding(findingsOf("gcp-public-access-alloydb-instance", [instance(), instance({ networkConfig: { enablePublicIp: false, authorizedExternalNetworks: [{ cidrRange: "203.0.113.0/24" }] } })]));
        // A public IP is a finding whatever the authorized networks, as on Cloud SQL.
        assertOneViolation(findingsOf("gcp-public-access-alloydb-instance", [instance({ networkConfig: { enablePublicIp: true, authorizedExternalNetworks: [{ cidrRange: "203.0.113.0/24" }] } })]), "networkConfig.enablePublicIp");
        assertViolations(findingsOf("gcp-public-access-alloydb-instance", [instance({ networkConfig: { enablePublicIp: true, authorizedExternalNetworks: [{ cidrRange: "0.0.0.0/0" }] } })]), ["networkConfig.enablePublicIp", "networkConfig.authorizedExternalNetworks[0].cidrRange"]);
        assertOneViolation(findingsOf("gcp-public-access-alloydb-instance", [instance({ networkConfig: { authorizedExternalNetworks: [{ cidrRange: "0.0.0.0/1" }, { cidrRange: "128.0.0.0/1" }] } })]), "authorizedExternalNetworks");
        assertOnlyUnknown(findingsOf("gcp-public-access-alloydb-instance", [instance({ networkConfig: UNKNOWN })]), "networkConfig.enablePublicIp", "networkConfig.authorizedExternalNetworks");
        assertNoFinding(findingsOf("gcp-enc-transit-alloydb-instance", [instance(), instance({ clientConnectionConfig: { sslConfig: { sslMode: "ENCRYPTED_ONLY" } } })]));
        assertOneViolation(findingsOf("gcp-enc-transit-alloydb-instance", [instance({ clientConnectionConfig: { sslConfig: { sslMode: "ALLOW_UNENCRYPTED_AND_ENCRYPTED" } } })]), "sslMode");
        assertOnlyUnknown(findingsOf("gcp-enc-transit-alloydb-instance", [instance({ clientConnectionConfig: UNKNOWN })]), "sslMode");
    });
});
