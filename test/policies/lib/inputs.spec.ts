import assert from "node:assert/strict";
import { rules as azureRules } from "../../../policies/azure";
import { evaluate } from "../../../policies/lib/evaluate";
import { armReads, equalsAnyIgnoreCase, isSet, isText, mayMeanOn, parseBoolReads, terraformReads, toNumber } from "../../../policies/lib/inputs";
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

    it("reads a switch's safe state only as its provider does, an unsafe one however spelt, an unknown as neither", () => {
        assert.equal(terraformReads.on("1"), true);
        assert.equal(terraformReads.off("0"), true);
        for (const v of [" true ", "TRUE", "t", 1, "true\u200b", UNKNOWN]) assert.equal(terraformReads.on(v), false, JSON.stringify(v));
        for (const v of ["1", 1, "0", 0, "True", " false"]) assert.equal(armReads.on(v) || armReads.off(v), false, JSON.stringify(v));
        assert.equal(parseBoolReads.off("f"), true);
        assert.equal(parseBoolReads.off("no"), false);
        for (const v of [" TRUE ", "1", 1, "t", "true\u200b"]) assert.equal(mayMeanOn(v), true, JSON.stringify(v));
        assert.equal(mayMeanOn(UNKNOWN) || terraformReads.onOrUnset(UNKNOWN) || terraformReads.offOrUnset(UNKNOWN), false);
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
