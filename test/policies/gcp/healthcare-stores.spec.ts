// FHIR, HL7v2 and consent stores, the databases beyond Cloud SQL, and load balancer request logs (issue 15).
import assert from "node:assert/strict";
import { dependsOn, fails, findings, KEY, passes, res, unknownFinding, UNKNOWN } from "./fixtures";

const dataset = (props: Record<string, unknown> = {}) => res("gcp:healthcare/dataset:Dataset", { name: "phi", location: "us-central1", encryptionSpec: { kmsKeyName: KEY }, ...props });
const store = (type: string, props: Record<string, unknown> = {}) => res(`gcp:healthcare/${type}`, { name: "s", dataset: "projects/p/locations/us-central1/datasets/phi", ...props });

describe("policies/gcp FHIR, HL7v2 and consent stores; Spanner, Bigtable, AlloyDB, Firestore; backend services", () => {
    it("requires FHIR, HL7v2 and consent stores in a dataset of this stack with a customer-managed key", () => {
        const name = "gcp-enc-rest-cmk-healthcare-store";
        for (const type of ["fhirStore:FhirStore", "hl7Store:Hl7Store", "consentStore:ConsentStore"]) {
            passes(name, [dataset(), store(type)]);
            fails(name, [dataset({ encryptionSpec: undefined }), store(type)], "encryptionSpec.kmsKeyName");
            fails(name, [store(type)], "dataset");
            const d = dataset({ name: UNKNOWN });
            passes(name, [d, dependsOn(store(type, { dataset: UNKNOWN }), "dataset", d)]);
            unknownFinding(name, [dataset({ encryptionSpec: { kmsKeyName: UNKNOWN } }), store(type)], "encryptionSpec.kmsKeyName");
        }
        // Type confusion: a number is not a key name (also for DICOM stores, which share the judgement).
        fails(name, [dataset({ encryptionSpec: { kmsKeyName: 7 } }), store("fhirStore:FhirStore")], "encryptionSpec.kmsKeyName");
        fails("gcp-enc-rest-cmk-dicom-store", [dataset({ encryptionSpec: { kmsKeyName: 7 } }), store("dicomStore:DicomStore")], "encryptionSpec.kmsKeyName");
    });

    it("rejects public members on FHIR, HL7v2 and consent stores, and counts them as PHI stores", () => {
        for (const type of ["gcp:healthcare/fhirStoreIamMember:FhirStoreIamMember", "gcp:healthcare/hl7StoreIamMember:Hl7StoreIamMember",
            "gcp:healthcare/consentStoreIamMember:ConsentStoreIamMember"]) {
            fails("gcp-public-access-iam-member", [res(type, { role: "roles/healthcare.fhirResourceReader", member: "allUsers" })], "member");
        }
        fails("gcp-public-access-iam-binding", [res("gcp:healthcare/fhirStoreIamBinding:FhirStoreIamBinding", { role: "r", members: ["allAuthenticatedUsers"] })], "members[0]");
        // A stack whose only store is a FHIR store needs Healthcare Data Access logs, a locked sink, deletionPolicy PREVENT.
        fails("gcp-audit-log-phi-services", [store("fhirStore:FhirStore")], "healthcare.googleapis.com");
        fails("gcp-audit-log-audit-sink", [store("hl7Store:Hl7Store")], "ProjectSink");
        fails("gcp-deletion-protection-stateful-deletion-policy", [store("fhirStore:FhirStore")], "deletionPolicy");
        passes("gcp-deletion-protection-stateful-deletion-policy", [store("fhirStore:FhirStore", { deletionPolicy: "PREVENT" })]);
    });

    it("keeps FHIR resource history", () => {
        const name = "gcp-backup-versioning-fhir-store";
        passes(name, [store("fhirStore:FhirStore"), store("fhirStore:FhirStore", { disableResourceVersioning: "false" })]);
        fails(name, [store("fhirStore:FhirStore", { disableResourceVersioning: true })], "disableResourceVersioning");
        fails(name, [store("fhirStore:FhirStore", { disableResourceVersioning: 1 })], "disableResourceVersioning");
        unknownFinding(name, [store("fhirStore:FhirStore", { disableResourceVersioning: UNKNOWN })], "disableResourceVersioning");
    });

    it("requires customer-managed keys on Spanner, Bigtable (every cluster), AlloyDB and Firestore", () => {
        passes("gcp-enc-rest-cmk-spanner-database", [res("gcp:spanner/database:Database", { instance: "i", encryptionConfig: { kmsKeyName: KEY } }),
            res("gcp:spanner/database:Database", { instance: "i", encryptionConfig: { kmsKeyNames: [KEY, KEY] } })]);
        fails("gcp-enc-rest-cmk-spanner-database", [res("gcp:spanner/database:Database", { instance: "i" })], "encryptionConfig.kmsKeyName");
        fails("gcp-enc-rest-cmk-spanner-database", [res("gcp:spanner/database:Database", { instance: "i", encryptionConfig: { kmsKeyNames: [KEY, ""] } })], "encryptionConfig.kmsKeyNames[1]");
        passes("gcp-enc-rest-cmk-bigtable-instance", [res("gcp:bigtable/instance:Instance", { clusters: [{ clusterId: "a", kmsKeyName: KEY }] })]);
        fails("gcp-enc-rest-cmk-bigtable-instance", [res("gcp:bigtable/instance:Instance", { clusters: [{ clusterId: "a", kmsKeyName: KEY }, { clusterId: "b" }] })], "clusters[1].kmsKeyName");
        fails("gcp-enc-rest-cmk-bigtable-instance", [res("gcp:bigtable/instance:Instance", {})], "clusters");
        unknownFinding("gcp-enc-rest-cmk-bigtable-instance", [res("gcp:bigtable/instance:Instance", { clusters: UNKNOWN })], "clusters");
        passes("gcp-enc-rest-cmk-alloydb-cluster", [res("gcp:alloydb/cluster:Cluster", { clusterId: "c", location: "l", encryptionConfig: { kmsKeyName: KEY } })]);
        fails("gcp-enc-rest-cmk-alloydb-cluster", [res("gcp:alloydb/cluster:Cluster", { clusterId: "c", location: "l" })], "encryptionConfig.kmsKeyName");
        passes("gcp-enc-rest-cmk-firestore-database", [res("gcp:firestore/database:Database", { locationId: "l", type: "FIRESTORE_NATIVE", cmekConfig: { kmsKeyName: KEY } })]);
        fails("gcp-enc-rest-cmk-firestore-database", [res("gcp:firestore/database:Database", { locationId: "l", type: "FIRESTORE_NATIVE" })], "cmekConfig.kmsKeyName");
    });

    it("requires request logs on load balancer backend services", () => {
        const name = "gcp-audit-log-backend-service";
        passes(name, [res("gcp:compute/backendService:BackendService", { logConfig: { enable: true, sampleRate: 1 } }),
            res("gcp:compute/regionBackendService:RegionBackendService", { logConfig: { enable: "true" } })]);
        fails(name, [res("gcp:compute/backendService:BackendService", {})], "logConfig.enable");
        fails(name, [res("gcp:compute/backendService:BackendService", { logConfig: { enable: true, sampleRate: 0 } })], "logConfig.sampleRate");
        fails(name, [res("gcp:compute/backendService:BackendService", { logConfig: { enable: true, sampleRate: "none" } })], "logConfig.sampleRate");
        unknownFinding(name, [res("gcp:compute/backendService:BackendService", { logConfig: UNKNOWN })], "logConfig.enable");
        assert.equal(findings(name, [res("gcp:compute/backendService:BackendService", { logConfig: { enable: false } })]).length, 1);
    });
});

describe("policies/gcp deletion protection and recovery of the databases beyond Cloud SQL", () => {
    it("requires each database's deletion switches in prod, and none outside it", () => {
        const name = "gcp-deletion-protection-database";
        passes(name, [res("gcp:spanner/database:Database", { instance: "i", enableDropProtection: true }),
            res("gcp:bigtable/instance:Instance", { clusters: [] }), res("gcp:alloydb/cluster:Cluster", { clusterId: "c", location: "l", deletionProtection: true }),
            res("gcp:firestore/database:Database", { locationId: "l", type: "FIRESTORE_NATIVE", deleteProtectionState: "DELETE_PROTECTION_ENABLED" })]);
        fails(name, [res("gcp:spanner/database:Database", { instance: "i" })], "enableDropProtection");
        fails(name, [res("gcp:spanner/database:Database", { instance: "i", enableDropProtection: true, deletionProtection: "false" })], "deletionProtection");
        fails(name, [res("gcp:bigtable/instance:Instance", { deletionProtection: false })], "deletionProtection");
        fails(name, [res("gcp:firestore/database:Database", { locationId: "l", type: "FIRESTORE_NATIVE" })], "deleteProtectionState");
        unknownFinding(name, [res("gcp:alloydb/cluster:Cluster", { clusterId: "c", location: "l", deletionProtection: UNKNOWN })], "deletionProtection");
        passes(name, [res("gcp:spanner/database:Database", { instance: "i", deletionProtection: false })], { environment: "dev" });
        // And Pulumi's protect, as on every data store.
        fails("gcp-deletion-protection-stateful-protect", [res("gcp:alloydb/cluster:Cluster", { clusterId: "c", location: "l" }, { opts: { protect: false } })], "opts.protect");
        fails("gcp-deletion-protection-stateful-protect", [res("gcp:filestore/instance:Instance", { tier: "ENTERPRISE" }, { opts: { protect: false } })], "opts.protect");
    });

    it("requires Firestore point-in-time recovery", () => {
        const name = "gcp-backup-versioning-firestore-database";
        passes(name, [res("gcp:firestore/database:Database", { locationId: "l", type: "FIRESTORE_NATIVE", pointInTimeRecoveryEnablement: "POINT_IN_TIME_RECOVERY_ENABLED" })]);
        fails(name, [res("gcp:firestore/database:Database", { locationId: "l", type: "FIRESTORE_NATIVE" })], "pointInTimeRecoveryEnablement");
        unknownFinding(name, [res("gcp:firestore/database:Database", { locationId: "l", pointInTimeRecoveryEnablement: UNKNOWN })], "pointInTimeRecoveryEnablement");
    });
});

describe("policies/gcp AlloyDB instances", () => {
    const instance = (props: Record<string, unknown> = {}) => res("gcp:alloydb/instance:Instance", { cluster: "c", instanceId: "i", instanceType: "PRIMARY", ...props });

    it("keeps an AlloyDB instance off the internet and its connections encrypted", () => {
        passes("gcp-public-access-alloydb-instance", [instance(), instance({ networkConfig: { enablePublicIp: false, authorizedExternalNetworks: [{ cidrRange: "203.0.113.0/24" }] } })]);
        // A public IP is a finding whatever the authorized networks, as on Cloud SQL.
        fails("gcp-public-access-alloydb-instance", [instance({ networkConfig: { enablePublicIp: true, authorizedExternalNetworks: [{ cidrRange: "203.0.113.0/24" }] } })], "networkConfig.enablePublicIp");
        fails("gcp-public-access-alloydb-instance", [instance({ networkConfig: { enablePublicIp: true, authorizedExternalNetworks: [{ cidrRange: "0.0.0.0/0" }] } })], "authorizedExternalNetworks[0].cidrRange");
        fails("gcp-public-access-alloydb-instance", [instance({ networkConfig: { authorizedExternalNetworks: [{ cidrRange: "0.0.0.0/1" }, { cidrRange: "128.0.0.0/1" }] } })], "authorizedExternalNetworks");
        unknownFinding("gcp-public-access-alloydb-instance", [instance({ networkConfig: UNKNOWN })], "networkConfig.enablePublicIp");
        passes("gcp-enc-transit-alloydb-instance", [instance(), instance({ clientConnectionConfig: { sslConfig: { sslMode: "ENCRYPTED_ONLY" } } })]);
        fails("gcp-enc-transit-alloydb-instance", [instance({ clientConnectionConfig: { sslConfig: { sslMode: "ALLOW_UNENCRYPTED_AND_ENCRYPTED" } } })], "sslMode");
        unknownFinding("gcp-enc-transit-alloydb-instance", [instance({ clientConnectionConfig: UNKNOWN })], "sslMode");
    });
});
