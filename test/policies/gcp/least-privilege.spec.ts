import assert from "node:assert/strict";
import { evaluateOutcomes } from "../../../policies/lib/evaluate";
import { dependsOn, fails, findings, passes, res, rule, unknownFinding, UNKNOWN } from "./fixtures";

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

    describe("service accounts and service agents the stack creates (gcp-least-privilege-identity)", () => {
        const name = "gcp-least-privilege-identity";
        const account = () => res("gcp:serviceaccount/account:Account", { project: "p", accountId: "mercy-dataproc" }, { name: "sa" });
        const agent = () => res("gcp:projects/serviceIdentity:ServiceIdentity", { project: "p", service: "healthcare.googleapis.com" }, { name: "agent" });
        const SA = "serviceAccount:mercy-dataproc@p.iam.gserviceaccount.com";
        const projectMember = (role: unknown, member: unknown) => res("gcp:projects/iAMMember:IAMMember", { project: "p", role, member });

        it("judges an account and an agent with task roles compliant, each with an outcome of its own", () => {
            const sa = account();
            const hc = agent();
            const resources = [sa, hc, projectMember("roles/dataproc.worker", SA),
                res("gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember", { cryptoKeyId: "k", role: "roles/cloudkms.cryptoKeyDecrypter", member: SA }),
                dependsOn(res("gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember", { cryptoKeyId: "k", role: "roles/cloudkms.cryptoKeyEncrypterDecrypter", member: UNKNOWN }), "member", hc)];
            passes(name, resources);
            const { outcomes } = evaluateOutcomes([rule(name)], resources);
            assert.deepEqual(outcomes.filter(o => o.urn === sa.urn || o.urn === hc.urn).map(o => [o.name, o.outcome]), [["sa", "compliant"], ["agent", "compliant"]]);
        });

        it("rejects a basic, an administrator or a project-wide impersonation role granted to the account, by value in any spelling", () => {
            fails(name, [account(), projectMember("roles/owner", SA)], "role");
            fails(name, [account(), projectMember("roles/Owner", SA)], "role");
            fails(name, [account(), projectMember("roles/iam.serviceAccountTokenCreator", SA)], "role");
            // The IAM v2 principal spelling and upper case name the same account.
            fails(name, [account(), res("gcp:storage/bucketIAMMember:BucketIAMMember", { bucket: "b", role: "roles/storage.admin",
                member: "principal://iam.googleapis.com/projects/-/serviceAccounts/MERCY-DATAPROC@p.iam.gserviceaccount.com" })], "role");
            fails(name, [account(), res("gcp:kms/keyRingIAMBinding:KeyRingIAMBinding", { keyRingId: "r", role: "roles/cloudkms.admin", members: ["group:g@b.org", SA] })], "role");
            fails(name, [account(), res("gcp:projects/iAMPolicy:IAMPolicy", { project: "p",
                policyData: JSON.stringify({ bindings: [{ role: "roles/viewer", members: [SA] }, { role: "roles/resourcemanager.projectIamAdmin", members: [SA] }] }) })],
            "policyData.bindings[1].role");
            // A number where a role name is expected is not a task role.
            fails(name, [account(), projectMember(7, SA)], "role");
            // Impersonation on one account only (not the project) is a grant scoped to that account.
            passes(name, [account(), res("gcp:storage/bucketIAMMember:BucketIAMMember", { bucket: "b", role: "roles/iam.serviceAccountUser", member: SA })]);
        });

        it("relates a grant built from the identity even when its member is unknown or another spelling, and a role unknown at preview is unknown", () => {
            const sa = account();
            fails(name, [sa, dependsOn(projectMember("roles/editor", UNKNOWN), "member", sa)], "role");
            // One member names it, another (unknown at preview) was built from it too: both are its grants.
            const sa3 = account();
            fails(name, [sa3, dependsOn(res("gcp:projects/iAMBinding:IAMBinding", { project: "p", role: "roles/owner", members: ["group:g@b.org", UNKNOWN] }), "members", sa3)], "role");
            const hc = agent();
            fails(name, [hc, dependsOn(res("gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember", { cryptoKeyId: "k", role: "roles/cloudkms.admin", member: "serviceAccount:service-1@gcp-sa-healthcare.iam.gserviceaccount.com" }), "member", hc)], "role");
            fails(name, [agent(), projectMember("roles/owner", "serviceAccount:service-42@gcp-sa-healthcare.iam.gserviceaccount.com")], "role");
            unknownFinding(name, [account(), projectMember(UNKNOWN, SA)], "role");
            const sa2 = account();
            unknownFinding(name, [sa2, dependsOn(res("gcp:projects/iAMPolicy:IAMPolicy", { project: "p", policyData: UNKNOWN }), "policyData", sa2)], "policyData");
        });

        it("does not charge another principal's grant to the account", () => {
            passes(name, [account(), projectMember("roles/owner", "user:admin@hospital.org"),
                projectMember("roles/owner", "serviceAccount:mercy-dataproc-2@p.iam.gserviceaccount.com"),
                projectMember("roles/owner", "serviceAccount:mercy-dataproc@other.iam.gserviceaccount.com")]);
        });

        it("rejects an account adopted from an existing one, whose roles and keys the stack does not show", () => {
            fails(name, [res("gcp:serviceaccount/account:Account", { accountId: "a", createIgnoreAlreadyExists: true })], "createIgnoreAlreadyExists");
            fails(name, [res("gcp:serviceaccount/account:Account", { accountId: "a", createIgnoreAlreadyExists: "TRUE" })], "createIgnoreAlreadyExists");
            assert.equal(findings(name, [res("gcp:serviceaccount/account:Account", { accountId: "a", createIgnoreAlreadyExists: false })]).length, 0);
        });
    });
});
