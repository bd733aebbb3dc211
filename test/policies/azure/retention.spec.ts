import assert from "node:assert/strict";
import * as rules from "../../../policies/azure/retention";
import { UNKNOWN } from "../../../policies/lib/values";
import { assertFails, assertPasses, assertUnknown, logWorkspace, res, runOn, runStack } from "./fixtures";

const C = "RETENTION";
const table = (totalRetentionInDays: unknown, extra: Record<string, unknown> = {}) =>
    res("azure-native:operationalinsights:Table", "activity", { workspaceName: "stmary-law", resourceGroupName: "rg", tableName: "AzureActivity", totalRetentionInDays, ...extra });

describe("azure RETENTION", () => {
    describe("azure-retention-log-analytics-table", () => {
        it("passes six years", () => assertPasses(runOn(rules.logAnalyticsTable, table(2192))));
        it("passes six years written as a string", () => assertPasses(runOn(rules.logAnalyticsTable, table("2190"))));
        it("fails one year", () => assertFails(runOn(rules.logAnalyticsTable, table(365)), C, "totalRetentionInDays"));
        it("fails the workspace default (unset)", () => assertFails(runOn(rules.logAnalyticsTable, table(undefined)), C, "totalRetentionInDays"));
        it("reads the minimum from the pack config", () => assertFails(runOn(rules.logAnalyticsTable, table(2192), { minimumRetentionDays: 3000 }), C, "at least 3000"));
        it("reports a retention unknown at preview as advisory", () => assertUnknown(runOn(rules.logAnalyticsTable, table(UNKNOWN)), "totalRetentionInDays"));
    });
    describe("azure-retention-log-analytics-workspace (stack)", () => {
        it("passes a workspace with a six-year table", () => assertPasses(runStack(rules.logAnalyticsWorkspace, [logWorkspace(), table(2192)])));
        it("fails a workspace without a long-retention table, on the workspace", () => {
            const f = runStack(rules.logAnalyticsWorkspace, [logWorkspace()]);
            assertFails(f, C, "totalRetentionInDays");
            assert.equal(f[0].urn, logWorkspace().urn);
        });
        it("fails a workspace whose table of another workspace is long", () =>
            assertFails(runStack(rules.logAnalyticsWorkspace, [logWorkspace(), table(2192, { workspaceName: "other" })]), C, "totalRetentionInDays"));
        it("passes a table tied to the workspace through an output", () =>
            assertPasses(runStack(rules.logAnalyticsWorkspace, [logWorkspace(), { ...table(2192, { workspaceName: "generated" }), opts: { propertyDependencies: { workspaceName: [logWorkspace().urn] } } }])));
    });
});
