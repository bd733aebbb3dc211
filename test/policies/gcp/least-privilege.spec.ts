import { fails, passes, res, unknownFinding, UNKNOWN } from "./fixtures";

const cluster = (gce: Record<string, unknown>) => res("gcp:dataproc/cluster:Cluster", { clusterConfig: { gceClusterConfig: gce } });

describe("policies/gcp/least-privilege", () => {
    it("rejects roles/owner and roles/editor on a project as member, binding or policy", () => {
        passes("gcp-least-privilege-project-iam", [res("gcp:projects/iAMMember:IAMMember", { project: "p", role: "roles/dataproc.worker", member: "serviceAccount:a@p.iam.gserviceaccount.com" })]);
        fails("gcp-least-privilege-project-iam", [res("gcp:projects/iAMMember:IAMMember", { project: "p", role: "roles/owner", member: "user:a@b.org" })], "role");
        fails("gcp-least-privilege-project-iam", [res("gcp:projects/iAMBinding:IAMBinding", { project: "p", role: "roles/editor", members: ["group:g@b.org"] })], "role");
        fails("gcp-least-privilege-project-iam", [res("gcp:projects/iAMPolicy:IAMPolicy",
            { project: "p", policyData: JSON.stringify({ bindings: [{ role: "roles/viewer", members: ["group:g@b.org"] }, { role: "roles/owner", members: ["user:a@b.org"] }] }) })],
        "policyData.bindings[1].role");
        unknownFinding("gcp-least-privilege-project-iam", [res("gcp:projects/iAMPolicy:IAMPolicy", { project: "p", policyData: UNKNOWN })], "policyData");
    });

    it("requires a dedicated service account on Dataproc, not the default Compute Engine one", () => {
        passes("gcp-least-privilege-dataproc-cluster", [cluster({ serviceAccount: "mercy-dataproc@p.iam.gserviceaccount.com" })]);
        fails("gcp-least-privilege-dataproc-cluster", [cluster({})], "clusterConfig.gceClusterConfig.serviceAccount");
        fails("gcp-least-privilege-dataproc-cluster", [cluster({ serviceAccount: "123456789012-compute@developer.gserviceaccount.com" })], "clusterConfig.gceClusterConfig.serviceAccount");
        unknownFinding("gcp-least-privilege-dataproc-cluster", [cluster({ serviceAccount: UNKNOWN })], "clusterConfig.gceClusterConfig.serviceAccount");
    });

    it("rejects user-managed service account keys and HMAC keys", () => {
        fails("gcp-least-privilege-service-account-key", [res("gcp:serviceaccount/key:Key", { serviceAccountId: "a" })], "(resource)");
        fails("gcp-least-privilege-service-account-key", [res("gcp:storage/hmacKey:HmacKey", { serviceAccountEmail: "a@p.iam.gserviceaccount.com" })], "(resource)");
        passes("gcp-least-privilege-service-account-key", [res("gcp:serviceaccount/account:Account", { accountId: "a" })]);
    });
});
