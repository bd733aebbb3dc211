import assert from "node:assert/strict";
import { validateHospitalConfig } from "../../../components/config";
import { expiryCondition, researchShareProblems, subscriberRole } from "../../../components/gcp/research-share";
import { HospitalPlatform } from "../../../components/platform";
import { evaluate } from "../../../policies/lib/evaluate";
import { rules } from "../../../policies/gcp";
import { todayVariable } from "../../../policies/lib/config";
import { record, Recorded } from "../../support/record";
import { dependsOn, gcpConfig, project, region } from "./support";

const today = "2026-06-15";
const partners = [
    { id: "uni-research", principal: { member: "group:oncology-research@university.edu" }, dataset: "cohort2026", expires: "2027-01-31" },
    { id: "registry-etl", principal: { member: "serviceAccount:etl@registry-prod.iam.gserviceaccount.com" }, dataset: "cohort2026", expires: "2026-09-30" },
];

describe("components/gcp ResearchShare", () => {
    let r: Recorded;
    before(async () => {
        process.env[todayVariable] = today;
        const config = validateHospitalConfig({ tenant: "mercy", cloud: "gcp", region, admins: ["group:phi-admins@mercy.org"], gcp: { project }, sharing: partners });
        r = await record(() => { new HospitalPlatform("mercy", { config }); }, { config: gcpConfig });
    });
    after(() => { delete process.env[todayVariable]; });

    it("is composed by the platform when hospital:sharing names partners", () => {
        assert.equal(r.one("hipaa-cloud:gcp:ResearchShare").parent, r.one("hipaa-cloud:index:HospitalPlatform").urn);
    });

    it("keeps the zone apart from PHI: one BigQuery dataset per shared dataset under the zone's own key, labelled deidentified", () => {
        const ds = r.ofType("gcp:bigquery/dataset:Dataset").filter(d => (d.inputs.labels as any)["data-classification"] === "deidentified");
        assert.deepEqual(ds.map(d => d.inputs.datasetId), ["mercy_deid_cohort2026"]);
        const key = r.ofType("gcp:kms/cryptoKey:CryptoKey").find(k => k.inputs.name === "mercy-deidentified")!;
        assert.ok(key, "the zone's own key");
        assert.equal((key.inputs.labels as any)["data-classification"], "deidentified");
        assert.match(String((ds[0].inputs.defaultEncryptionConfiguration as any).kmsKeyName), /mercy-deidentified/);
        const grant = r.ofType("gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember").find(g => g.name === "mercy-research-share-keys-bigquery-agent")!;
        assert.ok(dependsOn(ds[0], grant), "the dataset waits for the BigQuery agent's key grant");
        assert.equal(ds[0].protect, true);
    });

    it("publishes through a private exchange and listing that log query users and restrict export", () => {
        const exchange = r.one("gcp:bigqueryanalyticshub/dataExchange:DataExchange");
        assert.equal(exchange.inputs.discoveryType, "DISCOVERY_TYPE_PRIVATE");
        assert.equal(exchange.inputs.logLinkedDatasetQueryUserEmail, true);
        const listing = r.one("gcp:bigqueryanalyticshub/listing:Listing");
        assert.equal(listing.inputs.discoveryType, "DISCOVERY_TYPE_PRIVATE");
        assert.equal(listing.inputs.logLinkedDatasetQueryUserEmail, true);
        assert.deepEqual(listing.inputs.restrictedExportConfig, { enabled: true, restrictQueryResult: true });
        assert.ok(r.ofType("gcp:projects/iAMAuditConfig:IAMAuditConfig").some(a => a.inputs.service === "analyticshub.googleapis.com"));
    });

    it("gives each partner the subscriber role on the listing, with a condition ending after its last day", () => {
        const members = r.ofType("gcp:bigqueryanalyticshub/listingIamMember:ListingIamMember");
        assert.deepEqual(members.map(m => m.inputs.member).sort(), partners.map(p => p.principal.member).sort());
        for (const m of members) assert.equal(m.inputs.role, subscriberRole);
        const etl = members.find(m => String(m.inputs.member).startsWith("serviceAccount:"))!;
        assert.deepEqual(etl.inputs.condition, expiryCondition("2026-09-30"));
        assert.equal((etl.inputs.condition as any).expression, 'request.time < timestamp("2026-10-01T00:00:00Z")');
    });

    it("leaves the Google Cloud rules nothing mandatory", () => {
        const findings = evaluate(rules, r.policyResources).filter(f => f.enforcement === "mandatory" && !f.exempted);
        assert.deepEqual(findings.map(f => `${f.policy} on ${f.name}: ${f.message}`), []);
    });

    it("refuses partners as hospital:sharing does, naming the argument", () => {
        process.env[todayVariable] = today;
        assert.match(researchShareProblems({ partners: [{ ...partners[0], principal: { member: "allUsers" } }] }).join(" "), /'partners\[0\]\.principal\.member': got "allUsers"/);
    });
});
