import assert from "node:assert/strict";
import * as rules from "../../../policies/azure/retention";
import { UNKNOWN } from "../../../policies/lib/values";
import { assertNoFinding, assertOneViolation, assertOnlyUnknown, findingsOf, resource } from "../../support/policies";
import { logWorkspace } from "./baselines";

const C = "RETENTION";
const table = (totalRetentionInDays: unknown, extra: Record<string, unknown> = {}) =>
    resource("azure-native:operationalinsights:Table", { workspaceName: "stmary-law", resourceGroupName: "rg", tableName: "AzureActivity", totalRetentionInDays, ...extra }, { name: "activity" });

describe("azure RETENTION", () => {
    describe("azure-retention-log-analytics-table", () => {
        it("passes six years", () => assertNoFinding(findingsOf(rules.logAnalyticsTable, table(2192))));
        it("passes six years written as a string", () => assertNoFinding(findingsOf(rules.logAnalyticsTable, table("2190"))));
        it("fails one year", () => assertOneViolation(findingsOf(rules.logAnalyticsTable, table(365)), "totalRetentionInDays", { control: C }));
        it("fails the workspace default (unset)", () => assertOneViolation(findingsOf(rules.logAnalyticsTable, table(undefined)), "totalRetentionInDays", { control: C }));
        it("reads the minimum from the pack config", () => assertOneViolation(findingsOf(rules.logAnalyticsTable, table(2192), { minimumRetentionDays: 3000 }), "at least 3000", { control: C }));
        it("reports a retention unknown at preview as advisory", () => assertOnlyUnknown(findingsOf(rules.logAnalyticsTable, table(UNKNOWN)), "totalRetentionInDays"));
    });
    describe("azure-retention-log-analytics-workspace (stack)", () => {
        it("passes a workspace with a six-year table", () => assertNoFinding(findingsOf(rules.logAnalyticsWorkspace, [logWorkspace(), table(2192)])));
        it("fails a workspace without a long-retention table, on the workspace", () => {
            const f = findingsOf(rules.logAnalyticsWorkspace, [logWorkspace()]);
            assertOneViolation(f, "totalRetentionInDays", { control: C });
            assert.equal(f[0].urn, logWorkspace().urn);
        });
        it("fails a workspace whose table of another workspace is long", () =>
            assertOneViolation(findingsOf(rules.logAnalyticsWorkspace, [logWorkspace(), table(2192, { workspaceName: "other" })]), "totalRetentionInDays", { control: C }));
        it("passes a table tied to the workspace through an output", () =>
            assertNoFinding(findingsOf(rules.logAnalyticsWorkspace, [logWorkspace(), { ...table(2192, { workspaceName: UNKNOWN }), opts: { propertyDependencies: { workspaceName: [logWorkspace().urn] } } }])));
    });
});
