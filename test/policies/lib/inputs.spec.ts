import assert from "node:assert/strict";
import { rules as azureRules } from "../../../policies/azure";
import { evaluate } from "../../../policies/lib/evaluate";
import { equalsAnyIgnoreCase, isSet, isText, isTrue, readsFalse, toNumber } from "../../../policies/lib/inputs";
import type { PolicyResource } from "../../../policies/lib/rule";
import { UNKNOWN } from "../../../policies/lib/values";

describe("policies/lib/inputs (one reader per meaning, for the three clouds)", () => {
    it("toNumber reads 7 and \"7\"; NaN for unset, unknown, text and what no cloud takes (Infinity, 1e999)", () => {
        assert.equal(toNumber(7), 7);
        assert.equal(toNumber(" 2192 "), 2192);
        assert.equal(toNumber("7776000.5"), 7776000.5);
        assert.equal(toNumber("-1"), -1);
        for (const v of [undefined, null, UNKNOWN, "", " ", "seven", "Infinity", "-Infinity", "1e999", Infinity, {}, [7], "0x1E", "0b11", "0o7", "1_000", "7 days"]) {
            assert.ok(Number.isNaN(toNumber(v)), `${String(v)} is no number`);
        }
    });

    it("isSet takes any given value; isText only a non-blank string (an id, ARN or key name)", () => {
        for (const v of [0, false, { id: 1 }, "x"]) assert.equal(isSet(v), true, JSON.stringify(v));
        for (const v of [undefined, null, UNKNOWN, "", "  "]) assert.equal(isSet(v), false, String(v));
        assert.equal(isText("arn:aws:kms:us-east-1:1:key/k"), true);
        for (const v of [7, { id: 1 }, ["k"], "  ", UNKNOWN]) assert.equal(isText(v), false, String(v));
    });

    it("reads booleans and enums as users write them, an unknown never true", () => {
        assert.equal(isTrue(" TRUE "), true);
        assert.equal(isTrue(UNKNOWN), false);
        assert.equal(readsFalse("f"), true);
        assert.equal(readsFalse("no"), false);
        assert.equal(equalsAnyIgnoreCase("enabled", "Disabled", "Enabled"), true);
        assert.equal(equalsAnyIgnoreCase(UNKNOWN, "Enabled"), false);
    });

    it("a retention of \"Infinity\" days is a finding, no longer a pass (Azure read it as a number above every minimum)", () => {
        const table = (totalRetentionInDays: unknown): PolicyResource => ({
            type: "azure-native:operationalinsights:Table", name: "t", urn: "urn:pulumi:s::p::azure-native:operationalinsights:Table::t",
            props: { workspaceName: "law", resourceGroupName: "rg", totalRetentionInDays }, opts: {},
        });
        const rule = azureRules.filter(r => r.name === "azure-retention-log-analytics-table");
        assert.equal(rule.length, 1);
        assert.deepEqual(evaluate(rule, [table(2192)]), []);
        assert.equal(evaluate(rule, [table("Infinity")]).length, 1);
    });
});
