import assert from "node:assert/strict";
import { evaluateOutcomes } from "../../../policies/lib/evaluate";
import { UNKNOWN, assertNoFinding, assertNotJudged, assertOneViolation, assertOnlyUnknown, dependsOn, findingsOf, resource, ruleNamed } from "../../support/policies";

const cluster = (gce: Record<string, unknown>) => resource("gcp:dataproc/cluster:Cluster", { clusterConfig: { gceClusterConfig: gce } });

describe("policies/gcp/least-privilege", () => {
    it("rejects roles/owner and roles/editor on a project as member, binding or policy", () => {
        assertNoFinding(findingsOf("gcp-least-privilege-project-iam", [resource("gcp:projects/iAMMember:IAMMember", { project: "p", role: "roles/dataproc.worker", member: "serviceAccount:a@p.iam.gserviceaccount.com" })]));
        assertOneViolation(findingsOf("gcp-least-privilege-project-iam", [resource("gcp:projects/iAMMember:IAMMember", { project: "p", role: "roles/owner", member: "user:a@b.org" })]), "role");
        assertOneViolation(findingsOf("gcp-least-privilege-project-iam", [resource("gcp:projects/iAMBinding:IAMBinding", { project: "p", role: "roles/editor", members: ["group:g@b.org"] })]), "role");
        assertOneViolation(findingsOf("gcp-least-privilege-project-iam", [resource("gcp:projects/iAMPolicy:IAMPolicy", { project: "p", policyData: JSON.stringify({ bindings: [{ role: "roles/viewer", members: ["group:g@b.org"] }, { role: "roles/owner", members: ["user:a@b.org"] }] }) })]), "policyData.bindings[1].role");
        assertOnlyUnknown(findingsOf("gcp-least-privilege-project-iam", [resource("gcp:projects/iAMPolicy:IAMPolicy", { project: "p", policyData: UNKNOWN })]), "policyData");
        // A role that may set the project's IAM policy is Owner under another name: its holder grants itself roles/owner.
        for (const role of ["roles/resourcemanager.projectIamAdmin", "roles/iam.securityAdmin", "roles/resourcemanager.organizationAdmin", "Roles/Owner",
            "roles/owner\u200b", "ｒｏｌｅｓ/ｏｗｎｅｒ", "roles/\u2060editor"]) {
            assertOneViolation(findingsOf("gcp-least-privilege-project-iam", [resource("gcp:projects/iAMMember:IAMMember", { project: "p", role, member: "user:a@b.org" })]), "role");
        }
    });

    it("requires a dedicated service account on Dataproc, not the default Compute Engine one", () => {
        assertNoFinding(findingsOf("gcp-least-privilege-dataproc-cluster", [cluster({ serviceAccount: "mercy-dataproc@p.iam.gserviceaccount.com" })]));
        assertOneViolation(findingsOf("gcp-least-privilege-dataproc-cluster", [cluster({})]), "clusterConfig.gceClusterConfig.serviceAccount");
        assertOneViolation(findingsOf("gcp-least-privilege-dataproc-cluster", [cluster({ serviceAccount: "123456789012-compute@developer.gserviceaccount.com" })]), "clusterConfig.gceClusterConfig.serviceAccount");
        assertOnlyUnknown(findingsOf("gcp-least-privilege-dataproc-cluster", [cluster({ serviceAccount: UNKNOWN })]), "clusterConfig.gceClusterConfig.serviceAccount");
    });

    it("rejects user-managed service account keys and HMAC keys", () => {
        assertOneViolation(findingsOf("gcp-least-privilege-service-account-key", [resource("gcp:serviceaccount/key:Key", { serviceAccountId: "a" })]), "(resource)");
        assertOneViolation(findingsOf("gcp-least-privilege-service-account-key", [resource("gcp:storage/hmacKey:HmacKey", { serviceAccountEmail: "a@p.iam.gserviceaccount.com" })]), "(resource)");
        assertNotJudged(findingsOf("gcp-least-privilege-service-account-key", [resource("gcp:serviceaccount/account:Account", { accountId: "a" })]));
    });

    describe("service accounts and service agents the stack creates (gcp-least-privilege-identity)", () => {
        const name = "gcp-least-privilege-identity";
        const account = () => resource("gcp:serviceaccount/account:Account", { project: "p", accountId: "mercy-dataproc" }, { name: "sa" });
        const agent = () => resource("gcp:projects/serviceIdentity:ServiceIdentity", { project: "p", service: "healthcare.googleapis.com" }, { name: "agent" });
        const SA = "serviceAccount:mercy-dataproc@p.iam.gserviceaccount.com";
        const projectMember = (role: unknown, member: unknown) => resource("gcp:projects/iAMMember:IAMMember", { project: "p", role, member });

        it("judges an account and an agent with task roles compliant, each with an outcome of its own", () => {
            const sa = account();
            const hc = agent();
            const resources = [sa, hc, projectMember("roles/dataproc.worker", SA),
                resource("gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember", { cryptoKeyId: "k", role: "roles/cloudkms.cryptoKeyDecrypter", member: SA }),
                dependsOn(resource("gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember", { cryptoKeyId: "k", role: "roles/cloudkms.cryptoKeyEncrypterDecrypter", member: UNKNOWN }), "member", hc)];
            assertNoFinding(findingsOf(name, resources));
            const { outcomes } = evaluateOutcomes([ruleNamed(name)], resources);
            assert.deepEqual(outcomes.filter(o => o.urn === sa.urn || o.urn === hc.urn).map(o => [o.name, o.outcome]), [["sa", "compliant"], ["agent", "compliant"]]);
        });

        it("rejects a basic, an administrator or a project-wide impersonation role granted to the account, by value in any spelling", () => {
            assertOneViolation(findingsOf(name, [account(), projectMember("roles/owner", SA)]), "role");
            assertOneViolation(findingsOf(name, [account(), projectMember("roles/Owner", SA)]), "role");
            assertOneViolation(findingsOf(name, [account(), projectMember("roles/iam.serviceAccountTokenCreator", SA)]), "role");
            // The IAM v2 principal spelling and upper case name the same account.
            assertOneViolation(findingsOf(name, [account(), resource("gcp:storage/bucketIAMMember:BucketIAMMember", { bucket: "b", role: "roles/storage.admin",
                member: "principal://iam.googleapis.com/projects/-/serviceAccounts/MERCY-DATAPROC@p.iam.gserviceaccount.com" })]), "role");
            assertOneViolation(findingsOf(name, [account(), resource("gcp:kms/keyRingIAMBinding:KeyRingIAMBinding", { keyRingId: "r", role: "roles/cloudkms.admin", members: ["group:g@b.org", SA] })]), "role");
            assertOneViolation(findingsOf(name, [account(), resource("gcp:projects/iAMPolicy:IAMPolicy", { project: "p",
                policyData: JSON.stringify({ bindings: [{ role: "roles/viewer", members: [SA] }, { role: "roles/resourcemanager.projectIamAdmin", members: [SA] }] }) })]), "policyData.bindings[1].role");
            // A number where a role name is expected is not a task role.
            assertOneViolation(findingsOf(name, [account(), projectMember(7, SA)]), "role");
            // Impersonation on one account only (not the project) is a grant scoped to that account.
            assertNoFinding(findingsOf(name, [account(), resource("gcp:storage/bucketIAMMember:BucketIAMMember", { bucket: "b", role: "roles/iam.serviceAccountUser", member: SA })]));
        });

        it("relates a grant built from the identity even when its member is unknown or another spelling, and a role unknown at preview is unknown", () => {
            const sa = account();
            assertOneViolation(findingsOf(name, [sa, dependsOn(projectMember("roles/editor", UNKNOWN), "member", sa)]), "role");
            // One member names it, another (unknown at preview) was built from it too: both are its grants.
            const sa3 = account();
            assertOneViolation(findingsOf(name, [sa3, dependsOn(resource("gcp:projects/iAMBinding:IAMBinding", { project: "p", role: "roles/owner", members: ["group:g@b.org", UNKNOWN] }), "members", sa3)]), "role");
            const hc = agent();
            assertOneViolation(findingsOf(name, [hc, dependsOn(resource("gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember", { cryptoKeyId: "k", role: "roles/cloudkms.admin", member: "serviceAccount:service-1@gcp-sa-healthcare.iam.gserviceaccount.com" }), "member", hc)]), "role");
            assertOneViolation(findingsOf(name, [agent(), projectMember("roles/owner", "serviceAccount:service-42@gcp-sa-healthcare.iam.gserviceaccount.com")]), "role");
            assertOnlyUnknown(findingsOf(name, [account(), projectMember(UNKNOWN, SA)]), "role");
            const sa2 = account();
            assertOnlyUnknown(findingsOf(name, [sa2, dependsOn(resource("gcp:projects/iAMPolicy:IAMPolicy", { project: "p", policyData: UNKNOWN }), "policyData", sa2)]), "policyData");
        });

        it("does not charge another principal's grant to the account", () => {
            assertNoFinding(findingsOf(name, [account(), projectMember("roles/owner", "user:admin@hospital.org"),
                projectMember("roles/owner", "serviceAccount:mercy-dataproc-2@p.iam.gserviceaccount.com"),
                projectMember("roles/owner", "serviceAccount:mercy-dataproc@other.iam.gserviceaccount.com")]));
        });

        it("rejects an account adopted from an existing one, whose roles and keys the stack does not show", () => {
            assertOneViolation(findingsOf(name, [resource("gcp:serviceaccount/account:Account", { accountId: "a", createIgnoreAlreadyExists: true })]), "createIgnoreAlreadyExists");
            assertOneViolation(findingsOf(name, [resource("gcp:serviceaccount/account:Account", { accountId: "a", createIgnoreAlreadyExists: "TRUE" })]), "createIgnoreAlreadyExists");
            assert.equal(findingsOf(name, [resource("gcp:serviceaccount/account:Account", { accountId: "a", createIgnoreAlreadyExists: false })]).length, 0);
        });
    });
});
