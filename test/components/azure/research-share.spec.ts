import assert from "node:assert/strict";
import { partnerCondition, researchShareProblems } from "../../../components/azure/research-share";
import { evaluate } from "../../../policies/lib/evaluate";
import { rules as azureRules } from "../../../policies/azure";
import { todayVariable } from "../../../policies/lib/config";
import type { Recorded } from "../../support/record";
import { hospitalConfig, recordPlatform } from "./harness";

const today = "2026-06-15";
const partner = { id: "uni-research", principal: { tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47", objectId: "9b2c1f3e-2a4d-4e8b-9c1d-5e6f7a8b9c0d" }, dataset: "cohort2026", expires: "2027-01-31" };

describe("components/azure ResearchShare", () => {
    let r: Recorded;
    before(async () => {
        process.env[todayVariable] = today;
        r = await recordPlatform(hospitalConfig({ sharing: [partner] }));
    });
    after(() => { delete process.env[todayVariable]; });

    it("is composed by the platform when hospital:sharing names partners", () => {
        const share = r.one("hipaa-cloud:azure:ResearchShare");
        assert.equal(share.parent, r.one("hipaa-cloud:index:HospitalPlatform").urn);
    });

    it("keeps the zone apart from PHI: its own Data Lake account and key, tagged deidentified, no shared keys, no public network", () => {
        const accounts = r.ofType("azure-native:storage:StorageAccount").filter(a => (a.inputs.tags as any)["data-classification"] === "deidentified");
        assert.equal(accounts.length, 1);
        const account = accounts[0];
        assert.equal(account.inputs.isHnsEnabled, true);
        assert.equal(account.inputs.allowSharedKeyAccess, false);
        assert.equal(account.inputs.publicNetworkAccess, "Disabled");
        assert.equal((account.inputs.encryption as any).keyVaultProperties.keyName, "deidentified");
        const deidKey = r.ofType("azure-native:keyvault:Key").find(k => k.inputs.keyName === "deidentified")!;
        assert.equal((deidKey.inputs.tags as any)["data-classification"], "deidentified");
        assert.ok(r.ofType("azure-native:network:PrivateEndpoint").some(e => e.name.startsWith("stlukes-research-share-storage-blob")));
    });

    it("gives the partner Storage Blob Data Reader on its container only, conditioned to that container and its last day", () => {
        const grant = r.one("azure-native:authorization:RoleAssignment", "stlukes-research-share-uni-research");
        assert.match(String(grant.inputs.roleDefinitionId), /2a2b9908-6ea1-4ae2-8e65-a410df84e7d1$/);
        assert.match(String(grant.inputs.scope), /\/blobServices\/default\/containers\/cohort2026$/);
        assert.equal(grant.inputs.principalId, partner.principal.objectId);
        assert.equal(grant.inputs.conditionVersion, "2.0");
        assert.equal(grant.inputs.condition, partnerCondition("cohort2026", "2027-01-31"));
        assert.match(String(grant.inputs.condition), /DateTimeLessThan '2027-02-01T00:00:00Z'/);
    });

    it("leaves the Azure rules nothing mandatory", () => {
        const findings = evaluate(azureRules, r.policyResources).filter(f => f.enforcement === "mandatory" && !f.exempted);
        assert.deepEqual(findings.map(f => `${f.policy} on ${f.name}: ${f.message}`), []);
    });

    it("ends a grant at the first instant after the last day, across a month and a year", () => {
        assert.match(partnerCondition("c1x", "2026-12-31"), /'2027-01-01T00:00:00Z'/);
        assert.match(partnerCondition("c1x", "2028-02-28"), /'2028-02-29T00:00:00Z'/);
    });

    it("refuses partners as hospital:sharing does, naming the argument", () => {
        process.env[todayVariable] = today;
        const problems = researchShareProblems({ partners: [{ ...partner, principal: { tenantId: partner.principal.tenantId, objectId: "*" } }] });
        assert.match(problems.join(" "), /'partners\[0\]\.principal\.objectId': got "\*"/);
    });
});
