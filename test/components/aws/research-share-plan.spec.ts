// The plan of the AWS ResearchShare, from its arguments alone (components/aws/research-share-plan.ts): no
// mock runtime, no resource registered.
import assert from "node:assert/strict";
import { researchSharePlan, shareExpiryTagKey } from "../../../components/aws/research-share-plan";
import type { ResearchShareArgs } from "../../../components/aws/research-share";

const args: ResearchShareArgs = {
    tenant: "st-mary", region: "us-east-1", accessLogBucket: "stmary-access-logs",
    partners: [
        { id: "uni-a", principal: { account: "210987654321" }, dataset: "cohort2026", expires: "2027-01-31" },
        { id: "uni-a-late", principal: { account: "210987654321" }, dataset: "cohort2026", expires: "2027-06-30" },
        { id: "registry", principal: { account: "310987654321" }, dataset: "tumours", expires: "2026-12-31" },
    ],
};

describe("components/aws/research-share-plan", () => {
    it("classifies everything of the zone de-identified (SHARE-DEIDENTIFIED)", () => {
        const plan = researchSharePlan(args, "s");
        assert.equal(plan.common.classification, "deidentified");
        assert.equal(plan.tags["data-classification"], "deidentified");
    });

    it("declares the Data Catalog's encryption only in the stack named for the account's settings", () => {
        assert.equal(researchSharePlan(args, "s").declaresCatalogEncryption, true);
        assert.equal(researchSharePlan({ ...args, accountSettingsStack: "landing" }, "s").declaresCatalogEncryption, false);
    });

    it("makes one database per dataset, tagged with each partner account's latest last day", () => {
        const [cohort, tumours] = researchSharePlan(args, "s").databases;
        assert.deepEqual([cohort.dataset, cohort.name, tumours.name], ["cohort2026", "st_mary_deid_cohort2026", "st_mary_deid_tumours"]);
        assert.equal(cohort.tags[shareExpiryTagKey("210987654321")], "2027-06-30");
        assert.equal(cohort.tags[shareExpiryTagKey("310987654321")], undefined);
        assert.deepEqual(cohort.lfTags, [{ key: "st-mary-data-classification", value: "deidentified" }, { key: "st-mary-dataset", value: "cohort2026" }]);
    });

    it("grants each partner SELECT and DESCRIBE without grant option, on de-identified tables of its dataset only (LEAST-PRIVILEGE)", () => {
        const plan = researchSharePlan(args, "s");
        assert.deepEqual(plan.lfTags.dataset.values, ["cohort2026", "tumours"]);
        assert.deepEqual(plan.grants.map(g => [g.id, g.principal]), [["uni-a", "210987654321"], ["uni-a-late", "210987654321"], ["registry", "310987654321"]]);
        for (const grant of plan.grants) {
            assert.deepEqual([grant.permissions, grant.permissionsWithGrantOptions], [["SELECT", "DESCRIBE"], []]);
            assert.deepEqual(grant.expressions[0], { key: "st-mary-data-classification", values: ["deidentified"] });
        }
        assert.deepEqual(plan.grants[2].expressions[1], { key: "st-mary-dataset", values: ["tumours"] });
    });
});
