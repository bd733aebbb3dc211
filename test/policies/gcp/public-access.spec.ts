import { UNKNOWN, assertNoFinding, assertOneViolation, assertOnlyUnknown, findingsOf, resource } from "../../support/policies";
import { cmekBucket } from "./baselines";

describe("policies/gcp/public-access", () => {
    it("requires public access prevention and uniform access on a bucket, accepting \"true\" as written", () => {
        assertNoFinding(findingsOf("gcp-public-access-storage-bucket", [cmekBucket()]));
        assertNoFinding(findingsOf("gcp-public-access-storage-bucket", [cmekBucket({ uniformBucketLevelAccess: "true" })]));
        assertOneViolation(findingsOf("gcp-public-access-storage-bucket", [cmekBucket({ publicAccessPrevention: "inherited" })]), "publicAccessPrevention");
        assertOneViolation(findingsOf("gcp-public-access-storage-bucket", [cmekBucket({ uniformBucketLevelAccess: undefined })]), "uniformBucketLevelAccess");
        assertOnlyUnknown(findingsOf("gcp-public-access-storage-bucket", [cmekBucket({ publicAccessPrevention: UNKNOWN })]), "publicAccessPrevention");
    });

    it("rejects allUsers / allAuthenticatedUsers in IAM members of every PHI resource type", () => {
        for (const type of ["gcp:storage/bucketIAMMember:BucketIAMMember", "gcp:bigquery/datasetIamMember:DatasetIamMember",
            "gcp:healthcare/dicomStoreIamMember:DicomStoreIamMember", "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember", "gcp:projects/iAMMember:IAMMember",
            // Who may act as a service account: allUsers here acts as the account everywhere it is granted.
            "gcp:serviceaccount/iAMMember:IAMMember"]) {
            assertNoFinding(findingsOf("gcp-public-access-iam-member", [resource(type, { role: "roles/viewer", member: "group:phi@mercy.org" })]));
            assertOneViolation(findingsOf("gcp-public-access-iam-member", [resource(type, { role: "roles/viewer", member: "allUsers" })]), "member");
        }
        assertOneViolation(findingsOf("gcp-public-access-iam-member", [resource("gcp:healthcare/datasetIamMember:DatasetIamMember", { role: "r", member: "allAuthenticatedUsers" })]), "member");
        assertOnlyUnknown(findingsOf("gcp-public-access-iam-member", [resource("gcp:storage/bucketIAMMember:BucketIAMMember", { role: "r", member: UNKNOWN })]), "member");
    });

    it("rejects public members in IAM bindings", () => {
        assertNoFinding(findingsOf("gcp-public-access-iam-binding", [resource("gcp:storage/bucketIAMBinding:BucketIAMBinding", { role: "r", members: ["group:a@b.org"] })]));
        assertOneViolation(findingsOf("gcp-public-access-iam-binding", [resource("gcp:bigquery/datasetIamBinding:DatasetIamBinding", { role: "r", members: ["group:a@b.org", "allUsers"] })]), "members[1]");
        assertOnlyUnknown(findingsOf("gcp-public-access-iam-binding", [resource("gcp:storage/bucketIAMBinding:BucketIAMBinding", { role: "r", members: UNKNOWN })]), "members");
    });

    it("rejects public members inside an IAM policy document, and reports an unknown document as unknown", () => {
        const doc = (members: string[]) => JSON.stringify({ bindings: [{ role: "roles/storage.objectViewer", members }] });
        assertNoFinding(findingsOf("gcp-public-access-iam-policy", [resource("gcp:storage/bucketIAMPolicy:BucketIAMPolicy", { bucket: "b", policyData: doc(["group:a@b.org"]) })]));
        assertOneViolation(findingsOf("gcp-public-access-iam-policy", [resource("gcp:healthcare/dicomStoreIamPolicy:DicomStoreIamPolicy", { policyData: doc(["allAuthenticatedUsers"]) })]), "policyData.bindings[0].members[0]");
        assertOnlyUnknown(findingsOf("gcp-public-access-iam-policy", [resource("gcp:storage/bucketIAMPolicy:BucketIAMPolicy", { bucket: "b", policyData: UNKNOWN })]), "policyData");
    });

    it("rejects public entries in a BigQuery dataset's accesses and in a DatasetAccess", () => {
        assertNoFinding(findingsOf("gcp-public-access-bigquery-dataset", [resource("gcp:bigquery/dataset:Dataset", { datasetId: "d", accesses: [{ role: "READER", groupByEmail: "a@b.org" }] })]));
        assertOneViolation(findingsOf("gcp-public-access-bigquery-dataset", [resource("gcp:bigquery/dataset:Dataset", { datasetId: "d", accesses: [{ role: "READER", specialGroup: "allAuthenticatedUsers" }] })]), "accesses[0].specialGroup");
        assertOneViolation(findingsOf("gcp-public-access-bigquery-dataset", [resource("gcp:bigquery/dataset:Dataset", { datasetId: "d", accesses: [{ role: "READER", iamMember: "allUsers" }] })]), "accesses[0].iamMember");
        assertNoFinding(findingsOf("gcp-public-access-bigquery-dataset-access", [resource("gcp:bigquery/datasetAccess:DatasetAccess", { datasetId: "d", role: "READER", userByEmail: "a@b.org" })]));
        assertOneViolation(findingsOf("gcp-public-access-bigquery-dataset-access", [resource("gcp:bigquery/datasetAccess:DatasetAccess", { datasetId: "d", role: "READER", iamMember: "allUsers" })]), "iamMember");
    });

    it("rejects public Cloud Storage ACL entries and predefined public ACLs", () => {
        assertNoFinding(findingsOf("gcp-public-access-storage-acl", [resource("gcp:storage/bucketACL:BucketACL", { bucket: "b", roleEntities: ["OWNER:project-owners-1"] })]));
        assertOneViolation(findingsOf("gcp-public-access-storage-acl", [resource("gcp:storage/bucketACL:BucketACL", { bucket: "b", roleEntities: ["READER:allUsers"] })]), "roleEntities[0]");
        assertOneViolation(findingsOf("gcp-public-access-storage-acl", [resource("gcp:storage/objectACL:ObjectACL", { bucket: "b", object: "o", predefinedAcl: "publicRead" })]), "predefinedAcl");
        assertOneViolation(findingsOf("gcp-public-access-storage-acl", [resource("gcp:storage/bucketAccessControl:BucketAccessControl", { bucket: "b", entity: "allUsers", role: "READER" })]), "entity");
    });

    it("requires internal IPs only and no Component Gateway on a Dataproc cluster", () => {
        const cluster = (gce: Record<string, unknown>, endpoint?: Record<string, unknown>) =>
            resource("gcp:dataproc/cluster:Cluster", { clusterConfig: { gceClusterConfig: gce, ...(endpoint ? { endpointConfig: endpoint } : {}) } });
        assertNoFinding(findingsOf("gcp-public-access-dataproc-cluster", [cluster({ internalIpOnly: true })]));
        assertOneViolation(findingsOf("gcp-public-access-dataproc-cluster", [cluster({})]), "clusterConfig.gceClusterConfig.internalIpOnly");
        assertOneViolation(findingsOf("gcp-public-access-dataproc-cluster", [cluster({ internalIpOnly: true }, { enableHttpPortAccess: true })]), "clusterConfig.endpointConfig.enableHttpPortAccess");
    });

    it("rejects allUsers acting as a service account through a binding or a policy on the account", () => {
        assertOneViolation(findingsOf("gcp-public-access-iam-binding", [resource("gcp:serviceaccount/iAMBinding:IAMBinding", { serviceAccountId: "a", role: "roles/iam.serviceAccountTokenCreator", members: ["allAuthenticatedUsers"] })]), "members[0]");
        assertOneViolation(findingsOf("gcp-public-access-iam-policy", [resource("gcp:serviceaccount/iAMPolicy:IAMPolicy", { serviceAccountId: "a", policyData: JSON.stringify({ bindings: [{ role: "roles/iam.serviceAccountUser", members: ["allUsers"] }] }) })]), "policyData");
    });

    it("reads a policy document's keys in any case, as the provider (Go) does, and refuses a key given twice or twice in two cases", () => {
        const owner = (doc: string) => [resource("gcp:storage/bucketIAMPolicy:BucketIAMPolicy", { bucket: "b", policyData: doc })];
        assertOneViolation(findingsOf("gcp-public-access-iam-policy", owner('{"Bindings":[{"ROLE":"roles/storage.objectViewer","Members":["allUsers"]}]}')), "policyData.bindings[0].members[0]");
        assertOneViolation(findingsOf("gcp-public-access-iam-policy", owner('{"bindings":[{"role":"roles/storage.objectViewer","members":["allUsers"]}],"bindings":[]}')), "given twice");
        assertOneViolation(findingsOf("gcp-public-access-iam-policy", owner('{"bindings":[{"role":"roles/storage.objectViewer","members":["allUsers"]}],"Bindings":[]}')), "name the same field");
        assertNoFinding(findingsOf("gcp-public-access-iam-policy", owner('{"Bindings":[{"Role":"roles/storage.objectViewer","Members":["group:phi@mercy.org"]}]}')));
    });
});
